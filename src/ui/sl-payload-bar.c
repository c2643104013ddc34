/* sl-payload-bar.c: the message bar of the Connect and Server pages: what to send, how it is
 * read (text, C escapes, hex), the line ending added, Enter sends.
 *
 * Students type "GET / HTTP/1.0\r\n\r\n" as they would in Python's b"…", where \r\n are two
 * bytes. In Text mode those are four characters, and a web server answers "400 Bad Request"
 * with nothing to say why: so the bar notices escapes in Text mode and offers Escapes mode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-payload-bar.h"
#include "sl-settings.h"
#include "sl-ui-utils.h"
#include "sl-wrap-box.h"

static const char * const line_endings[] = { "", "\n", "\r\n" };

struct _SlPayloadBar
{
  GtkWidget     parent_instance;

  SlProtocol    protocol;
  GSocketFamily family;

  GtkEntry     *entry;
  GtkDropDown  *mode_dropdown;
  GtkDropDown  *ending_dropdown;
  GtkBox       *buttons;
  GtkButton    *send_button;
  GtkWidget    *hint_box;
  GtkLabel     *hint_label;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (SlPayloadBar, sl_payload_bar, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SlPayloadMode
current_mode (SlPayloadBar *self)
{
  return (SlPayloadMode) gtk_drop_down_get_selected (self->mode_dropdown);
}

/* "\r", "\n", "\t", "\0", "\xNN", "\\": what Python's bytes literals read as one byte. */
static const char *
find_escape (const char *text)
{
  for (const char *p = strchr (text, '\\'); p != NULL; p = strchr (p + 1, '\\'))
    if (p[1] != '\0' && strchr ("rnt0x\\", p[1]) != NULL)
      return p;
  return NULL;
}

static void
update_hint (SlPayloadBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  const char *escape = current_mode (self) == SL_PAYLOAD_MODE_TEXT ? find_escape (text) : NULL;
  g_autofree char *sequence = escape != NULL ? g_strndup (escape, escape[1] == 'x' ? 4 : 2) : NULL;
  g_autofree char *hint = NULL;

  gtk_widget_set_visible (self->hint_box, escape != NULL);
  if (escape == NULL)
    return;
  /* Translators: b"…" is Python's bytes literal and %s an escape like \n: keep both as they are;
   * “Escapes” is the name of the mode in the Message Format menu. */
  hint = g_strdup_printf (_("In Text mode “%s” is sent as the characters you see, not as one byte. "
                            "Python’s b\"…\" and most protocols mean the byte: choose Escapes."),
                          sequence);
  gtk_label_set_text (self->hint_label, hint);
}

static GBytes *
parse (SlPayloadBar  *self,
       GError       **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  guint ending = gtk_drop_down_get_selected (self->ending_dropdown);
  g_autoptr(GBytes) body = sl_payload_parse (text, current_mode (self), error);
  g_autoptr(GByteArray) whole = NULL;

  if (body == NULL)
    return NULL;
  if (ending < G_N_ELEMENTS (line_endings) && line_endings[ending][0] != '\0')
    {
      whole = g_byte_array_new ();
      g_byte_array_append (whole, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_byte_array_append (whole, (const guint8 *) line_endings[ending], strlen (line_endings[ending]));
      g_clear_pointer (&body, g_bytes_unref);
      body = g_byte_array_free_to_bytes (g_steal_pointer (&whole));
    }
  if (!sl_payload_check_size (g_bytes_get_size (body), self->protocol, self->family, error))
    return NULL;
  return g_steal_pointer (&body);
}

/* Checked as the student types, so the field says what is wrong before Send. */
static void
changed_cb (SlPayloadBar *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = parse (self, &error);

  sl_field_error_show (GTK_WIDGET (self->entry), self->error_label, error);
  update_hint (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
entry_activate_cb (SlPayloadBar *self)
{
  gtk_widget_activate (GTK_WIDGET (self->send_button));
}

static void
use_escapes_cb (SlPayloadBar *self)
{
  gtk_drop_down_set_selected (self->mode_dropdown, SL_PAYLOAD_MODE_ESCAPES);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

GBytes *
sl_payload_bar_parse (SlPayloadBar *self)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_return_val_if_fail (SL_IS_PAYLOAD_BAR (self), NULL);

  bytes = parse (self, &error);
  sl_field_error_show (GTK_WIDGET (self->entry), self->error_label, error);
  return bytes;
}

gboolean
sl_payload_bar_is_valid (SlPayloadBar *self)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SL_IS_PAYLOAD_BAR (self), FALSE);

  bytes = parse (self, NULL);
  return bytes != NULL;
}

void
sl_payload_bar_show_error (SlPayloadBar *self,
                           const GError *error)
{
  g_return_if_fail (SL_IS_PAYLOAD_BAR (self));
  sl_field_error_show (GTK_WIDGET (self->entry), self->error_label, error);
}

void
sl_payload_bar_clear (SlPayloadBar *self)
{
  g_return_if_fail (SL_IS_PAYLOAD_BAR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

void
sl_payload_bar_set_limit (SlPayloadBar  *self,
                          SlProtocol     protocol,
                          GSocketFamily  family)
{
  g_return_if_fail (SL_IS_PAYLOAD_BAR (self));

  if (self->protocol == protocol && self->family == family)
    return;
  self->protocol = protocol;
  self->family = family;
  changed_cb (self);
}

void
sl_payload_bar_set_send_action (SlPayloadBar *self,
                                const char   *action_name,
                                const char   *tooltip)
{
  g_return_if_fail (SL_IS_PAYLOAD_BAR (self));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->send_button), action_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->send_button), tooltip);
}

void
sl_payload_bar_set_placeholder (SlPayloadBar *self,
                                const char   *placeholder)
{
  g_return_if_fail (SL_IS_PAYLOAD_BAR (self));
  gtk_entry_set_placeholder_text (self->entry, placeholder);
}

void
sl_payload_bar_add_button (SlPayloadBar *self,
                           GtkWidget    *button)
{
  g_return_if_fail (SL_IS_PAYLOAD_BAR (self));
  gtk_box_prepend (self->buttons, button);
}

GtkEntry *
sl_payload_bar_get_entry (SlPayloadBar *self)
{
  g_return_val_if_fail (SL_IS_PAYLOAD_BAR (self), NULL);
  return self->entry;
}

void
sl_payload_bar_set_text (SlPayloadBar  *self,
                         const char    *text,
                         SlPayloadMode  mode,
                         guint          ending)
{
  g_return_if_fail (SL_IS_PAYLOAD_BAR (self));

  gtk_drop_down_set_selected (self->mode_dropdown, mode);
  gtk_drop_down_set_selected (self->ending_dropdown, MIN (ending, G_N_ELEMENTS (line_endings) - 1));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

GtkWidget *
sl_payload_bar_new (void)
{
  return g_object_new (SL_TYPE_PAYLOAD_BAR, NULL);
}

static void
sl_payload_bar_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_PAYLOAD_BAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sl_payload_bar_parent_class)->dispose (object);
}

static void
sl_payload_bar_class_init (SlPayloadBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_payload_bar_dispose;

  /* The message, its mode or its ending changed: whether it can be sent may have too. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-payload-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPayloadBar, entry);
  gtk_widget_class_bind_template_child (widget_class, SlPayloadBar, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlPayloadBar, ending_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlPayloadBar, buttons);
  gtk_widget_class_bind_template_child (widget_class, SlPayloadBar, send_button);
  gtk_widget_class_bind_template_child (widget_class, SlPayloadBar, hint_box);
  gtk_widget_class_bind_template_child (widget_class, SlPayloadBar, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SlPayloadBar, error_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_escapes_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sl-payload-bar");
}

static void
sl_payload_bar_init (SlPayloadBar *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  g_type_ensure (SL_TYPE_WRAP_BOX);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  self->protocol = SL_PROTOCOL_TCP;
  self->family = G_SOCKET_FAMILY_INVALID;
  gtk_widget_init_template (GTK_WIDGET (self));
  sl_accessible_name_drop_downs (GTK_WIDGET (self));
}

void
sl_payload_bar_bind_settings (SlPayloadBar *self,
                              GSettings    *settings,
                              const char   *mode_key,
                              const char   *ending_key,
                              const char   *message_key)
{
  g_return_if_fail (SL_IS_PAYLOAD_BAR (self));

  sl_settings_bind_choice (settings, mode_key, self->mode_dropdown);
  sl_settings_bind_choice (settings, ending_key, self->ending_dropdown);
  if (message_key != NULL)
    g_settings_bind (settings, message_key, self->entry, "text", G_SETTINGS_BIND_DEFAULT);
}
