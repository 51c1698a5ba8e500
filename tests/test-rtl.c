/* test-rtl.c — Redress in Arabic: the whole window runs right to left, the
 * case list sits at the right edge, order numbers and tracking codes keep
 * their own direction inside Arabic sentences, and a message that mixes
 * Arabic, Latin and a stray right-to-left override shows exactly as written.
 *
 * Runs the real window in the real Arabic catalog of the build
 * (po/ar.po compiled into $REDRESS_LOCALEDIR) against the demo platform.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-application.h"
#include "rd-case-list.h"
#include "rd-case-row.h"
#include "rd-case-test.h"
#include "rd-timeline.h"
#include "rd-window.h"

#define FSI "\u2068"
#define PDI "\u2069"

static char *tmpdir;
static RdApplication *app;
static RdWindow *window;

#define WIN GTK_WIDGET (window)

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

static AdwLeaflet *
leaflet (void)
{
  return rd_case_test_first (WIN, ADW_TYPE_LEAFLET);
}

static gboolean
session_listed (void)
{
  RdSession *s = session ();
  g_autofree char *cursor = NULL;

  if (s == NULL || g_strcmp0 (rd_window_get_page (window), "session") != 0 ||
      rd_session_get_state (s) != RD_SESSION_STATE_ONLINE)
    return FALSE;
  cursor = rd_store_get_cursor (rd_session_get_store (s));
  return cursor != NULL && g_list_model_get_n_items (G_LIST_MODEL (rd_case_list_get_model (case_list ()))) > 0;
}

/* Opens @case_id in the window, as a click in the list would. */
static void
open_case (const char *case_id)
{
  rd_case_list_select_case (case_list (), case_id);
  WAIT_UNTIL (rd_case_test_first (WIN, RD_TYPE_CASE_HEADER) != NULL &&
              rd_case_test_is_drawn (rd_case_test_first (WIN, RD_TYPE_CASE_HEADER)));
  rd_case_test_drain ();
}

/* Lets the window lay itself out and draw. */
static void
settle (void)
{
  rd_test_run_for (300);
}

static char *
widget_path (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL && w != WIN; w = gtk_widget_get_parent (w))
    {
      g_string_prepend (out, G_OBJECT_TYPE_NAME (w));
      g_string_prepend (out, "/");
    }
  return g_string_free (out, FALSE);
}

/* --- The direction ------------------------------------------------------------------ */

static void
test_default_direction (void)
{
  /* The build's Arabic catalog is the one in use... */
  g_assert_nonnull (strstr (gettext (""), "Language: ar"));
  /* ...and GTK took the direction from the locale at start. */
  g_assert_cmpint (gtk_widget_get_default_direction (), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (WIN), ==, GTK_TEXT_DIR_RTL);
}

static void
assert_rtl (GtkWidget  *widget,
            const char *what)
{
  g_assert_nonnull (widget);
  if (gtk_widget_get_direction (widget) != GTK_TEXT_DIR_RTL)
    {
      g_autofree char *path = widget_path (widget);

      g_test_fail_printf ("%s (%s) is not right to left", what, path);
    }
}

/* A label that shows what someone wrote takes the direction of its text
 * (an English message reads left to right in an Arabic window); nothing
 * else may be left to right. */
static gboolean
may_be_ltr (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoLayoutLine *line;

  if (!GTK_IS_LABEL (widget))
    return FALSE;
  /* The direction of its first strong character, as Pango sees it. */
  layout = gtk_widget_create_pango_layout (widget, gtk_label_get_text (GTK_LABEL (widget)));
  pango_layout_set_auto_dir (layout, TRUE);
  line = pango_layout_get_line_readonly (layout, 0);
  return line != NULL && pango_layout_line_get_resolved_direction (line) == PANGO_DIRECTION_LTR;
}

/* Every widget on screen: nothing was pinned to left to right. */
static void
collect_ltr (GtkWidget *root,
             GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (gtk_widget_get_direction (child) != GTK_TEXT_DIR_RTL && !may_be_ltr (child))
        {
          g_autofree char *path = widget_path (child);

          g_string_append_printf (out, "  %s\n", path);
        }
      collect_ltr (child, out);
    }
}

static void
test_window_mirrors (void)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) ltr = g_string_new (NULL);
  GtkWidget *sidebar, *content;
  graphene_rect_t sidebar_bounds, content_bounds;
  int width = gtk_widget_get_width (WIN);
  guint drawn_rows = 0;

  g_assert_true (rd_case_list_select_first (case_list ()));
  WAIT_UNTIL (rd_case_test_first (WIN, RD_TYPE_TIMELINE) != NULL &&
              rd_case_test_is_drawn (rd_case_test_first (WIN, RD_TYPE_TIMELINE)));
  settle ();

  assert_rtl (WIN, "the window");
  assert_rtl (rd_case_test_first (WIN, RD_TYPE_CASE_HEADER), "the case header");
  assert_rtl (rd_case_test_first (WIN, RD_TYPE_TIMELINE), "the timeline");
  assert_rtl (GTK_WIDGET (case_list ()), "the case list");
  rows = rd_case_test_all (WIN, RD_TYPE_CASE_ROW);
  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
      {
        assert_rtl (g_ptr_array_index (rows, i), "a row of the case list");
        drawn_rows++;
      }
  g_assert_cmpuint (drawn_rows, >, 0);

  collect_ltr (WIN, ltr);
  if (ltr->len > 0)
    g_test_fail_printf ("left to right in an Arabic window:\n%s", ltr->str);

  /* The list is at the right edge, the case to its left. */
  g_assert_false (adw_leaflet_get_folded (leaflet ()));
  sidebar = adw_leaflet_get_child_by_name (leaflet (), "sidebar");
  content = adw_leaflet_get_child_by_name (leaflet (), "content");
  g_assert_nonnull (sidebar);
  g_assert_nonnull (content);
  g_assert_true (gtk_widget_compute_bounds (sidebar, WIN, &sidebar_bounds));
  g_assert_true (gtk_widget_compute_bounds (content, WIN, &content_bounds));
  g_test_message ("window %d wide; sidebar %g..%g, content %g..%g", width,
                  sidebar_bounds.origin.x, sidebar_bounds.origin.x + sidebar_bounds.size.width,
                  content_bounds.origin.x, content_bounds.origin.x + content_bounds.size.width);
  g_assert_cmpfloat (sidebar_bounds.size.width, >, 0);
  g_assert_cmpfloat (sidebar_bounds.origin.x + sidebar_bounds.size.width, >=, width - 2);
  g_assert_cmpfloat (sidebar_bounds.origin.x, >, width / 2.0);
  g_assert_cmpfloat (content_bounds.origin.x + content_bounds.size.width, <=, sidebar_bounds.origin.x + 1);
  g_assert_cmpfloat (content_bounds.origin.x, <=, 2);
}

/* The back button of a narrow window points to the right in Arabic: its
 * icon is a plain name that the theme turns for the button's direction. */
static void
test_back_arrow_flips (void)
{
  GtkWidget *back = NULL;
  g_autoptr(GPtrArray) buttons = rd_case_test_all (WIN, GTK_TYPE_BUTTON);
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), "win.back") == 0)
      back = g_ptr_array_index (buttons, i);
  g_assert_nonnull (back);
  assert_rtl (back, "the back button");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (back)), ==, "go-previous-symbolic");
  icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (back)),
                                     gtk_button_get_icon_name (GTK_BUTTON (back)), NULL, 16, 1,
                                     gtk_widget_get_direction (back), 0);
  file = gtk_icon_paintable_get_file (icon);
  g_assert_nonnull (file);
  path = g_file_get_path (file);
  g_test_message ("the back button's icon: %s", path);
  g_assert_nonnull (strstr (path, "go-previous-symbolic-rtl"));
}

/* --- Ids and codes --------------------------------------------------------------------- */

/* A drawn label under @root whose text contains @part, for the message of a
 * failure: every such label. */
static GPtrArray *
labels_containing (GtkWidget  *root,
                   const char *part)
{
  g_autoptr(GPtrArray) labels = rd_case_test_all (root, GTK_TYPE_LABEL);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (strstr (gtk_label_get_text (label), part) != NULL && rd_case_test_is_drawn (GTK_WIDGET (label)))
        g_ptr_array_add (out, label);
    }
  return out;
}

/* Every drawn label under @root that shows @code shows it isolated; at
 * least one does.  @in_messages: the labels of messages (ready-made phrases
 * with the code as a parameter) rather than those of the app's own lines. */
static void
assert_isolated_where (GtkWidget  *root,
                       const char *code,
                       const char *what,
                       gboolean    in_messages)
{
  g_autoptr(GPtrArray) labels = labels_containing (root, code);
  g_autofree char *isolated = g_strconcat (FSI, code, PDI, NULL);

  for (guint i = labels->len; i > 0; i--)
    if ((gtk_widget_get_ancestor (g_ptr_array_index (labels, i - 1), RD_TYPE_MESSAGE_BUBBLE) != NULL) != in_messages)
      g_ptr_array_remove_index (labels, i - 1);

  if (labels->len == 0)
    {
      g_autofree char *dump = rd_case_test_dump_labels (root);

      g_test_fail_printf ("no label shows the %s %s among:\n%s", what, code, dump);
      return;
    }
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (strstr (gtk_label_get_text (label), isolated) == NULL)
        {
          g_autofree char *path = widget_path (GTK_WIDGET (label));

          g_test_fail_printf ("the %s %s is not isolated in «%s» (%s)", what, code, gtk_label_get_text (label), path);
        }
    }
}

static void
assert_isolated (GtkWidget  *root,
                 const char *code,
                 const char *what)
{
  assert_isolated_where (root, code, what, FALSE);
}

/* A case of the session's whose timeline has the buyer's return shipment. */
static RdCase *
find_shipped_case (RdEvent **event_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = rd_store_list_all_cases (rd_session_get_store (session ()), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < cases->len; i++)
    {
      RdCase *listed = g_ptr_array_index (cases, i);
      g_autoptr(RdCase) kase = rd_case_test_get_case (session (), listed->id);

      for (guint e = 0; e < kase->events->len; e++)
        {
          RdEvent *event = g_ptr_array_index (kase->events, e);

          if (event->type == RD_EVENT_TYPE_RETURN_SHIPPED && event->tracking != NULL)
            {
              *event_out = g_object_ref (event);
              return g_steal_pointer (&kase);
            }
        }
    }
  return NULL;
}

static void
test_ids_isolated (void)
{
  g_autoptr(GPtrArray) rows = rd_case_test_all (GTK_WIDGET (case_list ()), RD_TYPE_CASE_ROW);
  g_autoptr(RdEvent) shipped = NULL;
  g_autoptr(RdCase) kase = NULL;
  guint checked = 0;

  /* The order number in every row of the list... */
  for (guint i = 0; i < rows->len; i++)
    {
      RdCaseRow *row = g_ptr_array_index (rows, i);
      g_autoptr(RdCase) listed = NULL;

      if (!gtk_widget_get_mapped (GTK_WIDGET (row)) || rd_case_row_get_case_id (row) == NULL)
        continue;
      listed = rd_case_test_get_case (session (), rd_case_row_get_case_id (row));
      assert_isolated (GTK_WIDGET (row), listed->order_number, "order number");
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);

  /* ...and in the header of a case, with its return's tracking number in
   * the timeline. */
  kase = find_shipped_case (&shipped);
  g_assert_nonnull (kase);
  open_case (kase->id);
  assert_isolated (rd_case_test_first (WIN, RD_TYPE_CASE_HEADER), kase->order_number, "order number");
  assert_isolated (rd_case_test_first (WIN, RD_TYPE_TIMELINE), shipped->tracking, "tracking number");
}

/* The seller's ready-made message "I have sent you a prepaid return label
 * for {carrier}. Its tracking number is {tracking}." in Arabic: the
 * parameters are someone else's text inside an Arabic sentence. */
static void
test_phrase_params_isolated (void)
{
  g_autoptr(RdEvent) shipped = NULL;
  g_autoptr(RdCase) kase = find_shipped_case (&shipped);

  g_assert_nonnull (kase);
  open_case (kase->id);
  assert_isolated_where (rd_case_test_first (WIN, RD_TYPE_TIMELINE), shipped->tracking, "tracking number", TRUE);
}

/* A line of the app that holds a name or a number in an isolate reads
 * right to left in Arabic: Pango takes a line's direction from its first
 * strong letter, even one inside an isolate, so "⁨Ana Ribeiro⁩ (المشتري)"
 * would come out left to right with the role first for an Arabic reader. */
static gboolean
has_arabic_outside_isolates (const char *text)
{
  int depth = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2066 || c == 0x2067 || c == 0x2068)
        depth++;
      else if (c == 0x2069)
        depth = MAX (depth - 1, 0);
      else if (depth == 0 && g_unichar_get_script (c) == G_UNICODE_SCRIPT_ARABIC)
        return TRUE;
    }
  return FALSE;
}

static void
collect_ltr_lines (GtkWidget *root,
                   GString   *out)
{
  g_autoptr(GPtrArray) labels = rd_case_test_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (GTK_LABEL (label));
      g_autoptr(PangoLayout) layout = NULL;
      PangoLayoutLine *line;

      if (!gtk_widget_get_mapped (label) || strstr (text, FSI) == NULL || !has_arabic_outside_isolates (text))
        continue;
      layout = gtk_widget_create_pango_layout (label, text);
      pango_layout_set_auto_dir (layout, TRUE);
      line = pango_layout_get_line_readonly (layout, 0);
      if (line != NULL && pango_layout_line_get_resolved_direction (line) != PANGO_DIRECTION_RTL)
        {
          g_autofree char *path = widget_path (label);

          g_string_append_printf (out, "  «%s» (%s)\n", text, path);
        }
    }
}

static void
test_lines_read_right_to_left (void)
{
  g_autoptr(GString) ltr = g_string_new (NULL);
  g_autoptr(GPtrArray) buttons = rd_case_test_all (WIN, GTK_TYPE_MENU_BUTTON);

  g_assert_true (rd_case_list_select_first (case_list ()));
  settle ();
  collect_ltr_lines (WIN, ltr);

  /* The menus too: the account menu names each demo account. */
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);
      GtkPopover *popover;

      if (!gtk_widget_get_mapped (GTK_WIDGET (button)))
        continue;
      gtk_menu_button_popup (button);
      popover = gtk_menu_button_get_popover (button);
      WAIT_UNTIL (popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover)));
      collect_ltr_lines (GTK_WIDGET (popover), ltr);
      gtk_menu_button_popdown (button);
      WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (popover)));
    }

  if (ltr->len > 0)
    g_test_fail_printf ("Arabic lines laid out left to right:\n%s", ltr->str);
}

/* --- Text as written --------------------------------------------------------------------- */

static void
assert_literal (GtkLabel   *label,
                const char *text)
{
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, text);
  g_assert_cmpstr (gtk_label_get_label (label), ==, text);
  g_assert_false (gtk_label_get_use_markup (label));
}

static gboolean
no_pending (gpointer data)
{
  return rd_case_test_find_pending (WIN, NULL) == NULL &&
         rd_session_get_pending_count (session ()) == 0;
}

static void
test_mixed_message (void)
{
  /* Arabic and English in one message, an order number, markup that must
   * stay text, and a right-to-left override (U+202E) that is never closed. */
  const char *text = "وصلني الطلب ORD-2026-000207 مكسورًا — the left pole is bent "
                     "<b>badly</b> &amp; \u202Eesrever ni";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = rd_store_list_all_cases (rd_session_get_store (session ()), &error);
  const char *case_id = NULL;
  RdMessageBubble *bubble;
  GtkLabel *label;

  g_assert_no_error (error);
  for (guint i = 0; i < cases->len && case_id == NULL; i++)
    {
      RdCase *kase = g_ptr_array_index (cases, i);

      if (kase->status != RD_STATUS_RESOLVED)
        case_id = kase->id;
    }
  g_assert_nonnull (case_id);
  open_case (case_id);

  rd_case_test_type_text (GTK_WIDGET (rd_case_test_first (WIN, RD_TYPE_COMPOSER)), text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rd_case_test_first (WIN, RD_TYPE_CASE_VIEW)),
                                             "case.send", NULL));
  /* At once, as pending... */
  WAIT_UNTIL (rd_case_test_find_label (WIN, text) != NULL);
  assert_literal (rd_case_test_find_label (WIN, text), text);

  /* ...and once sent, in the user's bubble. */
  rd_session_sync_now (session ());
  g_assert_true (rd_test_wait_until (no_pending, NULL, 30000));
  WAIT_UNTIL ((label = rd_case_test_find_label (WIN, text)) != NULL &&
              gtk_widget_get_ancestor (GTK_WIDGET (label), RD_TYPE_MESSAGE_BUBBLE) != NULL);
  assert_literal (label, text);
  bubble = RD_MESSAGE_BUBBLE (gtk_widget_get_ancestor (GTK_WIDGET (label), RD_TYPE_MESSAGE_BUBBLE));
  g_assert_cmpstr (rd_message_bubble_get_text (bubble), ==, text);
  g_assert_true (rd_message_bubble_is_mine (bubble));
  assert_rtl (GTK_WIDGET (bubble), "the user's message");
  /* The user's own words at the end side, which is the left in Arabic. */
  g_assert_cmpint (gtk_widget_get_halign (GTK_WIDGET (bubble)), ==, GTK_ALIGN_END);
  settle ();
  {
    graphene_rect_t bounds, view_bounds;
    GtkWidget *timeline = rd_case_test_first (WIN, RD_TYPE_TIMELINE);

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (bubble), WIN, &bounds));
    g_assert_true (gtk_widget_compute_bounds (timeline, WIN, &view_bounds));
    g_assert_cmpfloat (bounds.origin.x - view_bounds.origin.x, <,
                       view_bounds.origin.x + view_bounds.size.width - (bounds.origin.x + bounds.size.width));
  }
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run the GUI tests through build-aux/run-tests");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *config = NULL;
  int ret;

  /* Nothing of the user's, and Arabic whatever the caller's language. */
  tmpdir = rd_test_make_tmpdir ("test-rtl");
  data = g_build_filename (tmpdir, "data", NULL);
  cache = g_build_filename (tmpdir, "cache", NULL);
  config = g_build_filename (tmpdir, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "ar", TRUE);
  rd_app_setup_environment ();
  rd_app_setup_i18n ();

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/rtl/no-display", test_no_display);
      return g_test_run ();
    }

  app = rd_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = rd_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  rd_window_start_demo (window, "ana");
  WAIT_UNTIL_FOR (session_listed (), 60);
  settle ();

  g_test_add_func ("/rtl/default-direction", test_default_direction);
  g_test_add_func ("/rtl/window-mirrors", test_window_mirrors);
  g_test_add_func ("/rtl/back-arrow-flips", test_back_arrow_flips);
  g_test_add_func ("/rtl/ids-isolated", test_ids_isolated);
  g_test_add_func ("/rtl/phrase-params-isolated", test_phrase_params_isolated);
  g_test_add_func ("/rtl/lines-read-right-to-left", test_lines_read_right_to_left);
  g_test_add_func ("/rtl/mixed-message", test_mixed_message);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  rd_case_test_drain ();
  g_clear_object (&app);
  rd_session_stop_demo ();
  rd_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
