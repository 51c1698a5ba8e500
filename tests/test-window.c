/* test-window.c — the main window opens, speaks English and German, and its
 * menu's actions open what they promise.
 *
 * Runs in-process under the X server that build-aux/run-tests starts, with
 * GSETTINGS_BACKEND=memory and REDRESS_LOCALEDIR=<build>/po/locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-app-setup.h"
#include "rd-enums.h"
#include "rd-gui-test-util.h"
#include "rd-preferences-window.h"
#include "rd-welcome-page.h"

static RdApplication *app;
static char *tmpdir;

/* The status page in the leaflet's page named "sidebar". */
static AdwStatusPage *
find_sidebar_status_page (GtkWidget *window)
{
  AdwLeaflet *leaflet = rd_gui_test_first (window, ADW_TYPE_LEAFLET);
  GtkWidget *sidebar;

  g_assert_nonnull (leaflet);
  sidebar = adw_leaflet_get_child_by_name (leaflet, "sidebar");
  g_assert_nonnull (sidebar);
  return rd_gui_test_first (sidebar, ADW_TYPE_STATUS_PAGE);
}

/* A buyer with nothing cached and no platform: what the window shows for
 * an account that has no disputes yet. */
static RdSession *
new_empty_buyer_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (":memory:", &error);
  g_autoptr(RdUser) user = rd_user_new ();

  g_assert_no_error (error);
  user->id = g_strdup ("u-test");
  user->name = g_strdup ("Test Buyer");
  user->role = RD_ROLE_BUYER;
  user->locale = g_strdup ("en");
  return rd_session_new_offline (store, user);
}

static void
set_empty_buyer_session (RdWindow *window)
{
  g_autoptr(RdSession) session = new_empty_buyer_session ();

  rd_window_set_session (window, session);
  g_assert_cmpstr (rd_window_get_page (window), ==, "session");
  /* Laid out again with the session's page. */
  WAIT_UNTIL (rd_gui_test_find_mapped_label (GTK_WIDGET (window), "No case selected") != NULL ||
              rd_gui_test_find_mapped_label (GTK_WIDGET (window), "Kein Fall ausgewählt") != NULL);
}

static void
close_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  rd_gui_test_drain ();
}

static void
test_window_english (void)
{
  GtkWindow *window;
  AdwStatusPage *sidebar_page;
  RdWelcomePage *welcome;

  rd_gui_test_set_language (NULL);

  /* What `redress` does when started: activate opens the main window; with
   * no account used before, it welcomes. */
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (RD_IS_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  g_assert_cmpstr (rd_window_get_page (RD_WINDOW (window)), ==, "welcome");
  welcome = rd_gui_test_first (GTK_WIDGET (window), RD_TYPE_WELCOME_PAGE);
  g_assert_nonnull (welcome);
  WAIT_UNTIL (rd_gui_test_find_mapped_label (GTK_WIDGET (welcome), "Log in to a platform") != NULL);
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (welcome), "Welcome to Redress"));
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (welcome), "Log in to a platform"));
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (welcome), "Try the Demo"));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Redress");

  /* An account without disputes says where to start. */
  set_empty_buyer_session (RD_WINDOW (window));
  sidebar_page = find_sidebar_status_page (GTK_WIDGET (window));
  g_assert_nonnull (sidebar_page);
  rd_gui_test_wait_shown (GTK_WIDGET (sidebar_page));
  g_assert_cmpstr (adw_status_page_get_title (sidebar_page), ==, "No disputes yet");
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (sidebar_page), "No disputes yet"));
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (sidebar_page),
                                       "When something you bought goes wrong, start here."));
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (window), "No case selected"));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Redress — \xe2\x81\xa8" "Test Buyer" "\xe2\x81\xa9 (Buyer)");

  /* The core's labels go through the same text domain. */
  g_assert_cmpstr (rd_status_label (RD_STATUS_UNDER_REVIEW), ==, "Under review");

  close_all_windows ();
}

static void
test_window_german (void)
{
  g_autofree char *locale_dir = rd_app_dup_locale_dir ();
  g_autofree char *catalog = g_build_filename (locale_dir, "de", "LC_MESSAGES", "redress.mo", NULL);
  g_autofree char *menu_label = NULL;
  g_autoptr(GMenuModel) section = NULL;
  RdWindow *window;
  AdwStatusPage *sidebar_page;
  GtkMenuButton *menu_button;

  if (!g_file_test (catalog, G_FILE_TEST_IS_REGULAR))
    g_error ("The German catalog %s has not been built", catalog);

  rd_gui_test_set_language ("de");

  /* Templates are translated when a window is built, so a new window speaks
   * the new language. */
  window = rd_gui_test_open_window (app);
  set_empty_buyer_session (window);

  sidebar_page = find_sidebar_status_page (GTK_WIDGET (window));
  g_assert_nonnull (sidebar_page);
  g_assert_cmpstr (adw_status_page_get_title (sidebar_page), ==, "Noch keine Streitfälle");
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (sidebar_page), "Noch keine Streitfälle"));
  g_assert_null (rd_gui_test_find_mapped_label (GTK_WIDGET (window), "No disputes yet"));
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (window), "Kein Fall ausgewählt"));

  menu_button = rd_gui_test_first (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (menu_button)), ==, "Hauptmenü");
  section = g_menu_model_get_item_link (gtk_menu_button_get_menu_model (menu_button), 0,
                                        G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL,
                                                  "s", &menu_label));
  g_assert_cmpstr (menu_label, ==, "_Einstellungen");

  g_assert_cmpstr (rd_status_label (RD_STATUS_UNDER_REVIEW), ==, "In Prüfung");

  close_all_windows ();
  rd_gui_test_set_language (NULL);
  g_assert_cmpstr (rd_status_label (RD_STATUS_UNDER_REVIEW), ==, "Under review");
}

static void
assert_accel (const char *action,
              const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  g_assert_true (g_strv_contains ((const char * const *) accels, accel));
}

static void
test_window_shortcuts (void)
{
  RdWindow *window;
  GtkShortcutsWindow *overlay;

  assert_accel ("app.shortcuts", "<Control>question");
  assert_accel ("app.preferences", "<Control>comma");
  assert_accel ("app.quit", "<Control>q");

  window = rd_gui_test_open_window (app);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (overlay)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (overlay)), ==, "Keyboard Shortcuts");
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (overlay), "New dispute"));

  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
  close_all_windows ();
}

static void
test_window_about (void)
{
  RdWindow *window = rd_gui_test_open_window (app);
  AdwAboutWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  WAIT_UNTIL ((about = rd_gui_test_find_window (ADW_TYPE_ABOUT_WINDOW)) != NULL);

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Redress");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);

  gtk_window_destroy (GTK_WINDOW (about));
  close_all_windows ();
}

static void
apply_platform_url (AdwEntryRow *row,
                    const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
test_window_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *url = NULL;
  RdWindow *window = rd_gui_test_open_window (app);
  RdPreferencesWindow *preferences;
  AdwEntryRow *url_row;
  GtkSwitch *notifications;
  AdwComboRow *interval_row;
  AdwComboRow *language_row;
  gboolean notify_before;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  WAIT_UNTIL ((preferences = rd_gui_test_find_window (RD_TYPE_PREFERENCES_WINDOW)) != NULL);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));

  /* The platform address shows the setting, takes a good address and refuses
   * a bad one without touching the setting. */
  url_row = rd_gui_test_first (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (url_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, "http://127.0.0.1:8080/v1/");

  apply_platform_url (url_row, "  https://disputes.example.com/v1/ ");
  url = g_settings_get_string (settings, "platform-url");
  g_assert_cmpstr (url, ==, "https://disputes.example.com/v1/");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (url_row), "error"));
  g_clear_pointer (&url, g_free);

  apply_platform_url (url_row, "http://disputes.example.com/v1/");
  url = g_settings_get_string (settings, "platform-url");
  g_assert_cmpstr (url, ==, "https://disputes.example.com/v1/");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (url_row), "error"));
  g_clear_pointer (&url, g_free);

  apply_platform_url (url_row, "not an address");
  url = g_settings_get_string (settings, "platform-url");
  g_assert_cmpstr (url, ==, "https://disputes.example.com/v1/");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (url_row), "error"));
  g_clear_pointer (&url, g_free);

  /* Plain http is fine for a platform on this computer. */
  apply_platform_url (url_row, "http://localhost:9000/v1/");
  url = g_settings_get_string (settings, "platform-url");
  g_assert_cmpstr (url, ==, "http://localhost:9000/v1/");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (url_row), "error"));
  g_clear_pointer (&url, g_free);

  g_settings_set_string (settings, "platform-url", "https://other.example.org/v1/");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, "https://other.example.org/v1/");

  /* The switch and the setting follow each other. */
  notifications = rd_gui_test_first (GTK_WIDGET (preferences), GTK_TYPE_SWITCH);
  g_assert_nonnull (notifications);
  notify_before = g_settings_get_boolean (settings, "notifications");
  g_assert_cmpint (gtk_switch_get_active (notifications), ==, notify_before);
  gtk_switch_set_active (notifications, !notify_before);
  g_assert_cmpint (g_settings_get_boolean (settings, "notifications"), ==, !notify_before);

  /* The interval: the rows are whole choices, the setting is seconds. */
  interval_row = rd_gui_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, "Check for Changes");
  g_assert_nonnull (interval_row);
  g_assert_cmpuint (adw_combo_row_get_selected (interval_row), ==, 1);  /* 300 s */
  adw_combo_row_set_selected (interval_row, 4);
  g_assert_cmpuint (g_settings_get_uint (settings, "sync-interval"), ==, 3600);
  g_settings_set_uint (settings, "sync-interval", 900);
  g_assert_cmpuint (adw_combo_row_get_selected (interval_row), ==, 2);
  g_settings_set_uint (settings, "sync-interval", 1000);  /* not a choice: the nearest shows */
  g_assert_cmpuint (adw_combo_row_get_selected (interval_row), ==, 2);

  language_row = rd_gui_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, "Language");
  g_assert_nonnull (language_row);
  g_assert_cmpuint (adw_combo_row_get_selected (language_row), ==, 0);
  adw_combo_row_set_selected (language_row, 2);
  url = g_settings_get_string (settings, "language");
  g_assert_cmpstr (url, ==, "de");
  g_clear_pointer (&url, g_free);

  gtk_window_destroy (GTK_WINDOW (preferences));
  close_all_windows ();

  g_settings_reset (settings, "platform-url");
  g_settings_reset (settings, "notifications");
  g_settings_reset (settings, "sync-interval");
  g_settings_reset (settings, "language");
}

static void
test_window_language_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  RdWindow *window;

  /* A language chosen in the preferences wins over the environment. */
  g_settings_set_string (settings, "language", "de");
  rd_gui_test_set_language (NULL);
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "de");

  window = rd_gui_test_open_window (app);
  set_empty_buyer_session (window);
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (window), "Noch keine Streitfälle"));
  close_all_windows ();

  g_settings_reset (settings, "language");
  rd_gui_test_set_language (NULL);
  g_assert_cmpstr (rd_status_label (RD_STATUS_UNDER_REVIEW), ==, "Under review");
}

static void
test_window_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  RdWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = rd_gui_test_open_window (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* The size at closing time is the size of the next window. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  rd_gui_test_drain ();
  gtk_window_close (GTK_WINDOW (window));
  rd_gui_test_drain ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = rd_gui_test_open_window (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  close_all_windows ();

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
}

static void
test_window_quit (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  RdWindow *window;

  rd_gui_test_open_window (app);
  window = rd_gui_test_open_window (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  /* Quit closes every window, and each saves its size on the way. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), >, 0);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static int
on_handle_local_options_stop_cb (GApplication *application,
                                 GVariantDict *options,
                                 gpointer      user_data)
{
  /* Stop after the options were read: no registration, no window. */
  return 0;
}

static gboolean
run_with_args (const char * const *args)
{
  g_autoptr(RdApplication) other = rd_application_new ();
  g_auto(GStrv) argv = g_strdupv ((char **) args);

  g_signal_connect_after (other, "handle-local-options",
                          G_CALLBACK (on_handle_local_options_stop_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (other), g_strv_length (argv), argv), ==, 0);

  return rd_application_get_demo_mode (other);
}

static void
test_application_demo_option (void)
{
  g_assert_true (run_with_args ((const char * const[]) { "redress", "--demo", NULL }));
  g_assert_false (run_with_args ((const char * const[]) { "redress", NULL }));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmpdir = rd_gui_test_setup_environment ("test-window");
  if (!rd_gui_test_init (&argc, &argv))
    return g_test_run ();

  app = rd_gui_test_application_new ();

  g_test_add_func ("/window/english", test_window_english);
  g_test_add_func ("/window/german", test_window_german);
  g_test_add_func ("/window/language-setting", test_window_language_setting);
  g_test_add_func ("/window/shortcuts", test_window_shortcuts);
  g_test_add_func ("/window/about", test_window_about);
  g_test_add_func ("/window/preferences", test_window_preferences);
  g_test_add_func ("/window/size", test_window_size);
  g_test_add_func ("/window/quit", test_window_quit);
  g_test_add_func ("/application/demo-option", test_application_demo_option);

  ret = g_test_run ();

  close_all_windows ();
  g_clear_object (&app);
  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return ret;
}
