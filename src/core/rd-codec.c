/* rd-codec.c — JSON <-> model, strictly
 *
 * Nothing that comes off the network is trusted: a document is first checked
 * against the JSON grammar by a flat, iterative scanner (so that nesting,
 * lone surrogates, NUL escapes and integers that overflow are refused before
 * json-glib, which is lenient about all of them, ever sees the text), then
 * each reader checks every field it needs by name, type and range.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rd-codec.h"
#include "rd-error.h"

/* Longest string value a reader takes, in bytes. */
#define MAX_STRING_BYTES (1024 * 1024)
/* Longest id of an object that the platform names (orders, users, events). */
#define MAX_ID_BYTES 200

typedef enum
{
  OPTIONAL = 0,
  REQUIRED = 1 << 0,
  NON_EMPTY = 1 << 1,
} ReadFlags;

typedef enum
{
  ID_ANY,
  ID_UUID,
} IdKind;

/* --- Errors and paths --------------------------------------------------- */

static char *
join_path (const char *prefix,
           const char *name)
{
  if (prefix == NULL || *prefix == '\0')
    return g_strdup (name);
  return g_strconcat (prefix, ".", name, NULL);
}

static char *
index_path (const char *path,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", path, index);
}

/* Sets an RD_ERROR_INVALID_DATA naming the field @name under @prefix (or the
 * node at @prefix itself where @name is NULL) and returns FALSE. */
static gboolean
fail_at (GError    **error,
         const char *prefix,
         const char *name,
         const char *what)
{
  g_autofree char *path = NULL;

  if (name != NULL)
    path = join_path (prefix, name);
  else if (prefix != NULL && *prefix != '\0')
    path = g_strdup (prefix);
  else
    /* Translators: names the whole of a document in an error about it */
    path = g_strdup (_("document"));

  /* Translators: the first %s is a field's path ("events[3].at"), the second
   * what is wrong with it */
  g_set_error (error, RD_ERROR, RD_ERROR_INVALID_DATA, _("%s: %s"), path, what);
  return FALSE;
}

/* --- Syntax --------------------------------------------------------------- */

static gboolean
syntax_error (GError **error,
              gsize    offset)
{
  g_autofree char *at = g_strdup_printf ("%" G_GSIZE_FORMAT, offset);

  g_set_error (error, RD_ERROR, RD_ERROR_INVALID_DATA,
               /* Translators: %s is a number: a position in bytes */
               _("document: not valid JSON at byte %s"), at);
  return FALSE;
}

static gboolean
read_hex4 (const char *data,
           gsize       len,
           gsize       pos,
           guint      *out)
{
  guint value = 0;

  if (pos + 4 > len)
    return FALSE;
  for (gsize i = pos; i < pos + 4; i++)
    {
      int digit = g_ascii_xdigit_value (data[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (guint) digit;
    }
  *out = value;
  return TRUE;
}

/* A string that starts at data[*pos] (the opening quote). */
static gboolean
scan_string (const char *data,
             gsize       len,
             gsize      *pos,
             GError    **error)
{
  gsize i = *pos + 1;

  while (i < len)
    {
      guchar c = (guchar) data[i];

      if (c == '"')
        {
          *pos = i + 1;
          return TRUE;
        }
      if (c < 0x20)
        return syntax_error (error, i);
      if (c != '\\')
        {
          i++;
          continue;
        }
      if (i + 1 >= len)
        return syntax_error (error, i);
      switch (data[i + 1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          i += 2;
          break;
        case 'u':
          {
            guint cp, low;

            if (!read_hex4 (data, len, i + 2, &cp))
              return syntax_error (error, i);
            if (cp == 0)
              {
                g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID_DATA,
                                     _("document: a string contains a NUL character"));
                return FALSE;
              }
            if (cp >= 0xDC00 && cp <= 0xDFFF)
              return syntax_error (error, i);
            if (cp >= 0xD800 && cp <= 0xDBFF)
              {
                if (i + 7 >= len || data[i + 6] != '\\' || data[i + 7] != 'u'
                    || !read_hex4 (data, len, i + 8, &low)
                    || low < 0xDC00 || low > 0xDFFF)
                  return syntax_error (error, i);
                i += 6;
              }
            i += 6;
          }
          break;
        default:
          return syntax_error (error, i);
        }
    }
  return syntax_error (error, len);
}

/* A number that starts at data[*pos]; integers must fit in 64 bits (json-glib
 * wraps them around silently) and others must be finite. */
static gboolean
scan_number (const char *data,
             gsize       len,
             gsize      *pos,
             GError    **error)
{
  gsize start = *pos, i = *pos;
  gboolean negative = FALSE, integral = TRUE;
  guint64 value = 0;
  gboolean overflow = FALSE;

  if (data[i] == '-')
    {
      negative = TRUE;
      i++;
    }
  if (i >= len || !g_ascii_isdigit (data[i]))
    return syntax_error (error, i);
  if (data[i] == '0')
    i++;
  else
    while (i < len && g_ascii_isdigit (data[i]))
      {
        guint digit = (guint) (data[i] - '0');

        if (value > (G_MAXUINT64 - digit) / 10)
          overflow = TRUE;
        else
          value = value * 10 + digit;
        i++;
      }
  if (i < len && data[i] == '.')
    {
      integral = FALSE;
      i++;
      if (i >= len || !g_ascii_isdigit (data[i]))
        return syntax_error (error, i);
      while (i < len && g_ascii_isdigit (data[i]))
        i++;
    }
  if (i < len && (data[i] == 'e' || data[i] == 'E'))
    {
      integral = FALSE;
      i++;
      if (i < len && (data[i] == '+' || data[i] == '-'))
        i++;
      if (i >= len || !g_ascii_isdigit (data[i]))
        return syntax_error (error, i);
      while (i < len && g_ascii_isdigit (data[i]))
        i++;
    }

  if (integral)
    {
      guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;

      if (overflow || value > limit)
        return syntax_error (error, start);
    }
  else
    {
      g_autofree char *text = g_strndup (data + start, i - start);

      if (!isfinite (g_ascii_strtod (text, NULL)))
        return syntax_error (error, start);
    }
  *pos = i;
  return TRUE;
}

static gboolean
scan_literal (const char *data,
              gsize       len,
              gsize      *pos,
              const char *word,
              GError    **error)
{
  gsize n = strlen (word);

  if (len - *pos < n || memcmp (data + *pos, word, n) != 0)
    return syntax_error (error, *pos);
  *pos += n;
  return TRUE;
}

static gsize
skip_space (const char *data,
            gsize       len,
            gsize       pos)
{
  while (pos < len && (data[pos] == ' ' || data[pos] == '\t' || data[pos] == '\n' || data[pos] == '\r'))
    pos++;
  return pos;
}

/* Checks @data against RFC 8259 without recursion, refusing nesting deeper
 * than RD_CODEC_MAX_DEPTH. */
static gboolean
check_syntax (const char *data,
              gsize       len,
              GError    **error)
{
  enum { VALUE, VALUE_OR_CLOSE, KEY, KEY_OR_CLOSE, AFTER_VALUE } state = VALUE;
  char stack[RD_CODEC_MAX_DEPTH];
  guint depth = 0;
  gsize pos = 0;

  for (;;)
    {
      char c;

      pos = skip_space (data, len, pos);
      if (state == AFTER_VALUE && depth == 0)
        return pos == len ? TRUE : syntax_error (error, pos);
      if (pos >= len)
        return syntax_error (error, pos);
      c = data[pos];

      switch (state)
        {
        case VALUE:
        case VALUE_OR_CLOSE:
          if (c == ']' && state == VALUE_OR_CLOSE)
            {
              depth--;
              pos++;
              state = AFTER_VALUE;
            }
          else if (c == '{' || c == '[')
            {
              if (depth >= RD_CODEC_MAX_DEPTH)
                {
                  g_set_error (error, RD_ERROR, RD_ERROR_INVALID_DATA,
                               /* Translators: %d is a number of levels */
                               _("document: nested deeper than %d levels"), RD_CODEC_MAX_DEPTH);
                  return FALSE;
                }
              stack[depth++] = c;
              pos++;
              state = c == '{' ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
            }
          else if (c == '"')
            {
              if (!scan_string (data, len, &pos, error))
                return FALSE;
              state = AFTER_VALUE;
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              if (!scan_number (data, len, &pos, error))
                return FALSE;
              state = AFTER_VALUE;
            }
          else if (c == 't' || c == 'f' || c == 'n')
            {
              if (!scan_literal (data, len, &pos, c == 't' ? "true" : c == 'f' ? "false" : "null", error))
                return FALSE;
              state = AFTER_VALUE;
            }
          else
            return syntax_error (error, pos);
          break;

        case KEY:
        case KEY_OR_CLOSE:
          if (c == '}' && state == KEY_OR_CLOSE)
            {
              depth--;
              pos++;
              state = AFTER_VALUE;
              break;
            }
          if (c != '"')
            return syntax_error (error, pos);
          if (!scan_string (data, len, &pos, error))
            return FALSE;
          pos = skip_space (data, len, pos);
          if (pos >= len || data[pos] != ':')
            return syntax_error (error, pos);
          pos++;
          state = VALUE;
          break;

        case AFTER_VALUE:
          if (c == ',')
            {
              pos++;
              state = stack[depth - 1] == '{' ? KEY : VALUE;
            }
          else if ((c == '}' && stack[depth - 1] == '{') || (c == ']' && stack[depth - 1] == '['))
            {
              depth--;
              pos++;
            }
          else
            return syntax_error (error, pos);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

JsonNode *
rd_codec_parse (const char *data,
                gssize      length,
                GError    **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;
  gsize len;

  if (data == NULL)
    length = 0;
  len = length < 0 ? strlen (data) : (gsize) length;
  if (len == 0)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID_DATA, _("document: empty"));
      return NULL;
    }
  /* Also refuses NUL bytes. */
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID_DATA, _("document: not valid UTF-8"));
      return NULL;
    }
  if (!check_syntax (data, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID_DATA,
                   /* Translators: %s is the JSON parser's own message */
                   _("document: not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID_DATA, _("document: empty"));
      return NULL;
    }
  return json_node_ref (root);
}

char *
rd_codec_to_string (JsonNode *node,
                    gsize    *length)
{
  g_autoptr (JsonGenerator) generator = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, FALSE);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, length);
}

/* --- Scalars -------------------------------------------------------------- */

static gboolean
read_digits (const char **p,
             guint        n,
             int         *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

static GDateTime *
parse_time (const char *text)
{
  const char *p = text;
  int year, month, day, hour, minute, second, off_hours = 0, off_minutes = 0, sign = 0;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (text == NULL || strlen (text) > 64)
    return NULL;
  if (!read_digits (&p, 4, &year) || *p++ != '-'
      || !read_digits (&p, 2, &month) || *p++ != '-'
      || !read_digits (&p, 2, &day) || (*p != 'T' && *p != 't'))
    return NULL;
  p++;
  if (!read_digits (&p, 2, &hour) || *p++ != ':'
      || !read_digits (&p, 2, &minute) || *p++ != ':'
      || !read_digits (&p, 2, &second))
    return NULL;
  /* Fractions are dropped: times travel with whole seconds. */
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return NULL;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p == 'Z' || *p == 'z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      sign = *p == '+' ? 1 : -1;
      p++;
      if (!read_digits (&p, 2, &off_hours) || *p++ != ':' || !read_digits (&p, 2, &off_minutes))
        return NULL;
    }
  else
    return NULL;
  if (*p != '\0')
    return NULL;

  if (year < 1 || month < 1 || month > 12 || day < 1
      || day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year)
      || hour > 23 || minute > 59 || second > 59 || off_hours > 23 || off_minutes > 59)
    return NULL;

  tz = g_time_zone_new_offset (sign * (off_hours * 3600 + off_minutes * 60));
  local = g_date_time_new (tz, year, month, day, hour, minute, second);
  if (local == NULL)
    return NULL;
  /* NULL where the offset takes it out of years 1..9999. */
  return g_date_time_to_utc (local);
}

GDateTime *
rd_codec_parse_time (const char *text,
                     GError    **error)
{
  GDateTime *time = parse_time (text);

  if (time == NULL)
    g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID_DATA,
                         _("not an RFC 3339 time"));
  return time;
}

char *
rd_codec_format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (utc), g_date_time_get_month (utc),
                          g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc), g_date_time_get_second (utc));
}

gboolean
rd_uuid_is_valid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_sha256 (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
      return FALSE;
  return TRUE;
}

/* --- Readers ---------------------------------------------------------------- */

static gboolean
expect_object (JsonNode    *node,
               const char  *path,
               JsonObject **out,
               GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail_at (error, path, NULL, _("not an object"));
  *out = json_node_get_object (node);
  return TRUE;
}

/* The member @name of @obj in *@out, or NULL where it is absent or null and
 * not required. */
static gboolean
member (JsonObject  *obj,
        const char  *prefix,
        const char  *name,
        ReadFlags    flags,
        JsonNode   **out,
        GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  *out = NULL;
  if (node == NULL)
    {
      if (flags & REQUIRED)
        /* Translators: a field that a document must have is absent */
        return fail_at (error, prefix, name, _("missing"));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (flags & REQUIRED)
        return fail_at (error, prefix, name, _("must not be null"));
      return TRUE;
    }
  *out = node;
  return TRUE;
}

static gboolean
node_string (JsonNode    *node,
             const char  *prefix,
             const char  *name,
             ReadFlags    flags,
             const char **out,
             GError     **error)
{
  const char *s;
  gsize len;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_at (error, prefix, name, _("not a string"));
  s = json_node_get_string (node);
  len = strlen (s);
  if (len > MAX_STRING_BYTES)
    return fail_at (error, prefix, name, _("too long"));
  if (!g_utf8_validate_len (s, len, NULL))
    return fail_at (error, prefix, name, _("not valid UTF-8"));
  if ((flags & NON_EMPTY) && len == 0)
    return fail_at (error, prefix, name, _("empty"));
  *out = s;
  return TRUE;
}

/* A borrowed string, NULL where an optional one is absent. */
static gboolean
read_word (JsonObject  *obj,
           const char  *prefix,
           const char  *name,
           ReadFlags    flags,
           const char **out,
           GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!member (obj, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  return node_string (node, prefix, name, flags, out, error);
}

static gboolean
read_string (JsonObject  *obj,
             const char  *prefix,
             const char  *name,
             ReadFlags    flags,
             char       **out,
             GError     **error)
{
  const char *s;

  if (!read_word (obj, prefix, name, flags, &s, error))
    return FALSE;
  g_free (*out);
  *out = g_strdup (s);
  return TRUE;
}

static gboolean
check_id (const char *s,
          IdKind      kind,
          const char *prefix,
          const char *name,
          GError    **error)
{
  if (*s == '\0')
    return fail_at (error, prefix, name, _("empty"));
  if (kind == ID_UUID && !rd_uuid_is_valid (s))
    return fail_at (error, prefix, name, _("not a UUID"));
  if (strlen (s) > MAX_ID_BYTES)
    return fail_at (error, prefix, name, _("too long"));
  return TRUE;
}

static gboolean
read_id (JsonObject  *obj,
         const char  *prefix,
         const char  *name,
         ReadFlags    flags,
         IdKind       kind,
         char       **out,
         GError     **error)
{
  const char *s;

  if (!read_word (obj, prefix, name, flags, &s, error))
    return FALSE;
  if (s != NULL && !check_id (s, kind, prefix, name, error))
    return FALSE;
  g_free (*out);
  *out = g_strdup (s);
  return TRUE;
}

static gboolean
read_int (JsonObject  *obj,
          const char  *prefix,
          const char  *name,
          ReadFlags    flags,
          gint64       min,
          gint64       max,
          gint64      *out,
          gboolean    *present,
          GError     **error)
{
  JsonNode *node;
  gint64 value;

  if (present != NULL)
    *present = FALSE;
  if (!member (obj, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail_at (error, prefix, name, _("not an integer"));
  value = json_node_get_int (node);
  if (value < min || value > max)
    return fail_at (error, prefix, name, _("out of range"));
  *out = value;
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
read_uint (JsonObject  *obj,
           const char  *prefix,
           const char  *name,
           gint64       min,
           gint64       max,
           guint       *out,
           GError     **error)
{
  gint64 value = 0;

  g_assert (min >= 0 && max <= G_MAXUINT);
  if (!read_int (obj, prefix, name, REQUIRED, min, max, &value, NULL, error))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_bool (JsonObject  *obj,
           const char  *prefix,
           const char  *name,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node;

  if (!member (obj, prefix, name, REQUIRED, &node, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail_at (error, prefix, name, _("not true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_time (JsonObject  *obj,
           const char  *prefix,
           const char  *name,
           ReadFlags    flags,
           GDateTime  **out,
           GError     **error)
{
  const char *s;
  GDateTime *time;

  if (!read_word (obj, prefix, name, flags, &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  time = parse_time (s);
  if (time == NULL)
    return fail_at (error, prefix, name, _("not an RFC 3339 time"));
  g_clear_pointer (out, g_date_time_unref);
  *out = time;
  return TRUE;
}

static gboolean
read_array (JsonObject  *obj,
            const char  *prefix,
            const char  *name,
            ReadFlags    flags,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!member (obj, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_at (error, prefix, name, _("not an array"));
  *out = json_node_get_array (node);
  if ((flags & NON_EMPTY) && json_array_get_length (*out) == 0)
    return fail_at (error, prefix, name, _("empty"));
  return TRUE;
}

/* An array of ids (NULL where an optional one is absent). */
static gboolean
read_ids (JsonObject  *obj,
          const char  *prefix,
          const char  *name,
          ReadFlags    flags,
          IdKind       kind,
          GStrv       *out,
          GError     **error)
{
  g_autoptr (GStrvBuilder) builder = NULL;
  g_autofree char *path = NULL;
  JsonArray *array;
  guint n;

  if (!read_array (obj, prefix, name, flags, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  path = join_path (prefix, name);
  builder = g_strv_builder_new ();
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item = index_path (path, i);
      const char *s;

      if (!node_string (json_array_get_element (array, i), item, NULL, NON_EMPTY, &s, error)
          || !check_id (s, kind, item, NULL, error))
        return FALSE;
      g_strv_builder_add (builder, s);
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Enum readers: a required or optional wire word, never defaulted. */
#define DEFINE_ENUM_READER(fn, Type)                                          \
  static gboolean                                                           \
  read_##fn (JsonObject *obj, const char *prefix, const char *name,         \
             ReadFlags flags, Type *out, gboolean *present, GError **error) \
  {                                                                         \
    const char *word;                                                       \
    if (present != NULL)                                                    \
      *present = FALSE;                                                     \
    if (!read_word (obj, prefix, name, flags | NON_EMPTY, &word, error))    \
      return FALSE;                                                         \
    if (word == NULL)                                                       \
      return TRUE;                                                          \
    if (!rd_##fn##_from_string (word, out))                                 \
      return fail_at (error, prefix, name, _("not a known value"));         \
    if (present != NULL)                                                    \
      *present = TRUE;                                                      \
    return TRUE;                                                            \
  }

DEFINE_ENUM_READER (role, RdRole)
DEFINE_ENUM_READER (reason, RdReason)
DEFINE_ENUM_READER (outcome_type, RdOutcomeType)
DEFINE_ENUM_READER (status, RdStatus)
DEFINE_ENUM_READER (turn, RdTurn)
DEFINE_ENUM_READER (expiry, RdExpiry)
DEFINE_ENUM_READER (resolution_outcome, RdResolutionOutcome)
DEFINE_ENUM_READER (resolution_by, RdResolutionBy)
DEFINE_ENUM_READER (offer_status, RdOfferStatus)
DEFINE_ENUM_READER (event_type, RdEventType)
DEFINE_ENUM_READER (action_type, RdActionType)
DEFINE_ENUM_READER (decision, RdDecision)

/* --- Writers ---------------------------------------------------------------- */

static JsonNode *
object_node (JsonObject *obj)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, obj);
  return node;
}

static void
set_string (JsonObject *obj,
            const char *name,
            const char *value)
{
  if (value == NULL)
    json_object_set_null_member (obj, name);
  else
    json_object_set_string_member (obj, name, value);
}

static void
set_optional_string (JsonObject *obj,
                     const char *name,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (obj, name, value);
}

static void
set_time (JsonObject *obj,
          const char *name,
          GDateTime  *time)
{
  if (time == NULL)
    json_object_set_null_member (obj, name);
  else
    {
      g_autofree char *text = rd_codec_format_time (time);

      json_object_set_string_member (obj, name, text);
    }
}

static void
set_money (JsonObject    *obj,
           const char    *name,
           const RdMoney *money)
{
  if (money == NULL)
    json_object_set_null_member (obj, name);
  else
    json_object_set_member (obj, name, rd_codec_money_to_json (money));
}

static void
set_ids (JsonObject         *obj,
         const char         *name,
         const char * const *ids)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    json_array_add_string_element (array, ids[i]);
  json_object_set_array_member (obj, name, array);
}

static JsonNode *
party_to_json (const RdParty *party)
{
  JsonObject *obj = json_object_new ();

  set_string (obj, "id", party ? party->id : NULL);
  set_string (obj, "name", party ? party->name : NULL);
  return object_node (obj);
}

static void
set_party (JsonObject    *obj,
           const char    *name,
           const RdParty *party)
{
  if (party == NULL)
    json_object_set_null_member (obj, name);
  else
    json_object_set_member (obj, name, party_to_json (party));
}

/* --- Money, parties, users ------------------------------------------------ */

static RdMoney *
money_from (JsonNode   *node,
            const char *path,
            GError    **error)
{
  JsonObject *obj;
  const char *currency;
  gint64 amount = 0;

  if (!expect_object (node, path, &obj, error)
      || !read_int (obj, path, "amount", REQUIRED, 0, G_MAXINT64, &amount, NULL, error)
      || !read_word (obj, path, "currency", REQUIRED, &currency, error))
    return NULL;
  if (!rd_currency_code_is_valid (currency))
    {
      fail_at (error, path, "currency", _("not an ISO 4217 code"));
      return NULL;
    }
  return rd_money_new (amount, currency);
}

static gboolean
read_money (JsonObject  *obj,
            const char  *prefix,
            const char  *name,
            ReadFlags    flags,
            RdMoney    **out,
            GError     **error)
{
  g_autofree char *path = NULL;
  JsonNode *node;
  RdMoney *money;

  if (!member (obj, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  path = join_path (prefix, name);
  money = money_from (node, path, error);
  if (money == NULL)
    return FALSE;
  g_clear_pointer (out, rd_money_free);
  *out = money;
  return TRUE;
}

RdMoney *
rd_codec_money_from_json (JsonNode *node,
                          GError  **error)
{
  return money_from (node, "", error);
}

JsonNode *
rd_codec_money_to_json (const RdMoney *money)
{
  JsonObject *obj;

  g_return_val_if_fail (money != NULL, NULL);

  obj = json_object_new ();
  json_object_set_int_member (obj, "amount", money->amount);
  json_object_set_string_member (obj, "currency", money->currency);
  return object_node (obj);
}

static RdParty *
party_from (JsonNode   *node,
            const char *path,
            GError    **error)
{
  g_autoptr (RdParty) party = rd_party_new (NULL, NULL);
  JsonObject *obj;

  if (!expect_object (node, path, &obj, error)
      || !read_id (obj, path, "id", REQUIRED, ID_ANY, &party->id, error)
      || !read_string (obj, path, "name", REQUIRED, &party->name, error))
    return NULL;
  return g_steal_pointer (&party);
}

static gboolean
read_party (JsonObject  *obj,
            const char  *prefix,
            const char  *name,
            RdParty    **out,
            GError     **error)
{
  g_autofree char *path = join_path (prefix, name);
  JsonNode *node;

  if (!member (obj, prefix, name, REQUIRED, &node, error))
    return FALSE;
  *out = party_from (node, path, error);
  return *out != NULL;
}

static RdUser *
user_from (JsonNode   *node,
           const char *path,
           GError    **error)
{
  g_autoptr (RdUser) user = rd_user_new ();
  JsonObject *obj;

  if (!expect_object (node, path, &obj, error)
      || !read_id (obj, path, "id", REQUIRED, ID_ANY, &user->id, error)
      || !read_string (obj, path, "name", REQUIRED, &user->name, error)
      || !read_role (obj, path, "role", REQUIRED, &user->role, NULL, error)
      || !read_string (obj, path, "locale", REQUIRED, &user->locale, error))
    return NULL;
  /* Only the platform's own steps are taken by "platform". */
  if (user->role == RD_ROLE_PLATFORM)
    {
      fail_at (error, path, "role", _("not a known value"));
      return NULL;
    }
  return g_steal_pointer (&user);
}

RdUser *
rd_codec_user_from_json (JsonNode *node,
                         GError  **error)
{
  return user_from (node, "", error);
}

JsonNode *
rd_codec_user_to_json (RdUser *user)
{
  JsonObject *obj;

  g_return_val_if_fail (RD_IS_USER (user), NULL);

  obj = json_object_new ();
  set_string (obj, "id", user->id);
  set_string (obj, "name", user->name);
  set_string (obj, "role", rd_role_to_string (user->role));
  set_string (obj, "locale", user->locale);
  return object_node (obj);
}

/* --- Orders ----------------------------------------------------------------- */

static RdOrderItem *
order_item_from (JsonNode   *node,
                 const char *path,
                 GError    **error)
{
  g_autoptr (RdOrderItem) item = rd_order_item_new ();
  JsonObject *obj;

  if (!expect_object (node, path, &obj, error)
      || !read_string (obj, path, "sku", REQUIRED | NON_EMPTY, &item->sku, error)
      || !read_string (obj, path, "title", REQUIRED, &item->title, error)
      || !read_uint (obj, path, "quantity", 1, G_MAXINT32, &item->quantity, error)
      || !read_money (obj, path, "unit_price", REQUIRED, &item->unit_price, error))
    return NULL;
  return g_steal_pointer (&item);
}

RdOrderItem *
rd_codec_order_item_from_json (JsonNode *node,
                               GError  **error)
{
  return order_item_from (node, "", error);
}

JsonNode *
rd_codec_order_item_to_json (RdOrderItem *item)
{
  JsonObject *obj;

  g_return_val_if_fail (RD_IS_ORDER_ITEM (item), NULL);

  obj = json_object_new ();
  set_string (obj, "sku", item->sku);
  set_string (obj, "title", item->title);
  json_object_set_int_member (obj, "quantity", item->quantity);
  set_money (obj, "unit_price", item->unit_price);
  return object_node (obj);
}

static RdOrder *
order_from (JsonNode   *node,
            const char *path,
            GError    **error)
{
  g_autoptr (RdOrder) order = rd_order_new ();
  g_autofree char *items_path = NULL;
  JsonObject *obj;
  JsonArray *items;
  guint return_days = 0, warranty = 0;

  if (!expect_object (node, path, &obj, error)
      || !read_id (obj, path, "id", REQUIRED, ID_ANY, &order->id, error)
      || !read_string (obj, path, "number", REQUIRED | NON_EMPTY, &order->number, error)
      || !read_party (obj, path, "buyer", &order->buyer, error)
      || !read_party (obj, path, "seller", &order->seller, error)
      || !read_array (obj, path, "items", REQUIRED | NON_EMPTY, &items, error))
    return NULL;

  items_path = join_path (path, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *item_path = index_path (items_path, i);
      RdOrderItem *item = order_item_from (json_array_get_element (items, i), item_path, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (order->items, item);
    }

  if (!read_money (obj, path, "total", REQUIRED, &order->total, error)
      || !read_time (obj, path, "ordered_at", REQUIRED, &order->ordered_at, error)
      || !read_time (obj, path, "shipped_at", OPTIONAL, &order->shipped_at, error)
      || !read_time (obj, path, "delivered_at", OPTIONAL, &order->delivered_at, error)
      || !read_string (obj, path, "carrier", OPTIONAL, &order->carrier, error)
      || !read_string (obj, path, "tracking", OPTIONAL, &order->tracking, error)
      /* Bounded so that date arithmetic on them cannot overflow. */
      || !read_uint (obj, path, "return_window_days", 0, 36500, &return_days, error)
      || !read_uint (obj, path, "warranty_months", 0, 1200, &warranty, error))
    return NULL;
  order->return_window_days = return_days;
  order->warranty_months = warranty;
  return g_steal_pointer (&order);
}

RdOrder *
rd_codec_order_from_json (JsonNode *node,
                          GError  **error)
{
  return order_from (node, "", error);
}

JsonNode *
rd_codec_order_to_json (RdOrder *order)
{
  JsonObject *obj;
  JsonArray *items;

  g_return_val_if_fail (RD_IS_ORDER (order), NULL);

  obj = json_object_new ();
  set_string (obj, "id", order->id);
  set_string (obj, "number", order->number);
  set_party (obj, "buyer", order->buyer);
  set_party (obj, "seller", order->seller);
  items = json_array_new ();
  for (guint i = 0; i < order->items->len; i++)
    json_array_add_element (items, rd_codec_order_item_to_json (g_ptr_array_index (order->items, i)));
  json_object_set_array_member (obj, "items", items);
  set_money (obj, "total", order->total);
  set_time (obj, "ordered_at", order->ordered_at);
  set_time (obj, "shipped_at", order->shipped_at);
  set_time (obj, "delivered_at", order->delivered_at);
  set_string (obj, "carrier", order->carrier);
  set_string (obj, "tracking", order->tracking);
  json_object_set_int_member (obj, "return_window_days", order->return_window_days);
  json_object_set_int_member (obj, "warranty_months", order->warranty_months);
  return object_node (obj);
}

/* --- Outcomes, offers, evidence ------------------------------------------- */

/* "type" and "amount" of a request or an offer: the amount is there, and
 * more than zero, exactly for a partial refund. */
static gboolean
read_outcome (JsonObject     *obj,
              const char     *path,
              RdOutcomeType  *type,
              RdMoney       **amount,
              GError        **error)
{
  if (!read_outcome_type (obj, path, "type", REQUIRED, type, NULL, error))
    return FALSE;
  if (*type == RD_OUTCOME_TYPE_PARTIAL_REFUND)
    {
      if (!read_money (obj, path, "amount", REQUIRED, amount, error))
        return FALSE;
      if ((*amount)->amount <= 0)
        return fail_at (error, path, "amount", _("not more than zero"));
    }
  else
    {
      JsonNode *node;

      if (!member (obj, path, "amount", OPTIONAL, &node, error))
        return FALSE;
      if (node != NULL)
        return fail_at (error, path, "amount", _("only allowed for a partial refund"));
    }
  return TRUE;
}

static gboolean
read_requested (JsonObject     *obj,
                const char     *prefix,
                RdOutcomeType  *type,
                RdMoney       **amount,
                GError        **error)
{
  g_autofree char *path = join_path (prefix, "requested");
  JsonObject *requested;
  JsonNode *node;

  if (!member (obj, prefix, "requested", REQUIRED, &node, error)
      || !expect_object (node, path, &requested, error))
    return FALSE;
  return read_outcome (requested, path, type, amount, error);
}

static void
set_requested (JsonObject    *obj,
               RdOutcomeType  type,
               const RdMoney *amount)
{
  JsonObject *requested = json_object_new ();

  set_string (requested, "type", rd_outcome_type_to_string (type));
  if (amount != NULL)
    set_money (requested, "amount", amount);
  json_object_set_object_member (obj, "requested", requested);
}

static RdOffer *
offer_from (JsonNode   *node,
            const char *path,
            GError    **error)
{
  g_autoptr (RdOffer) offer = rd_offer_new ();
  JsonObject *obj;

  if (!expect_object (node, path, &obj, error)
      || !read_id (obj, path, "id", REQUIRED, ID_ANY, &offer->id, error)
      || !read_outcome (obj, path, &offer->type, &offer->amount, error)
      || !read_string (obj, path, "note", OPTIONAL, &offer->note, error)
      || !read_offer_status (obj, path, "status", REQUIRED, &offer->status, NULL, error)
      || !read_time (obj, path, "at", REQUIRED, &offer->at, error))
    return NULL;
  return g_steal_pointer (&offer);
}

RdOffer *
rd_codec_offer_from_json (JsonNode *node,
                          GError  **error)
{
  return offer_from (node, "", error);
}

JsonNode *
rd_codec_offer_to_json (RdOffer *offer)
{
  JsonObject *obj;

  g_return_val_if_fail (RD_IS_OFFER (offer), NULL);

  obj = json_object_new ();
  set_string (obj, "id", offer->id);
  set_string (obj, "type", rd_outcome_type_to_string (offer->type));
  if (offer->amount != NULL)
    set_money (obj, "amount", offer->amount);
  set_optional_string (obj, "note", offer->note);
  set_string (obj, "status", rd_offer_status_to_string (offer->status));
  set_time (obj, "at", offer->at);
  return object_node (obj);
}

static RdEvidence *
evidence_from (JsonNode   *node,
               const char *path,
               GError    **error)
{
  g_autoptr (RdEvidence) evidence = rd_evidence_new ();
  JsonObject *obj;

  if (!expect_object (node, path, &obj, error)
      || !read_id (obj, path, "id", REQUIRED, ID_UUID, &evidence->id, error)
      || !read_string (obj, path, "filename", REQUIRED | NON_EMPTY, &evidence->filename, error)
      || !read_string (obj, path, "mime", REQUIRED | NON_EMPTY, &evidence->mime, error)
      || !read_int (obj, path, "size", REQUIRED, 0, G_MAXINT64, &evidence->size, NULL, error)
      || !read_string (obj, path, "sha256", REQUIRED, &evidence->sha256, error))
    return NULL;
  if (!is_sha256 (evidence->sha256))
    {
      fail_at (error, path, "sha256", _("not 64 lower-case hexadecimal digits"));
      return NULL;
    }
  if (!read_party (obj, path, "by", &evidence->by, error)
      || !read_role (obj, path, "role", REQUIRED, &evidence->role, NULL, error)
      || !read_time (obj, path, "at", REQUIRED, &evidence->at, error))
    return NULL;
  return g_steal_pointer (&evidence);
}

RdEvidence *
rd_codec_evidence_from_json (JsonNode *node,
                             GError  **error)
{
  return evidence_from (node, "", error);
}

JsonNode *
rd_codec_evidence_to_json (RdEvidence *evidence)
{
  JsonObject *obj;

  g_return_val_if_fail (RD_IS_EVIDENCE (evidence), NULL);

  obj = json_object_new ();
  set_string (obj, "id", evidence->id);
  set_string (obj, "filename", evidence->filename);
  set_string (obj, "mime", evidence->mime);
  json_object_set_int_member (obj, "size", evidence->size);
  set_string (obj, "sha256", evidence->sha256);
  set_party (obj, "by", evidence->by);
  set_string (obj, "role", rd_role_to_string (evidence->role));
  set_time (obj, "at", evidence->at);
  return object_node (obj);
}

/* --- Messages ----------------------------------------------------------------- */

/* A money parameter: minor units, a space, a currency ("1000 EUR"). */
static gboolean
is_money_param (const char *value)
{
  gsize n = strspn (value, "0123456789");

  return n >= 1 && n <= 18 && value[n] == ' ' && rd_currency_code_is_valid (value + n + 1);
}

/* "template": {"id", "params": {name: string}}, optional. */
static gboolean
read_template (JsonObject  *obj,
               const char  *prefix,
               char       **template_id,
               GHashTable **template_params,
               GError     **error)
{
  g_autofree char *path = join_path (prefix, "template");
  g_autofree char *params_path = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autofree char *id = NULL;
  JsonObject *template, *params_obj;
  JsonNode *node;
  JsonObjectIter iter;
  const char *name;

  if (!member (obj, prefix, "template", OPTIONAL, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!expect_object (node, path, &template, error)
      || !read_id (template, path, "id", REQUIRED, ID_ANY, &id, error)
      || !member (template, path, "params", REQUIRED, &node, error))
    return FALSE;
  params_path = join_path (path, "params");
  if (!expect_object (node, params_path, &params_obj, error))
    return FALSE;

  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  json_object_iter_init (&iter, params_obj);
  while (json_object_iter_next (&iter, &name, &node))
    {
      const char *value;

      if (*name == '\0')
        return fail_at (error, params_path, NULL, _("a parameter without a name"));
      if (!node_string (node, params_path, name, OPTIONAL, &value, error))
        return FALSE;
      if (strcmp (name, "amount") == 0 && !is_money_param (value))
        return fail_at (error, params_path, name, _("not an amount and a currency"));
      g_hash_table_insert (params, g_strdup (name), g_strdup (value));
    }

  *template_id = g_steal_pointer (&id);
  *template_params = g_steal_pointer (&params);
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
set_template (JsonObject *obj,
              const char *template_id,
              GHashTable *template_params)
{
  JsonObject *template, *params;

  if (template_id == NULL)
    return;
  template = json_object_new ();
  params = json_object_new ();
  json_object_set_string_member (template, "id", template_id);
  /* Sorted, so that the same action always has the same body: the platform
   * compares the bodies of replays. */
  if (template_params != NULL)
    {
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (template_params, NULL);
      guint n = g_hash_table_size (template_params);

      qsort (keys, n, sizeof (gpointer), compare_strings);
      for (guint i = 0; i < n; i++)
        set_string (params, keys[i], g_hash_table_lookup (template_params, keys[i]));
    }
  json_object_set_object_member (template, "params", params);
  json_object_set_object_member (obj, "template", template);
}

/* --- Events ------------------------------------------------------------------- */

static RdEvent *
event_from (JsonNode   *node,
            const char *path,
            GError    **error)
{
  g_autoptr (RdEvent) event = rd_event_new ();
  g_autofree char *actor_path = join_path (path, "actor");
  JsonObject *obj, *actor;
  JsonNode *actor_node;

  if (!expect_object (node, path, &obj, error)
      || !read_id (obj, path, "id", REQUIRED, ID_ANY, &event->id, error)
      || !read_time (obj, path, "at", REQUIRED, &event->at, error)
      || !member (obj, path, "actor", REQUIRED, &actor_node, error)
      || !expect_object (actor_node, actor_path, &actor, error))
    return NULL;
  event->actor = rd_party_new (NULL, NULL);
  if (!read_id (actor, actor_path, "id", REQUIRED, ID_ANY, &event->actor->id, error)
      || !read_string (actor, actor_path, "name", REQUIRED, &event->actor->name, error)
      || !read_role (actor, actor_path, "role", REQUIRED, &event->actor_role, NULL, error)
      || !read_event_type (obj, path, "type", REQUIRED, &event->type, NULL, error))
    return NULL;

  switch (event->type)
    {
    case RD_EVENT_TYPE_MESSAGE:
      if (!read_string (obj, path, "text", OPTIONAL, &event->text, error)
          || !read_template (obj, path, &event->template_id, &event->template_params, error)
          || !read_string (obj, path, "lang", REQUIRED | NON_EMPTY, &event->lang, error)
          || !read_ids (obj, path, "evidence_ids", REQUIRED, ID_UUID, &event->evidence_ids, error))
        return NULL;
      break;

    case RD_EVENT_TYPE_EVIDENCE:
      if (!read_ids (obj, path, "evidence_ids", REQUIRED | NON_EMPTY, ID_UUID, &event->evidence_ids, error))
        return NULL;
      break;

    case RD_EVENT_TYPE_OFFER:
      if (!read_id (obj, path, "offer_id", REQUIRED, ID_ANY, &event->offer_id, error)
          || !read_string (obj, path, "note", OPTIONAL, &event->note, error))
        return NULL;
      break;

    case RD_EVENT_TYPE_OFFER_ACCEPTED:
      if (!read_id (obj, path, "offer_id", REQUIRED, ID_ANY, &event->offer_id, error))
        return NULL;
      break;

    case RD_EVENT_TYPE_OFFER_REJECTED:
      if (!read_id (obj, path, "offer_id", REQUIRED, ID_ANY, &event->offer_id, error)
          || !read_string (obj, path, "reason", OPTIONAL, &event->reason, error))
        return NULL;
      break;

    case RD_EVENT_TYPE_ESCALATED:
    case RD_EVENT_TYPE_DEADLINE_MISSED:
      if (!read_string (obj, path, "reason", OPTIONAL, &event->reason, error))
        return NULL;
      break;

    case RD_EVENT_TYPE_RETURN_SHIPPED:
      if (!read_string (obj, path, "carrier", REQUIRED | NON_EMPTY, &event->carrier, error)
          || !read_string (obj, path, "tracking", REQUIRED | NON_EMPTY, &event->tracking, error))
        return NULL;
      break;

    case RD_EVENT_TYPE_RULED:
      if (!read_decision (obj, path, "decision", REQUIRED, &event->decision, &event->has_decision, error)
          || !read_money (obj, path, "amount", OPTIONAL, &event->amount, error)
          || !read_string (obj, path, "note", REQUIRED, &event->note, error))
        return NULL;
      break;

    case RD_EVENT_TYPE_RESOLVED:
      if (!read_resolution_outcome (obj, path, "outcome", REQUIRED, &event->outcome, &event->has_outcome, error)
          || !read_money (obj, path, "amount", OPTIONAL, &event->amount, error))
        return NULL;
      break;

    case RD_EVENT_TYPE_RATED:
      if (!read_uint (obj, path, "stars", 1, 5, &event->stars, error)
          || !read_string (obj, path, "comment", OPTIONAL, &event->comment, error))
        return NULL;
      break;

    case RD_EVENT_TYPE_CREATED:
    case RD_EVENT_TYPE_CLAIM_ACCEPTED:
    case RD_EVENT_TYPE_RETURN_RECEIVED:
    case RD_EVENT_TYPE_WITHDRAWN:
    default:
      break;
    }
  return g_steal_pointer (&event);
}

RdEvent *
rd_codec_event_from_json (JsonNode *node,
                          GError  **error)
{
  return event_from (node, "", error);
}

JsonNode *
rd_codec_event_to_json (RdEvent *event)
{
  JsonObject *obj, *actor;

  g_return_val_if_fail (RD_IS_EVENT (event), NULL);

  obj = json_object_new ();
  set_string (obj, "id", event->id);
  set_time (obj, "at", event->at);
  actor = json_object_new ();
  set_string (actor, "id", event->actor ? event->actor->id : NULL);
  set_string (actor, "name", event->actor ? event->actor->name : NULL);
  set_string (actor, "role", rd_role_to_string (event->actor_role));
  json_object_set_object_member (obj, "actor", actor);
  set_string (obj, "type", rd_event_type_to_string (event->type));

  switch (event->type)
    {
    case RD_EVENT_TYPE_MESSAGE:
      set_optional_string (obj, "text", event->text);
      set_template (obj, event->template_id, event->template_params);
      set_string (obj, "lang", event->lang);
      set_ids (obj, "evidence_ids", (const char * const *) event->evidence_ids);
      break;

    case RD_EVENT_TYPE_EVIDENCE:
      set_ids (obj, "evidence_ids", (const char * const *) event->evidence_ids);
      break;

    case RD_EVENT_TYPE_OFFER:
      set_string (obj, "offer_id", event->offer_id);
      set_optional_string (obj, "note", event->note);
      break;

    case RD_EVENT_TYPE_OFFER_ACCEPTED:
      set_string (obj, "offer_id", event->offer_id);
      break;

    case RD_EVENT_TYPE_OFFER_REJECTED:
      set_string (obj, "offer_id", event->offer_id);
      set_optional_string (obj, "reason", event->reason);
      break;

    case RD_EVENT_TYPE_ESCALATED:
    case RD_EVENT_TYPE_DEADLINE_MISSED:
      set_optional_string (obj, "reason", event->reason);
      break;

    case RD_EVENT_TYPE_RETURN_SHIPPED:
      set_string (obj, "carrier", event->carrier);
      set_string (obj, "tracking", event->tracking);
      break;

    case RD_EVENT_TYPE_RULED:
      set_string (obj, "decision", event->has_decision ? rd_decision_to_string (event->decision) : NULL);
      if (event->amount != NULL)
        set_money (obj, "amount", event->amount);
      set_string (obj, "note", event->note);
      break;

    case RD_EVENT_TYPE_RESOLVED:
      set_string (obj, "outcome", event->has_outcome ? rd_resolution_outcome_to_string (event->outcome) : NULL);
      if (event->amount != NULL)
        set_money (obj, "amount", event->amount);
      break;

    case RD_EVENT_TYPE_RATED:
      json_object_set_int_member (obj, "stars", event->stars);
      set_optional_string (obj, "comment", event->comment);
      break;

    case RD_EVENT_TYPE_CREATED:
    case RD_EVENT_TYPE_CLAIM_ACCEPTED:
    case RD_EVENT_TYPE_RETURN_RECEIVED:
    case RD_EVENT_TYPE_WITHDRAWN:
    default:
      break;
    }
  return object_node (obj);
}

/* --- Cases -------------------------------------------------------------------- */

static gboolean
read_resolution (JsonObject    *obj,
                 const char    *prefix,
                 RdResolution **out,
                 GError       **error)
{
  g_autofree char *path = join_path (prefix, "resolution");
  g_autoptr (RdResolution) resolution = NULL;
  JsonObject *res;
  JsonNode *node;

  if (!member (obj, prefix, "resolution", OPTIONAL, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  resolution = rd_resolution_new (RD_RESOLUTION_OUTCOME_REFUNDED, NULL, RD_RESOLUTION_BY_AGREEMENT, NULL);
  if (!expect_object (node, path, &res, error)
      || !read_resolution_outcome (res, path, "outcome", REQUIRED, &resolution->outcome, NULL, error)
      || !read_money (res, path, "amount", OPTIONAL, &resolution->amount, error)
      || !read_resolution_by (res, path, "by", REQUIRED, &resolution->by, NULL, error)
      || !read_time (res, path, "at", REQUIRED, &resolution->at, error))
    return FALSE;
  *out = g_steal_pointer (&resolution);
  return TRUE;
}

static gboolean
read_rating (JsonObject  *obj,
             const char  *prefix,
             RdRating   **out,
             GError     **error)
{
  g_autofree char *path = join_path (prefix, "rating");
  g_autoptr (RdRating) rating = NULL;
  JsonObject *r;
  JsonNode *node;

  if (!member (obj, prefix, "rating", OPTIONAL, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  rating = rd_rating_new (0, NULL);
  if (!expect_object (node, path, &r, error)
      || !read_uint (r, path, "stars", 1, 5, &rating->stars, error)
      || !read_string (r, path, "comment", OPTIONAL, &rating->comment, error))
    return FALSE;
  *out = g_steal_pointer (&rating);
  return TRUE;
}

typedef gpointer (*ElementReader) (JsonNode   *node,
                                   const char *path,
                                   GError    **error);

/* A required array of objects, each read by @reader into @into. */
static gboolean
read_objects (JsonObject    *obj,
              const char    *prefix,
              const char    *name,
              ElementReader  reader,
              GPtrArray     *into,
              GError       **error)
{
  g_autofree char *path = join_path (prefix, name);
  JsonArray *array;

  if (!read_array (obj, prefix, name, REQUIRED, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = index_path (path, i);
      gpointer item = reader (json_array_get_element (array, i), item_path, error);

      if (item == NULL)
        return FALSE;
      g_ptr_array_add (into, item);
    }
  return TRUE;
}

static RdCase *
case_from (JsonNode   *node,
           const char *path,
           GError    **error)
{
  g_autoptr (RdCase) kase = rd_case_new ();
  g_autofree char *actions_path = NULL;
  JsonObject *obj;
  JsonNode *item_node;
  JsonArray *actions;
  gboolean has_expiry = FALSE;

  if (!expect_object (node, path, &obj, error)
      || !read_id (obj, path, "id", REQUIRED, ID_UUID, &kase->id, error)
      || !read_int (obj, path, "version", REQUIRED, 0, G_MAXINT64, &kase->version, NULL, error)
      || !read_id (obj, path, "order_id", REQUIRED, ID_ANY, &kase->order_id, error)
      || !read_string (obj, path, "order_number", REQUIRED | NON_EMPTY, &kase->order_number, error)
      || !member (obj, path, "item", REQUIRED, &item_node, error))
    return NULL;
  {
    g_autofree char *item_path = join_path (path, "item");

    kase->item = order_item_from (item_node, item_path, error);
    if (kase->item == NULL)
      return NULL;
  }
  if (!read_party (obj, path, "buyer", &kase->buyer, error)
      || !read_party (obj, path, "seller", &kase->seller, error)
      || !read_reason (obj, path, "reason", REQUIRED, &kase->reason, NULL, error)
      || !read_requested (obj, path, &kase->requested_type, &kase->requested_amount, error)
      || !read_string (obj, path, "description", REQUIRED, &kase->description, error)
      || !read_string (obj, path, "lang", REQUIRED | NON_EMPTY, &kase->lang, error)
      || !read_status (obj, path, "status", REQUIRED, &kase->status, NULL, error)
      || !read_turn (obj, path, "turn", REQUIRED, &kase->turn, NULL, error)
      || !read_time (obj, path, "respond_by", OPTIONAL, &kase->respond_by, error)
      || !read_resolution (obj, path, &kase->resolution, error)
      || !read_expiry (obj, path, "on_expiry", OPTIONAL, &kase->on_expiry, &has_expiry, error))
    return NULL;
  /* No deadline is null on the wire, never a word. */
  if (!has_expiry)
    kase->on_expiry = RD_EXPIRY_NONE;
  else if (kase->on_expiry == RD_EXPIRY_NONE)
    {
      fail_at (error, path, "on_expiry", _("not a known value"));
      return NULL;
    }

  if (!read_array (obj, path, "allowed_actions", REQUIRED, &actions, error))
    return NULL;
  actions_path = join_path (path, "allowed_actions");
  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      g_autofree char *action_path = index_path (actions_path, i);
      RdActionType type;
      const char *word;

      if (!node_string (json_array_get_element (actions, i), action_path, NULL, NON_EMPTY, &word, error))
        return NULL;
      if (!rd_action_type_from_string (word, &type))
        {
          fail_at (error, action_path, NULL, _("not a known value"));
          return NULL;
        }
      kase->allowed_actions |= 1u << type;
    }

  if (!read_time (obj, path, "created_at", REQUIRED, &kase->created_at, error)
      || !read_time (obj, path, "updated_at", REQUIRED, &kase->updated_at, error)
      || !read_objects (obj, path, "events", (ElementReader) event_from, kase->events, error)
      || !read_objects (obj, path, "offers", (ElementReader) offer_from, kase->offers, error)
      || !read_objects (obj, path, "evidence", (ElementReader) evidence_from, kase->evidence, error)
      || !read_rating (obj, path, &kase->rating, error))
    return NULL;
  return g_steal_pointer (&kase);
}

RdCase *
rd_codec_case_from_json (JsonNode *node,
                         GError  **error)
{
  return case_from (node, "", error);
}

JsonNode *
rd_codec_case_to_json (RdCase *kase)
{
  JsonObject *obj;
  JsonArray *actions, *events, *offers, *evidence;

  g_return_val_if_fail (RD_IS_CASE (kase), NULL);

  obj = json_object_new ();
  set_string (obj, "id", kase->id);
  json_object_set_int_member (obj, "version", kase->version);
  set_string (obj, "order_id", kase->order_id);
  set_string (obj, "order_number", kase->order_number);
  if (kase->item != NULL)
    json_object_set_member (obj, "item", rd_codec_order_item_to_json (kase->item));
  else
    json_object_set_null_member (obj, "item");
  set_party (obj, "buyer", kase->buyer);
  set_party (obj, "seller", kase->seller);
  set_string (obj, "reason", rd_reason_to_string (kase->reason));
  set_requested (obj, kase->requested_type, kase->requested_amount);
  set_string (obj, "description", kase->description);
  set_string (obj, "lang", kase->lang);
  set_string (obj, "status", rd_status_to_string (kase->status));
  set_string (obj, "turn", rd_turn_to_string (kase->turn));
  set_time (obj, "respond_by", kase->respond_by);

  if (kase->resolution != NULL)
    {
      JsonObject *res = json_object_new ();

      set_string (res, "outcome", rd_resolution_outcome_to_string (kase->resolution->outcome));
      if (kase->resolution->amount != NULL)
        set_money (res, "amount", kase->resolution->amount);
      set_string (res, "by", rd_resolution_by_to_string (kase->resolution->by));
      set_time (res, "at", kase->resolution->at);
      json_object_set_object_member (obj, "resolution", res);
    }
  else
    json_object_set_null_member (obj, "resolution");

  set_string (obj, "on_expiry", kase->on_expiry == RD_EXPIRY_NONE ? NULL : rd_expiry_to_string (kase->on_expiry));

  actions = json_array_new ();
  for (guint i = 0; i < RD_ACTION_TYPE_N_VALUES; i++)
    if (kase->allowed_actions & (1u << i))
      json_array_add_string_element (actions, rd_action_type_to_string ((RdActionType) i));
  json_object_set_array_member (obj, "allowed_actions", actions);

  set_time (obj, "created_at", kase->created_at);
  set_time (obj, "updated_at", kase->updated_at);

  events = json_array_new ();
  for (guint i = 0; i < kase->events->len; i++)
    json_array_add_element (events, rd_codec_event_to_json (g_ptr_array_index (kase->events, i)));
  json_object_set_array_member (obj, "events", events);
  offers = json_array_new ();
  for (guint i = 0; i < kase->offers->len; i++)
    json_array_add_element (offers, rd_codec_offer_to_json (g_ptr_array_index (kase->offers, i)));
  json_object_set_array_member (obj, "offers", offers);
  evidence = json_array_new ();
  for (guint i = 0; i < kase->evidence->len; i++)
    json_array_add_element (evidence, rd_codec_evidence_to_json (g_ptr_array_index (kase->evidence, i)));
  json_object_set_array_member (obj, "evidence", evidence);

  if (kase->rating != NULL)
    {
      JsonObject *rating = json_object_new ();

      json_object_set_int_member (rating, "stars", kase->rating->stars);
      set_optional_string (rating, "comment", kase->rating->comment);
      json_object_set_object_member (obj, "rating", rating);
    }
  else
    json_object_set_null_member (obj, "rating");
  return object_node (obj);
}

/* --- Actions -------------------------------------------------------------------- */

static gboolean
read_positive_money (JsonObject  *obj,
                     const char  *path,
                     const char  *name,
                     RdMoney    **out,
                     GError     **error)
{
  if (!read_money (obj, path, name, REQUIRED, out, error))
    return FALSE;
  if ((*out)->amount <= 0)
    return fail_at (error, path, name, _("not more than zero"));
  return TRUE;
}

static RdAction *
action_from (JsonNode   *node,
             const char *path,
             GError    **error)
{
  g_autoptr (RdAction) action = rd_action_new ();
  JsonObject *obj;

  if (!expect_object (node, path, &obj, error)
      || !read_id (obj, path, "id", REQUIRED, ID_UUID, &action->id, error)
      || !read_action_type (obj, path, "type", REQUIRED, &action->type, NULL, error))
    return NULL;

  switch (action->type)
    {
    case RD_ACTION_TYPE_MESSAGE:
      if (!read_string (obj, path, "text", OPTIONAL, &action->text, error)
          || !read_template (obj, path, &action->template_id, &action->template_params, error)
          || !read_string (obj, path, "lang", REQUIRED | NON_EMPTY, &action->lang, error)
          || !read_ids (obj, path, "evidence_ids", OPTIONAL, ID_UUID, &action->evidence_ids, error))
        return NULL;
      if (action->text == NULL && action->template_id == NULL)
        {
          fail_at (error, path, "text", _("missing, and there is no template"));
          return NULL;
        }
      break;

    case RD_ACTION_TYPE_OFFER:
      {
        g_autofree char *offer_path = join_path (path, "offer");
        JsonObject *offer;
        JsonNode *offer_node;

        if (!member (obj, path, "offer", REQUIRED, &offer_node, error)
            || !expect_object (offer_node, offer_path, &offer, error)
            || !read_outcome (offer, offer_path, &action->offer_type, &action->offer_amount, error)
            || !read_string (offer, offer_path, "note", OPTIONAL, &action->offer_note, error))
          return NULL;
      }
      break;

    case RD_ACTION_TYPE_ACCEPT_OFFER:
      if (!read_id (obj, path, "offer_id", REQUIRED, ID_ANY, &action->offer_id, error))
        return NULL;
      break;

    case RD_ACTION_TYPE_REJECT_OFFER:
      if (!read_id (obj, path, "offer_id", REQUIRED, ID_ANY, &action->offer_id, error)
          || !read_string (obj, path, "reason", OPTIONAL, &action->reason, error))
        return NULL;
      break;

    case RD_ACTION_TYPE_ESCALATE:
      if (!read_string (obj, path, "reason", OPTIONAL, &action->reason, error))
        return NULL;
      break;

    case RD_ACTION_TYPE_SHIP_RETURN:
      if (!read_string (obj, path, "carrier", REQUIRED | NON_EMPTY, &action->carrier, error)
          || !read_string (obj, path, "tracking", REQUIRED | NON_EMPTY, &action->tracking, error))
        return NULL;
      break;

    case RD_ACTION_TYPE_RULE:
      if (!read_decision (obj, path, "decision", REQUIRED, &action->decision, NULL, error))
        return NULL;
      if (action->decision == RD_DECISION_SPLIT)
        {
          if (!read_positive_money (obj, path, "amount", &action->amount, error))
            return NULL;
        }
      else
        {
          JsonNode *amount;

          if (!member (obj, path, "amount", OPTIONAL, &amount, error))
            return NULL;
          if (amount != NULL)
            {
              fail_at (error, path, "amount", _("only allowed for a split decision"));
              return NULL;
            }
        }
      if (!read_string (obj, path, "note", REQUIRED, &action->note, error))
        return NULL;
      break;

    case RD_ACTION_TYPE_RATE:
      if (!read_uint (obj, path, "stars", 1, 5, &action->stars, error)
          || !read_string (obj, path, "comment", OPTIONAL, &action->comment, error))
        return NULL;
      break;

    case RD_ACTION_TYPE_ACCEPT_CLAIM:
    case RD_ACTION_TYPE_WITHDRAW:
    case RD_ACTION_TYPE_CONFIRM_RETURN:
    default:
      break;
    }
  return g_steal_pointer (&action);
}

RdAction *
rd_codec_action_from_json (JsonNode *node,
                           GError  **error)
{
  return action_from (node, "", error);
}

JsonNode *
rd_codec_action_to_json (RdAction *action)
{
  JsonObject *obj;

  g_return_val_if_fail (RD_IS_ACTION (action), NULL);

  obj = json_object_new ();
  set_string (obj, "id", action->id);
  set_string (obj, "type", rd_action_type_to_string (action->type));

  switch (action->type)
    {
    case RD_ACTION_TYPE_MESSAGE:
      set_optional_string (obj, "text", action->text);
      set_template (obj, action->template_id, action->template_params);
      set_string (obj, "lang", action->lang);
      if (action->evidence_ids != NULL)
        set_ids (obj, "evidence_ids", (const char * const *) action->evidence_ids);
      break;

    case RD_ACTION_TYPE_OFFER:
      {
        JsonObject *offer = json_object_new ();

        set_string (offer, "type", rd_outcome_type_to_string (action->offer_type));
        if (action->offer_amount != NULL)
          set_money (offer, "amount", action->offer_amount);
        set_optional_string (offer, "note", action->offer_note);
        json_object_set_object_member (obj, "offer", offer);
      }
      break;

    case RD_ACTION_TYPE_ACCEPT_OFFER:
      set_string (obj, "offer_id", action->offer_id);
      break;

    case RD_ACTION_TYPE_REJECT_OFFER:
      set_string (obj, "offer_id", action->offer_id);
      set_optional_string (obj, "reason", action->reason);
      break;

    case RD_ACTION_TYPE_ESCALATE:
      set_optional_string (obj, "reason", action->reason);
      break;

    case RD_ACTION_TYPE_SHIP_RETURN:
      set_string (obj, "carrier", action->carrier);
      set_string (obj, "tracking", action->tracking);
      break;

    case RD_ACTION_TYPE_RULE:
      set_string (obj, "decision", rd_decision_to_string (action->decision));
      if (action->amount != NULL)
        set_money (obj, "amount", action->amount);
      set_string (obj, "note", action->note);
      break;

    case RD_ACTION_TYPE_RATE:
      json_object_set_int_member (obj, "stars", action->stars);
      set_optional_string (obj, "comment", action->comment);
      break;

    case RD_ACTION_TYPE_ACCEPT_CLAIM:
    case RD_ACTION_TYPE_WITHDRAW:
    case RD_ACTION_TYPE_CONFIRM_RETURN:
    default:
      break;
    }
  return object_node (obj);
}

/* --- Case drafts, sessions, config ------------------------------------------ */

RdCaseDraft *
rd_codec_case_draft_from_json (JsonNode *node,
                               GError  **error)
{
  g_autoptr (RdCaseDraft) draft = rd_case_draft_new ();
  JsonObject *obj;

  if (!expect_object (node, "", &obj, error)
      || !read_id (obj, "", "order_id", REQUIRED, ID_ANY, &draft->order_id, error)
      || !read_string (obj, "", "item_sku", REQUIRED | NON_EMPTY, &draft->item_sku, error)
      || !read_reason (obj, "", "reason", REQUIRED, &draft->reason, NULL, error)
      || !read_requested (obj, "", &draft->requested_type, &draft->requested_amount, error)
      || !read_string (obj, "", "description", REQUIRED, &draft->description, error)
      || !read_string (obj, "", "lang", REQUIRED | NON_EMPTY, &draft->lang, error))
    return NULL;
  return g_steal_pointer (&draft);
}

JsonNode *
rd_codec_case_draft_to_json (const RdCaseDraft *draft)
{
  JsonObject *obj;

  g_return_val_if_fail (draft != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "order_id", draft->order_id);
  set_string (obj, "item_sku", draft->item_sku);
  set_string (obj, "reason", rd_reason_to_string (draft->reason));
  set_requested (obj, draft->requested_type, draft->requested_amount);
  set_string (obj, "description", draft->description);
  set_string (obj, "lang", draft->lang);
  return object_node (obj);
}

RdSessionInfo *
rd_codec_session_from_json (JsonNode *node,
                            GError  **error)
{
  g_autoptr (RdSessionInfo) session = g_new0 (RdSessionInfo, 1);
  JsonObject *obj;
  JsonNode *user;

  if (!expect_object (node, "", &obj, error)
      || !read_string (obj, "", "token", REQUIRED | NON_EMPTY, &session->token, error)
      || !read_time (obj, "", "expires_at", REQUIRED, &session->expires_at, error)
      || !member (obj, "", "user", REQUIRED, &user, error))
    return NULL;
  session->user = user_from (user, "user", error);
  if (session->user == NULL)
    return NULL;
  return g_steal_pointer (&session);
}

JsonNode *
rd_codec_session_to_json (const RdSessionInfo *session)
{
  JsonObject *obj;

  g_return_val_if_fail (session != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "token", session->token);
  set_time (obj, "expires_at", session->expires_at);
  if (session->user != NULL)
    json_object_set_member (obj, "user", rd_codec_user_to_json (session->user));
  else
    json_object_set_null_member (obj, "user");
  return object_node (obj);
}

RdConfig *
rd_codec_config_from_json (JsonNode *node,
                           GError  **error)
{
  g_autoptr (RdConfig) config = g_new0 (RdConfig, 1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonObject *obj, *evidence;
  JsonNode *evidence_node;
  JsonArray *types;

  if (!expect_object (node, "", &obj, error)
      || !member (obj, "", "evidence", REQUIRED, &evidence_node, error)
      || !expect_object (evidence_node, "evidence", &evidence, error)
      || !read_int (evidence, "evidence", "max_bytes", REQUIRED, 1, G_MAXINT64,
                    &config->evidence_max_bytes, NULL, error)
      || !read_array (evidence, "evidence", "types", REQUIRED, &types, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (types); i++)
    {
      g_autofree char *path = g_strdup_printf ("evidence.types[%u]", i);
      const char *type;

      if (!node_string (json_array_get_element (types, i), path, NULL, NON_EMPTY, &type, error))
        return NULL;
      g_strv_builder_add (builder, type);
    }
  config->evidence_types = g_strv_builder_end (builder);
  if (!read_uint (evidence, "evidence", "max_per_case", 0, G_MAXINT32, &config->evidence_max_per_case, error)
      || !read_uint (obj, "", "text_max_chars", 1, G_MAXINT32, &config->text_max_chars, error)
      || !read_uint (obj, "", "seller_response_business_days", 0, G_MAXINT32,
                     &config->seller_response_business_days, error)
      || !read_uint (obj, "", "buyer_response_days", 0, G_MAXINT32, &config->buyer_response_days, error))
    return NULL;
  return g_steal_pointer (&config);
}

JsonNode *
rd_codec_config_to_json (const RdConfig *config)
{
  JsonObject *obj, *evidence;

  g_return_val_if_fail (config != NULL, NULL);

  obj = json_object_new ();
  evidence = json_object_new ();
  json_object_set_int_member (evidence, "max_bytes", config->evidence_max_bytes);
  set_ids (evidence, "types", (const char * const *) config->evidence_types);
  json_object_set_int_member (evidence, "max_per_case", config->evidence_max_per_case);
  json_object_set_object_member (obj, "evidence", evidence);
  json_object_set_int_member (obj, "text_max_chars", config->text_max_chars);
  json_object_set_int_member (obj, "seller_response_business_days", config->seller_response_business_days);
  json_object_set_int_member (obj, "buyer_response_days", config->buyer_response_days);
  return object_node (obj);
}

/* --- Changes and problems ------------------------------------------------------ */

RdChanges *
rd_codec_changes_from_json (JsonNode *node,
                            GError  **error)
{
  g_autoptr (RdChanges) changes = rd_changes_new ();
  JsonObject *obj;

  if (!expect_object (node, "", &obj, error)
      || !read_string (obj, "", "cursor", REQUIRED | NON_EMPTY, &changes->cursor, error)
      || !read_bool (obj, "", "more", &changes->more, error)
      || !read_objects (obj, "", "orders", (ElementReader) order_from, changes->orders, error)
      || !read_objects (obj, "", "cases", (ElementReader) case_from, changes->cases, error)
      || !read_ids (obj, "", "removed", REQUIRED, ID_UUID, &changes->removed, error))
    return NULL;
  return g_steal_pointer (&changes);
}

JsonNode *
rd_codec_changes_to_json (const RdChanges *changes)
{
  JsonObject *obj;
  JsonArray *orders, *cases;

  g_return_val_if_fail (changes != NULL, NULL);

  obj = json_object_new ();
  set_string (obj, "cursor", changes->cursor);
  json_object_set_boolean_member (obj, "more", changes->more);
  orders = json_array_new ();
  for (guint i = 0; changes->orders != NULL && i < changes->orders->len; i++)
    json_array_add_element (orders, rd_codec_order_to_json (g_ptr_array_index (changes->orders, i)));
  json_object_set_array_member (obj, "orders", orders);
  cases = json_array_new ();
  for (guint i = 0; changes->cases != NULL && i < changes->cases->len; i++)
    json_array_add_element (cases, rd_codec_case_to_json (g_ptr_array_index (changes->cases, i)));
  json_object_set_array_member (obj, "cases", cases);
  set_ids (obj, "removed", (const char * const *) changes->removed);
  return object_node (obj);
}

RdProblem *
rd_codec_problem_from_json (JsonNode *node,
                            GError  **error)
{
  g_autoptr (RdProblem) problem = rd_problem_new (RD_ERROR_FAILED, NULL);
  JsonObject *obj;
  JsonNode *case_node;
  JsonArray *errors;
  const char *code;
  gint64 status = 0;

  if (!expect_object (node, "", &obj, error)
      || !read_word (obj, "", "code", REQUIRED | NON_EMPTY, &code, error))
    return NULL;
  /* A code from a newer platform is still a failure that we can show. */
  if (!rd_error_code_from_string (code, &problem->code))
    problem->code = RD_ERROR_FAILED;
  if (!read_string (obj, "", "type", OPTIONAL, &problem->type, error)
      || !read_string (obj, "", "title", OPTIONAL, &problem->title, error)
      || !read_int (obj, "", "status", OPTIONAL, 100, 599, &status, NULL, error)
      || !read_string (obj, "", "detail", OPTIONAL, &problem->detail, error)
      || !read_array (obj, "", "errors", OPTIONAL, &errors, error)
      || !member (obj, "", "case", OPTIONAL, &case_node, error))
    return NULL;
  problem->status = (guint) status;

  for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
    {
      g_autofree char *path = g_strdup_printf ("errors[%u]", i);
      JsonObject *entry;
      const char *field, *field_code;

      if (!expect_object (json_array_get_element (errors, i), path, &entry, error)
          || !read_word (entry, path, "field", REQUIRED, &field, error)
          || !read_word (entry, path, "code", REQUIRED | NON_EMPTY, &field_code, error))
        return NULL;
      rd_problem_add_field_error (problem, field, field_code);
    }

  if (case_node != NULL)
    {
      problem->current_case = case_from (case_node, "case", error);
      if (problem->current_case == NULL)
        return NULL;
    }
  return g_steal_pointer (&problem);
}

JsonNode *
rd_codec_problem_to_json (const RdProblem *problem)
{
  JsonObject *obj;
  const char *code;

  g_return_val_if_fail (problem != NULL, NULL);

  obj = json_object_new ();
  set_optional_string (obj, "type", problem->type);
  set_optional_string (obj, "title", problem->title);
  if (problem->status != 0)
    json_object_set_int_member (obj, "status", problem->status);
  set_optional_string (obj, "detail", problem->detail);
  code = rd_error_code_to_string (problem->code);
  /* The client's own codes have no wire word; any unknown word reads back
   * as RD_ERROR_FAILED. */
  json_object_set_string_member (obj, "code", code != NULL ? code : "failed");
  if (problem->errors != NULL && problem->errors->len > 0)
    {
      JsonArray *errors = json_array_new ();

      for (guint i = 0; i < problem->errors->len; i++)
        {
          RdFieldError *fe = g_ptr_array_index (problem->errors, i);
          JsonObject *entry = json_object_new ();

          set_string (entry, "field", fe->field);
          set_string (entry, "code", fe->code);
          json_array_add_object_element (errors, entry);
        }
      json_object_set_array_member (obj, "errors", errors);
    }
  if (problem->current_case != NULL)
    json_object_set_member (obj, "case", rd_codec_case_to_json (problem->current_case));
  return object_node (obj);
}
