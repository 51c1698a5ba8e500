/* rd-action.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-enums.h"
#include "rd-money.h"
#include "rd-party.h"

G_BEGIN_DECLS

#define RD_TYPE_ACTION (rd_action_get_type ())

/* An action that a user takes on a case: the body of `POST /v1/cases/{id}/actions`
 * and, unsent, an outbox row. Only the fields of its type are set.
 *
 * The fields are public and read-only for everybody but the codec and the
 * store, which fill them in; other code builds one with rd_action_new ().
 */
struct _RdAction
{
  GObject parent_instance;

  char         *id;                              /* client UUID */
  RdActionType  type;
  char         *text;                            /* message */
  char         *template_id;                     /* message */
  GHashTable   *template_params;                 /* message */
  char         *lang;                            /* message */
  GStrv         evidence_ids;                    /* message */
  RdOutcomeType offer_type;                      /* offer */
  RdMoney      *offer_amount;                    /* offer (partial refund) */
  char         *offer_note;                      /* offer */
  char         *offer_id;                        /* accept_offer, reject_offer */
  char         *reason;                          /* reject_offer, escalate */
  char         *carrier;                         /* ship_return */
  char         *tracking;                        /* ship_return */
  RdDecision    decision;                        /* rule */
  RdMoney      *amount;                          /* rule (split) */
  char         *note;                            /* rule */
  guint         stars;                           /* rate */
  char         *comment;                         /* rate */
};

G_DECLARE_FINAL_TYPE (RdAction, rd_action, RD, ACTION, GObject)

RdAction *rd_action_new (void);

G_END_DECLS
