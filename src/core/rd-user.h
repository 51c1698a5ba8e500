/* rd-user.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rd-enums.h"
#include "rd-money.h"
#include "rd-party.h"

G_BEGIN_DECLS

#define RD_TYPE_USER (rd_user_get_type ())

/* A user of the platform (`GET /v1/me`).
 *
 * The fields are public and read-only for everybody but the codec and the
 * store, which fill them in; other code builds one with rd_user_new ().
 */
struct _RdUser
{
  GObject parent_instance;

  char  *id;
  char  *name;
  RdRole role;
  char  *locale;                                 /* e.g. "zh_CN" */
};

G_DECLARE_FINAL_TYPE (RdUser, rd_user, RD, USER, GObject)

RdUser *rd_user_new (void);

G_END_DECLS
