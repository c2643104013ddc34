/* sl-route.c: the path to a host, hop by hop: the schedule and the bookkeeping of a run.
 *
 * SlProbeRunner resolves the host; a run checks that a route exists, opens a prober for the
 * best method allowed (sl-route-method.c), then sends rounds: each round one probe per TTL from 1, at most
 * SL_ROUTE_WINDOW in flight at once (traceroute's -N 16), so a first round costs a few
 * round trips rather than one per hop. Rounds start every interval on a fixed grid, as
 * mtr's do; a probe without an answer after the timeout is lost.
 *
 * The end of the path is the lowest TTL at which the target answered (or a router said it
 * cannot be reached): once known, larger TTLs are not sent any more and their probes in
 * flight are forgotten. Hops appear in the model in TTL order, each once its first probe
 * has been answered or given up on, so the list grows downwards like tracepath's output
 * and never shows a hop past the end.
 *
 * Everything runs on the main context from the runner's ticks and the probers' socket
 * watches: no thread, no sleep. Probers report through a sink; the sink only books what
 * happened and wakes the schedule, which sends what follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <netinet/in.h>
#include <string.h>

#include "sl-enums.h"
#include "sl-probe-method.h"
#include "sl-probe-runner-private.h"
#include "sl-resolver.h"
#include "sl-route-hop-private.h"
#include "sl-route-method.h"
#include "sl-route-util.h"
#include "sl-socket-util.h"
#include "sl-utils.h"

/* The smallest MTU a link may have: a router reporting less is not believed. */
#define MIN_MTU_IPV4 68
#define MIN_MTU_IPV6 1280
#define MAX_PACKET_SIZE 65535

/* A probe and what SlRoute knows of it; the prober sees only the first member. */
typedef struct {
  SlRouteProbe  wire;
  gboolean      concluded;
} Probe;

struct _SlRoute
{
  SlProbeRunner         parent_instance;

  /* options */
  SlRouteMethod         method;
  guint                 port;
  guint                 max_ttl;
  gboolean              resolve_names;

  /* results */
  SlRouteMethod         method_used;
  guint                 round;
  gboolean              destination_reached;
  guint                 path_mtu;
  GListStore           *hops;          /* SlRouteHop, TTL 1 up: a prefix of all_hops */
  GPtrArray            *all_hops;      /* SlRouteHop of every TTL probed, at ttl − 1 */

  /* the run in progress */
  SlRouteProber        *prober;
  SlRouteProberOptions  options;
  GHashTable           *by_key;        /* GUINT_TO_POINTER (key) → Probe in flight */
  GQueue                in_flight;     /* Probe, in send order; concluded ones until the head */
  guint                 pending;       /* probes in flight not concluded yet */
  guint64               sent;
  guint                 next_ttl;      /* of the round being sent; 0 between rounds */
  gint64                first_round_us;
  gint64                next_round_us;
  guint                 end_ttl;       /* where the path ends, 0 while unknown */
  guint                 run_max_ttl;   /* max-ttl when the run started */
  GArray                *resend;       /* guint TTLs to send again at once, smaller */
  GArray                *size_limits;  /* guint per TTL (at ttl − 1): what routers allowed */

  /* names: address → name ("" when it has none), kept across runs */
  GHashTable           *names;
  GHashTable           *names_pending;
  GCancellable         *names_cancellable;
};

G_DEFINE_FINAL_TYPE (SlRoute, sl_route, SL_TYPE_PROBE_RUNNER)
G_DEFINE_QUARK (sl-route-error-quark, sl_route_error)

enum {
  PROP_0,
  PROP_METHOD,
  PROP_PORT,
  PROP_MAX_TTL,
  PROP_RESOLVE_NAMES,
  PROP_METHOD_USED,
  PROP_ROUND,
  PROP_DESTINATION_REACHED,
  PROP_PATH_MTU,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
sl_route_method_to_string (SlRouteMethod method)
{
  switch (method)
    {
    case SL_ROUTE_METHOD_UDP:
      /* Translators: tracepath is a program: keep its name. */
      return _("UDP (like tracepath)");
    case SL_ROUTE_METHOD_ICMP:
      /* Translators: mtr is a program: keep its name. */
      return _("ICMP echo (like mtr)");
    case SL_ROUTE_METHOD_TCP:
      /* Translators: traceroute -T is a command: keep it as it is. */
      return _("TCP connect (like traceroute -T)");
    default:
      return "";
    }
}

static void
notify (SlRoute *self,
        guint    prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Through SL_ROUTE (): a pinger passed for a route is still caught. */
static SlProbeRunner *
runner (SlRoute *self)
{
  return SL_PROBE_RUNNER (SL_ROUTE (self));
}

static void
wake (SlRoute *self)
{
  sl_probe_runner_wake (runner (self));
}

static guint
limit_ttl (SlRoute *self)
{
  return self->end_ttl > 0 ? MIN (self->end_ttl, self->run_max_ttl) : self->run_max_ttl;
}

/* ---- names -------------------------------------------------------------------------- */

static void
apply_name (SlRoute    *self,
            const char *address,
            const char *name)
{
  for (guint i = 0; i < self->all_hops->len; i++)
    {
      SlRouteHop *hop = g_ptr_array_index (self->all_hops, i);

      if (g_strcmp0 (sl_route_hop_get_address (hop), address) == 0)
        sl_route_hop_set_hostname (hop, name != NULL && *name != '\0' ? name : NULL);
    }
}

typedef struct {
  GWeakRef  route;
  char     *address;
} NameLookup;

static void
reverse_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  NameLookup *lookup = user_data;
  g_autoptr(SlRoute) self = g_weak_ref_get (&lookup->route);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = sl_resolver_lookup_address_finish (SL_RESOLVER (source), result, &error);

  if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_hash_table_remove (self->names_pending, lookup->address);
      /* No name, or no answer: remembered as none, not asked again. */
      g_hash_table_replace (self->names, g_strdup (lookup->address), g_strdup (name ? name : ""));
      apply_name (self, lookup->address, name);
    }
  g_weak_ref_clear (&lookup->route);
  g_free (lookup->address);
  g_free (lookup);
}

static void
look_up_name (SlRoute    *self,
              SlRouteHop *hop)
{
  const char *address = sl_route_hop_get_address (hop);
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(SlResolver) resolver = NULL;
  const char *known;
  NameLookup *lookup;

  if (!self->resolve_names || address == NULL || sl_route_hop_get_hostname (hop) != NULL)
    return;
  known = g_hash_table_lookup (self->names, address);
  if (known != NULL)
    {
      sl_route_hop_set_hostname (hop, *known != '\0' ? known : NULL);
      return;
    }
  if (g_hash_table_contains (self->names_pending, address))
    return;
  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    return;
  g_hash_table_add (self->names_pending, g_strdup (address));
  lookup = g_new0 (NameLookup, 1);
  g_weak_ref_init (&lookup->route, self);
  lookup->address = g_strdup (address);
  /* getnameinfo () shows in the trace, like the run's getaddrinfo (). */
  resolver = sl_resolver_new (sl_route_get_trace (self));
  sl_resolver_lookup_address_async (resolver, inet, 0, self->names_cancellable, reverse_cb, lookup);
}

/* ---- hops --------------------------------------------------------------------------- */

static SlRouteHop *
hop_at (SlRoute *self,
        guint    ttl)
{
  while (self->all_hops->len < ttl)
    g_ptr_array_add (self->all_hops, sl_route_hop_new (self->all_hops->len + 1));
  return g_ptr_array_index (self->all_hops, ttl - 1);
}

/* The model shows hops 1…n where each has had an answer or a timeout, up to the end. */
static void
update_visible (SlRoute *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->hops));
  guint limit = limit_ttl (self);
  guint add = 0;

  if (n > limit)
    {
      g_list_store_splice (self->hops, limit, n - limit, NULL, 0);
      n = limit;
    }
  while (n + add < limit && n + add < self->all_hops->len &&
         sl_route_hop_is_concluded (g_ptr_array_index (self->all_hops, n + add)))
    add++;
  if (add > 0)
    g_list_store_splice (self->hops, n, 0, self->all_hops->pdata + n, add);
}

/* ---- probes ------------------------------------------------------------------------- */

static void
conclude (SlRoute *self,
          Probe   *probe)
{
  g_hash_table_remove (self->by_key, GUINT_TO_POINTER (probe->wire.key));
  probe->concluded = TRUE;
  self->pending--;
  wake (self);
}

/* A probe that never had its chance (stopped, past the end, or sent again smaller). */
static void
forget (SlRoute *self,
        Probe   *probe)
{
  if (self->prober != NULL)
    sl_route_prober_abandon (self->prober, &probe->wire);
  if (probe->wire.ttl <= self->all_hops->len)
    sl_route_hop_retract_sent (g_ptr_array_index (self->all_hops, probe->wire.ttl - 1));
  conclude (self, probe);
}

static void
lose (SlRoute *self,
      Probe   *probe)
{
  if (self->prober != NULL)
    sl_route_prober_abandon (self->prober, &probe->wire);
  sl_route_hop_add_lost (hop_at (self, probe->wire.ttl));
  conclude (self, probe);
  update_visible (self);
}

/* The path ends at @ttl: forget what went further, and the hops there. */
static void
set_end (SlRoute  *self,
         guint     ttl,
         gboolean  reached)
{
  if (self->end_ttl != 0 && self->end_ttl < ttl)
    return;
  if (self->end_ttl != ttl)
    {
      self->end_ttl = ttl;
      for (GList *l = self->in_flight.head; l != NULL; l = l->next)
        {
          Probe *probe = l->data;

          if (!probe->concluded && probe->wire.ttl > ttl)
            forget (self, probe);
        }
      update_visible (self);
      if (self->all_hops->len > ttl)
        g_ptr_array_set_size (self->all_hops, ttl);
    }
  sl_set_boolean_prop (G_OBJECT (self), &self->destination_reached, reached,
                       properties[PROP_DESTINATION_REACHED]);
}

static void
send_probe (SlRoute *self,
            guint    ttl,
            gint64   now_us)
{
  Probe *probe = g_new0 (Probe, 1);
  guint16 key = self->sent++ % SL_ROUTE_KEY_SPACE;
  Probe *older = g_hash_table_lookup (self->by_key, GUINT_TO_POINTER (key));

  /* Only with a timeout of hours: the key comes round again; the old probe is lost. */
  if (older != NULL)
    lose (self, older);
  probe->wire.ttl = ttl;
  probe->wire.key = key;
  probe->wire.sent_us = now_us;
  probe->wire.size = ttl <= self->size_limits->len ? g_array_index (self->size_limits, guint, ttl - 1)
                                                   : MAX_PACKET_SIZE;
  g_hash_table_insert (self->by_key, GUINT_TO_POINTER (key), probe);
  g_queue_push_tail (&self->in_flight, probe);
  self->pending++;
  sl_route_hop_add_sent (hop_at (self, ttl));
  sl_route_prober_send (self->prober, &probe->wire);
}

/* ---- the sink: what probers report -------------------------------------------------- */

static SlRouteProbe *
sink_lookup (guint16  key,
             gpointer user_data)
{
  SlRoute *self = user_data;

  return g_hash_table_lookup (self->by_key, GUINT_TO_POINTER (key));
}

/* A link before hop @ttl takes at most @mtu bytes: so do the probes to it and beyond. Those
 * to nearer hops keep their size until told otherwise, so each hop's MTU is its own even
 * with many probes in flight (tracepath learns it one probe at a time). */
static void
too_big (SlRoute            *self,
         Probe              *probe,
         guint               mtu)
{
  guint min = self->options.target.family == G_SOCKET_FAMILY_IPV6 ? MIN_MTU_IPV6 : MIN_MTU_IPV4;
  guint ttl = probe->wire.ttl;

  /* Not smaller than the probe, or impossibly small: not believed; the probe is lost. */
  if (mtu < min || mtu >= probe->wire.size)
    {
      lose (self, probe);
      return;
    }
  for (guint i = ttl - 1; i < self->size_limits->len; i++)
    {
      guint *limit = &g_array_index (self->size_limits, guint, i);

      *limit = MIN (*limit, mtu);
    }
  if (mtu < self->path_mtu)
    {
      self->path_mtu = mtu;
      notify (self, PROP_PATH_MTU);
    }
  forget (self, probe);
  g_array_append_val (self->resend, ttl);
}

static void
sink_answered (SlRouteProbe        *wire,
               const SlRouteAnswer *answer,
               gpointer             user_data)
{
  SlRoute *self = user_data;
  Probe *probe = (Probe *) wire;
  g_autofree char *address = NULL;
  SlRouteHop *hop;

  if (probe->concluded)
    return;
  if (answer->kind == SL_ROUTE_ANSWER_TOO_BIG)
    {
      too_big (self, probe, answer->mtu);
      return;
    }
  if (self->end_ttl != 0 && wire->ttl > self->end_ttl)
    {
      forget (self, probe);
      return;
    }

  address = sl_sockaddr_to_host (&answer->from);
  hop = hop_at (self, wire->ttl);
  g_object_freeze_notify (G_OBJECT (hop));
  sl_route_hop_add_reply (hop, address, answer->rtt_us, wire->size);
  conclude (self, probe);
  if (answer->kind == SL_ROUTE_ANSWER_DESTINATION)
    {
      set_end (self, wire->ttl, TRUE);
      sl_route_hop_set_is_destination (hop, TRUE);
    }
  else if (answer->kind == SL_ROUTE_ANSWER_UNREACHABLE)
    set_end (self, wire->ttl, FALSE);
  if (answer->what != NULL)
    sl_route_hop_set_error (hop, answer->what);
  look_up_name (self, hop);
  g_object_thaw_notify (G_OBJECT (hop));
  update_visible (self);
}

static void
sink_failed (SlRouteProbe *wire,
             const char   *message,
             gpointer      user_data)
{
  SlRoute *self = user_data;
  Probe *probe = (Probe *) wire;

  if (probe->concluded)
    return;
  /* The trace shows the failed call and its errno; for the hop it is a probe lost. */
  g_debug ("route probe ttl=%u: %s", wire->ttl, message);
  lose (self, probe);
}

static const SlRouteSink route_sink = {
  .lookup = sink_lookup,
  .answered = sink_answered,
  .failed = sink_failed,
};

/* ---- the schedule ------------------------------------------------------------------- */

/* Frees concluded probes from the head and declares overdue ones lost. */
static void
expire_probes (SlRoute *self,
               gint64   now_us)
{
  Probe *probe;

  while (sl_probe_runner_get_running (runner (self)) &&
         (probe = g_queue_peek_head (&self->in_flight)) != NULL)
    {
      gint64 deadline_us = probe->wire.sent_us + sl_probe_runner_get_timeout_us (runner (self));

      if (!probe->concluded && deadline_us > now_us)
        break;
      if (!probe->concluded)
        lose (self, probe);
      g_free (g_queue_pop_head (&self->in_flight));
    }
}

static gboolean
more_rounds (SlRoute *self)
{
  guint count = sl_probe_runner_get_count (runner (self));

  return count == 0 || self->round < count;
}

static void
send_due (SlRoute *self,
          gint64   now_us)
{
  while (self->resend->len > 0 && self->pending < SL_ROUTE_WINDOW && self->prober != NULL)
    {
      guint ttl = g_array_index (self->resend, guint, 0);

      g_array_remove_index (self->resend, 0);
      if (ttl <= limit_ttl (self))
        send_probe (self, ttl, now_us);
    }
  if (self->next_ttl == 0 && more_rounds (self) && now_us >= self->next_round_us)
    {
      if (self->round == 0)
        self->first_round_us = now_us;
      self->round++;
      self->next_ttl = 1;
      /* A fixed grid from the first round: a late wake-up does not shift the later ones. */
      self->next_round_us = self->first_round_us +
                            (gint64) self->round * sl_probe_runner_get_interval_us (runner (self));
      notify (self, PROP_ROUND);
    }
  while (self->next_ttl != 0 && self->next_ttl <= limit_ttl (self) &&
         self->pending < SL_ROUTE_WINDOW && self->prober != NULL)
    send_probe (self, self->next_ttl++, now_us);
  if (self->next_ttl > limit_ttl (self))
    self->next_ttl = 0;
}

static void
sl_route_tick (SlProbeRunner *runner,
               gint64         now_us)
{
  SlRoute *self = SL_ROUTE (runner);
  gint64 ready = G_MAXINT64;
  Probe *oldest = NULL;

  expire_probes (self, now_us);
  if (self->prober == NULL)
    return;
  send_due (self, now_us);
  if (self->prober == NULL)
    return;
  if (!more_rounds (self) && self->next_ttl == 0 && self->pending == 0 && self->resend->len == 0)
    {
      sl_probe_runner_finish (runner, NULL);
      return;
    }

  if (self->next_ttl == 0 && more_rounds (self))
    ready = self->next_round_us;
  for (GList *l = self->in_flight.head; l != NULL && oldest == NULL; l = l->next)
    if (!((Probe *) l->data)->concluded)
      oldest = l->data;
  if (oldest != NULL)
    ready = MIN (ready, oldest->wire.sent_us + sl_probe_runner_get_timeout_us (runner));
  if (ready != G_MAXINT64)
    sl_probe_runner_tick_at (runner, ready);
}

static void
close_prober (SlRoute *self)
{
  if (self->prober == NULL)
    return;
  sl_route_prober_close (self->prober);
  g_clear_object (&self->prober);
}

static void
sl_route_end (SlProbeRunner *runner,
              const GError  *error)
{
  SlRoute *self = SL_ROUTE (runner);
  Probe *probe;

  /* Probes still out had no chance yet: neither answered nor lost. */
  while ((probe = g_queue_pop_head (&self->in_flight)) != NULL)
    {
      if (!probe->concluded)
        forget (self, probe);
      g_free (probe);
    }
  g_hash_table_remove_all (self->by_key);
  g_array_set_size (self->resend, 0);
  self->next_ttl = 0;
  close_prober (self);
}

/* ---- starting a run ----------------------------------------------------------------- */

static gboolean
sl_route_begin (SlProbeRunner        *runner,
                const SlProbeTarget  *target,
                GError              **error)
{
  SlRoute *self = SL_ROUTE (runner);
  g_autofree char *explanation = NULL;
  g_autoptr(GError) no_route = NULL;

  memset (&self->options, 0, sizeof self->options);
  self->options.target = *target;
  self->options.tcp_port = self->port;
  self->options.trace = sl_probe_runner_get_trace (runner);
  self->options.sink = &route_sink;
  self->options.sink_data = self;
  if (!sl_probe_method_check_route (&self->options.target, IPPROTO_UDP, SL_ROUTE_UDP_BASE_PORT,
                                    self->options.trace, &no_route))
    {
      g_set_error (error, no_route->domain, no_route->code, _("Cannot trace the route to %s: %s"),
                   sl_route_get_address (self), no_route->message);
      return FALSE;
    }
  /* As tracepath: probes start as the largest IP packet there is. The kernel refuses it at
   * once if the first link is smaller (EMSGSIZE, with that link's MTU on the error queue),
   * then routers say where the path narrows. Not what the kernel remembers of the path
   * (IP_MTU): each run finds it out again, as the student would. */
  self->run_max_ttl = self->max_ttl;
  g_array_set_size (self->size_limits, self->run_max_ttl);
  for (guint i = 0; i < self->run_max_ttl; i++)
    g_array_index (self->size_limits, guint, i) = MAX_PACKET_SIZE;

  self->prober = sl_route_method_open (self->method, &self->options, &explanation);
  sl_set_enum_prop (G_OBJECT (self), &self->method_used, sl_route_prober_get_method (self->prober),
                    properties[PROP_METHOD_USED]);
  sl_probe_runner_set_method_explanation (runner, explanation);
  /* TCP probes are SYNs: their size says nothing about the path. */
  if (self->method_used != SL_ROUTE_METHOD_TCP)
    sl_set_uint_prop (G_OBJECT (self), &self->path_mtu, MAX_PACKET_SIZE, properties[PROP_PATH_MTU]);
  return TRUE;
}

static guint
route_get_port (SlProbeRunner *runner)
{
  return SL_ROUTE (runner)->port;
}

static void
sl_route_reset (SlProbeRunner *runner)
{
  SlRoute *self = SL_ROUTE (runner);

  g_list_store_remove_all (self->hops);
  g_ptr_array_set_size (self->all_hops, 0);
  self->sent = 0;
  self->pending = 0;
  self->end_ttl = 0;
  self->next_ttl = 0;
  self->next_round_us = 0;
  sl_set_uint_prop (G_OBJECT (self), &self->round, 0, properties[PROP_ROUND]);
  sl_set_boolean_prop (G_OBJECT (self), &self->destination_reached, FALSE,
                       properties[PROP_DESTINATION_REACHED]);
  sl_set_uint_prop (G_OBJECT (self), &self->path_mtu, 0, properties[PROP_PATH_MTU]);
}

void
sl_route_run_async (SlRoute             *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (SL_IS_ROUTE (self));

  sl_probe_runner_run_async (runner (self), cancellable, callback, user_data);
}

gboolean
sl_route_run_finish (SlRoute       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), FALSE);

  return sl_probe_runner_run_finish (runner (self), result, error);
}

void
sl_route_stop (SlRoute *self)
{
  g_return_if_fail (SL_IS_ROUTE (self));

  sl_probe_runner_stop (runner (self));
}

char **
sl_route_get_equivalent_commands (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), NULL);

  /* After a run, the method it really used (a fallback, maybe). */
  return sl_route_format_commands (sl_route_get_method_explanation (self) != NULL ? self->method_used
                                                                                 : self->method,
                                   sl_route_get_family (self),
                                   sl_route_get_host (self) ? sl_route_get_host (self) : "",
                                   self->port, sl_route_get_count (self), self->max_ttl,
                                   self->resolve_names);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
sl_route_dispose (GObject *object)
{
  SlRoute *self = SL_ROUTE (object);

  /* A run holds a reference through its task, so none is in progress here. */
  g_cancellable_cancel (self->names_cancellable);

  G_OBJECT_CLASS (sl_route_parent_class)->dispose (object);
}

static void
sl_route_finalize (GObject *object)
{
  SlRoute *self = SL_ROUTE (object);

  g_clear_object (&self->hops);
  g_clear_pointer (&self->all_hops, g_ptr_array_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->resend, g_array_unref);
  g_clear_pointer (&self->size_limits, g_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->names_pending, g_hash_table_unref);
  g_clear_object (&self->names_cancellable);

  G_OBJECT_CLASS (sl_route_parent_class)->finalize (object);
}

static void
sl_route_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SlRoute *self = SL_ROUTE (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_MAX_TTL:
      g_value_set_uint (value, self->max_ttl);
      break;
    case PROP_RESOLVE_NAMES:
      g_value_set_boolean (value, self->resolve_names);
      break;
    case PROP_METHOD_USED:
      g_value_set_enum (value, self->method_used);
      break;
    case PROP_ROUND:
      g_value_set_uint (value, self->round);
      break;
    case PROP_DESTINATION_REACHED:
      g_value_set_boolean (value, self->destination_reached);
      break;
    case PROP_PATH_MTU:
      g_value_set_uint (value, self->path_mtu);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_route_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SlRoute *self = SL_ROUTE (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      sl_route_set_method (self, g_value_get_enum (value));
      break;
    case PROP_PORT:
      sl_route_set_port (self, g_value_get_uint (value));
      break;
    case PROP_MAX_TTL:
      sl_route_set_max_ttl (self, g_value_get_uint (value));
      break;
    case PROP_RESOLVE_NAMES:
      sl_route_set_resolve_names (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_route_class_init (SlRouteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SlProbeRunnerClass *runner_class = SL_PROBE_RUNNER_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sl_route_dispose;
  object_class->finalize = sl_route_finalize;
  object_class->get_property = sl_route_get_property;
  object_class->set_property = sl_route_set_property;

  runner_class->error_domain = SL_ROUTE_ERROR;
  runner_class->busy_code = SL_ROUTE_ERROR_BUSY;
  runner_class->busy_message = N_("The route to this host is already being traced");
  runner_class->invalid_option_code = SL_ROUTE_ERROR_INVALID_OPTION;
  runner_class->interval_message = N_("The interval must be at least %.1f s: shorter intervals "
                                      "flood the routers on the way and need administrator rights");
  runner_class->min_user_interval = SL_ROUTE_MIN_USER_INTERVAL;
  runner_class->cancelled_message = N_("Route cancelled");
  runner_class->tick_name = "[socketlab] route tick";
  runner_class->get_port = route_get_port;
  runner_class->reset = sl_route_reset;
  runner_class->begin = sl_route_begin;
  runner_class->tick = sl_route_tick;
  runner_class->end = sl_route_end;

  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, SL_TYPE_ROUTE_METHOD, SL_ROUTE_METHOD_UDP, rw);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 1, 65535, SL_ROUTE_DEFAULT_PORT, rw);
  properties[PROP_MAX_TTL] =
    g_param_spec_uint ("max-ttl", NULL, NULL, 1, SL_ROUTE_MAX_TTL, SL_ROUTE_DEFAULT_MAX_TTL, rw);
  properties[PROP_RESOLVE_NAMES] = g_param_spec_boolean ("resolve-names", NULL, NULL, TRUE, rw);
  properties[PROP_METHOD_USED] =
    g_param_spec_enum ("method-used", NULL, NULL, SL_TYPE_ROUTE_METHOD, SL_ROUTE_METHOD_UDP, ro);
  properties[PROP_ROUND] = g_param_spec_uint ("round", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_DESTINATION_REACHED] =
    g_param_spec_boolean ("destination-reached", NULL, NULL, FALSE, ro);
  properties[PROP_PATH_MTU] = g_param_spec_uint ("path-mtu", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_route_init (SlRoute *self)
{
  self->method = SL_ROUTE_METHOD_UDP;
  self->port = SL_ROUTE_DEFAULT_PORT;
  self->max_ttl = SL_ROUTE_DEFAULT_MAX_TTL;
  self->resolve_names = TRUE;
  self->hops = g_list_store_new (SL_TYPE_ROUTE_HOP);
  self->all_hops = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_key = g_hash_table_new (NULL, NULL);
  self->resend = g_array_new (FALSE, FALSE, sizeof (guint));
  self->size_limits = g_array_new (FALSE, FALSE, sizeof (guint));
  g_queue_init (&self->in_flight);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->names_pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->names_cancellable = g_cancellable_new ();
}

SlRoute *
sl_route_new (const char *host)
{
  return g_object_new (SL_TYPE_ROUTE, "host", host, NULL);
}

/* ---- accessors ---------------------------------------------------------------------- */

const char *
sl_route_get_host (SlRoute *self)
{
  return sl_probe_runner_get_host (runner (self));
}

void
sl_route_set_host (SlRoute    *self,
                   const char *host)
{
  sl_probe_runner_set_host (runner (self), host);
}

GSocketFamily
sl_route_get_family (SlRoute *self)
{
  return sl_probe_runner_get_family (runner (self));
}

void
sl_route_set_family (SlRoute       *self,
                     GSocketFamily  family)
{
  sl_probe_runner_set_family (runner (self), family);
}

SlRouteMethod
sl_route_get_method (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), SL_ROUTE_METHOD_UDP);
  return self->method;
}

void
sl_route_set_method (SlRoute       *self,
                     SlRouteMethod  method)
{
  g_return_if_fail (SL_IS_ROUTE (self));
  g_return_if_fail (method <= SL_ROUTE_METHOD_TCP);
  sl_set_enum_prop (G_OBJECT (self), &self->method, method, properties[PROP_METHOD]);
}

guint
sl_route_get_port (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), SL_ROUTE_DEFAULT_PORT);
  return self->port;
}

void
sl_route_set_port (SlRoute *self,
                   guint    port)
{
  g_return_if_fail (SL_IS_ROUTE (self));
  g_return_if_fail (port >= 1 && port <= 65535);
  sl_set_uint_prop (G_OBJECT (self), &self->port, port, properties[PROP_PORT]);
}

guint
sl_route_get_max_ttl (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), SL_ROUTE_DEFAULT_MAX_TTL);
  return self->max_ttl;
}

void
sl_route_set_max_ttl (SlRoute *self,
                      guint    max_ttl)
{
  g_return_if_fail (SL_IS_ROUTE (self));
  g_return_if_fail (max_ttl >= 1 && max_ttl <= SL_ROUTE_MAX_TTL);
  sl_set_uint_prop (G_OBJECT (self), &self->max_ttl, max_ttl, properties[PROP_MAX_TTL]);
}

guint
sl_route_get_count (SlRoute *self)
{
  return sl_probe_runner_get_count (runner (self));
}

void
sl_route_set_count (SlRoute *self,
                    guint    count)
{
  sl_probe_runner_set_count (runner (self), count);
}

double
sl_route_get_interval (SlRoute *self)
{
  return sl_probe_runner_get_interval (runner (self));
}

void
sl_route_set_interval (SlRoute *self,
                       double   interval)
{
  sl_probe_runner_set_interval (runner (self), interval);
}

double
sl_route_get_timeout (SlRoute *self)
{
  return sl_probe_runner_get_timeout (runner (self));
}

void
sl_route_set_timeout (SlRoute *self,
                      double   timeout)
{
  sl_probe_runner_set_timeout (runner (self), timeout);
}

gboolean
sl_route_get_resolve_names (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), TRUE);
  return self->resolve_names;
}

void
sl_route_set_resolve_names (SlRoute  *self,
                            gboolean  resolve_names)
{
  g_return_if_fail (SL_IS_ROUTE (self));
  sl_set_boolean_prop (G_OBJECT (self), &self->resolve_names, resolve_names,
                       properties[PROP_RESOLVE_NAMES]);
}

SlTrace *
sl_route_get_trace (SlRoute *self)
{
  return sl_probe_runner_get_trace (runner (self));
}

void
sl_route_set_trace (SlRoute *self,
                    SlTrace *trace)
{
  sl_probe_runner_set_trace (runner (self), trace);
}

gboolean
sl_route_get_running (SlRoute *self)
{
  return sl_probe_runner_get_running (runner (self));
}

const char *
sl_route_get_address (SlRoute *self)
{
  return sl_probe_runner_get_address (runner (self));
}

SlRouteMethod
sl_route_get_method_used (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), SL_ROUTE_METHOD_UDP);
  return self->method_used;
}

const char *
sl_route_get_method_explanation (SlRoute *self)
{
  return sl_probe_runner_get_method_explanation (runner (self));
}

guint
sl_route_get_round (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), 0);
  return self->round;
}

gboolean
sl_route_get_destination_reached (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), FALSE);
  return self->destination_reached;
}

guint
sl_route_get_path_mtu (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), 0);
  return self->path_mtu;
}

GListModel *
sl_route_get_hops (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), NULL);
  return G_LIST_MODEL (self->hops);
}
