"""Text I/O and length coercion for the string-like types: text, varchar, bpchar, name,
``"char"``, bytea and uuid.

Datums: ``str`` for text/varchar/name/bpchar (bpchar values are stored padded to their
declared length); ``"char"`` is a ``str`` of length 0 or 1 whose code point is the byte value
(0..255, so byte 0xE9 is ``'\\xe9'``; the empty string is the zero byte); ``bytes`` for bytea;
:class:`uuid.UUID` for uuid.
"""

from __future__ import annotations

import re
import uuid

from sql import sqlstate
from sql.errors import SqlError

from ._errors import invalid_parameter, invalid_syntax, too_long
from .registry import VARHDRSZ

NAMEDATALEN = 64

# ---------------------------------------------------------------------------
# text-ish


def text_in(text: str) -> str:
    return text


def text_out(value: str) -> str:
    return value


def clip_bytes(s: str, max_bytes: int) -> str:
    """Longest prefix of ``s`` whose UTF-8 encoding fits in ``max_bytes`` (pg_mbcliplen)."""
    b = s.encode("utf-8")
    if len(b) <= max_bytes:
        return s
    return b[:max_bytes].decode("utf-8", "ignore")


def name_in(text: str) -> str:
    """``name`` silently truncates to NAMEDATALEN-1 (63) bytes on a character boundary."""
    return clip_bytes(text, NAMEDATALEN - 1)


def varchar_coerce(value: str, typmod: int, explicit: bool) -> str:
    """Apply ``varchar(n)``: too long -> error unless the excess is spaces or the cast is explicit."""
    if typmod < VARHDRSZ:
        return value
    maxlen = typmod - VARHDRSZ
    if len(value) <= maxlen:
        return value
    if not explicit and value[maxlen:].strip(" "):
        raise too_long(f"character varying({maxlen})")
    return value[:maxlen]


def bpchar_coerce(value: str, typmod: int, explicit: bool) -> str:
    """Apply ``character(n)``: pad with spaces, or truncate under the same rule as varchar."""
    if typmod < VARHDRSZ:
        return value
    maxlen = typmod - VARHDRSZ
    n = len(value)
    if n > maxlen:
        if not explicit and value[maxlen:].strip(" "):
            raise too_long(f"character({maxlen})")
        return value[:maxlen]
    return value + " " * (maxlen - n)


def bpchar_strip(value: str) -> str:
    """bpchar -> text drops the trailing pad spaces."""
    return value.rstrip(" ")


# ---------------------------------------------------------------------------
# "char"

_OCTAL3 = re.compile(r"\\[0-7]{3}\Z")


def char_in(text: str) -> str:
    """``charin``: a ``\\ooo`` octal escape, else the first byte of the string."""
    if _OCTAL3.match(text):
        return chr(int(text[1:], 8) & 0xFF)
    if not text:
        return ""
    first = text[0].encode("utf-8")[0]
    return chr(first)


def char_out(value: str) -> str:
    if not value:
        return ""
    b = ord(value[0]) & 0xFF
    if b >= 0x80:
        return "\\" + format(b, "03o")
    return chr(b)


def char_to_int(value: str) -> int:
    """``"char"`` -> integer: the byte as a *signed* char."""
    b = ord(value[0]) & 0xFF if value else 0
    return b - 256 if b >= 128 else b


def int_to_char(v: int) -> str:
    if v < -128 or v > 127:
        raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, '"char" out of range')
    b = v & 0xFF
    return chr(b) if b else ""


def text_to_char(value: str) -> str:
    """text -> ``"char"`` (PostgreSQL's text_char): same rules as charin, empty stays empty."""
    return char_in(value)


# ---------------------------------------------------------------------------
# bytea

_HEXDIGITS = "0123456789abcdefABCDEF"


def bytea_in(text: str) -> bytes:
    if text.startswith("\\x"):
        return _hex_decode(text[2:])
    out = bytearray()
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        if i + 1 < n and text[i + 1] == "\\":
            out.append(0x5C)
            i += 2
            continue
        if i + 3 < n and text[i + 1] in "0123" and text[i + 2] in "01234567" and text[i + 3] in "01234567":
            out.append(int(text[i + 1: i + 4], 8))
            i += 4
            continue
        raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea")
    return bytes(out)


def _hex_decode(s: str) -> bytes:
    out = bytearray()
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in " \n\t\r":
            i += 1
            continue
        if c not in _HEXDIGITS:
            raise invalid_parameter(f'invalid hexadecimal digit: "{c}"')
        if i + 1 >= n:
            raise invalid_parameter("invalid hexadecimal data: odd number of digits")
        d = s[i + 1]
        if d not in _HEXDIGITS:
            raise invalid_parameter(f'invalid hexadecimal digit: "{d}"')
        out.append(int(c + d, 16))
        i += 2
    return bytes(out)


def bytea_out(value: bytes) -> str:
    return "\\x" + bytes(value).hex()


def bytea_escape_out(value: bytes) -> str:
    """The ``bytea_output = escape`` format (not the default; offered for completeness)."""
    parts = []
    for b in bytes(value):
        if b == 0x5C:
            parts.append("\\\\")
        elif b < 0x20 or b > 0x7E:
            parts.append("\\" + format(b, "03o"))
        else:
            parts.append(chr(b))
    return "".join(parts)


# ---------------------------------------------------------------------------
# uuid


def uuid_in(text: str) -> uuid.UUID:
    src = text
    i = 0
    braces = False
    if src.startswith("{"):
        braces = True
        i = 1
    data = bytearray()
    n = len(src)
    for k in range(16):
        pair = src[i: i + 2]
        if len(pair) != 2 or pair[0] not in _HEXDIGITS or pair[1] not in _HEXDIGITS:
            raise invalid_syntax("uuid", text)
        data.append(int(pair, 16))
        i += 2
        if i < n and src[i] == "-" and k % 2 == 1 and k < 15:
            i += 1
    if braces:
        if i >= n or src[i] != "}":
            raise invalid_syntax("uuid", text)
        i += 1
    if i != n:
        raise invalid_syntax("uuid", text)
    return uuid.UUID(bytes=bytes(data))


def uuid_out(value: uuid.UUID) -> str:
    return str(value)
