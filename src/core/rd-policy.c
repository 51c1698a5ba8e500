/* rd-policy.c — who may do what, by when, and until when a problem may be filed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-policy.h"

#define ACTION_BIT(a) (1u << (a))

/* The durations of API.md ("Deadlines"). */
#define SELLER_RESPONSE_BUSINESS_DAYS 3
#define BUYER_RESPONSE_DAYS 7
#define RETURN_SHIPPING_DAYS 7
#define RETURN_RECEIPT_BUSINESS_DAYS 10

/* The filing windows of API.md ("Filing windows"). */
#define NOT_RECEIVED_DAYS_AFTER_DELIVERY 7
#define NOT_RECEIVED_DAYS_AFTER_SHIPPING 30

struct _RdCalendar
{
  GHashTable *holidays;  /* Julian day numbers of UTC dates, as a set */
};

RdCalendar *
rd_calendar_new (void)
{
  RdCalendar *self = g_new0 (RdCalendar, 1);

  self->holidays = g_hash_table_new (NULL, NULL);
  return self;
}

void
rd_calendar_free (RdCalendar *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->holidays);
  g_free (self);
}

void
rd_calendar_add_holiday (RdCalendar *self,
                         GDateYear   year,
                         GDateMonth  month,
                         GDateDay    day)
{
  GDate date;

  g_return_if_fail (self != NULL);
  g_return_if_fail (g_date_valid_dmy (day, month, year));

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  g_hash_table_add (self->holidays, GUINT_TO_POINTER (g_date_get_julian (&date)));
}

gboolean
rd_calendar_is_business_day (const RdCalendar *self,
                             GDateTime        *time)
{
  g_autoptr(GDateTime) utc = NULL;
  int year, month, day;
  GDate date;

  g_return_val_if_fail (time != NULL, FALSE);

  utc = g_date_time_to_utc (time);
  if (g_date_time_get_day_of_week (utc) >= 6)  /* 6 Saturday, 7 Sunday */
    return FALSE;
  if (self == NULL)
    return TRUE;

  g_date_time_get_ymd (utc, &year, &month, &day);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return !g_hash_table_contains (self->holidays,
                                 GUINT_TO_POINTER (g_date_get_julian (&date)));
}

/* A weekend or holiday start moves to the next business day at the same time
 * of day, and the count runs from there: created on a Saturday 10:00, three
 * business days end on Thursday 10:00, so that the seller has three whole
 * business days whatever day the case came in. */
GDateTime *
rd_policy_add_business_days (const RdCalendar *calendar,
                             GDateTime        *from,
                             guint             days)
{
  g_autoptr(GDateTime) cur = NULL;

  g_return_val_if_fail (from != NULL, NULL);

  cur = g_date_time_to_utc (from);
  while (!rd_calendar_is_business_day (calendar, cur))
    {
      GDateTime *next = g_date_time_add_days (cur, 1);

      g_date_time_unref (cur);
      cur = next;
    }

  for (guint i = 0; i < days; i++)
    {
      do
        {
          GDateTime *next = g_date_time_add_days (cur, 1);

          g_date_time_unref (cur);
          cur = next;
        }
      while (!rd_calendar_is_business_day (calendar, cur));
    }

  return g_steal_pointer (&cur);
}

GDateTime *
rd_policy_deadline (const RdCalendar *calendar,
                    RdDeadlineKind    kind,
                    GDateTime        *from)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (from != NULL, NULL);

  switch (kind)
    {
    case RD_DEADLINE_SELLER_RESPONSE:
      return rd_policy_add_business_days (calendar, from, SELLER_RESPONSE_BUSINESS_DAYS);
    case RD_DEADLINE_RETURN_RECEIPT:
      return rd_policy_add_business_days (calendar, from, RETURN_RECEIPT_BUSINESS_DAYS);
    case RD_DEADLINE_BUYER_RESPONSE:
      utc = g_date_time_to_utc (from);
      return g_date_time_add_days (utc, BUYER_RESPONSE_DAYS);
    case RD_DEADLINE_RETURN_SHIPPING:
      utc = g_date_time_to_utc (from);
      return g_date_time_add_days (utc, RETURN_SHIPPING_DAYS);
    default:
      g_return_val_if_reached (NULL);
    }
}

RdExpiry
rd_policy_deadline_expiry (RdDeadlineKind kind)
{
  switch (kind)
    {
    case RD_DEADLINE_SELLER_RESPONSE:
    case RD_DEADLINE_RETURN_RECEIPT:
      return RD_EXPIRY_ESCALATE;
    case RD_DEADLINE_BUYER_RESPONSE:
    case RD_DEADLINE_RETURN_SHIPPING:
      return RD_EXPIRY_EXPIRE;
    default:
      return RD_EXPIRY_NONE;
    }
}

/* Filing windows */

/* Midnight UTC at the start of @time's UTC date, moved by @days days. */
static GDateTime *
utc_day_start (GDateTime *time,
               int        days)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
  g_autoptr(GDateTime) midnight = NULL;
  int year, month, day;

  g_date_time_get_ymd (utc, &year, &month, &day);
  midnight = g_date_time_new_utc (year, month, day, 0, 0, 0);
  return g_date_time_add_days (midnight, days);
}

gboolean
rd_policy_filing_window (RdOrder     *order,
                         RdReason     reason,
                         GDateTime  **opens,
                         GDateTime  **closes)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (RD_IS_ORDER (order), FALSE);

  switch (reason)
    {
    case RD_REASON_NOT_RECEIVED:
      if (order->shipped_at == NULL)
        return FALSE;
      start = utc_day_start (order->shipped_at, 1);
      if (order->delivered_at != NULL)
        end = utc_day_start (order->delivered_at, NOT_RECEIVED_DAYS_AFTER_DELIVERY + 1);
      else
        end = utc_day_start (order->shipped_at, NOT_RECEIVED_DAYS_AFTER_SHIPPING + 1);
      break;

    case RD_REASON_DAMAGED_IN_TRANSIT:
    case RD_REASON_WRONG_ITEM:
    case RD_REASON_MISSING_PARTS:
    case RD_REASON_NOT_AS_DESCRIBED:
    case RD_REASON_OTHER:
      if (order->delivered_at == NULL)
        return FALSE;
      start = utc_day_start (order->delivered_at, 0);
      end = utc_day_start (order->delivered_at, (int) order->return_window_days + 1);
      break;

    case RD_REASON_DEFECTIVE:
    case RD_REASON_COUNTERFEIT:
      {
        g_autoptr(GDateTime) last_day = NULL;

        if (order->delivered_at == NULL)
          return FALSE;
        start = utc_day_start (order->delivered_at, 0);
        /* Months as g_date_time_add_months counts them: the 31st plus one
         * month is the last day of a shorter month. */
        last_day = g_date_time_add_months (start, (int) order->warranty_months);
        end = g_date_time_add_days (last_day, 1);
      }
      break;

    default:
      return FALSE;
    }

  if (start == NULL || end == NULL)
    return FALSE;

  if (opens != NULL)
    *opens = g_steal_pointer (&start);
  if (closes != NULL)
    *closes = g_steal_pointer (&end);
  return TRUE;
}

gboolean
rd_policy_can_file (RdOrder   *order,
                    RdReason   reason,
                    GDateTime *now)
{
  g_autoptr(GDateTime) opens = NULL;
  g_autoptr(GDateTime) closes = NULL;
  g_autoptr(GDateTime) current = NULL;

  g_return_val_if_fail (RD_IS_ORDER (order), FALSE);

  if (!rd_policy_filing_window (order, reason, &opens, &closes))
    return FALSE;
  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  return g_date_time_compare (opens, current) <= 0 && g_date_time_compare (current, closes) < 0;
}

gboolean
rd_policy_order_can_file (RdOrder   *order,
                          GDateTime *now)
{
  g_return_val_if_fail (RD_IS_ORDER (order), FALSE);

  for (guint r = 0; r < RD_REASON_N_VALUES; r++)
    if (rd_policy_can_file (order, (RdReason) r, now))
      return TRUE;
  return FALSE;
}

/* Actions */

static gboolean
is_party (const RdParty *party,
          const char    *user_id)
{
  return party != NULL && party->id != NULL && user_id != NULL && strcmp (party->id, user_id) == 0;
}

static gboolean
has_offer_with_status (RdCase        *kase,
                       RdOfferStatus  status)
{
  if (kase->offers == NULL)
    return FALSE;
  for (guint i = 0; i < kase->offers->len; i++)
    {
      RdOffer *offer = g_ptr_array_index (kase->offers, i);

      if (offer != NULL && offer->status == status)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_event (RdCase      *kase,
           RdEventType  type)
{
  if (kase->events == NULL)
    return FALSE;
  for (guint i = 0; i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);

      if (event != NULL && event->type == type)
        return TRUE;
    }
  return FALSE;
}

/* A case enters return_pending once only (nothing leads back to it), so a
 * return_shipped event anywhere on the timeline means the return is on its
 * way. */
static gboolean
return_shipped (RdCase *kase)
{
  return has_event (kase, RD_EVENT_TYPE_RETURN_SHIPPED);
}

/* Whether the parties may escalate, whichever of them asks: in awaiting_buyer
 * always; in awaiting_seller once the seller's deadline has passed (at
 * respond_by exactly, too) or once the buyer has rejected an offer and no
 * newer one is pending.  In consistent data a rejected offer in
 * awaiting_seller is the last offer. */
gboolean
rd_policy_seller_may_escalate (RdCase    *kase,
                               GDateTime *now)
{
  g_autoptr(GDateTime) current = NULL;

  g_return_val_if_fail (RD_IS_CASE (kase), FALSE);

  switch (kase->status)
    {
    case RD_STATUS_AWAITING_BUYER:
      return TRUE;

    case RD_STATUS_AWAITING_SELLER:
      if (has_offer_with_status (kase, RD_OFFER_STATUS_REJECTED)
          && !has_offer_with_status (kase, RD_OFFER_STATUS_PENDING))
        return TRUE;
      if (kase->respond_by == NULL)
        return FALSE;
      current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
      return g_date_time_compare (kase->respond_by, current) <= 0;

    case RD_STATUS_RETURN_PENDING:
    case RD_STATUS_UNDER_REVIEW:
    case RD_STATUS_RESOLVED:
    default:
      return FALSE;
    }
}

/* The action table of API.md.  Agents are not a party of the case but work
 * on any case they can see: they may `rule` in under_review, and also send a
 * `message` there (and only there), so that they can ask the parties
 * questions while the case is before them. */
guint
rd_policy_allowed_actions (RdCase     *kase,
                           RdRole      role,
                           const char *user_id,
                           GDateTime  *now)
{
  guint allowed = 0;
  gboolean open;

  g_return_val_if_fail (RD_IS_CASE (kase), 0);

  open = kase->status != RD_STATUS_RESOLVED;

  switch (role)
    {
    case RD_ROLE_BUYER:
      if (!is_party (kase->buyer, user_id))
        return 0;
      if (open)
        allowed |= ACTION_BIT (RD_ACTION_TYPE_MESSAGE) | ACTION_BIT (RD_ACTION_TYPE_WITHDRAW);
      if (kase->status == RD_STATUS_AWAITING_BUYER
          && has_offer_with_status (kase, RD_OFFER_STATUS_PENDING))
        allowed |= ACTION_BIT (RD_ACTION_TYPE_ACCEPT_OFFER) | ACTION_BIT (RD_ACTION_TYPE_REJECT_OFFER);
      if (rd_policy_seller_may_escalate (kase, now))
        allowed |= ACTION_BIT (RD_ACTION_TYPE_ESCALATE);
      if (kase->status == RD_STATUS_RETURN_PENDING && !return_shipped (kase))
        allowed |= ACTION_BIT (RD_ACTION_TYPE_SHIP_RETURN);
      if (kase->status == RD_STATUS_RESOLVED && kase->rating == NULL)
        allowed |= ACTION_BIT (RD_ACTION_TYPE_RATE);
      break;

    case RD_ROLE_SELLER:
      if (!is_party (kase->seller, user_id))
        return 0;
      if (open)
        allowed |= ACTION_BIT (RD_ACTION_TYPE_MESSAGE);
      if (kase->status == RD_STATUS_AWAITING_SELLER)
        allowed |= ACTION_BIT (RD_ACTION_TYPE_OFFER) | ACTION_BIT (RD_ACTION_TYPE_ACCEPT_CLAIM);
      if (rd_policy_seller_may_escalate (kase, now))
        allowed |= ACTION_BIT (RD_ACTION_TYPE_ESCALATE);
      if (kase->status == RD_STATUS_RETURN_PENDING && return_shipped (kase))
        allowed |= ACTION_BIT (RD_ACTION_TYPE_CONFIRM_RETURN);
      break;

    case RD_ROLE_AGENT:
      if (kase->status == RD_STATUS_UNDER_REVIEW)
        allowed |= ACTION_BIT (RD_ACTION_TYPE_MESSAGE) | ACTION_BIT (RD_ACTION_TYPE_RULE);
      break;

    case RD_ROLE_PLATFORM:
    default:
      /* The platform's own steps (deadlines) are not actions of the table. */
      break;
    }

  return allowed;
}

gboolean
rd_policy_may (RdCase       *kase,
               RdRole        role,
               const char   *user_id,
               RdActionType  action,
               GDateTime    *now)
{
  if ((guint) action >= RD_ACTION_TYPE_N_VALUES)
    return FALSE;
  return (rd_policy_allowed_actions (kase, role, user_id, now) & ACTION_BIT (action)) != 0;
}

/* Transitions */

static gboolean
outcome_for_type (RdOutcomeType        type,
                  RdResolutionOutcome *outcome)
{
  switch (type)
    {
    case RD_OUTCOME_TYPE_FULL_REFUND:
      *outcome = RD_RESOLUTION_OUTCOME_REFUNDED;
      return TRUE;
    case RD_OUTCOME_TYPE_PARTIAL_REFUND:
      *outcome = RD_RESOLUTION_OUTCOME_PARTIALLY_REFUNDED;
      return TRUE;
    case RD_OUTCOME_TYPE_REPLACEMENT:
      *outcome = RD_RESOLUTION_OUTCOME_REPLACED;
      return TRUE;
    case RD_OUTCOME_TYPE_REPAIR:
      *outcome = RD_RESOLUTION_OUTCOME_REPAIRED;
      return TRUE;
    case RD_OUTCOME_TYPE_RETURN_AND_REFUND:
    default:
      return FALSE;
    }
}

static void
set_next (RdTransition   *out,
          RdStatus        status,
          RdTurn          turn,
          gboolean        has_deadline,
          RdDeadlineKind  deadline)
{
  out->status = status;
  out->turn = turn;
  out->has_deadline = has_deadline;
  out->deadline = deadline;
}

static void
set_resolved (RdTransition        *out,
              RdResolutionOutcome  outcome,
              RdResolutionBy       by)
{
  set_next (out, RD_STATUS_RESOLVED, RD_TURN_NONE, FALSE, 0);
  out->resolves = TRUE;
  out->outcome = outcome;
  out->by = by;
}

/* Accepting a claim or an offer of @type: settled at once, or a return first. */
static gboolean
accept_outcome (RdOutcomeType   type,
                RdResolutionBy  by,
                RdTransition   *out)
{
  RdResolutionOutcome outcome;

  if (type == RD_OUTCOME_TYPE_RETURN_AND_REFUND)
    {
      set_next (out, RD_STATUS_RETURN_PENDING, RD_TURN_BUYER, TRUE, RD_DEADLINE_RETURN_SHIPPING);
      return TRUE;
    }
  if (!outcome_for_type (type, &outcome))
    return FALSE;
  set_resolved (out, outcome, by);
  return TRUE;
}

/* Only the status column of the table is checked here: who may act, and
 * whether the time has come, is rd_policy_allowed_actions ()'s to say.
 *
 * A withdrawal is the buyer's own choice to end the case; of the `by` words
 * of API.md, `agreement` fits it best (neither the seller, the platform nor
 * a deadline decided it). */
gboolean
rd_policy_transition (RdCase        *kase,
                      RdActionType   action,
                      RdOutcomeType  offer_type,
                      RdDecision     decision,
                      RdTransition  *out)
{
  RdTransition next;
  RdStatus status;

  g_return_val_if_fail (RD_IS_CASE (kase), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (&next, 0, sizeof next);
  status = kase->status;
  /* By default nothing moves and no deadline starts. */
  set_next (&next, status, kase->turn, FALSE, 0);

  switch (action)
    {
    case RD_ACTION_TYPE_MESSAGE:
      if (status == RD_STATUS_RESOLVED)
        return FALSE;
      break;

    case RD_ACTION_TYPE_RATE:
      if (status != RD_STATUS_RESOLVED)
        return FALSE;
      break;

    case RD_ACTION_TYPE_OFFER:
      if (status != RD_STATUS_AWAITING_SELLER || (guint) offer_type >= RD_OUTCOME_TYPE_N_VALUES)
        return FALSE;
      set_next (&next, RD_STATUS_AWAITING_BUYER, RD_TURN_BUYER, TRUE, RD_DEADLINE_BUYER_RESPONSE);
      break;

    case RD_ACTION_TYPE_ACCEPT_CLAIM:
      if (status != RD_STATUS_AWAITING_SELLER
          || !accept_outcome (kase->requested_type, RD_RESOLUTION_BY_SELLER, &next))
        return FALSE;
      break;

    case RD_ACTION_TYPE_ACCEPT_OFFER:
      if (status != RD_STATUS_AWAITING_BUYER
          || !accept_outcome (offer_type, RD_RESOLUTION_BY_AGREEMENT, &next))
        return FALSE;
      break;

    case RD_ACTION_TYPE_REJECT_OFFER:
      if (status != RD_STATUS_AWAITING_BUYER)
        return FALSE;
      set_next (&next, RD_STATUS_AWAITING_SELLER, RD_TURN_SELLER, TRUE, RD_DEADLINE_SELLER_RESPONSE);
      break;

    case RD_ACTION_TYPE_ESCALATE:
      if (status != RD_STATUS_AWAITING_SELLER && status != RD_STATUS_AWAITING_BUYER)
        return FALSE;
      set_next (&next, RD_STATUS_UNDER_REVIEW, RD_TURN_AGENT, FALSE, 0);
      break;

    case RD_ACTION_TYPE_WITHDRAW:
      if (status == RD_STATUS_RESOLVED)
        return FALSE;
      set_resolved (&next, RD_RESOLUTION_OUTCOME_WITHDRAWN, RD_RESOLUTION_BY_AGREEMENT);
      break;

    case RD_ACTION_TYPE_SHIP_RETURN:
      if (status != RD_STATUS_RETURN_PENDING)
        return FALSE;
      set_next (&next, RD_STATUS_RETURN_PENDING, RD_TURN_SELLER, TRUE, RD_DEADLINE_RETURN_RECEIPT);
      break;

    case RD_ACTION_TYPE_CONFIRM_RETURN:
      if (status != RD_STATUS_RETURN_PENDING)
        return FALSE;
      set_resolved (&next, RD_RESOLUTION_OUTCOME_REFUNDED, RD_RESOLUTION_BY_SELLER);
      break;

    case RD_ACTION_TYPE_RULE:
      if (status != RD_STATUS_UNDER_REVIEW)
        return FALSE;
      switch (decision)
        {
        case RD_DECISION_BUYER:
          set_resolved (&next, RD_RESOLUTION_OUTCOME_REFUNDED, RD_RESOLUTION_BY_PLATFORM);
          break;
        case RD_DECISION_SELLER:
          set_resolved (&next, RD_RESOLUTION_OUTCOME_REJECTED, RD_RESOLUTION_BY_PLATFORM);
          break;
        case RD_DECISION_SPLIT:
          set_resolved (&next, RD_RESOLUTION_OUTCOME_PARTIALLY_REFUNDED, RD_RESOLUTION_BY_PLATFORM);
          break;
        default:
          return FALSE;
        }
      break;

    default:
      return FALSE;
    }

  *out = next;
  return TRUE;
}

gboolean
rd_policy_text_is_blank (const char *text)
{
  g_return_val_if_fail (text != NULL, TRUE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}
