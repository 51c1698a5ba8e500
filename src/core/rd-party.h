/* rd-party.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-enums.h"
#include "rd-money.h"

G_BEGIN_DECLS

#define RD_TYPE_PARTY (rd_party_get_type ())

/* One side of an order or case, or an event's actor: {"id", "name"}. */
typedef struct
{
  char  *id;
  char  *name;
} RdParty;

GType    rd_party_get_type (void) G_GNUC_CONST;
RdParty *rd_party_new  (const char *id,
                        const char *name);
RdParty *rd_party_copy (const RdParty *self);
void     rd_party_free (RdParty *self);
gboolean rd_party_equal (const RdParty *a,
                         const RdParty *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdParty, rd_party_free)

G_END_DECLS
