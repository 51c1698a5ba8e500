/* rd-case-row.h — one case in the sidebar's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-case.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_ROW (rd_case_row_get_type ())

G_DECLARE_FINAL_TYPE (RdCaseRow, rd_case_row, RD, CASE_ROW, GtkWidget)

GtkWidget  *rd_case_row_new         (void);

/* Shows @kase (NULL clears the row) as @viewer sees it at @now: @has_news
 * puts the dot, @snippet (a search hit's plain text, or NULL) the words
 * around the match. */
void        rd_case_row_set_case    (RdCaseRow  *self,
                                     RdCase     *kase,
                                     RdRole      viewer,
                                     GDateTime  *now,
                                     gboolean    has_news,
                                     const char *snippet);
const char *rd_case_row_get_case_id (RdCaseRow  *self);
gboolean    rd_case_row_get_has_news (RdCaseRow *self);

G_END_DECLS
