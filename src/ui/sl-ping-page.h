/* sl-ping-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SL_TYPE_PING_PAGE (sl_ping_page_get_type ())

G_DECLARE_FINAL_TYPE (SlPingPage, sl_ping_page, SL, PING_PAGE, AdwBin)

G_END_DECLS
