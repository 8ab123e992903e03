"""The files under ``schema/``: a line-oriented, indentation-structured text form
of the model, written for review in diffs.

``types.schema`` (data model)::

    complex VM extends VmBase        # a complex type and its base
      root vm                        # a global element of this type
      attr id xs:string              # attribute ('required' when use=required)
      elem stop_reason xs:string ?   # element particle: name, type, occurrences
      elem host Host ? ref           #   'ref': declared as a reference to the global element
      elem dns_servers xs:string ? items dns_server   # (v4) wrapper of repeated values
      elem cluster Cluster ? link    # (v4) a link: a reference to an entity
      elem nics Nics ? link=nics     # (v4) a list link, served at the sub-collection 'nics'
      group IscsiTarget              # model group spliced here ('optional' when minOccurs=0)
      choice                         # one of the options
        option
          elem initiator xs:string 1
    complex StorageManager text xs:boolean   # simple content
    simple StatisticType xs:string   # restriction of a builtin type
      value GAUGE
    group IscsiTarget                # named model group
      elem address xs:string ?
    element source xs:string         # a global element of a builtin type

Occurrences: ``?`` 0..1, ``1`` exactly one, ``*`` 0..n, ``+`` 1..n, ``N..M``.

``links.schema`` (link model)::

    description "..."
    general-header Session-TTL optional "minutes" "Idle session TTL ..."
    link POST vms add                # method, href (relative to the entry point), rel
      description "add a new virtual machine"
      header Expect optional "201-created"
      url matrix async xs:boolean optional "true|false"
      body VM                        # request body type ('-' for a body without type)
      set "description of the overload" [deprecated]
        param vm.name xs:string required [deprecated]
        param vm.disks.disk collection optional
          param disk.id xs:string required
      response VM

Free text is written as a JSON string.
"""
import json
import re

from . import model as m

_CARD = {(0, 1): "?", (1, 1): "1", (0, None): "*", (1, None): "+"}
_CARD_BACK = {v: k for k, v in _CARD.items()}


def _card(lo, hi):
    return _CARD.get((lo, hi)) or "%d..%s" % (lo, "n" if hi is None else hi)


def _uncard(text):
    if text in _CARD_BACK:
        return _CARD_BACK[text]
    lo, hi = text.split("..")
    return int(lo), (None if hi == "n" else int(hi))


def _q(text):
    return json.dumps(text, ensure_ascii=False)


# ---------------------------------------------------------------- writing

def _dump_particles(particles, indent, out):
    pad = "  " * indent
    for p in particles:
        if isinstance(p, m.Element):
            line = "%selem %s %s %s%s" % (pad, p.name, p.type, _card(p.min, p.max),
                                         " ref" if p.ref else "")
            if p.items:
                line += " items %s" % p.items
            if p.link is not None:
                line += " link=%s" % p.link if p.link else " link"
            out.append(line)
        elif isinstance(p, m.GroupRef):
            out.append("%sgroup %s%s" % (pad, p.name, " optional" if p.min == 0 else ""))
        else:
            out.append("%schoice%s" % (pad, " optional" if p.min == 0 else ""))
            for option in p.options:
                out.append("%s  option" % pad)
                _dump_particles(option, indent + 2, out)


def dump_types(data):
    out = ["# The data model of the oVirt REST API. Grammar: codegen/schemafile.py.", ""]
    roots_by_type = {}
    complex_names = {ct.name for ct in data.complex_types}
    for name, type_ in data.roots:
        if type_ in complex_names:
            roots_by_type.setdefault(type_, []).append(name)
        else:
            out.append("element %s %s" % (name, type_))
    if out[-1] != "":
        out.append("")
    for st in data.simple_types:
        out.append("simple %s %s" % (st.name, st.base))
        out.extend("  value %s" % v for v in st.values)
        out.append("")
    for g in data.groups:
        out.append("group %s" % g.name)
        _dump_particles(g.particles, 1, out)
        out.append("")
    for ct in data.complex_types:
        head = "complex %s" % ct.name
        if ct.base:
            head += " extends %s" % ct.base
        if ct.text:
            head += " text %s" % ct.text
        out.append(head)
        out.extend("  root %s" % r for r in roots_by_type.get(ct.name, []))
        for a in ct.attributes:
            out.append("  attr %s %s%s" % (a.name, a.type, " required" if a.required else ""))
        _dump_particles(ct.particles, 1, out)
        out.append("")
    return "\n".join(out)


def _dump_param(p, indent, out, url=False):
    pad = "  " * indent
    if url:
        line = "%surl %s %s %s %s" % (pad, p.context, p.name, p.type,
                                      "required" if p.required else "optional")
    else:
        line = "%sparam %s %s %s" % (pad, p.name, p.type, "required" if p.required else "optional")
        if p.context:
            line += " context=%s" % p.context
    if p.value is not None:
        line += " " + _q(p.value)
    if p.deprecated:
        line += " deprecated"
    out.append(line)
    for sub in p.params:
        _dump_param(sub, indent + 1, out)


def _dump_header(h, keyword, pad):
    line = "%s%s %s %s" % (pad, keyword, h.name, "required" if h.required else "optional")
    if h.value is not None or h.description is not None:
        line += " " + _q(h.value)
    if h.description is not None:
        line += " " + _q(h.description)
    return line


def dump_links(api):
    out = ["# The link model of the oVirt REST API. Grammar: codegen/schemafile.py.", ""]
    if api.description is not None:
        out.append("description %s" % _q(api.description))
    out.extend(_dump_header(h, "general-header", "") for h in api.general_headers)
    out.append("")
    for link in api.links:
        out.append("link %s %s %s" % (link.method, link.href, link.rel))
        if link.description is not None:
            out.append("  description %s" % _q(link.description))
        out.extend(_dump_header(h, "header", "  ") for h in link.headers)
        for p in link.url_params:
            _dump_param(p, 1, out, url=True)
        if link.body_type or link.body_sets:
            out.append("  body %s" % (link.body_type or "-"))
        for s in link.body_sets:
            line = "  set"
            if s.description is not None:
                line += " " + _q(s.description)
            if s.deprecated:
                line += " deprecated"
            out.append(line)
            for p in s.params:
                _dump_param(p, 2, out)
        if link.response_type:
            out.append("  response %s" % link.response_type)
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- reading

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\S+')


class SchemaSyntaxError(ValueError):
    pass


def _lines(text, filename):
    """(line number, depth, tokens) for every non-blank, non-comment line."""
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if indent % 2:
            raise SchemaSyntaxError("%s:%d: odd indentation" % (filename, number))
        tokens = []
        for tok in _TOKEN.findall(stripped):
            tokens.append(json.loads(tok) if tok.startswith('"') else tok)
        yield number, indent // 2, tokens


def _block(lines, pos, depth):
    """Collect the lines nested deeper than ``depth`` starting at ``pos``."""
    end = pos
    while end < len(lines) and lines[end][1] > depth:
        end += 1
    return lines[pos:end], end


def _parse_particles(lines, depth, where):
    particles = []
    i = 0
    while i < len(lines):
        number, d, tok = lines[i]
        if d != depth:
            raise SchemaSyntaxError("%s:%d: unexpected indentation" % (where, number))
        kind = tok[0]
        if kind == "elem":
            lo, hi = _uncard(tok[3])
            items = tok[tok.index("items") + 1] if "items" in tok[4:] else None
            link = None
            for extra in tok[4:]:
                if extra == "link" or extra.startswith("link="):
                    link = extra[5:]
            particles.append(m.Element(tok[1], tok[2], lo, hi, ref="ref" in tok[4:],
                                       items=items, link=link))
            i += 1
        elif kind == "group":
            particles.append(m.GroupRef(tok[1], 0 if "optional" in tok[2:] else 1))
            i += 1
        elif kind == "choice":
            body, i = _block(lines, i + 1, depth)
            options = []
            j = 0
            while j < len(body):
                if body[j][2][0] != "option":
                    raise SchemaSyntaxError("%s:%d: expected 'option'" % (where, body[j][0]))
                inner, j = _block(body, j + 1, depth + 1)
                options.append(_parse_particles(inner, depth + 2, where))
            particles.append(m.Choice(options, 0 if "optional" in tok[1:] else 1))
        else:
            raise SchemaSyntaxError("%s:%d: unknown particle %r" % (where, number, kind))
    return particles


def load_types(text, filename="types.schema"):
    lines = list(_lines(text, filename))
    data = m.DataModel()
    i = 0
    while i < len(lines):
        number, depth, tok = lines[i]
        body, i = _block(lines, i + 1, 0)
        kind = tok[0]
        if kind == "element":
            data.roots.append((tok[1], tok[2]))
        elif kind == "simple":
            data.simple_types.append(m.SimpleType(tok[1], tok[2], [b[2][1] for b in body]))
        elif kind == "group":
            data.groups.append(m.Group(tok[1], _parse_particles(body, 1, filename)))
        elif kind == "complex":
            ct = m.ComplexType(tok[1])
            rest = tok[2:]
            while rest:
                if rest[0] == "extends":
                    ct.base = rest[1]
                elif rest[0] == "text":
                    ct.text = rest[1]
                else:
                    raise SchemaSyntaxError("%s:%d: unexpected %r" % (filename, number, rest[0]))
                rest = rest[2:]
            particle_lines = []
            for line in body:
                if line[1] == 1 and line[2][0] == "root":
                    data.roots.append((line[2][1], ct.name))
                elif line[1] == 1 and line[2][0] == "attr":
                    ct.attributes.append(m.Attribute(line[2][1], line[2][2],
                                                     "required" in line[2][3:]))
                else:
                    particle_lines.append(line)
            ct.particles = _parse_particles(particle_lines, 1, filename)
            data.complex_types.append(ct)
        else:
            raise SchemaSyntaxError("%s:%d: unknown declaration %r" % (filename, number, kind))
    return data


def _load_header(tok):
    value = tok[3] if len(tok) > 3 else None
    description = tok[4] if len(tok) > 4 else None
    return m.Header(tok[1], value, tok[2] == "required", description)


def _load_param(lines, i):
    number, depth, tok = lines[i]
    if tok[0] == "url":
        context, tok = tok[1], tok[1:]
    else:
        context = None
    p = m.Parameter(tok[1], tok[2], tok[3] == "required", context)
    for extra in tok[4:]:
        if extra == "deprecated":
            p.deprecated = True
        elif extra.startswith("context="):
            p.context = extra[len("context="):]
        else:
            p.value = extra
    i += 1
    while i < len(lines) and lines[i][1] > depth:
        sub, i = _load_param(lines, i)
        p.params.append(sub)
    return p, i


def load_links(text, filename="links.schema"):
    lines = list(_lines(text, filename))
    api = m.LinkModel()
    i = 0
    while i < len(lines):
        number, depth, tok = lines[i]
        if tok[0] == "description":
            api.description = tok[1]
            i += 1
        elif tok[0] == "general-header":
            api.general_headers.append(_load_header(tok))
            i += 1
        elif tok[0] == "link":
            link = m.Link(href=tok[2], rel=tok[3], method=tok[1])
            body, i = _block(lines, i + 1, 0)
            j = 0
            while j < len(body):
                bnum, bdepth, btok = body[j]
                kind = btok[0]
                if kind == "description":
                    link.description = btok[1]
                    j += 1
                elif kind == "header":
                    link.headers.append(_load_header(btok))
                    j += 1
                elif kind == "url":
                    p, j = _load_param(body, j)
                    link.url_params.append(p)
                elif kind == "body":
                    link.body_type = None if btok[1] == "-" else btok[1]
                    j += 1
                elif kind == "set":
                    s = m.ParameterSet()
                    for extra in btok[1:]:
                        if extra == "deprecated":
                            s.deprecated = True
                        else:
                            s.description = extra
                    j += 1
                    while j < len(body) and body[j][1] > 1:
                        p, j = _load_param(body, j)
                        s.params.append(p)
                    link.body_sets.append(s)
                elif kind == "response":
                    link.response_type = btok[1]
                    j += 1
                else:
                    raise SchemaSyntaxError("%s:%d: unknown link item %r" % (filename, bnum, kind))
            api.links.append(link)
        else:
            raise SchemaSyntaxError("%s:%d: unknown declaration %r" % (filename, number, tok[0]))
    return api


# ---------------------------------------------------------------- files

TYPES_FILE = "types.schema"
LINKS_FILE = "links.schema"
VERSION_FILE = "VERSION"


def load_schema(directory):
    from pathlib import Path
    directory = Path(directory)
    return m.Schema(
        version=(directory / VERSION_FILE).read_text().strip(),
        data=load_types((directory / TYPES_FILE).read_text(encoding="utf-8"), TYPES_FILE),
        api=load_links((directory / LINKS_FILE).read_text(encoding="utf-8"), LINKS_FILE),
    )


def dump_schema(schema):
    """{file name: text} for a schema."""
    return {
        VERSION_FILE: schema.version + "\n",
        TYPES_FILE: dump_types(schema.data),
        LINKS_FILE: dump_links(schema.api),
    }
