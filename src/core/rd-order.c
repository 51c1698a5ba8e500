/* rd-order.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-order.h"

G_DEFINE_FINAL_TYPE (RdOrder, rd_order, G_TYPE_OBJECT)

static void
rd_order_finalize (GObject *object)
{
  RdOrder *self = (RdOrder *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->buyer, rd_party_free);
  g_clear_pointer (&self->seller, rd_party_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->total, rd_money_free);
  g_clear_pointer (&self->ordered_at, g_date_time_unref);
  g_clear_pointer (&self->shipped_at, g_date_time_unref);
  g_clear_pointer (&self->delivered_at, g_date_time_unref);
  g_clear_pointer (&self->carrier, g_free);
  g_clear_pointer (&self->tracking, g_free);

  G_OBJECT_CLASS (rd_order_parent_class)->finalize (object);
}

static void
rd_order_class_init (RdOrderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_order_finalize;
}

static void
rd_order_init (RdOrder *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

RdOrder *
rd_order_new (void)
{
  return g_object_new (RD_TYPE_ORDER, NULL);
}
