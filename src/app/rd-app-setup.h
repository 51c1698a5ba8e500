/* rd-app-setup.h — what main() prepares before the application runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when the running program lives in the build tree (BUILD_ROOT). */
gboolean  rd_app_is_uninstalled     (void);

/* Where the translations are: $REDRESS_LOCALEDIR when set, else the build
 * tree's po/locale when running uninstalled and a catalog exists there, else
 * LOCALEDIR. */
char     *rd_app_dup_locale_dir     (void);

/* Lets an uninstalled run find the GSettings schema compiled into the build
 * tree, unless GSETTINGS_SCHEMA_DIR is already set. */
void      rd_app_setup_environment  (void);

/* Applies the language chosen in the preferences (if any), then sets up the
 * locale and the text domain.  Safe to call again after LANGUAGE changed. */
void      rd_app_setup_i18n         (void);

G_END_DECLS
