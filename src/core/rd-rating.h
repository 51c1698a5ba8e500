/* rd-rating.h — the buyer's rating of a resolved case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RD_TYPE_RATING (rd_rating_get_type ())

/* {"stars": 1..5, "comment"?: text} */
typedef struct
{
  guint  stars;
  char  *comment;  /* nullable */
} RdRating;

GType     rd_rating_get_type (void) G_GNUC_CONST;
RdRating *rd_rating_new      (guint           stars,
                              const char     *comment);
RdRating *rd_rating_copy     (const RdRating *self);
void      rd_rating_free     (RdRating       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdRating, rd_rating_free)

G_END_DECLS
