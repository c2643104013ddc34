/* sl-server-page.c: the Server page: listen settings, clients table, replies, log.
 *
 * The page only drives an SlServer and renders its state; peer data is always set as
 * plain text. Wide windows show the settings beside the clients and the log; narrow
 * ones (down to 360 px) stack them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-adaptive-box.h"
#include "sl-address.h"
#include "sl-code-view.h"
#include "sl-export-button.h"
#include "sl-export-job.h"
#include "sl-text-export.h"
#include "sl-ui-utils.h"
#include "sl-wrap-box.h"
#include "sl-log-view.h"
#include "sl-payload-bar.h"
#include "sl-server-page.h"
#include "sl-trace-view.h"
#include "sl-flow-diagram.h"
#include "sl-settings.h"
#include "sl-text-columns.h"

struct _SlServerPage
{
  AdwBin              parent_instance;

  SlServer           *server;
  GSettings          *settings;      /* NULL until bound: nothing is remembered */
  GtkSingleSelection *selection;
  char               *start_error;
  gboolean            port_valid;
  gboolean            was_listening;
  SlLabJournal       *journal;

  AdwEntryRow        *address_row;
  GtkLabel           *address_error;
  AdwEntryRow        *port_row;
  GtkLabel           *port_error;
  AdwComboRow        *protocol_row;
  GtkSwitch          *expose_switch;
  GtkWidget          *start_button;
  GtkWidget          *stop_button;
  GtkLabel           *status_label;
  GtkLabel           *withheld_label;
  GtkWidget          *large_replies_row;
  GtkSwitch          *large_replies_switch;
  GtkWidget          *hint_box;
  GtkLabel           *hint_label;
  AdwComboRow        *reply_row;
  AdwEntryRow        *fixed_row;
  GtkDropDown        *fixed_mode_dropdown;
  GtkLabel           *fixed_error;
  GtkLabel           *peers_heading;
  GtkStack           *peers_stack;
  AdwStatusPage      *peers_empty;
  GtkColumnView      *peers_view;
  GtkStack           *data_stack;
  SlLogView          *log_view;
  SlTraceView        *trace_view;
  SlFlowDiagram      *flow_diagram;
  SlCodeView         *code_view;
  SlPayloadBar       *payload_bar;
  GtkWidget          *broadcast_button;
};

G_DEFINE_FINAL_TYPE (SlServerPage, sl_server_page, ADW_TYPE_BIN)

/* ---- fields and status ---------------------------------------------------------- */

/* The selected client, or the only one: with one client there is nothing to choose. */
static SlPeer *
target_peer (SlServerPage *self)
{
  SlPeer *selected = gtk_single_selection_get_selected_item (self->selection);
  GListModel *peers = sl_server_get_peers (self->server);
  g_autoptr(SlPeer) only = NULL;

  if (selected != NULL)
    return selected;
  if (g_list_model_get_n_items (peers) != 1)
    return NULL;
  only = g_list_model_get_item (peers, 0);
  /* Borrowed, like the selected item: the list keeps its own reference. */
  return only;
}

static gboolean
is_listening (SlServerPage *self)
{
  return sl_server_get_state (self->server) == SL_SERVER_STATE_LISTENING;
}

static void
update_actions (SlServerPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean listening = is_listening (self);
  gboolean has_peers = sl_server_get_n_peers (self->server) > 0;
  gboolean has_target = listening && target_peer (self) != NULL;
  gboolean can_send = sl_payload_bar_is_valid (self->payload_bar);

  sl_button_pair_update (widget, self->start_button, self->stop_button, listening, self->port_valid);
  gtk_widget_action_set_enabled (widget, "server.send", has_target && can_send);
  gtk_widget_action_set_enabled (widget, "server.disconnect-peer", has_target);
  gtk_widget_action_set_enabled (widget, "server.broadcast", listening && has_peers && can_send);
  gtk_widget_action_set_enabled (widget, "server.copy-command", listening);
}

static char *
status_text (SlServerPage *self)
{
  guint n = sl_server_get_n_peers (self->server);

  if (is_listening (self))
    /* Translators: "Listening on 127.0.0.1:5000 — 3 clients" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Listening on %s — %u client",
                                         "Listening on %s — %u clients", n),
                            sl_server_get_bound_label (self->server), n);
  if (self->start_error != NULL)
    return g_strdup (self->start_error);
  return g_strdup (_("Not listening"));
}

static void
update_peers_area (SlServerPage *self)
{
  gboolean listening = is_listening (self);
  guint n = sl_server_get_n_peers (self->server);
  g_autofree char *heading = n > 0 ? g_strdup_printf (_("Clients (%u)"), n) : g_strdup (_("Clients"));

  gtk_label_set_text (self->peers_heading, heading);
  gtk_stack_set_visible_child_name (self->peers_stack, listening && n > 0 ? "list" : "empty");
  if (listening)
    {
      adw_status_page_set_title (self->peers_empty, _("No Clients Yet"));
      adw_status_page_set_description (self->peers_empty,
                                       _("Run the command shown under Start in a terminal, or "
                                         "connect from the Connect page"));
    }
  else
    {
      adw_status_page_set_title (self->peers_empty, _("Not Listening"));
      adw_status_page_set_description (self->peers_empty,
                                       _("Start the server, then connect to it from a terminal "
                                         "or from the Connect page"));
    }
}

/* Listen settings apply at start: lock them while listening. */
static void
lock_listen_settings (SlServerPage *self,
                      gboolean      locked)
{
  GtkWidget *fields[] = {
    GTK_WIDGET (self->address_row), GTK_WIDGET (self->port_row),
    GTK_WIDGET (self->protocol_row), GTK_WIDGET (self->expose_switch),
  };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      /* Focus must leave a field before it turns insensitive, or GTK loses track of it. */
      if (locked && focus != NULL && (focus == fields[i] || gtk_widget_is_ancestor (focus, fields[i])))
        gtk_widget_grab_focus (self->stop_button);
      gtk_widget_set_sensitive (fields[i], !locked);
    }
}

/* The UDP limits at work, in words: what was not answered, and why. */
static void
update_withheld (SlServerPage *self)
{
  guint64 rate = sl_server_get_replies_withheld (self->server, SL_WITHHELD_RATE_LIMIT);
  guint64 size = sl_server_get_replies_withheld (self->server, SL_WITHHELD_AMPLIFICATION);
  g_autofree char *rate_text = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *text = NULL;

  if (rate > 0)
    rate_text = g_strdup_printf (ngettext ("%llu reply held back: a source sent faster than %u a second",
                                           "%llu replies held back: sources sent faster than %u a second",
                                           rate), (unsigned long long) rate, sl_server_get_udp_reply_rate (self->server));
  if (size > 0)
    size_text = g_strdup_printf (ngettext ("%llu reply held back: more than %u times its request",
                                           "%llu replies held back: more than %u times their requests",
                                           size), (unsigned long long) size, SL_SERVER_AMPLIFICATION_FACTOR);
  if (rate_text != NULL && size_text != NULL)
    text = g_strdup_printf ("%s; %s", rate_text, size_text);
  gtk_label_set_text (self->withheld_label, text != NULL ? text : rate_text != NULL ? rate_text
                                                                  : size_text != NULL ? size_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->withheld_label), rate_text != NULL || size_text != NULL);
}

static void
update_state (SlServerPage *self)
{
  g_autofree char *status = status_text (self);
  g_autofree char *command = sl_server_dup_try_command (self->server);
  gboolean listening = is_listening (self);

  gtk_label_set_text (self->status_label, status);
  if (!listening && self->start_error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");

  gtk_widget_set_visible (self->hint_box, command != NULL);
  gtk_label_set_text (self->hint_label, command != NULL ? command : "");

  update_peers_area (self);
  update_actions (self);
  lock_listen_settings (self, listening);
  /* A run goes into the journal when it stops. */
  if (self->was_listening && !listening && self->journal != NULL)
    sl_lab_journal_record_server (self->journal, self->server);
  self->was_listening = listening;
  sl_code_view_invalidate (self->code_view);
}

/* ---- peers table ----------------------------------------------------------------- */

static char *
format_label (gpointer item)
{
  SlPeer *peer = item;

  return g_strdup (sl_peer_get_label (peer));
}

static char *
format_since (gpointer item)
{
  SlPeer *peer = item;

  return g_date_time_format (sl_peer_get_since (peer), "%X");
}

static char *
format_in (gpointer item)
{
  SlPeer *peer = item;

  return g_format_size (sl_peer_get_bytes_in (peer));
}

static char *
format_out (gpointer item)
{
  SlPeer *peer = item;

  return g_format_size (sl_peer_get_bytes_out (peer));
}

static const SlTextColumn peer_columns[] = {
  { N_("Address"), NULL, format_label, FALSE },
  { N_("Since"), NULL, format_since, FALSE },
  { N_("In"), "bytes-in", format_in, TRUE },
  { N_("Out"), "bytes-out", format_out, TRUE },
};

/* ---- parsing what the student typed ------------------------------------------------ */

static SlProtocol
chosen_protocol (SlServerPage *self)
{
  return adw_combo_row_get_selected (self->protocol_row) == 1 ? SL_PROTOCOL_UDP : SL_PROTOCOL_TCP;
}

/* UDP's limit depends on the family the server listens on. */
static GSocketFamily
listen_family (SlServerPage *self)
{
  return strchr (gtk_editable_get_text (GTK_EDITABLE (self->address_row)), ':') != NULL
         ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4;
}

static GBytes *
parse_fixed_reply (SlServerPage  *self,
                   GError       **error)
{
  SlPayloadMode mode = (SlPayloadMode) gtk_drop_down_get_selected (self->fixed_mode_dropdown);
  g_autoptr(GBytes) reply = sl_payload_parse (gtk_editable_get_text (GTK_EDITABLE (self->fixed_row)), mode, error);

  /* Refused here, where it is typed, rather than by every sendto () with EMSGSIZE. */
  if (reply != NULL &&
      !sl_payload_check_size (g_bytes_get_size (reply), chosen_protocol (self), listen_family (self), error))
    return NULL;
  return g_steal_pointer (&reply);
}

static void
port_changed_cb (SlServerPage *self)
{
  g_autoptr(GError) error = NULL;
  guint16 port;

  self->port_valid = sl_address_parse_port (gtk_editable_get_text (GTK_EDITABLE (self->port_row)),
                                            TRUE, &port, &error);
  sl_field_error_show (GTK_WIDGET (self->port_row), self->port_error, error);
  update_actions (self);
  sl_code_view_invalidate (self->code_view);
}

static void reply_changed_cb (SlServerPage *self);

static void
update_limits (SlServerPage *self)
{
  sl_payload_bar_set_limit (self->payload_bar, chosen_protocol (self), listen_family (self));
  reply_changed_cb (self);
}

static void
address_changed_cb (SlServerPage *self)
{
  sl_field_error_show (GTK_WIDGET (self->address_row), self->address_error, NULL);
  update_limits (self);
}

/* Only a fixed UDP reply can be bigger than its request. */
static void
update_large_replies_row (SlServerPage *self)
{
  gtk_widget_set_visible (self->large_replies_row, chosen_protocol (self) == SL_PROTOCOL_UDP &&
                                                   adw_combo_row_get_selected (self->reply_row) == 1);
}

static void
protocol_changed_cb (SlServerPage *self)
{
  sl_server_set_protocol (self->server, chosen_protocol (self));
  update_limits (self);
  update_large_replies_row (self);
}

/* The switch moves the address between loopback and "every network", keeping the family. */
static void
expose_changed_cb (SlServerPage *self)
{
  gboolean expose = gtk_switch_get_active (self->expose_switch);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);
  gboolean v6 = strchr (text, ':') != NULL;

  if (expose && (text[0] == '\0' || (address != NULL && g_inet_address_get_is_loopback (address))))
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), v6 ? "::" : "0.0.0.0");
  else if (!expose && address != NULL && g_inet_address_get_is_any (address))
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), v6 ? "::1" : "127.0.0.1");
  sl_server_set_allow_network (self->server, expose);
}

static void
reply_changed_cb (SlServerPage *self)
{
  guint selected = adw_combo_row_get_selected (self->reply_row);
  SlReplyMode mode = selected == 1 ? SL_REPLY_MODE_FIXED
                   : selected == 2 ? SL_REPLY_MODE_NONE : SL_REPLY_MODE_ECHO;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->fixed_row), mode == SL_REPLY_MODE_FIXED);
  update_large_replies_row (self);
  if (mode == SL_REPLY_MODE_FIXED)
    reply = parse_fixed_reply (self, &error);
  sl_field_error_show (GTK_WIDGET (self->fixed_row), self->fixed_error, error);
  sl_server_set_fixed_reply (self->server, reply);
  sl_server_set_reply_mode (self->server, mode);
  sl_code_view_invalidate (self->code_view);
}

static void
message_changed_cb (SlServerPage *self)
{
  update_actions (self);
}

static void
entry_activated_cb (SlServerPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "server.start", NULL);
}

/* ---- actions ---------------------------------------------------------------------- */

static void
show_start_error (SlServerPage *self,
                  const GError *error)
{
  gboolean address_wrong = g_error_matches (error, SL_SERVER_ERROR, SL_SERVER_ERROR_INVALID_ADDRESS) ||
                           g_error_matches (error, SL_SERVER_ERROR, SL_SERVER_ERROR_NOT_ALLOWED) ||
                           g_error_matches (error, SL_SERVER_ERROR, SL_SERVER_ERROR_ADDRESS_NOT_AVAILABLE);
  gboolean port_wrong = g_error_matches (error, SL_SERVER_ERROR, SL_SERVER_ERROR_ADDRESS_IN_USE) ||
                        g_error_matches (error, SL_SERVER_ERROR, SL_SERVER_ERROR_PERMISSION_DENIED);

  sl_field_error_show (GTK_WIDGET (self->address_row), self->address_error, address_wrong ? error : NULL);
  sl_field_error_show (GTK_WIDGET (self->port_row), self->port_error, port_wrong ? error : NULL);
  g_free (self->start_error);
  self->start_error = g_strdup (error->message);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SlServerPage *self = SL_SERVER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  guint16 port = 0;

  if (!sl_address_parse_port (gtk_editable_get_text (GTK_EDITABLE (self->port_row)), TRUE,
                              &port, &error))
    {
      sl_field_error_show (GTK_WIDGET (self->port_row), self->port_error, error);
      return;
    }
  g_clear_pointer (&self->start_error, g_free);
  sl_server_set_address (self->server, gtk_editable_get_text (GTK_EDITABLE (self->address_row)));
  sl_server_set_port (self->server, port);
  sl_server_set_allow_network (self->server, gtk_switch_get_active (self->expose_switch));
  protocol_changed_cb (self);

  if (!sl_server_start (self->server, &error))
    show_start_error (self, error);
  else
    {
      sl_field_error_show (GTK_WIDGET (self->address_row), self->address_error, NULL);
      sl_field_error_show (GTK_WIDGET (self->port_row), self->port_error, NULL);
    }
  update_state (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sl_server_stop (SL_SERVER_PAGE (widget)->server);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlServerPage *self = SL_SERVER_PAGE (widget);
  g_autoptr(GBytes) bytes = sl_payload_bar_parse (self->payload_bar);
  g_autoptr(GError) error = NULL;
  SlPeer *peer = target_peer (self);

  if (bytes == NULL || peer == NULL)
    return;
  if (!sl_server_send (self->server, peer, bytes, &error))
    sl_payload_bar_show_error (self->payload_bar, error);
  else
    sl_payload_bar_clear (self->payload_bar);
}

static void
broadcast_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlServerPage *self = SL_SERVER_PAGE (widget);
  g_autoptr(GBytes) bytes = sl_payload_bar_parse (self->payload_bar);

  if (bytes == NULL)
    return;
  if (sl_server_broadcast (self->server, bytes) == 0)
    {
      g_autoptr(GError) error = g_error_new_literal (SL_SERVER_ERROR, SL_SERVER_ERROR_PEER_BUSY,
                                                     _("No client could take the message: "
                                                       "none of them is reading"));

      sl_payload_bar_show_error (self->payload_bar, error);
    }
  else
    sl_payload_bar_clear (self->payload_bar);
}

static void
disconnect_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlServerPage *self = SL_SERVER_PAGE (widget);
  SlPeer *peer = target_peer (self);

  if (peer != NULL)
    sl_server_disconnect_peer (self->server, peer);
}

static void
copy_command_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlServerPage *self = SL_SERVER_PAGE (widget);
  g_autofree char *command = sl_server_dup_try_command (self->server);

  if (command == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), command);
  sl_show_toast (widget, _("Command copied"));
}

static void
clear_log_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlServer *server = SL_SERVER_PAGE (widget)->server;

  sl_log_clear (sl_server_get_log (server));
  sl_trace_clear (sl_server_get_trace (server));
}

/* Copies the received data, the socket calls or the flow diagram, whichever is shown. */
static void
copy_shown_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlServerPage *self = SL_SERVER_PAGE (widget);
  const char *shown = gtk_stack_get_visible_child_name (self->data_stack);
  gboolean calls = sl_is_page (NULL, shown, "calls");
  g_autofree char *text = NULL;

  if (sl_is_page (NULL, shown, "flow"))
    {
      sl_flow_diagram_copy (self->flow_diagram);
      return;
    }
  if (sl_is_page (NULL, shown, "code"))
    {
      gtk_widget_activate_action (GTK_WIDGET (self->code_view), "code.copy", NULL);
      return;
    }
  text = calls ? sl_trace_to_text (sl_server_get_trace (self->server))
               : sl_log_to_text (sl_server_get_log (self->server));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  sl_show_toast (widget, calls ? _("Socket calls copied") : _("Received data copied"));
}

static void
copy_peers_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autoptr(SlTextExport) export = sl_text_export_new_peers (sl_server_get_peers (SL_SERVER_PAGE (widget)->server));
  g_autofree char *text = sl_text_export_to_string (export);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  sl_show_toast (widget, _("Clients copied"));
}

static void
export_peers_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GListModel *peers = sl_server_get_peers (SL_SERVER_PAGE (widget)->server);
  SlExportFormat format = sl_export_format_from_nick (g_variant_get_string (parameter, NULL));
  g_autoptr(SlExportJob) job = NULL;

  if (format == SL_EXPORT_FORMAT_CSV)
    job = sl_export_job_new_csv ("clients", sl_csv_export_new_peers (peers));
  else if (format == SL_EXPORT_FORMAT_TEXT)
    job = sl_export_job_new_text ("clients", sl_text_export_new_peers (peers));
  if (job == NULL)
    return;
  sl_export_job_set_title (job, _("Save Clients"));
  sl_export_job_save (job, widget);
}

/* Saves the received data, the socket calls, the flow diagram or the code, whichever is shown. */
static void
export_shown_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlServerPage *self = SL_SERVER_PAGE (widget);
  SlExportFormat format = sl_export_format_from_nick (g_variant_get_string (parameter, NULL));
  const char *shown = gtk_stack_get_visible_child_name (self->data_stack);
  g_autoptr(SlExportJob) job = NULL;

  if (format == SL_EXPORT_FORMAT_CODE)
    gtk_widget_activate_action (GTK_WIDGET (self->code_view), "code.save", NULL);
  else if (format == SL_EXPORT_FORMAT_PNG || format == SL_EXPORT_FORMAT_SVG)
    job = sl_export_job_new_flow (self->flow_diagram, format);
  else if (format != 0 && sl_is_page (NULL, shown, "calls"))
    job = sl_export_job_new_trace ("server socket calls", sl_server_get_trace (self->server), format);
  else if (format != 0)
    job = sl_export_job_new_log ("received data", sl_server_get_log (self->server), format);
  if (job != NULL)
    sl_export_job_save (job, widget);
}

/* ---- the Code tab ------------------------------------------------------------------ */

static char *
generate_code_cb (SlCodeLanguage  language,
                  gpointer        user_data)
{
  SlServerPage *self = user_data;
  SlCodeServer code;
  guint16 port;

  sl_code_server_init_from_server (&code, self->server);
  /* Before Start, what is typed: the server takes it only when it starts. */
  if (!is_listening (self))
    {
      code.address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
      if (sl_address_parse_port (gtk_editable_get_text (GTK_EDITABLE (self->port_row)), TRUE, &port, NULL))
        code.port = port;
    }
  return sl_code_gen_server (&code, language);
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
sl_server_page_dispose (GObject *object)
{
  SlServerPage *self = SL_SERVER_PAGE (object);

  if (self->server != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->server, self);
      sl_server_stop (self->server);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_SERVER_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->server);
  g_clear_object (&self->journal);
  g_clear_pointer (&self->start_error, g_free);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sl_server_page_parent_class)->dispose (object);
}

static void
sl_server_page_class_init (SlServerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_server_page_dispose;

  sl_ensure_template_types ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-server-page.ui");

  gtk_widget_class_bind_template_child (widget_class, SlServerPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, address_error);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, port_row);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, port_error);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, protocol_row);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, expose_switch);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, withheld_label);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, large_replies_row);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, large_replies_switch);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, hint_box);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, reply_row);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, fixed_row);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, fixed_mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, fixed_error);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, peers_heading);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, peers_stack);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, peers_empty);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, peers_view);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, data_stack);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, log_view);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, trace_view);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, flow_diagram);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, code_view);
  gtk_widget_class_bind_template_child (widget_class, SlServerPage, payload_bar);

  gtk_widget_class_bind_template_callback (widget_class, address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, port_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, protocol_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, expose_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reply_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, message_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "is_page", G_CALLBACK (sl_is_page));
  gtk_widget_class_bind_template_callback_full (widget_class, "formats_for_tab", G_CALLBACK (sl_export_formats_for_tab));

  gtk_widget_class_install_action (widget_class, "server.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "server.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "server.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "server.broadcast", NULL, broadcast_action);
  gtk_widget_class_install_action (widget_class, "server.disconnect-peer", NULL, disconnect_action);
  gtk_widget_class_install_action (widget_class, "server.copy-command", NULL, copy_command_action);
  gtk_widget_class_install_action (widget_class, "server.clear-log", NULL, clear_log_action);
  gtk_widget_class_install_action (widget_class, "server.copy-shown", NULL, copy_shown_action);
  gtk_widget_class_install_action (widget_class, "page.focus-host", NULL, sl_focus_first_field);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "server.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "server.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "server.copy-shown", NULL);
  gtk_widget_class_install_action (widget_class, "server.copy-peers", NULL, copy_peers_action);
  gtk_widget_class_install_action (widget_class, "server.export-peers", "s", export_peers_action);
  gtk_widget_class_install_action (widget_class, "server.export-shown", "s", export_shown_action);
}

static void
sl_server_page_init (SlServerPage *self)
{
  self->server = sl_server_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (g_object_ref (sl_server_get_peers (self->server)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->peers_view, GTK_SELECTION_MODEL (self->selection));
  sl_text_columns_append (self->peers_view, peer_columns, G_N_ELEMENTS (peer_columns));
  sl_accessible_name_drop_downs (GTK_WIDGET (self));
  sl_log_view_set_log (self->log_view, sl_server_get_log (self->server));
  sl_log_view_set_empty (self->log_view, _("Nothing Received Yet"), _("What clients send appears here"));
  /* Under the received data, which has the room; the clients' half is short. */
  sl_tail_list_set_empty_child (sl_log_view_get_tail_list (self->log_view), sl_lab_steps_button_new ());
  sl_trace_view_set_trace (self->trace_view, sl_server_get_trace (self->server));
  sl_flow_diagram_set_server_trace (self->flow_diagram, sl_server_get_trace (self->server));
  sl_flow_diagram_set_preferred_side (self->flow_diagram, SL_FLOW_SIDE_SERVER);
  sl_code_view_set_generator (self->code_view, generate_code_cb, self, NULL);
  self->broadcast_button = gtk_button_new_with_label (_("Send to All"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->broadcast_button), "server.broadcast");
  gtk_widget_set_tooltip_text (self->broadcast_button, _("Send the message to every client"));
  sl_payload_bar_add_button (self->payload_bar, self->broadcast_button);
  sl_payload_bar_set_send_action (self->payload_bar, "server.send",
                                  _("Send the message to the selected client, or to the only one (Enter)"));
  sl_payload_bar_set_placeholder (self->payload_bar, _("Message to the client"));

  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->server, "notify::state", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->server, "notify::n-peers", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->server, "notify::replies-withheld-rate-limit", G_CALLBACK (update_withheld), self);
  g_signal_connect_swapped (self->server, "notify::replies-withheld-amplification", G_CALLBACK (update_withheld), self);
  g_object_bind_property (self->large_replies_switch, "active", self->server, "allow-large-replies",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  update_large_replies_row (self);
  update_withheld (self);

  port_changed_cb (self);
  update_limits (self);
  update_state (self);
}

/* The server this page drives; owned by the page. */
SlServer *
sl_server_page_get_server (SlServerPage *self)
{
  g_return_val_if_fail (SL_IS_SERVER_PAGE (self), NULL);

  return self->server;
}

/* The Connect page's calls, drawn opposite the server's in the flow diagram (NULL: none). */
void
sl_server_page_set_client_trace (SlServerPage *self,
                                 SlTrace      *trace)
{
  g_return_if_fail (SL_IS_SERVER_PAGE (self));
  g_return_if_fail (trace == NULL || SL_IS_TRACE (trace));

  sl_flow_diagram_set_client_trace (self->flow_diagram, trace);
}

/* Only a loopback address is remembered: exposing the server is chosen anew each time. */
static void
remember_address_cb (SlServerPage *self)
{
  if (!gtk_switch_get_active (self->expose_switch))
    g_settings_set_string (self->settings, "server-address",
                           gtk_editable_get_text (GTK_EDITABLE (self->address_row)));
}

static gboolean
seconds_to_ms (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  g_value_set_uint (value, MIN (g_variant_get_uint32 (variant), G_MAXUINT / 1000) * 1000);
  return TRUE;
}

static GVariant *
ms_to_seconds (const GValue       *value,
               const GVariantType *expected_type,
               gpointer            user_data)
{
  return g_variant_new_uint32 (g_value_get_uint (value) / 1000);
}

/* The key changed elsewhere (a Lab Step): the field follows. */
static void
show_address (SlServerPage *self)
{
  g_autofree char *address = g_settings_get_string (self->settings, "server-address");

  if (g_strcmp0 (address, gtk_editable_get_text (GTK_EDITABLE (self->address_row))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);
}

void
sl_server_page_bind_settings (SlServerPage *self,
                              GSettings    *settings)
{
  g_return_if_fail (SL_IS_SERVER_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  show_address (self);
  g_signal_connect_object (settings, "changed::server-address", G_CALLBACK (show_address), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->address_row, "changed", G_CALLBACK (remember_address_cb), self);
  g_settings_bind (settings, "server-port", self->port_row, "text", G_SETTINGS_BIND_DEFAULT);
  sl_settings_bind_choice (settings, "server-protocol", self->protocol_row);
  sl_settings_bind_choice (settings, "server-reply-mode", self->reply_row);
  g_settings_bind (settings, "server-fixed-reply", self->fixed_row, "text", G_SETTINGS_BIND_DEFAULT);
  sl_settings_bind_choice (settings, "server-fixed-reply-mode", self->fixed_mode_dropdown);
  sl_payload_bar_bind_settings (self->payload_bar, settings, "server-payload-mode", "server-line-ending", NULL);
  g_settings_bind (settings, "server-max-clients", self->server, "max-peers", G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (settings, "server-idle-timeout", self->server, "tcp-idle-timeout",
                                G_SETTINGS_BIND_GET, seconds_to_ms, ms_to_seconds, NULL, NULL);
  sl_settings_bind_log_size (settings, sl_server_get_log (self->server));
}

/* Where each server run is recorded when it stops (NULL: nowhere). */
void
sl_server_page_set_journal (SlServerPage *self,
                            SlLabJournal *journal)
{
  g_return_if_fail (SL_IS_SERVER_PAGE (self));
  g_return_if_fail (journal == NULL || SL_IS_LAB_JOURNAL (journal));

  g_set_object (&self->journal, journal);
}

/* What the page shows now that no record holds yet: the run while it listens. */
void
sl_server_page_add_to_report (SlServerPage *self,
                              SlReport     *report)
{
  g_return_if_fail (SL_IS_SERVER_PAGE (self));
  g_return_if_fail (SL_IS_REPORT (report));

  if (is_listening (self))
    sl_report_add_server (report, self->server);
}

/* The flow diagram as a picture of its own; FALSE when there is nothing to draw. */
gboolean
sl_server_page_add_flow_to_report (SlServerPage *self,
                                   SlReport     *report)
{
  g_return_val_if_fail (SL_IS_SERVER_PAGE (self), FALSE);
  return sl_flow_diagram_add_to_report (self->flow_diagram, report);
}
