/* sl-port-check.c: is a TCP port open? Python's connect_ex () with a timeout, never blocking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "sl-errno.h"
#include "sl-port-check.h"
#include "sl-resolver.h"
#include "sl-socket-util.h"
#include "sl-socket.h"

struct _SlPortCheckResult
{
  GObject      parent_instance;

  SlPortState  state;
  int          errsv;
  gint64       elapsed_us;
  char        *host;       /* the IP address tried, without the port */
  char        *address;
  guint16      port;
  SlResolveResult *addresses;
  GArray      *outcomes;
};

typedef struct {
  guint16          port;
  GSocketFamily    family;
  guint            timeout_ms;
  SlTrace         *trace;
  SlSocket        *socket;
  GSocketAddress  *address;
  SlResolveResult *resolved;
  GArray          *outcomes;      /* int per resolved address: errno, or -1 not tried */
  guint            next_address;
  gint64           elapsed_us;
} Check;

G_DEFINE_FINAL_TYPE (SlPortCheckResult, sl_port_check_result, G_TYPE_OBJECT)

/* SlPortCheckResult */

static void
sl_port_check_result_finalize (GObject *object)
{
  SlPortCheckResult *self = SL_PORT_CHECK_RESULT (object);

  g_free (self->host);
  g_free (self->address);
  g_clear_pointer (&self->outcomes, g_array_unref);
  g_clear_object (&self->addresses);

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

SlResolveResult *
sl_port_check_result_get_addresses (SlPortCheckResult *self)
{
  g_return_val_if_fail (SL_IS_PORT_CHECK_RESULT (self), NULL);
  return self->addresses;
}

int
sl_port_check_result_get_outcome (SlPortCheckResult *self,
                                  guint              position)
{
  g_return_val_if_fail (SL_IS_PORT_CHECK_RESULT (self), SL_OUTCOME_NOT_TRIED);

  if (self->outcomes == NULL || position >= self->outcomes->len)
    return SL_OUTCOME_NOT_TRIED;
  return g_array_index (self->outcomes, int, position);
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

static void
close_socket (Check *check)
{
  if (check->socket == NULL)
    return;
  sl_socket_close (check->socket);
  g_clear_object (&check->socket);
}

static void
check_free (Check *check)
{
  close_socket (check);
  g_clear_object (&check->address);
  g_clear_object (&check->resolved);
  g_clear_object (&check->trace);
  g_clear_pointer (&check->outcomes, g_array_unref);
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
  GInetAddress *next;

  if (check->next_address >= sl_resolve_result_get_n_addresses (check->resolved))
    return FALSE;
  close_socket (check);
  next = sl_resolve_result_get_address (check->resolved, check->next_address++);
  g_clear_object (&check->address);
  check->address = g_inet_socket_address_new (next, check->port);
  start_connect (task);
  return TRUE;
}

static void
finish (GTask *task,
        int    errsv)
{
  Check *check = g_task_get_task_data (task);
  SlPortCheckResult *result;

  g_array_index (check->outcomes, int, check->next_address - 1) = errsv;
  if (errsv != 0 && try_next_address (task))
    return;

  result = g_object_new (SL_TYPE_PORT_CHECK_RESULT, NULL);
  result->elapsed_us = check->elapsed_us;
  result->state = state_for_errno (errsv);
  result->errsv = errsv;
  result->port = check->port;
  result->address = sl_socket_address_to_string (check->address);
  result->host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (check->address)));
  result->outcomes = g_array_ref (check->outcomes);
  result->addresses = g_object_ref (check->resolved);

  close_socket (check);
  g_task_return_pointer (task, result, g_object_unref);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  int errsv = 0;

  if (!sl_socket_connect_finish (SL_SOCKET (object), result, &errsv, &check->elapsed_us, &error))
    {
      close_socket (check);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  finish (task, errsv);
}

static void
start_connect (GTask *task)
{
  Check *check = g_task_get_task_data (task);
  GSocketFamily family = g_socket_address_get_family (check->address);
  struct sockaddr_storage native;
  int errsv;

  check->socket = sl_socket_open (family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET,
                                  SOCK_STREAM, IPPROTO_TCP, check->trace, &errsv);
  if (check->socket == NULL)
    {
      g_autofree char *why = sl_errno_describe (errsv);

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv),
                               _("Could not create a socket: %s"), why);
      return;
    }
  g_socket_address_to_native (check->address, &native, sizeof native, NULL);
  /* connect_ex ((host, port)) on a non-blocking socket, then wait for the answer. */
  sl_socket_connect_async (check->socket, (struct sockaddr *) &native,
                           g_socket_address_get_native_size (check->address), check->timeout_ms,
                           g_task_get_cancellable (task), connect_cb, g_object_ref (task));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  GError *error = NULL;

  check->resolved = sl_resolver_lookup_finish (SL_RESOLVER (object), result, &error);
  if (check->resolved == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* connect_ex ((host, port)) on each address getaddrinfo () gave, in order, until one is open. */
  g_array_set_size (check->outcomes, sl_resolve_result_get_n_addresses (check->resolved));
  for (guint i = 0; i < check->outcomes->len; i++)
    g_array_index (check->outcomes, int, i) = SL_OUTCOME_NOT_TRIED;
  if (!try_next_address (task))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” has no address"),
                             sl_resolve_result_get_host (check->resolved));
}

void
sl_port_check_async (const char          *host,
                     guint16              port,
                     GSocketFamily        family,
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
  check->family = family;
  check->timeout_ms = timeout_ms > 0 ? timeout_ms : SL_PORT_CHECK_DEFAULT_TIMEOUT_MS;
  check->trace = trace != NULL ? g_object_ref (trace) : NULL;
  check->outcomes = g_array_new (FALSE, TRUE, sizeof (int));
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);

  resolver = sl_resolver_new (trace);
  sl_resolver_lookup_async (resolver, host, family, 0, cancellable, lookup_cb, g_steal_pointer (&task));
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
