"""The v3 dialect's documents: what the fake engine writes (rendering).

Members, collections, the API entry point, actions and faults as the 3.6 engine
renders them (params objects through ``ovirtsdk.xml.runtime``).  Every function
takes the engine (its state and model) first; the dialect keeps no state of its own.
"""
from lxml import etree

from ovirtsdk.xml import params as P
from ovirtsdk.xml import runtime

from ... import behaviour
from ...httpserver import Reply
from ...model import PREFIX
from ...operations import _copy, _norm


# The XML declaration the engine writes before every document (clients match it).
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# The application server's (JBoss Web) error report, for what never reaches the API.
_ERROR_PAGE = ("<html><head><title>JBoss Web/7.5.7.Final-redhat-1 - Error report</title>"
               "<style><!--H1 {font-family:Tahoma,Arial,sans-serif;color:white;"
               "background-color:#525D76;font-size:22px;}--></style> </head><body>"
               "<h1>JBWEB000065: HTTP Status %(status)d - %(message)s</h1>"
               "<HR size=\"1\" noshade=\"noshade\"><p><b>type</b> Status report</p>"
               "<p><b>message</b> <u>%(message)s</u></p>"
               "<p><b>description</b> <u>%(description)s</u></p>"
               "<HR size=\"1\" noshade=\"noshade\"><h3>JBoss Web/7.5.7.Final-redhat-1</h3>"
               "</body></html>")

_DESCRIPTIONS = {
    401: "This request requires HTTP authentication.",
    404: "The requested resource is not available.",
    405: "The specified HTTP method is not allowed for the requested resource.",
}


def error_page(status, message=""):
    """The application server's HTML error page for ``status``."""
    from xml.sax.saxutils import escape
    return (_ERROR_PAGE % {"status": status, "message": escape(message or ""),
                           "description": _DESCRIPTIONS.get(status, "")}).encode("utf-8")


def fault_reply(engine, fault):
    if fault.html:
        return Reply(fault.status, error_page(fault.status, fault.detail),
                     [("Content-Type", "text/html;charset=utf-8")] + fault.headers)
    root = etree.Element("fault")
    etree.SubElement(root, "reason").text = fault.reason
    if fault.detail is not None:
        etree.SubElement(root, "detail").text = fault.detail
    return Reply(fault.status, _doc(root), [("Content-Type", "application/xml")]
                 + fault.headers)


def xml_reply(status, element, headers=()):
    return Reply(status, _doc(element), [("Content-Type", "application/xml")]
                 + list(headers))


def entry_point(engine, req):
    """``GET /ovirt-engine/api`` (``?schema``: the 3.6 model's XSD)."""
    from .. import schema_reply, wants_schema
    if wants_schema(req.param):
        from .apischema import XSD
        return schema_reply(XSD)
    return xml_reply(200, render_api(engine))


def resource(engine, target, details=(), extra=None):
    """A member at its own URL (GET, and the answer to PUT); ``extra(member)`` the
    members added to it (All-Content)."""
    return xml_reply(200, render_member(engine, target.member, target.path, target.cinfo,
                                        extra(target.member) if extra else None,
                                        details=details))


def collection(engine, target, members, details=(), extra=None):
    """A list of members (GET on a collection)."""
    root = etree.Element(target.cinfo.tag)
    for m in members:
        root.append(render_member(engine, m, target.path + "/" + m.entity.id, target.cinfo,
                                  extra(m) if extra else None, details=details))
    return xml_reply(200, root)


def created(engine, target, status, member, overlay=None):
    """The answer to an add (201/202, or 201 for an attach), with its Location."""
    path = target.path + "/" + member.entity.id
    return xml_reply(status, render_member(engine, member, path, target.cinfo, overlay),
                     [("Location", path)])


def action(status, response):
    """The answer to an action: the action document with its status."""
    return xml_reply(status, runtime.to_element(response, "action"))


def empty():
    """The answer to a delete."""
    return Reply(200, b"", [])


def render_member(engine, member, path, cinfo, overlay=None, details=()):
    obj = member_obj(engine, member, path, cinfo, overlay)
    if details:
        _inline(engine, obj, member.entity, path, cinfo, details)
    return runtime.to_element(obj, cinfo.item_tag)


def _inline(engine, obj, entity, path, cinfo, details):
    """``Accept: application/xml; detail=nics+disks``: sub-collections inline."""
    res = engine.model.resources.get(cinfo.resource_href)
    if res is None:
        return
    fields = {_norm(f.xml): f for f in runtime.info(type(obj)).elements
              if f.cls is not None and not f.many}
    for seg in details:
        sub, f = res.subcollections.get(seg), fields.get(_norm(seg))
        if sub is None or f is None:
            continue
        sinfo = engine.model.collections[sub]
        inner = next((i for i in runtime.info(f.cls).elements if i.many and i.cls), None)
        if inner is None:
            continue
        coll = engine.children(entity, seg, sinfo)
        wrapper = f.cls()
        setattr(wrapper, inner.name, [
            member_obj(engine, m, path + "/" + seg + "/" + m.entity.id, sinfo) for m in coll])
        setattr(obj, f.name, wrapper)


def member_obj(engine, member, path, cinfo, overlay=None):
    """The params object rendered for a member: id, href, actions, links, overlay."""
    ent = member.entity
    obj = ent.obj
    values = dict(member.overlay)
    if overlay:
        values.update(overlay)
    fields = runtime.info(type(obj)).by_name
    if "id" in fields:
        values["id"] = ent.id
        values["href"] = path
    res = engine.model.resources.get(cinfo.resource_href)
    if res is not None and "link" in fields:
        if res.actions:
            values["actions"] = P.Actions(link=[
                P.Link(href=path + "/" + h.rsplit("/", 1)[1], rel=rel)
                for rel, h in res.actions])
        values["link"] = [P.Link(href=path + "/" + seg, rel=seg)
                          for seg in sorted(res.subcollections)]
    return _copy(obj, values)


def render_api(engine):
    links = []
    for href in engine.model.top_level:
        info = engine.model.collections[href]
        links.append(P.Link(href=PREFIX + "/" + href, rel=href))
        if info.searchable:
            links.append(P.Link(href=PREFIX + "/" + href + "?search={query}",
                                rel=href + "/search"))
    blank = engine.find("templates", id_=behaviour.ZERO_ID)
    root_tag = engine.find("tags", id_=behaviour.ZERO_ID)
    special = [P.Link(href=e.href, rel=rel) for rel, e in
               (("templates/blank", blank), ("tags/root", root_tag)) if e is not None]
    counts = behaviour.summary(engine)
    major, minor, build = (int(x) for x in engine.model.version.split(".")[:3])
    api = P.API(
        link=links,
        special_objects=P.SpecialObjects(link=special),
        product_info=P.ProductInfo(
            name="oVirt Engine", vendor="ovirt.org",
            version=P.Version(major=major, minor=minor, build_=build, revision=0),
            full_version="%s.2-1.el7.centos" % engine.model.version),
        summary=P.ApiSummary(
            vms=P.VMs(total=counts["vms"][0], active=counts["vms"][1]),
            hosts=P.Hosts(total=counts["hosts"][0], active=counts["hosts"][1]),
            users=P.Users(total=counts["users"][0], active=counts["users"][1]),
            storage_domains=P.StorageDomains(total=counts["storage_domains"][0],
                                             active=counts["storage_domains"][1])),
        time=engine.now())
    return runtime.to_element(api, "api")


def _doc(element):
    return XML_DECLARATION + etree.tostring(element, pretty_print=True, encoding="UTF-8")


def details(req):
    """The ``detail=`` parameters of the Accept header (``detail=nics+disks``)."""
    out = []
    for part in (req.header("Accept") or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip() == "detail":
            out.extend(v for v in value.replace(" ", "+").split("+") if v)
    return out

