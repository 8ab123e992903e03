# pyright: strict
"""A script written with type checking on: what mypy --strict and pyright see.

CI checks it with both (``typing.assert_type`` fails the check when a type
is not the one stated) and runs it against the fake engine.  Connection
settings come from OVIRT_URL, OVIRT_USERNAME, OVIRT_PASSWORD, OVIRT_CA_FILE.
"""
import os
import sys
from typing import List, Optional

if sys.version_info >= (3, 11):
    from typing import assert_type
else:   # typing_extensions is not a dependency: a no-op for running on older Pythons
    def assert_type(value, expected):  # type: ignore[no-untyped-def]
        return value

from ovirtsdk.api import API
from ovirtsdk.infrastructure import brokers
from ovirtsdk.xml import params


def main() -> int:
    api = API(url=os.environ["OVIRT_URL"], username=os.environ["OVIRT_USERNAME"],
              password=os.environ["OVIRT_PASSWORD"],
              ca_file=os.environ.get("OVIRT_CA_FILE") or None)
    try:
        assert_type(api.vms, brokers.VMs)
        assert_type(api.vms.list(), List[brokers.VM])
        api.vms.add(params.VM(name="typed1", memory=512 * 1024 ** 2,
                              cluster=params.Cluster(name="Default"),
                              template=params.Template(name="Blank")))
        vm = api.vms.get(name="typed1")
        assert_type(vm, Optional[brokers.VM])
        if vm is None:
            print("typed1 not found")
            return 1
        assert_type(vm.nics, brokers.VMNICs)
        assert_type(vm.get_name(), Optional[str])
        assert_type(vm.get_memory(), Optional[int])
        nic = vm.nics.add(params.NIC(name="nic1", network=params.Network(name="ovirtmgmt")))
        assert_type(nic, brokers.VMNIC)
        names: List[str] = [n.get_name() or "" for n in vm.nics.list()]
        print("typed1 NICs:", ", ".join(names))
        assert_type(vm.start(), params.Action)
        vm.stop(params.Action(force=True))
        vm.delete(async_=False)
        print("typed1 deleted:", api.vms.get(name="typed1") is None)
    finally:
        api.disconnect()
    return 0


if __name__ == "__main__":
    sys.exit(main())
