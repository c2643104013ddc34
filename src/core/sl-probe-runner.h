/* sl-probe-runner.h: what SlPinger and SlRoute share: a run that probes one host.
 *
 * The options (host, family, count, interval, timeout, trace), what a run found out
 * (address, method-explanation) and whether it is running are properties of this base;
 * the run itself (resolving the host for the chosen family, the task, stop and cancel,
 * the tick of the schedule) is its work. Subclasses check their options, open their
 * prober when the target is known, keep the schedule and the bookkeeping, and say what a
 * run that ends leaves behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/socket.h>

#include "sl-trace.h"

G_BEGIN_DECLS

#define SL_TYPE_PROBE_RUNNER (sl_probe_runner_get_type ())

G_DECLARE_DERIVABLE_TYPE (SlProbeRunner, sl_probe_runner, SL, PROBE_RUNNER, GObject)

#define SL_PROBE_RUNNER_DEFAULT_INTERVAL  1.0
#define SL_PROBE_RUNNER_MIN_INTERVAL      0.001   /* what the setters clamp to (seconds) */
#define SL_PROBE_RUNNER_MAX_INTERVAL      3600.0
#define SL_PROBE_RUNNER_DEFAULT_TIMEOUT   2.0
#define SL_PROBE_RUNNER_MIN_TIMEOUT       0.001
#define SL_PROBE_RUNNER_MAX_TIMEOUT       3600.0

/* The host as resolved: the first address getaddrinfo () gave, port 0. */
typedef struct {
  GSocketFamily            family;
  struct sockaddr_storage  address;
  socklen_t                length;
} SlProbeTarget;

struct _SlProbeRunnerClass
{
  GObjectClass parent_class;

  /* Why a run may not start: the subclass's error domain, its codes, and the messages
   * (N_ () marked; interval_message shows min_user_interval with %.1f). */
  GQuark        error_domain;
  int           busy_code;
  const char   *busy_message;
  int           invalid_option_code;
  const char   *interval_message;
  /* Shorter intervals need root (iputils: 0.2 s, mtr: 1 s). */
  double        min_user_interval;
  const char   *cancelled_message;
  const char   *tick_name;

  /* The port the host is parsed with ("host:port" forms): the TCP port. */
  guint    (*get_port) (SlProbeRunner     *self);
  /* A run starts: forget the results of the last one. */
  void     (*reset) (SlProbeRunner        *self);
  /* The target is known: open the prober. FALSE with @error ends the run. */
  gboolean (*begin) (SlProbeRunner        *self,
                     const SlProbeTarget  *target,
                     GError              **error);
  /* The schedule's deadline came (see sl_probe_runner_tick_at ()). */
  void     (*tick)  (SlProbeRunner        *self,
                     gint64                now_us);
  /* The run ends (@error NULL when it ended well or was stopped): settle the probes still
   * out, close the prober. Called before running turns FALSE. */
  void     (*end)   (SlProbeRunner        *self,
                     const GError         *error);
};

const char    *sl_probe_runner_get_host                (SlProbeRunner *self);
void           sl_probe_runner_set_host                (SlProbeRunner *self,
                                                        const char    *host);
/* G_SOCKET_FAMILY_IPV4 / IPV6: resolve to that family only; INVALID (default): any. */
GSocketFamily  sl_probe_runner_get_family              (SlProbeRunner *self);
void           sl_probe_runner_set_family              (SlProbeRunner *self,
                                                        GSocketFamily  family);
/* 0: until stopped. */
guint          sl_probe_runner_get_count               (SlProbeRunner *self);
void           sl_probe_runner_set_count               (SlProbeRunner *self,
                                                        guint          count);
/* Seconds, clamped to SL_PROBE_RUNNER_MIN_… / MAX_…; NaN is refused. */
double         sl_probe_runner_get_interval            (SlProbeRunner *self);
void           sl_probe_runner_set_interval            (SlProbeRunner *self,
                                                        double         interval);
double         sl_probe_runner_get_timeout             (SlProbeRunner *self);
void           sl_probe_runner_set_timeout             (SlProbeRunner *self,
                                                        double         timeout);
SlTrace       *sl_probe_runner_get_trace               (SlProbeRunner *self);
void           sl_probe_runner_set_trace               (SlProbeRunner *self,
                                                        SlTrace       *trace);

gboolean       sl_probe_runner_get_running             (SlProbeRunner *self);
/* Known once a run has resolved the host: "::1". */
const char    *sl_probe_runner_get_address             (SlProbeRunner *self);
/* Which method a run uses, why, and why the ones before it could not be used. */
const char    *sl_probe_runner_get_method_explanation  (SlProbeRunner *self);

/* Checks the options, resolves the host for the family chosen, then probes until count is
 * reached, sl_probe_runner_stop (), or @cancellable. */
void           sl_probe_runner_run_async               (SlProbeRunner       *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean       sl_probe_runner_run_finish              (SlProbeRunner       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Ends a run now; it finishes successfully. */
void           sl_probe_runner_stop                    (SlProbeRunner *self);

G_END_DECLS
