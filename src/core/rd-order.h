/* rd-order.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-enums.h"
#include "rd-money.h"
#include "rd-party.h"
#include "rd-order-item.h"

G_BEGIN_DECLS

#define RD_TYPE_ORDER (rd_order_get_type ())

/* An order (read-only for every role).
 *
 * The fields are public and read-only for everybody but the codec and the
 * store, which fill them in; other code builds one with rd_order_new ().
 */
struct _RdOrder
{
  GObject parent_instance;

  char       *id;
  char       *number;
  RdParty    *buyer;
  RdParty    *seller;
  GPtrArray  *items;                             /* element-type RdOrderItem */
  RdMoney    *total;
  GDateTime  *ordered_at;
  GDateTime  *shipped_at;                        /* nullable */
  GDateTime  *delivered_at;                      /* nullable */
  char       *carrier;                           /* nullable */
  char       *tracking;                          /* nullable */
  guint       return_window_days;
  guint       warranty_months;
};

G_DECLARE_FINAL_TYPE (RdOrder, rd_order, RD, ORDER, GObject)

RdOrder *rd_order_new (void);

G_END_DECLS
