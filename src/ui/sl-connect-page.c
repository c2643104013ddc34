/* sl-connect-page.c: the Connect page: a TCP/UDP client, port check, conversation and calls.
 *
 * What the page shows always describes the last thing the student did: the status line, its
 * style, and each resolved address's outcome come from the last connection or the last port
 * check, whichever was last. The socket line stays after the socket closes, saying how it
 * closed, until the next connect.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <netinet/in.h>

#include "sl-adaptive-box.h"
#include "sl-address.h"
#include "sl-code-view.h"
#include "sl-connect-page.h"
#include "sl-export-button.h"
#include "sl-export-job.h"
#include "sl-flow-diagram.h"
#include "sl-errno.h"
#include "sl-log-view.h"
#include "sl-payload-bar.h"
#include "sl-port-check.h"
#include "sl-recent-hosts-button.h"
#include "sl-settings.h"
#include "sl-trace-view.h"
#include "sl-ui-utils.h"
#include "sl-wrap-box.h"

typedef enum {
  LAST_ACTION_CONNECT,
  LAST_ACTION_CHECK,
} LastAction;

struct _SlConnectPage
{
  AdwBin             parent_instance;

  SlConnection      *connection;
  SlLog             *log;
  SlTrace           *trace;
  GCancellable      *cancellable;
  GSettings         *settings;       /* NULL until bound: nothing is remembered */
  gboolean           checking_port;
  LastAction         last_action;
  SlPortCheckResult *check;          /* the last port check's result */
  char              *check_error;    /* why the last port check could not be made */
  SlAddress         *check_target;   /* what the port check being made checks */
  SlLabJournal      *journal;
  gboolean           recorded;       /* the connection is in the journal */

  AdwEntryRow       *host_row;
  GtkLabel          *host_error;
  GtkLabel          *host_note;
  AdwEntryRow       *port_row;
  GtkLabel          *port_error;
  AdwComboRow       *protocol_row;
  AdwComboRow       *family_row;
  GtkSpinButton     *timeout_spin;
  GtkWidget         *connect_button;
  GtkWidget         *disconnect_button;
  GtkSpinner        *status_spinner;
  GtkLabel          *status_label;
  GtkWidget         *addresses_group;
  GtkListBox        *addresses_list;
  GtkLabel          *socket_label;
  GtkLabel          *socket_state_label;
  GtkLabel          *counters_label;
  SlLogView         *log_view;
  SlTraceView       *trace_view;
  GtkStack          *calls_stack;
  SlFlowDiagram     *flow_diagram;
  SlCodeView        *code_view;
  SlPayloadBar      *payload_bar;
};

G_DEFINE_FINAL_TYPE (SlConnectPage, sl_connect_page, ADW_TYPE_BIN)

static const GSocketFamily families[] = {
  G_SOCKET_FAMILY_INVALID, G_SOCKET_FAMILY_IPV4, G_SOCKET_FAMILY_IPV6,
};

static SlProtocol
chosen_protocol (SlConnectPage *self)
{
  return adw_combo_row_get_selected (self->protocol_row) == 1 ? SL_PROTOCOL_UDP : SL_PROTOCOL_TCP;
}

static GSocketFamily
chosen_family (SlConnectPage *self)
{
  return families[MIN (adw_combo_row_get_selected (self->family_row), G_N_ELEMENTS (families) - 1)];
}

/* Parses the Host and Port rows, marking the row that is wrong and noting a short form. */
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
  gtk_widget_set_visible (GTK_WIDGET (self->host_note), address != NULL && address->note != NULL);
  gtk_label_set_text (self->host_note, address != NULL && address->note != NULL ? address->note : "");
  return address;
}

/* A host the student connected to or checked is offered again on the host fields. */
static void
remember_host (SlConnectPage *self)
{
  if (self->settings != NULL)
    sl_settings_remember_host (self->settings, gtk_editable_get_text (GTK_EDITABLE (self->host_row)));
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

/* The family of the socket once there is one, else the one chosen: it sets UDP's limit. */
static void
update_payload_limit (SlConnectPage *self)
{
  const char *family = self->connection != NULL ? sl_connection_get_socket_family (self->connection) : NULL;
  GSocketFamily actual = g_strcmp0 (family, "AF_INET6") == 0 ? G_SOCKET_FAMILY_IPV6
                       : g_strcmp0 (family, "AF_INET") == 0 ? G_SOCKET_FAMILY_IPV4
                       : chosen_family (self);

  sl_payload_bar_set_limit (self->payload_bar, chosen_protocol (self), actual);
}

static void
update_actions (SlConnectPage *self)
{
  SlConnectionState state = current_state (self);
  g_autoptr(SlAddress) address = parse_target (self);
  gboolean busy = is_busy (state);

  sl_button_pair_update (GTK_WIDGET (self), self->connect_button, self->disconnect_button,
                         busy, address != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.check-port",
                                 address != NULL && !self->checking_port);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.send",
                                 state == SL_CONNECTION_STATE_CONNECTED &&
                                 sl_payload_bar_is_valid (self->payload_bar));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.copy-socket",
                                 self->connection != NULL && sl_connection_get_last_fd (self->connection) >= 0);
  /* Not insensitive: that would pull focus from a typing user without a focus-out. */
  gtk_editable_set_editable (GTK_EDITABLE (self->host_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->port_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->protocol_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->family_row), !busy);
}

/* ---- the status line --------------------------------------------------------------------- */

typedef enum {
  STATUS_NEUTRAL,
  STATUS_GOOD,
  STATUS_BAD,
} StatusKind;

static char *
describe_connecting (SlConnection *c)
{
  SlResolveResult *addresses = sl_connection_get_addresses (c);
  guint n = addresses != NULL ? sl_resolve_result_get_n_addresses (addresses) : 0;
  int index = sl_connection_get_address_index (c);

  if (n > 1 && index >= 0)
    return g_strdup_printf (_("Trying %s, address %d of %u…"), sl_connection_get_remote_address (c),
                            index + 1, n);
  return g_strdup_printf (_("Connecting to %s port %u…"), sl_connection_get_host (c), sl_connection_get_port (c));
}

static char *
describe_connection (SlConnectPage *self,
                     StatusKind    *kind)
{
  SlConnection *c = self->connection;

  *kind = STATUS_NEUTRAL;
  switch (current_state (self))
    {
    case SL_CONNECTION_STATE_RESOLVING:
      return g_strdup_printf (_("Looking up %s…"), sl_connection_get_host (c));
    case SL_CONNECTION_STATE_CONNECTING:
      return describe_connecting (c);
    case SL_CONNECTION_STATE_CONNECTED:
      *kind = STATUS_GOOD;
      return g_strdup_printf (_("Connected to %s from %s"), sl_connection_get_remote_address (c),
                              sl_connection_get_local_address (c));
    case SL_CONNECTION_STATE_CLOSED:
      return g_strdup (sl_connection_get_closed_by_peer (c) ? _("The other side closed the connection")
                                                            : _("Connection closed"));
    case SL_CONNECTION_STATE_FAILED:
      *kind = STATUS_BAD;
      return g_strdup (sl_connection_get_error_message (c));
    case SL_CONNECTION_STATE_IDLE:
    default:
      return g_strdup (_("Not connected"));
    }
}

static char *
describe_check (SlConnectPage *self,
                StatusKind    *kind)
{
  if (self->checking_port)
    {
      *kind = STATUS_NEUTRAL;
      return g_strdup (_("Checking the port…"));
    }
  if (self->check == NULL)
    {
      *kind = STATUS_BAD;
      return g_strdup (self->check_error);
    }
  *kind = sl_port_check_result_get_state (self->check) == SL_PORT_STATE_OPEN ? STATUS_GOOD : STATUS_BAD;
  return sl_port_check_result_describe (self->check);
}

static void
set_status_style (GtkWidget  *label,
                  StatusKind  kind)
{
  /* The current state only: a success after a failure is not red. */
  if (kind == STATUS_BAD)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
  if (kind == STATUS_GOOD)
    gtk_widget_add_css_class (label, "success");
  else
    gtk_widget_remove_css_class (label, "success");
}

static void
update_status (SlConnectPage *self)
{
  SlConnectionState state = current_state (self);
  StatusKind kind;
  g_autofree char *text = self->last_action == LAST_ACTION_CHECK ? describe_check (self, &kind)
                                                                  : describe_connection (self, &kind);
  gboolean working = state == SL_CONNECTION_STATE_RESOLVING
                  || state == SL_CONNECTION_STATE_CONNECTING
                  || self->checking_port;

  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  set_status_style (GTK_WIDGET (self->status_label), kind);
  gtk_widget_set_visible (GTK_WIDGET (self->status_spinner), working);
  gtk_spinner_set_spinning (self->status_spinner, working);
}

/* ---- resolved addresses, each with what happened to it ---------------------------------- */

static const char *
outcome_text (int      outcome,
              gboolean check,
              gboolean trying)
{
  if (trying)
    return _("Trying…");
  switch (outcome)
    {
    case SL_OUTCOME_NOT_TRIED:
      return _("Not tried");
    case 0:
      return check ? _("Open") : _("Used");
    case ECONNREFUSED:
      return _("Refused");
    case ETIMEDOUT:
      return _("Timed out");
    case EHOSTUNREACH:
    case ENETUNREACH:
      return _("Unreachable");
    default:
      return _("Failed");
    }
}

static GtkWidget *
address_row_new (GInetAddress *address,
                 int           outcome,
                 gboolean      check,
                 gboolean      trying)
{
  g_autofree char *text = g_inet_address_to_string (address);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (outcome_text (outcome, check, trying));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? "IPv6" : "IPv4");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (!trying && outcome == 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_widget_add_css_class (label, "success");
      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      return row;
    }
  if (!trying && outcome > 0)
    {
      g_autofree char *why = sl_errno_describe (outcome);

      gtk_widget_add_css_class (label, "error");
      gtk_widget_set_tooltip_text (row, why);
    }
  else
    gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
update_addresses (SlConnectPage *self)
{
  gboolean check = self->last_action == LAST_ACTION_CHECK && self->check != NULL;
  SlResolveResult *result = check ? sl_port_check_result_get_addresses (self->check)
                          : self->connection != NULL ? sl_connection_get_addresses (self->connection) : NULL;
  gboolean connecting = !check && current_state (self) == SL_CONNECTION_STATE_CONNECTING;
  int trying = connecting ? sl_connection_get_address_index (self->connection) : -1;
  guint n = result != NULL ? sl_resolve_result_get_n_addresses (result) : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->addresses_list))) != NULL)
    gtk_list_box_remove (self->addresses_list, child);
  for (guint i = 0; i < n; i++)
    {
      int outcome = check ? sl_port_check_result_get_outcome (self->check, i)
                          : sl_connection_get_address_outcome (self->connection, i);

      gtk_list_box_append (self->addresses_list,
                           address_row_new (sl_resolve_result_get_address (result, i), outcome, check,
                                            (int) i == trying));
    }
  gtk_widget_set_visible (self->addresses_group, n > 0);
}

/* ---- the socket, as Python prints it ----------------------------------------------------- */

/* "127.0.0.1:5000" / "[::1]:5000" → "('127.0.0.1', 5000)" / "('::1', 5000, 0, 0)": Python's
 * address tuples, IPv6's with its flow info and scope id (0 but for link-local addresses,
 * which Socket Lab does not print with a scope). */
static char *
python_address (const char *address)
{
  const char *colon = address != NULL ? strrchr (address, ':') : NULL;
  g_autofree char *host = NULL;

  if (colon == NULL)
    return g_strdup ("None");
  host = g_strndup (address, colon - address);
  if (host[0] == '[')
    {
      memmove (host, host + 1, strlen (host));
      host[strlen (host) - 1] = '\0';
      return g_strdup_printf ("('%s', %s, 0, 0)", host, colon + 1);
    }
  return g_strdup_printf ("('%s', %s)", host, colon + 1);
}

static char *
format_socket (SlConnection *c)
{
  g_autofree char *local = python_address (sl_connection_get_local_address (c));
  g_autofree char *remote = python_address (sl_connection_get_remote_address (c));

  /* Python prints the protocol as its number (6, 17); the family and type as names here. */
  return g_strdup_printf ("<socket fd=%d, family=%s, type=%s, proto=%d, laddr=%s, raddr=%s>",
                          sl_connection_get_last_fd (c), sl_connection_get_socket_family (c),
                          sl_connection_get_socket_type (c),
                          sl_connection_get_protocol (c) == SL_PROTOCOL_UDP ? IPPROTO_UDP : IPPROTO_TCP,
                          local, remote);
}

static const char *
socket_state (SlConnection *c)
{
  switch (sl_connection_get_state (c))
    {
    case SL_CONNECTION_STATE_CONNECTED:
      return NULL;
    case SL_CONNECTION_STATE_CLOSED:
      /* Translators: recv() is the system call: keep its name and the 0 it returned as they are. */
      return sl_connection_get_closed_by_peer (c) ? _("Closed by the other side (recv() returned 0)")
                                                  : _("Closed");
    case SL_CONNECTION_STATE_FAILED:
      return _("Closed after an error");
    case SL_CONNECTION_STATE_CONNECTING:
    case SL_CONNECTION_STATE_RESOLVING:
    case SL_CONNECTION_STATE_IDLE:
    default:
      return _("Connecting…");
    }
}

static void
update_socket (SlConnectPage *self)
{
  SlConnection *c = self->connection;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  char *addresses;
  const char *state;

  if (c == NULL || sl_connection_get_last_fd (c) < 0 || sl_connection_get_socket_type (c) == NULL)
    {
      gtk_label_set_text (self->socket_label, _("No socket yet: press Connect"));
      gtk_widget_set_visible (GTK_WIDGET (self->socket_state_label), FALSE);
      return;
    }
  text = format_socket (c);
  shown = sl_text_wrap_after (text, ',');
  /* Two lines at most in a default window: what the socket is, then where it goes. */
  addresses = strstr (shown, ", laddr=");
  if (addresses != NULL)
    addresses[1] = '\n';
  gtk_label_set_text (self->socket_label, shown);
  state = socket_state (c);
  gtk_widget_set_visible (GTK_WIDGET (self->socket_state_label), state != NULL);
  gtk_label_set_text (self->socket_state_label, state != NULL ? state : "");
}

static void
update_counters (SlConnectPage *self)
{
  guint64 sent = self->connection != NULL ? sl_connection_get_bytes_sent (self->connection) : 0;
  guint64 received = self->connection != NULL ? sl_connection_get_bytes_received (self->connection) : 0;
  /* Translators: bytes sent and received on the connection. */
  g_autofree char *text = g_strdup_printf (_("%llu sent · %llu received"),
                                           (unsigned long long) sent, (unsigned long long) received);

  gtk_label_set_text (self->counters_label, text);
}

static void
refresh (SlConnectPage *self)
{
  update_status (self);
  update_actions (self);
  update_addresses (self);
  update_socket (self);
  update_payload_limit (self);
}

/* A connection goes into the journal once, when it is over. */
static void
record_connection (SlConnectPage *self)
{
  SlConnectionState state = current_state (self);

  if (self->journal == NULL || self->recorded ||
      (state != SL_CONNECTION_STATE_CLOSED && state != SL_CONNECTION_STATE_FAILED))
    return;
  self->recorded = TRUE;
  sl_lab_journal_record_connection (self->journal, self->connection);
}

static void
connection_changed_cb (SlConnectPage *self)
{
  self->last_action = LAST_ACTION_CONNECT;
  refresh (self);
  record_connection (self);
  sl_code_view_invalidate (self->code_view);
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
  self->recorded = FALSE;
  if (connection != NULL)
    {
      g_signal_connect_swapped (connection, "notify::state", G_CALLBACK (connection_changed_cb), self);
      g_signal_connect_swapped (connection, "notify::address-index", G_CALLBACK (connection_changed_cb), self);
      g_signal_connect_swapped (connection, "notify::fd", G_CALLBACK (connection_changed_cb), self);
      g_signal_connect_swapped (connection, "notify::bytes-sent", G_CALLBACK (update_counters), self);
      g_signal_connect_swapped (connection, "notify::bytes-received", G_CALLBACK (update_counters), self);
    }
  self->last_action = LAST_ACTION_CONNECT;
  refresh (self);
  update_counters (self);
}

/* ---- actions ----------------------------------------------------------------------------- */

static void
connect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Failure is shown through the state; nothing else to do, and the page may be gone. */
  if (!sl_connection_connect_finish (SL_CONNECTION (source), result, &error))
    g_debug ("connect failed: %s", error->message);
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
  remember_host (self);
  connection = g_object_new (SL_TYPE_CONNECTION,
                             "protocol", chosen_protocol (self),
                             "host", address->host,
                             "port", (guint) address->port,
                             "family", chosen_family (self),
                             "timeout", (guint) gtk_spin_button_get_value_as_int (self->timeout_spin),
                             "trace", self->trace,
                             "log", self->log,
                             NULL);
  set_connection (self, connection);
  sl_connection_connect_async (connection, self->cancellable, connect_done_cb, NULL);
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
port_check_done_cb (GObject      *source,
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
  g_set_object (&self->check, check);
  if (check != NULL && self->journal != NULL)
    sl_lab_journal_record_port_check (self->journal, self->check_target->host, self->check_target->port,
                                      check, self->trace);
  g_clear_pointer (&self->check_error, g_free);
  if (check == NULL)
    self->check_error = g_strdup (error->message);
  description = check != NULL ? sl_port_check_result_describe (check) : g_strdup (error->message);
  sl_log_append_message (self->log, check != NULL ? SL_LOG_KIND_INFO : SL_LOG_KIND_ERROR, NULL, description);
  self->last_action = LAST_ACTION_CHECK;
  refresh (self);
  sl_code_view_invalidate (self->code_view);
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
  remember_host (self);
  self->checking_port = TRUE;
  self->last_action = LAST_ACTION_CHECK;
  g_clear_pointer (&self->check_target, sl_address_free);
  self->check_target = g_steal_pointer (&address);
  sl_port_check_async (self->check_target->host, self->check_target->port, chosen_family (self),
                       gtk_spin_button_get_value_as_int (self->timeout_spin) * 1000,
                       self->trace, self->cancellable, port_check_done_cb, g_object_ref (self));
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
  g_autoptr(GBytes) payload = sl_payload_bar_parse (self->payload_bar);

  if (payload == NULL || self->connection == NULL)
    return;
  if (!sl_connection_send (self->connection, payload, &error))
    {
      sl_show_toast (widget, error->message);
      return;
    }
  sl_payload_bar_clear (self->payload_bar);
}

static void
copy_text (GtkWidget  *widget,
           const char *text,
           const char *done)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  sl_show_toast (widget, done);
}

static void
copy_log_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_autofree char *text = sl_log_to_text (SL_CONNECT_PAGE (widget)->log);

  copy_text (widget, text, _("Conversation copied"));
}

/* Copies the socket calls as text, or the flow diagram as an image: whichever is shown. */
static void
copy_shown_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlConnectPage *self = SL_CONNECT_PAGE (widget);
  g_autofree char *text = NULL;

  if (sl_is_page (NULL, gtk_stack_get_visible_child_name (self->calls_stack), "flow"))
    {
      sl_flow_diagram_copy (self->flow_diagram);
      return;
    }
  if (sl_is_page (NULL, gtk_stack_get_visible_child_name (self->calls_stack), "code"))
    {
      gtk_widget_activate_action (GTK_WIDGET (self->code_view), "code.copy", NULL);
      return;
    }
  text = sl_trace_to_text (self->trace);
  copy_text (widget, text, _("Socket calls copied"));
}

static void
export_log_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlExportFormat format = sl_export_format_from_nick (g_variant_get_string (parameter, NULL));
  g_autoptr(SlExportJob) job = NULL;

  if (format != SL_EXPORT_FORMAT_TEXT && format != SL_EXPORT_FORMAT_CSV)
    return;
  job = sl_export_job_new_log ("conversation", SL_CONNECT_PAGE (widget)->log, format);
  sl_export_job_set_title (job, _("Save Conversation"));
  sl_export_job_save (job, widget);
}

/* Saves the socket calls, the flow diagram or the code, whichever is shown. */
static void
export_shown_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SlConnectPage *self = SL_CONNECT_PAGE (widget);
  SlExportFormat format = sl_export_format_from_nick (g_variant_get_string (parameter, NULL));
  g_autoptr(SlExportJob) job = NULL;

  if (format == SL_EXPORT_FORMAT_CODE)
    gtk_widget_activate_action (GTK_WIDGET (self->code_view), "code.save", NULL);
  else if (format == SL_EXPORT_FORMAT_PNG || format == SL_EXPORT_FORMAT_SVG)
    job = sl_export_job_new_flow (self->flow_diagram, format);
  else if (format != 0)
    job = sl_export_job_new_trace ("socket calls", self->trace, format);
  if (job == NULL)
    return;
  sl_export_job_set_title (job, format & (SL_EXPORT_FORMAT_PNG | SL_EXPORT_FORMAT_SVG)
                                ? _("Save Flow Diagram") : _("Save Socket Calls"));
  sl_export_job_save (job, widget);
}

static void
copy_socket_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SlConnectPage *self = SL_CONNECT_PAGE (widget);
  g_autofree char *text = NULL;

  if (self->connection == NULL || sl_connection_get_last_fd (self->connection) < 0)
    return;
  text = format_socket (self->connection);
  copy_text (widget, text, _("Socket copied"));
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
target_changed_cb (SlConnectPage *self)
{
  update_actions (self);
  update_payload_limit (self);
  sl_code_view_invalidate (self->code_view);
}

/* ---- the Code tab ------------------------------------------------------------------------ */

static char *
generate_code_cb (SlCodeLanguage  language,
                  gpointer        user_data)
{
  SlConnectPage *self = user_data;
  g_autoptr(SlAddress) typed = sl_address_parse (gtk_editable_get_text (GTK_EDITABLE (self->host_row)),
                                                 gtk_editable_get_text (GTK_EDITABLE (self->port_row)), NULL);
  SlCodeClient client = { 0 };

  if (self->last_action == LAST_ACTION_CHECK && self->check_target != NULL)
    {
      SlCodePortCheck check = { self->check_target->host, self->check_target->port, chosen_family (self),
                                gtk_spin_button_get_value_as_int (self->timeout_spin) * 1000 };

      return sl_code_gen_port_check (&check, language);
    }
  if (self->connection != NULL)
    sl_code_client_init_from_connection (&client, self->connection);
  else if (typed != NULL)
    client = (SlCodeClient) { chosen_protocol (self), typed->host, typed->port, chosen_family (self),
                              gtk_spin_button_get_value_as_int (self->timeout_spin), NULL };
  else
    /* Translators: a comment line in the generated program: keep the "# " at its start. */
    return g_strdup (_("# Type a host and a port to see the program that connects to them."));
  return sl_code_gen_client (&client, language);
}

static void
target_activated_cb (SlConnectPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "connect.connect", NULL);
}

static void
payload_changed_cb (SlConnectPage *self)
{
  update_actions (self);
}

/* ---- public ------------------------------------------------------------------------------ */

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

SlPayloadBar *
sl_connect_page_get_payload_bar (SlConnectPage *self)
{
  g_return_val_if_fail (SL_IS_CONNECT_PAGE (self), NULL);
  return self->payload_bar;
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
sl_connect_page_dispose (GObject *object)
{
  SlConnectPage *self = SL_CONNECT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  set_connection (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_CONNECT_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->check);
  g_clear_pointer (&self->check_error, g_free);
  g_clear_pointer (&self->check_target, sl_address_free);
  g_clear_object (&self->journal);
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

  sl_ensure_template_types ();

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-connect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, host_row);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, host_error);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, host_note);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, port_row);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, port_error);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, protocol_row);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, family_row);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, disconnect_button);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, addresses_group);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, addresses_list);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, socket_label);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, socket_state_label);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, counters_label);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, log_view);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, trace_view);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, calls_stack);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, flow_diagram);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, code_view);
  gtk_widget_class_bind_template_child (widget_class, SlConnectPage, payload_bar);
  gtk_widget_class_bind_template_callback (widget_class, target_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, target_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, payload_changed_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "is_page", G_CALLBACK (sl_is_page));
  gtk_widget_class_bind_template_callback_full (widget_class, "formats_for_tab", G_CALLBACK (sl_export_formats_for_tab));

  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "connect.disconnect", NULL, disconnect_action);
  gtk_widget_class_install_action (widget_class, "connect.check-port", NULL, check_port_action);
  gtk_widget_class_install_action (widget_class, "connect.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "connect.copy-log", NULL, copy_log_action);
  gtk_widget_class_install_action (widget_class, "connect.copy-shown", NULL, copy_shown_action);
  gtk_widget_class_install_action (widget_class, "connect.copy-socket", NULL, copy_socket_action);
  gtk_widget_class_install_action (widget_class, "connect.export-log", "s", export_log_action);
  gtk_widget_class_install_action (widget_class, "connect.export-shown", "s", export_shown_action);
  gtk_widget_class_install_action (widget_class, "connect.clear-log", NULL, clear_log_action);
  gtk_widget_class_install_action (widget_class, "page.focus-host", NULL, sl_focus_first_field);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "connect.connect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "connect.check-port", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "connect.disconnect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "connect.copy-shown", NULL);
}

static void
sl_connect_page_init (SlConnectPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->log = sl_log_new (0);
  self->trace = sl_trace_new (0);

  gtk_widget_init_template (GTK_WIDGET (self));
  sl_payload_bar_set_send_action (self->payload_bar, "connect.send", _("Send the message (Enter)"));
  sl_log_view_set_log (self->log_view, self->log);
  sl_log_view_set_empty (self->log_view, _("Nothing Yet"), _("What you send and what comes back appears here"));
  sl_tail_list_set_empty_child (sl_log_view_get_tail_list (self->log_view), sl_lab_steps_button_new ());
  sl_trace_view_set_trace (self->trace_view, self->trace);
  sl_flow_diagram_set_client_trace (self->flow_diagram, self->trace);
  sl_code_view_set_generator (self->code_view, generate_code_cb, self, NULL);
  g_signal_connect_object (self->trace, "items-changed", G_CALLBACK (sl_code_view_invalidate), self->code_view,
                           G_CONNECT_SWAPPED);
  sl_accessible_name_drop_downs (GTK_WIDGET (self));
  set_connection (self, NULL);
}

/* The Server page's calls, for the other side of the flow diagram (NULL: none). */
void
sl_connect_page_set_server_trace (SlConnectPage *self,
                                  SlTrace       *trace)
{
  g_return_if_fail (SL_IS_CONNECT_PAGE (self));
  g_return_if_fail (trace == NULL || SL_IS_TRACE (trace));

  sl_flow_diagram_set_server_trace (self->flow_diagram, trace);
}

void
sl_connect_page_bind_settings (SlConnectPage *self,
                               GSettings     *settings)
{
  g_return_if_fail (SL_IS_CONNECT_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "connect-host", self->host_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "connect-port", self->port_row, "text", G_SETTINGS_BIND_DEFAULT);
  sl_settings_bind_choice (settings, "connect-protocol", self->protocol_row);
  sl_settings_bind_family (settings, "connect-family", self->family_row);
  sl_settings_bind_spin (settings, "connect-timeout", self->timeout_spin);
  sl_payload_bar_bind_settings (self->payload_bar, settings, "connect-payload-mode", "connect-line-ending",
                                "connect-message");
  sl_settings_bind_log_size (settings, self->log);
  adw_entry_row_add_suffix (self->host_row, sl_recent_hosts_button_new (settings, GTK_EDITABLE (self->host_row)));
}

/* Where each connection and port check is recorded as it ends (NULL: nowhere). */
void
sl_connect_page_set_journal (SlConnectPage *self,
                             SlLabJournal  *journal)
{
  g_return_if_fail (SL_IS_CONNECT_PAGE (self));
  g_return_if_fail (journal == NULL || SL_IS_LAB_JOURNAL (journal));

  g_set_object (&self->journal, journal);
}

/* What the page shows now that no record holds yet: a connection still open. */
void
sl_connect_page_add_to_report (SlConnectPage *self,
                               SlReport      *report)
{
  g_return_if_fail (SL_IS_CONNECT_PAGE (self));
  g_return_if_fail (SL_IS_REPORT (report));

  if (self->connection != NULL && !self->recorded && current_state (self) == SL_CONNECTION_STATE_CONNECTED)
    sl_report_add_connection (report, self->connection);
}

/* The flow diagram as a picture of its own; FALSE when there is nothing to draw. */
gboolean
sl_connect_page_add_flow_to_report (SlConnectPage *self,
                                    SlReport      *report)
{
  g_return_val_if_fail (SL_IS_CONNECT_PAGE (self), FALSE);
  return sl_flow_diagram_add_to_report (self->flow_diagram, report);
}
