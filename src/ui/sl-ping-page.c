/* sl-ping-page.c: the Ping page: several targets, live log, RTT chart, statistics cards.
 *
 * Each target is an SlPinger in a GListStore; the targets list and the statistics cards are
 * bound to that store, the chart gets one series per target. All pingers write to one log;
 * each has a trace of its own, since their calls would interleave and never fold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <unistd.h>

#include "sl-adaptive-box.h"
#include "sl-address.h"
#include "sl-code-view.h"
#include "sl-export-button.h"
#include "sl-export-job.h"
#include "sl-log-view.h"
#include "sl-ping-compare.h"
#include "sl-ping-page.h"
#include "sl-recent-hosts-button.h"
#include "sl-settings.h"
#include "sl-ping-stats-card.h"
#include "sl-pinger.h"
#include "sl-rtt-chart.h"
#include "sl-trace-view.h"
#include "sl-ui-utils.h"
#include "sl-wrap-box.h"

#define DEFAULT_TARGETS  "127.0.0.1", "::1"
#define ROOT_MIN_INTERVAL 0.01

/* What the page keeps about one pinger. */
typedef struct {
  guint  color_index;
  guint  series;
  char  *error;      /* why the last run failed, or NULL */
  gboolean in_run;   /* pinged by the last Start */
} TargetInfo;

struct _SlPingPage
{
  AdwBin          parent_instance;

  AdwEntryRow    *host_row;
  GtkLabel       *host_error;
  GtkListBox     *targets_list;
  GtkWidget      *start_button;
  GtkWidget      *stop_button;
  GtkSpinButton  *count_spin;
  GtkSpinButton  *interval_spin;
  GtkAdjustment  *interval_adjustment;
  GtkSpinButton  *timeout_spin;
  GtkSpinButton  *payload_spin;
  GtkSpinButton  *port_spin;
  AdwComboRow    *method_row;
  AdwComboRow    *family_row;
  SlRttChart     *chart;
  GtkToggleButton *seq_toggle;
  GtkStack       *results_stack;
  GtkLabel       *comparison_label;
  GtkFlowBox     *stats_box;
  SlLogView      *log_view;
  SlTraceView    *trace_view;
  GtkDropDown    *calls_target_dropdown;
  SlCodeView     *code_view;

  GListStore     *targets;
  GSettings      *settings;      /* NULL until bound: nothing is remembered */
  gboolean        restoring;     /* the targets are being set from the settings */
  SlLog          *log;
  GCancellable   *cancellable;
  guint           next_color;
  guint           n_running;
  guint           summary_source;   /* the comparison's next refresh, at most once a second */
  gint64          started_real_us;   /* wall clock at the last Start */
  SlLabJournal   *journal;
};

G_DEFINE_FINAL_TYPE (SlPingPage, sl_ping_page, ADW_TYPE_BIN)

static GQuark target_info_quark;

static void
target_info_free (gpointer data)
{
  TargetInfo *info = data;

  g_free (info->error);
  g_free (info);
}

static TargetInfo *
target_info (SlPinger *pinger)
{
  return g_object_get_qdata (G_OBJECT (pinger), target_info_quark);
}

static SlPinger *
find_target (SlPingPage *self,
             const char *host,
             guint      *out_position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->targets)); i++)
    {
      g_autoptr(SlPinger) pinger = g_list_model_get_item (G_LIST_MODEL (self->targets), i);

      if (g_strcmp0 (sl_pinger_get_host (pinger), host) == 0)
        {
          if (out_position != NULL)
            *out_position = i;
          return pinger;
        }
    }
  return NULL;
}

static void
update_actions (SlPingPage *self)
{
  gboolean has_targets = g_list_model_get_n_items (G_LIST_MODEL (self->targets)) > 0;

  sl_button_pair_update (GTK_WIDGET (self), self->start_button, self->stop_button,
                         self->n_running > 0, has_targets);
}

/* Chart */

/* The lab's conclusion in a line, and the chart's words for a screen reader: the same facts. */
static void
refresh_summary (SlPingPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->targets));
  g_autofree SlPingTarget *targets = g_new0 (SlPingTarget, MAX (n, 1));
  g_autoptr(GPtrArray) pingers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *summary = NULL;
  guint with_data = 0;

  for (guint i = 0; i < n; i++)
    {
      SlPinger *pinger = g_list_model_get_item (G_LIST_MODEL (self->targets), i);

      g_ptr_array_add (pingers, pinger);
      targets[i].label = sl_pinger_get_host (pinger);
      targets[i].stats = sl_pinger_get_stats (pinger);
      with_data += sl_ping_stats_get_transmitted (targets[i].stats) > 0;
    }
  summary = with_data > 0 ? sl_ping_compare_format (targets, n) : NULL;
  gtk_label_set_text (self->comparison_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->comparison_label), summary != NULL && n >= 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  summary != NULL ? summary : _("No round trips yet"), -1);
}

static gboolean
refresh_summary_cb (gpointer user_data)
{
  SlPingPage *self = user_data;

  self->summary_source = 0;
  refresh_summary (self);
  return G_SOURCE_REMOVE;
}

/* A 0.01 s ping must not rebuild the comparison a hundred times a second. */
static void
queue_summary (SlPingPage *self)
{
  if (self->summary_source == 0)
    self->summary_source = g_timeout_add_seconds (1, refresh_summary_cb, self);
}

static void
probe_finished_cb (SlPinger    *pinger,
                   SlPingProbe *probe,
                   SlPingPage  *self)
{
  double rtt = NAN;

  if (sl_ping_probe_get_state (probe) == SL_PING_PROBE_STATE_REPLIED)
    rtt = sl_ping_probe_get_rtt_us (probe) / 1000.0;
  sl_rtt_chart_add_sample (self->chart, target_info (pinger)->series, sl_ping_probe_get_seq (probe),
                           sl_ping_probe_get_sent_us (probe) / (double) G_USEC_PER_SEC, rtt);
  queue_summary (self);
}

static void
axis_toggled_cb (SlPingPage *self)
{
  sl_rtt_chart_set_x_axis (self->chart, gtk_toggle_button_get_active (self->seq_toggle)
                                        ? SL_RTT_CHART_AXIS_SEQ : SL_RTT_CHART_AXIS_TIME);
}

/* Color swatches share the chart's palette, so a row, a card and a line match. */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  SlPingPage *self = user_data;
  GdkRGBA color;

  sl_rtt_chart_get_color (self->chart, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "color")), &color);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
swatch_new (SlPingPage *self,
            SlPinger   *pinger)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 12);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (area), "color", GUINT_TO_POINTER (target_info (pinger)->color_index));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, self, NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return area;
}

/* Targets list rows */

static void
update_row (AdwActionRow *row,
            GParamSpec   *pspec,
            SlPinger     *pinger)
{
  g_autofree char *subtitle = NULL;

  if (sl_pinger_get_method_explanation (pinger) == NULL)
    subtitle = g_strdup (_("Not pinged yet"));
  else
    subtitle = g_strdup_printf (_("Method: %s"), sl_ping_method_to_string (sl_pinger_get_method (pinger)));
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), sl_pinger_get_method_explanation (pinger));
}

static GtkWidget *
create_target_row (gpointer item,
                   gpointer user_data)
{
  SlPingPage *self = user_data;
  SlPinger *pinger = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_with_label (_("Remove"));
  GtkWidget *route = gtk_button_new_from_icon_name ("mark-location-symbolic");
  /* Says which of the many "Remove" buttons this is, to a screen reader too. */
  g_autofree char *what = g_strdup_printf (_("Remove %s from the targets"), sl_pinger_get_host (pinger));
  g_autofree char *trace = g_strdup_printf (_("Trace the route to %s"), sl_pinger_get_host (pinger));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sl_pinger_get_host (pinger));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch_new (self, pinger));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "ping.remove-target");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", sl_pinger_get_host (pinger));
  gtk_widget_set_tooltip_text (remove, what);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, what, -1);
  /* How far away is it? The Route page answers, hop by hop. */
  gtk_widget_set_valign (route, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (route, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (route), "win.trace-route");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (route), "s", sl_pinger_get_host (pinger));
  gtk_widget_set_tooltip_text (route, trace);
  gtk_accessible_update_property (GTK_ACCESSIBLE (route), GTK_ACCESSIBLE_PROPERTY_LABEL, trace, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), route);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  update_row (ADW_ACTION_ROW (row), NULL, pinger);
  g_signal_connect_object (pinger, "notify::method-explanation", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (pinger, "notify::method", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  return row;
}

/* Statistics cards */

static GtkWidget *
create_stats_card (gpointer item,
                   gpointer user_data)
{
  SlPingPage *self = user_data;
  SlPinger *pinger = item;
  GtkWidget *card = sl_ping_stats_card_new (pinger);
  GdkRGBA color;

  sl_rtt_chart_get_color (self->chart, target_info (pinger)->color_index, &color);
  sl_ping_stats_card_set_color (SL_PING_STATS_CARD (card), &color);
  sl_ping_stats_card_set_error (SL_PING_STATS_CARD (card), target_info (pinger)->error);
  return card;
}

static SlPingStatsCard *
card_of (SlPingPage *self,
         guint       position)
{
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (self->stats_box, position);

  return child != NULL ? SL_PING_STATS_CARD (gtk_flow_box_child_get_child (child)) : NULL;
}

/* Adding and removing targets */

gboolean
sl_ping_page_add_target (SlPingPage  *self,
                         const char  *host,
                         GError     **error)
{
  g_autoptr(SlAddress) address = NULL;
  g_autoptr(SlPinger) pinger = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(SlTrace) trace = NULL;
  TargetInfo *info;

  g_return_val_if_fail (SL_IS_PING_PAGE (self), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);

  /* Checked now, so a typo is flagged by the field rather than at Start. */
  address = sl_address_parse (host, "1", error);
  if (address == NULL)
    return FALSE;
  stripped = g_strstrip (g_strdup (host));
  if (find_target (self, stripped, NULL) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s is already a target"), stripped);
      return FALSE;
    }

  pinger = sl_pinger_new (stripped);
  sl_pinger_set_log (pinger, self->log);
  /* Calls of one target only: two pingers' calls interleave and would never fold. */
  trace = sl_trace_new (0);
  sl_pinger_set_trace (pinger, trace);
  info = g_new0 (TargetInfo, 1);
  info->color_index = self->next_color++;
  info->series = sl_rtt_chart_add_series (self->chart, stripped, info->color_index);
  g_object_set_qdata_full (G_OBJECT (pinger), target_info_quark, info, target_info_free);
  g_signal_connect_object (pinger, "probe-finished", G_CALLBACK (probe_finished_cb), self, 0);
  g_list_store_append (self->targets, pinger);
  update_actions (self);
  return TRUE;
}

static void
add_target_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlPingPage *self = SL_PING_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!sl_ping_page_add_target (self, gtk_editable_get_text (GTK_EDITABLE (self->host_row)), &error))
    {
      sl_field_error_show (GTK_WIDGET (self->host_row), self->host_error, error);
      return;
    }
  sl_field_error_show (GTK_WIDGET (self->host_row), self->host_error, NULL);
  if (self->settings != NULL)
    sl_settings_remember_host (self->settings, gtk_editable_get_text (GTK_EDITABLE (self->host_row)));
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), "");
}

static void
host_activated_cb (SlPingPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "ping.add-target", NULL);
}

static void
host_changed_cb (SlPingPage *self)
{
  sl_field_error_show (GTK_WIDGET (self->host_row), self->host_error, NULL);
}

static void
remove_target_at (SlPingPage *self,
                  guint       position)
{
  g_autoptr(SlPinger) pinger = g_list_model_get_item (G_LIST_MODEL (self->targets), position);

  sl_pinger_stop (pinger);
  sl_rtt_chart_remove_series (self->chart, target_info (pinger)->series);
  g_signal_handlers_disconnect_by_data (pinger, self);
  g_list_store_remove (self->targets, position);
  update_actions (self);
}

static void
remove_target_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SlPingPage *self = SL_PING_PAGE (widget);
  guint position;

  if (find_target (self, g_variant_get_string (parameter, NULL), &position) != NULL)
    remove_target_at (self, position);
}

/* Running */

static void
apply_options (SlPingPage *self,
               SlPinger   *pinger)
{
  static const SlPingMethod methods[] = {
    SL_PING_METHOD_ICMP_DGRAM, SL_PING_METHOD_ICMP_RAW, SL_PING_METHOD_TCP,
  };
  static const GSocketFamily families[] = {
    G_SOCKET_FAMILY_INVALID, G_SOCKET_FAMILY_IPV4, G_SOCKET_FAMILY_IPV6,
  };
  guint method = adw_combo_row_get_selected (self->method_row);
  guint family = adw_combo_row_get_selected (self->family_row);

  sl_pinger_set_count (pinger, gtk_spin_button_get_value_as_int (self->count_spin));
  sl_pinger_set_interval (pinger, gtk_spin_button_get_value (self->interval_spin));
  sl_pinger_set_timeout (pinger, gtk_spin_button_get_value (self->timeout_spin));
  sl_pinger_set_payload_size (pinger, gtk_spin_button_get_value_as_int (self->payload_spin));
  sl_pinger_set_tcp_port (pinger, gtk_spin_button_get_value_as_int (self->port_spin));
  sl_pinger_set_method_preference (pinger, methods[MIN (method, G_N_ELEMENTS (methods) - 1)]);
  sl_pinger_set_family (pinger, families[MIN (family, G_N_ELEMENTS (families) - 1)]);
}

static void
refresh_card (SlPingPage *self,
              SlPinger   *pinger)
{
  SlPingStatsCard *card;
  guint position;

  if (find_target (self, sl_pinger_get_host (pinger), &position) != pinger)
    return;
  card = card_of (self, position);
  if (card != NULL)
    sl_ping_stats_card_set_error (card, target_info (pinger)->error);
}

/* The targets the last Start pinged. (transfer container) */
static GPtrArray *
run_targets (SlPingPage *self)
{
  GPtrArray *pingers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->targets)); i++)
    {
      SlPinger *pinger = g_list_model_get_item (G_LIST_MODEL (self->targets), i);

      if (target_info (pinger)->in_run)
        g_ptr_array_add (pingers, pinger);
      else
        g_object_unref (pinger);
    }
  return pingers;
}

/* Each target's statistics in a line or two, beneath the exported chart. */
static GStrv
chart_summary (SlPingPage *self)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_autoptr(GPtrArray) pingers = run_targets (self);

  for (guint i = 0; i < pingers->len; i++)
    {
      const SlPingStats *stats = sl_pinger_get_stats (g_ptr_array_index (pingers, i));
      g_autofree char *packets = sl_ping_stats_format_packets (stats);
      g_autofree char *rtt = sl_ping_stats_format_rtt (stats);
      g_autofree char *line = g_strdup_printf ("%s: %s%s%s", sl_pinger_get_host (g_ptr_array_index (pingers, i)),
                                               packets, rtt != NULL ? "; " : "", rtt != NULL ? rtt : "");

      g_strv_builder_add (lines, line);
    }
  return g_strv_builder_end (lines);
}

/* The chart as the report and Save Chart show it; NULL with @error set when it cannot be drawn. */
static GBytes *
export_chart (SlPingPage     *self,
              SlImageFormat   format,
              double          scale,
              GError        **error)
{
  g_auto(GStrv) summary = chart_summary (self);

  return sl_rtt_chart_export (self->chart, format, 0, 0, scale, _("Round-trip time"),
                              (const char * const *) summary, error);
}

static void
add_run (SlPingPage *self,
         SlReport   *report)
{
  g_autoptr(GPtrArray) pingers = run_targets (self);
  g_autoptr(GBytes) chart = NULL;

  if (pingers->len == 0)
    return;
  /* Scale 1: 1600 × 800 pixels is plenty on paper and keeps the HTML small. */
  chart = export_chart (self, SL_IMAGE_FORMAT_PNG, 1.0, NULL);
  if (report != NULL)
    sl_report_add_ping (report, (SlPinger **) pingers->pdata, pingers->len, chart);
  else
    sl_lab_journal_record_ping (self->journal, (SlPinger **) pingers->pdata, pingers->len, chart);
}

/* A run goes into the journal once every target is done. */
static void
record_run (SlPingPage *self)
{
  if (self->journal != NULL)
    add_run (self, NULL);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SlPingPage) self = user_data;
  SlPinger *pinger = SL_PINGER (source);
  g_autoptr(GError) error = NULL;

  if (!sl_pinger_run_finish (pinger, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", sl_pinger_get_host (pinger), error->message);

      g_free (target_info (pinger)->error);
      target_info (pinger)->error = g_strdup (error->message);
      if (!g_cancellable_is_cancelled (self->cancellable))
        {
          refresh_card (self, pinger);
          sl_show_toast (GTK_WIDGET (self), message);
        }
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->n_running--;
  /* The run's last word is shown at once, not a second later. */
  g_clear_handle_id (&self->summary_source, g_source_remove);
  refresh_summary (self);
  if (self->n_running == 0)
    {
      sl_rtt_chart_set_running (self->chart, FALSE);
      record_run (self);
    }
  update_actions (self);
  sl_code_view_invalidate (self->code_view);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SlPingPage *self = SL_PING_PAGE (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->targets));

  if (self->n_running > 0 || n == 0)
    return;
  sl_rtt_chart_clear (self->chart);
  sl_rtt_chart_set_running (self->chart, TRUE);
  self->started_real_us = g_get_real_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlPinger) pinger = g_list_model_get_item (G_LIST_MODEL (self->targets), i);

      target_info (pinger)->in_run = TRUE;
      g_clear_pointer (&target_info (pinger)->error, g_free);
      refresh_card (self, pinger);
      sl_trace_clear (sl_pinger_get_trace (pinger));
      apply_options (self, pinger);
      self->n_running++;
      sl_pinger_run_async (pinger, self->cancellable, run_done_cb, g_object_ref (self));
    }
  update_actions (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlPingPage *self = SL_PING_PAGE (widget);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->targets)); i++)
    {
      g_autoptr(SlPinger) pinger = g_list_model_get_item (G_LIST_MODEL (self->targets), i);
      sl_pinger_stop (pinger);
    }
}

static char *
statistics_text (SlPingPage *self)
{
  GString *text = g_string_new (NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->comparison_label)))
    g_string_append_printf (text, "%s\n\n", gtk_label_get_text (self->comparison_label));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->targets)); i++)
    {
      SlPingStatsCard *card = card_of (self, i);
      g_autofree char *block = card != NULL ? sl_ping_stats_card_dup_text (card) : NULL;

      if (block != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", block);
    }
  return g_string_free (text, FALSE);
}

static SlPinger *
calls_target (SlPingPage *self)
{
  return gtk_drop_down_get_selected_item (self->calls_target_dropdown);
}

/* Copies the statistics, the log or the shown target's calls, whichever is shown. */
static void
copy_shown_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlPingPage *self = SL_PING_PAGE (widget);
  const char *page = gtk_stack_get_visible_child_name (self->results_stack);
  g_autofree char *text = NULL;

  if (g_strcmp0 (page, "code") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->code_view), "code.copy", NULL);
      return;
    }
  if (g_strcmp0 (page, "log") == 0)
    text = sl_log_to_text (self->log);
  else if (g_strcmp0 (page, "calls") == 0)
    text = calls_target (self) != NULL ? sl_trace_to_text (sl_pinger_get_trace (calls_target (self))) : g_strdup ("");
  else
    text = statistics_text (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  sl_show_toast (widget, _("Copied"));
}

/* One row per probe of every target of the last run, in one table. */
static SlExportJob *
probes_job (SlPingPage *self)
{
  g_autoptr(GPtrArray) pingers = run_targets (self);
  SlCsvExport *export = NULL;

  for (guint i = 0; i < pingers->len; i++)
    {
      SlPinger *pinger = g_ptr_array_index (pingers, i);
      SlCsvExport *part = sl_csv_export_new_ping (sl_pinger_get_probes (pinger), sl_pinger_get_host (pinger),
                                                  sl_pinger_get_method (pinger), sl_pinger_get_payload_size (pinger),
                                                  self->started_real_us);

      if (export == NULL)
        export = part;
      else
        sl_csv_export_append (export, part);
    }
  if (export == NULL)
    {
      /* Nothing pinged yet: the header alone. */
      g_autoptr(GListStore) none = g_list_store_new (SL_TYPE_PING_PROBE);

      export = sl_csv_export_new_ping (G_LIST_MODEL (none), "", SL_PING_METHOD_TCP, 0, 0);
    }
  return sl_export_job_new_csv ("ping probes", export);
}

/* Saves the statistics (or the probes as CSV), the log, the calls or the code, whichever is shown. */
static void
export_shown_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlPingPage *self = SL_PING_PAGE (widget);
  SlExportFormat format = sl_export_format_from_nick (g_variant_get_string (parameter, NULL));
  const char *page = gtk_stack_get_visible_child_name (self->results_stack);
  g_autoptr(SlExportJob) job = NULL;

  if (format == SL_EXPORT_FORMAT_CODE)
    gtk_widget_activate_action (GTK_WIDGET (self->code_view), "code.save", NULL);
  else if (format != SL_EXPORT_FORMAT_TEXT && format != SL_EXPORT_FORMAT_CSV)
    return;
  else if (g_strcmp0 (page, "log") == 0)
    job = sl_export_job_new_log ("ping log", self->log, format);
  else if (g_strcmp0 (page, "calls") == 0 && calls_target (self) != NULL)
    job = sl_export_job_new_trace ("ping socket calls", sl_pinger_get_trace (calls_target (self)), format);
  else if (format == SL_EXPORT_FORMAT_CSV)
    job = probes_job (self);
  else
    {
      g_autofree char *text = statistics_text (self);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

      job = sl_export_job_new_bytes ("ping statistics", "txt", bytes);
    }
  if (job != NULL)
    sl_export_job_save (job, widget);
}

static void
copy_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlPingPage *self = SL_PING_PAGE (widget);
  g_auto(GStrv) summary = chart_summary (self);
  g_autoptr(GdkTexture) texture = sl_rtt_chart_export_texture (self->chart, 0, 0, 0, _("Round-trip time"),
                                                               (const char * const *) summary);

  if (texture == NULL)
    return;
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  sl_show_toast (widget, _("Chart copied as an image"));
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlPingPage *self = SL_PING_PAGE (widget);
  SlExportFormat format = sl_export_format_from_nick (g_variant_get_string (parameter, NULL));
  gboolean svg = format == SL_EXPORT_FORMAT_SVG;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(SlExportJob) job = NULL;

  if (!svg && format != SL_EXPORT_FORMAT_PNG)
    return;
  /* Scale 0: the export's default, 2 device pixels a point for a sharp print. */
  image = export_chart (self, svg ? SL_IMAGE_FORMAT_SVG : SL_IMAGE_FORMAT_PNG, 0, &error);
  if (image == NULL)
    {
      sl_show_toast (widget, error->message);
      return;
    }
  job = sl_export_job_new_bytes ("ping chart", svg ? "svg" : "png", image);
  sl_export_job_set_title (job, _("Save Chart"));
  sl_export_job_save (job, widget);
}

static gboolean
shows_target (gpointer    unused,
              const char *page)
{
  return g_strcmp0 (page, "calls") == 0 || g_strcmp0 (page, "code") == 0;
}

static char *
generate_code_cb (SlCodeLanguage  language,
                  gpointer        user_data)
{
  SlPingPage *self = user_data;
  SlPinger *pinger = calls_target (self);
  SlCodePing ping;

  if (pinger == NULL)
    /* Translators: a comment line in the generated program: keep the "# " at its start. */
    return g_strdup (_("# Add a target to see the command and the program that ping it."));
  /* Between runs the form says what the next run does; during one, the run's settings. */
  if (self->n_running == 0)
    apply_options (self, pinger);
  sl_code_ping_init_from_pinger (&ping, pinger);
  return sl_code_gen_ping (&ping, language);
}

static void
calls_target_changed_cb (SlPingPage *self)
{
  SlPinger *pinger = calls_target (self);

  sl_trace_view_set_trace (self->trace_view, pinger != NULL ? sl_pinger_get_trace (pinger) : NULL);
  sl_code_view_invalidate (self->code_view);
}

/* GObject */

static void
sl_ping_page_dispose (GObject *object)
{
  SlPingPage *self = SL_PING_PAGE (object);

  /* Runs end now; their callbacks see the cancellable and leave the widgets alone. */
  g_clear_handle_id (&self->summary_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  for (guint i = 0; self->targets && i < g_list_model_get_n_items (G_LIST_MODEL (self->targets)); i++)
    {
      g_autoptr(SlPinger) pinger = g_list_model_get_item (G_LIST_MODEL (self->targets), i);

      g_signal_handlers_disconnect_by_data (pinger, self);
      sl_pinger_stop (pinger);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_PING_PAGE);
  g_clear_object (&self->settings);
  g_clear_object (&self->targets);
  g_clear_object (&self->log);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (sl_ping_page_parent_class)->dispose (object);
}

static void
sl_ping_page_finalize (GObject *object)
{
  g_clear_object (&SL_PING_PAGE (object)->cancellable);

  G_OBJECT_CLASS (sl_ping_page_parent_class)->finalize (object);
}

static void
sl_ping_page_class_init (SlPingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_ping_page_dispose;
  object_class->finalize = sl_ping_page_finalize;

  target_info_quark = g_quark_from_static_string ("sl-ping-page-target");
  sl_ensure_template_types ();

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-ping-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, host_row);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, host_error);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, targets_list);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, count_spin);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, payload_spin);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, port_spin);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, method_row);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, family_row);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, chart);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, seq_toggle);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, comparison_label);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, stats_box);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, log_view);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, trace_view);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, calls_target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, code_view);
  gtk_widget_class_bind_template_callback (widget_class, host_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, host_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, axis_toggled_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "is_page", G_CALLBACK (sl_is_page));
  gtk_widget_class_bind_template_callback_full (widget_class, "formats_for_tab", G_CALLBACK (sl_export_formats_for_tab));
  gtk_widget_class_bind_template_callback (widget_class, shows_target);

  gtk_widget_class_install_action (widget_class, "ping.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "ping.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "ping.add-target", NULL, add_target_action);
  gtk_widget_class_install_action (widget_class, "ping.remove-target", "s", remove_target_action);
  gtk_widget_class_install_action (widget_class, "ping.copy-shown", NULL, copy_shown_action);
  gtk_widget_class_install_action (widget_class, "ping.export-shown", "s", export_shown_action);
  gtk_widget_class_install_action (widget_class, "ping.copy-chart", NULL, copy_chart_action);
  gtk_widget_class_install_action (widget_class, "ping.export-chart", "s", export_chart_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "ping.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "ping.stop", NULL);
  gtk_widget_class_install_action (widget_class, "page.focus-host", NULL, sl_focus_first_field);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ping.copy-shown", NULL);
}

/* The code follows the options as they are typed. */
static void
watch_options (SlPingPage *self)
{
  GObject *spins[] = {
    G_OBJECT (self->count_spin), G_OBJECT (self->interval_spin), G_OBJECT (self->timeout_spin),
    G_OBJECT (self->payload_spin), G_OBJECT (self->port_spin),
  };

  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    g_signal_connect_object (spins[i], "value-changed", G_CALLBACK (sl_code_view_invalidate), self->code_view,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->method_row, "notify::selected", G_CALLBACK (sl_code_view_invalidate),
                           self->code_view, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->family_row, "notify::selected", G_CALLBACK (sl_code_view_invalidate),
                           self->code_view, G_CONNECT_SWAPPED);
}

static void
sl_ping_page_init (SlPingPage *self)
{
  static const char * const defaults[] = { DEFAULT_TARGETS };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->targets = g_list_store_new (SL_TYPE_PINGER);
  self->log = sl_log_new (0);
  sl_log_view_set_log (self->log_view, self->log);
  sl_log_view_set_empty (self->log_view, _("No Pings Yet"),
                         _("Each reply appears here as ping prints it; press Start"));
  sl_tail_list_set_empty_child (sl_log_view_get_tail_list (self->log_view), sl_lab_steps_button_new ());
  gtk_list_box_bind_model (self->targets_list, G_LIST_MODEL (self->targets), create_target_row, self, NULL);
  gtk_flow_box_bind_model (self->stats_box, G_LIST_MODEL (self->targets), create_stats_card, self, NULL);
  gtk_drop_down_set_expression (self->calls_target_dropdown,
                                gtk_property_expression_new (SL_TYPE_PINGER, NULL, "host"));
  gtk_drop_down_set_model (self->calls_target_dropdown, G_LIST_MODEL (self->targets));
  g_signal_connect_swapped (self->calls_target_dropdown, "notify::selected-item",
                            G_CALLBACK (calls_target_changed_cb), self);
  /* Shorter intervals than iputils allows users need root, as in ping(8). */
  if (geteuid () == 0)
    gtk_adjustment_set_lower (self->interval_adjustment, ROOT_MIN_INTERVAL);

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    sl_ping_page_add_target (self, defaults[i], NULL);
  sl_code_view_set_generator (self->code_view, generate_code_cb, self, NULL);
  watch_options (self);
  calls_target_changed_cb (self);
  sl_accessible_name_drop_downs (GTK_WIDGET (self));
  update_actions (self);
}

GListModel *
sl_ping_page_get_targets (SlPingPage *self)
{
  g_return_val_if_fail (SL_IS_PING_PAGE (self), NULL);
  return G_LIST_MODEL (self->targets);
}

SlRttChart *
sl_ping_page_get_chart (SlPingPage *self)
{
  g_return_val_if_fail (SL_IS_PING_PAGE (self), NULL);
  return self->chart;
}

gboolean
sl_ping_page_get_running (SlPingPage *self)
{
  g_return_val_if_fail (SL_IS_PING_PAGE (self), FALSE);
  return self->n_running > 0;
}

/* ---- remembered settings ----------------------------------------------------------- */

static char **
dup_target_hosts (SlPingPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->targets));
  g_autoptr(GStrvBuilder) hosts = g_strv_builder_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlPinger) pinger = g_list_model_get_item (G_LIST_MODEL (self->targets), i);

      g_strv_builder_add (hosts, sl_pinger_get_host (pinger));
    }
  return g_strv_builder_end (hosts);
}

static void
save_targets_cb (SlPingPage *self)
{
  g_auto(GStrv) list = NULL;

  if (self->restoring)
    return;
  list = dup_target_hosts (self);
  g_settings_set_strv (self->settings, "ping-targets", (const char *const *) list);
}

/* The remembered targets replace the defaults; one no longer valid is left out. A Lab Step
 * that sets the key while the page is open does the same, unless a run is on. */
static void
restore_targets (SlPingPage *self)
{
  g_auto(GStrv) hosts = g_settings_get_strv (self->settings, "ping-targets");
  g_auto(GStrv) shown = dup_target_hosts (self);

  if (g_strv_equal ((const char *const *) hosts, (const char *const *) shown) || self->n_running > 0)
    return;
  self->restoring = TRUE;
  while (g_list_model_get_n_items (G_LIST_MODEL (self->targets)) > 0)
    remove_target_at (self, 0);
  for (guint i = 0; hosts[i] != NULL; i++)
    sl_ping_page_add_target (self, hosts[i], NULL);
  self->restoring = FALSE;
  calls_target_changed_cb (self);
}

void
sl_ping_page_bind_settings (SlPingPage *self,
                            GSettings  *settings)
{
  g_return_if_fail (SL_IS_PING_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  restore_targets (self);
  g_signal_connect_swapped (self->targets, "items-changed", G_CALLBACK (save_targets_cb), self);
  g_signal_connect_object (settings, "changed::ping-targets", G_CALLBACK (restore_targets), self,
                           G_CONNECT_SWAPPED);
  sl_settings_bind_spin (settings, "ping-count", self->count_spin);
  sl_settings_bind_spin (settings, "ping-interval", self->interval_spin);
  sl_settings_bind_spin (settings, "ping-timeout", self->timeout_spin);
  sl_settings_bind_spin (settings, "ping-size", self->payload_spin);
  sl_settings_bind_spin (settings, "ping-port", self->port_spin);
  sl_settings_bind_choice (settings, "ping-method", self->method_row);
  sl_settings_bind_family (settings, "ping-family", self->family_row);
  sl_settings_bind_log_size (settings, self->log);
  adw_entry_row_add_suffix (self->host_row, sl_recent_hosts_button_new (settings, GTK_EDITABLE (self->host_row)));
}

void
sl_ping_page_set_route_length (SlPingPage *self,
                               const char *host,
                               guint       hops)
{
  SlPingStatsCard *card;
  guint position;

  g_return_if_fail (SL_IS_PING_PAGE (self));

  if (find_target (self, host, &position) != NULL && (card = card_of (self, position)) != NULL)
    sl_ping_stats_card_set_route_length (card, hops);
}

/* Where each run is recorded once all its targets are done (NULL: nowhere). */
void
sl_ping_page_set_journal (SlPingPage   *self,
                          SlLabJournal *journal)
{
  g_return_if_fail (SL_IS_PING_PAGE (self));
  g_return_if_fail (journal == NULL || SL_IS_LAB_JOURNAL (journal));

  g_set_object (&self->journal, journal);
}

/* A run still going, as it stands, with its chart: finished runs are in the journal. */
void
sl_ping_page_add_to_report (SlPingPage *self,
                            SlReport   *report)
{
  g_return_if_fail (SL_IS_PING_PAGE (self));
  g_return_if_fail (SL_IS_REPORT (report));

  if (self->n_running > 0)
    add_run (self, report);
}
