/* sl-server-page.c: the Server page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-server-page.h"

struct _SlServerPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (SlServerPage, sl_server_page, ADW_TYPE_BIN)

static void
sl_server_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_SERVER_PAGE);

  G_OBJECT_CLASS (sl_server_page_parent_class)->dispose (object);
}

static void
sl_server_page_class_init (SlServerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_server_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-server-page.ui");
}

static void
sl_server_page_init (SlServerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
