/* rd-pending-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-codec.h"
#include "rd-format.h"
#include "rd-offer-card.h"
#include "rd-pending-row.h"
#include "rd-phrasebook.h"
#include "rd-timeline-row.h"

struct _RdPendingRow
{
  GtkWidget parent_instance;

  char *id;
  RdOutboxState state;

  /* Template children */
  GtkWidget *bubble;
  GtkLabel *what_label;
  GtkLabel *text_label;
  GtkImage *status_icon;
  GtkLabel *status_label;
  GtkWidget *button_box;
  GtkButton *discard_button;
  GtkButton *retry_button;
};

G_DEFINE_FINAL_TYPE (RdPendingRow, rd_pending_row, GTK_TYPE_WIDGET)

static void
rd_pending_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_PENDING_ROW);

  G_OBJECT_CLASS (rd_pending_row_parent_class)->dispose (object);
}

static void
rd_pending_row_finalize (GObject *object)
{
  g_free (RD_PENDING_ROW (object)->id);

  G_OBJECT_CLASS (rd_pending_row_parent_class)->finalize (object);
}

static void
rd_pending_row_class_init (RdPendingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_pending_row_dispose;
  object_class->finalize = rd_pending_row_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rd-pending-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-pending-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPendingRow, bubble);
  gtk_widget_class_bind_template_child (widget_class, RdPendingRow, what_label);
  gtk_widget_class_bind_template_child (widget_class, RdPendingRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, RdPendingRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, RdPendingRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdPendingRow, button_box);
  gtk_widget_class_bind_template_child (widget_class, RdPendingRow, discard_button);
  gtk_widget_class_bind_template_child (widget_class, RdPendingRow, retry_button);
}

static void
rd_pending_row_init (RdPendingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_text (RdPendingRow *self,
          const char   *text)
{
  if (text == NULL || *text == '\0')
    return;
  gtk_label_set_text (self->text_label, text);
  rd_timeline_row_set_label_direction (self->text_label);
  gtk_widget_set_visible (GTK_WIDGET (self->text_label), TRUE);
}

/* What the queued action is, in the user's words. */
static void
describe_action (RdPendingRow *self,
                 RdAction     *action)
{
  switch (action->type)
    {
    case RD_ACTION_TYPE_MESSAGE:
      /* Translators: a message of the user's that is not sent yet */
      gtk_label_set_text (self->what_label, _("Your message"));
      if (action->template_id != NULL)
        {
          g_autofree char *text = rd_phrasebook_render (action->template_id, action->template_params, NULL);

          set_text (self, text);
        }
      else
        set_text (self, action->text);
      break;

    case RD_ACTION_TYPE_OFFER:
      {
        g_autofree char *offer = rd_offer_card_format_offer (action->offer_type, action->offer_amount);
        /* Translators: "Your offer: Partial refund of €10.00" */
        g_autofree char *what = g_strdup_printf (_("Your offer: %s"), offer);

        gtk_label_set_text (self->what_label, what);
        set_text (self, action->offer_note);
      }
      break;

    case RD_ACTION_TYPE_REJECT_OFFER:
    case RD_ACTION_TYPE_ESCALATE:
      gtk_label_set_text (self->what_label, rd_action_type_label (action->type));
      set_text (self, action->reason);
      break;

    case RD_ACTION_TYPE_SHIP_RETURN:
      {
        g_autofree char *carrier = rd_format_isolate (action->carrier);
        g_autofree char *tracking = rd_format_isolate (action->tracking);
        /* Translators: "DHL, tracking number JJD0123" */
        g_autofree char *text = g_strdup_printf (_("%s, tracking number %s"), carrier, tracking);

        gtk_label_set_text (self->what_label, rd_action_type_label (action->type));
        set_text (self, text);
      }
      break;

    case RD_ACTION_TYPE_RULE:
      {
        g_autofree char *what = NULL;

        if (action->decision == RD_DECISION_SPLIT && action->amount != NULL)
          {
            g_autofree char *money = rd_format_money (action->amount);

            /* Translators: "Your decision: split, €10.00 for the buyer" */
            what = g_strdup_printf (_("Your decision: split, %s for the buyer"), money);
          }
        else
          /* Translators: "Your decision: In the buyer's favour" */
          what = g_strdup_printf (_("Your decision: %s"), rd_decision_label (action->decision));
        gtk_label_set_text (self->what_label, what);
        set_text (self, action->note);
      }
      break;

    case RD_ACTION_TYPE_RATE:
      {
        g_autofree char *what = g_strdup_printf (ngettext ("Your rating: %u star out of 5",
                                                           "Your rating: %u stars out of 5", action->stars),
                                                 action->stars);

        gtk_label_set_text (self->what_label, what);
        set_text (self, action->comment);
      }
      break;

    case RD_ACTION_TYPE_ACCEPT_CLAIM:
    case RD_ACTION_TYPE_ACCEPT_OFFER:
    case RD_ACTION_TYPE_WITHDRAW:
    case RD_ACTION_TYPE_CONFIRM_RETURN:
    default:
      gtk_label_set_text (self->what_label, rd_action_type_label (action->type));
      break;
    }
}

GtkWidget *
rd_pending_row_new (RdSession     *session,
                    RdOutboxEntry *entry)
{
  RdPendingRow *self;
  RdSessionState state;
  g_autofree char *status = NULL;

  g_return_val_if_fail (RD_IS_SESSION (session), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (RD_TYPE_PENDING_ROW, NULL);
  self->id = g_strdup (entry->id);
  self->state = entry->state;

  switch (entry->kind)
    {
    case RD_OUTBOX_KIND_CASE:
      gtk_label_set_text (self->what_label, _("Your new case"));
      break;

    case RD_OUTBOX_KIND_EVIDENCE:
      /* Translators: a file of the user's that is not sent yet */
      gtk_label_set_text (self->what_label, _("Your file"));
      set_text (self, entry->filename);
      break;

    case RD_OUTBOX_KIND_ACTION:
    default:
      {
        g_autoptr(JsonNode) node = entry->body ? rd_codec_parse (entry->body, -1, NULL) : NULL;
        g_autoptr(RdAction) action = node ? rd_codec_action_from_json (node, NULL) : NULL;

        if (action != NULL)
          describe_action (self, action);
        else
          gtk_label_set_text (self->what_label, _("Your action"));
      }
      break;
    }

  state = rd_session_get_state (session);
  switch (entry->state)
    {
    case RD_OUTBOX_CONFLICTED:
      status = g_strdup (_("Not sent: the case changed before this was sent. Send it again on the case as it is "
                           "now, or discard it."));
      gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
      gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);
      gtk_widget_set_visible (self->button_box, TRUE);
      break;

    case RD_OUTBOX_FAILED:
      if (entry->last_error != NULL)
        /* Translators: %s is the reason, in words */
        status = g_strdup_printf (_("Not sent: %s"), entry->last_error);
      else
        status = g_strdup (_("Not sent: the platform refused it."));
      gtk_image_set_from_icon_name (self->status_icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
      gtk_widget_set_visible (self->button_box, TRUE);
      break;

    case RD_OUTBOX_PENDING:
    default:
      if (state == RD_SESSION_STATE_OFFLINE || state == RD_SESSION_STATE_ERROR ||
          state == RD_SESSION_STATE_NEEDS_LOGIN)
        {
          status = g_strdup (_("Waiting: it will be sent when you are online"));
          gtk_image_set_from_icon_name (self->status_icon, "network-offline-symbolic");
        }
      else
        status = g_strdup (_("Sending…"));
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
      break;
    }
  gtk_label_set_text (self->status_label, status);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->retry_button), "s", entry->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->retry_button), "case.retry");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->discard_button), "s", entry->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->discard_button), "case.discard");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->what_label), -1);
  return GTK_WIDGET (self);
}

const char *
rd_pending_row_get_id (RdPendingRow *self)
{
  g_return_val_if_fail (RD_IS_PENDING_ROW (self), NULL);
  return self->id;
}

RdOutboxState
rd_pending_row_get_state (RdPendingRow *self)
{
  g_return_val_if_fail (RD_IS_PENDING_ROW (self), RD_OUTBOX_PENDING);
  return self->state;
}

const char *
rd_pending_row_get_what (RdPendingRow *self)
{
  g_return_val_if_fail (RD_IS_PENDING_ROW (self), NULL);
  return gtk_label_get_text (self->what_label);
}

const char *
rd_pending_row_get_text (RdPendingRow *self)
{
  g_return_val_if_fail (RD_IS_PENDING_ROW (self), NULL);
  return gtk_label_get_text (self->text_label);
}

const char *
rd_pending_row_get_status (RdPendingRow *self)
{
  g_return_val_if_fail (RD_IS_PENDING_ROW (self), NULL);
  return gtk_label_get_text (self->status_label);
}
