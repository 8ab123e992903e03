"""One pool shared by many threads: requests really run side by side (no global lock)
and every thread gets its own reply."""

import threading

from ovirtsdk.infrastructure.connectionspool import ConnectionsPool

try:
    from . import servers
except ImportError:
    import servers

THREADS, REQUESTS = 8, 200


def echo(request):
    body = '<vm><name>%s</name></vm>' % request.path.rsplit('/', 1)[-1]
    return servers.Reply(200, body, delay=0.005)


def test_transport_concurrent_requests_on_one_pool():
    with servers.Server(echo) as server:
        pool = ConnectionsPool(server.url, username='admin@internal', password='pw',
                               timeout=30)
        mismatches, failures = [], []
        start = threading.Barrier(THREADS)

        def work(n):
            start.wait()
            for i in range(REQUESTS):
                name = 't%d-%d' % (n, i)
                try:
                    body = pool.request('GET', 'vms/' + name).body
                except Exception as exc:        # reported below, not swallowed
                    failures.append(repr(exc))
                    continue
                if body != ('<vm><name>%s</name></vm>' % name).encode():
                    mismatches.append((name, body))

        threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        pool.close()

    assert not failures, failures[:3]
    assert not mismatches, mismatches[:3]
    assert len(server.requests) == THREADS * REQUESTS + 1     # + the closing request
    assert server.max_in_flight >= 4, server.max_in_flight
