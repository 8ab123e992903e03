"""pytest plugin: the ``fake_engine`` and ``fake_engine_factory`` fixtures.

Installed as a ``pytest11`` entry point named ``ovirtsdk``, so any test of a project
that has ``ovirt-engine-sdk3`` installed may ask for them (``pytest -p no:ovirtsdk``
turns the plugin off); where entry points are not loaded, add
``pytest_plugins = ["ovirtsdk.testing.pytest_plugin"]`` to the root ``conftest.py``.

``fake_engine`` is a running ``ovirtsdk.testing.FakeEngine``, fresh for every test
(the default environment), stopped afterwards.  It speaks HTTPS when the
``testing`` extra (trustme) is installed, plain HTTP otherwise;
``engine.api_kwargs()`` gives the matching ``API()`` arguments.  After the test it
checks that every fault injected with ``add_fault`` was used
(``assert_faults_used``).

Its options come from a ``fake_engine`` marker or an indirect parameter, both with
``fake_engine_factory``'s keywords::

    @pytest.mark.fake_engine(page_size=5, users={"alice@internal": "pw"})
    def test_paging(fake_engine): ...

    @pytest.mark.parametrize("fake_engine", [{"https": False}, {"https": True}],
                             indirect=True)
    def test_both(fake_engine): ...

``fake_engine_factory(**options)`` starts one more engine per call (all stopped
after the test).  Options: ``users``, ``page_size``, ``https``, ``populate``
(the default environment or an empty engine), ``seed`` (an inventory dict or a
file), ``api_version`` (3; other versions when this ovirtsdk's fake engine has
them), ``check_faults`` (default True) and every other ``FakeEngine`` keyword.
"""
import inspect

import pytest

OPTIONS_DOC = ("users, page_size, https, populate, seed, api_version, check_faults "
               "and FakeEngine's keywords")


def _https_available():
    import importlib.util
    return importlib.util.find_spec("trustme") is not None


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "fake_engine(**options): options of the fake_engine fixture (%s)"
        % OPTIONS_DOC)


def start_engine(api_version=None, check_faults=True, **options):
    """A started ``FakeEngine`` with ``options``; ``(engine, check_faults)``."""
    from ovirtsdk.testing import FakeEngine     # imported here: plugins load in every run
    options.setdefault("https", _https_available())
    if api_version is not None:
        accepted = inspect.signature(FakeEngine).parameters
        if "api_version" in accepted:
            options["api_version"] = api_version
        elif str(api_version).split(".")[0] != "3":
            raise ValueError("this ovirtsdk's fake engine speaks API version 3 only, "
                             "not %r" % (api_version,))
    return FakeEngine(**options).start(), check_faults


def _options(request):
    options = {}
    marker = request.node.get_closest_marker("fake_engine")
    if marker is not None:
        if marker.args:
            raise TypeError("@pytest.mark.fake_engine takes keywords only (%s)" % OPTIONS_DOC)
        options.update(marker.kwargs)
    param = getattr(request, "param", None)
    if param is not None:
        if not isinstance(param, dict):
            raise TypeError("an indirect fake_engine parameter is a dict of options (%s), "
                            "not %r" % (OPTIONS_DOC, param))
        options.update(param)
    return options


def _stop_all(started):
    unused = []
    for engine, check in started:
        if check:
            unused.extend(engine.unused_faults())
        engine.stop()
    if unused:
        from ovirtsdk.testing.double import unused_report
        pytest.fail(unused_report(unused), pytrace=False)


@pytest.fixture
def fake_engine_factory():
    """``factory(**options)`` -> a started ``FakeEngine``; every one is stopped (and
    its injected faults checked) after the test."""
    started = []

    def factory(**options):
        engine, check = start_engine(**options)
        started.append((engine, check))
        return engine

    yield factory
    _stop_all(started)


@pytest.fixture
def fake_engine(request):
    """A running ``ovirtsdk.testing.FakeEngine``; stopped after the test."""
    engine, check = start_engine(**_options(request))
    started = [(engine, check)]
    yield engine
    _stop_all(started)


@pytest.fixture
def fake_engine_v4():
    """A running ``FakeEngine(api_version=4)`` (an oVirt 4.5 engine); stopped after the test."""
    engine, check = start_engine(api_version=4)
    started = [(engine, check)]
    yield engine
    _stop_all(started)
