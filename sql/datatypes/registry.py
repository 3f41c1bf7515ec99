"""The catalogue of built-in types: ``PgType`` rows, name/OID lookups and type modifiers.

What lives here:

* :class:`PgType` -- one ``pg_type`` row (only the columns the engine needs), and the table
  of every supported scalar type plus its array type, with OIDs checked against PostgreSQL 15.
* :func:`type_by_oid`, :func:`type_by_name` and :func:`parse_type_name` -- resolve a type
  from its OID or from any SQL spelling PostgreSQL's grammar accepts (``int``,
  ``character varying(20)``, ``timestamp(3) with time zone``, ``float(30)``, ``text[]`` ...).
* :func:`parse_type_modifiers` -- turn ``(n)`` / ``(p, s)`` arguments into PostgreSQL's
  ``atttypmod`` encoding, with PostgreSQL's error messages.
* :func:`format_type` -- PostgreSQL's ``format_type(oid, typmod)`` output.
* Interval typmod helpers (:func:`interval_typmod`, :data:`INTERVAL_RANGES`).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from sql import sqlstate
from sql.errors import SqlError

from ._errors import invalid_parameter

VARHDRSZ = 4
MAX_VARCHAR_LENGTH = 10485760
NUMERIC_MAX_PRECISION = 1000
MAX_TIME_PRECISION = 6
INTERVAL_FULL_RANGE = 0x7FFF
INTERVAL_FULL_PRECISION = 0xFFFF


@dataclass(frozen=True)
class PgType:
    """One row of ``pg_type`` as far as the engine is concerned."""

    oid: int
    name: str  # pg_type.typname
    sql_name: str  # format_type(oid, NULL)
    typlen: int
    typbyval: bool
    category: str  # pg_type.typcategory
    preferred: bool = False
    array_oid: int = 0  # pg_type.typarray
    elem_oid: int = 0  # pg_type.typelem (note: ``name`` has typelem 18 without being an array)
    delimiter: str = ","

    @property
    def is_array(self) -> bool:
        """True for the true array types (``_int4`` ...); ``name`` has an elem but is not one."""
        return self.category == "A" or self.oid == RECORD_ARRAY

    @property
    def is_string(self) -> bool:
        """True for the string category (text, varchar, bpchar, name)."""
        return self.category == "S"


# Scalar OIDs (names follow PostgreSQL's ``pg_type_d.h``).
BOOL, BYTEA, CHAR, NAME, INT8, INT2, INT4, REGPROC, TEXT, OID = 16, 17, 18, 19, 20, 21, 23, 24, 25, 26
JSON, FLOAT4, FLOAT8, UNKNOWN = 114, 700, 701, 705
BPCHAR, VARCHAR, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL = 1042, 1043, 1082, 1083, 1114, 1184, 1186
NUMERIC, REGCLASS, REGTYPE, RECORD, VOID = 1700, 2205, 2206, 2249, 2278
UUID, JSONB, JSONPATH, REGNAMESPACE = 2950, 3802, 4072, 4089
RECORD_ARRAY = 2287
INET, CIDR, BIT, VARBIT, TIMETZ = 869, 650, 1560, 1562, 1266
POINT, LSEG, BOX, CIRCLE, TSVECTOR, TSQUERY = 600, 601, 603, 718, 3614, 3615

# (oid, typname, sql_name, typlen, typbyval, category, preferred, array_oid, typelem)
_SCALARS: list[tuple[int, str, str, int, bool, str, bool, int, int]] = [
    (BOOL, "bool", "boolean", 1, True, "B", True, 1000, 0),
    (BYTEA, "bytea", "bytea", -1, False, "U", False, 1001, 0),
    (CHAR, "char", '"char"', 1, True, "Z", False, 1002, 0),
    (NAME, "name", "name", 64, False, "S", False, 1003, CHAR),
    (INT8, "int8", "bigint", 8, True, "N", False, 1016, 0),
    (INT2, "int2", "smallint", 2, True, "N", False, 1005, 0),
    (INT4, "int4", "integer", 4, True, "N", False, 1007, 0),
    (REGPROC, "regproc", "regproc", 4, True, "N", False, 1008, 0),
    (TEXT, "text", "text", -1, False, "S", True, 1009, 0),
    (OID, "oid", "oid", 4, True, "N", True, 1028, 0),
    (JSON, "json", "json", -1, False, "U", False, 199, 0),
    (FLOAT4, "float4", "real", 4, True, "N", False, 1021, 0),
    (FLOAT8, "float8", "double precision", 8, True, "N", True, 1022, 0),
    (UNKNOWN, "unknown", "unknown", -2, False, "X", False, 0, 0),
    (BPCHAR, "bpchar", "character", -1, False, "S", False, 1014, 0),
    (VARCHAR, "varchar", "character varying", -1, False, "S", False, 1015, 0),
    (DATE, "date", "date", 4, True, "D", False, 1182, 0),
    (TIME, "time", "time without time zone", 8, True, "D", False, 1183, 0),
    (TIMESTAMP, "timestamp", "timestamp without time zone", 8, True, "D", False, 1115, 0),
    (TIMESTAMPTZ, "timestamptz", "timestamp with time zone", 8, True, "D", True, 1185, 0),
    (INTERVAL, "interval", "interval", 16, False, "T", True, 1187, 0),
    (NUMERIC, "numeric", "numeric", -1, False, "N", False, 1231, 0),
    (REGCLASS, "regclass", "regclass", 4, True, "N", False, 2210, 0),
    (REGTYPE, "regtype", "regtype", 4, True, "N", False, 2211, 0),
    (RECORD, "record", "record", -1, False, "P", False, RECORD_ARRAY, 0),
    (VOID, "void", "void", 4, True, "P", False, 0, 0),
    (UUID, "uuid", "uuid", 16, False, "U", False, 2951, 0),
    (JSONB, "jsonb", "jsonb", -1, False, "U", False, 3807, 0),
    (JSONPATH, "jsonpath", "jsonpath", -1, False, "U", False, 4073, 0),
    (REGNAMESPACE, "regnamespace", "regnamespace", 4, True, "N", False, 4090, 0),
    # network, bit-string, time with time zone, geometric, text-search, range and multirange types
    (INET, "inet", "inet", -1, False, "I", True, 1041, 0),
    (CIDR, "cidr", "cidr", -1, False, "I", False, 651, 0),
    (BIT, "bit", "bit", -1, False, "V", False, 1561, 0),
    (VARBIT, "varbit", "bit varying", -1, False, "V", True, 1563, 0),
    (TIMETZ, "timetz", "time with time zone", 12, False, "D", False, 1270, 0),
    (POINT, "point", "point", 16, False, "G", False, 1017, FLOAT8),
    (LSEG, "lseg", "lseg", 32, False, "G", False, 1018, POINT),
    (BOX, "box", "box", 32, False, "G", False, 1020, POINT),
    (CIRCLE, "circle", "circle", 24, False, "G", False, 719, 0),
    (TSVECTOR, "tsvector", "tsvector", -1, False, "U", False, 3643, 0),
    (TSQUERY, "tsquery", "tsquery", -1, False, "U", False, 3645, 0),
    (3904, "int4range", "int4range", -1, False, "R", False, 3905, 0),
    (3906, "numrange", "numrange", -1, False, "R", False, 3907, 0),
    (3908, "tsrange", "tsrange", -1, False, "R", False, 3909, 0),
    (3910, "tstzrange", "tstzrange", -1, False, "R", False, 3911, 0),
    (3912, "daterange", "daterange", -1, False, "R", False, 3913, 0),
    (3926, "int8range", "int8range", -1, False, "R", False, 3927, 0),
    (4451, "int4multirange", "int4multirange", -1, False, "R", False, 6150, 0),
    (4532, "nummultirange", "nummultirange", -1, False, "R", False, 6151, 0),
    (4533, "tsmultirange", "tsmultirange", -1, False, "R", False, 6152, 0),
    (4534, "tstzmultirange", "tstzmultirange", -1, False, "R", False, 6153, 0),
    (4535, "datemultirange", "datemultirange", -1, False, "R", False, 6155, 0),
    (4536, "int8multirange", "int8multirange", -1, False, "R", False, 6157, 0),
]

_BY_OID: dict[int, PgType] = {}
_BY_TYPNAME: dict[str, PgType] = {}


def _build() -> None:
    for oid, name, sql_name, typlen, byval, cat, pref, arr, elem in _SCALARS:
        delim = ";" if oid == BOX else ","
        t = PgType(oid, name, sql_name, typlen, byval, cat, pref, arr, elem, delim)
        _BY_OID[oid] = t
        _BY_TYPNAME[name] = t
        if arr:
            # pg_type: arrays are varlena, category A (record[] is a pseudo-type, P).
            a = PgType(arr, "_" + name, sql_name + "[]", -1, False, "P" if oid == RECORD else "A",
                       False, 0, oid, delim)
            _BY_OID[arr] = a
            _BY_TYPNAME[a.name] = a


_build()

ALL_TYPES: tuple[PgType, ...] = tuple(_BY_OID.values())


def _undefined(name: str) -> SqlError:
    return SqlError(sqlstate.UNDEFINED_OBJECT, f'type "{name}" does not exist')


def type_by_oid(oid: int) -> PgType:
    """Return the type with this OID; unknown OIDs raise 42704 ``type with OID n does not exist``."""
    t = _BY_OID.get(oid)
    if t is None:
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f"type with OID {oid} does not exist")
    return t


def find_type_by_oid(oid: int) -> PgType | None:
    """Like :func:`type_by_oid` but returns None for unknown OIDs."""
    return _BY_OID.get(oid)


def array_of(oid: int) -> int:
    """OID of the array type whose elements are ``oid`` (0 if none)."""
    t = _BY_OID.get(oid)
    return t.array_oid if t is not None and not t.is_array else 0


def element_of(oid: int) -> int:
    """Element OID of an array type, 0 for non-arrays (``name`` counts as a non-array)."""
    t = _BY_OID.get(oid)
    return t.elem_oid if t is not None and t.is_array else 0


# Multi-word and alias spellings accepted by PostgreSQL's grammar, after whitespace folding.
_ALIASES: dict[str, str] = {
    "int": "int4", "integer": "int4", "smallint": "int2", "bigint": "int8",
    "real": "float4", "float": "float8", "double precision": "float8",
    "decimal": "numeric", "dec": "numeric", "boolean": "bool",
    "character varying": "varchar", "char varying": "varchar",
    "national character varying": "varchar", "national char varying": "varchar",
    "nchar varying": "varchar", "character": "bpchar", "char": "bpchar",
    "national character": "bpchar", "national char": "bpchar", "nchar": "bpchar",
    '"char"': "char",
    "timestamp without time zone": "timestamp", "timestamp with time zone": "timestamptz",
    "time without time zone": "time",
    "bit varying": "varbit",
}
# Spellings that take the SQL-standard default typmod (``char`` alone means char(1)).
_DEFAULT_LENGTH_ONE = {"character", "char", "national character", "national char", "nchar", "bit"}

_ARRAY_SUFFIX = re.compile(r"\s*(?:\[\s*\d*\s*\]\s*)+$|\s+array(?:\s*\[\s*\d*\s*\])?\s*$", re.I)
_MODS = re.compile(r"^(?P<base>[^()]*?)\s*\((?P<args>[^()]*)\)\s*(?P<rest>[^()]*)$")
_FIELDS = re.compile(
    r"^(year|month|day|hour|minute|second|year to month|day to hour|day to minute|day to second|"
    r"hour to minute|hour to second|minute to second)$"
)


def _fold(name: str) -> str:
    name = name.strip()
    if name.startswith('"') and name.endswith('"') and len(name) >= 2:
        inner = name[1:-1]
        return '"char"' if inner == "char" else inner
    return " ".join(name.lower().split())


def _lookup_base(base: str, original: str) -> PgType:
    if base == "time with time zone":
        base = "timetz"
    key = _ALIASES.get(base, base)
    t = _BY_TYPNAME.get(key)
    if t is None:
        raise _undefined(original.strip())
    return t


def parse_type_name(text: str) -> tuple[PgType, int]:
    """Resolve a full SQL type spelling to ``(PgType, typmod)``.

    Handles modifiers (``varchar(20)``, ``numeric(10, 2)``, ``timestamp(3) with time zone``,
    ``interval day to second(3)``, ``float(p)``), the SQL default ``character`` = ``char(1)``,
    and array decorations (``int[]``, ``int[3][4]``, ``int array``).
    """
    s = text.strip()
    is_array = False
    m = _ARRAY_SUFFIX.search(s)
    if m and m.start() > 0:
        is_array = True
        s = s[: m.start()]
    base_t, typmod = _parse_scalar_name(s, text)
    if is_array:
        if base_t.array_oid == 0:
            raise _undefined(text.strip())
        return _BY_OID[base_t.array_oid], typmod
    return base_t, typmod


def _parse_scalar_name(s: str, original: str) -> tuple[PgType, int]:
    m = _MODS.match(s)
    if not m:
        folded = _fold(s)
        if folded.startswith("interval "):
            fields = folded[len("interval "):]
            if _FIELDS.match(fields):
                return _BY_OID[INTERVAL], interval_typmod(fields, None)
        t = _lookup_base(folded, original)
        if folded in _DEFAULT_LENGTH_ONE:
            return t, 1 if t.oid == BIT else 1 + VARHDRSZ
        return t, -1
    base = _fold(m.group("base"))
    rest = _fold(m.group("rest"))
    raw_args = [a.strip() for a in m.group("args").split(",")]
    try:
        args = [int(a) for a in raw_args]
    except ValueError:
        token = m.group("args").strip()
        raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{token}"') from None
    if base == "float" and not rest:
        if len(args) != 1:
            raise SqlError(sqlstate.SYNTAX_ERROR, 'syntax error at or near ","')
        p = args[0]
        if p < 1:
            raise invalid_parameter("precision for type float must be at least 1 bit")
        if p > 53:
            raise invalid_parameter("precision for type float must be less than 54 bits")
        return _BY_OID[FLOAT4 if p <= 24 else FLOAT8], -1
    if base in ("timestamp", "time") and rest in ("", "without time zone", "with time zone"):
        t = _lookup_base(f"{base} {rest}".strip(), original)
        return t, parse_type_modifiers(t, args)
    if base.startswith("interval"):
        fields = base[len("interval"):].strip()
        if rest or (fields and not _FIELDS.match(fields)) or len(args) != 1:
            raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{original.strip()}"')
        return _BY_OID[INTERVAL], interval_typmod(fields or None, args[0])
    if rest:
        raise SqlError(sqlstate.SYNTAX_ERROR, f'syntax error at or near "{rest}"')
    t = _lookup_base(base, original)
    return t, parse_type_modifiers(t, args)


def type_by_name(name: str) -> PgType:
    """Resolve any SQL spelling of a type (modifiers are accepted and ignored)."""
    return parse_type_name(name)[0]


def _resolve(t: PgType | int | str) -> PgType:
    if isinstance(t, PgType):
        return t
    if isinstance(t, int):
        return type_by_oid(t)
    return type_by_name(t)


def parse_type_modifiers(t: PgType | int | str, args: list[int]) -> int:
    """Encode modifier arguments as PostgreSQL's typmod (``-1`` when ``args`` is empty)."""
    typ = _resolve(t)
    if not args:
        return -1
    oid = typ.oid
    if oid in (VARCHAR, BPCHAR):
        short = "varchar" if oid == VARCHAR else "char"
        if len(args) != 1:
            raise invalid_parameter("invalid type modifier")
        n = args[0]
        if n < 1:
            raise invalid_parameter(f"length for type {short} must be at least 1")
        if n > MAX_VARCHAR_LENGTH:
            raise invalid_parameter(f"length for type {short} cannot exceed {MAX_VARCHAR_LENGTH}")
        return n + VARHDRSZ
    if oid == NUMERIC:
        if len(args) > 2:
            raise invalid_parameter("invalid NUMERIC type modifier")
        p = args[0]
        s = args[1] if len(args) == 2 else 0
        if p < 1 or p > NUMERIC_MAX_PRECISION:
            raise invalid_parameter(f"NUMERIC precision {p} must be between 1 and {NUMERIC_MAX_PRECISION}")
        if s < -1000 or s > 1000:
            raise invalid_parameter(f"NUMERIC scale {s} must be between -1000 and 1000")
        return ((p << 16) | (s & 0x7FF)) + VARHDRSZ
    if oid in (TIMESTAMP, TIMESTAMPTZ, TIME):
        if len(args) != 1:
            raise invalid_parameter("invalid type modifier")
        p = args[0]
        label = "TIME" if oid == TIME else "TIMESTAMP"
        suffix = " WITH TIME ZONE" if oid == TIMESTAMPTZ else ""
        if p < 0:
            raise invalid_parameter(f"{label}({p}){suffix} precision must not be negative")
        if p > MAX_TIME_PRECISION:
            warnings.warn(f"{label}({p}){suffix} precision reduced to maximum allowed, 6", stacklevel=2)
            p = MAX_TIME_PRECISION
        return p
    if oid in (BIT, VARBIT):
        if len(args) != 1:
            raise invalid_parameter("invalid type modifier")
        if args[0] < 1:
            raise invalid_parameter(f"length for type {typ.name} must be at least 1")
        return args[0]
    if oid == TIMETZ:
        if len(args) != 1 or args[0] < 0:
            raise invalid_parameter("invalid type modifier")
        return min(args[0], MAX_TIME_PRECISION)
    if oid == INTERVAL:
        if len(args) != 1:
            raise invalid_parameter("invalid INTERVAL type modifier")
        return interval_typmod(None, args[0])
    raise SqlError(sqlstate.SYNTAX_ERROR, f'type modifier is not allowed for type "{typ.name}"')


# ---------------------------------------------------------------------------
# interval typmods: (range << 16) | precision, range a bitmask of field bits.
_YEAR, _MONTH, _DAY, _HOUR, _MINUTE, _SECOND = 1 << 2, 1 << 1, 1 << 3, 1 << 10, 1 << 11, 1 << 12
INTERVAL_RANGES: dict[str, int] = {
    "year": _YEAR,
    "month": _MONTH,
    "day": _DAY,
    "hour": _HOUR,
    "minute": _MINUTE,
    "second": _SECOND,
    "year to month": _YEAR | _MONTH,
    "day to hour": _DAY | _HOUR,
    "day to minute": _DAY | _HOUR | _MINUTE,
    "day to second": _DAY | _HOUR | _MINUTE | _SECOND,
    "hour to minute": _HOUR | _MINUTE,
    "hour to second": _HOUR | _MINUTE | _SECOND,
    "minute to second": _MINUTE | _SECOND,
}
_RANGE_NAMES = {v: k for k, v in INTERVAL_RANGES.items()}


def interval_typmod(fields: str | None, precision: int | None) -> int:
    """Typmod of ``interval [fields] [(precision)]`` as PostgreSQL's ``intervaltypmodin``."""
    rng = INTERVAL_FULL_RANGE if not fields else INTERVAL_RANGES[" ".join(fields.lower().split())]
    if precision is None:
        prec = INTERVAL_FULL_PRECISION
    else:
        if precision < 0:
            raise invalid_parameter(f"INTERVAL({precision}) precision must not be negative")
        if precision > MAX_TIME_PRECISION:
            warnings.warn(f"INTERVAL({precision}) precision reduced to maximum allowed, 6", stacklevel=2)
            precision = MAX_TIME_PRECISION
        if fields and not (rng & _SECOND):
            raise SqlError(sqlstate.SYNTAX_ERROR, "interval precision specified twice")
        prec = precision
    if rng == INTERVAL_FULL_RANGE and prec == INTERVAL_FULL_PRECISION:
        return -1
    return ((rng & 0x7FFF) << 16) | (prec & 0xFFFF)


def interval_typmod_parts(typmod: int) -> tuple[int, int]:
    """``(range_mask, precision)`` of an interval typmod (full range/precision for -1)."""
    if typmod < 0:
        return INTERVAL_FULL_RANGE, INTERVAL_FULL_PRECISION
    return (typmod >> 16) & 0x7FFF, typmod & 0xFFFF


def interval_range_bits() -> dict[str, int]:
    """The field bit of each unit, as used by interval input with a range typmod."""
    return {"year": _YEAR, "month": _MONTH, "day": _DAY, "hour": _HOUR, "minute": _MINUTE, "second": _SECOND}


def _interval_typmodout(typmod: int) -> str:
    if typmod < 0:
        return ""
    rng, prec = interval_typmod_parts(typmod)
    if rng == INTERVAL_FULL_RANGE:
        fieldstr = ""
    elif rng in _RANGE_NAMES:
        fieldstr = " " + _RANGE_NAMES[rng]
    else:
        raise SqlError(sqlstate.INTERNAL_ERROR, f"invalid INTERVAL typmod: 0x{typmod:x}")
    if prec != INTERVAL_FULL_PRECISION:
        return f"{fieldstr}({prec})"
    return fieldstr


def numeric_typmod_parts(typmod: int) -> tuple[int, int] | None:
    """``(precision, scale)`` of a numeric typmod, or None when unconstrained."""
    if typmod < VARHDRSZ:
        return None
    t = typmod - VARHDRSZ
    scale = t & 0x7FF
    if scale & 0x400:  # sign-extend the 11-bit scale
        scale -= 0x800
    return (t >> 16) & 0xFFFF, scale


def format_type(oid: int, typmod: int | None = None) -> str:
    """PostgreSQL's ``format_type(oid, typmod)``; ``typmod=None`` is SQL NULL (no typmod given)."""
    t = _BY_OID.get(oid)
    if t is None:
        return "???"
    if t.is_array and t.oid != RECORD_ARRAY:
        return format_type(t.elem_oid, typmod) + "[]"
    given = typmod is not None
    mod = typmod if typmod is not None and typmod >= 0 else None
    if oid == BPCHAR:
        if mod is not None:
            return f"character({mod - VARHDRSZ})" if mod > VARHDRSZ else "character"
        return "bpchar" if given else "character"
    if oid == VARCHAR:
        return f"character varying({mod - VARHDRSZ})" if mod is not None and mod > VARHDRSZ else t.sql_name
    if oid == NUMERIC:
        parts = numeric_typmod_parts(mod) if mod is not None else None
        return f"numeric({parts[0]},{parts[1]})" if parts else "numeric"
    if oid in (TIMESTAMP, TIMESTAMPTZ, TIME):
        base = "time" if oid == TIME else "timestamp"
        zone = "with time zone" if oid == TIMESTAMPTZ else "without time zone"
        return f"{base}({mod}) {zone}" if mod is not None else f"{base} {zone}"
    if oid == INTERVAL:
        return "interval" + (_interval_typmodout(mod) if mod is not None else "")
    if oid in (BIT, VARBIT, TIMETZ) and mod is not None:
        return f"time({mod}) with time zone" if oid == TIMETZ else f"{t.sql_name}({mod})"
    return t.sql_name


def sql_display_name(oid: int, typmod: int = -1) -> str:
    """The name PostgreSQL uses in messages such as ``cannot cast type X to Y``."""
    return format_type(oid, typmod if typmod >= 0 else None)
