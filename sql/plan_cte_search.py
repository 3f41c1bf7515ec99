"""SEARCH and CYCLE clauses of WITH RECURSIVE, rewritten into the CTE's two terms as PostgreSQL
does: extra columns computed by the non-recursive term and carried forward by the recursive one.

- SEARCH DEPTH FIRST BY c SET ord: ord is the path of c values from the root (an array); ordering
  by it lists each row right after its parent.
- SEARCH BREADTH FIRST BY c SET ord: ord is ROW(depth, c); a hidden depth column carries the level.
- CYCLE c SET mark [TO v DEFAULT d] USING path: path collects the c values, mark turns v when a row
  repeats a value already on its path, and such a row is not expanded further.

The path is an array of the column's own type (PostgreSQL shows an array of records)."""

from __future__ import annotations

from sqlglot import exp

from sql import sqlstate
from sql.errors import SqlError
from sql.expr import identifier_name

DEPTH_COLUMN = "*DEPTH*"  # hidden from the CTE's readers


def _branch_select(node: exp.Expression) -> exp.Select:
    while isinstance(node, exp.Subquery):
        node = node.this
    if not isinstance(node, exp.Select):
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "SEARCH and CYCLE need a simple SELECT in each recursive term")
    return node


def _output_names(select: exp.Select) -> list[str]:
    names = []
    for e in select.expressions:
        if isinstance(e, exp.Alias):
            names.append(identifier_name(e.args["alias"]))
        elif isinstance(e, exp.Column):
            names.append(identifier_name(e.this))
        else:
            names.append("?column?")
    return names


def _value_at(select: exp.Select, pos: int) -> exp.Expression:
    e = select.expressions[pos]
    return (e.this if isinstance(e, exp.Alias) else e).copy()


def _reference(select: exp.Select, cte: str) -> str:
    for t in select.find_all(exp.Table):
        if not t.args.get("db") and isinstance(t.this, exp.Identifier) and identifier_name(t.this) == cte:
            return t.alias_or_name
    raise SqlError(sqlstate.INVALID_RECURSION, f'with a SEARCH or CYCLE clause, the recursive reference to WITH '
                   f'query "{cte}" must be at the top level of its right-hand SELECT')


def _col(table: str, name: str) -> exp.Column:
    return exp.column(exp.to_identifier(name, quoted=True), table=exp.to_identifier(table, quoted=True))


def rewrite_search_cycle(body: exp.Expression, colnames: list[str], cte: str,
                         clause: exp.Expression) -> tuple[exp.Expression, list[str], set[str]]:
    """(rewritten CTE body, its column names, hidden column names)."""
    if not isinstance(body, exp.Union):
        raise SqlError(sqlstate.SYNTAX_ERROR, f'with a SEARCH or CYCLE clause, the left side of the UNION must be '
                       f'a SELECT in WITH query "{cte}"')
    body = body.copy()
    left = _branch_select(body.this)
    right = _branch_select(body.expression)
    names = colnames or _output_names(left)
    names = names + _output_names(left)[len(names):]
    column = identifier_name(clause.this)
    if column not in names:
        raise SqlError(sqlstate.INVALID_COLUMN_REFERENCE,
                       f'search column "{column}" not in WITH query column list')
    pos = names.index(column)
    set_name = identifier_name(clause.expression)
    if set_name in names:
        raise SqlError(sqlstate.SYNTAX_ERROR, f'search sequence column name "{set_name}" already used in WITH '
                       "query column list")
    ref = _reference(right, cte)
    lval, rval = _value_at(left, pos), _value_at(right, pos)
    kind = str(clause.args.get("kind") or "").upper()
    hidden: set[str] = set()
    if kind == "DEPTH":
        left.append("expressions", exp.alias_(exp.Array(expressions=[lval]), set_name, quoted=True))
        right.append("expressions", exp.DPipe(this=_col(ref, set_name), expression=exp.Array(expressions=[rval])))
        new = [set_name]
    elif kind == "BREADTH":
        depth0 = exp.cast(exp.Literal.number(0), "bigint")
        left.append("expressions", exp.alias_(depth0, DEPTH_COLUMN, quoted=True))
        left.append("expressions", exp.alias_(exp.Tuple(expressions=[depth0.copy(), lval]), set_name, quoted=True))
        nxt = exp.Add(this=_col(ref, DEPTH_COLUMN), expression=exp.Literal.number(1))
        right.append("expressions", nxt)
        right.append("expressions", exp.Tuple(expressions=[nxt.copy(), rval]))
        new = [DEPTH_COLUMN, set_name]
        hidden.add(DEPTH_COLUMN)
    elif kind == "CYCLE":
        path = identifier_name(clause.args["using"])
        if path in names or path == set_name:
            raise SqlError(sqlstate.SYNTAX_ERROR, f'cycle path column name "{path}" already used in WITH query '
                           "column list")
        to = clause.args.get("to")
        default = clause.args.get("default")
        mark = to if isinstance(to, exp.Expression) else exp.true()
        unmarked = default if isinstance(default, exp.Expression) else exp.false()
        left.append("expressions", exp.alias_(unmarked.copy(), set_name, quoted=True))
        left.append("expressions", exp.alias_(exp.Array(expressions=[lval]), path, quoted=True))
        seen = exp.EQ(this=rval.copy(), expression=exp.Any(this=_col(ref, path)))
        right.append("expressions", exp.Case(ifs=[exp.If(this=seen, true=mark.copy())], default=unmarked.copy()))
        right.append("expressions", exp.DPipe(this=_col(ref, path), expression=exp.Array(expressions=[rval])))
        not_marked = exp.NEQ(this=_col(ref, set_name), expression=mark.copy())
        where = right.args.get("where")
        right.set("where", exp.Where(this=exp.and_(where.this, not_marked) if where is not None else not_marked))
        new = [set_name, path]
    else:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"{kind} is not supported in WITH RECURSIVE")
    return body, names + new, hidden
