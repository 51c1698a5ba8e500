/* rd-party.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-party.h"

G_DEFINE_BOXED_TYPE (RdParty, rd_party, rd_party_copy, rd_party_free)

RdParty *
rd_party_new (const char *id,
              const char *name)
{
  RdParty *self = g_new0 (RdParty, 1);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  return self;
}

RdParty *
rd_party_copy (const RdParty *self)
{
  if (self == NULL)
    return NULL;
  return rd_party_new (self->id, self->name);
}

void
rd_party_free (RdParty *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self);
}

gboolean
rd_party_equal (const RdParty *a,
                const RdParty *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->id, b->id) == 0 && g_strcmp0 (a->name, b->name) == 0;
}
