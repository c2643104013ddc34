/* sl-ping-method.h: choose the ping method this system allows and say why (private).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-prober.h"

G_BEGIN_DECLS

/* The file Flatpak puts at the root of every sandbox. */
#define SL_FLATPAK_INFO "/.flatpak-info"

/* Whether @flatpak_info exists: with SL_FLATPAK_INFO, whether Socket Lab runs inside a
 * Flatpak sandbox (tests pass a path of their own). */
gboolean  sl_ping_method_in_flatpak               (const char *flatpak_info);

/* Why an ICMP datagram socket could not be opened (@errsv from socket ()) for group @gid,
 * with @range the value of net.ipv4.ping_group_range, and how to allow it. */
char     *sl_ping_method_explain_datagram_failure (int         errsv,
                                                   guint       gid,
                                                   const char *range,
                                                   gboolean    in_flatpak);

/* Why a raw ICMP socket could not be opened (@errsv from socket ()). */
char     *sl_ping_method_explain_raw_failure      (int         errsv,
                                                   gboolean    in_flatpak);

/* Opens a prober for @first, or the next method that works after it (datagram ICMP, raw
 * ICMP, then TCP connect, which always opens). @out_explanation: which method and why,
 * including why the ones before it were not possible, for the student. */
SlProber *sl_ping_method_open        (SlPingMethod            first,
                                      const SlProberOptions  *options,
                                      char                  **out_explanation);

/* Like iputils: connect a UDP socket to find out early that no route leads to the target
 * (this sends nothing). */
gboolean  sl_ping_method_check_route (const SlProberOptions  *options,
                                      GError                **error);

G_END_DECLS
