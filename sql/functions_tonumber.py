"""``to_number(text, format)``: PostgreSQL's NUM_processor in the reading direction (C locale).

Digits, the decimal point, signs (``S``, ``MI``, ``PL``, ``SG``, ``PR`` angle brackets) and group
separators are read as the template allows; other template characters skip one input character.
The result has the scale of the digits read, and ``V`` divides by 10^n as PostgreSQL does
(``to_number('12', '9V9')`` is ``1.2000000000000000``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from sql import sqlstate
from sql import typesys as T
from sql.errors import SqlError
from sql.functions import builtin
from sql.functions_numfmt import NumDesc, parse_num_format


def to_number(text: str, fmt: str) -> Decimal | None:
    """to_number: read digits, sign and decimal point as the format allows (NUM_numpart_from_char)."""
    if not fmt:
        return None
    nodes, num = parse_num_format(fmt)
    if "EEEE" in num.flags:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, '"EEEE" not supported for input')
    if "RN" in num.flags:
        raise SqlError(sqlstate.FEATURE_NOT_SUPPORTED, '"RN" not supported for input')
    r = _NumReader(text, num)
    r.run(nodes)
    return r.result()


class _NumReader:
    def __init__(self, text: str, num: NumDesc) -> None:
        self.s = text
        self.i = 0
        self.num = num
        self.sign = " "
        self.digits: list[str] = []
        self.read_pre = self.read_post = 0
        self.read_dec = False

    def _at_end(self) -> bool:
        return self.i >= len(self.s)

    def _ch(self, k: int = 0) -> str:
        j = self.i + k
        return self.s[j] if j < len(self.s) else ""

    def _eat_non_data(self, n: int) -> None:
        while n > 0 and not self._at_end() and self._ch() not in "0123456789.,+-":
            self.i += 1
            n -= 1

    def _numpart(self, kw: str) -> None:
        f = self.num.flags
        isread = False
        if self._at_end():
            return
        if self._ch() == " ":
            self.i += 1
        if self._at_end():
            return
        if self.sign == " " and kw in ("0", "9") and self.read_pre + self.read_post == 0:
            c = self._ch()
            if c == "-" or ("PR" in f and c == "<"):
                self.sign = "-"
                self.i += 1
            elif c == "+":
                self.sign = "+"
                self.i += 1
        if self._at_end():
            return
        c = self._ch()
        if c.isdigit() and c.isascii():
            if self.read_dec and self.read_post == self.num.post:
                return
            self.digits.append(c)
            if self.read_dec:
                self.read_post += 1
            else:
                self.read_pre += 1
            isread = True
        elif "DEC" in f and not self.read_dec and c == ".":
            self.digits.append(".")
            self.read_dec = True
            isread = True
        if self._at_end():
            return
        if self.sign == " " and self.read_pre + self.read_post > 0:
            if "LSIGN" in f and isread and self.i + 1 < len(self.s) and not self._ch(1).isdigit():
                nxt = self._ch(1)
                if nxt in "+-":
                    self.i += 1
                    self.sign = nxt
            elif not isread and "LSIGN" not in f and f & {"PL", "MI"} and self._ch() in "+-":
                self.sign = self._ch()

    def run(self, nodes: list[tuple[str, str]]) -> None:
        f = self.num.flags
        for kind, val in nodes:
            if self._at_end():
                break
            if kind == "ch":
                self.i += 1
                continue
            if val in ("9", "0", ".", "D"):
                self._numpart(val)
            elif val in (",", "G"):
                if "FM" in f and not self.read_pre and not self.read_post:
                    continue
                if self._ch() != ",":
                    continue
            elif val == "L":
                self._eat_non_data(1)
                continue
            elif val in ("TH", "th"):
                self._eat_non_data(2)
                continue
            elif val == "MI":
                if self._ch() == "-":
                    self.sign = "-"
                else:
                    self._eat_non_data(1)
                    continue
            elif val == "PL":
                if self._ch() == "+":
                    self.sign = "+"
                else:
                    self._eat_non_data(1)
                    continue
            elif val == "SG":
                if self._ch() in "+-":
                    self.sign = self._ch()
                else:
                    self._eat_non_data(1)
                    continue
            else:
                continue
            self.i += 1

    def result(self) -> Decimal:
        text = "".join(self.digits)
        if text.endswith("."):
            text = text[:-1]
        scale = self.read_post
        precision = self.num.pre + self.num.multi + scale
        if not text or text == ".":
            raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION,
                           f'invalid input syntax for type numeric: "{self.sign}{text}"')
        value = Decimal(("-" if self.sign == "-" else "") + text)
        with localcontext() as c:
            c.prec = 1000
            value = value.quantize(Decimal(1).scaleb(-scale), rounding=ROUND_HALF_UP)
            if value.adjusted() >= precision - scale and value != 0 and precision - scale >= 0:
                raise SqlError(sqlstate.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow",
                               detail=f"A field with precision {precision}, scale {scale} must round to an "
                                      f"absolute value less than {'10^' + str(precision - scale)}.")
            if self.num.multi:
                from sql.functions_math import power_n

                value = value * power_n(Decimal(10), Decimal(-self.num.multi))
        return value.copy_abs() if value.is_zero() else value


@builtin("to_number", (T.TEXT, T.TEXT), T.NUMERIC)
def to_number_fn(text: str, fmt: str) -> Decimal | None:
    return to_number(text, fmt)


