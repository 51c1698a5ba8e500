/* rd-new-dispute-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rd-enums.h"
#include "rd-format.h"
#include "rd-new-dispute-dialog.h"
#include "rd-policy.h"

/* The most recent orders offered; older ones are past every window. */
#define MAX_ORDERS 200

typedef enum
{
  PAGE_ORDER,
  PAGE_PROBLEM,
  PAGE_DETAILS,
  PAGE_OUTCOME,
  PAGE_REVIEW,
  N_PAGES
} Page;

static const char * const page_names[N_PAGES] = { "order", "problem", "details", "outcome", "review" };

struct _RdNewDisputeDialog
{
  AdwWindow parent_instance;

  RdSession *session;
  GDateTime *now;
  GPtrArray *orders;          /* element-type RdOrder: newest first */
  GHashTable *open_items;     /* "ORDER_ID\nSKU" of the items with an open case */
  Page page;

  /* The answers so far; the order and item are borrowed from @orders. */
  RdOrder *order;
  RdOrder *problem_built_for;
  RdOrderItem *item;
  int reason;                 /* an RdReason, or -1 */
  int outcome;                /* an RdOutcomeType, or -1 */
  gint64 amount;              /* minor units, valid when amount_ok */
  gboolean amount_ok;
  GPtrArray *files;           /* element-type GFile */

  GtkFileChooserNative *chooser;
  gulong state_handler;
  gboolean closing;

  /* Template children */
  AdwWindowTitle *window_title;
  GtkButton *cancel_button;
  GtkButton *back_button;
  GtkButton *next_button;
  GtkButton *submit_button;
  GtkStack *stack;
  GtkWidget *order_page;
  GtkWidget *details_page;
  GtkListBox *order_list;
  GtkWidget *item_box;
  GtkListBox *item_list;
  GtkWidget *reason_heading;
  GtkListBox *reason_list;
  GtkTextView *description_view;
  GtkLabel *description_message;
  GtkLabel *description_count;
  GtkLabel *files_hint;
  GtkListBox *file_list;
  GtkLabel *file_message;
  GtkListBox *outcome_list;
  GtkRevealer *amount_revealer;
  AdwEntryRow *amount_row;
  GtkLabel *amount_message;
  GtkListBox *review_list;
  GtkLabel *offline_note;
  GtkLabel *submit_message;
};

G_DEFINE_FINAL_TYPE (RdNewDisputeDialog, rd_new_dispute_dialog, ADW_TYPE_WINDOW)

enum
{
  FILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- Small helpers ------------------------------------------------------------ */

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
show_message (GtkLabel   *label,
              const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static char *
open_item_key (const char *order_id,
               const char *sku)
{
  return g_strconcat (order_id, "\n", sku, NULL);
}

static gboolean
item_has_open_case (RdNewDisputeDialog *self,
                    RdOrder            *order,
                    RdOrderItem        *item)
{
  g_autofree char *key = open_item_key (order->id, item->sku);

  return g_hash_table_contains (self->open_items, key);
}

/* A calendar day of the filing rules (which count UTC dates) as the user
 * reads a date: noon that day keeps the date in every time zone. */
static char *
format_day (GDateTime *utc_time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (utc_time);
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (utc),
                                                     g_date_time_get_month (utc),
                                                     g_date_time_get_day_of_month (utc),
                                                     12, 0, 0);

  return rd_format_date (noon);
}

/* The last day of a window whose end is exclusive (midnight after it). */
static char *
format_last_day (GDateTime *closes)
{
  g_autoptr(GDateTime) last = g_date_time_add_seconds (closes, -1);

  return format_day (last);
}

static char *
format_money_amount (const RdMoney *money)
{
  return rd_format_money (money);
}

static gint64
item_total (RdOrderItem *item)
{
  return item->unit_price ? item->unit_price->amount * (gint64) MAX (item->quantity, 1) : 0;
}

/* The language the buyer writes in, as the platform stores it: the first
 * of the user's languages, reduced to its language subtag ("de" for
 * "de_DE.UTF-8"). */
static char *
dispute_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *lang = g_ascii_strdown (names[i], strcspn (names[i], "_.@-"));

      if (*lang != '\0' && strcmp (lang, "c") != 0 && strcmp (lang, "posix") != 0)
        return g_steal_pointer (&lang);
    }
  return g_strdup ("en");
}

static char *
description_text (RdNewDisputeDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Whether the user gave anything that closing would throw away. */
static gboolean
has_typed_something (RdNewDisputeDialog *self)
{
  g_autofree char *text = description_text (self);

  return !rd_policy_text_is_blank (text) || self->files->len > 0
         || *gtk_editable_get_text (GTK_EDITABLE (self->amount_row)) != '\0';
}

static GtkWidget *
find_toast_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_overlay (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* --- Choice rows ---------------------------------------------------------------- */

/* A row of a one-of-many choice: a radio button, a title, a line under it
 * and an optional note (why it cannot be chosen, or until when it can).
 * Every text here may come from the network, so labels get plain text. */
static GtkWidget *
choice_row_new (GtkCheckButton **group,
                int              index,
                const char      *title,
                const char      *subtitle,
                const char      *note,
                gboolean         sensitive,
                GCallback        toggled,
                gpointer         user_data)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *title_label = gtk_label_new (title);
  g_autoptr(GString) description = g_string_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);

  /* The row takes the focus and the activation; the radio shows the state. */
  gtk_widget_set_focusable (check, FALSE);
  gtk_widget_set_can_target (check, FALSE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (*group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), *group);
  else
    *group = GTK_CHECK_BUTTON (check);
  g_object_set_data (G_OBJECT (check), "rd-index", GINT_TO_POINTER (index));
  g_signal_connect (check, "toggled", toggled, user_data);
  gtk_box_append (GTK_BOX (box), check);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (texts), title_label);

  if (subtitle != NULL)
    {
      GtkWidget *label = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (texts), label);
      g_string_append (description, subtitle);
    }
  if (note != NULL)
    {
      GtkWidget *label = gtk_label_new (note);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (texts), label);
      if (description->len > 0)
        g_string_append (description, ". ");
      g_string_append (description, note);
    }
  gtk_box_append (GTK_BOX (box), texts);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), sensitive);
  gtk_widget_set_sensitive (row, sensitive);
  g_object_set_data (G_OBJECT (row), "rd-check", check);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL,
                                  -1);
  return row;
}

static gboolean
choice_is_active (GtkWidget *row)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "rd-check");

  return check != NULL && gtk_check_button_get_active (check);
}

static int
toggled_index (GtkCheckButton *check)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "rd-index"));
}

/* --- What can be filed ------------------------------------------------------------ */

/* Why nothing can be filed for @order now, or NULL if something can. */
static char *
order_blocked_reason (RdNewDisputeDialog *self,
                      RdOrder            *order)
{
  GDateTime *next_open = NULL;
  GDateTime *last_close = NULL;
  RdReason last_reason = RD_REASON_OTHER;
  gboolean any_free = FALSE;
  g_autofree char *date = NULL;
  char *result = NULL;

  if (rd_policy_order_can_file (order, self->now))
    {
      for (guint i = 0; i < order->items->len; i++)
        if (!item_has_open_case (self, order, g_ptr_array_index (order->items, i)))
          any_free = TRUE;
      if (any_free)
        return NULL;
      if (order->items->len == 1)
        return g_strdup (_("There is already an open dispute about this order."));
      return g_strdup (_("There is already an open dispute about every item in this order."));
    }

  if (order->shipped_at == NULL)
    return g_strdup (_("You can report a problem once the order has shipped."));

  for (int r = 0; r < RD_REASON_N_VALUES; r++)
    {
      g_autoptr(GDateTime) opens = NULL;
      g_autoptr(GDateTime) closes = NULL;

      if (!rd_policy_filing_window (order, r, &opens, &closes))
        continue;
      if (g_date_time_compare (opens, self->now) > 0)
        {
          if (next_open == NULL || g_date_time_compare (opens, next_open) < 0)
            {
              g_clear_pointer (&next_open, g_date_time_unref);
              next_open = g_date_time_ref (opens);
            }
        }
      else if (last_close == NULL || g_date_time_compare (closes, last_close) > 0)
        {
          g_clear_pointer (&last_close, g_date_time_unref);
          last_close = g_date_time_ref (closes);
          last_reason = r;
        }
    }

  if (next_open != NULL)
    {
      date = format_day (next_open);
      /* Translators: %s is a date, as in "3 March 2026" */
      result = g_strdup_printf (_("You can report a problem from %s."), date);
    }
  else if (last_close != NULL)
    {
      date = format_last_day (last_close);
      switch (last_reason)
        {
        case RD_REASON_DEFECTIVE:
        case RD_REASON_COUNTERFEIT:
          /* Translators: %s is a date, as in "3 March 2026" */
          result = g_strdup_printf (_("The warranty ended on %s."), date);
          break;
        case RD_REASON_NOT_RECEIVED:
          /* Translators: %s is a date, as in "3 March 2026" */
          result = g_strdup_printf (_("The time to report a missing delivery ended on %s."), date);
          break;
        case RD_REASON_DAMAGED_IN_TRANSIT:
        case RD_REASON_NOT_AS_DESCRIBED:
        case RD_REASON_WRONG_ITEM:
        case RD_REASON_MISSING_PARTS:
        case RD_REASON_OTHER:
        default:
          /* Translators: %s is a date, as in "3 March 2026" */
          result = g_strdup_printf (_("The return window closed on %s."), date);
          break;
        }
    }
  else
    result = g_strdup (_("No problem can be reported for this order."));

  g_clear_pointer (&next_open, g_date_time_unref);
  g_clear_pointer (&last_close, g_date_time_unref);
  return result;
}

/* Whether @reason can be filed for @order now, and the sentence that says
 * so or why not. */
static char *
reason_note (RdNewDisputeDialog *self,
             RdOrder            *order,
             RdReason            reason,
             gboolean           *open)
{
  g_autoptr(GDateTime) opens = NULL;
  g_autoptr(GDateTime) closes = NULL;
  g_autofree char *date = NULL;

  *open = FALSE;
  if (!rd_policy_filing_window (order, reason, &opens, &closes))
    {
      if (reason == RD_REASON_NOT_RECEIVED)
        return g_strdup (_("Opens once the order has shipped"));
      return g_strdup (_("Opens once the order has been delivered"));
    }
  if (g_date_time_compare (self->now, opens) < 0)
    {
      date = format_day (opens);
      /* Translators: %s is a date, as in "3 March 2026" */
      return g_strdup_printf (_("You can report this from %s"), date);
    }
  date = format_last_day (closes);
  if (g_date_time_compare (self->now, closes) >= 0)
    /* Translators: the time to report this problem is over; %s is a date,
     * as in "3 March 2026" */
    return g_strdup_printf (_("Closed on %s"), date);

  *open = rd_policy_can_file (order, reason, self->now);
  /* Translators: %s is a date, as in "3 March 2026" */
  return g_strdup_printf (_("You can report this until %s"), date);
}

/* --- Validation and page state ----------------------------------------------------- */

static guint
text_limit (RdNewDisputeDialog *self)
{
  RdConfig *config = rd_session_get_config (self->session);

  return config != NULL ? config->text_max_chars : 0;
}

static gboolean
description_ok (RdNewDisputeDialog *self)
{
  g_autofree char *text = description_text (self);
  guint max = text_limit (self);

  return !rd_policy_text_is_blank (text) && (max == 0 || g_utf8_strlen (text, -1) <= (glong) max);
}

static gboolean
page_is_complete (RdNewDisputeDialog *self,
                  Page                page)
{
  switch (page)
    {
    case PAGE_ORDER:
      return self->order != NULL;
    case PAGE_PROBLEM:
      return self->item != NULL && self->reason >= 0
             && rd_policy_can_file (self->order, self->reason, self->now);
    case PAGE_DETAILS:
      return description_ok (self);
    case PAGE_OUTCOME:
      return self->outcome >= 0
             && (self->outcome != RD_OUTCOME_TYPE_PARTIAL_REFUND || self->amount_ok);
    case PAGE_REVIEW:
      return TRUE;
    case N_PAGES:
    default:
      return FALSE;
    }
}

static void
update_actions (RdNewDisputeDialog *self)
{
  g_autofree char *step = NULL;
  gboolean complete = TRUE;

  for (Page p = PAGE_ORDER; p < PAGE_REVIEW; p++)
    complete = complete && page_is_complete (self, p);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dispute.back", self->page > PAGE_ORDER);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dispute.next",
                                 self->page < PAGE_REVIEW && page_is_complete (self, self->page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dispute.submit",
                                 self->page == PAGE_REVIEW && complete);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->page > PAGE_ORDER);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), self->page < PAGE_REVIEW);
  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), self->page == PAGE_REVIEW);

  /* Translators: the subtitle of the new dispute assistant, as in "Step 2 of 5" */
  step = g_strdup_printf (_("Step %d of %d"), self->page + 1, N_PAGES);
  adw_window_title_set_subtitle (self->window_title, step);
}

/* --- Page 1: the order ------------------------------------------------------------- */

static void on_order_toggled_cb (GtkCheckButton *check, RdNewDisputeDialog *self);

static char *
order_items_line (RdOrder *order)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < order->items->len; i++)
    {
      RdOrderItem *item = g_ptr_array_index (order->items, i);

      if (i > 0)
        /* Translators: between the items of an order in a list */
        g_string_append (out, C_("items", " · "));
      if (item->quantity > 1)
        /* Translators: a quantity and an item, as in "2 × USB-C cable" */
        g_string_append_printf (out, _("%u × %s"), item->quantity, item->title);
      else
        g_string_append (out, item->title);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
load_orders (RdNewDisputeDialog *self)
{
  RdStore *store = rd_session_get_store (self->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = rd_store_list_orders (store, &error);
  g_autoptr(GPtrArray) cases = rd_store_list_all_cases (store, NULL);
  GtkCheckButton *group = NULL;

  g_hash_table_remove_all (self->open_items);
  for (guint i = 0; cases != NULL && i < cases->len; i++)
    {
      RdCase *kase = g_ptr_array_index (cases, i);

      if (kase->status != RD_STATUS_RESOLVED && kase->order_id != NULL && kase->item != NULL)
        g_hash_table_add (self->open_items, open_item_key (kase->order_id, kase->item->sku));
    }

  self->order = NULL;
  self->problem_built_for = NULL;
  self->item = NULL;
  self->reason = -1;
  clear_list (self->order_list);
  g_ptr_array_set_size (self->orders, 0);

  if (orders == NULL)
    {
      g_warning ("Could not read the orders: %s", error->message);
      return;
    }

  for (guint i = 0; i < orders->len && i < MAX_ORDERS; i++)
    {
      RdOrder *order = g_ptr_array_index (orders, i);
      g_autofree char *blocked = order_blocked_reason (self, order);
      g_autofree char *number = rd_format_isolate (order->number ? order->number : order->id);
      g_autofree char *date = rd_format_date (order->ordered_at);
      g_autofree char *items = order_items_line (order);
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row;

      /* Translators: an order in the list of orders: its number, the date
       * it was placed, then its items, as in
       * "Order ORD-2026-000101 · 3 March 2026 · Car phone holder" */
      subtitle = g_strdup_printf (_("Order %s · %s · %s"), number, date, items);
      title = g_strdup (order->seller && order->seller->name ? order->seller->name : "");
      g_ptr_array_add (self->orders, g_object_ref (order));
      row = choice_row_new (&group, self->orders->len - 1, title, subtitle, blocked,
                            blocked == NULL, G_CALLBACK (on_order_toggled_cb), self);
      gtk_list_box_append (self->order_list, row);
    }
}

/* --- Page 2: item and reason --------------------------------------------------------- */

static void on_item_toggled_cb (GtkCheckButton *check, RdNewDisputeDialog *self);
static void on_reason_toggled_cb (GtkCheckButton *check, RdNewDisputeDialog *self);

static void
build_problem_page (RdNewDisputeDialog *self)
{
  RdOrder *order = self->order;
  GtkCheckButton *item_group = NULL;
  GtkCheckButton *reason_group = NULL;
  GtkWidget *only_free = NULL;
  guint n_free = 0;

  if (self->problem_built_for == order)
    return;
  self->problem_built_for = order;
  self->item = NULL;
  self->reason = -1;
  clear_list (self->item_list);
  clear_list (self->reason_list);

  for (guint i = 0; i < order->items->len; i++)
    {
      RdOrderItem *item = g_ptr_array_index (order->items, i);
      gboolean taken = item_has_open_case (self, order, item);
      g_autofree char *price = item->unit_price ? format_money_amount (item->unit_price) : g_strdup ("");
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (item->quantity > 1)
        /* Translators: a quantity and a unit price, as in "2 × €9.99" */
        subtitle = g_strdup_printf (_("%u × %s"), item->quantity, price);
      else
        subtitle = g_strdup (price);
      row = choice_row_new (&item_group, i, item->title, subtitle,
                            taken ? _("There is already an open dispute about this item.") : NULL,
                            !taken, G_CALLBACK (on_item_toggled_cb), self);
      gtk_list_box_append (self->item_list, row);
      if (!taken)
        {
          n_free++;
          only_free = row;
        }
    }
  /* One item needs no question; one free item is the answer already. */
  gtk_widget_set_visible (self->item_box, order->items->len > 1);
  /* Under the page's own question, a second heading only if there are two. */
  gtk_widget_set_visible (self->reason_heading, order->items->len > 1);
  if (n_free == 1)
    gtk_check_button_set_active (g_object_get_data (G_OBJECT (only_free), "rd-check"), TRUE);

  for (int r = 0; r < RD_REASON_N_VALUES; r++)
    {
      gboolean open;
      g_autofree char *note = reason_note (self, order, r, &open);

      gtk_list_box_append (self->reason_list,
                           choice_row_new (&reason_group, r, rd_reason_label (r), NULL, note, open,
                                           G_CALLBACK (on_reason_toggled_cb), self));
    }
}

/* --- Page 3: description and files --------------------------------------------------- */

static void
update_description (RdNewDisputeDialog *self)
{
  g_autofree char *text = description_text (self);
  guint max = text_limit (self);
  glong length = g_utf8_strlen (text, -1);
  g_autofree char *count = NULL;

  if (max > 0)
    /* Translators: characters typed and the most allowed, as in "120 / 4000" */
    count = g_strdup_printf (_("%ld / %u"), length, max);
  else
    count = g_strdup_printf ("%ld", length);
  gtk_label_set_text (self->description_count, count);

  gtk_widget_remove_css_class (GTK_WIDGET (self->description_message), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->description_message), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self->description_count), "error");
  if (max > 0 && length > (glong) max)
    {
      g_autofree char *message = NULL;
      guint over = length - max;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "This is %u character too long: the seller can read at most %u.",
                                              "This is %u characters too long: the seller can read at most %u.",
                                              over),
                                 over, max);
      gtk_label_set_text (self->description_message, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->description_message), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->description_count), "error");
    }
  else if (rd_policy_text_is_blank (text))
    {
      gtk_label_set_text (self->description_message, _("Write a few words to go on."));
      gtk_widget_add_css_class (GTK_WIDGET (self->description_message), "dim-label");
    }
  else
    gtk_label_set_text (self->description_message, "");

  update_actions (self);
}

static char *
file_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));
  return g_file_get_basename (file);
}

static void
rebuild_file_list (RdNewDisputeDialog *self)
{
  clear_list (self->file_list);

  for (guint i = 0; i < self->files->len; i++)
    {
      GFile *file = g_ptr_array_index (self->files, i);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                     G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
      g_autofree char *name = file_display_name (file);
      g_autofree char *size = info ? g_format_size (g_file_info_get_size (info)) : NULL;
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *remove_label = NULL;
      const char *type = info ? g_file_info_get_content_type (info) : NULL;
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget *icon;
      GtkWidget *label;
      GtkWidget *button;

      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);

      /* Decoration: the name beside it says what the file is. */
      icon = g_object_new (GTK_TYPE_IMAGE,
                           "icon-name", type && g_content_type_is_a (type, "application/pdf")
                                        ? "x-office-document-symbolic" : "image-x-generic-symbolic",
                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                           NULL);
      gtk_box_append (GTK_BOX (box), icon);

      gtk_widget_set_hexpand (texts, TRUE);
      gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
      label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_box_append (GTK_BOX (texts), label);
      if (size != NULL)
        {
          label = gtk_label_new (size);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (texts), label);
        }
      gtk_box_append (GTK_BOX (box), texts);

      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove"));
      /* Translators: the accessible name of the button that removes a
       * chosen file, as in "Remove photo.jpg" */
      remove_label = g_strdup_printf (_("Remove %s"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dispute.remove-file");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uri);
      gtk_box_append (GTK_BOX (box), button);

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->file_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->file_list), self->files->len > 0);
}

/* Checks each file at once, keeps the good ones and says why the others
 * were refused. */
static void
add_files (RdNewDisputeDialog *self,
           GList              *files)
{
  RdConfig *config = rd_session_get_config (self->session);
  guint max = config ? config->evidence_max_per_case : 0;
  g_autoptr(GString) refused = g_string_new (NULL);

  for (GList *l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = file_display_name (file);
      g_autofree char *why = NULL;
      gboolean known = FALSE;

      for (guint i = 0; i < self->files->len; i++)
        known = known || g_file_equal (file, g_ptr_array_index (self->files, i));
      if (known)
        continue;

      if (max > 0 && self->files->len >= max)
        why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "A dispute can have at most %u file.",
                                            "A dispute can have at most %u files.", max),
                               max);
      else if (!rd_session_check_evidence (self->session, file, &error))
        why = g_strdup (error->message);

      if (why != NULL)
        {
          if (refused->len > 0)
            g_string_append_c (refused, '\n');
          /* Translators: a file that was not attached and why, as in
           * "“notes.png” was not added: Only photos (JPEG or PNG) and PDF
           * documents can be attached." */
          g_string_append_printf (refused, _("“%s” was not added: %s"), name, why);
          continue;
        }
      g_ptr_array_add (self->files, g_object_ref (file));
    }

  show_message (self->file_message, refused->str);
  rebuild_file_list (self);
  update_actions (self);
}

/* --- Page 4: the outcome ------------------------------------------------------------- */

static void on_outcome_toggled_cb (GtkCheckButton *check, RdNewDisputeDialog *self);

/* Reads an amount in major units ("12.50", "12,5", "1.234,50") into minor
 * units of a currency with @exponent decimals. */
static gboolean
parse_amount (const char *text,
              guint       exponent,
              gint64     *minor)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *decimal = NULL;
  guint decimals = 0;
  gint64 value = 0;

  /* The last separator followed by at most @exponent digits is the decimal
   * point; every other one groups thousands. */
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '.' || *p == ',')
      decimal = p;
  if (decimal != NULL)
    {
      size_t tail = strlen (decimal + 1);

      if (exponent == 0 || tail == 0 || tail > exponent)
        {
          if (tail == 3)
            decimal = NULL;  /* "1.000": a thousands separator */
          else
            return FALSE;
        }
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (p == decimal)
        {
          g_string_append_c (digits, '.');
          continue;
        }
      if (c == '.' || c == ',' || g_unichar_isspace (c) || c == 0x202F || c == 0x00A0 || c == '\'')
        continue;
      if (c < '0' || c > '9')
        return FALSE;
      g_string_append_c (digits, (char) c);
    }
  if (digits->len == 0 || digits->len > 15)
    return FALSE;

  for (const char *p = digits->str; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          decimals = 0;
          for (const char *q = p + 1; *q != '\0'; q++)
            {
              value = value * 10 + (*q - '0');
              decimals++;
            }
          break;
        }
      value = value * 10 + (*p - '0');
    }
  for (; decimals < exponent; decimals++)
    value *= 10;

  *minor = value;
  return TRUE;
}

static void
update_amount (RdNewDisputeDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
  RdOrderItem *item = self->item;
  g_autoptr(RdMoney) max = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *message = NULL;
  gboolean error = TRUE;
  gint64 minor = 0;

  self->amount_ok = FALSE;
  if (item == NULL || item->unit_price == NULL)
    {
      update_actions (self);
      return;
    }

  max = rd_money_new (item_total (item), item->unit_price->currency);
  max_text = format_money_amount (max);

  while (g_unichar_isspace (g_utf8_get_char (text)) && *text != '\0')
    text = g_utf8_next_char (text);
  if (*text == '\0')
    {
      /* Translators: under the amount of a partial refund; %s is the price
       * paid, as in "€19.99" */
      message = g_strdup_printf (_("Up to %s, what you paid for this item."), max_text);
      error = FALSE;
    }
  else if (!parse_amount (text, rd_currency_exponent (item->unit_price->currency), &minor))
    /* Translators: write the example amount as people in your language do */
    message = g_strdup (_("This is not an amount. Write it as a number, such as 12.50."));
  else if (minor <= 0)
    message = g_strdup (_("The amount must be more than zero."));
  else if (minor > item_total (item))
    /* Translators: %s is the price paid, as in "€19.99" */
    message = g_strdup_printf (_("You can ask for at most %s, what you paid for this item."), max_text);
  else
    {
      g_autoptr(RdMoney) amount = rd_money_new (minor, item->unit_price->currency);
      g_autofree char *amount_text = format_money_amount (amount);

      /* Translators: %s is the amount asked for, as in "€10.00" */
      message = g_strdup_printf (_("You ask for %s back."), amount_text);
      self->amount = minor;
      self->amount_ok = TRUE;
      error = FALSE;
    }

  gtk_label_set_text (self->amount_message, message);
  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->amount_message), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->amount_message), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->amount_row), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->amount_message), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->amount_message), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->amount_row), "error");
    }
  update_actions (self);
}

static void
prepare_outcome_page (RdNewDisputeDialog *self)
{
  g_autofree char *title = NULL;

  if (self->item != NULL && self->item->unit_price != NULL)
    /* Translators: the title of the amount field; %s is a currency code, as in "EUR" */
    title = g_strdup_printf (_("Amount in %s"), self->item->unit_price->currency);
  else
    title = g_strdup (_("Amount"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), title);
  gtk_revealer_set_reveal_child (self->amount_revealer,
                                 self->outcome == RD_OUTCOME_TYPE_PARTIAL_REFUND);
  update_amount (self);
}

/* --- Page 5: review ------------------------------------------------------------------- */

static void
review_add (RdNewDisputeDialog *self,
            const char         *heading,
            const char         *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *heading_label = gtk_label_new (heading);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);

  gtk_label_set_xalign (GTK_LABEL (heading_label), 0);
  gtk_widget_add_css_class (heading_label, "caption-heading");
  gtk_widget_add_css_class (heading_label, "dim-label");
  gtk_box_append (GTK_BOX (box), heading_label);

  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading_label, NULL, -1);
  gtk_box_append (GTK_BOX (box), value_label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (self->review_list, row);
}

static gboolean
session_is_online (RdNewDisputeDialog *self)
{
  RdSessionState state = rd_session_get_state (self->session);

  return state == RD_SESSION_STATE_ONLINE || state == RD_SESSION_STATE_SYNCING;
}

static void
build_review_page (RdNewDisputeDialog *self)
{
  g_autofree char *number = rd_format_isolate (self->order->number ? self->order->number : self->order->id);
  g_autofree char *order = NULL;
  g_autofree char *text = description_text (self);
  g_autofree char *outcome = NULL;
  g_autoptr(GString) files = g_string_new (NULL);

  clear_list (self->review_list);

  /* Translators: the shop and the order number, as in
   * "Kai's Gadgets · Order ORD-2026-000101" */
  order = g_strdup_printf (_("%s · Order %s"),
                           self->order->seller ? self->order->seller->name : "", number);
  review_add (self, C_("review heading", "Order"), order);
  review_add (self, C_("review heading", "Item"), self->item->title);
  review_add (self, C_("review heading", "Problem"), rd_reason_label (self->reason));
  review_add (self, C_("review heading", "Description"), g_strstrip (text));

  for (guint i = 0; i < self->files->len; i++)
    {
      g_autofree char *name = file_display_name (g_ptr_array_index (self->files, i));

      if (i > 0)
        g_string_append_c (files, '\n');
      g_string_append (files, name);
    }
  review_add (self, C_("review heading", "Photos and documents"),
              files->len > 0 ? files->str : C_("files", "None"));

  if (self->outcome == RD_OUTCOME_TYPE_PARTIAL_REFUND)
    {
      g_autoptr(RdMoney) amount = rd_money_new (self->amount, self->item->unit_price->currency);
      g_autofree char *amount_text = format_money_amount (amount);

      /* Translators: what the buyer asks for and the amount, as in
       * "Partial refund: €10.00" */
      outcome = g_strdup_printf (_("%s: %s"), rd_outcome_type_label (self->outcome), amount_text);
    }
  else
    outcome = g_strdup (rd_outcome_type_label (self->outcome));
  review_add (self, C_("review heading", "You ask for"), outcome);

  gtk_widget_set_visible (GTK_WIDGET (self->offline_note), !session_is_online (self));
  show_message (self->submit_message, NULL);
}

/* --- Moving between pages -------------------------------------------------------------- */

static void
go_to_page (RdNewDisputeDialog *self,
            Page                page)
{
  gboolean forward = page > self->page;
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  GtkWidget *child;

  switch (page)
    {
    case PAGE_PROBLEM:
      build_problem_page (self);
      break;
    case PAGE_DETAILS:
      update_description (self);
      break;
    case PAGE_OUTCOME:
      prepare_outcome_page (self);
      break;
    case PAGE_REVIEW:
      build_review_page (self);
      break;
    case PAGE_ORDER:
    case N_PAGES:
    default:
      break;
    }

  /* The next page comes in from the end side, in either direction of text. */
  gtk_stack_set_transition_type (self->stack,
                                 forward != rtl ? GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT
                                                : GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT);
  self->page = page;
  gtk_stack_set_visible_child_name (self->stack, page_names[page]);
  update_actions (self);

  /* Keyboard users land on the page's first question. */
  child = gtk_stack_get_visible_child (self->stack);
  if (page == PAGE_DETAILS)
    gtk_widget_grab_focus (GTK_WIDGET (self->description_view));
  else if (child != NULL)
    gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
}

/* "Your dispute was sent" is said once it is true: when the filing has
 * left the outbox, whatever the sync state looked like at Submit.  The
 * watch outlives the dialog and ends by itself after a while; until then
 * the list's "Not sent yet" and the header's count tell the rest. */
typedef struct
{
  RdStore  *store;
  char     *case_id;
  GWeakRef  overlay;
  gulong    handler;
  guint     timeout;
} SentWatch;

static void
sent_watch_free (SentWatch *watch)
{
  g_clear_signal_handler (&watch->handler, watch->store);
  g_clear_handle_id (&watch->timeout, g_source_remove);
  g_clear_object (&watch->store);
  g_free (watch->case_id);
  g_weak_ref_clear (&watch->overlay);
  g_free (watch);
}

static gboolean
on_sent_watch_timeout (gpointer data)
{
  SentWatch *watch = data;

  watch->timeout = 0;
  sent_watch_free (watch);
  return G_SOURCE_REMOVE;
}

static void
on_sent_watch_outbox_changed (RdStore  *store,
                              gpointer  data)
{
  SentWatch *watch = data;
  g_autoptr(RdOutboxEntry) entry = rd_store_outbox_get (store, watch->case_id);
  g_autoptr(GtkWidget) overlay = NULL;

  if (entry != NULL && entry->state == RD_OUTBOX_PENDING)
    return;

  /* Sent, or refused (which the case itself shows, with Retry or Discard). */
  overlay = g_weak_ref_get (&watch->overlay);
  if (entry == NULL && overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Your dispute was sent")));
  sent_watch_free (watch);
}

static void
watch_until_sent (RdSession  *session,
                  const char *case_id,
                  GtkWidget  *overlay)
{
  SentWatch *watch = g_new0 (SentWatch, 1);

  watch->store = g_object_ref (rd_session_get_store (session));
  watch->case_id = g_strdup (case_id);
  g_weak_ref_init (&watch->overlay, overlay);
  watch->handler = g_signal_connect (watch->store, "outbox-changed",
                                     G_CALLBACK (on_sent_watch_outbox_changed), watch);
  watch->timeout = g_timeout_add_seconds (120, on_sent_watch_timeout, watch);
}

static void
submit (RdNewDisputeDialog *self)
{
  g_autoptr(RdCaseDraft) draft = rd_case_draft_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *text = description_text (self);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *overlay;
  const char *toast;

  draft->order_id = g_strdup (self->order->id);
  draft->item_sku = g_strdup (self->item->sku);
  draft->reason = self->reason;
  draft->requested_type = self->outcome;
  if (self->outcome == RD_OUTCOME_TYPE_PARTIAL_REFUND)
    draft->requested_amount = rd_money_new (self->amount, self->item->unit_price->currency);
  draft->description = g_strdup (g_strstrip (text));
  draft->lang = dispute_language ();
  for (guint i = 0; i < self->files->len; i++)
    g_ptr_array_add (files, g_object_ref (g_ptr_array_index (self->files, i)));

  case_id = rd_session_file_case (self->session, draft, files, &error);
  if (case_id == NULL)
    {
      show_message (self->submit_message, error->message);
      return;
    }

  overlay = parent != NULL ? find_toast_overlay (GTK_WIDGET (parent)) : NULL;
  if (overlay != NULL)
    {
      if (session_is_online (self))
        watch_until_sent (self->session, case_id, overlay);
      else
        {
          toast = _("Saved — it will be sent when you are online");
          adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (toast));
        }
    }

  g_object_ref (self);
  self->closing = TRUE;
  g_signal_emit (self, signals[FILED], 0, case_id);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

/* --- Callbacks ---------------------------------------------------------------------------- */

static void
on_order_toggled_cb (GtkCheckButton     *check,
                     RdNewDisputeDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  self->order = g_ptr_array_index (self->orders, toggled_index (check));
  update_actions (self);
}

static void
on_item_toggled_cb (GtkCheckButton     *check,
                    RdNewDisputeDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  self->item = g_ptr_array_index (self->order->items, toggled_index (check));
  update_actions (self);
}

static void
on_reason_toggled_cb (GtkCheckButton     *check,
                      RdNewDisputeDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  self->reason = toggled_index (check);
  update_actions (self);
}

static void
on_outcome_toggled_cb (GtkCheckButton     *check,
                       RdNewDisputeDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  self->outcome = toggled_index (check);
  gtk_revealer_set_reveal_child (self->amount_revealer,
                                 self->outcome == RD_OUTCOME_TYPE_PARTIAL_REFUND);
  if (self->outcome == RD_OUTCOME_TYPE_PARTIAL_REFUND)
    gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
  update_amount (self);
}

static void
on_choice_list_row_activated_cb (GtkListBox         *list,
                                 GtkListBoxRow      *row,
                                 RdNewDisputeDialog *self)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "rd-check");

  if (check != NULL)
    gtk_check_button_set_active (check, TRUE);
}

static void
on_description_changed_cb (GtkTextBuffer      *buffer,
                           RdNewDisputeDialog *self)
{
  update_description (self);
}

static void
on_amount_row_changed_cb (GtkEditable        *editable,
                          RdNewDisputeDialog *self)
{
  update_amount (self);
}

static void
on_session_state_cb (RdSession          *session,
                     GParamSpec         *pspec,
                     RdNewDisputeDialog *self)
{
  if (self->page == PAGE_REVIEW)
    gtk_widget_set_visible (GTK_WIDGET (self->offline_note), !session_is_online (self));
  /* The first sync may bring the orders while the dialog is open. */
  if (self->page == PAGE_ORDER && self->orders->len == 0
      && rd_session_get_state (session) == RD_SESSION_STATE_ONLINE)
    load_orders (self);
}

static gboolean
on_drop_cb (GtkDropTarget      *target,
            const GValue       *value,
            double              x,
            double              y,
            RdNewDisputeDialog *self)
{
  g_autolist(GFile) files = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *list = gdk_file_list_get_files (g_value_get_boxed (value));

      for (GSList *l = list; l != NULL; l = l->next)
        files = g_list_append (files, g_object_ref (l->data));
      g_slist_free (list);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    files = g_list_append (files, g_value_dup_object (value));
  else
    return FALSE;

  add_files (self, files);
  return TRUE;
}

static void
on_chooser_response_cb (GtkNativeDialog    *chooser,
                        int                 response,
                        RdNewDisputeDialog *self)
{
  g_autolist(GFile) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) model = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        files = g_list_append (files, g_list_model_get_item (model, i));
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (files != NULL)
    add_files (self, files);
}

static gboolean
destroy_in_idle_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        RdNewDisputeDialog *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->closing = TRUE;
  /* Once the question, which is transient for us, has closed itself. */
  g_idle_add_full (G_PRIORITY_HIGH, destroy_in_idle_cb, g_object_ref (self), g_object_unref);
}

/* Enter goes on to the next page where the page is complete, unless the
 * focus is where Enter means something else: a new line in the
 * description, a button, or a choice not made yet. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   RdNewDisputeDialog    *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  if ((state & (GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  if (!control && focus != NULL)
    {
      if (GTK_IS_TEXT_VIEW (focus) || GTK_IS_BUTTON (focus))
        return FALSE;
      row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
      if (row != NULL && g_object_get_data (G_OBJECT (row), "rd-check") != NULL
          && !choice_is_active (row))
        return FALSE;
    }

  /* Sending takes Ctrl+Enter or the button, never a stray Enter. */
  if (self->page == PAGE_REVIEW)
    {
      if (!control)
        return FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "dispute.submit", NULL);
      return TRUE;
    }
  if (!page_is_complete (self, self->page))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "dispute.next", NULL);
  return TRUE;
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdNewDisputeDialog *self = RD_NEW_DISPUTE_DIALOG (widget);

  if (self->page > PAGE_ORDER)
    go_to_page (self, self->page - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdNewDisputeDialog *self = RD_NEW_DISPUTE_DIALOG (widget);

  if (self->page < PAGE_REVIEW && page_is_complete (self, self->page))
    go_to_page (self, self->page + 1);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdNewDisputeDialog *self = RD_NEW_DISPUTE_DIALOG (widget);

  if (self->page == PAGE_REVIEW)
    submit (self);
}

static void
add_files_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdNewDisputeDialog *self = RD_NEW_DISPUTE_DIALOG (widget);
  GtkFileFilter *filter;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Attach Photos or Documents"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Photos and PDF documents"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("JPEG photos"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
remove_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdNewDisputeDialog *self = RD_NEW_DISPUTE_DIALOG (widget);
  const char *uri = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < self->files->len; i++)
    {
      g_autofree char *file_uri = g_file_get_uri (g_ptr_array_index (self->files, i));

      if (g_strcmp0 (file_uri, uri) == 0)
        {
          g_ptr_array_remove_index (self->files, i);
          break;
        }
    }
  show_message (self->file_message, NULL);
  rebuild_file_list (self);
  update_actions (self);
}

/* --- Overrides ------------------------------------------------------------------------ */

static void
rd_new_dispute_dialog_dispose (GObject *object)
{
  RdNewDisputeDialog *self = RD_NEW_DISPUTE_DIALOG (object);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->session != NULL)
    g_clear_signal_handler (&self->state_handler, self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->open_items, g_hash_table_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  self->order = NULL;
  self->item = NULL;
  self->problem_built_for = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_NEW_DISPUTE_DIALOG);

  G_OBJECT_CLASS (rd_new_dispute_dialog_parent_class)->dispose (object);
}

static gboolean
rd_new_dispute_dialog_close_request (GtkWindow *window)
{
  RdNewDisputeDialog *self = RD_NEW_DISPUTE_DIALOG (window);
  AdwMessageDialog *dialog;

  if (self->closing || !has_typed_something (self))
    return GTK_WINDOW_CLASS (rd_new_dispute_dialog_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Discard This Dispute?"),
                                                       _("What you wrote and the files you chose will be lost. Nothing has been sent.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
rd_new_dispute_dialog_class_init (RdNewDisputeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rd_new_dispute_dialog_dispose;
  window_class->close_request = rd_new_dispute_dialog_close_request;

  /**
   * RdNewDisputeDialog::filed:
   * @case_id: the new case's id
   *
   * A dispute was filed (queued in the session); the dialog closes next.
   */
  signals[FILED] = g_signal_new ("filed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/redress/Redress/rd-new-dispute-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, submit_button);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, order_page);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, details_page);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, order_list);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, item_box);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, item_list);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, reason_heading);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, reason_list);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, description_message);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, description_count);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, files_hint);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, file_list);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, file_message);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, outcome_list);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, amount_revealer);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, amount_message);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, review_list);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, offline_note);
  gtk_widget_class_bind_template_child (widget_class, RdNewDisputeDialog, submit_message);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_amount_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "dispute.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "dispute.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "dispute.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "dispute.add-files", NULL, add_files_action);
  gtk_widget_class_install_action (widget_class, "dispute.remove-file", "s", remove_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "dispute.back", NULL);
}

static void
rd_new_dispute_dialog_init (RdNewDisputeDialog *self)
{
  GtkEventController *keys;
  GtkDropTarget *drop;
  GtkWidget *placeholder;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->orders = g_ptr_array_new_with_free_func (g_object_unref);
  self->open_items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->reason = -1;
  self->outcome = -1;

  placeholder = gtk_label_new (_("No orders yet. They appear here once Redress has synced with the platform."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->order_list, placeholder);

  g_signal_connect (gtk_text_view_get_buffer (self->description_view), "changed",
                    G_CALLBACK (on_description_changed_cb), self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (self->details_page, GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
rd_new_dispute_dialog_new (GtkWindow *parent,
                           RdSession *session)
{
  RdNewDisputeDialog *self;
  GtkCheckButton *group = NULL;
  RdConfig *config;
  g_autofree char *size = NULL;
  g_autofree char *hint = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RD_IS_SESSION (session), NULL);

  self = g_object_new (RD_TYPE_NEW_DISPUTE_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->now = rd_session_now (session);
  self->state_handler = g_signal_connect (session, "notify::state", G_CALLBACK (on_session_state_cb), self);

  config = rd_session_get_config (session);
  size = g_format_size (config ? config->evidence_max_bytes : 10 * 1024 * 1024);
  /* Translators: %s is a size, as in "10.5 MB" */
  hint = g_strdup_printf (_("JPEG, PNG or PDF, up to %s each."), size);
  gtk_label_set_text (self->files_hint, hint);

  for (int o = 0; o < RD_OUTCOME_TYPE_N_VALUES; o++)
    gtk_list_box_append (self->outcome_list,
                         choice_row_new (&group, o, rd_outcome_type_label (o), NULL, NULL, TRUE,
                                         G_CALLBACK (on_outcome_toggled_cb), self));

  load_orders (self);
  update_description (self);
  go_to_page (self, PAGE_ORDER);

  return GTK_WIDGET (self);
}
