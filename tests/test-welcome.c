/* test-welcome.c — the welcome page: logging in to a real platform, its
 * errors in the user's words (a wrong password, plain http to another
 * computer, a platform that does not answer, empty fields), reopening the
 * last account, logging out, and "Try the Demo".
 *
 * The test runs on a private D-Bus session bus with no services at all, so
 * that nothing reaches a real keyring: the session must treat the missing
 * Secret Service as "log in each time", say so once, and never hang.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-app-setup.h"
#include "rd-case-list.h"
#include "rd-error.h"
#include "rd-gui-test-util.h"
#include "rd-welcome-page.h"

static RdApplication *app;
static RdTestPlatform *platform;
static char *platform_url;
static char *tmpdir;

/* --- Looking at the window ------------------------------------------------------ */

static AdwEntryRow *
find_row (GtkWidget  *root,
          const char *title)
{
  AdwEntryRow *row = rd_gui_test_find_row (root, ADW_TYPE_ENTRY_ROW, title);

  if (row == NULL)
    g_error ("No entry row “%s”", title);
  return row;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  GtkWidget *button = rd_gui_test_find_button (root, action, NULL);

  if (button == NULL)
    g_error ("No button for %s", action);
  return button;
}

static void
close_window (RdWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  rd_test_run_for (50);
}

static RdWelcomePage *
welcome_page (RdWindow *window)
{
  RdWelcomePage *page = rd_gui_test_first (GTK_WIDGET (window), RD_TYPE_WELCOME_PAGE);

  g_assert_nonnull (page);
  return page;
}

static void
fill_in (RdWindow   *window,
         const char *url,
         const char *login,
         const char *password)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Platform address")), url);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Login")), login);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Password")), password);
}

static gboolean
not_busy (gpointer page)
{
  return !rd_welcome_page_get_busy (page);
}

static const char *wanted_page;

static gboolean
page_is (gpointer window)
{
  return g_strcmp0 (rd_window_get_page (window), wanted_page) == 0;
}

static void
wait_for_page (RdWindow   *window,
               const char *page)
{
  wanted_page = page;
  if (!rd_test_wait_until (page_is, window, 60000))
    g_error ("The window shows “%s”, not “%s”", rd_window_get_page (window), page);
}

/* Logs in with what is typed and waits for the answer; the error shown. */
static const char *
log_in_and_fail (RdWindow *window)
{
  RdWelcomePage *page = welcome_page (window);

  gtk_widget_activate_action (GTK_WIDGET (page), "welcome.log-in", NULL);
  g_assert_true (rd_test_wait_until (not_busy, page, 60000));
  g_assert_cmpstr (rd_window_get_page (window), ==, "welcome");
  g_assert_null (rd_window_get_session (window));
  g_assert_nonnull (rd_welcome_page_get_error (page));
  /* In place, on screen. */
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (page), rd_welcome_page_get_error (page)));
  return rd_welcome_page_get_error (page);
}

/* --- Tests --------------------------------------------------------------------------- */

static gboolean
has_items (gpointer window)
{
  RdCaseList *list = rd_gui_test_first (window, RD_TYPE_CASE_LIST);

  return g_list_model_get_n_items (G_LIST_MODEL (rd_case_list_get_model (list))) > 0;
}

static gboolean
keyring_warning_shown (gpointer window)
{
  return rd_gui_test_find_mapped_label (window, rd_error_code_label (RD_ERROR_NO_SECRET_SERVICE)) != NULL;
}

static void
test_log_in (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *saved_login = NULL;
  g_autofree char *saved_url = NULL;
  RdWindow *window = rd_gui_test_open_window (app);
  RdWelcomePage *page = welcome_page (window);
  GtkWidget *spinner;
  RdSession *session;
  RdUser *user;

  g_assert_cmpstr (rd_window_get_page (window), ==, "welcome");
  /* The address comes from the preferences. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Platform address"))),
                   ==, "http://127.0.0.1:8080/v1/");

  fill_in (window, platform_url, "ana", "demo");
  gtk_widget_activate_action (GTK_WIDGET (page), "welcome.log-in", NULL);

  /* The call returned at once: the page spins while the platform answers. */
  g_assert_true (rd_welcome_page_get_busy (page));
  spinner = rd_gui_test_first (GTK_WIDGET (page), GTK_TYPE_SPINNER);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_true (gtk_widget_get_visible (spinner));
  /* The buttons wait meanwhile, and so does the form. */
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (page), "welcome.log-in")));
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (page), "welcome.try-demo")));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (find_row (GTK_WIDGET (window), "Login"))));

  /* No keyring on this bus: not fatal, and no hang. */
  wait_for_page (window, "session");
  session = rd_window_get_session (window);
  g_assert_nonnull (session);
  g_assert_false (rd_session_is_demo (session));
  user = rd_session_get_user (session);
  g_assert_cmpstr (user->name, ==, "Ana Ribeiro");
  g_assert_true (user->role == RD_ROLE_BUYER);
  g_assert_nonnull (rd_session_get_keyring_error (session));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Redress — \xe2\x81\xa8" "Ana Ribeiro" "\xe2\x81\xa9 (Buyer)");

  /* Said in words, in a toast. */
  g_assert_true (rd_test_wait_until (keyring_warning_shown, window, 5000));

  /* The next start offers this account first. */
  saved_login = g_settings_get_string (settings, "last-account");
  saved_url = g_settings_get_string (settings, "platform-url");
  g_assert_cmpstr (saved_login, ==, "ana");
  g_assert_cmpstr (saved_url, ==, platform_url);

  /* The cases arrive. */
  g_assert_true (rd_test_wait_until (has_items, window, 30000));

  /* Log out: back to the welcome page, the login filled in, the password not. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.log-out", NULL);
  g_assert_cmpstr (rd_window_get_page (window), ==, "welcome");
  g_assert_null (rd_window_get_session (window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Login"))), ==, "ana");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Password"))), ==, "");
  g_clear_pointer (&saved_login, g_free);
  saved_login = g_settings_get_string (settings, "last-account");
  g_assert_cmpstr (saved_login, ==, "");

  close_window (window);
}

static void
test_wrong_password (void)
{
  RdWindow *window = rd_gui_test_open_window (app);
  const char *error;

  fill_in (window, platform_url, "ana", "not-the-password");
  error = log_in_and_fail (window);
  /* Our words for the code, not the server's detail. */
  g_assert_cmpstr (error, ==, rd_error_code_label (RD_ERROR_UNAUTHORIZED));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_row (GTK_WIDGET (window), "Password")),
                                           "error"));
  /* Typing again takes the mark away. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Password")), "x");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (find_row (GTK_WIDGET (window), "Password")),
                                            "error"));
  close_window (window);
}

static void
test_wrong_password_german (void)
{
  g_autofree char *locale_dir = rd_app_dup_locale_dir ();
  g_autofree char *catalog = g_build_filename (locale_dir, "de", "LC_MESSAGES", "redress.mo", NULL);
  RdWindow *window;
  const char *error;

  if (!g_file_test (catalog, G_FILE_TEST_IS_REGULAR))
    g_error ("The German catalog %s has not been built", catalog);

  rd_gui_test_set_language ("de");
  window = rd_gui_test_open_window (app);
  gtk_editable_set_text (GTK_EDITABLE (rd_gui_test_first (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW)),
                         "falsch");
  {
    /* Address and login: the first two entry rows. */
    g_autoptr(GPtrArray) rows = rd_gui_test_all (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW);

    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 0)), platform_url);
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 1)), "ana");
  }
  error = log_in_and_fail (window);
  g_assert_cmpstr (error, ==,
                   "Anmeldename oder Passwort sind falsch, oder Ihre Sitzung ist abgelaufen. "
                   "Bitte melden Sie sich erneut an.");
  close_window (window);
  rd_gui_test_set_language (NULL);
}

static void
test_insecure_url (void)
{
  RdWindow *window = rd_gui_test_open_window (app);
  const char *error;

  /* Plain http to another computer would send the password in the clear. */
  fill_in (window, "http://disputes.example.com/v1/", "ana", "demo");
  error = log_in_and_fail (window);
  g_assert_cmpstr (error, ==, rd_error_code_label (RD_ERROR_INSECURE_URL));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_row (GTK_WIDGET (window), "Platform address")),
                                           "error"));

  /* Not an address at all. */
  fill_in (window, "not an address", "ana", "demo");
  error = log_in_and_fail (window);
  g_assert_nonnull (strstr (error, "not an address"));
  close_window (window);
}

static void
test_unreachable (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;
  RdWindow *window;
  const char *error;

  /* A port that was free a moment ago: nobody answers there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &local_error);
  g_assert_no_error (local_error);
  g_assert_true (g_socket_bind (socket, address, TRUE, &local_error));
  bound = g_socket_get_local_address (socket, &local_error);
  g_assert_no_error (local_error);
  url = g_strdup_printf ("http://127.0.0.1:%u/v1/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  window = rd_gui_test_open_window (app);
  fill_in (window, url, "ana", "demo");
  error = log_in_and_fail (window);
  g_assert_true (g_str_has_prefix (error, "The platform cannot be reached."));
  close_window (window);
}

static void
test_empty_fields (void)
{
  RdWindow *window = rd_gui_test_open_window (app);
  RdWelcomePage *page = welcome_page (window);

  fill_in (window, platform_url, "ana", "");
  gtk_widget_activate_action (GTK_WIDGET (page), "welcome.log-in", NULL);
  /* Refused at once, without asking the platform. */
  g_assert_false (rd_welcome_page_get_busy (page));
  g_assert_nonnull (rd_welcome_page_get_error (page));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_row (GTK_WIDGET (window), "Password")),
                                           "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (find_row (GTK_WIDGET (window), "Login")),
                                            "error"));
  close_window (window);
}

static void
test_restore_without_keyring (void)
{
  RdWindow *window = rd_gui_test_open_window (app);
  RdWelcomePage *page = welcome_page (window);

  /* What the application does at start when an account was used last. */
  rd_window_restore (window, platform_url, "ana");
  g_assert_cmpstr (rd_window_get_page (window), ==, "loading");

  /* With nowhere to keep a token there is none: log in again, told why. */
  wait_for_page (window, "welcome");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (window), "Login"))), ==, "ana");
  g_assert_cmpstr (rd_welcome_page_get_error (page), ==, rd_error_code_label (RD_ERROR_NO_SECRET_SERVICE));
  close_window (window);
}

static void
test_try_demo (void)
{
  RdWindow *window = rd_gui_test_open_window (app);
  RdWelcomePage *page = welcome_page (window);
  RdSession *session;

  gtk_widget_activate_action (GTK_WIDGET (page), "welcome.try-demo", NULL);
  g_assert_true (rd_welcome_page_get_busy (page));

  wait_for_page (window, "session");
  session = rd_window_get_session (window);
  g_assert_true (rd_session_is_demo (session));
  g_assert_cmpstr (rd_session_get_login (session), ==, "ana");
  g_assert_true (rd_test_wait_until (has_items, window, 30000));
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (window), "Needs my response"));

  /* The demo's token is never kept, so nothing to warn about. */
  g_assert_null (rd_session_get_keyring_error (session));

  close_window (window);
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run the GUI tests through build-aux/run-tests");
}

int
main (int   argc,
      char *argv[])
{
  static const char * const platform_args[] = { "--demo", NULL };
  /* Not freed: its dispose would wait for the connection that GTK keeps. */
  GTestDBus *bus = NULL;
  g_autofree char *display = NULL;
  int ret;

  tmpdir = rd_gui_test_setup_environment ("test-welcome");
  g_test_init (&argc, &argv, NULL);

  /* A session bus of our own with nothing on it: no Secret Service, and
   * nothing that could start one (and ask for a keyring password). */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* GTestDBus hides the display from us; the X server is ours to use. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/welcome/no-display", test_no_display);
      ret = g_test_run ();
      g_test_dbus_stop (bus);
      return ret;
    }

  platform = rd_test_platform_start (NULL, platform_args);
  platform_url = g_strdup (rd_test_platform_get_url (platform));

  app = rd_gui_test_application_new ();

  g_test_add_func ("/welcome/log-in", test_log_in);
  g_test_add_func ("/welcome/wrong-password", test_wrong_password);
  g_test_add_func ("/welcome/wrong-password-german", test_wrong_password_german);
  g_test_add_func ("/welcome/insecure-url", test_insecure_url);
  g_test_add_func ("/welcome/unreachable", test_unreachable);
  g_test_add_func ("/welcome/empty-fields", test_empty_fields);
  g_test_add_func ("/welcome/restore-without-keyring", test_restore_without_keyring);
  g_test_add_func ("/welcome/try-demo", test_try_demo);

  ret = g_test_run ();

  g_clear_object (&app);
  rd_session_stop_demo ();
  rd_test_platform_stop (platform);
  g_free (platform_url);
  g_test_dbus_stop (bus);
  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return ret;
}
