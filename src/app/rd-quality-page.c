/* rd-quality-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-bar-chart.h"
#include "rd-error.h"
#include "rd-quality.h"
#include "rd-quality-page.h"

/* How long a burst of changed cases (a sync page) settles before the
 * figures are computed again. */
#define RECOMPUTE_DELAY_MS 500

struct _RdQualityPage
{
  AdwBin parent_instance;

  RdSession *session;
  RdStore *store;
  gulong case_changed_id;
  RdQualityReport *report;
  guint recompute_source;
  guint compute_serial;  /* the latest computation asked for */
  GCancellable *cancellable;
  GtkFileChooserNative *chooser;

  /* Template children */
  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkLabel *period_label;
  GtkLabel *median_label;
  GtkLabel *median_detail;
  GtkLabel *escalation_label;
  GtkLabel *escalation_detail;
  RdBarChart *product_chart;
  GtkLabel *product_summary;
  RdBarChart *reason_chart;
  GtkLabel *reason_summary;
  RdBarChart *trend_chart;
  GtkLabel *trend_summary;
  RdBarChart *outcomes_chart;
  GtkLabel *outcomes_summary;
  RdBarChart *escalated_chart;
  GtkLabel *escalated_summary;
};

G_DEFINE_FINAL_TYPE (RdQualityPage, rd_quality_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (RdQualityPage *self,
            const char    *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static void
fill_chart (RdQualityPage  *self,
            RdBarChart     *chart,
            GtkLabel       *summary_label,
            RdQualityChart  which)
{
  g_autofree char *summary = rd_quality_report_get_summary (self->report, which);
  guint n = rd_quality_report_get_n_bars (self->report, which);

  rd_bar_chart_remove_all (chart);
  for (guint i = 0; i < n; i++)
    rd_bar_chart_append (chart,
                         rd_quality_report_get_bar_short_label (self->report, which, i),
                         rd_quality_report_get_bar_label (self->report, which, i),
                         rd_quality_report_get_bar_value (self->report, which, i));
  rd_bar_chart_set_summary (chart, summary);
  gtk_label_set_text (summary_label, summary);
}

/* Under the median: how many answers it is taken over. */
static char *
first_response_detail (RdQualityReport *report)
{
  guint answered = rd_quality_report_get_n_answered (report);
  guint unanswered = rd_quality_report_get_n_unanswered (report);
  g_autofree char *over = NULL;

  if (answered == 0)
    return rd_quality_report_summary_first_response (report);

  over = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Over %u answered dispute",
                                       "Over %u answered disputes", answered),
                          answered);
  if (unanswered == 0)
    return g_steal_pointer (&over);

  return g_strdup_printf (/* Translators: "Over 6 answered disputes · 2 not answered yet" */
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s · %u not answered yet",
                                       "%s · %u not answered yet", unanswered),
                          over, unanswered);
}

static void
show_report (RdQualityPage *self)
{
  RdQualityReport *report = self->report;
  guint n_cases = report ? rd_quality_report_get_n_cases (report) : 0;
  g_autofree char *period = NULL;
  g_autofree char *median = NULL;
  g_autofree char *median_detail = NULL;
  g_autofree char *share = NULL;
  g_autofree char *share_detail = NULL;
  guint last;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quality.export-csv", report != NULL);

  if (n_cases == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Disputes in the Last 12 Months"));
      adw_status_page_set_description (self->empty_page,
                                       _("When buyers report problems with what you sold, the figures appear here."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  last = rd_quality_report_get_n_bars (report, RD_QUALITY_CHART_TREND) - 1;
  period = g_strdup_printf (/* Translators: the period of the quality figures and the
                             * number of disputes in it, as in
                             * "March 2025 to February 2026 · 12 disputes" */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%s to %s · %u dispute",
                                         "%s to %s · %u disputes", n_cases),
                            rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_TREND, 0),
                            rd_quality_report_get_bar_label (report, RD_QUALITY_CHART_TREND, last),
                            n_cases);
  gtk_label_set_text (self->period_label, period);

  median = rd_quality_report_format_median_first_response (report);
  median_detail = first_response_detail (report);
  gtk_label_set_text (self->median_label, median);
  gtk_label_set_text (self->median_detail, median_detail);

  share = rd_quality_report_format_escalated_share (report);
  share_detail = g_strdup_printf (/* Translators: under the escalation rate, as in
                                   * "3 of 12 disputes went to the platform" */
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u of %u dispute went to the platform",
                                               "%u of %u disputes went to the platform",
                                               n_cases),
                                  rd_quality_report_get_n_escalated (report), n_cases);
  gtk_label_set_text (self->escalation_label, share);
  gtk_label_set_text (self->escalation_detail, share_detail);

  fill_chart (self, self->product_chart, self->product_summary, RD_QUALITY_CHART_BY_PRODUCT);
  fill_chart (self, self->reason_chart, self->reason_summary, RD_QUALITY_CHART_BY_REASON);
  fill_chart (self, self->trend_chart, self->trend_summary, RD_QUALITY_CHART_TREND);
  fill_chart (self, self->outcomes_chart, self->outcomes_summary, RD_QUALITY_CHART_OUTCOMES);
  fill_chart (self, self->escalated_chart, self->escalated_summary,
              RD_QUALITY_CHART_ESCALATED_OUTCOMES);

  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
show_computed (RdQualityPage   *self,
               RdQualityReport *report,
               const GError    *error)
{
  g_set_object (&self->report, report);
  show_report (self);
  if (error != NULL)
    {
      /* The store could not be read: say so instead of "no disputes". */
      adw_status_page_set_title (self->empty_page, _("Could Not Compute the Figures"));
      adw_status_page_set_description (self->empty_page, error->message);
    }
}

typedef struct
{
  char      *path;
  GDateTime *now;
  guint      serial;
} Computation;

static void
computation_free (Computation *c)
{
  g_free (c->path);
  g_date_time_unref (c->now);
  g_free (c);
}

/* Reads every case of the last twelve months with its timeline: thousands
 * of rows for a busy shop, so it runs in a thread, on a connection of its
 * own (WAL lets it read while sync writes). */
static void
compute_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  Computation *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdStore) store = rd_store_open (c->path, &error);
  RdQualityReport *report = NULL;

  if (store != NULL)
    report = rd_quality_report_from_store (store, c->now, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, g_object_unref);
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RdQualityPage *self = RD_QUALITY_PAGE (source);
  Computation *c = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(RdQualityReport) report = g_task_propagate_pointer (G_TASK (result), &error);

  /* A later computation (or another account) has taken over. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || c->serial != self->compute_serial)
    return;
  show_computed (self, report, error);
}

static void
recompute (RdQualityPage *self)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *path;

  g_clear_handle_id (&self->recompute_source, g_source_remove);
  self->compute_serial++;

  if (self->session == NULL)
    {
      show_computed (self, NULL, NULL);
      return;
    }

  /* Calendar months as the seller lives them: in the local time zone. */
  utc = rd_session_now (self->session);
  now = g_date_time_to_local (utc);
  path = rd_store_get_path (self->store);

  if (path == NULL || g_str_equal (path, ":memory:"))
    {
      /* A private in-memory store cannot be opened twice: read it here. */
      g_autoptr(GError) error = NULL;
      g_autoptr(RdQualityReport) report = rd_quality_report_from_store (self->store, now, &error);

      show_computed (self, report, error);
    }
  else
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_computed_cb, NULL);
      Computation *c = g_new0 (Computation, 1);

      c->path = g_strdup (path);
      c->now = g_date_time_ref (now);
      c->serial = self->compute_serial;
      g_task_set_source_tag (task, recompute);
      g_task_set_task_data (task, c, (GDestroyNotify) computation_free);
      /* The figures on screen stay until the new ones are ready. */
      g_task_run_in_thread (task, compute_in_thread);
    }
}

static gboolean
on_recompute_timeout_cb (gpointer user_data)
{
  RdQualityPage *self = user_data;

  self->recompute_source = 0;
  recompute (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_case_changed_cb (RdStore       *store,
                          const char    *case_id,
                          RdQualityPage *self)
{
  /* A page nobody sees is computed again when it is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->recompute_source == 0)
    self->recompute_source = g_timeout_add (RECOMPUTE_DELAY_MS, on_recompute_timeout_cb, self);
}

static void
on_csv_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RdQualityPage *self = RD_QUALITY_PAGE (source);
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  AdwMessageDialog *dialog;

  if (rd_quality_page_write_csv_finish (self, result, &error))
    {
      show_toast (self, _("Figures exported"));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Could Not Export the Figures"),
                                                       NULL));
  adw_message_dialog_set_body (dialog, error->message);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        RdQualityPage   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file != NULL)
    rd_quality_page_write_csv_async (self, file, self->cancellable, on_csv_written_cb, NULL);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdQualityPage *self = RD_QUALITY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;

  if (self->report == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Figures"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (filter, _("CSV tables"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  now = g_date_time_new_now_local ();
  date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the suggested file name of the exported figures; %s is
   * today's date as 2026-03-31.  Keep it a valid file name. */
  name = g_strdup_printf (_("dispute-figures-%s.csv"), date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
rd_quality_page_dispose (GObject *object)
{
  RdQualityPage *self = RD_QUALITY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  rd_quality_page_set_session (self, NULL);
  g_clear_handle_id (&self->recompute_source, g_source_remove);
  g_clear_object (&self->report);
  g_clear_object (&self->cancellable);

  /* AdwBin unparents its child itself: let go of it before the template
   * does, so that it is not unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_QUALITY_PAGE);

  G_OBJECT_CLASS (rd_quality_page_parent_class)->dispose (object);
}

static void
rd_quality_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RdQualityPage *self = RD_QUALITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_quality_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RdQualityPage *self = RD_QUALITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rd_quality_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_quality_page_map (GtkWidget *widget)
{
  RdQualityPage *self = RD_QUALITY_PAGE (widget);

  GTK_WIDGET_CLASS (rd_quality_page_parent_class)->map (widget);

  /* Shown again: the month may have turned, or cases changed meanwhile. */
  recompute (self);
}

static void
rd_quality_page_class_init (RdQualityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_quality_page_dispose;
  object_class->get_property = rd_quality_page_get_property;
  object_class->set_property = rd_quality_page_set_property;

  widget_class->map = rd_quality_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/redress/Redress/rd-quality-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, median_label);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, median_detail);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, escalation_label);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, escalation_detail);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, product_chart);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, product_summary);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, reason_chart);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, reason_summary);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, trend_summary);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, outcomes_chart);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, outcomes_summary);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, escalated_chart);
  gtk_widget_class_bind_template_child (widget_class, RdQualityPage, escalated_summary);

  gtk_widget_class_install_action (widget_class, "quality.export-csv", NULL, export_csv_action);
}

static void
rd_quality_page_init (RdQualityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  /* No account yet: the empty page, not the spinner. */
  show_report (self);
}

GtkWidget *
rd_quality_page_new (void)
{
  return g_object_new (RD_TYPE_QUALITY_PAGE, NULL);
}

RdSession *
rd_quality_page_get_session (RdQualityPage *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_PAGE (self), NULL);
  return self->session;
}

void
rd_quality_page_set_session (RdQualityPage *self,
                             RdSession     *session)
{
  g_return_if_fail (RD_IS_QUALITY_PAGE (self));
  g_return_if_fail (session == NULL || RD_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->case_changed_id, self->store);
  g_clear_object (&self->store);
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      self->store = g_object_ref (rd_session_get_store (session));
      self->case_changed_id = g_signal_connect (self->store, "case-changed",
                                                G_CALLBACK (on_store_case_changed_cb), self);
    }

  /* Never show one account's figures to the next, not even while the new
   * ones are being computed. */
  g_clear_object (&self->report);
  show_report (self);
  if (session != NULL)
    gtk_stack_set_visible_child_name (self->stack, "computing");
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    recompute (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

RdQualityReport *
rd_quality_page_get_report (RdQualityPage *self)
{
  g_return_val_if_fail (RD_IS_QUALITY_PAGE (self), NULL);
  return self->report;
}

static void
on_contents_replaced_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rd_quality_page_write_csv_async (RdQualityPage       *self,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *csv;

  g_return_if_fail (RD_IS_QUALITY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_quality_page_write_csv_async);

  if (self->report == NULL)
    {
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_INVALID_DATA,
                               _("There are no figures to export."));
      return;
    }

  csv = rd_quality_report_to_csv (self->report);
  bytes = g_bytes_new_take (csv, strlen (csv));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_contents_replaced_cb, g_steal_pointer (&task));
}

gboolean
rd_quality_page_write_csv_finish (RdQualityPage  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (RD_IS_QUALITY_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_quality_page_write_csv_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
