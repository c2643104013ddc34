/* sl-flow.c: the lab's "TCP socket flow" figure as data, built from the user's own traces.
 *
 * Building goes in four passes over the traces, each small and in its own section below:
 *   1. sockets: every row is given to the socket it acts on. A socket starts at its socket ()
 *      or at the accept () that returned it, and ends at its close (); descriptors are reused,
 *      so the number alone does not say which socket a row is about.
 *   2. choosing: the client connection is the LAST socket of the client trace with a
 *      connect () that is not a port check (a connect () = EINPROGRESS followed only by
 *      getsockopt (), poll () and close (): the port check and the TCP ping probe). On the
 *      server, the connection is the accepted socket whose peer (accept ()'s address) is the
 *      client's local address (its getsockname ()), and for UDP the listener's datagrams from
 *      and to that address. Without such a match one side is drawn alone, the other being
 *      "outside Socket Lab"; with no client, the server's latest listener and its latest
 *      accepted client (UDP: the source of its latest datagram).
 *   3. steps and arrows (3a, 3b): the lab's calls (lookups, getsockname, getsockopt, poll and the
 *      server's options on an accepted socket are Socket Lab's own work and are left out, as
 *      are EAGAIN / EINTR rows: they are in the Socket Calls panel). Data arrows pair the
 *      bytes in order, as TCP delivers them: an arrow from each send to each recv that got
 *      some of its bytes, with how many (UDP: datagrams). An end-of-stream arrow goes from
 *      the first shutdown () or close () of one side to the other side's recv () = 0.
 *   3c. a long run keeps its setup and its latest SL_FLOW_MAX_STEPS steps; a note in the
 *      figure stands for the calls between.
 *   4. rows: each lane goes down one row per step; an arrow's head is never above its tail
 *      and a handshake's two ends share a row; the calls before a lane's first arrow are then
 *      moved down next to it, as the textbook figure draws the client's socket () beside the
 *      server's accept ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/socket.h>

#include "sl-enums.h"
#include "sl-errno.h"
#include "sl-flow.h"
#include "sl-socket-util.h"

#define N_SIDES        2
#define PREVIEW_BYTES  16

typedef struct {
  SlTraceEvent *event;
  guint         lane;
  guint         visit;       /* its first visit: the order within the lane */
  guint64       count;       /* calls of the row on this socket */
  gint64        time_us;
  char         *label;
  char         *detail;
  gboolean      failure;
  gboolean      listening;   /* on the TCP listener: not part of the stream */
  gboolean      setup;       /* socket () to accept () and connect (): always drawn */
  guint         row;
} Step;

typedef struct {
  SlFlowArrowKind kind;
  guint           from;
  guint           to;
  char           *label;
  guint64         bytes;
  guint64         count;
  gboolean        failure;
} Arrow;

typedef struct {
  gboolean  outside;
  char     *title;
  char     *subtitle;
} Lane;

struct _SlFlow
{
  GObject     parent_instance;

  SlTrace    *traces[N_SIDES];
  gulong      trace_handlers[N_SIDES];
  SlFlowSide  preferred_side;
  gboolean    outdated;

  gboolean    empty;
  gboolean    paired;
  SlProtocol  protocol;
  Lane        lanes[N_SIDES];
  GArray     *steps;         /* Step, in time order */
  GArray     *arrows;        /* Arrow */
  guint       n_rows;
  guint       n_hidden;      /* steps left out between the setup and the latest ones */
  guint       hidden_row;
};

enum {
  PROP_0,
  PROP_CLIENT_TRACE,
  PROP_SERVER_TRACE,
  PROP_PREFERRED_SIDE,
  N_PROPS
};

enum {
  OUTDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SlFlow, sl_flow, G_TYPE_OBJECT)

static void
step_clear (gpointer data)
{
  Step *step = data;

  g_clear_object (&step->event);
  g_clear_pointer (&step->label, g_free);
  g_clear_pointer (&step->detail, g_free);
}

static void
arrow_clear (gpointer data)
{
  g_clear_pointer (&((Arrow *) data)->label, g_free);
}

/* ---- 1. sockets ---------------------------------------------------------------------- */

/* The trace folds repeated cycles: "send, recv ×3" is two rows standing for six calls, and
 * the second connect of a page can fold its inet_pton () and socket () into the rows of the
 * first. Parsing walks the calls in the order they happened, as visits of rows: the full
 * repetitions of a cycle (with nothing in it that opens or closes a socket) are one visit
 * of each row, and the rows of its last, partial repetition a second, later visit — a
 * cycle broken halfway ("recv" folds whatever arrived; the next "send" differed) put calls
 * of two moments in one row. A cycle that opens or closes sockets is walked repetition by
 * repetition — its first, and its last full and partial ones: the ones in between only
 * repeat sockets that came and went. */
typedef struct {
  guint    pos;      /* the row */
  guint64  mult;     /* calls of the row this visit stands for */
  gboolean later;    /* not the row's first call: it happened by its last time */
} Visit;

typedef struct {
  guint   index;         /* in Parsed.socks */
  int     fd;
  int     type;          /* SOCK_STREAM or SOCK_DGRAM */
  GArray *visits;        /* guint: indices of its visits, in order (accept () stays the listener's) */
  int     listener;      /* the socket that accepted it, -1 */
  guint   accept_pos;    /* the row of that accept () */
  guint   accept_visit;
} Sock;

/* All rows of one trace, their visits and the sockets. */
typedef struct {
  GPtrArray *events;     /* SlTraceEvent, owned */
  GArray    *visits;     /* Visit */
  GPtrArray *socks;      /* Sock */
} Parsed;

static void
sock_free (gpointer data)
{
  Sock *sock = data;

  g_array_unref (sock->visits);
  g_free (sock);
}

static SlTraceEvent *
event_at (Parsed *parsed,
          guint   pos)
{
  return g_ptr_array_index (parsed->events, pos);
}

static Visit *
sock_visit (Parsed *parsed,
            Sock   *sock,
            guint   i)
{
  return &g_array_index (parsed->visits, Visit, g_array_index (sock->visits, guint, i));
}

static SlTraceEvent *
sock_event (Parsed *parsed,
            Sock   *sock,
            guint   i)
{
  return event_at (parsed, sock_visit (parsed, sock, i)->pos);
}

static int
plain_type (int sock_type)
{
  return sock_type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
}

static Sock *
sock_new (Parsed *parsed,
          int     fd,
          int     type)
{
  Sock *sock = g_new0 (Sock, 1);

  sock->fd = fd;
  sock->type = plain_type (type) == SOCK_DGRAM ? SOCK_DGRAM : SOCK_STREAM;
  sock->visits = g_array_new (FALSE, FALSE, sizeof (guint));
  sock->listener = -1;
  sock->index = parsed->socks->len;
  g_ptr_array_add (parsed->socks, sock);
  return sock;
}

/* The open socket fd names; a row about a descriptor whose socket () the trace no longer
 * holds (the oldest rows are dropped) starts one. */
static Sock *
open_sock (Parsed       *parsed,
           GHashTable   *open,
           SlTraceEvent *event)
{
  int fd = sl_trace_event_get_fd (event);
  Sock *sock = g_hash_table_lookup (open, GINT_TO_POINTER (fd));

  if (sock == NULL)
    {
      sock = sock_new (parsed, fd, sl_trace_event_get_sock_type (event));
      g_hash_table_insert (open, GINT_TO_POINTER (fd), sock);
    }
  return sock;
}

static void
sock_add (Sock  *sock,
          guint  visit)
{
  g_array_append_val (sock->visits, visit);
}

static gboolean
opens_or_closes (SlTraceEvent *event)
{
  SlTraceCall call = sl_trace_event_get_call (event);

  return call == SL_TRACE_CALL_SOCKET || call == SL_TRACE_CALL_CLOSE ||
         (call == SL_TRACE_CALL_ACCEPT && sl_trace_event_get_result (event) >= 0);
}

static void
add_visit (Parsed   *parsed,
           guint     pos,
           guint64   mult,
           gboolean  later)
{
  Visit visit = { pos, mult, later };

  g_array_append_val (parsed->visits, visit);
}

/* The visits of the cycle of length rows starting at row first. */
static void
walk_cycle (Parsed *parsed,
            guint   first,
            guint   length)
{
  guint64 most = sl_trace_event_get_count (event_at (parsed, first));
  guint64 full = sl_trace_event_get_count (event_at (parsed, first + length - 1));
  gboolean lifecycle = FALSE;

  for (guint i = 0; i < length; i++)
    lifecycle |= opens_or_closes (event_at (parsed, first + i));
  if (!lifecycle)
    {
      /* The full repetitions, then the rows of the partial one: they came after. */
      for (guint i = 0; i < length; i++)
        add_visit (parsed, first + i, full, FALSE);
      for (guint i = 0; i < length; i++)
        if (sl_trace_event_get_count (event_at (parsed, first + i)) > full)
          add_visit (parsed, first + i, sl_trace_event_get_count (event_at (parsed, first + i)) - full, TRUE);
      return;
    }
  /* Repetition k has the rows counted more than k times. */
  for (guint64 k = 0; k < most; k++)
    {
      if (k > 0 && k + 1 < full)
        k = full - 1;
      for (guint i = 0; i < length; i++)
        if (sl_trace_event_get_count (event_at (parsed, first + i)) > k)
          add_visit (parsed, first + i, 1, k > 0);
    }
}

static void
walk_rows (Parsed *parsed)
{
  guint n = parsed->events->len;

  for (guint pos = 0; pos < n; )
    {
      guint length = sl_trace_event_get_cycle_length (event_at (parsed, pos));

      if (length == 0 || pos + length > n)
        {
          add_visit (parsed, pos, sl_trace_event_get_count (event_at (parsed, pos)), FALSE);
          pos++;
          continue;
        }
      walk_cycle (parsed, pos, length);
      pos += length;
    }
}

static void
parse (Parsed  *parsed,
       SlTrace *trace)
{
  g_autoptr(GHashTable) open = g_hash_table_new (NULL, NULL);
  guint n = trace != NULL ? g_list_model_get_n_items (G_LIST_MODEL (trace)) : 0;

  parsed->events = g_ptr_array_new_full (n, g_object_unref);
  parsed->visits = g_array_new (FALSE, FALSE, sizeof (Visit));
  parsed->socks = g_ptr_array_new_with_free_func (sock_free);
  for (guint pos = 0; pos < n; pos++)
    g_ptr_array_add (parsed->events, g_list_model_get_item (G_LIST_MODEL (trace), pos));
  walk_rows (parsed);

  for (guint v = 0; v < parsed->visits->len; v++)
    {
      guint pos = g_array_index (parsed->visits, Visit, v).pos;
      SlTraceEvent *event = event_at (parsed, pos);
      gint64 result = sl_trace_event_get_result (event);
      int fd = sl_trace_event_get_fd (event);
      Sock *sock;

      switch (sl_trace_event_get_call (event))
        {
        case SL_TRACE_CALL_GETADDRINFO:
        case SL_TRACE_CALL_INET_PTON:
        case SL_TRACE_CALL_INET_ATON:
          break;
        case SL_TRACE_CALL_SOCKET:
          sock = sock_new (parsed, (int) result, sl_trace_event_get_sock_type (event));
          sock_add (sock, v);
          if (result >= 0)
            g_hash_table_insert (open, GINT_TO_POINTER ((int) result), sock);
          break;
        case SL_TRACE_CALL_ACCEPT:
          {
            Sock *listener = open_sock (parsed, open, event);

            sock_add (listener, v);
            if (result < 0)
              break;
            sock = sock_new (parsed, (int) result, listener->type);
            sock->listener = (int) listener->index;
            sock->accept_pos = pos;
            sock->accept_visit = v;
            g_hash_table_insert (open, GINT_TO_POINTER ((int) result), sock);
          }
          break;
        default:
          if (fd < 0)
            break;
          sock = open_sock (parsed, open, event);
          sock_add (sock, v);
          if (sl_trace_event_get_call (event) == SL_TRACE_CALL_CLOSE)
            g_hash_table_remove (open, GINT_TO_POINTER (fd));
          break;
        }
    }
}

static void
parsed_clear (Parsed *parsed)
{
  g_clear_pointer (&parsed->socks, g_ptr_array_unref);
  g_clear_pointer (&parsed->visits, g_array_unref);
  g_clear_pointer (&parsed->events, g_ptr_array_unref);
}

/* The first row of sock with call, or NULL. */
static SlTraceEvent *
sock_find (Parsed      *parsed,
           Sock        *sock,
           SlTraceCall  call)
{
  for (guint i = 0; i < sock->visits->len; i++)
    if (sl_trace_event_get_call (sock_event (parsed, sock, i)) == call)
      return sock_event (parsed, sock, i);
  return NULL;
}

/* What a successful getsockname () of sock returned, or NULL. */
static SlTraceEvent *
sock_local (Parsed *parsed,
            Sock   *sock)
{
  for (guint i = 0; i < sock->visits->len; i++)
    {
      SlTraceEvent *event = sock_event (parsed, sock, i);

      if (sl_trace_event_get_call (event) == SL_TRACE_CALL_GETSOCKNAME &&
          sl_trace_event_get_result (event) == 0 && sl_trace_event_get_address_host (event) != NULL)
        return event;
    }
  return NULL;
}

static gboolean
is_data_call (SlTraceCall call)
{
  return call == SL_TRACE_CALL_SEND || call == SL_TRACE_CALL_SENDTO ||
         call == SL_TRACE_CALL_RECV || call == SL_TRACE_CALL_RECVFROM || call == SL_TRACE_CALL_RECVMSG;
}

static gboolean
is_send_call (SlTraceCall call)
{
  return call == SL_TRACE_CALL_SEND || call == SL_TRACE_CALL_SENDTO;
}

/* The port check's and the TCP ping's probes: a non-blocking connect () whose outcome is
 * only read back (SO_ERROR, TCP_INFO), then closed. Nothing a student would call a client. */
static gboolean
is_probe (Parsed *parsed,
          Sock   *sock)
{
  SlTraceEvent *connect = sock_find (parsed, sock, SL_TRACE_CALL_CONNECT);

  if (connect == NULL || sl_trace_event_get_errno (connect) != EINPROGRESS)
    return FALSE;
  for (guint i = 0; i < sock->visits->len; i++)
    {
      SlTraceCall call = sl_trace_event_get_call (sock_event (parsed, sock, i));

      if (call != SL_TRACE_CALL_SOCKET && call != SL_TRACE_CALL_CONNECT && call != SL_TRACE_CALL_GETSOCKOPT &&
          call != SL_TRACE_CALL_POLL && call != SL_TRACE_CALL_CLOSE)
        return FALSE;
    }
  return TRUE;
}

/* ---- 2. choosing the connection ------------------------------------------------------ */

/* Hosts compare without the IPv4-mapped prefix a dual-stack listener reports. */
static const char *
plain_host (const char *host)
{
  if (host != NULL && g_ascii_strncasecmp (host, "::ffff:", 7) == 0 && strchr (host + 7, ':') == NULL)
    return host + 7;
  return host;
}

static gboolean
same_address (SlTraceEvent *a,
              SlTraceEvent *b)
{
  const char *host_a = plain_host (sl_trace_event_get_address_host (a));
  const char *host_b = plain_host (sl_trace_event_get_address_host (b));

  return host_a != NULL && host_b != NULL && g_ascii_strcasecmp (host_a, host_b) == 0 &&
         sl_trace_event_get_address_port (a) == sl_trace_event_get_address_port (b);
}

static Sock *
find_client (Parsed *parsed)
{
  for (guint i = parsed->socks->len; i > 0; i--)
    {
      Sock *sock = g_ptr_array_index (parsed->socks, i - 1);

      if (sock->listener < 0 && sock_find (parsed, sock, SL_TRACE_CALL_CONNECT) != NULL &&
          !is_probe (parsed, sock))
        return sock;
    }
  return NULL;
}

/* A listening socket: TCP once it called listen (), UDP once it called bind () — or a socket
 * that tried to and failed there, so that EADDRINUSE shows. */
static gboolean
is_listener (Parsed *parsed,
             Sock   *sock)
{
  if (sock->listener >= 0 || sock_find (parsed, sock, SL_TRACE_CALL_CONNECT) != NULL)
    return FALSE;
  return sock_find (parsed, sock, SL_TRACE_CALL_LISTEN) != NULL ||
         sock_find (parsed, sock, SL_TRACE_CALL_BIND) != NULL;
}

static Sock *
find_last_listener (Parsed *parsed,
                    int     type)
{
  for (guint i = parsed->socks->len; i > 0; i--)
    {
      Sock *sock = g_ptr_array_index (parsed->socks, i - 1);

      if ((type == 0 || sock->type == type) && is_listener (parsed, sock))
        return sock;
    }
  return NULL;
}

/* The accepted socket whose peer is address (NULL: the latest one of listener). */
static Sock *
find_accepted (Parsed       *parsed,
               Sock         *listener,
               SlTraceEvent *address)
{
  for (guint i = parsed->socks->len; i > 0; i--)
    {
      Sock *sock = g_ptr_array_index (parsed->socks, i - 1);
      SlTraceEvent *accept;

      if (sock->listener < 0)
        continue;
      accept = event_at (parsed, sock->accept_pos);
      if (address != NULL ? same_address (accept, address)
                          : g_ptr_array_index (parsed->socks, sock->listener) == listener)
        return sock;
    }
  return NULL;
}

/* The UDP listener that got a datagram from address (the latest such listener). */
static Sock *
find_udp_listener (Parsed       *parsed,
                   SlTraceEvent *address)
{
  for (guint i = parsed->socks->len; i > 0; i--)
    {
      Sock *sock = g_ptr_array_index (parsed->socks, i - 1);

      if (sock->type != SOCK_DGRAM || !is_listener (parsed, sock))
        continue;
      for (guint j = 0; j < sock->visits->len; j++)
        {
          SlTraceEvent *event = sock_event (parsed, sock, j);

          if (sl_trace_event_get_call (event) == SL_TRACE_CALL_RECVFROM && same_address (event, address))
            return sock;
        }
    }
  return NULL;
}

/* The source of the latest datagram a UDP listener received, or NULL. */
static SlTraceEvent *
last_udp_source (Parsed *parsed,
                 Sock   *listener)
{
  for (guint i = listener->visits->len; i > 0; i--)
    {
      SlTraceEvent *event = sock_event (parsed, listener, i - 1);
      SlTraceCall call = sl_trace_event_get_call (event);

      if ((call == SL_TRACE_CALL_RECVFROM || call == SL_TRACE_CALL_RECVMSG) &&
          sl_trace_event_get_result (event) >= 0 && sl_trace_event_get_address_host (event) != NULL)
        return event;
    }
  return NULL;
}

/* ---- 3a. steps ----------------------------------------------------------------------- */

/* What one build works on: both traces' rows, the sockets chosen and the steps so far. */
typedef struct {
  SlFlow       *self;
  Parsed        parsed[N_SIDES];
  Sock         *client;
  Sock         *listener;
  Sock         *accepted;
  SlTraceEvent *remote;      /* the far end's address: a connect (), accept () or recvfrom () row */
  GArray       *lane_steps[N_SIDES];   /* Step, in trace order */
  GArray       *order[N_SIDES];        /* guint: each lane's steps, as indices in self->steps */
} Build;

static char *
address_text (SlTraceEvent *event)
{
  const char *host = sl_trace_event_get_address_host (event);

  if (host == NULL)
    return NULL;
  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", host, sl_trace_event_get_address_port (event));
  return g_strdup_printf ("%s:%u", host, sl_trace_event_get_address_port (event));
}

/* Python's address tuple, as the Socket Calls panel prints it: ('127.0.0.1', 5000) */
static char *
address_tuple (SlTraceEvent *event)
{
  const char *host = sl_trace_event_get_address_host (event);

  return g_strdup_printf ("('%s', %u)", host != NULL ? host : "", sl_trace_event_get_address_port (event));
}

static char *
bytes_text (guint64 n)
{
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s byte", "%s bytes", n), number);
}

static const char *
errno_text (int errsv)
{
  const char *name = sl_errno_name (errsv);

  return name != NULL ? name : "E?";
}

static char *
failed_text (int errsv)
{
  /* TRANSLATORS: the errno name of a failed call, like "failed: ECONNREFUSED" */
  return g_strdup_printf (_("failed: %s"), errno_text (errsv));
}

static char *
preview_text (SlTraceEvent *event)
{
  GBytes *data = sl_trace_event_get_data (event);
  gsize len = 0;
  const guint8 *bytes = data != NULL ? g_bytes_get_data (data, &len) : NULL;
  gint64 result = sl_trace_event_get_result (event);
  g_autofree char *literal = NULL;
  gsize shown;

  if (bytes == NULL || len == 0 || result <= 0)
    return NULL;
  shown = MIN (MIN (len, (gsize) result), PREVIEW_BYTES);
  literal = sl_bytes_to_python_literal (bytes, shown);
  return shown < (gsize) result ? g_strconcat (literal, "…", NULL) : g_steal_pointer (&literal);
}

/* A non-blocking connect () = EINPROGRESS really failed when SO_ERROR said so afterwards. */
static int
connect_errno (Parsed       *parsed,
               Sock         *sock,
               SlTraceEvent *connect)
{
  int errsv = sl_trace_event_get_errno (connect);

  if (errsv != EINPROGRESS)
    return sl_trace_event_get_result (connect) < 0 ? errsv : 0;
  for (guint i = 0; i < sock->visits->len; i++)
    {
      SlTraceEvent *event = sock_event (parsed, sock, i);

      /* Either getsockopt () failed, or it read the connect's own error: errno has it. */
      if (sl_trace_event_get_call (event) == SL_TRACE_CALL_GETSOCKOPT &&
          sl_trace_event_get_level (event) == SOL_SOCKET && sl_trace_event_get_option (event) == SO_ERROR)
        return sl_trace_event_get_errno (event);
      if (sl_trace_event_get_call (event) == SL_TRACE_CALL_POLL && sl_trace_event_get_result (event) == 0)
        return ETIMEDOUT;
    }
  return 0;
}

/* The label and detail of a row, or FALSE when the row is not one of the lab's steps. */
static gboolean
describe_step (Build        *build,
               guint         side,
               Sock         *sock,
               SlTraceEvent *event,
               guint64       count,
               Step         *step)
{
  Parsed *parsed = &build->parsed[side];
  SlTraceCall call = sl_trace_event_get_call (event);
  gint64 result = sl_trace_event_get_result (event);
  int errsv = sl_trace_event_get_errno (event);
  gboolean failed = result < 0;
  g_autofree char *label = NULL;
  g_autofree char *detail = NULL;

  /* Waiting is not a step: the non-blocking call just said "not now". */
  if (failed && (errsv == EAGAIN || errsv == EWOULDBLOCK || errsv == EINTR))
    return FALSE;

  switch (call)
    {
    case SL_TRACE_CALL_SOCKET:
      label = g_strdup ("socket()");
      if (!failed)
        detail = g_strdup_printf ("%s, %s → fd %" G_GINT64_FORMAT,
                                  sl_address_family_name (sl_trace_event_get_family (event)),
                                  sock->type == SOCK_DGRAM ? "SOCK_DGRAM" : "SOCK_STREAM", result);
      break;
    case SL_TRACE_CALL_SETSOCKOPT:
      /* The server's options on an accepted socket (TCP_NODELAY) are Socket Lab's tuning. */
      if (sock->listener >= 0)
        return FALSE;
      {
        const char *option = sl_socket_option_name (sl_trace_event_get_level (event),
                                                    sl_trace_event_get_option (event));
        label = g_strdup ("setsockopt()");
        if (!failed)
          detail = g_strdup_printf ("%s = %d", option != NULL ? option : "?", sl_trace_event_get_value (event));
      }
      break;
    case SL_TRACE_CALL_BIND:
      {
        g_autofree char *tuple = address_tuple (event);
        SlTraceEvent *local = sock_local (parsed, sock);

        label = g_strdup_printf ("bind(%s)", tuple);
        if (!failed && sl_trace_event_get_address_port (event) == 0 && local != NULL)
          /* TRANSLATORS: after bind () to port 0 */
          detail = g_strdup_printf (_("the system chose port %u"), sl_trace_event_get_address_port (local));
      }
      break;
    case SL_TRACE_CALL_LISTEN:
      label = g_strdup_printf ("listen(%d)", sl_trace_event_get_value (event));
      break;
    case SL_TRACE_CALL_ACCEPT:
      /* Only the accept () of the connection drawn (a folded row may stand for others too). */
      if (build->accepted == NULL || step->visit != build->accepted->accept_visit)
        return FALSE;
      {
        g_autofree char *peer = address_text (event);

        label = g_strdup_printf ("accept() → fd %" G_GINT64_FORMAT, result);
        if (peer != NULL)
          /* TRANSLATORS: the address of the client accept () returned */
          detail = g_strdup_printf (_("client %s"), peer);
      }
      break;
    case SL_TRACE_CALL_CONNECT:
      {
        g_autofree char *tuple = address_tuple (event);
        SlTraceEvent *local = sock_local (parsed, sock);
        int outcome = connect_errno (parsed, sock, event);

        label = g_strdup_printf ("connect(%s)", tuple);
        failed = outcome != 0;
        errsv = outcome;
        if (!failed && sock->type == SOCK_DGRAM)
          /* Translators: a note under a UDP connect () in the flow diagram; send() is the system
           * call: keep its name. */
          detail = g_strdup (_("UDP: only sets where send() goes, sends nothing"));
        else if (!failed && local != NULL)
          {
            g_autofree char *from = address_text (local);
            /* TRANSLATORS: the client's own address, after connect () */
            detail = g_strdup_printf (_("from %s"), from);
          }
      }
      break;
    case SL_TRACE_CALL_SEND:
    case SL_TRACE_CALL_SENDTO:
    case SL_TRACE_CALL_RECV:
    case SL_TRACE_CALL_RECVFROM:
    case SL_TRACE_CALL_RECVMSG:
      /* A UDP listener serves everyone: only the datagrams of the far end drawn. */
      if (sock->type == SOCK_DGRAM && sock == build->listener && build->remote != NULL &&
          (call == SL_TRACE_CALL_SENDTO || call == SL_TRACE_CALL_RECVFROM || call == SL_TRACE_CALL_RECVMSG) &&
          !same_address (event, build->remote))
        return FALSE;
      if (failed)
        label = g_strdup_printf ("%s()", sl_trace_event_get_call_name (event));
      else if (result == 0 && !is_send_call (call))
        {
          label = g_strdup_printf ("%s() → 0", sl_trace_event_get_call_name (event));
          detail = g_strdup (sock->type == SOCK_STREAM ? _("end of stream: the other side closed")
                                                       : _("an empty datagram"));
        }
      else
        {
          g_autofree char *bytes = bytes_text ((guint64) result);

          label = g_strdup_printf ("%s() → %s", sl_trace_event_get_call_name (event), bytes);
          /* A folded receive's row keeps only its first call's bytes, which need not be these:
           * like the Socket Calls panel, show them only for a row of one call. */
          if (is_send_call (call) || sl_trace_event_get_count (event) == 1)
            detail = preview_text (event);
        }
      break;
    case SL_TRACE_CALL_SHUTDOWN:
      {
        int how = sl_trace_event_get_value (event);

        label = g_strdup_printf ("shutdown(%s)", how == SHUT_RD ? "SHUT_RD" : how == SHUT_WR ? "SHUT_WR" : "SHUT_RDWR");
      }
      break;
    case SL_TRACE_CALL_CLOSE:
      label = g_strdup ("close()");
      if (side == SL_FLOW_SIDE_SERVER && sock == build->listener && build->listener->type == SOCK_STREAM)
        /* TRANSLATORS: the server closes the socket it listened on, not the client's */
        detail = g_strdup_printf (_("listening socket, fd %d"), sl_trace_event_get_fd (event));
      else
        detail = g_strdup_printf (_("fd %d"), sl_trace_event_get_fd (event));
      break;
    case SL_TRACE_CALL_GETADDRINFO:
    case SL_TRACE_CALL_INET_PTON:
    case SL_TRACE_CALL_INET_ATON:
    case SL_TRACE_CALL_GETSOCKOPT:
    case SL_TRACE_CALL_GETSOCKNAME:
    case SL_TRACE_CALL_POLL:
    default:
      return FALSE;
    }

  if (failed)
    {
      g_clear_pointer (&detail, g_free);
      detail = failed_text (errsv);
    }
  if (count > 1)
    {
      g_autofree char *plain = g_steal_pointer (&label);
      label = g_strdup_printf ("%s ×%" G_GUINT64_FORMAT, plain, count);
    }
  step->event = g_object_ref (event);
  step->lane = side;
  step->label = g_steal_pointer (&label);
  step->detail = g_steal_pointer (&detail);
  step->failure = failed;
  return TRUE;
}

/* One step per visit of sock, in order; visits of the same row one after the other on this
 * socket (a cycle whose other rows are another socket's) are one step with their calls
 * added up. */
static void
add_sock_steps (Build *build,
                guint  side,
                Sock  *sock)
{
  Parsed *parsed = &build->parsed[side];
  g_autoptr(GArray) visits = NULL;

  if (sock == NULL)
    return;
  visits = g_array_new (FALSE, TRUE, sizeof (Step));
  for (guint i = 0; i < sock->visits->len; i++)
    {
      Visit *visit = sock_visit (parsed, sock, i);
      SlTraceEvent *event = event_at (parsed, visit->pos);
      Step step = { .visit = g_array_index (sock->visits, guint, i), .count = visit->mult };

      if (i > 0 && sock_visit (parsed, sock, i - 1)->pos == visit->pos)
        {
          g_array_index (visits, Step, visits->len - 1).count += visit->mult;
          continue;
        }
      step.time_us = visit->later ? sl_trace_event_get_last_time_us (event) : sl_trace_event_get_time_us (event);
      step.event = event;   /* borrowed until described */
      g_array_append_val (visits, step);
    }
  for (guint i = 0; i < visits->len; i++)
    {
      Step step = g_array_index (visits, Step, i);

      if (describe_step (build, side, sock, step.event, step.count, &step))
        {
          SlTraceCall call = sl_trace_event_get_call (step.event);

          step.listening = sock == build->listener && sock->type == SOCK_STREAM;
          step.setup = call == SL_TRACE_CALL_SOCKET || call == SL_TRACE_CALL_SETSOCKOPT ||
                       call == SL_TRACE_CALL_BIND || call == SL_TRACE_CALL_LISTEN ||
                       call == SL_TRACE_CALL_ACCEPT || call == SL_TRACE_CALL_CONNECT;
          g_array_append_val (build->lane_steps[side], step);
        }
    }
}

static int
compare_visits (gconstpointer a,
                gconstpointer b)
{
  guint va = ((const Step *) a)->visit, vb = ((const Step *) b)->visit;

  return va < vb ? -1 : va > vb;
}

/* Both lanes into self->steps, by the trace clock (the same monotonic clock for all traces). */
static void
merge_lanes (Build *build)
{
  GArray *steps = build->self->steps;
  guint next[N_SIDES] = { 0, 0 };

  for (guint side = 0; side < N_SIDES; side++)
    g_array_sort (build->lane_steps[side], compare_visits);
  for (;;)
    {
      int pick = -1;
      gint64 best = G_MAXINT64;
      guint index;

      for (guint side = 0; side < N_SIDES; side++)
        if (next[side] < build->lane_steps[side]->len)
          {
            Step *step = &g_array_index (build->lane_steps[side], Step, next[side]);
            gint64 time = step->time_us;

            if (pick < 0 || time < best)
              {
                pick = (int) side;
                best = time;
              }
          }
      if (pick < 0)
        break;
      g_array_append_val (steps, g_array_index (build->lane_steps[pick], Step, next[pick]));
      index = steps->len - 1;
      g_array_append_val (build->order[pick], index);
      next[pick]++;
    }
  /* The steps moved into self->steps: only the lane arrays' shells are left to free. */
  for (guint side = 0; side < N_SIDES; side++)
    g_array_set_size (build->lane_steps[side], 0);
}

/* ---- 3b. arrows ---------------------------------------------------------------------- */

static Step *
step_at (SlFlow *self,
         guint   index)
{
  return &g_array_index (self->steps, Step, index);
}

static void
add_arrow (SlFlow          *self,
           SlFlowArrowKind  kind,
           guint            from,
           guint            to,
           char            *label,
           guint64          bytes,
           guint64          count,
           gboolean         failure)
{
  Arrow arrow = { kind, from, to, label, bytes, count, failure };

  g_array_append_val (self->arrows, arrow);
}

static char *
data_label (guint64 bytes,
            guint64 count)
{
  g_autofree char *text = bytes_text (bytes);

  if (count > 1)
    return g_strdup_printf ("%s ×%" G_GUINT64_FORMAT, text, count);
  return g_steal_pointer (&text);
}

/* The successful sends (or receives with data) of a lane, as step indices. */
static GArray *
data_steps (Build    *build,
            guint     side,
            gboolean  sending)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *order = build->order[side];

  for (guint i = 0; i < order->len; i++)
    {
      guint index = g_array_index (order, guint, i);
      SlTraceEvent *event = step_at (build->self, index)->event;
      SlTraceCall call = sl_trace_event_get_call (event);

      if (is_data_call (call) && is_send_call (call) == sending && sl_trace_event_get_result (event) > 0)
        g_array_append_val (out, index);
    }
  return out;
}

/* What a data step moved, in the unit the transport keeps: bytes of a stream, datagrams. */
static guint64
units (SlFlow   *self,
       guint     index,
       gboolean  stream)
{
  SlTraceEvent *event = step_at (self, index)->event;
  guint64 count = step_at (self, index)->count;

  return stream ? (guint64) sl_trace_event_get_result (event) * count : count;
}

static void
add_data_arrows (Build    *build,
                 guint     from_side,
                 gboolean  stream)
{
  SlFlow *self = build->self;
  guint to_side = 1 - from_side;
  g_autoptr(GArray) sends = data_steps (build, from_side, TRUE);
  g_autoptr(GArray) receives = data_steps (build, to_side, FALSE);
  gboolean outside = self->lanes[to_side].outside;
  guint64 sent = 0, received = 0;
  guint j = 0;

  for (guint i = 0; i < sends->len; i++)
    {
      guint send = g_array_index (sends, guint, i);
      SlTraceEvent *event = step_at (self, send)->event;
      guint64 bytes = (guint64) sl_trace_event_get_result (event);
      guint64 count = step_at (self, send)->count;
      guint64 start = sent, end = sent + units (self, send, stream);
      guint64 at;

      sent = end;
      if (outside)
        {
          add_arrow (self, SL_FLOW_ARROW_DATA, send, SL_FLOW_OUTSIDE, data_label (bytes, count), bytes, count, FALSE);
          continue;
        }
      /* Each receive that got some of this send's bytes (or datagrams), with how many. */
      while (j < receives->len && received + units (self, g_array_index (receives, guint, j), stream) <= start)
        received += units (self, g_array_index (receives, guint, j++), stream);
      at = received;
      for (guint k = j; k < receives->len && at < end; k++)
        {
          guint receive = g_array_index (receives, guint, k);
          guint64 next = at + units (self, receive, stream);
          guint64 overlap = MIN (end, next) - MAX (start, at);

          if (overlap == end - start)
            add_arrow (self, SL_FLOW_ARROW_DATA, send, receive, data_label (bytes, count), bytes, count, FALSE);
          else if (stream)
            {
              g_autofree char *part = g_strdup_printf ("%" G_GUINT64_FORMAT, overlap);
              g_autofree char *whole = bytes_text (end - start);

              /* TRANSLATORS: the part of a send one recv got: "1000 of 1200 bytes" */
              add_arrow (self, SL_FLOW_ARROW_DATA, send, receive, g_strdup_printf (_("%s of %s"), part, whole),
                         overlap, 1, FALSE);
            }
          else
            add_arrow (self, SL_FLOW_ARROW_DATA, send, receive, data_label (bytes, overlap), bytes, overlap, FALSE);
          at = next;
        }
    }

  /* From outside: one arrow per receive. */
  if (self->lanes[from_side].outside)
    {
      g_autoptr(GArray) own = data_steps (build, to_side, FALSE);

      for (guint i = 0; i < own->len; i++)
        {
          guint index = g_array_index (own, guint, i);
          SlTraceEvent *event = step_at (self, index)->event;
          guint64 bytes = (guint64) sl_trace_event_get_result (event);
          guint64 count = step_at (self, index)->count;

          add_arrow (self, SL_FLOW_ARROW_DATA, SL_FLOW_OUTSIDE, index, data_label (bytes, count), bytes, count, FALSE);
        }
    }
}

/* The first step of a lane of call (and, for recv, result), as an index, or SL_FLOW_OUTSIDE. */
static guint
first_of (Build *build,
          guint  side,
          int    kind)
{
  GArray *order = build->order[side];

  for (guint i = 0; i < order->len; i++)
    {
      guint index = g_array_index (order, guint, i);
      SlTraceEvent *event = step_at (build->self, index)->event;
      SlTraceCall call = sl_trace_event_get_call (event);
      gint64 result = sl_trace_event_get_result (event);

      /* The end of the stream is the connected socket's, never the listener's. */
      if (step_at (build->self, index)->listening && kind != SL_TRACE_CALL_ACCEPT)
        continue;
      switch (kind)
        {
        case SL_TRACE_CALL_CONNECT:
        case SL_TRACE_CALL_ACCEPT:
          if ((int) call == kind)
            return index;
          break;
        case SL_TRACE_CALL_RECV:   /* the end of the stream: recv () = 0 */
          if (is_data_call (call) && !is_send_call (call) && result == 0)
            return index;
          break;
        case SL_TRACE_CALL_SHUTDOWN:  /* what sends the FIN: shutdown (SHUT_WR or RDWR), close () */
          if (result == 0 &&
              ((call == SL_TRACE_CALL_SHUTDOWN && sl_trace_event_get_value (event) != SHUT_RD) ||
               call == SL_TRACE_CALL_CLOSE))
            return index;
          break;
        default:
          break;
        }
    }
  return SL_FLOW_OUTSIDE;
}

static void
add_handshake (Build *build)
{
  SlFlow *self = build->self;
  guint connect = first_of (build, SL_FLOW_SIDE_CLIENT, SL_TRACE_CALL_CONNECT);
  guint accept = first_of (build, SL_FLOW_SIDE_SERVER, SL_TRACE_CALL_ACCEPT);

  if (connect == SL_FLOW_OUTSIDE && accept == SL_FLOW_OUTSIDE)
    return;
  if (connect != SL_FLOW_OUTSIDE && step_at (self, connect)->failure)
    {
      int errsv = connect_errno (&build->parsed[SL_FLOW_SIDE_CLIENT], build->client, step_at (self, connect)->event);
      /* TRANSLATORS: the connection never came up; %s is an errno name like ECONNREFUSED */
      add_arrow (self, SL_FLOW_ARROW_HANDSHAKE, connect, accept,
                 g_strdup_printf (_("handshake failed: %s"), errno_text (errsv)), 0, 1, TRUE);
      return;
    }
  add_arrow (self, SL_FLOW_ARROW_HANDSHAKE, connect, accept,
             /* Translators: SYN, SYN-ACK and ACK are the TCP segments' names: keep them as they
              * are. */
             g_strdup (_("three-way handshake (SYN, SYN-ACK, ACK)")), 0, 1, FALSE);
}

static void
add_end_of_stream (Build *build)
{
  SlFlow *self = build->self;
  guint connect = first_of (build, SL_FLOW_SIDE_CLIENT, SL_TRACE_CALL_CONNECT);

  /* A connection that never came up has no end: its close () sends no FIN. */
  if (self->lanes[SL_FLOW_SIDE_CLIENT].outside ? build->accepted == NULL
                                               : connect == SL_FLOW_OUTSIDE || step_at (self, connect)->failure)
    return;

  for (guint side = 0; side < N_SIDES; side++)
    {
      guint other = 1 - side;
      guint eof, fin;

      if (self->lanes[side].outside)
        continue;
      eof = first_of (build, side, SL_TRACE_CALL_RECV);
      fin = first_of (build, side, SL_TRACE_CALL_SHUTDOWN);
      if (eof != SL_FLOW_OUTSIDE)
        {
          /* The FIN came from the other side's first shutdown () or close (). */
          guint from = self->lanes[other].outside ? SL_FLOW_OUTSIDE
                                                  : first_of (build, other, SL_TRACE_CALL_SHUTDOWN);
          if (from != SL_FLOW_OUTSIDE || self->lanes[other].outside)
            add_arrow (self, SL_FLOW_ARROW_END_OF_STREAM, from, eof,
                       /* Translators: FIN is the TCP flag's name: keep it as it is. */
                       g_strdup (_("end of stream (FIN)")), 0, 1, FALSE);
        }
      /* Towards outside, only a FIN this side sent first: a later one is no news to the far end
       * of the drawing (and a paired side draws it as its own recv () = 0). */
      if (self->lanes[other].outside && fin != SL_FLOW_OUTSIDE && (eof == SL_FLOW_OUTSIDE || fin < eof))
        add_arrow (self, SL_FLOW_ARROW_END_OF_STREAM, fin, SL_FLOW_OUTSIDE,
                   g_strdup (_("end of stream (FIN)")), 0, 1, FALSE);
    }
}

static guint
arrow_key (const Arrow *arrow)
{
  return MIN (arrow->from, arrow->to);
}

static int
compare_arrows (gconstpointer a,
                gconstpointer b)
{
  guint ka = arrow_key (a), kb = arrow_key (b);

  return ka < kb ? -1 : ka > kb;
}

/* ---- 3c. leaving out the middle of a long run --------------------------------------- */

/* A figure of thousands of calls helps no one and would cost a frame each time: the setup
 * and the latest SL_FLOW_MAX_STEPS are kept, and a note stands for the ones between. The
 * arrows were paired over all the calls first, so the byte counts stay right. */
static void
hide_middle (Build *build)
{
  SlFlow *self = build->self;
  guint n = self->steps->len;
  g_autofree guint *renumber = NULL;
  g_autoptr(GArray) kept = NULL;
  guint budget = SL_FLOW_MAX_STEPS;

  if (n <= SL_FLOW_MAX_STEPS)
    return;
  renumber = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    if (step_at (self, i)->setup)
      budget -= MIN (budget, 1);
  for (guint i = n; i > 0; i--)
    {
      gboolean keep = step_at (self, i - 1)->setup || budget > 0;

      renumber[i - 1] = keep ? 0 : SL_FLOW_OUTSIDE;
      if (keep && !step_at (self, i - 1)->setup)
        budget--;
    }

  kept = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (kept, step_clear);
  for (guint i = 0; i < n; i++)
    {
      Step *step = step_at (self, i);

      if (renumber[i] == SL_FLOW_OUTSIDE)
        {
          step_clear (step);
          self->n_hidden++;
          continue;
        }
      renumber[i] = kept->len;
      g_array_append_vals (kept, step, 1);
      /* Moved: the old array must not free it. */
      memset (step, 0, sizeof *step);
    }
  g_array_set_size (self->steps, 0);
  g_array_append_vals (self->steps, kept->data, kept->len);
  g_array_set_clear_func (kept, NULL);

  for (guint i = self->arrows->len; i > 0; i--)
    {
      Arrow *arrow = &g_array_index (self->arrows, Arrow, i - 1);
      guint from = arrow->from == SL_FLOW_OUTSIDE ? SL_FLOW_OUTSIDE : renumber[arrow->from];
      guint to = arrow->to == SL_FLOW_OUTSIDE ? SL_FLOW_OUTSIDE : renumber[arrow->to];

      if ((arrow->from != SL_FLOW_OUTSIDE && from == SL_FLOW_OUTSIDE) ||
          (arrow->to != SL_FLOW_OUTSIDE && to == SL_FLOW_OUTSIDE))
        g_array_remove_index (self->arrows, i - 1);
      else
        {
          arrow->from = from;
          arrow->to = to;
        }
    }
  for (guint side = 0; side < N_SIDES; side++)
    {
      GArray *order = build->order[side];
      guint out = 0;

      for (guint i = 0; i < order->len; i++)
        if (renumber[g_array_index (order, guint, i)] != SL_FLOW_OUTSIDE)
          g_array_index (order, guint, out++) = renumber[g_array_index (order, guint, i)];
      g_array_set_size (order, out);
    }
}

/* ---- 4. rows ------------------------------------------------------------------------- */

static gboolean
raise_to (guint *row,
          guint  at_least)
{
  if (*row >= at_least)
    return FALSE;
  *row = at_least;
  return TRUE;
}

typedef struct {
  guint from;
  guint to;
  guint weight;   /* row[to] >= row[from] + weight */
} Constraint;

static int
compare_constraints (gconstpointer a,
                     gconstpointer b)
{
  guint ta = ((const Constraint *) a)->to, tb = ((const Constraint *) b)->to;

  return ta < tb ? -1 : ta > tb;
}

static void
constrain (GArray *constraints,
           guint   from,
           guint   to,
           guint   weight)
{
  Constraint constraint = { from, to, weight };

  g_array_append_val (constraints, constraint);
}

/* Longest paths over the constraints, relaxed in time order: nearly all of them point
 * forward in time, so a pass or two settles them (a GIO connect () row is written after
 * the server's accept (): one that points back). FALSE if they do not settle — they then
 * contradict each other, which only a trace that lost rows can make — and the caller falls
 * back to one row per step. */
static gboolean
solve_rows (Build *build)
{
  SlFlow *self = build->self;
  g_autoptr(GArray) constraints = g_array_new (FALSE, FALSE, sizeof (Constraint));
  gboolean changed = TRUE;

  for (guint side = 0; side < N_SIDES; side++)
    for (guint i = 1; i < build->order[side]->len; i++)
      constrain (constraints, g_array_index (build->order[side], guint, i - 1),
                 g_array_index (build->order[side], guint, i), 1);
  for (guint i = 0; i < self->arrows->len; i++)
    {
      Arrow *arrow = &g_array_index (self->arrows, Arrow, i);

      if (arrow->from == SL_FLOW_OUTSIDE || arrow->to == SL_FLOW_OUTSIDE)
        continue;
      constrain (constraints, arrow->from, arrow->to, 0);
      if (arrow->kind == SL_FLOW_ARROW_HANDSHAKE)
        constrain (constraints, arrow->to, arrow->from, 0);
    }
  /* The calls left out go between the setup and the rest: a row of its own for the note. */
  if (self->n_hidden > 0)
    for (guint i = 0; i < self->steps->len; i++)
      if (step_at (self, i)->setup)
        for (guint j = 0; j < self->steps->len; j++)
          if (!step_at (self, j)->setup)
            constrain (constraints, i, j, 1);
  g_array_sort (constraints, compare_constraints);

  for (guint pass = 0; changed; pass++)
    {
      if (pass > 32)
        return FALSE;
      changed = FALSE;
      for (guint i = 0; i < constraints->len; i++)
        {
          Constraint *constraint = &g_array_index (constraints, Constraint, i);

          changed |= raise_to (&step_at (self, constraint->to)->row,
                               step_at (self, constraint->from)->row + constraint->weight);
        }
    }
  return TRUE;
}

static gboolean
is_arrow_end (SlFlow *self,
              guint   index)
{
  for (guint i = 0; i < self->arrows->len; i++)
    {
      Arrow *arrow = &g_array_index (self->arrows, Arrow, i);

      if (arrow->from == index || arrow->to == index)
        return TRUE;
    }
  return FALSE;
}

static void
lay_out_rows (Build *build)
{
  SlFlow *self = build->self;

  if (!solve_rows (build))
    for (guint i = 0; i < self->steps->len; i++)
      step_at (self, i)->row = i;

  /* The calls before a lane's first arrow move down to it: no gap in the middle of a lane. */
  for (guint side = 0; side < N_SIDES; side++)
    {
      GArray *order = build->order[side];
      guint first = 0;

      while (first < order->len && !is_arrow_end (self, g_array_index (order, guint, first)))
        first++;
      if (first == order->len)
        continue;
      for (guint i = first; i > 0; i--)
        {
          Step *next = step_at (self, g_array_index (order, guint, i));
          Step *step = step_at (self, g_array_index (order, guint, i - 1));

          if (next->row > 0)
            raise_to (&step->row, next->row - 1);
        }
    }

  self->n_rows = 0;
  self->hidden_row = G_MAXUINT;
  for (guint i = 0; i < self->steps->len; i++)
    {
      Step *step = step_at (self, i);

      self->n_rows = MAX (self->n_rows, step->row + 1);
      if (!step->setup)
        self->hidden_row = MIN (self->hidden_row, step->row);
    }
  if (self->n_hidden == 0 || self->hidden_row == G_MAXUINT)
    self->hidden_row = self->n_rows;
}

/* ---- building ------------------------------------------------------------------------ */

static void
set_lane (SlFlow     *self,
          SlFlowSide  side,
          gboolean    outside,
          const char *address,
          const char *none)
{
  Lane *lane = &self->lanes[side];
  const char *protocol = self->protocol == SL_PROTOCOL_UDP ? "UDP" : "TCP";

  lane->outside = outside;
  if (side == SL_FLOW_SIDE_CLIENT)
    lane->title = g_strdup (outside ? _("Client — outside Socket Lab") : _("Client — Socket Lab Connect page"));
  else
    lane->title = g_strdup (outside ? _("Server — outside Socket Lab") : _("Server — Socket Lab Server page"));
  if (address != NULL)
    lane->subtitle = g_strdup_printf ("%s · %s", address, protocol);
  else
    lane->subtitle = g_strdup_printf ("%s · %s", none, protocol);
}

static void
clear_result (SlFlow *self)
{
  g_array_set_size (self->steps, 0);
  g_array_set_size (self->arrows, 0);
  for (guint i = 0; i < N_SIDES; i++)
    {
      g_clear_pointer (&self->lanes[i].title, g_free);
      g_clear_pointer (&self->lanes[i].subtitle, g_free);
      self->lanes[i].outside = FALSE;
    }
  self->n_rows = 0;
  self->n_hidden = 0;
  self->hidden_row = 0;
  self->empty = TRUE;
  self->paired = FALSE;
  self->protocol = SL_PROTOCOL_TCP;
}

/* Pass 2 and the lanes: which sockets, on which side, and who the far end is. */
static void
choose (Build *build)
{
  SlFlow *self = build->self;
  Parsed *client_parsed = &build->parsed[SL_FLOW_SIDE_CLIENT];
  Parsed *server_parsed = &build->parsed[SL_FLOW_SIDE_SERVER];
  Sock *client = find_client (client_parsed);
  SlTraceEvent *local = client != NULL ? sock_local (client_parsed, client) : NULL;
  Sock *listener = NULL, *accepted = NULL;
  gboolean prefer_server = self->preferred_side == SL_FLOW_SIDE_SERVER;

  /* The server end of the client's own connection. */
  if (client != NULL && local != NULL)
    {
      if (client->type == SOCK_STREAM)
        {
          accepted = find_accepted (server_parsed, NULL, local);
          if (accepted != NULL)
            listener = g_ptr_array_index (server_parsed->socks, accepted->listener);
        }
      else
        listener = find_udp_listener (server_parsed, local);
    }
  if (listener != NULL)
    {
      build->client = client;
      build->listener = listener;
      build->accepted = accepted;
      build->remote = local;
      self->paired = TRUE;
    }
  else if (client != NULL && (!prefer_server || find_last_listener (server_parsed, 0) == NULL))
    {
      build->client = client;
      build->remote = sock_find (client_parsed, client, SL_TRACE_CALL_CONNECT);
    }
  else
    {
      build->listener = find_last_listener (server_parsed, 0);
      if (build->listener != NULL && build->listener->type == SOCK_STREAM)
        {
          build->accepted = find_accepted (server_parsed, build->listener, NULL);
          if (build->accepted != NULL)
            build->remote = event_at (server_parsed, build->accepted->accept_pos);
        }
      else if (build->listener != NULL)
        build->remote = last_udp_source (server_parsed, build->listener);
    }

  if (build->client == NULL && build->listener == NULL)
    return;
  self->empty = FALSE;
  self->protocol = (build->client != NULL ? build->client->type : build->listener->type) == SOCK_DGRAM
                   ? SL_PROTOCOL_UDP : SL_PROTOCOL_TCP;

  /* Lanes: each Socket Lab side with its own address, the far end with the address seen. */
  {
    g_autofree char *client_address = NULL;
    g_autofree char *server_address = NULL;

    if (build->client != NULL)
      client_address = local != NULL ? address_text (local) : NULL;
    else if (build->remote != NULL)
      client_address = address_text (build->remote);
    if (build->listener != NULL)
      {
        SlTraceEvent *bound = sock_local (server_parsed, build->listener);

        if (bound == NULL)
          bound = sock_find (server_parsed, build->listener, SL_TRACE_CALL_BIND);
        server_address = bound != NULL ? address_text (bound) : NULL;
      }
    else if (build->remote != NULL)
      server_address = address_text (build->remote);
    set_lane (self, SL_FLOW_SIDE_CLIENT, build->client == NULL, client_address,
              build->client != NULL ? _("not connected") : _("no client yet"));
    set_lane (self, SL_FLOW_SIDE_SERVER, build->listener == NULL, server_address, _("not listening"));
  }
}

static void
build_flow (SlFlow *self)
{
  Build build = { self };

  clear_result (self);
  for (guint side = 0; side < N_SIDES; side++)
    {
      parse (&build.parsed[side], self->traces[side]);
      build.lane_steps[side] = g_array_new (FALSE, TRUE, sizeof (Step));
      build.order[side] = g_array_new (FALSE, FALSE, sizeof (guint));
    }

  choose (&build);
  if (!self->empty)
    {
      add_sock_steps (&build, SL_FLOW_SIDE_CLIENT, build.client);
      add_sock_steps (&build, SL_FLOW_SIDE_SERVER, build.listener);
      add_sock_steps (&build, SL_FLOW_SIDE_SERVER, build.accepted);
      merge_lanes (&build);

      if (self->protocol == SL_PROTOCOL_TCP)
        add_handshake (&build);
      add_data_arrows (&build, SL_FLOW_SIDE_CLIENT, self->protocol == SL_PROTOCOL_TCP);
      add_data_arrows (&build, SL_FLOW_SIDE_SERVER, self->protocol == SL_PROTOCOL_TCP);
      if (self->protocol == SL_PROTOCOL_TCP)
        add_end_of_stream (&build);
      g_array_sort (self->arrows, compare_arrows);
      hide_middle (&build);
      lay_out_rows (&build);
    }

  for (guint side = 0; side < N_SIDES; side++)
    {
      g_array_unref (build.lane_steps[side]);
      g_array_unref (build.order[side]);
      parsed_clear (&build.parsed[side]);
    }
}

/* ---- following the traces ------------------------------------------------------------ */

static void
mark_outdated (SlFlow *self)
{
  gboolean was = self->outdated;

  self->outdated = TRUE;
  if (!was)
    g_signal_emit (self, signals[OUTDATED], 0);
}

static void
trace_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        SlFlow     *self)
{
  mark_outdated (self);
}

static void
step_count_cb (SlTraceEvent *event,
               GParamSpec   *pspec,
               SlFlow       *self)
{
  mark_outdated (self);
}

/* Only the drawn rows' counts matter: a few handlers, however long the traces. */
static void
unwatch_steps (SlFlow *self)
{
  for (guint i = 0; i < self->steps->len; i++)
    g_signal_handlers_disconnect_by_func (step_at (self, i)->event, step_count_cb, self);
}

static void
watch_steps (SlFlow *self)
{
  for (guint i = 0; i < self->steps->len; i++)
    g_signal_connect (step_at (self, i)->event, "notify::count", G_CALLBACK (step_count_cb), self);
}

void
sl_flow_rebuild (SlFlow *self)
{
  g_return_if_fail (SL_IS_FLOW (self));

  unwatch_steps (self);
  build_flow (self);
  watch_steps (self);
  self->outdated = FALSE;
}

static void
set_trace (SlFlow     *self,
           SlFlowSide  side,
           SlTrace    *trace)
{
  if (self->traces[side] == trace)
    return;
  if (self->traces[side] != NULL)
    g_clear_signal_handler (&self->trace_handlers[side], self->traces[side]);
  g_set_object (&self->traces[side], trace);
  if (trace != NULL)
    self->trace_handlers[side] = g_signal_connect (trace, "items-changed",
                                                   G_CALLBACK (trace_items_changed_cb), self);
  sl_flow_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[side == SL_FLOW_SIDE_CLIENT ? PROP_CLIENT_TRACE : PROP_SERVER_TRACE]);
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
sl_flow_dispose (GObject *object)
{
  SlFlow *self = SL_FLOW (object);

  unwatch_steps (self);
  clear_result (self);
  for (guint side = 0; side < N_SIDES; side++)
    {
      if (self->traces[side] != NULL)
        g_clear_signal_handler (&self->trace_handlers[side], self->traces[side]);
      g_clear_object (&self->traces[side]);
    }

  G_OBJECT_CLASS (sl_flow_parent_class)->dispose (object);
}

static void
sl_flow_finalize (GObject *object)
{
  SlFlow *self = SL_FLOW (object);

  g_array_unref (self->steps);
  g_array_unref (self->arrows);

  G_OBJECT_CLASS (sl_flow_parent_class)->finalize (object);
}

static void
sl_flow_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SlFlow *self = SL_FLOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT_TRACE:
      g_value_set_object (value, self->traces[SL_FLOW_SIDE_CLIENT]);
      break;
    case PROP_SERVER_TRACE:
      g_value_set_object (value, self->traces[SL_FLOW_SIDE_SERVER]);
      break;
    case PROP_PREFERRED_SIDE:
      g_value_set_enum (value, self->preferred_side);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_flow_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  SlFlow *self = SL_FLOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT_TRACE:
      sl_flow_set_client_trace (self, g_value_get_object (value));
      break;
    case PROP_SERVER_TRACE:
      sl_flow_set_server_trace (self, g_value_get_object (value));
      break;
    case PROP_PREFERRED_SIDE:
      sl_flow_set_preferred_side (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_flow_class_init (SlFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_flow_dispose;
  object_class->finalize = sl_flow_finalize;
  object_class->get_property = sl_flow_get_property;
  object_class->set_property = sl_flow_set_property;

  properties[PROP_CLIENT_TRACE] =
    g_param_spec_object ("client-trace", NULL, NULL, SL_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_TRACE] =
    g_param_spec_object ("server-trace", NULL, NULL, SL_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREFERRED_SIDE] =
    g_param_spec_enum ("preferred-side", NULL, NULL, SL_TYPE_FLOW_SIDE, SL_FLOW_SIDE_CLIENT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A trace changed since the last rebuild; emitted once until sl_flow_rebuild (). */
  signals[OUTDATED] = g_signal_new ("outdated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_flow_init (SlFlow *self)
{
  self->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (self->steps, step_clear);
  self->arrows = g_array_new (FALSE, TRUE, sizeof (Arrow));
  g_array_set_clear_func (self->arrows, arrow_clear);
  self->empty = TRUE;
}

/* ---- public API ---------------------------------------------------------------------- */

SlFlow *
sl_flow_new (SlTrace *client_trace,
             SlTrace *server_trace)
{
  g_return_val_if_fail (client_trace == NULL || SL_IS_TRACE (client_trace), NULL);
  g_return_val_if_fail (server_trace == NULL || SL_IS_TRACE (server_trace), NULL);

  return g_object_new (SL_TYPE_FLOW, "client-trace", client_trace, "server-trace", server_trace, NULL);
}

SlTrace *
sl_flow_get_client_trace (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), NULL);
  return self->traces[SL_FLOW_SIDE_CLIENT];
}

void
sl_flow_set_client_trace (SlFlow  *self,
                          SlTrace *trace)
{
  g_return_if_fail (SL_IS_FLOW (self));
  g_return_if_fail (trace == NULL || SL_IS_TRACE (trace));
  set_trace (self, SL_FLOW_SIDE_CLIENT, trace);
}

SlTrace *
sl_flow_get_server_trace (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), NULL);
  return self->traces[SL_FLOW_SIDE_SERVER];
}

void
sl_flow_set_server_trace (SlFlow  *self,
                          SlTrace *trace)
{
  g_return_if_fail (SL_IS_FLOW (self));
  g_return_if_fail (trace == NULL || SL_IS_TRACE (trace));
  set_trace (self, SL_FLOW_SIDE_SERVER, trace);
}

SlFlowSide
sl_flow_get_preferred_side (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), SL_FLOW_SIDE_CLIENT);
  return self->preferred_side;
}

void
sl_flow_set_preferred_side (SlFlow     *self,
                            SlFlowSide  side)
{
  g_return_if_fail (SL_IS_FLOW (self));
  g_return_if_fail (side == SL_FLOW_SIDE_CLIENT || side == SL_FLOW_SIDE_SERVER);

  if (self->preferred_side == side)
    return;
  self->preferred_side = side;
  sl_flow_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFERRED_SIDE]);
}

gboolean
sl_flow_is_outdated (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), FALSE);
  return self->outdated;
}

gboolean
sl_flow_is_empty (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), TRUE);
  return self->empty;
}

SlProtocol
sl_flow_get_protocol (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), SL_PROTOCOL_TCP);
  return self->protocol;
}

gboolean
sl_flow_is_paired (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), FALSE);
  return self->paired;
}

guint
sl_flow_get_n_lanes (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), 0);
  return self->empty ? 0 : N_SIDES;
}

#define LANE_OR(self, lane, fallback)                                       \
  G_STMT_START {                                                            \
    g_return_val_if_fail (SL_IS_FLOW (self), fallback);                     \
    g_return_val_if_fail (lane < sl_flow_get_n_lanes (self), fallback);     \
  } G_STMT_END

gboolean
sl_flow_lane_is_outside (SlFlow *self,
                         guint   lane)
{
  LANE_OR (self, lane, FALSE);
  return self->lanes[lane].outside;
}

const char *
sl_flow_lane_get_title (SlFlow *self,
                        guint   lane)
{
  LANE_OR (self, lane, NULL);
  return self->lanes[lane].title;
}

const char *
sl_flow_lane_get_subtitle (SlFlow *self,
                           guint   lane)
{
  LANE_OR (self, lane, NULL);
  return self->lanes[lane].subtitle;
}

guint
sl_flow_get_n_steps (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), 0);
  return self->steps->len;
}

#define STEP_OR(self, step, fallback)                                       \
  G_STMT_START {                                                            \
    g_return_val_if_fail (SL_IS_FLOW (self), fallback);                     \
    g_return_val_if_fail (step < self->steps->len, fallback);               \
  } G_STMT_END

guint
sl_flow_step_get_lane (SlFlow *self,
                       guint   step)
{
  STEP_OR (self, step, 0);
  return step_at (self, step)->lane;
}

const char *
sl_flow_step_get_label (SlFlow *self,
                        guint   step)
{
  STEP_OR (self, step, NULL);
  return step_at (self, step)->label;
}

const char *
sl_flow_step_get_detail (SlFlow *self,
                         guint   step)
{
  STEP_OR (self, step, NULL);
  return step_at (self, step)->detail;
}

gboolean
sl_flow_step_is_failure (SlFlow *self,
                         guint   step)
{
  STEP_OR (self, step, FALSE);
  return step_at (self, step)->failure;
}

guint64
sl_flow_step_get_count (SlFlow *self,
                        guint   step)
{
  STEP_OR (self, step, 1);
  return step_at (self, step)->count;
}

gint64
sl_flow_step_get_time_us (SlFlow *self,
                          guint   step)
{
  STEP_OR (self, step, 0);
  return step_at (self, step)->time_us;
}

guint
sl_flow_step_get_row (SlFlow *self,
                      guint   step)
{
  STEP_OR (self, step, 0);
  return step_at (self, step)->row;
}

SlTraceEvent *
sl_flow_step_get_event (SlFlow *self,
                        guint   step)
{
  STEP_OR (self, step, NULL);
  return step_at (self, step)->event;
}

guint
sl_flow_get_n_rows (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), 0);
  return self->n_rows;
}

guint
sl_flow_get_n_hidden (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), 0);
  return self->n_hidden;
}

guint
sl_flow_get_hidden_row (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), 0);
  return self->hidden_row;
}

guint
sl_flow_get_n_arrows (SlFlow *self)
{
  g_return_val_if_fail (SL_IS_FLOW (self), 0);
  return self->arrows->len;
}

#define ARROW_OR(self, arrow, fallback)                                     \
  G_STMT_START {                                                            \
    g_return_val_if_fail (SL_IS_FLOW (self), fallback);                     \
    g_return_val_if_fail (arrow < self->arrows->len, fallback);             \
  } G_STMT_END

static Arrow *
arrow_at (SlFlow *self,
          guint   arrow)
{
  return &g_array_index (self->arrows, Arrow, arrow);
}

SlFlowArrowKind
sl_flow_arrow_get_kind (SlFlow *self,
                        guint   arrow)
{
  ARROW_OR (self, arrow, SL_FLOW_ARROW_DATA);
  return arrow_at (self, arrow)->kind;
}

guint
sl_flow_arrow_get_from (SlFlow *self,
                        guint   arrow)
{
  ARROW_OR (self, arrow, SL_FLOW_OUTSIDE);
  return arrow_at (self, arrow)->from;
}

guint
sl_flow_arrow_get_to (SlFlow *self,
                      guint   arrow)
{
  ARROW_OR (self, arrow, SL_FLOW_OUTSIDE);
  return arrow_at (self, arrow)->to;
}

const char *
sl_flow_arrow_get_label (SlFlow *self,
                         guint   arrow)
{
  ARROW_OR (self, arrow, NULL);
  return arrow_at (self, arrow)->label;
}

guint64
sl_flow_arrow_get_bytes (SlFlow *self,
                         guint   arrow)
{
  ARROW_OR (self, arrow, 0);
  return arrow_at (self, arrow)->bytes;
}

guint64
sl_flow_arrow_get_count (SlFlow *self,
                         guint   arrow)
{
  ARROW_OR (self, arrow, 1);
  return arrow_at (self, arrow)->count;
}

gboolean
sl_flow_arrow_is_failure (SlFlow *self,
                          guint   arrow)
{
  ARROW_OR (self, arrow, FALSE);
  return arrow_at (self, arrow)->failure;
}

char *
sl_flow_describe (SlFlow *self)
{
  GString *text;

  g_return_val_if_fail (SL_IS_FLOW (self), NULL);

  text = g_string_new (NULL);
  if (self->empty)
    return g_string_free (text, FALSE);
  for (guint side = 0; side < N_SIDES; side++)
    {
      const char *name = side == SL_FLOW_SIDE_CLIENT ? _("Client") : _("Server");
      gboolean first = TRUE;

      if (side > 0)
        g_string_append (text, "; ");
      if (self->lanes[side].outside)
        {
          /* TRANSLATORS: "Server outside Socket Lab": the lane drawn without calls */
          g_string_append_printf (text, _("%s outside Socket Lab"), name);
          continue;
        }
      g_string_append_printf (text, "%s: ", name);
      for (guint i = 0; i < self->steps->len; i++)
        {
          Step *step = step_at (self, i);
          guint64 count = step->count;

          if (step->lane != side)
            continue;
          if (!first)
            g_string_append (text, ", ");
          first = FALSE;
          g_string_append (text, sl_trace_event_get_call_name (step->event));
          if (count > 1)
            g_string_append_printf (text, " ×%" G_GUINT64_FORMAT, count);
          if (step->failure)
            g_string_append_printf (text, " (%s)", step->detail);
        }
      if (first)
        g_string_append (text, _("no calls yet"));
    }
  g_string_append (text, "; ");
  if (self->n_hidden > 0)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u call not shown", "%u calls not shown",
                                                 self->n_hidden), self->n_hidden);
      g_string_append (text, "; ");
    }
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u arrow", "%u arrows", self->arrows->len),
                          self->arrows->len);
  return g_string_free (text, FALSE);
}
