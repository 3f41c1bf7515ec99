"""A small SQLAlchemy 2 schema (ORM models with relationships, defaults, checks, indexes) and a
helper that dumps everything inspect() reflects from it, for tests/e2e/test_sqlalchemy.py.

Run as a script with a database URL to print the reflection dump (the expectations in the test
were recorded this way from a real PostgreSQL 15)."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    inspect,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


user_tags = Table(
    "user_tags",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="RESTRICT", onupdate="CASCADE"), primary_key=True),
)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("score >= 0", name="ck_users_score"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    email: Mapped[str | None] = mapped_column(Text)
    score: Mapped[Decimal] = mapped_column(Numeric(10, 2), server_default=text("0"))
    created: Mapped[datetime] = mapped_column(server_default=func.now())
    status: Mapped[str] = mapped_column(String(10), server_default="new")

    addresses: Mapped[list[Address]] = relationship(back_populates="user", cascade="all, delete-orphan",
                                                    order_by="Address.id")
    tags: Mapped[list[Tag]] = relationship(secondary=user_tags, back_populates="users", order_by="Tag.id")


class Address(Base):
    __tablename__ = "addresses"
    __table_args__ = (
        UniqueConstraint("user_id", "email", name="uq_addresses_user_email"),
        Index("ix_addresses_email_lower", func.lower(text("email"))),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str | None] = mapped_column(String(1))

    user: Mapped[User] = relationship(back_populates="addresses")


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(30), unique=True)

    users: Mapped[list[User]] = relationship(secondary=user_tags, back_populates="tags")


TABLES = ["addresses", "tags", "user_tags", "users"]


def reflect(conn: Connection) -> dict[str, Any]:
    """Everything the inspector reports about the schema, as plain JSON-able data."""
    insp = inspect(conn)
    out: dict[str, Any] = {"tables": sorted(insp.get_table_names())}
    for t in TABLES:
        cols = []
        for c in insp.get_columns(t):
            cols.append({"name": c["name"], "type": str(c["type"]), "nullable": c["nullable"],
                         "default": c["default"], "autoincrement": c.get("autoincrement")})
        out[t] = {
            "columns": cols,
            "pk": _keep(insp.get_pk_constraint(t)),
            "fks": sorted((_keep(f) for f in insp.get_foreign_keys(t)), key=lambda f: f["name"]),
            "indexes": sorted((_keep(i) for i in insp.get_indexes(t)), key=lambda i: i["name"]),
            "uniques": sorted((_keep(u) for u in insp.get_unique_constraints(t)), key=lambda u: u["name"]),
            "checks": sorted((_keep(c) for c in insp.get_check_constraints(t)), key=lambda c: c["name"]),
        }
    return json.loads(json.dumps(out, default=str))


_KEYS = ("name", "constrained_columns", "referred_schema", "referred_table", "referred_columns", "options",
         "column_names", "expressions", "unique", "duplicates_constraint", "sqltext")


def _keep(d: Any) -> dict[str, Any]:
    """The keys that every SQLAlchemy 2.x reports the same way."""
    return {k: d[k] for k in _KEYS if k in d}


if __name__ == "__main__":
    from sqlalchemy import create_engine

    eng = create_engine(sys.argv[1])
    with eng.begin() as c:
        Base.metadata.drop_all(c)
        Base.metadata.create_all(c)
    with eng.connect() as c:
        print(json.dumps(reflect(c), indent=1, sort_keys=True))
    with eng.begin() as c:
        Base.metadata.drop_all(c)
