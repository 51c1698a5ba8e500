/* rd-resolution.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-resolution.h"

G_DEFINE_BOXED_TYPE (RdResolution, rd_resolution, rd_resolution_copy, rd_resolution_free)

RdResolution *
rd_resolution_new (RdResolutionOutcome  outcome,
                   const RdMoney       *amount,
                   RdResolutionBy       by,
                   GDateTime           *at)
{
  RdResolution *self = g_new0 (RdResolution, 1);

  self->outcome = outcome;
  self->amount = rd_money_copy (amount);
  self->by = by;
  self->at = at ? g_date_time_ref (at) : NULL;
  return self;
}

RdResolution *
rd_resolution_copy (const RdResolution *self)
{
  if (self == NULL)
    return NULL;
  return rd_resolution_new (self->outcome, self->amount, self->by, self->at);
}

void
rd_resolution_free (RdResolution *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->amount, rd_money_free);
  g_clear_pointer (&self->at, g_date_time_unref);
  g_free (self);
}
