/* rd-enums.h — every closed set of API.md, with its wire word and its label
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Each enum has three functions:
 *   rd_X_to_string ()   the wire word ("awaiting_seller"), never shown to a user;
 *   rd_X_from_string () parses a wire word, FALSE for anything else;
 *   rd_X_label ()       the translated text for the UI.
 */

/* Who a user or an event's actor is. `platform` is the platform's own automatic steps
 * (an extension of API.md's actor roles). */
typedef enum
{
  RD_ROLE_BUYER,
  RD_ROLE_SELLER,
  RD_ROLE_AGENT,
  RD_ROLE_PLATFORM,
} RdRole;
#define RD_ROLE_N_VALUES 4

const char *rd_role_to_string   (RdRole  value);
gboolean    rd_role_from_string (const char *str,
                                 RdRole *out);
const char *rd_role_label       (RdRole  value);

/* Why a buyer files a case. */
typedef enum
{
  RD_REASON_DEFECTIVE,
  RD_REASON_DAMAGED_IN_TRANSIT,
  RD_REASON_NOT_AS_DESCRIBED,
  RD_REASON_WRONG_ITEM,
  RD_REASON_MISSING_PARTS,
  RD_REASON_NOT_RECEIVED,
  RD_REASON_COUNTERFEIT,
  RD_REASON_OTHER,
} RdReason;
#define RD_REASON_N_VALUES 8

const char *rd_reason_to_string   (RdReason  value);
gboolean    rd_reason_from_string (const char *str,
                                   RdReason *out);
const char *rd_reason_label       (RdReason  value);

/* What a buyer asks for, or a seller offers. */
typedef enum
{
  RD_OUTCOME_TYPE_FULL_REFUND,
  RD_OUTCOME_TYPE_PARTIAL_REFUND,
  RD_OUTCOME_TYPE_REPLACEMENT,
  RD_OUTCOME_TYPE_REPAIR,
  RD_OUTCOME_TYPE_RETURN_AND_REFUND,
} RdOutcomeType;
#define RD_OUTCOME_TYPE_N_VALUES 5

const char *rd_outcome_type_to_string   (RdOutcomeType  value);
gboolean    rd_outcome_type_from_string (const char *str,
                                         RdOutcomeType *out);
const char *rd_outcome_type_label       (RdOutcomeType  value);

/* Where a case stands. */
typedef enum
{
  RD_STATUS_AWAITING_SELLER,
  RD_STATUS_AWAITING_BUYER,
  RD_STATUS_RETURN_PENDING,
  RD_STATUS_UNDER_REVIEW,
  RD_STATUS_RESOLVED,
} RdStatus;
#define RD_STATUS_N_VALUES 5

const char *rd_status_to_string   (RdStatus  value);
gboolean    rd_status_from_string (const char *str,
                                   RdStatus *out);
const char *rd_status_label       (RdStatus  value);

/* Whose move it is. */
typedef enum
{
  RD_TURN_BUYER,
  RD_TURN_SELLER,
  RD_TURN_AGENT,
  RD_TURN_NONE,
} RdTurn;
#define RD_TURN_N_VALUES 4

const char *rd_turn_to_string   (RdTurn  value);
gboolean    rd_turn_from_string (const char *str,
                                 RdTurn *out);
const char *rd_turn_label       (RdTurn  value);

/* What happens when a deadline passes (`on_expiry`; `none` stands for null). */
typedef enum
{
  RD_EXPIRY_NONE,
  RD_EXPIRY_ESCALATE,
  RD_EXPIRY_EXPIRE,
} RdExpiry;
#define RD_EXPIRY_N_VALUES 3

const char *rd_expiry_to_string   (RdExpiry  value);
gboolean    rd_expiry_from_string (const char *str,
                                   RdExpiry *out);
const char *rd_expiry_label       (RdExpiry  value);

/* How a case ended. */
typedef enum
{
  RD_RESOLUTION_OUTCOME_REFUNDED,
  RD_RESOLUTION_OUTCOME_PARTIALLY_REFUNDED,
  RD_RESOLUTION_OUTCOME_REPLACED,
  RD_RESOLUTION_OUTCOME_REPAIRED,
  RD_RESOLUTION_OUTCOME_REJECTED,
  RD_RESOLUTION_OUTCOME_WITHDRAWN,
  RD_RESOLUTION_OUTCOME_EXPIRED,
} RdResolutionOutcome;
#define RD_RESOLUTION_OUTCOME_N_VALUES 7

const char *rd_resolution_outcome_to_string   (RdResolutionOutcome  value);
gboolean    rd_resolution_outcome_from_string (const char *str,
                                               RdResolutionOutcome *out);
const char *rd_resolution_outcome_label       (RdResolutionOutcome  value);

/* Who or what ended a case. */
typedef enum
{
  RD_RESOLUTION_BY_AGREEMENT,
  RD_RESOLUTION_BY_SELLER,
  RD_RESOLUTION_BY_PLATFORM,
  RD_RESOLUTION_BY_DEADLINE,
} RdResolutionBy;
#define RD_RESOLUTION_BY_N_VALUES 4

const char *rd_resolution_by_to_string   (RdResolutionBy  value);
gboolean    rd_resolution_by_from_string (const char *str,
                                          RdResolutionBy *out);
const char *rd_resolution_by_label       (RdResolutionBy  value);

/* Where an offer stands. */
typedef enum
{
  RD_OFFER_STATUS_PENDING,
  RD_OFFER_STATUS_ACCEPTED,
  RD_OFFER_STATUS_REJECTED,
  RD_OFFER_STATUS_SUPERSEDED,
} RdOfferStatus;
#define RD_OFFER_STATUS_N_VALUES 4

const char *rd_offer_status_to_string   (RdOfferStatus  value);
gboolean    rd_offer_status_from_string (const char *str,
                                         RdOfferStatus *out);
const char *rd_offer_status_label       (RdOfferStatus  value);

/* One step on a case's timeline. */
typedef enum
{
  RD_EVENT_TYPE_CREATED,
  RD_EVENT_TYPE_MESSAGE,
  RD_EVENT_TYPE_EVIDENCE,
  RD_EVENT_TYPE_OFFER,
  RD_EVENT_TYPE_OFFER_ACCEPTED,
  RD_EVENT_TYPE_OFFER_REJECTED,
  RD_EVENT_TYPE_CLAIM_ACCEPTED,
  RD_EVENT_TYPE_ESCALATED,
  RD_EVENT_TYPE_DEADLINE_MISSED,
  RD_EVENT_TYPE_RETURN_SHIPPED,
  RD_EVENT_TYPE_RETURN_RECEIVED,
  RD_EVENT_TYPE_RULED,
  RD_EVENT_TYPE_WITHDRAWN,
  RD_EVENT_TYPE_RESOLVED,
  RD_EVENT_TYPE_RATED,
} RdEventType;
#define RD_EVENT_TYPE_N_VALUES 15

const char *rd_event_type_to_string   (RdEventType  value);
gboolean    rd_event_type_from_string (const char *str,
                                       RdEventType *out);
const char *rd_event_type_label       (RdEventType  value);

/* What a user may do to a case (`POST /v1/cases/{id}/actions`). */
typedef enum
{
  RD_ACTION_TYPE_MESSAGE,
  RD_ACTION_TYPE_OFFER,
  RD_ACTION_TYPE_ACCEPT_CLAIM,
  RD_ACTION_TYPE_ACCEPT_OFFER,
  RD_ACTION_TYPE_REJECT_OFFER,
  RD_ACTION_TYPE_ESCALATE,
  RD_ACTION_TYPE_WITHDRAW,
  RD_ACTION_TYPE_SHIP_RETURN,
  RD_ACTION_TYPE_CONFIRM_RETURN,
  RD_ACTION_TYPE_RULE,
  RD_ACTION_TYPE_RATE,
} RdActionType;
#define RD_ACTION_TYPE_N_VALUES 11

const char *rd_action_type_to_string   (RdActionType  value);
gboolean    rd_action_type_from_string (const char *str,
                                        RdActionType *out);
const char *rd_action_type_label       (RdActionType  value);

/* An agent's ruling. */
typedef enum
{
  RD_DECISION_BUYER,
  RD_DECISION_SELLER,
  RD_DECISION_SPLIT,
} RdDecision;
#define RD_DECISION_N_VALUES 3

const char *rd_decision_to_string   (RdDecision  value);
gboolean    rd_decision_from_string (const char *str,
                                     RdDecision *out);
const char *rd_decision_label       (RdDecision  value);

G_END_DECLS
