"""DateStyle output of date, timestamp and timestamptz (ISO, SQL, Postgres, German with their field
orders), through the output functions and through a session (SET DateStyle, text casts, arrays,
SET LOCAL, prepared statements, error details).

Every expected string was produced by a real PostgreSQL 15 server.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sql.datatypes import INFINITY, NEG_INFINITY, output_function
from sql.datatypes import registry as r
from sql.datatypes.datetimes import parse_datestyle, timestamptz_output
from sql.datatypes.dtcommon import DATE_ORDER, GMT, UTC
from tests.sql.sessions import open_instance, run_text

NEW_YORK = ZoneInfo("America/New_York")

D = _dt.date(2024, 1, 5)
TS = _dt.datetime(2024, 1, 5, 10, 20, 30, 500000)
TS2 = _dt.datetime(1999, 12, 31, 23, 59, 59)
TZ1 = _dt.datetime(2024, 1, 5, 10, 20, 30, 500000, tzinfo=UTC)
TZ2 = _dt.datetime(2024, 7, 4, 1, 2, 3, 1, tzinfo=UTC)
TZ3 = _dt.datetime(1850, 1, 1, tzinfo=UTC)  # before standard time: local mean time

# DateStyle -> (date, timestamp TS, timestamp TS2, timestamptz TZ1/TZ2/TZ3 in America/New_York)
EXPECTED = {
    "ISO, MDY": ("2024-01-05", "2024-01-05 10:20:30.5", "1999-12-31 23:59:59", "2024-01-05 05:20:30.5-05",
                 "2024-07-03 21:02:03.000001-04", "1849-12-31 19:03:58-04:56:02"),
    "ISO, DMY": ("2024-01-05", "2024-01-05 10:20:30.5", "1999-12-31 23:59:59", "2024-01-05 05:20:30.5-05",
                 "2024-07-03 21:02:03.000001-04", "1849-12-31 19:03:58-04:56:02"),
    "SQL, MDY": ("01/05/2024", "01/05/2024 10:20:30.5", "12/31/1999 23:59:59", "01/05/2024 05:20:30.5 EST",
                 "07/03/2024 21:02:03.000001 EDT", "12/31/1849 19:03:58 LMT"),
    "SQL, DMY": ("05/01/2024", "05/01/2024 10:20:30.5", "31/12/1999 23:59:59", "05/01/2024 05:20:30.5 EST",
                 "03/07/2024 21:02:03.000001 EDT", "31/12/1849 19:03:58 LMT"),
    "SQL, YMD": ("01/05/2024", "01/05/2024 10:20:30.5", "12/31/1999 23:59:59", "01/05/2024 05:20:30.5 EST",
                 "07/03/2024 21:02:03.000001 EDT", "12/31/1849 19:03:58 LMT"),
    "Postgres, MDY": ("01-05-2024", "Fri Jan 05 10:20:30.5 2024", "Fri Dec 31 23:59:59 1999",
                      "Fri Jan 05 05:20:30.5 2024 EST", "Wed Jul 03 21:02:03.000001 2024 EDT",
                      "Mon Dec 31 19:03:58 1849 LMT"),
    "Postgres, DMY": ("05-01-2024", "Fri 05 Jan 10:20:30.5 2024", "Fri 31 Dec 23:59:59 1999",
                      "Fri 05 Jan 05:20:30.5 2024 EST", "Wed 03 Jul 21:02:03.000001 2024 EDT",
                      "Mon 31 Dec 19:03:58 1849 LMT"),
    "Postgres, YMD": ("01-05-2024", "Fri Jan 05 10:20:30.5 2024", "Fri Dec 31 23:59:59 1999",
                      "Fri Jan 05 05:20:30.5 2024 EST", "Wed Jul 03 21:02:03.000001 2024 EDT",
                      "Mon Dec 31 19:03:58 1849 LMT"),
    "German, MDY": ("05.01.2024", "05.01.2024 10:20:30.5", "31.12.1999 23:59:59", "05.01.2024 05:20:30.5 EST",
                    "03.07.2024 21:02:03.000001 EDT", "31.12.1849 19:03:58 LMT"),
    "German, DMY": ("05.01.2024", "05.01.2024 10:20:30.5", "31.12.1999 23:59:59", "05.01.2024 05:20:30.5 EST",
                    "03.07.2024 21:02:03.000001 EDT", "31.12.1849 19:03:58 LMT"),
}


@pytest.mark.parametrize("style", sorted(EXPECTED))
def test_output_functions(style: str) -> None:
    d, ts, ts2, tz1, tz2, tz3 = EXPECTED[style]
    assert output_function(r.DATE, datestyle=style)(D) == d
    assert output_function(r.TIMESTAMP, datestyle=style)(TS) == ts
    assert output_function(r.TIMESTAMP, datestyle=style)(TS2) == ts2
    out = output_function(r.TIMESTAMPTZ, tz=NEW_YORK, datestyle=style)
    assert (out(TZ1), out(TZ2), out(TZ3)) == (tz1, tz2, tz3)
    assert timestamptz_output(TZ1, NEW_YORK, style) == tz1
    for oid in (r.DATE, r.TIMESTAMP, r.TIMESTAMPTZ):
        f = output_function(oid, tz=NEW_YORK, datestyle=style)
        assert (f(INFINITY), f(NEG_INFINITY)) == ("infinity", "-infinity")


def test_default_is_iso() -> None:
    assert output_function(r.DATE)(D) == "2024-01-05"
    assert output_function(r.TIMESTAMP)(TS) == "2024-01-05 10:20:30.5"
    assert output_function(r.TIMESTAMPTZ, tz=NEW_YORK)(TZ1) == "2024-01-05 05:20:30.5-05"
    assert output_function(r.TIME, datestyle="Postgres, DMY")(_dt.time(10, 20, 30, 250000)) == "10:20:30.25"


def test_arrays_quote_elements_with_spaces() -> None:
    assert output_function(r.type_by_name("date[]").oid, datestyle="SQL, DMY")([D, None]) == "{05/01/2024,NULL}"
    tzarr = output_function(r.type_by_name("timestamptz[]").oid, tz=NEW_YORK, datestyle="Postgres, MDY")
    assert tzarr([_dt.datetime(2024, 1, 5, 10, 20, 30, tzinfo=UTC)]) == '{"Fri Jan 05 05:20:30 2024 EST"}'


@pytest.mark.parametrize(
    ("zone", "sql", "german", "postgres"),
    [
        ("UTC", "01/15/2024 10:20:30.5 UTC", "15.01.2024 10:20:30.5 UTC", "Mon Jan 15 10:20:30.5 2024 UTC"),
        ("Europe/Berlin", "01/15/2024 11:20:30.5 CET", "15.01.2024 11:20:30.5 CET",
         "Mon Jan 15 11:20:30.5 2024 CET"),
        ("Asia/Istanbul", "01/15/2024 13:20:30.5 +03", "15.01.2024 13:20:30.5 +03",
         "Mon Jan 15 13:20:30.5 2024 +03"),
        ("Asia/Kathmandu", "01/15/2024 16:05:30.5 +0545", "15.01.2024 16:05:30.5 +0545",
         "Mon Jan 15 16:05:30.5 2024 +0545"),
        ("America/Sao_Paulo", "01/15/2024 07:20:30.5 -03", "15.01.2024 07:20:30.5 -03",
         "Mon Jan 15 07:20:30.5 2024 -03"),
    ],
)
def test_zone_abbreviations(zone: str, sql: str, german: str, postgres: str) -> None:
    tz = UTC if zone == "UTC" else ZoneInfo(zone)
    v = _dt.datetime(2024, 1, 15, 10, 20, 30, 500000, tzinfo=UTC)
    assert output_function(r.TIMESTAMPTZ, tz=tz, datestyle="SQL, MDY")(v) == sql
    assert output_function(r.TIMESTAMPTZ, tz=tz, datestyle="German, MDY")(v) == german
    assert output_function(r.TIMESTAMPTZ, tz=tz, datestyle="Postgres, MDY")(v) == postgres


def test_gmt_and_unnamed_offsets() -> None:
    v = _dt.datetime(2024, 1, 15, 10, 20, 30, tzinfo=UTC)
    assert output_function(r.TIMESTAMPTZ, tz=GMT, datestyle="SQL, MDY")(v) == "01/15/2024 10:20:30 GMT"
    assert output_function(r.TIMESTAMPTZ, tz=GMT)(v) == "2024-01-15 10:20:30+00"
    # an unnamed fixed offset prints the offset as its abbreviation (PostgreSQL: SET TIME ZONE 5 -> "+05")
    plus5 = _dt.timezone(_dt.timedelta(hours=5))
    assert output_function(r.TIMESTAMPTZ, tz=plus5, datestyle="SQL, MDY")(v) == "01/15/2024 15:20:30 +05"
    minus330 = _dt.timezone(-_dt.timedelta(hours=3, minutes=30))
    assert output_function(r.TIMESTAMPTZ, tz=minus330, datestyle="German")(v) == "15.01.2024 06:50:30 -03:30"


def test_parse_datestyle() -> None:
    assert parse_datestyle("ISO, MDY") == ("ISO", "MDY")
    assert parse_datestyle("SQL, DMY") == ("SQL", "DMY")
    assert parse_datestyle("postgres,ymd") == ("Postgres", "YMD")
    assert parse_datestyle("German") == ("German", "MDY")
    assert parse_datestyle("Euro") == ("ISO", "DMY")
    assert parse_datestyle(None) == ("ISO", "MDY")


# ---------------------------------------------------------------------------
# through a session


@pytest.fixture()
def session(tmp_path: Any) -> Iterator[Any]:
    with open_instance(tmp_path) as inst:
        token = DATE_ORDER.set(DATE_ORDER.get())  # the session sets the input field order in this context
        try:
            yield inst.connect("postgres", "postgres", {}, 4711, "127.0.0.1")
        finally:
            DATE_ORDER.reset(token)


def run(session: Any, sql: str) -> list[list[str | None]]:
    """Run a simple query; the last result's rows as text, the way the wire protocol sends them."""
    return [list(row) for row in run_text(session, sql)]


def test_session_set_datestyle(session: Any) -> None:
    q = ("SELECT date '2024-01-15', timestamp '2024-01-15 10:20:30.5', timestamptz '2024-01-15 10:20:30.5+00', "
         "timestamptz '2024-01-15 10:20:30.5+00'::text, date '2024-01-15'::varchar")
    assert run(session, q) == [["2024-01-15", "2024-01-15 10:20:30.5", "2024-01-15 10:20:30.5+00",
                                "2024-01-15 10:20:30.5+00", "2024-01-15"]]
    run(session, "SET DateStyle = 'SQL, DMY'")
    assert run(session, q) == [["15/01/2024", "15/01/2024 10:20:30.5", "15/01/2024 10:20:30.5 UTC",
                                "15/01/2024 10:20:30.5 UTC", "15/01/2024"]]
    run(session, "SET TimeZone = 'America/New_York'")
    run(session, "SET DateStyle = 'Postgres, MDY'")
    assert run(session, q) == [["01-15-2024", "Mon Jan 15 10:20:30.5 2024", "Mon Jan 15 05:20:30.5 2024 EST",
                                "Mon Jan 15 05:20:30.5 2024 EST", "01-15-2024"]]
    run(session, "SET DateStyle = German")
    assert run(session, q) == [["15.01.2024", "15.01.2024 10:20:30.5", "15.01.2024 05:20:30.5 EST",
                                "15.01.2024 05:20:30.5 EST", "15.01.2024"]]
    run(session, "RESET DateStyle")
    assert run(session, q) == [["2024-01-15", "2024-01-15 10:20:30.5", "2024-01-15 05:20:30.5-05",
                                "2024-01-15 05:20:30.5-05", "2024-01-15"]]


def test_session_gmt_abbreviation(session: Any) -> None:
    run(session, "SET DateStyle = 'SQL'")
    q = "SELECT timestamptz '2024-01-15 10:20:30+00', timestamptz '2024-01-15 10:20:30+00'::text"
    assert run(session, q) == [["01/15/2024 10:20:30 UTC", "01/15/2024 10:20:30 UTC"]]
    run(session, "SET TimeZone = 'GMT'")
    assert run(session, q) == [["01/15/2024 10:20:30 GMT", "01/15/2024 10:20:30 GMT"]]
    run(session, "SET TimeZone = 'Europe/Berlin'")
    assert run(session, q) == [["01/15/2024 11:20:30 CET", "01/15/2024 11:20:30 CET"]]


def test_session_table_arrays_and_string_functions(session: Any) -> None:
    run(session, "SET DateStyle = 'German'")
    run(session, "SET TimeZone = 'Europe/Berlin'")
    run(session, "CREATE TABLE t (d date PRIMARY KEY, ts timestamptz)")
    run(session, "INSERT INTO t VALUES ('2024-01-05', '2024-01-05 10:00+00')")
    assert run(session, "SELECT d, ts, d::text, ts::varchar, d || '', ARRAY[ts]::text, ARRAY[ts] FROM t") == [
        ["05.01.2024", "05.01.2024 11:00:00 CET", "05.01.2024", "05.01.2024 11:00:00 CET", "05.01.2024",
         '{"05.01.2024 11:00:00 CET"}', '{"05.01.2024 11:00:00 CET"}']]
    assert run(session, "SELECT concat(d, '|'), format('%s', ts) FROM t") == [
        ["05.01.2024|", "05.01.2024 11:00:00 CET"]]


def test_session_set_local_and_rollback(session: Any) -> None:
    run(session, "SET DateStyle = 'German'")
    run(session, "BEGIN")
    run(session, "SET LOCAL DateStyle = 'Postgres, DMY'")
    assert run(session, "SELECT date '2024-01-05', timestamp '2024-01-05 11:00'") == [
        ["05-01-2024", "Fri 05 Jan 11:00:00 2024"]]
    run(session, "ROLLBACK")
    assert run(session, "SELECT date '2024-01-05', timestamp '2024-01-05 11:00'") == [
        ["05.01.2024", "05.01.2024 11:00:00"]]


def run_prepared(session: Any, name: str) -> list[list[str | None]]:
    """Bind and execute the prepared statement ``name`` (extended protocol), rows as text."""
    session.bind("", name, [], [], [])
    res = session.execute("", 0)
    rows = [[None if v is None else session.text_output(c.type_oid)(v) for c, v in zip(res.columns, row)]
            for row in res.rows]
    fut = session.sync()
    if fut is not None:
        fut.result()
    return rows


def test_session_prepared_statement_follows_datestyle(session: Any) -> None:
    run(session, "SET DateStyle = 'German'")
    run(session, "SET TimeZone = 'Europe/Berlin'")
    session.parse("p", "SELECT timestamptz '2024-01-05 10:00+00', timestamptz '2024-01-05 10:00+00'::text, "
                       "date '2024-01-05'::text", [])
    session.sync()
    assert run_prepared(session, "p") == [["05.01.2024 11:00:00 CET", "05.01.2024 11:00:00 CET", "05.01.2024"]]
    run(session, "SET DateStyle = 'SQL, MDY'")
    run(session, "SET TimeZone = 'Asia/Kathmandu'")
    assert run_prepared(session, "p") == [["01/05/2024 15:45:00 +0545", "01/05/2024 15:45:00 +0545",
                                           "01/05/2024"]]


def test_session_timestamptz_array_follows_timezone(session: Any) -> None:
    q = "SELECT ARRAY[timestamptz '2024-01-15 10:20:30+00']"
    assert run(session, q) == [['{"2024-01-15 10:20:30+00"}']]
    run(session, "SET TimeZone = 'America/New_York'")
    assert run(session, q) == [['{"2024-01-15 05:20:30-05"}']]


def test_session_input_follows_field_order(session: Any) -> None:
    run(session, "SET DateStyle = 'SQL, DMY'")
    assert run(session, "SELECT '03/04/2024'::date") == [["03/04/2024"]]
    assert run(session, "SELECT '03/04/2024'::date = date '2024-04-03'") == [["t"]]
    run(session, "SET DateStyle = 'Postgres, YMD'")
    assert run(session, "SELECT '03/04/05'::date") == [["04-05-2003"]]
