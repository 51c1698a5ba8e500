/* test-enums.c — every closed set of API.md round-trips through its wire word
 * and has a translated label that never is the wire word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-enums.h"
#include "rd-error.h"

typedef struct
{
  const char *name;
  guint n;
  const char *(*to_string) (guint);
  gboolean (*from_string) (const char *, guint *);
  const char *(*label) (guint);
  const char * const *expected;  /* the words of API.md, in order */
} EnumCase;

#define ENUM(n_, NAME, ...) \
  { #n_, NAME##_N_VALUES, (const char *(*) (guint)) rd_##n_##_to_string, \
    (gboolean (*) (const char *, guint *)) rd_##n_##_from_string, \
    (const char *(*) (guint)) rd_##n_##_label, (const char * const[]) { __VA_ARGS__, NULL } }

static const EnumCase cases[] = {
  ENUM (role, RD_ROLE, "buyer", "seller", "agent", "platform"),
  ENUM (reason, RD_REASON, "defective", "damaged_in_transit", "not_as_described", "wrong_item",
        "missing_parts", "not_received", "counterfeit", "other"),
  ENUM (outcome_type, RD_OUTCOME_TYPE, "full_refund", "partial_refund", "replacement", "repair",
        "return_and_refund"),
  ENUM (status, RD_STATUS, "awaiting_seller", "awaiting_buyer", "return_pending", "under_review",
        "resolved"),
  ENUM (turn, RD_TURN, "buyer", "seller", "agent", "none"),
  ENUM (expiry, RD_EXPIRY, "none", "escalate", "expire"),
  ENUM (resolution_outcome, RD_RESOLUTION_OUTCOME, "refunded", "partially_refunded", "replaced",
        "repaired", "rejected", "withdrawn", "expired"),
  ENUM (resolution_by, RD_RESOLUTION_BY, "agreement", "seller", "platform", "deadline"),
  ENUM (offer_status, RD_OFFER_STATUS, "pending", "accepted", "rejected", "superseded"),
  ENUM (event_type, RD_EVENT_TYPE, "created", "message", "evidence", "offer", "offer_accepted",
        "offer_rejected", "claim_accepted", "escalated", "deadline_missed", "return_shipped",
        "return_received", "ruled", "withdrawn", "resolved", "rated"),
  ENUM (action_type, RD_ACTION_TYPE, "message", "offer", "accept_claim", "accept_offer",
        "reject_offer", "escalate", "withdraw", "ship_return", "confirm_return", "rule", "rate"),
  ENUM (decision, RD_DECISION, "buyer", "seller", "split"),
};

static void
test_enum_round_trip (gconstpointer data)
{
  const EnumCase *ec = data;
  guint i;

  for (i = 0; ec->expected[i] != NULL; i++)
    {
      guint value = G_MAXUINT;
      const char *label;

      g_assert_cmpstr (ec->to_string (i), ==, ec->expected[i]);
      g_assert_true (ec->from_string (ec->expected[i], &value));
      g_assert_cmpuint (value, ==, i);

      label = ec->label (i);
      g_assert_nonnull (label);
      g_assert_cmpuint (strlen (label), >, 0);
      /* A user never reads a wire word. */
      g_assert_cmpstr (label, !=, ec->expected[i]);
    }
  g_assert_cmpuint (i, ==, ec->n);

  g_assert_false (ec->from_string (NULL, NULL));
  g_assert_false (ec->from_string ("", NULL));
  g_assert_false (ec->from_string ("AWAITING_SELLER", NULL));
  g_assert_false (ec->from_string ("buyer ", NULL));
  g_assert_null (ec->to_string (ec->n));
  g_assert_cmpstr (ec->label (ec->n + 7), ==, "Unknown");
}

static void
test_error_codes (void)
{
  static const struct { const char *word; guint status; } table[] = {
    { "unauthorized", 401 }, { "forbidden", 403 }, { "not_found", 404 },
    { "validation_failed", 422 }, { "invalid_transition", 409 }, { "id_conflict", 409 },
    { "version_mismatch", 412 }, { "filing_window_closed", 422 }, { "duplicate_case", 409 },
    { "too_large", 413 }, { "unsupported_media_type", 415 }, { "precondition_required", 428 },
    { "cursor_expired", 410 }, { "rate_limited", 429 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      RdErrorCode code;

      g_assert_true (rd_error_code_from_string (table[i].word, &code));
      g_assert_cmpstr (rd_error_code_to_string (code), ==, table[i].word);
      g_assert_cmpuint (rd_error_code_http_status (code), ==, table[i].status);
      g_assert_cmpstr (rd_error_code_label (code), !=, table[i].word);
    }
  for (guint c = RD_ERROR_N_WIRE_CODES; c <= RD_ERROR_FAILED; c++)
    {
      g_assert_null (rd_error_code_to_string (c));
      g_assert_nonnull (rd_error_code_label (c));
    }
  g_assert_false (rd_error_code_from_string ("teapot", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/enums/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_enum_round_trip);
    }
  g_test_add_func ("/enums/error-codes", test_error_codes);

  return g_test_run ();
}
