/* test-sync.c — the outbox and the sync engine against the real platform:
 * offline round trip, lost responses, conflicts, the other answers a push
 * can meet, evidence attached offline, and what the UI is told.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rd-codec.h"
#include "rd-error.h"
#include "rd-fault-proxy.h"
#include "rd-store.h"
#include "rd-sync.h"
#include "rd-test-util.h"

static const char * const demo_args[] = { "--demo", NULL };

static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
  0x42, 0x60, 0x82,
};

/* --- Helpers ---------------------------------------------------------------------------- */

typedef RdTestClient Client;

static RdCase *
stored_case (Client     *client,
             const char *case_id)
{
  g_autoptr (GError) error = NULL;
  RdCase *kase = rd_store_get_case (client->store, case_id, &error);

  g_assert_no_error (error);
  return kase;
}

static RdCase *
platform_case (Client     *client,
               const char *case_id)
{
  g_autoptr (GError) error = NULL;
  RdCase *kase = rd_test_get_case (client->direct, case_id, &error);

  g_assert_no_error (error);
  return kase;
}

/* The first stored case in @status whose buyer and seller are demo accounts,
 * by id so that it is the same every run. */
static RdCase *
stored_case_in_status (Client   *client,
                       RdStatus  status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = rd_store_list_all_cases (client->store, &error);
  RdCase *best = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      RdCase *kase = g_ptr_array_index (all, i);

      if (kase->status == status && (best == NULL || strcmp (kase->id, best->id) < 0))
        best = kase;
    }
  g_assert_nonnull (best);
  return stored_case (client, best->id);
}

static RdAction *
message_new (const char *text)
{
  RdAction *action = rd_action_new ();

  action->type = RD_ACTION_TYPE_MESSAGE;
  action->text = g_strdup (text);
  action->lang = g_strdup ("en");
  return action;
}

static RdAction *
offer_new (RdCase *kase)
{
  RdAction *action = rd_action_new ();

  action->type = RD_ACTION_TYPE_OFFER;
  action->offer_type = RD_OUTCOME_TYPE_PARTIAL_REFUND;
  action->offer_amount = rd_money_new (kase->item->unit_price->amount / 2,
                                       kase->item->unit_price->currency);
  action->offer_note = g_strdup ("Half back, and you keep it.");
  return action;
}

static RdAction *
simple_action (RdActionType type)
{
  RdAction *action = rd_action_new ();

  action->type = type;
  return action;
}

static char *
queue (Client     *client,
       const char *case_id,
       RdAction   *action)
{
  g_autoptr (GError) error = NULL;
  char *id = rd_sync_queue_action (client->sync, case_id, action, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* The texts of the message events of @kase, in timeline order. */
static GStrv
message_texts (RdCase *kase)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);

      if (event->type == RD_EVENT_TYPE_MESSAGE && event->text != NULL)
        g_strv_builder_add (builder, event->text);
    }
  return g_strv_builder_end (builder);
}

static guint
count_events (RdCase      *kase,
              RdEventType  type,
              const char  *id)
{
  guint n = 0;

  for (guint i = 0; i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);

      if (event->type == type && (id == NULL || g_strcmp0 (event->id, id) == 0))
        n++;
    }
  return n;
}

static RdOutboxState
outbox_state (Client     *client,
              const char *id)
{
  g_autoptr (RdOutboxEntry) entry = rd_store_outbox_get (client->store, id);

  g_assert_nonnull (entry);
  return entry->state;
}

/* --- Offline round trip --------------------------------------------------------------------- */

static void
test_offline_round_trip (void)
{
  g_autofree char *dir = rd_test_make_tmpdir ("sync");
  g_autofree char *platform_db = g_build_filename (dir, "platform.db", NULL);
  RdTestPlatform *platform = rd_test_platform_start (platform_db, demo_args);
  RdFaultProxy *proxy = rd_fault_proxy_new (rd_test_platform_get_port (platform));
  g_autoptr (RdTestClient) buyer = rd_test_client_new (rd_test_platform_get_url (platform),
                                         rd_fault_proxy_get_url (proxy), "ana", dir);
  g_autoptr (RdTestClient) seller = NULL;
  g_autoptr (GPtrArray) drafts = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) mine = NULL;
  g_autoptr (RdCase) theirs = NULL;
  g_autoptr (RdAction) first = message_new ("The screen flickers, then goes dark.");
  g_autoptr (RdAction) second = message_new ("I attached nothing yet; I can send a video.");
  g_autofree char *case_id = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_auto (GStrv) texts = NULL;
  RdCaseDraft *draft;

  /* Ana synced once while the platform was up... */
  rd_test_client_sync_ok (buyer);
  drafts = rd_test_fileable_drafts (buyer->direct);
  g_assert_cmpuint (drafts->len, >=, 1);
  draft = g_ptr_array_index (drafts, 0);

  /* ...then the platform went down. */
  rd_test_platform_stop (platform);

  case_id = rd_sync_file_case (buyer->sync, draft, &error);
  g_assert_no_error (error);
  g_assert_true (rd_uuid_is_valid (case_id));
  id1 = queue (buyer, case_id, first);
  id2 = queue (buyer, case_id, second);
  g_assert_cmpuint (rd_sync_get_pending_count (buyer->sync), ==, 3);

  /* A sync fails as offline, with words for the user, and drops nothing. */
  g_assert_false (rd_test_client_sync (buyer, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpint (rd_sync_get_state (buyer->sync), ==, RD_SYNC_STATE_OFFLINE);
  g_assert_true (g_str_has_prefix (rd_sync_get_last_error (buyer->sync),
                                   rd_error_code_label (RD_ERROR_NETWORK)));
  g_assert_cmpuint (rd_sync_get_pending_count (buyer->sync), ==, 3);
  g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 3);
  g_assert_cmpint (outbox_state (buyer, id1), ==, RD_OUTBOX_PENDING);

  /* The platform starts (on its database, on another port). */
  platform = rd_test_platform_start (platform_db, NULL);
  rd_fault_proxy_set_upstream (proxy, rd_test_platform_get_port (platform));

  rd_test_client_sync_ok (buyer);
  g_assert_cmpuint (rd_sync_get_pending_count (buyer->sync), ==, 0);
  g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 0);
  mine = stored_case (buyer, case_id);
  texts = message_texts (mine);
  g_assert_cmpuint (g_strv_length (texts), ==, 2);
  g_assert_cmpstr (texts[0], ==, first->text);
  g_assert_cmpstr (texts[1], ==, second->text);

  /* One sync later the seller, with a store of their own, has it all, once. */
  {
    g_autofree char *seller_login = rd_test_login_of (mine->seller->id);

    seller = rd_test_client_new (rd_test_platform_get_url (platform), rd_test_platform_get_url (platform),
                         seller_login, dir);
  }
  rd_test_client_sync_ok (seller);
  theirs = stored_case (seller, case_id);
  g_clear_pointer (&texts, g_strfreev);
  texts = message_texts (theirs);
  g_assert_cmpuint (g_strv_length (texts), ==, 2);
  g_assert_cmpstr (texts[0], ==, first->text);
  g_assert_cmpstr (texts[1], ==, second->text);
  g_assert_cmpuint (count_events (theirs, RD_EVENT_TYPE_CREATED, NULL), ==, 1);
  g_assert_cmpuint (count_events (theirs, RD_EVENT_TYPE_MESSAGE, id1), ==, 1);
  g_assert_cmpuint (count_events (theirs, RD_EVENT_TYPE_MESSAGE, id2), ==, 1);
  g_assert_cmpint (theirs->version, ==, mine->version);
  g_assert_cmpstr (theirs->description, ==, draft->description);

  g_clear_pointer (&seller, rd_test_client_free);
  g_clear_pointer (&buyer, rd_test_client_free);
  rd_fault_proxy_free (proxy);
  rd_test_platform_stop (platform);
  rd_test_remove_tree (dir);
}

/* --- With the platform up, through a proxy ------------------------------------------------------ */

typedef struct
{
  char           *dir;
  RdTestPlatform *platform;
  RdFaultProxy   *proxy;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rd_test_make_tmpdir ("sync");
  fixture->platform = rd_test_platform_start (NULL, demo_args);
  fixture->proxy = rd_fault_proxy_new (rd_test_platform_get_port (fixture->platform));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rd_fault_proxy_free (fixture->proxy);
  rd_test_platform_stop (fixture->platform);
  rd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static Client *
fixture_client (Fixture    *fixture,
                const char *login)
{
  return rd_test_client_new (rd_test_platform_get_url (fixture->platform),
                     rd_fault_proxy_get_url (fixture->proxy), login, fixture->dir);
}

static void
test_lost_response (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (RdTestClient) seller = fixture_client (fixture, "kai");
  g_autoptr (RdTestClient) buyer = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) kase = NULL;
  g_autoptr (RdCase) after = NULL;
  g_autoptr (RdAction) msg = message_new ("Could you send a photo of the label?");
  g_autoptr (RdAction) offer = NULL;
  g_autofree char *msg_id = NULL;
  g_autofree char *offer_id = NULL;
  g_autofree char *new_case = NULL;
  g_autofree char *evidence_id = NULL;
  g_autofree char *png_path = g_build_filename (fixture->dir, "label.png", NULL);
  g_autoptr (GFile) png = g_file_new_for_path (png_path);
  g_autoptr (GPtrArray) drafts = NULL;
  guint faults;

  rd_test_client_sync_ok (seller);
  kase = stored_case_in_status (seller, RD_STATUS_AWAITING_SELLER);
  offer = offer_new (kase);

  /* A message and an offer; the platform applies the first and its answer
   * is lost on the way back. */
  msg_id = queue (seller, kase->id, msg);
  offer_id = queue (seller, kase->id, offer);
  rd_fault_proxy_set_fault (fixture->proxy, RD_FAULT_DROP_RESPONSE, 0, "POST /v1/cases/", -1);
  g_assert_false (rd_test_client_sync (seller, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpuint (rd_fault_proxy_get_faults (fixture->proxy), >=, 1);
  rd_fault_proxy_clear_fault (fixture->proxy);
  {
    g_autoptr (RdCase) there = platform_case (seller, kase->id);

    /* Applied there, still pending here. */
    g_assert_cmpuint (count_events (there, RD_EVENT_TYPE_MESSAGE, msg_id), ==, 1);
    g_assert_cmpint (outbox_state (seller, msg_id), ==, RD_OUTBOX_PENDING);
    g_assert_cmpuint (rd_store_outbox_count (seller->store), ==, 2);
  }

  /* The retry creates nothing twice, and the offer, based on the version the
   * seller saw, still goes through after the seller's own message. */
  rd_test_client_sync_ok (seller);
  g_assert_cmpuint (rd_store_outbox_count (seller->store), ==, 0);
  after = platform_case (seller, kase->id);
  g_assert_cmpuint (count_events (after, RD_EVENT_TYPE_MESSAGE, msg_id), ==, 1);
  g_assert_cmpuint (count_events (after, RD_EVENT_TYPE_OFFER, NULL),
                    ==, count_events (kase, RD_EVENT_TYPE_OFFER, NULL) + 1);
  g_assert_cmpint (after->version, ==, kase->version + 2);
  g_assert_cmpint (after->status, ==, RD_STATUS_AWAITING_BUYER);
  {
    g_autoptr (RdCase) here = stored_case (seller, kase->id);

    g_assert_cmpint (here->version, ==, after->version);
  }

  /* The same for filing a case and for an upload. */
  buyer = fixture_client (fixture, "ana");
  rd_test_client_sync_ok (buyer);
  drafts = rd_test_fileable_drafts (buyer->direct);
  g_assert_cmpuint (drafts->len, >=, 1);
  new_case = rd_sync_file_case (buyer->sync, g_ptr_array_index (drafts, 0), &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (png_path, (const char *) tiny_png, sizeof tiny_png, NULL));
  evidence_id = rd_sync_attach_evidence (buyer->sync, new_case, png, &error);
  g_assert_no_error (error);

  /* Every answer lost until the fault is lifted, so that libsoup's own
   * re-sending of a PUT (test-api covers it) cannot hide the engine's
   * retry: each attempt reaches the platform. */
  faults = rd_fault_proxy_get_faults (fixture->proxy);
  rd_fault_proxy_set_fault (fixture->proxy, RD_FAULT_DROP_RESPONSE, 0, "PUT /v1/cases/", -1);
  g_assert_false (rd_test_client_sync (buyer, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 2);
  rd_fault_proxy_set_fault (fixture->proxy, RD_FAULT_DROP_RESPONSE, 0, "PUT /v1/evidence/", -1);
  g_assert_false (rd_test_client_sync (buyer, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 1);
  g_assert_cmpuint (rd_fault_proxy_get_faults (fixture->proxy), >=, faults + 2);
  rd_fault_proxy_clear_fault (fixture->proxy);
  rd_test_client_sync_ok (buyer);
  g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 0);
  {
    g_autoptr (RdCase) there = platform_case (buyer, new_case);
    g_autoptr (RdCase) here = stored_case (buyer, new_case);

    g_assert_cmpuint (count_events (there, RD_EVENT_TYPE_CREATED, NULL), ==, 1);
    g_assert_cmpuint (there->evidence->len, ==, 1);
    g_assert_cmpstr (((RdEvidence *) g_ptr_array_index (there->evidence, 0))->id, ==,
                     evidence_id);
    g_assert_cmpint (here->version, ==, there->version);
  }
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (RdTestClient) seller = fixture_client (fixture, "kai");
  g_autoptr (RdTestClient) buyer = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) kase = NULL;
  g_autoptr (RdCase) other = NULL;
  g_autoptr (RdCase) fetched = NULL;
  g_autoptr (RdCase) done = NULL;
  g_autoptr (RdAction) offer = NULL;
  g_autoptr (RdAction) withdraw = simple_action (RD_ACTION_TYPE_WITHDRAW);
  g_autoptr (RdAction) elsewhere = message_new ("About my other order...");
  g_autofree char *withdraw_id = NULL;
  g_autofree char *elsewhere_id = NULL;
  g_autofree char *buyer_login = NULL;
  g_autoptr (RdOutboxEntry) entry = NULL;
  g_autoptr (GPtrArray) all = NULL;

  rd_test_client_sync_ok (seller);
  kase = stored_case_in_status (seller, RD_STATUS_AWAITING_SELLER);
  buyer_login = rd_test_login_of (kase->buyer->id);
  buyer = fixture_client (fixture, buyer_login);
  rd_test_client_sync_ok (buyer);

  /* Another open case of the same buyer, to see that it is not held up. */
  all = rd_store_list_all_cases (buyer->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len && other == NULL; i++)
    {
      RdCase *c = g_ptr_array_index (all, i);

      if (!g_str_equal (c->id, kase->id) && c->status != RD_STATUS_RESOLVED)
        other = g_object_ref (c);
    }
  g_assert_nonnull (other);

  /* Both act on the same version; the seller's goes first. */
  offer = offer_new (kase);
  g_free (queue (seller, kase->id, offer));
  withdraw_id = queue (buyer, kase->id, withdraw);
  elsewhere_id = queue (buyer, other->id, elsewhere);
  rd_test_client_sync_ok (seller);

  /* The buyer's withdrawal meets the newer version: kept, conflicted, with
   * the reason; the case as it is now is in the store; the other case's
   * message went all the same. */
  rd_test_client_sync_ok (buyer);
  entry = rd_store_outbox_get (buyer->store, withdraw_id);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->state, ==, RD_OUTBOX_CONFLICTED);
  g_assert_nonnull (entry->last_error);
  g_assert_cmpstr (entry->last_error, !=, "");
  g_assert_null (rd_store_outbox_get (buyer->store, elsewhere_id));
  g_assert_cmpuint (rd_sync_get_pending_count (buyer->sync), ==, 0);
  fetched = stored_case (buyer, kase->id);
  g_assert_cmpint (fetched->version, ==, kase->version + 1);
  g_assert_cmpint (fetched->status, ==, RD_STATUS_AWAITING_BUYER);
  {
    g_autoptr (RdCase) there = platform_case (buyer, kase->id);

    g_assert_cmpuint (count_events (there, RD_EVENT_TYPE_WITHDRAWN, NULL), ==, 0);
  }
  {
    g_autoptr (RdCase) there = platform_case (buyer, other->id);

    g_assert_cmpuint (count_events (there, RD_EVENT_TYPE_MESSAGE, elsewhere_id), ==, 1);
  }

  /* Having seen the offer, the buyer still withdraws: re-applied on the
   * current version, it goes through. */
  g_assert_true (rd_sync_reapply (buyer->sync, withdraw_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outbox_state (buyer, withdraw_id), ==, RD_OUTBOX_PENDING);
  rd_test_client_sync_ok (buyer);
  g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 0);
  done = platform_case (buyer, kase->id);
  g_assert_cmpint (done->status, ==, RD_STATUS_RESOLVED);
  g_assert_cmpint (done->resolution->outcome, ==, RD_RESOLUTION_OUTCOME_WITHDRAWN);
  g_assert_cmpuint (count_events (done, RD_EVENT_TYPE_WITHDRAWN, NULL), ==, 1);
  {
    g_autoptr (RdCase) here = stored_case (buyer, kase->id);

    g_assert_cmpint (here->version, ==, done->version);
  }
}

static void
test_refused_and_discarded (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (RdTestClient) buyer = fixture_client (fixture, "ana");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) kase = NULL;
  g_autoptr (RdAction) rate = simple_action (RD_ACTION_TYPE_RATE);
  g_autoptr (RdAction) msg = message_new ("Thanks!");
  g_autoptr (RdOutboxEntry) entry = NULL;
  g_autofree char *rate_id = NULL;
  g_autofree char *msg_id = NULL;

  rd_test_client_sync_ok (buyer);
  kase = stored_case_in_status (buyer, RD_STATUS_AWAITING_SELLER);

  /* Rating an open case: the platform refuses it for good (409), and the
   * message after it on that case waits for the user. */
  rate->stars = 5;
  rate_id = queue (buyer, kase->id, rate);
  msg_id = queue (buyer, kase->id, msg);
  rd_test_client_sync_ok (buyer);
  entry = rd_store_outbox_get (buyer->store, rate_id);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->state, ==, RD_OUTBOX_CONFLICTED);
  g_assert_nonnull (entry->last_error);
  g_assert_cmpint (outbox_state (buyer, msg_id), ==, RD_OUTBOX_PENDING);

  /* Discarded, the message after it goes. */
  g_assert_true (rd_sync_discard (buyer->sync, rate_id, &error));
  g_assert_no_error (error);
  g_assert_null (rd_store_outbox_get (buyer->store, rate_id));
  g_assert_false (rd_sync_discard (buyer->sync, rate_id, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rd_test_client_sync_ok (buyer);
  g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 0);

  /* A 422: a message with neither text nor phrase.  Kept as failed with
   * the reason, not counted as pending, not re-applicable as it is. */
  {
    g_autoptr (RdAction) bad = message_new (NULL);
    g_autofree char *bad_id = NULL;
    g_autoptr (RdOutboxEntry) failed = NULL;

    bad_id = queue (buyer, kase->id, bad);
    rd_test_client_sync_ok (buyer);
    failed = rd_store_outbox_get (buyer->store, bad_id);
    g_assert_nonnull (failed);
    g_assert_cmpint (failed->state, ==, RD_OUTBOX_FAILED);
    g_assert_nonnull (failed->last_error);
    g_assert_cmpuint (rd_sync_get_pending_count (buyer->sync), ==, 0);
    g_assert_false (rd_sync_reapply (buyer->sync, bad_id, &error));
    g_assert_error (error, RD_ERROR, RD_ERROR_FAILED);
    g_clear_error (&error);
    g_assert_true (rd_sync_discard (buyer->sync, bad_id, &error));
    g_assert_no_error (error);
  }

  /* Discarding a filing drops what was queued on that case with it. */
  {
    g_autoptr (GPtrArray) drafts = rd_test_fileable_drafts (buyer->direct);
    g_autofree char *case_id = rd_sync_file_case (buyer->sync, g_ptr_array_index (drafts, 0),
                                                  &error);
    g_autoptr (RdAction) m = message_new ("More details");
    g_autofree char *m_id = queue (buyer, case_id, m);

    g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 2);
    g_assert_true (rd_sync_discard (buyer->sync, case_id, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 0);
  }

  /* An action on a case that is neither stored nor queued. */
  {
    g_autoptr (RdAction) m = message_new ("Hello?");
    g_autofree char *unknown = g_uuid_string_random ();
    g_autofree char *none = rd_sync_queue_action (buyer->sync, unknown, m, &error);

    g_assert_null (none);
    g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  }
}

static void
test_needs_login (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (RdTestClient) buyer = fixture_client (fixture, "ana");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) kase = NULL;
  g_autoptr (RdAction) msg = message_new ("Still there?");
  g_autofree char *msg_id = NULL;

  rd_test_client_sync_ok (buyer);
  kase = stored_case_in_status (buyer, RD_STATUS_AWAITING_SELLER);
  msg_id = queue (buyer, kase->id, msg);

  /* The token no longer works: "log in again", nothing dropped. */
  rd_api_set_token (buyer->api, "not-a-token");
  g_assert_false (rd_test_client_sync (buyer, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_cmpint (rd_sync_get_state (buyer->sync), ==, RD_SYNC_STATE_NEEDS_LOGIN);
  g_assert_nonnull (rd_sync_get_last_error (buyer->sync));
  g_assert_cmpint (outbox_state (buyer, msg_id), ==, RD_OUTBOX_PENDING);
  g_assert_cmpuint (rd_sync_get_pending_count (buyer->sync), ==, 1);

  /* Logged in again, it goes. */
  rd_api_set_token (buyer->api, rd_api_get_token (buyer->direct));
  rd_test_client_sync_ok (buyer);
  g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 0);
}

static void
test_cursor_expired (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (RdTestClient) seller = fixture_client (fixture, "kai");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdChanges) bogus = rd_changes_new ();
  guint before;
  g_autofree char *cursor = NULL;

  rd_test_client_sync_ok (seller);
  before = rd_store_count_cases (seller->store, RD_CASE_FILTER_ALL);
  g_assert_cmpuint (before, >, 0);

  /* A cursor the platform has forgotten: drop the cache, sync from the start. */
  bogus->cursor = g_strdup ("forgotten");
  g_assert_true (rd_store_apply_changes (seller->store, bogus, &error));
  g_assert_no_error (error);
  rd_test_client_sync_ok (seller);
  g_assert_cmpuint (rd_store_count_cases (seller->store, RD_CASE_FILTER_ALL), ==, before);
  cursor = rd_store_get_cursor (seller->store);
  g_assert_cmpstr (cursor, !=, "forgotten");
}

static void
on_progress (RdSync *sync,
             guint   pages,
             guint   objects,
             guint  *last)
{
  g_assert_cmpuint (pages, ==, last[0] + 1);
  g_assert_cmpuint (objects, >, last[1]);
  last[0] = pages;
  last[1] = objects;
}

static void
on_cases_changed (RdSync      *sync,
                  const char **ids,
                  GHashTable  *seen)
{
  g_assert_nonnull (ids);
  g_assert_nonnull (ids[0]);
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (seen, g_strdup (ids[i]));
}

static void
on_state (RdSync     *sync,
          GParamSpec *pspec,
          GArray     *states)
{
  RdSyncState state = rd_sync_get_state (sync);

  g_array_append_val (states, state);
}

static void
test_signals (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (RdTestClient) seller = fixture_client (fixture, "kai");
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) states = g_array_new (FALSE, FALSE, sizeof (RdSyncState));
  g_autoptr (GError) error = NULL;
  guint progress[2] = { 0, 0 };
  guint total;

  rd_sync_set_page_size (seller->sync, 3);
  g_assert_cmpuint (rd_sync_get_page_size (seller->sync), ==, 3);
  g_signal_connect (seller->sync, "progress", G_CALLBACK (on_progress), progress);
  g_signal_connect (seller->sync, "cases-changed", G_CALLBACK (on_cases_changed), seen);
  g_signal_connect (seller->sync, "notify::state", G_CALLBACK (on_state), states);

  rd_test_client_sync_ok (seller);
  total = rd_store_count_cases (seller->store, RD_CASE_FILTER_ALL);
  /* Pages of three: the progress counts them; each case was announced. */
  g_assert_cmpuint (progress[0], >=, total / 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, total);
  g_assert_cmpuint (states->len, ==, 2);
  g_assert_cmpint (g_array_index (states, RdSyncState, 0), ==, RD_SYNC_STATE_SYNCING);
  g_assert_cmpint (g_array_index (states, RdSyncState, 1), ==, RD_SYNC_STATE_IDLE);
  g_assert_cmpstr (rd_sync_state_label (RD_SYNC_STATE_OFFLINE), !=, "offline");
}

static gboolean
nothing_pending (gpointer data)
{
  Client *client = data;

  return rd_store_outbox_count (client->store) == 0
         && rd_sync_get_state (client->sync) == RD_SYNC_STATE_IDLE;
}

static void
on_pending_count (RdSync     *sync,
                  GParamSpec *pspec,
                  GArray     *counts)
{
  guint n = rd_sync_get_pending_count (sync);

  g_array_append_val (counts, n);
}

static void
test_automatic (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (RdTestClient) buyer = fixture_client (fixture, "ana");
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (RdCase) kase = NULL;
  g_autoptr (RdAction) msg = message_new ("Sent by itself");
  g_autofree char *msg_id = NULL;

  rd_test_client_sync_ok (buyer);
  kase = stored_case_in_status (buyer, RD_STATUS_AWAITING_SELLER);
  g_signal_connect (buyer->sync, "notify::pending-count", G_CALLBACK (on_pending_count), counts);

  /* Started, the engine sends a queued action by itself... */
  rd_sync_set_interval (buyer->sync, 0);
  rd_sync_start (buyer->sync);
  g_assert_true (rd_sync_is_started (buyer->sync));
  msg_id = queue (buyer, kase->id, msg);
  g_assert_true (rd_test_wait_until (nothing_pending, buyer, 30000));
  {
    g_autoptr (RdCase) there = platform_case (buyer, kase->id);

    g_assert_cmpuint (count_events (there, RD_EVENT_TYPE_MESSAGE, msg_id), ==, 1);
  }
  g_assert_cmpuint (counts->len, ==, 2);
  g_assert_cmpuint (g_array_index (counts, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (counts, guint, 1), ==, 0);

  /* ...and after a failure, retries by itself, never sooner than the
   * platform asked. */
  rd_sync_set_backoff (buyer->sync, 100, 400);
  rd_fault_proxy_set_fault (fixture->proxy, RD_FAULT_HTTP_503, 1, "POST /v1/cases/", 1);
  {
    g_autoptr (RdAction) again = message_new ("After a 503");
    g_autofree char *again_id = queue (buyer, kase->id, again);
    g_autoptr (RdCase) there = NULL;
    gint64 start = g_get_monotonic_time ();

    g_assert_true (rd_test_wait_until (nothing_pending, buyer, 30000));
    g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
    g_assert_cmpuint (rd_fault_proxy_get_faults (fixture->proxy), ==, 1);
    there = platform_case (buyer, kase->id);
    g_assert_cmpuint (count_events (there, RD_EVENT_TYPE_MESSAGE, again_id), ==, 1);
  }

  /* Periodically: a change made elsewhere arrives without asking. */
  {
    g_autofree char *seller_login = rd_test_login_of (kase->seller->id);
    g_autoptr (RdTestClient) seller = fixture_client (fixture, seller_login);
    g_autoptr (RdAction) reply = message_new ("From the seller");
    g_autofree char *reply_id = NULL;
    g_autoptr (GError) error = NULL;

    rd_test_client_sync_ok (seller);
    reply_id = queue (seller, kase->id, reply);
    rd_test_client_sync_ok (seller);
    rd_sync_set_interval (buyer->sync, 1);
    for (guint i = 0; i < 50; i++)
      {
        g_autoptr (RdCase) here = stored_case (buyer, kase->id);

        if (count_events (here, RD_EVENT_TYPE_MESSAGE, reply_id) == 1)
          break;
        rd_test_run_for (100);
      }
    {
      g_autoptr (RdCase) here = stored_case (buyer, kase->id);

      g_assert_cmpuint (count_events (here, RD_EVENT_TYPE_MESSAGE, reply_id), ==, 1);
    }
  }
  rd_sync_stop (buyer->sync);
  g_assert_false (rd_sync_is_started (buyer->sync));
}

static void
test_evidence (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (RdTestClient) buyer = fixture_client (fixture, "ana");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) kase = NULL;
  g_autofree char *png_path = g_build_filename (fixture->dir, "broken screen.png", NULL);
  g_autofree char *txt_path = g_build_filename (fixture->dir, "notes.png", NULL);
  g_autofree char *big_path = g_build_filename (fixture->dir, "big.pdf", NULL);
  g_autoptr (GFile) png = g_file_new_for_path (png_path);
  g_autoptr (GFile) txt = g_file_new_for_path (txt_path);
  g_autoptr (GFile) big = g_file_new_for_path (big_path);
  g_autoptr (RdEvidenceCache) cache = NULL;
  g_autofree char *cache_dir = g_build_filename (fixture->dir, "cache", NULL);
  g_autofree char *id = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *sha = NULL;
  RdConfig *small;

  rd_test_client_sync_ok (buyer);
  kase = stored_case_in_status (buyer, RD_STATUS_AWAITING_SELLER);
  cache = rd_evidence_cache_new (buyer->api, cache_dir);
  rd_sync_set_evidence_cache (buyer->sync, cache);

  g_assert_true (g_file_set_contents (png_path, (const char *) tiny_png, sizeof tiny_png, NULL));
  g_assert_true (g_file_set_contents (txt_path, "these are my notes", -1, NULL));
  {
    /* 10 MiB and one byte, PDF by its first bytes. */
    gsize size = 10 * 1024 * 1024 + 1;
    g_autofree char *contents = g_malloc0 (size);

    memcpy (contents, "%PDF-1.4\n", 9);
    g_assert_true (g_file_set_contents (big_path, contents, (gssize) size, NULL));
  }

  /* Checked before anything is queued, with the file named. */
  g_assert_null (rd_sync_attach_evidence (buyer->sync, kase->id, txt, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_UNSUPPORTED_MEDIA_TYPE);
  g_assert_nonnull (strstr (error->message, "notes.png"));
  g_clear_error (&error);
  g_assert_null (rd_sync_attach_evidence (buyer->sync, kase->id, big, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "big.pdf"));
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 0);

  /* The platform's limits, once fetched, are the ones that count. */
  small = rd_config_new_default ();
  small->evidence_max_bytes = 10;
  rd_sync_set_config (buyer->sync, small);
  g_assert_null (rd_sync_attach_evidence (buyer->sync, kase->id, png, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_TOO_LARGE);
  g_clear_error (&error);
  rd_sync_set_config (buyer->sync, rd_config_new_default ());

  /* Attached: copied, so the original may go. */
  id = rd_sync_attach_evidence (buyer->sync, kase->id, png, &error);
  g_assert_no_error (error);
  g_assert_true (rd_uuid_is_valid (id));
  copy_path = g_build_filename (rd_sync_get_evidence_dir (buyer->sync), id, NULL);
  g_assert_true (g_file_test (copy_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_unlink (png_path), ==, 0);
  {
    g_autoptr (RdOutboxEntry) entry = rd_store_outbox_get (buyer->store, id);

    g_assert_nonnull (entry);
    g_assert_cmpint (entry->kind, ==, RD_OUTBOX_KIND_EVIDENCE);
    g_assert_cmpstr (entry->filename, ==, "broken screen.png");
    g_assert_cmpstr (entry->mime, ==, "image/png");
    g_assert_cmpstr (entry->file_path, ==, copy_path);
  }

  rd_test_client_sync_ok (buyer);
  g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 0);
  {
    g_autoptr (RdCase) here = stored_case (buyer, kase->id);
    RdEvidence *evidence = NULL;
    g_autoptr (GBytes) bytes = g_bytes_new_static (tiny_png, sizeof tiny_png);

    for (guint i = 0; i < here->evidence->len; i++)
      {
        RdEvidence *e = g_ptr_array_index (here->evidence, i);

        if (g_str_equal (e->id, id))
          evidence = e;
      }
    g_assert_nonnull (evidence);
    sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
    g_assert_cmpstr (evidence->sha256, ==, sha);
    g_assert_cmpstr (evidence->filename, ==, "broken screen.png");
  }
  /* Copies that no entry needs (a crash between copying and queueing) go
   * when the engine starts; a queued one stays, and so does anything that
   * is not ours. */
  {
    g_autofree char *orphan_id = g_uuid_string_random ();
    g_autofree char *orphan = g_build_filename (rd_sync_get_evidence_dir (buyer->sync),
                                                orphan_id, NULL);
    g_autofree char *part = g_strconcat (orphan, ".part", NULL);
    g_autofree char *foreign = g_build_filename (rd_sync_get_evidence_dir (buyer->sync),
                                                 "README", NULL);
    g_autofree char *queued_copy = NULL;
    g_autofree char *queued_id = NULL;
    g_autofree char *png2_path = g_build_filename (fixture->dir, "second.png", NULL);
    g_autoptr (GFile) png2 = g_file_new_for_path (png2_path);

    g_assert_true (g_file_set_contents (png2_path, (const char *) tiny_png, sizeof tiny_png,
                                        NULL));
    queued_id = rd_sync_attach_evidence (buyer->sync, kase->id, png2, &error);
    g_assert_no_error (error);
    queued_copy = g_build_filename (rd_sync_get_evidence_dir (buyer->sync), queued_id, NULL);
    g_assert_true (g_file_set_contents (orphan, "x", 1, NULL));
    g_assert_true (g_file_set_contents (part, "x", 1, NULL));
    g_assert_true (g_file_set_contents (foreign, "x", 1, NULL));
    rd_sync_set_interval (buyer->sync, 0);
    rd_sync_start (buyer->sync);
    g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (queued_copy, G_FILE_TEST_EXISTS));
    rd_sync_stop (buyer->sync);
    g_assert_true (rd_sync_discard (buyer->sync, queued_id, &error));
    g_assert_false (g_file_test (queued_copy, G_FILE_TEST_EXISTS));
  }

  /* The uploaded copy left the data folder for the cache: never downloaded. */
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  {
    g_autoptr (GFile) cached = rd_evidence_cache_lookup (cache, sha);

    g_assert_nonnull (cached);
  }
}

static void
test_texts_checked (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (RdTestClient) buyer = fixture_client (fixture, "ana");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) kase = NULL;
  g_autofree char *long_text = g_strnfill (4001, 'x');
  g_autoptr (RdAction) msg = message_new (long_text);
  g_autofree char *id = NULL;

  rd_test_client_sync_ok (buyer);
  kase = stored_case_in_status (buyer, RD_STATUS_AWAITING_SELLER);
  id = rd_sync_queue_action (buyer->sync, kase->id, msg, &error);
  g_assert_null (id);
  g_assert_error (error, RD_ERROR, RD_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "4000"));
  g_assert_cmpuint (rd_store_outbox_count (buyer->store), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/offline-round-trip", test_offline_round_trip);
  g_test_add ("/sync/lost-response", Fixture, NULL, fixture_set_up, test_lost_response,
              fixture_tear_down);
  g_test_add ("/sync/conflict-reapply", Fixture, NULL, fixture_set_up, test_conflict,
              fixture_tear_down);
  g_test_add ("/sync/refused-and-discarded", Fixture, NULL, fixture_set_up,
              test_refused_and_discarded, fixture_tear_down);
  g_test_add ("/sync/needs-login", Fixture, NULL, fixture_set_up, test_needs_login,
              fixture_tear_down);
  g_test_add ("/sync/cursor-expired", Fixture, NULL, fixture_set_up, test_cursor_expired,
              fixture_tear_down);
  g_test_add ("/sync/signals", Fixture, NULL, fixture_set_up, test_signals, fixture_tear_down);
  g_test_add ("/sync/automatic-and-backoff", Fixture, NULL, fixture_set_up, test_automatic,
              fixture_tear_down);
  g_test_add ("/sync/evidence-attached", Fixture, NULL, fixture_set_up, test_evidence,
              fixture_tear_down);
  g_test_add ("/sync/texts-checked", Fixture, NULL, fixture_set_up, test_texts_checked,
              fixture_tear_down);

  return g_test_run ();
}
