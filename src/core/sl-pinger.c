/* sl-pinger.c: ping one host: the schedule and the bookkeeping of a run.
 *
 * The pinger resolves the host (SlResolver, like every page), checks there is a route,
 * opens a prober for the best method this system allows (sl-ping-method.c), then sends a
 * probe on a fixed grid and declares probes lost after the timeout, all from one deadline
 * source on the main context. Probers report answers through a sink; the pinger turns
 * them into statistics (iputils' arithmetic) and ping(8)-like log lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "sl-address.h"
#include "sl-deadline-source.h"
#include "sl-enums.h"
#include "sl-errno.h"
#include "sl-icmp.h"
#include "sl-ping-method.h"
#include "sl-ping-probe-private.h"
#include "sl-pinger.h"
#include "sl-resolver.h"
#include "sl-ring.h"
#include "sl-socket-util.h"
#include "sl-utils.h"

#define MAX_LOGGED_FORGED 5

struct _SlPinger
{
  GObject        parent_instance;

  /* options */
  char          *host;
  GSocketFamily  family;
  SlPingMethod   method_preference;
  guint          count;
  double         interval;
  double         timeout;
  guint          payload_size;
  guint          tcp_port;
  SlLog         *log;
  SlTrace       *trace;

  /* results */
  SlPingMethod   method;
  char          *method_explanation;
  char          *address;
  guint16        ident;
  SlPingStats   *stats;
  SlRing        *probes;

  /* the run in progress */
  GTask         *task;
  GCancellable  *lookup_cancellable;
  GSource       *cancel_source;
  SlProber      *prober;
  SlProberOptions options;
  GSource       *tick_source;
  GHashTable    *by_wire_seq;     /* GUINT_TO_POINTER (seq & 0xffff) → SlPingProbe */
  GQueue         in_flight;       /* SlPingProbe refs, in send order */
  guint64        sent;
  gint64         start_us;        /* monotonic, when the first probe left */
};

G_DEFINE_FINAL_TYPE (SlPinger, sl_pinger, G_TYPE_OBJECT)
G_DEFINE_QUARK (sl-pinger-error-quark, sl_pinger_error)

enum {
  PROP_0,
  PROP_HOST,
  PROP_FAMILY,
  PROP_METHOD_PREFERENCE,
  PROP_COUNT,
  PROP_INTERVAL,
  PROP_TIMEOUT,
  PROP_PAYLOAD_SIZE,
  PROP_TCP_PORT,
  PROP_LOG,
  PROP_TRACE,
  PROP_METHOD,
  PROP_METHOD_EXPLANATION,
  PROP_ADDRESS,
  PROP_RUNNING,
  PROP_STATS,
  N_PROPS
};

enum {
  PROBE_FINISHED,
  DUPLICATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_tick (SlPinger *self);

const char *
sl_ping_method_to_string (SlPingMethod method)
{
  switch (method)
    {
    case SL_PING_METHOD_ICMP_DGRAM:
      return _("ICMP (datagram socket)");
    case SL_PING_METHOD_ICMP_RAW:
      return _("ICMP (raw socket)");
    case SL_PING_METHOD_TCP:
      return _("TCP connect");
    default:
      return "";
    }
}

/* Logging: the lines a student would see from ping(8) */

static void
log_line (SlPinger   *self,
          SlLogKind   kind,
          const char *text)
{
  sl_log_append_message (self->log, kind, self->address ? self->address : self->host, text);
}

static void G_GNUC_PRINTF (3, 4)
log_printf (SlPinger   *self,
            SlLogKind   kind,
            const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list ap;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  log_line (self, kind, text);
}

static void
notify_stats (SlPinger *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATS]);
}

static gboolean
is_tcp (SlPinger *self)
{
  return self->method == SL_PING_METHOD_TCP;
}

/* Probe bookkeeping */

static void
finish_probe (SlPinger    *self,
              SlPingProbe *probe)
{
  notify_stats (self);
  g_signal_emit (self, signals[PROBE_FINISHED], 0, probe);
  /* Maybe that was the last one: let the schedule look again, outside the prober's call. */
  if (self->tick_source != NULL)
    g_source_set_ready_time (self->tick_source, 0);
}

static void
probe_lost (SlPinger    *self,
            SlPingProbe *probe)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf (is_tcp (self) ? _("no answer yet for tcp_seq=%llu")
                                           : _("no answer yet for icmp_seq=%llu"),
                             (unsigned long long) sl_ping_probe_get_seq (probe));
  sl_ping_probe_set_failed (probe, SL_PING_PROBE_STATE_LOST, message);
  if (self->prober != NULL)
    sl_prober_abandon (self->prober, probe);
  log_line (self, SL_LOG_KIND_ERROR, message);
  finish_probe (self, probe);
}

static char *
format_reply_line (SlPinger            *self,
                   SlPingProbe         *probe,
                   const SlProbeAnswer *answer,
                   const char          *suffix)
{
  g_autofree char *time = sl_ping_format_reply_time (answer->rtt_us);
  g_autofree char *ttl = answer->ttl >= 0 ? g_strdup_printf (" ttl=%d", answer->ttl) : g_strdup ("");
  unsigned long long seq = sl_ping_probe_get_seq (probe);

  if (is_tcp (self) && answer->refused)
    return g_strdup_printf (_("refused by %s port %u (RST): tcp_seq=%llu time=%s ms%s"),
                            self->address, self->tcp_port, seq, time, suffix);
  if (is_tcp (self))
    return g_strdup_printf (_("connected to %s port %u: tcp_seq=%llu time=%s ms%s"),
                            self->address, self->tcp_port, seq, time, suffix);
  /* TRANSLATORS: ping(8)'s reply line; keep the field names (icmp_seq, ttl, time) as they are. */
  return g_strdup_printf (_("%zu bytes from %s: icmp_seq=%llu%s time=%s ms%s"),
                          answer->bytes, self->address, seq, ttl, time, suffix);
}

/* The sink: what probers report */

static SlPingProbe *
sink_lookup (guint16  wire_seq,
             gpointer user_data)
{
  SlPinger *self = user_data;

  return g_hash_table_lookup (self->by_wire_seq, GUINT_TO_POINTER (wire_seq));
}

static void
sink_replied (SlPingProbe         *probe,
              const SlProbeAnswer *answer,
              gpointer             user_data)
{
  SlPinger *self = user_data;
  g_autofree char *message = NULL;

  switch (sl_ping_probe_get_state (probe))
    {
    case SL_PING_PROBE_STATE_PENDING:
      message = format_reply_line (self, probe, answer, "");
      sl_ping_stats_add_reply (self->stats, answer->rtt_us, FALSE);
      sl_ping_probe_set_replied (probe, answer->rtt_us, answer->ttl, message);
      log_line (self, SL_LOG_KIND_RECEIVED, message);
      finish_probe (self, probe);
      break;
    case SL_PING_PROBE_STATE_REPLIED:
      /* iputils counts a duplicate's time in min/avg/max/mdev but not as received. */
      message = format_reply_line (self, probe, answer, _(" (DUP!)"));
      sl_ping_stats_add_reply (self->stats, answer->rtt_us, TRUE);
      sl_ping_probe_add_duplicate (probe);
      log_line (self, SL_LOG_KIND_RECEIVED, message);
      notify_stats (self);
      g_signal_emit (self, signals[DUPLICATE], 0, probe, answer->rtt_us);
      break;
    case SL_PING_PROBE_STATE_LOST:
    case SL_PING_PROBE_STATE_ERROR:
    default:
      /* Ours and genuine, only too late: it stays lost, as the timeout promised. */
      message = format_reply_line (self, probe, answer, _(" (late: after the timeout, not counted)"));
      log_line (self, SL_LOG_KIND_INFO, message);
      break;
    }
}

static void
sink_corrupted (SlPingProbe         *probe,
                const SlProbeAnswer *answer,
                gpointer             user_data)
{
  SlPinger *self = user_data;
  g_autofree char *message = format_reply_line (self, probe, answer, _(" (BAD CHECKSUM!)"));

  sl_ping_stats_add_corrupted (self->stats);
  log_line (self, SL_LOG_KIND_ERROR, message);
  notify_stats (self);
}

static void
sink_failed (SlPingProbe *probe,
             const char  *message,
             gpointer     user_data)
{
  SlPinger *self = user_data;

  if (sl_ping_probe_get_state (probe) != SL_PING_PROBE_STATE_PENDING)
    return;
  sl_ping_probe_set_failed (probe, SL_PING_PROBE_STATE_ERROR, message);
  sl_ping_stats_add_error (self->stats);
  log_line (self, SL_LOG_KIND_ERROR, message);
  finish_probe (self, probe);
}

static void
sink_forged (guint16     wire_seq,
             const char *why,
             gpointer    user_data)
{
  SlPinger *self = user_data;
  guint64 count;

  sl_ping_stats_add_forged (self->stats);
  count = sl_ping_stats_get_forged (self->stats);
  /* Explain a few, then only count: a flood of forgeries must not flood the log. */
  if (count <= MAX_LOGGED_FORGED)
    log_printf (self, SL_LOG_KIND_INFO, _("Ignored a reply with our id (icmp_seq=%u): %s"), wire_seq, why);
  if (count == MAX_LOGGED_FORGED)
    log_line (self, SL_LOG_KIND_INFO, _("Further forged replies are only counted in the statistics"));
  notify_stats (self);
}

static const SlProbeSink probe_sink = {
  .lookup = sink_lookup,
  .replied = sink_replied,
  .corrupted = sink_corrupted,
  .failed = sink_failed,
  .forged = sink_forged,
};

/* The schedule: send, expire, finish */

static void finish_run (SlPinger *self,
                        GError   *error);

static gint64
interval_us (SlPinger *self)
{
  return (gint64) (self->interval * G_USEC_PER_SEC + 0.5);
}

static gint64
timeout_us (SlPinger *self)
{
  return (gint64) (self->timeout * G_USEC_PER_SEC + 0.5);
}

static gboolean
all_sent (SlPinger *self)
{
  return self->count > 0 && self->sent >= self->count;
}

static gint64
next_send_us (SlPinger *self)
{
  if (all_sent (self))
    return G_MAXINT64;
  if (self->sent == 0)
    return 0;
  /* Fixed grid from the first probe: a late wake-up does not shift the later probes. */
  return self->start_us + (gint64) self->sent * interval_us (self);
}

static void
send_probe (SlPinger *self,
            gint64    now_us)
{
  g_autoptr(SlPingProbe) probe = NULL;
  guint64 seq = ++self->sent;

  if (seq == 1)
    self->start_us = now_us;
  probe = sl_ping_probe_new (seq, now_us - self->start_us, 0);
  sl_ring_append (self->probes, probe);
  g_queue_push_tail (&self->in_flight, g_object_ref (probe));
  g_hash_table_replace (self->by_wire_seq, GUINT_TO_POINTER (seq & 0xffff), g_object_ref (probe));
  sl_ping_stats_add_transmitted (self->stats);
  sl_ping_stats_set_time_ms (self->stats, (now_us - self->start_us + 500) / 1000);
  sl_prober_send (self->prober, probe);
}

/* Drops answered probes from the head of the queue and declares overdue ones lost. */
static void
expire_probes (SlPinger *self,
               gint64    now_us)
{
  SlPingProbe *probe;

  /* A handler of probe-finished may stop the run, which empties the queue. */
  while (self->task != NULL && (probe = g_queue_peek_head (&self->in_flight)) != NULL)
    {
      if (sl_ping_probe_get_state (probe) == SL_PING_PROBE_STATE_PENDING &&
          self->start_us + sl_ping_probe_get_sent_us (probe) + timeout_us (self) > now_us)
        break;
      probe = g_queue_pop_head (&self->in_flight);
      if (sl_ping_probe_get_state (probe) == SL_PING_PROBE_STATE_PENDING)
        probe_lost (self, probe);
      g_object_unref (probe);
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  g_autoptr(SlPinger) self = g_object_ref (user_data);
  gint64 now_us = g_get_monotonic_time ();

  if (self->prober != NULL && next_send_us (self) <= now_us)
    send_probe (self, now_us);
  if (self->prober != NULL)
    schedule_tick (self);
  return G_SOURCE_CONTINUE;
}

static void
schedule_tick (SlPinger *self)
{
  SlPingProbe *oldest;
  gint64 ready = next_send_us (self);

  expire_probes (self, g_get_monotonic_time ());
  if (self->prober == NULL)
    return;
  oldest = g_queue_peek_head (&self->in_flight);
  if (oldest != NULL)
    ready = MIN (ready, self->start_us + sl_ping_probe_get_sent_us (oldest) + timeout_us (self));
  if (ready == G_MAXINT64)
    {
      finish_run (self, NULL);
      return;
    }
  g_source_set_ready_time (self->tick_source, ready);
}

static void
log_summary (SlPinger *self)
{
  g_autofree char *summary = sl_pinger_format_summary (self);
  g_auto(GStrv) lines = g_strsplit (summary, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      log_line (self, SL_LOG_KIND_INFO, lines[i]);
}

static void
close_prober (SlPinger *self)
{
  if (self->prober == NULL)
    return;
  sl_prober_close (self->prober);
  g_clear_object (&self->prober);
}

static void
finish_run (SlPinger *self,
            GError   *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(SlPinger) hold = NULL;
  SlPingProbe *probe;

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }

  hold = g_object_ref (self);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  sl_clear_source (&self->tick_source);
  sl_clear_source (&self->cancel_source);
  /* Probes still out when the run stops early were not answered: lost, as in iputils. */
  while ((probe = g_queue_pop_head (&self->in_flight)) != NULL)
    {
      if (sl_ping_probe_get_state (probe) == SL_PING_PROBE_STATE_PENDING)
        probe_lost (self, probe);
      g_object_unref (probe);
    }
  g_hash_table_remove_all (self->by_wire_seq);
  close_prober (self);

  if (self->sent > 0)
    log_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (error != NULL)
    {
      log_line (self, SL_LOG_KIND_ERROR, error->message);
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  SlPinger *self = user_data;

  finish_run (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Ping cancelled")));
  return G_SOURCE_REMOVE;
}

/* Starting a run */

static void
set_string (char       **field,
            const char  *value,
            SlPinger    *self,
            int          prop)
{
  sl_set_string_prop (G_OBJECT (self), field, value, properties[prop]);
}

static void
log_header (SlPinger *self)
{
  const char *host = self->host;

  if (is_tcp (self))
    log_printf (self, SL_LOG_KIND_INFO, _("TCP PING %s (%s) port %u"), host, self->address, self->tcp_port);
  else if (self->options.family == G_SOCKET_FAMILY_IPV4)
    log_printf (self, SL_LOG_KIND_INFO, _("PING %s (%s) %u(%u) bytes of data."), host, self->address,
                self->payload_size, self->payload_size + SL_ICMP_HEADER_SIZE + 20);
  else
    log_printf (self, SL_LOG_KIND_INFO, _("PING %s (%s) %u data bytes"), host, self->address,
                self->payload_size);
  log_line (self, SL_LOG_KIND_INFO, self->method_explanation);
}

static void
begin_probing (SlPinger *self)
{
  GError *error = NULL;
  g_autofree char *address = sl_sockaddr_to_host (&self->options.target);
  g_autofree char *explanation = NULL;

  set_string (&self->address, address, self, PROP_ADDRESS);
  self->options.payload_size = self->payload_size;
  self->options.tcp_port = self->tcp_port;
  self->options.trace = self->trace;
  self->options.sink = &probe_sink;
  self->options.sink_data = self;
  if (!sl_ping_method_check_route (&self->options, &error))
    {
      finish_run (self, error);
      return;
    }

  self->prober = sl_ping_method_open (self->method_preference, &self->options, &explanation);
  self->ident = sl_prober_get_ident (self->prober);
  if (self->method != sl_prober_get_method (self->prober))
    {
      self->method = sl_prober_get_method (self->prober);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
    }
  set_string (&self->method_explanation, explanation, self, PROP_METHOD_EXPLANATION);
  log_header (self);

  self->tick_source = sl_deadline_source_new (tick_cb, self, "[socketlab] ping tick");
  g_source_set_priority (self->tick_source, G_PRIORITY_HIGH);
  g_source_attach (self->tick_source, g_task_get_context (self->task));
  g_source_set_ready_time (self->tick_source, 0);
}

static void
set_target (SlPinger     *self,
            GInetAddress *address)
{
  g_autoptr(GSocketAddress) target = g_inet_socket_address_new (address, 0);

  memset (&self->options, 0, sizeof self->options);
  g_socket_address_to_native (target, &self->options.target, sizeof self->options.target, NULL);
  self->options.target_len = g_socket_address_get_native_size (target);
  self->options.family = g_inet_address_get_family (address);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SlPinger *self = g_task_get_source_object (task);
  g_autoptr(SlResolveResult) resolved = NULL;
  GError *error = NULL;

  resolved = sl_resolver_lookup_finish (SL_RESOLVER (source), result, &error);
  /* The run may have been stopped, or even restarted, meanwhile. */
  if (self->task != task)
    {
      g_clear_error (&error);
      return;
    }
  if (resolved == NULL)
    {
      finish_run (self, error);
      return;
    }
  /* Like ping(8): the first address getaddrinfo () gives. */
  set_target (self, sl_resolve_result_get_address (resolved, 0));
  begin_probing (self);
}

static gboolean
check_options (SlPinger  *self,
               GError   **error)
{
  if (self->interval < SL_PINGER_MIN_USER_INTERVAL && geteuid () != 0)
    {
      g_set_error (error, SL_PINGER_ERROR, SL_PINGER_ERROR_INVALID_OPTION,
                   _("The interval must be at least %.1f s: shorter intervals flood the network "
                     "and need administrator rights"), SL_PINGER_MIN_USER_INTERVAL);
      return FALSE;
    }
  return TRUE;
}

static void
reset_results (SlPinger *self)
{
  g_clear_pointer (&self->stats, sl_ping_stats_free);
  self->stats = sl_ping_stats_new ();
  sl_ring_clear (self->probes);
  self->sent = 0;
  self->start_us = 0;
  self->ident = 0;
  notify_stats (self);
}

void
sl_pinger_run_async (SlPinger            *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SlAddress) address = NULL;
  g_autoptr(SlResolver) resolver = NULL;
  g_autofree char *port = NULL;
  GError *error = NULL;

  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_pinger_run_async);
  if (self->task != NULL)
    {
      g_task_return_new_error (task, SL_PINGER_ERROR, SL_PINGER_ERROR_BUSY,
                               _("This host is already being pinged"));
      return;
    }
  if (!check_options (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  port = g_strdup_printf ("%u", self->tcp_port);
  address = sl_address_parse (self->host, port, &error);
  if (address == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  reset_results (self);
  self->task = g_steal_pointer (&task);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (cancelled_cb), self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->task));
    }

  /* Names and literals alike: the same lookup, timeout and messages as the Connect page. */
  self->lookup_cancellable = g_cancellable_new ();
  resolver = sl_resolver_new (self->trace);
  sl_resolver_lookup_async (resolver, address->host, self->family, 0, self->lookup_cancellable,
                            resolved_cb, g_object_ref (self->task));
}

gboolean
sl_pinger_run_finish (SlPinger      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (SL_IS_PINGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_pinger_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sl_pinger_stop (SlPinger *self)
{
  g_return_if_fail (SL_IS_PINGER (self));

  finish_run (self, NULL);
}

char *
sl_pinger_format_summary (SlPinger *self)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (SL_IS_PINGER (self), NULL);

  host = g_strstrip (g_strdup (self->host ? self->host : ""));
  return sl_ping_stats_format_summary (self->stats, host);
}

/* GObject */

static void
sl_pinger_dispose (GObject *object)
{
  SlPinger *self = SL_PINGER (object);

  /* A run holds a reference through its task, so none is in progress here. */
  g_clear_object (&self->log);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (sl_pinger_parent_class)->dispose (object);
}

static void
sl_pinger_finalize (GObject *object)
{
  SlPinger *self = SL_PINGER (object);

  g_free (self->host);
  g_free (self->method_explanation);
  g_free (self->address);
  g_clear_pointer (&self->stats, sl_ping_stats_free);
  g_clear_object (&self->probes);
  g_clear_pointer (&self->by_wire_seq, g_hash_table_unref);

  G_OBJECT_CLASS (sl_pinger_parent_class)->finalize (object);
}

static void
sl_pinger_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SlPinger *self = SL_PINGER (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_FAMILY:
      g_value_set_enum (value, self->family);
      break;
    case PROP_METHOD_PREFERENCE:
      g_value_set_enum (value, self->method_preference);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    case PROP_INTERVAL:
      g_value_set_double (value, self->interval);
      break;
    case PROP_TIMEOUT:
      g_value_set_double (value, self->timeout);
      break;
    case PROP_PAYLOAD_SIZE:
      g_value_set_uint (value, self->payload_size);
      break;
    case PROP_TCP_PORT:
      g_value_set_uint (value, self->tcp_port);
      break;
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_METHOD_EXPLANATION:
      g_value_set_string (value, self->method_explanation);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->task != NULL);
      break;
    case PROP_STATS:
      g_value_set_boxed (value, self->stats);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_pinger_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SlPinger *self = SL_PINGER (object);

  switch (prop_id)
    {
    case PROP_HOST:
      sl_pinger_set_host (self, g_value_get_string (value));
      break;
    case PROP_FAMILY:
      sl_pinger_set_family (self, g_value_get_enum (value));
      break;
    case PROP_METHOD_PREFERENCE:
      sl_pinger_set_method_preference (self, g_value_get_enum (value));
      break;
    case PROP_COUNT:
      sl_pinger_set_count (self, g_value_get_uint (value));
      break;
    case PROP_INTERVAL:
      sl_pinger_set_interval (self, g_value_get_double (value));
      break;
    case PROP_TIMEOUT:
      sl_pinger_set_timeout (self, g_value_get_double (value));
      break;
    case PROP_PAYLOAD_SIZE:
      sl_pinger_set_payload_size (self, g_value_get_uint (value));
      break;
    case PROP_TCP_PORT:
      sl_pinger_set_tcp_port (self, g_value_get_uint (value));
      break;
    case PROP_LOG:
      sl_pinger_set_log (self, g_value_get_object (value));
      break;
    case PROP_TRACE:
      sl_pinger_set_trace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_pinger_class_init (SlPingerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sl_pinger_dispose;
  object_class->finalize = sl_pinger_finalize;
  object_class->get_property = sl_pinger_get_property;
  object_class->set_property = sl_pinger_set_property;

  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, rw);
  properties[PROP_FAMILY] =
    g_param_spec_enum ("family", NULL, NULL, G_TYPE_SOCKET_FAMILY, G_SOCKET_FAMILY_INVALID, rw);
  properties[PROP_METHOD_PREFERENCE] =
    g_param_spec_enum ("method-preference", NULL, NULL, SL_TYPE_PING_METHOD,
                       SL_PING_METHOD_ICMP_DGRAM, rw);
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_INTERVAL] =
    g_param_spec_double ("interval", NULL, NULL, SL_PINGER_MIN_INTERVAL, SL_PINGER_MAX_INTERVAL,
                         SL_PINGER_DEFAULT_INTERVAL, rw);
  properties[PROP_TIMEOUT] =
    g_param_spec_double ("timeout", NULL, NULL, SL_PINGER_MIN_TIMEOUT, SL_PINGER_MAX_TIMEOUT,
                         SL_PINGER_DEFAULT_TIMEOUT, rw);
  properties[PROP_PAYLOAD_SIZE] =
    g_param_spec_uint ("payload-size", NULL, NULL, 0, SL_PINGER_MAX_PAYLOAD_SIZE,
                       SL_PINGER_DEFAULT_PAYLOAD_SIZE, rw);
  properties[PROP_TCP_PORT] =
    g_param_spec_uint ("tcp-port", NULL, NULL, 1, 65535, SL_PINGER_DEFAULT_TCP_PORT, rw);
  properties[PROP_LOG] = g_param_spec_object ("log", NULL, NULL, SL_TYPE_LOG, rw);
  properties[PROP_TRACE] = g_param_spec_object ("trace", NULL, NULL, SL_TYPE_TRACE, rw);
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, SL_TYPE_PING_METHOD, SL_PING_METHOD_ICMP_DGRAM, ro);
  properties[PROP_METHOD_EXPLANATION] =
    g_param_spec_string ("method-explanation", NULL, NULL, NULL, ro);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, ro);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_STATS] = g_param_spec_boxed ("stats", NULL, NULL, SL_TYPE_PING_STATS, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A probe was answered, lost or failed (its state says which). */
  signals[PROBE_FINISHED] =
    g_signal_new ("probe-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SL_TYPE_PING_PROBE);
  /* A further reply to an answered probe, with its round-trip time in µs. */
  signals[DUPLICATE] =
    g_signal_new ("duplicate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, SL_TYPE_PING_PROBE, G_TYPE_INT64);
}

static void
sl_pinger_init (SlPinger *self)
{
  self->method_preference = SL_PING_METHOD_ICMP_DGRAM;
  self->interval = SL_PINGER_DEFAULT_INTERVAL;
  self->timeout = SL_PINGER_DEFAULT_TIMEOUT;
  self->payload_size = SL_PINGER_DEFAULT_PAYLOAD_SIZE;
  self->tcp_port = SL_PINGER_DEFAULT_TCP_PORT;
  self->log = sl_log_new (0);
  self->stats = sl_ping_stats_new ();
  self->probes = g_object_new (SL_TYPE_RING,
                               "item-type", SL_TYPE_PING_PROBE,
                               "max-items", SL_LOG_DEFAULT_MAX_ENTRIES,
                               NULL);
  self->family = G_SOCKET_FAMILY_INVALID;
  self->by_wire_seq = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_queue_init (&self->in_flight);
}

SlPinger *
sl_pinger_new (const char *host)
{
  return g_object_new (SL_TYPE_PINGER, "host", host, NULL);
}

/* Accessors */

const char *
sl_pinger_get_host (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return self->host;
}

void
sl_pinger_set_host (SlPinger   *self,
                    const char *host)
{
  g_return_if_fail (SL_IS_PINGER (self));
  set_string (&self->host, host, self, PROP_HOST);
}

GSocketFamily
sl_pinger_get_family (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), G_SOCKET_FAMILY_INVALID);
  return self->family;
}

void
sl_pinger_set_family (SlPinger      *self,
                      GSocketFamily  family)
{
  g_return_if_fail (SL_IS_PINGER (self));

  if (self->family == family)
    return;
  self->family = family;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAMILY]);
}

SlPingMethod
sl_pinger_get_method_preference (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), SL_PING_METHOD_ICMP_DGRAM);
  return self->method_preference;
}

void
sl_pinger_set_method_preference (SlPinger     *self,
                                 SlPingMethod  method)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (method <= SL_PING_METHOD_TCP);

  if (self->method_preference == method)
    return;
  self->method_preference = method;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD_PREFERENCE]);
}

guint
sl_pinger_get_count (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), 0);
  return self->count;
}

void
sl_pinger_set_count (SlPinger *self,
                     guint     count)
{
  g_return_if_fail (SL_IS_PINGER (self));

  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

double
sl_pinger_get_interval (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), SL_PINGER_DEFAULT_INTERVAL);
  return self->interval;
}

/* Infinity and huge values are clamped to the limits the page offers; NaN is refused. */
static double
clamp_seconds (double value,
               double min,
               double max)
{
  return CLAMP (value, min, max);
}

void
sl_pinger_set_interval (SlPinger *self,
                        double    interval)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (!isnan (interval));

  interval = clamp_seconds (interval, SL_PINGER_MIN_INTERVAL, SL_PINGER_MAX_INTERVAL);
  if (self->interval == interval)
    return;
  self->interval = interval;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

double
sl_pinger_get_timeout (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), SL_PINGER_DEFAULT_TIMEOUT);
  return self->timeout;
}

void
sl_pinger_set_timeout (SlPinger *self,
                       double    timeout)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (!isnan (timeout));

  timeout = clamp_seconds (timeout, SL_PINGER_MIN_TIMEOUT, SL_PINGER_MAX_TIMEOUT);
  if (self->timeout == timeout)
    return;
  self->timeout = timeout;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
sl_pinger_get_payload_size (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), SL_PINGER_DEFAULT_PAYLOAD_SIZE);
  return self->payload_size;
}

void
sl_pinger_set_payload_size (SlPinger *self,
                            guint     size)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (size <= SL_PINGER_MAX_PAYLOAD_SIZE);
  g_return_if_fail (self->task == NULL);

  if (self->payload_size == size)
    return;
  self->payload_size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAYLOAD_SIZE]);
}

guint
sl_pinger_get_tcp_port (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), SL_PINGER_DEFAULT_TCP_PORT);
  return self->tcp_port;
}

void
sl_pinger_set_tcp_port (SlPinger *self,
                        guint     port)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (port >= 1 && port <= 65535);

  if (self->tcp_port == port)
    return;
  self->tcp_port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TCP_PORT]);
}

SlLog *
sl_pinger_get_log (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return self->log;
}

void
sl_pinger_set_log (SlPinger *self,
                   SlLog    *log)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (SL_IS_LOG (log));

  if (g_set_object (&self->log, log))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG]);
}

SlTrace *
sl_pinger_get_trace (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return self->trace;
}

void
sl_pinger_set_trace (SlPinger *self,
                     SlTrace  *trace)
{
  g_return_if_fail (SL_IS_PINGER (self));
  g_return_if_fail (trace == NULL || SL_IS_TRACE (trace));

  if (g_set_object (&self->trace, trace))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
}

SlPingMethod
sl_pinger_get_method (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), SL_PING_METHOD_ICMP_DGRAM);
  return self->method;
}

const char *
sl_pinger_get_method_explanation (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return self->method_explanation;
}

const char *
sl_pinger_get_address (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return self->address;
}

guint16
sl_pinger_get_ident (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), 0);
  return self->ident;
}

gboolean
sl_pinger_get_running (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), FALSE);
  return self->task != NULL;
}

const SlPingStats *
sl_pinger_get_stats (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return self->stats;
}

GListModel *
sl_pinger_get_probes (SlPinger *self)
{
  g_return_val_if_fail (SL_IS_PINGER (self), NULL);
  return G_LIST_MODEL (self->probes);
}
