"""clock: one stored 'now' (UTC) and every shown time in the office's zone."""

import os
from datetime import UTC, date, datetime

import pytest

from kinerja_core import clock
from kinerja_core.settings import Settings, SettingsError, load_settings


def test_default_zone_is_wita():
    assert Settings().zona_waktu == "Asia/Makassar"
    assert clock.abbreviation("Asia/Makassar") == "WITA"
    assert clock.abbreviation("Asia/Jakarta") == "WIB"
    assert clock.abbreviation("Asia/Jayapura") == "WIT"


def test_stored_utc_is_shown_in_the_office_zone():
    stored = datetime(2026, 11, 25, 6, 5)  # UTC
    assert clock.fmt_waktu(stored, "Asia/Makassar") == "25 November 2026 14.05 WITA"
    assert clock.fmt_waktu(stored, "Asia/Jakarta") == "25 November 2026 13.05 WIB"
    assert clock.fmt_waktu(stored, "Asia/Jayapura") == "25 November 2026 15.05 WIT"
    assert clock.fmt_waktu(None) == "–"
    assert clock.fmt_waktu(float("nan")) == "–"


def test_late_evening_utc_is_the_next_day_in_wita():
    stored = datetime(2026, 1, 15, 17, 30)  # 01.30 WITA on 16 January
    assert clock.local_date(stored, "Asia/Makassar") == date(2026, 1, 16)
    assert clock.local_date(stored, "Asia/Jakarta") == date(2026, 1, 16)


def test_wall_clock_round_trip():
    wall = datetime(2025, 1, 17, 14, 5)
    stored = clock.to_utc(wall, "Asia/Makassar")
    assert stored == datetime(2025, 1, 17, 6, 5) and stored.tzinfo is None
    assert clock.to_local(stored, "Asia/Makassar").replace(tzinfo=None) == wall


def test_utc_now_is_naive_utc_to_the_second():
    now = clock.utc_now()
    assert now.tzinfo is None and now.microsecond == 0
    assert abs((datetime.now(UTC).replace(tzinfo=None) - now).total_seconds()) < 5


def test_zone_setting_read_and_checked(tmp_path, monkeypatch):
    path = tmp_path / "kinerja.toml"
    path.write_text('zona_waktu = "Asia/Jakarta"\n', encoding="utf-8")
    assert load_settings(path).zona_waktu == "Asia/Jakarta"
    monkeypatch.setenv("KINERJA_CONFIG", str(path))
    assert clock.configured_zone() == "Asia/Jakarta"
    assert clock.fmt_waktu(datetime(2026, 1, 1, 1, 0)).endswith("08.00 WIB")
    path.write_text('zona_waktu = "Asia/Luwu"\n', encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))  # a changed file, whatever the clock's resolution
    with pytest.raises(SettingsError, match="zona_waktu"):
        load_settings(path)
    assert clock.configured_zone() == "Asia/Makassar"  # unusable file: the default
