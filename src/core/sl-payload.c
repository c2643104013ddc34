/* sl-payload.c: user text (plain, C escapes, hex) to bytes and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-payload.h"
#include "sl-utils.h"

#define HEXDUMP_WIDTH 16

G_DEFINE_QUARK (sl-payload-error-quark, sl_payload_error)

static const char hex_digits[] = "0123456789abcdef";

/* "column 5", or "line 2, column 3" once the text has several lines.
 * Columns count characters, not bytes, so they match what the student sees. */
static char *
describe_position (const char *text,
                   gsize       pos)
{
  guint line = 1;
  guint column = 1;

  for (gsize i = 0; i < pos; i++)
    {
      if (text[i] == '\n')
        {
          line++;
          column = 1;
        }
      else if (((guchar) text[i] & 0xc0) != 0x80)
        column++;
    }
  if (line == 1)
    return g_strdup_printf (_("column %u"), column);
  return g_strdup_printf (_("line %u, column %u"), line, column);
}

/* The character at @pos, printable and safe to show inside a message. */
static char *
describe_char (const char *text,
               gsize       pos)
{
  const char *start = text + pos;
  const char *end = g_utf8_find_next_char (start, NULL);
  gsize len = g_utf8_validate_len (start, end - start, NULL) ? (gsize) (end - start) : 1;
  g_autoptr(GBytes) bytes = g_bytes_new (start, len);

  return sl_payload_to_printable (bytes);
}

#define NO_CHAR G_MAXSIZE

/* @format has "%s" for the position, preceded by one for the character at
 * @char_pos unless that is NO_CHAR. */
static void
set_error_at (GError     **error,
              int          code,
              const char  *format,
              const char  *text,
              gsize        pos,
              gsize        char_pos)
{
  g_autofree char *where = describe_position (text, pos);
  g_autofree char *what = char_pos != NO_CHAR ? describe_char (text, char_pos) : NULL;

  if (what != NULL)
    g_set_error (error, SL_PAYLOAD_ERROR, code, format, what, where);
  else
    g_set_error (error, SL_PAYLOAD_ERROR, code, format, where);
}

static gboolean
set_too_large (GError **error)
{
  g_set_error (error, SL_PAYLOAD_ERROR, SL_PAYLOAD_ERROR_TOO_LARGE,
               _("Too much data: one send can carry at most %u bytes (64 KiB)"),
               (guint) SL_PAYLOAD_MAX_SEND);
  return FALSE;
}

static gboolean
append_byte (GByteArray  *out,
             guint8       byte,
             GError     **error)
{
  if (out->len >= SL_PAYLOAD_MAX_SEND)
    return set_too_large (error);
  g_byte_array_append (out, &byte, 1);
  return TRUE;
}

static int
simple_escape (char c)
{
  static const char table[] = "n\nr\rt\t\\\\\"\"''a\ab\bf\fv\ve\033";

  for (guint i = 0; i + 1 < sizeof table; i += 2)
    if (table[i] == c)
      return (guchar) table[i + 1];
  return -1;
}

/* Parses the escape whose backslash is at text[*pos]; advances *pos past it. */
static gboolean
parse_escape (const char  *text,
              gsize       *pos,
              GByteArray  *out,
              GError     **error)
{
  gsize start = *pos;
  const char *p = text + start + 1;
  int simple = simple_escape (*p);
  guint value = 0;
  guint digits = 0;

  if (*p == '\0')
    {
      set_error_at (error, SL_PAYLOAD_ERROR_INVALID_ESCAPE,
                    /* Translators: the escapes (\, \\) are typed as they are: keep them; %s is
                     * where: "column 4" or "line 2, column 4". */
                    _("Unfinished escape “\\” at %s: write \\\\ for a backslash"), text, start, NO_CHAR);
      return FALSE;
    }
  if (simple >= 0)
    {
      *pos += 2;
      return append_byte (out, simple, error);
    }
  if (*p == 'x')
    {
      if (!g_ascii_isxdigit (p[1]) || !g_ascii_isxdigit (p[2]))
        {
          set_error_at (error, SL_PAYLOAD_ERROR_INVALID_ESCAPE,
                        _("Escape “\\x” at %s needs exactly two hex digits, like \\x41"), text, start, NO_CHAR);
          return FALSE;
        }
      *pos += 4;
      return append_byte (out, g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2]), error);
    }
  if (*p >= '0' && *p <= '7')
    {
      for (; digits < 3 && p[digits] >= '0' && p[digits] <= '7'; digits++)
        value = value * 8 + (guint) (p[digits] - '0');
      if (value > 0377)
        {
          set_error_at (error, SL_PAYLOAD_ERROR_INVALID_ESCAPE,
                        _("Octal escape at %s is larger than \\377 (255)"), text, start, NO_CHAR);
          return FALSE;
        }
      *pos += 1 + digits;
      return append_byte (out, value, error);
    }
  /* The column names the backslash; the quote shows the character after it. */
  set_error_at (error, SL_PAYLOAD_ERROR_INVALID_ESCAPE,
                /* Translators: the escapes (\n, \r, \t, \\, \xNN) are typed as they are: keep them. */
                _("Unknown escape “\\%s” at %s: use \\n, \\r, \\t, \\\\, \\xNN and the like"),
                text, start, start + 1);
  return FALSE;
}

/* Reads one token at *pos into out and moves *pos past it. */
typedef gboolean (*TokenParser) (const char  *text,
                                 gsize       *pos,
                                 GByteArray  *out,
                                 GError     **error);

static GBytes *
parse_tokens (const char   *text,
              TokenParser   parse_token,
              GError      **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize pos = 0;

  while (text[pos] != '\0')
    if (!parse_token (text, &pos, out, error))
      return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* An escape, or one plain byte. */
static gboolean
parse_escape_token (const char  *text,
                    gsize       *pos,
                    GByteArray  *out,
                    GError     **error)
{
  if (text[*pos] == '\\')
    return parse_escape (text, pos, out, error);
  return append_byte (out, text[(*pos)++], error);
}

static gboolean
is_hex_separator (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == ',';
}

static gboolean
check_hex_digit (const char  *text,
                 gsize        pos,
                 GError     **error)
{
  if (g_ascii_isxdigit (text[pos]))
    return TRUE;
  set_error_at (error, SL_PAYLOAD_ERROR_INVALID_HEX,
                _("“%s” at %s is not a hex digit: use 0–9 and a–f"), text, pos, pos);
  return FALSE;
}

/* One run of digits between separators, with an optional 0x prefix. */
static gboolean
parse_hex_token (const char  *text,
                 gsize       *pos,
                 GByteArray  *out,
                 GError     **error)
{
  gsize i = *pos;

  if (text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
    {
      i += 2;
      if (text[i] == '\0' || is_hex_separator (text[i]))
        {
          set_error_at (error, SL_PAYLOAD_ERROR_INVALID_HEX,
                        _("“0x” at %s must be followed by hex digits, like 0x41"), text, *pos, NO_CHAR);
          return FALSE;
        }
    }
  while (text[i] != '\0' && !is_hex_separator (text[i]))
    {
      if (!check_hex_digit (text, i, error))
        return FALSE;
      if (text[i + 1] == '\0' || is_hex_separator (text[i + 1]))
        {
          set_error_at (error, SL_PAYLOAD_ERROR_INVALID_HEX,
                        _("Hex digit “%s” at %s has no partner: write each byte as two digits, like 0a"),
                        text, i, i);
          return FALSE;
        }
      if (!check_hex_digit (text, i + 1, error))
        return FALSE;
      if (!append_byte (out, g_ascii_xdigit_value (text[i]) * 16 + g_ascii_xdigit_value (text[i + 1]), error))
        return FALSE;
      i += 2;
    }
  *pos = i;
  return TRUE;
}

/* A separator, or a run of digit pairs. */
static gboolean
parse_hex_item (const char  *text,
                gsize       *pos,
                GByteArray  *out,
                GError     **error)
{
  if (!is_hex_separator (text[*pos]))
    return parse_hex_token (text, pos, out, error);
  (*pos)++;
  return TRUE;
}

GBytes *
sl_payload_parse (const char     *text,
                  SlPayloadMode   mode,
                  GError        **error)
{
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (mode)
    {
    case SL_PAYLOAD_MODE_TEXT:
      len = strlen (text);
      if (len > SL_PAYLOAD_MAX_SEND)
        {
          set_too_large (error);
          return NULL;
        }
      return g_bytes_new (text, len);
    case SL_PAYLOAD_MODE_ESCAPES:
      return parse_tokens (text, parse_escape_token, error);
    case SL_PAYLOAD_MODE_HEX:
      return parse_tokens (text, parse_hex_item, error);
    default:
      g_return_val_if_reached (NULL);
    }
}

gsize
sl_payload_max_size (SlProtocol    protocol,
                     GSocketFamily family)
{
  switch (protocol)
    {
    case SL_PROTOCOL_TCP:
      return SL_PAYLOAD_MAX_SEND;
    case SL_PROTOCOL_UDP:
      return family == G_SOCKET_FAMILY_IPV6 ? SL_PAYLOAD_MAX_UDP_IPV6 : SL_PAYLOAD_MAX_UDP_IPV4;
    default:
      g_return_val_if_reached (0);
    }
}

/* "65 507": digits in groups of three, joined by a no-break space so that a message never
 * breaks a number across lines, and the same in every language. */
static char *
format_count (gsize count)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GSIZE_FORMAT, count);
  gsize len = strlen (digits);
  GString *out = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, "\u00a0");
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

gboolean
sl_payload_check_size (gsize           size,
                       SlProtocol      protocol,
                       GSocketFamily   family,
                       GError        **error)
{
  gsize max = sl_payload_max_size (protocol, family);
  g_autofree char *max_text = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *ipv6_text = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (size <= max)
    return TRUE;
  max_text = format_count (max);
  size_text = format_count (size);
  if (protocol == SL_PROTOCOL_TCP)
    g_set_error (error, SL_PAYLOAD_ERROR, SL_PAYLOAD_ERROR_TOO_LARGE,
                 _("One send over TCP carries at most %s bytes (64 KiB) here; this one has %s"),
                 max_text, size_text);
  else if (family == G_SOCKET_FAMILY_IPV4)
    g_set_error (error, SL_PAYLOAD_ERROR, SL_PAYLOAD_ERROR_TOO_LARGE,
                 _("A UDP datagram over IPv4 carries at most %s bytes; this one has %s"),
                 max_text, size_text);
  else if (family == G_SOCKET_FAMILY_IPV6)
    g_set_error (error, SL_PAYLOAD_ERROR, SL_PAYLOAD_ERROR_TOO_LARGE,
                 _("A UDP datagram over IPv6 carries at most %s bytes; this one has %s"),
                 max_text, size_text);
  else
    {
      /* The family is not known yet: say both, since it was checked against IPv4's. */
      ipv6_text = format_count (SL_PAYLOAD_MAX_UDP_IPV6);
      g_set_error (error, SL_PAYLOAD_ERROR, SL_PAYLOAD_ERROR_TOO_LARGE,
                   _("A UDP datagram carries at most %s bytes over IPv4 (%s over IPv6); this one has %s"),
                   max_text, ipv6_text, size_text);
    }
  return FALSE;
}

/* Line and paragraph separators would break a one-line rendering. */
static gboolean
is_displayable (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return g_unichar_isprint (c) &&
         type != G_UNICODE_LINE_SEPARATOR &&
         type != G_UNICODE_PARAGRAPH_SEPARATOR;
}

/* Length of the displayable UTF-8 character at @p, or 0 when it must be escaped. */
static gsize
displayable_char_len (const guint8 *p,
                      gsize         remaining)
{
  gunichar c = g_utf8_get_char_validated ((const char *) p, remaining);
  gsize len;

  if (c == (gunichar) -1 || c == (gunichar) -2 || !is_displayable (c))
    return 0;
  len = g_unichar_to_utf8 (c, NULL);
  return g_utf8_validate_len ((const char *) p, len, NULL) ? len : 0;
}

typedef void (*BytesWriter) (GString *out, const guint8 *data, gsize len);

/* What write_bytes makes of the bytes, in a string sized for about chars_per_byte each. */
static char *
render (GBytes      *bytes,
        gsize        chars_per_byte,
        BytesWriter  write_bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GString *out = g_string_sized_new (len * chars_per_byte + 1);

  write_bytes (out, data, len);
  return g_string_free (out, FALSE);
}

/* Writes the printable form of @len bytes at @p, which has room for 4 × @len (the longest:
 * "\\xff" for each byte); returns its end. By pointer, and plain ASCII (most of what a lab
 * sends) a run at a time: this made the texts of a 100 000-entry log the slowest part of its
 * first showing or export. */
static char *
put_printable (char         *p,
               const guint8 *data,
               gsize         len)
{
  for (gsize i = 0; i < len;)
    {
      gsize run = i;
      guint8 b;
      gsize char_len;

      while (run < len && data[run] >= 0x20 && data[run] < 0x7f && data[run] != '\\')
        run++;
      if (run > i)
        {
          p = sl_put (p, data + i, run - i);
          i = run;
          continue;
        }
      b = data[i];
      switch (b)
        {
        case '\\': *p++ = '\\'; *p++ = '\\'; i++; continue;
        case '\n': *p++ = '\\'; *p++ = 'n'; i++; continue;
        case '\r': *p++ = '\\'; *p++ = 'r'; i++; continue;
        case '\t': *p++ = '\\'; *p++ = 't'; i++; continue;
        default: break;
        }
      if (b >= 0x80 && (char_len = displayable_char_len (data + i, len - i)) > 0)
        {
          p = sl_put (p, data + i, char_len);
          i += char_len;
        }
      else
        {
          *p++ = '\\';
          *p++ = 'x';
          *p++ = hex_digits[b >> 4];
          *p++ = hex_digits[b & 0xf];
          i++;
        }
    }
  return p;
}

char *
sl_payload_to_printable (GBytes *bytes)
{
  const guint8 *data;
  gsize len;
  char *text;
  char *end;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  text = g_malloc (4 * len + 1);
  end = put_printable (text, data, len);
  *end = '\0';
  /* A log keeps the text of every entry: only what it needs (shrinking stays in place). */
  return g_realloc (text, end - text + 1);
}

/* Length of the character or escape at p, as sl_payload_to_printable () writes them. */
static gsize
printable_token_len (const char *p)
{
  gsize len;

  if (*p != '\\')
    return g_utf8_next_char (p) - p;
  len = p[1] == 'x' ? 4 : 2;
  return strnlen (p, len);
}

char *
sl_payload_break_lines (const char *printable,
                        guint       columns)
{
  GString *out;
  guint column = 0;

  g_return_val_if_fail (printable != NULL, NULL);
  g_return_val_if_fail (columns > 0, NULL);

  out = g_string_sized_new (strlen (printable) + strlen (printable) / columns + 1);
  for (const char *p = printable; *p != '\0'; )
    {
      gsize len = printable_token_len (p);
      guint width = *p == '\\' ? (guint) len : 1;
      gboolean line_end = p[0] == '\\' && p[1] == 'n';

      if (column > 0 && column + width > columns)
        {
          g_string_append_c (out, '\n');
          column = 0;
        }
      g_string_append_len (out, p, len);
      column += width;
      p += len;
      if (line_end && *p != '\0')
        {
          g_string_append_c (out, '\n');
          column = 0;
        }
    }
  return g_string_free (out, FALSE);
}

static void
write_hex (GString      *out,
           const guint8 *data,
           gsize         len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, hex_digits[data[i] >> 4]);
      g_string_append_c (out, hex_digits[data[i] & 0xf]);
    }
}

char *
sl_payload_to_hex (GBytes *bytes)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  return render (bytes, 3, write_hex);
}

/* One line in the layout of `hexdump -C`, padded so the text column aligns. */
static void
append_hexdump_line (GString      *out,
                     const guint8 *data,
                     gsize         offset,
                     gsize         count)
{
  g_string_append_printf (out, "%08" G_GSIZE_MODIFIER "x  ", offset);
  for (gsize i = 0; i < HEXDUMP_WIDTH; i++)
    {
      if (i < count)
        g_string_append_printf (out, "%02x ", data[i]);
      else
        g_string_append (out, "   ");
      if (i == HEXDUMP_WIDTH / 2 - 1)
        g_string_append_c (out, ' ');
    }
  g_string_append (out, " |");
  for (gsize i = 0; i < count; i++)
    g_string_append_c (out, data[i] >= 0x20 && data[i] < 0x7f ? data[i] : '.');
  g_string_append_c (out, '|');
}

static void
write_hexdump (GString      *out,
               const guint8 *data,
               gsize         len)
{
  for (gsize offset = 0; offset < len; offset += HEXDUMP_WIDTH)
    {
      /* Lines are separated, not ended: a label would show a last empty line. */
      if (offset > 0)
        g_string_append_c (out, '\n');
      append_hexdump_line (out, data + offset, offset, MIN (HEXDUMP_WIDTH, len - offset));
    }
}

char *
sl_payload_to_hexdump (GBytes *bytes)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  /* 80 characters a line of HEXDUMP_WIDTH bytes */
  return render (bytes, 80 / HEXDUMP_WIDTH, write_hexdump);
}
