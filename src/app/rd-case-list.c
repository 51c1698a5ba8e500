/* rd-case-list.c
 *
 * The sidebar of the main window.  Its filters are the user's questions
 * ("what needs me?", "what is the seller doing?"), each with its count; the
 * list under them is a GtkListView over an RdCaseListModel, so only the
 * visible rows are read from the store.  Typing in the search entry swaps
 * the filter for the hits of the full-text index.
 *
 * The open case is remembered by id, not by position: when a sync reorders
 * the list, the same case stays selected and open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "rd-case-list.h"
#include "rd-case-row.h"

/* How far the list looks for the open case after a reload, beyond the
 * rows already read: a case further down stays open, unmarked. */
#define FIND_LIMIT 200
/* Countdowns are words like "3 hours left": refresh them now and then. */
#define REFRESH_SECONDS 60

typedef struct
{
  RdCaseFilter  filter;
  const char   *label;     /* NC_("case filter", …) */
  gboolean      reversed;  /* oldest first */
} FilterDef;

static const FilterDef buyer_filters[] = {
  { RD_CASE_FILTER_NEEDS_ME, NC_("case filter", "Needs my response"), FALSE },
  { RD_CASE_FILTER_WAITING_OTHER, NC_("case filter", "Waiting for seller"), FALSE },
  { RD_CASE_FILTER_UNDER_REVIEW, NC_("case filter", "Under review"), FALSE },
  { RD_CASE_FILTER_RESOLVED, NC_("case filter", "Resolved"), FALSE },
  { RD_CASE_FILTER_ALL, NC_("case filter", "All"), FALSE },
};

static const FilterDef seller_filters[] = {
  { RD_CASE_FILTER_NEEDS_ME, NC_("case filter", "Needs my response"), FALSE },
  { RD_CASE_FILTER_RETURN_PENDING, NC_("case filter", "Return on its way"), FALSE },
  { RD_CASE_FILTER_UNDER_REVIEW, NC_("case filter", "Under review"), FALSE },
  { RD_CASE_FILTER_RESOLVED, NC_("case filter", "Resolved"), FALSE },
  { RD_CASE_FILTER_ALL, NC_("case filter", "All"), FALSE },
};

/* The store orders open cases by deadline, then newest first; cases under
 * review have no deadline, so reading that filter backwards gives the
 * agent's queue oldest first. */
static const FilterDef agent_filters[] = {
  /* Translators: an agent's filter: the cases waiting for a ruling */
  { RD_CASE_FILTER_UNDER_REVIEW, NC_("case filter", "Review queue"), TRUE },
  { RD_CASE_FILTER_RESOLVED, NC_("case filter", "Resolved"), FALSE },
  { RD_CASE_FILTER_ALL, NC_("case filter", "All"), FALSE },
};

struct _RdCaseList
{
  GtkWidget           parent_instance;

  RdSession          *session;
  RdCaseListModel    *model;
  GtkSingleSelection *selection;
  RdRole              role;

  const FilterDef    *filters;
  guint               n_filters;
  guint               filter_index;
  GtkWidget          *filter_rows[RD_CASE_FILTER_N_VALUES];
  GtkLabel           *count_labels[RD_CASE_FILTER_N_VALUES];
  guint               counts[RD_CASE_FILTER_N_VALUES];
  guint               all_count;

  char               *selected_id;
  gboolean            updating_selection;
  GHashTable         *bound_items;   /* GtkListItem, bound now */
  guint               refresh_source;

  /* Template children */
  GtkSearchEntry     *search_entry;
  GtkListBox         *filter_list;
  GtkWidget          *filter_separator;
  GtkStack           *list_stack;
  GtkListView        *case_view;
  AdwStatusPage      *empty_page;
  GtkWidget          *empty_new_dispute_button;
  AdwStatusPage      *loading_page;
};

G_DEFINE_FINAL_TYPE (RdCaseList, rd_case_list, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CASE_SELECTED,
  SIGNAL_CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_searching (RdCaseList *self)
{
  const char *query = rd_case_list_model_get_search (self->model);

  return query != NULL && *query != '\0';
}

/* --- Rows -------------------------------------------------------------------- */

static void
bind_row (RdCaseList  *self,
          GtkListItem *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  RdCase *kase = gtk_list_item_get_item (item);
  g_autoptr(GDateTime) now = NULL;
  RdStore *store;
  gboolean news = FALSE;

  if (self->session == NULL || kase == NULL || kase->id == NULL)
    {
      rd_case_row_set_case (RD_CASE_ROW (row), NULL, self->role, NULL, FALSE, NULL);
      return;
    }

  store = rd_session_get_store (self->session);
  now = rd_session_now (self->session);
  /* The open case is being read: it has no news for its reader. */
  if (g_strcmp0 (kase->id, self->selected_id) != 0)
    news = rd_store_case_has_news (store, kase->id);
  rd_case_row_set_case (RD_CASE_ROW (row), kase, self->role, now, news,
                        rd_case_list_model_get_snippet (self->model, kase->id));
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     RdCaseList               *self)
{
  gtk_list_item_set_child (item, rd_case_row_new ());
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    RdCaseList               *self)
{
  g_hash_table_add (self->bound_items, item);
  bind_row (self, item);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      RdCaseList               *self)
{
  g_hash_table_remove (self->bound_items, item);
}

static gboolean
on_refresh_timeout_cb (gpointer user_data)
{
  RdCaseList *self = user_data;
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    bind_row (self, item);

  return G_SOURCE_CONTINUE;
}

/* --- The empty list ------------------------------------------------------------ */

static void
set_empty_texts (RdCaseList *self,
                 const char *title,
                 const char *description,
                 gboolean    offer_new_dispute)
{
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_set_visible (self->empty_new_dispute_button, offer_new_dispute);
}

static void
update_empty_page (RdCaseList *self)
{
  RdCaseFilter filter = rd_case_list_get_filter (self);
  gboolean nothing_at_all = self->all_count == 0;

  if (is_searching (self))
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      set_empty_texts (self, _("No Cases Found"),
                       _("Try another word, an order number or a name."), FALSE);
      return;
    }

  adw_status_page_set_icon_name (self->empty_page, "io.github.redress.Redress-symbolic");

  if (nothing_at_all)
    {
      switch (self->role)
        {
        case RD_ROLE_BUYER:
          set_empty_texts (self, _("No disputes yet"),
                           _("When something you bought goes wrong, start here."), TRUE);
          return;
        case RD_ROLE_SELLER:
          set_empty_texts (self, _("No Claims"),
                           _("When a buyer has a problem with an order from your shop, it shows here."),
                           FALSE);
          return;
        case RD_ROLE_AGENT:
        case RD_ROLE_PLATFORM:
        default:
          set_empty_texts (self, _("No Cases to Review"),
                           _("Cases that buyers and sellers could not settle come here for a ruling."),
                           FALSE);
          return;
        }
    }

  switch (filter)
    {
    case RD_CASE_FILTER_NEEDS_ME:
      set_empty_texts (self, _("Nothing Needs Your Response"),
                       _("Cases waiting for you show here."), FALSE);
      break;
    case RD_CASE_FILTER_WAITING_OTHER:
      set_empty_texts (self, self->role == RD_ROLE_BUYER
                               ? _("Nothing Waiting for a Seller")
                               : _("Nothing Waiting for the Other Party"),
                       _("Cases where the other party must answer show here."), FALSE);
      break;
    case RD_CASE_FILTER_RETURN_PENDING:
      set_empty_texts (self, _("No Returns on Their Way"),
                       _("Items that buyers send back show here until you confirm them."), FALSE);
      break;
    case RD_CASE_FILTER_UNDER_REVIEW:
      if (self->role == RD_ROLE_AGENT)
        set_empty_texts (self, _("The Review Queue Is Empty"),
                         _("Cases that buyers and sellers could not settle come here for a ruling."),
                         FALSE);
      else
        set_empty_texts (self, _("Nothing Under Review"),
                         _("Cases that the platform is deciding show here."), FALSE);
      break;
    case RD_CASE_FILTER_RESOLVED:
      set_empty_texts (self, _("No Resolved Cases"),
                       _("Cases that have ended show here."), FALSE);
      break;
    case RD_CASE_FILTER_ALL:
    default:
      set_empty_texts (self, _("No Cases"), NULL, FALSE);
      break;
    }
}

/* The first sync of a new account: nothing cached yet, and the platform is
 * being asked. */
static gboolean
is_first_sync (RdCaseList *self)
{
  g_autofree char *cursor = NULL;
  RdSessionState state;

  if (self->session == NULL || self->all_count > 0)
    return FALSE;
  /* A session that does not sync (offline, for tests) never gets there. */
  if (!rd_sync_is_started (rd_session_get_sync (self->session)))
    return FALSE;
  state = rd_session_get_state (self->session);
  if (state != RD_SESSION_STATE_SYNCING && state != RD_SESSION_STATE_ONLINE)
    return FALSE;
  cursor = rd_store_get_cursor (rd_session_get_store (self->session));
  return cursor == NULL;
}

static void
update_stack (RdCaseList *self)
{
  const char *page;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    page = "list";
  else if (!is_searching (self) && is_first_sync (self))
    page = "loading";
  else
    {
      update_empty_page (self);
      page = "empty";
    }

  gtk_stack_set_visible_child_name (self->list_stack, page);
}

/* --- Filters ------------------------------------------------------------------- */

static void
update_counts (RdCaseList *self)
{
  RdStore *store = self->session != NULL ? rd_session_get_store (self->session) : NULL;

  self->all_count = store != NULL ? rd_store_count_cases (store, RD_CASE_FILTER_ALL) : 0;

  for (guint i = 0; i < self->n_filters; i++)
    {
      RdCaseFilter filter = self->filters[i].filter;
      g_autofree char *text = NULL;

      if (filter == RD_CASE_FILTER_ALL)
        self->counts[i] = self->all_count;
      else
        self->counts[i] = store != NULL ? rd_store_count_cases (store, filter) : 0;
      text = g_strdup_printf ("%u", self->counts[i]);
      gtk_label_set_text (self->count_labels[i], text);
    }
}

static void
clear_filter_rows (RdCaseList *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_list))) != NULL)
    gtk_list_box_remove (self->filter_list, child);
  memset (self->filter_rows, 0, sizeof self->filter_rows);
  memset (self->count_labels, 0, sizeof self->count_labels);
}

static void
build_filter_rows (RdCaseList *self)
{
  clear_filter_rows (self);

  for (guint i = 0; i < self->n_filters; i++)
    {
      const char *label = g_dpgettext2 (NULL, "case filter", self->filters[i].label);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *name = gtk_label_new (label);
      GtkWidget *count = gtk_label_new ("0");
      g_autofree char *tooltip = NULL;

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), count);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

      /* Translators: the tooltip of a case filter; %u is 1 to 5 */
      tooltip = g_strdup_printf (_("Alt+%u"), i + 1);
      gtk_widget_set_tooltip_text (row, tooltip);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL,
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, count, NULL,
                                      -1);

      gtk_list_box_append (self->filter_list, row);
      self->filter_rows[i] = row;
      self->count_labels[i] = GTK_LABEL (count);
    }
}

static void
apply_filter (RdCaseList *self)
{
  const FilterDef *def;

  if (self->filter_index >= self->n_filters)
    return;
  def = &self->filters[self->filter_index];
  /* Both at once would reload twice; the direction first is harmless. */
  rd_case_list_model_set_reversed (self->model, def->reversed);
  rd_case_list_model_set_filter (self->model, def->filter);
}

static void
on_filter_list_row_selected_cb (GtkListBox    *box,
                                GtkListBoxRow *row,
                                RdCaseList    *self)
{
  if (row == NULL)
    return;

  for (guint i = 0; i < self->n_filters; i++)
    if (self->filter_rows[i] == GTK_WIDGET (row))
      {
        self->filter_index = i;
        apply_filter (self);
        update_stack (self);
        return;
      }
}

/* --- Selection ----------------------------------------------------------------- */

static void
select_position_quietly (RdCaseList *self,
                         guint       position)
{
  self->updating_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->updating_selection = FALSE;
}

static void
open_case (RdCaseList *self,
           const char *case_id)
{
  if (g_strcmp0 (case_id, self->selected_id) == 0)
    return;

  g_free (self->selected_id);
  self->selected_id = g_strdup (case_id);

  if (self->session != NULL && case_id != NULL)
    rd_store_mark_seen (rd_session_get_store (self->session), case_id);

  g_signal_emit (self, signals[SIGNAL_CASE_SELECTED], 0, case_id);
}

static void
on_selection_notify_selected_cb (GtkSingleSelection *selection,
                                 GParamSpec         *pspec,
                                 RdCaseList         *self)
{
  RdCase *kase;

  if (self->updating_selection)
    return;

  /* A reload that dropped the selected row leaves the case open; the
   * reload handler selects it again where it went. */
  kase = gtk_single_selection_get_selected_item (selection);
  if (kase == NULL || kase->id == NULL)
    return;

  open_case (self, kase->id);
}

static void
on_case_view_activate_cb (GtkListView *view,
                          guint        position,
                          RdCaseList  *self)
{
  g_autoptr(RdCase) kase = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (kase == NULL || kase->id == NULL)
    return;

  select_position_quietly (self, position);
  open_case (self, kase->id);
  g_signal_emit (self, signals[SIGNAL_CASE_ACTIVATED], 0, kase->id);
}

static void
on_model_reloaded_cb (RdCaseListModel *model,
                      RdCaseList      *self)
{
  guint position = G_MAXUINT;

  if (self->selected_id != NULL)
    position = rd_case_list_model_find (model, self->selected_id, FIND_LIMIT);
  if (position != gtk_single_selection_get_selected (self->selection))
    select_position_quietly (self, position);

  /* News on the open case has been seen by now. */
  if (self->session != NULL && self->selected_id != NULL &&
      rd_store_case_has_news (rd_session_get_store (self->session), self->selected_id))
    rd_store_mark_seen (rd_session_get_store (self->session), self->selected_id);

  update_counts (self);
  update_stack (self);
}

/* --- Search -------------------------------------------------------------------- */

static void
on_search_entry_search_changed_cb (GtkSearchEntry *entry,
                                   RdCaseList     *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  rd_case_list_model_set_search (self->model, text);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_list), !is_searching (self));
  gtk_widget_set_visible (self->filter_separator, !is_searching (self));
  update_stack (self);
}

static void
on_search_entry_stop_search_cb (GtkSearchEntry *entry,
                                RdCaseList     *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_search_entry_activate_cb (GtkSearchEntry *entry,
                             RdCaseList     *self)
{
  /* Enter opens the best hit. */
  if (is_searching (self) && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    on_case_view_activate_cb (self->case_view, 0, self);
}

/* --- The session --------------------------------------------------------------- */

static void
on_session_notify_state_cb (RdSession  *session,
                            GParamSpec *pspec,
                            RdCaseList *self)
{
  update_stack (self);
}

/* --- GObject ------------------------------------------------------------------- */

static void
rd_case_list_dispose (GObject *object)
{
  RdCaseList *self = RD_CASE_LIST (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CASE_LIST);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (rd_case_list_parent_class)->dispose (object);
}

static void
rd_case_list_finalize (GObject *object)
{
  RdCaseList *self = RD_CASE_LIST (object);

  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->bound_items, g_hash_table_unref);

  G_OBJECT_CLASS (rd_case_list_parent_class)->finalize (object);
}

static void
rd_case_list_class_init (RdCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_case_list_dispose;
  object_class->finalize = rd_case_list_finalize;

  /**
   * RdCaseList::case-selected:
   * @case_id: the case to show
   *
   * The user chose a case (a click, the arrow keys, Enter in the search).
   */
  signals[SIGNAL_CASE_SELECTED] =
    g_signal_new ("case-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * RdCaseList::case-activated:
   * @case_id: the case
   *
   * The user opened a case on purpose (Enter, a click where a click
   * activates): a narrow window then turns to it.
   */
  signals[SIGNAL_CASE_ACTIVATED] =
    g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-case-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCaseList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdCaseList, filter_list);
  gtk_widget_class_bind_template_child (widget_class, RdCaseList, filter_separator);
  gtk_widget_class_bind_template_child (widget_class, RdCaseList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RdCaseList, case_view);
  gtk_widget_class_bind_template_child (widget_class, RdCaseList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdCaseList, empty_new_dispute_button);
  gtk_widget_class_bind_template_child (widget_class, RdCaseList, loading_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_case_view_activate_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rd_case_list_init (RdCaseList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->role = RD_ROLE_BUYER;
  self->filters = buyer_filters;
  self->n_filters = G_N_ELEMENTS (buyer_filters);
  self->filter_index = self->n_filters - 1;
  self->bound_items = g_hash_table_new (NULL, NULL);

  self->model = rd_case_list_model_new (NULL);
  g_signal_connect (self->model, "reloaded", G_CALLBACK (on_model_reloaded_cb), self);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected",
                    G_CALLBACK (on_selection_notify_selected_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self);
  gtk_list_view_set_factory (self->case_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->case_view, GTK_SELECTION_MODEL (self->selection));

  build_filter_rows (self);
  update_stack (self);

  self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, on_refresh_timeout_cb, self);
  g_source_set_name_by_id (self->refresh_source, "[redress] case list countdowns");
}

/* --- Public -------------------------------------------------------------------- */

GtkWidget *
rd_case_list_new (void)
{
  return g_object_new (RD_TYPE_CASE_LIST, NULL);
}

void
rd_case_list_set_session (RdCaseList *self,
                          RdSession  *session)
{
  RdUser *user;

  g_return_if_fail (RD_IS_CASE_LIST (self));
  g_return_if_fail (session == NULL || RD_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_clear_pointer (&self->selected_id, g_free);

  user = session != NULL ? rd_session_get_user (session) : NULL;
  self->role = user != NULL ? user->role : RD_ROLE_BUYER;
  switch (self->role)
    {
    case RD_ROLE_SELLER:
      self->filters = seller_filters;
      self->n_filters = G_N_ELEMENTS (seller_filters);
      self->filter_index = 0;
      break;
    case RD_ROLE_AGENT:
    case RD_ROLE_PLATFORM:
      self->filters = agent_filters;
      self->n_filters = G_N_ELEMENTS (agent_filters);
      self->filter_index = 0;
      break;
    case RD_ROLE_BUYER:
    default:
      self->filters = buyer_filters;
      self->n_filters = G_N_ELEMENTS (buyer_filters);
      /* A buyer has a few cases and wants to see them all. */
      self->filter_index = self->n_filters - 1;
      break;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  build_filter_rows (self);

  if (session != NULL)
    g_signal_connect (session, "notify::state", G_CALLBACK (on_session_notify_state_cb), self);

  /* The filter first, then the store: one reload. */
  apply_filter (self);
  rd_case_list_model_set_store (self->model, session != NULL ? rd_session_get_store (session) : NULL);

  gtk_list_box_select_row (self->filter_list, GTK_LIST_BOX_ROW (self->filter_rows[self->filter_index]));
  update_counts (self);
  update_stack (self);
}

RdSession *
rd_case_list_get_session (RdCaseList *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), NULL);

  return self->session;
}

RdCaseListModel *
rd_case_list_get_model (RdCaseList *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), NULL);

  return self->model;
}

guint
rd_case_list_get_n_filters (RdCaseList *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), 0);

  return self->n_filters;
}

RdCaseFilter
rd_case_list_get_filter (RdCaseList *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), RD_CASE_FILTER_ALL);

  return self->filters[self->filter_index].filter;
}

guint
rd_case_list_get_filter_index (RdCaseList *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), 0);

  return self->filter_index;
}

gboolean
rd_case_list_select_filter (RdCaseList *self,
                            guint       index)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), FALSE);

  if (index >= self->n_filters)
    return FALSE;

  /* A filter ends a search. */
  if (is_searching (self))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_list_box_select_row (self->filter_list, GTK_LIST_BOX_ROW (self->filter_rows[index]));
  return TRUE;
}

const char *
rd_case_list_get_filter_label (RdCaseList *self,
                               guint       index)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), NULL);
  g_return_val_if_fail (index < self->n_filters, NULL);

  return g_dpgettext2 (NULL, "case filter", self->filters[index].label);
}

guint
rd_case_list_get_filter_count (RdCaseList *self,
                               guint       index)
{
  const char *text;

  g_return_val_if_fail (RD_IS_CASE_LIST (self), 0);
  g_return_val_if_fail (index < self->n_filters, 0);

  /* What the user reads, not what was computed. */
  text = gtk_label_get_text (self->count_labels[index]);
  return (guint) g_ascii_strtoull (text, NULL, 10);
}

void
rd_case_list_focus_search (RdCaseList *self)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
rd_case_list_set_search_text (RdCaseList *self,
                              const char *text)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
}

void
rd_case_list_select_case (RdCaseList *self,
                          const char *case_id)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));

  select_position_quietly (self, rd_case_list_model_find (self->model, case_id, FIND_LIMIT));
  open_case (self, case_id);
}

gboolean
rd_case_list_select_first (RdCaseList *self)
{
  g_autoptr(RdCase) kase = NULL;

  g_return_val_if_fail (RD_IS_CASE_LIST (self), FALSE);

  kase = g_list_model_get_item (G_LIST_MODEL (self->model), 0);
  if (kase == NULL || kase->id == NULL)
    return FALSE;

  select_position_quietly (self, 0);
  open_case (self, kase->id);
  return TRUE;
}

void
rd_case_list_set_activate_on_single_click (RdCaseList *self,
                                           gboolean    single_click)
{
  g_return_if_fail (RD_IS_CASE_LIST (self));

  gtk_list_view_set_single_click_activate (self->case_view, single_click);
}

const char *
rd_case_list_get_selected_case_id (RdCaseList *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST (self), NULL);

  return self->selected_id;
}
