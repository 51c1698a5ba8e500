/* rd-timeline-row.h — one step of a case that is not a message, an offer or
 * a file: a small grey line ("Kai's Gadgets accepted the claim")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_TIMELINE_ROW (rd_timeline_row_get_type ())

G_DECLARE_FINAL_TYPE (RdTimelineRow, rd_timeline_row, RD, TIMELINE_ROW, GtkWidget)

/* @event of @kase as the user of @session reads it. */
GtkWidget  *rd_timeline_row_new            (RdSession  *session,
                                            RdCase     *kase,
                                            RdEvent    *event);
/* A line of our own words (no event behind it). */
GtkWidget  *rd_timeline_row_new_for_text   (const char *text);
const char *rd_timeline_row_get_text       (RdTimelineRow *self);

/* Who did something, as the reader calls them: "You", the party's name, or
 * "Redress platform" for the platform's automatic steps.  Isolated for use
 * inside a sentence. */
char       *rd_timeline_row_format_actor   (RdSession  *session,
                                            RdParty    *actor,
                                            RdRole      role);
/* The name of a language in the reader's language ("Chinese" for "zh" or
 * "zh_CN"), or NULL for a code we have no name for. */
const char *rd_timeline_row_language_name  (const char *lang);
/* Whether @lang (a message's) differs from the language the user reads. */
gboolean    rd_timeline_row_language_differs (const char *lang);
/* Sets @label's direction from the first strong character of its text, so
 * that a right-to-left message reads right-to-left in a left-to-right UI and
 * the other way round. */
void        rd_timeline_row_set_label_direction (GtkLabel *label);

G_END_DECLS
