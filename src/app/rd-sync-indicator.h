/* rd-sync-indicator.h — where the header says whether the cases are in step
 * with the platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_SYNC_INDICATOR (rd_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (RdSyncIndicator, rd_sync_indicator, RD, SYNC_INDICATOR, GtkWidget)

GtkWidget  *rd_sync_indicator_new         (void);
void        rd_sync_indicator_set_session (RdSyncIndicator *self,
                                           RdSession       *session);
/* Compact: the icon only (a narrow window); the words stay in the tooltip. */
void        rd_sync_indicator_set_compact (RdSyncIndicator *self,
                                           gboolean         compact);
/* What the header reads now ("Offline · 2 waiting"). */
const char *rd_sync_indicator_get_text    (RdSyncIndicator *self);

G_END_DECLS
