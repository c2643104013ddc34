/* sl-route.c: the path to a host, hop by hop: the schedule and the bookkeeping of a run.
 *
 * A run resolves the host (SlResolver, like every page), checks that a route exists, opens a
 * prober for the best method allowed
 * (sl-route-method.c), then sends rounds: each round one probe per TTL from 1, at most
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
 * Everything runs on the main context from one deadline source and the probers' socket
 * watches: no thread, no sleep. Probers report through a sink; the sink only books what
 * happened and wakes the schedule, which sends what follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "sl-address.h"
#include "sl-deadline-source.h"
#include "sl-enums.h"
#include "sl-resolver.h"
#include "sl-reverse-lookup.h"
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
  GObject               parent_instance;

  /* options */
  char                 *host;
  GSocketFamily         family;
  SlRouteMethod         method;
  guint                 port;
  guint                 max_ttl;
  guint                 count;
  double                interval;
  double                timeout;
  gboolean              resolve_names;
  SlTrace              *trace;

  /* results */
  char                 *address;
  SlRouteMethod         method_used;
  char                 *method_explanation;
  guint                 round;
  gboolean              destination_reached;
  guint                 path_mtu;
  GListStore           *hops;          /* SlRouteHop, TTL 1 up: a prefix of all_hops */
  GPtrArray            *all_hops;      /* SlRouteHop of every TTL probed, at ttl − 1 */

  /* the run in progress */
  GTask                *task;
  GCancellable         *lookup_cancellable;
  GSource              *cancel_source;
  GSource              *tick_source;
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

G_DEFINE_FINAL_TYPE (SlRoute, sl_route, G_TYPE_OBJECT)
G_DEFINE_QUARK (sl-route-error-quark, sl_route_error)

enum {
  PROP_0,
  PROP_HOST,
  PROP_FAMILY,
  PROP_METHOD,
  PROP_PORT,
  PROP_MAX_TTL,
  PROP_COUNT,
  PROP_INTERVAL,
  PROP_TIMEOUT,
  PROP_RESOLVE_NAMES,
  PROP_TRACE,
  PROP_RUNNING,
  PROP_ADDRESS,
  PROP_METHOD_USED,
  PROP_METHOD_EXPLANATION,
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

static void
wake (SlRoute *self)
{
  if (self->tick_source != NULL)
    g_source_set_ready_time (self->tick_source, 0);
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
  g_autofree char *name = sl_reverse_lookup_finish (result, &error);

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
  sl_reverse_lookup_async (inet, 0, self->names_cancellable, reverse_cb, lookup);
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
  guint min = self->options.family == G_SOCKET_FAMILY_IPV6 ? MIN_MTU_IPV6 : MIN_MTU_IPV4;
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

static void finish_run (SlRoute *self,
                        GError  *error);

static gint64
seconds_us (double seconds)
{
  return (gint64) (seconds * G_USEC_PER_SEC + 0.5);
}

/* Frees concluded probes from the head and declares overdue ones lost. */
static void
expire_probes (SlRoute *self,
               gint64   now_us)
{
  Probe *probe;

  while (self->task != NULL && (probe = g_queue_peek_head (&self->in_flight)) != NULL)
    {
      if (!probe->concluded && probe->wire.sent_us + seconds_us (self->timeout) > now_us)
        break;
      if (!probe->concluded)
        lose (self, probe);
      g_free (g_queue_pop_head (&self->in_flight));
    }
}

static gboolean
more_rounds (SlRoute *self)
{
  return self->count == 0 || self->round < self->count;
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
      self->next_round_us = self->first_round_us + (gint64) self->round * seconds_us (self->interval);
      notify (self, PROP_ROUND);
    }
  while (self->next_ttl != 0 && self->next_ttl <= limit_ttl (self) &&
         self->pending < SL_ROUTE_WINDOW && self->prober != NULL)
    send_probe (self, self->next_ttl++, now_us);
  if (self->next_ttl > limit_ttl (self))
    self->next_ttl = 0;
}

static gboolean
tick_cb (gpointer user_data)
{
  g_autoptr(SlRoute) self = g_object_ref (user_data);
  gint64 now_us = g_get_monotonic_time ();
  gint64 ready = G_MAXINT64;
  Probe *oldest = NULL;

  expire_probes (self, now_us);
  if (self->prober == NULL)
    return G_SOURCE_CONTINUE;
  send_due (self, now_us);
  if (self->prober == NULL)
    return G_SOURCE_CONTINUE;
  if (!more_rounds (self) && self->next_ttl == 0 && self->pending == 0 && self->resend->len == 0)
    {
      finish_run (self, NULL);
      return G_SOURCE_CONTINUE;
    }

  if (self->next_ttl == 0 && more_rounds (self))
    ready = self->next_round_us;
  for (GList *l = self->in_flight.head; l != NULL && oldest == NULL; l = l->next)
    if (!((Probe *) l->data)->concluded)
      oldest = l->data;
  if (oldest != NULL)
    ready = MIN (ready, oldest->wire.sent_us + seconds_us (self->timeout));
  if (ready != G_MAXINT64)
    g_source_set_ready_time (self->tick_source, ready);
  return G_SOURCE_CONTINUE;
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
finish_run (SlRoute *self,
            GError  *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(SlRoute) hold = NULL;
  Probe *probe;

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

  notify (self, PROP_RUNNING);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  finish_run (SL_ROUTE (user_data),
              g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Route cancelled")));
  return G_SOURCE_REMOVE;
}

/* ---- starting a run ----------------------------------------------------------------- */

static void
begin_probing (SlRoute *self)
{
  GError *error = NULL;
  g_autofree char *address = sl_sockaddr_to_host (&self->options.target);
  g_autofree char *explanation = NULL;

  sl_set_string_prop (G_OBJECT (self), &self->address, address, properties[PROP_ADDRESS]);
  self->options.tcp_port = self->port;
  self->options.trace = self->trace;
  self->options.sink = &route_sink;
  self->options.sink_data = self;
  if (!sl_route_method_check_route (&self->options, &error))
    {
      finish_run (self, error);
      return;
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
  if (self->method_used != sl_route_prober_get_method (self->prober))
    {
      self->method_used = sl_route_prober_get_method (self->prober);
      notify (self, PROP_METHOD_USED);
    }
  sl_set_string_prop (G_OBJECT (self), &self->method_explanation, explanation,
                      properties[PROP_METHOD_EXPLANATION]);
  /* TCP probes are SYNs: their size says nothing about the path. */
  if (self->method_used != SL_ROUTE_METHOD_TCP)
    sl_set_uint_prop (G_OBJECT (self), &self->path_mtu, MAX_PACKET_SIZE, properties[PROP_PATH_MTU]);

  self->tick_source = sl_deadline_source_new (tick_cb, self, "[socketlab] route tick");
  g_source_set_priority (self->tick_source, G_PRIORITY_HIGH);
  g_source_attach (self->tick_source, g_task_get_context (self->task));
  g_source_set_ready_time (self->tick_source, 0);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SlRoute *self = g_task_get_source_object (task);
  g_autoptr(SlResolveResult) resolved = NULL;
  g_autoptr(GSocketAddress) target = NULL;
  GInetAddress *address;
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
  /* Like tracepath: the first address getaddrinfo () gives. */
  address = sl_resolve_result_get_address (resolved, 0);
  target = g_inet_socket_address_new (address, 0);
  memset (&self->options, 0, sizeof self->options);
  g_socket_address_to_native (target, &self->options.target, sizeof self->options.target, NULL);
  self->options.target_len = g_socket_address_get_native_size (target);
  self->options.family = g_inet_address_get_family (address);
  begin_probing (self);
}

static void
reset_results (SlRoute *self)
{
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
  g_autoptr(GTask) task = NULL;
  g_autoptr(SlAddress) address = NULL;
  g_autoptr(SlResolver) resolver = NULL;
  g_autofree char *port = NULL;
  GError *error = NULL;

  g_return_if_fail (SL_IS_ROUTE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_route_run_async);
  if (self->task != NULL)
    {
      g_task_return_new_error (task, SL_ROUTE_ERROR, SL_ROUTE_ERROR_BUSY,
                               _("The route to this host is already being traced"));
      return;
    }
  if (self->interval < SL_ROUTE_MIN_USER_INTERVAL && geteuid () != 0)
    {
      g_task_return_new_error (task, SL_ROUTE_ERROR, SL_ROUTE_ERROR_INVALID_OPTION,
                               _("The interval must be at least %.1f s: shorter intervals flood the "
                                 "routers on the way and need administrator rights"),
                               SL_ROUTE_MIN_USER_INTERVAL);
      return;
    }
  port = g_strdup_printf ("%u", self->port);
  address = sl_address_parse (self->host, port, &error);
  if (address == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  reset_results (self);
  self->task = g_steal_pointer (&task);
  notify (self, PROP_RUNNING);
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
sl_route_run_finish (SlRoute       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_route_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sl_route_stop (SlRoute *self)
{
  g_return_if_fail (SL_IS_ROUTE (self));

  finish_run (self, NULL);
}

char **
sl_route_get_equivalent_commands (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), NULL);

  /* After a run, the method it really used (a fallback, maybe). */
  return sl_route_format_commands (self->method_explanation != NULL ? self->method_used : self->method,
                                   self->family, self->host ? self->host : "",
                                   self->port, self->count, self->max_ttl, self->resolve_names);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
sl_route_dispose (GObject *object)
{
  SlRoute *self = SL_ROUTE (object);

  /* A run holds a reference through its task, so none is in progress here. */
  g_cancellable_cancel (self->names_cancellable);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (sl_route_parent_class)->dispose (object);
}

static void
sl_route_finalize (GObject *object)
{
  SlRoute *self = SL_ROUTE (object);

  g_free (self->host);
  g_free (self->address);
  g_free (self->method_explanation);
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
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_FAMILY:
      g_value_set_enum (value, self->family);
      break;
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_MAX_TTL:
      g_value_set_uint (value, self->max_ttl);
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
    case PROP_RESOLVE_NAMES:
      g_value_set_boolean (value, self->resolve_names);
      break;
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->task != NULL);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_METHOD_USED:
      g_value_set_enum (value, self->method_used);
      break;
    case PROP_METHOD_EXPLANATION:
      g_value_set_string (value, self->method_explanation);
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
    case PROP_HOST:
      sl_route_set_host (self, g_value_get_string (value));
      break;
    case PROP_FAMILY:
      sl_route_set_family (self, g_value_get_enum (value));
      break;
    case PROP_METHOD:
      sl_route_set_method (self, g_value_get_enum (value));
      break;
    case PROP_PORT:
      sl_route_set_port (self, g_value_get_uint (value));
      break;
    case PROP_MAX_TTL:
      sl_route_set_max_ttl (self, g_value_get_uint (value));
      break;
    case PROP_COUNT:
      sl_route_set_count (self, g_value_get_uint (value));
      break;
    case PROP_INTERVAL:
      sl_route_set_interval (self, g_value_get_double (value));
      break;
    case PROP_TIMEOUT:
      sl_route_set_timeout (self, g_value_get_double (value));
      break;
    case PROP_RESOLVE_NAMES:
      sl_route_set_resolve_names (self, g_value_get_boolean (value));
      break;
    case PROP_TRACE:
      sl_route_set_trace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_route_class_init (SlRouteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sl_route_dispose;
  object_class->finalize = sl_route_finalize;
  object_class->get_property = sl_route_get_property;
  object_class->set_property = sl_route_set_property;

  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, rw);
  properties[PROP_FAMILY] =
    g_param_spec_enum ("family", NULL, NULL, G_TYPE_SOCKET_FAMILY, G_SOCKET_FAMILY_INVALID, rw);
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, SL_TYPE_ROUTE_METHOD, SL_ROUTE_METHOD_UDP, rw);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 1, 65535, SL_ROUTE_DEFAULT_PORT, rw);
  properties[PROP_MAX_TTL] =
    g_param_spec_uint ("max-ttl", NULL, NULL, 1, SL_ROUTE_MAX_TTL, SL_ROUTE_DEFAULT_MAX_TTL, rw);
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_INTERVAL] =
    g_param_spec_double ("interval", NULL, NULL, SL_ROUTE_MIN_INTERVAL, SL_ROUTE_MAX_INTERVAL,
                         SL_ROUTE_DEFAULT_INTERVAL, rw);
  properties[PROP_TIMEOUT] =
    g_param_spec_double ("timeout", NULL, NULL, SL_ROUTE_MIN_TIMEOUT, SL_ROUTE_MAX_TIMEOUT,
                         SL_ROUTE_DEFAULT_TIMEOUT, rw);
  properties[PROP_RESOLVE_NAMES] = g_param_spec_boolean ("resolve-names", NULL, NULL, TRUE, rw);
  properties[PROP_TRACE] = g_param_spec_object ("trace", NULL, NULL, SL_TYPE_TRACE, rw);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, ro);
  properties[PROP_METHOD_USED] =
    g_param_spec_enum ("method-used", NULL, NULL, SL_TYPE_ROUTE_METHOD, SL_ROUTE_METHOD_UDP, ro);
  properties[PROP_METHOD_EXPLANATION] =
    g_param_spec_string ("method-explanation", NULL, NULL, NULL, ro);
  properties[PROP_ROUND] = g_param_spec_uint ("round", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_DESTINATION_REACHED] =
    g_param_spec_boolean ("destination-reached", NULL, NULL, FALSE, ro);
  properties[PROP_PATH_MTU] = g_param_spec_uint ("path-mtu", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_route_init (SlRoute *self)
{
  self->family = G_SOCKET_FAMILY_INVALID;
  self->method = SL_ROUTE_METHOD_UDP;
  self->port = SL_ROUTE_DEFAULT_PORT;
  self->max_ttl = SL_ROUTE_DEFAULT_MAX_TTL;
  self->interval = SL_ROUTE_DEFAULT_INTERVAL;
  self->timeout = SL_ROUTE_DEFAULT_TIMEOUT;
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
  g_return_val_if_fail (SL_IS_ROUTE (self), NULL);
  return self->host;
}

void
sl_route_set_host (SlRoute    *self,
                   const char *host)
{
  g_return_if_fail (SL_IS_ROUTE (self));
  sl_set_string_prop (G_OBJECT (self), &self->host, host, properties[PROP_HOST]);
}

GSocketFamily
sl_route_get_family (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), G_SOCKET_FAMILY_INVALID);
  return self->family;
}

void
sl_route_set_family (SlRoute       *self,
                     GSocketFamily  family)
{
  g_return_if_fail (SL_IS_ROUTE (self));
  g_return_if_fail (family == G_SOCKET_FAMILY_INVALID || family == G_SOCKET_FAMILY_IPV4 ||
                    family == G_SOCKET_FAMILY_IPV6);

  if (self->family == family)
    return;
  self->family = family;
  notify (self, PROP_FAMILY);
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

  if (self->method == method)
    return;
  self->method = method;
  notify (self, PROP_METHOD);
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
  g_return_val_if_fail (SL_IS_ROUTE (self), 0);
  return self->count;
}

void
sl_route_set_count (SlRoute *self,
                    guint    count)
{
  g_return_if_fail (SL_IS_ROUTE (self));
  sl_set_uint_prop (G_OBJECT (self), &self->count, count, properties[PROP_COUNT]);
}

double
sl_route_get_interval (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), SL_ROUTE_DEFAULT_INTERVAL);
  return self->interval;
}

void
sl_route_set_interval (SlRoute *self,
                       double   interval)
{
  g_return_if_fail (SL_IS_ROUTE (self));
  g_return_if_fail (!isnan (interval));

  interval = CLAMP (interval, SL_ROUTE_MIN_INTERVAL, SL_ROUTE_MAX_INTERVAL);
  if (self->interval == interval)
    return;
  self->interval = interval;
  notify (self, PROP_INTERVAL);
}

double
sl_route_get_timeout (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), SL_ROUTE_DEFAULT_TIMEOUT);
  return self->timeout;
}

void
sl_route_set_timeout (SlRoute *self,
                      double   timeout)
{
  g_return_if_fail (SL_IS_ROUTE (self));
  g_return_if_fail (!isnan (timeout));

  timeout = CLAMP (timeout, SL_ROUTE_MIN_TIMEOUT, SL_ROUTE_MAX_TIMEOUT);
  if (self->timeout == timeout)
    return;
  self->timeout = timeout;
  notify (self, PROP_TIMEOUT);
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
  g_return_val_if_fail (SL_IS_ROUTE (self), NULL);
  return self->trace;
}

void
sl_route_set_trace (SlRoute *self,
                    SlTrace *trace)
{
  g_return_if_fail (SL_IS_ROUTE (self));
  g_return_if_fail (trace == NULL || SL_IS_TRACE (trace));

  if (g_set_object (&self->trace, trace))
    notify (self, PROP_TRACE);
}

gboolean
sl_route_get_running (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), FALSE);
  return self->task != NULL;
}

const char *
sl_route_get_address (SlRoute *self)
{
  g_return_val_if_fail (SL_IS_ROUTE (self), NULL);
  return self->address;
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
  g_return_val_if_fail (SL_IS_ROUTE (self), NULL);
  return self->method_explanation;
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
