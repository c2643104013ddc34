/* sl-route-page.c: the Route page: the path to a host, hop by hop, live, as mtr shows it.
 *
 * One SlRoute serves the page; its hops model feeds the table directly, so a hop's row
 * changes the moment its probe answers. The reverse names arrive later and fill in the Host
 * column by themselves. The Ping page sends a host here with sl_route_page_trace ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "sl-adaptive-box.h"
#include "sl-address.h"
#include "sl-hop-sparkline.h"
#include "sl-recent-hosts-button.h"
#include "sl-resolver.h"
#include "sl-route-page.h"
#include "sl-route-text.h"
#include "sl-settings.h"
#include "sl-text-columns.h"
#include "sl-trace-view.h"
#include "sl-ui-utils.h"
#include "sl-wrap-box.h"

struct _SlRoutePage
{
  AdwBin          parent_instance;

  SlRoute        *route;
  SlTrace        *trace;
  GCancellable   *cancellable;
  GSettings      *settings;     /* NULL until bound: nothing is remembered */
  SlLabJournal   *journal;      /* where finished runs are recorded; NULL: nowhere */
  char           *error;        /* why the last run failed */

  AdwEntryRow    *host_row;
  GtkLabel       *host_error;
  GtkWidget      *start_button;
  GtkWidget      *stop_button;
  GtkLabel       *status_label;
  GtkLabel       *method_label;
  AdwComboRow    *method_row;
  AdwComboRow    *family_row;
  GtkSpinButton  *port_spin;
  GtkSpinButton  *count_spin;
  GtkSpinButton  *interval_spin;
  GtkSpinButton  *max_ttl_spin;
  GtkSwitch      *names_switch;
  GtkStack       *results_stack;
  GtkStack       *hops_stack;
  GtkColumnView  *hops_view;
  SlTraceView    *trace_view;
  GtkLabel       *commands_label;
};

G_DEFINE_FINAL_TYPE (SlRoutePage, sl_route_page, ADW_TYPE_BIN)

enum {
  ROUTE_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const GSocketFamily families[] = {
  G_SOCKET_FAMILY_INVALID, G_SOCKET_FAMILY_IPV4, G_SOCKET_FAMILY_IPV6,
};

/* ---- the hop table ------------------------------------------------------------------ */

static char *
format_ttl (gpointer hop)
{
  return g_strdup_printf ("%u", sl_route_hop_get_ttl (hop));
}

static char *
format_host (gpointer hop)
{
  g_autofree char *host = sl_route_hop_format_host (hop);

  if (!sl_route_hop_get_is_destination (hop))
    return g_steal_pointer (&host);
  /* Translators: a hop's host, marked as the end of the route. */
  return g_strdup_printf (_("%s · destination"), host);
}

static char *
format_loss (gpointer hop)
{
  return sl_route_hop_format_loss (hop);
}

static char *
format_sent (gpointer hop)
{
  return g_strdup_printf ("%u", sl_route_hop_get_sent (hop));
}

static char *
format_last (gpointer hop)
{
  return sl_route_format_ms (sl_route_hop_get_last_us (hop));
}

static char *
format_average (gpointer hop)
{
  return sl_route_format_ms (sl_route_hop_get_average_us (hop));
}

static char *
format_best (gpointer hop)
{
  return sl_route_format_ms (sl_route_hop_get_best_us (hop));
}

static char *
format_worst (gpointer hop)
{
  return sl_route_format_ms (sl_route_hop_get_worst_us (hop));
}

static char *
format_stdev (gpointer hop)
{
  return sl_route_format_ms (sl_route_hop_get_stdev_us (hop));
}

/* mtr's columns, in its order; the times are in milliseconds. On the page they are translated
 * like any heading; the copied table (sl-route-text.c) and the report keep mtr's own names. */
static const SlTextColumn hop_columns[] = {
  /* Translators: column heading, mtr's "Host": the router's name or address. */
  { N_("Host"), "", format_host, FALSE, 20, TRUE },
  /* Translators: column heading, mtr's "Loss%": the share of probes lost at this hop. */
  { N_("Loss"), "loss", format_loss, TRUE },
  /* Translators: column heading, mtr's "Snt": how many probes were sent to this hop. */
  { N_("Sent"), "sent", format_sent, TRUE },
  /* Translators: column heading, mtr's "Last": the latest round-trip time, in ms. */
  { N_("Last"), "last-us", format_last, TRUE },
  /* Translators: column heading, mtr's "Avg": the mean round-trip time, in ms. */
  { N_("Avg"), "average-us", format_average, TRUE },
  /* Translators: column heading, mtr's "Best": the fastest round-trip time, in ms. */
  { N_("Best"), "best-us", format_best, TRUE },
  /* Translators: column heading, mtr's "Wrst": the slowest round-trip time, in ms. */
  { N_("Worst"), "worst-us", format_worst, TRUE },
  /* Translators: column heading, mtr's "StDev": the standard deviation of the round trips. */
  { N_("StDev"), "stdev-us", format_stdev, TRUE },
};

static const SlTextColumn ttl_column[] = {
  /* Translators: column heading: the hop's number, the TTL its probes were sent with. */
  { N_("TTL"), NULL, format_ttl, TRUE },
};

static void
setup_sparkline_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  gtk_list_item_set_child (item, sl_hop_sparkline_new ());
}

static void
bind_sparkline_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   SlRoutePage              *self)
{
  sl_hop_sparkline_set_hop (SL_HOP_SPARKLINE (gtk_list_item_get_child (item)),
                            gtk_list_item_get_item (item), sl_route_get_hops (self->route));
}

static void
unbind_sparkline_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  sl_hop_sparkline_set_hop (SL_HOP_SPARKLINE (gtk_list_item_get_child (item)), NULL, NULL);
}

static void
add_hop_columns (SlRoutePage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) recent = NULL;
  g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (sl_route_get_hops (self->route)));

  gtk_column_view_set_model (self->hops_view, GTK_SELECTION_MODEL (selection));
  sl_text_columns_append (self->hops_view, ttl_column, G_N_ELEMENTS (ttl_column));
  sl_text_columns_append (self->hops_view, hop_columns, G_N_ELEMENTS (hop_columns));
  /* The TTL column went first only to stand first: the Host column takes the spare width. */
  gtk_column_view_column_set_expand (g_list_model_get_item (gtk_column_view_get_columns (self->hops_view), 0), FALSE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_sparkline_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_sparkline_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_sparkline_cb), NULL);
  recent = gtk_column_view_column_new (_("Recent"), factory);
  gtk_column_view_append_column (self->hops_view, recent);
}

/* ---- state -------------------------------------------------------------------------- */

static char *
describe_status (SlRoutePage *self)
{
  SlRoute *route = self->route;
  const char *host = sl_route_get_host (route);
  const char *address = sl_route_get_address (route) != NULL ? sl_route_get_address (route) : host;
  guint hops = g_list_model_get_n_items (sl_route_get_hops (route));

  if (self->error != NULL)
    return g_strdup (self->error);
  if (sl_route_get_running (route))
    /* Translators: host, its address, the method (UDP, ICMP, TCP) and the round number. */
    return g_strdup_printf (_("Tracing the route to %s (%s) with %s — round %u"), host, address,
                            sl_route_method_to_string (sl_route_get_method_used (route)),
                            sl_route_get_round (route));
  if (sl_route_get_round (route) == 0)
    return g_strdup (_("Not traced yet"));
  if (sl_route_get_destination_reached (route))
    return g_strdup_printf (ngettext ("%s answered at hop %u", "%s answered at hop %u", hops), address, hops);
  return g_strdup_printf (ngettext ("%s did not answer within %u hop", "%s did not answer within %u hops", hops),
                          address, hops);
}

static void
update_status (SlRoutePage *self)
{
  g_autofree char *status = describe_status (self);
  g_autofree char *mtu = NULL;
  const char *why = sl_route_get_method_explanation (self->route);

  if (sl_route_get_path_mtu (self->route) > 0 && !sl_route_get_running (self->route))
    mtu = g_strdup_printf (_("%s · path MTU %u bytes"), status, sl_route_get_path_mtu (self->route));
  gtk_label_set_text (self->status_label, mtu != NULL ? mtu : status);
  if (self->error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->method_label), why != NULL && self->error == NULL);
  gtk_label_set_text (self->method_label, why != NULL ? why : "");
}

static void
update_commands (SlRoutePage *self)
{
  g_auto(GStrv) commands = sl_route_get_equivalent_commands (self->route);
  g_autofree char *text = g_strjoinv ("\n", commands);

  gtk_label_set_text (self->commands_label, text);
}

static void
update_actions (SlRoutePage *self)
{
  gboolean running = sl_route_get_running (self->route);
  g_autofree char *host = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->host_row))));

  sl_button_pair_update (GTK_WIDGET (self), self->start_button, self->stop_button, running, *host != '\0');
  gtk_stack_set_visible_child_name (self->hops_stack,
                                    g_list_model_get_n_items (sl_route_get_hops (self->route)) > 0 ? "hops" : "empty");
}

static void
route_changed_cb (SlRoutePage *self)
{
  update_status (self);
  update_actions (self);
  update_commands (self);
}

/* ---- running ------------------------------------------------------------------------ */

static SlRouteMethod
chosen_method (SlRoutePage *self)
{
  static const SlRouteMethod methods[] = { SL_ROUTE_METHOD_UDP, SL_ROUTE_METHOD_ICMP, SL_ROUTE_METHOD_TCP };

  return methods[MIN (adw_combo_row_get_selected (self->method_row), G_N_ELEMENTS (methods) - 1)];
}

static void
apply_options (SlRoutePage *self,
               const char  *host)
{
  SlRoute *route = self->route;

  sl_route_set_host (route, host);
  sl_route_set_method (route, chosen_method (self));
  sl_route_set_family (route, families[MIN (adw_combo_row_get_selected (self->family_row), G_N_ELEMENTS (families) - 1)]);
  sl_route_set_port (route, (guint) gtk_spin_button_get_value_as_int (self->port_spin));
  sl_route_set_count (route, (guint) gtk_spin_button_get_value_as_int (self->count_spin));
  sl_route_set_interval (route, gtk_spin_button_get_value (self->interval_spin));
  sl_route_set_max_ttl (route, (guint) gtk_spin_button_get_value_as_int (self->max_ttl_spin));
  sl_route_set_resolve_names (route, gtk_switch_get_active (self->names_switch));
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SlRoutePage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean host_wrong;

  if (!sl_route_run_finish (SL_ROUTE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A run stopped to start another reports after the new one began: it is old news. */
  if (sl_route_get_running (self->route))
    return;
  host_wrong = error != NULL && (sl_address_is_host_error (error) || error->domain == SL_RESOLVER_ERROR);
  sl_field_error_show (GTK_WIDGET (self->host_row), self->host_error, host_wrong ? error : NULL);
  g_clear_pointer (&self->error, g_free);
  if (error != NULL)
    self->error = g_strdup (error->message);
  route_changed_cb (self);
  if (error == NULL && self->journal != NULL && sl_route_get_round (self->route) > 0)
    sl_lab_journal_record_route (self->journal, self->route);
  if (error == NULL)
    g_signal_emit (self, signals[ROUTE_FINISHED], 0);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SlRoutePage *self = SL_ROUTE_PAGE (widget);
  g_autofree char *host = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->host_row))));
  g_autoptr(SlAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  if (sl_route_get_running (self->route))
    return;
  /* Checked here, so a typo is marked at the field before any probe. */
  address = sl_address_parse (host, "1", &error);
  sl_field_error_show (GTK_WIDGET (self->host_row), self->host_error, error);
  if (address == NULL)
    return;
  if (self->settings != NULL)
    sl_settings_remember_host (self->settings, host);
  g_clear_pointer (&self->error, g_free);
  sl_trace_clear (self->trace);
  apply_options (self, host);
  sl_route_run_async (self->route, self->cancellable, run_done_cb, g_object_ref (self));
  route_changed_cb (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sl_route_stop (SL_ROUTE_PAGE (widget)->route);
}

/* Copies the hop table, the socket calls or the commands: whichever is shown. */
static void
copy_shown_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlRoutePage *self = SL_ROUTE_PAGE (widget);
  const char *shown = gtk_stack_get_visible_child_name (self->results_stack);
  g_autofree char *text = NULL;
  const char *done;

  if (sl_is_page (NULL, shown, "calls"))
    {
      text = sl_trace_to_text (self->trace);
      done = _("Socket calls copied");
    }
  else if (sl_is_page (NULL, shown, "commands"))
    {
      text = g_strdup (gtk_label_get_text (self->commands_label));
      done = _("Commands copied");
    }
  else
    {
      text = sl_route_format_table (self->route);
      done = _("Route copied");
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  sl_show_toast (widget, done);
}

static void
host_activated_cb (SlRoutePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "route.start", NULL);
}

static void
host_changed_cb (SlRoutePage *self)
{
  sl_field_error_show (GTK_WIDGET (self->host_row), self->host_error, NULL);
  update_actions (self);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
sl_route_page_dispose (GObject *object)
{
  SlRoutePage *self = SL_ROUTE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->route != NULL)
    g_signal_handlers_disconnect_by_data (self->route, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_ROUTE_PAGE);
  g_clear_object (&self->route);
  g_clear_object (&self->trace);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->journal);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (sl_route_page_parent_class)->dispose (object);
}

static void
sl_route_page_class_init (SlRoutePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_route_page_dispose;

  /* A run ended without error: the hops are final (the Ping page compares them). */
  signals[ROUTE_FINISHED] =
    g_signal_new ("route-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  sl_ensure_template_types ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-route-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, host_row);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, host_error);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, start_button);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, method_label);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, method_row);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, family_row);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, port_spin);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, count_spin);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, max_ttl_spin);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, names_switch);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, hops_stack);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, hops_view);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, trace_view);
  gtk_widget_class_bind_template_child (widget_class, SlRoutePage, commands_label);
  gtk_widget_class_bind_template_callback (widget_class, host_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, host_changed_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "is_page", G_CALLBACK (sl_is_page));

  gtk_widget_class_install_action (widget_class, "route.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "route.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "route.copy-shown", NULL, copy_shown_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "route.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "route.stop", NULL);
  gtk_widget_class_install_action (widget_class, "page.focus-host", NULL, sl_focus_first_field);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "route.copy-shown", NULL);
}

static void
sl_route_page_init (SlRoutePage *self)
{
  static const char *const watched[] = {
    "notify::running", "notify::round", "notify::method-used", "notify::method-explanation",
    "notify::destination-reached", "notify::path-mtu", "notify::address",
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->trace = sl_trace_new (0);
  self->route = sl_route_new (gtk_editable_get_text (GTK_EDITABLE (self->host_row)));
  sl_route_set_trace (self->route, self->trace);
  sl_trace_view_set_trace (self->trace_view, self->trace);
  /* Below a second between rounds is for root only, as with mtr. */
  if (geteuid () != 0)
    gtk_adjustment_set_lower (gtk_spin_button_get_adjustment (self->interval_spin), SL_ROUTE_MIN_USER_INTERVAL);
  else
    gtk_adjustment_set_lower (gtk_spin_button_get_adjustment (self->interval_spin), 0.1);
  add_hop_columns (self);
  adw_status_page_set_child (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->hops_stack, "empty")),
                             sl_lab_steps_button_new ());
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_swapped (self->route, watched[i], G_CALLBACK (route_changed_cb), self);
  g_signal_connect_swapped (sl_route_get_hops (self->route), "items-changed", G_CALLBACK (update_actions), self);
  sl_accessible_name_drop_downs (GTK_WIDGET (self));
  route_changed_cb (self);
}

/* ---- API ---------------------------------------------------------------------------- */

SlRoute *
sl_route_page_get_route (SlRoutePage *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_PAGE (self), NULL);
  return self->route;
}

void
sl_route_page_trace (SlRoutePage *self,
                     const char  *host)
{
  g_return_if_fail (SL_IS_ROUTE_PAGE (self));
  g_return_if_fail (host != NULL);

  /* Stopping is immediate; the stopped run's callback comes later and knows it is old. */
  sl_route_stop (self->route);
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), host);
  gtk_stack_set_visible_child_name (self->results_stack, "hops");
  gtk_widget_activate_action (GTK_WIDGET (self), "route.start", NULL);
}

void
sl_route_page_bind_settings (SlRoutePage *self,
                             GSettings   *settings)
{
  g_return_if_fail (SL_IS_ROUTE_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "route-host", self->host_row, "text", G_SETTINGS_BIND_DEFAULT);
  sl_settings_bind_choice (settings, "route-method", self->method_row);
  sl_settings_bind_family (settings, "route-family", self->family_row);
  sl_settings_bind_spin (settings, "route-port", self->port_spin);
  sl_settings_bind_spin (settings, "route-count", self->count_spin);
  sl_settings_bind_spin (settings, "route-interval", self->interval_spin);
  sl_settings_bind_spin (settings, "route-max-hops", self->max_ttl_spin);
  g_settings_bind (settings, "route-names", self->names_switch, "active", G_SETTINGS_BIND_DEFAULT);
  adw_entry_row_add_suffix (self->host_row, sl_recent_hosts_button_new (settings, GTK_EDITABLE (self->host_row)));
}

void
sl_route_page_set_journal (SlRoutePage  *self,
                           SlLabJournal *journal)
{
  g_return_if_fail (SL_IS_ROUTE_PAGE (self));
  g_return_if_fail (journal == NULL || SL_IS_LAB_JOURNAL (journal));

  g_set_object (&self->journal, journal);
}

void
sl_route_page_add_to_report (SlRoutePage *self,
                             SlReport    *report)
{
  g_return_if_fail (SL_IS_ROUTE_PAGE (self));
  g_return_if_fail (SL_IS_REPORT (report));

  if (sl_route_get_running (self->route))
    sl_report_add_route (report, self->route);
}
