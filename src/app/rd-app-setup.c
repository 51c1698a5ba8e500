/* rd-app-setup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <gio/gio.h>

#include <gtk/gtk.h>

#include "rd-app-setup.h"

gboolean
rd_app_is_uninstalled (void)
{
  static gsize initialized = 0;
  static gboolean uninstalled = FALSE;

  if (g_once_init_enter (&initialized))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

      uninstalled = exe != NULL && g_str_has_prefix (exe, BUILD_ROOT G_DIR_SEPARATOR_S);
      g_once_init_leave (&initialized, 1);
    }

  return uninstalled;
}

/* A directory holding at least one LANG/LC_MESSAGES/redress.mo. */
static gboolean
has_catalog (const char *locale_dir)
{
  g_autoptr(GDir) dir = g_dir_open (locale_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *mo = g_build_filename (locale_dir, name, "LC_MESSAGES",
                                              GETTEXT_PACKAGE ".mo", NULL);

      if (g_file_test (mo, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }

  return FALSE;
}

char *
rd_app_dup_locale_dir (void)
{
  const char *env = g_getenv ("REDRESS_LOCALEDIR");
  g_autofree char *build_dir = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  if (rd_app_is_uninstalled ())
    {
      build_dir = g_build_filename (BUILD_ROOT, "po", "locale", NULL);
      if (has_catalog (build_dir))
        return g_steal_pointer (&build_dir);
    }

  return g_strdup (LOCALEDIR);
}

void
rd_app_setup_environment (void)
{
  if (rd_app_is_uninstalled ())
    g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_ROOT G_DIR_SEPARATOR_S "data", FALSE);
}

/* The language of the preferences, or NULL to follow the system.  Looked up
 * carefully: without an installed schema, g_settings_new() would abort. */
static char *
dup_language_override (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *language = NULL;

  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  settings = g_settings_new (APP_ID);
  language = g_settings_get_string (settings, "language");
  if (*language == '\0')
    return NULL;

  return g_steal_pointer (&language);
}

void
rd_app_setup_i18n (void)
{
  g_autofree char *language = dup_language_override ();
  g_autofree char *locale_dir = NULL;

  /* LANGUAGE outranks LANG and LC_MESSAGES for gettext, which is what an
   * explicit choice in the preferences should do. */
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);

  /* Also flushes gettext's cache when LANGUAGE changed since the last call. */
  if (setlocale (LC_ALL, "") == NULL || language != NULL)
    {
      const char *messages = setlocale (LC_MESSAGES, NULL);

      /* gettext ignores LANGUAGE under the "C" locale (LANG unset, or a
       * locale that is not installed): a chosen language would do nothing.
       * C.UTF-8 is always there and lets LANGUAGE decide. */
      if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
        setlocale (LC_ALL, "C.UTF-8");
    }

  /* GTK would call setlocale (LC_ALL, "") again when it starts, undoing
   * the C.UTF-8 fallback above; the locale is set here.  (Tests that switch
   * languages call this again once GTK runs.) */
  if (!gtk_is_initialized ())
    gtk_disable_setlocale ();

  locale_dir = rd_app_dup_locale_dir ();
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
