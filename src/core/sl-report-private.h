/* sl-report-private.h: the report's content as blocks, which both renderers walk.
 *
 * Sections are reduced to a few kinds of block when they are added, so HTML and Markdown
 * show the same facts and neither has to know about connections or pingers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sl-report.h"

G_BEGIN_DECLS

typedef enum {
  SL_REPORT_BLOCK_FACTS,      /* rows of label, value */
  SL_REPORT_BLOCK_TABLE,      /* a header and rows of cells */
  SL_REPORT_BLOCK_CALLS,      /* rows of call line, count ("×3" or ""), explanation; failed flag */
  SL_REPORT_BLOCK_TEXT,       /* a paragraph */
  SL_REPORT_BLOCK_ERRORS,     /* rows of what failed, why */
  SL_REPORT_BLOCK_PRE,        /* text shown verbatim (ping statistics) */
  SL_REPORT_BLOCK_CODE,       /* a program, with its language */
  SL_REPORT_BLOCK_IMAGE,      /* a PNG and its description */
} SlReportBlockKind;

typedef struct {
  GStrv    cells;
  gboolean failed;            /* shown as a failure (a call that failed, a lost probe) */
  gboolean gap;               /* "… 120 left out …": one cell spanning the row */
} SlReportRow;

typedef struct {
  SlReportBlockKind  kind;
  char              *title;   /* a sub-heading, or NULL */
  GStrv              header;  /* TABLE */
  GPtrArray         *rows;    /* SlReportRow */
  char              *text;    /* TEXT, PRE, CODE; IMAGE: the description */
  char              *language;/* CODE: "python" */
  GBytes            *png;     /* IMAGE */
} SlReportBlock;

typedef struct {
  char      *heading;
  char      *anchor;          /* "section-1" */
  GPtrArray *blocks;          /* SlReportBlock */
} SlReportSection;

/* What the renderers read. */
GPtrArray  *sl_report_get_sections   (SlReport *self);   /* SlReportSection */
/* The "Lab steps done" lines, the sections' and the added ones, in order. */
GPtrArray  *sl_report_get_steps      (SlReport *self);   /* char * */
/* "Made with Socket Lab 0.1.0 on 2026-12-01 15:30" */
char       *sl_report_format_footer  (SlReport *self);
/* The heading: the title, or "Socket Lab report". */
const char *sl_report_get_heading    (SlReport *self);

char       *sl_report_render_html     (SlReport   *self);
char       *sl_report_render_markdown (SlReport   *self,
                                       const char *image_prefix,
                                       GPtrArray  *images);

G_END_DECLS
