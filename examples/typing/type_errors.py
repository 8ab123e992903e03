"""Mistakes the stubs turn into type errors (CI expects mypy and pyright to
report each line marked ``# error``, and nothing else)."""
from ovirtsdk.api import API
from ovirtsdk.xml import params


def mistakes(api: API) -> None:
    params.VM(nmae="web1")  # error: misspelt constructor keyword
    api.vmz  # error: no such collection
    vm = api.vms.get(name="web1")
    if vm is not None:
        vm.get_nmae()  # error: no such accessor
        vm.set_memory("2 GB")  # error: memory is an int
        vm.nics.add(params.Disk())  # error: a NIC is expected
