#!/usr/bin/env python3
"""compat-suite runner: does a server give the same answer (or the same error) as PostgreSQL 15?

Runs the cases under cases/<category>/*.sql against a server and compares what it answers with
the expectations recorded from real PostgreSQL 15 (``--record`` writes them). See README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg.postgres import types as pg_types

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casefile import Case, CaseFile, Expected, has_top_level_order_by, parse_file, write_file  # noqa: E402

HERE = Path(__file__).resolve().parent

# Session settings applied at connect so results don't depend on server defaults.
SESSION_DEFAULTS = [
    "SET TimeZone = 'UTC'",
    "SET DateStyle = 'ISO, MDY'",
    "SET IntervalStyle = 'postgres'",
    "SET extra_float_digits = 1",
    "SET bytea_output = 'hex'",
    "SET client_min_messages = 'warning'",
]

EXTRA_TYPE_NAMES = {705: "unknown", 2278: "void", 2249: "record"}


def type_name(oid: int) -> str:
    """Stable name of a result column type: builtin names, arrays as name[], user types as 'user'."""
    if oid in EXTRA_TYPE_NAMES:
        return EXTRA_TYPE_NAMES[oid]
    info = pg_types.get(oid)
    if info is not None:
        return info.name if info.oid == oid else f"{info.name}[]"
    return "user" if oid >= 16384 else f"oid:{oid}"


@dataclass
class Outcome:
    """What a server answered for one case."""

    kind: str  # "error" | "tag" | "rows" | "timeout" | "broken" | "setup"
    sqlstate: str | None = None
    message: str = ""
    tag: str | None = None
    columns: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)
    setup_errors: dict[int, str] = field(default_factory=dict)
    setup_messages: dict[int, str] = field(default_factory=dict)
    seconds: float = 0.0


class Watchdog:
    """Cancels, then cuts, the watched connection once a deadline passes."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.fired = False
        self._conn: psycopg.Connection[Any] | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Watchdog:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join(timeout=5)

    def watch(self, conn: psycopg.Connection[Any] | None) -> None:
        self._conn = conn

    def _run(self) -> None:
        if self._done.wait(self.timeout):
            return
        self.fired = True
        conn = self._conn
        if conn is None:
            return
        # The cancel request needs the server's cooperation: never let it block the watchdog.
        threading.Thread(target=_send_cancel, args=(conn,), daemon=True).start()
        if self._done.wait(2.0):
            return
        conn = self._conn
        if conn is None:
            return
        try:  # cut the socket: the blocked client call then fails at once
            sock = socket.socket(fileno=os.dup(conn.fileno()))
            try:
                sock.shutdown(socket.SHUT_RDWR)
            finally:
                sock.close()
        except Exception:
            pass


def _send_cancel(conn: psycopg.Connection[Any]) -> None:
    try:
        if hasattr(conn, "cancel_safe"):
            conn.cancel_safe(timeout=2.0)
        else:
            conn.cancel()
    except Exception:
        pass


def decode(value: bytes | None) -> str | None:
    return None if value is None else value.decode("utf-8", errors="backslashreplace")


class Runner:
    def __init__(self, args: argparse.Namespace, restart: Callable[[], bool] | None = None) -> None:
        self.args = args
        self.timeout: float = args.timeout
        self.admin_db: str = args.dbname
        self.restart = restart
        self.server_down = False
        self.restarts = 0

    # -- connections -------------------------------------------------------------------------

    def connect(self, dbname: str, timeout: float | None = None) -> psycopg.Connection[Any]:
        return psycopg.connect(
            host=self.args.host,
            port=self.args.port,
            user=self.args.user,
            password=self.args.password,
            dbname=dbname,
            connect_timeout=max(1, int(timeout or self.timeout)),
            autocommit=True,
        )

    def healthy(self) -> bool:
        """Does the server still answer a trivial query within a few seconds?"""
        limit = min(5.0, self.timeout)
        conn = None
        with Watchdog(limit) as wd:
            try:
                conn = self.connect(self.admin_db, timeout=limit)
                wd.watch(conn)
                conn.execute("SELECT 1")
                return not wd.fired
            except Exception:
                return False
            finally:
                if conn is not None:
                    wd.watch(None)
                    _close(conn)

    def recover(self) -> bool:
        """After a timeout or a broken connection: make sure the server is still usable.

        Restarts it through the restart hook when it stopped answering; without a hook (or when
        the restart fails) the server is marked down and the remaining cases fail fast.
        """
        if self.healthy():
            self.server_down = False
            return True
        if self.restart is not None:
            self.restarts += 1
            print(f"note: server stopped answering; restarting it (restart #{self.restarts})", file=sys.stderr)
            try:
                if self.restart() and self.healthy():
                    self.server_down = False
                    return True
            except Exception as exc:
                print(f"note: restart failed: {exc}", file=sys.stderr)
        if not self.server_down:
            print("note: server is not answering; failing the remaining cases", file=sys.stderr)
        self.server_down = True
        return False

    def admin_exec(self, dbname: str, statements: list[str], conn_holder: dict[str, Any]) -> list[str]:
        """Run maintenance statements on a (re)usable superuser connection; return error texts."""
        errors: list[str] = []
        for stmt in statements:
            with Watchdog(self.timeout) as wd:
                try:
                    conn = conn_holder.get(dbname)
                    if conn is None or conn.closed or conn.broken:
                        conn = self.connect(dbname)
                        conn_holder[dbname] = conn
                    wd.watch(conn)
                    conn.execute(stmt)
                except Exception as exc:  # keep going whatever happens
                    errors.append(f"{stmt}: {str(exc).strip()}")
                    conn = conn_holder.get(dbname)
                    if conn is not None and (conn.broken or wd.fired):
                        _close(conn)
                        conn_holder.pop(dbname, None)
        return errors

    # -- one case -------------------------------------------------------------------------------

    def run_case(self, case: Case, dbname: str, schema: str) -> Outcome:
        start = time.monotonic()
        conn: psycopg.Connection[Any] | None = None
        out: Outcome
        with Watchdog(self.timeout) as wd:
            try:
                conn = self.connect(dbname)
                wd.watch(conn)
                for stmt in [*SESSION_DEFAULTS, f"SET search_path = {schema}"]:
                    try:
                        conn.execute(stmt)
                    except psycopg.Error:
                        if conn.broken or wd.fired:
                            raise
                setup_errors: dict[int, str] = {}
                setup_messages: dict[int, str] = {}
                for num, stmt in enumerate(case.setup, 1):
                    try:
                        conn.execute(self.subst(stmt, schema))
                    except psycopg.Error as exc:
                        if conn.broken or wd.fired or exc.sqlstate is None:
                            raise
                        setup_errors[num] = exc.sqlstate
                        setup_messages[num] = _message(exc)
                out = self.execute_checked(conn, self.subst(case.check, schema))
                if wd.fired:  # a cancelled statement is a timeout, whatever error it reported
                    raise TimeoutError
                out.setup_errors = setup_errors
                out.setup_messages = setup_messages
            except Exception as exc:
                if wd.fired:
                    out = Outcome(kind="timeout", message=f"timed out after {self.timeout:g}s")
                else:
                    out = Outcome(kind="broken", message=f"{type(exc).__name__}: {_message(exc)}")
            finally:
                if conn is not None:
                    wd.watch(None)
                    _close(conn)
        out.seconds = time.monotonic() - start
        return out

    @staticmethod
    def subst(sql: str, schema: str) -> str:
        return sql.replace("@schema@", schema)

    @staticmethod
    def execute_checked(conn: psycopg.Connection[Any], sql: str) -> Outcome:
        cur = conn.cursor()
        try:
            cur.execute(sql)
        except psycopg.Error as exc:
            if exc.sqlstate is None:
                raise
            return Outcome(kind="error", sqlstate=exc.sqlstate, message=_message(exc))
        res = cur.pgresult
        if res is None:
            return Outcome(kind="tag", tag="")
        tag = decode(res.command_status) or ""
        if res.nfields == 0:
            return Outcome(kind="tag", tag=tag)
        columns = [decode(res.fname(i)) or "" for i in range(res.nfields)]
        col_types = [type_name(res.ftype(i)) for i in range(res.nfields)]
        rows = [[decode(res.get_value(r, c)) for c in range(res.nfields)] for r in range(res.ntuples)]
        return Outcome(kind="rows", tag=tag, columns=columns, types=col_types, rows=rows)

    # -- files -----------------------------------------------------------------------------------

    def make_database(self, cf: CaseFile, db_index: int, holder: dict[str, Any]) -> str:
        dbname = f"compat_{db_index}"
        errs = self.admin_exec(
            self.admin_db, [f"DROP DATABASE IF EXISTS {dbname}", f"CREATE DATABASE {dbname}"], holder
        )
        if errs:  # fall back to the admin database; per-case schemas still isolate
            print(f"note: {cf.path.name}: cannot create a database ({errs[-1][:120]})", file=sys.stderr)
            return self.admin_db
        return dbname

    def run_file(self, cf: CaseFile, db_index: int, cases: list[Case]) -> dict[str, Outcome]:
        results: dict[str, Outcome] = {}
        if self.server_down and not self.recover():
            return {c.ident: Outcome(kind="broken", message="server unavailable") for c in cases}
        holder: dict[str, Any] = {}
        dbname = self.make_database(cf, db_index, holder)
        for case in cases:
            if self.server_down:
                results[case.ident] = Outcome(kind="broken", message="server unavailable")
                continue
            schema = f"c_{case.index}"
            self.admin_exec(dbname, [self.subst(s, schema) for s in case.cleanup], holder)
            self.admin_exec(dbname, [f"DROP SCHEMA IF EXISTS {schema} CASCADE", f"CREATE SCHEMA {schema}"], holder)
            out = self.run_case(case, dbname, schema)
            results[case.ident] = out
            if self.args.progress:
                print(f"  {case.ident}: {out.kind} ({out.seconds:.2f}s)", file=sys.stderr, flush=True)
            if out.kind in ("timeout", "broken"):
                restarts = self.restarts
                if not self.recover():
                    continue
                if self.restarts != restarts:  # a restarted server may have lost the file's database
                    for conn in holder.values():
                        _close(conn)
                    holder = {}
                    dbname = self.make_database(cf, db_index, holder)
                    continue
            self.admin_exec(dbname, [self.subst(s, schema) for s in case.cleanup], holder)
            self.admin_exec(dbname, [f"DROP SCHEMA IF EXISTS {schema} CASCADE"], holder)
        if dbname != self.admin_db and not self.server_down:
            conn = holder.pop(dbname, None)
            if conn is not None:
                _close(conn)
            if self.admin_exec(self.admin_db, [f"DROP DATABASE IF EXISTS {dbname}"], holder):
                self.admin_exec(self.admin_db, [f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)"], holder)
        for conn in holder.values():
            _close(conn)
        return results


def _message(exc: BaseException) -> str:
    if isinstance(exc, psycopg.Error) and exc.diag.message_primary:
        return exc.diag.message_primary
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _close(conn: psycopg.Connection[Any]) -> None:
    try:
        conn.close()
    except Exception:
        pass


# ---------------------------------------------------------------------------------------------
# comparing


def _short(value: object, limit: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe(out: Outcome) -> str:
    if out.kind == "error":
        return f"error {out.sqlstate} ({out.message})"
    if out.kind == "tag":
        return f"tag {out.tag!r}"
    if out.kind == "rows":
        return f"{len(out.rows)} rows {_short(out.rows, 100)}"
    return f"{out.kind}: {out.message}"


def compare(case: Case, exp: Expected, got: Outcome, check_types: bool) -> str | None:
    """None when the outcome matches the expectation, else a one-line difference."""
    if got.kind in ("timeout", "broken"):
        return f"{got.kind}: {got.message}"
    for num in sorted(set(exp.setup_errors) | set(got.setup_errors)):
        want, have = exp.setup_errors.get(num), got.setup_errors.get(num)
        if want != have:
            stmt = case.setup[num - 1].splitlines()[0][:60]
            want_s = f"error {want}" if want else "success"
            have_s = f"error {have} ({got.setup_messages.get(num, '')})" if have else "success"
            return f"setup #{num} [{stmt}]: expected {want_s}, got {have_s}"
    if exp.kind == "error":
        if got.kind == "error" and got.sqlstate == exp.sqlstate:
            return None
        return f"expected error {exp.sqlstate}, got {describe(got)}"
    if got.kind == "error":
        what = f"tag {exp.tag!r}" if exp.kind == "tag" else f"{len(exp.rows)} rows"
        return f"expected {what}, got {describe(got)}"
    if exp.kind == "tag":
        if got.kind == "tag" and got.tag == exp.tag:
            return None
        return f"expected tag {exp.tag!r}, got {describe(got)}"
    # rows
    if got.kind != "rows":
        return f"expected {len(exp.rows)} rows, got {describe(got)}"
    if got.columns != exp.columns:
        return f"columns: expected {_short(exp.columns)}, got {_short(got.columns)}"
    if check_types and got.types != exp.types:
        diffs = [f"{c}: {e} vs {g}" for c, e, g in zip(exp.columns, exp.types, got.types) if e != g]
        return f"column types (expected vs got): {'; '.join(diffs)}"
    ordered = "ordered" in case.flags or ("unordered" not in case.flags and has_top_level_order_by(case.check))
    if ordered:
        for i, (e, g) in enumerate(zip(exp.rows, got.rows)):
            if e != g:
                return f"row {i + 1}: expected {_short(e)}, got {_short(g)}"
        if len(exp.rows) != len(got.rows):
            return f"expected {len(exp.rows)} rows, got {len(got.rows)}: {_short(got.rows)}"
    else:
        want = Counter(json.dumps(r) for r in exp.rows)
        have = Counter(json.dumps(r) for r in got.rows)
        if want != have:
            missing = list((want - have).elements())
            extra = list((have - want).elements())
            parts = []
            if missing:
                parts.append(f"missing {_short([json.loads(m) for m in missing], 100)}")
            if extra:
                parts.append(f"unexpected {_short([json.loads(x) for x in extra], 100)}")
            return f"rows differ ({len(exp.rows)} expected, {len(got.rows)} got): " + "; ".join(parts)
    if got.tag != exp.tag:
        return f"expected tag {exp.tag!r}, got {got.tag!r}"
    return None


def to_expected(out: Outcome) -> Expected:
    return Expected(
        kind=out.kind,
        sqlstate=out.sqlstate,
        tag=out.tag,
        columns=out.columns,
        types=out.types,
        rows=out.rows,
        setup_errors=dict(out.setup_errors),
    )


# ---------------------------------------------------------------------------------------------
# main


def load_files(cases_dir: Path, categories: list[str] | None) -> list[CaseFile]:
    files: list[CaseFile] = []
    if not cases_dir.is_dir():
        raise SystemExit(f"error: cases directory {cases_dir} does not exist")
    known = sorted(p.name for p in cases_dir.iterdir() if p.is_dir())
    if categories:
        unknown = [c for c in categories if c not in known]
        if unknown:
            raise SystemExit(f"error: unknown categories {unknown}; known: {', '.join(known)}")
    for cat in known:
        if categories and cat not in categories:
            continue
        for path in sorted((cases_dir / cat).glob("*.sql")):
            files.append(parse_file(path, cat))
    return files


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Run the PostgreSQL compatibility suite against a server.")
    p.add_argument("--host", default=os.environ.get("PGHOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("PGPORT", "5432")))
    p.add_argument("--user", default=os.environ.get("PGUSER", "postgres"))
    p.add_argument("--password", default=os.environ.get("PGPASSWORD", ""))
    p.add_argument("--dbname", default=os.environ.get("PGDATABASE", "postgres"))
    p.add_argument("--category", action="append", help="only this category (repeatable)")
    p.add_argument("-k", dest="pattern", help="only cases whose category/name contains this text")
    p.add_argument("--record", action="store_true", help="write expectations from this server (real PG 15)")
    p.add_argument("--cases-dir", type=Path, default=HERE / "cases")
    p.add_argument("--timeout", type=float, default=10.0, help="per-case client-side timeout in seconds")
    p.add_argument("--ignore-types", action="store_true", help="don't compare result column types")
    p.add_argument("--json", type=Path, help="write per-category counts (and failures) to this file")
    p.add_argument("-v", "--verbose", action="store_true", help="list failing cases with a one-line diff")
    p.add_argument("--progress", action="store_true", help="print each case's outcome to stderr as it runs")
    p.add_argument(
        "--restart-cmd",
        help="shell command that restarts the server when it stops answering (exit 0 once it is ready)",
    )
    args = p.parse_args(argv)
    if args.timeout <= 0:
        p.error("--timeout must be positive")
    return args


def main(argv: list[str] | None = None, restart: Callable[[], bool] | None = None) -> int:
    """Run (or record) the suite; ``restart`` restarts a server that stopped answering."""
    args = parse_args(argv)
    files = load_files(args.cases_dir, args.category)
    if restart is None and args.restart_cmd:
        cmd = args.restart_cmd

        def restart() -> bool:
            return subprocess.run(cmd, shell=True, timeout=300).returncode == 0

    runner = Runner(args, restart)
    seen: dict[str, Path] = {}
    bad = 0
    for cf in files:
        for case in cf.cases:
            if case.ident in seen:
                case.problems.append(f"duplicate case name (also in {seen[case.ident].name})")
            seen[case.ident] = cf.path
            if case.problems:
                bad += 1
                print(f"warning: {cf.path}: case {case.name}: {'; '.join(case.problems)}", file=sys.stderr)

    per_cat: dict[str, dict[str, int]] = {}
    failures: list[dict[str, str]] = []
    recorded = 0
    started = time.monotonic()
    for db_index, cf in enumerate(files, 1):
        selected = [c for c in cf.cases if not args.pattern or args.pattern in c.ident]
        if not selected:
            continue
        runnable = [c for c in selected if c.statements]
        results = runner.run_file(cf, db_index, runnable)
        stats = per_cat.setdefault(cf.category, {"passed": 0, "failed": 0, "total": 0})
        changed = False
        for case in selected:
            got = results.get(case.ident)
            if args.record:
                if got is None or got.kind not in ("error", "tag", "rows"):
                    why = describe(got) if got else "; ".join(case.problems)
                    print(f"warning: not recorded {case.ident}: {why}", file=sys.stderr)
                    continue
                for num, msg in got.setup_messages.items():
                    print(f"note: {case.ident}: setup #{num} failed: {got.setup_errors[num]} {msg}", file=sys.stderr)
                case.expected = to_expected(got)
                changed = True
                recorded += 1
                continue
            stats["total"] += 1
            if case.problems or case.expected is None:
                diff = "; ".join(case.problems) or "no recorded expectation (run --record against PostgreSQL)"
            elif got is None:
                diff = "not run"
            else:
                diff = compare(case, case.expected, got, not args.ignore_types)
            if diff is None:
                stats["passed"] += 1
            else:
                stats["failed"] += 1
                failures.append(
                    {
                        "case": case.ident,
                        "file": str(cf.path.relative_to(args.cases_dir)),
                        "diff": diff,
                        "got": describe(got) if got else "",
                    }
                )
        if args.record and changed:
            write_file(cf)
    elapsed = time.monotonic() - started

    if args.record:
        print(f"recorded {recorded} cases in {elapsed:.1f}s ({bad} with problems)")
        return 0

    if runner.restarts:
        print(f"note: the server stopped answering and was restarted {runner.restarts} time(s)")
    if runner.server_down:
        print("note: the server stopped answering; cases after that point failed as 'server unavailable'")
    print(f"{'category':<14} {'passed':>7} {'failed':>7} {'total':>7}")
    for cat in sorted(per_cat):
        s = per_cat[cat]
        print(f"{cat:<14} {s['passed']:>7} {s['failed']:>7} {s['total']:>7}")
    passed = sum(s["passed"] for s in per_cat.values())
    failed = sum(s["failed"] for s in per_cat.values())
    print(f"{'TOTAL':<14} {passed:>7} {failed:>7} {passed + failed:>7}   ({elapsed:.1f}s)")
    if args.verbose and failures:
        print("\nfailures:")
        for f in failures:
            print(f"  {f['case']}: {f['diff']}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "passed": passed,
                    "failed": failed,
                    "total": passed + failed,
                    "categories": per_cat,
                    "failures": failures,
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
    print(f"{passed} passed, {failed} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
