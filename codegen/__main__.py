"""Command line of the generator.

    python -m codegen             regenerate every generated file from schema/
    python -m codegen --check     exit 1 if a committed generated file differs
    python -m codegen import --xsd FILE --rsdl FILE [--version V]
                                  turn an engine's ?schema and ?rsdl documents
                                  into schema/
    python -m codegen import-v4 --sdk SDIST [--version V]
                                  import the v4 API from the v4 Python SDK's sdist
                                  (ovirt-engine-sdk-python 4.x) into schema/v4/
"""
import argparse
import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The engine release the imported v4 model (ovirt-engine-sdk-python 4.6.x) goes with.
V4_ENGINE_VERSION = "4.5.6"


def _generate(args):
    from .generate import generate_all
    outputs = generate_all(ROOT / "schema")
    stale = []
    for relpath, text in outputs.items():
        path = ROOT / relpath
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(relpath)
        if args.check:
            diff = difflib.unified_diff((current or "").splitlines(True), text.splitlines(True),
                                        "committed/" + relpath, "generated/" + relpath, n=1)
            sys.stdout.writelines(list(diff)[:40])
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.check:
        if stale:
            print("codegen --check: %d generated file(s) differ from a fresh run: %s\n"
                  "run `python -m codegen` and commit the result"
                  % (len(stale), ", ".join(stale)))
            return 1
        print("codegen --check: %d generated files up to date" % len(outputs))
        return 0
    print("codegen: %d files generated, %d changed" % (len(outputs), len(stale)))
    return 0


def _import(args):
    from .importer import import_schema
    from .schemafile import dump_schema
    schema = import_schema(args.xsd, args.rsdl, args.version, args.descriptions)
    out = Path(args.schema_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in dump_schema(schema).items():
        (out / name).write_text(text, encoding="utf-8")
    print("imported %d complex types, %d links into %s"
          % (len(schema.data.complex_types), len(schema.api.links), out))
    return 0


def _import_v4(args):
    from .v4import import import_sdk, sdk_version, write_schema
    schema = import_sdk(args.sdk, args.version)
    write_schema(schema, args.schema_dir, sdk_version(args.sdk) or "?")
    print("imported %d complex types, %d enums, %d links into %s"
          % (len(schema.data.complex_types), len(schema.data.simple_types),
             len(schema.api.links), args.schema_dir))
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "import-v4":
        parser = argparse.ArgumentParser(prog="python -m codegen import-v4")
        parser.add_argument("--sdk", required=True,
                            help="the v4 SDK's sdist (ovirt_engine_sdk_python-4.x.tar.gz), "
                                 "or its unpacked directory")
        parser.add_argument("--version", default=V4_ENGINE_VERSION,
                            help="engine version the model is for (default %(default)s)")
        parser.add_argument("--schema-dir", default=str(ROOT / "schema" / "v4"))
        return _import_v4(parser.parse_args(argv[1:]))
    if argv and argv[0] == "import":
        parser = argparse.ArgumentParser(prog="python -m codegen import")
        parser.add_argument("--xsd", required=True, help="the engine's ?schema document")
        parser.add_argument("--rsdl", required=True, help="the engine's ?rsdl document")
        parser.add_argument("--version", required=True,
                            help="engine version the documents come from, e.g. 3.6.9")
        parser.add_argument("--schema-dir", default=str(ROOT / "schema"))
        parser.add_argument("--descriptions", action="store_true",
                            help="keep the engine's free-text descriptions")
        return _import(parser.parse_args(argv[1:]))
    parser = argparse.ArgumentParser(prog="python -m codegen")
    parser.add_argument("--check", action="store_true",
                        help="compare the committed generated files with a fresh run")
    return _generate(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
