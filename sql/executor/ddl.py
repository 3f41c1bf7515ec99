"""Utility statements that change the catalog (PostgreSQL's tcop/utility.c).

Tables, indexes, sequences and schemas are transactional: each command writes catalog
records into the session's transaction and installs a new catalog snapshot local to it.
Databases and roles live in the cluster's global environment and are applied in their own
commit (CREATE DATABASE cannot run in a transaction block, as in PostgreSQL).
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from auth.privileges import (
    DATABASE_ALL,
    PRIVILEGE_LETTERS,
    SCHEMA_ALL,
    SEQUENCE_ALL,
    TABLE_ALL,
    check_owner,
    has_privilege,
)
from auth.privileges import grant as acl_grant
from auth.privileges import revoke as acl_revoke
from sql import sqlstate
from sql import typesys as T
from sql.catalog import (
    PUBLIC_OID,
    Catalog,
    Column,
    Index,
    Schema,
    Sequence,
    Table,
    encode_relation,
    encode_schema,
    nsp_key,
    rel_key,
    replace_table,
)
from sql.errors import SqlError
from sql.expr import identifier_name
from sql.result import Result
from sql.utility_parser import DatabaseStmt, GrantStmt, RoleStmt, SetStmt, TransactionStmt

NAMEDATALEN = 63


def _done(tag: str, notices: list[SqlError] | None = None, wait: Any = None) -> Result:
    return Result(tag, notices=notices or [], wait=wait)


def _notice(msg: str, code: str = sqlstate.SUCCESSFUL_COMPLETION) -> SqlError:
    return SqlError(code, msg, severity="NOTICE")


def _truncate_name(name: str, notices: list[SqlError]) -> str:
    raw = name.encode()
    if len(raw) <= NAMEDATALEN:
        return name
    cut = raw[:NAMEDATALEN].decode("utf-8", "ignore")
    notices.append(_notice(f'identifier "{name}" will be truncated to "{cut}"', sqlstate.NAME_TOO_LONG))
    return cut


def execute(session: Any, ast: exp.Expression) -> Result:
    if isinstance(ast, exp.Create):
        kind = (ast.args.get("kind") or "").upper()
        if kind == "TABLE":
            return create_table(session, ast)
        if kind == "INDEX":
            return create_index(session, ast)
        if kind == "SCHEMA":
            return create_schema(session, ast)
        if kind == "SEQUENCE":
            return create_sequence(session, ast)
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"CREATE {kind} is not supported yet")
    if isinstance(ast, exp.Drop):
        kind = (ast.args.get("kind") or "").upper()
        if kind in ("TABLE", "SEQUENCE"):
            return drop_relations(session, ast, kind)
        if kind == "INDEX":
            return drop_index(session, ast)
        if kind == "SCHEMA":
            return drop_schema(session, ast)
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"DROP {kind} is not supported yet")
    if isinstance(ast, exp.TruncateTable):
        return truncate(session, ast)
    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"statement is not supported yet: {ast.sql('postgres')[:60]}")


# --------------------------------------------------------------------------------------------
def _target_schema(session: Any, catalog: Catalog, table: exp.Table) -> Schema:
    if table.args.get("db") is not None:
        name = identifier_name(table.args["db"])
        s = catalog.schema(name)
        if s is None:
            raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{name}" does not exist')
    else:
        s = session.creation_schema(catalog)
    if not session.is_superuser and not has_privilege(session.role_memberships(), False, s.owner, s.acl, "C"):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for schema {s.name}")
    return s


def _unique_name(catalog: Catalog, schema_oid: int, base: str, suffix: str, taken: set[str]) -> str:
    n = 0
    while True:
        stem = base if n == 0 else f"{base}{n}"
        cand = f"{stem}_{suffix}" if suffix else stem
        if len(cand.encode()) > NAMEDATALEN:
            keep = NAMEDATALEN - len(suffix) - 1 - (len(str(n)) if n else 0)
            cand = f"{base.encode()[:keep].decode('utf-8', 'ignore')}{n if n else ''}_{suffix}"
        if not catalog.name_taken(schema_oid, cand) and cand not in taken:
            taken.add(cand)
            return cand
        n += 1


def _write_relation(session: Any, catalog: Catalog, rel: Any) -> Catalog:
    session.txn().put_catalog(rel_key(rel.oid), encode_relation(rel))
    new = catalog.with_relation(rel)
    session.set_local_catalog(new)
    return new


def _remove_relation(session: Any, catalog: Catalog, oid: int) -> Catalog:
    session.txn().put_catalog(rel_key(oid), None)
    new = catalog.without_relation(oid)
    session.set_local_catalog(new)
    return new


def create_table(session: Any, ast: exp.Create) -> Result:
    notices: list[SqlError] = []
    schema_node = ast.this
    if ast.args.get("expression") is not None:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "CREATE TABLE AS is not supported yet")
    if not isinstance(schema_node, exp.Schema):
        raise SqlError(sqlstate.SYNTAX_ERROR, "syntax error in CREATE TABLE")
    props = ast.args.get("properties")
    if props is not None and any(isinstance(p, exp.TemporaryProperty) for p in props.expressions):
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "temporary tables are not supported yet")
    tnode = schema_node.this
    catalog = session.catalog()
    schema = _target_schema(session, catalog, tnode)
    name = _truncate_name(identifier_name(tnode.this), notices)
    if catalog.name_taken(schema.oid, name):
        if ast.args.get("exists"):
            notices.append(_notice(f'relation "{name}" already exists, skipping', sqlstate.DUPLICATE_TABLE))
            return _done("CREATE TABLE", notices)
        raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{name}" already exists')
    owner = session.current_role.oid
    columns: list[Column] = []
    serials: list[tuple[int, int]] = []  # (column index, type)
    pk_cols: list[str] | None = None
    pk_name: str | None = None
    uniques: list[tuple[str | None, list[str]]] = []
    for item in schema_node.expressions:
        if isinstance(item, exp.ColumnDef):
            cname = _truncate_name(identifier_name(item.this), notices)
            if any(c.name == cname for c in columns):
                raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{cname}" specified more than once')
            kind = item.args.get("kind")
            if kind is None:
                raise SqlError(sqlstate.SYNTAX_ERROR, f'column "{cname}" has no type')
            serial_type = T.SERIAL_TYPES.get(kind.this)
            type_oid, typmod = (serial_type, -1) if serial_type else T.resolve_datatype(kind)
            not_null = False
            default: str | None = None
            for cc in item.args.get("constraints") or []:
                k = cc.args.get("kind")
                cons_name = identifier_name(cc.this) if cc.this is not None else None
                if isinstance(k, exp.NotNullColumnConstraint):
                    not_null = not k.args.get("allow_null")
                elif isinstance(k, exp.PrimaryKeyColumnConstraint):
                    if pk_cols is not None:
                        raise SqlError(sqlstate.INVALID_TABLE_DEFINITION,
                                       f'multiple primary keys for table "{name}" are not allowed')
                    pk_cols, pk_name = [cname], cons_name
                elif isinstance(k, exp.UniqueColumnConstraint):
                    uniques.append((cons_name, [cname]))
                elif isinstance(k, exp.DefaultColumnConstraint):
                    default = k.this.sql("postgres")
                else:
                    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                                   f"column constraint not supported yet: {cc.sql('postgres')}")
            if serial_type:
                serials.append((len(columns), serial_type))
                not_null = True
            columns.append(Column(cname, type_oid, typmod, not_null, default, len(columns) + 1))
        elif isinstance(item, exp.PrimaryKey):
            if pk_cols is not None:
                raise SqlError(sqlstate.INVALID_TABLE_DEFINITION,
                               f'multiple primary keys for table "{name}" are not allowed')
            pk_cols = [identifier_name(i) for i in item.expressions]
        elif isinstance(item, exp.UniqueColumnConstraint):
            uniques.append((None, [identifier_name(i) for i in item.this.expressions]))
        elif isinstance(item, exp.Constraint):
            cname = identifier_name(item.this)
            for sub in item.expressions:
                if isinstance(sub, exp.PrimaryKey):
                    if pk_cols is not None:
                        raise SqlError(sqlstate.INVALID_TABLE_DEFINITION,
                                       f'multiple primary keys for table "{name}" are not allowed')
                    pk_cols, pk_name = [identifier_name(i) for i in sub.expressions], cname
                elif isinstance(sub, exp.UniqueColumnConstraint):
                    uniques.append((cname, [identifier_name(i) for i in sub.this.expressions]))
                else:
                    raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                                   f"table constraint not supported yet: {item.sql('postgres')}")
        else:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                           f"table element not supported yet: {item.sql('postgres')[:60]}")
    positions = {c.name: i for i, c in enumerate(columns)}
    taken: set[str] = set()
    table_oid = session.db.allocate_oid()
    indexes: list[Index] = []

    def col_positions(names: list[str]) -> tuple[int, ...]:
        out = []
        for n in names:
            if n not in positions:
                raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{n}" named in key does not exist')
            out.append(positions[n])
        return tuple(out)

    if pk_cols is not None:
        cols = col_positions(pk_cols)
        for p in cols:
            columns[p] = Column(columns[p].name, columns[p].type_oid, columns[p].typmod, True,
                                columns[p].default, columns[p].attnum)
        iname = pk_name or _unique_name(catalog, schema.oid, name, "pkey", taken)
        if pk_name:
            taken.add(pk_name)
        indexes.append(Index(session.db.allocate_oid(), iname, cols, unique=True, primary=True, constraint=True))
    for cons_name, names in uniques:
        cols = col_positions(names)
        if any(ix.columns == cols for ix in indexes):
            continue
        iname = cons_name or _unique_name(catalog, schema.oid, f"{name}_{'_'.join(names)}", "key", taken)
        if catalog.name_taken(schema.oid, iname) or (cons_name and cons_name in taken and cons_name != iname):
            raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{iname}" already exists')
        taken.add(iname)
        indexes.append(Index(session.db.allocate_oid(), iname, cols, unique=True, constraint=True))
    for pos, styp in serials:
        col = columns[pos]
        seq_name = _unique_name(catalog, schema.oid, f"{name}_{col.name}", "seq", taken)
        maxv = {T.INT2: 2**15 - 1, T.INT4: 2**31 - 1, T.INT8: 2**63 - 1}[styp]
        seq = Sequence(session.db.allocate_oid(), seq_name, schema.oid, owner, max_value=maxv,
                       owned_by=(table_oid, col.attnum), type_oid=styp)
        catalog = _write_relation(session, catalog, seq)
        qualified = seq_name if schema.name == "public" else f"{schema.name}.{seq_name}"
        columns[pos] = Column(col.name, col.type_oid, col.typmod, True, f"nextval('{qualified}'::regclass)",
                              col.attnum)
    if not columns:
        pass
    table = Table(table_oid, name, schema.oid, owner, tuple(columns), tuple(indexes))
    _validate_defaults(session, table)
    _write_relation(session, catalog, table)
    return _done("CREATE TABLE", notices)


def _validate_defaults(session: Any, table: Table) -> None:
    from sql.dml_planner import DmlPlanner as Planner
    from sql.expr import CompileEnv

    planner = Planner(CompileEnv(session, session.catalog(), []))
    for i, c in enumerate(table.columns):
        if c.default is not None and not c.default.startswith("nextval("):
            planner.column_default(table, i)


def create_index(session: Any, ast: exp.Create) -> Result:
    notices: list[SqlError] = []
    idx = ast.this
    catalog = session.catalog()
    tnode = idx.args["table"]
    from sql.dml_planner import DmlPlanner as Planner
    from sql.expr import CompileEnv

    table = Planner(CompileEnv(session, catalog, [])).resolve_table(tnode, None)
    if not isinstance(table, Table):
        raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{table.name}" is not a table')
    check_owner(session.role_memberships(), session.is_superuser, table.owner, "table", table.name)
    params = idx.args.get("params")
    cols: list[int] = []
    names: list[str] = []
    for o in params.args.get("columns") or []:
        node = o.this if isinstance(o, exp.Ordered) else o
        if not isinstance(node, exp.Column):
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "expression indexes are not supported yet")
        cname = identifier_name(node.this)
        p = table.column_positions.get(cname)
        if p is None:
            raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{cname}" does not exist')
        cols.append(p)
        names.append(cname)
    using = params.args.get("using")
    if using is not None and using.name.lower() not in ("btree", "hash"):
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'access method "{using.name}" does not exist')
    if idx.this is not None:
        iname = _truncate_name(identifier_name(idx.this), notices)
        if catalog.name_taken(table.schema_oid, iname):
            if ast.args.get("exists"):
                notices.append(_notice(f'relation "{iname}" already exists, skipping', sqlstate.DUPLICATE_TABLE))
                return _done("CREATE INDEX", notices)
            raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{iname}" already exists')
    else:
        iname = _unique_name(catalog, table.schema_oid, f"{table.name}_{'_'.join(names)}", "idx", set())
    index = Index(session.db.allocate_oid(), iname, tuple(cols), unique=bool(ast.args.get("unique")))
    new_table = replace_table(table, indexes=table.indexes + (index,))
    layout = new_table.layout
    ilayout = next(ix for ix in layout.indexes if ix.index_id == index.oid)
    session.txn().refresh_snapshot()
    session.txn().build_index(layout, ilayout)
    _write_relation(session, catalog, new_table)
    return _done("CREATE INDEX", notices)


def create_schema(session: Any, ast: exp.Create) -> Result:
    name = identifier_name(ast.this.args.get("db") or ast.this.this)
    catalog = session.catalog()
    if catalog.schema(name) is not None:
        if ast.args.get("exists"):
            return _done("CREATE SCHEMA", [_notice(f'schema "{name}" already exists, skipping',
                                                   sqlstate.DUPLICATE_SCHEMA)])
        raise SqlError(sqlstate.DUPLICATE_SCHEMA, f'schema "{name}" already exists')
    if name.startswith("pg_"):
        raise SqlError(sqlstate.RESERVED_NAME, f'unacceptable schema name "{name}"',
                       detail='The prefix "pg_" is reserved for system schemas.')
    rec = session.instance.cluster().databases_by_oid.get(session.database_oid)
    if not session.is_superuser and not has_privilege(session.role_memberships(), False, rec.owner, rec.acl, "C"):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for database {session.database_name}")
    schema = Schema(session.db.allocate_oid(), name, session.current_role.oid)
    session.txn().put_catalog(nsp_key(schema.oid), encode_schema(schema))
    session.set_local_catalog(catalog.with_schema(schema))
    return _done("CREATE SCHEMA")


def drop_schema(session: Any, ast: exp.Drop) -> Result:
    notices: list[SqlError] = []
    catalog = session.catalog()
    for t in ast.args.get("tables") or []:
        name = identifier_name(t.args.get("db") or t.this)
        s = catalog.schema(name)
        if s is None:
            if ast.args.get("exists"):
                notices.append(_notice(f'schema "{name}" does not exist, skipping'))
                continue
            raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{name}" does not exist')
        check_owner(session.role_memberships(), session.is_superuser, s.owner, "schema", name)
        members = [r for r in catalog.relations.values() if r.schema_oid == s.oid]
        if members and not ast.args.get("cascade"):
            raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                           f"cannot drop schema {name} because other objects depend on it",
                           hint="Use DROP ... CASCADE to drop the dependent objects too.")
        for r in members:
            catalog = _drop_relation(session, catalog, r)
        session.txn().put_catalog(nsp_key(s.oid), None)
        catalog = catalog.without_schema(s.oid)
        session.set_local_catalog(catalog)
    return _done("DROP SCHEMA", notices)


def create_sequence(session: Any, ast: exp.Create) -> Result:
    tnode = ast.this
    catalog = session.catalog()
    schema = _target_schema(session, catalog, tnode)
    name = identifier_name(tnode.this)
    if catalog.name_taken(schema.oid, name):
        if ast.args.get("exists"):
            return _done("CREATE SEQUENCE", [_notice(f'relation "{name}" already exists, skipping',
                                                     sqlstate.DUPLICATE_TABLE)])
        raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{name}" already exists')
    opts: dict[str, Any] = {}
    props = ast.args.get("properties")
    for p in props.expressions if props is not None else []:
        if isinstance(p, exp.SequenceProperties):
            for k in ("start", "increment", "minvalue", "maxvalue"):
                v = p.args.get(k)
                if v is not None:
                    opts[k] = int(v.sql().replace(" ", ""))
            if p.args.get("cycle"):
                opts["cycle"] = True
    inc = opts.get("increment", 1)
    if inc == 0:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero")
    minv = opts.get("minvalue", 1 if inc > 0 else -(2**63))
    maxv = opts.get("maxvalue", 2**63 - 1 if inc > 0 else -1)
    start = opts.get("start", minv if inc > 0 else maxv)
    seq = Sequence(session.db.allocate_oid(), name, schema.oid, session.current_role.oid, start, inc, minv, maxv,
                   bool(opts.get("cycle")))
    _write_relation(session, catalog, seq)
    return _done("CREATE SEQUENCE")


def _drop_relation(session: Any, catalog: Catalog, rel: Any) -> Catalog:
    txn = session.txn()
    if isinstance(rel, Table):
        txn.truncate(rel.layout)
        for ix in rel.indexes:
            if not ix.primary:
                txn.drop_index(ix.oid)
        for other in list(catalog.relations.values()):
            if isinstance(other, Sequence) and other.owned_by and other.owned_by[0] == rel.oid:
                catalog = _remove_relation(session, catalog, other.oid)
                txn.sequence_drop(other.oid)
                session.db.forget_sequence(other.oid)
    else:
        txn.sequence_drop(rel.oid)
        session.db.forget_sequence(rel.oid)
    return _remove_relation(session, catalog, rel.oid)


def drop_relations(session: Any, ast: exp.Drop, kind: str) -> Result:
    notices: list[SqlError] = []
    catalog = session.catalog()
    word = kind.lower()
    targets = []
    for t in ast.args.get("tables") or []:
        name = identifier_name(t.this)
        schema = identifier_name(t.args["db"]) if t.args.get("db") else None
        rel = session.lookup_relation(schema, name, catalog)
        if rel is None or getattr(rel, "virtual", False):
            shown = f"{schema}.{name}" if schema else name
            if ast.args.get("exists"):
                notices.append(_notice(f'{word} "{shown}" does not exist, skipping'))
                continue
            raise SqlError(sqlstate.UNDEFINED_TABLE, f'{word} "{shown}" does not exist')
        want = "r" if kind == "TABLE" else "S"
        if rel.kind != want:
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{name}" is not a {word}',
                           hint=f"Use DROP {'SEQUENCE' if rel.kind == 'S' else 'TABLE'} to remove a "
                                f"{'sequence' if rel.kind == 'S' else 'table'}.")
        check_owner(session.role_memberships(), session.is_superuser, rel.owner, word, name)
        targets.append(rel)
    for rel in targets:
        catalog = _drop_relation(session, catalog, rel)
    return _done(f"DROP {kind}", notices)


def drop_index(session: Any, ast: exp.Drop) -> Result:
    notices: list[SqlError] = []
    catalog = session.catalog()
    for t in ast.args.get("tables") or []:
        name = identifier_name(t.this)
        found = None
        for s in session.search_path() if not t.args.get("db") else [identifier_name(t.args["db"])]:
            sch = catalog.schema(s)
            if sch is not None:
                found = catalog.index_by_name(sch.oid, name)
                if found:
                    break
        if found is None:
            if ast.args.get("exists"):
                notices.append(_notice(f'index "{name}" does not exist, skipping'))
                continue
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'index "{name}" does not exist')
        table, index = found
        check_owner(session.role_memberships(), session.is_superuser, table.owner, "index", name)
        if index.constraint:
            cons = "pkey" if index.primary else "key"
            raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                           f"cannot drop index {name} because constraint {name} on table {table.name} requires it",
                           hint=f"You can drop constraint {name} on table {table.name} instead.") if cons else None
        session.txn().drop_index(index.oid)
        catalog = _write_relation(session, catalog, replace_table(
            table, indexes=tuple(ix for ix in table.indexes if ix.oid != index.oid)))
    return _done("DROP INDEX", notices)


def truncate(session: Any, ast: exp.TruncateTable) -> Result:
    catalog = session.catalog()
    from sql.dml_planner import DmlPlanner as Planner
    from sql.expr import CompileEnv

    planner = Planner(CompileEnv(session, catalog, []))
    tables = []
    for t in ast.expressions:
        rel = planner.resolve_table(t, None)
        if not isinstance(rel, Table):
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{rel.name}" is not a table')
        if not session.is_superuser and not has_privilege(session.role_memberships(), False, rel.owner, rel.acl,
                                                             "D"):
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for table {rel.name}")
        tables.append(rel)
    txn = session.txn()
    for rel in tables:
        txn.truncate(rel.layout)
        if (ast.args.get("identity") or "").upper() == "RESTART":
            for other in catalog.relations.values():
                if isinstance(other, Sequence) and other.owned_by and other.owned_by[0] == rel.oid:
                    session.db.forget_sequence(other.oid)
                    txn.sequence_drop(other.oid)
    return _done("TRUNCATE TABLE")


# roles and databases ---------------------------------------------------------------------------
def _require_createrole(session: Any) -> None:
    role = session.instance.cluster().roles.by_oid.get(session.current_role.oid)
    if role is None or not (role.superuser or role.createrole):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "permission denied to create role")


def role_statement(session: Any, u: RoleStmt) -> Result:
    inst = session.instance
    snap = inst.cluster()
    me = snap.roles.by_oid.get(session.current_role.oid)
    word = "USER" if u.is_user else "ROLE"
    if u.action == "create":
        _require_createrole(session)
        if (u.options.get("superuser") or u.options.get("replication") or u.options.get("bypassrls")) \
                and not me.superuser:
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "must be superuser to create superusers")
        fut = inst.create_role(u.names[0], u.options, u.is_user)
        fut.result()
        return _done(f"CREATE {word}")
    if u.action in ("alter", "rename"):
        target = snap.roles.get(u.names[0])
        if target is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{u.names[0]}" does not exist')
        only_password = set(u.options) <= {"password"}
        if not (me.superuser or (me.createrole and not target.superuser) or
                (target.oid == me.oid and only_password and u.action == "alter")):
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "permission denied")
        if target.superuser and not me.superuser:
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "must be superuser to alter superuser roles or change "
                           "superuser attribute")
        if u.action == "rename":
            inst.rename_role(u.names[0], u.new_name).result()
            return _done(f"ALTER {word}")
        inst.alter_role(u.names[0], u.options).result()
        return _done(f"ALTER {word}")
    # drop
    notices = []
    _require_createrole(session)
    for name in u.names:
        target = snap.roles.get(name)
        if target is None:
            if u.if_exists:
                notices.append(_notice(f'role "{name}" does not exist, skipping'))
                continue
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{name}" does not exist')
        if target.oid == session.current_role.oid:
            raise SqlError(sqlstate.OBJECT_IN_USE, "current user cannot be dropped")
        if target.oid == session.session_role.oid:
            raise SqlError(sqlstate.OBJECT_IN_USE, "session user cannot be dropped")
        if target.superuser and not me.superuser:
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "must be superuser to drop superusers")
        owned = [r for r in session.catalog().relations.values() if r.owner == target.oid]
        if owned:
            raise SqlError(sqlstate.DEPENDENT_OBJECTS_STILL_EXIST,
                           f'role "{name}" cannot be dropped because some objects depend on it',
                           detail="\n".join(f"owner of {'sequence' if r.kind == 'S' else 'table'} {r.name}"
                                            for r in owned))
        inst.drop_role(target).result()
    return _done(f"DROP {'ROLE'}", notices)


def database_statement(session: Any, u: DatabaseStmt) -> Result:
    inst = session.instance
    if session._in_block:
        raise SqlError(sqlstate.ACTIVE_SQL_TRANSACTION,
                       f"{'CREATE' if u.action == 'create' else 'DROP'} DATABASE cannot run inside a transaction "
                       "block")
    snap = inst.cluster()
    me = snap.roles.by_oid.get(session.current_role.oid)
    if u.action == "create":
        if not (me.superuser or me.createdb):
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "permission denied to create database")
        owner = me.oid
        if u.owner is not None:
            o = snap.roles.get(u.owner)
            if o is None:
                raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{u.owner}" does not exist')
            owner = o.oid
        notices: list[SqlError] = []
        name = _truncate_name(u.name, notices)
        inst.create_database(name, owner).result()
        return _done("CREATE DATABASE", notices)
    rec = snap.databases.get(u.name)
    if rec is None:
        if u.action == "drop" and u.if_exists:
            return _done("DROP DATABASE", [_notice(f'database "{u.name}" does not exist, skipping')])
        raise SqlError(sqlstate.INVALID_CATALOG_NAME, f'database "{u.name}" does not exist')
    check_owner(session.role_memberships(), me.superuser, rec.owner, "database", u.name)
    if u.action == "drop":
        if rec.oid == session.database_oid:
            raise SqlError(sqlstate.OBJECT_IN_USE, "cannot drop the currently open database")
        inst.drop_database(rec)
        return _done("DROP DATABASE")
    if u.action == "rename":
        if rec.oid == session.database_oid:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "current database cannot be renamed")
        inst.rename_database(rec, u.new_name).result()
        return _done("ALTER DATABASE")
    o = snap.roles.get(u.owner)
    if o is None:
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{u.owner}" does not exist')
    from sql.instance import DatabaseRecord

    inst._commit_global([(_db_key(rec.oid), DatabaseRecord(rec.oid, rec.name, o.oid, rec.acl).to_record())]).result()
    return _done("ALTER DATABASE")


def _db_key(oid: int) -> bytes:
    from sql.instance import db_key

    return db_key(oid)


def _letters(privs: tuple[str, ...], allowed: str, kind: str) -> str:
    if privs == ("ALL",):
        return allowed
    out = ""
    for p in privs:
        letter = PRIVILEGE_LETTERS.get(p)
        if letter is None or letter not in allowed:
            raise SqlError(sqlstate.INVALID_GRANT_OPERATION, f"invalid privilege type {p} for {kind}")
        out += letter
    return out


def _grantees(session: Any, names: tuple[str, ...]) -> list[int]:
    snap = session.instance.cluster()
    out = []
    for n in names:
        if n == "public":
            out.append(0)
            continue
        if n.startswith("@"):
            out.append(session.current_role.oid if n != "@session_user" else session.session_role.oid)
            continue
        r = snap.roles.get(n)
        if r is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{n}" does not exist')
        out.append(r.oid)
    return out


def grant_statement(session: Any, u: GrantStmt) -> Result:
    tag = "GRANT" if u.is_grant else "REVOKE"
    if u.object_kind == "role":
        return _grant_role(session, u)
    grantees = _grantees(session, u.grantees)
    roles = session.role_memberships()
    su = session.is_superuser
    if u.columns:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "column privileges are not supported yet")
    if u.object_kind == "database":
        letters = _letters(u.privileges, DATABASE_ALL, "database")
        inst = session.instance
        for _schema, name in u.objects:
            rec = inst.cluster().databases.get(name)
            if rec is None:
                raise SqlError(sqlstate.INVALID_CATALOG_NAME, f'database "{name}" does not exist')
            check_owner(roles, su, rec.owner, "database", name)
            acl = acl_grant(rec.acl, grantees, letters) if u.is_grant else acl_revoke(rec.acl, grantees, letters)
            inst.set_database_acl(rec, acl).result()
        return _done(tag)
    catalog = session.catalog()
    if u.object_kind == "schema":
        letters = _letters(u.privileges, SCHEMA_ALL, "schema")
        for _s, name in u.objects:
            s = catalog.schema(name)
            if s is None:
                raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{name}" does not exist')
            check_owner(roles, su, s.owner, "schema", name)
            acl = acl_grant(s.acl, grantees, letters) if u.is_grant else acl_revoke(s.acl, grantees, letters)
            s2 = Schema(s.oid, s.name, s.owner, acl)
            session.txn().put_catalog(nsp_key(s.oid), encode_schema(s2))
            catalog = catalog.with_schema(s2)
            session.set_local_catalog(catalog)
        return _done(tag)
    rels: list[Any] = []
    if u.object_kind in ("all_tables", "all_sequences"):
        want = "r" if u.object_kind == "all_tables" else "S"
        for _s, sname in u.objects:
            s = catalog.schema(sname)
            if s is None:
                raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{sname}" does not exist')
            rels.extend(r for r in catalog.relations.values() if r.schema_oid == s.oid and r.kind == want)
    else:
        for schema, name in u.objects:
            rel = session.lookup_relation(schema, name, catalog)
            if rel is None or getattr(rel, "virtual", False):
                if rel is not None:
                    raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for table {name}")
                raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{name}" does not exist')
            if u.object_kind == "sequence" and rel.kind != "S":
                raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{name}" is not a sequence')
            rels.append(rel)
    for rel in rels:
        allowed = SEQUENCE_ALL if rel.kind == "S" else TABLE_ALL
        letters = _letters(u.privileges, allowed, "sequence" if rel.kind == "S" else "table")
        check_owner(roles, su, rel.owner, "sequence" if rel.kind == "S" else "table", rel.name)
        acl = acl_grant(rel.acl, grantees, letters) if u.is_grant else acl_revoke(rel.acl, grantees, letters)
        if rel.kind == "S":
            new_rel: Any = Sequence(**{**rel.__dict__, "acl": acl})
        else:
            new_rel = replace_table(rel, acl=acl)
        catalog = _write_relation(session, catalog, new_rel)
    return _done(tag)


def _grant_role(session: Any, u: GrantStmt) -> Result:
    inst = session.instance
    snap = inst.cluster()
    me = snap.roles.by_oid.get(session.current_role.oid)
    if not (me.superuser or me.createrole):
        raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE,
                       f'must have admin option on role "{u.privileges[0]}"')
    parents = []
    for name in u.privileges:
        r = snap.roles.get(name)
        if r is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{name}" does not exist')
        if r.superuser and not me.superuser:
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "must be superuser to alter superusers")
        parents.append(r.oid)
    for gname in u.grantees:
        member = snap.roles.get(gname)
        if member is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{gname}" does not exist')
        if member.oid in parents:
            raise SqlError(sqlstate.INVALID_GRANT_OPERATION, f'role "{gname}" is a member of role "{gname}"')
        inst.set_role_membership(member, parents, u.is_grant).result()
        snap = inst.cluster()
    return _done("GRANT ROLE" if u.is_grant else "REVOKE ROLE")


def set_role(session: Any, u: SetStmt) -> Result:
    snap = session.instance.cluster()
    value = u.values[0] if u.values else None
    if u.name == "session_authorization":
        if not session.session_role.superuser and not session.original_superuser():
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, "permission denied to set session authorization")
        if value is None or value == "default":
            role = session.authenticated_role
        else:
            role = snap.roles.get(value)
            if role is None:
                raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{value}" does not exist')
        session.session_role = role
        session.current_role = role
        session.settings.force("session_authorization", role.name)
        session.settings.force("is_superuser", "on" if role.superuser else "off")
        return _done("SET")
    if value is None or value == "none":
        session.current_role = session.session_role
    else:
        role = snap.roles.get(value)
        if role is None:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'role "{value}" does not exist')
        sess = snap.roles.by_oid.get(session.session_role.oid, session.session_role)
        if not sess.superuser and role.oid not in _all_memberships(snap, sess.oid):
            raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f'permission denied to set role "{value}"')
        session.current_role = role
    session.settings.force("role", value or "none")
    session.settings.force("is_superuser", "on" if session.is_superuser else "off")
    return _done("SET")


def _all_memberships(snap: Any, oid: int) -> set[int]:
    seen = {oid}
    stack = [oid]
    while stack:
        r = snap.roles.by_oid.get(stack.pop())
        if r is None:
            continue
        for p in r.member_of:
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen


def savepoint_statement(session: Any, u: TransactionStmt) -> Result:
    if not session._in_block:
        what = {"savepoint": "SAVEPOINT", "release": "RELEASE SAVEPOINT"}.get(u.action, "ROLLBACK TO SAVEPOINT")
        raise SqlError(sqlstate.NO_ACTIVE_SQL_TRANSACTION, f"{what} can only be used in transaction blocks")
    stack: list[tuple[str, int, Any]] = session.savepoints
    txn = session.txn()
    if u.action == "savepoint":
        stack.append((u.name, txn.savepoint(), session._local_catalog))
        return _done("SAVEPOINT")
    idx = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == u.name), None)
    if idx is None:
        raise SqlError(sqlstate.INVALID_SAVEPOINT_SPECIFICATION, f'savepoint "{u.name}" does not exist')
    name, token, local_cat = stack[idx]
    if u.action == "release":
        txn.release_savepoint(token)
        del stack[idx:]
        return _done("RELEASE")
    # rollback to: the savepoint itself stays
    txn.rollback_to_savepoint(token)
    del stack[idx + 1:]
    session._local_catalog = local_cat
    session._failed = False
    return _done("ROLLBACK")


_unused = (PUBLIC_OID,)
