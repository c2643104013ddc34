/* sl-lab-watch.c: what the pages do, told to the lab's steps so that they tick.
 *
 * The Connect page's trace says what really happened (a name resolved, bytes sent or
 * received) and its connection says to whom; the steps are told as the rows arrive. The
 * watch holds the steps weakly: whichever goes first, nothing dangles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-lab-watch.h"
#include "sl-pinger.h"

typedef struct {
  GWeakRef steps;
  GWeakRef page;
} Watch;

static Watch *
watch_new (SlLabSteps *steps,
           gpointer    page)
{
  Watch *watch = g_new0 (Watch, 1);

  g_weak_ref_init (&watch->steps, steps);
  g_weak_ref_init (&watch->page, page);
  return watch;
}

static void
watch_free (gpointer  data,
            GClosure *closure)
{
  Watch *watch = data;

  g_weak_ref_clear (&watch->steps);
  g_weak_ref_clear (&watch->page);
  g_free (watch);
}

/* ---- the Connect page --------------------------------------------------------------- */

static SlLabFact
fact_of (SlTraceEvent *event,
         SlProtocol    protocol)
{
  SlTraceCall call = sl_trace_event_get_call (event);

  if (sl_trace_event_get_result (event) < 0)
    return SL_LAB_FACT_NONE;
  if (call == SL_TRACE_CALL_GETADDRINFO)
    return SL_LAB_FACT_RESOLVED;
  if (sl_trace_event_get_result (event) == 0)
    return SL_LAB_FACT_NONE;
  if (call == SL_TRACE_CALL_SEND && protocol == SL_PROTOCOL_TCP)
    return SL_LAB_FACT_TCP_SENT;
  if (call == SL_TRACE_CALL_RECV && protocol == SL_PROTOCOL_TCP)
    return SL_LAB_FACT_TCP_ECHOED;
  if ((call == SL_TRACE_CALL_RECV || call == SL_TRACE_CALL_RECVFROM) && protocol == SL_PROTOCOL_UDP)
    return SL_LAB_FACT_UDP_ECHOED;
  return SL_LAB_FACT_NONE;
}

static void
connect_trace_changed_cb (GListModel *trace,
                          guint       position,
                          guint       removed,
                          guint       added,
                          Watch      *watch)
{
  g_autoptr(SlLabSteps) steps = g_weak_ref_get (&watch->steps);
  g_autoptr(SlConnectPage) page = g_weak_ref_get (&watch->page);
  SlConnection *connection;

  if (steps == NULL || page == NULL)
    return;
  connection = sl_connect_page_get_connection (page);
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(SlTraceEvent) event = g_list_model_get_item (trace, i);
      SlLabFact fact = fact_of (event, connection != NULL ? sl_connection_get_protocol (connection)
                                                          : SL_PROTOCOL_TCP);

      if (fact == SL_LAB_FACT_RESOLVED)
        sl_lab_steps_note (steps, fact, sl_trace_event_get_host (event), 0);
      else if (fact != SL_LAB_FACT_NONE && connection != NULL)
        sl_lab_steps_note (steps, fact, sl_connection_get_host (connection), sl_connection_get_port (connection));
    }
}

void
sl_lab_watch_connect_page (SlLabSteps    *steps,
                           SlConnectPage *page)
{
  g_return_if_fail (SL_IS_LAB_STEPS (steps));
  g_return_if_fail (SL_IS_CONNECT_PAGE (page));

  g_signal_connect_data (sl_connect_page_get_trace (page), "items-changed",
                         G_CALLBACK (connect_trace_changed_cb), watch_new (steps, page), watch_free, 0);
}

/* ---- the Ping page ------------------------------------------------------------------ */

static gboolean
all_replied (GListModel *targets)
{
  guint n = g_list_model_get_n_items (targets);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlPinger) pinger = g_list_model_get_item (targets, i);

      if (sl_pinger_get_running (pinger) || sl_ping_stats_get_received (sl_pinger_get_stats (pinger)) == 0)
        return FALSE;
    }
  return n >= 2;
}

static void
pinger_running_cb (SlPinger   *pinger,
                   GParamSpec *pspec,
                   Watch      *watch)
{
  g_autoptr(SlLabSteps) steps = g_weak_ref_get (&watch->steps);
  g_autoptr(SlPingPage) page = g_weak_ref_get (&watch->page);

  if (steps != NULL && page != NULL && all_replied (sl_ping_page_get_targets (page)))
    sl_lab_steps_note (steps, SL_LAB_FACT_PINGS_COMPARED, NULL, 0);
}

static void
targets_changed_cb (GListModel *targets,
                    guint       position,
                    guint       removed,
                    guint       added,
                    Watch      *watch)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(SlPinger) pinger = g_list_model_get_item (targets, i);
      g_autoptr(SlLabSteps) steps = g_weak_ref_get (&watch->steps);
      g_autoptr(SlPingPage) page = g_weak_ref_get (&watch->page);

      if (steps != NULL && page != NULL)
        g_signal_connect_data (pinger, "notify::running", G_CALLBACK (pinger_running_cb),
                               watch_new (steps, page), watch_free, 0);
    }
}

void
sl_lab_watch_ping_page (SlLabSteps *steps,
                        SlPingPage *page)
{
  GListModel *targets;
  Watch *watch;

  g_return_if_fail (SL_IS_LAB_STEPS (steps));
  g_return_if_fail (SL_IS_PING_PAGE (page));

  targets = sl_ping_page_get_targets (page);
  watch = watch_new (steps, page);
  g_signal_connect_data (targets, "items-changed", G_CALLBACK (targets_changed_cb), watch, watch_free, 0);
  targets_changed_cb (targets, 0, 0, g_list_model_get_n_items (targets), watch);
}
