/* sl-errno.c: errno names and plain-language explanations for students.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "sl-errno.h"

typedef struct {
  int         value;
  const char *name;
  const char *explanation;
} SlErrnoInfo;

static const SlErrnoInfo errno_table[] = {
  { ECONNREFUSED, "ECONNREFUSED", N_("Connection refused: nothing is listening on that port, or a firewall rejected it") },
  { ETIMEDOUT, "ETIMEDOUT", N_("Timed out: the host did not answer in time; it may be down or a firewall drops the packets") },
  { EHOSTUNREACH, "EHOSTUNREACH", N_("Host unreachable: no route leads to that host") },
  { ENETUNREACH, "ENETUNREACH", N_("Network unreachable: this computer has no route to that network") },
  { EADDRINUSE, "EADDRINUSE", N_("Address already in use: another program is using that port") },
  { EADDRNOTAVAIL, "EADDRNOTAVAIL", N_("Address not available: that address does not belong to this computer") },
  { EACCES, "EACCES", N_("Permission denied: ports below 1024 and raw sockets need administrator rights") },
  { EPERM, "EPERM", N_("Operation not permitted: the system does not allow this without more privileges") },
  { EMFILE, "EMFILE", N_("Too many open files: this program has run out of file descriptors") },
  { ENFILE, "ENFILE", N_("Too many open files in the system") },
  { ECONNRESET, "ECONNRESET", N_("Connection reset: the other side closed the connection abruptly") },
  { EPIPE, "EPIPE", N_("Broken pipe: the other side has closed the connection") },
  { ENOTCONN, "ENOTCONN", N_("Not connected: the socket has no peer") },
  { EMSGSIZE, "EMSGSIZE", N_("Message too long for one datagram") },
  { ECANCELED, "ECANCELED", N_("Cancelled") },
  { EINVAL, "EINVAL", N_("Invalid argument") },
  { EAFNOSUPPORT, "EAFNOSUPPORT", N_("Address family not supported: IPv6 may be disabled on this computer") },
  { EPROTONOSUPPORT, "EPROTONOSUPPORT", N_("Protocol not supported by this system") },
  { EAGAIN, "EAGAIN", N_("Resource temporarily unavailable: try again") },
  { EINPROGRESS, "EINPROGRESS", N_("Operation now in progress") },
  { 0, "OK", N_("Success") },
};

static const SlErrnoInfo *
lookup (int errsv)
{
  for (guint i = 0; i < G_N_ELEMENTS (errno_table); i++)
    if (errno_table[i].value == errsv)
      return &errno_table[i];
  return NULL;
}

/* Returns the symbolic name ("ECONNREFUSED"), or NULL when unknown. */
const char *
sl_errno_name (int errsv)
{
  const SlErrnoInfo *info = lookup (errsv);

  return info != NULL ? info->name : NULL;
}

/* Returns a translated explanation a student understands. */
const char *
sl_errno_explain (int errsv)
{
  const SlErrnoInfo *info = lookup (errsv);

  if (info == NULL)
    return g_strerror (errsv);
  return _(info->explanation);
}

/* "ECONNREFUSED (111): Connection refused: …" */
char *
sl_errno_describe (int errsv)
{
  const char *name = sl_errno_name (errsv);

  if (name == NULL)
    return g_strdup_printf ("errno %d: %s", errsv, sl_errno_explain (errsv));
  return g_strdup_printf ("%s (%d): %s", name, errsv, sl_errno_explain (errsv));
}

/* GIO turns errno into GIOErrorEnum; the trace wants the errno back. */
int
sl_errno_from_error (const GError *error)
{
  static const struct { GIOErrorEnum code; int errsv; } map[] = {
    { G_IO_ERROR_CONNECTION_REFUSED, ECONNREFUSED },
    { G_IO_ERROR_TIMED_OUT, ETIMEDOUT },
    { G_IO_ERROR_HOST_UNREACHABLE, EHOSTUNREACH },
    { G_IO_ERROR_NETWORK_UNREACHABLE, ENETUNREACH },
    { G_IO_ERROR_ADDRESS_IN_USE, EADDRINUSE },
    { G_IO_ERROR_PERMISSION_DENIED, EACCES },
    { G_IO_ERROR_TOO_MANY_OPEN_FILES, EMFILE },
    /* G_IO_ERROR_CONNECTION_CLOSED is the same value: EPIPE and ECONNRESET both map to it. */
    { G_IO_ERROR_BROKEN_PIPE, EPIPE },
    { G_IO_ERROR_NOT_CONNECTED, ENOTCONN },
    { G_IO_ERROR_MESSAGE_TOO_LARGE, EMSGSIZE },
    { G_IO_ERROR_CANCELLED, ECANCELED },
    { G_IO_ERROR_WOULD_BLOCK, EAGAIN },
    { G_IO_ERROR_INVALID_ARGUMENT, EINVAL },
    { G_IO_ERROR_NOT_SUPPORTED, EAFNOSUPPORT },
  };

  if (error == NULL)
    return 0;
  if (error->domain != G_IO_ERROR)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (map[i].code == (GIOErrorEnum) error->code)
      return map[i].errsv;
  return 0;
}
