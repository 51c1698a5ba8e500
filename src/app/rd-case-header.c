/* rd-case-header.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-case-header.h"
#include "rd-format.h"

/* The countdown is in minutes at its finest. */
#define TICK_SECONDS 30

struct _RdCaseHeader
{
  GtkWidget parent_instance;

  RdCase *kase;
  RdUser *viewer;
  guint tick_source;

  /* Template children */
  GtkWidget *box;
  GtkLabel *title_label;
  GtkLabel *facts_label;
  GtkLabel *request_label;
  GtkWidget *status_box;
  GtkLabel *status_label;
  GtkWidget *countdown_box;
  GtkImage *countdown_icon;
  GtkLabel *countdown_label;
  GtkLabel *deadline_label;
  GtkLabel *resolution_label;
  GtkWidget *action_box;
  GtkWidget *respond_button;
  GtkWidget *confirm_return_button;
  GtkWidget *ship_return_button;
  GtkWidget *rate_button;
  GtkWidget *rule_button;
  GtkWidget *escalate_button;
  GtkWidget *withdraw_button;
};

G_DEFINE_FINAL_TYPE (RdCaseHeader, rd_case_header, GTK_TYPE_WIDGET)

char *
rd_case_header_format_request (RdCase *kase,
                               RdRole  viewer)
{
  g_autofree char *amount = kase->requested_amount ? rd_format_money (kase->requested_amount) : NULL;
  gboolean own = viewer == RD_ROLE_BUYER;

  switch (kase->requested_type)
    {
    case RD_OUTCOME_TYPE_FULL_REFUND:
      return g_strdup (own ? _("you asked for a full refund") : _("wants a full refund"));
    case RD_OUTCOME_TYPE_PARTIAL_REFUND:
      if (amount != NULL && own)
        /* Translators: %s is an amount */
        return g_strdup_printf (_("you asked for a partial refund of %s"), amount);
      if (amount != NULL)
        /* Translators: %s is an amount */
        return g_strdup_printf (_("wants a partial refund of %s"), amount);
      return g_strdup (own ? _("you asked for a partial refund") : _("wants a partial refund"));
    case RD_OUTCOME_TYPE_REPLACEMENT:
      return g_strdup (own ? _("you asked for a replacement") : _("wants a replacement"));
    case RD_OUTCOME_TYPE_REPAIR:
      return g_strdup (own ? _("you asked for a repair") : _("wants a repair"));
    case RD_OUTCOME_TYPE_RETURN_AND_REFUND:
    default:
      return g_strdup (own ? _("you asked to return it for a refund") : _("wants to return it for a refund"));
    }
}

/* Whether a button belongs in this case at all for this role: actions the
 * role can never take are hidden, and so are those that the case's stage
 * has left behind for good; the rest follow their action's state. */
static gboolean
button_belongs (RdRole       role,
                RdStatus     status,
                RdActionType action)
{
  gboolean resolved = status == RD_STATUS_RESOLVED;

  switch (action)
    {
    case RD_ACTION_TYPE_ESCALATE:
      return (role == RD_ROLE_BUYER || role == RD_ROLE_SELLER) && !resolved && status != RD_STATUS_UNDER_REVIEW;
    case RD_ACTION_TYPE_WITHDRAW:
      return role == RD_ROLE_BUYER && !resolved;
    case RD_ACTION_TYPE_SHIP_RETURN:
      return role == RD_ROLE_BUYER && status == RD_STATUS_RETURN_PENDING;
    case RD_ACTION_TYPE_RATE:
      return role == RD_ROLE_BUYER && resolved;
    case RD_ACTION_TYPE_OFFER:
      /* "Respond…" */
      return role == RD_ROLE_SELLER && status == RD_STATUS_AWAITING_SELLER;
    case RD_ACTION_TYPE_CONFIRM_RETURN:
      return role == RD_ROLE_SELLER && status == RD_STATUS_RETURN_PENDING;
    case RD_ACTION_TYPE_RULE:
      return role == RD_ROLE_AGENT && !resolved;
    case RD_ACTION_TYPE_MESSAGE:
    case RD_ACTION_TYPE_ACCEPT_CLAIM:
    case RD_ACTION_TYPE_ACCEPT_OFFER:
    case RD_ACTION_TYPE_REJECT_OFFER:
    default:
      return FALSE;
    }
}

static void
update_deadline (RdCaseHeader *self,
                 GDateTime    *now)
{
  RdCase *kase = self->kase;
  g_autofree char *sentence = NULL;
  gboolean urgent = FALSE;

  if (kase != NULL && self->viewer != NULL)
    sentence = rd_format_deadline_sentence (kase, self->viewer->role, now);

  if (sentence == NULL)
    {
      gtk_label_set_text (self->deadline_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), FALSE);
      gtk_widget_set_visible (self->countdown_box, FALSE);
      return;
    }

  {
    g_autofree char *countdown = rd_format_countdown (kase->respond_by, now, &urgent);
    g_autofree char *when = rd_format_date_time (kase->respond_by);
    /* Translators: the deadline's exact time, as a tooltip: "Due Tue 3 March, 14:00" */
    g_autofree char *due = g_strdup_printf (_("Due %s"), when);

    gtk_label_set_text (self->countdown_label, countdown);
    gtk_widget_set_tooltip_text (self->countdown_box, due);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->deadline_label), due);
  }

  /* Words first; red is only the second cue. */
  gtk_label_set_text (self->deadline_label, sentence);
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), TRUE);
  gtk_widget_set_visible (self->countdown_box, TRUE);
  if (urgent)
    {
      gtk_widget_add_css_class (self->countdown_box, "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "heading");
    }
  else
    {
      gtk_widget_remove_css_class (self->countdown_box, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_label), "heading");
    }
}

static gboolean
on_tick (gpointer user_data)
{
  RdCaseHeader *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  update_deadline (self, now);
  return G_SOURCE_CONTINUE;
}

static void
rd_case_header_map (GtkWidget *widget)
{
  RdCaseHeader *self = RD_CASE_HEADER (widget);

  GTK_WIDGET_CLASS (rd_case_header_parent_class)->map (widget);
  if (self->tick_source == 0)
    self->tick_source = g_timeout_add_seconds (TICK_SECONDS, on_tick, self);
}

static void
rd_case_header_unmap (GtkWidget *widget)
{
  RdCaseHeader *self = RD_CASE_HEADER (widget);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  GTK_WIDGET_CLASS (rd_case_header_parent_class)->unmap (widget);
}

static void
rd_case_header_dispose (GObject *object)
{
  RdCaseHeader *self = RD_CASE_HEADER (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CASE_HEADER);
  g_clear_object (&self->kase);
  g_clear_object (&self->viewer);

  G_OBJECT_CLASS (rd_case_header_parent_class)->dispose (object);
}

static void
rd_case_header_class_init (RdCaseHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_case_header_dispose;
  widget_class->map = rd_case_header_map;
  widget_class->unmap = rd_case_header_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rd-case-header");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-case-header.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, box);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, title_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, facts_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, request_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, status_box);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, countdown_box);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, countdown_icon);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, resolution_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, action_box);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, respond_button);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, confirm_return_button);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, ship_return_button);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, rate_button);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, rule_button);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, escalate_button);
  gtk_widget_class_bind_template_child (widget_class, RdCaseHeader, withdraw_button);
}

static void
rd_case_header_init (RdCaseHeader *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_case_header_new (void)
{
  return g_object_new (RD_TYPE_CASE_HEADER, NULL);
}

/* "Order ⁨ORD-2025-000123⁩ · €19.99 · Seller: ⁨Kai's Gadgets⁩" */
static char *
format_facts (RdCase *kase,
              RdRole  viewer)
{
  g_autoptr(GString) facts = g_string_new (NULL);
  g_autofree char *number = rd_format_isolate (kase->order_number != NULL ? kase->order_number : "");
  RdOrderItem *item = kase->item;

  /* Translators: %s is an order number */
  g_string_append_printf (facts, _("Order %s"), number);

  if (item != NULL && item->unit_price != NULL)
    {
      g_autoptr(RdMoney) total = rd_money_new (item->unit_price->amount * (gint64) MAX (item->quantity, 1),
                                               item->unit_price->currency);
      g_autofree char *money = rd_format_money (total);

      /* Translators: separates the facts of a case: "Order 123 · €19.99" */
      g_string_append (facts, C_("facts", " · "));
      if (item->quantity > 1)
        /* Translators: "2 × €14.90" would be ambiguous; this is "€29.80 for 2" */
        g_string_append_printf (facts, ngettext ("%s for %u item", "%s for %u items", item->quantity),
                                money, item->quantity);
      else
        g_string_append (facts, money);
    }

  if ((viewer == RD_ROLE_BUYER || viewer == RD_ROLE_AGENT) && kase->seller != NULL)
    {
      g_autofree char *name = rd_format_isolate (kase->seller->name);

      g_string_append (facts, C_("facts", " · "));
      /* Translators: %s is a shop's name */
      g_string_append_printf (facts, _("Seller: %s"), name);
    }
  if ((viewer == RD_ROLE_SELLER || viewer == RD_ROLE_AGENT) && kase->buyer != NULL)
    {
      g_autofree char *name = rd_format_isolate (kase->buyer->name);

      g_string_append (facts, C_("facts", " · "));
      /* Translators: %s is a person's name */
      g_string_append_printf (facts, _("Buyer: %s"), name);
    }
  return g_string_free (g_steal_pointer (&facts), FALSE);
}

static char *
format_resolution (RdCase *kase)
{
  RdResolution *resolution = kase->resolution;
  g_autoptr(GString) text = NULL;

  if (resolution == NULL)
    return NULL;

  text = g_string_new (rd_resolution_outcome_label (resolution->outcome));
  if (resolution->amount != NULL)
    {
      g_autofree char *money = rd_format_money (resolution->amount);

      g_string_append (text, C_("facts", " · "));
      g_string_append (text, money);
    }
  g_string_append (text, C_("facts", " · "));
  g_string_append (text, rd_resolution_by_label (resolution->by));
  if (kase->rating != NULL)
    {
      g_string_append (text, C_("facts", " · "));
      g_string_append_printf (text, ngettext ("Rated %u star out of 5", "Rated %u stars out of 5",
                                              kase->rating->stars),
                              kase->rating->stars);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
rd_case_header_set_case (RdCaseHeader *self,
                         RdCase       *kase,
                         RdUser       *viewer,
                         GDateTime    *now)
{
  RdRole role;
  g_autofree char *facts = NULL;
  g_autofree char *request = NULL;
  g_autofree char *reason_line = NULL;
  g_autofree char *resolution = NULL;
  struct { GtkWidget *button; RdActionType action; } buttons[] = {
    { self->respond_button, RD_ACTION_TYPE_OFFER },
    { self->confirm_return_button, RD_ACTION_TYPE_CONFIRM_RETURN },
    { self->ship_return_button, RD_ACTION_TYPE_SHIP_RETURN },
    { self->rate_button, RD_ACTION_TYPE_RATE },
    { self->rule_button, RD_ACTION_TYPE_RULE },
    { self->escalate_button, RD_ACTION_TYPE_ESCALATE },
    { self->withdraw_button, RD_ACTION_TYPE_WITHDRAW },
  };
  gboolean any = FALSE;

  g_return_if_fail (RD_IS_CASE_HEADER (self));
  g_return_if_fail (kase == NULL || RD_IS_CASE (kase));

  g_set_object (&self->kase, kase);
  g_set_object (&self->viewer, viewer);
  if (kase == NULL)
    return;

  role = viewer != NULL ? viewer->role : RD_ROLE_BUYER;

  gtk_label_set_text (self->title_label, kase->item != NULL && kase->item->title ? kase->item->title : "");
  facts = format_facts (kase, role);
  gtk_label_set_text (self->facts_label, facts);

  request = rd_case_header_format_request (kase, role);
  /* Translators: why and what for: "It stopped working or broke — wants a full refund" */
  reason_line = g_strdup_printf (_("%s — %s"), rd_reason_label (kase->reason), request);
  gtk_label_set_text (self->request_label, reason_line);

  gtk_label_set_text (self->status_label, rd_status_label (kase->status));
  update_deadline (self, now);

  resolution = format_resolution (kase);
  gtk_label_set_text (self->resolution_label, resolution != NULL ? resolution : "");
  gtk_widget_set_visible (GTK_WIDGET (self->resolution_label), resolution != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      gboolean belongs = button_belongs (role, kase->status, buttons[i].action);

      gtk_widget_set_visible (buttons[i].button, belongs);
      any |= belongs;
    }
  gtk_widget_set_visible (self->action_box, any);
}

void
rd_case_header_set_allowed (RdCaseHeader *self,
                            guint         allowed)
{
  gboolean escalate = (allowed & (1u << RD_ACTION_TYPE_ESCALATE)) != 0;
  RdRole role;

  g_return_if_fail (RD_IS_CASE_HEADER (self));

  if (self->kase == NULL)
    return;
  role = self->viewer != NULL ? self->viewer->role : RD_ROLE_BUYER;

  if (escalate)
    gtk_widget_set_tooltip_text (self->escalate_button, _("Ask the platform to decide the case"));
  else if (role == RD_ROLE_BUYER && self->kase->status == RD_STATUS_AWAITING_SELLER)
    gtk_widget_set_tooltip_text (self->escalate_button,
                                 _("You can ask the platform to decide once the seller's time to answer has run "
                                   "out, or after you reject an offer"));
  else if (role == RD_ROLE_SELLER && self->kase->status == RD_STATUS_AWAITING_SELLER)
    gtk_widget_set_tooltip_text (self->escalate_button,
                                 _("You can ask the platform to decide once you made an offer"));
  else
    gtk_widget_set_tooltip_text (self->escalate_button, _("The platform cannot be asked to decide now"));
}

const char *
rd_case_header_get_deadline_text (RdCaseHeader *self)
{
  g_return_val_if_fail (RD_IS_CASE_HEADER (self), NULL);
  return gtk_label_get_text (self->deadline_label);
}

const char *
rd_case_header_get_status_text (RdCaseHeader *self)
{
  g_return_val_if_fail (RD_IS_CASE_HEADER (self), NULL);
  return gtk_label_get_text (self->status_label);
}
