/* sl-tcp-attempts.h: TCP connection attempts as probes make them, ping's and the route's
 * alike (private): a non-blocking connect () on a socket of its own per probe, the outcome
 * told once, and the socket closed when the probe is given up on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sys/socket.h>

#include "sl-socket.h"
#include "sl-trace.h"

G_BEGIN_DECLS

typedef struct _SlTcpAttempts SlTcpAttempts;

/* The attempt for @probe ended: @errsv 0 (connected: a SYN-ACK), ECONNREFUSED (a RST) or
 * connect ()'s error; @rtt_us the kernel's own handshake time (TCP_INFO) when connected,
 * otherwise how long connect () took. @socket is still open (its error queue can be read)
 * and is closed after this returns; @owner is held meanwhile. */
typedef void (*SlTcpAttemptDone) (GObject   *owner,
                                  gpointer   probe,
                                  SlSocket  *socket,
                                  int        errsv,
                                  gint64     rtt_us);

/* Attempts to @port of @target, for @owner (not referenced: it owns them). */
SlTcpAttempts *sl_tcp_attempts_new         (GObject                       *owner,
                                            GSocketFamily                  family,
                                            const struct sockaddr_storage *target,
                                            socklen_t                      target_len,
                                            guint16                        port,
                                            SlTrace                       *trace,
                                            SlTcpAttemptDone               done);
void           sl_tcp_attempts_free        (SlTcpAttempts                 *self);
const struct sockaddr_storage *
               sl_tcp_attempts_get_target  (SlTcpAttempts                 *self);
/* A new TCP socket, to set options on before sl_tcp_attempts_connect (); NULL with
 * *out_errno when socket () failed. */
SlSocket      *sl_tcp_attempts_open        (SlTcpAttempts                 *self,
                                            int                           *out_errno);
/* Connects @socket (taken) for @probe, with no timeout of its own: the caller gives the
 * probe up with sl_tcp_attempts_abandon (). */
void           sl_tcp_attempts_connect     (SlTcpAttempts                 *self,
                                            gpointer                       probe,
                                            SlSocket                      *socket);
/* Closes the attempt's socket; done is not called for it. */
void           sl_tcp_attempts_abandon     (SlTcpAttempts                 *self,
                                            gpointer                       probe);
void           sl_tcp_attempts_abandon_all (SlTcpAttempts                 *self);

G_END_DECLS
