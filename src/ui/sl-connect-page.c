/* sl-connect-page.c: the Connect page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-connect-page.h"

struct _SlConnectPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (SlConnectPage, sl_connect_page, ADW_TYPE_BIN)

static void
sl_connect_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_CONNECT_PAGE);

  G_OBJECT_CLASS (sl_connect_page_parent_class)->dispose (object);
}

static void
sl_connect_page_class_init (SlConnectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_connect_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-connect-page.ui");
}

static void
sl_connect_page_init (SlConnectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
