/* sl-tun-link.c: an emulated point-to-point link between two network namespaces, for the
 * route lab (tests/netlab/route-lab.sh). Each namespace has a TUN device; this program holds
 * both and copies every IP packet read from one to the other after a fixed delay per
 * direction. It is a wire, not a router: the TTL is left alone, so the link adds no hop.
 *
 *   sl-tun-link --tun-a NAME --netns-b PATH --tun-b NAME [--delay-ab-ms 20] [--delay-ba-ms 0]
 *
 * TUN A is opened in the namespace the program starts in, TUN B after setns () into PATH
 * (/run/netns/NAME): a TUN descriptor stays with the device it was attached to. It prints
 * "ready" once both are attached and runs until SIGTERM or SIGINT, then prints what it
 * forwarded. netem is not available everywhere; this is, and since it stops sleeping shortly
 * before a packet is due and waits for it on the clock, the packet leaves within a few
 * microseconds of its due time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "sl-tun.h"

#define MAX_PACKET 65536
/* How long before a packet is due the loop stops sleeping. */
#define SPIN_NS    (500 * G_GINT64_CONSTANT (1000))

typedef struct {
  gint64  due_ns;
  gsize   length;
  guint8 *packet;
} Packet;

/* One direction of the link: what was read from @from waits in @queue for @to. */
typedef struct {
  int     from;
  int     to;
  gint64  delay_ns;
  GQueue  queue;
  guint64 forwarded;
  gint64  late_ns;       /* summed over the packets forwarded, and the worst */
  gint64  max_late_ns;
} Direction;

static volatile sig_atomic_t stopping;

static void
on_signal (int signum)
{
  stopping = 1;
}

static void
packet_free (Packet *packet)
{
  g_free (packet->packet);
  g_free (packet);
}

/* Reads everything waiting; every packet of a direction waits the same delay, so the queue
 * stays in due order. */
static void
read_side (Direction *direction,
           guint8    *buffer)
{
  gssize length;

  while ((length = read (direction->from, buffer, MAX_PACKET)) > 0)
    {
      Packet *packet = g_new0 (Packet, 1);

      packet->due_ns = sl_tun_now_ns () + direction->delay_ns;
      packet->length = length;
      packet->packet = g_memdup2 (buffer, length);
      g_queue_push_tail (&direction->queue, packet);
    }
}

static void
write_due (Direction *direction)
{
  Packet *packet;

  while ((packet = g_queue_peek_head (&direction->queue)) != NULL &&
         packet->due_ns <= sl_tun_now_ns ())
    {
      gint64 late = sl_tun_now_ns () - packet->due_ns;

      /* A full TUN queue on the far side drops the packet, as a congested link would. */
      if (write (direction->to, packet->packet, packet->length) == (gssize) packet->length)
        {
          direction->forwarded++;
          direction->late_ns += late;
          direction->max_late_ns = MAX (direction->max_late_ns, late);
        }
      packet_free (g_queue_pop_head (&direction->queue));
    }
}

static gint64
next_due (Direction *directions,
          guint      n)
{
  gint64 due = G_MAXINT64;

  for (guint i = 0; i < n; i++)
    {
      Packet *packet = g_queue_peek_head (&directions[i].queue);

      if (packet != NULL)
        due = MIN (due, packet->due_ns);
    }
  return due;
}

static int
attach_in (const char *netns,
           const char *name)
{
  int ns = open (netns, O_RDONLY | O_CLOEXEC);
  int fd;

  if (ns < 0)
    return -1;
  if (setns (ns, CLONE_NEWNET) < 0)
    {
      close (ns);
      return -1;
    }
  close (ns);
  fd = sl_tun_attach (name);
  return fd;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tun_a = NULL, *tun_b = NULL, *netns_b = NULL;
  double delay_ab_ms = 20, delay_ba_ms = 0;
  GOptionEntry entries[] = {
    { "tun-a", 0, 0, G_OPTION_ARG_STRING, &tun_a, "TUN device in this namespace", "NAME" },
    { "netns-b", 0, 0, G_OPTION_ARG_FILENAME, &netns_b, "Namespace of the other end", "PATH" },
    { "tun-b", 0, 0, G_OPTION_ARG_STRING, &tun_b, "TUN device in that namespace", "NAME" },
    { "delay-ab-ms", 0, 0, G_OPTION_ARG_DOUBLE, &delay_ab_ms, "Delay from A to B", "MS" },
    { "delay-ba-ms", 0, 0, G_OPTION_ARG_DOUBLE, &delay_ba_ms, "Delay from B to A", "MS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- join two TUN devices with a delay");
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *buffer = g_malloc (MAX_PACKET);
  Direction directions[2] = { { 0 } };
  int a, b;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      tun_a == NULL || tun_b == NULL || netns_b == NULL)
    {
      fprintf (stderr, "%s\n", error ? error->message : "--tun-a, --netns-b and --tun-b are required");
      return 2;
    }
  a = sl_tun_attach (tun_a);
  if (a < 0)
    {
      fprintf (stderr, "cannot attach to TUN device %s: %s\n", tun_a, g_strerror (errno));
      return 1;
    }
  b = attach_in (netns_b, tun_b);
  if (b < 0)
    {
      fprintf (stderr, "cannot attach to TUN device %s in %s: %s\n", tun_b, netns_b, g_strerror (errno));
      return 1;
    }
  /* A wire does not wait for the scheduler: real-time priority keeps other processes (the
   * tools under test) from delaying a packet by milliseconds now and then. Best effort. */
  if (sched_setscheduler (0, SCHED_FIFO, &(struct sched_param) { .sched_priority = 10 }) != 0)
    fprintf (stderr, "no real-time priority (%s): expect some jitter\n", g_strerror (errno));
  prctl (PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
  directions[0] = (Direction) { .from = a, .to = b, .delay_ns = (gint64) (delay_ab_ms * 1e6) };
  directions[1] = (Direction) { .from = b, .to = a, .delay_ns = (gint64) (delay_ba_ms * 1e6) };
  g_queue_init (&directions[0].queue);
  g_queue_init (&directions[1].queue);
  signal (SIGTERM, on_signal);
  signal (SIGINT, on_signal);
  printf ("ready\n");
  fflush (stdout);

  while (!stopping)
    {
      struct pollfd pfds[2] = { { a, POLLIN, 0 }, { b, POLLIN, 0 } };
      struct timespec wait = { 1, 0 };
      gint64 due = next_due (directions, 2);

      /* Sleep until shortly before the next packet is due, then spin on non-blocking reads
       * and the clock: a sleeping process wakes up to ~200 µs late here, 1 % of 20 ms. */
      if (due != G_MAXINT64)
        {
          gint64 left = MAX (due - sl_tun_now_ns () - SPIN_NS, 0);

          wait.tv_sec = left / 1000000000;
          wait.tv_nsec = left % 1000000000;
        }
      if ((wait.tv_sec > 0 || wait.tv_nsec > 0) && ppoll (pfds, 2, &wait, NULL) < 0 && errno != EINTR)
        break;
      for (guint i = 0; i < 2; i++)
        {
          read_side (&directions[i], buffer);
          write_due (&directions[i]);
        }
    }

  for (guint i = 0; i < 2; i++)
    printf ("forwarded %" G_GUINT64_FORMAT " packets %s, after their due time by %.1f µs on average, "
            "%.1f µs at most\n", directions[i].forwarded, i == 0 ? "A to B" : "B to A",
            directions[i].forwarded ? directions[i].late_ns / 1e3 / directions[i].forwarded : 0.0,
            directions[i].max_late_ns / 1e3);
  for (guint i = 0; i < 2; i++)
    g_queue_clear_full (&directions[i].queue, (GDestroyNotify) packet_free);
  close (a);
  close (b);
  return 0;
}
