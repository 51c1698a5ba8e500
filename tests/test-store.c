/* test-store.c — the local cache as the user meets it: what sync stores is
 * read back whole, pages land all or nothing, the lists show the right cases
 * in the right order from each role's point of view, search finds words
 * without their accents and Chinese by substring, and nothing typed offline
 * is lost (outbox, drafts) across restarts, migrations and cache resets.
 *
 * Every test works on its own database in a fresh temporary folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rd-codec.h"
#include "rd-error.h"
#include "rd-store.h"

/* 2026-03-01T00:00:00Z: every time in these tests is counted from here. */
#define T0 G_GINT64_CONSTANT (1772323200)

/* --- Fixture: a temporary folder and the store's file in it ----------------- */

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
} Fixture;

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("redress-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "redress.db", NULL);
}

static void
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = rd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_open_setup (Fixture       *f,
                    gconstpointer  data)
{
  fixture_setup (f, data);
  fixture_open (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* --- Raw SQLite, to look at the file from outside ----------------------------- */

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The first column of the first row of a query, with @text bound to ?1. */
static gint64
raw_int (sqlite3    *db,
         const char *sql,
         const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Every object of the schema, whitespace aside, one per line. */
static char *
raw_schema (const char *path)
{
  sqlite3 *db = raw_open (path);
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT type, name, tbl_name, ifnull (sql, '')"
                                       " FROM sqlite_master ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < 4; i++)
        {
          for (const char *p = (const char *) sqlite3_column_text (stmt, i); *p; p++)
            if (!g_ascii_isspace (*p))
              g_string_append_c (out, *p);
          g_string_append_c (out, '|');
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* Both search indexes agree with the text they index (FTS5's own check),
 * after updates and removals. */
static void
assert_search_index_intact (const char *path)
{
  sqlite3 *db = raw_open (path);

  raw_exec (db, "INSERT INTO case_words (case_words, rank) VALUES ('integrity-check', 1)");
  raw_exec (db, "INSERT INTO case_grams (case_grams, rank) VALUES ('integrity-check', 1)");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM case_text", NULL), ==,
                   raw_int (db, "SELECT count(*) FROM cases", NULL));
  sqlite3_close (db);
}

/* --- Building cases and orders ------------------------------------------------- */

static GDateTime *
at_minutes (gint64 minutes)
{
  return g_date_time_new_from_unix_utc (T0 + minutes * 60);
}

static char *
case_uuid (guint n)
{
  return g_strdup_printf ("c0000000-0000-4000-8000-%012u", n);
}

static RdEvent *
add_event (RdCase      *kase,
           RdEventType  type,
           RdRole       role,
           const char  *text)
{
  RdEvent *event = rd_event_new ();

  event->id = g_strdup_printf ("%s-e%u", kase->id, kase->events->len);
  event->at = g_date_time_ref (kase->updated_at);
  event->actor = role == RD_ROLE_SELLER ? rd_party_copy (kase->seller) : rd_party_copy (kase->buyer);
  event->actor_role = role;
  event->type = type;
  if (type == RD_EVENT_TYPE_MESSAGE)
    {
      event->text = g_strdup (text);
      event->lang = g_strdup ("en");
    }
  g_ptr_array_add (kase->events, event);
  return event;
}

static void
add_message (RdCase     *kase,
             RdRole      role,
             const char *text)
{
  add_event (kase, RD_EVENT_TYPE_MESSAGE, role, text);
}

/* Case number @n in @status with @turn, due @due_hours after T0 (0: no
 * deadline), last updated @updated minutes after T0. */
static RdCase *
make_case (guint     n,
           RdStatus  status,
           RdTurn    turn,
           gint64    due_hours,
           gint64    updated)
{
  RdCase *kase = rd_case_new ();

  kase->id = case_uuid (n);
  kase->version = 1;
  kase->order_id = g_strdup_printf ("order-%u", n);
  kase->order_number = g_strdup_printf ("RD-%05u", n);
  kase->item = rd_order_item_new ();
  kase->item->sku = g_strdup ("SKU-1");
  kase->item->title = g_strdup_printf ("Widget %u", n);
  kase->item->quantity = 1;
  kase->item->unit_price = rd_money_new (1999, "EUR");
  kase->buyer = rd_party_new ("u-ana", "Ana");
  kase->seller = rd_party_new ("u-kai", "Kai's Gadgets");
  kase->reason = RD_REASON_DEFECTIVE;
  kase->requested_type = RD_OUTCOME_TYPE_FULL_REFUND;
  kase->description = g_strdup ("It stopped working.");
  kase->lang = g_strdup ("en");
  kase->status = status;
  kase->turn = turn;
  if (due_hours > 0)
    {
      kase->respond_by = g_date_time_new_from_unix_utc (T0 + due_hours * 3600);
      kase->on_expiry = RD_EXPIRY_ESCALATE;
    }
  kase->created_at = at_minutes (updated - 600);
  kase->updated_at = at_minutes (updated);
  if (status == RD_STATUS_RESOLVED)
    {
      g_autoptr(RdMoney) refund = rd_money_new (1999, "EUR");

      kase->resolution = rd_resolution_new (RD_RESOLUTION_OUTCOME_REFUNDED, refund,
                                            RD_RESOLUTION_BY_SELLER, kase->updated_at);
    }
  else
    kase->allowed_actions = (1u << RD_ACTION_TYPE_MESSAGE) | (1u << RD_ACTION_TYPE_WITHDRAW);
  add_event (kase, RD_EVENT_TYPE_CREATED, RD_ROLE_BUYER, NULL);
  return kase;
}

static void
add_offer_and_evidence (RdCase *kase)
{
  RdOffer *offer = rd_offer_new ();
  RdEvidence *evidence = rd_evidence_new ();
  RdEvent *event;

  offer->id = g_strdup ("offer-1");
  offer->type = RD_OUTCOME_TYPE_PARTIAL_REFUND;
  offer->amount = rd_money_new (500, "EUR");
  offer->note = g_strdup ("Half of it back?");
  offer->status = RD_OFFER_STATUS_PENDING;
  offer->at = g_date_time_ref (kase->updated_at);
  g_ptr_array_add (kase->offers, offer);
  event = add_event (kase, RD_EVENT_TYPE_OFFER, RD_ROLE_SELLER, NULL);
  event->offer_id = g_strdup ("offer-1");

  evidence->id = g_strdup ("e0000000-0000-4000-8000-000000000001");
  evidence->filename = g_strdup ("photo.jpg");
  evidence->mime = g_strdup ("image/jpeg");
  evidence->size = 12345;
  evidence->sha256 = g_strnfill (64, 'a');
  evidence->by = rd_party_copy (kase->buyer);
  evidence->role = RD_ROLE_BUYER;
  evidence->at = g_date_time_ref (kase->updated_at);
  g_ptr_array_add (kase->evidence, evidence);
  event = add_event (kase, RD_EVENT_TYPE_EVIDENCE, RD_ROLE_BUYER, NULL);
  event->evidence_ids = g_strsplit (evidence->id, " ", -1);
}

static RdOrder *
make_order (guint  n,
            gint64 ordered)
{
  RdOrder *order = rd_order_new ();
  RdOrderItem *item = rd_order_item_new ();

  order->id = g_strdup_printf ("order-%u", n);
  order->number = g_strdup_printf ("RD-%05u", n);
  order->buyer = rd_party_new ("u-ana", "Ana");
  order->seller = rd_party_new ("u-kai", "Kai's Gadgets");
  item->sku = g_strdup ("SKU-1");
  item->title = g_strdup_printf ("Widget %u", n);
  item->quantity = 2;
  item->unit_price = rd_money_new (1999, "EUR");
  g_ptr_array_add (order->items, item);
  order->total = rd_money_new (3998, "EUR");
  order->ordered_at = at_minutes (ordered);
  order->shipped_at = at_minutes (ordered + 60);
  order->carrier = g_strdup ("DHL");
  order->tracking = g_strdup ("JJD000123");
  order->return_window_days = 30;
  order->warranty_months = 24;
  return order;
}

static RdChanges *
page_new (const char *cursor)
{
  RdChanges *page = rd_changes_new ();

  page->cursor = g_strdup (cursor);
  return page;
}

/* The text of a node, which is then dropped. */
static char *
json_text (JsonNode *node)
{
  char *text = rd_codec_to_string (node, NULL);

  json_node_unref (node);
  return text;
}

static char *
case_json (RdCase *kase)
{
  return json_text (rd_codec_case_to_json (kase));
}

static void
assert_same_case (RdCase *actual,
                  RdCase *expected)
{
  g_autoptr(JsonNode) a = rd_codec_case_to_json (actual);
  g_autoptr(JsonNode) e = rd_codec_case_to_json (expected);
  g_autofree char *a_text = rd_codec_to_string (a, NULL);
  g_autofree char *e_text = rd_codec_to_string (e, NULL);

  g_assert_cmpstr (a_text, ==, e_text);
}

static void
apply (RdStore   *store,
       RdChanges *page)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_store_apply_changes (store, page, &error));
  g_assert_no_error (error);
}

/* Stores the cases given (owned), up to NULL, in one page with @cursor. */
static void
apply_cases (RdStore    *store,
             const char *cursor,
             RdCase     *kase,
             ...)
{
  g_autoptr(RdChanges) page = page_new (cursor);
  va_list args;

  va_start (args, kase);
  for (; kase != NULL; kase = va_arg (args, RdCase *))
    g_ptr_array_add (page->cases, kase);
  va_end (args);
  apply (store, page);
}

/* --- Signals ---------------------------------------------------------------- */

typedef struct
{
  GPtrArray *case_ids;
  guint      outbox;
} Recorder;

static void
on_case_changed (RdStore    *store,
                 const char *case_id,
                 Recorder   *recorder)
{
  g_ptr_array_add (recorder->case_ids, g_strdup (case_id));
}

static void
on_outbox_changed (RdStore  *store,
                   Recorder *recorder)
{
  recorder->outbox++;
}

static void
recorder_init (Recorder *recorder,
               RdStore  *store)
{
  recorder->case_ids = g_ptr_array_new_with_free_func (g_free);
  recorder->outbox = 0;
  g_signal_connect (store, "case-changed", G_CALLBACK (on_case_changed), recorder);
  g_signal_connect (store, "outbox-changed", G_CALLBACK (on_outbox_changed), recorder);
}

static void
recorder_clear (Recorder *recorder,
                RdStore  *store)
{
  g_signal_handlers_disconnect_by_data (store, recorder);
  g_clear_pointer (&recorder->case_ids, g_ptr_array_unref);
}

static gboolean
recorder_saw (Recorder   *recorder,
              const char *case_id)
{
  for (guint i = 0; i < recorder->case_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (recorder->case_ids, i), case_id) == 0)
      return TRUE;
  return FALSE;
}

/* --- Opening ------------------------------------------------------------------ */

static void
test_open_create (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *nested = g_build_filename (f->dir, "deeper", "redress", "redress.db", NULL);
  g_autofree char *folder = g_path_get_dirname (nested);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  GStatBuf st;
  sqlite3 *db;

  store = rd_store_open (nested, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (rd_store_get_path (store), ==, nested);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));

  /* The folder is private to the user. */
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Empty and current. */
  g_assert_null (rd_store_get_cursor (store));
  g_assert_null (rd_store_get_user (store));
  g_assert_cmpuint (rd_store_count_cases (store, RD_CASE_FILTER_ALL), ==, 0);
  g_assert_cmpuint (rd_store_outbox_count (store), ==, 0);

  db = raw_open (nested);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version", NULL), ==, RD_STORE_SCHEMA_VERSION);
  sqlite3_close (db);
  g_assert_cmpuint (RD_STORE_SCHEMA_VERSION, >=, 2);

  /* Opened again, it is the same database, not migrated twice. */
  g_clear_object (&store);
  store = rd_store_open (nested, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

static void
test_open_default_path (void)
{
  g_autofree char *path = rd_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "redress", "redress.db",
                                                NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_open_pragmas (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RdCase) kase = make_case (1, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 0);
  g_autoptr(RdChanges) gone = page_new ("c-2");
  g_autofree char *mode = NULL;
  sqlite3 *db;

  add_offer_and_evidence (kase);
  apply_cases (f->store, "c-1", g_object_ref (kase), NULL);

  db = raw_open (f->path);
  mode = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM events WHERE case_id = ?1", kase->id), ==, 3);

  /* Foreign keys are on in the store's connection: removing a case takes its
   * timeline with it. */
  gone->removed = g_strsplit (kase->id, " ", -1);
  apply (f->store, gone);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM events WHERE case_id = ?1", kase->id), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM offers WHERE case_id = ?1", kase->id), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM evidence WHERE case_id = ?1", kase->id), ==,
                   0);
  sqlite3_close (db);
}

static void
test_open_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (":memory:", &error);
  g_autoptr(RdCase) kase = make_case (1, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 0);
  g_autoptr(RdCase) back = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (rd_store_get_path (store), ==, ":memory:");
  apply_cases (store, "c-1", g_object_ref (kase), NULL);
  back = rd_store_get_case (store, kase->id, &error);
  g_assert_no_error (error);
  assert_same_case (back, kase);
}

static void
test_open_not_a_database (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;

  g_assert_true (g_file_set_contents (f->path, "This is a letter, not a database.\n"
                                      "It is long enough to look like a header, surely.\n"
                                      "And a bit more text to be sure of it.\n", -1, NULL));
  store = rd_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, RD_ERROR, RD_ERROR_STORE);
}

/* --- Migrations ------------------------------------------------------------- */

static void
raw_run (sqlite3    *db,
         const char *sql,
         const char *first,
         ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  int i = 1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  va_start (args, first);
  for (const char *text = first; i <= sqlite3_bind_parameter_count (stmt); text = va_arg (args, const char *), i++)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  va_end (args);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
}

/* A database exactly as version 1 wrote it, with one user, one order, one
 * case with a German message, a cursor and a change waiting to be sent. */
static void
write_v1_database (const char *path,
                   RdCase     *kase,
                   RdOrder    *order)
{
  g_autofree char *schema = NULL;
  g_autofree char *schema_path = g_test_build_filename (G_TEST_DIST, "data", "store",
                                                        "schema-v1.sql", NULL);
  g_autofree char *doc = case_json (kase);
  g_autofree char *order_doc = json_text (rd_codec_order_to_json (order));
  g_autofree char *updated = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              g_date_time_to_unix (kase->updated_at));
  g_autofree char *due = g_strdup_printf ("%" G_GINT64_FORMAT,
                                          g_date_time_to_unix (kase->respond_by));
  g_autofree char *ordered = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              g_date_time_to_unix (order->ordered_at));
  RdEvent *message = g_ptr_array_index (kase->events, 1);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_file_get_contents (schema_path, &schema, NULL, &error);
  g_assert_no_error (error);

  db = raw_open (path);
  raw_exec (db, "BEGIN");
  raw_exec (db, schema);
  raw_exec (db, "PRAGMA user_version = 1");
  raw_run (db, "INSERT INTO users (id, name, role, locale, is_current)"
               " VALUES (?1, ?2, 'buyer', 'de_DE', 1)", "u-ana", "Ana");
  raw_run (db, "INSERT INTO orders (id, number, buyer_id, buyer_name, seller_id, seller_name,"
               " total_amount, total_currency, ordered_at, doc)"
               " VALUES (?1, ?2, 'u-ana', 'Ana', 'u-kai', 'Kai', 3998, 'EUR', ?3, ?4)",
           order->id, order->number, ordered, order_doc);
  raw_run (db, "INSERT INTO order_items (order_id, idx, sku, title, quantity, unit_amount,"
               " unit_currency) VALUES (?1, 0, 'SKU-1', ?2, 2, 1999, 'EUR')",
           order->id, "Widget 1");
  raw_run (db, "INSERT INTO cases (id, version, order_id, order_number, item_sku, item_title,"
               " item_quantity, item_amount, item_currency, buyer_id, buyer_name, seller_id,"
               " seller_name, reason, requested_type, description, lang, status, turn,"
               " respond_by, on_expiry, due_key, allowed_actions, created_at, updated_at,"
               " seen_version, doc)"
               " VALUES (?1, 1, ?2, ?3, 'SKU-1', ?4, 1, 1999, 'EUR', 'u-ana', 'Ana', 'u-kai',"
               " ?5, 'defective', 'full_refund', ?6, 'en', 'awaiting_buyer', 'buyer', ?7,"
               " 'escalate', ?7, 0, ?8, ?8, 0, ?9)",
           kase->id, kase->order_id, kase->order_number, kase->item->title,
           kase->seller->name, kase->description, due, updated, doc);
  raw_run (db, "INSERT INTO events (case_id, idx, id, at, actor_id, actor_name, actor_role,"
               " type) VALUES (?1, 0, ?2, ?3, 'u-ana', 'Ana', 'buyer', 'created')",
           kase->id, ((RdEvent *) g_ptr_array_index (kase->events, 0))->id, updated);
  raw_run (db, "INSERT INTO events (case_id, idx, id, at, actor_id, actor_name, actor_role,"
               " type, text, lang) VALUES (?1, 1, ?2, ?3, 'u-kai', 'Kai', 'seller', 'message',"
               " ?4, 'de')",
           kase->id, message->id, updated, message->text);
  raw_run (db, "INSERT INTO outbox (id, kind, case_id, body, base_version, state, created_at)"
               " VALUES (?1, 'action', ?2, ?3, 1, 'pending', ?4)",
           "a0000000-0000-4000-8000-000000000001", kase->id,
           "{\"id\":\"a0000000-0000-4000-8000-000000000001\",\"type\":\"withdraw\"}", updated);
  raw_run (db, "INSERT INTO sync_state (id, cursor) VALUES (1, ?1)", "cursor-v1");
  raw_exec (db, "COMMIT");
  sqlite3_close (db);
}

static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RdCase) kase = make_case (1, RD_STATUS_AWAITING_BUYER, RD_TURN_BUYER, 48, 10);
  g_autoptr(RdOrder) order = make_order (1, -1000);
  g_autoptr(RdCase) back = NULL;
  g_autoptr(RdOrder) order_back = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) needs_me = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *translation = NULL;
  g_autofree char *fresh_path = g_build_filename (f->dir, "fresh.db", NULL);
  g_autofree char *migrated_schema = NULL;
  g_autofree char *fresh_schema = NULL;
  g_autoptr(RdStore) fresh = NULL;
  RdSearchHit *hit;
  g_autoptr(RdUser) user = NULL;
  guint total = 0;
  sqlite3 *db;

  g_free (kase->item->title);
  kase->item->title = g_strdup ("Fahrradhalterung");
  add_message (kase, RD_ROLE_SELLER, "Die Lieferung nach München war pünktlich.");
  write_v1_database (f->path, kase, order);

  fixture_open (f);

  db = raw_open (f->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version", NULL), ==, RD_STORE_SCHEMA_VERSION);
  sqlite3_close (db);

  /* The data is all there... */
  back = rd_store_get_case (f->store, kase->id, &error);
  g_assert_no_error (error);
  assert_same_case (back, kase);
  order_back = rd_store_get_order (f->store, order->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (order_back->number, ==, order->number);
  cursor = rd_store_get_cursor (f->store);
  g_assert_cmpstr (cursor, ==, "cursor-v1");
  outbox = rd_store_outbox_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (((RdOutboxEntry *) g_ptr_array_index (outbox, 0))->case_id, ==, kase->id);
  user = rd_store_get_user (f->store);
  g_assert_nonnull (user);
  g_assert_cmpstr (user->id, ==, "u-ana");
  g_assert_cmpint (user->role, ==, RD_ROLE_BUYER);
  needs_me = rd_store_list_cases (f->store, RD_CASE_FILTER_NEEDS_ME, 0, 50, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpstr (((RdCase *) g_ptr_array_index (needs_me, 0))->id, ==, kase->id);
  g_assert_true (rd_store_case_has_news (f->store, kase->id));

  /* ...the search index was built from it, messages included... */
  hits = rd_store_search (f->store, "munchen", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->case_id, ==, kase->id);
  g_assert_nonnull (strstr (hit->snippet, "München"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = rd_store_search (f->store, "halterung", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  assert_search_index_intact (f->path);

  /* ...and what version 2 added works. */
  rd_store_set_draft (f->store, kase->id, "Danke!");
  draft = rd_store_get_draft (f->store, kase->id);
  g_assert_cmpstr (draft, ==, "Danke!");

  /* ...and so does what version 3 added. */
  g_assert_true (rd_store_put_translation (f->store, "apertium http://127.0.0.1:1/", "de", "en",
                                           "Die Lieferung nach München war pünktlich.",
                                           "The delivery to Munich was on time.",
                                           "Apertium", &error));
  g_assert_no_error (error);
  translation = rd_store_get_translation (f->store, "apertium http://127.0.0.1:1/", "de", "en",
                                          "Die Lieferung nach München war pünktlich.", NULL);
  g_assert_cmpstr (translation, ==, "The delivery to Munich was on time.");

  /* Migrated, the schema is the one a new database gets. */
  fresh = rd_store_open (fresh_path, &error);
  g_assert_no_error (error);
  migrated_schema = raw_schema (f->path);
  fresh_schema = raw_schema (fresh_path);
  g_assert_cmpstr (migrated_schema, ==, fresh_schema);
}

/* A database as version 2 left it (the v1 one, migrated, less what version 3
 * added) keeps its draft, case and outbox when it moves to version 3. */
static void
test_migrate_v2 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RdCase) kase = make_case (1, RD_STATUS_AWAITING_BUYER, RD_TURN_BUYER, 48, 10);
  g_autoptr(RdOrder) order = make_order (1, -1000);
  g_autoptr(RdCase) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *translation = NULL;
  g_autofree char *service_name = NULL;
  sqlite3 *db;

  g_assert_cmpuint (RD_STORE_SCHEMA_VERSION, >=, 3);

  add_message (kase, RD_ROLE_SELLER, "Die Lieferung nach München war pünktlich.");
  write_v1_database (f->path, kase, order);
  fixture_open (f);
  rd_store_set_draft (f->store, kase->id, "Noch eine Frage");
  g_clear_object (&f->store);

  db = raw_open (f->path);
  raw_exec (db, "DROP TABLE translations; PRAGMA user_version = 2;");
  sqlite3_close (db);

  fixture_open (f);
  db = raw_open (f->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version", NULL), ==, RD_STORE_SCHEMA_VERSION);
  sqlite3_close (db);

  back = rd_store_get_case (f->store, kase->id, &error);
  g_assert_no_error (error);
  assert_same_case (back, kase);
  draft = rd_store_get_draft (f->store, kase->id);
  g_assert_cmpstr (draft, ==, "Noch eine Frage");
  g_assert_cmpuint (rd_store_outbox_count (f->store), ==, 1);

  g_assert_null (rd_store_get_translation (f->store, "apertium http://127.0.0.1:1/", "de", "en",
                                           "Danke", NULL));
  g_assert_true (rd_store_put_translation (f->store, "apertium http://127.0.0.1:1/", "de", "en",
                                           "Danke", "Thanks", "Apertium", &error));
  g_assert_no_error (error);
  translation = rd_store_get_translation (f->store, "apertium http://127.0.0.1:1/", "de", "en",
                                          "Danke", &service_name);
  g_assert_cmpstr (translation, ==, "Thanks");
  g_assert_cmpstr (service_name, ==, "Apertium");
}

static void
test_migrate_too_new (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u", RD_STORE_SCHEMA_VERSION + 1);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = NULL;
  gsize before_len, after_len;
  sqlite3 *db;

  db = raw_open (f->path);
  raw_exec (db, "CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('from the future');");
  raw_exec (db, sql);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));

  store = rd_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, RD_ERROR, RD_ERROR_STORE_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Redress"));

  /* Untouched: same bytes, still in its own journal mode. */
  g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* --- Sync pages ----------------------------------------------------------------- */

static void
test_changes_apply (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RdChanges) page = page_new ("cursor-1");
  g_autoptr(RdCase) first = make_case (1, RD_STATUS_AWAITING_BUYER, RD_TURN_BUYER, 48, 10);
  g_autoptr(RdCase) second = make_case (2, RD_STATUS_RESOLVED, RD_TURN_NONE, 0, 20);
  g_autoptr(RdCase) back = NULL;
  g_autoptr(RdOrder) order_back = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  Recorder recorder;
  const char *expected_types[] = { "created", "message", "offer", "evidence", "message" };

  recorder_init (&recorder, f->store);

  add_message (first, RD_ROLE_BUYER, "The hinge snapped after two days.");
  add_offer_and_evidence (first);
  add_message (first, RD_ROLE_SELLER, "Sorry to hear that.");
  second->rating = rd_rating_new (4, "Quick and fair");
  g_ptr_array_add (page->orders, make_order (1, -2000));
  g_ptr_array_add (page->orders, make_order (2, -1000));
  g_ptr_array_add (page->cases, g_object_ref (first));
  g_ptr_array_add (page->cases, g_object_ref (second));

  g_assert_null (rd_store_get_cursor (f->store));
  apply (f->store, page);

  cursor = rd_store_get_cursor (f->store);
  g_assert_cmpstr (cursor, ==, "cursor-1");

  /* The whole case comes back, its timeline in order. */
  back = rd_store_get_case (f->store, first->id, &error);
  g_assert_no_error (error);
  assert_same_case (back, first);
  g_assert_cmpuint (back->events->len, ==, G_N_ELEMENTS (expected_types));
  for (guint i = 0; i < back->events->len; i++)
    g_assert_cmpstr (rd_event_type_to_string (((RdEvent *) g_ptr_array_index (back->events, i))->type),
                     ==, expected_types[i]);
  g_assert_cmpuint (back->offers->len, ==, 1);
  g_assert_cmpuint (back->evidence->len, ==, 1);
  g_clear_object (&back);

  back = rd_store_get_case (f->store, second->id, &error);
  g_assert_no_error (error);
  assert_same_case (back, second);
  g_clear_object (&back);

  back = rd_store_get_case (f->store, "c0000000-0000-4000-8000-999999999999", &error);
  g_assert_null (back);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Orders: one by id, all newest first. */
  order_back = rd_store_get_order (f->store, "order-2", &error);
  g_assert_no_error (error);
  {
    g_autoptr(RdOrder) expected = make_order (2, -1000);
    g_autofree char *a = json_text (rd_codec_order_to_json (order_back));
    g_autofree char *e = json_text (rd_codec_order_to_json (expected));

    g_assert_cmpstr (a, ==, e);
  }
  g_assert_null (rd_store_get_order (f->store, "order-404", &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  orders = rd_store_list_orders (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      RdOrder *listed = g_ptr_array_index (orders, i);
      g_autoptr(RdOrder) expected = make_order (2 - i, -1000 * (gint64) (i + 1));
      g_autofree char *a = json_text (rd_codec_order_to_json (listed));
      g_autofree char *e = json_text (rd_codec_order_to_json (expected));

      g_assert_cmpstr (a, ==, e);
    }

  /* The UI heard of both cases, after the fact. */
  g_assert_cmpuint (recorder.case_ids->len, ==, 2);
  g_assert_true (recorder_saw (&recorder, first->id));
  g_assert_true (recorder_saw (&recorder, second->id));
  g_assert_cmpuint (recorder.outbox, ==, 0);
  recorder_clear (&recorder, f->store);
}

static void
test_changes_version (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RdCase) v3 = make_case (1, RD_STATUS_AWAITING_BUYER, RD_TURN_BUYER, 48, 30);
  g_autoptr(RdCase) v2 = make_case (1, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 20);
  g_autoptr(RdCase) v4 = make_case (1, RD_STATUS_RESOLVED, RD_TURN_NONE, 0, 40);
  g_autoptr(RdCase) back = NULL;
  g_autoptr(GError) error = NULL;
  Recorder recorder;

  v3->version = 3;
  add_message (v3, RD_ROLE_SELLER, "version three");
  v2->version = 2;
  add_message (v2, RD_ROLE_SELLER, "version two");
  v4->version = 4;

  apply_cases (f->store, "c-1", g_object_ref (v3), NULL);
  recorder_init (&recorder, f->store);

  /* A late, older copy changes nothing and tells nobody. */
  apply_cases (f->store, "c-2", g_object_ref (v2), NULL);
  back = rd_store_get_case (f->store, v3->id, &error);
  g_assert_no_error (error);
  assert_same_case (back, v3);
  g_assert_cmpuint (recorder.case_ids->len, ==, 0);
  g_assert_cmpuint (rd_store_count_cases (f->store, RD_CASE_FILTER_UNDER_REVIEW), ==, 0);
  {
    g_autoptr(GPtrArray) hits = rd_store_search (f->store, "two", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 0);
  }
  g_clear_object (&back);

  /* put_case follows the same rule. */
  g_assert_true (rd_store_put_case (f->store, v2, &error));
  g_assert_no_error (error);
  back = rd_store_get_case (f->store, v3->id, &error);
  assert_same_case (back, v3);
  g_clear_object (&back);
  g_assert_cmpuint (recorder.case_ids->len, ==, 0);

  /* The same version again is written (a replay is harmless). */
  g_assert_true (rd_store_put_case (f->store, v3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recorder.case_ids->len, ==, 1);

  /* A newer one replaces it, timeline and all. */
  g_assert_true (rd_store_put_case (f->store, v4, &error));
  g_assert_no_error (error);
  back = rd_store_get_case (f->store, v3->id, &error);
  g_assert_no_error (error);
  assert_same_case (back, v4);
  g_assert_cmpuint (back->events->len, ==, 1);
  g_assert_cmpuint (recorder.case_ids->len, ==, 2);
  g_assert_true (recorder_saw (&recorder, v4->id));
  g_assert_cmpuint (rd_store_count_cases (f->store, RD_CASE_FILTER_RESOLVED), ==, 1);
  {
    g_autoptr(GPtrArray) hits = rd_store_search (f->store, "three", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 0);
  }
  assert_search_index_intact (f->path);
  recorder_clear (&recorder, f->store);
}

static void
test_changes_removed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RdCase) keep = make_case (1, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 10);
  g_autoptr(RdCase) drop = make_case (2, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 20);
  g_autoptr(RdChanges) page = page_new ("c-2");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) back = NULL;
  g_autofree char *cursor = NULL;
  Recorder recorder;

  add_message (drop, RD_ROLE_BUYER, "zebra crossing");
  apply_cases (f->store, "c-1", g_object_ref (keep), g_object_ref (drop), NULL);

  recorder_init (&recorder, f->store);
  page->removed = g_new0 (char *, 3);
  page->removed[0] = g_strdup (drop->id);
  page->removed[1] = case_uuid (77);  /* never cached: nothing to do */
  apply (f->store, page);

  back = rd_store_get_case (f->store, drop->id, &error);
  g_assert_null (back);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  all = rd_store_list_all_cases (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (((RdCase *) g_ptr_array_index (all, 0))->id, ==, keep->id);
  hits = rd_store_search (f->store, "zebra", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  cursor = rd_store_get_cursor (f->store);
  g_assert_cmpstr (cursor, ==, "c-2");
  g_assert_cmpuint (recorder.case_ids->len, ==, 1);
  g_assert_true (recorder_saw (&recorder, drop->id));
  assert_search_index_intact (f->path);
  recorder_clear (&recorder, f->store);
}

/* A page that fails half-way leaves neither its cases nor its cursor. */
static void
test_changes_atomic (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RdChanges) bad = page_new ("c-2");
  g_autoptr(RdCase) good = make_case (2, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 10);
  g_autoptr(RdCase) broken = make_case (3, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *cursor = NULL;
  Recorder recorder;

  apply_cases (f->store, "c-1", make_case (1, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 0),
               NULL);
  recorder_init (&recorder, f->store);

  g_free (good->item->title);
  good->item->title = g_strdup ("Aquarium");
  g_clear_pointer (&broken->id, g_free);
  g_ptr_array_add (bad->orders, make_order (2, 0));
  g_ptr_array_add (bad->cases, g_object_ref (good));
  g_ptr_array_add (bad->cases, g_object_ref (broken));

  g_assert_false (rd_store_apply_changes (f->store, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  cursor = rd_store_get_cursor (f->store);
  g_assert_cmpstr (cursor, ==, "c-1");
  g_assert_null (rd_store_get_case (f->store, good->id, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (rd_store_get_order (f->store, "order-2", &error));
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_count_cases (f->store, RD_CASE_FILTER_ALL), ==, 1);
  hits = rd_store_search (f->store, "aquarium", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_cmpuint (recorder.case_ids->len, ==, 0);

  /* The store is not left inside a transaction: the next page lands. */
  g_ptr_array_remove_index (bad->cases, 1);
  apply (f->store, bad);
  g_clear_pointer (&cursor, g_free);
  cursor = rd_store_get_cursor (f->store);
  g_assert_cmpstr (cursor, ==, "c-2");
  g_assert_cmpuint (rd_store_count_cases (f->store, RD_CASE_FILTER_ALL), ==, 2);
  recorder_clear (&recorder, f->store);
}

/* The same when the database itself refuses a row in the middle (as a full
 * disk would): a trigger aborts the insert of one case. */
static void
test_changes_atomic_database (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RdChanges) bad = page_new ("c-2");
  g_autoptr(RdCase) good = make_case (2, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 10);
  g_autoptr(RdCase) poison = make_case (3, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 10);
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *trigger = NULL;
  sqlite3 *db;

  apply_cases (f->store, "c-1", make_case (1, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 0),
               NULL);
  g_clear_object (&f->store);

  /* Our own constant id, not user data. */
  trigger = g_strdup_printf ("CREATE TRIGGER poison BEFORE INSERT ON cases"
                             " WHEN NEW.id = '%s' BEGIN SELECT RAISE (ABORT, 'disk on fire'); END",
                             poison->id);
  db = raw_open (f->path);
  raw_exec (db, trigger);
  sqlite3_close (db);
  fixture_open (f);

  g_ptr_array_add (bad->cases, g_object_ref (good));
  g_ptr_array_add (bad->cases, g_object_ref (poison));
  g_assert_false (rd_store_apply_changes (f->store, bad, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "disk on fire"));
  g_clear_error (&error);

  cursor = rd_store_get_cursor (f->store);
  g_assert_cmpstr (cursor, ==, "c-1");
  g_assert_cmpuint (rd_store_count_cases (f->store, RD_CASE_FILTER_ALL), ==, 1);
  g_assert_false (rd_store_case_has_news (f->store, good->id));

  g_ptr_array_remove_index (bad->cases, 1);
  apply (f->store, bad);
  g_assert_cmpuint (rd_store_count_cases (f->store, RD_CASE_FILTER_ALL), ==, 2);
}

/* --- Filters ------------------------------------------------------------------ */

/* Thirteen cases covering every status and turn, with deadlines and updates
 * chosen so that each ordering rule decides somewhere. */
static void
apply_filter_cases (RdStore *store)
{
  g_autoptr(RdChanges) page = page_new ("c-1");
  static const struct
  {
    RdStatus status;
    RdTurn   turn;
    gint64   due_hours;
    gint64   updated;
  } rows[] = {
    [1] = { RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 48, 10 },
    [2] = { RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 5 },
    [3] = { RD_STATUS_AWAITING_BUYER, RD_TURN_BUYER, 72, 20 },
    [4] = { RD_STATUS_AWAITING_BUYER, RD_TURN_BUYER, 12, 1 },
    [5] = { RD_STATUS_RETURN_PENDING, RD_TURN_BUYER, 100, 30 },
    [6] = { RD_STATUS_RETURN_PENDING, RD_TURN_SELLER, 0, 40 },
    [7] = { RD_STATUS_UNDER_REVIEW, RD_TURN_AGENT, 0, 50 },
    [8] = { RD_STATUS_UNDER_REVIEW, RD_TURN_AGENT, 0, 60 },
    [9] = { RD_STATUS_RESOLVED, RD_TURN_NONE, 0, 70 },
    [10] = { RD_STATUS_RESOLVED, RD_TURN_NONE, 0, 80 },
    [11] = { RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 0, 90 },
    [12] = { RD_STATUS_AWAITING_BUYER, RD_TURN_BUYER, 12, 95 },
    /* Resolved, yet the turn left at the buyer (say, to rate): nobody's
     * move for the lists. */
    [13] = { RD_STATUS_RESOLVED, RD_TURN_BUYER, 0, 75 },
  };

  for (guint n = 1; n < G_N_ELEMENTS (rows); n++)
    g_ptr_array_add (page->cases, make_case (n, rows[n].status, rows[n].turn, rows[n].due_hours,
                                             rows[n].updated));
  apply (store, page);
}

static void
set_role (RdStore *store,
          RdRole   role)
{
  g_autoptr(RdUser) user = rd_user_new ();
  g_autoptr(GError) error = NULL;

  user->id = g_strdup_printf ("u-%s", rd_role_to_string (role));
  user->name = g_strdup ("Somebody");
  user->role = role;
  user->locale = g_strdup ("en_GB");
  g_assert_true (rd_store_set_user (store, user, &error));
  g_assert_no_error (error);
}

static char *
describe_ids (GPtrArray *cases)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < cases->len; i++)
    {
      const char *id = ((RdCase *) g_ptr_array_index (cases, i))->id;

      g_string_append_printf (out, "%s%u", i > 0 ? " " : "",
                              (guint) g_ascii_strtoull (id + 24, NULL, 10));
    }
  return g_string_free (out, FALSE);
}

/* The case numbers of one filter, in order, as text ("12 4 3 5"). */
static void
assert_filter (RdStore      *store,
               RdCaseFilter  filter,
               const char   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *got = NULL;
  g_auto(GStrv) words = g_strsplit (expected, " ", -1);
  guint n = *expected != '\0' ? g_strv_length (words) : 0;
  guint total = 12345;

  cases = rd_store_list_cases (store, filter, 0, 50, &total, &error);
  g_assert_no_error (error);
  got = describe_ids (cases);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpuint (total, ==, n);
  g_assert_cmpuint (rd_store_count_cases (store, filter), ==, n);

  /* Lists carry no timeline. */
  for (guint i = 0; i < cases->len; i++)
    {
      RdCase *kase = g_ptr_array_index (cases, i);

      g_assert_cmpuint (kase->events->len, ==, 0);
      g_assert_cmpuint (kase->offers->len, ==, 0);
      g_assert_cmpuint (kase->evidence->len, ==, 0);
    }
}

typedef struct
{
  RdRole      role;
  const char *needs_me;
  const char *waiting_other;
} FilterView;

static const FilterView filter_views[] = {
  { RD_ROLE_BUYER, "12 4 3 5", "2 1 11 6" },
  { RD_ROLE_SELLER, "2 1 11 6", "12 4 3 5" },
  { RD_ROLE_AGENT, "8 7", "12 4 2 1 3 5 11 6" },
};

static void
test_filters_view (Fixture       *f,
                   gconstpointer  data)
{
  const FilterView *view = data;

  apply_filter_cases (f->store);
  set_role (f->store, view->role);

  assert_filter (f->store, RD_CASE_FILTER_NEEDS_ME, view->needs_me);
  assert_filter (f->store, RD_CASE_FILTER_WAITING_OTHER, view->waiting_other);
  assert_filter (f->store, RD_CASE_FILTER_RETURN_PENDING, "5 6");
  assert_filter (f->store, RD_CASE_FILTER_UNDER_REVIEW, "8 7");
  assert_filter (f->store, RD_CASE_FILTER_RESOLVED, "10 13 9");
  /* Open by deadline (the tie by update), open without one, then resolved. */
  assert_filter (f->store, RD_CASE_FILTER_ALL, "12 4 2 1 3 5 11 8 7 6 10 13 9");
}

static void
test_filters_no_user (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RdUser) user = rd_user_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RdUser) stored = NULL;
  g_autoptr(RdUser) copy = NULL;
  g_autoptr(RdUser) other = NULL;

  apply_filter_cases (f->store);

  /* Nobody logged in: nothing is anybody's turn. */
  assert_filter (f->store, RD_CASE_FILTER_NEEDS_ME, "");
  assert_filter (f->store, RD_CASE_FILTER_WAITING_OTHER, "");
  assert_filter (f->store, RD_CASE_FILTER_ALL, "12 4 2 1 3 5 11 8 7 6 10 13 9");

  /* The user is kept across a restart, and the caller's object is not. */
  user->id = g_strdup ("u-kai");
  user->name = g_strdup ("Kai");
  user->role = RD_ROLE_SELLER;
  user->locale = g_strdup ("de_DE");
  g_assert_true (rd_store_set_user (f->store, user, &error));
  g_assert_no_error (error);
  g_free (user->name);
  user->name = g_strdup ("Changed afterwards");
  copy = rd_store_get_user (f->store);
  g_assert_cmpstr (copy->name, ==, "Kai");
  fixture_open (f);
  stored = rd_store_get_user (f->store);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->id, ==, "u-kai");
  g_assert_cmpstr (stored->name, ==, "Kai");
  g_assert_cmpint (stored->role, ==, RD_ROLE_SELLER);
  g_assert_cmpstr (stored->locale, ==, "de_DE");
  assert_filter (f->store, RD_CASE_FILTER_NEEDS_ME, "2 1 11 6");

  /* Another user replaces the first as the current one. */
  set_role (f->store, RD_ROLE_BUYER);
  fixture_open (f);
  other = rd_store_get_user (f->store);
  g_assert_cmpstr (other->id, ==, "u-buyer");
  assert_filter (f->store, RD_CASE_FILTER_NEEDS_ME, "12 4 3 5");
}

static void
test_filters_paging (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RdChanges) page = page_new ("c-1");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  GDateTime *previous_due = NULL;
  gint64 previous_updated = G_MAXINT64;
  guint sizes[] = { 50, 50, 20, 0 };

  /* 120 open cases awaiting the seller; every third without a deadline,
   * deadlines repeating so that updates break ties. */
  for (guint n = 1; n <= 120; n++)
    g_ptr_array_add (page->cases, make_case (n, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER,
                                             n % 3 == 0 ? 0 : 10 + (n * 7) % 13, n));
  apply (f->store, page);
  set_role (f->store, RD_ROLE_SELLER);

  for (guint p = 0; p < G_N_ELEMENTS (sizes); p++)
    {
      g_autoptr(GPtrArray) cases = NULL;
      guint total = 0;

      cases = rd_store_list_cases (f->store, RD_CASE_FILTER_NEEDS_ME, p * 50, 50, &total, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (total, ==, 120);
      g_assert_cmpuint (cases->len, ==, sizes[p]);

      for (guint i = 0; i < cases->len; i++)
        {
          RdCase *kase = g_ptr_array_index (cases, i);
          gint64 updated = g_date_time_to_unix (kase->updated_at);

          /* Each case once, across all pages. */
          g_assert_false (g_hash_table_contains (seen, kase->id));
          g_hash_table_add (seen, g_strdup (kase->id));

          /* In order across page boundaries: deadlines rise, none last,
           * ties newest first. */
          if (previous_updated != G_MAXINT64)
            {
              if (previous_due != NULL && kase->respond_by != NULL)
                {
                  gint cmp = g_date_time_compare (previous_due, kase->respond_by);

                  g_assert_cmpint (cmp, <=, 0);
                  if (cmp == 0)
                    g_assert_cmpint (previous_updated, >, updated);
                }
              else if (previous_due == NULL)
                {
                  g_assert_null (kase->respond_by);
                  g_assert_cmpint (previous_updated, >, updated);
                }
            }
          g_clear_pointer (&previous_due, g_date_time_unref);
          previous_due = kase->respond_by ? g_date_time_ref (kase->respond_by) : NULL;
          previous_updated = updated;
        }
    }
  g_clear_pointer (&previous_due, g_date_time_unref);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 120);
}

static void
test_list_all_cases (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RdCase) open = make_case (1, RD_STATUS_AWAITING_BUYER, RD_TURN_BUYER, 48, 10);
  g_autoptr(RdCase) done = make_case (2, RD_STATUS_RESOLVED, RD_TURN_NONE, 0, 20);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  open->requested_type = RD_OUTCOME_TYPE_PARTIAL_REFUND;
  open->requested_amount = rd_money_new (700, "EUR");
  open->reason = RD_REASON_NOT_AS_DESCRIBED;
  add_offer_and_evidence (open);
  done->rating = rd_rating_new (5, "Great");
  apply_cases (f->store, "c-1", g_object_ref (open), g_object_ref (done), NULL);

  all = rd_store_list_all_cases (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);

  /* Built from the columns, each equals its case but for the timeline. */
  for (guint i = 0; i < 2; i++)
    {
      RdCase *listed = g_ptr_array_index (all, i);
      RdCase *original = i == 0 ? open : done;
      g_autoptr(RdCase) bare = rd_store_get_case (f->store, original->id, &error);

      g_assert_no_error (error);
      g_ptr_array_set_size (bare->events, 0);
      g_ptr_array_set_size (bare->offers, 0);
      g_ptr_array_set_size (bare->evidence, 0);
      assert_same_case (listed, bare);
    }
}

/* --- Search --------------------------------------------------------------------- */

static void
apply_search_cases (RdStore *store)
{
  g_autoptr(RdChanges) page = page_new ("c-1");
  RdCase *kase;

  kase = make_case (1, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 10);
  g_free (kase->item->title);
  kase->item->title = g_strdup ("Handyhalterung");
  rd_party_free (kase->buyer);
  kase->buyer = rd_party_new ("u-jurgen", "Jürgen Weiß");
  g_free (kase->description);
  kase->description = g_strdup ("Geliefert nach München,\nGehäuse gebrochen.");
  add_message (kase, RD_ROLE_BUYER, "Ich habe Fotos geschickt.");
  g_ptr_array_add (page->cases, kase);

  kase = make_case (2, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 20);
  g_free (kase->item->title);
  kase->item->title = g_strdup ("手机支架");
  rd_party_free (kase->seller);
  kase->seller = rd_party_new ("u-sz", "深圳电子");
  g_free (kase->description);
  kase->description = g_strdup ("收到的手机支架坏了");
  add_message (kase, RD_ROLE_BUYER, "请尽快退款");
  g_ptr_array_add (page->cases, kase);

  kase = make_case (3, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 30);
  g_free (kase->item->title);
  kase->item->title = g_strdup ("Bike lamp");
  g_free (kase->order_number);
  kase->order_number = g_strdup ("RD-77777");
  g_free (kase->description);
  kase->description = g_strdup ("The LAMP flickers.");
  g_ptr_array_add (page->cases, kase);

  kase = make_case (4, RD_STATUS_RESOLVED, RD_TURN_NONE, 0, 40);
  g_free (kase->item->title);
  kase->item->title = g_strdup ("Oak desk");
  g_free (kase->description);
  kase->description = g_strdup ("A sturdy desk arrived with a scratch on the left side and a "
                                "wobbly leg, and the drawer does not close; the seller also "
                                "forgot the lamp that was part of the bundle, which I paid "
                                "for separately in the same order last month.");
  g_ptr_array_add (page->cases, kase);

  apply (store, page);
}

static GPtrArray *
search (RdStore    *store,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = rd_store_search (store, query, 20, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

/* The case numbers found, in order ("3 4"). */
static char *
search_ids (RdStore    *store,
            const char *query)
{
  g_autoptr(GPtrArray) hits = search (store, query);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      RdSearchHit *hit = g_ptr_array_index (hits, i);

      g_string_append_printf (out, "%s%u", i > 0 ? " " : "",
                              (guint) g_ascii_strtoull (hit->case_id + 24, NULL, 10));
    }
  return g_string_free (out, FALSE);
}

#define assert_search(store, query, expected) \
  G_STMT_START { \
    g_autofree char *_got = search_ids ((store), (query)); \
    g_assert_cmpstr (_got, ==, (expected)); \
  } G_STMT_END

static void
test_search_accents (Fixture       *f,
                     gconstpointer  data)
{
  apply_search_cases (f->store);

  assert_search (f->store, "munchen", "1");
  assert_search (f->store, "München", "1");
  assert_search (f->store, "MUNCHEN", "1");
  assert_search (f->store, "gehause gebrochen", "1");
  assert_search (f->store, "jurgen", "1");
  assert_search (f->store, "weiss", "");  /* ß is a letter, not an accent */
  /* A word being typed already matches. */
  assert_search (f->store, "münch", "1");
  /* Messages are searched too. */
  assert_search (f->store, "fotos", "1");
  /* Every word must match. */
  assert_search (f->store, "munchen lamp", "");
}

static void
test_search_case_and_rank (Fixture       *f,
                           gconstpointer  data)
{
  apply_search_cases (f->store);

  /* The bike lamp (in its title and description) before the desk whose long
   * description mentions a lamp once. */
  assert_search (f->store, "lamp", "3 4");
  assert_search (f->store, "LAMP", "3 4");
  assert_search (f->store, "Lamp", "3 4");
  assert_search (f->store, "rd-77777", "3");
  assert_search (f->store, "77777", "3");
  /* Inside a word, by substring. */
  assert_search (f->store, "halterung", "1");
  assert_search (f->store, "nothing-like-this", "");
}

static void
test_search_chinese (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;
  RdSearchHit *hit;

  apply_search_cases (f->store);

  assert_search (f->store, "手机支架", "2");
  assert_search (f->store, "支架坏了", "2");
  assert_search (f->store, "尽快退款", "2");
  assert_search (f->store, "深圳电子", "2");
  /* Shorter than the trigram index: found all the same. */
  assert_search (f->store, "支架", "2");
  assert_search (f->store, "退", "2");
  assert_search (f->store, "手机 坏了", "2");
  assert_search (f->store, "汽车", "");
  assert_search (f->store, "手机支架 lamp", "");

  hits = search (f->store, "手机支架");
  hit = g_ptr_array_index (hits, 0);
  g_assert_nonnull (strstr (hit->snippet, "手机支架"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "退");
  hit = g_ptr_array_index (hits, 0);
  g_assert_nonnull (strstr (hit->snippet, "退款"));
}

static void
test_search_syntax (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const queries[] = {
    "\"", "\"munchen", "munchen\"", "\"\"", "*", "lamp*", "*lamp", "OR", "lamp OR desk",
    "AND", "NOT lamp", "-lamp", "+lamp", "NEAR(", "NEAR(lamp desk)", "NEAR(lamp, 2)", "(", ")",
    "()", "lamp:", "title:lamp", "{title}:lamp", "^lamp", "'", "\\", "%", "_", "%%_", ";",
    "'; DROP TABLE cases; --", "lamp\"); DROP TABLE cases; --", ":", "\t", "   ", "", "…",
    "\xe2\x80\x8b", "a", "ab", "手", "\"手机支架\"", "手机支架*", "* * *", "lamp AND",
  };

  apply_search_cases (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = rd_store_search (f->store, queries[i], 20, &error);

      g_assert_no_error (error);
      g_assert_nonnull (hits);
    }

  /* Syntax characters are only text: a quoted word still finds its case,
   * and nothing was dropped. */
  assert_search (f->store, "\"munchen", "1");
  assert_search (f->store, "lamp*", "3 4");
  assert_search (f->store, "NEAR(lamp", "");
  assert_search (f->store, "\"手机支架\"", "2");
  g_assert_cmpuint (rd_store_count_cases (f->store, RD_CASE_FILTER_ALL), ==, 4);
}

static void
test_search_snippets (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const queries[] = { "munchen", "lamp", "fotos", "手机支架", "支架", "77777" };

  apply_search_cases (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (f->store, queries[i]);

      g_assert_cmpuint (hits->len, >, 0);
      for (guint j = 0; j < hits->len; j++)
        {
          RdSearchHit *hit = g_ptr_array_index (hits, j);

          g_assert_nonnull (hit->snippet);
          g_assert_cmpstr (hit->snippet, !=, "");
          g_assert_true (g_utf8_validate (hit->snippet, -1, NULL));
          /* Plain text on one line: no markup, no match markers. */
          g_assert_null (strchr (hit->snippet, '<'));
          g_assert_null (strchr (hit->snippet, '>'));
          g_assert_null (strchr (hit->snippet, '\n'));
          g_assert_null (strchr (hit->snippet, '['));
        }
    }

  {
    g_autoptr(GPtrArray) hits = search (f->store, "munchen");
    RdSearchHit *hit = g_ptr_array_index (hits, 0);

    g_assert_nonnull (strstr (hit->snippet, "Geliefert nach München, Gehäuse gebrochen."));
  }
  {
    g_autoptr(GPtrArray) hits = search (f->store, "lamp");
    RdSearchHit *hit = g_ptr_array_index (hits, 1);

    /* A long text is cut around the match. */
    g_assert_nonnull (strstr (hit->snippet, "lamp"));
    g_assert_cmpuint (g_utf8_strlen (hit->snippet, -1), <, 120);
  }
}

static void
test_search_limit (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RdChanges) page = page_new ("c-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  for (guint n = 1; n <= 30; n++)
    g_ptr_array_add (page->cases, make_case (n, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 0, n));
  apply (f->store, page);

  hits = rd_store_search (f->store, "widget", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 7);
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* A substring of a word, from the trigram index, honours it too. */
  hits = rd_store_search (f->store, "idget", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 7);
}

/* --- News -------------------------------------------------------------------- */

static void
test_news (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RdCase) kase = make_case (1, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 10);
  g_autoptr(RdCase) newer = make_case (1, RD_STATUS_AWAITING_BUYER, RD_TURN_BUYER, 48, 20);
  g_autoptr(GError) error = NULL;
  Recorder recorder;

  apply_cases (f->store, "c-1", g_object_ref (kase), NULL);
  recorder_init (&recorder, f->store);

  /* Never opened: news. */
  g_assert_true (rd_store_case_has_news (f->store, kase->id));
  rd_store_mark_seen (f->store, kase->id);
  g_assert_false (rd_store_case_has_news (f->store, kase->id));
  g_assert_cmpuint (recorder.case_ids->len, ==, 1);
  g_assert_true (recorder_saw (&recorder, kase->id));

  /* Seen twice is no change. */
  rd_store_mark_seen (f->store, kase->id);
  g_assert_cmpuint (recorder.case_ids->len, ==, 1);

  /* The same version again keeps it seen; a new one is news. */
  g_assert_true (rd_store_put_case (f->store, kase, &error));
  g_assert_false (rd_store_case_has_news (f->store, kase->id));
  newer->version = 2;
  g_assert_true (rd_store_put_case (f->store, newer, &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_case_has_news (f->store, kase->id));

  /* Across a restart. */
  rd_store_mark_seen (f->store, kase->id);
  recorder_clear (&recorder, f->store);
  fixture_open (f);
  g_assert_false (rd_store_case_has_news (f->store, kase->id));

  /* A case not cached has nothing to tell. */
  g_assert_false (rd_store_case_has_news (f->store, "c0000000-0000-4000-8000-999999999999"));
  rd_store_mark_seen (f->store, "c0000000-0000-4000-8000-999999999999");
}

/* --- Drafts -------------------------------------------------------------------- */

static void
test_drafts (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = case_uuid (1);
  g_autofree char *other = case_uuid (2);
  char *text;

  g_assert_null (rd_store_get_draft (f->store, id));

  rd_store_set_draft (f->store, id, "Dear seller, the");
  rd_store_set_draft (f->store, other, "尊敬的卖家");
  rd_store_set_draft (f->store, id, "Dear seller, the hinge");

  /* Typed text survives a restart. */
  fixture_open (f);
  text = rd_store_get_draft (f->store, id);
  g_assert_cmpstr (text, ==, "Dear seller, the hinge");
  g_free (text);
  text = rd_store_get_draft (f->store, other);
  g_assert_cmpstr (text, ==, "尊敬的卖家");
  g_free (text);

  /* Emptied, it is gone. */
  rd_store_set_draft (f->store, id, "");
  g_assert_null (rd_store_get_draft (f->store, id));
  rd_store_set_draft (f->store, other, NULL);
  g_assert_null (rd_store_get_draft (f->store, other));
}

/* --- Machine translations ------------------------------------------------------- */

#define APY "apertium http://127.0.0.1:2737/"
#define LIBRE "libretranslate https://lt.example/"

static void
test_translations (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *text;
  char *name = NULL;

  g_assert_null (rd_store_get_translation (f->store, APY, "en", "es", "Thanks", NULL));

  g_assert_true (rd_store_put_translation (f->store, APY, "en", "es", "Thanks", "Gracias",
                                           "Apertium", &error));
  g_assert_no_error (error);

  /* Only the same text, languages and service find it. */
  text = rd_store_get_translation (f->store, APY, "en", "es", "Thanks", &name);
  g_assert_cmpstr (text, ==, "Gracias");
  g_assert_cmpstr (name, ==, "Apertium");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&name, g_free);
  g_assert_null (rd_store_get_translation (f->store, APY, "en", "es", "Thanks!", NULL));
  g_assert_null (rd_store_get_translation (f->store, APY, "en", "ca", "Thanks", NULL));
  g_assert_null (rd_store_get_translation (f->store, APY, "es", "en", "Thanks", NULL));
  g_assert_null (rd_store_get_translation (f->store, LIBRE, "en", "es", "Thanks", NULL));
  /* The parts do not run into each other. */
  g_assert_null (rd_store_get_translation (f->store, APY, "en", "e", "sThanks", NULL));

  /* A new translation of the same text replaces the old one. */
  g_assert_true (rd_store_put_translation (f->store, APY, "en", "es", "Thanks", "¡Gracias!",
                                           "Apertium", &error));
  g_assert_no_error (error);

  /* It survives a restart and a reset of the cache of cases. */
  fixture_open (f);
  g_assert_true (rd_store_reset_cache (f->store, &error));
  g_assert_no_error (error);
  text = rd_store_get_translation (f->store, APY, "en", "es", "Thanks", NULL);
  g_assert_cmpstr (text, ==, "¡Gracias!");
  g_free (text);
}

/* --- The outbox ---------------------------------------------------------------- */

static RdOutboxEntry *
make_entry (guint         n,
            RdOutboxKind  kind,
            const char   *case_id)
{
  RdOutboxEntry *entry = rd_outbox_entry_new ();

  entry->id = g_strdup_printf ("a0000000-0000-4000-8000-%012u", n);
  entry->kind = kind;
  entry->case_id = g_strdup (case_id);
  entry->base_version = 3;
  if (kind == RD_OUTBOX_KIND_EVIDENCE)
    {
      entry->file_path = g_strdup ("/home/ana/.local/share/redress/evidence/1.jpg");
      entry->filename = g_strdup ("Photo of the hinge.jpg");
      entry->mime = g_strdup ("image/jpeg");
    }
  else
    entry->body = g_strdup_printf ("{\"id\":\"%s\",\"type\":\"message\",\"text\":\"n%u\"}",
                                   entry->id, n);
  return entry;
}

static void
append (RdStore       *store,
        RdOutboxEntry *entry)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_store_outbox_append (store, entry, &error));
  g_assert_no_error (error);
}

static void
test_outbox_append_list (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *case_a = case_uuid (1);
  g_autofree char *case_b = case_uuid (2);
  g_autoptr(RdOutboxEntry) first = make_entry (3, RD_OUTBOX_KIND_ACTION, case_a);
  g_autoptr(RdOutboxEntry) second = make_entry (1, RD_OUTBOX_KIND_EVIDENCE, case_b);
  g_autoptr(RdOutboxEntry) third = make_entry (2, RD_OUTBOX_KIND_CASE, case_a);
  g_autoptr(RdOutboxEntry) got = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) of_a = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  RdOutboxEntry *e;

  first->state = RD_OUTBOX_FAILED;  /* ignored: a new entry is pending */
  first->attempts = 9;
  append (f->store, first);
  append (f->store, second);
  append (f->store, third);

  g_assert_cmpint (first->seq, <, second->seq);
  g_assert_cmpint (second->seq, <, third->seq);
  g_assert_cmpint (first->state, ==, RD_OUTBOX_PENDING);
  g_assert_cmpuint (first->attempts, ==, 0);
  g_assert_nonnull (first->created_at);
  g_assert_cmpint (g_date_time_to_unix (first->created_at), >=, g_date_time_to_unix (before));
  g_assert_cmpuint (rd_store_outbox_count (f->store), ==, 3);

  /* An id is applied once: the same one again is refused. */
  {
    g_autoptr(RdOutboxEntry) again = make_entry (3, RD_OUTBOX_KIND_ACTION, case_a);

    g_assert_false (rd_store_outbox_append (f->store, again, &error));
    g_assert_error (error, RD_ERROR, RD_ERROR_STORE);
    g_clear_error (&error);
    g_assert_cmpuint (rd_store_outbox_count (f->store), ==, 3);
  }

  /* In creation order, not by id; everything kept; across a restart. */
  fixture_open (f);
  all = rd_store_outbox_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (((RdOutboxEntry *) g_ptr_array_index (all, 0))->id, ==, first->id);
  g_assert_cmpstr (((RdOutboxEntry *) g_ptr_array_index (all, 1))->id, ==, second->id);
  g_assert_cmpstr (((RdOutboxEntry *) g_ptr_array_index (all, 2))->id, ==, third->id);

  e = g_ptr_array_index (all, 1);
  g_assert_cmpint (e->seq, ==, second->seq);
  g_assert_cmpint (e->kind, ==, RD_OUTBOX_KIND_EVIDENCE);
  g_assert_cmpstr (e->case_id, ==, case_b);
  g_assert_null (e->body);
  g_assert_cmpint (e->base_version, ==, 3);
  g_assert_cmpint (e->state, ==, RD_OUTBOX_PENDING);
  g_assert_null (e->last_error);
  g_assert_cmpuint (e->attempts, ==, 0);
  g_assert_cmpstr (e->file_path, ==, second->file_path);
  g_assert_cmpstr (e->filename, ==, "Photo of the hinge.jpg");
  g_assert_cmpstr (e->mime, ==, "image/jpeg");
  g_assert_true (g_date_time_equal (e->created_at, second->created_at));

  of_a = rd_store_outbox_list (f->store, case_a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_a->len, ==, 2);
  g_assert_cmpstr (((RdOutboxEntry *) g_ptr_array_index (of_a, 0))->id, ==, first->id);
  g_assert_cmpstr (((RdOutboxEntry *) g_ptr_array_index (of_a, 1))->id, ==, third->id);
  g_assert_cmpint (((RdOutboxEntry *) g_ptr_array_index (of_a, 1))->kind, ==,
                   RD_OUTBOX_KIND_CASE);
  g_assert_cmpstr (((RdOutboxEntry *) g_ptr_array_index (of_a, 0))->body, ==, first->body);

  got = rd_store_outbox_get (f->store, third->id);
  g_assert_nonnull (got);
  g_assert_cmpint (got->seq, ==, third->seq);
  g_assert_null (rd_store_outbox_get (f->store, "a0000000-0000-4000-8000-999999999999"));
}

static void
test_outbox_mark_reapply (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *case_id = case_uuid (1);
  g_autoptr(RdOutboxEntry) entry = make_entry (1, RD_OUTBOX_KIND_ACTION, case_id);
  g_autoptr(GError) error = NULL;
  RdOutboxEntry *got;

  append (f->store, entry);

  /* A network error: still pending, one attempt, the reason kept. */
  g_assert_true (rd_store_outbox_mark (f->store, entry->id, RD_OUTBOX_PENDING,
                                       "No connection", &error));
  g_assert_no_error (error);
  got = rd_store_outbox_get (f->store, entry->id);
  g_assert_cmpint (got->state, ==, RD_OUTBOX_PENDING);
  g_assert_cmpstr (got->last_error, ==, "No connection");
  g_assert_cmpuint (got->attempts, ==, 1);
  rd_outbox_entry_free (got);

  g_assert_true (rd_store_outbox_mark (f->store, entry->id, RD_OUTBOX_PENDING,
                                       "Timed out", &error));
  got = rd_store_outbox_get (f->store, entry->id);
  g_assert_cmpuint (got->attempts, ==, 2);
  rd_outbox_entry_free (got);

  /* A conflict: kept for the user to decide. */
  g_assert_true (rd_store_outbox_mark (f->store, entry->id, RD_OUTBOX_CONFLICTED,
                                       "The case changed meanwhile", &error));
  got = rd_store_outbox_get (f->store, entry->id);
  g_assert_cmpint (got->state, ==, RD_OUTBOX_CONFLICTED);
  g_assert_cmpstr (got->last_error, ==, "The case changed meanwhile");
  g_assert_cmpuint (got->attempts, ==, 2);
  g_assert_cmpint (got->base_version, ==, 3);
  rd_outbox_entry_free (got);

  /* Re-applied on the new version: pending again, the error gone. */
  g_assert_true (rd_store_outbox_reapply (f->store, entry->id, 5, &error));
  g_assert_no_error (error);
  got = rd_store_outbox_get (f->store, entry->id);
  g_assert_cmpint (got->state, ==, RD_OUTBOX_PENDING);
  g_assert_null (got->last_error);
  g_assert_cmpint (got->base_version, ==, 5);
  g_assert_cmpstr (got->body, ==, entry->body);
  rd_outbox_entry_free (got);

  /* Refused by the platform: failed, with its reason, across a restart. */
  g_assert_true (rd_store_outbox_mark (f->store, entry->id, RD_OUTBOX_FAILED,
                                       "The text is too long", &error));
  fixture_open (f);
  got = rd_store_outbox_get (f->store, entry->id);
  g_assert_cmpint (got->state, ==, RD_OUTBOX_FAILED);
  g_assert_cmpstr (got->last_error, ==, "The text is too long");
  rd_outbox_entry_free (got);

  /* Unknown entries are an error, not a silent success. */
  g_assert_false (rd_store_outbox_mark (f->store, "nope", RD_OUTBOX_PENDING, NULL, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rd_store_outbox_reapply (f->store, "nope", 1, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_outbox_remove (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *case_id = case_uuid (1);
  g_autoptr(RdOutboxEntry) first = make_entry (1, RD_OUTBOX_KIND_ACTION, case_id);
  g_autoptr(RdOutboxEntry) second = make_entry (2, RD_OUTBOX_KIND_ACTION, case_id);
  g_autoptr(RdOutboxEntry) third = make_entry (3, RD_OUTBOX_KIND_ACTION, case_id);
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;

  append (f->store, first);
  append (f->store, second);
  g_assert_true (rd_store_outbox_remove (f->store, first->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_outbox_count (f->store), ==, 1);
  g_assert_null (rd_store_outbox_get (f->store, first->id));

  g_assert_false (rd_store_outbox_remove (f->store, first->id, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Sequence numbers are never reused: a new entry goes last. */
  append (f->store, third);
  g_assert_cmpint (third->seq, >, second->seq);
  left = rd_store_outbox_list (f->store, NULL, &error);
  g_assert_cmpuint (left->len, ==, 2);
  g_assert_cmpstr (((RdOutboxEntry *) g_ptr_array_index (left, 0))->id, ==, second->id);
  g_assert_cmpstr (((RdOutboxEntry *) g_ptr_array_index (left, 1))->id, ==, third->id);
}

static void
test_outbox_signals (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *case_id = case_uuid (7);
  g_autoptr(RdOutboxEntry) entry = make_entry (1, RD_OUTBOX_KIND_ACTION, case_id);
  g_autoptr(GError) error = NULL;
  Recorder recorder;

  recorder_init (&recorder, f->store);

  append (f->store, entry);
  g_assert_cmpuint (recorder.outbox, ==, 1);
  g_assert_cmpuint (recorder.case_ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (recorder.case_ids, 0), ==, case_id);

  rd_store_outbox_mark (f->store, entry->id, RD_OUTBOX_PENDING, "offline", &error);
  g_assert_cmpuint (recorder.outbox, ==, 2);
  rd_store_outbox_reapply (f->store, entry->id, 4, &error);
  g_assert_cmpuint (recorder.outbox, ==, 3);
  rd_store_outbox_remove (f->store, entry->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recorder.outbox, ==, 4);
  g_assert_cmpuint (recorder.case_ids->len, ==, 4);
  for (guint i = 0; i < recorder.case_ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (recorder.case_ids, i), ==, case_id);

  /* A failed write tells nobody. */
  g_assert_false (rd_store_outbox_remove (f->store, entry->id, &error));
  g_clear_error (&error);
  g_assert_cmpuint (recorder.outbox, ==, 4);
  recorder_clear (&recorder, f->store);
}

/* --- Reset ------------------------------------------------------------------- */

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RdChanges) page = page_new ("c-9");
  g_autoptr(RdOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *case_id = case_uuid (1);
  Recorder recorder;

  g_ptr_array_add (page->orders, make_order (1, 0));
  g_ptr_array_add (page->cases, make_case (1, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 0));
  g_ptr_array_add (page->cases, make_case (2, RD_STATUS_RESOLVED, RD_TURN_NONE, 0, 10));
  apply (f->store, page);
  entry = make_entry (1, RD_OUTBOX_KIND_ACTION, case_id);
  append (f->store, entry);
  rd_store_set_draft (f->store, case_id, "half a sentence");
  set_role (f->store, RD_ROLE_SELLER);

  recorder_init (&recorder, f->store);
  g_assert_true (rd_store_reset_cache (f->store, &error));
  g_assert_no_error (error);

  /* The cache is gone... */
  g_assert_cmpuint (rd_store_count_cases (f->store, RD_CASE_FILTER_ALL), ==, 0);
  g_assert_null (rd_store_get_cursor (f->store));
  orders = rd_store_list_orders (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 0);
  hits = search (f->store, "widget");
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_cmpuint (recorder.case_ids->len, ==, 2);

  /* ...what the user wrote is not. */
  g_assert_cmpuint (rd_store_outbox_count (f->store), ==, 1);
  draft = rd_store_get_draft (f->store, case_id);
  g_assert_cmpstr (draft, ==, "half a sentence");
  {
    g_autoptr(RdUser) user = rd_store_get_user (f->store);

    g_assert_nonnull (user);
  }

  /* Sync starts again from the beginning, into the same ids. */
  g_clear_pointer (&page, rd_changes_free);
  page = page_new ("c-1");
  g_ptr_array_add (page->cases, make_case (1, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, 24, 0));
  apply (f->store, page);
  g_assert_cmpuint (rd_store_count_cases (f->store, RD_CASE_FILTER_NEEDS_ME), ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "widget");
  g_assert_cmpuint (hits->len, ==, 1);
  cursor = rd_store_get_cursor (f->store);
  g_assert_cmpstr (cursor, ==, "c-1");
  assert_search_index_intact (f->path);
  recorder_clear (&recorder, f->store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_open_setup, func, fixture_teardown)
#define ADD_CLOSED(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD_CLOSED ("/store/open/create", test_open_create);
  g_test_add_func ("/store/open/default-path", test_open_default_path);
  ADD ("/store/open/wal-and-foreign-keys", test_open_pragmas);
  g_test_add_func ("/store/open/memory", test_open_memory);
  ADD_CLOSED ("/store/open/not-a-database", test_open_not_a_database);

  ADD_CLOSED ("/store/migrate/from-v1", test_migrate_v1);
  ADD_CLOSED ("/store/migrate/from-v2", test_migrate_v2);
  ADD_CLOSED ("/store/migrate/refuses-newer", test_migrate_too_new);

  ADD ("/store/changes/apply", test_changes_apply);
  ADD ("/store/changes/never-backwards", test_changes_version);
  ADD ("/store/changes/removed", test_changes_removed);
  ADD ("/store/changes/all-or-nothing", test_changes_atomic);
  ADD ("/store/changes/all-or-nothing-database", test_changes_atomic_database);

  g_test_add ("/store/filters/buyer", Fixture, &filter_views[0], fixture_open_setup,
              test_filters_view, fixture_teardown);
  g_test_add ("/store/filters/seller", Fixture, &filter_views[1], fixture_open_setup,
              test_filters_view, fixture_teardown);
  g_test_add ("/store/filters/agent", Fixture, &filter_views[2], fixture_open_setup,
              test_filters_view, fixture_teardown);
  ADD ("/store/filters/no-user", test_filters_no_user);
  ADD ("/store/filters/paging", test_filters_paging);
  ADD ("/store/list/all-cases", test_list_all_cases);

  ADD ("/store/search/accents", test_search_accents);
  ADD ("/store/search/case-and-rank", test_search_case_and_rank);
  ADD ("/store/search/chinese", test_search_chinese);
  ADD ("/store/search/syntax", test_search_syntax);
  ADD ("/store/search/snippets", test_search_snippets);
  ADD ("/store/search/limit", test_search_limit);

  ADD ("/store/news", test_news);
  ADD ("/store/drafts", test_drafts);
  ADD ("/store/translations", test_translations);

  ADD ("/store/outbox/append-and-list", test_outbox_append_list);
  ADD ("/store/outbox/mark-and-reapply", test_outbox_mark_reapply);
  ADD ("/store/outbox/remove", test_outbox_remove);
  ADD ("/store/outbox/signals", test_outbox_signals);

  ADD ("/store/reset-keeps-outbox", test_reset);

  return g_test_run ();
}
