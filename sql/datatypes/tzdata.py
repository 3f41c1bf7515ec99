"""Time zone lookups for date/time input: PostgreSQL's default abbreviation table and
case-insensitive IANA zone names (via :mod:`zoneinfo`).

The abbreviation table is PostgreSQL 15's ``Default`` set (``pg_timezone_abbrevs``), each
abbreviation with its UTC offset in seconds (east positive) and whether it is a daylight
abbreviation. PostgreSQL resolves a few of these (e.g. ``MSK``) against their zone's history;
here every abbreviation has the fixed offset it has today.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import zoneinfo

_ABBREV_DATA = (
    "ACDT:37800:d ACSST:37800:d ACST:34200:s ACT:-18000:s ACWST:31500:s ADT:-10800:d AEDT:39600:d "
    "AESST:39600:d AEST:36000:s AFT:16200:s AKDT:-28800:d AKST:-32400:s ALMST:25200:d ALMT:21600:s "
    "AMST:14400:s AMT:-14400:s ANAST:43200:s ANAT:43200:s ARST:-10800:s ART:-10800:s AST:-14400:s "
    "AWSST:32400:d AWST:28800:s AZOST:0:d AZOT:-3600:s AZST:14400:s AZT:14400:s BDST:7200:d "
    "BDT:21600:s BNT:28800:s BORT:28800:s BOT:-14400:s BRA:-10800:s BRST:-7200:d BRT:-10800:s "
    "BST:3600:d BTT:21600:s CADT:37800:d CAST:34200:s CCT:28800:s CDT:-18000:d CEST:7200:d "
    "CET:3600:s CETDST:7200:d CHADT:49500:d CHAST:45900:s CHUT:36000:s CKT:-36000:s CLST:-10800:d "
    "CLT:-10800:d COT:-18000:s CST:-21600:s CXT:25200:s DAVT:25200:s DDUT:36000:s EASST:-18000:d "
    "EAST:-18000:d EAT:10800:s EDT:-14400:d EEST:10800:d EET:7200:s EETDST:10800:d EGST:0:d "
    "EGT:-3600:s EST:-18000:s FET:10800:s FJST:46800:d FJT:43200:s FKST:-10800:s FKT:-10800:s "
    "FNST:-3600:d FNT:-7200:s GALT:-21600:s GAMT:-32400:s GEST:14400:s GET:14400:s GFT:-10800:s "
    "GILT:43200:s GMT:0:s GYT:-14400:s HKT:28800:s HST:-36000:s ICT:25200:s IDT:10800:d IOT:21600:s "
    "IRKST:28800:s IRKT:28800:s IRT:12600:s IST:7200:s JAYT:32400:s JST:32400:s KDT:36000:d "
    "KGST:21600:d KGT:21600:s KOST:39600:s KRAST:25200:s KRAT:25200:s KST:32400:s LHDT:39600:d "
    "LHST:37800:s LIGT:36000:s LINT:50400:s LKT:19800:s MAGST:39600:s MAGT:39600:s MART:-34200:s "
    "MAWT:18000:s MDT:-21600:d MEST:7200:d MESZ:7200:d MET:3600:s METDST:7200:d MEZ:3600:s "
    "MHT:43200:s MMT:23400:s MPT:36000:s MSD:14400:d MSK:10800:s MST:-25200:s MUST:18000:d "
    "MUT:14400:s MVT:18000:s MYT:28800:s NDT:-9000:d NFT:-12600:s NOVST:25200:s NOVT:25200:s "
    "NPT:20700:s NST:-12600:s NUT:-39600:s NZDT:46800:d NZST:43200:s NZT:43200:s OMSST:21600:s "
    "OMST:21600:s PDT:-25200:d PET:-18000:s PETST:43200:s PETT:43200:s PGT:36000:s PHT:28800:s "
    "PKST:21600:d PKT:18000:s PMDT:-7200:d PMST:-10800:s PONT:39600:s PST:-28800:s PWT:32400:s "
    "PYST:-10800:d PYT:-10800:s RET:14400:s SADT:37800:d SAST:7200:s SCT:14400:s SGT:28800:s "
    "TAHT:-36000:s TFT:18000:s TJT:18000:s TKT:46800:s TMT:18000:s TOT:46800:s TRUT:36000:s "
    "TVT:43200:s UCT:0:s ULAST:32400:d ULAT:28800:s UT:0:s UTC:0:s UYST:-7200:d UYT:-10800:s "
    "UZST:21600:d UZT:18000:s VET:-14400:s VLAST:36000:s VLAT:36000:s VOLT:10800:s VUT:39600:s "
    "WADT:28800:d WAKT:43200:s WAST:25200:s WAT:3600:s WDT:32400:d WET:0:s WETDST:3600:d WFT:43200:s "
    "WGST:-7200:d WGT:-10800:s XJT:21600:s YAKST:32400:s YAKT:32400:s YAPT:36000:s YEKST:21600:d "
    "YEKT:18000:s Z:0:s ZULU:0:s "
)

ABBREVIATIONS: dict[str, tuple[int, bool]] = {}
for _item in _ABBREV_DATA.split():
    _name, _off, _kind = _item.split(":")
    ABBREVIATIONS[_name.lower()] = (int(_off), _kind == "d")


def abbreviation_offset(name: str) -> tuple[int, bool] | None:
    """``(offset_seconds_east, is_dst)`` of a lower-case abbreviation, or None."""
    return ABBREVIATIONS.get(name.lower())


@functools.lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    try:
        names = zoneinfo.available_timezones()
    except Exception:  # pragma: no cover - no tzdata on the system
        names = set()
    return {n.lower(): n for n in names}


@functools.lru_cache(maxsize=512)
def find_zone(name: str) -> _dt.tzinfo | None:
    """The IANA zone called ``name`` (case-insensitive), or None."""
    if not name:
        return None
    low = name.lower()
    if low in ("utc", "gmt", "zulu", "z", "uct", "ut"):
        return _dt.UTC
    real = _zone_names().get(low)
    if real is None:
        return _posix_zone(low)
    try:
        return zoneinfo.ZoneInfo(real)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


_POSIX = re.compile(r"[a-z]{3,}([+-]?)([0-9]{1,2})(?::([0-9]{2})(?::([0-9]{2}))?)?")


def _posix_zone(low: str) -> _dt.tzinfo | None:
    """POSIX-style ``STDoffset`` names such as ``GMT+2`` (offset hours WEST of Greenwich)."""
    m = _POSIX.fullmatch(low)
    if m is None:
        return None
    secs = int(m.group(2)) * 3600 + int(m.group(3) or 0) * 60 + int(m.group(4) or 0)
    if secs >= 24 * 3600:
        return None
    east = secs if m.group(1) == "-" else -secs
    return _dt.timezone(_dt.timedelta(seconds=east))
