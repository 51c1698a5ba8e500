/* rd-case-list-model.h — the cases of one filter, or of a search, as a
 * GListModel fed from the store a page at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE_LIST_MODEL (rd_case_list_model_get_type ())

G_DECLARE_FINAL_TYPE (RdCaseListModel, rd_case_list_model, RD, CASE_LIST_MODEL, GObject)

/* Cases are read this many at a time. */
#define RD_CASE_LIST_MODEL_PAGE_SIZE 50
/* How long the model waits after the store said something changed, so that
 * a burst of changes (a sync page) costs one reload. */
#define RD_CASE_LIST_MODEL_DEBOUNCE_MS 100

RdCaseListModel *rd_case_list_model_new          (RdStore         *store);

RdStore         *rd_case_list_model_get_store    (RdCaseListModel *self);
void             rd_case_list_model_set_store    (RdCaseListModel *self,
                                                  RdStore         *store);

RdCaseFilter     rd_case_list_model_get_filter   (RdCaseListModel *self);
void             rd_case_list_model_set_filter   (RdCaseListModel *self,
                                                  RdCaseFilter     filter);

/* Oldest first: the store's order read backwards (the agent's queue). */
gboolean         rd_case_list_model_get_reversed (RdCaseListModel *self);
void             rd_case_list_model_set_reversed (RdCaseListModel *self,
                                                  gboolean         reversed);

/* A non-empty query shows the search hits, best first, instead of the
 * filter; NULL or "" goes back to the filter. */
const char      *rd_case_list_model_get_search   (RdCaseListModel *self);
void             rd_case_list_model_set_search   (RdCaseListModel *self,
                                                  const char      *query);
/* The plain text around the match for a hit of the current search. */
const char      *rd_case_list_model_get_snippet  (RdCaseListModel *self,
                                                  const char      *case_id);

/* Reads the store again now (rather than after the debounce). */
void             rd_case_list_model_reload       (RdCaseListModel *self);

/* The position of @case_id, looking through at most @max_items items;
 * GTK_INVALID_LIST_POSITION (G_MAXUINT) when not found. */
guint            rd_case_list_model_find         (RdCaseListModel *self,
                                                  const char      *case_id,
                                                  guint            max_items);

G_END_DECLS
