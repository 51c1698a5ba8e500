/* test-phrase-languages.c — a ready-made message crosses a language border:
 * what a Chinese (zh_CN) buyer sends reaches a German seller in German and
 * reads in Chinese on the buyer's own screen, with the same parameters; a
 * phrase this version does not know still shows what was sent.
 *
 * The texts come from the build's compiled catalogs ($REDRESS_LOCALEDIR,
 * built from po/LANG.po), read through gettext: the test holds no copy of
 * any translation, so it follows the translators' work and fails when a
 * phrase is not translated or renders other than its catalog says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rd-codec.h"
#include "rd-event.h"
#include "rd-phrasebook.h"

/* The message as the platform hands it to the seller's client: Li, a buyer
 * who uses Redress in Chinese, tells the seller that the item is on its way
 * back.  The carrier is written in Chinese, the tracking number in Latin
 * letters: parameters travel as the writer typed them. */
#define MESSAGE_JSON \
  "{\"id\": \"7d3f0c2e-5b1a-4c1e-9a55-0b8f2d7e6a11\"," \
  " \"at\": \"2026-03-31T09:15:00Z\"," \
  " \"actor\": {\"id\": \"u-li\", \"name\": \"Li Wei\", \"role\": \"buyer\"}," \
  " \"type\": \"message\"," \
  " \"template\": {\"id\": \"return_shipped\"," \
  "               \"params\": {\"carrier\": \"顺丰速运\", \"tracking\": \"SF1402553870177\"}}," \
  " \"lang\": \"zh_CN\"," \
  " \"evidence_ids\": []}"

/* --- Reading the catalogs ------------------------------------------------------------ */

/* Switches gettext to @language ("de", "zh_CN"; NULL for the untranslated
 * English) and tells it that its cached lookups are stale. */
static void
use_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  textdomain (textdomain (NULL));
}

/* What @language's catalog says for @msgid in @context: the msgstr, or
 * @msgid itself where the catalog has none. */
static char *
catalog_text (const char *language,
              const char *context,
              const char *msgid)
{
  g_autofree char *key = g_strconcat (context, "\004", msgid, NULL);
  const char *found;
  char *out;

  use_language (language);
  /* dcgettext rather than g_dpgettext2: GLib's wrappers decide once per
   * process whether to translate at all, from the locale at that moment. */
  found = dcgettext (GETTEXT_PACKAGE, key, LC_MESSAGES);
  out = g_strdup (found == key ? msgid : found);
  use_language (NULL);
  return out;
}

/* The English text of a phrase (its msgid) with its placeholders. */
static const char *
english_text (const char *id)
{
  const RdPhrase *phrase = rd_phrasebook_lookup (id);

  g_assert_nonnull (phrase);
  g_assert_null (g_getenv ("LANGUAGE"));
  return rd_phrase_get_text (phrase);
}

/* @format with each {name} replaced by @params' value: what a reader must
 * see, worked out here independently of the phrasebook's own code. */
static char *
fill_in (const char *format,
         GHashTable *params)
{
  GString *out = g_string_new (format);
  GHashTableIter iter;
  gpointer name, value;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      g_autofree char *placeholder = g_strconcat ("{", (char *) name, "}", NULL);

      g_string_replace (out, placeholder, value, 0);
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

static RdEvent *
parse_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = rd_codec_parse (MESSAGE_JSON, -1, &error);
  RdEvent *event;

  g_assert_no_error (error);
  event = rd_codec_event_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);
  g_assert_cmpint (event->type, ==, RD_EVENT_TYPE_MESSAGE);
  g_assert_cmpstr (event->template_id, ==, "return_shipped");
  g_assert_nonnull (event->template_params);
  return event;
}

/* --- Tests ----------------------------------------------------------------------------- */

/* Li's message in the German seller's client, and in Li's own. */
static void
test_chinese_buyer_german_seller (void)
{
  g_autoptr(RdEvent) event = parse_message ();
  const char *english = english_text (event->template_id);
  g_autofree char *german_format = catalog_text ("de", "phrase", english);
  g_autofree char *chinese_format = catalog_text ("zh_CN", "phrase", english);
  g_autofree char *for_seller = NULL;
  g_autofree char *for_buyer = NULL;
  g_autofree char *expected_german = NULL;
  g_autofree char *expected_chinese = NULL;
  g_autofree char *in_english = NULL;

  /* The catalogs translate the phrase at all: otherwise the comparisons
   * below would only show that English equals English. */
  g_assert_cmpstr (german_format, !=, english);
  g_assert_cmpstr (chinese_format, !=, english);
  g_assert_true (has_han (chinese_format));
  g_assert_false (has_han (german_format));

  for_seller = rd_phrasebook_render_for_language (event->template_id, event->template_params, "de");
  for_buyer = rd_phrasebook_render_for_language (event->template_id, event->template_params, event->lang);
  in_english = rd_phrasebook_render_for_language (event->template_id, event->template_params, "en");
  g_test_message ("de: %s", for_seller);
  g_test_message ("zh_CN: %s", for_buyer);

  /* Each reader sees their catalog's sentence, with the same parameters. */
  expected_german = fill_in (german_format, event->template_params);
  expected_chinese = fill_in (chinese_format, event->template_params);
  g_assert_cmpstr (for_seller, ==, expected_german);
  g_assert_cmpstr (for_buyer, ==, expected_chinese);
  g_assert_cmpstr (for_seller, !=, for_buyer);
  g_assert_cmpstr (for_seller, !=, in_english);
  for (const char *const *p = (const char *const[]) { "顺丰速运", "SF1402553870177", NULL }; *p != NULL; p++)
    {
      g_assert_nonnull (strstr (for_seller, *p));
      g_assert_nonnull (strstr (for_buyer, *p));
    }
  /* No placeholder reaches a reader. */
  g_assert_null (strstr (for_seller, "{"));
  g_assert_null (strstr (for_buyer, "{"));

  /* Rendering for someone else leaves the reader's own language alone. */
  g_assert_null (g_getenv ("LANGUAGE"));
}

/* Every phrase, in both languages: translated, and rendered as its catalog
 * says with the parameters in place (money as the phrasebook shows it). */
static void
test_every_phrase (void)
{
  for (guint i = 0; i < rd_phrasebook_get_n_phrases (); i++)
    {
      const RdPhrase *phrase = rd_phrasebook_get_phrase (i);
      const char *id = rd_phrase_get_id (phrase);
      const char * const *names = rd_phrase_get_params (phrase);
      const char *english = english_text (id);
      g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

      for (guint n = 0; names[n] != NULL; n++)
        {
          const char *value = rd_phrasebook_param_is_money (names[n]) ? "1999 EUR" : "JJD0099 · 順";

          g_hash_table_insert (params, (gpointer) names[n], (gpointer) value);
          g_hash_table_insert (shown, (gpointer) names[n], rd_phrasebook_format_money (value));
        }

      for (const char *const *lang = (const char *const[]) { "de", "zh_CN", NULL }; *lang != NULL; lang++)
        {
          g_autofree char *format = catalog_text (*lang, "phrase", english);
          g_autofree char *expected = fill_in (format, shown);
          g_autofree char *rendered = rd_phrasebook_render_for_language (id, params, *lang);

          if (g_strcmp0 (format, english) == 0)
            g_error ("the phrase %s is not translated in %s", id, *lang);
          if (g_strcmp0 (rendered, expected) != 0)
            g_error ("the phrase %s in %s renders as «%s», its catalog says «%s»", id, *lang, rendered, expected);
        }
    }
}

/* A phrase from a newer version: its parameters, plainly, in either
 * language; without parameters, a notice in the reader's language. */
static void
test_unknown_phrase (void)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  const char *notice = "A ready-made message that this version of Redress cannot show.";

  g_hash_table_insert (params, (gpointer) "tracking", (gpointer) "SF1402553870177");
  g_hash_table_insert (params, (gpointer) "carrier", (gpointer) "顺丰速运");
  g_hash_table_insert (params, (gpointer) "amount", (gpointer) "1000 EUR");

  for (const char *const *lang = (const char *const[]) { "de", "zh_CN", NULL }; *lang != NULL; lang++)
    {
      g_autofree char *plain = rd_phrasebook_render_for_language ("parcel_lost_v9", params, *lang);
      g_autofree char *bare = rd_phrasebook_render_for_language ("parcel_lost_v9", none, *lang);
      g_autofree char *translated_notice = NULL;

      g_assert_cmpstr (plain, ==, "amount: 10.00 EUR, carrier: 顺丰速运, tracking: SF1402553870177");

      use_language (*lang);
      translated_notice = g_strdup (dgettext (GETTEXT_PACKAGE, notice));
      use_language (NULL);
      g_assert_cmpstr (translated_notice, !=, notice);
      g_assert_cmpstr (bare, ==, translated_notice);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *locale_dir = g_getenv ("REDRESS_LOCALEDIR");

  g_unsetenv ("LANGUAGE");
  /* gettext ignores LANGUAGE in the plain "C" locale, not in C.UTF-8. */
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (locale_dir == NULL || *locale_dir == '\0')
    g_error ("REDRESS_LOCALEDIR is not set: run through meson test");
  for (const char *const *lang = (const char *const[]) { "de", "zh_CN", NULL }; *lang != NULL; lang++)
    {
      g_autofree char *mo = g_build_filename (locale_dir, *lang, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

      if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
        g_error ("%s is missing: build the catalogs first (meson compile)", mo);
    }
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/phrase-languages/chinese-buyer-german-seller", test_chinese_buyer_german_seller);
  g_test_add_func ("/phrase-languages/every-phrase", test_every_phrase);
  g_test_add_func ("/phrase-languages/unknown-phrase", test_unknown_phrase);

  return g_test_run ();
}
