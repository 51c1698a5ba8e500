/* rd-timeline-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-format.h"
#include "rd-timeline-row.h"

struct _RdTimelineRow
{
  GtkWidget parent_instance;

  GtkWidget *line_label;
  GtkWidget *quote_label;  /* a party's own words, or NULL */
};

G_DEFINE_FINAL_TYPE (RdTimelineRow, rd_timeline_row, GTK_TYPE_WIDGET)

/* --- Helpers shared by the case's widgets ------------------------------------ */

char *
rd_timeline_row_format_actor (RdSession *session,
                              RdParty   *actor,
                              RdRole     role)
{
  RdUser *user = session != NULL ? rd_session_get_user (session) : NULL;

  if (role == RD_ROLE_PLATFORM || actor == NULL || actor->name == NULL)
    return g_strdup (rd_role_label (RD_ROLE_PLATFORM));
  if (user != NULL && g_strcmp0 (actor->id, user->id) == 0)
    /* Translators: the reader, as the author of a message or a step */
    return g_strdup (_("You"));
  return rd_format_isolate (actor->name);
}

static gboolean
is_mine (RdSession *session,
         RdEvent   *event)
{
  RdUser *user = session != NULL ? rd_session_get_user (session) : NULL;

  return user != NULL && event->actor != NULL && event->actor_role != RD_ROLE_PLATFORM &&
         g_strcmp0 (event->actor->id, user->id) == 0;
}

static char *
primary_subtag (const char *lang)
{
  const char *end;

  if (lang == NULL)
    return NULL;
  end = lang + strcspn (lang, "_-.@");
  return g_ascii_strdown (lang, end - lang);
}

const char *
rd_timeline_row_language_name (const char *lang)
{
  static const struct { const char *code; const char *name; } names[] = {
    { "ar", N_("Arabic") },
    { "de", N_("German") },
    { "en", N_("English") },
    { "es", N_("Spanish") },
    { "fr", N_("French") },
    { "it", N_("Italian") },
    { "ja", N_("Japanese") },
    { "ko", N_("Korean") },
    { "nl", N_("Dutch") },
    { "pl", N_("Polish") },
    { "pt", N_("Portuguese") },
    { "ru", N_("Russian") },
    { "tr", N_("Turkish") },
    { "uk", N_("Ukrainian") },
    { "zh", N_("Chinese") },
  };
  g_autofree char *code = primary_subtag (lang);

  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (names[i].code, code) == 0)
      return _(names[i].name);
  return NULL;
}

gboolean
rd_timeline_row_language_differs (const char *lang)
{
  g_autofree char *theirs = primary_subtag (lang);
  g_autofree char *mine = primary_subtag (rd_format_locale ());

  if (theirs == NULL || *theirs == '\0')
    return FALSE;
  return g_strcmp0 (theirs, mine) != 0;
}

void
rd_timeline_row_set_label_direction (GtkLabel *label)
{
  const char *text = gtk_label_get_text (label);
  g_autoptr(PangoLayout) layout = NULL;
  PangoLayoutLine *line;

  gtk_widget_set_direction (GTK_WIDGET (label), GTK_TEXT_DIR_NONE);
  if (text == NULL || *text == '\0')
    return;

  /* Pango resolves the paragraph's direction from its first strong
   * character (auto-dir), falling back to the widget's own. */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (label), text);
  pango_layout_set_auto_dir (layout, TRUE);
  line = pango_layout_get_line_readonly (layout, 0);
  if (line == NULL)
    return;
  switch (pango_layout_line_get_resolved_direction (line))
    {
    case PANGO_DIRECTION_RTL:
    case PANGO_DIRECTION_WEAK_RTL:
      gtk_widget_set_direction (GTK_WIDGET (label), GTK_TEXT_DIR_RTL);
      break;
    case PANGO_DIRECTION_LTR:
    case PANGO_DIRECTION_WEAK_LTR:
      gtk_widget_set_direction (GTK_WIDGET (label), GTK_TEXT_DIR_LTR);
      break;
    case PANGO_DIRECTION_TTB_LTR:
    case PANGO_DIRECTION_TTB_RTL:
    case PANGO_DIRECTION_NEUTRAL:
    default:
      break;
    }
}

/* --- The sentence of each step ------------------------------------------------- */

/* Our sentence about @event: for steps of the reader their own words ("You
 * ..."), so that each language can conjugate; a name otherwise. */
static char *
describe (RdSession *session,
          RdCase    *kase,
          RdEvent   *event)
{
  g_autofree char *who = rd_timeline_row_format_actor (session, event->actor, event->actor_role);
  gboolean mine = is_mine (session, event);
  gboolean platform = event->actor_role == RD_ROLE_PLATFORM || event->actor == NULL;

  switch (event->type)
    {
    case RD_EVENT_TYPE_CREATED:
      if (mine)
        return g_strdup (_("You opened the case"));
      /* Translators: %s is the buyer's name */
      return g_strdup_printf (_("%s opened the case"), who);

    case RD_EVENT_TYPE_MESSAGE:
      if (mine)
        return g_strdup (_("You wrote a message"));
      /* Translators: %s is a person's or shop's name */
      return g_strdup_printf (_("%s wrote a message"), who);

    case RD_EVENT_TYPE_EVIDENCE:
      if (mine)
        return g_strdup (_("You attached a file"));
      /* Translators: %s is a person's or shop's name */
      return g_strdup_printf (_("%s attached a file"), who);

    case RD_EVENT_TYPE_OFFER:
      if (mine)
        return g_strdup (_("You made an offer"));
      /* Translators: %s is a shop's name */
      return g_strdup_printf (_("%s made an offer"), who);

    case RD_EVENT_TYPE_OFFER_ACCEPTED:
      if (mine)
        return g_strdup (_("You accepted the offer"));
      /* Translators: %s is the buyer's name */
      return g_strdup_printf (_("%s accepted the offer"), who);

    case RD_EVENT_TYPE_OFFER_REJECTED:
      if (mine)
        return g_strdup (_("You rejected the offer"));
      /* Translators: %s is the buyer's name */
      return g_strdup_printf (_("%s rejected the offer"), who);

    case RD_EVENT_TYPE_CLAIM_ACCEPTED:
      if (mine)
        return g_strdup (_("You accepted the claim"));
      /* Translators: %s is a shop's name */
      return g_strdup_printf (_("%s accepted the claim"), who);

    case RD_EVENT_TYPE_ESCALATED:
      if (platform)
        /* Translators: %s is "Redress platform" */
        return g_strdup_printf (_("%s sent the case to an agent for review"), who);
      if (mine)
        return g_strdup (_("You asked the platform to decide"));
      /* Translators: %s is a person's or shop's name */
      return g_strdup_printf (_("%s asked the platform to decide"), who);

    case RD_EVENT_TYPE_DEADLINE_MISSED:
      {
        g_autofree char *platform_name = rd_timeline_row_format_actor (session, NULL, RD_ROLE_PLATFORM);

        /* Translators: %s is "Redress platform", which noticed it */
        return g_strdup_printf (_("%s: the time to answer ran out"), platform_name);
      }

    case RD_EVENT_TYPE_RETURN_SHIPPED:
      {
        g_autofree char *carrier = rd_format_isolate (event->carrier ? event->carrier : "");
        g_autofree char *tracking = rd_format_isolate (event->tracking ? event->tracking : "");

        if (mine)
          /* Translators: "You sent the item back with DHL, tracking number JJD0123" */
          return g_strdup_printf (_("You sent the item back with %s, tracking number %s"), carrier, tracking);
        /* Translators: "Ana sent the item back with DHL, tracking number JJD0123" */
        return g_strdup_printf (_("%s sent the item back with %s, tracking number %s"), who, carrier, tracking);
      }

    case RD_EVENT_TYPE_RETURN_RECEIVED:
      if (mine)
        return g_strdup (_("You confirmed that the return arrived"));
      /* Translators: %s is a shop's name */
      return g_strdup_printf (_("%s confirmed that the return arrived"), who);

    case RD_EVENT_TYPE_RULED:
      {
        RdDecision decision = event->has_decision ? event->decision : RD_DECISION_BUYER;

        if (decision == RD_DECISION_SPLIT && event->amount != NULL)
          {
            g_autofree char *amount = rd_format_money (event->amount);

            if (mine)
              /* Translators: %s is an amount */
              return g_strdup_printf (_("You decided on a split: %s for the buyer"), amount);
            /* Translators: "Mia decided on a split: €10.00 for the buyer" */
            return g_strdup_printf (_("%s decided on a split: %s for the buyer"), who, amount);
          }
        if (mine)
          /* Translators: "You decided: In the buyer's favour" */
          return g_strdup_printf (_("You decided: %s"), rd_decision_label (decision));
        /* Translators: "Mia decided: In the buyer's favour" */
        return g_strdup_printf (_("%s decided: %s"), who, rd_decision_label (decision));
      }

    case RD_EVENT_TYPE_WITHDRAWN:
      if (mine)
        return g_strdup (_("You withdrew the case"));
      /* Translators: %s is the buyer's name */
      return g_strdup_printf (_("%s withdrew the case"), who);

    case RD_EVENT_TYPE_RESOLVED:
      {
        const char *outcome = event->has_outcome ? rd_resolution_outcome_label (event->outcome)
                                                 : rd_status_label (RD_STATUS_RESOLVED);

        if (event->amount != NULL)
          {
            g_autofree char *amount = rd_format_money (event->amount);

            /* Translators: "Case closed: Partially refunded, €10.00" */
            return g_strdup_printf (_("Case closed: %s, %s"), outcome, amount);
          }
        /* Translators: "Case closed: Refunded" */
        return g_strdup_printf (_("Case closed: %s"), outcome);
      }

    case RD_EVENT_TYPE_RATED:
      if (mine)
        return g_strdup_printf (ngettext ("You rated the outcome %u star out of 5",
                                             "You rated the outcome %u stars out of 5", event->stars),
                                event->stars);
      /* Translators: "Ana rated the outcome 4 stars out of 5" */
      return g_strdup_printf (ngettext ("%s rated the outcome %u star out of 5",
                                           "%s rated the outcome %u stars out of 5", event->stars),
                              who, event->stars);

    default:
      return g_strdup (rd_event_type_label (event->type));
    }
}

/* The party's own words that come with a step, shown as they are. */
static const char *
quote_of (RdEvent *event)
{
  switch (event->type)
    {
    case RD_EVENT_TYPE_OFFER_REJECTED:
    case RD_EVENT_TYPE_ESCALATED:
    case RD_EVENT_TYPE_DEADLINE_MISSED:
      return event->reason;
    case RD_EVENT_TYPE_RULED:
      return event->note;
    case RD_EVENT_TYPE_RATED:
      return event->comment;
    default:
      return NULL;
    }
}

/* --- The widget ------------------------------------------------------------------ */

static void
rd_timeline_row_dispose (GObject *object)
{
  RdTimelineRow *self = RD_TIMELINE_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->line_label = NULL;
  self->quote_label = NULL;

  G_OBJECT_CLASS (rd_timeline_row_parent_class)->dispose (object);
}

static void
rd_timeline_row_class_init (RdTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_timeline_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rd-timeline-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rd_timeline_row_init (RdTimelineRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self), "rd-event-line");

  self->line_label = g_object_new (GTK_TYPE_LABEL,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   "justify", GTK_JUSTIFY_CENTER,
                                   "max-width-chars", 70,
                                   "selectable", FALSE,
                                   NULL);
  gtk_widget_add_css_class (self->line_label, "dim-label");
  gtk_widget_add_css_class (self->line_label, "caption");
  gtk_widget_set_parent (self->line_label, GTK_WIDGET (self));
}

static void
set_line (RdTimelineRow *self,
          const char    *sentence,
          GDateTime     *at)
{
  if (at != NULL)
    {
      g_autofree char *when = rd_format_date_time (at);
      /* Translators: a step of a case and when it happened: "You withdrew the case · Tue 3 March, 14:00" */
      g_autofree char *line = g_strdup_printf (C_("timeline", "%s · %s"), sentence, when);

      gtk_label_set_text (GTK_LABEL (self->line_label), line);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->line_label), sentence);
}

GtkWidget *
rd_timeline_row_new (RdSession *session,
                     RdCase    *kase,
                     RdEvent   *event)
{
  RdTimelineRow *self;
  g_autofree char *sentence = NULL;
  const char *quote;

  g_return_val_if_fail (RD_IS_EVENT (event), NULL);

  self = g_object_new (RD_TYPE_TIMELINE_ROW, NULL);
  sentence = describe (session, kase, event);
  set_line (self, sentence, event->at);

  quote = quote_of (event);
  if (quote != NULL && *quote != '\0')
    {
      /* A party's words: plain text in a paragraph of its own, so that
       * their direction cannot reorder ours. */
      self->quote_label = g_object_new (GTK_TYPE_LABEL,
                                        "wrap", TRUE,
                                        "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                        "max-width-chars", 70,
                                        "selectable", TRUE,
                                        "use-markup", FALSE,
                                        NULL);
      gtk_label_set_text (GTK_LABEL (self->quote_label), quote);
      rd_timeline_row_set_label_direction (GTK_LABEL (self->quote_label));
      gtk_widget_add_css_class (self->quote_label, "rd-quote");
      gtk_widget_set_parent (self->quote_label, GTK_WIDGET (self));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (GTK_LABEL (self->line_label)),
                                  -1);
  return GTK_WIDGET (self);
}

GtkWidget *
rd_timeline_row_new_for_text (const char *text)
{
  RdTimelineRow *self = g_object_new (RD_TYPE_TIMELINE_ROW, NULL);

  set_line (self, text, NULL);
  return GTK_WIDGET (self);
}

const char *
rd_timeline_row_get_text (RdTimelineRow *self)
{
  g_return_val_if_fail (RD_IS_TIMELINE_ROW (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->line_label));
}
