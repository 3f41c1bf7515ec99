"""The type system as the analyzer sees it: OIDs, categories, coercion and common types.

This is the one place the engine asks "what type is this name", "can X become Y implicitly",
"what type do X and Y meet at". Per-type I/O lives in :mod:`sql.datatypes`; this module
wraps it in the few calls the compiler needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlglot import exp

from sql import sqlstate
from sql.datatypes import casts as _casts
from sql.datatypes import extra_io as _extra_io
from sql.datatypes import registry as _reg
from sql.errors import SqlError

BOOL, BYTEA, CHAR, NAME, INT8, INT2, INT4, TEXT, OID = 16, 17, 18, 19, 20, 21, 23, 25, 26
JSON, FLOAT4, FLOAT8, UNKNOWN, BPCHAR, VARCHAR = 114, 700, 701, 705, 1042, 1043
DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL, NUMERIC, UUID, JSONB = 1082, 1083, 1114, 1184, 1186, 1700, 2950, 3802
JSONPATH = 4072
REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, VOID, RECORD = 2205, 2206, 24, 4089, 2278, 2249
INET, CIDR, BIT, VARBIT, TIMETZ = 869, 650, 1560, 1562, 1266
TSRANGE, TSTZRANGE, DATERANGE = 3908, 3910, 3912
TSMULTIRANGE, TSTZMULTIRANGE, DATEMULTIRANGE = 4533, 4534, 4535
ANY = -1  # pseudo: matches any type in function signatures
ANYARRAY = 2277
ANYELEMENT = 2283

INT_TYPES = (INT2, INT4, INT8)
NUMERIC_RANK = {INT2: 0, INT4: 1, INT8: 2, OID: 2, NUMERIC: 3, FLOAT4: 4, FLOAT8: 5}
STRING_TYPES = (TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN, CHAR)
DATETIME_RANK = {DATE: 0, TIMESTAMP: 1, TIMESTAMPTZ: 2}


def type_name(oid: int) -> str:
    """The name PG uses in error messages (format_type without typmod)."""
    if oid == UNKNOWN:
        return "unknown"
    if oid in _ENUMS:
        return _ENUMS[oid].name
    if oid in _USER:
        return _USER[oid].name
    if oid in _DOMAIN_NAMES:
        return _DOMAIN_NAMES[oid]
    if oid in _EXT_NAMES:
        return _EXT_NAMES[oid]
    if oid in _USER_ARRAYS:
        return type_name(_USER_ARRAYS[oid]) + "[]"
    try:
        return _reg.format_type(oid, -1)
    except Exception:
        return str(oid)


def user_type_name(oid: int) -> str | None:
    """typname of an enum or composite type (of the element for their arrays), else None."""
    oid = _USER_ARRAYS.get(oid, oid)
    if oid in _ENUMS:
        return str(_ENUMS[oid].name)
    if oid in _USER:
        return str(_USER[oid].name)
    return _EXT_NAMES.get(oid)


def category(oid: int) -> str:
    if oid in _ENUMS:
        return "E"
    if oid in _USER:
        return "C"
    if oid in _EXT:
        return "U"
    if oid in _USER_ARRAYS:
        return "A"
    try:
        return _reg.type_by_oid(oid).category
    except Exception:
        return "U"


def element_type(oid: int) -> int:
    if oid in _USER_ARRAYS:
        return _USER_ARRAYS[oid]
    try:
        return _reg.type_by_oid(oid).elem_oid
    except Exception:
        return 0


def array_type(oid: int) -> int:
    if oid in _ENUMS:
        return _ENUMS[oid].array_oid
    if oid in _USER:
        return _USER[oid].array_oid
    if oid in _EXT_ARRAYS:
        return _EXT_ARRAYS[oid]
    try:
        return _reg.type_by_oid(oid).array_oid
    except Exception:
        return 0


def is_array(oid: int) -> bool:
    return element_type(oid) != 0 and category(oid) == "A"


def format_type(oid: int, typmod: int = -1) -> str:
    if oid in _ENUMS:
        return _ENUMS[oid].name
    if oid in _USER or oid in _USER_ARRAYS or oid in _EXT:
        return type_name(oid)
    return _reg.format_type(oid, typmod)


_SQLGLOT_NAMES: dict[Any, str] = {
    exp.DataType.Type.INT: "int4", exp.DataType.Type.SMALLINT: "int2", exp.DataType.Type.BIGINT: "int8",
    exp.DataType.Type.SERIAL: "int4", exp.DataType.Type.BIGSERIAL: "int8",
    exp.DataType.Type.SMALLSERIAL: "int2", exp.DataType.Type.FLOAT: "float4",
    exp.DataType.Type.DOUBLE: "float8", exp.DataType.Type.DECIMAL: "numeric",
    exp.DataType.Type.TEXT: "text", exp.DataType.Type.VARCHAR: "varchar", exp.DataType.Type.CHAR: "bpchar",
    exp.DataType.Type.BPCHAR: "bpchar", exp.DataType.Type.BOOLEAN: "bool", exp.DataType.Type.DATE: "date",
    exp.DataType.Type.TIMESTAMP: "timestamp", exp.DataType.Type.TIMESTAMPTZ: "timestamptz",
    exp.DataType.Type.TIME: "time", exp.DataType.Type.INTERVAL: "interval", exp.DataType.Type.UUID: "uuid",
    exp.DataType.Type.VARBINARY: "bytea", exp.DataType.Type.JSON: "json", exp.DataType.Type.JSONB: "jsonb",
    exp.DataType.Type.NAME: "name",
}
SERIAL_TYPES = {exp.DataType.Type.SERIAL: INT4, exp.DataType.Type.BIGSERIAL: INT8,
                exp.DataType.Type.SMALLSERIAL: INT2}


def resolve_datatype(dt: exp.DataType) -> tuple[int, int]:
    """A sqlglot DataType to (type OID, typmod)."""
    t = dt.this
    params = [int(p.this.this if isinstance(p, exp.DataTypeParam) else p.name) for p in dt.expressions
              if not isinstance(p, exp.DataType)]
    if t == exp.DataType.Type.ARRAY:
        inner = dt.expressions[0] if dt.expressions else None
        if not isinstance(inner, exp.DataType):
            raise SqlError(sqlstate.SYNTAX_ERROR, "array type without element type")
        elem, typmod = resolve_datatype(inner)
        arr = array_type(elem) if not is_array(elem) else elem
        if not arr:
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f"type {type_name(elem)}[] does not exist")
        return arr, typmod
    name = _SQLGLOT_NAMES.get(t)
    if name is None:
        if t == exp.DataType.Type.USERDEFINED:
            kind = dt.args.get("kind")
            if isinstance(kind, exp.Dot):
                schema = kind.this.name if getattr(kind.this, "quoted", False) else kind.this.name.lower()
                if schema != "pg_catalog":
                    ident = kind.expression
                    tname = ident.name if getattr(ident, "quoted", False) else ident.name.lower()
                    hit = _SCOPE[3].get((schema, tname))
                    if hit is None:
                        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'type "{schema}.{tname}" does not exist')
                    return hit if isinstance(hit, tuple) else (hit, -1)
                kind = kind.expression
            ident = kind
            name = ident.name if getattr(ident, "quoted", False) else ident.name.lower()
            if name in _SCOPE[1]:
                hit = _SCOPE[1][name]
                return hit if isinstance(hit, tuple) else (hit, -1)
            if name == "char" and getattr(ident, "quoted", False):
                name = '"char"'
        else:
            name = str(t.value if hasattr(t, "value") else t).lower()
    if t == exp.DataType.Type.DOUBLE and params:
        name = "float4" if params[0] <= 24 else "float8"
        params = []
    ext = _SCOPE[1].get(name)
    if isinstance(ext, int) and ext in _EXT:  # a name sqlglot knows (hstore) of a type an extension created
        return ext, -1
    try:
        pgt = _reg.type_by_name(name)
    except SqlError:
        raise
    except Exception:
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'type "{name}" does not exist') from None
    typmod = _reg.parse_type_modifiers(pgt.oid, params) if params else -1
    if t in (exp.DataType.Type.CHAR, exp.DataType.Type.BIT) and not params:
        typmod = _reg.parse_type_modifiers(pgt.oid, [1])
    return pgt.oid, typmod


def implicit_castable(src: int, dst: int) -> bool:
    if src == dst or src == UNKNOWN:
        return True
    if dst in _USER:
        return src == RECORD
    if src in _ENUMS or dst in _ENUMS:
        return False
    return _casts.cast_context(src, dst) == "i"


def assignment_castable(src: int, dst: int) -> bool:
    if src == dst or src == UNKNOWN:
        return True
    if dst in _USER or src in _USER:
        return src == RECORD or dst in (TEXT, VARCHAR, BPCHAR, NAME)
    if src in _ENUMS or dst in _ENUMS:
        return src in _ENUMS and dst in (TEXT, VARCHAR, BPCHAR, NAME)
    return _casts.cast_context(src, dst) in ("i", "a")


def cast_fn(src: int, dst: int, typmod: int = -1, explicit: bool = True, tz: Any = None) -> Callable | None:
    if src in _EXT or dst in _EXT:  # an extension's base type: through its text form
        if src == dst:
            return lambda v: v
        if dst in _EXT and src in (TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN):
            return _EXT[dst]["in"]  # type: ignore[no-any-return]
        if src in _EXT and dst in (TEXT, VARCHAR, BPCHAR, NAME):
            return _EXT[src]["out"]  # type: ignore[no-any-return]
        return None
    if (src in _USER_ARRAYS or dst in _USER_ARRAYS) and (element_type(src) in _ENUMS or element_type(dst) in _ENUMS) \
            and is_array(src) and is_array(dst):
        elem = _enum_cast(element_type(src), element_type(dst))  # text[] <-> enum[], element by element
        if elem is None:
            return None
        from sql.datatypes.arrays import map_elements

        return lambda v: map_elements(v, elem)
    if src in _USER or dst in _USER or src in _USER_ARRAYS or dst in _USER_ARRAYS:
        from sql import composite

        return composite.cast(src, dst)
    if src in _ENUMS or dst in _ENUMS:
        return _enum_cast(src, dst)
    if tz is not None:
        return _casts.cast_function(src, dst, typmod, explicit=explicit, tz=tz)
    return _casts.cast_function(src, dst, typmod, explicit=explicit)


def _preferred(oid: int) -> bool:
    try:
        return bool(_reg.type_by_oid(oid).preferred)
    except Exception:
        return False


def common_type(types: list[int], context: str = "UNION") -> int:
    """The type values of several types meet at.

    For UNION/CASE/VALUES/ARRAY/COALESCE... this is PostgreSQL's select_common_type: start from
    the first known type and move to a later one only when the current one is not preferred and
    converts to it implicitly but not back. Binary operators (context "operator", "JOIN", "ANY")
    use the widest member of the category instead, as operator resolution effectively does."""
    known = [t for t in types if t != UNKNOWN]
    if not known:
        return TEXT
    first = known[0]
    if all(t == first for t in known):
        return first
    if context not in ("operator", "JOIN", "ANY"):
        p = first
        for n in known[1:]:
            if n == p:
                continue
            if category(n) != category(p) and not (implicit_castable(n, p) or implicit_castable(p, n)):
                raise SqlError(sqlstate.DATATYPE_MISMATCH,
                               f"{context} types {type_name(p)} and {type_name(n)} cannot be matched")
            if not _preferred(p) and implicit_castable(p, n) and not implicit_castable(n, p):
                p = n
        if all(t == p or implicit_castable(t, p) for t in known):
            return p
    if all(t in NUMERIC_RANK for t in known):
        return max(known, key=lambda t: NUMERIC_RANK[t])
    if all(t in STRING_TYPES for t in known):
        return TEXT
    if all(t in DATETIME_RANK for t in known):
        return max(known, key=lambda t: DATETIME_RANK[t])
    result = first
    for t in known[1:]:
        if t == result:
            continue
        if implicit_castable(t, result):
            continue
        if implicit_castable(result, t):
            result = t
            continue
        raise SqlError(sqlstate.DATATYPE_MISMATCH,
                       f"{context} types {type_name(result)} and {type_name(t)} cannot be matched")
    return result


_TYPMOD_TYPES = {BPCHAR, VARCHAR, NUMERIC, TIMESTAMP, TIMESTAMPTZ, TIME, INTERVAL}


def typmod_fn(oid: int, typmod: int, explicit: bool) -> Callable[[Any], Any] | None:
    """A function applying `typmod` to values of type `oid`, or None when it changes nothing."""
    if typmod < 0:
        return None
    base = element_type(oid) if is_array(oid) else oid
    if base not in _TYPMOD_TYPES and base not in _extra_io.TYPMODS:
        return None
    from sql.datatypes import apply_typmod

    if base != oid:
        def per_elem(v: Any) -> Any:
            if isinstance(v, list):
                return [per_elem(x) for x in v]
            return None if v is None else apply_typmod(base, v, typmod, explicit=explicit)
        return per_elem
    return lambda v: apply_typmod(oid, v, typmod, explicit=explicit)


# I/O and storage-form wrappers around sql.datatypes ------------------------------------------
def text_input(oid: int, typmod: int = -1, tz: Any = None) -> Callable[[str], Any]:
    from sql import datatypes

    oid = _DOMAIN_BASE.get(oid, oid)  # a parameter described as a domain has its base's I/O
    if oid in _EXT:
        return _EXT[oid]["in"]  # type: ignore[no-any-return]
    if oid in _ENUMS:
        return _ENUMS[oid].parse
    if oid in _USER or oid in _USER_ARRAYS:
        from sql import composite

        return composite.input_fn(oid)

    if tz is not None and oid in (TIMESTAMPTZ, TSTZRANGE, TSTZMULTIRANGE):
        return datatypes.input_function(oid, typmod, tz=tz)
    return datatypes.input_function(oid, typmod)


def text_output(oid: int, tz: Any = None) -> Callable[[Any], str]:
    from sql import datatypes

    oid = _DOMAIN_BASE.get(oid, oid)  # a parameter described as a domain has its base's I/O
    if oid in _EXT:
        return _EXT[oid]["out"]  # type: ignore[no-any-return]
    if oid in _ENUMS:
        return str
    if oid in _USER or oid in _USER_ARRAYS:
        from sql import composite

        return composite.output_fn(oid)

    if tz is not None and oid in (TIMESTAMPTZ, TSTZRANGE, TSTZMULTIRANGE):
        return datatypes.output_function(oid, tz=tz)
    return datatypes.output_function(oid)


def binary_input(oid: int) -> Callable[[bytes], Any]:
    from sql import datatypes

    oid = _DOMAIN_BASE.get(oid, oid)  # a parameter described as a domain has its base's I/O
    if oid in _EXT:
        return _EXT[oid]["recv"]  # type: ignore[no-any-return]
    if oid in _ENUMS:
        info = _ENUMS[oid]
        return lambda b: info.parse(b.decode())
    if oid in _USER or oid in _USER_ARRAYS:
        from sql import composite_binary

        return composite_binary.binary_input(oid)

    return datatypes.binary_input_function(oid)


def binary_output(oid: int) -> Callable[[Any], bytes]:
    from sql import datatypes

    oid = _DOMAIN_BASE.get(oid, oid)  # a parameter described as a domain has its base's I/O
    if oid in _EXT:
        return _EXT[oid]["send"]  # type: ignore[no-any-return]
    if oid in _ENUMS:
        return lambda v: str(v).encode()
    if oid in _USER or oid in _USER_ARRAYS:
        from sql import composite_binary

        return composite_binary.binary_output(oid)

    return datatypes.binary_output_function(oid)


#: Built-in types whose binary form is their text (textsend / textrecv and the like).
_TEXT_BINARY = frozenset({_reg.TEXT, _reg.VARCHAR, _reg.BPCHAR, _reg.NAME, _reg.UNKNOWN, _reg.JSON})


def binary_form_is_text(oid: int) -> bool:
    """Whether the binary form of ``oid`` is its text, so that it is sent and received in the client
    encoding (text, varchar, bpchar, name, unknown, json, enums; domains over them). jsonb is its
    text after a version byte (see :func:`binary_form_is_versioned_text`)."""
    oid = _DOMAIN_BASE.get(oid, oid)
    return oid in _TEXT_BINARY or oid in _ENUMS


def binary_form_is_versioned_text(oid: int) -> bool:
    """jsonb (or a domain over it): a version byte, then the text."""
    return _DOMAIN_BASE.get(oid, oid) == _reg.JSONB


def to_storage(oid: int) -> Callable[[Any], Any] | None:
    from sql import datatypes

    oid = _DOMAIN_BASE.get(oid, oid)  # a parameter described as a domain has its base's I/O
    if oid in _EXT:
        return _EXT[oid]["to_storage"]  # type: ignore[no-any-return]
    if oid in _ENUMS:
        return _enum_to_storage
    if oid in _USER or oid in _USER_ARRAYS:
        from sql import composite

        return composite.to_storage(oid)

    return datatypes.to_storage(oid)


def from_storage(oid: int) -> Callable[[Any], Any] | None:
    from sql import datatypes

    oid = _DOMAIN_BASE.get(oid, oid)  # a parameter described as a domain has its base's I/O
    if oid in _EXT:
        return _EXT[oid]["from_storage"]  # type: ignore[no-any-return]
    if oid in _ENUMS:
        return _ENUMS[oid].from_order
    if oid in _USER or oid in _USER_ARRAYS:
        from sql import composite

        return composite.from_storage(oid)

    return datatypes.from_storage(oid)


# enum types (CREATE TYPE ... AS ENUM) -----------------------------------------------------------------
# Registered per type OID when a catalog holding them is loaded. A value is an EnumValue: a str
# (its label) that orders by the label's sort position; it is stored as that position (a float), so
# index order is enum order. Unqualified type names resolve through the scope of the session's
# current catalog (set by use_catalog_types).


class EnumValue(str):
    """An enum label that compares by its sort position within its type."""

    order: float

    def __new__(cls, label: str, order: float) -> EnumValue:
        v = super().__new__(cls, label)
        v.order = order
        return v

    def _o(self, other: Any) -> float:
        return other.order if isinstance(other, EnumValue) else float(other)

    def __lt__(self, other: Any) -> bool:  # type: ignore[override]
        return self.order < self._o(other)

    def __le__(self, other: Any) -> bool:  # type: ignore[override]
        return self.order <= self._o(other)

    def __gt__(self, other: Any) -> bool:  # type: ignore[override]
        return self.order > self._o(other)

    def __ge__(self, other: Any) -> bool:  # type: ignore[override]
        return self.order >= self._o(other)

    __hash__ = str.__hash__
    __eq__ = str.__eq__
    __ne__ = str.__ne__


class EnumInfo:
    def __init__(self, oid: int, name: str, labels: list[tuple[str, float]], array_oid: int) -> None:
        self.oid = oid
        self.name = name
        self.array_oid = array_oid
        self.values = [EnumValue(lab, order) for lab, order in sorted(labels, key=lambda x: x[1])]
        self.by_label = {str(v): v for v in self.values}
        self.by_order = {v.order: v for v in self.values}

    def parse(self, text: str) -> EnumValue:
        v = self.by_label.get(text)
        if v is None:
            raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'invalid input value for enum {self.name}: "{text}"')
        return v

    def from_order(self, order: Any) -> EnumValue:
        v = self.by_order.get(order)
        if v is None:
            raise SqlError(sqlstate.DATA_CORRUPTED, f"invalid internal value for enum {self.name}: {order}")
        return v


_ENUMS: dict[int, EnumInfo] = {}
# [catalog types dict identity, {name: oid | (base oid, typmod)}, {name: domain}, {(schema, name): same as [1]}]
_SCOPE: list[Any] = [None, {}, {}, {}]
_EXT: dict[int, dict[str, Any]] = {}  # base types of extensions (hstore): oid -> I/O functions
_EXT_NAMES: dict[int, str] = {}
_DOMAIN_BASE: dict[int, int] = {}  # domain oid -> base type oid
_DOMAIN_NAMES: dict[int, str] = {}
_EXT_ARRAYS: dict[int, int] = {}  # element oid -> array oid
_USER: dict[int, Any] = {}  # composite types: oid -> catalog type record (typtype 'c')
_USER_ARRAYS: dict[int, int] = {}  # array oid -> element oid, for enum and composite types


def register_enum(oid: int, name: str, labels: list[tuple[str, float]], array_oid: int = 0) -> None:
    _ENUMS[oid] = EnumInfo(oid, name, labels, array_oid)


def enum_info(oid: int) -> EnumInfo | None:
    return _ENUMS.get(oid)


def use_catalog_types(catalog: Any) -> None:
    """Make the enum types of ``catalog`` the ones unqualified type names resolve to."""
    types = catalog.types
    if _SCOPE[0] is types:
        return
    names: dict[str, Any] = {}
    domains: dict[str, Any] = {}
    schema_names = {s.oid: s.name for s in catalog.schemas.values()}
    qualified: dict[tuple[str, str], Any] = {}
    for t in types.values():
        qualified[(schema_names.get(t.schema_oid, ""), t.name)] = (t.base_oid, t.base_typmod) if t.typtype == "d" \
            else t.oid
    for t in types.values():  # oids are per database: forget what another catalog registered for them
        _USER_ARRAYS.pop(t.oid, None)
        _EXT.pop(t.oid, None)
        _EXT_NAMES.pop(t.oid, None)
        _DOMAIN_BASE.pop(t.oid, None)
        _DOMAIN_NAMES.pop(t.oid, None)
        if t.typtype != "e":
            _USER_ARRAYS.pop(t.array_oid, None)
    for t in types.values():
        if t.typtype == "b":  # a base type an extension created
            from sql.hstore import EXTENSION_TYPES

            _ENUMS.pop(t.oid, None)
            _USER.pop(t.oid, None)
            _EXT[t.oid] = EXTENSION_TYPES[t.name]
            _EXT_NAMES[t.oid] = t.name
            names.setdefault(t.name, t.oid)
            if t.array_oid:
                _USER_ARRAYS[t.array_oid] = t.oid
                _EXT_ARRAYS[t.oid] = t.array_oid
            continue
        if t.typtype != "e":
            _ENUMS.pop(t.oid, None)  # oids are per database: drop what another catalog registered
            if t.typtype == "d":
                _USER.pop(t.oid, None)
                _DOMAIN_BASE[t.oid] = t.base_oid
                _DOMAIN_NAMES[t.oid] = t.name
                names.setdefault(t.name, (t.base_oid, t.base_typmod))
                domains.setdefault(t.name, t)
            else:
                names.setdefault(t.name, t.oid)
                _USER[t.oid] = t
                if t.array_oid:
                    _USER_ARRAYS[t.array_oid] = t.oid
            continue
        names.setdefault(t.name, t.oid)
        _USER.pop(t.oid, None)
        if t.array_oid:
            _USER_ARRAYS[t.array_oid] = t.oid
        if t.oid not in _ENUMS or _ENUMS[t.oid].name != t.name or len(_ENUMS[t.oid].values) != len(t.labels) or \
                any(str(_ENUMS[t.oid].by_order.get(order, "")) != lab for lab, order, _o in t.labels):
            register_enum(t.oid, t.name, [(lab, order) for lab, order, _o in t.labels], t.array_oid)
    _SCOPE[0] = types
    _SCOPE[1] = names
    _SCOPE[2] = domains
    _SCOPE[3] = qualified


def domain_of(dt: exp.DataType) -> Any:
    """The domain (catalog type record) a type name resolves to, or None."""
    if dt.this != exp.DataType.Type.USERDEFINED:
        return None
    kind = dt.args.get("kind")
    if isinstance(kind, exp.Dot):
        kind = kind.expression
    name = kind.name if getattr(kind, "quoted", False) else kind.name.lower()
    return _SCOPE[2].get(name)


def composite_info(oid: int) -> Any:
    """The catalog record of a composite type (typtype 'c'), or None."""
    return _USER.get(oid)


def _enum_to_storage(v: Any) -> Any:
    return v.order if isinstance(v, EnumValue) else v


def _enum_cast(src: int, dst: int) -> Callable | None:
    if src == dst:
        return lambda v: v
    if dst in _ENUMS and src in (TEXT, VARCHAR, BPCHAR, NAME, UNKNOWN):
        info = _ENUMS[dst]
        return lambda v: info.parse(v.rstrip(" ") if src == BPCHAR else v)
    if src in _ENUMS and dst in (TEXT, VARCHAR, BPCHAR, NAME):
        return str
    return None
