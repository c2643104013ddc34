/* sl-recent-hosts-button.c: a menu of the hosts used lately, filling a host field.
 *
 * The menu follows the recent-hosts key live, so a host used on one page is offered on the
 * other at once. Choosing only fills the field: the student still presses Connect or Add.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-recent-hosts-button.h"

#define RECENT_HOSTS_KEY "recent-hosts"

struct _SlRecentHostsButton
{
  GtkWidget    parent_instance;

  GSettings   *settings;
  GtkEditable *field;       /* weak */
  GtkWidget   *menu_button;
  GMenu       *menu;
};

G_DEFINE_FINAL_TYPE (SlRecentHostsButton, sl_recent_hosts_button, GTK_TYPE_WIDGET)

/* Menu labels read "_" as a mnemonic: a host with one keeps it doubled. */
static char *
menu_label (const char *host)
{
  g_auto(GStrv) parts = g_strsplit (host, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
rebuild_menu (SlRecentHostsButton *self)
{
  g_auto(GStrv) hosts = g_settings_get_strv (self->settings, RECENT_HOSTS_KEY);
  g_autoptr(GMenu) list = g_menu_new ();
  g_autoptr(GMenu) clear = g_menu_new ();
  gboolean any = hosts[0] != NULL;

  g_menu_remove_all (self->menu);
  for (guint i = 0; hosts[i] != NULL; i++)
    {
      g_autofree char *label = menu_label (hosts[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "recent-hosts.use", g_variant_new_string (hosts[i]));
      g_menu_append_item (list, item);
    }
  g_menu_append (clear, _("_Clear Recent Hosts"), "recent-hosts.clear");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (list));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (clear));

  gtk_widget_set_sensitive (self->menu_button, any);
  gtk_widget_set_tooltip_text (self->menu_button, any ? _("Recent Hosts") : _("No recent hosts yet"));
}

static void
use_host_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SlRecentHostsButton *self = SL_RECENT_HOSTS_BUTTON (widget);

  if (self->field == NULL)
    return;
  gtk_editable_set_text (self->field, g_variant_get_string (parameter, NULL));
  gtk_editable_set_position (self->field, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->field));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_settings_reset (SL_RECENT_HOSTS_BUTTON (widget)->settings, RECENT_HOSTS_KEY);
}

static void
sl_recent_hosts_button_dispose (GObject *object)
{
  SlRecentHostsButton *self = SL_RECENT_HOSTS_BUTTON (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->field);
  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (sl_recent_hosts_button_parent_class)->dispose (object);
}

static void
sl_recent_hosts_button_class_init (SlRecentHostsButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_recent_hosts_button_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "recent-hosts.use", "s", use_host_action);
  gtk_widget_class_install_action (widget_class, "recent-hosts.clear", NULL, clear_action);
}

static void
sl_recent_hosts_button_init (SlRecentHostsButton *self)
{
  self->menu = g_menu_new ();
  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "document-open-recent-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), G_MENU_MODEL (self->menu));
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recent Hosts"), -1);
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
}

GtkWidget *
sl_recent_hosts_button_new (GSettings   *settings,
                            GtkEditable *field)
{
  SlRecentHostsButton *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (GTK_IS_EDITABLE (field), NULL);

  self = g_object_new (SL_TYPE_RECENT_HOSTS_BUTTON, NULL);
  self->settings = g_object_ref (settings);
  g_set_weak_pointer (&self->field, field);
  g_signal_connect_swapped (settings, "changed::" RECENT_HOSTS_KEY, G_CALLBACK (rebuild_menu), self);
  rebuild_menu (self);
  return GTK_WIDGET (self);
}
