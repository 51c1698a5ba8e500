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
#include <glib/gi18n.h>
#include <adwaita.h>

#include "rd-app-setup.h"
#include "rd-application.h"
#include "rd-case-list.h"
#include "rd-error.h"
#include "rd-session.h"
#include "rd-test-util.h"
#include "rd-welcome-page.h"
#include "rd-window.h"

static RdApplication *app;
static RdTestPlatform *platform;
static char *platform_url;
static char *tmpdir;

/* --- Looking at the window ------------------------------------------------------ */

static void
collect_descendants (GtkWidget *root,
                     GType      type,
                     GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_type_is_a (G_OBJECT_TYPE (child), type))
        g_ptr_array_add (out, child);
      collect_descendants (child, type, out);
    }
}

static gpointer
find_descendant (GtkWidget *root,
                 GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_descendants (root, type, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static GtkWidget *
find_mapped_label (GtkWidget  *root,
                   const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_descendants (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (label) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
        return label;
    }
  return NULL;
}

static AdwEntryRow *
find_row (GtkWidget  *root,
          const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_descendants (root, ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("No entry row “%s”", title);
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_descendants (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), action) == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("No button for %s", action);
  return NULL;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static RdWindow *
open_window (void)
{
  RdWindow *window = rd_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rd_test_wait_until (is_mapped, window, 10000));
  return window;
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
  RdWelcomePage *page = find_descendant (GTK_WIDGET (window), RD_TYPE_WELCOME_PAGE);

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
  g_assert_nonnull (find_mapped_label (GTK_WIDGET (page), rd_welcome_page_get_error (page)));
  return rd_welcome_page_get_error (page);
}

static void
set_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  rd_app_setup_i18n ();
}

/* --- Tests --------------------------------------------------------------------------- */

static gboolean
has_items (gpointer window)
{
  RdCaseList *list = find_descendant (window, RD_TYPE_CASE_LIST);

  return g_list_model_get_n_items (G_LIST_MODEL (rd_case_list_get_model (list))) > 0;
}

static gboolean
keyring_warning_shown (gpointer window)
{
  return find_mapped_label (window, rd_error_code_label (RD_ERROR_NO_SECRET_SERVICE)) != NULL;
}

static void
test_log_in (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *saved_login = NULL;
  g_autofree char *saved_url = NULL;
  RdWindow *window = open_window ();
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
  spinner = find_descendant (GTK_WIDGET (page), GTK_TYPE_SPINNER);
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
  RdWindow *window = open_window ();
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

  set_language ("de");
  window = open_window ();
  gtk_editable_set_text (GTK_EDITABLE (find_descendant (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW)),
                         "falsch");
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    /* Address and login: the first two entry rows. */
    collect_descendants (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, rows);
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 0)), platform_url);
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 1)), "ana");
  }
  error = log_in_and_fail (window);
  g_assert_cmpstr (error, ==,
                   "Anmeldename oder Passwort sind falsch, oder Ihre Sitzung ist abgelaufen. "
                   "Bitte melden Sie sich erneut an.");
  close_window (window);
  set_language (NULL);
}

static void
test_insecure_url (void)
{
  RdWindow *window = open_window ();
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

  window = open_window ();
  fill_in (window, url, "ana", "demo");
  error = log_in_and_fail (window);
  g_assert_true (g_str_has_prefix (error, "The platform cannot be reached."));
  close_window (window);
}

static void
test_empty_fields (void)
{
  RdWindow *window = open_window ();
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
  RdWindow *window = open_window ();
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
  RdWindow *window = open_window ();
  RdWelcomePage *page = welcome_page (window);
  RdSession *session;

  gtk_widget_activate_action (GTK_WIDGET (page), "welcome.try-demo", NULL);
  g_assert_true (rd_welcome_page_get_busy (page));

  wait_for_page (window, "session");
  session = rd_window_get_session (window);
  g_assert_true (rd_session_is_demo (session));
  g_assert_cmpstr (rd_session_get_login (session), ==, "ana");
  g_assert_true (rd_test_wait_until (has_items, window, 30000));
  g_assert_nonnull (find_mapped_label (GTK_WIDGET (window), "Needs my response"));

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
  g_autoptr(GError) error = NULL;
  /* Not freed: its dispose would wait for the connection that GTK keeps. */
  GTestDBus *bus = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *cache_home = NULL;
  g_autofree char *display = NULL;
  int ret;

  tmpdir = rd_test_make_tmpdir ("test-welcome");
  data_home = g_build_filename (tmpdir, "data", NULL);
  cache_home = g_build_filename (tmpdir, "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  rd_app_setup_environment ();
  rd_app_setup_i18n ();

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

  app = rd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

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
