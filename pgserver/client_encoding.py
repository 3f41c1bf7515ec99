"""Conversion between the server encoding (UTF8) and a client encoding other than UTF8.

The SQL layer works with Python ``str``; the frontend decodes what the client sends from its
encoding and encodes what goes back into it. :func:`client_codec` gives None for UTF8 and
SQL_ASCII (no conversion: today's fast paths) and a :class:`ClientCodec` otherwise.

Errors are PostgreSQL's: bytes that are not valid in the client encoding give 22021
``invalid byte sequence for encoding "EUC_JP": 0x..``; a character with no equivalent in the
other encoding gives 22P05 ``character with byte sequence ... has no equivalent in encoding``.
"""

from __future__ import annotations

import codecs
import struct
from collections.abc import Callable, Sequence
from functools import cache

from sql import sqlstate
from sql.encoding_names import PYTHON_CODECS
from sql.errors import SqlError
from sql.typesys import binary_form_is_text, binary_form_is_versioned_text

_MULTIBYTE = frozenset(
    {"EUC_JP", "EUC_CN", "EUC_KR", "EUC_JIS_2004", "SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB",
     "SHIFT_JIS_2004"}
)


def _hex(data: bytes) -> str:
    return " ".join(f"0x{b:02x}" for b in data)


def char_length(encoding: str, data: bytes, pos: int) -> int:
    """The byte length of the character starting at ``pos``, as PostgreSQL's pg_encoding_mblen."""
    first = data[pos]
    if first < 0x80 or encoding not in _MULTIBYTE:
        return 1
    if encoding in ("EUC_JP", "EUC_JIS_2004"):
        return 3 if first == 0x8F else 2
    if encoding in ("SJIS", "SHIFT_JIS_2004"):
        return 1 if 0xA1 <= first <= 0xDF else 2
    if encoding == "GB18030":
        nxt = data[pos + 1] if pos + 1 < len(data) else 0
        return 4 if 0x30 <= nxt <= 0x39 else 2
    return 2


def untranslatable(char: str, encoding: str) -> SqlError:
    """22P05 for a server character that ``encoding`` cannot represent."""
    return SqlError(
        sqlstate.UNTRANSLATABLE_CHARACTER,
        f'character with byte sequence {_hex(char.encode())} in encoding "UTF8" has no equivalent '
        f'in encoding "{encoding}"',
    )


class ClientCodec:
    """Encoder and decoder for one client encoding (never UTF8 or SQL_ASCII)."""

    __slots__ = ("name", "codec", "decode", "encode")

    def __init__(self, name: str, codec: str) -> None:
        self.name = name
        self.codec = codec
        info = codecs.lookup(codec)
        raw_decode = info.decode
        raw_encode = info.encode

        def decode(data: bytes) -> str:
            try:
                return raw_decode(data)[0]
            except UnicodeDecodeError as exc:
                raise self.invalid_input(data, exc.start) from None

        def encode(text: str) -> bytes:
            try:
                return raw_encode(text)[0]
            except UnicodeEncodeError as exc:
                raise untranslatable(text[exc.start], name) from None

        #: Client bytes -> str (22021 / 22P05 on bad input).
        self.decode: Callable[[bytes], str] = decode
        #: str -> client bytes (22P05 for a character the client encoding lacks).
        self.encode: Callable[[str], bytes] = encode

    def invalid_input(self, data: bytes, start: int) -> SqlError:
        """The error for client bytes that do not decode at ``start``."""
        if self.name not in _MULTIBYTE:
            return SqlError(
                sqlstate.UNTRANSLATABLE_CHARACTER,
                f'character with byte sequence {_hex(data[start:start + 1])} in encoding "{self.name}" '
                f'has no equivalent in encoding "UTF8"',
            )
        n = min(char_length(self.name, data, start), len(data) - start)
        return SqlError(
            sqlstate.CHARACTER_NOT_IN_REPERTOIRE,
            f'invalid byte sequence for encoding "{self.name}": {_hex(data[start:start + n])}',
        )

    def to_server(self, data: bytes) -> bytes:
        """Client bytes re-encoded as UTF-8 (ASCII passes through untouched)."""
        if data.isascii():
            return data
        return self.decode(data).encode()

    def to_client(self, data: bytes) -> bytes:
        """UTF-8 bytes re-encoded in the client encoding (ASCII passes through untouched)."""
        if data.isascii():
            return data
        return self.encode(data.decode())

    def stream_decoder(self) -> StreamDecoder:
        """A decoder for client data arriving in pieces (COPY FROM STDIN)."""
        return StreamDecoder(self)


class StreamDecoder:
    """Client bytes -> UTF-8 bytes across CopyData boundaries that may split a character."""

    __slots__ = ("_codec", "_decoder", "_seen")

    def __init__(self, codec: ClientCodec) -> None:
        self._codec = codec
        self._decoder = codecs.getincrementaldecoder(codec.codec)()
        self._seen = b""  # the undecoded tail, to quote it in an error

    def feed(self, data: bytes, final: bool = False) -> bytes:
        if not self._seen and data.isascii():
            return data
        buf = self._seen + data
        try:
            text = self._decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            raise self._codec.invalid_input(buf, exc.start) from None
        state = self._decoder.getstate()[0]
        self._seen = state if isinstance(state, bytes) else b""
        return text.encode()


@cache
def client_codec(name: str) -> ClientCodec | None:
    """The codec for the canonical encoding ``name``; None when no conversion is needed."""
    if name in ("UTF8", "SQL_ASCII"):
        return None
    codec = PYTHON_CODECS.get(name)
    if codec is None:
        # EUC_TW: no Python codec; ASCII converts, anything else is reported untranslatable
        return ClientCodec(name, "ascii") if name == "EUC_TW" else None
    return ClientCodec(name, codec)


_BINARY_COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
_I16 = struct.Struct("!h")
_I32 = struct.Struct("!i")

FieldConverter = Callable[[bytes], bytes]


def binary_copy_to_client(chunk: bytes, converters: Sequence[FieldConverter | None]) -> bytes:
    """Convert the text-like fields of binary COPY data holding whole rows (as COPY TO sends it:
    the header with the first row, the trailer alone). ``converters[i]`` converts column i."""
    parts: list[bytes] = []
    pos = 0
    if chunk.startswith(_BINARY_COPY_SIGNATURE):
        pos = 19 + _I32.unpack_from(chunk, 15)[0]
        parts.append(chunk[:pos])
    n = len(chunk)
    while pos + 2 <= n:
        start = pos
        count = _I16.unpack_from(chunk, pos)[0]
        pos += 2
        if count < 0:  # the trailer
            parts.append(chunk[start:])
            return b"".join(parts)
        parts.append(chunk[start:pos])
        for i in range(count):
            size = _I32.unpack_from(chunk, pos)[0]
            pos += 4
            if size < 0:
                parts.append(chunk[pos - 4:pos])
                continue
            value = chunk[pos:pos + size]
            pos += size
            convert = converters[i] if i < len(converters) else None
            if convert is not None:
                value = convert(value)
            parts.append(_I32.pack(len(value)))
            parts.append(value)
    parts.append(chunk[pos:])
    return b"".join(parts)


class BinaryCopyInConverter:
    """Converts the text-like fields of binary COPY FROM data arriving in pieces: whole rows are
    converted and handed on, a partial row waits for the rest."""

    __slots__ = ("_converters", "_buf", "_header_done", "_done")

    def __init__(self, converters: Sequence[FieldConverter | None]) -> None:
        self._converters = converters
        self._buf = b""
        self._header_done = False
        self._done = False

    def feed(self, data: bytes) -> bytes:
        if self._done:
            return data
        buf = self._buf + data
        out: list[bytes] = []
        pos = 0
        if not self._header_done:
            if len(buf) < 19:
                self._buf = buf
                return b""
            if not buf.startswith(_BINARY_COPY_SIGNATURE):  # the SQL layer reports it
                self._done = True
                self._buf = b""
                return buf
            ext = _I32.unpack_from(buf, 15)[0]
            if ext < 0 or len(buf) < 19 + ext:
                self._buf = buf
                return b""
            pos = 19 + ext
            out.append(buf[:pos])
            self._header_done = True
        n = len(buf)
        while pos + 2 <= n:
            end = self._row_end(buf, pos)
            if end is None:
                break
            if end < 0:  # the trailer, or a malformed row: pass the rest on untouched
                self._done = True
                out.append(buf[pos:])
                pos = n
                break
            out.append(binary_copy_to_client(buf[pos:end], self._converters))
            pos = end
        self._buf = buf[pos:]
        return b"".join(out)

    @staticmethod
    def _row_end(buf: bytes, pos: int) -> int | None:
        """Where the row at ``pos`` ends; None when incomplete, -1 for the trailer or garbage."""
        count = _I16.unpack_from(buf, pos)[0]
        if count < 0:
            return -1
        p = pos + 2
        n = len(buf)
        for _ in range(count):
            if p + 4 > n:
                return None
            size = _I32.unpack_from(buf, p)[0]
            p += 4
            if size < -1:
                return -1
            if size > 0:
                p += size
                if p > n:
                    return None
        return p

    def finish(self) -> bytes:
        rest, self._buf = self._buf, b""
        return rest


def binary_field_converter(type_oid: int, convert: FieldConverter) -> FieldConverter | None:
    """What converts a binary value of ``type_oid`` with ``convert``: the whole value for types whose
    binary form is text, all but the version byte for jsonb-like ones; None for other types."""
    if binary_form_is_text(type_oid):
        return convert
    if binary_form_is_versioned_text(type_oid):
        return lambda b: b[:1] + convert(b[1:])
    return None


def _field_converters(type_oids: Sequence[int], convert: FieldConverter) -> list[FieldConverter | None]:
    return [binary_field_converter(oid, convert) for oid in type_oids]


def copy_out_converter(codec: ClientCodec | None, type_oids: Sequence[int],
                       format_code: int) -> FieldConverter | None:
    """What converts COPY TO data to the client encoding (None: nothing to do)."""
    if codec is None:
        return None
    if format_code == 0:
        return codec.to_client
    converters = _field_converters(type_oids, codec.to_client)
    if not any(converters):
        return None
    return lambda chunk: binary_copy_to_client(chunk, converters)


def copy_in_converter(codec: ClientCodec | None, type_oids: Sequence[int],
                      format_code: int) -> StreamDecoder | BinaryCopyInConverter | None:
    """What converts COPY FROM data from the client encoding (None: nothing to do)."""
    if codec is None:
        return None
    if format_code == 0:
        return codec.stream_decoder()
    converters = _field_converters(type_oids, codec.to_server)
    return BinaryCopyInConverter(converters) if any(converters) else None
