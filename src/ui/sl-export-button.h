/* sl-export-button.h: the export menu beside a view's Copy button: "Save as Text…",
 * "Save as CSV…", "Save as PNG Image…", "Save as SVG Image…", "Save Code…", each
 * activating the owner's action with the format's nick ("connect.export-shown::csv").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sl-export-job.h"

G_BEGIN_DECLS

#define SL_TYPE_EXPORT_BUTTON (sl_export_button_get_type ())

G_DECLARE_FINAL_TYPE (SlExportButton, sl_export_button, SL, EXPORT_BUTTON, AdwBin)

GtkWidget  *sl_export_button_new             (void);

/* The action ("s" parameter: a format nick) each item activates. Also "action-name". */
const char *sl_export_button_get_action_name (SlExportButton *self);
void        sl_export_button_set_action_name (SlExportButton *self,
                                              const char     *action_name);
/* SlExportFormat flags: the items offered now (none: the button is insensitive). */
guint       sl_export_button_get_formats     (SlExportButton *self);
void        sl_export_button_set_formats     (SlExportButton *self,
                                              guint           formats);
/* What the button saves, as its tooltip and accessible name: "Export Socket Calls". */
const char *sl_export_button_get_label       (SlExportButton *self);
void        sl_export_button_set_label       (SlExportButton *self,
                                              const char     *label);

/* A template closure: the formats a tab named @tab offers ("flow": images, "code": code,
 * anything else: text and CSV). */
guint       sl_export_formats_for_tab        (gpointer        unused,
                                              const char     *tab);

G_END_DECLS
