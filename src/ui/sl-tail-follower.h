/* sl-tail-follower.h: keep a scrolled window pinned to its end while the user is there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sl_tail_follower_attach (GtkScrolledWindow *scroller);

G_END_DECLS
