"""Build script of the ``ovirt-engine-sdk-python`` distribution.

The version is ``<engine version>.<SDK release>``, as with the original SDK:
the first three numbers are the engine version the code is generated for
(``schema/VERSION``, the only place it is written), the fourth counts the SDK
releases made for that engine version.  The build writes the resolved version
into the built package as ``ovirtsdk/version.py`` and into the RPM spec shipped
in the sdist, so neither needs editing by hand.

Only the ``ovirtsdk`` package goes into the wheel; the generator (``codegen/``),
the schema and the tests travel in the sdist only.
"""
import os
import re
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent

# SDK releases for the engine version in schema/VERSION; back to 0 when it changes.
SDK_RELEASE = 0

SPEC = "ovirt-engine-sdk-python.spec"


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
    """Add ``ovirtsdk/version.py`` to the built package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = os.path.join(self.build_lib, "ovirtsdk", "version.py")
        with open(target, "w", encoding="utf-8") as out:
            out.write(VERSION_MODULE)

    def get_outputs(self, include_bytecode=True):
        outputs = super().get_outputs(include_bytecode)
        target = os.path.join(self.build_lib, "ovirtsdk", "version.py")
        return outputs if target in outputs else outputs + [target]


class SDist(sdist):
    """Ship the RPM spec with its version and source directory filled in."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        spec = os.path.join(base_dir, SPEC)
        if not os.path.exists(spec):
            return
        with open(spec, encoding="utf-8") as f:
            text = f.read()
        text = text.replace("@VERSION@", VERSION)
        text = text.replace("@SRCDIR@", os.path.basename(os.path.normpath(base_dir)))
        os.unlink(spec)   # may be a hard link to the checkout's file
        with open(spec, "w", encoding="utf-8") as f:
            f.write(text)


def entry_points():
    # pytest auto-loads this plugin (fixtures for the fake engine) wherever the SDK is installed.
    if (HERE / "ovirtsdk" / "testing" / "pytest_plugin.py").is_file():
        return {"pytest11": ["ovirtsdk = ovirtsdk.testing.pytest_plugin"]}
    return {}


setup(
    name="ovirt-engine-sdk-python",
    version=VERSION,
    description="Python 3 SDK for the oVirt / RHEV 3.x engine REST API (API version 3)",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    license_files=["LICENSE"],
    keywords="ovirt rhev rhevm virtualization sdk rest",
    classifiers=[
        "Development Status :: 5 - Production/Stable",
        "Intended Audience :: System Administrators",
        "Intended Audience :: Developers",
        "License :: OSI Approved :: Apache Software License",
        "Operating System :: POSIX :: Linux",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Topic :: System :: Systems Administration",
    ],
    python_requires=">=3.9",
    packages=find_packages(include=["ovirtsdk", "ovirtsdk.*"]),
    include_package_data=True,      # data files under ovirtsdk/ (MANIFEST.in: graft ovirtsdk)
    install_requires=["requests>=2.20", "lxml>=4.6"],
    extras_require={
        "kerberos": ["requests-gssapi"],
        "testing": ["trustme"],
        "test": [
            "pytest>=7",
            "responses",
            "trustme",
            "hypothesis",
            "cryptography",
            # for the generator's tests and `python -m codegen --check`
            "generateDS==2.44.3",
            "six",
        ],
    },
    entry_points=entry_points(),
    cmdclass={"build_py": BuildPy, "sdist": SDist},
    zip_safe=False,
)
