/* rd-test-util.h — the real platform on loopback, temporary folders, and
 * waiting for async results in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rd-api.h"
#include "rd-api-types.h"
#include "rd-case.h"
#include "rd-store.h"
#include "rd-sync.h"

G_BEGIN_DECLS

typedef struct _RdTestPlatform RdTestPlatform;

/* The platform binary: $REDRESS_PLATFORM, or the one of this build. */
const char     *rd_test_platform_binary    (void);

/* Starts redress-platform on a free loopback port with @db_path (NULL for
 * ":memory:") and the further arguments @args (e.g. "--demo",
 * "--test-clock"; NULL-terminated, may be NULL), and waits for its
 * "listening on" line.  Fails the test if it does not start. */
RdTestPlatform *rd_test_platform_start     (const char         *db_path,
                                            const char * const *args);
/* "http://127.0.0.1:PORT/" */
const char     *rd_test_platform_get_url   (RdTestPlatform     *platform);
guint16         rd_test_platform_get_port  (RdTestPlatform     *platform);
GPid            rd_test_platform_get_pid   (RdTestPlatform     *platform);
/* Stops it (SIGTERM, then SIGKILL) and frees it. */
void            rd_test_platform_stop      (RdTestPlatform     *platform);

/* A new empty folder under the system's temporary folder. */
char           *rd_test_make_tmpdir        (const char         *name);
/* Removes a folder and everything in it. */
void            rd_test_remove_tree        (const char         *path);

/* A GAsyncReadyCallback that stores a reference to the result in
 * *(GAsyncResult **) user_data. */
void            rd_test_store_result       (GObject            *source,
                                            GAsyncResult       *result,
                                            gpointer            user_data);
/* Iterates the main context until *@result is set (fails after
 * @timeout_seconds), and hands it over. */
GAsyncResult   *rd_test_wait_result        (GAsyncResult      **result,
                                            guint               timeout_seconds);
/* Iterates the main context until @condition returns TRUE; FALSE after
 * @timeout_ms. */
gboolean        rd_test_wait_until         (gboolean          (*condition) (gpointer data),
                                            gpointer            data,
                                            guint               timeout_ms);
/* Iterates the main context for @ms milliseconds. */
void            rd_test_run_for            (guint               ms);

/* Blocking conveniences over RdApi for test set-up and checks. */
RdApi          *rd_test_login              (const char         *url,
                                            const char         *login,
                                            const char         *password,
                                            GError            **error);
RdCase         *rd_test_get_case           (RdApi              *api,
                                            const char         *case_id,
                                            GError            **error);
/* Every case that @api's user sees, by following /changes from the start;
 * case id -> RdCase.  @orders (optional) receives order id -> RdOrder. */
GHashTable     *rd_test_all_cases          (RdApi              *api,
                                            GHashTable        **orders,
                                            GError            **error);
/* Drafts (element-type RdCaseDraft) for the order items of @api's user
 * that have no open case and a reason whose filing window is open now, one
 * per item, in a stable order. */
GPtrArray      *rd_test_fileable_drafts    (RdApi              *api);

/* One user's client: a store, an API client and a sync engine. */
typedef struct
{
  char    *login;
  RdApi   *direct;  /* straight to the platform, for checks */
  RdApi   *api;     /* what the engine uses (maybe through a proxy) */
  RdStore *store;
  RdSync  *sync;
} RdTestClient;

/* The login of a user id: demo accounts are "u-LOGIN", generated buyers
 * their own login. */
char           *rd_test_login_of           (const char         *user_id);
/* Logs @login in at @platform_url; the engine talks to @engine_url (the
 * platform or a proxy in front of it); the store is a new file in @dir.
 * The engine does not follow the network monitor. */
RdTestClient   *rd_test_client_new         (const char         *platform_url,
                                            const char         *engine_url,
                                            const char         *login,
                                            const char         *dir);
void            rd_test_client_free        (RdTestClient       *client);
/* One full sync. */
gboolean        rd_test_client_sync        (RdTestClient       *client,
                                            GError            **error);
/* One full sync that must succeed and leave the engine idle. */
void            rd_test_client_sync_ok     (RdTestClient       *client);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTestClient, rd_test_client_free)

/* Calls an _async function and waits for its result:
 *   g_autoptr (GAsyncResult) r = RD_TEST_AWAIT (rd_api_me_async (api, NULL, RD_TEST_CB));
 */
#define RD_TEST_CB rd_test_store_result, &rd_test_pending__
#define RD_TEST_AWAIT(call) \
  ({ GAsyncResult *rd_test_pending__ = NULL; call; rd_test_wait_result (&rd_test_pending__, 120); })

G_END_DECLS
