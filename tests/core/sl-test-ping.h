/* sl-test-ping.h: what tests and benchmarks compare between SlPinger and ping(8): the RTTs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-pinger.h"

G_BEGIN_DECLS

/* The RTTs of the "… time=0.041 ms" lines ping(8) printed, in µs; duplicates are left out. */
GArray *sl_test_iputils_times_us  (const char *output);
/* The RTTs of the probes an SlPinger run got a reply to, in µs. */
GArray *sl_test_pinger_times_us   (SlPinger   *pinger);

G_END_DECLS
