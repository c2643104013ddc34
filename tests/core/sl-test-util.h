/* sl-test-util.h: helpers for tests over real loopback sockets: iterate the main context
 * until a condition holds, echo servers, a listener that never accepts, fd and RSS counting,
 * peeking into list models, logs and traces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <netinet/in.h>

#include "sl-connection.h"
#include "sl-log.h"
#include "sl-probe-runner.h"
#include "sl-test-netns.h"
#include "sl-trace.h"

G_BEGIN_DECLS

#define SL_TEST_TIMEOUT_MS 10000

/* Iterates the default main context once, waking at deadline_us (monotonic) at the latest.
 * Returns FALSE once the deadline has passed. */
gboolean  sl_test_iterate_until   (gint64  deadline_us);

/* Iterates until EXPR holds; fails the test with EXPR's text after TIMEOUT_MS. */
#define SL_TEST_SPIN_UNTIL(expr, timeout_ms)                                        \
  G_STMT_START {                                                                    \
    gint64 sl_spin_deadline = g_get_monotonic_time () + (gint64) (timeout_ms) * 1000; \
    while (!(expr))                                                                 \
      if (!sl_test_iterate_until (sl_spin_deadline) && !(expr))                     \
        g_error ("%s:%d: timed out after %u ms waiting for: %s",                    \
                 __FILE__, __LINE__, (guint) (timeout_ms), #expr);                 \
  } G_STMT_END

/* Iterates the main context for ms milliseconds. */
void      sl_test_spin_for        (guint   ms);

/* Callback for any _async (): stores a reference to the result in the GAsyncResult ** given as
 * user_data. sl_test_wait_result () spins until it is there and returns it (transfer full). */
void          sl_test_store_result (GObject       *source,
                                    GAsyncResult  *result,
                                    gpointer       user_data);
GAsyncResult *sl_test_wait_result  (GAsyncResult **result);

/* Connects @connection and returns what connect_finish () says (it never completes within
 * the call to connect_async ()). */
gboolean  sl_test_connect          (SlConnection   *connection,
                                    GCancellable   *cancellable,
                                    GError        **error);
/* Runs a pinger or a route to its end and returns what run_finish () says; fails the test
 * if it still runs then. */
gboolean  sl_test_run_probe_runner (SlProbeRunner  *runner,
                                    GCancellable   *cancellable,
                                    GError        **error);

/* A "notify" handler that counts: g_signal_connect (o, "notify::p", G_CALLBACK (it), &n). */
void      sl_test_count_notify_cb  (GObject        *object,
                                    GParamSpec     *pspec,
                                    guint          *count);

/* Open file descriptors of this process, from /proc/self/fd. */
guint     sl_test_count_fds       (void);

/* The median of n values, sorting them in place; NAN when n is 0. */
double    sl_test_median          (double        *values,
                                   guint          n);
/* The value below which fraction (0 to 1) of them lie, by nearest rank; sorts in place too. */
double    sl_test_percentile      (double        *values,
                                   guint          n,
                                   double         fraction);

/* Resident set size of this process in bytes, from /proc/self/statm. */
gsize     sl_test_rss_bytes       (void);

/* The item at position, borrowed: the model keeps its own reference. Fails if there is none. */
gpointer  sl_test_item_at         (GListModel    *model,
                                   guint          position);
/* The same, typed, for a trace and a log. */
SlTraceEvent *sl_test_event_at    (SlTrace       *trace,
                                   guint          position);
SlLogEntry   *sl_test_entry_at    (SlLog         *log,
                                   guint          position);
/* Log entries of kind whose text contains needle. */
guint     sl_test_count_log       (SlLog         *log,
                                   SlLogKind      kind,
                                   const char    *needle);
/* Calls (folded rows count as many) of call that failed with errsv; errsv < 0 counts them all. */
guint     sl_test_count_calls     (SlTrace       *trace,
                                   const char    *call,
                                   int            errsv);

/* Runs "ip COMMAND" (iproute2) and fails the test unless it succeeds. Only for tests in a
 * network namespace of their own: what it changes must not touch the machine. */
void      sl_test_run_ip          (const char    *command);

/* In a namespace of the test's own: traffic to 198.18.0.0/15 (RFC 2544 benchmarking space)
 * leaves through a veth link towards a neighbour that does not exist, and is dropped without
 * an answer, so a connect () there can only time out. FALSE (with *reason) when the
 * namespace is not the test's own (no SL_TEST_ISOLATED) or veth links cannot be made. */
gboolean  sl_test_blackhole_198_18 (char         **reason);

/* TRUE when a socket can be bound to [::1]. */
gboolean  sl_test_ipv6_available  (void);

/* The loopback address of the family as a string: "127.0.0.1" or "::1". */
const char *sl_test_loopback      (GSocketFamily  family);

/* host:port (an IPv4 literal) as a struct sockaddr_in; fails the test for anything else. */
struct sockaddr_in sl_test_ipv4   (const char         *host,
                                   guint16             port);
/* 127.0.0.1:port as a struct sockaddr_in. */
void      sl_test_loopback_sockaddr (struct sockaddr_in *sin,
                                     guint16             port);
/* A blocking TCP socket connected to 127.0.0.1:port. The loopback handshake completes in the
 * kernel's backlog, so this does not wait for the server's main loop. Safe in any thread. */
int       sl_test_tcp_connect     (guint16        port);

/* A port nothing listens on right now: bound to loopback, read and closed. */
guint16   sl_test_free_port       (GSocketFamily  family,
                                   GSocketType    type);

/* An echo server on loopback: TCP (GSocketService, echoes each connection until EOF) or UDP
 * (echoes each datagram to its sender). */
typedef struct _SlTestEchoServer SlTestEchoServer;

SlTestEchoServer *sl_test_echo_server_new          (GSocketType       type,
                                                    GSocketFamily     family);
guint16           sl_test_echo_server_get_port     (SlTestEchoServer *self);
/* TCP connections accepted, or UDP datagrams echoed, so far. */
guint             sl_test_echo_server_get_n_served (SlTestEchoServer *self);
/* TCP connections still open on the server side. */
guint             sl_test_echo_server_get_n_open   (SlTestEchoServer *self);
/* Closes everything, iterating until the connections are gone. */
void              sl_test_echo_server_free         (SlTestEchoServer *self);

/* A TCP listener with a listen backlog of 0 that never accepts, its queue already filled, so
 * the next connect () gets no answer at all (the SYN is dropped) and can only time out. */
typedef struct _SlTestStuckListener SlTestStuckListener;

SlTestStuckListener *sl_test_stuck_listener_new      (GSocketFamily        family);
guint16              sl_test_stuck_listener_get_port (SlTestStuckListener *self);
void                 sl_test_stuck_listener_free     (SlTestStuckListener *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTestEchoServer, sl_test_echo_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTestStuckListener, sl_test_stuck_listener_free)

G_END_DECLS
