# Developer entry points.  PYTHON is the interpreter used for building and the
# generator (it needs `build`, and generateDS==2.44.3 + six for generate/check:
# `pip install build '.[test]'`).
PYTHON ?= python3
DOCDIR := htmldoc
TOPDIR := $(CURDIR)/rpmbuild
DOC_MODULES := ovirtsdk.api ovirtsdk.infrastructure.brokers ovirtsdk.infrastructure.errors ovirtsdk.xml.params
# Debian's rpm has an empty package database: skip its BuildRequires check there.
RPM_NODEPS := $(if $(wildcard /etc/debian_version),--nodeps,)

.PHONY: all test generate check dist rpm doc clean need-build

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

rpm: need-build
	@command -v rpmbuild >/dev/null 2>&1 || { \
	  echo "rpmbuild not found: installing rpm with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rpm; }
	rm -rf dist $(TOPDIR)
	$(PYTHON) -m build --sdist --outdir dist .
	rpmbuild -ta $(RPM_NODEPS) --define "_topdir $(TOPDIR)" dist/*.tar.gz
	@ls -1 $(TOPDIR)/RPMS/noarch/*.rpm $(TOPDIR)/SRPMS/*.rpm

need-build:
	@$(PYTHON) -c 'import build' 2>/dev/null || { \
	  echo "$(PYTHON) lacks the 'build' package: $(PYTHON) -m pip install build"; exit 1; }

# HTML reference of the source tree (pydoc renders the broker docstrings).
doc:
	rm -rf $(DOCDIR)
	mkdir -p $(DOCDIR)
	cd $(DOCDIR) && PYTHONPATH=$(CURDIR) $(PYTHON) -m pydoc -w $(DOC_MODULES)
	@for m in $(DOC_MODULES); do test -s $(DOCDIR)/$$m.html || { echo "pydoc failed for $$m"; exit 1; }; done
	@echo "HTML reference in $(DOCDIR)/"

clean:
	rm -rf build dist $(TOPDIR) $(DOCDIR) *.egg-info
