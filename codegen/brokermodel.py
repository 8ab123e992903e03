"""The broker class model, derived from the link model.

``derive_brokers(schema)`` turns the links of ``schema.api`` (plus the root
elements and collection types of ``schema.data``) into the classes of
``ovirtsdk.infrastructure.brokers``: their names, params base types, parents,
sub-collections and public methods with their exact 3.6 signatures and the URL
template each method targets.  It is a pure function: no I/O, no global state,
and the result depends only on the order of the input lists.

Rules (worked out from the 3.6 broker interface; exceptions are listed in the
tables below, each with its reason):

Tree
  Every href is ``coll/{id}/coll/{id}/...``, optionally followed by one action
  segment.  A *collection* is an href with a GET link and an odd number of
  segments; its *resource* is the collection href plus ``/{x:id}``.  Each
  collection yields two classes: a collection broker (bases ``Base``) and a
  resource broker (bases ``params.<member type>, Base``).

Names
  member type   = type of the repeated element of the collection type (data
                  model) – it is also the response type of the resource GET
                  link; when the data model does not say (Balances declares
                  one element only), the response type of the resource GET.
  resource name = <parent resource class name> + <member type>
  collection    = <resource name> + 's' when the collection type is the
                  member type plus 's' (case-insensitively: Nics → VMNICs,
                  QoSs → DataCenterQoSs), otherwise <parent class name> +
                  <collection type> (Capabilities, SchedulingPolicies,
                  HostKatelloErrata).
  sub-collection attribute = the href segment (``fenceagents``, ``storage``);
  API attribute = the lower-cased collection class name (``operatingsysteminfos``).
  Constructor arguments: (parent_param, entity_param, context) with
  parent_param = lower-cased parent class (``storagedomainvm``) and
  entity_param = lower-cased member type (``disk``).

Methods (in link order; a collection GET link yields ``get`` then ``list``)
  add     (entity, <headers>, <url params>)   entity = root element name of
          the member type without underscores (``vm_numa_node`` →
          vmnumanode; the bricks add takes a GlusterBricks body but ``brick``)
  get     (name=None, [all_content=None], id=None)
  list    ([query=None], <url params>, [all_content=None], **kwargs)
          ``search`` becomes ``query``; ``case_sensitive`` defaults to True
  update  (<url params>, <headers>) – url params are dropped on top-level
          resources (Cluster.update has no async, ClusterAffinityGroup's has)
  delete  ([action=params.Action() | entity], <url params>, <headers>) –
          action when the body is an Action with parameter sets, the entity
          when the body is another type (StorageDomain.delete(storagedomain))
  action  (action=params.Action(), <headers>, <url params>); the method is the
          rel, or ``<rel>_<placeholder>`` when the rel is a Python keyword
          (``import`` → import_vm / import_template / import_image)
  headers: Correlation-Id → correlation_id, Expect → expect, All-Content →
  all_content (get/list only); Content-Type and Filter are not parameters.
  Url params and headers default to None.

Actions on a collection href (``.../bricks/activate``) belong to the resource
owning the collection (ClusterGlusterVolume.activate); when that resource has
an action of the same name of its own (Host.setupnetworks), the collection
action stays on the collection broker (HostNICs.setupnetworks).  Actions on a
top-level collection (``events/undelete``) have no owner and yield no method.
A DELETE on a collection href (``.../glustervolumes/{id}/bricks``) yields no
method either, nor does a second resource GET returning another type than the
member (gluster volume profile details).  A link listed twice (the DELETE of
iSCSI bond storage connections) yields one method holding both links.

Ordering: classes by name; sub-collections by attribute; methods in link
order (collection actions placed among the owner's methods by link order).

Python 3: ``async`` is spelled ``async_`` (the wire name is kept in
``Param.wire``).
"""
import keyword
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from .model import Element, Link, Schema


# ---------------------------------------------------------------- exceptions
#
# Class names the general naming rule does not produce.  Keyed by collection
# href; value: (collection class, resource class).
CLASS_NAME_EXCEPTIONS = {
    # The host NIC broker kept its historical short name (the rule gives
    # HostHostNIC / HostHostNICs); its older children ``labels`` and
    # ``statistics`` follow it (HostNICLabels, HostNICStatistics) ...
    'hosts/{host:id}/nics': ('HostNICs', 'HostNIC'),
    # ... while the children added in 3.6 are named after the full chain
    # of types Host + HostNIC + member.
    'hosts/{host:id}/nics/{nic:id}/networkattachments':
        ('HostHostNICNetworkAttachments', 'HostHostNICNetworkAttachment'),
    'hosts/{host:id}/nics/{nic:id}/virtualfunctionallowedlabels':
        ('HostHostNICLabels', 'HostHostNICLabel'),
    'hosts/{host:id}/nics/{nic:id}/virtualfunctionallowednetworks':
        ('HostHostNICNetworks', 'HostHostNICNetwork'),
    # The collection type is ``HostStorage`` (member ``Storage``); the
    # original pluralises the resource name instead (rule: HostHostStorage).
    'hosts/{host:id}/storage': ('HostStorages', 'HostStorage'),
    # Same collection type ``Nics`` as vms/{vm:id}/nics (VMNICs), but the
    # original keeps the type's spelling here (rule: VMSnapshotNICs).
    'vms/{vm:id}/snapshots/{snapshot:id}/nics': ('VMSnapshotNics', 'VMSnapshotNIC'),
}

# ``get`` signatures that are not (name=None, [all_content=None], id=None).
# Keyed by collection href; entries: (python name, default, wire name, kind).
GET_SIGNATURE_EXCEPTIONS = {
    # Disks are looked up by alias (the disk's name element is deprecated).
    'disks': (('alias', 'None', 'alias', 'name'), ('id', 'None', 'id', 'id')),
    # Versions have no name; get() filters the list client-side by kwargs.
    'capabilities': (('id', 'None', 'id', 'id'), ('**kwargs', None, None, 'kwargs')),
}

# Python names of URL parameters that differ from the wire name plus the
# Python 3 keyword suffix.
URL_PARAM_NAMES = {
    'from': 'from_event_id',   # events list: the event id to start from
}

# Default values (source text) of URL parameters; others default to None.
URL_PARAM_DEFAULTS = {
    'case_sensitive': 'True',
}

# Headers that become method parameters (others, Content-Type and Filter,
# are set by the SDK itself).
HEADER_PARAMS = {
    'Correlation-Id': 'correlation_id',
    'Expect': 'expect',
    'All-Content': 'all_content',
}

ACTION_DEFAULT = 'params.Action()'


# ---------------------------------------------------------------- model

@dataclass
class Param:
    """One parameter of a broker method.

    ``default`` is the source text of the default value, None when the
    parameter is required; ``wire`` is the URL parameter / header name it is
    sent as (None for the entity, ``action``, ``id``, ``**kwargs``).
    ``kind``: 'entity', 'action', 'matrix', 'query', 'header', 'name', 'id'
    or 'kwargs'.
    """
    name: str
    default: Optional[str]
    wire: Optional[str]
    kind: str

    @property
    def required(self) -> bool:
        return self.default is None and self.kind != 'kwargs'

    def signature(self) -> str:
        if self.kind == 'kwargs' or self.default is None:
            return self.name
        return '%s=%s' % (self.name, self.default)


@dataclass
class Method:
    name: str                        # python name: 'start', 'import_vm'
    kind: str                        # 'get' 'list' 'add' 'update' 'delete' 'action'
    url: str                         # absolute template: '/vms/{vm:id}/start'
    http_method: str                 # 'GET', 'POST', 'PUT', 'DELETE'
    rel: str                         # rel of the primary link
    params: List[Param] = field(default_factory=list)
    links: List[Link] = field(default_factory=list)   # primary link first

    @property
    def link(self) -> Link:
        return self.links[0]

    @property
    def body_type(self) -> Optional[str]:
        return self.link.body_type

    @property
    def response_type(self) -> Optional[str]:
        return self.link.response_type

    def signature(self) -> str:
        return '%s(%s)' % (self.name, ', '.join(p.signature() for p in self.params))


@dataclass
class BrokerClass:
    name: str
    is_collection: bool
    params_type: Optional[str]       # params base of a resource broker
    href: str                        # relative href of the collection / resource
    parent: Optional[str] = None     # parent broker class (None: top level)
    parent_param: Optional[str] = None   # ctor argument holding the parent
    entity_param: Optional[str] = None   # ctor argument holding the entity (resources)
    member_type: Optional[str] = None    # type of the entities (both kinds)
    collection_type: Optional[str] = None  # type of the collection document
    counterpart: Optional[str] = None    # resource class of a collection and vice versa
    searchable: bool = False         # collection GET takes ?search=
    collection_tag: Optional[str] = None  # root element of the collection document
    item_tag: Optional[str] = None   # element of one member in the collection document
    member_tag: Optional[str] = None     # root element of a member on its own
    subcollections: List[Tuple[str, str]] = field(default_factory=list)
    methods: List[Method] = field(default_factory=list)

    @property
    def url(self) -> str:
        return '/' + self.href

    @property
    def bases(self) -> List[str]:
        if self.params_type:
            return ['params.' + self.params_type, 'Base']
        return ['Base']

    def method(self, name) -> Optional[Method]:
        for m in self.methods:
            if m.name == name:
                return m
        return None


@dataclass
class BrokerModel:
    classes: List[BrokerClass]                  # sorted by name
    api_collections: List[Tuple[str, str]]      # (API attribute, collection class)
    # Every link of the link model, in order, with the (class, method) pairs
    # derived from it (empty: the link yields no method).
    link_map: List[Tuple[Link, List[Tuple[str, str]]]]

    def __post_init__(self):
        self._by_name = {c.name: c for c in self.classes}

    def get(self, name) -> Optional[BrokerClass]:
        return self._by_name.get(name)

    def __getitem__(self, name) -> BrokerClass:
        return self._by_name[name]

    @property
    def unmapped_links(self) -> List[Link]:
        return [link for link, targets in self.link_map if not targets]


# ---------------------------------------------------------------- helpers

def _segments(href):
    return href.split('/')


def _is_placeholder(segment):
    return segment.startswith('{') and segment.endswith('}')


def _placeholder_name(segment):
    return segment[1:-1].split(':')[0]


def _py_name(name):
    name = URL_PARAM_NAMES.get(name, name)
    if keyword.iskeyword(name):
        name += '_'
    return name


def _repeated_elements(data, type_name):
    """The unbounded elements of a collection type, its own first, then its bases'."""
    types = {t.name: t for t in data.complex_types}
    seen, out = set(), []
    while type_name in types and type_name not in seen:
        seen.add(type_name)
        ct = types[type_name]
        out.extend(p for p in ct.particles if isinstance(p, Element) and p.max is None)
        type_name = ct.base
    return out


def _member_of_collection_type(data, type_name):
    """Type of the repeated element of a collection type (walking bases)."""
    repeated = _repeated_elements(data, type_name)
    return repeated[0].type if repeated else None


def collection_tags(data, coll_type, member):
    """(collection root tag, item tag, member root tag) of a collection of ``member``.

    The one derivation of these names, used by every emitter: the item tag is the
    repeated element of ``member`` type in the collection type (walking bases),
    else the member's root element, else its lower-cased name.
    """
    member_tag = _root_element(data, member) or member.lower()
    item_tag = next((e.name for e in _repeated_elements(data, coll_type) if e.type == member),
                    member_tag)
    return _root_element(data, coll_type) or coll_type.lower(), item_tag, member_tag


def _root_element(data, type_name):
    for element, typ in data.roots:
        if typ == type_name:
            return element
    return None


def _entity_arg(data, type_name):
    element = _root_element(data, type_name) or type_name.lower()
    return element.replace('_', '').lower()


# ---------------------------------------------------------------- derivation

class _Node:
    """A collection href of the tree with its resource."""

    def __init__(self, href):
        self.href = href
        self.parent_href = '/'.join(_segments(href)[:-1]) or None   # resource
        self.resource_href = None
        self.get_link = None
        self.resource_gets = []    # GET links of the resource href
        self.resource_get = None   # the one returning the member type
        self.collection = None     # BrokerClass
        self.resource = None       # BrokerClass


def _url_params(link, include=True):
    out = []
    if not include:
        return out
    for p in link.url_params:
        if p.context == 'query' and p.name == 'search':
            out.append(Param('query', 'None', 'search', 'query'))
        else:
            out.append(Param(_py_name(p.name), URL_PARAM_DEFAULTS.get(p.name, 'None'),
                             p.name, p.context or 'matrix'))
    return out


def _header_params(link, allowed):
    out = []
    for h in link.headers:
        py = HEADER_PARAMS.get(h.name)
        if py and py in allowed:
            out.append(Param(py, 'None', h.name, 'header'))
    return out


def derive_brokers(schema: Schema) -> BrokerModel:
    """The broker classes, their methods and the API's collections, from the links."""
    data, links = schema.data, schema.api.links
    nodes = _collection_nodes(links)
    classes = _broker_classes(data, nodes)
    link_map = _broker_methods(data, links, nodes)
    ordered = sorted(classes.values(), key=lambda c: c.name)
    api_collections = [(n.collection.name.lower(), n.collection.name)
                       for n in sorted(nodes.values(), key=lambda n: n.href)
                       if n.parent_href is None]
    api_collections.sort()
    return BrokerModel(ordered, api_collections, link_map)


def _collection_nodes(links) -> Dict[str, '_Node']:
    """Every collection href (in link order) with its resource href and GET links."""
    nodes: Dict[str, _Node] = {}
    for link in links:
        segs = _segments(link.href)
        if link.method == 'GET' and len(segs) % 2 == 1 and not _is_placeholder(segs[-1]):
            nodes.setdefault(link.href, _Node(link.href)).get_link = link
    for link in links:
        segs = _segments(link.href)
        for i in range(1, len(segs), 2):
            coll = '/'.join(segs[:i])
            if coll in nodes and _is_placeholder(segs[i]) and nodes[coll].resource_href is None:
                nodes[coll].resource_href = '/'.join(segs[:i + 1])
        if link.method == 'GET' and len(segs) % 2 == 0:
            coll = '/'.join(segs[:-1])
            if coll in nodes:
                nodes[coll].resource_gets.append(link)

    return nodes


def _broker_classes(data, nodes) -> Dict[str, BrokerClass]:
    """A collection and a resource class per node, parents first (shorter hrefs first)."""
    classes: Dict[str, BrokerClass] = {}
    for href in sorted(nodes, key=lambda h: (h.count('/'), h)):
        node = nodes[href]
        coll_type = node.get_link.response_type
        # The resource href may carry several GET links (the gluster volume
        # one also returns GlusterVolumeProfileDetails): the member is the
        # collection type's element type when the links agree with it.
        candidates = [l.response_type for l in node.resource_gets]
        member = _member_of_collection_type(data, coll_type)
        if member is None or (candidates and member not in candidates):
            member = candidates[0]
        node.resource_get = next((l for l in node.resource_gets
                                  if l.response_type == member), None)
        parent = nodes[node.parent_href.rsplit('/', 1)[0]].resource if node.parent_href else None
        prefix = parent.name if parent else ''
        resource_name = prefix + member
        if coll_type.lower() == (member + 's').lower():
            collection_name = resource_name + 's'
        else:
            collection_name = prefix + coll_type
        if href in CLASS_NAME_EXCEPTIONS:
            collection_name, resource_name = CLASS_NAME_EXCEPTIONS[href]
        if node.resource_href is None:     # no link below the collection
            node.resource_href = href + '/{%s:id}' % _entity_arg(data, member)
        common = dict(parent=parent.name if parent else None,
                      parent_param=parent.name.lower() if parent else None,
                      member_type=member, collection_type=coll_type)
        collection_tag, item_tag, member_tag = collection_tags(data, coll_type, member)
        node.collection = BrokerClass(
            name=collection_name, is_collection=True, params_type=None, href=href,
            counterpart=resource_name, collection_tag=collection_tag, item_tag=item_tag,
            member_tag=member_tag,
            searchable=any(p.name == 'search' and p.context == 'query'
                           for p in node.get_link.url_params),
            **common)
        node.resource = BrokerClass(
            name=resource_name, is_collection=False, params_type=member,
            href=node.resource_href, entity_param=member.lower(),
            counterpart=collection_name, **common)
        for cls in (node.collection, node.resource):
            if cls.name in classes:
                raise ValueError('broker class %s derived twice (%s)' % (cls.name, href))
            classes[cls.name] = cls
        if parent is not None:
            parent.subcollections.append((_segments(href)[-1], collection_name))

    for cls in classes.values():
        cls.subcollections.sort()

    return classes


def _broker_methods(data, links, nodes):
    """The methods of every class, in link order; returns the link map."""
    link_map = []
    resource_nodes = {n.resource_href: n for n in nodes.values()}
    deferred = []     # collection actions: resolved after the resources' own actions
    for link in links:
        segs = _segments(link.href)
        targets = []
        link_map.append((link, targets))
        node = nodes.get(link.href)
        rnode = resource_nodes.get(link.href)
        if node is not None:                           # collection href
            cls = node.collection
            if link.method == 'GET':
                get = Method('get', 'get', cls.url, 'GET', link.rel,
                             _get_params(node, link),
                             [link] + ([node.resource_get] if node.resource_get else []))
                lst = Method('list', 'list', cls.url, 'GET', link.rel,
                             _url_params(link) + _header_params(link, ('all_content',))
                             + [Param('**kwargs', None, None, 'kwargs')], [link])
                cls.methods += [get, lst]
                targets += [(cls.name, 'get'), (cls.name, 'list')]
            elif link.method == 'POST' and link.rel == 'add':
                # named after the member type: the bricks collection takes a
                # GlusterBricks body, yet its argument is ``brick``
                entity = Param(_entity_arg(data, cls.member_type), None, None, 'entity')
                cls.methods.append(Method(
                    'add', 'add', cls.url, 'POST', link.rel,
                    [entity] + _header_params(link, ('correlation_id', 'expect'))
                    + _url_params(link), [link]))
                targets.append((cls.name, 'add'))
            # other methods on a collection href (DELETE .../bricks) yield nothing
        elif rnode is not None:                        # resource href
            cls = rnode.resource
            if link.method == 'GET':
                # get(id=...) fetches the resource; a second GET of another
                # type on the same href (gluster volume profile details) is
                # not reachable through the brokers
                if link is rnode.resource_get:
                    targets.append((rnode.collection.name, 'get'))
            elif link.method == 'PUT':
                top_level = rnode.parent_href is None
                cls.methods.append(Method(
                    'update', 'update', cls.url, 'PUT', link.rel,
                    _url_params(link, include=not top_level)
                    + _header_params(link, ('correlation_id', 'expect')), [link]))
                targets.append((cls.name, 'update'))
            elif link.method == 'DELETE':
                first = []
                if link.body_type == 'Action':
                    if link.body_sets:
                        first = [Param('action', ACTION_DEFAULT, None, 'action')]
                elif link.body_type:
                    first = [Param(_entity_arg(data, link.body_type), None, None, 'entity')]
                method = Method(
                    'delete', 'delete', cls.url, 'DELETE', link.rel,
                    first + _url_params(link) + _header_params(link, ('correlation_id',)),
                    [link])
                previous = cls.method('delete')
                if previous is None:
                    cls.methods.append(method)
                elif previous.params == method.params:
                    # the same link listed twice (with and without an empty
                    # Action body): one method, both links
                    previous.links.append(link)
                else:
                    raise ValueError('conflicting delete links for %s' % cls.name)
                targets.append((cls.name, 'delete'))
        elif link.method == 'POST' and len(segs) % 2 == 1 and '/'.join(segs[:-1]) in resource_nodes:
            owner = resource_nodes['/'.join(segs[:-1])]
            method = _action(link, segs)
            owner.resource.methods.append(method)
            targets.append((owner.resource.name, method.name))
        elif link.method == 'POST' and '/'.join(segs[:-1]) in nodes:
            deferred.append((link, segs, targets))
        # anything else yields no method

    # collection actions: owner resource, or the collection on a name clash
    position = {id(link): i for i, link in enumerate(links)}
    for link, segs, targets in deferred:
        coll = nodes['/'.join(segs[:-1])]
        method = _action(link, segs)
        if coll.parent_href is None:
            continue                      # top-level collection: no owner
        owner = nodes[coll.parent_href.rsplit('/', 1)[0]].resource
        own = {m.name for m in owner.methods
               if not _is_collection_action(m.link, nodes)}
        target = coll.collection if method.name in own else owner
        _insert_in_link_order(target, method, position)
        targets.append((target.name, method.name))

    return link_map


def _is_collection_action(link, nodes):
    return '/'.join(_segments(link.href)[:-1]) in nodes and link.method == 'POST' \
        and link.rel != 'add'


def _insert_in_link_order(cls, method, position):
    pos = position[id(method.link)]
    at = len(cls.methods)
    for i, m in enumerate(cls.methods):
        if position[id(m.link)] > pos:
            at = i
            break
    cls.methods.insert(at, method)


def _get_params(node, link):
    special = GET_SIGNATURE_EXCEPTIONS.get(node.href)
    if special:
        return [Param(*p) for p in special]
    return ([Param('name', 'None', 'name', 'name')]
            + _header_params(link, ('all_content',))
            + [Param('id', 'None', 'id', 'id')])


def _action(link, segs):
    name = link.rel
    if keyword.iskeyword(name):
        placeholder = segs[-2]
        if _is_placeholder(placeholder):
            name = '%s_%s' % (name, _placeholder_name(placeholder))
        else:
            name += '_'
    params = [Param('action', ACTION_DEFAULT, None, 'action')]
    params += _header_params(link, ('correlation_id',))
    params += _url_params(link)
    return Method(name, 'action', '/' + link.href, link.method, link.rel, params, [link])
