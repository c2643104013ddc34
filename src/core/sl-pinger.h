/* sl-pinger.h: ping one host with ICMP echo (datagram or raw socket) or TCP connect.
 * The options and the run it shares with SlRoute come from SlProbeRunner; the functions
 * below that are about them call its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-log.h"
#include "sl-ping-probe.h"
#include "sl-ping-stats.h"
#include "sl-probe-runner.h"
#include "sl-trace.h"
#include "sl-types.h"

G_BEGIN_DECLS

#define SL_PINGER_ERROR (sl_pinger_error_quark ())
#define SL_TYPE_PINGER  (sl_pinger_get_type ())

typedef enum {
  SL_PINGER_ERROR_INVALID_OPTION,
  SL_PINGER_ERROR_BUSY,
} SlPingerError;

G_DECLARE_FINAL_TYPE (SlPinger, sl_pinger, SL, PINGER, SlProbeRunner)

#define SL_PINGER_DEFAULT_INTERVAL      SL_PROBE_RUNNER_DEFAULT_INTERVAL
#define SL_PINGER_MIN_USER_INTERVAL     0.2     /* iputils' limit for non-root users */
#define SL_PINGER_MIN_INTERVAL          SL_PROBE_RUNNER_MIN_INTERVAL  /* the setters clamp */
#define SL_PINGER_MAX_INTERVAL          SL_PROBE_RUNNER_MAX_INTERVAL
#define SL_PINGER_DEFAULT_TIMEOUT       SL_PROBE_RUNNER_DEFAULT_TIMEOUT
#define SL_PINGER_MIN_TIMEOUT           SL_PROBE_RUNNER_MIN_TIMEOUT
#define SL_PINGER_MAX_TIMEOUT           SL_PROBE_RUNNER_MAX_TIMEOUT
#define SL_PINGER_DEFAULT_PAYLOAD_SIZE  56
#define SL_PINGER_MAX_PAYLOAD_SIZE      65500
#define SL_PINGER_DEFAULT_TCP_PORT      443

GQuark        sl_pinger_error_quark             (void);

SlPinger     *sl_pinger_new                     (const char           *host);

const char   *sl_pinger_get_host                (SlPinger             *self);
void          sl_pinger_set_host                (SlPinger             *self,
                                                 const char           *host);
/* G_SOCKET_FAMILY_IPV4 / IPV6: resolve to that family only; INVALID (default): any. */
GSocketFamily sl_pinger_get_family              (SlPinger             *self);
void          sl_pinger_set_family              (SlPinger             *self,
                                                 GSocketFamily         family);
/* The first method tried; the ones after it in SlPingMethod order are the fallbacks. */
SlPingMethod  sl_pinger_get_method_preference   (SlPinger             *self);
void          sl_pinger_set_method_preference   (SlPinger             *self,
                                                 SlPingMethod          method);
guint         sl_pinger_get_count               (SlPinger             *self);   /* 0: until stopped */
void          sl_pinger_set_count               (SlPinger             *self,
                                                 guint                 count);
/* Interval and timeout in seconds, clamped to SL_PINGER_MIN_… / MAX_…; NaN is refused. */
double        sl_pinger_get_interval            (SlPinger             *self);
void          sl_pinger_set_interval            (SlPinger             *self,
                                                 double                interval);
double        sl_pinger_get_timeout             (SlPinger             *self);   /* seconds */
void          sl_pinger_set_timeout             (SlPinger             *self,
                                                 double                timeout);
guint         sl_pinger_get_payload_size        (SlPinger             *self);
void          sl_pinger_set_payload_size        (SlPinger             *self,
                                                 guint                 size);
guint         sl_pinger_get_tcp_port            (SlPinger             *self);
void          sl_pinger_set_tcp_port            (SlPinger             *self,
                                                 guint                 port);
SlLog        *sl_pinger_get_log                 (SlPinger             *self);
void          sl_pinger_set_log                 (SlPinger             *self,
                                                 SlLog                *log);
SlTrace      *sl_pinger_get_trace               (SlPinger             *self);
void          sl_pinger_set_trace               (SlPinger             *self,
                                                 SlTrace              *trace);

/* Known once a run has opened its socket. */
SlPingMethod  sl_pinger_get_method              (SlPinger             *self);
const char   *sl_pinger_get_method_explanation  (SlPinger             *self);
const char   *sl_pinger_get_address             (SlPinger             *self);   /* "::1" */
guint16       sl_pinger_get_ident               (SlPinger             *self);   /* ICMP id */
gboolean      sl_pinger_get_running             (SlPinger             *self);
const SlPingStats *sl_pinger_get_stats          (SlPinger             *self);
/* SlPingProbe items, oldest dropped after SL_LOG_DEFAULT_MAX_ENTRIES. */
GListModel   *sl_pinger_get_probes              (SlPinger             *self);
/* The iputils summary of the current or last run. */
char         *sl_pinger_format_summary          (SlPinger             *self);

/* Runs until @count probes are answered or lost, sl_pinger_stop (), or @cancellable. */
void          sl_pinger_run_async               (SlPinger             *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean      sl_pinger_run_finish              (SlPinger             *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
/* Ends a run as if its count was reached: the run finishes successfully. */
void          sl_pinger_stop                    (SlPinger             *self);

const char   *sl_ping_method_to_string          (SlPingMethod          method);

G_END_DECLS
