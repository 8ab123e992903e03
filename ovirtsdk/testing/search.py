"""The engine's search language, the part scripts use.

    [Collection:] criteria [sortby field [asc|desc]] [page N]
    criteria := term ((and|or) term)*          ('and' binds tighter; juxtaposition = and)
    term     := field op value | value          (op: = != < > <= >=; value may be "quoted")

Values may hold ``*`` wildcards. A bare value matches the name. Fields are resolved
by the caller (``field_values``), so the same grammar serves every collection.
"""
import datetime
import fnmatch
import re

from ovirtsdk.xml import runtime

_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|(!=|<=|>=|=|<|>)|([^\s=!<>"]+))')
_KEYWORDS = ("and", "or", "sortby", "asc", "desc", "page")

# Orders that are not alphabetical.
SEVERITY = {"normal": 0, "warning": 1, "error": 2, "alert": 3}


class SearchError(ValueError):
    pass


class Term(object):
    __slots__ = ("field", "op", "value")

    def __init__(self, field, op, value):
        self.field, self.op, self.value = field, op, value


class Query(object):
    """``groups``: a disjunction of conjunctions of terms."""

    def __init__(self, groups, sortby=None, descending=False, page=None):
        self.groups = groups
        self.sortby = sortby
        self.descending = descending
        self.page = page

    @property
    def fields(self):
        out = [t.field for g in self.groups for t in g if t.field is not None]
        if self.sortby:
            out.append(self.sortby)
        return out


def _tokens(text):
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise SearchError("unexpected character %r" % text[pos])
        quoted, op, word = m.groups()
        if quoted is not None:
            out.append(("value", quoted.replace('\\"', '"')))
        elif op is not None:
            out.append(("op", op))
        elif word.lower() in _KEYWORDS:
            out.append(("kw", word.lower()))
        else:
            out.append(("value", word))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out


def parse(text):
    """Parse a query; raises ``SearchError`` on a syntax error."""
    text = (text or "").strip()
    m = re.match(r"^\s*[A-Za-z]+\s*:", text)
    if m and not re.match(r"^\s*[A-Za-z_.]+\s*(!=|<=|>=|=|<|>)", text):
        text = text[m.end():]            # "Vms: name=x" (the engine's own prefix)
    toks = _tokens(text)
    groups, current = [], []
    sortby, descending, page = None, False, None
    i = 0
    while i < len(toks):
        kind, value = toks[i]
        if kind == "kw" and value == "and":
            i += 1
            continue
        if kind == "kw" and value == "or":
            if not current:
                raise SearchError("'or' without a condition before it")
            groups.append(current)
            current = []
            i += 1
            continue
        if kind == "kw" and value == "sortby":
            if i + 1 >= len(toks) or toks[i + 1][0] != "value":
                raise SearchError("'sortby' needs a field")
            sortby = toks[i + 1][1]
            i += 2
            if i < len(toks) and toks[i] in (("kw", "asc"), ("kw", "desc")):
                descending = toks[i][1] == "desc"
                i += 1
            continue
        if kind == "kw" and value == "page":
            if i + 1 >= len(toks) or not toks[i + 1][1].isdigit():
                raise SearchError("'page' needs a number")
            page = int(toks[i + 1][1])
            i += 2
            continue
        if kind == "value":
            if i + 2 < len(toks) + 1 and i + 1 < len(toks) and toks[i + 1][0] == "op":
                if i + 2 >= len(toks) or toks[i + 2][0] not in ("value", "kw"):
                    raise SearchError("operator %s needs a value" % toks[i + 1][1])
                current.append(Term(value, toks[i + 1][1], toks[i + 2][1]))
                i += 3
            else:
                current.append(Term(None, "=", value))
                i += 1
            continue
        raise SearchError("unexpected %r" % value)
    if current:
        groups.append(current)
    elif groups:
        raise SearchError("'or' without a condition after it")
    return Query(groups, sortby, descending, page)


# ---------------------------------------------------------------- evaluation

def _as_number(text):
    try:
        return int(text)
    except ValueError:
        return float(text)


def _compare(candidate, op, expected, case_sensitive, field):
    """One candidate value against the query value."""
    if candidate is None:
        return op == "!="
    if isinstance(candidate, bool):
        candidate = "true" if candidate else "false"
    if isinstance(candidate, (int, float)):
        try:
            exp = _as_number(expected)
        except ValueError:
            return False
        return _ops(candidate, op, exp)
    if isinstance(candidate, datetime.datetime):
        try:
            exp = runtime.parse_datetime(expected)
        except ValueError:
            try:
                exp = datetime.datetime.strptime(expected, "%m/%d/%Y")
            except ValueError:
                return False
        if (exp.tzinfo is None) != (candidate.tzinfo is None):
            exp = exp.replace(tzinfo=candidate.tzinfo)
        return _ops(candidate, op, exp)
    cand = str(candidate)
    if field == "severity" and cand.lower() in SEVERITY and expected.lower() in SEVERITY:
        return _ops(SEVERITY[cand.lower()], op, SEVERITY[expected.lower()])
    if not case_sensitive:
        cand, expected = cand.lower(), expected.lower()
    if op in ("=", "!="):
        hit = fnmatch.fnmatchcase(cand, expected) if "*" in expected or "?" in expected \
            else cand == expected
        return hit if op == "=" else not hit
    return _ops(cand, op, expected)


def _ops(a, op, b):
    return {"=": a == b, "!=": a != b, "<": a < b, ">": a > b,
            "<=": a <= b, ">=": a >= b}[op]


def matches(query, item, field_values, case_sensitive=True):
    """True when ``item`` satisfies the query; ``field_values(item, field)`` gives
    the candidate values of a field (a list)."""
    if not query.groups:
        return True
    for group in query.groups:
        ok = True
        for term in group:
            field = term.field or "name"
            values = field_values(item, field) or [None]
            if term.op == "!=":
                hit = all(_compare(v, "!=", term.value, case_sensitive, field) for v in values)
            else:
                hit = any(_compare(v, term.op, term.value, case_sensitive, field)
                          for v in values)
            if not hit:
                ok = False
                break
        if ok:
            return True
    return False


def page_bounds(page, max_results, limit):
    """The slice ``[start, stop)`` of the sorted matches a search answers.

    The engine pages with the request's ``max`` when it is given (page N is items
    (N-1)*max ... N*max-1), else with its configured SearchResultsLimit (``limit``;
    falsy: no limit). ``page`` is the query's ``page N`` (None: the first page).
    """
    page = max(page or 1, 1)
    size = max_results if max_results is not None else (limit or None)
    if size is None:
        return 0, None
    return (page - 1) * size, page * size


def paginate(items, page, max_results, limit):
    """``items`` cut to the page a search answers (see ``page_bounds``)."""
    start, stop = page_bounds(page, max_results, limit)
    return items[start:stop]


def sort_key(value, field=None):
    if value is None:
        return (1, 0, "")
    if isinstance(value, bool):
        return (0, int(value), "")
    if isinstance(value, (int, float)):
        return (0, value, "")
    if isinstance(value, datetime.datetime):
        return (0, value.timestamp(), "")
    text = str(value)
    if field == "severity" and text.lower() in SEVERITY:
        return (0, SEVERITY[text.lower()], "")
    return (0, 0, text)
