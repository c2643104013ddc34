/* sl-test-util.c: helpers for tests over real loopback sockets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-test-util.h"

#define ECHO_BUFFER_SIZE (64 * 1024)
#define FILL_PROBE_MS    300
#define FILL_MAX         16

/* Main context */

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

gboolean
sl_test_iterate_until (gint64 deadline_us)
{
  gint64 remaining = deadline_us - g_get_monotonic_time ();
  GSource *timer;

  if (remaining <= 0)
    return FALSE;
  timer = g_timeout_source_new ((guint) MAX (1, remaining / 1000));
  g_source_set_callback (timer, wake_up, NULL, NULL);
  g_source_attach (timer, NULL);
  g_main_context_iteration (NULL, TRUE);
  g_source_destroy (timer);
  g_source_unref (timer);
  return TRUE;
}

void
sl_test_spin_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;

  while (sl_test_iterate_until (deadline))
    ;
}

void
sl_test_store_result (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

GAsyncResult *
sl_test_wait_result (GAsyncResult **result)
{
  SL_TEST_SPIN_UNTIL (*result != NULL, SL_TEST_TIMEOUT_MS);
  return g_steal_pointer (result);
}

void
sl_test_count_notify_cb (GObject    *object,
                         GParamSpec *pspec,
                         guint      *count)
{
  (*count)++;
}

gboolean
sl_test_connect (SlConnection  *connection,
                 GCancellable  *cancellable,
                 GError       **error)
{
  GAsyncResult *result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  sl_connection_connect_async (connection, cancellable, sl_test_store_result, &result);
  g_assert_null (result);
  done = sl_test_wait_result (&result);
  return sl_connection_connect_finish (connection, done, error);
}

gboolean
sl_test_run_probe_runner (SlProbeRunner  *runner,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sl_probe_runner_run_async (runner, cancellable, sl_test_store_result, &result);
  result = sl_test_wait_result (&result);
  g_assert_false (sl_probe_runner_get_running (runner));
  return sl_probe_runner_run_finish (runner, result, error);
}

/* Numbers */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
sl_test_median (double *values,
                guint   n)
{
  if (n == 0)
    return NAN;
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double
sl_test_percentile (double *values,
                    guint   n,
                    double  fraction)
{
  guint rank = (guint) ceil (fraction * n);

  if (n == 0)
    return NAN;
  qsort (values, n, sizeof *values, compare_doubles);
  return values[CLAMP (rank, 1, n) - 1];
}

/* Process */

guint
sl_test_count_fds (void)
{
  DIR *dir = opendir ("/proc/self/fd");
  struct dirent *entry;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((entry = readdir (dir)) != NULL)
    if (entry->d_name[0] != '.')
      n++;
  closedir (dir);
  return n - 1;  /* the directory itself */
}

gsize
sl_test_rss_bytes (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  fields = g_strsplit (statm, " ", -1);
  g_assert_nonnull (fields[1]);
  return g_ascii_strtoull (fields[1], NULL, 10) * (gsize) sysconf (_SC_PAGESIZE);
}

/* Models */

gpointer
sl_test_item_at (GListModel *model,
                 guint       position)
{
  GObject *item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_object_unref (item);
  return item;
}

SlTraceEvent *
sl_test_event_at (SlTrace *trace,
                  guint    position)
{
  return sl_test_item_at (G_LIST_MODEL (trace), position);
}

SlLogEntry *
sl_test_entry_at (SlLog *log,
                  guint  position)
{
  return sl_test_item_at (G_LIST_MODEL (log), position);
}

guint
sl_test_count_log (SlLog      *log,
                   SlLogKind   kind,
                   const char *needle)
{
  GListModel *model = G_LIST_MODEL (log);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      SlLogEntry *entry = sl_test_item_at (model, i);

      if (sl_log_entry_get_kind (entry) == kind && strstr (sl_log_entry_get_text (entry), needle) != NULL)
        n++;
    }
  return n;
}

guint
sl_test_count_calls (SlTrace    *trace,
                     const char *call,
                     int         errsv)
{
  GListModel *model = G_LIST_MODEL (trace);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      SlTraceEvent *event = sl_test_item_at (model, i);

      /* A folded row stands for as many calls as its count. */
      if (g_str_equal (sl_trace_event_get_call_name (event), call) &&
          (errsv < 0 || sl_trace_event_get_errno (event) == errsv))
        n += sl_trace_event_get_count (event);
    }
  return n;
}

/* Sockets */

const char *
sl_test_loopback (GSocketFamily family)
{
  return family == G_SOCKET_FAMILY_IPV6 ? "::1" : "127.0.0.1";
}

static GSocketAddress *
loopback_address (GSocketFamily family,
                  guint16       port)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_loopback (family);

  return g_inet_socket_address_new (address, port);
}

static guint16
local_port (GSocket *socket)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = g_socket_get_local_address (socket, &error);

  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

static GSocket *
bound_socket (GSocketFamily  family,
              GSocketType    type,
              GError       **error)
{
  g_autoptr(GSocket) socket = g_socket_new (family, type, G_SOCKET_PROTOCOL_DEFAULT, error);
  g_autoptr(GSocketAddress) address = loopback_address (family, 0);

  if (socket == NULL || !g_socket_bind (socket, address, FALSE, error))
    return NULL;
  return g_steal_pointer (&socket);
}

void
sl_test_run_ip (const char *command)
{
  g_autofree char *full = g_strconcat ("ip ", command, NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (full, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", full, error->message);
}

gboolean
sl_test_blackhole_198_18 (char **reason)
{
  g_autofree char *path = g_find_program_in_path ("ip");
  int status = 0;

  if (g_strcmp0 (g_getenv ("SL_TEST_ISOLATED"), "1") != 0)
    {
      *reason = g_strdup ("changes routes: runs only inside tests/isolated.sh");
      return FALSE;
    }
  if (path == NULL)
    {
      *reason = g_strdup ("ip (iproute2) is not installed");
      return FALSE;
    }
  /* Already there from an earlier test of this process. */
  if (g_file_test ("/sys/class/net/slhole0", G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_spawn_command_line_sync ("ip link add slhole0 type veth peer name slhole1", NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      *reason = g_strdup ("cannot create a veth link here");
      return FALSE;
    }
  sl_test_run_ip ("addr add 10.199.0.1/24 dev slhole0");
  sl_test_run_ip ("link set slhole0 up");
  sl_test_run_ip ("link set slhole1 up");
  /* The gateway's address resolves to a MAC nobody has: slhole1 sees frames for another
   * host and drops them, so no RST or ICMP error ever comes back. */
  sl_test_run_ip ("neigh add 10.199.0.2 lladdr 02:00:5e:00:53:01 dev slhole0 nud permanent");
  sl_test_run_ip ("route add 198.18.0.0/15 via 10.199.0.2");
  return TRUE;
}

gboolean
sl_test_ipv6_available (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = bound_socket (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, &error);

  return socket != NULL;
}

void
sl_test_loopback_sockaddr (struct sockaddr_in *sin,
                           guint16             port)
{
  memset (sin, 0, sizeof *sin);
  sin->sin_family = AF_INET;
  sin->sin_port = g_htons (port);
  sin->sin_addr.s_addr = g_htonl (INADDR_LOOPBACK);
}

struct sockaddr_in
sl_test_ipv4 (const char *host,
              guint16     port)
{
  struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = g_htons (port) };

  g_assert_cmpint (inet_pton (AF_INET, host, &sin.sin_addr), ==, 1);
  return sin;
}

int
sl_test_tcp_connect (guint16 port)
{
  struct sockaddr_in sin;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  sl_test_loopback_sockaddr (&sin, port);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &sin, sizeof sin), ==, 0);
  return fd;
}

guint16
sl_test_free_port (GSocketFamily family,
                   GSocketType   type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = bound_socket (family, type, &error);
  guint16 port;

  g_assert_no_error (error);
  port = local_port (socket);
  g_socket_close (socket, NULL);
  return port;
}

/* Echo server */

struct _SlTestEchoServer
{
  GSocketType      type;
  guint16          port;
  guint            n_served;
  guint            n_open;
  GCancellable    *cancellable;
  GSocketService  *service;  /* TCP */
  GSocket         *socket;   /* UDP */
  GSource         *source;   /* UDP */
};

typedef struct {
  SlTestEchoServer  *server;
  GSocketConnection *connection;
  guint8             buffer[ECHO_BUFFER_SIZE];
} EchoClient;

static void echo_read (EchoClient *client);

static void
echo_client_free (EchoClient *client)
{
  /* Closing a socket stream does not block. */
  g_io_stream_close (G_IO_STREAM (client->connection), NULL, NULL);
  g_object_unref (client->connection);
  client->server->n_open--;
  g_free (client);
}

static void
echo_written (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  EchoClient *client = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    echo_client_free (client);
  else
    echo_read (client);
}

static void
echo_got (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  EchoClient *client = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);
  GOutputStream *out;

  if (n <= 0)
    {
      echo_client_free (client);
      return;
    }
  out = g_io_stream_get_output_stream (G_IO_STREAM (client->connection));
  g_output_stream_write_all_async (out, client->buffer, n, G_PRIORITY_DEFAULT,
                                   client->server->cancellable, echo_written, client);
}

static void
echo_read (EchoClient *client)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (client->connection));

  g_input_stream_read_async (in, client->buffer, sizeof client->buffer, G_PRIORITY_DEFAULT,
                             client->server->cancellable, echo_got, client);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             SlTestEchoServer  *self)
{
  EchoClient *client = g_new0 (EchoClient, 1);

  client->server = self;
  client->connection = g_object_ref (connection);
  self->n_served++;
  self->n_open++;
  echo_read (client);
  return TRUE;
}

static gboolean
on_datagram (GSocket          *socket,
             GIOCondition      condition,
             SlTestEchoServer *self)
{
  g_autoptr(GSocketAddress) sender = NULL;
  g_autofree char *buffer = g_malloc (ECHO_BUFFER_SIZE);
  gssize n;

  n = g_socket_receive_from (socket, &sender, buffer, ECHO_BUFFER_SIZE, NULL, NULL);
  if (n >= 0)
    {
      g_socket_send_to (socket, sender, buffer, n, NULL, NULL);
      self->n_served++;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_tcp_echo (SlTestEchoServer *self,
                GSocketFamily     family)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = loopback_address (family, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  self->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (self->service);
}

static void
start_udp_echo (SlTestEchoServer *self,
                GSocketFamily     family)
{
  g_autoptr(GError) error = NULL;

  self->socket = bound_socket (family, G_SOCKET_TYPE_DATAGRAM, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (self->socket, FALSE);
  self->port = local_port (self->socket);
  self->source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->source, G_SOURCE_FUNC (on_datagram), self, NULL);
  g_source_attach (self->source, NULL);
}

SlTestEchoServer *
sl_test_echo_server_new (GSocketType   type,
                         GSocketFamily family)
{
  SlTestEchoServer *self = g_new0 (SlTestEchoServer, 1);

  self->type = type;
  self->cancellable = g_cancellable_new ();
  if (type == G_SOCKET_TYPE_STREAM)
    start_tcp_echo (self, family);
  else
    start_udp_echo (self, family);
  return self;
}

guint16
sl_test_echo_server_get_port (SlTestEchoServer *self)
{
  return self->port;
}

guint
sl_test_echo_server_get_n_served (SlTestEchoServer *self)
{
  return self->n_served;
}

guint
sl_test_echo_server_get_n_open (SlTestEchoServer *self)
{
  return self->n_open;
}

void
sl_test_echo_server_free (SlTestEchoServer *self)
{
  g_cancellable_cancel (self->cancellable);
  SL_TEST_SPIN_UNTIL (self->n_open == 0, SL_TEST_TIMEOUT_MS);
  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_signal_handlers_disconnect_by_data (self->service, self);
      g_clear_object (&self->service);
    }
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
      g_socket_close (self->socket, NULL);
      g_clear_object (&self->socket);
    }
  g_clear_object (&self->cancellable);
  g_free (self);
}

/* Stuck listener */

struct _SlTestStuckListener
{
  GSocket   *listener;
  GPtrArray *fillers;
  guint16    port;
};

/* Connects one client; FALSE when the handshake did not complete: the queue is full. */
static gboolean
try_fill (SlTestStuckListener *self,
          GSocketFamily        family)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) client = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GSocketAddress) address = loopback_address (family, self->port);

  g_assert_no_error (error);
  g_socket_set_blocking (client, FALSE);
  if (!g_socket_connect (client, address, NULL, &error))
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
      g_clear_error (&error);
      /* A test may wait briefly: nothing else runs in this listener's process side. */
      if (!g_socket_condition_timed_wait (client, G_IO_OUT, FILL_PROBE_MS * 1000, NULL, NULL) ||
          !g_socket_check_connect_result (client, NULL))
        {
          g_socket_close (client, NULL);
          return FALSE;
        }
    }
  g_ptr_array_add (self->fillers, g_steal_pointer (&client));
  return TRUE;
}

SlTestStuckListener *
sl_test_stuck_listener_new (GSocketFamily family)
{
  SlTestStuckListener *self = g_new0 (SlTestStuckListener, 1);
  g_autoptr(GError) error = NULL;
  guint i;

  self->fillers = g_ptr_array_new_with_free_func (g_object_unref);
  self->listener = bound_socket (family, G_SOCKET_TYPE_STREAM, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (self->listener, 0);
  g_socket_listen (self->listener, &error);
  g_assert_no_error (error);
  self->port = local_port (self->listener);

  for (i = 0; i < FILL_MAX && try_fill (self, family); i++)
    ;
  g_assert_cmpuint (i, <, FILL_MAX);
  return self;
}

guint16
sl_test_stuck_listener_get_port (SlTestStuckListener *self)
{
  return self->port;
}

void
sl_test_stuck_listener_free (SlTestStuckListener *self)
{
  for (guint i = 0; i < self->fillers->len; i++)
    g_socket_close (g_ptr_array_index (self->fillers, i), NULL);
  g_ptr_array_unref (self->fillers);
  g_socket_close (self->listener, NULL);
  g_object_unref (self->listener);
  g_free (self);
}
