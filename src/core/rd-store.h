/* rd-store.h — the client's SQLite cache, outbox and sync cursor
 *
 * The store is the single source of truth for the UI.  It emits
 * ::case-changed with the case id after every write that touches a case,
 * whether from sync or from the user, and ::outbox-changed after every write
 * to the outbox.  Every method is synchronous and fast (indexed queries, one
 * transaction per write); callers on the main loop read visible rows only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-action.h"
#include "rd-api-types.h"
#include "rd-case.h"
#include "rd-order.h"
#include "rd-user.h"

G_BEGIN_DECLS

#define RD_TYPE_STORE (rd_store_get_type ())

G_DECLARE_FINAL_TYPE (RdStore, rd_store, RD, STORE, GObject)

/* The schema version this build writes (PRAGMA user_version). */
#define RD_STORE_SCHEMA_VERSION rd_store_schema_version ()
guint        rd_store_schema_version   (void);

/* The database file under the user's data folder
 * ($XDG_DATA_HOME/redress/redress.db). */
char        *rd_store_default_path     (void);

/* Opens (creating and migrating) the database at @path; ":memory:" for a
 * private one.  A database from a newer Redress fails with
 * RD_ERROR_STORE_TOO_NEW and is left untouched. */
RdStore     *rd_store_open             (const char   *path,
                                        GError      **error);
const char  *rd_store_get_path         (RdStore      *self);

/* The logged-in user, whose point of view the filters take. */
gboolean     rd_store_set_user         (RdStore      *self,
                                        RdUser       *user,
                                        GError      **error);
RdUser      *rd_store_get_user         (RdStore      *self);

/* --- Sync ---------------------------------------------------------------- */

/* Stores one page of /changes (orders, cases, removals) and its cursor in
 * one transaction: after a crash either all of it is there or none. */
gboolean     rd_store_apply_changes    (RdStore      *self,
                                        RdChanges    *page,
                                        GError      **error);
/* NULL before the first page. */
char        *rd_store_get_cursor       (RdStore      *self);
/* Replaces one case with the server's latest version (after an action). */
gboolean     rd_store_put_case         (RdStore      *self,
                                        RdCase       *kase,
                                        GError      **error);
/* Drops every cached order and case and the cursor (cursor_expired or a
 * new user), keeping the outbox. */
gboolean     rd_store_reset_cache      (RdStore      *self,
                                        GError      **error);

/* --- Reading --------------------------------------------------------------- */

typedef enum
{
  RD_CASE_FILTER_NEEDS_ME,        /* it is my turn */
  RD_CASE_FILTER_WAITING_OTHER,   /* awaiting the other party */
  RD_CASE_FILTER_RETURN_PENDING,  /* a return on its way */
  RD_CASE_FILTER_UNDER_REVIEW,
  RD_CASE_FILTER_RESOLVED,
  RD_CASE_FILTER_ALL,
} RdCaseFilter;
#define RD_CASE_FILTER_N_VALUES (RD_CASE_FILTER_ALL + 1)

/* A page of cases matching @filter from the user's point of view, open ones
 * by deadline (soonest first, none last) then by last update (newest first).
 * The cases carry no events, offers or evidence.  *@total is the number of
 * all matches. */
GPtrArray   *rd_store_list_cases       (RdStore      *self,
                                        RdCaseFilter  filter,
                                        guint         offset,
                                        guint         limit,
                                        guint        *total,
                                        GError      **error);
guint        rd_store_count_cases      (RdStore      *self,
                                        RdCaseFilter  filter);

typedef struct
{
  char *case_id;
  char *snippet;  /* plain text around the match; never markup */
} RdSearchHit;

void         rd_search_hit_free        (RdSearchHit  *hit);

/* Full-text search over products, order numbers, parties, descriptions and
 * messages: Latin words match without accents or case ("munchen" finds
 * "München"), Chinese and Japanese by substring.  Best matches first. */
GPtrArray   *rd_store_search           (RdStore      *self,
                                        const char   *query,
                                        guint         limit,
                                        GError      **error);

/* One case with its whole timeline, or NULL and RD_ERROR_NOT_FOUND. */
RdCase      *rd_store_get_case         (RdStore      *self,
                                        const char   *case_id,
                                        GError      **error);
RdOrder     *rd_store_get_order        (RdStore      *self,
                                        const char   *order_id,
                                        GError      **error);
/* Every cached order, newest first. */
GPtrArray   *rd_store_list_orders      (RdStore      *self,
                                        GError      **error);
/* Every cached case (for the quality page), without timelines. */
GPtrArray   *rd_store_list_all_cases   (RdStore      *self,
                                        GError      **error);

/* Whether the case changed since the user last opened it. */
gboolean     rd_store_case_has_news    (RdStore      *self,
                                        const char   *case_id);
void         rd_store_mark_seen        (RdStore      *self,
                                        const char   *case_id);

/* Drafts per case, so typed text survives a restart. */
void         rd_store_set_draft        (RdStore      *self,
                                        const char   *case_id,
                                        const char   *text);
char        *rd_store_get_draft        (RdStore      *self,
                                        const char   *case_id);

/* --- Machine translations -------------------------------------------------- */

/* The cached translation of @text by @service (the service and its address,
 * e.g. "apertium http://127.0.0.1:2737/") from @source_lang to @target_lang,
 * or NULL.  *@service_name (optional) is the name of the service that made
 * it, for the label. */
char        *rd_store_get_translation  (RdStore      *self,
                                        const char   *service,
                                        const char   *source_lang,
                                        const char   *target_lang,
                                        const char   *text,
                                        char        **service_name);
/* Keeps (or replaces) a translation.  Translations survive
 * rd_store_reset_cache (). */
gboolean     rd_store_put_translation  (RdStore      *self,
                                        const char   *service,
                                        const char   *source_lang,
                                        const char   *target_lang,
                                        const char   *text,
                                        const char   *translation,
                                        const char   *service_name,
                                        GError      **error);

/* --- The outbox ------------------------------------------------------------ */

typedef enum
{
  RD_OUTBOX_PENDING,     /* waiting to be sent */
  RD_OUTBOX_CONFLICTED,  /* 409/412: the user re-applies or discards it */
  RD_OUTBOX_FAILED,      /* 422: refused, with the reason */
} RdOutboxState;

typedef enum
{
  RD_OUTBOX_KIND_CASE,      /* PUT /v1/cases/{case_id}, body: a case draft */
  RD_OUTBOX_KIND_EVIDENCE,  /* PUT /v1/evidence/{id}, file_path + mime + filename */
  RD_OUTBOX_KIND_ACTION,    /* POST /v1/cases/{case_id}/actions, body: an action */
} RdOutboxKind;

typedef struct
{
  gint64         seq;           /* creation order */
  char          *id;            /* the client UUID of the case, action or file */
  RdOutboxKind   kind;
  char          *case_id;
  char          *body;          /* JSON text, NULL for evidence */
  gint64         base_version;  /* the case version it was based on, 0 if none */
  RdOutboxState  state;
  char          *last_error;    /* what went wrong, for the user; or NULL */
  guint          attempts;
  char          *file_path;     /* evidence: the copy in the data folder */
  char          *filename;      /* evidence: the name to show */
  char          *mime;          /* evidence */
  GDateTime     *created_at;
} RdOutboxEntry;

RdOutboxEntry *rd_outbox_entry_new     (void);
void           rd_outbox_entry_free    (RdOutboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdOutboxEntry, rd_outbox_entry_free)

/* Appends @entry (seq, state and created_at are assigned) in one transaction. */
gboolean     rd_store_outbox_append    (RdStore       *self,
                                        RdOutboxEntry *entry,
                                        GError       **error);
/* Every entry in creation order; @case_id limits it to one case. */
GPtrArray   *rd_store_outbox_list      (RdStore       *self,
                                        const char    *case_id,
                                        GError       **error);
RdOutboxEntry *rd_store_outbox_get     (RdStore       *self,
                                        const char    *id);
gboolean     rd_store_outbox_mark      (RdStore       *self,
                                        const char    *id,
                                        RdOutboxState  state,
                                        const char    *last_error,
                                        GError       **error);
/* Re-bases a conflicted entry on @base_version and makes it pending again. */
gboolean     rd_store_outbox_reapply   (RdStore       *self,
                                        const char    *id,
                                        gint64         base_version,
                                        GError       **error);
gboolean     rd_store_outbox_remove    (RdStore       *self,
                                        const char    *id,
                                        GError       **error);
guint        rd_store_outbox_count     (RdStore       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSearchHit, rd_search_hit_free)

G_END_DECLS
