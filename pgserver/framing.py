"""Incremental, sans-I/O framing of the frontend side of the PostgreSQL v3 protocol.

:class:`FrontendFramer` takes raw bytes as they arrive from the client (``feed``) and hands out
decoded message objects from :mod:`pgserver.messages` (``next_message``). It starts in the
startup phase (untyped packets: StartupMessage, SSLRequest, GSSENCRequest, CancelRequest) and
switches to typed messages after a StartupMessage.

Lengths are checked as soon as the header arrives, before any of the body is buffered. Fatal
problems raise ``SqlError`` with severity FATAL (the caller reports and closes the connection).
A non-fatal decode error (e.g. invalid UTF-8 in a Query) is raised after the offending message
has been consumed, so the framer stays usable.
"""

from __future__ import annotations

import struct

from pgserver.messages import (
    DECODERS,
    FrontendMessage,
    StartupMessage,
    TextDecoder,
    decode_startup,
    decoders_for,
    protocol_violation,
)

#: PostgreSQL's PQ_SMALL_MESSAGE_LIMIT.
SMALL_MESSAGE_LIMIT = 10000
#: PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH, used for 'p' (password / SASL) messages.
AUTH_MESSAGE_LIMIT = 65535
#: Default limit for other messages: 1 GiB - 1.
DEFAULT_MAX_MESSAGE_SIZE = 0x3FFFFFFF
#: PostgreSQL's MAX_STARTUP_PACKET_LENGTH (payload after the length word).
MAX_STARTUP_PACKET_LENGTH = 10000

#: Bodies at least this long that are not yet complete are collected as a list of chunks and
#: joined once, rather than accumulated in the shared buffer.
_LARGE_BODY = 64 * 1024
#: Compact the shared buffer once this many consumed bytes sit at its front.
_COMPACT_AT = 64 * 1024

_SMALL_TYPES = frozenset(b"SHXEDCc")

_I32 = struct.Struct("!i")
_TYPED_HDR = struct.Struct("!Bi")


class FrontendFramer:
    """Splits a client byte stream into frontend messages."""

    __slots__ = (
        "_buf",
        "_pos",
        "_limits",
        "_pending_type",
        "_pending_chunks",
        "_pending_left",
        "_decoders",
        "expecting_startup",
        "max_message_size",
        "last_type",
    )

    def __init__(self, max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE) -> None:
        self._buf = bytearray()
        self._pos = 0
        self.max_message_size = max_message_size
        self.expecting_startup = True
        #: Type byte of the last typed message handed out (or being decoded when a non-fatal
        #: decode error was raised); 0 for startup-phase packets.
        self.last_type = 0
        # Length limit (including the length word) for each known message type byte.
        self._limits: dict[int, int] = {}
        for t in DECODERS:
            if t in _SMALL_TYPES:
                self._limits[t] = SMALL_MESSAGE_LIMIT
            elif t == ord("p"):
                self._limits[t] = min(AUTH_MESSAGE_LIMIT, max_message_size)
            else:
                self._limits[t] = max_message_size
        # A large body being collected: its type byte, the chunks so far, bytes still missing.
        self._pending_type = -1
        self._pending_chunks: list[bytes | memoryview] = []
        self._pending_left = 0
        self._decoders = DECODERS

    def set_text_decoder(self, text: TextDecoder | None) -> None:
        """Decode the strings of later messages with ``text`` (the client encoding; None: UTF-8)."""
        self._decoders = decoders_for(text)

    # ------------------------------------------------------------------------------------------

    @property
    def buffered(self) -> int:
        """Bytes received but not yet returned as messages (e.g. to reject data sent after an
        SSLRequest before the TLS handshake)."""
        pending = 0
        if self._pending_type >= 0:
            pending = 5 + sum(len(c) for c in self._pending_chunks)
        return len(self._buf) - self._pos + pending

    def feed(self, data: bytes | bytearray | memoryview) -> None:
        """Add bytes received from the client."""
        if not data:
            return
        if self._pending_type >= 0:
            left = self._pending_left
            if not isinstance(data, bytes):
                data = bytes(data)  # the caller may reuse its buffer; keep our own copy
            if len(data) <= left:
                self._pending_chunks.append(data)
                self._pending_left = left - len(data)
                return
            view = memoryview(data)
            self._pending_chunks.append(view[:left])
            self._pending_left = 0
            data = view[left:]
        buf = self._buf
        if self._pos:
            if self._pos == len(buf):
                buf.clear()
                self._pos = 0
            elif self._pos >= _COMPACT_AT:
                del buf[: self._pos]
                self._pos = 0
        buf += data

    def next_message(self) -> FrontendMessage | None:
        """The next complete message, or None when more data is needed."""
        if self._pending_type >= 0:
            if self._pending_left:
                return None
            return self._finish_pending()
        if self.expecting_startup:
            return self._next_startup()
        buf = self._buf
        pos = self._pos
        avail = len(buf) - pos
        if avail < 1:
            return None
        type_byte = buf[pos]
        limit = self._limits.get(type_byte)
        if limit is None:
            raise protocol_violation(f"invalid frontend message type {type_byte}")
        if avail < 5:
            return None
        length = _I32.unpack_from(buf, pos + 1)[0]
        if length < 4 or length > limit:
            raise protocol_violation("invalid message length")
        end = pos + 1 + length
        if end > len(buf):
            body_len = length - 4
            if body_len >= _LARGE_BODY:
                self._start_pending(type_byte, body_len)
            return None
        self._pos = end
        self.last_type = type_byte
        if length == 4:
            body = b""
        else:
            with memoryview(buf) as view:
                body = view[pos + 5 : end].tobytes()
        return self._decoders[type_byte](body)

    # ------------------------------------------------------------------------------------------

    def _next_startup(self) -> FrontendMessage | None:
        buf = self._buf
        pos = self._pos
        if len(buf) - pos < 4:
            return None
        length = _I32.unpack_from(buf, pos)[0]
        if length - 4 < 4 or length - 4 > MAX_STARTUP_PACKET_LENGTH:
            raise protocol_violation("invalid length of startup packet")
        end = pos + length
        if end > len(buf):
            return None
        with memoryview(buf) as view:
            body = view[pos + 4 : end].tobytes()
        self._pos = end
        self.last_type = 0
        msg = decode_startup(body)
        if isinstance(msg, StartupMessage):
            self.expecting_startup = False
        return msg

    def _start_pending(self, type_byte: int, body_len: int) -> None:
        """Move a partially received large body out of the shared buffer."""
        buf = self._buf
        start = self._pos + 5
        with memoryview(buf) as view:
            first = view[start:].tobytes()
        buf.clear()
        self._pos = 0
        self._pending_type = type_byte
        self._pending_chunks = [first]
        self._pending_left = body_len - len(first)

    def _finish_pending(self) -> FrontendMessage:
        chunks = self._pending_chunks
        body = chunks[0] if len(chunks) == 1 and isinstance(chunks[0], bytes) else b"".join(chunks)
        type_byte = self._pending_type
        self._pending_type = -1
        self._pending_chunks = []
        self.last_type = type_byte
        return self._decoders[type_byte](body)
