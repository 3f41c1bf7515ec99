"""Column and constraint definitions of CREATE TABLE / ALTER TABLE: sqlglot nodes to catalog
columns, sequences (serial, identity) and constraints, with PostgreSQL's names and checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from auth.privileges import has_privilege
from sql import sqlstate
from sql import typesys as T
from sql.catalog import Catalog, Column, Constraint, Index, Sequence, Table, replace_table
from sql.catalog_views.objects import quote_ident
from sql.constraints import (
    check_column_refs,
    choose_name,
    column_names_addition,
    compile_check,
    reference_parts,
    validate_check,
)
from sql.errors import SqlError
from sql.executor import ddl_util as U
from sql.expr import identifier_name

INT_BOUNDS = {T.INT2: (-(2**15), 2**15 - 1), T.INT4: (-(2**31), 2**31 - 1), T.INT8: (-(2**63), 2**63 - 1)}


@dataclass
class ConSpec:
    """A constraint as written, before names and positions are resolved."""

    kind: str  # p, u, c, f
    name: str | None
    columns: list[str] = field(default_factory=list)
    expr: exp.Expression | None = None
    ref: exp.Reference | None = None
    no_inherit: bool = False
    deferrable: bool = False
    deferred: bool = False
    not_valid: bool = False
    nulls_not_distinct: bool = False


@dataclass
class ColumnSpec:
    column: Column
    constraints: list[ConSpec]
    serial: int | None = None  # serial type oid
    identity: dict[str, Any] | None = None  # {'always': bool, sequence options...}


def column_spec(session: Any, item: exp.ColumnDef, table_name: str, notices: list[SqlError]) -> ColumnSpec:
    cname = U.truncate_name(identifier_name(item.this), notices)
    kind = item.args.get("kind")
    if kind is None:
        raise SqlError(sqlstate.SYNTAX_ERROR, f'column "{cname}" has no type')
    serial_type = T.SERIAL_TYPES.get(kind.this)
    type_oid, typmod = (serial_type, -1) if serial_type else T.resolve_datatype(kind)
    dom = None if serial_type else T.domain_of(kind)
    not_null = False
    default: str | None = None
    generated = ""
    identity: dict[str, Any] | None = None
    cons: list[ConSpec] = []
    for cc in item.args.get("constraints") or []:
        k = cc.args.get("kind")
        name = identifier_name(cc.this) if cc.this is not None else None
        if isinstance(k, exp.NotNullColumnConstraint):
            not_null = not k.args.get("allow_null")
        elif isinstance(k, exp.PrimaryKeyColumnConstraint):
            cons.append(ConSpec("p", name, [cname], **deferral(k)))
        elif isinstance(k, exp.UniqueColumnConstraint):
            cons.append(ConSpec("u", name, [cname], nulls_not_distinct=bool(k.args.get("nulls")), **deferral(k)))
        elif isinstance(k, exp.DefaultColumnConstraint):
            if default is not None:
                raise SqlError(sqlstate.SYNTAX_ERROR,
                               f'multiple default values specified for column "{cname}" of table "{table_name}"')
            if generated:
                raise SqlError(sqlstate.SYNTAX_ERROR,
                               f'both default and generation expression specified for column "{cname}" of table '
                               f'"{table_name}"')
            default = k.this.sql("postgres")
        elif isinstance(k, exp.CheckColumnConstraint):
            cons.append(ConSpec("c", name, [], k.this, no_inherit=bool(k.args.get("no_inherit"))))
        elif isinstance(k, exp.Reference):
            cons.append(ConSpec("f", name, [cname], ref=k, **deferral(k)))
        elif isinstance(k, exp.ComputedColumnConstraint):
            if generated:
                raise SqlError(sqlstate.SYNTAX_ERROR,
                               f'multiple generation clauses specified for column "{cname}" of table "{table_name}"')
            if default is not None:
                raise SqlError(sqlstate.SYNTAX_ERROR,
                               f'both default and generation expression specified for column "{cname}" of table '
                               f'"{table_name}"')
            generated = "s"
            default = k.this.sql("postgres")
        elif isinstance(k, exp.GeneratedAsIdentityColumnConstraint):
            if k.args.get("expression") is not None:
                raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "generated columns are not supported yet")
            identity = {"always": bool(k.this)}
            for key in ("start", "increment", "minvalue", "maxvalue", "cache"):
                v = k.meta.get(key) if key == "cache" else k.args.get(key)
                if v is not None:
                    identity[key] = int(v.sql("postgres").replace(" ", ""))
            if k.args.get("cycle"):
                identity["cycle"] = True
        elif isinstance(k, (exp.CollateColumnConstraint,)):
            continue
        else:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"column constraint not supported yet: {cc.sql('postgres')}")
    if identity is not None:
        if default is not None:
            raise SqlError(sqlstate.SYNTAX_ERROR,
                           f'both default and identity specified for column "{cname}" of table "{table_name}"')
        if type_oid not in INT_BOUNDS:
            raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                           "identity column type must be smallint, integer, or bigint")
        not_null = True
    if serial_type:
        not_null = True
    if generated and identity is not None:
        raise SqlError(sqlstate.SYNTAX_ERROR,
                       f'both identity and generation expression specified for column "{cname}" of table '
                       f'"{table_name}"')
    col = Column(cname, type_oid, typmod, not_null, default, 0, "a" if identity and identity["always"] else
                 ("d" if identity else ""), generated=generated, domain=dom.oid if dom is not None else 0)
    return ColumnSpec(col, cons, serial_type, identity)


def table_constraint_specs(item: exp.Expression) -> list[ConSpec]:
    """Specs of a table-level constraint element (None name unless CONSTRAINT x)."""
    name = None
    subs = [item]
    if isinstance(item, exp.Constraint):
        name = identifier_name(item.this)
        subs = list(item.expressions)
    out = []
    for sub in subs:
        if isinstance(sub, exp.PrimaryKey):
            out.append(ConSpec("p", name, [identifier_name(i.this if isinstance(i, exp.Ordered) else i)
                                           for i in sub.expressions], **deferral(sub)))
        elif isinstance(sub, exp.UniqueColumnConstraint):
            schema = sub.this
            cols = [identifier_name(i) for i in schema.expressions] if isinstance(schema, exp.Schema) else []
            out.append(ConSpec("u", name, cols, nulls_not_distinct=bool(sub.args.get("nulls")), **deferral(sub)))
        elif isinstance(sub, exp.CheckColumnConstraint):
            out.append(ConSpec("c", name, [], sub.this, no_inherit=bool(sub.args.get("no_inherit"))))
        elif isinstance(sub, exp.ForeignKey):
            out.append(ConSpec("f", name, [identifier_name(i) for i in sub.expressions], ref=sub.args["reference"],
                               **deferral(sub.args["reference"])))
        else:
            raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED,
                           f"table constraint not supported yet: {item.sql('postgres')}")
    return out


def deferral(node: exp.Expression) -> dict[str, bool]:
    """DEFERRABLE / INITIALLY DEFERRED among a constraint node's options (INITIALLY DEFERRED implies DEFERRABLE)."""
    words = [(o if isinstance(o, str) else o.sql("postgres") if hasattr(o, "sql") else str(o)).upper().strip()
             for o in node.args.get("options") or []]
    deferred = "INITIALLY DEFERRED" in words
    return {"deferrable": deferred or "DEFERRABLE" in words, "deferred": deferred}


def sequence_for_column(session: Any, catalog: Catalog, schema: Any, table_oid: int, table_name: str, col: Column,
                        options: dict[str, Any], identity: bool, taken: set[str]) -> Sequence:
    options = {k: v for k, v in options.items() if v is not None}  # NO MINVALUE / NO MAXVALUE: the defaults
    if "sequence_name" in options:  # SEQUENCE NAME [schema.]name
        seq_schema, name = options["sequence_name"]
        if seq_schema:
            schema = catalog.schema(seq_schema)
            if schema is None:
                raise SqlError(sqlstate.INVALID_SCHEMA_NAME, f'schema "{seq_schema}" does not exist')
        if name in taken or catalog.name_taken(schema.oid, name):
            raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{name}" already exists')
    else:
        name = choose_name(table_name, col.name, "seq", U.relation_name_taken(catalog, schema.oid, taken))
    taken.add(name)
    lo, hi = INT_BOUNDS[col.type_oid]
    inc = options.get("increment", 1)
    if inc == 0:
        raise SqlError(sqlstate.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero")
    minv = options.get("minvalue", 1 if inc > 0 else lo)
    maxv = options.get("maxvalue", hi if inc > 0 else -1)
    start = options.get("start", minv if inc > 0 else maxv)
    return Sequence(session.db.allocate_oid(), name, schema.oid, session.current_role.oid, start, inc, minv, maxv,
                    bool(options.get("cycle")), (table_oid, col.attnum), type_oid=col.type_oid, identity=identity,
                    cache=options.get("cache", 1))


def nextval_default(catalog: Catalog, seq: Sequence) -> str:
    s = catalog.schemas.get(seq.schema_oid)
    qualified = quote_ident(seq.name) if s is None or s.name in ("public",) or s.name.startswith("pg_temp") \
        else f"{quote_ident(s.name)}.{quote_ident(seq.name)}"
    return f"nextval('{qualified}'::regclass)"


# constraints ---------------------------------------------------------------------------------------
class ConstraintAdder:
    """Adds constraints to a table definition: names, indexes, validation of references."""

    def __init__(self, session: Any, catalog: Catalog, table: Table, notices: list[SqlError]) -> None:
        self.session = session
        self.catalog = catalog
        self.table = table
        self.notices = notices
        self.taken_rel: set[str] = set()
        self.taken_con: set[str] = set(c.name for c in table.constraints)
        self.new_indexes: list[Index] = []
        self.new_constraints: list[Constraint] = []

    def positions(self, names: list[str], what: str = "key") -> tuple[int, ...]:
        out = []
        for n in names:
            p = self.table.column_positions.get(n)
            if p is None:
                if what == "key":
                    raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{n}" named in key does not exist')
                raise SqlError(sqlstate.UNDEFINED_COLUMN,
                               f'column "{n}" referenced in foreign key constraint does not exist')
            if p in out and what == "key":
                raise SqlError(sqlstate.DUPLICATE_COLUMN, f'column "{n}" appears twice in primary key constraint')
            out.append(p)
        return tuple(out)

    def _con_name_taken(self, n: str) -> bool:
        return n in self.taken_con or n in self.catalog.constraint_names(self.table.schema_oid)

    def _rel_name_taken(self, n: str) -> bool:
        return self.catalog.name_taken(self.table.schema_oid, n) or n in self.taken_rel

    def add(self, spec: ConSpec) -> Constraint | None:
        t = self.table
        if spec.kind in ("p", "u"):
            return self._add_index_constraint(spec)
        if spec.kind == "c":
            assert spec.expr is not None
            validate_check(spec.expr)
            refs = check_column_refs(spec.expr)
            for r in refs:
                if r not in t.column_positions:
                    raise SqlError(sqlstate.UNDEFINED_COLUMN, f'column "{r}" does not exist')
            name = spec.name
            if name is None:
                name = choose_name(t.name, refs[0] if len(refs) == 1 else None, "check", self._con_name_taken)
            elif name in self.taken_con or any(c.name == name for c in t.constraints):
                raise SqlError(sqlstate.DUPLICATE_OBJECT,
                               f'constraint "{name}" for relation "{t.name}" already exists')
            text = spec.expr.sql("postgres")
            compile_check(self.session, self.catalog, t, text)  # type errors now
            con = Constraint(self.session.db.allocate_oid(), name, "c", expr=text, no_inherit=spec.no_inherit,
                             validated=not spec.not_valid)
        else:
            con = self._foreign_key(spec)
        self.taken_con.add(con.name)
        self.table = replace_table(t, constraints=t.constraints + (con,))
        self.new_constraints.append(con)
        return con

    def _add_index_constraint(self, spec: ConSpec) -> Constraint | None:
        t = self.table
        cols = self.positions(spec.columns)
        if spec.kind == "p":
            if t.primary_key is not None:
                raise SqlError(sqlstate.INVALID_TABLE_DEFINITION,
                               f'multiple primary keys for table "{t.name}" are not allowed')
            columns = list(t.columns)
            for p in cols:
                columns[p] = replace_table(columns[p], not_null=True)
            t = replace_table(t, columns=tuple(columns))
        elif any(ix.columns == cols and ix.unique and ix.constraint and ix.nulls_not_distinct == spec.nulls_not_distinct
                 for ix in t.indexes) and spec.name is None:
            return None
        name = spec.name
        if name is None:
            if spec.kind == "p":
                name = choose_name(t.name, None, "pkey", self._rel_name_taken)
            else:
                name = choose_name(t.name, column_names_addition([t.columns[p].name for p in cols]), "key",
                                   self._rel_name_taken)
        elif self._rel_name_taken(name):
            raise SqlError(sqlstate.DUPLICATE_TABLE, f'relation "{name}" already exists')
        self.taken_rel.add(name)
        self.taken_con.add(name)
        index = Index(self.session.db.allocate_oid(), name, cols, unique=True, primary=spec.kind == "p",
                      constraint=True, nulls_not_distinct=spec.nulls_not_distinct)
        con = Constraint(self.session.db.allocate_oid(), name, spec.kind, cols, index.oid,
                         deferrable=spec.deferrable, deferred=spec.deferred)
        self.table = replace_table(t, indexes=t.indexes + (index,), constraints=t.constraints + (con,))
        self.new_indexes.append(index)
        self.new_constraints.append(con)
        return con

    def _foreign_key(self, spec: ConSpec) -> Constraint:
        t = self.table
        assert spec.ref is not None
        target, ref_names, opts = reference_parts(spec.ref)
        tname = identifier_name(target.this)
        tschema = identifier_name(target.args["db"]) if target.args.get("db") else None
        found = U.lookup(self.session, self.catalog, tschema, tname)
        own_schema = self.catalog.schemas.get(t.schema_oid)
        if (found is not None and found.oid == t.oid) or (found is None and tname == t.name and (
                tschema is None or (own_schema is not None and own_schema.name == tschema))):
            parent = t
        else:
            parent = found
            if parent is None:
                raise SqlError(sqlstate.UNDEFINED_TABLE, f'relation "{tname}" does not exist')
            if not isinstance(parent, Table):
                raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'referenced relation "{tname}" is not a table')
            if not self.session.is_superuser and not has_privilege(self.session.role_memberships(), False,
                                                                   parent.owner, parent.acl, "x"):
                raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for table {parent.name}")
            if parent.persistence == "t" and t.persistence != "t":
                raise SqlError(sqlstate.INVALID_TABLE_DEFINITION,
                               "constraints on permanent tables may reference only permanent tables")
        cols = self.positions(spec.columns, "fk")
        if ref_names:
            pcols = tuple(_ref_position(parent, n) for n in ref_names)
        else:
            pk = parent.primary_key
            if pk is None:
                raise SqlError(sqlstate.UNDEFINED_OBJECT,
                               f'there is no primary key for referenced table "{parent.name}"')
            pcols = pk.columns
        if len(cols) != len(pcols):
            raise SqlError(sqlstate.INVALID_FOREIGN_KEY,
                           "number of referencing and referenced columns for foreign key disagree")
        index_oid = 0
        for ix in parent.indexes:
            if ix.unique and not ix.predicate and set(ix.columns) == set(pcols) and len(ix.columns) == len(pcols):
                index_oid = ix.oid
                break
        if not index_oid:
            raise SqlError(sqlstate.INVALID_FOREIGN_KEY,
                           f'there is no unique constraint matching given keys for referenced table "{parent.name}"')
        name = spec.name
        if name is None:
            name = choose_name(t.name, column_names_addition([t.columns[p].name for p in cols]), "fkey",
                               self._con_name_taken)
        elif name in self.taken_con or any(c.name == name for c in t.constraints):
            raise SqlError(sqlstate.DUPLICATE_OBJECT, f'constraint "{name}" for relation "{t.name}" already exists')
        for c, p in zip(cols, pcols):
            ct, pt = t.columns[c].type_oid, parent.columns[p].type_oid
            if not _comparable(ct, pt):
                raise SqlError(sqlstate.DATATYPE_MISMATCH, f'foreign key constraint "{name}" cannot be implemented',
                               detail=f'Key columns "{t.columns[c].name}" and "{parent.columns[p].name}" are of '
                                      f"incompatible types: {T.type_name(ct)} and {T.type_name(pt)}.")
        return Constraint(self.session.db.allocate_oid(), name, "f", cols, index_oid, ref_table=parent.oid,
                          ref_columns=pcols, on_delete=opts["on_delete"], on_update=opts["on_update"],
                          match=opts["match"], deferrable=spec.deferrable, deferred=spec.deferred,
                          validated=not spec.not_valid)


def _ref_position(parent: Table, name: str) -> int:
    p = parent.column_positions.get(name)
    if p is None:
        raise SqlError(sqlstate.UNDEFINED_COLUMN,
                       f'column "{name}" referenced in foreign key constraint does not exist')
    return p


def _comparable(a: int, b: int) -> bool:
    if a == b:
        return True
    cats = {T.category(a), T.category(b)}
    if len(cats) == 1 and cats <= {"N", "S", "D"}:
        return T.implicit_castable(a, b) or T.implicit_castable(b, a)
    return False
