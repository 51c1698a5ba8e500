/* rd-evidence-thumbnail.h — a file of a case as a small picture (or a
 * document icon) that opens the viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_EVIDENCE_THUMBNAIL (rd_evidence_thumbnail_get_type ())

G_DECLARE_FINAL_TYPE (RdEvidenceThumbnail, rd_evidence_thumbnail, RD, EVIDENCE_THUMBNAIL, GtkButton)

/* Fetches the file through the session's evidence cache. */
GtkWidget  *rd_evidence_thumbnail_new          (RdSession           *session,
                                                RdEvidence          *evidence);
RdEvidence *rd_evidence_thumbnail_get_evidence (RdEvidenceThumbnail *self);
/* Whether the file has arrived and is shown (a picture or the document icon). */
gboolean    rd_evidence_thumbnail_is_loaded    (RdEvidenceThumbnail *self);

G_END_DECLS
