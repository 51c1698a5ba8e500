/* rd-timeline.h — a case's whole story in order: words as bubbles, offers as
 * cards, files as thumbnails, every other step as a quiet line, and what the
 * user did that is not sent yet; for an agent, both parties' statements side
 * by side above it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_TIMELINE (rd_timeline_get_type ())

G_DECLARE_FINAL_TYPE (RdTimeline, rd_timeline, RD, TIMELINE, GtkWidget)

GtkWidget *rd_timeline_new           (void);
/* Shows @kase (NULL: nothing) and the user's unsent @outbox entries of it
 * (element-type RdOutboxEntry, may be NULL) as @session's user reads them.
 * Scrolls to the end when something new arrives, unless the user scrolled
 * up to read. */
void       rd_timeline_show          (RdTimeline *self,
                                      RdSession  *session,
                                      RdCase     *kase,
                                      GPtrArray  *outbox);
void       rd_timeline_scroll_to_end (RdTimeline *self);
/* The agent's side-by-side statements, or NULL for the parties. */
GtkWidget *rd_timeline_get_statements (RdTimeline *self);

G_END_DECLS
