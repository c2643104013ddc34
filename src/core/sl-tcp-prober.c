/* sl-tcp-prober.c: "ping" by timing a TCP handshake.
 *
 * Each probe is a TCP connection attempt (sl-tcp-attempts.c). An accepted connection
 * (SYN-ACK) and a refused one (RST) both prove the host answered, so both count as a
 * reply; the time is the kernel's own measurement of the handshake (TCP_INFO) when it has
 * one. A probe the pinger declares lost is abandoned: its socket is closed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "sl-errno.h"
#include "sl-socket-util.h"
#include "sl-tcp-attempts.h"
#include "sl-tcp-prober.h"

struct _SlTcpProber
{
  GObject                  parent_instance;

  SlTcpAttempts           *attempts;
  const SlProbeSink       *sink;
  gpointer                 sink_data;
};

static void prober_iface_init (SlProberInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SlTcpProber, sl_tcp_prober, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SL_TYPE_PROBER, prober_iface_init))

/* "127.0.0.1 port 443" */
static char *
describe_target (SlTcpProber *self)
{
  const struct sockaddr_storage *target = sl_tcp_attempts_get_target (self->attempts);
  g_autofree char *host = sl_sockaddr_to_host (target);

  return g_strdup_printf ("%s port %u", host, sl_sockaddr_get_port (target));
}

static void
attempt_done (GObject  *owner,
              gpointer  data,
              SlSocket *socket,
              int       errsv,
              gint64    rtt_us)
{
  SlTcpProber *self = SL_TCP_PROBER (owner);
  SlPingProbe *probe = data;
  SlProbeAnswer answer = { .ttl = -1, .rtt_us = rtt_us, .refused = errsv == ECONNREFUSED };

  if (errsv != 0 && errsv != ECONNREFUSED)
    {
      g_autofree char *target = describe_target (self);
      g_autofree char *described = sl_errno_describe (errsv);
      g_autofree char *message = g_strdup_printf (_("connect to %s: tcp_seq=%llu %s"), target,
                                                  (unsigned long long) sl_ping_probe_get_seq (probe),
                                                  described);

      self->sink->failed (probe, message, self->sink_data);
      return;
    }
  self->sink->replied (probe, &answer, self->sink_data);
}

static void
tcp_send (SlProber    *prober,
          SlPingProbe *probe)
{
  SlTcpProber *self = SL_TCP_PROBER (prober);
  SlSocket *socket;
  int errsv;

  socket = sl_tcp_attempts_open (self->attempts, &errsv);
  if (socket == NULL)
    {
      g_autofree char *message = sl_errno_describe_call ("socket", errsv);

      self->sink->failed (probe, message, self->sink_data);
      return;
    }
  /* No timeout of its own: the pinger declares the probe lost and abandons it. */
  sl_tcp_attempts_connect (self->attempts, probe, socket);
}

static void
tcp_abandon (SlPingProbe *probe,
             SlProber    *prober)
{
  sl_tcp_attempts_abandon (SL_TCP_PROBER (prober)->attempts, probe);
}

static void
tcp_close (SlProber *prober)
{
  sl_tcp_attempts_abandon_all (SL_TCP_PROBER (prober)->attempts);
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
  sl_tcp_attempts_free (SL_TCP_PROBER (object)->attempts);

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
}

SlProber *
sl_tcp_prober_new (const SlProberOptions *options)
{
  SlTcpProber *self = g_object_new (SL_TYPE_TCP_PROBER, NULL);

  self->attempts = sl_tcp_attempts_new (G_OBJECT (self), options->family, &options->target,
                                        options->target_len, options->tcp_port, options->trace,
                                        attempt_done);
  self->sink = options->sink;
  self->sink_data = options->sink_data;
  return SL_PROBER (self);
}
