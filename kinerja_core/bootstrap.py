"""First start: fill an empty database with the demo workbooks in data/demo/.

The demo walks the same path as real data: each collection-format workbook is read by
ingest and stored as a submission (with its bytes), and the year's rencana is taken from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from kinerja_core import accounts, clock
from kinerja_core.access import Actor, Peran
from kinerja_core.model import conform_anggaran, conform_indicators
from kinerja_core.rencana import rencana_from_frames
from kinerja_core.settings import DEMO_DIR
from kinerja_core.store import Store

DEMO_USER = "data demo"
# The demo seed acts as the admin; its label (what the records show) is DEMO_USER.
DEMO_ACTOR = Actor(pengguna=DEMO_USER, nama="", peran=Peran.ADMIN)
DEMO_ZONE = "Asia/Makassar"  # the demo Dinas is in Luwu Timur (WITA)


@dataclass(frozen=True)
class DemoAccount:
    pengguna: str
    sandi: str
    peran: Peran
    nama: str
    bidang: str | None = None


# One account per role, shown on the login page while the demo data is in use.
DEMO_ACCOUNTS = (
    DemoAccount("admin", "demo-admin", Peran.ADMIN, "Demo Kasubag Perencanaan"),
    DemoAccount(
        "kabid.statistik", "demo-kabid", Peran.KABID, "Demo Kabid Statistik", "Bidang Statistik"
    ),
    DemoAccount("sekretaris", "demo-sekretaris", Peran.SEKRETARIS, "Demo Sekretaris"),
    DemoAccount("kadis", "demo-kadis", Peran.KEPALA_DINAS, "Demo Kepala Dinas"),
    DemoAccount("tamu", "demo-tamu", Peran.TAMU, "Demo Tamu Rapat"),
)


def demo_files(folder: Path = DEMO_DIR) -> dict[int, list[Path]]:
    """{tahun: [workbooks]} from data/demo/<tahun>/*.xlsx."""
    found: dict[int, list[Path]] = {}
    for year_dir in sorted(p for p in folder.glob("*") if p.is_dir() and p.name.isdigit()):
        files = sorted(year_dir.glob("*.xlsx"))
        if files:
            found[int(year_dir.name)] = files
    return found


def demo_received(tahun: int, filename: str, index: int) -> datetime:
    """When the demo bidang "sent" their sheets: the week before the 15 January due date,
    except Persandian's latest year, two days late, so the tracker shows a late bidang.
    Wall-clock times in Luwu Timur, returned as stored times (UTC)."""
    if "persandian" in filename and tahun == max(demo_files()):
        return clock.to_utc(datetime(tahun + 1, 1, 17, 14, 5), DEMO_ZONE)
    return clock.to_utc(datetime(tahun + 1, 1, 6 + index % 5, 9, 30), DEMO_ZONE)


def seed_demo(store: Store, folder: Path = DEMO_DIR) -> int:
    """Load the demo workbooks into ``store``; returns how many files were stored."""
    from kinerja_core.ingest import read_upload

    stored = 0
    for tahun, files in demo_files(folder).items():
        plan_ind, plan_ang = [], []
        for path in files:
            result = read_upload(path.read_bytes(), path.name)
            store.add_submission(
                tahun=tahun,
                bidang=result.bidang,
                filename=path.name,
                content=path.read_bytes(),
                actor=DEMO_ACTOR,
                indicators=result.indicators,
                anggaran=result.anggaran,
                problems=result.problems,
                shape=result.shape,
                uploaded_at=demo_received(tahun, path.name, stored),
            )
            stored += 1
            plan_ind.append(result.indicators)
            plan_ang.append(result.anggaran)
        indicators, anggaran = rencana_from_frames(
            conform_indicators(pd.concat(plan_ind, ignore_index=True)),
            conform_anggaran(pd.concat(plan_ang, ignore_index=True)),
        )
        store.set_rencana(tahun, indicators, anggaran, actor=DEMO_ACTOR)
        store.open_period(tahun, 4, date(tahun + 1, 1, 15), actor=DEMO_ACTOR)
    seed_demo_accounts(store)
    return stored


def seed_demo_accounts(store: Store) -> None:
    """The demo's accounts (one per role) that do not exist yet."""
    for demo in DEMO_ACCOUNTS:
        if accounts.find(store, demo.pengguna) is None:
            accounts.create(
                store,
                Actor.cli(),
                pengguna=demo.pengguna,
                sandi=demo.sandi,
                peran=demo.peran,
                nama=demo.nama,
                bidang=demo.bidang,
            )


def demo_in_use(store: Store) -> bool:
    """The database holds the demo data: submissions stored by the demo seed."""
    frame = store.submissions()
    return bool(len(frame)) and bool((frame["uploaded_by"] == DEMO_USER).any())


def demo_accounts_shown(store: Store) -> list[DemoAccount]:
    """The demo accounts to list on the login page: only while the demo data is in use, and
    only those still holding their demo password (never changed since they were made)."""
    if not demo_in_use(store):
        return []
    unchanged = accounts.unchanged_passwords(store)
    return [demo for demo in DEMO_ACCOUNTS if demo.pengguna in unchanged]


def ensure_ready(store: Store) -> None:
    """Seed the demo data when the database has nothing yet; a demo database made before
    accounts existed gets the demo accounts."""
    if store.is_empty():
        seed_demo(store)
    elif not accounts.has_accounts(store) and demo_in_use(store):
        seed_demo_accounts(store)
