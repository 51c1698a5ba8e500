/* rd-user.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-user.h"

G_DEFINE_FINAL_TYPE (RdUser, rd_user, G_TYPE_OBJECT)

static void
rd_user_finalize (GObject *object)
{
  RdUser *self = (RdUser *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->locale, g_free);

  G_OBJECT_CLASS (rd_user_parent_class)->finalize (object);
}

static void
rd_user_class_init (RdUserClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_user_finalize;
}

static void
rd_user_init (RdUser *self)
{
}

RdUser *
rd_user_new (void)
{
  return g_object_new (RD_TYPE_USER, NULL);
}
