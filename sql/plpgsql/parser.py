"""PL/pgSQL function bodies to :mod:`sql.plpgsql.ast` trees (parsed once per body text)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sql import sqlstate
from sql.errors import SqlError
from sql.lexer import Token, tokenize
from sql.plpgsql import ast as A

_END_WORDS = {"END", "ELSE", "ELSIF", "ELSEIF", "WHEN", "EXCEPTION"}


def _err(msg: str) -> SqlError:
    return SqlError(sqlstate.SYNTAX_ERROR, msg)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokenize(text)
        self.i = 0

    # token helpers --------------------------------------------------------------------------
    def peek(self, k: int = 0) -> Token | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def word(self, k: int = 0) -> str:
        t = self.peek(k)
        return t.value.upper() if t is not None and t.kind == "word" else ""

    def is_op(self, value: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t.kind == "op" and t.value == value

    def accept(self, *words: str) -> bool:
        if self.word() in words:
            self.i += 1
            return True
        return False

    def expect(self, w: str) -> None:
        if not self.accept(w):
            t = self.peek()
            raise _err(f'syntax error at or near "{t.value if t else ""}"' if t else "syntax error at end of input")

    def expect_op(self, v: str) -> None:
        if not self.is_op(v):
            t = self.peek()
            raise _err(f'syntax error at or near "{t.value if t else ""}"')
        self.i += 1

    def pos(self, j: int) -> int:
        return self.toks[j].pos if j < len(self.toks) else len(self.text)

    def name(self) -> str:
        t = self.peek()
        if t is None or t.kind not in ("word", "ident"):
            raise _err(f'syntax error at or near "{t.value if t else ""}"')
        self.i += 1
        return t.value if t.kind == "ident" else t.value.lower()

    def until(self, stop_words: set[str], stop_ops: set[str] = frozenset({";"})) -> str:  # type: ignore[assignment]
        """Text from here to the first stop word/op at parenthesis depth 0 (not consumed)."""
        start = self.i
        depth = 0
        case_depth = 0
        while self.i < len(self.toks):
            t = self.toks[self.i]
            if t.kind == "op" and t.value in "([":
                depth += 1
            elif t.kind == "op" and t.value in ")]":
                depth -= 1
            elif depth == 0:
                w = t.value.upper() if t.kind == "word" else ""
                if w == "CASE":
                    case_depth += 1
                elif w == "END" and case_depth:
                    case_depth -= 1
                    self.i += 1
                    continue
                if case_depth == 0 and (w in stop_words or (t.kind == "op" and t.value in stop_ops)):
                    break
            self.i += 1
        if self.i >= len(self.toks):
            raise _err("syntax error at end of input")
        return self.text[self.pos(start):self.pos(self.i)].strip()

    def expr_until(self, *stop: str, ops: tuple[str, ...] = (";",)) -> A.SqlFrag:
        text = self.until(set(stop), set(ops))
        if not text:
            raise _err("syntax error: missing expression")
        return A.SqlFrag(text, True)

    # structure -------------------------------------------------------------------------------
    def function_body(self) -> A.Block:
        label = self.label()
        block = self.block(label)
        if self.is_op(";"):
            self.i += 1
        if self.i < len(self.toks):
            raise _err(f'syntax error at or near "{self.toks[self.i].value}"')
        return block

    def label(self) -> str | None:
        if self.is_op("<") and self.is_op("<", 1):
            self.i += 2
            name = self.name()
            self.expect_op(">")
            self.expect_op(">")
            return name
        return None

    def block(self, label: str | None) -> A.Block:
        decls: list[A.Decl] = []
        if self.accept("DECLARE"):
            while self.word() != "BEGIN":
                if self.accept("DECLARE"):
                    continue
                decls.append(self.decl())
        self.expect("BEGIN")
        body = self.statements()
        handlers = None
        if self.accept("EXCEPTION"):
            handlers = []
            while self.accept("WHEN"):
                conds = [self.condition()]
                while self.accept("OR"):
                    conds.append(self.condition())
                self.expect("THEN")
                handlers.append(A.Handler(conds, self.statements()))
        self.expect("END")
        if self.word() not in ("",) and not self.is_op(";"):
            self.name()  # the block label repeated
        return A.Block(label, decls, body, handlers)

    def condition(self) -> str:
        if self.accept("SQLSTATE"):
            t = self.peek()
            assert t is not None
            self.i += 1
            return "SQLSTATE " + t.value
        return self.name()

    def decl(self) -> A.Decl:
        name = self.name()
        if self.accept("ALIAS"):
            self.expect("FOR")
            t = self.peek()
            assert t is not None
            self.i += 1
            target = t.value if t.kind != "param" else t.value
            self.expect_op(";")
            return A.Decl(name, "", alias_of=target)
        constant = self.accept("CONSTANT")
        type_text = self.until({"NOT", "DEFAULT", "COLLATE"}, {";", ":", "="})
        not_null = False
        if self.accept("COLLATE"):
            self.name()
        if self.accept("NOT"):
            self.expect("NULL")
            not_null = True
        default = None
        if self.accept("DEFAULT") or (self.is_op(":") and self.is_op("=", 1)) or self.is_op("="):
            if self.is_op(":"):
                self.i += 2
            elif self.is_op("="):
                self.i += 1
            default = self.expr_until()
        self.expect_op(";")
        return A.Decl(name, type_text, default, constant, not_null)

    def statements(self) -> list[Any]:
        out: list[Any] = []
        while self.i < len(self.toks) and self.word() not in _END_WORDS:
            out.append(self.statement())
        return out

    def statement(self) -> Any:  # noqa: C901 - one branch per statement kind
        label = self.label()
        w = self.word()
        if w in ("DECLARE", "BEGIN"):
            b = self.block(label)
            self.expect_op(";")
            return b
        if w == "IF":
            return self.if_stmt()
        if w == "CASE":
            return self.case_stmt()
        if w == "LOOP":
            self.i += 1
            return self.loop_rest(A.Loop(label, []))
        if w == "WHILE":
            self.i += 1
            cond = self.expr_until("LOOP")
            self.expect("LOOP")
            return self.loop_rest(A.Loop(label, [], cond))
        if w == "FOR":
            return self.for_stmt(label)
        if w == "FOREACH":
            self.i += 1
            var = self.name()
            self.expect("IN")
            self.expect("ARRAY")
            arr = self.expr_until("LOOP")
            self.expect("LOOP")
            return self.loop_rest(A.Foreach(label, var, arr, []))
        if w in ("EXIT", "CONTINUE"):
            self.i += 1
            lab = None
            if self.word() not in ("WHEN", "") or (self.peek() is not None and self.peek().kind == "ident"):
                lab = self.name()
            cond = None
            if self.accept("WHEN"):
                cond = self.expr_until()
            self.expect_op(";")
            return A.Exit(w == "CONTINUE", lab, cond)
        if w == "RETURN":
            self.i += 1
            if self.accept("NEXT"):
                e = None if self.is_op(";") else self.expr_until()
                self.expect_op(";")
                return A.ReturnNext(e)
            if self.accept("QUERY"):
                if self.accept("EXECUTE"):
                    text = self.expr_until("USING")
                    using = self.using()
                    self.expect_op(";")
                    return A.ReturnQuery(None, text, using)
                q = A.SqlFrag(self.until(set()), False)
                self.expect_op(";")
                return A.ReturnQuery(q, None, [])
            e = None if self.is_op(";") else self.expr_until()
            self.expect_op(";")
            return A.Return(e)
        if w == "PERFORM":
            self.i += 1
            q = A.SqlFrag("SELECT " + self.until(set()), False)
            self.expect_op(";")
            return A.Perform(q)
        if w == "RAISE":
            return self.raise_stmt()
        if w == "EXECUTE":
            self.i += 1
            text = self.expr_until("INTO", "USING")
            into, strict, using = None, False, []
            for _ in range(2):
                if self.accept("INTO"):
                    strict = self.accept("STRICT")
                    into = self.targets()
                if self.word() == "USING":
                    using = self.using()
            self.expect_op(";")
            return A.Execute(text, into, strict, using)
        if w == "GET":
            self.i += 1
            stacked = self.accept("STACKED")
            self.accept("CURRENT")
            self.expect("DIAGNOSTICS")
            items = []
            while True:
                var = self.name()
                if self.is_op(":"):
                    self.i += 1
                self.expect_op("=")
                items.append((var, self.name().upper()))
                if not self.is_op(","):
                    break
                self.i += 1
            self.expect_op(";")
            return A.GetDiag(stacked, items)
        if w == "ASSERT":
            self.i += 1
            cond = self.expr_until(ops=(";", ","))
            message = None
            if self.is_op(","):
                self.i += 1
                message = self.expr_until()
            self.expect_op(";")
            return A.Assert(cond, message)
        if w == "NULL" and self.is_op(";", 1):
            self.i += 2
            return A.Null()
        # assignment?
        t = self.peek()
        if t is not None and t.kind in ("word", "ident"):
            j = 1
            field = None
            if self.is_op(".", 1):
                f = self.peek(2)
                field = f.value if f is not None and f.kind == "ident" else (f.value.lower() if f else None)
                j = 3
            if (self.is_op(":", j) and self.is_op("=", j + 1)) or (self.is_op("=", j) and w not in (
                    "SELECT", "INSERT", "UPDATE", "DELETE", "WITH")):
                var = self.name()
                self.i = self.i - 1 + j
                self.i += 2 if self.is_op(":") else 1
                e = self.expr_until()
                self.expect_op(";")
                return A.Assign((var, field), e)
        return self.sql_stmt()

    def using(self) -> list[A.SqlFrag]:
        out: list[A.SqlFrag] = []
        if self.accept("USING"):
            out.append(self.expr_until("INTO", "LOOP", ops=(";", ",")))
            while self.is_op(","):
                self.i += 1
                out.append(self.expr_until("INTO", "LOOP", ops=(";", ",")))
        return out

    def targets(self) -> list[str]:
        out = [self.target()]
        while self.is_op(","):
            self.i += 1
            out.append(self.target())
        return out

    def target(self) -> str:
        n = self.name()
        if self.is_op("."):
            self.i += 1
            n += "." + self.name()
        return n

    def loop_rest(self, node: Any) -> Any:
        node.body = self.statements()
        self.expect("END")
        self.expect("LOOP")
        if not self.is_op(";"):
            self.name()
        self.expect_op(";")
        return node

    def if_stmt(self) -> A.If:
        self.expect("IF")
        branches = []
        cond = self.expr_until("THEN")
        self.expect("THEN")
        branches.append((cond, self.statements()))
        else_body = None
        while True:
            if self.accept("ELSIF", "ELSEIF"):
                cond = self.expr_until("THEN")
                self.expect("THEN")
                branches.append((cond, self.statements()))
                continue
            if self.accept("ELSE"):
                else_body = self.statements()
            break
        self.expect("END")
        self.expect("IF")
        self.expect_op(";")
        return A.If(branches, else_body)

    def case_stmt(self) -> A.Case:
        self.expect("CASE")
        subject = None if self.word() == "WHEN" else self.expr_until("WHEN")
        whens = []
        while self.accept("WHEN"):
            vals = [self.expr_until("THEN", ops=(",",))]
            while self.is_op(","):
                self.i += 1
                vals.append(self.expr_until("THEN", ops=(",",)))
            self.expect("THEN")
            whens.append((vals, self.statements()))
        else_body = self.statements() if self.accept("ELSE") else None
        self.expect("END")
        self.expect("CASE")
        self.expect_op(";")
        return A.Case(subject, whens, else_body)

    def for_stmt(self, label: str | None) -> Any:
        self.expect("FOR")
        targets = self.targets()
        self.expect("IN")
        if self.accept("EXECUTE"):
            text = self.expr_until("LOOP", "USING")
            using = self.using()
            self.expect("LOOP")
            return self.loop_rest(A.ForQuery(label, targets, None, text, using, []))
        reverse = self.accept("REVERSE")
        body = self.until({"LOOP"}, set())
        dots = _find_dots(body)
        if dots < 0:
            self.expect("LOOP")
            return self.loop_rest(A.ForQuery(label, targets, A.SqlFrag(body, False), None, [], []))
        lo = body[:dots].strip()
        rest = body[dots + 2:]
        step = None
        by = _find_word(rest, "BY")
        if by >= 0:
            step = A.SqlFrag(rest[by + 2:].strip(), True)
            rest = rest[:by]
        self.expect("LOOP")
        return self.loop_rest(A.ForInt(label, targets[0], reverse, A.SqlFrag(lo, True),
                                       A.SqlFrag(rest.strip(), True), step, []))

    def raise_stmt(self) -> A.Raise:
        start = self.peek()
        line = self.text.count("\n", 0, start.pos) + 1 if start is not None else 0
        self.expect("RAISE")
        level = "EXCEPTION"
        if self.word() in ("DEBUG", "LOG", "INFO", "NOTICE", "WARNING", "EXCEPTION"):
            level = self.word()
            self.i += 1
        condition = fmt = None
        args: list[A.SqlFrag] = []
        t = self.peek()
        if t is not None and t.kind == "string":
            fmt = t.value
            self.i += 1
            while self.is_op(","):
                self.i += 1
                args.append(self.expr_until("USING", ops=(";", ",")))
        elif self.accept("SQLSTATE"):
            t = self.peek()
            assert t is not None
            condition = "SQLSTATE " + t.value
            self.i += 1
        elif t is not None and t.kind == "word" and t.value.upper() != "USING":
            condition = self.name()
        options = []
        if self.accept("USING"):
            while True:
                opt = self.name().upper()
                self.expect_op("=")
                options.append((opt, self.expr_until(ops=(";", ","))))
                if not self.is_op(","):
                    break
                self.i += 1
        self.expect_op(";")
        return A.Raise(level, condition, fmt, args, options, line)

    def sql_stmt(self) -> A.Sql:
        start = self.i
        into: list[str] | None = None
        strict = False
        depth = 0
        cut: tuple[int, int] | None = None
        first = self.word()
        returning = False
        while self.i < len(self.toks) and not (self.is_op(";") and depth == 0):
            t = self.toks[self.i]
            if t.kind == "op" and t.value in "([":
                depth += 1
            elif t.kind == "op" and t.value in ")]":
                depth -= 1
            elif depth == 0 and t.kind == "word" and t.value.upper() == "RETURNING":
                returning = True
            elif depth == 0 and t.kind == "word" and t.value.upper() == "INTO" and into is None and (
                    first not in ("INSERT", "MERGE") or returning):
                a = self.i
                self.i += 1
                strict = self.accept("STRICT")
                into = self.targets()
                cut = (a, self.i)
                continue
            self.i += 1
        if self.i >= len(self.toks):
            raise _err("syntax error at end of input")
        if cut is not None:
            text = self.text[self.pos(start):self.pos(cut[0])] + " " + self.text[self.pos(cut[1]):self.pos(self.i)]
        else:
            text = self.text[self.pos(start):self.pos(self.i)]
        self.i += 1
        return A.Sql(A.SqlFrag(text.strip(), False), into, strict)


def _find_dots(text: str) -> int:
    """Position of a '..' outside quotes and parentheses, or -1."""
    depth = 0
    quote = ""
    for k, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "." and depth == 0 and text.startswith("..", k):
            return k
    return -1


def _find_word(text: str, word: str) -> int:
    for t in tokenize(text):
        if t.kind == "word" and t.value.upper() == word:
            return t.pos
    return -1


@lru_cache(maxsize=256)
def parse_body(text: str) -> A.Block:
    return _Parser(text).function_body()
