"""EXPLAIN [ANALYZE] [VERBOSE] / EXPLAIN (option, ...) statement: the executor plan as PostgreSQL
names its nodes, in TEXT, JSON or YAML.

The plan shown is the one the statement really runs (the executor nodes the planner built),
described node by node with PostgreSQL's node names (Seq Scan, Index Scan, Hash Join, Nested Loop,
Aggregate, Sort, Limit, ModifyTable ...). There is no cost model, so costs are not shown (as with
``COSTS OFF``); filters and conditions are not printed back as text (nodes that only filter or
project rows are not shown). ANALYZE runs the statement (its effects
stay, as in PostgreSQL) and reports the rows and the time of the whole plan.
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass, field
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.lexer import tokenize

_BOOL_OPTIONS = ("analyze", "verbose", "costs", "settings", "buffers", "wal", "timing", "summary")
_FORMATS = ("text", "json", "yaml", "xml")


@dataclass
class PlanNode:
    name: str  # "Node Type"
    props: dict[str, Any] = field(default_factory=dict)
    children: list[PlanNode] = field(default_factory=list)
    relationship: str = ""  # "Parent Relationship": Outer / Inner / InitPlan ...


# ---------------------------------------------------------------------------------------- parsing
@dataclass(frozen=True)
class ExplainStmt:
    options: tuple[tuple[str, Any], ...]
    body: str

    def execute_utility(self, session: Any) -> Any:
        return explain(session, self)

    def execute_with_params(self, session: Any, params: list[Any]) -> Any:
        return explain(session, self, params)

    def parameter_types(self, session: Any, declared: list[int]) -> list[int]:
        """The parameter types of the explained statement (Parse of ``EXPLAIN ... $1``)."""
        return list(session.prepare_internal(self.body, declared).param_types)

    def result_columns(self) -> list[Any]:
        from sql.result import ColumnInfo

        return [ColumnInfo("QUERY PLAN", T.JSON if _settings(self)["format"] == "json" else T.TEXT)]


def _syntax(text: str, pos: int | None) -> SqlError:
    if pos is None:
        return SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input", position=len(text) + 1)
    return SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{text[pos:].split()[0]}"', position=pos + 1)


def parse_explain(text: str) -> ExplainStmt:
    toks = tokenize(text)
    i = 1
    options: list[tuple[str, Any]] = []
    if i < len(toks) and toks[i].kind == "op" and toks[i].value == "(":
        i += 1
        while True:
            if i >= len(toks) or toks[i].kind not in ("word", "ident"):
                raise _syntax(text, toks[i].pos if i < len(toks) else None)
            name = toks[i].value.lower()
            i += 1
            value: Any = True
            if i < len(toks) and not (toks[i].kind == "op" and toks[i].value in (",", ")")):
                value = toks[i].value.lower() if toks[i].kind in ("word", "ident") else toks[i].value
                i += 1
            options.append((name, value))
            if i < len(toks) and toks[i].kind == "op" and toks[i].value == ",":
                i += 1
                continue
            if i < len(toks) and toks[i].kind == "op" and toks[i].value == ")":
                i += 1
                break
            raise _syntax(text, toks[i].pos if i < len(toks) else None)
    else:
        while i < len(toks) and toks[i].kind == "word" and toks[i].value.upper() in ("ANALYZE", "ANALYSE", "VERBOSE"):
            options.append(("analyze" if toks[i].value.upper() != "VERBOSE" else "verbose", True))
            i += 1
    if i >= len(toks):
        raise _syntax(text, None)
    return ExplainStmt(tuple(options), text[toks[i].pos:].strip().rstrip(";"))


def _settings(stmt: ExplainStmt) -> dict[str, Any]:
    out: dict[str, Any] = {"analyze": False, "verbose": False, "timing": None, "summary": None, "format": "text"}
    for name, value in stmt.options:
        if name == "analyse":
            name = "analyze"
        if name == "format":
            if value not in _FORMATS:
                raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'unrecognized value for EXPLAIN option "format": '
                                                                 f'"{value}"')
            out["format"] = value
        elif name in _BOOL_OPTIONS:
            flag = _boolean(name, value)
            out[name] = flag
        else:
            raise SqlError(sqlstate.SYNTAX_ERROR, f'unrecognized EXPLAIN option "{name}"')
    if out["timing"] and not out["analyze"]:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "EXPLAIN option TIMING requires ANALYZE")
    if out["format"] == "xml":
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "EXPLAIN (FORMAT XML) is not supported")
    return out


def _boolean(name: str, value: Any) -> bool:
    if value is True or value in ("true", "on", "1", "yes"):
        return True
    if value in ("false", "off", "0", "no"):
        return False
    raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'{name} requires a Boolean value')


# --------------------------------------------------------------------------------------- describing
def _table_props(table: Any) -> dict[str, Any]:
    return {"Relation Name": table.name, "Alias": table.name}


def _index_name(access: Any) -> str:
    table = access.table
    if access.kind.startswith("pk"):
        return next((ix.name for ix in table.indexes if ix.primary), f"{table.name}_pkey")
    layout = access.index
    oid = getattr(layout, "index_id", None)
    return next((ix.name for ix in table.indexes if ix.oid == oid), getattr(layout, "name", "?"))


def _access(access: Any) -> PlanNode:
    if access.kind == "seq":
        return PlanNode("Seq Scan", _table_props(access.table))
    props = {"Scan Direction": "Forward", "Index Name": _index_name(access)}
    props.update(_table_props(access.table))
    return PlanNode("Index Scan", props)


def _children(node: Any) -> list[Any]:
    """The executor nodes directly below ``node`` (fields holding something with ``rows``)."""
    out: list[Any] = []
    if not dataclasses.is_dataclass(node):
        return out
    for f in dataclasses.fields(node):
        value = getattr(node, f.name, None)
        if f.name == "table" or isinstance(value, str | int | float | bool) or value is None:
            continue
        items = value if isinstance(value, tuple | list) else (value,)
        for item in items:
            if hasattr(item, "rows") or type(item).__name__ == "TableAccess":
                out.append(item)
    return out


_NAMES = {
    "OneRow": "Result", "ValuesScan": "Values Scan", "NestedLoopJoin": "Nested Loop", "Sort": "Sort",
    "Limit": "Limit", "Distinct": "Unique", "DistinctOn": "Unique", "SubqueryScan": "Subquery Scan",
    "SharedSubqueryScan": "Subquery Scan",
    "CteScan": "CTE Scan", "WorkTableScan": "WorkTable Scan", "RecursiveUnion": "Recursive Union",
    "LockRows": "LockRows", "Window": "WindowAgg", "WindowAgg": "WindowAgg", "FunctionScan": "Function Scan",
    "SrfScan": "Function Scan", "InheritScan": "Append", "EachTable": "Append", "Append": "Append",
    "SetOp": "SetOp", "Materialize": "Materialize",
}
_TRANSPARENT = ("Filter", "Project", "KeepColumns", "RunFirst", "StableFilter", "StableKeyLookup", "Returning",
                "KeyedScan")
_MODIFY = {"Insert": "Insert", "Update": "Update", "Delete": "Delete", "Merge": "Merge"}


def describe(node: Any) -> PlanNode:
    """The PostgreSQL-style description of the executor node ``node`` and everything below it."""
    kind = type(node).__name__
    if kind == "PlannedQuery":
        return describe(node.root)
    if kind == "TableAccess":
        return _access(node)
    if kind in ("_Scan", "_ScanWithTableoid"):  # a catalog relation
        return PlanNode("Seq Scan", _table_props(node.table))
    children = _children(node)
    if kind in _TRANSPARENT and len(children) == 1:
        return describe(children[0])
    if kind in _MODIFY:
        table = getattr(node, "table", None) or getattr(getattr(node, "access", None), "table", None)
        props = {"Operation": _MODIFY[kind]}
        if table is not None:
            props.update(_table_props(table))
        below = [describe(c) for c in children] or [PlanNode("Result")]
        return PlanNode("ModifyTable", props, below)
    if kind == "HashJoin":
        left, right = describe(children[0]), describe(children[1])
        props = {"Join Type": _join_type(node.kind)}
        return PlanNode("Hash Join", props, [left, PlanNode("Hash", {}, [right])])
    if kind == "NestedLoopJoin":
        return PlanNode("Nested Loop", {"Join Type": _join_type(node.kind)}, [describe(c) for c in children])
    if kind == "Aggregate":
        grouped = bool(getattr(node, "group_exprs", ()))
        strategy = "Hashed" if grouped else "Plain"
        return PlanNode("Aggregate", {"Strategy": strategy}, [describe(c) for c in children])
    return PlanNode(_NAMES.get(kind, kind), {}, [describe(c) for c in children])


def _join_type(kind: str) -> str:
    return {"inner": "Inner", "left": "Left", "right": "Right", "full": "Full", "cross": "Inner",
            "semi": "Semi", "anti": "Anti"}.get(kind, kind.title())


def _set_relationships(node: PlanNode) -> None:
    for i, child in enumerate(node.children):
        if not child.relationship:
            child.relationship = "Outer" if i == 0 else "Inner"
        _set_relationships(child)


# --------------------------------------------------------------------------------------- rendering
def _text_title(node: PlanNode) -> str:
    p = node.props
    if node.name == "ModifyTable":
        return f"{p['Operation']} on {p.get('Relation Name', '?')}"
    if node.name == "Seq Scan":
        return f"Seq Scan on {p['Relation Name']}"
    if node.name == "Index Scan":
        return f"Index Scan using {p['Index Name']} on {p['Relation Name']}"
    if node.name == "Hash Join" or node.name == "Nested Loop":
        jt = p.get("Join Type", "Inner")
        if jt == "Inner":
            return node.name
        return f"Hash {jt} Join" if node.name == "Hash Join" else f"Nested Loop {jt} Join"
    if node.name == "Aggregate":
        return "HashAggregate" if p.get("Strategy") == "Hashed" else "Aggregate"
    return node.name


def _text_lines(node: PlanNode, column: int, arrow: bool, out: list[str], analyzed: dict[str, Any] | None) -> None:
    title = _text_title(node)
    if analyzed is not None:
        title += (f" (actual time={analyzed['startup']:.3f}..{analyzed['total']:.3f} rows={analyzed['rows']} "
                  f"loops=1)")
    out.append(" " * (column - 4) + "->  " + title if arrow else " " * column + title)
    for child in node.children:
        _text_lines(child, column + 6, True, out, None)


def _json_node(node: PlanNode, analyzed: dict[str, Any] | None) -> dict[str, Any]:
    d: dict[str, Any] = {"Node Type": node.name}
    if node.relationship:
        d["Parent Relationship"] = node.relationship
    d["Parallel Aware"] = False
    d["Async Capable"] = False
    d.update(node.props)
    if analyzed is not None:
        d["Actual Startup Time"] = round(analyzed["startup"], 3)
        d["Actual Total Time"] = round(analyzed["total"], 3)
        d["Actual Rows"] = analyzed["rows"]
        d["Actual Loops"] = 1
    if node.children:
        d["Plans"] = [_json_node(c, None) for c in node.children]
    return d


def _yaml(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, dict | list):
                lines.append(f"{pad}{k}: ")
                lines.extend(_yaml(v, indent + 2))
            else:
                lines.append(f"{pad}{k}: {_yaml_scalar(v)}")
    else:
        for item in value:
            sub = _yaml(item, indent + 2)
            sub[0] = pad + "- " + sub[0].lstrip()
            lines.extend(sub)
    return lines


def _yaml_scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return str(v)
    return json.dumps(v)


# ----------------------------------------------------------------------------------------- running
def explain(session: Any, stmt: ExplainStmt, params: list[Any] | None = None) -> Any:
    from sql.result import ColumnInfo, Result

    opts = _settings(stmt)
    started = time.perf_counter()
    prepared = session.prepare_internal(stmt.body, [])
    planned = time.perf_counter()
    if prepared.kind == "utility" or prepared.plan is None:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "EXPLAIN of this statement is not supported")
    session._check_privileges(prepared)  # EXPLAIN needs the privileges the statement needs
    tree = describe(prepared.plan)
    _set_relationships(tree)
    analyzed = None
    run_ms = 0.0
    if opts["analyze"]:
        t0 = time.perf_counter()
        result = session._run(prepared, list(params or ()), ())
        rows = 0
        for _ in result.rows or ():
            rows += 1
        run_ms = (time.perf_counter() - t0) * 1000
        analyzed = {"startup": 0.0, "total": run_ms, "rows": rows}
    plan_ms = (planned - started) * 1000
    summary = opts["summary"] if opts["summary"] is not None else opts["analyze"]
    fmt = opts["format"]
    if fmt == "text":
        lines: list[str] = []
        _text_lines(tree, 0, False, lines, analyzed)
        if summary:
            lines.append(f"Planning Time: {plan_ms:.3f} ms")
        if opts["analyze"] and summary:
            lines.append(f"Execution Time: {run_ms:.3f} ms")
        out_rows = [(line,) for line in lines]
        column = ColumnInfo("QUERY PLAN", T.TEXT)
    else:
        doc: dict[str, Any] = {"Plan": _json_node(tree, analyzed)}
        if summary:
            doc["Planning Time"] = round(plan_ms, 3)
        if opts["analyze"]:
            doc["Triggers"] = []
            if summary:
                doc["Execution Time"] = round(run_ms, 3)
        if fmt == "json":
            out_rows = [(json.dumps([doc], indent=2),)]
            column = ColumnInfo("QUERY PLAN", T.JSON)
        else:
            out_rows = [("\n".join(_yaml([doc], 0)),)]
            column = ColumnInfo("QUERY PLAN", T.TEXT)
    return Result("EXPLAIN", [column], iter(out_rows))
