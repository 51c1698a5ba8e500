/* rd-case-test.h — what the case view's tests share: sessions on the demo
 * platform that sync only when told, a window around the case view, and
 * looking for what a user would see in it
 *
 * Static functions in a header, so that each test program stays one file
 * and the build needs no further source.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "rd-app-setup.h"
#include "rd-case-header.h"
#include "rd-case-view.h"
#include "rd-composer.h"
#include "rd-evidence-thumbnail.h"
#include "rd-message-bubble.h"
#include "rd-offer-card.h"
#include "rd-pending-row.h"
#include "rd-session.h"
#include "rd-test-util.h"
#include "rd-timeline-row.h"

/* --- Waiting ------------------------------------------------------------------------- */

G_GNUC_UNUSED static gboolean
rd_case_test_on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @cond holds, for at most @seconds; fails the test
 * otherwise, naming the condition. */
#define WAIT_UNTIL_FOR(cond, seconds) \
  G_STMT_START { \
    gboolean timed_out_ = FALSE; \
    guint timeout_id_ = g_timeout_add_seconds ((seconds), rd_case_test_on_timeout, &timed_out_); \
    while (!(cond) && !timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    if (!timed_out_) \
      g_source_remove (timeout_id_); \
    if (!(cond)) \
      g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond); \
  } G_STMT_END
#define WAIT_UNTIL(cond) WAIT_UNTIL_FOR (cond, 10)

G_GNUC_UNUSED static void
rd_case_test_drain (void)
{
  for (guint i = 0; i < 100 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* --- Set-up --------------------------------------------------------------------------- */

/* A private home for the test's data, cache and settings, before anything
 * reads them; English whatever the caller's locale. */
G_GNUC_UNUSED static char *
rd_case_test_setup_environment (const char *name)
{
  char *tmpdir = rd_test_make_tmpdir (name);
  g_autofree char *data = g_build_filename (tmpdir, "data", NULL);
  g_autofree char *cache = g_build_filename (tmpdir, "cache", NULL);
  g_autofree char *config = g_build_filename (tmpdir, "config", NULL);

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  rd_app_setup_environment ();
  rd_app_setup_i18n ();
  return tmpdir;
}

/* Syncs only when the test says so (rd_case_test_sync ()). */
G_GNUC_UNUSED static void
rd_case_test_hold_sync (RdSession *session)
{
  rd_sync_stop (rd_session_get_sync (session));
}

G_GNUC_UNUSED static RdSession *
rd_case_test_start_demo (const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = RD_TEST_AWAIT (rd_session_start_demo_async (login, NULL, RD_TEST_CB));
  RdSession *session = rd_session_start_demo_finish (result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  rd_case_test_hold_sync (session);
  return session;
}

G_GNUC_UNUSED static RdSession *
rd_case_test_login (const char *url,
                    const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = RD_TEST_AWAIT (rd_session_login_async (url, login, "demo", NULL, RD_TEST_CB));
  RdSession *session = rd_session_login_finish (result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  rd_case_test_hold_sync (session);
  return session;
}

/* One full push and pull of @session. */
G_GNUC_UNUSED static void
rd_case_test_sync (RdSession *session)
{
  RdSync *sync = rd_session_get_sync (session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = RD_TEST_AWAIT (rd_sync_run_async (sync, NULL, RD_TEST_CB));

  rd_sync_run_finish (sync, result, &error);
  g_assert_no_error (error);
}

/* The case about the item called @title (the first one that is not
 * resolved, if @open), or NULL. */
G_GNUC_UNUSED static char *
rd_case_test_find_case (RdSession  *session,
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

G_GNUC_UNUSED static RdCase *
rd_case_test_get_case (RdSession  *session,
                       const char *case_id)
{
  g_autoptr(GError) error = NULL;
  RdCase *kase = rd_store_get_case (rd_session_get_store (session), case_id, &error);

  g_assert_no_error (error);
  return kase;
}

G_GNUC_UNUSED static RdStatus
rd_case_test_status (RdSession  *session,
                     const char *case_id)
{
  g_autoptr(RdCase) kase = rd_case_test_get_case (session, case_id);

  return kase->status;
}

/* Queues @action as the user of @session would, failing the test on a
 * refusal. */
G_GNUC_UNUSED static void
rd_case_test_act (RdSession  *session,
                  const char *case_id,
                  RdAction   *action)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rd_session_act (session, case_id, action, &error));
  g_assert_no_error (error);
}

/* A window with a case view of @session, shown. */
G_GNUC_UNUSED static RdCaseView *
rd_case_test_open_window (RdSession *session,
                          GtkWindow **window_out)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *view = rd_case_view_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 760);
  adw_window_set_content (ADW_WINDOW (window), view);
  rd_case_view_set_session (RD_CASE_VIEW (view), session);
  gtk_window_present (GTK_WINDOW (window));
  rd_case_test_drain ();
  *window_out = GTK_WINDOW (window);
  return RD_CASE_VIEW (view);
}

/* --- What is on screen ------------------------------------------------------------------- */

G_GNUC_UNUSED static void
rd_case_test_collect (GtkWidget *root,
                      GType      type,
                      GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_type_is_a (G_OBJECT_TYPE (child), type))
        g_ptr_array_add (out, child);
      rd_case_test_collect (child, type, out);
    }
}

G_GNUC_UNUSED static GPtrArray *
rd_case_test_all (GtkWidget *root,
                  GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  rd_case_test_collect (root, type, out);
  return out;
}

G_GNUC_UNUSED static gpointer
rd_case_test_first (GtkWidget *root,
                    GType      type)
{
  g_autoptr(GPtrArray) all = rd_case_test_all (root, type);

  return all->len > 0 ? g_ptr_array_index (all, 0) : NULL;
}

/* Visible means drawn: the widget and all its ancestors are visible. */
G_GNUC_UNUSED static gboolean
rd_case_test_is_drawn (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w))
      return FALSE;
  return TRUE;
}

/* A shown label under @root whose text is exactly @text, or NULL. */
G_GNUC_UNUSED static GtkLabel *
rd_case_test_find_label (GtkWidget  *root,
                         const char *text)
{
  g_autoptr(GPtrArray) labels = rd_case_test_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (g_strcmp0 (gtk_label_get_text (label), text) == 0 && rd_case_test_is_drawn (GTK_WIDGET (label)))
        return label;
    }
  return NULL;
}

/* A shown label under @root whose text contains @part, or NULL. */
G_GNUC_UNUSED static GtkLabel *
rd_case_test_find_label_containing (GtkWidget  *root,
                                    const char *part)
{
  g_autoptr(GPtrArray) labels = rd_case_test_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (strstr (gtk_label_get_text (label), part) != NULL && rd_case_test_is_drawn (GTK_WIDGET (label)))
        return label;
    }
  return NULL;
}

/* A shown button under @root that activates @action (with the string
 * target @target, if not NULL). */
G_GNUC_UNUSED static GtkWidget *
rd_case_test_find_button (GtkWidget  *root,
                          const char *action,
                          const char *target)
{
  g_autoptr(GPtrArray) buttons = rd_case_test_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), action) != 0)
        continue;
      if (target != NULL && (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) ||
                             g_strcmp0 (g_variant_get_string (value, NULL), target) != 0))
        continue;
      if (rd_case_test_is_drawn (button))
        return button;
    }
  return NULL;
}

/* The pending row of the user's unsent step @what ("Your message"…), or
 * NULL. */
G_GNUC_UNUSED static RdPendingRow *
rd_case_test_find_pending (GtkWidget  *root,
                           const char *text)
{
  g_autoptr(GPtrArray) rows = rd_case_test_all (root, RD_TYPE_PENDING_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      RdPendingRow *row = g_ptr_array_index (rows, i);

      if (text == NULL || strstr (rd_pending_row_get_text (row), text) != NULL ||
          strstr (rd_pending_row_get_what (row), text) != NULL)
        return row;
    }
  return NULL;
}

G_GNUC_UNUSED static guint
rd_case_test_count (GtkWidget *root,
                    GType      type)
{
  g_autoptr(GPtrArray) all = rd_case_test_all (root, type);

  return all->len;
}

/* The newest shown AdwMessageDialog, or NULL. */
G_GNUC_UNUSED static AdwMessageDialog *
rd_case_test_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = ADW_MESSAGE_DIALOG (window);
    }
  return found;
}

/* Clicks the button of @response in @dialog, as a user would: the dialog
 * answers and closes. */
G_GNUC_UNUSED static void
rd_case_test_respond (AdwMessageDialog *dialog,
                      const char       *response)
{
  const char *label = adw_message_dialog_get_response_label (dialog, response);
  g_autoptr(GPtrArray) buttons = rd_case_test_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkButton *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_button_get_label (button), label) == 0)
        {
          g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
          gtk_widget_activate (GTK_WIDGET (button));
          rd_case_test_drain ();
          return;
        }
    }
  g_error ("no button for the response %s", response);
}

/* The shown toplevel of @type, or NULL. */
G_GNUC_UNUSED static gpointer
rd_case_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }
  return found;
}

/* Types @text into the first text view under @root, as a user would. */
G_GNUC_UNUSED static void
rd_case_test_type_text (GtkWidget  *root,
                        const char *text)
{
  GtkTextView *view = rd_case_test_first (root, GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

/* Fills the entry row titled @title under @root. */
G_GNUC_UNUSED static void
rd_case_test_fill_entry_row (GtkWidget  *root,
                             const char *title,
                             const char *text)
{
  g_autoptr(GPtrArray) rows = rd_case_test_all (root, ADW_TYPE_ENTRY_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (row), title) == 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (row), text);
          return;
        }
    }
  g_error ("no entry row titled %s", title);
}

/* Every label text under @root, one a line, for a failing test's message. */
G_GNUC_UNUSED static char *
rd_case_test_dump_labels (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = rd_case_test_all (root, GTK_TYPE_LABEL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    if (rd_case_test_is_drawn (g_ptr_array_index (labels, i)))
      g_string_append_printf (out, "  «%s»\n", gtk_label_get_text (g_ptr_array_index (labels, i)));
  return g_string_free (out, FALSE);
}

#define ASSERT_LABEL(root, text) \
  G_STMT_START { \
    if (rd_case_test_find_label ((root), (text)) == NULL) \
      { \
        g_autofree char *dump_ = rd_case_test_dump_labels (root); \
        g_error ("%s:%d: no label «%s» among:\n%s", __FILE__, __LINE__, (text), dump_); \
      } \
  } G_STMT_END

#define ASSERT_LABEL_CONTAINING(root, text) \
  G_STMT_START { \
    if (rd_case_test_find_label_containing ((root), (text)) == NULL) \
      { \
        g_autofree char *dump_ = rd_case_test_dump_labels (root); \
        g_error ("%s:%d: no label containing «%s» among:\n%s", __FILE__, __LINE__, (text), dump_); \
      } \
  } G_STMT_END
