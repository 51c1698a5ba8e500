/* rd-case-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-action-dialogs.h"
#include "rd-case-header.h"
#include "rd-case-view.h"
#include "rd-composer.h"
#include "rd-phrasebook.h"
#include "rd-respond-dialog.h"
#include "rd-rule-dialog.h"
#include "rd-timeline.h"

struct _RdCaseView
{
  GtkWidget parent_instance;

  RdSession *session;
  char *case_id;
  RdCase *kase;         /* as last read from the store */
  guint allowed;        /* bit (1 << RdActionType) */
  char *signature;      /* of what the timeline shows, to rebuild only on change */
  guint reload_source;
  GtkFileChooserNative *chooser;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwStatusPage *missing_page;
  RdCaseHeader *header;
  RdTimeline *timeline;
  RdComposer *composer;
};

G_DEFINE_FINAL_TYPE (RdCaseView, rd_case_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CASE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (RdCaseView *self);

#define ALLOWS(self, type) (((self)->allowed & (1u << (type))) != 0)

/* --- Toasts ---------------------------------------------------------------------- */

static void
toast (RdCaseView *self,
       const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast;

  /* The window's overlay if it has one, so that the toast outlives a
   * change of case; our own otherwise. */
  if (overlay == NULL)
    overlay = GTK_WIDGET (self->toast_overlay);
  /* A toast's title is markup. */
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static gboolean
is_online (RdCaseView *self)
{
  RdSessionState state = rd_session_get_state (self->session);

  return state == RD_SESSION_STATE_ONLINE || state == RD_SESSION_STATE_SYNCING;
}

/* "Offer sent" online, "Offer will be sent when you are online" otherwise. */
static void
toast_done (RdCaseView   *self,
            RdActionType  type)
{
  gboolean online = is_online (self);
  const char *text;

  /* A message shows in place at once: only its waiting needs saying. */
  if (type == RD_ACTION_TYPE_MESSAGE && online)
    return;

  switch (type)
    {
    case RD_ACTION_TYPE_MESSAGE:
      text = online ? _("Message sent") : _("Message will be sent when you are online");
      break;
    case RD_ACTION_TYPE_OFFER:
      text = online ? _("Offer sent") : _("Offer will be sent when you are online");
      break;
    case RD_ACTION_TYPE_ACCEPT_CLAIM:
      text = online ? _("Claim accepted") : _("Your acceptance will be sent when you are online");
      break;
    case RD_ACTION_TYPE_ACCEPT_OFFER:
      text = online ? _("Offer accepted") : _("Your acceptance will be sent when you are online");
      break;
    case RD_ACTION_TYPE_REJECT_OFFER:
      text = online ? _("Offer rejected") : _("Your rejection will be sent when you are online");
      break;
    case RD_ACTION_TYPE_ESCALATE:
      text = online ? _("Sent to the platform for review") : _("Your request will be sent when you are online");
      break;
    case RD_ACTION_TYPE_WITHDRAW:
      text = online ? _("Case withdrawn") : _("The withdrawal will be sent when you are online");
      break;
    case RD_ACTION_TYPE_SHIP_RETURN:
      text = online ? _("Return shipment sent") : _("Return shipment will be sent when you are online");
      break;
    case RD_ACTION_TYPE_CONFIRM_RETURN:
      text = online ? _("Return confirmed") : _("Your confirmation will be sent when you are online");
      break;
    case RD_ACTION_TYPE_RULE:
      text = online ? _("Decision sent") : _("Decision will be sent when you are online");
      break;
    case RD_ACTION_TYPE_RATE:
    default:
      text = online ? _("Rating sent") : _("Rating will be sent when you are online");
      break;
    }
  toast (self, text);
}

/* --- Acting ---------------------------------------------------------------------- */

static gboolean
act (RdCaseView *self,
     RdAction   *action)
{
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || self->case_id == NULL)
    return FALSE;
  if (!rd_session_act (self->session, self->case_id, action, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  toast_done (self, action->type);
  return TRUE;
}

static void
on_dialog_done (GtkWidget *owner,
                RdAction  *action)
{
  act (RD_CASE_VIEW (owner), action);
}

static void
on_action_chosen (GObject    *dialog,
                  RdAction   *action,
                  RdCaseView *self)
{
  act (self, action);
}

static GtkWindow *
parent_window (RdCaseView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static RdOffer *
find_offer (RdCaseView *self,
            const char *id)
{
  for (guint i = 0; self->kase != NULL && i < self->kase->offers->len; i++)
    {
      RdOffer *offer = g_ptr_array_index (self->kase->offers, i);

      if (g_strcmp0 (offer->id, id) == 0)
        return offer;
    }
  return NULL;
}

static void
send_activated (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);
  g_autoptr(RdAction) action = NULL;
  g_autofree char *text = NULL;

  if (self->kase == NULL || !rd_composer_get_can_send (self->composer) || !ALLOWS (self, RD_ACTION_TYPE_MESSAGE))
    return;

  text = rd_composer_dup_text (self->composer);
  action = rd_action_new ();
  action->type = RD_ACTION_TYPE_MESSAGE;
  action->text = g_strdup (text);
  action->lang = rd_action_dialog_writer_language (self->session);

  {
    g_autoptr(GError) error = NULL;

    if (!rd_session_act (self->session, self->case_id, action, &error))
      {
        /* The words stay in the composer, with the reason next to them. */
        rd_composer_show_message (self->composer, error->message);
        return;
      }
  }
  rd_composer_clear (self->composer);
  if (!is_online (self))
    toast_done (self, RD_ACTION_TYPE_MESSAGE);
}

static void
phrase_activated (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);
  const RdPhrase *phrase = rd_phrasebook_lookup (g_variant_get_string (parameter, NULL));
  g_autofree char *lang = NULL;

  if (self->kase == NULL || phrase == NULL)
    return;
  lang = rd_action_dialog_writer_language (self->session);

  if (rd_phrase_get_params (phrase)[0] != NULL)
    rd_action_dialog_phrase (widget, self->kase, phrase, lang, on_dialog_done);
  else
    {
      g_autoptr(RdAction) action = rd_action_new ();

      action->type = RD_ACTION_TYPE_MESSAGE;
      action->template_id = g_strdup (rd_phrase_get_id (phrase));
      action->template_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      action->lang = g_steal_pointer (&lang);
      if (!act (self, action))
        return;
    }
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     RdCaseView      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      guint attached = 0;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          if (rd_composer_attach_file (self->composer, file, NULL))
            attached++;
        }
      if (attached > 0 && !is_online (self))
        toast (self, ngettext ("The file will be sent when you are online",
                               "The files will be sent when you are online", attached));
    }
  g_clear_object (&self->chooser);
}

static void
attach_activated (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->kase == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Attach Photos or PDF Documents"), parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Photos and PDF documents"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
escalate_activated (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);

  if (self->kase != NULL)
    rd_action_dialog_escalate (widget, self->kase, on_dialog_done);
}

static void
withdraw_activated (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);

  if (self->kase != NULL)
    rd_action_dialog_withdraw (widget, self->kase, on_dialog_done);
}

static void
accept_offer_activated (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);
  RdOffer *offer = find_offer (self, g_variant_get_string (parameter, NULL));

  if (offer != NULL)
    rd_action_dialog_accept_offer (widget, self->kase, offer, on_dialog_done);
}

static void
reject_offer_activated (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);
  RdOffer *offer = find_offer (self, g_variant_get_string (parameter, NULL));

  if (offer != NULL)
    rd_action_dialog_reject_offer (widget, self->kase, offer, on_dialog_done);
}

static void
ship_return_activated (GtkWidget  *widget,
                       const char *name,
                       GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);

  if (self->kase != NULL)
    rd_action_dialog_ship_return (widget, self->kase, on_dialog_done);
}

static void
confirm_return_activated (GtkWidget  *widget,
                          const char *name,
                          GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);

  if (self->kase != NULL)
    rd_action_dialog_confirm_return (widget, self->kase, on_dialog_done);
}

static void
rate_activated (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);

  if (self->kase != NULL)
    rd_action_dialog_rate (widget, self->kase, on_dialog_done);
}

static void
accept_claim_activated (GtkWidget  *widget,
                        const char *name,
                        GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);

  if (self->kase != NULL)
    rd_action_dialog_accept_claim (widget, self->kase, on_dialog_done);
}

static void
open_respond_dialog (RdCaseView      *self,
                     RdRespondChoice  choice)
{
  RdRespondDialog *dialog;
  g_autofree char *lang = NULL;

  if (self->kase == NULL)
    return;
  lang = rd_action_dialog_writer_language (self->session);
  if (self->kase->status == RD_STATUS_RETURN_PENDING && choice == RD_RESPOND_NONE)
    choice = RD_RESPOND_CONFIRM_RETURN;
  dialog = rd_respond_dialog_new (parent_window (self), self->kase, self->allowed, choice, lang);
  g_signal_connect_object (dialog, "action-chosen", G_CALLBACK (on_action_chosen), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
respond_activated (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  open_respond_dialog (RD_CASE_VIEW (widget), RD_RESPOND_NONE);
}

static void
make_offer_activated (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  open_respond_dialog (RD_CASE_VIEW (widget), RD_RESPOND_OFFER);
}

static void
rule_activated (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);
  RdRuleDialog *dialog;

  if (self->kase == NULL)
    return;
  dialog = rd_rule_dialog_new (parent_window (self), self->kase);
  g_signal_connect_object (dialog, "action-chosen", G_CALLBACK (on_action_chosen), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
retry_activated (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->session != NULL &&
      !rd_session_retry (self->session, g_variant_get_string (parameter, NULL), &error))
    toast (self, error->message);
}

static void
discard_activated (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  RdCaseView *self = RD_CASE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->session != NULL &&
      !rd_session_discard (self->session, g_variant_get_string (parameter, NULL), &error))
    toast (self, error->message);
}

/* Every action follows what the user may do on this case now. */
static void
update_actions (RdCaseView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_case = self->kase != NULL;
  gboolean message = ALLOWS (self, RD_ACTION_TYPE_MESSAGE);

  gtk_widget_action_set_enabled (widget, "case.send", message && rd_composer_get_can_send (self->composer));
  gtk_widget_action_set_enabled (widget, "case.phrase", message);
  gtk_widget_action_set_enabled (widget, "case.attach", message);
  gtk_widget_action_set_enabled (widget, "case.escalate", ALLOWS (self, RD_ACTION_TYPE_ESCALATE));
  gtk_widget_action_set_enabled (widget, "case.withdraw", ALLOWS (self, RD_ACTION_TYPE_WITHDRAW));
  gtk_widget_action_set_enabled (widget, "case.accept-offer", ALLOWS (self, RD_ACTION_TYPE_ACCEPT_OFFER));
  gtk_widget_action_set_enabled (widget, "case.reject-offer", ALLOWS (self, RD_ACTION_TYPE_REJECT_OFFER));
  gtk_widget_action_set_enabled (widget, "case.ship-return", ALLOWS (self, RD_ACTION_TYPE_SHIP_RETURN));
  gtk_widget_action_set_enabled (widget, "case.confirm-return", ALLOWS (self, RD_ACTION_TYPE_CONFIRM_RETURN));
  gtk_widget_action_set_enabled (widget, "case.rate", ALLOWS (self, RD_ACTION_TYPE_RATE));
  gtk_widget_action_set_enabled (widget, "case.respond",
                                 ALLOWS (self, RD_ACTION_TYPE_OFFER) || ALLOWS (self, RD_ACTION_TYPE_ACCEPT_CLAIM) ||
                                 ALLOWS (self, RD_ACTION_TYPE_CONFIRM_RETURN));
  gtk_widget_action_set_enabled (widget, "case.accept-claim", ALLOWS (self, RD_ACTION_TYPE_ACCEPT_CLAIM));
  gtk_widget_action_set_enabled (widget, "case.make-offer", ALLOWS (self, RD_ACTION_TYPE_OFFER));
  gtk_widget_action_set_enabled (widget, "case.rule", ALLOWS (self, RD_ACTION_TYPE_RULE));
  gtk_widget_action_set_enabled (widget, "case.retry", has_case);
  gtk_widget_action_set_enabled (widget, "case.discard", has_case);
}

static void
on_composer_changed_cb (RdCaseView *self)
{
  update_actions (self);
}

/* --- Following the store ----------------------------------------------------------- */

/* What the timeline depends on, so that a store signal that changed nothing
 * visible (a case marked seen) does not rebuild it. */
static char *
make_signature (RdCaseView *self,
                RdCase     *kase,
                GPtrArray  *outbox)
{
  GString *signature = g_string_new (NULL);
  RdUser *user = rd_session_get_user (self->session);
  g_autofree char *updated = kase->updated_at ? g_date_time_format_iso8601 (kase->updated_at) : NULL;

  g_string_append_printf (signature, "%s|%s|%" G_GINT64_FORMAT "|%s|%u|%u|%d", kase->id,
                          user ? user->id : "", kase->version, updated ? updated : "",
                          kase->events ? kase->events->len : 0, kase->evidence ? kase->evidence->len : 0,
                          rd_session_get_state (self->session) == RD_SESSION_STATE_ONLINE ||
                          rd_session_get_state (self->session) == RD_SESSION_STATE_SYNCING);
  for (guint i = 0; outbox != NULL && i < outbox->len; i++)
    {
      RdOutboxEntry *entry = g_ptr_array_index (outbox, i);

      g_string_append_printf (signature, "|%s:%d:%s", entry->id, entry->state,
                              entry->last_error ? entry->last_error : "");
    }
  return g_string_free (signature, FALSE);
}

static void
reload (RdCaseView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCase) kase = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *signature = NULL;
  RdStore *store;
  RdUser *user;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (self->session == NULL || self->case_id == NULL)
    {
      g_clear_object (&self->kase);
      g_clear_pointer (&self->signature, g_free);
      self->allowed = 0;
      rd_timeline_show (self->timeline, NULL, NULL, NULL);
      rd_composer_set_case (self->composer, NULL, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }

  store = rd_session_get_store (self->session);
  user = rd_session_get_user (self->session);
  kase = rd_store_get_case (store, self->case_id, &error);
  if (kase == NULL)
    {
      g_clear_object (&self->kase);
      g_clear_pointer (&self->signature, g_free);
      self->allowed = 0;
      rd_timeline_show (self->timeline, NULL, NULL, NULL);
      rd_composer_set_case (self->composer, NULL, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "missing");
      update_actions (self);
      return;
    }

  outbox = rd_store_outbox_list (store, self->case_id, NULL);
  now = rd_session_now (self->session);
  g_set_object (&self->kase, kase);
  self->allowed = rd_session_allowed_actions (self->session, kase);

  rd_case_header_set_case (self->header, kase, user, now);
  rd_case_header_set_allowed (self->header, self->allowed);
  signature = make_signature (self, kase, outbox);
  if (g_strcmp0 (signature, self->signature) != 0)
    {
      rd_timeline_show (self->timeline, self->session, kase, outbox);
      g_free (self->signature);
      self->signature = g_steal_pointer (&signature);
    }
  rd_composer_set_case (self->composer, kase, ALLOWS (self, RD_ACTION_TYPE_MESSAGE));
  gtk_stack_set_visible_child_name (self->stack, "case");
  update_actions (self);

  /* The user reads it now. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rd_store_mark_seen (store, self->case_id);
}

static gboolean
on_reload_idle (gpointer user_data)
{
  RdCaseView *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Several store signals in a row make one reload. */
static void
queue_reload (RdCaseView *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (on_reload_idle, self);
}

static void
on_case_changed (RdStore    *store,
                 const char *case_id,
                 RdCaseView *self)
{
  if (g_strcmp0 (case_id, self->case_id) == 0)
    queue_reload (self);
}

static void
on_outbox_changed (RdStore    *store,
                   RdCaseView *self)
{
  if (self->case_id != NULL)
    queue_reload (self);
}

static void
on_session_notify (GObject    *object,
                   GParamSpec *pspec,
                   RdCaseView *self)
{
  /* Online or not changes what may be done and how unsent steps read. */
  if (self->case_id != NULL)
    queue_reload (self);
}

/* --- The widget ---------------------------------------------------------------- */

static void
rd_case_view_map (GtkWidget *widget)
{
  RdCaseView *self = RD_CASE_VIEW (widget);

  GTK_WIDGET_CLASS (rd_case_view_parent_class)->map (widget);
  if (self->session != NULL && self->case_id != NULL && self->kase != NULL)
    rd_store_mark_seen (rd_session_get_store (self->session), self->case_id);
}

static void
disconnect_session (RdCaseView *self)
{
  if (self->session == NULL)
    return;
  g_signal_handlers_disconnect_by_data (rd_session_get_store (self->session), self);
  g_signal_handlers_disconnect_by_data (self->session, self);
}

static void
rd_case_view_dispose (GObject *object)
{
  RdCaseView *self = RD_CASE_VIEW (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  disconnect_session (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CASE_VIEW);
  g_clear_object (&self->session);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (rd_case_view_parent_class)->dispose (object);
}

static void
rd_case_view_finalize (GObject *object)
{
  RdCaseView *self = RD_CASE_VIEW (object);

  g_free (self->case_id);
  g_free (self->signature);

  G_OBJECT_CLASS (rd_case_view_parent_class)->finalize (object);
}

static void
rd_case_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RdCaseView *self = RD_CASE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RdCaseView *self = RD_CASE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rd_case_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_CASE_ID:
      rd_case_view_set_case_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_case_view_class_init (RdCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_case_view_dispose;
  object_class->finalize = rd_case_view_finalize;
  object_class->get_property = rd_case_view_get_property;
  object_class->set_property = rd_case_view_set_property;
  widget_class->map = rd_case_view_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_ID] =
    g_param_spec_string ("case-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_CASE_HEADER);
  g_type_ensure (RD_TYPE_TIMELINE);
  g_type_ensure (RD_TYPE_COMPOSER);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rd-case-view");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCaseView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdCaseView, stack);
  gtk_widget_class_bind_template_child (widget_class, RdCaseView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RdCaseView, missing_page);
  gtk_widget_class_bind_template_child (widget_class, RdCaseView, header);
  gtk_widget_class_bind_template_child (widget_class, RdCaseView, timeline);
  gtk_widget_class_bind_template_child (widget_class, RdCaseView, composer);
  gtk_widget_class_bind_template_callback (widget_class, on_composer_changed_cb);

  gtk_widget_class_install_action (widget_class, "case.send", NULL, send_activated);
  gtk_widget_class_install_action (widget_class, "case.phrase", "s", phrase_activated);
  gtk_widget_class_install_action (widget_class, "case.attach", NULL, attach_activated);
  gtk_widget_class_install_action (widget_class, "case.escalate", NULL, escalate_activated);
  gtk_widget_class_install_action (widget_class, "case.withdraw", NULL, withdraw_activated);
  gtk_widget_class_install_action (widget_class, "case.accept-offer", "s", accept_offer_activated);
  gtk_widget_class_install_action (widget_class, "case.reject-offer", "s", reject_offer_activated);
  gtk_widget_class_install_action (widget_class, "case.ship-return", NULL, ship_return_activated);
  gtk_widget_class_install_action (widget_class, "case.confirm-return", NULL, confirm_return_activated);
  gtk_widget_class_install_action (widget_class, "case.rate", NULL, rate_activated);
  gtk_widget_class_install_action (widget_class, "case.respond", NULL, respond_activated);
  gtk_widget_class_install_action (widget_class, "case.accept-claim", NULL, accept_claim_activated);
  gtk_widget_class_install_action (widget_class, "case.make-offer", NULL, make_offer_activated);
  gtk_widget_class_install_action (widget_class, "case.rule", NULL, rule_activated);
  gtk_widget_class_install_action (widget_class, "case.retry", "s", retry_activated);
  gtk_widget_class_install_action (widget_class, "case.discard", "s", discard_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "case.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "case.send", NULL);
}

static void
rd_case_view_init (RdCaseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

GtkWidget *
rd_case_view_new (void)
{
  return g_object_new (RD_TYPE_CASE_VIEW, NULL);
}

void
rd_case_view_set_session (RdCaseView *self,
                          RdSession  *session)
{
  g_return_if_fail (RD_IS_CASE_VIEW (self));
  g_return_if_fail (session == NULL || RD_IS_SESSION (session));

  if (self->session == session)
    return;

  disconnect_session (self);
  g_set_object (&self->session, session);
  rd_composer_set_session (self->composer, session);
  g_clear_pointer (&self->signature, g_free);

  if (session != NULL)
    {
      RdStore *store = rd_session_get_store (session);

      g_signal_connect_object (store, "case-changed", G_CALLBACK (on_case_changed), self, 0);
      g_signal_connect_object (store, "outbox-changed", G_CALLBACK (on_outbox_changed), self, 0);
      g_signal_connect_object (session, "notify::state", G_CALLBACK (on_session_notify), self, 0);
      g_signal_connect_object (session, "notify::user", G_CALLBACK (on_session_notify), self, 0);
    }
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
rd_case_view_set_case_id (RdCaseView *self,
                          const char *case_id)
{
  g_return_if_fail (RD_IS_CASE_VIEW (self));

  if (g_strcmp0 (self->case_id, case_id) == 0)
    return;

  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  g_clear_pointer (&self->signature, g_free);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_ID]);
}

const char *
rd_case_view_get_case_id (RdCaseView *self)
{
  g_return_val_if_fail (RD_IS_CASE_VIEW (self), NULL);
  return self->case_id;
}

void
rd_case_view_focus_composer (RdCaseView *self)
{
  g_return_if_fail (RD_IS_CASE_VIEW (self));

  if (self->kase != NULL)
    rd_composer_focus (self->composer);
}
