/* rd-sync.c — the outbox that the UI writes to, and the engine that sends it
 *
 * One run at a time: user, config, push, pull.  Each step is an async call
 * whose callback decides the next step; every write goes through the store
 * in its own transaction, so that killing the process between any two steps
 * leaves a store from which the next run resumes.
 *
 * Re-basing: the user queues actions against the case as they saw it, which
 * includes their own earlier pending actions.  When an entry succeeds and the
 * platform's new version is exactly one more than the version the entry was
 * based on (nobody else acted in between), the later entries of that case
 * based on the same version are re-based on the new one (in the store, before
 * the entry is removed, so a crash in between only repeats a replay).  In
 * any other case they keep their base and meet a 412 if the case moved: the
 * user sees the conflict instead of an action applied to a state they never
 * saw.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rd-codec.h"
#include "rd-error.h"
#include "rd-sync.h"

/* --- The state enum ------------------------------------------------------- */

G_DEFINE_ENUM_TYPE (RdSyncState, rd_sync_state,
                    G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_NEEDS_LOGIN, "needs-login"))

const char *
rd_sync_state_label (RdSyncState state)
{
  switch (state)
    {
    case RD_SYNC_STATE_OFFLINE:
      /* Translators: the sync status: the platform cannot be reached */
      return C_("sync state", "Offline");
    case RD_SYNC_STATE_IDLE:
      return C_("sync state", "Up to date");
    case RD_SYNC_STATE_SYNCING:
      return C_("sync state", "Syncing…");
    case RD_SYNC_STATE_ERROR:
      return C_("sync state", "Sync failed");
    case RD_SYNC_STATE_NEEDS_LOGIN:
      return C_("sync state", "Log in again to sync");
    default:
      return "";
    }
}

/* --- The object ------------------------------------------------------------- */

typedef enum
{
  PHASE_USER,
  PHASE_CONFIG,
  PHASE_PUSH,
  PHASE_PULL,
} Phase;

typedef struct _Run Run;

struct _RdSync
{
  GObject          parent_instance;

  RdApi           *api;
  RdStore         *store;
  RdEvidenceCache *cache;
  RdConfig        *config;
  gboolean         config_fetched;
  char            *evidence_dir;

  RdSyncState      state;
  char            *last_error;
  guint            pending_count;
  guint            interval;
  guint            page_size;
  gboolean         follow_network;

  guint            backoff_base_ms;
  guint            backoff_cap_ms;
  guint            failures;        /* in a row, for the backoff */
  guint            retry_delay_ms;
  gint64           not_before;      /* monotonic: Retry-After */

  gboolean         started;
  guint            request_source;
  guint            retry_source;
  guint            periodic_source;
  GNetworkMonitor *monitor;
  gulong           monitor_handler;
  gulong           outbox_handler;

  Run             *run;
  GPtrArray       *next_tasks;      /* run_async callers for the next run */
  gboolean         again;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (RdSync, rd_sync, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_LAST_ERROR,
  PROP_PENDING_COUNT,
  PROP_INTERVAL,
  PROP_PAGE_SIZE,
  PROP_FOLLOW_NETWORK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_PROGRESS,
  SIGNAL_CASES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _Run
{
  RdSync        *self;        /* a reference: a run ends before its engine */
  GPtrArray     *tasks;       /* element-type GTask */
  Phase          phase;
  GHashTable    *blocked;     /* case ids with an entry waiting for the user */
  GHashTable    *attempted;   /* outbox ids sent in this run */
  RdOutboxEntry *entry;       /* the entry on its way */
  char          *evidence_sha256;  /* of the entry's upload, once done */
  guint          pages;
  guint          objects;
  gboolean       reset_done;
};

static void run_step     (Run          *run);
static void start_run    (RdSync       *self,
                          GPtrArray    *tasks);
static void update_pending_count (RdSync *self);

static void
run_free (Run *run)
{
  g_clear_pointer (&run->tasks, g_ptr_array_unref);
  g_clear_pointer (&run->blocked, g_hash_table_unref);
  g_clear_pointer (&run->attempted, g_hash_table_unref);
  g_clear_pointer (&run->entry, rd_outbox_entry_free);
  g_free (run->evidence_sha256);
  g_clear_object (&run->self);
  g_free (run);
}

/* --- Properties --------------------------------------------------------------- */

static void
set_state (RdSync      *self,
           RdSyncState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_last_error (RdSync     *self,
                const char *text)
{
  if (g_strcmp0 (self->last_error, text) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
update_pending_count (RdSync *self)
{
  g_autoptr (GPtrArray) entries = rd_store_outbox_list (self->store, NULL, NULL);
  guint count = 0;

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      RdOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (entry->state == RD_OUTBOX_PENDING)
        count++;
    }
  if (count == self->pending_count)
    return;
  self->pending_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_COUNT]);
}

static void
on_outbox_changed (RdStore *store,
                   RdSync  *self)
{
  update_pending_count (self);
}

RdSyncState
rd_sync_get_state (RdSync *self)
{
  g_return_val_if_fail (RD_IS_SYNC (self), RD_SYNC_STATE_OFFLINE);
  return self->state;
}

const char *
rd_sync_get_last_error (RdSync *self)
{
  g_return_val_if_fail (RD_IS_SYNC (self), NULL);
  return self->last_error;
}

guint
rd_sync_get_pending_count (RdSync *self)
{
  g_return_val_if_fail (RD_IS_SYNC (self), 0);
  return self->pending_count;
}

guint
rd_sync_get_interval (RdSync *self)
{
  g_return_val_if_fail (RD_IS_SYNC (self), 0);
  return self->interval;
}

static gboolean on_periodic (gpointer user_data);

static void
restart_periodic (RdSync *self)
{
  g_clear_handle_id (&self->periodic_source, g_source_remove);
  if (self->started && self->interval > 0)
    self->periodic_source = g_timeout_add_seconds (self->interval, on_periodic, self);
}

void
rd_sync_set_interval (RdSync *self,
                      guint   seconds)
{
  g_return_if_fail (RD_IS_SYNC (self));

  if (self->interval == seconds)
    return;
  self->interval = seconds;
  restart_periodic (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
rd_sync_get_page_size (RdSync *self)
{
  g_return_val_if_fail (RD_IS_SYNC (self), 0);
  return self->page_size;
}

void
rd_sync_set_page_size (RdSync *self,
                       guint   page_size)
{
  g_return_if_fail (RD_IS_SYNC (self));

  page_size = CLAMP (page_size, 1, 500);
  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

gboolean
rd_sync_get_follow_network (RdSync *self)
{
  g_return_val_if_fail (RD_IS_SYNC (self), FALSE);
  return self->follow_network;
}

static void follow_network (RdSync *self, gboolean follow);

void
rd_sync_set_follow_network (RdSync   *self,
                            gboolean  follow)
{
  g_return_if_fail (RD_IS_SYNC (self));

  follow = !!follow;
  if (self->follow_network == follow)
    return;
  self->follow_network = follow;
  follow_network (self, self->started && follow);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_NETWORK]);
}

void
rd_sync_set_backoff (RdSync *self,
                     guint   base_ms,
                     guint   cap_ms)
{
  g_return_if_fail (RD_IS_SYNC (self));

  self->backoff_base_ms = MAX (base_ms, 1);
  self->backoff_cap_ms = MAX (cap_ms, self->backoff_base_ms);
}

guint
rd_sync_get_retry_delay (RdSync *self)
{
  g_return_val_if_fail (RD_IS_SYNC (self), 0);
  return self->retry_delay_ms;
}

const RdConfig *
rd_sync_get_config (RdSync *self)
{
  g_return_val_if_fail (RD_IS_SYNC (self), NULL);
  return self->config;
}

void
rd_sync_set_config (RdSync   *self,
                    RdConfig *config)
{
  g_return_if_fail (RD_IS_SYNC (self));
  g_return_if_fail (config != NULL);

  rd_config_free (self->config);
  self->config = config;
}

char *
rd_sync_default_evidence_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "redress", "evidence", NULL);
}

const char *
rd_sync_get_evidence_dir (RdSync *self)
{
  g_return_val_if_fail (RD_IS_SYNC (self), NULL);
  return self->evidence_dir;
}

void
rd_sync_set_evidence_dir (RdSync     *self,
                          const char *dir)
{
  g_return_if_fail (RD_IS_SYNC (self));

  g_free (self->evidence_dir);
  self->evidence_dir = dir != NULL ? g_strdup (dir) : rd_sync_default_evidence_dir ();
}

void
rd_sync_set_evidence_cache (RdSync          *self,
                            RdEvidenceCache *cache)
{
  g_return_if_fail (RD_IS_SYNC (self));
  g_set_object (&self->cache, cache);
}

RdApi *
rd_sync_get_api (RdSync *self)
{
  g_return_val_if_fail (RD_IS_SYNC (self), NULL);
  return self->api;
}

RdStore *
rd_sync_get_store (RdSync *self)
{
  g_return_val_if_fail (RD_IS_SYNC (self), NULL);
  return self->store;
}

/* --- GObject -------------------------------------------------------------------- */

static void
rd_sync_dispose (GObject *object)
{
  RdSync *self = (RdSync *) object;

  rd_sync_stop (self);
  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->outbox_handler, self->store);
  g_clear_object (&self->api);
  g_clear_object (&self->store);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (rd_sync_parent_class)->dispose (object);
}

static void
rd_sync_finalize (GObject *object)
{
  RdSync *self = (RdSync *) object;

  g_clear_pointer (&self->config, rd_config_free);
  g_clear_pointer (&self->next_tasks, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->evidence_dir);
  g_free (self->last_error);

  G_OBJECT_CLASS (rd_sync_parent_class)->finalize (object);
}

static void
rd_sync_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RdSync *self = RD_SYNC (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_PENDING_COUNT:
      g_value_set_uint (value, self->pending_count);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_FOLLOW_NETWORK:
      g_value_set_boolean (value, self->follow_network);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_sync_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  RdSync *self = RD_SYNC (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      rd_sync_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_PAGE_SIZE:
      rd_sync_set_page_size (self, g_value_get_uint (value));
      break;
    case PROP_FOLLOW_NETWORK:
      rd_sync_set_follow_network (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_sync_class_init (RdSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_sync_dispose;
  object_class->finalize = rd_sync_finalize;
  object_class->get_property = rd_sync_get_property;
  object_class->set_property = rd_sync_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, RD_TYPE_SYNC_STATE, RD_SYNC_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PENDING_COUNT] =
    g_param_spec_uint ("pending-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT, RD_SYNC_DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, 500, RD_SYNC_DEFAULT_PAGE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FOLLOW_NETWORK] =
    g_param_spec_boolean ("follow-network", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RdSync::progress:
   * @pages: pages of /changes stored so far in this sync
   * @objects: orders, cases and removals in them
   */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * RdSync::cases-changed:
   * @ids: the cases that one page (or one sent action) changed or removed
   *
   * Once per page, for views that would rather not react to each case.
   */
  signals[SIGNAL_CASES_CHANGED] =
    g_signal_new ("cases-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
rd_sync_init (RdSync *self)
{
  self->config = rd_config_new_default ();
  self->evidence_dir = rd_sync_default_evidence_dir ();
  self->state = RD_SYNC_STATE_IDLE;
  self->interval = RD_SYNC_DEFAULT_INTERVAL;
  self->page_size = RD_SYNC_DEFAULT_PAGE_SIZE;
  self->follow_network = TRUE;
  self->backoff_base_ms = RD_SYNC_BACKOFF_BASE_MS;
  self->backoff_cap_ms = RD_SYNC_BACKOFF_CAP_MS;
  self->next_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

RdSync *
rd_sync_new (RdApi   *api,
             RdStore *store)
{
  RdSync *self;

  g_return_val_if_fail (RD_IS_API (api), NULL);
  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_SYNC, NULL);
  self->api = g_object_ref (api);
  self->store = g_object_ref (store);
  self->outbox_handler = g_signal_connect (store, "outbox-changed",
                                           G_CALLBACK (on_outbox_changed), self);
  update_pending_count (self);
  return self;
}

/* --- Checks before queueing ------------------------------------------------------ */

static gboolean
check_text (RdSync      *self,
            const char  *text,
            GError     **error)
{
  guint max = self->config->text_max_chars;

  if (text == NULL || max == 0 || g_utf8_strlen (text, -1) <= (glong) max)
    return TRUE;
  g_set_error (error, RD_ERROR, RD_ERROR_TOO_LARGE,
               g_dngettext (GETTEXT_PACKAGE,
                            "The text is too long: at most %u character is allowed.",
                            "The text is too long: at most %u characters are allowed.", max),
               max);
  return FALSE;
}

static gboolean
case_filing_is_queued (RdSync     *self,
                       const char *case_id)
{
  g_autoptr (RdOutboxEntry) entry = rd_store_outbox_get (self->store, case_id);

  return entry != NULL && entry->kind == RD_OUTBOX_KIND_CASE;
}

/* The version a new entry of @case_id is based on: the stored case's, or 0
 * for a case whose filing is still in the outbox. */
static gboolean
base_version_of (RdSync      *self,
                 const char  *case_id,
                 gint64      *version,
                 RdCase     **kase_out,
                 GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (RdCase) kase = rd_store_get_case (self->store, case_id, &local_error);

  if (kase != NULL)
    {
      *version = kase->version;
      if (kase_out != NULL)
        *kase_out = g_steal_pointer (&kase);
      return TRUE;
    }
  if (g_error_matches (local_error, RD_ERROR, RD_ERROR_NOT_FOUND)
      && case_filing_is_queued (self, case_id))
    {
      *version = 0;
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
maybe_request (RdSync *self)
{
  if (self->started)
    rd_sync_request (self);
}

/* --- The outbox API ---------------------------------------------------------------- */

char *
rd_sync_file_case (RdSync             *self,
                   const RdCaseDraft  *draft,
                   GError            **error)
{
  g_autoptr (RdOutboxEntry) entry = NULL;
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (RD_IS_SYNC (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (draft->order_id == NULL || draft->item_sku == NULL)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_VALIDATION_FAILED,
                           _("Choose the order and the item that the problem is about."));
      return NULL;
    }
  if (!check_text (self, draft->description, error))
    return NULL;

  entry = rd_outbox_entry_new ();
  entry->id = g_uuid_string_random ();
  entry->kind = RD_OUTBOX_KIND_CASE;
  entry->case_id = g_strdup (entry->id);
  node = rd_codec_case_draft_to_json (draft);
  entry->body = rd_codec_to_string (node, NULL);
  entry->base_version = 0;
  if (!rd_store_outbox_append (self->store, entry, error))
    return NULL;

  maybe_request (self);
  return g_strdup (entry->id);
}

char *
rd_sync_queue_action (RdSync      *self,
                      const char  *case_id,
                      RdAction    *action,
                      GError     **error)
{
  g_autoptr (RdOutboxEntry) entry = NULL;
  g_autoptr (JsonNode) node = NULL;
  gint64 base = 0;

  g_return_val_if_fail (RD_IS_SYNC (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (RD_IS_ACTION (action), NULL);

  if (!check_text (self, action->text, error)
      || !check_text (self, action->offer_note, error)
      || !check_text (self, action->reason, error)
      || !check_text (self, action->note, error)
      || !check_text (self, action->comment, error))
    return NULL;
  if (!base_version_of (self, case_id, &base, NULL, error))
    return NULL;

  if (action->id == NULL)
    action->id = g_uuid_string_random ();

  entry = rd_outbox_entry_new ();
  entry->id = g_strdup (action->id);
  entry->kind = RD_OUTBOX_KIND_ACTION;
  entry->case_id = g_strdup (case_id);
  node = rd_codec_action_to_json (action);
  entry->body = rd_codec_to_string (node, NULL);
  entry->base_version = base;
  if (!rd_store_outbox_append (self->store, entry, error))
    return NULL;

  maybe_request (self);
  return g_strdup (entry->id);
}

/* Size and type of a local file, against the limits. */
static gboolean
check_evidence_file (RdSync      *self,
                     GFile       *file,
                     const char  *display_name,
                     const char **mime_out,
                     GError     **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) local_error = NULL;
  guint8 head[8] = { 0 };
  gsize n_read = 0;
  goffset size;
  const char *mime;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_FAILED,
                   /* Translators: %s is a file name */
                   _("“%s” could not be read."), display_name);
      return FALSE;
    }

  size = g_file_info_get_size (info);
  if (size > self->config->evidence_max_bytes)
    {
      g_autofree char *has = g_format_size ((guint64) size);
      g_autofree char *max = g_format_size ((guint64) self->config->evidence_max_bytes);

      g_set_error (error, RD_ERROR, RD_ERROR_TOO_LARGE,
                   /* Translators: “photo.jpg” is 12.3 MB; files can be at most 10.5 MB. */
                   _("“%s” is %s; files can be at most %s."), display_name, has, max);
      return FALSE;
    }

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n_read, NULL,
                                   &local_error))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_FAILED, _("“%s” could not be read."), display_name);
      return FALSE;
    }

  mime = rd_evidence_sniff_mime (head, n_read);
  if (mime == NULL || self->config->evidence_types == NULL
      || !g_strv_contains ((const char * const *) self->config->evidence_types, mime))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_UNSUPPORTED_MEDIA_TYPE,
                   /* Translators: %s is a file name */
                   _("“%s” is not a photo (JPEG or PNG) or a PDF document, so it cannot be "
                     "attached."),
                   display_name);
      return FALSE;
    }
  *mime_out = mime;
  return TRUE;
}

static guint
evidence_count (RdSync     *self,
                RdCase     *kase,
                const char *case_id)
{
  g_autoptr (GPtrArray) entries = rd_store_outbox_list (self->store, case_id, NULL);
  guint count = kase != NULL && kase->evidence != NULL ? kase->evidence->len : 0;

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      RdOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (entry->kind == RD_OUTBOX_KIND_EVIDENCE)
        count++;
    }
  return count;
}

char *
rd_sync_attach_evidence (RdSync      *self,
                         const char  *case_id,
                         GFile       *file,
                         GError     **error)
{
  g_autoptr (RdOutboxEntry) entry = NULL;
  g_autoptr (RdCase) kase = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *part_path = NULL;
  g_autofree char *final_path = NULL;
  g_autoptr (GFile) part = NULL;
  const char *mime = NULL;
  const char *copy_mime = NULL;
  gint64 base = 0;

  g_return_val_if_fail (RD_IS_SYNC (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  display_name = info != NULL ? g_strdup (g_file_info_get_display_name (info))
                              : g_file_get_basename (file);

  if (!check_evidence_file (self, file, display_name, &mime, error))
    return NULL;
  if (!base_version_of (self, case_id, &base, &kase, error))
    return NULL;
  if (self->config->evidence_max_per_case > 0
      && evidence_count (self, kase, case_id) >= self->config->evidence_max_per_case)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A case can have at most %u file.",
                                "A case can have at most %u files.",
                                self->config->evidence_max_per_case),
                   self->config->evidence_max_per_case);
      return NULL;
    }

  /* Our own copy, so the user may move or delete the original; checked
   * again, since it is the copy that goes out. */
  id = g_uuid_string_random ();
  if (g_mkdir_with_parents (self->evidence_dir, 0700) != 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_FAILED,
                   /* Translators: %s is the system's reason */
                   _("The file could not be copied: %s"), g_strerror (errno));
      return NULL;
    }
  part_path = g_strdup_printf ("%s/%s.part", self->evidence_dir, id);
  final_path = g_build_filename (self->evidence_dir, id, NULL);
  part = g_file_new_for_path (part_path);
  if (!g_file_copy (file, part, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_FAILED, _("The file could not be copied: %s"),
                   local_error->message);
      return NULL;
    }
  if (!check_evidence_file (self, part, display_name, &copy_mime, error))
    {
      g_unlink (part_path);
      return NULL;
    }
  if (g_rename (part_path, final_path) != 0)
    {
      g_set_error (error, RD_ERROR, RD_ERROR_FAILED, _("The file could not be copied: %s"),
                   g_strerror (errno));
      g_unlink (part_path);
      return NULL;
    }

  entry = rd_outbox_entry_new ();
  entry->id = g_strdup (id);
  entry->kind = RD_OUTBOX_KIND_EVIDENCE;
  entry->case_id = g_strdup (case_id);
  entry->base_version = base;
  entry->file_path = g_strdup (final_path);
  entry->filename = g_strdup (display_name);
  entry->mime = g_strdup (copy_mime);
  if (!rd_store_outbox_append (self->store, entry, error))
    {
      g_unlink (final_path);
      return NULL;
    }

  maybe_request (self);
  return g_steal_pointer (&id);
}

static gboolean
entry_in_flight (RdSync     *self,
                 const char *id)
{
  return self->run != NULL && self->run->entry != NULL
         && g_strcmp0 (self->run->entry->id, id) == 0;
}

static void
remove_evidence_copy (RdSync        *self,
                      RdOutboxEntry *entry)
{
  if (entry->kind == RD_OUTBOX_KIND_EVIDENCE && entry->file_path != NULL)
    g_unlink (entry->file_path);
}

gboolean
rd_sync_discard (RdSync      *self,
                 const char  *id,
                 GError     **error)
{
  g_autoptr (RdOutboxEntry) entry = NULL;

  g_return_val_if_fail (RD_IS_SYNC (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  entry = rd_store_outbox_get (self->store, id);
  if (entry == NULL)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                           _("This change is no longer waiting to be sent."));
      return FALSE;
    }
  if (entry_in_flight (self, id))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_FAILED,
                           _("This change is being sent right now."));
      return FALSE;
    }

  /* Without its case, what was queued on it can never be sent. */
  if (entry->kind == RD_OUTBOX_KIND_CASE)
    {
      g_autoptr (GPtrArray) others = rd_store_outbox_list (self->store, entry->case_id, error);

      if (others == NULL)
        return FALSE;
      for (guint i = 0; i < others->len; i++)
        {
          RdOutboxEntry *other = g_ptr_array_index (others, i);

          if (g_str_equal (other->id, entry->id) || entry_in_flight (self, other->id))
            continue;
          if (!rd_store_outbox_remove (self->store, other->id, error))
            return FALSE;
          remove_evidence_copy (self, other);
        }
    }

  if (!rd_store_outbox_remove (self->store, id, error))
    return FALSE;
  remove_evidence_copy (self, entry);
  return TRUE;
}

gboolean
rd_sync_reapply (RdSync      *self,
                 const char  *id,
                 GError     **error)
{
  g_autoptr (RdOutboxEntry) entry = NULL;
  gint64 base = 0;

  g_return_val_if_fail (RD_IS_SYNC (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  entry = rd_store_outbox_get (self->store, id);
  if (entry == NULL)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_NOT_FOUND,
                           _("This change is no longer waiting to be sent."));
      return FALSE;
    }
  if (entry->state != RD_OUTBOX_CONFLICTED)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_FAILED,
                           _("Only a change that met a newer version of its case can be sent "
                             "again."));
      return FALSE;
    }
  if (entry->kind != RD_OUTBOX_KIND_CASE
      && !base_version_of (self, entry->case_id, &base, NULL, error))
    return FALSE;
  if (!rd_store_outbox_reapply (self->store, id, base, error))
    return FALSE;

  maybe_request (self);
  return TRUE;
}

/* --- Finishing a run ------------------------------------------------------------------ */

static gboolean
error_is_offline (const GError *error)
{
  return g_error_matches (error, RD_ERROR, RD_ERROR_NETWORK);
}

static gboolean
on_retry (gpointer user_data)
{
  RdSync *self = user_data;

  self->retry_source = 0;
  rd_sync_request (self);
  return G_SOURCE_REMOVE;
}

/* Exponential, capped, with jitter (half fixed, half random) so that many
 * clients that lost the platform together do not come back together. */
static guint
next_backoff_ms (RdSync *self,
                 guint   retry_after_s)
{
  guint64 delay = self->backoff_base_ms;
  guint64 floor_ms = (guint64) retry_after_s * 1000;

  for (guint i = 0; i < self->failures && delay < self->backoff_cap_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->backoff_cap_ms);
  delay = delay / 2 + (guint64) g_random_int_range (0, (gint32) MAX (delay / 2, 1) + 1);
  return (guint) MIN (MAX (delay, floor_ms), G_MAXUINT);
}

static void
run_finish (Run          *run,
            const GError *error,
            guint         retry_after_s)
{
  RdSync *self = run->self;
  g_autoptr (GPtrArray) tasks = g_steal_pointer (&run->tasks);
  gboolean again;

  g_assert (self->run == run);
  self->run = NULL;

  if (error == NULL)
    {
      self->failures = 0;
      self->retry_delay_ms = 0;
      set_last_error (self, NULL);
      set_state (self, RD_SYNC_STATE_IDLE);
    }
  else if (g_error_matches (error, RD_ERROR, RD_ERROR_CANCELLED))
    {
      set_state (self, RD_SYNC_STATE_IDLE);
    }
  else
    {
      set_last_error (self, error->message);
      if (g_error_matches (error, RD_ERROR, RD_ERROR_UNAUTHORIZED))
        {
          self->retry_delay_ms = 0;
          set_state (self, RD_SYNC_STATE_NEEDS_LOGIN);
        }
      else
        {
          self->retry_delay_ms = next_backoff_ms (self, retry_after_s);
          self->failures++;
          if (retry_after_s > 0)
            self->not_before = g_get_monotonic_time () + (gint64) retry_after_s * G_USEC_PER_SEC;
          set_state (self, error_is_offline (error) ? RD_SYNC_STATE_OFFLINE
                                                    : RD_SYNC_STATE_ERROR);
          if (self->started)
            {
              g_clear_handle_id (&self->retry_source, g_source_remove);
              self->retry_source = g_timeout_add (self->retry_delay_ms, on_retry, self);
            }
        }
    }
  update_pending_count (self);

  again = self->again || self->next_tasks->len > 0;
  self->again = FALSE;
  run_free (run);

  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      /* A caller who gave up hears so; the run itself went on for others. */
      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        g_task_return_new_error (task, RD_ERROR, RD_ERROR_CANCELLED, "%s",
                                 rd_error_code_label (RD_ERROR_CANCELLED));
      else if (error == NULL)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_error_copy (error));
    }

  /* A further run only after a good one or when somebody waits for it: a
   * failed run is retried by its backoff, not at once. */
  if (again && (error == NULL || self->next_tasks->len > 0) && self->run == NULL)
    {
      GPtrArray *next = g_steal_pointer (&self->next_tasks);

      self->next_tasks = g_ptr_array_new_with_free_func (g_object_unref);
      start_run (self, next);
      g_ptr_array_unref (next);
    }
}

static void
run_fail_store (Run    *run,
                GError *error)
{
  g_autoptr (GError) wrapped = NULL;

  if (error->domain == RD_ERROR)
    run_finish (run, error, 0);
  else
    {
      wrapped = g_error_new_literal (RD_ERROR, RD_ERROR_STORE, error->message);
      run_finish (run, wrapped, 0);
    }
}

/* --- Push -------------------------------------------------------------------------------- */

static void push_next (Run *run);

static void
emit_case_changed (RdSync     *self,
                   const char *case_id)
{
  const char *ids[] = { case_id, NULL };

  g_signal_emit (self, signals[SIGNAL_CASES_CHANGED], 0, ids);
}

/* See the top of the file. */
static gboolean
rebase_followers (Run            *run,
                  RdOutboxEntry  *done,
                  gint64          new_version,
                  GError        **error)
{
  RdSync *self = run->self;
  g_autoptr (GPtrArray) entries = NULL;

  if (done->kind != RD_OUTBOX_KIND_CASE && new_version != done->base_version + 1)
    return TRUE;

  entries = rd_store_outbox_list (self->store, done->case_id, error);
  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      RdOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (entry->seq <= done->seq || entry->state != RD_OUTBOX_PENDING
          || entry->base_version != done->base_version)
        continue;
      if (!rd_store_outbox_reapply (self->store, entry->id, new_version, error))
        return FALSE;
    }
  return TRUE;
}

/* The entry went through and @kase is the platform's case after it. */
static void
entry_done (Run    *run,
            RdCase *kase)
{
  RdSync *self = run->self;
  g_autoptr (RdOutboxEntry) entry = g_steal_pointer (&run->entry);
  g_autoptr (GError) error = NULL;

  if (kase != NULL)
    {
      if (!rd_store_put_case (self->store, kase, &error)
          || !rebase_followers (run, entry, kase->version, &error))
        {
          run_fail_store (run, error);
          return;
        }
    }
  if (!rd_store_outbox_remove (self->store, entry->id, &error)
      && !g_error_matches (error, RD_ERROR, RD_ERROR_NOT_FOUND))
    {
      run_fail_store (run, error);
      return;
    }
  /* An uploaded copy is done with: into the cache if it is the file the
   * platform has, so that it is never downloaded again. */
  if (entry->kind == RD_OUTBOX_KIND_EVIDENCE && entry->file_path != NULL)
    {
      g_autoptr (GFile) copy = g_file_new_for_path (entry->file_path);

      if (self->cache == NULL
          || !rd_evidence_cache_adopt (self->cache, run->evidence_sha256, copy, NULL))
        g_unlink (entry->file_path);
    }
  g_clear_pointer (&run->evidence_sha256, g_free);
  emit_case_changed (self, entry->case_id);
  push_next (run);
}

static void
on_conflict_case (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr (RdCase) kase = rd_api_get_case_finish (RD_API (source), result, NULL);

  /* Without it, the pull that follows brings the case all the same. */
  if (kase != NULL)
    rd_store_put_case (run->self->store, kase, NULL);
  g_clear_pointer (&run->entry, rd_outbox_entry_free);
  push_next (run);
}

/* Kept for the user: conflicted (409/412) or failed (other 4xx). */
static void
entry_refused (Run          *run,
               GAsyncResult *result,
               const GError *error,
               RdCase       *current)
{
  RdSync *self = run->self;
  RdOutboxEntry *entry = run->entry;
  g_autoptr (GError) store_error = NULL;
  gboolean conflict;

  conflict = error->domain == RD_ERROR
             && (error->code == RD_ERROR_VERSION_MISMATCH
                 || error->code == RD_ERROR_INVALID_TRANSITION
                 || error->code == RD_ERROR_ID_CONFLICT
                 || error->code == RD_ERROR_DUPLICATE_CASE);

  if (!rd_store_outbox_mark (self->store, entry->id,
                             conflict ? RD_OUTBOX_CONFLICTED : RD_OUTBOX_FAILED,
                             error->message, &store_error))
    {
      run_fail_store (run, store_error);
      return;
    }
  g_hash_table_add (run->blocked, g_strdup (entry->case_id));

  if (conflict && current != NULL)
    rd_store_put_case (self->store, current, NULL);
  else if (conflict && entry->kind != RD_OUTBOX_KIND_CASE)
    {
      /* The user decides against the case as it is now. */
      rd_api_get_case_async (self->api, entry->case_id, self->cancellable, on_conflict_case, run);
      return;
    }
  g_clear_pointer (&run->entry, rd_outbox_entry_free);
  push_next (run);
}

/* Network, 5xx, 429, an unreadable answer: the entry waits, the push stops. */
static gboolean
error_is_transient (const GError *error)
{
  return error->domain == RD_ERROR
         && (error->code == RD_ERROR_NETWORK
             || error->code == RD_ERROR_SERVER
             || error->code == RD_ERROR_RATE_LIMITED
             || error->code == RD_ERROR_INVALID_DATA);
}

static void
entry_failed (Run          *run,
              GAsyncResult *result,
              const GError *error,
              RdCase       *current)
{
  RdSync *self = run->self;
  guint retry_after = result != NULL ? rd_api_result_get_retry_after (result) : 0;

  if (error_is_transient (error))
    {
      rd_store_outbox_mark (self->store, run->entry->id, RD_OUTBOX_PENDING, error->message, NULL);
      run_finish (run, error, retry_after);
    }
  else if (g_error_matches (error, RD_ERROR, RD_ERROR_UNAUTHORIZED)
           || g_error_matches (error, RD_ERROR, RD_ERROR_CANCELLED))
    run_finish (run, error, 0);
  else
    entry_refused (run, result, error, current);
}

static void
on_case_put (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) kase = rd_api_put_case_finish (RD_API (source), result, NULL, &error);

  if (kase == NULL)
    entry_failed (run, result, error, NULL);
  else
    entry_done (run, kase);
}

static void
on_action_posted (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) current = NULL;
  g_autoptr (RdCase) kase = rd_api_post_action_finish (RD_API (source), result, &current, &error);

  if (kase == NULL)
    entry_failed (run, result, error, current);
  else
    entry_done (run, kase);
}

static void
on_evidence_case (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCase) kase = rd_api_get_case_finish (RD_API (source), result, &error);

  /* The upload is done; what is missing is only the case's new version,
   * which re-bases the entries after it.  Without it they keep their base. */
  if (kase == NULL && error_is_transient (error))
    {
      run_finish (run, error, rd_api_result_get_retry_after (result));
      return;
    }
  entry_done (run, kase);
}

static void
on_evidence_put (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  RdSync *self = run->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdEvidence) evidence = rd_api_put_evidence_finish (RD_API (source), result, NULL,
                                                                &error);
  RdOutboxEntry *entry = run->entry;

  if (evidence == NULL)
    {
      entry_failed (run, result, error, NULL);
      return;
    }

  g_free (run->evidence_sha256);
  run->evidence_sha256 = g_strdup (evidence->sha256);
  rd_api_get_case_async (self->api, entry->case_id, self->cancellable, on_evidence_case, run);
}

static void
push_entry (Run           *run,
            RdOutboxEntry *entry)
{
  RdSync *self = run->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  run->entry = entry;
  g_hash_table_add (run->attempted, g_strdup (entry->id));

  switch (entry->kind)
    {
    case RD_OUTBOX_KIND_CASE:
      {
        g_autoptr (RdCaseDraft) draft = NULL;

        node = rd_codec_parse (entry->body, -1, &error);
        if (node != NULL)
          draft = rd_codec_case_draft_from_json (node, &error);
        if (draft == NULL)
          break;
        rd_api_put_case_async (self->api, entry->id, draft, self->cancellable, on_case_put, run);
        return;
      }

    case RD_OUTBOX_KIND_ACTION:
      {
        g_autoptr (RdAction) action = NULL;

        node = rd_codec_parse (entry->body, -1, &error);
        if (node != NULL)
          action = rd_codec_action_from_json (node, &error);
        if (action == NULL)
          break;
        rd_api_post_action_async (self->api, entry->case_id, action,
                                  action->type == RD_ACTION_TYPE_MESSAGE ? 0 : entry->base_version,
                                  self->cancellable, on_action_posted, run);
        return;
      }

    case RD_OUTBOX_KIND_EVIDENCE:
      {
        g_autoptr (GFile) file = NULL;

        if (entry->file_path == NULL || entry->mime == NULL)
          {
            g_set_error_literal (&error, RD_ERROR, RD_ERROR_FAILED,
                                 _("The attached file is missing."));
            break;
          }
        file = g_file_new_for_path (entry->file_path);
        rd_api_put_evidence_file_async (self->api, entry->id, entry->case_id, file, entry->mime,
                                        entry->filename, self->cancellable, on_evidence_put, run);
        return;
      }

    default:
      g_set_error_literal (&error, RD_ERROR, RD_ERROR_FAILED, rd_error_code_label (RD_ERROR_FAILED));
      break;
    }

  /* An entry that cannot even be sent is kept as failed. */
  if (error == NULL)
    g_set_error_literal (&error, RD_ERROR, RD_ERROR_FAILED, rd_error_code_label (RD_ERROR_FAILED));
  entry_refused (run, NULL, error, NULL);
}

static void
push_next (Run *run)
{
  RdSync *self = run->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = rd_store_outbox_list (self->store, NULL, &error);

  if (entries == NULL)
    {
      run_fail_store (run, error);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      RdOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (entry->state != RD_OUTBOX_PENDING)
        {
          /* What follows on this case waits for the user's decision. */
          g_hash_table_add (run->blocked, g_strdup (entry->case_id));
          continue;
        }
      if (g_hash_table_contains (run->blocked, entry->case_id)
          || g_hash_table_contains (run->attempted, entry->id))
        continue;

      push_entry (run, g_ptr_array_steal_index (entries, i));
      return;
    }

  run->phase = PHASE_PULL;
  run_step (run);
}

/* --- Pull -------------------------------------------------------------------------------- */

static void pull_next (Run *run);

static void
on_changes (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  RdSync *self = run->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdChanges) page = rd_api_changes_finish (RD_API (source), result, &error);
  g_autoptr (GPtrArray) ids = NULL;
  guint n_removed;

  if (page == NULL)
    {
      if (g_error_matches (error, RD_ERROR, RD_ERROR_CURSOR_EXPIRED) && !run->reset_done)
        {
          g_autoptr (GError) reset_error = NULL;

          run->reset_done = TRUE;
          if (!rd_store_reset_cache (self->store, &reset_error))
            {
              run_fail_store (run, reset_error);
              return;
            }
          pull_next (run);
          return;
        }
      run_finish (run, error, rd_api_result_get_retry_after (result));
      return;
    }

  if (!rd_store_apply_changes (self->store, page, &error))
    {
      run_fail_store (run, error);
      return;
    }

  n_removed = page->removed != NULL ? g_strv_length (page->removed) : 0;
  run->pages++;
  run->objects += page->orders->len + page->cases->len + n_removed;
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, run->pages, run->objects);

  ids = g_ptr_array_new_full (page->cases->len + n_removed + 1, NULL);
  for (guint i = 0; i < page->cases->len; i++)
    g_ptr_array_add (ids, ((RdCase *) g_ptr_array_index (page->cases, i))->id);
  for (guint i = 0; i < n_removed; i++)
    g_ptr_array_add (ids, page->removed[i]);
  if (ids->len > 0)
    {
      g_ptr_array_add (ids, NULL);
      g_signal_emit (self, signals[SIGNAL_CASES_CHANGED], 0, ids->pdata);
    }

  if (page->more)
    pull_next (run);
  else
    run_finish (run, NULL, 0);
}

static void
pull_next (Run *run)
{
  RdSync *self = run->self;
  g_autofree char *cursor = rd_store_get_cursor (self->store);

  rd_api_changes_async (self->api, cursor, self->page_size, self->cancellable, on_changes, run);
}

/* --- The steps ------------------------------------------------------------------------------ */

static void
on_me (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdUser) user = rd_api_me_finish (RD_API (source), result, &error);

  if (user == NULL)
    {
      run_finish (run, error, rd_api_result_get_retry_after (result));
      return;
    }
  if (!rd_store_set_user (run->self->store, user, &error))
    {
      run_fail_store (run, error);
      return;
    }
  run->phase = PHASE_CONFIG;
  run_step (run);
}

static void
on_config (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;
  RdSync *self = run->self;
  g_autoptr (GError) error = NULL;
  RdConfig *config = rd_api_config_finish (RD_API (source), result, &error);

  if (config != NULL)
    {
      rd_sync_set_config (self, config);
      self->config_fetched = TRUE;
    }
  else if (error_is_transient (error) || g_error_matches (error, RD_ERROR, RD_ERROR_UNAUTHORIZED)
           || g_error_matches (error, RD_ERROR, RD_ERROR_CANCELLED))
    {
      run_finish (run, error, rd_api_result_get_retry_after (result));
      return;
    }
  /* Otherwise the defaults of API.md will do. */
  run->phase = PHASE_PUSH;
  run_step (run);
}

static void
run_step (Run *run)
{
  RdSync *self = run->self;

  switch (run->phase)
    {
    case PHASE_USER:
      {
        g_autoptr (RdUser) user = rd_store_get_user (self->store);

        if (user == NULL)
          {
            rd_api_me_async (self->api, self->cancellable, on_me, run);
            return;
          }
        run->phase = PHASE_CONFIG;
      }
      G_GNUC_FALLTHROUGH;

    case PHASE_CONFIG:
      if (!self->config_fetched)
        {
          rd_api_config_async (self->api, self->cancellable, on_config, run);
          return;
        }
      run->phase = PHASE_PUSH;
      G_GNUC_FALLTHROUGH;

    case PHASE_PUSH:
      push_next (run);
      return;

    case PHASE_PULL:
      pull_next (run);
      return;

    default:
      g_assert_not_reached ();
    }
}

static void
start_run (RdSync    *self,
           GPtrArray *tasks)
{
  Run *run;

  g_assert (self->run == NULL);

  g_clear_handle_id (&self->request_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);

  run = g_new0 (Run, 1);
  run->self = g_object_ref (self);
  run->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    g_ptr_array_add (run->tasks, g_object_ref (g_ptr_array_index (tasks, i)));
  run->phase = PHASE_USER;
  run->blocked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->attempted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->run = run;

  set_state (self, RD_SYNC_STATE_SYNCING);
  run_step (run);
}

/* --- Running ------------------------------------------------------------------------------ */

void
rd_sync_run_async (RdSync              *self,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GPtrArray) tasks = NULL;

  g_return_if_fail (RD_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_sync_run_async);
  g_task_set_check_cancellable (task, FALSE);

  if (self->run != NULL)
    {
      g_ptr_array_add (self->next_tasks, g_steal_pointer (&task));
      return;
    }
  tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (tasks, g_steal_pointer (&task));
  start_run (self, tasks);
}

gboolean
rd_sync_run_finish (RdSync        *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, rd_sync_run_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
on_request (gpointer user_data)
{
  RdSync *self = user_data;

  self->request_source = 0;
  if (self->run != NULL)
    self->again = TRUE;
  else
    start_run (self, NULL);
  return G_SOURCE_REMOVE;
}

void
rd_sync_request (RdSync *self)
{
  gint64 wait_us;

  g_return_if_fail (RD_IS_SYNC (self));

  if (self->run != NULL)
    {
      self->again = TRUE;
      return;
    }
  if (self->request_source != 0)
    return;

  /* Never sooner than the platform asked (Retry-After). */
  wait_us = self->not_before - g_get_monotonic_time ();
  if (wait_us > 0)
    self->request_source = g_timeout_add ((guint) (wait_us / 1000) + 1, on_request, self);
  else
    /* At the default priority: an idle at the lowest one never runs while
     * something redraws without pause (a spinner on a slow display). */
    self->request_source = g_idle_add_full (G_PRIORITY_DEFAULT, on_request, self, NULL);
}

static gboolean
on_periodic (gpointer user_data)
{
  RdSync *self = user_data;

  if (self->run == NULL && self->retry_source == 0)
    rd_sync_request (self);
  return G_SOURCE_CONTINUE;
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    RdSync          *self)
{
  if (!available)
    {
      if (self->run == NULL)
        set_state (self, RD_SYNC_STATE_OFFLINE);
      return;
    }
  /* Back online: what waited for the network goes now, not after the backoff. */
  if (self->state == RD_SYNC_STATE_OFFLINE || self->state == RD_SYNC_STATE_ERROR)
    {
      self->failures = 0;
      g_clear_handle_id (&self->retry_source, g_source_remove);
      rd_sync_request (self);
    }
}

static void
follow_network (RdSync   *self,
                gboolean  follow)
{
  if (follow && self->monitor == NULL)
    {
      self->monitor = g_object_ref (g_network_monitor_get_default ());
      self->monitor_handler = g_signal_connect (self->monitor, "network-changed",
                                                G_CALLBACK (on_network_changed), self);
    }
  else if (!follow && self->monitor != NULL)
    {
      g_clear_signal_handler (&self->monitor_handler, self->monitor);
      g_clear_object (&self->monitor);
    }
}

/* Copies that no outbox entry refers to: a crash between copying and
 * queueing, or an upload whose entry went while its copy stayed. */
static void
remove_orphan_copies (RdSync *self)
{
  g_autoptr (GDir) dir = g_dir_open (self->evidence_dir, 0, NULL);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GHashTable) kept = NULL;
  const char *name;

  if (dir == NULL)
    return;
  entries = rd_store_outbox_list (self->store, NULL, NULL);
  if (entries == NULL)
    return;
  kept = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < entries->len; i++)
    {
      RdOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (entry->file_path != NULL)
        g_hash_table_add (kept, entry->file_path);
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->evidence_dir, name, NULL);
      g_autofree char *id = g_str_has_suffix (name, ".part")
                            ? g_strndup (name, strlen (name) - 5) : g_strdup (name);

      /* Only what this engine names: a UUID, perhaps with ".part". */
      if (rd_uuid_is_valid (id) && !g_hash_table_contains (kept, path))
        g_unlink (path);
    }
}

void
rd_sync_start (RdSync *self)
{
  g_return_if_fail (RD_IS_SYNC (self));

  if (self->started)
    return;
  self->started = TRUE;
  remove_orphan_copies (self);
  follow_network (self, self->follow_network);
  restart_periodic (self);
  rd_sync_request (self);
}

void
rd_sync_stop (RdSync *self)
{
  g_return_if_fail (RD_IS_SYNC (self));

  self->started = FALSE;
  follow_network (self, FALSE);
  g_clear_handle_id (&self->periodic_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->request_source, g_source_remove);
}

gboolean
rd_sync_is_started (RdSync *self)
{
  g_return_val_if_fail (RD_IS_SYNC (self), FALSE);
  return self->started;
}
