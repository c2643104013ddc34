/* sl-icmp-raw-prober.c: ICMP echo over a raw socket (root or CAP_NET_RAW).
 *
 * A raw ICMP socket receives every ICMP packet the host gets: other programs' pings, other
 * targets' replies, ICMP errors about anything. Three things keep it honest:
 *  - the echo id is random and unique in this process, so it cannot be guessed from
 *    outside and two targets never share one;
 *  - a kernel socket filter (like iputils') passes only echo replies with our id and ICMP
 *    errors quoting an echo request with our id; the rest never reaches user space, so a
 *    co-resident `ping -f` cannot fill the receive buffer and cause false loss;
 *  - an error counts only when the request it quotes was ours: our id, a sequence number
 *    in flight, and the pinged host as its destination.
 * Anything else is silently ignored: it was never ours. Only what claims to be ours and
 * fails the checks is reported, as forged or corrupted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <linux/filter.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>

#include "sl-icmp-raw-prober.h"
#include "sl-probe-util.h"

#define READS_PER_DISPATCH 64

struct _SlIcmpRawProber
{
  SlIcmpProber parent_instance;

  guint16      ident;
};

G_DEFINE_FINAL_TYPE (SlIcmpRawProber, sl_icmp_raw_prober, SL_TYPE_ICMP_PROBER)

/* Ids in use by this process's raw probers. */
static GHashTable *idents_in_use;
G_LOCK_DEFINE_STATIC (idents_in_use);

static guint16
take_random_ident (void)
{
  guint16 ident;

  G_LOCK (idents_in_use);
  if (idents_in_use == NULL)
    idents_in_use = g_hash_table_new (NULL, NULL);
  do
    ident = (guint16) g_random_int_range (1, 0x10000);
  while (g_hash_table_contains (idents_in_use, GUINT_TO_POINTER (ident)));
  g_hash_table_add (idents_in_use, GUINT_TO_POINTER (ident));
  G_UNLOCK (idents_in_use);
  return ident;
}

static void
release_ident (guint16 ident)
{
  G_LOCK (idents_in_use);
  if (idents_in_use != NULL)
    g_hash_table_remove (idents_in_use, GUINT_TO_POINTER (ident));
  G_UNLOCK (idents_in_use);
}

static void
receive (SlIcmpProber *prober)
{
  SlIcmpRawProber *self = SL_ICMP_RAW_PROBER (prober);
  GSocketFamily family = sl_icmp_prober_get_family (prober);
  guint8 *buffer = sl_icmp_prober_get_buffer (prober);

  for (guint i = 0; i < READS_PER_DISPATCH && sl_icmp_prober_get_socket (prober) != NULL; i++)
    {
      SlSocketMessage message;
      SlIcmpPacket packet;
      gssize n = sl_socket_recvmsg (sl_icmp_prober_get_socket (prober), buffer, SL_ICMP_MAX_PACKET,
                                    0, &message, NULL);

      if (n < 0)
        return;
      /* IPv4 raw sockets deliver the IP header too (its TTL, and a checksum to verify). */
      sl_icmp_parse (family, family == G_SOCKET_FAMILY_IPV4, buffer, n, &packet);
      if (packet.id != self->ident)
        continue;   /* someone else's: the filter should have kept it out already */
      if (packet.kind == SL_ICMP_KIND_ECHO_REPLY)
        sl_icmp_prober_handle_reply (prober, &packet, &message.from, message.kernel_time_ns, message.ttl);
      else if (packet.kind == SL_ICMP_KIND_ERROR)
        {
          g_autofree char *what = NULL;

          if (!sl_icmp_prober_is_target_bytes (prober, packet.quoted_dst, packet.quoted_dst_len))
            continue;   /* quotes a request we did not send to this target */
          what = sl_icmp_describe_error (family, packet.type, packet.code, packet.info);
          sl_icmp_prober_handle_error (prober, packet.seq, &message.from, what);
        }
    }
}

static void
sl_icmp_raw_prober_finalize (GObject *object)
{
  release_ident (SL_ICMP_RAW_PROBER (object)->ident);

  G_OBJECT_CLASS (sl_icmp_raw_prober_parent_class)->finalize (object);
}

static void
sl_icmp_raw_prober_class_init (SlIcmpRawProberClass *klass)
{
  SlIcmpProberClass *icmp_class = SL_ICMP_PROBER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sl_icmp_raw_prober_finalize;
  icmp_class->method = SL_PING_METHOD_ICMP_RAW;
  icmp_class->receive = receive;
}

static void
sl_icmp_raw_prober_init (SlIcmpRawProber *self)
{
}

/* IPv4: the packet starts with the IP header. Passes echo replies with our id, and ICMP
 * errors (from a header without options) that quote an echo request with our id. */
static int
attach_ipv4_filter (SlSocket *socket,
                    guint16   ident)
{
  struct sock_filter code[] = {
    /*  0 */ BPF_STMT (BPF_LDX | BPF_B | BPF_MSH, 0),                 /* X = IP header length */
    /*  1 */ BPF_STMT (BPF_LD | BPF_B | BPF_IND, 0),                  /* A = ICMP type */
    /*  2 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, ICMP_ECHOREPLY, 0, 2),
    /*  3 */ BPF_STMT (BPF_LD | BPF_H | BPF_IND, 4),                  /* A = echo id */
    /*  4 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, ident, 12, 11),
    /*  5 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, ICMP_DEST_UNREACH, 3, 0),
    /*  6 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, ICMP_TIME_EXCEEDED, 2, 0),
    /*  7 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, ICMP_PARAMETERPROB, 1, 0),
    /*  8 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, ICMP_SOURCE_QUENCH, 0, 7),
    /*  9 */ BPF_STMT (BPF_MISC | BPF_TXA, 0),
    /* 10 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, 20, 0, 5),          /* so the quote is at 28 */
    /* 11 */ BPF_STMT (BPF_LDX | BPF_B | BPF_MSH, 28),                /* X = quoted IP header length */
    /* 12 */ BPF_STMT (BPF_LD | BPF_B | BPF_IND, 28),                 /* A = quoted ICMP type */
    /* 13 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, ICMP_ECHO, 0, 2),
    /* 14 */ BPF_STMT (BPF_LD | BPF_H | BPF_IND, 32),                 /* A = quoted echo id */
    /* 15 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, ident, 1, 0),
    /* 16 */ BPF_STMT (BPF_RET | BPF_K, 0),                           /* reject */
    /* 17 */ BPF_STMT (BPF_RET | BPF_K, 0xffffffff),                  /* accept */
  };
  struct sock_fprog program = { G_N_ELEMENTS (code), code };
  g_autofree char *what = g_strdup_printf (_("BPF: echo replies and errors for id %u only"), ident);

  return sl_socket_setsockopt (socket, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof program, what);
}

/* IPv6: the packet starts with the ICMPv6 header. The same rule, with the quoted IPv6
 * header (40 bytes) at offset 8. */
static int
attach_ipv6_filter (SlSocket *socket,
                    guint16   ident)
{
  struct sock_filter code[] = {
    /*  0 */ BPF_STMT (BPF_LD | BPF_B | BPF_ABS, 0),                  /* A = type */
    /*  1 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, ICMP6_ECHO_REPLY, 0, 2),
    /*  2 */ BPF_STMT (BPF_LD | BPF_H | BPF_ABS, 4),                  /* A = echo id */
    /*  3 */ BPF_STMT (BPF_JMP | BPF_JA, 5),
    /*  4 */ BPF_JUMP (BPF_JMP | BPF_JGT | BPF_K, ICMP6_PARAM_PROB, 6, 0),   /* errors are 1 to 4 */
    /*  5 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, 0, 5, 0),
    /*  6 */ BPF_STMT (BPF_LD | BPF_B | BPF_ABS, 48),                 /* A = quoted ICMPv6 type */
    /*  7 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, ICMP6_ECHO_REQUEST, 0, 3),
    /*  8 */ BPF_STMT (BPF_LD | BPF_H | BPF_ABS, 52),                 /* A = quoted echo id */
    /*  9 */ BPF_JUMP (BPF_JMP | BPF_JEQ | BPF_K, ident, 0, 1),
    /* 10 */ BPF_STMT (BPF_RET | BPF_K, 0xffffffff),                  /* accept */
    /* 11 */ BPF_STMT (BPF_RET | BPF_K, 0),                           /* reject */
  };
  struct sock_fprog program = { G_N_ELEMENTS (code), code };
  g_autofree char *what = g_strdup_printf (_("BPF: echo replies and errors for id %u only"), ident);
  struct icmp6_filter types;

  /* The kernel's own type filter first: echo replies and the errors about requests. */
  ICMP6_FILTER_SETBLOCKALL (&types);
  ICMP6_FILTER_SETPASS (ICMP6_ECHO_REPLY, &types);
  ICMP6_FILTER_SETPASS (ICMP6_DST_UNREACH, &types);
  ICMP6_FILTER_SETPASS (ICMP6_PACKET_TOO_BIG, &types);
  ICMP6_FILTER_SETPASS (ICMP6_TIME_EXCEEDED, &types);
  ICMP6_FILTER_SETPASS (ICMP6_PARAM_PROB, &types);
  sl_socket_setsockopt (socket, IPPROTO_ICMPV6, ICMP6_FILTER, &types, sizeof types,
                        _("echo replies and errors"));
  return sl_socket_setsockopt (socket, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof program, what);
}

SlProber *
sl_icmp_raw_prober_open (const SlProberOptions *options,
                         int                   *out_errno)
{
  gboolean v6 = options->target.family == G_SOCKET_FAMILY_IPV6;
  g_autoptr(SlSocket) socket = NULL;
  SlIcmpRawProber *self;

  socket = sl_probe_open_icmp_socket (options->target.family, SOCK_RAW, options->trace, out_errno);
  if (socket == NULL)
    return NULL;

  self = g_object_new (SL_TYPE_ICMP_RAW_PROBER, NULL);
  self->ident = take_random_ident ();
  /* Raw sockets get ICMP errors as ordinary packets: no error queue needed. */
  sl_probe_set_receive_options (socket, options->target.family, SL_PROBE_RECEIVE_LARGE_BUFFER);
  if (v6)
    attach_ipv6_filter (socket, self->ident);
  else
    attach_ipv4_filter (socket, self->ident);
  sl_icmp_prober_start (SL_ICMP_PROBER (self), options, socket, self->ident);
  return SL_PROBER (self);
}
