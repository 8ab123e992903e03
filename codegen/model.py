"""In-memory model of the schema (data model + link model).

Every part of the generator works on these objects; ``codegen.schemafile``
reads and writes them as the files under ``schema/``, and ``codegen.importer``
builds them from the XSD and RSDL documents an engine serves.
"""
from dataclasses import dataclass, field
from typing import List, Optional, Union


# ---------------------------------------------------------------- data model

@dataclass
class Element:
    """An element particle: ``<name>`` of ``type`` occurring min..max times.

    ``ref`` is True when the schema declares the particle by reference to the
    global element of the same name (the wire format is the same either way).
    ``items`` (v4 only) makes the element a wrapper of repeated ``<items>`` elements
    of ``type`` (``<dns_servers><dns_server>…``). ``link`` (v4 only) marks a member
    the v4 model declares as a *link* (a reference to entities, not inline data):
    ``''`` for a single reference, the ``<link rel>`` for a list served as a
    sub-collection.
    """
    name: str
    type: str
    min: int = 1
    max: Optional[int] = 1          # None: unbounded
    ref: bool = False
    items: Optional[str] = None     # a list of values: the wrapper's repeated item tag
    link: Optional[str] = None      # v4: a link to other entities; '' or the <link rel>


@dataclass
class Attribute:
    name: str
    type: str
    required: bool = False


@dataclass
class GroupRef:
    """Reference to a named model group, spliced in place."""
    name: str
    min: int = 1


@dataclass
class Choice:
    """Exactly one of ``options``; each option is a list of particles."""
    options: List[List["Particle"]]
    min: int = 1


Particle = Union[Element, GroupRef, Choice]


@dataclass
class ComplexType:
    name: str
    base: Optional[str] = None      # complex base type (complexContent extension)
    text: Optional[str] = None      # simple content type (simpleContent extension)
    particles: List[Particle] = field(default_factory=list)
    attributes: List[Attribute] = field(default_factory=list)


@dataclass
class SimpleType:
    name: str
    base: str
    values: List[str] = field(default_factory=list)


@dataclass
class Group:
    name: str
    particles: List[Particle] = field(default_factory=list)


@dataclass
class DataModel:
    roots: List[tuple] = field(default_factory=list)   # (element name, type name), schema order
    complex_types: List[ComplexType] = field(default_factory=list)
    simple_types: List[SimpleType] = field(default_factory=list)
    groups: List[Group] = field(default_factory=list)


# ---------------------------------------------------------------- link model

@dataclass
class Parameter:
    """A parameter of a link.

    URL parameters have ``context`` 'matrix' or 'query' and usually a
    ``value`` hint; body parameters are dotted paths (``vm.cluster.id|name``)
    and a parameter of type 'collection' carries the parameters of one member
    of the collection in ``params``.
    """
    name: str
    type: str
    required: bool = False
    context: Optional[str] = None
    value: Optional[str] = None
    deprecated: bool = False
    params: List["Parameter"] = field(default_factory=list)


@dataclass
class ParameterSet:
    params: List[Parameter] = field(default_factory=list)
    description: Optional[str] = None
    deprecated: bool = False


@dataclass
class Header:
    name: str
    value: Optional[str] = None
    required: bool = False
    description: Optional[str] = None


@dataclass
class Link:
    href: str                       # relative to the entry point: 'vms/{vm:id}/start'
    rel: str
    method: str
    description: Optional[str] = None
    headers: List[Header] = field(default_factory=list)
    url_params: List[Parameter] = field(default_factory=list)
    body_type: Optional[str] = None
    body_sets: List[ParameterSet] = field(default_factory=list)
    response_type: Optional[str] = None


@dataclass
class LinkModel:
    description: Optional[str] = None
    general_headers: List[Header] = field(default_factory=list)
    links: List[Link] = field(default_factory=list)


@dataclass
class Schema:
    version: str                    # engine version the schema describes, e.g. '3.6.9'
    data: DataModel
    api: LinkModel
