/* sl-probe-runner.c: what SlPinger and SlRoute share: a run that probes one host.
 *
 * A run: check the options, parse and resolve the host (SlResolver, like every page, for
 * the family chosen), let the subclass open its prober for the first address, then tick
 * from one deadline source on the task's main context until the subclass finishes the
 * run, or it is stopped or cancelled. Nothing blocks and nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <unistd.h>

#include "sl-address.h"
#include "sl-deadline-source.h"
#include "sl-probe-runner-private.h"
#include "sl-resolver.h"
#include "sl-socket-util.h"
#include "sl-utils.h"

typedef struct
{
  /* options */
  char          *host;
  GSocketFamily  family;
  guint          count;
  double         interval;
  double         timeout;
  SlTrace       *trace;

  /* results */
  char          *address;
  char          *method_explanation;

  /* the run in progress */
  GTask         *task;
  GCancellable  *lookup_cancellable;
  GSource       *cancel_source;
  GSource       *tick_source;
} SlProbeRunnerPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SlProbeRunner, sl_probe_runner, G_TYPE_OBJECT)

#define PRIV(self) ((SlProbeRunnerPrivate *) sl_probe_runner_get_instance_private (SL_PROBE_RUNNER (self)))
#define KLASS(self) SL_PROBE_RUNNER_GET_CLASS (self)

enum {
  PROP_0,
  PROP_HOST,
  PROP_FAMILY,
  PROP_COUNT,
  PROP_INTERVAL,
  PROP_TIMEOUT,
  PROP_TRACE,
  PROP_RUNNING,
  PROP_ADDRESS,
  PROP_METHOD_EXPLANATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify (SlProbeRunner *self,
        guint          prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* ---- the end of a run --------------------------------------------------------------- */

void
sl_probe_runner_finish (SlProbeRunner *self,
                        GError        *error)
{
  SlProbeRunnerPrivate *priv = PRIV (self);
  g_autoptr(GTask) task = g_steal_pointer (&priv->task);
  g_autoptr(SlProbeRunner) hold = NULL;

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }

  hold = g_object_ref (self);
  g_cancellable_cancel (priv->lookup_cancellable);
  g_clear_object (&priv->lookup_cancellable);
  sl_clear_source (&priv->tick_source);
  sl_clear_source (&priv->cancel_source);
  KLASS (self)->end (self, error);
  notify (self, PROP_RUNNING);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
sl_probe_runner_stop (SlProbeRunner *self)
{
  g_return_if_fail (SL_IS_PROBE_RUNNER (self));

  sl_probe_runner_finish (self, NULL);
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  SlProbeRunner *self = user_data;

  sl_probe_runner_finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     _(KLASS (self)->cancelled_message)));
  return G_SOURCE_REMOVE;
}

/* ---- the schedule ------------------------------------------------------------------- */

static gboolean
tick_cb (gpointer user_data)
{
  g_autoptr(SlProbeRunner) self = g_object_ref (user_data);

  KLASS (self)->tick (self, g_get_monotonic_time ());
  return G_SOURCE_CONTINUE;
}

void
sl_probe_runner_tick_at (SlProbeRunner *self,
                         gint64         ready_us)
{
  SlProbeRunnerPrivate *priv = PRIV (self);

  if (priv->tick_source != NULL)
    g_source_set_ready_time (priv->tick_source, ready_us);
}

void
sl_probe_runner_wake (SlProbeRunner *self)
{
  sl_probe_runner_tick_at (self, 0);
}

gint64
sl_probe_runner_get_interval_us (SlProbeRunner *self)
{
  return (gint64) (PRIV (self)->interval * G_USEC_PER_SEC + 0.5);
}

gint64
sl_probe_runner_get_timeout_us (SlProbeRunner *self)
{
  return (gint64) (PRIV (self)->timeout * G_USEC_PER_SEC + 0.5);
}

/* ---- starting a run ----------------------------------------------------------------- */

static void
set_string (SlProbeRunner  *self,
            char          **field,
            const char     *value,
            guint           prop)
{
  sl_set_string_prop (G_OBJECT (self), field, value, properties[prop]);
}

static void
begin (SlProbeRunner *self,
       GInetAddress  *address)
{
  SlProbeRunnerPrivate *priv = PRIV (self);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (address, 0);
  SlProbeTarget target = { .family = g_inet_address_get_family (address) };
  g_autofree char *text = NULL;
  GError *error = NULL;

  g_socket_address_to_native (socket_address, &target.address, sizeof target.address, NULL);
  target.length = g_socket_address_get_native_size (socket_address);
  text = sl_sockaddr_to_host (&target.address);
  set_string (self, &priv->address, text, PROP_ADDRESS);
  if (!KLASS (self)->begin (self, &target, &error))
    {
      sl_probe_runner_finish (self, error);
      return;
    }
  priv->tick_source = sl_deadline_source_new (tick_cb, self, KLASS (self)->tick_name);
  g_source_set_priority (priv->tick_source, G_PRIORITY_HIGH);
  g_source_attach (priv->tick_source, g_task_get_context (priv->task));
  sl_probe_runner_wake (self);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SlProbeRunner *self = g_task_get_source_object (task);
  g_autoptr(SlResolveResult) resolved = NULL;
  GError *error = NULL;

  resolved = sl_resolver_lookup_finish (SL_RESOLVER (source), result, &error);
  /* The run may have been stopped, or even restarted, meanwhile. */
  if (PRIV (self)->task != task)
    {
      g_clear_error (&error);
      return;
    }
  if (resolved == NULL)
    {
      sl_probe_runner_finish (self, error);
      return;
    }
  /* Like ping(8) and tracepath: the first address getaddrinfo () gives. */
  begin (self, sl_resolve_result_get_address (resolved, 0));
}

static gboolean
check (SlProbeRunner  *self,
       GError        **error)
{
  SlProbeRunnerClass *klass = KLASS (self);

  if (PRIV (self)->task != NULL)
    {
      g_set_error_literal (error, klass->error_domain, klass->busy_code, _(klass->busy_message));
      return FALSE;
    }
  if (PRIV (self)->interval < klass->min_user_interval && geteuid () != 0)
    {
      g_set_error (error, klass->error_domain, klass->invalid_option_code,
                   _(klass->interval_message), klass->min_user_interval);
      return FALSE;
    }
  return TRUE;
}

void
sl_probe_runner_run_async (SlProbeRunner       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  SlProbeRunnerPrivate *priv;
  g_autoptr(GTask) task = NULL;
  g_autoptr(SlAddress) address = NULL;
  g_autoptr(SlResolver) resolver = NULL;
  g_autofree char *port_text = NULL;
  GError *error = NULL;

  g_return_if_fail (SL_IS_PROBE_RUNNER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  priv = PRIV (self);
  port_text = g_strdup_printf ("%u", KLASS (self)->get_port (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_probe_runner_run_async);
  if (!check (self, &error) || (address = sl_address_parse (priv->host, port_text, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  KLASS (self)->reset (self);
  priv->task = g_steal_pointer (&task);
  notify (self, PROP_RUNNING);
  if (cancellable != NULL)
    {
      priv->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (priv->cancel_source, G_SOURCE_FUNC (cancelled_cb), self, NULL);
      g_source_attach (priv->cancel_source, g_task_get_context (priv->task));
    }

  /* Names and literals alike: the same lookup, timeout and messages as the Connect page. */
  priv->lookup_cancellable = g_cancellable_new ();
  resolver = sl_resolver_new (priv->trace);
  sl_resolver_lookup_async (resolver, address->host, priv->family, 0, priv->lookup_cancellable,
                            resolved_cb, g_object_ref (priv->task));
}

gboolean
sl_probe_runner_run_finish (SlProbeRunner  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (SL_IS_PROBE_RUNNER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_probe_runner_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sl_probe_runner_set_method_explanation (SlProbeRunner *self,
                                        const char    *explanation)
{
  set_string (self, &PRIV (self)->method_explanation, explanation, PROP_METHOD_EXPLANATION);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
sl_probe_runner_dispose (GObject *object)
{
  /* A run holds a reference through its task, so none is in progress here. */
  g_clear_object (&PRIV (object)->trace);

  G_OBJECT_CLASS (sl_probe_runner_parent_class)->dispose (object);
}

static void
sl_probe_runner_finalize (GObject *object)
{
  SlProbeRunnerPrivate *priv = PRIV (object);

  g_free (priv->host);
  g_free (priv->address);
  g_free (priv->method_explanation);

  G_OBJECT_CLASS (sl_probe_runner_parent_class)->finalize (object);
}

static void
sl_probe_runner_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SlProbeRunnerPrivate *priv = PRIV (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, priv->host);
      break;
    case PROP_FAMILY:
      g_value_set_enum (value, priv->family);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, priv->count);
      break;
    case PROP_INTERVAL:
      g_value_set_double (value, priv->interval);
      break;
    case PROP_TIMEOUT:
      g_value_set_double (value, priv->timeout);
      break;
    case PROP_TRACE:
      g_value_set_object (value, priv->trace);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, priv->task != NULL);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, priv->address);
      break;
    case PROP_METHOD_EXPLANATION:
      g_value_set_string (value, priv->method_explanation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_probe_runner_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SlProbeRunner *self = SL_PROBE_RUNNER (object);

  switch (prop_id)
    {
    case PROP_HOST:
      sl_probe_runner_set_host (self, g_value_get_string (value));
      break;
    case PROP_FAMILY:
      sl_probe_runner_set_family (self, g_value_get_enum (value));
      break;
    case PROP_COUNT:
      sl_probe_runner_set_count (self, g_value_get_uint (value));
      break;
    case PROP_INTERVAL:
      sl_probe_runner_set_interval (self, g_value_get_double (value));
      break;
    case PROP_TIMEOUT:
      sl_probe_runner_set_timeout (self, g_value_get_double (value));
      break;
    case PROP_TRACE:
      sl_probe_runner_set_trace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_probe_runner_class_init (SlProbeRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sl_probe_runner_dispose;
  object_class->finalize = sl_probe_runner_finalize;
  object_class->get_property = sl_probe_runner_get_property;
  object_class->set_property = sl_probe_runner_set_property;

  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, rw);
  properties[PROP_FAMILY] =
    g_param_spec_enum ("family", NULL, NULL, G_TYPE_SOCKET_FAMILY, G_SOCKET_FAMILY_INVALID, rw);
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_INTERVAL] =
    g_param_spec_double ("interval", NULL, NULL, SL_PROBE_RUNNER_MIN_INTERVAL,
                         SL_PROBE_RUNNER_MAX_INTERVAL, SL_PROBE_RUNNER_DEFAULT_INTERVAL, rw);
  properties[PROP_TIMEOUT] =
    g_param_spec_double ("timeout", NULL, NULL, SL_PROBE_RUNNER_MIN_TIMEOUT,
                         SL_PROBE_RUNNER_MAX_TIMEOUT, SL_PROBE_RUNNER_DEFAULT_TIMEOUT, rw);
  properties[PROP_TRACE] = g_param_spec_object ("trace", NULL, NULL, SL_TYPE_TRACE, rw);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, ro);
  properties[PROP_METHOD_EXPLANATION] =
    g_param_spec_string ("method-explanation", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_probe_runner_init (SlProbeRunner *self)
{
  SlProbeRunnerPrivate *priv = PRIV (self);

  priv->family = G_SOCKET_FAMILY_INVALID;
  priv->interval = SL_PROBE_RUNNER_DEFAULT_INTERVAL;
  priv->timeout = SL_PROBE_RUNNER_DEFAULT_TIMEOUT;
}

/* ---- accessors ---------------------------------------------------------------------- */

const char *
sl_probe_runner_get_host (SlProbeRunner *self)
{
  g_return_val_if_fail (SL_IS_PROBE_RUNNER (self), NULL);
  return PRIV (self)->host;
}

void
sl_probe_runner_set_host (SlProbeRunner *self,
                          const char    *host)
{
  g_return_if_fail (SL_IS_PROBE_RUNNER (self));
  set_string (self, &PRIV (self)->host, host, PROP_HOST);
}

GSocketFamily
sl_probe_runner_get_family (SlProbeRunner *self)
{
  g_return_val_if_fail (SL_IS_PROBE_RUNNER (self), G_SOCKET_FAMILY_INVALID);
  return PRIV (self)->family;
}

void
sl_probe_runner_set_family (SlProbeRunner *self,
                            GSocketFamily  family)
{
  g_return_if_fail (SL_IS_PROBE_RUNNER (self));
  g_return_if_fail (family == G_SOCKET_FAMILY_INVALID || family == G_SOCKET_FAMILY_IPV4 ||
                    family == G_SOCKET_FAMILY_IPV6);
  sl_set_enum_prop (G_OBJECT (self), &PRIV (self)->family, family, properties[PROP_FAMILY]);
}

guint
sl_probe_runner_get_count (SlProbeRunner *self)
{
  g_return_val_if_fail (SL_IS_PROBE_RUNNER (self), 0);
  return PRIV (self)->count;
}

void
sl_probe_runner_set_count (SlProbeRunner *self,
                           guint          count)
{
  g_return_if_fail (SL_IS_PROBE_RUNNER (self));
  sl_set_uint_prop (G_OBJECT (self), &PRIV (self)->count, count, properties[PROP_COUNT]);
}

double
sl_probe_runner_get_interval (SlProbeRunner *self)
{
  g_return_val_if_fail (SL_IS_PROBE_RUNNER (self), SL_PROBE_RUNNER_DEFAULT_INTERVAL);
  return PRIV (self)->interval;
}

/* Infinity and huge values are clamped to the limits the pages offer; NaN is refused. */
void
sl_probe_runner_set_interval (SlProbeRunner *self,
                              double         interval)
{
  g_return_if_fail (SL_IS_PROBE_RUNNER (self));
  g_return_if_fail (!isnan (interval));

  interval = CLAMP (interval, SL_PROBE_RUNNER_MIN_INTERVAL, SL_PROBE_RUNNER_MAX_INTERVAL);
  sl_set_double_prop (G_OBJECT (self), &PRIV (self)->interval, interval, properties[PROP_INTERVAL]);
}

double
sl_probe_runner_get_timeout (SlProbeRunner *self)
{
  g_return_val_if_fail (SL_IS_PROBE_RUNNER (self), SL_PROBE_RUNNER_DEFAULT_TIMEOUT);
  return PRIV (self)->timeout;
}

void
sl_probe_runner_set_timeout (SlProbeRunner *self,
                             double         timeout)
{
  g_return_if_fail (SL_IS_PROBE_RUNNER (self));
  g_return_if_fail (!isnan (timeout));

  timeout = CLAMP (timeout, SL_PROBE_RUNNER_MIN_TIMEOUT, SL_PROBE_RUNNER_MAX_TIMEOUT);
  sl_set_double_prop (G_OBJECT (self), &PRIV (self)->timeout, timeout, properties[PROP_TIMEOUT]);
}

SlTrace *
sl_probe_runner_get_trace (SlProbeRunner *self)
{
  g_return_val_if_fail (SL_IS_PROBE_RUNNER (self), NULL);
  return PRIV (self)->trace;
}

void
sl_probe_runner_set_trace (SlProbeRunner *self,
                           SlTrace       *trace)
{
  g_return_if_fail (SL_IS_PROBE_RUNNER (self));
  g_return_if_fail (trace == NULL || SL_IS_TRACE (trace));
  sl_set_object_prop (G_OBJECT (self), &PRIV (self)->trace, trace, properties[PROP_TRACE]);
}

gboolean
sl_probe_runner_get_running (SlProbeRunner *self)
{
  g_return_val_if_fail (SL_IS_PROBE_RUNNER (self), FALSE);
  return PRIV (self)->task != NULL;
}

const char *
sl_probe_runner_get_address (SlProbeRunner *self)
{
  g_return_val_if_fail (SL_IS_PROBE_RUNNER (self), NULL);
  return PRIV (self)->address;
}

const char *
sl_probe_runner_get_method_explanation (SlProbeRunner *self)
{
  g_return_val_if_fail (SL_IS_PROBE_RUNNER (self), NULL);
  return PRIV (self)->method_explanation;
}
