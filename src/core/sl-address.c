/* sl-address.c: parse and validate a host and port typed by a student.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <glib/gi18n-lib.h>
#include <net/if.h>
#include <netdb.h>
#include <string.h>

#include "sl-address.h"
#include "sl-payload.h"

#define MAX_NAME_LENGTH  253
#define MAX_LABEL_LENGTH 63
#define QUOTE_CHARS      40

G_DEFINE_QUARK (sl-address-error-quark, sl_address_error)
G_DEFINE_BOXED_TYPE (SlAddress, sl_address, sl_address_copy, sl_address_free)

/* User text for a message: control bytes escaped, long text shortened. */
static char *
quote (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autofree char *printable = sl_payload_to_printable (bytes);
  g_autofree char *start = NULL;

  if (g_utf8_strlen (printable, -1) <= QUOTE_CHARS)
    return g_steal_pointer (&printable);
  start = g_utf8_substring (printable, 0, QUOTE_CHARS);
  return g_strconcat (start, "…", NULL);
}

/* "fe80::1%eth0": GLib 2.74 cannot parse the zone, so check it apart. */
static gboolean
is_ipv6 (const char *text)
{
  const char *percent = strchr (text, '%');
  g_autofree char *bare = g_strndup (text, percent ? (gsize) (percent - text) : strlen (text));
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (bare);

  if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6)
    return FALSE;
  if (percent == NULL)
    return TRUE;
  if (percent[1] == '\0' || strlen (percent + 1) >= IF_NAMESIZE)
    return FALSE;
  for (const char *p = percent + 1; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._-", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* "::1:8080": an IPv6 address followed by something that looks like a port. */
static gboolean
looks_like_ipv6_with_port (const char *text)
{
  const char *colon = strrchr (text, ':');
  g_autofree char *prefix = NULL;

  if (colon == NULL || colon[1] == '\0')
    return FALSE;
  for (const char *p = colon + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  prefix = g_strndup (text, colon - text);
  return is_ipv6 (prefix);
}

/* A part of an address as inet_aton () reads numbers: decimal, octal after a 0, or
 * hexadecimal after 0x ("0x" alone counts: the WHATWG URL standard reads it as 0). */
static gboolean
is_number (const char *part,
           gsize       len)
{
  gsize i = 0;

  if (len >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X'))
    {
      for (i = 2; i < len; i++)
        if (!g_ascii_isxdigit (part[i]))
          return FALSE;
      return TRUE;
    }
  for (; i < len; i++)
    if (!g_ascii_isdigit (part[i]))
      return FALSE;
  return len > 0;
}

/* Every part between dots that is not empty is a number, and there is one. */
static gboolean
is_all_numbers (const char *host)
{
  gboolean number = FALSE;

  for (const char *part = host; *part; )
    {
      gsize len = strcspn (part, ".");

      if (len > 0 && !is_number (part, len))
        return FALSE;
      number |= len > 0;
      part += len + (part[len] == '.');
    }
  return number;
}

/* The last part (before one trailing dot) is a number: an address, as for the WHATWG URL
 * standard, since no top-level domain is a number (RFC 3696 §2). */
static gboolean
ends_in_number (const char *host)
{
  gsize len = strlen (host);
  const char *start;

  if (len > 0 && host[len - 1] == '.')
    len--;
  start = g_strrstr_len (host, len, ".");
  start = start != NULL ? start + 1 : host;
  return is_number (start, len - (start - host));
}

/* The full stops IDNA reads as "." (RFC 3490 §3.1), as GLib, Python and browsers do. */
static gboolean
is_idna_dot (gunichar c)
{
  return c == 0x3002 || c == 0xff0e || c == 0xff61;
}

static gboolean
set_host_error (GError    **error,
                int         code,
                const char *format,
                const char *host)
{
  g_autofree char *quoted = quote (host);

  g_set_error (error, SL_ADDRESS_ERROR, code, format, quoted);
  return FALSE;
}

/* Letters (any script: IDN is converted later), digits, hyphens and dots (IDNA's too) only. */
static gboolean
check_name_characters (const char  *host,
                       GError     **error)
{
  for (const char *p = host; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_autofree char *bad = NULL;
      g_autofree char *quoted_bad = NULL;
      g_autofree char *quoted_host = NULL;

      if (c == '-' || c == '.' || (c < 0x80 && g_ascii_isalnum (c)) ||
          (c >= 0x80 && (g_unichar_isalnum (c) || is_idna_dot (c))))
        continue;
      if (g_unichar_isspace (c))
        return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                               _("“%s” contains a space: host names use letters, digits, dots and hyphens"),
                               host);
      if (c == '/' || c == '@')
        return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                               _("“%s” looks like a web address: enter only the host name, like example.org"),
                               host);
      bad = g_strndup (p, g_utf8_next_char (p) - p);
      quoted_bad = quote (bad);
      quoted_host = quote (host);
      g_set_error (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_INVALID_HOST,
                   _("“%s” contains “%s”: host names use letters, digits, dots and hyphens"),
                   quoted_host, quoted_bad);
      return FALSE;
    }
  return TRUE;
}

/* RFC 1123 labels; one trailing dot (the DNS root) is allowed. */
static gboolean
check_labels (const char  *host,
              GError     **error)
{
  g_autofree char *trimmed = g_str_has_suffix (host, ".") ? g_strndup (host, strlen (host) - 1)
                                                          : g_strdup (host);
  g_auto(GStrv) labels = g_strsplit (trimmed, ".", -1);

  if (trimmed[0] == '\0' || trimmed[0] == '.' || g_str_has_suffix (trimmed, ".") ||
      strstr (trimmed, "..") != NULL)
    return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                           _("“%s” has an empty part: dots must separate names, like www.example.org"),
                           host);
  if (strlen (trimmed) > MAX_NAME_LENGTH)
    return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                           _("“%s” is too long: host names have at most 253 characters"), host);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize len = strlen (labels[i]);

      if (len > MAX_LABEL_LENGTH)
        return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                               _("“%s” has a part longer than 63 characters between dots"), host);
      if (labels[i][0] == '-' || labels[i][len - 1] == '-')
        return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                               _("“%s” has a part that starts or ends with a hyphen"), host);
    }
  return TRUE;
}

/* An ASCII host name: RFC 1123 labels. */
static gboolean
validate_name (const char  *host,
               GError     **error)
{
  if (!check_name_characters (host, error))
    return FALSE;
  /* Here inet_aton () has already refused it: a mistyped address, not a name to look up. */
  if (is_all_numbers (host))
    return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                           _("“%s” is not a valid IPv4 address: use four numbers from 0 to 255, like 192.168.1.10"),
                           host);
  if (ends_in_number (host))
    return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                           _("“%s” ends in a number, so it is not a host name; an IPv4 address is four numbers from 0 to 255, like 192.168.1.10"),
                           host);
  return check_labels (host, error);
}

/* Fills family and canonical of @address when @host (ASCII) is an IP literal. */
static gboolean
parse_literal (const char *host,
               SlAddress  *address)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (is_ipv6 (host))
    {
      const char *zone = strchr (host, '%');
      g_autofree char *bare = g_strndup (host, zone ? (gsize) (zone - host) : strlen (host));
      g_autofree char *text = NULL;

      inet = g_inet_address_new_from_string (bare);
      text = g_inet_address_to_string (inet);
      address->family = G_SOCKET_FAMILY_IPV6;
      address->canonical = g_strconcat (text, zone, NULL);
      return TRUE;
    }
  inet = g_inet_address_new_from_string (host);
  if (inet == NULL)
    inet = sl_address_parse_inet_aton (host);
  if (inet == NULL || g_inet_address_get_family (inet) != G_SOCKET_FAMILY_IPV4)
    return FALSE;
  address->family = G_SOCKET_FAMILY_IPV4;
  address->canonical = g_inet_address_to_string (inet);
  return TRUE;
}

/* Why an inet_aton () form means what it does; one reason per rule that applied. */
static void
add_ipv4_reasons (const char *host,
                  GPtrArray  *reasons)
{
  g_auto(GStrv) parts = g_strsplit (host, ".", -1);
  guint n_parts = g_strv_length (parts);
  gboolean hex = FALSE, octal = FALSE;

  for (guint i = 0; i < n_parts; i++)
    {
      hex |= parts[i][0] == '0' && (parts[i][1] == 'x' || parts[i][1] == 'X');
      octal |= parts[i][0] == '0' && g_ascii_isdigit (parts[i][1]);
    }
  if (hex)
    g_ptr_array_add (reasons, _("0x starts a hexadecimal number"));
  if (octal)
    g_ptr_array_add (reasons, _("a leading 0 makes a number octal"));
  if (n_parts == 1)
    g_ptr_array_add (reasons, _("a single number gives all four bytes"));
  else if (n_parts < 4)
    g_ptr_array_add (reasons, _("the last number fills the bytes left out"));
}

/* "127.1 is 127.0.0.1 (…)" when what was typed is not the usual form of the literal. */
static char *
make_note (const char      *typed,
           const SlAddress *address)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *quoted = NULL;

  if (address->canonical == NULL || strcmp (typed, address->canonical) == 0)
    return NULL;
  if (!g_str_is_ascii (typed))
    g_ptr_array_add (reasons, _("Unicode digits and dots are read as 0–9 and “.”"));
  if (address->family == G_SOCKET_FAMILY_IPV4)
    add_ipv4_reasons (address->host, reasons);
  quoted = quote (typed);
  if (reasons->len == 0)
    /* Translators: a typed address, then its usual form: "0:0:0:0:0:0:0:1 is ::1". */
    return g_strdup_printf (_("%s is %s"), quoted, address->canonical);
  for (guint i = 0; i < reasons->len; i++)
    {
      /* Translators: separates the reasons in "0x7f.1 is 127.0.0.1 (…; …)". */
      g_string_append (joined, i > 0 ? _("; ") : "");
      g_string_append (joined, g_ptr_array_index (reasons, i));
    }
  /* Translators: a typed address, its usual form, why: "127.1 is 127.0.0.1 (the last …)". */
  return g_strdup_printf (_("%s is %s (%s)"), quoted, address->canonical, joined->str);
}

/* Validates an unbracketed host; fills host, family, canonical and note of @address. */
static gboolean
validate_host (const char  *typed,
               SlAddress   *address,
               GError     **error)
{
  g_autofree char *ascii = NULL;
  const char *host = typed;

  if (!g_str_is_ascii (typed))
    {
      /* International text: check what was typed, then go on with the ASCII form (NFKC,
       * IDNA dots, punycode), which may even be an IPv4 literal ("１２７.０.０.１"). */
      if (!check_name_characters (typed, error))
        return FALSE;
      ascii = g_hostname_to_ascii (typed);
      if (ascii == NULL || !g_str_is_ascii (ascii))
        return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                               _("“%s” is not a valid international host name"), typed);
      host = ascii;
    }
  if (!parse_literal (host, address))
    {
      if (strchr (host, ':') != NULL)
        return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                               _("“%s” is not a valid IPv6 address"), host);
      if (!validate_name (host, error))
        return FALSE;
      address->family = G_SOCKET_FAMILY_INVALID;
    }
  address->host = g_strdup (host);
  address->note = make_note (typed, address);
  return TRUE;
}

/* "[::1]" or "[::1]:8080": @host receives the address, @port what follows the colon. */
static gboolean
split_brackets (const char  *text,
                char       **host,
                char       **port,
                GError     **error)
{
  const char *close = strchr (text, ']');

  if (close == NULL)
    return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                           _("“%s” is missing the closing “]” after the IPv6 address"), text);
  if (close[1] != '\0' && close[1] != ':')
    return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                           _("“%s” has text after “]”: write a port as [::1]:8080"), text);
  *host = g_strndup (text + 1, close - text - 1);
  if (!is_ipv6 (*host))
    return set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                           _("“%s”: only IPv6 addresses go in brackets, like [::1]"), text);
  *port = close[1] == ':' ? g_strdup (close + 2) : NULL;
  return TRUE;
}

/* Splits "host:port" in @text; @port is NULL when the text carries none. */
static gboolean
split_host_port (const char  *text,
                 gboolean     port_given,
                 char       **host,
                 char       **port,
                 GError     **error)
{
  const char *colon = strchr (text, ':');

  if (text[0] == '[')
    return split_brackets (text, host, port, error);
  if (colon != NULL && strchr (colon + 1, ':') != NULL)
    {
      /* Two or more colons: IPv6, where a port cannot simply follow. */
      if (looks_like_ipv6_with_port (text) && (!port_given || !is_ipv6 (text)))
        {
          g_set_error_literal (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_IPV6_NEEDS_BRACKETS,
                               _("Put IPv6 addresses in brackets when giving a port, like [::1]:8080"));
          return FALSE;
        }
      *host = g_strdup (text);
      *port = NULL;
      return TRUE;
    }
  *host = colon ? g_strndup (text, colon - text) : g_strdup (text);
  *port = colon ? g_strdup (colon + 1) : NULL;
  return TRUE;
}

static gboolean
check_text (const char  *text,
            int          code,
            const char  *message,
            GError     **error)
{
  if (g_utf8_validate (text, -1, NULL))
    return TRUE;
  g_set_error_literal (error, SL_ADDRESS_ERROR, code, message);
  return FALSE;
}

SlAddress *
sl_address_parse (const char  *host_text,
                  const char  *port_text,
                  GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (host_text ? host_text : ""));
  g_autofree char *port = g_strstrip (g_strdup (port_text ? port_text : ""));
  g_autofree char *host = NULL;
  g_autofree char *embedded_port = NULL;
  g_autoptr(SlAddress) address = g_new0 (SlAddress, 1);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (text, SL_ADDRESS_ERROR_INVALID_HOST,
                   _("The host contains bytes that are not valid text"), error))
    return NULL;
  if (text[0] == '\0')
    {
      g_set_error_literal (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_EMPTY_HOST,
                           _("Enter a host name or address"));
      return NULL;
    }
  if (strstr (text, "://") != NULL)
    {
      set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                      _("“%s” looks like a web address: enter only the host name, like example.org"),
                      text);
      return NULL;
    }
  if (!split_host_port (text, port[0] != '\0', &host, &embedded_port, error))
    return NULL;
  if (embedded_port != NULL && port[0] != '\0')
    {
      set_host_error (error, SL_ADDRESS_ERROR_INVALID_HOST,
                      _("“%s” already contains a port: remove it, or leave the port field empty"), text);
      return NULL;
    }
  if (host[0] == '\0')
    {
      g_set_error_literal (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_EMPTY_HOST,
                           _("Enter a host name or address"));
      return NULL;
    }
  if (!validate_host (host, address, error))
    return NULL;
  if (!sl_address_parse_port (embedded_port ? embedded_port : port, FALSE, &address->port, error))
    return NULL;
  return g_steal_pointer (&address);
}

/* Service names from /etc/services (a small local file, read through NSS). */
static gboolean
lookup_service (const char  *name,
                guint16     *out_port,
                GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_autofree char *quoted = quote (name);
  struct servent entry, *result = NULL;
  char buffer[4096];

  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      {
        g_set_error (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_INVALID_PORT,
                     _("“%s” is not a port: enter a number like 8080 or a service name like http"),
                     quoted);
        return FALSE;
      }
  if (getservbyname_r (lower, "tcp", &entry, buffer, sizeof buffer, &result) != 0 || result == NULL)
    {
      g_set_error (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_UNKNOWN_SERVICE,
                   _("No service named “%s” is known on this computer: enter a port number instead"),
                   quoted);
      return FALSE;
    }
  *out_port = g_ntohs (result->s_port);
  return TRUE;
}

static gboolean
set_range_error (gboolean   allow_zero,
                 GError   **error)
{
  if (allow_zero)
    g_set_error_literal (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_PORT_OUT_OF_RANGE,
                         _("Port must be between 0 and 65535 (0 picks a free port)"));
  else
    g_set_error_literal (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_PORT_OUT_OF_RANGE,
                         _("Port must be between 1 and 65535"));
  return FALSE;
}

/* Decimal digits only; saturates so that huge numbers are simply out of range. */
static gboolean
parse_number (const char *text,
              guint      *value)
{
  *value = 0;
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      *value = MIN (*value * 10 + (guint) (*p - '0'), G_MAXUINT16 + 1u);
    }
  return TRUE;
}

gboolean
sl_address_parse_port (const char  *text,
                       gboolean     allow_zero,
                       guint16     *out_port,
                       GError     **error)
{
  g_autofree char *port = g_strstrip (g_strdup (text ? text : ""));
  guint16 service_port = 0;
  guint value;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_text (port, SL_ADDRESS_ERROR_INVALID_PORT,
                   _("The port contains bytes that are not valid text"), error))
    return FALSE;
  if (port[0] == '\0')
    {
      g_set_error_literal (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_EMPTY_PORT,
                           _("Enter a port number"));
      return FALSE;
    }
  if (parse_number (port, &value) || (port[0] == '-' && parse_number (port + 1, &value)))
    {
      if (port[0] == '-' || value > G_MAXUINT16 || (value == 0 && !allow_zero))
        return set_range_error (allow_zero, error);
      if (out_port != NULL)
        *out_port = (guint16) value;
      return TRUE;
    }
  if (!g_ascii_isalpha (port[0]))
    {
      g_autofree char *quoted = quote (port);

      g_set_error (error, SL_ADDRESS_ERROR, SL_ADDRESS_ERROR_INVALID_PORT,
                   _("“%s” is not a port number: use digits only, like 8080"), quoted);
      return FALSE;
    }
  if (!lookup_service (port, &service_port, error))
    return FALSE;
  if (service_port == 0 && !allow_zero)
    return set_range_error (allow_zero, error);
  if (out_port != NULL)
    *out_port = service_port;
  return TRUE;
}

GInetAddress *
sl_address_parse_inet_aton (const char *text)
{
  struct in_addr in;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_ascii_isdigit (text[0]))
    return NULL;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isxdigit (*p) && *p != '.' && *p != 'x' && *p != 'X')
      return NULL;
  if (inet_aton (text, &in) == 0)
    return NULL;
  return g_inet_address_new_from_bytes ((const guint8 *) &in.s_addr, G_SOCKET_FAMILY_IPV4);
}

gboolean
sl_address_is_host_error (const GError *error)
{
  if (error == NULL || error->domain != SL_ADDRESS_ERROR)
    return FALSE;
  return error->code == SL_ADDRESS_ERROR_EMPTY_HOST ||
         error->code == SL_ADDRESS_ERROR_INVALID_HOST ||
         error->code == SL_ADDRESS_ERROR_IPV6_NEEDS_BRACKETS;
}

char *
sl_address_to_string (const SlAddress *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->family == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]:%u", self->host, self->port);
  return g_strdup_printf ("%s:%u", self->host, self->port);
}

SlAddress *
sl_address_copy (const SlAddress *self)
{
  SlAddress *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (SlAddress, 1);
  copy->host = g_strdup (self->host);
  copy->port = self->port;
  copy->family = self->family;
  copy->canonical = g_strdup (self->canonical);
  copy->note = g_strdup (self->note);
  return copy;
}

void
sl_address_free (SlAddress *self)
{
  if (self == NULL)
    return;
  g_free (self->host);
  g_free (self->canonical);
  g_free (self->note);
  g_free (self);
}
