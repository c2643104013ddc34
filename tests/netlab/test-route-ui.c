/* test-route-ui.c: the Route page in the route lab (route-lab.sh): one round to the target
 * over the three routers shows every hop's row as a student sees it: the names from the
 * lab's /etc/hosts, "* * *" for the silent router, the target marked as the destination.
 * Takes route-lab.sh's client options; uses --target4/--target6, --expect4/--expect6 and
 * --names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "sl-route-lab.h"
#include "sl-route-page.h"
#include "sl-route-text.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"

static SlRouteLab lab;

/* The Host column's text for the lab's hop @i: "r1.route.lab (198.18.0.2)", "* * *". */
static char *
expected_host (char **addresses,
               char **hop_names,
               guint  i)
{
  gboolean last = addresses[i + 1] == NULL;
  g_autoptr(GInetAddress) parsed = NULL;
  g_autofree char *address = NULL;
  g_autofree char *host = NULL;

  if (g_str_equal (addresses[i], "*"))
    return g_strdup ("* * *");
  /* Written as the kernel gives it: the lab says 2001:db8:0::2, the page 2001:db8::2. */
  parsed = g_inet_address_new_from_string (addresses[i]);
  g_assert_nonnull (parsed);
  address = g_inet_address_to_string (parsed);
  host = hop_names[i] != NULL && *hop_names[i] != '\0'
         ? g_strdup_printf ("%s (%s)", hop_names[i], address) : g_strdup (address);
  return last ? g_strdup_printf ("%s · destination", host) : g_steal_pointer (&host);
}

static gboolean
every_row_shown (GtkWidget  *page,
                 char      **addresses,
                 char      **hop_names)
{
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      g_autofree char *host = expected_host (addresses, hop_names, i);

      if (sl_ui_test_count_labels (page, host) != 1)
        return FALSE;
    }
  return TRUE;
}

static void
trace_in_lab (const char *target,
              const char *expect,
              const char *shot)
{
  SlRoutePage *page = g_object_ref_sink (g_object_new (SL_TYPE_ROUTE_PAGE, NULL));
  GtkWindow *window = sl_ui_test_show (GTK_WIDGET (page), 1000, 720);
  SlRoute *route = sl_route_page_get_route (page);
  g_auto(GStrv) addresses = g_strsplit (expect, ",", -1);
  g_autofree char *table = NULL;
  gint64 deadline;
  g_auto(GStrv) hop_names = g_strsplit (lab.names != NULL ? lab.names : "", ",", -1);
  GtkWidget *rounds = sl_ui_test_find_type (sl_ui_test_get (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, "Rounds"),
                                            GTK_TYPE_SPIN_BUTTON);

  g_assert_cmpuint (g_strv_length (hop_names), ==, g_strv_length (addresses));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (rounds), 1);
  sl_route_page_trace (page, target);
  g_assert_true (sl_route_get_running (route));
  SL_TEST_SPIN_UNTIL (!sl_route_get_running (route), 30000);
  /* The names arrive after their hops' answers, each by itself. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!every_row_shown (GTK_WIDGET (page), addresses, hop_names) && sl_test_iterate_until (deadline))
    ;
  table = sl_route_format_table (route);
  g_test_message ("%s", table);
  g_assert_true (every_row_shown (GTK_WIDGET (page), addresses, hop_names));
  g_assert_true (sl_route_get_destination_reached (route));
  g_assert_cmpuint (g_list_model_get_n_items (sl_route_get_hops (route)), ==, g_strv_length (addresses));
  sl_ui_test_render_light_and_dark (GTK_WIDGET (window), shot);

  gtk_window_set_focus (window, NULL);
  gtk_window_destroy (window);
  sl_ui_test_flush ();
  g_assert_finalize_object (page);
}

static void
test_ipv4 (void)
{
  trace_in_lab (lab.target4, lab.expect4, "route-page-lab");
}

static void
test_ipv6 (void)
{
  if (lab.target6 == NULL || lab.expect6 == NULL)
    {
      g_test_skip ("the lab gave no IPv6 target");
      return;
    }
  trace_in_lab (lab.target6, lab.expect6, "route-page-lab-ipv6");
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- the Route page in the route lab");

  /* route-lab.sh passes the options its other client needs too. */
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_option_context_set_help_enabled (context, FALSE);
  sl_route_lab_add_options (context, &lab);
  if (!sl_route_lab_parse (context, &lab, &argc, &argv))
    return 2;
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run under build-aux/dev test\n");
      return 77;
    }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/route-ui/ipv4", test_ipv4);
  g_test_add_func ("/route-ui/ipv6", test_ipv6);
  return g_test_run ();
}
