/* rd-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_APPLICATION (rd_application_get_type ())

G_DECLARE_FINAL_TYPE (RdApplication, rd_application, RD, APPLICATION, AdwApplication)

RdApplication *rd_application_new           (void);
gboolean       rd_application_get_demo_mode (RdApplication *self);
void           rd_application_set_demo_mode (RdApplication *self,
                                             gboolean       demo_mode);

G_END_DECLS
