/* sl-errno.c: errno names and plain-language explanations for students.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netdb.h>

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
  { EALREADY, "EALREADY", N_("A connect is already in progress on this socket") },
  { EISCONN, "EISCONN", N_("The socket is already connected") },
  { ENOBUFS, "ENOBUFS", N_("No buffer space: the system is short of memory for sockets") },
  { ENOMEM, "ENOMEM", N_("Out of memory") },
  { EBADF, "EBADF", N_("Bad file descriptor: the socket is already closed") },
  { ENOTSOCK, "ENOTSOCK", N_("Not a socket") },
  { ENOPROTOOPT, "ENOPROTOOPT", N_("This socket option is not available here") },
  { ENETDOWN, "ENETDOWN", N_("Network is down") },
  { EHOSTDOWN, "EHOSTDOWN", N_("Host is down") },
  { EPROTO, "EPROTO", N_("Protocol error") },
  { EOPNOTSUPP, "EOPNOTSUPP", N_("Operation not supported on this socket") },
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

char *
sl_errno_describe_call (const char *call,
                        int         errsv)
{
  g_autofree char *described = sl_errno_describe (errsv);

  return g_strdup_printf ("%s: %s", call, described);
}

const char *
sl_errno_label (int errsv)
{
  const char *name = sl_errno_name (errsv);

  return name != NULL ? name : g_strerror (errsv);
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

typedef struct {
  int         value;
  const char *name;
  const char *explanation;
} SlGaiInfo;

/* getaddrinfo () returns its own codes, negative in glibc; Python shows them in socket.gaierror. */
static const SlGaiInfo gai_table[] = {
  { EAI_NONAME, "EAI_NONAME", N_("Name or service not known: no such host, or no address for it") },
  { EAI_AGAIN, "EAI_AGAIN", N_("Temporary failure in name resolution: the name server did not answer; try again") },
  { EAI_FAIL, "EAI_FAIL", N_("Non-recoverable failure in name resolution") },
  { EAI_FAMILY, "EAI_FAMILY", N_("Address family not supported for this name") },
  { EAI_SERVICE, "EAI_SERVICE", N_("Service name not known for this socket type") },
  { EAI_MEMORY, "EAI_MEMORY", N_("Out of memory") },
  { EAI_SYSTEM, "EAI_SYSTEM", N_("System error during the lookup") },
  { EAI_BADFLAGS, "EAI_BADFLAGS", N_("Invalid flags for the lookup") },
  { EAI_SOCKTYPE, "EAI_SOCKTYPE", N_("Socket type not supported") },
#ifdef EAI_NODATA
  { EAI_NODATA, "EAI_NODATA", N_("The host exists but has no address of that kind") },
#endif
#ifdef EAI_ADDRFAMILY
  { EAI_ADDRFAMILY, "EAI_ADDRFAMILY", N_("The host has no address in the requested family") },
#endif
};

static const SlGaiInfo *
gai_lookup (int code)
{
  for (guint i = 0; i < G_N_ELEMENTS (gai_table); i++)
    if (gai_table[i].value == code)
      return &gai_table[i];
  return NULL;
}

const char *
sl_gai_error_name (int code)
{
  const SlGaiInfo *info = gai_lookup (code);

  return info != NULL ? info->name : NULL;
}

const char *
sl_gai_error_explain (int code)
{
  const SlGaiInfo *info = gai_lookup (code);

  return info != NULL ? _(info->explanation) : gai_strerror (code);
}
