/* rd-store.c — the client's SQLite cache, outbox and sync cursor
 *
 * One connection, used from the main thread.  Every query is a prepared
 * statement with bound parameters; the hot ones are prepared once and kept in
 * a cache keyed by their (static) SQL text.  Schema changes are numbered
 * migrations under PRAGMA user_version, each in its own transaction.
 *
 * Layout:
 *   cases        one row per case: the columns that lists, filters and
 *                sorting need, plus the whole case document as JSON (`doc`)
 *                for a faithful get_case ();
 *   events, offers, evidence   the timeline, normalised, replaced whole
 *                whenever the case is written;
 *   case_text    the searchable text of each case, keyed by the case's rowid;
 *   case_words   FTS5 word index of it (unicode61, diacritics removed);
 *   case_grams   FTS5 trigram index of it: substrings, for Chinese and
 *                Japanese; both external-content indexes of case_text, so the
 *                text is stored once and the cache can be emptied at once;
 *                all three written in the same transaction as the case;
 *   orders, order_items, users, outbox, sync_state (the cursor), drafts;
 *   translations  machine translations of message text, kept across cache
 *                resets (they hold nothing the user could not see again).
 *
 * The list order is carried by one column, `due_key`: the deadline of an
 * open case, then DUE_NONE for an open case without one, then DUE_CLOSED
 * for a resolved case; ties by updated_at, newest first.  Each filter is an
 * equality on `status` or `turn` followed by that order, so that an index
 * serves every page without sorting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rd-codec.h"
#include "rd-error.h"
#include "rd-store.h"

/* Open cases without a deadline sort after every deadline; resolved cases
 * after every open one. */
#define DUE_NONE   (G_MAXINT64 - 1)
#define DUE_CLOSED G_MAXINT64

#define BUSY_TIMEOUT_MS 5000

struct _RdStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *stmts;  /* static SQL text -> sqlite3_stmt */
  RdUser     *user;
};

G_DEFINE_FINAL_TYPE (RdStore, rd_store, G_TYPE_OBJECT)

enum {
  SIGNAL_CASE_CHANGED,
  SIGNAL_OUTBOX_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- Schema ---------------------------------------------------------------- */

/* Version 1: the first schema.  A copy of this text lives in
 * tests/data/store/schema-v1.sql so that the migration test starts from
 * exactly what version 1 wrote: never edit a migration once released, add one. */
static const char migration_1[] =
  "CREATE TABLE users ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  locale TEXT,"
  "  is_current INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE orders ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  number TEXT NOT NULL,"
  "  buyer_id TEXT,"
  "  buyer_name TEXT,"
  "  seller_id TEXT,"
  "  seller_name TEXT,"
  "  total_amount INTEGER,"
  "  total_currency TEXT,"
  "  ordered_at INTEGER NOT NULL,"
  "  shipped_at INTEGER,"
  "  delivered_at INTEGER,"
  "  carrier TEXT,"
  "  tracking TEXT,"
  "  return_window_days INTEGER NOT NULL DEFAULT 0,"
  "  warranty_months INTEGER NOT NULL DEFAULT 0,"
  "  doc TEXT NOT NULL"
  ");"
  "CREATE INDEX orders_ordered_at_idx ON orders (ordered_at DESC);"
  "CREATE TABLE order_items ("
  "  order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
  "  idx INTEGER NOT NULL,"
  "  sku TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  quantity INTEGER NOT NULL,"
  "  unit_amount INTEGER,"
  "  unit_currency TEXT,"
  "  PRIMARY KEY (order_id, idx)"
  ") WITHOUT ROWID;"
  "CREATE TABLE cases ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  order_id TEXT NOT NULL,"
  "  order_number TEXT,"
  "  item_sku TEXT,"
  "  item_title TEXT,"
  "  item_quantity INTEGER,"
  "  item_amount INTEGER,"
  "  item_currency TEXT,"
  "  buyer_id TEXT,"
  "  buyer_name TEXT,"
  "  seller_id TEXT,"
  "  seller_name TEXT,"
  "  reason TEXT NOT NULL,"
  "  requested_type TEXT NOT NULL,"
  "  requested_amount INTEGER,"
  "  requested_currency TEXT,"
  "  description TEXT,"
  "  lang TEXT,"
  "  status TEXT NOT NULL,"
  "  turn TEXT NOT NULL,"
  "  respond_by INTEGER,"
  "  on_expiry TEXT NOT NULL,"
  "  due_key INTEGER NOT NULL,"
  "  resolution_outcome TEXT,"
  "  resolution_amount INTEGER,"
  "  resolution_currency TEXT,"
  "  resolution_by TEXT,"
  "  resolution_at INTEGER,"
  "  rating_stars INTEGER,"
  "  rating_comment TEXT,"
  "  allowed_actions INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  seen_version INTEGER NOT NULL DEFAULT 0,"
  "  doc TEXT NOT NULL"
  ");"
  "CREATE INDEX cases_due_idx ON cases (due_key, updated_at DESC);"
  "CREATE INDEX cases_status_idx ON cases (status, due_key, updated_at DESC);"
  "CREATE INDEX cases_turn_idx ON cases (turn, due_key, updated_at DESC, status);"
  "CREATE INDEX cases_order_idx ON cases (order_id);"
  "CREATE TABLE events ("
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  idx INTEGER NOT NULL,"
  "  id TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  actor_id TEXT,"
  "  actor_name TEXT,"
  "  actor_role TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  text TEXT,"
  "  template_id TEXT,"
  "  lang TEXT,"
  "  offer_id TEXT,"
  "  PRIMARY KEY (case_id, idx)"
  ") WITHOUT ROWID;"
  "CREATE INDEX events_id_idx ON events (id);"
  "CREATE TABLE offers ("
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  idx INTEGER NOT NULL,"
  "  id TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  amount INTEGER,"
  "  currency TEXT,"
  "  note TEXT,"
  "  status TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  PRIMARY KEY (case_id, idx)"
  ") WITHOUT ROWID;"
  "CREATE TABLE evidence ("
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  idx INTEGER NOT NULL,"
  "  id TEXT NOT NULL,"
  "  filename TEXT NOT NULL,"
  "  mime TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  by_id TEXT,"
  "  by_name TEXT,"
  "  role TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  PRIMARY KEY (case_id, idx)"
  ") WITHOUT ROWID;"
  "CREATE INDEX evidence_id_idx ON evidence (id);"
  "CREATE TABLE outbox ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  id TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  case_id TEXT NOT NULL,"
  "  body TEXT,"
  "  base_version INTEGER NOT NULL DEFAULT 0,"
  "  state TEXT NOT NULL DEFAULT 'pending',"
  "  last_error TEXT,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  file_path TEXT,"
  "  filename TEXT,"
  "  mime TEXT,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX outbox_case_idx ON outbox (case_id, seq);"
  "CREATE TABLE sync_state ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  cursor TEXT"
  ");";

/* Version 2: full-text search and drafts.  The text is filled from the
 * cases already cached, the same way rd-store writes it (see
 * case_write_search ()), then both indexes are built from it. */
static const char migration_2[] =
  "CREATE TABLE case_text ("
  "  case_rowid INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL,"
  "  order_number TEXT NOT NULL,"
  "  parties TEXT NOT NULL,"
  "  description TEXT NOT NULL,"
  "  messages TEXT NOT NULL"
  ");"
  "CREATE VIRTUAL TABLE case_words USING fts5 ("
  "  title, order_number, parties, description, messages,"
  "  content = 'case_text', content_rowid = 'case_rowid',"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "CREATE VIRTUAL TABLE case_grams USING fts5 ("
  "  title, order_number, parties, description, messages,"
  "  content = 'case_text', content_rowid = 'case_rowid',"
  "  tokenize = 'trigram'"
  ");"
  "INSERT INTO case_text (case_rowid, title, order_number, parties, description, messages)"
  "  SELECT c.rowid, ifnull (c.item_title, ''), ifnull (c.order_number, ''),"
  "         ifnull (c.buyer_name, '') || char (10) || ifnull (c.seller_name, ''),"
  "         ifnull (c.description, ''),"
  "         ifnull ((SELECT group_concat (e.text, char (10)) FROM events e"
  "                  WHERE e.case_id = c.id AND e.text IS NOT NULL), '')"
  "  FROM cases c;"
  "INSERT INTO case_words (case_words) VALUES ('rebuild');"
  "INSERT INTO case_grams (case_grams) VALUES ('rebuild');"
  "CREATE TABLE drafts ("
  "  case_id TEXT PRIMARY KEY NOT NULL,"
  "  text TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");";

/* Version 3: the cache of machine translations (rd-translator).  The key is
 * a hash of the service, both languages and the source text (see
 * translation_key ()), so the same message is translated once per service
 * and language, and nothing but the translation is kept with it. */
static const char migration_3[] =
  "CREATE TABLE translations ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  translated_text TEXT NOT NULL,"
  "  service_name TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL"
  ");";

static const char * const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
};

guint
rd_store_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

char *
rd_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "redress", "redress.db", NULL);
}

/* --- Helpers --------------------------------------------------------------- */

static gboolean
store_error (RdStore     *self,
             GError     **error)
{
  g_set_error (error, RD_ERROR, RD_ERROR_STORE,
               /* Translators: %s is SQLite's own explanation, in English */
               _("The local database failed: %s"),
               sqlite3_errmsg (self->db));
  return FALSE;
}

/* Cached statements are only reset when released, never finalized. */
typedef sqlite3_stmt RdStoreStmt;

static void
store_stmt_release (RdStoreStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdStoreStmt, store_stmt_release)

/* Owned statements (the few built at run time) are finalized. */
typedef sqlite3_stmt RdStoreOwnedStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdStoreOwnedStmt, sqlite3_finalize)

static RdStoreStmt *
store_prepare (RdStore     *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                          &stmt, NULL) != SQLITE_OK)
    {
      store_error (self, error);
      return NULL;
    }

  g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
  return stmt;
}

/* Steps a statement that returns no rows. */
static gboolean
store_step_done (RdStore       *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    return store_error (self, error);
  return TRUE;
}

static gboolean
store_run (RdStore     *self,
           const char  *sql,
           GError     **error)
{
  g_autoptr(RdStoreStmt) stmt = store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  return store_step_done (self, stmt, error);
}

static gboolean
store_begin (RdStore  *self,
             GError  **error)
{
  return store_run (self, "BEGIN IMMEDIATE", error);
}

static gboolean
store_commit (RdStore  *self,
              GError  **error)
{
  return store_run (self, "COMMIT", error);
}

static void
store_rollback (RdStore *self)
{
  if (sqlite3_get_autocommit (self->db))
    return;
  if (sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("rd-store: rollback failed: %s", sqlite3_errmsg (self->db));
}

static void
bind_text (sqlite3_stmt *stmt,
           int           i,
           const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, i, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

static void
bind_time (sqlite3_stmt *stmt,
           int           i,
           GDateTime    *value)
{
  if (value != NULL)
    sqlite3_bind_int64 (stmt, i, g_date_time_to_unix (value));
  else
    sqlite3_bind_null (stmt, i);
}

/* Binds an amount and its currency to @i and @i + 1. */
static void
bind_money (sqlite3_stmt  *stmt,
            int            i,
            const RdMoney *money)
{
  if (money != NULL)
    {
      sqlite3_bind_int64 (stmt, i, money->amount);
      sqlite3_bind_text (stmt, i + 1, money->currency, -1, SQLITE_TRANSIENT);
    }
  else
    {
      sqlite3_bind_null (stmt, i);
      sqlite3_bind_null (stmt, i + 1);
    }
}

static char *
col_text (sqlite3_stmt *stmt,
          int           i)
{
  const unsigned char *text = sqlite3_column_text (stmt, i);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static const char *
col_str (sqlite3_stmt *stmt,
         int           i)
{
  return (const char *) sqlite3_column_text (stmt, i);
}

static GDateTime *
col_time (sqlite3_stmt *stmt,
          int           i)
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return NULL;
  return g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, i));
}

static RdMoney *
col_money (sqlite3_stmt *stmt,
           int           i)
{
  const char *currency = col_str (stmt, i + 1);

  if (currency == NULL || sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return NULL;
  return rd_money_new (sqlite3_column_int64 (stmt, i), currency);
}

static RdParty *
col_party (sqlite3_stmt *stmt,
           int           i)
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL &&
      sqlite3_column_type (stmt, i + 1) == SQLITE_NULL)
    return NULL;
  return rd_party_new (col_str (stmt, i), col_str (stmt, i + 1));
}

static char *
node_to_text (JsonNode *node)
{
  char *text = rd_codec_to_string (node, NULL);

  json_node_unref (node);
  return text;
}

static void
emit_case_changed (RdStore    *self,
                   const char *case_id)
{
  if (case_id != NULL)
    g_signal_emit (self, signals[SIGNAL_CASE_CHANGED], 0, case_id);
}

/* --- Opening and migrating --------------------------------------------------- */

static gboolean
store_get_user_version (RdStore  *self,
                        guint    *version,
                        GError  **error)
{
  g_autoptr(RdStoreOwnedStmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return store_error (self, error);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return store_error (self, error);
  *version = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
store_refuse_newer (guint    version,
                    GError **error)
{
  if (version <= RD_STORE_SCHEMA_VERSION)
    return TRUE;

  g_set_error (error, RD_ERROR, RD_ERROR_STORE_TOO_NEW,
               /* Translators: the two numbers are versions of the database layout */
               _("The local database was written by a newer version of Redress "
                 "(layout %u; this version knows up to %u). Update Redress to open it; "
                 "the database was left as it is."),
               version, RD_STORE_SCHEMA_VERSION);
  return FALSE;
}

static gboolean
store_exec (RdStore     *self,
            const char  *sql,
            GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return store_error (self, error);
  return TRUE;
}

/* Each migration in its own transaction, which also sets user_version: a
 * crash between two leaves the database at the earlier one, consistent. */
static gboolean
store_migrate (RdStore  *self,
               GError  **error)
{
  for (;;)
    {
      guint version;
      g_autofree char *set_version = NULL;

      if (!store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* Read again under the write lock: another process may have moved on. */
      if (!store_get_user_version (self, &version, error) ||
          !store_refuse_newer (version, error))
        {
          store_rollback (self);
          return FALSE;
        }

      if (version == RD_STORE_SCHEMA_VERSION)
        {
          store_rollback (self);
          return TRUE;
        }

      /* Not user data: our own integer. */
      set_version = g_strdup_printf ("PRAGMA user_version = %u", version + 1);
      if (!store_exec (self, migrations[version], error) ||
          !store_exec (self, set_version, error) ||
          !store_exec (self, "COMMIT", error))
        {
          g_prefix_error (error, "Migration to version %u: ", version + 1);
          store_rollback (self);
          return FALSE;
        }
    }
}

static gboolean
store_load_user (RdStore  *self,
                 GError  **error)
{
  g_autoptr(RdStoreStmt) stmt = NULL;
  int rc;

  stmt = store_prepare (self, "SELECT id, name, role, locale FROM users WHERE is_current = 1",
                        error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(RdUser) user = rd_user_new ();
      RdRole role;

      user->id = col_text (stmt, 0);
      user->name = col_text (stmt, 1);
      if (rd_role_from_string (col_str (stmt, 2), &role))
        user->role = role;
      user->locale = col_text (stmt, 3);
      g_set_object (&self->user, user);
    }
  else if (rc != SQLITE_DONE)
    return store_error (self, error);

  return TRUE;
}

static gboolean
store_setup (RdStore     *self,
             const char  *path,
             GError     **error)
{
  guint version;
  int rc;

  if (g_strcmp0 (path, ":memory:") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, RD_ERROR, RD_ERROR_STORE,
                       /* Translators: %s is a folder, then the system's explanation */
                       _("Could not create the folder “%s”: %s"),
                       dir, g_strerror (saved_errno));
          return FALSE;
        }
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_STORE,
                   /* Translators: %s is a file, then SQLite's explanation */
                   _("Could not open the database “%s”: %s"),
                   path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Before anything that writes (even journal_mode does): a database from a
   * newer Redress must stay byte for byte as it was. */
  if (!store_get_user_version (self, &version, error) ||
      !store_refuse_newer (version, error))
    return FALSE;

  /* WAL with synchronous=NORMAL: a commit is atomic and the database always
   * consistent; after a power cut the last commits may be lost, never half
   * of one.  The cursor is committed with its page, so sync simply fetches
   * those pages again. */
  if (!store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !store_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  if (!store_migrate (self, error))
    return FALSE;

  return store_load_user (self, error);
}

RdStore *
rd_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(RdStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RD_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!store_setup (self, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
rd_store_get_path (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return self->path;
}

/* --- The user -------------------------------------------------------------- */

gboolean
rd_store_set_user (RdStore  *self,
                   RdUser   *user,
                   GError  **error)
{
  g_autoptr(RdUser) copy = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (user == NULL || RD_IS_USER (user), FALSE);

  if (user != NULL && user->id == NULL)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID_DATA,
                           _("The user has no identifier."));
      return FALSE;
    }

  if (!store_begin (self, error))
    return FALSE;

  {
    g_autoptr(RdStoreStmt) clear = store_prepare (self, "UPDATE users SET is_current = 0", error);

    if (clear == NULL || !store_step_done (self, clear, error))
      goto fail;
  }

  if (user != NULL)
    {
      g_autoptr(RdStoreStmt) stmt = NULL;

      stmt = store_prepare (self,
                            "INSERT INTO users (id, name, role, locale, is_current)"
                            " VALUES (?1, ?2, ?3, ?4, 1)"
                            " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                            " role = excluded.role, locale = excluded.locale, is_current = 1",
                            error);
      if (stmt == NULL)
        goto fail;
      bind_text (stmt, 1, user->id);
      bind_text (stmt, 2, user->name != NULL ? user->name : "");
      bind_text (stmt, 3, rd_role_to_string (user->role));
      bind_text (stmt, 4, user->locale);
      if (!store_step_done (self, stmt, error))
        goto fail;
    }

  if (!store_commit (self, error))
    goto fail;

  /* Our own copy, so that the caller's object may change without us. */
  if (user != NULL)
    {
      copy = rd_user_new ();
      copy->id = g_strdup (user->id);
      copy->name = g_strdup (user->name);
      copy->role = user->role;
      copy->locale = g_strdup (user->locale);
    }
  g_set_object (&self->user, copy);
  return TRUE;

fail:
  store_rollback (self);
  return FALSE;
}

/* Transfer full: a reference the caller drops (callers use g_autoptr). */
RdUser *
rd_store_get_user (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return self->user != NULL ? g_object_ref (self->user) : NULL;
}

/* --- Writing orders and cases ------------------------------------------------ */

static gboolean
store_write_order (RdStore  *self,
                   RdOrder  *order,
                   GError  **error)
{
  g_autofree char *doc = NULL;

  if (order->id == NULL || order->number == NULL || order->ordered_at == NULL)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID_DATA,
                           _("An order without identifier, number or date cannot be stored."));
      return FALSE;
    }

  doc = node_to_text (rd_codec_order_to_json (order));

  {
    g_autoptr(RdStoreStmt) stmt = NULL;

    stmt = store_prepare (self,
                          "INSERT INTO orders (id, number, buyer_id, buyer_name, seller_id,"
                          " seller_name, total_amount, total_currency, ordered_at, shipped_at,"
                          " delivered_at, carrier, tracking, return_window_days,"
                          " warranty_months, doc)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                          " ?14, ?15, ?16)"
                          " ON CONFLICT (id) DO UPDATE SET number = excluded.number,"
                          " buyer_id = excluded.buyer_id, buyer_name = excluded.buyer_name,"
                          " seller_id = excluded.seller_id, seller_name = excluded.seller_name,"
                          " total_amount = excluded.total_amount,"
                          " total_currency = excluded.total_currency,"
                          " ordered_at = excluded.ordered_at, shipped_at = excluded.shipped_at,"
                          " delivered_at = excluded.delivered_at, carrier = excluded.carrier,"
                          " tracking = excluded.tracking,"
                          " return_window_days = excluded.return_window_days,"
                          " warranty_months = excluded.warranty_months, doc = excluded.doc",
                          error);
    if (stmt == NULL)
      return FALSE;

    bind_text (stmt, 1, order->id);
    bind_text (stmt, 2, order->number);
    bind_text (stmt, 3, order->buyer ? order->buyer->id : NULL);
    bind_text (stmt, 4, order->buyer ? order->buyer->name : NULL);
    bind_text (stmt, 5, order->seller ? order->seller->id : NULL);
    bind_text (stmt, 6, order->seller ? order->seller->name : NULL);
    bind_money (stmt, 7, order->total);
    bind_time (stmt, 9, order->ordered_at);
    bind_time (stmt, 10, order->shipped_at);
    bind_time (stmt, 11, order->delivered_at);
    bind_text (stmt, 12, order->carrier);
    bind_text (stmt, 13, order->tracking);
    sqlite3_bind_int64 (stmt, 14, order->return_window_days);
    sqlite3_bind_int64 (stmt, 15, order->warranty_months);
    sqlite3_bind_text (stmt, 16, doc, -1, SQLITE_STATIC);
    if (!store_step_done (self, stmt, error))
      return FALSE;
  }

  {
    g_autoptr(RdStoreStmt) stmt = NULL;

    stmt = store_prepare (self, "DELETE FROM order_items WHERE order_id = ?1", error);
    if (stmt == NULL)
      return FALSE;
    bind_text (stmt, 1, order->id);
    if (!store_step_done (self, stmt, error))
      return FALSE;
  }

  for (guint i = 0; order->items != NULL && i < order->items->len; i++)
    {
      RdOrderItem *item = g_ptr_array_index (order->items, i);
      g_autoptr(RdStoreStmt) stmt = NULL;

      stmt = store_prepare (self,
                            "INSERT INTO order_items (order_id, idx, sku, title, quantity,"
                            " unit_amount, unit_currency) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, order->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, item->sku != NULL ? item->sku : "");
      bind_text (stmt, 4, item->title != NULL ? item->title : "");
      sqlite3_bind_int64 (stmt, 5, item->quantity);
      bind_money (stmt, 6, item->unit_price);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gint64
case_due_key (RdCase *kase)
{
  if (kase->status == RD_STATUS_RESOLVED)
    return DUE_CLOSED;
  if (kase->respond_by == NULL)
    return DUE_NONE;
  return g_date_time_to_unix (kase->respond_by);
}

static const char *
nonnull (const char *text)
{
  return text != NULL ? text : "";
}

/* Takes the text of case @rowid out of both indexes (external-content
 * indexes are told exactly what they indexed) and out of case_text. */
static gboolean
case_unindex (RdStore  *self,
              gint64    rowid,
              GError  **error)
{
  static const char * const unindex_sql[] = {
    "INSERT INTO case_words (case_words, rowid, title, order_number, parties, description,"
    " messages) SELECT 'delete', case_rowid, title, order_number, parties, description,"
    " messages FROM case_text WHERE case_rowid = ?1",
    "INSERT INTO case_grams (case_grams, rowid, title, order_number, parties, description,"
    " messages) SELECT 'delete', case_rowid, title, order_number, parties, description,"
    " messages FROM case_text WHERE case_rowid = ?1",
    "DELETE FROM case_text WHERE case_rowid = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (unindex_sql); i++)
    {
      g_autoptr(RdStoreStmt) stmt = store_prepare (self, unindex_sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The searchable text of a case, indexed; the migration to version 2 builds
 * the same from the columns. */
static gboolean
case_write_search (RdStore  *self,
                   RdCase   *kase,
                   gint64    rowid,
                   GError  **error)
{
  static const char * const index_sql[] = {
    "INSERT INTO case_text (case_rowid, title, order_number, parties, description, messages)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO case_words (rowid, title, order_number, parties, description, messages)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO case_grams (rowid, title, order_number, parties, description, messages)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  };
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autofree char *parties = NULL;
  const char *title = kase->item != NULL ? nonnull (kase->item->title) : "";

  for (guint i = 0; i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);

      if (event->text == NULL)
        continue;
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      g_string_append (messages, event->text);
    }

  parties = g_strconcat (kase->buyer ? nonnull (kase->buyer->name) : "", "\n",
                         kase->seller ? nonnull (kase->seller->name) : "", NULL);

  if (!case_unindex (self, rowid, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (index_sql); i++)
    {
      g_autoptr(RdStoreStmt) stmt = store_prepare (self, index_sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, nonnull (kase->order_number), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, parties, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, nonnull (kase->description), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, messages->str, -1, SQLITE_STATIC);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
case_delete_children (RdStore     *self,
                      const char  *case_id,
                      GError     **error)
{
  static const char * const sql[] = {
    "DELETE FROM events WHERE case_id = ?1",
    "DELETE FROM offers WHERE case_id = ?1",
    "DELETE FROM evidence WHERE case_id = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(RdStoreStmt) stmt = store_prepare (self, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, case_id);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
case_write_children (RdStore  *self,
                     RdCase   *kase,
                     GError  **error)
{
  if (!case_delete_children (self, kase->id, error))
    return FALSE;

  for (guint i = 0; i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);
      g_autoptr(RdStoreStmt) stmt = NULL;

      stmt = store_prepare (self,
                            "INSERT INTO events (case_id, idx, id, at, actor_id, actor_name,"
                            " actor_role, type, text, template_id, lang, offer_id)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                            error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, kase->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, event->id);
      bind_time (stmt, 4, event->at);
      bind_text (stmt, 5, event->actor ? event->actor->id : NULL);
      bind_text (stmt, 6, event->actor ? event->actor->name : NULL);
      bind_text (stmt, 7, rd_role_to_string (event->actor_role));
      bind_text (stmt, 8, rd_event_type_to_string (event->type));
      bind_text (stmt, 9, event->text);
      bind_text (stmt, 10, event->template_id);
      bind_text (stmt, 11, event->lang);
      bind_text (stmt, 12, event->offer_id);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < kase->offers->len; i++)
    {
      RdOffer *offer = g_ptr_array_index (kase->offers, i);
      g_autoptr(RdStoreStmt) stmt = NULL;

      stmt = store_prepare (self,
                            "INSERT INTO offers (case_id, idx, id, type, amount, currency, note,"
                            " status, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                            error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, kase->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, offer->id);
      bind_text (stmt, 4, rd_outcome_type_to_string (offer->type));
      bind_money (stmt, 5, offer->amount);
      bind_text (stmt, 7, offer->note);
      bind_text (stmt, 8, rd_offer_status_to_string (offer->status));
      bind_time (stmt, 9, offer->at);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < kase->evidence->len; i++)
    {
      RdEvidence *evidence = g_ptr_array_index (kase->evidence, i);
      g_autoptr(RdStoreStmt) stmt = NULL;

      stmt = store_prepare (self,
                            "INSERT INTO evidence (case_id, idx, id, filename, mime, size, sha256,"
                            " by_id, by_name, role, at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                            error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, kase->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_text (stmt, 3, evidence->id);
      bind_text (stmt, 4, evidence->filename);
      bind_text (stmt, 5, evidence->mime);
      sqlite3_bind_int64 (stmt, 6, evidence->size);
      bind_text (stmt, 7, evidence->sha256);
      bind_text (stmt, 8, evidence->by ? evidence->by->id : NULL);
      bind_text (stmt, 9, evidence->by ? evidence->by->name : NULL);
      bind_text (stmt, 10, rd_role_to_string (evidence->role));
      bind_time (stmt, 11, evidence->at);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Writes @kase unless the stored one is newer; *@written says which.  Must
 * run inside a transaction. */
static gboolean
store_write_case (RdStore   *self,
                  RdCase    *kase,
                  gboolean  *written,
                  GError   **error)
{
  g_autoptr(RdStoreStmt) stmt = NULL;
  g_autofree char *doc = NULL;
  gint64 rowid;
  int rc;

  *written = FALSE;

  if (kase == NULL || kase->id == NULL || kase->order_id == NULL ||
      kase->created_at == NULL || kase->updated_at == NULL)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID_DATA,
                           _("A case without identifier, order or dates cannot be stored."));
      return FALSE;
    }

  doc = node_to_text (rd_codec_case_to_json (kase));

  /* Never backwards: an older version of a case (a late page, a stale
   * answer) leaves the stored one alone, and RETURNING gives no row. */
  stmt = store_prepare (self,
                        "INSERT INTO cases (id, version, order_id, order_number, item_sku,"
                        " item_title, item_quantity, item_amount, item_currency, buyer_id,"
                        " buyer_name, seller_id, seller_name, reason, requested_type,"
                        " requested_amount, requested_currency, description, lang, status, turn,"
                        " respond_by, on_expiry, due_key, resolution_outcome, resolution_amount,"
                        " resolution_currency, resolution_by, resolution_at, rating_stars,"
                        " rating_comment, allowed_actions, created_at, updated_at, doc)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                        " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28,"
                        " ?29, ?30, ?31, ?32, ?33, ?34, ?35)"
                        " ON CONFLICT (id) DO UPDATE SET version = excluded.version,"
                        " order_id = excluded.order_id, order_number = excluded.order_number,"
                        " item_sku = excluded.item_sku, item_title = excluded.item_title,"
                        " item_quantity = excluded.item_quantity,"
                        " item_amount = excluded.item_amount,"
                        " item_currency = excluded.item_currency, buyer_id = excluded.buyer_id,"
                        " buyer_name = excluded.buyer_name, seller_id = excluded.seller_id,"
                        " seller_name = excluded.seller_name, reason = excluded.reason,"
                        " requested_type = excluded.requested_type,"
                        " requested_amount = excluded.requested_amount,"
                        " requested_currency = excluded.requested_currency,"
                        " description = excluded.description, lang = excluded.lang,"
                        " status = excluded.status, turn = excluded.turn,"
                        " respond_by = excluded.respond_by, on_expiry = excluded.on_expiry,"
                        " due_key = excluded.due_key,"
                        " resolution_outcome = excluded.resolution_outcome,"
                        " resolution_amount = excluded.resolution_amount,"
                        " resolution_currency = excluded.resolution_currency,"
                        " resolution_by = excluded.resolution_by,"
                        " resolution_at = excluded.resolution_at,"
                        " rating_stars = excluded.rating_stars,"
                        " rating_comment = excluded.rating_comment,"
                        " allowed_actions = excluded.allowed_actions,"
                        " created_at = excluded.created_at, updated_at = excluded.updated_at,"
                        " doc = excluded.doc"
                        " WHERE excluded.version >= cases.version"
                        " RETURNING rowid",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, kase->id);
  sqlite3_bind_int64 (stmt, 2, kase->version);
  bind_text (stmt, 3, kase->order_id);
  bind_text (stmt, 4, kase->order_number);
  bind_text (stmt, 5, kase->item ? kase->item->sku : NULL);
  bind_text (stmt, 6, kase->item ? kase->item->title : NULL);
  if (kase->item != NULL)
    sqlite3_bind_int64 (stmt, 7, kase->item->quantity);
  bind_money (stmt, 8, kase->item ? kase->item->unit_price : NULL);
  bind_text (stmt, 10, kase->buyer ? kase->buyer->id : NULL);
  bind_text (stmt, 11, kase->buyer ? kase->buyer->name : NULL);
  bind_text (stmt, 12, kase->seller ? kase->seller->id : NULL);
  bind_text (stmt, 13, kase->seller ? kase->seller->name : NULL);
  bind_text (stmt, 14, rd_reason_to_string (kase->reason));
  bind_text (stmt, 15, rd_outcome_type_to_string (kase->requested_type));
  bind_money (stmt, 16, kase->requested_amount);
  bind_text (stmt, 18, kase->description);
  bind_text (stmt, 19, kase->lang);
  bind_text (stmt, 20, rd_status_to_string (kase->status));
  bind_text (stmt, 21, rd_turn_to_string (kase->turn));
  bind_time (stmt, 22, kase->respond_by);
  bind_text (stmt, 23, rd_expiry_to_string (kase->on_expiry));
  sqlite3_bind_int64 (stmt, 24, case_due_key (kase));
  if (kase->resolution != NULL)
    {
      bind_text (stmt, 25, rd_resolution_outcome_to_string (kase->resolution->outcome));
      bind_money (stmt, 26, kase->resolution->amount);
      bind_text (stmt, 28, rd_resolution_by_to_string (kase->resolution->by));
      bind_time (stmt, 29, kase->resolution->at);
    }
  if (kase->rating != NULL)
    {
      sqlite3_bind_int64 (stmt, 30, kase->rating->stars);
      bind_text (stmt, 31, kase->rating->comment);
    }
  sqlite3_bind_int64 (stmt, 32, kase->allowed_actions);
  bind_time (stmt, 33, kase->created_at);
  bind_time (stmt, 34, kase->updated_at);
  sqlite3_bind_text (stmt, 35, doc, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;  /* the stored version is newer */
  if (rc != SQLITE_ROW)
    return store_error (self, error);
  rowid = sqlite3_column_int64 (stmt, 0);
  if (!store_step_done (self, stmt, error))
    return FALSE;

  if (!case_write_children (self, kase, error) ||
      !case_write_search (self, kase, rowid, error))
    return FALSE;

  *written = TRUE;
  return TRUE;
}

static gboolean
store_delete_case (RdStore     *self,
                   const char  *case_id,
                   gboolean    *deleted,
                   GError     **error)
{
  g_autoptr(RdStoreStmt) stmt = NULL;
  gint64 rowid;
  int rc;

  *deleted = FALSE;

  stmt = store_prepare (self, "DELETE FROM cases WHERE id = ?1 RETURNING rowid", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return store_error (self, error);
  rowid = sqlite3_column_int64 (stmt, 0);
  if (!store_step_done (self, stmt, error))
    return FALSE;

  if (!case_unindex (self, rowid, error))
    return FALSE;

  *deleted = TRUE;
  return TRUE;
}

static void
emit_all (RdStore   *self,
          GPtrArray *case_ids)
{
  for (guint i = 0; i < case_ids->len; i++)
    emit_case_changed (self, g_ptr_array_index (case_ids, i));
}

gboolean
rd_store_apply_changes (RdStore    *self,
                        RdChanges  *page,
                        GError    **error)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (page != NULL, FALSE);

  if (!store_begin (self, error))
    return FALSE;

  for (guint i = 0; page->orders != NULL && i < page->orders->len; i++)
    {
      if (!store_write_order (self, g_ptr_array_index (page->orders, i), error))
        goto fail;
    }

  for (guint i = 0; page->cases != NULL && i < page->cases->len; i++)
    {
      RdCase *kase = g_ptr_array_index (page->cases, i);
      gboolean written;

      if (!store_write_case (self, kase, &written, error))
        goto fail;
      if (written)
        g_ptr_array_add (changed, g_strdup (kase->id));
    }

  for (guint i = 0; page->removed != NULL && page->removed[i] != NULL; i++)
    {
      gboolean deleted;

      if (!store_delete_case (self, page->removed[i], &deleted, error))
        goto fail;
      if (deleted)
        g_ptr_array_add (changed, g_strdup (page->removed[i]));
    }

  if (page->cursor != NULL)
    {
      g_autoptr(RdStoreStmt) stmt = NULL;

      stmt = store_prepare (self,
                            "INSERT INTO sync_state (id, cursor) VALUES (1, ?1)"
                            " ON CONFLICT (id) DO UPDATE SET cursor = excluded.cursor",
                            error);
      if (stmt == NULL)
        goto fail;
      bind_text (stmt, 1, page->cursor);
      if (!store_step_done (self, stmt, error))
        goto fail;
    }

  if (!store_commit (self, error))
    goto fail;

  emit_all (self, changed);
  return TRUE;

fail:
  store_rollback (self);
  return FALSE;
}

char *
rd_store_get_cursor (RdStore *self)
{
  g_autoptr(RdStoreStmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT cursor FROM sync_state WHERE id = 1", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return col_text (stmt, 0);
}

gboolean
rd_store_put_case (RdStore  *self,
                   RdCase   *kase,
                   GError  **error)
{
  gboolean written;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (RD_IS_CASE (kase), FALSE);

  if (!store_begin (self, error))
    return FALSE;
  if (!store_write_case (self, kase, &written, error) ||
      !store_commit (self, error))
    {
      store_rollback (self);
      return FALSE;
    }

  if (written)
    emit_case_changed (self, kase->id);
  return TRUE;
}

static gboolean
store_empty_cache (RdStore    *self,
                   GPtrArray  *ids,
                   GError    **error)
{
  static const char * const sql[] = {
    "INSERT INTO case_words (case_words) VALUES ('delete-all')",
    "INSERT INTO case_grams (case_grams) VALUES ('delete-all')",
    "DELETE FROM case_text",
    "DELETE FROM events",
    "DELETE FROM offers",
    "DELETE FROM evidence",
    "DELETE FROM cases",
    "DELETE FROM order_items",
    "DELETE FROM orders",
    "DELETE FROM sync_state",
  };

  if (!store_begin (self, error))
    return FALSE;

  {
    g_autoptr(RdStoreStmt) stmt = store_prepare (self, "SELECT id FROM cases", error);
    int rc;

    if (stmt == NULL)
      goto fail;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (ids, col_text (stmt, 0));
    if (rc != SQLITE_DONE)
      {
        store_error (self, error);
        goto fail;
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      if (!store_run (self, sql[i], error))
        goto fail;
    }

  if (!store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  store_rollback (self);
  return FALSE;
}

gboolean
rd_store_reset_cache (RdStore  *self,
                      GError  **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  /* Every table of the cache is emptied in the one transaction, parents
   * and children alike, so the foreign keys may rest meanwhile: without
   * them SQLite drops a table's pages at once instead of deleting 100 000
   * cases row by row.  The pragma only acts outside a transaction. */
  if (!store_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  ok = store_empty_cache (self, ids, error);
  if (!store_exec (self, "PRAGMA foreign_keys = ON", &local_error))
    g_warning ("rd-store: foreign keys stay off: %s", local_error->message);

  if (ok)
    emit_all (self, ids);
  return ok;
}

/* --- Reading cases --------------------------------------------------------- */

#define CASE_COLUMNS \
  "id, version, order_id, order_number, item_sku, item_title, item_quantity, item_amount," \
  " item_currency, buyer_id, buyer_name, seller_id, seller_name, reason, requested_type," \
  " requested_amount, requested_currency, description, lang, status, turn, respond_by," \
  " on_expiry, resolution_outcome, resolution_amount, resolution_currency, resolution_by," \
  " resolution_at, rating_stars, rating_comment, allowed_actions, created_at, updated_at"

/* A case from the CASE_COLUMNS of a row: everything but the timeline. */
static RdCase *
case_from_row (sqlite3_stmt *stmt)
{
  RdCase *kase = rd_case_new ();
  RdReason reason;
  RdOutcomeType requested_type;
  RdStatus status;
  RdTurn turn;
  RdExpiry expiry;
  RdResolutionOutcome outcome;
  RdResolutionBy by;

  kase->id = col_text (stmt, 0);
  kase->version = sqlite3_column_int64 (stmt, 1);
  kase->order_id = col_text (stmt, 2);
  kase->order_number = col_text (stmt, 3);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL || sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    {
      kase->item = rd_order_item_new ();
      kase->item->sku = col_text (stmt, 4);
      kase->item->title = col_text (stmt, 5);
      kase->item->quantity = (guint) sqlite3_column_int64 (stmt, 6);
      kase->item->unit_price = col_money (stmt, 7);
    }
  kase->buyer = col_party (stmt, 9);
  kase->seller = col_party (stmt, 11);
  if (rd_reason_from_string (col_str (stmt, 13), &reason))
    kase->reason = reason;
  if (rd_outcome_type_from_string (col_str (stmt, 14), &requested_type))
    kase->requested_type = requested_type;
  kase->requested_amount = col_money (stmt, 15);
  kase->description = col_text (stmt, 17);
  kase->lang = col_text (stmt, 18);
  if (rd_status_from_string (col_str (stmt, 19), &status))
    kase->status = status;
  if (rd_turn_from_string (col_str (stmt, 20), &turn))
    kase->turn = turn;
  kase->respond_by = col_time (stmt, 21);
  if (rd_expiry_from_string (col_str (stmt, 22), &expiry))
    kase->on_expiry = expiry;
  if (rd_resolution_outcome_from_string (col_str (stmt, 23), &outcome) &&
      rd_resolution_by_from_string (col_str (stmt, 26), &by))
    {
      g_autoptr(RdMoney) amount = col_money (stmt, 24);
      g_autoptr(GDateTime) at = col_time (stmt, 27);

      kase->resolution = rd_resolution_new (outcome, amount, by, at);
    }
  if (sqlite3_column_type (stmt, 28) != SQLITE_NULL)
    kase->rating = rd_rating_new ((guint) sqlite3_column_int64 (stmt, 28), col_str (stmt, 29));
  kase->allowed_actions = (guint) sqlite3_column_int64 (stmt, 30);
  kase->created_at = col_time (stmt, 31);
  kase->updated_at = col_time (stmt, 32);

  return kase;
}

#define CASE_ORDER " ORDER BY due_key, updated_at DESC"
#define LIST_SQL(where) \
  "SELECT " CASE_COLUMNS " FROM cases WHERE " where CASE_ORDER " LIMIT ?3 OFFSET ?4"
#define COUNT_SQL(where) "SELECT count(*) FROM cases WHERE " where

/* The filters as SQL.  ?1 and ?2 are the turns meant; the status words are
 * our own constants. */
#define WHERE_NEEDS_ME        "turn = ?1 AND status <> 'resolved'"
#define WHERE_WAITING_ONE     "turn = ?1 AND status NOT IN ('resolved', 'under_review')"
#define WHERE_WAITING_TWO     "turn IN (?1, ?2) AND status NOT IN ('resolved', 'under_review')"
#define WHERE_RETURN_PENDING  "status = 'return_pending'"
#define WHERE_UNDER_REVIEW    "status = 'under_review'"
#define WHERE_RESOLVED        "status = 'resolved'"
#define WHERE_ALL             "1"

typedef struct
{
  const char *list_sql;
  const char *count_sql;
  const char *turn1;
  const char *turn2;
} FilterQuery;

#define FILTER_QUERY(where) LIST_SQL (where), COUNT_SQL (where)

/* FALSE when the filter cannot match anything (a turn filter without a
 * user, or for a user whose role never has a turn). */
static gboolean
filter_query (RdStore      *self,
              RdCaseFilter  filter,
              FilterQuery  *query)
{
  RdRole role = self->user != NULL ? self->user->role : RD_ROLE_PLATFORM;

  memset (query, 0, sizeof *query);

  switch (filter)
    {
    case RD_CASE_FILTER_NEEDS_ME:
      if (role == RD_ROLE_PLATFORM)
        return FALSE;
      *query = (FilterQuery) { FILTER_QUERY (WHERE_NEEDS_ME), rd_role_to_string (role), NULL };
      return TRUE;

    case RD_CASE_FILTER_WAITING_OTHER:
      switch (role)
        {
        case RD_ROLE_BUYER:
          *query = (FilterQuery) { FILTER_QUERY (WHERE_WAITING_ONE), "seller", NULL };
          return TRUE;
        case RD_ROLE_SELLER:
          *query = (FilterQuery) { FILTER_QUERY (WHERE_WAITING_ONE), "buyer", NULL };
          return TRUE;
        case RD_ROLE_AGENT:
          *query = (FilterQuery) { FILTER_QUERY (WHERE_WAITING_TWO), "buyer", "seller" };
          return TRUE;
        case RD_ROLE_PLATFORM:
        default:
          return FALSE;
        }

    case RD_CASE_FILTER_RETURN_PENDING:
      *query = (FilterQuery) { FILTER_QUERY (WHERE_RETURN_PENDING), NULL, NULL };
      return TRUE;

    case RD_CASE_FILTER_UNDER_REVIEW:
      *query = (FilterQuery) { FILTER_QUERY (WHERE_UNDER_REVIEW), NULL, NULL };
      return TRUE;

    case RD_CASE_FILTER_RESOLVED:
      *query = (FilterQuery) { FILTER_QUERY (WHERE_RESOLVED), NULL, NULL };
      return TRUE;

    case RD_CASE_FILTER_ALL:
      *query = (FilterQuery) { FILTER_QUERY (WHERE_ALL), NULL, NULL };
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
filter_bind (sqlite3_stmt      *stmt,
             const FilterQuery *query)
{
  if (query->turn1 != NULL)
    sqlite3_bind_text (stmt, 1, query->turn1, -1, SQLITE_STATIC);
  if (query->turn2 != NULL)
    sqlite3_bind_text (stmt, 2, query->turn2, -1, SQLITE_STATIC);
}

static gboolean
store_count (RdStore           *self,
             const FilterQuery *query,
             guint             *count,
             GError           **error)
{
  g_autoptr(RdStoreStmt) stmt = store_prepare (self, query->count_sql, error);

  if (stmt == NULL)
    return FALSE;
  filter_bind (stmt, query);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return store_error (self, error);
  *count = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static GPtrArray *
store_list (RdStore           *self,
            const FilterQuery *query,
            gint64             offset,
            gint64             limit,
            GError           **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RdStoreStmt) stmt = store_prepare (self, query->list_sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  filter_bind (stmt, query);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cases, case_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      store_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&cases);
}

GPtrArray *
rd_store_list_cases (RdStore       *self,
                     RdCaseFilter   filter,
                     guint          offset,
                     guint          limit,
                     guint         *total,
                     GError       **error)
{
  FilterQuery query;
  guint count = 0;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (filter < RD_CASE_FILTER_N_VALUES, NULL);

  if (total != NULL)
    *total = 0;

  if (!filter_query (self, filter, &query))
    return g_ptr_array_new_with_free_func (g_object_unref);

  if (total != NULL)
    {
      if (!store_count (self, &query, &count, error))
        return NULL;
      *total = count;
    }

  return store_list (self, &query, offset, limit, error);
}

guint
rd_store_count_cases (RdStore      *self,
                      RdCaseFilter  filter)
{
  FilterQuery query;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_return_val_if_fail (RD_IS_STORE (self), 0);
  g_return_val_if_fail (filter < RD_CASE_FILTER_N_VALUES, 0);

  if (!filter_query (self, filter, &query))
    return 0;
  if (!store_count (self, &query, &count, &error))
    {
      g_warning ("rd-store: counting cases: %s", error->message);
      return 0;
    }
  return count;
}

GPtrArray *
rd_store_list_all_cases (RdStore  *self,
                         GError  **error)
{
  FilterQuery query;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  filter_query (self, RD_CASE_FILTER_ALL, &query);
  return store_list (self, &query, 0, -1, error);
}

RdCase *
rd_store_get_case (RdStore     *self,
                   const char  *case_id,
                   GError     **error)
{
  g_autoptr(RdStoreStmt) stmt = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  RdCase *kase;
  const char *doc;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  stmt = store_prepare (self, "SELECT doc FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                   _("This case is not in the local cache."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      store_error (self, error);
      return NULL;
    }

  doc = col_str (stmt, 0);
  node = rd_codec_parse (doc, -1, &local_error);
  kase = node != NULL ? rd_codec_case_from_json (node, &local_error) : NULL;
  if (kase == NULL)
    g_set_error (error, RD_ERROR, RD_ERROR_STORE,
                 /* Translators: %s says what is wrong with the stored document */
                 _("A stored case could not be read: %s"), local_error->message);
  return kase;
}

gboolean
rd_store_case_has_news (RdStore    *self,
                        const char *case_id)
{
  g_autoptr(RdStoreStmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  stmt = store_prepare (self, "SELECT seen_version < version FROM cases WHERE id = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  return sqlite3_column_int (stmt, 0) != 0;
}

void
rd_store_mark_seen (RdStore    *self,
                    const char *case_id)
{
  g_autoptr(GError) error = NULL;
  gboolean changed;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (case_id != NULL);

  {
    g_autoptr(RdStoreStmt) stmt = NULL;

    stmt = store_prepare (self,
                          "UPDATE cases SET seen_version = version"
                          " WHERE id = ?1 AND seen_version <> version",
                          &error);
    if (stmt != NULL)
      {
        bind_text (stmt, 1, case_id);
        store_step_done (self, stmt, &error);
      }
    changed = error == NULL && sqlite3_changes (self->db) > 0;
  }

  if (error != NULL)
    g_warning ("rd-store: marking a case seen: %s", error->message);
  else if (changed)
    emit_case_changed (self, case_id);
}

/* --- Orders ------------------------------------------------------------------ */

RdOrder *
rd_store_get_order (RdStore     *self,
                    const char  *order_id,
                    GError     **error)
{
  g_autoptr(RdStoreStmt) stmt = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  RdOrder *order;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (order_id != NULL, NULL);

  stmt = store_prepare (self, "SELECT doc FROM orders WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                   _("This order is not in the local cache."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      store_error (self, error);
      return NULL;
    }

  node = rd_codec_parse (col_str (stmt, 0), -1, &local_error);
  order = node != NULL ? rd_codec_order_from_json (node, &local_error) : NULL;
  if (order == NULL)
    g_set_error (error, RD_ERROR, RD_ERROR_STORE,
                 /* Translators: %s says what is wrong with the stored document */
                 _("A stored order could not be read: %s"), local_error->message);
  return order;
}

/* From the columns rather than the documents: a long list stays cheap. */
GPtrArray *
rd_store_list_orders (RdStore  *self,
                      GError  **error)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  {
    g_autoptr(RdStoreStmt) stmt = NULL;

    stmt = store_prepare (self,
                          "SELECT id, number, buyer_id, buyer_name, seller_id, seller_name,"
                          " total_amount, total_currency, ordered_at, shipped_at, delivered_at,"
                          " carrier, tracking, return_window_days, warranty_months"
                          " FROM orders ORDER BY ordered_at DESC, id",
                          error);
    if (stmt == NULL)
      return NULL;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        RdOrder *order = rd_order_new ();

        order->id = col_text (stmt, 0);
        order->number = col_text (stmt, 1);
        order->buyer = col_party (stmt, 2);
        order->seller = col_party (stmt, 4);
        order->total = col_money (stmt, 6);
        order->ordered_at = col_time (stmt, 8);
        order->shipped_at = col_time (stmt, 9);
        order->delivered_at = col_time (stmt, 10);
        order->carrier = col_text (stmt, 11);
        order->tracking = col_text (stmt, 12);
        order->return_window_days = (guint) sqlite3_column_int64 (stmt, 13);
        order->warranty_months = (guint) sqlite3_column_int64 (stmt, 14);
        g_ptr_array_add (orders, order);
        g_hash_table_insert (by_id, order->id, order);
      }
    if (rc != SQLITE_DONE)
      {
        store_error (self, error);
        return NULL;
      }
  }

  {
    g_autoptr(RdStoreStmt) stmt = NULL;

    stmt = store_prepare (self,
                          "SELECT order_id, sku, title, quantity, unit_amount, unit_currency"
                          " FROM order_items ORDER BY order_id, idx",
                          error);
    if (stmt == NULL)
      return NULL;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        RdOrder *order = g_hash_table_lookup (by_id, col_str (stmt, 0));
        RdOrderItem *item;

        if (order == NULL)
          continue;
        item = rd_order_item_new ();
        item->sku = col_text (stmt, 1);
        item->title = col_text (stmt, 2);
        item->quantity = (guint) sqlite3_column_int64 (stmt, 3);
        item->unit_price = col_money (stmt, 4);
        g_ptr_array_add (order->items, item);
      }
    if (rc != SQLITE_DONE)
      {
        store_error (self, error);
        return NULL;
      }
  }

  return g_steal_pointer (&orders);
}

/* --- Search ------------------------------------------------------------------ */

void
rd_search_hit_free (RdSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->case_id);
  g_free (hit->snippet);
  g_free (hit);
}

/* Scripts written without spaces between words, which the word index cannot
 * cut: they are searched by substring in the trigram index. */
static gboolean
term_is_unspaced_script (const char *term)
{
  for (const char *p = term; *p != '\0'; p = g_utf8_next_char (p))
    {
      switch (g_unichar_get_script (g_utf8_get_char (p)))
        {
        case G_UNICODE_SCRIPT_HAN:
        case G_UNICODE_SCRIPT_HIRAGANA:
        case G_UNICODE_SCRIPT_KATAKANA:
        case G_UNICODE_SCRIPT_HANGUL:
        case G_UNICODE_SCRIPT_THAI:
        case G_UNICODE_SCRIPT_LAO:
        case G_UNICODE_SCRIPT_KHMER:
        case G_UNICODE_SCRIPT_MYANMAR:
          return TRUE;
        default:
          break;
        }
    }
  return FALSE;
}

/* One term as an FTS5 string: in double quotes, inner quotes doubled, so
 * that nothing the user types is FTS syntax. */
static void
append_quoted (GString    *query,
               const char *term)
{
  if (query->len > 0)
    g_string_append_c (query, ' ');
  g_string_append_c (query, '"');
  for (const char *p = term; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, *p);
    }
  g_string_append_c (query, '"');
}

/* The term between @start and @end without the punctuation around it
 * (quotes, commas, brackets), which the substring index would otherwise look
 * for; NULL when nothing is left. */
static char *
trim_term (const char *start,
           const char *end)
{
  while (start < end && !g_unichar_isalnum (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start && !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  if (start == end)
    return NULL;
  return g_strndup (start, end - start);
}

/* Whitespace-separated terms. */
static GPtrArray *
split_terms (const char *query)
{
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;
  const char *p;

  for (p = query; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || g_unichar_isspace (c))
        {
          if (start != NULL)
            {
              char *term = trim_term (start, p);

              if (term != NULL)
                g_ptr_array_add (terms, term);
              start = NULL;
            }
          if (c == 0)
            break;
        }
      else if (start == NULL)
        start = p;
    }

  return terms;
}

/* Snippets are shown on one line. */
static char *
flatten_snippet (const char *text)
{
  char *flat = g_strdup (text != NULL ? text : "");

  g_strdelimit (flat, "\n\r\t", ' ');
  return g_strstrip (flat);
}

/* Some text around @term in @body, for the terms that no index could
 * locate (one or two Chinese characters). */
static char *
snippet_around (const char *body,
                const char *term)
{
  const char *hit = body != NULL ? strstr (body, term) : NULL;
  const char *start;
  const char *end;
  g_autofree char *part = NULL;
  g_autofree char *flat = NULL;
  guint n;

  if (hit == NULL)
    return g_strdup ("");

  start = hit;
  for (n = 0; n < 12 && start > body; n++)
    start = g_utf8_prev_char (start);
  end = hit + strlen (term);
  for (n = 0; n < 12 && *end != '\0'; n++)
    end = g_utf8_next_char (end);

  part = g_strndup (start, end - start);
  flat = flatten_snippet (part);
  return g_strconcat (start > body ? "…" : "", flat, *end != '\0' ? "…" : "", NULL);
}

typedef struct
{
  GString   *words;   /* FTS5 query for the word index, or empty */
  GString   *grams;   /* FTS5 query for the trigram index, or empty */
  GPtrArray *short_terms;  /* 1–2 characters of an unspaced script */
  gboolean   substring_ok; /* every term can be a substring query */
  GString   *all_grams;    /* every term as a trigram query */
} SearchPlan;

static void
search_plan_clear (SearchPlan *plan)
{
  g_string_free (plan->words, TRUE);
  g_string_free (plan->grams, TRUE);
  g_string_free (plan->all_grams, TRUE);
  g_ptr_array_unref (plan->short_terms);
}

static void
search_plan_init (SearchPlan *plan,
                  GPtrArray  *terms)
{
  plan->words = g_string_new (NULL);
  plan->grams = g_string_new (NULL);
  plan->all_grams = g_string_new (NULL);
  plan->short_terms = g_ptr_array_new ();
  plan->substring_ok = TRUE;

  for (guint i = 0; i < terms->len; i++)
    {
      const char *term = g_ptr_array_index (terms, i);
      glong len = g_utf8_strlen (term, -1);

      if (term_is_unspaced_script (term))
        {
          if (len >= 3)
            {
              append_quoted (plan->grams, term);
              append_quoted (plan->all_grams, term);
            }
          else
            g_ptr_array_add (plan->short_terms, (gpointer) term);
        }
      else
        {
          /* A prefix query, so that a word being typed already matches. */
          append_quoted (plan->words, term);
          g_string_append_c (plan->words, '*');
          if (len >= 3)
            append_quoted (plan->all_grams, term);
          else
            plan->substring_ok = FALSE;
        }
    }
}

/* All the searchable text of a row of case_text, for a plain substring. */
#define CASE_TEXT_BODY \
  "case_text.title || char (10) || case_text.order_number || char (10) ||" \
  " case_text.parties || char (10) || case_text.description || char (10) ||" \
  " case_text.messages"

/* Appends the conditions of the unspaced-script terms, numbered from
 * *@param. */
static void
append_unspaced_conditions (GString    *sql,
                            SearchPlan *plan,
                            const char *rowid,
                            gboolean    with_grams,
                            int        *param)
{
  if (with_grams && plan->grams->len > 0)
    g_string_append_printf (sql, " AND %s IN (SELECT rowid FROM case_grams"
                                 " WHERE case_grams MATCH ?%d)", rowid, (*param)++);
  for (guint i = 0; i < plan->short_terms->len; i++)
    g_string_append_printf (sql, " AND %s IN (SELECT case_rowid FROM case_text"
                                 " WHERE instr (" CASE_TEXT_BODY ", ?%d) > 0)",
                            rowid, (*param)++);
}

static void
bind_unspaced_terms (sqlite3_stmt *stmt,
                     SearchPlan   *plan,
                     gboolean      with_grams,
                     int          *param)
{
  if (with_grams && plan->grams->len > 0)
    sqlite3_bind_text (stmt, (*param)++, plan->grams->str, -1, SQLITE_STATIC);
  for (guint i = 0; i < plan->short_terms->len; i++)
    sqlite3_bind_text (stmt, (*param)++, g_ptr_array_index (plan->short_terms, i), -1,
                       SQLITE_STATIC);
}

/* Runs one search statement whose rows are (case id, snippet, body), adding
 * hits not seen yet. */
static gboolean
search_collect (RdStore     *self,
                const char  *sql,
                SearchPlan  *plan,
                const char  *first_query,
                gboolean     with_grams,
                guint        limit,
                GHashTable  *seen,
                GPtrArray   *hits,
                GError     **error)
{
  g_autoptr(RdStoreOwnedStmt) stmt = NULL;
  int param = 1;
  int rc = SQLITE_DONE;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return store_error (self, error);

  if (first_query != NULL)
    sqlite3_bind_text (stmt, param++, first_query, -1, SQLITE_STATIC);
  bind_unspaced_terms (stmt, plan, with_grams, &param);
  sqlite3_bind_int64 (stmt, param, (gint64) limit + g_hash_table_size (seen));

  while (hits->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = col_str (stmt, 0);
      RdSearchHit *hit;

      if (g_hash_table_contains (seen, id))
        continue;

      hit = g_new0 (RdSearchHit, 1);
      hit->case_id = g_strdup (id);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        hit->snippet = flatten_snippet (col_str (stmt, 1));
      else
        hit->snippet = snippet_around (col_str (stmt, 2),
                                       g_ptr_array_index (plan->short_terms, 0));
      g_hash_table_add (seen, hit->case_id);
      g_ptr_array_add (hits, hit);
    }
  if (hits->len < limit && rc != SQLITE_DONE)
    return store_error (self, error);

  return TRUE;
}

/* Two passes.  First the word index (best matches by bm25), which finds
 * Latin words whatever their accents or case, the unspaced-script terms
 * narrowing it through the trigram index.  Then, when every term can be a
 * substring (three characters or more, or a short Chinese one), the trigram
 * index adds what the words missed: parts of words, Chinese inside Latin
 * text.  Queries are built from fixed pieces; the user's text is only ever
 * bound, as quoted FTS strings. */
GPtrArray *
rd_store_search (RdStore     *self,
                 const char  *query,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_search_hit_free);
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  SearchPlan plan;
  gboolean ok = TRUE;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return g_steal_pointer (&hits);
  if (limit == 0)
    limit = G_MAXINT;

  terms = split_terms (query);
  if (terms->len == 0)
    return g_steal_pointer (&hits);

  search_plan_init (&plan, terms);

  if (plan.words->len > 0)
    {
      g_autoptr(GString) sql = g_string_new (NULL);
      int param = 2;

      g_string_append (sql,
                       "SELECT c.id, snippet (case_words, -1, '', '', '…', 12), NULL"
                       " FROM case_words JOIN cases c ON c.rowid = case_words.rowid"
                       " WHERE case_words MATCH ?1");
      append_unspaced_conditions (sql, &plan, "case_words.rowid", TRUE, &param);
      g_string_append_printf (sql, " ORDER BY case_words.rank LIMIT ?%d", param);
      ok = search_collect (self, sql->str, &plan, plan.words->str, TRUE, limit, seen, hits,
                           error);
    }

  if (ok && hits->len < limit && plan.substring_ok)
    {
      g_autoptr(GString) sql = g_string_new (NULL);
      int param = 1;

      if (plan.all_grams->len > 0)
        {
          g_string_append (sql,
                           "SELECT c.id, snippet (case_grams, -1, '', '', '…', 24), NULL"
                           " FROM case_grams JOIN cases c ON c.rowid = case_grams.rowid"
                           " WHERE case_grams MATCH ?1");
          param = 2;
          append_unspaced_conditions (sql, &plan, "case_grams.rowid", FALSE, &param);
          g_string_append_printf (sql, " ORDER BY case_grams.rank LIMIT ?%d", param);
          ok = search_collect (self, sql->str, &plan, plan.all_grams->str, FALSE, limit, seen,
                               hits, error);
        }
      else
        {
          /* Only one- or two-character Chinese terms: too short for the
           * trigram index, so a scan, newest first. */
          g_string_append (sql,
                           "SELECT c.id, NULL, " CASE_TEXT_BODY
                           " FROM case_text JOIN cases c ON c.rowid = case_text.case_rowid"
                           " WHERE 1");
          append_unspaced_conditions (sql, &plan, "case_text.case_rowid", FALSE, &param);
          g_string_append_printf (sql, " ORDER BY c.updated_at DESC LIMIT ?%d", param);
          ok = search_collect (self, sql->str, &plan, NULL, FALSE, limit, seen, hits, error);
        }
    }

  search_plan_clear (&plan);

  if (!ok)
    return NULL;
  return g_steal_pointer (&hits);
}

/* --- Drafts ------------------------------------------------------------------ */

void
rd_store_set_draft (RdStore    *self,
                    const char *case_id,
                    const char *text)
{
  g_autoptr(RdStoreStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RD_IS_STORE (self));
  g_return_if_fail (case_id != NULL);

  if (text == NULL || *text == '\0')
    {
      stmt = store_prepare (self, "DELETE FROM drafts WHERE case_id = ?1", &error);
      if (stmt != NULL)
        bind_text (stmt, 1, case_id);
    }
  else
    {
      stmt = store_prepare (self,
                            "INSERT INTO drafts (case_id, text, updated_at) VALUES (?1, ?2, ?3)"
                            " ON CONFLICT (case_id) DO UPDATE SET text = excluded.text,"
                            " updated_at = excluded.updated_at",
                            &error);
      if (stmt != NULL)
        {
          bind_text (stmt, 1, case_id);
          bind_text (stmt, 2, text);
          sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
        }
    }

  if (stmt == NULL || !store_step_done (self, stmt, &error))
    g_warning ("rd-store: saving a draft: %s", error->message);
}

char *
rd_store_get_draft (RdStore    *self,
                    const char *case_id)
{
  g_autoptr(RdStoreStmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  stmt = store_prepare (self, "SELECT text FROM drafts WHERE case_id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return col_text (stmt, 0);
}

/* --- Machine translations ----------------------------------------------------- */

/* sha256 over the four parts, each ended by a NUL so that no two different
 * sets of parts give the same bytes. */
static char *
translation_key (const char *service,
                 const char *source_lang,
                 const char *target_lang,
                 const char *text)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = { service, source_lang, target_lang, text };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_checksum_update (sum, (const guchar *) parts[i], strlen (parts[i]) + 1);
  return g_strdup (g_checksum_get_string (sum));
}

char *
rd_store_get_translation (RdStore     *self,
                          const char  *service,
                          const char  *source_lang,
                          const char  *target_lang,
                          const char  *text,
                          char       **service_name)
{
  g_autoptr(RdStoreStmt) stmt = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (service != NULL && source_lang != NULL && target_lang != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  key = translation_key (service, source_lang, target_lang, text);
  stmt = store_prepare (self,
                        "SELECT translated_text, service_name FROM translations WHERE key = ?1",
                        NULL);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  if (service_name != NULL)
    *service_name = col_text (stmt, 1);
  return col_text (stmt, 0);
}

gboolean
rd_store_put_translation (RdStore     *self,
                          const char  *service,
                          const char  *source_lang,
                          const char  *target_lang,
                          const char  *text,
                          const char  *translation,
                          const char  *service_name,
                          GError     **error)
{
  g_autoptr(RdStoreStmt) stmt = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (service != NULL && source_lang != NULL && target_lang != NULL, FALSE);
  g_return_val_if_fail (text != NULL && translation != NULL && service_name != NULL, FALSE);

  key = translation_key (service, source_lang, target_lang, text);
  stmt = store_prepare (self,
                        "INSERT INTO translations (key, translated_text, service_name, created_at)"
                        " VALUES (?1, ?2, ?3, ?4)"
                        " ON CONFLICT (key) DO UPDATE SET translated_text = excluded.translated_text,"
                        " service_name = excluded.service_name, created_at = excluded.created_at",
                        error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  bind_text (stmt, 2, translation);
  bind_text (stmt, 3, service_name);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  return store_step_done (self, stmt, error);
}

/* --- The outbox -------------------------------------------------------------- */

static const char * const outbox_states[] = {
  [RD_OUTBOX_PENDING] = "pending",
  [RD_OUTBOX_CONFLICTED] = "conflicted",
  [RD_OUTBOX_FAILED] = "failed",
};

static const char * const outbox_kinds[] = {
  [RD_OUTBOX_KIND_CASE] = "case",
  [RD_OUTBOX_KIND_EVIDENCE] = "evidence",
  [RD_OUTBOX_KIND_ACTION] = "action",
};

static gboolean
word_lookup (const char * const *words,
             guint               n_words,
             const char         *word,
             guint              *out)
{
  for (guint i = 0; word != NULL && i < n_words; i++)
    {
      if (g_strcmp0 (words[i], word) == 0)
        {
          *out = i;
          return TRUE;
        }
    }
  return FALSE;
}

RdOutboxEntry *
rd_outbox_entry_new (void)
{
  return g_new0 (RdOutboxEntry, 1);
}

void
rd_outbox_entry_free (RdOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->case_id);
  g_free (entry->body);
  g_free (entry->last_error);
  g_free (entry->file_path);
  g_free (entry->filename);
  g_free (entry->mime);
  g_clear_pointer (&entry->created_at, g_date_time_unref);
  g_free (entry);
}

#define OUTBOX_COLUMNS \
  "seq, id, kind, case_id, body, base_version, state, last_error, attempts, file_path," \
  " filename, mime, created_at"

static RdOutboxEntry *
outbox_entry_from_row (sqlite3_stmt *stmt)
{
  RdOutboxEntry *entry = rd_outbox_entry_new ();
  guint value;

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->id = col_text (stmt, 1);
  if (word_lookup (outbox_kinds, G_N_ELEMENTS (outbox_kinds), col_str (stmt, 2), &value))
    entry->kind = value;
  entry->case_id = col_text (stmt, 3);
  entry->body = col_text (stmt, 4);
  entry->base_version = sqlite3_column_int64 (stmt, 5);
  if (word_lookup (outbox_states, G_N_ELEMENTS (outbox_states), col_str (stmt, 6), &value))
    entry->state = value;
  entry->last_error = col_text (stmt, 7);
  entry->attempts = (guint) sqlite3_column_int64 (stmt, 8);
  entry->file_path = col_text (stmt, 9);
  entry->filename = col_text (stmt, 10);
  entry->mime = col_text (stmt, 11);
  entry->created_at = col_time (stmt, 12);
  return entry;
}

static void
emit_outbox_changed (RdStore    *self,
                     const char *case_id)
{
  g_signal_emit (self, signals[SIGNAL_OUTBOX_CHANGED], 0);
  /* The timeline shows the entries still on their way. */
  emit_case_changed (self, case_id);
}

/* The case of an outbox entry, or NULL. */
static char *
outbox_case_id (RdStore    *self,
                const char *id)
{
  g_autoptr(RdStoreStmt) stmt = store_prepare (self, "SELECT case_id FROM outbox WHERE id = ?1",
                                               NULL);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return col_text (stmt, 0);
}

static gboolean
outbox_not_found (GError **error)
{
  g_set_error_literal (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                       _("This change is no longer waiting to be sent."));
  return FALSE;
}

gboolean
rd_store_outbox_append (RdStore        *self,
                        RdOutboxEntry  *entry,
                        GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  /* Whole seconds, as stored, so that the entry equals what a list returns. */
  g_autoptr(GDateTime) created_at = g_date_time_new_from_unix_utc (g_date_time_to_unix (now));

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (entry->id == NULL || entry->case_id == NULL ||
      (guint) entry->kind >= G_N_ELEMENTS (outbox_kinds))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID_DATA,
                           _("A change without identifier or case cannot be queued."));
      return FALSE;
    }

  if (!store_begin (self, error))
    return FALSE;

  {
    g_autoptr(RdStoreStmt) stmt = NULL;

    stmt = store_prepare (self,
                          "INSERT INTO outbox (id, kind, case_id, body, base_version, state,"
                          " last_error, attempts, file_path, filename, mime, created_at)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, 'pending', NULL, 0, ?6, ?7, ?8, ?9)",
                          error);
    if (stmt == NULL)
      goto fail;
    bind_text (stmt, 1, entry->id);
    bind_text (stmt, 2, outbox_kinds[entry->kind]);
    bind_text (stmt, 3, entry->case_id);
    bind_text (stmt, 4, entry->body);
    sqlite3_bind_int64 (stmt, 5, entry->base_version);
    bind_text (stmt, 6, entry->file_path);
    bind_text (stmt, 7, entry->filename);
    bind_text (stmt, 8, entry->mime);
    bind_time (stmt, 9, created_at);
    if (!store_step_done (self, stmt, error))
      goto fail;
  }

  entry->seq = sqlite3_last_insert_rowid (self->db);

  if (!store_commit (self, error))
    goto fail;

  entry->state = RD_OUTBOX_PENDING;
  entry->attempts = 0;
  g_clear_pointer (&entry->last_error, g_free);
  g_clear_pointer (&entry->created_at, g_date_time_unref);
  entry->created_at = g_date_time_ref (created_at);

  emit_outbox_changed (self, entry->case_id);
  return TRUE;

fail:
  store_rollback (self);
  return FALSE;
}

GPtrArray *
rd_store_outbox_list (RdStore     *self,
                      const char  *case_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(RdStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  if (case_id != NULL)
    {
      stmt = store_prepare (self,
                            "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE case_id = ?1 ORDER BY seq",
                            error);
      if (stmt != NULL)
        bind_text (stmt, 1, case_id);
    }
  else
    stmt = store_prepare (self, "SELECT " OUTBOX_COLUMNS " FROM outbox ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_outbox_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, outbox_entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      store_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

RdOutboxEntry *
rd_store_outbox_get (RdStore    *self,
                     const char *id)
{
  g_autoptr(RdStoreStmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = store_prepare (self, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return outbox_entry_from_row (stmt);
}

/* Runs one single-statement write of an outbox entry, then signals. */
static gboolean
outbox_update (RdStore      *self,
               const char   *id,
               sqlite3_stmt *stmt,
               GError      **error)
{
  g_autofree char *case_id = outbox_case_id (self, id);

  if (!store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return outbox_not_found (error);

  sqlite3_reset (stmt);
  emit_outbox_changed (self, case_id);
  return TRUE;
}

/* A try that failed and will be tried again (pending with a reason) counts
 * as an attempt; so does the try that ended in a conflict or a refusal. */
gboolean
rd_store_outbox_mark (RdStore        *self,
                      const char     *id,
                      RdOutboxState   state,
                      const char     *last_error,
                      GError        **error)
{
  g_autoptr(RdStoreStmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (outbox_states), FALSE);

  stmt = store_prepare (self,
                        "UPDATE outbox SET state = ?2, last_error = ?3,"
                        " attempts = attempts + ?4 WHERE id = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  bind_text (stmt, 2, outbox_states[state]);
  bind_text (stmt, 3, last_error);
  sqlite3_bind_int (stmt, 4, state == RD_OUTBOX_PENDING && last_error != NULL ? 1 : 0);
  return outbox_update (self, id, stmt, error);
}

gboolean
rd_store_outbox_reapply (RdStore     *self,
                         const char  *id,
                         gint64       base_version,
                         GError     **error)
{
  g_autoptr(RdStoreStmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  stmt = store_prepare (self,
                        "UPDATE outbox SET base_version = ?2, state = 'pending', last_error = NULL"
                        " WHERE id = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, base_version);
  return outbox_update (self, id, stmt, error);
}

gboolean
rd_store_outbox_remove (RdStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(RdStoreStmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  stmt = store_prepare (self, "DELETE FROM outbox WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  return outbox_update (self, id, stmt, error);
}

guint
rd_store_outbox_count (RdStore *self)
{
  g_autoptr(RdStoreStmt) stmt = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), 0);

  stmt = store_prepare (self, "SELECT count(*) FROM outbox", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/* --- GObject ----------------------------------------------------------------- */

static void
rd_store_finalize (GObject *object)
{
  RdStore *self = (RdStore *) object;

  /* Statements first: a connection with live statements does not close. */
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  self->db = NULL;
  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (rd_store_parent_class)->finalize (object);
}

static void
rd_store_class_init (RdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_store_finalize;

  /**
   * RdStore::case-changed:
   * @case_id: the case that was written, removed, marked seen, or whose
   *   outbox entries changed
   */
  signals[SIGNAL_CASE_CHANGED] =
    g_signal_new ("case-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * RdStore::outbox-changed:
   *
   * After every write to the outbox.
   */
  signals[SIGNAL_OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
rd_store_init (RdStore *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) sqlite3_finalize);
}
