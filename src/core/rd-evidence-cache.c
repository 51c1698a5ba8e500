/* rd-evidence-cache.c — downloaded evidence, by sha256, fetched once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "rd-error.h"
#include "rd-evidence-cache.h"

struct _RdEvidenceCache
{
  GObject       parent_instance;

  RdApi        *api;
  char         *dir;
  /* sha256 -> GPtrArray of GTask waiting for that download */
  GHashTable   *downloads;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (RdEvidenceCache, rd_evidence_cache, G_TYPE_OBJECT)

char *
rd_evidence_cache_default_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "redress", "evidence", NULL);
}

gboolean
rd_evidence_cache_is_valid_sha256 (const char *sha256)
{
  if (sha256 == NULL)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    {
      if (!g_ascii_isdigit (sha256[i]) && !(sha256[i] >= 'a' && sha256[i] <= 'f'))
        return FALSE;
    }
  return sha256[64] == '\0';
}

static void
rd_evidence_cache_dispose (GObject *object)
{
  RdEvidenceCache *self = (RdEvidenceCache *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->api);

  G_OBJECT_CLASS (rd_evidence_cache_parent_class)->dispose (object);
}

static void
rd_evidence_cache_finalize (GObject *object)
{
  RdEvidenceCache *self = (RdEvidenceCache *) object;

  g_clear_pointer (&self->downloads, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_free (self->dir);

  G_OBJECT_CLASS (rd_evidence_cache_parent_class)->finalize (object);
}

static void
rd_evidence_cache_class_init (RdEvidenceCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_evidence_cache_dispose;
  object_class->finalize = rd_evidence_cache_finalize;
}

static void
rd_evidence_cache_init (RdEvidenceCache *self)
{
  self->downloads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
  self->cancellable = g_cancellable_new ();
}

RdEvidenceCache *
rd_evidence_cache_new (RdApi      *api,
                       const char *dir)
{
  RdEvidenceCache *self;

  g_return_val_if_fail (RD_IS_API (api), NULL);

  self = g_object_new (RD_TYPE_EVIDENCE_CACHE, NULL);
  self->api = g_object_ref (api);
  self->dir = dir != NULL ? g_strdup (dir) : rd_evidence_cache_default_dir ();
  return self;
}

const char *
rd_evidence_cache_get_dir (RdEvidenceCache *self)
{
  g_return_val_if_fail (RD_IS_EVIDENCE_CACHE (self), NULL);
  return self->dir;
}

static char *
cache_path (RdEvidenceCache *self,
            const char      *sha256)
{
  return g_build_filename (self->dir, sha256, NULL);
}

GFile *
rd_evidence_cache_lookup (RdEvidenceCache *self,
                          const char      *sha256)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (RD_IS_EVIDENCE_CACHE (self), NULL);

  if (!rd_evidence_cache_is_valid_sha256 (sha256))
    return NULL;
  path = cache_path (self, sha256);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_file_new_for_path (path);
}

/* --- Fetching --------------------------------------------------------------- */

typedef struct
{
  char   *sha256;
  char   *path;
  char   *dir;
  GBytes *bytes;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->sha256);
  g_free (job->path);
  g_free (job->dir);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

/* In a worker: hashing and writing 10 MiB is no work for the main loop. */
static void
save_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autofree char *actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, job->bytes);
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (job->bytes, &len);

  if (g_strcmp0 (actual, job->sha256) != 0)
    {
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_INVALID_DATA, "%s",
                               _("The downloaded file is damaged: it is not the file that was "
                                 "attached. It was not kept."));
      return;
    }
  if (g_mkdir_with_parents (job->dir, 0700) != 0
      || !g_file_set_contents_full (job->path, data, (gssize) len,
                                    G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_FAILED,
                               /* Translators: %s is the system's reason */
                               _("The downloaded file could not be saved: %s"),
                               error != NULL ? error->message : g_strerror (errno));
      return;
    }
  g_task_return_pointer (task, g_file_new_for_path (job->path), g_object_unref);
}

/* Hands the outcome of one download to everybody who asked for it. */
static void
complete_waiters (RdEvidenceCache *self,
                  const char      *sha256,
                  GFile           *file,
                  const GError    *error)
{
  g_autoptr (GPtrArray) waiters = NULL;
  g_autofree char *key = NULL;

  if (!g_hash_table_steal_extended (self->downloads, sha256, (gpointer *) &key,
                                    (gpointer *) &waiters))
    return;
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        g_task_return_new_error (task, RD_ERROR, RD_ERROR_CANCELLED, "%s",
                                 rd_error_code_label (RD_ERROR_CANCELLED));
      else if (file != NULL)
        g_task_return_pointer (task, g_object_ref (file), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  RdEvidenceCache *self = RD_EVIDENCE_CACHE (source);
  g_autofree char *sha256 = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_task_propagate_pointer (G_TASK (result), &error);

  complete_waiters (self, sha256, file, error);
}

typedef struct
{
  RdEvidenceCache *self;
  char            *sha256;
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->self);
  g_free (download->sha256);
  g_free (download);
}

static void
on_download_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Download *download = user_data;
  RdEvidenceCache *self = download->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = rd_api_get_evidence_finish (RD_API (source), result, &error);
  g_autoptr (GTask) save = NULL;
  SaveJob *job;

  if (bytes == NULL)
    complete_waiters (self, download->sha256, NULL, error);
  else
    {
      job = g_new0 (SaveJob, 1);
      job->sha256 = g_strdup (download->sha256);
      job->path = cache_path (self, download->sha256);
      job->dir = g_strdup (self->dir);
      job->bytes = g_steal_pointer (&bytes);
      save = g_task_new (self, NULL, on_saved, g_strdup (download->sha256));
      g_task_set_source_tag (save, save_in_thread);
      g_task_set_task_data (save, job, (GDestroyNotify) save_job_free);
      g_task_run_in_thread (save, save_in_thread);
    }
  download_free (download);
}

void
rd_evidence_cache_fetch_async (RdEvidenceCache     *self,
                               RdEvidence          *evidence,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GFile) cached = NULL;
  GPtrArray *waiters;
  Download *download;

  g_return_if_fail (RD_IS_EVIDENCE_CACHE (self));
  g_return_if_fail (RD_IS_EVIDENCE (evidence));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_evidence_cache_fetch_async);
  g_task_set_check_cancellable (task, FALSE);

  /* The hash names the file: check it before it comes near a path. */
  if (!rd_evidence_cache_is_valid_sha256 (evidence->sha256) || evidence->id == NULL)
    {
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_INVALID_DATA, "%s",
                               rd_error_code_label (RD_ERROR_INVALID_DATA));
      return;
    }

  cached = rd_evidence_cache_lookup (self, evidence->sha256);
  if (cached != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&cached), g_object_unref);
      return;
    }

  waiters = g_hash_table_lookup (self->downloads, evidence->sha256);
  if (waiters != NULL)
    {
      g_ptr_array_add (waiters, g_steal_pointer (&task));
      return;
    }

  waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiters, g_steal_pointer (&task));
  g_hash_table_insert (self->downloads, g_strdup (evidence->sha256), waiters);

  download = g_new0 (Download, 1);
  download->self = g_object_ref (self);
  download->sha256 = g_strdup (evidence->sha256);
  rd_api_get_evidence_async (self->api, evidence->id, self->cancellable, on_download_done,
                             download);
}

GFile *
rd_evidence_cache_fetch_finish (RdEvidenceCache  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, rd_evidence_cache_fetch_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Adopting a local copy ---------------------------------------------------- */

gboolean
rd_evidence_cache_adopt (RdEvidenceCache  *self,
                         const char       *sha256,
                         GFile            *file,
                         GError          **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) dest = NULL;

  g_return_val_if_fail (RD_IS_EVIDENCE_CACHE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!rd_evidence_cache_is_valid_sha256 (sha256))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID_DATA,
                           rd_error_code_label (RD_ERROR_INVALID_DATA));
      return FALSE;
    }
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_FAILED, "%s", local_error->message);
      return FALSE;
    }
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (actual, sha256) != 0)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID_DATA,
                           _("The file has changed since it was attached."));
      return FALSE;
    }

  path = cache_path (self, sha256);
  dest = g_file_new_for_path (path);
  if (g_mkdir_with_parents (self->dir, 0700) != 0
      || !g_file_move (file, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_FAILED, "%s",
                   local_error != NULL ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}
