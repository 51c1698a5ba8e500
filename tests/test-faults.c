/* test-faults.c — every fault of the proxy between the engine and the real
 * platform: a sync either completes or says clearly what is wrong, and
 * completes once the fault is gone, with every queued action applied exactly
 * once and the store equal to the platform.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-error.h"
#include "rd-fault-proxy.h"
#include "rd-store.h"
#include "rd-sync.h"
#include "rd-test-util.h"

static const char * const demo_args[] = { "--demo", NULL };

typedef struct
{
  const char *path;
  RdFault     fault;
  guint       arg;
  const char *match;
  /* What a sync during the fault may end in: */
  gboolean    may_complete;
  RdSyncState failed_state;
} FaultCase;

static const FaultCase fault_cases[] = {
  { "/faults/latency", RD_FAULT_LATENCY, 250, NULL, TRUE, RD_SYNC_STATE_IDLE },
  { "/faults/cut-request-in-head", RD_FAULT_CUT_REQUEST, 30, NULL, FALSE, RD_SYNC_STATE_OFFLINE },
  { "/faults/cut-request-in-body", RD_FAULT_CUT_REQUEST, 400, "POST ", FALSE,
    RD_SYNC_STATE_OFFLINE },
  { "/faults/cut-response-in-head", RD_FAULT_CUT_RESPONSE, 20, NULL, FALSE,
    RD_SYNC_STATE_OFFLINE },
  { "/faults/cut-response-in-body", RD_FAULT_CUT_RESPONSE, 600, NULL, FALSE,
    RD_SYNC_STATE_OFFLINE },
  { "/faults/http-502", RD_FAULT_HTTP_502, 0, NULL, FALSE, RD_SYNC_STATE_ERROR },
  { "/faults/http-503-retry-after", RD_FAULT_HTTP_503, 3, NULL, FALSE, RD_SYNC_STATE_ERROR },
  { "/faults/stall", RD_FAULT_STALL, 0, NULL, FALSE, RD_SYNC_STATE_OFFLINE },
  { "/faults/drop-response", RD_FAULT_DROP_RESPONSE, 0, NULL, FALSE, RD_SYNC_STATE_OFFLINE },
  { "/faults/refuse", RD_FAULT_REFUSE, 0, NULL, FALSE, RD_SYNC_STATE_OFFLINE },
};

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
  fixture->dir = rd_test_make_tmpdir ("faults");
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

static RdTestClient *
client_for (Fixture    *fixture,
            const char *login)
{
  RdTestClient *client = rd_test_client_new (rd_test_platform_get_url (fixture->platform),
                                             rd_fault_proxy_get_url (fixture->proxy), login,
                                             fixture->dir);

  /* A stall costs a timeout per attempt: keep it short. */
  rd_api_set_timeout (client->api, 2);
  return client;
}

static guint
count_event_id (RdCase     *kase,
                const char *id)
{
  guint n = 0;

  for (guint i = 0; i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);

      if (g_strcmp0 (event->id, id) == 0)
        n++;
    }
  return n;
}

/* What was queued, by action id, with the case it is on. */
typedef struct
{
  char *id;
  char *case_id;
} Queued;

static void
queued_free (Queued *queued)
{
  g_free (queued->id);
  g_free (queued->case_id);
  g_free (queued);
}

static void
queue (RdTestClient *client,
       GPtrArray    *queued,
       const char   *case_id,
       RdAction     *action)
{
  g_autoptr (GError) error = NULL;
  Queued *q = g_new0 (Queued, 1);

  q->id = rd_sync_queue_action (client->sync, case_id, action, &error);
  g_assert_no_error (error);
  q->case_id = g_strdup (case_id);
  g_ptr_array_add (queued, q);
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

/* Two cases the seller can act on: messages on both, an offer on one. */
static GPtrArray *
queue_work (RdTestClient *seller)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = rd_store_list_all_cases (seller->store, &error);
  GPtrArray *queued = g_ptr_array_new_with_free_func ((GDestroyNotify) queued_free);
  RdCase *open_case = NULL;
  RdCase *waiting = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      RdCase *kase = g_ptr_array_index (all, i);

      if (kase->status == RD_STATUS_AWAITING_SELLER
          && (waiting == NULL || strcmp (kase->id, waiting->id) < 0))
        waiting = kase;
    }
  for (guint i = 0; i < all->len; i++)
    {
      RdCase *kase = g_ptr_array_index (all, i);

      if (kase != waiting && kase->status != RD_STATUS_RESOLVED
          && (open_case == NULL || strcmp (kase->id, open_case->id) < 0))
        open_case = kase;
    }
  g_assert_nonnull (waiting);
  g_assert_nonnull (open_case);

  {
    g_autoptr (RdAction) m1 = message_new ("Thank you for your patience.");
    g_autoptr (RdAction) m2 = message_new ("We have asked the carrier.");
    g_autoptr (RdAction) m3 = message_new ("Here is our offer.");
    g_autoptr (RdAction) m4 = message_new ("Let us know.");
    g_autoptr (RdAction) offer = rd_action_new ();
    g_autoptr (RdCase) full = rd_store_get_case (seller->store, waiting->id, &error);

    g_assert_no_error (error);
    offer->type = RD_ACTION_TYPE_OFFER;
    offer->offer_type = RD_OUTCOME_TYPE_REPLACEMENT;
    offer->offer_note = g_strdup ("A new one, sent today.");
    queue (seller, queued, open_case->id, m1);
    queue (seller, queued, waiting->id, m3);
    queue (seller, queued, waiting->id, offer);
    queue (seller, queued, open_case->id, m2);
    queue (seller, queued, waiting->id, m4);
    (void) full;
  }
  return queued;
}

/* Nothing lost: each queued action is either still waiting here or applied
 * exactly once there.  With @all_sent, applied exactly once, all of them. */
static void
check_exactly_once (RdTestClient *client,
                    GPtrArray    *queued,
                    gboolean      all_sent)
{
  g_autoptr (GHashTable) cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        g_object_unref);

  for (guint i = 0; i < queued->len; i++)
    {
      Queued *q = g_ptr_array_index (queued, i);
      g_autoptr (RdOutboxEntry) entry = rd_store_outbox_get (client->store, q->id);
      RdCase *there = g_hash_table_lookup (cases, q->case_id);
      guint applied;

      if (there == NULL)
        {
          g_autoptr (GError) error = NULL;

          there = rd_test_get_case (client->direct, q->case_id, &error);
          g_assert_no_error (error);
          g_hash_table_insert (cases, g_strdup (q->case_id), there);
        }
      applied = count_event_id (there, q->id);
      g_assert_cmpuint (applied, <=, 1);
      if (all_sent)
        {
          g_assert_null (entry);
          g_assert_cmpuint (applied, ==, 1);
        }
      else if (applied == 0)
        {
          /* Not applied: then it must still be here, waiting. */
          g_assert_nonnull (entry);
          g_assert_cmpint (entry->state, ==, RD_OUTBOX_PENDING);
        }
    }
}

/* The store holds what a clean pull gets, version for version. */
static void
check_store_equals_platform (RdTestClient *client)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) there = rd_test_all_cases (client->direct, NULL, &error);
  g_autoptr (GPtrArray) here = rd_store_list_all_cases (client->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (here->len, ==, g_hash_table_size (there));
  for (guint i = 0; i < here->len; i++)
    {
      RdCase *mine = g_ptr_array_index (here, i);
      RdCase *theirs = g_hash_table_lookup (there, mine->id);

      g_assert_nonnull (theirs);
      g_assert_cmpint (mine->version, ==, theirs->version);
      g_assert_cmpint (mine->status, ==, theirs->status);
    }
}

static void
test_fault (Fixture       *fixture,
            gconstpointer  data)
{
  const FaultCase *fc = data;
  g_autoptr (RdTestClient) seller = client_for (fixture, "kai");
  g_autoptr (GPtrArray) queued = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  rd_test_client_sync_ok (seller);
  queued = queue_work (seller);

  rd_fault_proxy_set_fault (fixture->proxy, fc->fault, fc->arg, fc->match, -1);
  ok = rd_test_client_sync (seller, &error);
  g_assert_cmpuint (rd_fault_proxy_get_faults (fixture->proxy), >, 0);
  if (ok)
    {
      g_assert_true (fc->may_complete);
      g_assert_no_error (error);
      g_assert_cmpint (rd_sync_get_state (seller->sync), ==, RD_SYNC_STATE_IDLE);
      check_exactly_once (seller, queued, TRUE);
    }
  else
    {
      g_assert_false (fc->may_complete);
      /* A clear state, and words for the user. */
      g_assert_nonnull (error);
      g_assert_true (g_error_matches (error, RD_ERROR, RD_ERROR_NETWORK)
                     || g_error_matches (error, RD_ERROR, RD_ERROR_SERVER));
      g_assert_cmpint (rd_sync_get_state (seller->sync), ==, fc->failed_state);
      g_assert_cmpstr (rd_sync_get_last_error (seller->sync), ==, error->message);
      g_assert_true (g_str_has_prefix (error->message, rd_error_code_label (error->code)));
      g_assert_cmpuint (rd_sync_get_retry_delay (seller->sync), >, 0);
      if (fc->fault == RD_FAULT_HTTP_503)
        g_assert_cmpuint (rd_sync_get_retry_delay (seller->sync), >=, fc->arg * 1000);
      check_exactly_once (seller, queued, FALSE);

      /* Trying again while the fault lasts changes nothing of that. */
      g_clear_error (&error);
      g_assert_false (rd_test_client_sync (seller, &error));
      check_exactly_once (seller, queued, FALSE);
      g_clear_error (&error);
    }

  rd_fault_proxy_clear_fault (fixture->proxy);
  rd_fault_proxy_close_all (fixture->proxy);
  rd_test_client_sync_ok (seller);
  g_assert_cmpuint (rd_store_outbox_count (seller->store), ==, 0);
  g_assert_cmpuint (rd_sync_get_retry_delay (seller->sync), ==, 0);
  check_exactly_once (seller, queued, TRUE);
  check_store_equals_platform (seller);
}

/* A pull cut after its first page keeps that page and its cursor, and the
 * next sync goes on from there. */
static void
test_fault_mid_pull (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (RdTestClient) seller = client_for (fixture, "kai");
  g_autoptr (GError) error = NULL;
  g_autofree char *cursor = NULL;
  GPtrArray *log;
  guint first_page;
  guint start;

  rd_sync_set_page_size (seller->sync, 3);
  rd_fault_proxy_set_fault (fixture->proxy, RD_FAULT_CUT_RESPONSE, 300, "/v1/changes?since=", -1);
  g_assert_false (rd_test_client_sync (seller, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
  g_clear_error (&error);
  {
    g_autoptr (GPtrArray) orders = rd_store_list_orders (seller->store, &error);

    g_assert_no_error (error);
    /* One page: three objects, orders or cases. */
    first_page = orders->len + rd_store_count_cases (seller->store, RD_CASE_FILTER_ALL);
    g_assert_cmpuint (first_page, ==, 3);
  }
  cursor = rd_store_get_cursor (seller->store);
  g_assert_nonnull (cursor);

  rd_fault_proxy_clear_fault (fixture->proxy);
  log = rd_fault_proxy_get_log (fixture->proxy);
  start = log->len;
  rd_test_client_sync_ok (seller);

  /* The first request of the next pull carries the stored cursor. */
  for (guint i = start; i < log->len; i++)
    {
      const char *line = g_ptr_array_index (log, i);

      if (strstr (line, "/v1/changes") != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

          g_assert_nonnull (strstr (line, escaped));
          break;
        }
    }
  check_store_equals_platform (seller);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    g_test_add (fault_cases[i].path, Fixture, &fault_cases[i], fixture_set_up, test_fault,
                fixture_tear_down);
  g_test_add ("/faults/cut-mid-pull", Fixture, NULL, fixture_set_up, test_fault_mid_pull,
              fixture_tear_down);

  return g_test_run ();
}
