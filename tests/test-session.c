/* test-session.c — what a user does offline is kept, shown at once and
 * checked before it is queued
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rd-error.h"
#include "rd-session.h"

typedef struct
{
  char      *tmpdir;
  RdStore   *store;
  RdUser    *user;
  RdSession *session;
} Fixture;

static RdOrder *
make_order (void)
{
  RdOrder *order = rd_order_new ();
  RdOrderItem *item = rd_order_item_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  order->id = g_strdup ("o-1");
  order->number = g_strdup ("ORD-2026-000123");
  order->buyer = rd_party_new ("u-ana", "Ana Ribeiro");
  order->seller = rd_party_new ("u-kai", "Kai's Gadgets");
  item->sku = g_strdup ("KG-HOLD-01");
  item->title = g_strdup ("Car phone holder");
  item->quantity = 1;
  item->unit_price = rd_money_new (1999, "EUR");
  g_ptr_array_add (order->items, item);
  order->total = rd_money_new (1999, "EUR");
  order->ordered_at = g_date_time_add_days (now, -30);
  order->shipped_at = g_date_time_add_days (now, -28);
  order->delivered_at = g_date_time_add_days (now, -21);
  order->return_window_days = 30;
  order->warranty_months = 24;
  return order;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RdChanges) page = rd_changes_new ();

  f->tmpdir = g_dir_make_tmp ("redress-test-session-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", f->tmpdir, TRUE);
  path = g_build_filename (f->tmpdir, "store.db", NULL);
  f->store = rd_store_open (path, &error);
  g_assert_no_error (error);

  f->user = rd_user_new ();
  f->user->id = g_strdup ("u-ana");
  f->user->name = g_strdup ("Ana Ribeiro");
  f->user->role = RD_ROLE_BUYER;
  f->user->locale = g_strdup ("en");

  g_ptr_array_add (page->orders, make_order ());
  g_assert_true (rd_store_apply_changes (f->store, page, &error));
  g_assert_no_error (error);

  f->session = rd_session_new_offline (f->store, f->user);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  g_clear_object (&f->user);
  remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

static RdCaseDraft *
make_draft (const char *description)
{
  RdCaseDraft *draft = rd_case_draft_new ();

  draft->order_id = g_strdup ("o-1");
  draft->item_sku = g_strdup ("KG-HOLD-01");
  draft->reason = RD_REASON_DEFECTIVE;
  draft->requested_type = RD_OUTCOME_TYPE_FULL_REFUND;
  draft->description = g_strdup (description);
  draft->lang = g_strdup ("en");
  return draft;
}

static GFile *
write_file (Fixture *f, const char *name, const void *data, gsize len)
{
  g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return g_file_new_for_path (path);
}

static void
test_file_case_offline_shows_at_once (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCaseDraft) draft = make_draft ("It snapped after three weeks.");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint total = 0;

  id = rd_session_file_case (f->session, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  /* The case is there at once, waiting for the seller, before any sync. */
  kase = rd_store_get_case (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kase->version, ==, 0);
  g_assert_cmpstr (kase->item->title, ==, "Car phone holder");
  g_assert_cmpint (kase->status, ==, RD_STATUS_AWAITING_SELLER);
  g_assert_nonnull (kase->respond_by);

  waiting = rd_store_list_cases (f->store, RD_CASE_FILTER_WAITING_OTHER, 0, 50, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);

  entries = rd_store_outbox_list (f->store, id, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpuint (rd_session_get_pending_count (f->session), ==, 1);

  /* Not yet on the platform: only a message or a withdrawal can follow. */
  g_assert_cmpuint (rd_session_allowed_actions (f->session, kase), ==,
                    (1u << RD_ACTION_TYPE_MESSAGE) | (1u << RD_ACTION_TYPE_WITHDRAW));
}

static void
test_discard_filing_removes_case (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCaseDraft) draft = make_draft ("Broken clip.");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = rd_session_file_case (f->session, draft, NULL, &error);
  g_autoptr(RdCase) gone = NULL;

  g_assert_no_error (error);
  g_assert_true (rd_session_discard (f->session, id, &error));
  g_assert_no_error (error);

  gone = rd_store_get_case (f->store, id, &error);
  g_assert_null (gone);
  g_assert_error (error, RD_ERROR, RD_ERROR_NOT_FOUND);
  g_assert_cmpuint (rd_store_outbox_count (f->store), ==, 0);
}

static void
test_message_queued_in_order (Fixture *f, gconstpointer data)
{
  g_autoptr(RdCaseDraft) draft = make_draft ("Broken clip.");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = rd_session_file_case (f->session, draft, NULL, &error);
  g_autoptr(GPtrArray) entries = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RdAction) msg = rd_action_new ();

      msg->type = RD_ACTION_TYPE_MESSAGE;
      msg->text = g_strdup_printf ("Message %u", i + 1);
      msg->lang = g_strdup ("en");
      g_assert_true (rd_session_act (f->session, id, msg, &error));
      g_assert_no_error (error);
    }

  entries = rd_store_outbox_list (f->store, id, &error);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpint (((RdOutboxEntry *) entries->pdata[0])->kind, ==, RD_OUTBOX_KIND_CASE);
  g_assert_cmpint (((RdOutboxEntry *) entries->pdata[1])->kind, ==, RD_OUTBOX_KIND_ACTION);
  g_assert_nonnull (g_strstr_len (((RdOutboxEntry *) entries->pdata[1])->body, -1, "Message 1"));
  g_assert_nonnull (g_strstr_len (((RdOutboxEntry *) entries->pdata[2])->body, -1, "Message 2"));
}

static void
test_overlong_text_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(RdCaseDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  for (guint i = 0; i < 4001; i++)
    g_string_append (text, "é");
  draft = make_draft (text->str);
  id = rd_session_file_case (f->session, draft, NULL, &error);
  g_assert_null (id);
  g_assert_error (error, RD_ERROR, RD_ERROR_TOO_LARGE);
  g_assert_nonnull (g_strstr_len (error->message, -1, "4000"));
  g_assert_cmpuint (rd_store_outbox_count (f->store), ==, 0);
}

static void
test_evidence_checked_before_queueing (Fixture *f, gconstpointer data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0 };
  g_autoptr(GFile) fake = write_file (f, "photo.png", "just some text, not a photo", 27);
  g_autoptr(GFile) real = write_file (f, "real.png", png, sizeof png);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RdCaseDraft) draft = make_draft ("See the photo.");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_assert_false (rd_session_check_evidence (f->session, fake, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_UNSUPPORTED_MEDIA_TYPE);
  g_clear_error (&error);
  g_assert_true (rd_session_check_evidence (f->session, real, &error));
  g_assert_no_error (error);

  /* One refused file refuses the whole filing: nothing half-queued. */
  g_ptr_array_add (files, g_object_ref (real));
  g_ptr_array_add (files, g_object_ref (fake));
  id = rd_session_file_case (f->session, draft, files, &error);
  g_assert_null (id);
  g_assert_error (error, RD_ERROR, RD_ERROR_UNSUPPORTED_MEDIA_TYPE);
  g_assert_cmpuint (rd_store_outbox_count (f->store), ==, 0);
}

static void
test_evidence_too_large (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "big.pdf", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  FILE *fp = fopen (path, "wb");

  g_assert_nonnull (fp);
  fputs ("%PDF-1.4\n", fp);
  /* A sparse file over the 10 MiB limit. */
  g_assert_cmpint (fseek (fp, 11 * 1024 * 1024, SEEK_SET), ==, 0);
  fputc ('\n', fp);
  fclose (fp);

  file = g_file_new_for_path (path);
  g_assert_false (rd_session_check_evidence (f->session, file, &error));
  g_assert_error (error, RD_ERROR, RD_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/session/file-case-offline-shows-at-once", test_file_case_offline_shows_at_once);
  ADD ("/session/discard-filing-removes-case", test_discard_filing_removes_case);
  ADD ("/session/messages-queued-in-order", test_message_queued_in_order);
  ADD ("/session/overlong-text-refused", test_overlong_text_refused);
  ADD ("/session/evidence-checked-before-queueing", test_evidence_checked_before_queueing);
  ADD ("/session/evidence-too-large", test_evidence_too_large);
#undef ADD

  return g_test_run ();
}
