/* sl-connect-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SL_TYPE_CONNECT_PAGE (sl_connect_page_get_type ())

G_DECLARE_FINAL_TYPE (SlConnectPage, sl_connect_page, SL, CONNECT_PAGE, AdwBin)

G_END_DECLS
