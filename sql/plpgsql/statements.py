"""Utility statements around functions: ALTER FUNCTION (SET/RESET, OWNER TO, RENAME TO, SECURITY,
volatility, STRICT), GRANT/REVOKE EXECUTE ON FUNCTION, DO blocks, and (parsed here, run by
:mod:`sql.executor.triggers`) the trigger statements."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sql import sqlstate
from sql.catalog import Function, fun_key
from sql.errors import SqlError
from sql.lexer import tokenize
from sql.result import Result


def parse_routine_utility(text: str, words: list[str]) -> Any:
    w0 = words[0] if words else ""
    w1 = words[1] if len(words) > 1 else ""
    if w0 == "DO":
        return _parse_do(text)
    if w0 == "CALL":
        return _parse_call(text)
    if w0 == "CREATE" and (w1 in ("TRIGGER", "CONSTRAINT") or
                           (w1 == "OR" and [w for w in _words(text, 5)[3:4]] == ["TRIGGER"])):
        from sql.executor.triggers import parse_trigger_statement

        return parse_trigger_statement(text, words)
    if w0 == "DROP" and w1 == "TRIGGER":
        from sql.executor.triggers import parse_trigger_statement

        return parse_trigger_statement(text, words)
    if w0 == "ALTER" and w1 == "TABLE" and "TRIGGER" in text.upper():
        from sql.executor.triggers import parse_trigger_statement

        return parse_trigger_statement(text, words)
    if w0 == "ALTER" and w1 == "TRIGGER":
        from sql.executor.triggers import parse_rename_trigger

        return parse_rename_trigger(text)
    if w0 == "ALTER" and w1 in ("FUNCTION", "ROUTINE", "PROCEDURE"):
        return _parse_alter(text)
    if w0 in ("GRANT", "REVOKE"):
        up = " ".join(text.upper().split())
        if " ON FUNCTION " in up or " ON ROUTINE " in up or " ON ALL FUNCTIONS " in up or " ON PROCEDURE " in up:
            return _parse_grant(text)
    return None


def _words(text: str, n: int) -> list[str]:
    return [t.value.upper() if t.kind == "word" else t.value for t in tokenize(text, stop_after=n)]


def _signature_end(toks: list[Any], i: int) -> int:
    """Index just past a function name with an optional (argument list)."""
    i += 1
    if i < len(toks) and toks[i].value == ".":
        i += 2
    if i < len(toks) and toks[i].value == "(":
        depth = 0
        while i < len(toks):
            if toks[i].value == "(":
                depth += 1
            elif toks[i].value == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
    return i


def find_function(session: Any, sig: str) -> Function:
    from sql import typesys as T
    from sql.executor.routines import _resolve_type, parse_function_statement, path_functions

    d = parse_function_statement("DROP FUNCTION " + sig)
    assert d is not None
    cands = path_functions(session, session.catalog(), d.name, d.schema)  # type: ignore[union-attr]
    if d.arg_types is not None:  # type: ignore[union-attr]
        want = tuple(_resolve_type(session, t) for t in d.arg_types)  # type: ignore[union-attr]
        cands = [f for f in cands if f.arg_types == want]
        shown = f"{d.name}({', '.join(T.format_type(t) for t in want)})"  # type: ignore[union-attr]
    else:
        shown = d.name  # type: ignore[union-attr]
    if not cands:
        raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"function {shown} does not exist")
    if len(cands) > 1:
        raise SqlError(sqlstate.AMBIGUOUS_FUNCTION, f'function name "{d.name}" is not unique',  # type: ignore
                       hint="Specify the argument list to select the function unambiguously.")
    return cands[0]


def _save(session: Any, fn: Function) -> None:
    session.txn().put_catalog(fun_key(fn.oid), fn.to_record())
    session.set_local_catalog(session.catalog().with_function(fn))


# ALTER FUNCTION ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AlterFunctionStmt:
    signature: str
    actions: tuple[tuple[str, Any], ...]
    word: str = "FUNCTION"

    def execute_utility(self, session: Any) -> Result:
        session.check_writable("ALTER FUNCTION")
        fn = find_function(session, self.signature)
        from auth.privileges import check_owner

        check_owner(session.role_memberships(), session.is_superuser, fn.owner, "function", fn.name)
        for action, arg in self.actions:
            if action == "set":
                name, value = arg
                config = tuple(c for c in fn.config if c[0] != name) + ((name, value),)
                fn = replace(fn, config=config)
            elif action == "reset":
                fn = replace(fn, config=() if arg == "all" else tuple(c for c in fn.config if c[0] != arg))
            elif action == "owner":
                role = session.instance.cluster().roles.get(arg)
                if role is None:
                    raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{arg}" does not exist')
                from auth.privileges import new_owner_acl

                fn = replace(fn, owner=role.oid, acl=new_owner_acl(fn.acl, fn.owner, role.oid, "X"))
            elif action == "rename":
                if any(f.arg_types == fn.arg_types and f.schema_oid == fn.schema_oid
                       for f in session.catalog().functions_named(arg)):
                    raise SqlError(sqlstate.DUPLICATE_FUNCTION,
                                   f'function {arg} already exists in schema "'
                                   f'{session.catalog().schemas[fn.schema_oid].name}"')
                fn = replace(fn, name=arg)
            elif action == "security":
                fn = replace(fn, security_definer=arg)
            elif action == "volatility":
                fn = replace(fn, volatility=arg)
            elif action == "strict":
                fn = replace(fn, strict=arg)
        if any(a == "rename" for a, _ in self.actions):
            session.set_local_catalog(session.catalog().without_function(fn.oid))
        _save(session, fn)
        return Result(f"ALTER {self.word}")


def _parse_alter(text: str) -> AlterFunctionStmt:
    toks = tokenize(text)
    end = _signature_end(toks, 2)
    sig = text[toks[2].pos:toks[end].pos if end < len(toks) else len(text)].strip()
    actions: list[tuple[str, Any]] = []
    i = end
    up = [t.value.upper() if t.kind == "word" else t.value for t in toks]

    def name_at(k: int) -> str:
        t = toks[k]
        return t.value if t.kind == "ident" else t.value.lower()

    while i < len(toks):
        w = up[i]
        if w == ";":
            i += 1
        elif w == "SET":
            name = name_at(i + 1)
            i += 2
            while i < len(toks) and up[i] == ".":
                name += "." + name_at(i + 1)
                i += 2
            if up[i] not in ("=", "TO"):
                raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{toks[i].value}"')
            i += 1
            if up[i] == "FROM":
                raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "SET ... FROM CURRENT is not supported yet")
            parts = []
            while i < len(toks) and up[i] != ";":
                if up[i] != ",":
                    parts.append(toks[i].value)
                i += 1
            actions.append(("set", (name.lower(), ", ".join(parts))))
        elif w == "RESET":
            actions.append(("reset", "all" if up[i + 1] == "ALL" else name_at(i + 1).lower()))
            i += 2
        elif w == "OWNER":
            actions.append(("owner", name_at(i + 2)))
            i += 3
        elif w == "RENAME":
            actions.append(("rename", name_at(i + 2)))
            i += 3
        elif w == "SECURITY" or (w == "EXTERNAL" and up[i + 1] == "SECURITY"):
            i += 1 if w == "SECURITY" else 2
            actions.append(("security", up[i] == "DEFINER"))
            i += 1
        elif w in ("IMMUTABLE", "STABLE", "VOLATILE"):
            actions.append(("volatility", w[0].lower()))
            i += 1
        elif w == "STRICT":
            actions.append(("strict", True))
            i += 1
        elif w == "CALLED":
            actions.append(("strict", False))
            i += 4
        elif w == "RETURNS":
            actions.append(("strict", True))
            i += 4
        elif w in ("LEAKPROOF", "NOT", "PARALLEL", "COST", "ROWS", "SAFE", "UNSAFE", "RESTRICTED"):
            i += 1
            if w in ("COST", "ROWS", "PARALLEL"):
                i += 1
        elif w == "RESTRICT":
            i += 1
        else:
            raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{toks[i].value}"')
    return AlterFunctionStmt(sig, tuple(actions), up[1] if up[1] != "ROUTINE" else "ROUTINE")


# GRANT / REVOKE EXECUTE ------------------------------------------------------------------------------
@dataclass(frozen=True)
class GrantFunctionStmt:
    grant: bool
    signatures: tuple[str, ...]
    all_in_schemas: tuple[str, ...]
    grantees: tuple[str, ...]

    def execute_utility(self, session: Any) -> Result:
        from auth.privileges import check_owner, grant, revoke

        session.check_writable("GRANT" if self.grant else "REVOKE")
        fns = [find_function(session, s) for s in self.signatures]
        for schema in self.all_in_schemas:
            s = session.catalog().schema(schema)
            if s is None:
                raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{schema}" does not exist')
            fns += [f for f in session.catalog().functions.values() if f.schema_oid == s.oid]
        roles = session.instance.cluster().roles
        grantees = []
        for g in self.grantees:
            if g == "public":
                grantees.append(0)
                continue
            if g in ("current_user", "current_role", "session_user"):
                grantees.append(session.current_role.oid if g != "session_user" else session.session_role.oid)
                continue
            r = roles.get(g)
            if r is None:
                raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{g}" does not exist')
            grantees.append(r.oid)
        for fn in fns:
            check_owner(session.role_memberships(), session.is_superuser, fn.owner, "function", fn.name)
            acl = fn.acl or {fn.owner: "X", 0: "X"}
            acl = grant(acl, grantees, "X") if self.grant else revoke(acl, grantees, "X")
            _save(session, replace(fn, acl=acl or {fn.owner: ""}))
        return Result("GRANT" if self.grant else "REVOKE")


def _parse_grant(text: str) -> GrantFunctionStmt:
    toks = tokenize(text)
    up = [t.value.upper() if t.kind == "word" else t.value for t in toks]
    is_grant = up[0] == "GRANT"
    i = 1
    if not is_grant and up[1:4] == ["GRANT", "OPTION", "FOR"]:
        i = 4
    if up[i] == "ALL":
        i += 1
        if i < len(up) and up[i] == "PRIVILEGES":
            i += 1
    elif up[i] == "EXECUTE":
        i += 1
    else:
        raise SqlError(sqlstate.INVALID_GRANT_OPERATION if hasattr(sqlstate, "INVALID_GRANT_OPERATION") else
                       sqlstate.SYNTAX_ERROR, f"invalid privilege type {toks[i].value.upper()} for function")
    if up[i] != "ON":
        raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{toks[i].value}"')
    i += 1
    sigs: list[str] = []
    schemas: list[str] = []
    if up[i] == "ALL":
        i += 4  # ALL FUNCTIONS IN SCHEMA
        while True:
            schemas.append(toks[i].value if toks[i].kind == "ident" else toks[i].value.lower())
            i += 1
            if up[i] != ",":
                break
            i += 1
    else:
        i += 1  # FUNCTION / ROUTINE / PROCEDURE
        while True:
            end = _signature_end(toks, i)
            sigs.append(text[toks[i].pos:toks[end].pos if end < len(toks) else len(text)].strip())
            i = end
            if up[i] != ",":
                break
            i += 1
    if up[i] not in ("TO", "FROM"):
        raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{toks[i].value}"')
    i += 1
    grantees = []
    while i < len(toks) and up[i] not in (";", "WITH", "GRANTED", "CASCADE", "RESTRICT"):
        if up[i] != "," and up[i] != "GROUP":
            grantees.append(toks[i].value if toks[i].kind == "ident" else toks[i].value.lower())
        i += 1
    return GrantFunctionStmt(is_grant, tuple(sigs), tuple(schemas), tuple(grantees))


# DO --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DoStmt:
    body: str
    language: str

    def execute_utility(self, session: Any) -> Result:
        from datetime import UTC, datetime

        from sql.plpgsql.call import call_function

        if self.language != "plpgsql":
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"DO blocks in LANGUAGE {self.language} are not supported")
        fn = Function(0, "inline_code_block", 0, session.current_role.oid, (), (), (), 2278, False, (), self.body,
                      "plpgsql")
        call_function(session, fn, [], datetime.now(UTC))
        pending = session.__dict__.get("pending_notices")
        notices = list(pending) if pending else []
        if pending:
            pending.clear()
        return Result("DO", notices=notices)


def _parse_do(text: str) -> DoStmt:
    toks = tokenize(text)
    body = None
    language = "plpgsql"
    i = 1
    while i < len(toks):
        t = toks[i]
        if t.kind == "word" and t.value.upper() == "LANGUAGE":
            language = toks[i + 1].value.lower()
            i += 2
            continue
        if t.kind == "string":
            body = t.value
        i += 1
    if body is None:
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error at end of input")
    from sql.plpgsql.parser import parse_body
    from sql.plpgsql.validate import Shape, validate

    validate(parse_body(body), Shape((), True, False, False, False))
    return DoStmt(body, language)


# CALL ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CallStmt:
    call: str  # the text after CALL

    def execute_utility(self, session: Any) -> Result:
        from datetime import UTC, datetime

        import sqlglot
        from sqlglot import exp

        from sql import typesys as T
        from sql.dialect import PgDialect, parse_expression
        from sql.dml_planner import DmlPlanner
        from sql.executor.routines import resolve_user_function
        from sql.expr import CompileEnv, Ctx, ExprCompiler, function_parts
        from sql.plpgsql.call import call_function, check_execute
        from sql.result import ColumnInfo
        from sql.scope import Scope

        try:
            node = sqlglot.parse_one("SELECT " + self.call, read=PgDialect).expressions[0]
        except Exception:  # noqa: BLE001
            raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error in CALL") from None
        if not isinstance(node, exp.Func):
            raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error in CALL")
        name, arg_nodes = function_parts(node)
        catalog = session.catalog()
        env = CompileEnv(session, catalog, [])
        DmlPlanner(env)
        comp = ExprCompiler(env, Scope())
        args = [comp.compile(a) for a in arg_nodes]
        types = [a.type if a.param is None else T.UNKNOWN for a in args]
        hit = resolve_user_function(catalog, name, types, session)
        if hit is None:
            shown = ", ".join(T.format_type(t) for t in types)
            raise SqlError(sqlstate.UNDEFINED_FUNCTION, f"procedure {name}({shown}) does not exist",
                           hint="No procedure matches the given name and argument types. You might need to add "
                                "explicit type casts.")
        fn, param_types = hit
        check_execute(session, fn, call=True)
        args = [comp.coerce(a, t) for a, t in zip(args, param_types)]
        for d, t in zip(fn.arg_defaults[len(args):], fn.arg_types[len(args):]):
            args.append(comp.coerce(ExprCompiler(env, Scope()).compile(parse_expression(d)), t))
        now = datetime.now(UTC)
        ctx = Ctx([], session.txn(), session, now)
        result = call_function(session, fn, [a.fn((), ctx) for a in args], now)
        pending = session.__dict__.get("pending_notices")
        notices = list(pending) if pending else []
        if pending:
            pending.clear()
        if fn.out_columns:
            row = result if isinstance(result, tuple) else (result,)
            return Result("CALL", [ColumnInfo(n, t) for n, t in fn.out_columns], iter([row]), notices=notices)
        return Result("CALL", notices=notices)


def _parse_call(text: str) -> CallStmt:
    toks = tokenize(text)
    rest = text[toks[1].pos:].strip() if len(toks) > 1 else ""
    return CallStmt(rest.rstrip(";").strip())
