/* test-case-view.c — the buyer's case view against the demo platform: read a
 * timeline, write, accept an offer, escalate, be refused, resolve a
 * conflict, and see hostile text shown as text.
 *
 * Ana's client syncs only when a test says so, so that "pending" and "sent"
 * are states a test can look at; Kai and Sol answer from their own sessions
 * on the same demo platform.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-composer.h"
#include "rd-evidence-thumbnail.h"
#include "rd-evidence-viewer.h"
#include "rd-gui-test-util.h"
#include "rd-message-bubble.h"
#include "rd-offer-card.h"
#include "rd-phrasebook.h"

static char *tmpdir;
static RdSession *ana;
static RdSession *kai;
static RdSession *sol;
static GtkWindow *window;
static RdCaseView *view;
static GPtrArray *fresh_drafts;  /* element-type RdCaseDraft: ana's orders free to file on */

#define VIEW GTK_WIDGET (view)

static void
open_case (const char *case_id)
{
  rd_case_view_set_case_id (view, case_id);
  rd_gui_test_drain ();
  g_assert_cmpstr (rd_case_view_get_case_id (view), ==, case_id);
}

/* Files one of ana's fresh orders and brings it to the platform and to
 * @seller's client; returns the case id. */
static char *
file_fresh_case (RdSession *seller)
{
  g_autoptr(GError) error = NULL;
  RdCaseDraft *draft;
  char *case_id;

  g_assert_cmpuint (fresh_drafts->len, >, 0);
  draft = g_ptr_array_index (fresh_drafts, fresh_drafts->len - 1);
  case_id = rd_session_file_case (ana, draft, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_remove_index (fresh_drafts, fresh_drafts->len - 1);
  rd_gui_test_sync (ana);
  rd_gui_test_sync (seller);
  g_assert_cmpint (rd_gui_test_status (ana, case_id), ==, RD_STATUS_AWAITING_SELLER);
  return case_id;
}

static RdSession *
seller_of (const char *case_id)
{
  g_autoptr(RdCase) kase = rd_gui_test_get_case (ana, case_id);

  return g_strcmp0 (kase->seller->name, "Kai's Gadgets") == 0 ? kai : sol;
}

/* --- Reading ----------------------------------------------------------------------- */

static void
test_empty (void)
{
  rd_case_view_set_case_id (view, NULL);
  rd_gui_test_drain ();
  ASSERT_LABEL (VIEW, "No Case Selected");
  g_assert_null (rd_gui_test_first (VIEW, RD_TYPE_MESSAGE_BUBBLE));
}

static void
test_timeline (void)
{
  g_autofree char *holder = rd_gui_test_find_case (ana, "Car phone holder", TRUE);
  g_autofree char *earbuds = rd_gui_test_find_case (ana, "Wireless earbuds", TRUE);
  GtkLabel *label;
  RdEvidenceThumbnail *thumbnail = NULL;
  g_autoptr(GPtrArray) thumbnails = NULL;

  g_assert_nonnull (holder);
  g_assert_nonnull (earbuds);

  /* The phone holder: the header, her words and her photos. */
  open_case (holder);
  ASSERT_LABEL (VIEW, "Car phone holder");
  ASSERT_LABEL_CONTAINING (VIEW, "Seller: \u2068Kai's Gadgets\u2069");
  ASSERT_LABEL (VIEW, "It stopped working or broke — you asked for a full refund");
  ASSERT_LABEL (VIEW, "Waiting for the seller");
  ASSERT_LABEL_CONTAINING (VIEW, "Kai's Gadgets\u2069 must answer within");
  ASSERT_LABEL_CONTAINING (VIEW, "You opened the case");
  ASSERT_LABEL (VIEW, "Photos attached: you can see where the plastic of the <clip> & mount cracked.");
  thumbnails = rd_gui_test_all (VIEW, RD_TYPE_EVIDENCE_THUMBNAIL);
  g_assert_cmpuint (thumbnails->len, ==, 2);
  for (guint i = 0; i < thumbnails->len; i++)
    if (g_strcmp0 (rd_evidence_thumbnail_get_evidence (g_ptr_array_index (thumbnails, i))->filename,
                   "holder-snapped.png") == 0)
      thumbnail = g_ptr_array_index (thumbnails, i);
  g_assert_nonnull (thumbnail);
  ASSERT_LABEL (VIEW, "holder-snapped.png");
  /* The photo arrives from the platform and shows... */
  WAIT_UNTIL (rd_evidence_thumbnail_is_loaded (thumbnail));
  /* ...and opens in a window of its own, with who sent it. */
  {
    RdEvidenceViewer *viewer = NULL;
    GtkPicture *picture;

    gtk_widget_activate (GTK_WIDGET (thumbnail));
    WAIT_UNTIL ((viewer = rd_gui_test_find_window (RD_TYPE_EVIDENCE_VIEWER)) != NULL);
    ASSERT_LABEL (GTK_WIDGET (viewer), "holder-snapped.png");
    ASSERT_LABEL_CONTAINING (GTK_WIDGET (viewer), "Ana Ribeiro");
    picture = rd_gui_test_first (GTK_WIDGET (viewer), GTK_TYPE_PICTURE);
    WAIT_UNTIL (gtk_picture_get_paintable (picture) != NULL && rd_gui_test_is_drawn (GTK_WIDGET (picture)));
    gtk_window_destroy (GTK_WINDOW (viewer));
  }

  /* The earbuds: Kai's words, a phrase in English, his rejected offer, and
   * the steps that took the case to the platform. */
  open_case (earbuds);
  ASSERT_LABEL (VIEW, "Under review");
  ASSERT_LABEL (VIEW, "The carrier says the parcel is held up at their hub. Please give it a few more days.");
  ASSERT_LABEL (VIEW, "Sorry for the late answer. I am looking into this now.");
  label = rd_gui_test_find_label (VIEW, "Partial refund of €10.00");
  g_assert_nonnull (label);
  g_assert_nonnull (gtk_widget_get_ancestor (GTK_WIDGET (label), RD_TYPE_OFFER_CARD));
  ASSERT_LABEL (VIEW, "Rejected");
  /* A rejected offer has nothing left to answer. */
  g_assert_null (rd_gui_test_find_button (VIEW, "case.accept-offer", NULL));
  ASSERT_LABEL_CONTAINING (VIEW, "You rejected the offer");
  ASSERT_LABEL_CONTAINING (VIEW, "You asked the platform to decide");
  ASSERT_LABEL (VIEW, "The parcel is lost. I want my money back, not a discount.");
  /* The agent's words are hers, named as the platform's agent. */
  ASSERT_LABEL (VIEW, "Platform agent");
  /* Nothing here is written in another language than the reader's. */
  g_assert_null (rd_gui_test_find_label_containing (VIEW, "Written in"));

  /* Her words at the end side, theirs at the start side. */
  {
    g_autoptr(GPtrArray) bubbles = rd_gui_test_all (VIEW, RD_TYPE_MESSAGE_BUBBLE);
    gboolean saw_mine = FALSE, saw_theirs = FALSE;

    for (guint i = 0; i < bubbles->len; i++)
      {
        RdMessageBubble *bubble = g_ptr_array_index (bubbles, i);

        if (rd_message_bubble_is_mine (bubble))
          {
            g_assert_cmpint (gtk_widget_get_halign (GTK_WIDGET (bubble)), ==, GTK_ALIGN_END);
            saw_mine = TRUE;
          }
        else
          {
            g_assert_cmpint (gtk_widget_get_halign (GTK_WIDGET (bubble)), ==, GTK_ALIGN_START);
            saw_theirs = TRUE;
          }
      }
    g_assert_true (saw_mine && saw_theirs);
  }
}

/* --- Writing -------------------------------------------------------------------------- */

static gboolean
seller_has_message (RdSession  *seller,
                    const char *case_id,
                    const char *text,
                    const char *template_id)
{
  g_autoptr(RdCase) kase = rd_gui_test_get_case (seller, case_id);

  for (guint i = 0; i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);

      if (event->type != RD_EVENT_TYPE_MESSAGE)
        continue;
      if (text != NULL && g_strcmp0 (event->text, text) == 0)
        return TRUE;
      if (template_id != NULL && g_strcmp0 (event->template_id, template_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_send_message_and_phrase (void)
{
  g_autofree char *poles = rd_gui_test_find_case (ana, "Trekking poles (pair)", TRUE);
  const char *text = "The second pole is fine, only the first one is bent.";
  RdComposer *composer;
  RdPendingRow *row;
  AdwMessageDialog *dialog;
  g_autofree char *phrase = NULL;

  g_assert_nonnull (poles);
  open_case (poles);
  composer = rd_gui_test_first (VIEW, RD_TYPE_COMPOSER);
  g_assert_nonnull (composer);

  /* A message shows at once as pending, and the composer empties. */
  rd_gui_test_type_text (GTK_WIDGET (composer), text);
  ASSERT_LABEL (VIEW, "\u206852 / 4000\u2069");
  g_assert_true (gtk_widget_activate_action (VIEW, "case.send", NULL));
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, text) != NULL);
  row = rd_gui_test_find_pending (VIEW, text);
  g_assert_cmpstr (rd_pending_row_get_status (row), ==, "Sending…");
  g_assert_cmpint (rd_pending_row_get_state (row), ==, RD_OUTBOX_PENDING);
  {
    g_autofree char *left = rd_composer_dup_text (composer);

    g_assert_cmpstr (left, ==, "");
  }

  /* A phrase without parameters goes at once; its text is the reader's. */
  g_assert_true (gtk_widget_activate_action (VIEW, "case.phrase", "s", "still_waiting"));
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, "I am still waiting for your answer. Could you please reply?") != NULL);

  /* A phrase with parameters asks for them first. */
  g_assert_true (gtk_widget_activate_action (VIEW, "case.phrase", "s", "return_shipped"));
  WAIT_UNTIL ((dialog = rd_gui_test_find_message_dialog ()) != NULL);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "send"));
  rd_gui_test_fill_entry_row (GTK_WIDGET (dialog), "Carrier", "DPD");
  rd_gui_test_fill_entry_row (GTK_WIDGET (dialog), "Tracking number", "01505043799999");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "send"));
  rd_gui_test_respond (dialog, "send");
  phrase = rd_phrasebook_render ("return_shipped", NULL, NULL);
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, "01505043799999") != NULL);
  ASSERT_LABEL_CONTAINING (VIEW, "I have sent the item back with DPD");

  /* Sent: the pending rows give way to her bubbles... */
  rd_gui_test_sync (ana);
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, NULL) == NULL);
  ASSERT_LABEL (VIEW, text);
  ASSERT_LABEL (VIEW, "I am still waiting for your answer. Could you please reply?");
  {
    GtkLabel *label = rd_gui_test_find_label (VIEW, text);
    RdMessageBubble *bubble = (RdMessageBubble *) gtk_widget_get_ancestor (GTK_WIDGET (label),
                                                                           RD_TYPE_MESSAGE_BUBBLE);

    g_assert_nonnull (bubble);
    g_assert_true (rd_message_bubble_is_mine (bubble));
  }

  /* ...and Sol reads them. */
  rd_gui_test_sync (sol);
  g_assert_true (seller_has_message (sol, poles, text, NULL));
  g_assert_true (seller_has_message (sol, poles, NULL, "still_waiting"));
  g_assert_true (seller_has_message (sol, poles, NULL, "return_shipped"));
}

/* --- Answering an offer ------------------------------------------------------------------- */

static void
test_accept_offer (void)
{
  g_autofree char *holder = rd_gui_test_find_case (ana, "Car phone holder", TRUE);
  g_autoptr(RdAction) offer = rd_action_new ();
  g_autoptr(RdCase) kase = NULL;
  RdOffer *made = NULL;
  GtkWidget *accept;
  AdwMessageDialog *dialog;

  /* Kai offers €10 back for the phone holder. */
  rd_gui_test_sync (kai);
  offer->type = RD_ACTION_TYPE_OFFER;
  offer->offer_type = RD_OUTCOME_TYPE_PARTIAL_REFUND;
  offer->offer_amount = rd_money_new (1000, "EUR");
  offer->offer_note = g_strdup ("Half the price back; keep the holder.");
  rd_gui_test_act (kai, holder, offer);
  rd_gui_test_sync (kai);

  open_case (holder);
  g_assert_null (rd_gui_test_find_button (VIEW, "case.accept-offer", NULL));
  rd_gui_test_sync (ana);
  WAIT_UNTIL (rd_gui_test_find_label (VIEW, "Half the price back; keep the holder.") != NULL);
  ASSERT_LABEL (VIEW, "Waiting for the buyer");
  kase = rd_gui_test_get_case (ana, holder);
  for (guint i = 0; i < kase->offers->len; i++)
    if (((RdOffer *) g_ptr_array_index (kase->offers, i))->status == RD_OFFER_STATUS_PENDING)
      made = g_ptr_array_index (kase->offers, i);
  g_assert_nonnull (made);

  /* Accept asks first, saying what it means. */
  accept = rd_gui_test_find_button (VIEW, "case.accept-offer", made->id);
  g_assert_nonnull (accept);
  g_assert_true (gtk_widget_is_sensitive (accept));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (accept)), ==, "_Accept €10.00 Refund");
  gtk_widget_activate (accept);
  WAIT_UNTIL ((dialog = rd_gui_test_find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "You accept a refund of €10.00. The case will be closed.");
  rd_gui_test_respond (dialog, "accept");
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, "Accept the offer") != NULL);

  rd_gui_test_sync (ana);
  WAIT_UNTIL (rd_gui_test_find_label (VIEW, "Resolved") != NULL);
  g_clear_object (&kase);
  kase = rd_gui_test_get_case (ana, holder);
  g_assert_cmpint (kase->status, ==, RD_STATUS_RESOLVED);
  g_assert_nonnull (kase->resolution);
  g_assert_cmpint (kase->resolution->outcome, ==, RD_RESOLUTION_OUTCOME_PARTIALLY_REFUNDED);
  g_assert_cmpint (kase->resolution->amount->amount, ==, 1000);
  ASSERT_LABEL_CONTAINING (VIEW, "Partially refunded · €10.00");
  ASSERT_LABEL_CONTAINING (VIEW, "Case closed: Partially refunded, €10.00");
  /* A closed case takes no more words, and says why. */
  ASSERT_LABEL (VIEW, "This case is closed: no more messages can be sent.");
}

static void
test_escalate (void)
{
  g_autofree char *cable = rd_gui_test_find_case (ana, "USB-C cable, 2 m", TRUE);
  const char *reason = "A new cable with the same connector will break the same way.";
  GtkWidget *button;
  AdwMessageDialog *dialog;

  g_assert_nonnull (cable);
  open_case (cable);
  ASSERT_LABEL (VIEW, "Waiting for the buyer");
  button = rd_gui_test_find_button (VIEW, "case.escalate", NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  WAIT_UNTIL ((dialog = rd_gui_test_find_message_dialog ()) != NULL);
  /* Not without a reason. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "escalate"));
  rd_gui_test_type_text (GTK_WIDGET (dialog), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "escalate"));
  rd_gui_test_respond (dialog, "escalate");
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, reason) != NULL);

  rd_gui_test_sync (ana);
  WAIT_UNTIL (rd_gui_test_find_label (VIEW, "Under review") != NULL);
  g_assert_cmpint (rd_gui_test_status (ana, cable), ==, RD_STATUS_UNDER_REVIEW);
  ASSERT_LABEL (VIEW, reason);
  ASSERT_LABEL_CONTAINING (VIEW, "You asked the platform to decide");
  /* Under review nothing more can be escalated. */
  g_assert_null (rd_gui_test_find_button (VIEW, "case.escalate", NULL));
}

/* --- Refusals -------------------------------------------------------------------------------- */

static void
test_refusals (void)
{
  g_autofree char *poles = rd_gui_test_find_case (ana, "Trekking poles (pair)", TRUE);
  g_autofree char *path = g_build_filename (tmpdir, "notes.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint queued = rd_store_outbox_count (rd_session_get_store (ana));
  RdComposer *composer;
  GtkWidget *send;
  g_autofree char *too_long = NULL;

  open_case (poles);
  composer = rd_gui_test_first (VIEW, RD_TYPE_COMPOSER);

  /* A file that is not a photo or a PDF is refused before anything is queued. */
  g_assert_true (g_file_set_contents (path, "not a photo", -1, NULL));
  g_assert_false (rd_composer_attach_file (composer, file, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_UNSUPPORTED_MEDIA_TYPE);
  ASSERT_LABEL (VIEW, "“notes.txt” was not attached. Only photos (JPEG or PNG) and PDF documents can be attached.");
  g_assert_cmpuint (rd_store_outbox_count (rd_session_get_store (ana)), ==, queued);

  /* A text over the limit cannot be sent, and the counter says why. */
  too_long = g_strnfill (4001, 'a');
  rd_gui_test_type_text (GTK_WIDGET (composer), too_long);
  ASSERT_LABEL (VIEW, "4001 / 4000 — 1 character too many");
  send = rd_gui_test_find_button (VIEW, "case.send", NULL);
  g_assert_nonnull (send);
  g_assert_false (gtk_widget_is_sensitive (send));
  gtk_widget_activate_action (VIEW, "case.send", NULL);
  rd_gui_test_drain ();
  g_assert_cmpuint (rd_store_outbox_count (rd_session_get_store (ana)), ==, queued);

  /* Within the limit again, it can. */
  rd_gui_test_type_text (GTK_WIDGET (composer), too_long + 1);
  ASSERT_LABEL (VIEW, "\u20684000 / 4000\u2069");
  g_assert_true (gtk_widget_is_sensitive (send));
  rd_gui_test_type_text (GTK_WIDGET (composer), "");
  g_assert_false (gtk_widget_is_sensitive (send));
}

/* --- A conflict ------------------------------------------------------------------------------- */

/* Ana withdraws while offline; meanwhile the seller makes an offer, so her
 * withdrawal is based on a version that is gone. */
static char *
make_conflict (RdPendingRow **row_out)
{
  g_autofree char *case_id = NULL;
  g_autoptr(RdAction) withdraw = rd_action_new ();
  g_autoptr(RdAction) offer = rd_action_new ();
  RdSession *seller;

  case_id = file_fresh_case (kai);
  seller = seller_of (case_id);
  if (seller == sol)
    rd_gui_test_sync (sol);
  open_case (case_id);

  withdraw->type = RD_ACTION_TYPE_WITHDRAW;
  rd_gui_test_act (ana, case_id, withdraw);
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, "Withdraw the case") != NULL);

  offer->type = RD_ACTION_TYPE_OFFER;
  offer->offer_type = RD_OUTCOME_TYPE_REPLACEMENT;
  rd_gui_test_act (seller, case_id, offer);
  rd_gui_test_sync (seller);

  rd_gui_test_sync (ana);
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, "Withdraw the case") != NULL &&
              rd_pending_row_get_state (rd_gui_test_find_pending (VIEW, "Withdraw the case")) ==
                RD_OUTBOX_CONFLICTED);
  *row_out = rd_gui_test_find_pending (VIEW, "Withdraw the case");
  return g_steal_pointer (&case_id);
}

static void
test_conflict_retry (void)
{
  RdPendingRow *row = NULL;
  g_autofree char *case_id = make_conflict (&row);
  g_autofree char *id = g_strdup (rd_pending_row_get_id (row));
  GtkWidget *retry;

  g_assert_nonnull (strstr (rd_pending_row_get_status (row), "the case changed before this was sent"));
  /* The seller's offer is there too, as it is now. */
  ASSERT_LABEL (VIEW, "Replacement");
  g_assert_nonnull (rd_gui_test_find_button (VIEW, "case.discard", id));
  retry = rd_gui_test_find_button (VIEW, "case.retry", id);
  g_assert_nonnull (retry);
  gtk_widget_activate (retry);
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, "Withdraw the case") != NULL &&
              rd_pending_row_get_state (rd_gui_test_find_pending (VIEW, "Withdraw the case")) ==
                RD_OUTBOX_PENDING);

  rd_gui_test_sync (ana);
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, NULL) == NULL);
  g_assert_cmpint (rd_gui_test_status (ana, case_id), ==, RD_STATUS_RESOLVED);
  ASSERT_LABEL_CONTAINING (VIEW, "You withdrew the case");
}

static void
test_conflict_discard (void)
{
  RdPendingRow *row = NULL;
  g_autofree char *case_id = make_conflict (&row);
  g_autofree char *id = g_strdup (rd_pending_row_get_id (row));
  GtkWidget *discard = rd_gui_test_find_button (VIEW, "case.discard", id);

  g_assert_nonnull (discard);
  gtk_widget_activate (discard);
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, NULL) == NULL);
  g_assert_null (rd_store_outbox_get (rd_session_get_store (ana), id));

  /* Nothing of it reaches the platform: the seller's offer still waits. */
  rd_gui_test_sync (ana);
  g_assert_cmpint (rd_gui_test_status (ana, case_id), ==, RD_STATUS_AWAITING_BUYER);
  g_assert_nonnull (rd_gui_test_find_button (VIEW, "case.accept-offer", NULL));
}

/* --- Hostile text ----------------------------------------------------------------------------- */

static void
assert_literal (GtkLabel   *label,
                const char *text)
{
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, text);
  g_assert_cmpstr (gtk_label_get_label (label), ==, text);
  g_assert_false (gtk_label_get_use_markup (label));
}

static void
test_markup_and_overrides (void)
{
  g_autofree char *poles = rd_gui_test_find_case (ana, "Trekking poles (pair)", TRUE);
  /* Markup, an entity and a right-to-left override that never ends. */
  const char *text = "<b>not bold</b> & &amp; \u202Eesrever ni";
  RdComposer *composer;
  GtkLabel *label;
  RdMessageBubble *bubble;

  open_case (poles);
  composer = rd_gui_test_first (VIEW, RD_TYPE_COMPOSER);
  rd_gui_test_type_text (GTK_WIDGET (composer), text);
  g_assert_true (gtk_widget_activate_action (VIEW, "case.send", NULL));
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, text) != NULL);
  assert_literal (rd_gui_test_find_label (VIEW, text), text);

  rd_gui_test_sync (ana);
  WAIT_UNTIL (rd_gui_test_find_pending (VIEW, NULL) == NULL);
  label = rd_gui_test_find_label (VIEW, text);
  assert_literal (label, text);
  bubble = (RdMessageBubble *) gtk_widget_get_ancestor (GTK_WIDGET (label), RD_TYPE_MESSAGE_BUBBLE);
  g_assert_nonnull (bubble);
  g_assert_cmpstr (rd_message_bubble_get_text (bubble), ==, text);

  /* The override stays inside the message's own label: the author and the
   * time are labels of their own, in the window's direction. */
  ASSERT_LABEL (GTK_WIDGET (bubble), "You");
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (rd_gui_test_find_label (GTK_WIDGET (bubble), "You"))),
                   ==, GTK_TEXT_DIR_LTR);

  /* Sol's client shows it as text too. */
  rd_gui_test_sync (sol);
  g_assert_true (seller_has_message (sol, poles, text, NULL));
}

/* --- Drafts ------------------------------------------------------------------------------------ */

static gboolean
has_draft (const char *case_id)
{
  g_autofree char *draft = rd_store_get_draft (rd_session_get_store (ana), case_id);

  return draft != NULL;
}

static void
test_draft_survives (void)
{
  g_autofree char *poles = rd_gui_test_find_case (ana, "Trekking poles (pair)", TRUE);
  g_autofree char *earbuds = rd_gui_test_find_case (ana, "Wireless earbuds", TRUE);
  RdComposer *composer;
  g_autofree char *draft = NULL;
  g_autofree char *restored = NULL;

  open_case (poles);
  composer = rd_gui_test_first (VIEW, RD_TYPE_COMPOSER);
  rd_gui_test_type_text (GTK_WIDGET (composer), "Half a thought");
  /* Kept as it is typed, once typing pauses... */
  WAIT_UNTIL (has_draft (poles));
  draft = rd_store_get_draft (rd_session_get_store (ana), poles);
  g_assert_cmpstr (draft, ==, "Half a thought");

  /* ...and back when the case is opened again (as after a restart). */
  open_case (earbuds);
  restored = rd_composer_dup_text (rd_gui_test_first (VIEW, RD_TYPE_COMPOSER));
  g_assert_cmpstr (restored, ==, "");
  g_clear_pointer (&restored, g_free);
  open_case (poles);
  restored = rd_composer_dup_text (rd_gui_test_first (VIEW, RD_TYPE_COMPOSER));
  g_assert_cmpstr (restored, ==, "Half a thought");
  rd_composer_clear (rd_gui_test_first (VIEW, RD_TYPE_COMPOSER));
  g_clear_pointer (&draft, g_free);
  draft = rd_store_get_draft (rd_session_get_store (ana), poles);
  g_assert_null (draft);
}

/* --- Only the buyer's buttons ---------------------------------------------------------------------- */

static void
test_buyer_actions_only (void)
{
  g_autofree char *poles = rd_gui_test_find_case (ana, "Trekking poles (pair)", TRUE);
  const char * const never[] = { "case.respond", "case.confirm-return", "case.rule", NULL };

  open_case (poles);
  for (guint i = 0; never[i] != NULL; i++)
    g_assert_null (rd_gui_test_find_button (VIEW, never[i], NULL));
  g_assert_nonnull (rd_gui_test_find_button (VIEW, "case.withdraw", NULL));
  g_assert_nonnull (rd_gui_test_find_button (VIEW, "case.escalate", NULL));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmpdir = rd_gui_test_setup_environment ("case-view");
  if (!rd_gui_test_init (&argc, &argv))
    return g_test_run ();

  ana = rd_gui_test_start_demo_held ("ana");
  kai = rd_gui_test_start_demo_held ("kai");
  sol = rd_gui_test_start_demo_held ("sol");
  rd_gui_test_sync (ana);
  rd_gui_test_sync (kai);
  rd_gui_test_sync (sol);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RdApi) api = rd_test_login (rd_session_get_url (ana), "ana", "demo", &error);

    g_assert_no_error (error);
    fresh_drafts = rd_test_fileable_drafts (api);
  }

  view = rd_gui_test_open_case_view (ana, &window);

  g_test_add_func ("/case-view/empty", test_empty);
  g_test_add_func ("/case-view/timeline", test_timeline);
  g_test_add_func ("/case-view/buyer-actions-only", test_buyer_actions_only);
  g_test_add_func ("/case-view/send-message-and-phrase", test_send_message_and_phrase);
  g_test_add_func ("/case-view/refusals", test_refusals);
  g_test_add_func ("/case-view/markup-and-overrides", test_markup_and_overrides);
  g_test_add_func ("/case-view/draft-survives", test_draft_survives);
  g_test_add_func ("/case-view/accept-offer", test_accept_offer);
  g_test_add_func ("/case-view/escalate", test_escalate);
  g_test_add_func ("/case-view/conflict-retry", test_conflict_retry);
  g_test_add_func ("/case-view/conflict-discard", test_conflict_discard);

  ret = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&ana);
  g_clear_object (&kai);
  g_clear_object (&sol);
  g_clear_pointer (&fresh_drafts, g_ptr_array_unref);
  rd_session_stop_demo ();
  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
