/* sl-probe-method.h: what choosing a ping method and a route method share (private): the
 * fallback from one method to the next with why each could not be used, the reasons an ICMP
 * socket may not open (net.ipv4.ping_group_range, CAP_NET_RAW), and asking the routing
 * table whether the target can be reached at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/socket.h>

#include "sl-probe-runner.h"
#include "sl-trace.h"

G_BEGIN_DECLS

/* Opens @method: a prober, or NULL with *out_errno set. */
typedef gpointer (*SlProbeMethodOpenFunc)   (int       method,
                                             gpointer  user_data,
                                             int      *out_errno);
/* One sentence: why @method could not be opened (@errsv from the open function). */
typedef char    *(*SlProbeMethodWhyNotFunc) (int       method,
                                             int       errsv);

/* Tries @methods in order until one opens (the last one must always open) and returns its
 * prober. @out_method: the one that opened; @out_failures: why the ones before it could
 * not, one sentence each, joined by spaces ("" when the first one opened). */
gpointer  sl_probe_method_open_first   (const int                *methods,
                                        guint                     n_methods,
                                        SlProbeMethodOpenFunc     open,
                                        SlProbeMethodWhyNotFunc   why_not,
                                        gpointer                  user_data,
                                        int                      *out_method,
                                        char                    **out_failures);

/* The file Flatpak puts at the root of every sandbox. */
#define SL_FLATPAK_INFO "/.flatpak-info"

/* Whether @flatpak_info exists: with SL_FLATPAK_INFO, whether Socket Lab runs inside a
 * Flatpak sandbox (tests pass a path of their own). */
gboolean  sl_probe_method_in_flatpak                 (const char *flatpak_info);
/* Why an ICMP datagram socket could not be opened (@errsv from socket ()) for group @gid,
 * with @range the value of net.ipv4.ping_group_range, and how to allow it. */
char     *sl_probe_method_explain_icmp_dgram_failure (int         errsv,
                                                      guint       gid,
                                                      const char *range,
                                                      gboolean    in_flatpak);
/* Why a raw ICMP socket could not be opened (@errsv from socket ()). */
char     *sl_probe_method_explain_icmp_raw_failure   (int         errsv,
                                                      gboolean    in_flatpak);
/* The same for this process: its group, this system's ping_group_range, its sandbox. */
char     *sl_probe_method_explain_icmp_dgram_failure_here (int errsv);
char     *sl_probe_method_explain_icmp_raw_failure_here   (int errsv);

/* Like iputils and tracepath: connects a UDP socket (of @protocol, 0 or IPPROTO_UDP, as the
 * caller's command does) to @target at @port, which sends nothing: it only asks the routing
 * table whether a route exists. FALSE with the errno of socket () or connect ()
 * (G_IO_ERROR_NETWORK_UNREACHABLE…) described, for the caller's own words around it; both
 * calls are traced. */
gboolean  sl_probe_method_check_route  (const SlProbeTarget           *target,
                                        int                            protocol,
                                        guint16                        port,
                                        SlTrace                       *trace,
                                        GError                       **error);

G_END_DECLS
