/* rd-evidence-cache.h — downloaded evidence, by sha256, fetched once
 *
 * Each file lives in the cache folder under its sha256
 * ($XDG_CACHE_HOME/redress/evidence/<sha256>): the name comes from a checked
 * hash, never from the network's file name.  A download whose bytes do not
 * hash to the evidence's sha256 fails and leaves nothing behind.  A file
 * already cached is served from disk without a request, and two requests for
 * the same file while it downloads share one download.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-api.h"
#include "rd-evidence.h"

G_BEGIN_DECLS

#define RD_TYPE_EVIDENCE_CACHE (rd_evidence_cache_get_type ())

G_DECLARE_FINAL_TYPE (RdEvidenceCache, rd_evidence_cache, RD, EVIDENCE_CACHE, GObject)

/* The default folder, $XDG_CACHE_HOME/redress/evidence. */
char            *rd_evidence_cache_default_dir (void);

/* @dir NULL for the default folder; it is created when first needed. */
RdEvidenceCache *rd_evidence_cache_new        (RdApi            *api,
                                               const char       *dir);
const char      *rd_evidence_cache_get_dir    (RdEvidenceCache  *self);

/* TRUE for 64 lower-case hexadecimal digits. */
gboolean         rd_evidence_cache_is_valid_sha256 (const char  *sha256);

/* The cached file for @sha256, or NULL if it is not (yet) here. */
GFile           *rd_evidence_cache_lookup     (RdEvidenceCache  *self,
                                               const char       *sha256);

/* The file of @evidence, from the cache or downloaded into it. */
void             rd_evidence_cache_fetch_async (RdEvidenceCache *self,
                                               RdEvidence       *evidence,
                                               GCancellable     *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer          user_data);
GFile           *rd_evidence_cache_fetch_finish (RdEvidenceCache *self,
                                               GAsyncResult     *result,
                                               GError          **error);

/* Moves @file (a local copy, e.g. an uploaded attachment) into the cache if
 * its bytes hash to @sha256; otherwise leaves it and fails. */
gboolean         rd_evidence_cache_adopt      (RdEvidenceCache  *self,
                                               const char       *sha256,
                                               GFile            *file,
                                               GError          **error);

G_END_DECLS
