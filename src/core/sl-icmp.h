/* sl-icmp.h: build ICMP/ICMPv6 echo requests and parse what an ICMP socket receives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SL_ICMP_HEADER_SIZE 8
/* An IPv4 header with the largest options, an ICMP header and the largest echo payload. */
#define SL_ICMP_MAX_PACKET  (60 + SL_ICMP_HEADER_SIZE + 65507)

typedef enum {
  SL_ICMP_KIND_OTHER,         /* some other ICMP message: not for a pinger */
  SL_ICMP_KIND_MALFORMED,     /* too short or inconsistent headers */
  SL_ICMP_KIND_ECHO_REQUEST,
  SL_ICMP_KIND_ECHO_REPLY,
  SL_ICMP_KIND_ERROR,         /* unreachable, time exceeded…, quoting an echo request */
} SlIcmpKind;

typedef struct {
  SlIcmpKind     kind;
  guint8         type;
  guint8         code;
  guint16        id;          /* for ERROR: the id and seq of the quoted echo request */
  guint16        seq;
  gboolean       checksum_ok; /* verified when the IPv4 header is present (raw sockets) */
  int            ttl;         /* from the IPv4 header, or -1 */
  guint32        info;        /* ICMP "rest of header": MTU, pointer… for errors */
  guint8         quoted_dst[16]; /* for ERROR: where the quoted request was going */
  gsize          quoted_dst_len; /* 4 (IPv4) or 16 (IPv6) */
  const guint8  *data;        /* echo payload after the ICMP header */
  gsize          data_len;
} SlIcmpPacket;

/* @with_ip_header: IPv4 raw sockets receive the IP header; datagram and IPv6 sockets do not. */
void        sl_icmp_parse               (GSocketFamily   family,
                                         gboolean        with_ip_header,
                                         const guint8   *buffer,
                                         gsize           length,
                                         SlIcmpPacket   *out_packet);
/* Writes header and @data into @out; returns the length, or 0 when @out_size is too small.
 * The IPv4 checksum is filled in; the kernel computes the ICMPv6 one. @data may already be in
 * place at @out + SL_ICMP_HEADER_SIZE. */
gsize       sl_icmp_build_echo_request  (GSocketFamily   family,
                                         guint16         id,
                                         guint16         seq,
                                         const guint8   *data,
                                         gsize           data_len,
                                         guint8         *out,
                                         gsize           out_size);
/* The Internet checksum (RFC 1071) of @buffer, in network byte order. */
guint16     sl_icmp_checksum            (const guint8   *buffer,
                                         gsize           length);
/* "Destination Host Unreachable", the words iputils prints for an ICMP error. */
char       *sl_icmp_describe_error      (GSocketFamily   family,
                                         guint8          type,
                                         guint8          code,
                                         guint32         info);

G_END_DECLS
