/* test-new-dispute.c — the buyer's new-dispute assistant against the demo
 * platform: orders outside every window are shown dimmed with the reason,
 * each reason says until when it can be filed, an over-long description, a
 * refused file and a partial refund above the price are explained and stop
 * the assistant, and a dispute filed online and another filed offline both
 * reach the platform.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-format.h"
#include "rd-gui-test-util.h"
#include "rd-new-dispute-dialog.h"
#include "rd-policy.h"

static RdSession *ana_session;
static char *tmpdir;

/* --- Finding things on screen ------------------------------------------------- */

/* A mapped label whose text starts with @prefix. */
static GtkWidget *
find_mapped_label_prefix (GtkWidget  *root,
                          const char *prefix)
{
  g_autoptr(GPtrArray) labels = rd_gui_test_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (label) &&
          g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), prefix))
        return label;
    }
  return NULL;
}

/* Every label text in @row, one per line. */
static char *
row_text (GtkWidget *row)
{
  g_autoptr(GPtrArray) labels = rd_gui_test_all (row, GTK_TYPE_LABEL);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      g_string_append (out, gtk_label_get_text (g_ptr_array_index (labels, i)));
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkStack *
dialog_stack (GtkWidget *dialog)
{
  return rd_gui_test_first (dialog, GTK_TYPE_STACK);
}

static const char *
visible_page (GtkWidget *dialog)
{
  return gtk_stack_get_visible_child_name (dialog_stack (dialog));
}

static GtkWidget *
page_widget (GtkWidget  *dialog,
             const char *name)
{
  return gtk_stack_get_child_by_name (dialog_stack (dialog), name);
}

/* The rows of the page @name whose labels contain @text. */
static GtkWidget *
find_row (GtkWidget  *dialog,
          const char *page,
          const char *text)
{
  g_autoptr(GPtrArray) rows = rd_gui_test_all (page_widget (dialog, page), GTK_TYPE_LIST_BOX_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *texts = row_text (g_ptr_array_index (rows, i));

      if (strstr (texts, text) != NULL)
        return g_ptr_array_index (rows, i);
    }
  return NULL;
}

/* A row whose first label (its title) reads exactly @title. */
static GtkWidget *
find_row_by_title (GtkWidget  *dialog,
                   const char *page,
                   const char *title)
{
  g_autoptr(GPtrArray) rows = rd_gui_test_all (page_widget (dialog, page), GTK_TYPE_LIST_BOX_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *label = rd_gui_test_first (g_ptr_array_index (rows, i), GTK_TYPE_LABEL);

      if (label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), title) == 0)
        return g_ptr_array_index (rows, i);
    }
  return NULL;
}

static void
choose (GtkWidget *row)
{
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_sensitive (row));
  gtk_widget_activate (row);
}

static gboolean
next_enabled (GtkWidget *dialog)
{
  return gtk_widget_is_sensitive (rd_gui_test_find_button_labelled (dialog, "_Next"));
}

static void
next (GtkWidget  *dialog,
      const char *expected_page)
{
  g_assert_true (next_enabled (dialog));
  gtk_widget_activate_action (dialog, "dispute.next", NULL);
  g_assert_cmpstr (visible_page (dialog), ==, expected_page);
}

static GtkEventController *
find_controller (GtkWidget *root,
                 GType      type)
{
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();

  g_ptr_array_add (widgets, root);
  rd_gui_test_collect (root, GTK_TYPE_WIDGET, widgets);
  for (guint i = 0; i < widgets->len; i++)
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (g_ptr_array_index (widgets, i));

      for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);

          if (g_type_is_a (G_OBJECT_TYPE (controller), type))
            return controller;
        }
    }
  return NULL;
}

/* Drops @files on the assistant, as a file manager would. */
static void
drop_files (GtkWidget *dialog,
            GFile     *file,
            gboolean   as_list)
{
  GtkEventController *target = find_controller (dialog, GTK_TYPE_DROP_TARGET);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_assert_nonnull (target);
  if (as_list)
    {
      GSList *list = g_slist_append (NULL, file);

      g_value_init (&value, GDK_TYPE_FILE_LIST);
      g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
      g_slist_free (list);
    }
  else
    {
      g_value_init (&value, G_TYPE_FILE);
      g_value_set_object (&value, file);
    }
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);
}

/* Presses Enter as the keyboard would deliver it to the assistant. */
static gboolean
press_enter (GtkWidget *dialog)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (dialog);
  gboolean handled = FALSE;

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Return, 36, 0, &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
}

static void
set_description (GtkWidget  *dialog,
                 const char *text)
{
  GtkTextView *view = rd_gui_test_first (page_widget (dialog, "details"), GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

/* The message under the amount (it slides in, so it need not be on
 * screen yet). */
static gboolean
amount_message_starts (GtkWidget  *dialog,
                       const char *prefix)
{
  GtkRevealer *revealer = rd_gui_test_first (page_widget (dialog, "outcome"), GTK_TYPE_REVEALER);
  g_autoptr(GPtrArray) labels = rd_gui_test_all (GTK_WIDGET (revealer), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (labels, i)) &&
        g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i)), prefix))
      return TRUE;
  return FALSE;
}

static void
set_amount (GtkWidget  *dialog,
            const char *text)
{
  AdwEntryRow *row = rd_gui_test_first (page_widget (dialog, "outcome"), ADW_TYPE_ENTRY_ROW);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* --- The demo's data ------------------------------------------------------------ */

static GHashTable *
open_items (RdStore *store)
{
  g_autoptr(GPtrArray) cases = rd_store_list_all_cases (store, NULL);
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < cases->len; i++)
    {
      RdCase *kase = g_ptr_array_index (cases, i);

      if (kase->status != RD_STATUS_RESOLVED)
        g_hash_table_add (out, g_strconcat (kase->order_id, "\n", kase->item->sku, NULL));
    }
  return out;
}

typedef struct
{
  RdOrder *order;
  RdOrderItem *item;
  RdReason reason;
} Fileable;

/* The first order item without an open case, and a reason open for it. */
static gboolean
find_fileable (RdStore  *store,
               Fileable *out)
{
  g_autoptr(GPtrArray) orders = rd_store_list_orders (store, NULL);
  g_autoptr(GHashTable) taken = open_items (store);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < orders->len; i++)
    {
      RdOrder *order = g_ptr_array_index (orders, i);

      for (guint j = 0; j < order->items->len; j++)
        {
          RdOrderItem *item = g_ptr_array_index (order->items, j);
          g_autofree char *key = g_strconcat (order->id, "\n", item->sku, NULL);

          if (g_hash_table_contains (taken, key))
            continue;
          for (int r = 0; r < RD_REASON_N_VALUES; r++)
            if (rd_policy_can_file (order, r, now))
              {
                out->order = g_object_ref (order);
                out->item = g_object_ref (item);
                out->reason = r;
                return TRUE;
              }
        }
    }
  return FALSE;
}

static void
fileable_clear (Fileable *f)
{
  g_clear_object (&f->order);
  g_clear_object (&f->item);
}

/* The date a window's last day reads as, from its exclusive end. */
static char *
last_day (GDateTime *closes)
{
  g_autoptr(GDateTime) last = g_date_time_add_seconds (closes, -1);
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (last),
                                                     g_date_time_get_month (last),
                                                     g_date_time_get_day_of_month (last), 12, 0, 0);

  return rd_format_date (noon);
}

static char *
write_temp_file (const char   *name,
                 const guint8 *data,
                 gsize         len)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, (const char *) data, len, &error));
  g_assert_no_error (error);
  return path;
}

static char *
write_png (const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 16);
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* --- Windows ---------------------------------------------------------------------- */

/* The main window stands in for RdWindow: a toast overlay around its content. */
static GtkWindow *
parent_window_new (void)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *overlay = adw_toast_overlay_new ();

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), gtk_label_new ("Cases"));
  adw_window_set_content (ADW_WINDOW (window), overlay);
  gtk_window_set_default_size (window, 900, 700);
  gtk_window_present (window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

static GtkWidget *
open_dialog (GtkWindow *parent,
             RdSession *session)
{
  GtkWidget *dialog = rd_new_dispute_dialog_new (parent, session);

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == parent);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  gtk_window_present (GTK_WINDOW (dialog));
  rd_gui_test_wait_shown (dialog);
  g_assert_cmpstr (visible_page (dialog), ==, "order");
  return dialog;
}

/* --- Tests ---------------------------------------------------------------------------- */

static void
test_orders_explained (void)
{
  RdStore *store = rd_session_get_store (ana_session);
  g_autoptr(GPtrArray) orders = rd_store_list_orders (store, NULL);
  g_autoptr(GHashTable) taken = open_items (store);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkWindow *parent = parent_window_new ();
  GtkWidget *dialog = open_dialog (parent, ana_session);
  guint closed = 0, not_shipped = 0, all_taken = 0, open = 0;

  g_assert_cmpuint (orders->len, >, 0);
  /* Each choice is named for a screen reader, the reason it is closed too. */
  {
    RdOrder *order = g_ptr_array_index (orders, 0);
    GtkWidget *row = find_row (dialog, "order", order->number);

    gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, order->seller->name);
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  }
  /* Nothing chosen, nothing to go on with. */
  g_assert_false (next_enabled (dialog));
  g_assert_false (press_enter (dialog));

  for (guint i = 0; i < orders->len; i++)
    {
      RdOrder *order = g_ptr_array_index (orders, i);
      GtkWidget *row = find_row (dialog, "order", order->number);
      g_autofree char *text = NULL;
      gboolean any_free = FALSE;

      /* Every order is shown, including those that cannot be disputed. */
      g_assert_nonnull (row);
      text = row_text (row);
      g_assert_nonnull (strstr (text, order->seller->name));
      g_assert_nonnull (strstr (text, ((RdOrderItem *) g_ptr_array_index (order->items, 0))->title));

      for (guint j = 0; j < order->items->len; j++)
        {
          g_autofree char *key = g_strconcat (order->id, "\n",
                                              ((RdOrderItem *) g_ptr_array_index (order->items, j))->sku, NULL);

          any_free = any_free || !g_hash_table_contains (taken, key);
        }

      if (!rd_policy_order_can_file (order, now))
        {
          /* Dimmed, not selectable, and the reason in words. */
          g_assert_false (gtk_widget_is_sensitive (row));
          if (order->shipped_at == NULL)
            {
              g_assert_nonnull (strstr (text, "once the order has shipped"));
              not_shipped++;
            }
          else
            {
              g_autoptr(GDateTime) opens = NULL;
              g_autoptr(GDateTime) closes = NULL;
              g_autofree char *date = NULL;
              g_autofree char *sentence = NULL;

              /* The longest window of the demo's orders is the warranty. */
              g_assert_true (rd_policy_filing_window (order, RD_REASON_DEFECTIVE, &opens, &closes));
              date = last_day (closes);
              sentence = g_strdup_printf ("The warranty ended on %s.", date);
              g_assert_nonnull (strstr (text, sentence));
              closed++;
            }
        }
      else if (!any_free)
        {
          g_assert_false (gtk_widget_is_sensitive (row));
          g_assert_nonnull (strstr (text, "There is already an open dispute"));
          all_taken++;
        }
      else
        {
          g_assert_true (gtk_widget_is_sensitive (row));
          open++;
        }
    }
  /* The demo has every kind, so each check above ran. */
  g_assert_cmpuint (closed, >, 0);
  g_assert_cmpuint (not_shipped, >, 0);
  g_assert_cmpuint (all_taken, >, 0);
  g_assert_cmpuint (open, >, 0);

  /* Nothing typed: Escape closes at once. */
  gtk_widget_activate_action (dialog, "window.close", NULL);
  WAIT_UNTIL (rd_gui_test_find_window (RD_TYPE_NEW_DISPUTE_DIALOG) == NULL);
  gtk_window_destroy (parent);
}

static void
test_reasons_and_limits (void)
{
  RdStore *store = rd_session_get_store (ana_session);
  g_autoptr(GPtrArray) orders = rd_store_list_orders (store, NULL);
  g_autoptr(GHashTable) taken = open_items (store);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  RdConfig *config = rd_session_get_config (ana_session);
  RdOrder *order = NULL;
  RdOrderItem *item = NULL;
  GtkWindow *parent = parent_window_new ();
  GtkWidget *dialog = open_dialog (parent, ana_session);
  g_autofree char *long_text = NULL;
  g_autofree char *count = NULL;
  g_autofree char *too_long = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *png_path = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GFile) png = NULL;
  g_autofree char *too_much = NULL;
  g_autofree char *half = NULL;
  guint n_open = 0, n_closed = 0;
  gint64 total;
  guint exponent;
  AdwMessageDialog *confirm;

  /* An order with some reasons closed and some open. */
  for (guint i = 0; i < orders->len && order == NULL; i++)
    {
      RdOrder *candidate = g_ptr_array_index (orders, i);
      gboolean some_closed = FALSE;

      if (!rd_policy_order_can_file (candidate, now))
        continue;
      for (int r = 0; r < RD_REASON_N_VALUES; r++)
        some_closed = some_closed || !rd_policy_can_file (candidate, r, now);
      for (guint j = 0; j < candidate->items->len && some_closed; j++)
        {
          RdOrderItem *candidate_item = g_ptr_array_index (candidate->items, j);
          g_autofree char *key = g_strconcat (candidate->id, "\n", candidate_item->sku, NULL);

          if (!g_hash_table_contains (taken, key))
            {
              order = candidate;
              item = candidate_item;
              break;
            }
        }
    }
  g_assert_nonnull (order);

  choose (find_row (dialog, "order", order->number));
  g_assert_true (next_enabled (dialog));
  /* Enter goes on, as Next would. */
  g_assert_true (press_enter (dialog));
  g_assert_cmpstr (visible_page (dialog), ==, "problem");

  /* Each reason tells whether and until when it can be filed. */
  for (int r = 0; r < RD_REASON_N_VALUES; r++)
    {
      GtkWidget *row = find_row_by_title (dialog, "problem", rd_reason_label (r));
      g_autoptr(GDateTime) opens = NULL;
      g_autoptr(GDateTime) closes = NULL;
      g_autofree char *text = NULL;
      g_autofree char *date = NULL;
      g_autofree char *sentence = NULL;

      g_assert_nonnull (row);
      text = row_text (row);
      g_assert_true (rd_policy_filing_window (order, r, &opens, &closes));
      date = last_day (closes);
      if (rd_policy_can_file (order, r, now))
        {
          sentence = g_strdup_printf ("You can report this until %s", date);
          g_assert_true (gtk_widget_is_sensitive (row));
          n_open++;
        }
      else
        {
          sentence = g_strdup_printf ("Closed on %s", date);
          g_assert_false (gtk_widget_is_sensitive (row));
          n_closed++;
        }
      g_assert_nonnull (strstr (text, sentence));
    }
  g_assert_cmpuint (n_open, >, 0);
  g_assert_cmpuint (n_closed, >, 0);

  /* The item, if the order has several, then an open reason. */
  if (order->items->len > 1)
    choose (find_row_by_title (dialog, "problem", item->title));
  for (int r = 0; r < RD_REASON_N_VALUES; r++)
    if (rd_policy_can_file (order, r, now))
      {
        choose (find_row_by_title (dialog, "problem", rd_reason_label (r)));
        break;
      }
  next (dialog, "details");

  /* An empty description does not go on; an over-long one says why. */
  g_assert_false (next_enabled (dialog));
  long_text = g_strnfill (config->text_max_chars + 1, 'a');
  set_description (dialog, long_text);
  g_assert_false (next_enabled (dialog));
  g_assert_false (press_enter (dialog));
  too_long = g_strdup_printf ("This is 1 character too long: the seller can read at most %u.",
                              config->text_max_chars);
  g_assert_nonnull (rd_gui_test_find_mapped_label (dialog, too_long));
  count = g_strdup_printf ("%u / %u", config->text_max_chars + 1, config->text_max_chars);
  g_assert_nonnull (rd_gui_test_find_mapped_label (dialog, count));
  set_description (dialog, "The phone holder snapped at the clip after two weeks.");
  g_assert_true (next_enabled (dialog));

  /* A text file named like a photo is refused at once, with the reason. */
  bad_path = write_temp_file ("notes.png", (const guint8 *) "not a picture\n", 14);
  bad = g_file_new_for_path (bad_path);
  drop_files (dialog, bad, FALSE);
  g_assert_nonnull (rd_gui_test_find_mapped_label (dialog,
                                       "“notes.png” was not added: Only photos (JPEG or PNG) and PDF documents can be attached."));
  g_assert_null (rd_gui_test_find_button_labelled (page_widget (dialog, "details"), "Remove notes.png"));
  g_assert_null (find_row (dialog, "details", "notes.png"));

  /* A real photo is taken, and listed with a way to remove it. */
  png_path = write_png ("clip.png");
  png = g_file_new_for_path (png_path);
  drop_files (dialog, png, TRUE);
  g_assert_nonnull (find_row (dialog, "details", "clip.png"));
  {
    g_autoptr(GPtrArray) buttons = rd_gui_test_all (find_row (dialog, "details", "clip.png"), GTK_TYPE_BUTTON);
    GtkWidget *remove = NULL;

    g_assert_cmpuint (buttons->len, ==, 1);
    remove = g_ptr_array_index (buttons, 0);
    /* An icon button a screen reader can name. */
    gtk_test_accessible_assert_property (remove, GTK_ACCESSIBLE_PROPERTY_LABEL, "Remove clip.png");
    g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, "Remove");
  }
  g_assert_null (find_mapped_label_prefix (dialog, "“notes.png” was not added"));
  next (dialog, "outcome");

  /* A partial refund is bounded by what the item cost. */
  g_assert_false (next_enabled (dialog));
  choose (find_row_by_title (dialog, "outcome", rd_outcome_type_label (RD_OUTCOME_TYPE_PARTIAL_REFUND)));
  g_assert_false (next_enabled (dialog));
  total = item->unit_price->amount * item->quantity;
  exponent = rd_currency_exponent (item->unit_price->currency);
  g_assert_cmpuint (exponent, ==, 2);
  too_much = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", (total + 1) / 100, (int) ((total + 1) % 100));
  /* The amount slides in under the choice. */
  g_assert_true (gtk_revealer_get_reveal_child (rd_gui_test_first (page_widget (dialog, "outcome"),
                                                                 GTK_TYPE_REVEALER)));
  set_amount (dialog, too_much);
  g_assert_false (next_enabled (dialog));
  g_assert_true (amount_message_starts (dialog, "You can ask for at most "));
  set_amount (dialog, "0");
  g_assert_false (next_enabled (dialog));
  g_assert_true (amount_message_starts (dialog, "The amount must be more than zero."));
  set_amount (dialog, "twelve");
  g_assert_false (next_enabled (dialog));
  g_assert_true (amount_message_starts (dialog, "This is not an amount."));
  half = g_strdup_printf ("%" G_GINT64_FORMAT ",%02d", (total / 2) / 100, (int) ((total / 2) % 100));
  set_amount (dialog, half);
  g_assert_true (next_enabled (dialog));
  next (dialog, "review");

  /* Everything in one place. */
  g_assert_nonnull (rd_gui_test_find_mapped_label (dialog, item->title));
  g_assert_nonnull (rd_gui_test_find_mapped_label (dialog, "The phone holder snapped at the clip after two weeks."));
  g_assert_nonnull (rd_gui_test_find_mapped_label (dialog, "clip.png"));
  g_assert_true (gtk_widget_is_sensitive (rd_gui_test_find_button_labelled (dialog, "_Submit")));

  /* Back keeps the answers. */
  gtk_widget_activate_action (dialog, "dispute.back", NULL);
  g_assert_cmpstr (visible_page (dialog), ==, "outcome");
  g_assert_true (next_enabled (dialog));

  /* Something was typed: closing asks first, and Keep Editing keeps it. */
  gtk_widget_activate_action (dialog, "window.close", NULL);
  WAIT_UNTIL ((confirm = rd_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_true (gtk_widget_get_mapped (dialog));
  gtk_widget_activate (rd_gui_test_find_button_labelled (GTK_WIDGET (confirm), "_Keep Editing"));
  WAIT_UNTIL (rd_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  g_assert_true (gtk_widget_get_mapped (dialog));

  gtk_widget_activate_action (dialog, "window.close", NULL);
  WAIT_UNTIL ((confirm = rd_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  gtk_widget_activate (rd_gui_test_find_button_labelled (GTK_WIDGET (confirm), "_Discard"));
  WAIT_UNTIL (rd_gui_test_find_window (RD_TYPE_NEW_DISPUTE_DIALOG) == NULL);

  gtk_window_destroy (parent);
}

static void
on_filed (RdNewDisputeDialog *dialog,
          const char         *case_id,
          char              **out)
{
  *out = g_strdup (case_id);
}

/* Goes through every page for @f and submits; returns the new case's id. */
static char *
file_through_dialog (GtkWindow  *parent,
                     RdSession  *session,
                     Fileable   *f,
                     const char *description,
                     GFile      *photo)
{
  GtkWidget *dialog = open_dialog (parent, session);
  char *case_id = NULL;

  g_signal_connect (dialog, "filed", G_CALLBACK (on_filed), &case_id);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  choose (find_row (dialog, "order", f->order->number));
  next (dialog, "problem");
  if (f->order->items->len > 1)
    choose (find_row_by_title (dialog, "problem", f->item->title));
  choose (find_row_by_title (dialog, "problem", rd_reason_label (f->reason)));
  next (dialog, "details");
  set_description (dialog, description);
  if (photo != NULL)
    drop_files (dialog, photo, TRUE);
  next (dialog, "outcome");
  choose (find_row_by_title (dialog, "outcome", rd_outcome_type_label (RD_OUTCOME_TYPE_FULL_REFUND)));
  next (dialog, "review");

  gtk_widget_activate_action (dialog, "dispute.submit", NULL);

  /* Filed, and the assistant is gone. */
  g_assert_nonnull (case_id);
  g_assert_null (dialog);
  return case_id;
}

static void
test_file_online (void)
{
  RdStore *store = rd_session_get_store (ana_session);
  GtkWindow *parent = parent_window_new ();
  g_autofree char *png_path = write_png ("broken.png");
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) local = NULL;
  g_autoptr(RdCase) remote = NULL;
  g_autoptr(RdApi) api = NULL;
  g_autofree char *case_id = NULL;
  Fileable f = { 0 };

  g_assert_true (find_fileable (store, &f));
  g_assert_true (rd_session_get_state (ana_session) == RD_SESSION_STATE_ONLINE ||
                 rd_session_get_state (ana_session) == RD_SESSION_STATE_SYNCING);

  case_id = file_through_dialog (parent, ana_session, &f, "It stopped charging after a week.", png);

  /* Shown at once, and said so on the main window. */
  local = rd_store_get_case (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (local->item->sku, ==, f.item->sku);
  WAIT_UNTIL (rd_gui_test_find_mapped_label (GTK_WIDGET (parent), "Your dispute was sent") != NULL);
  g_clear_object (&local);

  /* After a sync the platform has it, with the photo. */
  rd_gui_test_sync (ana_session);
  local = rd_store_get_case (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (local->version, >=, 1);

  api = rd_test_login (rd_session_get_url (ana_session), "ana", "demo", &error);
  g_assert_no_error (error);
  remote = rd_test_get_case (api, case_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (remote);
  g_assert_cmpstr (remote->order_id, ==, f.order->id);
  g_assert_cmpstr (remote->item->sku, ==, f.item->sku);
  g_assert_cmpint (remote->reason, ==, f.reason);
  g_assert_cmpint (remote->requested_type, ==, RD_OUTCOME_TYPE_FULL_REFUND);
  g_assert_cmpstr (remote->description, ==, "It stopped charging after a week.");
  g_assert_cmpstr (remote->lang, ==, "en");
  g_assert_cmpuint (remote->evidence->len, ==, 1);
  g_assert_cmpstr (((RdEvidence *) g_ptr_array_index (remote->evidence, 0))->filename, ==, "broken.png");

  fileable_clear (&f);
  gtk_window_destroy (parent);
}

static void
test_file_offline (void)
{
  RdStore *store = rd_session_get_store (ana_session);
  g_autoptr(RdSession) offline = rd_session_new_offline (store, rd_session_get_user (ana_session));
  GtkWindow *parent = parent_window_new ();
  g_autoptr(GAsyncResult) tried = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) local = NULL;
  g_autoptr(RdCase) remote = NULL;
  g_autoptr(RdApi) api = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *case_id = NULL;
  Fileable f = { 0 };
  gboolean queued = FALSE;

  /* The offline session tried its platform and found none. */
  rd_sync_set_backoff (rd_session_get_sync (offline), 60000, 60000);
  tried = RD_TEST_AWAIT (rd_sync_run_async (rd_session_get_sync (offline), NULL, RD_TEST_CB));
  g_assert_false (rd_sync_run_finish (rd_session_get_sync (offline), tried, &error));
  g_clear_error (&error);
  g_assert_cmpint (rd_session_get_state (offline), !=, RD_SESSION_STATE_ONLINE);
  g_assert_cmpint (rd_session_get_state (offline), !=, RD_SESSION_STATE_SYNCING);

  g_assert_true (find_fileable (store, &f));
  case_id = file_through_dialog (parent, offline, &f, "Never arrived, says the tracking.", NULL);

  /* At once: the case is in the store as provisional, its filing queued. */
  local = rd_store_get_case (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (local->version, ==, 0);
  outbox = rd_store_outbox_list (store, case_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outbox->len; i++)
    {
      RdOutboxEntry *entry = g_ptr_array_index (outbox, i);

      if (entry->kind == RD_OUTBOX_KIND_CASE && g_strcmp0 (entry->id, case_id) == 0)
        queued = entry->state == RD_OUTBOX_PENDING;
    }
  g_assert_true (queued);
  WAIT_UNTIL (rd_gui_test_find_mapped_label (GTK_WIDGET (parent), "Saved — it will be sent when you are online") != NULL);

  api = rd_test_login (rd_session_get_url (ana_session), "ana", "demo", &error);
  g_assert_no_error (error);
  remote = rd_test_get_case (api, case_id, &error);
  g_assert_null (remote);
  g_clear_error (&error);

  /* Back online: a session on the same store sends it. */
  rd_gui_test_sync (ana_session);
  remote = rd_test_get_case (api, case_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (remote);
  g_assert_cmpstr (remote->item->sku, ==, f.item->sku);
  g_assert_cmpstr (remote->description, ==, "Never arrived, says the tracking.");
  g_clear_object (&local);
  local = rd_store_get_case (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (local->version, >=, 1);

  fileable_clear (&f);
  gtk_window_destroy (parent);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Never the user's data, cache or keyring. */
  tmpdir = rd_gui_test_setup_environment ("test-new-dispute");

  /* GTK's test accessibility backend keeps what a screen reader would read. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!rd_gui_test_init (&argc, &argv))
    return g_test_run ();

  /* Ana, with her orders synced from the demo platform. */
  ana_session = rd_gui_test_start_demo ("ana");
  rd_gui_test_sync (ana_session);

  g_test_add_func ("/new-dispute/orders-explained", test_orders_explained);
  g_test_add_func ("/new-dispute/reasons-and-limits", test_reasons_and_limits);
  g_test_add_func ("/new-dispute/file-online", test_file_online);
  g_test_add_func ("/new-dispute/file-offline", test_file_offline);

  status = g_test_run ();

  g_clear_object (&ana_session);
  rd_session_stop_demo ();
  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
