/* sl-ui-utils.c: the small helpers every page uses: inline field errors, toasts, the
 * Start/Stop button pair, and names for controls GTK 4.8 leaves unnamed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-adaptive-box.h"
#include "sl-code-view.h"
#include "sl-export-button.h"
#include "sl-flow-diagram.h"
#include "sl-log-view.h"
#include "sl-payload-bar.h"
#include "sl-rtt-chart.h"
#include "sl-trace-view.h"
#include "sl-ui-utils.h"
#include "sl-wrap-box.h"

/* ---- field errors ------------------------------------------------------------------- */

void
sl_field_error_show (GtkWidget    *field,
                     GtkLabel     *message,
                     const GError *error)
{
  gtk_widget_set_visible (GTK_WIDGET (message), error != NULL);
  if (error != NULL)
    {
      gtk_label_set_text (message, error->message);
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* ---- toasts ------------------------------------------------------------------------- */

/* A toast's title is markup: what it says (an error, a peer's words) is escaped first. */
void
sl_show_toast (GtkWidget  *from,
               const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (text != NULL);

  if (overlay == NULL)
    return;
  escaped = g_markup_escape_text (text, -1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

/* ---- Start and Stop ----------------------------------------------------------------- */

static void
set_enabled (GtkWidget *owner,
             GtkWidget *button,
             gboolean   enabled)
{
  gtk_widget_action_set_enabled (owner, gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), enabled);
}

void
sl_button_pair_update (GtkWidget *owner,
                       GtkWidget *start,
                       GtkWidget *stop,
                       gboolean   running,
                       gboolean   can_start)
{
  GtkWidget *shown = running ? stop : start;
  GtkWidget *hidden = running ? start : stop;
  GtkRoot *root = gtk_widget_get_root (owner);
  gboolean had_focus = root != NULL && gtk_root_get_focus (root) == hidden;

  /* In this order: GTK drops the focus of a button whose action is disabled, and an
   * insensitive button cannot take it. */
  set_enabled (owner, shown, running || can_start);
  gtk_widget_set_visible (shown, TRUE);
  if (had_focus)
    gtk_widget_grab_focus (shown);
  set_enabled (owner, hidden, FALSE);
  gtk_widget_set_visible (hidden, FALSE);
}

/* ---- text that wraps only where it may ---------------------------------------------- */

#define NO_BREAK_SPACE "\u00a0"

char *
sl_text_wrap_after (const char *text,
                    char        separator)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' && !(p > text && p[-1] == separator))
        g_string_append (out, NO_BREAK_SPACE);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* ---- accessible names --------------------------------------------------------------- */

static GtkWidget *
find_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_BUTTON (child) ? child : find_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
sl_accessible_name_drop_downs (GtkWidget *root)
{
  if (GTK_IS_DROP_DOWN (root))
    {
      GtkWidget *button = find_button (root);

      if (button != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                        root, NULL, -1);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sl_accessible_name_drop_downs (child);
}

void
sl_accessible_name_button (GtkWidget  *button,
                           const char *name)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_BUTTON (button));

  label = gtk_button_get_child (GTK_BUTTON (button));
  if (name == NULL && GTK_IS_LABEL (label))
    name = gtk_label_get_text (GTK_LABEL (label));
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* ---- template closures -------------------------------------------------------------- */

gboolean
sl_is_page (gpointer    unused,
            const char *visible,
            const char *page)
{
  return g_strcmp0 (visible, page) == 0;
}

/* ---- the way to the Lab Steps ------------------------------------------------------- */

GtkWidget *
sl_lab_steps_button_new (void)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Lab Steps"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.lab-steps");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("The lab, one step at a time: each fills in a page for you (F1)"));
  gtk_widget_add_css_class (button, "pill");
  sl_accessible_name_button (button, NULL);
  return button;
}

/* ---- the host field's shortcut ------------------------------------------------------- */

static GtkWidget *
find_first_entry_row (GtkWidget *root)
{
  if (ADW_IS_ENTRY_ROW (root) && gtk_widget_is_sensitive (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first_entry_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
sl_focus_first_field (GtkWidget  *page,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkWidget *field = find_first_entry_row (page);

  if (field != NULL)
    gtk_widget_grab_focus (field);
}

/* ---- the types templates name ----------------------------------------------------------- */

void
sl_ensure_template_types (void)
{
  g_type_ensure (SL_TYPE_ADAPTIVE_BOX);
  g_type_ensure (SL_TYPE_CODE_VIEW);
  g_type_ensure (SL_TYPE_EXPORT_BUTTON);
  g_type_ensure (SL_TYPE_FLOW_DIAGRAM);
  g_type_ensure (SL_TYPE_LOG_VIEW);
  g_type_ensure (SL_TYPE_PAYLOAD_BAR);
  g_type_ensure (SL_TYPE_RTT_CHART);
  g_type_ensure (SL_TYPE_TRACE_VIEW);
  g_type_ensure (SL_TYPE_WRAP_BOX);
}
