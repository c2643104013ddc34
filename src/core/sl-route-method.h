/* sl-route-method.h: choose the route method this system allows and say why (private).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-route-prober.h"

G_BEGIN_DECLS

/* Opens a prober for @first or, when this system does not allow it, UDP, then TCP (which
 * always opens). @out_explanation: which method and why, including why the ones before it
 * could not be used, for the student. */
SlRouteProber *sl_route_method_open        (SlRouteMethod               first,
                                            const SlRouteProberOptions *options,
                                            char                      **out_explanation);

G_END_DECLS
