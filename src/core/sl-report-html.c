/* sl-report-html.c: the report as one self-contained HTML5 document.
 *
 * Self-contained means it loads nothing: the style is inline, images are data: URIs, the
 * only links are to its own sections (#section-2). It prints cleanly from a browser to PDF:
 * the print rules drop the table of contents' underlines, keep headings with what follows
 * and wrap long lines of code. Every text is escaped, attributes included; no element is
 * left open, so a strict parser (Python's html.parser in the tests) sees every end tag.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-report-private.h"

static const char style[] =
  ":root { color-scheme: light; }\n"
  "body { font-family: system-ui, -apple-system, \"Segoe UI\", Cantarell, sans-serif; line-height: 1.45;\n"
  "       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1e1e1e; background: #fff; }\n"
  "h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }\n"
  "h2 { font-size: 1.35rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2.2rem; }\n"
  "h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }\n"
  ".student { color: #555; margin-top: 0; }\n"
  "table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1rem; font-size: 0.92rem; }\n"
  "th, td { border: 1px solid #d0d0d0; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }\n"
  "th { background: #f3f3f3; }\n"
  "table.facts th { width: 12rem; font-weight: 600; }\n"
  "code, pre { font-family: ui-monospace, \"DejaVu Sans Mono\", Menlo, Consolas, monospace; font-size: 0.88rem; }\n"
  "td.call { font-family: ui-monospace, \"DejaVu Sans Mono\", Menlo, Consolas, monospace; font-size: 0.85rem;\n"
  "          overflow-wrap: anywhere; }\n"
  "td.data { font-family: ui-monospace, \"DejaVu Sans Mono\", Menlo, Consolas, monospace; overflow-wrap: anywhere; }\n"
  "td.count { white-space: nowrap; }\n"
  "tr.failed td { background: #fdecec; }\n"
  "tr.gap td { text-align: center; color: #666; font-style: italic; }\n"
  "pre { background: #f6f6f6; border: 1px solid #ddd; padding: 0.6rem; overflow-x: auto; }\n"
  "pre.code { background: #f7f9fc; }\n"
  "ul.errors li { margin-bottom: 0.3rem; }\n"
  "figure { margin: 0.6rem 0 1rem; }\n"
  "figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }\n"
  "figcaption { color: #555; font-size: 0.9rem; }\n"
  "nav ol { columns: 2; }\n"
  "footer { margin-top: 3rem; color: #666; font-size: 0.85rem; border-top: 1px solid #ccc; padding-top: 0.5rem; }\n"
  "@media print {\n"
  "  body { max-width: none; margin: 0; font-size: 10pt; }\n"
  "  nav { display: none; }\n"
  "  a { color: inherit; text-decoration: none; }\n"
  "  h2, h3 { break-after: avoid; page-break-after: avoid; }\n"
  /* Long tables may break between rows (whole tables moving on would leave half-empty
   * pages); the header row repeats on each page. */
  "  tr, figure, pre.statistics { break-inside: avoid; page-break-inside: avoid; }\n"
  "  thead { display: table-header-group; }\n"
  "  pre { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; }\n"
  "  tr.failed td { background: none; font-weight: 600; }\n"
  "  @page { margin: 15mm; }\n"
  "}\n";

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

/* <tag class="…">escaped text</tag> */
static void
append_element (GString    *out,
                const char *tag,
                const char *class_name,
                const char *text)
{
  g_string_append_printf (out, "<%s", tag);
  if (class_name != NULL)
    g_string_append_printf (out, " class=\"%s\"", class_name);
  g_string_append_c (out, '>');
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>", tag);
}

static void
append_row_open (GString           *out,
                 const SlReportRow *row)
{
  if (row->gap)
    g_string_append (out, "<tr class=\"gap\">");
  else if (row->failed)
    g_string_append (out, "<tr class=\"failed\">");
  else
    g_string_append (out, "<tr>");
}

static void
append_gap (GString           *out,
            const SlReportRow *row,
            guint              columns)
{
  append_row_open (out, row);
  g_string_append_printf (out, "<td colspan=\"%u\">", columns);
  append_escaped (out, row->cells[0]);
  g_string_append (out, "</td></tr>\n");
}

static void
append_facts (GString             *out,
              const SlReportBlock *block)
{
  g_string_append (out, "<table class=\"facts\">\n");
  for (guint i = 0; i < block->rows->len; i++)
    {
      const SlReportRow *row = g_ptr_array_index (block->rows, i);

      append_row_open (out, row);
      append_element (out, "th", NULL, row->cells[0]);
      append_element (out, "td", NULL, row->cells[1]);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</table>\n");
}

static void
append_table (GString             *out,
              const SlReportBlock *block)
{
  guint columns = g_strv_length (block->header);

  g_string_append (out, "<table>\n<thead><tr>");
  for (guint i = 0; i < columns; i++)
    append_element (out, "th", NULL, block->header[i]);
  g_string_append (out, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < block->rows->len; i++)
    {
      const SlReportRow *row = g_ptr_array_index (block->rows, i);

      if (row->gap)
        {
          append_gap (out, row, columns);
          continue;
        }
      append_row_open (out, row);
      for (guint j = 0; j < columns && row->cells[j] != NULL; j++)
        /* The last column holds what peers sent: monospace, so escapes line up. */
        append_element (out, "td", j + 1 == columns ? "data" : NULL, row->cells[j]);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

static void
append_calls (GString             *out,
              const SlReportBlock *block)
{
  g_string_append_printf (out, "<table class=\"calls\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
                          _("Call and result"), _("Times"), _("What it does"));
  for (guint i = 0; i < block->rows->len; i++)
    {
      const SlReportRow *row = g_ptr_array_index (block->rows, i);

      if (row->gap)
        {
          append_gap (out, row, 3);
          continue;
        }
      append_row_open (out, row);
      append_element (out, "td", "call", row->cells[0]);
      append_element (out, "td", "count", row->cells[1]);
      append_element (out, "td", NULL, row->cells[2]);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

static void
append_errors (GString             *out,
               const SlReportBlock *block)
{
  g_string_append (out, "<ul class=\"errors\">\n");
  for (guint i = 0; i < block->rows->len; i++)
    {
      const SlReportRow *row = g_ptr_array_index (block->rows, i);

      g_string_append (out, "<li>");
      append_element (out, "code", NULL, row->cells[0]);
      if (row->cells[1] != NULL && *row->cells[1] != '\0')
        {
          g_string_append (out, ": ");
          append_escaped (out, row->cells[1]);
        }
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ul>\n");
}

static void
append_image (GString             *out,
              const SlReportBlock *block)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (block->png, &len);
  g_autofree char *base64 = g_base64_encode (data, len);

  g_string_append (out, "<figure><img src=\"data:image/png;base64,");
  g_string_append (out, base64);
  g_string_append (out, "\" alt=\"");
  append_escaped (out, block->text);
  g_string_append (out, "\">");
  append_element (out, "figcaption", NULL, block->text);
  g_string_append (out, "</figure>\n");
}

static void
append_block (GString             *out,
              const SlReportBlock *block)
{
  if (block->title != NULL)
    {
      append_element (out, "h3", NULL, block->title);
      g_string_append_c (out, '\n');
    }
  switch (block->kind)
    {
    case SL_REPORT_BLOCK_FACTS:
      append_facts (out, block);
      break;
    case SL_REPORT_BLOCK_TABLE:
      append_table (out, block);
      break;
    case SL_REPORT_BLOCK_CALLS:
      append_calls (out, block);
      break;
    case SL_REPORT_BLOCK_ERRORS:
      append_errors (out, block);
      break;
    case SL_REPORT_BLOCK_TEXT:
      append_element (out, "p", NULL, block->text);
      g_string_append_c (out, '\n');
      break;
    case SL_REPORT_BLOCK_PRE:
      append_element (out, "pre", "statistics", block->text);
      g_string_append_c (out, '\n');
      break;
    case SL_REPORT_BLOCK_CODE:
      g_string_append_printf (out, "<pre class=\"code\"><code class=\"language-%s\">", block->language);
      append_escaped (out, block->text);
      g_string_append (out, "</code></pre>\n");
      break;
    case SL_REPORT_BLOCK_IMAGE:
    default:
      append_image (out, block);
      break;
    }
}

/* "de-CH" from the first of the user's languages ("de_CH.UTF-8"), "en" for C/POSIX: the
 * language the labels are in, for hyphenation and screen readers. */
static char *
document_language (void)
{
  const char *name = g_get_language_names ()[0];
  GString *tag = g_string_new (NULL);

  for (const char *p = name; *p != '\0' && *p != '.' && *p != '@'; p++)
    g_string_append_c (tag, *p == '_' ? '-' : g_ascii_isalnum (*p) ? *p : '-');
  if (tag->len == 0 || g_str_equal (tag->str, "C") || g_str_equal (tag->str, "POSIX"))
    g_string_assign (tag, "en");
  return g_string_free (tag, FALSE);
}

char *
sl_report_render_html (SlReport *self)
{
  GPtrArray *sections = sl_report_get_sections (self);
  GPtrArray *steps = sl_report_get_steps (self);
  const char *name = sl_report_get_student_name (self);
  const char *id = sl_report_get_student_id (self);
  g_autofree char *footer = sl_report_format_footer (self);
  g_autofree char *language = document_language ();
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
                          language);
  append_element (out, "title", NULL, sl_report_get_heading (self));
  g_string_append_printf (out, "\n<style>\n%s</style>\n</head>\n<body>\n<header>\n", style);
  append_element (out, "h1", NULL, sl_report_get_heading (self));
  g_string_append_c (out, '\n');
  if ((name != NULL && *name != '\0') || (id != NULL && *id != '\0'))
    {
      g_autofree char *who = NULL;

      if (name != NULL && *name != '\0' && id != NULL && *id != '\0')
        who = g_strdup_printf (_("%s, student ID %s"), name, id);
      else if (name != NULL && *name != '\0')
        who = g_strdup (name);
      else
        who = g_strdup_printf (_("Student ID %s"), id);
      append_element (out, "p", "student", who);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "</header>\n");

  if (sections->len > 1)
    {
      g_string_append_printf (out, "<nav>\n<h2>%s</h2>\n<ol>\n", _("Contents"));
      for (guint i = 0; i < sections->len; i++)
        {
          const SlReportSection *section = g_ptr_array_index (sections, i);

          g_string_append_printf (out, "<li><a href=\"#%s\">", section->anchor);
          append_escaped (out, section->heading);
          g_string_append (out, "</a></li>\n");
        }
      g_string_append (out, "</ol>\n</nav>\n");
    }

  for (guint i = 0; i < sections->len; i++)
    {
      const SlReportSection *section = g_ptr_array_index (sections, i);
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, section->heading);

      g_string_append_printf (out, "<section id=\"%s\">\n", section->anchor);
      append_element (out, "h2", NULL, heading);
      g_string_append_c (out, '\n');
      for (guint j = 0; j < section->blocks->len; j++)
        append_block (out, g_ptr_array_index (section->blocks, j));
      g_string_append (out, "</section>\n");
    }

  if (steps->len > 0)
    {
      g_string_append_printf (out, "<section id=\"steps\">\n<h2>%s</h2>\n<ol>\n", _("Lab steps done"));
      for (guint i = 0; i < steps->len; i++)
        {
          append_element (out, "li", NULL, g_ptr_array_index (steps, i));
          g_string_append_c (out, '\n');
        }
      g_string_append (out, "</ol>\n</section>\n");
    }
  g_string_append (out, "<footer>");
  append_element (out, "p", NULL, footer);
  g_string_append (out, "</footer>\n</body>\n</html>\n");
  return g_string_free (out, FALSE);
}
