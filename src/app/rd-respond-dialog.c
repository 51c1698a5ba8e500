/* rd-respond-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-action-dialogs.h"
#include "rd-case-header.h"
#include "rd-format.h"
#include "rd-phrasebook.h"
#include "rd-respond-dialog.h"

/* The phrases that ask the buyer for details. */
static const char * const ask_phrases[] = { "request_photos", "request_order_details" };

/* The offers a seller can make, in the order of the list. */
static const RdOutcomeType offer_types[] = {
  RD_OUTCOME_TYPE_FULL_REFUND,
  RD_OUTCOME_TYPE_PARTIAL_REFUND,
  RD_OUTCOME_TYPE_REPLACEMENT,
  RD_OUTCOME_TYPE_REPAIR,
  RD_OUTCOME_TYPE_RETURN_AND_REFUND,
};

struct _RdRespondDialog
{
  AdwWindow parent_instance;

  RdCase *kase;
  RdMoney *total;
  guint allowed;
  char *lang;
  GtkSpinButton *amount_spin;
  char *problem;

  /* Template children */
  GtkButton *send_button;
  GtkLabel *claim_label;
  AdwActionRow *accept_row;
  GtkCheckButton *accept_check;
  AdwActionRow *offer_row;
  GtkCheckButton *offer_check;
  AdwActionRow *ask_row;
  GtkCheckButton *ask_check;
  AdwActionRow *confirm_row;
  GtkCheckButton *confirm_check;
  AdwPreferencesGroup *offer_group;
  AdwComboRow *type_row;
  AdwActionRow *amount_row;
  AdwEntryRow *note_row;
  AdwPreferencesGroup *ask_group;
  AdwComboRow *phrase_row;
  GtkLabel *phrase_preview_label;
  GtkLabel *problem_label;
};

G_DEFINE_FINAL_TYPE (RdRespondDialog, rd_respond_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_ACTION_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static RdOutcomeType
chosen_type (RdRespondDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->type_row);

  return selected < G_N_ELEMENTS (offer_types) ? offer_types[selected] : RD_OUTCOME_TYPE_FULL_REFUND;
}

static gboolean
allows (RdRespondDialog *self,
        RdActionType     type)
{
  return (self->allowed & (1u << type)) != 0;
}

/* Shows what fits the choice and says what is still missing. */
static void
update (RdRespondDialog *self)
{
  gboolean offer = gtk_check_button_get_active (self->offer_check);
  gboolean ask = gtk_check_button_get_active (self->ask_check);
  gboolean partial = chosen_type (self) == RD_OUTCOME_TYPE_PARTIAL_REFUND;
  g_autofree char *problem = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->offer_group), offer);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), partial);
  gtk_widget_set_visible (GTK_WIDGET (self->ask_group), ask);

  if (!gtk_check_button_get_active (self->accept_check) && !offer && !ask &&
      !gtk_check_button_get_active (self->confirm_check))
    problem = g_strdup (_("Choose an answer."));
  else if (offer && partial)
    problem = rd_action_dialog_amount_check (self->amount_spin, self->total);

  g_free (self->problem);
  self->problem = g_steal_pointer (&problem);
  gtk_label_set_text (self->problem_label, self->problem ? self->problem : "");
  /* "Choose an answer" is plain from the disabled button; an amount out of
   * range needs saying. */
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->problem != NULL && offer);
  if (offer && partial && self->problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->amount_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->amount_row), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), self->problem == NULL);
}

static void
on_choice_toggled_cb (RdRespondDialog *self)
{
  update (self);
}

static void
on_type_row_selected_cb (RdRespondDialog *self)
{
  update (self);
}

static void
on_amount_changed (RdRespondDialog *self)
{
  update (self);
}

static void
on_phrase_row_selected_cb (RdRespondDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->phrase_row);
  const RdPhrase *phrase = selected < G_N_ELEMENTS (ask_phrases) ? rd_phrasebook_lookup (ask_phrases[selected]) : NULL;

  gtk_label_set_text (self->phrase_preview_label, phrase ? rd_phrase_get_text (phrase) : "");
}

static RdAction *
build_action (RdRespondDialog *self)
{
  RdAction *action = rd_action_new ();

  if (gtk_check_button_get_active (self->accept_check))
    action->type = RD_ACTION_TYPE_ACCEPT_CLAIM;
  else if (gtk_check_button_get_active (self->confirm_check))
    action->type = RD_ACTION_TYPE_CONFIRM_RETURN;
  else if (gtk_check_button_get_active (self->offer_check))
    {
      g_autofree char *note = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row)));

      action->type = RD_ACTION_TYPE_OFFER;
      action->offer_type = chosen_type (self);
      if (action->offer_type == RD_OUTCOME_TYPE_PARTIAL_REFUND && self->total != NULL)
        action->offer_amount = rd_action_dialog_amount_get (self->amount_spin, self->total->currency);
      g_strstrip (note);
      action->offer_note = *note != '\0' ? g_steal_pointer (&note) : NULL;
    }
  else
    {
      guint selected = adw_combo_row_get_selected (self->phrase_row);

      action->type = RD_ACTION_TYPE_MESSAGE;
      action->template_id = g_strdup (ask_phrases[MIN (selected, G_N_ELEMENTS (ask_phrases) - 1)]);
      action->template_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      action->lang = g_strdup (self->lang);
    }
  return action;
}

gboolean
rd_respond_dialog_send (RdRespondDialog *self)
{
  g_autoptr(RdAction) action = NULL;

  g_return_val_if_fail (RD_IS_RESPOND_DIALOG (self), FALSE);

  /* Takes a typed amount that was not confirmed with Enter. */
  gtk_spin_button_update (self->amount_spin);
  update (self);
  if (self->problem != NULL)
    return FALSE;
  action = build_action (self);
  g_signal_emit (self, signals[SIGNAL_ACTION_CHOSEN], 0, action);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
on_send_button_clicked_cb (RdRespondDialog *self)
{
  rd_respond_dialog_send (self);
}

static void
rd_respond_dialog_dispose (GObject *object)
{
  RdRespondDialog *self = RD_RESPOND_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_RESPOND_DIALOG);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->total, rd_money_free);

  G_OBJECT_CLASS (rd_respond_dialog_parent_class)->dispose (object);
}

static void
rd_respond_dialog_finalize (GObject *object)
{
  RdRespondDialog *self = RD_RESPOND_DIALOG (object);

  g_free (self->lang);
  g_free (self->problem);

  G_OBJECT_CLASS (rd_respond_dialog_parent_class)->finalize (object);
}

static void
rd_respond_dialog_class_init (RdRespondDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_respond_dialog_dispose;
  object_class->finalize = rd_respond_dialog_finalize;

  signals[SIGNAL_ACTION_CHOSEN] = g_signal_new ("action-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                NULL, NULL, NULL, G_TYPE_NONE, 1, RD_TYPE_ACTION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-respond-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, claim_label);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, accept_row);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, accept_check);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, offer_row);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, offer_check);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, ask_row);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, ask_check);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, confirm_check);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, offer_group);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, ask_group);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, phrase_row);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, phrase_preview_label);
  gtk_widget_class_bind_template_child (widget_class, RdRespondDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_type_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_phrase_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send_button_clicked_cb);
}

static void
rd_respond_dialog_init (RdRespondDialog *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) phrases = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (offer_types); i++)
    gtk_string_list_append (types, rd_outcome_type_label (offer_types[i]));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));

  for (guint i = 0; i < G_N_ELEMENTS (ask_phrases); i++)
    {
      const RdPhrase *phrase = rd_phrasebook_lookup (ask_phrases[i]);

      gtk_string_list_append (phrases, phrase ? rd_phrase_get_title (phrase) : ask_phrases[i]);
    }
  adw_combo_row_set_model (self->phrase_row, G_LIST_MODEL (phrases));
  on_phrase_row_selected_cb (self);
}

/* What accepting as asked does, in one sentence. */
static char *
accept_consequence (RdCase        *kase,
                    const RdMoney *total)
{
  g_autofree char *money = total ? rd_format_money (total) : g_strdup ("");
  g_autofree char *partial = kase->requested_amount ? rd_format_money (kase->requested_amount) : NULL;

  switch (kase->requested_type)
    {
    case RD_OUTCOME_TYPE_FULL_REFUND:
      /* Translators: %s is an amount */
      return g_strdup_printf (_("You refund %s in full and the case closes."), money);
    case RD_OUTCOME_TYPE_PARTIAL_REFUND:
      /* Translators: %s is an amount */
      return g_strdup_printf (_("You refund %s and the case closes."), partial ? partial : money);
    case RD_OUTCOME_TYPE_REPLACEMENT:
      return g_strdup (_("You send a replacement and the case closes."));
    case RD_OUTCOME_TYPE_REPAIR:
      return g_strdup (_("You repair the item and the case closes."));
    case RD_OUTCOME_TYPE_RETURN_AND_REFUND:
    default:
      return g_strdup (_("The buyer sends the item back; you refund it once you confirm that it arrived."));
    }
}

RdRespondDialog *
rd_respond_dialog_new (GtkWindow       *parent,
                       RdCase          *kase,
                       guint            allowed,
                       RdRespondChoice  initial,
                       const char      *lang)
{
  RdRespondDialog *self;
  g_autofree char *request = NULL;
  g_autofree char *claim = NULL;
  g_autofree char *accept = NULL;
  g_autofree char *confirm = NULL;

  g_return_val_if_fail (RD_IS_CASE (kase), NULL);

  self = g_object_new (RD_TYPE_RESPOND_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->kase = g_object_ref (kase);
  self->allowed = allowed;
  self->lang = g_strdup (lang);
  self->total = rd_action_dialog_item_total (kase);

  request = rd_case_header_format_request (kase, RD_ROLE_SELLER);
  /* Translators: why and what for: "It stopped working or broke — wants a full refund" */
  claim = g_strdup_printf (_("%s — %s"), rd_reason_label (kase->reason), request);
  gtk_label_set_text (self->claim_label, claim);

  accept = accept_consequence (kase, self->total);
  adw_action_row_set_subtitle (self->accept_row, accept);

  if (self->total != NULL)
    {
      g_autofree char *money = rd_format_money (self->total);

      /* Translators: %s is an amount */
      confirm = g_strdup_printf (_("The buyer is refunded %s and the case closes."), money);
    }
  else
    confirm = g_strdup (_("The buyer is refunded and the case closes."));
  adw_action_row_set_subtitle (self->confirm_row, confirm);

  self->amount_spin = rd_action_dialog_amount_row_init (self->amount_row, self->total);
  g_signal_connect_object (self->amount_spin, "value-changed", G_CALLBACK (on_amount_changed), self,
                           G_CONNECT_SWAPPED);

  /* Each choice the seller cannot take now stays visible but inactive; a
   * return in progress has only its confirmation and questions. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->accept_row), allows (self, RD_ACTION_TYPE_ACCEPT_CLAIM));
  gtk_widget_set_sensitive (GTK_WIDGET (self->offer_row), allows (self, RD_ACTION_TYPE_OFFER));
  gtk_widget_set_sensitive (GTK_WIDGET (self->ask_row), allows (self, RD_ACTION_TYPE_MESSAGE));
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), kase->status == RD_STATUS_RETURN_PENDING);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_row), allows (self, RD_ACTION_TYPE_CONFIRM_RETURN));
  gtk_widget_set_visible (GTK_WIDGET (self->accept_row), kase->status != RD_STATUS_RETURN_PENDING);
  gtk_widget_set_visible (GTK_WIDGET (self->offer_row), kase->status != RD_STATUS_RETURN_PENDING);

  rd_respond_dialog_set_choice (self, initial);
  return self;
}

void
rd_respond_dialog_set_choice (RdRespondDialog *self,
                              RdRespondChoice  choice)
{
  GtkCheckButton *checks[] = { self->accept_check, self->offer_check, self->ask_check, self->confirm_check };
  GtkWidget *rows[] = { GTK_WIDGET (self->accept_row), GTK_WIDGET (self->offer_row), GTK_WIDGET (self->ask_row),
                        GTK_WIDGET (self->confirm_row) };

  g_return_if_fail (RD_IS_RESPOND_DIALOG (self));
  g_return_if_fail (choice <= RD_RESPOND_NONE);

  if (choice == RD_RESPOND_NONE)
    {
      /* A final answer is never one click away: the seller picks it. */
      for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
        gtk_check_button_set_active (checks[i], FALSE);
      update (self);
      return;
    }

  /* A choice that cannot be taken falls back to the first one that can. */
  if (!gtk_widget_get_sensitive (rows[choice]) || !gtk_widget_get_visible (rows[choice]))
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      if (gtk_widget_get_sensitive (rows[i]) && gtk_widget_get_visible (rows[i]))
        {
          choice = i;
          break;
        }
  if (gtk_widget_get_sensitive (rows[choice]) && gtk_widget_get_visible (rows[choice]))
    gtk_check_button_set_active (checks[choice], TRUE);
  update (self);
}

void
rd_respond_dialog_set_offer (RdRespondDialog *self,
                             RdOutcomeType    type,
                             gint64           amount,
                             const char      *note)
{
  g_return_if_fail (RD_IS_RESPOND_DIALOG (self));

  rd_respond_dialog_set_choice (self, RD_RESPOND_OFFER);
  for (guint i = 0; i < G_N_ELEMENTS (offer_types); i++)
    if (offer_types[i] == type)
      adw_combo_row_set_selected (self->type_row, i);
  if (type == RD_OUTCOME_TYPE_PARTIAL_REFUND && self->total != NULL)
    rd_action_dialog_amount_set (self->amount_spin, amount, self->total->currency);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), note ? note : "");
  update (self);
}

void
rd_respond_dialog_set_phrase (RdRespondDialog *self,
                              const char      *phrase_id)
{
  g_return_if_fail (RD_IS_RESPOND_DIALOG (self));

  rd_respond_dialog_set_choice (self, RD_RESPOND_ASK);
  for (guint i = 0; i < G_N_ELEMENTS (ask_phrases); i++)
    if (g_strcmp0 (ask_phrases[i], phrase_id) == 0)
      adw_combo_row_set_selected (self->phrase_row, i);
  update (self);
}

const char *
rd_respond_dialog_get_problem (RdRespondDialog *self)
{
  g_return_val_if_fail (RD_IS_RESPOND_DIALOG (self), NULL);
  return self->problem;
}
