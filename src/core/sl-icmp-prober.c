/* sl-icmp-prober.c: what the two ICMP echo probers share.
 *
 * Each request carries a per-run random cookie mixed with its sequence number, then
 * i & 0xff: a reply that merely guesses the id and the sequence number does not pass.
 * RTTs come from the kernel's receive timestamp (SO_TIMESTAMPNS) minus the clock read
 * just before sendto (), so a busy main loop does not inflate them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netinet/in.h>
#include <string.h>

#include "sl-errno.h"
#include "sl-icmp-prober.h"
#include "sl-ping-probe-private.h"
#include "sl-probe-util.h"
#include "sl-socket-util.h"

typedef struct
{
  SlSocket                *socket;
  SlProbeTarget            target;
  guint16                  ident;
  guint                    payload_size;
  guint64                  cookie;
  guint8                  *buffer;
  guint8                  *payload;
  const SlProbeSink       *sink;
  gpointer                 sink_data;
} SlIcmpProberPrivate;

static void prober_iface_init (SlProberInterface *iface);

G_DEFINE_TYPE_WITH_CODE (SlIcmpProber, sl_icmp_prober, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (SlIcmpProber)
                         G_IMPLEMENT_INTERFACE (SL_TYPE_PROBER, prober_iface_init))

#define PRIV(self) ((SlIcmpProberPrivate *) sl_icmp_prober_get_instance_private (SL_ICMP_PROBER (self)))

static void
fill_payload (SlIcmpProberPrivate *priv,
              guint64              seq,
              guint8              *data)
{
  guint64 mark = priv->cookie ^ seq;

  for (guint i = 0; i < priv->payload_size; i++)
    data[i] = i < 8 ? (guint8) (mark >> (56 - 8 * i)) : (guint8) i;
}

static gboolean
payload_matches (SlIcmpProberPrivate *priv,
                 guint64              seq,
                 const guint8        *data,
                 gsize                length)
{
  if (length != priv->payload_size)
    return FALSE;
  fill_payload (priv, seq, priv->payload);
  return memcmp (priv->payload, data, length) == 0;
}

/* ---- SlProber ----------------------------------------------------------------------- */

static SlPingMethod
icmp_get_method (SlProber *prober)
{
  return SL_ICMP_PROBER_GET_CLASS (prober)->method;
}

static guint16
icmp_get_ident (SlProber *prober)
{
  return PRIV (prober)->ident;
}

static void
icmp_send (SlProber    *prober,
           SlPingProbe *probe)
{
  SlIcmpProberPrivate *priv = PRIV (prober);
  guint64 seq = sl_ping_probe_get_seq (probe);
  gsize length;
  gssize result;
  int errsv;

  fill_payload (priv, seq, priv->payload);
  length = sl_icmp_build_echo_request (priv->target.family, priv->ident, seq & 0xffff, priv->payload,
                                       priv->payload_size, priv->buffer, SL_ICMP_MAX_PACKET);
  /* Read the clock as late as possible: the RTT starts here. */
  sl_ping_probe_set_send_clock_ns (probe, sl_probe_clock_ns ());
  result = sl_socket_sendto (priv->socket, priv->buffer, length, 0,
                             (struct sockaddr *) &priv->target.address,
                             priv->target.length, &errsv);
  if (result < 0)
    {
      g_autofree char *message = sl_errno_describe_call ("sendto", errsv);

      priv->sink->failed (probe, message, priv->sink_data);
    }
}

static void
icmp_close (SlProber *prober)
{
  sl_clear_socket (&PRIV (prober)->socket);
}

static void
prober_iface_init (SlProberInterface *iface)
{
  iface->get_method = icmp_get_method;
  iface->get_ident = icmp_get_ident;
  iface->send = icmp_send;
  iface->close = icmp_close;
}

/* ---- for subclasses ----------------------------------------------------------------- */

static void
socket_ready (SlSocket     *socket,
              GIOCondition  revents,
              gpointer      user_data)
{
  g_autoptr(SlIcmpProber) self = g_object_ref (user_data);

  SL_ICMP_PROBER_GET_CLASS (self)->receive (self);
}

static const SlSocketHandler socket_handler = {
  .ready = socket_ready,
};

void
sl_icmp_prober_start (SlIcmpProber          *self,
                      const SlProberOptions *options,
                      SlSocket              *socket,
                      guint16                ident)
{
  SlIcmpProberPrivate *priv = PRIV (self);

  priv->socket = g_object_ref (socket);
  /* An echo request's bytes (header, cookie, 0x08 0x09…) tell a student nothing. */
  sl_socket_set_record_data (socket, FALSE);
  priv->target = options->target;
  /* Raw IPv6 sockets read the port as a protocol number: an ICMP target has none. */
  sl_sockaddr_set_port (&priv->target.address, 0);
  priv->ident = ident;
  priv->payload_size = options->payload_size;
  priv->cookie = ((guint64) g_random_int () << 32) | g_random_int ();
  priv->sink = options->sink;
  priv->sink_data = options->sink_data;
  sl_socket_set_handler (socket, &socket_handler, self);
  sl_socket_set_reading (socket, TRUE);
}

SlSocket *
sl_icmp_prober_get_socket (SlIcmpProber *self)
{
  return PRIV (self)->socket;
}

GSocketFamily
sl_icmp_prober_get_family (SlIcmpProber *self)
{
  return PRIV (self)->target.family;
}

guint8 *
sl_icmp_prober_get_buffer (SlIcmpProber *self)
{
  return PRIV (self)->buffer;
}

gboolean
sl_icmp_prober_is_target_bytes (SlIcmpProber *self,
                                const guint8 *address,
                                gsize         length)
{
  SlIcmpProberPrivate *priv = PRIV (self);

  if (priv->target.family == G_SOCKET_FAMILY_IPV6)
    return length == 16 &&
           memcmp (address, &((struct sockaddr_in6 *) &priv->target.address)->sin6_addr, 16) == 0;
  return length == 4 && memcmp (address, &((struct sockaddr_in *) &priv->target.address)->sin_addr, 4) == 0;
}

void
sl_icmp_prober_handle_reply (SlIcmpProber                  *self,
                             const SlIcmpPacket            *packet,
                             const struct sockaddr_storage *from,
                             gint64                         kernel_time_ns,
                             int                            ttl)
{
  SlIcmpProberPrivate *priv = PRIV (self);
  SlPingProbe *probe = priv->sink->lookup (packet->seq, priv->sink_data);
  SlProbeAnswer answer = { .bytes = packet->data_len + SL_ICMP_HEADER_SIZE, .ttl = ttl };

  if (packet->code != 0 || !sl_sockaddr_same_host (from, &priv->target.address))
    {
      priv->sink->forged (packet->seq, _("not from the pinged host"), priv->sink_data);
      return;
    }
  if (probe == NULL)
    {
      priv->sink->forged (packet->seq, _("no request was sent with this sequence number"), priv->sink_data);
      return;
    }
  answer.rtt_us = sl_probe_rtt_us (sl_ping_probe_get_send_clock_ns (probe), kernel_time_ns);
  if (packet->ttl >= 0)
    answer.ttl = packet->ttl;
  if (!packet->checksum_ok)
    {
      priv->sink->corrupted (probe, &answer, priv->sink_data);
      return;
    }
  if (!payload_matches (priv, sl_ping_probe_get_seq (probe), packet->data, packet->data_len))
    {
      priv->sink->forged (packet->seq, _("its data differs from the request"), priv->sink_data);
      return;
    }
  priv->sink->replied (probe, &answer, priv->sink_data);
}

void
sl_icmp_prober_handle_error (SlIcmpProber                  *self,
                             guint16                        wire_seq,
                             const struct sockaddr_storage *from,
                             const char                    *what)
{
  SlIcmpProberPrivate *priv = PRIV (self);
  SlPingProbe *probe = priv->sink->lookup (wire_seq, priv->sink_data);
  g_autofree char *from_text = NULL;
  g_autofree char *message = NULL;

  if (probe == NULL || sl_ping_probe_get_state (probe) != SL_PING_PROBE_STATE_PENDING)
    return;
  from_text = from != NULL && from->ss_family != AF_UNSPEC ? sl_sockaddr_to_host (from)
                                                           : sl_sockaddr_to_host (&priv->target.address);
  /* Not translated: ping's error line as LC_ALL=C ping prints it ("From 10.0.0.1 icmp_seq=1
   * Destination Host Unreachable"), in every language, like its reply lines. */
  message = g_strdup_printf ("From %s icmp_seq=%llu %s", from_text,
                             (unsigned long long) sl_ping_probe_get_seq (probe), what);
  priv->sink->failed (probe, message, priv->sink_data);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
sl_icmp_prober_finalize (GObject *object)
{
  SlIcmpProberPrivate *priv = PRIV (object);

  icmp_close (SL_PROBER (object));
  g_free (priv->buffer);
  g_free (priv->payload);

  G_OBJECT_CLASS (sl_icmp_prober_parent_class)->finalize (object);
}

static void
sl_icmp_prober_class_init (SlIcmpProberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_icmp_prober_finalize;
}

static void
sl_icmp_prober_init (SlIcmpProber *self)
{
  SlIcmpProberPrivate *priv = PRIV (self);

  priv->buffer = g_malloc (SL_ICMP_MAX_PACKET);
  priv->payload = g_malloc (SL_ICMP_MAX_PACKET);
}
