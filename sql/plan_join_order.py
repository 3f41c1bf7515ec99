"""Join order for a FROM list of three or more comma-separated items (``FROM a, b, c WHERE ...``),
as client catalog queries write them (the JDBC driver's DatabaseMetaData.getImportedKeys joins nine
catalog relations that way). The items are taken greedily: first the one with the most WHERE
conditions of its own, then each time an item that a WHERE equality links to those already taken
(so the join can be a hash join), and an item's own simple conditions filter it before it is joined.

Only plain relations, functions without column references and aliased subqueries are reordered, and
never when the select list has an unqualified ``*`` (whose column order follows the FROM list)."""

from __future__ import annotations

from sqlglot import exp

from sql.expr import identifier_name

MIN_ITEMS = 3


def _item_name(node: exp.Expression) -> str | None:
    alias = node.args.get("alias")
    if alias is not None and alias.this is not None:
        return identifier_name(alias.this)
    if isinstance(node, exp.Table) and isinstance(node.this, exp.Identifier):
        return identifier_name(node.this)
    return None


def _plain_item(node: exp.Expression) -> bool:
    if isinstance(node, exp.Subquery):
        return node.args.get("alias") is not None and isinstance(node.this, (exp.Select, exp.SetOperation))
    if not isinstance(node, exp.Table) or node.args.get("joins") or node.args.get("laterals"):
        return False
    if isinstance(node.this, exp.Identifier):
        return True
    # a function in FROM: only when its arguments cannot refer to earlier FROM items
    return isinstance(node.this, exp.Func) and not any(isinstance(n, exp.Column) for n in node.this.walk())


def _quals(node: exp.Expression) -> set[str] | None:
    """The FROM item names a condition refers to; None when unknown (unqualified column, subquery)."""
    out: set[str] = set()
    for n in node.walk():
        if isinstance(n, (exp.Subquery, exp.Select, exp.Exists)):
            return None
        if isinstance(n, exp.Column):
            t = n.args.get("table")
            if t is None or n.args.get("db") is not None:
                return None
            out.add(identifier_name(t))
    return out


def comma_join_order(select: exp.Select, items: list[exp.Expression], joins: list[exp.Join],
                     where: list[exp.Expression]) -> tuple[list[exp.Expression], list[exp.Join], bool]:
    """(items, joins, reordered): the FROM items in the order to join them."""
    if any(j.args.get(k) for j in joins for k in ("on", "using", "side", "kind", "method")):
        return items, joins, False
    every = items + [j.this for j in joins]
    if len(every) < MIN_ITEMS or not where or not all(_plain_item(n) for n in every):
        return items, joins, False
    for e in select.expressions:
        if isinstance(e, exp.Star) or (isinstance(e, exp.Column) and isinstance(e.this, exp.Star)
                                       and e.args.get("table") is None):
            return items, joins, False
    names = [_item_name(n) for n in every]
    if any(n is None for n in names) or len(set(names)) != len(names):
        return items, joins, False
    index = {n: i for i, n in enumerate(names)}
    own = [0] * len(every)
    links: list[tuple[set[int], set[int]]] = []
    for c in where:
        q = _quals(c)
        if not q or not q <= index.keys():
            continue
        if len(q) == 1:
            own[index[next(iter(q))]] += 1
        if isinstance(c, exp.EQ):
            left, right = _quals(c.this), _quals(c.expression)
            if left and right and left <= index.keys() and right <= index.keys():
                links.append(({index[x] for x in left}, {index[x] for x in right}))
    remaining = list(range(len(every)))
    first = max(remaining, key=lambda i: (own[i], -i))
    order = [first]
    remaining.remove(first)
    while remaining:
        taken = set(order)
        linked = [i for i in remaining if any((a <= taken and b == {i}) or (b <= taken and a == {i}) for a, b in links)]
        pool = linked or remaining
        nxt = max(pool, key=lambda i: (own[i], -i))
        order.append(nxt)
        remaining.remove(nxt)
    if order == list(range(len(every))):
        return items, joins, False
    new = [every[i] for i in order]
    return [new[0]], [exp.Join(this=n) for n in new[1:]], True
