"""Work done in fresh subprocesses (memory figures need a clean process).

    python -m bench.child memory-sdk URL
    python -m bench.child memory-gds URL GDS_MODULE_PATH [--save-tree]
    python -m bench.child memory-etree URL
    python -m bench.child peak-sdk URL
    (each also takes --trim: malloc_trim(0) before both RSS readings, glibc only)
    python -m bench.child v4 get|start|list URL ID BATCH RUNS
    python -m bench.child cold sdk|floor URL ID
    python -m bench.child reads URL RUNS SDK_DIR

``v4`` times the v4 SDK (``ovirtsdk4``, when importable) against the same server,
which answers it with v4-shaped documents: per-batch seconds of ``get()`` or
``start()`` of one VM, or of listing all VMs with the five reads. ``cold`` is one
cold start: import, connect, the entry point and one VM, then disconnect. ``reads``
imports the ``ovirtsdk`` package found in SDK_DIR (another revision of this SDK,
exported from git) and times the five reads per VM alone on fresh lists, and the
same reads with lxml on the same document, in this one process.

Each prints one JSON line: RSS before and after (bytes) and a checksum of the
five fields read from every VM, so all sides provably did the same reads.
"before" is taken after everything needed is imported and warmed up; "after"
while the list is still referenced; both after ``gc.collect()``.
"""
import gc
import importlib.util
import json
import os
import sys
import zlib

USER, PASSWORD = "admin@internal", "bench"
PROBE_ID = "00000000-0000-0000-0000-00000000beef"    # any id: the server makes a VM up
ADDED_ID = "00000000-0000-0000-0000-0000000add00"    # what POST /vms answers (data.py)


def rss():
    """Current resident set size in bytes."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:     # not Linux: peak RSS is the best we have
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


TRIM = False    # --trim: hand freed heap back to the OS first, i.e. count live memory only


def _malloc_trim():
    try:
        import ctypes
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):    # not glibc
        return None


def settled_rss():
    gc.collect()
    gc.collect()
    if TRIM:
        _malloc_trim()(0)
    return rss()


def checksum(rows):
    """An order-independent digest of (name, id, memory, state, sockets) rows."""
    total = 0
    for row in rows:
        total += zlib.crc32("|".join(str(v) for v in row).encode("utf-8"))
    return total


def five_fields_sdk(vm):
    return (vm.get_name(), vm.get_id(), vm.get_memory(), vm.get_status().get_state(),
            vm.get_cpu().get_topology().get_sockets())


def five_fields_etree(vm):
    return (vm.findtext("name"), vm.get("id"), int(vm.findtext("memory")),
            vm.findtext("status/state"), int(vm.find("cpu/topology").get("sockets")))


def memory_sdk(url):
    from ovirtsdk.api import API
    api = API(url, username=USER, password=PASSWORD)
    # Warm-up: load the generated params/broker modules and per-class caches.
    probe = api.vms.get(id=PROBE_ID)
    five_fields_sdk(probe)
    del probe
    before = settled_rss()
    vms = api.vms.list()
    rows = [five_fields_sdk(vm) for vm in vms]
    after = settled_rss()
    return {"before": before, "after": after, "count": len(vms), "checksum": checksum(rows)}


def peak_rss():
    """The process's peak resident set size in bytes."""
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def peak_sdk(url):
    """Peak RSS while api.vms.list() reads the whole collection, and what the list
    retains afterwards (malloc_trim'd when glibc, so freed transients do not count)."""
    global TRIM
    TRIM = _malloc_trim() is not None
    from ovirtsdk.api import API
    api = API(url, username=USER, password=PASSWORD)
    probe = api.vms.get(id=PROBE_ID)
    five_fields_sdk(probe)
    del probe
    before = settled_rss()
    start_peak = peak_rss()
    vms = api.vms.list()
    peak = peak_rss()
    after = settled_rss()
    return {"before": before, "after": after, "peak": peak, "start_peak": start_peak,
            "count": len(vms), "checksum": checksum([five_fields_sdk(vm) for vm in vms])}


def memory_gds(url, module_path, save_tree=False):
    import requests
    spec = importlib.util.spec_from_file_location("gds_baseline", module_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.SaveElementTreeNode = bool(save_tree)
    # Warm-up on a single VM document: the same code paths, nothing kept.
    module.parseString(requests.get(url + "/vms/" + PROBE_ID).content,
                       silence=True, print_warnings=False)
    before = settled_rss()
    body = requests.get(url + "/vms").content
    root = module.parseString(body, silence=True, print_warnings=False)
    del body
    vms = root.get_vm()
    rows = [five_fields_sdk(vm) for vm in vms]
    after = settled_rss()
    return {"before": before, "after": after, "count": len(vms), "checksum": checksum(rows)}


def memory_etree(url):
    import requests
    from lxml import etree
    etree.fromstring(requests.get(url + "/vms/" + PROBE_ID).content)
    before = settled_rss()
    root = etree.fromstring(requests.get(url + "/vms").content)
    vms = list(root.iterchildren("vm"))
    rows = [five_fields_etree(vm) for vm in vms]
    after = settled_rss()
    return {"before": before, "after": after, "count": len(vms), "checksum": checksum(rows)}


def five_fields_v4(vm):
    return (vm.name, vm.id, vm.memory, vm.status.value, vm.cpu.topology.sockets)


def v4(what, url, vm_id, batch, runs):
    import time
    try:
        import ovirtsdk4
    except ImportError as exc:
        return {"error": "not installed (%s)" % exc}
    from ovirtsdk4 import version
    connection = ovirtsdk4.Connection(url=url, token="bench-token", insecure=True)
    vms = connection.system_service().vms_service()
    vm_service = vms.vm_service(vm_id)
    result = {"version": version.VERSION}
    if what == "get":
        def work():
            get = vm_service.get
            for _ in range(batch):
                last = get()
            return last
        if work().id != vm_id:
            raise AssertionError("the v4 SDK read another VM")
    elif what == "start":
        def work():
            start = vm_service.start
            for _ in range(batch):
                start()
    elif what == "list":
        def work():
            return [five_fields_v4(vm) for vm in vms.list()]
        rows = work()
        result["count"], result["checksum"] = len(rows), checksum(rows)
    else:
        raise SystemExit("unknown v4 measurement %r" % what)
    work()
    times, cpu = [], []
    for _ in range(runs):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        kept = work()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        del kept
    connection.close(logout=False)
    result["times"], result["cpu"] = times, cpu
    return result


COLD_SDK = """
from ovirtsdk.api import API
api = API(URL, username=USER, password=PASSWORD)
vm = api.vms.get(id=VM_ID)
assert vm.get_id() == VM_ID
api.disconnect()
"""

COLD_FLOOR = """
import requests
from lxml import etree
session = requests.Session()
session.auth = (USER, PASSWORD)
entry = etree.fromstring(session.get(URL).content)
vm = etree.fromstring(session.get(URL + "/vms/" + VM_ID).content)
assert vm.get("id") == VM_ID
session.get(URL)
session.close()
"""


def cold(kind, url, vm_id):
    import time
    start = time.perf_counter()
    code = COLD_SDK if kind == "sdk" else COLD_FLOOR
    exec(compile(code, "<cold %s>" % kind, "exec"),
         {"URL": url, "VM_ID": vm_id, "USER": USER, "PASSWORD": PASSWORD})
    elapsed = time.perf_counter() - start
    import resource
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # the whole process, interpreter start-up included
    return {"inside": elapsed, "maxrss": peak_rss(), "cpu": usage.ru_utime + usage.ru_stime}


def peak_rss():
    """Peak RSS of this process image (VmHWM; ru_maxrss would include the parent's
    peak from before exec)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def time_reads(api, nodes, runs):
    """([seconds of the five reads on every VM of a fresh ``api.vms.list()``, the
    list itself untimed], [seconds of the lxml reads on ``nodes``], the rows), one
    of each per run after a warm-up that checks both read the same values."""
    import time
    sdk_times, floor_times, rows = [], [], None
    for i in range(runs + 1):
        vms = api.vms.list()          # fresh lazy objects: nothing read yet
        gc.collect()
        start = time.perf_counter()
        rows = [five_fields_sdk(vm) for vm in vms]
        elapsed = time.perf_counter() - start
        del vms
        gc.collect()
        start = time.perf_counter()
        floor_rows = [five_fields_etree(vm) for vm in nodes]
        floor_elapsed = time.perf_counter() - start
        if i == 0:                    # warm-up; check both read the same
            if checksum(rows) != checksum(floor_rows):
                raise AssertionError("the SDK and lxml read different values")
            continue
        sdk_times.append(elapsed)
        floor_times.append(floor_elapsed)
    return sdk_times, floor_times, rows


def reads(url, runs, sdk_dir):
    """``time_reads`` with the ``ovirtsdk`` package of ``sdk_dir``."""
    sys.path.insert(0, sdk_dir)
    import ovirtsdk
    if not os.path.abspath(ovirtsdk.__file__).startswith(os.path.abspath(sdk_dir) + os.sep):
        raise SystemExit("ovirtsdk came from %s, not %s" % (ovirtsdk.__file__, sdk_dir))
    import requests
    from lxml import etree
    from ovirtsdk.api import API
    api = API(url, username=USER, password=PASSWORD)
    five_fields_sdk(api.vms.get(id=PROBE_ID))
    root = etree.fromstring(requests.get(url + "/vms", auth=(USER, PASSWORD)).content)
    sdk_times, floor_times, rows = time_reads(api, list(root.iterchildren("vm")), runs)
    api.disconnect()
    return {"times": sdk_times, "floor": floor_times, "count": len(rows),
            "checksum": checksum(rows)}


def main(argv):
    global TRIM
    if argv[0] == "reads":
        result = reads(argv[1], int(argv[2]), argv[3])
        sys.stdout.write(json.dumps(result) + "\n")
        return 0
    if argv[0] == "v4":
        result = v4(argv[1], argv[2], argv[3], int(argv[4]), int(argv[5]))
        sys.stdout.write(json.dumps(result) + "\n")
        return 0
    if argv[0] == "cold":
        sys.stdout.write(json.dumps(cold(argv[1], argv[2], argv[3])) + "\n")
        return 0
    kind, url = argv[0], argv[1]
    TRIM = "--trim" in argv[2:]
    if kind == "memory-sdk":
        result = memory_sdk(url)
    elif kind == "memory-gds":
        result = memory_gds(url, argv[2], "--save-tree" in argv[3:])
    elif kind == "memory-etree":
        result = memory_etree(url)
    elif kind == "peak-sdk":
        result = peak_sdk(url)
    else:
        raise SystemExit("unknown measurement %r" % kind)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
