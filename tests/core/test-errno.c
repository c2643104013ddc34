/* test-errno.c: errno names, explanations and the GIOErrorEnum round trip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include "sl-errno.h"

static void
test_names (void)
{
  g_assert_cmpstr (sl_errno_name (ECONNREFUSED), ==, "ECONNREFUSED");
  g_assert_cmpstr (sl_errno_name (ETIMEDOUT), ==, "ETIMEDOUT");
  g_assert_cmpstr (sl_errno_name (EADDRINUSE), ==, "EADDRINUSE");
  g_assert_null (sl_errno_name (-12345));
}

static void
test_describe (void)
{
  g_autofree char *refused = sl_errno_describe (ECONNREFUSED);
  g_autofree char *unknown = sl_errno_describe (-12345);

  g_assert_true (g_str_has_prefix (refused, "ECONNREFUSED (111): Connection refused"));
  g_assert_true (g_str_has_prefix (unknown, "errno -12345: "));
}

static void
test_from_error (void)
{
  static const int errnos[] = { ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH,
                                EADDRINUSE, EACCES, EMFILE, EPIPE };

  for (guint i = 0; i < G_N_ELEMENTS (errnos); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR,
                                                     g_io_error_from_errno (errnos[i]),
                                                     "x");
      g_assert_cmpint (sl_errno_from_error (error), ==, errnos[i]);
    }
  g_assert_cmpint (sl_errno_from_error (NULL), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/errno/names", test_names);
  g_test_add_func ("/errno/describe", test_describe);
  g_test_add_func ("/errno/from-error", test_from_error);
  return g_test_run ();
}
