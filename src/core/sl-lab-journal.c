/* sl-lab-journal.c: the session's runs, each turned into report sections when it ended.
 *
 * The history is itself an SlReport: recording a run adds its section at once (SlReport
 * snapshots what it is given), and a report for export is a new SlReport made of the
 * history and the pages' state at that moment (sl_report_append ()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-lab-journal.h"

struct _SlLabJournal
{
  GObject   parent_instance;

  SlReport *history;
};

enum {
  PROP_0,
  PROP_N_RUNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SlLabJournal, sl_lab_journal, G_TYPE_OBJECT)

SlLabJournal *
sl_lab_journal_new (void)
{
  return g_object_new (SL_TYPE_LAB_JOURNAL, NULL);
}

static void
recorded (SlLabJournal *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNS]);
}

void
sl_lab_journal_record_connection (SlLabJournal *self,
                                  SlConnection *connection)
{
  g_return_if_fail (SL_IS_LAB_JOURNAL (self));
  g_return_if_fail (SL_IS_CONNECTION (connection));

  sl_report_add_connection (self->history, connection);
  recorded (self);
}

void
sl_lab_journal_record_port_check (SlLabJournal      *self,
                                  const char        *host,
                                  guint16            port,
                                  SlPortCheckResult *result,
                                  SlTrace           *trace)
{
  g_return_if_fail (SL_IS_LAB_JOURNAL (self));
  g_return_if_fail (host != NULL && SL_IS_PORT_CHECK_RESULT (result));

  sl_report_add_port_check (self->history, host, port, result, trace);
  recorded (self);
}

void
sl_lab_journal_record_server (SlLabJournal *self,
                              SlServer     *server)
{
  g_return_if_fail (SL_IS_LAB_JOURNAL (self));
  g_return_if_fail (SL_IS_SERVER (server));

  sl_report_add_server (self->history, server);
  recorded (self);
}

void
sl_lab_journal_record_ping (SlLabJournal  *self,
                            SlPinger     **pingers,
                            guint          n_pingers,
                            GBytes        *chart_png)
{
  g_return_if_fail (SL_IS_LAB_JOURNAL (self));
  g_return_if_fail (pingers != NULL && n_pingers > 0);

  sl_report_add_ping (self->history, pingers, n_pingers, chart_png);
  recorded (self);
}

void
sl_lab_journal_record_route (SlLabJournal *self,
                             SlRoute      *route)
{
  g_return_if_fail (SL_IS_LAB_JOURNAL (self));
  g_return_if_fail (SL_IS_ROUTE (route));

  sl_report_add_route (self->history, route);
  recorded (self);
}

guint
sl_lab_journal_get_n_runs (SlLabJournal *self)
{
  g_return_val_if_fail (SL_IS_LAB_JOURNAL (self), 0);
  return sl_report_get_n_sections (self->history);
}

SlReport *
sl_lab_journal_build_report (SlLabJournal *self,
                             SlReport     *now)
{
  SlReport *report;

  g_return_val_if_fail (SL_IS_LAB_JOURNAL (self), NULL);
  g_return_val_if_fail (now == NULL || SL_IS_REPORT (now), NULL);

  report = sl_report_new ();
  sl_report_append (report, self->history);
  if (now != NULL)
    sl_report_append (report, now);
  return report;
}

static void
sl_lab_journal_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SlLabJournal *self = SL_LAB_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_N_RUNS:
      g_value_set_uint (value, sl_lab_journal_get_n_runs (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_lab_journal_finalize (GObject *object)
{
  g_clear_object (&SL_LAB_JOURNAL (object)->history);

  G_OBJECT_CLASS (sl_lab_journal_parent_class)->finalize (object);
}

static void
sl_lab_journal_class_init (SlLabJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sl_lab_journal_get_property;
  object_class->finalize = sl_lab_journal_finalize;

  properties[PROP_N_RUNS] = g_param_spec_uint ("n-runs", NULL, NULL, 0, G_MAXUINT, 0,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_lab_journal_init (SlLabJournal *self)
{
  self->history = sl_report_new ();
}
