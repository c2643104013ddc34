/* sl-ping-probe.c: one echo request (or TCP connect) of a ping run and what became of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-enums.h"
#include "sl-ping-probe-private.h"

struct _SlPingProbe
{
  GObject           parent_instance;

  guint64           seq;
  gint64            sent_us;
  gint64            send_clock_ns;
  SlPingProbeState  state;
  gint64            rtt_us;
  int               ttl;
  guint             duplicates;
  char             *message;
};

G_DEFINE_FINAL_TYPE (SlPingProbe, sl_ping_probe, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEQ,
  PROP_STATE,
  PROP_RTT_US,
  PROP_DUPLICATES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sl_ping_probe_finalize (GObject *object)
{
  g_free (SL_PING_PROBE (object)->message);

  G_OBJECT_CLASS (sl_ping_probe_parent_class)->finalize (object);
}

static void
sl_ping_probe_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SlPingProbe *self = SL_PING_PROBE (object);

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_uint64 (value, self->seq);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_RTT_US:
      g_value_set_int64 (value, self->rtt_us);
      break;
    case PROP_DUPLICATES:
      g_value_set_uint (value, self->duplicates);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_ping_probe_class_init (SlPingProbeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_ping_probe_finalize;
  object_class->get_property = sl_ping_probe_get_property;

  properties[PROP_SEQ] =
    g_param_spec_uint64 ("seq", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SL_TYPE_PING_PROBE_STATE, SL_PING_PROBE_STATE_PENDING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RTT_US] =
    g_param_spec_int64 ("rtt-us", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUPLICATES] =
    g_param_spec_uint ("duplicates", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_ping_probe_init (SlPingProbe *self)
{
  self->rtt_us = -1;
  self->ttl = -1;
}

SlPingProbe *
sl_ping_probe_new (guint64 seq,
                   gint64  sent_us,
                   gint64  send_clock_ns)
{
  SlPingProbe *self = g_object_new (SL_TYPE_PING_PROBE, NULL);

  self->seq = seq;
  self->sent_us = sent_us;
  self->send_clock_ns = send_clock_ns;
  return self;
}

gint64
sl_ping_probe_get_send_clock_ns (SlPingProbe *self)
{
  g_return_val_if_fail (SL_IS_PING_PROBE (self), 0);
  return self->send_clock_ns;
}

void
sl_ping_probe_set_send_clock_ns (SlPingProbe *self,
                                 gint64       send_clock_ns)
{
  g_return_if_fail (SL_IS_PING_PROBE (self));
  self->send_clock_ns = send_clock_ns;
}

void
sl_ping_probe_set_replied (SlPingProbe *self,
                           gint64       rtt_us,
                           int          ttl,
                           const char  *message)
{
  g_return_if_fail (SL_IS_PING_PROBE (self));
  g_return_if_fail (self->state == SL_PING_PROBE_STATE_PENDING);

  self->rtt_us = rtt_us;
  self->ttl = ttl;
  g_free (self->message);
  self->message = g_strdup (message);
  self->state = SL_PING_PROBE_STATE_REPLIED;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RTT_US]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
sl_ping_probe_set_failed (SlPingProbe      *self,
                          SlPingProbeState  state,
                          const char       *message)
{
  g_return_if_fail (SL_IS_PING_PROBE (self));
  g_return_if_fail (state == SL_PING_PROBE_STATE_LOST || state == SL_PING_PROBE_STATE_ERROR);

  if (self->state == state)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
sl_ping_probe_add_duplicate (SlPingProbe *self)
{
  g_return_if_fail (SL_IS_PING_PROBE (self));

  self->duplicates++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUPLICATES]);
}

guint64
sl_ping_probe_get_seq (SlPingProbe *self)
{
  g_return_val_if_fail (SL_IS_PING_PROBE (self), 0);
  return self->seq;
}

SlPingProbeState
sl_ping_probe_get_state (SlPingProbe *self)
{
  g_return_val_if_fail (SL_IS_PING_PROBE (self), SL_PING_PROBE_STATE_PENDING);
  return self->state;
}

gint64
sl_ping_probe_get_sent_us (SlPingProbe *self)
{
  g_return_val_if_fail (SL_IS_PING_PROBE (self), 0);
  return self->sent_us;
}

gint64
sl_ping_probe_get_rtt_us (SlPingProbe *self)
{
  g_return_val_if_fail (SL_IS_PING_PROBE (self), -1);
  return self->rtt_us;
}

int
sl_ping_probe_get_ttl (SlPingProbe *self)
{
  g_return_val_if_fail (SL_IS_PING_PROBE (self), -1);
  return self->ttl;
}

guint
sl_ping_probe_get_duplicates (SlPingProbe *self)
{
  g_return_val_if_fail (SL_IS_PING_PROBE (self), 0);
  return self->duplicates;
}

const char *
sl_ping_probe_get_message (SlPingProbe *self)
{
  g_return_val_if_fail (SL_IS_PING_PROBE (self), NULL);
  return self->message;
}
