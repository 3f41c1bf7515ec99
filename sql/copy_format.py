"""COPY's data formats, sans I/O: text, CSV and binary, as PostgreSQL reads and writes them.

Decoders take the bytes of CopyData messages in any chunking and hand back one list of fields
per row: each field is a ``str`` (text and CSV; ``None`` for NULL) or ``bytes`` (binary). Encoders
turn one row of already-formatted fields into the bytes of one line. The conversion between
fields and datums (the types' text and binary I/O) is the caller's job."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from sql import sqlstate
from sql.errors import SqlError

BINARY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
BINARY_HEADER = BINARY_SIGNATURE + struct.pack("!ii", 0, 0)
BINARY_TRAILER = struct.pack("!h", -1)


@dataclass(frozen=True)
class CopyOptions:
    format: str = "text"  # text, csv, binary
    delimiter: str = "\t"
    null: str = "\\N"
    header: bool = False
    quote: str = '"'
    escape: str = '"'
    force_quote_all: bool = False  # FORCE_QUOTE *
    freeze: bool = False
    encoding: str | None = None


def copy_error(message: str, code: str = sqlstate.BAD_COPY_FILE_FORMAT) -> SqlError:
    return SqlError(code, message)


# ---------------------------------------------------------------------------------------------
# text format
# ---------------------------------------------------------------------------------------------

_TEXT_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_TEXT_OUT = {"\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


def _unescape_text(s: str) -> str:
    if "\\" not in s:
        return s
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c != "\\" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        d = s[i + 1]
        if d in _TEXT_ESCAPES:
            out.append(_TEXT_ESCAPES[d])
            i += 2
        elif "0" <= d <= "7":
            j = i + 1
            while j < n and j < i + 4 and "0" <= s[j] <= "7":
                j += 1
            out.append(chr(int(s[i + 1:j], 8) & 0xFF))
            i = j
        elif d == "x" and i + 2 < n and s[i + 2] in "0123456789abcdefABCDEF":
            j = i + 2
            while j < n and j < i + 4 and s[j] in "0123456789abcdefABCDEF":
                j += 1
            out.append(chr(int(s[i + 2:j], 16)))
            i = j
        else:
            out.append(d)
            i += 2
    return "".join(out)


def _split_text_line(line: str, delimiter: str) -> list[str]:
    """Split on unescaped delimiters (a backslash escapes the next character)."""
    if "\\" not in line:
        return line.split(delimiter)
    fields: list[str] = []
    start = i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c == "\\":
            i += 2
            continue
        if c == delimiter:
            fields.append(line[start:i])
            start = i + 1
        i += 1
    fields.append(line[start:])
    return fields


@dataclass
class _LineReader:
    """Complete lines out of arbitrarily chunked bytes (decoded as UTF-8)."""

    pending: bytes = b""
    line_no: int = 0

    def feed(self, data: bytes) -> list[str]:
        buf = self.pending + data if self.pending else data
        last = buf.rfind(b"\n")
        if last < 0:
            self.pending = buf
            return []
        self.pending = buf[last + 1:]
        return _decode(buf[:last]).split("\n")

    def rest(self) -> str | None:
        if not self.pending:
            return None
        s = _decode(self.pending)
        self.pending = b""
        return s


def _decode(b: bytes) -> str:
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError as e:
        bad = b[e.start:e.start + 1]
        raise SqlError(sqlstate.CHARACTER_NOT_IN_REPERTOIRE,
                       f'invalid byte sequence for encoding "UTF8": 0x{bad.hex()}') from None


@dataclass
class TextDecoder:
    options: CopyOptions
    reader: _LineReader = field(default_factory=_LineReader)
    done: bool = False  # saw the end-of-data marker \.
    header_pending: bool = False
    line_no: int = 0
    last_line: str = ""
    row_lines: list[tuple[int, str | None]] = field(default_factory=list)  # (line number, text) per row

    def __post_init__(self) -> None:
        self.header_pending = self.options.header

    def feed(self, data: bytes) -> list[list[str | None]]:
        return self._rows(self.reader.feed(data))

    def finish(self) -> list[list[str | None]]:
        rest = self.reader.rest()
        return self._rows([rest]) if rest is not None else []

    def _rows(self, lines: list[str]) -> list[list[str | None]]:
        out: list[list[str | None]] = []
        null, delim = self.options.null, self.options.delimiter
        for line in lines:
            if self.done:
                continue
            self.line_no += 1
            if line.endswith("\r"):
                line = line[:-1]
            self.last_line = line
            if line == "\\.":
                self.done = True
                continue
            if self.header_pending:
                self.header_pending = False
                continue
            out.append([None if f == null else _unescape_text(f) for f in _split_text_line(line, delim)])
            self.row_lines.append((self.line_no, line))
        return out


def encode_text_row(fields: list[str | None], options: CopyOptions) -> bytes:
    delim, null = options.delimiter, options.null
    parts = []
    for f in fields:
        if f is None:
            parts.append(null)
            continue
        if any(c in f for c in "\\\b\f\n\r\t\v") or delim in f:
            f = "".join(_TEXT_OUT.get(c) or ("\\" + c if c == delim else c) for c in f)
        parts.append(f)
    return (delim.join(parts) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------

@dataclass
class CsvDecoder:
    """CSV per PostgreSQL: quoted fields may span lines; an unquoted null string is NULL."""

    options: CopyOptions
    force_not_null: frozenset[int] = frozenset()  # column positions
    force_null: frozenset[int] = frozenset()
    pending: str = ""
    raw: bytes = b""
    header_pending: bool = False
    done: bool = False
    line_no: int = 0
    last_line: str = ""
    row_lines: list[tuple[int, str | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.header_pending = self.options.header

    def feed(self, data: bytes) -> list[list[str | None]]:
        buf = self.raw + data if self.raw else data
        last = buf.rfind(b"\n")
        if last < 0:
            self.raw = buf
            return []
        self.raw = buf[last + 1:]
        self.pending += _decode(buf[:last + 1])
        return self._records(final=False)

    def finish(self) -> list[list[str | None]]:
        if self.raw:
            self.pending += _decode(self.raw)
            self.raw = b""
        return self._records(final=True)

    def _record_end(self, text: str, pos: int) -> int:
        """Index of the newline that ends the record starting at pos (-1: not received yet)."""
        quote, escape = self.options.quote, self.options.escape
        in_quote = False
        i, n = pos, len(text)
        while i < n:
            c = text[i]
            if in_quote and c == escape and escape != quote and i + 1 < n:
                i += 2
                continue
            if c == quote:
                in_quote = not in_quote
            elif c == "\n" and not in_quote:
                return i
            i += 1
        return -2 if in_quote else -1

    def _fields(self, line: str) -> tuple[list[str], list[bool]]:
        delim, quote, escape = self.options.delimiter, self.options.quote, self.options.escape
        fields: list[str] = []
        flags: list[bool] = []
        i, n = 0, len(line)
        while True:
            buf: list[str] = []
            quoted = in_quote = False
            while i < n:
                c = line[i]
                if in_quote:
                    if c == escape and i + 1 < n and (line[i + 1] == quote or (line[i + 1] == escape != quote)):
                        buf.append(line[i + 1])
                        i += 2
                    elif c == quote:
                        in_quote = False
                        i += 1
                    else:
                        buf.append(c)
                        i += 1
                    continue
                if c == delim:
                    break
                if c == quote:
                    in_quote = quoted = True
                else:
                    buf.append(c)
                i += 1
            fields.append("".join(buf))
            flags.append(quoted)
            if i >= n:
                return fields, flags
            i += 1  # the delimiter

    def _records(self, final: bool) -> list[list[str | None]]:
        out: list[list[str | None]] = []
        text = self.pending
        pos, n = 0, len(text)
        null = self.options.null
        while pos < n and not self.done:
            end = self._record_end(text, pos)
            if end < 0:
                if not final:
                    break
                if end == -2:
                    raise copy_error("unterminated CSV quoted field")
                end = n
            line = text[pos:end]
            pos = end + 1
            if line.endswith("\r"):
                line = line[:-1]
            self.line_no += 1
            self.last_line = line
            if line == "\\.":
                self.done = True
                break
            if self.header_pending:
                self.header_pending = False
                continue
            fields, flags = self._fields(line)
            row: list[str | None] = []
            for k, (f, q) in enumerate(zip(fields, flags)):
                if (not q and f == null and k not in self.force_not_null) or (q and f == null and k in self.force_null):
                    row.append(None)
                else:
                    row.append(f)
            out.append(row)
            self.row_lines.append((self.line_no, line))
        self.pending = text[pos:]
        return out


def encode_csv_row(fields: list[str | None], options: CopyOptions, forced: frozenset[int] = frozenset()) -> bytes:
    delim, quote, escape, null = options.delimiter, options.quote, options.escape, options.null
    parts = []
    for k, f in enumerate(fields):
        if f is None:
            parts.append(null)
            continue
        if (k in forced or options.force_quote_all or f == null or f == "\\." or delim in f or quote in f
                or "\n" in f or "\r" in f):
            body = f
            if escape in body and escape != quote:
                body = body.replace(escape, escape + escape)
            body = body.replace(quote, escape + quote)
            parts.append(quote + body + quote)
        else:
            parts.append(f)
    return (delim.join(parts) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# binary
# ---------------------------------------------------------------------------------------------

@dataclass
class BinaryDecoder:
    buf: bytes = b""
    header_done: bool = False
    done: bool = False
    line_no: int = 0
    last_line: str = ""
    row_lines: list[tuple[int, str | None]] = field(default_factory=list)

    def feed(self, data: bytes) -> list[list[bytes | None]]:
        self.buf += data
        out: list[list[bytes | None]] = []
        buf = self.buf
        pos = 0
        if not self.header_done:
            if len(buf) < 19:
                return out
            if buf[:11] != BINARY_SIGNATURE:
                raise copy_error("COPY file signature not recognized")
            ext = struct.unpack_from("!i", buf, 15)[0]
            if len(buf) < 19 + ext:
                return out
            pos = 19 + ext
            self.header_done = True
        n = len(buf)
        while not self.done and pos + 2 <= n:
            count = struct.unpack_from("!h", buf, pos)[0]
            if count == -1:
                self.done = True
                pos += 2
                break
            p = pos + 2
            row: list[bytes | None] = []
            ok = True
            for _ in range(count):
                if p + 4 > n:
                    ok = False
                    break
                ln = struct.unpack_from("!i", buf, p)[0]
                p += 4
                if ln == -1:
                    row.append(None)
                    continue
                if ln < 0:
                    raise copy_error("invalid field size")
                if p + ln > n:
                    ok = False
                    break
                row.append(bytes(buf[p:p + ln]))
                p += ln
            if not ok:
                break
            self.line_no += 1
            out.append(row)
            self.row_lines.append((self.line_no, None))
            pos = p
        self.buf = buf[pos:]
        return out

    def finish(self) -> list[list[bytes | None]]:
        if not self.header_done or (self.buf and not self.done):
            raise copy_error("unexpected EOF in COPY data")
        return []


def encode_binary_row(fields: list[bytes | None]) -> bytes:
    parts = [struct.pack("!h", len(fields))]
    for f in fields:
        if f is None:
            parts.append(b"\xff\xff\xff\xff")
        else:
            parts.append(struct.pack("!i", len(f)))
            parts.append(f)
    return b"".join(parts)
