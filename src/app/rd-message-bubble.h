/* rd-message-bubble.h — a party's words on the timeline: a message (free
 * text or a phrase in the reader's language), the case's description, or
 * files, with the author and the time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_MESSAGE_BUBBLE (rd_message_bubble_get_type ())

G_DECLARE_FINAL_TYPE (RdMessageBubble, rd_message_bubble, RD, MESSAGE_BUBBLE, GtkWidget)

/* A `message` or `evidence` event of @kase.  The reader's own words sit at
 * the end side, everybody else's at the start side. */
GtkWidget  *rd_message_bubble_new                 (RdSession       *session,
                                                   RdCase          *kase,
                                                   RdEvent         *event);
/* The buyer's description of the case, as the first words of the timeline. */
GtkWidget  *rd_message_bubble_new_for_description (RdSession       *session,
                                                   RdCase          *kase);
/* What the bubble says (the rendered phrase for a phrase), "" for files only. */
const char *rd_message_bubble_get_text            (RdMessageBubble *self);
/* The note under the text ("Written in Chinese"), or NULL. */
const char *rd_message_bubble_get_note            (RdMessageBubble *self);
gboolean    rd_message_bubble_is_mine             (RdMessageBubble *self);

G_END_DECLS
