/* sl-pinger.c: ping one host: the schedule and the bookkeeping of a run.
 *
 * SlProbeRunner resolves the host; the pinger checks there is a route, opens a prober for
 * the best method this system allows (sl-ping-method.c), then, on each tick of the
 * runner's deadline source, sends a probe on a fixed grid and declares probes lost after
 * the timeout. Probers report answers through a sink; the pinger turns
 * them into statistics (iputils' arithmetic) and ping(8)-like log lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-enums.h"
#include "sl-errno.h"
#include "sl-icmp.h"
#include "sl-ping-method.h"
#include "sl-ping-probe-private.h"
#include "sl-pinger.h"
#include "sl-probe-method.h"
#include "sl-probe-runner-private.h"
#include "sl-ring.h"
#include "sl-socket-util.h"
#include "sl-utils.h"

#define MAX_LOGGED_FORGED 5

struct _SlPinger
{
  SlProbeRunner  parent_instance;

  /* options */
  SlPingMethod   method_preference;
  guint          payload_size;
  guint          tcp_port;
  SlLog         *log;

  /* results */
  SlPingMethod   method;
  guint16        ident;
  SlPingStats   *stats;
  SlRing        *probes;

  /* the run in progress */
  SlProber      *prober;
  SlProberOptions options;
  GHashTable    *by_wire_seq;     /* GUINT_TO_POINTER (seq & 0xffff) → SlPingProbe */
  GQueue         in_flight;       /* SlPingProbe refs, in send order */
  guint64        sent;
  gint64         start_us;        /* monotonic, when the first probe left */
};

G_DEFINE_FINAL_TYPE (SlPinger, sl_pinger, SL_TYPE_PROBE_RUNNER)
G_DEFINE_QUARK (sl-pinger-error-quark, sl_pinger_error)

enum {
  PROP_0,
  PROP_METHOD_PREFERENCE,
  PROP_PAYLOAD_SIZE,
  PROP_TCP_PORT,
  PROP_LOG,
  PROP_METHOD,
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

/* Through SL_PINGER (): a route passed for a pinger is still caught. */
static SlProbeRunner *
runner (SlPinger *self)
{
  return SL_PROBE_RUNNER (SL_PINGER (self));
}

static void
log_line (SlPinger   *self,
          SlLogKind   kind,
          const char *text)
{
  const char *address = sl_probe_runner_get_address (runner (self));
  const char *source = address != NULL ? address : sl_probe_runner_get_host (runner (self));

  sl_log_append_message (self->log, kind, source, text);
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
  sl_probe_runner_wake (runner (self));
}

static void
probe_lost (SlPinger    *self,
            SlPingProbe *probe)
{
  g_autofree char *message = NULL;

  /* Not translated: ping -O's own line (and its TCP twin), as LC_ALL=C ping prints it; the
   * ping log reads line for line like ping's output in every language. */
  message = g_strdup_printf (is_tcp (self) ? "no answer yet for tcp_seq=%llu"
                                           : "no answer yet for icmp_seq=%llu",
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
  const char *address = sl_probe_runner_get_address (runner (self));

  /* Not translated, in any language: ping's reply line byte for byte as LC_ALL=C ping prints
   * it, so that students can compare it with the terminal and the tests with iputils; the TCP
   * lines follow the same pattern, so the log reads as one program's output. */
  if (is_tcp (self) && answer->refused)
    return g_strdup_printf ("refused by %s port %u (RST): tcp_seq=%llu time=%s ms%s",
                            address, self->tcp_port, seq, time, suffix);
  if (is_tcp (self))
    return g_strdup_printf ("connected to %s port %u: tcp_seq=%llu time=%s ms%s",
                            address, self->tcp_port, seq, time, suffix);
  return g_strdup_printf ("%zu bytes from %s: icmp_seq=%llu%s time=%s ms%s",
                          answer->bytes, address, seq, ttl, time, suffix);
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
      /* iputils counts a duplicate's time in min/avg/max/mdev but not as received. Its mark,
       * like the whole line, as ping prints it. */
      message = format_reply_line (self, probe, answer, " (DUP!)");
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
      /* Translators: Socket Lab's note after a ping reply line (ping prints no such note);
       * it starts with a space and is in parentheses. */
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
  /* ping's own mark, not translated like the line it ends. */
  g_autofree char *message = format_reply_line (self, probe, answer, " (BAD CHECKSUM!)");

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
    /* Translators: icmp_seq is ping's name for the sequence number: keep "icmp_seq=" as it is. */
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

static gboolean
all_sent (SlPinger *self)
{
  guint count = sl_probe_runner_get_count (runner (self));

  return count > 0 && self->sent >= count;
}

static gint64
next_send_us (SlPinger *self)
{
  if (all_sent (self))
    return G_MAXINT64;
  if (self->sent == 0)
    return 0;
  /* Fixed grid from the first probe: a late wake-up does not shift the later probes. */
  return self->start_us + (gint64) self->sent * sl_probe_runner_get_interval_us (runner (self));
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

static gint64
deadline_us (SlPinger    *self,
             SlPingProbe *probe)
{
  return self->start_us + sl_ping_probe_get_sent_us (probe) +
         sl_probe_runner_get_timeout_us (runner (self));
}

/* Drops answered probes from the head of the queue and declares overdue ones lost. */
static void
expire_probes (SlPinger *self,
               gint64    now_us)
{
  SlPingProbe *probe;

  /* A handler of probe-finished may stop the run, which empties the queue. */
  while (sl_probe_runner_get_running (runner (self)) &&
         (probe = g_queue_peek_head (&self->in_flight)) != NULL)
    {
      if (sl_ping_probe_get_state (probe) == SL_PING_PROBE_STATE_PENDING &&
          deadline_us (self, probe) > now_us)
        break;
      probe = g_queue_pop_head (&self->in_flight);
      if (sl_ping_probe_get_state (probe) == SL_PING_PROBE_STATE_PENDING)
        probe_lost (self, probe);
      g_object_unref (probe);
    }
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
    ready = MIN (ready, deadline_us (self, oldest));
  if (ready == G_MAXINT64)
    {
      sl_probe_runner_finish (runner (self), NULL);
      return;
    }
  sl_probe_runner_tick_at (runner (self), ready);
}

static void
sl_pinger_tick (SlProbeRunner *runner,
                gint64         now_us)
{
  SlPinger *self = SL_PINGER (runner);

  if (self->prober != NULL && next_send_us (self) <= now_us)
    send_probe (self, now_us);
  if (self->prober != NULL)
    schedule_tick (self);
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
sl_pinger_end (SlProbeRunner *runner,
               const GError  *error)
{
  SlPinger *self = SL_PINGER (runner);
  SlPingProbe *probe;

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
  if (error != NULL)
    log_line (self, SL_LOG_KIND_ERROR, error->message);
}

/* Starting a run */

static void
log_header (SlPinger *self)
{
  const char *host = sl_probe_runner_get_host (runner (self));
  const char *address = sl_probe_runner_get_address (runner (self));

  /* Not translated: ping's first line as LC_ALL=C ping prints it (and the same for TCP). */
  if (is_tcp (self))
    log_printf (self, SL_LOG_KIND_INFO, "TCP PING %s (%s) port %u", host, address, self->tcp_port);
  else if (self->options.target.family == G_SOCKET_FAMILY_IPV4)
    log_printf (self, SL_LOG_KIND_INFO, "PING %s (%s) %u(%u) bytes of data.", host, address,
                self->payload_size, self->payload_size + SL_ICMP_HEADER_SIZE + 20);
  else
    log_printf (self, SL_LOG_KIND_INFO, "PING %s (%s) %u data bytes", host, address,
                self->payload_size);
  log_line (self, SL_LOG_KIND_INFO, sl_probe_runner_get_method_explanation (runner (self)));
}

static gboolean
sl_pinger_begin (SlProbeRunner        *runner,
                 const SlProbeTarget  *target,
                 GError              **error)
{
  SlPinger *self = SL_PINGER (runner);
  g_autofree char *explanation = NULL;
  g_autoptr(GError) no_route = NULL;

  memset (&self->options, 0, sizeof self->options);
  self->options.target = *target;
  self->options.payload_size = self->payload_size;
  self->options.tcp_port = self->tcp_port;
  self->options.trace = sl_probe_runner_get_trace (runner);
  self->options.sink = &probe_sink;
  self->options.sink_data = self;
  /* Find out early that no route leads to the target; the port is iputils'. */
  if (!sl_probe_method_check_route (&self->options.target, 0, 1025, self->options.trace, &no_route))
    {
      g_set_error (error, no_route->domain, no_route->code, _("Cannot ping: %s"), no_route->message);
      return FALSE;
    }

  self->prober = sl_ping_method_open (self->method_preference, &self->options, &explanation);
  self->ident = sl_prober_get_ident (self->prober);
  sl_set_enum_prop (G_OBJECT (self), &self->method, sl_prober_get_method (self->prober),
                    properties[PROP_METHOD]);
  sl_probe_runner_set_method_explanation (runner, explanation);
  log_header (self);
  return TRUE;
}

static guint
pinger_get_port (SlProbeRunner *runner)
{
  return SL_PINGER (runner)->tcp_port;
}

static void
sl_pinger_reset (SlProbeRunner *runner)
{
  SlPinger *self = SL_PINGER (runner);

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
  g_return_if_fail (SL_IS_PINGER (self));

  sl_probe_runner_run_async (runner (self), cancellable, callback, user_data);
}

gboolean
sl_pinger_run_finish (SlPinger      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (SL_IS_PINGER (self), FALSE);

  return sl_probe_runner_run_finish (runner (self), result, error);
}

void
sl_pinger_stop (SlPinger *self)
{
  g_return_if_fail (SL_IS_PINGER (self));

  sl_probe_runner_stop (runner (self));
}

char *
sl_pinger_format_summary (SlPinger *self)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (SL_IS_PINGER (self), NULL);

  host = g_strstrip (g_strdup (sl_pinger_get_host (self) ? sl_pinger_get_host (self) : ""));
  return sl_ping_stats_format_summary (self->stats, host);
}

/* GObject */

static void
sl_pinger_dispose (GObject *object)
{
  SlPinger *self = SL_PINGER (object);

  /* A run holds a reference through its task, so none is in progress here. */
  g_clear_object (&self->log);

  G_OBJECT_CLASS (sl_pinger_parent_class)->dispose (object);
}

static void
sl_pinger_finalize (GObject *object)
{
  SlPinger *self = SL_PINGER (object);

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
    case PROP_METHOD_PREFERENCE:
      g_value_set_enum (value, self->method_preference);
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
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
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
    case PROP_METHOD_PREFERENCE:
      sl_pinger_set_method_preference (self, g_value_get_enum (value));
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_pinger_class_init (SlPingerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SlProbeRunnerClass *runner_class = SL_PROBE_RUNNER_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sl_pinger_dispose;
  object_class->finalize = sl_pinger_finalize;
  object_class->get_property = sl_pinger_get_property;
  object_class->set_property = sl_pinger_set_property;

  runner_class->error_domain = SL_PINGER_ERROR;
  runner_class->busy_code = SL_PINGER_ERROR_BUSY;
  runner_class->busy_message = N_("This host is already being pinged");
  runner_class->invalid_option_code = SL_PINGER_ERROR_INVALID_OPTION;
  runner_class->interval_message = N_("The interval must be at least %.1f s: shorter intervals "
                                      "flood the network and need administrator rights");
  runner_class->min_user_interval = SL_PINGER_MIN_USER_INTERVAL;
  runner_class->cancelled_message = N_("Ping cancelled");
  runner_class->tick_name = "[socketlab] ping tick";
  runner_class->get_port = pinger_get_port;
  runner_class->reset = sl_pinger_reset;
  runner_class->begin = sl_pinger_begin;
  runner_class->tick = sl_pinger_tick;
  runner_class->end = sl_pinger_end;

  properties[PROP_METHOD_PREFERENCE] =
    g_param_spec_enum ("method-preference", NULL, NULL, SL_TYPE_PING_METHOD,
                       SL_PING_METHOD_ICMP_DGRAM, rw);
  properties[PROP_PAYLOAD_SIZE] =
    g_param_spec_uint ("payload-size", NULL, NULL, 0, SL_PINGER_MAX_PAYLOAD_SIZE,
                       SL_PINGER_DEFAULT_PAYLOAD_SIZE, rw);
  properties[PROP_TCP_PORT] =
    g_param_spec_uint ("tcp-port", NULL, NULL, 1, 65535, SL_PINGER_DEFAULT_TCP_PORT, rw);
  properties[PROP_LOG] = g_param_spec_object ("log", NULL, NULL, SL_TYPE_LOG, rw);
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, SL_TYPE_PING_METHOD, SL_PING_METHOD_ICMP_DGRAM, ro);
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
  self->payload_size = SL_PINGER_DEFAULT_PAYLOAD_SIZE;
  self->tcp_port = SL_PINGER_DEFAULT_TCP_PORT;
  self->log = sl_log_new (0);
  self->stats = sl_ping_stats_new ();
  self->probes = g_object_new (SL_TYPE_RING,
                               "item-type", SL_TYPE_PING_PROBE,
                               "max-items", SL_LOG_DEFAULT_MAX_ENTRIES,
                               NULL);
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
  return sl_probe_runner_get_host (runner (self));
}

void
sl_pinger_set_host (SlPinger   *self,
                    const char *host)
{
  sl_probe_runner_set_host (runner (self), host);
}

GSocketFamily
sl_pinger_get_family (SlPinger *self)
{
  return sl_probe_runner_get_family (runner (self));
}

void
sl_pinger_set_family (SlPinger      *self,
                      GSocketFamily  family)
{
  sl_probe_runner_set_family (runner (self), family);
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
  sl_set_enum_prop (G_OBJECT (self), &self->method_preference, method,
                    properties[PROP_METHOD_PREFERENCE]);
}

guint
sl_pinger_get_count (SlPinger *self)
{
  return sl_probe_runner_get_count (runner (self));
}

void
sl_pinger_set_count (SlPinger *self,
                     guint     count)
{
  sl_probe_runner_set_count (runner (self), count);
}

double
sl_pinger_get_interval (SlPinger *self)
{
  return sl_probe_runner_get_interval (runner (self));
}

void
sl_pinger_set_interval (SlPinger *self,
                        double    interval)
{
  sl_probe_runner_set_interval (runner (self), interval);
}

double
sl_pinger_get_timeout (SlPinger *self)
{
  return sl_probe_runner_get_timeout (runner (self));
}

void
sl_pinger_set_timeout (SlPinger *self,
                       double    timeout)
{
  sl_probe_runner_set_timeout (runner (self), timeout);
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
  g_return_if_fail (!sl_probe_runner_get_running (runner (self)));
  sl_set_uint_prop (G_OBJECT (self), &self->payload_size, size, properties[PROP_PAYLOAD_SIZE]);
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
  sl_set_uint_prop (G_OBJECT (self), &self->tcp_port, port, properties[PROP_TCP_PORT]);
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
  sl_set_object_prop (G_OBJECT (self), &self->log, log, properties[PROP_LOG]);
}

SlTrace *
sl_pinger_get_trace (SlPinger *self)
{
  return sl_probe_runner_get_trace (runner (self));
}

void
sl_pinger_set_trace (SlPinger *self,
                     SlTrace  *trace)
{
  sl_probe_runner_set_trace (runner (self), trace);
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
  return sl_probe_runner_get_method_explanation (runner (self));
}

const char *
sl_pinger_get_address (SlPinger *self)
{
  return sl_probe_runner_get_address (runner (self));
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
  return sl_probe_runner_get_running (runner (self));
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
