"""Date/time functions (date_trunc, extract/date_part, age, make_*, timezone, date_bin,
generate_series); expected values recorded from PostgreSQL 15 (session TimeZone noted per case)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import sql.functions  # noqa: F401  (registers the library)
from sql import functions_datetime as DTM
from sql import functions_dtfields as F
from sql import functions_series as SR
from sql import typesys as T
from sql.datatypes import INFINITY, NEG_INFINITY
from sql.datatypes.interval_io import interval_in
from sql.errors import SqlError


class FakeSession:
    def __init__(self, tz: str) -> None:
        self.tz = dt.UTC if tz == "UTC" else ZoneInfo(tz)
        self.cancel_requested = False

    def timezone(self) -> dt.tzinfo:
        return self.tz

    def transaction_timestamp(self) -> dt.datetime:
        return dt.datetime(2024, 5, 17, 15, 30, tzinfo=dt.UTC)

    def text_output(self, oid: int) -> Any:
        return T.text_output(oid, tz=self.tz) if oid == T.TIMESTAMPTZ else T.text_output(oid)


class Ctx:
    def __init__(self, tz: str = "UTC") -> None:
        self.session = FakeSession(tz)


NY = Ctx("America/New_York")
TS = dt.datetime.fromisoformat


def tz(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s).astimezone(dt.UTC)


def ny(v: Any) -> str:
    return T.text_output(T.TIMESTAMPTZ, tz=NY.session.tz)(v)


def iv(s: str) -> Any:
    return interval_in(s)


def err(fn: Any, *args: Any) -> tuple[str, str]:
    with pytest.raises(SqlError) as ei:
        fn(*args)
    return ei.value.code, str(ei.value)


def test_date_trunc_timestamp() -> None:
    t = TS("2020-03-08 05:34:56.789")
    got = [str(DTM.date_trunc_ts(u, t)) for u in ("hour", "week", "year", "second", "minute", "milliseconds")]
    assert got == ["2020-03-08 05:00:00", "2020-03-02 00:00:00", "2020-01-01 00:00:00", "2020-03-08 05:34:56",
                   "2020-03-08 05:34:00", "2020-03-08 05:34:56.789000"]
    assert str(DTM.date_trunc_ts("quarter", TS("2020-08-08"))) == "2020-07-01 00:00:00"
    assert str(DTM.date_trunc_ts("decade", TS("2021-08-08"))) == "2020-01-01 00:00:00"
    assert [str(DTM.date_trunc_ts(u, TS(d))) for u, d in [("century", "2001-08-08"), ("century", "2000-08-08"),
                                                          ("millennium", "2001-08-08"),
                                                          ("millennium", "2000-08-08")]] == [
        "2001-01-01 00:00:00", "1901-01-01 00:00:00", "2001-01-01 00:00:00", "1001-01-01 00:00:00"]
    assert DTM.date_trunc_ts("day", INFINITY) is INFINITY
    assert err(DTM.date_trunc_ts, "foo", t) == ("22023",
                                                'unit "foo" not recognized for type timestamp without time zone')


def test_date_trunc_timestamptz_session_zone() -> None:
    # SET TimeZone = 'America/New_York'
    cases = [("day", "2020-03-08 05:34:56.789+00:00", "2020-03-08 00:00:00-05"),
             ("day", "2020-11-01 12:00+00:00", "2020-11-01 00:00:00-04"),
             ("hour", "2020-11-01 05:30+00:00", "2020-11-01 01:00:00-04"),
             ("hour", "2020-11-01 06:30+00:00", "2020-11-01 01:00:00-05"),
             ("day", "2020-03-08 12:00+00:00", "2020-03-08 00:00:00-05"),
             ("minute", "2020-11-01 05:30:30+00:00", "2020-11-01 01:30:00-04"),
             ("week", "2020-11-01 05:30:30+00:00", "2020-10-26 00:00:00-04")]
    assert [ny(DTM.date_trunc_tstz(NY, u, tz(v))) for u, v, _ in cases] == [e for _, _, e in cases]
    assert ny(DTM.date_trunc_tstz_zone("day", tz("2020-03-08 05:34:56.789+00:00"), "Asia/Tokyo")) == (
        "2020-03-07 10:00:00-05")
    assert ny(DTM.date_trunc_tstz_zone("day", tz("2020-03-08 05:34:56.789+00:00"), "UTC")) == "2020-03-07 19:00:00-05"
    assert err(DTM.date_trunc_tstz, NY, "timezone", tz("2020-01-01 00:00+00:00")) == (
        "0A000", 'unit "timezone" not supported for type timestamp with time zone')


def test_date_trunc_interval() -> None:
    assert [str(DTM.date_trunc_interval(u, iv(v))) for u, v in [
        ("hour", "1 day 5:34:56"), ("year", "3 years 5 months"), ("month", "1 year 5 months 3 days"),
        ("decade", "25 years")]] == ["1 day 05:00:00", "3 years", "1 year 5 mons", "20 years"]
    with pytest.raises(SqlError) as ei:
        DTM.date_trunc_interval("week", iv("1 day"))
    assert (ei.value.code, str(ei.value), ei.value.detail) == (
        "0A000", 'unit "week" not supported for type interval', "Months usually have fractional weeks.")


def test_extract_numeric() -> None:
    t = TS("2020-03-08 05:34:56.789")
    assert [F.extract_timestamp(f, t) for f in ("epoch", "year", "second", "milliseconds", "microseconds")] == [
        Decimal("1583645696.789000"), 2020, Decimal("56.789000"), Decimal("56789.000"), 56789000]
    assert str(F.extract_timestamp("julian", TS("2020-03-08 12:00"))) == "2458917.50000000000000000000"
    assert str(F.extract_timestamp("julian", TS("2020-03-08 00:00"))) == "2458917.0000000000000000000000000000"
    d = dt.date(2020, 3, 8)
    assert [F.extract_date(f, d) for f in ("epoch", "dow", "isodow", "doy", "week", "quarter", "julian", "decade",
                                           "century", "day")] == [1583625600, 0, 7, 68, 10, 1, 2458917, 202, 21, 8]
    assert [F.extract_date("week", dt.date(2021, 1, 1)), F.extract_date("isoyear", dt.date(2021, 1, 1)),
            F.extract_date("century", dt.date(2000, 3, 8)), F.extract_date("millennium", dt.date(2001, 3, 8))] == [
        53, 2020, 20, 3]
    assert [F.extract_date(f, dt.date(2005, 1, 1)) for f in ("week", "isoyear", "dow")] == [53, 2004, 6]
    assert [F.extract_date("century", dt.date(1, 1, 1)), F.extract_date("decade", dt.date(9, 1, 1)),
            F.extract_date("millennium", dt.date(2000, 12, 31))] == [1, 0, 2]
    assert err(F.extract_date, "hour", d) == ("0A000", 'unit "hour" not supported for type date')
    assert err(F.extract_timestamp, "timezone", t) == (
        "0A000", 'unit "timezone" not supported for type timestamp without time zone')
    assert err(F.extract_timestamp, "foo", t) == (
        "22023", 'unit "foo" not recognized for type timestamp without time zone')
    assert [F.extract_time(f, dt.time(1, 2, 3, 500000)) for f in ("epoch", "second", "microsecond", "millisecond")] == [
        Decimal("3723.500000"), Decimal("3.500000"), 3500000, Decimal("3500.000")]
    assert err(F.extract_time, "day", dt.time(1)) == ("0A000", 'unit "day" not supported for type time without '
                                                                'time zone')
    assert F.extract_timestamp("epoch", TS("1960-01-01 00:00:00.5")) == Decimal("-315619199.500000")
    assert F.extract_timestamp("yEaR", TS("2020-01-01")) == 2020


def test_extract_timestamptz_and_interval() -> None:
    ts = tz("2020-03-08 05:34:56+00:00")
    assert [F.extract_timestamptz(NY, f, ts) for f in ("timezone", "hour", "epoch")] == [
        -18000, 0, Decimal("1583645696.000000")]
    july = tz("2020-07-08 05:34:56+00:00")
    assert [F.extract_timestamptz(NY, f, july) for f in ("timezone_hour", "timezone_minute")] == [-4, 0]
    kol = Ctx("Asia/Kolkata")
    t0 = tz("2020-03-08 00:00+00:00")
    assert [F.extract_timestamptz(kol, f, t0) for f in ("timezone", "timezone_minute", "hour")] == [19800, 30, 5]
    assert str(F.extract_timestamptz(kol, "julian", t0)) == "2458917.22916666666666666667"
    got = [F.extract_interval(f, iv(v)) for f, v in [
        ("epoch", "1 day 2 hours"), ("epoch", "1 month"), ("epoch", "1 year"), ("day", "1 year 40 days 5 hours"),
        ("month", "14 months"), ("year", "14 months"), ("hour", "1 day 25 hours"), ("second", "1 minute 5.5 seconds"),
        ("millisecond", "5.5 seconds"), ("quarter", "5 months"), ("decade", "25 years"), ("century", "250 years"),
        ("millennium", "2500 years"), ("minute", "-1 hour -5 minutes"), ("quarter", "-14 months")]]
    assert [str(x) for x in got] == ["93600.000000", "2592000.000000", "31557600.000000", "40", "2", "1", "25",
                                     "5.500000", "5500.000", "2", "2", "2", "2", "-5", "1"]
    assert str(F.extract_interval("epoch", iv("-1 year 2 months -3 days 04:05:06.789"))) == "-26164493.211000"
    assert F.date_part_interval("epoch", iv("-1 year 2 months -3 days 04:05:06.789")) == -26164493.211
    assert err(F.extract_interval, "dow", iv("1 day")) == ("0A000", 'unit "dow" not supported for type interval')


def test_date_part_float_and_infinity() -> None:
    t = TS("2020-03-08 05:34:56.789")
    assert [F.date_part_timestamp("epoch", t), F.date_part_timestamp("second", t)] == [1583645696.789, 56.789]
    assert F.date_part_on_date("year", dt.date(2020, 3, 8)) == 2020.0
    assert F.date_part_on_date("hour", dt.date(2020, 1, 1)) == 0.0
    assert F.date_part_on_date("epoch", dt.date(2020, 1, 1)) == 1577836800.0
    assert F.date_part_timestamptz(NY, "dow", tz("2020-03-08 03:00+00:00")) == 6.0
    assert F.date_part_on_date("julian", dt.date(2020, 3, 8)) == 2458917.0
    assert F.date_part_timestamp("julian", TS("2020-03-08 06:00")) == 2458917.25
    assert [F.date_part_time("microseconds", dt.time(1, 2, 3, 500000)), F.date_part_time("second",
                                                                                       dt.time(1, 2, 3, 500000))] == [
        3500000.0, 3.5]
    assert F.date_part_timestamp("day", INFINITY) is None
    assert F.date_part_timestamp("epoch", INFINITY) == float("inf")
    assert F.extract_timestamp("year", INFINITY) == Decimal("Infinity")
    assert F.extract_date("epoch", NEG_INFINITY) == Decimal("-Infinity")
    assert F.extract_date("day", INFINITY) is None
    assert err(F.extract_date, "hour", INFINITY)[0] == "0A000"


def test_age() -> None:
    assert [str(DTM.age_ts(TS(a), TS(b))) for a, b in [
        ("2001-04-10", "1957-06-13"), ("1957-06-13", "2001-04-10"), ("2001-03-01", "2001-01-31"),
        ("2020-01-01 10:00", "2020-01-02 09:00")]] == [
        "43 years 9 mons 27 days", "-43 years -9 mons -27 days", "1 mon 1 day", "-23:00:00"]
    assert str(DTM.age_tstz(NY, tz("2020-03-09 00:00-04:00"), tz("2020-03-08 00:00-05:00"))) == "1 day"
    assert str(DTM.age1_ts(Ctx(), TS("2024-01-17"))) == "4 mons"


def test_make_functions() -> None:
    assert DTM.make_date(2020, 2, 29) == dt.date(2020, 2, 29)
    assert DTM.make_time(8, 15, 23.5) == dt.time(8, 15, 23, 500000)
    assert DTM.make_time(1, 1, 60) == dt.time(1, 2)
    assert DTM.make_timestamp(2013, 7, 15, 8, 15, 23.5) == TS("2013-07-15 08:15:23.5")
    assert ny(DTM.make_timestamptz(NY, 2013, 7, 15, 8, 15, 23.5)) == "2013-07-15 08:15:23.5-04"
    assert ny(DTM.make_timestamptz_zone(2013, 7, 15, 8, 15, 23.5, "UTC")) == "2013-07-15 04:15:23.5-04"
    assert ny(DTM.make_timestamptz_zone(2013, 7, 15, 8, 15, 23.5, "+05:30")) == "2013-07-14 22:45:23.5-04"
    assert err(DTM.make_date, 2021, 2, 29) == ("22008", "date field value out of range: 2021-02-29")
    assert err(DTM.make_date, 0, 1, 1) == ("22008", "date field value out of range: 0-01-01")
    assert err(DTM.make_time, 25, 0, 0.0) == ("22008", "time field value out of range: 25:00:00")
    assert err(DTM.make_time, 1, 60, 0.0) == ("22008", "time field value out of range: 1:60:00")
    assert err(DTM.make_timestamp, 2020, 13, 1, 0, 0, 0.0) == ("22008", "date field value out of range: 2020-13-01")
    assert err(DTM.make_timestamptz_zone, 2013, 7, 15, 8, 15, 23.5, "05:30")[0] == "22023"
    assert [str(DTM.make_interval(*a)) for a in [(1, 2, 3, 4, 5, 6, 7.5), (0, 0, 0, 10), (), (0, 0, 0, 0, 0, 0, 1.25),
                                                 (-1, 0, 0, 0, 3), (0, 0, 2, 1)]] == [
        "1 year 2 mons 25 days 05:06:07.5", "10 days", "00:00:00", "00:00:01.25", "-1 years +03:00:00", "15 days"]
    assert [str(DTM.justify_days(iv("35 days"))), str(DTM.justify_hours(iv("27 hours"))),
            str(DTM.justify_interval(iv("1 mon -1 hour"))), str(DTM.justify_days(iv("-35 days")))] == [
        "1 mon 5 days", "1 day 03:00:00", "29 days 23:00:00", "-1 mons -5 days"]


def test_to_timestamp_epoch_date_bin_isfinite() -> None:
    assert [ny(DTM.to_timestamp_epoch(x)) for x in (1284352323, 0, 1284352323.5, float("inf"), -1.5)] == [
        "2010-09-13 00:32:03-04", "1969-12-31 19:00:00-05", "2010-09-13 00:32:03.5-04", "infinity",
        "1969-12-31 18:59:58.5-05"]
    assert err(DTM.to_timestamp_epoch, float("nan")) == ("22008", "timestamp cannot be NaN")
    assert err(DTM.to_timestamp_epoch, 1e20) == ("22008", 'timestamp out of range: "1e+20"')
    assert str(DTM.date_bin_ts(iv("15 minutes"), TS("2020-02-11 15:44:17"), TS("2001-01-01"))) == "2020-02-11 15:30:00"
    assert str(DTM.date_bin_ts(iv("15 minutes"), TS("2020-02-11 15:44:17"), TS("2001-01-01 00:02:30"))) == (
        "2020-02-11 15:32:30")
    assert ny(DTM.date_bin_tstz(iv("1 day"), tz("2020-02-11 15:44:17+00:00"), tz("2001-01-01 00:00+00:00"))) == (
        "2020-02-10 19:00:00-05")
    assert str(DTM.date_bin_ts(iv("15 minutes"), TS("1999-02-11 15:44:17"), TS("2001-01-01"))) == "1999-02-11 15:30:00"
    assert err(DTM.date_bin_ts, iv("1 month"), TS("2020-02-11"), TS("2001-01-01")) == (
        "0A000", "timestamps cannot be binned into intervals containing months or years")
    assert err(DTM.date_bin_ts, iv("0 days"), TS("2020-02-11"), TS("2001-01-01")) == (
        "22008", "stride must be greater than zero")
    assert [DTM.isfinite_date(dt.date(2020, 1, 1)), DTM.isfinite_date(INFINITY),
            DTM.isfinite_interval(iv("1 day"))] == [True, False, True]


def test_timezone_function() -> None:
    assert str(DTM.timezone_tstz("UTC", tz("2020-03-08 05:00+00:00"))) == "2020-03-08 05:00:00"
    assert ny(DTM.timezone_ts("Asia/Tokyo", TS("2020-03-08 05:00"))) == "2020-03-07 15:00:00-05"
    assert ny(DTM.timezone_ts("UTC", TS("2020-03-08 05:00"))) == "2020-03-08 00:00:00-05"
    assert str(DTM.timezone_tstz("America/Los_Angeles", tz("2020-03-08 05:00+00:00"))) == "2020-03-07 21:00:00"
    assert ny(DTM.timezone_ts("+05", TS("2020-03-08 05:00"))) == "2020-03-08 06:00:00-04"
    assert str(DTM.timezone_tstz("-05:30", tz("2020-03-08 05:00+00:00"))) == "2020-03-08 10:30:00"
    assert str(DTM.timezone_tstz("EST", tz("2020-07-08 05:00+00:00"))) == "2020-07-08 00:00:00"
    assert str(DTM.timezone_tstz("PST8PDT", tz("2020-07-08 05:00+00:00"))) == "2020-07-07 22:00:00"
    assert str(DTM.timezone_iv_tstz(iv("2 hours"), tz("2020-07-08 05:00+00:00"))) == "2020-07-08 07:00:00"
    assert err(DTM.timezone_ts, "Foo/Bar", TS("2020-03-08")) == ("22023", 'time zone "Foo/Bar" not recognized')


def test_generate_series() -> None:
    D = Decimal
    assert [str(x[0]) for x in SR.numeric_series(D(1), D(2), D("0.5"))] == ["1", "1.5", "2.0"]
    assert [str(x[0]) for x in SR.numeric_series(D("1.0"), D(3))] == ["1.0", "2.0", "3.0"]
    assert [str(x[0]) for x in SR.numeric_series(D("1.5"), D(3))] == ["1.5", "2.5"]
    assert list(SR._int_series(5, 1, -2)) == [(5,), (3,), (1,)]
    assert list(SR._int_series(2147483646, 2147483647)) == [(2147483646,), (2147483647,)]
    assert err(lambda: list(SR._int_series(1, 3, 0))) == ("22023", "step size cannot equal zero")
    assert err(lambda: list(SR.numeric_series(D(1), D("NaN")))) == ("22023", "stop value cannot be NaN")
    assert err(lambda: list(SR.numeric_series(D(1), D("Infinity")))) == ("22023", "stop value cannot be infinity")
    assert err(lambda: list(SR.numeric_series(D(1), D(5), D("Infinity")))) == ("22023",
                                                                             "step size cannot be infinity")
    assert [str(x[0]) for x in SR.timestamp_series(TS("2020-01-01"), TS("2020-01-02"), iv("10 hours"))] == [
        "2020-01-01 00:00:00", "2020-01-01 10:00:00", "2020-01-01 20:00:00"]
    assert [str(x[0].date()) for x in SR.timestamp_series(TS("2020-01-31"), TS("2020-05-01"), iv("1 month"))] == [
        "2020-01-31", "2020-02-29", "2020-03-29", "2020-04-29"]
    assert [str(x[0]) for x in SR.timestamp_series(TS("2020-01-02"), TS("2020-01-01"), iv("-12 hours"))] == [
        "2020-01-02 00:00:00", "2020-01-01 12:00:00", "2020-01-01 00:00:00"]
    assert [ny(x[0]) for x in SR.timestamptz_series(NY, tz("2020-03-07 12:00-05:00"), tz("2020-03-10 00:00-04:00"),
                                                    iv("1 day"))] == [
        "2020-03-07 12:00:00-05", "2020-03-08 12:00:00-04", "2020-03-09 12:00:00-04"]
    assert err(lambda: list(SR.timestamp_series(TS("2020-01-01"), TS("2020-01-02"), iv("0 hours")))) == (
        "22023", "step size cannot equal zero")
