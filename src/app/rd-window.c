/* rd-window.c
 *
 * The main window shows one of three pages: the welcome page (no session),
 * a spinner while an account opens, and the session: the case list beside
 * the open case, under a header that says who is logged in and whether the
 * cases are in step with the platform.  Sellers also get a Quality page
 * (a view switcher in the header).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-account-menu.h"
#include "rd-action-dialogs.h"
#include "rd-case-list.h"
#include "rd-case-view.h"
#include "rd-error.h"
#include "rd-format.h"
#include "rd-new-dispute-dialog.h"
#include "rd-quality-page.h"
#include "rd-respond-dialog.h"
#include "rd-sync-indicator.h"
#include "rd-translation.h"
#include "rd-welcome-page.h"
#include "rd-window.h"

/* The Secret Service is missing: said once per run, not per log-in. */
static gboolean keyring_warning_shown;

struct _RdWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  RdSession            *session;
  GCancellable         *cancellable;   /* opening an account */
  char                 *open_when_listed;
  guint                 update_folded_source;
  GtkWidget            *case_view;
  GtkWidget            *quality_page;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkMenuButton        *primary_menu_button;
  RdWelcomePage        *welcome_page;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *view_switcher_title;
  GtkWidget            *back_button;
  GtkWidget            *new_dispute_button;
  GtkWidget            *new_dispute_content;
  GtkMenuButton        *session_menu_button;
  RdAccountMenu        *account_menu;
  RdSyncIndicator      *sync_indicator;
  AdwViewStack         *view_stack;
  AdwViewStackPage     *cases_stack_page;
  AdwViewStackPage     *quality_stack_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  RdCaseList           *case_list;
  GtkWidget            *content;
  GtkStack             *content_stack;
  AdwStatusPage        *content_status_page;
  GtkWidget            *quality_box;
  AdwViewSwitcherBar   *switcher_bar;
};

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, ADW_TYPE_APPLICATION_WINDOW)

static RdRole
session_role (RdWindow *self)
{
  RdUser *user = self->session != NULL ? rd_session_get_user (self->session) : NULL;

  return user != NULL ? user->role : RD_ROLE_BUYER;
}

static void
toast (RdWindow   *self,
       const char *text,
       guint       timeout)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* --- State --------------------------------------------------------------------- */

static void
rd_window_save_state (RdWindow *self)
{
  int width, height;

  /* The default size follows the user's resizing but not maximizing, so it
   * is the size to come back to. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static void
rd_window_restore_state (RdWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
update_actions (RdWindow *self)
{
  gboolean has_session = self->session != NULL;
  gboolean buyer = has_session && session_role (self) == RD_ROLE_BUYER;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-dispute", buyer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", has_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.filter", has_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.log-out", has_session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-account",
                                 !has_session || rd_session_is_demo (self->session));
  gtk_widget_set_visible (self->new_dispute_button, buyer);
}

static void
update_back_button (RdWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean on_content = adw_leaflet_get_visible_child (self->leaflet) == self->content;

  gtk_widget_set_visible (self->back_button, folded && on_content);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", folded && on_content);
  rd_case_list_set_activate_on_single_click (self->case_list, folded);

  /* A narrow header keeps icons only; the words stay in the tooltips. */
  rd_sync_indicator_set_compact (self->sync_indicator, folded);
  if (folded)
    {
      if (gtk_button_get_child (GTK_BUTTON (self->new_dispute_button)) == self->new_dispute_content)
        gtk_button_set_icon_name (GTK_BUTTON (self->new_dispute_button), "list-add-symbolic");
    }
  else if (gtk_button_get_child (GTK_BUTTON (self->new_dispute_button)) != self->new_dispute_content)
    gtk_button_set_child (GTK_BUTTON (self->new_dispute_button), self->new_dispute_content);
}

static void
update_title (RdWindow *self)
{
  g_autofree char *who = rd_account_menu_dup_title (self->account_menu);

  adw_view_switcher_title_set_subtitle (self->view_switcher_title, who);
  if (who != NULL)
    {
      /* Translators: the window's title: "Redress — Ana Ribeiro (Buyer)" */
      g_autofree char *title = g_strdup_printf (_("Redress — %s"), who);

      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else
    /* Translators: the application's name, as in the desktop file */
    gtk_window_set_title (GTK_WINDOW (self), _("Redress"));
}

static void
show_loading (RdWindow   *self,
              const char *title)
{
  adw_status_page_set_title (self->loading_page, title);
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

static void
show_page (RdWindow   *self,
           const char *name)
{
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->main_stack, name);
}

static void
cancel_opening (RdWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/* --- The open case ------------------------------------------------------------- */

static void
show_case (RdWindow   *self,
           const char *case_id)
{
  rd_case_view_set_case_id (RD_CASE_VIEW (self->case_view), case_id);
  gtk_stack_set_visible_child_name (self->content_stack, case_id != NULL ? "case" : "empty");
}

static void
on_case_list_case_selected_cb (RdCaseList *list,
                               const char *case_id,
                               RdWindow   *self)
{
  show_case (self, case_id);
}

static void
on_case_list_case_activated_cb (RdCaseList *list,
                                const char *case_id,
                                RdWindow   *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static gboolean
on_update_folded_idle_cb (gpointer user_data)
{
  RdWindow *self = user_data;

  self->update_folded_source = 0;
  update_back_button (self);
  return G_SOURCE_REMOVE;
}

static void
on_leaflet_notify_cb (AdwLeaflet *leaflet,
                      GParamSpec *pspec,
                      RdWindow   *self)
{
  /* The leaflet folds while it is being allocated: change the header
   * after that, not during it. */
  if (self->update_folded_source == 0)
    self->update_folded_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_update_folded_idle_cb,
                                                  self, NULL);
}

/* For build-aux/screenshots: REDRESS_SCREENSHOT_VIEW=quality shows a
 * seller's Quality page, REDRESS_SCREENSHOT_DIALOG=respond opens the case's
 * Respond… dialog with an offer filled in, and REDRESS_SCREENSHOT_READY_FILE
 * is written once the case asked for (and that dialog) is open and has had a
 * moment to draw. */
static gboolean
on_screenshot_ready_timeout_cb (gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_getenv ("REDRESS_SCREENSHOT_READY_FILE");

  if (path != NULL && *path != '\0' && !g_file_set_contents (path, "ready\n", -1, &error))
    g_warning ("%s", error->message);
  return G_SOURCE_REMOVE;
}

/* The seller offers about half of the price back, in whole units, with a
 * note, as one would type them: the note is an example of what a user
 * writes, not a text of the application, so it is not translated. */
static gboolean
on_screenshot_dialog_timeout_cb (gpointer user_data)
{
  RdWindow *self = RD_WINDOW (user_data);
  const char *case_id = rd_case_view_get_case_id (RD_CASE_VIEW (self->case_view));
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(RdMoney) total = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  if (self->session != NULL && case_id != NULL)
    kase = rd_store_get_case (rd_session_get_store (self->session), case_id, NULL);
  if (kase != NULL)
    total = rd_action_dialog_item_total (kase);
  if (total == NULL || !gtk_widget_activate_action (self->case_view, "case.make-offer", NULL))
    g_warning ("The open case has no offer to make");

  for (guint i = 0; total != NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      g_autoptr(RdMoney) offer = NULL;
      g_autofree char *money = NULL;
      g_autofree char *note = NULL;
      gint64 unit = 1;

      if (!RD_IS_RESPOND_DIALOG (toplevel))
        continue;
      for (guint e = rd_currency_exponent (total->currency); e > 0; e--)
        unit *= 10;
      offer = rd_money_new (MAX ((total->amount / 2 + unit / 2) / unit, 1) * unit, total->currency);
      money = rd_format_money (offer);
      note = g_strdup_printf ("Sorry it broke so soon. Keep it, and I refund %s.", money);
      rd_respond_dialog_set_offer (RD_RESPOND_DIALOG (toplevel), RD_OUTCOME_TYPE_PARTIAL_REFUND,
                                   offer->amount, note);
    }
  g_timeout_add (1500, on_screenshot_ready_timeout_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
screenshot_ready (RdWindow *self)
{
  const char *view = g_getenv ("REDRESS_SCREENSHOT_VIEW");
  const char *dialog = g_getenv ("REDRESS_SCREENSHOT_DIALOG");
  const char *ready = g_getenv ("REDRESS_SCREENSHOT_READY_FILE");

  if (view != NULL && *view != '\0')
    adw_view_stack_set_visible_child_name (self->view_stack, view);
  if (g_strcmp0 (dialog, "respond") == 0)
    g_timeout_add_full (G_PRIORITY_DEFAULT, 1500, on_screenshot_dialog_timeout_cb, g_object_ref (self),
                        g_object_unref);
  else if (ready != NULL && *ready != '\0')
    g_timeout_add (1500, on_screenshot_ready_timeout_cb, NULL);
}

static void
maybe_open_listed_case (RdWindow *self)
{
  RdCaseListModel *model = rd_case_list_get_model (self->case_list);
  g_autofree char *wanted = NULL;

  if (self->open_when_listed == NULL || self->session == NULL)
    return;
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0 ||
      rd_session_get_state (self->session) == RD_SESSION_STATE_SYNCING)
    return;

  wanted = g_steal_pointer (&self->open_when_listed);
  if (g_str_equal (wanted, "first"))
    rd_case_list_select_first (self->case_list);
  else
    rd_case_list_select_case (self->case_list, wanted);

  screenshot_ready (self);
}

static void
on_case_list_reloaded_cb (RdCaseListModel *model,
                          RdWindow        *self)
{
  maybe_open_listed_case (self);
}

static void
on_session_notify_state_cb (RdSession  *session,
                            GParamSpec *pspec,
                            RdWindow   *self)
{
  maybe_open_listed_case (self);
}

/* --- The session ---------------------------------------------------------------- */

static void
on_settings_sync_interval_changed_cb (GSettings  *settings,
                                      const char *key,
                                      RdWindow   *self)
{
  if (self->session != NULL)
    rd_sync_set_interval (rd_session_get_sync (self->session),
                          g_settings_get_uint (settings, "sync-interval"));
}

static void
on_session_notify_user_cb (RdSession  *session,
                           GParamSpec *pspec,
                           RdWindow   *self)
{
  rd_account_menu_set_session (self->account_menu, session);
  update_title (self);
}

RdSession *
rd_window_get_session (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->session;
}

void
rd_window_set_session (RdWindow  *self,
                       RdSession *session)
{
  const GError *keyring_error;
  gboolean seller;

  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (session == NULL || RD_IS_SESSION (session));

  cancel_opening (self);
  if (self->session == session)
    {
      show_page (self, session != NULL ? "session" : "welcome");
      return;
    }

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  /* Machine translations are cached in the account's store. */
  rd_translation_set_store (session != NULL ? rd_session_get_store (session) : NULL);
  if (session != NULL)
    {
      g_signal_connect (session, "notify::user", G_CALLBACK (on_session_notify_user_cb), self);
      g_signal_connect (session, "notify::state", G_CALLBACK (on_session_notify_state_cb), self);
    }

  /* The old account's case must not stay open under the new one. */
  show_case (self, NULL);

  rd_account_menu_set_session (self->account_menu, session);
  rd_sync_indicator_set_session (self->sync_indicator, session);
  rd_case_list_set_session (self->case_list, session);
  rd_case_view_set_session (RD_CASE_VIEW (self->case_view), session);

  seller = session != NULL && session_role (self) == RD_ROLE_SELLER;
  rd_quality_page_set_session (RD_QUALITY_PAGE (self->quality_page), seller ? session : NULL);
  adw_view_stack_page_set_visible (self->quality_stack_page, seller);
  adw_view_switcher_title_set_view_switcher_enabled (self->view_switcher_title, seller);
  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  update_title (self);
  update_actions (self);
  update_back_button (self);

  if (session == NULL)
    {
      show_page (self, "welcome");
      return;
    }

  rd_sync_set_interval (rd_session_get_sync (session),
                        g_settings_get_uint (self->settings, "sync-interval"));

  /* The next start reopens this account (the demo's are temporary). */
  if (!rd_session_is_demo (session) && rd_session_get_login (session) != NULL)
    {
      g_settings_set_string (self->settings, "last-account", rd_session_get_login (session));
      if (rd_session_get_url (session) != NULL)
        g_settings_set_string (self->settings, "platform-url", rd_session_get_url (session));
    }

  keyring_error = rd_session_get_keyring_error (session);
  if (keyring_error != NULL && !keyring_warning_shown)
    {
      keyring_warning_shown = TRUE;
      /* Long enough to read, not forever: a toast without a timeout would
       * hold back every later one ("Saved — it will be sent…") until the
       * user closes it. */
      toast (self, rd_error_code_label (RD_ERROR_NO_SECRET_SERVICE), 15);
    }

  show_page (self, "session");
}

static void
on_welcome_page_session_ready_cb (RdWelcomePage *page,
                                  RdSession     *session,
                                  RdWindow      *self)
{
  rd_window_set_session (self, session);
}

/* --- Opening an account in the background --------------------------------------- */

static void
opening_failed (RdWindow     *self,
                const GError *error,
                const char   *login)
{
  show_page (self, "welcome");
  if (login != NULL)
    rd_welcome_page_set_login (self->welcome_page, login);
  /* No token kept is the ordinary way to arrive here: nothing to report. */
  if (!g_error_matches (error, RD_ERROR, RD_ERROR_UNAUTHORIZED))
    rd_welcome_page_show_error (self->welcome_page, error);
}

static void
on_demo_started_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSession) session = rd_session_start_demo_finish (result, &error);

  if (g_error_matches (error, RD_ERROR, RD_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (session == NULL)
    {
      /* The account the user was in is still good: go back to it. */
      if (self->session != NULL)
        {
          g_autofree char *text = rd_welcome_page_describe_error (error);

          show_page (self, "session");
          toast (self, text, 5);
        }
      else
        opening_failed (self, error, NULL);
      return;
    }

  rd_window_set_session (self, session);
}

void
rd_window_start_demo (RdWindow   *self,
                      const char *login)
{
  g_return_if_fail (RD_IS_WINDOW (self));

  cancel_opening (self);
  show_loading (self, self->session != NULL ? _("Switching Accounts…") : _("Starting the Demo…"));
  self->cancellable = g_cancellable_new ();
  rd_session_start_demo_async (login != NULL ? login : "ana", self->cancellable,
                               on_demo_started_cb, g_object_ref (self));
}

typedef struct
{
  RdWindow *window;
  char     *login;
} RestoreData;

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RestoreData *data = user_data;
  g_autoptr(RdWindow) self = data->window;
  g_autofree char *login = data->login;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSession) session = rd_session_restore_finish (result, &error);

  g_free (data);

  if (g_error_matches (error, RD_ERROR, RD_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (session == NULL)
    opening_failed (self, error, login);
  else
    rd_window_set_session (self, session);
}

void
rd_window_restore (RdWindow   *self,
                   const char *url,
                   const char *login)
{
  RestoreData *data;

  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (url != NULL);

  cancel_opening (self);
  show_loading (self, _("Opening Your Cases…"));
  self->cancellable = g_cancellable_new ();

  data = g_new0 (RestoreData, 1);
  data->window = g_object_ref (self);
  data->login = g_strdup (login);
  rd_session_restore_async (url, login, self->cancellable, on_restored_cb, data);
}

void
rd_window_open_case_when_listed (RdWindow   *self,
                                 const char *case_id)
{
  g_return_if_fail (RD_IS_WINDOW (self));

  g_free (self->open_when_listed);
  self->open_when_listed = g_strdup (case_id);
  maybe_open_listed_case (self);
}

const char *
rd_window_get_page (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/* --- Actions ---------------------------------------------------------------------- */

static void
on_new_dispute_filed_cb (GtkWidget  *dialog,
                         const char *case_id,
                         RdWindow   *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  rd_case_list_select_case (self->case_list, case_id);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
new_dispute_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  GtkWidget *dialog;

  if (self->session == NULL || session_role (self) != RD_ROLE_BUYER)
    return;

  dialog = rd_new_dispute_dialog_new (GTK_WINDOW (self), self->session);
  g_signal_connect_object (dialog, "filed", G_CALLBACK (on_new_dispute_filed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  rd_case_list_focus_search (self->case_list);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  if (self->session != NULL)
    rd_session_sync_now (self->session);
}

static void
filter_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  int index = g_variant_get_int32 (parameter);

  if (index < 0)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  rd_case_list_select_filter (self->case_list, (guint) index);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_logged_out_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The window moved on already; the token is gone either way. */
  if (!rd_session_logout_finish (RD_SESSION (source), result, &error))
    g_debug ("Logging out: %s", error->message);
}

static void
log_out_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr(RdSession) session = NULL;
  g_autofree char *login = NULL;

  if (self->session == NULL)
    return;

  session = g_object_ref (self->session);
  if (!rd_session_is_demo (session))
    {
      login = g_strdup (rd_session_get_login (session));
      g_settings_set_string (self->settings, "last-account", "");
    }

  /* Back to the welcome page at once; the platform is told meanwhile. */
  rd_window_set_session (self, NULL);
  rd_welcome_page_set_login (self->welcome_page, login);
  rd_session_logout_async (session, NULL, on_logged_out_cb, NULL);
}

static void
switch_account_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  const char *login = g_variant_get_string (parameter, NULL);

  if (self->session != NULL && !rd_session_is_demo (self->session))
    return;
  if (self->session != NULL && g_strcmp0 (rd_session_get_login (self->session), login) == 0)
    return;

  rd_window_start_demo (self, login);
}

/* --- GObject ------------------------------------------------------------------------ */

static void
rd_window_dispose (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  cancel_opening (self);
  g_clear_handle_id (&self->update_folded_source, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_WINDOW);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_window_parent_class)->dispose (object);
}

static void
rd_window_finalize (GObject *object)
{
  RdWindow *self = RD_WINDOW (object);

  g_clear_pointer (&self->open_when_listed, g_free);

  G_OBJECT_CLASS (rd_window_parent_class)->finalize (object);
}

static gboolean
rd_window_close_request (GtkWindow *window)
{
  rd_window_save_state (RD_WINDOW (window));

  return GTK_WINDOW_CLASS (rd_window_parent_class)->close_request (window);
}

static void
rd_window_class_init (RdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rd_window_dispose;
  object_class->finalize = rd_window_finalize;
  window_class->close_request = rd_window_close_request;

  g_type_ensure (RD_TYPE_WELCOME_PAGE);
  g_type_ensure (RD_TYPE_CASE_LIST);
  g_type_ensure (RD_TYPE_ACCOUNT_MENU);
  g_type_ensure (RD_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, view_switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, new_dispute_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, new_dispute_content);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, session_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, account_menu);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, cases_stack_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, quality_stack_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, case_list);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, content);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, content_status_page);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, quality_box);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_page_session_ready_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_case_list_case_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_case_list_case_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_notify_cb);

  /* The accelerators are the application's (rd-application.c), so that the
   * shortcuts window and the menus show them. */
  gtk_widget_class_install_action (widget_class, "win.new-dispute", NULL, new_dispute_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.filter", "i", filter_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.log-out", NULL, log_out_action);
  gtk_widget_class_install_action (widget_class, "win.switch-account", "s", switch_account_action);
}

static void
rd_window_init (RdWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  rd_window_restore_state (self);
  g_signal_connect (self->settings, "changed::sync-interval",
                    G_CALLBACK (on_settings_sync_interval_changed_cb), self);

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "rd-shortcuts-window.ui");
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                           GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  /* The narrow layout's switcher shows where the header's cannot. */
  g_object_bind_property (self->view_switcher_title, "title-visible",
                          self->switcher_bar, "reveal", G_BINDING_SYNC_CREATE);

  self->case_view = rd_case_view_new ();
  gtk_widget_set_vexpand (self->case_view, TRUE);
  gtk_stack_add_named (self->content_stack, self->case_view, "case");
  self->quality_page = rd_quality_page_new ();
  gtk_widget_set_vexpand (self->quality_page, TRUE);
  gtk_box_append (GTK_BOX (self->quality_box), self->quality_page);

  g_signal_connect_object (rd_case_list_get_model (self->case_list), "reloaded",
                           G_CALLBACK (on_case_list_reloaded_cb), self, 0);

  update_title (self);
  update_actions (self);
  update_back_button (self);
  show_page (self, "welcome");
}

RdWindow *
rd_window_new (RdApplication *application)
{
  g_return_val_if_fail (RD_IS_APPLICATION (application), NULL);

  return g_object_new (RD_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
