/* sl-peer.c: one client of an SlServer (a TCP connection or a UDP source address).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-enums.h"
#include "sl-peer-private.h"
#include "sl-socket-util.h"
#include "sl-socket.h"

/* Reads per wakeup: enough to amortize poll(), few enough to stay fair between peers. */
#define READS_PER_DISPATCH 16
/* Unread input discarded before a clean close; beyond this the kernel sends a RST. */
#define DRAIN_LIMIT (1024 * 1024)

struct _SlPeer
{
  GObject                 parent_instance;

  SlProtocol              protocol;
  GInetSocketAddress     *address;
  char                   *label;
  GDateTime              *since;
  guint64                 bytes_in;
  guint64                 bytes_out;
  guint64                 notified_in;
  guint64                 notified_out;
  guint64                 notified_queued;
  SlPeerState             state;
  gint64                  last_active;
  SlTokenBucket           reply_bucket;   /* UDP: the replies this source may still get */

  /* TCP only */
  SlSocket               *socket;
  GByteArray             *buffer;
  gboolean                eof;
  const SlPeerCallbacks  *callbacks;
  gpointer                user_data;
};

enum {
  PROP_0,
  PROP_PROTOCOL,
  PROP_ADDRESS,
  PROP_LABEL,
  PROP_SINCE,
  PROP_BYTES_IN,
  PROP_BYTES_OUT,
  PROP_QUEUED,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SlPeer, sl_peer, G_TYPE_OBJECT)

static void
sl_peer_finalize (GObject *object)
{
  SlPeer *self = SL_PEER (object);

  if (self->socket != NULL)
    sl_socket_set_handler (self->socket, NULL, NULL);
  g_clear_object (&self->socket);
  g_clear_object (&self->address);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_pointer (&self->since, g_date_time_unref);
  g_free (self->label);

  G_OBJECT_CLASS (sl_peer_parent_class)->finalize (object);
}

static void
sl_peer_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SlPeer *self = SL_PEER (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      g_value_set_enum (value, self->protocol);
      break;
    case PROP_ADDRESS:
      g_value_set_object (value, self->address);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_SINCE:
      g_value_set_boxed (value, self->since);
      break;
    case PROP_BYTES_IN:
      g_value_set_uint64 (value, self->bytes_in);
      break;
    case PROP_BYTES_OUT:
      g_value_set_uint64 (value, self->bytes_out);
      break;
    case PROP_QUEUED:
      g_value_set_uint64 (value, sl_peer_get_queued (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_peer_class_init (SlPeerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sl_peer_finalize;
  object_class->get_property = sl_peer_get_property;

  properties[PROP_PROTOCOL] =
    g_param_spec_enum ("protocol", NULL, NULL, SL_TYPE_PROTOCOL, SL_PROTOCOL_TCP, flags);
  properties[PROP_ADDRESS] =
    g_param_spec_object ("address", NULL, NULL, G_TYPE_INET_SOCKET_ADDRESS, flags);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_SINCE] =
    g_param_spec_boxed ("since", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_BYTES_IN] =
    g_param_spec_uint64 ("bytes-in", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_BYTES_OUT] =
    g_param_spec_uint64 ("bytes-out", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_QUEUED] =
    g_param_spec_uint64 ("queued", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SL_TYPE_PEER_STATE, SL_PEER_STATE_CONNECTED, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_peer_init (SlPeer *self)
{
  self->since = g_date_time_new_now_local ();
  self->last_active = g_get_monotonic_time ();
}

static SlPeer *
peer_new (SlProtocol          protocol,
          GInetSocketAddress *address)
{
  SlPeer *self = g_object_new (SL_TYPE_PEER, NULL);

  self->protocol = protocol;
  self->address = g_object_ref (address);
  self->label = sl_socket_address_to_string (G_SOCKET_ADDRESS (address));
  return self;
}

SlPeer *
sl_peer_new_udp (GInetSocketAddress *address)
{
  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), NULL);

  return peer_new (SL_PROTOCOL_UDP, address);
}

static void
set_state (SlPeer      *self,
           SlPeerState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static gboolean
is_open (SlPeer *self)
{
  return self->state != SL_PEER_STATE_CLOSED;
}

static gsize
queued (SlPeer *self)
{
  return self->socket != NULL ? sl_socket_get_queued (self->socket) : 0;
}

/* Read while connected; stop while paused or finishing, so replies drain first. */
static void
update_reading (SlPeer *self)
{
  if (self->socket != NULL)
    sl_socket_set_reading (self->socket, self->state == SL_PEER_STATE_CONNECTED);
}

/* Closes the descriptor and tells the server; the object lives on for whoever holds it. */
static void
finish_close (SlPeer            *self,
              SlPeerCloseReason  reason,
              int                errsv)
{
  g_autoptr(SlPeer) hold = g_object_ref (self);

  if (!is_open (self))
    return;
  if (self->socket != NULL)
    {
      sl_socket_set_handler (self->socket, NULL, NULL);
      sl_socket_close (self->socket);
    }
  set_state (self, SL_PEER_STATE_CLOSED);
  sl_peer_flush_notify (self);
  if (self->callbacks != NULL && self->callbacks->closed != NULL)
    self->callbacks->closed (self, reason, errsv, self->user_data);
}

static void
close_with_error (SlPeer *self,
                  int     errsv)
{
  finish_close (self, SL_PEER_CLOSED_BY_ERROR, errsv);
}

static void
maybe_resume (SlPeer *self)
{
  /* Resume below a quarter of the cap, so a slow reader doesn't toggle every chunk. */
  if (self->state == SL_PEER_STATE_PAUSED &&
      queued (self) <= sl_socket_get_max_queued (self->socket) / 4)
    {
      set_state (self, SL_PEER_STATE_CONNECTED);
      update_reading (self);
    }
}

static void
socket_flushed (SlSocket *socket,
                gpointer  user_data)
{
  SlPeer *self = user_data;

  self->bytes_out = sl_socket_get_bytes_sent (socket);
  self->last_active = g_get_monotonic_time ();
  if (!is_open (self))
    return;
  maybe_resume (self);
  if (self->eof && queued (self) == 0)
    finish_close (self, SL_PEER_CLOSED_BY_CLIENT, 0);
}

static gboolean
socket_send_failed (SlSocket *socket,
                    GBytes   *bytes,
                    int       errsv,
                    gpointer  user_data)
{
  close_with_error (user_data, errsv);
  return FALSE;
}

gboolean
sl_peer_send (SlPeer       *self,
              const guint8 *data,
              gsize         len)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SL_IS_PEER (self), FALSE);
  g_return_val_if_fail (self->protocol == SL_PROTOCOL_TCP, FALSE);

  if (!is_open (self))
    return FALSE;
  if (len == 0)
    return TRUE;

  bytes = g_bytes_new (data, len);
  sl_socket_enqueue (self->socket, bytes);
  if (!is_open (self))
    return FALSE;
  if (sl_socket_get_room (self->socket) == 0 && self->state == SL_PEER_STATE_CONNECTED)
    {
      set_state (self, SL_PEER_STATE_PAUSED);
      update_reading (self);
    }
  return TRUE;
}

static void
handle_eof (SlPeer *self)
{
  self->eof = TRUE;
  if (queued (self) == 0)
    {
      finish_close (self, SL_PEER_CLOSED_BY_CLIENT, 0);
      return;
    }
  set_state (self, SL_PEER_STATE_CLOSING);
  update_reading (self);
}

gsize
sl_peer_get_room (SlPeer *self)
{
  g_return_val_if_fail (SL_IS_PEER (self), 0);

  return self->socket != NULL ? sl_socket_get_room (self->socket) : G_MAXSIZE;
}

static void
read_some (SlPeer *self)
{
  for (guint i = 0; i < READS_PER_DISPATCH && self->state == SL_PEER_STATE_CONNECTED; i++)
    {
      gsize want = MIN (self->buffer->len, sl_peer_get_room (self));
      gssize n;
      int errsv;

      if (want == 0)
        {
          set_state (self, SL_PEER_STATE_PAUSED);
          update_reading (self);
          return;
        }

      n = sl_socket_recv (self->socket, self->buffer->data, want, 0, &errsv);
      if (n < 0 && (errsv == EAGAIN || errsv == EWOULDBLOCK))
        return;
      if (n < 0)
        {
          close_with_error (self, errsv);
          return;
        }
      if (n == 0)
        {
          handle_eof (self);
          return;
        }

      self->bytes_in += n;
      self->last_active = g_get_monotonic_time ();
      self->callbacks->received (self, self->buffer->data, n, self->user_data);
      /* A short read means the socket is drained: skip the recv() that would say EAGAIN. */
      if ((gsize) n < want)
        return;
    }
}

static int
pending_socket_error (SlPeer *self)
{
  int pending = 0;
  int errsv = sl_socket_getsockopt_int (self->socket, SOL_SOCKET, SO_ERROR, &pending);

  if (errsv != 0)
    return errsv;
  return pending != 0 ? pending : ECONNRESET;
}

static void
socket_ready (SlSocket     *socket,
              GIOCondition  revents,
              gpointer      user_data)
{
  g_autoptr(SlPeer) self = g_object_ref (user_data);

  if (!is_open (self))
    return;
  if ((revents & G_IO_IN) && self->state == SL_PEER_STATE_CONNECTED)
    read_some (self);
  else if (revents & (G_IO_ERR | G_IO_HUP))
    /* Not reading (paused or finishing): nobody is left to read our replies. */
    close_with_error (self, pending_socket_error (self));
}

static const SlSocketHandler socket_handler = {
  .ready = socket_ready,
  .send_failed = socket_send_failed,
  .flushed = socket_flushed,
};

SlPeer *
sl_peer_new_tcp (SlSocket              *socket,
                 GInetSocketAddress    *address,
                 GByteArray            *read_buffer,
                 gsize                  max_queued,
                 const SlPeerCallbacks *callbacks,
                 gpointer               user_data)
{
  SlPeer *self;

  g_return_val_if_fail (SL_IS_SOCKET (socket), NULL);
  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), NULL);
  g_return_val_if_fail (read_buffer != NULL && read_buffer->len > 0, NULL);
  g_return_val_if_fail (callbacks != NULL && callbacks->received != NULL, NULL);

  self = peer_new (SL_PROTOCOL_TCP, address);
  self->socket = g_object_ref (socket);
  self->buffer = g_byte_array_ref (read_buffer);
  self->callbacks = callbacks;
  self->user_data = user_data;
  sl_socket_set_max_queued (socket, max_queued);
  sl_socket_set_handler (socket, &socket_handler, self);
  update_reading (self);
  return self;
}

/* Discards input already received so that close() sends a FIN and not a RST. */
static void
drain_input (SlPeer *self)
{
  gsize drained = 0;

  while (drained < DRAIN_LIMIT)
    {
      gssize n = sl_socket_recv (self->socket, self->buffer->data, self->buffer->len, 0, NULL);

      if (n <= 0)
        break;
      self->bytes_in += n;
      drained += n;
    }
}

void
sl_peer_close (SlPeer *self)
{
  g_return_if_fail (SL_IS_PEER (self));

  if (!is_open (self))
    return;
  if (self->protocol == SL_PROTOCOL_TCP)
    {
      /* What the kernel takes now still goes out; the rest is dropped with the socket. */
      sl_socket_flush (self->socket);
      if (!is_open (self))
        return;
      drain_input (self);
    }
  finish_close (self, SL_PEER_CLOSED_BY_SERVER, 0);
}

int
sl_peer_get_fd (SlPeer *self)
{
  g_return_val_if_fail (SL_IS_PEER (self), -1);

  return self->socket != NULL ? sl_socket_get_fd (self->socket) : -1;
}

void
sl_peer_add_bytes_in (SlPeer *self,
                      gsize   n)
{
  g_return_if_fail (SL_IS_PEER (self));

  self->bytes_in += n;
  self->last_active = g_get_monotonic_time ();
}

void
sl_peer_add_bytes_out (SlPeer *self,
                       gsize   n)
{
  g_return_if_fail (SL_IS_PEER (self));

  self->bytes_out += n;
}

gint64
sl_peer_get_last_active (SlPeer *self)
{
  g_return_val_if_fail (SL_IS_PEER (self), 0);

  return self->last_active;
}

SlTokenBucket *
sl_peer_get_reply_bucket (SlPeer *self)
{
  g_return_val_if_fail (SL_IS_PEER (self), NULL);

  return &self->reply_bucket;
}

void
sl_peer_flush_notify (SlPeer *self)
{
  g_return_if_fail (SL_IS_PEER (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->notified_in != self->bytes_in)
    {
      self->notified_in = self->bytes_in;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_IN]);
    }
  if (self->notified_out != self->bytes_out)
    {
      self->notified_out = self->bytes_out;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_OUT]);
    }
  if (self->notified_queued != queued (self))
    {
      self->notified_queued = queued (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

SlProtocol
sl_peer_get_protocol (SlPeer *self)
{
  g_return_val_if_fail (SL_IS_PEER (self), SL_PROTOCOL_TCP);
  return self->protocol;
}

GInetSocketAddress *
sl_peer_get_address (SlPeer *self)
{
  g_return_val_if_fail (SL_IS_PEER (self), NULL);
  return self->address;
}

const char *
sl_peer_get_label (SlPeer *self)
{
  g_return_val_if_fail (SL_IS_PEER (self), NULL);
  return self->label;
}

GDateTime *
sl_peer_get_since (SlPeer *self)
{
  g_return_val_if_fail (SL_IS_PEER (self), NULL);
  return self->since;
}

guint64
sl_peer_get_bytes_in (SlPeer *self)
{
  g_return_val_if_fail (SL_IS_PEER (self), 0);
  return self->bytes_in;
}

guint64
sl_peer_get_bytes_out (SlPeer *self)
{
  g_return_val_if_fail (SL_IS_PEER (self), 0);
  return self->bytes_out;
}

guint64
sl_peer_get_queued (SlPeer *self)
{
  g_return_val_if_fail (SL_IS_PEER (self), 0);
  return queued (self);
}

SlPeerState
sl_peer_get_state (SlPeer *self)
{
  g_return_val_if_fail (SL_IS_PEER (self), SL_PEER_STATE_CLOSED);
  return self->state;
}
