"""Run-time settings (GUCs) of a session: defaults, validation, SET/SHOW/RESET, SET LOCAL.

Names and defaults follow PostgreSQL 15. Settings marked ``report`` are announced to the
client with ParameterStatus when they change; the session collects those changes and the
protocol front end sends them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sql import sqlstate
from sql.encoding_names import canonical_encoding, client_conversion_supported
from sql.errors import SqlError
from sql.timezone_setting import offset_zone

SERVER_VERSION = "15.18"
SERVER_VERSION_NUM = "150018"


def _bool(value: str) -> str:
    v = value.strip().lower()
    if v in ("on", "true", "yes", "1", "t", "y"):
        return "on"
    if v in ("off", "false", "no", "0", "f", "n"):
        return "off"
    raise ValueError(value)


def _int(value: str) -> str:
    return str(int(value))


_TIME_UNITS = {"us": 0.001, "ms": 1, "s": 1000, "min": 60000, "h": 3600000, "d": 86400000}


def _timeout(value: str) -> str:
    """A time GUC in milliseconds (bare numbers are ms), stored as PostgreSQL displays it."""
    v = value.strip().lower()
    ms: float | None = None
    for u in sorted(_TIME_UNITS, key=len, reverse=True):
        if v.endswith(u):
            num = v[: -len(u)].strip()
            try:
                ms = float(num) * _TIME_UNITS[u]
            except ValueError:
                raise ValueError(value) from None
            break
    if ms is None:
        ms = float(v)
    if ms < 0:
        raise ValueError(value)
    return format_ms(round(ms))


def format_ms(ms: int) -> str:
    if ms == 0:
        return "0"
    for unit, size in (("d", 86400000), ("h", 3600000), ("min", 60000), ("s", 1000)):
        if ms % size == 0:
            return f"{ms // size}{unit}"
    return f"{ms}ms"


def ms_value(text: str) -> int:
    """Milliseconds of a displayed time setting ('50ms', '1s', '0')."""
    for u in sorted(_TIME_UNITS, key=len, reverse=True):
        if text.endswith(u):
            return int(float(text[: -len(u)]) * _TIME_UNITS[u])
    return int(text)


def _timezone(value: str) -> str:
    v = value.strip()
    if v.upper() in ("UTC", "GMT", "Z", "ZULU"):
        return "UTC" if v.upper() != "GMT" else "GMT"
    try:
        ZoneInfo(v)
    except (ZoneInfoNotFoundError, ValueError):
        if ":" in v and offset_zone(v) is not None:
            return v  # '+02:00': shown as written
        try:
            hours = float(v)
        except ValueError:
            raise ValueError(value) from None
        if hours and hours == int(hours):
            return f"<{'+' if hours > 0 else '-'}{abs(int(hours)):02d}>{'-' if hours > 0 else '+'}{abs(int(hours)):02d}"
        return f"<{'+' if hours >= 0 else '-'}{abs(hours):02g}>{-hours:+g}" if hours else "UTC"
    return v


class UnsupportedConversion(ValueError):
    """A known encoding the server cannot convert to and from (MULE_INTERNAL, EUC_TW)."""

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding)
        self.encoding = encoding


def _encoding(value: str) -> str:
    canon = canonical_encoding(value)
    if canon is None:
        raise ValueError(value)
    if not client_conversion_supported(canon):
        raise UnsupportedConversion(canon)
    return canon


def _isolation(value: str) -> str:
    v = " ".join(value.strip().lower().replace("_", " ").split())
    if v in ("read committed", "repeatable read", "serializable", "read uncommitted"):
        return v
    raise ValueError(value)


def _datestyle(value: str) -> str:
    parts = [p.strip().upper() for p in value.replace(",", " ").split()]
    style = "ISO"
    order = "MDY"
    for p in parts:
        if p in ("ISO", "SQL", "POSTGRES", "GERMAN"):
            style = {"POSTGRES": "Postgres", "GERMAN": "German"}.get(p, p)
        elif p in ("MDY", "DMY", "YMD"):
            order = p
        elif p in ("US", "NONEURO", "NONEUROPEAN"):
            order = "MDY"
        elif p in ("EURO", "EUROPEAN"):
            order = "DMY"
        elif p == "DEFAULT":
            pass
        else:
            raise ValueError(value)
    return f"{style}, {order}"


def _any(value: str) -> str:
    return value


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    check: Callable[[str], str] = _any
    report: bool = False
    readonly: bool = False
    display: str | None = None  # name as SHOW ALL prints it


def _defs() -> dict[str, Setting]:
    items = [
        Setting("server_version", SERVER_VERSION, report=True, readonly=True),
        Setting("server_version_num", SERVER_VERSION_NUM, readonly=True),
        Setting("server_encoding", "UTF8", report=True, readonly=True),
        Setting("client_encoding", "UTF8", _encoding, report=True),
        Setting("datestyle", "ISO, MDY", _datestyle, report=True, display="DateStyle"),
        Setting("intervalstyle", "postgres", _intervalstyle, report=True, display="IntervalStyle"),
        Setting("timezone", "UTC", _timezone, report=True, display="TimeZone"),
        Setting("integer_datetimes", "on", report=True, readonly=True),
        Setting("standard_conforming_strings", "on", lambda v: "on" if _bool(v) == "on" else _fail(v),
                report=True),
        Setting("application_name", "", report=True),
        Setting("is_superuser", "off", report=True, readonly=True),
        Setting("session_authorization", "", report=True, readonly=True),
        Setting("default_transaction_read_only", "off", _bool, report=True),
        Setting("in_hot_standby", "off", report=True, readonly=True),
        Setting("search_path", '"$user", public'),
        Setting("extra_float_digits", "1", _int),
        Setting("transaction_isolation", "read committed", _isolation),
        Setting("default_transaction_isolation", "read committed", _isolation),
        Setting("transaction_read_only", "off", _bool),
        Setting("transaction_deferrable", "off", _bool),
        Setting("default_transaction_deferrable", "off", _bool),
        Setting("statement_timeout", "0", _timeout),
        Setting("lock_timeout", "0", _timeout),
        Setting("deadlock_timeout", "1s", _timeout),
        Setting("idle_in_transaction_session_timeout", "0", _timeout),
        Setting("idle_session_timeout", "0", _timeout),
        Setting("client_min_messages", "notice"),
        Setting("max_connections", "100", readonly=True),
        Setting("max_identifier_length", "63", readonly=True),
        Setting("max_index_keys", "32", readonly=True),
        Setting("block_size", "8192", readonly=True),
        Setting("bytea_output", "hex", lambda v: v.lower() if v.lower() == "hex" else _fail(v)),
        Setting("lc_collate", "C.UTF-8", readonly=True),
        Setting("lc_ctype", "C.UTF-8", readonly=True),
        Setting("lc_messages", "C.UTF-8"),
        Setting("lc_monetary", "C.UTF-8"),
        Setting("lc_numeric", "C.UTF-8"),
        Setting("lc_time", "C.UTF-8"),
        Setting("default_text_search_config", "pg_catalog.english"),
        Setting("jit", "off", _bool),
        Setting("row_security", "on", _bool),
        Setting("default_table_access_method", "heap"),
        Setting("default_tablespace", ""),
        Setting("synchronous_commit", "on"),
        Setting("work_mem", "4MB"),
        Setting("maintenance_work_mem", "64MB"),
        Setting("timezone_abbreviations", "Default"),
        Setting("password_encryption", "scram-sha-256"),
        Setting("check_function_bodies", "on", _bool),
        Setting("xmloption", "content"),
        Setting("escape_string_warning", "on", _bool),
        Setting("backslash_quote", "safe_encoding"),
        Setting("default_with_oids", "off", _bool),
        Setting("ssl", "off", readonly=True),
        Setting("authentication_timeout", "1min", readonly=True),
        Setting("superuser_reserved_connections", "3", readonly=True),
        Setting("port", "5432", readonly=True),
        Setting("listen_addresses", "localhost", readonly=True),
        Setting("enable_seqscan", "on", _bool),
        Setting("enable_indexscan", "on", _bool),
        Setting("enable_hashjoin", "on", _bool),
        Setting("enable_mergejoin", "on", _bool),
        Setting("enable_nestloop", "on", _bool),
        Setting("enable_sort", "on", _bool),
        Setting("random_page_cost", "4"),
        Setting("effective_cache_size", "4GB"),
        Setting("statement_timeout_ms", "0", readonly=True),
        Setting("vacuum_freeze_min_age", "50000000"),
        Setting("array_nulls", "on", _bool),
        Setting("quote_all_identifiers", "off", _bool),
        Setting("session_replication_role", "origin"),
        Setting("search_path_default", '"$user", public', readonly=True),
        Setting("wal_level", "replica", readonly=True),
        Setting("max_prepared_transactions", "0", readonly=True),
        Setting("shared_buffers", "128MB", readonly=True),
        Setting("data_checksums", "off", readonly=True),
        Setting("server_encoding_name", "UTF8", readonly=True),
        Setting("role", "none"),
        Setting("synchronize_seqscans", "on", _bool),
        Setting("default_tablespace", ""),
        Setting("default_table_access_method", "heap"),
        Setting("max_parallel_workers_per_gather", "2", _int),
        Setting("temp_tablespaces", ""),
        Setting("lo_compat_privileges", "off", _bool),
    ]
    return {s.name: s for s in items}


def _intervalstyle(value: str) -> str:
    from sql.datatypes.interval_styles import STYLES

    v = value.strip().lower()
    return v if v in STYLES else _fail(value)


def _fail(value: str) -> str:
    raise ValueError(value)


DEFINITIONS = _defs()
# not undone by ROLLBACK / ROLLBACK TO SAVEPOINT like other settings
_TRANSACTION_SCOPED = frozenset({"transaction_isolation", "transaction_read_only", "is_superuser",
                                 "session_authorization"})


def _unsupported_conversion(encoding: str, name: str, value: str, startup: bool) -> SqlError:
    if startup:
        return SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f"conversion between {encoding} and UTF8 is not supported")
    return SqlError(sqlstate.FEATURE_NOT_SUPPORTED, f'invalid value for parameter "{name}": "{value}"',
                    detail=f"Conversion between {encoding} and UTF8 is not supported.")


class Settings:
    """One session's settings: session values, SET LOCAL overlays, reported changes."""

    def __init__(self, overrides: dict[str, str] | None = None) -> None:
        self.values: dict[str, str] = {n: s.default for n, s in DEFINITIONS.items()}
        self.custom: dict[str, str] = {}
        self.local: dict[str, str] | None = None  # values to restore at transaction end
        self.session_defaults: dict[str, str] = {}
        self.reported: dict[str, str] = {}
        self.listeners: dict[str, Callable[[str], None]] = {}
        for name, value in (overrides or {}).items():
            self.set(name, value, startup=True)
        self.session_defaults = dict(self.values)
        self.reported.clear()

    def _definition(self, name: str) -> Setting | None:
        return DEFINITIONS.get(name)

    def show(self, name: str) -> str:
        name = name.lower()
        if name in self.values:
            return self.values[name]
        if name in self.custom:
            return self.custom[name]
        raise SqlError(sqlstate.UNDEFINED_OBJECT, f'unrecognized configuration parameter "{name}"')

    def display_name(self, name: str) -> str:
        d = DEFINITIONS.get(name)
        return d.display or d.name if d else name

    def set(self, name: str, value: str | None, local: bool = False, startup: bool = False) -> None:
        name = name.lower()
        d = self._definition(name)
        if d is None:
            if "." in name:
                self._remember_local(name, local)
                self.custom[name] = value if value is not None else ""
                return
            raise SqlError(sqlstate.UNDEFINED_OBJECT, f'unrecognized configuration parameter "{name}"')
        if d.readonly and not startup:
            raise SqlError(sqlstate.CANT_CHANGE_RUNTIME_PARAM, f'parameter "{name}" cannot be changed')
        if value is None:
            new = self.session_defaults.get(name, d.default)
        else:
            try:
                new = d.check(value)
            except UnsupportedConversion as exc:
                raise _unsupported_conversion(exc.encoding, d.display or name, value, startup) from None
            except (ValueError, TypeError):
                raise SqlError(sqlstate.INVALID_PARAMETER_VALUE,
                               f'invalid value for parameter "{d.display or name}": "{value}"') from None
        self._remember_local(name, local)
        self._assign(name, new)

    def force(self, name: str, value: str) -> None:
        """Set a read-only setting from inside the server (is_superuser, session_authorization)."""
        self._assign(name, value)

    def _assign(self, name: str, new: str) -> None:
        old = self.values.get(name)
        self.values[name] = new
        d = DEFINITIONS.get(name)
        if d is not None and d.report and old != new:
            self.reported[d.display or name] = new
        listener = self.listeners.get(name)
        if listener is not None:
            listener(new)

    def _remember_local(self, name: str, local: bool) -> None:
        if self.local is None:
            return
        if not local:
            self.local.pop(name, None)  # a plain SET outlives the transaction: earlier SET LOCALs are forgotten
        elif name not in self.local:
            self.local[name] = self.values.get(name, self.custom.get(name, ""))

    def snapshot(self) -> tuple[dict[str, str], dict[str, str], dict[str, str] | None]:
        """The state a SAVEPOINT restores on ROLLBACK TO."""
        return dict(self.values), dict(self.custom), dict(self.local) if self.local is not None else None

    def restore(self, state: tuple[dict[str, str], dict[str, str], dict[str, str] | None]) -> None:
        values, custom, local = state
        for name, value in values.items():
            if self.values.get(name) != value and name not in _TRANSACTION_SCOPED:
                self._assign(name, value)
        self.custom = dict(custom)
        if self.local is not None and local is not None:
            self.local = dict(local)

    def begin_transaction(self) -> None:
        self.local = {}
        self._at_begin = (dict(self.values), dict(self.custom))

    def end_transaction(self, committed: bool) -> None:
        """SET LOCAL values end with the transaction; on rollback plain SETs are undone too."""
        if not committed and getattr(self, "_at_begin", None) is not None:
            values, custom = self._at_begin
            for name, value in values.items():
                if self.values.get(name) != value and name not in _TRANSACTION_SCOPED:
                    self._assign(name, value)
            self.custom = custom
        elif self.local:
            for name, value in self.local.items():
                if name in self.values:
                    self._assign(name, value)
                else:
                    self.custom[name] = value
        self.local = None
        self._at_begin = None

    def reset(self, name: str) -> None:
        if name == "all":
            for n, d in DEFINITIONS.items():
                if not d.readonly and n not in ("transaction_isolation", "transaction_read_only"):
                    self._assign(n, self.session_defaults.get(n, d.default))
            self.custom.clear()
            return
        self.set(name, None)

    def take_reported(self) -> dict[str, str]:
        out = self.reported
        self.reported = {}
        return out

    def all_rows(self) -> list[tuple[str, str, str]]:
        rows = []
        for n, d in sorted(DEFINITIONS.items()):
            rows.append((d.display or n, self.values[n], ""))
        return rows
