/* test-trace.c: the bounded trace model: order, formatting, dropping, change signals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include "sl-test-util.h"
#include "sl-trace.h"

typedef struct {
  guint removed;
  guint added;
  guint signals;
} Changes;

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               Changes    *changes)
{
  changes->removed += removed;
  changes->added += added;
  changes->signals++;
}

static void
test_record_and_format (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autofree char *ok = NULL;
  g_autofree char *refused = NULL;

  sl_trace_record (trace, "socket", "AF_INET, SOCK_STREAM, IPPROTO_TCP", 7, 0);
  sl_trace_record (trace, "connect", "7, 127.0.0.1:1", -1, ECONNREFUSED);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (trace)) == SL_TYPE_TRACE_EVENT);
  ok = sl_trace_event_format (sl_test_event_at (trace, 0));
  refused = sl_trace_event_format (sl_test_event_at (trace, 1));
  g_assert_cmpstr (ok, ==, "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 7");
  g_assert_true (g_str_has_prefix (refused, "connect(7, 127.0.0.1:1) = -1 ECONNREFUSED (Connection refused"));
  g_assert_cmpint (sl_trace_event_get_errno (sl_test_event_at (trace, 1)), ==, ECONNREFUSED);
  g_assert_cmpint (sl_trace_event_get_time_us (sl_test_event_at (trace, 0)), <=,
                   sl_trace_event_get_time_us (sl_test_event_at (trace, 1)));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (trace), 2));
  g_assert_finalize_object (g_steal_pointer (&trace));
}

static void
test_record_error (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Timed out");

  sl_trace_record_error (trace, "connect", "5, 127.0.0.1:9", error);
  g_assert_cmpint (sl_trace_event_get_result (sl_test_event_at (trace, 0)), ==, -1);
  g_assert_cmpint (sl_trace_event_get_errno (sl_test_event_at (trace, 0)), ==, ETIMEDOUT);
}

static void
test_bounded (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (3);
  Changes changes = { 0 };

  g_signal_connect (trace, "items-changed", G_CALLBACK (count_changes), &changes);
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *args = g_strdup_printf ("%d", i);
      sl_trace_record (trace, "send", args, i, 0);
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 3);
  g_assert_cmpuint (sl_trace_get_dropped (trace), ==, 7);
  /* The oldest go first: the survivors are the last three, in order. */
  g_assert_cmpstr (sl_trace_event_get_args (sl_test_event_at (trace, 0)), ==, "7");
  g_assert_cmpstr (sl_trace_event_get_args (sl_test_event_at (trace, 2)), ==, "9");
  g_assert_cmpuint (changes.added - changes.removed, ==, 3);
  g_assert_cmpuint (changes.removed, ==, 7);

  sl_trace_clear (trace);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trace)), ==, 0);
  g_assert_cmpuint (sl_trace_get_dropped (trace), ==, 0);
  g_assert_cmpuint (changes.added - changes.removed, ==, 0);
}

static void
test_to_text (void)
{
  g_autoptr(SlTrace) trace = sl_trace_new (0);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  sl_trace_record (trace, "socket", "AF_INET6, SOCK_DGRAM, IPPROTO_UDP", 9, 0);
  sl_trace_record (trace, "close", "9", 0, 0);
  text = sl_trace_to_text (trace);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "  0.000000  socket(AF_INET6"));
  g_assert_true (g_str_has_suffix (lines[1], "close(9) = 0"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/trace/record-and-format", test_record_and_format);
  g_test_add_func ("/trace/record-error", test_record_error);
  g_test_add_func ("/trace/bounded", test_bounded);
  g_test_add_func ("/trace/to-text", test_to_text);
  return g_test_run ();
}
