/* rd-order-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-enums.h"
#include "rd-money.h"
#include "rd-party.h"

G_BEGIN_DECLS

#define RD_TYPE_ORDER_ITEM (rd_order_item_get_type ())

/* One line of an order.
 *
 * The fields are public and read-only for everybody but the codec and the
 * store, which fill them in; other code builds one with rd_order_item_new ().
 */
struct _RdOrderItem
{
  GObject parent_instance;

  char     *sku;
  char     *title;
  guint     quantity;
  RdMoney  *unit_price;
};

G_DECLARE_FINAL_TYPE (RdOrderItem, rd_order_item, RD, ORDER_ITEM, GObject)

RdOrderItem *rd_order_item_new (void);

G_END_DECLS
