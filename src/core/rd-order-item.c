/* rd-order-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-order-item.h"

G_DEFINE_FINAL_TYPE (RdOrderItem, rd_order_item, G_TYPE_OBJECT)

static void
rd_order_item_finalize (GObject *object)
{
  RdOrderItem *self = (RdOrderItem *) object;

  g_clear_pointer (&self->sku, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->unit_price, rd_money_free);

  G_OBJECT_CLASS (rd_order_item_parent_class)->finalize (object);
}

static void
rd_order_item_class_init (RdOrderItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_order_item_finalize;
}

static void
rd_order_item_init (RdOrderItem *self)
{
}

RdOrderItem *
rd_order_item_new (void)
{
  return g_object_new (RD_TYPE_ORDER_ITEM, NULL);
}
