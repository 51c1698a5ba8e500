/* rd-composer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-composer.h"
#include "rd-format.h"
#include "rd-phrase-picker.h"
#include "rd-policy.h"

/* Typing pauses this long before the draft is written. */
#define DRAFT_DELAY_MS 400

struct _RdComposer
{
  GtkWidget parent_instance;

  RdSession *session;
  char *case_id;
  guint draft_source;
  gboolean loading;
  gboolean can_send;

  /* Template children */
  GtkWidget *box;
  GtkWidget *message_box;
  GtkLabel *message_label;
  GtkLabel *disabled_label;
  GtkWidget *input_box;
  RdPhrasePicker *phrase_picker;
  GtkButton *attach_button;
  GtkScrolledWindow *text_scroller;
  GtkTextView *text_view;
  GtkLabel *counter_label;
  GtkButton *send_button;
};

G_DEFINE_FINAL_TYPE (RdComposer, rd_composer, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
text_max_chars (RdComposer *self)
{
  RdConfig *config = self->session != NULL ? rd_session_get_config (self->session) : NULL;

  return config != NULL && config->text_max_chars > 0 ? config->text_max_chars : 4000;
}

static void
update_counter (RdComposer *self)
{
  g_autofree char *text = rd_composer_dup_text (self);
  guint max = text_max_chars (self);
  glong length = g_utf8_strlen (text, -1);
  g_autofree char *counter = NULL;
  gboolean can_send;

  if (length > (glong) max)
    {
      glong over = length - (glong) max;

      /* Translators: the character count of a message over the limit: "4010 / 4000 — 10 characters too many" */
      counter = g_strdup_printf (ngettext ("%ld / %u — %ld character too many",
                                           "%ld / %u — %ld characters too many", over),
                                 length, max, over);
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "dim-label");
    }
  else
    {
      /* Translators: the character count of a message: "120 / 4000" */
      g_autofree char *count = g_strdup_printf (_("%ld / %u"), length, max);

      /* Digits and a slash have no direction of their own: isolated, they
       * read "120 / 4000" in a right-to-left window too. */
      counter = rd_format_isolate (count);
      gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "dim-label");
    }
  gtk_label_set_text (self->counter_label, counter);

  can_send = length <= (glong) max && !rd_policy_text_is_blank (text);
  if (can_send != self->can_send)
    {
      self->can_send = can_send;
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
}

void
rd_composer_save_draft (RdComposer *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (RD_IS_COMPOSER (self));

  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->session == NULL || self->case_id == NULL)
    return;
  text = rd_composer_dup_text (self);
  rd_store_set_draft (rd_session_get_store (self->session), self->case_id, text);
}

static gboolean
on_draft_timeout (gpointer user_data)
{
  RdComposer *self = user_data;

  self->draft_source = 0;
  rd_composer_save_draft (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   RdComposer    *self)
{
  update_counter (self);
  if (self->loading)
    return;
  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_source = g_timeout_add (DRAFT_DELAY_MS, on_draft_timeout, self);
}

static void
on_dismiss_button_clicked_cb (RdComposer *self)
{
  rd_composer_show_message (self, NULL);
}

static void
rd_composer_dispose (GObject *object)
{
  RdComposer *self = RD_COMPOSER (object);

  /* What was typed last is not lost when the window closes. */
  if (self->draft_source != 0)
    rd_composer_save_draft (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_COMPOSER);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rd_composer_parent_class)->dispose (object);
}

static void
rd_composer_finalize (GObject *object)
{
  g_free (RD_COMPOSER (object)->case_id);

  G_OBJECT_CLASS (rd_composer_parent_class)->finalize (object);
}

static void
rd_composer_class_init (RdComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_composer_dispose;
  object_class->finalize = rd_composer_finalize;

  /* Whether the text can be sent may have changed. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RD_TYPE_PHRASE_PICKER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rd-composer");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, RdComposer, box);
  gtk_widget_class_bind_template_child (widget_class, RdComposer, message_box);
  gtk_widget_class_bind_template_child (widget_class, RdComposer, message_label);
  gtk_widget_class_bind_template_child (widget_class, RdComposer, disabled_label);
  gtk_widget_class_bind_template_child (widget_class, RdComposer, input_box);
  gtk_widget_class_bind_template_child (widget_class, RdComposer, phrase_picker);
  gtk_widget_class_bind_template_child (widget_class, RdComposer, attach_button);
  gtk_widget_class_bind_template_child (widget_class, RdComposer, text_scroller);
  gtk_widget_class_bind_template_child (widget_class, RdComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, RdComposer, counter_label);
  gtk_widget_class_bind_template_child (widget_class, RdComposer, send_button);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_button_clicked_cb);
}

static void
rd_composer_init (RdComposer *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Enter sends; the text view would take it for a new line. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("case.send")));
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), shortcuts);

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_buffer_changed), self, 0);
  update_counter (self);
}

GtkWidget *
rd_composer_new (void)
{
  return g_object_new (RD_TYPE_COMPOSER, NULL);
}

void
rd_composer_set_session (RdComposer *self,
                         RdSession  *session)
{
  g_return_if_fail (RD_IS_COMPOSER (self));
  g_return_if_fail (session == NULL || RD_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->draft_source != 0)
    rd_composer_save_draft (self);
  g_set_object (&self->session, session);
  g_clear_pointer (&self->case_id, g_free);
  if (session != NULL && rd_session_get_user (session) != NULL)
    rd_phrase_picker_set_role (self->phrase_picker, rd_session_get_user (session)->role);
}

void
rd_composer_set_case (RdComposer *self,
                      RdCase     *kase,
                      gboolean    may_write)
{
  const char *reason = NULL;

  g_return_if_fail (RD_IS_COMPOSER (self));

  if (g_strcmp0 (self->case_id, kase ? kase->id : NULL) != 0)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
      g_autofree char *draft = NULL;

      /* The last case's words go to its draft before this case's come back. */
      if (self->draft_source != 0)
        rd_composer_save_draft (self);
      g_free (self->case_id);
      self->case_id = kase ? g_strdup (kase->id) : NULL;

      if (kase != NULL && self->session != NULL)
        draft = rd_store_get_draft (rd_session_get_store (self->session), kase->id);
      self->loading = TRUE;
      gtk_text_buffer_set_text (buffer, draft ? draft : "", -1);
      self->loading = FALSE;
      rd_composer_show_message (self, NULL);
    }

  if (kase != NULL && kase->status == RD_STATUS_RESOLVED)
    reason = _("This case is closed: no more messages can be sent.");
  else if (kase != NULL && !may_write)
    reason = _("You cannot write on this case now.");

  gtk_label_set_text (self->disabled_label, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->disabled_label), reason != NULL);
  gtk_widget_set_sensitive (self->input_box, reason == NULL);
  /* The text view stays out of the way when nothing can be sent. */
  gtk_widget_set_visible (self->input_box, reason == NULL);
  update_counter (self);
}

char *
rd_composer_dup_text (RdComposer *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (RD_IS_COMPOSER (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
rd_composer_get_can_send (RdComposer *self)
{
  g_return_val_if_fail (RD_IS_COMPOSER (self), FALSE);
  return self->can_send && gtk_widget_get_visible (self->input_box);
}

void
rd_composer_clear (RdComposer *self)
{
  g_return_if_fail (RD_IS_COMPOSER (self));

  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  self->loading = FALSE;
  rd_composer_save_draft (self);
}

gboolean
rd_composer_attach_file (RdComposer *self,
                         GFile      *file,
                         GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (RD_IS_COMPOSER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->session == NULL || self->case_id == NULL)
    return FALSE;

  /* Refused before anything is queued: the user learns it now, not after
   * an upload failed. */
  if (rd_session_check_evidence (self->session, file, &local_error))
    id = rd_session_attach_evidence (self->session, self->case_id, file, &local_error);

  if (id == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: the first %s is a file name, the second why it was refused */
      g_autofree char *message = g_strdup_printf (_("“%s” was not attached. %s"), name, local_error->message);

      rd_composer_show_message (self, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  rd_composer_show_message (self, NULL);
  return TRUE;
}

void
rd_composer_show_message (RdComposer *self,
                          const char *message)
{
  g_return_if_fail (RD_IS_COMPOSER (self));

  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (self->message_box, message != NULL);
}

const char *
rd_composer_get_message (RdComposer *self)
{
  g_return_val_if_fail (RD_IS_COMPOSER (self), NULL);
  return gtk_widget_get_visible (self->message_box) ? gtk_label_get_text (self->message_label) : NULL;
}

const char *
rd_composer_get_counter (RdComposer *self)
{
  g_return_val_if_fail (RD_IS_COMPOSER (self), NULL);
  return gtk_label_get_text (self->counter_label);
}

void
rd_composer_focus (RdComposer *self)
{
  g_return_if_fail (RD_IS_COMPOSER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}
