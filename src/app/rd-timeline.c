/* rd-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-evidence-thumbnail.h"
#include "rd-format.h"
#include "rd-message-bubble.h"
#include "rd-offer-card.h"
#include "rd-pending-row.h"
#include "rd-phrasebook.h"
#include "rd-timeline.h"
#include "rd-timeline-row.h"

/* Within this many pixels of the end counts as "at the end". */
#define END_SLACK 24.0

struct _RdTimeline
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkWidget *box;
  GtkWidget *statements;
  GtkAdjustment *vadjustment;

  char *case_id;
  guint n_items;
  gboolean stick_to_end;
  gboolean scrolling;
};

G_DEFINE_FINAL_TYPE (RdTimeline, rd_timeline, GTK_TYPE_WIDGET)

/* --- Staying at the end ------------------------------------------------------------ */

static void
jump_to_end (RdTimeline *self)
{
  double upper = gtk_adjustment_get_upper (self->vadjustment);
  double page = gtk_adjustment_get_page_size (self->vadjustment);

  self->scrolling = TRUE;
  gtk_adjustment_set_value (self->vadjustment, MAX (0.0, upper - page));
  self->scrolling = FALSE;
}

static void
on_adjustment_changed (GtkAdjustment *adjustment,
                       RdTimeline    *self)
{
  /* The content grew (or was laid out for the first time). */
  if (self->stick_to_end)
    jump_to_end (self);
}

static void
on_adjustment_value_changed (GtkAdjustment *adjustment,
                             RdTimeline    *self)
{
  double value, upper, page;

  if (self->scrolling)
    return;
  value = gtk_adjustment_get_value (adjustment);
  upper = gtk_adjustment_get_upper (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  /* The user scrolled up to read: leave them there until they come back. */
  self->stick_to_end = value + page >= upper - END_SLACK;
}

void
rd_timeline_scroll_to_end (RdTimeline *self)
{
  g_return_if_fail (RD_IS_TIMELINE (self));

  self->stick_to_end = TRUE;
  jump_to_end (self);
}

/* --- The widget -------------------------------------------------------------------- */

static void
rd_timeline_dispose (GObject *object)
{
  RdTimeline *self = RD_TIMELINE (object);

  if (self->vadjustment != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->vadjustment, self);
      g_clear_object (&self->vadjustment);
    }
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  self->box = NULL;
  self->statements = NULL;
  g_clear_pointer (&self->case_id, g_free);

  G_OBJECT_CLASS (rd_timeline_parent_class)->dispose (object);
}

static void
rd_timeline_class_init (RdTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_timeline_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rd-timeline");
}

static void
rd_timeline_init (RdTimeline *self)
{
  GtkWidget *clamp;

  self->stick_to_end = TRUE;

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (self->box, 18);
  gtk_widget_set_margin_bottom (self->box, 18);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The case's timeline"), -1);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 640);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);

  self->vadjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)));
  g_signal_connect (self->vadjustment, "changed", G_CALLBACK (on_adjustment_changed), self);
  g_signal_connect (self->vadjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed), self);
}

GtkWidget *
rd_timeline_new (void)
{
  return g_object_new (RD_TYPE_TIMELINE, NULL);
}

GtkWidget *
rd_timeline_get_statements (RdTimeline *self)
{
  g_return_val_if_fail (RD_IS_TIMELINE (self), NULL);
  return self->statements;
}

/* --- The agent's statements -------------------------------------------------------- */

static GtkWidget *
plain_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   "selectable", css_class == NULL,
                                   "use-markup", FALSE,
                                   NULL);

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  if (css_class != NULL)
    {
      g_auto(GStrv) classes = g_strsplit (css_class, " ", -1);

      for (guint i = 0; classes[i] != NULL; i++)
        gtk_widget_add_css_class (label, classes[i]);
    }
  else
    rd_timeline_row_set_label_direction (GTK_LABEL (label));
  return label;
}

/* One of a party's statements: when, then the words. */
static void
add_statement (GtkWidget  *column,
               GDateTime  *at,
               const char *caption,
               const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *when = at != NULL ? rd_format_date_time (at) : NULL;

  if (caption != NULL && when != NULL)
    {
      /* Translators: "Offer · Tue 3 March, 14:00" */
      g_autofree char *line = g_strdup_printf (C_("statement", "%s · %s"), caption, when);

      gtk_box_append (GTK_BOX (box), plain_label (line, "caption dim-label"));
    }
  else if (caption != NULL || when != NULL)
    gtk_box_append (GTK_BOX (box), plain_label (caption != NULL ? caption : when, "caption dim-label"));
  if (text != NULL && *text != '\0')
    gtk_box_append (GTK_BOX (box), plain_label (text, NULL));
  gtk_box_append (GTK_BOX (column), box);
}

static gboolean
party_is (RdParty *actor,
          RdParty *party)
{
  return actor != NULL && party != NULL && g_strcmp0 (actor->id, party->id) == 0;
}

static GtkWidget *
statement_column (RdSession *session,
                  RdCase    *kase,
                  RdRole     role)
{
  RdParty *party = role == RD_ROLE_BUYER ? kase->buyer : kase->seller;
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *files = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  gboolean said = FALSE;

  gtk_widget_add_css_class (column, "card");
  gtk_widget_add_css_class (column, "rd-statement");
  gtk_widget_set_hexpand (column, TRUE);
  gtk_widget_set_valign (column, GTK_ALIGN_START);

  name = rd_format_isolate (party != NULL && party->name != NULL ? party->name : "");
  /* Translators: heading of a party's statements for the agent: "Buyer: Ana Silva" */
  heading = g_strdup_printf (_("%s: %s"), rd_role_label (role), name);
  gtk_box_append (GTK_BOX (column), plain_label (heading, "heading"));

  if (role == RD_ROLE_BUYER)
    {
      add_statement (column, kase->created_at, rd_event_type_label (RD_EVENT_TYPE_CREATED), kase->description);
      said = TRUE;
    }

  for (guint i = 0; kase->events != NULL && i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);

      if (!party_is (event->actor, party))
        continue;

      switch (event->type)
        {
        case RD_EVENT_TYPE_MESSAGE:
          if (event->template_id != NULL)
            {
              g_autofree char *text = rd_phrasebook_render (event->template_id, event->template_params, NULL);

              add_statement (column, event->at, rd_event_type_label (event->type), text);
            }
          else
            add_statement (column, event->at, rd_event_type_label (event->type), event->text);
          said = TRUE;
          break;

        case RD_EVENT_TYPE_OFFER:
          for (guint j = 0; j < kase->offers->len; j++)
            {
              RdOffer *offer = g_ptr_array_index (kase->offers, j);

              if (g_strcmp0 (offer->id, event->offer_id) == 0)
                {
                  g_autofree char *what = rd_offer_card_format_offer (offer->type, offer->amount);
                  /* Translators: "Partial refund of €10.00 (Rejected)" */
                  g_autofree char *caption = g_strdup_printf (_("%s (%s)"), what,
                                                              rd_offer_status_label (offer->status));

                  add_statement (column, event->at, caption, offer->note);
                  said = TRUE;
                }
            }
          break;

        case RD_EVENT_TYPE_OFFER_REJECTED:
        case RD_EVENT_TYPE_ESCALATED:
          add_statement (column, event->at, rd_event_type_label (event->type), event->reason);
          said = TRUE;
          break;

        default:
          break;
        }
    }

  for (guint i = 0; kase->evidence != NULL && i < kase->evidence->len; i++)
    {
      RdEvidence *evidence = g_ptr_array_index (kase->evidence, i);

      if (!party_is (evidence->by, party))
        continue;
      if (files == NULL)
        {
          files = gtk_flow_box_new ();
          gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (files), GTK_SELECTION_NONE);
          gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (files), 4);
          gtk_box_append (GTK_BOX (column), plain_label (_("Files"), "caption-heading"));
          gtk_box_append (GTK_BOX (column), files);
        }
      gtk_flow_box_append (GTK_FLOW_BOX (files), rd_evidence_thumbnail_new (session, evidence));
    }

  if (!said && files == NULL)
    gtk_box_append (GTK_BOX (column), plain_label (_("Nothing said yet"), "dim-label"));
  return column;
}

static GtkWidget *
statements_new (RdSession *session,
                RdCase    *kase)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_box_append (GTK_BOX (box), plain_label (_("Statements"), "title-4"));
  gtk_box_append (GTK_BOX (columns), statement_column (session, kase, RD_ROLE_BUYER));
  gtk_box_append (GTK_BOX (columns), statement_column (session, kase, RD_ROLE_SELLER));
  gtk_box_append (GTK_BOX (box), columns);
  gtk_box_append (GTK_BOX (box), plain_label (_("Timeline"), "title-4"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Both parties' statements side by side"), -1);
  return box;
}

/* --- The story --------------------------------------------------------------------- */

/* Files named by a message show in that message; the others on their own. */
static gboolean
evidence_in_a_message (RdCase     *kase,
                       const char *id)
{
  for (guint i = 0; kase->events != NULL && i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);

      if (event->type == RD_EVENT_TYPE_MESSAGE && event->evidence_ids != NULL &&
          g_strv_contains ((const char * const *) event->evidence_ids, id))
        return TRUE;
    }
  return FALSE;
}

static RdOffer *
find_offer (RdCase     *kase,
            const char *id)
{
  for (guint i = 0; kase->offers != NULL && i < kase->offers->len; i++)
    {
      RdOffer *offer = g_ptr_array_index (kase->offers, i);

      if (g_strcmp0 (offer->id, id) == 0)
        return offer;
    }
  return NULL;
}

static GtkWidget *
widget_for_event (RdSession *session,
                  RdCase    *kase,
                  RdEvent   *event)
{
  switch (event->type)
    {
    case RD_EVENT_TYPE_MESSAGE:
      return rd_message_bubble_new (session, kase, event);

    case RD_EVENT_TYPE_EVIDENCE:
      {
        gboolean alone = FALSE;

        for (guint i = 0; event->evidence_ids != NULL && event->evidence_ids[i] != NULL; i++)
          if (!evidence_in_a_message (kase, event->evidence_ids[i]))
            alone = TRUE;
        return alone ? rd_message_bubble_new (session, kase, event) : NULL;
      }

    case RD_EVENT_TYPE_OFFER:
      {
        RdOffer *offer = find_offer (kase, event->offer_id);

        if (offer != NULL)
          return rd_offer_card_new (session, kase, offer, event);
        return rd_timeline_row_new (session, kase, event);
      }

    default:
      return rd_timeline_row_new (session, kase, event);
    }
}

static void
clear (RdTimeline *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  self->statements = NULL;
}

void
rd_timeline_show (RdTimeline *self,
                  RdSession  *session,
                  RdCase     *kase,
                  GPtrArray  *outbox)
{
  RdUser *user;
  guint n_items = 0;
  gboolean same_case;
  gboolean described = FALSE;

  g_return_if_fail (RD_IS_TIMELINE (self));
  g_return_if_fail (kase == NULL || RD_IS_SESSION (session));

  clear (self);
  if (kase == NULL)
    {
      g_clear_pointer (&self->case_id, g_free);
      self->n_items = 0;
      return;
    }

  same_case = g_strcmp0 (self->case_id, kase->id) == 0;
  user = rd_session_get_user (session);

  if (user != NULL && user->role == RD_ROLE_AGENT)
    {
      self->statements = statements_new (session, kase);
      gtk_box_append (GTK_BOX (self->box), self->statements);
    }

  for (guint i = 0; kase->events != NULL && i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);
      GtkWidget *widget = widget_for_event (session, kase, event);

      if (widget != NULL)
        {
          gtk_box_append (GTK_BOX (self->box), widget);
          n_items++;
        }
      if (event->type == RD_EVENT_TYPE_CREATED && !described && kase->description != NULL)
        {
          /* The buyer's first words follow the opening of the case. */
          gtk_box_append (GTK_BOX (self->box), rd_message_bubble_new_for_description (session, kase));
          described = TRUE;
          n_items++;
        }
    }
  if (!described && kase->description != NULL && *kase->description != '\0')
    {
      /* A case filed here and not yet on the platform has no steps yet. */
      gtk_box_prepend (GTK_BOX (self->box), rd_message_bubble_new_for_description (session, kase));
      n_items++;
    }

  for (guint i = 0; outbox != NULL && i < outbox->len; i++)
    {
      gtk_box_append (GTK_BOX (self->box), rd_pending_row_new (session, g_ptr_array_index (outbox, i)));
      n_items++;
    }

  /* A case just opened starts at its latest step (an agent's at the
   * statements); a new step brings the reader to it. */
  if (!same_case && self->statements != NULL)
    {
      self->stick_to_end = FALSE;
      gtk_adjustment_set_value (self->vadjustment, 0.0);
    }
  else if (!same_case || n_items > self->n_items)
    self->stick_to_end = TRUE;
  if (!same_case)
    {
      g_free (self->case_id);
      self->case_id = g_strdup (kase->id);
    }
  self->n_items = n_items;
  if (self->stick_to_end)
    jump_to_end (self);
}
