/* sl-test-dns.h: a tiny DNS responder on 127.0.0.1:53 for tests run by tests/isolated.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _SlTestDns SlTestDns;

/* NULL (with *reason set) unless this process runs inside tests/isolated.sh: its own network
 * namespace, with /etc/resolv.conf naming 127.0.0.1 alone, so no query can leave the machine. */
SlTestDns *sl_test_dns_new            (char       **reason);
/* Answers A or AAAA queries for name with address; unknown names get NXDOMAIN. */
void       sl_test_dns_add            (SlTestDns   *self,
                                       const char  *name,
                                       const char  *address);
/* Answers queries for name only after ms milliseconds (NXDOMAIN unless added). */
void       sl_test_dns_delay          (SlTestDns   *self,
                                       const char  *name,
                                       guint        ms);
guint      sl_test_dns_get_n_queries  (SlTestDns   *self,
                                       const char  *name);
/* Replies still waiting for their delay. */
guint      sl_test_dns_get_n_pending  (SlTestDns   *self);
void       sl_test_dns_free           (SlTestDns   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTestDns, sl_test_dns_free)

G_END_DECLS
