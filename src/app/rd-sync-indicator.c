/* rd-sync-indicator.c
 *
 * One glance in the header: online or not, and how many of the user's own
 * actions still wait to be sent.  The popover says the rest in words (the
 * last error, the progress of a long first sync) and offers "Sync Now".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-sync-indicator.h"

/* A pull longer than this many pages shows a progress bar. */
#define LONG_SYNC_PAGES 2

struct _RdSyncIndicator
{
  GtkWidget       parent_instance;

  RdSession      *session;
  char           *text;

  /* Template children */
  GtkMenuButton  *status_button;
  GtkImage       *state_image;
  GtkLabel       *status_label;
  GtkProgressBar *progress_bar;
  GtkWidget      *sync_button;
  GtkPopover     *status_popover;
  GtkLabel       *state_title;
  GtkLabel       *pending_label;
  GtkLabel       *progress_label;
  GtkLabel       *error_label;
  GtkWidget      *relogin_button;
};

G_DEFINE_FINAL_TYPE (RdSyncIndicator, rd_sync_indicator, GTK_TYPE_WIDGET)

static const char *
state_label (RdSessionState state)
{
  switch (state)
    {
    case RD_SESSION_STATE_ONLINE:
      return rd_sync_state_label (RD_SYNC_STATE_IDLE);
    case RD_SESSION_STATE_SYNCING:
      return rd_sync_state_label (RD_SYNC_STATE_SYNCING);
    case RD_SESSION_STATE_ERROR:
      return rd_sync_state_label (RD_SYNC_STATE_ERROR);
    case RD_SESSION_STATE_NEEDS_LOGIN:
      return rd_sync_state_label (RD_SYNC_STATE_NEEDS_LOGIN);
    case RD_SESSION_STATE_OFFLINE:
    default:
      return rd_sync_state_label (RD_SYNC_STATE_OFFLINE);
    }
}

static const char *
state_icon (RdSessionState state)
{
  switch (state)
    {
    case RD_SESSION_STATE_ONLINE:
      return "emblem-ok-symbolic";
    case RD_SESSION_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case RD_SESSION_STATE_ERROR:
    case RD_SESSION_STATE_NEEDS_LOGIN:
      return "dialog-warning-symbolic";
    case RD_SESSION_STATE_OFFLINE:
    default:
      return "network-offline-symbolic";
    }
}

static void
update (RdSyncIndicator *self)
{
  RdSessionState state = RD_SESSION_STATE_OFFLINE;
  const char *error = NULL;
  guint pending = 0, pages = 0, objects = 0;
  g_autofree char *pending_text = NULL;
  g_autofree char *tooltip = NULL;

  if (self->session != NULL)
    {
      state = rd_session_get_state (self->session);
      error = rd_session_get_last_error (self->session);
      pending = rd_session_get_pending_count (self->session);
      rd_session_get_progress (self->session, &pages, &objects);
    }

  g_clear_pointer (&self->text, g_free);
  if (pending > 0)
    {
      /* Translators: the sync state and the number of the user's actions
       * not sent yet: "Offline · 2 waiting" */
      pending_text = g_strdup_printf (g_dngettext (NULL, "%u waiting", "%u waiting", pending), pending);
      self->text = g_strdup_printf (C_("sync status", "%s · %s"), state_label (state), pending_text);
    }
  else
    self->text = g_strdup (state_label (state));

  gtk_label_set_text (self->status_label, self->text);
  gtk_image_set_from_icon_name (self->state_image, state_icon (state));
  gtk_label_set_text (self->state_title, state_label (state));

  if (pending > 0)
    gtk_label_set_text (self->pending_label,
                        g_dngettext (NULL,
                                     "One of your actions will be sent when the platform can be reached.",
                                     "Some of your actions will be sent when the platform can be reached.",
                                     pending));
  else
    gtk_label_set_text (self->pending_label, _("Everything you did has been sent."));

  /* A long first sync: how far it got. */
  if (state == RD_SESSION_STATE_SYNCING && pages >= LONG_SYNC_PAGES)
    {
      g_autofree char *progress = NULL;

      /* Translators: during a long sync: the number of cases and orders received so far */
      progress = g_strdup_printf (g_dngettext (NULL, "%u case or order received so far",
                                               "%u cases and orders received so far", objects),
                                  objects);
      gtk_label_set_text (self->progress_label, progress);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->progress_bar), progress);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->progress_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
    }

  /* The last error in words, never a code. */
  gtk_label_set_text (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && *error != '\0');
  gtk_widget_set_visible (self->relogin_button, state == RD_SESSION_STATE_NEEDS_LOGIN);

  if (error != NULL && *error != '\0')
    tooltip = g_strdup_printf ("%s\n%s", self->text, error);
  else
    tooltip = g_strdup (self->text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_button), tooltip);
  /* Screen readers read the state as the button's name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error != NULL ? error : "",
                                  -1);
}

static void
on_session_notify_cb (RdSession       *session,
                      GParamSpec      *pspec,
                      RdSyncIndicator *self)
{
  update (self);
}

static void
on_session_progress_cb (RdSession       *session,
                        guint            pages,
                        guint            objects,
                        RdSyncIndicator *self)
{
  update (self);
  if (pages >= LONG_SYNC_PAGES)
    gtk_progress_bar_pulse (self->progress_bar);
}

static void
rd_sync_indicator_dispose (GObject *object)
{
  RdSyncIndicator *self = RD_SYNC_INDICATOR (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (rd_sync_indicator_parent_class)->dispose (object);
}

static void
rd_sync_indicator_finalize (GObject *object)
{
  RdSyncIndicator *self = RD_SYNC_INDICATOR (object);

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (rd_sync_indicator_parent_class)->finalize (object);
}

static void
rd_sync_indicator_class_init (RdSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_sync_indicator_dispose;
  object_class->finalize = rd_sync_indicator_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, status_button);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, state_image);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, status_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, sync_button);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, status_popover);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, state_title);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, pending_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, error_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, relogin_button);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rd_sync_indicator_init (RdSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  update (self);
}

GtkWidget *
rd_sync_indicator_new (void)
{
  return g_object_new (RD_TYPE_SYNC_INDICATOR, NULL);
}

void
rd_sync_indicator_set_session (RdSyncIndicator *self,
                               RdSession       *session)
{
  g_return_if_fail (RD_IS_SYNC_INDICATOR (self));
  g_return_if_fail (session == NULL || RD_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect (session, "notify::state", G_CALLBACK (on_session_notify_cb), self);
      g_signal_connect (session, "notify::last-error", G_CALLBACK (on_session_notify_cb), self);
      g_signal_connect (session, "notify::pending-count", G_CALLBACK (on_session_notify_cb), self);
      g_signal_connect (session, "progress", G_CALLBACK (on_session_progress_cb), self);
    }

  update (self);
}

void
rd_sync_indicator_set_compact (RdSyncIndicator *self,
                               gboolean         compact)
{
  g_return_if_fail (RD_IS_SYNC_INDICATOR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), !compact);
}

const char *
rd_sync_indicator_get_text (RdSyncIndicator *self)
{
  g_return_val_if_fail (RD_IS_SYNC_INDICATOR (self), NULL);

  return self->text;
}
