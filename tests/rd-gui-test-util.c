/* rd-gui-test-util.c — what the GUI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-app-setup.h"
#include "rd-case-list.h"
#include "rd-gui-test-util.h"

/* --- Set-up ------------------------------------------------------------------------------ */

char *
rd_gui_test_setup_environment (const char *name)
{
  char *tmpdir = rd_test_make_tmpdir (name);
  g_autofree char *data = g_build_filename (tmpdir, "data", NULL);
  g_autofree char *cache = g_build_filename (tmpdir, "cache", NULL);
  g_autofree char *config = g_build_filename (tmpdir, "config", NULL);

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  /* Deterministic whatever the caller's locale; C.UTF-8 still honours
   * LANGUAGE. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  rd_app_setup_environment ();
  rd_app_setup_i18n ();
  return tmpdir;
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run the GUI tests through build-aux/run-tests");
}

gboolean
rd_gui_test_init (int    *argc,
                  char ***argv)
{
  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/no-display", test_no_display);
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

void
rd_gui_test_set_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  /* The same set-up as main(): setlocale() again also flushes gettext's
   * cache. */
  rd_app_setup_i18n ();
}

RdApplication *
rd_gui_test_application_new (void)
{
  g_autoptr(GError) error = NULL;
  RdApplication *app = rd_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

RdWindow *
rd_gui_test_open_window (RdApplication *app)
{
  RdWindow *window = rd_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  rd_gui_test_wait_shown (GTK_WIDGET (window));
  return window;
}

/* --- Waiting ----------------------------------------------------------------------------- */

gboolean
rd_gui_test_on_timeout (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

void
rd_gui_test_drain (void)
{
  for (guint i = 0; i < 100 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

void
rd_gui_test_wait_shown (GtkWidget *widget)
{
  /* Mapped, and laid out: the first frame has been drawn. */
  WAIT_UNTIL (gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0);
}

/* --- Sessions ---------------------------------------------------------------------------- */

static RdSession *
start_demo (const char *login,
            gboolean    hold)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = RD_TEST_AWAIT (rd_session_start_demo_async (login, NULL, RD_TEST_CB));
  RdSession *session = rd_session_start_demo_finish (result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  if (hold)
    rd_sync_stop (rd_session_get_sync (session));
  return session;
}

RdSession *
rd_gui_test_start_demo (const char *login)
{
  return start_demo (login, FALSE);
}

RdSession *
rd_gui_test_start_demo_held (const char *login)
{
  return start_demo (login, TRUE);
}

RdSession *
rd_gui_test_login_held (const char *url,
                        const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = RD_TEST_AWAIT (rd_session_login_async (url, login, "demo", NULL, RD_TEST_CB));
  RdSession *session = rd_session_login_finish (result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  rd_sync_stop (rd_session_get_sync (session));
  return session;
}

void
rd_gui_test_sync (RdSession *session)
{
  RdSync *sync = rd_session_get_sync (session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = RD_TEST_AWAIT (rd_sync_run_async (sync, NULL, RD_TEST_CB));
  gboolean ok = rd_sync_run_finish (sync, result, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

gboolean
rd_gui_test_session_listed (RdWindow   *window,
                            const char *login)
{
  RdSession *session = rd_window_get_session (window);
  RdCaseList *list;
  RdStore *store;
  g_autofree char *cursor = NULL;
  guint all;

  if (g_strcmp0 (rd_window_get_page (window), "session") != 0 || session == NULL ||
      g_strcmp0 (rd_session_get_login (session), login) != 0 ||
      rd_session_get_state (session) != RD_SESSION_STATE_ONLINE)
    return FALSE;

  store = rd_session_get_store (session);
  cursor = rd_store_get_cursor (store);
  if (cursor == NULL)
    return FALSE;

  /* The list caught up with the store. */
  list = rd_gui_test_first (GTK_WIDGET (window), RD_TYPE_CASE_LIST);
  if (list == NULL)
    return FALSE;
  all = rd_store_count_cases (store, RD_CASE_FILTER_ALL);
  for (guint i = 0; i < rd_case_list_get_n_filters (list); i++)
    if (g_str_equal (rd_case_list_get_filter_label (list, i), C_("case filter", "All")))
      return rd_case_list_get_filter_count (list, i) == all && all > 0;
  return FALSE;
}

void
rd_gui_test_wait_for_session (RdWindow   *window,
                              const char *login)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (60, rd_gui_test_on_timeout, &timed_out);

  while (!rd_gui_test_session_listed (window, login) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);

  if (!rd_gui_test_session_listed (window, login))
    {
      RdSession *session = rd_window_get_session (window);
      g_autofree char *cursor = session != NULL ? rd_store_get_cursor (rd_session_get_store (session)) : NULL;

      g_error ("%s's cases did not show: page %s, session of %s, state %d, last error %s, cursor %s",
               login, rd_window_get_page (window),
               session != NULL ? rd_session_get_login (session) : "nobody",
               session != NULL ? (int) rd_session_get_state (session) : -1,
               session != NULL ? rd_session_get_last_error (session) : NULL, cursor);
    }
  /* A little more for the list's debounced reload to settle. */
  rd_test_run_for (300);
}

char *
rd_gui_test_find_case (RdSession  *session,
                       const char *title,
                       gboolean    open)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = rd_store_list_all_cases (rd_session_get_store (session), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < cases->len; i++)
    {
      RdCase *kase = g_ptr_array_index (cases, i);

      if (kase->item != NULL && g_strcmp0 (kase->item->title, title) == 0 &&
          (!open || kase->status != RD_STATUS_RESOLVED))
        return g_strdup (kase->id);
    }
  return NULL;
}

RdCase *
rd_gui_test_get_case (RdSession  *session,
                      const char *case_id)
{
  g_autoptr(GError) error = NULL;
  RdCase *kase = rd_store_get_case (rd_session_get_store (session), case_id, &error);

  g_assert_no_error (error);
  return kase;
}

RdStatus
rd_gui_test_status (RdSession  *session,
                    const char *case_id)
{
  g_autoptr(RdCase) kase = rd_gui_test_get_case (session, case_id);

  return kase->status;
}

void
rd_gui_test_act (RdSession  *session,
                 const char *case_id,
                 RdAction   *action)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_session_act (session, case_id, action, &error));
  g_assert_no_error (error);
}

RdCaseView *
rd_gui_test_open_case_view (RdSession  *session,
                            GtkWindow **window_out)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *view = rd_case_view_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 760);
  adw_window_set_content (ADW_WINDOW (window), view);
  rd_case_view_set_session (RD_CASE_VIEW (view), session);
  gtk_window_present (GTK_WINDOW (window));
  rd_gui_test_drain ();
  *window_out = GTK_WINDOW (window);
  return RD_CASE_VIEW (view);
}

/* --- What is on screen ------------------------------------------------------------------- */

void
rd_gui_test_collect (GtkWidget *root,
                     GType      type,
                     GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_type_is_a (G_OBJECT_TYPE (child), type))
        g_ptr_array_add (out, child);
      rd_gui_test_collect (child, type, out);
    }
}

GPtrArray *
rd_gui_test_all (GtkWidget *root,
                 GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  rd_gui_test_collect (root, type, out);
  return out;
}

gpointer
rd_gui_test_first (GtkWidget *root,
                   GType      type)
{
  g_autoptr(GPtrArray) all = rd_gui_test_all (root, type);

  return all->len > 0 ? g_ptr_array_index (all, 0) : NULL;
}

guint
rd_gui_test_count (GtkWidget *root,
                   GType      type)
{
  g_autoptr(GPtrArray) all = rd_gui_test_all (root, type);

  return all->len;
}

gboolean
rd_gui_test_is_drawn (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w))
      return FALSE;
  return TRUE;
}

static gboolean
text_is (const char *text,
         const char *wanted)
{
  return g_strcmp0 (text, wanted) == 0;
}

static gboolean
text_contains (const char *text,
               const char *part)
{
  return strstr (text, part) != NULL;
}

/* The first label under @root that @shown accepts and whose text @matches
 * @text. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text,
            gboolean  (*matches) (const char *, const char *),
            gboolean  (*shown) (GtkWidget *))
{
  g_autoptr(GPtrArray) labels = rd_gui_test_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (matches (gtk_label_get_text (label), text) && shown (GTK_WIDGET (label)))
        return label;
    }
  return NULL;
}

GtkLabel *
rd_gui_test_find_label (GtkWidget  *root,
                        const char *text)
{
  return find_label (root, text, text_is, rd_gui_test_is_drawn);
}

GtkLabel *
rd_gui_test_find_label_containing (GtkWidget  *root,
                                   const char *part)
{
  return find_label (root, part, text_contains, rd_gui_test_is_drawn);
}

GtkLabel *
rd_gui_test_find_mapped_label (GtkWidget  *root,
                               const char *text)
{
  return find_label (root, text, text_is, gtk_widget_get_mapped);
}

char *
rd_gui_test_dump_labels (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = rd_gui_test_all (root, GTK_TYPE_LABEL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    if (rd_gui_test_is_drawn (g_ptr_array_index (labels, i)))
      g_string_append_printf (out, "  «%s»\n", gtk_label_get_text (g_ptr_array_index (labels, i)));
  return g_string_free (out, FALSE);
}

GtkWidget *
rd_gui_test_find_button (GtkWidget  *root,
                         const char *action,
                         const char *target)
{
  g_autoptr(GPtrArray) buttons = rd_gui_test_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), action) != 0)
        continue;
      if (target != NULL && (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) ||
                             g_strcmp0 (g_variant_get_string (value, NULL), target) != 0))
        continue;
      if (rd_gui_test_is_drawn (button))
        return button;
    }
  return NULL;
}

GtkWidget *
rd_gui_test_find_button_labelled (GtkWidget  *root,
                                  const char *label)
{
  g_autoptr(GPtrArray) buttons = rd_gui_test_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

gpointer
rd_gui_test_find_row (GtkWidget  *root,
                      GType       type,
                      const char *title)
{
  g_autoptr(GPtrArray) rows = rd_gui_test_all (root, type);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

RdPendingRow *
rd_gui_test_find_pending (GtkWidget  *root,
                          const char *text)
{
  g_autoptr(GPtrArray) rows = rd_gui_test_all (root, RD_TYPE_PENDING_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      RdPendingRow *row = g_ptr_array_index (rows, i);

      if (text == NULL || strstr (rd_pending_row_get_text (row), text) != NULL ||
          strstr (rd_pending_row_get_what (row), text) != NULL)
        return row;
    }
  return NULL;
}

gpointer
rd_gui_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gpointer found = NULL;

  /* Newest last. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        found = window;
    }
  return found;
}

AdwMessageDialog *
rd_gui_test_find_message_dialog (void)
{
  return rd_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
}

/* --- Acting as a user -------------------------------------------------------------------- */

void
rd_gui_test_respond (AdwMessageDialog *dialog,
                     const char       *response)
{
  const char *label = adw_message_dialog_get_response_label (dialog, response);
  GtkWidget *button = rd_gui_test_find_button_labelled (GTK_WIDGET (dialog), label);

  if (button == NULL)
    g_error ("no button for the response %s", response);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* A dialog answers once it has gone: wait for that, so that whatever its
   * response does (queue an action) has happened before the test goes on. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate (button);
  WAIT_UNTIL (dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog)));
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  rd_gui_test_drain ();
}

void
rd_gui_test_type_text (GtkWidget  *root,
                       const char *text)
{
  GtkTextView *view = rd_gui_test_first (root, GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

void
rd_gui_test_fill_entry_row (GtkWidget  *root,
                            const char *title,
                            const char *text)
{
  AdwEntryRow *row = rd_gui_test_find_row (root, ADW_TYPE_ENTRY_ROW, title);

  if (row == NULL)
    g_error ("no entry row titled %s", title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}
