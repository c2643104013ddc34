/* sl-netlab-report.c: how the netlab clients report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "sl-netlab-report.h"

static gboolean failed;

static void
report (const char *verdict,
        const char *format,
        va_list     ap)
{
  g_autofree char *text = g_strdup_vprintf (format, ap);

  printf ("%s: %s\n", verdict, text);
}

void
sl_netlab_pass (const char *format,
                ...)
{
  va_list ap;

  va_start (ap, format);
  report ("ok", format, ap);
  va_end (ap);
}

void
sl_netlab_fail (const char *format,
                ...)
{
  va_list ap;

  va_start (ap, format);
  report ("not ok", format, ap);
  va_end (ap);
  failed = TRUE;
}

int
sl_netlab_finish (void)
{
  printf ("%s\n", failed ? "FAIL" : "PASS");
  return failed ? 1 : 0;
}
