/* test-codec.c — the codec reads every document of API.md, writes exactly
 * what it reads, and refuses everything else with an error that names the
 * field, without crashing or leaking on any input.
 *
 * The fixtures live in tests/data/codec/; each is a canonical document (the
 * form that the codec writes), so that reading then writing it gives it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rd-codec.h"

typedef gpointer  (*FromJson)    (JsonNode *node, GError **error);
typedef JsonNode *(*ToJson)      (gconstpointer object);
typedef void      (*AssertEqual) (gconstpointer a, gconstpointer b);

/* Field paths with every index written [*]; a pattern ending in ".*" stands
 * for any member of that object (template parameters). */
typedef struct
{
  const char         *root;
  const char * const *patterns;
} Scope;

typedef struct
{
  const char    *name;
  const char    *file;
  int            index;           /* an element of the file's array, or -1 */
  FromJson       from_json;
  ToJson         to_json;
  GDestroyNotify free_func;
  AssertEqual    assert_equal;
  Scope          optional[3];     /* may be absent (and null, unless ".*") */
  Scope          enums[3];        /* wire words of a closed set */
  const char * const *aliases;    /* pairs: removed field, field the error names */
  const char * const *required;   /* exact paths that an optional pattern must not cover */
} Doc;

/* --- Comparing models ------------------------------------------------------ */

static void
assert_time_equal (GDateTime *a,
                   GDateTime *b)
{
  if (a == NULL || b == NULL)
    g_assert_true (a == b);
  else
    g_assert_true (g_date_time_equal (a, b));
}

static void
assert_money_equal (const RdMoney *a,
                    const RdMoney *b)
{
  g_assert_true (rd_money_equal (a, b));
}

static void
assert_party_equal (const RdParty *a,
                    const RdParty *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->name, ==, b->name);
}

static void
assert_params_equal (GHashTable *a,
                     GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }
  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (value, ==, g_hash_table_lookup (b, key));
}

static void
assert_user_equal (gconstpointer pa,
                   gconstpointer pb)
{
  const RdUser *a = pa, *b = pb;

  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpint (a->role, ==, b->role);
  g_assert_cmpstr (a->locale, ==, b->locale);
}

static void
assert_item_equal (const RdOrderItem *a,
                   const RdOrderItem *b)
{
  g_assert_cmpstr (a->sku, ==, b->sku);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpuint (a->quantity, ==, b->quantity);
  assert_money_equal (a->unit_price, b->unit_price);
}

static void
assert_order_equal (gconstpointer pa,
                    gconstpointer pb)
{
  const RdOrder *a = pa, *b = pb;

  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->number, ==, b->number);
  assert_party_equal (a->buyer, b->buyer);
  assert_party_equal (a->seller, b->seller);
  g_assert_cmpuint (a->items->len, ==, b->items->len);
  for (guint i = 0; i < a->items->len; i++)
    assert_item_equal (g_ptr_array_index (a->items, i), g_ptr_array_index (b->items, i));
  assert_money_equal (a->total, b->total);
  assert_time_equal (a->ordered_at, b->ordered_at);
  assert_time_equal (a->shipped_at, b->shipped_at);
  assert_time_equal (a->delivered_at, b->delivered_at);
  g_assert_cmpstr (a->carrier, ==, b->carrier);
  g_assert_cmpstr (a->tracking, ==, b->tracking);
  g_assert_cmpuint (a->return_window_days, ==, b->return_window_days);
  g_assert_cmpuint (a->warranty_months, ==, b->warranty_months);
}

static void
assert_event_equal (const RdEvent *a,
                    const RdEvent *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  assert_time_equal (a->at, b->at);
  assert_party_equal (a->actor, b->actor);
  g_assert_cmpint (a->actor_role, ==, b->actor_role);
  g_assert_cmpint (a->type, ==, b->type);
  g_assert_cmpstr (a->text, ==, b->text);
  g_assert_cmpstr (a->template_id, ==, b->template_id);
  assert_params_equal (a->template_params, b->template_params);
  g_assert_cmpstr (a->lang, ==, b->lang);
  g_assert_cmpstrv (a->evidence_ids, b->evidence_ids);
  g_assert_cmpstr (a->offer_id, ==, b->offer_id);
  g_assert_cmpstr (a->reason, ==, b->reason);
  g_assert_cmpstr (a->carrier, ==, b->carrier);
  g_assert_cmpstr (a->tracking, ==, b->tracking);
  g_assert_cmpint (a->has_decision, ==, b->has_decision);
  g_assert_cmpint (a->decision, ==, b->decision);
  assert_money_equal (a->amount, b->amount);
  g_assert_cmpstr (a->note, ==, b->note);
  g_assert_cmpuint (a->stars, ==, b->stars);
  g_assert_cmpstr (a->comment, ==, b->comment);
  g_assert_cmpint (a->has_outcome, ==, b->has_outcome);
  g_assert_cmpint (a->outcome, ==, b->outcome);
}

static void
assert_offer_equal (const RdOffer *a,
                    const RdOffer *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpint (a->type, ==, b->type);
  assert_money_equal (a->amount, b->amount);
  g_assert_cmpstr (a->note, ==, b->note);
  g_assert_cmpint (a->status, ==, b->status);
  assert_time_equal (a->at, b->at);
}

static void
assert_evidence_equal (const RdEvidence *a,
                       const RdEvidence *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->filename, ==, b->filename);
  g_assert_cmpstr (a->mime, ==, b->mime);
  g_assert_cmpint (a->size, ==, b->size);
  g_assert_cmpstr (a->sha256, ==, b->sha256);
  assert_party_equal (a->by, b->by);
  g_assert_cmpint (a->role, ==, b->role);
  assert_time_equal (a->at, b->at);
}

static void
assert_case_equal (gconstpointer pa,
                   gconstpointer pb)
{
  const RdCase *a = pa, *b = pb;

  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpint (a->version, ==, b->version);
  g_assert_cmpstr (a->order_id, ==, b->order_id);
  g_assert_cmpstr (a->order_number, ==, b->order_number);
  assert_item_equal (a->item, b->item);
  assert_party_equal (a->buyer, b->buyer);
  assert_party_equal (a->seller, b->seller);
  g_assert_cmpint (a->reason, ==, b->reason);
  g_assert_cmpint (a->requested_type, ==, b->requested_type);
  assert_money_equal (a->requested_amount, b->requested_amount);
  g_assert_cmpstr (a->description, ==, b->description);
  g_assert_cmpstr (a->lang, ==, b->lang);
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpint (a->turn, ==, b->turn);
  assert_time_equal (a->respond_by, b->respond_by);
  g_assert_cmpint (a->on_expiry, ==, b->on_expiry);
  if (a->resolution == NULL || b->resolution == NULL)
    g_assert_true (a->resolution == b->resolution);
  else
    {
      g_assert_cmpint (a->resolution->outcome, ==, b->resolution->outcome);
      assert_money_equal (a->resolution->amount, b->resolution->amount);
      g_assert_cmpint (a->resolution->by, ==, b->resolution->by);
      assert_time_equal (a->resolution->at, b->resolution->at);
    }
  g_assert_cmphex (a->allowed_actions, ==, b->allowed_actions);
  assert_time_equal (a->created_at, b->created_at);
  assert_time_equal (a->updated_at, b->updated_at);
  g_assert_cmpuint (a->events->len, ==, b->events->len);
  for (guint i = 0; i < a->events->len; i++)
    assert_event_equal (g_ptr_array_index (a->events, i), g_ptr_array_index (b->events, i));
  g_assert_cmpuint (a->offers->len, ==, b->offers->len);
  for (guint i = 0; i < a->offers->len; i++)
    assert_offer_equal (g_ptr_array_index (a->offers, i), g_ptr_array_index (b->offers, i));
  g_assert_cmpuint (a->evidence->len, ==, b->evidence->len);
  for (guint i = 0; i < a->evidence->len; i++)
    assert_evidence_equal (g_ptr_array_index (a->evidence, i), g_ptr_array_index (b->evidence, i));
  if (a->rating == NULL || b->rating == NULL)
    g_assert_true (a->rating == b->rating);
  else
    {
      g_assert_cmpuint (a->rating->stars, ==, b->rating->stars);
      g_assert_cmpstr (a->rating->comment, ==, b->rating->comment);
    }
}

static void
assert_action_equal (gconstpointer pa,
                     gconstpointer pb)
{
  const RdAction *a = pa, *b = pb;

  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpint (a->type, ==, b->type);
  g_assert_cmpstr (a->text, ==, b->text);
  g_assert_cmpstr (a->template_id, ==, b->template_id);
  assert_params_equal (a->template_params, b->template_params);
  g_assert_cmpstr (a->lang, ==, b->lang);
  g_assert_cmpstrv (a->evidence_ids, b->evidence_ids);
  g_assert_cmpint (a->offer_type, ==, b->offer_type);
  assert_money_equal (a->offer_amount, b->offer_amount);
  g_assert_cmpstr (a->offer_note, ==, b->offer_note);
  g_assert_cmpstr (a->offer_id, ==, b->offer_id);
  g_assert_cmpstr (a->reason, ==, b->reason);
  g_assert_cmpstr (a->carrier, ==, b->carrier);
  g_assert_cmpstr (a->tracking, ==, b->tracking);
  g_assert_cmpint (a->decision, ==, b->decision);
  assert_money_equal (a->amount, b->amount);
  g_assert_cmpstr (a->note, ==, b->note);
  g_assert_cmpuint (a->stars, ==, b->stars);
  g_assert_cmpstr (a->comment, ==, b->comment);
}

static void
assert_draft_equal (gconstpointer pa,
                    gconstpointer pb)
{
  const RdCaseDraft *a = pa, *b = pb;

  g_assert_cmpstr (a->order_id, ==, b->order_id);
  g_assert_cmpstr (a->item_sku, ==, b->item_sku);
  g_assert_cmpint (a->reason, ==, b->reason);
  g_assert_cmpint (a->requested_type, ==, b->requested_type);
  assert_money_equal (a->requested_amount, b->requested_amount);
  g_assert_cmpstr (a->description, ==, b->description);
  g_assert_cmpstr (a->lang, ==, b->lang);
}

static void
assert_session_equal (gconstpointer pa,
                      gconstpointer pb)
{
  const RdSessionInfo *a = pa, *b = pb;

  g_assert_cmpstr (a->token, ==, b->token);
  assert_time_equal (a->expires_at, b->expires_at);
  assert_user_equal (a->user, b->user);
}

static void
assert_config_equal (gconstpointer pa,
                     gconstpointer pb)
{
  const RdConfig *a = pa, *b = pb;

  g_assert_cmpint (a->evidence_max_bytes, ==, b->evidence_max_bytes);
  g_assert_cmpstrv (a->evidence_types, b->evidence_types);
  g_assert_cmpuint (a->evidence_max_per_case, ==, b->evidence_max_per_case);
  g_assert_cmpuint (a->text_max_chars, ==, b->text_max_chars);
  g_assert_cmpuint (a->seller_response_business_days, ==, b->seller_response_business_days);
  g_assert_cmpuint (a->buyer_response_days, ==, b->buyer_response_days);
}

static void
assert_changes_equal (gconstpointer pa,
                      gconstpointer pb)
{
  const RdChanges *a = pa, *b = pb;

  g_assert_cmpstr (a->cursor, ==, b->cursor);
  g_assert_cmpint (a->more, ==, b->more);
  g_assert_cmpuint (a->orders->len, ==, b->orders->len);
  for (guint i = 0; i < a->orders->len; i++)
    assert_order_equal (g_ptr_array_index (a->orders, i), g_ptr_array_index (b->orders, i));
  g_assert_cmpuint (a->cases->len, ==, b->cases->len);
  for (guint i = 0; i < a->cases->len; i++)
    assert_case_equal (g_ptr_array_index (a->cases, i), g_ptr_array_index (b->cases, i));
  g_assert_cmpstrv (a->removed, b->removed);
}

static void
assert_problem_equal (gconstpointer pa,
                      gconstpointer pb)
{
  const RdProblem *a = pa, *b = pb;

  g_assert_cmpstr (a->type, ==, b->type);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpuint (a->status, ==, b->status);
  g_assert_cmpstr (a->detail, ==, b->detail);
  g_assert_cmpint (a->code, ==, b->code);
  g_assert_cmpuint (a->errors->len, ==, b->errors->len);
  for (guint i = 0; i < a->errors->len; i++)
    {
      RdFieldError *ea = g_ptr_array_index (a->errors, i), *eb = g_ptr_array_index (b->errors, i);

      g_assert_cmpstr (ea->field, ==, eb->field);
      g_assert_cmpstr (ea->code, ==, eb->code);
    }
  if (a->current_case == NULL || b->current_case == NULL)
    g_assert_true (a->current_case == b->current_case);
  else
    assert_case_equal (a->current_case, b->current_case);
}

/* --- The documents ------------------------------------------------------------ */

static const char * const case_optional[] = {
  "respond_by", "resolution", "on_expiry", "rating", "resolution.amount", "rating.comment",
  "events[*].text", "events[*].template", "events[*].template.params.*", "events[*].note",
  "events[*].reason", "events[*].amount", "events[*].comment", "offers[*].note", NULL
};
static const char * const case_enums[] = {
  "reason", "requested.type", "status", "turn", "on_expiry", "resolution.outcome", "resolution.by",
  "allowed_actions[*]", "events[*].actor.role", "events[*].type", "events[*].decision",
  "events[*].outcome", "offers[*].type", "offers[*].status", "evidence[*].role", NULL
};
static const char * const order_optional[] = {
  "shipped_at", "delivered_at", "carrier", "tracking", NULL
};
static const char * const action_optional[] = {
  "evidence_ids", "template.params.*", "offer.note", "reason", "comment", NULL
};
static const char * const action_enums[] = { "type", "offer.type", "decision", NULL };
static const char * const action_aliases[] = { "template", "text", NULL };
static const char * const user_enums[] = { "user.role", NULL };
static const char * const draft_enums[] = { "reason", "requested.type", NULL };
static const char * const problem_optional[] = {
  "type", "title", "status", "detail", "errors", "case", NULL
};
static const char * const none[] = { NULL };
/* A ruling's note is required; an offer's is not. */
static const char * const case_required[] = { "events[15].note", "events[18].note", NULL };

#define CASE_DOC(n, f, r, fj, tj, fr, eq) \
  { n, f, -1, (FromJson) fj, (ToJson) tj, (GDestroyNotify) fr, eq, \
    { { "", none }, { r, case_optional } }, { { r, case_enums } }, NULL, case_required }
#define ACTION_DOC(i) \
  { "action-" #i, "actions.json", i, (FromJson) rd_codec_action_from_json, \
    (ToJson) rd_codec_action_to_json, g_object_unref, assert_action_equal, \
    { { "", action_optional } }, { { "", action_enums } }, action_aliases }

static const Doc docs[] = {
  CASE_DOC ("case", "case.json", "", rd_codec_case_from_json, rd_codec_case_to_json,
            g_object_unref, assert_case_equal),
  { "order", "order.json", -1, (FromJson) rd_codec_order_from_json, (ToJson) rd_codec_order_to_json,
    g_object_unref, assert_order_equal, { { "", order_optional } }, { { "", none } }, NULL },
  { "changes", "changes.json", -1, (FromJson) rd_codec_changes_from_json,
    (ToJson) rd_codec_changes_to_json, (GDestroyNotify) rd_changes_free, assert_changes_equal,
    { { "orders[*].", order_optional }, { "cases[*].", case_optional } },
    { { "cases[*].", case_enums } }, NULL },
  { "session", "session.json", -1, (FromJson) rd_codec_session_from_json,
    (ToJson) rd_codec_session_to_json, (GDestroyNotify) rd_session_info_free, assert_session_equal,
    { { "", none } }, { { "", user_enums } }, NULL },
  { "config", "config.json", -1, (FromJson) rd_codec_config_from_json,
    (ToJson) rd_codec_config_to_json, (GDestroyNotify) rd_config_free, assert_config_equal,
    { { "", none } }, { { "", none } }, NULL },
  { "case-draft", "case-draft.json", -1, (FromJson) rd_codec_case_draft_from_json,
    (ToJson) rd_codec_case_draft_to_json, (GDestroyNotify) rd_case_draft_free, assert_draft_equal,
    { { "", none } }, { { "", draft_enums } }, NULL },
  { "problem", "problem.json", -1, (FromJson) rd_codec_problem_from_json,
    (ToJson) rd_codec_problem_to_json, (GDestroyNotify) rd_problem_free, assert_problem_equal,
    { { "", problem_optional }, { "case.", case_optional } }, { { "case.", case_enums } }, NULL },
  ACTION_DOC (0), ACTION_DOC (1), ACTION_DOC (2), ACTION_DOC (3), ACTION_DOC (4),
  ACTION_DOC (5), ACTION_DOC (6), ACTION_DOC (7), ACTION_DOC (8), ACTION_DOC (9),
  ACTION_DOC (10), ACTION_DOC (11), ACTION_DOC (12), ACTION_DOC (13), ACTION_DOC (14),
};

static char *
fixture_path (const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "data", "codec", file, NULL);
}

/* The text of a document: the file, or one element of its array. */
static char *
doc_text (const Doc *doc)
{
  g_autofree char *path = fixture_path (doc->file);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  if (doc->index < 0)
    return g_steal_pointer (&contents);
  root = rd_codec_parse (contents, -1, &error);
  g_assert_no_error (error);
  return rd_codec_to_string (json_array_get_element (json_node_get_array (root), doc->index), NULL);
}

/* A mutable tree of the document, for the tests that edit it. */
static JsonNode *
doc_tree (const Doc *doc)
{
  g_autofree char *text = doc_text (doc);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* Parses @text and reads it as @doc's type: the object, or NULL and @error. */
static gpointer
doc_read (const Doc  *doc,
          const char *text,
          gssize      length,
          GError    **error)
{
  g_autoptr (JsonNode) node = rd_codec_parse (text, length, error);

  if (node == NULL)
    return NULL;
  return doc->from_json (node, error);
}

static gpointer
doc_read_tree (const Doc *doc,
               JsonNode  *tree,
               GError   **error)
{
  g_autofree char *text = rd_codec_to_string (tree, NULL);

  return doc_read (doc, text, -1, error);
}

static char *
generalize (const char *path)
{
  GString *out = g_string_new (NULL);

  for (const char *p = path; *p != '\0'; p++)
    {
      if (*p == '[')
        {
          g_string_append (out, "[*]");
          p = strchr (p, ']');
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* 0: not in @scopes; 1: matches a pattern; 2: matches a ".*" pattern. */
static int
match_scopes (const Scope *scopes,
              const char  *path)
{
  g_autofree char *gpath = generalize (path);

  for (guint s = 0; s < 3 && scopes[s].patterns != NULL; s++)
    {
      const char *rest;

      if (!g_str_has_prefix (gpath, scopes[s].root))
        continue;
      rest = gpath + strlen (scopes[s].root);
      for (guint i = 0; scopes[s].patterns[i] != NULL; i++)
        {
          const char *pattern = scopes[s].patterns[i];
          gsize n = strlen (pattern);

          if (strcmp (rest, pattern) == 0)
            return 1;
          if (n > 2 && g_str_has_suffix (pattern, ".*") && strncmp (rest, pattern, n - 1) == 0
              && strchr (rest + n - 1, '.') == NULL && strchr (rest + n - 1, '[') == NULL)
            return 2;
        }
    }
  return 0;
}

/* Whether @message is about @path, or about the field that @doc names in
 * its place when @path is gone (a message without text or template). */
static gboolean
names_field (const Doc  *doc,
             const char *message,
             const char *path)
{
  g_autofree char *prefix = g_strconcat (path, ": ", NULL);

  if (g_str_has_prefix (message, prefix))
    return TRUE;
  for (guint i = 0; doc->aliases != NULL && doc->aliases[i] != NULL; i += 2)
    if (strcmp (path, doc->aliases[i]) == 0)
      {
        g_autofree char *alias = g_strconcat (doc->aliases[i + 1], ": ", NULL);

        return g_str_has_prefix (message, alias);
      }
  return FALSE;
}

/* Reads the edited tree: it must be accepted, or refused naming @path. */
static void
check_tree (const Doc  *doc,
            JsonNode   *tree,
            const char *path,
            gboolean    accepted,
            const char *what)
{
  g_autoptr (GError) error = NULL;
  gpointer object = doc_read_tree (doc, tree, &error);

  if (accepted)
    {
      if (error != NULL)
        g_error ("%s: %s %s was refused: %s", doc->name, what, path, error->message);
      g_assert_nonnull (object);
      doc->free_func (object);
    }
  else
    {
      if (object != NULL)
        g_error ("%s: %s %s was accepted", doc->name, what, path);
      g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
      if (!names_field (doc, error->message, path))
        g_error ("%s: %s %s: the error does not name it: %s", doc->name, what, path, error->message);
    }
}

/* Where a node sits: a member of an object or an element of an array.
 * json-glib 1.6 frees a node's old value without forgetting it when a node
 * is re-initialised in place, so the tests swap whole nodes instead. */
typedef struct
{
  JsonObject *object;
  const char *name;
  JsonArray  *array;
  guint       index;
} Slot;

/* Puts @node (taking it) where the slot's node was. */
static void
slot_put (const Slot *slot,
          JsonNode   *node)
{
  g_autoptr (GPtrArray) tail = NULL;
  guint n;

  if (slot->object != NULL)
    {
      json_object_set_member (slot->object, slot->name, node);
      return;
    }
  n = json_array_get_length (slot->array);
  tail = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = slot->index + 1; i < n; i++)
    g_ptr_array_add (tail, json_node_ref (json_array_get_element (slot->array, i)));
  for (guint i = n; i > slot->index; i--)
    json_array_remove_element (slot->array, i - 1);
  json_array_add_element (slot->array, node);
  for (guint i = 0; i < tail->len; i++)
    json_array_add_element (slot->array, json_node_ref (g_ptr_array_index (tail, i)));
}

/* A value of a JSON type other than @node's own, the @which-th of them. */
static JsonNode *
wrong_value (JsonNode *node,
             guint     which)
{
  JsonNodeType type = JSON_NODE_TYPE (node);
  GType value_type = type == JSON_NODE_VALUE ? json_node_get_value_type (node) : G_TYPE_INVALID;
  JsonNode *wrong = json_node_alloc ();

  switch (which)
    {
    case 0:
      if (value_type == G_TYPE_STRING)
        return json_node_init_int (wrong, 42);
      return json_node_init_string (wrong, "42");
    case 1:
      if (value_type == G_TYPE_BOOLEAN)
        return json_node_init_int (wrong, 1);
      return json_node_init_boolean (wrong, TRUE);
    case 2:
      return json_node_init_double (wrong, 1.5);
    case 3:
      if (type == JSON_NODE_OBJECT)
        {
          json_node_init (wrong, JSON_NODE_ARRAY);
          json_node_take_array (wrong, json_array_new ());
        }
      else
        {
          json_node_init (wrong, JSON_NODE_OBJECT);
          json_node_take_object (wrong, json_object_new ());
        }
      return wrong;
    case 4:
      if (type == JSON_NODE_OBJECT || type == JSON_NODE_ARRAY)
        return json_node_init_int (wrong, 7);
      json_node_init (wrong, JSON_NODE_ARRAY);
      json_node_take_array (wrong, json_array_new ());
      return wrong;
    default:
      g_assert_not_reached ();
    }
}

#define N_WRONG 5

typedef void (*Visit) (const Doc  *doc,
                       JsonNode   *tree,
                       const Slot *slot,
                       JsonNode   *node,
                       const char *path,
                       gpointer    data);

/* Calls @visit for every member and element under @node, parents first;
 * @visit may swap the node but must put it back. */
static void
walk (const Doc  *doc,
      JsonNode   *tree,
      JsonNode   *node,
      const char *path,
      Visit       visit,
      gpointer    data)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      g_autoptr (GList) names = json_object_get_members (obj);
      g_autoptr (GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);

      for (GList *l = names; l != NULL; l = l->next)
        g_ptr_array_add (copies, g_strdup (l->data));
      for (guint i = 0; i < copies->len; i++)
        {
          const char *name = g_ptr_array_index (copies, i);
          g_autofree char *sub = *path ? g_strconcat (path, ".", name, NULL) : g_strdup (name);
          Slot slot = { obj, name, NULL, 0 };

          visit (doc, tree, &slot, json_object_get_member (obj, name), sub, data);
          walk (doc, tree, json_object_get_member (obj, name), sub, visit, data);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
          Slot slot = { NULL, NULL, array, i };

          visit (doc, tree, &slot, json_array_get_element (array, i), sub, data);
          walk (doc, tree, json_array_get_element (array, i), sub, visit, data);
        }
    }
}

static const Doc *
find_doc (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    if (strcmp (docs[i].name, name) == 0)
      return &docs[i];
  g_assert_not_reached ();
}

static JsonNode *
parse_text (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = rd_codec_parse (text, -1, &error);

  g_assert_no_error (error);
  return node;
}

static gpointer
read_doc (const char *name)
{
  const Doc *doc = find_doc (name);
  g_autofree char *text = doc_text (doc);
  g_autoptr (GError) error = NULL;
  gpointer object = doc_read (doc, text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (object);
  return object;
}

static void
assert_refused (GError     *error,
                const char *path)
{
  g_autofree char *prefix = g_strconcat (path, ": ", NULL);

  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected an error about %s, got: %s", path, error->message);
}

/* --- Valid documents -------------------------------------------------------- */

static void
test_valid_case (void)
{
  g_autoptr (RdCase) kase = read_doc ("case");
  g_autofree char *resolved_at = NULL;
  RdEvent *e;
  RdOffer *offer;
  RdEvidence *ev;

  g_assert_cmpstr (kase->id, ==, "3f1c9a52-8d2e-4b7a-9c1e-5a6b7c8d9e0f");
  g_assert_cmpint (kase->version, ==, 17);
  g_assert_cmpstr (kase->order_number, ==, "RD-2026-1001");
  g_assert_cmpstr (kase->item->sku, ==, "KG-HP-200");
  g_assert_cmpstr (kase->item->title, ==, "Kopfhörer „Ruhe“ – München edition 中文");
  g_assert_cmpuint (kase->item->quantity, ==, 2);
  g_assert_cmpint (kase->item->unit_price->amount, ==, 4999);
  g_assert_cmpstr (kase->item->unit_price->currency, ==, "EUR");
  g_assert_cmpstr (kase->buyer->name, ==, "Ana Müller");
  g_assert_cmpstr (kase->seller->id, ==, "u-kai");
  g_assert_cmpint (kase->reason, ==, RD_REASON_DEFECTIVE);
  g_assert_cmpint (kase->requested_type, ==, RD_OUTCOME_TYPE_PARTIAL_REFUND);
  g_assert_cmpint (kase->requested_amount->amount, ==, 2500);
  g_assert_cmpstr (kase->description, ==, "The left ear cup crackles.\nSecond line with \"quotes\" and a tab\t.");
  g_assert_cmpstr (kase->lang, ==, "de");
  g_assert_cmpint (kase->status, ==, RD_STATUS_RESOLVED);
  g_assert_cmpint (kase->turn, ==, RD_TURN_NONE);
  g_assert_null (kase->respond_by);
  g_assert_cmpint (kase->on_expiry, ==, RD_EXPIRY_NONE);
  g_assert_cmphex (kase->allowed_actions, ==, 0);
  g_assert_nonnull (kase->resolution);
  g_assert_cmpint (kase->resolution->outcome, ==, RD_RESOLUTION_OUTCOME_PARTIALLY_REFUNDED);
  g_assert_cmpint (kase->resolution->amount->amount, ==, 2000);
  g_assert_cmpint (kase->resolution->by, ==, RD_RESOLUTION_BY_PLATFORM);
  resolved_at = rd_codec_format_time (kase->resolution->at);
  g_assert_cmpstr (resolved_at, ==, "2026-03-20T16:00:00Z");
  g_assert_nonnull (kase->rating);
  g_assert_cmpuint (kase->rating->stars, ==, 4);
  g_assert_cmpstr (kase->rating->comment, ==, "Fair.");

  g_assert_cmpuint (kase->events->len, ==, 22);
  e = g_ptr_array_index (kase->events, 0);
  g_assert_cmpint (e->type, ==, RD_EVENT_TYPE_CREATED);
  g_assert_cmpint (e->actor_role, ==, RD_ROLE_BUYER);
  g_assert_cmpint (g_date_time_get_day_of_month (e->at), ==, 2);
  e = g_ptr_array_index (kase->events, 1);
  g_assert_cmpint (e->type, ==, RD_EVENT_TYPE_MESSAGE);
  g_assert_cmpstr (e->text, ==, "Photo attached.");
  g_assert_null (e->template_id);
  g_assert_cmpstr (e->lang, ==, "de");
  g_assert_cmpuint (g_strv_length (e->evidence_ids), ==, 1);
  e = g_ptr_array_index (kase->events, 2);
  g_assert_cmpint (e->type, ==, RD_EVENT_TYPE_EVIDENCE);
  g_assert_cmpstr (e->evidence_ids[1], ==, "9A7B6C5D-4E3F-4A1B-8C2D-3E4F5A6B7C8D");
  e = g_ptr_array_index (kase->events, 3);
  g_assert_null (e->text);
  g_assert_cmpstr (e->template_id, ==, "request_photos");
  g_assert_cmpuint (g_hash_table_size (e->template_params), ==, 0);
  g_assert_nonnull (e->evidence_ids);
  g_assert_null (e->evidence_ids[0]);
  e = g_ptr_array_index (kase->events, 4);
  g_assert_cmpint (e->type, ==, RD_EVENT_TYPE_OFFER);
  g_assert_cmpstr (e->offer_id, ==, "off-1");
  g_assert_cmpstr (e->note, ==, "Half back?");
  e = g_ptr_array_index (kase->events, 5);
  g_assert_cmpint (e->type, ==, RD_EVENT_TYPE_OFFER_REJECTED);
  g_assert_cmpstr (e->reason, ==, "Too little.");
  e = g_ptr_array_index (kase->events, 9);
  g_assert_cmpint (e->type, ==, RD_EVENT_TYPE_RETURN_SHIPPED);
  g_assert_cmpstr (e->carrier, ==, "DHL");
  g_assert_cmpstr (e->tracking, ==, "00340434161094042557");
  e = g_ptr_array_index (kase->events, 11);
  g_assert_cmpstr (e->text, ==, "Refund sent.");
  g_assert_cmpstr (g_hash_table_lookup (e->template_params, "amount"), ==, "2000 EUR");
  g_assert_cmpstr (g_hash_table_lookup (e->template_params, "note"), ==, "中文");
  e = g_ptr_array_index (kase->events, 12);
  g_assert_cmpint (e->type, ==, RD_EVENT_TYPE_DEADLINE_MISSED);
  g_assert_cmpint (e->actor_role, ==, RD_ROLE_PLATFORM);
  e = g_ptr_array_index (kase->events, 13);
  g_assert_null (e->reason);
  e = g_ptr_array_index (kase->events, 15);
  g_assert_true (e->has_decision);
  g_assert_cmpint (e->decision, ==, RD_DECISION_SPLIT);
  g_assert_cmpint (e->amount->amount, ==, 2000);
  g_assert_cmpstr (e->note, ==, "Both have a point.");
  g_assert_false (e->has_outcome);
  e = g_ptr_array_index (kase->events, 16);
  g_assert_true (e->has_outcome);
  g_assert_false (e->has_decision);
  g_assert_cmpint (e->outcome, ==, RD_RESOLUTION_OUTCOME_PARTIALLY_REFUNDED);
  e = g_ptr_array_index (kase->events, 17);
  g_assert_cmpuint (e->stars, ==, 4);
  g_assert_cmpstr (e->comment, ==, "Fair.");
  e = g_ptr_array_index (kase->events, 18);
  g_assert_cmpint (e->decision, ==, RD_DECISION_BUYER);
  g_assert_null (e->amount);
  g_assert_cmpstr (e->note, ==, "");
  e = g_ptr_array_index (kase->events, 20);
  g_assert_cmpint (e->outcome, ==, RD_RESOLUTION_OUTCOME_WITHDRAWN);
  g_assert_null (e->amount);

  g_assert_cmpuint (kase->offers->len, ==, 2);
  offer = g_ptr_array_index (kase->offers, 0);
  g_assert_cmpint (offer->type, ==, RD_OUTCOME_TYPE_PARTIAL_REFUND);
  g_assert_cmpint (offer->amount->amount, ==, 1500);
  g_assert_cmpint (offer->status, ==, RD_OFFER_STATUS_REJECTED);
  offer = g_ptr_array_index (kase->offers, 1);
  g_assert_null (offer->amount);
  g_assert_null (offer->note);
  g_assert_cmpint (offer->status, ==, RD_OFFER_STATUS_ACCEPTED);

  g_assert_cmpuint (kase->evidence->len, ==, 2);
  ev = g_ptr_array_index (kase->evidence, 0);
  g_assert_cmpstr (ev->filename, ==, "ohr links.jpg");
  g_assert_cmpint (ev->size, ==, 482113);
  g_assert_cmpint (ev->role, ==, RD_ROLE_BUYER);
  ev = g_ptr_array_index (kase->evidence, 1);
  g_assert_cmpint (ev->size, ==, 0);
  g_assert_cmpstr (ev->by->name, ==, "Kai's Gadgets");
}

static void
test_valid_changes (void)
{
  g_autoptr (RdChanges) changes = read_doc ("changes");
  RdOrder *order;
  RdCase *kase;
  g_autofree char *respond_by = NULL;

  g_assert_cmpstr (changes->cursor, ==, "c:000042");
  g_assert_true (changes->more);
  g_assert_cmpuint (changes->orders->len, ==, 1);
  order = g_ptr_array_index (changes->orders, 0);
  g_assert_null (order->shipped_at);
  g_assert_null (order->delivered_at);
  g_assert_null (order->carrier);
  g_assert_null (order->tracking);
  g_assert_cmpstr (order->buyer->name, ==, "李雷");
  g_assert_cmpstr (order->total->currency, ==, "JPY");
  g_assert_cmpuint (changes->cases->len, ==, 1);
  kase = g_ptr_array_index (changes->cases, 0);
  g_assert_cmphex (kase->allowed_actions, ==,
                   1u << RD_ACTION_TYPE_MESSAGE | 1u << RD_ACTION_TYPE_OFFER
                   | 1u << RD_ACTION_TYPE_ACCEPT_CLAIM | 1u << RD_ACTION_TYPE_RULE);
  g_assert_cmpint (kase->on_expiry, ==, RD_EXPIRY_ESCALATE);
  respond_by = rd_codec_format_time (kase->respond_by);
  g_assert_cmpstr (respond_by, ==, "2026-03-05T00:00:00Z");
  g_assert_null (kase->resolution);
  g_assert_null (kase->rating);
  g_assert_null (kase->requested_amount);
  g_assert_cmpint (kase->requested_type, ==, RD_OUTCOME_TYPE_FULL_REFUND);
  g_assert_cmpstr (kase->description, ==, "");
  g_assert_cmpuint (kase->offers->len, ==, 0);
  g_assert_cmpuint (kase->evidence->len, ==, 0);
  g_assert_cmpstrv (changes->removed, ((const char * const[]) { "7e6d5c4b-3a29-4817-8f6e-5d4c3b2a1908", NULL }));
}

static void
test_valid_order (void)
{
  g_autoptr (RdOrder) order = read_doc ("order");
  RdOrderItem *item;
  g_autofree char *delivered = NULL;

  g_assert_cmpstr (order->id, ==, "ord-1001");
  g_assert_cmpuint (order->items->len, ==, 2);
  item = g_ptr_array_index (order->items, 1);
  g_assert_cmpstr (item->title, ==, "");
  g_assert_cmpint (item->unit_price->amount, ==, 0);
  g_assert_cmpint (order->total->amount, ==, 9998);
  delivered = rd_codec_format_time (order->delivered_at);
  g_assert_cmpstr (delivered, ==, "2026-02-24T13:12:00Z");
  g_assert_cmpstr (order->carrier, ==, "DHL");
  g_assert_cmpuint (order->return_window_days, ==, 30);
  g_assert_cmpuint (order->warranty_months, ==, 24);
}

static void
test_valid_small (void)
{
  g_autoptr (RdSessionInfo) session = read_doc ("session");
  g_autoptr (RdConfig) config = read_doc ("config");
  g_autoptr (RdCaseDraft) draft = read_doc ("case-draft");
  g_autoptr (RdProblem) problem = read_doc ("problem");
  g_autoptr (RdConfig) defaults = rd_config_new_default ();
  RdFieldError *fe;

  g_assert_cmpstr (session->token, ==, "tok-Zm9vYmFy");
  g_assert_cmpint (g_date_time_get_month (session->expires_at), ==, 4);
  g_assert_cmpstr (session->user->name, ==, "李雷");
  g_assert_cmpint (session->user->role, ==, RD_ROLE_BUYER);
  g_assert_cmpstr (session->user->locale, ==, "zh_CN");

  /* The fixture is API.md's example, which the defaults also follow. */
  assert_config_equal (config, defaults);

  g_assert_cmpstr (draft->order_id, ==, "ord-1001");
  g_assert_cmpstr (draft->item_sku, ==, "KG-HP-200");
  g_assert_cmpint (draft->reason, ==, RD_REASON_DAMAGED_IN_TRANSIT);
  g_assert_cmpint (draft->requested_type, ==, RD_OUTCOME_TYPE_PARTIAL_REFUND);
  g_assert_cmpint (draft->requested_amount->amount, ==, 1000);
  g_assert_cmpstr (draft->lang, ==, "en");

  g_assert_cmpint (problem->code, ==, RD_ERROR_VERSION_MISMATCH);
  g_assert_cmpuint (problem->status, ==, 412);
  g_assert_cmpstr (problem->detail, ==, "The case is at version 18.");
  g_assert_cmpuint (problem->errors->len, ==, 2);
  fe = g_ptr_array_index (problem->errors, 0);
  g_assert_cmpstr (fe->field, ==, "offer.amount");
  g_assert_cmpstr (fe->code, ==, "out_of_range");
  g_assert_nonnull (problem->current_case);
  g_assert_cmpint (problem->current_case->version, ==, 18);
  g_assert_cmpint (problem->current_case->on_expiry, ==, RD_EXPIRY_EXPIRE);
}

static void
test_valid_actions (void)
{
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_object_unref);
  RdAction *a;

  for (guint i = 0; i < 15; i++)
    {
      g_autofree char *name = g_strdup_printf ("action-%u", i);

      g_ptr_array_add (actions, read_doc (name));
    }

  a = g_ptr_array_index (actions, 0);
  g_assert_cmpint (a->type, ==, RD_ACTION_TYPE_MESSAGE);
  g_assert_cmpstr (a->text, ==, "Hello – 你好");
  g_assert_cmpstr (a->lang, ==, "en");
  g_assert_cmpstr (a->evidence_ids[0], ==, "0b8e4c2a-1d3f-4e5a-8b6c-7d8e9f0a1b2c");
  a = g_ptr_array_index (actions, 1);
  g_assert_null (a->text);
  g_assert_null (a->evidence_ids);
  g_assert_cmpstr (a->template_id, ==, "return_label_sent");
  g_assert_cmpstr (g_hash_table_lookup (a->template_params, "tracking"), ==, "JJD0001");
  a = g_ptr_array_index (actions, 2);
  g_assert_cmpint (a->type, ==, RD_ACTION_TYPE_OFFER);
  g_assert_cmpint (a->offer_type, ==, RD_OUTCOME_TYPE_PARTIAL_REFUND);
  g_assert_cmpint (a->offer_amount->amount, ==, 1500);
  g_assert_cmpstr (a->offer_note, ==, "Half back?");
  a = g_ptr_array_index (actions, 3);
  g_assert_cmpint (a->offer_type, ==, RD_OUTCOME_TYPE_REPLACEMENT);
  g_assert_null (a->offer_amount);
  a = g_ptr_array_index (actions, 4);
  g_assert_cmpint (a->type, ==, RD_ACTION_TYPE_ACCEPT_CLAIM);
  a = g_ptr_array_index (actions, 5);
  g_assert_cmpint (a->type, ==, RD_ACTION_TYPE_ACCEPT_OFFER);
  g_assert_cmpstr (a->offer_id, ==, "off-1");
  a = g_ptr_array_index (actions, 6);
  g_assert_cmpstr (a->reason, ==, "Too little.");
  a = g_ptr_array_index (actions, 7);
  g_assert_cmpint (a->type, ==, RD_ACTION_TYPE_ESCALATE);
  g_assert_cmpstr (a->reason, ==, "No answer.");
  a = g_ptr_array_index (actions, 9);
  g_assert_cmpint (a->type, ==, RD_ACTION_TYPE_SHIP_RETURN);
  g_assert_cmpstr (a->carrier, ==, "UPS");
  g_assert_cmpstr (a->tracking, ==, "1Z999AA10123456784");
  a = g_ptr_array_index (actions, 10);
  g_assert_cmpint (a->type, ==, RD_ACTION_TYPE_CONFIRM_RETURN);
  a = g_ptr_array_index (actions, 11);
  g_assert_cmpint (a->decision, ==, RD_DECISION_SPLIT);
  g_assert_cmpint (a->amount->amount, ==, 2000);
  a = g_ptr_array_index (actions, 12);
  g_assert_cmpint (a->decision, ==, RD_DECISION_SELLER);
  g_assert_null (a->amount);
  g_assert_cmpstr (a->note, ==, "No defect.");
  a = g_ptr_array_index (actions, 13);
  g_assert_cmpuint (a->stars, ==, 5);
  a = g_ptr_array_index (actions, 14);
  g_assert_cmpuint (a->stars, ==, 1);
  g_assert_null (a->comment);
  g_assert_cmpstr (a->id, ==, "A0000000-0000-4000-8000-00000000000F");
}

/* --- Round trips -------------------------------------------------------------- */

/* Reading then writing gives the document back; reading that again gives the
 * same object, and writing it the same text. */
static void
test_round_trip (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      const Doc *doc = &docs[d];
      g_autofree char *text = doc_text (doc);
      g_autoptr (JsonNode) original = parse_text (text);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) written = NULL, rewritten = NULL, reparsed = NULL;
      g_autofree char *written_text = NULL, *rewritten_text = NULL;
      gpointer first, second;

      first = doc->from_json (original, &error);
      g_assert_no_error (error);
      written = doc->to_json (first);
      if (!json_node_equal (written, original))
        {
          g_autofree char *out = rd_codec_to_string (written, NULL);

          g_error ("%s: written differs from the fixture:\n%s\n%s", doc->name, out, text);
        }
      written_text = rd_codec_to_string (written, NULL);
      reparsed = parse_text (written_text);
      second = doc->from_json (reparsed, &error);
      g_assert_no_error (error);
      doc->assert_equal (first, second);
      rewritten = doc->to_json (second);
      rewritten_text = rd_codec_to_string (rewritten, NULL);
      g_assert_cmpstr (written_text, ==, rewritten_text);
      doc->free_func (first);
      doc->free_func (second);
    }
}

static void
test_round_trip_built (void)
{
  g_autoptr (RdCase) kase = read_doc ("case");
  g_autoptr (RdCase) back = NULL;
  g_autoptr (RdAction) action = rd_action_new ();
  g_autoptr (RdAction) action_back = NULL;
  g_autoptr (JsonNode) node = NULL, action_node = NULL, action_node2 = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text1 = NULL, *text2 = NULL;
  g_autoptr (GDateTime) odd = g_date_time_new_utc (5, 1, 2, 3, 4, 5.75);
  g_autofree char *odd_text = rd_codec_format_time (odd);
  g_autoptr (GTimeZone) tz = g_time_zone_new_offset (-(3 * 3600 + 30 * 60));
  g_autoptr (GDateTime) local = g_date_time_new (tz, 2026, 12, 31, 22, 0, 0);
  g_autofree char *local_text = rd_codec_format_time (local);

  /* Every allowed action travels, in order. */
  kase->allowed_actions = (1u << RD_ACTION_TYPE_N_VALUES) - 1;
  kase->on_expiry = RD_EXPIRY_EXPIRE;
  kase->respond_by = g_date_time_new_utc (2026, 4, 1, 0, 0, 0);
  node = rd_codec_case_to_json (kase);
  back = rd_codec_case_from_json (node, &error);
  g_assert_no_error (error);
  assert_case_equal (kase, back);

  /* Template parameters come out sorted, whatever order they were added in,
   * so that a replayed action has the very same body. */
  action->id = g_strdup ("0f0e0d0c-0b0a-4908-8706-050403020100");
  action->type = RD_ACTION_TYPE_MESSAGE;
  action->template_id = g_strdup ("refund_issued");
  action->template_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (char c = 'z'; c >= 'a'; c--)
    g_hash_table_insert (action->template_params, g_strdup_printf ("%c%c", c, c), g_strdup ("v"));
  g_hash_table_insert (action->template_params, g_strdup ("amount"), g_strdup ("1000 EUR"));
  action->lang = g_strdup ("en");
  action_node = rd_codec_action_to_json (action);
  text1 = rd_codec_to_string (action_node, NULL);
  g_assert_nonnull (strstr (text1, "\"params\":{\"aa\":\"v\",\"amount\":\"1000 EUR\",\"bb\":\"v\""));
  action_back = rd_codec_action_from_json (action_node, &error);
  g_assert_no_error (error);
  assert_action_equal (action, action_back);
  action_node2 = rd_codec_action_to_json (action_back);
  text2 = rd_codec_to_string (action_node2, NULL);
  g_assert_cmpstr (text1, ==, text2);

  /* Times are written in UTC with whole seconds and four-digit years. */
  g_assert_cmpstr (odd_text, ==, "0005-01-02T03:04:05Z");
  g_assert_cmpstr (local_text, ==, "2027-01-01T01:30:00Z");
}

/* A model object missing required fields is written without a crash, and
 * refused when read back. */
static void
test_write_incomplete (void)
{
  g_autoptr (RdCase) kase = rd_case_new ();
  g_autoptr (RdEvent) event = rd_event_new ();
  g_autoptr (RdOrder) order = rd_order_new ();
  g_autoptr (RdChanges) changes = rd_changes_new ();
  g_autoptr (RdProblem) problem = rd_problem_new (RD_ERROR_FAILED, NULL);
  g_autoptr (JsonNode) n1 = rd_codec_case_to_json (kase);
  g_autoptr (JsonNode) n2 = rd_codec_event_to_json (event);
  g_autoptr (JsonNode) n3 = rd_codec_order_to_json (order);
  g_autoptr (JsonNode) n4 = rd_codec_changes_to_json (changes);
  g_autoptr (JsonNode) n5 = rd_codec_problem_to_json (problem);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdProblem) back = NULL;

  g_assert_null (rd_codec_case_from_json (n1, &error));
  assert_refused (error, "id");
  g_clear_error (&error);
  g_assert_null (rd_codec_event_from_json (n2, &error));
  assert_refused (error, "id");
  g_clear_error (&error);
  g_assert_null (rd_codec_order_from_json (n3, &error));
  assert_refused (error, "id");
  g_clear_error (&error);
  g_assert_null (rd_codec_changes_from_json (n4, &error));
  assert_refused (error, "cursor");
  g_clear_error (&error);
  /* A problem with a code of the client's own reads back as a failure. */
  back = rd_codec_problem_from_json (n5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->code, ==, RD_ERROR_FAILED);
  g_assert_cmpuint (back->status, ==, 0);
}

/* --- Missing fields, nulls and wrong types ----------------------------------- */

typedef struct
{
  guint required;
  guint optional;
} FieldCount;

static void
visit_field (const Doc  *doc,
             JsonNode   *tree,
             const Slot *slot,
             JsonNode   *node,
             const char *path,
             gpointer    data)
{
  FieldCount *count = data;
  int optional = match_scopes (doc->optional, path);
  g_autoptr (JsonNode) saved = json_node_ref (node);

  if (doc->required != NULL && g_strv_contains (doc->required, path))
    optional = 0;

  if (slot->object != NULL)
    {
      if (optional)
        count->optional++;
      else
        count->required++;
      json_object_remove_member (slot->object, slot->name);
      check_tree (doc, tree, path, optional != 0, "without");
    }

  /* Null is absent for an optional field, and wrong for anything else
   * (template parameters, array elements, required fields). */
  slot_put (slot, json_node_new (JSON_NODE_NULL));
  check_tree (doc, tree, path, optional == 1, "null");

  /* The type of a field that is null in the fixture is not known here; the
   * other fixtures carry it with a value. */
  for (guint w = 0; w < N_WRONG && !JSON_NODE_HOLDS_NULL (saved); w++)
    {
      slot_put (slot, wrong_value (saved, w));
      check_tree (doc, tree, path, FALSE, "a wrong type for");
    }
  slot_put (slot, json_node_ref (saved));
}

static void
test_fields (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      const Doc *doc = &docs[d];
      g_autoptr (JsonNode) tree = doc_tree (doc);
      g_autofree char *before = rd_codec_to_string (tree, NULL);
      g_autofree char *after = NULL;
      g_autoptr (JsonNode) reparsed = NULL, original = NULL;
      FieldCount count = { 0, 0 };

      walk (doc, tree, tree, "", visit_field, &count);
      g_test_message ("%s: %u required and %u optional fields", doc->name, count.required, count.optional);
      g_assert_cmpuint (count.required, >, 0);
      /* The walk put everything back. */
      after = rd_codec_to_string (tree, NULL);
      reparsed = parse_text (after);
      original = parse_text (before);
      g_assert_true (json_node_equal (reparsed, original));
    }
}

/* Every optional pattern and enum pattern meets a field of its fixture, so
 * that the lists above cannot drift from the fixtures silently. */
static void
visit_count_patterns (const Doc  *doc,
                      JsonNode   *tree,
                      const Slot *slot,
                      JsonNode   *node,
                      const char *path,
                      gpointer    data)
{
  GHashTable *seen = data;
  g_autofree char *gpath = generalize (path);

  g_hash_table_add (seen, g_steal_pointer (&gpath));
}

static void
test_patterns_cover_fixtures (void)
{
  const char *checks[][2] = {
    { "case", "" }, { "changes", "cases[*]." }, { "order", "" }, { "action-0", "" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (checks); c++)
    {
      const Doc *doc = find_doc (checks[c][0]);
      g_autoptr (JsonNode) tree = doc_tree (doc);
      g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      walk (doc, tree, tree, "", visit_count_patterns, seen);
      if (strcmp (doc->name, "case") == 0)
        for (guint i = 0; case_optional[i] != NULL; i++)
          {
            g_autofree char *p = g_strdup (case_optional[i]);

            if (g_str_has_suffix (p, ".*"))
              p[strlen (p) - 2] = '\0';
            if (!g_hash_table_contains (seen, p))
              g_error ("case.json has no field %s", p);
          }
      if (strcmp (doc->name, "case") == 0)
        for (guint i = 0; case_enums[i] != NULL; i++)
          if (strcmp (case_enums[i], "allowed_actions[*]") != 0 && !g_hash_table_contains (seen, case_enums[i]))
            g_error ("case.json has no field %s", case_enums[i]);
      if (strcmp (doc->name, "changes") == 0)
        g_assert_true (g_hash_table_contains (seen, "cases[*].allowed_actions[*]"));
      if (strcmp (doc->name, "order") == 0)
        for (guint i = 0; order_optional[i] != NULL; i++)
          g_assert_true (g_hash_table_contains (seen, order_optional[i]));
    }
}

/* --- Values ------------------------------------------------------------------ */

typedef gboolean (*Applies) (const Doc *doc, const Slot *slot, const char *path, JsonNode *node);

typedef struct
{
  const char * const *values;  /* replacements, JSON text */
  Applies applies;
  guint hits;
} Replace;

static void
visit_replace (const Doc  *doc,
               JsonNode   *tree,
               const Slot *slot,
               JsonNode   *node,
               const char *path,
               gpointer    data)
{
  Replace *replace = data;
  g_autoptr (JsonNode) saved = NULL;

  if (!replace->applies (doc, slot, path, node))
    return;
  replace->hits++;
  saved = json_node_ref (node);
  for (guint i = 0; replace->values[i] != NULL; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, replace->values[i], -1, NULL));
      slot_put (slot, json_node_copy (json_parser_get_root (parser)));
      check_tree (doc, tree, path, FALSE, replace->values[i]);
    }
  slot_put (slot, json_node_ref (saved));
}

static guint
replace_everywhere (const char * const *values,
                    Applies             applies)
{
  Replace replace = { values, applies, 0 };

  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      g_autoptr (JsonNode) tree = doc_tree (&docs[d]);

      walk (&docs[d], tree, tree, "", visit_replace, &replace);
    }
  return replace.hits;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
applies_time (const Doc  *doc,
              const Slot *slot,
              const char *path,
              JsonNode   *node)
{
  g_autoptr (GDateTime) time = NULL;

  if (!is_string (node))
    return FALSE;
  time = rd_codec_parse_time (json_node_get_string (node), NULL);
  return time != NULL;
}

static void
test_invalid_times (void)
{
  static const char * const bad[] = {
    "\"2026-02-30T00:00:00Z\"", "\"yesterday\"", "\"\"", "\"2026-03-31\"",
    "\"2026-03-31T09:15:00\"", "\"2026-03-31 09:15:00Z\"", "\"2026-03-31T24:00:00Z\"",
    "\"2026-13-01T00:00:00Z\"", "\"1774948500\"", NULL
  };
  static const char * const invalid[] = {
    "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "yesterday", "", "2026-03-31",
    "2026-03-31T09:15:00", "2026-03-31 09:15:00Z", "2026-03-31T24:00:00Z", "2026-03-31T09:60:00Z",
    "2026-03-31T09:15:60Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-03-00T00:00:00Z",
    "2026-03-31T09:15:00+2:00", "2026-03-31T09:15:00+24:00", "2026-03-31T09:15:00+02:60",
    "2026-03-31T09:15:00.Z", "2026-03-31T09:15Z", "+2026-03-31T09:15:00Z", "2026-03-31T09:15:00Z ",
    " 2026-03-31T09:15:00Z", "0000-01-01T00:00:00Z", "0001-01-01T00:30:00+01:00",
    "9999-12-31T23:30:00-01:00", "２０２６-03-31T09:15:00Z", "2026-W13-2T09:15:00Z",
    "20260331T091500Z", "2026-03-31T09:15:00ZZ", "2026-3-31T09:15:00Z", NULL
  };
  static const char * const valid[][2] = {
    { "2026-03-31T09:15:00Z", "2026-03-31T09:15:00Z" },
    { "2026-03-31t09:15:00z", "2026-03-31T09:15:00Z" },
    { "2026-03-31T11:15:00.123456+02:00", "2026-03-31T09:15:00Z" },
    { "2026-03-31T09:15:00.999999999Z", "2026-03-31T09:15:00Z" },
    { "2026-03-30T21:15:00-12:00", "2026-03-31T09:15:00Z" },
    { "2026-03-31T09:15:00-00:00", "2026-03-31T09:15:00Z" },
    { "2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z" },
    { "2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z" },
    { "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z" },
    { "9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z" },
  };

  for (guint i = 0; invalid[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GDateTime) time = rd_codec_parse_time (invalid[i], &error);

      if (time != NULL)
        g_error ("“%s” was read as a time", invalid[i]);
      g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
    }
  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GDateTime) time = rd_codec_parse_time (valid[i][0], &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = rd_codec_format_time (time);
      g_assert_cmpstr (text, ==, valid[i][1]);
      g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 0);
    }

  /* In the documents: every time field of every fixture (the count keeps
   * the fixtures and this test in step). */
  g_assert_cmpuint (replace_everywhere (bad, applies_time), ==, 42);
}

static gboolean
applies_money_part (const Slot *slot,
                    const char *part)
{
  JsonObject *obj = slot->object;

  return obj != NULL && strcmp (slot->name, part) == 0 && json_object_get_size (obj) == 2
         && json_object_has_member (obj, "amount") && json_object_has_member (obj, "currency");
}

static gboolean
applies_amount (const Doc  *doc,
                const Slot *slot,
                const char *path,
                JsonNode   *node)
{
  return applies_money_part (slot, "amount");
}

static gboolean
applies_currency (const Doc  *doc,
                  const Slot *slot,
                  const char *path,
                  JsonNode   *node)
{
  return applies_money_part (slot, "currency");
}

static void
test_invalid_money (void)
{
  static const char * const bad_amounts[] = {
    "19.99", "1999.0", "1e3", "\"1999\"", "-1", "-9223372036854775808", "true", NULL
  };
  static const char * const bad_currencies[] = {
    "\"EU\"", "\"EURO\"", "\"eur\"", "\"\"", "978", "\"E1R\"", "\"€UR\"", "\"EUR \"", NULL
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) big = parse_text ("{\"amount\": 9223372036854775807, \"currency\": \"JPY\"}");
  g_autoptr (RdMoney) money = rd_codec_money_from_json (big, &error);
  g_autoptr (JsonNode) zero = parse_text ("{\"amount\": 0, \"currency\": \"XXX\", \"extra\": 1.5}");
  g_autoptr (RdMoney) zero_money = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (money->amount, ==, G_MAXINT64);
  zero_money = rd_codec_money_from_json (zero, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zero_money->amount, ==, 0);

  /* Past 64 bits the document itself is refused: json-glib would wrap it. */
  g_assert_null (rd_codec_parse ("{\"amount\": 9223372036854775808, \"currency\": \"EUR\"}", -1, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (rd_codec_parse ("[-9223372036854775809]", -1, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (rd_codec_parse ("[123456789012345678901234567890]", -1, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (rd_codec_parse ("[1e400]", -1, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_cmpuint (replace_everywhere (bad_amounts, applies_amount), ==, 16);
  g_assert_cmpuint (replace_everywhere (bad_currencies, applies_currency), ==, 16);
}

static gboolean
applies_uuid (const Doc  *doc,
              const Slot *slot,
              const char *path,
              JsonNode   *node)
{
  return is_string (node) && rd_uuid_is_valid (json_node_get_string (node));
}

static void
test_invalid_uuids (void)
{
  static const char * const bad[] = {
    "\"not-a-uuid\"", "\"3f1c9a52-8d2e-4b7a-9c1e-5a6b7c8d9e0\"", "\"3f1c9a52-8d2e-4b7a-9c1e-5a6b7c8d9e0ff\"",
    "\"3f1c9a528d2e4b7a9c1e5a6b7c8d9e0f\"", "\"3f1c9a52-8d2e-4b7a-9c1e-5a6b7c8d9e0g\"",
    "\"{3f1c9a52-8d2e-4b7a-9c1e-5a6b7c8d9e0f}\"", "\"3f1c9a52_8d2e_4b7a_9c1e_5a6b7c8d9e0f\"", "\"\"", NULL
  };
  static const char * const valid[] = {
    "3f1c9a52-8d2e-4b7a-9c1e-5a6b7c8d9e0f", "3F1C9A52-8D2E-4B7A-9C1E-5A6B7C8D9E0F",
    "00000000-0000-0000-0000-000000000000", NULL
  };

  for (guint i = 0; valid[i] != NULL; i++)
    g_assert_true (rd_uuid_is_valid (valid[i]));
  g_assert_false (rd_uuid_is_valid (NULL));
  g_assert_false (rd_uuid_is_valid (" 3f1c9a52-8d2e-4b7a-9c1e-5a6b7c8d9e0"));
  g_assert_false (rd_uuid_is_valid ("3f1c9a52-8d2e-4b7a-9c1e-5a6b7c8d9e0f\n"));
  /* Case ids, evidence ids (also in evidence_ids and removed) and action ids. */
  g_assert_cmpuint (replace_everywhere (bad, applies_uuid), ==, 25);
}

static gboolean
applies_enum (const Doc  *doc,
              const Slot *slot,
              const char *path,
              JsonNode   *node)
{
  return is_string (node) && match_scopes (doc->enums, path) != 0;
}

static void
test_unknown_enums (void)
{
  static const char * const bad[] = { "\"bogus\"", "\"\"", "\"Buyer\"", "\"message \"", "\"SELLER\"", NULL };

  g_assert_cmpuint (replace_everywhere (bad, applies_enum), ==, 105);
}

/* The platform role is only for the platform's own steps, never a user. */
static void
test_user_role (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = parse_text ("{\"id\": \"u\", \"name\": \"n\", \"role\": \"platform\", \"locale\": \"en\"}");
  g_autoptr (JsonNode) agent = parse_text ("{\"id\": \"u\", \"name\": \"n\", \"role\": \"agent\", \"locale\": \"en\", \"x\": null}");
  g_autoptr (RdUser) user = NULL;

  g_assert_null (rd_codec_user_from_json (node, &error));
  assert_refused (error, "role");
  g_clear_error (&error);
  user = rd_codec_user_from_json (agent, &error);
  g_assert_no_error (error);
  g_assert_cmpint (user->role, ==, RD_ROLE_AGENT);
}

/* --- Unknown fields ---------------------------------------------------------- */

static void
visit_add_unknown (const Doc  *doc,
                   JsonNode   *tree,
                   const Slot *slot,
                   JsonNode   *node,
                   const char *path,
                   gpointer    data)
{
  g_autofree char *gpath = generalize (path);
  guint *added = data;
  g_autoptr (JsonParser) parser = json_parser_new ();

  /* Template parameters are open-ended: an extra one is a parameter.  And
   * the unknown fields themselves are not walked into. */
  if (!JSON_NODE_HOLDS_OBJECT (node) || g_str_has_suffix (gpath, "template.params")
      || strstr (path, "zz_future") != NULL)
    return;
  g_assert_true (json_parser_load_from_data (parser, "{\"deeper\": [1, 2.5, null, \"x\", {\"amount\": \"no\"}]}", -1, NULL));
  json_object_set_member (json_node_get_object (node), "zz_future", json_node_ref (json_parser_get_root (parser)));
  json_object_set_string_member (json_node_get_object (node), "id_v2", "not a uuid");
  (*added)++;
}

static void
test_unknown_fields (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      const Doc *doc = &docs[d];
      g_autofree char *text = doc_text (doc);
      g_autoptr (JsonNode) original = parse_text (text);
      g_autoptr (JsonNode) tree = doc_tree (doc);
      g_autoptr (JsonNode) written = NULL;
      g_autoptr (GError) error = NULL;
      guint added = 0;
      gpointer object;

      json_object_set_string_member (json_node_get_object (tree), "zz_top", "x");
      walk (doc, tree, tree, "", visit_add_unknown, &added);
      object = doc_read_tree (doc, tree, &error);
      g_assert_no_error (error);
      written = doc->to_json (object);
      g_assert_true (json_node_equal (written, original));
      doc->free_func (object);
    }
}

/* --- Per type rules -------------------------------------------------------- */

static void
assert_action_refused (const char *json,
                       const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = parse_text (json);
  RdAction *action = rd_codec_action_from_json (node, &error);

  if (action != NULL)
    g_error ("accepted: %s", json);
  assert_refused (error, path);
}

static void
assert_action_accepted (const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = parse_text (json);
  g_autoptr (RdAction) action = rd_codec_action_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (action);
}

#define ID "\"id\": \"a0000000-0000-4000-8000-000000000001\", "

static void
test_action_rules (void)
{
  assert_action_refused ("{" ID "\"type\": \"offer\", \"offer\": {\"type\": \"partial_refund\"}}", "offer.amount");
  assert_action_refused ("{" ID "\"type\": \"offer\", \"offer\": {\"type\": \"partial_refund\", \"amount\": null}}", "offer.amount");
  assert_action_refused ("{" ID "\"type\": \"offer\", \"offer\": {\"type\": \"partial_refund\", \"amount\": {\"amount\": 0, \"currency\": \"EUR\"}}}", "offer.amount");
  assert_action_refused ("{" ID "\"type\": \"offer\", \"offer\": {\"type\": \"full_refund\", \"amount\": {\"amount\": 10, \"currency\": \"EUR\"}}}", "offer.amount");
  assert_action_refused ("{" ID "\"type\": \"offer\"}", "offer");
  assert_action_refused ("{" ID "\"type\": \"offer\", \"offer\": {\"type\": \"refund\"}}", "offer.type");
  assert_action_accepted ("{" ID "\"type\": \"offer\", \"offer\": {\"type\": \"repair\", \"amount\": null, \"note\": null}}");

  assert_action_refused ("{" ID "\"type\": \"rule\", \"decision\": \"split\", \"note\": \"n\"}", "amount");
  assert_action_refused ("{" ID "\"type\": \"rule\", \"decision\": \"split\", \"amount\": {\"amount\": 0, \"currency\": \"EUR\"}, \"note\": \"n\"}", "amount");
  assert_action_refused ("{" ID "\"type\": \"rule\", \"decision\": \"buyer\", \"amount\": {\"amount\": 5, \"currency\": \"EUR\"}, \"note\": \"n\"}", "amount");
  assert_action_refused ("{" ID "\"type\": \"rule\", \"decision\": \"buyer\"}", "note");
  assert_action_refused ("{" ID "\"type\": \"rule\", \"note\": \"n\"}", "decision");

  assert_action_refused ("{" ID "\"type\": \"rate\", \"stars\": 0}", "stars");
  assert_action_refused ("{" ID "\"type\": \"rate\", \"stars\": 6}", "stars");
  assert_action_refused ("{" ID "\"type\": \"rate\", \"stars\": -1}", "stars");
  assert_action_refused ("{" ID "\"type\": \"rate\", \"stars\": 4.5}", "stars");
  assert_action_refused ("{" ID "\"type\": \"rate\"}", "stars");

  assert_action_refused ("{" ID "\"type\": \"message\", \"lang\": \"en\"}", "text");
  assert_action_refused ("{" ID "\"type\": \"message\", \"text\": null, \"template\": null, \"lang\": \"en\"}", "text");
  assert_action_refused ("{" ID "\"type\": \"message\", \"text\": \"hi\"}", "lang");
  assert_action_refused ("{" ID "\"type\": \"message\", \"text\": \"hi\", \"lang\": \"\"}", "lang");
  assert_action_refused ("{" ID "\"type\": \"message\", \"text\": \"hi\", \"lang\": \"en\", \"evidence_ids\": [\"x\"]}", "evidence_ids[0]");
  assert_action_refused ("{" ID "\"type\": \"message\", \"template\": {\"id\": \"refund_issued\"}, \"lang\": \"en\"}", "template.params");
  assert_action_refused ("{" ID "\"type\": \"message\", \"template\": {\"params\": {}}, \"lang\": \"en\"}", "template.id");
  assert_action_refused ("{" ID "\"type\": \"message\", \"template\": {\"id\": \"refund_issued\", \"params\": {\"amount\": \"10.00 EUR\"}}, \"lang\": \"en\"}", "template.params.amount");
  assert_action_refused ("{" ID "\"type\": \"message\", \"template\": {\"id\": \"refund_issued\", \"params\": {\"amount\": \"-5 EUR\"}}, \"lang\": \"en\"}", "template.params.amount");
  assert_action_refused ("{" ID "\"type\": \"message\", \"template\": {\"id\": \"refund_issued\", \"params\": {\"amount\": \"1000 eur\"}}, \"lang\": \"en\"}", "template.params.amount");
  assert_action_refused ("{" ID "\"type\": \"message\", \"template\": {\"id\": \"refund_issued\", \"params\": {\"amount\": 1000}}, \"lang\": \"en\"}", "template.params.amount");
  assert_action_refused ("{" ID "\"type\": \"message\", \"template\": {\"id\": \"x\", \"params\": {\"n\": 1}}, \"lang\": \"en\"}", "template.params.n");
  assert_action_accepted ("{" ID "\"type\": \"message\", \"template\": {\"id\": \"refund_issued\", \"params\": {\"amount\": \"1000 EUR\"}}, \"lang\": \"en\", \"evidence_ids\": []}");
  assert_action_accepted ("{" ID "\"type\": \"message\", \"text\": \"\", \"lang\": \"en\", \"evidence_ids\": null}");

  assert_action_refused ("{" ID "\"type\": \"ship_return\", \"carrier\": \"\", \"tracking\": \"t\"}", "carrier");
  assert_action_refused ("{" ID "\"type\": \"ship_return\", \"carrier\": \"c\"}", "tracking");
  assert_action_refused ("{" ID "\"type\": \"accept_offer\", \"offer_id\": \"\"}", "offer_id");
  assert_action_refused ("{" ID "\"type\": \"accept_offer\"}", "offer_id");
  assert_action_refused ("{" ID "\"type\": \"reject_offer\", \"reason\": \"r\"}", "offer_id");
  assert_action_refused ("{" ID "\"type\": \"fly\"}", "type");
  assert_action_refused ("{\"id\": \"123\", \"type\": \"withdraw\"}", "id");
  assert_action_refused ("{\"type\": \"withdraw\"}", "id");
  assert_action_refused ("[]", "document");
  assert_action_accepted ("{" ID "\"type\": \"escalate\"}");
  assert_action_accepted ("{" ID "\"type\": \"escalate\", \"reason\": null}");
  /* Fields of other types are unknown fields here, and ignored. */
  assert_action_accepted ("{" ID "\"type\": \"withdraw\", \"stars\": \"many\", \"offer\": 5}");
}

static void
test_case_rules (void)
{
  static const struct { const char *from, *to, *path; } edits[] = {
    /* Amount iff partial refund, more than zero. */
    { "{\"type\": \"partial_refund\", \"amount\": {\"amount\": 2500, \"currency\": \"EUR\"}}",
      "{\"type\": \"partial_refund\", \"amount\": {\"amount\": 0, \"currency\": \"EUR\"}}", "requested.amount" },
    { "{\"type\": \"partial_refund\", \"amount\": {\"amount\": 2500, \"currency\": \"EUR\"}}",
      "{\"type\": \"full_refund\", \"amount\": {\"amount\": 2500, \"currency\": \"EUR\"}}", "requested.amount" },
    { "\"stars\": 4, \"comment\": \"Fair.\"}\n}", "\"stars\": 0}\n}", "rating.stars" },
    { "\"quantity\": 2", "\"quantity\": 0", "item.quantity" },
    { "\"version\": 17", "\"version\": -1", "version" },
    { "\"size\": 0", "\"size\": -5", "evidence[1].size" },
    { "\"sha256\": \"e3b0", "\"sha256\": \"E3B0", "evidence[1].sha256" },
    { "\"stars\": 1}", "\"stars\": 9}", "events[21].stars" },
    { "\"allowed_actions\": []", "\"allowed_actions\": [\"rate\", \"dance\"]", "allowed_actions[1]" },
    { "\"allowed_actions\": []", "\"allowed_actions\": \"rate\"", "allowed_actions" },
    { "\"evidence_ids\": [\"0b8e4c2a-1d3f-4e5a-8b6c-7d8e9f0a1b2c\", \"9A7B",
      "\"evidence_ids\": [], \"x\": [\"0b8e4c2a-1d3f-4e5a-8b6c-7d8e9f0a1b2c\", \"9A7B", "events[2].evidence_ids" },
    { "\"id\": \"e-05\"", "\"id\": \"\"", "events[4].id" },
    { "\"order_id\": \"ord-1001\"", "\"order_id\": \"" "0123456789012345678901234567890123456789"
      "0123456789012345678901234567890123456789" "0123456789012345678901234567890123456789"
      "0123456789012345678901234567890123456789" "0123456789012345678901234567890123456789" "!\"", "order_id" },
    { "\"lang\": \"de\",\n  \"status\"", "\"lang\": \"\",\n  \"status\"", "lang" },
    { "\"events\": [", "\"events\": [null, ", "events[0]" },
    /* No deadline is null on the wire, never the word "none". */
    { "\"on_expiry\": null", "\"on_expiry\": \"none\"", "on_expiry" },
  };
  const Doc *doc = find_doc ("case");
  g_autofree char *text = doc_text (doc);

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *edited = NULL;
      char *at = strstr (text, edits[i].from);
      GString *s;

      g_assert_nonnull (at);
      s = g_string_new_len (text, at - text);
      g_string_append (s, edits[i].to);
      g_string_append (s, at + strlen (edits[i].from));
      edited = g_string_free (s, FALSE);
      g_assert_null (doc_read (doc, edited, -1, &error));
      assert_refused (error, edits[i].path);
    }
}

static void
test_draft_rules (void)
{
  static const struct { const char *json, *path; } bad[] = {
    { "{\"order_id\": \"o\", \"item_sku\": \"s\", \"reason\": \"other\", \"requested\": {\"type\": \"repair\", \"amount\": {\"amount\": 1, \"currency\": \"EUR\"}}, \"description\": \"d\", \"lang\": \"en\"}", "requested.amount" },
    { "{\"order_id\": \"o\", \"item_sku\": \"s\", \"reason\": \"other\", \"requested\": {\"type\": \"partial_refund\"}, \"description\": \"d\", \"lang\": \"en\"}", "requested.amount" },
    { "{\"order_id\": \"o\", \"item_sku\": \"s\", \"reason\": \"other\", \"requested\": \"full_refund\", \"description\": \"d\", \"lang\": \"en\"}", "requested" },
    { "{\"order_id\": \"o\", \"item_sku\": \"\", \"reason\": \"other\", \"requested\": {\"type\": \"repair\"}, \"description\": \"d\", \"lang\": \"en\"}", "item_sku" },
    { "{\"order_id\": \"o\", \"item_sku\": \"s\", \"reason\": \"broken\", \"requested\": {\"type\": \"repair\"}, \"description\": \"d\", \"lang\": \"en\"}", "reason" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = parse_text (bad[i].json);

      g_assert_null (rd_codec_case_draft_from_json (node, &error));
      assert_refused (error, bad[i].path);
    }
}

static void
test_problem (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) unknown = parse_text ("{\"type\": \"about:blank\", \"title\": \"Teapot\", \"status\": 418, \"detail\": \"short and stout\", \"code\": \"teapot_overflow\"}");
  g_autoptr (JsonNode) minimal = parse_text ("{\"code\": \"not_found\"}");
  g_autoptr (JsonNode) no_code = parse_text ("{\"status\": 404, \"title\": \"Not Found\"}");
  g_autoptr (JsonNode) bad_status = parse_text ("{\"code\": \"not_found\", \"status\": 4040}");
  g_autoptr (JsonNode) bad_case = parse_text ("{\"code\": \"version_mismatch\", \"case\": {\"id\": 1}}");
  g_autoptr (JsonNode) bad_error = parse_text ("{\"code\": \"validation_failed\", \"errors\": [{\"field\": \"text\"}]}");
  g_autoptr (RdProblem) problem = NULL, problem2 = NULL;
  RdProblem *refused;

  problem = rd_codec_problem_from_json (unknown, &error);
  g_assert_no_error (error);
  g_assert_cmpint (problem->code, ==, RD_ERROR_FAILED);
  g_assert_cmpuint (problem->status, ==, 418);
  g_assert_cmpstr (problem->title, ==, "Teapot");
  g_assert_cmpstr (problem->detail, ==, "short and stout");
  g_assert_cmpuint (problem->errors->len, ==, 0);
  g_assert_null (problem->current_case);

  problem2 = rd_codec_problem_from_json (minimal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (problem2->code, ==, RD_ERROR_NOT_FOUND);
  g_assert_null (problem2->detail);
  g_assert_cmpuint (problem2->status, ==, 0);

  refused = rd_codec_problem_from_json (no_code, &error);
  g_assert_null (refused);
  assert_refused (error, "code");
  g_clear_error (&error);
  refused = rd_codec_problem_from_json (bad_status, &error);
  g_assert_null (refused);
  assert_refused (error, "status");
  g_clear_error (&error);
  refused = rd_codec_problem_from_json (bad_case, &error);
  g_assert_null (refused);
  assert_refused (error, "case.id");
  g_clear_error (&error);
  refused = rd_codec_problem_from_json (bad_error, &error);
  g_assert_null (refused);
  assert_refused (error, "errors[0].code");
}

/* --- Hostile text ------------------------------------------------------------ */

static void
assert_parse_refused (const char *data,
                      gssize      length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = rd_codec_parse (data, length, &error);

  if (node != NULL)
    g_error ("parsed: %s", data);
  g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
}

static void
test_parse_refuses (void)
{
  static const char * const bad[] = {
    "", " ", "\n\t ", "\xff", "[\"\xc3\x28\"]", "{\"a\": \"\xed\xa0\x80\"}", "[\"\xf4\x90\x80\x80\"]",
    /* What json-glib 1.6 would take but JSON is not: */
    "var x = {};", "[1] [2]", "{} x", "{'a': 1}", "['a']", "[0x10]", "[01]", "[.5]", "[1.]", "[+1]",
    "[1e]", "[-]", "/* c */ {}", "{} // c", "{a: 1}", "[1,]", "{\"a\": 1,}", "[,1]", "[True]",
    "[nul]", "[tru]", "[NaN]", "[Infinity]", "{\"a\" 1}", "{\"a\": }", "{\"a\"}", "{,}", "[\"a\" \"b\"]",
    "\"unterminated", "[\"\\x41\"]", "[\"\\u12\"]", "[\"\\u12G4\"]", "[\"\\\"]",
    "[\"tab\there\"]", "[\"nl\nhere\"]", "[\"\x01\"]",
    /* NUL and lone surrogates, which json-glib turns into short or broken strings: */
    "[\"a\\u0000b\"]", "{\"k\\u0000\": 1}", "[\"\\ud800\"]", "[\"\\ud800x\"]", "[\"\\udc00\"]",
    "[\"\\ud800\\u0041\"]", "[\"\\ud83d\\ud83d\"]",
    "]", "}", "[}", "{]", "[[]", "[]]", ":", ",",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_parse_refused (bad[i], -1);

  /* A NUL byte inside the text, and text cut by its length. */
  assert_parse_refused ("{\"a\": \"x\0y\"}", 12);
  assert_parse_refused ("[1]", 0);
  assert_parse_refused ("[1]", 2);
  assert_parse_refused (NULL, 0);
}

static void
test_parse_accepts (void)
{
  static const struct { const char *text; const char *compact; } good[] = {
    { "[\"\\ud83d\\ude00\"]", "[\"😀\"]" },
    { "[\"\\u00e9\\/\\b\\f\\n\\r\\t\\\"\\\\\"]", "[\"é/\\b\\f\\n\\r\\t\\\"\\\\\"]" },
    { " \r\n\t{ \"a\" : [ 1 , -0 , 0.5e-3 , 2E+2 , true , false , null ] } \n", NULL },
    { "-9223372036854775808", "-9223372036854775808" },
    { "\"just a string\"", "\"just a string\"" },
    { "{}", "{}" },
    { "[[[[[[[[[[]]]]]]]]]]", "[[[[[[[[[[]]]]]]]]]]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = rd_codec_parse (good[i].text, -1, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (node);
      text = rd_codec_to_string (node, NULL);
      if (good[i].compact != NULL)
        g_assert_cmpstr (text, ==, good[i].compact);
    }
}

static void
test_deep_nesting (void)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) ok = NULL;
  g_autoptr (RdCase) kase = NULL;
  const Doc *doc = find_doc ("case");
  g_autoptr (JsonNode) tree = doc_tree (doc);

  /* Exactly RD_CODEC_MAX_DEPTH levels parse, one more does not. */
  for (guint i = 0; i < RD_CODEC_MAX_DEPTH; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < RD_CODEC_MAX_DEPTH; i++)
    g_string_append_c (s, ']');
  ok = rd_codec_parse (s->str, -1, &error);
  g_assert_no_error (error);
  g_string_printf (s, "{\"a\":");
  for (guint i = 0; i < RD_CODEC_MAX_DEPTH; i++)
    g_string_append (s, "{\"a\":");
  g_string_append (s, "1");
  for (guint i = 0; i <= RD_CODEC_MAX_DEPTH; i++)
    g_string_append_c (s, '}');
  assert_parse_refused (s->str, -1);

  g_string_truncate (s, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '[');
  assert_parse_refused (s->str, -1);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, ']');
  assert_parse_refused (s->str, -1);
  g_string_truncate (s, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "{\"a\":[");
  assert_parse_refused (s->str, -1);

  /* Brackets inside strings are text, not nesting. */
  g_string_truncate (s, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "[{");
  json_object_set_string_member (json_node_get_object (tree), "description", s->str);
  kase = doc_read_tree (doc, tree, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kase->description, ==, s->str);
}

static void
test_huge_strings (void)
{
  const Doc *doc = find_doc ("case");
  g_autoptr (JsonNode) tree = doc_tree (doc);
  g_autoptr (GError) error = NULL;
  g_autofree char *limit = g_malloc (1024 * 1024 + 2);
  JsonObject *root = json_node_get_object (tree);
  JsonObject *message;
  RdCase *kase;

  memset (limit, 'x', 1024 * 1024 + 1);
  limit[1024 * 1024 + 1] = '\0';

  /* One byte over 1 MiB is refused, naming the field... */
  json_object_set_string_member (root, "description", limit);
  g_assert_null (doc_read_tree (doc, tree, &error));
  assert_refused (error, "description");
  g_clear_error (&error);

  /* ...exactly 1 MiB is taken... */
  limit[1024 * 1024] = '\0';
  json_object_set_string_member (root, "description", limit);
  kase = doc_read_tree (doc, tree, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (kase->description), ==, 1024 * 1024);
  g_object_unref (kase);

  /* ...also deep down in a timeline... */
  limit[1024 * 1024] = 'x';
  message = json_array_get_object_element (json_object_get_array_member (root, "events"), 1);
  json_object_set_string_member (message, "text", limit);
  g_assert_null (doc_read_tree (doc, tree, &error));
  assert_refused (error, "events[1].text");
  g_clear_error (&error);
  json_object_set_string_member (message, "text", "short");

  /* ...and a huge unknown field is ignored. */
  json_object_set_string_member (root, "description", "short");
  json_object_set_string_member (root, "zz_huge", limit);
  kase = doc_read_tree (doc, tree, &error);
  g_assert_no_error (error);
  g_object_unref (kase);
}

/* Every prefix of every fixture fails cleanly, or (only where nothing but
 * trailing space was cut) reads. */
static void
test_truncated (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      const Doc *doc = &docs[d];
      g_autofree char *text = doc_text (doc);
      gsize len = strlen (text), end = len;

      while (end > 0 && g_ascii_isspace (text[end - 1]))
        end--;
      for (gsize n = 0; n < len; n++)
        {
          g_autoptr (GError) error = NULL;
          gpointer object = doc_read (doc, text, (gssize) n, &error);

          if (n < end)
            {
              g_assert_null (object);
              g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
            }
          else
            {
              g_assert_no_error (error);
              doc->free_func (object);
            }
        }
    }
}

static void
try_every_reader (JsonNode *node)
{
  static const Doc readers[] = {
    { "user", NULL, -1, (FromJson) rd_codec_user_from_json, NULL, g_object_unref, NULL, { { 0 } }, { { 0 } }, NULL },
    { "item", NULL, -1, (FromJson) rd_codec_order_item_from_json, NULL, g_object_unref, NULL, { { 0 } }, { { 0 } }, NULL },
    { "event", NULL, -1, (FromJson) rd_codec_event_from_json, NULL, g_object_unref, NULL, { { 0 } }, { { 0 } }, NULL },
    { "offer", NULL, -1, (FromJson) rd_codec_offer_from_json, NULL, g_object_unref, NULL, { { 0 } }, { { 0 } }, NULL },
    { "evidence", NULL, -1, (FromJson) rd_codec_evidence_from_json, NULL, g_object_unref, NULL, { { 0 } }, { { 0 } }, NULL },
    { "money", NULL, -1, (FromJson) rd_codec_money_from_json, NULL, (GDestroyNotify) rd_money_free, NULL, { { 0 } }, { { 0 } }, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (readers) + G_N_ELEMENTS (docs); i++)
    {
      const Doc *doc = i < G_N_ELEMENTS (readers) ? &readers[i] : &docs[i - G_N_ELEMENTS (readers)];
      g_autoptr (GError) error = NULL;
      gpointer object = doc->from_json (node, &error);

      if (object != NULL)
        doc->free_func (object);
      else
        g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
    }
}

static const char * const vocabulary[] = {
  "id", "type", "at", "actor", "role", "name", "amount", "currency", "text", "template", "params",
  "lang", "evidence_ids", "offer_id", "offer", "note", "reason", "carrier", "tracking", "decision",
  "outcome", "stars", "comment", "version", "order_id", "order_number", "item", "sku", "title",
  "quantity", "unit_price", "buyer", "seller", "requested", "description", "status", "turn",
  "respond_by", "resolution", "by", "on_expiry", "allowed_actions", "created_at", "updated_at",
  "events", "offers", "evidence", "rating", "filename", "mime", "size", "sha256", "cursor", "more",
  "orders", "cases", "removed", "token", "expires_at", "user", "locale", "code", "errors", "field",
  "case", "items", "total", "ordered_at", "max_bytes", "types", "max_per_case", "text_max_chars",
  "message", "partial_refund", "split", "buyer", "platform", "EUR", "resolved", "escalate", "rate",
  "2026-03-31T09:15:00Z", "2026-02-30T00:00:00Z", "a0000000-0000-4000-8000-000000000001",
  "1000 EUR", "", "\\u00e9\\ud83d\\ude00",
};

/* A random, well-formed document made of the API's own words, so that the
 * readers (not only the parser) meet odd shapes. */
static void
random_value (GRand   *rand,
              GString *s,
              guint    depth)
{
  guint kind = (guint) g_rand_int_range (rand, 0, depth >= 6 ? 5 : 8);

  switch (kind)
    {
    case 0:
      g_string_append (s, "null");
      break;
    case 1:
      g_string_append (s, g_rand_boolean (rand) ? "true" : "false");
      break;
    case 2:
      g_string_append_printf (s, "%d", g_rand_int_range (rand, -3, 7));
      break;
    case 3:
      g_string_append (s, "1.5");
      break;
    case 4:
      g_string_append_printf (s, "\"%s\"", vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))]);
      break;
    case 5:
      {
        guint n = (guint) g_rand_int_range (rand, 0, 4);

        g_string_append_c (s, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (s, ',');
            random_value (rand, s, depth + 1);
          }
        g_string_append_c (s, ']');
      }
      break;
    default:
      {
        guint n = (guint) g_rand_int_range (rand, 0, 12);

        g_string_append_c (s, '{');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (s, ',');
            g_string_append_printf (s, "\"%s\":", vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))]);
            random_value (rand, s, depth + 1);
          }
        g_string_append_c (s, '}');
      }
      break;
    }
}

static void
test_random_bytes (void)
{
  static const char alphabet[] = "{}[]\":,-0123456789.eEtrufalsn \\u\n";
  g_autoptr (GRand) rand = g_rand_new_with_seed (20260331);
  guint parsed = 0;

  for (guint i = 0; i < 6000; i++)
    {
      g_autoptr (GString) s = g_string_new (NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = NULL;

      switch (i % 3)
        {
        case 0:
          {
            guint len = (guint) g_rand_int_range (rand, 0, 400);

            for (guint j = 0; j < len; j++)
              g_string_append_c (s, (char) g_rand_int_range (rand, 0, 256));
          }
          break;
        case 1:
          {
            guint len = (guint) g_rand_int_range (rand, 0, 400);

            for (guint j = 0; j < len; j++)
              g_string_append_c (s, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
          }
          break;
        default:
          random_value (rand, s, 0);
          break;
        }

      node = rd_codec_parse (s->str, s->len, &error);
      if (node == NULL)
        {
          g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
          g_assert_true (i % 3 != 2);
          continue;
        }
      parsed++;
      try_every_reader (node);
    }
  g_test_message ("%u of the random inputs were JSON", parsed);
  g_assert_cmpuint (parsed, >=, 2000);
}

/* Small random edits of the fixtures: whatever reads must write back to a
 * document that reads again to the same object. */
static void
test_mutations (void)
{
  static const char * const pieces[] = {
    "{", "}", "[", "]", "\"", ":", ",", "null", "0", "-1", "1.5", "true", "\"x\"", "\\u0000",
    "\\ud800", "\xc3", "\xff", "9999999999999999999", "{}", "[]", " ", "\"2026-02-30T00:00:00Z\"",
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint read = 0;

  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    g_ptr_array_add (texts, doc_text (&docs[d]));

  for (guint i = 0; i < 3000; i++)
    {
      guint d = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (docs));
      const Doc *doc = &docs[d];
      g_autoptr (GString) s = g_string_new (g_ptr_array_index (texts, d));
      guint edits = (guint) g_rand_int_range (rand, 1, 4);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = NULL;
      gpointer object;

      for (guint e = 0; e < edits && s->len > 0; e++)
        {
          guint at = (guint) g_rand_int_range (rand, 0, (gint32) s->len);

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              {
                gsize n = (gsize) g_rand_int_range (rand, 1, 8);

                g_string_erase (s, at, MIN (n, s->len - at));
              }
              break;
            case 1:
              g_string_insert (s, at, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
              break;
            case 2:
              s->str[at] = (char) g_rand_int_range (rand, 1, 256);
              break;
            default:
              {
                /* Swap a value for a piece: find the next ':' and replace what follows. */
                char *colon = strchr (s->str + at, ':');
                gsize from, to;

                if (colon == NULL)
                  break;
                from = (gsize) (colon - s->str) + 1;
                to = from;
                while (to < s->len && s->str[to] != ',' && s->str[to] != '}')
                  to++;
                g_string_erase (s, from, to - from);
                g_string_insert (s, from, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
              }
              break;
            }
        }

      node = rd_codec_parse (s->str, s->len, &error);
      if (node == NULL)
        {
          g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
          continue;
        }
      object = doc->from_json (node, &error);
      if (object == NULL)
        {
          g_assert_error (error, RD_ERROR, RD_ERROR_INVALID_DATA);
          continue;
        }
      read++;
      {
        g_autoptr (JsonNode) written = doc->to_json (object);
        g_autofree char *text = rd_codec_to_string (written, NULL);
        g_autoptr (JsonNode) reparsed = rd_codec_parse (text, -1, &error);
        gpointer again;

        g_assert_no_error (error);
        again = doc->from_json (reparsed, &error);
        g_assert_no_error (error);
        doc->assert_equal (object, again);
        doc->free_func (again);
      }
      doc->free_func (object);
    }
  g_test_message ("%u of the mutated documents still read", read);
  g_assert_cmpuint (read, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codec/valid/case", test_valid_case);
  g_test_add_func ("/codec/valid/changes", test_valid_changes);
  g_test_add_func ("/codec/valid/order", test_valid_order);
  g_test_add_func ("/codec/valid/session-config-draft-problem", test_valid_small);
  g_test_add_func ("/codec/valid/actions", test_valid_actions);
  g_test_add_func ("/codec/round-trip/fixtures", test_round_trip);
  g_test_add_func ("/codec/round-trip/built", test_round_trip_built);
  g_test_add_func ("/codec/round-trip/incomplete", test_write_incomplete);
  g_test_add_func ("/codec/fields/missing-null-wrong-type", test_fields);
  g_test_add_func ("/codec/fields/patterns-cover-fixtures", test_patterns_cover_fixtures);
  g_test_add_func ("/codec/fields/unknown-ignored", test_unknown_fields);
  g_test_add_func ("/codec/values/times", test_invalid_times);
  g_test_add_func ("/codec/values/money", test_invalid_money);
  g_test_add_func ("/codec/values/uuids", test_invalid_uuids);
  g_test_add_func ("/codec/values/enums", test_unknown_enums);
  g_test_add_func ("/codec/values/user-role", test_user_role);
  g_test_add_func ("/codec/rules/actions", test_action_rules);
  g_test_add_func ("/codec/rules/case", test_case_rules);
  g_test_add_func ("/codec/rules/case-draft", test_draft_rules);
  g_test_add_func ("/codec/rules/problem", test_problem);
  g_test_add_func ("/codec/hostile/refused", test_parse_refuses);
  g_test_add_func ("/codec/hostile/accepted", test_parse_accepts);
  g_test_add_func ("/codec/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/codec/hostile/huge-strings", test_huge_strings);
  g_test_add_func ("/codec/hostile/truncated", test_truncated);
  g_test_add_func ("/codec/hostile/random-bytes", test_random_bytes);
  g_test_add_func ("/codec/hostile/mutations", test_mutations);

  return g_test_run ();
}
