/* rd-pending-row.h — something the user did that the platform has not
 * confirmed yet, in place on the timeline: "Sending…", or why it was not
 * sent with Retry and Discard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_PENDING_ROW (rd_pending_row_get_type ())

G_DECLARE_FINAL_TYPE (RdPendingRow, rd_pending_row, RD, PENDING_ROW, GtkWidget)

GtkWidget    *rd_pending_row_new          (RdSession     *session,
                                           RdOutboxEntry *entry);
const char   *rd_pending_row_get_id       (RdPendingRow  *self);
RdOutboxState rd_pending_row_get_state    (RdPendingRow  *self);
/* What was done ("Message", "Ask the platform to decide"…) and its text. */
const char   *rd_pending_row_get_what     (RdPendingRow  *self);
const char   *rd_pending_row_get_text     (RdPendingRow  *self);
/* "Sending…", "Not sent: …". */
const char   *rd_pending_row_get_status   (RdPendingRow  *self);

G_END_DECLS
