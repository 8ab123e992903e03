"""fissix fixer: ``async`` -> ``async_``, as this SDK spells it in Python 3.

- every name ``async`` (keyword arguments ``vm.delete(async=False)``,
  ``params.Action(async=False)``, attributes ``action.async``, parameters
  and variables of the script): ``async`` is reserved since Python 3.7, so
  each of them is a SyntaxError as it stands;
- the key ``'async'`` of a dict literal passed as ``**{...}`` to a call.

Other strings ``'async'`` (``getattr(action, 'async')``) are reported for a
human to look at.
"""
from fissix import fixer_base
from fissix.fixer_util import Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

_STRINGS = ("'async'", '"async"')


def _is_double_star_dict_key(leaf):
    """``'async'`` in ``f(**{'async': x})``."""
    sibling = leaf.next_sibling
    if sibling is None or sibling.type != token.COLON:
        return False
    node = leaf.parent
    if node is not None and node.type == syms.dictsetmaker:
        node = node.parent
    if node is None or node.type != syms.atom or node.children[0].value != "{":
        return False
    argument = node.parent
    return (argument is not None and argument.type == syms.argument
            and argument.children[0].type == token.DOUBLESTAR)


class FixOvirtAsync(fixer_base.BaseFix):
    BM_compatible = False
    PATTERN = "NAME | STRING"

    def match(self, node):
        if node.type == token.NAME:
            return node.value == "async"
        return node.type == token.STRING and node.value in _STRINGS

    def transform(self, node, results):
        if node.type == token.NAME:
            return Name("async_", prefix=node.prefix)
        if _is_double_star_dict_key(node):
            quote = node.value[0]
            return Name("%sasync_%s" % (quote, quote), prefix=node.prefix)
        self.warning(node, "the string %s: if it names the SDK's async parameter or "
                           "attribute, write 'async_'" % node.value)
        return None
