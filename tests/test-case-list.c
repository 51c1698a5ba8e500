/* test-case-list.c — the sidebar against the demo: the cases after sync,
 * each filter's count and rows, search (Latin and Chinese), opening a case
 * clears its dot, Alt+2, a seller's filters, and a case filed offline.
 *
 * The expected numbers come from the platform itself (GET /v1/changes as the
 * same user), not from the store the list reads.
 *
 * Runs in-process under the X server that build-aux/run-tests starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-account-menu.h"
#include "rd-case-list.h"
#include "rd-case-row.h"
#include "rd-gui-test-util.h"
#include "rd-new-dispute-dialog.h"
#include "rd-sync-indicator.h"

#define WAIT_MS 30000

static RdApplication *app;
static RdWindow *window;
static char *tmpdir;

/* --- Looking at the window ------------------------------------------------------ */

static RdCaseList *
case_list (void)
{
  RdCaseList *list = rd_gui_test_first (GTK_WIDGET (window), RD_TYPE_CASE_LIST);

  g_assert_nonnull (list);
  return list;
}

static GtkListView *
list_view (void)
{
  GtkListView *view = rd_gui_test_first (GTK_WIDGET (case_list ()), GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (view);
  return view;
}

/* The row on screen that shows @case_id, or NULL. */
static RdCaseRow *
mapped_row (const char *case_id)
{
  g_autoptr(GPtrArray) rows = rd_gui_test_all (GTK_WIDGET (list_view ()), RD_TYPE_CASE_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      RdCaseRow *row = g_ptr_array_index (rows, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (row)) &&
          g_strcmp0 (rd_case_row_get_case_id (row), case_id) == 0)
        return row;
    }
  return NULL;
}

/* The ids the list holds now, in order. */
static GPtrArray *
listed_ids (void)
{
  GListModel *model = G_LIST_MODEL (rd_case_list_get_model (case_list ()));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RdCase) kase = g_list_model_get_item (model, i);

      g_ptr_array_add (ids, g_strdup (kase->id));
    }
  return ids;
}

static guint
position_of (const char *case_id)
{
  g_autoptr(GPtrArray) ids = listed_ids ();

  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), case_id) == 0)
      return i;
  return G_MAXUINT;
}

/* --- Waiting ------------------------------------------------------------------------ */

static void
switch_account (const char *login)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-account", "s", login);
  rd_gui_test_wait_for_session (window, login);
}

/* --- What the platform says -------------------------------------------------------- */

/* Every case @login sees, id -> RdCase, straight from the platform. */
static GHashTable *
platform_cases (const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdApi) api = rd_test_login (rd_session_get_url (rd_window_get_session (window)),
                                        login, "demo", &error);
  GHashTable *cases;

  g_assert_no_error (error);
  cases = rd_test_all_cases (api, NULL, &error);
  g_assert_no_error (error);
  return cases;
}

static gboolean
case_matches (RdCase       *kase,
              RdRole        role,
              RdCaseFilter  filter)
{
  RdTurn mine = role == RD_ROLE_BUYER ? RD_TURN_BUYER : RD_TURN_SELLER;
  RdTurn theirs = role == RD_ROLE_BUYER ? RD_TURN_SELLER : RD_TURN_BUYER;

  switch (filter)
    {
    case RD_CASE_FILTER_NEEDS_ME:
      return kase->turn == mine && kase->status != RD_STATUS_RESOLVED;
    case RD_CASE_FILTER_WAITING_OTHER:
      return kase->turn == theirs && kase->status != RD_STATUS_RESOLVED &&
             kase->status != RD_STATUS_UNDER_REVIEW;
    case RD_CASE_FILTER_RETURN_PENDING:
      return kase->status == RD_STATUS_RETURN_PENDING;
    case RD_CASE_FILTER_UNDER_REVIEW:
      return kase->status == RD_STATUS_UNDER_REVIEW;
    case RD_CASE_FILTER_RESOLVED:
      return kase->status == RD_STATUS_RESOLVED;
    case RD_CASE_FILTER_ALL:
    default:
      return TRUE;
    }
}

/* Selects each of the role's filters in turn (by label) and compares its
 * count and its rows with the platform's cases. */
static void
check_filters (const char         *login,
               RdRole              role,
               const char * const *labels,
               const RdCaseFilter *filters,
               guint               n)
{
  g_autoptr(GHashTable) cases = platform_cases (login);
  RdCaseList *list = case_list ();

  g_assert_cmpuint (rd_case_list_get_n_filters (list), ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) ids = NULL;
      GHashTableIter iter;
      gpointer value;
      guint expected = 0;

      g_assert_cmpstr (rd_case_list_get_filter_label (list, i), ==, labels[i]);
      /* The filter is on screen with its name. */
      g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (list), labels[i]));

      gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", "i", (int) i);
      g_assert_cmpuint (rd_case_list_get_filter_index (list), ==, i);
      rd_test_run_for (200);

      ids = listed_ids ();
      g_hash_table_iter_init (&iter, cases);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          RdCase *kase = value;
          gboolean listed = g_ptr_array_find_with_equal_func (ids, kase->id, g_str_equal, NULL);

          if (case_matches (kase, role, filters[i]))
            {
              expected++;
              if (!listed)
                g_error ("%s, filter “%s”: case %s (%s) is missing", login, labels[i], kase->id,
                         kase->item->title);
            }
          else if (listed)
            g_error ("%s, filter “%s”: case %s (%s) should not be listed", login, labels[i],
                     kase->id, kase->item->title);
        }

      g_assert_cmpuint (ids->len, ==, expected);
      g_assert_cmpuint (rd_case_list_get_filter_count (list, i), ==, expected);

      /* The first case's row is on screen, with its product. */
      if (expected > 0)
        {
          RdCase *first = g_hash_table_lookup (cases, g_ptr_array_index (ids, 0));
          RdCaseRow *row;

          g_assert_true (rd_test_wait_until ((gboolean (*) (gpointer)) mapped_row,
                                             g_ptr_array_index (ids, 0), 5000));
          row = mapped_row (g_ptr_array_index (ids, 0));
          g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (row), first->item->title));
        }
      else
        /* An empty filter says so rather than showing nothing. */
        g_assert_nonnull (rd_gui_test_first (GTK_WIDGET (list), ADW_TYPE_STATUS_PAGE));
    }
}

/* --- The model alone ------------------------------------------------------------------- */

#define MODEL_CASES 1000

/* Case ids are UUIDs; case n's ends in n. */
static char *
synthetic_id (guint n)
{
  return g_strdup_printf ("00000000-0000-4000-8000-%012u", n);
}

static void
assert_id_at (GListModel *model,
              guint       position,
              guint       n)
{
  g_autoptr(RdCase) kase = g_list_model_get_item (model, position);
  g_autofree char *expected = synthetic_id (n);

  g_assert_nonnull (kase);
  g_assert_cmpstr (kase->id, ==, expected);
}

/* A buyer's case due @due_hours from now, so that the list's order is the
 * order of @due_hours. */
static RdCase *
synthetic_case (guint  n,
                gint64 version,
                int    due_hours)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  RdCase *kase = rd_case_new ();

  kase->id = synthetic_id (n);
  kase->version = version;
  kase->order_id = g_strdup_printf ("o-%05u", n);
  kase->order_number = g_strdup_printf ("ORD-%05u", n);
  kase->item = rd_order_item_new ();
  kase->item->sku = g_strdup ("SKU");
  kase->item->title = g_strdup_printf ("Product %u", n);
  kase->item->quantity = 1;
  kase->item->unit_price = rd_money_new (1000, "EUR");
  kase->buyer = rd_party_new ("u-b", "Buyer");
  kase->seller = rd_party_new ("u-s", "Seller");
  kase->reason = RD_REASON_DEFECTIVE;
  kase->requested_type = RD_OUTCOME_TYPE_FULL_REFUND;
  kase->description = g_strdup ("Broken.");
  kase->lang = g_strdup ("en");
  kase->status = RD_STATUS_AWAITING_SELLER;
  kase->turn = RD_TURN_SELLER;
  kase->on_expiry = RD_EXPIRY_ESCALATE;
  kase->respond_by = g_date_time_add_hours (now, due_hours);
  kase->created_at = g_date_time_ref (now);
  kase->updated_at = g_date_time_add_seconds (now, (double) version);
  kase->events = g_ptr_array_new_with_free_func (g_object_unref);
  kase->offers = g_ptr_array_new_with_free_func (g_object_unref);
  kase->evidence = g_ptr_array_new_with_free_func (g_object_unref);
  return kase;
}

static void
put_cases (RdStore   *store,
           GPtrArray *cases)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdChanges) page = rd_changes_new ();
  static guint cursor;

  page->cursor = g_strdup_printf ("c%u", ++cursor);
  if (page->orders == NULL)
    page->orders = g_ptr_array_new_with_free_func (g_object_unref);
  if (page->cases == NULL)
    page->cases = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < cases->len; i++)
    g_ptr_array_add (page->cases, g_object_ref (g_ptr_array_index (cases, i)));
  g_assert_true (rd_store_apply_changes (store, page, &error));
  g_assert_no_error (error);
}

typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
on_items_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     ItemsChanged *seen)
{
  seen->calls++;
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
}

static void
test_model_paging (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (":memory:", &error);
  g_autoptr(RdUser) user = rd_user_new ();
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RdCaseListModel) model = NULL;
  g_autoptr(GPtrArray) one = NULL;
  GListModel *list;
  ItemsChanged seen = { 0 };

  g_assert_no_error (error);
  user->id = g_strdup ("u-b");
  user->name = g_strdup ("Buyer");
  user->role = RD_ROLE_BUYER;
  g_assert_true (rd_store_set_user (store, user, &error));

  /* Case n is due in 10 + 2n hours: the list reads case 0 … case 999. */
  for (guint i = 0; i < MODEL_CASES; i++)
    g_ptr_array_add (cases, synthetic_case (i, 1, 10 + 2 * (int) i));
  put_cases (store, cases);

  model = rd_case_list_model_new (store);
  list = G_LIST_MODEL (model);
  rd_case_list_model_set_filter (model, RD_CASE_FILTER_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, MODEL_CASES);
  assert_id_at (list, 0, 0);
  assert_id_at (list, 537, 537);
  assert_id_at (list, MODEL_CASES - 1, 999);
  {
    g_autofree char *id537 = synthetic_id (537);
    g_autofree char *id700 = synthetic_id (700);

    /* Found among the rows read, or within the first ones, or not at all. */
    g_assert_cmpuint (rd_case_list_model_find (model, id537, 10), ==, 537);
    rd_case_list_model_reload (model);
    g_assert_cmpuint (rd_case_list_model_find (model, id700, 10), ==, G_MAXUINT);
    g_assert_cmpuint (rd_case_list_model_find (model, id537, 600), ==, 537);
  }

  /* Oldest first is the same list read backwards. */
  rd_case_list_model_set_reversed (model, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, MODEL_CASES);
  assert_id_at (list, 0, 999);
  assert_id_at (list, 75, 924);
  assert_id_at (list, MODEL_CASES - 1, 0);
  rd_case_list_model_set_reversed (model, FALSE);

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &seen);

  /* A case changes in place (a message, say): only its row is told. */
  assert_id_at (list, 3, 3);
  one = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (one, synthetic_case (3, 2, 16));
  put_cases (store, one);
  rd_test_run_for (RD_CASE_LIST_MODEL_DEBOUNCE_MS * 3);
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (seen.position, ==, 3);
  g_assert_cmpuint (seen.removed, ==, 1);
  g_assert_cmpuint (seen.added, ==, 1);

  /* A new case due first: the rows the view has move down by one. */
  memset (&seen, 0, sizeof seen);
  g_ptr_array_set_size (one, 0);
  g_ptr_array_add (one, synthetic_case (MODEL_CASES, 1, 1));
  put_cases (store, one);
  rd_test_run_for (RD_CASE_LIST_MODEL_DEBOUNCE_MS * 3);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, MODEL_CASES + 1);
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (seen.position, ==, 0);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 1);
  assert_id_at (list, 0, 1000);
  assert_id_at (list, 1, 0);

  /* A burst of changes is one reload. */
  memset (&seen, 0, sizeof seen);
  for (guint i = 10; i < 20; i++)
    {
      g_ptr_array_set_size (one, 0);
      g_ptr_array_add (one, synthetic_case (i, 3, 10 + 2 * (int) i));
      put_cases (store, one);
    }
  rd_test_run_for (RD_CASE_LIST_MODEL_DEBOUNCE_MS * 3);
  /* Rows 11 … 20 (after the new first case), one by one, and nothing else. */
  g_assert_cmpuint (seen.calls, ==, 10);

  /* One goes (resolved elsewhere, say, and dropped): one row less. */
  memset (&seen, 0, sizeof seen);
  {
    g_autoptr(RdChanges) page = rd_changes_new ();
    g_autofree char *gone = synthetic_id (5);
    const char *removed[] = { gone, NULL };

    page->cursor = g_strdup ("removal");
    page->removed = g_strdupv ((char **) removed);
    g_assert_true (rd_store_apply_changes (store, page, &error));
    g_assert_no_error (error);
  }
  rd_test_run_for (RD_CASE_LIST_MODEL_DEBOUNCE_MS * 3);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, MODEL_CASES);
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (seen.position, ==, 6);
  g_assert_cmpuint (seen.removed, ==, 1);
  g_assert_cmpuint (seen.added, ==, 0);
  assert_id_at (list, 6, 6);

  /* Search: the hits, best first, with their words. */
  rd_case_list_model_set_search (model, "Product 537");
  g_assert_cmpuint (g_list_model_get_n_items (list), >=, 1);
  assert_id_at (list, 0, 537);
  {
    g_autofree char *id537 = synthetic_id (537);

    g_assert_nonnull (rd_case_list_model_get_snippet (model, id537));
  }
  rd_case_list_model_set_search (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, MODEL_CASES);
}

/* --- Tests --------------------------------------------------------------------------- */

static void press_accel (const char *accel);

static gboolean
new_dispute_shown (gpointer data)
{
  return rd_gui_test_find_window (RD_TYPE_NEW_DISPUTE_DIALOG) != NULL;
}

static void
test_demo_buyer_filters (void)
{
  static const char * const labels[] = {
    "Needs my response", "Waiting for seller", "Under review", "Resolved", "All",
  };
  static const RdCaseFilter filters[] = {
    RD_CASE_FILTER_NEEDS_ME, RD_CASE_FILTER_WAITING_OTHER, RD_CASE_FILTER_UNDER_REVIEW,
    RD_CASE_FILTER_RESOLVED, RD_CASE_FILTER_ALL,
  };

  rd_window_start_demo (window, "ana");
  rd_gui_test_wait_for_session (window, "ana");

  /* A buyer starts on all their cases. */
  g_assert_cmpuint (rd_case_list_get_filter_index (case_list ()), ==, 4);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Redress — \xe2\x81\xa8" "Ana Ribeiro" "\xe2\x81\xa9 (Buyer)");

  check_filters ("ana", RD_ROLE_BUYER, labels, filters, G_N_ELEMENTS (labels));

  /* Ctrl+N starts a new dispute. */
  press_accel ("<Control>n");
  g_assert_true (rd_test_wait_until (new_dispute_shown, NULL, 5000));
  gtk_window_destroy (GTK_WINDOW (rd_gui_test_find_window (RD_TYPE_NEW_DISPUTE_DIALOG)));
  rd_test_run_for (100);
}

static gboolean
filter_index_is (gpointer data)
{
  return rd_case_list_get_filter_index (case_list ()) == GPOINTER_TO_UINT (data);
}

/* Presses @accel the way GTK does: through the shortcut the application's
 * accelerators put on the window. */
static void
press_accel (const char *accel)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  guint n = g_list_model_get_n_items (controllers);

  g_assert_nonnull (wanted);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      guint m;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      m = g_list_model_get_n_items (G_LIST_MODEL (controller));
      for (guint j = 0; j < m; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (gtk_shortcut_trigger_equal (trigger, wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                           GTK_WIDGET (window),
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }

  g_error ("No shortcut %s on the window", accel);
}

static void
test_alt_shortcut (void)
{
  RdCaseList *list = case_list ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", "i", 4);
  g_assert_cmpuint (rd_case_list_get_filter_index (list), ==, 4);

  press_accel ("<Alt>2");
  g_assert_true (rd_test_wait_until (filter_index_is, GUINT_TO_POINTER (1), 5000));
  g_assert_cmpuint (rd_case_list_get_filter_index (list), ==, 1);
  g_assert_true (rd_case_list_get_filter (list) == RD_CASE_FILTER_WAITING_OTHER);

  press_accel ("<Alt>5");
  g_assert_true (rd_test_wait_until (filter_index_is, GUINT_TO_POINTER (4), 5000));
}

static const char *wanted_search;

static gboolean
search_shown (gpointer data)
{
  const char *query = rd_case_list_model_get_search (rd_case_list_get_model (case_list ()));

  return g_strcmp0 (query, wanted_search) == 0;
}

static void
type_search (const char *text)
{
  GtkEditable *entry = rd_gui_test_first (GTK_WIDGET (case_list ()), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  /* Ctrl+F puts the cursor in the search. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (entry)) ||
                 gtk_widget_is_focus (gtk_widget_get_focus_child (GTK_WIDGET (entry))));

  gtk_editable_set_text (entry, text);
  wanted_search = *text != '\0' ? text : NULL;
  /* GtkSearchEntry waits a moment after the last key. */
  g_assert_true (rd_test_wait_until (search_shown, NULL, 5000));
  rd_test_run_for (100);
}

/* Whether @kase's own words (description, messages) contain @query. */
static gboolean
case_says (RdCase     *kase,
           const char *query)
{
  if (kase->description != NULL && strstr (kase->description, query) != NULL)
    return TRUE;
  for (guint i = 0; kase->events != NULL && i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);

      if (event->text != NULL && strstr (event->text, query) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_search (void)
{
  g_autoptr(GHashTable) cases = platform_cases ("ana");
  g_autoptr(GPtrArray) ids = NULL;
  GHashTableIter iter;
  gpointer value;
  const char *holder = NULL;
  RdCaseRow *row;

  g_hash_table_iter_init (&iter, cases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (((RdCase *) value)->item->title, "Car phone holder"))
      holder = ((RdCase *) value)->id;
  g_assert_nonnull (holder);

  type_search ("holder");
  ids = listed_ids ();
  g_assert_true (g_ptr_array_find_with_equal_func (ids, holder, g_str_equal, NULL));
  /* The filters step aside while searching. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (rd_gui_test_first (GTK_WIDGET (case_list ()),
                                                                      GTK_TYPE_LIST_BOX))));
  /* The hit's row is on screen, with the words around the match. */
  g_assert_true (rd_test_wait_until ((gboolean (*) (gpointer)) mapped_row, (gpointer) holder, 5000));
  row = mapped_row (holder);
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (row), "Car phone holder"));
  {
    g_autoptr(GPtrArray) labels = rd_gui_test_all (GTK_WIDGET (row), GTK_TYPE_LABEL);
    gboolean snippet = FALSE;

    for (guint i = 0; i < labels->len; i++)
      {
        GtkLabel *label = g_ptr_array_index (labels, i);
        g_autofree char *lower = g_utf8_strdown (gtk_label_get_text (label), -1);

        if (gtk_widget_get_mapped (GTK_WIDGET (label)) && strstr (lower, "holder") != NULL &&
            !g_str_equal (gtk_label_get_text (label), "Car phone holder"))
          snippet = TRUE;
      }
    g_assert_true (snippet);
  }

  /* Nothing found says so. */
  type_search ("zzzqqqxxx");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rd_case_list_get_model (case_list ()))), ==, 0);
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (case_list ()), "No Cases Found"));

  /* Clearing the search brings the filter back. */
  type_search ("");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (rd_gui_test_first (GTK_WIDGET (case_list ()),
                                                                     GTK_TYPE_LIST_BOX))));
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = listed_ids ();
  g_assert_cmpuint (ids->len, ==, g_hash_table_size (cases));
}

static gboolean
news_cleared (gpointer data)
{
  const char *case_id = data;
  RdStore *store = rd_session_get_store (rd_window_get_session (window));
  RdCaseRow *row = mapped_row (case_id);

  return !rd_store_case_has_news (store, case_id) && row != NULL && !rd_case_row_get_has_news (row);
}

static void
test_select_clears_news (void)
{
  RdStore *store = rd_session_get_store (rd_window_get_session (window));
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  const char *chosen = NULL;
  RdCaseRow *row = NULL;
  guint position;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", "i", 4);
  rd_test_run_for (200);

  /* A case with news shows its dot. */
  rd_gui_test_collect (GTK_WIDGET (list_view ()), RD_TYPE_CASE_ROW, rows);
  for (guint i = 0; i < rows->len && chosen == NULL; i++)
    {
      RdCaseRow *candidate = g_ptr_array_index (rows, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (candidate)) && rd_case_row_get_has_news (candidate) &&
          g_strcmp0 (rd_case_row_get_case_id (candidate), rd_case_list_get_selected_case_id (case_list ())) != 0)
        {
          row = candidate;
          chosen = rd_case_row_get_case_id (candidate);
        }
    }
  g_assert_nonnull (chosen);
  g_assert_true (rd_store_case_has_news (store, chosen));
  {
    g_autoptr(GPtrArray) dots = rd_gui_test_all (GTK_WIDGET (row), GTK_TYPE_WIDGET);
    gboolean dot_shown = FALSE;

    for (guint i = 0; i < dots->len; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (dots, i), "rd-news-dot") &&
          gtk_widget_get_mapped (g_ptr_array_index (dots, i)))
        dot_shown = TRUE;
    g_assert_true (dot_shown);
  }

  /* Click it (the list view's own action, as a click or the keyboard does). */
  position = position_of (chosen);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  {
    g_autofree char *id = g_strdup (chosen);

    gtk_widget_activate_action (GTK_WIDGET (list_view ()), "list.select-item", "(ubb)",
                                position, FALSE, FALSE);
    g_assert_cmpstr (rd_case_list_get_selected_case_id (case_list ()), ==, id);
    g_assert_true (rd_test_wait_until (news_cleared, id, 5000));

    /* The case is open beside the list. */
    g_assert_null (rd_gui_test_find_mapped_label (GTK_WIDGET (window), "No case selected"));

    /* Still selected after a reload (a sync reorders the list). */
    rd_case_list_model_reload (rd_case_list_get_model (case_list ()));
    g_assert_cmpstr (rd_case_list_get_selected_case_id (case_list ()), ==, id);
    g_assert_cmpuint (gtk_single_selection_get_selected (
                        GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view ()))),
                      ==, position_of (id));
  }
}

static void
test_chinese_search (void)
{
  g_autoptr(GHashTable) cases = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  GHashTableIter iter;
  gpointer value;
  const char *query = "背包";
  guint expected = 0;

  /* Through the account menu's list of demo accounts. */
  {
    RdAccountMenu *menu;

    rd_window_start_demo (window, "ana");
    rd_gui_test_wait_for_session (window, "ana");
    menu = rd_gui_test_first (GTK_WIDGET (window), RD_TYPE_ACCOUNT_MENU);
    g_assert_nonnull (menu);
    gtk_widget_activate_action (GTK_WIDGET (menu), "account.switch", "s", "li");
    rd_gui_test_wait_for_session (window, "li");
  }
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Redress — \xe2\x81\xa8" "Li Wei" "\xe2\x81\xa9 (Buyer)");
  cases = platform_cases ("li");

  type_search (query);
  ids = listed_ids ();

  /* Every case of li's that says it is found, and nothing else. */
  g_hash_table_iter_init (&iter, cases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (case_says (value, query))
      {
        expected++;
        g_assert_true (g_ptr_array_find_with_equal_func (ids, ((RdCase *) value)->id, g_str_equal, NULL));
      }
  g_assert_cmpuint (expected, >, 0);
  for (guint i = 0; i < ids->len; i++)
    {
      RdCase *kase = g_hash_table_lookup (cases, g_ptr_array_index (ids, i));

      g_assert_nonnull (kase);
      g_assert_true (case_says (kase, query));
    }

  type_search ("");
}

static void
test_seller_filters (void)
{
  static const char * const labels[] = {
    "Needs my response", "Return on its way", "Under review", "Resolved", "All",
  };
  static const RdCaseFilter filters[] = {
    RD_CASE_FILTER_NEEDS_ME, RD_CASE_FILTER_RETURN_PENDING, RD_CASE_FILTER_UNDER_REVIEW,
    RD_CASE_FILTER_RESOLVED, RD_CASE_FILTER_ALL,
  };
  GtkWidget *new_dispute;

  switch_account ("kai");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Redress — \xe2\x81\xa8" "Kai's Gadgets" "\xe2\x81\xa9 (Seller)");

  /* A seller starts on what needs an answer, and files no disputes. */
  g_assert_cmpuint (rd_case_list_get_filter_index (case_list ()), ==, 0);
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (case_list ()), "Return on its way"));
  g_assert_null (rd_gui_test_find_mapped_label (GTK_WIDGET (case_list ()), "Waiting for seller"));
  new_dispute = rd_gui_test_first (GTK_WIDGET (window), ADW_TYPE_BUTTON_CONTENT);
  g_assert_nonnull (new_dispute);
  g_assert_false (gtk_widget_get_mapped (new_dispute));

  check_filters ("kai", RD_ROLE_SELLER, labels, filters, G_N_ELEMENTS (labels));
}

/* Every case and order that @login sees, as one page of changes. */
static RdChanges *
platform_changes (const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdApi) api = rd_test_login (rd_session_get_url (rd_window_get_session (window)),
                                        login, "demo", &error);
  g_autoptr(GHashTable) orders = NULL;
  g_autoptr(GHashTable) cases = NULL;
  RdChanges *changes = rd_changes_new ();
  GHashTableIter iter;
  gpointer value;

  g_assert_no_error (error);
  cases = rd_test_all_cases (api, &orders, &error);
  g_assert_no_error (error);

  changes->cursor = g_strdup ("offline-test");
  if (changes->orders == NULL)
    changes->orders = g_ptr_array_new_with_free_func (g_object_unref);
  if (changes->cases == NULL)
    changes->cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, orders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (changes->orders, g_object_ref (value));
  g_hash_table_iter_init (&iter, cases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (changes->cases, g_object_ref (value));
  return changes;
}

static gboolean
is_listed (gpointer data)
{
  return position_of (data) != G_MAXUINT;
}

static gboolean
row_mapped (gpointer data)
{
  return mapped_row (data) != NULL;
}

static void
test_provisional_case (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (":memory:", &error);
  g_autoptr(RdChanges) changes = NULL;
  g_autoptr(RdApi) api = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(RdSession) session = NULL;
  g_autoptr(RdUser) user = rd_user_new ();
  g_autofree char *case_id = NULL;
  RdCaseRow *row;
  guint position;

  /* Ana's cases cached, and no network: what a train ride looks like. */
  g_assert_no_error (error);
  user->id = g_strdup ("u-ana");
  user->name = g_strdup ("Ana Ribeiro");
  user->role = RD_ROLE_BUYER;
  user->locale = g_strdup ("en");
  g_assert_true (rd_store_set_user (store, user, &error));
  changes = platform_changes ("ana");
  g_assert_true (rd_store_apply_changes (store, changes, &error));
  g_assert_no_error (error);

  api = rd_test_login (rd_session_get_url (rd_window_get_session (window)), "ana", "demo", &error);
  g_assert_no_error (error);
  drafts = rd_test_fileable_drafts (api);
  g_assert_cmpuint (drafts->len, >, 0);

  session = rd_session_new_offline (store, user);
  rd_window_set_session (window, session);
  rd_test_run_for (300);

  case_id = rd_session_file_case (session, g_ptr_array_index (drafts, 0), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (case_id);

  /* It is listed at once (after the list's short pause), marked as not sent. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.filter", "i", 4);
  g_assert_true (rd_test_wait_until (is_listed, case_id, 5000));
  position = position_of (case_id);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  gtk_widget_activate_action (GTK_WIDGET (list_view ()), "list.scroll-to-item", "u", position);
  g_assert_true (rd_test_wait_until (row_mapped, case_id, 5000));
  row = mapped_row (case_id);
  g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (row), "Not sent yet"));

  /* The header counts what waits to be sent. */
  {
    RdSyncIndicator *indicator = rd_gui_test_first (GTK_WIDGET (window), RD_TYPE_SYNC_INDICATOR);

    g_assert_true (g_str_has_suffix (rd_sync_indicator_get_text (indicator), " · 1 waiting"));
    g_assert_nonnull (rd_gui_test_find_mapped_label (GTK_WIDGET (indicator), rd_sync_indicator_get_text (indicator)));
  }

  /* The others were sent long ago. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) ids = listed_ids ();
      RdCaseRow *other;

      if (i >= ids->len || g_str_equal (g_ptr_array_index (ids, i), case_id))
        continue;
      other = mapped_row (g_ptr_array_index (ids, i));
      if (other != NULL)
        g_assert_null (rd_gui_test_find_mapped_label (GTK_WIDGET (other), "Not sent yet"));
    }

  rd_window_set_session (window, NULL);
}

static gboolean
leaflet_folded_is (gpointer data)
{
  AdwLeaflet *leaflet = rd_gui_test_first (GTK_WIDGET (window), ADW_TYPE_LEAFLET);

  return adw_leaflet_get_folded (leaflet) == GPOINTER_TO_INT (data);
}

static gboolean
showing (gpointer name)
{
  AdwLeaflet *leaflet = rd_gui_test_first (GTK_WIDGET (window), ADW_TYPE_LEAFLET);
  GtkWidget *child = adw_leaflet_get_child_by_name (leaflet, name);

  return adw_leaflet_get_visible_child (leaflet) == child && gtk_widget_get_mapped (child);
}

static gboolean
back_button_shown (gpointer data)
{
  g_autoptr(GPtrArray) buttons = rd_gui_test_all (GTK_WIDGET (window), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), "win.back") == 0)
      return gtk_widget_get_mapped (g_ptr_array_index (buttons, i)) == GPOINTER_TO_INT (data);
  return FALSE;
}

static void
test_narrow_window (void)
{
  g_autoptr(GPtrArray) ids = NULL;

  /* Under 700 pixels the list and the case take turns. */
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 760);
  g_assert_true (rd_test_wait_until (leaflet_folded_is, GINT_TO_POINTER (TRUE), 5000));
  g_assert_true (rd_test_wait_until (showing, (gpointer) "sidebar", 5000));
  g_assert_true (rd_test_wait_until (back_button_shown, GINT_TO_POINTER (FALSE), 5000));

  /* Opening a case turns to it, with a way back. */
  ids = listed_ids ();
  g_assert_cmpuint (ids->len, >, 0);
  gtk_widget_activate_action (GTK_WIDGET (list_view ()), "list.activate-item", "u", 0);
  g_assert_cmpstr (rd_case_list_get_selected_case_id (case_list ()), ==, g_ptr_array_index (ids, 0));
  g_assert_true (rd_test_wait_until (showing, (gpointer) "content", 5000));
  g_assert_true (rd_test_wait_until (back_button_shown, GINT_TO_POINTER (TRUE), 5000));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  g_assert_true (rd_test_wait_until (showing, (gpointer) "sidebar", 5000));
  g_assert_true (rd_test_wait_until (back_button_shown, GINT_TO_POINTER (FALSE), 5000));

  /* Ctrl+F from the case goes back to the list's search. */
  gtk_widget_activate_action (GTK_WIDGET (list_view ()), "list.activate-item", "u", 0);
  g_assert_true (rd_test_wait_until (showing, (gpointer) "content", 5000));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (rd_test_wait_until (showing, (gpointer) "sidebar", 5000));

  /* Wide again: side by side. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1240, 760);
  g_assert_true (rd_test_wait_until (leaflet_folded_is, GINT_TO_POINTER (FALSE), 5000));
  g_assert_true (rd_test_wait_until (back_button_shown, GINT_TO_POINTER (FALSE), 5000));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Nothing of the user's: a private data folder, no keyring. */
  tmpdir = rd_gui_test_setup_environment ("test-case-list");
  if (!rd_gui_test_init (&argc, &argv))
    return g_test_run ();

  app = rd_gui_test_application_new ();

  window = rd_window_new (app);
  /* Wide enough for the list and the case side by side. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1240, 760);
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/case-list/model-paging", test_model_paging);
  g_test_add_func ("/case-list/demo-buyer-filters", test_demo_buyer_filters);
  g_test_add_func ("/case-list/alt-shortcut", test_alt_shortcut);
  g_test_add_func ("/case-list/search", test_search);
  g_test_add_func ("/case-list/select-clears-news", test_select_clears_news);
  g_test_add_func ("/case-list/provisional-case", test_provisional_case);
  g_test_add_func ("/case-list/chinese-search", test_chinese_search);
  g_test_add_func ("/case-list/seller-filters", test_seller_filters);
  g_test_add_func ("/case-list/narrow-window", test_narrow_window);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&app);
  rd_session_stop_demo ();
  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);

  return ret;
}
