/* rd-offer-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-offer-card.h"
#include "rd-timeline-row.h"

struct _RdOfferCard
{
  GtkWidget parent_instance;

  RdOffer *offer;

  /* Template children */
  GtkWidget *card;
  GtkLabel *from_label;
  GtkLabel *title_label;
  GtkLabel *note_label;
  GtkLabel *status_label;
  GtkWidget *button_box;
  GtkButton *accept_button;
  GtkButton *reject_button;
};

G_DEFINE_FINAL_TYPE (RdOfferCard, rd_offer_card, GTK_TYPE_WIDGET)

char *
rd_offer_card_format_offer (RdOutcomeType  type,
                            const RdMoney *amount)
{
  if (type == RD_OUTCOME_TYPE_PARTIAL_REFUND && amount != NULL)
    {
      g_autofree char *money = rd_format_money (amount);

      /* Translators: %s is an amount: "Partial refund of €10.00" */
      return g_strdup_printf (_("Partial refund of %s"), money);
    }
  return g_strdup (rd_outcome_type_label (type));
}

static void
rd_offer_card_dispose (GObject *object)
{
  RdOfferCard *self = RD_OFFER_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_OFFER_CARD);
  g_clear_object (&self->offer);

  G_OBJECT_CLASS (rd_offer_card_parent_class)->dispose (object);
}

static void
rd_offer_card_class_init (RdOfferCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_offer_card_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rd-offer-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-offer-card.ui");
  gtk_widget_class_bind_template_child (widget_class, RdOfferCard, card);
  gtk_widget_class_bind_template_child (widget_class, RdOfferCard, from_label);
  gtk_widget_class_bind_template_child (widget_class, RdOfferCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, RdOfferCard, note_label);
  gtk_widget_class_bind_template_child (widget_class, RdOfferCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdOfferCard, button_box);
  gtk_widget_class_bind_template_child (widget_class, RdOfferCard, accept_button);
  gtk_widget_class_bind_template_child (widget_class, RdOfferCard, reject_button);
}

static void
rd_offer_card_init (RdOfferCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* What accepting gives, on the button itself: "Accept €10.00 Refund". */
static char *
accept_label (RdOffer *offer)
{
  switch (offer->type)
    {
    case RD_OUTCOME_TYPE_PARTIAL_REFUND:
      if (offer->amount != NULL)
        {
          g_autofree char *money = rd_format_money (offer->amount);

          /* Translators: a button; %s is an amount */
          return g_strdup_printf (_("_Accept %s Refund"), money);
        }
      return g_strdup (_("_Accept Refund"));
    case RD_OUTCOME_TYPE_FULL_REFUND:
      return g_strdup (_("_Accept Full Refund"));
    case RD_OUTCOME_TYPE_REPLACEMENT:
      return g_strdup (_("_Accept Replacement"));
    case RD_OUTCOME_TYPE_REPAIR:
      return g_strdup (_("_Accept Repair"));
    case RD_OUTCOME_TYPE_RETURN_AND_REFUND:
    default:
      return g_strdup (_("_Accept Return for a Refund"));
    }
}

GtkWidget *
rd_offer_card_new (RdSession *session,
                   RdCase    *kase,
                   RdOffer   *offer,
                   RdEvent   *event)
{
  RdOfferCard *self;
  RdUser *user;
  g_autofree char *title = NULL;
  g_autofree char *who = NULL;
  g_autofree char *from = NULL;
  const char *note;
  gboolean mine;

  g_return_val_if_fail (RD_IS_SESSION (session), NULL);
  g_return_val_if_fail (RD_IS_CASE (kase), NULL);
  g_return_val_if_fail (RD_IS_OFFER (offer), NULL);

  self = g_object_new (RD_TYPE_OFFER_CARD, NULL);
  self->offer = g_object_ref (offer);
  user = rd_session_get_user (session);
  mine = user != NULL && kase->seller != NULL && user->role == RD_ROLE_SELLER &&
         (event == NULL || event->actor == NULL || g_strcmp0 (event->actor->id, user->id) == 0);

  /* Offers come from the seller: theirs at the start side for the buyer, the
   * seller's own at the end side. */
  if (mine)
    {
      gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);
      gtk_widget_add_css_class (self->card, "rd-mine");
    }

  who = mine ? g_strdup (_("You"))
             : rd_format_isolate (kase->seller != NULL && kase->seller->name != NULL ? kase->seller->name
                                                                                     : rd_role_label (RD_ROLE_SELLER));
  if (offer->at != NULL)
    {
      g_autofree char *when = rd_format_date_time (offer->at);

      /* Translators: "Offer from Kai's Gadgets · Tue 3 March, 14:00" */
      from = g_strdup_printf (_("Offer from %s · %s"), who, when);
    }
  else
    /* Translators: "Offer from Kai's Gadgets" */
    from = g_strdup_printf (_("Offer from %s"), who);
  gtk_label_set_text (self->from_label, from);

  title = rd_offer_card_format_offer (offer->type, offer->amount);
  gtk_label_set_text (self->title_label, title);

  note = offer->note != NULL ? offer->note : (event != NULL ? event->note : NULL);
  if (note != NULL && *note != '\0')
    {
      gtk_label_set_text (self->note_label, note);
      rd_timeline_row_set_label_direction (self->note_label);
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
    }

  gtk_label_set_text (self->status_label, rd_offer_status_label (offer->status));
  if (offer->status == RD_OFFER_STATUS_ACCEPTED)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
  else if (offer->status != RD_OFFER_STATUS_PENDING)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");

  /* Only the buyer answers an offer, and only an open one. */
  if (user != NULL && user->role == RD_ROLE_BUYER && offer->status == RD_OFFER_STATUS_PENDING)
    {
      g_autofree char *label = accept_label (offer);
      /* Translators: accessible name of a button; %s is what the offer gives */
      g_autofree char *accessible = g_strdup_printf (_("Accept the offer: %s"), title);

      gtk_button_set_label (self->accept_button, label);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->accept_button), "s", offer->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->accept_button), "case.accept-offer");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->reject_button), "s", offer->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reject_button), "case.reject-offer");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->accept_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_visible (self->button_box, TRUE);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, from, -1);
  return GTK_WIDGET (self);
}

RdOffer *
rd_offer_card_get_offer (RdOfferCard *self)
{
  g_return_val_if_fail (RD_IS_OFFER_CARD (self), NULL);
  return self->offer;
}

const char *
rd_offer_card_get_title (RdOfferCard *self)
{
  g_return_val_if_fail (RD_IS_OFFER_CARD (self), NULL);
  return gtk_label_get_text (self->title_label);
}
