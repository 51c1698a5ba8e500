/* rd-rule-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-action-dialogs.h"
#include "rd-case-header.h"
#include "rd-format.h"
#include "rd-rule-dialog.h"

struct _RdRuleDialog
{
  AdwWindow parent_instance;

  RdCase *kase;
  RdMoney *total;
  GtkSpinButton *amount_spin;
  char *problem;

  /* Template children */
  GtkButton *rule_button;
  GtkLabel *claim_label;
  AdwActionRow *buyer_row;
  GtkCheckButton *buyer_check;
  AdwActionRow *seller_row;
  GtkCheckButton *seller_check;
  AdwActionRow *split_row;
  GtkCheckButton *split_check;
  AdwActionRow *amount_row;
  GtkTextView *note_view;
  GtkLabel *problem_label;
};

G_DEFINE_FINAL_TYPE (RdRuleDialog, rd_rule_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_ACTION_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
note_text (RdRuleDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static gboolean
decided (RdRuleDialog *self,
         RdDecision   *decision)
{
  if (gtk_check_button_get_active (self->buyer_check))
    *decision = RD_DECISION_BUYER;
  else if (gtk_check_button_get_active (self->seller_check))
    *decision = RD_DECISION_SELLER;
  else if (gtk_check_button_get_active (self->split_check))
    *decision = RD_DECISION_SPLIT;
  else
    return FALSE;
  return TRUE;
}

static void
update (RdRuleDialog *self)
{
  RdDecision decision = RD_DECISION_BUYER;
  gboolean has_decision = decided (self, &decision);
  gboolean split = has_decision && decision == RD_DECISION_SPLIT;
  g_autofree char *note = note_text (self);
  g_autofree char *problem = NULL;
  gboolean shown = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), split);

  if (!has_decision)
    problem = g_strdup (_("Choose a decision."));
  else if (split && (problem = rd_action_dialog_amount_check (self->amount_spin, self->total)) != NULL)
    shown = TRUE;
  else if (note == NULL)
    problem = g_strdup (_("Write a note: both parties read it with your decision."));

  g_free (self->problem);
  self->problem = g_steal_pointer (&problem);
  gtk_label_set_text (self->problem_label, self->problem ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), shown);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rule_button), self->problem == NULL);
}

static void
on_decision_toggled_cb (RdRuleDialog *self)
{
  update (self);
}

static RdAction *
build_action (RdRuleDialog *self)
{
  RdAction *action = rd_action_new ();

  action->type = RD_ACTION_TYPE_RULE;
  decided (self, &action->decision);
  if (action->decision == RD_DECISION_SPLIT && self->total != NULL)
    action->amount = rd_action_dialog_amount_get (self->amount_spin, self->total->currency);
  action->note = note_text (self);
  return action;
}

/* What the ruling does, spelled out with the parties' names. */
static char *
consequence (RdRuleDialog *self,
             RdAction     *action)
{
  RdCase *kase = self->kase;
  g_autofree char *buyer = rd_format_isolate (kase->buyer && kase->buyer->name ? kase->buyer->name : "");
  g_autofree char *seller = rd_format_isolate (kase->seller && kase->seller->name ? kase->seller->name : "");
  switch (action->decision)
    {
    case RD_DECISION_SPLIT:
      {
        g_autofree char *money = action->amount ? rd_format_money (action->amount) : g_strdup ("");

        /* Translators: "Kai's Gadgets refunds Ana Silva €10.00. The case will be closed, and both read your note." */
        return g_strdup_printf (_("%s refunds %s %s. The case will be closed, and both read your note."),
                                seller, buyer, money);
      }
    case RD_DECISION_SELLER:
      /* Translators: the first %s is the buyer, the second the seller */
      return g_strdup_printf (_("The claim of %s is rejected: %s owes nothing. The case will be closed, and both "
                                "read your note."), buyer, seller);
    case RD_DECISION_BUYER:
    default:
      {
        g_autofree char *money = self->total ? rd_format_money (self->total) : g_strdup ("");

        /* Translators: "Kai's Gadgets refunds Ana Silva the full price, €19.99. …" */
        return g_strdup_printf (_("%s refunds %s the full price, %s. The case will be closed, and both read "
                                  "your note."), seller, buyer, money);
      }
    }
}

static gboolean
close_later (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RdRuleDialog     *self)
{
  g_autoptr(RdAction) action = NULL;

  if (g_strcmp0 (response, "rule") != 0)
    return;
  update (self);
  if (self->problem != NULL)
    return;
  action = build_action (self);
  g_signal_emit (self, signals[SIGNAL_ACTION_CHOSEN], 0, action);
  /* After the confirmation, which is ours, has closed. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later, g_object_ref (self), g_object_unref);
}

AdwMessageDialog *
rd_rule_dialog_rule (RdRuleDialog *self)
{
  g_autoptr(RdAction) action = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  const char *heading;

  g_return_val_if_fail (RD_IS_RULE_DIALOG (self), NULL);

  gtk_spin_button_update (self->amount_spin);
  update (self);
  if (self->problem != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return NULL;
    }

  action = build_action (self);
  body = consequence (self, action);
  switch (action->decision)
    {
    case RD_DECISION_SPLIT:
      heading = _("Rule for a Split?");
      break;
    case RD_DECISION_SELLER:
      heading = _("Rule for the Seller?");
      break;
    case RD_DECISION_BUYER:
    default:
      heading = _("Rule for the Buyer?");
      break;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "rule", _("_Rule"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "rule", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_rule_button_clicked_cb (RdRuleDialog *self)
{
  rd_rule_dialog_rule (self);
}

static void
rd_rule_dialog_dispose (GObject *object)
{
  RdRuleDialog *self = RD_RULE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_RULE_DIALOG);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->total, rd_money_free);

  G_OBJECT_CLASS (rd_rule_dialog_parent_class)->dispose (object);
}

static void
rd_rule_dialog_finalize (GObject *object)
{
  g_free (RD_RULE_DIALOG (object)->problem);

  G_OBJECT_CLASS (rd_rule_dialog_parent_class)->finalize (object);
}

static void
rd_rule_dialog_class_init (RdRuleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_rule_dialog_dispose;
  object_class->finalize = rd_rule_dialog_finalize;

  signals[SIGNAL_ACTION_CHOSEN] = g_signal_new ("action-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                NULL, NULL, NULL, G_TYPE_NONE, 1, RD_TYPE_ACTION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-rule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdRuleDialog, rule_button);
  gtk_widget_class_bind_template_child (widget_class, RdRuleDialog, claim_label);
  gtk_widget_class_bind_template_child (widget_class, RdRuleDialog, buyer_row);
  gtk_widget_class_bind_template_child (widget_class, RdRuleDialog, buyer_check);
  gtk_widget_class_bind_template_child (widget_class, RdRuleDialog, seller_row);
  gtk_widget_class_bind_template_child (widget_class, RdRuleDialog, seller_check);
  gtk_widget_class_bind_template_child (widget_class, RdRuleDialog, split_row);
  gtk_widget_class_bind_template_child (widget_class, RdRuleDialog, split_check);
  gtk_widget_class_bind_template_child (widget_class, RdRuleDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, RdRuleDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, RdRuleDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_decision_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rule_button_clicked_cb);
}

static void
rd_rule_dialog_init (RdRuleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
}

RdRuleDialog *
rd_rule_dialog_new (GtkWindow *parent,
                    RdCase    *kase)
{
  RdRuleDialog *self;
  g_autofree char *request = NULL;
  g_autofree char *claim = NULL;
  g_autofree char *buyer = NULL;

  g_return_val_if_fail (RD_IS_CASE (kase), NULL);

  self = g_object_new (RD_TYPE_RULE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->kase = g_object_ref (kase);
  self->total = rd_action_dialog_item_total (kase);

  request = rd_case_header_format_request (kase, RD_ROLE_AGENT);
  /* Translators: why and what for: "It stopped working or broke — wants a full refund" */
  claim = g_strdup_printf (_("%s — %s"), rd_reason_label (kase->reason), request);
  gtk_label_set_text (self->claim_label, claim);

  if (self->total != NULL)
    {
      g_autofree char *money = rd_format_money (self->total);

      /* Translators: %s is the price of the item */
      buyer = g_strdup_printf (_("The buyer is refunded the full price, %s, and the case closes."), money);
    }
  else
    buyer = g_strdup (_("The buyer is refunded the full price and the case closes."));
  adw_action_row_set_subtitle (self->buyer_row, buyer);

  self->amount_spin = rd_action_dialog_amount_row_init (self->amount_row, self->total);
  g_signal_connect_object (self->amount_spin, "value-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);

  update (self);
  return self;
}

void
rd_rule_dialog_set_ruling (RdRuleDialog *self,
                           RdDecision    decision,
                           gint64        amount,
                           const char   *note)
{
  GtkCheckButton *checks[] = { self->buyer_check, self->seller_check, self->split_check };

  g_return_if_fail (RD_IS_RULE_DIALOG (self));
  g_return_if_fail (decision < G_N_ELEMENTS (checks));

  gtk_check_button_set_active (checks[decision], TRUE);
  if (decision == RD_DECISION_SPLIT && self->total != NULL)
    rd_action_dialog_amount_set (self->amount_spin, amount, self->total->currency);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);
  update (self);
}

const char *
rd_rule_dialog_get_problem (RdRuleDialog *self)
{
  g_return_val_if_fail (RD_IS_RULE_DIALOG (self), NULL);
  return self->problem;
}
