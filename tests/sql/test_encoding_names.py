"""client_encoding names as PostgreSQL accepts them (pg_char_to_encoding's cleaning and aliases)."""

from __future__ import annotations

import pytest

from sql import sqlstate
from sql.encoding_names import canonical_encoding, client_conversion_supported
from sql.errors import SqlError
from sql.settings import Settings


@pytest.mark.parametrize("name, canon", [
    ("latin1", "LATIN1"), ("LATIN9", "LATIN9"), ("iso8859-15", "LATIN9"), ("iso_8859_15", "LATIN9"),
    ("euc-jp", "EUC_JP"), ("eucjp", "EUC_JP"), ("windows1252", "WIN1252"), ("win1252", "WIN1252"),
    ("koi8-r", "KOI8R"), ("koi8", "KOI8R"), ("shift_jis", "SJIS"), ("mskanji", "SJIS"), ("windows932", "SJIS"),
    ("windows936", "GBK"), ("windows949", "UHC"), ("windows950", "BIG5"), ("alt", "WIN866"), ("win", "WIN1251"),
    ("tcvn", "WIN1258"), ("abc", "WIN1258"), ("iso88595", "ISO_8859_5"), ("unicode", "UTF8"), ("utf-8", "UTF8"),
    ("sqlascii", "SQL_ASCII"), (" latin1", "LATIN1"), ("Latin-1", "LATIN1"), ("GB18030", "GB18030"),
])
def test_canonical_names(name: str, canon: str) -> None:
    assert canonical_encoding(name) == canon


@pytest.mark.parametrize("name", ["cp1252", "cp936", "foo", "", "default"])
def test_unknown_names(name: str) -> None:
    assert canonical_encoding(name) is None


def test_settings_errors() -> None:
    s = Settings()
    s.set("client_encoding", "iso-8859-1")
    assert s.show("client_encoding") == "LATIN1"
    assert s.take_reported()["client_encoding"] == "LATIN1"
    with pytest.raises(SqlError) as info:
        s.set("client_encoding", "foo")
    assert (info.value.code, info.value.message) == (
        sqlstate.INVALID_PARAMETER_VALUE, 'invalid value for parameter "client_encoding": "foo"')
    with pytest.raises(SqlError) as info:
        s.set("client_encoding", "mule_internal")
    assert info.value.code == sqlstate.FEATURE_NOT_SUPPORTED
    assert info.value.detail == "Conversion between MULE_INTERNAL and UTF8 is not supported."
    with pytest.raises(SqlError) as info:
        Settings({"client_encoding": "mule_internal"})
    assert info.value.message == "conversion between MULE_INTERNAL and UTF8 is not supported"
    assert not client_conversion_supported("MULE_INTERNAL")
    assert client_conversion_supported("EUC_TW")
