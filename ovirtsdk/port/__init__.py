"""Port Python 2 scripts written for the 3.x SDK to Python 3 and this SDK.

    python -m ovirtsdk.port [-w] PATH...

Runs fissix (the maintained fork of lib2to3, which Python 3.13 no longer
ships) with its standard Python 2 to 3 fixers plus this SDK's own: the
``async`` keyword argument, attribute and ``**{'async': ...}`` key become
``async_`` (``async`` is a reserved word since Python 3.7).  Without ``-w`` it
prints a diff; with ``-w`` it rewrites the files in place.  Either way it ends
with a summary: what changed in each file, and what needs a human.

fissix is not a dependency of the SDK: install it with the ``port`` extra,
``pip install 'ovirt-engine-sdk3[port]'``.
"""
import argparse
import collections
import difflib
import os
import sys

__all__ = ["main", "port_source"]

#: Our fixers (modules of this package, fissix's naming: fix_<name> with class Fix<Name>).
SDK_FIXERS = ["ovirtsdk.port.fix_ovirt_async"]


def _fissix():
    try:
        from fissix import refactor
    except ImportError:
        raise SystemExit("python -m ovirtsdk.port needs fissix: "
                         "pip install 'ovirt-engine-sdk3[port]' (or pip install fissix)") from None
    return refactor


def _tool_class(refactor):
    from fissix import pygram

    class Tool(refactor.RefactoringTool):
        """Collects diffs, per-fixer change counts and notes instead of printing them."""

        def __init__(self, fixers, write):
            super().__init__(fixers, {"print_function": False}, explicit=[])
            self.write = write
            self.current = None
            self.changes = collections.defaultdict(collections.Counter)
            self.notes = collections.defaultdict(list)
            self.diffs = []
            self.written = []
            for fixer in self.pre_order + self.post_order:
                self._count(fixer)

        def _count(self, fixer):
            transform = fixer.transform
            name = fixer.__class__.__module__.rsplit(".", 1)[-1][len("fix_"):]
            log = self.notes

            def counted(node, results):
                before = str(node)
                new = transform(node, results)
                if (new is not None and str(new) != before) or str(node) != before:
                    self.changes[self.current][name] += 1
                return new
            fixer.transform = counted

            def warning(node, reason):
                line = node.get_lineno() if node is not None else 0
                log[self.current].append("line %s: %s" % (line, reason))
            fixer.warning = warning

        def refactor_string(self, data, name):
            # Source that is already Python 3 (a second run, a half-ported
            # script) keeps its print() calls: parse it without the print statement.
            grammar = self.driver.grammar
            try:
                compile(data, name, "exec", dont_inherit=True)
            except (SyntaxError, ValueError):
                pass
            else:
                self.driver.grammar = pygram.python_grammar_no_print_statement
            try:
                return super().refactor_string(data, name)
            finally:
                self.driver.grammar = grammar

        def refactor_file(self, filename, write=False, doctests_only=False):
            self.current = filename
            return super().refactor_file(filename, write, doctests_only)

        def log_error(self, msg, *args, **kwargs):
            exc = sys.exc_info()[1]
            self.notes[self.current].append("not ported, cannot be parsed: %s" % (exc or msg % args))

        def print_output(self, old, new, filename, equal):
            if not equal:
                self.diffs.append("".join(difflib.unified_diff(
                    old.splitlines(True), new.splitlines(True),
                    filename, filename + " (ported)")))

        def write_file(self, new_text, filename, old_text, encoding=None):
            super().write_file(new_text, filename, old_text, encoding)
            self.written.append(filename)

    return Tool


def fixer_names():
    refactor = _fissix()
    return sorted(refactor.get_fixers_from_package("fissix.fixes")) + SDK_FIXERS


def port_source(text, name="<string>"):
    """The Python 3 form of one script's source text (for tests and tools)."""
    refactor = _fissix()
    tool = _tool_class(refactor)(fixer_names(), write=False)
    if not text.endswith("\n"):
        text += "\n"
    return str(tool.refactor_string(text, name))


def _summary(tool, paths):
    lines = ["", "Summary:"]
    for path in paths:
        changes = tool.changes.get(path)
        notes = tool.notes.get(path, [])
        if changes:
            done = ", ".join("%s x%d" % item for item in sorted(changes.items()))
            lines.append("  %s: %s%s" % (path, done, " (written)" if path in tool.written else ""))
        elif not notes:
            lines.append("  %s: nothing to change" % path)
        for note in notes:
            lines.append("  %s: NEEDS A HUMAN: %s" % (path, note))
    return "\n".join(lines)


def _python_files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.endswith(".py"):
                        yield os.path.join(root, name)
        else:
            yield path


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m ovirtsdk.port",
        description="Port Python 2 scripts written for the oVirt 3.x SDK to Python 3 "
                    "(fissix's 2to3 fixers, plus async -> async_).")
    parser.add_argument("-w", "--write", action="store_true",
                        help="rewrite the files in place (default: print a diff)")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a .py file or a directory")
    args = parser.parse_args(argv)
    refactor = _fissix()
    paths = list(_python_files(args.paths))
    missing = [p for p in paths if not os.path.isfile(p)]
    if missing:
        parser.error("no such file: %s" % ", ".join(missing))
    tool = _tool_class(refactor)(fixer_names(), write=args.write)
    for path in paths:
        tool.refactor_file(path, write=args.write)
    if not args.write:
        sys.stdout.write("".join(tool.diffs))
    print(_summary(tool, paths))
    failed = any(n.startswith("not ported") for notes in tool.notes.values() for n in notes)
    return 1 if failed else 0
