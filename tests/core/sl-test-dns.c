/* sl-test-dns.c: a tiny DNS responder on 127.0.0.1:53 for tests run by tests/isolated.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sl-test-dns.h"

#define DNS_HEADER_SIZE 12
#define DNS_TYPE_A      1
#define DNS_TYPE_AAAA   28
#define DNS_NXDOMAIN    3
#define DNS_TTL         60

struct _SlTestDns
{
  GSocket    *socket;
  GSource    *source;
  GHashTable *records;  /* name → GPtrArray of GInetAddress */
  GHashTable *delays;   /* name → ms */
  GHashTable *queries;  /* name → count */
  GPtrArray  *pending;  /* Pending */
};

typedef struct {
  SlTestDns      *dns;
  GSource        *timer;
  GBytes         *reply;
  GSocketAddress *to;
} Pending;

/* Isolation check */

static gboolean
resolv_conf_is_local (char **reason)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint servers = 0;

  if (!g_file_get_contents ("/etc/resolv.conf", &text, NULL, NULL))
    {
      *reason = g_strdup ("cannot read /etc/resolv.conf");
      return FALSE;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);

      if (g_strcmp0 (words[0], "nameserver") != 0)
        continue;
      if (g_strcmp0 (words[1], "127.0.0.1") != 0)
        {
          *reason = g_strdup_printf ("/etc/resolv.conf names %s, not only 127.0.0.1", words[1]);
          return FALSE;
        }
      servers++;
    }
  if (servers == 0)
    *reason = g_strdup ("/etc/resolv.conf names no nameserver");
  return servers > 0;
}

/* Only "lo" may exist: then nothing can leave this namespace whatever is sent. */
static gboolean
only_loopback (char **reason)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/net/dev", &text, NULL, NULL))
    {
      *reason = g_strdup ("cannot read /proc/net/dev");
      return FALSE;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');

      if (colon == NULL)
        continue;
      *colon = '\0';
      if (strcmp (g_strstrip (lines[i]), "lo") != 0)
        {
          *reason = g_strdup_printf ("network interface %s exists: not an isolated namespace", lines[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
is_isolated (char **reason)
{
  if (g_strcmp0 (g_getenv ("SL_TEST_ISOLATED"), "1") != 0)
    {
      *reason = g_strdup ("DNS tests run only inside tests/isolated.sh");
      return FALSE;
    }
  return resolv_conf_is_local (reason) && only_loopback (reason);
}

/* Wire format */

static char *
parse_question (const guint8 *msg,
                gsize         len,
                guint16      *qtype,
                gsize        *end)
{
  g_autoptr(GString) name = g_string_new (NULL);
  gsize pos = DNS_HEADER_SIZE;

  if (len < DNS_HEADER_SIZE || msg[4] != 0 || msg[5] != 1)
    return NULL;
  while (pos < len && msg[pos] != 0)
    {
      guint label = msg[pos];

      if ((label & 0xc0) != 0 || pos + 1 + label > len)
        return NULL;
      g_string_append_printf (name, "%s%.*s", name->len > 0 ? "." : "", (int) label, msg + pos + 1);
      pos += 1 + label;
    }
  if (pos + 5 > len)
    return NULL;
  *qtype = (msg[pos + 1] << 8) | msg[pos + 2];
  *end = pos + 5;
  return g_ascii_strdown (name->str, -1);
}

static void
append_u16 (GByteArray *out,
            guint       value)
{
  guint8 bytes[2] = { value >> 8, value & 0xff };

  g_byte_array_append (out, bytes, 2);
}

static void
append_answer (GByteArray   *out,
               GInetAddress *address)
{
  gsize size = g_inet_address_get_native_size (address);

  append_u16 (out, 0xc000 | DNS_HEADER_SIZE);  /* the name, pointing at the question */
  append_u16 (out, size == 4 ? DNS_TYPE_A : DNS_TYPE_AAAA);
  append_u16 (out, 1);                          /* class IN */
  append_u16 (out, 0);
  append_u16 (out, DNS_TTL);
  append_u16 (out, size);
  g_byte_array_append (out, g_inet_address_to_bytes (address), size);
}

static GBytes *
build_reply (SlTestDns    *self,
             const guint8 *query,
             gsize         question_end,
             const char   *name,
             guint16       qtype)
{
  GPtrArray *addresses = g_hash_table_lookup (self->records, name);
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GPtrArray) answers = g_ptr_array_new ();
  gsize wanted = qtype == DNS_TYPE_A ? 4 : qtype == DNS_TYPE_AAAA ? 16 : 0;
  guint8 flags[2];

  for (guint i = 0; addresses != NULL && i < addresses->len; i++)
    if (g_inet_address_get_native_size (g_ptr_array_index (addresses, i)) == wanted)
      g_ptr_array_add (answers, g_ptr_array_index (addresses, i));

  g_byte_array_append (out, query, 2);                 /* id */
  flags[0] = 0x80 | (query[2] & 0x79);                 /* QR, the query's opcode and RD */
  flags[1] = 0x80 | (addresses == NULL ? DNS_NXDOMAIN : 0);
  g_byte_array_append (out, flags, 2);
  append_u16 (out, 1);
  append_u16 (out, answers->len);
  append_u16 (out, 0);
  append_u16 (out, 0);
  g_byte_array_append (out, query + DNS_HEADER_SIZE, question_end - DNS_HEADER_SIZE);
  for (guint i = 0; i < answers->len; i++)
    append_answer (out, g_ptr_array_index (answers, i));
  return g_byte_array_free_to_bytes (out);
}

/* Serving */

static void
pending_free (Pending *pending)
{
  g_source_destroy (pending->timer);
  g_source_unref (pending->timer);
  g_bytes_unref (pending->reply);
  g_object_unref (pending->to);
  g_free (pending);
}

static void
send_reply (SlTestDns      *self,
            GSocketAddress *to,
            GBytes         *reply)
{
  gsize size;
  const char *data = g_bytes_get_data (reply, &size);

  g_socket_send_to (self->socket, to, data, size, NULL, NULL);
}

static gboolean
send_late (gpointer user_data)
{
  Pending *pending = user_data;

  send_reply (pending->dns, pending->to, pending->reply);
  g_ptr_array_remove (pending->dns->pending, pending);
  return G_SOURCE_REMOVE;
}

static void
answer (SlTestDns      *self,
        GSocketAddress *to,
        GBytes         *reply,
        guint           delay_ms)
{
  Pending *pending;

  if (delay_ms == 0)
    {
      send_reply (self, to, reply);
      return;
    }
  pending = g_new0 (Pending, 1);
  pending->dns = self;
  pending->reply = g_bytes_ref (reply);
  pending->to = g_object_ref (to);
  pending->timer = g_timeout_source_new (delay_ms);
  g_source_set_callback (pending->timer, send_late, pending, NULL);
  g_source_attach (pending->timer, NULL);
  g_ptr_array_add (self->pending, pending);
}

static gboolean
on_query (GSocket      *socket,
          GIOCondition  condition,
          SlTestDns    *self)
{
  g_autoptr(GSocketAddress) sender = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *name = NULL;
  guint8 query[512];
  gsize question_end = 0;
  guint16 qtype = 0;
  gssize n;

  n = g_socket_receive_from (socket, &sender, (char *) query, sizeof query, NULL, NULL);
  if (n <= 0 || (name = parse_question (query, n, &qtype, &question_end)) == NULL)
    return G_SOURCE_CONTINUE;

  g_hash_table_insert (self->queries, g_strdup (name),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->queries, name)) + 1));
  reply = build_reply (self, query, question_end, name, qtype);
  answer (self, sender, reply, GPOINTER_TO_UINT (g_hash_table_lookup (self->delays, name)));
  return G_SOURCE_CONTINUE;
}

SlTestDns *
sl_test_dns_new (char **reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 53);
  SlTestDns *self;

  if (!is_isolated (reason))
    return NULL;

  self = g_new0 (SlTestDns, 1);
  self->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  g_assert_no_error (error);
  g_socket_bind (self->socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (self->socket, FALSE);
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->delays = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  self->source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->source, G_SOURCE_FUNC (on_query), self, NULL);
  g_source_attach (self->source, NULL);
  return self;
}

void
sl_test_dns_add (SlTestDns  *self,
                 const char *name,
                 const char *address)
{
  GInetAddress *inet = g_inet_address_new_from_string (address);
  GPtrArray *addresses = g_hash_table_lookup (self->records, name);

  g_assert_nonnull (inet);
  if (addresses == NULL)
    {
      addresses = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->records, g_ascii_strdown (name, -1), addresses);
    }
  g_ptr_array_add (addresses, inet);
}

void
sl_test_dns_delay (SlTestDns  *self,
                   const char *name,
                   guint       ms)
{
  g_hash_table_insert (self->delays, g_ascii_strdown (name, -1), GUINT_TO_POINTER (ms));
}

guint
sl_test_dns_get_n_queries (SlTestDns  *self,
                           const char *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->queries, key));
}

guint
sl_test_dns_get_n_pending (SlTestDns *self)
{
  return self->pending->len;
}

void
sl_test_dns_free (SlTestDns *self)
{
  g_source_destroy (self->source);
  g_source_unref (self->source);
  g_socket_close (self->socket, NULL);
  g_object_unref (self->socket);
  g_ptr_array_unref (self->pending);
  g_hash_table_unref (self->records);
  g_hash_table_unref (self->delays);
  g_hash_table_unref (self->queries);
  g_free (self);
}
