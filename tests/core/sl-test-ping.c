/* sl-test-ping.c: what tests and benchmarks compare between SlPinger and ping(8).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sl-test-ping.h"

GArray *
sl_test_iputils_times_us (const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *time = strstr (lines[i], " time=");
      double us;

      if (time == NULL || strstr (lines[i], "DUP!") != NULL)
        continue;
      us = g_ascii_strtod (time + 6, NULL) * 1000.0;
      g_array_append_val (times, us);
    }
  return times;
}

GArray *
sl_test_pinger_times_us (SlPinger *pinger)
{
  GListModel *probes = sl_pinger_get_probes (pinger);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < g_list_model_get_n_items (probes); i++)
    {
      g_autoptr(SlPingProbe) probe = g_list_model_get_item (probes, i);
      double us = sl_ping_probe_get_rtt_us (probe);

      if (sl_ping_probe_get_state (probe) == SL_PING_PROBE_STATE_REPLIED)
        g_array_append_val (times, us);
    }
  return times;
}
