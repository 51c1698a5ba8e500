/* rd-case-list.h — the sidebar: search, the filters with their counts, and
 * the cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rd-case-list-model.h"
#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_LIST (rd_case_list_get_type ())

G_DECLARE_FINAL_TYPE (RdCaseList, rd_case_list, RD, CASE_LIST, GtkWidget)

GtkWidget       *rd_case_list_new                 (void);

/* Shows the cases of @session's store from its user's point of view (the
 * filters follow the role); NULL empties the list. */
void             rd_case_list_set_session         (RdCaseList *self,
                                                   RdSession  *session);
RdSession       *rd_case_list_get_session         (RdCaseList *self);
RdCaseListModel *rd_case_list_get_model           (RdCaseList *self);

/* The filters of the user's role, in the order of Alt+1…5. */
guint            rd_case_list_get_n_filters       (RdCaseList *self);
RdCaseFilter     rd_case_list_get_filter          (RdCaseList *self);
guint            rd_case_list_get_filter_index    (RdCaseList *self);
/* FALSE when @index is not a filter of this role. */
gboolean         rd_case_list_select_filter       (RdCaseList *self,
                                                   guint       index);
/* The label and the count shown for filter @index. */
const char      *rd_case_list_get_filter_label    (RdCaseList *self,
                                                   guint       index);
guint            rd_case_list_get_filter_count    (RdCaseList *self,
                                                   guint       index);

void             rd_case_list_focus_search        (RdCaseList *self);
void             rd_case_list_set_search_text     (RdCaseList *self,
                                                   const char *text);

/* Selects the row of @case_id if the list shows it, and opens the case
 * either way (::case-selected). */
void             rd_case_list_select_case         (RdCaseList *self,
                                                   const char *case_id);
/* Selects the first row; FALSE when the list is empty. */
gboolean         rd_case_list_select_first        (RdCaseList *self);
const char      *rd_case_list_get_selected_case_id (RdCaseList *self);

/* In a narrow window a click opens a case at once (::case-activated). */
void             rd_case_list_set_activate_on_single_click (RdCaseList *self,
                                                            gboolean    single_click);

G_END_DECLS
