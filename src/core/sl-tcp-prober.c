/* sl-tcp-prober.c: "ping" by timing a TCP handshake.
 *
 * Each probe is a non-blocking connect () on a socket of its own. An accepted connection
 * (SYN-ACK) and a refused one (RST) both prove the host answered, so both count as a
 * reply; the time is the kernel's own measurement of the handshake (TCP_INFO) when it has
 * one. A probe the pinger declares lost is abandoned: its socket is closed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netinet/in.h>

#include "sl-errno.h"
#include "sl-socket-util.h"
#include "sl-socket.h"
#include "sl-tcp-prober.h"

struct _SlTcpProber
{
  GObject                  parent_instance;

  GSocketFamily            family;
  struct sockaddr_storage  target;
  socklen_t                target_len;
  SlTrace                 *trace;
  const SlProbeSink       *sink;
  gpointer                 sink_data;
  GHashTable              *attempts;     /* SlPingProbe → SlSocket */
};

static void prober_iface_init (SlProberInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SlTcpProber, sl_tcp_prober, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SL_TYPE_PROBER, prober_iface_init))

static void
close_attempt (gpointer data)
{
  SlSocket *socket = data;

  sl_socket_close (socket);
  g_object_unref (socket);
}

static char *
describe_target (SlTcpProber *self)
{
  g_autofree char *host = sl_sockaddr_to_host (&self->target);

  return g_strdup_printf ("%s port %u", host, sl_sockaddr_get_port (&self->target));
}

static void
complete (SlTcpProber *self,
          SlPingProbe *probe,
          SlSocket    *socket,
          int          errsv,
          gint64       elapsed_us)
{
  guint64 seq = sl_ping_probe_get_seq (probe);
  SlProbeAnswer answer = { .ttl = -1, .rtt_us = elapsed_us, .refused = errsv == ECONNREFUSED };

  if (errsv != 0 && errsv != ECONNREFUSED)
    {
      g_autofree char *target = describe_target (self);
      g_autofree char *described = sl_errno_describe (errsv);
      g_autofree char *message = g_strdup_printf (_("connect to %s: tcp_seq=%llu %s"), target,
                                                  (unsigned long long) seq, described);

      self->sink->failed (probe, message, self->sink_data);
      return;
    }
  /* The kernel timed the SYN / SYN-ACK exchange itself; use it when it did. */
  if (errsv == 0)
    {
      gint64 kernel_rtt = 0;

      if (sl_socket_get_tcp_rtt (socket, &kernel_rtt) == 0 && kernel_rtt > 0)
        answer.rtt_us = kernel_rtt;
    }
  self->sink->replied (probe, &answer, self->sink_data);
}

/* What a connect's callback needs; the prober may be gone by the time it runs. */
typedef struct {
  GWeakRef     prober;
  SlPingProbe *probe;
} Pending;

static void
pending_free (Pending *pending)
{
  g_weak_ref_clear (&pending->prober);
  g_object_unref (pending->probe);
  g_free (pending);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(SlTcpProber) self = g_weak_ref_get (&pending->prober);
  SlSocket *socket = SL_SOCKET (object);
  g_autoptr(GError) error = NULL;
  gint64 elapsed_us = 0;
  int errsv = 0;

  /* Abandoned or closed meanwhile: the probe's fate is already known. */
  if (sl_socket_connect_finish (socket, result, &errsv, &elapsed_us, &error) &&
      self != NULL && g_hash_table_lookup (self->attempts, pending->probe) == socket)
    {
      complete (self, pending->probe, socket, errsv, elapsed_us);
      g_hash_table_remove (self->attempts, pending->probe);
    }
  pending_free (pending);
}

static void
tcp_send (SlProber    *prober,
          SlPingProbe *probe)
{
  SlTcpProber *self = SL_TCP_PROBER (prober);
  int domain = self->family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;
  SlSocket *socket;
  Pending *pending;
  int errsv;

  socket = sl_socket_open (domain, SOCK_STREAM, IPPROTO_TCP, self->trace, &errsv);
  if (socket == NULL)
    {
      g_autofree char *described = sl_errno_describe (errsv);
      g_autofree char *message = g_strdup_printf ("socket: %s", described);

      self->sink->failed (probe, message, self->sink_data);
      return;
    }
  g_hash_table_insert (self->attempts, g_object_ref (probe), socket);
  pending = g_new0 (Pending, 1);
  g_weak_ref_init (&pending->prober, self);
  pending->probe = g_object_ref (probe);
  /* No timeout of its own: the pinger declares the probe lost and abandons it. */
  sl_socket_connect_async (socket, (struct sockaddr *) &self->target, self->target_len, 0, NULL,
                           connect_cb, pending);
}

static void
tcp_abandon (SlPingProbe *probe,
             SlProber    *prober)
{
  g_hash_table_remove (SL_TCP_PROBER (prober)->attempts, probe);
}

static void
tcp_close (SlProber *prober)
{
  g_hash_table_remove_all (SL_TCP_PROBER (prober)->attempts);
}

static SlPingMethod
tcp_get_method (SlProber *prober)
{
  return SL_PING_METHOD_TCP;
}

static void
prober_iface_init (SlProberInterface *iface)
{
  iface->get_method = tcp_get_method;
  iface->send = tcp_send;
  iface->abandon = tcp_abandon;
  iface->close = tcp_close;
}

static void
sl_tcp_prober_finalize (GObject *object)
{
  SlTcpProber *self = SL_TCP_PROBER (object);

  g_hash_table_unref (self->attempts);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (sl_tcp_prober_parent_class)->finalize (object);
}

static void
sl_tcp_prober_class_init (SlTcpProberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_tcp_prober_finalize;
}

static void
sl_tcp_prober_init (SlTcpProber *self)
{
  self->attempts = g_hash_table_new_full (NULL, NULL, g_object_unref, close_attempt);
}

SlProber *
sl_tcp_prober_new (const SlProberOptions *options)
{
  SlTcpProber *self = g_object_new (SL_TYPE_TCP_PROBER, NULL);

  self->family = options->family;
  self->target = options->target;
  self->target_len = options->target_len;
  sl_sockaddr_set_port (&self->target, options->tcp_port);
  self->trace = options->trace != NULL ? g_object_ref (options->trace) : NULL;
  self->sink = options->sink;
  self->sink_data = options->sink_data;
  return SL_PROBER (self);
}
