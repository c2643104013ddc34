/* sl-ping-page.c: the Ping page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-ping-page.h"

struct _SlPingPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (SlPingPage, sl_ping_page, ADW_TYPE_BIN)

static void
sl_ping_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_PING_PAGE);

  G_OBJECT_CLASS (sl_ping_page_parent_class)->dispose (object);
}

static void
sl_ping_page_class_init (SlPingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_ping_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-ping-page.ui");
}

static void
sl_ping_page_init (SlPingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
