/* rd-platform-db.h — the platform's SQLite storage
 *
 * Orders and cases are kept whole, as the JSON text of the codec, next to
 * the columns that the queries need (who sees them, the open case of an
 * item, the next deadline, the change sequence).  Every write of an order
 * or case gives its row the next value of one global change sequence, which
 * is what `GET /v1/changes` pages through.
 *
 * All statements are prepared once with bound parameters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rd-case.h"
#include "rd-order.h"
#include "rd-user.h"

G_BEGIN_DECLS

typedef struct _RdPlatformDb RdPlatformDb;

/* One row of a changes page: an order or a case, as stored. */
typedef struct
{
  gboolean  is_case;
  gint64    seq;
  char     *doc;
} RdPlatformChange;

void          rd_platform_change_free (RdPlatformChange *change);

/* Opens (creating or migrating) the database at @path, or in memory for
 * ":memory:".  A database of a newer schema is refused. */
RdPlatformDb *rd_platform_db_open     (const char    *path,
                                       GError       **error);
void          rd_platform_db_close    (RdPlatformDb  *self);

/* A random id made when the database was created: cursors of another
 * database (or of an earlier :memory: run) carry another one. */
const char   *rd_platform_db_get_epoch    (RdPlatformDb *self);
/* The last change sequence number handed out. */
gint64        rd_platform_db_get_last_seq (RdPlatformDb *self);

gboolean      rd_platform_db_begin    (RdPlatformDb  *self,
                                       GError       **error);
gboolean      rd_platform_db_commit   (RdPlatformDb  *self,
                                       GError       **error);
void          rd_platform_db_rollback (RdPlatformDb  *self);

/* A long write of many rows (a world being played): for its duration, the
 * database writes its pages once (a rollback journal instead of the WAL)
 * and keeps more of them in memory.  Begins a transaction; end_bulk ()
 * commits it (or rolls it back) and returns to WAL. */
gboolean      rd_platform_db_begin_bulk (RdPlatformDb  *self,
                                         GError       **error);
gboolean      rd_platform_db_end_bulk   (RdPlatformDb  *self,
                                         gboolean       commit,
                                         GError       **error);

/* Users and sessions */
gint64        rd_platform_db_count_users  (RdPlatformDb  *self);
gboolean      rd_platform_db_insert_user  (RdPlatformDb  *self,
                                           RdUser        *user,
                                           const char    *login,
                                           const char    *password_hash,
                                           GError       **error);
/* The user with @login and their password hash, or NULL. */
RdUser       *rd_platform_db_find_login   (RdPlatformDb  *self,
                                           const char    *login,
                                           char         **password_hash);
RdUser       *rd_platform_db_get_user     (RdPlatformDb  *self,
                                           const char    *id);
/* Adds a session, and drops those expired at @now. */
gboolean      rd_platform_db_insert_session (RdPlatformDb *self,
                                             const char   *token_hash,
                                             const char   *user_id,
                                             gint64        now,
                                             gint64        expires_at,
                                             GError      **error);
/* The user of an unexpired session, or NULL. */
RdUser       *rd_platform_db_session_user   (RdPlatformDb *self,
                                             const char   *token_hash,
                                             gint64        now);
gboolean      rd_platform_db_delete_session (RdPlatformDb *self,
                                             const char   *token_hash,
                                             GError      **error);

/* Orders */
gboolean      rd_platform_db_insert_order (RdPlatformDb  *self,
                                           RdOrder       *order,
                                           GError       **error);
/* NULL without an error when there is no such order. */
RdOrder      *rd_platform_db_get_order    (RdPlatformDb  *self,
                                           const char    *id,
                                           GError       **error);

/* Cases */
/* Inserts or replaces @kase with the next change sequence number. */
gboolean      rd_platform_db_save_case    (RdPlatformDb  *self,
                                           RdCase        *kase,
                                           GError       **error);
/* NULL without an error when there is no such case. */
RdCase       *rd_platform_db_get_case     (RdPlatformDb  *self,
                                           const char    *id,
                                           GError       **error);
gboolean      rd_platform_db_case_exists  (RdPlatformDb  *self,
                                           const char    *id);
gboolean      rd_platform_db_has_open_case (RdPlatformDb *self,
                                            const char   *order_id,
                                            const char   *item_sku);
/* Ids of the cases whose deadline is at or before @now (Unix seconds). */
GPtrArray    *rd_platform_db_due_cases    (RdPlatformDb  *self,
                                           gint64         now);

/* Evidence bytes, kept under the evidence id only. */
gboolean      rd_platform_db_insert_evidence (RdPlatformDb *self,
                                              const char   *id,
                                              const char   *case_id,
                                              const char   *mime,
                                              GBytes       *bytes,
                                              GError      **error);
GBytes       *rd_platform_db_get_evidence    (RdPlatformDb *self,
                                              const char   *id,
                                              char        **case_id,
                                              char        **mime);
gboolean      rd_platform_db_evidence_exists (RdPlatformDb *self,
                                              const char   *id);

/* Idempotency: what was answered to a client id of a kind. */
gboolean      rd_platform_db_find_receipt   (RdPlatformDb *self,
                                             const char   *kind,
                                             const char   *id,
                                             char        **user_id,
                                             char        **hash,
                                             guint        *status,
                                             char        **body);
gboolean      rd_platform_db_insert_receipt (RdPlatformDb *self,
                                             const char   *kind,
                                             const char   *id,
                                             const char   *user_id,
                                             const char   *hash,
                                             guint         status,
                                             const char   *body,
                                             GError      **error);

/* At most @limit orders and cases that a user of @role with @user_id sees,
 * changed after @since, oldest change first (element-type RdPlatformChange). */
GPtrArray    *rd_platform_db_changes (RdPlatformDb  *self,
                                      RdRole         role,
                                      const char    *user_id,
                                      gint64         since,
                                      guint          limit,
                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPlatformDb, rd_platform_db_close)

G_END_DECLS
