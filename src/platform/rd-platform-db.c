/* rd-platform-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "rd-codec.h"
#include "rd-error.h"
#include "rd-platform-db.h"
#include "rd-platform-engine.h"

#define SCHEMA_VERSION 1

struct _RdPlatformDb
{
  sqlite3    *db;
  gboolean    memory;
  GHashTable *statements;  /* SQL text -> sqlite3_stmt */
  char       *epoch;
  gint64      last_seq;
};

/* Schema version 1. */
static const char schema_v1[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE users ("
  "  id TEXT PRIMARY KEY,"
  "  login TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  locale TEXT NOT NULL,"
  "  password_hash TEXT NOT NULL);"
  "CREATE TABLE sessions ("
  "  token_hash TEXT PRIMARY KEY,"
  "  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  expires_at INTEGER NOT NULL);"
  "CREATE TABLE orders ("
  "  id TEXT PRIMARY KEY,"
  "  buyer_id TEXT NOT NULL,"
  "  seller_id TEXT NOT NULL,"
  "  seq INTEGER NOT NULL UNIQUE,"
  "  doc TEXT NOT NULL);"
  "CREATE INDEX orders_buyer ON orders (buyer_id, seq);"
  "CREATE INDEX orders_seller ON orders (seller_id, seq);"
  "CREATE TABLE cases ("
  "  id TEXT PRIMARY KEY,"
  "  order_id TEXT NOT NULL,"
  "  item_sku TEXT NOT NULL,"
  "  buyer_id TEXT NOT NULL,"
  "  seller_id TEXT NOT NULL,"
  "  open INTEGER NOT NULL,"
  "  ever_reviewed INTEGER NOT NULL,"
  "  respond_by INTEGER,"
  "  seq INTEGER NOT NULL UNIQUE,"
  "  doc TEXT NOT NULL);"
  "CREATE INDEX cases_buyer ON cases (buyer_id, seq);"
  "CREATE INDEX cases_seller ON cases (seller_id, seq);"
  "CREATE INDEX cases_reviewed ON cases (ever_reviewed, seq);"
  "CREATE INDEX cases_due ON cases (respond_by) WHERE respond_by IS NOT NULL;"
  "CREATE INDEX cases_open_item ON cases (order_id, item_sku) WHERE open;"
  "CREATE TABLE evidence ("
  "  id TEXT PRIMARY KEY,"
  "  case_id TEXT NOT NULL,"
  "  mime TEXT NOT NULL,"
  "  data BLOB NOT NULL);"
  "CREATE TABLE idempotency ("
  "  kind TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  user_id TEXT NOT NULL,"
  "  hash TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  body TEXT NOT NULL,"
  "  PRIMARY KEY (kind, id));";

void
rd_platform_change_free (RdPlatformChange *change)
{
  if (change == NULL)
    return;
  g_free (change->doc);
  g_free (change);
}

static gboolean
set_sqlite_error (RdPlatformDb  *self,
                  GError       **error)
{
  g_set_error (error, RD_ERROR, RD_ERROR_STORE,
               /* Translators: %s is SQLite's own message */
               _("Database error: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (RdPlatformDb  *self,
      const char    *sql,
      GError       **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_STORE, _("Database error: %s"),
                   message != NULL ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* The prepared statement for @sql, reset and with no bindings.  Statements
 * are kept for the life of the database. */
static sqlite3_stmt *
prepare (RdPlatformDb *self,
         const char   *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          g_critical ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (RdPlatformDb  *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);
  return TRUE;
}

static char *
get_meta (RdPlatformDb *self,
          const char   *key)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT value FROM meta WHERE key = ?1");
  char *value = NULL;

  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
migrate (RdPlatformDb  *self,
         GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_STORE_TOO_NEW,
                   _("The database was written by a newer redress-platform (schema %d; this one knows %d)."),
                   version, SCHEMA_VERSION);
      return FALSE;
    }

  if (version < 1)
    {
      g_autofree char *epoch = NULL;
      g_autofree char *uuid = g_uuid_string_random ();
      g_autoptr(GString) hex = g_string_new (NULL);
      sqlite3_stmt *insert;

      for (const char *p = uuid; *p != '\0'; p++)
        if (*p != '-')
          g_string_append_c (hex, *p);

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec (self, schema_v1, error))
        {
          rd_platform_db_rollback (self);
          return FALSE;
        }
      insert = prepare (self, "INSERT INTO meta (key, value) VALUES ('epoch', ?1)");
      bind_text (insert, 1, hex->str);
      if (!step_done (self, insert, error)
          || !exec (self, "PRAGMA user_version = 1", error)
          || !exec (self, "COMMIT", error))
        {
          rd_platform_db_rollback (self);
          return FALSE;
        }
    }

  return TRUE;
}

static gint64
query_int (RdPlatformDb *self,
           const char   *sql)
{
  sqlite3_stmt *stmt = prepare (self, sql);
  gint64 value = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return value;
}

RdPlatformDb *
rd_platform_db_open (const char  *path,
                     GError     **error)
{
  g_autoptr(RdPlatformDb) self = g_new0 (RdPlatformDb, 1);
  gboolean memory = g_strcmp0 (path, ":memory:") == 0;

  self->memory = memory;

  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      if (self->db == NULL)
        g_set_error (error, RD_ERROR, RD_ERROR_STORE, _("Could not open the database “%s”."), path);
      else
        g_set_error (error, RD_ERROR, RD_ERROR_STORE, _("Could not open the database “%s”: %s"),
                     path, sqlite3_errmsg (self->db));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);

  /* WAL with synchronous=NORMAL: a committed transaction survives a crash of
   * the process; each request is one transaction. */
  if ((!memory && !exec (self, "PRAGMA journal_mode = WAL", error))
      || !exec (self, "PRAGMA synchronous = NORMAL", error)
      || !exec (self, "PRAGMA foreign_keys = ON", error)
      || !exec (self, "PRAGMA temp_store = MEMORY", error)
      || !migrate (self, error))
    return NULL;

  self->epoch = get_meta (self, "epoch");
  if (self->epoch == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_STORE, _("The database “%s” has no epoch."), path);
      return NULL;
    }
  self->last_seq = MAX (query_int (self, "SELECT COALESCE (MAX (seq), 0) FROM orders"),
                        query_int (self, "SELECT COALESCE (MAX (seq), 0) FROM cases"));
  return g_steal_pointer (&self);
}

void
rd_platform_db_close (RdPlatformDb *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* The last connection to close checkpoints the WAL into the file. */
      sqlite3_close (self->db);
    }
  g_free (self->epoch);
  g_free (self);
}

const char *
rd_platform_db_get_epoch (RdPlatformDb *self)
{
  return self->epoch;
}

gint64
rd_platform_db_get_last_seq (RdPlatformDb *self)
{
  return self->last_seq;
}

gboolean
rd_platform_db_begin (RdPlatformDb  *self,
                      GError       **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
rd_platform_db_commit (RdPlatformDb  *self,
                       GError       **error)
{
  return exec (self, "COMMIT", error);
}

void
rd_platform_db_rollback (RdPlatformDb *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
rd_platform_db_begin_bulk (RdPlatformDb  *self,
                           GError       **error)
{
  /* The WAL would take every page of a long transaction once, and the
   * checkpoint a second time. */
  if (!self->memory && !exec (self, "PRAGMA journal_mode = DELETE", error))
    return FALSE;
  if (!exec (self, "PRAGMA cache_size = -131072", error))
    return FALSE;
  return rd_platform_db_begin (self, error);
}

gboolean
rd_platform_db_end_bulk (RdPlatformDb  *self,
                         gboolean       commit,
                         GError       **error)
{
  gboolean ok = TRUE;

  if (commit)
    ok = rd_platform_db_commit (self, error);
  if (!ok || !commit)
    rd_platform_db_rollback (self);
  /* Back to the defaults of open (). */
  if (!exec (self, "PRAGMA cache_size = -2000", ok ? error : NULL))
    ok = FALSE;
  if (!self->memory && !exec (self, "PRAGMA journal_mode = WAL", ok ? error : NULL))
    ok = FALSE;
  return ok;
}

/* --- Users and sessions ---------------------------------------------------- */

gint64
rd_platform_db_count_users (RdPlatformDb *self)
{
  return query_int (self, "SELECT COUNT (*) FROM users");
}

gboolean
rd_platform_db_insert_user (RdPlatformDb  *self,
                            RdUser        *user,
                            const char    *login,
                            const char    *password_hash,
                            GError       **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO users (id, login, name, role, locale, password_hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");

  bind_text (stmt, 1, user->id);
  bind_text (stmt, 2, login);
  bind_text (stmt, 3, user->name);
  bind_text (stmt, 4, rd_role_to_string (user->role));
  bind_text (stmt, 5, user->locale != NULL ? user->locale : "en");
  bind_text (stmt, 6, password_hash);
  return step_done (self, stmt, error);
}

static RdUser *
user_from_row (sqlite3_stmt *stmt,
               int           first)
{
  RdUser *user = rd_user_new ();
  RdRole role = RD_ROLE_BUYER;

  user->id = column_dup (stmt, first);
  user->name = column_dup (stmt, first + 1);
  rd_role_from_string ((const char *) sqlite3_column_text (stmt, first + 2), &role);
  user->role = role;
  user->locale = column_dup (stmt, first + 3);
  return user;
}

RdUser *
rd_platform_db_find_login (RdPlatformDb  *self,
                           const char    *login,
                           char         **password_hash)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT id, name, role, locale, password_hash FROM users WHERE login = ?1");
  RdUser *user = NULL;

  bind_text (stmt, 1, login);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      user = user_from_row (stmt, 0);
      if (password_hash != NULL)
        *password_hash = column_dup (stmt, 4);
    }
  sqlite3_reset (stmt);
  return user;
}

RdUser *
rd_platform_db_get_user (RdPlatformDb *self,
                         const char   *id)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT id, name, role, locale FROM users WHERE id = ?1");
  RdUser *user = NULL;

  bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    user = user_from_row (stmt, 0);
  sqlite3_reset (stmt);
  return user;
}

gboolean
rd_platform_db_insert_session (RdPlatformDb  *self,
                               const char    *token_hash,
                               const char    *user_id,
                               gint64         now,
                               gint64         expires_at,
                               GError       **error)
{
  sqlite3_stmt *stmt;

  /* Expired sessions go whenever a new one comes. */
  stmt = prepare (self, "DELETE FROM sessions WHERE expires_at <= ?1");
  sqlite3_bind_int64 (stmt, 1, now);
  if (!step_done (self, stmt, error))
    return FALSE;

  stmt = prepare (self,
    "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?1, ?2, ?3)");
  bind_text (stmt, 1, token_hash);
  bind_text (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, expires_at);
  return step_done (self, stmt, error);
}

RdUser *
rd_platform_db_session_user (RdPlatformDb *self,
                             const char   *token_hash,
                             gint64        now)
{
  /* Looked up by the hash of the token (an index lookup): the token itself
   * is never compared, so its value cannot leak through timing. */
  sqlite3_stmt *stmt = prepare (self,
    "SELECT u.id, u.name, u.role, u.locale FROM sessions s JOIN users u ON u.id = s.user_id"
    " WHERE s.token_hash = ?1 AND s.expires_at > ?2");
  RdUser *user = NULL;

  bind_text (stmt, 1, token_hash);
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    user = user_from_row (stmt, 0);
  sqlite3_reset (stmt);
  return user;
}

gboolean
rd_platform_db_delete_session (RdPlatformDb  *self,
                               const char    *token_hash,
                               GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, "DELETE FROM sessions WHERE token_hash = ?1");

  bind_text (stmt, 1, token_hash);
  return step_done (self, stmt, error);
}

/* --- Orders and cases ------------------------------------------------------ */

static char *
to_text (JsonNode *node)
{
  g_autoptr(JsonNode) owned = node;

  return rd_codec_to_string (owned, NULL);
}

gboolean
rd_platform_db_insert_order (RdPlatformDb  *self,
                             RdOrder       *order,
                             GError       **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO orders (id, buyer_id, seller_id, seq, doc) VALUES (?1, ?2, ?3, ?4, ?5)");
  g_autofree char *doc = to_text (rd_codec_order_to_json (order));

  bind_text (stmt, 1, order->id);
  bind_text (stmt, 2, order->buyer->id);
  bind_text (stmt, 3, order->seller->id);
  sqlite3_bind_int64 (stmt, 4, ++self->last_seq);
  sqlite3_bind_text (stmt, 5, doc, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

static RdOrder *
order_from_doc (const char  *doc,
                GError     **error)
{
  g_autoptr(JsonNode) node = rd_codec_parse (doc, -1, error);

  if (node == NULL)
    return NULL;
  return rd_codec_order_from_json (node, error);
}

RdOrder *
rd_platform_db_get_order (RdPlatformDb  *self,
                          const char    *id,
                          GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT doc FROM orders WHERE id = ?1");
  g_autofree char *doc = NULL;

  bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    doc = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (doc == NULL)
    return NULL;
  return order_from_doc (doc, error);
}

gboolean
rd_platform_db_save_case (RdPlatformDb  *self,
                          RdCase        *kase,
                          GError       **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT OR REPLACE INTO cases"
    " (id, order_id, item_sku, buyer_id, seller_id, open, ever_reviewed, respond_by, seq, doc)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  g_autofree char *doc = NULL;
  guint allowed = kase->allowed_actions;

  /* What a user may do is worked out for each reader; none is stored. */
  kase->allowed_actions = 0;
  doc = to_text (rd_codec_case_to_json (kase));
  kase->allowed_actions = allowed;

  bind_text (stmt, 1, kase->id);
  bind_text (stmt, 2, kase->order_id);
  bind_text (stmt, 3, kase->item->sku);
  bind_text (stmt, 4, kase->buyer->id);
  bind_text (stmt, 5, kase->seller->id);
  sqlite3_bind_int (stmt, 6, kase->status != RD_STATUS_RESOLVED);
  sqlite3_bind_int (stmt, 7, rd_platform_engine_ever_reviewed (kase));
  if (kase->respond_by != NULL)
    sqlite3_bind_int64 (stmt, 8, g_date_time_to_unix (kase->respond_by));
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_int64 (stmt, 9, ++self->last_seq);
  sqlite3_bind_text (stmt, 10, doc, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

RdCase *
rd_platform_db_get_case (RdPlatformDb  *self,
                         const char    *id,
                         GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT doc FROM cases WHERE id = ?1");
  g_autofree char *doc = NULL;
  g_autoptr(JsonNode) node = NULL;

  bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    doc = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (doc == NULL)
    return NULL;
  node = rd_codec_parse (doc, -1, error);
  if (node == NULL)
    return NULL;
  return rd_codec_case_from_json (node, error);
}

gboolean
rd_platform_db_case_exists (RdPlatformDb *self,
                            const char   *id)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT 1 FROM cases WHERE id = ?1");
  gboolean found;

  bind_text (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

gboolean
rd_platform_db_has_open_case (RdPlatformDb *self,
                              const char   *order_id,
                              const char   *item_sku)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT 1 FROM cases WHERE order_id = ?1 AND item_sku = ?2 AND open");
  gboolean found;

  bind_text (stmt, 1, order_id);
  bind_text (stmt, 2, item_sku);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

GPtrArray *
rd_platform_db_due_cases (RdPlatformDb *self,
                          gint64        now)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT id FROM cases WHERE respond_by IS NOT NULL AND respond_by <= ?1 ORDER BY respond_by");
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  sqlite3_bind_int64 (stmt, 1, now);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, column_dup (stmt, 0));
  sqlite3_reset (stmt);
  return ids;
}

/* --- Evidence -------------------------------------------------------------- */

gboolean
rd_platform_db_insert_evidence (RdPlatformDb  *self,
                                const char    *id,
                                const char    *case_id,
                                const char    *mime,
                                GBytes        *bytes,
                                GError       **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO evidence (id, case_id, mime, data) VALUES (?1, ?2, ?3, ?4)");
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, case_id);
  bind_text (stmt, 3, mime);
  /* A zero-length blob must not be bound from a NULL pointer (that is NULL). */
  sqlite3_bind_blob64 (stmt, 4, data != NULL ? data : "", size, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

GBytes *
rd_platform_db_get_evidence (RdPlatformDb  *self,
                             const char    *id,
                             char         **case_id,
                             char         **mime)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT case_id, mime, data FROM evidence WHERE id = ?1");
  GBytes *bytes = NULL;

  bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *case_id = column_dup (stmt, 0);
      *mime = column_dup (stmt, 1);
      bytes = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
    }
  sqlite3_reset (stmt);
  return bytes;
}

gboolean
rd_platform_db_evidence_exists (RdPlatformDb *self,
                                const char   *id)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT 1 FROM evidence WHERE id = ?1");
  gboolean found;

  bind_text (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* --- Idempotency ----------------------------------------------------------- */

gboolean
rd_platform_db_find_receipt (RdPlatformDb  *self,
                             const char    *kind,
                             const char    *id,
                             char         **user_id,
                             char         **hash,
                             guint         *status,
                             char         **body)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT user_id, hash, status, body FROM idempotency WHERE kind = ?1 AND id = ?2");
  gboolean found = FALSE;

  bind_text (stmt, 1, kind);
  bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *user_id = column_dup (stmt, 0);
      *hash = column_dup (stmt, 1);
      *status = (guint) sqlite3_column_int (stmt, 2);
      *body = column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);
  return found;
}

gboolean
rd_platform_db_insert_receipt (RdPlatformDb  *self,
                               const char    *kind,
                               const char    *id,
                               const char    *user_id,
                               const char    *hash,
                               guint          status,
                               const char    *body,
                               GError       **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO idempotency (kind, id, user_id, hash, status, body)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");

  bind_text (stmt, 1, kind);
  bind_text (stmt, 2, id);
  bind_text (stmt, 3, user_id);
  bind_text (stmt, 4, hash);
  sqlite3_bind_int (stmt, 5, (int) status);
  bind_text (stmt, 6, body);
  return step_done (self, stmt, error);
}

/* --- Changes --------------------------------------------------------------- */

GPtrArray *
rd_platform_db_changes (RdPlatformDb  *self,
                        RdRole         role,
                        const char    *user_id,
                        gint64         since,
                        guint          limit,
                        GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_platform_change_free);
  sqlite3_stmt *stmt;
  int rc;

  switch (role)
    {
    case RD_ROLE_BUYER:
      stmt = prepare (self,
        "SELECT 0, seq, doc FROM orders WHERE buyer_id = ?1 AND seq > ?2"
        " UNION ALL"
        " SELECT 1, seq, doc FROM cases WHERE buyer_id = ?1 AND seq > ?2"
        " ORDER BY 2 LIMIT ?3");
      break;
    case RD_ROLE_SELLER:
      stmt = prepare (self,
        "SELECT 0, seq, doc FROM orders WHERE seller_id = ?1 AND seq > ?2"
        " UNION ALL"
        " SELECT 1, seq, doc FROM cases WHERE seller_id = ?1 AND seq > ?2"
        " ORDER BY 2 LIMIT ?3");
      break;
    case RD_ROLE_AGENT:
      /* Agents see cases, never orders: a case carries what a ruling needs. */
      stmt = prepare (self,
        "SELECT 1, seq, doc FROM cases WHERE ever_reviewed AND seq > ?2 AND ?1 IS NOT NULL"
        " ORDER BY seq LIMIT ?3");
      break;
    case RD_ROLE_PLATFORM:
    default:
      return g_steal_pointer (&rows);
    }

  bind_text (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, since);
  sqlite3_bind_int64 (stmt, 3, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdPlatformChange *change = g_new0 (RdPlatformChange, 1);

      change->is_case = sqlite3_column_int (stmt, 0) != 0;
      change->seq = sqlite3_column_int64 (stmt, 1);
      change->doc = column_dup (stmt, 2);
      g_ptr_array_add (rows, change);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
