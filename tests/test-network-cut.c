/* test-network-cut.c — filing a dispute while the network goes away, through
 * the real window and the real assistant
 *
 * Ana is logged in to a real `redress-platform --demo` through a loopback
 * proxy that misbehaves on request (tests/rd-fault-proxy.h).  Each case goes
 * through RdNewDisputeDialog in an RdWindow, as a user would file it, and
 * the test checks what the user would notice (the toast, the row's "Not
 * sent yet", the count in the header, the pending lines in the case) and,
 * after the network heals, what the platform itself holds (straight from
 * it, as the buyer and as the seller): the case once, its photo once.
 *
 *   /network-cut/offline-at-submit     the platform unreachable, and the app
 *                                      knew it, before Submit
 *   /network-cut/cut-just-before-submit  unreachable, but the app had not
 *                                      tried since: what the toast says then
 *   /network-cut/stalled-at-submit     every request hangs; a sync is stuck
 *                                      when Submit is pressed
 *   /network-cut/lost-response-once    the PUT of the case and that of its
 *                                      photo reach the platform; each answer
 *                                      is lost once
 *   /network-cut/lost-response-until-healed  the same, every answer lost until
 *                                      the engine gives up; no duplicates after
 *   /network-cut/stalled-upload        the photo's upload hangs; the window
 *                                      keeps running, and the photo arrives
 *                                      once after the network heals
 *   /network-cut/photo-waits-through-other-login  a photo waiting for the
 *                                      network survives another account
 *                                      being opened meanwhile
 *
 * The assistant's toast once said “Your dispute was sent” whenever the app
 * believed it was online, even when nothing could be sent; now it says so
 * only once the filing has left the outbox, and every scenario checks that.
 *
 * The engine keeps its real timeouts and backoff (nothing shortened), so
 * that the timings logged with g_test_message () are those of the app.
 *
 * Screenshots for the notes: with REDRESS_NETCUT_SHOTS=DIR the test saves
 * the X screen (`import -window root`) at the moments worth looking at.
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
#include "rd-case-row.h"
#include "rd-error.h"
#include "rd-fault-proxy.h"
#include "rd-new-dispute-dialog.h"
#include "rd-pending-row.h"
#include "rd-policy.h"
#include "rd-session.h"
#include "rd-sync-indicator.h"
#include "rd-test-util.h"
#include "rd-window.h"

#define SAVED_OFFLINE "Saved — it will be sent when you are online"
#define SENT_ONLINE "Your dispute was sent"

static RdApplication *app;
/* The scenario's own demo platform (a fresh demo world each time). */
static RdTestPlatform *platform;
static char *tmpdir;

/* --- Waiting -------------------------------------------------------------------- */

static gboolean
on_wait_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @cond holds or @ms pass; the value of @cond. */
#define WAIT_UNTIL(cond, ms) \
  ({ \
    gboolean timed_out_ = FALSE; \
    guint timeout_id_ = g_timeout_add ((ms), on_wait_timeout_cb, &timed_out_); \
    while (!(cond) && !timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    if (!timed_out_) \
      g_source_remove (timeout_id_); \
    (cond); \
  })

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

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

/* The toasts on screen, one per line (for the log). */
static char *
toasts_text (RdWindow *window)
{
  GtkWidget *overlay = find_descendant (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  /* The toasts are the overlay's children after its content. */
  for (GtkWidget *child = gtk_widget_get_first_child (overlay);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay)))
      collect_descendants (child, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (labels, i)))
      g_string_append_printf (out, "%s“%s”", out->len > 0 ? ", " : "",
                              gtk_label_get_text (g_ptr_array_index (labels, i)));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
toast_shown (RdWindow   *window,
             const char *text)
{
  g_autofree char *toasts = toasts_text (window);
  g_autofree char *quoted = g_strdup_printf ("“%s”", text);

  return strstr (toasts, quoted) != NULL;
}

static gpointer
find_mapped_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (toplevel), type) && gtk_widget_get_mapped (toplevel))
        return toplevel;
    }
  return NULL;
}

static RdCaseList *
case_list (RdWindow *window)
{
  RdCaseList *list = find_descendant (GTK_WIDGET (window), RD_TYPE_CASE_LIST);

  g_assert_nonnull (list);
  return list;
}

/* What the header says: "Offline · 1 waiting". */
static const char *
header_text (RdWindow *window)
{
  RdSyncIndicator *indicator = find_descendant (GTK_WIDGET (window), RD_TYPE_SYNC_INDICATOR);

  g_assert_nonnull (indicator);
  return rd_sync_indicator_get_text (indicator);
}

static RdCaseRow *
mapped_row (RdWindow   *window,
            const char *case_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_descendants (GTK_WIDGET (case_list (window)), RD_TYPE_CASE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      RdCaseRow *row = g_ptr_array_index (rows, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (row)) &&
          g_strcmp0 (rd_case_row_get_case_id (row), case_id) == 0)
        return row;
    }
  return NULL;
}

/* How many times the list holds @case_id. */
static guint
times_listed (RdWindow   *window,
              const char *case_id)
{
  GListModel *model = G_LIST_MODEL (rd_case_list_get_model (case_list (window)));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RdCase) kase = g_list_model_get_item (model, i);

      if (g_strcmp0 (kase->id, case_id) == 0)
        n++;
    }
  return n;
}

/* The row of @case_id on screen, scrolled to as a user would (the list
 * re-sorts as cases change). */
static RdCaseRow *
shown_row (RdWindow   *window,
           const char *case_id)
{
  GListModel *model = G_LIST_MODEL (rd_case_list_get_model (case_list (window)));
  GtkWidget *view = find_descendant (GTK_WIDGET (case_list (window)), GTK_TYPE_LIST_VIEW);
  RdCaseRow *row = mapped_row (window, case_id);

  if (row != NULL)
    return row;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RdCase) kase = g_list_model_get_item (model, i);

      if (g_strcmp0 (kase->id, case_id) == 0)
        {
          gtk_widget_activate_action (view, "list.scroll-to-item", "u", i);
          WAIT_UNTIL (mapped_row (window, case_id) != NULL, 2000);
          return mapped_row (window, case_id);
        }
    }
  return NULL;
}

static gboolean
row_says_not_sent (RdWindow   *window,
                   const char *case_id)
{
  RdCaseRow *row = shown_row (window, case_id);

  return row != NULL && find_mapped_label (GTK_WIDGET (row), "Not sent yet") != NULL;
}

static gboolean
row_shown_as_sent (RdWindow   *window,
                   const char *case_id)
{
  RdCaseRow *row = shown_row (window, case_id);

  return row != NULL && find_mapped_label (GTK_WIDGET (row), "Not sent yet") == NULL;
}

/* The pending lines of the open case: "what — status", one per line. */
static char *
pending_lines (RdWindow *window)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  collect_descendants (GTK_WIDGET (window), RD_TYPE_PENDING_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      RdPendingRow *row = g_ptr_array_index (rows, i);

      if (!gtk_widget_get_mapped (GTK_WIDGET (row)))
        continue;
      g_string_append_printf (out, "%s — %s\n", rd_pending_row_get_what (row),
                              rd_pending_row_get_status (row));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
pending_lines_contain (RdWindow   *window,
                       const char *text)
{
  g_autofree char *lines = pending_lines (window);

  return strstr (lines, text) != NULL;
}

/* --- Screenshots (only with REDRESS_NETCUT_SHOTS) ---------------------------------- */

static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("REDRESS_NETCUT_SHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (dir == NULL || *dir == '\0')
    return;
  /* Let the last changes reach the screen first. */
  rd_test_run_for (700);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  {
    const char *argv[] = { "import", "-window", "root", path, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                       &status, &error))
      g_test_message ("No screenshot %s: %s", path, error->message);
    else
      g_test_message ("Screenshot: %s", path);
  }
}

/* --- The platform as it sees things ---------------------------------------------- */

/* The open cases of @order_id's item @sku that @login sees on the platform
 * (read straight from it); @out receives one of them. */
static guint
platform_cases_for (const char  *login,
                    const char  *order_id,
                    const char  *sku,
                    RdCase     **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdApi) api = rd_test_login (rd_test_platform_get_url (platform), login, "demo", &error);
  g_autoptr(GHashTable) cases = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_assert_no_error (error);
  cases = rd_test_all_cases (api, NULL, &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, cases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RdCase *kase = value;

      if (g_strcmp0 (kase->order_id, order_id) == 0 && kase->item != NULL &&
          g_strcmp0 (kase->item->sku, sku) == 0 && kase->status != RD_STATUS_RESOLVED)
        {
          n++;
          if (out != NULL)
            g_set_object (out, kase);
        }
    }
  return n;
}

static guint
count_events (RdCase      *kase,
              RdEventType  type)
{
  guint n = 0;

  for (guint i = 0; i < kase->events->len; i++)
    if (((RdEvent *) g_ptr_array_index (kase->events, i))->type == type)
      n++;
  return n;
}

static guint
count_log (RdFaultProxy *proxy,
           const char   *prefix)
{
  GPtrArray *log = rd_fault_proxy_get_log (proxy);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (log, i), prefix))
      n++;
  return n;
}

/* --- What can be filed ------------------------------------------------------------ */

typedef struct
{
  RdOrder *order;
  RdOrderItem *item;
  RdReason reason;
} Fileable;

static void
fileable_clear (Fileable *f)
{
  g_clear_object (&f->order);
  g_clear_object (&f->item);
}

/* The first order item without an open case, with a reason open for it. */
static gboolean
find_fileable (RdStore  *store,
               Fileable *out)
{
  g_autoptr(GPtrArray) orders = rd_store_list_orders (store, NULL);
  g_autoptr(GPtrArray) cases = rd_store_list_all_cases (store, NULL);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < cases->len; i++)
    {
      RdCase *kase = g_ptr_array_index (cases, i);

      if (kase->status != RD_STATUS_RESOLVED)
        g_hash_table_add (taken, g_strconcat (kase->order_id, "\n", kase->item->sku, NULL));
    }
  for (guint i = 0; i < orders->len; i++)
    {
      RdOrder *order = g_ptr_array_index (orders, i);

      for (guint j = 0; j < order->items->len; j++)
        {
          RdOrderItem *item = g_ptr_array_index (order->items, j);
          g_autofree char *key = g_strconcat (order->id, "\n", item->sku, NULL);

          if (g_hash_table_contains (taken, key))
            continue;
          for (int r = 0; r < RD_REASON_N_VALUES; r++)
            if (rd_policy_can_file (order, r, now))
              {
                out->order = g_object_ref (order);
                out->item = g_object_ref (item);
                out->reason = r;
                return TRUE;
              }
        }
    }
  return FALSE;
}

static char *
write_png (const char *name,
           guint32     colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 64);
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, colour);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) data, len);
}

/* --- The assistant, driven as a user would ---------------------------------------- */

static char *
row_text (GtkWidget *row)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  collect_descendants (row, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (out, "%s\n", gtk_label_get_text (g_ptr_array_index (labels, i)));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkWidget *
page_widget (GtkWidget  *dialog,
             const char *name)
{
  GtkStack *stack = find_descendant (dialog, GTK_TYPE_STACK);

  return gtk_stack_get_child_by_name (stack, name);
}

static const char *
visible_page (GtkWidget *dialog)
{
  return gtk_stack_get_visible_child_name (find_descendant (dialog, GTK_TYPE_STACK));
}

/* A row of page @page whose labels contain @text (@title_only: whose first
 * label is @text). */
static GtkWidget *
find_choice (GtkWidget  *dialog,
             const char *page,
             const char *text,
             gboolean    title_only)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_descendants (page_widget (dialog, page), GTK_TYPE_LIST_BOX_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (title_only)
        {
          GtkWidget *label = find_descendant (row, GTK_TYPE_LABEL);

          if (label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
            return row;
        }
      else
        {
          g_autofree char *texts = row_text (row);

          if (strstr (texts, text) != NULL)
            return row;
        }
    }
  return NULL;
}

static void
choose (GtkWidget *row)
{
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_sensitive (row));
  gtk_widget_activate (row);
}

static void
next (GtkWidget  *dialog,
      const char *expected_page)
{
  gtk_widget_activate_action (dialog, "dispute.next", NULL);
  g_assert_cmpstr (visible_page (dialog), ==, expected_page);
}

static void
drop_file (GtkWidget *dialog,
           GFile     *file)
{
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();
  GtkDropTarget *target = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *list = g_slist_append (NULL, file);
  gboolean handled = FALSE;

  g_ptr_array_add (widgets, dialog);
  collect_descendants (dialog, GTK_TYPE_WIDGET, widgets);
  for (guint i = 0; i < widgets->len && target == NULL; i++)
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (g_ptr_array_index (widgets, i));

      for (guint c = 0; c < g_list_model_get_n_items (controllers) && target == NULL; c++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);

          if (GTK_IS_DROP_TARGET (controller))
            target = GTK_DROP_TARGET (controller);
        }
    }
  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_slist_free (list);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);
}

typedef struct
{
  char *case_id;
  char *offline_note;   /* the review page's note, if it showed one */
} Filed;

static void
filed_clear (Filed *filed)
{
  g_clear_pointer (&filed->case_id, g_free);
  g_clear_pointer (&filed->offline_note, g_free);
}

static void
on_filed_cb (GtkWidget  *dialog,
             const char *case_id,
             Filed      *filed)
{
  filed->case_id = g_strdup (case_id);
}

/* Opens the assistant from the window (Ctrl+N's action), answers every page
 * for @f and stops on the review page. */
static GtkWidget *
fill_in_dispute (RdWindow   *window,
                 Fileable   *f,
                 const char *description,
                 GFile      *photo,
                 Filed      *filed)
{
  GtkWidget *dialog;
  GtkWidget *note;
  GtkTextView *view;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-dispute", NULL);
  g_assert_true (WAIT_UNTIL (find_mapped_toplevel (RD_TYPE_NEW_DISPUTE_DIALOG) != NULL, 10000));
  dialog = find_mapped_toplevel (RD_TYPE_NEW_DISPUTE_DIALOG);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_signal_connect (dialog, "filed", G_CALLBACK (on_filed_cb), filed);
  g_assert_cmpstr (visible_page (dialog), ==, "order");

  choose (find_choice (dialog, "order", f->order->number, FALSE));
  next (dialog, "problem");
  if (f->order->items->len > 1)
    choose (find_choice (dialog, "problem", f->item->title, TRUE));
  choose (find_choice (dialog, "problem", rd_reason_label (f->reason), TRUE));
  next (dialog, "details");
  view = find_descendant (page_widget (dialog, "details"), GTK_TYPE_TEXT_VIEW);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), description, -1);
  if (photo != NULL)
    drop_file (dialog, photo);
  next (dialog, "outcome");
  choose (find_choice (dialog, "outcome", rd_outcome_type_label (RD_OUTCOME_TYPE_FULL_REFUND), TRUE));
  next (dialog, "review");

  note = find_mapped_label (dialog, "You are offline. Your dispute will be saved on this computer "
                                    "and sent as soon as you are online.");
  filed->offline_note = note != NULL ? g_strdup (gtk_label_get_text (GTK_LABEL (note))) : NULL;
  return dialog;
}

/* Presses Submit; returns how long the call took, in seconds. */
static double
submit (GtkWidget *dialog,
        Filed     *filed)
{
  gint64 start = g_get_monotonic_time ();
  double took;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (dialog, "dispute.submit", NULL);
  took = seconds_since (start);
  /* Filed, and the assistant closed itself. */
  g_assert_nonnull (filed->case_id);
  g_assert_null (dialog);
  return took;
}

/* --- Ana's window through a proxy ------------------------------------------------- */

typedef struct
{
  RdFaultProxy *proxy;
  RdSession    *session;
  RdWindow     *window;
} Setup;

static gboolean
is_online (RdSession *session)
{
  return rd_session_get_state (session) == RD_SESSION_STATE_ONLINE;
}

/* Whatever the sync state looked like at Submit, "Your dispute was sent" is
 * never shown while the filing is still in the outbox; offline, the toast
 * says it was saved. */
static void
check_toast_is_true (Setup      *setup,
                     const char *case_id)
{
  RdStore *store = rd_session_get_store (setup->session);
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      if (toast_shown (setup->window, SENT_ONLINE))
        {
          g_autoptr(RdOutboxEntry) entry = rd_store_outbox_get (store, case_id);

          g_assert_null (entry);
          return;
        }
    }
}

static gboolean
cases_listed (RdWindow *window)
{
  RdSession *session = rd_window_get_session (window);
  g_autofree char *cursor = rd_store_get_cursor (rd_session_get_store (session));

  return cursor != NULL && is_online (session) &&
         g_list_model_get_n_items (G_LIST_MODEL (rd_case_list_get_model (case_list (window)))) > 0;
}

/* Selects the sidebar's "All" filter, so that the new case is listed
 * whatever its status. */
static void
show_all_cases (RdWindow *window)
{
  RdCaseList *list = case_list (window);

  for (guint i = 0; i < rd_case_list_get_n_filters (list); i++)
    if (g_strcmp0 (rd_case_list_get_filter_label (list, i), "All") == 0)
      {
        gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", "i", (int) i);
        g_assert_cmpuint (rd_case_list_get_filter_index (list), ==, i);
        return;
      }
  g_assert_not_reached ();
}

/* Logs Ana in through a new proxy (so a new store) and shows her cases in a
 * new window. */
static void
setup_start (Setup *setup)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  static const char * const platform_args[] = { "--demo", NULL };

  platform = rd_test_platform_start (NULL, platform_args);
  setup->proxy = rd_fault_proxy_new (rd_test_platform_get_port (platform));
  url = g_strdup_printf ("%sv1/", rd_fault_proxy_get_url (setup->proxy));
  result = RD_TEST_AWAIT (rd_session_login_async (url, "ana", "demo", NULL, RD_TEST_CB));
  setup->session = rd_session_login_finish (result, &error);
  g_assert_no_error (error);
  /* No Secret Service on the test's bus: not fatal. */
  g_assert_nonnull (rd_session_get_keyring_error (setup->session));

  setup->window = rd_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (setup->window), 1200, 760);
  rd_window_set_session (setup->window, setup->session);
  gtk_window_present (GTK_WINDOW (setup->window));
  g_assert_true (WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (setup->window)), 10000));
  g_assert_true (WAIT_UNTIL (cases_listed (setup->window), 60000));
  show_all_cases (setup->window);
  rd_test_run_for (300);

  /* The keyring's warning stays until dismissed (once per process); a user
   * closes it before filing anything. */
  if (toast_shown (setup->window, rd_error_code_label (RD_ERROR_NO_SECRET_SERVICE)))
    {
      GtkWidget *overlay = find_descendant (GTK_WIDGET (setup->window), ADW_TYPE_TOAST_OVERLAY);
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

      g_test_message ("After log-in the window shows the toast %s", rd_error_code_label (RD_ERROR_NO_SECRET_SERVICE));
      collect_descendants (overlay, GTK_TYPE_BUTTON, buttons);
      /* The toast's close button (its only icon button). */
      for (guint i = 0; i < buttons->len; i++)
        if (g_strcmp0 (gtk_button_get_icon_name (g_ptr_array_index (buttons, i)), "window-close-symbolic") == 0 &&
            gtk_widget_get_mapped (g_ptr_array_index (buttons, i)))
          gtk_widget_activate (g_ptr_array_index (buttons, i));
      g_assert_true (WAIT_UNTIL (!toast_shown (setup->window, rd_error_code_label (RD_ERROR_NO_SECRET_SERVICE)), 5000));
    }
  g_assert_cmpstr (header_text (setup->window), ==, "Up to date");
}

static void
setup_finish (Setup *setup)
{
  gtk_window_destroy (GTK_WINDOW (setup->window));
  rd_test_run_for (100);
  g_clear_object (&setup->session);
  rd_fault_proxy_free (setup->proxy);
  g_clear_pointer (&platform, rd_test_platform_stop);
}

/* After healing: the case is Ana's, once, on the platform; the store and the
 * window agree; nothing waits.  Returns the platform's case. */
static RdCase *
check_on_platform_once (Setup      *setup,
                        Fileable   *f,
                        const char *case_id,
                        const char *description)
{
  RdStore *store = rd_session_get_store (setup->session);
  g_autofree char *seller = rd_test_login_of (f->order->seller->id);
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(RdCase) local = NULL;
  g_autoptr(RdCase) as_seller = NULL;
  g_autoptr(GError) error = NULL;
  RdCase *remote = NULL;

  /* As the buyer and as the seller see it, straight from the platform. */
  g_assert_cmpuint (platform_cases_for ("ana", f->order->id, f->item->sku, &remote), ==, 1);
  g_assert_cmpstr (remote->id, ==, case_id);
  g_assert_cmpstr (remote->description, ==, description);
  g_assert_cmpuint (count_events (remote, RD_EVENT_TYPE_CREATED), ==, 1);
  g_assert_cmpuint (platform_cases_for (seller, f->order->id, f->item->sku, &as_seller), ==, 1);
  g_assert_cmpstr (as_seller->id, ==, case_id);

  /* Ana's store: the platform's version, nothing left to send. */
  local = rd_store_get_case (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (local->version, >=, 1);
  g_assert_cmpint (local->version, ==, remote->version);
  outbox = rd_store_outbox_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 0);

  /* Her window: listed once, as an ordinary case; the header has nothing waiting. */
  g_assert_cmpuint (times_listed (setup->window, case_id), ==, 1);
  g_assert_true (row_shown_as_sent (setup->window, case_id));
  g_assert_cmpstr (header_text (setup->window), ==, "Up to date");
  g_assert_cmpstr (pending_lines (setup->window), ==, "");
  return remote;
}

/* --- 1. Offline before Submit ------------------------------------------------------ */

static void
test_offline_at_submit (void)
{
  Setup setup = { 0 };
  Fileable f = { 0 };
  Filed filed = { 0 };
  g_autoptr(RdCase) remote = NULL;
  g_autoptr(RdCase) local = NULL;
  g_autoptr(GError) error = NULL;
  const char *description = "The lid cracked the first time I closed it.";
  GtkWidget *dialog;
  gint64 start;
  double took;
  guint failed_attempts;

  setup_start (&setup);
  g_assert_true (find_fileable (rd_session_get_store (setup.session), &f));

  /* The platform goes away, and the app finds out on its next sync
   * (Ctrl+R here; the periodic sync or any queued action would do too). */
  rd_fault_proxy_set_fault (setup.proxy, RD_FAULT_REFUSE, 0, NULL, -1);
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (setup.window), "win.sync", NULL);
  g_assert_true (WAIT_UNTIL (rd_session_get_state (setup.session) == RD_SESSION_STATE_OFFLINE, 30000));
  g_test_message ("Offline noticed after %.2f s; header “%s”; last error “%s”",
                  seconds_since (start), header_text (setup.window),
                  rd_session_get_last_error (setup.session));
  g_assert_cmpstr (header_text (setup.window), ==, "Offline");
  g_assert_true (g_str_has_prefix (rd_session_get_last_error (setup.session),
                                   "The platform cannot be reached."));

  /* The review page says so before Submit. */
  dialog = fill_in_dispute (setup.window, &f, description, NULL, &filed);
  g_test_message ("Review page note: “%s”", filed.offline_note ? filed.offline_note : "(none)");
  g_assert_nonnull (filed.offline_note);

  took = submit (dialog, &filed);
  g_test_message ("Submit returned after %.3f s", took);
  g_assert_cmpfloat (took, <, 1.0);

  /* At once: the toast, the row, the count, the case's own line. */
  g_assert_true (WAIT_UNTIL (toast_shown (setup.window, SAVED_OFFLINE), 5000));
  g_assert_true (WAIT_UNTIL (row_says_not_sent (setup.window, filed.case_id), 5000));
  g_assert_true (WAIT_UNTIL (g_strcmp0 (header_text (setup.window), "Offline · 1 waiting") == 0, 5000));
  g_assert_true (WAIT_UNTIL (pending_lines_contain (setup.window,
                                                    "Your new case — Waiting: it will be sent when you are online"),
                             5000));
  {
    g_autofree char *toasts = toasts_text (setup.window);
    g_autofree char *lines = pending_lines (setup.window);

    g_test_message ("After Submit: toast %s; header “%s”; row “Not sent yet”; in the case: %s",
                    toasts, header_text (setup.window), lines);
  }
  g_assert_cmpuint (times_listed (setup.window, filed.case_id), ==, 1);
  local = rd_store_get_case (rd_session_get_store (setup.session), filed.case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (local->version, ==, 0);
  g_assert_cmpuint (platform_cases_for ("ana", f.order->id, f.item->sku, NULL), ==, 0);
  screenshot ("1-offline-after-submit");

  /* Still offline a while: the engine keeps trying, nothing changes on screen. */
  failed_attempts = rd_fault_proxy_get_faults (setup.proxy);
  rd_test_run_for (3000);
  failed_attempts = rd_fault_proxy_get_faults (setup.proxy) - failed_attempts;
  g_test_message ("Connections refused in the next 3 s: %u (retries with backoff); next retry in %u ms",
                  failed_attempts, rd_sync_get_retry_delay (rd_session_get_sync (setup.session)));
  g_assert_true (row_says_not_sent (setup.window, filed.case_id));
  /* (A retry may be under way for a moment: "Syncing… · 1 waiting".) */
  g_assert_true (WAIT_UNTIL (g_strcmp0 (header_text (setup.window), "Offline · 1 waiting") == 0, 10000));

  /* The network heals; nobody touches anything: the backoff brings it. */
  rd_fault_proxy_clear_fault (setup.proxy);
  start = g_get_monotonic_time ();
  g_assert_true (WAIT_UNTIL (row_shown_as_sent (setup.window, filed.case_id) &&
                             g_strcmp0 (header_text (setup.window), "Up to date") == 0, 120000));
  g_test_message ("Healed: sent by itself %.2f s later; header “%s”", seconds_since (start),
                  header_text (setup.window));
  rd_test_run_for (300);
  screenshot ("1-offline-after-healing");

  remote = check_on_platform_once (&setup, &f, filed.case_id, description);

  filed_clear (&filed);
  fileable_clear (&f);
  setup_finish (&setup);
}

/* --- 1b. Cut, but the app has not found out yet ------------------------------------- */

static void
test_cut_just_before_submit (void)
{
  Setup setup = { 0 };
  Fileable f = { 0 };
  Filed filed = { 0 };
  g_autoptr(RdCase) remote = NULL;
  const char *description = "Two of the four legs were missing from the box.";
  g_autofree char *toasts = NULL;
  GtkWidget *dialog;
  gint64 start;

  setup_start (&setup);
  g_assert_true (find_fileable (rd_session_get_store (setup.session), &f));

  /* The assistant is filled in while all is well... */
  dialog = fill_in_dispute (setup.window, &f, description, NULL, &filed);
  g_assert_null (filed.offline_note);

  /* ...and the platform becomes unreachable just before Submit, with no
   * sync since to tell the app. */
  rd_fault_proxy_set_fault (setup.proxy, RD_FAULT_REFUSE, 0, NULL, -1);
  g_assert_true (is_online (setup.session));
  submit (dialog, &filed);
  start = g_get_monotonic_time ();

  /* What the toast says, before the app could know. */
  check_toast_is_true (&setup, filed.case_id);
  toasts = toasts_text (setup.window);
  /* Recorded: the assistant says “Your dispute was sent” only once the
   * filing has left the outbox, so here it says nothing yet. */
  g_test_message ("Toast when the cut was not yet noticed: %s", toasts);

  /* The sending that Submit started fails at once, and the window says so. */
  g_assert_true (WAIT_UNTIL (g_strcmp0 (header_text (setup.window), "Offline · 1 waiting") == 0, 30000));
  g_test_message ("Header “%s” %.2f s after Submit", header_text (setup.window), seconds_since (start));
  g_assert_true (WAIT_UNTIL (row_says_not_sent (setup.window, filed.case_id), 5000));
  g_assert_true (WAIT_UNTIL (pending_lines_contain (setup.window,
                                                    "Your new case — Waiting: it will be sent when you are online"),
                             5000));
  screenshot ("1b-cut-unnoticed-after-submit");

  /* The network heals; the user presses Sync Now (Ctrl+R). */
  rd_fault_proxy_clear_fault (setup.proxy);
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (setup.window), "win.sync", NULL);
  g_assert_true (WAIT_UNTIL (row_shown_as_sent (setup.window, filed.case_id) &&
                             g_strcmp0 (header_text (setup.window), "Up to date") == 0, 30000));
  g_test_message ("After Sync Now: sent in %.2f s", seconds_since (start));
  rd_test_run_for (300);
  remote = check_on_platform_once (&setup, &f, filed.case_id, description);

  filed_clear (&filed);
  fileable_clear (&f);
  setup_finish (&setup);
}

/* --- 1c. Down by stalling: a sync hangs when Submit is pressed -------------------- */

static void
test_stalled_at_submit (void)
{
  Setup setup = { 0 };
  Fileable f = { 0 };
  Filed filed = { 0 };
  g_autoptr(RdCase) remote = NULL;
  g_autofree char *toasts = NULL;
  const char *description = "The zip broke off on the second use.";
  GtkWidget *dialog;
  gint64 stalled_at, healed_at;
  double took;

  setup_start (&setup);
  g_assert_true (find_fileable (rd_session_get_store (setup.session), &f));

  /* Connected, but nothing gets through: every request hangs.  The user's
   * Sync Now is stuck on it. */
  rd_fault_proxy_set_fault (setup.proxy, RD_FAULT_STALL, 0, NULL, -1);
  gtk_widget_activate_action (GTK_WIDGET (setup.window), "win.sync", NULL);
  g_assert_true (WAIT_UNTIL (rd_fault_proxy_get_faults (setup.proxy) >= 1, 10000));
  stalled_at = g_get_monotonic_time ();
  g_assert_cmpint (rd_session_get_state (setup.session), ==, RD_SESSION_STATE_SYNCING);
  g_test_message ("Stuck sync: header “%s”", header_text (setup.window));

  /* The assistant works all the same, and Submit does not wait. */
  dialog = fill_in_dispute (setup.window, &f, description, NULL, &filed);
  g_test_message ("Review page note while stuck: “%s”", filed.offline_note ? filed.offline_note : "(none)");
  took = submit (dialog, &filed);
  g_assert_cmpfloat (took, <, 1.0);
  check_toast_is_true (&setup, filed.case_id);
  toasts = toasts_text (setup.window);
  /* Recorded: “syncing” counts as online for the assistant. */
  g_test_message ("Toast while a sync hung: %s (Submit took %.3f s)", toasts, took);
  g_assert_true (WAIT_UNTIL (row_says_not_sent (setup.window, filed.case_id), 5000));
  g_assert_true (WAIT_UNTIL (g_strcmp0 (header_text (setup.window), "Syncing… · 1 waiting") == 0, 5000));
  g_assert_true (WAIT_UNTIL (pending_lines_contain (setup.window, "Your new case — Sending…"), 5000));
  {
    g_autofree char *lines = pending_lines (setup.window);

    g_test_message ("After Submit: header “%s”; row “Not sent yet”; in the case: %s",
                    header_text (setup.window), lines);
  }
  screenshot ("1c-stalled-after-submit");

  /* The network heals; the hung request still waits for the client's
   * timeout, then the backoff sends the case. */
  rd_fault_proxy_clear_fault (setup.proxy);
  healed_at = g_get_monotonic_time ();
  g_assert_true (WAIT_UNTIL (rd_session_get_state (setup.session) != RD_SESSION_STATE_SYNCING, 120000));
  g_test_message ("The hung sync gave up %.2f s after it stalled: header “%s”; last error “%s”",
                  seconds_since (stalled_at), header_text (setup.window),
                  rd_session_get_last_error (setup.session) ? rd_session_get_last_error (setup.session) : "(none)");
  g_assert_true (WAIT_UNTIL (row_shown_as_sent (setup.window, filed.case_id) &&
                             g_strcmp0 (header_text (setup.window), "Up to date") == 0, 120000));
  g_test_message ("Sent %.2f s after healing, %.2f s after the stall began",
                  seconds_since (healed_at), seconds_since (stalled_at));
  rd_test_run_for (300);
  remote = check_on_platform_once (&setup, &f, filed.case_id, description);

  filed_clear (&filed);
  fileable_clear (&f);
  setup_finish (&setup);
}

/* --- 2. The answers lost ------------------------------------------------------------ */

/* Until @faults faults in all, or the engine gave up for now (its state is
 * offline): whichever comes first. */
static gboolean
dropped_or_offline (Setup *setup,
                    guint  faults)
{
  return rd_fault_proxy_get_faults (setup->proxy) >= faults ||
         rd_session_get_state (setup->session) == RD_SESSION_STATE_OFFLINE;
}

/* @lasting: every answer to the case's PUT is lost until the engine gives
 * up, then every answer to the photo's; otherwise each is lost once. */
static void
lost_response (gboolean lasting)
{
  Setup setup = { 0 };
  Fileable f = { 0 };
  Filed filed = { 0 };
  g_autoptr(RdCase) remote = NULL;
  g_autofree char *png_path = write_png ("scratched-lens.png", 0xc01c28ff);
  g_autofree char *png_sha = file_sha256 (png_path);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autofree char *case_put = NULL;
  g_autofree char *toasts = NULL;
  const char *description = "The lens came scratched; photo attached.";
  RdEvidence *evidence;
  GtkWidget *dialog;
  gint64 start;

  setup_start (&setup);
  g_assert_true (find_fileable (rd_session_get_store (setup.session), &f));

  /* The case's PUT reaches the platform; its answer never comes back. */
  rd_fault_proxy_set_fault (setup.proxy, RD_FAULT_DROP_RESPONSE, 0, "PUT /v1/cases/", lasting ? -1 : 1);
  dialog = fill_in_dispute (setup.window, &f, description, png, &filed);
  submit (dialog, &filed);
  start = g_get_monotonic_time ();
  case_put = g_strdup_printf ("PUT /v1/cases/%s", filed.case_id);

  check_toast_is_true (&setup, filed.case_id);
  toasts = toasts_text (setup.window);
  g_test_message ("Toast (the app was online): %s", toasts);

  if (lasting)
    {
      /* The engine hears only that the connection closed: the case is on
       * the platform, the app does not know it and says so. */
      g_assert_true (WAIT_UNTIL (row_says_not_sent (setup.window, filed.case_id), 5000));
      g_assert_true (WAIT_UNTIL (rd_session_get_state (setup.session) == RD_SESSION_STATE_OFFLINE, 30000));
      g_assert_cmpuint (platform_cases_for ("ana", f.order->id, f.item->sku, NULL), ==, 1);
      g_assert_true (row_says_not_sent (setup.window, filed.case_id));
      g_assert_true (WAIT_UNTIL (g_strcmp0 (header_text (setup.window), "Offline · 2 waiting") == 0, 10000));
      g_assert_true (WAIT_UNTIL (pending_lines_contain (setup.window,
                                                        "Your new case — Waiting: it will be sent when you are online"),
                                 5000));
      {
        g_autofree char *lines = pending_lines (setup.window);

        g_test_message ("%.2f s after Submit, the case's answer lost %u times: header “%s”; row “Not sent yet”; "
                        "last error “%s”; in the case:\n%s",
                        seconds_since (start), rd_fault_proxy_get_faults (setup.proxy),
                        header_text (setup.window), rd_session_get_last_error (setup.session), lines);
      }
      screenshot ("2b-lost-response-case");

      /* Now only the photo's answers are lost: the case's next try is a
       * replay that the platform answers as the first time. */
      rd_fault_proxy_set_fault (setup.proxy, RD_FAULT_DROP_RESPONSE, 0, "PUT /v1/evidence/", -1);
      g_assert_true (WAIT_UNTIL (row_shown_as_sent (setup.window, filed.case_id), 60000));
      g_assert_true (WAIT_UNTIL (g_strcmp0 (header_text (setup.window), "Offline · 1 waiting") == 0, 60000));
      /* In the case, only the photo still waits. */
      g_assert_true (WAIT_UNTIL (!pending_lines_contain (setup.window, "Your new case") &&
                                 pending_lines_contain (setup.window,
                                                        "Your file — Waiting: it will be sent when you are online"),
                                 5000));
      {
        g_autofree char *lines = pending_lines (setup.window);

        g_test_message ("%.2f s after Submit, the case known as sent, the photo's answer lost: header “%s”; "
                        "in the case:\n%s",
                        seconds_since (start), header_text (setup.window), lines);
      }
      screenshot ("2b-lost-response-photo");
    }
  else
    {
      /* Lost once: the HTTP client sends the same PUT again at once on a
       * new connection, and the platform answers the replay. */
      g_assert_true (WAIT_UNTIL (rd_fault_proxy_get_faults (setup.proxy) == 1, 30000));
      g_test_message ("The case's PUT met the lost answer %.2f s after Submit", seconds_since (start));
      /* The photo's answer will be lost too, the first time. */
      rd_fault_proxy_set_fault (setup.proxy, RD_FAULT_DROP_RESPONSE, 0, "PUT /v1/evidence/", 1);
      g_assert_true (WAIT_UNTIL (dropped_or_offline (&setup, 2), 30000));
      {
        g_autofree char *lines = pending_lines (setup.window);

        g_test_message ("After the lost answers: header “%s”; row %s; last error “%s”; in the case:\n%s",
                        header_text (setup.window),
                        row_says_not_sent (setup.window, filed.case_id) ? "“Not sent yet”" : "as sent",
                        rd_session_get_last_error (setup.session) ? rd_session_get_last_error (setup.session) : "(none)",
                        lines);
      }
      g_assert_cmpuint (rd_fault_proxy_get_faults (setup.proxy), ==, 2);
    }

  /* The network heals. */
  rd_fault_proxy_clear_fault (setup.proxy);
  g_assert_true (WAIT_UNTIL (row_shown_as_sent (setup.window, filed.case_id) &&
                             g_strcmp0 (header_text (setup.window), "Up to date") == 0 &&
                             rd_store_outbox_count (rd_session_get_store (setup.session)) == 0, 120000));
  g_test_message ("All sent %.2f s after Submit; answers lost: %u; the case was PUT %u times, the photo %u times",
                  seconds_since (start), rd_fault_proxy_get_faults (setup.proxy),
                  count_log (setup.proxy, case_put), count_log (setup.proxy, "PUT /v1/evidence/"));
  rd_test_run_for (300);

  /* The retries really went out, and none made a second copy. */
  g_assert_cmpuint (count_log (setup.proxy, case_put), >=, 2);
  g_assert_cmpuint (count_log (setup.proxy, "PUT /v1/evidence/"), >=, 2);
  remote = check_on_platform_once (&setup, &f, filed.case_id, description);
  g_assert_cmpuint (remote->evidence->len, ==, 1);
  evidence = g_ptr_array_index (remote->evidence, 0);
  g_assert_cmpstr (evidence->filename, ==, "scratched-lens.png");
  g_assert_cmpstr (evidence->sha256, ==, png_sha);
  g_assert_cmpuint (count_events (remote, RD_EVENT_TYPE_EVIDENCE), <=, 1);
  screenshot (lasting ? "2b-lost-response-healed" : "2-lost-response-healed");

  filed_clear (&filed);
  fileable_clear (&f);
  setup_finish (&setup);
}

static void
test_lost_response_once (void)
{
  lost_response (FALSE);
}

static void
test_lost_response_until_healed (void)
{
  lost_response (TRUE);
}

/* --- 3. A stalled upload ------------------------------------------------------------ */

static gboolean
on_idle_ran_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef struct
{
  gint64 last;
  gint64 longest;
  guint ticks;
} Ticks;

static gboolean
on_tick_cb (gpointer data)
{
  Ticks *ticks = data;
  gint64 now = g_get_monotonic_time ();

  if (ticks->last != 0)
    ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->last = now;
  ticks->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
test_stalled_upload (void)
{
  Setup setup = { 0 };
  Fileable f = { 0 };
  Filed filed = { 0 };
  g_autoptr(RdCase) remote = NULL;
  g_autofree char *png_path = write_png ("torn-seam.png", 0x26a269ff);
  g_autofree char *png_sha = file_sha256 (png_path);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autofree char *toasts = NULL;
  const char *description = "The seam tore open on the first day.";
  RdEvidence *evidence;
  GtkWidget *dialog;
  gboolean idle_ran = FALSE;
  Ticks ticks = { 0 };
  guint tick_id;
  gint64 start, stalled_at, healed_at;

  setup_start (&setup);
  g_assert_true (find_fileable (rd_session_get_store (setup.session), &f));

  /* Every upload of a file hangs: read whole, never answered. */
  rd_fault_proxy_set_fault (setup.proxy, RD_FAULT_STALL, 0, "PUT /v1/evidence/", -1);
  dialog = fill_in_dispute (setup.window, &f, description, png, &filed);
  submit (dialog, &filed);
  start = g_get_monotonic_time ();
  check_toast_is_true (&setup, filed.case_id);
  toasts = toasts_text (setup.window);
  g_test_message ("Toast: %s", toasts);

  /* The case goes through; its photo hangs. */
  g_assert_true (WAIT_UNTIL (rd_fault_proxy_get_faults (setup.proxy) >= 1, 30000));
  stalled_at = g_get_monotonic_time ();
  g_assert_true (WAIT_UNTIL (row_shown_as_sent (setup.window, filed.case_id), 10000));
  g_assert_cmpuint (platform_cases_for ("ana", f.order->id, f.item->sku, NULL), ==, 1);
  g_assert_true (WAIT_UNTIL (pending_lines_contain (setup.window, "Your file — Sending…") &&
                             !pending_lines_contain (setup.window, "Your new case"), 5000));
  {
    g_autofree char *lines = pending_lines (setup.window);

    g_test_message ("Upload stuck %.2f s after Submit: header “%s”; the row as sent; in the case:\n%s",
                    seconds_since (start), header_text (setup.window), lines);
  }
  g_assert_cmpstr (header_text (setup.window), ==, "Syncing… · 1 waiting");

  /* The window never waits for the network: an idle callback runs, and a
   * 50 ms timer keeps its pace, while the request is stuck. */
  g_idle_add (on_idle_ran_cb, &idle_ran);
  g_assert_true (WAIT_UNTIL (idle_ran, 1000));
  tick_id = g_timeout_add (50, on_tick_cb, &ticks);
  rd_test_run_for (2000);
  g_source_remove (tick_id);
  g_test_message ("While stuck: %u ticks of 50 ms in 2 s, longest gap %.0f ms",
                  ticks.ticks, ticks.longest / 1000.0);
  g_assert_cmpuint (ticks.ticks, >=, 10);
  g_assert_cmpint (ticks.longest, <, 1000 * 1000);
  g_assert_cmpint (rd_session_get_state (setup.session), ==, RD_SESSION_STATE_SYNCING);
  /* Still usable: another dispute could be started. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (setup.window), "win.new-dispute", NULL));
  g_assert_true (WAIT_UNTIL (find_mapped_toplevel (RD_TYPE_NEW_DISPUTE_DIALOG) != NULL, 5000));
  gtk_window_destroy (find_mapped_toplevel (RD_TYPE_NEW_DISPUTE_DIALOG));
  screenshot ("3-stalled-upload");

  /* The network heals.  The stuck request stays stuck until the client's
   * own timeout, then the upload is tried again. */
  rd_fault_proxy_clear_fault (setup.proxy);
  healed_at = g_get_monotonic_time ();
  g_assert_true (WAIT_UNTIL (rd_session_get_state (setup.session) != RD_SESSION_STATE_SYNCING, 120000));
  g_test_message ("The stuck upload gave up %.2f s after it stalled: header “%s”, last error “%s”",
                  seconds_since (stalled_at), header_text (setup.window),
                  rd_session_get_last_error (setup.session) ? rd_session_get_last_error (setup.session) : "(none)");
  g_assert_true (WAIT_UNTIL (g_strcmp0 (header_text (setup.window), "Up to date") == 0 &&
                             rd_store_outbox_count (rd_session_get_store (setup.session)) == 0, 120000));
  g_test_message ("Photo sent %.2f s after healing (%.2f s after Submit); uploads tried: %u",
                  seconds_since (healed_at), seconds_since (start),
                  count_log (setup.proxy, "PUT /v1/evidence/"));
  rd_test_run_for (300);

  remote = check_on_platform_once (&setup, &f, filed.case_id, description);
  g_assert_cmpuint (remote->evidence->len, ==, 1);
  evidence = g_ptr_array_index (remote->evidence, 0);
  g_assert_cmpstr (evidence->filename, ==, "torn-seam.png");
  g_assert_cmpstr (evidence->sha256, ==, png_sha);
  screenshot ("3-stalled-upload-healed");

  filed_clear (&filed);
  fileable_clear (&f);
  setup_finish (&setup);
}

/* --- 4. A photo waiting while another account is opened -------------------------- */

static RdSession *
log_in (const char *url,
        const char *login)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RdSession *session;

  result = RD_TEST_AWAIT (rd_session_login_async (url, login, "demo", NULL, RD_TEST_CB));
  session = rd_session_login_finish (result, &error);
  g_assert_no_error (error);
  return session;
}

static void
test_photo_waits_through_other_login (void)
{
  Setup setup = { 0 };
  Fileable f = { 0 };
  Filed filed = { 0 };
  g_autoptr(RdCase) remote = NULL;
  g_autoptr(RdSession) other = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png_path = write_png ("dented-kettle.png", 0xe5a50aff);
  g_autofree char *png_sha = file_sha256 (png_path);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autofree char *url = NULL;
  g_autofree char *copy = NULL;
  const char *description = "The kettle arrived dented; photo attached.";
  RdEvidence *evidence;
  GtkWidget *dialog;

  setup_start (&setup);
  g_assert_true (find_fileable (rd_session_get_store (setup.session), &f));
  url = g_strdup (rd_session_get_url (setup.session));

  /* Ana's platform is down; she files with a photo, which waits. */
  rd_fault_proxy_set_fault (setup.proxy, RD_FAULT_REFUSE, 0, NULL, -1);
  gtk_widget_activate_action (GTK_WIDGET (setup.window), "win.sync", NULL);
  g_assert_true (WAIT_UNTIL (rd_session_get_state (setup.session) == RD_SESSION_STATE_OFFLINE, 30000));
  dialog = fill_in_dispute (setup.window, &f, description, png, &filed);
  submit (dialog, &filed);
  g_assert_true (WAIT_UNTIL (g_strcmp0 (header_text (setup.window), "Offline · 2 waiting") == 0, 5000));
  outbox = rd_store_outbox_list (rd_session_get_store (setup.session), filed.case_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outbox->len; i++)
    {
      RdOutboxEntry *entry = g_ptr_array_index (outbox, i);

      if (entry->kind == RD_OUTBOX_KIND_EVIDENCE)
        copy = g_strdup (entry->file_path);
    }
  g_assert_nonnull (copy);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  /* Meanwhile she opens another account, on a platform that is up (here
   * the same platform without the proxy: another address, another store). */
  other = log_in (rd_test_platform_get_url (platform), "li");
  rd_window_set_session (setup.window, other);
  g_assert_true (WAIT_UNTIL (cases_listed (setup.window), 60000));
  g_clear_object (&setup.session);
  g_test_message ("Ana's copy of her photo after another account opened: %s",
                  g_file_test (copy, G_FILE_TEST_IS_REGULAR) ? "kept" : "deleted");
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  /* Her platform is back; she opens her account again: it all goes out. */
  rd_fault_proxy_clear_fault (setup.proxy);
  setup.session = log_in (url, "ana");
  rd_window_set_session (setup.window, setup.session);
  g_clear_object (&other);
  g_assert_true (WAIT_UNTIL (cases_listed (setup.window) &&
                             rd_store_outbox_count (rd_session_get_store (setup.session)) == 0, 60000));
  show_all_cases (setup.window);
  rd_window_open_case_when_listed (setup.window, filed.case_id);
  g_assert_true (WAIT_UNTIL (g_strcmp0 (header_text (setup.window), "Up to date") == 0 &&
                             row_shown_as_sent (setup.window, filed.case_id), 30000));
  rd_test_run_for (300);
  remote = check_on_platform_once (&setup, &f, filed.case_id, description);
  g_assert_cmpuint (remote->evidence->len, ==, 1);
  evidence = g_ptr_array_index (remote->evidence, 0);
  g_assert_cmpstr (evidence->filename, ==, "dented-kettle.png");
  g_assert_cmpstr (evidence->sha256, ==, png_sha);

  filed_clear (&filed);
  fileable_clear (&f);
  setup_finish (&setup);
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
  /* Not freed: its dispose would wait for the connection that GTK keeps. */
  GTestDBus *bus = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *cache_home = NULL;
  g_autofree char *display = NULL;
  int ret;

  /* Never the user's data, cache or keyring. */
  tmpdir = rd_test_make_tmpdir ("test-network-cut");
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
      g_test_add_func ("/network-cut/no-display", test_no_display);
      ret = g_test_run ();
      g_test_dbus_stop (bus);
      return ret;
    }

  app = rd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/network-cut/offline-at-submit", test_offline_at_submit);
  g_test_add_func ("/network-cut/cut-just-before-submit", test_cut_just_before_submit);
  g_test_add_func ("/network-cut/stalled-at-submit", test_stalled_at_submit);
  g_test_add_func ("/network-cut/lost-response-once", test_lost_response_once);
  g_test_add_func ("/network-cut/lost-response-until-healed", test_lost_response_until_healed);
  g_test_add_func ("/network-cut/stalled-upload", test_stalled_upload);
  g_test_add_func ("/network-cut/photo-waits-through-other-login", test_photo_waits_through_other_login);

  ret = g_test_run ();

  g_clear_object (&app);
  g_test_dbus_stop (bus);
  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
