/* sl-tun-responder.c: an emulated far host for tests/netlab. It attaches to an existing TUN
 * device, answers every ICMP echo request it reads after a fixed delay, drops a fraction of
 * them and duplicates another fraction, deciding with a seeded RNG so runs are repeatable.
 *
 *   sl-tun-responder --tun NAME [--delay-ms 20] [--loss 0.2] [--dup 0] [--seed 1]
 *
 * It prints "ready" once attached and runs until SIGTERM or SIGINT, then prints what it did.
 * netem is not available everywhere; a userspace responder is, and it is exact enough:
 * replies leave within a few tens of microseconds of their due time (ppoll, not poll).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sl-tun.h"

#define MAX_PACKET 65536

typedef struct {
  gint64  due_ns;
  gsize   length;
  guint8 *packet;
} Reply;

static volatile sig_atomic_t stopping;

static void
on_signal (int signum)
{
  stopping = 1;
}

static guint16
checksum (const guint8 *data,
          gsize         length)
{
  guint32 sum = 0;
  gsize i;

  for (i = 0; i + 1 < length; i += 2)
    sum += (guint32) (data[i] << 8 | data[i + 1]);
  if (i < length)
    sum += (guint32) data[i] << 8;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

static void
put16 (guint8  *p,
       guint16  value)
{
  p[0] = value >> 8;
  p[1] = value & 0xff;
}

/* Turns an IPv4 ICMP echo request into its reply in place; FALSE for anything else. */
static gboolean
make_reply (guint8 *packet,
            gsize   length)
{
  gsize ihl;
  guint8 address[4];

  if (length < 28 || (packet[0] >> 4) != 4 || packet[9] != 1)
    return FALSE;
  ihl = (gsize) (packet[0] & 0x0f) * 4;
  if (ihl < 20 || ihl + 8 > length || packet[ihl] != 8)
    return FALSE;

  memcpy (address, packet + 12, 4);
  memcpy (packet + 12, packet + 16, 4);
  memcpy (packet + 16, address, 4);
  packet[8] = 64;
  put16 (packet + 10, 0);
  put16 (packet + 10, checksum (packet, ihl));

  packet[ihl] = 0;
  put16 (packet + ihl + 2, 0);
  put16 (packet + ihl + 2, checksum (packet + ihl, length - ihl));
  return TRUE;
}

static void
queue_reply (GQueue       *queue,
             const guint8 *packet,
             gsize         length,
             gint64        due_ns)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->due_ns = due_ns;
  reply->length = length;
  reply->packet = g_memdup2 (packet, length);
  /* Every reply waits the same delay, so arrival order is due order. */
  g_queue_push_tail (queue, reply);
}

static void
reply_free (Reply *reply)
{
  g_free (reply->packet);
  g_free (reply);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tun = NULL;
  double delay_ms = 20, loss = 0, dup = 0;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "tun", 0, 0, G_OPTION_ARG_STRING, &tun, "TUN device to attach to", "NAME" },
    { "delay-ms", 0, 0, G_OPTION_ARG_DOUBLE, &delay_ms, "Delay before each reply", "MS" },
    { "loss", 0, 0, G_OPTION_ARG_DOUBLE, &loss, "Fraction of requests left unanswered", "P" },
    { "dup", 0, 0, G_OPTION_ARG_DOUBLE, &dup, "Fraction of replies sent twice", "P" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the drop and duplicate decisions", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- answer ICMP echo on a TUN device");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree guint8 *buffer = g_malloc (MAX_PACKET);
  GQueue queue = G_QUEUE_INIT;
  guint requests = 0, dropped = 0, sent = 0;
  int fd;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || tun == NULL)
    {
      fprintf (stderr, "%s\n", error ? error->message : "--tun is required");
      return 2;
    }
  fd = sl_tun_attach (tun);
  if (fd < 0)
    {
      fprintf (stderr, "cannot attach to TUN device %s: %s\n", tun, g_strerror (errno));
      return 1;
    }
  rand = g_rand_new_with_seed ((guint32) seed);
  signal (SIGTERM, on_signal);
  signal (SIGINT, on_signal);
  printf ("ready\n");
  fflush (stdout);

  while (!stopping)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      Reply *next = g_queue_peek_head (&queue);
      struct timespec wait = { 1, 0 };
      gssize length;

      if (next != NULL)
        {
          gint64 left = MAX (next->due_ns - sl_tun_now_ns (), 0);
          wait.tv_sec = left / 1000000000;
          wait.tv_nsec = left % 1000000000;
        }
      if (ppoll (&pfd, 1, &wait, NULL) < 0 && errno != EINTR)
        break;

      while ((length = read (fd, buffer, MAX_PACKET)) > 0)
        {
          gint64 due = sl_tun_now_ns () + (gint64) (delay_ms * 1e6);

          if (!make_reply (buffer, length))
            continue;
          requests++;
          if (g_rand_double (rand) < loss)
            {
              dropped++;
              continue;
            }
          queue_reply (&queue, buffer, length, due);
          if (g_rand_double (rand) < dup)
            queue_reply (&queue, buffer, length, due);
        }

      while ((next = g_queue_peek_head (&queue)) != NULL && next->due_ns <= sl_tun_now_ns ())
        {
          if (write (fd, next->packet, next->length) == (gssize) next->length)
            sent++;
          reply_free (g_queue_pop_head (&queue));
        }
    }

  printf ("requests %u, dropped %u, replies sent %u\n", requests, dropped, sent);
  g_queue_clear_full (&queue, (GDestroyNotify) reply_free);
  close (fd);
  return 0;
}
