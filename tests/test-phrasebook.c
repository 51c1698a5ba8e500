/* test-phrasebook.c — template messages render whole, in the reader's
 * language, whatever the sender put in them.
 *
 * Each phrase is its own test case.  The translation tests write a small
 * German catalog at run time, so they do not depend on po/ being built.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rd-phrasebook.h"

#define MISSING "\xe2\x80\xa6"  /* … */

static GHashTable *
params_new (const char *first_name,
            ...) G_GNUC_NULL_TERMINATED;

static GHashTable *
params_new (const char *first_name,
            ...)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *name;
  va_list args;

  va_start (args, first_name);
  for (name = first_name; name != NULL; name = va_arg (args, const char *))
    g_hash_table_insert (params, g_strdup (name), g_strdup (va_arg (args, const char *)));
  va_end (args);
  return params;
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + strlen (needle), needle))
    n++;
  return n;
}

/* ------------------------------------------------------------------ */

/* Every phrase: its placeholders are its parameters, and each is filled. */
static void
test_phrase (gconstpointer data)
{
  const RdPhrase *phrase = data;
  const char * const *names = rd_phrase_get_params (phrase);
  const char *text = rd_phrase_get_text (phrase);
  const char *title = rd_phrase_get_title (phrase);
  g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *rendered = NULL;
  g_autofree char *bare = NULL;
  guint n_placeholders = 0;

  g_assert_nonnull (names);
  g_assert_nonnull (title);
  g_assert_cmpuint (strlen (title), >, 0);
  g_assert_cmpstr (title, !=, rd_phrase_get_id (phrase));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (rd_phrase_is_for_role (phrase, RD_ROLE_BUYER)
                 || rd_phrase_is_for_role (phrase, RD_ROLE_SELLER)
                 || rd_phrase_is_for_role (phrase, RD_ROLE_AGENT));
  g_assert_false (rd_phrase_is_for_role (phrase, RD_ROLE_PLATFORM));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *placeholder = g_strdup_printf ("{%s}", names[i]);

      g_assert_cmpuint (count_occurrences (text, placeholder), >=, 1);
      n_placeholders += count_occurrences (text, placeholder);
      if (rd_phrasebook_param_is_money (names[i]))
        {
          g_hash_table_insert (params, g_strdup (names[i]), g_strdup ("123456 EUR"));
          g_ptr_array_add (expected, g_strdup ("1234.56 EUR"));
        }
      else
        {
          char *value = g_strdup_printf ("%s-value-\xc3\xbc", names[i]);

          g_hash_table_insert (params, g_strdup (names[i]), value);
          g_ptr_array_add (expected, g_strdup (value));
        }
    }
  /* No placeholder in the text that is not a parameter. */
  g_assert_cmpuint (count_occurrences (text, "{"), ==, n_placeholders);
  /* A parameter the phrase does not use changes nothing. */
  g_hash_table_insert (params, g_strdup ("unused"), g_strdup ("UNUSED"));

  rendered = rd_phrasebook_render (rd_phrase_get_id (phrase), params, NULL);
  g_assert_nonnull (rendered);
  g_assert_null (strchr (rendered, '{'));
  g_assert_null (strchr (rendered, '}'));
  g_assert_null (strstr (rendered, MISSING));
  g_assert_null (strstr (rendered, "UNUSED"));
  g_assert_null (strstr (rendered, "123456"));
  for (guint i = 0; i < expected->len; i++)
    g_assert_nonnull (strstr (rendered, g_ptr_array_index (expected, i)));
  g_assert_cmpuint (strlen (rendered), >, 10);

  /* Without parameters each placeholder leaves its mark. */
  bare = rd_phrasebook_render (rd_phrase_get_id (phrase), NULL, NULL);
  g_assert_null (strchr (bare, '{'));
  g_assert_cmpuint (count_occurrences (bare, MISSING), ==, n_placeholders);
  if (n_placeholders == 0)
    g_assert_cmpstr (bare, ==, text);
}

/* The phrases API.md names, with the parameters it names. */
static void
test_api_phrases (void)
{
  static const struct
  {
    const char *id;
    const char *params[3];
  } api[] = {
    { "request_photos", { NULL } },
    { "request_order_details", { NULL } },
    { "offer_explained", { NULL } },
    { "return_label_sent", { "carrier", "tracking", NULL } },
    { "replacement_shipped", { "carrier", "tracking", NULL } },
    { "refund_issued", { "amount", NULL } },
    { "apology_delay", { NULL } },
    { "item_received_checking", { NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (api); i++)
    {
      const RdPhrase *phrase = rd_phrasebook_lookup (api[i].id);

      g_assert_nonnull (phrase);
      g_assert_cmpstr (rd_phrase_get_id (phrase), ==, api[i].id);
      g_assert_true (g_strv_equal ((const char * const *) api[i].params, rd_phrase_get_params (phrase)));
    }
}

static void
test_list (void)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = rd_phrasebook_get_n_phrases ();

  g_assert_cmpuint (n, >=, 12);
  for (guint i = 0; i < n; i++)
    {
      const RdPhrase *phrase = rd_phrasebook_get_phrase (i);
      const char *id = rd_phrase_get_id (phrase);

      /* Ids are wire words: lower case, digits and underscores, unique. */
      for (const char *p = id; *p != '\0'; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_');
      g_assert_true (g_hash_table_add (ids, (gpointer) id));
      g_assert_true (rd_phrasebook_lookup (id) == phrase);
    }
  g_assert_null (rd_phrasebook_get_phrase (n));
  g_assert_null (rd_phrasebook_lookup (NULL));
  g_assert_null (rd_phrasebook_lookup ("no_such_phrase"));
  g_assert_null (rd_phrasebook_lookup ("REFUND_ISSUED"));

  /* The picker can offer each role something. */
  for (RdRole role = RD_ROLE_BUYER; role <= RD_ROLE_AGENT; role++)
    {
      guint for_role = 0;

      for (guint i = 0; i < n; i++)
        if (rd_phrase_is_for_role (rd_phrasebook_get_phrase (i), role))
          for_role++;
      g_assert_cmpuint (for_role, >=, 3);
    }
}

/* ------------------------------------------------------------------ */

static void
test_unknown_id (void)
{
  g_autoptr(GHashTable) params = params_new ("tracking", "123", "carrier", "DHL", NULL);
  g_autoptr(GHashTable) money = params_new ("fee_amount", "1000 EUR", "note", "", NULL);
  g_autoptr(GHashTable) empty = params_new (NULL, NULL);
  g_autofree char *plain = rd_phrasebook_render ("customs_fee_due", params, NULL);
  g_autofree char *plain_money = rd_phrasebook_render ("customs_fee_due", money, NULL);
  g_autofree char *no_params = rd_phrasebook_render ("customs_fee_due", NULL, NULL);
  g_autofree char *empty_params = rd_phrasebook_render ("customs_fee_due", empty, NULL);
  g_autofree char *no_id = rd_phrasebook_render (NULL, params, NULL);
  g_autofree char *other_language = rd_phrasebook_render ("customs_fee_due", params, "de");

  g_assert_cmpstr (plain, ==, "carrier: DHL, tracking: 123");
  g_assert_cmpstr (plain_money, ==, "fee_amount: 10.00 EUR, note: " MISSING);
  g_assert_cmpstr (no_id, ==, "carrier: DHL, tracking: 123");
  g_assert_cmpstr (other_language, ==, "carrier: DHL, tracking: 123");

  /* Never NULL, never empty: the reader sees that something was sent. */
  g_assert_nonnull (no_params);
  g_assert_cmpuint (strlen (no_params), >, 0);
  g_assert_cmpstr (empty_params, ==, no_params);
}

static void
test_missing_params (void)
{
  g_autoptr(GHashTable) carrier_only = params_new ("carrier", "DHL", NULL);
  g_autoptr(GHashTable) empty_tracking = params_new ("carrier", "DHL", "tracking", "", NULL);
  g_autofree char *missing = rd_phrasebook_render ("replacement_shipped", carrier_only, NULL);
  g_autofree char *empty = rd_phrasebook_render ("replacement_shipped", empty_tracking, NULL);
  g_autofree char *no_amount = rd_phrasebook_render ("refund_issued", NULL, NULL);

  g_assert_cmpstr (missing, ==,
                   "Your replacement is on its way with DHL. The tracking number is " MISSING ".");
  g_assert_cmpstr (empty, ==, missing);
  g_assert_cmpstr (no_amount, ==,
                   "I have issued a refund of " MISSING ". It can take a few business days "
                   "to reach your account.");
}

typedef struct
{
  const char *value;
  const char *shown;
} MoneyRow;

static void
test_money (void)
{
  static const MoneyRow rows[] = {
    { "1000 EUR", "10.00 EUR" },
    { "1999 USD", "19.99 USD" },
    { "5 EUR", "0.05 EUR" },
    { "0 EUR", "0.00 EUR" },
    { "-250 EUR", "-2.50 EUR" },
    { "1000 JPY", "1000 JPY" },
    { "1234 KWD", "1.234 KWD" },
    { "9223372036854775807 EUR", "92233720368547758.07 EUR" },
    /* Not the wire form: shown as sent rather than guessed at. */
    { "ten EUR", "ten EUR" },
    { "1000EUR", "1000EUR" },
    { "1000 eur", "1000 eur" },
    { "1000 EURO", "1000 EURO" },
    { "10.00 EUR", "10.00 EUR" },
    { "+100 EUR", "+100 EUR" },
    { "- EUR", "- EUR" },
    { " EUR", " EUR" },
    { "1000  EUR", "1000  EUR" },
    { "99999999999999999999 EUR", "99999999999999999999 EUR" },
    { "", "" },
  };
  g_autoptr(RdMoney) money = rd_money_new (123456, "EUR");
  g_autoptr(RdMoney) yen = rd_money_new (-500, "JPY");
  g_autofree char *param = rd_phrasebook_money_to_param (money);
  g_autofree char *yen_param = rd_phrasebook_money_to_param (yen);
  g_autofree char *null_value = rd_phrasebook_format_money (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *shown = rd_phrasebook_format_money (rows[i].value);

      g_assert_cmpstr (shown, ==, rows[i].shown);
    }
  g_assert_cmpstr (null_value, ==, "");

  g_assert_cmpstr (param, ==, "123456 EUR");
  g_assert_cmpstr (yen_param, ==, "-500 JPY");

  g_assert_true (rd_phrasebook_param_is_money ("amount"));
  g_assert_true (rd_phrasebook_param_is_money ("refund_amount"));
  g_assert_false (rd_phrasebook_param_is_money ("amounts"));
  g_assert_false (rd_phrasebook_param_is_money ("tracking"));
  g_assert_false (rd_phrasebook_param_is_money (NULL));
}

static void
test_money_in_phrase (void)
{
  g_autoptr(GHashTable) params = params_new ("amount", "1000 EUR", NULL);
  g_autoptr(GHashTable) yen = params_new ("amount", "1500 JPY", NULL);
  g_autoptr(GHashTable) odd = params_new ("amount", "about 10 euros", NULL);
  g_autofree char *rendered = rd_phrasebook_render ("refund_issued", params, NULL);
  g_autofree char *rendered_yen = rd_phrasebook_render ("refund_issued", yen, NULL);
  g_autofree char *rendered_odd = rd_phrasebook_render ("refund_issued", odd, NULL);

  g_assert_cmpstr (rendered, ==,
                   "I have issued a refund of 10.00 EUR. It can take a few business days "
                   "to reach your account.");
  g_assert_nonnull (strstr (rendered_yen, " 1500 JPY."));
  g_assert_nonnull (strstr (rendered_odd, " about 10 euros."));
}

/* Values are text: markup, entities and braces go in as they are, once. */
static void
test_verbatim (void)
{
  g_autoptr(GHashTable) params = params_new ("carrier", "<b>DHL & Co</b> &amp;",
                                             "tracking", "{carrier} {amount} %s %n \\", NULL);
  g_autofree char *rendered = rd_phrasebook_render ("return_label_sent", params, NULL);

  g_assert_cmpstr (rendered, ==,
                   "I have sent you a prepaid return label for <b>DHL & Co</b> &amp;. "
                   "Its tracking number is {carrier} {amount} %s %n \\.");
}

/* ------------------------------------------------------------------ */
/* Other languages                                                    */

typedef struct
{
  const char *msgid;
  const char *msgstr;
} MoEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const MoEntry *) a)->msgid, ((const MoEntry *) b)->msgid);
}

static void
append_u32 (GByteArray *bytes,
            guint32     value)
{
  g_byte_array_append (bytes, (const guint8 *) &value, sizeof value);
}

/* A GNU .mo catalog: a header, two tables of (length, offset), the strings. */
static void
write_mo (const char *path,
          MoEntry    *entries,
          guint       n)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint32 offset = 28 + 16 * n;

  qsort (entries, n, sizeof *entries, compare_entries);
  append_u32 (bytes, 0x950412de);
  append_u32 (bytes, 0);
  append_u32 (bytes, n);
  append_u32 (bytes, 28);
  append_u32 (bytes, 28 + 8 * n);
  append_u32 (bytes, 0);
  append_u32 (bytes, 28 + 16 * n);
  for (guint i = 0; i < n; i++)
    {
      append_u32 (bytes, strlen (entries[i].msgid));
      append_u32 (bytes, offset);
      offset += strlen (entries[i].msgid) + 1;
    }
  for (guint i = 0; i < n; i++)
    {
      append_u32 (bytes, strlen (entries[i].msgstr));
      append_u32 (bytes, offset);
      offset += strlen (entries[i].msgstr) + 1;
    }
  for (guint i = 0; i < n; i++)
    g_byte_array_append (bytes, (const guint8 *) entries[i].msgid, strlen (entries[i].msgid) + 1);
  for (guint i = 0; i < n; i++)
    g_byte_array_append (bytes, (const guint8 *) entries[i].msgstr, strlen (entries[i].msgstr) + 1);

  g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error);
  g_assert_no_error (error);
}

static char *locale_dir;
static char *mo_path;

#define DE_REFUND_TITLE "Erstattung veranlasst"
#define DE_REFUND "Ich habe {amount} erstattet. Bis das Geld auf Ihrem Konto ist, " \
                  "kann es einige Werktage dauern."
#define DE_REPLACEMENT "Ihr Ersatz ist mit {carrier} unterwegs. Die Sendungsnummer lautet {tracking}."
/* A translator renamed a placeholder: the English text must be used. */
#define DE_LABEL_BROKEN "Ich habe Ihnen ein Rücksendeetikett von {transporteur} geschickt. " \
                        "Sendungsnummer: {tracking}."

static char *
context_key (const char *context,
             const char *msgid)
{
  return g_strconcat (context, "\004", msgid, NULL);
}

/* Writes LOCALE_DIR/de/LC_MESSAGES/redress.mo from the English texts. */
static void
setup_german (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *messages_dir = NULL;
  g_autofree char *k_title = context_key ("phrase title",
                                          rd_phrase_get_title (rd_phrasebook_lookup ("refund_issued")));
  g_autofree char *k_refund = context_key ("phrase",
                                           rd_phrase_get_text (rd_phrasebook_lookup ("refund_issued")));
  g_autofree char *k_replacement = context_key ("phrase",
                                                rd_phrase_get_text (rd_phrasebook_lookup ("replacement_shipped")));
  g_autofree char *k_label = context_key ("phrase",
                                          rd_phrase_get_text (rd_phrasebook_lookup ("return_label_sent")));
  MoEntry entries[] = {
    { "", "Content-Type: text/plain; charset=UTF-8\n" },
    { k_title, DE_REFUND_TITLE },
    { k_refund, DE_REFUND },
    { k_replacement, DE_REPLACEMENT },
    { k_label, DE_LABEL_BROKEN },
  };

  locale_dir = g_dir_make_tmp ("test-phrasebook-XXXXXX", &error);
  g_assert_no_error (error);
  messages_dir = g_build_filename (locale_dir, "de", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (messages_dir, 0700), ==, 0);
  mo_path = g_build_filename (messages_dir, GETTEXT_PACKAGE ".mo", NULL);
  write_mo (mo_path, entries, G_N_ELEMENTS (entries));

  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

static void
teardown_german (void)
{
  g_autofree char *messages_dir = g_path_get_dirname (mo_path);
  g_autofree char *de_dir = g_path_get_dirname (messages_dir);

  g_unlink (mo_path);
  g_rmdir (messages_dir);
  g_rmdir (de_dir);
  g_rmdir (locale_dir);
  g_clear_pointer (&mo_path, g_free);
  g_clear_pointer (&locale_dir, g_free);
}

static void
test_render_for_language (void)
{
  g_autoptr(GHashTable) refund = params_new ("amount", "1000 EUR", NULL);
  g_autoptr(GHashTable) parcel = params_new ("carrier", "DHL", "tracking", "JJD0001", NULL);
  g_autofree char *german = rd_phrasebook_render_for_language ("refund_issued", refund, "de");
  g_autofree char *german_region = rd_phrasebook_render_for_language ("refund_issued", refund, "de-DE");
  g_autofree char *via_render = rd_phrasebook_render ("refund_issued", refund, "de");
  g_autofree char *replacement = rd_phrasebook_render ("replacement_shipped", parcel, "de");
  g_autofree char *broken = rd_phrasebook_render ("return_label_sent", parcel, "de");
  g_autofree char *english = rd_phrasebook_render ("refund_issued", refund, NULL);
  g_autofree char *unknown_language = rd_phrasebook_render ("refund_issued", refund, "xx");
  g_autofree char *empty_language = rd_phrasebook_render_for_language ("refund_issued", refund, "");

  g_assert_cmpstr (german, ==,
                   "Ich habe 10.00 EUR erstattet. Bis das Geld auf Ihrem Konto ist, "
                   "kann es einige Werktage dauern.");
  g_assert_cmpstr (german_region, ==, german);
  g_assert_cmpstr (via_render, ==, german);
  g_assert_cmpstr (replacement, ==,
                   "Ihr Ersatz ist mit DHL unterwegs. Die Sendungsnummer lautet JJD0001.");
  g_assert_cmpstr (broken, ==,
                   "I have sent you a prepaid return label for DHL. Its tracking number is JJD0001.");

  /* The current locale is untouched by the calls above. */
  g_assert_null (g_getenv ("LANGUAGE"));
  g_assert_cmpstr (english, ==,
                   "I have issued a refund of 10.00 EUR. It can take a few business days "
                   "to reach your account.");
  g_assert_cmpstr (unknown_language, ==, english);
  g_assert_cmpstr (empty_language, ==, english);
  g_assert_cmpstr (rd_phrase_get_title (rd_phrasebook_lookup ("refund_issued")), ==, "Refund issued");
}

/* A German user: the current locale renders German, and rendering for an
 * English reader in between does not change that. */
static void
test_render_current_language (void)
{
  g_autoptr(GHashTable) refund = params_new ("amount", "250 EUR", NULL);
  g_autofree char *german = NULL;
  g_autofree char *english = NULL;
  g_autofree char *german_again = NULL;

  g_setenv ("LANGUAGE", "de", TRUE);
  textdomain (textdomain (NULL));

  german = rd_phrasebook_render ("refund_issued", refund, NULL);
  g_assert_cmpstr (rd_phrase_get_title (rd_phrasebook_lookup ("refund_issued")), ==, DE_REFUND_TITLE);
  english = rd_phrasebook_render ("refund_issued", refund, "en");
  german_again = rd_phrasebook_render ("refund_issued", refund, NULL);

  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "de");
  g_unsetenv ("LANGUAGE");
  textdomain (textdomain (NULL));

  g_assert_cmpstr (german, ==,
                   "Ich habe 2.50 EUR erstattet. Bis das Geld auf Ihrem Konto ist, "
                   "kann es einige Werktage dauern.");
  g_assert_cmpstr (english, ==,
                   "I have issued a refund of 2.50 EUR. It can take a few business days "
                   "to reach your account.");
  g_assert_cmpstr (german_again, ==, german);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* gettext ignores LANGUAGE in the "C" locale, and the reader's own
   * LANGUAGE must not leak into the expectations. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < rd_phrasebook_get_n_phrases (); i++)
    {
      const RdPhrase *phrase = rd_phrasebook_get_phrase (i);
      g_autofree char *path = g_strdup_printf ("/phrasebook/phrase/%s", rd_phrase_get_id (phrase));

      g_test_add_data_func (path, phrase, test_phrase);
    }
  g_test_add_func ("/phrasebook/api-phrases", test_api_phrases);
  g_test_add_func ("/phrasebook/list", test_list);
  g_test_add_func ("/phrasebook/unknown-id", test_unknown_id);
  g_test_add_func ("/phrasebook/missing-params", test_missing_params);
  g_test_add_func ("/phrasebook/money", test_money);
  g_test_add_func ("/phrasebook/money-in-phrase", test_money_in_phrase);
  g_test_add_func ("/phrasebook/verbatim", test_verbatim);
  g_test_add_func ("/phrasebook/language/explicit", test_render_for_language);
  g_test_add_func ("/phrasebook/language/current", test_render_current_language);

  setup_german ();
  status = g_test_run ();
  teardown_german ();
  return status;
}
