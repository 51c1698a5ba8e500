/* test-window.c — the main window opens, speaks English and German, and its
 * menu's actions open what they promise.
 *
 * Runs in-process under the X server that build-aux/run-tests starts, with
 * GSETTINGS_BACKEND=memory and REDRESS_LOCALEDIR=<build>/po/locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "rd-app-setup.h"
#include "rd-application.h"
#include "rd-enums.h"
#include "rd-preferences-window.h"
#include "rd-session.h"
#include "rd-store.h"
#include "rd-welcome-page.h"
#include "rd-window.h"

static RdApplication *app;

static gboolean
on_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @cond holds, for at most ten seconds. */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    gboolean timed_out_ = FALSE; \
    guint timeout_id_ = g_timeout_add_seconds (10, on_timeout_cb, &timed_out_); \
    while (!(cond) && !timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    if (!timed_out_) \
      g_source_remove (timeout_id_); \
  } G_STMT_END

static void
drain_main_loop (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
set_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  /* The same set-up as main(): setlocale() again also flushes gettext's cache. */
  rd_app_setup_i18n ();
}

/* Every descendant of @root of @type, in tree order (depth first). */
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

/* A label on screen (mapped) that reads exactly @text. */
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

/* The status page in the leaflet's page named "sidebar". */
static AdwStatusPage *
find_sidebar_status_page (GtkWidget *window)
{
  AdwLeaflet *leaflet = find_descendant (window, ADW_TYPE_LEAFLET);
  GtkWidget *sidebar;

  g_assert_nonnull (leaflet);
  sidebar = adw_leaflet_get_child_by_name (leaflet, "sidebar");
  g_assert_nonnull (sidebar);
  return find_descendant (sidebar, ADW_TYPE_STATUS_PAGE);
}

/* The toplevel of @type that is on screen, or NULL. */
static gpointer
find_mapped_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_mapped (window))
        return window;
    }

  return NULL;
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
  WAIT_FOR (find_mapped_label (GTK_WIDGET (window), "No case selected") != NULL ||
            find_mapped_label (GTK_WIDGET (window), "Kein Fall ausgewählt") != NULL);
}

static RdWindow *
open_window (void)
{
  RdWindow *window = rd_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  /* Mapped, and laid out: the first frame has been drawn. */
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
            gtk_widget_get_width (GTK_WIDGET (window)) > 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return window;
}

static void
close_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  drain_main_loop ();
}

static void
test_window_english (void)
{
  GtkWindow *window;
  AdwStatusPage *sidebar_page;
  RdWelcomePage *welcome;

  set_language (NULL);

  /* What `redress` does when started: activate opens the main window; with
   * no account used before, it welcomes. */
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (RD_IS_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  g_assert_cmpstr (rd_window_get_page (RD_WINDOW (window)), ==, "welcome");
  welcome = find_descendant (GTK_WIDGET (window), RD_TYPE_WELCOME_PAGE);
  g_assert_nonnull (welcome);
  WAIT_FOR (find_mapped_label (GTK_WIDGET (welcome), "Log in to a platform") != NULL);
  g_assert_nonnull (find_mapped_label (GTK_WIDGET (welcome), "Welcome to Redress"));
  g_assert_nonnull (find_mapped_label (GTK_WIDGET (welcome), "Log in to a platform"));
  g_assert_nonnull (find_mapped_label (GTK_WIDGET (welcome), "Try the Demo"));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Redress");

  /* An account without disputes says where to start. */
  set_empty_buyer_session (RD_WINDOW (window));
  sidebar_page = find_sidebar_status_page (GTK_WIDGET (window));
  g_assert_nonnull (sidebar_page);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (sidebar_page)) &&
            gtk_widget_get_width (GTK_WIDGET (sidebar_page)) > 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (sidebar_page)));
  g_assert_cmpstr (adw_status_page_get_title (sidebar_page), ==, "No disputes yet");
  g_assert_nonnull (find_mapped_label (GTK_WIDGET (sidebar_page), "No disputes yet"));
  g_assert_nonnull (find_mapped_label (GTK_WIDGET (sidebar_page),
                                       "When something you bought goes wrong, start here."));
  g_assert_nonnull (find_mapped_label (GTK_WIDGET (window), "No case selected"));
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

  set_language ("de");

  /* Templates are translated when a window is built, so a new window speaks
   * the new language. */
  window = open_window ();
  set_empty_buyer_session (window);

  sidebar_page = find_sidebar_status_page (GTK_WIDGET (window));
  g_assert_nonnull (sidebar_page);
  g_assert_cmpstr (adw_status_page_get_title (sidebar_page), ==, "Noch keine Streitfälle");
  g_assert_nonnull (find_mapped_label (GTK_WIDGET (sidebar_page), "Noch keine Streitfälle"));
  g_assert_null (find_mapped_label (GTK_WIDGET (window), "No disputes yet"));
  g_assert_nonnull (find_mapped_label (GTK_WIDGET (window), "Kein Fall ausgewählt"));

  menu_button = find_descendant (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
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
  set_language (NULL);
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

  window = open_window ();
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (overlay)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (overlay)), ==, "Keyboard Shortcuts");
  g_assert_nonnull (find_mapped_label (GTK_WIDGET (overlay), "New dispute"));

  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
  close_all_windows ();
}

static void
test_window_about (void)
{
  RdWindow *window = open_window ();
  AdwAboutWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  WAIT_FOR (find_mapped_toplevel (ADW_TYPE_ABOUT_WINDOW) != NULL);
  about = find_mapped_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Redress");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);

  gtk_window_destroy (GTK_WINDOW (about));
  close_all_windows ();
}

static AdwComboRow *
find_combo_row (GtkWidget  *root,
                const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_descendants (root, ADW_TYPE_COMBO_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);

  return NULL;
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
  RdWindow *window = open_window ();
  RdPreferencesWindow *preferences;
  AdwEntryRow *url_row;
  GtkSwitch *notifications;
  AdwComboRow *interval_row;
  AdwComboRow *language_row;
  gboolean notify_before;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  WAIT_FOR (find_mapped_toplevel (RD_TYPE_PREFERENCES_WINDOW) != NULL);
  preferences = find_mapped_toplevel (RD_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));

  /* The platform address shows the setting, takes a good address and refuses
   * a bad one without touching the setting. */
  url_row = find_descendant (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW);
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
  notifications = find_descendant (GTK_WIDGET (preferences), GTK_TYPE_SWITCH);
  g_assert_nonnull (notifications);
  notify_before = g_settings_get_boolean (settings, "notifications");
  g_assert_cmpint (gtk_switch_get_active (notifications), ==, notify_before);
  gtk_switch_set_active (notifications, !notify_before);
  g_assert_cmpint (g_settings_get_boolean (settings, "notifications"), ==, !notify_before);

  /* The interval: the rows are whole choices, the setting is seconds. */
  interval_row = find_combo_row (GTK_WIDGET (preferences), "Check for Changes");
  g_assert_nonnull (interval_row);
  g_assert_cmpuint (adw_combo_row_get_selected (interval_row), ==, 1);  /* 300 s */
  adw_combo_row_set_selected (interval_row, 4);
  g_assert_cmpuint (g_settings_get_uint (settings, "sync-interval"), ==, 3600);
  g_settings_set_uint (settings, "sync-interval", 900);
  g_assert_cmpuint (adw_combo_row_get_selected (interval_row), ==, 2);
  g_settings_set_uint (settings, "sync-interval", 1000);  /* not a choice: the nearest shows */
  g_assert_cmpuint (adw_combo_row_get_selected (interval_row), ==, 2);

  language_row = find_combo_row (GTK_WIDGET (preferences), "Language");
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
  set_language (NULL);
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "de");

  window = open_window ();
  set_empty_buyer_session (window);
  g_assert_nonnull (find_mapped_label (GTK_WIDGET (window), "Noch keine Streitfälle"));
  close_all_windows ();

  g_settings_reset (settings, "language");
  set_language (NULL);
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

  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* The size at closing time is the size of the next window. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  drain_main_loop ();
  gtk_window_close (GTK_WINDOW (window));
  drain_main_loop ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = open_window ();
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

  open_window ();
  window = open_window ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  /* Quit closes every window, and each saves its size on the way. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  WAIT_FOR (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
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

static void
test_no_display (void)
{
  g_test_skip ("No display: run the GUI tests through build-aux/run-tests");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Deterministic whatever the caller's locale; C.UTF-8 still honours LANGUAGE. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  rd_app_setup_environment ();
  rd_app_setup_i18n ();

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/window/no-display", test_no_display);
      return g_test_run ();
    }

  app = rd_application_new ();
  /* Another Redress on the session bus must not take our windows. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

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

  return ret;
}
