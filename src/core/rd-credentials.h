/* rd-credentials.h — the session token in the Secret Service
 *
 * The token is kept by libsecret under the schema
 * "io.github.redress.Redress.Token" with the attributes `platform` (the
 * platform's base URL) and `login`.  It is never written to SQLite, settings
 * or a log.  Where no Secret Service answers, every call fails with
 * RD_ERROR_NO_SECRET_SERVICE, whose message tells the user that they will
 * have to log in each time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RD_TYPE_CREDENTIALS (rd_credentials_get_type ())

G_DECLARE_FINAL_TYPE (RdCredentials, rd_credentials, RD, CREDENTIALS, GObject)

#define RD_CREDENTIALS_SCHEMA_NAME "io.github.redress.Redress.Token"

RdCredentials *rd_credentials_new            (void);

/* Replaces any token kept for @platform_url and @login. */
void           rd_credentials_store_async    (RdCredentials       *self,
                                              const char          *platform_url,
                                              const char          *login,
                                              const char          *token,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       rd_credentials_store_finish   (RdCredentials       *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The token kept for @platform_url and @login; @login NULL takes whichever
 * login has one (the one used last, at start-up). */
void           rd_credentials_lookup_async   (RdCredentials       *self,
                                              const char          *platform_url,
                                              const char          *login,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* The token, or NULL without an error when none is kept.  *@login_out
 * (optional) is the login it belongs to. */
char          *rd_credentials_lookup_finish  (RdCredentials       *self,
                                              GAsyncResult        *result,
                                              char               **login_out,
                                              GError             **error);

/* Forgets the token(s) for @platform_url and @login (NULL: every login).
 * Succeeds also when nothing was kept. */
void           rd_credentials_clear_async    (RdCredentials       *self,
                                              const char          *platform_url,
                                              const char          *login,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       rd_credentials_clear_finish   (RdCredentials       *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
