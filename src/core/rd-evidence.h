/* rd-evidence.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-enums.h"
#include "rd-money.h"
#include "rd-party.h"

G_BEGIN_DECLS

#define RD_TYPE_EVIDENCE (rd_evidence_get_type ())

/* A file attached to a case. `filename` is for display only, never a path.
 *
 * The fields are public and read-only for everybody but the codec and the
 * store, which fill them in; other code builds one with rd_evidence_new ().
 */
struct _RdEvidence
{
  GObject parent_instance;

  char       *id;
  char       *filename;
  char       *mime;
  gint64      size;
  char       *sha256;                            /* 64 lower-case hex digits */
  RdParty    *by;
  RdRole      role;
  GDateTime  *at;
};

G_DECLARE_FINAL_TYPE (RdEvidence, rd_evidence, RD, EVIDENCE, GObject)

RdEvidence *rd_evidence_new (void);

/* What a file's first bytes say it is: "image/jpeg", "image/png" or
 * "application/pdf", or NULL for anything else.  The client checks a file
 * with it before queueing, the platform before storing. */
const char *rd_evidence_sniff_mime (const guint8 *head,
                                    gsize         len);

G_END_DECLS
