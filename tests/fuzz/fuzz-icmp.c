/* fuzz-icmp.c: libFuzzer target for sl_icmp_parse, the parser of whatever an ICMP socket
 * receives (a raw socket sees every ICMP packet on the machine, forged ones included).
 * The first input byte picks IPv4 or IPv6 and whether an IPv4 header comes first; the rest
 * is the packet. Each input is also used as an echo payload that must survive a round trip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sl-icmp.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Whatever the bytes, the parse stays inside them and describes itself consistently. */
static void
check_parse (GSocketFamily  family,
             gboolean       with_ip_header,
             const guint8  *packet,
             gsize          length)
{
  SlIcmpPacket parsed;

  sl_icmp_parse (family, with_ip_header, packet, length, &parsed);
  g_assert (parsed.kind >= SL_ICMP_KIND_OTHER && parsed.kind <= SL_ICMP_KIND_ERROR);
  g_assert (parsed.ttl >= -1 && parsed.ttl <= 255);
  if (parsed.kind == SL_ICMP_KIND_ECHO_REPLY || parsed.kind == SL_ICMP_KIND_ECHO_REQUEST)
    {
      g_assert (parsed.data >= packet + SL_ICMP_HEADER_SIZE);
      g_assert (parsed.data + parsed.data_len == packet + length);
    }
  else
    g_assert (parsed.data == NULL && parsed.data_len == 0);
  if (!with_ip_header || family == G_SOCKET_FAMILY_IPV6)
    g_assert (parsed.checksum_ok && parsed.ttl == -1);
  if (parsed.kind == SL_ICMP_KIND_ERROR)
    {
      g_autofree char *text = sl_icmp_describe_error (family, parsed.type, parsed.code, parsed.info);
      g_assert (text != NULL && text[0] != '\0' && g_utf8_validate (text, -1, NULL));
    }
}

/* What we build parses back to the same id, sequence and payload, with a valid checksum. */
static void
check_round_trip (GSocketFamily  family,
                  const guint8  *payload,
                  gsize          length)
{
  guint16 id = length > 1 ? (guint16) (payload[0] << 8 | payload[1]) : 0x1234;
  guint16 seq = (guint16) length;
  g_autofree guint8 *packet = g_malloc (SL_ICMP_HEADER_SIZE + length);
  gsize built = sl_icmp_build_echo_request (family, id, seq, payload, length, packet,
                                            SL_ICMP_HEADER_SIZE + length);
  SlIcmpPacket parsed;

  g_assert (built == SL_ICMP_HEADER_SIZE + length);
  g_assert (sl_icmp_build_echo_request (family, id, seq, payload, length, packet, built - 1) == 0);
  if (family == G_SOCKET_FAMILY_IPV4)
    g_assert (sl_icmp_checksum (packet, built) == 0);
  sl_icmp_parse (family, FALSE, packet, built, &parsed);
  g_assert (parsed.kind == SL_ICMP_KIND_ECHO_REQUEST);
  g_assert (parsed.id == id && parsed.seq == seq);
  g_assert (parsed.data_len == length);
  g_assert (length == 0 || memcmp (parsed.data, payload, length) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GSocketFamily family;
  gboolean with_ip_header;
  g_autofree guint8 *packet = NULL;

  if (size == 0)
    return 0;
  family = (data[0] & 1) ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4;
  with_ip_header = (data[0] & 2) != 0;
  /* A copy of exactly the packet's size, so reading past it is caught by the sanitizers. */
  packet = g_memdup2 (data + 1, size - 1);
  check_parse (family, with_ip_header, packet, size - 1);
  check_round_trip (family, packet, size - 1);
  return 0;
}
