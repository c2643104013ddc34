/* sl-probe-runner-private.h: what SlProbeRunner offers its subclasses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-probe-runner.h"

G_BEGIN_DECLS

/* Ends the run in progress, if any: with @error (taken), or successfully when NULL. */
void      sl_probe_runner_finish       (SlProbeRunner        *self,
                                        GError               *error);
/* The next tick: at @ready_us (monotonic), or at once (sl_probe_runner_wake ()). Only
 * while running; a tick that sets none waits until woken. */
void      sl_probe_runner_tick_at      (SlProbeRunner        *self,
                                        gint64                ready_us);
void      sl_probe_runner_wake         (SlProbeRunner        *self);
/* The interval and timeout in µs, rounded. */
gint64    sl_probe_runner_get_interval_us (SlProbeRunner     *self);
gint64    sl_probe_runner_get_timeout_us  (SlProbeRunner     *self);
void      sl_probe_runner_set_method_explanation (SlProbeRunner *self,
                                                  const char    *explanation);

G_END_DECLS
