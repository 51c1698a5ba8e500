/* test-policy.c — the rules of API.md as the client and the platform apply
 * them: the action table for every role and status, what each action leads
 * to, the deadlines in business days, and the filing windows to the second.
 *
 * Every row of every table is its own test case, so that a failure names the
 * row and the count shows how much is covered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-policy.h"

#define BIT(a) (1u << RD_ACTION_TYPE_##a)

static GDateTime *
dt (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return t;
}

static char *
dt_string (GDateTime *t)
{
  g_autoptr(GDateTime) utc = NULL;

  if (t == NULL)
    return g_strdup ("(null)");
  utc = g_date_time_to_utc (t);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ %a");
}

/* Compares times as readable text, so that a failure shows both. */
static void
assert_time (GDateTime  *actual,
             const char *expected_iso)
{
  g_autoptr(GDateTime) expected = dt (expected_iso);
  g_autofree char *a = dt_string (actual);
  g_autofree char *e = dt_string (expected);

  g_assert_cmpstr (a, ==, e);
  g_assert_true (g_date_time_equal (actual, expected));
}

/* ------------------------------------------------------------------ */
/* The action table                                                   */

#define NOW "2026-04-08T12:00:00Z"

typedef enum
{
  DEADLINE_NONE,
  DEADLINE_FUTURE,   /* an hour from now */
  DEADLINE_NOW,      /* exactly now */
  DEADLINE_PAST,     /* a second ago */
} DeadlineAt;

typedef struct
{
  const char    *name;
  RdStatus       status;
  DeadlineAt     respond_by;
  RdOfferStatus  offers[3];
  guint          n_offers;
  gboolean       return_shipped;
  gboolean       rated;
  /* What each may do; anybody else (another buyer or seller, the
   * platform) may do nothing. */
  guint          buyer;
  guint          seller;
  guint          agent;
} ActionScenario;

static const ActionScenario action_scenarios[] = {
  { "awaiting_seller/before-deadline", RD_STATUS_AWAITING_SELLER, DEADLINE_FUTURE, { 0 }, 0, FALSE, FALSE,
    BIT (MESSAGE) | BIT (WITHDRAW),
    BIT (MESSAGE) | BIT (OFFER) | BIT (ACCEPT_CLAIM),
    0 },
  { "awaiting_seller/no-deadline", RD_STATUS_AWAITING_SELLER, DEADLINE_NONE, { 0 }, 0, FALSE, FALSE,
    BIT (MESSAGE) | BIT (WITHDRAW),
    BIT (MESSAGE) | BIT (OFFER) | BIT (ACCEPT_CLAIM),
    0 },
  { "awaiting_seller/at-deadline", RD_STATUS_AWAITING_SELLER, DEADLINE_NOW, { 0 }, 0, FALSE, FALSE,
    BIT (MESSAGE) | BIT (WITHDRAW) | BIT (ESCALATE),
    BIT (MESSAGE) | BIT (OFFER) | BIT (ACCEPT_CLAIM) | BIT (ESCALATE),
    0 },
  { "awaiting_seller/after-deadline", RD_STATUS_AWAITING_SELLER, DEADLINE_PAST, { 0 }, 0, FALSE, FALSE,
    BIT (MESSAGE) | BIT (WITHDRAW) | BIT (ESCALATE),
    BIT (MESSAGE) | BIT (OFFER) | BIT (ACCEPT_CLAIM) | BIT (ESCALATE),
    0 },
  { "awaiting_seller/after-rejected-offer", RD_STATUS_AWAITING_SELLER, DEADLINE_FUTURE,
    { RD_OFFER_STATUS_REJECTED }, 1, FALSE, FALSE,
    BIT (MESSAGE) | BIT (WITHDRAW) | BIT (ESCALATE),
    BIT (MESSAGE) | BIT (OFFER) | BIT (ACCEPT_CLAIM) | BIT (ESCALATE),
    0 },
  { "awaiting_seller/after-superseded-offer", RD_STATUS_AWAITING_SELLER, DEADLINE_FUTURE,
    { RD_OFFER_STATUS_SUPERSEDED }, 1, FALSE, FALSE,
    BIT (MESSAGE) | BIT (WITHDRAW),
    BIT (MESSAGE) | BIT (OFFER) | BIT (ACCEPT_CLAIM),
    0 },
  { "awaiting_buyer/pending-offer", RD_STATUS_AWAITING_BUYER, DEADLINE_FUTURE,
    { RD_OFFER_STATUS_PENDING }, 1, FALSE, FALSE,
    BIT (MESSAGE) | BIT (ACCEPT_OFFER) | BIT (REJECT_OFFER) | BIT (ESCALATE) | BIT (WITHDRAW),
    BIT (MESSAGE) | BIT (ESCALATE),
    0 },
  { "awaiting_buyer/new-offer-after-rejected", RD_STATUS_AWAITING_BUYER, DEADLINE_FUTURE,
    { RD_OFFER_STATUS_REJECTED, RD_OFFER_STATUS_PENDING }, 2, FALSE, FALSE,
    BIT (MESSAGE) | BIT (ACCEPT_OFFER) | BIT (REJECT_OFFER) | BIT (ESCALATE) | BIT (WITHDRAW),
    BIT (MESSAGE) | BIT (ESCALATE),
    0 },
  { "awaiting_buyer/no-pending-offer", RD_STATUS_AWAITING_BUYER, DEADLINE_FUTURE,
    { RD_OFFER_STATUS_SUPERSEDED }, 1, FALSE, FALSE,
    BIT (MESSAGE) | BIT (ESCALATE) | BIT (WITHDRAW),
    BIT (MESSAGE) | BIT (ESCALATE),
    0 },
  { "return_pending/not-shipped", RD_STATUS_RETURN_PENDING, DEADLINE_FUTURE,
    { RD_OFFER_STATUS_ACCEPTED }, 1, FALSE, FALSE,
    BIT (MESSAGE) | BIT (WITHDRAW) | BIT (SHIP_RETURN),
    BIT (MESSAGE),
    0 },
  { "return_pending/shipped", RD_STATUS_RETURN_PENDING, DEADLINE_FUTURE,
    { RD_OFFER_STATUS_ACCEPTED }, 1, TRUE, FALSE,
    BIT (MESSAGE) | BIT (WITHDRAW),
    BIT (MESSAGE) | BIT (CONFIRM_RETURN),
    0 },
  { "under_review", RD_STATUS_UNDER_REVIEW, DEADLINE_NONE, { 0 }, 0, FALSE, FALSE,
    BIT (MESSAGE) | BIT (WITHDRAW),
    BIT (MESSAGE),
    BIT (MESSAGE) | BIT (RULE) },
  /* Neither a passed deadline nor a rejected offer opens escalation
   * outside the statuses of the table. */
  { "under_review/stale-deadline-and-rejected-offer", RD_STATUS_UNDER_REVIEW, DEADLINE_PAST,
    { RD_OFFER_STATUS_REJECTED }, 1, FALSE, FALSE,
    BIT (MESSAGE) | BIT (WITHDRAW),
    BIT (MESSAGE),
    BIT (MESSAGE) | BIT (RULE) },
  { "resolved/unrated", RD_STATUS_RESOLVED, DEADLINE_NONE, { 0 }, 0, FALSE, FALSE,
    BIT (RATE), 0, 0 },
  { "resolved/rated", RD_STATUS_RESOLVED, DEADLINE_NONE, { 0 }, 0, FALSE, TRUE,
    0, 0, 0 },
};

typedef enum
{
  ACTOR_BUYER,
  ACTOR_SELLER,
  ACTOR_AGENT,
  ACTOR_OTHER_BUYER,
  ACTOR_OTHER_SELLER,
  ACTOR_SELLER_AS_BUYER,  /* the case's seller, claiming the buyer role */
  ACTOR_PLATFORM,
  N_ACTORS
} Actor;

static const struct
{
  const char *name;
  RdRole      role;
  const char *user_id;
} actors[N_ACTORS] = {
  [ACTOR_BUYER] = { "buyer", RD_ROLE_BUYER, "u-buyer" },
  [ACTOR_SELLER] = { "seller", RD_ROLE_SELLER, "u-seller" },
  [ACTOR_AGENT] = { "agent", RD_ROLE_AGENT, "u-agent" },
  [ACTOR_OTHER_BUYER] = { "other-buyer", RD_ROLE_BUYER, "u-other-buyer" },
  [ACTOR_OTHER_SELLER] = { "other-seller", RD_ROLE_SELLER, "u-other-seller" },
  [ACTOR_SELLER_AS_BUYER] = { "seller-as-buyer", RD_ROLE_BUYER, "u-seller" },
  [ACTOR_PLATFORM] = { "platform", RD_ROLE_PLATFORM, "u-platform" },
};

typedef struct
{
  const ActionScenario *scenario;
  Actor actor;
} ActionRow;

static RdCase *
make_case (RdStatus      status,
           RdOutcomeType requested)
{
  RdCase *kase = rd_case_new ();

  kase->id = g_strdup ("case-1");
  kase->buyer = rd_party_new ("u-buyer", "Ana");
  kase->seller = rd_party_new ("u-seller", "Kai's Gadgets");
  kase->reason = RD_REASON_DEFECTIVE;
  kase->requested_type = requested;
  kase->status = status;
  switch (status)
    {
    case RD_STATUS_AWAITING_SELLER:
    case RD_STATUS_RETURN_PENDING:
      kase->turn = RD_TURN_SELLER;
      break;
    case RD_STATUS_AWAITING_BUYER:
      kase->turn = RD_TURN_BUYER;
      break;
    case RD_STATUS_UNDER_REVIEW:
      kase->turn = RD_TURN_AGENT;
      break;
    case RD_STATUS_RESOLVED:
    default:
      kase->turn = RD_TURN_NONE;
      break;
    }
  return kase;
}

static void
add_event (RdCase      *kase,
           RdEventType  type)
{
  RdEvent *event = rd_event_new ();

  event->id = g_strdup_printf ("event-%u", kase->events->len);
  event->type = type;
  event->at = dt (NOW);
  g_ptr_array_add (kase->events, event);
}

static RdCase *
make_scenario_case (const ActionScenario *s,
                    GDateTime            *now)
{
  RdCase *kase = make_case (s->status, RD_OUTCOME_TYPE_FULL_REFUND);

  add_event (kase, RD_EVENT_TYPE_CREATED);
  switch (s->respond_by)
    {
    case DEADLINE_FUTURE:
      kase->respond_by = g_date_time_add_hours (now, 1);
      break;
    case DEADLINE_NOW:
      kase->respond_by = g_date_time_ref (now);
      break;
    case DEADLINE_PAST:
      kase->respond_by = g_date_time_add_seconds (now, -1);
      break;
    case DEADLINE_NONE:
    default:
      break;
    }

  for (guint i = 0; i < s->n_offers; i++)
    {
      RdOffer *offer = rd_offer_new ();

      offer->id = g_strdup_printf ("offer-%u", i);
      offer->type = RD_OUTCOME_TYPE_PARTIAL_REFUND;
      offer->amount = rd_money_new (500, "EUR");
      offer->status = s->offers[i];
      offer->at = dt ("2026-04-07T09:00:00Z");
      g_ptr_array_add (kase->offers, offer);
      add_event (kase, RD_EVENT_TYPE_OFFER);
    }
  if (s->return_shipped)
    add_event (kase, RD_EVENT_TYPE_RETURN_SHIPPED);
  if (s->status == RD_STATUS_RESOLVED)
    kase->resolution = rd_resolution_new (RD_RESOLUTION_OUTCOME_REFUNDED, NULL,
                                          RD_RESOLUTION_BY_SELLER, now);
  if (s->rated)
    kase->rating = rd_rating_new (4, NULL);
  return kase;
}

static char *
mask_to_string (guint mask)
{
  GString *s = g_string_new (NULL);

  for (guint a = 0; a < RD_ACTION_TYPE_N_VALUES; a++)
    if (mask & (1u << a))
      {
        if (s->len > 0)
          g_string_append_c (s, ' ');
        g_string_append (s, rd_action_type_to_string (a));
      }
  if (s->len == 0)
    g_string_append (s, "(nothing)");
  return g_string_free (s, FALSE);
}

static void
test_action_row (gconstpointer data)
{
  const ActionRow *row = data;
  const ActionScenario *s = row->scenario;
  g_autoptr(GDateTime) now = dt (NOW);
  g_autoptr(RdCase) kase = make_scenario_case (s, now);
  guint expected = 0;
  guint mask;
  g_autofree char *expected_str = NULL;
  g_autofree char *mask_str = NULL;

  switch (row->actor)
    {
    case ACTOR_BUYER:
      expected = s->buyer;
      break;
    case ACTOR_SELLER:
      expected = s->seller;
      break;
    case ACTOR_AGENT:
      expected = s->agent;
      break;
    case ACTOR_OTHER_BUYER:
    case ACTOR_OTHER_SELLER:
    case ACTOR_SELLER_AS_BUYER:
    case ACTOR_PLATFORM:
    case N_ACTORS:
    default:
      expected = 0;
      break;
    }

  mask = rd_policy_allowed_actions (kase, actors[row->actor].role, actors[row->actor].user_id, now);
  expected_str = mask_to_string (expected);
  mask_str = mask_to_string (mask);
  g_assert_cmpstr (mask_str, ==, expected_str);

  /* rd_policy_may () agrees, action by action, allowed and refused alike,
   * and every allowed action leads somewhere. */
  for (guint a = 0; a < RD_ACTION_TYPE_N_VALUES; a++)
    {
      gboolean may = rd_policy_may (kase, actors[row->actor].role, actors[row->actor].user_id, a, now);

      if (may != ((expected & (1u << a)) != 0))
        g_error ("%s as %s: rd_policy_may (%s) is %d",
                 s->name, actors[row->actor].name, rd_action_type_to_string (a), may);
      if (may)
        {
          RdTransition next;

          g_assert_true (rd_policy_transition (kase, a, RD_OUTCOME_TYPE_FULL_REFUND,
                                               RD_DECISION_BUYER, &next));
        }
    }
}

static void
test_actions_unknown_user (void)
{
  g_autoptr(GDateTime) now = dt (NOW);
  g_autoptr(RdCase) kase = make_case (RD_STATUS_AWAITING_BUYER, RD_OUTCOME_TYPE_FULL_REFUND);
  g_autoptr(RdCase) no_parties = make_case (RD_STATUS_AWAITING_SELLER, RD_OUTCOME_TYPE_FULL_REFUND);

  g_assert_cmpuint (rd_policy_allowed_actions (kase, RD_ROLE_BUYER, NULL, now), ==, 0);
  g_assert_cmpuint (rd_policy_allowed_actions (kase, RD_ROLE_SELLER, NULL, now), ==, 0);
  g_assert_cmpuint (rd_policy_allowed_actions (kase, RD_ROLE_BUYER, "", now), ==, 0);
  /* The buyer's id claiming to be the seller. */
  g_assert_cmpuint (rd_policy_allowed_actions (kase, RD_ROLE_SELLER, "u-buyer", now), ==, 0);
  /* An action type outside the table. */
  g_assert_false (rd_policy_may (kase, RD_ROLE_BUYER, "u-buyer", RD_ACTION_TYPE_N_VALUES, now));

  /* A case whose parties are unknown is nobody's. */
  g_clear_pointer (&no_parties->buyer, rd_party_free);
  g_clear_pointer (&no_parties->seller, rd_party_free);
  g_assert_cmpuint (rd_policy_allowed_actions (no_parties, RD_ROLE_BUYER, "u-buyer", now), ==, 0);
  g_assert_cmpuint (rd_policy_allowed_actions (no_parties, RD_ROLE_SELLER, "u-seller", now), ==, 0);
}

/* The deadline opens escalation by the clock alone: the same case, a second
 * before and at its deadline. */
static void
test_escalate_follows_clock (void)
{
  g_autoptr(GDateTime) deadline = dt ("2026-04-09T10:00:00Z");
  g_autoptr(GDateTime) before = g_date_time_add_seconds (deadline, -1);
  g_autoptr(RdCase) kase = make_case (RD_STATUS_AWAITING_SELLER, RD_OUTCOME_TYPE_FULL_REFUND);

  kase->respond_by = g_date_time_ref (deadline);
  g_assert_false (rd_policy_seller_may_escalate (kase, before));
  g_assert_false (rd_policy_may (kase, RD_ROLE_BUYER, "u-buyer", RD_ACTION_TYPE_ESCALATE, before));
  g_assert_false (rd_policy_may (kase, RD_ROLE_SELLER, "u-seller", RD_ACTION_TYPE_ESCALATE, before));
  g_assert_true (rd_policy_seller_may_escalate (kase, deadline));
  g_assert_true (rd_policy_may (kase, RD_ROLE_BUYER, "u-buyer", RD_ACTION_TYPE_ESCALATE, deadline));
  g_assert_true (rd_policy_may (kase, RD_ROLE_SELLER, "u-seller", RD_ACTION_TYPE_ESCALATE, deadline));

  /* awaiting_buyer: always; elsewhere: never. */
  kase->status = RD_STATUS_AWAITING_BUYER;
  g_assert_true (rd_policy_seller_may_escalate (kase, before));
  for (RdStatus s = RD_STATUS_RETURN_PENDING; s <= RD_STATUS_RESOLVED; s++)
    {
      kase->status = s;
      g_assert_false (rd_policy_seller_may_escalate (kase, deadline));
    }
}

/* ------------------------------------------------------------------ */
/* Transitions                                                        */

typedef struct
{
  const char          *name;
  RdStatus             from;
  RdOutcomeType        requested;
  RdActionType         action;
  RdOutcomeType        offer_type;
  RdDecision           decision;
  gboolean             ok;
  RdStatus             status;
  RdTurn               turn;
  gboolean             has_deadline;
  RdDeadlineKind       deadline;
  gboolean             resolves;
  RdResolutionOutcome  outcome;
  RdResolutionBy       by;
} TransitionRow;

#define OK .ok = TRUE
#define TO(s, t) .status = RD_STATUS_##s, .turn = RD_TURN_##t
#define DEADLINE(k) .has_deadline = TRUE, .deadline = RD_DEADLINE_##k
#define RESOLVES(o, b) .resolves = TRUE, .outcome = RD_RESOLUTION_OUTCOME_##o, .by = RD_RESOLUTION_BY_##b

static const TransitionRow transition_rows[] = {
  /* message and rate change nothing */
  { "message/awaiting_seller", RD_STATUS_AWAITING_SELLER, .action = RD_ACTION_TYPE_MESSAGE, OK,
    TO (AWAITING_SELLER, SELLER) },
  { "message/awaiting_buyer", RD_STATUS_AWAITING_BUYER, .action = RD_ACTION_TYPE_MESSAGE, OK,
    TO (AWAITING_BUYER, BUYER) },
  { "message/return_pending", RD_STATUS_RETURN_PENDING, .action = RD_ACTION_TYPE_MESSAGE, OK,
    TO (RETURN_PENDING, SELLER) },
  { "message/under_review", RD_STATUS_UNDER_REVIEW, .action = RD_ACTION_TYPE_MESSAGE, OK,
    TO (UNDER_REVIEW, AGENT) },
  { "rate/resolved", RD_STATUS_RESOLVED, .action = RD_ACTION_TYPE_RATE, OK,
    TO (RESOLVED, NONE) },

  { "offer", RD_STATUS_AWAITING_SELLER, .action = RD_ACTION_TYPE_OFFER,
    .offer_type = RD_OUTCOME_TYPE_PARTIAL_REFUND, OK,
    TO (AWAITING_BUYER, BUYER), DEADLINE (BUYER_RESPONSE) },

  { "accept_claim/full_refund", RD_STATUS_AWAITING_SELLER, RD_OUTCOME_TYPE_FULL_REFUND,
    RD_ACTION_TYPE_ACCEPT_CLAIM, OK, TO (RESOLVED, NONE), RESOLVES (REFUNDED, SELLER) },
  { "accept_claim/partial_refund", RD_STATUS_AWAITING_SELLER, RD_OUTCOME_TYPE_PARTIAL_REFUND,
    RD_ACTION_TYPE_ACCEPT_CLAIM, OK, TO (RESOLVED, NONE), RESOLVES (PARTIALLY_REFUNDED, SELLER) },
  { "accept_claim/replacement", RD_STATUS_AWAITING_SELLER, RD_OUTCOME_TYPE_REPLACEMENT,
    RD_ACTION_TYPE_ACCEPT_CLAIM, OK, TO (RESOLVED, NONE), RESOLVES (REPLACED, SELLER) },
  { "accept_claim/repair", RD_STATUS_AWAITING_SELLER, RD_OUTCOME_TYPE_REPAIR,
    RD_ACTION_TYPE_ACCEPT_CLAIM, OK, TO (RESOLVED, NONE), RESOLVES (REPAIRED, SELLER) },
  { "accept_claim/return_and_refund", RD_STATUS_AWAITING_SELLER, RD_OUTCOME_TYPE_RETURN_AND_REFUND,
    RD_ACTION_TYPE_ACCEPT_CLAIM, OK, TO (RETURN_PENDING, BUYER), DEADLINE (RETURN_SHIPPING) },

  /* What the buyer asked for does not matter once an offer is accepted. */
  { "accept_offer/full_refund", RD_STATUS_AWAITING_BUYER, RD_OUTCOME_TYPE_REPAIR,
    RD_ACTION_TYPE_ACCEPT_OFFER, RD_OUTCOME_TYPE_FULL_REFUND, OK,
    TO (RESOLVED, NONE), RESOLVES (REFUNDED, AGREEMENT) },
  { "accept_offer/partial_refund", RD_STATUS_AWAITING_BUYER, RD_OUTCOME_TYPE_FULL_REFUND,
    RD_ACTION_TYPE_ACCEPT_OFFER, RD_OUTCOME_TYPE_PARTIAL_REFUND, OK,
    TO (RESOLVED, NONE), RESOLVES (PARTIALLY_REFUNDED, AGREEMENT) },
  { "accept_offer/replacement", RD_STATUS_AWAITING_BUYER, RD_OUTCOME_TYPE_FULL_REFUND,
    RD_ACTION_TYPE_ACCEPT_OFFER, RD_OUTCOME_TYPE_REPLACEMENT, OK,
    TO (RESOLVED, NONE), RESOLVES (REPLACED, AGREEMENT) },
  { "accept_offer/repair", RD_STATUS_AWAITING_BUYER, RD_OUTCOME_TYPE_FULL_REFUND,
    RD_ACTION_TYPE_ACCEPT_OFFER, RD_OUTCOME_TYPE_REPAIR, OK,
    TO (RESOLVED, NONE), RESOLVES (REPAIRED, AGREEMENT) },
  { "accept_offer/return_and_refund", RD_STATUS_AWAITING_BUYER, RD_OUTCOME_TYPE_FULL_REFUND,
    RD_ACTION_TYPE_ACCEPT_OFFER, RD_OUTCOME_TYPE_RETURN_AND_REFUND, OK,
    TO (RETURN_PENDING, BUYER), DEADLINE (RETURN_SHIPPING) },

  { "reject_offer", RD_STATUS_AWAITING_BUYER, .action = RD_ACTION_TYPE_REJECT_OFFER, OK,
    TO (AWAITING_SELLER, SELLER), DEADLINE (SELLER_RESPONSE) },

  { "escalate/awaiting_seller", RD_STATUS_AWAITING_SELLER, .action = RD_ACTION_TYPE_ESCALATE, OK,
    TO (UNDER_REVIEW, AGENT) },
  { "escalate/awaiting_buyer", RD_STATUS_AWAITING_BUYER, .action = RD_ACTION_TYPE_ESCALATE, OK,
    TO (UNDER_REVIEW, AGENT) },

  { "withdraw/awaiting_seller", RD_STATUS_AWAITING_SELLER, .action = RD_ACTION_TYPE_WITHDRAW, OK,
    TO (RESOLVED, NONE), RESOLVES (WITHDRAWN, AGREEMENT) },
  { "withdraw/awaiting_buyer", RD_STATUS_AWAITING_BUYER, .action = RD_ACTION_TYPE_WITHDRAW, OK,
    TO (RESOLVED, NONE), RESOLVES (WITHDRAWN, AGREEMENT) },
  { "withdraw/return_pending", RD_STATUS_RETURN_PENDING, .action = RD_ACTION_TYPE_WITHDRAW, OK,
    TO (RESOLVED, NONE), RESOLVES (WITHDRAWN, AGREEMENT) },
  { "withdraw/under_review", RD_STATUS_UNDER_REVIEW, .action = RD_ACTION_TYPE_WITHDRAW, OK,
    TO (RESOLVED, NONE), RESOLVES (WITHDRAWN, AGREEMENT) },

  { "ship_return", RD_STATUS_RETURN_PENDING, .action = RD_ACTION_TYPE_SHIP_RETURN, OK,
    TO (RETURN_PENDING, SELLER), DEADLINE (RETURN_RECEIPT) },
  { "confirm_return", RD_STATUS_RETURN_PENDING, .action = RD_ACTION_TYPE_CONFIRM_RETURN, OK,
    TO (RESOLVED, NONE), RESOLVES (REFUNDED, SELLER) },

  { "rule/buyer", RD_STATUS_UNDER_REVIEW, .action = RD_ACTION_TYPE_RULE, .decision = RD_DECISION_BUYER,
    OK, TO (RESOLVED, NONE), RESOLVES (REFUNDED, PLATFORM) },
  { "rule/seller", RD_STATUS_UNDER_REVIEW, .action = RD_ACTION_TYPE_RULE, .decision = RD_DECISION_SELLER,
    OK, TO (RESOLVED, NONE), RESOLVES (REJECTED, PLATFORM) },
  { "rule/split", RD_STATUS_UNDER_REVIEW, .action = RD_ACTION_TYPE_RULE, .decision = RD_DECISION_SPLIT,
    OK, TO (RESOLVED, NONE), RESOLVES (PARTIALLY_REFUNDED, PLATFORM) },

  /* Transitions the table does not have. */
  { "refused/message-resolved", RD_STATUS_RESOLVED, .action = RD_ACTION_TYPE_MESSAGE },
  { "refused/offer-awaiting_buyer", RD_STATUS_AWAITING_BUYER, .action = RD_ACTION_TYPE_OFFER },
  { "refused/offer-resolved", RD_STATUS_RESOLVED, .action = RD_ACTION_TYPE_OFFER },
  { "refused/accept_claim-awaiting_buyer", RD_STATUS_AWAITING_BUYER, .action = RD_ACTION_TYPE_ACCEPT_CLAIM },
  { "refused/accept_offer-awaiting_seller", RD_STATUS_AWAITING_SELLER, .action = RD_ACTION_TYPE_ACCEPT_OFFER },
  { "refused/accept_offer-return_pending", RD_STATUS_RETURN_PENDING, .action = RD_ACTION_TYPE_ACCEPT_OFFER },
  { "refused/reject_offer-awaiting_seller", RD_STATUS_AWAITING_SELLER, .action = RD_ACTION_TYPE_REJECT_OFFER },
  { "refused/escalate-under_review", RD_STATUS_UNDER_REVIEW, .action = RD_ACTION_TYPE_ESCALATE },
  { "refused/escalate-return_pending", RD_STATUS_RETURN_PENDING, .action = RD_ACTION_TYPE_ESCALATE },
  { "refused/withdraw-resolved", RD_STATUS_RESOLVED, .action = RD_ACTION_TYPE_WITHDRAW },
  { "refused/ship_return-awaiting_seller", RD_STATUS_AWAITING_SELLER, .action = RD_ACTION_TYPE_SHIP_RETURN },
  { "refused/confirm_return-under_review", RD_STATUS_UNDER_REVIEW, .action = RD_ACTION_TYPE_CONFIRM_RETURN },
  { "refused/rule-awaiting_seller", RD_STATUS_AWAITING_SELLER, .action = RD_ACTION_TYPE_RULE },
  { "refused/rule-resolved", RD_STATUS_RESOLVED, .action = RD_ACTION_TYPE_RULE },
  { "refused/rate-under_review", RD_STATUS_UNDER_REVIEW, .action = RD_ACTION_TYPE_RATE },
  { "refused/unknown-action", RD_STATUS_AWAITING_SELLER, .action = RD_ACTION_TYPE_N_VALUES },
  { "refused/unknown-decision", RD_STATUS_UNDER_REVIEW, .action = RD_ACTION_TYPE_RULE,
    .decision = RD_DECISION_N_VALUES },
  { "refused/unknown-offer-type", RD_STATUS_AWAITING_BUYER, .action = RD_ACTION_TYPE_ACCEPT_OFFER,
    .offer_type = RD_OUTCOME_TYPE_N_VALUES },
};

static void
test_transition_row (gconstpointer data)
{
  const TransitionRow *row = data;
  g_autoptr(RdCase) kase = make_case (row->from, row->requested);
  RdTransition next;
  gboolean ok;

  memset (&next, 0xa5, sizeof next);
  ok = rd_policy_transition (kase, row->action, row->offer_type, row->decision, &next);
  g_assert_cmpint (ok, ==, row->ok);
  if (!ok)
    return;

  g_assert_cmpstr (rd_status_to_string (next.status), ==, rd_status_to_string (row->status));
  g_assert_cmpstr (rd_turn_to_string (next.turn), ==, rd_turn_to_string (row->turn));
  g_assert_cmpint (next.has_deadline, ==, row->has_deadline);
  if (row->has_deadline)
    g_assert_cmpint (next.deadline, ==, row->deadline);
  g_assert_cmpint (next.resolves, ==, row->resolves);
  if (row->resolves)
    {
      g_assert_cmpstr (rd_resolution_outcome_to_string (next.outcome), ==,
                       rd_resolution_outcome_to_string (row->outcome));
      g_assert_cmpstr (rd_resolution_by_to_string (next.by), ==,
                       rd_resolution_by_to_string (row->by));
    }
}

/* ------------------------------------------------------------------ */
/* Deadlines                                                          */

typedef enum
{
  CAL_NONE,      /* NULL calendar: weekends only */
  CAL_EMPTY,     /* a calendar without holidays */
  CAL_EASTER,    /* Good Friday 2026-04-03 and Easter Monday 2026-04-06 */
  CAL_MIDWEEK,   /* Wednesday 2026-04-08 */
  CAL_NEW_YEAR,  /* Friday 2027-01-01 */
} CalendarKind;

typedef struct
{
  const char     *name;
  RdDeadlineKind  kind;
  CalendarKind    calendar;
  const char     *from;
  const char     *expected;
} DeadlineRow;

static const DeadlineRow deadline_rows[] = {
  /* Seller response: 3 business days. */
  { "seller/within-week", RD_DEADLINE_SELLER_RESPONSE, CAL_NONE,
    "2026-04-06T10:00:00Z", "2026-04-09T10:00:00Z" },        /* Mon -> Thu */
  { "seller/friday", RD_DEADLINE_SELLER_RESPONSE, CAL_EMPTY,
    "2026-04-03T10:00:00Z", "2026-04-08T10:00:00Z" },        /* Fri -> Wed */
  { "seller/crosses-weekend", RD_DEADLINE_SELLER_RESPONSE, CAL_NONE,
    "2026-04-02T16:45:30Z", "2026-04-07T16:45:30Z" },        /* Thu -> Tue */
  { "seller/starts-saturday", RD_DEADLINE_SELLER_RESPONSE, CAL_NONE,
    "2026-04-04T10:00:00Z", "2026-04-09T10:00:00Z" },        /* Sat -> (Mon) -> Thu */
  { "seller/starts-sunday-late", RD_DEADLINE_SELLER_RESPONSE, CAL_NONE,
    "2026-04-05T23:59:59Z", "2026-04-09T23:59:59Z" },        /* Sun -> (Mon) -> Thu */
  { "seller/crosses-holiday", RD_DEADLINE_SELLER_RESPONSE, CAL_MIDWEEK,
    "2026-04-06T10:00:00Z", "2026-04-10T10:00:00Z" },        /* Mon -> Fri, Wed off */
  { "seller/holiday-ignored-without-calendar", RD_DEADLINE_SELLER_RESPONSE, CAL_NONE,
    "2026-04-02T10:00:00Z", "2026-04-07T10:00:00Z" },        /* Thu -> Tue */
  { "seller/easter", RD_DEADLINE_SELLER_RESPONSE, CAL_EASTER,
    "2026-04-02T10:00:00Z", "2026-04-09T10:00:00Z" },        /* Thu -> Thu, Fri and Mon off */
  { "seller/starts-on-holiday", RD_DEADLINE_SELLER_RESPONSE, CAL_EASTER,
    "2026-04-06T10:00:00Z", "2026-04-10T10:00:00Z" },        /* Easter Mon -> (Tue) -> Fri */
  { "seller/crosses-new-year", RD_DEADLINE_SELLER_RESPONSE, CAL_NEW_YEAR,
    "2026-12-30T10:00:00Z", "2027-01-05T10:00:00Z" },        /* Wed -> Tue */
  { "seller/other-time-zone", RD_DEADLINE_SELLER_RESPONSE, CAL_NONE,
    "2026-04-04T01:00:00+09:00", "2026-04-08T16:00:00Z" },   /* Fri 16:00 UTC -> Wed */

  /* Buyer response: 7 calendar days, weekends and holidays alike. */
  { "buyer/friday", RD_DEADLINE_BUYER_RESPONSE, CAL_EASTER,
    "2026-04-03T10:00:00Z", "2026-04-10T10:00:00Z" },
  { "buyer/saturday", RD_DEADLINE_BUYER_RESPONSE, CAL_NONE,
    "2026-04-04T22:10:05Z", "2026-04-11T22:10:05Z" },
  { "buyer/month-end", RD_DEADLINE_BUYER_RESPONSE, CAL_NONE,
    "2026-02-25T08:00:00Z", "2026-03-04T08:00:00Z" },

  /* Return shipping: 7 calendar days. */
  { "return-shipping/saturday", RD_DEADLINE_RETURN_SHIPPING, CAL_EASTER,
    "2026-04-04T08:00:00Z", "2026-04-11T08:00:00Z" },
  { "return-shipping/year-end", RD_DEADLINE_RETURN_SHIPPING, CAL_NEW_YEAR,
    "2026-12-28T23:00:00Z", "2027-01-04T23:00:00Z" },

  /* Return receipt: 10 business days. */
  { "return-receipt/monday", RD_DEADLINE_RETURN_RECEIPT, CAL_NONE,
    "2026-04-06T10:00:00Z", "2026-04-20T10:00:00Z" },
  { "return-receipt/thursday", RD_DEADLINE_RETURN_RECEIPT, CAL_EMPTY,
    "2026-04-02T10:00:00Z", "2026-04-16T10:00:00Z" },
  { "return-receipt/easter", RD_DEADLINE_RETURN_RECEIPT, CAL_EASTER,
    "2026-04-02T10:00:00Z", "2026-04-20T10:00:00Z" },
  { "return-receipt/starts-sunday", RD_DEADLINE_RETURN_RECEIPT, CAL_NONE,
    "2026-04-05T10:00:00Z", "2026-04-20T10:00:00Z" },
};

static RdCalendar *
make_calendar (CalendarKind kind)
{
  RdCalendar *calendar;

  if (kind == CAL_NONE)
    return NULL;
  calendar = rd_calendar_new ();
  switch (kind)
    {
    case CAL_EASTER:
      rd_calendar_add_holiday (calendar, 2026, G_DATE_APRIL, 3);
      rd_calendar_add_holiday (calendar, 2026, G_DATE_APRIL, 6);
      break;
    case CAL_MIDWEEK:
      rd_calendar_add_holiday (calendar, 2026, G_DATE_APRIL, 8);
      break;
    case CAL_NEW_YEAR:
      rd_calendar_add_holiday (calendar, 2027, G_DATE_JANUARY, 1);
      break;
    case CAL_EMPTY:
    case CAL_NONE:
    default:
      break;
    }
  return calendar;
}

static void
test_deadline_row (gconstpointer data)
{
  const DeadlineRow *row = data;
  g_autoptr(RdCalendar) calendar = make_calendar (row->calendar);
  g_autoptr(GDateTime) from = dt (row->from);
  g_autoptr(GDateTime) deadline = rd_policy_deadline (calendar, row->kind, from);

  assert_time (deadline, row->expected);
  /* Deadlines travel in UTC. */
  g_assert_cmpint (g_date_time_get_utc_offset (deadline), ==, 0);
}

static void
test_deadline_expiry (void)
{
  g_assert_cmpint (rd_policy_deadline_expiry (RD_DEADLINE_SELLER_RESPONSE), ==, RD_EXPIRY_ESCALATE);
  g_assert_cmpint (rd_policy_deadline_expiry (RD_DEADLINE_RETURN_RECEIPT), ==, RD_EXPIRY_ESCALATE);
  g_assert_cmpint (rd_policy_deadline_expiry (RD_DEADLINE_BUYER_RESPONSE), ==, RD_EXPIRY_EXPIRE);
  g_assert_cmpint (rd_policy_deadline_expiry (RD_DEADLINE_RETURN_SHIPPING), ==, RD_EXPIRY_EXPIRE);
}

static void
test_business_days (void)
{
  g_autoptr(RdCalendar) easter = make_calendar (CAL_EASTER);
  g_autoptr(GDateTime) thursday = dt ("2026-04-02T23:59:59Z");
  g_autoptr(GDateTime) good_friday = dt ("2026-04-03T00:00:00Z");
  g_autoptr(GDateTime) saturday = dt ("2026-04-04T10:00:00Z");
  g_autoptr(GDateTime) sunday = dt ("2026-04-05T10:00:00Z");
  g_autoptr(GDateTime) easter_monday = dt ("2026-04-06T12:00:00Z");
  g_autoptr(GDateTime) tuesday = dt ("2026-04-07T12:00:00Z");
  /* Saturday morning in Tokyo is Friday afternoon in UTC. */
  g_autoptr(GDateTime) tokyo_saturday = dt ("2026-04-11T02:00:00+09:00");
  g_autoptr(GDateTime) same = NULL;
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) after_easter = NULL;

  g_assert_true (rd_calendar_is_business_day (NULL, thursday));
  g_assert_true (rd_calendar_is_business_day (easter, thursday));
  g_assert_true (rd_calendar_is_business_day (NULL, good_friday));
  g_assert_false (rd_calendar_is_business_day (easter, good_friday));
  g_assert_false (rd_calendar_is_business_day (NULL, saturday));
  g_assert_false (rd_calendar_is_business_day (NULL, sunday));
  g_assert_false (rd_calendar_is_business_day (easter, easter_monday));
  g_assert_true (rd_calendar_is_business_day (easter, tuesday));
  g_assert_true (rd_calendar_is_business_day (NULL, tokyo_saturday));

  /* Zero days from a business day is that moment; from a weekend or a
   * holiday it is the next business day at the same time. */
  same = rd_policy_add_business_days (NULL, tuesday, 0);
  assert_time (same, "2026-04-07T12:00:00Z");
  monday = rd_policy_add_business_days (NULL, saturday, 0);
  assert_time (monday, "2026-04-06T10:00:00Z");
  after_easter = rd_policy_add_business_days (easter, saturday, 0);
  assert_time (after_easter, "2026-04-07T10:00:00Z");
}

/* ------------------------------------------------------------------ */
/* Filing windows                                                     */

typedef enum
{
  ORDER_DELIVERED,    /* shipped 2026-03-05 09:00, delivered 2026-03-10 15:30 */
  ORDER_UNDELIVERED,  /* shipped 2026-03-05 09:00, never delivered */
} OrderKind;

typedef struct
{
  RdReason    reason;
  OrderKind   order;
  const char *first_day;  /* YYYY-MM-DD, UTC */
  const char *last_day;
} WindowSpec;

static const WindowSpec window_specs[] = {
  { RD_REASON_NOT_RECEIVED, ORDER_DELIVERED, "2026-03-06", "2026-03-17" },
  { RD_REASON_NOT_RECEIVED, ORDER_UNDELIVERED, "2026-03-06", "2026-04-04" },
  { RD_REASON_DAMAGED_IN_TRANSIT, ORDER_DELIVERED, "2026-03-10", "2026-04-09" },
  { RD_REASON_WRONG_ITEM, ORDER_DELIVERED, "2026-03-10", "2026-04-09" },
  { RD_REASON_MISSING_PARTS, ORDER_DELIVERED, "2026-03-10", "2026-04-09" },
  { RD_REASON_NOT_AS_DESCRIBED, ORDER_DELIVERED, "2026-03-10", "2026-04-09" },
  { RD_REASON_OTHER, ORDER_DELIVERED, "2026-03-10", "2026-04-09" },
  { RD_REASON_DEFECTIVE, ORDER_DELIVERED, "2026-03-10", "2028-03-10" },
  { RD_REASON_COUNTERFEIT, ORDER_DELIVERED, "2026-03-10", "2028-03-10" },
};

typedef enum
{
  EDGE_DAY_BEFORE,  /* the last second before the first day: closed */
  EDGE_FIRST_DAY,   /* the first second of the first day: open */
  EDGE_LAST_DAY,    /* the last second of the last day: open */
  EDGE_DAY_AFTER,   /* the first second after the last day: closed */
  N_EDGES
} Edge;

static const char * const edge_names[N_EDGES] = {
  "day-before", "first-day", "last-day", "day-after",
};

typedef struct
{
  const WindowSpec *spec;
  Edge edge;
} WindowRow;

static RdOrder *
make_order (const char *shipped,
            const char *delivered)
{
  RdOrder *order = rd_order_new ();

  order->id = g_strdup ("order-1");
  order->number = g_strdup ("1001");
  order->buyer = rd_party_new ("u-buyer", "Ana");
  order->seller = rd_party_new ("u-seller", "Kai's Gadgets");
  order->ordered_at = dt ("2026-03-01T08:00:00Z");
  order->shipped_at = shipped != NULL ? dt (shipped) : NULL;
  order->delivered_at = delivered != NULL ? dt (delivered) : NULL;
  order->return_window_days = 30;
  order->warranty_months = 24;
  return order;
}

static RdOrder *
make_spec_order (OrderKind kind)
{
  return make_order ("2026-03-05T09:00:00Z",
                     kind == ORDER_DELIVERED ? "2026-03-10T15:30:00Z" : NULL);
}

static void
test_window_row (gconstpointer data)
{
  const WindowRow *row = data;
  g_autoptr(RdOrder) order = make_spec_order (row->spec->order);
  g_autoptr(GDateTime) opens = NULL;
  g_autoptr(GDateTime) closes = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *first_midnight = g_strdup_printf ("%sT00:00:00Z", row->spec->first_day);
  g_autofree char *last_second = g_strdup_printf ("%sT23:59:59Z", row->spec->last_day);
  g_autoptr(GDateTime) first = dt (first_midnight);
  g_autoptr(GDateTime) last = dt (last_second);
  g_autoptr(GDateTime) after = g_date_time_add_seconds (last, 1);
  gboolean expected_open;

  g_assert_true (rd_policy_filing_window (order, row->spec->reason, &opens, &closes));
  assert_time (opens, first_midnight);
  {
    g_autofree char *after_str = dt_string (after);
    g_autofree char *closes_str = dt_string (closes);

    g_assert_cmpstr (closes_str, ==, after_str);
  }

  switch (row->edge)
    {
    case EDGE_DAY_BEFORE:
      at = g_date_time_add_seconds (first, -1);
      expected_open = FALSE;
      break;
    case EDGE_FIRST_DAY:
      at = g_date_time_ref (first);
      expected_open = TRUE;
      break;
    case EDGE_LAST_DAY:
      at = g_date_time_ref (last);
      expected_open = TRUE;
      break;
    case EDGE_DAY_AFTER:
    case N_EDGES:
    default:
      at = g_date_time_ref (after);
      expected_open = FALSE;
      break;
    }

  g_assert_cmpint (rd_policy_can_file (order, row->spec->reason, at), ==, expected_open);
}

/* Nothing shipped: no reason can be filed; shipped but not delivered: only
 * not_received. */
static void
test_window_cannot_open (void)
{
  g_autoptr(RdOrder) unshipped = make_order (NULL, NULL);
  g_autoptr(RdOrder) in_transit = make_order ("2026-03-05T09:00:00Z", NULL);
  g_autoptr(GDateTime) now = dt ("2026-03-12T12:00:00Z");

  for (guint r = 0; r < RD_REASON_N_VALUES; r++)
    {
      GDateTime *opens = NULL;
      GDateTime *closes = NULL;

      g_assert_false (rd_policy_filing_window (unshipped, r, &opens, &closes));
      g_assert_null (opens);
      g_assert_null (closes);
      g_assert_false (rd_policy_can_file (unshipped, r, now));

      g_assert_cmpint (rd_policy_filing_window (in_transit, r, NULL, NULL), ==,
                       r == RD_REASON_NOT_RECEIVED);
      g_assert_cmpint (rd_policy_can_file (in_transit, r, now), ==, r == RD_REASON_NOT_RECEIVED);
    }
  g_assert_false (rd_policy_order_can_file (unshipped, now));
  g_assert_true (rd_policy_order_can_file (in_transit, now));
}

typedef struct
{
  const char *name;
  const char *delivered;
  guint       warranty_months;
  const char *closes;
} WarrantyRow;

/* Months as g_date_time_add_months counts them: to the same day of the
 * month, or the last day of a shorter month. */
static const WarrantyRow warranty_rows[] = {
  { "jan-31-plus-1", "2026-01-31T12:00:00Z", 1, "2026-03-01T00:00:00Z" },      /* last day Feb 28 */
  { "jan-31-plus-13-leap", "2027-01-31T12:00:00Z", 13, "2028-03-01T00:00:00Z" }, /* Feb 29 */
  { "feb-29-plus-12", "2028-02-29T08:00:00Z", 12, "2029-03-01T00:00:00Z" },    /* Feb 28 */
  { "mar-31-plus-1", "2026-03-31T23:59:59Z", 1, "2026-05-01T00:00:00Z" },      /* Apr 30 */
  { "zero-months", "2026-03-10T15:30:00Z", 0, "2026-03-11T00:00:00Z" },        /* the day itself */
  /* 23:30 in New York on the 10th is the 11th in UTC. */
  { "utc-date", "2026-03-10T23:30:00-05:00", 1, "2026-04-12T00:00:00Z" },
};

static void
test_warranty_row (gconstpointer data)
{
  const WarrantyRow *row = data;
  g_autoptr(RdOrder) order = make_order ("2026-01-01T00:00:00Z", row->delivered);
  g_autoptr(GDateTime) opens = NULL;
  g_autoptr(GDateTime) closes = NULL;
  g_autoptr(GDateTime) last_second = NULL;

  order->warranty_months = row->warranty_months;
  g_assert_true (rd_policy_filing_window (order, RD_REASON_DEFECTIVE, &opens, &closes));
  assert_time (closes, row->closes);
  last_second = g_date_time_add_seconds (closes, -1);
  g_assert_true (rd_policy_can_file (order, RD_REASON_COUNTERFEIT, last_second));
  g_assert_false (rd_policy_can_file (order, RD_REASON_COUNTERFEIT, closes));
}

static void
test_window_return_days_zero (void)
{
  g_autoptr(RdOrder) order = make_order ("2026-03-05T09:00:00Z", "2026-03-10T15:30:00Z");
  g_autoptr(GDateTime) morning = dt ("2026-03-10T00:00:00Z");
  g_autoptr(GDateTime) night = dt ("2026-03-10T23:59:59Z");
  g_autoptr(GDateTime) next = dt ("2026-03-11T00:00:00Z");

  order->return_window_days = 0;
  g_assert_true (rd_policy_can_file (order, RD_REASON_WRONG_ITEM, morning));
  g_assert_true (rd_policy_can_file (order, RD_REASON_WRONG_ITEM, night));
  g_assert_false (rd_policy_can_file (order, RD_REASON_WRONG_ITEM, next));
}

static void
test_order_can_file (void)
{
  g_autoptr(RdOrder) order = make_order ("2026-03-05T09:00:00Z", "2026-03-10T15:30:00Z");
  g_autoptr(GDateTime) shipping_day = dt ("2026-03-05T23:59:59Z");
  g_autoptr(GDateTime) day_after_shipping = dt ("2026-03-06T00:00:00Z");
  g_autoptr(GDateTime) warranty_end = dt ("2028-03-10T23:59:59Z");
  g_autoptr(GDateTime) after_warranty = dt ("2028-03-11T00:00:00Z");

  g_assert_false (rd_policy_order_can_file (order, shipping_day));
  g_assert_true (rd_policy_order_can_file (order, day_after_shipping));
  g_assert_true (rd_policy_order_can_file (order, warranty_end));
  g_assert_false (rd_policy_order_can_file (order, after_warranty));
}

/* ------------------------------------------------------------------ */

static char *
path_component (const char *s)
{
  return g_strdelimit (g_strdup (s), "_", '-');
}

/* --- Texts ---------------------------------------------------------------------------- */

static void
test_text_is_blank (void)
{
  /* Nothing to read: nothing, or only spaces, tabs, line breaks, and the
   * wide and no-break spaces other scripts type. */
  g_assert_true (rd_policy_text_is_blank (""));
  g_assert_true (rd_policy_text_is_blank ("   "));
  g_assert_true (rd_policy_text_is_blank (" \t\n\r "));
  g_assert_true (rd_policy_text_is_blank ("\u3000\u00a0"));

  /* One sign is a text. */
  g_assert_false (rd_policy_text_is_blank ("."));
  g_assert_false (rd_policy_text_is_blank ("  ok  "));
  g_assert_false (rd_policy_text_is_blank ("\u3000好"));
  g_assert_false (rd_policy_text_is_blank ("\n\u0645"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (action_scenarios); i++)
    for (guint a = 0; a < N_ACTORS; a++)
      {
        ActionRow *row = g_new0 (ActionRow, 1);
        g_autofree char *path = NULL;

        row->scenario = &action_scenarios[i];
        row->actor = a;
        g_ptr_array_add (rows, row);
        path = g_strdup_printf ("/policy/actions/%s/%s", action_scenarios[i].name, actors[a].name);
        g_test_add_data_func (path, row, test_action_row);
      }
  g_test_add_func ("/policy/actions/unknown-user", test_actions_unknown_user);
  g_test_add_func ("/policy/actions/escalate-follows-clock", test_escalate_follows_clock);

  for (guint i = 0; i < G_N_ELEMENTS (transition_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/policy/transition/%s", transition_rows[i].name);

      g_test_add_data_func (path, &transition_rows[i], test_transition_row);
    }

  for (guint i = 0; i < G_N_ELEMENTS (deadline_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/policy/deadline/%s", deadline_rows[i].name);

      g_test_add_data_func (path, &deadline_rows[i], test_deadline_row);
    }
  g_test_add_func ("/policy/deadline/expiry", test_deadline_expiry);
  g_test_add_func ("/policy/deadline/business-days", test_business_days);

  for (guint i = 0; i < G_N_ELEMENTS (window_specs); i++)
    for (guint e = 0; e < N_EDGES; e++)
      {
        WindowRow *row = g_new0 (WindowRow, 1);
        g_autofree char *reason = path_component (rd_reason_to_string (window_specs[i].reason));
        g_autofree char *path = NULL;

        row->spec = &window_specs[i];
        row->edge = e;
        g_ptr_array_add (rows, row);
        path = g_strdup_printf ("/policy/window/%s%s/%s", reason,
                                window_specs[i].order == ORDER_UNDELIVERED ? "-undelivered" : "",
                                edge_names[e]);
        g_test_add_data_func (path, row, test_window_row);
      }
  for (guint i = 0; i < G_N_ELEMENTS (warranty_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/policy/window/warranty/%s", warranty_rows[i].name);

      g_test_add_data_func (path, &warranty_rows[i], test_warranty_row);
    }
  g_test_add_func ("/policy/window/cannot-open", test_window_cannot_open);
  g_test_add_func ("/policy/window/return-days-zero", test_window_return_days_zero);
  g_test_add_func ("/policy/window/order-can-file", test_order_can_file);
  g_test_add_func ("/policy/text-is-blank", test_text_is_blank);

  return g_test_run ();
}
