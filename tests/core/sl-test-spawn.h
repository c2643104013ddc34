/* sl-test-spawn.h: run an outside program from a test (python3, cc, sh, nc) with a deadline,
 * its input from a buffer and its output caught, and temporary files and folders for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a finished program did. */
typedef struct {
  int     status;      /* the exit code, or 128 + signal when killed (a timeout: 128 + 9) */
  GBytes *out;         /* everything it wrote to stdout */
  char   *err;         /* stderr, as text */
} SlTestRun;

void       sl_test_run_free        (SlTestRun          *run);

/* Runs argv (looked up in PATH) with @input on stdin (NULL: nothing), killing it after
 * @timeout_ms. Iterates the default main context meanwhile, so servers of the test keep
 * working. Fails the test when the program cannot be started. */
SlTestRun *sl_test_run             (const char * const *argv,
                                    GBytes             *input,
                                    guint               timeout_ms);
/* Starts argv in the background (stdout and stderr to the test's own); kill with
 * sl_test_process_stop (). */
GSubprocess *sl_test_spawn         (const char * const *argv);
void       sl_test_process_stop    (GSubprocess        *process);

/* TRUE when @program is in PATH. */
gboolean   sl_test_have_program    (const char         *program);

/* A fresh temporary folder, removed with everything in it by sl_test_remove_tree (). */
char      *sl_test_make_temp_dir   (void);
void       sl_test_remove_tree     (const char         *path);
/* The names in a folder, sorted, joined with spaces ("" when empty). */
char      *sl_test_list_dir        (const char         *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTestRun, sl_test_run_free)

G_END_DECLS
