/* rd-action-dialogs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "rd-action-dialogs.h"
#include "rd-format.h"
#include "rd-offer-card.h"

typedef struct
{
  GtkWidget *owner;
  RdActionDialogDone done;
  RdCase *kase;
  RdOffer *offer;
  const RdPhrase *phrase;
  char *lang;
  RdActionType type;
  char *response;           /* the response that goes ahead */
  GtkTextView *text_view;   /* a reason or a comment */
  gboolean text_required;
  GtkEditable *entries[4];  /* ship return: carrier, tracking; phrase: its parameters */
  GtkSpinButton *spins[4];  /* phrase: money parameters */
  GtkToggleButton *stars[5];
  guint n_stars;
} Ask;

static void
ask_free (Ask *ask)
{
  g_clear_object (&ask->owner);
  g_clear_object (&ask->kase);
  g_clear_object (&ask->offer);
  g_free (ask->lang);
  g_free (ask->response);
  g_free (ask);
}

/* --- Shared pieces ------------------------------------------------------------- */

RdMoney *
rd_action_dialog_item_total (RdCase *kase)
{
  RdOrderItem *item = kase->item;

  if (item == NULL || item->unit_price == NULL)
    return NULL;
  return rd_money_new (item->unit_price->amount * (gint64) MAX (item->quantity, 1), item->unit_price->currency);
}

static double
pow10i (guint exponent)
{
  double value = 1.0;

  for (guint i = 0; i < exponent; i++)
    value *= 10.0;
  return value;
}

GtkWidget *
rd_action_dialog_amount_spin_new (const RdMoney *max)
{
  guint exponent = max != NULL ? rd_currency_exponent (max->currency) : 2;
  double unit = 1.0 / pow10i (exponent);
  double upper = max != NULL ? (double) max->amount / pow10i (exponent) : 0.0;
  /* Room above the bound, so that a value too high is kept and explained
   * (rd_action_dialog_amount_check ()) rather than silently changed. */
  GtkAdjustment *adjustment = gtk_adjustment_new (upper, 0.0, MAX (upper, unit) * 100.0, unit, 1.0, 0.0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1.0, exponent);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  return spin;
}

GtkSpinButton *
rd_action_dialog_amount_row_init (AdwActionRow  *row,
                                  const RdMoney *max)
{
  GtkWidget *spin = rd_action_dialog_amount_spin_new (max);
  g_autofree char *bound = NULL;

  if (max != NULL)
    {
      g_autofree char *money = rd_format_money (max);

      /* Translators: %s is the price of the item */
      bound = g_strdup_printf (_("More than zero and at most %s, the price of the item"), money);
    }
  adw_action_row_set_subtitle (row, bound != NULL ? bound : "");
  adw_action_row_add_suffix (row, spin);
  adw_action_row_set_activatable_widget (row, spin);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  return GTK_SPIN_BUTTON (spin);
}

char *
rd_action_dialog_amount_check (GtkSpinButton *spin,
                               const RdMoney *max)
{
  g_autoptr(RdMoney) amount = NULL;

  if (max == NULL)
    return NULL;
  amount = rd_action_dialog_amount_get (spin, max->currency);
  if (amount->amount <= 0)
    return g_strdup (_("Enter an amount above zero."));
  if (amount->amount > max->amount)
    {
      g_autofree char *money = rd_format_money (max);

      /* Translators: %s is the price of the item */
      return g_strdup_printf (_("The amount can be at most %s, the price of the item."), money);
    }
  return NULL;
}

RdMoney *
rd_action_dialog_amount_get (GtkSpinButton *spin,
                             const char    *currency)
{
  guint exponent = rd_currency_exponent (currency);
  double value;

  value = gtk_spin_button_get_value (spin);
  return rd_money_new ((gint64) llround (value * pow10i (exponent)), currency);
}

void
rd_action_dialog_amount_set (GtkSpinButton *spin,
                             gint64         amount,
                             const char    *currency)
{
  gtk_spin_button_set_value (spin, (double) amount / pow10i (rd_currency_exponent (currency)));
}

char *
rd_action_dialog_writer_language (RdSession *session)
{
  const char *locale = rd_format_locale ();

  if ((locale == NULL || *locale == '\0') && session != NULL && rd_session_get_user (session) != NULL)
    locale = rd_session_get_user (session)->locale;
  if (locale == NULL || *locale == '\0')
    return g_strdup ("en");
  return g_ascii_strdown (locale, strcspn (locale, "_-.@"));
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static char *
entry_text (GtkEditable *editable)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (editable));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static GtkWidget *
text_area_new (Ask        *ask,
               const char *label,
               gboolean    required)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), view);
  gtk_widget_add_css_class (title, "heading");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 80);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 200);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_add_css_class (scroller, "card");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), scroller);

  ask->text_view = GTK_TEXT_VIEW (view);
  ask->text_required = required;
  return box;
}

static GtkWidget *
boxed_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkEditable *
entry_row_new (GtkWidget  *list,
               const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return GTK_EDITABLE (row);
}

/* The response that goes ahead is possible only with what it needs. */
static void
update_response (Ask              *ask,
                 AdwMessageDialog *dialog)
{
  gboolean ok = TRUE;

  if (ask->text_view != NULL && ask->text_required)
    {
      g_autofree char *text = text_of (ask->text_view);

      ok &= text != NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (ask->entries); i++)
    if (ask->entries[i] != NULL)
      {
        g_autofree char *text = entry_text (ask->entries[i]);

        ok &= text != NULL;
      }
  if (ask->type == RD_ACTION_TYPE_RATE)
    ok &= ask->n_stars >= 1;
  adw_message_dialog_set_response_enabled (dialog, ask->response, ok);
}

static void
on_input_changed (GObject          *object,
                  AdwMessageDialog *dialog)
{
  update_response (g_object_get_data (G_OBJECT (dialog), "rd-ask"), dialog);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Ask *ask = user_data;
  g_autoptr(RdAction) action = NULL;

  if (g_strcmp0 (response, ask->response) != 0)
    return;

  action = rd_action_new ();
  action->type = ask->type;

  switch (ask->type)
    {
    case RD_ACTION_TYPE_ESCALATE:
    case RD_ACTION_TYPE_REJECT_OFFER:
      action->reason = ask->text_view ? text_of (ask->text_view) : NULL;
      if (ask->offer != NULL)
        action->offer_id = g_strdup (ask->offer->id);
      break;

    case RD_ACTION_TYPE_ACCEPT_OFFER:
      action->offer_id = g_strdup (ask->offer->id);
      break;

    case RD_ACTION_TYPE_SHIP_RETURN:
      action->carrier = entry_text (ask->entries[0]);
      action->tracking = entry_text (ask->entries[1]);
      break;

    case RD_ACTION_TYPE_RATE:
      action->stars = ask->n_stars;
      action->comment = ask->text_view ? text_of (ask->text_view) : NULL;
      break;

    case RD_ACTION_TYPE_MESSAGE:
      {
        const char * const *params = rd_phrase_get_params (ask->phrase);

        action->template_id = g_strdup (rd_phrase_get_id (ask->phrase));
        action->template_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
        action->lang = g_strdup (ask->lang);
        for (guint i = 0; params[i] != NULL && i < G_N_ELEMENTS (ask->entries); i++)
          {
            char *value = NULL;

            if (ask->spins[i] != NULL)
              {
                g_autoptr(RdMoney) total = rd_action_dialog_item_total (ask->kase);
                g_autoptr(RdMoney) money = NULL;

                gtk_spin_button_update (ask->spins[i]);
                money = rd_action_dialog_amount_get (ask->spins[i], total ? total->currency : "EUR");
                value = rd_phrasebook_money_to_param (money);
              }
            else if (ask->entries[i] != NULL)
              value = entry_text (ask->entries[i]);
            g_hash_table_insert (action->template_params, g_strdup (params[i]), value ? value : g_strdup (""));
          }
      }
      break;

    case RD_ACTION_TYPE_WITHDRAW:
    case RD_ACTION_TYPE_ACCEPT_CLAIM:
    case RD_ACTION_TYPE_CONFIRM_RETURN:
    default:
      break;
    }

  ask->done (ask->owner, action);
}

static AdwMessageDialog *
dialog_new (Ask        *ask,
            const char *heading,
            const char *body,
            const char *go_label,
            AdwResponseAppearance appearance)
{
  GtkRoot *root = gtk_widget_get_root (ask->owner);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    ask->response, go_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, ask->response, appearance);
  adw_message_dialog_set_default_response (dialog, ask->response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rd-ask", ask, (GDestroyNotify) ask_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), ask);
  return dialog;
}

static Ask *
ask_new (GtkWidget          *owner,
         RdCase             *kase,
         RdActionType        type,
         const char         *response,
         RdActionDialogDone  done)
{
  Ask *ask = g_new0 (Ask, 1);

  ask->owner = g_object_ref (owner);
  ask->kase = g_object_ref (kase);
  ask->type = type;
  ask->response = g_strdup (response);
  ask->done = done;
  return ask;
}

static void
present (Ask              *ask,
         AdwMessageDialog *dialog)
{
  if (ask->text_view != NULL)
    g_signal_connect_object (gtk_text_view_get_buffer (ask->text_view), "changed",
                             G_CALLBACK (on_input_changed), dialog, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ask->entries); i++)
    if (ask->entries[i] != NULL)
      g_signal_connect_object (ask->entries[i], "changed", G_CALLBACK (on_input_changed), dialog, 0);
  update_response (ask, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- The questions --------------------------------------------------------------- */

void
rd_action_dialog_escalate (GtkWidget          *owner,
                           RdCase             *kase,
                           RdActionDialogDone  done)
{
  Ask *ask = ask_new (owner, kase, RD_ACTION_TYPE_ESCALATE, "escalate", done);
  AdwMessageDialog *dialog;

  dialog = dialog_new (ask, _("Ask the Platform to Decide?"),
                       _("An agent of the platform reviews everything both sides said and decides the case. "
                         "No more offers can be made until then."),
                       _("_Escalate"), ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_extra_child (dialog, text_area_new (ask, _("_Why should the platform decide?"), TRUE));
  present (ask, dialog);
}

void
rd_action_dialog_withdraw (GtkWidget          *owner,
                           RdCase             *kase,
                           RdActionDialogDone  done)
{
  Ask *ask = ask_new (owner, kase, RD_ACTION_TYPE_WITHDRAW, "withdraw", done);
  AdwMessageDialog *dialog;

  dialog = dialog_new (ask, _("Withdraw the Case?"),
                       _("The case closes without a refund or any other remedy, and it cannot be opened "
                         "again."),
                       _("_Withdraw"), ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  present (ask, dialog);
}

void
rd_action_dialog_ship_return (GtkWidget          *owner,
                              RdCase             *kase,
                              RdActionDialogDone  done)
{
  Ask *ask = ask_new (owner, kase, RD_ACTION_TYPE_SHIP_RETURN, "ship", done);
  AdwMessageDialog *dialog;
  GtkWidget *list = boxed_list_new ();

  dialog = dialog_new (ask, _("Ship the Return"),
                       _("Tell the seller which carrier has the item and its tracking number. The seller "
                         "refunds you once they confirm it arrived."),
                       _("_Send"), ADW_RESPONSE_SUGGESTED);
  ask->entries[0] = entry_row_new (list, _("Carrier"));
  ask->entries[1] = entry_row_new (list, _("Tracking number"));
  adw_message_dialog_set_extra_child (dialog, list);
  present (ask, dialog);
}

static void
on_star_toggled (GtkToggleButton  *button,
                 AdwMessageDialog *dialog)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "rd-ask");
  guint stars = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "rd-stars"));
  static gboolean busy;

  if (busy)
    return;
  busy = TRUE;
  ask->n_stars = gtk_toggle_button_get_active (button) ? stars : stars - 1;
  for (guint i = 0; i < 5; i++)
    {
      gtk_toggle_button_set_active (ask->stars[i], i < ask->n_stars);
      gtk_button_set_icon_name (GTK_BUTTON (ask->stars[i]),
                                i < ask->n_stars ? "starred-symbolic" : "non-starred-symbolic");
    }
  busy = FALSE;
  update_response (ask, dialog);
}

void
rd_action_dialog_rate (GtkWidget          *owner,
                       RdCase             *kase,
                       RdActionDialogDone  done)
{
  Ask *ask = ask_new (owner, kase, RD_ACTION_TYPE_RATE, "rate", done);
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *stars = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  dialog = dialog_new (ask, _("Rate the Outcome"),
                       _("How was this case handled? Your rating is shown to the seller and the platform."),
                       _("_Rate"), ADW_RESPONSE_SUGGESTED);

  gtk_widget_set_halign (stars, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (stars), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stars"), -1);
  for (guint i = 0; i < 5; i++)
    {
      GtkWidget *star = gtk_toggle_button_new ();
      g_autofree char *name = g_strdup_printf (ngettext ("%u star", "%u stars", i + 1), i + 1);

      gtk_button_set_icon_name (GTK_BUTTON (star), "non-starred-symbolic");
      gtk_widget_add_css_class (star, "flat");
      gtk_widget_add_css_class (star, "circular");
      gtk_widget_set_tooltip_text (star, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (star), "rd-stars", GUINT_TO_POINTER (i + 1));
      g_signal_connect_object (star, "toggled", G_CALLBACK (on_star_toggled), dialog, 0);
      ask->stars[i] = GTK_TOGGLE_BUTTON (star);
      gtk_box_append (GTK_BOX (stars), star);
    }
  gtk_box_append (GTK_BOX (box), stars);
  gtk_box_append (GTK_BOX (box), text_area_new (ask, _("_Comment (optional)"), FALSE));
  adw_message_dialog_set_extra_child (dialog, box);
  present (ask, dialog);
}

/* What accepting an offer does, in one sentence or two. */
static char *
accept_offer_consequence (RdOffer *offer)
{
  switch (offer->type)
    {
    case RD_OUTCOME_TYPE_PARTIAL_REFUND:
      if (offer->amount != NULL)
        {
          g_autofree char *money = rd_format_money (offer->amount);

          /* Translators: %s is an amount */
          return g_strdup_printf (_("You accept a refund of %s. The case will be closed."), money);
        }
      return g_strdup (_("You accept a partial refund. The case will be closed."));
    case RD_OUTCOME_TYPE_FULL_REFUND:
      return g_strdup (_("You accept a full refund. The case will be closed."));
    case RD_OUTCOME_TYPE_REPLACEMENT:
      return g_strdup (_("You accept a replacement instead of a refund. The case will be closed."));
    case RD_OUTCOME_TYPE_REPAIR:
      return g_strdup (_("You accept a repair instead of a refund. The case will be closed."));
    case RD_OUTCOME_TYPE_RETURN_AND_REFUND:
    default:
      return g_strdup (_("You send the item back, and the seller refunds you once it arrives. You have 7 days "
                         "to ship it."));
    }
}

void
rd_action_dialog_accept_offer (GtkWidget          *owner,
                               RdCase             *kase,
                               RdOffer            *offer,
                               RdActionDialogDone  done)
{
  Ask *ask = ask_new (owner, kase, RD_ACTION_TYPE_ACCEPT_OFFER, "accept", done);
  AdwMessageDialog *dialog;
  g_autofree char *body = accept_offer_consequence (offer);

  ask->offer = g_object_ref (offer);
  dialog = dialog_new (ask, _("Accept the Offer?"), body, _("_Accept"), ADW_RESPONSE_SUGGESTED);
  present (ask, dialog);
}

void
rd_action_dialog_reject_offer (GtkWidget          *owner,
                               RdCase             *kase,
                               RdOffer            *offer,
                               RdActionDialogDone  done)
{
  Ask *ask = ask_new (owner, kase, RD_ACTION_TYPE_REJECT_OFFER, "reject", done);
  AdwMessageDialog *dialog;
  g_autofree char *what = rd_offer_card_format_offer (offer->type, offer->amount);
  /* Translators: %s is what the offer gives, such as "Partial refund of €10.00" */
  g_autofree char *body = g_strdup_printf (_("You say no to: %s. The seller can make another offer, or you can "
                                             "then ask the platform to decide."), what);

  ask->offer = g_object_ref (offer);
  dialog = dialog_new (ask, _("Reject the Offer?"), body, _("_Reject"), ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_extra_child (dialog, text_area_new (ask, _("_Why? (optional, the seller reads it)"), FALSE));
  present (ask, dialog);
}

void
rd_action_dialog_accept_claim (GtkWidget          *owner,
                               RdCase             *kase,
                               RdActionDialogDone  done)
{
  Ask *ask = ask_new (owner, kase, RD_ACTION_TYPE_ACCEPT_CLAIM, "accept", done);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  g_autoptr(RdMoney) total = rd_action_dialog_item_total (kase);
  g_autofree char *money = total ? rd_format_money (total) : g_strdup ("");
  g_autofree char *partial = kase->requested_amount ? rd_format_money (kase->requested_amount) : NULL;

  switch (kase->requested_type)
    {
    case RD_OUTCOME_TYPE_FULL_REFUND:
      /* Translators: %s is an amount */
      body = g_strdup_printf (_("You refund the buyer %s in full. The case will be closed."), money);
      break;
    case RD_OUTCOME_TYPE_PARTIAL_REFUND:
      /* Translators: %s is an amount */
      body = g_strdup_printf (_("You refund the buyer %s. The case will be closed."), partial ? partial : money);
      break;
    case RD_OUTCOME_TYPE_REPLACEMENT:
      body = g_strdup (_("You send the buyer a replacement. The case will be closed."));
      break;
    case RD_OUTCOME_TYPE_REPAIR:
      body = g_strdup (_("You repair the item for the buyer. The case will be closed."));
      break;
    case RD_OUTCOME_TYPE_RETURN_AND_REFUND:
    default:
      body = g_strdup (_("The buyer sends the item back; once you confirm that it arrived, the buyer is "
                         "refunded in full."));
      break;
    }

  dialog = dialog_new (ask, _("Accept the Claim?"), body, _("_Accept"), ADW_RESPONSE_SUGGESTED);
  present (ask, dialog);
}

void
rd_action_dialog_confirm_return (GtkWidget          *owner,
                                 RdCase             *kase,
                                 RdActionDialogDone  done)
{
  Ask *ask = ask_new (owner, kase, RD_ACTION_TYPE_CONFIRM_RETURN, "confirm", done);
  AdwMessageDialog *dialog;
  g_autoptr(RdMoney) total = rd_action_dialog_item_total (kase);
  g_autofree char *money = total ? rd_format_money (total) : g_strdup ("");
  /* Translators: %s is an amount */
  g_autofree char *body = g_strdup_printf (_("The item came back to you. The buyer is refunded %s and the case "
                                             "will be closed."), money);

  dialog = dialog_new (ask, _("Confirm the Return Arrived?"), body, _("_Confirm"), ADW_RESPONSE_SUGGESTED);
  present (ask, dialog);
}

/* A parameter's name as a field's title. */
static const char *
param_title (const char *name)
{
  if (g_strcmp0 (name, "carrier") == 0)
    return _("Carrier");
  if (g_strcmp0 (name, "tracking") == 0)
    return _("Tracking number");
  if (rd_phrasebook_param_is_money (name))
    return _("Amount");
  return name;
}

void
rd_action_dialog_phrase (GtkWidget          *owner,
                         RdCase             *kase,
                         const RdPhrase     *phrase,
                         const char         *lang,
                         RdActionDialogDone  done)
{
  Ask *ask = ask_new (owner, kase, RD_ACTION_TYPE_MESSAGE, "send", done);
  const char * const *params = rd_phrase_get_params (phrase);
  AdwMessageDialog *dialog;
  GtkWidget *list = boxed_list_new ();

  g_autofree char *preview = rd_phrasebook_render (rd_phrase_get_id (phrase), NULL, NULL);

  ask->phrase = phrase;
  ask->lang = g_strdup (lang);
  /* The phrase with gaps ("…") for what is asked below. */
  dialog = dialog_new (ask, rd_phrase_get_title (phrase), preview, _("_Send"), ADW_RESPONSE_SUGGESTED);

  for (guint i = 0; params[i] != NULL && i < G_N_ELEMENTS (ask->entries); i++)
    {
      if (rd_phrasebook_param_is_money (params[i]))
        {
          g_autoptr(RdMoney) total = rd_action_dialog_item_total (kase);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *spin = rd_action_dialog_amount_spin_new (total);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), param_title (params[i]));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
          if (total != NULL)
            gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                                       (double) total->amount / pow10i (rd_currency_exponent (total->currency)));
          gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
          ask->spins[i] = GTK_SPIN_BUTTON (spin);
        }
      else
        ask->entries[i] = entry_row_new (list, param_title (params[i]));
    }

  if (params[0] != NULL)
    adw_message_dialog_set_extra_child (dialog, list);
  else
    {
      /* Nothing to ask: the dialog only shows what will be sent. */
      g_object_ref_sink (list);
      g_object_unref (list);
    }
  present (ask, dialog);
}
