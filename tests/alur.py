"""Builders for the official path's tests: a seeded demo database copied per test (SQLite, and
PostgreSQL when the run has it), the people of each role, a tiny PDF."""

from __future__ import annotations

import pytest

from kinerja_core.access import Actor, Peran
from tests import databases

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


_TEMPLATES: dict[str, str] = {}


@pytest.fixture(scope="session")
def alur_seed(tmp_path_factory, _drop_templates):
    """The demo seeded once per backend and run (a function: backend -> template URL)."""

    def template(backend: str) -> str:
        if backend not in _TEMPLATES:
            from kinerja_core.bootstrap import seed_demo

            folder = tmp_path_factory.mktemp("alur-seed")
            _TEMPLATES[backend] = databases.seeded_template(backend, folder, seed_demo)
            _drop_templates.append(_TEMPLATES[backend])
        return _TEMPLATES[backend]

    return template


@pytest.fixture
def store(db_backend, alur_seed, tmp_path):
    """A store on a fresh copy of the seeded demo database, on every backend the run has."""
    from kinerja_core.store import Store

    with databases.fresh_database(db_backend, tmp_path, template=alur_seed(db_backend)) as url:
        store = Store(url)
        yield store
        store.engine.dispose()
