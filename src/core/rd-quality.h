/* rd-quality.h — a seller's dispute figures over the last 12 months
 *
 * The quality page's numbers, computed from the cases in the store so that
 * the page works offline.  A report is immutable once computed; it holds
 * the figures, the labels of its charts (translated at compute time) and
 * their plain-text summaries for screen readers, and writes the table
 * behind the charts as CSV.
 *
 * The window: the 12 calendar months ending with the month of @now, in
 * @now's time zone — from 00:00 on the first day of the month eleven months
 * before @now's month up to @now itself, both included.  Every figure is
 * over the cases created inside the window, so every chart adds up to the
 * same number of cases; a case created after @now (a clock running ahead)
 * is left out.
 *
 * Scope: a report covers exactly the cases it is given.  The store holds
 * only what the user may see, so for a seller it is their own shop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-case.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_QUALITY_REPORT (rd_quality_report_get_type ())

G_DECLARE_FINAL_TYPE (RdQualityReport, rd_quality_report, RD, QUALITY_REPORT, GObject)

/* The number of calendar months in the window and in the trend. */
#define RD_QUALITY_MONTHS 12

/* The bar charts of a report.  Each is a list of bars with a label and a
 * count, in the order they are drawn:
 *   BY_PRODUCT          one bar per product (the item's title, as the
 *                       seller wrote it), most disputes first, then by title;
 *                       only products with disputes;
 *   BY_REASON           one bar per RdReason in enum order, zeros included;
 *   TREND               one bar per calendar month, oldest first, 12 bars;
 *   OUTCOMES            one bar per RdResolutionOutcome in enum order, zeros
 *                       included: how every ended case ended;
 *   ESCALATED_OUTCOMES  the same for the cases that went to the platform. */
typedef enum
{
  RD_QUALITY_CHART_BY_PRODUCT,
  RD_QUALITY_CHART_BY_REASON,
  RD_QUALITY_CHART_TREND,
  RD_QUALITY_CHART_OUTCOMES,
  RD_QUALITY_CHART_ESCALATED_OUTCOMES,
} RdQualityChart;
#define RD_QUALITY_CHART_N_VALUES 5

/* Computes a report over @cases (element-type RdCase, each with its whole
 * timeline) as of @now.  Pure: reads nothing but its arguments.  Fails with
 * RD_ERROR_INVALID_DATA for a case without a creation time. */
RdQualityReport *rd_quality_report_compute        (GPtrArray        *cases,
                                                   GDateTime        *now,
                                                   GError          **error);
/* The same over every case in @store: lists the cases, then reads the
 * timeline of each one created inside the window.  Synchronous; it reads
 * one row per case in the window. */
RdQualityReport *rd_quality_report_from_store     (RdStore          *store,
                                                   GDateTime        *now,
                                                   GError          **error);

/* --- The window ----------------------------------------------------------- */

/* Its first instant, in @now's time zone. */
GDateTime  *rd_quality_report_get_window_start    (RdQualityReport  *self);
/* @now. */
GDateTime  *rd_quality_report_get_window_end      (RdQualityReport  *self);
/* The cases created inside the window: the sum of the bars of BY_PRODUCT,
 * BY_REASON and TREND alike. */
guint       rd_quality_report_get_n_cases         (RdQualityReport  *self);

/* --- Charts --------------------------------------------------------------- */

guint       rd_quality_report_get_n_bars          (RdQualityReport  *self,
                                                   RdQualityChart    chart);
/* The bar's full label: the translated label of a reason or outcome, a
 * product's title as it is, a month as "March 2026".  For a tooltip and
 * for accessibility. */
const char *rd_quality_report_get_bar_label       (RdQualityReport  *self,
                                                   RdQualityChart    chart,
                                                   guint             bar);
/* A label short enough for an axis: "Mar" for a month; the full label for
 * every other chart. */
const char *rd_quality_report_get_bar_short_label (RdQualityReport  *self,
                                                   RdQualityChart    chart,
                                                   guint             bar);
/* The bar's machine key, as in the CSV: a reason's or outcome's wire word,
 * "2026-03" for a month, NULL for a product (a product has none). */
const char *rd_quality_report_get_bar_key         (RdQualityReport  *self,
                                                   RdQualityChart    chart,
                                                   guint             bar);
guint       rd_quality_report_get_bar_value       (RdQualityReport  *self,
                                                   RdQualityChart    chart,
                                                   guint             bar);
/* The largest value of @chart (0 for an empty one), to scale the bars. */
guint       rd_quality_report_get_max_value       (RdQualityReport  *self,
                                                   RdQualityChart    chart);
/* The calendar month of a TREND bar, in @now's time zone (month 1..12). */
void        rd_quality_report_get_trend_month     (RdQualityReport  *self,
                                                   guint             bar,
                                                   int              *year,
                                                   int              *month);

/* --- First response ------------------------------------------------------- */

/* A case's first response is the earliest event on its timeline whose
 * actor acts as the seller (actor role `seller`), of whatever type: a
 * message, evidence, an offer, accepting the claim, escalating, confirming
 * a return.  Its response time runs from the case's `created_at` to that
 * event's `at` (0 should the event be stamped earlier).  Events of the
 * platform, the buyer or an agent never count, so a case that the seller
 * never answered — still waiting, withdrawn, escalated by a missed
 * deadline — has no response time: it is left out of the median and
 * counted as unanswered instead. */
guint       rd_quality_report_get_n_answered      (RdQualityReport  *self);
guint       rd_quality_report_get_n_unanswered    (RdQualityReport  *self);
/* The median response time over the answered cases (for an even number,
 * the mean of the two middle ones).  FALSE, and *@median untouched, when no
 * case was answered. */
gboolean    rd_quality_report_get_median_first_response (RdQualityReport *self,
                                                         GTimeSpan       *median);

/* --- Escalation and outcomes ---------------------------------------------- */

/* Cases with an `escalated` event: that went to the platform. */
guint       rd_quality_report_get_n_escalated     (RdQualityReport  *self);
/* n_escalated / n_cases, 0 when there are no cases. */
double      rd_quality_report_get_escalated_share (RdQualityReport  *self);
/* Escalated cases not ended yet (the rest are the ESCALATED_OUTCOMES bars). */
guint       rd_quality_report_get_n_escalated_open (RdQualityReport *self);
/* Cases that ended (with a resolution): the sum of the OUTCOMES bars. */
guint       rd_quality_report_get_n_resolved      (RdQualityReport  *self);

/* --- Text ----------------------------------------------------------------- */

/* Translated plain-text summaries of the charts for screen readers, e.g.
 * "Most disputes concern “Car phone holder” (5 of 12). …".  Never markup. */
char       *rd_quality_report_summary_by_product  (RdQualityReport  *self);
char       *rd_quality_report_summary_by_reason   (RdQualityReport  *self);
char       *rd_quality_report_summary_trend       (RdQualityReport  *self);
char       *rd_quality_report_summary_outcomes    (RdQualityReport  *self);
char       *rd_quality_report_summary_escalation  (RdQualityReport  *self);
/* The summary of any chart: one of the above. */
char       *rd_quality_report_get_summary         (RdQualityReport  *self,
                                                   RdQualityChart    chart);
/* "The median time to a first answer from the seller is 12 hours 30
 * minutes. …", with the unanswered cases. */
char       *rd_quality_report_summary_first_response (RdQualityReport *self);

/* The median first response as a person reads it ("12 hours 30 minutes"),
 * or a translated "No answers yet". */
char       *rd_quality_report_format_median_first_response (RdQualityReport *self);
/* The escalated share as a rounded percentage ("25%"). */
char       *rd_quality_report_format_escalated_share (RdQualityReport *self);

/* "45 minutes", "12 hours 30 minutes", "3 days 4 hours": the two largest
 * units, rounded to the minute. */
char       *rd_quality_format_duration            (GTimeSpan         span);

/* --- CSV ------------------------------------------------------------------ */

/* The table behind the charts, RFC 4180: CRLF line ends; a field holding a
 * comma, a double quote, CR or LF is quoted with its quotes doubled; a field
 * beginning with =, +, -, @, TAB or CR gets a leading apostrophe so that a
 * spreadsheet never runs it as a formula.  One header row
 * "section,key,label,value", then:
 *   window,start|end,,RFC 3339 time (UTC)
 *   metric,cases,,N
 *   by_product,,TITLE,N                 (in chart order)
 *   by_reason,WIRE,LABEL,N              (all reasons)
 *   trend,YYYY-MM,,N                    (oldest first)
 *   metric,answered|unanswered,,N
 *   metric,median_first_response_hours,,H   (up to 2 decimals; empty if none)
 *   metric,escalated,,N
 *   metric,escalated_share,,S               (0..1, up to 4 decimals)
 *   metric,escalated_open,,N
 *   escalated_outcome,WIRE,LABEL,N      (all outcomes)
 *   metric,resolved,,N
 *   outcome,WIRE,LABEL,N                (all outcomes)
 * Sections, keys and numbers are machine words (never translated, "." as
 * the decimal point); labels are translated. */
char       *rd_quality_report_to_csv              (RdQualityReport  *self);

/* One CSV field as above (quoted and guarded as needed), for whoever
 * writes more CSV. */
void        rd_quality_csv_append_field           (GString          *out,
                                                   const char       *field);

G_END_DECLS
