/* rd-platform-auth.h — passwords, tokens and the log-in rate limit
 *
 * Passwords are kept only as yescrypt hashes (libcrypt, `$y$`); tokens are
 * 256 random bits from getrandom (), handed out once in base64url and kept
 * only as their SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A session lasts this long. */
#define RD_PLATFORM_TOKEN_LIFETIME_SECONDS (30 * 24 * 3600)
/* API.md: after 5 failed logins for one login within a minute, 429. */
#define RD_PLATFORM_LOGIN_MAX_FAILURES 5
#define RD_PLATFORM_LOGIN_WINDOW_SECONDS 60

typedef struct _RdPlatformAuth RdPlatformAuth;

RdPlatformAuth *rd_platform_auth_new   (void);
void            rd_platform_auth_free  (RdPlatformAuth *self);

/* A new yescrypt hash of @password with a fresh salt. */
char           *rd_platform_auth_hash_password   (const char *password,
                                                  GError    **error);
/* Whether @password matches @hash.  With a NULL @hash (no such login) the
 * same work is done against a hash that matches nothing, so that the time
 * of the answer does not tell whether a login exists. */
gboolean        rd_platform_auth_verify_password (const char *password,
                                                  const char *hash);

/* A new token (base64url of 32 random bytes) and its stored form. */
gboolean        rd_platform_auth_new_token  (char      **token,
                                             char      **token_hash,
                                             GError    **error);
/* The stored form of a token: SHA-256 in lower-case hex. */
char           *rd_platform_auth_hash_token (const char *token);

/* FALSE (and the seconds until the next attempt may succeed) while @login
 * has had RD_PLATFORM_LOGIN_MAX_FAILURES failures in the last window. */
gboolean        rd_platform_auth_may_try       (RdPlatformAuth *self,
                                                const char     *login,
                                                gint64          now,
                                                guint          *retry_after);
void            rd_platform_auth_record_failure (RdPlatformAuth *self,
                                                 const char     *login,
                                                 gint64          now);
void            rd_platform_auth_clear_failures (RdPlatformAuth *self,
                                                 const char     *login);

/* Compares two strings in time that depends on their lengths only. */
gboolean        rd_platform_auth_equal (const char *a,
                                        const char *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPlatformAuth, rd_platform_auth_free)

G_END_DECLS
