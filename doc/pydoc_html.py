"""``make doc``: pydoc's HTML pages for the reference modules, plus an index.

Plain ``pydoc -w`` links each page to its source file by absolute path
(``file:/home/.../ovirtsdk/api.py``) and to every module it mentions, most of
which have no page (``builtins.html``, ``lxml.etree.html``).  Here the source
is named relative to the package, links go only to pages that are written,
and ``index.html`` lists them.

    python doc/pydoc_html.py OUTDIR MODULE...
"""
import html
import importlib
import os
import pydoc
import re
import sys


# a link to another module's page: kept only when that page is written
_LINK = re.compile(r'<a href="([A-Za-z_][\w.]*)\.html(?:#[^"]*)?"[^>]*>(.*?)</a>', re.S)


class Doc(pydoc.HTMLDoc):
    def __init__(self, pages):
        super().__init__()
        self.pages = set(pages)

    def filelink(self, url, path):
        parts = os.path.normpath(path).split(os.sep)
        rel = "/".join(parts[parts.index("ovirtsdk"):]) if "ovirtsdk" in parts else parts[-1]
        return html.escape(rel)

    def modulelink(self, object):
        if object.__name__ in self.pages:
            return super().modulelink(object)
        return html.escape(object.__name__)

    def modpkglink(self, modpkginfo):
        name, path, ispackage, shadowed = modpkginfo
        full = path + "." + name if path else name
        if full in self.pages:
            return super().modpkglink(modpkginfo)
        return html.escape(name)

    def classlink(self, object, modname):
        module = getattr(object, "__module__", None)
        if module in self.pages or module == modname:
            return super().classlink(object, modname)
        return html.escape(object.__name__)


def main(argv):
    outdir, names = argv[0], argv[1:]
    # a page's heading links to each package above it: those get pages too
    parents = sorted({n.rsplit(".", i)[0] for n in names for i in range(1, n.count(".") + 1)})
    names = parents + [n for n in names if n not in parents]
    os.makedirs(outdir, exist_ok=True)
    doc = Doc(names)
    for name in names:
        module = importlib.import_module(name)
        page = pydoc.html.page(pydoc.describe(module), doc.document(module, name))
        page = page.replace('<a href=".">index</a>', '<a href="index.html">index</a>')
        page = _LINK.sub(lambda m: m.group(0) if m.group(1) in names else m.group(2), page)
        with open(os.path.join(outdir, name + ".html"), "w", encoding="utf-8") as out:
            out.write(page)
    items = "".join('<li><a href="%s.html">%s</a>: %s</li>\n' % (
        n, n, html.escape((pydoc.splitdoc(pydoc.getdoc(importlib.import_module(n)))[0])))
        for n in names)
    from ovirtsdk import __version__
    body = ("<h1>ovirtsdk %s reference</h1>\n<ul>\n%s</ul>\n" % (html.escape(__version__), items))
    with open(os.path.join(outdir, "index.html"), "w", encoding="utf-8") as out:
        out.write(pydoc.html.page("ovirtsdk reference", body))
    print("wrote %d pages and index.html into %s" % (len(names), outdir))


if __name__ == "__main__":
    main(sys.argv[1:])
