/* rd-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-application.h"
#include "rd-preferences-window.h"
#include "rd-session.h"
#include "rd-window.h"

struct _RdApplication
{
  AdwApplication parent_instance;

  gboolean demo_mode;
};

G_DEFINE_FINAL_TYPE (RdApplication, rd_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DEMO_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start with the demo platform and its sample cases"), NULL },
  { NULL }
};

static void
rd_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing, rather than g_application_quit(), lets every window save its
   * state; the application ends when the last one is gone. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
rd_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  RdPreferencesWindow *preferences = rd_preferences_window_new (parent);

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
rd_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { _("The Redress developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "destroy-with-parent", TRUE,
                        "application-icon", APP_ID,
                        "application-name", "Redress",
                        /* Translators: the subtitle of the About window */
                        "comments", _("Settle problems with things you bought online"),
                        "developer-name", _("The Redress developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/redress/redress",
                        "issue-url", "https://github.com/redress/redress/issues",
                        /* Translators: the copyright line of the About window */
                        "copyright", _("© 2026 The Redress developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line, to be credited in the About window */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
rd_application_shortcuts_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  /* Each main window carries the shortcuts window as its help overlay. */
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", rd_application_quit_action },
  { "preferences", rd_application_preferences_action },
  { "about", rd_application_about_action },
  { "shortcuts", rd_application_shortcuts_action },
};

static const struct
{
  const char *action;
  const char *accels[2];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  { "win.new-dispute", { "<Control>n", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.sync", { "<Control>r", NULL } },
  { "win.filter(0)", { "<Alt>1", NULL } },
  { "win.filter(1)", { "<Alt>2", NULL } },
  { "win.filter(2)", { "<Alt>3", NULL } },
  { "win.filter(3)", { "<Alt>4", NULL } },
  { "win.filter(4)", { "<Alt>5", NULL } },
};

static void
rd_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdApplication *self = RD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DEMO_MODE:
      g_value_set_boolean (value, self->demo_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdApplication *self = RD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DEMO_MODE:
      rd_application_set_demo_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (rd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), app_accels[i].action,
                                           app_accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

/* What a new window opens: the demo (`--demo`), the account used last (its
 * token is in the keyring), or the welcome page.
 *
 * For build-aux/screenshots only: REDRESS_SCREENSHOT_ACCOUNT names the demo
 * account to start as (instead of ana), REDRESS_SCREENSHOT_CASE the case to
 * open once the list shows it ("first", or a case id). */
static void
rd_application_open_session (RdApplication *self,
                             RdWindow      *window)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *login = g_settings_get_string (settings, "last-account");
  g_autofree char *url = g_settings_get_string (settings, "platform-url");
  const char *screenshot_case = g_getenv ("REDRESS_SCREENSHOT_CASE");

  if (screenshot_case != NULL && *screenshot_case != '\0')
    rd_window_open_case_when_listed (window, screenshot_case);

  if (self->demo_mode)
    {
      const char *account = g_getenv ("REDRESS_SCREENSHOT_ACCOUNT");

      rd_window_start_demo (window, account != NULL && *account != '\0' ? account : "ana");
    }
  else if (*login != '\0' && *url != '\0')
    rd_window_restore (window, url, login);
}

static void
rd_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (rd_window_new (RD_APPLICATION (app)));
      rd_application_open_session (RD_APPLICATION (app), RD_WINDOW (window));
    }

  gtk_window_present (window);
}

static void
rd_application_shutdown (GApplication *app)
{
  /* The demo's platform is a child process on a temporary database. */
  rd_session_stop_demo ();

  G_APPLICATION_CLASS (rd_application_parent_class)->shutdown (app);
}

static int
rd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "demo"))
    rd_application_set_demo_mode (RD_APPLICATION (app), TRUE);

  /* Go on with the default handling. */
  return -1;
}

static void
rd_application_class_init (RdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->get_property = rd_application_get_property;
  object_class->set_property = rd_application_set_property;

  app_class->startup = rd_application_startup;
  app_class->activate = rd_application_activate;
  app_class->shutdown = rd_application_shutdown;
  app_class->handle_local_options = rd_application_handle_local_options;

  /**
   * RdApplication:demo-mode:
   *
   * Whether Redress was started with `--demo`: it then talks to a demo
   * platform filled with sample cases.
   */
  properties[PROP_DEMO_MODE] =
    g_param_spec_boolean ("demo-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_application_init (RdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

RdApplication *
rd_application_new (void)
{
  return g_object_new (RD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/redress/Redress",
                       NULL);
}

gboolean
rd_application_get_demo_mode (RdApplication *self)
{
  g_return_val_if_fail (RD_IS_APPLICATION (self), FALSE);

  return self->demo_mode;
}

void
rd_application_set_demo_mode (RdApplication *self,
                              gboolean       demo_mode)
{
  g_return_if_fail (RD_IS_APPLICATION (self));

  demo_mode = !!demo_mode;
  if (self->demo_mode == demo_mode)
    return;

  self->demo_mode = demo_mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO_MODE]);
}
