/* sl-icmp-dgram-prober.h: ICMP echo over an unprivileged datagram socket (Linux ping sockets).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-icmp-prober.h"

G_BEGIN_DECLS

#define SL_TYPE_ICMP_DGRAM_PROBER (sl_icmp_dgram_prober_get_type ())

G_DECLARE_FINAL_TYPE (SlIcmpDgramProber, sl_icmp_dgram_prober, SL, ICMP_DGRAM_PROBER, SlIcmpProber)

/* NULL with *out_errno when this system does not allow it (EACCES outside ping_group_range). */
SlProber *sl_icmp_dgram_prober_open (const SlProberOptions *options,
                                     int                   *out_errno);

G_END_DECLS
