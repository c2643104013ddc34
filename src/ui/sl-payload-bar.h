/* sl-payload-bar.h: the message bar of the Connect and Server pages: what to send, how it is
 * read (text, C escapes, hex), the line ending added, Enter sends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-payload.h"

G_BEGIN_DECLS

#define SL_TYPE_PAYLOAD_BAR (sl_payload_bar_get_type ())

G_DECLARE_FINAL_TYPE (SlPayloadBar, sl_payload_bar, SL, PAYLOAD_BAR, GtkWidget)

GtkWidget *sl_payload_bar_new             (void);
/* The bytes to send (message, then the line ending), or NULL with the field marked. */
GBytes    *sl_payload_bar_parse           (SlPayloadBar  *self);
gboolean   sl_payload_bar_is_valid        (SlPayloadBar  *self);
/* Marks the message field with a send's error (error NULL clears it). */
void       sl_payload_bar_show_error      (SlPayloadBar  *self,
                                           const GError  *error);
void       sl_payload_bar_clear           (SlPayloadBar  *self);
/* The most one send may carry depends on the protocol and the family (65 507 for UDP/IPv4). */
void       sl_payload_bar_set_limit       (SlPayloadBar  *self,
                                           SlProtocol     protocol,
                                           GSocketFamily  family);
/* The action Send (and Enter in the field) activates. */
void       sl_payload_bar_set_send_action (SlPayloadBar  *self,
                                           const char    *action_name,
                                           const char    *tooltip);
void       sl_payload_bar_set_placeholder (SlPayloadBar  *self,
                                           const char    *placeholder);
/* Another button before Send ("Send to All"). */
void       sl_payload_bar_add_button      (SlPayloadBar  *self,
                                           GtkWidget     *button);
GtkEntry  *sl_payload_bar_get_entry       (SlPayloadBar  *self);
/* For tests and presets: ending 0 none, 1 "\n", 2 "\r\n". */
void       sl_payload_bar_set_text        (SlPayloadBar  *self,
                                           const char    *text,
                                           SlPayloadMode  mode,
                                           guint          ending);

/* Remembers the mode and the line ending in two string keys of @settings with <choices>,
 * and the message in @message_key when it is not NULL. */
void          sl_payload_bar_bind_settings      (SlPayloadBar *self,
                                                 GSettings    *settings,
                                                 const char   *mode_key,
                                                 const char   *ending_key,
                                                 const char   *message_key);

G_END_DECLS
