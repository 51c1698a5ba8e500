/* rd-offer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-enums.h"
#include "rd-money.h"
#include "rd-party.h"

G_BEGIN_DECLS

#define RD_TYPE_OFFER (rd_offer_get_type ())

/* A seller's offer on a case.
 *
 * The fields are public and read-only for everybody but the codec and the
 * store, which fill them in; other code builds one with rd_offer_new ().
 */
struct _RdOffer
{
  GObject parent_instance;

  char         *id;
  RdOutcomeType type;
  RdMoney      *amount;                          /* nullable; partial refunds only */
  char         *note;                            /* nullable */
  RdOfferStatus status;
  GDateTime    *at;
};

G_DECLARE_FINAL_TYPE (RdOffer, rd_offer, RD, OFFER, GObject)

RdOffer *rd_offer_new (void);

G_END_DECLS
