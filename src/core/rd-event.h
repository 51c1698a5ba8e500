/* rd-event.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-enums.h"
#include "rd-money.h"
#include "rd-party.h"

G_BEGIN_DECLS

#define RD_TYPE_EVENT (rd_event_get_type ())

/* One step of a case's timeline. Only the fields of its type are set.
 *
 * The fields are public and read-only for everybody but the codec and the
 * store, which fill them in; other code builds one with rd_event_new ().
 */
struct _RdEvent
{
  GObject parent_instance;

  char               *id;
  GDateTime          *at;
  RdParty            *actor;
  RdRole              actor_role;
  RdEventType         type;
  char               *text;                      /* message: free text, or NULL */
  char               *template_id;               /* message: a phrase id, or NULL */
  GHashTable         *template_params;           /* message: string to string, or NULL */
  char               *lang;                      /* message */
  GStrv               evidence_ids;              /* message, evidence: or NULL */
  char               *offer_id;                  /* offer, offer_accepted, offer_rejected */
  char               *reason;                    /* offer_rejected, escalated, deadline_missed: free text */
  char               *carrier;                   /* return_shipped */
  char               *tracking;                  /* return_shipped */
  gboolean            has_decision;
  RdDecision          decision;                  /* ruled */
  RdMoney            *amount;                    /* ruled (split), resolved: or NULL */
  char               *note;                      /* ruled, offer */
  guint               stars;                     /* rated: 1..5, 0 elsewhere */
  char               *comment;                   /* rated */
  gboolean            has_outcome;
  RdResolutionOutcome outcome;                   /* resolved */
};

G_DECLARE_FINAL_TYPE (RdEvent, rd_event, RD, EVENT, GObject)

RdEvent *rd_event_new (void);

G_END_DECLS
