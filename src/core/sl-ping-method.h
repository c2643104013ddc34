/* sl-ping-method.h: choose the ping method this system allows and say why (private).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-prober.h"

G_BEGIN_DECLS

/* Opens a prober for @first, or the next method that works after it (datagram ICMP, raw
 * ICMP, then TCP connect, which always opens). @out_explanation: which method and why,
 * including why the ones before it were not possible, for the student. */
SlProber *sl_ping_method_open        (SlPingMethod            first,
                                      const SlProberOptions  *options,
                                      char                  **out_explanation);

G_END_DECLS
