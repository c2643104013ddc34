/* sl-tail-list.c: a virtualized list of a bounded model that follows its newest item.
 *
 * The list shows a mirror of the model that catches up once per frame: a flooding server
 * appends thousands of items between two frames, and GTK 4.8's list view pays for each
 * items-changed in proportion to the whole list, so it gets one for all of them instead.
 * The mirror drops what the model drops, so memory stays the model's to bound.
 *
 * GTK 4.8's list view does not follow an adjustment moved while it lays itself out, so
 * the newest item is brought in with "list.scroll-to-item", and the view is then pinned to
 * the very end for a couple of frames, once the real row heights (not estimates) are known:
 * the newest item is shown whole, not cut at the bottom edge. A list view that was never
 * laid out (just shown in place of the empty page) has no viewport to scroll to an item
 * in: a scroll asked of it then leaves it blank, so the scroll waits for the next frame.
 *
 * While a flood goes on and the view follows it, the list view shows only the newest rows
 * (a small GListStore, a screenful and some, refreshed once a frame): GTK 4.8's list view
 * keeps up to 200 rows alive around its anchor and binds and measures every new one among
 * them, which made a flood's frames ~60 ms. Once the flood is over, or as soon as the user
 * scrolls up, the whole mirror is shown again, at the same entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sl-tail-list.h"

#define SETTLE_FRAMES 3

/* GTK 4.8's list view keeps up to 200 rows alive around the item it is anchored to, and
 * binds and measures every item added among them: a burst of 40 log entries in one frame
 * was a 95 ms frame. A burst comes in a few rows a frame instead: 4, or 8 once more than a
 * screenful waits, so that a steady stream is kept up with (8 at 60 frames a second are
 * 480 entries a second, about where SlLogView's rows stop wrapping: a flood). A flood,
 * more waiting than that list view keeps anyway, comes in at once: its rows are cheap
 * then, and trickling it would leave the view ever further behind. */
#define TRICKLE_ROWS_PER_FRAME 4
#define TRICKLE_CATCH_UP_ROWS  8
#define TRICKLE_CATCH_UP_AFTER 48
#define TRICKLE_MAX_PENDING    200

/* Frames in a row that took in a flood before only the newest rows are shown (a single
 * burst of a few hundred entries is no flood), and how long no flood must come for the
 * whole list to come back. */
#define FLOOD_FRAMES           3
#define CALM_US                (G_USEC_PER_SEC / 2)
/* Rows of the newest-rows window: the viewport's height in the shortest rows, and spare. */
#define MIN_ROW_HEIGHT         16
#define SPARE_ROWS             8

struct _SlTailList
{
  AdwBin              parent_instance;

  SlRing             *model;
  SlRing             *mirror;     /* what the list shows: the model as of the last frame */
  GPtrArray          *pending;    /* items appended to the model since, oldest first */
  guint               pending_drops; /* of the mirror's oldest, the model dropped since */
  guint               flush_id;   /* tick callback */
  gboolean            following;
  gboolean            detached;   /* the user scrolled up: following again only at the very end */
  gboolean            scroll_pending; /* to the newest, once the view has been laid out */
  guint               settle;     /* frames left to pin the view to the very end */
  guint               flood_frames;  /* frames in a row that took in a flood */
  gint64              last_flood_us;
  GListStore         *window;     /* during a flood: the newest rows, or NULL */
  guint               restore_frames;   /* frames left to keep restore_position in view */
  guint               restore_position; /* the row shown at the top when the flood's rows went */

  GtkStack           *stack;
  AdwStatusPage      *empty;
  GtkLabel           *notice;
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
  GtkNoSelection     *selection;
  GtkWidget          *jump_button;
};

G_DEFINE_FINAL_TYPE (SlTailList, sl_tail_list, ADW_TYPE_BIN)

static GtkAdjustment *
vadjustment (SlTailList *self)
{
  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

static double
bottom (SlTailList *self)
{
  GtkAdjustment *adj = vadjustment (self);

  return gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
}

static gboolean
near_bottom (SlTailList *self)
{
  GtkAdjustment *adj = vadjustment (self);

  /* Within half a page: row heights below the fold are estimates until they are shown. */
  return gtk_adjustment_get_value (adj) >= bottom (self) - gtk_adjustment_get_page_size (adj) / 2;
}

static guint
n_shown (SlTailList *self)
{
  return self->mirror != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->mirror)) : 0;
}

/* What the list view shows: the newest rows during a flood, else the mirror. */
static GListModel *
shown_model (SlTailList *self)
{
  return self->window != NULL ? G_LIST_MODEL (self->window) : G_LIST_MODEL (self->mirror);
}

static void
update_jump_button (SlTailList *self)
{
  gtk_widget_set_visible (self->jump_button, !self->following && n_shown (self) > 0);
}

static void
update_stack (SlTailList *self)
{
  gtk_stack_set_visible_child_name (self->stack, n_shown (self) > 0 ? "list" : "empty");
}

/* The list view has been given its size at least once since it was shown. */
static gboolean
laid_out (SlTailList *self)
{
  return gtk_widget_get_mapped (GTK_WIDGET (self->list_view))
      && gtk_adjustment_get_page_size (vadjustment (self)) > 0;
}

static void
scroll_to_item (SlTailList *self,
                guint       position)
{
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
scroll_to_newest (SlTailList *self)
{
  guint n = self->mirror != NULL ? g_list_model_get_n_items (shown_model (self)) : 0;

  self->scroll_pending = FALSE;
  if (n == 0)
    return;
  scroll_to_item (self, n - 1);
  self->settle = SETTLE_FRAMES;
}

/* ---- the newest rows, during a flood -------------------------------------------------- */

static guint
window_rows (SlTailList *self)
{
  double page = gtk_adjustment_get_page_size (vadjustment (self));

  return (guint) (page / MIN_ROW_HEIGHT) + SPARE_ROWS;
}

static void
refresh_window (SlTailList *self)
{
  guint n = n_shown (self);
  guint rows = MIN (n, window_rows (self));
  g_autoptr(GPtrArray) newest = g_ptr_array_new_full (rows, g_object_unref);

  for (guint i = n - rows; i < n; i++)
    g_ptr_array_add (newest, g_list_model_get_item (G_LIST_MODEL (self->mirror), i));
  /* All at once: in a flood none of the rows shown a frame ago is still among the newest. */
  g_list_store_splice (self->window, 0, g_list_model_get_n_items (G_LIST_MODEL (self->window)),
                       newest->pdata, newest->len);
}

static void
show_window (SlTailList *self)
{
  self->window = g_list_store_new (g_list_model_get_item_type (G_LIST_MODEL (self->mirror)));
  refresh_window (self);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->window));
  /* Its thumb would tell of a short list, and it is in a student's screenshot: no scroll bar
   * while only the newest rows are shown. The wheel and the keys still scroll. */
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_EXTERNAL);
}

/* Where @item is in the mirror: near its end, where the window's rows are. */
static guint
mirror_position (SlTailList *self,
                 gpointer    item)
{
  GListModel *mirror = G_LIST_MODEL (self->mirror);

  for (guint i = g_list_model_get_n_items (mirror); i > 0; i--)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (mirror, i - 1);

      if (candidate == item)
        return i - 1;
    }
  return 0;
}

/* The whole mirror again. Not following: at the entry shown at the top of the view (a
 * list view scrolled up to an item shows it at the top). */
static void
hide_window (SlTailList *self)
{
  GListModel *window = G_LIST_MODEL (self->window);
  GtkAdjustment *adj = vadjustment (self);
  guint n = g_list_model_get_n_items (window);
  double upper = gtk_adjustment_get_upper (adj);
  g_autoptr(GObject) at_top = NULL;

  if (n > 0 && upper > 0)
    at_top = g_list_model_get_item (window, MIN (n - 1, (guint) (gtk_adjustment_get_value (adj) / upper * n)));
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->mirror));
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  g_clear_object (&self->window);
  self->flood_frames = 0;
  if (self->following)
    self->scroll_pending = n_shown (self) > 0;
  else if (at_top != NULL)
    {
      /* GTK keeps the view at the end of the new model first: brought back for a few
       * frames, until the rows there are measured. */
      self->restore_position = mirror_position (self, at_top);
      self->restore_frames = SETTLE_FRAMES;
      scroll_to_item (self, self->restore_position);
    }
}

static gboolean
frame_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       user_data)
{
  SlTailList *self = SL_TAIL_LIST (widget);
  gboolean grew = self->pending->len > 0;

  /* The oldest go once a frame too: a flood drops them every few milliseconds, and the list
   * view re-binds its rows at each change of the model it shows. */
  if (self->pending_drops > 0)
    {
      sl_ring_remove_oldest (self->mirror, MIN (self->pending_drops, n_shown (self)));
      self->pending_drops = 0;
    }
  if (grew)
    {
      guint n = self->pending->len;
      gboolean flood = n > TRICKLE_MAX_PENDING;

      if (!flood)
        n = MIN (n, n > TRICKLE_CATCH_UP_AFTER ? TRICKLE_CATCH_UP_ROWS : TRICKLE_ROWS_PER_FRAME);
      sl_ring_append_many (self->mirror, self->pending->pdata, n);
      g_ptr_array_remove_range (self->pending, 0, n);
      self->flood_frames = flood ? self->flood_frames + 1 : 0;
      if (flood)
        self->last_flood_us = g_get_monotonic_time ();
      if (self->window != NULL)
        refresh_window (self);
      else if (self->following && self->flood_frames >= FLOOD_FRAMES && laid_out (self))
        show_window (self);
      update_stack (self);
      if (self->following)
        self->scroll_pending = TRUE;
    }
  /* Scrolled up during a flood (value_changed_cb), or the flood is over: the whole list.
   * Here, at a frame, not while GTK moves the adjustment as it lays the view out. */
  if (self->window != NULL && (!self->following || g_get_monotonic_time () - self->last_flood_us > CALM_US))
    hide_window (self);
  if (self->restore_frames > 0 && !self->following)
    {
      scroll_to_item (self, self->restore_position);
      self->restore_frames--;
    }
  else if (self->scroll_pending && self->following && laid_out (self))
    scroll_to_newest (self);
  else if (!grew && !self->scroll_pending && self->settle > 0 && self->following)
    {
      /* The rows are measured now: the very end, so the newest is shown whole. */
      gtk_adjustment_set_value (vadjustment (self), bottom (self));
      self->settle--;
    }
  update_jump_button (self);
  /* A hidden view scrolls when it is shown again (list_view_mapped_cb), not every frame. */
  if (self->settle > 0 || self->pending->len > 0 || self->window != NULL || self->restore_frames > 0
      || (self->scroll_pending && self->following && gtk_widget_get_mapped (GTK_WIDGET (self->list_view))))
    return G_SOURCE_CONTINUE;
  self->flush_id = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_frame (SlTailList *self)
{
  if (self->flush_id == 0 && self->mirror != NULL)
    self->flush_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), frame_cb, NULL, NULL);
}

static void
list_view_mapped_cb (SlTailList *self)
{
  if (self->scroll_pending)
    schedule_frame (self);
}

/* The user scrolled (or the list did, to follow): following is being at the end. */
static void
value_changed_cb (SlTailList *self)
{
  /* Moves of our own, or GTK's while the view catches up, are not the user's. */
  if (self->settle > 0 || self->scroll_pending || self->restore_frames > 0)
    return;
  self->following = self->detached ? gtk_adjustment_get_value (vadjustment (self)) >= bottom (self) - 1
                                   : near_bottom (self);
  if (self->following)
    self->detached = FALSE;
  update_jump_button (self);
}

/* The wheel, the touchpad, a key or the scroll bar took the view up. Without this, a
 * flood would pin the view to its end again at every frame: the value moved by the user
 * cannot be told from the view catching up. */
static void
detach (SlTailList *self)
{
  /* Nothing above: the view cannot go up, and stays with the newest. */
  if (gtk_adjustment_get_value (vadjustment (self)) <= 0)
    return;
  self->detached = TRUE;
  self->following = FALSE;
  self->settle = 0;
  self->restore_frames = 0;
  self->scroll_pending = FALSE;
  update_jump_button (self);
  /* Leaves the flood's newest rows at the next frame. */
  schedule_frame (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           SlTailList               *self)
{
  if (dy < 0)
    detach (self);
  return FALSE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SlTailList            *self)
{
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      detach (self);
      break;
    default:
      break;
    }
  return FALSE;
}

static void
scroll_bar_pressed_cb (SlTailList *self)
{
  detach (self);
}

/* Watches, before the scrolled window and the list view act on them, the user's ways of
 * scrolling up. */
static void
watch_user_scrolls (SlTailList *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *press = gtk_gesture_click_new ();

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), scroll);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (press, "pressed", G_CALLBACK (scroll_bar_pressed_cb), self);
  gtk_widget_add_controller (gtk_scrolled_window_get_vscrollbar (self->scroller), GTK_EVENT_CONTROLLER (press));
}

/* The view got taller or shorter (a divider dragged, the window resized): GTK keeps the
 * scroll offset, which would leave the newest entry cut at the bottom. Pin it again. */
static void
page_size_changed_cb (SlTailList *self)
{
  if (!self->following || n_shown (self) == 0)
    return;
  self->settle = MAX (self->settle, SETTLE_FRAMES);
  schedule_frame (self);
}

/* Drops the n oldest items of what is shown or waits to be shown, as the model did. */
static void
drop_oldest (SlTailList *self,
             guint       n)
{
  guint from_mirror = MIN (n, n_shown (self) - MIN (self->pending_drops, n_shown (self)));

  self->pending_drops += from_mirror;
  g_ptr_array_remove_range (self->pending, 0, MIN (n - from_mirror, self->pending->len));
  schedule_frame (self);
}

static void
model_items_changed_cb (SlTailList *self,
                        guint       position,
                        guint       removed,
                        guint       added)
{
  GListModel *model = G_LIST_MODEL (self->model);

  /* A ring drops only its oldest, or is cleared. */
  if (g_list_model_get_n_items (model) == 0)
    {
      g_ptr_array_set_size (self->pending, 0);
      sl_ring_clear (self->mirror);
      self->pending_drops = 0;
      self->following = TRUE;
      self->detached = FALSE;
      if (self->window != NULL)
        hide_window (self);
      update_stack (self);
      update_jump_button (self);
      return;
    }
  if (removed > 0 && position == 0)
    drop_oldest (self, removed);
  for (guint i = position; i < position + added; i++)
    g_ptr_array_add (self->pending, g_list_model_get_item (model, i));
  if (added > 0)
    schedule_frame (self);
}

static SlRing *
mirror_new (SlRing *model)
{
  GListModel *list = G_LIST_MODEL (model);
  SlRing *mirror = g_object_new (SL_TYPE_RING,
                                 "item-type", g_list_model_get_item_type (list),
                                 "max-items", sl_ring_get_max_items (model),
                                 NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (items, g_list_model_get_item (list, i));
  sl_ring_append_many (mirror, items->pdata, items->len);
  return mirror;
}

static void
stop_watching (SlTailList *self)
{
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->flush_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->flush_id);
  self->flush_id = 0;
  self->settle = 0;
  self->restore_frames = 0;
  self->scroll_pending = FALSE;
  if (self->pending != NULL)
    g_ptr_array_set_size (self->pending, 0);
  if (self->window != NULL)
    gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  g_clear_object (&self->window);
  self->flood_frames = 0;
  g_clear_object (&self->mirror);
}

void
sl_tail_list_set_model (SlTailList *self,
                        SlRing     *model)
{
  g_return_if_fail (SL_IS_TAIL_LIST (self));
  g_return_if_fail (model == NULL || SL_IS_RING (model));

  if (self->model == model)
    return;
  stop_watching (self);
  g_set_object (&self->model, model);
  if (model != NULL)
    {
      self->mirror = mirror_new (model);
      g_signal_connect_swapped (model, "items-changed", G_CALLBACK (model_items_changed_cb), self);
    }
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->mirror));
  update_stack (self);
  sl_tail_list_jump_to_newest (self);
}

SlRing *
sl_tail_list_get_model (SlTailList *self)
{
  g_return_val_if_fail (SL_IS_TAIL_LIST (self), NULL);
  return self->model;
}

void
sl_tail_list_set_empty (SlTailList *self,
                        const char *icon_name,
                        const char *title,
                        const char *description)
{
  g_return_if_fail (SL_IS_TAIL_LIST (self));

  adw_status_page_set_icon_name (self->empty, icon_name);
  adw_status_page_set_title (self->empty, title);
  adw_status_page_set_description (self->empty, description);
}

void
sl_tail_list_set_empty_child (SlTailList *self,
                              GtkWidget  *child)
{
  g_return_if_fail (SL_IS_TAIL_LIST (self));
  adw_status_page_set_child (self->empty, child);
}

void
sl_tail_list_set_notice (SlTailList *self,
                         const char *notice)
{
  g_return_if_fail (SL_IS_TAIL_LIST (self));

  gtk_widget_set_visible (GTK_WIDGET (self->notice), notice != NULL);
  gtk_label_set_text (self->notice, notice != NULL ? notice : "");
}

void
sl_tail_list_rebind (SlTailList *self)
{
  g_return_if_fail (SL_IS_TAIL_LIST (self));

  gtk_no_selection_set_model (self->selection, NULL);
  gtk_no_selection_set_model (self->selection, self->mirror != NULL ? shown_model (self) : NULL);
  if (self->following)
    sl_tail_list_jump_to_newest (self);
}

gboolean
sl_tail_list_get_following (SlTailList *self)
{
  g_return_val_if_fail (SL_IS_TAIL_LIST (self), FALSE);
  return self->following;
}

void
sl_tail_list_jump_to_newest (SlTailList *self)
{
  g_return_if_fail (SL_IS_TAIL_LIST (self));

  self->following = TRUE;
  self->detached = FALSE;
  self->restore_frames = 0;
  /* A list view scrolls only once it has been laid out: at a frame. */
  self->scroll_pending = n_shown (self) > 0;
  schedule_frame (self);
  update_jump_button (self);
}

GtkListView *
sl_tail_list_get_list_view (SlTailList *self)
{
  g_return_val_if_fail (SL_IS_TAIL_LIST (self), NULL);
  return self->list_view;
}

GtkScrolledWindow *
sl_tail_list_get_scroller (SlTailList *self)
{
  g_return_val_if_fail (SL_IS_TAIL_LIST (self), NULL);
  return self->scroller;
}

static void
jump_clicked_cb (SlTailList *self)
{
  sl_tail_list_jump_to_newest (self);
}

static void
build (SlTailList         *self,
       GtkListItemFactory *factory,
       const char         *accessible_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *overlay = gtk_overlay_new ();

  self->selection = gtk_no_selection_new (NULL);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                      factory));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  g_signal_connect_swapped (self->list_view, "map", G_CALLBACK (list_view_mapped_cb), self);

  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->list_view));
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), TRUE);
  g_signal_connect_swapped (vadjustment (self), "value-changed", G_CALLBACK (value_changed_cb), self);
  g_signal_connect_swapped (vadjustment (self), "notify::page-size", G_CALLBACK (page_size_changed_cb), self);
  watch_user_scrolls (self);

  self->jump_button = gtk_button_new_with_label (_("Jump to Newest"));
  gtk_widget_set_halign (self->jump_button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->jump_button, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (self->jump_button, 12);
  gtk_widget_add_css_class (self->jump_button, "pill");
  gtk_widget_add_css_class (self->jump_button, "osd");
  gtk_widget_set_tooltip_text (self->jump_button, _("Show the newest entry and follow new ones again"));
  gtk_widget_set_visible (self->jump_button, FALSE);
  g_signal_connect_swapped (self->jump_button, "clicked", G_CALLBACK (jump_clicked_cb), self);

  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->scroller));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->jump_button);

  self->empty = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->empty), "compact");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty), "empty");
  gtk_stack_add_named (self->stack, overlay, "list");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->notice = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->notice, TRUE);
  gtk_label_set_xalign (self->notice, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->notice), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->notice), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->notice), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->notice), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->notice), FALSE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->notice));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
sl_tail_list_new (GtkListItemFactory *factory,
                  const char         *accessible_label)
{
  SlTailList *self = g_object_new (SL_TYPE_TAIL_LIST, NULL);

  g_return_val_if_fail (GTK_IS_LIST_ITEM_FACTORY (factory), NULL);

  build (self, factory, accessible_label);
  update_stack (self);
  return GTK_WIDGET (self);
}

static void
sl_tail_list_dispose (GObject *object)
{
  SlTailList *self = SL_TAIL_LIST (object);

  stop_watching (self);
  g_clear_object (&self->model);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_tail_list_parent_class)->dispose (object);
}

static void
sl_tail_list_class_init (SlTailListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sl_tail_list_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "sl-tail-list");
}

static void
sl_tail_list_init (SlTailList *self)
{
  self->following = TRUE;
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
}
