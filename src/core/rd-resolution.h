/* rd-resolution.h — how a case ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-enums.h"
#include "rd-money.h"

G_BEGIN_DECLS

#define RD_TYPE_RESOLUTION (rd_resolution_get_type ())

typedef struct
{
  RdResolutionOutcome  outcome;
  RdMoney             *amount;  /* nullable */
  RdResolutionBy       by;
  GDateTime           *at;
} RdResolution;

GType         rd_resolution_get_type (void) G_GNUC_CONST;
RdResolution *rd_resolution_new      (RdResolutionOutcome  outcome,
                                      const RdMoney       *amount,
                                      RdResolutionBy       by,
                                      GDateTime           *at);
RdResolution *rd_resolution_copy     (const RdResolution  *self);
void          rd_resolution_free     (RdResolution        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdResolution, rd_resolution_free)

G_END_DECLS
