/* rd-new-dispute-dialog.h — the buyer's assistant that files a dispute
 *
 * One question per page: which order, what went wrong (the item and the
 * reason, each reason with its filing window), what to tell the seller
 * (text and files), what would make it right, then a review and Submit.
 * Filing queues the case in the session (so it works offline) and emits
 * ::filed with the new case's id; the dialog then closes itself and says so
 * in a toast on its parent window.  Present it with gtk_window_present ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_NEW_DISPUTE_DIALOG (rd_new_dispute_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RdNewDisputeDialog, rd_new_dispute_dialog, RD, NEW_DISPUTE_DIALOG, AdwWindow)

GtkWidget *rd_new_dispute_dialog_new (GtkWindow *parent,
                                      RdSession *session);

G_END_DECLS
