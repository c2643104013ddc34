/* sl-connect-page.c: the Connect page: a TCP/UDP client, port check, conversation and trace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-accessible.h"
#include "sl-adaptive-box.h"
#include "sl-address.h"
#include "sl-button-pair.h"
#include "sl-connect-page.h"
#include "sl-field-error.h"
#include "sl-log-view.h"
#include "sl-payload.h"
#include "sl-port-check.h"
#include "sl-trace-view.h"

static const char *line_endings[] = { "", "\n", "\r\n" };

struct _SlConnectPage
{
  AdwBin           parent_instance;

  SlConnection    *connection;
  SlLog           *log;
  SlTrace         *trace;
  GCancellable    *cancellable;
  gboolean         checking_port;

  AdwEntryRow     *host_row;
  GtkLabel        *host_error;
  AdwEntryRow     *port_row;
  GtkLabel        *port_error;
  AdwComboRow     *protocol_row;
  GtkSpinButton   *timeout_spin;
  GtkWidget       *connect_button;
  GtkWidget       *disconnect_button;
  GtkSpinner      *status_spinner;
  GtkLabel        *status_label;
  GtkWidget       *addresses_group;
  GtkListBox      *addresses_list;
  GtkLabel        *socket_label;
  AdwActionRow    *counters_row;
  SlLogView       *log_view;
  SlTraceView     *trace_view;
  GtkEntry        *payload_entry;
  GtkDropDown     *mode_dropdown;
  GtkDropDown     *ending_dropdown;
  GtkLabel        *payload_error;
};

G_DEFINE_FINAL_TYPE (SlConnectPage, sl_connect_page, ADW_TYPE_BIN)

/* Parses the Host and Port rows, marking the row that is wrong. */
static SlAddress *
parse_target (SlConnectPage *self)
{
  g_autoptr(GError) error = NULL;
  SlAddress *address;
  gboolean host_wrong;

  address = sl_address_parse (gtk_editable_get_text (GTK_EDITABLE (self->host_row)),
                              gtk_editable_get_text (GTK_EDITABLE (self->port_row)),
                              &error);
  host_wrong = error != NULL && sl_address_is_host_error (error);
  sl_field_error_show (GTK_WIDGET (self->host_row), self->host_error, host_wrong ? error : NULL);
  sl_field_error_show (GTK_WIDGET (self->port_row), self->port_error,
                    error != NULL && !host_wrong ? error : NULL);
  return address;
}

static GBytes *
parse_payload (SlConnectPage  *self,
               GError        **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->payload_entry));
  SlPayloadMode mode = gtk_drop_down_get_selected (self->mode_dropdown);
  guint ending = gtk_drop_down_get_selected (self->ending_dropdown);
  g_autoptr(GBytes) body = sl_payload_parse (text, mode, error);
  g_autoptr(GByteArray) whole = NULL;

  if (body == NULL)
    return NULL;
  if (ending >= G_N_ELEMENTS (line_endings) || line_endings[ending][0] == '\0')
    return g_steal_pointer (&body);
  whole = g_byte_array_new ();
  g_byte_array_append (whole, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_byte_array_append (whole, (const guint8 *) line_endings[ending], strlen (line_endings[ending]));
  return g_byte_array_free_to_bytes (g_steal_pointer (&whole));
}

static SlConnectionState
current_state (SlConnectPage *self)
{
  return self->connection != NULL ? sl_connection_get_state (self->connection)
                                  : SL_CONNECTION_STATE_IDLE;
}

static gboolean
is_busy (SlConnectionState state)
{
  return state == SL_CONNECTION_STATE_RESOLVING
      || state == SL_CONNECTION_STATE_CONNECTING
      || state == SL_CONNECTION_STATE_CONNECTED;
}

static void
update_actions (SlConnectPage *self)
{
  SlConnectionState state = current_state (self);
  g_autoptr(SlAddress) address = parse_target (self);
  g_autoptr(GError) payload_error = NULL;
  g_autoptr(GBytes) payload = parse_payload (self, &payload_error);
  gboolean busy = is_busy (state);

  sl_field_error_show (GTK_WIDGET (self->payload_entry), self->payload_error, payload_error);
  sl_button_pair_update (GTK_WIDGET (self), self->connect_button, self->disconnect_button,
                         busy, address != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.check-port",
                                 address != NULL && !self->checking_port);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.send",
                                 state == SL_CONNECTION_STATE_CONNECTED && payload != NULL);
  /* Not insensitive: that would pull focus from a typing user without a focus-out. */
  gtk_editable_set_editable (GTK_EDITABLE (self->host_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->port_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->protocol_row), !busy);
}

static char *
describe_state (SlConnectPage *self)
{
  SlConnection *c = self->connection;

  switch (current_state (self))
    {
    case SL_CONNECTION_STATE_RESOLVING:
      return g_strdup_printf (_("Looking up %s…"), sl_connection_get_host (c));
    case SL_CONNECTION_STATE_CONNECTING:
      return g_strdup_printf (_("Connecting to %s port %u…"), sl_connection_get_host (c),
                              sl_connection_get_port (c));
    case SL_CONNECTION_STATE_CONNECTED:
      return g_strdup_printf (_("Connected to %s from %s"), sl_connection_get_remote_address (c),
                              sl_connection_get_local_address (c));
    case SL_CONNECTION_STATE_CLOSED:
      return g_strdup (_("Connection closed"));
    case SL_CONNECTION_STATE_FAILED:
      return g_strdup (sl_connection_get_error_message (c));
    case SL_CONNECTION_STATE_IDLE:
    default:
      return g_strdup (_("Not connected"));
    }
}

static void
update_status (SlConnectPage *self)
{
  SlConnectionState state = current_state (self);
  g_autofree char *text = describe_state (self);
  gboolean working = state == SL_CONNECTION_STATE_RESOLVING
                  || state == SL_CONNECTION_STATE_CONNECTING
                  || self->checking_port;

  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_spinner), working);
  gtk_spinner_set_spinning (self->status_spinner, working);
  if (state == SL_CONNECTION_STATE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static GtkWidget *
address_row_new (GInetAddress *address,
                 gboolean      used)
{
  g_autofree char *text = g_inet_address_to_string (address);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? "IPv6" : "IPv4");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (used)
    {
      GtkWidget *label = gtk_label_new (_("Used"));
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_widget_add_css_class (label, "success");
      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  return row;
}

static void
update_addresses (SlConnectPage *self)
{
  SlResolveResult *result = self->connection != NULL ? sl_connection_get_addresses (self->connection) : NULL;
  int used = self->connection != NULL ? sl_connection_get_address_index (self->connection) : -1;
  guint n = result != NULL ? sl_resolve_result_get_n_addresses (result) : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->addresses_list))) != NULL)
    gtk_list_box_remove (self->addresses_list, child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->addresses_list,
                         address_row_new (sl_resolve_result_get_address (result, i), (int) i == used));
  gtk_widget_set_visible (self->addresses_group, n > 0);
}

/* Like Python's repr of a socket, which is what the lab prints. */
static void
update_socket (SlConnectPage *self)
{
  SlConnection *c = self->connection;
  int fd = c != NULL ? sl_connection_get_fd (c) : -1;
  const char *local = c != NULL ? sl_connection_get_local_address (c) : NULL;
  const char *remote = c != NULL ? sl_connection_get_remote_address (c) : NULL;
  g_autofree char *text = NULL;

  if (fd < 0)
    {
      gtk_label_set_text (self->socket_label, _("No socket open"));
      return;
    }
  text = g_strdup_printf ("<socket fd=%d, family=%s, type=%s, proto=%s,\n laddr=%s, raddr=%s>", fd,
                          sl_connection_get_socket_family (c),
                          sl_connection_get_socket_type (c),
                          sl_connection_get_socket_protocol (c),
                          local != NULL ? local : "-", remote != NULL ? remote : "-");
  gtk_label_set_text (self->socket_label, text);
}

static void
update_counters (SlConnectPage *self)
{
  guint64 sent = self->connection != NULL ? sl_connection_get_bytes_sent (self->connection) : 0;
  guint64 received = self->connection != NULL ? sl_connection_get_bytes_received (self->connection) : 0;
  g_autofree char *text = g_strdup_printf (_("%" G_GUINT64_FORMAT " sent · %" G_GUINT64_FORMAT " received"),
                                           sent, received);

  adw_action_row_set_subtitle (self->counters_row, text);
}

static void
on_connection_state (SlConnectPage *self)
{
  update_status (self);
  update_actions (self);
  update_addresses (self);
  update_socket (self);
}

static void
set_connection (SlConnectPage *self,
                SlConnection  *connection)
{
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      sl_connection_close (self->connection);
    }
  g_set_object (&self->connection, connection);
  if (connection != NULL)
    {
      g_signal_connect_swapped (connection, "notify::state", G_CALLBACK (on_connection_state), self);
      g_signal_connect_swapped (connection, "notify::bytes-sent", G_CALLBACK (update_counters), self);
      g_signal_connect_swapped (connection, "notify::bytes-received", G_CALLBACK (update_counters), self);
    }
  on_connection_state (self);
  update_counters (self);
}

static void
connect_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Failure is shown through the state; nothing else to do, and the page may be gone. */
  if (!sl_connection_connect_finish (SL_CONNECTION (source), result, &error))
    g_debug ("connect failed: %s", error->message);
  (void) user_data;
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SlConnectPage *self = SL_CONNECT_PAGE (widget);
  g_autoptr(SlAddress) address = parse_target (self);
  g_autoptr(SlConnection) connection = NULL;

  if (address == NULL)
    return;
  connection = g_object_new (SL_TYPE_CONNECTION,
                             "protocol", adw_combo_row_get_selected (self->protocol_row) == 1
                                           ? SL_PROTOCOL_UDP : SL_PROTOCOL_TCP,
                             "host", address->host,
                             "port", (guint) address->port,
                             "timeout", (guint) gtk_spin_button_get_value_as_int (self->timeout_spin),
                             "trace", self->trace,
                             "log", self->log,
                             NULL);
  set_connection (self, connection);
  sl_connection_connect_async (connection, self->cancellable, connect_done, NULL);
}

static void
disconnect_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlConnectPage *self = SL_CONNECT_PAGE (widget);

  if (self->connection != NULL)
    sl_connection_close (self->connection);
}

static void
port_check_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SlConnectPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPortCheckResult) check = sl_port_check_finish (result, &error);
  g_autofree char *description = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->checking_port = FALSE;
  description = check != NULL ? sl_port_check_result_describe (check) : g_strdup (error->message);
  sl_log_append_message (self->log, check != NULL ? SL_LOG_KIND_INFO : SL_LOG_KIND_ERROR, NULL, description);
  update_status (self);
  gtk_label_set_text (self->status_label, description);
  update_actions (self);
}

static void
check_port_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlConnectPage *self = SL_CONNECT_PAGE (widget);
  g_autoptr(SlAddress) address = parse_target (self);

  if (address == NULL || self->checking_port)
    return;
  self->checking_port = TRUE;
  sl_port_check_async (address->host, address->port, G_SOCKET_FAMILY_INVALID,
                       gtk_spin_button_get_value_as_int (self->timeout_spin) * 1000,
                       self->trace, self->cancellable, port_check_done, g_object_ref (self));
  update_status (self);
  update_actions (self);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlConnectPage *self = SL_CONNECT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = parse_payload (self, &error);

  if (payload == NULL || self->connection == NULL)
    return;
  if (!sl_connection_send (self->connection, payload, &error))
    {
      g_autoptr(AdwToast) toast = adw_toast_new (error->message);
      GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_steal_pointer (&toast));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->payload_entry), "");
}

static void
copy_log_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SlConnectPage *self = SL_CONNECT_PAGE (widget);
  g_autofree char *text = sl_log_to_text (self->log);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
clear_log_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlConnectPage *self = SL_CONNECT_PAGE (widget);

  sl_log_clear (self->log);
  sl_trace_clear (self->trace);
}

static void
on_target_changed (SlConnectPage *self)
{
  update_actions (self);
}

static void
on_target_activated (SlConnectPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "connect.connect", NULL);
}

static void
on_payload_changed (SlConnectPage *self)
{
  update_actions (self);
}

static void
on_payload_activate (SlConnectPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "connect.send", NULL);
}

SlConnection *
sl_connect_page_get_connection (SlConnectPage *self)
{
  g_return_val_if_fail (SL_IS_CONNECT_PAGE (self), NULL);
  return self->connection;
}

SlLog *
sl_connect_page_get_log (SlConnectPage *self)
{
  g_return_val_if_fail (SL_IS_CONNECT_PAGE (self), NULL);
  return self->log;
}

SlTrace *
sl_connect_page_get_trace (SlConnectPage *self)
{
  g_return_val_if_fail (SL_IS_CONNECT_PAGE (self), NULL);
  return self->trace;
}

static void
sl_connect_page_dispose (GObject *object)
{
  SlConnectPage *self = SL_CONNECT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  set_connection (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_CONNECT_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->log);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (sl_connect_page_parent_class)->dispose (object);
}

static void
sl_connect_page_class_init (SlConnectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_connect_page_dispose;

  g_type_ensure (SL_TYPE_ADAPTIVE_BOX);
  g_type_ensure (SL_TYPE_LOG_VIEW);
  g_type_ensure (SL_TYPE_TRACE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-connect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, host_row);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, host_error);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, port_row);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, port_error);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, protocol_row);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, disconnect_button);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, addresses_group);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, addresses_list);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, socket_label);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, counters_row);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, log_view);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, trace_view);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, payload_entry);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, ending_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, payload_error);
  gtk_widget_class_bind_template_callback (widget_class, on_target_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_target_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_payload_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_payload_activate);

  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "connect.disconnect", NULL, disconnect_action);
  gtk_widget_class_install_action (widget_class, "connect.check-port", NULL, check_port_action);
  gtk_widget_class_install_action (widget_class, "connect.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "connect.copy-log", NULL, copy_log_action);
  gtk_widget_class_install_action (widget_class, "connect.clear-log", NULL, clear_log_action);
}

static void
sl_connect_page_init (SlConnectPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->log = sl_log_new (0);
  self->trace = sl_trace_new (0);

  gtk_widget_init_template (GTK_WIDGET (self));
  sl_log_view_set_log (self->log_view, self->log);
  sl_trace_view_set_trace (self->trace_view, self->trace);
  sl_accessible_name_drop_downs (GTK_WIDGET (self));
  set_connection (self, NULL);
}
