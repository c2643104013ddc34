/* sl-netlab-report.h: how the netlab clients report (TAP-like): one "ok: …" or
 * "not ok: …" line per check, then PASS or FAIL and the exit status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  sl_netlab_pass    (const char *format,
                         ...) G_GNUC_PRINTF (1, 2);
/* The run fails, but goes on: every check gets its line. */
void  sl_netlab_fail    (const char *format,
                         ...) G_GNUC_PRINTF (1, 2);
/* Prints PASS or FAIL; the exit status for main (). */
int   sl_netlab_finish  (void);

G_END_DECLS
