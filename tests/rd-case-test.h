/* rd-case-test.h — the old names of what rd-gui-test-util.h now holds, for
 * the tests not yet moved to it (test-pseudo-locale, test-rtl,
 * test-translate-bubble).  New code uses rd-gui-test-util.h; remove this
 * header once nothing includes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "rd-app-setup.h"
#include "rd-case-header.h"
#include "rd-case-view.h"
#include "rd-composer.h"
#include "rd-evidence-thumbnail.h"
#include "rd-gui-test-util.h"
#include "rd-message-bubble.h"
#include "rd-offer-card.h"
#include "rd-pending-row.h"
#include "rd-session.h"
#include "rd-test-util.h"
#include "rd-timeline-row.h"

#define rd_case_test_drain                  rd_gui_test_drain
#define rd_case_test_setup_environment      rd_gui_test_setup_environment
#define rd_case_test_hold_sync(session)     rd_sync_stop (rd_session_get_sync (session))
#define rd_case_test_start_demo             rd_gui_test_start_demo_held
#define rd_case_test_login                  rd_gui_test_login_held
#define rd_case_test_sync                   rd_gui_test_sync
#define rd_case_test_find_case              rd_gui_test_find_case
#define rd_case_test_get_case               rd_gui_test_get_case
#define rd_case_test_status                 rd_gui_test_status
#define rd_case_test_act                    rd_gui_test_act
#define rd_case_test_open_window            rd_gui_test_open_case_view
#define rd_case_test_collect                rd_gui_test_collect
#define rd_case_test_all                    rd_gui_test_all
#define rd_case_test_first                  rd_gui_test_first
#define rd_case_test_count                  rd_gui_test_count
#define rd_case_test_is_drawn               rd_gui_test_is_drawn
#define rd_case_test_find_label             rd_gui_test_find_label
#define rd_case_test_find_label_containing  rd_gui_test_find_label_containing
#define rd_case_test_find_button            rd_gui_test_find_button
#define rd_case_test_find_pending           rd_gui_test_find_pending
#define rd_case_test_find_message_dialog    rd_gui_test_find_message_dialog
#define rd_case_test_respond                rd_gui_test_respond
#define rd_case_test_find_window            rd_gui_test_find_window
#define rd_case_test_type_text              rd_gui_test_type_text
#define rd_case_test_fill_entry_row         rd_gui_test_fill_entry_row
#define rd_case_test_dump_labels            rd_gui_test_dump_labels
