"""Read the documents an engine serves (``?schema`` and ``?rsdl``) into the model.

Only what describes the wire format is kept: JAXB binding annotations and XML
comments are dropped, since nothing the SDK generates depends on them.
"""
from ovirtsdk.xml import parser

from . import model as m

XS = "{http://www.w3.org/2001/XMLSchema}"


def _parse(path):
    """The root element of ``path``, read with the SDK's one hardened parser."""
    return parser.parse(str(path)).getroot()


def _occurs(node, default_max=1):
    lo = int(node.get("minOccurs", "1"))
    hi = node.get("maxOccurs")
    if hi is None:
        hi = default_max
    elif hi == "unbounded":
        hi = None
    else:
        hi = int(hi)
    return lo, hi


def _tag(node):
    return node.tag[len(XS):] if node.tag.startswith(XS) else None


def _particles(container, roots):
    """Particles of a sequence/choice/group body, in document order."""
    out = []
    for child in container:
        tag = _tag(child)
        if tag in (None, "annotation"):
            continue
        if tag == "element":
            lo, hi = _occurs(child)
            if child.get("ref"):
                name = child.get("ref")
                out.append(m.Element(name, roots[name], lo, hi, ref=True))
            else:
                out.append(m.Element(child.get("name"), child.get("type"), lo, hi))
        elif tag == "group":
            lo, _ = _occurs(child)
            out.append(m.GroupRef(child.get("ref"), lo))
        elif tag == "choice":
            lo, _ = _occurs(child)
            options = []
            for opt in child:
                if _tag(opt) in (None, "annotation"):
                    continue
                if _tag(opt) == "sequence":
                    options.append(_particles(opt, roots))
                else:
                    options.append(_particles([opt], roots))
            out.append(m.Choice(options, lo))
        elif tag == "sequence":
            lo, hi = _occurs(child)
            if (lo, hi) != (1, 1):
                raise ValueError("nested sequence with occurrence bounds is not supported")
            out.extend(_particles(child, roots))
        else:
            raise ValueError("unsupported particle <xs:%s>" % tag)
    return out


def _attributes(node):
    return [m.Attribute(a.get("name"), a.get("type"), a.get("use") == "required")
            for a in node if _tag(a) == "attribute"]


def _complex_type(node, roots):
    ct = m.ComplexType(node.get("name"))
    body = node
    for child in node:
        tag = _tag(child)
        if tag in ("complexContent", "simpleContent"):
            ext = [c for c in child if _tag(c) == "extension"]
            if len(ext) != 1:
                raise ValueError("%s: only xs:extension is supported" % ct.name)
            body = ext[0]
            if tag == "complexContent":
                ct.base = body.get("base")
            else:
                ct.text = body.get("base")
    for child in body:
        tag = _tag(child)
        if tag == "sequence":
            ct.particles.extend(_particles(child, roots))
        elif tag in ("choice", "group"):
            ct.particles.extend(_particles([child], roots))
    ct.attributes = _attributes(body)
    return ct


def import_xsd(path):
    root = _parse(path)
    data = m.DataModel()
    roots = {}
    for node in root:
        if _tag(node) == "element":
            data.roots.append((node.get("name"), node.get("type")))
            roots[node.get("name")] = node.get("type")
    for node in root:
        tag = _tag(node)
        if tag == "complexType":
            data.complex_types.append(_complex_type(node, roots))
        elif tag == "simpleType":
            restriction = [c for c in node if _tag(c) == "restriction"][0]
            data.simple_types.append(m.SimpleType(
                node.get("name"), restriction.get("base"),
                [e.get("value") for e in restriction if _tag(e) == "enumeration"]))
        elif tag == "group":
            body = [c for c in node if _tag(c) in ("sequence", "choice")]
            particles = []
            for b in body:
                particles.extend(_particles(b, roots) if _tag(b) == "sequence"
                                 else _particles([b], roots))
            data.groups.append(m.Group(node.get("name"), particles))
    return data


# ---------------------------------------------------------------- RSDL

def _text(node, tag):
    child = node.find(tag)
    if child is None or child.text is None:
        return None
    return child.text


def _flag(node, tag):
    return (_text(node, tag) or "").strip().lower() == "true"


def _parameter(node):
    return m.Parameter(
        name=_text(node, "name"),
        type=node.get("type"),
        required=node.get("required") == "true",
        context=node.get("context"),
        value=_text(node, "value"),
        deprecated=_flag(node, "deprecated"),
        params=[_parameter(p) for ps in node.findall("parameters_set")
                for p in ps.findall("parameter")],
    )


def _headers(node, prose):
    if node is None:
        return []
    return [m.Header(_text(h, "name"), _text(h, "value"), h.get("required") == "true",
                     prose(h))
            for h in node.findall("header")]


def import_rsdl(path, descriptions=False):
    """Read an RSDL document.

    The engine's free-text descriptions are dropped unless ``descriptions`` is
    true: everything the SDK generates is derived from the structure alone.
    """
    root = _parse(path)

    def prose(node):
        return _text(node, "description") if descriptions else None

    api = m.LinkModel(description=prose(root))
    general = root.find("general")
    if general is not None and general.find("request") is not None:
        api.general_headers = _headers(general.find("request/headers"), prose)
    for node in root.find("links").findall("link"):
        request = node.find("request")
        link = m.Link(href=node.get("href"), rel=node.get("rel"),
                      method=_text(request, "http_method"),
                      description=prose(node))
        link.headers = _headers(request.find("headers"), prose)
        url = request.find("url")
        if url is not None:
            link.url_params = [_parameter(p) for ps in url.findall("parameters_set")
                               for p in ps.findall("parameter")]
        body = request.find("body")
        if body is not None:
            link.body_type = _text(body, "type")
            for ps in body.findall("parameters_set"):
                link.body_sets.append(m.ParameterSet(
                    [_parameter(p) for p in ps.findall("parameter")],
                    prose(ps), _flag(ps, "deprecated")))
        response = node.find("response")
        if response is not None:
            link.response_type = _text(response, "type")
        api.links.append(link)
    return api


def import_schema(xsd_path, rsdl_path, version, descriptions=False):
    return m.Schema(version=version, data=import_xsd(xsd_path),
                    api=import_rsdl(rsdl_path, descriptions))
