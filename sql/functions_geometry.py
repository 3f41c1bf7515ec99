"""Geometric constructors and measures: point, lseg, box, circle, area, center, width,
height, radius, diameter (see :mod:`sql.datatypes.geometry`)."""

from __future__ import annotations

import math

from sql import typesys as T
from sql.datatypes import registry as reg
from sql.datatypes.geometry import Box, Circle, Lseg, Point, make_box
from sql.functions import builtin

POINT, LSEG, BOX, CIRCLE = reg.POINT, reg.LSEG, reg.BOX, reg.CIRCLE

builtin("point", (T.FLOAT8, T.FLOAT8), POINT)(Point)
builtin("point", (BOX,), POINT)(lambda b: _center(b))
builtin("point", (CIRCLE,), POINT)(lambda c: c.center)
builtin("lseg", (POINT, POINT), LSEG)(Lseg)
builtin("box", (POINT, POINT), BOX)(make_box)
builtin("box", (POINT,), BOX)(lambda p: Box(p, p))
builtin("circle", (POINT, T.FLOAT8), CIRCLE)(Circle)
builtin("area", (BOX,), T.FLOAT8)(lambda b: (b.high.x - b.low.x) * (b.high.y - b.low.y))
builtin("area", (CIRCLE,), T.FLOAT8)(lambda c: math.pi * c.radius * c.radius)
builtin("center", (BOX,), POINT)(lambda b: _center(b))
builtin("center", (CIRCLE,), POINT)(lambda c: c.center)
builtin("width", (BOX,), T.FLOAT8)(lambda b: b.high.x - b.low.x)
builtin("height", (BOX,), T.FLOAT8)(lambda b: b.high.y - b.low.y)
builtin("radius", (CIRCLE,), T.FLOAT8)(lambda c: c.radius)
builtin("diameter", (CIRCLE,), T.FLOAT8)(lambda c: 2 * c.radius)


def _center(b: Box) -> Point:
    return Point((b.high.x + b.low.x) / 2, (b.high.y + b.low.y) / 2)
