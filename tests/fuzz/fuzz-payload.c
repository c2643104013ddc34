/* fuzz-payload.c: libFuzzer target for sl_payload_parse and the renderings.
 * The input is parsed in every mode, and also rendered as raw bytes (and in lines).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sl-payload.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_error (const GError *error)
{
  g_assert (error != NULL);
  g_assert (error->domain == SL_PAYLOAD_ERROR);
  g_assert (error->code >= SL_PAYLOAD_ERROR_INVALID_ESCAPE && error->code <= SL_PAYLOAD_ERROR_TOO_LARGE);
  g_assert (g_utf8_validate (error->message, -1, NULL));
  if (error->code != SL_PAYLOAD_ERROR_TOO_LARGE)
    g_assert (strstr (error->message, "column ") != NULL);
}

static void
check_parses_back (const char    *text,
                   SlPayloadMode  mode,
                   GBytes        *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = sl_payload_parse (text, mode, &error);

  g_assert_no_error (error);
  g_assert (g_bytes_equal (bytes, expected));
}

/* Broken into lines, the printable text loses nothing but gains newlines (it has none of its
 * own), and no line is wider than asked unless one escape alone is. */
static void
check_lines (const char *printable,
             guint       columns)
{
  g_autofree char *lines = sl_payload_break_lines (printable, columns);
  g_auto(GStrv) split = g_strsplit (lines, "\n", -1);
  g_autofree char *joined = g_strjoinv ("", split);

  g_assert (strcmp (joined, printable) == 0);
  for (guint i = 0; split[i] != NULL; i++)
    g_assert (g_utf8_strlen (split[i], -1) <= (glong) MAX (columns, 4));
}

/* Renderings are safe to show and, up to the send limit, parse back exactly. */
static void
check_renderings (GBytes *bytes)
{
  gsize size = g_bytes_get_size (bytes);
  g_autofree char *printable = sl_payload_to_printable (bytes);
  g_autofree char *hex = sl_payload_to_hex (bytes);
  g_autofree char *dump = sl_payload_to_hexdump (bytes);
  guint lines = 0;

  g_assert (g_utf8_validate (printable, -1, NULL));
  for (const char *p = printable; *p; p++)
    g_assert ((guchar) *p >= 0x20 && *p != 0x7f);
  g_assert (strlen (hex) == (size ? size * 3 - 1 : 0));
  for (const char *p = dump; *p; p++)
    lines += *p == '\n';
  g_assert (size == 0 ? dump[0] == '\0' : lines + 1 == (size + 15) / 16);
  check_lines (printable, 1 + size % 80);
  if (size > SL_PAYLOAD_MAX_SEND)
    return;
  check_parses_back (printable, SL_PAYLOAD_MODE_ESCAPES, bytes);
  check_parses_back (hex, SL_PAYLOAD_MODE_HEX, bytes);
}

/* The size check says yes exactly up to the limit, and its message names both numbers.
 * Sizes come from the first bytes too, so the limits themselves are reached. */
static void
check_sizes (const uint8_t *data,
             size_t         size)
{
  static const GSocketFamily families[] = { G_SOCKET_FAMILY_INVALID, G_SOCKET_FAMILY_IPV4,
                                            G_SOCKET_FAMILY_IPV6 };
  gsize sizes[] = { size, 0 };

  for (size_t i = 0; i < MIN (size, 3u); i++)
    sizes[1] = sizes[1] << 8 | data[i];
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int protocol = SL_PROTOCOL_TCP; protocol <= SL_PROTOCOL_UDP; protocol++)
      for (guint f = 0; f < G_N_ELEMENTS (families); f++)
        {
          g_autoptr(GError) error = NULL;
          gsize max = sl_payload_max_size (protocol, families[f]);
          gboolean ok = sl_payload_check_size (sizes[s], protocol, families[f], &error);

          g_assert (max >= SL_PAYLOAD_MAX_UDP_IPV4 && max <= SL_PAYLOAD_MAX_SEND);
          g_assert (ok == (sizes[s] <= max));
          g_assert (ok == (error == NULL));
          if (!ok)
            {
              g_assert (error->domain == SL_PAYLOAD_ERROR && error->code == SL_PAYLOAD_ERROR_TOO_LARGE);
              g_assert (g_utf8_validate (error->message, -1, NULL));
              g_assert (strstr (error->message, "this one has ") != NULL);
            }
        }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GBytes) raw = g_bytes_new (data, size);

  for (int mode = SL_PAYLOAD_MODE_TEXT; mode <= SL_PAYLOAD_MODE_HEX; mode++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = sl_payload_parse (text, mode, &error);

      g_assert ((bytes == NULL) == (error != NULL));
      if (bytes == NULL)
        {
          check_error (error);
          continue;
        }
      g_assert (g_bytes_get_size (bytes) <= SL_PAYLOAD_MAX_SEND);
      if (mode == SL_PAYLOAD_MODE_TEXT)
        g_assert (g_bytes_get_size (bytes) == strlen (text));
      check_renderings (bytes);
    }
  check_renderings (raw);
  check_sizes (data, size);
  return 0;
}
