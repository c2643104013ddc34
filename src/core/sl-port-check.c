/* sl-port-check.c: is a TCP port open? Python's connect_ex () with a timeout, never blocking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sys/socket.h>

#include "sl-errno.h"
#include "sl-fd-source.h"
#include "sl-port-check.h"
#include "sl-resolver.h"
#include "sl-socket-util.h"

struct _SlPortCheckResult
{
  GObject      parent_instance;

  SlPortState  state;
  int          errsv;
  gint64       elapsed_us;
  char        *host;       /* the IP address tried, without the port */
  char        *address;
  guint16      port;
};

typedef struct {
  guint16         port;
  guint           timeout_ms;
  SlTrace        *trace;
  GSocket        *socket;
  int             fd;
  GSocketAddress *address;
  SlResolveResult *resolved;
  guint           next_address;
  gint64          start_us;
  GSource        *connect_source;
  GSource        *timeout_source;
} Check;

G_DEFINE_FINAL_TYPE (SlPortCheckResult, sl_port_check_result, G_TYPE_OBJECT)

/* SlPortCheckResult */

static void
sl_port_check_result_finalize (GObject *object)
{
  SlPortCheckResult *self = SL_PORT_CHECK_RESULT (object);

  g_free (self->host);
  g_free (self->address);

  G_OBJECT_CLASS (sl_port_check_result_parent_class)->finalize (object);
}

static void
sl_port_check_result_class_init (SlPortCheckResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_port_check_result_finalize;
}

static void
sl_port_check_result_init (SlPortCheckResult *self)
{
}

SlPortState
sl_port_check_result_get_state (SlPortCheckResult *self)
{
  g_return_val_if_fail (SL_IS_PORT_CHECK_RESULT (self), SL_PORT_STATE_UNREACHABLE);
  return self->state;
}

int
sl_port_check_result_get_errno (SlPortCheckResult *self)
{
  g_return_val_if_fail (SL_IS_PORT_CHECK_RESULT (self), 0);
  return self->errsv;
}

const char *
sl_port_check_result_get_errno_name (SlPortCheckResult *self)
{
  const char *name;

  g_return_val_if_fail (SL_IS_PORT_CHECK_RESULT (self), NULL);

  name = sl_errno_name (self->errsv);
  return name != NULL ? name : "E?";
}

gint64
sl_port_check_result_get_elapsed_us (SlPortCheckResult *self)
{
  g_return_val_if_fail (SL_IS_PORT_CHECK_RESULT (self), 0);
  return self->elapsed_us;
}

const char *
sl_port_check_result_get_address (SlPortCheckResult *self)
{
  g_return_val_if_fail (SL_IS_PORT_CHECK_RESULT (self), NULL);
  return self->address;
}

guint16
sl_port_check_result_get_port (SlPortCheckResult *self)
{
  g_return_val_if_fail (SL_IS_PORT_CHECK_RESULT (self), 0);
  return self->port;
}

char *
sl_port_check_result_describe (SlPortCheckResult *self)
{
  g_autofree char *why = NULL;
  double ms;

  g_return_val_if_fail (SL_IS_PORT_CHECK_RESULT (self), NULL);

  ms = self->elapsed_us / 1000.0;
  if (self->state == SL_PORT_STATE_OPEN)
    return g_strdup_printf (_("Port %u on %s is open (%.2f ms)"), self->port, self->host, ms);

  why = sl_errno_describe (self->errsv);
  switch (self->state)
    {
    case SL_PORT_STATE_REFUSED:
      return g_strdup_printf (_("Port %u on %s is closed (%.2f ms). %s"), self->port, self->host, ms, why);
    case SL_PORT_STATE_FILTERED:
      return g_strdup_printf (_("Port %u on %s did not answer in %.0f ms: it is probably filtered by a firewall. %s"),
                              self->port, self->host, ms, why);
    case SL_PORT_STATE_OPEN:
    case SL_PORT_STATE_UNREACHABLE:
    default:
      return g_strdup_printf (_("Port %u on %s cannot be reached (%.2f ms). %s"), self->port, self->host, ms, why);
    }
}

/* Check state */

/* Not sl_trace_recordf (): getsockopt (SO_ERROR) and poll () report an errno with result 0. */
static void
trace_record (Check      *check,
              const char *call,
              const char *args,
              gint64      result,
              int         errsv)
{
  if (check->trace != NULL)
    sl_trace_record (check->trace, call, args, result, errsv);
}

static void
stop_waiting (Check *check)
{
  sl_clear_source (&check->connect_source);
  sl_clear_source (&check->timeout_source);
}

static void
close_socket (Check *check)
{
  g_autofree char *args = NULL;
  g_autoptr(GError) error = NULL;

  if (check->socket == NULL)
    return;
  args = g_strdup_printf ("%d", check->fd);
  trace_record (check, "close", args, g_socket_close (check->socket, &error) ? 0 : -1,
                sl_errno_from_error (error));
  g_clear_object (&check->socket);
}

/* The sources hold the task, so by now they are gone and the socket is closed. */
static void
check_free (Check *check)
{
  stop_waiting (check);
  g_clear_object (&check->socket);
  g_clear_object (&check->address);
  g_clear_object (&check->resolved);
  g_clear_object (&check->trace);
  g_free (check);
}

static SlPortState
state_for_errno (int errsv)
{
  switch (errsv)
    {
    case 0:
      return SL_PORT_STATE_OPEN;
    case ECONNREFUSED:
      return SL_PORT_STATE_REFUSED;
    case ETIMEDOUT:
      return SL_PORT_STATE_FILTERED;
    default:
      return SL_PORT_STATE_UNREACHABLE;
    }
}

static void start_connect (GTask *task);

/* "localhost" is often ::1 first while a lab server listens on 127.0.0.1 only: like a
 * connection, try the next address before calling the port closed. */
static gboolean
try_next_address (GTask *task)
{
  Check *check = g_task_get_task_data (task);

  if (check->resolved == NULL
      || check->next_address >= sl_resolve_result_get_n_addresses (check->resolved))
    return FALSE;
  stop_waiting (check);
  close_socket (check);
  g_clear_object (&check->address);
  check->address = g_inet_socket_address_new (sl_resolve_result_get_address (check->resolved,
                                                                             check->next_address++),
                                              check->port);
  start_connect (task);
  return TRUE;
}

static void
finish (GTask *task,
        int    errsv)
{
  Check *check = g_task_get_task_data (task);
  SlPortCheckResult *result;

  if (errsv != 0 && try_next_address (task))
    return;

  result = g_object_new (SL_TYPE_PORT_CHECK_RESULT, NULL);

  result->elapsed_us = g_get_monotonic_time () - check->start_us;
  result->state = state_for_errno (errsv);
  result->errsv = errsv;
  result->port = check->port;
  result->address = sl_socket_address_to_string (check->address);
  result->host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (check->address)));

  stop_waiting (check);
  close_socket (check);
  g_task_return_pointer (task, result, g_object_unref);
}

static void
fail (GTask  *task,
      GError *error)
{
  Check *check = g_task_get_task_data (task);

  stop_waiting (check);
  close_socket (check);
  g_task_return_error (task, error);
}

static gboolean
connect_done (GSocket      *socket,
              GIOCondition  condition,
              gpointer      user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  Check *check = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *args = g_strdup_printf ("%d, SOL_SOCKET, SO_ERROR", check->fd);
  int value = 0;

  if (g_task_return_error_if_cancelled (task))
    {
      stop_waiting (check);
      close_socket (check);
      return G_SOURCE_REMOVE;
    }

  /* The pending error of a non-blocking connect (), read the way Python does. */
  if (!g_socket_get_option (socket, SOL_SOCKET, SO_ERROR, &value, &error))
    {
      trace_record (check, "getsockopt", args, -1, sl_errno_from_error (error));
      fail (task, g_steal_pointer (&error));
      return G_SOURCE_REMOVE;
    }
  trace_record (check, "getsockopt", args, 0, value);
  finish (task, value);
  return G_SOURCE_REMOVE;
}

static gboolean
connect_timed_out (gpointer user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  Check *check = g_task_get_task_data (task);
  g_autofree char *args = g_strdup_printf ("[{fd=%d, events=POLLOUT}], 1, %u", check->fd, check->timeout_ms);

  /* The main loop polled the socket for timeout_ms without an answer, as Python's poll () would. */
  trace_record (check, "poll", args, 0, ETIMEDOUT);
  finish (task, ETIMEDOUT);
  return G_SOURCE_REMOVE;
}

static void
wait_for_connect (GTask *task)
{
  Check *check = g_task_get_task_data (task);

  check->connect_source = g_socket_create_source (check->socket, G_IO_OUT, g_task_get_cancellable (task));
  g_source_set_callback (check->connect_source, G_SOURCE_FUNC (connect_done),
                         g_object_ref (task), g_object_unref);
  g_source_attach (check->connect_source, g_task_get_context (task));

  check->timeout_source = g_timeout_source_new (check->timeout_ms);
  g_source_set_callback (check->timeout_source, connect_timed_out, g_object_ref (task), g_object_unref);
  g_source_attach (check->timeout_source, g_task_get_context (task));
}

static gboolean
create_socket (Check   *check,
               GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GSocketFamily family = g_socket_address_get_family (check->address);
  g_autofree char *args = g_strdup_printf ("%s, SOCK_STREAM, IPPROTO_TCP", sl_socket_family_name (family));

  check->socket = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &local_error);
  if (check->socket == NULL)
    {
      int errsv = sl_errno_from_error (local_error);

      trace_record (check, "socket", args, -1, errsv);
      g_set_error (error, G_IO_ERROR, local_error->code, _("Could not create a socket: %s"),
                   errsv != 0 ? sl_errno_explain (errsv) : local_error->message);
      return FALSE;
    }
  check->fd = g_socket_get_fd (check->socket);
  trace_record (check, "socket", args, check->fd, 0);
  /* GSocket would otherwise wait inside g_socket_connect (). */
  g_socket_set_blocking (check->socket, FALSE);
  return TRUE;
}

static void
start_connect (GTask *task)
{
  Check *check = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = sl_socket_address_to_string (check->address);
  g_autofree char *args = NULL;

  if (!create_socket (check, &error))
    {
      fail (task, g_steal_pointer (&error));
      return;
    }

  args = g_strdup_printf ("%d, %s", check->fd, address);
  check->start_us = g_get_monotonic_time ();
  if (g_socket_connect (check->socket, check->address, NULL, &error))
    {
      trace_record (check, "connect", args, 0, 0);
      finish (task, 0);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      trace_record (check, "connect", args, -1, EINPROGRESS);
      wait_for_connect (task);
    }
  else
    {
      int errsv = sl_errno_from_error (error);

      trace_record (check, "connect", args, -1, errsv);
      if (errsv != 0)
        finish (task, errsv);
      else
        fail (task, g_steal_pointer (&error));
    }
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(SlResolveResult) resolved = NULL;
  GError *error = NULL;

  resolved = sl_resolver_lookup_finish (SL_RESOLVER (object), result, &error);
  if (resolved == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* connect_ex ((host, port)) on each address getaddrinfo () gave, in order, until one is open. */
  check->resolved = g_steal_pointer (&resolved);
  try_next_address (task);
}

void
sl_port_check_async (const char          *host,
                     guint16              port,
                     guint                timeout_ms,
                     SlTrace             *trace,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SlResolver) resolver = NULL;
  Check *check;

  g_return_if_fail (host != NULL);
  g_return_if_fail (port > 0);
  g_return_if_fail (trace == NULL || SL_IS_TRACE (trace));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_port_check_async);

  check = g_new0 (Check, 1);
  check->port = port;
  check->timeout_ms = timeout_ms > 0 ? timeout_ms : SL_PORT_CHECK_DEFAULT_TIMEOUT_MS;
  check->trace = trace != NULL ? g_object_ref (trace) : NULL;
  check->fd = -1;
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);

  resolver = sl_resolver_new (trace);
  sl_resolver_lookup_async (resolver, host, 0, cancellable, lookup_cb, g_steal_pointer (&task));
}

/* Returns: (transfer full): OPEN, REFUSED, FILTERED or UNREACHABLE, with errno and timing. */
SlPortCheckResult *
sl_port_check_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_port_check_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
