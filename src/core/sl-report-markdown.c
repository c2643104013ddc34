/* sl-report-markdown.c: the report as Markdown, its images as files beside it.
 *
 * CommonMark with pipe tables (GitHub, GitLab, pandoc, most editors). Text that came from
 * a peer or the student is escaped so that it stays text: the punctuation that Markdown or
 * inline HTML could read ("<script>", "*", "|", "[x](y)", "&lt;") gets a backslash, a newline
 * in a cell becomes a space. Calls and programs go in code spans and fenced blocks whose
 * backtick runs are longer than any inside them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-report-private.h"

static void
append_escaped (GString    *out,
                const char *text)
{
  if (text == NULL)
    return;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      /* Inline markup anywhere; list and heading markers only where a line could start. */
      else if (strchr ("\\`*_[]<>|~&", *p) != NULL || (p == text && strchr ("#+-=", *p) != NULL))
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else
        g_string_append_c (out, *p);
    }
}

static guint
longest_backtick_run (const char *text)
{
  guint longest = 0, run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  return longest;
}

/* `text`, or `` text `` when it holds backticks; in a table, | is escaped even there. */
static void
append_code_span (GString    *out,
                  const char *text,
                  gboolean    in_table)
{
  guint ticks = longest_backtick_run (text) + 1;
  gboolean pad = ticks > 1 || text[0] == '`' || (text[0] != '\0' && text[strlen (text) - 1] == '`');

  for (guint i = 0; i < ticks; i++)
    g_string_append_c (out, '`');
  if (pad)
    g_string_append_c (out, ' ');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else if (*p == '|' && in_table)
        g_string_append (out, "\\|");
      else
        g_string_append_c (out, *p);
    }
  if (pad)
    g_string_append_c (out, ' ');
  for (guint i = 0; i < ticks; i++)
    g_string_append_c (out, '`');
}

static void
append_fenced (GString    *out,
               const char *language,
               const char *text)
{
  guint ticks = MAX (3, longest_backtick_run (text) + 1);
  g_autofree char *fence = g_strnfill (ticks, '`');

  g_string_append_printf (out, "%s%s\n%s", fence, language != NULL ? language : "", text);
  if (!g_str_has_suffix (text, "\n"))
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n\n", fence);
}

static void
append_table_row (GString     *out,
                  const char **cells,
                  guint        n,
                  gint         code_column)
{
  g_string_append (out, "|");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (out, ' ');
      if ((gint) i == code_column && cells[i] != NULL && *cells[i] != '\0')
        append_code_span (out, cells[i], TRUE);
      else
        append_escaped (out, cells[i]);
      g_string_append (out, " |");
    }
  g_string_append_c (out, '\n');
}

static void
append_separator (GString *out,
                  guint    n)
{
  g_string_append (out, "|");
  for (guint i = 0; i < n; i++)
    g_string_append (out, " --- |");
  g_string_append_c (out, '\n');
}

static void
append_block (GString             *out,
              const SlReportBlock *block,
              const char          *image_prefix,
              GPtrArray           *images)
{
  if (block->title != NULL)
    {
      g_string_append (out, "### ");
      append_escaped (out, block->title);
      g_string_append (out, "\n\n");
    }
  switch (block->kind)
    {
    case SL_REPORT_BLOCK_FACTS:
      {
        const char *header[] = { "", "" };

        /* A pipe table needs a header row: an empty one. */
        append_table_row (out, header, 2, -1);
        append_separator (out, 2);
        for (guint i = 0; i < block->rows->len; i++)
          {
            const SlReportRow *row = g_ptr_array_index (block->rows, i);
            const char *cells[] = { row->cells[0], row->cells[1] };

            append_table_row (out, cells, 2, -1);
          }
        g_string_append_c (out, '\n');
        break;
      }
    case SL_REPORT_BLOCK_TABLE:
      {
        guint columns = g_strv_length (block->header);

        append_table_row (out, (const char **) block->header, columns, -1);
        append_separator (out, columns);
        for (guint i = 0; i < block->rows->len; i++)
          {
            const SlReportRow *row = g_ptr_array_index (block->rows, i);
            g_autofree const char **cells = g_new0 (const char *, columns);

            for (guint j = 0; j < columns; j++)
              cells[j] = row->gap ? (j == 0 ? row->cells[0] : "") : row->cells[j];
            append_table_row (out, cells, columns, row->gap ? -1 : (gint) columns - 1);
          }
        g_string_append_c (out, '\n');
        break;
      }
    case SL_REPORT_BLOCK_CALLS:
      for (guint i = 0; i < block->rows->len; i++)
        {
          const SlReportRow *row = g_ptr_array_index (block->rows, i);

          if (row->gap)
            {
              g_string_append (out, "- *");
              append_escaped (out, row->cells[0]);
              g_string_append (out, "*\n");
              continue;
            }
          g_string_append (out, "- ");
          if (row->failed)
            g_string_append (out, "**");
          append_code_span (out, row->cells[0], FALSE);
          if (row->failed)
            g_string_append (out, "**");
          if (*row->cells[1] != '\0')
            g_string_append_printf (out, " %s", row->cells[1]);
          g_string_append (out, " — ");
          append_escaped (out, row->cells[2]);
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
      break;
    case SL_REPORT_BLOCK_ERRORS:
      for (guint i = 0; i < block->rows->len; i++)
        {
          const SlReportRow *row = g_ptr_array_index (block->rows, i);

          g_string_append (out, "- ");
          append_code_span (out, row->cells[0], FALSE);
          if (row->cells[1] != NULL && *row->cells[1] != '\0')
            {
              g_string_append (out, ": ");
              append_escaped (out, row->cells[1]);
            }
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
      break;
    case SL_REPORT_BLOCK_TEXT:
      append_escaped (out, block->text);
      g_string_append (out, "\n\n");
      break;
    case SL_REPORT_BLOCK_PRE:
      append_fenced (out, "text", block->text);
      break;
    case SL_REPORT_BLOCK_CODE:
      append_fenced (out, block->language, block->text);
      break;
    case SL_REPORT_BLOCK_IMAGE:
    default:
      {
        SlReportFile *file = g_new0 (SlReportFile, 1);

        file->name = g_strdup_printf ("%s-%u.png", image_prefix, images->len + 1);
        file->contents = g_bytes_ref (block->png);
        g_ptr_array_add (images, file);
        g_string_append (out, "![");
        append_escaped (out, block->text);
        /* The name is ours: letters, digits, dashes; <…> keeps any other prefix whole. */
        g_string_append_printf (out, "](<%s>)\n\n", file->name);
        g_string_append_c (out, '*');
        append_escaped (out, block->text);
        g_string_append (out, "*\n\n");
        break;
      }
    }
}

char *
sl_report_render_markdown (SlReport   *self,
                           const char *image_prefix,
                           GPtrArray  *images)
{
  GPtrArray *sections = sl_report_get_sections (self);
  GPtrArray *steps = sl_report_get_steps (self);
  const char *name = sl_report_get_student_name (self);
  const char *id = sl_report_get_student_id (self);
  g_autofree char *footer = sl_report_format_footer (self);
  GString *out = g_string_new ("# ");

  append_escaped (out, sl_report_get_heading (self));
  g_string_append (out, "\n\n");
  if (name != NULL && *name != '\0')
    {
      g_string_append_printf (out, "**%s:** ", _("Student"));
      append_escaped (out, name);
      g_string_append (out, id != NULL && *id != '\0' ? "  \n" : "\n\n");
    }
  if (id != NULL && *id != '\0')
    {
      g_string_append_printf (out, "**%s:** ", _("Student ID"));
      append_escaped (out, id);
      g_string_append (out, "\n\n");
    }

  for (guint i = 0; i < sections->len; i++)
    {
      const SlReportSection *section = g_ptr_array_index (sections, i);

      g_string_append_printf (out, "## %u. ", i + 1);
      append_escaped (out, section->heading);
      g_string_append (out, "\n\n");
      for (guint j = 0; j < section->blocks->len; j++)
        append_block (out, g_ptr_array_index (section->blocks, j), image_prefix, images);
    }

  if (steps->len > 0)
    {
      g_string_append_printf (out, "## %s\n\n", _("Lab steps done"));
      for (guint i = 0; i < steps->len; i++)
        {
          g_string_append_printf (out, "%u. ", i + 1);
          append_escaped (out, g_ptr_array_index (steps, i));
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "---\n\n");
  append_escaped (out, footer);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}
