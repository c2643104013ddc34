/* test-probe-runner.c: what SlPinger and SlRoute share through SlProbeRunner, tested once
 * for each of them: a second run is refused while one runs, hosts that are not hosts,
 * interval and timeout clamped to their limits (NaN refused) and a run at the extremes.
 * What only one of them does is in test-pinger.c and test-route.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <unistd.h>

#include "sl-address.h"
#include "sl-pinger.h"
#include "sl-route.h"
#include "sl-test-util.h"

/* One subclass: how to make one that runs quickly against loopback, run it, and count what
 * a run sent (probes, hops) and what was answered. */
typedef struct {
  const char     *name;
  SlProbeRunner *(*new_for)    (const char     *host,
                                guint           count);
  void           (*run_async)  (SlProbeRunner  *runner,
                                GCancellable   *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer        user_data);
  gboolean       (*run_finish) (SlProbeRunner  *runner,
                                GAsyncResult   *result,
                                GError        **error);
  guint          (*n_done)     (SlProbeRunner  *runner);
  guint          (*n_answered) (SlProbeRunner  *runner);
  GQuark         (*error_quark) (void);
  int             busy_code;
} Kind;

/* ---- SlPinger: TCP connect to a port nothing listens on (a RST is a reply) ---------- */

static SlProbeRunner *
pinger_new_for (const char *host,
                guint       count)
{
  SlPinger *pinger = sl_pinger_new (host);

  sl_pinger_set_method_preference (pinger, SL_PING_METHOD_TCP);
  sl_pinger_set_tcp_port (pinger, sl_test_free_port (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM));
  sl_pinger_set_count (pinger, count);
  sl_pinger_set_interval (pinger, 0.2);
  return SL_PROBE_RUNNER (pinger);
}

static void
pinger_run_async (SlProbeRunner       *runner,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  sl_pinger_run_async (SL_PINGER (runner), cancellable, callback, user_data);
}

static gboolean
pinger_run_finish (SlProbeRunner  *runner,
                   GAsyncResult   *result,
                   GError        **error)
{
  return sl_pinger_run_finish (SL_PINGER (runner), result, error);
}

static guint
pinger_n_done (SlProbeRunner *runner)
{
  return sl_ping_stats_get_transmitted (sl_pinger_get_stats (SL_PINGER (runner)));
}

static guint
pinger_n_answered (SlProbeRunner *runner)
{
  return sl_ping_stats_get_received (sl_pinger_get_stats (SL_PINGER (runner)));
}

/* ---- SlRoute: UDP, one hop to loopback --------------------------------------------- */

static SlProbeRunner *
route_new_for (const char *host,
               guint       count)
{
  SlRoute *route = sl_route_new (host);

  sl_route_set_count (route, count);
  /* mtr's rule: below 1 s between rounds only for root. */
  sl_route_set_interval (route, geteuid () == 0 ? 0.05 : 1.0);
  sl_route_set_resolve_names (route, FALSE);
  return SL_PROBE_RUNNER (route);
}

static void
route_run_async (SlProbeRunner       *runner,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  sl_route_run_async (SL_ROUTE (runner), cancellable, callback, user_data);
}

static gboolean
route_run_finish (SlProbeRunner  *runner,
                  GAsyncResult   *result,
                  GError        **error)
{
  return sl_route_run_finish (SL_ROUTE (runner), result, error);
}

static guint
route_n_done (SlProbeRunner *runner)
{
  return g_list_model_get_n_items (sl_route_get_hops (SL_ROUTE (runner)));
}

/* Probes the destination answered. */
static guint
route_n_answered (SlProbeRunner *runner)
{
  GListModel *hops = sl_route_get_hops (SL_ROUTE (runner));
  guint n = g_list_model_get_n_items (hops);

  return n > 0 ? sl_route_hop_get_received (sl_test_item_at (hops, n - 1)) : 0;
}

static const Kind kinds[] = {
  { "pinger", pinger_new_for, pinger_run_async, pinger_run_finish, pinger_n_done,
    pinger_n_answered, sl_pinger_error_quark, SL_PINGER_ERROR_BUSY },
  { "route", route_new_for, route_run_async, route_run_finish, route_n_done, route_n_answered,
    sl_route_error_quark, SL_ROUTE_ERROR_BUSY },
};


/* ---- tests ------------------------------------------------------------------------- */

static void
test_busy (gconstpointer data)
{
  const Kind *kind = data;
  g_autoptr(SlProbeRunner) runner = kind->new_for ("127.0.0.1", 0);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  kind->run_async (runner, NULL, sl_test_store_result, &first);
  kind->run_async (runner, NULL, sl_test_store_result, &second);
  second = sl_test_wait_result (&second);
  g_assert_false (kind->run_finish (runner, second, &error));
  g_assert_error (error, kind->error_quark (), kind->busy_code);
  g_assert_true (sl_probe_runner_get_running (runner));
  sl_probe_runner_stop (runner);
  first = sl_test_wait_result (&first);
  g_assert_true (kind->run_finish (runner, first, NULL));
}

static void
test_invalid_host (gconstpointer data)
{
  const Kind *kind = data;
  static const struct { const char *host; int code; } hosts[] = {
    { "999.1.1.1", SL_ADDRESS_ERROR_INVALID_HOST },
    { "", SL_ADDRESS_ERROR_EMPTY_HOST },
    { "not a host", SL_ADDRESS_ERROR_INVALID_HOST },
    { "::1::2", SL_ADDRESS_ERROR_INVALID_HOST },
  };

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autoptr(SlProbeRunner) runner = kind->new_for (hosts[i].host, 1);
      g_autoptr(GError) error = NULL;

      g_assert_false (sl_test_run_probe_runner (runner, NULL, &error));
      g_assert_error (error, SL_ADDRESS_ERROR, hosts[i].code);
      g_assert_cmpuint (kind->n_done (runner), ==, 0);
      g_assert_cmpuint (kind->n_answered (runner), ==, 0);
      g_assert_null (sl_probe_runner_get_address (runner));
    }
}

/* Setters take what a page or a script may pass: huge and infinite values are clamped to
 * the limits, NaN is refused (it would compare false with every limit and turn into an
 * undefined integer when scheduling). Under the UBSan build a run with the clamped extremes
 * proves no conversion overflows. */
static void
test_clamped_options (gconstpointer data)
{
  const Kind *kind = data;
  g_autoptr(SlProbeRunner) runner = kind->new_for ("127.0.0.1", 1);
  g_autoptr(GError) error = NULL;
  static const struct { double value; double interval; double timeout; } cases[] = {
    { 1e30, SL_PROBE_RUNNER_MAX_INTERVAL, SL_PROBE_RUNNER_MAX_TIMEOUT },
    { INFINITY, SL_PROBE_RUNNER_MAX_INTERVAL, SL_PROBE_RUNNER_MAX_TIMEOUT },
    { 3600.5, SL_PROBE_RUNNER_MAX_INTERVAL, SL_PROBE_RUNNER_MAX_TIMEOUT },
    { -INFINITY, SL_PROBE_RUNNER_MIN_INTERVAL, SL_PROBE_RUNNER_MIN_TIMEOUT },
    { -1e30, SL_PROBE_RUNNER_MIN_INTERVAL, SL_PROBE_RUNNER_MIN_TIMEOUT },
    { 0.0, SL_PROBE_RUNNER_MIN_INTERVAL, SL_PROBE_RUNNER_MIN_TIMEOUT },
    { 1e-300, SL_PROBE_RUNNER_MIN_INTERVAL, SL_PROBE_RUNNER_MIN_TIMEOUT },
    { 0.5, 0.5, 0.5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      sl_probe_runner_set_interval (runner, cases[i].value);
      sl_probe_runner_set_timeout (runner, cases[i].value);
      g_assert_cmpfloat (sl_probe_runner_get_interval (runner), ==, cases[i].interval);
      g_assert_cmpfloat (sl_probe_runner_get_timeout (runner), ==, cases[i].timeout);
    }

  /* NaN is a programming error: refused with a critical, the value kept. */
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*isnan (interval)*");
  sl_probe_runner_set_interval (runner, NAN);
  g_test_assert_expected_messages ();
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*isnan (timeout)*");
  sl_probe_runner_set_timeout (runner, -NAN);
  g_test_assert_expected_messages ();
  g_assert_cmpfloat (sl_probe_runner_get_interval (runner), ==, 0.5);
  g_assert_cmpfloat (sl_probe_runner_get_timeout (runner), ==, 0.5);

  /* The extremes really run (the shortest interval as root): the longest timeout. */
  if (geteuid () == 0)
    sl_probe_runner_set_interval (runner, -INFINITY);
  sl_probe_runner_set_timeout (runner, INFINITY);
  g_assert_true (sl_test_run_probe_runner (runner, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kind->n_done (runner), ==, 1);
  g_assert_cmpuint (kind->n_answered (runner), ==, 1);
}

/* GLib opens its wakeup fds on first use: let that happen first. */
static void
warm_up (void)
{
  g_autoptr(SlProbeRunner) runner = kinds[0].new_for ("127.0.0.1", 1);

  sl_test_run_probe_runner (runner, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  static const struct {
    const char *name;
    void      (*test) (gconstpointer);
  } tests[] = {
    { "busy", test_busy },
    { "invalid-host", test_invalid_host },
    { "clamped-options", test_clamped_options },
  };

  g_test_init (&argc, &argv, NULL);
  warm_up ();

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint t = 0; t < G_N_ELEMENTS (tests); t++)
      {
        g_autofree char *path = g_strdup_printf ("/probe-runner/%s/%s", kinds[k].name, tests[t].name);

        g_test_add_data_func (path, &kinds[k], tests[t].test);
      }

  return g_test_run ();
}
