/* rd-platform-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n-lib.h>

#include "rd-error.h"
#include "rd-platform-auth.h"

/* A yescrypt hash of a random text that no one knows, with the default cost:
 * checking a password against it costs what checking a real one does. */
#define TIMING_HASH "$y$j9T$uYkaCPG9arCM7c7eejiK//$MWUGmj/kfKVuHYdXNfFngMGauU68nocV7Q6c3wxWfq5"

/* Logins whose failures are remembered at once, at most: beyond, the stale
 * ones are dropped first, then the oldest. */
#define MAX_TRACKED_LOGINS 10000

struct _RdPlatformAuth
{
  /* login -> GArray of gint64 failure times (seconds), oldest first */
  GHashTable *failures;
};

static void
free_times (gpointer data)
{
  g_array_unref (data);
}

RdPlatformAuth *
rd_platform_auth_new (void)
{
  RdPlatformAuth *self = g_new0 (RdPlatformAuth, 1);

  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_times);
  return self;
}

void
rd_platform_auth_free (RdPlatformAuth *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->failures);
  g_free (self);
}

gboolean
rd_platform_auth_equal (const char *a,
                        const char *b)
{
  gsize la, lb;
  guchar diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;
  la = strlen (a);
  lb = strlen (b);
  if (la != lb)
    return FALSE;
  for (gsize i = 0; i < la; i++)
    diff |= (guchar) a[i] ^ (guchar) b[i];
  return diff == 0;
}

char *
rd_platform_auth_hash_password (const char  *password,
                                GError     **error)
{
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  struct crypt_data *data;
  char *result = NULL;
  const char *hash;

  g_return_val_if_fail (password != NULL, NULL);

  /* Cost 0 is libcrypt's default for yescrypt; the salt comes from its own
   * CSPRNG (getrandom). */
  if (crypt_gensalt_rn ("$y$", 0, NULL, 0, salt, sizeof salt) == NULL)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_FAILED,
                   _("Could not make a password salt: %s"), g_strerror (errno));
      return NULL;
    }

  /* struct crypt_data is large (32 KiB): not on the stack. */
  data = g_new0 (struct crypt_data, 1);
  hash = crypt_r (password, salt, data);
  if (hash == NULL || hash[0] == '*')
    g_set_error (error, RD_ERROR, RD_ERROR_FAILED,
                 _("Could not hash a password: %s"), g_strerror (errno));
  else
    result = g_strdup (hash);
  explicit_bzero (data, sizeof *data);
  g_free (data);
  return result;
}

gboolean
rd_platform_auth_verify_password (const char *password,
                                  const char *hash)
{
  struct crypt_data *data;
  const char *computed;
  gboolean ok;

  if (password == NULL)
    return FALSE;

  data = g_new0 (struct crypt_data, 1);
  computed = crypt_r (password, hash != NULL ? hash : TIMING_HASH, data);
  ok = hash != NULL && computed != NULL && computed[0] != '*'
       && rd_platform_auth_equal (computed, hash);
  explicit_bzero (data, sizeof *data);
  g_free (data);
  return ok;
}

gboolean
rd_platform_auth_new_token (char   **token,
                            char   **token_hash,
                            GError **error)
{
  guchar raw[32];
  gsize filled = 0;
  g_autofree char *b64 = NULL;

  while (filled < sizeof raw)
    {
      ssize_t n = getrandom (raw + filled, sizeof raw - filled, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_set_error (error, RD_ERROR, RD_ERROR_FAILED,
                       _("No random numbers for a token: %s"), g_strerror (errno));
          return FALSE;
        }
      filled += (gsize) n;
    }

  /* base64url without padding (RFC 4648 §5): safe in a header as it is. */
  b64 = g_base64_encode (raw, sizeof raw);
  explicit_bzero (raw, sizeof raw);
  for (char *p = b64; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }

  *token_hash = rd_platform_auth_hash_token (b64);
  *token = g_steal_pointer (&b64);
  return TRUE;
}

char *
rd_platform_auth_hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/* Drops the failures of @times that are out of the window at @now. */
static void
prune (GArray *times,
       gint64  now)
{
  guint keep_from = 0;

  while (keep_from < times->len
         && g_array_index (times, gint64, keep_from) <= now - RD_PLATFORM_LOGIN_WINDOW_SECONDS)
    keep_from++;
  if (keep_from > 0)
    g_array_remove_range (times, 0, keep_from);
}

gboolean
rd_platform_auth_may_try (RdPlatformAuth *self,
                          const char     *login,
                          gint64          now,
                          guint          *retry_after)
{
  GArray *times = g_hash_table_lookup (self->failures, login);
  gint64 wait;

  if (times == NULL)
    return TRUE;
  prune (times, now);
  if (times->len < RD_PLATFORM_LOGIN_MAX_FAILURES)
    return TRUE;

  /* The oldest failure that counts must leave the window first. */
  wait = g_array_index (times, gint64, times->len - RD_PLATFORM_LOGIN_MAX_FAILURES)
         + RD_PLATFORM_LOGIN_WINDOW_SECONDS - now;
  if (retry_after != NULL)
    *retry_after = (guint) CLAMP (wait, 1, RD_PLATFORM_LOGIN_WINDOW_SECONDS);
  return FALSE;
}

static void
forget_stale (RdPlatformAuth *self,
              gint64          now)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->failures);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      prune (value, now);
      if (((GArray *) value)->len == 0)
        g_hash_table_iter_remove (&iter);
    }
}

void
rd_platform_auth_record_failure (RdPlatformAuth *self,
                                 const char     *login,
                                 gint64          now)
{
  GArray *times = g_hash_table_lookup (self->failures, login);

  if (times == NULL)
    {
      /* Bounded memory whatever logins an attacker makes up. */
      if (g_hash_table_size (self->failures) >= MAX_TRACKED_LOGINS)
        forget_stale (self, now);
      if (g_hash_table_size (self->failures) >= MAX_TRACKED_LOGINS)
        g_hash_table_remove_all (self->failures);
      times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->failures, g_strdup (login), times);
    }
  prune (times, now);
  g_array_append_val (times, now);
  /* Only the last few matter. */
  if (times->len > RD_PLATFORM_LOGIN_MAX_FAILURES)
    g_array_remove_range (times, 0, times->len - RD_PLATFORM_LOGIN_MAX_FAILURES);
}

void
rd_platform_auth_clear_failures (RdPlatformAuth *self,
                                 const char     *login)
{
  g_hash_table_remove (self->failures, login);
}
