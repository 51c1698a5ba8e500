/* rd-sync.h — the outbox that the UI writes to, and the engine that sends it
 *
 * Every user action is one store transaction that appends it to the outbox
 * with a fresh UUID; the store shows it at once as pending in the case's
 * timeline.  A sync pushes the outbox in creation order, then pulls
 * `/changes` until `more` is false, each page with its cursor in one store
 * transaction, so that a crash at any point resumes without loss or
 * duplication (the platform applies each client id at most once).
 *
 * How each answer to a pushed entry is handled:
 *   2xx                 the platform's case replaces the local one; the entry goes
 *   network error, 5xx, 429
 *                       the entry stays pending; the push stops there (order
 *                       matters) and is retried with exponential backoff and
 *                       jitter, never sooner than `Retry-After`
 *   409, 412            the entry is kept as conflicted with the reason, the
 *                       current case is fetched; the user re-applies or discards it
 *   401                 state "needs login"; nothing is dropped
 *   other 4xx (422...)  the entry is kept as failed with the reason
 * Later entries of a case with a conflicted or failed entry wait for the user;
 * entries of other cases go on.  A `410 cursor_expired` drops the cache and
 * pulls from the start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-action.h"
#include "rd-api-types.h"
#include "rd-api.h"
#include "rd-evidence-cache.h"
#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_SYNC_STATE_OFFLINE,      /* the platform cannot be reached */
  RD_SYNC_STATE_IDLE,         /* online and up to date */
  RD_SYNC_STATE_SYNCING,
  RD_SYNC_STATE_ERROR,        /* the last sync failed; see last-error */
  RD_SYNC_STATE_NEEDS_LOGIN,  /* the token was refused; nothing is lost */
} RdSyncState;

#define RD_TYPE_SYNC_STATE (rd_sync_state_get_type ())
GType        rd_sync_state_get_type (void) G_GNUC_CONST;
/* What the user reads for a state: translated. */
const char  *rd_sync_state_label    (RdSyncState state);

#define RD_TYPE_SYNC (rd_sync_get_type ())

G_DECLARE_FINAL_TYPE (RdSync, rd_sync, RD, SYNC, GObject)

/* Defaults of the properties. */
#define RD_SYNC_DEFAULT_INTERVAL   300    /* seconds between periodic syncs */
#define RD_SYNC_DEFAULT_PAGE_SIZE  200    /* cases per /changes page */
#define RD_SYNC_BACKOFF_BASE_MS    1000
#define RD_SYNC_BACKOFF_CAP_MS     (5 * 60 * 1000)

RdSync        *rd_sync_new                 (RdApi            *api,
                                            RdStore          *store);
RdApi         *rd_sync_get_api             (RdSync           *self);
RdStore       *rd_sync_get_store           (RdSync           *self);

/* Properties. */
RdSyncState    rd_sync_get_state           (RdSync           *self);
/* Translated text of the last failure, or NULL after a good sync. */
const char    *rd_sync_get_last_error      (RdSync           *self);
/* Entries still to be sent (pending, not conflicted or failed). */
guint          rd_sync_get_pending_count   (RdSync           *self);
guint          rd_sync_get_interval        (RdSync           *self);
void           rd_sync_set_interval        (RdSync           *self,
                                            guint             seconds);
guint          rd_sync_get_page_size       (RdSync           *self);
void           rd_sync_set_page_size       (RdSync           *self,
                                            guint             page_size);
/* Whether a started engine follows GNetworkMonitor (default TRUE). */
gboolean       rd_sync_get_follow_network  (RdSync           *self);
void           rd_sync_set_follow_network  (RdSync           *self,
                                            gboolean          follow);

/* The backoff of automatic retries (tests shorten it). */
void           rd_sync_set_backoff         (RdSync           *self,
                                            guint             base_ms,
                                            guint             cap_ms);
/* Milliseconds of the retry scheduled after the last failure (0 if none):
 * never less than the platform's `Retry-After`. */
guint          rd_sync_get_retry_delay     (RdSync           *self);

/* The limits that attachments and texts are checked against: API.md's
 * defaults until a sync fetched the platform's. */
const RdConfig *rd_sync_get_config         (RdSync           *self);
/* Takes @config. */
void           rd_sync_set_config          (RdSync           *self,
                                            RdConfig         *config);

/* Where attached files are copied ($XDG_DATA_HOME/redress/evidence). */
char          *rd_sync_default_evidence_dir (void);
const char    *rd_sync_get_evidence_dir    (RdSync           *self);
void           rd_sync_set_evidence_dir    (RdSync           *self,
                                            const char       *dir);
/* Optional: an uploaded file moves into this cache instead of being
 * deleted, so that it is never downloaded again. */
void           rd_sync_set_evidence_cache  (RdSync           *self,
                                            RdEvidenceCache  *cache);

/* --- The outbox ------------------------------------------------------------ */

/* Queues a new case under a fresh UUID and returns that id. */
char          *rd_sync_file_case           (RdSync           *self,
                                            const RdCaseDraft *draft,
                                            GError          **error);
/* Queues @action on @case_id, based on the case's stored version; gives
 * @action a fresh UUID if it has none, and returns its id. */
char          *rd_sync_queue_action        (RdSync           *self,
                                            const char       *case_id,
                                            RdAction         *action,
                                            GError          **error);
/* Checks @file against the limits (size, and JPEG, PNG or PDF by its first
 * bytes: RD_ERROR_TOO_LARGE, RD_ERROR_UNSUPPORTED_MEDIA_TYPE), copies it
 * into the evidence folder under a fresh UUID, queues its upload and returns
 * that id. */
char          *rd_sync_attach_evidence     (RdSync           *self,
                                            const char       *case_id,
                                            GFile            *file,
                                            GError          **error);
/* Drops an entry that has not been sent (discarding a case's filing drops
 * what was queued on that case too). */
gboolean       rd_sync_discard             (RdSync           *self,
                                            const char       *id,
                                            GError          **error);
/* Re-bases a conflicted entry on the case as it is now and sends it again. */
gboolean       rd_sync_reapply             (RdSync           *self,
                                            const char       *id,
                                            GError          **error);

/* --- The engine -------------------------------------------------------------- */

/* Syncs now, then on every queued action, every `interval` seconds, when the
 * network comes back (if following it), and after failures with backoff.
 * Starting also removes copies in the evidence folder that no entry needs
 * any more (left by a crash between copying and queueing). */
void           rd_sync_start               (RdSync           *self);
void           rd_sync_stop                (RdSync           *self);
gboolean       rd_sync_is_started          (RdSync           *self);
/* Asks for a sync soon (coalesced; after a running one). */
void           rd_sync_request             (RdSync           *self);

/* One full push and pull; if one is running, completes after a further one
 * that starts when it ends. */
void           rd_sync_run_async           (RdSync           *self,
                                            GCancellable     *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer          user_data);
gboolean       rd_sync_run_finish          (RdSync           *self,
                                            GAsyncResult     *result,
                                            GError          **error);

G_END_DECLS
