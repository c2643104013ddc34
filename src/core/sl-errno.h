/* sl-errno.h: errno names and plain-language explanations for students.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

const char *sl_errno_name          (int             errsv);
const char *sl_errno_explain       (int             errsv);
int         sl_errno_from_error    (const GError   *error);
char       *sl_errno_describe      (int             errsv);
/* "sendto: ECONNREFUSED (111): …": a failed call as a probe reports it. */
char       *sl_errno_describe_call (const char     *call,
                                    int             errsv);
/* The name ("EPERM"), or the system's text for an errno without one here. */
const char *sl_errno_label         (int             errsv);

/* getaddrinfo ()'s own codes: "EAI_NONAME" and a plain explanation. */
const char *sl_gai_error_name      (int             code);
const char *sl_gai_error_explain   (int             code);

G_END_DECLS
