/* sl-connection.c: a TCP or UDP client socket with its trace and conversation log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netinet/in.h>

#include "sl-address.h"
#include "sl-connection.h"
#include "sl-enums.h"
#include "sl-errno.h"
#include "sl-socket-util.h"
#include "sl-socket.h"
#include "sl-utils.h"

struct _SlConnection
{
  GObject            parent_instance;

  SlProtocol         protocol;
  char              *host;
  guint16            port;
  GSocketFamily      family;
  guint              timeout;
  guint              deadline;
  SlConnectionState  state;
  guint64            bytes_sent;
  guint64            bytes_received;
  char              *local_address;
  char              *remote_address;
  char              *error_message;
  SlResolveResult   *addresses;
  GArray            *outcomes;       /* int per address: errno, 0 connected, or NOT_TRIED */
  int                address_index;
  int                fd;
  int                last_fd;
  gboolean           closed_by_peer;
  const char        *socket_family;
  const char        *socket_type;
  const char        *socket_protocol;

  SlTrace           *trace;
  SlLog             *log;
  SlResolver        *resolver;
  GSocketClient     *client;
  GCancellable      *connect_cancellable;
  GSource           *deadline_source;
  gboolean           deadline_passed;
  GSocketConnection *connection;     /* TCP only: GIO's, owns the GSocket */
  SlSocket          *socket;         /* the attempt's, then the connected one */
  gint64             attempt_start_us;
  guint8            *read_buffer;
  gboolean           started;
};

typedef struct {
  GCancellable *caller;
  gulong        cancelled_id;
  GError       *last_error;
  guint         index;
  gint64        start_us;
} ConnectData;

enum {
  PROP_0,
  PROP_PROTOCOL,
  PROP_HOST,
  PROP_PORT,
  PROP_FAMILY,
  PROP_TIMEOUT,
  PROP_DEADLINE,
  PROP_STATE,
  PROP_BYTES_SENT,
  PROP_BYTES_RECEIVED,
  PROP_LOCAL_ADDRESS,
  PROP_REMOTE_ADDRESS,
  PROP_ADDRESSES,
  PROP_ADDRESS_INDEX,
  PROP_FD,
  PROP_SOCKET_FAMILY,
  PROP_SOCKET_TYPE,
  PROP_SOCKET_PROTOCOL,
  PROP_TRACE,
  PROP_LOG,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

enum {
  RECEIVED,
  SENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (sl-connection-error-quark, sl_connection_error)
G_DEFINE_FINAL_TYPE (SlConnection, sl_connection, G_TYPE_OBJECT)

static void try_next_address (GTask *task);

/* Property helpers: notify only on change. */

static void
notify (SlConnection *self,
        guint         prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_state (SlConnection      *self,
           SlConnectionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  notify (self, PROP_STATE);
}

static void
set_string (SlConnection  *self,
            char         **field,
            const char    *value,
            guint          prop_id)
{
  sl_set_string_prop (G_OBJECT (self), field, value, properties[prop_id]);
}

static void
set_static_string (SlConnection  *self,
                   const char   **field,
                   const char    *value,
                   guint          prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  *field = value;
  notify (self, prop_id);
}

static void
set_fd (SlConnection *self,
        int           fd)
{
  if (fd >= 0)
    self->last_fd = fd;
  sl_set_int_prop (G_OBJECT (self), &self->fd, fd, properties[PROP_FD]);
}

static void
set_address_index (SlConnection *self,
                   int           index)
{
  sl_set_int_prop (G_OBJECT (self), &self->address_index, index, properties[PROP_ADDRESS_INDEX]);
}

static void
add_bytes (SlConnection *self,
           guint64      *counter,
           gsize         n,
           guint         prop_id)
{
  if (n == 0)
    return;
  *counter += n;
  notify (self, prop_id);
}

static void
log_message (SlConnection *self,
             SlLogKind     kind,
             const char   *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
log_message (SlConnection *self,
             SlLogKind     kind,
             const char   *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  sl_log_append_message (self->log, kind, self->remote_address, message);
}

/* "ECONNREFUSED (111): Connection refused: …", or GLib's text when there is no errno. */
static char *
describe_error (int           errsv,
                const GError *error)
{
  if (errsv != 0)
    return sl_errno_describe (errsv);
  return g_strdup (error->message);
}

static void
set_outcome (SlConnection *self,
             guint         index,
             int           outcome)
{
  if (self->outcomes != NULL && index < self->outcomes->len)
    g_array_index (self->outcomes, int, index) = outcome;
}

/* Socket lifetime */

static const SlSocketHandler socket_handler;

static void
adopt_socket (SlConnection *self,
              SlSocket     *socket)
{
  g_autofree char *type = NULL;

  g_set_object (&self->socket, socket);
  set_fd (self, sl_socket_get_fd (socket));
  set_static_string (self, &self->socket_family,
                     sl_address_family_name (sl_socket_get_family (socket)), PROP_SOCKET_FAMILY);
  set_static_string (self, &self->socket_type,
                     sl_socket_get_sock_type (socket) == SOCK_STREAM ? "SOCK_STREAM" : "SOCK_DGRAM",
                     PROP_SOCKET_TYPE);
  set_static_string (self, &self->socket_protocol,
                     sl_ip_protocol_name (sl_socket_get_protocol (socket)), PROP_SOCKET_PROTOCOL);
}

static void
close_socket (SlConnection *self)
{
  if (self->socket == NULL)
    return;
  sl_clear_socket (&self->socket);
  g_clear_object (&self->connection);
  set_fd (self, -1);
}

static void
fail (SlConnection *self,
      const char   *message)
{
  close_socket (self);
  set_string (self, &self->error_message, message, PROP_ERROR_MESSAGE);
  sl_log_append_message (self->log, SL_LOG_KIND_ERROR, self->remote_address, message);
  set_state (self, SL_CONNECTION_STATE_FAILED);
}

/* Receiving */

static void
got_data (SlConnection *self,
          GBytes       *bytes)
{
  add_bytes (self, &self->bytes_received, g_bytes_get_size (bytes), PROP_BYTES_RECEIVED);
  sl_log_append_data (self->log, SL_LOG_KIND_RECEIVED, self->remote_address, bytes);
  g_signal_emit (self, signals[RECEIVED], 0, bytes);
}

static void
peer_closed (SlConnection *self)
{
  /* Translators: recv() is the system call: keep its name and the 0 it returned as they are. */
  log_message (self, SL_LOG_KIND_INFO, _("The other side closed the connection: recv() returned 0"));
  self->closed_by_peer = TRUE;
  close_socket (self);
  set_state (self, SL_CONNECTION_STATE_CLOSED);
}

/* An ICMP error a UDP socket reports on its next call: the socket stays usable. */
static gboolean
is_udp_icmp_error (SlConnection *self,
                   int           errsv)
{
  return self->protocol == SL_PROTOCOL_UDP &&
         (errsv == ECONNREFUSED || errsv == EHOSTUNREACH || errsv == ENETUNREACH);
}

static void
log_udp_icmp_error (SlConnection *self,
                    int           errsv)
{
  g_autofree char *why = NULL;

  if (errsv == ECONNREFUSED)
    {
      log_message (self, SL_LOG_KIND_ERROR,
                   /* Translators: "port unreachable" is the ICMP message's name and ECONNREFUSED
                    * the errno: keep ECONNREFUSED as it is. */
                   _("Connection refused: %s answered “port unreachable”, so no program receives on that UDP port (ECONNREFUSED, reported by the next call on the socket)"),
                   self->remote_address);
      return;
    }
  why = sl_errno_describe (errsv);
  log_message (self, SL_LOG_KIND_ERROR, _("The datagram did not reach %s. %s"), self->remote_address, why);
}

static void
receive_failed (SlConnection *self,
                int           errsv)
{
  g_autofree char *why = NULL;
  g_autofree char *message = NULL;

  if (is_udp_icmp_error (self, errsv))
    {
      log_udp_icmp_error (self, errsv);
      return;
    }
  why = sl_errno_describe (errsv);
  message = g_strdup_printf (_("Receiving failed: %s"), why);
  fail (self, message);
}

static void
socket_ready (SlSocket     *socket,
              GIOCondition  revents,
              gpointer      user_data)
{
  g_autoptr(SlConnection) self = g_object_ref (user_data);
  g_autoptr(GBytes) bytes = NULL;
  int errsv = 0;
  gssize n;

  n = sl_socket_recv (socket, self->read_buffer, SL_CONNECTION_READ_SIZE, 0, &errsv);
  if (n < 0 && (errsv == EAGAIN || errsv == EWOULDBLOCK))
    return;
  if (n < 0)
    receive_failed (self, errsv);
  else if (n == 0 && self->protocol == SL_PROTOCOL_TCP)
    peer_closed (self);
  else
    {
      bytes = g_bytes_new (self->read_buffer, n);
      got_data (self, bytes);
    }
}

/* Only once connected: while GIO connects, the socket's errors are GIO's to read. */
static void
start_reading (SlConnection *self)
{
  self->read_buffer = g_realloc (self->read_buffer, SL_CONNECTION_READ_SIZE);
  sl_socket_set_handler (self->socket, &socket_handler, self);
  sl_socket_set_reading (self->socket, TRUE);
}

/* Sending: SlSocket's queue sends, these hear how it went. */

static void
socket_sent (SlSocket *socket,
             GBytes   *bytes,
             gpointer  user_data)
{
  SlConnection *self = user_data;

  sl_log_append_data (self->log, SL_LOG_KIND_SENT, self->remote_address, bytes);
  g_signal_emit (self, signals[SENT], 0, bytes);
}

/* bytes-sent follows what really left, as the kernel took it. */
static void
socket_flushed (SlSocket *socket,
                gpointer  user_data)
{
  SlConnection *self = user_data;

  add_bytes (self, &self->bytes_sent, sl_socket_get_bytes_sent (socket) - self->bytes_sent,
             PROP_BYTES_SENT);
}

static gboolean
socket_send_failed (SlSocket *socket,
                    GBytes   *bytes,
                    int       errsv,
                    gpointer  user_data)
{
  SlConnection *self = user_data;
  gsize size = g_bytes_get_size (bytes);
  g_autofree char *why = sl_errno_describe (errsv);
  g_autofree char *message = NULL;

  if (self->protocol == SL_PROTOCOL_UDP)
    {
      /* Like Python's send (): this datagram is lost, the socket goes on. */
      if (is_udp_icmp_error (self, errsv))
        log_udp_icmp_error (self, errsv);
      else
        log_message (self, SL_LOG_KIND_ERROR,
                     g_dngettext (GETTEXT_PACKAGE, "The datagram of %zu byte was not sent: %s",
                                  "The datagram of %zu bytes was not sent: %s", size),
                     size, why);
      return TRUE;
    }
  message = g_strdup_printf (_("Sending failed: %s"), why);
  fail (self, message);
  return FALSE;
}

static const SlSocketHandler socket_handler = {
  .ready = socket_ready,
  .sent = socket_sent,
  .send_failed = socket_send_failed,
  .flushed = socket_flushed,
};

/* Connecting */

static void
connect_data_free (ConnectData *data)
{
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->caller, data->cancelled_id);
  g_clear_object (&data->caller);
  g_clear_error (&data->last_error);
  g_free (data);
}

static void
stop_connecting (SlConnection *self)
{
  g_clear_object (&self->connect_cancellable);
  sl_clear_source (&self->deadline_source);
}

static void
connect_failed (GTask  *task,
                GError *error)
{
  SlConnection *self = g_task_get_source_object (task);

  stop_connecting (self);
  close_socket (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      log_message (self, SL_LOG_KIND_INFO, _("Connecting was cancelled"));
      set_state (self, SL_CONNECTION_STATE_CLOSED);
    }
  else
    {
      set_string (self, &self->error_message, error->message, PROP_ERROR_MESSAGE);
      set_state (self, SL_CONNECTION_STATE_FAILED);
    }
  g_task_return_error (task, error);
}

static void
update_local_address (SlConnection *self)
{
  struct sockaddr_storage local;
  socklen_t length;
  g_autofree char *text = NULL;

  /* What Python's repr of a socket asks for its laddr. */
  if (sl_socket_getsockname (self->socket, &local, &length) == 0)
    text = sl_sockaddr_to_string (&local);
  set_string (self, &self->local_address, text, PROP_LOCAL_ADDRESS);
}

static void
connected (GTask *task)
{
  SlConnection *self = g_task_get_source_object (task);
  ConnectData *data = g_task_get_task_data (task);

  stop_connecting (self);
  set_outcome (self, data->index, 0);
  update_local_address (self);
  set_state (self, SL_CONNECTION_STATE_CONNECTED);
  if (self->protocol == SL_PROTOCOL_UDP)
    log_message (self, SL_LOG_KIND_INFO,
                 /* Translators: connect() is the system call: keep its name as it is. */
                 _("Ready to send datagrams to %s from %s. UDP makes no connection: connect() only chose the peer, so nothing was sent yet"),
                 self->remote_address, self->local_address);
  else
    log_message (self, SL_LOG_KIND_INFO, _("Connected to %s from %s"), self->remote_address,
                 self->local_address);
  start_reading (self);
  g_task_return_boolean (task, TRUE);
}

static guint
effective_deadline (SlConnection *self)
{
  return self->deadline > 0 ? self->deadline : self->timeout * SL_CONNECTION_DEADLINE_FACTOR;
}

static GError *
deadline_error (SlConnection *self,
                ConnectData  *data)
{
  guint n = sl_resolve_result_get_n_addresses (self->addresses);

  return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "Gave up after %u s: tried %u of %u address, none answered in time",
                                   "Gave up after %u s: tried %u of %u addresses, none answered in time", n),
                      effective_deadline (self), data->index + 1, n);
}

static void
attempt_failed (GTask  *task,
                GError *error)
{
  SlConnection *self = g_task_get_source_object (task);
  ConnectData *data = g_task_get_task_data (task);
  int errsv = sl_errno_from_error (error);
  g_autofree char *why = describe_error (errsv, error);

  set_outcome (self, data->index, errsv != 0 ? errsv : EIO);
  close_socket (self);

  if (self->deadline_passed)
    {
      GError *gave_up = deadline_error (self, data);

      set_outcome (self, data->index, ETIMEDOUT);
      sl_log_append_message (self->log, SL_LOG_KIND_ERROR, self->remote_address, gave_up->message);
      connect_failed (task, gave_up);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_outcome (self, data->index, SL_OUTCOME_NOT_TRIED);
      connect_failed (task, g_error_copy (error));
      return;
    }

  g_clear_error (&data->last_error);
  data->last_error = g_error_new (error->domain, error->code, _("Could not connect to %s: %s"),
                                  self->remote_address, why);
  sl_log_append_message (self->log, SL_LOG_KIND_ERROR, self->remote_address, data->last_error->message);
  data->index++;
  try_next_address (task);
}

/* GSocketClient made the socket and is about to connect () it: trace what GIO does. */
static void
client_event_cb (GSocketClient      *client,
                 GSocketClientEvent  event,
                 GSocketConnectable *connectable,
                 GIOStream          *connection,
                 SlConnection       *self)
{
  GSocket *gsocket;

  if (connection == NULL || !G_IS_SOCKET_CONNECTION (connection))
    return;
  gsocket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (connection));

  if (event == G_SOCKET_CLIENT_CONNECTING)
    {
      g_autoptr(SlSocket) socket = sl_socket_new_for_gsocket (gsocket, self->trace);

      adopt_socket (self, socket);
      self->attempt_start_us = g_get_monotonic_time ();
    }
}

static void
record_attempt (SlConnection   *self,
                GSocketAddress *address,
                int             errsv)
{
  if (self->socket != NULL)
    sl_socket_record_gio_connect (self->socket, address, errsv,
                                  g_get_monotonic_time () - self->attempt_start_us);
}

static void
tcp_connect_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SlConnection *self = g_task_get_source_object (task);
  g_autoptr(GSocketAddress) address = g_object_steal_data (G_OBJECT (task), "sl-address");
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;
  int errsv;

  connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result, &error);
  if (connection == NULL)
    {
      errsv = sl_errno_from_error (error);
      if (self->socket == NULL && errsv != ECANCELED)
        {
          /* GSocketClient reports no socket before connecting: socket () itself failed. */
          SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_SOCKET);

          record.family = g_socket_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;
          record.sock_type = SOCK_STREAM | SOCK_CLOEXEC;
          record.result = -1;
          record.errsv = errsv;
          record.detail = _("made by GIO’s GSocketClient");
          sl_trace_append (self->trace, &record);
        }
      else
        record_attempt (self, address, self->deadline_passed ? ETIMEDOUT : errsv);
      attempt_failed (task, error);
      return;
    }
  record_attempt (self, address, 0);
  self->connection = connection;
  /* The client's timeout was for connect (); an idle connection must not time out. */
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 0);
  connected (task);
}

static void
tcp_connect (GTask          *task,
             GSocketAddress *address)
{
  SlConnection *self = g_task_get_source_object (task);

  if (self->client == NULL)
    {
      self->client = g_socket_client_new ();
      /* Students connect directly: a proxy would hide the real connect (). */
      g_socket_client_set_enable_proxy (self->client, FALSE);
      g_signal_connect (self->client, "event", G_CALLBACK (client_event_cb), self);
    }
  g_socket_client_set_timeout (self->client, self->timeout);
  g_object_set_data_full (G_OBJECT (task), "sl-address", g_object_ref (address), g_object_unref);
  g_socket_client_connect_async (self->client, G_SOCKET_CONNECTABLE (address), self->connect_cancellable,
                                 tcp_connect_cb, g_object_ref (task));
}

static void
udp_connect (GTask          *task,
             GSocketAddress *address)
{
  SlConnection *self = g_task_get_source_object (task);
  int family = g_socket_address_get_family (address) == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;
  g_autoptr(SlSocket) socket = NULL;
  struct sockaddr_storage native;
  int errsv;

  socket = sl_socket_open (family, SOCK_DGRAM, IPPROTO_UDP, self->trace, &errsv);
  if (socket == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, g_io_error_from_errno (errsv), "%s",
                                             sl_errno_explain (errsv));
      attempt_failed (task, error);
      return;
    }
  adopt_socket (self, socket);

  /* For UDP connect () returns at once: it only records the peer. */
  g_socket_address_to_native (address, &native, sizeof native, NULL);
  errsv = sl_socket_connect (socket, (struct sockaddr *) &native, g_socket_address_get_native_size (address));
  if (errsv != 0)
    {
      g_autoptr(GError) connect_error = g_error_new (G_IO_ERROR, g_io_error_from_errno (errsv), "%s",
                                                     sl_errno_explain (errsv));
      attempt_failed (task, connect_error);
      return;
    }
  connected (task);
}

static void
try_next_address (GTask *task)
{
  SlConnection *self = g_task_get_source_object (task);
  ConnectData *data = g_task_get_task_data (task);
  guint n = sl_resolve_result_get_n_addresses (self->addresses);
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *text = NULL;

  if (data->index >= n)
    {
      if (data->last_error == NULL)
        data->last_error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” has no address"), self->host);
      connect_failed (task, g_steal_pointer (&data->last_error));
      return;
    }

  address = g_inet_socket_address_new (sl_resolve_result_get_address (self->addresses, data->index),
                                       self->port);
  text = sl_socket_address_to_string (address);
  set_address_index (self, data->index);
  set_string (self, &self->remote_address, text, PROP_REMOTE_ADDRESS);
  if (n > 1)
    log_message (self, SL_LOG_KIND_INFO, _("Connecting to %s (%s), address %u of %u…"), text,
                 self->protocol == SL_PROTOCOL_TCP ? "TCP" : "UDP", data->index + 1, n);
  else
    log_message (self, SL_LOG_KIND_INFO, _("Connecting to %s (%s)…"), text,
                 self->protocol == SL_PROTOCOL_TCP ? "TCP" : "UDP");

  if (self->protocol == SL_PROTOCOL_TCP)
    tcp_connect (task, address);
  else
    udp_connect (task, address);
}

static gboolean
deadline_passed_cb (gpointer user_data)
{
  SlConnection *self = user_data;

  g_clear_pointer (&self->deadline_source, g_source_unref);
  self->deadline_passed = TRUE;
  g_cancellable_cancel (self->connect_cancellable);
  return G_SOURCE_REMOVE;
}

/* Each address gets the timeout; all of them together get the deadline. */
static void
start_deadline (SlConnection *self)
{
  /* Not g_timeout_source_new_seconds (): it rounds to a whole second and can fire 0.25 s
   * early, and "Gave up after 3 s" must not come after 2.8. */
  self->deadline_source = g_timeout_source_new (effective_deadline (self) * 1000);
  g_source_set_callback (self->deadline_source, deadline_passed_cb, self, NULL);
  g_source_set_static_name (self->deadline_source, "[socketlab] connect deadline");
  g_source_attach (self->deadline_source, g_main_context_get_thread_default ());
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SlConnection *self = g_task_get_source_object (task);
  g_autoptr(SlResolveResult) resolved = NULL;
  g_autofree char *list = NULL;
  GError *error = NULL;

  resolved = sl_resolver_lookup_finish (SL_RESOLVER (object), result, &error);
  if (resolved == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        log_message (self, SL_LOG_KIND_ERROR, "%s", error->message);
      connect_failed (task, error);
      return;
    }

  g_set_object (&self->addresses, resolved);
  g_array_set_size (self->outcomes, sl_resolve_result_get_n_addresses (resolved));
  for (guint i = 0; i < self->outcomes->len; i++)
    g_array_index (self->outcomes, int, i) = SL_OUTCOME_NOT_TRIED;
  notify (self, PROP_ADDRESSES);
  list = sl_resolve_result_to_string (resolved);
  if (!sl_resolve_result_is_literal (resolved))
    log_message (self, SL_LOG_KIND_INFO,
                 g_dngettext (GETTEXT_PACKAGE, "“%s” has %u address: %s (%.1f ms)",
                              "“%s” has %u addresses: %s (%.1f ms)", sl_resolve_result_get_n_addresses (resolved)),
                 self->host, sl_resolve_result_get_n_addresses (resolved), list,
                 sl_resolve_result_get_elapsed_us (resolved) / 1000.0);
  set_state (self, SL_CONNECTION_STATE_CONNECTING);
  start_deadline (self);
  try_next_address (task);
}

/* An address written out needs no lookup: no "Looking up" line for 127.0.0.1 or 127.1. */
static gboolean
is_numeric_host (const char *host)
{
  g_autoptr(GInetAddress) short_form = NULL;

  if (g_hostname_is_ip_address (host))
    return TRUE;
  short_form = sl_address_parse_inet_aton (host);
  return short_form != NULL;
}

static void
caller_cancelled (GCancellable *cancellable,
                  GCancellable *connect_cancellable)
{
  g_cancellable_cancel (connect_cancellable);
}

void
sl_connection_connect_async (SlConnection        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ConnectData *data;

  g_return_if_fail (SL_IS_CONNECTION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_connection_connect_async);
  if (self->started)
    {
      g_task_return_new_error (task, SL_CONNECTION_ERROR, SL_CONNECTION_ERROR_ALREADY_STARTED,
                               _("This connection was already used: make a new one"));
      return;
    }
  self->started = TRUE;

  data = g_new0 (ConnectData, 1);
  data->start_us = g_get_monotonic_time ();
  g_task_set_task_data (task, data, (GDestroyNotify) connect_data_free);
  /* Our own cancellable, so that sl_connection_close () can stop a connect in progress. */
  self->connect_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      data->caller = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled),
                                                  self->connect_cancellable, NULL);
    }

  set_state (self, SL_CONNECTION_STATE_RESOLVING);
  if (!is_numeric_host (self->host))
    log_message (self, SL_LOG_KIND_INFO, _("Looking up “%s”…"), self->host);
  sl_resolver_lookup_async (self->resolver, self->host, self->family, self->timeout * 1000,
                            self->connect_cancellable, lookup_cb, g_steal_pointer (&task));
}

gboolean
sl_connection_connect_finish (SlConnection  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_connection_connect_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
sl_connection_send (SlConnection  *self,
                    GBytes        *data,
                    GError       **error)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (self->state != SL_CONNECTION_STATE_CONNECTED)
    {
      g_set_error_literal (error, SL_CONNECTION_ERROR, SL_CONNECTION_ERROR_NOT_CONNECTED,
                           _("Not connected: connect before sending"));
      return FALSE;
    }
  /* An empty TCP send () moves nothing; an empty UDP datagram is real. */
  if (g_bytes_get_size (data) == 0 && self->protocol == SL_PROTOCOL_TCP)
    return TRUE;

  sl_socket_enqueue (self->socket, data);
  return TRUE;
}

void
sl_connection_close (SlConnection *self)
{
  g_autoptr(SlConnection) hold = NULL;
  gsize unsent;

  g_return_if_fail (SL_IS_CONNECTION (self));

  if (self->connect_cancellable != NULL)
    {
      g_cancellable_cancel (self->connect_cancellable);
      return;
    }
  if (self->state != SL_CONNECTION_STATE_CONNECTED)
    return;

  hold = g_object_ref (self);
  unsent = sl_socket_drop_queue (self->socket);
  if (unsent > 0)
    log_message (self, SL_LOG_KIND_INFO,
                 g_dngettext (GETTEXT_PACKAGE, "%zu byte was still waiting to be sent and was dropped",
                              "%zu bytes were still waiting to be sent and were dropped", unsent),
                 unsent);
  if (self->protocol == SL_PROTOCOL_TCP)
    sl_socket_shutdown (self->socket, SHUT_RDWR);
  close_socket (self);
  log_message (self, SL_LOG_KIND_INFO, _("Connection closed"));
  set_state (self, SL_CONNECTION_STATE_CLOSED);
}

/* Getters */

SlConnection *
sl_connection_new (SlProtocol  protocol,
                   const char *host,
                   guint16     port)
{
  g_return_val_if_fail (host != NULL, NULL);

  return g_object_new (SL_TYPE_CONNECTION,
                       "protocol", protocol,
                       "host", host,
                       "port", (guint) port,
                       NULL);
}

SlProtocol
sl_connection_get_protocol (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), SL_PROTOCOL_TCP);
  return self->protocol;
}

const char *
sl_connection_get_host (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), NULL);
  return self->host;
}

guint16
sl_connection_get_port (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), 0);
  return self->port;
}

guint
sl_connection_get_timeout (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), 0);
  return self->timeout;
}

void
sl_connection_set_timeout (SlConnection *self,
                           guint         seconds)
{
  g_return_if_fail (SL_IS_CONNECTION (self));

  sl_set_uint_prop (G_OBJECT (self), &self->timeout, CLAMP (seconds, 1, SL_CONNECTION_MAX_TIMEOUT),
                    properties[PROP_TIMEOUT]);
}

guint
sl_connection_get_deadline (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), 0);
  return self->deadline;
}

void
sl_connection_set_deadline (SlConnection *self,
                            guint         seconds)
{
  g_return_if_fail (SL_IS_CONNECTION (self));

  sl_set_uint_prop (G_OBJECT (self), &self->deadline,
                    MIN (seconds, SL_CONNECTION_MAX_TIMEOUT * SL_CONNECTION_DEADLINE_FACTOR),
                    properties[PROP_DEADLINE]);
}

GSocketFamily
sl_connection_get_family (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), G_SOCKET_FAMILY_INVALID);
  return self->family;
}

SlConnectionState
sl_connection_get_state (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), SL_CONNECTION_STATE_IDLE);
  return self->state;
}

guint64
sl_connection_get_bytes_sent (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), 0);
  return self->bytes_sent;
}

guint64
sl_connection_get_bytes_received (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), 0);
  return self->bytes_received;
}

const char *
sl_connection_get_local_address (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), NULL);
  return self->local_address;
}

const char *
sl_connection_get_remote_address (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), NULL);
  return self->remote_address;
}

SlResolveResult *
sl_connection_get_addresses (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), NULL);
  return self->addresses;
}

int
sl_connection_get_address_index (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), -1);
  return self->address_index;
}

int
sl_connection_get_address_outcome (SlConnection *self,
                                   guint         position)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), SL_OUTCOME_NOT_TRIED);

  if (position >= self->outcomes->len)
    return SL_OUTCOME_NOT_TRIED;
  return g_array_index (self->outcomes, int, position);
}

int
sl_connection_get_fd (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), -1);
  return self->fd;
}

int
sl_connection_get_last_fd (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), -1);
  return self->last_fd;
}

gboolean
sl_connection_get_closed_by_peer (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), FALSE);
  return self->closed_by_peer;
}

const char *
sl_connection_get_socket_family (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), NULL);
  return self->socket_family;
}

const char *
sl_connection_get_socket_type (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), NULL);
  return self->socket_type;
}

const char *
sl_connection_get_socket_protocol (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), NULL);
  return self->socket_protocol;
}

SlTrace *
sl_connection_get_trace (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), NULL);
  return self->trace;
}

SlLog *
sl_connection_get_log (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), NULL);
  return self->log;
}

const char *
sl_connection_get_error_message (SlConnection *self)
{
  g_return_val_if_fail (SL_IS_CONNECTION (self), NULL);
  return self->error_message;
}

/* GObject */

static void
sl_connection_constructed (GObject *object)
{
  SlConnection *self = SL_CONNECTION (object);

  G_OBJECT_CLASS (sl_connection_parent_class)->constructed (object);

  if (self->trace == NULL)
    self->trace = sl_trace_new (0);
  if (self->log == NULL)
    self->log = sl_log_new (0);
  self->resolver = sl_resolver_new (self->trace);
}

static void
sl_connection_dispose (GObject *object)
{
  SlConnection *self = SL_CONNECTION (object);

  close_socket (self);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  stop_connecting (self);
  g_clear_object (&self->resolver);
  g_clear_object (&self->addresses);
  g_clear_object (&self->trace);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (sl_connection_parent_class)->dispose (object);
}

static void
sl_connection_finalize (GObject *object)
{
  SlConnection *self = SL_CONNECTION (object);

  g_free (self->host);
  g_free (self->local_address);
  g_free (self->remote_address);
  g_free (self->error_message);
  g_free (self->read_buffer);
  g_array_unref (self->outcomes);

  G_OBJECT_CLASS (sl_connection_parent_class)->finalize (object);
}

static void
sl_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SlConnection *self = SL_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      g_value_set_enum (value, self->protocol);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_FAMILY:
      g_value_set_enum (value, self->family);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_BYTES_SENT:
      g_value_set_uint64 (value, self->bytes_sent);
      break;
    case PROP_BYTES_RECEIVED:
      g_value_set_uint64 (value, self->bytes_received);
      break;
    case PROP_LOCAL_ADDRESS:
      g_value_set_string (value, self->local_address);
      break;
    case PROP_REMOTE_ADDRESS:
      g_value_set_string (value, self->remote_address);
      break;
    case PROP_ADDRESSES:
      g_value_set_object (value, self->addresses);
      break;
    case PROP_ADDRESS_INDEX:
      g_value_set_int (value, self->address_index);
      break;
    case PROP_FD:
      g_value_set_int (value, self->fd);
      break;
    case PROP_SOCKET_FAMILY:
      g_value_set_string (value, self->socket_family);
      break;
    case PROP_SOCKET_TYPE:
      g_value_set_string (value, self->socket_type);
      break;
    case PROP_SOCKET_PROTOCOL:
      g_value_set_string (value, self->socket_protocol);
      break;
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_connection_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SlConnection *self = SL_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      self->protocol = g_value_get_enum (value);
      break;
    case PROP_HOST:
      self->host = g_value_dup_string (value);
      break;
    case PROP_PORT:
      self->port = g_value_get_uint (value);
      break;
    case PROP_FAMILY:
      self->family = g_value_get_enum (value);
      break;
    case PROP_TIMEOUT:
      sl_connection_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_DEADLINE:
      sl_connection_set_deadline (self, g_value_get_uint (value));
      break;
    case PROP_TRACE:
      self->trace = g_value_dup_object (value);
      break;
    case PROP_LOG:
      self->log = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
read_only_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
install_properties (GObjectClass *object_class)
{
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  properties[PROP_PROTOCOL] =
    g_param_spec_enum ("protocol", NULL, NULL, SL_TYPE_PROTOCOL, SL_PROTOCOL_TCP, construct);
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, "localhost", construct);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 1, G_MAXUINT16, 1, construct);
  properties[PROP_FAMILY] =
    g_param_spec_enum ("family", NULL, NULL, G_TYPE_SOCKET_FAMILY, G_SOCKET_FAMILY_INVALID, construct);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, SL_CONNECTION_MAX_TIMEOUT, SL_CONNECTION_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL, 0, SL_CONNECTION_MAX_TIMEOUT * SL_CONNECTION_DEADLINE_FACTOR, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SL_TYPE_CONNECTION_STATE, SL_CONNECTION_STATE_IDLE, readable);
  properties[PROP_BYTES_SENT] =
    g_param_spec_uint64 ("bytes-sent", NULL, NULL, 0, G_MAXUINT64, 0, readable);
  properties[PROP_BYTES_RECEIVED] =
    g_param_spec_uint64 ("bytes-received", NULL, NULL, 0, G_MAXUINT64, 0, readable);
  properties[PROP_LOCAL_ADDRESS] = read_only_string ("local-address");
  properties[PROP_REMOTE_ADDRESS] = read_only_string ("remote-address");
  properties[PROP_ADDRESSES] =
    g_param_spec_object ("addresses", NULL, NULL, SL_TYPE_RESOLVE_RESULT, readable);
  properties[PROP_ADDRESS_INDEX] =
    g_param_spec_int ("address-index", NULL, NULL, -1, G_MAXINT, -1, readable);
  properties[PROP_FD] =
    g_param_spec_int ("fd", NULL, NULL, -1, G_MAXINT, -1, readable);
  properties[PROP_SOCKET_FAMILY] = read_only_string ("socket-family");
  properties[PROP_SOCKET_TYPE] = read_only_string ("socket-type");
  properties[PROP_SOCKET_PROTOCOL] = read_only_string ("socket-protocol");
  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL, SL_TYPE_TRACE, construct);
  properties[PROP_LOG] =
    g_param_spec_object ("log", NULL, NULL, SL_TYPE_LOG, construct);
  properties[PROP_ERROR_MESSAGE] = read_only_string ("error-message");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_connection_class_init (SlConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sl_connection_constructed;
  object_class->dispose = sl_connection_dispose;
  object_class->finalize = sl_connection_finalize;
  object_class->get_property = sl_connection_get_property;
  object_class->set_property = sl_connection_set_property;

  install_properties (object_class);

  /* Data as it arrived from one recv (): at most SL_CONNECTION_READ_SIZE bytes, or one datagram. */
  signals[RECEIVED] =
    g_signal_new ("received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BYTES);
  /* One sl_connection_send () buffer, once all of it has been handed to the kernel. */
  signals[SENT] =
    g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BYTES);
}

static void
sl_connection_init (SlConnection *self)
{
  self->timeout = SL_CONNECTION_DEFAULT_TIMEOUT;
  self->address_index = -1;
  self->fd = -1;
  self->last_fd = -1;
  self->family = G_SOCKET_FAMILY_INVALID;
  self->outcomes = g_array_new (FALSE, TRUE, sizeof (int));
}
