/* sl-socket.c: one traced socket: a descriptor, its main-loop watch, each call recorded.
 *
 * The watch is one GSource whose poll events change with what the socket is doing (reading,
 * a send waiting in the queue, a connect in progress): g_unix_fd_source_new () fixes them at
 * creation, and a busy peer switches many times a second. A socket made by GIO (for
 * GSocketClient) is closed through g_socket_close (), so that GIO does not close its fd a
 * second time — possibly another socket's by then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sl-errno.h"
#include "sl-icmp.h"
#include "sl-socket-util.h"
#include "sl-socket.h"
#include "sl-utils.h"

#define CONTROL_SIZE 512

typedef struct {
  GSource       source;
  gpointer      tag;
  GIOCondition  events;
} WatchSource;

struct _SlSocket
{
  GObject                 parent_instance;

  int                     fd;
  int                     family;
  int                     sock_type;
  int                     protocol;
  GSocket                *gsocket;       /* when GIO made it */
  SlTrace                *trace;

  GSource                *watch;
  GMainContext           *context;
  gboolean                reading;
  const SlSocketHandler  *handler;
  gpointer                handler_data;

  GQueue                  queue;         /* GBytes */
  gsize                   head_offset;
  gsize                   queued;
  guint64                 bytes_sent;    /* through the queue */
  gsize                   max_queued;
  gboolean                record_data;   /* keep what send () sends in its trace row */

  GTask                  *connect_task;  /* a connect in progress */
};

typedef struct {
  gint64   start_us;
  guint    timeout_ms;
  GSource *timeout;
  gulong   cancelled_id;
} ConnectWait;

G_DEFINE_FINAL_TYPE (SlSocket, sl_socket, G_TYPE_OBJECT)

static void update_watch (SlSocket *self);

/* ---- recording ---------------------------------------------------------------------- */

static void
record_init (SlSocket      *self,
             SlTraceRecord *record,
             SlTraceCall    call,
             gint64         result,
             int            errsv)
{
  *record = (SlTraceRecord) SL_TRACE_RECORD_INIT (call);
  record->fd = self->fd;
  record->family = self->family;
  record->sock_type = self->sock_type;
  record->protocol = self->protocol;
  record->result = result;
  record->errsv = result < 0 ? errsv : 0;
}

/* For calls with nothing but the descriptor and maybe one number. */
static void
record_simple (SlSocket    *self,
               SlTraceCall  call,
               int          value,
               gint64       result,
               int          errsv)
{
  SlTraceRecord record;

  record_init (self, &record, call, result, errsv);
  record.value = value;
  sl_trace_append (self->trace, &record);
}

static void
record_address_call (SlSocket              *self,
                     SlTraceCall            call,
                     const struct sockaddr *address,
                     socklen_t              length,
                     gint64                 result,
                     int                    errsv)
{
  SlTraceRecord record;

  record_init (self, &record, call, result, errsv);
  record.address = address;
  record.address_len = length;
  sl_trace_append (self->trace, &record);
}

static int
errno_of (int result)
{
  return result < 0 ? errno : 0;
}

/* ---- the watch ---------------------------------------------------------------------- */

static gboolean
watch_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  WatchSource *watch = (WatchSource *) source;
  GIOCondition revents = g_source_query_unix_fd (source, watch->tag);

  return ((gboolean (*) (GIOCondition, gpointer)) (void (*) (void)) callback) (revents, user_data);
}

static GSourceFuncs watch_funcs = {
  .dispatch = watch_dispatch,
};

static GIOCondition
wanted_events (SlSocket *self)
{
  GIOCondition events = 0;

  if (self->reading)
    events |= G_IO_IN;
  if (self->queued > 0 || !g_queue_is_empty (&self->queue) || self->connect_task != NULL)
    events |= G_IO_OUT;
  return events;
}

static void flush_queue (SlSocket *self);
static void connect_writable (SlSocket *self);

static gboolean
watch_cb (GIOCondition  revents,
          gpointer      user_data)
{
  g_autoptr(SlSocket) self = g_object_ref (user_data);

  if (self->connect_task != NULL)
    {
      if (revents & (G_IO_OUT | G_IO_ERR | G_IO_HUP))
        connect_writable (self);
      return self->watch != NULL ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
    }
  if ((revents & G_IO_OUT) && !g_queue_is_empty (&self->queue))
    flush_queue (self);
  if (self->fd >= 0 && self->handler != NULL && self->handler->ready != NULL &&
      (revents & (G_IO_ERR | G_IO_HUP | (self->reading ? G_IO_IN : 0))))
    self->handler->ready (self, revents, self->handler_data);
  return self->watch != NULL ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
ensure_watch (SlSocket *self)
{
  WatchSource *watch;

  if (self->watch != NULL || self->fd < 0)
    return;
  self->watch = g_source_new (&watch_funcs, sizeof (WatchSource));
  watch = (WatchSource *) self->watch;
  watch->events = wanted_events (self);
  watch->tag = g_source_add_unix_fd (self->watch, self->fd, watch->events);
  /* No reference: closing destroys the watch first. */
  g_source_set_callback (self->watch, (GSourceFunc) (void (*) (void)) watch_cb, self, NULL);
  g_source_set_static_name (self->watch, "[socketlab] socket");
  g_source_attach (self->watch, self->context);
}

static void
update_watch (SlSocket *self)
{
  GIOCondition events = wanted_events (self);
  WatchSource *watch;

  if (self->fd < 0)
    return;
  if (self->watch == NULL)
    {
      /* Without a handler nobody hears errors: watch only for what the socket itself does. */
      if (events != 0 || self->handler != NULL)
        ensure_watch (self);
      return;
    }
  watch = (WatchSource *) self->watch;
  if (watch->events == events)
    return;
  watch->events = events;
  g_source_modify_unix_fd (self->watch, watch->tag, events);
}

void
sl_socket_set_handler (SlSocket              *self,
                       const SlSocketHandler *handler,
                       gpointer               user_data)
{
  g_return_if_fail (SL_IS_SOCKET (self));

  self->handler = handler;
  self->handler_data = user_data;
  update_watch (self);
}

void
sl_socket_set_reading (SlSocket *self,
                       gboolean  reading)
{
  g_return_if_fail (SL_IS_SOCKET (self));

  self->reading = !!reading;
  update_watch (self);
}

gboolean
sl_socket_get_reading (SlSocket *self)
{
  g_return_val_if_fail (SL_IS_SOCKET (self), FALSE);
  return self->reading;
}

/* ---- creation ----------------------------------------------------------------------- */

static SlSocket *
socket_new (int      fd,
            int      family,
            int      type,
            int      protocol,
            SlTrace *trace)
{
  SlSocket *self = g_object_new (SL_TYPE_SOCKET, NULL);
  socklen_t length = sizeof protocol;

  self->fd = fd;
  self->family = family;
  self->sock_type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  /* 0 asks for the default protocol; the kernel says which it chose. */
  if (protocol == 0 && getsockopt (fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &length) < 0)
    protocol = 0;
  self->protocol = protocol;
  self->trace = trace != NULL ? g_object_ref (trace) : NULL;
  self->context = g_main_context_ref_thread_default ();
  return self;
}

SlSocket *
sl_socket_open (int      family,
                int      type,
                int      protocol,
                SlTrace *trace,
                int     *out_errno)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_SOCKET);
  int full_type = type | SOCK_NONBLOCK | SOCK_CLOEXEC;
  int fd, errsv;

  g_return_val_if_fail (trace == NULL || SL_IS_TRACE (trace), NULL);

  fd = socket (family, full_type, protocol);
  errsv = errno_of (fd);
  record.family = family;
  record.sock_type = full_type;
  record.protocol = protocol;
  record.result = fd;
  record.errsv = errsv;
  sl_trace_append (trace, &record);
  if (out_errno != NULL)
    *out_errno = errsv;
  if (fd < 0)
    return NULL;
  return socket_new (fd, family, type, protocol, trace);
}

SlSocket *
sl_socket_new_for_gsocket (GSocket *gsocket,
                           SlTrace *trace)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (SL_TRACE_CALL_SOCKET);
  int family = g_socket_get_family (gsocket) == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;
  /* GSocketType has the values of SOCK_STREAM and SOCK_DGRAM; GIO adds SOCK_CLOEXEC. */
  int type = (int) g_socket_get_socket_type (gsocket);
  SlSocket *self;

  g_return_val_if_fail (G_IS_SOCKET (gsocket), NULL);

  record.family = family;
  record.sock_type = type | SOCK_CLOEXEC;
  record.protocol = g_socket_get_protocol (gsocket);
  record.result = g_socket_get_fd (gsocket);
  /* Translators: GIO is GLib's I/O library and GSocketClient its class: keep both names. */
  record.detail = _("made by GIO’s GSocketClient");
  sl_trace_append (trace, &record);

  self = socket_new (g_socket_get_fd (gsocket), family, type, g_socket_get_protocol (gsocket), trace);
  self->gsocket = g_object_ref (gsocket);
  return self;
}

int
sl_socket_get_fd (SlSocket *self)
{
  g_return_val_if_fail (SL_IS_SOCKET (self), -1);
  return self->fd;
}

int
sl_socket_get_family (SlSocket *self)
{
  g_return_val_if_fail (SL_IS_SOCKET (self), AF_UNSPEC);
  return self->family;
}

int
sl_socket_get_sock_type (SlSocket *self)
{
  g_return_val_if_fail (SL_IS_SOCKET (self), 0);
  return self->sock_type;
}

int
sl_socket_get_protocol (SlSocket *self)
{
  g_return_val_if_fail (SL_IS_SOCKET (self), 0);
  return self->protocol;
}

gboolean
sl_socket_is_closed (SlSocket *self)
{
  g_return_val_if_fail (SL_IS_SOCKET (self), TRUE);
  return self->fd < 0;
}

SlTrace *
sl_socket_get_trace (SlSocket *self)
{
  g_return_val_if_fail (SL_IS_SOCKET (self), NULL);
  return self->trace;
}

/* ---- options, bind, listen, accept -------------------------------------------------- */

int
sl_socket_setsockopt_int (SlSocket *self,
                          int       level,
                          int       option,
                          int       value)
{
  SlTraceRecord record;
  int result, errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), EBADF);

  result = setsockopt (self->fd, level, option, &value, sizeof value);
  errsv = errno_of (result);
  record_init (self, &record, SL_TRACE_CALL_SETSOCKOPT, result, errsv);
  record.level = level;
  record.option = option;
  record.value = value;
  sl_trace_append (self->trace, &record);
  return errsv;
}

int
sl_socket_setsockopt (SlSocket   *self,
                      int         level,
                      int         option,
                      const void *value,
                      socklen_t   length,
                      const char *what)
{
  SlTraceRecord record;
  int result, errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), EBADF);

  result = setsockopt (self->fd, level, option, value, length);
  errsv = errno_of (result);
  record_init (self, &record, SL_TRACE_CALL_SETSOCKOPT, result, errsv);
  record.level = level;
  record.option = option;
  record.detail = what;
  sl_trace_append (self->trace, &record);
  return errsv;
}

int
sl_socket_getsockopt_int (SlSocket *self,
                          int       level,
                          int       option,
                          int      *value)
{
  SlTraceRecord record;
  socklen_t length = sizeof *value;
  int result, errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), EBADF);
  g_return_val_if_fail (value != NULL, EINVAL);

  *value = 0;
  result = getsockopt (self->fd, level, option, value, &length);
  errsv = errno_of (result);
  record_init (self, &record, SL_TRACE_CALL_GETSOCKOPT, result, errsv);
  record.level = level;
  record.option = option;
  if (result == 0 && level == SOL_SOCKET && option == SO_ERROR)
    record.errsv = *value;   /* the pending error is what SO_ERROR is read for */
  else if (result == 0)
    record.value = *value;
  sl_trace_append (self->trace, &record);
  return errsv;
}

int
sl_socket_get_tcp_rtt (SlSocket *self,
                       gint64   *rtt_us)
{
  struct tcp_info info;
  socklen_t length = sizeof info;
  g_autofree char *detail = NULL;
  SlTraceRecord record;
  int result, errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), EBADF);

  result = getsockopt (self->fd, IPPROTO_TCP, TCP_INFO, &info, &length);
  errsv = errno_of (result);
  *rtt_us = result == 0 ? info.tcpi_rtt : 0;
  record_init (self, &record, SL_TRACE_CALL_GETSOCKOPT, result, errsv);
  record.level = IPPROTO_TCP;
  record.option = TCP_INFO;
  if (result == 0)
    detail = g_strdup_printf ("tcpi_rtt=%u µs", info.tcpi_rtt);
  record.detail = detail;
  sl_trace_append (self->trace, &record);
  return errsv;
}

int
sl_socket_bind (SlSocket              *self,
                const struct sockaddr *address,
                socklen_t              length)
{
  int result, errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), EBADF);

  result = bind (self->fd, address, length);
  errsv = errno_of (result);
  record_address_call (self, SL_TRACE_CALL_BIND, address, length, result, errsv);
  return errsv;
}

int
sl_socket_listen (SlSocket *self,
                  int       backlog)
{
  int result, errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), EBADF);

  result = listen (self->fd, backlog);
  errsv = errno_of (result);
  record_simple (self, SL_TRACE_CALL_LISTEN, backlog, result, errsv);
  return errsv;
}

int
sl_socket_getsockname (SlSocket                *self,
                       struct sockaddr_storage *address,
                       socklen_t               *length)
{
  int result, errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), EBADF);

  *length = sizeof *address;
  result = getsockname (self->fd, (struct sockaddr *) address, length);
  errsv = errno_of (result);
  record_address_call (self, SL_TRACE_CALL_GETSOCKNAME, (struct sockaddr *) address,
                       result == 0 ? *length : 0, result, errsv);
  return errsv;
}

SlSocket *
sl_socket_accept (SlSocket                *self,
                  struct sockaddr_storage *peer,
                  socklen_t               *peer_length,
                  int                     *out_errno)
{
  SlTraceRecord record;
  int fd, errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), NULL);

  do
    {
      *peer_length = sizeof *peer;
      fd = accept4 (self->fd, (struct sockaddr *) peer, peer_length, SOCK_NONBLOCK | SOCK_CLOEXEC);
      errsv = errno_of (fd);
    }
  while (fd < 0 && errsv == EINTR);
  if (out_errno != NULL)
    *out_errno = errsv;
  if (fd < 0 && (errsv == EAGAIN || errsv == EWOULDBLOCK))
    return NULL;

  record_init (self, &record, SL_TRACE_CALL_ACCEPT, fd, errsv);
  record.flags = SOCK_NONBLOCK | SOCK_CLOEXEC;
  if (fd >= 0)
    {
      record.address = (struct sockaddr *) peer;
      record.address_len = *peer_length;
    }
  sl_trace_append (self->trace, &record);
  if (fd < 0)
    return NULL;
  return socket_new (fd, self->family, self->sock_type, self->protocol, self->trace);
}

/* ---- connect ------------------------------------------------------------------------ */

int
sl_socket_connect (SlSocket              *self,
                   const struct sockaddr *address,
                   socklen_t              length)
{
  int result, errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), EBADF);

  result = connect (self->fd, address, length);
  errsv = errno_of (result);
  record_address_call (self, SL_TRACE_CALL_CONNECT, address, length, result, errsv);
  return errsv;
}

static void
connect_wait_free (ConnectWait *wait)
{
  sl_clear_source (&wait->timeout);
  g_free (wait);
}

static void
finish_connect (SlSocket *self,
                int       errsv)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);
  ConnectWait *wait = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  sl_clear_source (&wait->timeout);
  if (wait->cancelled_id != 0)
    g_cancellable_disconnect (cancellable, wait->cancelled_id);
  wait->cancelled_id = 0;
  update_watch (self);
  if (errsv == ECANCELED)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Connecting was cancelled"));
  else
    g_task_return_int (task, errsv);
}

/* The pending error of a non-blocking connect, read the way Python's connect_ex () does. */
static void
connect_writable (SlSocket *self)
{
  int pending = 0;
  int errsv = sl_socket_getsockopt_int (self, SOL_SOCKET, SO_ERROR, &pending);

  finish_connect (self, errsv != 0 ? errsv : pending);
}

static gboolean
connect_timed_out_cb (gpointer user_data)
{
  SlSocket *self = user_data;
  ConnectWait *wait = g_task_get_task_data (self->connect_task);
  SlTraceRecord record;

  g_clear_pointer (&wait->timeout, g_source_unref);
  /* The main loop polled the socket all that time without an answer, as Python's poll () would. */
  record_init (self, &record, SL_TRACE_CALL_POLL, 0, 0);
  record.value = wait->timeout_ms;
  record.flags = G_IO_OUT;
  record.duration_us = g_get_monotonic_time () - wait->start_us;
  sl_trace_append (self->trace, &record);
  finish_connect (self, ETIMEDOUT);
  return G_SOURCE_REMOVE;
}

static gboolean
connect_cancelled_idle_cb (gpointer user_data)
{
  SlSocket *self = user_data;

  if (self->connect_task != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (self->connect_task)))
    finish_connect (self, ECANCELED);
  return G_SOURCE_REMOVE;
}

/* May run in another thread, and must not disconnect itself: finish from an idle. */
static void
connect_cancelled_cb (GCancellable *cancellable,
                      SlSocket     *self)
{
  GSource *idle = g_idle_source_new ();

  g_source_set_callback (idle, connect_cancelled_idle_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (idle, "[socketlab] connect cancelled");
  g_source_attach (idle, self->context);
  g_source_unref (idle);
}

void
sl_socket_connect_async (SlSocket              *self,
                         const struct sockaddr *address,
                         socklen_t              length,
                         guint                  timeout_ms,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ConnectWait *wait;
  int errsv;

  g_return_if_fail (SL_IS_SOCKET (self));
  g_return_if_fail (self->connect_task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_socket_connect_async);
  wait = g_new0 (ConnectWait, 1);
  wait->start_us = g_get_monotonic_time ();
  wait->timeout_ms = timeout_ms;
  g_task_set_task_data (task, wait, (GDestroyNotify) connect_wait_free);

  if (g_task_return_error_if_cancelled (task))
    return;
  errsv = sl_socket_connect (self, address, length);
  if (errsv != EINPROGRESS)
    {
      g_task_return_int (task, errsv);
      return;
    }

  self->connect_task = g_steal_pointer (&task);
  if (timeout_ms > 0)
    {
      wait->timeout = g_timeout_source_new (timeout_ms);
      g_source_set_callback (wait->timeout, connect_timed_out_cb, self, NULL);
      g_source_set_static_name (wait->timeout, "[socketlab] connect timeout");
      g_source_attach (wait->timeout, self->context);
    }
  if (cancellable != NULL)
    wait->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (connect_cancelled_cb), self, NULL);
  update_watch (self);
}

gboolean
sl_socket_connect_finish (SlSocket      *self,
                          GAsyncResult  *result,
                          int           *out_errno,
                          gint64        *out_elapsed_us,
                          GError       **error)
{
  ConnectWait *wait;
  gssize errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_socket_connect_async, FALSE);

  wait = g_task_get_task_data (G_TASK (result));
  if (out_elapsed_us != NULL)
    *out_elapsed_us = g_get_monotonic_time () - wait->start_us;
  errsv = g_task_propagate_int (G_TASK (result), error);
  if (errsv < 0)
    return FALSE;
  if (out_errno != NULL)
    *out_errno = (int) errsv;
  return TRUE;
}

void
sl_socket_record_gio_connect (SlSocket       *self,
                              GSocketAddress *address,
                              int             errsv,
                              gint64          elapsed_us)
{
  struct sockaddr_storage native;
  g_autofree char *detail = NULL;
  SlTraceRecord record;

  g_return_if_fail (SL_IS_SOCKET (self));
  g_return_if_fail (G_IS_SOCKET_ADDRESS (address));

  if (!g_socket_address_to_native (address, &native, sizeof native, NULL))
    return;
  if (errsv == ETIMEDOUT)
    /* Translators: the way GIO made this connect (): keep GIO as it is. */
    detail = g_strdup_printf (_("by GIO, non-blocking: no answer within %.1f s, GIO stopped waiting"),
                              elapsed_us / 1e6);
  else if (errsv == ECANCELED)
    detail = g_strdup_printf (_("by GIO, non-blocking: cancelled after %.2f ms, before an answer came"),
                              elapsed_us / 1000.0);
  else if (errsv == 0)
    detail = g_strdup_printf (_("by GIO, non-blocking: connected after %.2f ms"), elapsed_us / 1000.0);
  else
    detail = g_strdup_printf (_("by GIO, non-blocking: failed after %.2f ms"), elapsed_us / 1000.0);
  record_init (self, &record, SL_TRACE_CALL_CONNECT, errsv != 0 ? -1 : 0, errsv);
  record.address = (struct sockaddr *) &native;
  record.address_len = g_socket_address_get_native_size (address);
  record.detail = detail;
  record.duration_us = elapsed_us;
  sl_trace_append (self->trace, &record);
}

/* ---- send and receive --------------------------------------------------------------- */

static void
record_transfer (SlSocket              *self,
                 SlTraceCall            call,
                 const void            *data,
                 gsize                  length,
                 int                    flags,
                 const struct sockaddr *address,
                 socklen_t              address_length,
                 gssize                 result,
                 int                    errsv)
{
  SlTraceRecord record;
  gboolean receiving = call == SL_TRACE_CALL_RECV || call == SL_TRACE_CALL_RECVFROM;

  record_init (self, &record, call, result, errsv);
  record.size = length;
  record.flags = flags;
  record.address = result >= 0 || !receiving ? address : NULL;
  record.address_len = record.address != NULL ? address_length : 0;
  if (!self->record_data)
    ;
  else if (!receiving)
    {
      record.data = data;
      record.data_len = length;
    }
  else if (result > 0)
    {
      record.data = data;
      record.data_len = result;
    }
  sl_trace_append (self->trace, &record);
}

gssize
sl_socket_send (SlSocket   *self,
                const void *data,
                gsize       length,
                int         flags,
                int        *out_errno)
{
  gssize n;
  int errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), -1);

  do
    {
      n = send (self->fd, data, length, flags);
      errsv = errno_of (n);
    }
  while (n < 0 && errsv == EINTR);
  if (out_errno != NULL)
    *out_errno = errsv;
  if (n < 0 && (errsv == EAGAIN || errsv == EWOULDBLOCK))
    return -1;
  record_transfer (self, SL_TRACE_CALL_SEND, data, length, flags, NULL, 0, n, errsv);
  return n;
}

gssize
sl_socket_sendto (SlSocket              *self,
                  const void            *data,
                  gsize                  length,
                  int                    flags,
                  const struct sockaddr *to,
                  socklen_t              to_length,
                  int                   *out_errno)
{
  gssize n;
  int errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), -1);

  do
    {
      n = sendto (self->fd, data, length, flags, to, to_length);
      errsv = errno_of (n);
    }
  while (n < 0 && errsv == EINTR);
  if (out_errno != NULL)
    *out_errno = errsv;
  if (n < 0 && (errsv == EAGAIN || errsv == EWOULDBLOCK))
    return -1;
  record_transfer (self, SL_TRACE_CALL_SENDTO, data, length, flags, to, to_length, n, errsv);
  return n;
}

gssize
sl_socket_recv (SlSocket *self,
                void     *buffer,
                gsize     size,
                int       flags,
                int      *out_errno)
{
  gssize n;
  int errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), -1);

  do
    {
      n = recv (self->fd, buffer, size, flags);
      errsv = errno_of (n);
    }
  while (n < 0 && errsv == EINTR);
  if (out_errno != NULL)
    *out_errno = errsv;
  if (n < 0 && (errsv == EAGAIN || errsv == EWOULDBLOCK))
    return -1;
  record_transfer (self, SL_TRACE_CALL_RECV, buffer, size, flags, NULL, 0, n, errsv);
  return n;
}

gssize
sl_socket_recvfrom (SlSocket                *self,
                    void                    *buffer,
                    gsize                    size,
                    int                      flags,
                    struct sockaddr_storage *from,
                    socklen_t               *from_length,
                    int                     *out_errno)
{
  gssize n;
  int errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), -1);

  do
    {
      *from_length = sizeof *from;
      n = recvfrom (self->fd, buffer, size, flags, (struct sockaddr *) from, from_length);
      errsv = errno_of (n);
    }
  while (n < 0 && errsv == EINTR);
  if (out_errno != NULL)
    *out_errno = errsv;
  if (n < 0 && (errsv == EAGAIN || errsv == EWOULDBLOCK))
    return -1;
  record_transfer (self, SL_TRACE_CALL_RECVFROM, buffer, size, flags, (struct sockaddr *) from,
                   *from_length, n, errsv);
  return n;
}

static void
read_control (struct msghdr   *msg,
              SlSocketMessage *message)
{
  for (struct cmsghdr *c = CMSG_FIRSTHDR (msg); c != NULL; c = CMSG_NXTHDR (msg, c))
    {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS)
        {
          struct timespec ts;

          memcpy (&ts, CMSG_DATA (c), sizeof ts);
          message->kernel_time_ns = (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
        }
      else if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) ||
               (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_HOPLIMIT))
        memcpy (&message->ttl, CMSG_DATA (c), sizeof (int));
      else if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR) ||
               (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR))
        {
          const struct sock_extended_err *ee = (const struct sock_extended_err *) CMSG_DATA (c);
          const struct sockaddr *offender = SO_EE_OFFENDER (ee);

          memcpy (&message->error, ee, sizeof message->error);
          message->has_error = TRUE;
          if (offender->sa_family == AF_INET || offender->sa_family == AF_INET6)
            {
              message->offender_len = sl_sockaddr_get_length (offender->sa_family);
              memcpy (&message->offender, offender, message->offender_len);
            }
        }
    }
}

/* "ICMP time exceeded from 10.0.0.1" / "local error EMSGSIZE, MTU 1280" */
static char *
describe_queued_error (SlSocket        *self,
                       SlSocketMessage *message)
{
  const struct sock_extended_err *ee = &message->error;
  g_autofree char *from = message->offender_len > 0 ? sl_sockaddr_to_host (&message->offender) : NULL;
  g_autofree char *what = NULL;

  if (ee->ee_origin == SO_EE_ORIGIN_ICMP || ee->ee_origin == SO_EE_ORIGIN_ICMP6)
    {
      what = sl_icmp_describe_error (self->family == AF_INET6 ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4,
                                     ee->ee_type, ee->ee_code, ee->ee_info);
      /* Translators: the first %s is the ICMP error as ping prints it ("Time to live exceeded"),
       * not translated; the second the router's address. */
      return g_strdup_printf (_("ICMP “%s” from %s"), what, from != NULL ? from : "?");
    }
  if (ee->ee_errno == EMSGSIZE)
    /* Translators: an error the kernel found itself, not an ICMP message; EMSGSIZE is the errno's
     * name: keep it as it is. */
    return g_strdup_printf (_("local error EMSGSIZE: path MTU %u"), ee->ee_info);
  /* Translators: %s is the errno's name, like EMSGSIZE. */
  return g_strdup_printf (_("local error %s"), sl_errno_name (ee->ee_errno) != NULL
                                                 ? sl_errno_name (ee->ee_errno) : "?");
}

gssize
sl_socket_recvmsg (SlSocket        *self,
                   void            *buffer,
                   gsize            size,
                   int              flags,
                   SlSocketMessage *message,
                   int             *out_errno)
{
  char control[CONTROL_SIZE];
  struct iovec iov = { buffer, size };
  struct msghdr msg = { 0 };
  g_autofree char *detail = NULL;
  SlTraceRecord record;
  gssize n;
  int errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), -1);
  g_return_val_if_fail (message != NULL, -1);

  do
    {
      memset (message, 0, sizeof *message);
      message->ttl = -1;
      msg.msg_name = &message->from;
      msg.msg_namelen = sizeof message->from;
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      msg.msg_control = control;
      msg.msg_controllen = sizeof control;
      n = recvmsg (self->fd, &msg, flags | MSG_DONTWAIT);
      errsv = errno_of (n);
    }
  while (n < 0 && errsv == EINTR);
  if (out_errno != NULL)
    *out_errno = errsv;
  if (n < 0 && (errsv == EAGAIN || errsv == EWOULDBLOCK))
    return -1;

  if (n >= 0)
    {
      message->from_len = msg.msg_namelen;
      read_control (&msg, message);
    }
  record_init (self, &record, SL_TRACE_CALL_RECVMSG, n, errsv);
  record.size = size;
  record.flags = flags;
  if (n >= 0 && message->from_len > 0 && message->from.ss_family != AF_UNSPEC)
    {
      record.address = (struct sockaddr *) &message->from;
      record.address_len = message->from_len;
    }
  if (message->has_error)
    {
      detail = describe_queued_error (self, message);
      record.detail = detail;
    }
  record.ttl = message->ttl;
  record.timestamp_ns = message->kernel_time_ns;
  sl_trace_append (self->trace, &record);
  return n;
}

int
sl_socket_shutdown (SlSocket *self,
                    int       how)
{
  int result, errsv;

  g_return_val_if_fail (SL_IS_SOCKET (self), EBADF);

  result = shutdown (self->fd, how);
  errsv = errno_of (result);
  record_simple (self, SL_TRACE_CALL_SHUTDOWN, how, result, errsv);
  return errsv;
}

void
sl_socket_close (SlSocket *self)
{
  g_autoptr(GError) error = NULL;
  int result, errsv = 0;

  g_return_if_fail (SL_IS_SOCKET (self));

  if (self->fd < 0)
    return;
  /* The queue first: dropping it updates the watch, which must then go for good. */
  sl_socket_drop_queue (self);
  sl_clear_source (&self->watch);
  if (self->gsocket != NULL)
    {
      /* GIO may have closed a failed attempt itself: then there is no call to record. */
      if (g_socket_is_closed (self->gsocket))
        result = 1;
      else
        {
          result = g_socket_close (self->gsocket, &error) ? 0 : -1;
          errsv = sl_errno_from_error (error);
        }
    }
  else
    {
      result = close (self->fd);
      errsv = errno_of (result);
    }
  if (result <= 0)
    record_simple (self, SL_TRACE_CALL_CLOSE, -1, result, errsv);
  self->fd = -1;
  if (self->connect_task != NULL)
    finish_connect (self, ECANCELED);
}

void
sl_clear_socket (SlSocket **socket)
{
  if (*socket == NULL)
    return;
  sl_socket_set_handler (*socket, NULL, NULL);
  sl_socket_close (*socket);
  g_clear_object (socket);
}

/* ---- the send queue ----------------------------------------------------------------- */

static gboolean
is_datagram (SlSocket *self)
{
  return self->sock_type != SOCK_STREAM;
}

/* Pops the head, forgetting whatever of it has not left. */
static void
pop_head (SlSocket *self,
          gboolean  sent)
{
  g_autoptr(GBytes) head = g_queue_pop_head (&self->queue);

  self->queued -= g_bytes_get_size (head) - self->head_offset;
  self->head_offset = 0;
  if (sent && self->handler != NULL && self->handler->sent != NULL)
    self->handler->sent (self, head, self->handler_data);
}

/* One send () of what is left of the head; FALSE when nothing more can go now. */
static gboolean
send_head (SlSocket *self)
{
  GBytes *head = g_queue_peek_head (&self->queue);
  gsize size;
  const guint8 *data = g_bytes_get_data (head, &size);
  gssize n;
  int errsv;

  n = sl_socket_send (self, data + self->head_offset, size - self->head_offset, MSG_NOSIGNAL, &errsv);
  if (n < 0 && (errsv == EAGAIN || errsv == EWOULDBLOCK))
    return FALSE;
  if (n < 0)
    {
      g_autoptr(GBytes) failed = g_bytes_ref (head);
      gboolean go_on;

      pop_head (self, FALSE);
      go_on = self->handler != NULL && self->handler->send_failed != NULL &&
              self->handler->send_failed (self, failed, errsv, self->handler_data);
      if (!go_on)
        sl_socket_drop_queue (self);
      return go_on;
    }
  self->head_offset += n;
  self->queued -= n;
  self->bytes_sent += n;
  /* A datagram leaves whole or not at all. */
  if (self->head_offset == size || is_datagram (self))
    pop_head (self, TRUE);
  return TRUE;
}

static void
flush_queue (SlSocket *self)
{
  gsize before = self->queued;
  g_autoptr(SlSocket) hold = g_object_ref (self);

  while (self->fd >= 0 && !g_queue_is_empty (&self->queue) && send_head (self))
    ;
  update_watch (self);
  if (self->queued != before && self->handler != NULL && self->handler->flushed != NULL)
    self->handler->flushed (self, self->handler_data);
}

void
sl_socket_enqueue (SlSocket *self,
                   GBytes   *bytes)
{
  g_return_if_fail (SL_IS_SOCKET (self));
  g_return_if_fail (bytes != NULL);

  if (self->fd < 0)
    return;
  g_queue_push_tail (&self->queue, g_bytes_ref (bytes));
  self->queued += g_bytes_get_size (bytes);
  if (self->connect_task == NULL && g_queue_get_length (&self->queue) == 1)
    flush_queue (self);
  else
    update_watch (self);
}

void
sl_socket_flush (SlSocket *self)
{
  g_return_if_fail (SL_IS_SOCKET (self));

  if (self->connect_task == NULL)
    flush_queue (self);
}

gsize
sl_socket_get_queued (SlSocket *self)
{
  g_return_val_if_fail (SL_IS_SOCKET (self), 0);
  return self->queued;
}

gsize
sl_socket_get_max_queued (SlSocket *self)
{
  g_return_val_if_fail (SL_IS_SOCKET (self), 0);
  return self->max_queued;
}

void
sl_socket_set_max_queued (SlSocket *self,
                          gsize     max_queued)
{
  g_return_if_fail (SL_IS_SOCKET (self));
  self->max_queued = MAX (max_queued, 1);
}

gsize
sl_socket_get_room (SlSocket *self)
{
  g_return_val_if_fail (SL_IS_SOCKET (self), 0);
  return self->queued < self->max_queued ? self->max_queued - self->queued : 0;
}

void
sl_socket_set_record_data (SlSocket *self,
                           gboolean  record_data)
{
  g_return_if_fail (SL_IS_SOCKET (self));
  self->record_data = !!record_data;
}

guint64
sl_socket_get_bytes_sent (SlSocket *self)
{
  g_return_val_if_fail (SL_IS_SOCKET (self), 0);
  return self->bytes_sent;
}

gsize
sl_socket_drop_queue (SlSocket *self)
{
  gsize dropped;

  g_return_val_if_fail (SL_IS_SOCKET (self), 0);

  dropped = self->queued;
  g_queue_clear_full (&self->queue, (GDestroyNotify) g_bytes_unref);
  self->queued = 0;
  self->head_offset = 0;
  update_watch (self);
  return dropped;
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
sl_socket_finalize (GObject *object)
{
  SlSocket *self = SL_SOCKET (object);

  sl_socket_close (self);
  g_clear_object (&self->gsocket);
  g_clear_object (&self->trace);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (sl_socket_parent_class)->finalize (object);
}

static void
sl_socket_class_init (SlSocketClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_socket_finalize;
}

static void
sl_socket_init (SlSocket *self)
{
  self->fd = -1;
  self->max_queued = G_MAXSIZE;
  self->record_data = TRUE;
  g_queue_init (&self->queue);
}
