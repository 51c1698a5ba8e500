/* rd-case-row.c
 *
 * A row says where a case stands in four glances: the product, the order
 * and the other party, the status, and the time left in words (red inside
 * a day, but the words come first).  A dot marks news since the case was
 * last opened; a case filed offline says it has not been sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unicode/uloc.h>

#include "rd-case-row.h"
#include "rd-format.h"

struct _RdCaseRow
{
  GtkWidget  parent_instance;

  char      *case_id;
  gboolean   has_news;

  /* Template children */
  GtkWidget *grid;
  GtkWidget *news_dot;
  GtkLabel  *product_label;
  GtkLabel  *countdown_label;
  GtkLabel  *detail_label;
  GtkLabel  *status_label;
  GtkLabel  *extra_label;
  GtkWidget *unsent_label;
};

G_DEFINE_FINAL_TYPE (RdCaseRow, rd_case_row, GTK_TYPE_WIDGET)

/* The name of @lang ("zh", "de-AT") in the language the user reads, by ICU. */
static char *
language_name (const char *lang)
{
  g_autofree char *locale = NULL;
  UChar name[128];
  UErrorCode status = U_ZERO_ERROR;
  int32_t len;

  if (lang == NULL || *lang == '\0')
    return NULL;

  locale = g_strdelimit (g_strdup (lang), "-", '_');
  len = uloc_getDisplayLanguage (locale, rd_format_locale (), name, G_N_ELEMENTS (name), &status);
  if (U_FAILURE (status) || len <= 0 || len >= (int32_t) G_N_ELEMENTS (name))
    return g_strdup (lang);

  return g_utf16_to_utf8 ((const gunichar2 *) name, len, NULL, NULL, NULL);
}

/* A mark of the UI's direction, so that a line made of isolated parts
 * (which have no direction of their own) reads in the UI's order. */
static const char *
direction_mark (void)
{
  /* U+200F RIGHT-TO-LEFT MARK, U+200E LEFT-TO-RIGHT MARK */
  return gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL ? "\xe2\x80\x8f" : "\xe2\x80\x8e";
}

static char *
counterpart (RdCase *kase,
             RdRole  viewer)
{
  const char *buyer = kase->buyer != NULL ? kase->buyer->name : NULL;
  const char *seller = kase->seller != NULL ? kase->seller->name : NULL;

  switch (viewer)
    {
    case RD_ROLE_BUYER:
      return g_strdup (seller);

    case RD_ROLE_SELLER:
      return g_strdup (buyer);

    case RD_ROLE_AGENT:
    case RD_ROLE_PLATFORM:
    default:
      if (buyer == NULL || seller == NULL)
        return g_strdup (buyer != NULL ? buyer : seller);
      else
        {
          g_autofree char *b = rd_format_isolate (buyer);
          g_autofree char *s = rd_format_isolate (seller);

          /* Translators: the two parties of a case in an agent's list: the
           * buyer, then the seller */
          return g_strdup_printf (C_("case row", "%s and %s"), b, s);
        }
    }
}

static void
rd_case_row_dispose (GObject *object)
{
  RdCaseRow *self = RD_CASE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CASE_ROW);

  G_OBJECT_CLASS (rd_case_row_parent_class)->dispose (object);
}

static void
rd_case_row_finalize (GObject *object)
{
  RdCaseRow *self = RD_CASE_ROW (object);

  g_clear_pointer (&self->case_id, g_free);

  G_OBJECT_CLASS (rd_case_row_parent_class)->finalize (object);
}

static void
rd_case_row_class_init (RdCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_case_row_dispose;
  object_class->finalize = rd_case_row_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, grid);
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, news_dot);
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, product_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, extra_label);
  gtk_widget_class_bind_template_child (widget_class, RdCaseRow, unsent_label);
}

static void
rd_case_row_init (RdCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_case_row_new (void)
{
  return g_object_new (RD_TYPE_CASE_ROW, NULL);
}

void
rd_case_row_set_case (RdCaseRow  *self,
                      RdCase     *kase,
                      RdRole      viewer,
                      GDateTime  *now,
                      gboolean    has_news,
                      const char *snippet)
{
  g_autofree char *order = NULL;
  g_autofree char *other = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *countdown = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *extra = NULL;
  gboolean urgent = FALSE;
  const char *status;

  g_return_if_fail (RD_IS_CASE_ROW (self));
  g_return_if_fail (kase == NULL || RD_IS_CASE (kase));

  g_free (self->case_id);
  self->case_id = kase != NULL ? g_strdup (kase->id) : NULL;
  self->has_news = kase != NULL && has_news;
  /* Hidden but still laid out, so that the titles line up. */
  gtk_widget_set_child_visible (self->news_dot, self->has_news);

  if (kase == NULL || kase->id == NULL)
    {
      gtk_label_set_text (self->product_label, "");
      gtk_label_set_text (self->detail_label, "");
      gtk_label_set_text (self->status_label, "");
      gtk_label_set_text (self->countdown_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->extra_label), FALSE);
      gtk_widget_set_visible (self->unsent_label, FALSE);
      return;
    }

  /* Names and titles come from the network: text, never markup. */
  gtk_label_set_text (self->product_label, kase->item != NULL ? kase->item->title : "");

  order = rd_format_isolate (kase->order_number);
  other = counterpart (kase, viewer);
  if (other != NULL)
    {
      g_autofree char *isolated = rd_format_isolate (other);
      g_autofree char *line = NULL;

      /* Translators: the second line of a case in the list: the order
       * number, then the other party ("ORD-1001 · Kai's Gadgets") */
      line = g_strdup_printf (C_("case row", "%s · %s"), order, isolated);
      detail = g_strconcat (direction_mark (), line, NULL);
    }
  else
    detail = g_strconcat (direction_mark (), order, NULL);
  /* Made of isolated parts only: the line takes the direction of the UI. */
  gtk_label_set_text (self->detail_label, detail);

  if (kase->status == RD_STATUS_RESOLVED && kase->resolution != NULL)
    status = rd_resolution_outcome_label (kase->resolution->outcome);
  else if ((kase->status == RD_STATUS_AWAITING_SELLER && viewer == RD_ROLE_SELLER) ||
           (kase->status == RD_STATUS_AWAITING_BUYER && viewer == RD_ROLE_BUYER))
    /* Translators: a case's status in the list when it is the reader's turn */
    status = _("Needs your response");
  else
    status = rd_status_label (kase->status);
  gtk_label_set_text (self->status_label, status);

  if (kase->respond_by != NULL && kase->status != RD_STATUS_RESOLVED && now != NULL)
    {
      countdown = rd_format_countdown (kase->respond_by, now, &urgent);
      sentence = rd_format_deadline_sentence (kase, viewer, now);
    }
  gtk_label_set_text (self->countdown_label, countdown != NULL ? countdown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), countdown != NULL);
  if (urgent)
    gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_label), "error");
  /* What happens when the time runs out, for whoever hovers or asks. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->countdown_label), sentence);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), sentence);
  if (sentence != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->countdown_label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sentence,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->countdown_label),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  if (snippet != NULL && *snippet != '\0')
    extra = g_strdup (snippet);
  else if (viewer == RD_ROLE_SELLER && kase->lang != NULL && *kase->lang != '\0')
    {
      g_autofree char *name = language_name (kase->lang);

      /* Translators: in a seller's list, the language the buyer wrote in */
      extra = g_strdup_printf (_("Writes in %s"), name);
    }
  gtk_label_set_text (self->extra_label, extra != NULL ? extra : "");
  gtk_widget_set_visible (GTK_WIDGET (self->extra_label), extra != NULL);

  /* Version 0: filed here, not yet on the platform. */
  gtk_widget_set_visible (self->unsent_label, kase->version == 0);
}

const char *
rd_case_row_get_case_id (RdCaseRow *self)
{
  g_return_val_if_fail (RD_IS_CASE_ROW (self), NULL);

  return self->case_id;
}

gboolean
rd_case_row_get_has_news (RdCaseRow *self)
{
  g_return_val_if_fail (RD_IS_CASE_ROW (self), FALSE);

  return self->has_news;
}
