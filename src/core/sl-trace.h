/* sl-trace.h: a bounded GListModel of socket calls really performed, as structured events.
 *
 * Each event says which call ran on which descriptor with which typed arguments, what it
 * returned and the errno — enough for the report and the code generator to rebuild the run
 * without parsing text — plus the line the Socket Calls panel shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/socket.h>

#include "sl-ring.h"

G_BEGIN_DECLS

#define SL_TYPE_TRACE_EVENT (sl_trace_event_get_type ())
#define SL_TYPE_TRACE       (sl_trace_get_type ())

G_DECLARE_FINAL_TYPE (SlTraceEvent, sl_trace_event, SL, TRACE_EVENT, GObject)
G_DECLARE_FINAL_TYPE (SlTrace, sl_trace, SL, TRACE, SlRing)

#define SL_TRACE_DEFAULT_MAX_EVENTS   10000
#define SL_TRACE_DEFAULT_MAX_BYTES    (8 * 1024 * 1024)
/* Bytes of a send()'s data kept in its event (what the code generator replays). */
#define SL_TRACE_DEFAULT_MAX_DATA     (64 * 1024)
/* Bytes of received data kept as a preview in a recv()'s event. */
#define SL_TRACE_RECEIVED_PREVIEW     64

typedef enum {
  SL_TRACE_CALL_GETADDRINFO,
  SL_TRACE_CALL_GETNAMEINFO,
  SL_TRACE_CALL_INET_PTON,
  SL_TRACE_CALL_INET_ATON,
  SL_TRACE_CALL_SOCKET,
  SL_TRACE_CALL_SETSOCKOPT,
  SL_TRACE_CALL_GETSOCKOPT,
  SL_TRACE_CALL_BIND,
  SL_TRACE_CALL_LISTEN,
  SL_TRACE_CALL_ACCEPT,
  SL_TRACE_CALL_CONNECT,
  SL_TRACE_CALL_GETSOCKNAME,
  SL_TRACE_CALL_SEND,
  SL_TRACE_CALL_SENDTO,
  SL_TRACE_CALL_RECV,
  SL_TRACE_CALL_RECVFROM,
  SL_TRACE_CALL_RECVMSG,
  SL_TRACE_CALL_POLL,
  SL_TRACE_CALL_SHUTDOWN,
  SL_TRACE_CALL_CLOSE,
} SlTraceCall;

/* What a caller fills in to record one call; unused fields stay as SL_TRACE_RECORD_INIT set
 * them. Pointers are copied: the caller keeps ownership. Which fields a call uses:
 *   getaddrinfo  host, port; result 0 or an EAI_* code; detail lists the addresses
 *   getnameinfo  address (the one looked up), host (the name it gave); result as getaddrinfo
 *   inet_pton    family, host; inet_aton: host
 *   socket       family, sock_type, protocol; result the new fd
 *   setsockopt   fd, level, option, value          getsockopt: the same, value as read
 *   bind         fd, address                        listen: fd, value (backlog)
 *   accept       fd; result the new fd, address the peer
 *   connect      fd, address
 *   getsockname  fd; address what it returned
 *   send         fd, data (the buffer passed), size, flags  sendto: and address (destination)
 *   recv         fd, size (buffer), flags, data (a preview)  recvfrom, recvmsg: and address (source);
 *                recvmsg also ttl and timestamp_ns
 *   poll         fd, value (timeout in ms), flags (events)
 *   shutdown     fd, value (SHUT_RD, SHUT_WR, SHUT_RDWR)    close: fd */
typedef struct {
  SlTraceCall            call;
  int                    fd;
  int                    family;
  int                    sock_type;
  int                    protocol;
  int                    level;
  int                    option;
  int                    value;
  int                    flags;
  gsize                  size;
  const struct sockaddr *address;
  socklen_t              address_len;
  const guint8          *data;
  gsize                  data_len;
  const char            *host;
  guint                  port;
  int                    ttl;           /* recvmsg: the TTL / hop limit it read, -1: none */
  gint64                 timestamp_ns;  /* recvmsg: the kernel's receive time (CLOCK_REALTIME), 0: none */
  /* Plain text after the call: "ttl=64", "completed by GIO after 0.3 ms". Never markup. */
  const char            *detail;
  gint64                 result;
  int                    errsv;     /* kept only when result < 0 (or SO_ERROR's value) */
  gint64                 duration_us;
} SlTraceRecord;

#define SL_TRACE_RECORD_INIT(the_call) \
  { .call = (the_call), .fd = -1, .family = AF_UNSPEC, .level = -1, .option = -1, .value = -1, \
    .ttl = -1, .duration_us = -1 }

const char   *sl_trace_call_to_string          (SlTraceCall    call);

SlTraceCall   sl_trace_event_get_call          (SlTraceEvent  *self);
const char   *sl_trace_event_get_call_name     (SlTraceEvent  *self);
int           sl_trace_event_get_fd            (SlTraceEvent  *self);
int           sl_trace_event_get_family        (SlTraceEvent  *self);
int           sl_trace_event_get_sock_type     (SlTraceEvent  *self);
int           sl_trace_event_get_protocol      (SlTraceEvent  *self);
int           sl_trace_event_get_level         (SlTraceEvent  *self);
int           sl_trace_event_get_option        (SlTraceEvent  *self);
int           sl_trace_event_get_value         (SlTraceEvent  *self);
int           sl_trace_event_get_flags         (SlTraceEvent  *self);
gsize         sl_trace_event_get_size          (SlTraceEvent  *self);
/* The address argument or result; NULL when the call has none. (transfer full) */
GInetSocketAddress *sl_trace_event_dup_address (SlTraceEvent  *self);
/* "127.0.0.1" / "::1" and the port of the address, NULL / 0 when none. */
const char   *sl_trace_event_get_address_host  (SlTraceEvent  *self);
guint         sl_trace_event_get_address_port  (SlTraceEvent  *self);
/* send/sendto: the buffer passed (at most the trace's max-data; result says how much of it
 * left); recv*: a preview of what arrived. */
GBytes       *sl_trace_event_get_data          (SlTraceEvent  *self);
/* TRUE when data holds fewer bytes than the call moved. */
gboolean      sl_trace_event_get_data_truncated (SlTraceEvent *self);
const char   *sl_trace_event_get_host          (SlTraceEvent  *self);
guint         sl_trace_event_get_port          (SlTraceEvent  *self);
const char   *sl_trace_event_get_detail        (SlTraceEvent  *self);
int           sl_trace_event_get_ttl           (SlTraceEvent  *self);
gint64        sl_trace_event_get_timestamp_ns  (SlTraceEvent  *self);
gint64        sl_trace_event_get_result        (SlTraceEvent  *self);
int           sl_trace_event_get_errno         (SlTraceEvent  *self);
/* Monotonic time of the (first) call, and how long it took when known (-1 otherwise). */
gint64        sl_trace_event_get_time_us       (SlTraceEvent  *self);
gint64        sl_trace_event_get_real_time_us  (SlTraceEvent  *self);
gint64        sl_trace_event_get_duration_us   (SlTraceEvent  *self);
/* Identical calls in a repeating cycle are folded into the rows of one cycle: how many
 * times this row's call happened, and when it last did. Notified at most ~10 times a second. */
guint64       sl_trace_event_get_count         (SlTraceEvent  *self);
gint64        sl_trace_event_get_last_time_us  (SlTraceEvent  *self);
/* How many rows the cycle this row repeats in has (1: the same call again and again), 0 when
 * it is not folded. The rows of a cycle are consecutive. */
guint         sl_trace_event_get_cycle_length  (SlTraceEvent  *self);
/* A failure that is part of normal operation (EINPROGRESS of a non-blocking connect). */
gboolean      sl_trace_event_is_expected       (SlTraceEvent  *self);
gboolean      sl_trace_event_is_failure        (SlTraceEvent  *self);
/* getaddrinfo () or getnameinfo () failed: the result is an EAI_* code, not -1 and errno. */
gboolean      sl_trace_event_is_lookup_failure (SlTraceEvent  *self);
/* The panel line: "connect(9, ('127.0.0.1', 5000)) = -1 ECONNREFUSED (Connection refused…)" */
char         *sl_trace_event_format            (SlTraceEvent  *self);
/* The call and its arguments only: "connect(9, ('127.0.0.1', 5000))" */
char         *sl_trace_event_format_call       (SlTraceEvent  *self);
/* " = 0", " = 9 → ('127.0.0.1', 40312)", " = -1 ECONNREFUSED" (no explanation) */
char         *sl_trace_event_format_result     (SlTraceEvent  *self);
/* What the call does, in one plain sentence, and what its error means (NULL when none). */
const char   *sl_trace_event_explain_call      (SlTraceEvent  *self);
char         *sl_trace_event_explain_error     (SlTraceEvent  *self);

/* max_events 0: SL_TRACE_DEFAULT_MAX_EVENTS. */
SlTrace      *sl_trace_new                     (guint                 max_events);
/* A NULL trace records nothing, so callers need no checks. */
void          sl_trace_append                  (SlTrace              *self,
                                                const SlTraceRecord  *record);
gsize         sl_trace_get_max_data            (SlTrace              *self);
void          sl_trace_set_max_data            (SlTrace              *self,
                                                gsize                 max_data);
void          sl_trace_clear                   (SlTrace              *self);
guint64       sl_trace_get_dropped             (SlTrace              *self);
/* Every call recorded, folded or not. */
guint64       sl_trace_get_n_calls             (SlTrace              *self);
/* One line of sl_trace_to_text (): "  0.000120  connect(…) = 0  ×3\n", its time counted
 * from @start_us (the first event's sl_trace_event_get_time_us ()). */
void          sl_trace_event_append_text       (SlTraceEvent         *self,
                                                gint64                start_us,
                                                GString              *out);
/* One event a line, times relative to the first event, for reports. */
char         *sl_trace_to_text                 (SlTrace              *self);

G_END_DECLS
