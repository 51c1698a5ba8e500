/* rd-action.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-action.h"

G_DEFINE_FINAL_TYPE (RdAction, rd_action, G_TYPE_OBJECT)

static void
rd_action_finalize (GObject *object)
{
  RdAction *self = (RdAction *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->template_id, g_free);
  g_clear_pointer (&self->template_params, g_hash_table_unref);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->evidence_ids, g_strfreev);
  g_clear_pointer (&self->offer_amount, rd_money_free);
  g_clear_pointer (&self->offer_note, g_free);
  g_clear_pointer (&self->offer_id, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->carrier, g_free);
  g_clear_pointer (&self->tracking, g_free);
  g_clear_pointer (&self->amount, rd_money_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->comment, g_free);

  G_OBJECT_CLASS (rd_action_parent_class)->finalize (object);
}

static void
rd_action_class_init (RdActionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_action_finalize;
}

static void
rd_action_init (RdAction *self)
{
}

RdAction *
rd_action_new (void)
{
  return g_object_new (RD_TYPE_ACTION, NULL);
}
