/* rd-evidence.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-evidence.h"

G_DEFINE_FINAL_TYPE (RdEvidence, rd_evidence, G_TYPE_OBJECT)

static void
rd_evidence_finalize (GObject *object)
{
  RdEvidence *self = (RdEvidence *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->mime, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->by, rd_party_free);
  g_clear_pointer (&self->at, g_date_time_unref);

  G_OBJECT_CLASS (rd_evidence_parent_class)->finalize (object);
}

static void
rd_evidence_class_init (RdEvidenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_evidence_finalize;
}

static void
rd_evidence_init (RdEvidence *self)
{
}

RdEvidence *
rd_evidence_new (void)
{
  return g_object_new (RD_TYPE_EVIDENCE, NULL);
}

const char *
rd_evidence_sniff_mime (const guint8 *head,
                        gsize         len)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (head == NULL)
    return NULL;
  if (len >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff)
    return "image/jpeg";
  if (len >= sizeof png && memcmp (head, png, sizeof png) == 0)
    return "image/png";
  if (len >= 5 && memcmp (head, "%PDF-", 5) == 0)
    return "application/pdf";
  return NULL;
}
