/* rd-evidence-thumbnail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-evidence-thumbnail.h"
#include "rd-evidence-viewer.h"

#define THUMBNAIL_SIZE 96

struct _RdEvidenceThumbnail
{
  GtkButton parent_instance;

  RdSession *session;
  RdEvidence *evidence;
  GCancellable *cancellable;
  gboolean loaded;

  GtkWidget *stack;
  GtkWidget *picture;
  GtkWidget *icon;
  GtkWidget *name_label;
};

G_DEFINE_FINAL_TYPE (RdEvidenceThumbnail, rd_evidence_thumbnail, GTK_TYPE_BUTTON)

static gboolean
is_image (RdEvidence *evidence)
{
  return g_strcmp0 (evidence->mime, "image/png") == 0 || g_strcmp0 (evidence->mime, "image/jpeg") == 0;
}

/* Photos are decoded small and away from the main loop: a 12-megapixel
 * JPEG takes a while, and a thumbnail needs a fraction of it. */
static void
decode_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  /* Twice the size on screen, for high-density displays. */
  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, 2 * THUMBNAIL_SIZE, 2 * THUMBNAIL_SIZE, TRUE, &error);
  if (pixbuf == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
show_missing (RdEvidenceThumbnail *self)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), "image-missing-symbolic");
  /* Translators: tooltip of a file that could not be loaded */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("This file could not be loaded. Open it to try again."));
}

static void
on_decoded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RdEvidenceThumbnail) self = user_data;
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GdkTexture) texture = NULL;

  if (self->stack == NULL)
    return;
  if (pixbuf == NULL)
    {
      show_missing (self);
      return;
    }
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (GTK_PICTURE (self->picture), GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->picture);
  self->loaded = TRUE;
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RdEvidenceThumbnail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = rd_evidence_cache_fetch_finish (RD_EVIDENCE_CACHE (source), result, &error);
  g_autoptr(GTask) task = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    return;
  if (file == NULL)
    {
      show_missing (self);
      return;
    }

  task = g_task_new (NULL, self->cancellable, on_decoded, g_object_ref (self));
  g_task_set_source_tag (task, on_fetched);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, decode_thread);
}

static void
on_clicked_cb (RdEvidenceThumbnail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RdEvidenceViewer *viewer;

  viewer = rd_evidence_viewer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   self->session, self->evidence);
  gtk_window_present (GTK_WINDOW (viewer));
}

static void
rd_evidence_thumbnail_dispose (GObject *object)
{
  RdEvidenceThumbnail *self = RD_EVIDENCE_THUMBNAIL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->evidence);
  self->stack = NULL;

  G_OBJECT_CLASS (rd_evidence_thumbnail_parent_class)->dispose (object);
}

static void
rd_evidence_thumbnail_class_init (RdEvidenceThumbnailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_evidence_thumbnail_dispose;
}

static void
rd_evidence_thumbnail_init (RdEvidenceThumbnail *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  self->cancellable = g_cancellable_new ();

  self->stack = gtk_stack_new ();
  gtk_widget_set_size_request (self->stack, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  self->icon = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (self->icon), 48);
  gtk_widget_add_css_class (self->icon, "dim-label");
  self->picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (self->picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (self->picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_overflow (self->picture, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (self->picture, "rd-thumbnail-picture");
  gtk_stack_add_child (GTK_STACK (self->stack), self->icon);
  gtk_stack_add_child (GTK_STACK (self->stack), self->picture);
  gtk_box_append (GTK_BOX (box), self->stack);

  self->name_label = g_object_new (GTK_TYPE_LABEL,
                                   "ellipsize", PANGO_ELLIPSIZE_MIDDLE,
                                   "max-width-chars", 14,
                                   "width-chars", 10,
                                   "use-markup", FALSE,
                                   NULL);
  gtk_widget_add_css_class (self->name_label, "caption");
  gtk_box_append (GTK_BOX (box), self->name_label);

  gtk_button_set_child (GTK_BUTTON (self), box);
  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self), "rd-thumbnail");
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  g_signal_connect (self, "clicked", G_CALLBACK (on_clicked_cb), NULL);
}

GtkWidget *
rd_evidence_thumbnail_new (RdSession  *session,
                           RdEvidence *evidence)
{
  RdEvidenceThumbnail *self;
  g_autofree char *accessible = NULL;

  g_return_val_if_fail (RD_IS_SESSION (session), NULL);
  g_return_val_if_fail (RD_IS_EVIDENCE (evidence), NULL);

  self = g_object_new (RD_TYPE_EVIDENCE_THUMBNAIL, NULL);
  self->session = g_object_ref (session);
  self->evidence = g_object_ref (evidence);

  /* The name is the sender's: plain text only. */
  gtk_label_set_text (GTK_LABEL (self->name_label), evidence->filename ? evidence->filename : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), evidence->filename);
  /* Translators: accessible name of a file's thumbnail; %s is its name */
  accessible = g_strdup_printf (_("Open %s"), evidence->filename ? evidence->filename : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  if (is_image (evidence))
    rd_evidence_cache_fetch_async (rd_session_get_evidence_cache (session), evidence, self->cancellable,
                                   on_fetched, g_object_ref (self));
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), "x-office-document-symbolic");
      self->loaded = TRUE;
    }
  return GTK_WIDGET (self);
}

RdEvidence *
rd_evidence_thumbnail_get_evidence (RdEvidenceThumbnail *self)
{
  g_return_val_if_fail (RD_IS_EVIDENCE_THUMBNAIL (self), NULL);
  return self->evidence;
}

gboolean
rd_evidence_thumbnail_is_loaded (RdEvidenceThumbnail *self)
{
  g_return_val_if_fail (RD_IS_EVIDENCE_THUMBNAIL (self), FALSE);
  return self->loaded;
}
