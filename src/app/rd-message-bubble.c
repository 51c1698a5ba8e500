/* rd-message-bubble.c
 *
 * A free-text message in another language than the reader's offers
 * "Translate": the app's translator (rd-translation.h) is asked once, the
 * answer is kept, and the button then switches between the translation and
 * the original without asking again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-error.h"
#include "rd-evidence-thumbnail.h"
#include "rd-format.h"
#include "rd-message-bubble.h"
#include "rd-phrasebook.h"
#include "rd-timeline-row.h"
#include "rd-translation.h"

struct _RdMessageBubble
{
  GtkWidget parent_instance;

  gboolean mine;

  /* Machine translation: the words as written and their language, and once
   * the translator answered, its text and its label. */
  char *original;
  char *original_lang;
  char *translation;
  char *translation_credit;
  gboolean showing_translation;
  GCancellable *cancellable;
  /* The message's place ("case id/event id"), for remembering the reader's
   * choice when the timeline builds its bubbles again. */
  char *choice_key;

  /* Template children */
  GtkWidget *bubble;
  GtkWidget *heading_box;
  GtkLabel *author_label;
  GtkLabel *role_label;
  GtkLabel *time_label;
  GtkLabel *text_label;
  GtkLabel *translation_label;
  GtkWidget *footer_box;
  GtkLabel *note_label;
  GtkSpinner *translate_spinner;
  GtkButton *translate_button;
  GtkLabel *translation_error_label;
  GtkBox *attachments;
};

G_DEFINE_FINAL_TYPE (RdMessageBubble, rd_message_bubble, GTK_TYPE_WIDGET)

static void translate_activated (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter);

static void
rd_message_bubble_dispose (GObject *object)
{
  RdMessageBubble *self = RD_MESSAGE_BUBBLE (object);

  /* A bubble that scrolled away or a case that closed asks for nothing more. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_MESSAGE_BUBBLE);

  G_OBJECT_CLASS (rd_message_bubble_parent_class)->dispose (object);
}

static void
rd_message_bubble_finalize (GObject *object)
{
  RdMessageBubble *self = RD_MESSAGE_BUBBLE (object);

  g_free (self->original);
  g_free (self->original_lang);
  g_free (self->translation);
  g_free (self->translation_credit);
  g_free (self->choice_key);

  G_OBJECT_CLASS (rd_message_bubble_parent_class)->finalize (object);
}

static void
rd_message_bubble_class_init (RdMessageBubbleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_message_bubble_dispose;
  object_class->finalize = rd_message_bubble_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rd-message-bubble");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-message-bubble.ui");
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, bubble);
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, heading_box);
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, author_label);
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, role_label);
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, time_label);
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, text_label);
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, translation_label);
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, footer_box);
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, note_label);
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, translate_spinner);
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, translate_button);
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, translation_error_label);
  gtk_widget_class_bind_template_child (widget_class, RdMessageBubble, attachments);

  /* Translate, then switch between the translation and the original. */
  gtk_widget_class_install_action (widget_class, "bubble.translate", NULL, translate_activated);
}

static void
rd_message_bubble_init (RdMessageBubble *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bubble.translate", FALSE);
}

/* The line under the text shows while it has a note or Translate. */
static void
update_footer (RdMessageBubble *self)
{
  gtk_widget_set_visible (self->footer_box,
                          gtk_widget_get_visible (GTK_WIDGET (self->note_label)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->translate_button)));
}

/* Who wrote it: "You" at the end side, a name (and "Platform agent" for
 * an agent) at the start side. */
static void
set_author (RdMessageBubble *self,
            RdSession       *session,
            RdParty         *actor,
            RdRole           role,
            GDateTime       *at)
{
  RdUser *user = rd_session_get_user (session);

  self->mine = user != NULL && actor != NULL && role != RD_ROLE_PLATFORM &&
               g_strcmp0 (actor->id, user->id) == 0;

  if (self->mine)
    {
      gtk_label_set_text (self->author_label, _("You"));
      gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);
      gtk_widget_add_css_class (self->bubble, "rd-mine");
    }
  else
    {
      gtk_label_set_text (self->author_label,
                          actor != NULL && actor->name != NULL && role != RD_ROLE_PLATFORM
                            ? actor->name : rd_role_label (RD_ROLE_PLATFORM));
      gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
    }

  if (role == RD_ROLE_AGENT || role == RD_ROLE_PLATFORM)
    {
      gtk_widget_add_css_class (self->bubble, "rd-agent");
      if (role == RD_ROLE_AGENT)
        {
          gtk_label_set_text (self->role_label, rd_role_label (role));
          gtk_widget_set_visible (GTK_WIDGET (self->role_label), TRUE);
        }
    }

  if (at != NULL)
    {
      g_autofree char *when = rd_format_date_time (at);
      /* Translators: accessible name of a message: "Kai's Gadgets, Tue 3 March, 14:00" */
      g_autofree char *name = g_strdup_printf (_("%s, %s"), gtk_label_get_text (self->author_label), when);

      gtk_label_set_text (self->time_label, when);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

static void
set_text (RdMessageBubble *self,
          const char      *text)
{
  gtk_label_set_text (self->text_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->text_label), text != NULL && *text != '\0');
  /* A message's own direction, in a paragraph of its own: an Arabic message
   * reads right to left in an English window, and a stray override
   * character cannot reach past this label. */
  rd_timeline_row_set_label_direction (self->text_label);
}

static void
set_note (RdMessageBubble *self,
          const char      *note)
{
  gtk_label_set_text (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
  update_footer (self);
}

/* --- Machine translation ------------------------------------------------------ */

static void
set_translate_button (RdMessageBubble *self,
                      const char      *label,
                      const char      *tooltip)
{
  gtk_button_set_label (self->translate_button, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->translate_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->translate_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
}

/* The messages the reader chose to read translated (keys, for as long as
 * the app runs): the timeline builds its bubbles anew whenever the case
 * changes, and a translation must not turn back into the original under
 * the reader's eyes because the other party wrote. */
static GHashTable *translated_messages;

static void
remember_choice (RdMessageBubble *self,
                 gboolean         translated)
{
  if (self->choice_key == NULL)
    return;
  if (translated_messages == NULL)
    translated_messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (translated)
    g_hash_table_add (translated_messages, g_strdup (self->choice_key));
  else
    g_hash_table_remove (translated_messages, self->choice_key);
}

static gboolean
chose_translation (RdMessageBubble *self)
{
  return self->choice_key != NULL && translated_messages != NULL &&
         g_hash_table_contains (translated_messages, self->choice_key);
}

/* Shows the translation or the original, and names what the button does next. */
static void
show_translation (RdMessageBubble *self,
                  gboolean         translated)
{
  self->showing_translation = translated && self->translation != NULL;

  /* Plain text, as the service sent it: never markup. */
  gtk_label_set_text (self->translation_label,
                      self->showing_translation ? self->translation_credit : "");
  gtk_widget_set_visible (GTK_WIDGET (self->translation_label), self->showing_translation);
  set_text (self, self->showing_translation ? self->translation : self->original);

  if (self->showing_translation)
    set_translate_button (self, _("Show original"),
                          _("Show the message as its author wrote it"));
  else if (self->translation != NULL)
    set_translate_button (self, _("Show translation"),
                          _("Show the machine translation of this message again"));
  else
    set_translate_button (self, _("Translate"),
                          _("Translate this message with the translation service set up in Preferences"));
}

static void
set_translation_error (RdMessageBubble *self,
                       const GError    *error)
{
  gboolean explained = error != NULL &&
                       (g_error_matches (error, RD_ERROR, RD_ERROR_FAILED) ||
                        g_error_matches (error, RD_ERROR, RD_ERROR_NOT_FOUND));

  /* The translator's message says it in words; plain text. */
  gtk_label_set_text (self->translation_error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->translation_error_label), error != NULL);
  /* "No service is set up" and "cannot translate this pair" are how things
   * are, not something that went wrong: dim.  A failure is an error. */
  if (explained)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->translation_error_label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->translation_error_label), "error");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->translation_error_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->translation_error_label), "dim-label");
    }
}

static void
set_translating (RdMessageBubble *self,
                 gboolean         translating)
{
  gtk_widget_set_visible (GTK_WIDGET (self->translate_spinner), translating);
  gtk_spinner_set_spinning (self->translate_spinner, translating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bubble.translate", !translating);
}

/* The request holds the bubble weakly: a bubble that goes away is
 * disposed, which cancels the request. */
static void
on_translated (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(RdMessageBubble) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *text = rd_translator_translate_finish (RD_TRANSLATOR (source), result,
                                                          &credit, &error);

  g_weak_ref_clear (weak);
  g_free (weak);

  /* Gone or disposed meanwhile (which cancels and drops the cancellable):
   * nothing to show, and a cancelled request says nothing. */
  if (self == NULL || self->cancellable == NULL ||
      g_cancellable_is_cancelled (self->cancellable) ||
      g_error_matches (error, RD_ERROR, RD_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  set_translating (self, FALSE);
  if (text == NULL)
    {
      remember_choice (self, FALSE);
      set_translation_error (self, error);
      return;
    }

  /* APY pads its answer with a space: the text starts where the original does. */
  g_strstrip (text);
  if (*text == '\0')
    {
      g_autoptr(GError) empty = g_error_new_literal (RD_ERROR, RD_ERROR_SERVER,
                                                     _("The translation service sent back no text."));

      remember_choice (self, FALSE);
      set_translation_error (self, empty);
      return;
    }

  self->translation = g_steal_pointer (&text);
  /* The translator names the service; a translator without a name still
   * says it was a machine. */
  self->translation_credit = credit != NULL ? g_steal_pointer (&credit)
                                            : g_strdup (_("Machine translation"));
  remember_choice (self, TRUE);
  show_translation (self, TRUE);
}

static void
start_translation (RdMessageBubble *self)
{
  GWeakRef *weak;

  set_translation_error (self, NULL);
  set_translating (self, TRUE);
  self->cancellable = g_cancellable_new ();
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  rd_translator_translate_async (rd_translation_get_default (), self->original,
                                 self->original_lang, rd_translation_get_reader_language (),
                                 self->cancellable, on_translated, weak);
}

static void
translate_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RdMessageBubble *self = RD_MESSAGE_BUBBLE (widget);

  if (self->original == NULL || self->cancellable != NULL)
    return;

  /* Asked once: after that the button only switches. */
  if (self->translation != NULL)
    {
      show_translation (self, !self->showing_translation);
      remember_choice (self, self->showing_translation);
      return;
    }
  start_translation (self);
}

/* Offers "Translate" for free text in another language than the reader's;
 * a message the reader had translated comes translated again (from the
 * cache, as a rule). */
static void
offer_translation (RdMessageBubble *self,
                   RdCase          *kase,
                   RdEvent         *event,
                   const char      *text,
                   const char      *lang)
{
  if (self->mine || text == NULL || *text == '\0' || lang == NULL ||
      !rd_translation_offer_for (lang))
    return;

  self->original = g_strdup (text);
  self->original_lang = g_strdup (lang);
  show_translation (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->translate_button), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bubble.translate", TRUE);
  update_footer (self);

  if (kase->id != NULL && (event == NULL || event->id != NULL))
    self->choice_key = g_strdup_printf ("%s/%s", kase->id,
                                        event != NULL ? event->id : "description");
  if (chose_translation (self))
    start_translation (self);
}

static void
note_language (RdMessageBubble *self,
               const char      *lang)
{
  const char *name;
  g_autofree char *note = NULL;

  if (!rd_timeline_row_language_differs (lang))
    return;
  name = rd_timeline_row_language_name (lang);
  if (name != NULL)
    /* Translators: under a message; %s is a language name such as "Chinese" */
    note = g_strdup_printf (_("Written in %s"), name);
  else
    note = g_strdup (_("Written in another language"));
  set_note (self, note);
}

/* A phrase's parameters, each in an isolate of its own: a tracking number
 * or an amount keeps its order inside an Arabic sentence.  Money is shown
 * in its display form first (the phrasebook formats only the wire form);
 * an empty value stays empty, so that the phrasebook marks the gap. */
static GHashTable *
isolate_params (GHashTable *params)
{
  GHashTable *isolated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (params == NULL)
    return isolated;
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *text = value;
      g_autofree char *shown = NULL;

      if (text == NULL || *text == '\0')
        {
          g_hash_table_insert (isolated, g_strdup (key), g_strdup (""));
          continue;
        }
      shown = rd_phrasebook_param_is_money (key) ? rd_phrasebook_format_money (text)
                                                 : g_strdup (text);
      g_hash_table_insert (isolated, g_strdup (key), rd_format_isolate (shown));
    }
  return isolated;
}

static RdEvidence *
find_evidence (RdCase     *kase,
               const char *id)
{
  for (guint i = 0; kase->evidence != NULL && i < kase->evidence->len; i++)
    {
      RdEvidence *evidence = g_ptr_array_index (kase->evidence, i);

      if (g_strcmp0 (evidence->id, id) == 0)
        return evidence;
    }
  return NULL;
}

static void
add_attachments (RdMessageBubble *self,
                 RdSession       *session,
                 RdCase          *kase,
                 GStrv            ids)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      RdEvidence *evidence = find_evidence (kase, ids[i]);

      if (evidence == NULL)
        continue;
      gtk_box_append (self->attachments, rd_evidence_thumbnail_new (session, evidence));
      gtk_widget_set_visible (GTK_WIDGET (self->attachments), TRUE);
    }
}

GtkWidget *
rd_message_bubble_new (RdSession *session,
                       RdCase    *kase,
                       RdEvent   *event)
{
  RdMessageBubble *self;

  g_return_val_if_fail (RD_IS_SESSION (session), NULL);
  g_return_val_if_fail (RD_IS_CASE (kase), NULL);
  g_return_val_if_fail (RD_IS_EVENT (event), NULL);

  self = g_object_new (RD_TYPE_MESSAGE_BUBBLE, NULL);
  set_author (self, session, event->actor, event->actor_role, event->at);

  if (event->type == RD_EVENT_TYPE_MESSAGE && event->template_id != NULL)
    {
      /* A phrase reaches each reader in their own language. */
      g_autoptr(GHashTable) params = isolate_params (event->template_params);
      g_autofree char *text = rd_phrasebook_render (event->template_id, params, NULL);

      set_text (self, text);
      gtk_widget_add_css_class (self->bubble, "rd-phrase");
      if (!self->mine && rd_timeline_row_language_differs (event->lang))
        set_note (self, _("A standard phrase, shown in your language"));
    }
  else if (event->type == RD_EVENT_TYPE_MESSAGE)
    {
      set_text (self, event->text);
      /* The reader knows what language they wrote in. */
      if (!self->mine)
        note_language (self, event->lang);
      offer_translation (self, kase, event, event->text, event->lang);
    }
  else
    set_text (self, NULL);

  add_attachments (self, session, kase, event->evidence_ids);
  return GTK_WIDGET (self);
}

GtkWidget *
rd_message_bubble_new_for_description (RdSession *session,
                                       RdCase    *kase)
{
  RdMessageBubble *self;

  g_return_val_if_fail (RD_IS_SESSION (session), NULL);
  g_return_val_if_fail (RD_IS_CASE (kase), NULL);

  self = g_object_new (RD_TYPE_MESSAGE_BUBBLE, NULL);
  set_author (self, session, kase->buyer, RD_ROLE_BUYER, kase->created_at);
  set_text (self, kase->description);
  if (!self->mine)
    note_language (self, kase->lang);
  offer_translation (self, kase, NULL, kase->description, kase->lang);
  gtk_widget_add_css_class (self->bubble, "rd-description");
  return GTK_WIDGET (self);
}

const char *
rd_message_bubble_get_text (RdMessageBubble *self)
{
  g_return_val_if_fail (RD_IS_MESSAGE_BUBBLE (self), NULL);
  return gtk_label_get_text (self->text_label);
}

const char *
rd_message_bubble_get_note (RdMessageBubble *self)
{
  g_return_val_if_fail (RD_IS_MESSAGE_BUBBLE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->note_label)) ? gtk_label_get_text (self->note_label) : NULL;
}

gboolean
rd_message_bubble_is_mine (RdMessageBubble *self)
{
  g_return_val_if_fail (RD_IS_MESSAGE_BUBBLE (self), FALSE);
  return self->mine;
}
