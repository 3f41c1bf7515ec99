"""The per-connection protocol driver (PostgreSQL's ``PostgresMain``), sans sockets.

A :class:`Connection` is fed raw client bytes (:meth:`Connection.feed`) and writes backend
messages to a :class:`Channel` (``write``/``close`` plus flow control), so it can be driven by
the asyncio transport in :mod:`pgserver.server` or directly by tests. :meth:`Connection.run` is
the main loop; :meth:`Connection.process_available` and :meth:`Connection.handle` are the
steps it is made of.

Phases: startup (SSLRequest answered ``S`` and the connection upgraded to TLS when a TLS hook is
given, else ``N``; GSSENCRequest ``N``; CancelRequest; StartupMessage; the login policy picks
trust or a password, or refuses),
SCRAM-SHA-256(-PLUS) authentication, then the ready loop (simple and extended query protocol).

This module is the one place where exceptions become ErrorResponses: a :class:`SqlError` is
sent as is; anything else is logged with its traceback and sent as XX000 "internal error".
FATAL errors close the connection. After an error in an extended-protocol message every
message but Sync and Terminate is discarded until Sync, as in PostgreSQL.

Output is collected in a buffer and written once per Sync, Flush, completed Query or
authentication step (and whenever it grows past :data:`FLUSH_THRESHOLD`); while a large result
is streamed the driver yields to the event loop after each such write and waits while the
client is not reading.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import re
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

from auth.scram import ScramServer
from pgserver import messages as m
from pgserver.client_encoding import (
    BinaryCopyInConverter,
    ClientCodec,
    StreamDecoder,
    binary_field_converter,
    client_codec,
    copy_in_converter,
    copy_out_converter,
)
from pgserver.framing import DEFAULT_MAX_MESSAGE_SIZE, FrontendFramer
from pgserver.idle_timeout import IdleTimer
from pgserver.results import RowDescriptionCache, RowEncoder, make_row_encoder
from sql import audit, sqlstate
from sql.error_objects import name_schema
from sql.errors import SqlError
from sql.limits import error_for_exception
from sql.lock_waits import RUN_ON_THREAD
from sql.result import ColumnInfo, Result

# Statements not known to be quick run on worker threads, so a long query never stalls the event loop
# (other sessions, cancel requests); statements whose last run was quick run inline (no thread hop).
_INLINE_BELOW = 0.002  # seconds
_ROW_CHUNK = 256
_COPY_FEED_BYTES = 256 * 1024  # CopyData bytes handed to the SQL layer per call at most
_pool: ThreadPoolExecutor | None = None
_DIGITS = re.compile(r"\d+")


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=256, thread_name_prefix="pgserver-exec")
    return _pool


def _take(rows: Iterator[Any], n: int) -> list[Any]:
    out = []
    for row in rows:
        out.append(row)
        if len(out) >= n:
            break
    return out


def statement_shape(sql: str) -> str:
    """A key under which queries that differ only in numbers share their timing history."""
    return _DIGITS.sub("0", sql) if len(sql) < 2048 else sql[:2048]

logger = logging.getLogger("pgserver.connection")

#: Write the output buffer once it holds this many bytes.
FLUSH_THRESHOLD = 64 * 1024
#: Stop reading from the client while this many received bytes wait to be processed.
INPUT_HIGH_WATER = 1024 * 1024
#: PostgreSQL's NAMEDATALEN - 1: user and database names are cut to this many bytes.
MAX_NAME_BYTES = 63


# ---------------------------------------------------------------------------------------------
# What the driver talks to
# ---------------------------------------------------------------------------------------------


class SessionLike(Protocol):
    """The per-connection SQL session (``sql.session.Session``) as used here."""

    def run_inline(self, key: Any) -> bool: ...

    def record_timing(self, key: Any, seconds: float) -> None: ...

    def portal_key(self, portal: str) -> Any: ...

    @property
    def tx_status(self) -> str: ...

    def startup_parameters(self) -> list[tuple[str, str]]: ...

    def take_reported(self) -> dict[str, str]: ...

    @property
    def client_encoding(self) -> str: ...

    def text_output(self, type_oid: int) -> Callable[[Any], str]: ...

    def binary_output(self, type_oid: int) -> Callable[[Any], bytes]: ...

    def execute_simple(self, sql: str) -> Iterator[Result]: ...

    def finish_simple(self) -> Future[Any] | None: ...

    def parse(self, name: str, sql: str, param_oids: list[int]) -> None: ...

    def describe_statement(self, name: str) -> tuple[list[int], list[ColumnInfo] | None]: ...

    def bind(
        self,
        portal: str,
        statement: str,
        param_formats: list[int],
        params: list[bytes | None],
        result_formats: list[int],
    ) -> None: ...

    def describe_portal(self, name: str) -> tuple[list[ColumnInfo] | None, tuple[int, ...]]: ...

    def execute(self, portal: str, max_rows: int) -> Result: ...

    def close_statement(self, name: str) -> None: ...

    def close_portal(self, name: str) -> None: ...

    def sync(self) -> Future[Any] | None: ...

    def on_error(self) -> None: ...

    def cancel(self) -> None: ...

    def terminate(self) -> None: ...


class InstanceLike(Protocol):
    """The database instance (``sql.instance.Instance``) as used here."""

    def role_verifier(self, user: str) -> str | None: ...

    def connect(
        self, user: str, database: str, params: dict[str, str], backend_pid: int, client_addr: str
    ) -> SessionLike: ...


class Channel(Protocol):
    """The byte pipe to the client (the transport adapter in :mod:`pgserver.server`)."""

    def write(self, data: bytes) -> None: ...

    def close(self) -> None: ...

    def pause_reading(self) -> None: ...

    def resume_reading(self) -> None: ...

    @property
    def writing_paused(self) -> bool: ...

    async def wait_writable(self) -> None:
        """Return once the client has read enough of our output (or the connection is gone)."""
        ...


class BackendRegistry(Protocol):
    """The server-wide table of backend keys, for CancelRequest."""

    def register(self, conn: Connection) -> tuple[int, int]:
        """Allocate (backend pid, cancel secret) for ``conn``."""
        ...

    def unregister(self, pid: int) -> None: ...

    def cancel(self, pid: int, secret: int) -> bool:
        """Cancel what the backend ``pid`` runs if ``secret`` matches."""
        ...


#: TLS hook: upgrades the connection after 'S' was sent and returns the SCRAM channel binding
#: (``("tls-server-end-point", hash)``) or None; raises OSError/ssl.SSLError if the handshake fails.
TlsUpgrade = Callable[[], Awaitable[tuple[str, bytes] | None]]


class LoginPolicyLike(Protocol):
    """Access rules and throttling (``pgserver.login_policy.LoginPolicy``) as used here."""

    def authentication_method(
        self, *, ssl: bool, database: str, user: str, client_addr: str, server_addr: str = ""
    ) -> str: ...

    def login_delay(self, client_addr: str) -> float: ...

    def login_failed(self, client_addr: str) -> None: ...

    def login_succeeded(self, client_addr: str) -> None: ...


class ConnectionGone(Exception):
    """The client went away while a message was being processed."""


# ---------------------------------------------------------------------------------------------
# Errors the driver raises itself
# ---------------------------------------------------------------------------------------------


def _fatal(code: str, message: str, detail: str | None = None) -> SqlError:
    return SqlError(code, message, detail=detail, severity="FATAL")


def admin_shutdown_error() -> SqlError:
    return _fatal(sqlstate.ADMIN_SHUTDOWN, "terminating connection due to administrator command")


def too_many_clients_error() -> SqlError:
    return _fatal(sqlstate.TOO_MANY_CONNECTIONS, "sorry, too many clients already")


def _unsupported_protocol(code: int) -> SqlError:
    return _fatal(
        sqlstate.FEATURE_NOT_SUPPORTED,
        f"unsupported frontend protocol {code >> 16}.{code & 0xFFFF}: server supports 3.0 to 3.0",
    )


def _clip_name(name: str) -> str:
    """Cut a user or database name to NAMEDATALEN - 1 bytes at a character boundary."""
    raw = name.encode("utf-8")
    if len(raw) <= MAX_NAME_BYTES:
        return name
    return raw[:MAX_NAME_BYTES].decode("utf-8", errors="ignore")


_STARTUP, _SASL_INITIAL, _SASL_CONTINUE, _READY, _CLOSED = range(5)
_Q = ord("Q")
_F = ord("F")
_f = ord("f")


class Connection:
    """One client connection: startup, authentication and the query loop."""

    __slots__ = (
        "_inst",
        "_io",
        "_backends",
        "_tls_upgrade",
        "_policy",
        "_tls",
        "client_addr",
        "server_addr",
        "client_port",
        "_too_many",
        "_framer",
        "_out",
        "_out_size",
        "_phase",
        "_session",
        "user",
        "database",
        "_params",
        "_scram",
        "_channel_binding",
        "pid",
        "_secret",
        "_ssl_done",
        "_gss_done",
        "_skip",
        "_busy",
        "_processing",
        "_interrupt",
        "_shutdown_requested",
        "_timed_out",
        "_eof",
        "_lost",
        "_input_waiter",
        "_reading_paused",
        "_rowdesc",
        "_portal_encoders",
        "_reported",
        "_codec",
        "_client_encoding",
        "_dispatch",
        "_context",
        "_take_notifications",
        "_idle",
        "_idle_timer",
        "_idle_error",
    )

    def __init__(
        self,
        instance: InstanceLike,
        channel: Channel,
        backends: BackendRegistry,
        *,
        client_addr: str = "",
        client_port: int | None = None,
        max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE,
        too_many_clients: bool = False,
        tls_upgrade: TlsUpgrade | None = None,
        login_policy: LoginPolicyLike | None = None,
        server_addr: str = "",
    ) -> None:
        self._inst = instance
        self._io = channel
        self._backends = backends
        self._tls_upgrade = tls_upgrade
        self._policy = login_policy
        self._tls = False  # the connection is encrypted
        self.client_addr = client_addr
        self.server_addr = server_addr
        self.client_port = client_port
        self._too_many = too_many_clients
        self._framer = FrontendFramer(max_message_size)
        self._out: list[bytes] = []
        self._out_size = 0
        self._phase = _STARTUP
        self._session: SessionLike | None = None
        self.user = ""
        self.database = ""
        self._params: dict[str, str] = {}
        self._scram: ScramServer | None = None
        self._channel_binding: tuple[str, bytes] | None = None
        self.pid = 0
        self._secret = 0
        self._ssl_done = False
        self._gss_done = False
        self._skip = False  # discarding messages until Sync
        self._busy = False  # a message is being handled (cancel only applies then)
        self._processing = False  # the main loop is not waiting for input
        self._interrupt = False  # shutdown or timeout requested: check at the next message
        self._shutdown_requested = False
        self._timed_out = False
        self._eof = False
        self._lost = False
        self._input_waiter: asyncio.Future[None] | None = None
        self._reading_paused = False
        self._rowdesc = RowDescriptionCache()
        # portal name -> (columns, formats, encoder): reused by repeated row-limited Executes.
        self._portal_encoders: dict[str, tuple[list[ColumnInfo], tuple[int, ...], RowEncoder]] = {}
        self._context = contextvars.copy_context()  # per-connection context (DateStyle order, now())
        self._reported: dict[str, str] = {}  # ParameterStatus values last sent
        # The client encoding (PostgreSQL's name) and its codec; None for UTF8 and SQL_ASCII.
        self._client_encoding = "UTF8"
        self._codec: ClientCodec | None = None
        self._take_notifications: Callable[[], list[tuple[int, str, str]]] | None = None
        self._idle = False  # ReadyForQuery 'I' sent and no message handled since: notifications go out at once
        self._idle_timer = IdleTimer()  # idle_in_transaction_session_timeout / idle_session_timeout
        self._idle_error: SqlError | None = None  # set when an idle timer expired
        # message class -> (handler, is coroutine function, errors start skip-until-Sync)
        self._dispatch: dict[type, tuple[Callable[[Any], Any], bool, bool]] = {
            m.Query: (self._on_query, True, False),
            m.Parse: (self._on_parse, False, True),
            m.Bind: (self._on_bind, False, True),
            m.Describe: (self._on_describe, False, True),
            m.Execute: (self._on_execute, True, True),
            m.Close: (self._on_close, False, True),
            m.Flush: (self._on_flush, False, True),
            m.Sync: (self._on_sync, True, False),
            m.Terminate: (self._on_terminate, False, False),
            m.FunctionCall: (self._on_function_call, False, False),
            m.CopyData: (self._ignore, False, False),
            m.CopyDone: (self._ignore, False, False),
            m.CopyFail: (self._ignore, False, False),
            m.PasswordMessage: (self._on_unexpected_password, False, False),
        }

    # -----------------------------------------------------------------------------------------
    # State visible to the server and tests
    # -----------------------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._phase == _CLOSED

    @property
    def ready(self) -> bool:
        """Authenticated and connected to a session."""
        return self._phase == _READY

    @property
    def session(self) -> SessionLike | None:
        return self._session

    @property
    def skipping_until_sync(self) -> bool:
        return self._skip

    # -----------------------------------------------------------------------------------------
    # Input from the transport (may be called at any time, from the event loop)
    # -----------------------------------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        """Bytes received from the client."""
        self._framer.feed(data)
        if self._processing and not self._reading_paused and self._framer.buffered > INPUT_HIGH_WATER:
            # The client sends faster than we process: stop reading until we catch up.
            self._reading_paused = True
            self._io.pause_reading()
        self._wake()

    def feed_eof(self) -> None:
        """The client closed its side: finish what was received, then close."""
        self._eof = True
        self._wake()

    def connection_lost(self) -> None:
        """The transport is gone; nothing more can be written."""
        self._eof = True
        self._lost = True
        self._wake()

    def cancel(self) -> None:
        """A valid CancelRequest named this backend: cancel the running statement, if any."""
        session = self._session
        if session is not None and self._busy and self._phase == _READY:
            session.cancel()

    def admin_shutdown(self) -> None:
        """Server shutdown: end the connection with FATAL 57P01 at the next opportunity."""
        self._shutdown_requested = True
        self._interrupt = True
        self.cancel()
        self._wake()

    def startup_timeout(self) -> None:
        """authentication_timeout expired; ends the connection if it is not logged in yet."""
        if self._phase < _READY:
            self._timed_out = True
            self._interrupt = True
            self._wake()

    def _idle_expired(self, err: SqlError) -> None:
        """An idle timer expired: end the connection with ``err`` unless a message is being handled."""
        if self._phase != _READY or self._busy:
            return
        self._idle_error = err
        self._interrupt = True
        self._wake()

    def _wake(self) -> None:
        waiter = self._input_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    # -----------------------------------------------------------------------------------------
    # Main loop
    # -----------------------------------------------------------------------------------------

    async def run(self) -> None:
        """Process messages until the connection ends; always closes it on the way out."""
        loop = asyncio.get_running_loop()
        try:
            self._processing = True
            while True:
                await self.process_available()
                if self._phase == _CLOSED or self._eof:
                    break
                self._processing = False
                if self._reading_paused:
                    self._reading_paused = False
                    self._io.resume_reading()
                waiter = loop.create_future()
                self._input_waiter = waiter
                try:
                    await waiter
                finally:
                    self._input_waiter = None
                    self._processing = True
        except ConnectionGone:
            pass
        finally:
            self._processing = False
            self._close()

    async def process_available(self) -> None:
        """Handle every complete message received so far."""
        framer = self._framer
        io = self._io
        while self._phase != _CLOSED:
            if self._interrupt:
                self._handle_interrupt()
                return
            try:
                msg = framer.next_message()
            except SqlError as err:
                self._on_decode_error(err)
                continue
            if msg is None:
                return
            if io.writing_paused:
                await io.wait_writable()
                if self._lost:
                    raise ConnectionGone
            await self.handle(msg)

    async def handle(self, msg: m.FrontendMessage) -> None:
        """Handle one decoded frontend message."""
        if self._phase != _READY:
            if self._phase != _CLOSED:
                await self._handle_preauth(msg)
            return
        cls = msg.__class__
        self._idle = False
        self._idle_timer.disarm()
        if self._skip and cls is not m.Sync and cls is not m.Terminate:
            return
        handler, is_async, extended = self._dispatch[cls]
        self._busy = True
        try:
            if is_async:
                await handler(msg)
            else:
                handler(msg)
        except SqlError as err:
            self._report_error(err, extended)
        except ConnectionGone:
            raise
        except Exception as exc:
            self._report_error(self._internal_error(exc), extended)
        finally:
            self._busy = False

    def _handle_interrupt(self) -> None:
        self._interrupt = False
        if self._phase == _CLOSED:
            return
        if self._shutdown_requested:
            self._fatal(admin_shutdown_error())
        elif self._idle_error is not None:
            self._fatal(self._idle_error)
        elif self._timed_out and self._phase < _READY:
            # As PostgreSQL: logged, but nothing is sent to a client that has not logged in in time.
            logger.info("canceling authentication due to timeout", extra={"pg_level": "FATAL"})
            self._out.clear()
            self._out_size = 0
            self._close()

    def _on_decode_error(self, err: SqlError) -> None:
        """A message the framer could not decode (it has been consumed)."""
        if err.is_fatal or self._phase != _READY:
            self._fatal(err)
            return
        if self._skip:
            return  # PostgreSQL does not even look at the contents of skipped messages
        kind = self._framer.last_type
        if kind == _f:
            return  # CopyFail outside COPY is ignored unparsed
        extended = kind != _Q and kind != _F
        self._report_error(err, extended)
        if not extended and self._phase == _READY:
            self._ready_for_query()

    # -----------------------------------------------------------------------------------------
    # Output
    # -----------------------------------------------------------------------------------------

    def _emit(self, data: bytes) -> None:
        self._out.append(data)
        self._out_size += len(data)
        if self._out_size >= FLUSH_THRESHOLD:
            self._flush()

    def _flush(self) -> None:
        out = self._out
        if not out:
            return
        data = out[0] if len(out) == 1 else b"".join(out)
        out.clear()
        self._out_size = 0
        if not self._lost and self._phase != _CLOSED:
            self._io.write(data)

    async def _after_flush(self) -> None:
        """Between chunks of a large result: let other connections run, respect backpressure."""
        if self._io.writing_paused:
            await self._io.wait_writable()
        else:
            await asyncio.sleep(0)
        if self._lost:
            raise ConnectionGone

    async def _wait(self, fut: Future[Any]) -> Any:
        """Await a concurrent.futures.Future from the SQL layer (never cancelling it)."""
        if fut.done():
            return fut.result()
        result = await asyncio.shield(asyncio.wrap_future(fut))
        if self._lost:
            raise ConnectionGone
        return result

    # -----------------------------------------------------------------------------------------
    # Errors and closing
    # -----------------------------------------------------------------------------------------

    def _internal_error(self, exc: BaseException, severity: str = "ERROR") -> SqlError:
        limit_error = error_for_exception(exc)
        if limit_error is not None:
            limit_error.severity = severity
            return limit_error
        logger.error("internal error (backend %d)", self.pid, exc_info=exc)
        return SqlError(sqlstate.INTERNAL_ERROR, "internal error", severity=severity)

    def _report_error(self, err: SqlError, extended: bool) -> None:
        """Send an ErrorResponse for a failed message and put the session in error state."""
        if err.code == sqlstate.QUERY_CANCELED and self._shutdown_requested:
            err = admin_shutdown_error()
        audit.statement_done(self._session, None, err)
        if err.is_fatal:
            self._fatal(err)
            return
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("statement error: %s (SQLSTATE %s, backend %d)", err.message, err.code, self.pid)
        self._emit_pending_notices()
        session = self._session
        if err.table_id is not None and session is not None:
            name_schema(err, self._context.run(session.catalog))
        self._emit(self._error_bytes(err))
        self._flush()  # as PostgreSQL: the client sees errors at once, even mid-pipeline
        if session is not None:
            try:
                session.on_error()
            except SqlError as err2:
                if err2.is_fatal:
                    self._fatal(err2)
                    return
                logger.warning("error while aborting: %s", err2.message)
            except Exception as exc:
                self._fatal(self._internal_error(exc, "FATAL"))
                return
        if extended:
            self._skip = True

    def _fatal(self, err: SqlError) -> None:
        """Send a FATAL ErrorResponse and close the connection."""
        if self._phase == _CLOSED:
            return
        if not err.is_fatal:
            err = SqlError(
                err.code,
                err.message,
                detail=err.detail,
                hint=err.hint,
                position=err.position,
                severity="FATAL",
            )
        logger.info(
            "%s (SQLSTATE %s, backend %d)", err.message, err.code, self.pid, extra={"pg_level": "FATAL"}
        )
        self._emit(self._error_bytes(err))
        self._close()

    def _close(self) -> None:
        """Flush, close the channel, release the backend key and terminate the session (once)."""
        if self._phase == _CLOSED:
            return
        self._flush()
        self._phase = _CLOSED
        self._idle_timer.disarm()
        self._skip = False
        try:
            self._io.close()
        except Exception:
            logger.exception("error closing connection")
        if self.pid:
            self._backends.unregister(self.pid)
        session = self._session
        if session is not None:
            try:
                session.terminate()
            except Exception:
                logger.exception("error terminating session of backend %d", self.pid)
        self._portal_encoders.clear()
        self._wake()

    # -----------------------------------------------------------------------------------------
    # Startup and authentication
    # -----------------------------------------------------------------------------------------

    async def _handle_preauth(self, msg: m.FrontendMessage) -> None:
        try:
            if self._phase == _STARTUP:
                await self._handle_startup_packet(msg)
            else:
                self._handle_sasl(msg)
        except SqlError as err:
            audit.login_failed(self._inst, self.user, self.database, self.client_addr, self.client_port, err)
            self._fatal(err)
        except Exception as exc:
            self._fatal(self._internal_error(exc, "FATAL"))

    async def _handle_startup_packet(self, msg: m.FrontendMessage) -> None:
        cls = msg.__class__
        if cls is m.StartupMessage:
            assert isinstance(msg, m.StartupMessage)
            method = self._on_startup(msg)
            if method == "trust":
                self._log_in()
            else:
                await self._request_password()
        elif cls is m.SSLRequest:
            if self._ssl_done:
                raise _unsupported_protocol(m.SSL_REQUEST_CODE)
            await self._negotiate_encryption(ssl=True)
        elif cls is m.GSSENCRequest:
            if self._gss_done:
                raise _unsupported_protocol(m.GSSENC_REQUEST_CODE)
            await self._negotiate_encryption(ssl=False)
        elif cls is m.CancelRequest:
            assert isinstance(msg, m.CancelRequest)
            self._backends.cancel(msg.pid, msg.secret)
            self._close()  # no reply, as in PostgreSQL
        else:  # the framer only produces startup packets in this phase
            raise m.protocol_violation("invalid startup packet")

    async def _negotiate_encryption(self, *, ssl: bool) -> None:
        accept = ssl and self._tls_upgrade is not None
        self._emit(m.SSL_ACCEPT if accept else m.SSL_REJECT)
        self._flush()
        if self._framer.buffered:
            what = "SSL" if ssl else "GSSAPI encryption"
            raise _fatal(
                sqlstate.PROTOCOL_VIOLATION,
                f"received unencrypted data after {what} request",
                "This could be either a client-software bug or evidence of an attempted "
                "man-in-the-middle attack.",
            )
        if ssl:
            self._ssl_done = True
            if accept:
                assert self._tls_upgrade is not None
                self._gss_done = True
                try:
                    self._channel_binding = await self._tls_upgrade()
                except (OSError, EOFError) as exc:  # ssl.SSLError is an OSError
                    logger.info("could not accept SSL connection: %s", exc or "EOF detected")
                    self._close()
                    return
                self._tls = True
        else:
            self._gss_done = True

    def _on_startup(self, msg: m.StartupMessage) -> str:
        """Check the startup packet; the authentication method (``trust`` or ``scram-sha-256``)."""
        if msg.minor_version > 0 or msg.protocol_options:
            self._emit(m.negotiate_protocol_version(m.PROTOCOL_3_0, list(msg.protocol_options)))
        params = msg.params
        user = params.get("user", "")
        if not user:
            raise _fatal(
                sqlstate.INVALID_AUTHORIZATION_SPECIFICATION,
                "no PostgreSQL user name specified in startup packet",
            )
        database = params.get("database") or user
        if self._too_many:
            raise too_many_clients_error()
        self.user = _clip_name(user)
        self.database = _clip_name(database)
        self._params = {k: v for k, v in params.items() if k != "user" and k != "database"}
        if self._policy is None:
            return "scram-sha-256"
        return self._policy.authentication_method(
            ssl=self._tls,
            database=self.database,
            user=self.user,
            client_addr=self.client_addr,
            server_addr=self.server_addr,
        )

    async def _request_password(self) -> None:
        """Start SCRAM, after the delay failed logins from this address have earned."""
        delay = self._policy.login_delay(self.client_addr) if self._policy is not None else 0.0
        if delay > 0:
            await asyncio.sleep(delay)
            if self._phase == _CLOSED or self._lost or self._interrupt:
                return  # gone, or timed out meanwhile (the main loop closes the connection)
        scram = ScramServer(
            self.user, self._inst.role_verifier(self.user), channel_binding=self._channel_binding
        )
        self._scram = scram
        self._emit(m.authentication_sasl(scram.mechanisms()))
        self._flush()
        self._phase = _SASL_INITIAL

    def _handle_sasl(self, msg: m.FrontendMessage) -> None:
        scram = self._scram
        assert scram is not None
        if msg.__class__ is not m.PasswordMessage:
            if msg.__class__ is m.Terminate:
                self._close()
                return
            raise m.protocol_violation(f"expected SASL response, got message type {self._framer.last_type}")
        assert isinstance(msg, m.PasswordMessage)
        if self._phase == _SASL_INITIAL:
            mechanism, data = m.parse_sasl_initial_response(msg.data)
            self._emit(m.authentication_sasl_continue(scram.start(mechanism, data)))
            self._flush()
            self._phase = _SASL_CONTINUE
        else:
            try:
                server_final = scram.finish(msg.data)
            except SqlError as err:
                if err.code == sqlstate.INVALID_PASSWORD and self._policy is not None:
                    self._policy.login_failed(self.client_addr)
                raise
            if self._policy is not None:
                self._policy.login_succeeded(self.client_addr)
            self._scram = None
            self._emit(m.authentication_sasl_final(server_final))
            self._log_in()

    def _log_in(self) -> None:
        """Authenticated: open the session and send the startup parameters and key."""
        self._emit(m.AUTHENTICATION_OK)
        self.pid, self._secret = self._backends.register(self)
        session = self._inst.connect(self.user, self.database, self._params, self.pid, self.client_addr)
        self._session = session
        if self._tls:  # shown by pg_stat_ssl
            session.ssl_info = getattr(self._io, "tls_info", None)  # type: ignore[attr-defined]
        audit.login_succeeded(session, self.client_port)
        self._attach_notifications(session)
        self._attach_signals(session)
        reported = self._reported
        self._sync_client_encoding()
        encode = self._codec.encode if self._codec is not None else None
        for name, value in session.startup_parameters():
            self._emit(m.parameter_status(name, value, encode))
            reported[name] = value
        self._report_parameters()
        self._emit(m.backend_key_data(self.pid, self._secret))
        self._phase = _READY
        logger.debug(
            "connection authorized: user=%s database=%s backend=%d", self.user, self.database, self.pid
        )
        self._ready_for_query()

    # -----------------------------------------------------------------------------------------
    # Ready loop helpers
    # -----------------------------------------------------------------------------------------

    def _report_parameters(self) -> None:
        session = self._session
        assert session is not None
        changed = session.take_reported()
        if changed:
            self._sync_client_encoding()
            encode = self._codec.encode if self._codec is not None else None
            reported = self._reported
            for name, value in changed.items():
                if reported.get(name) != value:
                    reported[name] = value
                    self._emit(m.parameter_status(name, value, encode))

    def _sync_client_encoding(self) -> None:
        """Follow the session's client_encoding: message decoding, row and text encoding."""
        session = self._session
        if session is None:
            return
        name = session.client_encoding
        if name == self._client_encoding:
            return
        self._client_encoding = name
        codec = self._codec = client_codec(name)
        self._framer.set_text_decoder(None if codec is None else codec.decode)
        self._rowdesc.set_codec(codec)
        self._portal_encoders.clear()

    def _error_bytes(self, err: SqlError) -> bytes:
        """ErrorResponse for ``err`` in the client encoding; if a text of it has no equivalent
        there, the 22P05 error that says so is sent instead."""
        codec = self._codec
        if codec is None:
            return m.error_from_sqlerror(err)
        try:
            return m.error_from_sqlerror(err, codec.encode)
        except SqlError as conv:
            return m.error_from_sqlerror(conv)

    def _notice_bytes(self, notice: SqlError) -> bytes:
        """NoticeResponse in the client encoding (22P05 raised when a text cannot be sent)."""
        codec = self._codec
        return m.notice_from_sqlerror(notice) if codec is None else m.notice_from_sqlerror(notice, codec.encode)

    def _ready_for_query(self) -> None:
        """Report changed settings, send ReadyForQuery and write everything out.

        Outside a transaction block, notifications that arrived are sent first (as PostgreSQL does);
        until the next message, new ones are sent as they come (see :meth:`_notifications_arrived`)."""
        session = self._session
        if session is None or self._phase != _READY:
            return
        try:
            self._report_parameters()
            status = session.tx_status
            if status == "I":
                self._emit_notifications()
            self._emit(m.ready_for_query(status))
            session.report_idle()
        except Exception as exc:
            err = exc if isinstance(exc, SqlError) else self._internal_error(exc)
            self._fatal(err)
            return
        self._flush()
        self._idle = status == "I"
        self._idle_timer.arm(session, status, self._idle_expired)

    # -----------------------------------------------------------------------------------------
    # Asynchronous notifications (LISTEN / NOTIFY)
    # -----------------------------------------------------------------------------------------

    def _attach_signals(self, session: SessionLike) -> None:
        """Let other sessions cancel or terminate this one (pg_cancel_backend / pg_terminate_backend)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return

        def later(action: Callable[[], None]) -> Callable[[], None]:
            def signal() -> None:  # may run on any thread (the signalling session's statement)
                try:
                    loop.call_soon_threadsafe(action)
                except RuntimeError:  # the loop has closed
                    pass
            return signal

        session.signal_hooks = (later(self.cancel), later(self.admin_shutdown))  # type: ignore[attr-defined]

    def _attach_notifications(self, session: SessionLike) -> None:
        """Have the session's notifications pushed to this client (sessions without them: nothing)."""
        take = getattr(session, "take_notifications", None)
        set_waker = getattr(session, "set_notification_waker", None)
        if take is None or set_waker is None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._take_notifications = take

        def waker() -> None:  # may run on any thread (the sender's commit)
            try:
                loop.call_soon_threadsafe(self._notifications_arrived)
            except RuntimeError:  # the loop has closed
                pass

        set_waker(waker)

    def _emit_notifications(self) -> None:
        take = self._take_notifications
        if take is None:
            return
        for pid, channel, payload in take():
            try:
                self._emit(m.notification_response(pid, channel, payload,
                                                   None if self._codec is None else self._codec.encode))
            except SqlError as err:  # not representable in the client encoding: PostgreSQL sends it as a notice
                self._emit(m.notice_from_sqlerror(err))

    def _notifications_arrived(self) -> None:
        """Notifications were published for this session: send them now if it is idle."""
        if not self._idle or self._phase != _READY or self._lost:
            return
        try:
            self._emit_notifications()
        except Exception as exc:
            self._fatal(self._internal_error(exc, "FATAL"))
            return
        self._flush()

    async def _finish_transaction(self, finish: Callable[[], Future[Any] | None]) -> None:
        """Run ``session.finish_simple``/``session.sync`` and wait for the commit to be durable."""
        try:
            fut = finish()
            if fut is not None:
                await self._wait(fut)
        except SqlError as err:
            if err.code == sqlstate.QUERY_CANCELED and self._shutdown_requested:
                err = admin_shutdown_error()
            if err.is_fatal:
                self._fatal(err)
                return
            # The transaction has ended either way; no on_error() (that is for statement errors).
            audit.commit_failed(self._session, err)
            self._emit(self._error_bytes(err))
        except ConnectionGone:
            raise
        except Exception as exc:
            self._emit(self._error_bytes(self._internal_error(exc)))

    async def _call(self, inline: bool, fn: Callable[..., Any], *args: Any) -> Any:
        """Run SQL-layer work inline or on a worker thread (in this connection's context)."""
        if inline:
            return self._context.run(fn, *args)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_executor(), self._context.run, fn, *args)

    async def _stream_rows(self, rows: Iterable[Any], encode: RowEncoder, inline: bool = True) -> int:
        """Encode and buffer every row; write in ~64 KiB chunks. Returns the number of rows."""
        if not inline:
            it = iter(rows)
            count = 0
            while True:
                chunk = await self._call(False, _take, it, _ROW_CHUNK)
                if not chunk:
                    return count
                for row in chunk:
                    self._emit(encode(row))
                count += len(chunk)
                if len(chunk) < _ROW_CHUNK:
                    return count
                if self._out_size >= FLUSH_THRESHOLD:
                    self._flush()
                    await self._after_flush()
        out = self._out
        append = out.append
        size = self._out_size
        count = 0
        try:
            for row in rows:
                data = encode(row)
                append(data)
                size += len(data)
                count += 1
                if size >= FLUSH_THRESHOLD:
                    self._out_size = size
                    self._flush()
                    size = 0
                    await self._after_flush()
        finally:
            self._out_size = size
        return count

    # -----------------------------------------------------------------------------------------
    # COPY sub-protocol
    # -----------------------------------------------------------------------------------------

    async def _run_copy(self, result: Result, inline: bool) -> Result:
        """Exchange CopyData with the client for a COPY result; returns the result to complete."""
        copy = result.copy
        if hasattr(copy, "feed"):
            return await self._copy_in(copy, inline)
        n = len(copy.columns)
        self._emit(m.copy_out_response(copy.format_code, [copy.format_code] * n))
        chunks = copy.chunks()
        to_client = copy_out_converter(self._codec, [c.type_oid for c in copy.columns], copy.format_code)
        while True:
            batch = await self._call(inline, _take, chunks, _ROW_CHUNK)
            for data in batch:
                self._emit(m.copy_data(data if to_client is None else to_client(data)))
            if len(batch) < _ROW_CHUNK:
                break
            if self._out_size >= FLUSH_THRESHOLD:
                self._flush()
                await self._after_flush()
        self._emit(m.COPY_DONE)
        return Result("COPY", rowcount=copy.count, notices=result.notices)

    async def _copy_in(self, copy: Any, inline: bool) -> Result:
        self._emit(m.copy_in_response(copy.format_code, [copy.format_code] * copy.column_count))
        self._flush()
        held: Any = None
        decoder = copy_in_converter(self._codec, [c.type_oid for c in copy.columns], copy.format_code)
        while True:
            msg = held if held is not None else await self._next_copy_message()
            held = None
            cls = msg.__class__
            if cls is m.CopyData:
                # clients send a row per message (pgbench, psql): hand the SQL layer everything already
                # buffered at once instead of one worker-thread round trip per row
                parts = [msg.data]
                size = len(msg.data)
                while size < _COPY_FEED_BYTES:
                    nxt = self._framer.next_message()
                    if nxt is None:
                        break
                    if nxt.__class__ is not m.CopyData:
                        held = nxt
                        break
                    parts.append(nxt.data)
                    size += len(nxt.data)
                data = parts[0] if len(parts) == 1 else b"".join(parts)
                if decoder is not None:
                    data = decoder.feed(data)
                await self._call(inline, copy.feed, data)
            elif cls is m.CopyDone:
                if decoder is not None:
                    await self._finish_decoding(decoder, copy, inline)
                return await self._call(inline, copy.finish)
            elif cls is m.CopyFail:
                raise SqlError(sqlstate.QUERY_CANCELED, f"COPY from stdin failed: {msg.message}")
            elif cls is m.Flush or cls is m.Sync:
                continue  # ignored during copy-in, as PostgreSQL does
            elif cls is m.Terminate:
                self._close()
                raise ConnectionGone
            else:
                raise SqlError(sqlstate.PROTOCOL_VIOLATION,
                               f"unexpected message type 0x{self._framer.last_type:02X} during COPY from stdin")

    async def _finish_decoding(self, decoder: StreamDecoder | BinaryCopyInConverter, copy: Any,
                               inline: bool) -> None:
        """The end of COPY data: a character left incomplete is an error."""
        rest = decoder.feed(b"", final=True) if isinstance(decoder, StreamDecoder) else decoder.finish()
        if rest:
            await self._call(inline, copy.feed, rest)

    async def _next_copy_message(self) -> Any:
        """The next frontend message, waiting for the client's input if none is buffered."""
        loop = asyncio.get_running_loop()
        while True:
            if self._phase == _CLOSED or self._lost:
                raise ConnectionGone
            msg = self._framer.next_message()
            if msg is not None:
                return msg
            if self._eof:
                raise ConnectionGone
            if self._reading_paused:
                self._reading_paused = False
                self._io.resume_reading()
            waiter = loop.create_future()
            self._input_waiter = waiter
            self._processing = False
            try:
                await waiter
            finally:
                self._input_waiter = None
                self._processing = True

    def _emit_pending_notices(self) -> None:
        """Notices raised while the statement ran (RAISE NOTICE in PL/pgSQL)."""
        pending = self._session.__dict__.get("pending_notices") if self._session is not None else None
        if pending:
            for notice in pending:
                try:
                    self._emit(self._notice_bytes(notice))
                except SqlError as err:
                    self._emit(self._error_bytes(err))
            pending.clear()

    async def _complete(self, result: Result, rows_sent: int) -> None:
        """Notices, durability wait, then CommandComplete or PortalSuspended."""
        self._emit_pending_notices()
        for notice in result.notices:
            self._emit(self._notice_bytes(notice))
        wait = result.wait
        if wait is not None:
            await self._wait(wait)
        if result.suspended:
            self._emit(m.PORTAL_SUSPENDED)
        else:
            audit.statement_done(self._session, result.command, None)
            self._emit(m.command_complete(result.tag(rows_sent)))
        self._sync_client_encoding()

    # -----------------------------------------------------------------------------------------
    # Message handlers (ready phase)
    # -----------------------------------------------------------------------------------------

    async def _on_query(self, msg: m.Query) -> None:
        session = self._session
        assert session is not None
        self._portal_encoders.clear()
        shape = ("Q", statement_shape(msg.sql))
        inline = session.run_inline(shape)
        started = time.monotonic()
        try:
            results = session.execute_simple(msg.sql)
            while True:
                result = await self._call(inline, next, results, None)
                if result is None:
                    break
                if result is RUN_ON_THREAD:  # it must wait for a lock: not on the event loop
                    inline = False
                    continue
                if result.empty:
                    for notice in result.notices:
                        self._emit(self._notice_bytes(notice))
                    self._emit(m.EMPTY_QUERY_RESPONSE)
                    continue
                sent = 0
                columns = result.columns
                if result.copy is not None:
                    result = await self._run_copy(result, inline)
                elif columns is not None:
                    formats = result.formats  # () but for a BINARY cursor's FETCH
                    self._emit(self._rowdesc.get(columns, formats) if formats else self._rowdesc.get(columns))
                    if result.rows is not None:
                        encoder = make_row_encoder(columns, formats, session, self._codec)
                        sent = await self._stream_rows(result.rows, encoder, inline)
                await self._complete(result, sent)
            session.record_timing(shape, time.monotonic() - started)
        except SqlError as err:
            self._report_error(err, False)
        except ConnectionGone:
            raise
        except Exception as exc:
            self._report_error(self._internal_error(exc), False)
        if self._phase != _READY:
            return
        await self._finish_transaction(session.finish_simple)
        self._ready_for_query()

    def _on_parse(self, msg: m.Parse) -> None:
        assert self._session is not None
        self._session.parse(msg.name, msg.query, list(msg.param_oids))
        self._emit(m.PARSE_COMPLETE)

    def _on_bind(self, msg: m.Bind) -> None:
        assert self._session is not None
        self._portal_encoders.pop(msg.portal, None)
        params = list(msg.params)
        if self._codec is not None:
            self._params_to_server(msg, params, self._codec)
        self._session.bind(
            msg.portal, msg.statement, list(msg.param_formats), params, list(msg.result_formats)
        )
        self._emit(m.BIND_COMPLETE)

    def _params_to_server(self, msg: m.Bind, params: list[bytes | None], codec: ClientCodec) -> None:
        """Convert Bind parameters from the client encoding, in place: text-format ones, and
        binary ones of types whose binary form is text (as PostgreSQL's textrecv)."""
        formats = msg.param_formats
        param_types: list[int] | None = None
        for i, value in enumerate(params):
            if value is None or value.isascii():
                continue
            fmt = formats[i] if len(formats) > 1 else formats[0] if formats else 0
            if fmt == m.FORMAT_BINARY:
                if param_types is None:
                    try:
                        param_types = self._session.describe_statement(msg.statement)[0]  # type: ignore[union-attr]
                    except SqlError:
                        return  # Bind reports the problem itself
                convert = binary_field_converter(param_types[i] if i < len(param_types) else 0, codec.to_server)
                if convert is None:
                    continue
            else:
                convert = codec.to_server
            try:
                params[i] = convert(value)
            except SqlError as err:
                where = "unnamed portal" if not msg.portal else f'portal "{msg.portal}"'
                err.context = f"{where} parameter ${i + 1}"
                raise

    def _on_describe(self, msg: m.Describe) -> None:
        session = self._session
        assert session is not None
        if msg.kind == "S":
            param_oids, columns = session.describe_statement(msg.name)
            self._emit(m.parameter_description(param_oids))
            self._emit(self._rowdesc.get(columns) if columns is not None else m.NO_DATA)
        else:
            columns, formats = session.describe_portal(msg.name)
            self._emit(self._rowdesc.get(columns, formats) if columns is not None else m.NO_DATA)

    async def _on_execute(self, msg: m.Execute) -> None:
        session = self._session
        assert session is not None
        shape = session.portal_key(msg.portal)
        inline = session.run_inline(shape)
        started = time.monotonic()
        result = await self._call(inline, session.execute, msg.portal, msg.max_rows)
        if result is RUN_ON_THREAD:  # it must wait for a lock: not on the event loop
            inline = False
            result = await self._call(False, session.execute, msg.portal, msg.max_rows)
        if result.empty:
            for notice in result.notices:
                self._emit(self._notice_bytes(notice))
            self._emit(m.EMPTY_QUERY_RESPONSE)
            return
        sent = 0
        columns = result.columns
        if result.copy is not None:
            result = await self._run_copy(result, inline)
        elif columns is not None and result.rows is not None:
            encoder = self._portal_encoder(msg.portal, columns, result.formats)
            sent = await self._stream_rows(result.rows, encoder, inline)
        await self._complete(result, sent)
        session.record_timing(shape, time.monotonic() - started)

    def _portal_encoder(self, portal: str, columns: list[ColumnInfo], formats: tuple[int, ...]) -> RowEncoder:
        cached = self._portal_encoders.get(portal)
        if cached is not None and cached[0] is columns and cached[1] == formats:
            return cached[2]
        assert self._session is not None
        encoder = make_row_encoder(columns, formats, self._session, self._codec)
        self._portal_encoders[portal] = (columns, formats, encoder)
        return encoder

    def _on_close(self, msg: m.Close) -> None:
        session = self._session
        assert session is not None
        if msg.kind == "S":
            session.close_statement(msg.name)
        else:
            self._portal_encoders.pop(msg.name, None)
            session.close_portal(msg.name)
        self._emit(m.CLOSE_COMPLETE)

    def _on_flush(self, msg: m.Flush) -> None:
        self._flush()

    async def _on_sync(self, msg: m.Sync) -> None:
        session = self._session
        assert session is not None
        self._skip = False
        self._portal_encoders.clear()
        await self._finish_transaction(session.sync)
        self._ready_for_query()

    def _on_terminate(self, msg: m.Terminate) -> None:
        self._close()

    def _on_function_call(self, msg: m.FunctionCall) -> None:
        self._report_error(
            SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "fastpath function calls are not supported"), False
        )
        self._ready_for_query()

    def _on_unexpected_password(self, msg: m.PasswordMessage) -> None:
        raise m.protocol_violation(f"invalid frontend message type {ord('p')}")

    def _ignore(self, msg: m.FrontendMessage) -> None:
        """CopyData/CopyDone/CopyFail outside COPY: PostgreSQL ignores them (a COPY failed)."""
