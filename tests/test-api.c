/* test-api.c — the API client against the real platform on loopback: every
 * endpoint, every problem mapped to its error, Retry-After, plain http
 * refused off loopback, evidence up and down, and the evidence cache.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-api.h"
#include "rd-codec.h"
#include "rd-error.h"
#include "rd-evidence-cache.h"
#include "rd-fault-proxy.h"
#include "rd-test-util.h"

/* The smallest real PNG: one transparent pixel. */
static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
  0x42, 0x60, 0x82,
};

static const char * const demo_args[] = { "--demo", "--test-clock", NULL };

typedef struct
{
  RdTestPlatform *platform;
  char           *tmpdir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->platform = rd_test_platform_start (NULL, demo_args);
  fixture->tmpdir = rd_test_make_tmpdir ("api");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rd_test_platform_stop (fixture->platform);
  rd_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static RdApi *
login (Fixture    *fixture,
       const char *who)
{
  g_autoptr (GError) error = NULL;
  RdApi *api = rd_test_login (rd_test_platform_get_url (fixture->platform), who, "demo", &error);

  g_assert_no_error (error);
  g_assert_nonnull (rd_api_get_token (api));
  return api;
}

/* The first case of @api's user in @status. */
static RdCase *
case_in_status (RdApi    *api,
                RdStatus  status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) cases = rd_test_all_cases (api, NULL, &error);
  g_autoptr (GList) ids = NULL;

  g_assert_no_error (error);
  ids = g_list_sort (g_hash_table_get_keys (cases), (GCompareFunc) g_strcmp0);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      RdCase *kase = g_hash_table_lookup (cases, l->data);

      if (kase->status == status)
        return g_object_ref (kase);
    }
  g_error ("no case in status %s", rd_status_to_string (status));
}

static RdAction *
message_new (const char *text)
{
  RdAction *action = rd_action_new ();

  action->id = g_uuid_string_random ();
  action->type = RD_ACTION_TYPE_MESSAGE;
  action->text = g_strdup (text);
  action->lang = g_strdup ("en");
  return action;
}

static RdCase *
post_action (RdApi     *api,
             const char *case_id,
             RdAction  *action,
             gint64     if_match,
             RdCase   **current,
             GAsyncResult **result_out,
             GError   **error)
{
  g_autoptr (GAsyncResult) result =
    RD_TEST_AWAIT (rd_api_post_action_async (api, case_id, action, if_match, NULL, RD_TEST_CB));
  RdCase *kase = rd_api_post_action_finish (api, result, current, error);

  if (result_out != NULL)
    *result_out = g_steal_pointer (&result);
  return kase;
}

/* --- URLs ------------------------------------------------------------------------ */

static void
test_url_insecure (void)
{
  static const char * const refused[] = {
    "http://example.com/", "http://10.0.0.1:8080/", "http://127.0.0.1.example.com/",
    "http://localhost.example.org/",
  };
  static const char * const accepted[] = {
    "https://example.com/", "http://127.0.0.1:8080/", "http://127.1.2.3/", "http://localhost:9/",
    "http://[::1]:8080/v1/", "HTTPS://Example.COM/disputes/v1/",
  };
  static const char * const nonsense[] = { "ftp://example.com/", "example.com", "", "https://" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdApi) api = rd_api_new (refused[i], &error);

      g_assert_error (error, RD_ERROR, RD_ERROR_INSECURE_URL);
      g_assert_null (api);
      /* The user is told what to do, in words. */
      g_assert_cmpstr (error->message, ==, rd_error_code_label (RD_ERROR_INSECURE_URL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdApi) api = rd_api_new (accepted[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (api);
    }
  for (guint i = 0; i < G_N_ELEMENTS (nonsense); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (rd_api_check_url (nonsense[i], &error));
      g_assert_error (error, RD_ERROR, RD_ERROR_FAILED);
    }

  /* Changing the address of a working client is checked the same way. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (RdApi) api = rd_api_new ("https://example.com/", &error);

    g_assert_false (rd_api_set_base_url (api, "http://example.com/", &error));
    g_assert_error (error, RD_ERROR, RD_ERROR_INSECURE_URL);
    g_assert_cmpstr (rd_api_get_base_url (api), ==, "https://example.com/");
  }
}

static void
test_url_normalised (void)
{
  static const struct { const char *in, *out; } urls[] = {
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080/" },
    { "http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/" },
    { "http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/" },
    { "https://shop.example/disputes/v1/", "https://shop.example/disputes/" },
    { "https://shop.example/disputes?x=1#y", "https://shop.example/disputes/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdApi) api = rd_api_new (urls[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (rd_api_get_base_url (api), ==, urls[i].out);
    }
}

/* --- Session ------------------------------------------------------------------------ */

static void
test_session (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdApi) api = rd_api_new (rd_test_platform_get_url (fixture->platform), &error);
  g_autoptr (RdSessionInfo) info = NULL;
  g_autoptr (RdUser) me = NULL;
  g_autofree char *token = NULL;

  g_assert_no_error (error);

  /* Without a token, nothing but the session itself. */
  {
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_me_async (api, NULL, RD_TEST_CB));
    g_autoptr (RdUser) nobody = rd_api_me_finish (api, r, &error);

    g_assert_null (nobody);
    g_assert_error (error, RD_ERROR, RD_ERROR_UNAUTHORIZED);
    g_assert_cmpuint (rd_api_result_get_status (r), ==, 401);
    g_assert_nonnull (rd_api_result_get_problem (r));
    g_assert_cmpint (rd_api_result_get_problem (r)->code, ==, RD_ERROR_UNAUTHORIZED);
    g_clear_error (&error);
  }

  {
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_login_async (api, "li", "demo", NULL,
                                                                    RD_TEST_CB));
    info = rd_api_login_finish (api, r, &error);
    g_assert_no_error (error);
  }
  g_assert_nonnull (info->token);
  g_assert_cmpstr (rd_api_get_token (api), ==, info->token);
  g_assert_cmpint (info->user->role, ==, RD_ROLE_BUYER);
  g_assert_cmpstr (info->user->locale, ==, "zh_CN");
  g_assert_nonnull (info->expires_at);

  {
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_me_async (api, NULL, RD_TEST_CB));
    me = rd_api_me_finish (api, r, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (me->id, ==, info->user->id);
  g_assert_cmpstr (me->name, ==, info->user->name);

  /* Log-out forgets the token here and makes it worthless there. */
  token = g_strdup (rd_api_get_token (api));
  {
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_logout_async (api, NULL, RD_TEST_CB));
    g_assert_true (rd_api_logout_finish (api, r, &error));
    g_assert_no_error (error);
  }
  g_assert_null (rd_api_get_token (api));
  rd_api_set_token (api, token);
  {
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_me_async (api, NULL, RD_TEST_CB));
    g_autoptr (RdUser) gone = rd_api_me_finish (api, r, &error);

    g_assert_null (gone);
    g_assert_error (error, RD_ERROR, RD_ERROR_UNAUTHORIZED);
  }
}

static void
test_session_bad_password (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdApi) api = rd_api_new (rd_test_platform_get_url (fixture->platform), &error);
  gboolean limited = FALSE;

  for (guint i = 0; i < 8 && !limited; i++)
    {
      g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_login_async (api, "ana", "wrong", NULL,
                                                                      RD_TEST_CB));
      g_autoptr (RdSessionInfo) info = rd_api_login_finish (api, r, &error);

      g_assert_null (info);
      g_assert_null (rd_api_get_token (api));
      if (i < 5)
        {
          g_assert_error (error, RD_ERROR, RD_ERROR_UNAUTHORIZED);
          g_assert_cmpuint (rd_api_result_get_retry_after (r), ==, 0);
        }
      else
        {
          /* After five, the platform asks us to wait, and says how long. */
          g_assert_error (error, RD_ERROR, RD_ERROR_RATE_LIMITED);
          g_assert_cmpuint (rd_api_result_get_status (r), ==, 429);
          g_assert_cmpuint (rd_api_result_get_retry_after (r), >, 0);
          g_assert_cmpuint (rd_api_result_get_retry_after (r), <=, 60);
          limited = TRUE;
        }
      /* Translated text for the user, not the wire word. */
      g_assert_null (strstr (error->message, "rate_limited"));
      g_clear_error (&error);
    }
  g_assert_true (limited);
}

static void
test_config (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (RdApi) api = login (fixture, "ana");
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_config_async (api, NULL, RD_TEST_CB));
  g_autoptr (RdConfig) config = rd_api_config_finish (api, r, &error);

  g_assert_no_error (error);
  g_assert_cmpint (config->evidence_max_bytes, ==, 10 * 1024 * 1024);
  g_assert_true (g_strv_contains ((const char * const *) config->evidence_types, "image/jpeg"));
  g_assert_true (g_strv_contains ((const char * const *) config->evidence_types, "image/png"));
  g_assert_true (g_strv_contains ((const char * const *) config->evidence_types,
                                  "application/pdf"));
  g_assert_cmpuint (config->evidence_max_per_case, ==, 20);
  g_assert_cmpuint (config->text_max_chars, ==, 4000);
  g_assert_cmpuint (config->seller_response_business_days, ==, 3);
  g_assert_cmpuint (config->buyer_response_days, ==, 7);
}

/* --- Changes ---------------------------------------------------------------------------- */

static void
test_changes (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (RdApi) api = login (fixture, "kai");
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) all = rd_test_all_cases (api, NULL, &error);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  gboolean more = TRUE;
  guint pages = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (all), >, 3);

  /* Small pages add up to the whole, each case once at its latest version. */
  while (more)
    {
      g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_changes_async (api, cursor, 2, NULL,
                                                                        RD_TEST_CB));
      g_autoptr (RdChanges) page = rd_api_changes_finish (api, r, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->cases->len, <=, 2);
      g_assert_nonnull (page->cursor);
      for (guint i = 0; i < page->cases->len; i++)
        {
          RdCase *kase = g_ptr_array_index (page->cases, i);
          RdCase *whole = g_hash_table_lookup (all, kase->id);

          g_assert_nonnull (whole);
          g_assert_cmpint (kase->version, ==, whole->version);
          g_assert_true (g_hash_table_add (seen, g_strdup (kase->id)));
        }
      g_free (cursor);
      cursor = g_strdup (page->cursor);
      more = page->more;
      pages++;
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_hash_table_size (all));
  g_assert_cmpuint (pages, >=, g_hash_table_size (all) / 2);

  /* Nothing new after the last cursor. */
  {
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_changes_async (api, cursor, 0, NULL,
                                                                      RD_TEST_CB));
    g_autoptr (RdChanges) page = rd_api_changes_finish (api, r, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (page->cases->len, ==, 0);
    g_assert_false (page->more);
  }

  /* A cursor the platform does not know: start again. */
  {
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_changes_async (api, "not a cursor/?&=", 0,
                                                                      NULL, RD_TEST_CB));
    g_autoptr (RdChanges) page = rd_api_changes_finish (api, r, &error);

    g_assert_null (page);
    g_assert_error (error, RD_ERROR, RD_ERROR_CURSOR_EXPIRED);
    g_assert_cmpuint (rd_api_result_get_status (r), ==, 410);
    g_clear_error (&error);
  }

  /* A limit out of range is the caller's mistake, with the field named. */
  {
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_changes_async (api, NULL, 501, NULL,
                                                                      RD_TEST_CB));
    g_autoptr (RdChanges) page = rd_api_changes_finish (api, r, &error);
    RdProblem *problem = rd_api_result_get_problem (r);

    g_assert_null (page);
    g_assert_error (error, RD_ERROR, RD_ERROR_VALIDATION_FAILED);
    g_assert_nonnull (problem);
    g_assert_cmpuint (problem->errors->len, ==, 1);
    g_assert_cmpstr (((RdFieldError *) g_ptr_array_index (problem->errors, 0))->field, ==, "limit");
  }
}

/* --- Cases and actions -------------------------------------------------------------------- */

static void
test_case_put (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (RdApi) api = login (fixture, "ana");
  g_autoptr (RdApi) seller = NULL;
  g_autoptr (GPtrArray) drafts = rd_test_fileable_drafts (api);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr (RdCase) created = NULL;
  RdCaseDraft *draft;
  gboolean replayed = TRUE;

  g_assert_cmpuint (drafts->len, >=, 1);
  draft = g_ptr_array_index (drafts, 0);

  {
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_put_case_async (api, id, draft, NULL,
                                                                       RD_TEST_CB));
    created = rd_api_put_case_finish (api, r, &replayed, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rd_api_result_get_status (r), ==, 201);
  }
  g_assert_false (replayed);
  g_assert_cmpstr (created->id, ==, id);
  g_assert_cmpstr (created->order_id, ==, draft->order_id);
  g_assert_cmpint (created->reason, ==, draft->reason);
  g_assert_cmpint (created->status, ==, RD_STATUS_AWAITING_SELLER);
  seller = login (fixture, g_str_equal (created->seller->id, "u-kai") ? "kai" : "sol");

  /* The same id and body again (a retry after a lost answer): the same case. */
  {
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_put_case_async (api, id, draft, NULL,
                                                                       RD_TEST_CB));
    g_autoptr (RdCase) again = rd_api_put_case_finish (api, r, &replayed, &error);

    g_assert_no_error (error);
    g_assert_true (replayed);
    g_assert_cmpstr (again->id, ==, id);
    g_assert_cmpint (again->version, ==, created->version);
  }

  /* The same id with another body is refused. */
  {
    g_autoptr (GAsyncResult) r = NULL;
    g_autoptr (RdCase) other = NULL;
    g_autofree char *saved = draft->description;

    draft->description = g_strdup ("Something else entirely.");
    r = RD_TEST_AWAIT (rd_api_put_case_async (api, id, draft, NULL, RD_TEST_CB));
    other = rd_api_put_case_finish (api, r, NULL, &error);
    g_free (draft->description);
    draft->description = g_steal_pointer (&saved);
    g_assert_null (other);
    g_assert_error (error, RD_ERROR, RD_ERROR_ID_CONFLICT);
    g_assert_cmpuint (rd_api_result_get_status (r), ==, 409);
    g_clear_error (&error);
  }

  /* A second case for the same item while the first is open. */
  {
    g_autofree char *id2 = g_uuid_string_random ();
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_put_case_async (api, id2, draft, NULL,
                                                                       RD_TEST_CB));
    g_autoptr (RdCase) dup = rd_api_put_case_finish (api, r, NULL, &error);

    g_assert_null (dup);
    g_assert_error (error, RD_ERROR, RD_ERROR_DUPLICATE_CASE);
    g_clear_error (&error);
  }

  /* Only a buyer files. */
  {
    g_autofree char *id3 = g_uuid_string_random ();
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_put_case_async (seller, id3, draft, NULL,
                                                                       RD_TEST_CB));
    g_autoptr (RdCase) refused = rd_api_put_case_finish (seller, r, NULL, &error);

    g_assert_null (refused);
    g_assert_true (error->code == RD_ERROR_FORBIDDEN || error->code == RD_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* The seller sees it. */
  {
    g_autoptr (RdCase) seen = rd_test_get_case (seller, id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (seen->version, ==, created->version);
  }
}

static void
test_case_get (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (RdApi) ana = login (fixture, "ana");
  g_autoptr (RdApi) li = login (fixture, "li");
  g_autoptr (RdCase) kase = case_in_status (ana, RD_STATUS_AWAITING_SELLER);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) got = rd_test_get_case (ana, kase->id, &error);
  g_autofree char *unknown = g_uuid_string_random ();

  g_assert_no_error (error);
  g_assert_cmpstr (got->id, ==, kase->id);
  g_assert_cmpint (got->version, ==, kase->version);
  g_assert_cmpuint (got->events->len, ==, kase->events->len);

  /* Somebody else's case and no case at all look the same. */
  {
    g_autoptr (RdCase) other = rd_test_get_case (li, kase->id, &error);

    g_assert_null (other);
    g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autoptr (RdCase) none = rd_test_get_case (ana, unknown, &error);

    g_assert_null (none);
    g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (RdApi) buyer = NULL;
  g_autoptr (RdApi) seller = login (fixture, "kai");
  g_autoptr (RdCase) kase = case_in_status (seller, RD_STATUS_AWAITING_SELLER);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) after_message = NULL;
  g_autoptr (RdCase) after_offer = NULL;
  g_autoptr (RdAction) offer = NULL;
  g_autoptr (RdAction) msg = message_new ("We are looking into it.");
  const char *buyer_login;

  /* A message needs no If-Match; it still makes a new version. */
  after_message = post_action (seller, kase->id, msg, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after_message->version, ==, kase->version + 1);
  g_assert_cmpint (after_message->status, ==, RD_STATUS_AWAITING_SELLER);
  {
    RdEvent *last = g_ptr_array_index (after_message->events, after_message->events->len - 1);

    g_assert_cmpint (last->type, ==, RD_EVENT_TYPE_MESSAGE);
    g_assert_cmpstr (last->text, ==, "We are looking into it.");
  }

  /* Any other action without If-Match. */
  offer = rd_action_new ();
  offer->id = g_uuid_string_random ();
  offer->type = RD_ACTION_TYPE_OFFER;
  offer->offer_type = RD_OUTCOME_TYPE_PARTIAL_REFUND;
  offer->offer_amount = rd_money_new (500, kase->item->unit_price->currency);
  offer->offer_note = g_strdup ("Half of it back?");
  {
    g_autoptr (RdCase) none = post_action (seller, kase->id, offer, 0, NULL, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, RD_ERROR, RD_ERROR_PRECONDITION_REQUIRED);
    g_clear_error (&error);
  }

  /* With the version from before the message: 412 and the case as it is now. */
  {
    g_autoptr (RdCase) current = NULL;
    g_autoptr (GAsyncResult) r = NULL;
    g_autoptr (RdCase) none = post_action (seller, kase->id, offer, kase->version, &current, &r,
                                           &error);

    g_assert_null (none);
    g_assert_error (error, RD_ERROR, RD_ERROR_VERSION_MISMATCH);
    g_assert_cmpuint (rd_api_result_get_status (r), ==, 412);
    g_assert_nonnull (current);
    g_assert_cmpint (current->version, ==, after_message->version);
    g_assert_true (rd_api_result_get_problem (r)->current_case != NULL);
    g_clear_error (&error);
  }

  /* With the right one. */
  after_offer = post_action (seller, kase->id, offer, after_message->version, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after_offer->version, ==, after_message->version + 1);
  g_assert_cmpint (after_offer->status, ==, RD_STATUS_AWAITING_BUYER);

  /* The same action id again answers as the first time did, stale If-Match
   * or not: this is what makes a retry safe. */
  {
    g_autoptr (RdCase) replay = post_action (seller, kase->id, offer, after_message->version, NULL,
                                             NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (replay->version, ==, after_offer->version);
    g_assert_cmpuint (replay->events->len, ==, after_offer->events->len);
  }

  /* A seller may not make a second offer now: not this status. */
  {
    g_autoptr (RdAction) again = rd_action_new ();
    g_autoptr (RdCase) none = NULL;

    again->id = g_uuid_string_random ();
    again->type = RD_ACTION_TYPE_ACCEPT_CLAIM;
    none = post_action (seller, kase->id, again, after_offer->version, NULL, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_TRANSITION);
    g_clear_error (&error);
  }

  /* Too long a text is refused with the field named. */
  buyer_login = g_str_equal (kase->buyer->id, "u-ana") ? "ana" : "li";
  buyer = login (fixture, buyer_login);
  {
    g_autofree char *long_text = g_strnfill (4001, 'a');
    g_autoptr (RdAction) too_long = message_new (long_text);
    g_autoptr (GAsyncResult) r = NULL;
    g_autoptr (RdCase) none = post_action (buyer, kase->id, too_long, 0, NULL, &r, &error);
    RdProblem *problem = rd_api_result_get_problem (r);

    g_assert_null (none);
    g_assert_error (error, RD_ERROR, RD_ERROR_VALIDATION_FAILED);
    g_assert_cmpuint (rd_api_result_get_status (r), ==, 422);
    g_assert_cmpuint (problem->errors->len, >=, 1);
    g_assert_cmpstr (((RdFieldError *) g_ptr_array_index (problem->errors, 0))->field, ==, "text");
    g_clear_error (&error);
  }

  /* The buyer accepts: resolved. */
  {
    g_autoptr (RdAction) accept = rd_action_new ();
    g_autoptr (RdCase) done = NULL;

    accept->id = g_uuid_string_random ();
    accept->type = RD_ACTION_TYPE_ACCEPT_OFFER;
    accept->offer_id = g_strdup (((RdOffer *) g_ptr_array_index (after_offer->offers,
                                                                 after_offer->offers->len - 1))->id);
    done = post_action (buyer, kase->id, accept, after_offer->version, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (done->status, ==, RD_STATUS_RESOLVED);
    g_assert_nonnull (done->resolution);
    g_assert_cmpint (done->resolution->outcome, ==, RD_RESOLUTION_OUTCOME_PARTIALLY_REFUNDED);
  }
}

static void
test_test_clock (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (RdApi) seller = login (fixture, "kai");
  g_autoptr (RdCase) kase = case_in_status (seller, RD_STATUS_AWAITING_SELLER);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) later = NULL;

  g_assert_nonnull (kase->respond_by);
  {
    /* Ten days on (within a session's life), every seller deadline of
     * three business days has passed and the sweep ran. */
    g_autoptr (GAsyncResult) r =
      RD_TEST_AWAIT (rd_api_test_clock_advance_async (seller, 10 * 24 * 3600, NULL, RD_TEST_CB));

    g_assert_true (rd_api_test_clock_advance_finish (seller, r, &error));
    g_assert_no_error (error);
  }
  later = rd_test_get_case (seller, kase->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (later->status, ==, RD_STATUS_UNDER_REVIEW);
  g_assert_cmpint (later->version, >, kase->version);
}

/* --- Evidence ---------------------------------------------------------------------------- */

static RdEvidence *
upload (RdApi       *api,
        const char  *id,
        const char  *case_id,
        GBytes      *bytes,
        const char  *mime,
        const char  *filename,
        gboolean    *replayed,
        GError     **error)
{
  g_autoptr (GAsyncResult) r =
    RD_TEST_AWAIT (rd_api_put_evidence_async (api, id, case_id, bytes, mime, filename, NULL,
                                              RD_TEST_CB));
  return rd_api_put_evidence_finish (api, r, replayed, error);
}

static GBytes *
download (RdApi       *api,
          const char  *id,
          GError     **error)
{
  g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_get_evidence_async (api, id, NULL,
                                                                         RD_TEST_CB));
  return rd_api_get_evidence_finish (api, r, error);
}

static void
test_evidence (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (RdApi) seller = login (fixture, "kai");
  g_autoptr (RdCase) kase = case_in_status (seller, RD_STATUS_AWAITING_SELLER);
  g_autoptr (RdApi) buyer = NULL;
  g_autoptr (RdApi) stranger = NULL;
  g_autoptr (GBytes) png = g_bytes_new_static (tiny_png, sizeof tiny_png);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autoptr (RdEvidence) evidence = NULL;
  g_autoptr (RdCase) after = NULL;
  gboolean replayed = TRUE;
  gboolean buyer_is_ana = g_str_equal (kase->buyer->id, "u-ana");

  buyer = login (fixture, buyer_is_ana ? "ana" : "li");
  stranger = login (fixture, buyer_is_ana ? "li" : "ana");

  /* A name in any script, shown to the other party as it was. */
  evidence = upload (buyer, id, kase->id, png, "image/png", "Straße 照片.png", &replayed, &error);
  g_assert_no_error (error);
  g_assert_false (replayed);
  g_assert_cmpstr (evidence->id, ==, id);
  g_assert_cmpstr (evidence->sha256, ==, sha);
  g_assert_cmpint (evidence->size, ==, sizeof tiny_png);
  g_assert_cmpstr (evidence->mime, ==, "image/png");
  g_assert_cmpstr (evidence->filename, ==, "Straße 照片.png");

  /* A retry is answered as the first upload was. */
  {
    g_autoptr (RdEvidence) again = upload (buyer, id, kase->id, png, "image/png", "Straße 照片.png",
                                           &replayed, &error);

    g_assert_no_error (error);
    g_assert_true (replayed);
    g_assert_cmpstr (again->sha256, ==, sha);
  }

  /* It is on the case now. */
  after = rd_test_get_case (seller, kase->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->evidence->len, ==, kase->evidence->len + 1);

  /* Both parties download the same bytes; nobody else can. */
  {
    g_autoptr (GBytes) by_seller = download (seller, id, &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (by_seller, png));
  }
  {
    g_autoptr (GBytes) by_stranger = download (stranger, id, &error);

    g_assert_null (by_stranger);
    g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Bytes that are not what they claim to be. */
  {
    g_autofree char *id2 = g_uuid_string_random ();
    g_autoptr (GBytes) text = g_bytes_new_static ("just some text, no image", 24);
    g_autoptr (RdEvidence) refused = upload (buyer, id2, kase->id, text, "image/png", "fake.png",
                                             NULL, &error);

    g_assert_null (refused);
    g_assert_error (error, RD_ERROR, RD_ERROR_UNSUPPORTED_MEDIA_TYPE);
    g_clear_error (&error);
  }

  /* An upload from a file. */
  {
    g_autofree char *path = g_build_filename (fixture->tmpdir, "photo.png", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autofree char *id3 = g_uuid_string_random ();
    g_autoptr (GAsyncResult) r = NULL;
    g_autoptr (RdEvidence) from_file = NULL;

    g_assert_true (g_file_set_contents (path, (const char *) tiny_png, sizeof tiny_png, NULL));
    r = RD_TEST_AWAIT (rd_api_put_evidence_file_async (buyer, id3, kase->id, file, "image/png",
                                                       "photo.png", NULL, RD_TEST_CB));
    from_file = rd_api_put_evidence_finish (buyer, r, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (from_file->sha256, ==, sha);
  }
}

static gboolean
result_is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
test_evidence_cache (Fixture       *fixture,
                     gconstpointer  data)
{
  RdFaultProxy *proxy = rd_fault_proxy_new (rd_test_platform_get_port (fixture->platform));
  g_autoptr (RdApi) direct = login (fixture, "kai");
  g_autoptr (RdApi) api = NULL;
  g_autoptr (RdCase) kase = case_in_status (direct, RD_STATUS_AWAITING_SELLER);
  g_autoptr (GBytes) png = g_bytes_new_static (tiny_png, sizeof tiny_png);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *dir = g_build_filename (fixture->tmpdir, "cache", NULL);
  g_autoptr (RdEvidence) evidence = NULL;
  g_autoptr (RdEvidenceCache) cache = NULL;
  g_autoptr (GFile) first = NULL;
  g_autoptr (GFile) second = NULL;
  guint requests;

  evidence = upload (direct, id, kase->id, png, "image/png", "receipt.png", NULL, &error);
  g_assert_no_error (error);

  /* The cache's client goes through the proxy, which counts its requests. */
  api = rd_api_new (rd_fault_proxy_get_url (proxy), &error);
  g_assert_no_error (error);
  rd_api_set_token (api, rd_api_get_token (direct));
  cache = rd_evidence_cache_new (api, dir);
  g_assert_null (rd_evidence_cache_lookup (cache, evidence->sha256));

  {
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_evidence_cache_fetch_async (cache, evidence,
                                                                               NULL, RD_TEST_CB));
    first = rd_evidence_cache_fetch_finish (cache, r, &error);
    g_assert_no_error (error);
  }
  {
    g_autofree char *expected = g_build_filename (dir, evidence->sha256, NULL);
    g_autofree char *path = g_file_get_path (first);
    g_autofree char *contents = NULL;
    gsize len = 0;

    g_assert_cmpstr (path, ==, expected);
    g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
    g_assert_cmpmem (contents, len, tiny_png, sizeof tiny_png);
  }
  requests = rd_fault_proxy_get_requests (proxy);
  g_assert_cmpuint (requests, ==, 1);

  /* Fetched once: the second time comes from disk, even with the platform
   * unreachable. */
  rd_fault_proxy_set_fault (proxy, RD_FAULT_REFUSE, 0, NULL, -1);
  {
    g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_evidence_cache_fetch_async (cache, evidence,
                                                                               NULL, RD_TEST_CB));
    second = rd_evidence_cache_fetch_finish (cache, r, &error);
    g_assert_no_error (error);
  }
  g_assert_true (g_file_equal (first, second));
  g_assert_cmpuint (rd_fault_proxy_get_requests (proxy), ==, requests);
  rd_fault_proxy_clear_fault (proxy);

  /* Bytes that do not match the evidence's hash are not kept. */
  {
    g_autoptr (RdEvidence) lying = rd_evidence_new ();
    g_autoptr (GAsyncResult) r = NULL;
    g_autoptr (GFile) bad = NULL;
    const char *wrong = "0000000000000000000000000000000000000000000000000000000000000000";

    lying->id = g_strdup (evidence->id);
    lying->sha256 = g_strdup (wrong);
    r = RD_TEST_AWAIT (rd_evidence_cache_fetch_async (cache, lying, NULL, RD_TEST_CB));
    bad = rd_evidence_cache_fetch_finish (cache, r, &error);
    g_assert_null (bad);
    g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
    g_clear_error (&error);
    g_assert_null (rd_evidence_cache_lookup (cache, wrong));
  }

  /* A hash that is not one never becomes a path. */
  {
    g_autoptr (RdEvidence) evil = rd_evidence_new ();
    g_autoptr (GAsyncResult) r = NULL;
    g_autoptr (GFile) none = NULL;

    evil->id = g_strdup (evidence->id);
    evil->sha256 = g_strdup ("../../../../etc/passwd");
    requests = rd_fault_proxy_get_requests (proxy);
    r = RD_TEST_AWAIT (rd_evidence_cache_fetch_async (cache, evil, NULL, RD_TEST_CB));
    none = rd_evidence_cache_fetch_finish (cache, r, &error);
    g_assert_null (none);
    g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
    g_clear_error (&error);
    g_assert_cmpuint (rd_fault_proxy_get_requests (proxy), ==, requests);
  }

  /* Two views asking at once share one download. */
  {
    g_autofree char *id2 = g_uuid_string_random ();
    g_autoptr (GBytes) other = NULL;
    g_autoptr (RdEvidence) evidence2 = NULL;
    GAsyncResult *r1 = NULL;
    GAsyncResult *r2 = NULL;
    g_autoptr (GFile) f1 = NULL;
    g_autoptr (GFile) f2 = NULL;
    guint8 *bytes = g_memdup2 (tiny_png, sizeof tiny_png);

    /* Different bytes (a different hash): append a byte after IEND. */
    bytes = g_realloc (bytes, sizeof tiny_png + 1);
    bytes[sizeof tiny_png] = 0;
    other = g_bytes_new_take (bytes, sizeof tiny_png + 1);
    evidence2 = upload (direct, id2, kase->id, other, "image/png", "second.png", NULL, &error);
    g_assert_no_error (error);

    requests = rd_fault_proxy_get_requests (proxy);
    rd_evidence_cache_fetch_async (cache, evidence2, NULL, rd_test_store_result, &r1);
    rd_evidence_cache_fetch_async (cache, evidence2, NULL, rd_test_store_result, &r2);
    g_assert_true (rd_test_wait_until (result_is_set, &r1, 30000));
    g_assert_true (rd_test_wait_until (result_is_set, &r2, 30000));
    f1 = rd_evidence_cache_fetch_finish (cache, r1, &error);
    g_assert_no_error (error);
    f2 = rd_evidence_cache_fetch_finish (cache, r2, &error);
    g_assert_no_error (error);
    g_assert_true (g_file_equal (f1, f2));
    g_assert_cmpuint (rd_fault_proxy_get_requests (proxy), ==, requests + 1);
    g_clear_object (&r1);
    g_clear_object (&r2);
  }

  /* A local copy whose bytes match moves in without a download. */
  {
    g_autofree char *path = g_build_filename (fixture->tmpdir, "local.png", NULL);
    g_autoptr (GFile) local = g_file_new_for_path (path);
    g_autofree char *sha = NULL;
    guint8 bytes[sizeof tiny_png + 2];
    g_autoptr (GBytes) b = NULL;

    memcpy (bytes, tiny_png, sizeof tiny_png);
    bytes[sizeof tiny_png] = 1;
    bytes[sizeof tiny_png + 1] = 2;
    b = g_bytes_new (bytes, sizeof bytes);
    sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, b);
    g_assert_true (g_file_set_contents (path, (const char *) bytes, sizeof bytes, NULL));
    g_assert_false (rd_evidence_cache_adopt (cache, evidence->sha256, local, &error));
    g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
    g_clear_error (&error);
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    g_assert_true (rd_evidence_cache_adopt (cache, sha, local, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_clear_object (&local);
    local = rd_evidence_cache_lookup (cache, sha);
    g_assert_nonnull (local);
  }

  g_clear_object (&cache);
  g_clear_object (&api);
  rd_fault_proxy_free (proxy);
}

/* --- Transport failures ---------------------------------------------------------------------- */

typedef struct
{
  RdTestPlatform *platform;
  RdFaultProxy   *proxy;
  RdApi          *api;
} ProxyFixture;

static void
proxy_set_up (ProxyFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdApi) direct = NULL;

  fixture->platform = rd_test_platform_start (NULL, demo_args);
  fixture->proxy = rd_fault_proxy_new (rd_test_platform_get_port (fixture->platform));
  direct = rd_test_login (rd_test_platform_get_url (fixture->platform), "ana", "demo", &error);
  g_assert_no_error (error);
  fixture->api = rd_api_new (rd_fault_proxy_get_url (fixture->proxy), &error);
  g_assert_no_error (error);
  rd_api_set_token (fixture->api, rd_api_get_token (direct));
}

static void
proxy_tear_down (ProxyFixture  *fixture,
                 gconstpointer  data)
{
  g_clear_object (&fixture->api);
  rd_fault_proxy_free (fixture->proxy);
  rd_test_platform_stop (fixture->platform);
}

static RdUser *
me (RdApi         *api,
    GAsyncResult **result_out,
    GError       **error)
{
  g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_me_async (api, NULL, RD_TEST_CB));
  RdUser *user = rd_api_me_finish (api, r, error);

  if (result_out != NULL)
    *result_out = g_steal_pointer (&r);
  return user;
}

static void
test_errors_server (ProxyFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (GAsyncResult) r = NULL;
    g_autoptr (RdUser) user = NULL;

    rd_fault_proxy_set_fault (fixture->proxy, RD_FAULT_HTTP_502, 0, NULL, 1);
    user = me (fixture->api, &r, &error);
    g_assert_null (user);
    g_assert_error (error, RD_ERROR, RD_ERROR_SERVER);
    g_assert_cmpuint (rd_api_result_get_status (r), ==, 502);
    g_assert_cmpuint (rd_api_result_get_retry_after (r), ==, 0);
    g_clear_error (&error);
  }
  {
    g_autoptr (GAsyncResult) r = NULL;
    g_autoptr (RdUser) user = NULL;

    rd_fault_proxy_set_fault (fixture->proxy, RD_FAULT_HTTP_503, 7, NULL, 1);
    user = me (fixture->api, &r, &error);
    g_assert_null (user);
    g_assert_error (error, RD_ERROR, RD_ERROR_SERVER);
    g_assert_cmpuint (rd_api_result_get_status (r), ==, 503);
    g_assert_cmpuint (rd_api_result_get_retry_after (r), ==, 7);
    g_clear_error (&error);
  }
  {
    /* Retry-After as an HTTP date, 90 s from now. */
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr (GDateTime) when = g_date_time_add_seconds (now, 90);
    g_autofree char *text = g_date_time_format (when, "%a, %d %b %Y %H:%M:%S GMT");
    g_autoptr (GAsyncResult) r = NULL;
    g_autoptr (RdUser) user = NULL;

    rd_fault_proxy_set_retry_after_text (fixture->proxy, text);
    rd_fault_proxy_set_fault (fixture->proxy, RD_FAULT_HTTP_503, 0, NULL, 1);
    user = me (fixture->api, &r, &error);
    g_assert_null (user);
    g_assert_error (error, RD_ERROR, RD_ERROR_SERVER);
    g_assert_cmpuint (rd_api_result_get_retry_after (r), >=, 88);
    g_assert_cmpuint (rd_api_result_get_retry_after (r), <=, 91);
    g_clear_error (&error);
    rd_fault_proxy_set_retry_after_text (fixture->proxy, NULL);
  }

  /* Faults used up: through again. */
  {
    g_autoptr (RdUser) user = me (fixture->api, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (user->id, ==, "u-ana");
  }
}

static void
test_errors_network (ProxyFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  static const RdFault faults[] = {
    RD_FAULT_REFUSE, RD_FAULT_CUT_REQUEST, RD_FAULT_CUT_RESPONSE, RD_FAULT_DROP_RESPONSE,
    RD_FAULT_STALL,
  };

  rd_api_set_timeout (fixture->api, 2);
  g_assert_cmpuint (rd_api_get_timeout (fixture->api), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr (GAsyncResult) r = NULL;
      g_autoptr (RdUser) user = NULL;

      /* libsoup may try a request twice on a connection that died: let the
       * fault hold until it is cleared. */
      rd_fault_proxy_set_fault (fixture->proxy, faults[i], 20, NULL, -1);
      user = me (fixture->api, &r, &error);
      g_assert_null (user);
      g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
      g_assert_cmpuint (rd_api_result_get_status (r), ==, 0);
      /* The user reads what happened, not a socket error alone. */
      g_assert_true (g_str_has_prefix (error->message, rd_error_code_label (RD_ERROR_NETWORK)));
      g_clear_error (&error);
      rd_fault_proxy_clear_fault (fixture->proxy);
      rd_fault_proxy_close_all (fixture->proxy);
    }

  /* Nothing listening at all. */
  {
    RdFaultProxy *dead = rd_fault_proxy_new (0);
    g_autoptr (RdApi) api = rd_api_new (rd_fault_proxy_get_url (dead), &error);
    g_autoptr (RdUser) user = NULL;

    g_assert_no_error (error);
    user = me (api, NULL, &error);
    g_assert_null (user);
    g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
    g_clear_error (&error);
    g_clear_object (&api);
    rd_fault_proxy_free (dead);
  }

  /* Latency alone is not a failure. */
  {
    g_autoptr (RdUser) user = NULL;

    rd_fault_proxy_set_fault (fixture->proxy, RD_FAULT_LATENCY, 300, NULL, -1);
    user = me (fixture->api, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (user);
    rd_fault_proxy_clear_fault (fixture->proxy);
  }
}

/* libsoup re-sends a PUT by itself when a kept-alive connection dies under
 * it; the re-sent request must carry its body, or the platform answers 422
 * to a case that it has in fact filed. */
static void
test_put_resent_with_body (ProxyFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr (GPtrArray) drafts = rd_test_fileable_drafts (fixture->api);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr (RdUser) user = NULL;
  g_autoptr (GAsyncResult) r = NULL;
  g_autoptr (RdCase) kase = NULL;
  gboolean replayed = FALSE;

  g_assert_cmpuint (drafts->len, >=, 1);
  /* A connection to keep alive... */
  user = me (fixture->api, NULL, &error);
  g_assert_no_error (error);
  /* ...that dies after the platform filed the case. */
  rd_fault_proxy_set_fault (fixture->proxy, RD_FAULT_DROP_RESPONSE, 0, "PUT /v1/cases/", 1);
  r = RD_TEST_AWAIT (rd_api_put_case_async (fixture->api, id, g_ptr_array_index (drafts, 0), NULL,
                                            RD_TEST_CB));
  kase = rd_api_put_case_finish (fixture->api, r, &replayed, &error);
  g_assert_cmpuint (rd_fault_proxy_get_faults (fixture->proxy), ==, 1);
  if (kase == NULL)
    {
      /* Not re-sent: a network error, never a refusal. */
      g_assert_error (error, RD_ERROR, RD_ERROR_NETWORK);
    }
  else
    {
      /* Re-sent whole: the platform recognised its own case. */
      g_assert_no_error (error);
      g_assert_true (replayed);
      g_assert_cmpstr (kase->id, ==, id);
    }
}

static void
test_cancel (ProxyFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) r = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdUser) user = NULL;
  GAsyncResult *pending = NULL;

  rd_fault_proxy_set_fault (fixture->proxy, RD_FAULT_STALL, 0, NULL, -1);
  rd_api_me_async (fixture->api, cancellable, rd_test_store_result, &pending);
  rd_test_run_for (100);
  g_cancellable_cancel (cancellable);
  r = rd_test_wait_result (&pending, 10);
  user = rd_api_me_finish (fixture->api, r, &error);
  g_assert_null (user);
  g_assert_error (error, RD_ERROR, RD_ERROR_CANCELLED);
  rd_fault_proxy_clear_fault (fixture->proxy);
  rd_fault_proxy_close_all (fixture->proxy);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api/url/insecure-refused", test_url_insecure);
  g_test_add_func ("/api/url/normalised", test_url_normalised);
  g_test_add ("/api/session/login-me-logout", Fixture, NULL, fixture_set_up, test_session,
              fixture_tear_down);
  g_test_add ("/api/session/bad-password-rate-limited", Fixture, NULL, fixture_set_up,
              test_session_bad_password, fixture_tear_down);
  g_test_add ("/api/config", Fixture, NULL, fixture_set_up, test_config, fixture_tear_down);
  g_test_add ("/api/changes/pages-and-cursors", Fixture, NULL, fixture_set_up, test_changes,
              fixture_tear_down);
  g_test_add ("/api/case/put-replay-conflict", Fixture, NULL, fixture_set_up, test_case_put,
              fixture_tear_down);
  g_test_add ("/api/case/get-not-found", Fixture, NULL, fixture_set_up, test_case_get,
              fixture_tear_down);
  g_test_add ("/api/action/if-match-and-problems", Fixture, NULL, fixture_set_up, test_actions,
              fixture_tear_down);
  g_test_add ("/api/test-clock", Fixture, NULL, fixture_set_up, test_test_clock,
              fixture_tear_down);
  g_test_add ("/api/evidence/upload-download", Fixture, NULL, fixture_set_up, test_evidence,
              fixture_tear_down);
  g_test_add ("/api/evidence/cache", Fixture, NULL, fixture_set_up, test_evidence_cache,
              fixture_tear_down);
  g_test_add ("/api/errors/server-and-retry-after", ProxyFixture, NULL, proxy_set_up,
              test_errors_server, proxy_tear_down);
  g_test_add ("/api/errors/network", ProxyFixture, NULL, proxy_set_up, test_errors_network,
              proxy_tear_down);
  g_test_add ("/api/case/put-resent-with-body", ProxyFixture, NULL, proxy_set_up,
              test_put_resent_with_body, proxy_tear_down);
  g_test_add ("/api/errors/cancelled", ProxyFixture, NULL, proxy_set_up, test_cancel,
              proxy_tear_down);

  return g_test_run ();
}
