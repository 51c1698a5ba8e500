/* rd-translator.c — machine translation of free-text messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "rd-api.h"
#include "rd-error.h"
#include "rd-translator.h"

#define IDLE_TIMEOUT_SECONDS 60

/* --- Services and languages ------------------------------------------------- */

static const char * const service_words[] = {
  [RD_TRANSLATION_SERVICE_NONE] = "none",
  [RD_TRANSLATION_SERVICE_APERTIUM] = "apertium",
  [RD_TRANSLATION_SERVICE_LIBRETRANSLATE] = "libretranslate",
};

const char *
rd_translation_service_to_string (RdTranslationService service)
{
  g_return_val_if_fail (service < RD_TRANSLATION_SERVICE_N_VALUES, NULL);
  return service_words[service];
}

gboolean
rd_translation_service_from_string (const char           *str,
                                    RdTranslationService *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (service_words); i++)
    if (g_str_equal (str, service_words[i]))
      {
        if (out != NULL)
          *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
rd_translation_service_name (RdTranslationService service)
{
  /* Names of software: the same in every language. */
  switch (service)
    {
    case RD_TRANSLATION_SERVICE_APERTIUM:
      return "Apertium";
    case RD_TRANSLATION_SERVICE_LIBRETRANSLATE:
      return "LibreTranslate";
    case RD_TRANSLATION_SERVICE_NONE:
    default:
      return NULL;
    }
}

/* Our codes, Apertium's ISO 639-3 codes, and the names to show.  The app's
 * own languages and those the Debian pairs with them cover; any other code
 * is passed on and shown as it is. */
static const struct
{
  const char *code;
  const char *code3;
  const char *name;
} languages[] = {
  { "ar", "ara", N_("Arabic") },
  { "ca", "cat", N_("Catalan") },
  { "de", "deu", N_("German") },
  { "en", "eng", N_("English") },
  { "es", "spa", N_("Spanish") },
  { "fr", "fra", N_("French") },
  { "it", "ita", N_("Italian") },
  { "ja", "jpn", N_("Japanese") },
  { "pl", "pol", N_("Polish") },
  { "pt", "por", N_("Portuguese") },
  { "tr", "tur", N_("Turkish") },
  { "zh", "zho", N_("Chinese") },
};

char *
rd_translation_language_base (const char *lang)
{
  gsize len;

  if (lang == NULL)
    return NULL;
  len = strcspn (lang, "_-.@");
  if (len == 0)
    return NULL;
  return g_ascii_strdown (lang, len);
}

static int
language_find (const char *base)
{
  for (guint i = 0; base != NULL && i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (base, languages[i].code) || g_str_equal (base, languages[i].code3))
      return i;
  return -1;
}

const char *
rd_translation_language_name (const char *lang)
{
  g_autofree char *base = rd_translation_language_base (lang);
  int i = language_find (base);

  if (i < 0)
    return lang;
  return g_dgettext (GETTEXT_PACKAGE, languages[i].name);
}

gboolean
rd_translation_languages_differ (const char *message_lang,
                                 const char *reader_lang)
{
  g_autofree char *a = rd_translation_language_base (message_lang);
  g_autofree char *b = rd_translation_language_base (reader_lang);
  int ia, ib;

  if (a == NULL || b == NULL)
    return FALSE;
  ia = language_find (a);
  ib = language_find (b);
  if (ia >= 0 || ib >= 0)
    return ia != ib;
  return !g_str_equal (a, b);
}

/* What Apertium calls a language: "eng" for "en" or "en_GB". */
static char *
apertium_code (const char *base)
{
  int i = language_find (base);

  return g_strdup (i >= 0 ? languages[i].code3 : base);
}

/* Our code for one of Apertium's: "eng" → "en", "eng_US" → "en_US". */
static char *
code_from_apertium (const char *code3)
{
  gsize len = strcspn (code3, "_-");
  g_autofree char *base = g_ascii_strdown (code3, len);
  int i = language_find (base);

  if (i < 0)
    return g_strdup (code3);
  return g_strconcat (languages[i].code, code3 + len, NULL);
}

void
rd_translation_pair_free (RdTranslationPair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->source);
  g_free (pair->target);
  g_free (pair);
}

static RdTranslationPair *
pair_new (const char *source,
          const char *target)
{
  RdTranslationPair *pair = g_new0 (RdTranslationPair, 1);

  pair->source = g_strdup (source);
  pair->target = g_strdup (target);
  return pair;
}

static int
pair_compare (gconstpointer a,
              gconstpointer b)
{
  const RdTranslationPair *pa = *(RdTranslationPair * const *) a;
  const RdTranslationPair *pb = *(RdTranslationPair * const *) b;
  int c = g_strcmp0 (pa->source, pb->source);

  return c != 0 ? c : g_strcmp0 (pa->target, pb->target);
}

/* --- Object ------------------------------------------------------------------ */

struct _RdTranslator
{
  GObject               parent_instance;

  SoupSession          *session;
  RdTranslationService  service;
  char                 *base_url;  /* ends in "/"; NULL for none */
  char                 *api_key;
  RdStore              *store;
  guint                 request_count;
};

G_DEFINE_FINAL_TYPE (RdTranslator, rd_translator, G_TYPE_OBJECT)

static void
wipe_key (char **key)
{
  if (*key != NULL)
    explicit_bzero (*key, strlen (*key));
  g_clear_pointer (key, g_free);
}

static void
wipe_string (gpointer data)
{
  char *text = data;

  explicit_bzero (text, strlen (text));
  g_free (text);
}

static void
rd_translator_dispose (GObject *object)
{
  RdTranslator *self = RD_TRANSLATOR (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_translator_parent_class)->dispose (object);
}

static void
rd_translator_finalize (GObject *object)
{
  RdTranslator *self = RD_TRANSLATOR (object);

  g_free (self->base_url);
  wipe_key (&self->api_key);

  G_OBJECT_CLASS (rd_translator_parent_class)->finalize (object);
}

static void
rd_translator_class_init (RdTranslatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_translator_dispose;
  object_class->finalize = rd_translator_finalize;
}

static void
rd_translator_init (RdTranslator *self)
{
  self->session = soup_session_new_with_options ("timeout", RD_TRANSLATOR_DEFAULT_TIMEOUT,
                                                 "idle-timeout", IDLE_TIMEOUT_SECONDS,
                                                 "user-agent", "Redress/" PACKAGE_VERSION,
                                                 NULL);
}

RdTranslator *
rd_translator_new (void)
{
  return g_object_new (RD_TYPE_TRANSLATOR, NULL);
}

/* The address without query or fragment, its path ending in "/". */
static char *
normalise_base_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) clean = NULL;
  g_autoptr(GString) path = g_string_new (g_uri_get_path (uri));

  if (path->len == 0 || path->str[path->len - 1] != '/')
    g_string_append_c (path, '/');
  clean = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                       g_uri_get_host (uri), g_uri_get_port (uri), path->str, NULL, NULL);
  return g_uri_to_string (clean);
}

gboolean
rd_translator_set_service (RdTranslator          *self,
                           RdTranslationService   service,
                           const char            *base_url,
                           GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (RD_IS_TRANSLATOR (self), FALSE);
  g_return_val_if_fail (service < RD_TRANSLATION_SERVICE_N_VALUES, FALSE);

  /* Whatever comes next, nothing goes to the old address any more. */
  soup_session_abort (self->session);
  self->service = RD_TRANSLATION_SERVICE_NONE;
  g_clear_pointer (&self->base_url, g_free);

  if (service == RD_TRANSLATION_SERVICE_NONE)
    return TRUE;

  url = g_strstrip (g_strdup (base_url != NULL ? base_url : ""));
  if (*url == '\0')
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_FAILED,
                           _("Enter the address of the translation server."));
      return FALSE;
    }
  if (!rd_api_check_url (url, &local_error))
    {
      if (g_error_matches (local_error, RD_ERROR, RD_ERROR_INSECURE_URL))
        g_set_error_literal (error, RD_ERROR, RD_ERROR_INSECURE_URL,
                             _("This address is not secure. Use an address that starts with "
                               "https://, or a server on this computer."));
      else
        g_set_error (error, RD_ERROR, RD_ERROR_FAILED,
                     /* Translators: %s is what the user typed as the translation server's address */
                     _("“%s” is not a web address. It should look like https://translate.example.com/."),
                     url);
      return FALSE;
    }

  self->service = service;
  self->base_url = normalise_base_url (url);
  return TRUE;
}

RdTranslationService
rd_translator_get_service (RdTranslator *self)
{
  g_return_val_if_fail (RD_IS_TRANSLATOR (self), RD_TRANSLATION_SERVICE_NONE);
  return self->service;
}

const char *
rd_translator_get_base_url (RdTranslator *self)
{
  g_return_val_if_fail (RD_IS_TRANSLATOR (self), NULL);
  return self->base_url;
}

const char *
rd_translator_get_service_name (RdTranslator *self)
{
  g_return_val_if_fail (RD_IS_TRANSLATOR (self), NULL);
  return rd_translation_service_name (self->service);
}

void
rd_translator_set_api_key (RdTranslator *self,
                           const char   *api_key)
{
  g_return_if_fail (RD_IS_TRANSLATOR (self));

  wipe_key (&self->api_key);
  if (api_key != NULL && *api_key != '\0')
    self->api_key = g_strdup (api_key);
}

void
rd_translator_set_store (RdTranslator *self,
                         RdStore      *store)
{
  g_return_if_fail (RD_IS_TRANSLATOR (self));
  g_return_if_fail (store == NULL || RD_IS_STORE (store));

  g_set_object (&self->store, store);
}

RdStore *
rd_translator_get_store (RdTranslator *self)
{
  g_return_val_if_fail (RD_IS_TRANSLATOR (self), NULL);
  return self->store;
}

void
rd_translator_set_timeout (RdTranslator *self,
                           guint         seconds)
{
  g_return_if_fail (RD_IS_TRANSLATOR (self));
  g_object_set (self->session, "timeout", seconds, NULL);
}

guint
rd_translator_get_request_count (RdTranslator *self)
{
  g_return_val_if_fail (RD_IS_TRANSLATOR (self), 0);
  return self->request_count;
}

/* --- Requests ------------------------------------------------------------------ */

typedef enum
{
  REQUEST_TRANSLATE,
  REQUEST_LIST_PAIRS,
} RequestKind;

typedef struct
{
  RequestKind           kind;
  RdTranslationService  service;
  char                 *service_id;  /* the cache's name of the service and address */
  char                 *source;      /* base codes: "en" */
  char                 *target;
  char                 *text;
  SoupMessage          *msg;
} Request;

static void
request_free (Request *req)
{
  g_free (req->service_id);
  g_free (req->source);
  g_free (req->target);
  g_free (req->text);
  g_clear_object (&req->msg);
  g_free (req);
}

typedef struct
{
  char *text;
  char *service_name;
} Translation;

static void
translation_free (Translation *t)
{
  g_free (t->text);
  g_free (t->service_name);
  g_free (t);
}

static Translation *
translation_new (const char *text,
                 const char *service_name)
{
  Translation *t = g_new0 (Translation, 1);

  t->text = g_strdup (text);
  t->service_name = g_strdup (service_name);
  return t;
}

static void
return_no_service (GTask *task)
{
  g_task_return_new_error (task, RD_ERROR, RD_ERROR_FAILED, "%s",
                           _("No translation service is set up. You can choose one in "
                             "Preferences."));
}

static void
return_unreachable (GTask        *task,
                    const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_new_error (task, RD_ERROR, RD_ERROR_CANCELLED, "%s",
                             rd_error_code_label (RD_ERROR_CANCELLED));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_task_return_new_error (task, RD_ERROR, RD_ERROR_NETWORK, "%s",
                             _("The translation service did not answer in time."));
  else
    g_task_return_new_error (task, RD_ERROR, RD_ERROR_NETWORK, "%s",
                             _("The translation service could not be reached."));
}

static void
return_unreadable (GTask *task)
{
  g_task_return_new_error (task, RD_ERROR, RD_ERROR_SERVER, "%s",
                           _("The translation service sent an answer that Redress cannot read."));
}

static void
return_pair_missing (GTask *task)
{
  Request *req = g_task_get_task_data (task);

  g_task_return_new_error (task, RD_ERROR, RD_ERROR_NOT_FOUND,
                           /* Translators: both are names of languages: "from Chinese to German" */
                           _("The translation service cannot translate from %s to %s."),
                           rd_translation_language_name (req->source),
                           rd_translation_language_name (req->target));
}

/* A status other than 200: what it means for the user. */
static void
return_status (GTask *task,
               guint  status)
{
  Request *req = g_task_get_task_data (task);

  /* Both services answer 400 for a pair they do not have; our requests are
   * otherwise always complete. */
  if (status == SOUP_STATUS_BAD_REQUEST && req->kind == REQUEST_TRANSLATE)
    return_pair_missing (task);
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_task_return_new_error (task, RD_ERROR, RD_ERROR_UNAUTHORIZED, "%s",
                             req->service == RD_TRANSLATION_SERVICE_LIBRETRANSLATE
                             ? _("The translation service refused the API key. Check it in "
                                 "Preferences.")
                             : _("The translation service refused the request."));
  else if (status == 429 /* Too Many Requests */)
    g_task_return_new_error (task, RD_ERROR, RD_ERROR_RATE_LIMITED, "%s",
                             _("The translation service is busy. Try again in a moment."));
  else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    g_task_return_new_error (task, RD_ERROR, RD_ERROR_SERVER, "%s",
                             _("There is no translation service of this kind at this address. "
                               "Check the address and the kind of server in Preferences."));
  else
    g_task_return_new_error (task, RD_ERROR, RD_ERROR_SERVER,
                             /* Translators: %u is an HTTP status code, such as 500 */
                             _("The translation service failed (error %u)."), status);
}

static GTask *
request_new (RdTranslator        *self,
             RequestKind          kind,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *req = g_new0 (Request, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);
  req->kind = kind;
  req->service = self->service;
  if (self->service != RD_TRANSLATION_SERVICE_NONE)
    req->service_id = g_strconcat (rd_translation_service_to_string (self->service), " ",
                                   self->base_url, NULL);
  return task;
}

static JsonNode *
parse_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);

  if (data == NULL || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

static const char *
object_get_string (JsonObject *obj,
                   const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
node_get_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
node_get_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* APY may answer 200 with an error in `responseStatus`. */
static guint
apertium_status (JsonObject *root)
{
  JsonNode *node = root != NULL ? json_object_get_member (root, "responseStatus") : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return SOUP_STATUS_OK;
  return (guint) CLAMP (json_node_get_int (node), 0, 999);
}


/* Runs of spaces become one space, and none is left at either end; line
 * breaks are kept as they were. */
static char *
tidy_spaces (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ')
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0 && *p != '\n' && out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
finish_translate (GTask    *task,
                  JsonNode *root)
{
  RdTranslator *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  JsonObject *obj = node_get_object (root);
  const char *service_name = rd_translation_service_name (req->service);
  const char *text = NULL;
  g_autofree char *tidy = NULL;

  if (req->service == RD_TRANSLATION_SERVICE_APERTIUM)
    {
      guint status = apertium_status (obj);

      if (status != SOUP_STATUS_OK)
        {
          return_status (task, status);
          return;
        }
      if (obj != NULL)
        text = object_get_string (node_get_object (json_object_get_member (obj, "responseData")),
                                  "translatedText");
    }
  else
    text = object_get_string (obj, "translatedText");

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      return_unreadable (task);
      return;
    }

  /* Apertium leaves a space where it dropped an unknown word's marker and
   * around its own joins; the reader gets the sentence as written. */
  tidy = tidy_spaces (text);
  text = tidy;

  if (self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!rd_store_put_translation (self->store, req->service_id, req->source, req->target,
                                     req->text, text, service_name, &error))
        g_warning ("rd-translator: keeping a translation: %s", error->message);
    }

  g_task_return_pointer (task, translation_new (text, service_name),
                         (GDestroyNotify) translation_free);
}

static void
add_pair (GPtrArray  *pairs,
          GHashTable *seen,
          const char *source,
          const char *target)
{
  g_autofree char *key = g_strconcat (source, "|", target, NULL);

  if (g_hash_table_contains (seen, key))
    return;
  g_ptr_array_add (pairs, pair_new (source, target));
  g_hash_table_add (seen, g_steal_pointer (&key));
}

static void
finish_list_pairs (GTask    *task,
                   JsonNode *root)
{
  Request *req = g_task_get_task_data (task);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_translation_pair_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  if (req->service == RD_TRANSLATION_SERVICE_APERTIUM)
    {
      JsonObject *obj = node_get_object (root);
      guint status = apertium_status (obj);

      if (status != SOUP_STATUS_OK)
        {
          return_status (task, status);
          return;
        }
      array = obj != NULL ? node_get_array (json_object_get_member (obj, "responseData")) : NULL;
      if (array == NULL)
        {
          return_unreadable (task);
          return;
        }
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *pair = node_get_object (json_array_get_element (array, i));
          const char *source = object_get_string (pair, "sourceLanguage");
          const char *target = object_get_string (pair, "targetLanguage");
          g_autofree char *s = NULL;
          g_autofree char *t = NULL;

          if (source == NULL || target == NULL)
            continue;
          s = code_from_apertium (source);
          t = code_from_apertium (target);
          add_pair (pairs, seen, s, t);
        }
    }
  else
    {
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();

      array = node_get_array (root);
      if (array == NULL)
        {
          return_unreadable (task);
          return;
        }
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *code = object_get_string (node_get_object (json_array_get_element (array, i)),
                                                "code");
          if (code != NULL)
            g_ptr_array_add (codes, (gpointer) code);
        }
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *language = node_get_object (json_array_get_element (array, i));
          const char *code = object_get_string (language, "code");
          JsonArray *targets = node_get_array (language != NULL
                                               ? json_object_get_member (language, "targets")
                                               : NULL);

          if (code == NULL)
            continue;
          /* Older servers list no targets: each language goes to every other. */
          if (targets == NULL)
            {
              for (guint j = 0; j < codes->len; j++)
                if (!g_str_equal (code, g_ptr_array_index (codes, j)))
                  add_pair (pairs, seen, code, g_ptr_array_index (codes, j));
              continue;
            }
          for (guint j = 0; j < json_array_get_length (targets); j++)
            {
              JsonNode *t = json_array_get_element (targets, j);

              if (JSON_NODE_HOLDS_VALUE (t) && json_node_get_value_type (t) == G_TYPE_STRING &&
                  !g_str_equal (code, json_node_get_string (t)))
                add_pair (pairs, seen, code, json_node_get_string (t));
            }
        }
    }

  g_ptr_array_sort (pairs, pair_compare);
  g_task_return_pointer (task, g_steal_pointer (&pairs), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      return_unreachable (task, error);
      return;
    }

  status = soup_message_get_status (req->msg);
  if (status != SOUP_STATUS_OK)
    {
      return_status (task, status);
      return;
    }

  root = parse_json (body);
  if (root == NULL)
    {
      return_unreadable (task);
      return;
    }

  if (req->kind == REQUEST_TRANSLATE)
    finish_translate (task, root);
  else
    finish_list_pairs (task, root);
}

static void
request_send (GTask *task)
{
  RdTranslator *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  /* A redirect could take the text where the user did not send it. */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (req->msg),
                                "Accept", "application/json");
  self->request_count++;
  soup_session_send_and_read_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_sent,
                                    task);
}

static SoupMessage *
apertium_translate_message (RdTranslator *self,
                            Request      *req)
{
  g_autofree char *source = apertium_code (req->source);
  g_autofree char *target = apertium_code (req->target);
  g_autofree char *pair = g_strconcat (source, "|", target, NULL);
  g_autofree char *url = g_strconcat (self->base_url, "translate", NULL);
  g_autoptr(GBytes) body = NULL;
  SoupMessage *msg;
  char *form;

  /* APY answers POST as it answers GET /translate?langpair=…&q=…; in the
   * body, a long message fits and its text stays out of access logs.
   * markUnknown=no: words the pair does not know come back as they are,
   * not marked with a "*" that the reader would take for part of the text.
   * format=txt: the message is plain text, not HTML to be reformatted. */
  form = soup_form_encode ("langpair", pair, "q", req->text, "markUnknown", "no",
                           "format", "txt", NULL);
  body = g_bytes_new_take (form, strlen (form));
  msg = soup_message_new (SOUP_METHOD_POST, url);
  if (msg != NULL)
    soup_message_set_request_body_from_bytes (msg, SOUP_FORM_MIME_TYPE_URLENCODED, body);
  return msg;
}

static SoupMessage *
libretranslate_translate_message (RdTranslator *self,
                                  Request      *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = g_strconcat (self->base_url, "translate", NULL);
  g_autoptr(GBytes) bytes = NULL;
  SoupMessage *msg;
  char *body;
  gsize len = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "q");
  json_builder_add_string_value (builder, req->text);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, req->source);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, req->target);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "text");
  if (self->api_key != NULL)
    {
      json_builder_set_member_name (builder, "api_key");
      json_builder_add_string_value (builder, self->api_key);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, &len);
  /* The body may hold the API key: wiped when libsoup is done with it. */
  bytes = g_bytes_new_with_free_func (body, len, wipe_string, body);

  msg = soup_message_new (SOUP_METHOD_POST, url);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  return msg;
}

void
rd_translator_translate_async (RdTranslator        *self,
                               const char          *text,
                               const char          *source_lang,
                               const char          *target_lang,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *req;
  g_autofree char *cached = NULL;
  g_autofree char *cached_name = NULL;

  g_return_if_fail (RD_IS_TRANSLATOR (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (source_lang != NULL && target_lang != NULL);

  task = request_new (self, REQUEST_TRANSLATE, rd_translator_translate_async,
                      cancellable, callback, user_data);
  req = g_task_get_task_data (task);
  req->text = g_strdup (text);
  req->source = rd_translation_language_base (source_lang);
  req->target = rd_translation_language_base (target_lang);
  if (req->source == NULL)
    req->source = g_strdup (source_lang);
  if (req->target == NULL)
    req->target = g_strdup (target_lang);

  if (self->service == RD_TRANSLATION_SERVICE_NONE)
    {
      return_no_service (task);
      return;
    }

  if (self->store != NULL)
    cached = rd_store_get_translation (self->store, req->service_id, req->source, req->target,
                                       text, &cached_name);
  if (cached != NULL)
    {
      g_task_return_pointer (task, translation_new (cached, cached_name),
                             (GDestroyNotify) translation_free);
      return;
    }

  if (self->service == RD_TRANSLATION_SERVICE_APERTIUM)
    req->msg = apertium_translate_message (self, req);
  else
    req->msg = libretranslate_translate_message (self, req);
  if (req->msg == NULL)
    {
      return_unreadable (task);
      return;
    }
  request_send (g_steal_pointer (&task));
}

char *
rd_translator_translate_finish (RdTranslator  *self,
                                GAsyncResult  *result,
                                char         **label,
                                GError       **error)
{
  Translation *t;
  char *text;

  g_return_val_if_fail (RD_IS_TRANSLATOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, rd_translator_translate_async), NULL);

  t = g_task_propagate_pointer (G_TASK (result), error);
  if (t == NULL)
    return NULL;

  if (label != NULL)
    *label = g_strdup_printf (/* Translators: %s is the name of a translation service,
                               * such as "Apertium"; shown above a translated message */
                              _("Machine translation by %s"), t->service_name);
  text = g_steal_pointer (&t->text);
  translation_free (t);
  return text;
}

void
rd_translator_list_pairs_async (RdTranslator        *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  Request *req;

  g_return_if_fail (RD_IS_TRANSLATOR (self));

  task = request_new (self, REQUEST_LIST_PAIRS, rd_translator_list_pairs_async,
                      cancellable, callback, user_data);
  req = g_task_get_task_data (task);

  if (self->service == RD_TRANSLATION_SERVICE_NONE)
    {
      return_no_service (task);
      return;
    }

  url = g_strconcat (self->base_url,
                     self->service == RD_TRANSLATION_SERVICE_APERTIUM ? "listPairs" : "languages",
                     NULL);
  req->msg = soup_message_new (SOUP_METHOD_GET, url);
  if (req->msg == NULL)
    {
      return_unreadable (task);
      return;
    }
  request_send (g_steal_pointer (&task));
}

GPtrArray *
rd_translator_list_pairs_finish (RdTranslator  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (RD_IS_TRANSLATOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, rd_translator_list_pairs_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
