/* rd-quality.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rd-codec.h"
#include "rd-error.h"
#include "rd-format.h"
#include "rd-quality.h"

typedef struct
{
  char  *key;          /* machine key, NULL for a product */
  char  *label;
  char  *short_label;  /* NULL: the same as label */
  guint  value;
  int    year;         /* TREND only */
  int    month;
} Bar;

struct _RdQualityReport
{
  GObject    parent_instance;

  GDateTime *start;
  GDateTime *end;
  guint      n_cases;
  guint      n_answered;
  guint      n_unanswered;
  gboolean   has_median;
  GTimeSpan  median;
  guint      n_escalated;
  guint      n_escalated_open;
  guint      n_resolved;
  GArray    *bars[RD_QUALITY_CHART_N_VALUES];  /* Bar */
};

G_DEFINE_FINAL_TYPE (RdQualityReport, rd_quality_report, G_TYPE_OBJECT)

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_clear_pointer (&bar->key, g_free);
  g_clear_pointer (&bar->label, g_free);
  g_clear_pointer (&bar->short_label, g_free);
}

static void
rd_quality_report_finalize (GObject *object)
{
  RdQualityReport *self = (RdQualityReport *) object;

  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  for (guint i = 0; i < RD_QUALITY_CHART_N_VALUES; i++)
    g_clear_pointer (&self->bars[i], g_array_unref);

  G_OBJECT_CLASS (rd_quality_report_parent_class)->finalize (object);
}

static void
rd_quality_report_class_init (RdQualityReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_quality_report_finalize;
}

static void
rd_quality_report_init (RdQualityReport *self)
{
  for (guint i = 0; i < RD_QUALITY_CHART_N_VALUES; i++)
    {
      self->bars[i] = g_array_new (FALSE, TRUE, sizeof (Bar));
      g_array_set_clear_func (self->bars[i], bar_clear);
    }
}

static Bar *
add_bar (RdQualityReport *self,
         RdQualityChart   chart,
         const char      *key,
         const char      *label,
         guint            value)
{
  Bar bar = { 0, };

  bar.key = g_strdup (key);
  bar.label = g_strdup (label);
  bar.value = value;
  g_array_append_val (self->bars[chart], bar);
  return &g_array_index (self->bars[chart], Bar, self->bars[chart]->len - 1);
}

/* ------------------------------------------------------------------------ */
/* Computing                                                                */

/* How a case ended, from its resolution, else from its last `resolved`
 * event; FALSE while it is open. */
static gboolean
case_outcome (RdCase              *kase,
              RdResolutionOutcome *outcome)
{
  if (kase->resolution != NULL)
    {
      *outcome = kase->resolution->outcome;
      return TRUE;
    }
  for (guint i = kase->events->len; i > 0; i--)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i - 1);

      if (event->type == RD_EVENT_TYPE_RESOLVED && event->has_outcome)
        {
          *outcome = event->outcome;
          return TRUE;
        }
    }
  return FALSE;
}

/* The earliest event acting as the seller (see rd-quality.h), or NULL. */
static GDateTime *
case_first_response (RdCase *kase)
{
  GDateTime *first = NULL;

  for (guint i = 0; i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);

      if (event->actor_role != RD_ROLE_SELLER || event->at == NULL)
        continue;
      if (first == NULL || g_date_time_compare (event->at, first) < 0)
        first = event->at;
    }
  return first;
}

static gboolean
case_escalated (RdCase *kase)
{
  for (guint i = 0; i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);

      if (event->type == RD_EVENT_TYPE_ESCALATED)
        return TRUE;
    }
  return FALSE;
}

static int
compare_span (gconstpointer a,
              gconstpointer b)
{
  GTimeSpan x = *(const GTimeSpan *) a;
  GTimeSpan y = *(const GTimeSpan *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Most disputes first; then by title as the user's language sorts it, and
 * bytewise between titles that it sorts the same, so the order is total. */
static int
compare_product (gconstpointer a,
                 gconstpointer b)
{
  const Bar *x = a;
  const Bar *y = b;
  int c;

  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  c = g_utf8_collate (x->label, y->label);
  if (c != 0)
    return c;
  return strcmp (x->label, y->label);
}

/* The first instant of the month @months_back months before @now's, in
 * @now's time zone. */
static GDateTime *
month_start (GDateTime *now,
             int        months_back,
             int       *year,
             int       *month)
{
  int y, m;

  g_date_time_get_ymd (now, &y, &m, NULL);
  m -= months_back;
  while (m < 1)
    {
      m += 12;
      y--;
    }
  *year = y;
  *month = m;
  return g_date_time_new (g_date_time_get_timezone (now), y, m, 1, 0, 0, 0);
}

static void
add_trend_bars (RdQualityReport *self,
                const guint     *counts,
                int              start_year,
                int              start_month,
                GTimeZone       *tz)
{
  int y = start_year;
  int m = start_month;

  for (guint i = 0; i < RD_QUALITY_MONTHS; i++)
    {
      /* Noon, so that no daylight-saving change can move it to another day. */
      g_autoptr(GDateTime) mid = g_date_time_new (tz, y, m, 1, 12, 0, 0);
      g_autofree char *key = g_strdup_printf ("%04d-%02d", y, m);
      g_autofree char *label = NULL;
      g_autofree char *short_label = NULL;
      Bar *bar;

      /* Translators: a month on its own, as in "March 2026", in the
       * nominative; see the g_date_time_format() documentation for the
       * codes (%OB is the month name standing alone). */
      label = rd_format_date_time_skeleton (mid, "yLLLL");
      if (label == NULL)
        label = g_date_time_format (mid, C_("month and year", "%OB %Y"));
      /* Translators: a month under a bar of a chart, as in "Mar"; see the
       * g_date_time_format() documentation for the codes. */
      short_label = rd_format_date_time_skeleton (mid, "LLL");
      if (short_label == NULL)
        short_label = g_date_time_format (mid, C_("month on a chart axis", "%Ob"));

      bar = add_bar (self, RD_QUALITY_CHART_TREND, key,
                     label != NULL ? label : key, counts[i]);
      bar->short_label = g_strdup (short_label != NULL ? short_label : key);
      bar->year = y;
      bar->month = m;

      if (++m > 12)
        {
          m = 1;
          y++;
        }
    }
}

RdQualityReport *
rd_quality_report_compute (GPtrArray  *cases,
                           GDateTime  *now,
                           GError    **error)
{
  g_autoptr(RdQualityReport) self = NULL;
  g_autoptr(GHashTable) products = NULL;
  g_autoptr(GArray) spans = NULL;
  guint reasons[RD_REASON_N_VALUES] = { 0, };
  guint months[RD_QUALITY_MONTHS] = { 0, };
  guint outcomes[RD_RESOLUTION_OUTCOME_N_VALUES] = { 0, };
  guint escalated_outcomes[RD_RESOLUTION_OUTCOME_N_VALUES] = { 0, };
  GTimeZone *tz;
  GHashTableIter iter;
  gpointer key, value;
  int start_year, start_month;

  g_return_val_if_fail (cases != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RD_TYPE_QUALITY_REPORT, NULL);
  tz = g_date_time_get_timezone (now);
  self->start = month_start (now, RD_QUALITY_MONTHS - 1, &start_year, &start_month);
  self->end = g_date_time_ref (now);

  products = g_hash_table_new (g_str_hash, g_str_equal);
  spans = g_array_new (FALSE, FALSE, sizeof (GTimeSpan));

  for (guint i = 0; i < cases->len; i++)
    {
      RdCase *kase = g_ptr_array_index (cases, i);
      g_autoptr(GDateTime) local = NULL;
      GDateTime *first;
      RdResolutionOutcome outcome;
      gboolean escalated;
      const char *title;
      int y, m, idx;

      if (kase->created_at == NULL)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID_DATA,
                       /* Translators: %s is a case's identifier */
                       _("The case %s has no creation time."),
                       kase->id != NULL ? kase->id : "?");
          return NULL;
        }
      if (g_date_time_compare (kase->created_at, self->start) < 0
          || g_date_time_compare (kase->created_at, now) > 0)
        continue;

      self->n_cases++;

      /* The title is the product as the seller named it; the key borrows
       * the case's string, which outlives this function's table. */
      title = kase->item != NULL && kase->item->title != NULL ? kase->item->title : "";
      g_hash_table_insert (products, (gpointer) title,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (products, title)) + 1));

      if ((guint) kase->reason < RD_REASON_N_VALUES)
        reasons[kase->reason]++;

      local = g_date_time_to_timezone (kase->created_at, tz);
      g_date_time_get_ymd (local, &y, &m, NULL);
      idx = (y - start_year) * 12 + (m - start_month);
      if (idx >= 0 && idx < RD_QUALITY_MONTHS)
        months[idx]++;

      first = case_first_response (kase);
      if (first != NULL)
        {
          GTimeSpan span = MAX (0, g_date_time_difference (first, kase->created_at));

          g_array_append_val (spans, span);
        }

      escalated = case_escalated (kase);
      if (escalated)
        self->n_escalated++;

      if (case_outcome (kase, &outcome) && (guint) outcome < RD_RESOLUTION_OUTCOME_N_VALUES)
        {
          self->n_resolved++;
          outcomes[outcome]++;
          if (escalated)
            escalated_outcomes[outcome]++;
        }
      else if (escalated)
        {
          self->n_escalated_open++;
        }
    }

  /* First response */
  self->n_answered = spans->len;
  self->n_unanswered = self->n_cases - spans->len;
  if (spans->len > 0)
    {
      guint n = spans->len;

      g_array_sort (spans, compare_span);
      if (n % 2 == 1)
        {
          self->median = g_array_index (spans, GTimeSpan, n / 2);
        }
      else
        {
          GTimeSpan a = g_array_index (spans, GTimeSpan, n / 2 - 1);
          GTimeSpan b = g_array_index (spans, GTimeSpan, n / 2);

          self->median = a + (b - a) / 2;
        }
      self->has_median = TRUE;
    }

  /* By product */
  g_hash_table_iter_init (&iter, products);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *title = key;

      if (*title == '\0')
        /* Translators: stands for a product whose title is empty */
        title = _("Unnamed product");
      add_bar (self, RD_QUALITY_CHART_BY_PRODUCT, NULL, title, GPOINTER_TO_UINT (value));
    }
  g_array_sort (self->bars[RD_QUALITY_CHART_BY_PRODUCT], compare_product);

  /* By reason */
  for (guint r = 0; r < RD_REASON_N_VALUES; r++)
    add_bar (self, RD_QUALITY_CHART_BY_REASON, rd_reason_to_string (r), rd_reason_label (r), reasons[r]);

  /* Trend */
  add_trend_bars (self, months, start_year, start_month, tz);

  /* Outcomes */
  for (guint o = 0; o < RD_RESOLUTION_OUTCOME_N_VALUES; o++)
    {
      add_bar (self, RD_QUALITY_CHART_OUTCOMES, rd_resolution_outcome_to_string (o),
               rd_resolution_outcome_label (o), outcomes[o]);
      add_bar (self, RD_QUALITY_CHART_ESCALATED_OUTCOMES, rd_resolution_outcome_to_string (o),
               rd_resolution_outcome_label (o), escalated_outcomes[o]);
    }

  return g_steal_pointer (&self);
}

RdQualityReport *
rd_quality_report_from_store (RdStore    *store,
                              GDateTime  *now,
                              GError    **error)
{
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GDateTime) start = NULL;
  int y, m;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  listed = rd_store_list_all_cases (store, error);
  if (listed == NULL)
    return NULL;

  start = month_start (now, RD_QUALITY_MONTHS - 1, &y, &m);
  cases = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < listed->len; i++)
    {
      RdCase *summary = g_ptr_array_index (listed, i);
      g_autoptr(GError) local_error = NULL;
      RdCase *kase;

      /* The listed cases carry no timelines: read only those that count. */
      if (summary->created_at != NULL
          && (g_date_time_compare (summary->created_at, start) < 0
              || g_date_time_compare (summary->created_at, now) > 0))
        continue;

      kase = rd_store_get_case (store, summary->id, &local_error);
      if (kase == NULL)
        {
          /* Gone between the two reads (a sync removed it): not an error. */
          if (g_error_matches (local_error, RD_ERROR, RD_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_ptr_array_add (cases, kase);
    }

  return rd_quality_report_compute (cases, now, error);
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                */

GDateTime *
rd_quality_report_get_window_start (RdQualityReport *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);
  return self->start;
}

GDateTime *
rd_quality_report_get_window_end (RdQualityReport *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);
  return self->end;
}

guint
rd_quality_report_get_n_cases (RdQualityReport *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), 0);
  return self->n_cases;
}

static const Bar *
get_bar (RdQualityReport *self,
         RdQualityChart   chart,
         guint            bar)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);
  g_return_val_if_fail ((guint) chart < RD_QUALITY_CHART_N_VALUES, NULL);
  g_return_val_if_fail (bar < self->bars[chart]->len, NULL);
  return &g_array_index (self->bars[chart], Bar, bar);
}

guint
rd_quality_report_get_n_bars (RdQualityReport *self,
                              RdQualityChart   chart)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), 0);
  g_return_val_if_fail ((guint) chart < RD_QUALITY_CHART_N_VALUES, 0);
  return self->bars[chart]->len;
}

const char *
rd_quality_report_get_bar_label (RdQualityReport *self,
                                 RdQualityChart   chart,
                                 guint            bar)
{
  const Bar *b = get_bar (self, chart, bar);

  return b != NULL ? b->label : NULL;
}

const char *
rd_quality_report_get_bar_short_label (RdQualityReport *self,
                                       RdQualityChart   chart,
                                       guint            bar)
{
  const Bar *b = get_bar (self, chart, bar);

  if (b == NULL)
    return NULL;
  return b->short_label != NULL ? b->short_label : b->label;
}

const char *
rd_quality_report_get_bar_key (RdQualityReport *self,
                               RdQualityChart   chart,
                               guint            bar)
{
  const Bar *b = get_bar (self, chart, bar);

  return b != NULL ? b->key : NULL;
}

guint
rd_quality_report_get_bar_value (RdQualityReport *self,
                                 RdQualityChart   chart,
                                 guint            bar)
{
  const Bar *b = get_bar (self, chart, bar);

  return b != NULL ? b->value : 0;
}

guint
rd_quality_report_get_max_value (RdQualityReport *self,
                                 RdQualityChart   chart)
{
  guint max = 0;

  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), 0);
  g_return_val_if_fail ((guint) chart < RD_QUALITY_CHART_N_VALUES, 0);

  for (guint i = 0; i < self->bars[chart]->len; i++)
    max = MAX (max, g_array_index (self->bars[chart], Bar, i).value);
  return max;
}

void
rd_quality_report_get_trend_month (RdQualityReport *self,
                                   guint            bar,
                                   int             *year,
                                   int             *month)
{
  const Bar *b = get_bar (self, RD_QUALITY_CHART_TREND, bar);

  if (year != NULL)
    *year = b != NULL ? b->year : 0;
  if (month != NULL)
    *month = b != NULL ? b->month : 0;
}

guint
rd_quality_report_get_n_answered (RdQualityReport *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), 0);
  return self->n_answered;
}

guint
rd_quality_report_get_n_unanswered (RdQualityReport *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), 0);
  return self->n_unanswered;
}

gboolean
rd_quality_report_get_median_first_response (RdQualityReport *self,
                                             GTimeSpan       *median)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), FALSE);

  if (!self->has_median)
    return FALSE;
  if (median != NULL)
    *median = self->median;
  return TRUE;
}

guint
rd_quality_report_get_n_escalated (RdQualityReport *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), 0);
  return self->n_escalated;
}

double
rd_quality_report_get_escalated_share (RdQualityReport *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), 0.0);

  if (self->n_cases == 0)
    return 0.0;
  return (double) self->n_escalated / (double) self->n_cases;
}

guint
rd_quality_report_get_n_escalated_open (RdQualityReport *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), 0);
  return self->n_escalated_open;
}

guint
rd_quality_report_get_n_resolved (RdQualityReport *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), 0);
  return self->n_resolved;
}

/* ------------------------------------------------------------------------ */
/* Text                                                                     */

static const char *
no_disputes (void)
{
  return _("No disputes in the last 12 months.");
}

/* "“A” (3), “B” (2)" for the bars [@from, @to) of @chart that are not zero,
 * at most @limit of them; NULL when there is none. */
static char *
list_bars (RdQualityReport *self,
           RdQualityChart   chart,
           guint            from,
           guint            to,
           guint            limit)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint listed = 0;

  for (guint i = from; i < to && listed < limit; i++)
    {
      const Bar *b = get_bar (self, chart, i);
      g_autofree char *item = NULL;

      if (b->value == 0)
        continue;
      if (listed > 0)
        /* Translators: between the items of a list in a chart's summary */
        g_string_append (out, C_("chart summary", ", "));
      /* Translators: one item of a list in a chart's summary: a product, a
       * reason or an outcome, then its number of disputes */
      item = g_strdup_printf (C_("chart summary", "“%s” (%u)"), b->label, b->value);
      g_string_append (out, item);
      listed++;
    }
  if (listed == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The summary of a ranked chart (products, reasons): the leader or the tied
 * leaders, then the next two. */
static char *
summary_ranked (RdQualityReport *self,
                RdQualityChart   chart)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) sorted = NULL;
  g_autofree char *next = NULL;
  guint n = self->n_cases;
  guint n_bars = self->bars[chart]->len;
  guint top, n_top = 0, n_nonzero = 0;

  if (n == 0)
    return g_strdup (no_disputes ());

  /* Products are in rank order already; reasons are in enum order, so rank
   * a copy (stable: equal counts keep the enum order). */
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_bars);
  for (guint i = 0; i < n_bars; i++)
    {
      guint j = sorted->len;
      guint value = get_bar (self, chart, i)->value;

      while (j > 0 && get_bar (self, chart, g_array_index (sorted, guint, j - 1))->value < value)
        j--;
      g_array_insert_val (sorted, j, i);
      if (value > 0)
        n_nonzero++;
    }

  top = get_bar (self, chart, g_array_index (sorted, guint, 0))->value;
  for (guint i = 0; i < sorted->len; i++)
    if (get_bar (self, chart, g_array_index (sorted, guint, i))->value == top)
      n_top++;

  if (n_top == 1 && n_nonzero == 1)
    {
      const char *label = get_bar (self, chart, g_array_index (sorted, guint, 0))->label;

      if (chart == RD_QUALITY_CHART_BY_PRODUCT)
        g_string_append_printf (out,
                                /* Translators: %s is a product, %u the number of disputes */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "All disputes concern “%s” (%u).",
                                             "All disputes concern “%s” (%u).", n),
                                label, n);
      else
        g_string_append_printf (out,
                                /* Translators: %s is a reason, %u the number of disputes */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "The only reason given is “%s” (%u dispute).",
                                             "The only reason given is “%s” (%u disputes).", n),
                                label, n);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  if (n_top == 1)
    {
      const char *label = get_bar (self, chart, g_array_index (sorted, guint, 0))->label;

      if (chart == RD_QUALITY_CHART_BY_PRODUCT)
        g_string_append_printf (out,
                                /* Translators: "Most disputes concern “Car phone holder”
                                 * (5 of 12)."; the plural follows the total */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "Most disputes concern “%s” (%u of %u).",
                                             "Most disputes concern “%s” (%u of %u).", n),
                                label, top, n);
      else
        g_string_append_printf (out,
                                /* Translators: "The most common reason is “It arrived
                                 * damaged” (5 of 12)."; the plural follows the total */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "The most common reason is “%s” (%u of %u).",
                                             "The most common reason is “%s” (%u of %u).", n),
                                label, top, n);
    }
  else
    {
      g_autoptr(GString) names = g_string_new (NULL);
      guint shown = MIN (n_top, 3);

      for (guint i = 0; i < shown; i++)
        {
          if (i > 0)
            g_string_append (names, C_("chart summary", ", "));
          /* Translators: a product or reason named in a chart's summary */
          g_string_append_printf (names, C_("chart summary", "“%s”"),
                                  get_bar (self, chart, g_array_index (sorted, guint, i))->label);
        }
      if (n_top > shown)
        g_string_append_printf (names,
                                /* Translators: after a list of names, as in "“A”, “B”,
                                 * “C” and 4 more" */
                                g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                             n_top - shown),
                                n_top - shown);

      if (chart == RD_QUALITY_CHART_BY_PRODUCT && n_top == n_bars)
        g_string_append_printf (out,
                                /* Translators: "Every product has the same number of
                                 * disputes, 2 each: “A”, “B”, “C” and 4 more." */
                                _("Every product has the same number of disputes, %u each: %s."),
                                top, names->str);
      else if (chart == RD_QUALITY_CHART_BY_PRODUCT)
        g_string_append_printf (out,
                                /* Translators: "3 products have the most disputes, 4 each of
                                 * 12: “A”, “B”, “C”."; the plural follows the first number */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u product has the most disputes, %u each of %u: %s.",
                                             "%u products have the most disputes, %u each of %u: %s.",
                                             n_top),
                                n_top, top, n, names->str);
      else
        g_string_append_printf (out,
                                /* Translators: "2 reasons are the most common, 4 each of 12:
                                 * “A”, “B”."; the plural follows the first number */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u reason is the most common, %u each of %u: %s.",
                                             "%u reasons are the most common, %u each of %u: %s.",
                                             n_top),
                                n_top, top, n, names->str);
    }

  /* The next ones after the leaders, in rank order. */
  {
    g_autoptr(GString) rest = g_string_new (NULL);
    guint listed = 0;

    for (guint i = n_top; i < sorted->len && listed < 2; i++)
      {
        const Bar *b = get_bar (self, chart, g_array_index (sorted, guint, i));

        if (b->value == 0)
          break;
        if (listed > 0)
          g_string_append (rest, C_("chart summary", ", "));
        g_string_append_printf (rest, C_("chart summary", "“%s” (%u)"), b->label, b->value);
        listed++;
      }
    if (listed > 0)
      next = g_string_free (g_steal_pointer (&rest), FALSE);
  }
  if (next != NULL)
    {
      g_string_append_c (out, ' ');
      /* Translators: the next items of a chart after its leader, as in
       * "Next: “A” (3), “B” (2)." */
      g_string_append_printf (out, _("Next: %s."), next);
    }

  if (chart == RD_QUALITY_CHART_BY_PRODUCT)
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u product has disputes in all.",
                                           "%u products have disputes in all.", n_bars),
                              n_bars);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
rd_quality_report_summary_by_product (RdQualityReport *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);
  return summary_ranked (self, RD_QUALITY_CHART_BY_PRODUCT);
}

char *
rd_quality_report_summary_by_reason (RdQualityReport *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);
  return summary_ranked (self, RD_QUALITY_CHART_BY_REASON);
}

char *
rd_quality_report_summary_trend (RdQualityReport *self)
{
  g_autoptr(GString) out = NULL;
  GArray *bars;
  const Bar *busiest = NULL;
  const Bar *current;

  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);

  if (self->n_cases == 0)
    return g_strdup (no_disputes ());

  bars = self->bars[RD_QUALITY_CHART_TREND];
  /* The latest of the busiest months: the one that matters more now. */
  for (guint i = 0; i < bars->len; i++)
    {
      const Bar *b = &g_array_index (bars, Bar, i);

      if (busiest == NULL || b->value >= busiest->value)
        busiest = b;
    }
  current = &g_array_index (bars, Bar, bars->len - 1);

  out = g_string_new (NULL);
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u dispute in the last 12 months.",
                                       "%u disputes in the last 12 months.", self->n_cases),
                          self->n_cases);
  g_string_append_c (out, ' ');
  g_string_append_printf (out,
                          /* Translators: %s is a month, as in "March 2026" */
                          g_dngettext (GETTEXT_PACKAGE,
                                       "The busiest month was %s, with %u dispute.",
                                       "The busiest month was %s, with %u disputes.",
                                       busiest->value),
                          busiest->label, busiest->value);
  if (current != busiest)
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (out,
                              /* Translators: %s is the current month, as in "March 2026" */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s so far: %u dispute.",
                                           "%s so far: %u disputes.", current->value),
                              current->label, current->value);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
rd_quality_report_summary_outcomes (RdQualityReport *self)
{
  g_autofree char *list = NULL;

  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);

  if (self->n_cases == 0)
    return g_strdup (no_disputes ());
  if (self->n_resolved == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "None of the %u dispute has ended yet.",
                                         "None of the %u disputes has ended yet.", self->n_cases),
                            self->n_cases);

  list = list_bars (self, RD_QUALITY_CHART_OUTCOMES, 0, RD_RESOLUTION_OUTCOME_N_VALUES,
                    RD_RESOLUTION_OUTCOME_N_VALUES);
  return g_strdup_printf (/* Translators: "8 of 12 disputes have ended: “Refunded” (5),
                           * “Replaced” (3)."; the plural follows the first number */
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u disputes has ended: %s.",
                                       "%u of %u disputes have ended: %s.", self->n_resolved),
                          self->n_resolved, self->n_cases, list);
}

char *
rd_quality_report_summary_escalation (RdQualityReport *self)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *share = NULL;
  guint ended;

  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);

  if (self->n_cases == 0)
    return g_strdup (no_disputes ());
  if (self->n_escalated == 0)
    return g_strdup (_("No dispute went to the platform."));

  share = rd_quality_report_format_escalated_share (self);
  out = g_string_new (NULL);
  g_string_append_printf (out,
                          /* Translators: "3 of 12 disputes (25%) went to the platform.";
                           * the plural follows the first number */
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u disputes (%s) went to the platform.",
                                       "%u of %u disputes (%s) went to the platform.",
                                       self->n_escalated),
                          self->n_escalated, self->n_cases, share);

  ended = self->n_escalated - self->n_escalated_open;
  if (ended > 0)
    {
      g_autofree char *list = list_bars (self, RD_QUALITY_CHART_ESCALATED_OUTCOMES, 0,
                                         RD_RESOLUTION_OUTCOME_N_VALUES,
                                         RD_RESOLUTION_OUTCOME_N_VALUES);

      g_string_append_c (out, ' ');
      g_string_append_printf (out,
                              /* Translators: "Of these, 2 have ended: “Refunded” (2)." */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Of these, %u has ended: %s.",
                                           "Of these, %u have ended: %s.", ended),
                              ended, list);
    }
  if (self->n_escalated_open > 0)
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u is still open.",
                                           "%u are still open.", self->n_escalated_open),
                              self->n_escalated_open);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
rd_quality_report_get_summary (RdQualityReport *self,
                               RdQualityChart   chart)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);

  switch (chart)
    {
    case RD_QUALITY_CHART_BY_PRODUCT:
      return rd_quality_report_summary_by_product (self);
    case RD_QUALITY_CHART_BY_REASON:
      return rd_quality_report_summary_by_reason (self);
    case RD_QUALITY_CHART_TREND:
      return rd_quality_report_summary_trend (self);
    case RD_QUALITY_CHART_OUTCOMES:
      return rd_quality_report_summary_outcomes (self);
    case RD_QUALITY_CHART_ESCALATED_OUTCOMES:
      return rd_quality_report_summary_escalation (self);
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
rd_quality_report_summary_first_response (RdQualityReport *self)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *duration = NULL;

  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);

  if (self->n_cases == 0)
    return g_strdup (no_disputes ());
  if (!self->has_median)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The seller has not answered the %u dispute yet.",
                                         "The seller has not answered any of the %u disputes yet.",
                                         self->n_cases),
                            self->n_cases);

  duration = rd_quality_format_duration (self->median);
  out = g_string_new (NULL);
  g_string_append_printf (out,
                          /* Translators: %s is a duration, as in "12 hours 30 minutes" */
                          _("The median time to a first answer from the seller is %s."),
                          duration);
  if (self->n_unanswered > 0)
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u dispute without an answer is not counted.",
                                           "%u disputes without an answer are not counted.",
                                           self->n_unanswered),
                              self->n_unanswered);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
rd_quality_report_format_median_first_response (RdQualityReport *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);

  if (!self->has_median)
    /* Translators: in place of the median time to a first answer */
    return g_strdup (_("No answers yet"));
  return rd_quality_format_duration (self->median);
}

char *
rd_quality_report_format_escalated_share (RdQualityReport *self)
{
  guint percent;

  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);

  percent = (guint) (rd_quality_report_get_escalated_share (self) * 100.0 + 0.5);
  /* Translators: a percentage, as in "25%"; write it as your language
   * does ("25 %", "%25") */
  return g_strdup_printf (C_("percentage", "%u%%"), percent);
}

char *
rd_quality_format_duration (GTimeSpan span)
{
  gint64 minutes;
  guint days, hours, mins;
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;

  span = MAX (span, 0);
  minutes = (span + 30 * G_TIME_SPAN_SECOND) / G_TIME_SPAN_MINUTE;

  if (minutes < 1)
    return g_strdup (_("less than a minute"));
  if (minutes < 60)
    {
      mins = (guint) minutes;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", mins), mins);
    }
  if (minutes < 48 * 60)
    {
      hours = (guint) (minutes / 60);
      mins = (guint) (minutes % 60);
      big = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
      if (mins == 0)
        return g_steal_pointer (&big);
      small = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", mins), mins);
      /* Translators: a duration in hours, then minutes, as in "12 hours 30 minutes" */
      return g_strdup_printf (C_("duration", "%s %s"), big, small);
    }

  /* From two days on, to the hour. */
  hours = (guint) ((minutes + 30) / 60);
  days = hours / 24;
  hours %= 24;
  big = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", days), days);
  if (hours == 0)
    return g_steal_pointer (&big);
  small = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
  /* Translators: a duration in days, then hours, as in "3 days 4 hours" */
  return g_strdup_printf (C_("duration", "%s %s"), big, small);
}

/* ------------------------------------------------------------------------ */
/* CSV                                                                      */

void
rd_quality_csv_append_field (GString    *out,
                             const char *field)
{
  g_autoptr(GString) value = NULL;

  g_return_if_fail (out != NULL);

  if (field == NULL || *field == '\0')
    return;

  value = g_string_new (NULL);
  /* A spreadsheet runs a cell that begins like a formula; an apostrophe
   * makes it text (OWASP's advice on CSV injection). */
  if (strchr ("=+-@\t\r", field[0]) != NULL)
    g_string_append_c (value, '\'');
  g_string_append (value, field);

  if (strpbrk (value->str, ",\"\r\n") == NULL)
    {
      g_string_append_len (out, value->str, value->len);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value->str; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_row (GString    *out,
         const char *section,
         const char *key,
         const char *label,
         const char *value)
{
  rd_quality_csv_append_field (out, section);
  g_string_append_c (out, ',');
  rd_quality_csv_append_field (out, key);
  g_string_append_c (out, ',');
  rd_quality_csv_append_field (out, label);
  g_string_append_c (out, ',');
  rd_quality_csv_append_field (out, value);
  g_string_append (out, "\r\n");
}

static void
csv_count (GString    *out,
           const char *section,
           const char *key,
           const char *label,
           guint       value)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%u", value);
  csv_row (out, section, key, label, buf);
}

/* @value with at most @digits decimals, "." as the decimal point, without
 * trailing zeros: 12.5, 0.25, 3. */
static char *
format_decimal (double value,
                guint  digits)
{
  char format[8];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_snprintf (format, sizeof format, "%%.%uf", digits);
  g_ascii_formatd (buf, sizeof buf, format, value);
  if (strchr (buf, '.') != NULL)
    {
      end = buf + strlen (buf) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  return g_strdup (buf);
}

static void
csv_chart (GString         *out,
           RdQualityReport *self,
           RdQualityChart   chart,
           const char      *section,
           gboolean         with_label)
{
  for (guint i = 0; i < self->bars[chart]->len; i++)
    {
      const Bar *b = &g_array_index (self->bars[chart], Bar, i);

      csv_count (out, section, b->key, with_label ? b->label : NULL, b->value);
    }
}

char *
rd_quality_report_to_csv (RdQualityReport *self)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *share = NULL;

  g_return_val_if_fail (RD_IS_QUALITY_REPORT (self), NULL);

  out = g_string_new (NULL);
  csv_row (out, "section", "key", "label", "value");

  start = rd_codec_format_time (self->start);
  end = rd_codec_format_time (self->end);
  csv_row (out, "window", "start", NULL, start);
  csv_row (out, "window", "end", NULL, end);
  csv_count (out, "metric", "cases", NULL, self->n_cases);

  csv_chart (out, self, RD_QUALITY_CHART_BY_PRODUCT, "by_product", TRUE);
  csv_chart (out, self, RD_QUALITY_CHART_BY_REASON, "by_reason", TRUE);
  csv_chart (out, self, RD_QUALITY_CHART_TREND, "trend", FALSE);

  csv_count (out, "metric", "answered", NULL, self->n_answered);
  csv_count (out, "metric", "unanswered", NULL, self->n_unanswered);
  if (self->has_median)
    hours = format_decimal ((double) self->median / (double) G_TIME_SPAN_HOUR, 2);
  csv_row (out, "metric", "median_first_response_hours", NULL, hours);

  csv_count (out, "metric", "escalated", NULL, self->n_escalated);
  share = format_decimal (rd_quality_report_get_escalated_share (self), 4);
  csv_row (out, "metric", "escalated_share", NULL, share);
  csv_count (out, "metric", "escalated_open", NULL, self->n_escalated_open);
  csv_chart (out, self, RD_QUALITY_CHART_ESCALATED_OUTCOMES, "escalated_outcome", TRUE);

  csv_count (out, "metric", "resolved", NULL, self->n_resolved);
  csv_chart (out, self, RD_QUALITY_CHART_OUTCOMES, "outcome", TRUE);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
