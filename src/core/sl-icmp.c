/* sl-icmp.c: build ICMP/ICMPv6 echo requests and parse what an ICMP socket receives.
 *
 * Parsing never trusts a length field: every offset is checked against the bytes received
 * (tests/fuzz/fuzz-icmp.c feeds it arbitrary input).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sl-icmp.h"

enum {
  ICMP4_ECHO_REPLY = 0,
  ICMP4_DEST_UNREACH = 3,
  ICMP4_SOURCE_QUENCH = 4,
  ICMP4_ECHO_REQUEST = 8,
  ICMP4_TIME_EXCEEDED = 11,
  ICMP4_PARAM_PROBLEM = 12,

  ICMP6_DEST_UNREACH = 1,
  ICMP6_PACKET_TOO_BIG = 2,
  ICMP6_TIME_EXCEEDED = 3,
  ICMP6_PARAM_PROBLEM = 4,
  ICMP6_ECHO_REQUEST = 128,
  ICMP6_ECHO_REPLY = 129,
};

#define IPV4_PROTO_ICMP   1
#define IPV6_NEXT_ICMPV6  58
#define IPV6_HEADER_SIZE  40

static guint16
read16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

static guint32
read32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

guint16
sl_icmp_checksum (const guint8 *buffer,
                  gsize         length)
{
  guint32 sum = 0;
  gsize i;

  for (i = 0; i + 1 < length; i += 2)
    sum += read16 (buffer + i);
  if (i < length)
    sum += (guint32) buffer[i] << 8;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

gsize
sl_icmp_build_echo_request (GSocketFamily  family,
                            guint16        id,
                            guint16        seq,
                            const guint8  *data,
                            gsize          data_len,
                            guint8        *out,
                            gsize          out_size)
{
  gsize length = SL_ICMP_HEADER_SIZE + data_len;

  g_return_val_if_fail (family == G_SOCKET_FAMILY_IPV4 || family == G_SOCKET_FAMILY_IPV6, 0);
  g_return_val_if_fail (data != NULL || data_len == 0, 0);

  if (out == NULL || out_size < length)
    return 0;

  out[0] = family == G_SOCKET_FAMILY_IPV4 ? ICMP4_ECHO_REQUEST : ICMP6_ECHO_REQUEST;
  out[1] = 0;
  out[2] = out[3] = 0;
  out[4] = id >> 8;
  out[5] = id & 0xff;
  out[6] = seq >> 8;
  out[7] = seq & 0xff;
  /* memmove: the data may already be in place, at out + SL_ICMP_HEADER_SIZE. */
  if (data_len > 0)
    memmove (out + SL_ICMP_HEADER_SIZE, data, data_len);

  if (family == G_SOCKET_FAMILY_IPV4)
    {
      guint16 sum = sl_icmp_checksum (out, length);
      out[2] = sum >> 8;
      out[3] = sum & 0xff;
    }
  return length;
}

static gboolean
is_error_type (GSocketFamily family,
               guint8        type)
{
  if (family == G_SOCKET_FAMILY_IPV4)
    return type == ICMP4_DEST_UNREACH || type == ICMP4_SOURCE_QUENCH ||
           type == ICMP4_TIME_EXCEEDED || type == ICMP4_PARAM_PROBLEM;
  return type == ICMP6_DEST_UNREACH || type == ICMP6_PACKET_TOO_BIG ||
         type == ICMP6_TIME_EXCEEDED || type == ICMP6_PARAM_PROBLEM;
}

/* Skips an IPv4 header; returns its length or 0 when it is not a sane one. */
static gsize
ipv4_header_length (const guint8 *buffer,
                    gsize         length,
                    guint8        expected_protocol)
{
  gsize ihl;

  if (length < 20 || (buffer[0] >> 4) != 4)
    return 0;
  ihl = (gsize) (buffer[0] & 0x0f) * 4;
  if (ihl < 20 || ihl > length || buffer[9] != expected_protocol)
    return 0;
  return ihl;
}

/* The echo request an error message quotes: its IP header, then at least 8 ICMP bytes. */
static void
parse_quoted_request (GSocketFamily  family,
                      const guint8  *quoted,
                      gsize          length,
                      SlIcmpPacket  *packet)
{
  gsize offset;
  guint8 request_type;

  if (family == G_SOCKET_FAMILY_IPV4)
    {
      offset = ipv4_header_length (quoted, length, IPV4_PROTO_ICMP);
      request_type = ICMP4_ECHO_REQUEST;
    }
  else
    {
      offset = length >= IPV6_HEADER_SIZE && (quoted[0] >> 4) == 6 &&
               quoted[6] == IPV6_NEXT_ICMPV6 ? IPV6_HEADER_SIZE : 0;
      request_type = ICMP6_ECHO_REQUEST;
    }

  if (offset == 0 || length - offset < SL_ICMP_HEADER_SIZE)
    {
      packet->kind = SL_ICMP_KIND_MALFORMED;
      return;
    }
  if (quoted[offset] != request_type)
    {
      packet->kind = SL_ICMP_KIND_OTHER;
      return;
    }
  packet->kind = SL_ICMP_KIND_ERROR;
  packet->id = read16 (quoted + offset + 4);
  packet->seq = read16 (quoted + offset + 6);
  /* The destination field: bytes 16-19 of an IPv4 header, 24-39 of an IPv6 one. */
  packet->quoted_dst_len = family == G_SOCKET_FAMILY_IPV4 ? 4 : 16;
  memcpy (packet->quoted_dst, quoted + (family == G_SOCKET_FAMILY_IPV4 ? 16 : 24), packet->quoted_dst_len);
}

void
sl_icmp_parse (GSocketFamily  family,
               gboolean       with_ip_header,
               const guint8  *buffer,
               gsize          length,
               SlIcmpPacket  *out_packet)
{
  const guint8 *icmp = buffer;
  gsize icmp_length = length;
  guint8 echo_request, echo_reply;

  g_return_if_fail (out_packet != NULL);
  g_return_if_fail (buffer != NULL || length == 0);

  memset (out_packet, 0, sizeof *out_packet);
  out_packet->kind = SL_ICMP_KIND_MALFORMED;
  out_packet->ttl = -1;
  out_packet->checksum_ok = TRUE;

  if (family != G_SOCKET_FAMILY_IPV4 && family != G_SOCKET_FAMILY_IPV6)
    return;

  if (with_ip_header && family == G_SOCKET_FAMILY_IPV4)
    {
      gsize ihl = ipv4_header_length (buffer, length, IPV4_PROTO_ICMP);

      if (ihl == 0)
        return;
      out_packet->ttl = buffer[8];
      icmp = buffer + ihl;
      icmp_length = length - ihl;
    }

  if (icmp_length < SL_ICMP_HEADER_SIZE)
    return;

  out_packet->type = icmp[0];
  out_packet->code = icmp[1];
  out_packet->info = read32 (icmp + 4);
  if (with_ip_header && family == G_SOCKET_FAMILY_IPV4)
    out_packet->checksum_ok = sl_icmp_checksum (icmp, icmp_length) == 0;

  echo_request = family == G_SOCKET_FAMILY_IPV4 ? ICMP4_ECHO_REQUEST : ICMP6_ECHO_REQUEST;
  echo_reply = family == G_SOCKET_FAMILY_IPV4 ? ICMP4_ECHO_REPLY : ICMP6_ECHO_REPLY;

  if (out_packet->type == echo_reply || out_packet->type == echo_request)
    {
      out_packet->kind = out_packet->type == echo_reply ? SL_ICMP_KIND_ECHO_REPLY
                                                        : SL_ICMP_KIND_ECHO_REQUEST;
      out_packet->id = read16 (icmp + 4);
      out_packet->seq = read16 (icmp + 6);
      out_packet->data = icmp + SL_ICMP_HEADER_SIZE;
      out_packet->data_len = icmp_length - SL_ICMP_HEADER_SIZE;
    }
  else if (is_error_type (family, out_packet->type))
    parse_quoted_request (family, icmp + SL_ICMP_HEADER_SIZE,
                          icmp_length - SL_ICMP_HEADER_SIZE, out_packet);
  else
    out_packet->kind = SL_ICMP_KIND_OTHER;
}

/* The texts ping prints after "From ADDRESS icmp_seq=N" for each ICMP error, word for word as
 * LC_ALL=C ping prints them (iputils' pr_icmph ()). Not translated, in any language: they stand
 * in ping's own lines, which students compare with the terminal. */
static const char *
describe_ipv4_unreachable (guint8 code)
{
  static const char * const texts[] = {
    "Destination Net Unreachable",
    "Destination Host Unreachable",
    "Destination Protocol Unreachable",
    "Destination Port Unreachable",
    "Frag needed and DF set",
    "Source Route Failed",
    "Destination Net Unknown",
    "Destination Host Unknown",
    "Source Host Isolated",
    "Destination Net Prohibited",
    "Destination Host Prohibited",
    "Destination Net Unreachable for Type of Service",
    "Destination Host Unreachable for Type of Service",
    "Packet filtered",
    "Precedence Violation",
    "Precedence Cutoff",
  };

  return code < G_N_ELEMENTS (texts) ? texts[code] : NULL;
}

static const char *
describe_ipv6_unreachable (guint8 code)
{
  static const char * const texts[] = {
    "No route",
    "Administratively prohibited",
    "Beyond scope of source address",
    "Address unreachable",
    "Port unreachable",
  };

  return code < G_N_ELEMENTS (texts) ? texts[code] : NULL;
}

static char *
describe_ipv4 (guint8  type,
               guint8  code,
               guint32 info)
{
  const char *text;

  switch (type)
    {
    case ICMP4_DEST_UNREACH:
      if (code == 4)
        return g_strdup_printf ("Frag needed and DF set (mtu = %u)", info & 0xffff);
      text = describe_ipv4_unreachable (code);
      return text ? g_strdup (text) : g_strdup_printf ("Dest Unreachable, Bad Code: %u", code);
    case ICMP4_SOURCE_QUENCH:
      return g_strdup ("Source Quench");
    case ICMP4_TIME_EXCEEDED:
      return g_strdup (code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded");
    case ICMP4_PARAM_PROBLEM:
      return g_strdup_printf ("Parameter problem: pointer = %u", info >> 24);
    default:
      return g_strdup_printf ("Bad ICMP type: %u", type);
    }
}

static char *
describe_ipv6 (guint8  type,
               guint8  code,
               guint32 info)
{
  const char *text;

  switch (type)
    {
    case ICMP6_DEST_UNREACH:
      text = describe_ipv6_unreachable (code);
      return text ? g_strdup_printf ("Destination unreachable: %s", text)
                  : g_strdup_printf ("Destination unreachable: Unknown code %u", code);
    case ICMP6_PACKET_TOO_BIG:
      return g_strdup_printf ("Packet too big: mtu=%u", info);
    case ICMP6_TIME_EXCEEDED:
      return g_strdup (code == 0 ? "Time exceeded: Hop limit" : "Time exceeded: Defragmentation failure");
    case ICMP6_PARAM_PROBLEM:
      return g_strdup_printf ("Parameter problem: pointer = %u", info);
    default:
      return g_strdup_printf ("Bad ICMP type: %u", type);
    }
}

char *
sl_icmp_describe_error (GSocketFamily family,
                        guint8        type,
                        guint8        code,
                        guint32       info)
{
  if (family == G_SOCKET_FAMILY_IPV4)
    return describe_ipv4 (type, code, info);
  return describe_ipv6 (type, code, info);
}
