/* sl-ping-stats-card.c: one target's statistics, as ping prints them, on the Ping page.
 *
 * iputils' two summary lines are what a student pastes into a report, so they must read
 * whole: the packets line breaks only between its fields, after a comma, and the rtt line
 * only between its names and its values, when a phone-sized window leaves no other way
 * ("0.035/0.043" cut in two means nothing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-ping-stats-card.h"
#include "sl-route-util.h"
#include "sl-ui-utils.h"

struct _SlPingStatsCard
{
  GtkWidget        parent_instance;

  SlPinger        *pinger;
  GdkRGBA          color;
  char            *error;
  int              reply_ttl;      /* of the latest reply; -1 before one */
  guint            route_length;   /* hops of a finished route to the target; 0: none */

  GtkWidget       *box;
  GtkDrawingArea  *swatch;
  GtkLabel        *title_label;
  GtkLabel        *method_label;
  GtkLabel        *packets_label;
  GtkLabel        *rtt_label;
  GtkLabel        *extra_label;
  GtkLabel        *ttl_label;
  GtkLabel        *forged_label;
  GtkLabel        *error_label;
  GtkExpander     *expander;
  GtkLabel        *explanation_label;
};

G_DEFINE_FINAL_TYPE (SlPingStatsCard, sl_ping_stats_card, GTK_TYPE_WIDGET)

static void
set_line (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static char *
describe_forged (const SlPingStats *stats)
{
  guint64 forged = sl_ping_stats_get_forged (stats);

  /* Others' traffic never counts: only replies claiming our id that failed the checks. */
  if (forged == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Ignored %llu reply with our id that was forged or corrupted",
                                       "Ignored %llu replies with our id that were forged or corrupted",
                                       forged), (unsigned long long) forged);
}

static char *
describe_packets (SlPingStatsCard *self)
{
  const SlPingStats *stats = sl_pinger_get_stats (self->pinger);
  g_autofree char *packets = NULL;

  /* Before the first probe, iputils' "0 packets transmitted" would only puzzle. */
  if (sl_ping_stats_get_transmitted (stats) == 0)
    return g_strdup (sl_pinger_get_running (self->pinger) ? _("Starting…") : _("Not pinged yet: press Start"));
  packets = sl_ping_stats_format_packets (stats);
  return sl_text_wrap_after (packets, ',');
}

/* What the replies' TTL says about the distance, and whether a route agrees. */
static char *
describe_distance (SlPingStatsCard *self)
{
  g_autofree char *guess = sl_ttl_describe_distance (self->reply_ttl);
  int routers = sl_ttl_guess_hops (self->reply_ttl);
  guint route_routers = self->route_length > 0 ? self->route_length - 1 : 0;

  if (guess == NULL || self->route_length == 0)
    return g_steal_pointer (&guess);
  /* Both count the routers in between: the route's last hop is the target itself. */
  if ((guint) routers == route_routers)
    return g_strdup_printf (ngettext ("%s The route agrees: %u router in between.",
                                      "%s The route agrees: %u routers in between.",
                                      route_routers), guess, route_routers);
  /* Translators: the replies may return by another path than the probes went, or their
   * first TTL was not the usual 64, 128 or 255. */
  return g_strdup_printf (ngettext ("%s The route counted %u router in between: replies may come back another way, or start at an unusual TTL.",
                                    "%s The route counted %u routers in between: replies may come back another way, or start at an unusual TTL.",
                                    route_routers), guess, route_routers);
}

static void
update (SlPingStatsCard *self)
{
  const SlPingStats *stats = sl_pinger_get_stats (self->pinger);
  const char *explanation = sl_pinger_get_method_explanation (self->pinger);
  g_autofree char *packets = describe_packets (self);
  g_autofree char *rtt = sl_ping_stats_format_rtt (stats);
  g_autofree char *rtt_shown = rtt != NULL ? sl_text_wrap_after (rtt, '=') : NULL;
  g_autofree char *extra = sl_ping_stats_format_extra (stats);
  g_autofree char *extra_shown = extra != NULL ? sl_text_wrap_after (extra, ',') : NULL;
  g_autofree char *forged = describe_forged (stats);
  g_autofree char *method = NULL;
  g_autofree char *distance = describe_distance (self);

  if (explanation != NULL)
    method = g_strdup_printf (_("%s to %s: why?"), sl_ping_method_to_string (sl_pinger_get_method (self->pinger)),
                              sl_pinger_get_address (self->pinger));
  gtk_label_set_text (self->method_label, method != NULL ? method : "");
  set_line (self->packets_label, packets);
  set_line (self->rtt_label, rtt_shown);
  set_line (self->extra_label, extra_shown);
  set_line (self->ttl_label, distance);
  set_line (self->forged_label, forged);
  set_line (self->error_label, self->error);
  gtk_label_set_text (self->explanation_label, explanation != NULL ? explanation : "");
  gtk_widget_set_visible (GTK_WIDGET (self->expander), explanation != NULL);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  SlPingStatsCard *self = user_data;

  gdk_cairo_set_source_rgba (cr, &self->color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

char *
sl_ping_stats_card_dup_text (SlPingStatsCard *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *extra = NULL;

  g_return_val_if_fail (SL_IS_PING_STATS_CARD (self), NULL);

  summary = sl_pinger_format_summary (self->pinger);
  extra = sl_ping_stats_format_extra (sl_pinger_get_stats (self->pinger));
  if (extra == NULL)
    return g_steal_pointer (&summary);
  return g_strconcat (summary, extra, "\n", NULL);
}

static void
copy_clicked_cb (SlPingStatsCard *self)
{
  g_autofree char *text = sl_ping_stats_card_dup_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  sl_show_toast (GTK_WIDGET (self), _("Statistics copied"));
}

SlPinger *
sl_ping_stats_card_get_pinger (SlPingStatsCard *self)
{
  g_return_val_if_fail (SL_IS_PING_STATS_CARD (self), NULL);
  return self->pinger;
}

void
sl_ping_stats_card_set_color (SlPingStatsCard *self,
                              const GdkRGBA   *color)
{
  g_return_if_fail (SL_IS_PING_STATS_CARD (self));

  self->color = *color;
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));
}

void
sl_ping_stats_card_set_error (SlPingStatsCard *self,
                              const char      *error)
{
  g_return_if_fail (SL_IS_PING_STATS_CARD (self));

  g_free (self->error);
  self->error = g_strdup (error);
  update (self);
}

void
sl_ping_stats_card_set_route_length (SlPingStatsCard *self,
                                     guint            hops)
{
  g_return_if_fail (SL_IS_PING_STATS_CARD (self));

  self->route_length = hops;
  update (self);
}

static void
probe_finished_cb (SlPinger        *pinger,
                   SlPingProbe     *probe,
                   SlPingStatsCard *self)
{
  int ttl = sl_ping_probe_get_ttl (probe);

  if (sl_ping_probe_get_state (probe) != SL_PING_PROBE_STATE_REPLIED || ttl < 0 || ttl == self->reply_ttl)
    return;
  self->reply_ttl = ttl;
  update (self);
}

GtkWidget *
sl_ping_stats_card_new (SlPinger *pinger)
{
  SlPingStatsCard *self;

  g_return_val_if_fail (SL_IS_PINGER (pinger), NULL);

  self = g_object_new (SL_TYPE_PING_STATS_CARD, NULL);
  self->pinger = g_object_ref (pinger);
  gtk_label_set_text (self->title_label, sl_pinger_get_host (pinger));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sl_pinger_get_host (pinger), -1);
  g_signal_connect_object (pinger, "notify::stats", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pinger, "notify::running", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pinger, "notify::method-explanation", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pinger, "probe-finished", G_CALLBACK (probe_finished_cb), self, 0);
  update (self);
  return GTK_WIDGET (self);
}

static void
sl_ping_stats_card_dispose (GObject *object)
{
  SlPingStatsCard *self = SL_PING_STATS_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_PING_STATS_CARD);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->pinger);

  G_OBJECT_CLASS (sl_ping_stats_card_parent_class)->dispose (object);
}

static void
sl_ping_stats_card_finalize (GObject *object)
{
  SlPingStatsCard *self = SL_PING_STATS_CARD (object);

  g_free (self->error);

  G_OBJECT_CLASS (sl_ping_stats_card_parent_class)->finalize (object);
}

static void
sl_ping_stats_card_class_init (SlPingStatsCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_ping_stats_card_dispose;
  object_class->finalize = sl_ping_stats_card_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/sl-ping-stats-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SlPingStatsCard, box);
  gtk_widget_class_bind_template_child (widget_class, SlPingStatsCard, swatch);
  gtk_widget_class_bind_template_child (widget_class, SlPingStatsCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, SlPingStatsCard, method_label);
  gtk_widget_class_bind_template_child (widget_class, SlPingStatsCard, packets_label);
  gtk_widget_class_bind_template_child (widget_class, SlPingStatsCard, rtt_label);
  gtk_widget_class_bind_template_child (widget_class, SlPingStatsCard, extra_label);
  gtk_widget_class_bind_template_child (widget_class, SlPingStatsCard, ttl_label);
  gtk_widget_class_bind_template_child (widget_class, SlPingStatsCard, forged_label);
  gtk_widget_class_bind_template_child (widget_class, SlPingStatsCard, error_label);
  gtk_widget_class_bind_template_child (widget_class, SlPingStatsCard, expander);
  gtk_widget_class_bind_template_child (widget_class, SlPingStatsCard, explanation_label);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sl-ping-stats-card");
}

static void
sl_ping_stats_card_init (SlPingStatsCard *self)
{
  self->reply_ttl = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->swatch, draw_swatch, self, NULL);
  /* The report explains the numbers with the same sentences. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->packets_label), sl_ping_stats_explain_line (SL_PING_STATS_LINE_PACKETS));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->rtt_label), sl_ping_stats_explain_line (SL_PING_STATS_LINE_RTT));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->extra_label), sl_ping_stats_explain_line (SL_PING_STATS_LINE_EXTRA));
}
