/* sl-resolver.c: GResolver wrapper returning every A/AAAA address, or the name of an address,
 * with timing, a timeout and a trace row. Lookups by name and by address share the timer,
 * the cancelling and the recording.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <netdb.h>

#include "sl-address.h"
#include "sl-resolver.h"
#include "sl-socket-util.h"
#include "sl-utils.h"

struct _SlResolveResult
{
  GObject    parent_instance;

  char      *host;
  GPtrArray *addresses;
  gint64     elapsed_us;
  gboolean   literal;
};

struct _SlResolver
{
  GObject    parent_instance;

  GResolver *resolver;
  SlTrace   *trace;
};

/* One lookup, by name (host, family) or by address. */
typedef struct {
  char         *host;
  GSocketFamily family;
  GInetAddress *address;
  gint64        start_us;
  guint         timeout_ms;
  GCancellable *lookup_cancellable;   /* cancelled by the caller or by the timer */
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
  GSource      *timeout_source;
  gboolean      timed_out;
} Lookup;

enum {
  PROP_0,
  PROP_TRACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sl_resolve_result_list_model_init (GListModelInterface *iface);

G_DEFINE_QUARK (sl-resolver-error-quark, sl_resolver_error)
G_DEFINE_FINAL_TYPE_WITH_CODE (SlResolveResult, sl_resolve_result, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sl_resolve_result_list_model_init))
G_DEFINE_FINAL_TYPE (SlResolver, sl_resolver, G_TYPE_OBJECT)

/* SlResolveResult */

static GType
sl_resolve_result_get_item_type (GListModel *model)
{
  return G_TYPE_INET_ADDRESS;
}

static guint
sl_resolve_result_get_n_items (GListModel *model)
{
  return SL_RESOLVE_RESULT (model)->addresses->len;
}

static gpointer
sl_resolve_result_get_item (GListModel *model,
                            guint       position)
{
  SlResolveResult *self = SL_RESOLVE_RESULT (model);

  if (position >= self->addresses->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->addresses, position));
}

static void
sl_resolve_result_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sl_resolve_result_get_item_type;
  iface->get_n_items = sl_resolve_result_get_n_items;
  iface->get_item = sl_resolve_result_get_item;
}

static void
sl_resolve_result_finalize (GObject *object)
{
  SlResolveResult *self = SL_RESOLVE_RESULT (object);

  g_free (self->host);
  g_ptr_array_unref (self->addresses);

  G_OBJECT_CLASS (sl_resolve_result_parent_class)->finalize (object);
}

static void
sl_resolve_result_class_init (SlResolveResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_resolve_result_finalize;
}

static void
sl_resolve_result_init (SlResolveResult *self)
{
  self->addresses = g_ptr_array_new_with_free_func (g_object_unref);
}

static SlResolveResult *
sl_resolve_result_new (const char *host,
                       GList      *addresses,
                       gint64      elapsed_us,
                       gboolean    literal)
{
  SlResolveResult *self = g_object_new (SL_TYPE_RESOLVE_RESULT, NULL);

  self->host = g_strdup (host);
  self->elapsed_us = elapsed_us;
  self->literal = literal;
  for (GList *l = addresses; l != NULL; l = l->next)
    g_ptr_array_add (self->addresses, g_object_ref (l->data));
  return self;
}

const char *
sl_resolve_result_get_host (SlResolveResult *self)
{
  g_return_val_if_fail (SL_IS_RESOLVE_RESULT (self), NULL);
  return self->host;
}

guint
sl_resolve_result_get_n_addresses (SlResolveResult *self)
{
  g_return_val_if_fail (SL_IS_RESOLVE_RESULT (self), 0);
  return self->addresses->len;
}

/* Returns: (transfer none) (nullable) */
GInetAddress *
sl_resolve_result_get_address (SlResolveResult *self,
                               guint            position)
{
  g_return_val_if_fail (SL_IS_RESOLVE_RESULT (self), NULL);

  if (position >= self->addresses->len)
    return NULL;
  return g_ptr_array_index (self->addresses, position);
}

gint64
sl_resolve_result_get_elapsed_us (SlResolveResult *self)
{
  g_return_val_if_fail (SL_IS_RESOLVE_RESULT (self), 0);
  return self->elapsed_us;
}

gboolean
sl_resolve_result_is_literal (SlResolveResult *self)
{
  g_return_val_if_fail (SL_IS_RESOLVE_RESULT (self), FALSE);
  return self->literal;
}

char *
sl_resolve_result_to_string (SlResolveResult *self)
{
  GString *text;

  g_return_val_if_fail (SL_IS_RESOLVE_RESULT (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->addresses->len; i++)
    {
      g_autofree char *address = g_inet_address_to_string (g_ptr_array_index (self->addresses, i));

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", address);
    }
  return g_string_free (text, FALSE);
}

/* Lookup state: GResolver has no timeout of its own (GLib 2.74), so a timer cancels the
 * lookup, as the caller's cancellable does. The lookup cannot be interrupted in its worker
 * thread; cancelling only stops waiting for it. */

static void
lookup_free (Lookup *lookup)
{
  if (lookup->cancelled_id != 0)
    g_cancellable_disconnect (lookup->caller_cancellable, lookup->cancelled_id);
  sl_clear_source (&lookup->timeout_source);
  g_clear_object (&lookup->caller_cancellable);
  g_clear_object (&lookup->lookup_cancellable);
  g_clear_object (&lookup->address);
  g_free (lookup->host);
  g_free (lookup);
}

/* May run in another thread; cancelling is thread-safe. */
static void
caller_cancelled (GCancellable *cancellable,
                  GCancellable *lookup_cancellable)
{
  g_cancellable_cancel (lookup_cancellable);
}

static gboolean
lookup_timed_out (gpointer user_data)
{
  Lookup *lookup = user_data;

  lookup->timed_out = TRUE;
  g_clear_pointer (&lookup->timeout_source, g_source_unref);
  g_cancellable_cancel (lookup->lookup_cancellable);
  return G_SOURCE_REMOVE;
}

/* The task's lookup, timed from now. */
static Lookup *
lookup_new (GTask *task,
            guint  timeout_ms)
{
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->start_us = g_get_monotonic_time ();
  lookup->timeout_ms = timeout_ms > 0 ? timeout_ms : SL_RESOLVER_DEFAULT_TIMEOUT_MS;
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);
  return lookup;
}

/* Before GResolver is asked: its cancellable follows the caller's and the timer. */
static GCancellable *
lookup_start (GTask  *task,
              Lookup *lookup)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  lookup->lookup_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      lookup->caller_cancellable = g_object_ref (cancellable);
      lookup->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled),
                                                    lookup->lookup_cancellable, NULL);
    }
  lookup->timeout_source = g_timeout_source_new (lookup->timeout_ms);
  g_source_set_callback (lookup->timeout_source, lookup_timed_out, lookup, NULL);
  g_source_set_static_name (lookup->timeout_source, "[socketlab] resolver timeout");
  g_source_attach (lookup->timeout_source, g_task_get_context (task));
  return lookup->lookup_cancellable;
}

/* SlResolver */

static char *
format_seconds (guint ms)
{
  if (ms % 1000 == 0)
    return g_strdup_printf ("%u", ms / 1000);
  return g_strdup_printf ("%.1f", ms / 1000.0);
}

/* What getaddrinfo () really returned, so the trace reads like Python's socket.gaierror. */
static int
eai_code (const GError *error)
{
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    return EAI_NONAME;
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE))
    return EAI_AGAIN;
  return EAI_FAIL;
}

static GError *
explain_error (const char   *host,
               const GError *error)
{
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    return g_error_new (SL_RESOLVER_ERROR, SL_RESOLVER_ERROR_NOT_FOUND,
                        _("No such host “%s”: check the spelling or your network (%s)"),
                        host, error->message);
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE))
    return g_error_new (SL_RESOLVER_ERROR, SL_RESOLVER_ERROR_TEMPORARY_FAILURE,
                        _("Could not look up “%s” right now: the name server did not answer; check your network (%s)"),
                        host, error->message);
  return g_error_new (SL_RESOLVER_ERROR, SL_RESOLVER_ERROR_FAILED,
                      _("Looking up “%s” failed (%s)"), host, error->message);
}

static int
family_hint (GSocketFamily family)
{
  switch (family)
    {
    case G_SOCKET_FAMILY_IPV4:
      return AF_INET;
    case G_SOCKET_FAMILY_IPV6:
      return AF_INET6;
    default:
      return AF_UNSPEC;
    }
}

/* getaddrinfo (host, None), or getnameinfo (address) with the @name it gave, as GResolver's
 * thread really called it: result 0 or an EAI code. */
static void
record_lookup (SlResolver *self,
               Lookup     *lookup,
               gint64      result,
               int         errsv,
               const char *name,
               const char *detail)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (lookup->address != NULL ? SL_TRACE_CALL_GETNAMEINFO
                                                                       : SL_TRACE_CALL_GETADDRINFO);
  g_autoptr(GSocketAddress) address = NULL;
  struct sockaddr_storage native;

  if (lookup->address != NULL)
    {
      address = g_inet_socket_address_new (lookup->address, 0);
      g_socket_address_to_native (address, &native, sizeof native, NULL);
      record.address = (struct sockaddr *) &native;
      record.address_len = g_socket_address_get_native_size (address);
    }
  record.host = lookup->address != NULL ? name : lookup->host;
  record.family = family_hint (lookup->family);
  record.result = result;
  record.errsv = errsv;
  record.detail = detail;
  record.duration_us = g_get_monotonic_time () - lookup->start_us;
  sl_trace_append (self->trace, &record);
}

static void
lookup_failed (GTask  *task,
               GError *error)
{
  SlResolver *self = g_task_get_source_object (task);
  Lookup *lookup = g_task_get_task_data (task);

  if (lookup->timed_out)
    {
      g_autofree char *seconds = format_seconds (lookup->timeout_ms);
      g_autofree char *detail = g_strdup_printf (_("no answer within %s s: Socket Lab stopped waiting"), seconds);

      /* The call is still running in GLib's thread; we stopped waiting for it. */
      record_lookup (self, lookup, -1, ETIMEDOUT, NULL, detail);
      if (lookup->address != NULL)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                 _("The name server gave no name for the address within %.1f s"),
                                 lookup->timeout_ms / 1000.0);
      else
        g_task_return_new_error (task, SL_RESOLVER_ERROR, SL_RESOLVER_ERROR_TIMED_OUT,
                                 _("Looking up “%s” took longer than %s s: check your network"),
                                 lookup->host, seconds);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      record_lookup (self, lookup, -1, ECANCELED, NULL, _("Socket Lab stopped waiting"));
      g_task_return_error (task, g_error_copy (error));
    }
  else
    {
      record_lookup (self, lookup, eai_code (error), 0, NULL, NULL);
      /* No name for an address is only that: GResolver's error says it well enough. */
      g_task_return_error (task, lookup->address != NULL ? g_error_copy (error)
                                                         : explain_error (lookup->host, error));
    }
}

static void
lookup_by_name_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SlResolver *self = g_task_get_source_object (task);
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(SlResolveResult) resolved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  GList *addresses;

  addresses = g_resolver_lookup_by_name_with_flags_finish (G_RESOLVER (object), result, &error);
  if (addresses == NULL)
    {
      lookup_failed (task, error);
      return;
    }

  resolved = sl_resolve_result_new (lookup->host, addresses,
                                    g_get_monotonic_time () - lookup->start_us, FALSE);
  g_resolver_free_addresses (addresses);
  list = sl_resolve_result_to_string (resolved);
  record_lookup (self, lookup, 0, 0, NULL, list);
  g_task_return_pointer (task, g_steal_pointer (&resolved), g_object_unref);
}

static gboolean
family_allowed (GSocketFamily  wanted,
                GInetAddress  *address)
{
  return wanted == G_SOCKET_FAMILY_INVALID || g_inet_address_get_family (address) == wanted;
}

/* An IP literal never reaches GResolver: it refuses inet_aton ()'s forms ("127.1") as names,
 * and the trace must show the call that really parsed the text. Non-ASCII text is first
 * converted as GResolver would (IDNA: "１２７.０.０.１" is "127.0.0.1"), so that no numeric
 * form ever gets a getaddrinfo () row or a DNS query. The rule is sl-address.h's. */
static void
record_parse (SlResolver    *self,
              SlTraceCall    call,
              int            family,
              const char    *text)
{
  SlTraceRecord record = SL_TRACE_RECORD_INIT (call);

  record.family = family;
  record.host = text;
  record.result = 1;
  sl_trace_append (self->trace, &record);
}

static GInetAddress *
parse_literal (SlResolver *self,
               const char *host)
{
  g_autofree char *ascii = g_str_is_ascii (host) ? g_strdup (host) : g_hostname_to_ascii (host);
  GInetAddress *address;

  if (ascii == NULL)
    return NULL;
  /* g_inet_address_new_from_string () parses with inet_pton (): no DNS involved. */
  address = g_inet_address_new_from_string (ascii);
  if (address != NULL)
    {
      record_parse (self, SL_TRACE_CALL_INET_PTON, family_hint (g_inet_address_get_family (address)), ascii);
      return address;
    }
  address = sl_address_parse_inet_aton (ascii);
  if (address != NULL)
    record_parse (self, SL_TRACE_CALL_INET_ATON, AF_INET, ascii);
  return address;
}

static void
return_literal (GTask        *task,
                GInetAddress *address)
{
  Lookup *lookup = g_task_get_task_data (task);
  GList single = { address, NULL, NULL };

  if (!family_allowed (lookup->family, address))
    {
      g_task_return_new_error (task, SL_RESOLVER_ERROR, SL_RESOLVER_ERROR_WRONG_FAMILY,
                               g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6
                                 ? _("%s is an IPv6 address, but IPv4 was chosen")
                                 : _("%s is an IPv4 address, but IPv6 was chosen"),
                               lookup->host);
      return;
    }
  g_task_return_pointer (task,
                         sl_resolve_result_new (lookup->host, &single,
                                                g_get_monotonic_time () - lookup->start_us, TRUE),
                         g_object_unref);
}

static GResolverNameLookupFlags
lookup_flags (GSocketFamily family)
{
  switch (family)
    {
    case G_SOCKET_FAMILY_IPV4:
      return G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY;
    case G_SOCKET_FAMILY_IPV6:
      return G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY;
    default:
      return G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT;
    }
}

void
sl_resolver_lookup_async (SlResolver          *self,
                          const char          *host,
                          GSocketFamily        family,
                          guint                timeout_ms,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GInetAddress) literal = NULL;
  Lookup *lookup;

  g_return_if_fail (SL_IS_RESOLVER (self));
  g_return_if_fail (host != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_resolver_lookup_async);

  lookup = lookup_new (task, timeout_ms);
  lookup->host = g_strdup (host);
  lookup->family = family;

  literal = parse_literal (self, host);
  if (literal != NULL)
    {
      return_literal (task, literal);
      return;
    }

  g_resolver_lookup_by_name_with_flags_async (self->resolver, host, lookup_flags (family),
                                              lookup_start (task, lookup), lookup_by_name_cb,
                                              g_object_ref (task));
}

static void
lookup_by_address_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *name;

  name = g_resolver_lookup_by_address_finish (G_RESOLVER (object), result, &error);
  if (name == NULL)
    {
      lookup_failed (task, error);
      return;
    }
  record_lookup (g_task_get_source_object (task), g_task_get_task_data (task), 0, 0, name, NULL);
  g_task_return_pointer (task, name, g_free);
}

void
sl_resolver_lookup_address_async (SlResolver          *self,
                                  GInetAddress        *address,
                                  guint                timeout_ms,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Lookup *lookup;

  g_return_if_fail (SL_IS_RESOLVER (self));
  g_return_if_fail (G_IS_INET_ADDRESS (address));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_resolver_lookup_address_async);
  lookup = lookup_new (task, timeout_ms);
  lookup->address = g_object_ref (address);
  lookup->family = g_inet_address_get_family (address);
  g_resolver_lookup_by_address_async (self->resolver, address, lookup_start (task, lookup),
                                      lookup_by_address_cb, g_object_ref (task));
}

char *
sl_resolver_lookup_address_finish (SlResolver    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (SL_IS_RESOLVER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_resolver_lookup_address_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Returns: (transfer full): the addresses, or NULL with a message a student understands. */
SlResolveResult *
sl_resolver_lookup_finish (SlResolver    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (SL_IS_RESOLVER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_resolver_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

SlResolver *
sl_resolver_new (SlTrace *trace)
{
  g_return_val_if_fail (trace == NULL || SL_IS_TRACE (trace), NULL);

  return g_object_new (SL_TYPE_RESOLVER, "trace", trace, NULL);
}

SlTrace *
sl_resolver_get_trace (SlResolver *self)
{
  g_return_val_if_fail (SL_IS_RESOLVER (self), NULL);
  return self->trace;
}

void
sl_resolver_set_trace (SlResolver *self,
                       SlTrace    *trace)
{
  g_return_if_fail (SL_IS_RESOLVER (self));
  g_return_if_fail (trace == NULL || SL_IS_TRACE (trace));

  sl_set_object_prop (G_OBJECT (self), &self->trace, trace, properties[PROP_TRACE]);
}

static void
sl_resolver_dispose (GObject *object)
{
  SlResolver *self = SL_RESOLVER (object);

  g_clear_object (&self->trace);
  g_clear_object (&self->resolver);

  G_OBJECT_CLASS (sl_resolver_parent_class)->dispose (object);
}

static void
sl_resolver_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SlResolver *self = SL_RESOLVER (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_resolver_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SlResolver *self = SL_RESOLVER (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      sl_resolver_set_trace (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_resolver_class_init (SlResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_resolver_dispose;
  object_class->get_property = sl_resolver_get_property;
  object_class->set_property = sl_resolver_set_property;

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL,
                         SL_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_resolver_init (SlResolver *self)
{
  self->resolver = g_resolver_get_default ();
}
