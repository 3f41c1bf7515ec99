"""The asyncio listener: one :class:`asyncio.Protocol` per client feeding a
:class:`pgserver.connection.Connection`, plus the server-wide cancel key table.

This is the only module that touches sockets and transports. It stays thin: a protocol object
adapts the transport to the connection's :class:`~pgserver.connection.Channel` (write, close,
read pausing, write backpressure) and runs ``Connection.run`` as one task per connection.

Flow control: ``pause_writing``/``resume_writing`` from the transport make the connection wait
before handling more messages (and between chunks of a large result); while it waits, the
connection pauses reading once too much input is queued. Connections beyond
``max_connections`` get FATAL 53300 after their startup packet (CancelRequests still work).

TLS: with :class:`~pgserver.tls.TlsSettings` an SSLRequest is answered ``S`` and the transport is
upgraded in place with ``loop.start_tls``; the protocol object keeps serving the new transport.

:func:`run` is the blocking entry point used by ``pgserver.__main__``: it picks uvloop when
available, handles SIGTERM/SIGINT (fast shutdown: stop listening, FATAL 57P01 to every
client) and returns when the server has stopped.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
import socket
import ssl
from collections.abc import Callable
from typing import Any, cast

from pgserver.config import ServerConfig
from pgserver.connection import Connection, InstanceLike, LoginPolicyLike
from pgserver.tls import TlsSettings
from sql.lock_waits import forbid_waiting_here

logger = logging.getLogger("pgserver.server")

#: Transport write-buffer limits: pause_writing() above HIGH, resume_writing() below LOW.
WRITE_BUFFER_HIGH = 256 * 1024
WRITE_BUFFER_LOW = 64 * 1024
#: Backend pids are drawn from this range (positive, PostgreSQL-looking numbers).
_PID_MIN = 1000
_PID_MAX = 4_194_304


def _signed32(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - 0x100000000 if v >= 0x80000000 else v


class CancelKeyTable:
    """Backend pid -> (cancel secret, connection) for every logged-in connection."""

    __slots__ = ("_entries", "_next_pid")

    def __init__(self) -> None:
        self._entries: dict[int, tuple[int, Connection]] = {}
        self._next_pid = _PID_MIN + secrets.randbelow(30000)

    def __len__(self) -> int:
        return len(self._entries)

    def register(self, conn: Connection) -> tuple[int, int]:
        """A fresh (pid, secret) for ``conn``; the secret is a random signed 32-bit value."""
        pid = self._next_pid
        while pid in self._entries:
            pid = pid + 1 if pid < _PID_MAX else _PID_MIN
        self._next_pid = pid + 1 if pid < _PID_MAX else _PID_MIN
        secret = _signed32(secrets.randbits(32))
        self._entries[pid] = (secret, conn)
        return pid, secret

    def unregister(self, pid: int) -> None:
        self._entries.pop(pid, None)

    def lookup(self, pid: int) -> Connection | None:
        entry = self._entries.get(pid)
        return entry[1] if entry is not None else None

    def cancel(self, pid: int, secret: int) -> bool:
        """Cancel the statement running on backend ``pid`` if ``secret`` matches (else ignore)."""
        entry = self._entries.get(pid)
        if entry is None or entry[0] != _signed32(secret):
            logger.debug("ignoring cancel request for backend %d", pid)
            return False
        entry[1].cancel()
        return True


class _ClientProtocol(asyncio.Protocol):
    """Transport adapter for one client; implements the connection's Channel."""

    def __init__(self, server: PgServer) -> None:
        self._server = server
        self._transport: asyncio.Transport | None = None
        self._paused = False
        self._lost = False
        self._writable: asyncio.Future[None] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._tls = False
        self.conn: Connection | None = None
        #: (protocol version, cipher, bits) once TLS is up, for pg_stat_ssl.
        self.tls_info: tuple[str, str, int] | None = None
        self.task: asyncio.Task[None] | None = None

    # asyncio.Protocol ------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports implement asyncio.Transport without subclassing it.
        transport = cast(asyncio.Transport, transport)
        self._transport = transport
        server = self._server
        config = server.config
        transport.set_write_buffer_limits(high=WRITE_BUFFER_HIGH, low=WRITE_BUFFER_LOW)
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
            except OSError:
                pass
        peer = transport.get_extra_info("peername")
        client_addr = str(peer[0]) if isinstance(peer, tuple) and peer else ""
        local = transport.get_extra_info("sockname")
        server_addr = str(local[0]) if isinstance(local, tuple) and local else ""
        too_many = len(server.clients) >= config.max_connections
        conn = Connection(
            server.instance,
            self,
            server.cancel_keys,
            client_addr=client_addr,
            client_port=peer[1] if isinstance(peer, tuple) and len(peer) > 1 else None,
            max_message_size=config.max_message_size,
            too_many_clients=too_many,
            tls_upgrade=self.start_tls if server.tls is not None else None,
            login_policy=server.login_policy,
            server_addr=server_addr,
        )
        self.conn = conn
        server.clients.add(self)
        loop = asyncio.get_running_loop()
        self.task = loop.create_task(conn.run())
        self.task.add_done_callback(self._on_done)
        self._timer = loop.call_later(config.authentication_timeout, conn.startup_timeout)

    def data_received(self, data: bytes) -> None:
        assert self.conn is not None
        self.conn.feed(data)

    def eof_received(self) -> bool:
        assert self.conn is not None
        self.conn.feed_eof()
        # keep the transport; the connection closes it when done (TLS transports ignore this)
        return not self._tls

    def connection_lost(self, exc: Exception | None) -> None:
        self._lost = True
        self._paused = False
        self._wake_writer()
        if self.conn is not None:
            self.conn.connection_lost()

    def pause_writing(self) -> None:
        self._paused = True

    def resume_writing(self) -> None:
        self._paused = False
        self._wake_writer()

    async def start_tls(self) -> tuple[str, bytes] | None:
        """Upgrade to TLS (after 'S' was sent); the SCRAM channel binding of the certificate."""
        tls = self._server.tls
        context = self._server.ssl_context
        assert tls is not None and context is not None and self._transport is not None
        loop = asyncio.get_running_loop()
        # start_tls stops reading from the plain transport before it yields, so no handshake
        # bytes can reach data_received (the caller checked nothing is buffered after SSLRequest).
        upgraded = await loop.start_tls(
            self._transport,
            self,
            context,
            server_side=True,
            ssl_handshake_timeout=self._server.config.authentication_timeout,
        )
        if upgraded is None:
            raise ConnectionError("connection closed during the TLS handshake")
        transport = cast(asyncio.Transport, upgraded)
        transport.set_write_buffer_limits(high=WRITE_BUFFER_HIGH, low=WRITE_BUFFER_LOW)
        self._transport = transport
        self._tls = True
        ssl_object = transport.get_extra_info("ssl_object")
        if ssl_object is not None:
            cipher = ssl_object.cipher()
            self.tls_info = (ssl_object.version(), cipher[0], cipher[2]) if cipher else None
        return tls.channel_binding

    # Channel ---------------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        transport = self._transport
        if transport is not None and not transport.is_closing():
            transport.write(data)

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()

    def pause_reading(self) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.pause_reading()

    def resume_reading(self) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.resume_reading()

    @property
    def writing_paused(self) -> bool:
        return self._paused

    async def wait_writable(self) -> None:
        while self._paused and not self._lost:
            if self._writable is None or self._writable.done():
                self._writable = asyncio.get_running_loop().create_future()
            await self._writable

    # -----------------------------------------------------------------------------------------

    def abort(self) -> None:
        if self._transport is not None:
            self._transport.abort()

    def _wake_writer(self) -> None:
        waiter = self._writable
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _on_done(self, task: asyncio.Task[None]) -> None:
        self._server.clients.discard(self)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not task.cancelled() and task.exception() is not None:
            logger.error("connection task failed", exc_info=task.exception())
        if self._transport is not None and not self._transport.is_closing():
            self._transport.close()


def make_ssl_context(tls: TlsSettings) -> ssl.SSLContext:
    """The server-side TLS context (TLS 1.2 at least, as PostgreSQL's ssl_min_protocol_version)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(tls.cert_file, tls.key_file)
    return context


class PgServer:
    """Listens for clients and runs one :class:`Connection` per client."""

    def __init__(
        self,
        config: ServerConfig,
        instance: InstanceLike,
        *,
        tls: TlsSettings | None = None,
        login_policy: LoginPolicyLike | None = None,
    ) -> None:
        self.config = config
        self.instance = instance
        self.tls = tls
        self.ssl_context = make_ssl_context(tls) if tls is not None else None
        self.login_policy = login_policy
        self.cancel_keys = CancelKeyTable()
        self.clients: set[_ClientProtocol] = set()
        self._servers: list[asyncio.AbstractServer] = []

    async def start(self) -> None:
        """Bind and start accepting connections."""
        loop = asyncio.get_running_loop()
        server = await loop.create_server(
            lambda: _ClientProtocol(self),
            host=self.config.listen_hosts,
            port=self.config.port,
            reuse_address=True,
            backlog=max(128, self.config.max_connections),
        )
        self._servers.append(server)

    @property
    def addresses(self) -> list[tuple[str, int]]:
        """(host, port) of every listening socket."""
        result: list[tuple[str, int]] = []
        for server in self._servers:
            for sock in server.sockets:
                name = sock.getsockname()
                result.append((str(name[0]), int(name[1])))
        return result

    @property
    def port(self) -> int:
        return self.addresses[0][1]

    async def shutdown(self) -> None:
        """Fast shutdown: stop listening, end every connection with FATAL 57P01."""
        for server in self._servers:
            server.close()
        clients = list(self.clients)
        for client in clients:
            if client.conn is not None:
                client.conn.admin_shutdown()
        tasks = [c.task for c in clients if c.task is not None]
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=self.config.shutdown_timeout)
            for client in clients:
                if client.task in pending:
                    client.abort()
                    client.task.cancel()
            if pending:
                await asyncio.wait(pending, timeout=1.0)
        for server in self._servers:
            await server.wait_closed()
        self._servers.clear()


def _log_listening(addresses: list[tuple[str, int]]) -> None:
    for host, port in addresses:
        family = "IPv6" if ":" in host else "IPv4"
        logger.info('listening on %s address "%s", port %d', family, host, port)


async def serve(
    config: ServerConfig,
    instance: InstanceLike,
    *,
    stop: asyncio.Event | None = None,
    on_ready: Callable[[PgServer], Any] | None = None,
    handle_signals: bool = True,
    tls: TlsSettings | None = None,
    login_policy: LoginPolicyLike | None = None,
    reload: Callable[[], object] | None = None,
) -> None:
    """Run the server until ``stop`` is set (or SIGTERM/SIGINT arrives), then shut down.

    SIGHUP calls ``reload`` (re-read pg_hba.conf)."""
    loop = asyncio.get_running_loop()
    forbid_waiting_here()  # a statement that must wait for a lock moves to a worker thread
    stop = stop or asyncio.Event()
    server = PgServer(config, instance, tls=tls, login_policy=login_policy)
    await server.start()
    installed: list[int] = []
    handlers: list[tuple[int, Callable[[], object]]] = [(signal.SIGTERM, stop.set), (signal.SIGINT, stop.set)]
    if reload is not None:
        handlers.append((signal.SIGHUP, lambda: _reload(reload)))
    if handle_signals:
        for sig, handler in handlers:
            try:
                loop.add_signal_handler(sig, handler)
                installed.append(sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass
    try:
        _log_listening(server.addresses)
        logger.info("database system is ready to accept connections")
        if on_ready is not None:
            on_ready(server)
        await stop.wait()
        logger.info("received fast shutdown request")
        logger.info("aborting any active transactions")
    finally:
        await server.shutdown()
        for sig in installed:
            loop.remove_signal_handler(sig)


def _reload(reload: Callable[[], object]) -> None:
    logger.info("received SIGHUP, reloading configuration files")
    reload()


def _loop_factory(use_uvloop: bool) -> Callable[[], asyncio.AbstractEventLoop] | None:
    if not use_uvloop:
        return None
    try:
        import uvloop
    except ImportError:
        logger.debug("uvloop not available; using the default event loop")
        return None
    return uvloop.new_event_loop


def run(
    config: ServerConfig,
    instance: InstanceLike,
    *,
    tls: TlsSettings | None = None,
    login_policy: LoginPolicyLike | None = None,
    reload: Callable[[], object] | None = None,
) -> None:
    """Serve until SIGTERM/SIGINT (blocking)."""
    with asyncio.Runner(loop_factory=_loop_factory(config.use_uvloop)) as runner:
        runner.run(serve(config, instance, tls=tls, login_policy=login_policy, reload=reload))
