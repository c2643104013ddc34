/* sl-lab-step.c: one step of the lab: what it teaches, the fields it fills, and the fact
 * that shows it was done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-lab-step.h"

struct _SlLabStep
{
  GObject    parent_instance;

  char      *id;
  char      *title;
  char      *teaches;
  char      *page;
  GVariant  *values;
  SlLabFact  goal;
  char      *goal_host;
  guint      goal_port;
  gboolean   done;
};

G_DEFINE_FINAL_TYPE (SlLabStep, sl_lab_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

SlLabStep *
sl_lab_step_new (const char *id,
                 const char *title,
                 const char *teaches,
                 const char *page,
                 GVariant   *values,
                 SlLabFact   goal,
                 const char *goal_host,
                 guint       goal_port)
{
  SlLabStep *self;

  g_return_val_if_fail (id != NULL && title != NULL && page != NULL, NULL);
  g_return_val_if_fail (values != NULL && g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT), NULL);

  self = g_object_new (SL_TYPE_LAB_STEP, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->teaches = g_strdup (teaches != NULL ? teaches : "");
  self->page = g_strdup (page);
  self->values = g_variant_ref_sink (values);
  self->goal = goal;
  self->goal_host = g_strdup (goal_host);
  self->goal_port = goal_port;
  return self;
}

const char *
sl_lab_step_get_id (SlLabStep *self)
{
  g_return_val_if_fail (SL_IS_LAB_STEP (self), NULL);
  return self->id;
}

const char *
sl_lab_step_get_title (SlLabStep *self)
{
  g_return_val_if_fail (SL_IS_LAB_STEP (self), NULL);
  return self->title;
}

const char *
sl_lab_step_get_teaches (SlLabStep *self)
{
  g_return_val_if_fail (SL_IS_LAB_STEP (self), NULL);
  return self->teaches;
}

const char *
sl_lab_step_get_page (SlLabStep *self)
{
  g_return_val_if_fail (SL_IS_LAB_STEP (self), NULL);
  return self->page;
}

GVariant *
sl_lab_step_get_values (SlLabStep *self)
{
  g_return_val_if_fail (SL_IS_LAB_STEP (self), NULL);
  return self->values;
}

SlLabFact
sl_lab_step_get_goal (SlLabStep *self)
{
  g_return_val_if_fail (SL_IS_LAB_STEP (self), SL_LAB_FACT_NONE);
  return self->goal;
}

gboolean
sl_lab_step_is_reached_by (SlLabStep  *self,
                           SlLabFact   fact,
                           const char *host,
                           guint       port)
{
  g_return_val_if_fail (SL_IS_LAB_STEP (self), FALSE);

  if (self->goal == SL_LAB_FACT_NONE || fact != self->goal)
    return FALSE;
  if (self->goal_host != NULL && (host == NULL || g_ascii_strcasecmp (self->goal_host, host) != 0))
    return FALSE;
  return self->goal_port == 0 || self->goal_port == port;
}

gboolean
sl_lab_step_get_done (SlLabStep *self)
{
  g_return_val_if_fail (SL_IS_LAB_STEP (self), FALSE);
  return self->done;
}

void
sl_lab_step_set_done (SlLabStep *self,
                      gboolean   done)
{
  g_return_if_fail (SL_IS_LAB_STEP (self));

  if (self->done == !!done)
    return;
  self->done = !!done;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

static void
sl_lab_step_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DONE:
      g_value_set_boolean (value, SL_LAB_STEP (object)->done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_lab_step_finalize (GObject *object)
{
  SlLabStep *self = SL_LAB_STEP (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->teaches);
  g_free (self->page);
  g_clear_pointer (&self->values, g_variant_unref);
  g_free (self->goal_host);

  G_OBJECT_CLASS (sl_lab_step_parent_class)->finalize (object);
}

static void
sl_lab_step_class_init (SlLabStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sl_lab_step_get_property;
  object_class->finalize = sl_lab_step_finalize;

  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_lab_step_init (SlLabStep *self)
{
}
