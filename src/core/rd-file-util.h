/* rd-file-util.h — small file-system helpers shared by the core and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes @path and, if it is a folder, everything in it; symbolic links
 * are removed, never followed.  NULL and missing paths are fine. */
void rd_remove_tree (const char *path);

G_END_DECLS
