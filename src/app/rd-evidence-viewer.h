/* rd-evidence-viewer.h — one file of a case in a window of its own: the
 * picture scaled to fit, or a document to open in its own application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rd-session.h"

G_BEGIN_DECLS

#define RD_TYPE_EVIDENCE_VIEWER (rd_evidence_viewer_get_type ())

G_DECLARE_FINAL_TYPE (RdEvidenceViewer, rd_evidence_viewer, RD, EVIDENCE_VIEWER, AdwWindow)

/* Fetches the file through the session's evidence cache. */
RdEvidenceViewer *rd_evidence_viewer_new (GtkWindow  *parent,
                                          RdSession  *session,
                                          RdEvidence *evidence);

G_END_DECLS
