/* test-pseudo-locale.c — every screen and dialog of Redress in a made-up
 * language whose every string is wrapped in ⟦ ⟧ and 40 % longer.
 *
 * tests/pseudo/make-pseudo-locale.py extracts the strings exactly as the
 * real template is extracted and builds the catalog of the language "xx".
 * The app then runs in it as the buyer, the seller and the agent of the
 * demo, and the test opens what each of them can open: the welcome page,
 * the list under each filter, a case in each status, every menu and
 * popover, the new-dispute assistant page by page, the action dialogs, the
 * seller's Respond dialog and Quality page, the agent's Rule dialog, the
 * preferences, the shortcuts and the About window.
 *
 * On each, every visible text (labels, button labels, row titles and
 * subtitles, status pages, window titles, tooltips, placeholders and the
 * accessible names and descriptions that the app set) must carry the
 * markers, unless it is data: what the store holds (names, titles, order
 * numbers, messages, file names, carriers, tracking numbers, amounts,
 * dates) and a few names that are never translated (Redress, the languages
 * named in themselves).  A text escapes when, after removing the marked
 * parts and the data, anything alphabetic is left: a string that nobody
 * can translate.  Every control needs a name a screen reader can read.
 * And no window may outgrow 1280×800 with the longer texts, nor anything
 * in the main window run past its edge.
 *
 * Failures are collected per test and reported together, each with the
 * screen and the widget path where it was seen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-action-dialogs.h"
#include "rd-application.h"
#include "rd-case-list.h"
#include "rd-case-test.h"
#include "rd-error.h"
#include "rd-format.h"
#include "rd-evidence-viewer.h"
#include "rd-new-dispute-dialog.h"
#include "rd-phrasebook.h"
#include "rd-policy.h"
#include "rd-preferences-window.h"
#include "rd-quality-page.h"
#include "rd-respond-dialog.h"
#include "rd-rule-dialog.h"
#include "rd-welcome-page.h"
#include "rd-window.h"

#define SCREEN_WIDTH 1280
#define SCREEN_HEIGHT 800

#define OPEN_MARK 0x27E6   /* ⟦ */
#define CLOSE_MARK 0x27E7  /* ⟧ */

static char *tmpdir;
static RdApplication *app;
static RdWindow *window;

#define WIN GTK_WIDGET (window)

/* --- What a test found -------------------------------------------------------------- */

typedef struct
{
  GString    *escaped;    /* texts without the markers */
  GString    *unnamed;    /* controls without a name */
  GString    *too_big;    /* windows over the screen */
  GString    *overflow;   /* widgets past the main window's edge */
  GHashTable *reported;   /* what was reported already */
  GHashTable *screens;    /* the screens visited */
  GHashTable *data;       /* the data strings, as a set */
  GPtrArray  *data_list;  /* the same, longest first */
  guint       n_texts;
  const char *screen;
} Findings;

static Findings findings;

static void collect_data (RdSession *session);

static void
findings_reset (void)
{
  g_clear_pointer (&findings.data_list, g_ptr_array_unref);
  findings.data_list = NULL;
  if (findings.escaped != NULL)
    {
      g_string_free (findings.escaped, TRUE);
      g_string_free (findings.unnamed, TRUE);
      g_string_free (findings.too_big, TRUE);
      g_string_free (findings.overflow, TRUE);
      g_hash_table_unref (findings.reported);
      g_hash_table_unref (findings.screens);
    }
  findings.escaped = g_string_new (NULL);
  findings.unnamed = g_string_new (NULL);
  findings.too_big = g_string_new (NULL);
  findings.overflow = g_string_new (NULL);
  findings.reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  findings.screens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  findings.n_texts = 0;
  findings.screen = NULL;
  collect_data (NULL);
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Fails the test with everything found, or says what was looked at. */
static void
findings_conclude (const char *what)
{
  GString *all = g_string_new (NULL);
  g_autofree gpointer *screens = g_hash_table_get_keys_as_array (findings.screens, NULL);
  g_autofree char *names = NULL;

  qsort (screens, g_hash_table_size (findings.screens), sizeof *screens, compare_names);
  names = g_strjoinv ("; ", (char **) screens);
  g_test_message ("%s: %u texts on %u screens: %s", what, findings.n_texts,
                  g_hash_table_size (findings.screens), names);
  if (findings.escaped->len > 0)
    g_string_append_printf (all, "\nTexts that escaped translation:\n%s", findings.escaped->str);
  if (findings.unnamed->len > 0)
    g_string_append_printf (all, "\nControls without an accessible name:\n%s", findings.unnamed->str);
  if (findings.too_big->len > 0)
    g_string_append_printf (all, "\nWindows larger than %dx%d:\n%s", SCREEN_WIDTH, SCREEN_HEIGHT,
                            findings.too_big->str);
  if (findings.overflow->len > 0)
    g_string_append_printf (all, "\nPast the main window's edge:\n%s", findings.overflow->str);
  /* Something was looked at: a walk that saw nothing proves nothing. */
  if (findings.n_texts < 20)
    g_string_append_printf (all, "\nOnly %u texts were seen\n", findings.n_texts);
  if (all->len > 0)
    g_test_fail_printf ("%s:%s", what, all->str);
  g_string_free (all, TRUE);
}

static void
report (GString    *list,
        const char *path,
        const char *message)
{
  g_autofree char *key = g_strconcat (path, "\n", message, NULL);

  if (!g_hash_table_add (findings.reported, g_steal_pointer (&key)))
    return;
  g_string_append_printf (list, "  [%s] %s: %s\n", findings.screen, path, message);
}

/* --- Data ------------------------------------------------------------------------------ */

static void
add_data (const char *text)
{
  if (text != NULL && *text != '\0')
    g_hash_table_add (findings.data, g_strdup (text));
}

static void
add_money (const RdMoney *money)
{
  if (money != NULL)
    {
      g_autofree char *shown = rd_format_money (money);
      g_autofree char *param = rd_phrasebook_money_to_param (money);
      g_autofree char *plain = rd_phrasebook_format_money (param);

      add_data (shown);
      add_data (plain);
    }
}

/* Dates and times are written by ICU in the locale's own words. */
static void
add_time (GDateTime *time)
{
  if (time != NULL)
    {
      g_autofree char *date_time = rd_format_date_time (time);
      g_autofree char *date = rd_format_date (time);

      add_data (date_time);
      add_data (date);
    }
}

static void
add_party (RdParty *party)
{
  if (party != NULL)
    {
      add_data (party->name);
      add_data (party->id);
    }
}

static void
add_item (RdOrderItem *item)
{
  if (item == NULL)
    return;
  add_data (item->sku);
  add_data (item->title);
  add_money (item->unit_price);
  if (item->unit_price != NULL)
    {
      g_autoptr(RdMoney) total = rd_money_new (item->unit_price->amount * (gint64) MAX (item->quantity, 1),
                                               item->unit_price->currency);

      add_money (total);
    }
}

static void
add_case (RdCase *kase)
{
  add_data (kase->id);
  add_data (kase->order_id);
  add_data (kase->order_number);
  add_item (kase->item);
  add_party (kase->buyer);
  add_party (kase->seller);
  add_money (kase->requested_amount);
  add_data (kase->description);
  add_time (kase->created_at);
  add_time (kase->updated_at);
  add_time (kase->respond_by);
  if (kase->resolution != NULL)
    {
      add_money (kase->resolution->amount);
      add_time (kase->resolution->at);
    }
  if (kase->rating != NULL)
    add_data (kase->rating->comment);
  for (guint i = 0; kase->events != NULL && i < kase->events->len; i++)
    {
      RdEvent *event = g_ptr_array_index (kase->events, i);

      add_data (event->id);
      add_time (event->at);
      add_party (event->actor);
      add_data (event->text);
      add_data (event->reason);
      add_data (event->carrier);
      add_data (event->tracking);
      add_data (event->note);
      add_data (event->comment);
      add_money (event->amount);
      if (event->template_params != NULL)
        {
          GHashTableIter iter;
          gpointer name, value;

          g_hash_table_iter_init (&iter, event->template_params);
          while (g_hash_table_iter_next (&iter, &name, &value))
            {
              g_autofree char *shown = rd_phrasebook_format_money (value);

              add_data (value);
              add_data (shown);
            }
        }
    }
  for (guint i = 0; kase->offers != NULL && i < kase->offers->len; i++)
    {
      RdOffer *offer = g_ptr_array_index (kase->offers, i);

      add_data (offer->id);
      add_time (offer->at);
      add_data (offer->note);
      add_money (offer->amount);
    }
  for (guint i = 0; kase->evidence != NULL && i < kase->evidence->len; i++)
    {
      RdEvidence *evidence = g_ptr_array_index (kase->evidence, i);
      /* GLib writes the size with its own units ("12.3 kB"). */
      g_autofree char *size = g_format_size (evidence->size);

      add_data (evidence->id);
      add_data (evidence->filename);
      add_time (evidence->at);
      add_party (evidence->by);
      add_data (size);
    }
}

static int
longest_first (gconstpointer a,
               gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a), lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

/* The data strings, longest first, so that a name inside a longer title
 * does not cut the title apart before it is matched. */
static void
rebuild_data_list (void)
{
  GHashTableIter iter;
  gpointer key;

  g_clear_pointer (&findings.data_list, g_ptr_array_unref);
  findings.data_list = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, findings.data);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (findings.data_list, key);
  g_ptr_array_sort (findings.data_list, longest_first);
}

/* Everything the session's store holds that a screen may show as it is. */
static void
collect_data (RdSession *session)
{
  /* Names that are never translated: the application's, the demo's people
   * (the account menu names them before they log in), and the languages
   * of the preferences, each named in itself. */
  static const char * const fixed[] = {
    "Redress", "Ana Ribeiro", "Li Wei", "Kai's Gadgets", "Sol Outfitters", "Mia Okafor",
    "English", "Deutsch", "Español", "Français", "Italiano", "Português (Brasil)", "Polski",
    "Türkçe", "中文（简体）", "日本語", "العربية",
  };
  RdStore *store;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) orders = NULL;

  g_clear_pointer (&findings.data, g_hash_table_unref);
  findings.data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    add_data (fixed[i]);

  if (session != NULL)
    {
      RdUser *user = rd_session_get_user (session);

      store = rd_session_get_store (session);
      if (user != NULL)
        {
          add_data (user->name);
          add_data (user->id);
        }
      add_data (rd_session_get_login (session));
      add_data (rd_session_get_url (session));

      cases = rd_store_list_all_cases (store, NULL);
      for (guint i = 0; cases != NULL && i < cases->len; i++)
        {
          RdCase *listed = g_ptr_array_index (cases, i);
          g_autoptr(RdCase) kase = rd_store_get_case (store, listed->id, NULL);

          add_case (kase != NULL ? kase : listed);
        }
      orders = rd_store_list_orders (store, NULL);
      for (guint i = 0; orders != NULL && i < orders->len; i++)
        {
          RdOrder *order = g_ptr_array_index (orders, i);

          add_data (order->id);
          add_data (order->number);
          add_party (order->buyer);
          add_party (order->seller);
          add_money (order->total);
          add_data (order->carrier);
          add_data (order->tracking);
          add_time (order->ordered_at);
          add_time (order->shipped_at);
          add_time (order->delivered_at);
          for (guint j = 0; j < order->items->len; j++)
            add_item (g_ptr_array_index (order->items, j));
        }
    }

  rebuild_data_list ();
}

/* --- Judging a text ---------------------------------------------------------------------- */

/* Whether @text is translated or data: nothing alphabetic is left once the
 * marked parts (nested ones too), the data and addresses are taken out. */
static gboolean
text_is_accounted_for (const char *text)
{
  g_autoptr(GString) rest = g_string_new (NULL);
  int depth = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == OPEN_MARK)
        depth++;
      else if (c == CLOSE_MARK)
        depth = MAX (depth - 1, 0);
      else if (depth == 0)
        g_string_append_unichar (rest, c);
    }

  for (guint i = 0; i < findings.data_list->len && rest->len > 0; i++)
    g_string_replace (rest, g_ptr_array_index (findings.data_list, i), " ", 0);

  /* Addresses the user typed or the platform has ("http://127.0.0.1:…/"). */
  for (char *url; (url = strstr (rest->str, "http://")) != NULL || (url = strstr (rest->str, "https://")) != NULL;)
    {
      gsize start = url - rest->str, end = start;

      while (end < rest->len && !g_ascii_isspace (rest->str[end]))
        end++;
      g_string_erase (rest, start, end - start);
    }

  for (const char *p = rest->str; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* What the toolkit shows of its own and translates in its own catalogs:
 * the peek button of a password row, and the header of the shortcuts
 * window. */
static const struct
{
  const char *domain;
  const char *msgid;
} toolkit_strings[] = {
  { "libadwaita", "Show Text" },
  { "libadwaita", "Hide Text" },
  { "gtk40", "Shortcuts" },
};

static gboolean
is_toolkit_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (toolkit_strings); i++)
    if (g_strcmp0 (text, g_dgettext (toolkit_strings[i].domain, toolkit_strings[i].msgid)) == 0)
      return TRUE;
  return FALSE;
}

static void
check_text (const char *path,
            const char *kind,
            const char *text)
{
  g_autofree char *message = NULL;

  if (text == NULL || *text == '\0')
    return;
  findings.n_texts++;
  if (text_is_accounted_for (text) || is_toolkit_string (text))
    return;
  message = g_strdup_printf ("%s «%s»", kind, text);
  report (findings.escaped, path, message);
}

/* The accessible property @property of @widget as the app set it, or NULL
 * (GTK_A11Y=test keeps them where tests can read them). */
static char *
accessible_property (GtkWidget             *widget,
                     GtkAccessibleProperty  property)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return NULL;
  /* There is no getter in GTK 4.8: a check against a value that cannot
   * match answers with the value it found. */
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, "\001");
}

/* --- Walking the widgets -------------------------------------------------------------------- */

/* Parts that the toolkit makes and translates itself (gtk40, libadwaita):
 * the window's buttons, the insides of entries and spin buttons, the keys
 * of a shortcut or a menu item, a shortcuts window's own header and
 * search, and the initials of an avatar. */
static gboolean
toolkit_part (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_WINDOW_CONTROLS (widget) || GTK_IS_SHORTCUT_LABEL (widget))
    return TRUE;
  /* A menu item's keys ("Ctrl+N"), written by GTK in its own words. */
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_widget_get_css_name (widget), "accelerator") == 0)
    return TRUE;
  /* An avatar's initials, which it takes from a name. */
  if (parent != NULL && gtk_widget_get_ancestor (parent, ADW_TYPE_AVATAR) != NULL)
    return TRUE;
  if ((GTK_IS_SEARCH_BAR (widget) || GTK_IS_HEADER_BAR (widget)) &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUTS_WINDOW) != NULL)
    return TRUE;
  if (parent != NULL && (GTK_IS_SPIN_BUTTON (parent) || GTK_IS_PASSWORD_ENTRY (parent) ||
                         GTK_IS_SEARCH_ENTRY (parent)))
    return TRUE;
  return FALSE;
}

/* The control that @widget is an inner part of, if any: a menu button's or
 * drop-down's own toggle button carries no name of its own. */
static gboolean
inner_part (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return parent != NULL && (GTK_IS_MENU_BUTTON (parent) || GTK_IS_DROP_DOWN (parent));
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_SCALE (widget) || GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         GTK_IS_PASSWORD_ENTRY (widget) ||
         (GTK_IS_TEXT_VIEW (widget) && gtk_text_view_get_editable (GTK_TEXT_VIEW (widget)));
}

static gboolean
has_label_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        return TRUE;
      if (has_label_text (child))
        return TRUE;
    }
  return FALSE;
}

/* What a widget that names another is called: a label's text, its own
 * accessible name, or a row's title. */
static gboolean
gives_a_name (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return *gtk_label_get_text (GTK_LABEL (widget)) != '\0';
  if (ADW_IS_PREFERENCES_ROW (widget))
    return *adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)) != '\0';
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Whether something with a name labels @widget (a label's mnemonic widget,
 * a row it sits in).  GTK 4.8 has no getter: a check against an empty list
 * answers with the list it found, "GtkLabel<0x…> AdwActionRow<0x…>", and
 * each is looked up among the widgets of the same window (never followed
 * blindly).  An icon button is "labelled" by its own image, which names
 * nothing. */
static gboolean
labelled_by_something_named (GtkWidget *widget)
{
  g_autofree char *found = NULL;
  g_auto(GStrv) refs = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));

  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return FALSE;
  found = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, NULL);
  if (found == NULL || root == NULL)
    return FALSE;
  all = rd_case_test_all (root, GTK_TYPE_WIDGET);
  refs = g_strsplit (found, " ", -1);
  for (guint i = 0; refs[i] != NULL; i++)
    {
      const char *at = strchr (refs[i], '<');
      gpointer address;

      if (at == NULL)
        continue;
      address = GSIZE_TO_POINTER (g_ascii_strtoull (at + 1, NULL, 16));
      for (guint j = 0; j < all->len; j++)
        if (g_ptr_array_index (all, j) == address && gives_a_name (address))
          return TRUE;
    }
  return FALSE;
}

/* A name a screen reader can read: its own text, a tooltip, an accessible
 * label, a label that names it, or the title of the row it is the
 * activatable widget of. */
static gboolean
control_is_named (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (has_label_text (widget) || (tooltip != NULL && *tooltip != '\0'))
    return TRUE;
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      labelled_by_something_named (widget))
    return TRUE;
  if (row != NULL && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget &&
      *adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) != '\0')
    return TRUE;
  return FALSE;
}

static void
append_step (GString   *path,
             GtkWidget *widget)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

  g_string_append_c (path, '/');
  g_string_append (path, G_OBJECT_TYPE_NAME (widget));
  if (id != NULL)
    g_string_append_printf (path, "#%s", id);
}

static gboolean
inside_scrolled (GtkWidget *widget,
                 GtkWidget *root)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL && w != root; w = gtk_widget_get_parent (w))
    if (GTK_IS_SCROLLED_WINDOW (w) || GTK_IS_POPOVER (w))
      return TRUE;
  return GTK_IS_POPOVER (widget);
}

/* A page that slides or fades in is measured once it has arrived. */
static gboolean
in_transition (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if ((GTK_IS_STACK (w) && gtk_stack_get_transition_running (GTK_STACK (w))) ||
        (ADW_IS_LEAFLET (w) && adw_leaflet_get_child_transition_running (ADW_LEAFLET (w))))
      return TRUE;
  return FALSE;
}

/* The main window at 1280×800: nothing outside it, nothing to scroll
 * sideways. */
static void
check_overflow (GtkWidget *widget,
                GtkWidget *root,
                const char *path)
{
  graphene_rect_t bounds;
  int width = gtk_widget_get_width (root);

  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (widget));
      GtkPolicyType policy;

      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (widget), &policy, NULL);
      if (policy != GTK_POLICY_NEVER &&
          gtk_adjustment_get_upper (h) - gtk_adjustment_get_lower (h) > gtk_adjustment_get_page_size (h) + 1)
        {
          g_autofree char *message = g_strdup_printf ("scrolls sideways: %.0f wide in %.0f",
                                                      gtk_adjustment_get_upper (h) - gtk_adjustment_get_lower (h),
                                                      gtk_adjustment_get_page_size (h));

          report (findings.overflow, path, message);
        }
    }

  if (inside_scrolled (widget, root) || in_transition (widget) ||
      !gtk_widget_compute_bounds (widget, root, &bounds))
    return;
  if (bounds.origin.x < -1 || bounds.origin.x + bounds.size.width > width + 1)
    {
      g_autofree char *message = g_strdup_printf ("spans %.0f..%.0f of %d", bounds.origin.x,
                                                  bounds.origin.x + bounds.size.width, width);

      report (findings.overflow, path, message);
    }
}

static void walk_widget (GtkWidget *widget, GtkWidget *root, GString *path);

static void
walk_children (GtkWidget *widget,
               GtkWidget *root,
               GString   *path)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk_widget (child, root, path);
}

static void
walk_widget (GtkWidget *widget,
             GtkWidget *root,
             GString   *path)
{
  gsize len = path->len;
  GParamSpec *placeholder;
  g_autofree char *accessible_label = NULL;
  g_autofree char *accessible_description = NULL;

  if (!gtk_widget_is_visible (widget) || !gtk_widget_get_mapped (widget) || toolkit_part (widget))
    return;
  append_step (path, widget);

  if (GTK_IS_LABEL (widget))
    check_text (path->str, "text", gtk_label_get_text (GTK_LABEL (widget)));
  check_text (path->str, "tooltip", gtk_widget_get_tooltip_text (widget));
  placeholder = g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "placeholder-text");
  if (placeholder != NULL && placeholder->value_type == G_TYPE_STRING)
    {
      g_autofree char *text = NULL;

      g_object_get (widget, "placeholder-text", &text, NULL);
      check_text (path->str, "placeholder", text);
    }
  /* A label's accessible name is its text, checked above. */
  if (!GTK_IS_LABEL (widget))
    {
      accessible_label = accessible_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL);
      check_text (path->str, "accessible name", accessible_label);
    }
  accessible_description = accessible_property (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  check_text (path->str, "accessible description", accessible_description);
  if (GTK_IS_WINDOW (widget))
    check_text (path->str, "window title", gtk_window_get_title (GTK_WINDOW (widget)));

  if (is_control (widget) && !inner_part (widget) && !control_is_named (widget))
    report (findings.unnamed, path->str, "no label, tooltip or accessible name");

  if (root == WIN && widget != root)
    check_overflow (widget, root, path->str);

  walk_children (widget, root, path);
  g_string_truncate (path, len);
}

/* A shortcuts window lists its titles in sections that are not all on
 * screen at once: each shortcut, group and section by its properties. */
static void
walk_shortcuts (GtkWidget *widget,
                GString   *path)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gsize len = path->len;

      append_step (path, child);
      if (GTK_IS_SHORTCUTS_SHORTCUT (child) || GTK_IS_SHORTCUTS_GROUP (child) || GTK_IS_SHORTCUTS_SECTION (child))
        {
          g_autofree char *title = NULL;

          g_object_get (child, "title", &title, NULL);
          check_text (path->str, "shortcut title", title);
          if (GTK_IS_SHORTCUTS_SHORTCUT (child))
            {
              g_autofree char *subtitle = NULL;

              g_object_get (child, "subtitle", &subtitle, NULL);
              check_text (path->str, "shortcut subtitle", subtitle);
            }
        }
      walk_shortcuts (child, path);
      g_string_truncate (path, len);
    }
}

static void
check_size (GtkWidget *toplevel,
            const char *path)
{
  int min_w, nat_w, min_h, nat_h;
  int width = gtk_widget_get_width (toplevel), height = gtk_widget_get_height (toplevel);

  int default_w = 0, default_h = 0;

  gtk_widget_measure (toplevel, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  gtk_widget_measure (toplevel, GTK_ORIENTATION_VERTICAL, -1, &min_h, &nat_h, NULL, NULL);
  if (GTK_IS_WINDOW (toplevel))
    gtk_window_get_default_size (GTK_WINDOW (toplevel), &default_w, &default_h);
  /* A window with a default height opens at that height and scrolls what
   * is taller: its natural height is never asked for.  Its natural width
   * still tells of a text that does not wrap. */
  if (default_h > 0 && default_h <= SCREEN_HEIGHT && nat_h > SCREEN_HEIGHT)
    {
      g_test_message ("[%s] %s: natural height %d, opens at %d and scrolls", findings.screen, path,
                      nat_h, default_h);
      nat_h = default_h;
    }
  if (MAX (min_w, nat_w) > SCREEN_WIDTH || MAX (min_h, nat_h) > SCREEN_HEIGHT ||
      width > SCREEN_WIDTH || height > SCREEN_HEIGHT)
    {
      g_autofree char *message = g_strdup_printf ("minimum %dx%d, natural %dx%d, shown %dx%d",
                                                  min_w, min_h, nat_w, nat_h, width, height);

      report (findings.too_big, path, message);
    }
}

/* Looks at everything on screen now: the main window and every other
 * window shown (dialogs, the assistant, preferences...). */
static void
walk_screen_now (const char *screen)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autofree char *name = g_strdup (screen);

  findings.screen = name;
  g_hash_table_add (findings.screens, g_strdup (screen));

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);
      g_autoptr(GString) path = g_string_new (NULL);

      if (!gtk_widget_get_visible (toplevel) || !gtk_widget_get_mapped (toplevel))
        continue;
      append_step (path, toplevel);
      check_size (toplevel, path->str);
      g_string_truncate (path, 0);
      walk_widget (toplevel, toplevel, path);
      if (GTK_IS_SHORTCUTS_WINDOW (toplevel))
        walk_shortcuts (toplevel, path);
    }
  findings.screen = NULL;
}

/* The same, once what was waiting to happen has happened. */
static void
walk_screen (const char *screen)
{
  rd_case_test_drain ();
  walk_screen_now (screen);
}

/* Opens each menu button on screen in turn and looks at its popover. */
static void
walk_menus (const char *screen)
{
  g_autoptr(GPtrArray) buttons = NULL;

  buttons = rd_case_test_all (WIN, GTK_TYPE_MENU_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);
      GtkPopover *popover = gtk_menu_button_get_popover (button);
      g_autofree char *name = NULL;

      if (!gtk_widget_get_mapped (GTK_WIDGET (button)) || !gtk_widget_is_sensitive (GTK_WIDGET (button)))
        continue;
      gtk_menu_button_popup (button);
      popover = gtk_menu_button_get_popover (button);
      WAIT_UNTIL (popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover)));
      name = g_strdup_printf ("%s, menu %u", screen, i);
      walk_screen (name);
      gtk_menu_button_popdown (button);
      WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (popover)));
    }
}

/* --- Driving the window ---------------------------------------------------------------------- */

static RdSession *
session (void)
{
  return rd_window_get_session (window);
}

static RdCaseList *
case_list (void)
{
  return rd_case_test_first (WIN, RD_TYPE_CASE_LIST);
}

static RdCaseView *
case_view (void)
{
  return rd_case_test_first (WIN, RD_TYPE_CASE_VIEW);
}

static const char *wanted_login;

static gboolean
session_listed (void)
{
  RdSession *s = session ();
  g_autofree char *cursor = NULL;

  if (s == NULL || g_strcmp0 (rd_window_get_page (window), "session") != 0 ||
      g_strcmp0 (rd_session_get_login (s), wanted_login) != 0 ||
      rd_session_get_state (s) != RD_SESSION_STATE_ONLINE)
    return FALSE;
  cursor = rd_store_get_cursor (rd_session_get_store (s));
  return cursor != NULL && g_list_model_get_n_items (G_LIST_MODEL (rd_case_list_get_model (case_list ()))) > 0;
}

static void
start_as (const char *login)
{
  g_autofree char *loading = g_strdup_printf ("%s: opening", login);

  g_autoptr(RdSession) previous = session () != NULL ? g_object_ref (session ()) : NULL;

  wanted_login = login;
  rd_window_start_demo (window, login);
  rd_case_test_drain ();
  /* The spinner page while the account opens, if it is still there: the
   * last account's case may be fading out behind it. */
  if (g_strcmp0 (rd_window_get_page (window), "loading") == 0)
    {
      collect_data (previous);
      walk_screen_now (loading);
    }
  WAIT_UNTIL_FOR (session_listed (), 90);
  rd_test_run_for (300);
  collect_data (session ());
}

static void
walk_filters (const char *login)
{
  RdCaseList *list = case_list ();

  for (guint i = 0; i < rd_case_list_get_n_filters (list); i++)
    {
      g_autofree char *screen = g_strdup_printf ("%s: filter %u", login, i + 1);

      g_assert_true (gtk_widget_activate_action (WIN, "win.filter", "i", (gint32) i));
      WAIT_UNTIL (rd_case_list_get_filter_index (list) == i);
      rd_test_run_for (400);
      walk_screen (screen);
    }

  /* A search that finds nothing says so. */
  {
    g_autofree char *screen = g_strdup_printf ("%s: search without results", login);

    rd_case_list_set_search_text (list, "qqqqzzzz");
    rd_test_run_for (600);
    walk_screen (screen);
    rd_case_list_set_search_text (list, "");
    rd_test_run_for (400);
  }
}

static void
open_case (const char *case_id)
{
  rd_case_list_select_case (case_list (), case_id);
  WAIT_UNTIL (g_strcmp0 (rd_case_view_get_case_id (case_view ()), case_id) == 0 &&
              rd_case_test_is_drawn (rd_case_test_first (WIN, RD_TYPE_CASE_HEADER)));
  rd_test_run_for (300);
}

/* The full cases of the session, one per status where there is one. */
static GPtrArray *
cases_by_status (void)
{
  RdStore *store = rd_session_get_store (session ());
  g_autoptr(GPtrArray) all = rd_store_list_all_cases (store, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean seen[RD_STATUS_N_VALUES] = { FALSE };

  for (guint i = 0; i < all->len; i++)
    {
      RdCase *kase = g_ptr_array_index (all, i);

      if (seen[kase->status])
        continue;
      seen[kase->status] = TRUE;
      g_ptr_array_add (out, rd_store_get_case (store, kase->id, NULL));
    }
  return out;
}

static RdCase *
find_case (gboolean (*pred) (RdCase *kase))
{
  RdStore *store = rd_session_get_store (session ());
  g_autoptr(GPtrArray) all = rd_store_list_all_cases (store, NULL);

  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(RdCase) kase = rd_store_get_case (store, ((RdCase *) g_ptr_array_index (all, i))->id, NULL);

      if (kase != NULL && pred (kase))
        return g_steal_pointer (&kase);
    }
  return NULL;
}

static gboolean
is_open (RdCase *kase)
{
  return kase->status != RD_STATUS_RESOLVED;
}

static gboolean
has_offer (RdCase *kase)
{
  return kase->offers != NULL && kase->offers->len > 0;
}

static gboolean
has_photo (RdCase *kase)
{
  for (guint i = 0; kase->evidence != NULL && i < kase->evidence->len; i++)
    if (g_str_has_prefix (((RdEvidence *) g_ptr_array_index (kase->evidence, i))->mime, "image/"))
      return TRUE;
  return FALSE;
}

static void
walk_cases (const char *login)
{
  g_autoptr(GPtrArray) cases = cases_by_status ();
  g_autoptr(RdCase) open = find_case (is_open);

  g_assert_cmpuint (cases->len, >, 0);
  for (guint i = 0; i < cases->len; i++)
    {
      RdCase *kase = g_ptr_array_index (cases, i);
      g_autofree char *screen = g_strdup_printf ("%s: a case %s", login, rd_status_to_string (kase->status));

      open_case (kase->id);
      walk_screen (screen);
    }

  /* The menus of the window and of the composer (the phrases). */
  if (open != NULL)
    {
      g_autofree char *screen = g_strdup_printf ("%s: an open case", login);

      open_case (open->id);
      walk_menus (screen);
    }
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gpointer
wait_for_window (GType type)
{
  gpointer found = NULL;
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, on_timeout_cb, &timed_out);

  while ((found = rd_case_test_find_window (type)) == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  if (found == NULL)
    g_error ("no %s was shown", g_type_name (type));
  /* Shown and laid out. */
  WAIT_UNTIL (gtk_widget_get_mapped (found) && gtk_widget_get_width (found) > 0);
  rd_test_run_for (200);
  return found;
}

static void
close_window (GtkWindow *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (dialog);
  rd_case_test_drain ();
  if (dialog != NULL)
    {
      gtk_window_destroy (dialog);
      rd_case_test_drain ();
    }
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
}

static void
on_dialog_done_cb (GtkWidget *owner,
                   RdAction  *action)
{
  /* Nothing is sent: the test only looks. */
}

typedef void (*AskFunc) (GtkWidget *owner, RdCase *kase, RdActionDialogDone done);

static void
walk_ask (const char *screen,
          AskFunc     ask,
          RdCase     *kase)
{
  AdwMessageDialog *dialog;

  open_case (kase->id);
  ask (GTK_WIDGET (case_view ()), kase, on_dialog_done_cb);
  dialog = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  walk_screen (screen);
  close_window (GTK_WINDOW (dialog));
}

static void
walk_offer_dialogs (const char *login)
{
  g_autoptr(RdCase) kase = find_case (has_offer);
  g_autofree char *accept = g_strdup_printf ("%s: accept an offer", login);
  g_autofree char *reject = g_strdup_printf ("%s: reject an offer", login);
  RdOffer *offer;
  AdwMessageDialog *dialog;

  g_assert_nonnull (kase);
  offer = g_ptr_array_index (kase->offers, 0);
  open_case (kase->id);
  rd_action_dialog_accept_offer (GTK_WIDGET (case_view ()), kase, offer, on_dialog_done_cb);
  dialog = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  walk_screen (accept);
  close_window (GTK_WINDOW (dialog));
  rd_action_dialog_reject_offer (GTK_WIDGET (case_view ()), kase, offer, on_dialog_done_cb);
  dialog = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  walk_screen (reject);
  close_window (GTK_WINDOW (dialog));
}

/* The form of each phrase with parameters that @role can send. */
static void
walk_phrase_dialogs (const char *login,
                     RdRole      role)
{
  g_autoptr(RdCase) kase = find_case (is_open);

  g_assert_nonnull (kase);
  open_case (kase->id);
  for (guint i = 0; i < rd_phrasebook_get_n_phrases (); i++)
    {
      const RdPhrase *phrase = rd_phrasebook_get_phrase (i);
      g_autofree char *screen = NULL;
      AdwMessageDialog *dialog;

      if (!rd_phrase_is_for_role (phrase, role) || rd_phrase_get_params (phrase)[0] == NULL)
        continue;
      screen = g_strdup_printf ("%s: the phrase %s", login, rd_phrase_get_id (phrase));
      rd_action_dialog_phrase (GTK_WIDGET (case_view ()), kase, phrase, "en", on_dialog_done_cb);
      dialog = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
      walk_screen (screen);
      close_window (GTK_WINDOW (dialog));
    }
}

static void
walk_evidence_viewer (const char *login)
{
  g_autoptr(RdCase) kase = find_case (has_photo);
  g_autofree char *screen = g_strdup_printf ("%s: a photo", login);
  RdEvidenceThumbnail *thumbnail;
  RdEvidenceViewer *viewer;

  if (kase == NULL)
    return;
  open_case (kase->id);
  thumbnail = rd_case_test_first (WIN, RD_TYPE_EVIDENCE_THUMBNAIL);
  g_assert_nonnull (thumbnail);
  WAIT_UNTIL (rd_evidence_thumbnail_is_loaded (thumbnail));
  gtk_widget_activate (GTK_WIDGET (thumbnail));
  viewer = wait_for_window (RD_TYPE_EVIDENCE_VIEWER);
  rd_test_run_for (500);
  walk_screen (screen);
  close_window (GTK_WINDOW (viewer));
}

/* --- The new-dispute assistant --------------------------------------------------------------------- */

static GtkStack *
assistant_stack (GtkWidget *dialog)
{
  return rd_case_test_first (dialog, GTK_TYPE_STACK);
}

/* The row of @page whose labels include one reading exactly @text. */
static GtkWidget *
assistant_row (GtkWidget  *dialog,
               const char *page,
               const char *text)
{
  GtkWidget *page_widget = gtk_stack_get_child_by_name (assistant_stack (dialog), page);
  g_autoptr(GPtrArray) rows = rd_case_test_all (page_widget, GTK_TYPE_LIST_BOX_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) labels = rd_case_test_all (g_ptr_array_index (rows, i), GTK_TYPE_LABEL);

      for (guint j = 0; j < labels->len; j++)
        if (strstr (gtk_label_get_text (g_ptr_array_index (labels, j)), text) != NULL)
          return g_ptr_array_index (rows, i);
    }
  return NULL;
}

static void
assistant_next (GtkWidget  *dialog,
                const char *page)
{
  g_assert_true (gtk_widget_activate_action (dialog, "dispute.next", NULL));
  WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (assistant_stack (dialog)), page) == 0);
  /* Past the slide. */
  WAIT_UNTIL (!gtk_stack_get_transition_running (assistant_stack (dialog)));
  rd_test_run_for (200);
}

static void
walk_new_dispute (void)
{
  RdStore *store = rd_session_get_store (session ());
  g_autoptr(GPtrArray) orders = rd_store_list_orders (store, NULL);
  g_autoptr(GPtrArray) cases = rd_store_list_all_cases (store, NULL);
  g_autoptr(GDateTime) now = rd_session_now (session ());
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RdOrder *order = NULL;
  RdOrderItem *item = NULL;
  int reason = -1;
  GtkWidget *dialog;
  const char *description = "The strap came off on the second day; the buckle is cracked.";

  for (guint i = 0; i < cases->len; i++)
    {
      RdCase *kase = g_ptr_array_index (cases, i);

      if (kase->status != RD_STATUS_RESOLVED && kase->item != NULL)
        g_hash_table_add (taken, g_strconcat (kase->order_id, "\n", kase->item->sku, NULL));
    }
  /* An item without an open case, and a reason open for it: the
   * assistant can go all the way to its review. */
  for (guint i = 0; i < orders->len && reason < 0; i++)
    {
      RdOrder *o = g_ptr_array_index (orders, i);

      for (guint j = 0; j < o->items->len && reason < 0; j++)
        {
          RdOrderItem *it = g_ptr_array_index (o->items, j);
          g_autofree char *key = g_strconcat (o->id, "\n", it->sku, NULL);

          if (g_hash_table_contains (taken, key))
            continue;
          for (int r = 0; r < RD_REASON_N_VALUES && reason < 0; r++)
            if (rd_policy_can_file (o, r, now))
              {
                order = o;
                item = it;
                reason = r;
              }
        }
    }
  g_assert_nonnull (order);

  g_assert_true (gtk_widget_activate_action (WIN, "win.new-dispute", NULL));
  dialog = wait_for_window (RD_TYPE_NEW_DISPUTE_DIALOG);
  walk_screen ("ana: new dispute, order");

  gtk_widget_activate (assistant_row (dialog, "order", order->number));
  assistant_next (dialog, "problem");
  walk_screen ("ana: new dispute, problem");
  if (order->items->len > 1)
    {
      gtk_widget_activate (assistant_row (dialog, "problem", item->title));
      rd_test_run_for (200);
    }
  gtk_widget_activate (assistant_row (dialog, "problem", rd_reason_label (reason)));
  rd_test_run_for (200);
  walk_screen ("ana: new dispute, problem chosen");
  assistant_next (dialog, "details");
  walk_screen ("ana: new dispute, details (empty)");
  rd_case_test_type_text (gtk_stack_get_child_by_name (assistant_stack (dialog), "details"), description);
  /* What the user typed is theirs: the review shows it as it is. */
  add_data (description);
  rebuild_data_list ();
  rd_test_run_for (200);
  walk_screen ("ana: new dispute, details");
  assistant_next (dialog, "outcome");
  walk_screen ("ana: new dispute, outcome");
  gtk_widget_activate (assistant_row (dialog, "outcome", rd_outcome_type_label (RD_OUTCOME_TYPE_PARTIAL_REFUND)));
  rd_test_run_for (600);
  walk_screen ("ana: new dispute, partial refund");
  gtk_widget_activate (assistant_row (dialog, "outcome", rd_outcome_type_label (RD_OUTCOME_TYPE_FULL_REFUND)));
  rd_test_run_for (600);
  assistant_next (dialog, "review");
  walk_screen ("ana: new dispute, review");
  close_window (GTK_WINDOW (dialog));
}

/* --- Preferences, shortcuts, About --------------------------------------------------------------------- */

static void
walk_preferences (void)
{
  GtkWidget *preferences;
  AdwComboRow *service = NULL, *language = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  AdwMessageDialog *restart;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = wait_for_window (RD_TYPE_PREFERENCES_WINDOW);
  walk_screen ("preferences");

  rows = rd_case_test_all (preferences, ADW_TYPE_COMBO_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *id = gtk_buildable_get_buildable_id (g_ptr_array_index (rows, i));

      if (g_strcmp0 (id, "translation_service_row") == 0)
        service = g_ptr_array_index (rows, i);
      else if (g_strcmp0 (id, "language_row") == 0)
        language = g_ptr_array_index (rows, i);
    }

  /* A translation service shows its address and key. */
  g_assert_nonnull (service);
  for (guint s = 1; s < g_list_model_get_n_items (adw_combo_row_get_model (service)); s++)
    {
      g_autofree char *screen = g_strdup_printf ("preferences, translation service %u", s);

      adw_combo_row_set_selected (service, s);
      rd_test_run_for (300);
      walk_screen (screen);
    }
  adw_combo_row_set_selected (service, 0);

  /* Another language asks to restart. */
  g_assert_nonnull (language);
  adw_combo_row_set_selected (language, 2);
  restart = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  walk_screen ("preferences, restart in another language");
  close_window (GTK_WINDOW (restart));
  adw_combo_row_set_selected (language, 0);
  rd_case_test_drain ();
  if ((restart = rd_case_test_find_message_dialog ()) != NULL)
    close_window (GTK_WINDOW (restart));

  close_window (GTK_WINDOW (preferences));
}

static void
walk_shortcuts_window (void)
{
  GtkWidget *shortcuts;

  g_assert_true (gtk_widget_activate_action (WIN, "win.show-help-overlay", NULL));
  shortcuts = wait_for_window (GTK_TYPE_SHORTCUTS_WINDOW);
  walk_screen ("shortcuts");
  gtk_widget_set_visible (shortcuts, FALSE);
  rd_case_test_drain ();
}

static void
walk_about (void)
{
  AdwAboutWindow *about;
  g_autofree char *title = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = wait_for_window (ADW_TYPE_ABOUT_WINDOW);
  /* The window's own headings are libadwaita's; ours are its properties. */
  findings.screen = "about";
  g_hash_table_add (findings.screens, g_strdup ("about"));
  check_text ("AdwAboutWindow", "comments", adw_about_window_get_comments (about));
  check_text ("AdwAboutWindow", "developer name", adw_about_window_get_developer_name (about));
  check_text ("AdwAboutWindow", "copyright", adw_about_window_get_copyright (about));
  check_text ("AdwAboutWindow", "translator credits", adw_about_window_get_translator_credits (about));
  findings.screen = NULL;
  check_size (GTK_WIDGET (about), "AdwAboutWindow");
  close_window (GTK_WINDOW (about));
}

/* --- The tests ------------------------------------------------------------------------------------- */

static void
test_catalog (void)
{
  /* The pseudo-language is the one in use: the app's own words wear the
   * markers. */
  g_assert_nonnull (strstr (gettext (""), "Language: xx"));
  g_assert_true (g_str_has_prefix (rd_status_label (RD_STATUS_RESOLVED), "⟦"));
  g_assert_true (g_str_has_prefix (_("Same as the system"), "⟦"));
}

/* The checks themselves, on a window made to fail them: they must find
 * exactly what is wrong in it. */
static void
test_self_check (void)
{
  GtkWidget *dialog = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *named = gtk_button_new_from_icon_name ("mail-attachment-symbolic");
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *hidden = gtk_label_new ("Hidden words");
  g_autofree char *wide = g_strnfill (400, 'M');
  enum { ESCAPED, UNNAMED, TOO_BIG };
  static const struct
  {
    int         list;
    const char *text;
    gboolean    found;
  } expected[] = {
    { ESCAPED, "«Plain words»", TRUE },
    { ESCAPED, "«⟦Half···⟧ of it»", TRUE },
    { ESCAPED, "placeholder «Search»", TRUE },
    { ESCAPED, "Hidden", FALSE },
    { ESCAPED, "⟦Marked", FALSE },
    { ESCAPED, "Ana Ribeiro", FALSE },
    { ESCAPED, "Attach", FALSE },
    { UNNAMED, "GtkButton", TRUE },
    { TOO_BIG, "AdwWindow", TRUE },
  };

  findings_reset ();

  gtk_box_append (GTK_BOX (box), gtk_label_new ("⟦Marked···⟧"));
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Plain words"));
  gtk_box_append (GTK_BOX (box), gtk_label_new ("⟦Half···⟧ of it"));
  gtk_box_append (GTK_BOX (box), gtk_label_new ("⟦⟦Ana Ribeiro⟧ wrote···⟧ · Ana Ribeiro, 19:40 — 2 / 4000"));
  gtk_box_append (GTK_BOX (box), gtk_button_new_from_icon_name ("list-add-symbolic"));
  gtk_widget_set_tooltip_text (named, "⟦Attach a File···⟧");
  gtk_box_append (GTK_BOX (box), named);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "Search");
  gtk_box_append (GTK_BOX (box), entry);
  gtk_widget_set_visible (hidden, FALSE);
  gtk_box_append (GTK_BOX (box), hidden);
  gtk_box_append (GTK_BOX (box), gtk_label_new (wide));
  adw_window_set_content (ADW_WINDOW (dialog), box);
  gtk_window_set_title (GTK_WINDOW (dialog), "⟦Self-check···⟧");
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (dialog));
  rd_test_run_for (200);
  walk_screen ("self-check");
  gtk_window_destroy (GTK_WINDOW (dialog));
  rd_case_test_drain ();

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if ((strstr ((expected[i].list == ESCAPED ? findings.escaped
                  : expected[i].list == UNNAMED ? findings.unnamed
                  : findings.too_big)->str, expected[i].text) != NULL) != expected[i].found)
      g_test_fail_printf ("the checks %s «%s»:\nescaped:\n%sunnamed:\n%stoo big:\n%s",
                          expected[i].found ? "missed" : "wrongly reported", expected[i].text,
                          findings.escaped->str, findings.unnamed->str, findings.too_big->str);
  /* One control without a name, not the one with a tooltip. */
  {
    const char *first = strstr (findings.unnamed->str, "GtkButton");

    g_assert_nonnull (first);
    g_assert_null (strstr (first + 1, "GtkButton"));
  }
}

static void
test_welcome (void)
{
  RdWelcomePage *welcome = rd_case_test_first (WIN, RD_TYPE_WELCOME_PAGE);
  g_autoptr(GError) error = g_error_new_literal (RD_ERROR, RD_ERROR_UNAUTHORIZED, "unauthorized");

  findings_reset ();
  collect_data (NULL);
  g_assert_cmpstr (rd_window_get_page (window), ==, "welcome");
  walk_screen ("welcome");
  walk_menus ("welcome");
  rd_welcome_page_show_error (welcome, error);
  rd_test_run_for (300);
  walk_screen ("welcome, wrong password");
  walk_preferences ();
  walk_shortcuts_window ();
  walk_about ();
  findings_conclude ("the welcome page");
}

static void
test_buyer (void)
{
  g_autoptr(RdCase) open = NULL;
  g_autoptr(RdCase) resolved = NULL;

  findings_reset ();
  start_as ("ana");
  walk_filters ("ana");
  walk_cases ("ana");
  walk_evidence_viewer ("ana");
  open = find_case (is_open);
  g_assert_nonnull (open);
  walk_ask ("ana: escalate", rd_action_dialog_escalate, open);
  walk_ask ("ana: withdraw", rd_action_dialog_withdraw, open);
  walk_ask ("ana: ship the return", rd_action_dialog_ship_return, open);
  walk_ask ("ana: rate", rd_action_dialog_rate, open);
  walk_offer_dialogs ("ana");
  walk_phrase_dialogs ("ana", RD_ROLE_BUYER);
  walk_new_dispute ();
  walk_shortcuts_window ();
  findings_conclude ("the buyer");
}

static gboolean
awaits_seller (RdCase *kase)
{
  return kase->status == RD_STATUS_AWAITING_SELLER;
}

static gboolean
return_pending (RdCase *kase)
{
  return kase->status == RD_STATUS_RETURN_PENDING;
}

static void
test_seller (void)
{
  g_autoptr(RdCase) claim = NULL;
  g_autoptr(RdCase) returning = NULL;
  RdRespondDialog *respond;
  AdwViewStack *stack;
  RdQualityPage *quality;
  static const RdRespondChoice choices[] = {
    RD_RESPOND_ACCEPT, RD_RESPOND_OFFER, RD_RESPOND_ASK, RD_RESPOND_CONFIRM_RETURN,
  };

  findings_reset ();
  start_as ("kai");
  walk_filters ("kai");
  walk_cases ("kai");

  /* Respond, with each answer chosen in turn. */
  claim = find_case (awaits_seller);
  g_assert_nonnull (claim);
  open_case (claim->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (case_view ()), "case.respond", NULL));
  respond = wait_for_window (RD_TYPE_RESPOND_DIALOG);
  walk_screen ("kai: respond");
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autofree char *screen = g_strdup_printf ("kai: respond, answer %u", choices[i]);

      rd_respond_dialog_set_choice (respond, choices[i]);
      rd_test_run_for (500);
      walk_screen (screen);
    }
  rd_respond_dialog_set_offer (respond, RD_OUTCOME_TYPE_PARTIAL_REFUND, 100000000, NULL);
  rd_test_run_for (500);
  walk_screen ("kai: respond, an amount too high");
  close_window (GTK_WINDOW (respond));

  walk_ask ("kai: accept the claim", rd_action_dialog_accept_claim, claim);
  returning = find_case (return_pending);
  if (returning != NULL)
    walk_ask ("kai: confirm the return", rd_action_dialog_confirm_return, returning);
  walk_phrase_dialogs ("kai", RD_ROLE_SELLER);

  /* The Quality page. */
  stack = rd_case_test_first (WIN, ADW_TYPE_VIEW_STACK);
  quality = rd_case_test_first (WIN, RD_TYPE_QUALITY_PAGE);
  g_assert_nonnull (stack);
  g_assert_nonnull (quality);
  adw_view_stack_set_visible_child_name (stack, "quality");
  WAIT_UNTIL_FOR (rd_quality_page_get_report (quality) != NULL, 30);
  rd_test_run_for (500);
  walk_screen ("kai: quality");
  adw_view_stack_set_visible_child_name (stack, "cases");
  rd_test_run_for (300);

  findings_conclude ("the seller");
}

static gboolean
under_review (RdCase *kase)
{
  return kase->status == RD_STATUS_UNDER_REVIEW;
}

static void
test_agent (void)
{
  g_autoptr(RdCase) review = NULL;
  RdRuleDialog *rule;
  AdwMessageDialog *confirm;
  g_autoptr(RdMoney) total = NULL;

  findings_reset ();
  start_as ("mia");
  walk_filters ("mia");
  walk_cases ("mia");
  walk_phrase_dialogs ("mia", RD_ROLE_AGENT);

  review = find_case (under_review);
  g_assert_nonnull (review);
  open_case (review->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (case_view ()), "case.rule", NULL));
  rule = wait_for_window (RD_TYPE_RULE_DIALOG);
  walk_screen ("mia: rule");
  total = rd_action_dialog_item_total (review);
  rd_rule_dialog_set_ruling (rule, RD_DECISION_SPLIT, total != NULL ? total->amount * 10 : 100000, NULL);
  rd_test_run_for (500);
  walk_screen ("mia: rule, a split too high");
  rd_rule_dialog_set_ruling (rule, RD_DECISION_SPLIT, total != NULL ? total->amount / 2 : 500,
                             "Half back: the item works but not as listed.");
  rd_test_run_for (500);
  walk_screen ("mia: rule, a split");
  confirm = rd_rule_dialog_rule (rule);
  g_assert_nonnull (confirm);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (confirm)));
  rd_test_run_for (200);
  walk_screen ("mia: rule, confirm");
  close_window (GTK_WINDOW (confirm));
  close_window (GTK_WINDOW (rule));

  findings_conclude ("the agent");
}

/* The main window keeps to the screen: the size it was given, whatever the
 * language. */
static void
test_main_window_fits (void)
{
  int min_w, nat_w, min_h, nat_h;

  gtk_widget_measure (WIN, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  gtk_widget_measure (WIN, GTK_ORIENTATION_VERTICAL, -1, &min_h, &nat_h, NULL, NULL);
  g_test_message ("main window: minimum %dx%d, natural %dx%d, shown %dx%d", min_w, min_h, nat_w, nat_h,
                  gtk_widget_get_width (WIN), gtk_widget_get_height (WIN));
  g_assert_cmpint (min_w, <=, SCREEN_WIDTH);
  g_assert_cmpint (min_h, <=, SCREEN_HEIGHT);
  g_assert_cmpint (gtk_widget_get_width (WIN), <=, SCREEN_WIDTH);
  g_assert_cmpint (gtk_widget_get_height (WIN), <=, SCREEN_HEIGHT);
  /* Side by side, not folded into pages. */
  g_assert_false (adw_leaflet_get_folded (rd_case_test_first (WIN, ADW_TYPE_LEAFLET)));
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run the GUI tests through build-aux/run-tests");
}

/* Builds the pseudo-language from the sources into @outdir. */
static void
make_pseudo_locale (const char *outdir)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "pseudo", "make-pseudo-locale.py", NULL);
  g_autofree char *srcdir = g_test_build_filename (G_TEST_DIST, "..", NULL);
  const char *argv[] = { "python3", script, srcdir, outdir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    g_error ("could not run %s: %s", script, error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s%s", script, error->message, out, err);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *config = NULL;
  g_autofree char *locale_dir = NULL;
  int ret;

  /* Nothing of the user's; accessible names kept where tests read them. */
  tmpdir = rd_test_make_tmpdir ("test-pseudo-locale");
  data = g_build_filename (tmpdir, "data", NULL);
  cache = g_build_filename (tmpdir, "cache", NULL);
  config = g_build_filename (tmpdir, "config", NULL);
  locale_dir = g_build_filename (tmpdir, "locale", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, NULL);

  /* The pseudo-language, and the app running in it: the catalog is where
   * the app looks first ($REDRESS_LOCALEDIR, see rd-app-setup.c). */
  make_pseudo_locale (locale_dir);
  g_setenv ("REDRESS_LOCALEDIR", locale_dir, TRUE);
  g_setenv ("LANGUAGE", "xx", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  rd_app_setup_environment ();
  rd_app_setup_i18n ();

  if (!gtk_init_check ())
    {
      g_test_add_func ("/pseudo-locale/no-display", test_no_display);
      return g_test_run ();
    }

  app = rd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = rd_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), SCREEN_WIDTH, SCREEN_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (WIN) && gtk_widget_get_width (WIN) > 0);
  rd_test_run_for (300);

  g_test_add_func ("/pseudo-locale/catalog", test_catalog);
  g_test_add_func ("/pseudo-locale/self-check", test_self_check);
  g_test_add_func ("/pseudo-locale/welcome", test_welcome);
  g_test_add_func ("/pseudo-locale/buyer", test_buyer);
  g_test_add_func ("/pseudo-locale/seller", test_seller);
  g_test_add_func ("/pseudo-locale/agent", test_agent);
  g_test_add_func ("/pseudo-locale/main-window-fits", test_main_window_fits);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  rd_case_test_drain ();
  g_clear_object (&app);
  rd_session_stop_demo ();
  g_clear_pointer (&findings.data, g_hash_table_unref);
  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
