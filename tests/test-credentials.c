/* test-credentials.c — the token in a real Secret Service (gnome-keyring in
 * the private D-Bus session of build-aux/run-tests), the "no Secret Service"
 * path, and that the token never reaches the store's files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "rd-credentials.h"
#include "rd-error.h"
#include "rd-test-util.h"

#define URL_A "https://disputes.example.com/"
#define URL_B "http://127.0.0.1:8080/"

static GSubprocess *keyring;
static char *keyring_dir;
static const char *skip_reason;

static gboolean
secrets_name_has_owner (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static GTestDBus *test_bus;

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* A keyring of our own, unlocked, in folders of our own, on a bus of our
 * own: on the shared session bus another test may already have woken a
 * locked keyring (by D-Bus activation) that would ask for a password. */
static gboolean
ensure_secret_service (void)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *program = NULL;
  g_autofree char *data = NULL;
  g_autofree char *runtime = NULL;
  GOutputStream *in;
  gint64 deadline;

  if (keyring != NULL || skip_reason != NULL)
    return skip_reason == NULL;

  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      skip_reason = "the session bus cannot be reached";
      return FALSE;
    }
  if (secrets_name_has_owner (bus))
    return TRUE;

  program = g_find_program_in_path ("gnome-keyring-daemon");
  if (program == NULL)
    {
      skip_reason = "gnome-keyring-daemon is not installed";
      return FALSE;
    }

  keyring_dir = rd_test_make_tmpdir ("keyring");
  data = g_build_filename (keyring_dir, "data", NULL);
  runtime = g_build_filename (keyring_dir, "runtime", NULL);
  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  keyring = g_subprocess_launcher_spawn (launcher, &error, program, "--foreground", "--unlock",
                                         "--components=secrets", NULL);
  g_assert_no_error (error);

  /* The new keyring's password on standard input (an empty one would wait
   * for a prompt). */
  in = g_subprocess_get_stdin_pipe (keyring);
  g_assert_true (g_output_stream_write_all (in, "test-password", 13, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (in, NULL, &error));

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!secrets_name_has_owner (bus))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("gnome-keyring-daemon did not take the Secret Service name");
      g_usleep (20 * 1000);
    }
  return TRUE;
}

static void
stop_secret_service (void)
{
  if (keyring != NULL)
    {
      g_subprocess_send_signal (keyring, SIGTERM);
      g_subprocess_wait (keyring, NULL, NULL);
      g_clear_object (&keyring);
    }
  if (keyring_dir != NULL)
    {
      rd_test_remove_tree (keyring_dir);
      g_clear_pointer (&keyring_dir, g_free);
    }
  if (test_bus != NULL)
    {
      /* libsecret keeps its connection to the bus for the whole process, so
       * the bus is stopped without waiting for that connection to go (what
       * g_test_dbus_down () and the object's disposal would do). */
      g_test_dbus_stop (test_bus);
    }
}

static gboolean
store_token (RdCredentials  *credentials,
             const char     *url,
             const char     *login,
             const char     *token,
             GError        **error)
{
  g_autoptr (GAsyncResult) r =
    RD_TEST_AWAIT (rd_credentials_store_async (credentials, url, login, token, NULL, RD_TEST_CB));

  return rd_credentials_store_finish (credentials, r, error);
}

static char *
lookup_token (RdCredentials  *credentials,
              const char     *url,
              const char     *login,
              char          **login_out,
              GError        **error)
{
  g_autoptr (GAsyncResult) r =
    RD_TEST_AWAIT (rd_credentials_lookup_async (credentials, url, login, NULL, RD_TEST_CB));

  return rd_credentials_lookup_finish (credentials, r, login_out, error);
}

static gboolean
clear_token (RdCredentials  *credentials,
             const char     *url,
             const char     *login,
             GError        **error)
{
  g_autoptr (GAsyncResult) r =
    RD_TEST_AWAIT (rd_credentials_clear_async (credentials, url, login, NULL, RD_TEST_CB));

  return rd_credentials_clear_finish (credentials, r, error);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr (RdCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  if (!ensure_secret_service ())
    {
      g_test_skip (skip_reason);
      return;
    }
  credentials = rd_credentials_new ();

  /* A clean start: nothing, and no error for nothing. */
  g_assert_true (clear_token (credentials, URL_A, NULL, &error));
  g_assert_true (clear_token (credentials, URL_B, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *none = lookup_token (credentials, URL_A, "ana", NULL, &error);

    g_assert_no_error (error);
    g_assert_null (none);
  }

  /* Stored, found again, by login or by platform alone. */
  g_assert_true (store_token (credentials, URL_A, "ana", "token-of-ana", &error));
  g_assert_no_error (error);
  {
    g_autofree char *login = NULL;
    g_autofree char *token = lookup_token (credentials, URL_A, "ana", &login, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (token, ==, "token-of-ana");
    g_assert_cmpstr (login, ==, "ana");
  }
  {
    g_autofree char *login = NULL;
    g_autofree char *token = lookup_token (credentials, URL_A, NULL, &login, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (token, ==, "token-of-ana");
    g_assert_cmpstr (login, ==, "ana");
  }

  /* Another platform keeps its own; a new token replaces the old one. */
  g_assert_true (store_token (credentials, URL_B, "ana", "token-on-b", &error));
  g_assert_true (store_token (credentials, URL_A, "ana", "newer-token-of-ana", &error));
  g_assert_no_error (error);
  {
    g_autofree char *on_a = lookup_token (credentials, URL_A, "ana", NULL, &error);
    g_autofree char *on_b = lookup_token (credentials, URL_B, "ana", NULL, &error);
    g_autofree char *nobody = lookup_token (credentials, URL_A, "li", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (on_a, ==, "newer-token-of-ana");
    g_assert_cmpstr (on_b, ==, "token-on-b");
    g_assert_null (nobody);
  }

  /* Logging out removes it. */
  g_assert_true (clear_token (credentials, URL_A, "ana", &error));
  g_assert_no_error (error);
  {
    g_autofree char *gone = lookup_token (credentials, URL_A, "ana", NULL, &error);
    g_autofree char *kept = lookup_token (credentials, URL_B, "ana", NULL, &error);

    g_assert_no_error (error);
    g_assert_null (gone);
    g_assert_cmpstr (kept, ==, "token-on-b");
  }
  g_assert_true (clear_token (credentials, URL_B, NULL, &error));
  {
    g_autofree char *gone = lookup_token (credentials, URL_B, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_null (gone);
  }
}

static void
test_no_secret_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (RdCredentials) credentials = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *token = NULL;

      /* A session bus that is not there. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/redress-test-bus", TRUE);
      credentials = rd_credentials_new ();

      token = lookup_token (credentials, URL_A, NULL, NULL, &error);
      g_assert_null (token);
      g_assert_error (error, RD_ERROR, RD_ERROR_NO_SECRET_SERVICE);
      /* The user is told why they log in each time. */
      g_assert_cmpstr (error->message, ==, rd_error_code_label (RD_ERROR_NO_SECRET_SERVICE));
      g_clear_error (&error);

      g_assert_false (store_token (credentials, URL_A, "ana", "secret", &error));
      g_assert_error (error, RD_ERROR, RD_ERROR_NO_SECRET_SERVICE);
      g_assert_null (strstr (error->message, "secret"));
      g_clear_error (&error);

      g_assert_false (clear_token (credentials, URL_A, "ana", &error));
      g_assert_error (error, RD_ERROR, RD_ERROR_NO_SECRET_SERVICE);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  for (gsize i = 0, n = strlen (needle); i + n <= len; i++)
    {
      if (memcmp (contents + i, needle, n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The store's files (database, WAL) never hold the token, after logging in,
 * syncing and queueing. */
static void
test_token_not_in_store (void)
{
  static const char * const args[] = { "--demo", NULL };
  g_autofree char *dir = rd_test_make_tmpdir ("credentials");
  RdTestPlatform *platform = rd_test_platform_start (NULL, args);
  g_autoptr (RdTestClient) client = rd_test_client_new (rd_test_platform_get_url (platform),
                                                        rd_test_platform_get_url (platform),
                                                        "ana", dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (RdAction) msg = rd_action_new ();
  g_autofree char *id = NULL;
  g_autofree char *token = g_strdup (rd_api_get_token (client->api));
  const char *path = rd_store_get_path (client->store);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  guint checked = 0;

  rd_test_client_sync_ok (client);
  all = rd_store_list_all_cases (client->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >, 0);
  msg->type = RD_ACTION_TYPE_MESSAGE;
  msg->text = g_strdup ("Hello");
  msg->lang = g_strdup ("en");
  id = rd_sync_queue_action (client->sync, ((RdCase *) g_ptr_array_index (all, 0))->id, msg,
                             &error);
  g_assert_no_error (error);
  rd_test_client_sync_ok (client);

  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >=, 16);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        continue;
      checked++;
      g_assert_false (file_contains (file, token));
    }
  g_assert_cmpuint (checked, >=, 1);

  g_clear_pointer (&client, rd_test_client_free);
  rd_test_platform_stop (platform);
  rd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/credentials/no-secret-service", test_no_secret_service);
  g_test_add_func ("/credentials/token-not-in-store", test_token_not_in_store);

  status = g_test_run ();
  stop_secret_service ();
  return status;
}
