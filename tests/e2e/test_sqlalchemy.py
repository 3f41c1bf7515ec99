"""SQLAlchemy 2 against the real server with three drivers (psycopg 3, asyncpg, pg8000): Core
(create_all, DML with bound parameters, joins), the ORM with one-to-many and many-to-many
relationships loaded lazily and eagerly, and inspect() of the schema, compared with what the
same SQLAlchemy reflects from a real PostgreSQL 15 (recorded in sqla_inspect_pg15.json by running
sqla_models.py against it)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import Session, joinedload, selectinload

from .sqla_models import Address, Base, Tag, User, reflect, user_tags

EXPECTED = json.loads((Path(__file__).parent / "sqla_inspect_pg15.json").read_text())
DRIVERS = ["psycopg", "asyncpg", "pg8000"]


def _url(server: Any, db: str, driver: str) -> str:
    return f"postgresql+{driver}://{server.user}:{server.password}@{server.host}:{server.port}/{db}"


class Runner:
    """Runs a function taking a synchronous Connection or Session, for sync and async drivers alike."""

    def __init__(self, server: Any, db: str, driver: str) -> None:
        self.driver = driver
        self.url = _url(server, db, driver)

    def conn(self, fn: Callable[[Any], Any], begin: bool = True) -> Any:
        if self.driver == "asyncpg":
            async def go() -> Any:
                eng = create_async_engine(self.url)
                try:
                    if begin:
                        async with eng.begin() as c:
                            return await c.run_sync(fn)
                    async with eng.connect() as c:
                        return await c.run_sync(fn)
                finally:
                    await eng.dispose()
            return asyncio.run(go())
        eng: Engine = create_engine(self.url)
        try:
            with eng.begin() if begin else eng.connect() as c:
                return fn(c)
        finally:
            eng.dispose()

    def session(self, fn: Callable[[Session], Any]) -> Any:
        def with_session(c: Any) -> Any:
            with Session(bind=c) as s:
                out = fn(s)
                s.flush()
                return out
        return self.conn(with_session)


@pytest.fixture(params=DRIVERS)
def run(request: Any, server: Any, db: str) -> Iterator[Runner]:
    r = Runner(server, db, request.param)
    r.conn(Base.metadata.create_all)
    yield r


def test_core_dml_with_parameters_and_joins(run: Runner) -> None:
    users, addresses = User.__table__, Address.__table__

    def work(c: Any) -> None:
        c.execute(insert(users), [{"name": "ann", "email": "a@x"}, {"name": "bob", "email": None}])
        c.execute(insert(users), {"name": "cy", "score": Decimal("2.50")})
        ids = dict(c.execute(select(users.c.name, users.c.id)).all())
        c.execute(insert(addresses), [{"user_id": ids["ann"], "email": "ann@home", "kind": "h"},
                                      {"user_id": ids["ann"], "email": "ann@work", "kind": "w"},
                                      {"user_id": ids["bob"], "email": "bob@home", "kind": None}])
        new_id = c.execute(insert(users).values(name="dee").returning(users.c.id)).scalar_one()
        assert new_id == ids["cy"] + 1
        row = c.execute(select(users).where(users.c.name == "cy")).one()
        assert row.score == Decimal("2.50") and row.status == "new" and row.created is not None
        assert c.execute(select(users.c.score).where(users.c.name == "ann")).scalar_one() == Decimal("0.00")
        q = (select(users.c.name, func.count(addresses.c.id).label("n"))
             .select_from(users.outerjoin(addresses))
             .group_by(users.c.name).order_by(users.c.name))
        assert c.execute(q).all() == [("ann", 2), ("bob", 1), ("cy", 0), ("dee", 0)]
        q2 = (select(addresses.c.email).join(users, users.c.id == addresses.c.user_id)
              .where(users.c.name.in_(["ann", "zed"]), addresses.c.kind != "h").order_by(addresses.c.email))
        assert c.execute(q2).scalars().all() == ["ann@work"]
        upd = c.execute(update(users).where(users.c.score < 1).values(score=users.c.score + 5))
        assert upd.rowcount == 3
        assert c.execute(select(func.sum(users.c.score))).scalar_one() == Decimal("17.50")
        assert c.execute(text("select count(*) from users where email like :p"), {"p": "a%"}).scalar_one() == 1
        res = c.execute(delete(users).where(users.c.name == "ann"))  # cascades to the addresses
        assert res.rowcount == 1
        assert c.execute(select(func.count()).select_from(addresses)).scalar_one() == 1

    run.conn(work)


def test_core_constraint_errors(run: Runner) -> None:
    users = User.__table__

    def dup(c: Any) -> None:
        c.execute(insert(users).values(name="x"))
        c.execute(insert(users).values(name="x"))

    with pytest.raises(DBAPIError, match="users_name_key"):
        run.conn(dup)

    def negative(c: Any) -> None:
        c.execute(insert(users).values(name="y", score=-1))

    with pytest.raises(DBAPIError, match="ck_users_score"):
        run.conn(negative)

    def orphan(c: Any) -> None:
        c.execute(insert(Address.__table__).values(user_id=999, email="e"))

    with pytest.raises(DBAPIError, match="addresses_user_id_fkey"):
        run.conn(orphan)


def test_orm_relationships(run: Runner) -> None:
    def create(s: Session) -> None:
        red, blue = Tag(label="red"), Tag(label="blue")
        s.add_all([
            User(name="ann", addresses=[Address(email="a1"), Address(email="a2")], tags=[red, blue]),
            User(name="bob", addresses=[Address(email="b1")], tags=[blue]),
            User(name="cy"),
        ])

    run.session(create)

    def lazy(s: Session) -> list[Any]:
        out = []
        for u in s.scalars(select(User).order_by(User.name)):
            out.append((u.name, [a.email for a in u.addresses], [t.label for t in u.tags]))
        return out

    expected = [("ann", ["a1", "a2"], ["red", "blue"]), ("bob", ["b1"], ["blue"]), ("cy", [], [])]
    assert run.session(lazy) == expected

    def eager(s: Session) -> list[Any]:
        q = select(User).options(selectinload(User.addresses), joinedload(User.tags)).order_by(User.name)
        users = s.scalars(q).unique().all()
        s.expunge_all()  # nothing may be loaded lazily after this
        return [(u.name, [a.email for a in u.addresses], [t.label for t in u.tags]) for u in users]

    assert run.session(eager) == expected

    def back_refs(s: Session) -> Any:
        blue = s.scalars(select(Tag).where(Tag.label == "blue")).one()
        a2 = s.scalars(select(Address).where(Address.email == "a2")).one()
        return sorted(u.name for u in blue.users), a2.user.name

    assert run.session(back_refs) == (["ann", "bob"], "ann")

    def modify(s: Session) -> None:
        ann = s.scalars(select(User).where(User.name == "ann")).one()
        ann.addresses.pop(0)  # delete-orphan
        ann.tags = [t for t in ann.tags if t.label != "red"]
        ann.email = "ann@new"
        bob = s.scalars(select(User).where(User.name == "bob")).one()
        s.delete(bob)

    run.session(modify)

    def check(c: Any) -> Any:
        return (c.execute(select(Address.email).order_by(Address.email)).scalars().all(),
                c.execute(select(func.count()).select_from(user_tags)).scalar_one(),
                c.execute(select(User.email).where(User.name == "ann")).scalar_one())

    assert run.conn(check) == (["a2"], 1, "ann@new")


def test_inspect_matches_postgresql(run: Runner) -> None:
    got = run.conn(reflect, begin=False)
    assert got["tables"] == EXPECTED["tables"]
    for t in ("addresses", "tags", "user_tags", "users"):
        for part in ("columns", "pk", "fks", "indexes", "uniques", "checks"):
            assert got[t][part] == EXPECTED[t][part], (t, part)


def test_reflect_into_metadata_and_round_trip(run: Runner) -> None:
    from sqlalchemy import MetaData

    def go(c: Any) -> Any:
        md = MetaData()
        md.reflect(c)
        users = md.tables["users"]
        fk = next(iter(md.tables["addresses"].foreign_keys))
        c.execute(users.insert().values(name="r"))
        return (sorted(md.tables), fk.column.table.name, fk.ondelete,
                c.execute(select(users.c.status, users.c.score)).one())

    assert run.conn(go) == (["addresses", "tags", "user_tags", "users"], "users", "CASCADE",
                            ("new", Decimal("0.00")))
