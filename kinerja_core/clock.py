"""Time: the one "now" for every stored time and the one zone for every shown time.

Stored times are UTC without a zone attached (``utc_now``); people see them in the office's
zone, a setting (``zona_waktu``, default Asia/Makassar = WITA), with its abbreviation
("25 November 2026 14.05 WITA"). "Today" (a due date, a signature date, the current year)
is today in that zone, not on the server's clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Makassar"
# Indonesia's three zones; the abbreviation people write after a time.
ZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def valid_zone(name: str) -> bool:
    """Whether ``name`` is an IANA zone this machine knows (e.g. 'Asia/Jakarta')."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def configured_zone() -> str:
    """The zone of the configuration file (kinerja.toml), or the default when it is unusable."""
    from kinerja_core.settings import config_path

    path = config_path()
    return _zone_of(str(path), path.stat().st_mtime if path.is_file() else None)


@lru_cache(maxsize=4)
def _zone_of(path: str, modified: float | None) -> str:
    from kinerja_core.settings import SettingsError, load_settings

    try:
        return load_settings(path).zona_waktu
    except SettingsError:
        return DEFAULT_ZONE


def _zone(zona: str | None) -> ZoneInfo:
    return ZoneInfo(zona or configured_zone())


def utc_now() -> datetime:
    """Now, in UTC without a zone attached, to the second: what the store writes."""
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None)


def local_now(zona: str | None = None) -> datetime:
    """Now on the office's clock (zone-aware)."""
    return datetime.now(_zone(zona)).replace(microsecond=0)


def today(zona: str | None = None) -> date:
    """Today's date in the office's zone."""
    return local_now(zona).date()


def to_local(value: datetime, zona: str | None = None) -> datetime:
    """A stored (naive UTC) or zone-aware time on the office's clock."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(_zone(zona))


def to_utc(value: datetime, zona: str | None = None) -> datetime:
    """A wall-clock time in the office's zone (naive) as a stored time (naive UTC)."""
    aware = value if value.tzinfo else value.replace(tzinfo=_zone(zona))
    return aware.astimezone(UTC).replace(tzinfo=None)


def local_date(value: datetime, zona: str | None = None) -> date:
    """The office's calendar day of a stored time (e.g. to compare with a due date)."""
    return to_local(value, zona).date()


def abbreviation(zona: str | None = None) -> str:
    """'WITA', 'WIB', 'WIT', or the zone's own abbreviation / UTC offset elsewhere."""
    name = zona or configured_zone()
    if name in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[name]
    return datetime.now(ZoneInfo(name)).strftime("%Z") or name


def fmt_waktu(value: object, zona: str | None = None, empty: str = "–") -> str:
    """A stored time as people read it: '25 November 2026 14.05 WITA'."""
    from kinerja_core.locale_id import fmt_datetime

    moment = _as_datetime(value)
    if moment is None:
        return empty
    return f"{fmt_datetime(to_local(moment, zona))} {abbreviation(zona)}"


def _as_datetime(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value == value else None  # pandas NaT is a datetime that != itself
    try:
        import pandas as pd

        stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp.to_pydatetime()
