"""Emit ``ovirtsdk/infrastructure/brokers.py`` and the API's collection attributes.

Every broker method is a real function with the original signature and a
docstring derived from its links (body type, parameter sets, URL parameters,
headers, return type) in the format ovirt-shell parses; its body is one call
into ``ovirtsdk.infrastructure.common``.
"""
import textwrap

_XS = {"xs:string": "string", "xs:int": "int", "xs:long": "long", "xs:boolean": "boolean",
       "xs:double": "double", "xs:decimal": "decimal", "xs:dateTime": "dateTime",
       "xs:unsignedShort": "int", "xs:unsignedInt": "int", "xs:float": "float",
       "collection": "collection"}


def _type(name):
    return _XS.get(name, name[3:] if name.startswith("xs:") else name)


def _param_lines(param, indent, tag="@param"):
    pad = "  " * indent
    text = "%s %s: %s" % (tag, param.name, _type(param.type))
    lines = ["%s%s" % (pad, text if param.required else "[%s]" % text)]
    if param.params:
        lines.append(pad + "{")
        for sub in param.params:
            lines.extend(_param_lines(sub, indent + 1, "@ivar"))
        lines.append(pad + "}")
    return lines


def _docstring(cls, method):
    link = method.link
    lines = []
    takes_body = any(p.kind in ("entity", "action") for p in method.params)
    if takes_body and link.body_type:
        lines.append("@type %s:" % link.body_type)
        lines.append("")
    sets = [s for s in link.body_sets if s.params] if takes_body else []
    if len(sets) == 1:
        for p in sets[0].params:
            lines.extend(_param_lines(p, 0))
    elif sets:
        for number, s in enumerate(sets, 1):
            lines.append("Overload %d:" % number)
            for p in s.params:
                lines.extend(_param_lines(p, 1))
    url_params = {p.name: p for p in link.url_params}
    headers = {h.name: h for h in link.headers}
    params = list(method.params)
    if method.kind == "get":
        # the original's order: id first, then the key (name), then the rest
        params.sort(key=lambda p: {"id": 0, "name": 1}.get(p.kind, 2))
    key = next((p.name for p in params if p.kind == "name"), None)
    for p in params:
        if p.kind in ("matrix", "query"):
            up = url_params.get(p.wire)
            type_ = _type(up.type) if up else "string"
            hint = " (%s)" % up.value if up is not None and up.value else ""
            if p.name == "query":
                hint = " (search query in the engine's search syntax)"
            text = "@param %s: %s%s" % (p.name, type_, hint)
            lines.append(text if up is not None and up.required else "[%s]" % text)
        elif p.kind == "header":
            h = headers.get(p.wire)
            text = "@param %s: %s" % (p.name, (h.value if h is not None and h.value else "string"))
            lines.append(text if h is not None and h.required else "[%s]" % text)
        elif p.kind == "name":
            lines.append("[@param %s: string (the %s of the entity)]" % (p.name, p.name))
        elif p.kind == "id":
            # aligned with the key's line below it: "[@param id  : ..." over "name:"
            lines.append("[@param %s: string (the id of the entity)]"
                         % "id".ljust(len(key) if key else 2))
        elif p.kind == "kwargs":
            lines.append("[@param **kwargs: dict (property based filtering)]")
    lines.append("")
    if method.kind == "list":
        ret = link.response_type or cls.collection_type
        lines.append("@return %s:" % ret)
    elif method.kind == "get":
        # the original names the collection type here (ovirt-shell shows it as help)
        lines.append("@return %s:" % (cls.collection_type or cls.member_type
                                      or link.response_type))
    elif link.response_type:
        lines.append("@return %s:" % link.response_type)
    elif method.kind == "action":
        lines.append("@return Action:")
    body = "\n".join(("        " + line) if line else "" for line in lines)
    return "        '''\n%s\n        '''" % body.rstrip()


def _class_doc(cls):
    if cls.is_collection:
        text = "Collection broker of %s (%s of %s)." % (cls.url, cls.collection_type,
                                                      cls.member_type)
    else:
        text = "Resource broker of %s: a params.%s with its operations." % (
            cls.url, cls.params_type)
    if cls.subcollections:
        text += "\n\n" + textwrap.fill(
            "Sub-collections: %s." % ", ".join(
                "%s (%s)" % (attr, target) for attr, target in cls.subcollections),
            88, initial_indent="    ", subsequent_indent="    ")
    return '    """%s\n    """' % text


def emit_brokers(model, header):
    out = [header.rstrip("\n"), '''"""The brokers: one class per collection and resource of the oVirt REST API.

Collections (``VMs``, ``VMNICs`` ...) offer ``get``/``list``/``add``;
resources (``VM``, ``VMNIC`` ...) are their params entity (``params.VM``)
plus ``update``/``delete`` and the actions of the resource. Every method
documents the parameters its link takes; the shared behaviour is in
``ovirtsdk.infrastructure.common``.
"""''', "",
           "from ovirtsdk.xml import params",
           "from ovirtsdk.infrastructure import linkmodel as _linkmodel",
           "from ovirtsdk.infrastructure.common import Base, call as _call, "
           "ops_from_model as _ops_from_model",
           ]
    for cls in model.classes:
        out.append("")
        out.append("")
        out.append("class %s(%s):" % (cls.name, ", ".join(cls.bases)))
        out.append(_class_doc(cls))
        if cls.subcollections:
            out.append("    _subcollections_ = {")
            out.extend("        %r: %r," % sc for sc in cls.subcollections)
            out.append("    }")
        out.append("")
        ctor = []
        if cls.parent:
            ctor.append(cls.parent_param)
        if not cls.is_collection:
            ctor.append(cls.entity_param)
        ctor.append("context")
        out.append("    def __init__(self, %s):" % ", ".join(ctor))
        init_args = ["context"]
        if cls.parent:
            init_args.append("parent=%s" % cls.parent_param)
        if not cls.is_collection:
            init_args.append("entity=%s" % cls.entity_param)
        out.append("        Base.__init__(self, %s)" % ", ".join(init_args))
        for method in cls.methods:
            key = "%s.%s" % (cls.name, method.name)
            sig = ", ".join(["self"] + [p.signature() if p.kind != "kwargs" else "**kwargs"
                                       for p in method.params])
            out.append("")
            out.append("    def %s(%s):" % (method.name, sig))
            out.append(_docstring(cls, method))
            call_args = []
            for p in method.params:
                if p.kind == "kwargs":
                    call_args.append("kwargs=kwargs")
                else:
                    call_args.append("%s=%s" % (p.name, p.name))
            line = "        return _call(self, _OPS[%r]%s)" % (
                key, "".join(", " + a for a in call_args))
            if len(line) > 99:
                wrapped = textwrap.wrap(", ".join(call_args), 80)
                out.append("        return _call(self, _OPS[%r]," % key)
                for i, chunk in enumerate(wrapped):
                    out.append("                     %s%s" % (chunk, ")" if i == len(wrapped) - 1 else ""))
            else:
                out.append(line)
    out.append("")
    out.append("")
    out.append("# class.method -> what the method sends and returns (the link model's METHODS)")
    out.append("_OPS = _ops_from_model(_linkmodel)")
    out.append("")
    return "\n".join(out)


def emit_api_collections(model, header):
    out = [header.rstrip("\n"), '''"""The collection attributes of ``ovirtsdk.api.API``, from the top-level links."""


class APICollections(object):
    """One attribute per top-level collection of the engine."""

    __slots__ = ()
''']
    for attr, cls_name in model.api_collections:
        out.append("    @property")
        out.append("    def %s(self):" % attr)
        out.append('        """The %s collection (brokers.%s)."""' % (attr, cls_name))
        out.append("        return self._collection_(%r, %r)" % (attr, cls_name))
        out.append("")
    out.append("    COLLECTIONS = (%s)" % "".join("%r, " % a for a, _ in model.api_collections).rstrip())
    return "\n".join(out).rstrip() + "\n"
