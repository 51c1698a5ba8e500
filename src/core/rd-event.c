/* rd-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-event.h"

G_DEFINE_FINAL_TYPE (RdEvent, rd_event, G_TYPE_OBJECT)

static void
rd_event_finalize (GObject *object)
{
  RdEvent *self = (RdEvent *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->at, g_date_time_unref);
  g_clear_pointer (&self->actor, rd_party_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->template_id, g_free);
  g_clear_pointer (&self->template_params, g_hash_table_unref);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->evidence_ids, g_strfreev);
  g_clear_pointer (&self->offer_id, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->carrier, g_free);
  g_clear_pointer (&self->tracking, g_free);
  g_clear_pointer (&self->amount, rd_money_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->comment, g_free);

  G_OBJECT_CLASS (rd_event_parent_class)->finalize (object);
}

static void
rd_event_class_init (RdEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_event_finalize;
}

static void
rd_event_init (RdEvent *self)
{
}

RdEvent *
rd_event_new (void)
{
  return g_object_new (RD_TYPE_EVENT, NULL);
}
