/* sl-prober.c: one ping method, as an interface the pinger drives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-prober.h"

G_DEFINE_INTERFACE (SlProber, sl_prober, G_TYPE_OBJECT)

static void
sl_prober_default_init (SlProberInterface *iface)
{
}

SlPingMethod
sl_prober_get_method (SlProber *self)
{
  g_return_val_if_fail (SL_IS_PROBER (self), SL_PING_METHOD_TCP);
  return SL_PROBER_GET_IFACE (self)->get_method (self);
}

guint16
sl_prober_get_ident (SlProber *self)
{
  SlProberInterface *iface;

  g_return_val_if_fail (SL_IS_PROBER (self), 0);

  iface = SL_PROBER_GET_IFACE (self);
  return iface->get_ident != NULL ? iface->get_ident (self) : 0;
}

void
sl_prober_send (SlProber    *self,
                SlPingProbe *probe)
{
  g_return_if_fail (SL_IS_PROBER (self));
  g_return_if_fail (SL_IS_PING_PROBE (probe));

  SL_PROBER_GET_IFACE (self)->send (self, probe);
}

void
sl_prober_abandon (SlProber    *self,
                   SlPingProbe *probe)
{
  SlProberInterface *iface;

  g_return_if_fail (SL_IS_PROBER (self));

  iface = SL_PROBER_GET_IFACE (self);
  if (iface->abandon != NULL)
    iface->abandon (probe, self);
}

void
sl_prober_close (SlProber *self)
{
  g_return_if_fail (SL_IS_PROBER (self));

  SL_PROBER_GET_IFACE (self)->close (self);
}
