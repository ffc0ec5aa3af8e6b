"""Builders for the official path's tests: a seeded demo database copied per test, the people
of each role, a tiny PDF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kinerja_core.access import Actor, Peran

ADMIN = Actor("kasubag", "Rina Kasubag", Peran.ADMIN)
SEKRETARIS = Actor("sekretaris", "Budi Sekretaris", Peran.SEKRETARIS)
KEPALA = Actor("kadis", "Andi Kepala", Peran.KEPALA_DINAS)
KABID = Actor("kabid", "Sari Kabid", Peran.KABID, bidang="Bidang Persandian")
TAMU = Actor("tamu", "Tamu Rapat", Peran.TAMU)
EVERYONE = (ADMIN, SEKRETARIS, KEPALA, KABID, TAMU)

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(scope="session")
def alur_seed(tmp_path_factory) -> Path:
    from kinerja_core.bootstrap import seed_demo
    from kinerja_core.store import Store

    path = tmp_path_factory.mktemp("alur-seed") / "demo.db"
    store = Store(f"sqlite:///{path}")
    seed_demo(store)
    store.engine.dispose()
    return path


@pytest.fixture
def store(alur_seed, tmp_path):
    """A store on a fresh copy of the seeded demo database."""
    from kinerja_core.store import Store

    path = tmp_path / "kinerja.db"
    shutil.copy(alur_seed, path)
    store = Store(f"sqlite:///{path}")
    yield store
    store.engine.dispose()
