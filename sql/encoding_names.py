"""PostgreSQL's encoding names as client_encoding accepts them, and the Python codec of each.

Names are matched as PostgreSQL's ``pg_char_to_encoding`` does: letters and digits only,
case-insensitive (``'Latin-1'``, ``'iso_8859_15'`` and ``'euc-jp'`` are all fine), against the
canonical names and the aliases of PostgreSQL's ``pg_encname_tbl``.
"""

from __future__ import annotations

#: Canonical PostgreSQL encoding name -> Python codec (None: no codec in Python).
PYTHON_CODECS: dict[str, str | None] = {
    "SQL_ASCII": None,
    "UTF8": "utf-8",
    "EUC_JP": "euc_jp",
    "EUC_CN": "gb2312",
    "EUC_KR": "euc_kr",
    "EUC_TW": None,
    "EUC_JIS_2004": "euc_jis_2004",
    "MULE_INTERNAL": None,
    "LATIN1": "iso8859-1",
    "LATIN2": "iso8859-2",
    "LATIN3": "iso8859-3",
    "LATIN4": "iso8859-4",
    "LATIN5": "iso8859-9",
    "LATIN6": "iso8859-10",
    "LATIN7": "iso8859-13",
    "LATIN8": "iso8859-14",
    "LATIN9": "iso8859-15",
    "LATIN10": "iso8859-16",
    "WIN1256": "cp1256",
    "WIN1258": "cp1258",
    "WIN866": "cp866",
    "WIN874": "cp874",
    "KOI8R": "koi8-r",
    "WIN1251": "cp1251",
    "WIN1252": "cp1252",
    "ISO_8859_5": "iso8859-5",
    "ISO_8859_6": "iso8859-6",
    "ISO_8859_7": "iso8859-7",
    "ISO_8859_8": "iso8859-8",
    "WIN1250": "cp1250",
    "WIN1253": "cp1253",
    "WIN1254": "cp1254",
    "WIN1255": "cp1255",
    "WIN1257": "cp1257",
    "KOI8U": "koi8-u",
    "SJIS": "shift_jis",
    "BIG5": "big5",
    "GBK": "gbk",
    "UHC": "cp949",
    "GB18030": "gb18030",
    "JOHAB": "johab",
    "SHIFT_JIS_2004": "shift_jis_2004",
}

#: Client-only encodings in PostgreSQL (not usable as a database encoding).
CLIENT_ONLY = frozenset({"SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB", "SHIFT_JIS_2004"})

#: Aliases of PostgreSQL's pg_encname_tbl that are not the cleaned canonical name.
_ALIASES: dict[str, str] = {
    "abc": "WIN1258", "alt": "WIN866", "iso88591": "LATIN1", "iso88592": "LATIN2", "iso88593": "LATIN3",
    "iso88594": "LATIN4", "iso88599": "LATIN5", "iso885910": "LATIN6", "iso885913": "LATIN7",
    "iso885914": "LATIN8", "iso885915": "LATIN9", "iso885916": "LATIN10", "koi8": "KOI8R",
    "mskanji": "SJIS", "shiftjis": "SJIS", "shiftjis2004": "SHIFT_JIS_2004", "tcvn": "WIN1258",
    "tcvn5712": "WIN1258", "unicode": "UTF8", "vscii": "WIN1258", "win": "WIN1251", "win932": "SJIS",
    "win936": "GBK", "win949": "UHC", "win950": "BIG5", "windows932": "SJIS", "windows936": "GBK",
    "windows949": "UHC", "windows950": "BIG5",
}


def clean_encoding_name(name: str) -> str:
    """PostgreSQL's clean_encoding_name: ASCII letters and digits only, lower case."""
    return "".join(c for c in name.lower() if c.isascii() and c.isalnum())


def _table() -> dict[str, str]:
    table = {clean_encoding_name(canon): canon for canon in PYTHON_CODECS}
    for canon in PYTHON_CODECS:
        if canon.startswith("WIN"):
            table["windows" + canon[3:].lower()] = canon
    table.update(_ALIASES)
    return table


_NAMES = _table()


def canonical_encoding(name: str) -> str | None:
    """PostgreSQL's canonical name for the encoding ``name``, or None when unknown."""
    return _NAMES.get(clean_encoding_name(name))


def client_conversion_supported(canon: str) -> bool:
    """Whether PostgreSQL (with a UTF8 database) accepts ``canon`` as a client encoding.

    EUC_TW is accepted although Python has no codec for it: only its ASCII part converts."""
    return canon != "MULE_INTERNAL"
