/* rd-offer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-offer.h"

G_DEFINE_FINAL_TYPE (RdOffer, rd_offer, G_TYPE_OBJECT)

static void
rd_offer_finalize (GObject *object)
{
  RdOffer *self = (RdOffer *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->amount, rd_money_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->at, g_date_time_unref);

  G_OBJECT_CLASS (rd_offer_parent_class)->finalize (object);
}

static void
rd_offer_class_init (RdOfferClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_offer_finalize;
}

static void
rd_offer_init (RdOffer *self)
{
}

RdOffer *
rd_offer_new (void)
{
  return g_object_new (RD_TYPE_OFFER, NULL);
}
