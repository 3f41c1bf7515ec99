"""A session: the authenticated role in one database, its settings, prepared statements,
portals and transaction state (PostgreSQL's tcop/postgres.c + xact.c in miniature).

The protocol front end calls ``execute_simple`` / ``parse`` / ``bind`` / ``execute`` / ``sync``;
this module parses (through the parse cache), plans (cached per statement text and per
prepared statement, re-planned only when the catalog changes), checks privileges before
every execution, and runs. Transaction control, SET/SHOW and DISCARD are handled here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from sqlglot import exp

from auth.privileges import check as check_privilege
from auth.privileges import check_either
from auth.roles import Role
from sql import audit, privilege_gate, sqlstate
from sql import index_keys as _index_keys  # noqa: F401  (installs the expression-index key hook)
from sql import typesys as T
from sql.catalog import PG_CATALOG_OID, Catalog
from sql.catalog_views.regtypes import bind as regtypes_bind
from sql.column_privileges import check_relation
from sql.copy_parser import CopyStmt
from sql.cursor_parser import CloseCursorStmt, DeclareStmt, FetchStmt
from sql.datatypes.datetimes import set_transaction_timestamp
from sql.datatypes.dtcommon import GMT, set_date_order
from sql.datatypes.textio import output_function
from sql.ddl_parser import DdlStmt
from sql.dml_planner import DmlPlanner
from sql.error_position import settle as settle_position
from sql.errors import SqlError
from sql.executor import cursors, ddl, matview, notify, routines, txstate
from sql.executor.alter import execute_ddl
from sql.executor.copy import execute_copy
from sql.executor.temp import drop_temp_objects, session_temp_schema
from sql.expr import CompileEnv, Ctx
from sql.functions_util import infer_oid
from sql.lock_statement import run_with_locks
from sql.lock_waits import RUN_ON_THREAD, WouldBlock, prepare_owner, release_session_locks
from sql.parse import ParseCache, Statement, parse_one_statement
from sql.priv_parser import PrivStmt
from sql.result import ColumnInfo, Result
from sql.settings import SERVER_VERSION, Settings, ms_value
from sql.timezone_setting import offset_zone
from sql.txmodes import GUC_MODES, check_mode_change, is_read_only, refuse_in_read_only, refuse_row_locks
from sql.utility_parser import (
    DatabaseStmt,
    DeallocateStmt,
    DiscardStmt,
    GrantStmt,
    NoOpStmt,
    ResetStmt,
    RoleStmt,
    SetStmt,
    ShowStmt,
    TransactionStmt,
)
from sql.void_params import drop_void_arguments
from storage.txn import Transaction

_PARSE_CACHE_SIZE = 1024
# reg* OID alias types, int2vector and oidvector: text I/O in sql.catalog_views
_CATALOG_IO_TYPES = frozenset({T.REGCLASS, T.REGTYPE, T.REGPROC, T.REGNAMESPACE, 22, 30})
# types whose text output follows DateStyle (and TimeZone)
_DATETIME_OUTPUT_TYPES = frozenset({T.DATE, T.TIMESTAMP, T.TIMESTAMPTZ, T.TSRANGE, T.TSTZRANGE, T.DATERANGE,
                                    T.TSMULTIRANGE, T.TSTZMULTIRANGE, T.DATEMULTIRANGE})


@dataclass
class Prepared:
    stmt: Statement
    param_types: list[int]
    kind: str  # query, insert, update, delete, utility, empty
    plan: Any = None
    columns: list[ColumnInfo] | None = None
    catalog: Catalog | None = None
    privileges: list[tuple[Any, str]] = field(default_factory=list)
    search_path: Any = ""  # the planning-relevant settings (see Session._plan_settings)
    role_oid: int = 0
    declared: tuple[int, ...] = ()  # param types the client declared (Parse)
    decoders: Any = None  # cached parameter decoders (see Session._param_decoders)


@dataclass
class Portal:
    prepared: Prepared
    params: list[Any]
    formats: tuple[int, ...]
    iterator: Iterator[tuple[Any, ...]] | None = None
    result: Result | None = None
    done: bool = False
    sent: int = 0
    source: str = ""  # the client's text of the statement (pg_stat_activity.query)


def _static_result(command: str, columns: list[ColumnInfo] | None = None,
                   rows: list[tuple[Any, ...]] | None = None, wait: Future[Any] | None = None,
                   notices: list[SqlError] | None = None) -> Result:
    return Result(command, columns, iter(rows) if rows is not None else None, wait=wait,
                  notices=notices or [])


class Session:
    def __init__(self, instance: Any, database: Any, role: Role, params: dict[str, str], backend_pid: int,
                 client_addr: str) -> None:
        self.instance = instance
        self.db = database
        self.database_name = database.name
        self.database_oid = database.oid
        self.authenticated_role = role
        self.session_role = role
        self.current_role = role
        self.savepoints: list[tuple[str, int, Any]] = []
        self.backend_pid = backend_pid
        self.client_addr = client_addr
        self.cancel_requested = False
        self.statement_deadline: float | None = None
        self._timings: dict[Any, float] = {}
        self._context_datestyle: str | None = None
        self._context_ts: datetime | None = None
        startup = {k.lower(): v for k, v in params.items() if k.lower() not in ("user", "database", "options",
                                                                                  "replication")}
        overrides: dict[str, str] = {}
        for k, v in startup.items():
            try:
                from sql.settings import DEFINITIONS

                if k in DEFINITIONS or "." in k:
                    overrides[k] = v
            except Exception:
                pass
        self.settings = Settings()
        for k, v in overrides.items():
            try:
                self.settings.set(k, v, startup=k == "client_encoding")
            except SqlError as err:
                if k == "client_encoding":  # PostgreSQL refuses the connection
                    err.severity = "FATAL"
                    raise

        self.settings.session_defaults = dict(self.settings.values)
        self.settings.listeners["extra_float_digits"] = lambda _v: self._output_cache.clear()
        self.settings.listeners["datestyle"] = lambda _v: self._output_cache.clear()
        self.settings.listeners["intervalstyle"] = lambda _v: self._output_cache.clear()
        self.settings.listeners["timezone"] = lambda _v: self._output_cache.clear()  # also timestamptz[]
        self._timeout_ms = ms_value(self.settings.values["statement_timeout"])
        self.settings.listeners["statement_timeout"] = self._set_timeout
        self.settings.force("is_superuser", "on" if role.superuser else "off")
        self.settings.force("session_authorization", role.name)
        for name, value in getattr(instance, "server_settings", {}).items():
            self.settings.force(name, value)
        self.settings.take_reported()
        self._tz_name = ""
        self._tz: tzinfo = UTC
        self._parse_cache = ParseCache(_PARSE_CACHE_SIZE)
        self._plan_cache: dict[tuple[str, tuple[int, ...]], Prepared] = {}
        self._statements: dict[str, Prepared] = {}
        self._statement_texts: dict[str, str] = {}  # Parse message text per protocol-level statement
        # per named statement: (text shown by pg_prepared_statements, prepare time, whether from SQL PREPARE)
        self.statement_origins: dict[str, tuple[str, datetime, bool]] = {}
        self._portals: dict[str, Portal] = {}
        self._txn: Transaction | None = None
        self._in_block = False
        self._failed = False
        self._local_catalog: Catalog | None = None
        self._tx_start: datetime | None = None
        # what pg_stat_activity shows of this session (read by other sessions' threads)
        self.backend_start = datetime.now(UTC)
        self.activity_query = ""
        self.activity_running = False
        self.query_start: datetime | None = None
        self.state_change: datetime | None = self.backend_start
        self._output_cache: dict[int, Callable[[Any], str]] = {}
        self.db.sessions += 1

    # identity ---------------------------------------------------------------------------------
    def version_string(self) -> str:
        return (f"PostgreSQL {SERVER_VERSION} (pgserver 0.1.0) on x86_64-pc-linux-gnu, "
                "compiled by Python 3, 64-bit")

    def original_superuser(self) -> bool:
        return self.authenticated_role.superuser

    def current_user_name(self) -> str:
        return self.current_role.name

    def session_user_name(self) -> str:
        return self.session_role.name

    def role_memberships(self) -> frozenset[int]:
        from sql.org_roles import memberships_in

        return memberships_in(self.instance.cluster(), self.database_oid, self.current_role.oid)

    @property
    def is_superuser(self) -> bool:
        role = self.instance.cluster().roles.by_oid.get(self.current_role.oid, self.current_role)
        return role.superuser

    # settings ---------------------------------------------------------------------------------
    def timezone(self) -> tzinfo:
        name = self.settings.values["timezone"]
        if name != self._tz_name:
            self._tz = UTC if name in ("UTC", "GMT") else (offset_zone(name) or ZoneInfo(name))
            self._tz_name = name
            self._output_cache.pop(T.TIMESTAMPTZ, None)
            self._output_cache.pop(T.TSTZRANGE, None)
            self._output_cache.pop(T.TSTZMULTIRANGE, None)
        return self._tz

    def take_reported(self) -> dict[str, str]:
        return self.settings.take_reported()

    @property
    def client_encoding(self) -> str:
        """The client encoding's canonical name (the protocol front end converts to it)."""
        return self.settings.values["client_encoding"]

    def startup_parameters(self) -> list[tuple[str, str]]:
        names = ["application_name", "client_encoding", "DateStyle", "default_transaction_read_only",
                 "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser", "server_encoding",
                 "server_version", "session_authorization", "standard_conforming_strings", "TimeZone"]
        return [(n, self.settings.show(n.lower())) for n in names]

    def search_path(self) -> list[str]:
        raw = self.settings.values["search_path"]
        out = []
        for part in raw.split(","):
            p = part.strip()
            if p.startswith('"') and p.endswith('"'):
                p = p[1:-1]
            else:
                p = p.lower()
            if p == "$user":
                p = self.current_role.name
            if p:
                out.append(p)
        return out

    def current_schema(self) -> str | None:
        cat = self.catalog()
        for name in self.search_path():
            if cat.schema(name) is not None:
                return name
        return None

    def creation_schema(self, catalog: Catalog) -> Any:
        for name in self.search_path():
            s = catalog.schema(name)
            if s is not None and name != "pg_catalog":
                return s
        raise SqlError(sqlstate.INVALID_SCHEMA_NAME, "no schema has been selected to create in")

    # type I/O with session settings -------------------------------------------------------------
    def text_output(self, oid: int) -> Callable[[Any], str]:
        regtypes_bind(self)  # casts to/from regclass & co. evaluated while rows are produced use this session
        f = self._output_cache.get(oid)
        if f is None:
            if oid in _CATALOG_IO_TYPES:
                f = self._catalog_output(oid)
            elif oid == T.RECORD:
                f = self._record_out
            elif oid == T.array_type(T.RECORD):
                from sql.datatypes.arrays import array_out

                f = lambda v: array_out(v, self._record_out)  # noqa: E731
            elif oid in _DATETIME_OUTPUT_TYPES or \
                    T.element_type(oid) in (T.DATE, T.TIMESTAMP, T.TIMESTAMPTZ):
                tz = self.timezone()
                if self._tz_name == "GMT":  # timezone() maps GMT to UTC; keep its name for the abbreviation
                    tz = GMT
                f = output_function(oid, tz=tz, datestyle=self.settings.values["datestyle"])
            elif T.INTERVAL in (oid, T.element_type(oid)) and self.settings.values["intervalstyle"] != "postgres":
                from sql.datatypes.arrays import array_out
                from sql.datatypes.interval_styles import interval_output

                ivout = interval_output(self.settings.values["intervalstyle"])
                f = ivout if oid == T.INTERVAL else (lambda v, o=ivout: array_out(v, o))  # type: ignore[misc]
            elif oid in (T.FLOAT4, T.FLOAT8) and int(self.settings.values["extra_float_digits"]) <= 0:
                digits = (6 if oid == T.FLOAT4 else 15) + int(self.settings.values["extra_float_digits"])
                base = T.text_output(oid)
                f = _float_with_digits(max(digits, 1), base)
            else:
                f = T.text_output(oid)
            if T.composite_info(T.element_type(oid) or oid) is None:  # a composite's output follows ALTER TYPE
                self._output_cache[oid] = f
        elif oid in (T.TIMESTAMPTZ, T.TSTZRANGE, T.TSTZMULTIRANGE):
            self.timezone()
            f = self._output_cache.get(oid) or self.text_output(oid)
        return f

    def _record_out(self, value: tuple[Any, ...]) -> str:
        """Text of an anonymous record: each field by the type its Python value implies."""
        from sql.datatypes.textio import record_out

        types = getattr(value, "types", None)  # a whole-row reference knows its column types
        return record_out([None if v is None else self.text_output(types[i] if types else _infer_oid(v))(v)
                           for i, v in enumerate(value)])

    def binary_output(self, oid: int) -> Callable[[Any], bytes]:
        if oid == T.RECORD:
            return self._record_send
        if oid == T.array_type(T.RECORD):
            from sql.record_binary import record_array_send

            return lambda v: record_array_send(v, self._record_send)
        return T.binary_output(oid)

    def _record_send(self, value: tuple[Any, ...]) -> bytes:
        from sql.record_binary import record_send

        return record_send(value, self.binary_output, _infer_oid)

    def text_input(self, oid: int, typmod: int = -1) -> Callable[[str], Any]:
        regtypes_bind(self)
        if oid in _CATALOG_IO_TYPES:
            return self._catalog_input(oid)
        if oid in (T.TIMESTAMPTZ, T.TSTZRANGE, T.TSTZMULTIRANGE):
            return T.text_input(oid, typmod, tz=self.timezone())
        return T.text_input(oid, typmod)

    def _catalog_input(self, oid: int) -> Callable[[str], Any]:
        """Input of the reg* types (against this session's catalog) and int2vector / oidvector."""
        from sql.catalog_views import regtypes, systypes

        if oid == systypes.INT2VECTOR:
            return systypes.vector_in(16, True)
        if oid == systypes.OIDVECTOR:
            return systypes.vector_in(32, False)
        return regtypes.input_for(self, oid)

    def _catalog_output(self, oid: int) -> Callable[[Any], str]:
        from sql.catalog_views import regtypes, systypes

        if oid in systypes.VECTOR_TYPES:
            return systypes.vector_out
        return regtypes.output_for(self, oid)

    def _regclass_in(self, text: str) -> int:
        return self._catalog_input(T.REGCLASS)(text)

    def _regclass_out(self, oid: int) -> str:
        return self._catalog_output(T.REGCLASS)(oid)

    # catalog ----------------------------------------------------------------------------------
    def catalog(self) -> Catalog:
        cat = self._local_catalog if self._local_catalog is not None else self.db.catalog()
        T.use_catalog_types(cat)
        return cat

    def set_local_catalog(self, catalog: Catalog) -> None:
        self._local_catalog = catalog

    def lookup_relation(self, schema: str | None, name: str, catalog: Catalog) -> Any:
        regtypes_bind(self)  # casts to/from regclass & co. outside text_input/text_output use this session
        if schema is not None:
            if schema in ("pg_catalog", "information_schema"):
                return self._virtual(schema, name)
            if schema == "pg_temp":
                temp = session_temp_schema(self, catalog)
                return catalog.lookup(temp.oid, name) if temp is not None else None
            s = catalog.schema(schema)
            if s is None:
                return None  # PostgreSQL: relation "schema.name" does not exist (42P01)
            if not self._schema_usage(s):
                raise SqlError(sqlstate.INSUFFICIENT_PRIVILEGE, f"permission denied for schema {schema}")
            return catalog.lookup(s.oid, name)
        temp = session_temp_schema(self, catalog)
        if temp is not None:
            rel = catalog.lookup(temp.oid, name)
            if rel is not None:
                return rel
        virtual = self._virtual("pg_catalog", name)
        if virtual is not None:
            return virtual
        for sname in self.search_path():
            s = catalog.schema(sname)
            if s is None or not self._schema_usage(s):
                continue  # schemas without USAGE are skipped by name lookup, as in PostgreSQL
            rel = catalog.lookup(s.oid, name)
            if rel is not None:
                return rel
        return None

    def _schema_usage(self, schema: Any) -> bool:
        if schema.name == "public" and not schema.acl:
            return True  # PostgreSQL 15 grants USAGE on public to PUBLIC
        if self.is_superuser:
            return True
        from auth.predefined_roles import data_role_allows
        from auth.privileges import has_privilege

        roles = self.role_memberships()
        return has_privilege(roles, False, schema.owner, schema.acl, "U") or data_role_allows(roles, "schema", "U")

    def _virtual(self, schema: str, name: str) -> Any:
        """A pg_catalog / information_schema relation (see sql.catalog_views)."""
        from sql import pg_catalog

        return pg_catalog.lookup(schema, name)

    def schema_name(self, rel: Any, catalog: Catalog) -> str | None:
        so = getattr(rel, "schema_oid", PG_CATALOG_OID)
        s = catalog.schemas.get(so)
        return s.name if s is not None else "pg_catalog"

    # transactions -----------------------------------------------------------------------------
    @property
    def tx_status(self) -> str:
        if self._failed:
            return "E"
        return "T" if self._in_block else "I"

    def transaction_timestamp(self) -> datetime:
        if self._tx_start is None:
            self._tx_start = datetime.now(UTC)
        return self._tx_start

    def txn(self) -> Transaction:
        if self._txn is None:
            self._txn = Transaction(self.db.env)
            prepare_owner(self, self._txn)
            values = self.settings.values
            # a new transaction starts with the session defaults
            if values["transaction_read_only"] != values["default_transaction_read_only"]:
                self.settings.force("transaction_read_only", values["default_transaction_read_only"])
            if values["transaction_isolation"] != values["default_transaction_isolation"]:
                self.settings.force("transaction_isolation", values["default_transaction_isolation"])
            self.settings.begin_transaction()
            self._tx_start = datetime.now(UTC)
            self._tx_ran_query = False
        return self._txn

    def check_writable(self, what: str) -> None:
        """25006 for a write in a READ ONLY transaction."""
        if is_read_only(self):
            raise SqlError(sqlstate.READ_ONLY_SQL_TRANSACTION, f"cannot execute {what} in a read-only transaction")

    def _end_transaction(self, committed: bool) -> None:
        self._txn = None
        self._in_block = False
        self._failed = False
        self._local_catalog = None
        self.savepoints = []
        self._tx_start = None
        txstate.at_end(self, committed)
        settings = self.settings
        settings.end_transaction(committed)
        values = settings.values
        if values["transaction_isolation"] != values["default_transaction_isolation"]:
            settings.force("transaction_isolation", values["default_transaction_isolation"])
        if values["transaction_read_only"] != values["default_transaction_read_only"]:
            settings.force("transaction_read_only", values["default_transaction_read_only"])
        if self._portals:
            self._portals.clear()

    def _commit(self) -> Future[Any] | None:
        txn = self._txn
        if txn is None:
            self._end_transaction(True)
            return None
        try:
            txstate.before_commit(self)
        except BaseException:
            self._rollback()
            raise
        try:
            if not txn.has_writes and not txn.certified_at_commit:
                txn.rollback()  # nothing to make durable
                fut = None
            else:
                fut = txn.commit()
        finally:
            self._end_transaction(True)
        notify.after_commit(self, fut)
        return fut

    def _rollback(self) -> None:
        txn = self._txn
        if txn is not None:
            txn.rollback()
        self._end_transaction(False)

    def on_error(self) -> None:
        if self._in_block:
            self._failed = True
            if self._txn is not None:
                self._txn.release_locks_after_error()  # as PostgreSQL: others need not wait for ROLLBACK
        else:
            self._rollback()

    def cancel(self) -> None:
        self.cancel_requested = True

    # asynchronous notifications (LISTEN / NOTIFY) ---------------------------------------------------
    def take_notifications(self) -> list[tuple[int, str, str]]:
        """(sender pid, channel, payload) of the notifications waiting for this session."""
        return notify.take(self)

    def set_notification_waker(self, waker: Callable[[], None] | None) -> None:
        """``waker()`` is called, from any thread, when notifications arrive for this session."""
        self.instance.notifications.set_waker(self.backend_pid, waker)

    def terminate(self) -> None:
        try:
            self._rollback()
            release_session_locks(self)
            drop_temp_objects(self)
        finally:
            self.instance.disconnect(self.backend_pid)
            self.db.sessions -= 1

    # simple query -----------------------------------------------------------------------------
    # where statements run: the protocol layer runs a statement inline on its event loop when the same
    # statement (by key) last finished quickly, and on a worker thread otherwise
    def run_inline(self, key: Any) -> bool:
        last = self._timings.get(key)
        return last is not None and last < 0.002

    def record_timing(self, key: Any, seconds: float) -> None:
        timings = self._timings
        timings[key] = seconds
        if len(timings) > 1024:
            timings.pop(next(iter(timings)))

    def portal_key(self, portal_name: str) -> Any:
        portal = self._portals.get(portal_name)
        return ("P", id(portal.prepared)) if portal is not None else ("P", None)

    def _apply_context(self) -> None:
        """Per-statement context for type input: DateStyle field order and the transaction's now()."""
        # set every time: statements may run on the event loop or on a worker thread (another context)
        set_date_order(self.settings.values["datestyle"].rsplit(", ", 1)[-1])
        set_transaction_timestamp(self._tx_start)

    def _set_timeout(self, value: str) -> None:
        self._timeout_ms = ms_value(value)

    def start_statement(self) -> None:
        """Arm statement_timeout for the statement about to run."""
        regtypes_bind(self)
        timeout_ms = self._timeout_ms
        self.statement_deadline = time.monotonic() + timeout_ms / 1000 if timeout_ms > 0 else None

    def check_interrupts(self) -> None:
        """Raise 57014 if the client cancelled or statement_timeout expired (called from long loops)."""
        if self.cancel_requested:
            self.cancel_requested = False
            raise SqlError(sqlstate.QUERY_CANCELED, "canceling statement due to user request")
        deadline = self.statement_deadline
        if deadline is not None and time.monotonic() > deadline:
            self.statement_deadline = None
            raise SqlError(sqlstate.QUERY_CANCELED, "canceling statement due to statement timeout")

    def report_running(self, query: str) -> None:
        """pg_stat_activity: this session now runs ``query``."""
        now = datetime.now(UTC)
        self.activity_query = query
        self.query_start = now
        if not self.activity_running:
            self.activity_running = True
            self.state_change = now

    def report_idle(self) -> None:
        """pg_stat_activity: the session waits for its client (the last query stays shown)."""
        if self.activity_running:
            self.activity_running = False
            self.state_change = datetime.now(UTC)

    def execute_simple(self, sql: str) -> Iterator[Result]:
        self.cancel_requested = False
        self.report_running(sql)
        self._apply_context()
        audit.note_statement(self, None, sql)
        stmts = self._parse_cache.parse_simple(sql)
        if not stmts:
            yield Result("", empty=True)
            return
        for index, (stmt, literals) in enumerate(stmts):
            audit.note_statement(self, stmt, sql, index, len(stmts))
            self.start_statement()
            try:
                while True:
                    try:
                        if literals is None:
                            result = self._run(self._prepare_cached(stmt, ()), [], ())
                        else:
                            declared = tuple(_literal_type(kind, text) for kind, text in literals)
                            prepared = self._prepare_cached(stmt, declared)
                            params = [self.text_input(t or T.TEXT)(text)
                                      for t, (_k, text) in zip(prepared.param_types, literals)]
                            result = self._run(prepared, params, ())
                        break
                    except WouldBlock:
                        yield RUN_ON_THREAD  # the caller resumes this generator on a worker thread
                        self._apply_context()
            except SqlError as err:
                if len(stmts) == 1:
                    settle_position(err, stmt.text, sql)
                raise
            if stmt.notices:
                result.notices = [*stmt.notices, *result.notices]
            yield result

    def finish_simple(self) -> Future[Any] | None:
        if self._in_block or self._txn is None:
            return None
        return self._commit()

    def sync(self) -> Future[Any] | None:
        return self.finish_simple()

    # extended query ---------------------------------------------------------------------------
    def parse(self, name: str, sql: str, param_oids: list[int]) -> None:
        if name and name in self._statements:
            raise SqlError(sqlstate.DUPLICATE_PREPARED_STATEMENT, f'prepared statement "{name}" already exists')
        audit.note_statement(self, None, sql)
        stmts = self._parse_cache.parse(sql)
        if len(stmts) > 1:
            raise SqlError(sqlstate.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement")
        if not stmts:
            prepared = Prepared(Statement(sql, None, None, ""), list(param_oids), "empty")
        else:
            self._check_failed(stmts[0])
            if stmts[0].notices:  # sent with the next command's completion
                self.__dict__.setdefault("pending_notices", []).extend(stmts[0].notices)
            # the same text with the same declared types reuses its plan (unnamed statements are re-parsed
            # by many drivers on every execution)
            try:
                prepared = self._prepare_cached(stmts[0], tuple(param_oids))
            except SqlError as err:
                settle_position(err, stmts[0].text, sql)
                raise
        self._statements[name] = prepared
        self._statement_texts[name] = sql
        if name:
            self.statement_origins[name] = (sql, datetime.now(UTC), False)

    def describe_statement(self, name: str) -> tuple[list[int], list[ColumnInfo] | None]:
        p = self._statement(name)
        p = self._revalidate(p)
        return [t if t else T.TEXT for t in p.param_types], p.columns

    def bind(self, portal: str, statement: str, param_formats: list[int], params: list[bytes | None],
             result_formats: list[int]) -> None:
        self._apply_context()
        p = self._revalidate(self._statement(statement), fixed_result=bool(statement))
        if len(params) != len(p.param_types) and not (p.kind == "empty" and not params):
            raise SqlError(sqlstate.PROTOCOL_VIOLATION,
                           f'bind message supplies {len(params)} parameters, but prepared statement "{statement}" '
                           f"requires {len(p.param_types)}")
        if p.kind != "empty" and p.stmt.utility is None:
            self._check_failed(p.stmt)
        values: list[Any] = []
        decoders = self._param_decoders(p, param_formats, len(params))
        for raw, decode in zip(params, decoders):
            values.append(None if raw is None else decode(raw))
        ncols = len(p.columns) if p.columns else 0
        if len(result_formats) == 1:
            formats = tuple(result_formats) * ncols
        elif result_formats:
            if len(result_formats) != ncols:
                raise SqlError(sqlstate.PROTOCOL_VIOLATION,
                               f"bind message has {len(result_formats)} result formats but query has {ncols} columns")
            formats = tuple(result_formats)
        else:
            formats = (0,) * ncols
        if portal and portal in self._portals:
            raise SqlError(sqlstate.DUPLICATE_CURSOR, f'portal "{portal}" already exists')
        self._portals[portal] = Portal(p, values, formats, source=self._statement_texts.get(statement, p.stmt.text))

    def _param_decoders(self, p: Prepared, formats: list[int], n: int) -> list[Callable[[bytes], Any]]:
        """Per-parameter bytes -> datum functions, built once per (statement, formats, settings)."""
        key = (tuple(formats), self.settings.values["timezone"], self.settings.values["datestyle"])
        cached = p.decoders
        if cached is not None and cached[0] == key and cached[1] is p.param_types:
            return cached[2]
        out: list[Callable[[bytes], Any]] = []
        for i in range(n):
            fmt = formats[i] if len(formats) > 1 else (formats[0] if formats else 0)
            oid = p.param_types[i] or T.TEXT
            out.append(T.binary_input(oid) if fmt == 1 else _text_param(self.text_input(oid)))
        p.decoders = (key, p.param_types, out)
        return out

    def describe_portal(self, name: str) -> tuple[list[ColumnInfo] | None, tuple[int, ...]]:
        if name and name not in self._portals:
            cursor = cursors.find(self, name)  # a cursor DECLAREd in SQL is a portal too
            if cursor is not None:
                return cursor.columns, ()
        portal = self._portal(name)
        return portal.prepared.columns, portal.formats

    def execute(self, portal_name: str, max_rows: int) -> Result:
        self.cancel_requested = False
        self._apply_context()
        self.start_statement()
        portal = self._portal(portal_name)
        if not self.activity_running or self.activity_query is not portal.source:
            self.report_running(portal.source)
        audit.note_statement(self, portal.prepared.stmt, portal.prepared.stmt.text)
        if portal.prepared.kind == "empty":
            return Result("", empty=True)
        if portal.result is None:
            try:
                portal.result = self._run(portal.prepared, portal.params, portal.formats)
            except WouldBlock:
                return RUN_ON_THREAD  # type: ignore[no-any-return]
            portal.iterator = portal.result.rows
        else:  # more rows of a suspended portal: not in a failed transaction (PostgreSQL's 25P02)
            self._check_failed(portal.prepared.stmt)
        result = portal.result
        if portal.done:
            return Result(result.command, result.columns, iter(()), rowcount=0, formats=portal.formats)
        if result.rows is None or (max_rows <= 0 and portal.sent == 0):
            portal.done = True
            if not portal_name:
                self._portals.pop(portal_name, None)
            return result
        # the tag of each Execute counts the rows that Execute returned (PostgreSQL semantics)
        out = Result(result.command, result.columns, None, formats=portal.formats, wait=result.wait,
                     notices=result.notices)
        out.rows = self._limited(portal, out, max_rows if max_rows > 0 else -1)
        return out

    def _limited(self, portal: Portal, out: Result, max_rows: int) -> Iterator[tuple[Any, ...]]:
        it = portal.iterator
        assert it is not None
        n = 0
        for row in it:
            yield row
            n += 1
            portal.sent += 1
            if n == max_rows:
                break
        else:
            portal.done = True
            out.rowcount = n
            return
        # peek whether more rows remain
        nxt = next(it, _END)
        if nxt is _END:
            portal.done = True
            out.rowcount = n
            return
        portal.iterator = _chain_first(nxt, it)
        out.suspended = True

    def close_statement(self, name: str) -> None:
        self._statements.pop(name, None)
        self._statement_texts.pop(name, None)

    def close_portal(self, name: str) -> None:
        self._portals.pop(name, None)

    def _statement(self, name: str) -> Prepared:
        p = self._statements.get(name)
        if p is None:
            raise SqlError(sqlstate.INVALID_SQL_STATEMENT_NAME, f'prepared statement "{name}" does not exist')
        return p

    def _portal(self, name: str) -> Portal:
        p = self._portals.get(name)
        if p is None:
            raise SqlError(sqlstate.INVALID_CURSOR_NAME, f'portal "{name}" does not exist')
        return p

    # planning -----------------------------------------------------------------------------------
    def _check_failed(self, stmt: Statement) -> None:
        if self._failed:
            u = stmt.utility
            if isinstance(u, TransactionStmt) and u.action in ("rollback", "rollback_to", "commit"):
                return
            raise SqlError(sqlstate.IN_FAILED_SQL_TRANSACTION,
                           "current transaction is aborted, commands ignored until end of transaction block")

    def _prepare_cached(self, stmt: Statement, declared: tuple[int, ...]) -> Prepared:
        if isinstance(stmt.utility, DeclareStmt) or hasattr(stmt.utility, "parameter_types"):
            return self._prepare(stmt, list(declared))
        if stmt.utility is not None or stmt.ast is None:
            return Prepared(stmt, [], "utility", columns=self._utility_columns(stmt))
        key = (stmt.text, declared)
        hit = self._plan_cache.get(key)
        if hit is not None:
            return self._revalidate(hit)
        self._check_failed(stmt)
        prepared = self._prepare(stmt, list(declared))
        if prepared.kind != "utility":
            if len(self._plan_cache) > 512:
                self._plan_cache.clear()
            self._plan_cache[key] = prepared
        return prepared

    def _revalidate(self, p: Prepared, fixed_result: bool = False) -> Prepared:
        if p.kind in ("utility", "empty"):
            return p
        if p.catalog is not self.catalog() or p.search_path != self._plan_settings() \
                or p.role_oid != self.current_role.oid:
            fresh = self._prepare(p.stmt, list(p.declared))
            if fixed_result and p.columns is not None and fresh.columns is not None and \
                    [(c.type_oid, c.typmod) for c in p.columns] != [(c.type_oid, c.typmod) for c in fresh.columns]:
                err = SqlError(sqlstate.FEATURE_NOT_SUPPORTED, "cached plan must not change result type")
                err.routine = "RevalidateCachedQuery"  # drivers (asyncpg) re-prepare on this routine name
                raise err
            p.plan, p.columns, p.catalog, p.privileges = fresh.plan, fresh.columns, fresh.catalog, fresh.privileges
            p.param_types, p.search_path, p.role_oid = fresh.param_types, fresh.search_path, fresh.role_oid
        return p

    def _prepare(self, stmt: Statement, param_types: list[int]) -> Prepared:
        if isinstance(stmt.utility, DeclareStmt):  # the cursor's query is planned (and typed) here
            inner = self._prepare(parse_one_statement(stmt.utility.query), param_types)
            return Prepared(stmt, inner.param_types, "declare", inner, declared=tuple(param_types))
        if stmt.utility is not None or stmt.ast is None:
            declared = tuple(param_types)
            if hasattr(stmt.utility, "parameter_types"):  # EXPLAIN: the explained statement's parameters
                param_types = stmt.utility.parameter_types(self, list(param_types))
            return Prepared(stmt, param_types, "utility", columns=self._utility_columns(stmt), declared=declared)
        ast = drop_void_arguments(stmt.ast, param_types)
        catalog = self.catalog()
        env = CompileEnv(self, catalog, list(param_types))
        planner = DmlPlanner(env)
        kind = "utility"
        plan: Any = None
        cols: list[ColumnInfo] | None = None
        if isinstance(ast, exp.Select) and ast.args.get("into") is not None:  # SELECT INTO: CREATE TABLE AS
            return Prepared(stmt, param_types, "utility", declared=tuple(param_types))
        if isinstance(ast, (exp.Select, exp.Union, exp.Intersect, exp.Except, exp.Values)) or (
                isinstance(ast, exp.Subquery)):
            q = planner.plan_query(ast)
            kind, plan = "query", q
            cols = [ColumnInfo(c.name, c.type, c.typmod, c.table_oid, c.attnum) for c in q.columns]
        elif isinstance(ast, (exp.Insert, exp.Update, exp.Delete, exp.Merge)):
            plan, scols = planner.plan_dml_statement(ast)
            kind = {exp.Insert: "insert", exp.Update: "update", exp.Delete: "delete", exp.Merge: "merge"}[type(ast)]
        else:
            return Prepared(stmt, param_types, "utility", declared=tuple(param_types))
        if kind in ("insert", "update", "delete", "merge") and scols:
            cols = [ColumnInfo(c.name, c.type, c.typmod, c.table_oid, c.attnum) for c in scols]
        ptypes = [env.param_domains.get(i, t) if t else T.TEXT for i, t in enumerate(env.param_types)]
        return Prepared(stmt, ptypes, kind, plan, cols, catalog, env.privileges,
                        self._plan_settings(), self.current_role.oid, tuple(param_types))

    def _plan_settings(self) -> tuple[str, ...]:
        """Settings a plan depends on (name resolution, casts to/from text): a change re-plans."""
        v = self.settings.values
        return (v["search_path"], v["timezone"], v["extra_float_digits"], v["datestyle"])

    def _utility_columns(self, stmt: Statement) -> list[ColumnInfo] | None:
        u = stmt.utility
        if hasattr(u, "result_columns"):
            return u.result_columns()  # type: ignore[no-any-return]
        if isinstance(u, ShowStmt):
            if u.name == "all":
                return [ColumnInfo("name", T.TEXT), ColumnInfo("setting", T.TEXT), ColumnInfo("description", T.TEXT)]
            return [ColumnInfo(self.settings.display_name(u.name), T.TEXT)]
        if isinstance(u, FetchStmt):
            return cursors.cursor_columns(self, u)
        if type(u).__name__ == "ExecuteSqlStmt":  # EXECUTE name: the rows of that prepared statement
            prepared = self._statements.get(u.name)
            return prepared.columns if prepared is not None else None
        return None

    def _check_privileges(self, p: Prepared) -> None:
        privilege_gate.check(self, p.stmt)
        if not p.privileges:
            return
        superuser = self.is_superuser
        roles = None
        snap = self.instance.cluster()
        for entry in p.privileges:
            rel, letters = entry[0], entry[1]
            if getattr(rel, "virtual", False):
                continue
            if len(entry) > 2:  # checked as a view's owner
                owner_role = snap.roles.by_oid.get(entry[2])
                if owner_role is None or owner_role.superuser:
                    continue
                check_relation(snap.roles.memberships(owner_role.oid), rel, letters, p.privileges,
                               "sequence" if rel.kind == "S" else "table")
                continue
            if superuser:
                continue
            if roles is None:
                roles = self.role_memberships()
            kind = {"S": "sequence", "v": "view"}.get(rel.kind, "table")
            check_relation(roles, rel, letters, p.privileges, kind)

    # running ----------------------------------------------------------------------------------
    def _run(self, p: Prepared, params: list[Any], formats: tuple[int, ...]) -> Result:
        audit.note_plan(self, p)
        if p.kind == "utility":
            res = self._utility(p.stmt, params)
            if formats and res.columns is not None and len(formats) == len(res.columns):
                res.formats = formats  # e.g. FETCH through a Bind that asked for binary results
            return res
        if p.kind == "declare":
            self._check_failed(p.stmt)
            assert isinstance(p.stmt.utility, DeclareStmt)
            return cursors.declare(self, p.stmt.utility, self._revalidate(p.plan), params, self._in_block)
        self._check_failed(p.stmt)
        p = self._revalidate(p)
        self._check_privileges(p)
        txn = self.txn()  # a new transaction takes default_transaction_read_only before the check below
        if self.settings.values["transaction_read_only"] == "on" and p.kind != "query" and not all(
                _is_temp(rel, self) for rel, letters, *_ in p.privileges if set(letters) & set("awdD")):
            raise SqlError(sqlstate.READ_ONLY_SQL_TRANSACTION,
                           f"cannot execute {p.kind.upper()} in a read-only transaction")
        if p.kind == "query" and self.settings.values["transaction_read_only"] == "on":
            refuse_row_locks(p.stmt.ast)
        if len(params) < len(p.param_types):
            raise SqlError(sqlstate.UNDEFINED_PARAMETER, f"there is no parameter ${len(params) + 1}")
        self._tx_ran_query = True
        txn.begin_statement(self.settings.values["transaction_isolation"])
        ctx = Ctx(params, txn, self, datetime.now(UTC))
        return run_with_locks(self, p, txn, ctx, formats)

    def prepare_internal(self, sql: str, param_types: list[int]) -> Prepared:
        """Plan one statement the server itself composed (COPY's INSERT and SELECT); cached like
        the plans of simple queries, so a repeated COPY does not parse its INSERT again."""
        key = (sql, tuple(param_types))
        hit = self._plan_cache.get(key)
        if hit is not None:
            return self._revalidate(hit)
        prepared = self._prepare(parse_one_statement(sql), param_types)
        if prepared.kind != "utility":
            if len(self._plan_cache) > 512:
                self._plan_cache.clear()
            self._plan_cache[key] = prepared
        return prepared

    def run_internal(self, p: Prepared, params: list[Any]) -> Result:
        return self._run(p, params, ())

    def _utility(self, stmt: Statement, params: list[Any] | None = None) -> Result:
        u = stmt.utility
        self._check_failed(stmt)
        privilege_gate.check(self, stmt)
        if isinstance(u, TransactionStmt):
            return self._transaction_stmt(u)
        if isinstance(u, SetStmt):
            return self._set(u)
        if isinstance(u, ShowStmt):
            return self._show(u)
        if isinstance(u, ResetStmt):
            if u.name in ("role", "session_authorization"):
                ddl.set_role(self, SetStmt(u.name, None))
                return _static_result("RESET")
            self.settings.reset(u.name)
            if u.name == "all":
                self.current_role = self.session_role
            return _static_result("RESET")
        if isinstance(u, DiscardStmt):
            if u.what == "all":
                if self._in_block:
                    raise SqlError(sqlstate.ACTIVE_SQL_TRANSACTION,
                                   "DISCARD ALL cannot run inside a transaction block")
                self._statements = {k: v for k, v in self._statements.items() if k == ""}
                self._portals.clear()
                self._plan_cache.clear()
                self.settings.reset("all")
                cursors.close_all(self)
                notify.unlisten_all(self)
            elif u.what == "plans":
                self._plan_cache.clear()
            return _static_result(f"DISCARD {u.what.upper()}")
        if isinstance(u, DeallocateStmt):
            if u.name is None:
                self._statements = {k: v for k, v in self._statements.items() if k == ""}
            elif u.name in self._statements:
                del self._statements[u.name]
            else:
                raise SqlError(sqlstate.INVALID_SQL_STATEMENT_NAME,
                               f'prepared statement "{u.name}" does not exist')
            return _static_result("DEALLOCATE ALL" if u.name is None else "DEALLOCATE")
        if isinstance(u, NoOpStmt):
            if u.tag == "VACUUM" and self._in_block:
                raise SqlError(sqlstate.ACTIVE_SQL_TRANSACTION, "VACUUM cannot run inside a transaction block")
            return _static_result(u.tag)
        refuse_in_read_only(self, stmt)
        if isinstance(u, RoleStmt):
            return ddl.role_statement(self, u)
        if isinstance(u, GrantStmt):
            return ddl.grant_statement(self, u)
        if isinstance(u, PrivStmt):
            from sql.executor.owned import priv_statement

            return priv_statement(self, u)
        if isinstance(u, DatabaseStmt):
            return ddl.database_statement(self, u)
        if isinstance(u, routines.CreateFunctionStmt):
            self.check_writable("CREATE FUNCTION")
            return routines.create_function(self, u)
        if isinstance(u, routines.DropFunctionStmt):
            self.check_writable("DROP FUNCTION")
            return routines.drop_function(self, u)
        if isinstance(u, CopyStmt):
            return execute_copy(self, u)
        if isinstance(u, FetchStmt):
            return cursors.fetch(self, u)
        if isinstance(u, CloseCursorStmt):
            return cursors.close(self, u)
        if params and hasattr(u, "execute_with_params"):  # EXPLAIN of a statement with $n
            return u.execute_with_params(self, params)
        if hasattr(u, "execute_utility"):  # triggers, ALTER FUNCTION, GRANT ON FUNCTION, DO
            return u.execute_utility(self)
        if isinstance(u, DdlStmt):
            return execute_ddl(self, u)
        if isinstance(u, matview.MatViewStmt):
            return matview.run(self, u)
        assert stmt.ast is not None
        if is_read_only(self):
            self.check_writable("TRUNCATE TABLE" if stmt.keyword == "TRUNCATE" else
                                f"{stmt.keyword} {_object_word(stmt.ast)}".strip())
        return ddl.execute(self, stmt.ast)

    def _transaction_stmt(self, u: TransactionStmt) -> Result:
        if u.action == "begin":
            notices = []
            if self._in_block:
                notices.append(SqlError(sqlstate.ACTIVE_SQL_TRANSACTION,
                                        "there is already a transaction in progress", severity="WARNING"))
            else:
                self.txn()
                self._in_block = True
            self._apply_modes(u.modes)
            return _static_result("START TRANSACTION" if u.name == "start" else "BEGIN", notices=notices)
        if u.action == "commit":
            if not self._in_block:
                if u.chain:
                    raise SqlError(sqlstate.NO_ACTIVE_SQL_TRANSACTION,
                                   "COMMIT AND CHAIN can only be used in transaction blocks")
                w = SqlError(sqlstate.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress",
                             severity="WARNING")
                fut = self._commit() if self._txn is not None else None
                return _static_result("COMMIT", wait=fut, notices=[w])
            if self._failed:
                self._rollback()
                return _static_result("ROLLBACK")
            modes = (("isolation", self.settings.values["transaction_isolation"]),
                     ("read_only", self.settings.values["transaction_read_only"]),
                     ("deferrable", self.settings.values["transaction_deferrable"]))
            fut = self._commit()
            if u.chain:  # a new transaction with the same characteristics
                self.txn()
                self._in_block = True
                self._apply_modes(modes)
            return _static_result("COMMIT", wait=fut)
        if u.action == "rollback":
            notices = []
            if not self._in_block:
                notices.append(SqlError(sqlstate.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress",
                                        severity="WARNING"))
            self._rollback()
            return _static_result("ROLLBACK", notices=notices)
        return ddl.savepoint_statement(self, u)

    def _apply_modes(self, modes: tuple[tuple[str, str], ...]) -> None:
        for key, value in modes:
            if key == "isolation":
                self.settings.force("transaction_isolation", value)
            elif key == "read_only":
                self.settings.force("transaction_read_only", value)
            elif key == "deferrable":
                self.settings.force("transaction_deferrable", value)

    def _set(self, u: SetStmt) -> Result:
        if u.name == "transaction":
            if not self._in_block:
                w = SqlError(sqlstate.NO_ACTIVE_SQL_TRANSACTION,
                             "SET TRANSACTION can only be used in transaction blocks", severity="WARNING")
                return _static_result("SET", notices=[w])
            check_mode_change(self, u.modes)
            self._apply_modes(u.modes)
            return _static_result("SET")
        if u.name == "session characteristics":
            for key, value in u.modes:
                if key == "isolation":
                    self.settings.set("default_transaction_isolation", value)
                elif key == "read_only":
                    self.settings.set("default_transaction_read_only", value)
                elif key == "deferrable":
                    self.settings.set("default_transaction_deferrable", value)
            return _static_result("SET")
        if u.name in ("role", "session_authorization"):
            return ddl.set_role(self, u)
        if u.local and not self._in_block:
            w = SqlError(sqlstate.NO_ACTIVE_SQL_TRANSACTION,
                         "SET LOCAL can only be used in transaction blocks", severity="WARNING")
            return _static_result("SET", notices=[w])
        if u.name in GUC_MODES and self._in_block and u.values:
            check_mode_change(self, ((GUC_MODES[u.name], u.values[0]),))
        if u.values is None:
            self.settings.set(u.name, None, local=u.local)
        else:
            quote = _quote_path if u.name == "search_path" else str
            self.settings.set(u.name, ", ".join(quote(v) for v in u.values), local=u.local)
        return _static_result("SET")

    def _show(self, u: ShowStmt) -> Result:
        cols = self._utility_columns(Statement("", None, u, "SHOW"))
        if u.name == "all":
            return _static_result("SHOW", cols, self.settings.all_rows())
        name = u.name
        if name in ("transaction_isolation", "transaction_read_only") and self._txn is None and not self._in_block:
            name = "default_" + name  # outside a transaction: what the next one starts with
        value = self.settings.show(name)
        return _static_result("SHOW", cols, [(value,)])

    # helpers for DDL and functions ---------------------------------------------------------------
    def nextval(self, seq_oid: int) -> int:
        seq = self.catalog().relations.get(seq_oid)
        if seq is None or seq.kind != "S":
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{seq_oid}" is not a sequence')
        if not self.is_superuser and not seq.identity:  # an identity column's sequence needs no grant
            check_either(self.role_memberships(), False, seq.owner, seq.acl, "Uw", "sequence", seq.name)
        self.check_writable("nextval()")
        value = self.db.nextval(seq, self.txn())
        self._last_seq = (seq_oid, value)
        self._seq_values = getattr(self, "_seq_values", {})
        self._seq_values[seq_oid] = value
        return value

    def currval(self, seq_oid: int) -> int:
        values = getattr(self, "_seq_values", {})
        if seq_oid not in values:
            seq = self.catalog().relations.get(seq_oid)
            name = seq.name if seq is not None else str(seq_oid)
            raise SqlError(sqlstate.OBJECT_NOT_IN_PREREQUISITE_STATE,
                           f'currval of sequence "{name}" is not yet defined in this session')
        return values[seq_oid]

    def setval(self, seq_oid: int, value: int, is_called: bool = True) -> int:
        seq = self.catalog().relations.get(seq_oid)
        if seq is None or seq.kind != "S":
            raise SqlError(sqlstate.WRONG_OBJECT_TYPE, f'"{seq_oid}" is not a sequence')
        if not self.is_superuser:
            check_privilege(self.role_memberships(), False, seq.owner, seq.acl, "w", "sequence", seq.name)
        self.check_writable("setval()")
        self.db.setval(seq, value, self.txn(), is_called)
        if is_called:
            self._seq_values = getattr(self, "_seq_values", {})
            self._seq_values[seq_oid] = value
        return value


_END = object()


def _infer_oid(v: Any) -> int:
    """The type a bare Python datum most likely has (record fields carry no type of their own)."""
    if isinstance(v, tuple):
        return T.RECORD
    if isinstance(v, list):
        first = next((x for x in v if x is not None and not isinstance(x, list)), None)
        if isinstance(first, tuple):
            return T.array_type(T.RECORD)
    return infer_oid(v)


def _is_temp(rel: Any, session: Any) -> bool:
    schema = session.catalog().schemas.get(getattr(rel, "schema_oid", 0))
    return schema is not None and schema.name.startswith("pg_temp")


def _object_word(ast: Any) -> str:
    kind = ast.args.get("kind") if hasattr(ast, "args") else None
    return str(kind).upper() if kind else ""


def _text_param(decode: Callable[[str], Any]) -> Callable[[bytes], Any]:
    def run(raw: bytes) -> Any:
        if b"\0" in raw:
            raise SqlError(sqlstate.CHARACTER_NOT_IN_REPERTOIRE, 'invalid byte sequence for encoding "UTF8": 0x00')
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise SqlError(sqlstate.CHARACTER_NOT_IN_REPERTOIRE, 'invalid byte sequence for encoding "UTF8"') from None
        return decode(text)

    return run


def _float_with_digits(digits: int, base: Callable[[Any], str]) -> Callable[[Any], str]:
    """float output with extra_float_digits <= 0: %.{digits}g, PostgreSQL's pre-12 format."""
    import math

    def out(v: float) -> str:
        if math.isnan(v) or math.isinf(v):
            return base(v)
        text = f"{v:.{digits}g}"
        if "e" in text:
            mant, _, ex = text.partition("e")
            sign = ex[0] if ex[0] in "+-" else "+"
            num = ex.lstrip("+-").lstrip("0") or "0"
            text = f"{mant}e{sign}{num.zfill(2)}"
        return text

    return out


def _literal_type(kind: str, text: str) -> int:
    """The type PostgreSQL gives a literal: integers by size, other numbers numeric, strings unknown."""
    if kind == "string":
        return 0
    if "." in text or "e" in text or "E" in text:
        return T.NUMERIC
    v = int(text)
    if -(2**31) <= v < 2**31:
        return T.INT4
    if -(2**63) <= v < 2**63:
        return T.INT8
    return T.NUMERIC


def _chain_first(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _quote_path(v: str) -> str:
    if v == "$user" or v == '"$user"':
        return '"$user"'
    if v.startswith('"'):
        return v
    if v == v.lower() and v.replace("_", "").isalnum():
        return v
    return '"' + v.replace('"', '""') + '"'

