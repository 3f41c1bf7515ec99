"""String and bytea functions: padding, splitting, quoting, encoding, hashing.

PostgreSQL 15 semantics (verified against a real server, expected values in
``tests/sql/test_functions_string.py``). Functions already in :mod:`sql.functions` (lower,
upper, length, substr, btrim, replace, strpos, left, right, repeat, reverse, md5(text)) are not
repeated here; this module adds the missing ones and the bytea overloads.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator, Sequence
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.functions import builtin, set_returning
from sql.functions_util import arg_type, datum_text, invalid_parameter, output_fn, wants_arg_types

TEXT_ARRAY = T.array_type(T.TEXT)


# ---- concatenation / case -------------------------------------------------------------------
@wants_arg_types
def concat_ws(ctx: Any, sep: str | None, *args: Any, arg_types: Sequence[int] | None = None) -> str | None:
    """concat_ws(sep, VARIADIC any): NULL separator gives NULL, NULL arguments are skipped."""
    if sep is None:
        return None
    parts = [datum_text(v, arg_type(arg_types, i + 1, v), ctx) for i, v in enumerate(args) if v is not None]
    return sep.join(parts)


builtin("concat_ws", (T.TEXT, T.ANY), T.TEXT, strict=False, variadic=True, needs_ctx=True)(concat_ws)


@builtin("initcap", (T.TEXT,), T.TEXT)
def initcap(s: str) -> str:
    """Upper-case the first letter of each alphanumeric run, lower-case the rest."""
    out: list[str] = []
    prev_alnum = False
    for ch in s:
        conv = ch.lower() if prev_alnum else ch.upper()
        out.append(conv if len(conv) == 1 else ch)
        prev_alnum = ch.isalnum()
    return "".join(out)


# ---- padding / trimming ---------------------------------------------------------------------
def _pad(s: str, length: int, fill: str, left: bool) -> str:
    length = max(length, 0)
    if len(s) >= length or not fill:
        return s[:length]
    n = length - len(s)
    padding = (fill * (n // len(fill) + 1))[:n]
    return padding + s if left else s + padding


@builtin("lpad", (T.TEXT, T.INT4), T.TEXT)
def lpad(s: str, length: int) -> str:
    return _pad(s, length, " ", True)


@builtin("lpad", (T.TEXT, T.INT4, T.TEXT), T.TEXT)
def lpad3(s: str, length: int, fill: str) -> str:
    return _pad(s, length, fill, True)


@builtin("rpad", (T.TEXT, T.INT4), T.TEXT)
def rpad(s: str, length: int) -> str:
    return _pad(s, length, " ", False)


@builtin("rpad", (T.TEXT, T.INT4, T.TEXT), T.TEXT)
def rpad3(s: str, length: int, fill: str) -> str:
    return _pad(s, length, fill, False)


@builtin("ltrim", (T.TEXT, T.TEXT), T.TEXT)
def ltrim2(s: str, chars: str) -> str:
    return s.lstrip(chars) if chars else s


@builtin("rtrim", (T.TEXT, T.TEXT), T.TEXT)
def rtrim2(s: str, chars: str) -> str:
    return s.rstrip(chars) if chars else s


# ---- splitting / searching ------------------------------------------------------------------
@builtin("split_part", (T.TEXT, T.TEXT, T.INT4), T.TEXT)
def split_part(s: str, delim: str, n: int) -> str:
    """The n-th field (negative n counts from the end); '' when out of range."""
    if n == 0:
        raise invalid_parameter("field position must not be zero")
    if s == "":
        return ""
    fields = s.split(delim) if delim else [s]
    if n > 0:
        return fields[n - 1] if n <= len(fields) else ""
    return fields[n] if -n <= len(fields) else ""


@builtin("translate", (T.TEXT, T.TEXT, T.TEXT), T.TEXT)
def translate(s: str, frm: str, to: str) -> str:
    """Replace each char of ``frm`` by the char at the same position in ``to`` (or delete it)."""
    table: dict[str, str | None] = {}
    for i, ch in enumerate(frm):
        if ch not in table:
            table[ch] = to[i] if i < len(to) else None
    return "".join(table.get(ch, ch) or "" for ch in s)


@builtin("starts_with", (T.TEXT, T.TEXT), T.BOOL)
def starts_with(s: str, prefix: str) -> bool:
    return s.startswith(prefix)


@builtin("position|strpos", (T.BYTEA, T.BYTEA), T.INT4)  # sqlglot turns position() into strpos
def position_bytea(b: bytes, sub: bytes) -> int:
    return bytes(b).find(bytes(sub)) + 1


@builtin("string_to_array", (T.TEXT, T.TEXT), TEXT_ARRAY, strict=False)
def string_to_array(s: str | None, delim: str | None) -> list[str | None] | None:
    return string_to_array3(s, delim, None)


@builtin("string_to_array", (T.TEXT, T.TEXT, T.TEXT), TEXT_ARRAY, strict=False)
def string_to_array3(s: str | None, delim: str | None, null_str: str | None) -> list[str | None] | None:
    """Split ``s`` at ``delim`` (NULL: into characters; '': not at all); fields equal to
    ``null_str`` become NULL."""
    if s is None:
        return None
    if s == "":
        return []
    if delim is None:
        fields = list(s)
    elif delim == "":
        fields = [s]
    else:
        fields = s.split(delim)
    return [None if null_str is not None and f == null_str else f for f in fields]


@set_returning("string_to_table", (T.TEXT, T.TEXT), [("string_to_table", T.TEXT)], strict=False)
def string_to_table(s: str | None, delim: str | None) -> Iterator[tuple[str | None]]:
    for f in string_to_array3(s, delim, None) or []:
        yield (f,)


@set_returning("string_to_table", (T.TEXT, T.TEXT, T.TEXT), [("string_to_table", T.TEXT)], strict=False)
def string_to_table3(s: str | None, delim: str | None, null_str: str | None) -> Iterator[tuple[str | None]]:
    for f in string_to_array3(s, delim, null_str) or []:
        yield (f,)


@wants_arg_types
def array_to_string(ctx: Any, arr: list[Any] | None, delim: str | None, null_str: str | None = None,
                    *, arg_types: Sequence[int] | None = None) -> str | None:
    """Join the elements (all dimensions, storage order) with ``delim``; NULLs are skipped
    unless ``null_str`` is given."""
    if arr is None or delim is None:
        return None
    elem_oid = 0
    if arg_types and arg_types[0] not in (T.UNKNOWN, T.ANY):
        elem_oid = T.element_type(arg_types[0])
    out_fn = output_fn(elem_oid, ctx) if elem_oid else None
    parts: list[str] = []
    for v in _flatten(arr):
        if v is None:
            if null_str is not None:
                parts.append(null_str)
        elif out_fn is not None:
            parts.append(out_fn(v))
        else:
            parts.append(datum_text(v, None, ctx))
    return delim.join(parts)


builtin("array_to_string", (T.ANY, T.TEXT), T.TEXT, strict=False, needs_ctx=True)(array_to_string)
builtin("array_to_string", (T.ANY, T.TEXT, T.TEXT), T.TEXT, strict=False, needs_ctx=True)(array_to_string)


def _flatten(value: list[Any]) -> list[Any]:
    out: list[Any] = []
    for x in value:
        if isinstance(x, list):
            out.extend(_flatten(x))
        else:
            out.append(x)
    return out


# ---- characters -----------------------------------------------------------------------------
@builtin("ascii", (T.TEXT,), T.INT4)
def ascii_(s: str) -> int:
    return ord(s[0]) if s else 0


@builtin("chr", (T.INT4,), T.TEXT)
def chr_(n: int) -> str:
    if n < 0:
        raise invalid_parameter("character number must be positive")
    if n == 0:
        raise SqlError(sqlstate.PROGRAM_LIMIT_EXCEEDED, "null character not permitted")
    if n > 0x10FFFF:
        raise SqlError(sqlstate.PROGRAM_LIMIT_EXCEEDED, f"requested character too large for encoding: {n}")
    if 0xD800 <= n <= 0xDFFF:
        raise SqlError(sqlstate.PROGRAM_LIMIT_EXCEEDED, f"requested character not valid for encoding: {n}")
    return chr(n)


@builtin("to_hex", (T.INT4,), T.TEXT)
def to_hex4(n: int) -> str:
    return format(n & 0xFFFFFFFF, "x")


@builtin("to_hex", (T.INT8,), T.TEXT)
def to_hex8(n: int) -> str:
    return format(n & 0xFFFFFFFFFFFFFFFF, "x")


# ---- quoting --------------------------------------------------------------------------------
# PostgreSQL 15 keywords that are not UNRESERVED (pg_get_keywords() catcode <> 'U').
RESERVED_KEYWORDS = frozenset("""
all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both
case cast char character check coalesce collate collation column concurrently constraint create cross
current_catalog current_date current_role current_schema current_time current_timestamp current_user dec
decimal default deferrable desc distinct do else end except exists extract false fetch float for foreign
freeze from full grant greatest group grouping having ilike in initially inner inout int integer intersect
interval into is isnull join lateral leading least left like limit localtime localtimestamp national natural
nchar none normalize not notnull null nullif numeric offset on only or order out outer overlaps overlay
placing position precision primary real references returning right row select session_user setof similar
smallint some substring symmetric table tablesample then time timestamp to trailing treat trim true union
unique user using values varchar variadic verbose when where window with xmlattributes xmlconcat xmlelement
xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable
""".split())


def quote_identifier(ident: str) -> str:
    """PG's quote_identifier: quote unless all lower-case letters/digits/_ (not leading digit)
    and not a non-unreserved keyword."""
    safe = bool(ident) and (ident[0] == "_" or "a" <= ident[0] <= "z")
    if safe:
        safe = all(c == "_" or "a" <= c <= "z" or "0" <= c <= "9" for c in ident)
    if safe and ident in RESERVED_KEYWORDS:
        safe = False
    if safe:
        return ident
    return '"' + ident.replace('"', '""') + '"'


def quote_literal_text(s: str) -> str:
    """PG's quote_literal_cstr: double quotes; an E prefix and doubled backslashes if any."""
    body = s.replace("'", "''")
    if "\\" in s:
        return "E'" + body.replace("\\", "\\\\") + "'"
    return "'" + body + "'"


@builtin("quote_ident", (T.TEXT,), T.TEXT)
def quote_ident(s: str) -> str:
    return quote_identifier(s)


@wants_arg_types
def quote_literal(ctx: Any, value: Any, *, arg_types: Sequence[int] | None = None) -> str:
    return quote_literal_text(datum_text(value, arg_type(arg_types, 0, value), ctx))


@wants_arg_types
def quote_nullable(ctx: Any, value: Any, *, arg_types: Sequence[int] | None = None) -> str:
    if value is None:
        return "NULL"
    return quote_literal(ctx, value, arg_types=arg_types)


builtin("quote_literal", (T.ANY,), T.TEXT, needs_ctx=True)(quote_literal)
builtin("quote_nullable", (T.ANY,), T.TEXT, strict=False, needs_ctx=True)(quote_nullable)


# ---- overlay --------------------------------------------------------------------------------
def _overlay(s: Any, repl: Any, start: int, count: int | None) -> Any:
    if count is None:
        count = len(repl)
    if start <= 0:
        raise SqlError(sqlstate.SUBSTRING_ERROR, "negative substring length not allowed")
    return s[: start - 1] + repl + s[max(start + count - 1, 0):]


@builtin("overlay", (T.TEXT, T.TEXT, T.INT4, T.INT4), T.TEXT)
def overlay4(s: str, repl: str, start: int, count: int) -> str:
    return _overlay(s, repl, start, count)


@builtin("overlay", (T.TEXT, T.TEXT, T.INT4), T.TEXT)
def overlay3(s: str, repl: str, start: int) -> str:
    return _overlay(s, repl, start, None)


@builtin("overlay", (T.BYTEA, T.BYTEA, T.INT4, T.INT4), T.BYTEA)
def overlay4_bytea(s: bytes, repl: bytes, start: int, count: int) -> bytes:
    return bytes(_overlay(bytes(s), bytes(repl), start, count))


@builtin("overlay", (T.BYTEA, T.BYTEA, T.INT4), T.BYTEA)
def overlay3_bytea(s: bytes, repl: bytes, start: int) -> bytes:
    return bytes(_overlay(bytes(s), bytes(repl), start, None))


# ---- bytea ----------------------------------------------------------------------------------
@builtin("substr|substring", (T.BYTEA, T.INT4), T.BYTEA)
def substr_bytea2(b: bytes, start: int) -> bytes:
    return bytes(b)[max(start - 1, 0):]


@builtin("substr|substring", (T.BYTEA, T.INT4, T.INT4), T.BYTEA)
def substr_bytea3(b: bytes, start: int, count: int) -> bytes:
    if count < 0:
        raise SqlError(sqlstate.SUBSTRING_ERROR, "negative substring length not allowed")
    return bytes(b)[max(start - 1, 0):max(start - 1 + count, 0)]


@builtin("octet_length", (T.BYTEA,), T.INT4)
def octet_length_bytea(b: bytes) -> int:
    return len(b)


@builtin("octet_length", (T.BPCHAR,), T.INT4)
def octet_length_bpchar(s: str) -> int:
    return len(s.encode())


@builtin("bit_length", (T.TEXT,), T.INT4)
def bit_length_text(s: str) -> int:
    return len(s.encode()) * 8


@builtin("bit_length", (T.BYTEA,), T.INT4)
def bit_length_bytea(b: bytes) -> int:
    return len(b) * 8


@builtin("md5", (T.BYTEA,), T.TEXT)
def md5_bytea(b: bytes) -> str:
    return hashlib.md5(bytes(b)).hexdigest()


def _register_sha(name: str) -> None:
    algo = getattr(hashlib, name)
    builtin(name, (T.BYTEA,), T.BYTEA)(lambda b: algo(bytes(b)).digest())


for _sha in ("sha224", "sha256", "sha384", "sha512"):
    _register_sha(_sha)


def _unrecognized_encoding(fmt: str) -> SqlError:
    return invalid_parameter(f'unrecognized encoding: "{fmt}"')


@builtin("encode", (T.BYTEA, T.TEXT), T.TEXT)
def encode(b: bytes, fmt: str) -> str:
    b = bytes(b)
    kind = fmt.lower()
    if kind == "hex":
        return b.hex()
    if kind == "base64":
        enc = base64.b64encode(b).decode("ascii")
        return "\n".join(enc[i:i + 76] for i in range(0, len(enc), 76))
    if kind == "escape":
        out: list[str] = []
        for c in b:
            if c == 0x5C:
                out.append("\\\\")
            elif c == 0 or c >= 0x80:
                out.append(f"\\{c:03o}")
            else:
                out.append(chr(c))
        return "".join(out)
    raise _unrecognized_encoding(fmt)


@builtin("decode", (T.TEXT, T.TEXT), T.BYTEA)
def decode(s: str, fmt: str) -> bytes:
    kind = fmt.lower()
    if kind == "hex":
        return _hex_decode(s)
    if kind == "base64":
        return _b64_decode(s)
    if kind == "escape":
        return _escape_decode(s)
    raise _unrecognized_encoding(fmt)


_HEX = "0123456789abcdefABCDEF"


def _hex_decode(s: str) -> bytes:
    out = bytearray()
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in " \n\t\r":
            i += 1
            continue
        if c not in _HEX:
            raise invalid_parameter(f'invalid hexadecimal digit: "{c}"')
        i += 1
        if i >= n:
            raise invalid_parameter("invalid hexadecimal data: odd number of digits")
        c2 = s[i]
        if c2 not in _HEX:
            raise invalid_parameter(f'invalid hexadecimal digit: "{c2}"')
        i += 1
        out.append(int(c + c2, 16))
    return bytes(out)


_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def _b64_decode(s: str) -> bytes:
    """pg_b64_decode: whitespace skipped, '=' only as padding, strict length."""
    out = bytearray()
    buf = pos = end = 0
    for c in s:
        if c in " \t\n\r":
            continue
        if c == "=":
            if not end:
                if pos == 2:
                    end = 1
                elif pos == 3:
                    end = 2
                else:
                    raise invalid_parameter('unexpected "=" while decoding base64 sequence')
            b = 0
        else:
            b = _B64.get(c, -1)
            if b < 0:
                raise invalid_parameter(f'invalid symbol "{c}" found while decoding base64 sequence')
        buf = (buf << 6) + b
        pos += 1
        if pos == 4:
            out.append((buf >> 16) & 255)
            if end == 0 or end > 1:
                out.append((buf >> 8) & 255)
            if end == 0 or end > 2:
                out.append(buf & 255)
            buf = pos = 0
    if pos:
        raise invalid_parameter("invalid base64 end sequence",
                                hint="Input data is missing padding, is truncated, or is otherwise corrupted.")
    return bytes(out)


def _escape_decode(s: str) -> bytes:
    raw = s.encode()
    out = bytearray()
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c != 0x5C:
            out.append(c)
            i += 1
            continue
        if i + 1 < n and raw[i + 1] == 0x5C:
            out.append(0x5C)
            i += 2
            continue
        oct3 = raw[i + 1:i + 4]
        if (len(oct3) == 3 and 0x30 <= oct3[0] <= 0x33 and 0x30 <= oct3[1] <= 0x37
                and 0x30 <= oct3[2] <= 0x37):
            out.append(int(oct3.decode(), 8))
            i += 4
            continue
        raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea")
    return bytes(out)

