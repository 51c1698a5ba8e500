/* rd-codec.h — JSON <-> model, strictly
 *
 * Every *_from_json () takes a parsed node and returns a new object, or NULL
 * with an RD_ERROR_INVALID_DATA error whose message names the offending field
 * by its path ("events[3].at: not an RFC 3339 time").  Required fields must be
 * present with the right type; optional ones may be absent or null; unknown
 * fields are ignored.  Times, money, UUIDs and enum words are validated, never
 * defaulted.  Every *_to_json () writes exactly what its *_from_json () reads.
 *
 * The event and action fields beyond API.md's common ones (see rd-event.h and
 * rd-action.h) are, by type:
 *   message          text?, template? {id, params {name: string}}, lang, evidence_ids []
 *   evidence         evidence_ids [id]
 *   offer            offer_id, note?
 *   offer_accepted   offer_id
 *   offer_rejected   offer_id, reason?
 *   escalated        reason?
 *   deadline_missed  reason?
 *   return_shipped   carrier, tracking
 *   ruled            decision, amount?, note
 *   resolved         outcome, amount?
 *   rated            stars, comment?
 * Template parameters are strings; a money parameter ({amount}) is written as
 * minor units and currency separated by a space ("1000 EUR") so that each
 * reader formats it in their own locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rd-action.h"
#include "rd-api-types.h"
#include "rd-case.h"
#include "rd-event.h"
#include "rd-evidence.h"
#include "rd-offer.h"
#include "rd-order.h"
#include "rd-user.h"

G_BEGIN_DECLS

/* Documents nested deeper than this are refused before they are walked. */
#define RD_CODEC_MAX_DEPTH 32

/* Parses a whole document; refuses invalid UTF-8, empty input and nesting
 * deeper than RD_CODEC_MAX_DEPTH. */
JsonNode      *rd_codec_parse               (const char        *data,
                                             gssize             length,
                                             GError           **error);
/* Compact UTF-8 JSON text of a node. */
char          *rd_codec_to_string           (JsonNode          *node,
                                             gsize             *length);

/* RFC 3339 in UTC ("2026-03-31T09:15:00Z"); fractional seconds and offsets are
 * accepted when parsing and normalised to UTC. */
GDateTime     *rd_codec_parse_time          (const char        *text,
                                             GError           **error);
char          *rd_codec_format_time         (GDateTime         *time);
/* A UUID in its canonical 8-4-4-4-12 hexadecimal form, any case. */
gboolean       rd_uuid_is_valid             (const char        *text);

RdUser        *rd_codec_user_from_json      (JsonNode          *node,
                                             GError           **error);
JsonNode      *rd_codec_user_to_json        (RdUser            *user);

RdOrder       *rd_codec_order_from_json     (JsonNode          *node,
                                             GError           **error);
JsonNode      *rd_codec_order_to_json       (RdOrder           *order);

RdOrderItem   *rd_codec_order_item_from_json (JsonNode         *node,
                                              GError          **error);
JsonNode      *rd_codec_order_item_to_json  (RdOrderItem       *item);

RdCase        *rd_codec_case_from_json      (JsonNode          *node,
                                             GError           **error);
JsonNode      *rd_codec_case_to_json        (RdCase            *kase);

RdEvent       *rd_codec_event_from_json     (JsonNode          *node,
                                             GError           **error);
JsonNode      *rd_codec_event_to_json       (RdEvent           *event);

RdOffer       *rd_codec_offer_from_json     (JsonNode          *node,
                                             GError           **error);
JsonNode      *rd_codec_offer_to_json       (RdOffer           *offer);

RdEvidence    *rd_codec_evidence_from_json  (JsonNode          *node,
                                             GError           **error);
JsonNode      *rd_codec_evidence_to_json    (RdEvidence        *evidence);

RdMoney       *rd_codec_money_from_json     (JsonNode          *node,
                                             GError           **error);
JsonNode      *rd_codec_money_to_json       (const RdMoney     *money);

/* The body of `POST /v1/cases/{id}/actions`, with its "id" and "type". */
RdAction      *rd_codec_action_from_json    (JsonNode          *node,
                                             GError           **error);
JsonNode      *rd_codec_action_to_json      (RdAction          *action);

/* The body of `PUT /v1/cases/{id}`. */
RdCaseDraft   *rd_codec_case_draft_from_json (JsonNode         *node,
                                              GError          **error);
JsonNode      *rd_codec_case_draft_to_json  (const RdCaseDraft *draft);

RdSessionInfo *rd_codec_session_from_json   (JsonNode          *node,
                                             GError           **error);
JsonNode      *rd_codec_session_to_json     (const RdSessionInfo *session);

RdConfig      *rd_codec_config_from_json    (JsonNode          *node,
                                             GError           **error);
JsonNode      *rd_codec_config_to_json      (const RdConfig    *config);

RdChanges     *rd_codec_changes_from_json   (JsonNode          *node,
                                             GError           **error);
JsonNode      *rd_codec_changes_to_json     (const RdChanges   *changes);

/* An application/problem+json body.  An unknown `code` is not an error: it
 * becomes RD_ERROR_FAILED so that a newer platform never breaks a client. */
RdProblem     *rd_codec_problem_from_json   (JsonNode          *node,
                                             GError           **error);
JsonNode      *rd_codec_problem_to_json     (const RdProblem   *problem);

G_END_DECLS
