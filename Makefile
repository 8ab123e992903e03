# Developer entry points.  PYTHON is the interpreter used for building and the
# generator (it needs `build`, and generateDS==2.44.3 + six for generate/check:
# `pip install build '.[test]'`).
PYTHON ?= python3
DOCDIR := htmldoc
TOPDIR := $(CURDIR)/rpmbuild
DOC_MODULES := ovirtsdk.api ovirtsdk.infrastructure.brokers ovirtsdk.infrastructure.errors ovirtsdk.xml.params
# Debian's rpm has an empty package database: skip its BuildRequires check there.
RPM_NODEPS := $(if $(wildcard /etc/debian_version),--nodeps,)
RPM_DEBIAN_PACKAGES := python3-pip python3-setuptools python3-wheel python3-lxml python3-requests python3-pytest python3-responses
SPEC := ovirt-engine-sdk3.spec
# the interpreter that builds the sdist: $(PYTHON) if it has `build`, else a private venv
BUILD_VENV := $(CURDIR)/.venv-build
BUILD_PYTHON = $(shell $(PYTHON) -I -c 'import build.__main__' 2>/dev/null && echo $(PYTHON) || echo $(BUILD_VENV)/bin/python)

.PHONY: all test generate check dist rpm rpmlint doc clean need-build

all: dist

# Fresh venv, non-editable install with the test extra, whole suite (see .ci/test).
test:
	bash .ci/test

generate:
	$(PYTHON) -m codegen

check:
	$(PYTHON) -m codegen --check

# sdist + wheel (the wheel is built from the sdist) into ./dist
dist: need-build
	rm -rf dist
	$(PYTHON) -m build --outdir dist .

# The RPM, from a fresh clone: installs what it needs itself (rpm, and on Debian
# the Python packages the spec's fallback build and %check use), builds the
# sdist with `build` (a private venv in ./.venv-build when $(PYTHON) lacks it).
rpm:
	@missing=""; command -v rpmbuild >/dev/null 2>&1 || missing="rpm"; \
	if [ -f /etc/debian_version ]; then \
	  for p in $(RPM_DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; fi; \
	if [ -n "$$missing" ]; then \
	  echo "installing with apt-get:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	rm -rf dist $(TOPDIR)
	@$(PYTHON) -I -c 'import build.__main__' 2>/dev/null || [ -x $(BUILD_VENV)/bin/python ] || { \
	  echo "$(PYTHON) lacks 'build': installing it into $(BUILD_VENV)"; \
	  $(PYTHON) -m venv $(BUILD_VENV) && $(BUILD_VENV)/bin/python -m pip install -q build; }
	$(BUILD_PYTHON) -m build --sdist --outdir dist .
	rpmbuild -ta $(RPM_NODEPS) --define "_topdir $(TOPDIR)" dist/*.tar.gz
	@ls -1 $(TOPDIR)/RPMS/noarch/*.rpm $(TOPDIR)/SRPMS/*.rpm

# The Fedora/EL path of the spec, as far as this machine can check it: parse it
# with the pyproject macros defined (tests/packaging/macros.pyproject), rpmlint it.
rpmlint:
	@command -v rpmlint >/dev/null 2>&1 || { echo "installing rpmlint with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rpm rpmlint >/dev/null; }
	rpmspec --parse --load tests/packaging/macros.pyproject $(SPEC) > /dev/null
	rpmlint -r tests/packaging/rpmlintrc $(SPEC)
	@home=$$(mktemp -d) && cp tests/packaging/macros.pyproject $$home/.rpmmacros && \
	  echo "rpmlint with the Fedora/EL macros:" && \
	  HOME=$$home rpmlint -r tests/packaging/rpmlintrc $(SPEC); rc=$$?; rm -rf $$home; exit $$rc

need-build:
	@$(PYTHON) -I -c 'import build.__main__' 2>/dev/null || { \
	  echo "$(PYTHON) lacks the 'build' package: $(PYTHON) -m pip install build"; exit 1; }

# HTML reference of the source tree (pydoc renders the broker docstrings), with
# an index, no absolute paths and links only to pages that exist (doc/pydoc_html.py).
doc:
	rm -rf $(DOCDIR)
	PYTHONPATH=$(CURDIR) $(PYTHON) doc/pydoc_html.py $(DOCDIR) $(DOC_MODULES)
	@for m in $(DOC_MODULES) index; do test -s $(DOCDIR)/$$m.html || { echo "pydoc failed for $$m"; exit 1; }; done
	@! grep -l "$(CURDIR)" $(DOCDIR)/*.html || { echo "absolute build paths in $(DOCDIR)"; exit 1; }
	@echo "HTML reference in $(DOCDIR)/"

clean:
	rm -rf build dist $(TOPDIR) $(DOCDIR) *.egg-info
