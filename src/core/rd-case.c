/* rd-case.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-case.h"

G_DEFINE_FINAL_TYPE (RdCase, rd_case, G_TYPE_OBJECT)

static void
rd_case_finalize (GObject *object)
{
  RdCase *self = (RdCase *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->order_id, g_free);
  g_clear_pointer (&self->order_number, g_free);
  g_clear_object (&self->item);
  g_clear_pointer (&self->buyer, rd_party_free);
  g_clear_pointer (&self->seller, rd_party_free);
  g_clear_pointer (&self->requested_amount, rd_money_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->respond_by, g_date_time_unref);
  g_clear_pointer (&self->resolution, rd_resolution_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->offers, g_ptr_array_unref);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  g_clear_pointer (&self->rating, rd_rating_free);

  G_OBJECT_CLASS (rd_case_parent_class)->finalize (object);
}

static void
rd_case_class_init (RdCaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_case_finalize;
}

static void
rd_case_init (RdCase *self)
{
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  self->offers = g_ptr_array_new_with_free_func (g_object_unref);
  self->evidence = g_ptr_array_new_with_free_func (g_object_unref);
}

RdCase *
rd_case_new (void)
{
  return g_object_new (RD_TYPE_CASE, NULL);
}
