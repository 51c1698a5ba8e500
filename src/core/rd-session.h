/* rd-session.h — one logged-in user's world: store, sync and the actions
 * that the UI takes
 *
 * The UI talks to an RdSession only: it reads cases from the store (the
 * single source of truth), queues what the user does (each action one store
 * transaction, shown at once as pending, sent by sync), and follows the sync
 * state for the header.  A session works the same online and offline.
 *
 * Notifications: notify::state, notify::last-error, notify::pending-count,
 * notify::user; the signal ::progress (guint pages, guint objects) during a
 * long pull.  What changed in the cases comes from the store's own
 * ::case-changed and ::outbox-changed signals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-action.h"
#include "rd-api-types.h"
#include "rd-case.h"
#include "rd-evidence-cache.h"
#include "rd-store.h"
#include "rd-sync.h"
#include "rd-user.h"

G_BEGIN_DECLS

#define RD_TYPE_SESSION (rd_session_get_type ())

G_DECLARE_FINAL_TYPE (RdSession, rd_session, RD, SESSION, GObject)

typedef enum
{
  RD_SESSION_STATE_OFFLINE,      /* no network, or the platform unreachable */
  RD_SESSION_STATE_ONLINE,       /* idle, in step with the platform */
  RD_SESSION_STATE_SYNCING,
  RD_SESSION_STATE_ERROR,        /* see last-error */
  RD_SESSION_STATE_NEEDS_LOGIN,  /* the token stopped working: nothing is lost */
} RdSessionState;

/* --- Starting and ending ---------------------------------------------------- */

/* Logs @login in at @url, opens that account's store under the user's data
 * folder, keeps the token in the Secret Service (if there is one: see
 * rd_session_get_keyring_error ()) and starts syncing. */
void          rd_session_login_async      (const char          *url,
                                           const char          *login,
                                           const char          *password,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
RdSession    *rd_session_login_finish     (GAsyncResult        *result,
                                           GError             **error);

/* Reopens the last account with the token kept in the Secret Service;
 * RD_ERROR_UNAUTHORIZED when there is none or it stopped working. */
void          rd_session_restore_async    (const char          *url,
                                           const char          *login,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
RdSession    *rd_session_restore_finish   (GAsyncResult        *result,
                                           GError             **error);

/* Starts the embedded demo platform (once per process; later calls reuse it)
 * and logs in as @login ("ana", "li", "kai", "sol" or "mia") with a store in
 * the demo's temporary folder.  The token of a demo session is never kept. */
void          rd_session_start_demo_async (const char          *login,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
RdSession    *rd_session_start_demo_finish (GAsyncResult       *result,
                                            GError            **error);
/* The demo's accounts, for the account menu. */
const char * const *rd_session_demo_logins (void);
/* Stops the embedded demo platform, if one runs (at quit). */
void          rd_session_stop_demo        (void);

/* A session on @store as @user, for tests and for offline use without a
 * platform: every action queues; nothing is sent until rd_session_set_url. */
RdSession    *rd_session_new_offline      (RdStore             *store,
                                           RdUser              *user);

/* Tells the platform, forgets the token (keyring too) and stops syncing.
 * Unsent actions stay in the account's store for the next log-in. */
void          rd_session_logout_async     (RdSession           *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      rd_session_logout_finish    (RdSession           *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* --- What the UI reads ------------------------------------------------------ */

RdStore      *rd_session_get_store        (RdSession *self);
RdUser       *rd_session_get_user         (RdSession *self);
const char   *rd_session_get_url          (RdSession *self);
const char   *rd_session_get_login        (RdSession *self);
gboolean      rd_session_is_demo          (RdSession *self);
/* The platform's limits (the defaults of API.md until fetched). */
RdConfig     *rd_session_get_config       (RdSession *self);
/* Why the token could not be kept, or NULL: the UI tells the user once. */
const GError *rd_session_get_keyring_error (RdSession *self);

RdSessionState rd_session_get_state       (RdSession *self);
/* The last error in words (translated), or NULL. */
const char   *rd_session_get_last_error   (RdSession *self);
guint         rd_session_get_pending_count (RdSession *self);
/* During a long pull: pages and objects so far; 0 otherwise. */
void          rd_session_get_progress     (RdSession *self,
                                           guint     *pages,
                                           guint     *objects);

/* The engine and the evidence cache behind the session (thumbnails). */
RdSync       *rd_session_get_sync         (RdSession *self);
RdEvidenceCache *rd_session_get_evidence_cache (RdSession *self);

/* The current time (the platform's clock may differ only in tests). */
GDateTime    *rd_session_now              (RdSession *self);

/* The actions that the user may take on @kase now: the platform's
 * allowed_actions while in step, the shared policy when the case has local
 * changes not yet confirmed.  Bit (1 << RdActionType). */
guint         rd_session_allowed_actions  (RdSession *self,
                                           RdCase    *kase);

/* --- What the user does ----------------------------------------------------- */
/* Each call is one store transaction that queues the action with a fresh
 * UUID and shows it at once as pending; sync sends it as soon as it can.
 * Errors are local refusals only (a text over the limit, a file of the wrong
 * type or size, an action the policy does not allow), in words. */

/* Files a new case; @evidence (element-type GFile, may be NULL) is copied
 * into the data folder and sent after the case.  Returns the case id. */
char         *rd_session_file_case        (RdSession     *self,
                                           RdCaseDraft   *draft,
                                           GPtrArray     *evidence,
                                           GError       **error);
/* Checks a file against the platform's limits before it is attached. */
gboolean      rd_session_check_evidence   (RdSession     *self,
                                           GFile         *file,
                                           GError       **error);
/* Queues a file; returns its evidence id, to name in a message. */
char         *rd_session_attach_evidence  (RdSession     *self,
                                           const char    *case_id,
                                           GFile         *file,
                                           GError       **error);
/* Any action of API.md's table (message, offer, accept_offer, ...).  The
 * action's id is assigned here. */
gboolean      rd_session_act              (RdSession     *self,
                                           const char    *case_id,
                                           RdAction      *action,
                                           GError       **error);
/* A conflicted or failed entry: re-base it on the current case and send it
 * again, or drop it. */
gboolean      rd_session_retry            (RdSession     *self,
                                           const char    *outbox_id,
                                           GError       **error);
gboolean      rd_session_discard          (RdSession     *self,
                                           const char    *outbox_id,
                                           GError       **error);

/* Syncs now (Ctrl+R). */
void          rd_session_sync_now         (RdSession     *self);

G_END_DECLS
