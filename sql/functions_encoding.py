"""Encoding conversion: convert_to(text, name), convert_from(bytea, name), convert(bytea, name, name).

The server encoding is UTF8. Encoding names are matched as PostgreSQL's ``pg_char_to_encoding``
does (case and punctuation ignored, common aliases); characters without an equivalent raise
22P05 and invalid input bytes 22021 with PostgreSQL's messages.
"""

from __future__ import annotations

import codecs
from typing import Any

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.functions import builtin
from sql.functions_util import invalid_parameter

# PG encoding name -> Python codec (None: SQL_ASCII, bytes are taken as they are)
_CODECS: dict[str, str | None] = {
    "UTF8": "utf-8", "SQL_ASCII": None, "LATIN1": "iso8859-1", "LATIN2": "iso8859-2", "LATIN3": "iso8859-3",
    "LATIN4": "iso8859-4", "LATIN5": "iso8859-9", "LATIN6": "iso8859-10", "LATIN7": "iso8859-13",
    "LATIN8": "iso8859-14", "LATIN9": "iso8859-15", "LATIN10": "iso8859-16", "ISO_8859_5": "iso8859-5",
    "ISO_8859_6": "iso8859-6", "ISO_8859_7": "iso8859-7", "ISO_8859_8": "iso8859-8", "WIN866": "cp866",
    "WIN874": "cp874", "WIN1250": "cp1250", "WIN1251": "cp1251", "WIN1252": "cp1252", "WIN1253": "cp1253",
    "WIN1254": "cp1254", "WIN1255": "cp1255", "WIN1256": "cp1256", "WIN1257": "cp1257", "WIN1258": "cp1258",
    "KOI8R": "koi8-r", "KOI8U": "koi8-u", "EUC_JP": "euc_jp", "EUC_KR": "euc_kr", "EUC_CN": "gb2312",
    "EUC_JIS_2004": "euc_jis_2004", "SJIS": "shift_jis", "SHIFT_JIS_2004": "shift_jis_2004", "BIG5": "big5",
    "GBK": "gbk", "GB18030": "gb18030", "UHC": "cp949", "JOHAB": "johab",
}
_ALIASES = {
    "unicode": "UTF8", "utf8": "UTF8", "sqlascii": "SQL_ASCII", "iso88591": "LATIN1", "iso88592": "LATIN2",
    "iso88593": "LATIN3", "iso88594": "LATIN4", "iso88599": "LATIN5", "iso885910": "LATIN6", "iso885913": "LATIN7",
    "iso885914": "LATIN8", "iso885915": "LATIN9", "iso885916": "LATIN10", "iso88595": "ISO_8859_5",
    "iso88596": "ISO_8859_6", "iso88597": "ISO_8859_7", "iso88598": "ISO_8859_8", "win": "WIN1251",
    "alt": "WIN866", "koi8": "KOI8R", "koi8r": "KOI8R", "koi8u": "KOI8U", "shiftjis": "SJIS", "mskanji": "SJIS",
    "windows932": "SJIS", "windows936": "GBK", "windows949": "UHC", "windows950": "BIG5", "tcvn": "WIN1258",
    "tcvn5712": "WIN1258", "vscii": "WIN1258", "abc": "WIN1258", "cp936": "GBK", "cp949": "UHC",
}


def _clean(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def encoding_name(name: str, what: str) -> str:
    """The canonical PG encoding for ``name``; 22023 ``invalid <what> encoding name``."""
    key = _clean(name)
    for canon in _CODECS:
        if _clean(canon) == key:
            return canon
    canon = _ALIASES.get(key)
    if canon is None:
        raise invalid_parameter(f'invalid {what} encoding name "{name}"')
    return canon


def _hex_bytes(b: bytes) -> str:
    return " ".join(f"0x{c:02x}" for c in b)


def _decode(data: bytes, enc: str) -> str:
    codec = _CODECS[enc] or "utf-8"
    try:
        return codecs.decode(data, codec)
    except UnicodeDecodeError as e:
        bad = data[e.start:max(e.end, e.start + 1)]
        raise SqlError(sqlstate.CHARACTER_NOT_IN_REPERTOIRE,
                       f'invalid byte sequence for encoding "{"UTF8" if enc == "SQL_ASCII" else enc}": '
                       f"{_hex_bytes(bad)}") from None


def _encode(text: str, enc: str) -> bytes:
    codec = _CODECS[enc] or "utf-8"
    try:
        return codecs.encode(text, codec)
    except UnicodeEncodeError as e:
        ch = text[e.start:e.end][:1].encode()
        raise SqlError(sqlstate.UNTRANSLATABLE_CHARACTER,
                       f'character with byte sequence {_hex_bytes(ch)} in encoding "UTF8" has no equivalent '
                       f'in encoding "{enc}"') from None


@builtin("convert_to", (T.TEXT, T.NAME), T.BYTEA)
def convert_to(text: str, dest: str) -> bytes:
    return _encode(text, encoding_name(dest, "destination"))


@builtin("convert_from", (T.BYTEA, T.NAME), T.TEXT)
def convert_from(data: bytes, src: str) -> str:
    return _decode(bytes(data), encoding_name(src, "source"))


@builtin("convert", (T.BYTEA, T.NAME, T.NAME), T.BYTEA)
def convert(data: bytes, src: str, dest: str) -> bytes:
    s_enc = encoding_name(src, "source")
    d_enc = encoding_name(dest, "destination")
    if s_enc == d_enc or _CODECS[d_enc] is None or _CODECS[s_enc] is None:
        return bytes(data)
    return _encode(_decode(bytes(data), s_enc), d_enc)


@builtin("pg_client_encoding", (), T.NAME, needs_ctx=True)
def pg_client_encoding(ctx: Any) -> str:
    return ctx.session.settings.values["client_encoding"]
