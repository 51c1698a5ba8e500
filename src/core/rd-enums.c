/* rd-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rd-enums.h"

typedef struct
{
  const char *wire;
  const char *context;
  const char *label;
} RdEnumEntry;

static const char *
lookup_wire (const RdEnumEntry *table,
             guint              n,
             guint              value)
{
  return value < n ? table[value].wire : NULL;
}

static gboolean
lookup_value (const RdEnumEntry *table,
              guint              n,
              const char        *str,
              guint             *out)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (strcmp (table[i].wire, str) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static const char *
lookup_label (const RdEnumEntry *table,
              guint              n,
              guint              value)
{
  if (value >= n)
    /* Translators: shown for a value that this version of Redress does not know */
    return C_("enum", "Unknown");
  return g_dpgettext2 (GETTEXT_PACKAGE, table[value].context, table[value].label);
}

static const RdEnumEntry role_table[] = {
  { "buyer", "role", NC_("role", "Buyer") },
  { "seller", "role", NC_("role", "Seller") },
  { "agent", "role", NC_("role", "Platform agent") },
  { "platform", "role", NC_("role", "Redress platform") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (role_table) == RD_ROLE_N_VALUES);

const char *
rd_role_to_string (RdRole value)
{
  return lookup_wire (role_table, G_N_ELEMENTS (role_table), value);
}

gboolean
rd_role_from_string (const char *str,
                     RdRole *out)
{
  guint v;

  if (!lookup_value (role_table, G_N_ELEMENTS (role_table), str, &v))
    return FALSE;
  if (out != NULL)
    *out = (RdRole) v;
  return TRUE;
}

const char *
rd_role_label (RdRole value)
{
  return lookup_label (role_table, G_N_ELEMENTS (role_table), value);
}

static const RdEnumEntry reason_table[] = {
  { "defective", "reason", NC_("reason", "It stopped working or broke") },
  { "damaged_in_transit", "reason", NC_("reason", "It arrived damaged") },
  { "not_as_described", "reason", NC_("reason", "It is not as described") },
  { "wrong_item", "reason", NC_("reason", "I received the wrong item") },
  { "missing_parts", "reason", NC_("reason", "Parts are missing") },
  { "not_received", "reason", NC_("reason", "It never arrived") },
  { "counterfeit", "reason", NC_("reason", "It is counterfeit") },
  { "other", "reason", NC_("reason", "Something else") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (reason_table) == RD_REASON_N_VALUES);

const char *
rd_reason_to_string (RdReason value)
{
  return lookup_wire (reason_table, G_N_ELEMENTS (reason_table), value);
}

gboolean
rd_reason_from_string (const char *str,
                       RdReason *out)
{
  guint v;

  if (!lookup_value (reason_table, G_N_ELEMENTS (reason_table), str, &v))
    return FALSE;
  if (out != NULL)
    *out = (RdReason) v;
  return TRUE;
}

const char *
rd_reason_label (RdReason value)
{
  return lookup_label (reason_table, G_N_ELEMENTS (reason_table), value);
}

static const RdEnumEntry outcome_type_table[] = {
  { "full_refund", "outcome", NC_("outcome", "Full refund") },
  { "partial_refund", "outcome", NC_("outcome", "Partial refund") },
  { "replacement", "outcome", NC_("outcome", "Replacement") },
  { "repair", "outcome", NC_("outcome", "Repair") },
  { "return_and_refund", "outcome", NC_("outcome", "Return for a refund") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (outcome_type_table) == RD_OUTCOME_TYPE_N_VALUES);

const char *
rd_outcome_type_to_string (RdOutcomeType value)
{
  return lookup_wire (outcome_type_table, G_N_ELEMENTS (outcome_type_table), value);
}

gboolean
rd_outcome_type_from_string (const char *str,
                             RdOutcomeType *out)
{
  guint v;

  if (!lookup_value (outcome_type_table, G_N_ELEMENTS (outcome_type_table), str, &v))
    return FALSE;
  if (out != NULL)
    *out = (RdOutcomeType) v;
  return TRUE;
}

const char *
rd_outcome_type_label (RdOutcomeType value)
{
  return lookup_label (outcome_type_table, G_N_ELEMENTS (outcome_type_table), value);
}

static const RdEnumEntry status_table[] = {
  { "awaiting_seller", "case status", NC_("case status", "Waiting for the seller") },
  { "awaiting_buyer", "case status", NC_("case status", "Waiting for the buyer") },
  { "return_pending", "case status", NC_("case status", "Return in progress") },
  { "under_review", "case status", NC_("case status", "Under review") },
  { "resolved", "case status", NC_("case status", "Resolved") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (status_table) == RD_STATUS_N_VALUES);

const char *
rd_status_to_string (RdStatus value)
{
  return lookup_wire (status_table, G_N_ELEMENTS (status_table), value);
}

gboolean
rd_status_from_string (const char *str,
                       RdStatus *out)
{
  guint v;

  if (!lookup_value (status_table, G_N_ELEMENTS (status_table), str, &v))
    return FALSE;
  if (out != NULL)
    *out = (RdStatus) v;
  return TRUE;
}

const char *
rd_status_label (RdStatus value)
{
  return lookup_label (status_table, G_N_ELEMENTS (status_table), value);
}

static const RdEnumEntry turn_table[] = {
  { "buyer", "turn", NC_("turn", "The buyer") },
  { "seller", "turn", NC_("turn", "The seller") },
  { "agent", "turn", NC_("turn", "The platform") },
  { "none", "turn", NC_("turn", "Nobody") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (turn_table) == RD_TURN_N_VALUES);

const char *
rd_turn_to_string (RdTurn value)
{
  return lookup_wire (turn_table, G_N_ELEMENTS (turn_table), value);
}

gboolean
rd_turn_from_string (const char *str,
                     RdTurn *out)
{
  guint v;

  if (!lookup_value (turn_table, G_N_ELEMENTS (turn_table), str, &v))
    return FALSE;
  if (out != NULL)
    *out = (RdTurn) v;
  return TRUE;
}

const char *
rd_turn_label (RdTurn value)
{
  return lookup_label (turn_table, G_N_ELEMENTS (turn_table), value);
}

static const RdEnumEntry expiry_table[] = {
  { "none", "on expiry", NC_("on expiry", "Nothing happens") },
  { "escalate", "on expiry", NC_("on expiry", "It goes to the platform for review") },
  { "expire", "on expiry", NC_("on expiry", "The case closes") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (expiry_table) == RD_EXPIRY_N_VALUES);

const char *
rd_expiry_to_string (RdExpiry value)
{
  return lookup_wire (expiry_table, G_N_ELEMENTS (expiry_table), value);
}

gboolean
rd_expiry_from_string (const char *str,
                       RdExpiry *out)
{
  guint v;

  if (!lookup_value (expiry_table, G_N_ELEMENTS (expiry_table), str, &v))
    return FALSE;
  if (out != NULL)
    *out = (RdExpiry) v;
  return TRUE;
}

const char *
rd_expiry_label (RdExpiry value)
{
  return lookup_label (expiry_table, G_N_ELEMENTS (expiry_table), value);
}

static const RdEnumEntry resolution_outcome_table[] = {
  { "refunded", "resolution", NC_("resolution", "Refunded") },
  { "partially_refunded", "resolution", NC_("resolution", "Partially refunded") },
  { "replaced", "resolution", NC_("resolution", "Replaced") },
  { "repaired", "resolution", NC_("resolution", "Repaired") },
  { "rejected", "resolution", NC_("resolution", "Claim rejected") },
  { "withdrawn", "resolution", NC_("resolution", "Withdrawn by the buyer") },
  { "expired", "resolution", NC_("resolution", "Closed after the deadline") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resolution_outcome_table) == RD_RESOLUTION_OUTCOME_N_VALUES);

const char *
rd_resolution_outcome_to_string (RdResolutionOutcome value)
{
  return lookup_wire (resolution_outcome_table, G_N_ELEMENTS (resolution_outcome_table), value);
}

gboolean
rd_resolution_outcome_from_string (const char *str,
                                   RdResolutionOutcome *out)
{
  guint v;

  if (!lookup_value (resolution_outcome_table, G_N_ELEMENTS (resolution_outcome_table), str, &v))
    return FALSE;
  if (out != NULL)
    *out = (RdResolutionOutcome) v;
  return TRUE;
}

const char *
rd_resolution_outcome_label (RdResolutionOutcome value)
{
  return lookup_label (resolution_outcome_table, G_N_ELEMENTS (resolution_outcome_table), value);
}

static const RdEnumEntry resolution_by_table[] = {
  { "agreement", "resolved by", NC_("resolved by", "By agreement") },
  { "seller", "resolved by", NC_("resolved by", "By the seller") },
  { "platform", "resolved by", NC_("resolved by", "By the platform") },
  { "deadline", "resolved by", NC_("resolved by", "By the deadline") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (resolution_by_table) == RD_RESOLUTION_BY_N_VALUES);

const char *
rd_resolution_by_to_string (RdResolutionBy value)
{
  return lookup_wire (resolution_by_table, G_N_ELEMENTS (resolution_by_table), value);
}

gboolean
rd_resolution_by_from_string (const char *str,
                              RdResolutionBy *out)
{
  guint v;

  if (!lookup_value (resolution_by_table, G_N_ELEMENTS (resolution_by_table), str, &v))
    return FALSE;
  if (out != NULL)
    *out = (RdResolutionBy) v;
  return TRUE;
}

const char *
rd_resolution_by_label (RdResolutionBy value)
{
  return lookup_label (resolution_by_table, G_N_ELEMENTS (resolution_by_table), value);
}

static const RdEnumEntry offer_status_table[] = {
  { "pending", "offer status", NC_("offer status", "Waiting for an answer") },
  { "accepted", "offer status", NC_("offer status", "Accepted") },
  { "rejected", "offer status", NC_("offer status", "Rejected") },
  { "superseded", "offer status", NC_("offer status", "Replaced by a later offer") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (offer_status_table) == RD_OFFER_STATUS_N_VALUES);

const char *
rd_offer_status_to_string (RdOfferStatus value)
{
  return lookup_wire (offer_status_table, G_N_ELEMENTS (offer_status_table), value);
}

gboolean
rd_offer_status_from_string (const char *str,
                             RdOfferStatus *out)
{
  guint v;

  if (!lookup_value (offer_status_table, G_N_ELEMENTS (offer_status_table), str, &v))
    return FALSE;
  if (out != NULL)
    *out = (RdOfferStatus) v;
  return TRUE;
}

const char *
rd_offer_status_label (RdOfferStatus value)
{
  return lookup_label (offer_status_table, G_N_ELEMENTS (offer_status_table), value);
}

static const RdEnumEntry event_type_table[] = {
  { "created", "event", NC_("event", "Case opened") },
  { "message", "event", NC_("event", "Message") },
  { "evidence", "event", NC_("event", "File attached") },
  { "offer", "event", NC_("event", "Offer made") },
  { "offer_accepted", "event", NC_("event", "Offer accepted") },
  { "offer_rejected", "event", NC_("event", "Offer rejected") },
  { "claim_accepted", "event", NC_("event", "Claim accepted") },
  { "escalated", "event", NC_("event", "Sent to the platform for review") },
  { "deadline_missed", "event", NC_("event", "Deadline missed") },
  { "return_shipped", "event", NC_("event", "Return shipped") },
  { "return_received", "event", NC_("event", "Return received") },
  { "ruled", "event", NC_("event", "Platform decision") },
  { "withdrawn", "event", NC_("event", "Case withdrawn") },
  { "resolved", "event", NC_("event", "Case resolved") },
  { "rated", "event", NC_("event", "Rated") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (event_type_table) == RD_EVENT_TYPE_N_VALUES);

const char *
rd_event_type_to_string (RdEventType value)
{
  return lookup_wire (event_type_table, G_N_ELEMENTS (event_type_table), value);
}

gboolean
rd_event_type_from_string (const char *str,
                           RdEventType *out)
{
  guint v;

  if (!lookup_value (event_type_table, G_N_ELEMENTS (event_type_table), str, &v))
    return FALSE;
  if (out != NULL)
    *out = (RdEventType) v;
  return TRUE;
}

const char *
rd_event_type_label (RdEventType value)
{
  return lookup_label (event_type_table, G_N_ELEMENTS (event_type_table), value);
}

static const RdEnumEntry action_type_table[] = {
  { "message", "action", NC_("action", "Send a message") },
  { "offer", "action", NC_("action", "Make an offer") },
  { "accept_claim", "action", NC_("action", "Accept the claim") },
  { "accept_offer", "action", NC_("action", "Accept the offer") },
  { "reject_offer", "action", NC_("action", "Reject the offer") },
  { "escalate", "action", NC_("action", "Ask the platform to decide") },
  { "withdraw", "action", NC_("action", "Withdraw the case") },
  { "ship_return", "action", NC_("action", "Ship the return") },
  { "confirm_return", "action", NC_("action", "Confirm the return arrived") },
  { "rule", "action", NC_("action", "Rule on the case") },
  { "rate", "action", NC_("action", "Rate the outcome") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (action_type_table) == RD_ACTION_TYPE_N_VALUES);

const char *
rd_action_type_to_string (RdActionType value)
{
  return lookup_wire (action_type_table, G_N_ELEMENTS (action_type_table), value);
}

gboolean
rd_action_type_from_string (const char *str,
                            RdActionType *out)
{
  guint v;

  if (!lookup_value (action_type_table, G_N_ELEMENTS (action_type_table), str, &v))
    return FALSE;
  if (out != NULL)
    *out = (RdActionType) v;
  return TRUE;
}

const char *
rd_action_type_label (RdActionType value)
{
  return lookup_label (action_type_table, G_N_ELEMENTS (action_type_table), value);
}

static const RdEnumEntry decision_table[] = {
  { "buyer", "decision", NC_("decision", "In the buyer's favour") },
  { "seller", "decision", NC_("decision", "In the seller's favour") },
  { "split", "decision", NC_("decision", "Split between both") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (decision_table) == RD_DECISION_N_VALUES);

const char *
rd_decision_to_string (RdDecision value)
{
  return lookup_wire (decision_table, G_N_ELEMENTS (decision_table), value);
}

gboolean
rd_decision_from_string (const char *str,
                         RdDecision *out)
{
  guint v;

  if (!lookup_value (decision_table, G_N_ELEMENTS (decision_table), str, &v))
    return FALSE;
  if (out != NULL)
    *out = (RdDecision) v;
  return TRUE;
}

const char *
rd_decision_label (RdDecision value)
{
  return lookup_label (decision_table, G_N_ELEMENTS (decision_table), value);
}
