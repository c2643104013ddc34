/* sl-socket.h: one traced socket. It owns a descriptor and its main-loop watch, performs
 * each socket call and records it in an SlTrace as it really happened, and sends through
 * one queue with back-pressure. Every controller (connection, port check, server and its
 * peers, pinger, route) does its socket I/O through this class and nothing else.
 *
 * Calls that only say "try again later" (EAGAIN on a non-blocking socket) are not recorded:
 * they would drown the trace. Everything else is, with its result and errno.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <linux/errqueue.h>
#include <sys/socket.h>

#include "sl-trace.h"

G_BEGIN_DECLS

#define SL_TYPE_SOCKET (sl_socket_get_type ())

G_DECLARE_FINAL_TYPE (SlSocket, sl_socket, SL, SOCKET, GObject)

/* What the owner hears from the watch. Callbacks may close the socket or drop the owner's
 * last reference to it: the socket keeps itself alive while it calls them. */
typedef struct {
  /* Readable (while reading is on), or an error or hang-up (always): revents says which.
   * After G_IO_ERR / G_IO_HUP the owner must close the socket or stop reading. */
  void     (*ready)       (SlSocket     *socket,
                           GIOCondition  revents,
                           gpointer      user_data);
  /* One queued buffer has been handed to the kernel completely. */
  void     (*sent)        (SlSocket     *socket,
                           GBytes       *bytes,
                           gpointer      user_data);
  /* Sending the head of the queue failed with errsv; that buffer is dropped. Return TRUE to
   * go on with the rest (a lost datagram), FALSE when the socket is broken: the queue is
   * dropped and sending stops. */
  gboolean (*send_failed) (SlSocket     *socket,
                           GBytes       *bytes,
                           int           errsv,
                           gpointer      user_data);
  /* The queue shrank; sl_socket_get_queued () says how much is left. */
  void     (*flushed)     (SlSocket     *socket,
                           gpointer      user_data);
} SlSocketHandler;

/* What recvmsg () found besides the data. */
typedef struct {
  struct sockaddr_storage   from;
  socklen_t                 from_len;
  gint64                    kernel_time_ns;  /* SO_TIMESTAMPNS (CLOCK_REALTIME), 0 when none */
  int                       ttl;             /* IP_TTL / IPV6_HOPLIMIT, -1 when none */
  gboolean                  has_error;       /* an IP_RECVERR / IPV6_RECVERR report */
  struct sock_extended_err  error;
  struct sockaddr_storage   offender;        /* who sent the ICMP error */
  socklen_t                 offender_len;
} SlSocketMessage;

/* socket (family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol); NULL with *out_errno when
 * it fails. trace may be NULL. */
SlSocket    *sl_socket_open              (int                    family,
                                          int                    type,
                                          int                    protocol,
                                          SlTrace               *trace,
                                          int                   *out_errno);
/* A socket GIO created (GSocketClient): its socket () row is recorded now, as done by GIO. */
SlSocket    *sl_socket_new_for_gsocket   (GSocket               *gsocket,
                                          SlTrace               *trace);

int          sl_socket_get_fd            (SlSocket              *self);   /* -1 once closed */
int          sl_socket_get_family        (SlSocket              *self);   /* AF_INET, AF_INET6 */
int          sl_socket_get_sock_type     (SlSocket              *self);   /* SOCK_STREAM… */
int          sl_socket_get_protocol      (SlSocket              *self);   /* as the kernel chose it */
gboolean     sl_socket_is_closed         (SlSocket              *self);
SlTrace     *sl_socket_get_trace         (SlSocket              *self);

/* The calls. Those returning int give 0 or the errno they failed with. */
int          sl_socket_setsockopt_int    (SlSocket              *self,
                                          int                    level,
                                          int                    option,
                                          int                    value);
/* A non-integer option (a filter, a struct): @what describes it in the trace. */
int          sl_socket_setsockopt        (SlSocket              *self,
                                          int                    level,
                                          int                    option,
                                          const void            *value,
                                          socklen_t              length,
                                          const char            *what);
int          sl_socket_getsockopt_int    (SlSocket              *self,
                                          int                    level,
                                          int                    option,
                                          int                   *value);
/* getsockopt (TCP_INFO): the round-trip time the kernel measured for the handshake, in µs. */
int          sl_socket_get_tcp_rtt       (SlSocket              *self,
                                          gint64                *rtt_us);
int          sl_socket_bind              (SlSocket              *self,
                                          const struct sockaddr *address,
                                          socklen_t              length);
int          sl_socket_listen            (SlSocket              *self,
                                          int                    backlog);
int          sl_socket_getsockname       (SlSocket              *self,
                                          struct sockaddr_storage *address,
                                          socklen_t             *length);
/* accept4 (…, SOCK_NONBLOCK | SOCK_CLOEXEC): NULL with *out_errno set (EAGAIN when none waits). */
SlSocket    *sl_socket_accept            (SlSocket              *self,
                                          struct sockaddr_storage *peer,
                                          socklen_t             *peer_length,
                                          int                   *out_errno);
/* One non-blocking connect (): 0, EINPROGRESS, or the errno. */
int          sl_socket_connect           (SlSocket              *self,
                                          const struct sockaddr *address,
                                          socklen_t              length);
/* connect () and, for EINPROGRESS, wait for the socket to become writable and read
 * getsockopt (SO_ERROR); no answer within timeout_ms is ETIMEDOUT. The result is the errno
 * of the attempt (0: connected); it fails only when cancelled. */
void         sl_socket_connect_async     (SlSocket              *self,
                                          const struct sockaddr *address,
                                          socklen_t              length,
                                          guint                  timeout_ms,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
gboolean     sl_socket_connect_finish    (SlSocket              *self,
                                          GAsyncResult          *result,
                                          int                   *out_errno,
                                          gint64                *out_elapsed_us,
                                          GError               **error);
/* GIO connected (or failed to connect) this socket for us: records that connect (). */
void         sl_socket_record_gio_connect (SlSocket             *self,
                                          GSocketAddress        *address,
                                          int                    errsv,
                                          gint64                 elapsed_us);

/* -1 with *out_errno on failure; EAGAIN is returned but not recorded. */
gssize       sl_socket_send              (SlSocket              *self,
                                          const void            *data,
                                          gsize                  length,
                                          int                    flags,
                                          int                   *out_errno);
gssize       sl_socket_sendto            (SlSocket              *self,
                                          const void            *data,
                                          gsize                  length,
                                          int                    flags,
                                          const struct sockaddr *to,
                                          socklen_t              to_length,
                                          int                   *out_errno);
gssize       sl_socket_recv              (SlSocket              *self,
                                          void                  *buffer,
                                          gsize                  size,
                                          int                    flags,
                                          int                   *out_errno);
gssize       sl_socket_recvfrom          (SlSocket              *self,
                                          void                  *buffer,
                                          gsize                  size,
                                          int                    flags,
                                          struct sockaddr_storage *from,
                                          socklen_t             *from_length,
                                          int                   *out_errno);
/* Reads the timestamp, TTL and extended error control messages into @message; the trace row
 * shows the TTL, and for MSG_ERRQUEUE who reported which ICMP error. */
gssize       sl_socket_recvmsg           (SlSocket              *self,
                                          void                  *buffer,
                                          gsize                  size,
                                          int                    flags,
                                          SlSocketMessage       *message,
                                          int                   *out_errno);
int          sl_socket_shutdown          (SlSocket              *self,
                                          int                    how);
/* Stops the watch, drops the queue and closes the descriptor (recorded). Idempotent. */
void         sl_socket_close             (SlSocket              *self);
/* For an owner done with *socket: no more handler calls, closed, unreffed, NULL. NULL is
 * fine. */
void         sl_clear_socket             (SlSocket             **socket);

/* Whether send rows keep the bytes sent and receive rows a preview (default TRUE). Probes
 * whose bytes mean nothing to a student (ICMP echo requests) turn it off, so that their rows
 * read "64 bytes" and repeat identically. */
void         sl_socket_set_record_data   (SlSocket              *self,
                                          gboolean               record_data);

/* The watch. */
void         sl_socket_set_handler       (SlSocket              *self,
                                          const SlSocketHandler *handler,
                                          gpointer               user_data);
void         sl_socket_set_reading       (SlSocket              *self,
                                          gboolean               reading);
gboolean     sl_socket_get_reading       (SlSocket              *self);

/* The send queue: sends at once what the kernel takes, queues the rest and sends it when
 * the socket is writable. A datagram socket sends each buffer as one datagram. Callbacks
 * (sent, send_failed, flushed) may run before this returns. */
void         sl_socket_enqueue           (SlSocket              *self,
                                          GBytes                *bytes);
gsize        sl_socket_get_queued        (SlSocket              *self);
/* Back-pressure: the owner stops producing (stops reading a client whose replies pile up,
 * refuses a send) once the queue holds max-queued bytes. enqueue itself never refuses. */
gsize        sl_socket_get_max_queued    (SlSocket              *self);
void         sl_socket_set_max_queued    (SlSocket              *self,
                                          gsize                  max_queued);
/* Room left under max-queued, 0 when full. */
gsize        sl_socket_get_room          (SlSocket              *self);
/* Bytes the queue has handed to the kernel so far. */
guint64      sl_socket_get_bytes_sent    (SlSocket              *self);
/* Forgets what is queued; returns how many bytes were dropped. */
gsize        sl_socket_drop_queue        (SlSocket              *self);
/* Sends what the kernel takes right now, without waiting. */
void         sl_socket_flush             (SlSocket              *self);

G_END_DECLS
