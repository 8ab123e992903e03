"""Build script of the ``ovirt-engine-sdk3`` distribution (module ``ovirtsdk``).

The distribution name is not the original's ``ovirt-engine-sdk-python``: on the
package index that name holds the Python 2 SDK (3.x releases) and the v4 SDK
(4.x releases, module ``ovirtsdk4``), so ``pip install ovirt-engine-sdk3`` is
the one request that can only mean this SDK.  The RPM keeps providing the old
names (see the spec).

The version is ``<engine version>.<SDK release>``, as with the original SDK:
the first three numbers are the engine version the code is generated for
(``schema/VERSION``), the fourth counts SDK releases for that engine version.
For 3.6.9 the count continues the original's (whose last release was 3.6.9.2),
so that this SDK satisfies the pins and RPM requirements written for the
original (``>=3.6.9.1``).  The build writes the resolved version into the built
package as ``ovirtsdk/version.py`` (into the source tree for an editable
install); the RPM spec carries the same version, checked by the tests.

Only the ``ovirtsdk`` package goes into the wheel; the generator (``codegen/``),
the schema and the tests travel in the sdist only.
"""
import os
import re
from pathlib import Path

import setuptools
from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent

NAME = "ovirt-engine-sdk3"

# SDK releases for the engine version in schema/VERSION; back to 0 when it changes
# (for 3.6.9 it starts above the original's last release, 3.6.9.2).
SDK_RELEASE = 3

URL = "https://github.com/ovirtsdk/ovirt-engine-sdk3"

# The package description: README.md up to its developer part.
README_USER_END = "\n## Developing this SDK\n"


def engine_version():
    text = (HERE / "schema" / "VERSION").read_text(encoding="utf-8").strip()
    if not re.fullmatch(r"\d+\.\d+\.\d+", text):
        raise SystemExit("schema/VERSION must hold an engine version like 3.6.9, not %r" % text)
    return text


VERSION = "%s.%d" % (engine_version(), SDK_RELEASE)

VERSION_MODULE = '''\
"""Version of this SDK; written by setup.py at build time."""

#: The engine version the SDK is generated for, then the SDK release number.
VERSION = %r
__version__ = %r
ENGINE_VERSION = %r
''' % (tuple(int(n) for n in VERSION.split(".")), VERSION, engine_version())


class BuildPy(build_py):
    """Add ``ovirtsdk/version.py`` to the built package (to the source tree when editable)."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            target = str(HERE / "ovirtsdk" / "version.py")   # not tracked (.gitignore)
        else:
            target = os.path.join(self.build_lib, "ovirtsdk", "version.py")
        current = None
        if os.path.exists(target):
            with open(target, encoding="utf-8") as f:
                current = f.read()
        if current != VERSION_MODULE:
            if os.path.exists(target):
                os.unlink(target)   # may be a hard link to the checkout's file
            with open(target, "w", encoding="utf-8") as out:
                out.write(VERSION_MODULE)
        if not getattr(self, "editable_mode", False):
            self.compile_package()

    def compile_package(self):
        """Ship bytecode: the wheel, and the RPM built from it, carry
        ``__pycache__/*.pyc`` for every module, so that a script run with
        PYTHONDONTWRITEBYTECODE=1 (or an install made with --no-compile) does not
        compile the generated modules (32k lines) at every start. Hash-checked pycs:
        valid whatever the installed files' times, still refreshed if a source is
        edited."""
        import compileall
        import py_compile
        compileall.compile_dir(
            os.path.join(self.build_lib, "ovirtsdk"), quiet=1, force=True,
            invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)

    def get_outputs(self, include_bytecode=True):
        outputs = super().get_outputs(include_bytecode)
        target = os.path.join(self.build_lib, "ovirtsdk", "version.py")
        return outputs if target in outputs else outputs + [target]


def entry_points():
    # pytest auto-loads this plugin (fixtures for the fake engine) wherever the SDK is installed.
    if (HERE / "ovirtsdk" / "testing" / "pytest_plugin.py").is_file():
        return {"pytest11": ["ovirtsdk = ovirtsdk.testing.pytest_plugin"]}
    return {}


def long_description():
    text = (HERE / "README.md").read_text(encoding="utf-8")
    return text.split(README_USER_END, 1)[0].rstrip() + "\n"


def license_metadata():
    """The license as an SPDX expression (Metadata 2.4) where setuptools knows it (>= 77).

    Older setuptools (Debian 12's 66, EL 9's 53, which the RPM may build with)
    reject ``license_expression``; they get the same text as ``License:`` and
    the classifier that newer setuptools would warn about.
    """
    try:
        major = int(setuptools.__version__.split(".")[0])
    except ValueError:
        major = 0
    if major >= 77:
        return {"license_expression": "Apache-2.0"}, []
    return {"license": "Apache-2.0"}, ["License :: OSI Approved :: Apache Software License"]


LICENSE_ARGS, LICENSE_CLASSIFIERS = license_metadata()

setup(
    name=NAME,
    version=VERSION,
    description="Python 3 SDK for the oVirt / RHEV 3.x engine REST API (API version 3), "
                "module ovirtsdk",
    long_description=long_description(),
    long_description_content_type="text/markdown",
    url=URL,
    project_urls={
        "Source": URL,
        "Issues": URL + "/issues",
        "Documentation": URL + "#readme",
        "Changelog": URL + "/blob/main/ovirt-engine-sdk3.spec",
    },
    author="ovirtsdk maintainers",
    maintainer="ovirtsdk maintainers",
    license_files=["LICENSE"],
    keywords="ovirt rhev rhevm virtualization sdk rest api-v3",
    classifiers=[
        "Development Status :: 5 - Production/Stable",
        "Intended Audience :: System Administrators",
        "Intended Audience :: Developers",
        "Operating System :: POSIX :: Linux",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
    ] + ["Programming Language :: Python :: 3.%d" % minor for minor in range(9, 14)] + [
        "Topic :: System :: Systems Administration",
        "Typing :: Typed",
    ] + LICENSE_CLASSIFIERS,
    python_requires=">=3.9",
    packages=find_packages(include=["ovirtsdk", "ovirtsdk.*"]),
    include_package_data=True,      # data files under ovirtsdk/ (MANIFEST.in: graft ovirtsdk)
    install_requires=["requests>=2.20", "lxml>=4.6"],
    extras_require={
        "kerberos": ["requests-gssapi"],
        "testing": ["trustme"],
        # python -m ovirtsdk.port (porting Python 2 scripts); not needed at run time
        "port": ["fissix"],
        "test": [
            "pytest>=7",
            "responses",
            "trustme",
            "hypothesis",
            "cryptography",
            # for the generator's tests and `python -m codegen --check`
            "generateDS==2.44.3",
            "six",
            # the porting tool's tests
            "fissix",
            # the type checks of examples/typing (pyright runs on Node.js)
            "mypy",
            "pyright",
            # the real v4 client, which checks the fake engine's v4 dialect (module
            # ovirtsdk4; builds against the libxml2 headers, see .ci/test); the same
            # release as the sdist schema/v4 is imported from
            "ovirt-engine-sdk-python==4.6.3",
        ],
    },
    entry_points=entry_points(),
    cmdclass={"build_py": BuildPy},
    zip_safe=False,
    **LICENSE_ARGS
)
