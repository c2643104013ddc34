/* sl-lab-steps.c: the lab's steps, in order, then the student's own presets; which are done.
 *
 * A step only fills fields: its values are settings keys, and the pages show what their keys
 * hold, so applying a step is writing its keys. Nothing starts by itself: the student still
 * presses Connect, Start or Check Port, and the pages' facts tick the step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-lab-steps.h"

/* The lab's web server: IANA's documentation host answers HTTP on port 80. */
#define WEB_SERVER "www.example.com"
#define ECHO_HOST  "127.0.0.1"
#define ECHO_PORT  5000

struct _SlLabSteps
{
  GObject     parent_instance;

  GListStore *steps;
  guint       n_builtin;
  guint       next_custom;
};

static void sl_lab_steps_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SlLabSteps, sl_lab_steps, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sl_lab_steps_list_model_init))

/* ---- the lab's own steps ------------------------------------------------------------- */

static GVariant *
connect_values (const char *host,
                const char *port,
                const char *protocol,
                const char *message)
{
  GVariantBuilder values;

  g_variant_builder_init (&values, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&values, "{sv}", "connect-host", g_variant_new_string (host));
  g_variant_builder_add (&values, "{sv}", "connect-port", g_variant_new_string (port));
  g_variant_builder_add (&values, "{sv}", "connect-protocol", g_variant_new_string (protocol));
  if (message != NULL)
    {
      /* Escapes, so \r\n in the message are the two bytes HTTP wants. */
      g_variant_builder_add (&values, "{sv}", "connect-payload-mode", g_variant_new_string ("escapes"));
      g_variant_builder_add (&values, "{sv}", "connect-line-ending", g_variant_new_string ("none"));
      g_variant_builder_add (&values, "{sv}", "connect-message", g_variant_new_string (message));
    }
  return g_variant_builder_end (&values);
}

/* An echo server on this computer, and the Connect page ready to talk to it. */
static GVariant *
echo_values (const char *protocol)
{
  g_autofree char *port = g_strdup_printf ("%u", ECHO_PORT);
  GVariantBuilder values;

  g_variant_builder_init (&values, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&values, "{sv}", "server-address", g_variant_new_string (ECHO_HOST));
  g_variant_builder_add (&values, "{sv}", "server-port", g_variant_new_string (port));
  g_variant_builder_add (&values, "{sv}", "server-protocol", g_variant_new_string (protocol));
  g_variant_builder_add (&values, "{sv}", "server-reply-mode", g_variant_new_string ("echo"));
  g_variant_builder_add (&values, "{sv}", "connect-host", g_variant_new_string (ECHO_HOST));
  g_variant_builder_add (&values, "{sv}", "connect-port", g_variant_new_string (port));
  g_variant_builder_add (&values, "{sv}", "connect-protocol", g_variant_new_string (protocol));
  g_variant_builder_add (&values, "{sv}", "connect-payload-mode", g_variant_new_string ("text"));
  g_variant_builder_add (&values, "{sv}", "connect-line-ending", g_variant_new_string ("lf"));
  g_variant_builder_add (&values, "{sv}", "connect-message", g_variant_new_string ("hello"));
  return g_variant_builder_end (&values);
}

static GVariant *
ping_values (void)
{
  /* Quad9 and Google's resolvers, as in the lab's example. */
  static const char *const resolvers[] = { "9.9.9.9", "8.8.8.8", NULL };
  GVariantBuilder values;

  g_variant_builder_init (&values, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&values, "{sv}", "ping-targets", g_variant_new_strv (resolvers, -1));
  g_variant_builder_add (&values, "{sv}", "ping-count", g_variant_new_double (10));
  g_variant_builder_add (&values, "{sv}", "ping-interval", g_variant_new_double (1));
  return g_variant_builder_end (&values);
}

static void
add_builtin_steps (SlLabSteps *self)
{
  SlLabStep *steps[] = {
    sl_lab_step_new ("resolve", _("Resolve a web server’s name"),
                     /* Translators: getaddrinfo() is the C library call: keep its name; “Check
                      * Port” is the Connect page's button. */
                     _("getaddrinfo() turns a name into the addresses a socket can use — often more than one: press Check Port."),
                     "connect", connect_values (WEB_SERVER, "80", "tcp", NULL),
                     SL_LAB_FACT_RESOLVED, WEB_SERVER, 0),
    sl_lab_step_new ("http", _("Connect on port 80 and send an HTTP request"),
                     /* Translators: connect(), send() and recv() are the system calls: keep their
                      * names. */
                     _("connect() opens a TCP connection to the web server; send() carries the request and recv() its answer."),
                     "connect", connect_values (WEB_SERVER, "80", "tcp", "GET / HTTP/1.0\\r\\nHost: " WEB_SERVER "\\r\\n\\r\\n"),
                     SL_LAB_FACT_TCP_SENT, WEB_SERVER, 80),
    sl_lab_step_new ("echo-tcp", _("Run a TCP echo server and talk to it"),
                     /* Translators: accept() is the system call (binds and listens stand for bind()
                      * and listen()): keep its name. */
                     _("The server binds and listens; accept() gives it a socket per client, and what the client sends comes back."),
                     "server", echo_values ("tcp"), SL_LAB_FACT_TCP_ECHOED, ECHO_HOST, ECHO_PORT),
    sl_lab_step_new ("echo-udp", _("The same with UDP"),
                     /* Translators: sendto() is the system call: keep its name. */
                     _("UDP makes no connection: each sendto() is one datagram, and the server answers the address it came from."),
                     "server", echo_values ("udp"), SL_LAB_FACT_UDP_ECHOED, ECHO_HOST, ECHO_PORT),
    sl_lab_step_new ("ping-compare", _("Ping two public resolvers and compare them"),
                     _("Round-trip time, loss and jitter show which server is nearer and steadier; the TTL hints how far away each is."),
                     "ping", ping_values (), SL_LAB_FACT_PINGS_COMPARED, NULL, 0),
  };

  g_list_store_splice (self->steps, 0, 0, (gpointer *) steps, G_N_ELEMENTS (steps));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    g_object_unref (steps[i]);
  self->n_builtin = G_N_ELEMENTS (steps);
}

/* ---- API ------------------------------------------------------------------------------ */

SlLabSteps *
sl_lab_steps_new (void)
{
  return g_object_new (SL_TYPE_LAB_STEPS, NULL);
}

static SlLabStep *
step_at (SlLabSteps *self,
         guint       position)
{
  g_autoptr(SlLabStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), position);

  return step;   /* the store holds it */
}

SlLabStep *
sl_lab_steps_find (SlLabSteps *self,
                   const char *id)
{
  g_return_val_if_fail (SL_IS_LAB_STEPS (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->steps)); i++)
    if (g_strcmp0 (sl_lab_step_get_id (step_at (self, i)), id) == 0)
      return step_at (self, i);
  return NULL;
}

void
sl_lab_steps_note (SlLabSteps *self,
                   SlLabFact   fact,
                   const char *host,
                   guint       port)
{
  g_return_if_fail (SL_IS_LAB_STEPS (self));

  for (guint i = 0; i < self->n_builtin; i++)
    if (sl_lab_step_is_reached_by (step_at (self, i), fact, host, port))
      sl_lab_step_set_done (step_at (self, i), TRUE);
}

char **
sl_lab_steps_dup_done_titles (SlLabSteps *self)
{
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();

  g_return_val_if_fail (SL_IS_LAB_STEPS (self), NULL);

  for (guint i = 0; i < self->n_builtin; i++)
    if (sl_lab_step_get_done (step_at (self, i)))
      g_strv_builder_add (titles, sl_lab_step_get_title (step_at (self, i)));
  return g_strv_builder_end (titles);
}

gboolean
sl_lab_steps_is_custom (SlLabSteps *self,
                        SlLabStep  *step)
{
  guint position;

  g_return_val_if_fail (SL_IS_LAB_STEPS (self), FALSE);
  return g_list_store_find (self->steps, step, &position) && position >= self->n_builtin;
}

GVariant *
sl_lab_steps_dup_custom (SlLabSteps *self)
{
  GVariantBuilder custom;

  g_return_val_if_fail (SL_IS_LAB_STEPS (self), NULL);

  g_variant_builder_init (&custom, G_VARIANT_TYPE (SL_LAB_STEPS_CUSTOM_TYPE));
  for (guint i = self->n_builtin; i < g_list_model_get_n_items (G_LIST_MODEL (self->steps)); i++)
    {
      SlLabStep *step = step_at (self, i);

      g_variant_builder_add (&custom, "(ss@a{sv})", sl_lab_step_get_title (step),
                             sl_lab_step_get_page (step), sl_lab_step_get_values (step));
    }
  return g_variant_ref_sink (g_variant_builder_end (&custom));
}

SlLabStep *
sl_lab_steps_add_custom (SlLabSteps *self,
                         const char *title,
                         const char *page,
                         GVariant   *values)
{
  g_autofree char *id = NULL;
  g_autoptr(SlLabStep) step = NULL;

  g_return_val_if_fail (SL_IS_LAB_STEPS (self), NULL);
  g_return_val_if_fail (title != NULL && *title != '\0', NULL);

  id = g_strdup_printf ("custom-%u", ++self->next_custom);
  step = sl_lab_step_new (id, title, NULL, page, values, SL_LAB_FACT_NONE, NULL, 0);
  g_list_store_append (self->steps, step);
  return step;
}

void
sl_lab_steps_set_custom (SlLabSteps *self,
                         GVariant   *custom)
{
  GVariantIter iter;
  const char *title, *page;
  GVariant *values;
  guint n;

  g_return_if_fail (SL_IS_LAB_STEPS (self));
  g_return_if_fail (g_variant_is_of_type (custom, G_VARIANT_TYPE (SL_LAB_STEPS_CUSTOM_TYPE)));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  g_list_store_splice (self->steps, self->n_builtin, n - self->n_builtin, NULL, 0);
  g_variant_iter_init (&iter, custom);
  while (g_variant_iter_next (&iter, "(&s&s@a{sv})", &title, &page, &values))
    {
      if (*title != '\0')
        sl_lab_steps_add_custom (self, title, page, values);
      g_variant_unref (values);
    }
}

gboolean
sl_lab_steps_remove_custom (SlLabSteps *self,
                            const char *id)
{
  SlLabStep *step;
  guint position;

  g_return_val_if_fail (SL_IS_LAB_STEPS (self), FALSE);

  step = sl_lab_steps_find (self, id);
  if (step == NULL || !g_list_store_find (self->steps, step, &position) || position < self->n_builtin)
    return FALSE;
  g_list_store_remove (self->steps, position);
  return TRUE;
}

/* ---- GListModel ----------------------------------------------------------------------- */

static GType
sl_lab_steps_get_item_type (GListModel *model)
{
  return SL_TYPE_LAB_STEP;
}

static guint
sl_lab_steps_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (SL_LAB_STEPS (model)->steps));
}

static gpointer
sl_lab_steps_get_item (GListModel *model,
                       guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (SL_LAB_STEPS (model)->steps), position);
}

static void
sl_lab_steps_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sl_lab_steps_get_item_type;
  iface->get_n_items = sl_lab_steps_get_n_items;
  iface->get_item = sl_lab_steps_get_item;
}

static void
steps_changed_cb (GListModel *steps,
                  guint       position,
                  guint       removed,
                  guint       added,
                  SlLabSteps *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
sl_lab_steps_dispose (GObject *object)
{
  g_clear_object (&SL_LAB_STEPS (object)->steps);
  G_OBJECT_CLASS (sl_lab_steps_parent_class)->dispose (object);
}

static void
sl_lab_steps_class_init (SlLabStepsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sl_lab_steps_dispose;
}

static void
sl_lab_steps_init (SlLabSteps *self)
{
  self->steps = g_list_store_new (SL_TYPE_LAB_STEP);
  add_builtin_steps (self);
  g_signal_connect (self->steps, "items-changed", G_CALLBACK (steps_changed_cb), self);
}
