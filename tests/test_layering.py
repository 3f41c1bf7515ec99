"""The dependency rule: pgserver -> sql -> storage; auth consulted by pgserver and sql.

Walks every module's imports with ast and fails on a forbidden one."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# package -> packages it must never import
FORBIDDEN = {
    "storage": {"sql", "pgserver", "auth", "sqlglot", "asyncio", "socket"},
    "sql": {"pgserver", "asyncio", "socket", "lmdb"},
    "auth": {"pgserver", "sqlglot", "asyncio", "socket", "lmdb"},
    "pgserver": {"storage", "lmdb", "sqlglot"},
}
# leaf modules any layer may use
ALLOWED_EVERYWHERE = {"sql.errors", "sql.sqlstate"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.extend(f"{node.module}.{a.name}" for a in node.names)
    return out


def test_layers_import_only_downward() -> None:
    problems = []
    for package, forbidden in FORBIDDEN.items():
        for path in (ROOT / package).rglob("*.py"):
            for name in _imports(path):
                if name in ALLOWED_EVERYWHERE or any(name.startswith(a + ".") for a in ALLOWED_EVERYWHERE):
                    continue
                if name.split(".")[0] in forbidden:
                    problems.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not problems, "\n".join(problems)


def test_only_server_module_touches_sockets() -> None:
    for path in (ROOT / "pgserver").rglob("*.py"):
        if path.name in ("server.py", "__main__.py"):
            continue
        names = _imports(path)
        assert not any(n.split(".")[0] in ("socket", "ssl") for n in names), path
