"""Performance benchmarks of the SDK, each measured against a floor taken in the same run.

    python -m bench            (from the repository root)
    python bench/run.py        (same thing)
    python -m bench --only 1,5 --runs 9 --vms 2000

Starts a fake engine on 127.0.0.1 in a subprocess (bench/server.py), generates the
data it needs (a realistic 2000-VM collection document, generateDS output for the
memory baseline) in a temporary directory and prints, per measurement, the SDK
figure, its floor, their ratio and the target. Exit status 0 when every target
holds, 1 otherwise. This is dev tooling: it may import ``codegen``; nothing under
tests/ times anything.

  1 list      api.vms.list() of 2000 VMs + five reads per VM, vs requests.get +
              lxml.etree.fromstring + the same reads with findtext/get       <= 2.0x
  2 memory    RSS growth holding that list (five fields read), vs the same list
              as fully built generateDS objects (real generateDS output)     <= 0.5x
  3 import    `import ovirtsdk.api` (bytecode compiled) vs
              `import requests, lxml.etree`, timed inside fresh processes     <= 1.3x
  4 threads   8 threads of api.vms.get(id=...) on one API, 20 ms server latency,
              throughput vs one thread                                       >= 4x
  5 request   per-request time of api.vms.get(id=...) vs requests.Session.get of
              the same URL, keep-alive loopback                              <= 1.5x
"""
import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from bench import child  # noqa: E402  (after the sys.path fix for bench/run.py)

USER, PASSWORD = child.USER, child.PASSWORD
LATENCY = 0.020


class Result(object):
    def __init__(self, number, name, figure, floor, ratio, target, ok, notes=()):
        self.number, self.name = number, name
        self.figure, self.floor = figure, floor
        self.ratio, self.target, self.ok = ratio, target, ok
        self.notes = list(notes)


def log(message):
    sys.stderr.write("[bench] %s\n" % message)
    sys.stderr.flush()


# ---------------------------------------------------------------- processes

class FakeEngine(object):
    """bench/server.py in a subprocess: one port without latency, one with."""

    def __init__(self, n_vms, latencies=(0.0, LATENCY)):
        cmd = [sys.executable, "-m", "bench.server", "--vms", str(n_vms)]
        for latency in latencies:
            cmd += ["--latency", repr(latency)]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=child_env(False))
        line = self.proc.stdout.readline()
        if not line:
            self.close()
            raise RuntimeError("the fake engine did not start")
        info = json.loads(line)
        self.ports = info["ports"]
        self.ids = info["ids"]
        self.vms_bytes = info["vms_bytes"]

    def url(self, index=0):
        return "http://127.0.0.1:%d/ovirt-engine/api" % self.ports[index]

    def close(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()     # the server exits when its stdin closes
                self.proc.wait(timeout=10)
            except Exception:
                self.proc.kill()
                self.proc.wait()


def child_env(bytecode, pycache=None):
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH")
                                else "")
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if pycache:
            # Compiled files go to our temporary directory, never into the repository.
            env["PYTHONPYCACHEPREFIX"] = pycache
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_child(args, env):
    proc = subprocess.run([sys.executable] + list(args), cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if proc.returncode != 0:
        raise RuntimeError("child %s failed (%d):\n%s" % (args, proc.returncode, proc.stderr))
    return proc.stdout


# ---------------------------------------------------------------- timing helpers

def best_of(functions, runs, warmup=1):
    """{name: [seconds per run]} timing each function ``runs`` times, interleaved.

    Each function returns something that is kept until the clock stopped (so
    freeing it is never timed); gc.collect() before every run.
    """
    times = {name: [] for name in functions}
    for _ in range(warmup):
        for fn in functions.values():
            fn()
    for _ in range(runs):
        for name, fn in functions.items():
            gc.collect()
            start = time.perf_counter()
            kept = fn()
            elapsed = time.perf_counter() - start
            del kept
            times[name].append(elapsed)
    return times


PROFILE = False     # --profile: print a cProfile of one SDK run of measurements 1 and 5


def profile(title, fn):
    if not PROFILE:
        return
    import cProfile
    import pstats
    profiler = cProfile.Profile()
    profiler.enable()
    kept = fn()
    profiler.disable()
    del kept
    sys.stderr.write("\n=== profile: %s (by own time) ===\n" % title)
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(20)


def fmt_s(seconds):
    if seconds >= 1:
        return "%.2f s" % seconds
    if seconds >= 1e-3:
        return "%.1f ms" % (seconds * 1e3)
    return "%.0f us" % (seconds * 1e6)


def fmt_mb(n):
    return "%.1f MB" % (n / 1e6)


# ---------------------------------------------------------------- 1: list

def bench_list(engine, runs):
    import requests
    from lxml import etree
    from ovirtsdk.api import API

    url = engine.url(0)
    api = API(url, username=USER, password=PASSWORD)
    api.vms.get(id=engine.ids[0])

    def sdk():
        vms = api.vms.list()
        rows = [child.five_fields_sdk(vm) for vm in vms]
        return vms, rows

    def floor():
        root = etree.fromstring(requests.get(url + "/vms", auth=(USER, PASSWORD)).content)
        rows = [child.five_fields_etree(vm) for vm in root.iterchildren("vm")]
        return root, rows

    a, b = sdk()[1], floor()[1]
    if len(a) != len(engine.ids) or child.checksum(a) != child.checksum(b):
        raise AssertionError("the SDK and the floor read different values")
    del a, b
    times = best_of({"sdk": sdk, "floor": floor}, runs)
    profile("api.vms.list() + five reads", sdk)
    api.disconnect()
    s, f = min(times["sdk"]), min(times["floor"])
    ratio = s / f
    return Result(1, "vms.list() %d VMs + 5 reads" % len(engine.ids), fmt_s(s), fmt_s(f),
                  ratio, "<= 2.0x", ratio <= 2.0,
                  ["document %.1f MB (%.1f KB/VM); best of %d, medians sdk %s / floor %s"
                   % (engine.vms_bytes / 1e6, engine.vms_bytes / 1e3 / len(engine.ids), runs,
                      fmt_s(statistics.median(times["sdk"])),
                      fmt_s(statistics.median(times["floor"])))])


# ---------------------------------------------------------------- 2: memory

def generate_gds(tmp):
    """Real generateDS output for the project's schema, and the XSD it came from."""
    from codegen.gds import generate_module
    from codegen.schemafile import load_schema
    from codegen.xsdwriter import render_xsd
    xsd = os.path.join(tmp, "api.xsd")
    with open(xsd, "w", encoding="utf-8") as f:
        f.write(render_xsd(load_schema(os.path.join(ROOT, "schema")).data))
    out = os.path.join(tmp, "gds_api.py")
    generate_module(xsd, out)
    return xsd, out


def check_document(xsd, engine):
    """The benchmark document must be valid against the schema (else it proves nothing)."""
    import requests
    from lxml import etree
    schema = etree.XMLSchema(etree.parse(xsd))
    for path in ("/vms", "/vms/" + engine.ids[0], ""):
        doc = etree.fromstring(requests.get(engine.url(0) + path).content)
        if not schema.validate(doc):
            raise AssertionError("GET %s is not valid: %s" % (path or "/", schema.error_log))


def bench_memory(engine, tmp):
    log("generating the generateDS baseline module")
    xsd, module = generate_gds(tmp)
    check_document(xsd, engine)
    env = child_env(True, os.path.join(tmp, "pycache"))
    url = engine.url(0)
    kinds = [("sdk", ["memory-sdk", url]),
             ("gds", ["memory-gds", url, module]),
             ("gds+tree", ["memory-gds", url, module, "--save-tree"]),
             ("etree", ["memory-etree", url])]
    results = {}
    for name, args in kinds:
        log("memory: %s (fresh processes)" % name)
        # The first run compiles bytecode into our cache; the second is measured,
        # so no compiler garbage sits in the heap when the "before" figure is taken.
        runs = []
        for _ in range(2):
            runs.append(json.loads(run_child(["-m", "bench.child"] + args, env)))
        results[name] = runs[-1]
    if child._malloc_trim() is not None:
        # Live memory: glibc keeps the heap a freed parse tree used; trimming before
        # each reading shows what the objects themselves hold.
        for name, args in kinds[:2]:
            log("memory: %s, live (malloc_trim)" % name)
            results[name + " live"] = json.loads(
                run_child(["-m", "bench.child"] + args + ["--trim"], env))
    sums = {r["checksum"] for r in results.values()}
    counts = {r["count"] for r in results.values()}
    if len(sums) != 1 or counts != {len(engine.ids)}:
        raise AssertionError("memory children read different values: %r" % results)
    growth = {name: r["after"] - r["before"] for name, r in results.items()}
    ratio = growth["sdk"] / growth["gds"]
    n = len(engine.ids)
    notes = ["per VM: sdk %.1f KB, generateDS objects %.1f KB; generateDS as shipped "
             "(SaveElementTreeNode=True, keeps the lxml tree too) %s -> ratio %.2fx; "
             "bare lxml tree (requests + fromstring) %s"
             % (growth["sdk"] / n / 1e3, growth["gds"] / n / 1e3,
                fmt_mb(growth["gds+tree"]), growth["sdk"] / growth["gds+tree"],
                fmt_mb(growth["etree"]))]
    if "sdk live" in growth:
        notes.append("live memory (malloc_trim before each reading): sdk %s, generateDS "
                     "objects %s -> ratio %.2fx"
                     % (fmt_mb(growth["sdk live"]), fmt_mb(growth["gds live"]),
                        growth["sdk live"] / growth["gds live"]))
    return Result(2, "RSS growth holding the list", fmt_mb(growth["sdk"]),
                  fmt_mb(growth["gds"]), ratio, "<= 0.5x", ratio <= 0.5, notes)


# ---------------------------------------------------------------- 3: import

IMPORT_CODE = ("import time; t0 = time.perf_counter(); import %s; "
               "print(time.perf_counter() - t0)")


def bench_import(tmp, runs):
    env = child_env(True, os.path.join(tmp, "pycache"))
    commands = {"sdk": "ovirtsdk.api", "floor": "requests, lxml.etree",
                "generated": "ovirtsdk.xml.params, ovirtsdk.infrastructure.brokers",
                "bare": "sys"}
    inside = {k: [] for k in commands}
    wall = {k: [] for k in commands}
    for code in commands.values():          # compile into the bytecode cache
        run_child(["-c", IMPORT_CODE % code], env)
    for _ in range(runs):
        for name, code in commands.items():
            start = time.perf_counter()
            out = run_child(["-c", IMPORT_CODE % code], env)
            wall[name].append(time.perf_counter() - start)
            inside[name].append(float(out.strip()))
    med = {k: statistics.median(v) for k, v in inside.items()}
    ratio = med["sdk"] / med["floor"]
    return Result(3, "import ovirtsdk.api (compiled)", fmt_s(med["sdk"]), fmt_s(med["floor"]),
                  ratio, "<= 1.3x", ratio <= 1.3,
                  ["medians of %d fresh processes (min sdk %s / floor %s); whole process "
                   "wall: sdk %s, floor %s, bare interpreter %s; first API() also imports "
                   "params+brokers: %s"
                   % (runs, fmt_s(min(inside["sdk"])), fmt_s(min(inside["floor"])),
                      fmt_s(statistics.median(wall["sdk"])),
                      fmt_s(statistics.median(wall["floor"])),
                      fmt_s(statistics.median(wall["bare"])), fmt_s(med["generated"]))])


# ---------------------------------------------------------------- 4: threads

def bench_threads(engine, total, threads=8):
    from ovirtsdk.api import API
    api = API(engine.url(1), username=USER, password=PASSWORD)
    ids = engine.ids
    errors = []

    def work(count, offset):
        try:
            for i in range(count):
                vm = api.vms.get(id=ids[(offset + i) % len(ids)])
                if vm is None or vm.get_id() != ids[(offset + i) % len(ids)]:
                    raise AssertionError("wrong VM")
        except Exception as exc:        # reported below
            errors.append(exc)

    def run(n_threads, count):
        per = count // n_threads
        workers = [threading.Thread(target=work, args=(per, k * per))
                   for k in range(n_threads)]
        start = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - start
        if errors:
            raise errors[0]
        return per * n_threads / elapsed

    run(threads, threads * 2)       # warm-up: open the connections
    single = run(1, total)
    multi = run(threads, total)
    api.disconnect()
    ratio = multi / single
    return Result(4, "%d threads vs 1, %d ms latency" % (threads, LATENCY * 1000),
                  "%.0f req/s" % multi, "%.1f req/s" % single, ratio, ">= 4x", ratio >= 4.0,
                  ["%d requests each way; ideal %.0f req/s single, %.0f req/s with %d threads"
                   % (total, 1 / LATENCY, threads / LATENCY, threads)])


# ---------------------------------------------------------------- 5: request

def bench_request(engine, runs, batch):
    import requests
    from ovirtsdk.api import API
    url = engine.url(0)
    vm_id = engine.ids[0]
    api = API(url, username=USER, password=PASSWORD)
    session = requests.Session()
    item_url = url + "/vms/" + vm_id

    def sdk():
        get = api.vms.get
        last = None
        for _ in range(batch):
            last = get(id=vm_id)
        return last

    def floor():
        get = session.get
        last = None
        for _ in range(batch):
            last = get(item_url)
        return last

    if sdk().get_id() != vm_id or b"<vm " not in floor().content:
        raise AssertionError("unexpected reply")
    times = best_of({"sdk": sdk, "floor": floor}, runs)
    profile("%d x api.vms.get(id=...)" % batch, sdk)
    api.disconnect()
    session.close()
    s, f = min(times["sdk"]) / batch, min(times["floor"]) / batch
    ratio = s / f
    return Result(5, "small GET api.vms.get(id=...)", fmt_s(s), fmt_s(f), ratio, "<= 1.5x",
                  ratio <= 1.5,
                  ["best of %d batches of %d keep-alive requests; overhead %s per request"
                   % (runs, batch, fmt_s(s - f))])


# ---------------------------------------------------------------- main

def print_table(results, out=sys.stdout):
    header = ("#", "measurement", "figure", "floor/baseline", "ratio", "target", "result")
    rows = [header] + [(str(r.number), r.name, r.figure, r.floor, "%.2fx" % r.ratio,
                        r.target, "PASS" if r.ok else "FAIL") for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    line = "  ".join("%-*s" % (w, h) for w, h in zip(widths, header))
    out.write(line + "\n" + "-" * len(line) + "\n")
    for row in rows[1:]:
        out.write("  ".join("%-*s" % (w, c) for w, c in zip(widths, row)).rstrip() + "\n")
    out.write("\n")
    for r in results:
        for note in r.notes:
            out.write("%d: %s\n" % (r.number, note))
    out.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="1,2,3,4,5",
                        help="comma-separated measurement numbers (default: all)")
    parser.add_argument("--vms", type=int, default=2000, help="VMs in the big document")
    parser.add_argument("--runs", type=int, default=5, help="timed runs for 1 and 5")
    parser.add_argument("--import-runs", type=int, default=15)
    parser.add_argument("--requests", type=int, default=400,
                        help="requests per side in measurement 4")
    parser.add_argument("--batch", type=int, default=500,
                        help="requests per timed batch in measurement 5")
    parser.add_argument("--profile", action="store_true",
                        help="also print a cProfile of the SDK side of 1 and 5 (stderr)")
    args = parser.parse_args(argv)
    global PROFILE
    PROFILE = args.profile
    only = {int(x) for x in args.only.split(",") if x.strip()}

    results = []
    with tempfile.TemporaryDirectory(prefix="ovirtsdk-bench-") as tmp:
        log("starting the fake engine (%d VMs)" % args.vms)
        engine = FakeEngine(args.vms)
        try:
            steps = [(1, lambda: bench_list(engine, args.runs)),
                     (5, lambda: bench_request(engine, args.runs, args.batch)),
                     (4, lambda: bench_threads(engine, args.requests)),
                     (3, lambda: bench_import(tmp, args.import_runs)),
                     (2, lambda: bench_memory(engine, tmp))]
            for number, step in steps:
                if number in only:
                    log("measurement %d" % number)
                    results.append(step())
        finally:
            engine.close()
    results.sort(key=lambda r: r.number)
    print_table(results)
    ok = all(r.ok for r in results)
    print("ALL TARGETS MET" if ok else "TARGETS MISSED: %s"
          % ", ".join(str(r.number) for r in results if not r.ok))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
