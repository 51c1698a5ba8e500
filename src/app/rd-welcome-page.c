/* rd-welcome-page.c
 *
 * Logging in and starting the demo both run in the background: the page
 * shows a spinner on the button that was pressed and keeps the window
 * alive, and a failure comes back in place, in words, beside the fields it
 * concerns.  On success the page hands the new session to whoever listens
 * (::session-ready); the window then shows the cases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "rd-error.h"
#include "rd-welcome-page.h"

struct _RdWelcomePage
{
  GtkWidget     parent_instance;

  GSettings    *settings;
  GCancellable *cancellable;
  gboolean      busy;
  char         *error_text;

  /* Template children */
  GtkWidget    *scrolled_window;
  GtkWidget    *title_label;
  GtkWidget    *login_group;
  AdwEntryRow  *url_row;
  AdwEntryRow  *login_row;
  AdwEntryRow  *password_row;
  GtkLabel     *error_label;
  GtkWidget    *login_button;
  GtkSpinner   *login_spinner;
  GtkWidget    *login_button_label;
  GtkWidget    *demo_button;
  GtkSpinner   *demo_spinner;
  GtkWidget    *demo_button_label;
};

G_DEFINE_FINAL_TYPE (RdWelcomePage, rd_welcome_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_SESSION_READY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- State ------------------------------------------------------------------- */

static void
mark_row (AdwEntryRow *row,
          gboolean     wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
update_actions (RdWelcomePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.log-in", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.try-demo", !self->busy);
  gtk_widget_set_sensitive (self->login_group, !self->busy);
}

static void
set_busy (RdWelcomePage *self,
          GtkSpinner    *spinner)
{
  gboolean busy = spinner != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->login_spinner), spinner == self->login_spinner);
  gtk_spinner_set_spinning (self->login_spinner, spinner == self->login_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_spinner), spinner == self->demo_spinner);
  gtk_spinner_set_spinning (self->demo_spinner, spinner == self->demo_spinner);

  if (self->busy == busy)
    return;

  self->busy = busy;
  if (!busy)
    g_clear_object (&self->cancellable);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_error_text (RdWelcomePage *self,
                const char    *text)
{
  g_free (self->error_text);
  self->error_text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;

  gtk_label_set_text (self->error_label, self->error_text != NULL ? self->error_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error_text != NULL);
}

/* --- Logging in ---------------------------------------------------------------- */

static void
finish (RdWelcomePage *self,
        RdSession     *session,
        const GError  *error)
{
  set_busy (self, NULL);

  if (session == NULL)
    {
      rd_welcome_page_show_error (self, error);
      return;
    }

  set_error_text (self, NULL);
  /* The password is not kept a moment longer than needed. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[SIGNAL_SESSION_READY], 0, session);
}

static void
on_logged_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RdWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSession) session = rd_session_login_finish (result, &error);

  /* Cancelled because the page went away: nobody to tell. */
  if (g_error_matches (error, RD_ERROR, RD_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  finish (self, session, error);
}

static void
log_in_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdWelcomePage *self = RD_WELCOME_PAGE (widget);
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autofree char *login = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->login_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (self->busy)
    return;

  mark_row (self->url_row, *url == '\0');
  mark_row (self->login_row, *login == '\0');
  mark_row (self->password_row, *password == '\0');
  if (*url == '\0' || *login == '\0' || *password == '\0')
    {
      set_error_text (self, _("Enter the platform’s address, your login and your password."));
      if (*url == '\0')
        gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      else if (*login == '\0')
        gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  set_error_text (self, NULL);
  set_busy (self, self->login_spinner);
  self->cancellable = g_cancellable_new ();
  rd_session_login_async (url, login, password, self->cancellable,
                          on_logged_in_cb, g_object_ref (self));
}

static void
on_demo_started_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RdWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSession) session = rd_session_start_demo_finish (result, &error);

  if (g_error_matches (error, RD_ERROR, RD_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  finish (self, session, error);
}

static void
try_demo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RdWelcomePage *self = RD_WELCOME_PAGE (widget);

  if (self->busy)
    return;

  set_error_text (self, NULL);
  set_busy (self, self->demo_spinner);
  self->cancellable = g_cancellable_new ();
  rd_session_start_demo_async ("ana", self->cancellable, on_demo_started_cb, g_object_ref (self));
}

static void
on_row_changed_cb (AdwEntryRow   *row,
                   RdWelcomePage *self)
{
  /* Typing again takes the blame off the field. */
  mark_row (row, FALSE);
}

static void
on_row_entry_activated_cb (AdwEntryRow   *row,
                           RdWelcomePage *self)
{
  /* Enter moves on to the next empty field, then logs in. */
  if (row == self->url_row && *gtk_editable_get_text (GTK_EDITABLE (self->login_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
  else if (row != self->password_row &&
           *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "welcome.log-in", NULL);
}

/* --- GObject --------------------------------------------------------------------- */

static void
rd_welcome_page_dispose (GObject *object)
{
  RdWelcomePage *self = RD_WELCOME_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (rd_welcome_page_parent_class)->dispose (object);
}

static void
rd_welcome_page_finalize (GObject *object)
{
  RdWelcomePage *self = RD_WELCOME_PAGE (object);

  g_clear_pointer (&self->error_text, g_free);

  G_OBJECT_CLASS (rd_welcome_page_parent_class)->finalize (object);
}

static void
rd_welcome_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RdWelcomePage *self = RD_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_welcome_page_class_init (RdWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_welcome_page_dispose;
  object_class->finalize = rd_welcome_page_finalize;
  object_class->get_property = rd_welcome_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RdWelcomePage::session-ready:
   * @session: the new session
   *
   * A log-in or the demo succeeded.
   */
  signals[SIGNAL_SESSION_READY] =
    g_signal_new ("session-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, RD_TYPE_SESSION);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, login_group);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, url_row);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, login_row);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, password_row);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, login_button);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, login_spinner);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, login_button_label);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, demo_spinner);
  gtk_widget_class_bind_template_child (widget_class, RdWelcomePage, demo_button_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "welcome.log-in", NULL, log_in_action);
  gtk_widget_class_install_action (widget_class, "welcome.try-demo", NULL, try_demo_action);
}

static void
rd_welcome_page_init (RdWelcomePage *self)
{
  g_autofree char *url = NULL;
  g_autofree char *login = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  url = g_settings_get_string (self->settings, "platform-url");
  login = g_settings_get_string (self->settings, "last-account");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->login_row), login);
}

/* --- Public ---------------------------------------------------------------------- */

GtkWidget *
rd_welcome_page_new (void)
{
  return g_object_new (RD_TYPE_WELCOME_PAGE, NULL);
}

void
rd_welcome_page_set_login (RdWelcomePage *self,
                           const char    *login)
{
  g_autofree char *url = NULL;

  g_return_if_fail (RD_IS_WELCOME_PAGE (self));

  url = g_settings_get_string (self->settings, "platform-url");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->login_row), login != NULL ? login : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}

char *
rd_welcome_page_describe_error (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain != RD_ERROR)
    return g_strdup (error->message);

  switch ((RdErrorCode) error->code)
    {
    case RD_ERROR_NETWORK:
      return g_strdup (_("The platform cannot be reached. Check its address and your connection, then try again."));
    case RD_ERROR_FAILED:
      /* Already in words: "“x” is not a web address…", or the demo's own reason. */
      return g_strdup (error->message != NULL && *error->message != '\0'
                       ? error->message : rd_error_code_label (RD_ERROR_FAILED));
    default:
      return g_strdup (rd_error_code_label (error->code));
    }
}

void
rd_welcome_page_show_error (RdWelcomePage *self,
                            const GError  *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (RD_IS_WELCOME_PAGE (self));

  text = rd_welcome_page_describe_error (error);
  set_error_text (self, text);

  if (error == NULL || error->domain != RD_ERROR)
    return;

  switch ((RdErrorCode) error->code)
    {
    case RD_ERROR_INSECURE_URL:
    case RD_ERROR_FAILED:
    case RD_ERROR_NETWORK:
      mark_row (self->url_row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      break;
    case RD_ERROR_UNAUTHORIZED:
      mark_row (self->password_row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      break;
    default:
      break;
    }
}

const char *
rd_welcome_page_get_error (RdWelcomePage *self)
{
  g_return_val_if_fail (RD_IS_WELCOME_PAGE (self), NULL);

  return self->error_text;
}

gboolean
rd_welcome_page_get_busy (RdWelcomePage *self)
{
  g_return_val_if_fail (RD_IS_WELCOME_PAGE (self), FALSE);

  return self->busy;
}
