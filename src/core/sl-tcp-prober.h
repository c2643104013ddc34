/* sl-tcp-prober.h: "ping" by timing a TCP handshake: works anywhere, even in a sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-prober.h"

G_BEGIN_DECLS

#define SL_TYPE_TCP_PROBER (sl_tcp_prober_get_type ())

G_DECLARE_FINAL_TYPE (SlTcpProber, sl_tcp_prober, SL, TCP_PROBER, GObject)

/* Connects to options->tcp_port of options->target. */
SlProber *sl_tcp_prober_new (const SlProberOptions *options);

G_END_DECLS
