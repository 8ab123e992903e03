"""``python -m ovirtsdk.testing [--api-version 3|4]``: run a fake engine until Ctrl-C
(3: an oVirt 3.6 engine, the default; 4: an oVirt 4.5 engine, API v4 only).

It prints the connection details and the ``export OVIRT_URL=… OVIRT_USERNAME=…
OVIRT_PASSWORD=… OVIRT_CA_FILE=…`` lines of the variables the examples read (paste
them into a shell, or ``--env-file FILE`` then ``source FILE``).  ``--ca-dir`` /
``--ca-file`` keep the CA certificate at a path of your choosing.
"""
import argparse
import os
import shlex
import shutil
import signal
import sys
import threading

from ovirtsdk.testing import FakeEngine


def export_lines(engine):
    """``export NAME=value`` lines of the variables the examples read."""
    values = [("OVIRT_URL", engine.url), ("OVIRT_USERNAME", engine.username),
              ("OVIRT_PASSWORD", engine.password)]
    if engine.ca_file:
        values.append(("OVIRT_CA_FILE", engine.ca_file))
    return ["export %s=%s" % (name, shlex.quote(value)) for name, value in values]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m ovirtsdk.testing",
                                     description="Run a fake oVirt engine on 127.0.0.1: "
                                                 "3.6 (API v3) or 4.5 (API v4).")
    parser.add_argument("--api-version", type=int, choices=(3, 4), default=3,
                        help="3: an oVirt 3.6 engine (default); 4: an oVirt 4.5 engine, "
                             "API v4 only")
    parser.add_argument("--port", type=int, default=0, help="TCP port (default: any free one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--http", action="store_true", help="plain HTTP instead of HTTPS")
    parser.add_argument("--user", action="append", metavar="USER:PASSWORD",
                        help="a user (repeatable; default admin@internal:letmein)")
    parser.add_argument("--page-size", type=int, default=100,
                        help="search results per page, the engine's SearchResultsLimit "
                             "(default 100; 0: no limit)")
    parser.add_argument("--seed", metavar="FILE",
                        help="create the inventory of this JSON (or YAML) file at start")
    parser.add_argument("--empty", action="store_true",
                        help="start without the default environment")
    parser.add_argument("--ca-dir", metavar="DIR",
                        help="write the CA (ca.crt) and other certificates into DIR and "
                             "keep them there (the path stays the same across runs)")
    parser.add_argument("--ca-file", metavar="FILE",
                        help="also copy the CA certificate to FILE")
    parser.add_argument("--env-file", metavar="FILE",
                        help="write the export lines to FILE (for `source FILE`)")
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
    if args.http and (args.ca_dir or args.ca_file):
        parser.error("--ca-dir/--ca-file need HTTPS (drop --http)")
    try:
        engine = FakeEngine(https=not args.http, port=args.port, host=args.host, users=users,
                            page_size=args.page_size, populate=not args.empty,
                            seed=args.seed, ca_dir=args.ca_dir,
                            require_client_cert=args.require_client_cert,
                            api_version=args.api_version)
    except (ImportError, OSError, ValueError, TypeError) as exc:
        print("error: %s" % exc, file=sys.stderr)
        return 2
    try:
        if args.ca_file:
            target = os.path.abspath(args.ca_file)
            shutil.copyfile(engine.ca_file, target)
            engine.ca_file = target
        if args.env_file:
            # written whole, then renamed: a shell waiting for the file reads it complete
            partial = args.env_file + ".partial"
            with open(partial, "w") as f:
                f.write("\n".join(export_lines(engine)) + "\n")
            os.replace(partial, args.env_file)
    except OSError as exc:
        print("error: %s" % exc, file=sys.stderr)
        engine.stop()
        return 2

    def _stop(*_):
        threading.Thread(target=engine._server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, _stop)
    # Also when started in the background from a script: the shell then starts it
    # with SIGINT ignored, and Python would not turn Ctrl-C/kill -INT into
    # KeyboardInterrupt.
    signal.signal(signal.SIGINT, _stop)

    print("oVirt fake engine running, API v%d (Ctrl-C to stop)" % args.api_version)
    print("  url:      %s" % engine.url)
    print("  username: %s" % engine.username)
    print("  password: %s" % engine.password)
    if engine.ca_file:
        print("  ca_file:  %s" % engine.ca_file)
    if engine.client_cert_file:
        print("  cert_file: %s" % engine.client_cert_file)
        print("  key_file:  %s" % engine.client_key_file)
    print("For the examples (python examples/quickstart.py), in a shell:")
    for line in export_lines(engine):
        print(line)
    sys.stdout.flush()
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
