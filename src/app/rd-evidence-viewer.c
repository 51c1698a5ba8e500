/* rd-evidence-viewer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-evidence-viewer.h"
#include "rd-format.h"

struct _RdEvidenceViewer
{
  AdwWindow parent_instance;

  RdSession *session;
  RdEvidence *evidence;
  GFile *file;
  GCancellable *cancellable;

  /* Template children */
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkButton *open_button;
  GtkStack *stack;
  GtkPicture *picture;
  AdwStatusPage *document_page;
  AdwStatusPage *error_page;
};

G_DEFINE_FINAL_TYPE (RdEvidenceViewer, rd_evidence_viewer, ADW_TYPE_WINDOW)

static gboolean
is_image (RdEvidence *evidence)
{
  return g_strcmp0 (evidence->mime, "image/png") == 0 || g_strcmp0 (evidence->mime, "image/jpeg") == 0;
}

static void
show_error (RdEvidenceViewer *self,
            const char       *message)
{
  adw_status_page_set_description (self->error_page, NULL);
  if (message != NULL)
    {
      /* The status page's description is markup. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_status_page_set_description (self->error_page, escaped);
    }
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* A photo of several megabytes takes a while to decode: not on the main
 * loop. */
static void
decode_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = gdk_texture_new_from_file (G_FILE (task_data), &error);

  if (texture == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
on_decoded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RdEvidenceViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->stack == NULL)
    return;
  if (texture == NULL)
    {
      show_error (self, error->message);
      return;
    }
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->stack, "picture");
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), TRUE);
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RdEvidenceViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = rd_evidence_cache_fetch_finish (RD_EVIDENCE_CACHE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    return;
  if (file == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_set_object (&self->file, file);
  if (is_image (self->evidence))
    {
      g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_decoded, g_object_ref (self));

      g_task_set_source_tag (task, on_fetched);
      g_task_set_task_data (task, g_object_ref (file), g_object_unref);
      g_task_run_in_thread (task, decode_thread);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "document");
      gtk_widget_set_visible (GTK_WIDGET (self->open_button), TRUE);
    }
}

static void
fetch (RdEvidenceViewer *self)
{
  gtk_stack_set_visible_child_name (self->stack, "loading");
  rd_evidence_cache_fetch_async (rd_session_get_evidence_cache (self->session), self->evidence,
                                 self->cancellable, on_fetched, g_object_ref (self));
}

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RdEvidenceViewer) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->stack != NULL)
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("The File Could Not Be Opened"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_open_button_clicked_cb (RdEvidenceViewer *self)
{
  g_autofree char *uri = NULL;

  if (self->file == NULL)
    return;
  /* The cached copy is named by its checked hash, never by the sender's name. */
  uri = g_file_get_uri (self->file);
  g_app_info_launch_default_for_uri_async (uri, NULL, self->cancellable, on_launched, g_object_ref (self));
}

static void
on_retry_button_clicked_cb (RdEvidenceViewer *self)
{
  fetch (self);
}

static void
rd_evidence_viewer_dispose (GObject *object)
{
  RdEvidenceViewer *self = RD_EVIDENCE_VIEWER (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_EVIDENCE_VIEWER);
  self->stack = NULL;
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->session);
  g_clear_object (&self->evidence);

  G_OBJECT_CLASS (rd_evidence_viewer_parent_class)->dispose (object);
}

static void
rd_evidence_viewer_class_init (RdEvidenceViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_evidence_viewer_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-evidence-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, RdEvidenceViewer, title_label);
  gtk_widget_class_bind_template_child (widget_class, RdEvidenceViewer, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RdEvidenceViewer, open_button);
  gtk_widget_class_bind_template_child (widget_class, RdEvidenceViewer, stack);
  gtk_widget_class_bind_template_child (widget_class, RdEvidenceViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, RdEvidenceViewer, document_page);
  gtk_widget_class_bind_template_child (widget_class, RdEvidenceViewer, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_open_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_button_clicked_cb);
}

static void
rd_evidence_viewer_init (RdEvidenceViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

RdEvidenceViewer *
rd_evidence_viewer_new (GtkWindow  *parent,
                        RdSession  *session,
                        RdEvidence *evidence)
{
  RdEvidenceViewer *self;
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;
  g_autofree char *size = NULL;
  g_autofree char *subtitle = NULL;
  const char *name;

  g_return_val_if_fail (RD_IS_SESSION (session), NULL);
  g_return_val_if_fail (RD_IS_EVIDENCE (evidence), NULL);

  self = g_object_new (RD_TYPE_EVIDENCE_VIEWER,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->evidence = g_object_ref (evidence);

  name = evidence->filename != NULL ? evidence->filename : "";
  gtk_label_set_text (self->title_label, name);
  gtk_window_set_title (GTK_WINDOW (self), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), name);

  who = rd_format_isolate (evidence->by != NULL && evidence->by->name != NULL ? evidence->by->name
                                                                           : rd_role_label (evidence->role));
  when = evidence->at != NULL ? rd_format_date_time (evidence->at) : g_strdup ("");
  size = g_format_size (evidence->size > 0 ? (guint64) evidence->size : 0);
  /* Translators: who sent a file, when, and its size: "Ana Silva · Tue 3 March, 14:00 · 1.2 MB" */
  subtitle = g_strdup_printf (_("%s · %s · %s"), who, when, size);
  gtk_label_set_text (self->subtitle_label, subtitle);

  fetch (self);
  return self;
}
