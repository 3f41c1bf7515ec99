"""Tests for pgserver.client_encoding and the client-encoding paths of the message codec, framer
and row encoders: conversions, PostgreSQL's error texts, and UTF8 left on the fast path."""

from __future__ import annotations

import struct

import pytest

from pgserver import messages as m
from pgserver.client_encoding import binary_copy_to_client, char_length, client_codec
from pgserver.framing import FrontendFramer
from pgserver.results import RowDescriptionCache, make_row_encoder
from sql import sqlstate
from sql.datatypes.registry import BYTEA, INT4, TEXT
from sql.errors import SqlError
from sql.result import ColumnInfo
from sql.typesys import binary_output, text_output


class Outputs:
    def text_output(self, oid: int):  # type: ignore[no-untyped-def]
        return text_output(oid)

    def binary_output(self, oid: int):  # type: ignore[no-untyped-def]
        return binary_output(oid)


def test_utf8_and_sql_ascii_need_no_codec() -> None:
    assert client_codec("UTF8") is None
    assert client_codec("SQL_ASCII") is None
    assert client_codec("MULE_INTERNAL") is None


def test_round_trips() -> None:
    for name, text in [("LATIN1", "caf\u00e9"), ("LATIN9", "\u20ac"), ("EUC_JP", "\u65e5\u672c"),
                       ("WIN1252", "\u201c\u20ac\u201d"), ("SJIS", "\u30c6\u30b9\u30c8"), ("KOI8R", "\u043f\u0440"),
                       ("GB18030", "\u4e2d\U00020000"), ("UHC", "\ud55c"), ("BIG5", "\u4e2d")]:
        codec = client_codec(name)
        assert codec is not None
        raw = codec.encode(text)
        assert raw != text.encode()
        assert codec.decode(raw) == text
        assert codec.to_server(raw) == text.encode()
        assert codec.to_client(text.encode()) == raw
        assert codec.to_server(b"plain") == b"plain"


def test_untranslatable_character() -> None:
    codec = client_codec("LATIN1")
    assert codec is not None
    with pytest.raises(SqlError) as info:
        codec.encode("a\u20acb")
    assert info.value.code == sqlstate.UNTRANSLATABLE_CHARACTER
    assert info.value.message == ('character with byte sequence 0xe2 0x82 0xac in encoding "UTF8" '
                                  'has no equivalent in encoding "LATIN1"')


def test_invalid_input_messages() -> None:
    cases = [("EUC_JP", b"SELECT '\xa4'", 'invalid byte sequence for encoding "EUC_JP": 0xa4 0x27'),
             ("SJIS", b"'\x82\xff", 'invalid byte sequence for encoding "SJIS": 0x82 0xff'),
             ("SJIS", b"'\x82", 'invalid byte sequence for encoding "SJIS": 0x82'),
             ("GB18030", b"\x81\x30\x81'", 'invalid byte sequence for encoding "GB18030": 0x81 0x30 0x81 0x27')]
    for name, data, message in cases:
        codec = client_codec(name)
        assert codec is not None
        with pytest.raises(SqlError) as info:
            codec.decode(data)
        assert (info.value.code, info.value.message) == (sqlstate.CHARACTER_NOT_IN_REPERTOIRE, message)
    codec = client_codec("WIN1252")
    assert codec is not None
    with pytest.raises(SqlError) as info:
        codec.decode(b"\x81")
    assert (info.value.code, info.value.message) == (
        sqlstate.UNTRANSLATABLE_CHARACTER,
        'character with byte sequence 0x81 in encoding "WIN1252" has no equivalent in encoding "UTF8"')


def test_char_length() -> None:
    assert char_length("EUC_JP", b"\x8f\xa1\xa1", 0) == 3
    assert char_length("SJIS", b"\xb1", 0) == 1
    assert char_length("GB18030", b"\x81\x30", 0) == 4
    assert char_length("LATIN1", b"\xe9", 0) == 1


def test_euc_tw_converts_ascii_only() -> None:
    codec = client_codec("EUC_TW")
    assert codec is not None
    assert codec.encode("abc") == b"abc"
    with pytest.raises(SqlError):
        codec.encode("\u4e2d")


def test_stream_decoder_joins_split_characters() -> None:
    codec = client_codec("EUC_JP")
    assert codec is not None
    dec = codec.stream_decoder()
    raw = "\u65e5\u672c\n".encode("euc_jp")
    out = b"".join(dec.feed(raw[i:i + 1]) for i in range(len(raw))) + dec.feed(b"", final=True)
    assert out == "\u65e5\u672c\n".encode()
    dec = codec.stream_decoder()
    dec.feed(b"\xa4")
    with pytest.raises(SqlError) as info:
        dec.feed(b"", final=True)
    assert info.value.code == sqlstate.CHARACTER_NOT_IN_REPERTOIRE


def test_framer_decodes_in_the_client_encoding() -> None:
    codec = client_codec("LATIN1")
    assert codec is not None
    framer = FrontendFramer()
    framer.expecting_startup = False
    query = b"SELECT '\xe9'\0"
    framer.feed(b"Q" + struct.pack("!i", len(query) + 4) + query)
    with pytest.raises(SqlError):  # not UTF-8
        framer.next_message()
    framer.set_text_decoder(codec.decode)
    framer.feed(b"Q" + struct.pack("!i", len(query) + 4) + query)
    assert framer.next_message() == m.Query("SELECT '\u00e9'")
    parse = b"s\xe9\0SELECT '\xe9'\0\0\0"
    framer.feed(b"P" + struct.pack("!i", len(parse) + 4) + parse)
    assert framer.next_message() == m.Parse("s\u00e9", "SELECT '\u00e9'", ())
    framer.set_text_decoder(None)
    assert framer._decoders is m.DECODERS  # UTF8: the default table again


def _col(name: str, oid: int) -> ColumnInfo:
    return ColumnInfo(name, oid)


def test_row_encoder_converts_text_and_binary() -> None:
    codec = client_codec("LATIN1")
    cols = [_col("a", TEXT), _col("b", INT4), _col("c", BYTEA)]
    enc = make_row_encoder(cols, [0], Outputs(), codec)
    assert enc(("\u00e9", 7, b"\xe9")) == m.data_row([b"\xe9", b"7", b"\\xe9"])
    enc = make_row_encoder(cols, [1], Outputs(), codec)
    assert enc(("\u00e9", 7, b"\xe9")) == m.data_row([b"\xe9", struct.pack("!i", 7), b"\xe9"])
    with pytest.raises(SqlError):
        enc(("\u20ac", 1, b""))
    # UTF8: no codec, UTF-8 bytes
    assert make_row_encoder(cols[:1], [0], Outputs())(("\u00e9",)) == m.data_row(["\u00e9".encode()])


def test_row_description_names() -> None:
    cache = RowDescriptionCache()
    cols = [_col("\u00e9", TEXT)]
    assert b"\xc3\xa9\0" in cache.get(cols)
    cache.set_codec(client_codec("LATIN1"))
    data = cache.get(cols)
    assert b"\xe9\0" in data and b"\xc3" not in data


def test_error_and_parameter_status_encoding() -> None:
    codec = client_codec("LATIN1")
    assert codec is not None
    err = SqlError(sqlstate.UNDEFINED_TABLE, 'relation "\u00e9" does not exist')
    assert b'relation "\xe9" does not exist' in m.error_from_sqlerror(err, codec.encode)
    assert m.parameter_status("client_encoding", "LATIN1", codec.encode) == m.parameter_status(
        "client_encoding", "LATIN1")


def test_binary_copy_rows() -> None:
    to_client = client_codec("LATIN1").to_client  # type: ignore[union-attr]
    header = b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0)
    row = struct.pack("!h", 3) + struct.pack("!i", 2) + b"\xc3\xa9" + struct.pack("!i", -1) + \
        struct.pack("!i", 2) + b"\xc3\xa9"
    out = binary_copy_to_client(header + row, [to_client, None, None])
    assert out == header + struct.pack("!h", 3) + struct.pack("!i", 1) + b"\xe9" + struct.pack("!i", -1) + \
        struct.pack("!i", 2) + b"\xc3\xa9"
    assert binary_copy_to_client(b"\xff\xff", [to_client]) == b"\xff\xff"


def test_binary_copy_in_pieces() -> None:
    from pgserver.client_encoding import BinaryCopyInConverter

    to_server = client_codec("LATIN1").to_server  # type: ignore[union-attr]
    header = b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0)
    row = struct.pack("!h", 1) + struct.pack("!i", 1) + b"\xe9"
    data = header + row + row + b"\xff\xff"
    conv = BinaryCopyInConverter([to_server])
    out = b"".join(conv.feed(data[i:i + 1]) for i in range(len(data))) + conv.finish()
    utf8_row = struct.pack("!h", 1) + struct.pack("!i", 2) + b"\xc3\xa9"
    assert out == header + utf8_row + utf8_row + b"\xff\xff"
