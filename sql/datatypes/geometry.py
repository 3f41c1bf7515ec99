"""Geometric types point, lseg, box and circle: text I/O and storage (PostgreSQL 15 formats).

Datums are small frozen dataclasses of floats. Input accepts the usual spellings with or
without the enclosing delimiters (``(1,2)`` / ``1,2``; ``((0,0),(1,1))`` / ``(0,0),(1,1)``;
``<(0,0),2>`` / ``((0,0),2)`` / ``0,0,2``); a box is normalised so that its first corner is
the upper right one. Coordinates print like float8 (``1``, ``1.5``, ``1e+20``). Stored as
tuples of floats.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sql import sqlstate
from sql.errors import SqlError

from . import extra_io
from . import registry as r
from .numbers import float8_out


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Lseg:
    p1: Point
    p2: Point


@dataclass(frozen=True)
class Box:
    high: Point
    low: Point


@dataclass(frozen=True)
class Circle:
    center: Point
    radius: float


def make_box(a: Point, b: Point) -> Box:
    return Box(Point(max(a.x, b.x), max(a.y, b.y)), Point(min(a.x, b.x), min(a.y, b.y)))


_NUM = r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf(?:inity)?|nan))\s*"


def _numbers(text: str, type_name: str, count: int, shapes: list[str]) -> list[float]:
    """Match ``text`` against the allowed shapes (``N`` stands for a number)."""
    for shape in shapes:
        pattern = "^\\s*" + re.escape(shape).replace("N", _NUM).replace(",", "\\s*,\\s*") + "\\s*$"
        m = re.match(pattern, text, re.I)
        if m:
            return [float(g) for g in m.groups()]
    raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'invalid input syntax for type {type_name}: "{text}"')


def point_in(text: str) -> Point:
    x, y = _numbers(text, "point", 2, ["(N,N)", "N,N"])
    return Point(x, y)


def _two_points(text: str, type_name: str, brackets: bool) -> tuple[Point, Point]:
    shapes = ["((N,N),(N,N))", "(N,N),(N,N)", "N,N,N,N"]
    if brackets:
        shapes.insert(0, "[(N,N),(N,N)]")
    a, b, c, d = _numbers(text, type_name, 4, shapes)
    return Point(a, b), Point(c, d)


def lseg_in(text: str) -> Lseg:
    return Lseg(*_two_points(text, "lseg", True))


def box_in(text: str) -> Box:
    return make_box(*_two_points(text, "box", False))


def circle_in(text: str) -> Circle:
    x, y, rad = _numbers(text, "circle", 3, ["<(N,N),N>", "((N,N),N)", "(N,N),N", "N,N,N"])
    if rad < 0 or math.isnan(rad):
        raise SqlError(sqlstate.INVALID_TEXT_REPRESENTATION, f'invalid input syntax for type circle: "{text}"')
    return Circle(Point(x, y), rad)


def point_out(p: Point) -> str:
    return f"({float8_out(p.x)},{float8_out(p.y)})"


def lseg_out(v: Lseg) -> str:
    return f"[{point_out(v.p1)},{point_out(v.p2)}]"


def box_out(v: Box) -> str:
    return f"{point_out(v.high)},{point_out(v.low)}"


def circle_out(v: Circle) -> str:
    return f"<{point_out(v.center)},{float8_out(v.radius)}>"


def _register() -> None:
    table = [
        (r.POINT, point_in, point_out, lambda v: (v.x, v.y), lambda t: Point(*t)),
        (r.LSEG, lseg_in, lseg_out, lambda v: (v.p1.x, v.p1.y, v.p2.x, v.p2.y),
         lambda t: Lseg(Point(t[0], t[1]), Point(t[2], t[3]))),
        (r.BOX, box_in, box_out, lambda v: (v.high.x, v.high.y, v.low.x, v.low.y),
         lambda t: Box(Point(t[0], t[1]), Point(t[2], t[3]))),
        (r.CIRCLE, circle_in, circle_out, lambda v: (v.center.x, v.center.y, v.radius),
         lambda t: Circle(Point(t[0], t[1]), t[2])),
    ]
    for oid, fin, fout, to_st, from_st in table:
        extra_io.INPUTS[oid] = lambda typmod, tz, f=fin: f
        extra_io.OUTPUTS[oid] = lambda tz, ds, f=fout: f
        extra_io.TO_STORAGE[oid] = to_st
        extra_io.FROM_STORAGE[oid] = from_st


_register()
