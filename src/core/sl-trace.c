/* sl-trace.c: a bounded GListModel of socket calls really performed, as structured events.
 *
 * Repetition is folded so that a fast ping or a flood stays readable and small: when the
 * newest calls form a cycle (period 1 to 4: "recv" again and again, or "sendto, recvmsg"),
 * each further call of the cycle only counts on the row of its first occurrence. The rows
 * then read "sendto … ×120" / "recvmsg … ×120": the cycle really happened that many times,
 * in that order. Anything that breaks the cycle starts new rows, so nothing is reordered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netdb.h>
#include <string.h>

#include "sl-errno.h"
#include "sl-socket-util.h"
#include "sl-trace.h"
#include "sl-utils.h"

#define MAX_PERIOD           4
#define COUNT_NOTIFY_MS      100
#define SHOWN_DATA_BYTES     32
#define EVENT_OVERHEAD       64

struct _SlTraceEvent
{
  GObject                  parent_instance;

  SlTraceCall              call;
  int                      fd;
  int                      family;
  int                      sock_type;
  int                      protocol;
  int                      level;
  int                      option;
  int                      value;
  int                      flags;
  gsize                    size;
  struct sockaddr_storage  address;
  socklen_t                address_len;
  char                    *address_host;     /* made on first use */
  GBytes                  *data;
  gboolean                 data_truncated;
  char                    *host;
  guint                    port;
  int                      ttl;
  gint64                   timestamp_ns;
  char                    *detail;
  gint64                   result;
  int                      errsv;
  gint64                   time_us;
  gint64                   real_time_us;
  gint64                   duration_us;
  guint64                  count;
  guint                    cycle_length;    /* rows of the cycle it repeats in, 0: none */
  gint64                   last_time_us;
};

struct _SlTrace
{
  SlRing        parent_instance;

  gsize         max_data;
  guint64       n_calls;
  /* The newest rows, oldest first, and the cycle they may form (period 0: none). */
  SlTraceEvent *recent[MAX_PERIOD];
  guint         n_recent;
  guint         period;
  guint         cycle_pos;
  /* Rows whose count changed since the last notify, and the timer that notifies them. */
  GPtrArray    *dirty;
  GSource      *notify_source;
};

enum {
  EVENT_PROP_0,
  EVENT_PROP_COUNT,
  EVENT_N_PROPS
};

static GParamSpec *event_properties[EVENT_N_PROPS];

G_DEFINE_FINAL_TYPE (SlTraceEvent, sl_trace_event, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (SlTrace, sl_trace, SL_TYPE_RING)

static const char * const call_names[] = {
  [SL_TRACE_CALL_GETADDRINFO] = "getaddrinfo",
  [SL_TRACE_CALL_GETNAMEINFO] = "getnameinfo",
  [SL_TRACE_CALL_INET_PTON] = "inet_pton",
  [SL_TRACE_CALL_INET_ATON] = "inet_aton",
  [SL_TRACE_CALL_SOCKET] = "socket",
  [SL_TRACE_CALL_SETSOCKOPT] = "setsockopt",
  [SL_TRACE_CALL_GETSOCKOPT] = "getsockopt",
  [SL_TRACE_CALL_BIND] = "bind",
  [SL_TRACE_CALL_LISTEN] = "listen",
  [SL_TRACE_CALL_ACCEPT] = "accept",
  [SL_TRACE_CALL_CONNECT] = "connect",
  [SL_TRACE_CALL_GETSOCKNAME] = "getsockname",
  [SL_TRACE_CALL_SEND] = "send",
  [SL_TRACE_CALL_SENDTO] = "sendto",
  [SL_TRACE_CALL_RECV] = "recv",
  [SL_TRACE_CALL_RECVFROM] = "recvfrom",
  [SL_TRACE_CALL_RECVMSG] = "recvmsg",
  [SL_TRACE_CALL_POLL] = "poll",
  [SL_TRACE_CALL_SHUTDOWN] = "shutdown",
  [SL_TRACE_CALL_CLOSE] = "close",
};

const char *
sl_trace_call_to_string (SlTraceCall call)
{
  g_return_val_if_fail (call < G_N_ELEMENTS (call_names), "?");
  return call_names[call];
}

static gboolean
is_send (SlTraceCall call)
{
  return call == SL_TRACE_CALL_SEND || call == SL_TRACE_CALL_SENDTO;
}

static gboolean
is_receive (SlTraceCall call)
{
  return call == SL_TRACE_CALL_RECV || call == SL_TRACE_CALL_RECVFROM || call == SL_TRACE_CALL_RECVMSG;
}

/* ---- SlTraceEvent ------------------------------------------------------------------ */

static void
sl_trace_event_finalize (GObject *object)
{
  SlTraceEvent *self = SL_TRACE_EVENT (object);

  g_free (self->address_host);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self->host);
  g_free (self->detail);

  G_OBJECT_CLASS (sl_trace_event_parent_class)->finalize (object);
}

static void
sl_trace_event_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SlTraceEvent *self = SL_TRACE_EVENT (object);

  switch (prop_id)
    {
    case EVENT_PROP_COUNT:
      g_value_set_uint64 (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_trace_event_class_init (SlTraceEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_trace_event_finalize;
  object_class->get_property = sl_trace_event_get_property;

  event_properties[EVENT_PROP_COUNT] =
    g_param_spec_uint64 ("count", NULL, NULL, 1, G_MAXUINT64, 1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, EVENT_N_PROPS, event_properties);
}

static void
sl_trace_event_init (SlTraceEvent *self)
{
  self->count = 1;
}

/* The errno a record keeps: a call's failure, or the pending error SO_ERROR read. */
static int
kept_errno (const SlTraceRecord *record)
{
  if (record->result < 0)
    return record->errsv;
  if (record->call == SL_TRACE_CALL_GETSOCKOPT && record->option == SO_ERROR && record->level == SOL_SOCKET)
    return record->errsv;
  return 0;
}

static gsize
kept_data_length (SlTrace             *trace,
                  const SlTraceRecord *record)
{
  if (record->data == NULL)
    return 0;
  if (is_receive (record->call))
    return MIN (record->data_len, SL_TRACE_RECEIVED_PREVIEW);
  return MIN (record->data_len, trace->max_data);
}

static SlTraceEvent *
event_new (SlTrace             *trace,
           const SlTraceRecord *record,
           gint64               now_us)
{
  SlTraceEvent *self = g_object_new (SL_TYPE_TRACE_EVENT, NULL);
  gsize data_len = kept_data_length (trace, record);

  self->call = record->call;
  self->fd = record->fd;
  self->family = record->family;
  self->sock_type = record->sock_type;
  self->protocol = record->protocol;
  self->level = record->level;
  self->option = record->option;
  self->value = record->value;
  self->flags = record->flags;
  self->size = record->size;
  if (record->address != NULL && record->address_len > 0 && record->address_len <= sizeof self->address)
    {
      memcpy (&self->address, record->address, record->address_len);
      self->address_len = record->address_len;
    }
  if (record->data != NULL)
    {
      self->data = g_bytes_new (record->data, data_len);
      self->data_truncated = data_len < record->data_len;
    }
  self->host = g_strdup (record->host);
  self->port = record->port;
  self->ttl = record->ttl;
  self->timestamp_ns = record->timestamp_ns;
  self->detail = g_strdup (record->detail);
  self->result = record->result;
  self->errsv = kept_errno (record);
  self->time_us = self->last_time_us = now_us;
  self->real_time_us = g_get_real_time ();
  self->duration_us = record->duration_us;
  return self;
}

static gsize
event_size (SlTraceEvent *self)
{
  return sizeof *self + EVENT_OVERHEAD
       + (self->data != NULL ? g_bytes_get_size (self->data) : 0)
       + (self->host != NULL ? strlen (self->host) : 0)
       + (self->detail != NULL ? strlen (self->detail) : 0);
}

/* Would record be the same call as self, arguments and outcome alike? Times don't matter,
 * nor a receive's data preview (the bytes differ, the call does not). */
static gboolean
event_matches (SlTrace             *trace,
               SlTraceEvent        *self,
               const SlTraceRecord *record)
{
  if (self->call != record->call || self->fd != record->fd || self->result != record->result ||
      self->errsv != kept_errno (record) || self->size != record->size ||
      self->flags != record->flags || self->value != record->value ||
      self->option != record->option || self->level != record->level ||
      self->family != record->family || self->sock_type != record->sock_type ||
      self->protocol != record->protocol || self->port != record->port || self->ttl != record->ttl)
    return FALSE;
  if (g_strcmp0 (self->host, record->host) != 0 || g_strcmp0 (self->detail, record->detail) != 0)
    return FALSE;
  if (self->address_len != (record->address != NULL ? record->address_len : 0) ||
      (self->address_len > 0 && memcmp (&self->address, record->address, self->address_len) != 0))
    return FALSE;
  if (is_send (self->call))
    {
      gsize len = kept_data_length (trace, record);

      if ((self->data == NULL) != (record->data == NULL))
        return FALSE;
      if (self->data != NULL &&
          (g_bytes_get_size (self->data) != len || self->data_truncated != (len < record->data_len) ||
           memcmp (g_bytes_get_data (self->data, NULL), record->data, len) != 0))
        return FALSE;
    }
  return TRUE;
}

SlTraceCall
sl_trace_event_get_call (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), SL_TRACE_CALL_CLOSE);
  return self->call;
}

const char *
sl_trace_event_get_call_name (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);
  return sl_trace_call_to_string (self->call);
}

int
sl_trace_event_get_fd (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), -1);
  return self->fd;
}

int
sl_trace_event_get_family (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), AF_UNSPEC);
  return self->family;
}

int
sl_trace_event_get_sock_type (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->sock_type;
}

int
sl_trace_event_get_protocol (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->protocol;
}

int
sl_trace_event_get_level (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), -1);
  return self->level;
}

int
sl_trace_event_get_option (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), -1);
  return self->option;
}

int
sl_trace_event_get_value (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), -1);
  return self->value;
}

int
sl_trace_event_get_flags (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->flags;
}

gsize
sl_trace_event_get_size (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->size;
}

GInetSocketAddress *
sl_trace_event_dup_address (SlTraceEvent *self)
{
  GSocketAddress *address;

  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);

  if (self->address_len == 0)
    return NULL;
  address = g_socket_address_new_from_native (&self->address, self->address_len);
  if (address != NULL && !G_IS_INET_SOCKET_ADDRESS (address))
    g_clear_object (&address);
  return (GInetSocketAddress *) address;
}

const char *
sl_trace_event_get_address_host (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);

  if (self->address_len == 0)
    return NULL;
  if (self->address_host == NULL)
    self->address_host = sl_sockaddr_to_host (&self->address);
  return self->address_host;
}

guint
sl_trace_event_get_address_port (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->address_len > 0 ? sl_sockaddr_get_port (&self->address) : 0;
}

GBytes *
sl_trace_event_get_data (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);
  return self->data;
}

gboolean
sl_trace_event_get_data_truncated (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), FALSE);
  return self->data_truncated;
}

const char *
sl_trace_event_get_host (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);
  return self->host;
}

guint
sl_trace_event_get_port (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->port;
}

const char *
sl_trace_event_get_detail (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);
  return self->detail;
}

int
sl_trace_event_get_ttl (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), -1);
  return self->ttl;
}

gint64
sl_trace_event_get_timestamp_ns (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->timestamp_ns;
}

gint64
sl_trace_event_get_result (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->result;
}

int
sl_trace_event_get_errno (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->errsv;
}

gint64
sl_trace_event_get_time_us (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->time_us;
}

gint64
sl_trace_event_get_real_time_us (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->real_time_us;
}

gint64
sl_trace_event_get_duration_us (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), -1);
  return self->duration_us;
}

guint64
sl_trace_event_get_count (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 1);
  return self->count;
}

guint
sl_trace_event_get_cycle_length (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->cycle_length;
}

gint64
sl_trace_event_get_last_time_us (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), 0);
  return self->last_time_us;
}

gboolean
sl_trace_event_is_lookup_failure (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), FALSE);
  return (self->call == SL_TRACE_CALL_GETADDRINFO || self->call == SL_TRACE_CALL_GETNAMEINFO) &&
         self->result != 0 && self->errsv == 0;
}

gboolean
sl_trace_event_is_failure (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), FALSE);
  return self->result < 0 || self->errsv != 0 || sl_trace_event_is_lookup_failure (self);
}

gboolean
sl_trace_event_is_expected (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), FALSE);

  if (self->result >= 0 || self->errsv == 0)
    return FALSE;
  return (self->call == SL_TRACE_CALL_CONNECT && self->errsv == EINPROGRESS)
      || self->errsv == EAGAIN || self->errsv == EWOULDBLOCK;
}

/* ---- formatting -------------------------------------------------------------------- */

static const char *
name_or_number (const char *name,
                int         value,
                char        buffer[16])
{
  if (name != NULL)
    return name;
  g_snprintf (buffer, 16, "%d", value);
  return buffer;
}

/* Python's repr of an address tuple: ('127.0.0.1', 5000), ('::1', 5000) */
static void
append_address (GString      *text,
                SlTraceEvent *self)
{
  g_string_append_printf (text, "('%s', %u)", sl_trace_event_get_address_host (self),
                          sl_trace_event_get_address_port (self));
}

/* A Python bytes literal of at most SHOWN_DATA_BYTES, "…" and the size when cut. */
static void
append_data (GString *text,
             GBytes  *data,
             gsize    total)
{
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);
  gsize shown = MIN (len, SHOWN_DATA_BYTES);
  g_autofree char *literal = sl_bytes_to_python_literal (bytes, shown);

  g_string_append (text, literal);
  if (shown < total)
    g_string_append_printf (text, "… (%" G_GSIZE_FORMAT " bytes)", total);
}

static void
append_sent_data (GString      *text,
                  SlTraceEvent *self)
{
  if (self->data != NULL)
    append_data (text, self->data, self->size);
  else
    g_string_append_printf (text, "%" G_GSIZE_FORMAT " bytes", self->size);
}

static void
append_flags (GString *text,
              int      flags)
{
  g_autofree char *names = NULL;

  if (flags == 0)
    return;
  names = sl_msg_flags_to_string (flags);
  g_string_append_printf (text, ", %s", names);
}

static void
append_socket_args (GString      *text,
                    SlTraceEvent *self)
{
  g_autofree char *type = sl_sock_type_to_string (self->sock_type);
  char number[16];

  g_string_append_printf (text, "%s, %s, %s", sl_address_family_name (self->family), type,
                          name_or_number (sl_ip_protocol_name (self->protocol), self->protocol, number));
}

static void
append_option_args (GString      *text,
                    SlTraceEvent *self)
{
  char level[16], option[16];

  g_string_append_printf (text, "%d, %s, %s", self->fd,
                          name_or_number (sl_socket_level_name (self->level), self->level, level),
                          name_or_number (sl_socket_option_name (self->level, self->option), self->option, option));
  if (self->call == SL_TRACE_CALL_SETSOCKOPT && self->value >= 0)
    g_string_append_printf (text, ", %d", self->value);
}

static void
append_arguments (GString      *text,
                  SlTraceEvent *self)
{
  switch (self->call)
    {
    case SL_TRACE_CALL_GETADDRINFO:
      g_string_append_printf (text, "'%s', ", self->host != NULL ? self->host : "");
      if (self->port > 0)
        g_string_append_printf (text, "%u", self->port);
      else
        g_string_append (text, "None");
      break;
    case SL_TRACE_CALL_GETNAMEINFO:
      /* GResolver asks for a name and nothing else: NI_NAMEREQD. */
      append_address (text, self);
      g_string_append (text, ", NI_NAMEREQD");
      break;
    case SL_TRACE_CALL_INET_PTON:
      g_string_append_printf (text, "%s, '%s'", sl_address_family_name (self->family), self->host);
      break;
    case SL_TRACE_CALL_INET_ATON:
      g_string_append_printf (text, "'%s'", self->host);
      break;
    case SL_TRACE_CALL_SOCKET:
      append_socket_args (text, self);
      break;
    case SL_TRACE_CALL_SETSOCKOPT:
    case SL_TRACE_CALL_GETSOCKOPT:
      append_option_args (text, self);
      break;
    case SL_TRACE_CALL_BIND:
    case SL_TRACE_CALL_CONNECT:
      g_string_append_printf (text, "%d, ", self->fd);
      append_address (text, self);
      break;
    case SL_TRACE_CALL_LISTEN:
      g_string_append_printf (text, "%d, %d", self->fd, self->value);
      break;
    case SL_TRACE_CALL_ACCEPT:
      g_string_append_printf (text, "%d", self->fd);
      if (self->flags != 0)
        {
          g_autofree char *flags = sl_sock_type_to_string (self->flags);
          g_string_append_printf (text, ", %s", flags);
        }
      break;
    case SL_TRACE_CALL_SEND:
      g_string_append_printf (text, "%d, ", self->fd);
      append_sent_data (text, self);
      append_flags (text, self->flags);
      break;
    case SL_TRACE_CALL_SENDTO:
      g_string_append_printf (text, "%d, ", self->fd);
      append_sent_data (text, self);
      append_flags (text, self->flags);
      g_string_append (text, ", ");
      append_address (text, self);
      break;
    case SL_TRACE_CALL_RECV:
    case SL_TRACE_CALL_RECVFROM:
    case SL_TRACE_CALL_RECVMSG:
      g_string_append_printf (text, "%d, %" G_GSIZE_FORMAT, self->fd, self->size);
      append_flags (text, self->flags);
      break;
    case SL_TRACE_CALL_POLL:
      g_string_append_printf (text, "[{fd=%d, events=%s}], 1, %d", self->fd,
                              (self->flags & G_IO_OUT) ? "POLLOUT" : "POLLIN", self->value);
      break;
    case SL_TRACE_CALL_SHUTDOWN:
      g_string_append_printf (text, "%d, %s", self->fd,
                              self->value == SHUT_RD ? "SHUT_RD" : self->value == SHUT_WR ? "SHUT_WR" : "SHUT_RDWR");
      break;
    case SL_TRACE_CALL_GETSOCKNAME:
    case SL_TRACE_CALL_CLOSE:
    default:
      g_string_append_printf (text, "%d", self->fd);
      break;
    }
}

char *
sl_trace_event_format_call (SlTraceEvent *self)
{
  GString *text;

  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);

  text = g_string_new (NULL);
  if (self->call == SL_TRACE_CALL_ACCEPT && self->flags != 0)
    g_string_append (text, "accept4");
  else
    g_string_append (text, sl_trace_call_to_string (self->call));
  g_string_append_c (text, '(');
  append_arguments (text, self);
  g_string_append_c (text, ')');
  return g_string_free (text, FALSE);
}

/* ", kernel time 08:40:22.123456": when the packet arrived, by the kernel's clock. */
static void
append_timestamp (GString *text,
                  gint64   timestamp_ns)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_local (timestamp_ns / G_GINT64_CONSTANT (1000000000));
  g_autoptr(GDateTime) time = seconds != NULL
    ? g_date_time_add (seconds, (timestamp_ns % G_GINT64_CONSTANT (1000000000)) / 1000) : NULL;
  g_autofree char *clock = time != NULL ? g_date_time_format (time, "%H:%M:%S.%f") : NULL;

  if (clock != NULL)
    /* Translators: after a call's result, which is not translated: "recvmsg(3, 2048) = 64 → …,
     * kernel time 08:40:22.123456". */
    g_string_append_printf (text, ", %s %s", _("kernel time"), clock);
}

/* What a successful call handed back besides its return value, after an arrow. */
static void
append_outputs (GString      *text,
                SlTraceEvent *self)
{
  gboolean has_address = self->address_len > 0;

  switch (self->call)
    {
    case SL_TRACE_CALL_GETSOCKOPT:
      if (self->level == SOL_SOCKET && self->option == SO_ERROR)
        g_string_append_printf (text, " → %s", self->errsv == 0 ? "0" : sl_errno_name (self->errsv) != NULL
                                                                          ? sl_errno_name (self->errsv) : "?");
      else if (self->value >= 0)
        g_string_append_printf (text, " → %d", self->value);
      break;
    case SL_TRACE_CALL_ACCEPT:
    case SL_TRACE_CALL_GETSOCKNAME:
    case SL_TRACE_CALL_RECVFROM:
    case SL_TRACE_CALL_RECVMSG:
      if (has_address)
        {
          g_string_append (text, " → ");
          append_address (text, self);
        }
      if (is_receive (self->call) && self->data != NULL && self->count == 1 && self->result > 0)
        {
          g_string_append (text, has_address ? ", " : " → ");
          append_data (text, self->data, self->result);
        }
      if (self->ttl >= 0)
        g_string_append_printf (text, ", ttl=%d", self->ttl);
      if (self->timestamp_ns > 0 && self->count == 1)
        append_timestamp (text, self->timestamp_ns);
      break;
    case SL_TRACE_CALL_RECV:
      if (self->data != NULL && self->count == 1 && self->result > 0)
        {
          g_string_append (text, " → ");
          append_data (text, self->data, self->result);
        }
      else if (self->result == 0 && self->sock_type == SOCK_STREAM)
        /* Translators: in parentheses after "recv(3, 65536) = 0", which is not translated. */
        g_string_append_printf (text, " (%s)", _("end of stream: the other side closed"));
      break;
    case SL_TRACE_CALL_POLL:
      if (self->result == 0)
        /* Translators: in parentheses after "poll(…) = 0", which is not translated. */
        g_string_append_printf (text, " (%s)", _("timed out"));
      break;
    case SL_TRACE_CALL_GETNAMEINFO:
      if (self->host != NULL)
        g_string_append_printf (text, " → '%s'", self->host);
      break;
    default:
      break;
    }
}

char *
sl_trace_event_format_result (SlTraceEvent *self)
{
  GString *text;

  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);

  text = g_string_new (NULL);
  if (sl_trace_event_is_lookup_failure (self))
    {
      const char *name = sl_gai_error_name ((int) self->result);
      g_string_append_printf (text, " = %s", name != NULL ? name : "EAI_?");
    }
  else if (self->result < 0)
    {
      const char *name = sl_errno_name (self->errsv);
      g_string_append_printf (text, " = %" G_GINT64_FORMAT " %s", self->result, name != NULL ? name : "E?");
    }
  else
    {
      g_string_append_printf (text, " = %" G_GINT64_FORMAT, self->result);
      append_outputs (text, self);
    }
  return g_string_free (text, FALSE);
}

char *
sl_trace_event_format (SlTraceEvent *self)
{
  g_autofree char *call = NULL;
  g_autofree char *result = NULL;
  g_autofree char *why = NULL;
  GString *text;

  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);

  call = sl_trace_event_format_call (self);
  result = sl_trace_event_format_result (self);
  text = g_string_new (call);
  g_string_append (text, result);
  if (self->result < 0 || sl_trace_event_is_lookup_failure (self))
    {
      why = sl_trace_event_explain_error (self);
      if (why != NULL)
        g_string_append_printf (text, " (%s)", why);
    }
  if (self->detail != NULL && *self->detail != '\0')
    g_string_append_printf (text, " · %s", self->detail);
  return g_string_free (text, FALSE);
}

const char *
sl_trace_event_explain_call (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);

  switch (self->call)
    {
    case SL_TRACE_CALL_GETADDRINFO:
      return _("Looks a host name up and returns its addresses, IPv4 and IPv6.");
    case SL_TRACE_CALL_GETNAMEINFO:
      return _("Looks an address up the other way (reverse DNS) and returns its host name.");
    case SL_TRACE_CALL_INET_PTON:
      return _("Turns an address written as text into the binary form a socket uses; no lookup is needed.");
    case SL_TRACE_CALL_INET_ATON:
      return _("Reads an IPv4 address written in one of its older short forms (127.1, 0x7f.0.0.1) into binary.");
    case SL_TRACE_CALL_SOCKET:
      return _("Creates a socket, an endpoint for sending and receiving, and returns its file descriptor.");
    case SL_TRACE_CALL_SETSOCKOPT:
      return _("Changes an option of the socket.");
    case SL_TRACE_CALL_GETSOCKOPT:
      /* Translators: SO_ERROR is the socket option's constant: keep it as it is. */
      return _("Reads an option of the socket; SO_ERROR tells how a non-blocking connect ended.");
    case SL_TRACE_CALL_BIND:
      return _("Gives the socket its local address and port, so that others know where to reach it.");
    case SL_TRACE_CALL_LISTEN:
      return _("Makes the socket a listening socket: the kernel queues incoming connections, up to the backlog.");
    case SL_TRACE_CALL_ACCEPT:
      return _("Takes the next waiting connection and returns a new socket for talking to that client.");
    case SL_TRACE_CALL_CONNECT:
      if (self->sock_type == SOCK_DGRAM)
        return _("For UDP, only sets the address datagrams go to: nothing is sent.");
      /* Translators: SYN, SYN-ACK and ACK are the TCP segments' names: keep them as they are. */
      return _("Opens a TCP connection to the server: the three-way handshake (SYN, SYN-ACK, ACK).");
    case SL_TRACE_CALL_GETSOCKNAME:
      return _("Asks which local address and port the socket got.");
    case SL_TRACE_CALL_SEND:
      return _("Hands bytes to the kernel to send; it returns how many it took.");
    case SL_TRACE_CALL_SENDTO:
      return _("Sends one datagram to the given address.");
    case SL_TRACE_CALL_RECV:
      return _("Takes bytes that have arrived; 0 means the other side closed the connection.");
    case SL_TRACE_CALL_RECVFROM:
      return _("Takes one datagram and tells who sent it.");
    case SL_TRACE_CALL_RECVMSG:
      return _("Takes one packet with extra facts: who sent it, its arrival time, its TTL, ICMP errors.");
    case SL_TRACE_CALL_POLL:
      return _("Waits until the socket is ready, or until the timeout passes.");
    case SL_TRACE_CALL_SHUTDOWN:
      return _("Ends sending and/or receiving on a connection; the other side reads end of stream.");
    case SL_TRACE_CALL_CLOSE:
    default:
      return _("Releases the socket; an open TCP connection is ended.");
    }
}

char *
sl_trace_event_explain_error (SlTraceEvent *self)
{
  g_return_val_if_fail (SL_IS_TRACE_EVENT (self), NULL);

  if (sl_trace_event_is_lookup_failure (self))
    return g_strdup (sl_gai_error_explain ((int) self->result));
  if (self->errsv == 0)
    return NULL;
  if (sl_trace_event_is_expected (self) && self->call == SL_TRACE_CALL_CONNECT)
    /* Translators: in parentheses after "connect(3, …) = -1 EINPROGRESS", which is not translated. */
    return g_strdup (_("expected: the non-blocking connect goes on in the background"));
  return g_strdup (sl_errno_explain (self->errsv));
}

/* ---- SlTrace ----------------------------------------------------------------------- */

SlTrace *
sl_trace_new (guint max_events)
{
  return g_object_new (SL_TYPE_TRACE,
                       "item-type", SL_TYPE_TRACE_EVENT,
                       "max-items", max_events > 0 ? max_events : SL_TRACE_DEFAULT_MAX_EVENTS,
                       "max-bytes", (guint64) SL_TRACE_DEFAULT_MAX_BYTES,
                       NULL);
}

static gboolean
notify_counts_cb (gpointer user_data)
{
  SlTrace *self = user_data;
  g_autoptr(GPtrArray) dirty = g_steal_pointer (&self->dirty);

  g_clear_pointer (&self->notify_source, g_source_unref);
  self->dirty = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < dirty->len; i++)
    g_object_notify_by_pspec (g_ptr_array_index (dirty, i), event_properties[EVENT_PROP_COUNT]);
  return G_SOURCE_REMOVE;
}

/* Counts change many times a second in a flood: tell the view at most every COUNT_NOTIFY_MS. */
static void
mark_dirty (SlTrace      *self,
            SlTraceEvent *event)
{
  if (!g_ptr_array_find (self->dirty, event, NULL))
    g_ptr_array_add (self->dirty, g_object_ref (event));
  if (self->notify_source != NULL)
    return;
  self->notify_source = g_timeout_source_new (COUNT_NOTIFY_MS);
  g_source_set_callback (self->notify_source, notify_counts_cb, self, NULL);
  g_source_set_static_name (self->notify_source, "[socketlab] trace counts");
  g_source_attach (self->notify_source, g_main_context_get_thread_default ());
}

static void
fold (SlTrace      *self,
      SlTraceEvent *event,
      gint64        now_us)
{
  event->count++;
  event->last_time_us = now_us;
  mark_dirty (self, event);
}

static void
forget_recent (SlTrace *self)
{
  for (guint i = 0; i < self->n_recent; i++)
    g_clear_object (&self->recent[i]);
  self->n_recent = 0;
  self->period = 0;
  self->cycle_pos = 0;
}

static void
push_recent (SlTrace      *self,
             SlTraceEvent *event)
{
  if (self->n_recent == MAX_PERIOD)
    {
      g_object_unref (self->recent[0]);
      memmove (self->recent, self->recent + 1, (MAX_PERIOD - 1) * sizeof self->recent[0]);
      self->n_recent--;
    }
  self->recent[self->n_recent++] = g_object_ref (event);
}

/* The shortest p such that the last p rows, seen once each, start over with this record. */
static guint
find_period (SlTrace             *self,
             const SlTraceRecord *record)
{
  for (guint p = 1; p <= self->n_recent; p++)
    {
      SlTraceEvent *start = self->recent[self->n_recent - p];

      if (start->count != 1)
        return 0;
      if (event_matches (self, start, record))
        return p;
    }
  return 0;
}

/* TRUE when the record only repeats the cycle the newest rows form. */
static gboolean
try_fold (SlTrace             *self,
          const SlTraceRecord *record,
          gint64               now_us)
{
  guint period;

  if (self->period > 0)
    {
      SlTraceEvent *expected = self->recent[self->n_recent - self->period + self->cycle_pos];

      if (event_matches (self, expected, record))
        {
          fold (self, expected, now_us);
          self->cycle_pos = (self->cycle_pos + 1) % self->period;
          return TRUE;
        }
      /* The cycle is broken: its rows stay as they are, new rows follow them. */
      forget_recent (self);
      return FALSE;
    }

  period = find_period (self, record);
  if (period == 0)
    return FALSE;
  /* Keep only the cycle's rows in recent[], oldest first. */
  for (guint i = 0; i < self->n_recent - period; i++)
    g_clear_object (&self->recent[i]);
  memmove (self->recent, self->recent + self->n_recent - period, period * sizeof self->recent[0]);
  self->n_recent = period;
  self->period = period;
  for (guint i = 0; i < period; i++)
    self->recent[i]->cycle_length = period;
  fold (self, self->recent[0], now_us);
  self->cycle_pos = 1 % period;
  return TRUE;
}

void
sl_trace_append (SlTrace             *self,
                 const SlTraceRecord *record)
{
  g_autoptr(SlTraceEvent) event = NULL;
  gint64 now_us;

  if (self == NULL)
    return;
  g_return_if_fail (SL_IS_TRACE (self));
  g_return_if_fail (record != NULL && record->call < G_N_ELEMENTS (call_names));

  now_us = g_get_monotonic_time ();
  self->n_calls++;
  if (try_fold (self, record, now_us))
    return;
  event = event_new (self, record, now_us);
  push_recent (self, event);
  sl_ring_append_sized (SL_RING (self), event, event_size (event));
}

gsize
sl_trace_get_max_data (SlTrace *self)
{
  g_return_val_if_fail (SL_IS_TRACE (self), 0);
  return self->max_data;
}

void
sl_trace_set_max_data (SlTrace *self,
                       gsize    max_data)
{
  g_return_if_fail (SL_IS_TRACE (self));
  self->max_data = max_data;
}

void
sl_trace_clear (SlTrace *self)
{
  g_return_if_fail (SL_IS_TRACE (self));

  forget_recent (self);
  g_ptr_array_set_size (self->dirty, 0);
  sl_clear_source (&self->notify_source);
  self->n_calls = 0;
  sl_ring_clear (SL_RING (self));
}

guint64
sl_trace_get_dropped (SlTrace *self)
{
  return sl_ring_get_dropped (SL_RING (self));
}

guint64
sl_trace_get_n_calls (SlTrace *self)
{
  g_return_val_if_fail (SL_IS_TRACE (self), 0);
  return self->n_calls;
}

void
sl_trace_event_append_text (SlTraceEvent *self,
                            gint64        start_us,
                            GString      *out)
{
  g_autofree char *line = NULL;

  g_return_if_fail (SL_IS_TRACE_EVENT (self));
  g_return_if_fail (out != NULL);

  line = sl_trace_event_format (self);
  g_string_append_printf (out, "%10.6f  %s", (self->time_us - start_us) / (double) G_USEC_PER_SEC, line);
  if (self->count > 1)
    g_string_append_printf (out, "  ×%" G_GUINT64_FORMAT, self->count);
  g_string_append_c (out, '\n');
}

char *
sl_trace_to_text (SlTrace *self)
{
  GListModel *model = G_LIST_MODEL (self);
  GString *text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);
  gint64 start = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlTraceEvent) event = g_list_model_get_item (model, i);

      if (i == 0)
        start = event->time_us;
      sl_trace_event_append_text (event, start, text);
    }
  return g_string_free (text, FALSE);
}

static void
sl_trace_dispose (GObject *object)
{
  SlTrace *self = SL_TRACE (object);

  forget_recent (self);
  sl_clear_source (&self->notify_source);
  g_clear_pointer (&self->dirty, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_trace_parent_class)->dispose (object);
}

static void
sl_trace_class_init (SlTraceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sl_trace_dispose;
}

static void
sl_trace_init (SlTrace *self)
{
  self->max_data = SL_TRACE_DEFAULT_MAX_DATA;
  self->dirty = g_ptr_array_new_with_free_func (g_object_unref);
}
