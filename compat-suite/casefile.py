"""Case files of the compat-suite: parsing, SQL splitting and writing expectations back.

A case file is a sequence of cases. Each case starts with a ``-- case: NAME [ordered|unordered]``
line, followed by SQL statements (all but the last are setup, the last one is checked), an
optional ``-- cleanup:`` section and an ``-- expect:`` section that ``run.py --record`` writes.
See README.md for the full description.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

CASE_RE = re.compile(r"^-- case:\s*(\S+)\s*(.*?)\s*$")
CLEANUP_RE = re.compile(r"^-- cleanup:\s*$")
EXPECT_RE = re.compile(r"^-- expect:\s*$")
EXPECT_LINE_RE = re.compile(r"^--\s*([a-z-]+):\s?(.*)$")
NAME_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
FLAGS = {"ordered", "unordered"}


@dataclass
class Expected:
    """What PostgreSQL answered for a case (as recorded)."""

    kind: str  # "error" | "tag" | "rows"
    sqlstate: str | None = None
    tag: str | None = None
    columns: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)
    setup_errors: dict[int, str] = field(default_factory=dict)


@dataclass
class Case:
    name: str
    category: str
    path: Path
    index: int  # 1-based position of the case in its file
    flags: set[str]
    statements: list[str]  # setup statements followed by the checked statement
    cleanup: list[str]
    source: list[str]  # the case's lines up to (not including) "-- expect:"
    expected: Expected | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def setup(self) -> list[str]:
        return self.statements[:-1]

    @property
    def check(self) -> str:
        return self.statements[-1] if self.statements else ""

    @property
    def ident(self) -> str:
        return f"{self.category}/{self.name}"


@dataclass
class CaseFile:
    path: Path
    category: str
    header: list[str]
    cases: list[Case]


# ---------------------------------------------------------------------------------------------
# SQL scanning


def _scan(sql: str) -> list[tuple[int, int, str]]:
    """Split SQL into lexical chunks: (start, end, kind) with kind in code/string/comment.

    Handles '...' (with '' escapes), E'...' (with backslash escapes), "...", $tag$...$tag$,
    -- line comments and nested /* */ comments. Unterminated constructs run to the end.
    """
    chunks: list[tuple[int, int, str]] = []
    i, n = 0, len(sql)
    code_start = 0

    def flush(upto: int) -> None:
        if upto > code_start:
            chunks.append((code_start, upto, "code"))

    while i < n:
        c = sql[i]
        if c == "-" and sql.startswith("--", i):
            flush(i)
            j = sql.find("\n", i)
            j = n if j < 0 else j
            chunks.append((i, j, "comment"))
            i = code_start = j
            continue
        if c == "/" and sql.startswith("/*", i):
            flush(i)
            depth, j = 1, i + 2
            while j < n and depth:
                if sql.startswith("/*", j):
                    depth += 1
                    j += 2
                elif sql.startswith("*/", j):
                    depth -= 1
                    j += 2
                else:
                    j += 1
            chunks.append((i, j, "comment"))
            i = code_start = j
            continue
        if c == "'":
            flush(i)
            escapes = i > 0 and sql[i - 1] in "eE" and (i < 2 or not (sql[i - 2].isalnum() or sql[i - 2] == "_"))
            j = i + 1
            while j < n:
                if escapes and sql[j] == "\\":
                    j += 2
                    continue
                if sql[j] == "'":
                    if j + 1 < n and sql[j + 1] == "'":
                        j += 2
                        continue
                    j += 1
                    break
                j += 1
            chunks.append((i, min(j, n), "string"))
            i = code_start = min(j, n)
            continue
        if c == '"':
            flush(i)
            j = i + 1
            while j < n:
                if sql[j] == '"':
                    if j + 1 < n and sql[j + 1] == '"':
                        j += 2
                        continue
                    j += 1
                    break
                j += 1
            chunks.append((i, min(j, n), "string"))
            i = code_start = min(j, n)
            continue
        if c == "$" and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            m = re.match(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$", sql[i:])
            if m:
                tag = m.group(0)
                flush(i)
                j = sql.find(tag, i + len(tag))
                j = n if j < 0 else j + len(tag)
                chunks.append((i, j, "string"))
                i = code_start = j
                continue
        i += 1
    flush(n)
    return chunks


def split_sql(text: str) -> list[str]:
    """Split a script into statements at top-level semicolons; drop comment-only pieces."""
    statements: list[str] = []
    start = 0
    for s, e, kind in _scan(text):
        if kind != "code":
            continue
        pos = text.find(";", s, e)
        while pos >= 0:
            statements.append(text[start:pos])
            start = pos + 1
            pos = text.find(";", start, e)
    statements.append(text[start:])
    out = []
    for stmt in statements:
        if any(k == "code" and text_slice.strip() for k, text_slice in _code_parts(stmt)):
            out.append(stmt.strip())
    return out


def _code_parts(sql: str) -> list[tuple[str, str]]:
    return [(kind, sql[s:e]) for s, e, kind in _scan(sql)]


def has_top_level_order_by(sql: str) -> bool:
    """True when the statement has ORDER BY outside any parentheses (so rows are ordered)."""
    depth = 0
    words: list[str] = []
    for s, e, kind in _scan(sql):
        if kind != "code":
            words.append("")  # strings/comments separate words
            continue
        for tok in re.findall(r"[A-Za-z_][A-Za-z0-9_$]*|[()]|\S", sql[s:e]):
            if tok == "(":
                depth += 1
                words.append("(")
            elif tok == ")":
                depth -= 1
                words.append(")")
            elif depth == 0:
                words.append(tok.upper())
            else:
                words.append("")
    return any(a == "ORDER" and b == "BY" for a, b in zip(words, words[1:]))


# ---------------------------------------------------------------------------------------------
# parsing and writing case files


def parse_file(path: Path, category: str) -> CaseFile:
    lines = path.read_text(encoding="utf-8").splitlines()
    header: list[str] = []
    blocks: list[list[str]] = []
    for line in lines:
        if CASE_RE.match(line):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
        else:
            header.append(line)
    cases = [_parse_case(block, path, category, i + 1) for i, block in enumerate(blocks)]
    return CaseFile(path=path, category=category, header=header, cases=cases)


def _parse_case(block: list[str], path: Path, category: str, index: int) -> Case:
    m = CASE_RE.match(block[0])
    assert m
    name, flag_text = m.group(1), m.group(2)
    flags = set(flag_text.split()) if flag_text else set()
    problems = []
    if not NAME_RE.match(name):
        problems.append(f"bad case name {name!r}")
    if flags - FLAGS:
        problems.append(f"unknown flags {sorted(flags - FLAGS)}")
    body: list[str] = []
    cleanup: list[str] = []
    expect: list[str] | None = None
    section = body
    source: list[str] = [block[0]]
    for line in block[1:]:
        if expect is not None:
            expect.append(line)
            continue
        if EXPECT_RE.match(line):
            expect = []
            continue
        source.append(line)
        if CLEANUP_RE.match(line):
            section = cleanup
            continue
        section.append(line)
    while len(source) > 1 and not source[-1].strip():
        source.pop()
    statements = split_sql("\n".join(body))
    if not statements:
        problems.append("no statements")
    case = Case(
        name=name,
        category=category,
        path=path,
        index=index,
        flags=flags,
        statements=statements,
        cleanup=split_sql("\n".join(cleanup)),
        source=source,
        problems=problems,
    )
    if expect is not None:
        try:
            case.expected = parse_expected(expect)
        except ValueError as exc:
            case.problems.append(f"bad expectation: {exc}")
    return case


def parse_expected(lines: list[str]) -> Expected | None:
    exp = Expected(kind="")
    for line in lines:
        if not line.strip():
            continue
        m = EXPECT_LINE_RE.match(line)
        if not m:
            raise ValueError(f"unexpected line {line!r}")
        key, value = m.group(1), m.group(2)
        if key == "error":
            exp.kind = "error"
            exp.sqlstate = value.strip()
        elif key == "setup-error":
            num, state = value.split()
            exp.setup_errors[int(num)] = state
        elif key == "tag":
            exp.tag = value
            if not exp.kind:
                exp.kind = "tag"
        elif key == "columns":
            exp.kind = "rows"
            exp.columns = json.loads(value)
        elif key == "types":
            exp.types = json.loads(value)
        elif key == "row":
            exp.rows.append(json.loads(value))
        else:
            raise ValueError(f"unknown key {key!r}")
    if not exp.kind:
        return None
    return exp


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def format_expected(exp: Expected) -> list[str]:
    out = ["-- expect:"]
    for num in sorted(exp.setup_errors):
        out.append(f"-- setup-error: {num} {exp.setup_errors[num]}")
    if exp.kind == "error":
        out.append(f"-- error: {exp.sqlstate}")
    elif exp.kind == "tag":
        out.append(f"-- tag: {exp.tag}")
    else:
        out.append(f"-- columns: {_dumps(exp.columns)}")
        out.append(f"-- types: {_dumps(exp.types)}")
        for row in exp.rows:
            out.append(f"-- row: {_dumps(row)}")
        out.append(f"-- tag: {exp.tag}")
    return out


def write_file(cf: CaseFile) -> None:
    out: list[str] = list(cf.header)
    while out and not out[-1].strip():
        out.pop()
    if out:
        out.append("")
    for case in cf.cases:
        out.extend(case.source)
        if case.expected is not None:
            out.extend(format_expected(case.expected))
        out.append("")
    cf.path.write_text("\n".join(out), encoding="utf-8")
