/* sl-route.h: the path to a host, hop by hop, without root: probes with increasing TTL
 * (UDP like tracepath, ICMP echo, or TCP connect), live statistics per hop like mtr.
 * The options and the run it shares with SlPinger come from SlProbeRunner; the functions
 * below that are about them call its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-probe-runner.h"
#include "sl-route-hop.h"
#include "sl-trace.h"

G_BEGIN_DECLS

#define SL_ROUTE_ERROR (sl_route_error_quark ())
#define SL_TYPE_ROUTE  (sl_route_get_type ())

typedef enum {
  SL_ROUTE_ERROR_INVALID_OPTION,
  SL_ROUTE_ERROR_BUSY,
} SlRouteError;

/* How probes are sent. The order is the fallback order after the chosen one. */
typedef enum {
  SL_ROUTE_METHOD_UDP,   /* UDP datagrams, errors read with IP_RECVERR (tracepath): no rights needed */
  SL_ROUTE_METHOD_ICMP,  /* ICMP echo on a datagram socket: needs net.ipv4.ping_group_range */
  SL_ROUTE_METHOD_TCP,   /* TCP connect (SYN) to port: passes firewalls that drop UDP and ICMP */
} SlRouteMethod;

G_DECLARE_FINAL_TYPE (SlRoute, sl_route, SL, ROUTE, SlProbeRunner)

#define SL_ROUTE_DEFAULT_MAX_TTL        30
#define SL_ROUTE_MAX_TTL                255
#define SL_ROUTE_DEFAULT_INTERVAL       SL_PROBE_RUNNER_DEFAULT_INTERVAL  /* as mtr */
#define SL_ROUTE_MIN_USER_INTERVAL      1.0     /* mtr's limit for non-root users */
#define SL_ROUTE_MIN_INTERVAL           SL_PROBE_RUNNER_MIN_INTERVAL  /* the setters clamp */
#define SL_ROUTE_MAX_INTERVAL           SL_PROBE_RUNNER_MAX_INTERVAL
#define SL_ROUTE_DEFAULT_TIMEOUT        SL_PROBE_RUNNER_DEFAULT_TIMEOUT
#define SL_ROUTE_MIN_TIMEOUT            SL_PROBE_RUNNER_MIN_TIMEOUT
#define SL_ROUTE_MAX_TIMEOUT            SL_PROBE_RUNNER_MAX_TIMEOUT
#define SL_ROUTE_DEFAULT_PORT           443
/* Probes in flight at once, as traceroute's default -N 16. */
#define SL_ROUTE_WINDOW                 16

GQuark         sl_route_error_quark               (void);

SlRoute       *sl_route_new                       (const char          *host);

/* Options. A running route follows count, interval, timeout and resolve-names as they
 * change; the others take effect with the next run. */
const char    *sl_route_get_host                  (SlRoute             *self);
void           sl_route_set_host                  (SlRoute             *self,
                                                   const char          *host);
/* G_SOCKET_FAMILY_IPV4 / IPV6: resolve to that family only; INVALID (default): any. */
GSocketFamily  sl_route_get_family                (SlRoute             *self);
void           sl_route_set_family                (SlRoute             *self,
                                                   GSocketFamily        family);
/* The method tried first (default UDP); see method-used for the one a run got. */
SlRouteMethod  sl_route_get_method                (SlRoute             *self);
void           sl_route_set_method                (SlRoute             *self,
                                                   SlRouteMethod        method);
/* The TCP port the TCP method connects to (1–65535). */
guint          sl_route_get_port                  (SlRoute             *self);
void           sl_route_set_port                  (SlRoute             *self,
                                                   guint                port);
/* The largest TTL probed (1–255, default 30). */
guint          sl_route_get_max_ttl               (SlRoute             *self);
void           sl_route_set_max_ttl               (SlRoute             *self,
                                                   guint                max_ttl);
/* Rounds: each sends one probe per TTL; 0 (default): until stopped, like mtr. */
guint          sl_route_get_count                 (SlRoute             *self);
void           sl_route_set_count                 (SlRoute             *self,
                                                   guint                count);
/* Seconds between rounds and before a probe is given up on, clamped to the limits above;
 * NaN is refused. */
double         sl_route_get_interval              (SlRoute             *self);
void           sl_route_set_interval              (SlRoute             *self,
                                                   double               interval);
double         sl_route_get_timeout               (SlRoute             *self);
void           sl_route_set_timeout               (SlRoute             *self,
                                                   double               timeout);
/* Look up each hop's name (reverse DNS, default TRUE); FALSE is tracepath -n / mtr -n. */
gboolean       sl_route_get_resolve_names         (SlRoute             *self);
void           sl_route_set_resolve_names         (SlRoute             *self,
                                                   gboolean             resolve_names);
SlTrace       *sl_route_get_trace                 (SlRoute             *self);
void           sl_route_set_trace                 (SlRoute             *self,
                                                   SlTrace             *trace);

/* Results of the current or last run. */
gboolean       sl_route_get_running               (SlRoute             *self);
const char    *sl_route_get_address               (SlRoute             *self);   /* "198.18.3.2" */
SlRouteMethod  sl_route_get_method_used           (SlRoute             *self);
/* Which method, why, and why the ones before it could not be used; for the student. */
const char    *sl_route_get_method_explanation    (SlRoute             *self);
/* Rounds started so far. */
guint          sl_route_get_round                 (SlRoute             *self);
gboolean       sl_route_get_destination_reached   (SlRoute             *self);
/* The largest packet that crosses the whole path as far as probed, in bytes (UDP and ICMP
 * probes are that size, as tracepath's); 0 for TCP. */
guint          sl_route_get_path_mtu              (SlRoute             *self);
/* SlRouteHop items, one per TTL from 1, up to the destination (or max-ttl) once known. */
GListModel    *sl_route_get_hops                  (SlRoute             *self);
/* The commands a student can run to compare (tracepath, mtr, traceroute), for the method
 * the last run used (the chosen one before any run). (transfer full) */
char         **sl_route_get_equivalent_commands   (SlRoute             *self);

/* Runs until @count rounds are answered or given up on, sl_route_stop (), or @cancellable. */
void           sl_route_run_async                 (SlRoute             *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       sl_route_run_finish                (SlRoute             *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Ends a run now; it finishes successfully. Probes still out are not counted. */
void           sl_route_stop                      (SlRoute             *self);

const char    *sl_route_method_to_string          (SlRouteMethod        method);

G_END_DECLS
