"""Property tests of the sans-I/O frontend codec: any bytes in give messages, None (need more
data) or a ``SqlError`` -- never another exception, whatever the chunking."""

from __future__ import annotations

import struct

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pgserver import messages as m
from pgserver.framing import FrontendFramer
from sql.errors import SqlError

_STARTUP = struct.pack("!iI", 8 + 10, 196608) + b"user\0bob\0\0"
_TYPES = [ord(c) for c in "QPBDESHCcdfFpX"] + [0, 255]


def _drain(framer: FrontendFramer, limit: int = 10_000) -> None:
    for _ in range(limit):
        try:
            msg = framer.next_message()
        except SqlError as err:
            assert err.code and len(err.code) == 5
            if err.is_fatal:
                return
            continue
        if msg is None:
            return


@st.composite
def _typed_message(draw: st.DrawFn) -> bytes:
    type_byte = draw(st.sampled_from(_TYPES))
    body = draw(st.binary(max_size=64))
    length = draw(st.one_of(st.just(len(body) + 4), st.integers(-(2**31), 2**31 - 1)))
    return bytes([type_byte]) + struct.pack("!i", length) + body


def _chunks(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts}) if data else []
    out, start = [], 0
    for p in points:
        out.append(data[start:p])
        start = p
    out.append(data[start:])
    return out


_FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(st.binary(max_size=200), st.lists(st.integers(0, 400), max_size=5))
def test_startup_phase_random_bytes(data: bytes, cuts: list[int]) -> None:
    framer = FrontendFramer()
    for chunk in _chunks(data, cuts):
        framer.feed(chunk)
        _drain(framer)


@_FUZZ
@given(st.lists(_typed_message(), max_size=8), st.lists(st.integers(0, 600), max_size=5))
def test_typed_phase_random_messages(msgs: list[bytes], cuts: list[int]) -> None:
    framer = FrontendFramer(max_message_size=1 << 20)
    framer.feed(_STARTUP)
    assert isinstance(framer.next_message(), m.StartupMessage)
    for chunk in _chunks(b"".join(msgs), cuts):
        framer.feed(chunk)
        _drain(framer)


@_FUZZ
@given(st.sampled_from(sorted(m.DECODERS)), st.binary(max_size=120))
def test_each_decoder_on_random_bodies(type_byte: int, body: bytes) -> None:
    try:
        m.DECODERS[type_byte](body)
    except SqlError as err:
        assert len(err.code) == 5


@_FUZZ
@given(st.binary(max_size=80))
def test_sasl_and_password_parsers(data: bytes) -> None:
    for parse in (m.parse_sasl_initial_response, m.parse_password):
        try:
            parse(data)
        except SqlError as err:
            assert len(err.code) == 5
