/* test-seller.c — the seller's side of a case against the demo platform:
 * answer a new claim with a partial refund that the buyer accepts, ask for
 * details with a phrase, see a return through to the refund, and see only
 * one's own role's buttons.
 *
 * Each party has a client of its own on the same demo platform, and each
 * client syncs only when a test says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-gui-test-util.h"
#include "rd-message-bubble.h"
#include "rd-respond-dialog.h"

static char *tmpdir;
static RdSession *ana, *li, *kai, *sol;
static GtkWindow *ana_window, *li_window, *kai_window, *sol_window;
static RdCaseView *ana_view, *li_view, *kai_view, *sol_view;

static void
open_case (RdCaseView *view,
           const char *case_id)
{
  rd_case_view_set_case_id (view, case_id);
  rd_gui_test_drain ();
}

static RdRespondDialog *
open_respond_dialog (RdCaseView *view)
{
  GtkWidget *respond = rd_gui_test_find_button (GTK_WIDGET (view), "case.respond", NULL);
  RdRespondDialog *dialog = NULL;

  g_assert_nonnull (respond);
  g_assert_true (gtk_widget_is_sensitive (respond));
  gtk_widget_activate (respond);
  WAIT_UNTIL ((dialog = rd_gui_test_find_window (RD_TYPE_RESPOND_DIALOG)) != NULL);
  return dialog;
}

/* --- A partial refund, accepted ------------------------------------------------------------ */

static void
test_partial_refund_offer (void)
{
  g_autofree char *watch = rd_gui_test_find_case (kai, "Smart watch", TRUE);
  g_autoptr(RdCase) kase = NULL;
  RdRespondDialog *dialog;
  AdwMessageDialog *confirm;
  RdOffer *offer = NULL;
  GtkWidget *accept;

  g_assert_nonnull (watch);
  open_case (kai_view, watch);
  ASSERT_LABEL (GTK_WIDGET (kai_view), "Smart watch");
  ASSERT_LABEL (GTK_WIDGET (kai_view), "It is not as described — wants to return it for a refund");
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (kai_view), "Buyer: \u2068Li Wei\u2069");
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (kai_view), "You must answer within");
  /* Li wrote in Chinese; Kai reads English, and is told so. */
  ASSERT_LABEL (GTK_WIDGET (kai_view), "Written in Chinese");

  dialog = open_respond_dialog (kai_view);
  /* Nothing final is one click away: the seller chooses first. */
  g_assert_cmpstr (rd_respond_dialog_get_problem (dialog), ==, "Choose an answer.");
  g_assert_false (rd_respond_dialog_send (dialog));
  /* Every choice says what it does. */
  ASSERT_LABEL (GTK_WIDGET (dialog), "The buyer sends the item back; you refund it once you confirm that it arrived.");
  ASSERT_LABEL (GTK_WIDGET (dialog), "The buyer has 7 days to accept or reject your offer; without an answer the case closes.");

  /* The amount is bounded by the item's price, and says so in place. */
  rd_respond_dialog_set_offer (dialog, RD_OUTCOME_TYPE_PARTIAL_REFUND, 20000, NULL);
  g_assert_cmpstr (rd_respond_dialog_get_problem (dialog), ==,
                   "The amount can be at most €149.00, the price of the item.");
  ASSERT_LABEL (GTK_WIDGET (dialog), "The amount can be at most €149.00, the price of the item.");
  g_assert_false (rd_respond_dialog_send (dialog));
  rd_respond_dialog_set_offer (dialog, RD_OUTCOME_TYPE_PARTIAL_REFUND, 0, NULL);
  g_assert_cmpstr (rd_respond_dialog_get_problem (dialog), ==, "Enter an amount above zero.");
  rd_respond_dialog_set_offer (dialog, RD_OUTCOME_TYPE_PARTIAL_REFUND, 5000,
                               "The blood oxygen sensor only works with the app; €50 back and keep it.");
  g_assert_null (rd_respond_dialog_get_problem (dialog));
  g_assert_true (rd_respond_dialog_send (dialog));
  rd_gui_test_drain ();
  g_assert_null (rd_gui_test_find_window (RD_TYPE_RESPOND_DIALOG));

  WAIT_UNTIL (rd_gui_test_find_pending (GTK_WIDGET (kai_view), "Your offer: Partial refund of €50.00") != NULL);
  rd_gui_test_sync (kai);
  WAIT_UNTIL (rd_gui_test_find_pending (GTK_WIDGET (kai_view), NULL) == NULL);
  ASSERT_LABEL (GTK_WIDGET (kai_view), "Waiting for the buyer");
  ASSERT_LABEL (GTK_WIDGET (kai_view), "Partial refund of €50.00");
  /* The seller cannot answer their own offer. */
  g_assert_null (rd_gui_test_find_button (GTK_WIDGET (kai_view), "case.accept-offer", NULL));

  /* Li's client accepts it. */
  rd_gui_test_sync (li);
  open_case (li_view, watch);
  kase = rd_gui_test_get_case (li, watch);
  for (guint i = 0; i < kase->offers->len; i++)
    if (((RdOffer *) g_ptr_array_index (kase->offers, i))->status == RD_OFFER_STATUS_PENDING)
      offer = g_ptr_array_index (kase->offers, i);
  g_assert_nonnull (offer);
  g_assert_cmpint (offer->amount->amount, ==, 5000);
  ASSERT_LABEL (GTK_WIDGET (li_view), "The blood oxygen sensor only works with the app; €50 back and keep it.");
  accept = rd_gui_test_find_button (GTK_WIDGET (li_view), "case.accept-offer", offer->id);
  g_assert_nonnull (accept);
  gtk_widget_activate (accept);
  WAIT_UNTIL ((confirm = rd_gui_test_find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_body (confirm), ==,
                   "You accept a refund of €50.00. The case will be closed.");
  rd_gui_test_respond (confirm, "accept");
  rd_gui_test_sync (li);

  /* Both see it resolved with the amount. */
  g_clear_object (&kase);
  kase = rd_gui_test_get_case (li, watch);
  g_assert_cmpint (kase->status, ==, RD_STATUS_RESOLVED);
  g_assert_cmpint (kase->resolution->outcome, ==, RD_RESOLUTION_OUTCOME_PARTIALLY_REFUNDED);
  g_assert_cmpint (kase->resolution->amount->amount, ==, 5000);
  WAIT_UNTIL (rd_gui_test_find_label_containing (GTK_WIDGET (li_view), "Partially refunded · €50.00") != NULL);

  rd_gui_test_sync (kai);
  g_clear_object (&kase);
  kase = rd_gui_test_get_case (kai, watch);
  g_assert_cmpint (kase->status, ==, RD_STATUS_RESOLVED);
  g_assert_cmpint (kase->resolution->amount->amount, ==, 5000);
  WAIT_UNTIL (rd_gui_test_find_label (GTK_WIDGET (kai_view), "Resolved") != NULL);
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (kai_view), "Partially refunded · €50.00");
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (kai_view), "Li Wei\u2069 accepted the offer");
}

/* --- A refused step ------------------------------------------------------------------------ */

static void
test_refused_offer (void)
{
  g_autofree char *holder = rd_gui_test_find_case (kai, "Car phone holder", TRUE);
  g_autoptr(RdAction) offer = rd_action_new ();
  RdPendingRow *row;
  g_autofree char *id = NULL;

  /* An offer the platform refuses (more than the item's price): it stays in
   * place with the reason, and can only be dropped. */
  open_case (kai_view, holder);
  offer->type = RD_ACTION_TYPE_OFFER;
  offer->offer_type = RD_OUTCOME_TYPE_PARTIAL_REFUND;
  offer->offer_amount = rd_money_new (999999, "EUR");
  rd_gui_test_act (kai, holder, offer);
  rd_gui_test_sync (kai);
  WAIT_UNTIL ((row = rd_gui_test_find_pending (GTK_WIDGET (kai_view), "Your offer")) != NULL &&
              rd_pending_row_get_state (row) == RD_OUTBOX_FAILED);
  g_test_message ("refused: %s", rd_pending_row_get_status (row));
  g_assert_true (g_str_has_prefix (rd_pending_row_get_status (row), "Not sent: "));
  g_assert_cmpuint (strlen (rd_pending_row_get_status (row)), >, strlen ("Not sent: "));
  id = g_strdup (rd_pending_row_get_id (row));
  g_assert_null (rd_gui_test_find_button (GTK_WIDGET (kai_view), "case.retry", id));
  gtk_widget_activate (rd_gui_test_find_button (GTK_WIDGET (kai_view), "case.discard", id));
  WAIT_UNTIL (rd_gui_test_find_pending (GTK_WIDGET (kai_view), NULL) == NULL);
  g_assert_cmpint (rd_gui_test_status (kai, holder), ==, RD_STATUS_AWAITING_SELLER);
}

/* --- Asking for details, then accepting as asked ----------------------------------------------- */

static void
test_ask_then_accept_claim (void)
{
  g_autofree char *holder = rd_gui_test_find_case (kai, "Car phone holder", TRUE);
  const char *request = "Could you please send photos of the item that show the problem clearly? "
                        "They help to settle this quickly.";
  g_autoptr(RdCase) kase = NULL;
  RdRespondDialog *dialog;

  g_assert_nonnull (holder);
  open_case (kai_view, holder);
  dialog = open_respond_dialog (kai_view);
  rd_respond_dialog_set_phrase (dialog, "request_photos");
  g_assert_true (rd_respond_dialog_send (dialog));
  rd_gui_test_drain ();
  WAIT_UNTIL (rd_gui_test_find_pending (GTK_WIDGET (kai_view), request) != NULL);
  rd_gui_test_sync (kai);

  /* Ana reads the phrase in her language, from Kai. */
  rd_gui_test_sync (ana);
  open_case (ana_view, holder);
  {
    GtkLabel *label = rd_gui_test_find_label (GTK_WIDGET (ana_view), request);
    RdMessageBubble *bubble;

    g_assert_nonnull (label);
    bubble = (RdMessageBubble *) gtk_widget_get_ancestor (GTK_WIDGET (label), RD_TYPE_MESSAGE_BUBBLE);
    g_assert_nonnull (bubble);
    g_assert_false (rd_message_bubble_is_mine (bubble));
    ASSERT_LABEL (GTK_WIDGET (bubble), "Kai's Gadgets");
  }

  /* Asking kept the claim open; now Kai accepts it as asked. */
  g_assert_cmpint (rd_gui_test_status (kai, holder), ==, RD_STATUS_AWAITING_SELLER);
  dialog = open_respond_dialog (kai_view);
  rd_respond_dialog_set_choice (dialog, RD_RESPOND_ACCEPT);
  ASSERT_LABEL (GTK_WIDGET (dialog), "You refund €19.99 in full and the case closes.");
  g_assert_true (rd_respond_dialog_send (dialog));
  rd_gui_test_drain ();
  rd_gui_test_sync (kai);
  kase = rd_gui_test_get_case (kai, holder);
  g_assert_cmpint (kase->status, ==, RD_STATUS_RESOLVED);
  g_assert_cmpint (kase->resolution->outcome, ==, RD_RESOLUTION_OUTCOME_REFUNDED);
  WAIT_UNTIL (rd_gui_test_find_label_containing (GTK_WIDGET (kai_view), "You accepted the claim") != NULL);
}

/* --- A return ------------------------------------------------------------------------------------ */

static gboolean
case_is_resolved (RdSession  *session,
                  const char *case_id)
{
  g_autoptr(RdCase) kase = rd_store_get_case (rd_session_get_store (session), case_id, NULL);

  return kase != NULL && kase->status == RD_STATUS_RESOLVED;
}

static void
test_return (void)
{
  g_autofree char *jacket = rd_gui_test_find_case (ana, "Rain jacket, size L", TRUE);
  g_autoptr(RdCase) kase = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *button;

  g_assert_nonnull (jacket);

  /* Ana ships it back with its tracking number. */
  open_case (ana_view, jacket);
  ASSERT_LABEL (GTK_WIDGET (ana_view), "Return in progress");
  button = rd_gui_test_find_button (GTK_WIDGET (ana_view), "case.ship-return", NULL);
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  WAIT_UNTIL ((dialog = rd_gui_test_find_message_dialog ()) != NULL);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "ship"));
  rd_gui_test_fill_entry_row (GTK_WIDGET (dialog), "Carrier", "DHL");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "ship"));
  rd_gui_test_fill_entry_row (GTK_WIDGET (dialog), "Tracking number", "JJD014600007733152");
  rd_gui_test_respond (dialog, "ship");
  WAIT_UNTIL (rd_gui_test_find_pending (GTK_WIDGET (ana_view), "Ship the return") != NULL);
  rd_gui_test_sync (ana);
  WAIT_UNTIL (rd_gui_test_find_label_containing (GTK_WIDGET (ana_view),
                                                 "You sent the item back with \u2068DHL\u2069, tracking number "
                                                 "\u2068JJD014600007733152\u2069") != NULL);

  /* Sol sees it on its way and confirms it arrived. */
  rd_gui_test_sync (sol);
  open_case (sol_view, jacket);
  ASSERT_LABEL_CONTAINING (GTK_WIDGET (sol_view), "sent the item back with \u2068DHL\u2069");
  g_assert_null (rd_gui_test_find_button (GTK_WIDGET (sol_view), "case.respond", NULL));
  button = rd_gui_test_find_button (GTK_WIDGET (sol_view), "case.confirm-return", NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  WAIT_UNTIL ((dialog = rd_gui_test_find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "The item came back to you. The buyer is refunded €129.00 and the case will be closed.");
  rd_gui_test_respond (dialog, "confirm");
  /* The confirmation is queued before the sync that should carry it (or an
   * automatic sync has carried it already). */
  WAIT_UNTIL (rd_store_outbox_count (rd_session_get_store (sol)) > 0 ||
              case_is_resolved (sol, jacket));
  rd_gui_test_sync (sol);
  kase = rd_gui_test_get_case (sol, jacket);
  g_assert_cmpint (kase->status, ==, RD_STATUS_RESOLVED);
  g_assert_cmpint (kase->resolution->outcome, ==, RD_RESOLUTION_OUTCOME_REFUNDED);
  WAIT_UNTIL (rd_gui_test_find_label_containing (GTK_WIDGET (sol_view), "You confirmed that the return arrived") != NULL);

  /* And Ana sees her refund. */
  rd_gui_test_sync (ana);
  g_clear_object (&kase);
  kase = rd_gui_test_get_case (ana, jacket);
  g_assert_cmpint (kase->status, ==, RD_STATUS_RESOLVED);
  g_assert_cmpint (kase->resolution->outcome, ==, RD_RESOLUTION_OUTCOME_REFUNDED);
  WAIT_UNTIL (rd_gui_test_find_label_containing (GTK_WIDGET (ana_view), "Case closed: Refunded") != NULL);
  /* Now she may rate it. */
  button = rd_gui_test_find_button (GTK_WIDGET (ana_view), "case.rate", NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
}

/* --- Each role its own buttons --------------------------------------------------------------------- */

static const char * const seller_actions[] = { "case.respond", "case.confirm-return", NULL };
static const char * const buyer_actions[] = { "case.withdraw", "case.ship-return", "case.rate",
                                              "case.accept-offer", "case.reject-offer", NULL };

static void
assert_no_buttons (RdCaseView         *view,
                   const char * const *actions)
{
  for (guint i = 0; actions[i] != NULL; i++)
    if (rd_gui_test_find_button (GTK_WIDGET (view), actions[i], NULL) != NULL)
      g_error ("a button for %s is shown", actions[i]);
}

static void
test_roles (void)
{
  g_autofree char *poles = rd_gui_test_find_case (sol, "Trekking poles (pair)", TRUE);
  g_autofree char *cable = rd_gui_test_find_case (kai, "USB-C cable, 2 m", TRUE);
  g_autofree char *shipped = rd_gui_test_find_case (kai, "USB-C charger 65 W", TRUE);

  g_assert_nonnull (poles);
  g_assert_nonnull (cable);
  g_assert_nonnull (shipped);

  /* A new claim: the buyer may withdraw, the seller may respond; neither
   * sees the other's buttons, and nobody but an agent may rule. */
  open_case (ana_view, poles);
  open_case (sol_view, poles);
  g_assert_nonnull (rd_gui_test_find_button (GTK_WIDGET (ana_view), "case.withdraw", NULL));
  assert_no_buttons (ana_view, seller_actions);
  g_assert_null (rd_gui_test_find_button (GTK_WIDGET (ana_view), "case.rule", NULL));
  g_assert_nonnull (rd_gui_test_find_button (GTK_WIDGET (sol_view), "case.respond", NULL));
  assert_no_buttons (sol_view, buyer_actions);
  g_assert_null (rd_gui_test_find_button (GTK_WIDGET (sol_view), "case.rule", NULL));

  /* An open offer: Accept and Reject are the buyer's alone. */
  open_case (ana_view, cable);
  open_case (kai_view, cable);
  g_assert_nonnull (rd_gui_test_find_button (GTK_WIDGET (ana_view), "case.accept-offer", NULL));
  assert_no_buttons (kai_view, buyer_actions);
  assert_no_buttons (kai_view, seller_actions);
  g_assert_null (rd_gui_test_find_button (GTK_WIDGET (kai_view), "case.rule", NULL));

  /* A return on its way: the seller's confirmation, not the buyer's. */
  open_case (kai_view, shipped);
  g_assert_nonnull (rd_gui_test_find_button (GTK_WIDGET (kai_view), "case.confirm-return", NULL));
  assert_no_buttons (kai_view, buyer_actions);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmpdir = rd_gui_test_setup_environment ("seller");
  if (!rd_gui_test_init (&argc, &argv))
    return g_test_run ();

  ana = rd_gui_test_start_demo_held ("ana");
  li = rd_gui_test_start_demo_held ("li");
  kai = rd_gui_test_start_demo_held ("kai");
  sol = rd_gui_test_start_demo_held ("sol");
  rd_gui_test_sync (ana);
  rd_gui_test_sync (li);
  rd_gui_test_sync (kai);
  rd_gui_test_sync (sol);

  ana_view = rd_gui_test_open_case_view (ana, &ana_window);
  li_view = rd_gui_test_open_case_view (li, &li_window);
  kai_view = rd_gui_test_open_case_view (kai, &kai_window);
  sol_view = rd_gui_test_open_case_view (sol, &sol_window);

  g_test_add_func ("/seller/roles", test_roles);
  g_test_add_func ("/seller/partial-refund-offer", test_partial_refund_offer);
  g_test_add_func ("/seller/refused-offer", test_refused_offer);
  g_test_add_func ("/seller/ask-then-accept-claim", test_ask_then_accept_claim);
  g_test_add_func ("/seller/return", test_return);

  ret = g_test_run ();

  gtk_window_destroy (ana_window);
  gtk_window_destroy (li_window);
  gtk_window_destroy (kai_window);
  gtk_window_destroy (sol_window);
  g_clear_object (&ana);
  g_clear_object (&li);
  g_clear_object (&kai);
  g_clear_object (&sol);
  rd_session_stop_demo ();
  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
