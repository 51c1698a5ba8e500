/* rd-test-util.c — the real platform on loopback, temporary folders, and
 * waiting for async results in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "rd-file-util.h"
#include "rd-policy.h"
#include "rd-test-util.h"

struct _RdTestPlatform
{
  GSubprocess *process;
  char        *dir;   /* its standard output and, with :memory:, nothing else */
  char        *url;
  guint16      port;
};

const char *
rd_test_platform_binary (void)
{
  static char *binary;

  if (binary == NULL)
    {
      const char *env = g_getenv ("REDRESS_PLATFORM");

      binary = env != NULL && *env != '\0'
               ? g_strdup (env)
               : g_build_filename (BUILD_ROOT, "src", "platform", "redress-platform", NULL);
    }
  return binary;
}

char *
rd_test_make_tmpdir (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmpl = g_strdup_printf ("redress-%s-XXXXXX", name != NULL ? name : "test");
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
rd_test_remove_tree (const char *path)
{
  rd_remove_tree (path);
}

/* A platform never outlives the test that started it, even one that
 * aborted on a failed assertion. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

RdTestPlatform *
rd_test_platform_start (const char         *db_path,
                        const char * const *args)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GStrvBuilder) argv_builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out_path = NULL;
  RdTestPlatform *platform;
  gint64 deadline;

  platform = g_new0 (RdTestPlatform, 1);
  platform->dir = rd_test_make_tmpdir ("platform");
  out_path = g_build_filename (platform->dir, "stdout", NULL);

  g_strv_builder_add_many (argv_builder, rd_test_platform_binary (), "--port", "0", "--db",
                           db_path != NULL ? db_path : ":memory:", NULL);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_strv_builder_add (argv_builder, args[i]);
  argv = g_strv_builder_end (argv_builder);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  platform->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv,
                                                    &error);
  g_assert_no_error (error);

  /* A large --generate takes a while before it listens. */
  deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;
  while (platform->url == NULL)
    {
      g_autofree char *contents = NULL;
      char *eol;

      if (g_file_get_contents (out_path, &contents, NULL, NULL)
          && (eol = strchr (contents, '\n')) != NULL)
        {
          const char *prefix = "listening on ";
          g_autoptr (GUri) uri = NULL;

          *eol = '\0';
          g_assert_true (g_str_has_prefix (contents, prefix));
          platform->url = g_strdup (contents + strlen (prefix));
          uri = g_uri_parse (platform->url, G_URI_FLAGS_NONE, &error);
          g_assert_no_error (error);
          platform->port = (guint16) g_uri_get_port (uri);
          break;
        }
      if (g_subprocess_get_identifier (platform->process) == NULL)
        g_error ("redress-platform exited before it listened");
      if (g_get_monotonic_time () > deadline)
        g_error ("redress-platform did not start listening");
      g_usleep (10 * 1000);
      /* Reaps it if it died. */
      g_main_context_iteration (NULL, FALSE);
    }
  return platform;
}

const char *
rd_test_platform_get_url (RdTestPlatform *platform)
{
  return platform->url;
}

guint16
rd_test_platform_get_port (RdTestPlatform *platform)
{
  return platform->port;
}

GPid
rd_test_platform_get_pid (RdTestPlatform *platform)
{
  const char *id = g_subprocess_get_identifier (platform->process);

  return id != NULL ? (GPid) atoi (id) : 0;
}

void
rd_test_platform_stop (RdTestPlatform *platform)
{
  gint64 deadline;

  if (platform == NULL)
    return;

  g_subprocess_send_signal (platform->process, SIGTERM);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_subprocess_get_identifier (platform->process) != NULL
         && g_get_monotonic_time () < deadline)
    {
      g_usleep (5 * 1000);
      g_main_context_iteration (NULL, FALSE);
    }
  if (g_subprocess_get_identifier (platform->process) != NULL)
    g_subprocess_force_exit (platform->process);
  g_subprocess_wait (platform->process, NULL, NULL);

  g_clear_object (&platform->process);
  rd_test_remove_tree (platform->dir);
  g_free (platform->dir);
  g_free (platform->url);
  g_free (platform);
}

/* --- Waiting ------------------------------------------------------------------------------ */

void
rd_test_store_result (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static gboolean
on_timeout_flag (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

GAsyncResult *
rd_test_wait_result (GAsyncResult **result,
                     guint          timeout_seconds)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (timeout_seconds, on_timeout_flag, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (*result == NULL)
    g_error ("no result within %u s", timeout_seconds);
  g_source_remove (source);
  return g_steal_pointer (result);
}

gboolean
rd_test_wait_until (gboolean (*condition) (gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (timeout_ms, on_timeout_flag, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  return condition (data);
}

void
rd_test_run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* --- Blocking API conveniences ------------------------------------------------------------- */

RdApi *
rd_test_login (const char  *url,
               const char  *login,
               const char  *password,
               GError     **error)
{
  g_autoptr (RdApi) api = rd_api_new (url, error);
  g_autoptr (GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;
  g_autoptr (RdSessionInfo) info = NULL;

  if (api == NULL)
    return NULL;
  rd_api_login_async (api, login, password, NULL, rd_test_store_result, &pending);
  result = rd_test_wait_result (&pending, 60);
  info = rd_api_login_finish (api, result, error);
  if (info == NULL)
    return NULL;
  return g_steal_pointer (&api);
}

RdCase *
rd_test_get_case (RdApi       *api,
                  const char  *case_id,
                  GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  rd_api_get_case_async (api, case_id, NULL, rd_test_store_result, &pending);
  result = rd_test_wait_result (&pending, 60);
  return rd_api_get_case_finish (api, result, error);
}

GHashTable *
rd_test_all_cases (RdApi       *api,
                   GHashTable **orders,
                   GError     **error)
{
  g_autoptr (GHashTable) cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        g_object_unref);
  g_autoptr (GHashTable) order_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              g_object_unref);
  g_autofree char *cursor = NULL;
  gboolean more = TRUE;

  while (more)
    {
      g_autoptr (GAsyncResult) result = NULL;
      GAsyncResult *pending = NULL;
      g_autoptr (RdChanges) page = NULL;

      rd_api_changes_async (api, cursor, 500, NULL, rd_test_store_result, &pending);
      result = rd_test_wait_result (&pending, 120);
      page = rd_api_changes_finish (api, result, error);
      if (page == NULL)
        return NULL;
      for (guint i = 0; i < page->cases->len; i++)
        {
          RdCase *kase = g_ptr_array_index (page->cases, i);

          g_hash_table_replace (cases, g_strdup (kase->id), g_object_ref (kase));
        }
      for (guint i = 0; i < page->orders->len; i++)
        {
          RdOrder *order = g_ptr_array_index (page->orders, i);

          g_hash_table_replace (order_table, g_strdup (order->id), g_object_ref (order));
        }
      for (guint i = 0; page->removed != NULL && page->removed[i] != NULL; i++)
        g_hash_table_remove (cases, page->removed[i]);
      g_free (cursor);
      cursor = g_strdup (page->cursor);
      more = page->more;
    }
  if (orders != NULL)
    *orders = g_steal_pointer (&order_table);
  return g_steal_pointer (&cases);
}

static int
compare_orders (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 ((*(RdOrder **) a)->id, (*(RdOrder **) b)->id);
}

GPtrArray *
rd_test_fileable_drafts (RdApi *api)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) orders = NULL;
  g_autoptr (GHashTable) cases = rd_test_all_cases (api, &orders, &error);
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_case_draft_free);
  GHashTableIter iter;
  gpointer value;

  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, orders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_orders);

  for (guint i = 0; i < sorted->len; i++)
    {
      RdOrder *order = g_ptr_array_index (sorted, i);

      for (guint j = 0; j < order->items->len; j++)
        {
          RdOrderItem *item = g_ptr_array_index (order->items, j);
          gboolean open = FALSE;

          g_hash_table_iter_init (&iter, cases);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              RdCase *kase = value;

              if (g_strcmp0 (kase->order_id, order->id) == 0 && kase->item != NULL
                  && g_strcmp0 (kase->item->sku, item->sku) == 0
                  && kase->status != RD_STATUS_RESOLVED)
                open = TRUE;
            }
          if (open)
            continue;
          for (guint r = 0; r < RD_REASON_N_VALUES; r++)
            {
              RdCaseDraft *draft;

              if (!rd_policy_can_file (order, (RdReason) r, now))
                continue;
              draft = rd_case_draft_new ();
              draft->order_id = g_strdup (order->id);
              draft->item_sku = g_strdup (item->sku);
              draft->reason = (RdReason) r;
              draft->requested_type = RD_OUTCOME_TYPE_FULL_REFUND;
              draft->description = g_strdup ("It stopped working after two days.");
              draft->lang = g_strdup ("en");
              g_ptr_array_add (drafts, draft);
              break;
            }
        }
    }
  return drafts;
}

/* --- A client ------------------------------------------------------------------------------ */

char *
rd_test_login_of (const char *user_id)
{
  return g_str_has_prefix (user_id, "u-") ? g_strdup (user_id + 2) : g_strdup (user_id);
}

RdTestClient *
rd_test_client_new (const char *platform_url,
                    const char *engine_url,
                    const char *login,
                    const char *dir)
{
  static guint serial;
  g_autoptr (GError) error = NULL;
  g_autofree char *db = g_strdup_printf ("%s/%s-%u.db", dir, login, ++serial);
  g_autofree char *evidence = g_strdup_printf ("%s/%s-evidence-%u", dir, login, serial);
  RdTestClient *client = g_new0 (RdTestClient, 1);

  client->login = g_strdup (login);
  client->direct = rd_test_login (platform_url, login, "demo", &error);
  g_assert_no_error (error);
  client->api = rd_api_new (engine_url, &error);
  g_assert_no_error (error);
  rd_api_set_token (client->api, rd_api_get_token (client->direct));
  client->store = rd_store_open (db, &error);
  g_assert_no_error (error);
  client->sync = rd_sync_new (client->api, client->store);
  rd_sync_set_evidence_dir (client->sync, evidence);
  rd_sync_set_follow_network (client->sync, FALSE);
  return client;
}

void
rd_test_client_free (RdTestClient *client)
{
  if (client == NULL)
    return;
  g_clear_object (&client->sync);
  g_clear_object (&client->store);
  g_clear_object (&client->api);
  g_clear_object (&client->direct);
  g_free (client->login);
  g_free (client);
}

gboolean
rd_test_client_sync (RdTestClient  *client,
                     GError       **error)
{
  g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_sync_run_async (client->sync, NULL, RD_TEST_CB));

  return rd_sync_run_finish (client->sync, r, error);
}

void
rd_test_client_sync_ok (RdTestClient *client)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_test_client_sync (client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rd_sync_get_state (client->sync), ==, RD_SYNC_STATE_IDLE);
  g_assert_null (rd_sync_get_last_error (client->sync));
}
