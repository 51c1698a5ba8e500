/* rd-account-menu.c
 *
 * The avatar at the end of the header.  Its menu names the user, their role
 * and where they are logged in; in the demo it switches between the demo's
 * accounts (a radio list, so the current one is marked), and it logs out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "rd-account-menu.h"
#include "rd-format.h"

/* The demo platform's accounts as it names them (src/platform/rd-demo.c):
 * the menu offers them before any of them has logged in. */
static const struct
{
  const char *login;
  const char *name;
  RdRole      role;
} demo_accounts[] = {
  { "ana", "Ana Ribeiro", RD_ROLE_BUYER },
  { "li", "Li Wei", RD_ROLE_BUYER },
  { "kai", "Kai's Gadgets", RD_ROLE_SELLER },
  { "sol", "Sol Outfitters", RD_ROLE_SELLER },
  { "mia", "Mia Okafor", RD_ROLE_AGENT },
};

struct _RdAccountMenu
{
  GtkWidget           parent_instance;

  RdSession          *session;
  GMenu              *menu;
  GMenu              *demo_section;
  gboolean            demo_shown;
  GSimpleActionGroup *actions;

  /* Template children */
  GtkMenuButton      *menu_button;
  AdwAvatar          *button_avatar;
  GtkPopoverMenu     *popover;
  GtkWidget          *header;
  AdwAvatar          *header_avatar;
  GtkLabel           *name_label;
  GtkLabel           *role_label;
  GtkLabel           *where_label;
};

G_DEFINE_FINAL_TYPE (RdAccountMenu, rd_account_menu, GTK_TYPE_WIDGET)

static char *
account_title (const char *name,
               RdRole      role)
{
  g_autofree char *isolated = rd_format_isolate (name);
  /* Translators: a user and their role: "Ana Ribeiro (Buyer)" */
  g_autofree char *title = g_strdup_printf (C_("account", "%s (%s)"), isolated, rd_role_label (role));

  /* Pango takes a line's direction from its first letter, even one inside
   * the isolate: a right-to-left line starts with RLM. */
  return g_strconcat (gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL ? "\xe2\x80\x8f" : "", title, NULL);
}

static void
on_switch_change_state_cb (GSimpleAction *action,
                           GVariant      *state,
                           gpointer       user_data)
{
  RdAccountMenu *self = user_data;
  const char *login = g_variant_get_string (state, NULL);
  const char *current = self->session != NULL ? rd_session_get_login (self->session) : NULL;

  if (g_strcmp0 (login, current) == 0)
    return;

  /* The window replaces the session; set_session () then moves the mark. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.switch-account", "s", login);
}

static void
update (RdAccountMenu *self)
{
  RdUser *user = self->session != NULL ? rd_session_get_user (self->session) : NULL;
  const char *login = self->session != NULL ? rd_session_get_login (self->session) : NULL;
  gboolean demo = self->session != NULL && rd_session_is_demo (self->session);
  g_autofree char *title = NULL;
  GAction *action;

  if (user != NULL)
    {
      title = account_title (user->name, user->role);
      gtk_label_set_text (self->name_label, user->name);
      gtk_label_set_text (self->role_label, rd_role_label (user->role));
      adw_avatar_set_text (self->button_avatar, user->name);
      adw_avatar_set_text (self->header_avatar, user->name);
    }
  else
    {
      gtk_label_set_text (self->name_label, login != NULL ? login : "");
      gtk_label_set_text (self->role_label, "");
      adw_avatar_set_text (self->button_avatar, login);
      adw_avatar_set_text (self->header_avatar, login);
    }

  if (demo)
    gtk_label_set_text (self->where_label, _("Demo platform on this computer"));
  else if (self->session != NULL && rd_session_get_url (self->session) != NULL)
    gtk_label_set_text (self->where_label, rd_session_get_url (self->session));
  else
    gtk_label_set_text (self->where_label, "");

  /* Translators: the tooltip of the account button; %s is "Ana Ribeiro (Buyer)" */
  if (title != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf (_("Account: %s"), title);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }

  if (demo != self->demo_shown)
    {
      if (demo)
        g_menu_insert_section (self->menu, 1, _("Demo Accounts"), G_MENU_MODEL (self->demo_section));
      else
        g_menu_remove (self->menu, 1);
      self->demo_shown = demo;
    }

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "switch");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (login != NULL ? login : ""));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), demo);
}

static void
rd_account_menu_dispose (GObject *object)
{
  RdAccountMenu *self = RD_ACCOUNT_MENU (object);

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_ACCOUNT_MENU);
  g_clear_object (&self->menu);
  g_clear_object (&self->demo_section);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (rd_account_menu_parent_class)->dispose (object);
}

static void
rd_account_menu_class_init (RdAccountMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_account_menu_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-account-menu.ui");
  gtk_widget_class_bind_template_child (widget_class, RdAccountMenu, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RdAccountMenu, button_avatar);
  gtk_widget_class_bind_template_child (widget_class, RdAccountMenu, popover);
  gtk_widget_class_bind_template_child (widget_class, RdAccountMenu, header);
  gtk_widget_class_bind_template_child (widget_class, RdAccountMenu, header_avatar);
  gtk_widget_class_bind_template_child (widget_class, RdAccountMenu, name_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountMenu, role_label);
  gtk_widget_class_bind_template_child (widget_class, RdAccountMenu, where_label);
}

static void
rd_account_menu_init (RdAccountMenu *self)
{
  g_autoptr(GMenu) header_section = g_menu_new ();
  g_autoptr(GMenu) logout_section = g_menu_new ();
  g_autoptr(GMenuItem) header_item = g_menu_item_new (NULL, NULL);
  g_autoptr(GSimpleAction) switch_action = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->actions = g_simple_action_group_new ();
  switch_action = g_simple_action_new_stateful ("switch", G_VARIANT_TYPE_STRING,
                                                g_variant_new_string (""));
  g_signal_connect (switch_action, "change-state", G_CALLBACK (on_switch_change_state_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (switch_action));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "account", G_ACTION_GROUP (self->actions));

  /* Who: a widget of its own at the top of the menu. */
  g_menu_item_set_attribute (header_item, "custom", "s", "header");
  g_menu_append_item (header_section, header_item);

  self->demo_section = g_menu_new ();
  for (guint i = 0; i < G_N_ELEMENTS (demo_accounts); i++)
    {
      g_autofree char *label = account_title (demo_accounts[i].name, demo_accounts[i].role);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "account.switch",
                                               g_variant_new_string (demo_accounts[i].login));
      g_menu_append_item (self->demo_section, item);
    }

  g_menu_append (logout_section, _("_Log Out"), "win.log-out");

  self->menu = g_menu_new ();
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (header_section));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (logout_section));

  gtk_popover_menu_set_menu_model (self->popover, G_MENU_MODEL (self->menu));
  gtk_popover_menu_add_child (self->popover, self->header, "header");

  update (self);
}

GtkWidget *
rd_account_menu_new (void)
{
  return g_object_new (RD_TYPE_ACCOUNT_MENU, NULL);
}

void
rd_account_menu_set_session (RdAccountMenu *self,
                             RdSession     *session)
{
  g_return_if_fail (RD_IS_ACCOUNT_MENU (self));
  g_return_if_fail (session == NULL || RD_IS_SESSION (session));

  g_set_object (&self->session, session);
  update (self);
}

char *
rd_account_menu_dup_title (RdAccountMenu *self)
{
  RdUser *user;

  g_return_val_if_fail (RD_IS_ACCOUNT_MENU (self), NULL);

  user = self->session != NULL ? rd_session_get_user (self->session) : NULL;
  if (user == NULL)
    return NULL;
  return account_title (user->name, user->role);
}

GMenuModel *
rd_account_menu_get_menu (RdAccountMenu *self)
{
  g_return_val_if_fail (RD_IS_ACCOUNT_MENU (self), NULL);

  return G_MENU_MODEL (self->menu);
}
