"""Numeric ``to_char(number, format)`` and ``to_number(text, format)``.

A Python rendition of PostgreSQL's ``formatting.c`` number machinery (format parsing into
nodes plus a NUMDesc, then the NUM processor), in the C locale: decimal point ``.``, group
separator ``,``, currency symbol blank, signs ``+``/``-``. Patterns: ``9 0 . , D G S MI PL SG
PR L V TH th RN rn EEEE FM B``. Float inputs keep at most 15 (float8) / 6 (float4)
significant digits like PostgreSQL, and output stops where PostgreSQL's C string would.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.functions import builtin

# keyword table in PostgreSQL's search order (per first character, longest first)
_NUM_KEYWORDS = [",", ".", "0", "9", "B", "C", "D", "EEEE", "FM", "G", "L", "MI", "PL", "PR", "RN", "SG", "SP",
                 "S", "TH", "V", "b", "c", "d", "eeee", "fm", "g", "l", "mi", "pl", "pr", "rn", "sg", "sp", "s",
                 "th", "v"]
_CANON = {"b": "B", "c": "C", "d": "D", "eeee": "EEEE", "fm": "FM", "g": "G", "l": "L", "mi": "MI", "pl": "PL",
          "pr": "PR", "sg": "SG", "sp": "SP", "s": "S", "v": "V"}  # rn and th keep their case


def _syntax(msg: str, detail: str | None = None) -> SqlError:
    return SqlError(sqlstate.SYNTAX_ERROR, msg, detail=detail)


@dataclass
class NumDesc:
    pre: int = 0
    post: int = 0
    flags: set[str] = field(default_factory=set)
    lsign: int = 0  # -1 pre, 1 post, 0 none
    pre_lsign_num: int = 0
    multi: int = 0
    zero_start: int = 0
    zero_end: int = 0


def _prepare(num: NumDesc, kw: str) -> None:
    """NUMDesc_prepare."""
    f = num.flags
    if "EEEE" in f and kw != "EEEE":
        raise _syntax('"EEEE" must be the last pattern used')
    if kw == "9":
        if "PR" in f:
            raise _syntax('"9" must be ahead of "PR"')
        if "V" in f:
            num.multi += 1
        elif "DEC" in f:
            num.post += 1
        else:
            num.pre += 1
    elif kw == "0":
        if "PR" in f:
            raise _syntax('"0" must be ahead of "PR"')
        if "ZERO" not in f and "DEC" not in f:
            f.add("ZERO")
            num.zero_start = num.pre + 1
        if "DEC" not in f:
            num.pre += 1
        else:
            num.post += 1
        num.zero_end = num.pre + num.post
    elif kw == "B":
        if num.pre == 0 and num.post == 0 and "ZERO" not in f:
            f.add("BLANK")
    elif kw in ("D", "."):
        if "DEC" in f:
            raise _syntax("multiple decimal points")
        if "V" in f:
            raise _syntax('cannot use "V" and decimal point together')
        f.add("DEC")
    elif kw == "FM":
        f.add("FM")
    elif kw == "S":
        if "LSIGN" in f:
            raise _syntax('cannot use "S" twice')
        if f & {"PL", "MI", "PR"}:
            raise _syntax('cannot use "S" and "PL"/"MI"/"SG"/"PR" together')
        if "DEC" not in f:
            num.lsign, num.pre_lsign_num = -1, num.pre
            f.add("LSIGN")
        elif num.lsign == 0:
            num.lsign = 1
            f.add("LSIGN")
    elif kw in ("MI", "PL", "SG"):
        if "LSIGN" in f:
            raise _syntax(f'cannot use "S" and "{kw}" together')
        f.update({"MI", "PL"} if kw == "SG" else {kw})
    elif kw == "PR":
        if f & {"LSIGN", "PL", "MI"}:
            raise _syntax('cannot use "PR" and "S"/"PL"/"MI"/"SG" together')
        f.add("PR")
    elif kw in ("RN", "rn"):
        if "RN" in f:
            raise _syntax('cannot use "RN" twice')
        f.add("RN")
    elif kw == "V":
        if "DEC" in f:
            raise _syntax('cannot use "V" and decimal point together')
        f.add("V")
    elif kw == "EEEE":
        if "EEEE" in f:
            raise _syntax('cannot use "EEEE" twice')
        if f & {"BLANK", "FM", "LSIGN", "PR", "MI", "PL", "RN", "V"}:
            raise _syntax('"EEEE" is incompatible with other formats',
                          '"EEEE" may only be used together with digit and decimal point patterns.')
        f.add("EEEE")


def parse_num_format(fmt: str) -> tuple[list[tuple[str, str]], NumDesc]:
    """Nodes ('kw', keyword) / ('ch', text) and the number description."""
    num = NumDesc()
    nodes: list[tuple[str, str]] = []
    i, n = 0, len(fmt)
    while i < n:
        kw = next((k for k in _NUM_KEYWORDS if fmt.startswith(k, i)), None)
        if kw is not None:
            canon = _CANON.get(kw, kw)
            nodes.append(("kw", canon))
            _prepare(num, canon)
            i += len(kw)
            continue
        c = fmt[i]
        if c == '"':
            i += 1
            while i < n and fmt[i] != '"':
                if fmt[i] == "\\" and i + 1 < n:
                    i += 1
                nodes.append(("ch", fmt[i]))
                i += 1
            i += 1
            continue
        if c == "\\" and i + 1 < n and fmt[i + 1] == '"':
            i += 1
            c = '"'
        nodes.append(("ch", c))
        i += 1
    return nodes, num


def _get_th(num: str, upper: bool) -> str:
    last = num[-1:] if num else ""
    if not last.isdigit():
        raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'"{num}" is not a number')
    if len(num) > 1 and num[-2] == "1":
        last = "0"
    suffix = {"1": "st", "2": "nd", "3": "rd"}.get(last, "th")
    return suffix.upper() if upper else suffix


_RM1 = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
_RM10 = ["X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"]
_RM100 = ["C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"]


def int_to_roman(number: int) -> str:
    if number > 3999 or number < 1:
        return "#" * 15
    s = str(number)
    out = []
    for pos, ch in enumerate(s):
        d = int(ch) - 1
        if d < 0:
            continue
        col = len(s) - pos
        out.append("M" * (d + 1) if col == 4 else (_RM100, _RM10, _RM1)[3 - col][d])
    return "".join(out)


class _Proc:
    """NUM_processor (to_char direction) state."""

    def __init__(self, num: NumDesc, number: str, out_pre_spaces: int, sign: str) -> None:
        self.num = num
        self.f = set(num.flags)
        self.number = number
        self.sign = sign
        self.out: list[str] = []
        self.zero_start = num.zero_start - 1 if num.zero_start else 0
        self.lsign = num.lsign
        if self.f & {"PL", "MI"}:
            self.sign_wrote = not ("PL" in self.f and "MI" not in self.f)
        else:
            if sign != "-" and "FM" in self.f:
                self.f.discard("PR")
            self.sign_wrote = sign == "+" and "FM" in self.f and "LSIGN" not in self.f
            if self.lsign == -1 and num.pre == num.pre_lsign_num:
                self.lsign = 1
        self.num_count = num.post + num.pre - 1
        self.out_pre_spaces = out_pre_spaces
        self.last_relevant: int | None = None
        if "FM" in self.f and "DEC" in self.f:
            p = number.find(".")
            if p >= 0:
                lr = p
                for j in range(p + 1, len(number)):
                    if number[j] != "0":
                        lr = j
                if num.zero_end > out_pre_spaces:
                    last_zero = min(len(number) - 1, num.zero_end - out_pre_spaces)
                    lr = max(lr, last_zero)
                self.last_relevant = lr
        if not self.sign_wrote and out_pre_spaces == 0:
            self.num_count += 1
        self.num_in = False
        self.num_curr = 0
        self.p = 0

    def _cur(self) -> str:
        return self.number[self.p] if self.p < len(self.number) else "\0"

    def _lr_is_dot(self) -> bool:
        return self.last_relevant is not None and self.number[self.last_relevant] == "."

    def _predec_space(self) -> bool:
        return ("ZERO" not in self.f and self.p == 0 and self.number[:1] == "0" and self.num.post != 0)

    def _sign_char(self) -> str:
        return "-" if self.sign == "-" else "+"

    def numpart(self, kw: str) -> None:
        f = self.f
        if "RN" in f:
            return
        self.num_in = False
        if (not self.sign_wrote
                and (self.num_curr >= self.out_pre_spaces or ("ZERO" in f and self.zero_start == self.num_curr))
                and (not self._predec_space() or self._lr_is_dot())):
            if "LSIGN" in f:
                if self.lsign == -1:
                    self.out.append(self._sign_char())
                    self.sign_wrote = True
            elif "PR" in f:
                self.out.append(" " if self.sign == "+" else "<")
                self.sign_wrote = True
            elif self.sign == "+":
                if "FM" not in f:
                    self.out.append(" ")
                self.sign_wrote = True
            elif self.sign == "-":
                self.out.append("-")
                self.sign_wrote = True
        if self.num_curr < self.out_pre_spaces and (self.zero_start > self.num_curr or "ZERO" not in f):
            if "FM" not in f:
                self.out.append(" ")
        elif "ZERO" in f and self.num_curr < self.out_pre_spaces and self.zero_start <= self.num_curr:
            self.out.append("0")
            self.num_in = True
        else:
            cur = self._cur()
            if cur == ".":
                if not self._lr_is_dot() or "FM" in f:
                    self.out.append(".")
            elif self.last_relevant is not None and self.p > self.last_relevant and kw != "0":
                pass
            elif self._predec_space():
                if "FM" not in f:
                    self.out.append(" ")
                elif self._lr_is_dot():
                    self.out.append("0")
            else:
                self.out.append(cur)
                self.num_in = True
            if self.p < len(self.number):
                self.p += 1
        end = self.num_count + (1 if self.out_pre_spaces else 0) + (1 if "DEC" in f else 0)
        if self.last_relevant is not None and self.last_relevant == self.p:
            end = self.num_curr
        if self.num_curr + 1 == end:
            if self.sign_wrote and "PR" in f:
                self.out.append(" " if self.sign == "+" else ">")
            elif "LSIGN" in f and self.lsign == 1:
                self.out.append(self._sign_char())
        self.num_curr += 1

    def run(self, nodes: list[tuple[str, str]]) -> str:
        f = self.f
        for kind, val in nodes:
            if kind == "ch":
                self.out.append(val)
                continue
            if val in ("9", "0", ".", "D"):
                self.numpart(val)
            elif val in (",", "G"):
                if self.num_in:
                    self.out.append(",")
                elif "FM" not in f:
                    self.out.append(" ")
            elif val == "L":
                self.out.append(" ")
            elif val in ("RN", "rn"):
                rn = self.number[self.p:]
                rn = rn.lower() if val == "rn" else rn
                self.out.append(rn if "FM" in f else rn.rjust(15))
            elif val in ("TH", "th"):
                if "RN" in f or self.number[:1] == "#" or self.sign == "-" or "DEC" in f:
                    continue
                self.out.append(_get_th(self.number, val == "TH"))
            elif val == "MI":
                if self.sign == "-":
                    self.out.append("-")
                elif "FM" not in f:
                    self.out.append(" ")
            elif val == "PL":
                if self.sign == "+":
                    self.out.append("+")
                elif "FM" not in f:
                    self.out.append(" ")
            elif val == "SG":
                self.out.append(self.sign)
        return "".join(self.out).split("\0", 1)[0]


def _overflow(num: NumDesc) -> str:
    return "#" * num.pre + "." + "#" * num.post


def _finish(num: NumDesc, nodes: list[tuple[str, str]], digits: str, sign: str) -> str:
    p = digits.find(".")
    pre_len = p if p >= 0 else len(digits)
    spaces = 0
    if pre_len < num.pre:
        spaces = num.pre - pre_len
    elif pre_len > num.pre:
        digits = _overflow(num)
    return _Proc(num, digits, spaces, sign).run(nodes)


def _sci(value: Decimal, post: int) -> str:
    """numeric_out_sci: d.ddde+XX with round half away from zero."""
    if value.is_zero():
        exp = 0
    else:
        exp = value.adjusted()
    with localcontext() as c:
        c.prec = max(post + 50, 100)
        mant = value.scaleb(-exp).quantize(Decimal(1).scaleb(-post), rounding=ROUND_HALF_UP)
    return f"{mant}e{'-' if exp < 0 else '+'}{abs(exp):02d}"


def _eeee_special(num: NumDesc) -> str:
    s = list("#" * (num.pre + num.post + 6))
    s[0] = " "
    s[num.pre + 1] = "."
    return "".join(s)


def numeric_to_char(value: Decimal, fmt: str) -> str:
    if not fmt:
        return ""
    nodes, num = parse_num_format(fmt)
    if "RN" in num.flags:
        if value.is_nan() or value.is_infinite():
            raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range")
        iv = int(value.to_integral_value(rounding=ROUND_HALF_UP))
        if not -(2**31) <= iv < 2**31:
            raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range")
        return _Proc(num, int_to_roman(iv), 0, "+").run(nodes)
    if "EEEE" in num.flags:
        if not value.is_finite():
            return _eeee_special(num)
        s = _sci(value, num.post)
        return s if s.startswith("-") else " " + s
    if num.multi:
        with localcontext() as c:
            c.prec = 1000
            value = value * (Decimal(10) ** num.multi)
        num.pre += num.multi
    from sql.functions_math import round_numeric

    text = _numeric_text(round_numeric(value, num.post))
    sign = "-" if text.startswith("-") else "+"
    return _finish(num, nodes, text.lstrip("-"), sign)


def _numeric_text(d: Decimal) -> str:
    from sql.datatypes.numeric import numeric_out

    return numeric_out(d)


def int_to_char(value: int, fmt: str) -> str:
    if not fmt:
        return ""
    nodes, num = parse_num_format(fmt)
    if "RN" in num.flags:
        return _Proc(num, int_to_roman(value), 0, "+").run(nodes)
    if "EEEE" in num.flags:
        s = format(float(value), f"+.{num.post}e")
        return " " + s[1:] if s.startswith("+") else s
    if num.multi:
        value *= 10 ** num.multi
        num.pre += num.multi
    sign = "-" if value < 0 else "+"
    digits = str(abs(value))
    if num.post:
        digits += "." + "0" * num.post
    return _finish(num, nodes, digits, sign)


def float_to_char(value: float, fmt: str, dig: int = 15) -> str:
    if not fmt:
        return ""
    nodes, num = parse_num_format(fmt)
    if "RN" in num.flags:
        r = round(value) if math.isfinite(value) else None
        iv = r if r is not None and -(2**31) <= r < 2**31 else 2**31 - 1
        return _Proc(num, int_to_roman(iv), 0, "+").run(nodes)
    if "EEEE" in num.flags:
        if not math.isfinite(value):
            return _eeee_special(num)
        s = format(value, f"+.{num.post}e")
        return " " + s[1:] if s.startswith("+") else s
    if num.multi:
        value = value * 10.0 ** num.multi
        num.pre += num.multi
    if not math.isfinite(value):
        text = "NaN" if math.isnan(value) else ("-Infinity" if value < 0 else "Infinity")
    else:
        pre_len = len(format(abs(value), ".0f"))
        if pre_len >= dig:
            num.post = 0
        elif pre_len + num.post > dig:
            num.post = dig - pre_len
        text = format(value, f".{num.post}f")
    sign = "-" if text.startswith("-") else "+"
    return _finish(num, nodes, text.lstrip("-"), sign)


@builtin("to_char", (T.NUMERIC, T.TEXT), T.TEXT)
def to_char_numeric(value: Decimal, fmt: str) -> str:
    return numeric_to_char(value, fmt)


@builtin("to_char", (T.INT4, T.TEXT), T.TEXT)
def to_char_int4(value: int, fmt: str) -> str:
    return int_to_char(value, fmt)


@builtin("to_char", (T.INT8, T.TEXT), T.TEXT)
def to_char_int8(value: int, fmt: str) -> str:
    return int_to_char(value, fmt)


@builtin("to_char", (T.FLOAT8, T.TEXT), T.TEXT)
def to_char_float8(value: float, fmt: str) -> str:
    return float_to_char(value, fmt, 15)


@builtin("to_char", (T.FLOAT4, T.TEXT), T.TEXT)
def to_char_float4(value: float, fmt: str) -> str:
    return float_to_char(value, fmt, 6)


__all__ = ["NumDesc", "float_to_char", "int_to_char", "numeric_to_char", "parse_num_format"]
