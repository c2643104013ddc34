/* test-address.c: host and port parsing, valid forms and every error code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <netdb.h>
#include <string.h>

#include "sl-address.h"

typedef struct {
  const char    *host_text;
  const char    *port_text;
  const char    *host;
  guint16        port;
  GSocketFamily  family;
  const char    *string;
} ValidCase;

static const ValidCase valid_cases[] = {
  { "example.org", "80", "example.org", 80, G_SOCKET_FAMILY_INVALID, "example.org:80" },
  { "  localhost \t", " 8080 ", "localhost", 8080, G_SOCKET_FAMILY_INVALID, "localhost:8080" },
  { "www.example.org.", "443", "www.example.org.", 443, G_SOCKET_FAMILY_INVALID, "www.example.org.:443" },
  { "a-b.c0.Example", "1", "a-b.c0.Example", 1, G_SOCKET_FAMILY_INVALID, "a-b.c0.Example:1" },
  { "bücher.example", "80", "xn--bcher-kva.example", 80, G_SOCKET_FAMILY_INVALID, "xn--bcher-kva.example:80" },
  { "127.0.0.1", "5000", "127.0.0.1", 5000, G_SOCKET_FAMILY_IPV4, "127.0.0.1:5000" },
  { "0.0.0.0", "65535", "0.0.0.0", 65535, G_SOCKET_FAMILY_IPV4, "0.0.0.0:65535" },
  { "::1", "8080", "::1", 8080, G_SOCKET_FAMILY_IPV6, "[::1]:8080" },
  { "[::1]", "8080", "::1", 8080, G_SOCKET_FAMILY_IPV6, "[::1]:8080" },
  { "2001:db8::42", "00022", "2001:db8::42", 22, G_SOCKET_FAMILY_IPV6, "[2001:db8::42]:22" },
  { "::ffff:127.0.0.1", "7", "::ffff:127.0.0.1", 7, G_SOCKET_FAMILY_IPV6, "[::ffff:127.0.0.1]:7" },
  { "fe80::1%lo", "22", "fe80::1%lo", 22, G_SOCKET_FAMILY_IPV6, "[fe80::1%lo]:22" },
  /* With a separate port, a valid IPv6 literal is taken whole. */
  { "::1:8080", "9000", "::1:8080", 9000, G_SOCKET_FAMILY_IPV6, "[::1:8080]:9000" },
  /* The port inside the host text. */
  { "example.org:80", NULL, "example.org", 80, G_SOCKET_FAMILY_INVALID, "example.org:80" },
  { "127.0.0.1:5000", "", "127.0.0.1", 5000, G_SOCKET_FAMILY_IPV4, "127.0.0.1:5000" },
  { " [::1]:8080 ", "  ", "::1", 8080, G_SOCKET_FAMILY_IPV6, "[::1]:8080" },
  { "[fe80::1%lo]:22", NULL, "fe80::1%lo", 22, G_SOCKET_FAMILY_IPV6, "[fe80::1%lo]:22" },
};

static void
test_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      const ValidCase *c = &valid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(SlAddress) address = sl_address_parse (c->host_text, c->port_text, &error);
      g_autofree char *string = NULL;

      g_test_message ("case %u: “%s” “%s”", i, c->host_text, c->port_text);
      g_assert_no_error (error);
      g_assert_nonnull (address);
      g_assert_cmpstr (address->host, ==, c->host);
      g_assert_cmpuint (address->port, ==, c->port);
      g_assert_cmpint (address->family, ==, c->family);
      string = sl_address_to_string (address);
      g_assert_cmpstr (string, ==, c->string);
    }
}

/* IPv4 in every form inet_aton () accepts, as the C library (and Python's
 * socket.gethostbyname ()) read them; the note tells the student what they mean. */
typedef struct {
  const char    *host_text;
  const char    *host;        /* what is looked up */
  GSocketFamily  family;
  const char    *canonical;
  const char    *note;
} LiteralCase;

static const LiteralCase literal_cases[] = {
  { "127.0.0.1", "127.0.0.1", G_SOCKET_FAMILY_IPV4, "127.0.0.1", NULL },
  { "127.1", "127.1", G_SOCKET_FAMILY_IPV4, "127.0.0.1",
    "127.1 is 127.0.0.1 (the last number fills the bytes left out)" },
  { "1.2.3", "1.2.3", G_SOCKET_FAMILY_IPV4, "1.2.0.3",
    "1.2.3 is 1.2.0.3 (the last number fills the bytes left out)" },
  { "2130706433", "2130706433", G_SOCKET_FAMILY_IPV4, "127.0.0.1",
    "2130706433 is 127.0.0.1 (a single number gives all four bytes)" },
  { "4294967295", "4294967295", G_SOCKET_FAMILY_IPV4, "255.255.255.255",
    "4294967295 is 255.255.255.255 (a single number gives all four bytes)" },
  { "0177.0.0.1", "0177.0.0.1", G_SOCKET_FAMILY_IPV4, "127.0.0.1",
    "0177.0.0.1 is 127.0.0.1 (a leading 0 makes a number octal)" },
  { "192.168.010.1", "192.168.010.1", G_SOCKET_FAMILY_IPV4, "192.168.8.1",
    "192.168.010.1 is 192.168.8.1 (a leading 0 makes a number octal)" },
  { "0x7f.1", "0x7f.1", G_SOCKET_FAMILY_IPV4, "127.0.0.1",
    "0x7f.1 is 127.0.0.1 (0x starts a hexadecimal number; the last number fills the bytes left out)" },
  { "0x7f000001", "0x7f000001", G_SOCKET_FAMILY_IPV4, "127.0.0.1",
    "0x7f000001 is 127.0.0.1 (0x starts a hexadecimal number; a single number gives all four bytes)" },
  { "0X7F.0.0.1", "0X7F.0.0.1", G_SOCKET_FAMILY_IPV4, "127.0.0.1",
    "0X7F.0.0.1 is 127.0.0.1 (0x starts a hexadecimal number)" },
  /* Unicode: read as IDNA does (NFKC, and 。．｡ are dots), then the same rules. */
  { "１２７.０.０.１", "127.0.0.1", G_SOCKET_FAMILY_IPV4, "127.0.0.1",
    "１２７.０.０.１ is 127.0.0.1 (Unicode digits and dots are read as 0–9 and “.”)" },
  { "127。0。0。1", "127.0.0.1", G_SOCKET_FAMILY_IPV4, "127.0.0.1",
    "127。0。0。1 is 127.0.0.1 (Unicode digits and dots are read as 0–9 and “.”)" },
  { "127．0．0．1", "127.0.0.1", G_SOCKET_FAMILY_IPV4, "127.0.0.1",
    "127．0．0．1 is 127.0.0.1 (Unicode digits and dots are read as 0–9 and “.”)" },
  { "127｡0｡0｡1", "127.0.0.1", G_SOCKET_FAMILY_IPV4, "127.0.0.1",
    "127｡0｡0｡1 is 127.0.0.1 (Unicode digits and dots are read as 0–9 and “.”)" },
  { "１２７。１", "127.1", G_SOCKET_FAMILY_IPV4, "127.0.0.1",
    "１２７。１ is 127.0.0.1 (Unicode digits and dots are read as 0–9 and “.”; the last number fills the bytes left out)" },
  /* IPv6 is told its usual short form too; names have neither. */
  { "::1", "::1", G_SOCKET_FAMILY_IPV6, "::1", NULL },
  { "0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:1", G_SOCKET_FAMILY_IPV6, "::1", "0:0:0:0:0:0:0:1 is ::1" },
  { "[::FFFF:7F00:1]", "::FFFF:7F00:1", G_SOCKET_FAMILY_IPV6, "::ffff:127.0.0.1",
    "::FFFF:7F00:1 is ::ffff:127.0.0.1" },
  { "fe80::0:1%lo", "fe80::0:1%lo", G_SOCKET_FAMILY_IPV6, "fe80::1%lo", "fe80::0:1%lo is fe80::1%lo" },
  { "example.org", "example.org", G_SOCKET_FAMILY_INVALID, NULL, NULL },
  { "deadbeef.cafe", "deadbeef.cafe", G_SOCKET_FAMILY_INVALID, NULL, NULL },
  { "0x7f.example", "0x7f.example", G_SOCKET_FAMILY_INVALID, NULL, NULL },
  { "www。example．org", "www.example.org", G_SOCKET_FAMILY_INVALID, NULL, NULL },
};

static void
test_literal_forms (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (literal_cases); i++)
    {
      const LiteralCase *c = &literal_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(SlAddress) address = sl_address_parse (c->host_text, "80", &error);
      g_autoptr(SlAddress) again = NULL;

      g_test_message ("literal case %u: “%s”", i, c->host_text);
      g_assert_no_error (error);
      g_assert_cmpstr (address->host, ==, c->host);
      g_assert_cmpint (address->family, ==, c->family);
      g_assert_cmpstr (address->canonical, ==, c->canonical);
      g_assert_cmpstr (address->note, ==, c->note);
      if (c->canonical == NULL)
        continue;
      /* The canonical form is its own canonical form, with nothing to explain. */
      again = sl_address_parse (c->canonical, "80", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again->canonical, ==, c->canonical);
      g_assert_null (again->note);
    }
}

/* The real inet_aton () decides, but only for a whole text of digits, letters x and dots:
 * inet_aton () itself ignores whatever follows a space. */
static void
test_parse_inet_aton (void)
{
  static const struct { const char *text; const char *address; } cases[] = {
    { "127.1", "127.0.0.1" },
    { "0x7f.0.0.1", "127.0.0.1" },
    { "017700000001", "127.0.0.1" },
    { "1.0x10203", "1.1.2.3" },
    { "127.0.0.1", "127.0.0.1" },
    { "1.2.3.4 junk", NULL },
    { "127.1 ", NULL },
    { " 127.1", NULL },
    { "256.1", NULL },
    { "1.16777216", NULL },
    { "0x", NULL },
    { "deadbeef", NULL },
    { "::1", NULL },
    { "１２７.１", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInetAddress) address = sl_address_parse_inet_aton (cases[i].text);
      g_autofree char *text = address ? g_inet_address_to_string (address) : NULL;

      g_test_message ("inet_aton case %u: “%s”", i, cases[i].text);
      g_assert_cmpstr (text, ==, cases[i].address);
      if (address != NULL)
        g_assert_cmpint (g_inet_address_get_family (address), ==, G_SOCKET_FAMILY_IPV4);
    }
}

/* Names at and past the RFC 1123 limits: 63 per label, 253 in all. */
typedef struct {
  const char *path;
  guint       n_labels;     /* of 63 characters */
  guint       last_label;   /* characters of one more label, 0 for none */
  gsize       length;       /* of the whole name */
  int         code;         /* -1 when valid */
  const char *message;      /* a part of the message */
} NameLimitCase;

static const NameLimitCase name_limit_cases[] = {
  { "/address/name-limits/label-63", 1, 0, 63, -1, NULL },
  { "/address/name-limits/name-253", 3, 61, 253, -1, NULL },
  { "/address/bad-limits/label-64", 0, 64, 64, SL_ADDRESS_ERROR_INVALID_HOST, "longer than 63 characters" },
  { "/address/bad-limits/name-255", 4, 0, 255, SL_ADDRESS_ERROR_INVALID_HOST, "at most 253 characters" },
};

static char *
make_name (const NameLimitCase *c)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < c->n_labels; i++)
    g_ptr_array_add (labels, g_strnfill (63, 'a'));
  if (c->last_label > 0)
    g_ptr_array_add (labels, g_strnfill (c->last_label, 'b'));
  g_ptr_array_add (labels, NULL);
  return g_strjoinv (".", (char **) labels->pdata);
}

static void
test_name_limit (gconstpointer data)
{
  const NameLimitCase *c = data;
  g_autofree char *name = make_name (c);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAddress) address = NULL;

  g_assert_cmpuint (strlen (name), ==, c->length);
  address = sl_address_parse (name, "80", &error);
  if (c->code < 0)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (address->host, ==, name);
      return;
    }
  g_assert_null (address);
  g_assert_error (error, SL_ADDRESS_ERROR, c->code);
  g_assert_nonnull (strstr (error->message, c->message));
  /* The quote of a long host is shortened for the message. */
  g_assert_nonnull (strstr (error->message, "…"));
}

static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      g_autoptr(SlAddress) address = sl_address_parse (valid_cases[i].host_text,
                                                       valid_cases[i].port_text, NULL);
      g_autofree char *string = sl_address_to_string (address);
      g_autoptr(SlAddress) again = sl_address_parse (string, NULL, NULL);

      g_assert_nonnull (again);
      g_assert_cmpstr (again->host, ==, address->host);
      g_assert_cmpuint (again->port, ==, address->port);
      g_assert_cmpint (again->family, ==, address->family);
    }
}

typedef struct {
  const char *text;
  gboolean    allow_zero;
  guint16     port;
} PortCase;

static void
test_port_valid (void)
{
  static const PortCase cases[] = {
    { "1", FALSE, 1 },
    { "65535", FALSE, 65535 },
    { " 8080\n", FALSE, 8080 },
    { "000443", FALSE, 443 },
    { "0", TRUE, 0 },
    { "00", TRUE, 0 },
    { "80", TRUE, 80 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint16 port = 12345;

      g_assert_true (sl_address_parse_port (cases[i].text, cases[i].allow_zero, &port, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (port, ==, cases[i].port);
    }
}

/* Service names come from the system's services database (netbase on Debian). */
static void
test_port_service (void)
{
  struct servent *entry = getservbyname ("http", "tcp");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlAddress) address = NULL;
  guint16 port = 0;

  if (entry == NULL)
    {
      g_test_skip ("no services database (/etc/services): install netbase");
      return;
    }
  g_assert_true (sl_address_parse_port ("http", FALSE, &port, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (port, ==, 80);
  g_assert_true (sl_address_parse_port (" HTTP ", TRUE, &port, &error));
  g_assert_cmpuint (port, ==, 80);
  address = sl_address_parse ("example.org:https", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (address->port, ==, 443);
}

typedef struct {
  const char *host_text;
  const char *port_text;
  int         code;
  const char *message;   /* a part of the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "", "80", SL_ADDRESS_ERROR_EMPTY_HOST, "Enter a host name or address" },
  { " \t ", "80", SL_ADDRESS_ERROR_EMPTY_HOST, "Enter a host name or address" },
  { NULL, "80", SL_ADDRESS_ERROR_EMPTY_HOST, "Enter a host name or address" },
  { ":80", NULL, SL_ADDRESS_ERROR_EMPTY_HOST, "Enter a host name or address" },
  { "ab c", "80", SL_ADDRESS_ERROR_INVALID_HOST,
    "“ab c” contains a space: host names use letters, digits, dots and hyphens" },
  { "exa_mple.org", "80", SL_ADDRESS_ERROR_INVALID_HOST, "“exa_mple.org” contains “_”: host names use" },
  { "example..org", "80", SL_ADDRESS_ERROR_INVALID_HOST, "has an empty part" },
  { ".example.org", "80", SL_ADDRESS_ERROR_INVALID_HOST, "has an empty part" },
  { ".", "80", SL_ADDRESS_ERROR_INVALID_HOST, "has an empty part" },
  { "-example.org", "80", SL_ADDRESS_ERROR_INVALID_HOST, "starts or ends with a hyphen" },
  { "example-.org", "80", SL_ADDRESS_ERROR_INVALID_HOST, "starts or ends with a hyphen" },
  { "256.1.1.1", "80", SL_ADDRESS_ERROR_INVALID_HOST,
    "“256.1.1.1” is not a valid IPv4 address: use four numbers from 0 to 255, like 192.168.1.10" },
  { "1.2.3.4.5", "80", SL_ADDRESS_ERROR_INVALID_HOST, "is not a valid IPv4 address" },
  { "1.", "80", SL_ADDRESS_ERROR_INVALID_HOST, "is not a valid IPv4 address" },
  { "1..2", "80", SL_ADDRESS_ERROR_INVALID_HOST, "is not a valid IPv4 address" },
  /* What inet_aton () refuses is refused here too, hexadecimal included. */
  { "4294967296", "80", SL_ADDRESS_ERROR_INVALID_HOST, "“4294967296” is not a valid IPv4 address" },
  { "0x100.0.0.1", "80", SL_ADDRESS_ERROR_INVALID_HOST, "“0x100.0.0.1” is not a valid IPv4 address" },
  { "127.0.0.08", "80", SL_ADDRESS_ERROR_INVALID_HOST, "“127.0.0.08” is not a valid IPv4 address" },
  { "0x7f.0x", "80", SL_ADDRESS_ERROR_INVALID_HOST, "“0x7f.0x” is not a valid IPv4 address" },
  { "１２７.０.０.２５６", "80", SL_ADDRESS_ERROR_INVALID_HOST, "“127.0.0.256” is not a valid IPv4 address" },
  /* No top-level domain is a number, so these are mistyped addresses, not names. */
  { "0x7g.1", "80", SL_ADDRESS_ERROR_INVALID_HOST,
    "“0x7g.1” ends in a number, so it is not a host name; an IPv4 address is four numbers from 0 to 255, like 192.168.1.10" },
  { "example.123.", "80", SL_ADDRESS_ERROR_INVALID_HOST, "“example.123.” ends in a number" },
  { "example.0x1f", "80", SL_ADDRESS_ERROR_INVALID_HOST, "“example.0x1f” ends in a number" },
  /* Only letters, digits and dots are read in their ASCII form; other symbols are refused. */
  { "：：１", "80", SL_ADDRESS_ERROR_INVALID_HOST, "“：：１” contains “：”" },
  { "1:2:3", "80", SL_ADDRESS_ERROR_INVALID_HOST, "“1:2:3” is not a valid IPv6 address" },
  { "fe80::1%", "80", SL_ADDRESS_ERROR_INVALID_HOST, "is not a valid IPv6 address" },
  { "fe80::1%averyverylongname", "80", SL_ADDRESS_ERROR_INVALID_HOST, "is not a valid IPv6 address" },
  { "http://example.org", "80", SL_ADDRESS_ERROR_INVALID_HOST, "looks like a web address" },
  { "user@example.org", "80", SL_ADDRESS_ERROR_INVALID_HOST, "looks like a web address" },
  { "[::1", "80", SL_ADDRESS_ERROR_INVALID_HOST, "missing the closing “]”" },
  { "[::1]x", NULL, SL_ADDRESS_ERROR_INVALID_HOST, "has text after “]”" },
  { "[127.0.0.1]", "80", SL_ADDRESS_ERROR_INVALID_HOST, "only IPv6 addresses go in brackets" },
  { "[]", "80", SL_ADDRESS_ERROR_INVALID_HOST, "only IPv6 addresses go in brackets" },
  { "example.org:80", "80", SL_ADDRESS_ERROR_INVALID_HOST, "already contains a port" },
  { "[::1]:80", "8080", SL_ADDRESS_ERROR_INVALID_HOST, "already contains a port" },
  { "\xff\xfe", "80", SL_ADDRESS_ERROR_INVALID_HOST, "not valid text" },
  { "a\x01z", "80", SL_ADDRESS_ERROR_INVALID_HOST, "“a\\x01z” contains “\\x01”" },
  { "::1:8080", NULL, SL_ADDRESS_ERROR_IPV6_NEEDS_BRACKETS,
    "Put IPv6 addresses in brackets when giving a port, like [::1]:8080" },
  { "2001:db8::1:443", "", SL_ADDRESS_ERROR_IPV6_NEEDS_BRACKETS, "in brackets" },
  { "fe80::1%lo:8080", "22", SL_ADDRESS_ERROR_IPV6_NEEDS_BRACKETS, "in brackets" },
  { "example.org", "", SL_ADDRESS_ERROR_EMPTY_PORT, "Enter a port number" },
  { "example.org:", NULL, SL_ADDRESS_ERROR_EMPTY_PORT, "Enter a port number" },
  { "[::1]", NULL, SL_ADDRESS_ERROR_EMPTY_PORT, "Enter a port number" },
  { "fe80::1", NULL, SL_ADDRESS_ERROR_EMPTY_PORT, "Enter a port number" },
  { "example.org", "0", SL_ADDRESS_ERROR_PORT_OUT_OF_RANGE, "Port must be between 1 and 65535" },
  { "example.org", "65536", SL_ADDRESS_ERROR_PORT_OUT_OF_RANGE, "Port must be between 1 and 65535" },
  { "example.org", "-1", SL_ADDRESS_ERROR_PORT_OUT_OF_RANGE, "Port must be between 1 and 65535" },
  { "example.org:99999999999999999999", NULL, SL_ADDRESS_ERROR_PORT_OUT_OF_RANGE, "between 1 and 65535" },
  { "example.org", "80a", SL_ADDRESS_ERROR_INVALID_PORT, "“80a” is not a port number" },
  { "example.org", "8 0", SL_ADDRESS_ERROR_INVALID_PORT, "is not a port number" },
  { "example.org", "+80", SL_ADDRESS_ERROR_INVALID_PORT, "is not a port number" },
  { "example.org", "ht tp", SL_ADDRESS_ERROR_INVALID_PORT, "is not a port" },
  { "example.org", "\xc3", SL_ADDRESS_ERROR_INVALID_PORT, "not valid text" },
  { "example.org", "no-such-service-here", SL_ADDRESS_ERROR_UNKNOWN_SERVICE,
    "No service named “no-such-service-here”" },
};

static void
test_bad (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(SlAddress) address = sl_address_parse (c->host_text, c->port_text, &error);
      gboolean host_code = c->code <= SL_ADDRESS_ERROR_IPV6_NEEDS_BRACKETS;

      g_test_message ("bad case %u", i);
      g_assert_null (address);
      g_assert_error (error, SL_ADDRESS_ERROR, c->code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, c->message));
      g_assert_cmpint (sl_address_is_host_error (error), ==, host_code);
    }
}

static void
test_port_bad (void)
{
  g_autoptr(GError) error = NULL;
  guint16 port = 4242;

  g_assert_false (sl_address_parse_port ("70000", TRUE, &port, &error));
  g_assert_error (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_PORT_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "between 0 and 65535"));
  g_assert_cmpuint (port, ==, 4242);
  g_clear_error (&error);

  g_assert_false (sl_address_parse_port (NULL, TRUE, &port, &error));
  g_assert_error (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_EMPTY_PORT);
  g_assert_false (sl_address_is_host_error (error));
  g_clear_error (&error);

  g_assert_false (sl_address_parse_port ("0", FALSE, &port, &error));
  g_assert_error (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_PORT_OUT_OF_RANGE);
  g_assert_cmpuint (port, ==, 4242);
}

static void
test_is_host_error (void)
{
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, SL_ADDRESS_ERROR_INVALID_HOST, "x");

  g_assert_false (sl_address_is_host_error (NULL));
  /* Same code, other domain. */
  g_assert_false (sl_address_is_host_error (other));
}

static void
test_boxed (void)
{
  g_autoptr(SlAddress) address = sl_address_parse ("[::1]:8080", NULL, NULL);
  g_autoptr(SlAddress) short_form = sl_address_parse ("127.1:80", NULL, NULL);
  g_autoptr(SlAddress) short_copy = sl_address_copy (short_form);
  SlAddress *copy;

  g_assert_true (G_TYPE_IS_BOXED (SL_TYPE_ADDRESS));
  copy = g_boxed_copy (SL_TYPE_ADDRESS, address);
  g_assert_true (copy != address);
  g_assert_true (copy->host != address->host);
  g_assert_cmpstr (copy->host, ==, "::1");
  g_assert_cmpuint (copy->port, ==, 8080);
  g_assert_cmpint (copy->family, ==, G_SOCKET_FAMILY_IPV6);
  g_boxed_free (SL_TYPE_ADDRESS, copy);
  sl_address_free (NULL);

  g_assert_true (short_copy->canonical != short_form->canonical);
  g_assert_cmpstr (short_copy->canonical, ==, "127.0.0.1");
  g_assert_true (short_copy->note != short_form->note);
  g_assert_cmpstr (short_copy->note, ==, short_form->note);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/address/valid", test_valid);
  g_test_add_func ("/address/literal-forms", test_literal_forms);
  g_test_add_func ("/address/parse-inet-aton", test_parse_inet_aton);
  for (guint i = 0; i < G_N_ELEMENTS (name_limit_cases); i++)
    g_test_add_data_func (name_limit_cases[i].path, &name_limit_cases[i], test_name_limit);
  g_test_add_func ("/address/round-trip", test_round_trip);
  g_test_add_func ("/address/port-valid", test_port_valid);
  g_test_add_func ("/address/port-service", test_port_service);
  g_test_add_func ("/address/bad", test_bad);
  g_test_add_func ("/address/port-bad", test_port_bad);
  g_test_add_func ("/address/is-host-error", test_is_host_error);
  g_test_add_func ("/address/boxed", test_boxed);
  return g_test_run ();
}
