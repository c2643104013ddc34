/* sl-report.h: the lab report: what the student did, in order, as HTML or Markdown.
 *
 * The UI adds a section each time the student finishes something (a connection, a port
 * check, a server run, a ping of one or more targets, a diagram); each section is a
 * snapshot taken then, so a later run does not change it. The report then renders as one
 * self-contained HTML document (inline CSS, images as data: URIs, nothing loaded from
 * anywhere, prints cleanly to PDF) or as Markdown with its images as files beside it.
 *
 * Everything a peer or the student typed is escaped: a peer sending "<script>" shows as
 * that text. Each socket call comes with its one-line explanation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sl-connection.h"
#include "sl-pinger.h"
#include "sl-port-check.h"
#include "sl-route.h"
#include "sl-server.h"

G_BEGIN_DECLS

#define SL_TYPE_REPORT (sl_report_get_type ())

G_DECLARE_FINAL_TYPE (SlReport, sl_report, SL, REPORT, GObject)

/* How much of a long run a section keeps: the first and the last entries of the
 * conversation, of the socket calls, with a line saying how many were left out between. */
#define SL_REPORT_LOG_HEAD       20
#define SL_REPORT_LOG_TAIL       20
#define SL_REPORT_CALLS_HEAD     60
#define SL_REPORT_CALLS_TAIL     20
/* Characters of one log entry's text kept (the rest becomes "…"). */
#define SL_REPORT_TEXT_MAX       240

/* A file to write beside the Markdown: a name relative to it and its contents. */
typedef struct {
  char   *name;
  GBytes *contents;
} SlReportFile;

void          sl_report_file_free          (SlReportFile       *file);

SlReport     *sl_report_new                (void);

/* Optional; shown at the top. NULL or "" leaves them out. */
const char   *sl_report_get_title          (SlReport           *self);
void          sl_report_set_title          (SlReport           *self,
                                            const char         *title);
const char   *sl_report_get_student_name   (SlReport           *self);
void          sl_report_set_student_name   (SlReport           *self,
                                            const char         *name);
const char   *sl_report_get_student_id     (SlReport           *self);
void          sl_report_set_student_id     (SlReport           *self,
                                            const char         *student_id);
/* Shown at the end; default PACKAGE_VERSION and the time of the export (NULL). */
const char   *sl_report_get_app_version    (SlReport           *self);
void          sl_report_set_app_version    (SlReport           *self,
                                            const char         *version);
GDateTime    *sl_report_get_date           (SlReport           *self);
void          sl_report_set_date           (SlReport           *self,
                                            GDateTime          *date);

/* Sections, in the order they are added. */
/* A client run, after it connected or failed: the target, every resolved address with
 * the one used and what happened to each, the socket() line, the socket calls, an excerpt
 * of the conversation, errors explained, and the equivalent Python. */
void          sl_report_add_connection     (SlReport           *self,
                                            SlConnection       *connection);
/* A port check and its calls (@trace may be NULL). */
void          sl_report_add_port_check     (SlReport           *self,
                                            const char         *host,
                                            guint16             port,
                                            SlPortCheckResult  *result,
                                            SlTrace            *trace);
/* A server run, while listening or after: address, protocol, reply mode, the peers with
 * their bytes, an excerpt of its log, its calls, the equivalent Python. */
void          sl_report_add_server         (SlReport           *self,
                                            SlServer           *server);
/* One ping run per target (one or more, after they finished): settings, the method and
 * why, iputils' statistics verbatim, jitter/p50/p95, the comparison line across targets,
 * and the RTT chart (@chart_png may be NULL), each pinger's calls, the equivalent Python. */
void          sl_report_add_ping           (SlReport           *self,
                                            SlPinger          **pingers,
                                            guint               n_pingers,
                                            GBytes             *chart_png);
/* A picture of its own, such as the flow diagram: a title, a sentence saying what it
 * shows (its alternative text too), the PNG. */
void          sl_report_add_image          (SlReport           *self,
                                            const char         *title,
                                            const char         *description,
                                            GBytes             *png);
/* A line of the "Lab steps done" list besides those the sections add themselves. */
/* The route as it stands: its hops in mtr's columns, the method and why, its socket calls
 * and the terminal commands that trace it too. */
void          sl_report_add_route          (SlReport           *self,
                                            SlRoute            *route);
void          sl_report_add_step           (SlReport           *self,
                                            const char         *step);
/* Adds @other's sections and steps after this report's, as they are: a report made of
 * reports recorded earlier (the session's runs, then the pages' state at export time).
 * The title, names, version and date stay this report's. */
void          sl_report_append             (SlReport           *self,
                                            SlReport           *other);
guint         sl_report_get_n_sections     (SlReport           *self);

/* The whole report as one HTML5 document (UTF-8). */
char         *sl_report_to_html            (SlReport           *self);
/* The report as Markdown (CommonMark with pipe tables). The images are named
 * "@image_prefix-1.png", "-2.png"… and returned in @out_images (GPtrArray of SlReportFile,
 * may be NULL), to be written in the same folder as the Markdown file. */
char         *sl_report_to_markdown        (SlReport           *self,
                                            const char         *image_prefix,
                                            GPtrArray         **out_images);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlReportFile, sl_report_file_free)

G_END_DECLS
