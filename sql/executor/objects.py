"""DDL for views, enum types, sequences, comments, CREATE TABLE AS / SELECT INTO and
CREATE TABLE (LIKE ...)."""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from auth.privileges import check_owner
from sql import sqlstate
from sql import typesys as T
from sql.catalog import Catalog, Column, EnumType, Sequence, Table, View, dsc_key, replace_table, typ_key
from sql.ddl_parser import AlterTypeStmt, CommentStmt, SequenceStmt
from sql.errors import SqlError
from sql.executor import ddl_util as U
from sql.executor.ddl_util import done, notice
from sql.executor.owned import default_acl
from sql.expr import identifier_name
from sql.result import Result

SEQ_TYPES = {T.INT2: (-(2**15), 2**15 - 1), T.INT4: (-(2**31), 2**31 - 1), T.INT8: (-(2**63), 2**63 - 1)}


def _temp(ast: exp.Create) -> bool:
    props = ast.args.get("properties")
    return props is not None and any(isinstance(p, exp.TemporaryProperty) for p in props.expressions)


# views -------------------------------------------------------------------------------------------------
def plan_columns(session: Any, catalog: Catalog, query: exp.Expression) -> tuple[list[Any], list[Any]]:
    """(output columns, relations read) of a query planned in the current session."""
    planner = U.planner(session, catalog)
    q = planner.plan_query(query)
    rels = []
    for rel, *_ in planner.env.privileges:
        if not getattr(rel, "virtual", False) and rel not in rels:
            rels.append(rel)
    return q.columns, rels


def create_view(session: Any, ast: exp.Create) -> Result:
    notices: list[SqlError] = []
    target = ast.this
    names: list[str] = []
    if isinstance(target, exp.Schema):
        names = [identifier_name(i) for i in target.expressions]
        target = target.this
    catalog = session.catalog()
    query = ast.expression
    cols, rels = plan_columns(session, catalog, query)
    if len(names) > len(cols):
        raise SqlError(sqlstate.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns")
    temporary = _temp(ast) or any(getattr(r, "persistence", "p") == "t" for r in rels)
    schema = U.target_schema(session, catalog, target, temporary)
    catalog = session.catalog()
    name = U.truncate_name(identifier_name(target.this), notices)
    columns = []
    for i, c in enumerate(cols):
        cname = names[i] if i < len(names) else c.name
        if any(x.name == cname for x in columns):
            raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{cname}" specified more than once')
        t = T.TEXT if c.type == T.UNKNOWN else c.type
        columns.append(Column(cname, t, c.typmod, attnum=i + 1))
    existing = catalog.lookup(schema.oid, name)
    oid = None
    acl: dict[int, str] = {}
    owner = session.current_role.oid
    if existing is not None or catalog.name_taken(schema.oid, name):
        if not ast.args.get("replace") or not isinstance(existing, View):
            if ast.args.get("replace") and existing is not None:
                raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{name}" is not a view')
            raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{name}" already exists')
        U.require_owner(session, existing)
        if len(columns) < len(existing.columns):
            raise SqlError(sqlstate.INVALID_TABLE_DEFINITION, "cannot drop columns from view")
        for old, new in zip(existing.columns, columns):
            if old.name != new.name:
                raise SqlError(sqlstate.INVALID_TABLE_DEFINITION,
                               f'cannot change name of view column "{old.name}" to "{new.name}"',
                               hint="Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.")
            if old.type_oid != new.type_oid or old.typmod != new.typmod:
                raise SqlError(sqlstate.INVALID_TABLE_DEFINITION,
                               f'cannot change data type of view column "{old.name}" from '
                               f"{T.format_type(old.type_oid, old.typmod)} to "
                               f"{T.format_type(new.type_oid, new.typmod)}")
        oid, acl, owner = existing.oid, existing.acl, existing.owner
    text = query.sql("postgres")
    star = any(isinstance(n, exp.Star) for n in query.walk())
    used = {identifier_name(c.this) for c in query.find_all(exp.Column) if not isinstance(c.this, exp.Star)}
    col_deps = tuple((r.oid, c.attnum) for r in rels if isinstance(r, (Table, View)) for c in r.columns
                     if star or c.name in used)
    if oid is None:
        acl = default_acl(session, catalog, schema.oid, owner, "r")
    view = View(oid or session.db.allocate_oid(), name, schema.oid, owner, tuple(columns), text, acl,
                persistence="t" if temporary else "p", depends=tuple(r.oid for r in rels), column_deps=col_deps,
                check_option=ast.meta.get("check_option", ""))
    if temporary and not _temp(ast) and not schema.name.startswith("pg_temp"):
        notices.append(notice(f'view "{name}" will be a temporary view'))
    U.write_relation(session, catalog, view)
    return done("CREATE VIEW", notices)


# enum types ----------------------------------------------------------------------------------------------
def _find_type(session: Any, catalog: Catalog, schema: str | None, name: str) -> EnumType | None:
    if schema is not None:
        s = catalog.schema(schema)
        if s is None:
            raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{schema}" does not exist')
        return catalog.type_by_name(s.oid, name)
    for sname in session.search_path():
        s = catalog.schema(sname)
        if s is not None:
            t = catalog.type_by_name(s.oid, name)
            if t is not None:
                return t
    return None


def create_type(session: Any, ast: exp.Create) -> Result:
    dt = ast.expression
    if isinstance(dt, exp.Schema):
        from sql.executor.usertypes import create_composite

        return create_composite(session, ast)
    if not isinstance(dt, exp.DataType) or dt.this != exp.DataType.Type.ENUM:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "only CREATE TYPE ... AS ENUM is supported")
    catalog = session.catalog()
    schema = U.target_schema(session, catalog, ast.this)
    name = identifier_name(ast.this.this)
    if catalog.type_by_name(schema.oid, name) is not None or _builtin_type(name):
        raise SqlError(sqlstate.DUPLICATE_OBJECT, f'type "{name}" already exists')
    labels: list[str] = []
    for e in dt.expressions:
        label = e.this if isinstance(e, exp.Literal) else e.name
        if len(label.encode()) > 63:
            raise SqlError(sqlstate.INVALID_NAME, f'invalid enum label "{label}"',
                           detail="Labels must be 63 bytes or less.")
        if label in labels:
            raise SqlError(sqlstate.DUPLICATE_OBJECT, f'enum label "{label}" used more than once')
        labels.append(label)
    db = session.db
    oid = db.allocate_oid()
    t = EnumType(oid, name, schema.oid, session.current_role.oid,
                 tuple((lab, float(i + 1), db.allocate_oid()) for i, lab in enumerate(labels)), db.allocate_oid())
    _write_type(session, catalog, t)
    return done("CREATE TYPE")


def _builtin_type(name: str) -> bool:
    try:
        from sql.datatypes import registry

        registry.type_by_name(name)
        return True
    except Exception:
        return False


def _write_type(session: Any, catalog: Catalog, t: EnumType) -> Catalog:
    from sql.catalog import encode_type

    session.txn().put_catalog(typ_key(t.oid), encode_type(t))
    new = catalog.with_type(t)
    session.set_local_catalog(new)
    return new


def _write_composite(session: Any, catalog: Catalog, t: EnumType) -> None:
    """A changed composite type, and fresh copies of the tables using it (their row codecs follow the type)."""
    from dataclasses import replace

    new = _write_type(session, catalog, t)
    for rel in list(new.relations.values()):
        if any(c.type_oid in (t.oid, t.array_oid) for c in getattr(rel, "columns", ())):
            new = new.with_relation(replace(rel))
    session.set_local_catalog(new)


def _type_users(catalog: Catalog, t: EnumType) -> list[str]:
    out = []
    for rel in sorted(catalog.relations.values(), key=lambda r: r.oid):
        for c in getattr(rel, "columns", ()):
            if c.type_oid in (t.oid, t.array_oid) or getattr(c, "domain", 0) == t.oid:
                out.append(f"column {c.name} of {U.KIND_WORDS.get(rel.kind, 'table')} {rel.name} depends on type "
                           f"{t.name}")
    return out


def drop_type(session: Any, ast: exp.Drop) -> Result:
    notices: list[SqlError] = []
    catalog = session.catalog()
    for tnode in ast.args.get("tables") or []:
        name = identifier_name(tnode.this)
        schema = identifier_name(tnode.args["db"]) if tnode.args.get("db") else None
        if schema is not None and catalog.schema(schema) is None and ast.args.get("exists"):
            notices.append(notice(f'schema "{schema}" does not exist, skipping'))
            continue
        t = _find_type(session, catalog, schema, name)
        if t is None:
            if ast.args.get("exists"):
                notices.append(notice(f'type "{name}" does not exist, skipping'))
                continue
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'type "{name}" does not exist')
        check_owner(session.role_memberships(), session.is_superuser, t.owner, "type", name)
        users = _type_users(catalog, t)
        if users:
            if not ast.args.get("cascade"):
                raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                               f"cannot drop type {name} because other objects depend on it",
                               detail="\n".join(users), hint="Use DROP ... CASCADE to drop the dependent objects too.")
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "DROP TYPE ... CASCADE of used types is not supported yet")
        session.txn().put_catalog(typ_key(t.oid), None)
        catalog = catalog.without_type(t.oid)
        session.set_local_catalog(catalog)
    return done("DROP TYPE", notices)


def alter_type(session: Any, u: AlterTypeStmt) -> Result:
    catalog = session.catalog()
    t = _find_type(session, catalog, u.schema, u.name)
    if u.action.endswith("_attribute"):
        from sql.executor.composite_alter import alter_attribute

        if t is not None:
            check_owner(session.role_memberships(), session.is_superuser, t.owner, "type", t.name)
        return alter_attribute(session, t, u, lambda new: _write_composite(session, catalog, new))
    if t is None:
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'type "{u.name}" does not exist')
    check_owner(session.role_memberships(), session.is_superuser, t.owner, "type", t.name)
    labels = list(t.labels)
    names = [lab[0] for lab in labels]
    if u.action == "add_value":
        if u.value in names:
            if u.if_not_exists:
                return done("ALTER TYPE", [notice(f'enum label "{u.value}" already exists, skipping',
                                                  sqlstate.DUPLICATE_OBJECT)])
            raise SqlError(sqlstate.DUPLICATE_OBJECT, f'enum label "{u.value}" already exists')
        ref = u.before or u.after
        if ref is not None and ref not in names:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'"{ref}" is not an existing enum label')
        ordered = sorted(labels, key=lambda x: x[1])
        if ref is None:
            order = (ordered[-1][1] + 1) if ordered else 1.0
        else:
            i = next(k for k, x in enumerate(ordered) if x[0] == ref)
            if u.before is not None:
                lo = ordered[i - 1][1] if i > 0 else ordered[i][1] - 1
                order = (lo + ordered[i][1]) / 2
            else:
                hi = ordered[i + 1][1] if i + 1 < len(ordered) else ordered[i][1] + 1
                order = (ordered[i][1] + hi) / 2
        labels.append((u.value, order, session.db.allocate_oid()))
        t = replace_table(t, labels=tuple(labels))
    elif u.action == "rename_value":
        if u.value not in names:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'"{u.value}" is not an existing enum label')
        if u.other in names:
            raise SqlError(sqlstate.DUPLICATE_OBJECT, f'enum label "{u.other}" already exists')
        t = replace_table(t, labels=tuple((u.other if x[0] == u.value else x[0], x[1], x[2]) for x in labels))
    elif u.action == "rename":
        if catalog.type_by_name(t.schema_oid, u.other) is not None:
            raise SqlError(sqlstate.DUPLICATE_OBJECT, f'type "{u.other}" already exists')
        t = replace_table(t, name=u.other)
    elif u.action == "owner":
        role = session.instance.cluster().roles.get(u.other)
        if role is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{u.other}" does not exist')
        from auth.privileges import new_owner_acl

        t = replace_table(t, owner=role.oid, acl=new_owner_acl(getattr(t, "acl", None), t.owner, role.oid, "U"))
    else:
        s = catalog.schema(u.other)
        if s is None:
            raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{u.other}" does not exist')
        t = replace_table(t, schema_oid=s.oid)
    _write_type(session, catalog, t)
    return done("ALTER TYPE")


# sequences -----------------------------------------------------------------------------------------------
def _seq_bounds(opts: dict[str, Any], type_oid: int, old: Sequence | None) -> tuple[int, int, int, int]:
    lo, hi = SEQ_TYPES[type_oid]
    inc = opts.get("increment", old.increment if old else 1)
    if inc == 0:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero")
    type_changed = old is not None and "as" in opts and old.type_oid != type_oid
    if "minvalue" in opts and opts["minvalue"] is not None:
        minv = opts["minvalue"]
    elif old is not None and "minvalue" not in opts and not type_changed:
        minv = old.min_value
    else:
        minv = 1 if inc > 0 else lo
    if "maxvalue" in opts and opts["maxvalue"] is not None:
        maxv = opts["maxvalue"]
    elif old is not None and "maxvalue" not in opts and not type_changed:
        maxv = old.max_value
    else:
        maxv = hi if inc > 0 else -1
    tname = T.format_type(type_oid)
    if maxv > hi or maxv < lo:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'MAXVALUE ({maxv}) is out of range for sequence data type '
                                                         f"{tname}")
    if minv < lo or minv > hi:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f'MINVALUE ({minv}) is out of range for sequence data type '
                                                         f"{tname}")
    if minv >= maxv:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f"MINVALUE ({minv}) must be less than MAXVALUE ({maxv})")
    if "start" in opts:
        start = opts["start"]
    elif old is not None:
        start = old.start
    else:
        start = minv if inc > 0 else maxv
    if start < minv:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f"START value ({start}) cannot be less than MINVALUE ({minv})")
    if start > maxv:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                       f"START value ({start}) cannot be greater than MAXVALUE ({maxv})")
    return inc, minv, maxv, start


def _owned_by(session: Any, catalog: Catalog, parts: tuple[str, ...] | None) -> tuple[int, int] | None:
    if parts is None:
        return None
    if len(parts) < 2:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "invalid OWNED BY option",
                       hint="Specify OWNED BY table.column or OWNED BY NONE.")
    schema = parts[-3] if len(parts) > 2 else None
    rel = U.lookup(session, catalog, schema, parts[-2])
    if rel is None:
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{parts[-2]}" does not exist')
    p = rel.column_positions.get(parts[-1]) if hasattr(rel, "column_positions") else None
    if p is None:
        raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{parts[-1]}" of relation "{rel.name}" does not exist')
    return rel.oid, rel.columns[p].attnum


def sequence_statement(session: Any, u: SequenceStmt) -> Result:
    catalog = session.catalog()
    opts = u.options
    type_oid = T.INT8
    if "as" in opts:
        type_oid, _m = T.resolve_datatype(opts["as"])
        if type_oid not in SEQ_TYPES:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "sequence type must be smallint, integer, or bigint")
    if u.action == "create":
        schema = U.target_schema(session, catalog, exp.Table(this=exp.to_identifier(u.name), db=exp.to_identifier(
            u.schema) if u.schema else None), u.temporary)
        catalog = session.catalog()
        if catalog.name_taken(schema.oid, u.name):
            if u.if_exists:
                return done("CREATE SEQUENCE", [notice(f'relation "{u.name}" already exists, skipping',
                                                       sqlstate.DUPLICATE_TABLE)])
            raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{u.name}" already exists')
        inc, minv, maxv, start = _seq_bounds(opts, type_oid, None)
        cache = opts.get("cache", 1)
        if cache < 1:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, f"CACHE ({cache}) must be greater than zero")
        seq = Sequence(session.db.allocate_oid(), u.name, schema.oid, session.current_role.oid, start, inc, minv,
                       maxv, bool(opts.get("cycle")), _owned_by(session, catalog, opts.get("owned_by")),
                       type_oid=type_oid, cache=cache,
                       acl=default_acl(session, catalog, schema.oid, session.current_role.oid, "S"))
        U.write_relation(session, catalog, seq)
        return done("CREATE SEQUENCE")
    seq = U.lookup(session, catalog, u.schema, u.name)
    if seq is None:
        if u.if_exists:
            return done("ALTER SEQUENCE", [notice(f'relation "{u.name}" does not exist, skipping')])
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{u.name}" does not exist')
    if not isinstance(seq, Sequence):
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{u.name}" is not a sequence')
    U.require_owner(session, seq)
    return done("ALTER SEQUENCE", alter_sequence(session, catalog, seq, opts, type_oid if "as" in opts else None))


def alter_sequence(session: Any, catalog: Catalog, seq: Sequence, opts: dict[str, Any],
                   type_oid: int | None) -> list[SqlError]:
    tid = type_oid or seq.type_oid
    inc, minv, maxv, start = _seq_bounds(opts, tid, seq)
    txn = session.txn()
    last, called = session.db.sequence_state(seq, txn)
    restart = opts.get("restart")
    value = (start if restart is True else restart) if restart is not None else last
    if value < minv and (restart is not None or not called or True):
        if restart is not None or last < minv:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                           f"RESTART value ({value}) cannot be less than MINVALUE ({minv})")
    if value > maxv:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                       f"RESTART value ({value}) cannot be greater than MAXVALUE ({maxv})")
    changes: dict[str, Any] = {"increment": inc, "min_value": minv, "max_value": maxv, "start": start,
                               "type_oid": tid}
    if "cycle" in opts:
        changes["cycle"] = opts["cycle"]
    if "cache" in opts:
        changes["cache"] = opts["cache"]
    if "owned_by" in opts:
        changes["owned_by"] = _owned_by(session, catalog, opts["owned_by"])
    new = replace_table(seq, **changes)
    U.write_relation(session, catalog, new)
    if restart is not None:
        session.db.restart_sequence(new, value, txn)
    elif inc != seq.increment and called:
        session.db.setval(new, last, txn, True)
    return []


# comments --------------------------------------------------------------------------------------------
def comment_statement(session: Any, u: CommentStmt) -> Result:
    catalog = session.catalog()
    parts = u.names
    subid = 0
    if u.kind == "SCHEMA":
        s = catalog.schema(parts[-1])
        if s is None:
            raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{parts[-1]}" does not exist')
        check_owner(session.role_memberships(), session.is_superuser, s.owner, "schema", s.name)
        objoid = s.oid
    elif u.kind == "TYPE":
        t = _find_type(session, catalog, parts[-2] if len(parts) > 1 else None, parts[-1])
        if t is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'type "{parts[-1]}" does not exist')
        objoid = t.oid
    elif u.kind == "CONSTRAINT":
        rel = _relation(session, catalog, u.on_table)
        con = rel.constraint(parts[-1]) if isinstance(rel, Table) else None
        if con is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT,
                           f'constraint "{parts[-1]}" for table "{rel.name}" does not exist')
        U.require_owner(session, rel)
        objoid = con.oid
    elif u.kind == "INDEX":
        found = None
        for s in ([parts[-2]] if len(parts) > 1 else session.search_path()):
            sch = catalog.schema(s)
            if sch is not None and catalog.index_by_name(sch.oid, parts[-1]):
                found = catalog.index_by_name(sch.oid, parts[-1])
                break
        if found is None:
            raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{parts[-1]}" does not exist')
        objoid = found[1].oid
    elif u.kind == "COLUMN":
        if len(parts) < 2:
            raise SqlError(sqlstate.SYNTAX_ERROR, "column name must be qualified")
        rel = _relation(session, catalog, parts[:-1])
        p = rel.column_positions.get(parts[-1]) if hasattr(rel, "column_positions") else None
        if p is None:
            raise SqlError(sqlstate.UNDEFINED_COLUMN,
                           f'column "{parts[-1]}" of relation "{rel.name}" does not exist')
        U.require_owner(session, rel)
        objoid, subid = rel.oid, rel.columns[p].attnum
    else:
        rel = _relation(session, catalog, parts)
        want = {"TABLE": "r", "VIEW": "v", "SEQUENCE": "S"}[u.kind]
        if rel.kind != want:
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{rel.name}" is not a {u.kind.lower()}')
        U.require_owner(session, rel)
        objoid = rel.oid
    text = u.text if u.text else None
    session.txn().put_catalog(dsc_key(objoid, subid), text.encode() if text is not None else None)
    session.set_local_catalog(catalog.with_comment(objoid, subid, text))
    return done("COMMENT")


def _relation(session: Any, catalog: Catalog, parts: tuple[str, ...]) -> Any:
    schema = parts[-2] if len(parts) > 1 else None
    rel = U.lookup(session, catalog, schema, parts[-1])
    if rel is None:
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{".".join(parts)}" does not exist')
    return rel


# CREATE TABLE AS / LIKE ---------------------------------------------------------------------------------
def create_table_as(session: Any, ast: exp.Create, query: exp.Expression | None = None,
                    tag: str = "SELECT") -> Result:
    from sql.expr import Ctx

    notices: list[SqlError] = []
    target = ast.this
    names: list[str] = []
    if isinstance(target, exp.Schema):
        names = [identifier_name(i) for i in target.expressions]
        target = target.this
    query = query if query is not None else ast.expression
    catalog = session.catalog()
    planner = U.planner(session, catalog)
    q = planner.plan_query(query)
    if len(names) > len(q.columns):
        raise SqlError(sqlstate.SYNTAX_ERROR, "too many column names were specified")
    temporary = _temp(ast)
    schema = U.target_schema(session, catalog, target, temporary)
    catalog = session.catalog()
    name = U.truncate_name(identifier_name(target.this), notices)
    if catalog.name_taken(schema.oid, name):
        if ast.args.get("exists"):
            return done("CREATE TABLE AS", [notice(f'relation "{name}" already exists, skipping',
                                                   sqlstate.DUPLICATE_TABLE)])
        raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{name}" already exists')
    cols = []
    for i, c in enumerate(q.columns):
        cname = names[i] if i < len(names) else c.name
        if any(x.name == cname for x in cols):
            raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{cname}" specified more than once')
        cols.append(Column(cname, T.TEXT if c.type == T.UNKNOWN else c.type, c.typmod, attnum=i + 1))
    table = Table(session.db.allocate_oid(), name, schema.oid, session.current_role.oid, tuple(cols),
                  persistence="t" if temporary else "p",
                  acl=default_acl(session, catalog, schema.oid, session.current_role.oid, "r"))
    U.write_relation(session, catalog, table)
    if ast.args.get("with_data") is False or "WITH NO DATA" in ast.sql("postgres").upper():
        return done("CREATE TABLE AS", notices)
    from datetime import UTC, datetime

    txn = session.txn()
    ctx = Ctx([], txn, session, datetime.now(UTC))
    layout, encode = table.layout, table.codec.encode
    n = 0
    for row in q.rows(ctx):
        txn.insert(layout, encode(tuple(row)) if encode is not None else tuple(row))
        n += 1
    return done(f"{tag} {n}", notices)


def select_into(session: Any, ast: exp.Select) -> Result:
    into = ast.args["into"]
    query = ast.copy()
    query.set("into", None)
    props = exp.Properties(expressions=[exp.TemporaryProperty()]) if into.args.get("temporary") else None
    create = exp.Create(this=into.this, kind="TABLE", properties=props)
    return create_table_as(session, create, query)


def like_columns(session: Any, catalog: Catalog, item: exp.LikeProperty) -> list[Column]:
    src = item.this
    rel = U.lookup(session, catalog, identifier_name(src.args["db"]) if src.args.get("db") else None,
                   identifier_name(src.this))
    if rel is None:
        raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{identifier_name(src.this)}" does not exist')
    opts = " ".join(f"{p.name} {p.args['value'].name}".upper() if isinstance(p, exp.Property) and
                    p.args.get("value") is not None else p.sql("postgres").upper() for p in item.expressions)
    defaults = "INCLUDING ALL" in opts or "INCLUDING DEFAULTS" in opts
    return [Column(c.name, c.type_oid, c.typmod, c.not_null, c.default if defaults and not c.identity and not
                   (c.default or "").startswith("nextval(") else None) for c in rel.columns]
