"""to_char / to_number / to_date / to_timestamp; expected values recorded from PostgreSQL 15
(TimeZone America/New_York where a zone matters)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import sql.functions  # noqa: F401  (registers the library)
from sql import functions_dtfmt as DF
from sql import functions_dtparse as DP
from sql import functions_numfmt as NF
from sql import functions_tonumber as TN
from sql import typesys as T
from sql.datatypes.interval_io import interval_in
from sql.errors import SqlError


class Ctx:
    class _S:
        tz = ZoneInfo("America/New_York")

        def timezone(self) -> dt.tzinfo:
            return self.tz

    session = _S()


NY = Ctx()
TS = dt.datetime.fromisoformat


def ny(v: Any) -> str:
    return T.text_output(T.TIMESTAMPTZ, tz=NY.session.tz)(v)


def err(fn: Any, *args: Any) -> tuple[str, str]:
    with pytest.raises(SqlError) as ei:
        fn(*args)
    return ei.value.code, str(ei.value)


NUMERIC_CASES = [
    ("123.456", "999.99", " 123.46"), ("-123.456", "999.99", "-123.46"), ("123.456", "0000.00", " 0123.46"),
    ("123.456", "FM999.99", "123.46"), ("1234567.891", "9,999,999.999", " 1,234,567.891"), ("123", "99", " ##"),
    ("0.5", "9.99", "  .50"), ("0.5", "0.99", " 0.50"), ("-0.5", "FM0.99", "-0.5"), ("12", "S99", "+12"),
    ("-12", "S99", "-12"), ("12", "99S", "12+"), ("-12", "99PR", "<12>"), ("12", "99PR", " 12 "),
    ("12", "MI99", " 12"), ("-12", "99MI", "12-"), ("12", "PL99", "+ 12"), ("-12", "SG99", "-12"),
    ("1234.5", "L9999.99", "  1234.50"), ("1234.5", "9999D99", " 1234.50"), ("1234.5", "9G999", " 1,235"),
    ("12", "9th", " #"), ("485", "RN", "        CDLXXXV"), ("485", "FMRN", "CDLXXXV"), ("12345", "99V999", " #####"),
    ("12.4", "99V9", " 124"), ("NaN", "999.9", " NaN"), ("0", "999", "   0"), ("0", "FM999", "0"),
    ("0", "9.99", "  .00"), ("5", "00", " 05"), ("12345", "999", " ###"), ("-5", "999", "  -5"),
    ("5", "FM00999", "00005"), ("100", "FM999.", "100"), ("100", "FM999.9", "100."),
    ("100.1", "FM999.000", "100.100"), ("3.14159", "FM9.0999", "3.1416"), ("1234", "0,000", " 1,234"),
    ("-1234.5", "FM9,999.9", "-1,234.5"), ("0.1", "FM9.9", ".1"), ("0", "FM9.9", "0."), ("0", "FM0.0", "0.0"),
    ("10", "FM9.", "#."), ("1.10", "FM9.99", "1.1"), ("1.10", "FM9.90", "1.10"), ("-0.1", "9.9", " -.1"),
    ("-0.1", "FM9.9", "-.1"), ("0.1", "0.9", " 0.1"), ("-1", "FM9PR", "<1>"), ("-1", "9PR", "<1>"),
    ("1", "9PR", " 1 "), ("-1.5", "S9.9", "-1.5"), ("1.5", "9.9S", "1.5+"), ("-1.5", "9.9S", "1.5-"),
    ("1.5", "FMS9.9", "+1.5"), ("1", "FM9S", "1+"), ("1234567", "FM9,999,999", "1,234,567"), ("12", "FM9,999", "12"),
    ("12", "9,999", "    12"), ("-12", "9G999", "   -12"), ("0.5", "FM0.00", "0.50"), ("12", "9 9", " 1 2"),
    ("12", "x99y", "x 12y"), ("12", '"ab"99', "ab 12"), ("-12", "MI9999", "-  12"), ("12", "SG9999", "+  12"),
    ("-12", "FMSG9999", "-12"), ("5", "9th", " 5th"), ("11", "99TH", " 11TH"), ("-5", "9th", "-5"),
    ("5.5", "9.9th", " 5.5"), ("2.5", "FMRN", "III"), ("1.5", "RN9", "             II"),
    ("0.000123", "9.99EEEE", " 1.23e-04"), ("1.5", "9.99eeee", " 1.50e+00"), ("0", "9.9EEEE", " 0.0e+00"),
    ("9.999", "9.99EEEE", " 10.00e+00"), ("2.5", "9", " 3"), ("-2.5", "9", "-3"), ("0.5", ".99", " .##"),
    ("5", ".9", " .#"), ("12", "", ""),
]


@pytest.mark.parametrize(("value", "fmt", "expected"), NUMERIC_CASES)
def test_numeric_to_char(value: str, fmt: str, expected: str) -> None:
    assert NF.numeric_to_char(Decimal(value), fmt) == expected


def test_int_float_to_char() -> None:
    assert [NF.int_to_char(12, "9999"), NF.int_to_char(1, "FMRN"), NF.int_to_char(4000, "RN"),
            NF.int_to_char(3999, "RN"), NF.int_to_char(-5, "RN"), NF.int_to_char(12, "rn"),
            NF.int_to_char(1, "FM0RN")] == ["   12", "I", "#" * 15, "      MMMCMXCIX", "#" * 15, "            xii", "I"]
    assert [NF.int_to_char(123, "9EEEE"), NF.int_to_char(-123, "9.9EEEE")] == [" 1e+02", "-1.2e+02"]
    f8 = NF.float_to_char
    assert [f8(1.5e10, "9.99EEEE"), f8(123.456, "999.99"), f8(1e20, "999"), f8(12345.678, "99999.999"),
            f8(1e15, "9999999999999999.99"), f8(123456789.123456789, "999999999.999999999")] == [
        " 1.50e+10", " 123.46", " ###", " 12345.678", " 1000000000000000", " 123456789.123457"]
    assert [f8(float("nan"), "9.99EEEE"), f8(float("nan"), "999"), f8(float("inf"), "999.9"), f8(-0.0, "9.9"),
            f8(2.5, "9"), f8(3.5, "9")] == [" #.######", " NaN", " ###.#", " -.0", " 2", " 4"]
    assert NF.float_to_char(1.005, "9.999", 6) == " 1.005"
    assert err(NF.numeric_to_char, Decimal("1.5"), "9.9.9") == ("42601", "multiple decimal points")
    assert err(NF.numeric_to_char, Decimal("1.5"), "9V9.9") == ("42601",
                                                                'cannot use "V" and decimal point together')
    assert err(NF.numeric_to_char, Decimal(1), "FM9EEEE")[0] == "42601"


def test_to_number() -> None:
    cases = [("12,454.8-", "99G999D9S", "-12454.8"), ("-34,338,492", "99G999G999", "-34338492"),
             ("$1,234.56", "L9,999.99", "1234.56"), ("1234.5678", "9999.99", "1234.56"), ("12.34", "99", "12"),
             (" 123", "999", "123"), ("-5", "9", "-5"), ("<5>", "9PR", "-5"), ("5-", "9MI", "-5"),
             ("0.5", "9.9", "0.5"), ("123456", "999", "123"), ("12", "9V9", "1.2000000000000000"),
             ("1,234", "9,999", "1234"), ("1234", "9,999", "1234")]
    assert [str(TN.to_number(a, b)) for a, b, _ in cases] == [e for _, _, e in cases]
    assert TN.to_number("12", "") is None
    assert err(TN.to_number, "abc", "999") == ("22P02", 'invalid input syntax for type numeric: " "')
    assert err(TN.to_number, "1e5", "9EEEE") == ("0A000", '"EEEE" not supported for input')


def tsc(fmt: str, value: str = "2020-03-08 15:04:05.123456") -> str | None:
    return DF.to_char_timestamp(TS(value), fmt)


DATETIME_CASES = [
    ("YYYY-MM-DD HH24:MI:SS.MS.US", "2020-03-08 15:04:05.123456", "2020-03-08 15:04:05.123.123456"),
    ("HH12:MI AM am PM p.m. A.M.", "2020-03-08 05:04:05", "05:04 AM am AM a.m. A.M."),
    ("HH12 HH", "2020-03-08 00:04:05", "12 12"),
    ("Mon MON mon Month MONTH month Dy DY dy Day DAY day", "2020-03-08",
     "Mar MAR mar March     MARCH     march     Sun SUN sun Sunday    SUNDAY    sunday   "),
    ("FMMonth FMDay FMDD FMMM", "2020-03-08", "March Sunday 8 3"),
    ('DD "DD" \\"x\\" YYYY', "2020-03-08", '08 DD "x" 2020'),
    ("Q WW IW IYYY D ID DDD IDDD J CC Y YY YYY Y,YYY", "2020-03-08",
     "1 10 10 2020 1 7 068 070 2458917 21 0 20 020 2,020"),
    ("TH", "2020-03-08", "TH"),
    ("DDTH DDth FMDDth MMth YYYYth", "2020-03-08", "08TH 08th 8th 03rd 2020th"),
    ("DDth", "2020-03-01", "01st"), ("DDth", "2020-03-02", "02nd"), ("DDth", "2020-03-03", "03rd"),
    ("DDth", "2020-03-11", "11th"), ("DDTH", "2020-03-12", "12TH"), ("DDth", "2020-03-22", "22nd"),
    ("FMDDth", "2020-03-23", "23rd"),
    ("TZ OF", "2020-03-08 15:04:05", " +00"),
    ("SSSS SSSSS", "2020-03-08 15:04:05", "54245 54245"),
    ("FF1 FF2 FF3 FF4 FF5 FF6", "2020-03-08 15:04:05.123456", "1 12 123 1234 12345 123456"),
    ("RM rm", "2020-03-08", "III  iii "),
    ("BC bc AD a.d.", "2020-03-08 15:04:05", "AD ad AD a.d."),
    ("W", "2020-03-08", "2"),
    ("IYYY-IW-ID IDDD", "2020-03-08 15:04:05", "2020-10-7 070"),
    ("IYYY IW", "2020-01-01", "2020 01"),
    ("FMHH12th FMMIth", "2020-03-08 15:04:05", "3rd 4th"),
    ("HH24SP", "2020-03-08 15:04:05", "15"),
    ("YYYY CC BC Y,YYY", "0001-01-01", "0001 01 AD 0,001"),
    ("xyz Q9", "2020-03-08", "x0z 19"),
]


@pytest.mark.parametrize(("fmt", "value", "expected"), DATETIME_CASES)
def test_timestamp_to_char(fmt: str, value: str, expected: str) -> None:
    assert tsc(fmt, value) == expected


def test_timestamptz_interval_time_to_char() -> None:
    def tz(s: str) -> dt.datetime:
        return dt.datetime.fromisoformat(s).astimezone(dt.UTC)

    assert DF.to_char_timestamptz(NY, tz("2020-03-08 15:04:05+00:00"), "YYYY-MM-DD HH24:MI:SS TZ tz OF TZH TZM") == (
        "2020-03-08 11:04:05 EDT edt -04 -04 00")
    assert DF.to_char_timestamptz(NY, tz("2020-07-08 15:04:05+00:00"), "TZ") == "EDT"

    def ivc(v: str, fmt: str) -> str | None:
        return DF.to_char_interval(interval_in(v), fmt)

    assert [ivc("1 day 02:03:04.5", "DD HH24:MI:SS.MS"), ivc("-3 hours", "HH24"), ivc("15 months", "YYYY MM"),
            ivc("25 hours", "HH HH12 HH24")] == ["01 02:03:04.500", "-03", "0001 03", "01 01 25"]
    assert ivc("1 year 2 months 3 days 04:05:06", "YYYY Y,YYY YY Y CC Q MM DD DDD WW W J SSSS RM HH12 AM") == (
        "0001 0,001 01 1 00 1 02 03 423 61 1 1721459 14706 II   04 AM")
    assert [ivc("-1 year -2 months", "YYYY MM RM"), ivc("14 months", "RM"),
            ivc("-3 days -4 hours", "DD HH24 HH MI SS")] == ["-0001 -02 XI  ", "II  ", "-3 -04 -04 00 00"]
    assert DF.to_char_time(dt.time(15, 4, 5, 500000), "HH24:MI:SS.MS AM") == "15:04:05.500 PM"
    assert ivc("1 day", "IYYY IW IDDD J W WW Q CC") == "-001 48 332 1721029 1 01  00"
    for fmt in ("Mon", "Day", "TZ", "AD", "D", "OF"):
        with pytest.raises(SqlError) as ei:
            ivc("1 day", fmt)
        assert (ei.value.code, str(ei.value)) == ("22007", "invalid format specification for an interval value")
    assert DF.to_char_timestamp(TS("2020-03-08"), "") is None


def test_to_timestamp_and_to_date() -> None:
    def tt(a: str, b: str) -> str:
        return ny(DP.to_timestamp(NY, a, b))

    assert [tt("2020-03-08 15:04:05", "YYYY-MM-DD HH24:MI:SS"), tt("08 Mar 2020", "DD Mon YYYY"),
            tt("2020-03-08 03:04:05 PM", "YYYY-MM-DD HH:MI:SS AM"),
            tt("2020-03-08 15:04:05.123456", "YYYY-MM-DD HH24:MI:SS.US"),
            tt("2020-03-08 15:04:05.12", "YYYY-MM-DD HH24:MI:SS.MS"),
            tt("2020-03-08 15:04:05 -03", "YYYY-MM-DD HH24:MI:SS TZH"),
            tt("2020-03-08 15:04:05 -03:30", "YYYY-MM-DD HH24:MI:SS TZH:TZM"),
            tt("2020-03-08T15:04:05", 'YYYY-MM-DD"T"HH24:MI:SS'),
            tt("2020-03-08 15:04:05.123456", "YYYY-MM-DD HH24:MI:SS.FF3"),
            tt("2020 12:30 a.m.", "YYYY HH:MI a.m.")] == [
        "2020-03-08 15:04:05-04", "2020-03-08 00:00:00-05", "2020-03-08 15:04:05-04", "2020-03-08 15:04:05.123456-04",
        "2020-03-08 15:04:05.12-04", "2020-03-08 14:04:05-04", "2020-03-08 14:34:05-04", "2020-03-08 15:04:05-04",
        "2020-03-08 15:04:05.123-04", "2020-01-01 00:30:00-05"]
    cases = [("2020-03-08", "YYYY-MM-DD", "2020-03-08"), ("20200308", "YYYYMMDD", "2020-03-08"),
             ("2020 068", "YYYY DDD", "2020-03-08"), ("2020-3-8", "YYYY-MM-DD", "2020-03-08"),
             ("2020/03/08", "YYYY-MM-DD", "2020-03-08"), ("  2020  03 08", "YYYY MM DD", "2020-03-08"),
             ("2020-03-08", "YYYYMMDD", "2020-01-03"), ("99-1-2", "YY-MM-DD", "1999-01-02"),
             ("69-1-2", "YY-MM-DD", "2069-01-02"), ("2020-03", "YYYY-MM", "2020-03-01"), ("2020", "YYYY", "2020-01-01"),
             ("March 8, 2020", "Month DD, YYYY", "2020-03-08"), ("Sunday 2020-03-08", "Day YYYY-MM-DD", "2020-03-08"),
             ("2020-10-7", "IYYY-IW-ID", "2020-03-08"), ("2020 10", "IYYY IW", "2020-03-02"),
             ("21 05", "CC YY", "2005-01-01"), ("2458917", "J", "2020-03-08"),
             ("2020 12th", "YYYY DDDth", "2020-01-12"),
             ("x2020", "xYYYY", "2020-01-01"), ("2020-II-08", "YYYY-RM-DD", "2020-02-08"),
             ("2020-03-08", "YYYY-MM-DDTH", "2020-03-08"), ("8th March 2020", "DDth Month YYYY", "2020-03-08"),
             ("2020 Mar 8", "YYYY MON DD", "2020-03-08"), ("2020 mar 8", "YYYY Mon DD", "2020-03-08"),
             ("2020", "YYYYY", "2020-01-01"), ("2020 -03", "YYYY MM", "2020-03-01"), ("1 2 3", "Y M D", "2001-01-01"),
             ("2020 03 08", "YYYY MM DD MM", "2020-03-08"), ("20", "YYYY", "0020-01-01"),
             ("2020-03-08 junk", "YYYY-MM-DD", "2020-03-08"), ("2020", "YYYY-MM-DD", "2020-01-01"),
             ("2020  03 08", "FXYYYY MM DD", "2020-03-08"), ("2020-1-8", "FXYYYY-MM-DD", "2020-01-08")]
    assert [str(DP.to_date(a, b)) for a, b, _ in cases] == [e for _, _, e in cases]


@pytest.mark.parametrize(("text", "fmt", "code", "message"), [
    ("2020-13-01", "YYYY-MM-DD", "22008", 'date/time field value out of range: "2020-13-01"'),
    ("2020-02-30", "YYYY-MM-DD", "22008", 'date/time field value out of range: "2020-02-30"'),
    ("2020-Foo-01", "YYYY-Mon-DD", "22007", 'invalid value "Foo-01" for "Mon"'),
    ("2020x03x08", "YYYY-MM-DD", "22007", 'invalid value "x0" for "MM"'),
    ("2020 W10", "YYYY IW", "22007", "invalid combination of date conventions"),
    ("2020 1,234", "YYYY Y,YYY", "22007", 'conflicting values for "Y,YYY" field in formatting string'),
    ("2020-03-08 25", "YYYY-MM-DD HH24", "22008", 'date/time field value out of range: "2020-03-08 25"'),
])
def test_to_date_errors(text: str, fmt: str, code: str, message: str) -> None:
    assert err(DP.to_date, text, fmt) == (code, message)


def test_to_timestamp_errors() -> None:
    assert err(DP.to_timestamp, NY, "13:00 PM", "HH:MI PM") == ("22007", 'hour "13" is invalid for the 12-hour clock')
    assert err(DP.to_timestamp, NY, "2020-03-08 15:04:05.123456789", "YYYY-MM-DD HH24:MI:SS.FF6")[0] == "22008"
    assert err(DP.to_timestamp, NY, "2020-03-08 15:04:05 EST", "YYYY-MM-DD HH24:MI:SS TZ") == (
        "0A000", 'formatting field "TZ" is only supported in to_char')
    # PostgreSQL returns 0001-01-01 ... BC here; BC timestamps cannot be represented
    assert err(DP.to_timestamp, NY, "10:30", "HH24:MI")[0] == "22008"
