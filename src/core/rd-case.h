/* rd-case.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-enums.h"
#include "rd-money.h"
#include "rd-party.h"
#include "rd-order-item.h"
#include "rd-event.h"
#include "rd-offer.h"
#include "rd-evidence.h"
#include "rd-resolution.h"
#include "rd-rating.h"

G_BEGIN_DECLS

#define RD_TYPE_CASE (rd_case_get_type ())

/* A dispute about one item of one order, with its whole timeline.
 *
 * The fields are public and read-only for everybody but the codec and the
 * store, which fill them in; other code builds one with rd_case_new ().
 */
struct _RdCase
{
  GObject parent_instance;

  char          *id;
  gint64         version;
  char          *order_id;
  char          *order_number;
  RdOrderItem   *item;
  RdParty       *buyer;
  RdParty       *seller;
  RdReason       reason;
  RdOutcomeType  requested_type;
  RdMoney       *requested_amount;               /* partial refunds only */
  char          *description;
  char          *lang;
  RdStatus       status;
  RdTurn         turn;
  GDateTime     *respond_by;                     /* nullable */
  RdExpiry       on_expiry;
  RdResolution  *resolution;                     /* nullable */
  guint          allowed_actions;                /* bit (1 << RdActionType) per action */
  GDateTime     *created_at;
  GDateTime     *updated_at;
  GPtrArray     *events;                         /* element-type RdEvent */
  GPtrArray     *offers;                         /* element-type RdOffer */
  GPtrArray     *evidence;                       /* element-type RdEvidence */
  RdRating      *rating;                         /* nullable */
};

G_DECLARE_FINAL_TYPE (RdCase, rd_case, RD, CASE, GObject)

RdCase *rd_case_new (void);

G_END_DECLS
