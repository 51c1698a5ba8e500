/* rd-rating.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-rating.h"

G_DEFINE_BOXED_TYPE (RdRating, rd_rating, rd_rating_copy, rd_rating_free)

RdRating *
rd_rating_new (guint       stars,
               const char *comment)
{
  RdRating *self = g_new0 (RdRating, 1);

  self->stars = stars;
  self->comment = g_strdup (comment);
  return self;
}

RdRating *
rd_rating_copy (const RdRating *self)
{
  if (self == NULL)
    return NULL;
  return rd_rating_new (self->stars, self->comment);
}

void
rd_rating_free (RdRating *self)
{
  if (self == NULL)
    return;
  g_free (self->comment);
  g_free (self);
}
