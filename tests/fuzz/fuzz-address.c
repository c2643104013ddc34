/* fuzz-address.c: libFuzzer target for sl_address_parse and sl_address_parse_port.
 * The input is the host text, then optionally '\n' and the port text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sl-address.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_error (const GError *error)
{
  gboolean host_code;

  g_assert (error != NULL);
  g_assert (error->domain == SL_ADDRESS_ERROR);
  g_assert (error->code >= SL_ADDRESS_ERROR_EMPTY_HOST && error->code <= SL_ADDRESS_ERROR_UNKNOWN_SERVICE);
  g_assert (error->message[0] != '\0');
  g_assert (g_utf8_validate (error->message, -1, NULL));
  host_code = error->code <= SL_ADDRESS_ERROR_IPV6_NEEDS_BRACKETS;
  g_assert (sl_address_is_host_error (error) == host_code);
}

/* A literal has a canonical form that is its own, with nothing to explain, and that
 * inet_pton () reads; a name has neither a canonical form nor a note. */
static void
check_literal (const SlAddress *address)
{
  g_autoptr(SlAddress) canonical = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bare = NULL;
  g_autoptr(GInetAddress) inet = NULL;

  if (address->family == G_SOCKET_FAMILY_INVALID)
    {
      g_assert (address->canonical == NULL && address->note == NULL);
      return;
    }
  g_assert (address->canonical != NULL);
  g_assert (address->note == NULL || g_utf8_validate (address->note, -1, NULL));
  bare = g_strndup (address->canonical, strcspn (address->canonical, "%"));
  inet = g_inet_address_new_from_string (bare);
  g_assert (inet != NULL && g_inet_address_get_family (inet) == address->family);
  canonical = sl_address_parse (address->canonical, "1", &error);
  g_assert_no_error (error);
  g_assert (strcmp (canonical->host, address->canonical) == 0);
  g_assert (strcmp (canonical->canonical, address->canonical) == 0);
  g_assert (canonical->note == NULL);
  g_assert (canonical->family == address->family);
}

/* What was parsed prints and parses back to the same address. */
static void
check_address (const SlAddress *address)
{
  g_autofree char *string = sl_address_to_string (address);
  g_autoptr(SlAddress) again = NULL;
  g_autoptr(SlAddress) copy = sl_address_copy (address);
  g_autoptr(GError) error = NULL;

  g_assert (address->host != NULL && address->host[0] != '\0');
  g_assert (g_str_is_ascii (address->host));
  g_assert (address->port != 0);
  g_assert (address->family == G_SOCKET_FAMILY_INVALID ||
            address->family == G_SOCKET_FAMILY_IPV4 ||
            address->family == G_SOCKET_FAMILY_IPV6);
  again = sl_address_parse (string, NULL, &error);
  g_assert_no_error (error);
  g_assert (strcmp (again->host, address->host) == 0);
  g_assert (again->port == address->port);
  g_assert (again->family == address->family);
  g_assert (strcmp (copy->host, address->host) == 0 && copy->port == address->port);
  g_assert (g_strcmp0 (copy->canonical, address->canonical) == 0);
  g_assert (g_strcmp0 (copy->note, address->note) == 0);
  check_literal (address);
}

/* allow_zero only ever widens what is accepted. */
static void
check_port (const char *text)
{
  g_autoptr(GError) strict_error = NULL;
  g_autoptr(GError) zero_error = NULL;
  guint16 strict = 0, zero = 0;
  gboolean strict_ok = sl_address_parse_port (text, FALSE, &strict, &strict_error);
  gboolean zero_ok = sl_address_parse_port (text, TRUE, &zero, &zero_error);

  g_assert (strict_ok == (strict_error == NULL));
  g_assert (zero_ok == (zero_error == NULL));
  if (!strict_ok)
    check_error (strict_error);
  if (!zero_ok)
    check_error (zero_error);
  if (strict_ok)
    g_assert (zero_ok && strict == zero && strict != 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *newline = memchr (data, '\n', size);
  g_autofree char *host = g_strndup ((const char *) data, newline ? (gsize) (newline - data) : size);
  g_autofree char *port = newline ? g_strndup ((const char *) newline + 1, size - (newline - data) - 1) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAddress) address = sl_address_parse (host, port, &error);

  g_assert ((address == NULL) == (error != NULL));
  if (address != NULL)
    check_address (address);
  else
    check_error (error);
  check_port (port != NULL ? port : host);
  return 0;
}
