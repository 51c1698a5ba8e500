/* rd-offer-card.h — a seller's offer on the timeline, with Accept and
 * Reject for the buyer while it is open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_OFFER_CARD (rd_offer_card_get_type ())

G_DECLARE_FINAL_TYPE (RdOfferCard, rd_offer_card, RD, OFFER_CARD, GtkWidget)

/* @offer of @kase; @event (nullable) is the `offer` step that made it. */
GtkWidget  *rd_offer_card_new          (RdSession   *session,
                                        RdCase      *kase,
                                        RdOffer     *offer,
                                        RdEvent     *event);
RdOffer    *rd_offer_card_get_offer    (RdOfferCard *self);
const char *rd_offer_card_get_title    (RdOfferCard *self);

/* What an offer gives, in words: "Partial refund of €10.00", "Replacement". */
char       *rd_offer_card_format_offer (RdOutcomeType  type,
                                        const RdMoney *amount);

G_END_DECLS
