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

/* Each explanation begins with what strerror () says (the words Python prints after "[Errno N]")
 * and adds what it means for a student; the name stays untranslated beside it in every row. */
static const SlErrnoInfo errno_table[] = {
  /* Translators: errno ECONNREFUSED; begins with strerror ()'s words, as your C library says them. */
  { ECONNREFUSED, "ECONNREFUSED", N_("Connection refused: nothing is listening on that port, or a firewall rejected it") },
  /* Translators: errno ETIMEDOUT; begins with strerror ()'s words, as your C library says them. */
  { ETIMEDOUT, "ETIMEDOUT", N_("Timed out: the host did not answer in time; it may be down or a firewall drops the packets") },
  /* Translators: errno EHOSTUNREACH; begins with strerror ()'s words, as your C library says them. */
  { EHOSTUNREACH, "EHOSTUNREACH", N_("Host unreachable: no route leads to that host") },
  /* Translators: errno ENETUNREACH; begins with strerror ()'s words, as your C library says them. */
  { ENETUNREACH, "ENETUNREACH", N_("Network unreachable: this computer has no route to that network") },
  /* Translators: errno EADDRINUSE; begins with strerror ()'s words, as your C library says them. */
  { EADDRINUSE, "EADDRINUSE", N_("Address already in use: another program is using that port") },
  /* Translators: errno EADDRNOTAVAIL; begins with strerror ()'s words, as your C library says them. */
  { EADDRNOTAVAIL, "EADDRNOTAVAIL", N_("Address not available: that address does not belong to this computer") },
  /* Translators: errno EACCES; begins with strerror ()'s words, as your C library says them. */
  { EACCES, "EACCES", N_("Permission denied: ports below 1024 and raw sockets need administrator rights") },
  /* Translators: errno EPERM; begins with strerror ()'s words, as your C library says them. */
  { EPERM, "EPERM", N_("Operation not permitted: the system does not allow this without more privileges") },
  /* Translators: errno EMFILE; begins with strerror ()'s words, as your C library says them. */
  { EMFILE, "EMFILE", N_("Too many open files: this program has run out of file descriptors") },
  /* Translators: errno ENFILE; begins with strerror ()'s words, as your C library says them. */
  { ENFILE, "ENFILE", N_("Too many open files in the system") },
  /* Translators: errno ECONNRESET; begins with strerror ()'s words, as your C library says them. */
  { ECONNRESET, "ECONNRESET", N_("Connection reset: the other side closed the connection abruptly") },
  /* Translators: errno EPIPE; begins with strerror ()'s words, as your C library says them. */
  { EPIPE, "EPIPE", N_("Broken pipe: the other side has closed the connection") },
  /* Translators: errno ENOTCONN; begins with strerror ()'s words, as your C library says them. */
  { ENOTCONN, "ENOTCONN", N_("Not connected: the socket has no peer") },
  /* Translators: errno EMSGSIZE; begins with strerror ()'s words, as your C library says them. */
  { EMSGSIZE, "EMSGSIZE", N_("Message too long for one datagram") },
  /* Translators: errno ECANCELED; begins with strerror ()'s words, as your C library says them. */
  { ECANCELED, "ECANCELED", N_("Cancelled") },
  /* Translators: errno EINVAL; begins with strerror ()'s words, as your C library says them. */
  { EINVAL, "EINVAL", N_("Invalid argument") },
  /* Translators: errno EAFNOSUPPORT; begins with strerror ()'s words, as your C library says them. */
  { EAFNOSUPPORT, "EAFNOSUPPORT", N_("Address family not supported: IPv6 may be disabled on this computer") },
  /* Translators: errno EPROTONOSUPPORT; begins with strerror ()'s words, as your C library says them. */
  { EPROTONOSUPPORT, "EPROTONOSUPPORT", N_("Protocol not supported by this system") },
  /* Translators: errno EAGAIN; begins with strerror ()'s words, as your C library says them. */
  { EAGAIN, "EAGAIN", N_("Resource temporarily unavailable: try again") },
  /* Translators: errno EINPROGRESS; begins with strerror ()'s words, as your C library says them. */
  { EINPROGRESS, "EINPROGRESS", N_("Operation now in progress") },
  /* Translators: errno EALREADY; begins with strerror ()'s words, as your C library says them. */
  { EALREADY, "EALREADY", N_("A connect is already in progress on this socket") },
  /* Translators: errno EISCONN; begins with strerror ()'s words, as your C library says them. */
  { EISCONN, "EISCONN", N_("The socket is already connected") },
  /* Translators: errno ENOBUFS; begins with strerror ()'s words, as your C library says them. */
  { ENOBUFS, "ENOBUFS", N_("No buffer space: the system is short of memory for sockets") },
  /* Translators: errno ENOMEM; begins with strerror ()'s words, as your C library says them. */
  { ENOMEM, "ENOMEM", N_("Out of memory") },
  /* Translators: errno EBADF; begins with strerror ()'s words, as your C library says them. */
  { EBADF, "EBADF", N_("Bad file descriptor: the socket is already closed") },
  /* Translators: errno ENOTSOCK; begins with strerror ()'s words, as your C library says them. */
  { ENOTSOCK, "ENOTSOCK", N_("Not a socket") },
  /* Translators: errno ENOPROTOOPT; begins with strerror ()'s words, as your C library says them. */
  { ENOPROTOOPT, "ENOPROTOOPT", N_("This socket option is not available here") },
  /* Translators: errno ENETDOWN; begins with strerror ()'s words, as your C library says them. */
  { ENETDOWN, "ENETDOWN", N_("Network is down") },
  /* Translators: errno EHOSTDOWN; begins with strerror ()'s words, as your C library says them. */
  { EHOSTDOWN, "EHOSTDOWN", N_("Host is down") },
  /* Translators: errno EPROTO; begins with strerror ()'s words, as your C library says them. */
  { EPROTO, "EPROTO", N_("Protocol error") },
  /* Translators: errno EOPNOTSUPP; begins with strerror ()'s words, as your C library says them. */
  { EOPNOTSUPP, "EOPNOTSUPP", N_("Operation not supported on this socket") },
  /* Translators: the result of a call that did not fail (errno 0). */
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
  /* Translators: getaddrinfo ()'s EAI_NONAME; begins with gai_strerror ()'s words, as your C library says them. */
  { EAI_NONAME, "EAI_NONAME", N_("Name or service not known: no such host, or no address for it") },
  /* Translators: getaddrinfo ()'s EAI_AGAIN; begins with gai_strerror ()'s words, as your C library says them. */
  { EAI_AGAIN, "EAI_AGAIN", N_("Temporary failure in name resolution: the name server did not answer; try again") },
  /* Translators: getaddrinfo ()'s EAI_FAIL; begins with gai_strerror ()'s words, as your C library says them. */
  { EAI_FAIL, "EAI_FAIL", N_("Non-recoverable failure in name resolution") },
  /* Translators: getaddrinfo ()'s EAI_FAMILY; begins with gai_strerror ()'s words, as your C library says them. */
  { EAI_FAMILY, "EAI_FAMILY", N_("Address family not supported for this name") },
  /* Translators: getaddrinfo ()'s EAI_SERVICE; begins with gai_strerror ()'s words, as your C library says them. */
  { EAI_SERVICE, "EAI_SERVICE", N_("Service name not known for this socket type") },
  /* Translators: getaddrinfo ()'s EAI_MEMORY; begins with gai_strerror ()'s words, as your C library says them. */
  { EAI_MEMORY, "EAI_MEMORY", N_("Out of memory") },
  /* Translators: getaddrinfo ()'s EAI_SYSTEM; begins with gai_strerror ()'s words, as your C library says them. */
  { EAI_SYSTEM, "EAI_SYSTEM", N_("System error during the lookup") },
  /* Translators: getaddrinfo ()'s EAI_BADFLAGS; begins with gai_strerror ()'s words, as your C library says them. */
  { EAI_BADFLAGS, "EAI_BADFLAGS", N_("Invalid flags for the lookup") },
  /* Translators: getaddrinfo ()'s EAI_SOCKTYPE; begins with gai_strerror ()'s words, as your C library says them. */
  { EAI_SOCKTYPE, "EAI_SOCKTYPE", N_("Socket type not supported") },
#ifdef EAI_NODATA
  /* Translators: getaddrinfo ()'s EAI_NODATA; begins with gai_strerror ()'s words, as your C library says them. */
  { EAI_NODATA, "EAI_NODATA", N_("The host exists but has no address of that kind") },
#endif
#ifdef EAI_ADDRFAMILY
  /* Translators: getaddrinfo ()'s EAI_ADDRFAMILY; begins with gai_strerror ()'s words, as your C library says them. */
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
