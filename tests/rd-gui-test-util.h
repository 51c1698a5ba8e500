/* rd-gui-test-util.h — what the GUI tests share: a private home and an
 * English run, the application, sessions on the demo platform, waiting for
 * the main loop, and looking for what a user would see on screen
 *
 * Links with rd-test-util.c (tests/meson.build adds both to every GUI test).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-action.h"
#include "rd-application.h"
#include "rd-case.h"
#include "rd-case-view.h"
#include "rd-pending-row.h"
#include "rd-session.h"
#include "rd-test-util.h"
#include "rd-window.h"

G_BEGIN_DECLS

/* --- Set-up ------------------------------------------------------------------------------ */

/* A private home for the test's data, cache and settings (a new folder
 * under the system's temporary folder, returned), set before anything reads
 * them; English whatever the caller's locale, with the build tree's schema
 * and catalogs.  Call first thing in main(). */
char          *rd_gui_test_setup_environment (const char *name);
/* g_test_init (), then GTK and libadwaita.  Without a display, registers
 * one test that says so and skips, and returns FALSE: main() then returns
 * g_test_run () at once. */
gboolean       rd_gui_test_init              (int        *argc,
                                              char     ***argv);
/* Speaks @language (NULL: the environment's) from now on, as main() would
 * set it up; a window built afterwards uses it. */
void           rd_gui_test_set_language      (const char *language);
/* A registered application that another Redress on the session bus cannot
 * take the windows of. */
RdApplication *rd_gui_test_application_new   (void);
/* A new main window of @app, on screen and laid out. */
RdWindow      *rd_gui_test_open_window       (RdApplication *app);

/* --- Waiting ----------------------------------------------------------------------------- */

/* The GSourceFunc behind WAIT_UNTIL_FOR: sets *(gboolean *) @flag. */
gboolean       rd_gui_test_on_timeout        (gpointer    flag);

/* Runs the main loop until @cond holds, for at most @seconds; fails the test
 * otherwise, naming the condition. */
#define WAIT_UNTIL_FOR(cond, seconds) \
  G_STMT_START { \
    gboolean timed_out_ = FALSE; \
    guint timeout_id_ = g_timeout_add_seconds ((seconds), rd_gui_test_on_timeout, &timed_out_); \
    while (!(cond) && !timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    if (!timed_out_) \
      g_source_remove (timeout_id_); \
    if (!(cond)) \
      g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond); \
  } G_STMT_END
/* Thirty seconds: a run under valgrind is slow. */
#define WAIT_UNTIL(cond) WAIT_UNTIL_FOR (cond, 30)

/* Handles what the main loop has ready now (a hundred rounds at most). */
void           rd_gui_test_drain             (void);
/* Waits until @widget is on screen and laid out (mapped, with a width). */
void           rd_gui_test_wait_shown        (GtkWidget  *widget);

/* --- Sessions ---------------------------------------------------------------------------- */

/* A session of @login on the demo platform, syncing by itself. */
RdSession     *rd_gui_test_start_demo        (const char *login);
/* The same, but syncing only when the test says so (rd_gui_test_sync ()). */
RdSession     *rd_gui_test_start_demo_held   (const char *login);
/* A session of @login (password "demo") at @url, syncing only when told. */
RdSession     *rd_gui_test_login_held        (const char *url,
                                              const char *login);
/* One full push and pull of @session; fails the test on an error. */
void           rd_gui_test_sync              (RdSession  *session);

/* The window shows @login's session, online and synced, and its case list
 * counts every case of the store under "All". */
gboolean       rd_gui_test_session_listed    (RdWindow   *window,
                                              const char *login);
/* Waits (a minute at most) for rd_gui_test_session_listed (), then a little
 * more for the list's debounced reload to settle; fails the test saying
 * what the window shows instead. */
void           rd_gui_test_wait_for_session  (RdWindow   *window,
                                              const char *login);

/* The case about the item called @title (the first one that is not
 * resolved, if @open), or NULL. */
char          *rd_gui_test_find_case         (RdSession  *session,
                                              const char *title,
                                              gboolean    open);
RdCase        *rd_gui_test_get_case          (RdSession  *session,
                                              const char *case_id);
RdStatus       rd_gui_test_status            (RdSession  *session,
                                              const char *case_id);
/* Queues @action as the user of @session would, failing the test on a
 * refusal. */
void           rd_gui_test_act               (RdSession  *session,
                                              const char *case_id,
                                              RdAction   *action);
/* A window (900 × 760) with a case view of @session, shown. */
RdCaseView    *rd_gui_test_open_case_view    (RdSession  *session,
                                              GtkWindow **window_out);

/* --- What is on screen ------------------------------------------------------------------- */

/* Every descendant of @root of @type, in tree order (depth first), added to
 * @out. */
void           rd_gui_test_collect           (GtkWidget  *root,
                                              GType       type,
                                              GPtrArray  *out);
/* The same, in a new array. */
GPtrArray     *rd_gui_test_all               (GtkWidget  *root,
                                              GType       type);
/* The first descendant of @root of @type, or NULL. */
gpointer       rd_gui_test_first             (GtkWidget  *root,
                                              GType       type);
guint          rd_gui_test_count             (GtkWidget  *root,
                                              GType       type);
/* Drawn means: the widget and all its ancestors are visible. */
gboolean       rd_gui_test_is_drawn          (GtkWidget  *widget);

/* A drawn label under @root whose text is exactly @text, or NULL. */
GtkLabel      *rd_gui_test_find_label        (GtkWidget  *root,
                                              const char *text);
/* A drawn label under @root whose text contains @part, or NULL. */
GtkLabel      *rd_gui_test_find_label_containing (GtkWidget  *root,
                                                  const char *part);
/* A label on screen (mapped) under @root that reads exactly @text, or NULL. */
GtkLabel      *rd_gui_test_find_mapped_label (GtkWidget  *root,
                                              const char *text);
/* Every drawn label text under @root, one a line, for a failing test's
 * message. */
char          *rd_gui_test_dump_labels       (GtkWidget  *root);

/* A drawn button under @root that activates @action (with the string
 * target @target, if not NULL), or NULL. */
GtkWidget     *rd_gui_test_find_button       (GtkWidget  *root,
                                              const char *action,
                                              const char *target);
/* The first button under @root labelled @label, or NULL. */
GtkWidget     *rd_gui_test_find_button_labelled (GtkWidget  *root,
                                                 const char *label);
/* The first row of @type (an AdwPreferencesRow) under @root titled @title,
 * or NULL. */
gpointer       rd_gui_test_find_row          (GtkWidget  *root,
                                              GType       type,
                                              const char *title);
/* The pending row of the user's unsent step whose text or description
 * contains @text (any, if NULL), or NULL. */
RdPendingRow  *rd_gui_test_find_pending      (GtkWidget  *root,
                                              const char *text);

/* The newest toplevel of @type on screen (mapped), or NULL. */
gpointer       rd_gui_test_find_window       (GType       type);
/* The newest AdwMessageDialog on screen, or NULL. */
AdwMessageDialog *rd_gui_test_find_message_dialog (void);

/* --- Acting as a user -------------------------------------------------------------------- */

/* Clicks the button of @response in @dialog: the dialog answers and
 * closes. */
void           rd_gui_test_respond           (AdwMessageDialog *dialog,
                                              const char       *response);
/* Types @text into the first text view under @root. */
void           rd_gui_test_type_text         (GtkWidget  *root,
                                              const char *text);
/* Fills the entry row titled @title under @root; fails the test if there is
 * none. */
void           rd_gui_test_fill_entry_row    (GtkWidget  *root,
                                              const char *title,
                                              const char *text);

#define ASSERT_LABEL(root, text) \
  G_STMT_START { \
    if (rd_gui_test_find_label ((root), (text)) == NULL) \
      { \
        g_autofree char *dump_ = rd_gui_test_dump_labels (root); \
        g_error ("%s:%d: no label «%s» among:\n%s", __FILE__, __LINE__, (text), dump_); \
      } \
  } G_STMT_END

#define ASSERT_LABEL_CONTAINING(root, text) \
  G_STMT_START { \
    if (rd_gui_test_find_label_containing ((root), (text)) == NULL) \
      { \
        g_autofree char *dump_ = rd_gui_test_dump_labels (root); \
        g_error ("%s:%d: no label containing «%s» among:\n%s", __FILE__, __LINE__, (text), dump_); \
      } \
  } G_STMT_END

G_END_DECLS
