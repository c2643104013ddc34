/* sl-ping-page.c: the Ping page: several targets, live log, RTT chart, statistics cards.
 *
 * Each target is an SlPinger in a GListStore; the targets list and the statistics cards are
 * bound to that store, the chart gets one series per target. All pingers write to one log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <unistd.h>

#include "sl-adaptive-box.h"
#include "sl-address.h"
#include "sl-log-view.h"
#include "sl-ping-page.h"
#include "sl-pinger.h"
#include "sl-rtt-chart.h"
#include "sl-ui-utils.h"

#define DEFAULT_TARGETS  "127.0.0.1", "::1"
#define ROOT_MIN_INTERVAL 0.01

/* What the page keeps about one pinger. */
typedef struct {
  guint  color_index;
  guint  series;
  char  *error;      /* why the last run failed, or NULL */
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
  SlRttChart     *chart;
  GtkToggleButton *seq_toggle;
  GtkScrolledWindow *stats_scroller;
  GtkFlowBox     *stats_box;
  SlLogView      *log_view;

  GListStore     *targets;
  SlLog          *log;
  GCancellable   *cancellable;
  guint           next_color;
  guint           n_running;
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
}

static void
on_axis_toggled (SlPingPage *self)
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
  /* Says which of the many "Remove" buttons this is, to a screen reader too. */
  g_autofree char *what = g_strdup_printf (_("Remove %s from the targets"), sl_pinger_get_host (pinger));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sl_pinger_get_host (pinger));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch_new (self, pinger));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "ping.remove-target");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", sl_pinger_get_host (pinger));
  gtk_widget_set_tooltip_text (remove, what);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, what, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  update_row (ADW_ACTION_ROW (row), NULL, pinger);
  g_signal_connect_object (pinger, "notify::method-explanation", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (pinger, "notify::method", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  return row;
}

/* Statistics cards */

static GtkWidget *
card_label (GtkWidget  *box,
            const char *name,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Caps the natural width, so two or three cards fit side by side. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  g_object_set_data (G_OBJECT (box), name, label);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

/* Why this method: folded, as it is long; the log shows it in full at Start. */
static void
add_explanation (GtkWidget *card)
{
  GtkWidget *expander = gtk_expander_new (_("Why this method?"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (expander, "caption");
  gtk_expander_set_child (GTK_EXPANDER (expander), label);
  g_object_set_data (G_OBJECT (card), "explanation", label);
  g_object_set_data (G_OBJECT (card), "expander", expander);
  gtk_box_append (GTK_BOX (card), expander);
}

static void
set_card_text (GtkWidget  *card,
               const char *name,
               const char *text)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (card), name);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_visible (label, text != NULL && *text != '\0');
}

static char *
describe_ignored (const SlPingStats *stats)
{
  guint64 stray = sl_ping_stats_get_forged (stats);

  if (stray == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Ignored %llu reply that was not ours, forged or late",
                                       "Ignored %llu replies that were not ours, forged or late",
                                       stray), (unsigned long long) stray);
}

static void
replace_string (char       **field,
                 const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
update_card (GtkWidget  *card,
             GParamSpec *pspec,
             SlPinger   *pinger)
{
  const SlPingStats *stats = sl_pinger_get_stats (pinger);
  g_autofree char *packets = sl_ping_stats_format_packets (stats);
  g_autofree char *rtt = sl_ping_stats_format_rtt (stats);
  g_autofree char *extra = sl_ping_stats_format_extra (stats);
  g_autofree char *ignored = describe_ignored (stats);
  g_autofree char *method = NULL;
  const char *explanation = sl_pinger_get_method_explanation (pinger);

  if (explanation != NULL)
    method = g_strdup_printf (_("%s to %s"), sl_ping_method_to_string (sl_pinger_get_method (pinger)),
                              sl_pinger_get_address (pinger));
  set_card_text (card, "method", method);
  set_card_text (card, "explanation", explanation);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (card), "expander"), explanation != NULL);
  /* Before the first probe, iputils' "0 packets transmitted" would only puzzle. */
  if (sl_ping_stats_get_transmitted (stats) == 0)
    replace_string (&packets, sl_pinger_get_running (pinger) ? _("Starting…") : _("Not pinged yet: press Start"));
  set_card_text (card, "packets", packets);
  set_card_text (card, "rtt", rtt);
  set_card_text (card, "extra", extra);
  set_card_text (card, "ignored", ignored);
  set_card_text (card, "error", target_info (pinger)->error);
}

static GtkWidget *
create_stats_card (gpointer item,
                   gpointer user_data)
{
  SlPingPage *self = user_data;
  SlPinger *pinger = item;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (sl_pinger_get_host (pinger));

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "ping-stats-card");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), swatch_new (self, pinger));
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (card), header);

  card_label (card, "method", "caption-heading");
  card_label (card, "packets", "ping-stats-line");
  card_label (card, "rtt", "ping-stats-line");
  card_label (card, "extra", "ping-stats-line");
  card_label (card, "ignored", "caption");
  card_label (card, "error", "error");
  add_explanation (card);

  update_card (card, NULL, pinger);
  g_signal_connect_object (pinger, "notify::stats", G_CALLBACK (update_card), card, G_CONNECT_SWAPPED);
  g_signal_connect_object (pinger, "notify::running", G_CALLBACK (update_card), card, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sl_pinger_get_host (pinger), -1);
  return card;
}

/* The log below the cards asks for a lot of height too, and a box shares what is left fairly,
 * which cut the cards off: so the cards get all their height, up to max-content-height, and
 * scroll beyond. */
static void
fit_stats_height (SlPingPage    *self,
                  GtkAdjustment *adjustment)
{
  int wanted = MIN ((int) ceil (gtk_adjustment_get_upper (adjustment)),
                    gtk_scrolled_window_get_max_content_height (self->stats_scroller));

  if (wanted != gtk_scrolled_window_get_min_content_height (self->stats_scroller))
    gtk_scrolled_window_set_min_content_height (self->stats_scroller, wanted);
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
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), "");
}

static void
on_host_activated (SlPingPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "ping.add-target", NULL);
}

static void
on_host_changed (SlPingPage *self)
{
  sl_field_error_show (GTK_WIDGET (self->host_row), self->host_error, NULL);
}

static void
remove_target_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SlPingPage *self = SL_PING_PAGE (widget);
  SlPinger *pinger;
  guint position;

  pinger = find_target (self, g_variant_get_string (parameter, NULL), &position);
  if (pinger == NULL)
    return;
  g_object_ref (pinger);
  sl_pinger_stop (pinger);
  sl_rtt_chart_remove_series (self->chart, target_info (pinger)->series);
  g_signal_handlers_disconnect_by_data (pinger, self);
  g_list_store_remove (self->targets, position);
  g_object_unref (pinger);
  update_actions (self);
}

/* Running */

static void
apply_options (SlPingPage *self,
               SlPinger   *pinger)
{
  static const SlPingMethod methods[] = {
    SL_PING_METHOD_ICMP_DGRAM, SL_PING_METHOD_ICMP_RAW, SL_PING_METHOD_TCP,
  };
  guint method = adw_combo_row_get_selected (self->method_row);

  sl_pinger_set_count (pinger, gtk_spin_button_get_value_as_int (self->count_spin));
  sl_pinger_set_interval (pinger, gtk_spin_button_get_value (self->interval_spin));
  sl_pinger_set_timeout (pinger, gtk_spin_button_get_value (self->timeout_spin));
  sl_pinger_set_payload_size (pinger, gtk_spin_button_get_value_as_int (self->payload_spin));
  sl_pinger_set_tcp_port (pinger, gtk_spin_button_get_value_as_int (self->port_spin));
  sl_pinger_set_method_preference (pinger, methods[MIN (method, G_N_ELEMENTS (methods) - 1)]);
}

static void
refresh_card (SlPingPage *self,
              SlPinger   *pinger)
{
  GtkFlowBoxChild *child;
  guint position;

  if (find_target (self, sl_pinger_get_host (pinger), &position) != pinger)
    return;
  child = gtk_flow_box_get_child_at_index (self->stats_box, position);
  if (child != NULL)
    update_card (gtk_flow_box_child_get_child (child), NULL, pinger);
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
  if (self->n_running == 0)
    sl_rtt_chart_set_running (self->chart, FALSE);
  update_actions (self);
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
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlPinger) pinger = g_list_model_get_item (G_LIST_MODEL (self->targets), i);

      g_clear_pointer (&target_info (pinger)->error, g_free);
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

/* GObject */

static void
sl_ping_page_dispose (GObject *object)
{
  SlPingPage *self = SL_PING_PAGE (object);

  /* Runs end now; their callbacks see the cancellable and leave the widgets alone. */
  g_cancellable_cancel (self->cancellable);
  for (guint i = 0; self->targets && i < g_list_model_get_n_items (G_LIST_MODEL (self->targets)); i++)
    {
      g_autoptr(SlPinger) pinger = g_list_model_get_item (G_LIST_MODEL (self->targets), i);

      g_signal_handlers_disconnect_by_data (pinger, self);
      sl_pinger_stop (pinger);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_PING_PAGE);
  g_clear_object (&self->targets);
  g_clear_object (&self->log);

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
  g_type_ensure (SL_TYPE_ADAPTIVE_BOX);
  g_type_ensure (SL_TYPE_RTT_CHART);
  g_type_ensure (SL_TYPE_LOG_VIEW);

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
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, chart);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, seq_toggle);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, stats_scroller);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, stats_box);
  gtk_widget_class_bind_template_child (widget_class, SlPingPage, log_view);
  gtk_widget_class_bind_template_callback (widget_class, on_host_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_host_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_axis_toggled);

  gtk_widget_class_install_action (widget_class, "ping.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "ping.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "ping.add-target", NULL, add_target_action);
  gtk_widget_class_install_action (widget_class, "ping.remove-target", "s", remove_target_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "ping.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "ping.stop", NULL);
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
  gtk_list_box_bind_model (self->targets_list, G_LIST_MODEL (self->targets), create_target_row, self, NULL);
  gtk_flow_box_bind_model (self->stats_box, G_LIST_MODEL (self->targets), create_stats_card, self, NULL);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->stats_scroller), "changed",
                           G_CALLBACK (fit_stats_height), self, G_CONNECT_SWAPPED);
  /* Shorter intervals than iputils allows users need root, as in ping(8). */
  if (geteuid () == 0)
    gtk_adjustment_set_lower (self->interval_adjustment, ROOT_MIN_INTERVAL);

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    sl_ping_page_add_target (self, defaults[i], NULL);
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
