"""``python -m ovirtsdk.testing [--port N] [--http]``: run a fake engine until Ctrl-C."""
import argparse
import signal
import sys
import threading

from ovirtsdk.testing import FakeEngine


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m ovirtsdk.testing",
                                     description="Run a fake oVirt 3.6 engine on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0, help="TCP port (default: any free one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--http", action="store_true", help="plain HTTP instead of HTTPS")
    parser.add_argument("--user", action="append", metavar="USER:PASSWORD",
                        help="a user (repeatable; default admin@internal:letmein)")
    parser.add_argument("--page-size", type=int, default=100,
                        help="search results per page (default 100)")
    parser.add_argument("--require-client-cert", action="store_true",
                        help="ask for a client certificate (HTTPS only)")
    args = parser.parse_args(argv)
    users = None
    if args.user:
        users = {}
        for item in args.user:
            name, sep, password = item.partition(":")
            if not sep:
                parser.error("--user takes USER:PASSWORD")
            users[name] = password
    try:
        engine = FakeEngine(https=not args.http, port=args.port, host=args.host, users=users,
                            page_size=args.page_size,
                            require_client_cert=args.require_client_cert)
    except (ImportError, OSError, ValueError) as exc:
        print("error: %s" % exc, file=sys.stderr)
        return 2
    print("oVirt fake engine running (Ctrl-C to stop)")
    print("  url:      %s" % engine.url)
    print("  username: %s" % engine.username)
    print("  password: %s" % engine.password)
    if engine.ca_file:
        print("  ca_file:  %s" % engine.ca_file)
    if engine.client_cert_file:
        print("  cert_file: %s" % engine.client_cert_file)
        print("  key_file:  %s" % engine.client_key_file)
    sys.stdout.flush()

    def _stop(*_):
        threading.Thread(target=engine._server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, _stop)
    try:
        engine.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        engine.stop()
    print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
