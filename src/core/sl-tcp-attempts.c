/* sl-tcp-attempts.c: TCP connection attempts as probes make them.
 *
 * Probes are known by their pointer only and never touched: a connect () that ends after
 * its probe was given up on finds another socket (or none) under that pointer, and is
 * forgotten.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <netinet/in.h>

#include "sl-socket-util.h"
#include "sl-tcp-attempts.h"

struct _SlTcpAttempts
{
  GObject                 *owner;
  GSocketFamily            family;
  struct sockaddr_storage  target;
  socklen_t                target_len;
  SlTrace                 *trace;
  SlTcpAttemptDone         done;
  GHashTable              *sockets;      /* probe → SlSocket */
};

/* What a connect's callback needs; the owner may be gone by the time it runs. */
typedef struct {
  GWeakRef       owner;
  SlTcpAttempts *attempts;   /* valid while the owner lives */
  gpointer       probe;
} Pending;

static void
close_socket (gpointer data)
{
  SlSocket *socket = data;

  sl_socket_close (socket);
  g_object_unref (socket);
}

SlTcpAttempts *
sl_tcp_attempts_new (GObject                       *owner,
                     GSocketFamily                  family,
                     const struct sockaddr_storage *target,
                     socklen_t                      target_len,
                     guint16                        port,
                     SlTrace                       *trace,
                     SlTcpAttemptDone               done)
{
  SlTcpAttempts *self = g_new0 (SlTcpAttempts, 1);

  self->owner = owner;
  self->family = family;
  self->target = *target;
  self->target_len = target_len;
  sl_sockaddr_set_port (&self->target, port);
  self->trace = trace != NULL ? g_object_ref (trace) : NULL;
  self->done = done;
  self->sockets = g_hash_table_new_full (NULL, NULL, NULL, close_socket);
  return self;
}

void
sl_tcp_attempts_free (SlTcpAttempts *self)
{
  g_hash_table_unref (self->sockets);
  g_clear_object (&self->trace);
  g_free (self);
}

const struct sockaddr_storage *
sl_tcp_attempts_get_target (SlTcpAttempts *self)
{
  return &self->target;
}

SlSocket *
sl_tcp_attempts_open (SlTcpAttempts *self,
                      int           *out_errno)
{
  int domain = self->family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET;

  return sl_socket_open (domain, SOCK_STREAM, IPPROTO_TCP, self->trace, out_errno);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GObject) owner = g_weak_ref_get (&pending->owner);
  SlSocket *socket = SL_SOCKET (object);
  g_autoptr(GError) error = NULL;
  gint64 rtt_us = 0;
  int errsv = 0;

  /* Abandoned or closed meanwhile (the socket then is no longer the probe's): forget it. */
  if (sl_socket_connect_finish (socket, result, &errsv, &rtt_us, &error) && owner != NULL &&
      g_hash_table_lookup (pending->attempts->sockets, pending->probe) == socket)
    {
      gint64 kernel_rtt = 0;

      /* Taken out first: the owner may abandon the probe while it hears the outcome. The
       * table's reference is ours now. */
      g_hash_table_steal (pending->attempts->sockets, pending->probe);
      /* The kernel timed the SYN / SYN-ACK exchange itself; a RST leaves only our clock. */
      if (errsv == 0 && sl_socket_get_tcp_rtt (socket, &kernel_rtt) == 0 && kernel_rtt > 0)
        rtt_us = kernel_rtt;
      pending->attempts->done (owner, pending->probe, socket, errsv, rtt_us);
      close_socket (socket);
    }
  g_weak_ref_clear (&pending->owner);
  g_free (pending);
}

void
sl_tcp_attempts_connect (SlTcpAttempts *self,
                         gpointer       probe,
                         SlSocket      *socket)
{
  Pending *pending = g_new0 (Pending, 1);

  g_hash_table_replace (self->sockets, probe, socket);
  g_weak_ref_init (&pending->owner, self->owner);
  pending->attempts = self;
  pending->probe = probe;
  sl_socket_connect_async (socket, (struct sockaddr *) &self->target, self->target_len, 0, NULL,
                           connect_cb, pending);
}

void
sl_tcp_attempts_abandon (SlTcpAttempts *self,
                         gpointer       probe)
{
  g_hash_table_remove (self->sockets, probe);
}

void
sl_tcp_attempts_abandon_all (SlTcpAttempts *self)
{
  g_hash_table_remove_all (self->sockets);
}
