/* test-crash.c — a syncing process killed with SIGKILL at 30 random points
 *
 * The parent starts the platform with a large generated data set and runs
 * this same program as a child (`--child ...`) that opens a store file,
 * queues a few actions, and syncs through a pass-through proxy.  At seeded
 * random moments the parent kills it with SIGKILL and restarts it.  After
 * each kill:
 *   - the store file passes PRAGMA integrity_check;
 *   - the next sync's first /changes request carries the cursor the store
 *     had at the kill (seen in the proxy's log): it resumes, never restarts;
 *   - the cases in the store never go down in number.
 * Whenever a child finishes a sync, its store must equal a clean full pull
 * (case ids and versions) with nothing pending; a new store file then starts
 * the next round.  At the end, every action any child queued (announced on
 * its standard output, or found in its outbox after a kill) is on the
 * platform exactly once, or still kept in an outbox as conflicted/failed:
 * none lost, none applied twice.
 *
 * REDRESS_CRASH_KILLS overrides the number of kills (30), for slow runs under
 * valgrind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "rd-codec.h"
#include "rd-error.h"
#include "rd-fault-proxy.h"
#include "rd-store.h"
#include "rd-sync.h"
#include "rd-test-util.h"

#define DEFAULT_KILLS     30
#define GENERATED         "2000"
#define PAGE_SIZE         50
#define SEED              20260331
#define LOGIN             "kai"

/* --- The child ------------------------------------------------------------------------------ */

static void
child_queue (RdSync  *sync,
             RdStore *store,
             GRand   *rand,
             guint    run)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = rd_store_list_all_cases (store, &error);
  g_autoptr (GPtrArray) open = g_ptr_array_new ();
  g_autoptr (GPtrArray) waiting = g_ptr_array_new ();

  if (all == NULL)
    return;
  for (guint i = 0; i < all->len; i++)
    {
      RdCase *kase = g_ptr_array_index (all, i);

      if (kase->status != RD_STATUS_RESOLVED)
        g_ptr_array_add (open, kase);
      if (kase->status == RD_STATUS_AWAITING_SELLER)
        g_ptr_array_add (waiting, kase);
    }

  for (guint k = 0; k < 5 && open->len > 0; k++)
    {
      RdCase *kase = g_ptr_array_index (open, g_rand_int_range (rand, 0, (gint32) open->len));
      g_autoptr (RdAction) msg = rd_action_new ();
      g_autofree char *id = NULL;

      msg->type = RD_ACTION_TYPE_MESSAGE;
      msg->text = g_strdup_printf ("Crash test, run %u, message %u.", run, k);
      msg->lang = g_strdup ("en");
      id = rd_sync_queue_action (sync, kase->id, msg, &error);
      g_assert_no_error (error);
      printf ("queued %s %s\n", id, kase->id);
      fflush (stdout);
    }

  /* Now and then an action that needs If-Match, after a message on the same
   * case: it only goes through if the engine re-bases it on its own message. */
  if (run % 2 == 0 && waiting->len > 0)
    {
      RdCase *kase = g_ptr_array_index (waiting,
                                        g_rand_int_range (rand, 0, (gint32) waiting->len));
      g_autoptr (RdAction) msg = rd_action_new ();
      g_autoptr (RdAction) offer = rd_action_new ();
      g_autofree char *msg_id = NULL;
      g_autofree char *offer_id = NULL;

      msg->type = RD_ACTION_TYPE_MESSAGE;
      msg->text = g_strdup_printf ("Crash test, run %u: an offer follows.", run);
      msg->lang = g_strdup ("en");
      msg_id = rd_sync_queue_action (sync, kase->id, msg, &error);
      g_assert_no_error (error);
      printf ("queued %s %s\n", msg_id, kase->id);
      fflush (stdout);

      offer->type = RD_ACTION_TYPE_OFFER;
      offer->offer_type = RD_OUTCOME_TYPE_REPLACEMENT;
      offer->offer_note = g_strdup ("A new one, sent today.");
      offer_id = rd_sync_queue_action (sync, kase->id, offer, &error);
      g_assert_no_error (error);
      printf ("queued %s %s\n", offer_id, kase->id);
      fflush (stdout);
    }
}

static int
child_main (int    argc,
            char **argv)
{
  /* --child DB URL TOKEN RUN */
  const char *db;
  const char *url;
  const char *token;
  guint run;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdApi) api = NULL;
  g_autoptr (RdSync) sync = NULL;
  g_autoptr (GRand) rand = NULL;
  g_autoptr (GAsyncResult) r = NULL;
  g_autofree char *cursor = NULL;

  g_assert_cmpint (argc, ==, 6);
  db = argv[2];
  url = argv[3];
  token = argv[4];
  run = (guint) atoi (argv[5]);

  store = rd_store_open (db, &error);
  g_assert_no_error (error);
  api = rd_api_new (url, &error);
  g_assert_no_error (error);
  rd_api_set_token (api, token);
  sync = rd_sync_new (api, store);
  rd_sync_set_follow_network (sync, FALSE);
  rd_sync_set_page_size (sync, PAGE_SIZE);

  cursor = rd_store_get_cursor (store);
  printf ("cursor %s\n", cursor != NULL ? cursor : "-");
  fflush (stdout);

  rand = g_rand_new_with_seed (SEED + run);
  child_queue (sync, store, rand, run);

  r = RD_TEST_AWAIT (rd_sync_run_async (sync, NULL, RD_TEST_CB));
  if (!rd_sync_run_finish (sync, r, &error))
    {
      printf ("failed %s\n", error->message);
      return 3;
    }
  printf ("done\n");
  fflush (stdout);
  return 0;
}

/* --- The parent -------------------------------------------------------------------------------- */

typedef struct
{
  guint kills;
  guint runs;
  guint rounds;           /* store files synced to the end */
  guint resumed_checked;  /* restarts whose first /changes was seen */
  guint killed_in_pull;   /* kills after the run's first /changes request */
  guint killed_early;     /* kills before it: starting, queueing, pushing */
  guint killed_unsent;    /* kills that left queued actions unsent */
  guint integrity_checks;
  guint queued;
  guint applied;
  guint kept;             /* conflicted or failed, kept in an outbox */
  guint lost;
  guint duplicated;
} Numbers;

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
check_integrity (const char *db)
{
  sqlite3 *conn = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db, &conn, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (conn, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (conn);
}

/* The child's end wakes the main loop (a plain identifier check would not). */
static void
on_child_waited (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *exited = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *exited = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

/* The `since` of the first /changes request in the log from @start, or
 * NULL; *@seen says whether there was one. */
static char *
first_since (GPtrArray *log,
             guint      start,
             gboolean  *seen)
{
  *seen = FALSE;
  for (guint i = start; i < log->len; i++)
    {
      const char *line = g_ptr_array_index (log, i);
      const char *p;
      const char *end;
      g_autofree char *escaped = NULL;

      if (strstr (line, " /v1/changes") == NULL)
        continue;
      *seen = TRUE;
      p = strstr (line, "since=");
      if (p == NULL)
        return NULL;
      p += strlen ("since=");
      end = strchr (p, '&');
      escaped = end != NULL ? g_strndup (p, end - p) : g_strdup (p);
      return g_uri_unescape_string (escaped, NULL);
    }
  return NULL;
}

static void
read_queued (const char *out_path,
             GHashTable *queued)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (out_path, &contents, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) words = g_strsplit (lines[i], " ", 3);

      if (g_strv_length (words) == 3 && g_str_equal (words[0], "queued"))
        g_hash_table_replace (queued, g_strdup (words[1]), g_strdup (words[2]));
    }
}

/* The store after a kill: its outbox joins what we know was queued. */
static guint
inspect_store (const char *db,
               GHashTable *queued,
               char      **cursor,
               guint      *unsent)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (db, &error);
  g_autoptr (GPtrArray) entries = NULL;

  g_assert_no_error (error);
  entries = rd_store_outbox_list (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      RdOutboxEntry *entry = g_ptr_array_index (entries, i);

      g_hash_table_replace (queued, g_strdup (entry->id), g_strdup (entry->case_id));
    }
  *cursor = rd_store_get_cursor (store);
  if (unsent != NULL)
    *unsent = entries->len;
  return rd_store_count_cases (store, RD_CASE_FILTER_ALL);
}

/* A finished round: the store equals a clean pull, nothing is pending, and
 * what is kept for the user is remembered. */
static void
check_round (const char *db,
             RdApi      *direct,
             GHashTable *kept)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (db, &error);
  g_autoptr (GHashTable) there = NULL;
  g_autoptr (GPtrArray) here = NULL;
  g_autoptr (GPtrArray) entries = NULL;

  g_assert_no_error (error);
  there = rd_test_all_cases (direct, NULL, &error);
  g_assert_no_error (error);
  here = rd_store_list_all_cases (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (here->len, ==, g_hash_table_size (there));
  for (guint i = 0; i < here->len; i++)
    {
      RdCase *mine = g_ptr_array_index (here, i);
      RdCase *theirs = g_hash_table_lookup (there, mine->id);

      g_assert_nonnull (theirs);
      g_assert_cmpint (mine->version, ==, theirs->version);
    }

  entries = rd_store_outbox_list (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      RdOutboxEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpint (entry->state, !=, RD_OUTBOX_PENDING);
      g_hash_table_add (kept, g_strdup (entry->id));
    }
}

static void
test_crash (void)
{
  static const char * const args[] = { "--generate", GENERATED, NULL };
  g_autofree char *dir = rd_test_make_tmpdir ("crash");
  RdTestPlatform *platform = rd_test_platform_start (NULL, args);
  RdFaultProxy *proxy = rd_fault_proxy_new (rd_test_platform_get_port (platform));
  g_autoptr (GError) error = NULL;
  g_autoptr (RdApi) direct = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr (GHashTable) queued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        g_object_unref);
  const char *self = g_test_get_filename (G_TEST_BUILT, "test-crash", NULL);
  const char *kills_env = g_getenv ("REDRESS_CRASH_KILLS");
  guint target = kills_env != NULL ? (guint) atoi (kills_env) : DEFAULT_KILLS;
  Numbers n = { 0 };
  g_autofree char *db = NULL;
  guint last_count = 0;
  double full_sync;
  gint64 start;

  direct = rd_test_login (rd_test_platform_get_url (platform), LOGIN, "demo", &error);
  g_assert_no_error (error);

  /* How long a clean full sync takes, to spread the kills over it. */
  {
    g_autoptr (RdTestClient) clean = rd_test_client_new (rd_test_platform_get_url (platform),
                                                         rd_test_platform_get_url (platform),
                                                         LOGIN, dir);

    rd_sync_set_page_size (clean->sync, PAGE_SIZE);
    start = g_get_monotonic_time ();
    rd_test_client_sync_ok (clean);
    full_sync = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
    g_test_message ("clean full sync: %u cases in %.2f s",
                    rd_store_count_cases (clean->store, RD_CASE_FILTER_ALL), full_sync);
  }

  db = g_strdup_printf ("%s/round-%u.db", dir, n.rounds);
  for (;;)
    {
      g_autoptr (GSubprocessLauncher) launcher = NULL;
      g_autoptr (GSubprocess) child = NULL;
      g_autofree char *out_path = g_strdup_printf ("%s/run-%u.out", dir, n.runs);
      g_autofree char *run = g_strdup_printf ("%u", n.runs);
      g_autofree char *expected_cursor = NULL;
      g_autofree char *cursor_after = NULL;
      guint log_start = rd_fault_proxy_get_log (proxy)->len;
      gboolean killed = FALSE;
      gboolean finished = FALSE;
      gboolean exited = FALSE;
      guint unsent = 0;
      guint count;

      if (g_file_test (db, G_FILE_TEST_EXISTS))
        inspect_store (db, queued, &expected_cursor, NULL);

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      child = g_subprocess_launcher_spawn (launcher, &error, self, "--child", db,
                                           rd_fault_proxy_get_url (proxy),
                                           rd_api_get_token (direct), run, NULL);
      g_assert_no_error (error);
      g_subprocess_wait_async (child, NULL, on_child_waited, &exited);
      n.runs++;

      if (n.kills < target)
        {
          /* Half of the kills in the first moments (queueing, pushing),
           * half anywhere in most of a whole sync: a round of one store
           * file usually takes several kills to finish. */
          guint delay_ms = g_rand_boolean (rand)
                           ? (guint) g_rand_double_range (rand, 0, 80)
                           : (guint) g_rand_double_range (rand, 0, full_sync * 700 + 100);

          rd_test_wait_until (flag_is_set, &exited, delay_ms);
          if (!exited)
            {
              g_subprocess_send_signal (child, SIGKILL);
              killed = TRUE;
              n.kills++;
            }
        }
      if (!rd_test_wait_until (flag_is_set, &exited, 120000))
        g_error ("the syncing child did not finish");
      if (!killed)
        {
          g_assert_true (g_subprocess_get_if_exited (child));
          g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
          finished = TRUE;
        }
      read_queued (out_path, queued);

      /* The store survived, whatever the moment. */
      check_integrity (db);
      n.integrity_checks++;
      count = inspect_store (db, queued, &cursor_after, &unsent);
      if (killed && unsent > 0)
        n.killed_unsent++;
      g_assert_cmpuint (count, >=, last_count);
      last_count = count;

      /* This run resumed from the cursor the store had. */
      {
        gboolean seen = FALSE;
        g_autofree char *since = first_since (rd_fault_proxy_get_log (proxy), log_start, &seen);

        if (seen)
          {
            g_assert_cmpstr (since, ==, expected_cursor);
            if (expected_cursor != NULL)
              n.resumed_checked++;
            if (killed)
              n.killed_in_pull++;
          }
        else if (killed)
          n.killed_early++;
      }

      if (finished)
        {
          check_round (db, direct, kept);
          n.rounds++;
          if (n.kills >= target)
            break;
          g_free (db);
          db = g_strdup_printf ("%s/round-%u.db", dir, n.rounds);
          last_count = 0;
        }
    }

  /* Every action ever queued: on the platform once, or kept for the user. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, queued);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        const char *id = key;
        const char *case_id = value;
        RdCase *kase = g_hash_table_lookup (cases, case_id);
        guint seen = 0;

        if (kase == NULL)
          {
            kase = rd_test_get_case (direct, case_id, &error);
            g_assert_no_error (error);
            g_hash_table_insert (cases, g_strdup (case_id), kase);
          }
        for (guint i = 0; i < kase->events->len; i++)
          {
            RdEvent *event = g_ptr_array_index (kase->events, i);

            if (g_strcmp0 (event->id, id) == 0)
              seen++;
          }
        n.queued++;
        if (seen == 1)
          n.applied++;
        else if (seen > 1)
          n.duplicated++;
        else if (g_hash_table_contains (kept, id))
          n.kept++;
        else
          n.lost++;
      }
  }

  /* No event at all appears twice in any touched case. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, cases);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        RdCase *kase = value;
        g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

        for (guint i = 0; i < kase->events->len; i++)
          {
            RdEvent *event = g_ptr_array_index (kase->events, i);

            if (!g_hash_table_add (ids, event->id))
              n.duplicated++;
          }
      }
  }

  g_test_message ("crash: %u kills (%u before the pull, %u during it) in %u runs, %u rounds "
                  "synced to the end, %u kills with actions still unsent, %u integrity checks, "
                  "%u resumes checked; %u actions queued: %u applied once, %u kept as "
                  "conflicted/failed, %u lost, %u applied twice",
                  n.kills, n.killed_early, n.killed_in_pull, n.runs, n.rounds, n.killed_unsent,
                  n.integrity_checks,
                  n.resumed_checked, n.queued, n.applied, n.kept, n.lost, n.duplicated);
  g_assert_cmpuint (n.kills, ==, target);
  g_assert_cmpuint (n.lost, ==, 0);
  g_assert_cmpuint (n.duplicated, ==, 0);
  g_assert_cmpuint (n.applied + n.kept, ==, n.queued);
  /* With the full number of kills, some land mid-pull and some rounds
   * resume with actions queued (a handful under valgrind may not). */
  if (target >= DEFAULT_KILLS)
    {
      g_assert_cmpuint (n.queued, >, 0);
      g_assert_cmpuint (n.resumed_checked, >, 0);
    }

  g_clear_object (&direct);
  rd_fault_proxy_free (proxy);
  rd_test_platform_stop (platform);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && g_str_equal (argv[1], "--child"))
    return child_main (argc, argv);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/sigkill-at-random-points", test_crash);
  return g_test_run ();
}
