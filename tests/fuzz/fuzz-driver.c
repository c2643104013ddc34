/* fuzz-driver.c: runs a libFuzzer target without libFuzzer, so fuzz targets are
 * ordinary tests with any compiler: every seed given (files or directories),
 * then deterministic pseudo-random mutations of them.
 *
 * Environment: SL_FUZZ_MUTATIONS (how many, default 20000), SL_FUZZ_SECONDS (instead: mutate
 * for that long; build-aux/dev fuzz uses it without clang), SL_FUZZ_ARTIFACT_DIR (where a
 * failing input is written as crash-TARGET, to replay with "TARGET FILE").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_INPUT_SIZE         4096
#define DEFAULT_MUTATIONS 20000
#define RANDOM_SEED       0x5eed

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Sanitizers call this before they end the process, when they are linked in. */
void __sanitizer_set_death_callback (void (*callback) (void)) __attribute__((weak));

/* Bytes the parsers treat specially: mutations favour them. */
static const guint8 dictionary[] = {
  '\\', 'x', '0', '7', '9', 'a', 'f', 'g', 'z', ':', '[', ']', '%', '.', '-', '_', ' ',
  '\n', '\r', '\t', ',', '@', '/', 0x00, 0x7f, 0x80, 0xc3, 0xa9, 0xe2, 0xff,
};

static const GByteArray *current_input;
static guint current_iteration;
/* Set up before any input runs: the signal handler may not allocate. */
static char artifact_path[4096];

/* The failing input as a file, to replay or to add to the corpus as a regression seed. */
static void
write_artifact (void)
{
  int fd;
  gboolean written;

  if (artifact_path[0] == '\0')
    return;
  fd = open (artifact_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return;
  written = write (fd, current_input->data, current_input->len) == (ssize_t) current_input->len;
  close (fd);
  if (written && (write (STDERR_FILENO, "reproducer: ", 12) < 0 ||
                  write (STDERR_FILENO, artifact_path, strlen (artifact_path)) < 0 ||
                  write (STDERR_FILENO, "\n", 1) < 0))
    return;
}

/* Shows the input that failed, so the failure can be replayed from a file. */
static void
dump_current_input (void)
{
  static const char digits[] = "0123456789abcdef";
  char line[64];
  int len;

  if (current_input == NULL)
    return;
  len = snprintf (line, sizeof line, "\nfailing input (iteration %u, hex):\n", current_iteration);
  if (write (STDERR_FILENO, line, len) < 0)
    return;
  for (guint i = 0; i < current_input->len; i++)
    {
      char byte[2] = { digits[current_input->data[i] >> 4], digits[current_input->data[i] & 0xf] };

      if (write (STDERR_FILENO, byte, 2) < 0)
        return;
    }
  if (write (STDERR_FILENO, "\n", 1) < 0)
    return;
  write_artifact ();
}

static void
on_fatal_signal (int signum)
{
  dump_current_input ();
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
run_one (const GByteArray *input,
         guint             iteration)
{
  current_input = input;
  current_iteration = iteration;
  LLVMFuzzerTestOneInput (input->data, input->len);
  current_input = NULL;
}

static void
add_seed_file (GPtrArray  *seeds,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("cannot read seed %s: %s", path, error->message);
  g_ptr_array_add (seeds, g_byte_array_new_take ((guint8 *) contents, MIN (len, MAX_INPUT_SIZE)));
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Directory entries in sorted order, so every run is the same. */
static void
add_seeds (GPtrArray  *seeds,
           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      add_seed_file (seeds, path);
      return;
    }
  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    g_error ("cannot open corpus %s: %s", path, error->message);
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    add_seed_file (seeds, g_ptr_array_index (names, i));
}

static guint
random_index (GRand *rand,
              guint  n)
{
  return n > 0 ? (guint) g_rand_int_range (rand, 0, n) : 0;
}

static guint8
random_interesting_byte (GRand *rand)
{
  return dictionary[random_index (rand, G_N_ELEMENTS (dictionary))];
}

/* Inserts @len bytes of @source at a random place of @input. */
static void
insert_bytes (GByteArray   *input,
              GRand        *rand,
              const guint8 *source,
              guint         len)
{
  guint at = random_index (rand, input->len + 1);

  len = MIN (len, MAX_INPUT_SIZE - MIN (input->len, MAX_INPUT_SIZE));
  g_byte_array_set_size (input, input->len + len);
  memmove (input->data + at + len, input->data + at, input->len - len - at);
  memcpy (input->data + at, source, len);
}

static void
mutate (GByteArray *input,
        GRand      *rand,
        GPtrArray  *seeds)
{
  guint pos = random_index (rand, input->len);
  guint8 byte;

  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0: /* flip one bit */
      if (input->len > 0)
        input->data[pos] ^= 1u << g_rand_int_range (rand, 0, 8);
      break;
    case 1: /* any byte */
      byte = (guint8) g_rand_int_range (rand, 0, 256);
      insert_bytes (input, rand, &byte, 1);
      break;
    case 2: /* a byte the parsers care about */
      byte = random_interesting_byte (rand);
      insert_bytes (input, rand, &byte, 1);
      break;
    case 3:
      if (input->len > 0)
        input->data[pos] = random_interesting_byte (rand);
      break;
    case 4: /* delete a run */
      if (input->len > 0)
        g_byte_array_remove_range (input, pos, 1 + random_index (rand, MIN (input->len - pos, 8)));
      break;
    case 5: /* repeat a run of the input itself */
      if (input->len > 0)
        {
          g_autoptr(GByteArray) copy = g_byte_array_sized_new (input->len);
          guint len = 1 + random_index (rand, MIN (input->len - pos, 64));

          g_byte_array_append (copy, input->data + pos, len);
          insert_bytes (input, rand, copy->data, copy->len);
        }
      break;
    default: /* splice in a run of another seed */
      {
        const GByteArray *other = g_ptr_array_index (seeds, random_index (rand, seeds->len));
        guint from = random_index (rand, other->len);

        if (other->len > 0)
          insert_bytes (input, rand, other->data + from, 1 + random_index (rand, other->len - from));
      }
      break;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  const char *env_count = g_getenv ("SL_FUZZ_MUTATIONS");
  const char *env_seconds = g_getenv ("SL_FUZZ_SECONDS");
  const char *env_artifacts = g_getenv ("SL_FUZZ_ARTIFACT_DIR");
  guint count = env_count ? (guint) g_ascii_strtoull (env_count, NULL, 10) : DEFAULT_MUTATIONS;
  gint64 deadline = 0;
  GRand *rand;
  guint i;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
      return 2;
    }
  if (env_seconds != NULL)
    {
      deadline = g_get_monotonic_time () + g_ascii_strtoll (env_seconds, NULL, 10) * G_USEC_PER_SEC;
      count = G_MAXUINT;
    }
  if (env_artifacts != NULL)
    {
      g_autofree char *name = g_path_get_basename (argv[0]);
      g_autofree char *path = g_strdup_printf ("%s/crash-%s", env_artifacts, name);

      g_mkdir_with_parents (env_artifacts, 0755);
      g_strlcpy (artifact_path, path, sizeof artifact_path);
    }
  signal (SIGABRT, on_fatal_signal);
  signal (SIGSEGV, on_fatal_signal);
  if (__sanitizer_set_death_callback != NULL)
    __sanitizer_set_death_callback (dump_current_input);

  for (int i = 1; i < argc; i++)
    add_seeds (seeds, argv[i]);
  if (seeds->len == 0)
    g_error ("no seed inputs in %s", argv[1]);
  for (guint i = 0; i < seeds->len; i++)
    run_one (g_ptr_array_index (seeds, i), 0);

  rand = g_rand_new_with_seed (RANDOM_SEED);
  for (i = 1; i <= count; i++)
    {
      const GByteArray *seed = g_ptr_array_index (seeds, random_index (rand, seeds->len));
      g_autoptr(GByteArray) input = g_byte_array_sized_new (seed->len + 16);
      guint rounds = 1 + random_index (rand, 8);

      g_byte_array_append (input, seed->data, seed->len);
      for (guint r = 0; r < rounds; r++)
        mutate (input, rand, seeds);
      run_one (input, i);
      /* The clock is read every 256 runs: cheap next to the parsers. */
      if (deadline != 0 && i % 256 == 0 && g_get_monotonic_time () >= deadline)
        break;
    }
  g_rand_free (rand);
  printf ("%s: %u seeds and %u mutations ran without a failure\n", argv[0], seeds->len,
          MIN (i, count));
  return 0;
}
