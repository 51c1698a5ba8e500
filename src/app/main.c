/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rd-app-setup.h"
#include "rd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RdApplication) app = NULL;

  rd_app_setup_environment ();
  rd_app_setup_i18n ();

  app = rd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
