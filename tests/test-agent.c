/* test-agent.c — the agent's side of a case: a seller lets a deadline pass
 * on a platform with a test clock, the case reaches the agent's queue, the
 * agent reads both sides and rules for the buyer with a note, and both
 * parties read the ruling and the note.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-gui-test-util.h"
#include "rd-rule-dialog.h"
#include "rd-timeline.h"

static char *tmpdir;
static RdTestPlatform *platform;
static RdSession *ana, *sol, *mia;
static GtkWindow *ana_window, *sol_window, *mia_window;
static RdCaseView *ana_view, *sol_view, *mia_view;
static char *case_id;

static const char *note = "Sol Outfitters did not answer within three business days. The buyer's photos "
                          "show the damage; she gets the refund she asked for.";

static void
advance_clock (gint64 seconds)
{
  RdApi *api = rd_sync_get_api (rd_session_get_sync (ana));
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = RD_TEST_AWAIT (rd_api_test_clock_advance_async (api, seconds, NULL,
                                                                                   RD_TEST_CB));

  g_assert_true (rd_api_test_clock_advance_finish (api, result, &error));
  g_assert_no_error (error);
}

static gboolean
in_queue (RdSession   *session,
          const char  *id)
{
  g_autoptr(GError) error = NULL;
  guint total = 0;
  g_autoptr(GPtrArray) cases = rd_store_list_cases (rd_session_get_store (session), RD_CASE_FILTER_UNDER_REVIEW,
                                                    0, 500, &total, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < cases->len; i++)
    if (g_strcmp0 (((RdCase *) g_ptr_array_index (cases, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

/* Ana files a claim against Sol, who never answers it. */
static void
test_deadline_missed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdApi) api = rd_test_login (rd_test_platform_get_url (platform), "ana", "demo", &error);
  g_autoptr(GPtrArray) drafts = NULL;
  RdCaseDraft *draft = NULL;

  g_assert_no_error (error);
  drafts = rd_test_fileable_drafts (api);
  for (guint i = 0; i < drafts->len && draft == NULL; i++)
    {
      RdCaseDraft *candidate = g_ptr_array_index (drafts, i);
      g_autoptr(RdOrder) order = rd_store_get_order (rd_session_get_store (ana), candidate->order_id, NULL);

      if (order != NULL && g_strcmp0 (order->seller->name, "Sol Outfitters") == 0)
        draft = candidate;
    }
  g_assert_nonnull (draft);
  g_free (draft->description);
  draft->description = g_strdup ("The strap broke off on the second day.");

  case_id = rd_session_file_case (ana, draft, NULL, &error);
  g_assert_no_error (error);
  rd_gui_test_sync (ana);
  rd_gui_test_sync (sol);
  g_assert_cmpint (rd_gui_test_status (sol, case_id), ==, RD_STATUS_AWAITING_SELLER);
  rd_case_view_set_case_id (sol_view, case_id);
  rd_gui_test_drain ();
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (sol_view), "You must answer within");

  /* A week later, with a weekend in it, Sol's three business days are over. */
  advance_clock (8 * 24 * 3600);
  rd_gui_test_sync (ana);
  rd_gui_test_sync (sol);
  rd_gui_test_sync (mia);
  g_assert_cmpint (rd_gui_test_status (ana, case_id), ==, RD_STATUS_UNDER_REVIEW);

  /* The platform's own steps say so, in words, in the buyer's view. */
  rd_case_view_set_case_id (ana_view, case_id);
  rd_gui_test_drain ();
  ASSERT_LABEL (GTK_WIDGET (ana_view), "Under review");
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (ana_view), "Redress platform: the time to answer ran out");
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (ana_view), "Redress platform sent the case to an agent for review");

  /* And it waits in the agent's queue. */
  g_assert_true (in_queue (mia, case_id));
}

static void
test_agent_reviews_and_rules (void)
{
  GtkWidget *statements;
  GtkWidget *button;
  RdRuleDialog *dialog;
  AdwMessageDialog *confirm;
  g_autoptr(RdCase) kase = NULL;

  g_assert_nonnull (case_id);
  rd_case_view_set_case_id (mia_view, case_id);
  rd_gui_test_drain ();

  /* Both sides, side by side, above the shared timeline. */
  statements = rd_timeline_get_statements (rd_gui_test_first (GTK_WIDGET (mia_view), RD_TYPE_TIMELINE));
  g_assert_nonnull (statements);
  ASSERT_LABEL (statements, "Buyer: \u2068Ana Ribeiro\u2069");
  ASSERT_LABEL (statements, "Seller: \u2068Sol Outfitters\u2069");
  ASSERT_LABEL (statements, "The strap broke off on the second day.");
  ASSERT_LABEL (statements, "Nothing said yet");
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (mia_view), "Buyer: \u2068Ana Ribeiro\u2069");
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (mia_view), "Seller: \u2068Sol Outfitters\u2069");

  /* Only the agent's buttons. */
  g_assert_null (rd_gui_test_find_button (GTK_WIDGET (mia_view), "case.withdraw", NULL));
  g_assert_null (rd_gui_test_find_button (GTK_WIDGET (mia_view), "case.escalate", NULL));
  g_assert_null (rd_gui_test_find_button (GTK_WIDGET (mia_view), "case.respond", NULL));
  button = rd_gui_test_find_button (GTK_WIDGET (mia_view), "case.rule", NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* And no Rule for the parties. */
  g_assert_null (rd_gui_test_find_button (GTK_WIDGET (ana_view), "case.rule", NULL));
  rd_case_view_set_case_id (sol_view, case_id);
  rd_gui_test_drain ();
  g_assert_null (rd_gui_test_find_button (GTK_WIDGET (sol_view), "case.rule", NULL));

  gtk_widget_activate (button);
  WAIT_UNTIL ((dialog = rd_gui_test_find_window (RD_TYPE_RULE_DIALOG)) != NULL);
  g_assert_cmpstr (rd_rule_dialog_get_problem (dialog), ==, "Choose a decision.");
  /* A split is bounded by the item's price. */
  rd_rule_dialog_set_ruling (dialog, RD_DECISION_SPLIT, 10000000, note);
  g_assert_nonnull (strstr (rd_rule_dialog_get_problem (dialog), "at most"));
  g_assert_null (rd_rule_dialog_rule (dialog));
  /* The note is required. */
  rd_rule_dialog_set_ruling (dialog, RD_DECISION_BUYER, 0, "   ");
  g_assert_cmpstr (rd_rule_dialog_get_problem (dialog), ==,
                   "Write a note: both parties read it with your decision.");
  g_assert_null (rd_rule_dialog_rule (dialog));

  /* For the buyer, confirmed with its consequence. */
  rd_rule_dialog_set_ruling (dialog, RD_DECISION_BUYER, 0, note);
  g_assert_null (rd_rule_dialog_get_problem (dialog));
  confirm = rd_rule_dialog_rule (dialog);
  g_assert_nonnull (confirm);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Rule for the Buyer?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm),
                            "\u2068Sol Outfitters\u2069 refunds \u2068Ana Ribeiro\u2069 the full price"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "both read your note"));
  rd_gui_test_respond (confirm, "rule");
  g_assert_null (rd_gui_test_find_window (RD_TYPE_RULE_DIALOG));
  WAIT_UNTIL (rd_gui_test_find_pending (GTK_WIDGET (mia_view), "Your decision: In the buyer's favour") != NULL);

  rd_gui_test_sync (mia);
  kase = rd_gui_test_get_case (mia, case_id);
  g_assert_cmpint (kase->status, ==, RD_STATUS_RESOLVED);
  g_assert_cmpint (kase->resolution->by, ==, RD_RESOLUTION_BY_PLATFORM);
  WAIT_UNTIL (rd_gui_test_find_label_containing (GTK_WIDGET (mia_view), "You decided: In the buyer's favour") != NULL);
}

static void
assert_party_reads_ruling (RdSession  *session,
                           RdCaseView *view)
{
  g_autoptr(RdCase) kase = NULL;
  GtkLabel *label;

  rd_gui_test_sync (session);
  kase = rd_gui_test_get_case (session, case_id);
  g_assert_cmpint (kase->status, ==, RD_STATUS_RESOLVED);
  g_assert_cmpint (kase->resolution->outcome, ==, RD_RESOLUTION_OUTCOME_REFUNDED);

  rd_case_view_set_case_id (view, case_id);
  rd_gui_test_drain ();
  WAIT_UNTIL (rd_gui_test_find_label (GTK_WIDGET (view), "Resolved") != NULL);
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (view), "decided: In the buyer's favour");
  label = rd_gui_test_find_label (GTK_WIDGET (view), note);
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (label));
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (view), "Case closed: Refunded");
}

static void
test_parties_read_ruling (void)
{
  g_assert_nonnull (case_id);
  assert_party_reads_ruling (ana, ana_view);
  assert_party_reads_ruling (sol, sol_view);
  /* The agent named the one who ruled. */
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (ana_view), "Mia");
}

int
main (int   argc,
      char *argv[])
{
  static const char * const args[] = { "--demo", "--test-clock", NULL };
  int ret;

  tmpdir = rd_gui_test_setup_environment ("agent");
  if (!rd_gui_test_init (&argc, &argv))
    return g_test_run ();

  platform = rd_test_platform_start (NULL, args);
  ana = rd_gui_test_login_held (rd_test_platform_get_url (platform), "ana");
  sol = rd_gui_test_login_held (rd_test_platform_get_url (platform), "sol");
  mia = rd_gui_test_login_held (rd_test_platform_get_url (platform), "mia");
  rd_gui_test_sync (ana);
  rd_gui_test_sync (sol);
  rd_gui_test_sync (mia);

  ana_view = rd_gui_test_open_case_view (ana, &ana_window);
  sol_view = rd_gui_test_open_case_view (sol, &sol_window);
  mia_view = rd_gui_test_open_case_view (mia, &mia_window);

  g_test_add_func ("/agent/deadline-missed", test_deadline_missed);
  g_test_add_func ("/agent/reviews-and-rules", test_agent_reviews_and_rules);
  g_test_add_func ("/agent/parties-read-ruling", test_parties_read_ruling);

  ret = g_test_run ();

  gtk_window_destroy (ana_window);
  gtk_window_destroy (sol_window);
  gtk_window_destroy (mia_window);
  g_clear_object (&ana);
  g_clear_object (&sol);
  g_clear_object (&mia);
  rd_test_platform_stop (platform);
  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (case_id);
  return ret;
}
