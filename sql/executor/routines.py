"""User-defined functions in LANGUAGE sql: CREATE [OR REPLACE] FUNCTION, DROP FUNCTION, and how a
call is compiled (the body is inlined as a subquery whose outer row holds the arguments, so arguments
are visible by name and as $n, and columns of the body's own FROM take precedence, as in PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlglot
from sqlglot import exp

from sql import sqlstate
from sql import typesys as T
from sql.catalog import Function, fun_key
from sql.dialect import PgDialect
from sql.errors import SqlError
from sql.lexer import Token, tokenize
from sql.result import Result


@dataclass(frozen=True)
class CreateFunctionStmt:
    name: str
    schema: str | None
    replace: bool
    args: tuple[tuple[str, str, str | None], ...]  # (name, type text, default text)
    returns: str | None  # type text
    returns_set: bool
    table_columns: tuple[tuple[str, str], ...]
    language: str
    body: str | None
    volatility: str
    strict: bool
    security_definer: bool = False
    config: tuple[tuple[str, str], ...] = ()
    arg_modes: tuple[tuple[str, str, str], ...] = ()  # (mode i/o/b, name, type text) when OUT params exist
    kind: str = "f"  # f function, p procedure


@dataclass(frozen=True)
class DropFunctionStmt:
    name: str
    schema: str | None
    arg_types: tuple[str, ...] | None
    if_exists: bool
    cascade: bool = False
    word: str = "FUNCTION"


def _type_text(text: str, toks: list[Token], i: int) -> tuple[str, int]:
    """Read a type up to ',' or ')' or a keyword that ends it; returns (text, next index)."""
    depth = 0
    start = toks[i].pos
    end = start
    while i < len(toks):
        t = toks[i]
        if t.kind == "op" and t.value in ",)" and depth == 0:
            break
        if t.kind == "word" and depth == 0 and t.value.upper() in ("DEFAULT", "LANGUAGE", "AS", "IMMUTABLE",
                                                                   "STABLE", "VOLATILE", "STRICT", "RETURNS",
                                                                   "CALLED", "SECURITY", "PARALLEL", "COST",
                                                                   "ROWS", "LEAKPROOF", "NOT", "BEGIN"):
            break
        if t.kind == "op" and t.value in "([":
            depth += 1
        elif t.kind == "op" and t.value in ")]":
            depth -= 1
        end = t.pos + len(t.value) + (2 if t.kind in ("ident", "string") else 0)
        i += 1
    return text[start:end].strip(), i


def parse_function_statement(text: str) -> CreateFunctionStmt | DropFunctionStmt | None:
    toks = tokenize(text)
    words = [t.value.upper() if t.kind == "word" else t.value for t in toks]
    if len(words) < 3:
        return None
    if words[0] == "DROP" and words[1] in ("FUNCTION", "PROCEDURE", "ROUTINE"):
        i = 2
        if_exists = words[i:i + 2] == ["IF", "EXISTS"]
        i += 2 if if_exists else 0
        schema, name, i = _qualified(toks, i)
        arg_types = None
        if i < len(toks) and toks[i].value == "(":
            arg_types_list: list[str] = []
            i += 1
            while i < len(toks) and toks[i].value != ")":
                if toks[i].kind in ("word", "ident") and i + 1 < len(toks) and toks[i + 1].kind in ("word",) and \
                        toks[i].value.upper() not in ("DOUBLE", "CHARACTER", "TIMESTAMP", "TIME", "BIT"):
                    i += 1  # an argument name before the type
                t_text, i = _type_text(text, toks, i)
                if t_text:
                    arg_types_list.append(t_text)
                if i < len(toks) and toks[i].value == ",":
                    i += 1
            arg_types = tuple(arg_types_list)
        return DropFunctionStmt(name, schema, arg_types, if_exists, words[-1] == "CASCADE" or
                                words[-2:] == ["CASCADE", ";"], words[1])
    if words[0] != "CREATE":
        return None
    i = 1
    replace = False
    if words[1:3] == ["OR", "REPLACE"]:
        replace = True
        i = 3
    if i >= len(words) or words[i] not in ("FUNCTION", "PROCEDURE"):
        return None
    kind = "p" if words[i] == "PROCEDURE" else "f"
    i += 1
    schema, name, i = _qualified(toks, i)
    if i >= len(toks) or toks[i].value != "(":
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error in CREATE FUNCTION")
    i += 1
    args: list[tuple[str, str, str | None]] = []
    modes: list[tuple[str, str, str]] = []
    while i < len(toks) and toks[i].value != ")":
        mode = "i"
        if toks[i].kind == "word" and toks[i].value.upper() in ("IN", "OUT", "INOUT", "VARIADIC"):
            if toks[i].value.upper() == "VARIADIC":
                raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "VARIADIC parameters are not supported yet")
            mode = {"IN": "i", "OUT": "o", "INOUT": "b"}[toks[i].value.upper()]
            i += 1
        arg_name = ""
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and not (nxt.kind == "op" and nxt.value in ",)(") and \
                not (nxt.kind == "word" and nxt.value.upper() in ("DEFAULT",)) and \
                toks[i].value.upper() not in ("DOUBLE", "CHARACTER", "TIMESTAMP", "TIME", "BIT", "INTERVAL"):
            arg_name = toks[i].value if toks[i].kind == "ident" else toks[i].value.lower()
            i += 1
        type_text, i = _type_text(text, toks, i)
        default = None
        if i < len(toks) and (toks[i].value.upper() == "DEFAULT" or toks[i].value == "="):
            i += 1
            start = toks[i].pos
            depth = 0
            while i < len(toks) and not (depth == 0 and toks[i].value in (",", ")")):
                depth += toks[i].value in "(" and 1 or (-1 if toks[i].value == ")" else 0)
                i += 1
            default = text[start:toks[i].pos].strip() if i < len(toks) else None
        modes.append((mode, arg_name, type_text))
        if mode != "o":
            args.append((arg_name, type_text, default))
        if i < len(toks) and toks[i].value == ",":
            i += 1
    i += 1
    returns: str | None = None
    returns_set = False
    table_cols: list[tuple[str, str]] = []
    language = "sql"
    body: str | None = None
    volatility = "v"
    strict = False
    definer = False
    while i < len(toks):
        w = toks[i].value.upper() if toks[i].kind == "word" else toks[i].value
        if w == "RETURNS":
            i += 1
            if toks[i].value.upper() == "SETOF":
                returns_set = True
                i += 1
            if toks[i].value.upper() == "TABLE":
                returns_set = True
                i += 2
                while toks[i].value != ")":
                    col = toks[i].value.lower() if toks[i].kind == "word" else toks[i].value
                    t_text, i = _type_text(text, toks, i + 1)
                    table_cols.append((col, t_text))
                    if toks[i].value == ",":
                        i += 1
                i += 1
                continue
            returns, i = _type_text(text, toks, i)
            continue
        if w == "LANGUAGE":
            language = toks[i + 1].value.lower()
            i += 2
            continue
        if w == "AS":
            body = toks[i + 1].value
            i += 2
            continue
        if w in ("IMMUTABLE", "STABLE", "VOLATILE"):
            volatility = w[0].lower()
        elif w == "STRICT":
            strict = True
        elif w == "SECURITY" and i + 1 < len(toks):
            definer = toks[i + 1].value.upper() == "DEFINER"
            i += 1
        elif w == "RETURNS" or w == "CALLED":
            pass
        elif w == "NULL" and i >= 3 and toks[i - 1].value.upper() == "ON" and toks[i - 2].value.upper() == "NULL":
            strict = toks[i - 3].value.upper() == "RETURNS" or strict
        i += 1
    return CreateFunctionStmt(name, schema, replace, tuple(args), returns, returns_set, tuple(table_cols),
                              language, body, volatility, strict, definer,
                              arg_modes=tuple(modes) if any(m != "i" for m, _n, _t in modes) else (), kind=kind)


def _qualified(toks: list[Token], i: int) -> tuple[str | None, str, int]:
    def name_of(t: Token) -> str:
        return t.value if t.kind == "ident" else t.value.lower()

    first = name_of(toks[i])
    i += 1
    if i < len(toks) and toks[i].value == ".":
        return first, name_of(toks[i + 1]), i + 2
    return None, first, i


def _resolve_type(session: Any, text: str) -> int:
    if text.lower() == "trigger":
        return 2279
    if text.lower() == "event_trigger":
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "event trigger functions are not supported yet")
    if text.lower() == "void":
        return T.VOID
    from sql.catalog_views.regtypes import regtype_in

    return regtype_in(session, text)


def create_function(session: Any, u: CreateFunctionStmt) -> Result:
    if u.language not in ("sql", "plpgsql"):
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"functions in LANGUAGE {u.language} are not supported yet")
    if u.body is None:
        raise SqlError(sqlstate.INVALID_FUNCTION_DEFINITION, "no function body specified")
    catalog = session.catalog()
    from sql.executor.ddl_util import target_schema

    schema = target_schema(session, catalog, exp.Table(this=exp.to_identifier(u.name),
                                                        db=exp.to_identifier(u.schema) if u.schema else None))
    arg_types = tuple(_resolve_type(session, t) for _n, t, _d in u.args)
    out_cols = tuple((n, _resolve_type(session, t)) for n, t in u.table_columns)
    all_args: tuple[tuple[str, str, int], ...] = ()
    if u.table_columns:
        ret = T.RECORD if len(out_cols) > 1 else out_cols[0][1]
    elif u.arg_modes:
        all_args = tuple((m, n, _resolve_type(session, t)) for m, n, t in u.arg_modes)
        out_cols = tuple((n or f"column{k}", t) for k, (m, n, t) in enumerate(all_args, 1) if m != "i")
        ret = T.RECORD if len(out_cols) > 1 or u.kind == "p" else out_cols[0][1]
    else:
        ret = _resolve_type(session, u.returns or "void")
        from sql.catalog_views.objects import ROWTYPE_ARRAY_BASE, ROWTYPE_BASE

        rel = catalog.relations.get(ret - ROWTYPE_BASE) if ROWTYPE_BASE <= ret < ROWTYPE_ARRAY_BASE else None
        if rel is not None:  # a table's row type
            out_cols = tuple((c.name, c.type_oid) for c in rel.columns)
    existing = next((f for f in catalog.functions_named(u.name)
                     if f.schema_oid == schema.oid and f.arg_types == arg_types), None)
    if existing is not None and not u.replace:
        sig = ", ".join(T.format_type(t) for t in arg_types)
        raise SqlError(sqlstate.DUPLICATE_FUNCTION,
                       f'function "{u.name}" already exists with same argument types',
                       detail=f"{u.name}({sig})")
    if existing is not None and (existing.return_type != ret or existing.returns_set != u.returns_set):
        raise SqlError(sqlstate.INVALID_FUNCTION_DEFINITION, "cannot change return type of existing function",
                       hint=f"Use DROP FUNCTION {u.name}({', '.join(T.format_type(t) for t in arg_types)}) first.")
    if u.language == "plpgsql":
        from sql.plpgsql.parser import parse_body
        from sql.plpgsql.validate import Shape, validate

        names = tuple(n for n, _t, _d in u.args) + tuple(n for n, _t in out_cols) + \
            tuple(f"${k}" for k in range(1, len(u.args) + 1))
        validate(parse_body(u.body), Shape(names, ret == T.VOID or u.kind == "p", u.returns_set,
                                           any(m != "i" for m, _n, _t in all_args), ret == 2279))
    else:
        if ret == 2279:
            raise SqlError(sqlstate.INVALID_FUNCTION_DEFINITION, "SQL functions cannot return type trigger")
        try:
            statements = [st for st in sqlglot.parse(u.body, read=PgDialect) if st is not None]
        except Exception:
            raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error in function body") from None
        if ret != T.VOID and u.kind != "p" and not _returns_rows(statements[-1] if statements else None):
            err = SqlError(sqlstate.INVALID_FUNCTION_DEFINITION,
                           f"return type mismatch in function declared to return {T.format_type(ret)}",
                           detail="Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.")
            err.context = f'SQL function "{u.name}"'
            raise err
    fn = Function(existing.oid if existing else session.db.allocate_oid(), u.name, schema.oid,
                  existing.owner if existing else session.current_role.oid,
                  tuple(n for n, _t, _d in u.args), arg_types, tuple(d for _n, _t, d in u.args), ret,
                  u.returns_set, out_cols, u.body, u.language, u.volatility, u.strict,
                  existing.acl if existing else _default_acl(session, catalog, schema.oid), u.security_definer,
                  existing.config if existing else (), all_args, u.kind)
    session.txn().put_catalog(fun_key(fn.oid), fn.to_record())
    session.set_local_catalog(catalog.with_function(fn))
    return Result("CREATE PROCEDURE" if u.kind == "p" else "CREATE FUNCTION")


def drop_function(session: Any, u: DropFunctionStmt) -> Result:
    catalog = session.catalog()
    cands = path_functions(session, catalog, u.name, u.schema)
    if u.arg_types is not None:
        want = tuple(_resolve_type(session, t) for t in u.arg_types)
        cands = [f for f in cands if f.arg_types == want]
    if not cands:
        if u.if_exists:
            return Result(f"DROP {u.word}", notices=[SqlError(sqlstate.SUCCESSFUL_COMPLETION,
                                                             f"{u.word.lower()} {u.name}() does not exist, skipping",
                                                             severity="NOTICE")])
        sig = f"{u.name}({', '.join(u.arg_types)})" if u.arg_types is not None else u.name
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {sig} does not exist")
    if len(cands) > 1:
        raise SqlError(sqlstate.AMBIGUOUS_FUNCTION, f'function name "{u.name}" is not unique',
                       hint="Specify the argument list to select the function unambiguously.")
    fn = cands[0]
    from auth.privileges import check_owner

    check_owner(session.role_memberships(), session.is_superuser, fn.owner, "function", fn.name)
    from sql.executor.triggers import dependent_triggers

    notices = dependent_triggers(session, catalog, fn, u.cascade)
    catalog = session.catalog()
    session.txn().put_catalog(fun_key(fn.oid), None)
    session.set_local_catalog(catalog.without_function(fn.oid))
    return Result(f"DROP {u.word}", notices=notices)


def path_functions(session: Any, catalog: Any, name: str, schema: str | None = None) -> list[Function]:
    """Functions called `name` in the schemas of the search path (or in `schema`), nearest schema first."""
    fns = catalog.functions_named(name)
    if not fns or session is None:
        return list(fns)
    if schema is not None:
        s = catalog.schema(schema)
        return [f for f in fns if s is not None and f.schema_oid == s.oid]
    order = {}
    for name_ in session.search_path():
        s = catalog.schema(name_)
        if s is not None and s.oid not in order:
            order[s.oid] = len(order)
    return sorted((f for f in fns if f.schema_oid in order), key=lambda f: order[f.schema_oid])


def resolve_user_function(catalog: Any, name: str, arg_types: list[int], session: Any = None,
                          schema: str | None = None) -> tuple[Function, list[int]] | None:
    """The user function `name` (in `schema`, or on the search path) whose parameters the arguments
    convert to implicitly (exact matches first)."""
    best: tuple[int, Function] | None = None
    tied = False
    for fn in path_functions(session, catalog, name, schema):
        n_required = sum(1 for d in fn.arg_defaults if d is None)
        if not n_required <= len(arg_types) <= len(fn.arg_types):
            continue
        score = 0
        ok = True
        for at, pt in zip(arg_types, fn.arg_types):
            if at == pt:
                score += 2
            elif at == T.UNKNOWN:
                score += 1 if T.category(pt) == "S" else 0  # unknown literals prefer string parameters
            elif T.implicit_castable(at, pt):
                pass
            else:
                ok = False
                break
        if ok and best is not None and score == best[0] and fn.schema_oid == best[1].schema_oid:
            tied = True
        if ok and (best is None or score > best[0]):
            best = (score, fn)
            tied = False
    if best is None:
        return None
    if tied:
        shown = ", ".join(T.type_name(t) for t in arg_types)
        raise SqlError(sqlstate.AMBIGUOUS_FUNCTION, f"function {name}({shown}) is not unique",
                       hint="Could not choose a best candidate function. You might need to add explicit type casts.")
    fn = best[1]
    return fn, list(fn.arg_types)


def body_query(fn: Function) -> exp.Expression:
    """The function body's last statement, with $n replaced by the argument column names."""
    trees = [t for t in sqlglot.parse(fn.body, read=PgDialect) if t is not None]
    if not trees:
        raise SqlError(sqlstate.INVALID_FUNCTION_DEFINITION, "function body is empty")
    tree = trees[-1]
    for p in list(tree.find_all(exp.Parameter)):
        n = int(p.this.this if isinstance(p.this, exp.Literal) else p.this.name)
        p.replace(exp.column(exp.to_identifier(f"${n}", quoted=True)))
    return tree


def _default_acl(session: Any, catalog: Any, schema_oid: int) -> dict[int, str]:
    """A new function's ACL from ALTER DEFAULT PRIVILEGES (empty: PUBLIC may execute it)."""
    from sql.executor.owned import default_acl

    return default_acl(session, catalog, schema_oid, session.current_role.oid, "f")


def _returns_rows(statement: Any) -> bool:
    """Whether an SQL function body's final statement gives rows: a query, or DML with RETURNING."""
    from sqlglot import exp

    if isinstance(statement, (exp.Select, exp.Union, exp.Intersect, exp.Except, exp.Values, exp.Subquery)):
        return True
    if isinstance(statement, (exp.Insert, exp.Update, exp.Delete, exp.Merge)):
        return statement.args.get("returning") is not None
    return statement is not None and not isinstance(statement, (exp.Insert, exp.Update, exp.Delete, exp.Merge,
                                                                 exp.Command, exp.Create, exp.Drop))
