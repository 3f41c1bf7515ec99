"""Long ``IN (...)`` lists of plain constants, parsed without the general expression parser.

``x IN (1, 2, ..., 100000)`` would cost the SQL parser a full expression parse per element (and the
literal normaliser one parameter per element). Lists of at least :data:`LONG_LIST` plain numbers
or plain quoted strings are cut out of the text before parsing, replaced by one placeholder name,
and put back afterwards as literal nodes; the compiler then evaluates the list as a hash set.
"""

from __future__ import annotations

import re

from sqlglot import exp

#: Lists shorter than this go through the normal parser.
LONG_LIST = 200

_NUMBER = r"-?\s*\d+(?:\.\d*)?(?:[eE][-+]?\d+)?"
_STRING = r"'[^'\\]*'"
_REPEAT = f"{{{LONG_LIST - 1},}}"
_LONG_IN = re.compile(
    rf"\bIN\s*\(\s*((?:{_NUMBER}\s*,\s*){_REPEAT}{_NUMBER}|(?:{_STRING}\s*,\s*){_REPEAT}{_STRING})\s*\)",
    re.IGNORECASE,
)
_QUOTE_OR_COMMENT = re.compile(r"'|\"|--|/\*|\$[A-Za-z_0-9]*\$")
_PLACEHOLDER = "pgserver_in_list_"


def has_long_in_list(text: str) -> bool:
    return len(text) > 2 * LONG_LIST and _LONG_IN.search(text) is not None


def _inside_quotes_or_comment(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a string, quoted identifier or comment (a cheap left-to-right scan)."""
    i = 0
    while True:
        m = _QUOTE_OR_COMMENT.search(text, i, pos)
        if m is None:
            return False
        tok = m.group()
        if tok in ("'", '"'):
            end = text.find(tok, m.end())
            while end >= 0 and text.startswith(tok * 2, end):
                end = text.find(tok, end + 2)
        elif tok == "--":
            end = text.find("\n", m.end())
        elif tok == "/*":
            end = text.find("*/", m.end())
            end = end + 1 if end >= 0 else end
        else:
            end = text.find(tok, m.end())
            end = end + len(tok) - 1 if end >= 0 else end
        if end < 0 or end >= pos:
            return True
        i = end + 1


def collapse(text: str) -> tuple[str, dict[str, list[exp.Expression]]]:
    """The text with each long constant IN list replaced by a placeholder, and the lists' nodes."""
    lists: dict[str, list[exp.Expression]] = {}
    out: list[str] = []
    last = 0
    for m in _LONG_IN.finditer(text):
        if _inside_quotes_or_comment(text, m.start()):
            continue
        body = m.group(1)
        if body.lstrip().startswith("'"):
            items: list[exp.Expression] = [exp.Literal.string(s[1:-1]) for s in re.findall(_STRING, body)]
        else:
            items = []
            for s in body.split(","):
                s = s.strip().replace(" ", "")
                if s.startswith("-"):
                    items.append(exp.Neg(this=exp.Literal.number(s[1:])))
                else:
                    items.append(exp.Literal.number(s))
        name = f"{_PLACEHOLDER}{len(lists)}"
        lists[name] = items
        out.append(text[last : m.start(1)])
        out.append(name)
        last = m.end(1)
    if not lists:
        return text, lists
    out.append(text[last:])
    return "".join(out), lists


def expand(tree: exp.Expression, lists: dict[str, list[exp.Expression]]) -> None:
    """Put the collapsed lists back into the parsed tree."""
    for node in list(tree.find_all(exp.In)):
        items = node.expressions
        if len(items) == 1 and isinstance(items[0], exp.Column) and items[0].name in lists:
            node.set("expressions", lists[items[0].name])
