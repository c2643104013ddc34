/* sl-code-view.h: the Code tab: the program equivalent to what a page did, in Python, C or
 * shell, kept up to date as the page changes, with Copy and Save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-code-gen.h"

G_BEGIN_DECLS

#define SL_TYPE_CODE_VIEW (sl_code_view_get_type ())

G_DECLARE_FINAL_TYPE (SlCodeView, sl_code_view, SL, CODE_VIEW, AdwBin)

/* Makes the program in @language from the page's configuration and trace (a new string). */
typedef char *(*SlCodeViewGenerateFunc) (SlCodeLanguage  language,
                                         gpointer        user_data);

/* Milliseconds between two regenerations while the page keeps changing. */
#define SL_CODE_VIEW_THROTTLE_MS 250

GtkWidget      *sl_code_view_new           (void);

void            sl_code_view_set_generator (SlCodeView             *self,
                                            SlCodeViewGenerateFunc  generate,
                                            gpointer                user_data,
                                            GDestroyNotify          destroy);
/* The page changed: the code is made again when shown, at most every
 * SL_CODE_VIEW_THROTTLE_MS while it is. */
void            sl_code_view_invalidate    (SlCodeView             *self);

/* Also the "language" property, which the drop-down shows. */
SlCodeLanguage  sl_code_view_get_language  (SlCodeView             *self);
void            sl_code_view_set_language  (SlCodeView             *self,
                                            SlCodeLanguage          language);
/* The file name's view word: "client", "server", "ping" (the "file-view" property). */
void            sl_code_view_set_file_view (SlCodeView             *self,
                                            const char             *view);
/* The code as it is now (made again first if the page changed). */
char           *sl_code_view_dup_code      (SlCodeView             *self);

G_END_DECLS
