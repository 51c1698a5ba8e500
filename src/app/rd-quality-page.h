/* rd-quality-page.h — a seller's dispute figures: charts, medians, CSV
 *
 * Computed from the cases in the session's store (so it works offline),
 * again when a case changes (debounced) and when the page is shown.  The
 * action `quality.export-csv` saves the table behind the charts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-quality.h"
#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_QUALITY_PAGE (rd_quality_page_get_type ())

G_DECLARE_FINAL_TYPE (RdQualityPage, rd_quality_page, RD, QUALITY_PAGE, AdwBin)

GtkWidget *rd_quality_page_new             (void);

RdSession *rd_quality_page_get_session     (RdQualityPage       *self);
void       rd_quality_page_set_session     (RdQualityPage       *self,
                                            RdSession           *session);

/* The report on screen, or NULL before the first computation. */
RdQualityReport *rd_quality_page_get_report (RdQualityPage     *self);

/* Writes the CSV of the report on screen to @file (what Export CSV does
 * once a file is chosen); fails when there is no report. */
void       rd_quality_page_write_csv_async (RdQualityPage       *self,
                                            GFile               *file,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean   rd_quality_page_write_csv_finish (RdQualityPage      *self,
                                             GAsyncResult       *result,
                                             GError            **error);

G_END_DECLS
