/* sl-settings.c: what the pages remember, bound to their widgets.
 *
 * Text fields and spin buttons bind with plain g_settings_bind (); this file holds what it
 * cannot do: drop-down positions stored as the names of the choices (readable in dconf and
 * stable if a translation reorders nothing), an address family that follows a preference
 * until the page chose its own, and the recent hosts list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-recent-hosts.h"
#include "sl-settings.h"

#define DEFAULT_FAMILY_KEY "default-family"

/* The key's <choices>, in schema order. (transfer full) */
static char **
dup_choices (GSettings  *settings,
             const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) values = NULL;
  const char *type;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &type, &values);
  g_return_val_if_fail (g_str_equal (type, "enum"), g_new0 (char *, 1));
  return g_variant_dup_strv (values, NULL);
}

static guint
position_of (char *const *choices,
             const char  *value)
{
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], value))
      return i;
  return 0;
}

static gboolean
choice_to_position (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_uint (value, position_of (user_data, g_variant_get_string (variant, NULL)));
  return TRUE;
}

static GVariant *
position_to_choice (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  char **choices = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length (choices))
    return NULL;   /* GTK_INVALID_LIST_POSITION while the model changes: keep the key */
  return g_variant_new_string (choices[position]);
}

guint
sl_settings_get_choice (GSettings  *settings,
                        const char *key)
{
  g_auto(GStrv) choices = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), 0);

  choices = dup_choices (settings, key);
  value = g_settings_get_string (settings, key);
  return position_of (choices, value);
}

void
sl_settings_bind_choice (GSettings  *settings,
                         const char *key,
                         gpointer    drop_down)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_OBJECT (drop_down));

  g_settings_bind_with_mapping (settings, key, drop_down, "selected", G_SETTINGS_BIND_DEFAULT,
                                choice_to_position, position_to_choice,
                                dup_choices (settings, key), (GDestroyNotify) g_strfreev);
}

void
sl_settings_bind_spin (GSettings     *settings,
                       const char    *key,
                       GtkSpinButton *spin)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  g_settings_bind (settings, key, gtk_spin_button_get_adjustment (spin), "value", G_SETTINGS_BIND_DEFAULT);
}

/* ---- the address family: the page's own, or the preference -------------------------- */

typedef struct {
  GSettings *settings;
  char      *key;
  char     **choices;
  GObject   *drop_down;
  gulong     changed_id;
  gboolean   updating;
} FamilyBinding;

static char *
effective_family (FamilyBinding *binding)
{
  g_autoptr(GVariant) own = g_settings_get_user_value (binding->settings, binding->key);

  if (own != NULL)
    return g_variant_dup_string (own, NULL);
  return g_settings_get_string (binding->settings, DEFAULT_FAMILY_KEY);
}

static void
show_family (FamilyBinding *binding)
{
  g_autofree char *family = effective_family (binding);

  binding->updating = TRUE;
  g_object_set (binding->drop_down, "selected", position_of (binding->choices, family), NULL);
  binding->updating = FALSE;
}

static void
family_setting_changed_cb (GSettings     *settings,
                           const char    *key,
                           FamilyBinding *binding)
{
  if (g_str_equal (key, binding->key) || g_str_equal (key, DEFAULT_FAMILY_KEY))
    show_family (binding);
}

/* Only a change the user made becomes the page's own family. */
static void
family_selected_cb (GObject       *drop_down,
                    GParamSpec    *pspec,
                    FamilyBinding *binding)
{
  guint position;

  if (binding->updating)
    return;
  g_object_get (drop_down, "selected", &position, NULL);
  if (position < g_strv_length (binding->choices))
    g_settings_set_string (binding->settings, binding->key, binding->choices[position]);
}

static void
family_binding_free (gpointer  data,
                     GObject  *where_the_drop_down_was)
{
  FamilyBinding *binding = data;

  g_signal_handler_disconnect (binding->settings, binding->changed_id);
  g_object_unref (binding->settings);
  g_free (binding->key);
  g_strfreev (binding->choices);
  g_free (binding);
}

void
sl_settings_bind_family (GSettings  *settings,
                         const char *key,
                         gpointer    drop_down)
{
  FamilyBinding *binding;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_OBJECT (drop_down));

  binding = g_new0 (FamilyBinding, 1);
  binding->settings = g_object_ref (settings);
  binding->key = g_strdup (key);
  binding->choices = dup_choices (settings, key);
  binding->drop_down = drop_down;
  binding->changed_id = g_signal_connect (settings, "changed", G_CALLBACK (family_setting_changed_cb), binding);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (family_selected_cb), binding);
  g_object_weak_ref (drop_down, family_binding_free, binding);
  show_family (binding);
}

/* ---- the log size --------------------------------------------------------------------- */

static void
apply_log_size_cb (GSettings  *settings,
                   const char *key,
                   SlLog      *log)
{
  sl_log_set_max_bytes (log, (gsize) g_settings_get_uint (settings, "log-max-mib") * 1024 * 1024);
}

void
sl_settings_bind_log_size (GSettings *settings,
                           SlLog     *log)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (SL_IS_LOG (log));

  g_signal_connect_object (settings, "changed::log-max-mib", G_CALLBACK (apply_log_size_cb), log, 0);
  apply_log_size_cb (settings, "log-max-mib", log);
}

/* ---- recent hosts --------------------------------------------------------------------- */

void
sl_settings_remember_host (GSettings  *settings,
                           const char *host)
{
  g_auto(GStrv) hosts = NULL;
  g_auto(GStrv) updated = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));

  hosts = g_settings_get_strv (settings, "recent-hosts");
  updated = sl_recent_hosts_add ((const char *const *) hosts, host, SL_RECENT_HOSTS_MAX);
  if (!g_strv_equal ((const char *const *) hosts, (const char *const *) updated))
    g_settings_set_strv (settings, "recent-hosts", (const char *const *) updated);
}
