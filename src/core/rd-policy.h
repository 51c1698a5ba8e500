/* rd-policy.h — who may do what, by when, and until when a problem may be filed
 *
 * One implementation for the client (offline, to enable its buttons) and the
 * reference platform (to decide), so the two can never disagree.  All times
 * are UTC; calendar arithmetic is on UTC dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-case.h"
#include "rd-enums.h"
#include "rd-order.h"

G_BEGIN_DECLS

/* Days that do not count as business days besides Saturdays and Sundays. */
typedef struct _RdCalendar RdCalendar;

RdCalendar *rd_calendar_new          (void);
void        rd_calendar_free         (RdCalendar *self);
void        rd_calendar_add_holiday  (RdCalendar *self,
                                      GDateYear   year,
                                      GDateMonth  month,
                                      GDateDay    day);
/* FALSE on Saturdays, Sundays and holidays. A NULL calendar has no holidays. */
gboolean    rd_calendar_is_business_day (const RdCalendar *self,
                                         GDateTime        *time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCalendar, rd_calendar_free)

/* @from moved forward by @days business days at the same time of day: from a
 * Friday 10:00, 3 business days is the next Wednesday 10:00.  Starting on a
 * weekend or holiday, the count starts from the next business day. */
GDateTime  *rd_policy_add_business_days (const RdCalendar *calendar,
                                         GDateTime        *from,
                                         guint             days);

/* The deadlines of API.md, each from the moment its turn started. */
typedef enum
{
  RD_DEADLINE_SELLER_RESPONSE,  /* 3 business days; missed: escalate */
  RD_DEADLINE_BUYER_RESPONSE,   /* 7 days to answer an offer; missed: expire */
  RD_DEADLINE_RETURN_SHIPPING,  /* 7 days for the buyer to ship; missed: expire */
  RD_DEADLINE_RETURN_RECEIPT,   /* 10 business days to confirm; missed: escalate */
} RdDeadlineKind;

GDateTime  *rd_policy_deadline      (const RdCalendar *calendar,
                                     RdDeadlineKind    kind,
                                     GDateTime        *from);
RdExpiry    rd_policy_deadline_expiry (RdDeadlineKind  kind);

/* The filing window of @reason for @order: TRUE and the first moment
 * (*@opens, inclusive) and the end (*@closes, exclusive: midnight UTC after
 * the last day), or FALSE where the window cannot open (nothing shipped yet
 * for not_received; nothing delivered for the others).
 *   not_received: from the day after shipping until 7 days after delivery,
 *     or 30 days after shipping where nothing was delivered;
 *   damaged_in_transit, wrong_item, missing_parts, not_as_described, other:
 *     from delivery until return_window_days after it;
 *   defective, counterfeit: from delivery until warranty_months after it. */
gboolean    rd_policy_filing_window (RdOrder     *order,
                                     RdReason     reason,
                                     GDateTime  **opens,
                                     GDateTime  **closes);
gboolean    rd_policy_can_file      (RdOrder     *order,
                                     RdReason     reason,
                                     GDateTime   *now);
/* TRUE if any reason can be filed for @order at @now. */
gboolean    rd_policy_order_can_file (RdOrder    *order,
                                      GDateTime  *now);

/* Bit (1 << RdActionType) for each action that a user of @role with the id
 * @user_id may take on @kase at @now, per the action table of API.md.  A
 * buyer or seller who is not the case's party may take none. */
guint       rd_policy_allowed_actions (RdCase     *kase,
                                       RdRole      role,
                                       const char *user_id,
                                       GDateTime  *now);
gboolean    rd_policy_may           (RdCase       *kase,
                                     RdRole        role,
                                     const char   *user_id,
                                     RdActionType  action,
                                     GDateTime    *now);

/* What an allowed action leads to: the next status and turn, and the
 * deadline that starts (has_deadline FALSE where none does).  For actions
 * that resolve the case, *@outcome is set.  @offer_type is the type of the
 * offer accepted or made (ignored otherwise); @decision the ruling. */
typedef struct
{
  RdStatus            status;
  RdTurn              turn;
  gboolean            has_deadline;
  RdDeadlineKind      deadline;
  gboolean            resolves;
  RdResolutionOutcome outcome;
  RdResolutionBy      by;
} RdTransition;

gboolean    rd_policy_transition    (RdCase        *kase,
                                     RdActionType   action,
                                     RdOutcomeType  offer_type,
                                     RdDecision     decision,
                                     RdTransition  *out);

/* Whether a seller may escalate now: the deadline has passed, or the last
 * offer was rejected. */
gboolean    rd_policy_seller_may_escalate (RdCase    *kase,
                                           GDateTime *now);

/* Whether @text (UTF-8) says nothing: empty, or only white space.  The
 * platform refuses such a message, and the client does not offer to send
 * it. */
gboolean    rd_policy_text_is_blank (const char *text);

G_END_DECLS
