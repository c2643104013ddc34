/* test-log.c: the bounded log: entries, printable data, dropping, text and CSV export, kind names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sl-log.h"
#include "sl-test-util.h"

static void
test_entries (void)
{
  g_autoptr(SlLog) log = sl_log_new (0);
  g_autoptr(GBytes) data = g_bytes_new ("hi\r\n\0<b>", 8);

  sl_log_append_message (log, SL_LOG_KIND_INFO, NULL, "Connected");
  sl_log_append_data (log, SL_LOG_KIND_RECEIVED, "127.0.0.1:5000", data);

  g_assert_cmpuint (sl_log_get_max_entries (log), ==, SL_LOG_DEFAULT_MAX_ENTRIES);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 2);
  g_assert_cmpint (sl_log_entry_get_kind (sl_test_entry_at (log, 0)), ==, SL_LOG_KIND_INFO);
  g_assert_cmpstr (sl_log_entry_get_text (sl_test_entry_at (log, 0)), ==, "Connected");
  g_assert_null (sl_log_entry_get_peer (sl_test_entry_at (log, 0)));
  g_assert_cmpstr (sl_log_entry_get_peer (sl_test_entry_at (log, 1)), ==, "127.0.0.1:5000");
  /* NUL and line endings become escapes; markup-like text stays literal text. */
  g_assert_cmpstr (sl_log_entry_get_text (sl_test_entry_at (log, 1)), ==, "hi\\r\\n\\x00<b>");
  g_assert_true (g_bytes_equal (sl_log_entry_get_data (sl_test_entry_at (log, 1)), data));
  g_assert_finalize_object (g_steal_pointer (&log));
}

static void
test_bounded (void)
{
  g_autoptr(SlLog) log = sl_log_new (100);

  for (int i = 0; i < 1000; i++)
    {
      g_autofree char *message = g_strdup_printf ("line %d", i);
      sl_log_append_message (log, SL_LOG_KIND_INFO, NULL, message);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 100);
  g_assert_cmpuint (sl_log_get_dropped (log), ==, 900);
  g_assert_cmpstr (sl_log_entry_get_text (sl_test_entry_at (log, 0)), ==, "line 900");
  g_assert_cmpstr (sl_log_entry_get_text (sl_test_entry_at (log, 99)), ==, "line 999");
}

/* The byte cap: the oldest entries go until the data and messages fit, and what they held
 * is counted, so kept + dropped data is everything that was logged. */
static void
test_byte_cap (void)
{
  g_autoptr(SlLog) log = sl_log_new_full (0, 1000);
  g_autofree guint8 *block = g_malloc0 (300);
  g_autoptr(GBytes) data = g_bytes_new (block, 300);
  g_autoptr(GBytes) huge = g_bytes_new_take (g_malloc0 (5000), 5000);
  guint notified = 0;
  guint64 kept = 0;

  g_assert_cmpuint (sl_log_get_max_bytes (log), ==, 1000);
  g_signal_connect (log, "notify::dropped-data-bytes", G_CALLBACK (sl_test_count_notify_cb), &notified);
  sl_log_append_message (log, SL_LOG_KIND_INFO, NULL, "0123456789");
  for (guint i = 0; i < 10; i++)
    sl_log_append_data (log, SL_LOG_KIND_RECEIVED, "127.0.0.1:5000", data);

  /* 10 + 3 × 300 fits, a fourth block does not: the message went with the first blocks. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 3);
  g_assert_cmpuint (sl_log_get_dropped (log), ==, 8);
  g_assert_cmpuint (sl_log_get_dropped_data_bytes (log), ==, 7 * 300);
  g_assert_cmpuint (sl_ring_get_n_bytes (SL_RING (log)), ==, 900);
  g_assert_cmpuint (notified, ==, 7);
  for (guint i = 0; i < 3; i++)
    kept += sl_log_entry_get_size (sl_test_entry_at (log, i));
  g_assert_cmpuint (kept + sl_log_get_dropped_data_bytes (log), ==, 10 * 300);
  g_assert_cmpuint (sl_log_entry_get_size (sl_test_entry_at (log, 0)), ==, 300);

  /* A smaller cap (the Preferences' log size) applies at once, counted the same way. */
  sl_log_set_max_bytes (log, 600);
  g_assert_cmpuint (sl_log_get_max_bytes (log), ==, 600);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 2);
  g_assert_cmpuint (sl_log_get_dropped_data_bytes (log), ==, 8 * 300);
  sl_log_set_max_bytes (log, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 1);
  sl_log_set_max_bytes (log, 0);
  g_assert_cmpuint (sl_log_get_max_bytes (log), ==, SL_LOG_DEFAULT_MAX_BYTES);
  sl_log_set_max_bytes (log, 1000);
  g_assert_cmpuint (notified, ==, 9);

  /* One entry larger than the cap stays, alone: the newest is always shown. */
  sl_log_append_data (log, SL_LOG_KIND_SENT, NULL, huge);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 1);
  g_assert_cmpuint (sl_log_get_dropped_data_bytes (log), ==, 10 * 300);
  g_assert_true (sl_log_entry_get_data (sl_test_entry_at (log, 0)) == huge);

  sl_log_clear (log);
  g_assert_cmpuint (sl_log_get_dropped (log), ==, 0);
  g_assert_cmpuint (sl_log_get_dropped_data_bytes (log), ==, 0);
  g_assert_cmpuint (sl_ring_get_n_bytes (SL_RING (log)), ==, 0);
  g_signal_handlers_disconnect_by_data (log, &notified);
  g_assert_finalize_object (g_steal_pointer (&log));
}

static void
test_default_caps (void)
{
  g_autoptr(SlLog) log = sl_log_new (10);

  /* A cap in entries alone still gets the byte cap. */
  g_assert_cmpuint (sl_log_get_max_entries (log), ==, 10);
  g_assert_cmpuint (sl_log_get_max_bytes (log), ==, SL_LOG_DEFAULT_MAX_BYTES);
  g_assert_cmpuint (SL_LOG_DEFAULT_MAX_BYTES, ==, 8 * 1024 * 1024);
}

/* An export, line by line. */
static GStrv
export_lines (SlLog  *log,
              char *(*export) (SlLog *))
{
  g_autofree char *text = export (log);

  return g_strsplit (text, "\n", -1);
}

static void
test_export_text (void)
{
  g_autoptr(SlLog) log = sl_log_new (2);
  g_autoptr(GBytes) data = g_bytes_new_static ("pong", 4);
  g_auto(GStrv) lines = NULL;

  sl_log_append_message (log, SL_LOG_KIND_INFO, NULL, "dropped soon");
  sl_log_append_message (log, SL_LOG_KIND_ERROR, NULL, "ECONNRESET (104)");
  sl_log_append_data (log, SL_LOG_KIND_SENT, "[::1]:7", data);
  lines = export_lines (log, sl_log_to_text);

  g_assert_cmpstr (lines[0], ==, "# 1 older entries were dropped");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}  error     -  ECONNRESET \\(104\\)$",
                                       lines[1], 0, 0));
  g_assert_true (g_str_has_suffix (lines[2], "  sent      [::1]:7  pong"));
  g_assert_cmpstr (lines[3], ==, "");
}

static void
test_export_text_dropped_data (void)
{
  g_autoptr(SlLog) log = sl_log_new (1);
  g_autoptr(GBytes) data = g_bytes_new_static ("pong", 4);
  g_auto(GStrv) lines = NULL;

  sl_log_append_data (log, SL_LOG_KIND_RECEIVED, "[::1]:7", data);
  sl_log_append_data (log, SL_LOG_KIND_RECEIVED, "[::1]:7", data);
  lines = export_lines (log, sl_log_to_text);
  g_assert_cmpstr (lines[0], ==, "# 1 older entries were dropped, with 4 bytes of data");
}

static void
test_kind_names (void)
{
  static const struct { SlLogKind kind; const char *name; const char *label; } kinds[] = {
    { SL_LOG_KIND_INFO, "info", "Info" },
    { SL_LOG_KIND_SENT, "sent", "Sent" },
    { SL_LOG_KIND_RECEIVED, "received", "Received" },
    { SL_LOG_KIND_ERROR, "error", "Error" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_assert_cmpstr (sl_log_kind_to_string (kinds[i].kind), ==, kinds[i].name);
      g_assert_cmpstr (sl_log_kind_get_label (kinds[i].kind), ==, kinds[i].label);
    }
  /* A kind this build does not know reads as info, as exports always did. */
  g_assert_cmpstr (sl_log_kind_to_string ((SlLogKind) 42), ==, "info");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/log/entries", test_entries);
  g_test_add_func ("/log/bounded", test_bounded);
  g_test_add_func ("/log/byte-cap", test_byte_cap);
  g_test_add_func ("/log/default-caps", test_default_caps);
  g_test_add_func ("/log/export-text-dropped-data", test_export_text_dropped_data);
  g_test_add_func ("/log/export-text", test_export_text);
  g_test_add_func ("/log/kind-names", test_kind_names);
  return g_test_run ();
}
