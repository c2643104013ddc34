/* sl-server.c: a TCP or UDP server with many clients that never blocks the main loop.
 *
 * The sockets are driven with plain non-blocking system calls from main-loop sources
 * rather than GSocketService: the trace then shows each real call with its real errno,
 * and accept() errors such as EMFILE are handled here (GSocketService warns and retries
 * at once, which spins while the descriptors stay exhausted).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-enums.h"
#include "sl-errno.h"
#include "sl-peer-private.h"
#include "sl-server.h"
#include "sl-socket-util.h"
#include "sl-socket.h"
#include "sl-utils.h"

#define READ_BUFFER_SIZE     (64 * 1024)
#define ACCEPTS_PER_DISPATCH 64
#define DATAGRAMS_PER_DISPATCH 64
#define TICK_INTERVAL_MS     200
#define ACCEPT_RETRY_MS      500
#define NOISY_LOG_INTERVAL_US G_USEC_PER_SEC

/* Lines a flood or a crowd could repeat thousands of times a second: each kind is logged at
 * most once a second, and how many were left out is said in a line of its own. */
typedef enum {
  NOISY_REFUSED,          /* a TCP client over the cap */
  NOISY_REPLY_FAILED,     /* sendto () of a UDP reply failed */
  NOISY_WITHHELD_RATE,
  NOISY_WITHHELD_SIZE,
  NOISY_MADE_ROOM,        /* an idle client closed or forgotten for a new one */
  N_NOISY
} Noisy;

typedef struct {
  gint64 last_us;         /* when a line of this kind was last logged, 0: never */
  guint  suppressed;      /* left out since */
} NoisyLine;

struct _SlServer
{
  GObject        parent_instance;

  /* settings */
  SlProtocol     protocol;
  char          *address;
  guint          port;
  gboolean       allow_network;
  SlReplyMode    reply_mode;
  GBytes        *fixed_reply;
  guint          max_peers;
  guint          max_unread;
  guint          udp_idle_timeout;
  guint          udp_reply_rate;
  guint          udp_reply_rate_total;
  gboolean       allow_large_replies;
  guint          tcp_idle_timeout;
  guint          evict_idle_after;

  /* state */
  SlServerState  state;
  guint          bound_port;
  char          *bound_label;
  char          *bound_host;
  SlSocket      *listener;       /* the listening TCP socket, or the UDP socket */
  guint          accept_retry_id;
  guint          tick_id;
  gboolean       stopping;
  SlPeer        *closing_quietly; /* its close is already explained in the log */
  NoisyLine      noisy[N_NOISY];
  gboolean       accept_error_logged;
  SlTokenBucket  reply_bucket;    /* UDP replies to all sources */
  SlTokenBucket  log_bucket;      /* received data logged one by one */
  guint64        unlogged_reads;  /* and what was not, since the last line about it */
  guint64        unlogged_bytes;
  gint64         unlogged_logged_us;
  guint64        withheld[2];     /* by SlWithheldReason */
  guint64        notified_withheld[2];

  GListStore    *peers;
  GHashTable    *udp_peers;     /* GBytes sockaddr → SlPeer (owned by peers) */
  GByteArray    *buffer;
  SlLog         *log;
  SlTrace       *trace;
};

enum {
  PROP_0,
  PROP_PROTOCOL,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_ALLOW_NETWORK,
  PROP_REPLY_MODE,
  PROP_FIXED_REPLY,
  PROP_MAX_PEERS,
  PROP_MAX_UNREAD,
  PROP_UDP_IDLE_TIMEOUT,
  PROP_UDP_REPLY_RATE,
  PROP_UDP_REPLY_RATE_TOTAL,
  PROP_ALLOW_LARGE_REPLIES,
  PROP_TCP_IDLE_TIMEOUT,
  PROP_EVICT_IDLE_AFTER,
  PROP_REPLIES_WITHHELD_RATE_LIMIT,
  PROP_REPLIES_WITHHELD_AMPLIFICATION,
  PROP_STATE,
  PROP_BOUND_PORT,
  PROP_N_PEERS,
  PROP_PEERS,
  PROP_LOG,
  PROP_TRACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SlServer, sl_server, G_TYPE_OBJECT)
G_DEFINE_QUARK (sl-server-error-quark, sl_server_error)

static void peer_received (SlPeer *, const guint8 *, gsize, gpointer);
static void peer_closed (SlPeer *, SlPeerCloseReason, int, gpointer);

static const SlPeerCallbacks peer_callbacks = {
  .received = peer_received,
  .closed = peer_closed,
};

/* ---- small helpers ---------------------------------------------------------------- */

static void
log_info (SlServer   *self,
          SlLogKind   kind,
          const char *peer,
          const char *message)
{
  sl_log_append_message (self->log, kind, peer, message);
}

static SlLogKind
noisy_kind (Noisy which)
{
  return which == NOISY_REFUSED || which == NOISY_REPLY_FAILED ? SL_LOG_KIND_ERROR : SL_LOG_KIND_INFO;
}

/* "12 more clients were refused": what was left out of the log since its last line. */
static void
log_suppressed (SlServer *self,
                Noisy     which)
{
  NoisyLine *line = &self->noisy[which];
  g_autofree char *message = NULL;
  guint n = line->suppressed;

  if (n == 0)
    return;
  line->suppressed = 0;
  switch (which)
    {
    case NOISY_REFUSED:
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u more client was refused: the server was full",
                                              "%u more clients were refused: the server was full", n), n);
      break;
    case NOISY_REPLY_FAILED:
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u more reply could not be sent",
                                              "%u more replies could not be sent", n), n);
      break;
    case NOISY_WITHHELD_RATE:
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u more reply was withheld: rate limit",
                                              "%u more replies were withheld: rate limit", n), n);
      break;
    case NOISY_WITHHELD_SIZE:
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u more reply was withheld: amplification limit",
                                              "%u more replies were withheld: amplification limit", n), n);
      break;
    case NOISY_MADE_ROOM:
    case N_NOISY:
    default:
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u more idle client made room for a new one",
                                              "%u more idle clients made room for new ones", n), n);
      break;
    }
  log_info (self, noisy_kind (which), NULL, message);
}

/* TRUE when a line of this kind may be logged now: then the caller formats and logs it with
 * log_noisy (). Otherwise the line is only counted, without the cost of formatting it. */
static gboolean
noisy_allowed (SlServer *self,
               Noisy     which)
{
  NoisyLine *line = &self->noisy[which];
  gint64 now = g_get_monotonic_time ();

  if (line->last_us != 0 && now - line->last_us < NOISY_LOG_INTERVAL_US)
    {
      line->suppressed++;
      return FALSE;
    }
  log_suppressed (self, which);
  line->last_us = now;
  return TRUE;
}

static void
log_noisy (SlServer   *self,
           Noisy       which,
           const char *peer,
           const char *message)
{
  log_info (self, noisy_kind (which), peer, message);
}

/* Says what was left out once a quiet second has passed, or at once when @now is 0. */
static void
flush_noisy (SlServer *self,
             gint64    now)
{
  for (guint i = 0; i < N_NOISY; i++)
    if (self->noisy[i].suppressed > 0 && (now == 0 || now - self->noisy[i].last_us >= NOISY_LOG_INTERVAL_US))
      {
        log_suppressed (self, i);
        self->noisy[i].last_us = now;
      }
}

static void
notify_withheld (SlServer *self)
{
  static const guint props[] = { PROP_REPLIES_WITHHELD_RATE_LIMIT, PROP_REPLIES_WITHHELD_AMPLIFICATION };

  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    if (self->notified_withheld[i] != self->withheld[i])
      {
        self->notified_withheld[i] = self->withheld[i];
        g_object_notify_by_pspec (G_OBJECT (self), properties[props[i]]);
      }
}

static void
set_state (SlServer      *self,
           SlServerState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
notify_n_peers (SlServer *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PEERS]);
}

static GInetSocketAddress *
address_from_native (const struct sockaddr_storage *ss,
                     socklen_t                      len)
{
  GSocketAddress *address = g_socket_address_new_from_native ((gpointer) ss, len);

  if (address != NULL && !G_IS_INET_SOCKET_ADDRESS (address))
    g_clear_object (&address);
  return (GInetSocketAddress *) address;
}

static gboolean
find_peer (SlServer *self,
           SlPeer   *peer,
           guint    *position)
{
  return g_list_store_find (self->peers, peer, position);
}

/* ---- peers ------------------------------------------------------------------------ */

static gboolean
tick (gpointer user_data);

static void
ensure_tick (SlServer *self)
{
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_INTERVAL_MS, tick, self);
}

/* announce: log "connected"; not when the newcomer took an idle client's place, which
 * the (rate-limited) line about that says. */
static void
add_peer (SlServer *self,
          SlPeer   *peer,
          gboolean  announce)
{
  g_list_store_append (self->peers, peer);
  if (announce)
    {
      /* UDP makes no connection: a source is known from its first datagram on. */
      g_autofree char *message = sl_peer_get_protocol (peer) == SL_PROTOCOL_UDP
        ? g_strdup_printf (_("First datagram from %s"), sl_peer_get_label (peer))
        : g_strdup_printf (_("%s connected"), sl_peer_get_label (peer));

      log_info (self, SL_LOG_KIND_INFO, sl_peer_get_label (peer), message);
    }
  notify_n_peers (self);
  ensure_tick (self);
}

static void
remove_peer (SlServer *self,
             SlPeer   *peer)
{
  guint position;

  if (sl_peer_get_protocol (peer) == SL_PROTOCOL_UDP)
    g_hash_table_remove (self->udp_peers, g_object_get_data (G_OBJECT (peer), "sl-udp-key"));
  if (find_peer (self, peer, &position))
    {
      g_list_store_remove (self->peers, position);
      notify_n_peers (self);
    }
}

static char *
describe_close (SlPeer            *peer,
                SlPeerCloseReason  reason,
                int                errsv)
{
  const char *label = sl_peer_get_label (peer);
  g_autofree char *why = NULL;

  switch (reason)
    {
    case SL_PEER_CLOSED_BY_CLIENT:
      return g_strdup_printf (_("%s closed the connection"), label);
    case SL_PEER_CLOSED_BY_SERVER:
      if (sl_peer_get_protocol (peer) == SL_PROTOCOL_UDP)
        return g_strdup_printf (_("%s removed from the list — UDP has no connection to close; "
                                  "its next datagram adds it again"), label);
      return g_strdup_printf (_("%s was disconnected by the server"), label);
    case SL_PEER_CLOSED_BY_ERROR:
    default:
      why = sl_errno_describe (errsv);
      return g_strdup_printf (_("%s lost the connection: %s"), label, why);
    }
}

static void
peer_closed (SlPeer            *peer,
             SlPeerCloseReason  reason,
             int                errsv,
             gpointer           user_data)
{
  SlServer *self = user_data;
  g_autofree char *message = NULL;

  if (self->stopping)
    return;
  if (peer == self->closing_quietly)
    {
      remove_peer (self, peer);
      return;
    }
  message = describe_close (peer, reason, errsv);
  log_info (self, reason == SL_PEER_CLOSED_BY_ERROR ? SL_LOG_KIND_ERROR : SL_LOG_KIND_INFO,
            sl_peer_get_label (peer), message);
  remove_peer (self, peer);
}

static void bucket_refill (SlTokenBucket *bucket, guint rate, gint64 now);
static gboolean bucket_take (SlTokenBucket *bucket, guint rate, gint64 now);

/* A flood is logged as a line a second saying how much arrived, not an entry a datagram:
 * the counters of each peer still count everything. */
static void
log_received (SlServer     *self,
              SlPeer       *peer,
              const guint8 *data,
              gsize         len)
{
  g_autoptr(GBytes) bytes = NULL;

  if (!bucket_take (&self->log_bucket, SL_SERVER_LOG_DATA_RATE, g_get_monotonic_time ()))
    {
      self->unlogged_reads++;
      self->unlogged_bytes += len;
      return;
    }
  bytes = g_bytes_new (data, MIN (len, SL_SERVER_LOG_DATA_MAX));
  sl_log_append_data (self->log, SL_LOG_KIND_RECEIVED, sl_peer_get_label (peer), bytes);
}

/* "1234 more datagrams (39.5 kB) arrived…", once a second at most, or at once when @now is 0. */
static void
flush_unlogged (SlServer *self,
                gint64    now)
{
  g_autofree char *size = NULL;
  g_autofree char *message = NULL;
  guint n;

  if (self->unlogged_reads == 0 || (now != 0 && now - self->unlogged_logged_us < NOISY_LOG_INTERVAL_US))
    return;
  n = (guint) MIN (self->unlogged_reads, G_MAXUINT);
  size = g_format_size (self->unlogged_bytes);
  if (self->protocol == SL_PROTOCOL_UDP)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u more datagram (%s) arrived, not logged one by one: "
                                            "more than %u a second come in. The clients’ byte counts include it.",
                                            "%u more datagrams (%s) arrived, not logged one by one: "
                                            "more than %u a second come in. The clients’ byte counts include them.", n),
                               n, size, SL_SERVER_LOG_DATA_RATE);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u more read (%s) arrived, not logged one by one: "
                                            "more than %u a second come in. The clients’ byte counts include it.",
                                            "%u more reads (%s) arrived, not logged one by one: "
                                            "more than %u a second come in. The clients’ byte counts include them.", n),
                               n, size, SL_SERVER_LOG_DATA_RATE);
  log_info (self, SL_LOG_KIND_INFO, NULL, message);
  self->unlogged_reads = 0;
  self->unlogged_bytes = 0;
  self->unlogged_logged_us = now;
}

static gboolean udp_send (SlServer *self, SlPeer *peer, const guint8 *data, gsize len);

static void
send_any (SlServer     *self,
          SlPeer       *peer,
          const guint8 *data,
          gsize         len)
{
  if (sl_peer_get_protocol (peer) == SL_PROTOCOL_TCP)
    sl_peer_send (peer, data, len);
  else
    udp_send (self, peer, data, len);
}

/* ---- UDP reply limits ---------------------------------------------------------------
 * A UDP request's source address is not checked by anyone: a forged one makes the server
 * answer a victim. So replies are rate-limited, per source and in all, and never much larger
 * than the request (a 65 507-byte fixed reply to an empty datagram would multiply what the
 * forger sends 2 260 times). TCP needs neither: its handshake proves the address. */

gsize
sl_server_get_max_reply_size (gsize request_size)
{
  return MAX (request_size * SL_SERVER_AMPLIFICATION_FACTOR, SL_SERVER_AMPLIFICATION_FLOOR);
}

static void
bucket_refill (SlTokenBucket *bucket,
               guint          rate,
               gint64         now)
{
  if (bucket->updated_us == 0)
    bucket->tokens = rate;
  else
    bucket->tokens = MIN ((double) rate, bucket->tokens + (double) (now - bucket->updated_us) * rate / G_USEC_PER_SEC);
  bucket->updated_us = now;
}

static gboolean
bucket_take (SlTokenBucket *bucket,
             guint          rate,
             gint64         now)
{
  bucket_refill (bucket, rate, now);
  if (bucket->tokens < 1)
    return FALSE;
  bucket->tokens -= 1;
  return TRUE;
}

/* Takes one token from each bucket with a rate (0: unlimited), or none when one is empty. */
static gboolean
buckets_take (SlTokenBucket *source,
              guint          source_rate,
              SlTokenBucket *total,
              guint          total_rate,
              gint64         now,
              gboolean      *by_total)
{
  if (source_rate > 0)
    bucket_refill (source, source_rate, now);
  if (total_rate > 0)
    bucket_refill (total, total_rate, now);
  *by_total = total_rate > 0 && total->tokens < 1;
  if ((source_rate > 0 && source->tokens < 1) || *by_total)
    return FALSE;
  if (source_rate > 0)
    source->tokens -= 1;
  if (total_rate > 0)
    total->tokens -= 1;
  return TRUE;
}

static gboolean
udp_may_reply (SlServer *self,
               SlPeer   *peer,
               gsize     request_size,
               gsize     reply_size)
{
  gboolean by_total = FALSE;
  g_autofree char *message = NULL;
  Noisy which;

  if (!self->allow_large_replies && reply_size > sl_server_get_max_reply_size (request_size))
    {
      which = NOISY_WITHHELD_SIZE;
      if (noisy_allowed (self, which))
        message = g_strdup_printf (_("Reply to %s withheld: %lu bytes in answer to %lu"
                                     " would be more than %u times the request "
                                     "(amplification limit: a forged sender could aim it at "
                                     "someone else). Turn on “Allow large replies” to send it."),
                                   sl_peer_get_label (peer), (unsigned long) reply_size,
                                   (unsigned long) request_size, SL_SERVER_AMPLIFICATION_FACTOR);
      self->withheld[SL_WITHHELD_AMPLIFICATION]++;
    }
  else if (!buckets_take (sl_peer_get_reply_bucket (peer), self->udp_reply_rate, &self->reply_bucket,
                          self->udp_reply_rate_total, g_get_monotonic_time (), &by_total))
    {
      which = NOISY_WITHHELD_RATE;
      if (noisy_allowed (self, which))
        message = by_total
          ? g_strdup_printf (_("Reply to %s withheld: the server already answers %u datagrams a second "
                               "(rate limit for all clients)"),
                             sl_peer_get_label (peer), self->udp_reply_rate_total)
          : g_strdup_printf (_("Reply to %s withheld: it already gets %u replies a second "
                               "(rate limit for one client)"),
                             sl_peer_get_label (peer), self->udp_reply_rate);
      self->withheld[SL_WITHHELD_RATE_LIMIT]++;
    }
  else
    return TRUE;

  if (message != NULL)
    log_noisy (self, which, sl_peer_get_label (peer), message);
  return FALSE;
}

static void
reply (SlServer     *self,
       SlPeer       *peer,
       const guint8 *data,
       gsize         len)
{
  const guint8 *answer = data;
  gsize size = len;

  switch (self->reply_mode)
    {
    case SL_REPLY_MODE_ECHO:
      break;
    case SL_REPLY_MODE_FIXED:
      if (self->fixed_reply == NULL || g_bytes_get_size (self->fixed_reply) == 0)
        return;
      answer = g_bytes_get_data (self->fixed_reply, &size);
      break;
    case SL_REPLY_MODE_NONE:
    default:
      return;
    }
  if (sl_peer_get_protocol (peer) == SL_PROTOCOL_UDP && !udp_may_reply (self, peer, len, size))
    return;
  send_any (self, peer, answer, size);
}

/* ---- idle clients ------------------------------------------------------------------ */

/* Closes and forgets a peer whose going the caller has logged itself. */
static void
close_peer_quietly (SlServer *self,
                    SlPeer   *peer)
{
  g_autoptr(SlPeer) hold = g_object_ref (peer);

  self->closing_quietly = peer;
  sl_peer_close (peer);
  self->closing_quietly = NULL;
  /* A UDP peer has no connection to report its close: forget it here. */
  remove_peer (self, peer);
}

/* The open client idle longest, if idle for at least min_idle_us; NULL otherwise. */
static SlPeer *
find_idlest (SlServer *self,
             gint64    min_idle_us)
{
  GListModel *model = G_LIST_MODEL (self->peers);
  guint n = g_list_model_get_n_items (model);
  SlPeer *idlest = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlPeer) peer = g_list_model_get_item (model, i);

      if (sl_peer_get_state (peer) == SL_PEER_STATE_CLOSED)
        continue;
      if (idlest == NULL || sl_peer_get_last_active (peer) < sl_peer_get_last_active (idlest))
        idlest = peer;   /* the store keeps it alive */
    }
  if (idlest == NULL || g_get_monotonic_time () - sl_peer_get_last_active (idlest) < min_idle_us)
    return NULL;
  return idlest;
}

/* The server is full: the client idle longest gives its place to @newcomer, if it has been
 * idle at least min_idle_us. FALSE when none has. */
static gboolean
make_room (SlServer   *self,
           const char *newcomer,
           gint64      min_idle_us)
{
  SlPeer *idlest = find_idlest (self, min_idle_us);
  g_autofree char *message = NULL;

  if (idlest == NULL)
    return FALSE;
  if (noisy_allowed (self, NOISY_MADE_ROOM))
    {
      guint idle_s = (g_get_monotonic_time () - sl_peer_get_last_active (idlest)) / G_USEC_PER_SEC;

      if (sl_peer_get_protocol (idlest) == SL_PROTOCOL_UDP)
        message = g_strdup_printf (_("Forgot %s, the client idle longest (%u s), to make room for %s: "
                                     "the server already has %u clients, its limit"),
                                   sl_peer_get_label (idlest), idle_s, newcomer, self->max_peers);
      else
        message = g_strdup_printf (_("Disconnected %s, the client idle longest (%u s), to make room "
                                     "for %s: the server already has %u clients, its limit"),
                                   sl_peer_get_label (idlest), idle_s, newcomer, self->max_peers);
      log_noisy (self, NOISY_MADE_ROOM, sl_peer_get_label (idlest), message);
    }
  close_peer_quietly (self, idlest);
  return TRUE;
}

static void
peer_received (SlPeer       *peer,
               const guint8 *data,
               gsize         len,
               gpointer      user_data)
{
  SlServer *self = user_data;

  log_received (self, peer, data, len);
  reply (self, peer, data, len);
}

static gboolean
tick (gpointer user_data)
{
  SlServer *self = user_data;
  GListModel *model = G_LIST_MODEL (self->peers);
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GPtrArray) expired = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SlPeer) peer = g_list_model_get_item (model, i);
      gint64 idle_us = now - sl_peer_get_last_active (peer);
      gboolean udp = sl_peer_get_protocol (peer) == SL_PROTOCOL_UDP;

      sl_peer_flush_notify (peer);
      if ((udp && idle_us > (gint64) self->udp_idle_timeout * 1000) ||
          (!udp && self->tcp_idle_timeout > 0 && idle_us > (gint64) self->tcp_idle_timeout * 1000))
        g_ptr_array_add (expired, g_steal_pointer (&peer));
    }

  for (guint i = 0; i < expired->len; i++)
    {
      SlPeer *peer = g_ptr_array_index (expired, i);
      g_autofree char *message = NULL;

      if (sl_peer_get_protocol (peer) == SL_PROTOCOL_UDP)
        message = g_strdup_printf (_("%s forgotten: no datagram for %u s"), sl_peer_get_label (peer),
                                   (self->udp_idle_timeout + 999) / 1000);
      else
        message = g_strdup_printf (_("%s disconnected: nothing received or sent for %.1f s (idle timeout)"),
                                   sl_peer_get_label (peer), self->tcp_idle_timeout / 1000.0);
      log_info (self, SL_LOG_KIND_INFO, sl_peer_get_label (peer), message);
      close_peer_quietly (self, peer);
    }

  notify_withheld (self);
  if (g_list_model_get_n_items (model) > 0)
    {
      flush_noisy (self, now);
      flush_unlogged (self, now);
      return G_SOURCE_CONTINUE;
    }
  flush_noisy (self, 0);
  flush_unlogged (self, 0);
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* ---- TCP accept ------------------------------------------------------------------- */

static void
refuse (SlServer           *self,
        SlSocket           *client,
        GInetSocketAddress *address)
{
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;

  if (!noisy_allowed (self, NOISY_REFUSED))
    {
      sl_socket_close (client);
      return;
    }
  label = sl_socket_address_to_string (G_SOCKET_ADDRESS (address));
  message = g_strdup_printf (_("Refused %s: the server already has %u clients, its limit, and none "
                               "has been idle for %u s"),
                             label, self->max_peers, (self->evict_idle_after + 999) / 1000);

  sl_socket_close (client);
  log_noisy (self, NOISY_REFUSED, label, message);
}

static void
accept_one (SlServer                      *self,
            SlSocket                      *client,
            const struct sockaddr_storage *ss,
            socklen_t                      len)
{
  g_autoptr(GInetSocketAddress) address = address_from_native (ss, len);
  g_autoptr(SlPeer) peer = NULL;
  gboolean made_room = FALSE;

  if (address == NULL)
    {
      sl_socket_close (client);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->peers)) >= self->max_peers)
    {
      g_autofree char *label = sl_socket_address_to_string (G_SOCKET_ADDRESS (address));

      /* Idle clients must not lock everyone else out forever: the idlest makes room. */
      made_room = self->evict_idle_after > 0 &&
                  make_room (self, label, (gint64) self->evict_idle_after * 1000);
      if (!made_room)
        {
          refuse (self, client, address);
          return;
        }
    }
  /* Small echoes go out at once instead of waiting for Nagle's algorithm. */
  sl_socket_setsockopt_int (client, IPPROTO_TCP, TCP_NODELAY, 1);
  peer = sl_peer_new_tcp (client, address, self->buffer, self->max_unread, &peer_callbacks, self);
  add_peer (self, peer, !made_room);
}

static gboolean
resume_accepting (gpointer user_data)
{
  SlServer *self = user_data;

  self->accept_retry_id = 0;
  if (self->listener != NULL)
    sl_socket_set_reading (self->listener, TRUE);
  return G_SOURCE_REMOVE;
}

/* Out of descriptors: the pending connection stays readable, so stop polling a while. */
static void
pause_accepting (SlServer *self,
                 int       errsv)
{
  if (!self->accept_error_logged)
    {
      g_autofree char *why = sl_errno_describe (errsv);
      g_autofree char *message =
        g_strdup_printf (_("Cannot accept new clients: %s. Close some connections; "
                           "the server keeps trying."), why);

      log_info (self, SL_LOG_KIND_ERROR, NULL, message);
      self->accept_error_logged = TRUE;
    }
  sl_socket_set_reading (self->listener, FALSE);
  g_clear_handle_id (&self->accept_retry_id, g_source_remove);
  self->accept_retry_id = g_timeout_add (ACCEPT_RETRY_MS, resume_accepting, self);
}

static void
accept_ready (SlSocket     *listener,
              GIOCondition  revents,
              gpointer      user_data)
{
  SlServer *self = user_data;

  for (guint i = 0; i < ACCEPTS_PER_DISPATCH && self->listener != NULL; i++)
    {
      struct sockaddr_storage ss;
      socklen_t len;
      int errsv;
      g_autoptr(SlSocket) client = sl_socket_accept (listener, &ss, &len, &errsv);

      if (client == NULL && (errsv == EAGAIN || errsv == EWOULDBLOCK))
        break;
      if (client == NULL)
        {
          if (errsv == EMFILE || errsv == ENFILE || errsv == ENOBUFS || errsv == ENOMEM)
            {
              pause_accepting (self, errsv);
              break;
            }
          continue;   /* ECONNABORTED and friends concern one client only */
        }
      self->accept_error_logged = FALSE;
      accept_one (self, client, &ss, len);
    }
}

static const SlSocketHandler accept_handler = {
  .ready = accept_ready,
};

/* ---- UDP -------------------------------------------------------------------------- */

static gboolean
udp_send (SlServer     *self,
          SlPeer       *peer,
          const guint8 *data,
          gsize         len)
{
  struct sockaddr_storage ss;
  GSocketAddress *address = G_SOCKET_ADDRESS (sl_peer_get_address (peer));
  gssize n;
  int errsv;

  if (self->listener == NULL || !g_socket_address_to_native (address, &ss, sizeof ss, NULL))
    return FALSE;
  n = sl_socket_sendto (self->listener, data, len, MSG_NOSIGNAL, (struct sockaddr *) &ss,
                        g_socket_address_get_native_size (address), &errsv);
  if (n >= 0)
    {
      sl_peer_add_bytes_out (peer, n);
      return TRUE;
    }
  if (noisy_allowed (self, NOISY_REPLY_FAILED))
    {
      g_autofree char *why = sl_errno_describe (errsv);
      g_autofree char *message = g_strdup_printf (_("Reply to %s dropped: %s"),
                                                  sl_peer_get_label (peer), why);

      log_noisy (self, NOISY_REPLY_FAILED, sl_peer_get_label (peer), message);
    }
  return FALSE;
}

static SlPeer *
udp_peer_for (SlServer                      *self,
              const struct sockaddr_storage *ss,
              socklen_t                      len)
{
  g_autoptr(GBytes) key = g_bytes_new (ss, len);
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autoptr(SlPeer) peer = NULL;
  SlPeer *known = g_hash_table_lookup (self->udp_peers, key);
  gboolean made_room = FALSE;

  if (known != NULL)
    return known;

  address = address_from_native (ss, len);
  if (address == NULL)
    return NULL;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->peers)) >= self->max_peers)
    {
      g_autofree char *label = sl_socket_address_to_string (G_SOCKET_ADDRESS (address));

      /* Forged sources must not fill the table and lock real clients out: a UDP peer is
       * only an address, so the idlest is forgotten at once. */
      made_room = make_room (self, label, 0);
      if (!made_room)
        return NULL;
    }

  peer = sl_peer_new_udp (address);
  g_object_set_data_full (G_OBJECT (peer), "sl-udp-key", g_bytes_ref (key),
                          (GDestroyNotify) g_bytes_unref);
  g_hash_table_insert (self->udp_peers, g_bytes_ref (key), peer);
  add_peer (self, peer, !made_room);
  return peer;
}

static void
udp_ready (SlSocket     *socket,
           GIOCondition  revents,
           gpointer      user_data)
{
  SlServer *self = user_data;

  for (guint i = 0; i < DATAGRAMS_PER_DISPATCH && self->listener != NULL; i++)
    {
      struct sockaddr_storage ss;
      socklen_t len;
      int errsv;
      gssize n = sl_socket_recvfrom (socket, self->buffer->data, self->buffer->len, 0, &ss, &len, &errsv);
      SlPeer *peer;

      if (n < 0 && (errsv == EAGAIN || errsv == EWOULDBLOCK))
        break;
      if (n < 0)
        continue;   /* an ICMP error about an earlier reply: nothing to do with this one */
      peer = udp_peer_for (self, &ss, len);
      if (peer == NULL)
        continue;

      sl_peer_add_bytes_in (peer, n);
      log_received (self, peer, self->buffer->data, n);
      reply (self, peer, self->buffer->data, n);
    }
}

static const SlSocketHandler udp_handler = {
  .ready = udp_ready,
};

/* ---- start / stop ----------------------------------------------------------------- */

static GInetAddress *
parse_bind_address (SlServer  *self,
                    GError   **error)
{
  g_autofree char *text = g_strstrip (g_strdup (self->address != NULL ? self->address : ""));
  const char *literal = text;
  g_autoptr(GInetAddress) address = NULL;
  gsize len = strlen (text);

  if (len == 0 || g_ascii_strcasecmp (text, "localhost") == 0)
    literal = SL_SERVER_DEFAULT_ADDRESS;
  else if (len > 2 && text[0] == '[' && text[len - 1] == ']')
    {
      text[len - 1] = '\0';
      literal = text + 1;
    }

  address = g_inet_address_new_from_string (literal);
  if (address == NULL)
    {
      g_set_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_INVALID_ADDRESS,
                   _("“%s” is not an IP address. Use 127.0.0.1 (this computer only), "
                     "::1 (IPv6) or 0.0.0.0 (every network)."), text);
      return NULL;
    }
  if (!g_inet_address_get_is_loopback (address) && !self->allow_network)
    {
      g_set_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_NOT_ALLOWED,
                   _("Listening on %s lets other computers connect. Turn on “Allow "
                     "connections from the network” first, or use 127.0.0.1."), literal);
      return NULL;
    }
  return g_steal_pointer (&address);
}

static void
set_errno_error (GError     **error,
                 int          errsv,
                 const char  *host,
                 guint        port)
{
  g_autofree char *why = sl_errno_describe (errsv);

  switch (errsv)
    {
    case EADDRINUSE:
      g_set_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_ADDRESS_IN_USE,
                   _("Port %u is already used by another program. Stop that program or "
                     "choose another port (0 picks a free one)."), port);
      break;
    case EACCES:
    case EPERM:
      if (port > 0 && port < 1024)
        g_set_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_PERMISSION_DENIED,
                     _("Ports below 1024 need administrator rights. Choose port 1024 or "
                       "above, such as 8080."));
      else
        g_set_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_PERMISSION_DENIED, "%s", why);
      break;
    case EADDRNOTAVAIL:
      g_set_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_ADDRESS_NOT_AVAILABLE,
                   /* Translators: “ip address” is a command (ip(8)): keep it as it is. */
                   _("%s is not an address of this computer. Use 127.0.0.1, or an "
                     "address that “ip address” lists."), host);
      break;
    case EMFILE:
    case ENFILE:
      g_set_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_TOO_MANY_FILES,
                   _("%s. Close some connections and try again."), why);
      break;
    case EAFNOSUPPORT:
      g_set_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_INVALID_ADDRESS, "%s", why);
      break;
    default:
      g_set_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_FAILED, "%s", why);
    }
}

static int
bind_and_listen (SlServer     *self,
                 GInetAddress *address)
{
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (address, self->port);
  struct sockaddr_storage ss;
  socklen_t len;
  int errsv;

  if (self->protocol == SL_PROTOCOL_TCP)
    /* Lets a stopped server start again at once on the same port (TIME_WAIT). */
    sl_socket_setsockopt_int (self->listener, SOL_SOCKET, SO_REUSEADDR, 1);

  g_socket_address_to_native (socket_address, &ss, sizeof ss, NULL);
  errsv = sl_socket_bind (self->listener, (struct sockaddr *) &ss,
                          g_socket_address_get_native_size (socket_address));
  if (errsv == 0 && self->protocol == SL_PROTOCOL_TCP)
    errsv = sl_socket_listen (self->listener, SOMAXCONN);
  if (errsv == 0)
    errsv = sl_socket_getsockname (self->listener, &ss, &len);
  if (errsv == 0)
    {
      g_autoptr(GInetSocketAddress) bound = address_from_native (&ss, len);

      self->bound_port = g_inet_socket_address_get_port (bound);
      self->bound_label = sl_socket_address_to_string (G_SOCKET_ADDRESS (bound));
    }
  return errsv;
}

static void
close_listener (SlServer *self)
{
  g_clear_handle_id (&self->accept_retry_id, g_source_remove);
  sl_clear_socket (&self->listener);
}

static int
open_listener (SlServer      *self,
               GSocketFamily  family)
{
  int errsv;

  self->listener = sl_socket_open (family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET,
                                   self->protocol == SL_PROTOCOL_TCP ? SOCK_STREAM : SOCK_DGRAM,
                                   0, self->trace, &errsv);
  return errsv;
}

gboolean
sl_server_start (SlServer  *self,
                 GError   **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *message = NULL;
  int errsv;

  g_return_val_if_fail (SL_IS_SERVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->state == SL_SERVER_STATE_LISTENING)
    {
      g_set_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_ALREADY_LISTENING,
                   _("The server is already listening on %s"), self->bound_label);
      return FALSE;
    }

  address = parse_bind_address (self, error);
  if (address == NULL)
    {
      set_state (self, SL_SERVER_STATE_FAILED);
      return FALSE;
    }

  errsv = open_listener (self, g_inet_address_get_family (address));
  if (errsv == 0)
    errsv = bind_and_listen (self, address);
  if (errsv != 0)
    {
      g_autofree char *host = g_inet_address_to_string (address);

      set_errno_error (error, errsv, host, self->port);
      close_listener (self);
      log_info (self, SL_LOG_KIND_ERROR, NULL, (*error)->message);
      set_state (self, SL_SERVER_STATE_FAILED);
      return FALSE;
    }

  self->bound_host = g_inet_address_to_string (address);
  self->accept_error_logged = FALSE;
  /* Each run starts with full buckets, zero counters and nothing left out of the log. */
  self->reply_bucket = (SlTokenBucket) { 0 };
  self->log_bucket = (SlTokenBucket) { 0 };
  self->unlogged_reads = self->unlogged_bytes = 0;
  self->unlogged_logged_us = 0;
  memset (self->noisy, 0, sizeof self->noisy);
  memset (self->withheld, 0, sizeof self->withheld);
  notify_withheld (self);
  sl_socket_set_handler (self->listener,
                         self->protocol == SL_PROTOCOL_TCP ? &accept_handler : &udp_handler, self);
  sl_socket_set_reading (self->listener, TRUE);

  message = g_strdup_printf (self->protocol == SL_PROTOCOL_TCP ? _("Listening on %s (TCP)")
                                                               : _("Listening on %s (UDP)"),
                             self->bound_label);
  log_info (self, SL_LOG_KIND_INFO, NULL, message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOUND_PORT]);
  set_state (self, SL_SERVER_STATE_LISTENING);
  return TRUE;
}

void
sl_server_stop (SlServer *self)
{
  g_autoptr(GPtrArray) peers = NULL;
  g_autofree char *message = NULL;
  guint n;

  g_return_if_fail (SL_IS_SERVER (self));

  if (self->state != SL_SERVER_STATE_LISTENING)
    {
      set_state (self, SL_SERVER_STATE_STOPPED);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->peers));
  peers = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (peers, g_list_model_get_item (G_LIST_MODEL (self->peers), i));

  self->stopping = TRUE;
  for (guint i = 0; i < peers->len; i++)
    sl_peer_close (g_ptr_array_index (peers, i));
  self->stopping = FALSE;
  flush_noisy (self, 0);
  flush_unlogged (self, 0);
  notify_withheld (self);

  g_hash_table_remove_all (self->udp_peers);
  g_list_store_remove_all (self->peers);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  close_listener (self);

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Stopped; closed %u connection",
                                          "Stopped; closed %u connections", n), n);
  log_info (self, SL_LOG_KIND_INFO, NULL, message);

  /* Stopped first: whoever hears the notifies below asks about a stopped server. */
  set_state (self, SL_SERVER_STATE_STOPPED);
  g_clear_pointer (&self->bound_label, g_free);
  g_clear_pointer (&self->bound_host, g_free);
  self->bound_port = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOUND_PORT]);
  if (n > 0)
    notify_n_peers (self);
}

/* ---- sending ---------------------------------------------------------------------- */

static gboolean
check_peer (SlServer  *self,
            SlPeer    *peer,
            gsize      len,
            GError   **error)
{
  if (!find_peer (self, peer, NULL) || sl_peer_get_state (peer) == SL_PEER_STATE_CLOSED)
    {
      g_set_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_PEER_GONE,
                   _("%s is no longer connected"), sl_peer_get_label (peer));
      return FALSE;
    }
  if (sl_peer_get_protocol (peer) == SL_PROTOCOL_TCP && sl_peer_get_room (peer) < len)
    {
      g_autofree char *waiting = g_format_size (sl_peer_get_queued (peer));

      g_set_error (error, SL_SERVER_ERROR, SL_SERVER_ERROR_PEER_BUSY,
                   _("%s is not reading what it receives: %s are already waiting for it"),
                   sl_peer_get_label (peer), waiting);
      return FALSE;
    }
  return TRUE;
}

gboolean
sl_server_send (SlServer  *self,
                SlPeer    *peer,
                GBytes    *data,
                GError   **error)
{
  gsize len;
  const guint8 *bytes;

  g_return_val_if_fail (SL_IS_SERVER (self), FALSE);
  g_return_val_if_fail (SL_IS_PEER (peer), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = g_bytes_get_data (data, &len);
  if (!check_peer (self, peer, len, error))
    return FALSE;
  sl_log_append_data (self->log, SL_LOG_KIND_SENT, sl_peer_get_label (peer), data);
  send_any (self, peer, bytes, len);
  return TRUE;
}

guint
sl_server_broadcast (SlServer *self,
                     GBytes   *data)
{
  GListModel *model;
  gsize len;
  const guint8 *bytes;
  guint reached = 0;
  guint n;
  g_autofree char *to = NULL;

  g_return_val_if_fail (SL_IS_SERVER (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  model = G_LIST_MODEL (self->peers);
  n = g_list_model_get_n_items (model);
  bytes = g_bytes_get_data (data, &len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlPeer) peer = g_list_model_get_item (model, i);

      if (!check_peer (self, peer, len, NULL))
        continue;
      send_any (self, peer, bytes, len);
      reached++;
    }

  to = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client", "%u clients", reached),
                        reached);
  sl_log_append_data (self->log, SL_LOG_KIND_SENT, to, data);
  return reached;
}

void
sl_server_disconnect_peer (SlServer *self,
                           SlPeer   *peer)
{
  g_return_if_fail (SL_IS_SERVER (self));
  g_return_if_fail (SL_IS_PEER (peer));

  if (!find_peer (self, peer, NULL))
    return;
  if (sl_peer_get_protocol (peer) == SL_PROTOCOL_UDP)
    {
      /* UDP has no connection: forgetting the address is all there is. */
      sl_peer_close (peer);
      peer_closed (peer, SL_PEER_CLOSED_BY_SERVER, 0, self);
    }
  else
    sl_peer_close (peer);
}

char *
sl_server_dup_try_command (SlServer *self)
{
  g_autoptr(GInetAddress) host = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SL_IS_SERVER (self), NULL);

  if (self->state != SL_SERVER_STATE_LISTENING || self->bound_host == NULL)
    return NULL;

  /* A wildcard bind is reached from this computer through loopback. */
  host = g_inet_address_new_from_string (self->bound_host);
  if (g_inet_address_get_is_any (host))
    {
      GSocketFamily family = g_inet_address_get_family (host);

      g_object_unref (host);
      host = g_inet_address_new_loopback (family);
    }
  text = g_inet_address_to_string (host);
  return g_strdup_printf ("nc%s %s %u", self->protocol == SL_PROTOCOL_UDP ? " -u" : "",
                          text, self->bound_port);
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
sl_server_dispose (GObject *object)
{
  SlServer *self = SL_SERVER (object);

  sl_server_stop (self);

  G_OBJECT_CLASS (sl_server_parent_class)->dispose (object);
}

static void
sl_server_finalize (GObject *object)
{
  SlServer *self = SL_SERVER (object);

  g_clear_pointer (&self->udp_peers, g_hash_table_unref);
  g_clear_object (&self->peers);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_pointer (&self->fixed_reply, g_bytes_unref);
  g_clear_object (&self->log);
  g_clear_object (&self->trace);
  g_free (self->address);

  G_OBJECT_CLASS (sl_server_parent_class)->finalize (object);
}

static void
sl_server_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SlServer *self = SL_SERVER (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      g_value_set_enum (value, self->protocol);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_ALLOW_NETWORK:
      g_value_set_boolean (value, self->allow_network);
      break;
    case PROP_REPLY_MODE:
      g_value_set_enum (value, self->reply_mode);
      break;
    case PROP_FIXED_REPLY:
      g_value_set_boxed (value, self->fixed_reply);
      break;
    case PROP_MAX_PEERS:
      g_value_set_uint (value, self->max_peers);
      break;
    case PROP_MAX_UNREAD:
      g_value_set_uint (value, self->max_unread);
      break;
    case PROP_UDP_IDLE_TIMEOUT:
      g_value_set_uint (value, self->udp_idle_timeout);
      break;
    case PROP_UDP_REPLY_RATE:
      g_value_set_uint (value, self->udp_reply_rate);
      break;
    case PROP_UDP_REPLY_RATE_TOTAL:
      g_value_set_uint (value, self->udp_reply_rate_total);
      break;
    case PROP_ALLOW_LARGE_REPLIES:
      g_value_set_boolean (value, self->allow_large_replies);
      break;
    case PROP_TCP_IDLE_TIMEOUT:
      g_value_set_uint (value, self->tcp_idle_timeout);
      break;
    case PROP_EVICT_IDLE_AFTER:
      g_value_set_uint (value, self->evict_idle_after);
      break;
    case PROP_REPLIES_WITHHELD_RATE_LIMIT:
      g_value_set_uint64 (value, self->withheld[SL_WITHHELD_RATE_LIMIT]);
      break;
    case PROP_REPLIES_WITHHELD_AMPLIFICATION:
      g_value_set_uint64 (value, self->withheld[SL_WITHHELD_AMPLIFICATION]);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_BOUND_PORT:
      g_value_set_uint (value, self->bound_port);
      break;
    case PROP_N_PEERS:
      g_value_set_uint (value, sl_server_get_n_peers (self));
      break;
    case PROP_PEERS:
      g_value_set_object (value, self->peers);
      break;
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_server_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SlServer *self = SL_SERVER (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      sl_server_set_protocol (self, g_value_get_enum (value));
      break;
    case PROP_ADDRESS:
      sl_server_set_address (self, g_value_get_string (value));
      break;
    case PROP_PORT:
      sl_server_set_port (self, g_value_get_uint (value));
      break;
    case PROP_ALLOW_NETWORK:
      sl_server_set_allow_network (self, g_value_get_boolean (value));
      break;
    case PROP_REPLY_MODE:
      sl_server_set_reply_mode (self, g_value_get_enum (value));
      break;
    case PROP_FIXED_REPLY:
      sl_server_set_fixed_reply (self, g_value_get_boxed (value));
      break;
    case PROP_MAX_PEERS:
      sl_server_set_max_peers (self, g_value_get_uint (value));
      break;
    case PROP_MAX_UNREAD:
      sl_server_set_max_unread (self, g_value_get_uint (value));
      break;
    case PROP_UDP_IDLE_TIMEOUT:
      sl_server_set_udp_idle_timeout (self, g_value_get_uint (value));
      break;
    case PROP_UDP_REPLY_RATE:
      sl_server_set_udp_reply_rate (self, g_value_get_uint (value));
      break;
    case PROP_UDP_REPLY_RATE_TOTAL:
      sl_server_set_udp_reply_rate_total (self, g_value_get_uint (value));
      break;
    case PROP_ALLOW_LARGE_REPLIES:
      sl_server_set_allow_large_replies (self, g_value_get_boolean (value));
      break;
    case PROP_TCP_IDLE_TIMEOUT:
      sl_server_set_tcp_idle_timeout (self, g_value_get_uint (value));
      break;
    case PROP_EVICT_IDLE_AFTER:
      sl_server_set_evict_idle_after (self, g_value_get_uint (value));
      break;
    case PROP_LOG:
      self->log = g_value_dup_object (value);
      break;
    case PROP_TRACE:
      self->trace = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_server_constructed (GObject *object)
{
  SlServer *self = SL_SERVER (object);

  G_OBJECT_CLASS (sl_server_parent_class)->constructed (object);

  if (self->log == NULL)
    self->log = sl_log_new (0);
  if (self->trace == NULL)
    self->trace = sl_trace_new (0);
}

static void
sl_server_class_init (SlServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sl_server_dispose;
  object_class->finalize = sl_server_finalize;
  object_class->constructed = sl_server_constructed;
  object_class->get_property = sl_server_get_property;
  object_class->set_property = sl_server_set_property;

  properties[PROP_PROTOCOL] =
    g_param_spec_enum ("protocol", NULL, NULL, SL_TYPE_PROTOCOL, SL_PROTOCOL_TCP, rw);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, SL_SERVER_DEFAULT_ADDRESS, rw);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0, rw);
  properties[PROP_ALLOW_NETWORK] =
    g_param_spec_boolean ("allow-network", NULL, NULL, FALSE, rw);
  properties[PROP_REPLY_MODE] =
    g_param_spec_enum ("reply-mode", NULL, NULL, SL_TYPE_REPLY_MODE, SL_REPLY_MODE_ECHO, rw);
  properties[PROP_FIXED_REPLY] =
    g_param_spec_boxed ("fixed-reply", NULL, NULL, G_TYPE_BYTES, rw);
  properties[PROP_MAX_PEERS] =
    g_param_spec_uint ("max-peers", NULL, NULL, 1, G_MAXUINT, SL_SERVER_DEFAULT_MAX_PEERS, rw);
  properties[PROP_MAX_UNREAD] =
    g_param_spec_uint ("max-unread", NULL, NULL, 1, G_MAXUINT, SL_SERVER_DEFAULT_MAX_UNREAD, rw);
  properties[PROP_UDP_IDLE_TIMEOUT] =
    g_param_spec_uint ("udp-idle-timeout", NULL, NULL, 1, G_MAXUINT,
                       SL_SERVER_DEFAULT_UDP_IDLE_TIMEOUT, rw);
  /* Replies a second to one UDP source, and to all; 0: no limit. */
  properties[PROP_UDP_REPLY_RATE] =
    g_param_spec_uint ("udp-reply-rate", NULL, NULL, 0, G_MAXUINT,
                       SL_SERVER_DEFAULT_UDP_REPLY_RATE, rw);
  properties[PROP_UDP_REPLY_RATE_TOTAL] =
    g_param_spec_uint ("udp-reply-rate-total", NULL, NULL, 0, G_MAXUINT,
                       SL_SERVER_DEFAULT_UDP_REPLY_RATE_TOTAL, rw);
  properties[PROP_ALLOW_LARGE_REPLIES] =
    g_param_spec_boolean ("allow-large-replies", NULL, NULL, FALSE, rw);
  /* Milliseconds; 0: never. */
  properties[PROP_TCP_IDLE_TIMEOUT] =
    g_param_spec_uint ("tcp-idle-timeout", NULL, NULL, 0, G_MAXUINT,
                       SL_SERVER_DEFAULT_TCP_IDLE_TIMEOUT, rw);
  properties[PROP_EVICT_IDLE_AFTER] =
    g_param_spec_uint ("evict-idle-after", NULL, NULL, 0, G_MAXUINT,
                       SL_SERVER_DEFAULT_EVICT_IDLE_AFTER, rw);
  properties[PROP_REPLIES_WITHHELD_RATE_LIMIT] =
    g_param_spec_uint64 ("replies-withheld-rate-limit", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_REPLIES_WITHHELD_AMPLIFICATION] =
    g_param_spec_uint64 ("replies-withheld-amplification", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SL_TYPE_SERVER_STATE, SL_SERVER_STATE_STOPPED, ro);
  properties[PROP_BOUND_PORT] =
    g_param_spec_uint ("bound-port", NULL, NULL, 0, G_MAXUINT16, 0, ro);
  properties[PROP_N_PEERS] =
    g_param_spec_uint ("n-peers", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PEERS] =
    g_param_spec_object ("peers", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_LOG] =
    g_param_spec_object ("log", NULL, NULL, SL_TYPE_LOG, co);
  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL, SL_TYPE_TRACE, co);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_server_init (SlServer *self)
{
  self->address = g_strdup (SL_SERVER_DEFAULT_ADDRESS);
  self->max_peers = SL_SERVER_DEFAULT_MAX_PEERS;
  self->max_unread = SL_SERVER_DEFAULT_MAX_UNREAD;
  self->udp_idle_timeout = SL_SERVER_DEFAULT_UDP_IDLE_TIMEOUT;
  self->udp_reply_rate = SL_SERVER_DEFAULT_UDP_REPLY_RATE;
  self->udp_reply_rate_total = SL_SERVER_DEFAULT_UDP_REPLY_RATE_TOTAL;
  self->tcp_idle_timeout = SL_SERVER_DEFAULT_TCP_IDLE_TIMEOUT;
  self->evict_idle_after = SL_SERVER_DEFAULT_EVICT_IDLE_AFTER;
  self->peers = g_list_store_new (SL_TYPE_PEER);
  self->udp_peers = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                           (GDestroyNotify) g_bytes_unref, NULL);
  self->buffer = g_byte_array_sized_new (READ_BUFFER_SIZE);
  g_byte_array_set_size (self->buffer, READ_BUFFER_SIZE);
}

SlServer *
sl_server_new (SlLog   *log,
               SlTrace *trace)
{
  g_return_val_if_fail (log == NULL || SL_IS_LOG (log), NULL);
  g_return_val_if_fail (trace == NULL || SL_IS_TRACE (trace), NULL);

  return g_object_new (SL_TYPE_SERVER, "log", log, "trace", trace, NULL);
}

/* ---- accessors -------------------------------------------------------------------- */

SlProtocol
sl_server_get_protocol (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), SL_PROTOCOL_TCP);
  return self->protocol;
}

void
sl_server_set_protocol (SlServer   *self,
                        SlProtocol  protocol)
{
  g_return_if_fail (SL_IS_SERVER (self));
  sl_set_enum_prop (G_OBJECT (self), &self->protocol, protocol, properties[PROP_PROTOCOL]);
}

const char *
sl_server_get_address (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), NULL);
  return self->address;
}

void
sl_server_set_address (SlServer   *self,
                       const char *address)
{
  g_return_if_fail (SL_IS_SERVER (self));
  sl_set_string_prop (G_OBJECT (self), &self->address, address, properties[PROP_ADDRESS]);
}

guint
sl_server_get_port (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), 0);
  return self->port;
}

void
sl_server_set_port (SlServer *self,
                    guint     port)
{
  g_return_if_fail (SL_IS_SERVER (self));
  g_return_if_fail (port <= G_MAXUINT16);
  sl_set_uint_prop (G_OBJECT (self), &self->port, port, properties[PROP_PORT]);
}

gboolean
sl_server_get_allow_network (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), FALSE);
  return self->allow_network;
}

void
sl_server_set_allow_network (SlServer *self,
                             gboolean  allow_network)
{
  g_return_if_fail (SL_IS_SERVER (self));
  sl_set_boolean_prop (G_OBJECT (self), &self->allow_network, allow_network,
                       properties[PROP_ALLOW_NETWORK]);
}

SlReplyMode
sl_server_get_reply_mode (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), SL_REPLY_MODE_ECHO);
  return self->reply_mode;
}

void
sl_server_set_reply_mode (SlServer    *self,
                          SlReplyMode  reply_mode)
{
  g_return_if_fail (SL_IS_SERVER (self));
  sl_set_enum_prop (G_OBJECT (self), &self->reply_mode, reply_mode, properties[PROP_REPLY_MODE]);
}

GBytes *
sl_server_get_fixed_reply (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), NULL);
  return self->fixed_reply;
}

void
sl_server_set_fixed_reply (SlServer *self,
                           GBytes   *reply)
{
  g_return_if_fail (SL_IS_SERVER (self));

  if (self->fixed_reply == reply ||
      (self->fixed_reply != NULL && reply != NULL && g_bytes_equal (self->fixed_reply, reply)))
    return;
  g_clear_pointer (&self->fixed_reply, g_bytes_unref);
  self->fixed_reply = reply != NULL ? g_bytes_ref (reply) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIXED_REPLY]);
}

guint
sl_server_get_max_peers (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), 0);
  return self->max_peers;
}

void
sl_server_set_max_peers (SlServer *self,
                         guint     max_peers)
{
  g_return_if_fail (SL_IS_SERVER (self));
  g_return_if_fail (max_peers > 0);
  sl_set_uint_prop (G_OBJECT (self), &self->max_peers, max_peers, properties[PROP_MAX_PEERS]);
}

guint
sl_server_get_max_unread (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), 0);
  return self->max_unread;
}

/* Applies to peers that connect afterwards. */
void
sl_server_set_max_unread (SlServer *self,
                          guint     max_unread)
{
  g_return_if_fail (SL_IS_SERVER (self));
  g_return_if_fail (max_unread > 0);
  sl_set_uint_prop (G_OBJECT (self), &self->max_unread, max_unread, properties[PROP_MAX_UNREAD]);
}

guint
sl_server_get_udp_idle_timeout (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), 0);
  return self->udp_idle_timeout;
}

void
sl_server_set_udp_idle_timeout (SlServer *self,
                                guint     udp_idle_timeout)
{
  g_return_if_fail (SL_IS_SERVER (self));
  g_return_if_fail (udp_idle_timeout > 0);
  sl_set_uint_prop (G_OBJECT (self), &self->udp_idle_timeout, udp_idle_timeout,
                    properties[PROP_UDP_IDLE_TIMEOUT]);
}

guint
sl_server_get_udp_reply_rate (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), 0);
  return self->udp_reply_rate;
}

void
sl_server_set_udp_reply_rate (SlServer *self,
                              guint     udp_reply_rate)
{
  g_return_if_fail (SL_IS_SERVER (self));
  sl_set_uint_prop (G_OBJECT (self), &self->udp_reply_rate, udp_reply_rate,
                    properties[PROP_UDP_REPLY_RATE]);
}

guint
sl_server_get_udp_reply_rate_total (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), 0);
  return self->udp_reply_rate_total;
}

void
sl_server_set_udp_reply_rate_total (SlServer *self,
                                    guint     udp_reply_rate_total)
{
  g_return_if_fail (SL_IS_SERVER (self));
  sl_set_uint_prop (G_OBJECT (self), &self->udp_reply_rate_total, udp_reply_rate_total,
                    properties[PROP_UDP_REPLY_RATE_TOTAL]);
}

gboolean
sl_server_get_allow_large_replies (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), FALSE);
  return self->allow_large_replies;
}

void
sl_server_set_allow_large_replies (SlServer *self,
                                   gboolean  allow_large_replies)
{
  g_return_if_fail (SL_IS_SERVER (self));
  sl_set_boolean_prop (G_OBJECT (self), &self->allow_large_replies, allow_large_replies,
                       properties[PROP_ALLOW_LARGE_REPLIES]);
}

guint
sl_server_get_tcp_idle_timeout (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), 0);
  return self->tcp_idle_timeout;
}

/* Applies from the next check (five times a second) to every client, old and new. */
void
sl_server_set_tcp_idle_timeout (SlServer *self,
                                guint     tcp_idle_timeout)
{
  g_return_if_fail (SL_IS_SERVER (self));
  sl_set_uint_prop (G_OBJECT (self), &self->tcp_idle_timeout, tcp_idle_timeout,
                    properties[PROP_TCP_IDLE_TIMEOUT]);
}

guint
sl_server_get_evict_idle_after (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), 0);
  return self->evict_idle_after;
}

void
sl_server_set_evict_idle_after (SlServer *self,
                                guint     evict_idle_after)
{
  g_return_if_fail (SL_IS_SERVER (self));
  sl_set_uint_prop (G_OBJECT (self), &self->evict_idle_after, evict_idle_after,
                    properties[PROP_EVICT_IDLE_AFTER]);
}

guint64
sl_server_get_replies_withheld (SlServer         *self,
                                SlWithheldReason  reason)
{
  g_return_val_if_fail (SL_IS_SERVER (self), 0);
  g_return_val_if_fail (reason <= SL_WITHHELD_AMPLIFICATION, 0);
  return self->withheld[reason];
}

SlServerState
sl_server_get_state (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), SL_SERVER_STATE_STOPPED);
  return self->state;
}

guint
sl_server_get_bound_port (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), 0);
  return self->bound_port;
}

const char *
sl_server_get_bound_label (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), NULL);
  return self->bound_label;
}

GListModel *
sl_server_get_peers (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), NULL);
  return G_LIST_MODEL (self->peers);
}

guint
sl_server_get_n_peers (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->peers));
}

SlLog *
sl_server_get_log (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), NULL);
  return self->log;
}

SlTrace *
sl_server_get_trace (SlServer *self)
{
  g_return_val_if_fail (SL_IS_SERVER (self), NULL);
  return self->trace;
}
