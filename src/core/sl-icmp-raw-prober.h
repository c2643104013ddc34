/* sl-icmp-raw-prober.h: ICMP echo over a raw socket (root or CAP_NET_RAW).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-icmp-prober.h"

G_BEGIN_DECLS

#define SL_TYPE_ICMP_RAW_PROBER (sl_icmp_raw_prober_get_type ())

G_DECLARE_FINAL_TYPE (SlIcmpRawProber, sl_icmp_raw_prober, SL, ICMP_RAW_PROBER, SlIcmpProber)

/* NULL with *out_errno (EPERM without the privilege). */
SlProber *sl_icmp_raw_prober_open (const SlProberOptions *options,
                                   int                   *out_errno);

G_END_DECLS
