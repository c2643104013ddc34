/* sl-route-hop.c: one TTL of a route: who answered there and how fast, like a line of mtr.
 *
 * The statistics follow mtr: the average and the sample standard deviation are kept with
 * Welford's running sums, so a continuous run costs the same per answer after an hour as
 * after a second; loss counts only probes whose fate is known.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sl-route-hop-private.h"
#include "sl-utils.h"

struct _SlRouteHop
{
  GObject   parent_instance;

  guint     ttl;
  char     *address;
  char     *hostname;
  guint     sent;
  guint     received;
  guint     lost;
  gint64    last_us;
  gint64    best_us;
  gint64    worst_us;
  double    mean_us;
  double    m2;          /* Welford: sum of squared differences from the running mean */
  GArray   *recent;      /* gint64, -1 for a lost probe */
  gboolean  is_destination;
  guint     mtu;
  char     *error;
};

G_DEFINE_FINAL_TYPE (SlRouteHop, sl_route_hop, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TTL,
  PROP_ADDRESS,
  PROP_HOSTNAME,
  PROP_SENT,
  PROP_RECEIVED,
  PROP_LOSS,
  PROP_LAST_US,
  PROP_AVERAGE_US,
  PROP_BEST_US,
  PROP_WORST_US,
  PROP_STDEV_US,
  PROP_RECENT,
  PROP_IS_DESTINATION,
  PROP_MTU,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify (SlRouteHop *self,
        guint       prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
push_recent (SlRouteHop *self,
             gint64      rtt_us)
{
  if (self->recent->len == SL_ROUTE_HOP_MAX_RECENT)
    g_array_remove_index (self->recent, 0);
  g_array_append_val (self->recent, rtt_us);
  notify (self, PROP_RECENT);
}

SlRouteHop *
sl_route_hop_new (guint ttl)
{
  SlRouteHop *self = g_object_new (SL_TYPE_ROUTE_HOP, NULL);

  self->ttl = ttl;
  return self;
}

void
sl_route_hop_add_sent (SlRouteHop *self)
{
  g_return_if_fail (SL_IS_ROUTE_HOP (self));

  self->sent++;
  notify (self, PROP_SENT);
}

void
sl_route_hop_retract_sent (SlRouteHop *self)
{
  g_return_if_fail (SL_IS_ROUTE_HOP (self));
  g_return_if_fail (self->sent > self->received + self->lost);

  self->sent--;
  notify (self, PROP_SENT);
}

void
sl_route_hop_add_reply (SlRouteHop *self,
                        const char *address,
                        gint64      rtt_us,
                        guint       mtu)
{
  double delta;

  g_return_if_fail (SL_IS_ROUTE_HOP (self));
  g_return_if_fail (address != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  if (sl_set_string_prop (G_OBJECT (self), &self->address, address, properties[PROP_ADDRESS]))
    sl_set_string_prop (G_OBJECT (self), &self->hostname, NULL, properties[PROP_HOSTNAME]);
  self->received++;
  rtt_us = MAX (rtt_us, 0);
  self->last_us = rtt_us;
  if (self->received == 1 || rtt_us < self->best_us)
    {
      self->best_us = rtt_us;
      notify (self, PROP_BEST_US);
    }
  if (self->received == 1 || rtt_us > self->worst_us)
    {
      self->worst_us = rtt_us;
      notify (self, PROP_WORST_US);
    }
  delta = rtt_us - self->mean_us;
  self->mean_us += delta / self->received;
  self->m2 += delta * (rtt_us - self->mean_us);
  /* Probes shrink once the path says so: the largest one this hop ever answered counts. */
  if (mtu > self->mtu)
    sl_set_uint_prop (G_OBJECT (self), &self->mtu, mtu, properties[PROP_MTU]);
  push_recent (self, rtt_us);
  notify (self, PROP_RECEIVED);
  notify (self, PROP_LOSS);
  notify (self, PROP_LAST_US);
  notify (self, PROP_AVERAGE_US);
  notify (self, PROP_STDEV_US);
  g_object_thaw_notify (G_OBJECT (self));
}

void
sl_route_hop_add_lost (SlRouteHop *self)
{
  g_return_if_fail (SL_IS_ROUTE_HOP (self));

  g_object_freeze_notify (G_OBJECT (self));
  self->lost++;
  push_recent (self, -1);
  notify (self, PROP_LOSS);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
sl_route_hop_is_concluded (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), FALSE);
  return self->received + self->lost > 0;
}

void
sl_route_hop_set_hostname (SlRouteHop *self,
                           const char *hostname)
{
  g_return_if_fail (SL_IS_ROUTE_HOP (self));
  sl_set_string_prop (G_OBJECT (self), &self->hostname, hostname, properties[PROP_HOSTNAME]);
}

void
sl_route_hop_set_is_destination (SlRouteHop *self,
                                 gboolean    is_destination)
{
  g_return_if_fail (SL_IS_ROUTE_HOP (self));
  sl_set_boolean_prop (G_OBJECT (self), &self->is_destination, is_destination,
                       properties[PROP_IS_DESTINATION]);
}

void
sl_route_hop_set_error (SlRouteHop *self,
                        const char *error)
{
  g_return_if_fail (SL_IS_ROUTE_HOP (self));
  sl_set_string_prop (G_OBJECT (self), &self->error, error, properties[PROP_ERROR]);
}

/* Getters */

guint
sl_route_hop_get_ttl (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), 0);
  return self->ttl;
}

const char *
sl_route_hop_get_address (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), NULL);
  return self->address;
}

const char *
sl_route_hop_get_hostname (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), NULL);
  return self->hostname;
}

guint
sl_route_hop_get_sent (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), 0);
  return self->sent;
}

guint
sl_route_hop_get_received (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), 0);
  return self->received;
}

double
sl_route_hop_get_loss (SlRouteHop *self)
{
  guint concluded;

  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), 0);

  concluded = self->received + self->lost;
  return concluded > 0 ? self->lost * 100.0 / concluded : 0.0;
}

gint64
sl_route_hop_get_last_us (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), -1);
  return self->received > 0 ? self->last_us : -1;
}

gint64
sl_route_hop_get_average_us (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), -1);
  return self->received > 0 ? (gint64) llround (self->mean_us) : -1;
}

gint64
sl_route_hop_get_best_us (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), -1);
  return self->received > 0 ? self->best_us : -1;
}

gint64
sl_route_hop_get_worst_us (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), -1);
  return self->received > 0 ? self->worst_us : -1;
}

gint64
sl_route_hop_get_stdev_us (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), -1);
  return self->received > 1 ? (gint64) llround (sqrt (self->m2 / (self->received - 1))) : -1;
}

const gint64 *
sl_route_hop_get_recent (SlRouteHop *self,
                         guint      *n_recent)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), NULL);
  g_return_val_if_fail (n_recent != NULL, NULL);

  *n_recent = self->recent->len;
  return (const gint64 *) self->recent->data;
}

gboolean
sl_route_hop_get_is_destination (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), FALSE);
  return self->is_destination;
}

guint
sl_route_hop_get_mtu (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), 0);
  return self->mtu;
}

const char *
sl_route_hop_get_error (SlRouteHop *self)
{
  g_return_val_if_fail (SL_IS_ROUTE_HOP (self), NULL);
  return self->error;
}

/* GObject */

static void
sl_route_hop_finalize (GObject *object)
{
  SlRouteHop *self = SL_ROUTE_HOP (object);

  g_free (self->address);
  g_free (self->hostname);
  g_free (self->error);
  g_array_unref (self->recent);

  G_OBJECT_CLASS (sl_route_hop_parent_class)->finalize (object);
}

static void
sl_route_hop_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SlRouteHop *self = SL_ROUTE_HOP (object);

  switch (prop_id)
    {
    case PROP_TTL:
      g_value_set_uint (value, self->ttl);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_HOSTNAME:
      g_value_set_string (value, self->hostname);
      break;
    case PROP_SENT:
      g_value_set_uint (value, self->sent);
      break;
    case PROP_RECEIVED:
      g_value_set_uint (value, self->received);
      break;
    case PROP_LOSS:
      g_value_set_double (value, sl_route_hop_get_loss (self));
      break;
    case PROP_LAST_US:
      g_value_set_int64 (value, sl_route_hop_get_last_us (self));
      break;
    case PROP_AVERAGE_US:
      g_value_set_int64 (value, sl_route_hop_get_average_us (self));
      break;
    case PROP_BEST_US:
      g_value_set_int64 (value, sl_route_hop_get_best_us (self));
      break;
    case PROP_WORST_US:
      g_value_set_int64 (value, sl_route_hop_get_worst_us (self));
      break;
    case PROP_STDEV_US:
      g_value_set_int64 (value, sl_route_hop_get_stdev_us (self));
      break;
    case PROP_RECENT:
      g_value_set_boxed (value, self->recent);
      break;
    case PROP_IS_DESTINATION:
      g_value_set_boolean (value, self->is_destination);
      break;
    case PROP_MTU:
      g_value_set_uint (value, self->mtu);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_route_hop_class_init (SlRouteHopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sl_route_hop_finalize;
  object_class->get_property = sl_route_hop_get_property;

  properties[PROP_TTL] = g_param_spec_uint ("ttl", NULL, NULL, 0, 255, 0, ro);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, ro);
  properties[PROP_HOSTNAME] = g_param_spec_string ("hostname", NULL, NULL, NULL, ro);
  properties[PROP_SENT] = g_param_spec_uint ("sent", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_RECEIVED] = g_param_spec_uint ("received", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LOSS] = g_param_spec_double ("loss", NULL, NULL, 0, 100, 0, ro);
  properties[PROP_LAST_US] = g_param_spec_int64 ("last-us", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_AVERAGE_US] = g_param_spec_int64 ("average-us", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_BEST_US] = g_param_spec_int64 ("best-us", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_WORST_US] = g_param_spec_int64 ("worst-us", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_STDEV_US] = g_param_spec_int64 ("stdev-us", NULL, NULL, -1, G_MAXINT64, -1, ro);
  /* A GArray of gint64 (see sl_route_hop_get_recent ()): the hop's own, updated in place. */
  properties[PROP_RECENT] = g_param_spec_boxed ("recent", NULL, NULL, G_TYPE_ARRAY, ro);
  properties[PROP_IS_DESTINATION] = g_param_spec_boolean ("is-destination", NULL, NULL, FALSE, ro);
  properties[PROP_MTU] = g_param_spec_uint ("mtu", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_route_hop_init (SlRouteHop *self)
{
  self->recent = g_array_sized_new (FALSE, FALSE, sizeof (gint64), SL_ROUTE_HOP_MAX_RECENT);
}
