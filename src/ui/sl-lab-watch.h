/* sl-lab-watch.h: what the pages do, told to the lab's steps so that they tick.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-connect-page.h"
#include "sl-lab-steps.h"
#include "sl-ping-page.h"

G_BEGIN_DECLS

/* Resolving, sending and receiving on the Connect page, read from its socket calls. */
void sl_lab_watch_connect_page (SlLabSteps    *steps,
                                SlConnectPage *page);
/* A ping run with replies from two targets or more. */
void sl_lab_watch_ping_page    (SlLabSteps    *steps,
                                SlPingPage    *page);

G_END_DECLS
