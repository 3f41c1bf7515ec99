#!/usr/bin/env python3
"""Start pgserver from this repository, run the compat-suite against it and check the floor.

    python compat-suite/run_against_pgserver.py [run.py options, e.g. -v, --category types]

pgserver runs on a free loopback port with a temporary data directory. When it stops answering
(a case hung its event loop or crashed it) it is killed and started again, so one bad case
costs only itself. Prints the per-category table, then the floor check, and ends with the line
``N passed, M failed``. Exit status: the floor check's (0 when passed >= floor.txt), 2 when
pgserver cannot be started.

Environment: COMPAT_RESULTS keeps the JSON results at that path; COMPAT_SERVER_LOG keeps the
server's log there.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import check_floor  # noqa: E402
import run  # noqa: E402

READY = "ready to accept connections"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """One pgserver process on a fixed port; can be restarted (same data, or fresh if need be)."""

    def __init__(self, workdir: Path, port: int, password: str, log_path: Path) -> None:
        self.workdir = workdir
        self.port = port
        self.password = password
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None
        self.data_dir = workdir / "data"
        self.generation = 0
        self._log: IO[bytes] | None = None

    def start(self, timeout: float = 60.0) -> bool:
        env = dict(os.environ, POSTGRES_PASSWORD=self.password, POSTGRES_USER="postgres")
        env.pop("POSTGRES_DB", None)
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        start_offset = self.log_path.stat().st_size
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pgserver", "--data-dir", str(self.data_dir)]
            + ["--host", "127.0.0.1", "--port", str(self.port)],
            cwd=REPO,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(self.log_path, "rb") as f:
                f.seek(start_offset)
                if READY in f.read().decode("utf-8", "replace"):
                    return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self) -> bool:
        """Kill the unresponsive server; start it on the same data, else on a fresh directory."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()  # it no longer answers, so SIGTERM would not be handled
            self.proc.wait(timeout=10)
        self.stop()
        if self.start():
            return True
        self.stop()
        self.generation += 1
        self.data_dir = self.workdir / f"data{self.generation}"
        print(f"note: pgserver would not restart on its data; starting it on {self.data_dir}", file=sys.stderr)
        return self.start()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def main(argv: list[str]) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="compat-pgserver-"))
    log_path = Path(os.environ.get("COMPAT_SERVER_LOG") or workdir / "server.log")
    results = Path(os.environ.get("COMPAT_RESULTS") or workdir / "results.json")
    # A --json given on the command line names where the results go; read them from there.
    for i, arg in enumerate(argv):
        if arg == "--json" and i + 1 < len(argv):
            results = Path(argv[i + 1])
        elif arg.startswith("--json="):
            results = Path(arg.split("=", 1)[1])
    password = f"compat-{os.getpid()}-secret"
    server = Server(workdir, free_port(), password, log_path)
    try:
        if not server.start():
            print("pgserver did not start; its log:", file=sys.stderr)
            print(server.log_tail(), file=sys.stderr)
            return 2
        args = [
            *("--host", "127.0.0.1", "--port", str(server.port)),
            *("--user", "postgres", "--password", password, "--dbname", "postgres"),
            *("--json", str(results)),
            *argv,
        ]
        run.main(args, restart=server.restart)
        sys.stdout.flush()
        floor_status = check_floor.main([str(results)])
        data = run.json.loads(results.read_text(encoding="utf-8"))
        # Repeat the summary so that "N passed, M failed" stays the last line.
        print(f"{data['passed']} passed, {data['failed']} failed")
        return floor_status
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
