/* rd-fault-proxy.h — a loopback HTTP/1.1 proxy that misbehaves on request
 *
 * Sits between a client and the platform, in-process and asynchronous (it
 * runs on the thread-default main context of whoever creates it).  It reads
 * each request whole, then, depending on the fault in force: forwards it;
 * waits first; cuts it after N bytes; answers 502 or 503 itself; never
 * answers; forwards it and throws the response away (the lost response);
 * or sends only the first N bytes of the response.  Faults switch at run
 * time, may be limited to requests whose "METHOD /path" contains a string,
 * and to a number of requests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  RD_FAULT_NONE,           /* pass everything through */
  RD_FAULT_LATENCY,        /* wait `arg` ms before forwarding the request */
  RD_FAULT_CUT_REQUEST,    /* forward `arg` bytes of the request, then close both sides */
  RD_FAULT_CUT_RESPONSE,   /* send `arg` bytes of the response, then close */
  RD_FAULT_HTTP_502,       /* answer 502 Bad Gateway without forwarding */
  RD_FAULT_HTTP_503,       /* answer 503, with `Retry-After: arg` if arg > 0 */
  RD_FAULT_STALL,          /* read the request, never answer */
  RD_FAULT_DROP_RESPONSE,  /* forward the request, read the response, close without it */
  RD_FAULT_REFUSE,         /* close every connection at once (the platform is down) */
} RdFault;

typedef struct _RdFaultProxy RdFaultProxy;

/* Listens on 127.0.0.1 on a free port; @upstream_port 0 means no platform
 * yet: every connection is closed at once until one is set. */
RdFaultProxy *rd_fault_proxy_new            (guint16        upstream_port);
void          rd_fault_proxy_free           (RdFaultProxy  *proxy);

guint16       rd_fault_proxy_get_port       (RdFaultProxy  *proxy);
/* "http://127.0.0.1:PORT/" */
const char   *rd_fault_proxy_get_url        (RdFaultProxy  *proxy);
void          rd_fault_proxy_set_upstream   (RdFaultProxy  *proxy,
                                             guint16        upstream_port);

/* @match: only requests whose "METHOD /path?query" contains it (NULL: all);
 * @count: how many requests (or connections, for REFUSE) it applies to, -1
 * for all until changed. */
void          rd_fault_proxy_set_fault      (RdFaultProxy  *proxy,
                                             RdFault        fault,
                                             guint          arg,
                                             const char    *match,
                                             gint           count);
void          rd_fault_proxy_clear_fault    (RdFaultProxy  *proxy);
/* The `Retry-After` value of RD_FAULT_HTTP_503 as text (e.g. an HTTP
 * date), instead of the fault's seconds; NULL to go back to them. */
void          rd_fault_proxy_set_retry_after_text (RdFaultProxy *proxy,
                                             const char    *text);

/* Requests read whole from clients, and how many met a fault. */
guint         rd_fault_proxy_get_requests   (RdFaultProxy  *proxy);
guint         rd_fault_proxy_get_faults     (RdFaultProxy  *proxy);
/* "METHOD /path?query" of every request, in order. */
GPtrArray    *rd_fault_proxy_get_log        (RdFaultProxy  *proxy);
void          rd_fault_proxy_clear_log      (RdFaultProxy  *proxy);
/* Closes every open connection (stalled ones included). */
void          rd_fault_proxy_close_all      (RdFaultProxy  *proxy);

G_END_DECLS
