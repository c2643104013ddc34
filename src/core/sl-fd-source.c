/* sl-fd-source.c: a GSource watching one file descriptor whose events can change.
 *
 * g_unix_fd_source_new() fixes the events at creation; a peer switches between reading,
 * writing and both many times a second, so this source modifies its poll record instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-fd-source.h"

typedef struct {
  GSource       source;
  int           fd;
  gpointer      tag;
  GIOCondition  events;
} SlFdSource;

static gboolean
sl_fd_source_dispatch (GSource     *source,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  SlFdSource *self = (SlFdSource *) source;
  SlFdSourceFunc func = (SlFdSourceFunc) (void (*) (void)) callback;
  GIOCondition revents = g_source_query_unix_fd (source, self->tag);

  if (func == NULL)
    return G_SOURCE_REMOVE;
  return func (self->fd, revents, user_data);
}

static GSourceFuncs sl_fd_source_funcs = {
  .dispatch = sl_fd_source_dispatch,
};

GSource *
sl_fd_source_new (int          fd,
                  GIOCondition events)
{
  GSource *source = g_source_new (&sl_fd_source_funcs, sizeof (SlFdSource));
  SlFdSource *self = (SlFdSource *) source;

  self->fd = fd;
  self->events = events;
  self->tag = g_source_add_unix_fd (source, fd, events);
  g_source_set_static_name (source, "SlFdSource");
  return source;
}

void
sl_fd_source_set_events (GSource      *source,
                         GIOCondition  events)
{
  SlFdSource *self = (SlFdSource *) source;

  g_return_if_fail (source != NULL);

  if (self->events == events)
    return;
  self->events = events;
  g_source_modify_unix_fd (source, self->tag, events);
}

GIOCondition
sl_fd_source_get_events (GSource *source)
{
  g_return_val_if_fail (source != NULL, 0);

  return ((SlFdSource *) source)->events;
}

void
sl_clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}
