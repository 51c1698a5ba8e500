/* rd-case-list-model.c
 *
 * The model holds a few pages of cases at a time (least recently used ones
 * go first) and the number of all matches, so a list of 100 000 cached cases
 * costs no more to show than a list of ten.  When the store says something
 * changed, it reloads after a short pause and tells the view only what moved:
 * rows before the first difference stay, and changed cases are re-bound one
 * by one, so the list does not jump while a sync runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-case-list-model.h"

#define MAX_PAGES 8
#define SEARCH_LIMIT 200

struct _RdCaseListModel
{
  GObject       parent_instance;

  RdStore      *store;
  RdCaseFilter  filter;
  gboolean      reversed;
  char         *search;

  guint         n_items;
  /* Filter mode: page number -> GPtrArray of RdCase, and the pages from the
   * most recently used on. */
  GHashTable   *pages;
  GQueue        lru;
  /* The pages that the view was given items from since the last reload:
   * the only rows it may show. */
  GHashTable   *served;
  /* Search mode: the hits' cases, and case id -> snippet. */
  GPtrArray    *hits;
  GHashTable   *snippets;

  /* Case ids the store reported changed since the last reload. */
  GHashTable   *touched;
  guint         reload_source;
};

static void rd_case_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdCaseListModel, rd_case_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rd_case_list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  PROP_REVERSED,
  PROP_SEARCH,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  SIGNAL_RELOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_reload (RdCaseListModel *self);

static gboolean
is_searching (RdCaseListModel *self)
{
  return self->search != NULL && *self->search != '\0';
}

/* --- Pages ----------------------------------------------------------------- */

static GPtrArray *
load_page (RdCaseListModel *self,
           guint            page)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  guint offset, limit, total = 0;

  if (self->store == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  offset = page * RD_CASE_LIST_MODEL_PAGE_SIZE;
  limit = RD_CASE_LIST_MODEL_PAGE_SIZE;
  if (self->reversed)
    {
      /* Positions [offset, offset + limit) counted from the end. */
      guint end = self->n_items > offset ? self->n_items - offset : 0;

      offset = end > RD_CASE_LIST_MODEL_PAGE_SIZE ? end - RD_CASE_LIST_MODEL_PAGE_SIZE : 0;
      limit = end - offset;
    }

  if (limit > 0)
    cases = rd_store_list_cases (self->store, self->filter, offset, limit, &total, &error);
  if (cases == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read the cases: %s", error->message);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  if (self->reversed)
    for (guint i = 0, j = cases->len; i + 1 < j; i++, j--)
      {
        gpointer tmp = cases->pdata[i];

        cases->pdata[i] = cases->pdata[j - 1];
        cases->pdata[j - 1] = tmp;
      }

  /* The store moved on since the count: catch up shortly. */
  if (total != self->n_items)
    schedule_reload (self);

  return g_steal_pointer (&cases);
}

static GPtrArray *
ensure_page (RdCaseListModel *self,
             guint            page)
{
  GPtrArray *cases = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (cases != NULL)
    {
      GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (page));

      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return cases;
    }

  cases = load_page (self, page);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), cases);
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));

  while (self->lru.length > MAX_PAGES)
    {
      gpointer oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->pages, oldest);
    }

  return cases;
}

static guint
count_matches (RdCaseListModel *self)
{
  if (self->store == NULL)
    return 0;
  return rd_store_count_cases (self->store, self->filter);
}

static void
load_hits (RdCaseListModel *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (self->hits, 0);
  g_hash_table_remove_all (self->snippets);

  if (self->store == NULL || !is_searching (self))
    return;

  found = rd_store_search (self->store, self->search, SEARCH_LIMIT, &error);
  if (found == NULL)
    {
      g_warning ("Could not search the cases: %s", error->message);
      return;
    }

  for (guint i = 0; i < found->len; i++)
    {
      RdSearchHit *hit = g_ptr_array_index (found, i);
      RdCase *kase = rd_store_get_case (self->store, hit->case_id, NULL);

      if (kase == NULL)
        continue;
      g_ptr_array_add (self->hits, kase);
      if (hit->snippet != NULL)
        g_hash_table_replace (self->snippets, g_strdup (hit->case_id), g_strdup (hit->snippet));
    }
}

/* --- Reloading --------------------------------------------------------------- */

static gboolean
case_differs (RdCase     *old_case,
              RdCase     *new_case,
              GHashTable *touched)
{
  if (g_strcmp0 (old_case->id, new_case->id) != 0)
    return TRUE;
  if (old_case->version != new_case->version)
    return TRUE;
  if ((old_case->updated_at == NULL) != (new_case->updated_at == NULL) ||
      (old_case->updated_at != NULL &&
       !g_date_time_equal (old_case->updated_at, new_case->updated_at)))
    return TRUE;
  return touched != NULL && new_case->id != NULL && g_hash_table_contains (touched, new_case->id);
}

/* Compares the old items at [0, known) with the new ones, and returns the
 * first position where the order differs; positions before it whose case
 * changed go into @rebind. */
static guint
first_difference (GPtrArray  *old_items,
                  GPtrArray  *new_items,
                  guint       base,
                  GHashTable *touched,
                  GArray     *rebind)
{
  guint n = MAX (old_items->len, new_items->len);

  for (guint i = 0; i < n; i++)
    {
      RdCase *old_case = i < old_items->len ? g_ptr_array_index (old_items, i) : NULL;
      RdCase *new_case = i < new_items->len ? g_ptr_array_index (new_items, i) : NULL;

      if (old_case == NULL || new_case == NULL || g_strcmp0 (old_case->id, new_case->id) != 0)
        return base + i;
      if (case_differs (old_case, new_case, touched))
        {
          guint pos = base + i;

          g_array_append_val (rebind, pos);
        }
    }

  return G_MAXUINT;
}

/* The case at @position in the pages of before the reload, or NULL if
 * they did not hold it. */
static RdCase *
old_case_at (GHashTable *old_pages,
             guint       position)
{
  GPtrArray *page = g_hash_table_lookup (old_pages,
                                         GUINT_TO_POINTER (position / RD_CASE_LIST_MODEL_PAGE_SIZE));
  guint index = position % RD_CASE_LIST_MODEL_PAGE_SIZE;

  if (page == NULL || index >= page->len)
    return NULL;
  return g_ptr_array_index (page, index);
}

/* Whether the list changed by a few cases inserted or removed at @diff,
 * the old rows after them only moved along: then the view keeps them, and
 * those that changed on the way go into @rebind (new positions).  Checked
 * over every row after @diff that the old pages held. */
static gboolean
detect_shift (RdCaseListModel *self,
              GHashTable      *old_pages,
              GHashTable      *touched,
              guint            old_n,
              guint            new_n,
              guint            diff,
              GArray          *rebind)
{
  guint k = old_n > new_n ? old_n - new_n : new_n - old_n;
  guint old_end = diff;
  GHashTableIter iter;
  gpointer key, value;

  if (old_pages == NULL || is_searching (self) || k == 0 || k > 5 || diff >= MAX (old_n, new_n))
    return FALSE;

  for (guint old_pos = new_n > old_n ? diff : diff + k; old_pos < old_n; old_pos++)
    {
      /* Inserted: old i is new i + k.  Removed: new i is old i + k. */
      guint new_pos = new_n > old_n ? old_pos + k : old_pos - k;
      RdCase *old_case = old_case_at (old_pages, old_pos);
      RdCase *new_case;
      GPtrArray *page;
      guint index;

      if (old_case == NULL)
        break;
      page = ensure_page (self, new_pos / RD_CASE_LIST_MODEL_PAGE_SIZE);
      index = new_pos % RD_CASE_LIST_MODEL_PAGE_SIZE;
      if (index >= page->len)
        return FALSE;
      new_case = g_ptr_array_index (page, index);
      if (g_strcmp0 (new_case->id, old_case->id) != 0)
        return FALSE;
      if (case_differs (old_case, new_case, touched))
        g_array_append_val (rebind, new_pos);
      old_end = old_pos + 1;
    }

  /* No held row after the stretch checked. */
  g_hash_table_iter_init (&iter, old_pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint base = GPOINTER_TO_UINT (key) * RD_CASE_LIST_MODEL_PAGE_SIZE;
      guint len = ((GPtrArray *) value)->len;

      if (base + len > old_end)
        return FALSE;
    }

  return old_end > diff;
}

/* @structural: the filter, the search or the direction changed, so nothing
 * of the old list can be kept. */
static void
reload (RdCaseListModel *self,
        gboolean         structural)
{
  g_autoptr(GHashTable) old_pages = NULL;
  g_autoptr(GHashTable) old_served = NULL;
  g_autoptr(GPtrArray) old_hits = NULL;
  g_autoptr(GHashTable) touched = NULL;
  g_autoptr(GArray) rebind = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) shifted = g_array_new (FALSE, FALSE, sizeof (guint));
  guint old_n = self->n_items;
  guint new_n;
  guint diff = 0;
  gboolean shift = FALSE;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  touched = g_steal_pointer (&self->touched);
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  old_pages = g_steal_pointer (&self->pages);
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) g_ptr_array_unref);
  g_queue_clear (&self->lru);
  old_served = g_steal_pointer (&self->served);
  self->served = g_hash_table_new (NULL, NULL);
  old_hits = g_steal_pointer (&self->hits);
  self->hits = g_ptr_array_new_with_free_func (g_object_unref);

  if (is_searching (self))
    {
      load_hits (self);
      new_n = self->hits->len;
      if (!structural)
        {
          diff = first_difference (old_hits, self->hits, 0, touched, rebind);
          if (diff == G_MAXUINT)
            diff = MIN (old_n, new_n);
        }
    }
  else
    {
      new_n = count_matches (self);
      self->n_items = new_n;
      if (!structural)
        {
          /* Compare the pages the view had rows from, top down.  Rows it
           * never had need no news; a page it had but that is no longer
           * kept ends what is known to be unchanged. */
          diff = G_MAXUINT;
          for (guint page = 0; diff == G_MAXUINT; page++)
            {
              GPtrArray *old_page = g_hash_table_lookup (old_pages, GUINT_TO_POINTER (page));
              gboolean was_served = g_hash_table_contains (old_served, GUINT_TO_POINTER (page));
              guint base = page * RD_CASE_LIST_MODEL_PAGE_SIZE;

              if (base >= old_n && base >= new_n)
                break;
              if (old_page != NULL)
                diff = first_difference (old_page, ensure_page (self, page), base, touched, rebind);
              else if (was_served)
                diff = base;
            }
          if (diff == G_MAXUINT)
            diff = MIN (old_n, new_n);
        }
    }

  self->n_items = new_n;
  diff = MIN (diff, MIN (old_n, new_n));
  if (!structural)
    shift = detect_shift (self, old_pages, touched, old_n, new_n, diff, shifted);

  /* The view keeps what it had above the first difference. */
  if (!structural && old_served != NULL)
    {
      GHashTableIter iter;
      gpointer page;

      g_hash_table_iter_init (&iter, old_served);
      while (g_hash_table_iter_next (&iter, &page, NULL))
        if (GPOINTER_TO_UINT (page) * RD_CASE_LIST_MODEL_PAGE_SIZE < diff)
          g_hash_table_add (self->served, page);
    }

  for (guint i = 0; i < rebind->len; i++)
    {
      guint pos = g_array_index (rebind, guint, i);

      if (pos < diff)
        g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 1);
    }
  if (shift)
    {
      /* A few cases came or went at @diff, and the rest only moved along. */
      g_list_model_items_changed (G_LIST_MODEL (self), diff,
                                  old_n > new_n ? old_n - new_n : 0,
                                  new_n > old_n ? new_n - old_n : 0);
      for (guint i = 0; i < shifted->len; i++)
        g_list_model_items_changed (G_LIST_MODEL (self), g_array_index (shifted, guint, i), 1, 1);
    }
  else if (old_n - diff > 0 || new_n - diff > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), diff, old_n - diff, new_n - diff);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  g_signal_emit (self, signals[SIGNAL_RELOADED], 0);
}

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  RdCaseListModel *self = user_data;

  self->reload_source = 0;
  reload (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (RdCaseListModel *self)
{
  if (self->reload_source != 0)
    return;
  self->reload_source = g_timeout_add (RD_CASE_LIST_MODEL_DEBOUNCE_MS, on_reload_timeout_cb, self);
  g_source_set_name_by_id (self->reload_source, "[redress] case list reload");
}

static void
on_store_case_changed_cb (RdStore         *store,
                          const char      *case_id,
                          RdCaseListModel *self)
{
  if (case_id != NULL)
    g_hash_table_add (self->touched, g_strdup (case_id));
  schedule_reload (self);
}

static void
on_store_outbox_changed_cb (RdStore         *store,
                            RdCaseListModel *self)
{
  schedule_reload (self);
}

/* --- GListModel ---------------------------------------------------------------- */

static GType
rd_case_list_model_get_item_type (GListModel *model)
{
  return RD_TYPE_CASE;
}

static guint
rd_case_list_model_get_n_items (GListModel *model)
{
  return RD_CASE_LIST_MODEL (model)->n_items;
}

static gpointer
rd_case_list_model_get_item (GListModel *model,
                             guint       position)
{
  RdCaseListModel *self = RD_CASE_LIST_MODEL (model);
  GPtrArray *cases;
  guint index;

  if (position >= self->n_items)
    return NULL;

  if (is_searching (self))
    return g_object_ref (g_ptr_array_index (self->hits, position));

  cases = ensure_page (self, position / RD_CASE_LIST_MODEL_PAGE_SIZE);
  g_hash_table_add (self->served, GUINT_TO_POINTER (position / RD_CASE_LIST_MODEL_PAGE_SIZE));
  index = position % RD_CASE_LIST_MODEL_PAGE_SIZE;
  if (index < cases->len)
    return g_object_ref (g_ptr_array_index (cases, index));

  /* The store shrank since the count; the reload that load_page() asked for
   * corrects the length in a moment.  Until then, an empty case. */
  return rd_case_new ();
}

static void
rd_case_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_case_list_model_get_item_type;
  iface->get_n_items = rd_case_list_model_get_n_items;
  iface->get_item = rd_case_list_model_get_item;
}

/* --- GObject ------------------------------------------------------------------- */

static void
rd_case_list_model_dispose (GObject *object)
{
  RdCaseListModel *self = RD_CASE_LIST_MODEL (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_case_list_model_parent_class)->dispose (object);
}

static void
rd_case_list_model_finalize (GObject *object)
{
  RdCaseListModel *self = RD_CASE_LIST_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->lru);
  g_clear_pointer (&self->served, g_hash_table_unref);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_clear_pointer (&self->snippets, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (rd_case_list_model_parent_class)->finalize (object);
}

static void
rd_case_list_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RdCaseListModel *self = RD_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FILTER:
      g_value_set_int (value, self->filter);
      break;

    case PROP_REVERSED:
      g_value_set_boolean (value, self->reversed);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_list_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RdCaseListModel *self = RD_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rd_case_list_model_set_store (self, g_value_get_object (value));
      break;

    case PROP_FILTER:
      rd_case_list_model_set_filter (self, g_value_get_int (value));
      break;

    case PROP_REVERSED:
      rd_case_list_model_set_reversed (self, g_value_get_boolean (value));
      break;

    case PROP_SEARCH:
      rd_case_list_model_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_list_model_class_init (RdCaseListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_case_list_model_dispose;
  object_class->finalize = rd_case_list_model_finalize;
  object_class->get_property = rd_case_list_model_get_property;
  object_class->set_property = rd_case_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILTER] =
    g_param_spec_int ("filter", NULL, NULL, 0, RD_CASE_FILTER_N_VALUES - 1, RD_CASE_FILTER_ALL,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REVERSED] =
    g_param_spec_boolean ("reversed", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RdCaseListModel::reloaded:
   *
   * Emitted after the model read the store again, so that what is counted
   * beside the list (the filters' numbers) can follow.
   */
  signals[SIGNAL_RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_case_list_model_init (RdCaseListModel *self)
{
  self->filter = RD_CASE_FILTER_ALL;
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
  self->served = g_hash_table_new (NULL, NULL);
  self->hits = g_ptr_array_new_with_free_func (g_object_unref);
  self->snippets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* --- Public -------------------------------------------------------------------- */

RdCaseListModel *
rd_case_list_model_new (RdStore *store)
{
  g_return_val_if_fail (store == NULL || RD_IS_STORE (store), NULL);

  return g_object_new (RD_TYPE_CASE_LIST_MODEL, "store", store, NULL);
}

RdStore *
rd_case_list_model_get_store (RdCaseListModel *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST_MODEL (self), NULL);

  return self->store;
}

void
rd_case_list_model_set_store (RdCaseListModel *self,
                              RdStore         *store)
{
  g_return_if_fail (RD_IS_CASE_LIST_MODEL (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "case-changed", G_CALLBACK (on_store_case_changed_cb), self, 0);
      g_signal_connect_object (store, "outbox-changed", G_CALLBACK (on_store_outbox_changed_cb), self, 0);
    }

  reload (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

RdCaseFilter
rd_case_list_model_get_filter (RdCaseListModel *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST_MODEL (self), RD_CASE_FILTER_ALL);

  return self->filter;
}

void
rd_case_list_model_set_filter (RdCaseListModel *self,
                               RdCaseFilter     filter)
{
  g_return_if_fail (RD_IS_CASE_LIST_MODEL (self));
  g_return_if_fail (filter < RD_CASE_FILTER_N_VALUES);

  if (self->filter == filter)
    return;

  self->filter = filter;
  if (!is_searching (self))
    reload (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

gboolean
rd_case_list_model_get_reversed (RdCaseListModel *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST_MODEL (self), FALSE);

  return self->reversed;
}

void
rd_case_list_model_set_reversed (RdCaseListModel *self,
                                 gboolean         reversed)
{
  g_return_if_fail (RD_IS_CASE_LIST_MODEL (self));

  reversed = !!reversed;
  if (self->reversed == reversed)
    return;

  self->reversed = reversed;
  if (!is_searching (self))
    reload (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVERSED]);
}

const char *
rd_case_list_model_get_search (RdCaseListModel *self)
{
  g_return_val_if_fail (RD_IS_CASE_LIST_MODEL (self), NULL);

  return self->search;
}

void
rd_case_list_model_set_search (RdCaseListModel *self,
                               const char      *query)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (RD_IS_CASE_LIST_MODEL (self));

  stripped = g_strstrip (g_strdup (query != NULL ? query : ""));
  if (g_strcmp0 (self->search != NULL ? self->search : "", stripped) == 0)
    return;

  g_free (self->search);
  self->search = *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
  reload (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char *
rd_case_list_model_get_snippet (RdCaseListModel *self,
                                const char      *case_id)
{
  g_return_val_if_fail (RD_IS_CASE_LIST_MODEL (self), NULL);

  if (case_id == NULL || !is_searching (self))
    return NULL;
  return g_hash_table_lookup (self->snippets, case_id);
}

void
rd_case_list_model_reload (RdCaseListModel *self)
{
  g_return_if_fail (RD_IS_CASE_LIST_MODEL (self));

  reload (self, FALSE);
}

guint
rd_case_list_model_find (RdCaseListModel *self,
                         const char      *case_id,
                         guint            max_items)
{
  guint n;

  g_return_val_if_fail (RD_IS_CASE_LIST_MODEL (self), G_MAXUINT);

  if (case_id == NULL)
    return G_MAXUINT;

  /* The pages already read first: where the view is looking. */
  if (!is_searching (self))
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GPtrArray *cases = value;

          for (guint i = 0; i < cases->len; i++)
            if (g_strcmp0 (((RdCase *) g_ptr_array_index (cases, i))->id, case_id) == 0)
              return GPOINTER_TO_UINT (key) * RD_CASE_LIST_MODEL_PAGE_SIZE + i;
        }
    }

  n = MIN (self->n_items, max_items);
  for (guint i = 0; i < n; i++)
    {
      RdCase *kase;

      if (is_searching (self))
        kase = g_ptr_array_index (self->hits, i);
      else
        {
          GPtrArray *cases = ensure_page (self, i / RD_CASE_LIST_MODEL_PAGE_SIZE);
          guint index = i % RD_CASE_LIST_MODEL_PAGE_SIZE;

          if (index >= cases->len)
            {
              /* A short page: skip to the next one. */
              i = (i / RD_CASE_LIST_MODEL_PAGE_SIZE + 1) * RD_CASE_LIST_MODEL_PAGE_SIZE - 1;
              continue;
            }
          kase = g_ptr_array_index (cases, index);
        }

      if (g_strcmp0 (kase->id, case_id) == 0)
        return i;
    }

  return G_MAXUINT;
}
