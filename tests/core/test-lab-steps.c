/* test-lab-steps.c: the lab's steps: their order and fields, which facts tick which step,
 * and the student's own presets as they are stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-lab-steps.h"
#include "sl-test-util.h"

static const char *
value_string (SlLabStep  *step,
              const char *key)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (sl_lab_step_get_values (step), key, NULL);

  return value != NULL ? g_variant_get_string (value, NULL) : NULL;
}

static void
test_classic_lab (void)
{
  g_autoptr(SlLabSteps) steps = sl_lab_steps_new ();
  static const char *ids[] = { "resolve", "http", "echo-tcp", "echo-udp", "ping-compare" };
  SlLabStep *http, *ping;
  g_autoptr(GVariant) targets = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (steps)), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(SlLabStep) step = g_list_model_get_item (G_LIST_MODEL (steps), i);

      g_assert_cmpstr (sl_lab_step_get_id (step), ==, ids[i]);
      g_assert_cmpstr (sl_lab_step_get_teaches (step), !=, "");
      g_assert_false (sl_lab_step_get_done (step));
      g_assert_false (sl_lab_steps_is_custom (steps, step));
    }
  http = sl_lab_steps_find (steps, "http");
  g_assert_cmpstr (value_string (http, "connect-port"), ==, "80");
  g_assert_cmpstr (value_string (http, "connect-payload-mode"), ==, "escapes");
  g_assert_cmpstr (value_string (http, "connect-message"), ==, "GET / HTTP/1.0\\r\\nHost: www.example.com\\r\\n\\r\\n");
  g_assert_cmpstr (value_string (sl_lab_steps_find (steps, "echo-udp"), "server-protocol"), ==, "udp");
  g_assert_cmpstr (value_string (sl_lab_steps_find (steps, "echo-udp"), "server-address"), ==, "127.0.0.1");
  ping = sl_lab_steps_find (steps, "ping-compare");
  targets = g_variant_lookup_value (sl_lab_step_get_values (ping), "ping-targets", G_VARIANT_TYPE_STRING_ARRAY);
  g_assert_cmpuint (g_variant_n_children (targets), ==, 2);
}

/* A fact ticks the step it is the goal of, for the host and port the step names. */
static void
test_facts (void)
{
  g_autoptr(SlLabSteps) steps = sl_lab_steps_new ();
  g_auto(GStrv) done = NULL;

  sl_lab_steps_note (steps, SL_LAB_FACT_TCP_SENT, "www.example.com", 8080);
  sl_lab_steps_note (steps, SL_LAB_FACT_TCP_ECHOED, "127.0.0.1", 5001);
  sl_lab_steps_note (steps, SL_LAB_FACT_RESOLVED, "example.org", 0);
  g_assert_false (sl_lab_step_get_done (sl_lab_steps_find (steps, "http")));
  g_assert_false (sl_lab_step_get_done (sl_lab_steps_find (steps, "echo-tcp")));
  g_assert_false (sl_lab_step_get_done (sl_lab_steps_find (steps, "resolve")));

  sl_lab_steps_note (steps, SL_LAB_FACT_RESOLVED, "WWW.Example.COM", 0);
  sl_lab_steps_note (steps, SL_LAB_FACT_UDP_ECHOED, "127.0.0.1", 5000);
  sl_lab_steps_note (steps, SL_LAB_FACT_PINGS_COMPARED, "127.0.0.1", 0);
  g_assert_true (sl_lab_step_get_done (sl_lab_steps_find (steps, "resolve")));
  g_assert_true (sl_lab_step_get_done (sl_lab_steps_find (steps, "echo-udp")));
  g_assert_false (sl_lab_step_get_done (sl_lab_steps_find (steps, "echo-tcp")));
  done = sl_lab_steps_dup_done_titles (steps);
  g_assert_cmpuint (g_strv_length (done), ==, 3);
  g_assert_cmpstr (done[0], ==, sl_lab_step_get_title (sl_lab_steps_find (steps, "resolve")));
}

/* The student's presets go out and come back as one variant; the lab's own stay. */
static void
test_custom (void)
{
  g_autoptr(SlLabSteps) steps = sl_lab_steps_new ();
  g_autoptr(SlLabSteps) restored = sl_lab_steps_new ();
  g_autoptr(GVariant) custom = NULL;
  g_autoptr(GVariant) empty = NULL;
  GVariantBuilder values;
  SlLabStep *mine;

  g_variant_builder_init (&values, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&values, "{sv}", "connect-host", g_variant_new_string ("127.0.0.2"));
  mine = sl_lab_steps_add_custom (steps, "My server", "connect", g_variant_builder_end (&values));
  g_assert_true (sl_lab_steps_is_custom (steps, mine));
  g_assert_cmpstr (sl_lab_step_get_id (mine), ==, "custom-1");
  /* Presets are never "done": they have no goal. */
  sl_lab_steps_note (steps, SL_LAB_FACT_RESOLVED, "127.0.0.2", 0);
  g_assert_false (sl_lab_step_get_done (mine));

  custom = sl_lab_steps_dup_custom (steps);
  g_assert_cmpstr (g_variant_get_type_string (custom), ==, SL_LAB_STEPS_CUSTOM_TYPE);
  sl_lab_steps_set_custom (restored, custom);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (restored)), ==, 6);
  g_assert_cmpstr (value_string (sl_test_item_at (G_LIST_MODEL (restored), 5), "connect-host"), ==, "127.0.0.2");

  g_assert_false (sl_lab_steps_remove_custom (steps, "http"));
  g_assert_false (sl_lab_steps_remove_custom (steps, "custom-9"));
  g_assert_true (sl_lab_steps_remove_custom (steps, "custom-1"));
  empty = sl_lab_steps_dup_custom (steps);
  g_assert_cmpuint (g_variant_n_children (empty), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (steps)), ==, 5);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lab-steps/classic-lab", test_classic_lab);
  g_test_add_func ("/lab-steps/facts", test_facts);
  g_test_add_func ("/lab-steps/custom", test_custom);
  return g_test_run ();
}
