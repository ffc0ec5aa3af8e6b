"""Two app processes serving one database stay consistent (README: more than one server).

Each process caches its analysis per data version; a change written through either
process, or by the CLI, must show in both on their next rerun, never a stale figure.
Sessions speak the browser's protocol (tests/protocol.py) to two real `streamlit run`.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from kinerja_core import intake
from kinerja_core.bootstrap import seed_demo
from kinerja_core.demo import demo_frames
from kinerja_core.store import Store
from kinerja_core.template import build_format
from tests.login import admin
from tests.protocol import Server, Session

pytestmark = pytest.mark.e2e


def _statistik_with_all_realisasi_doubled() -> bytes:
    indicators, anggaran = demo_frames(2024)
    mine = indicators[indicators["bidang"] == "Bidang Statistik"].copy()
    for n in range(1, 5):
        mine[f"realisasi_tw{n}"] = mine[f"realisasi_tw{n}"] * 2
    return build_format(
        mine,
        anggaran[anggaran["bidang"] == "Bidang Statistik"],
        bidang="Bidang Statistik",
        tahun=2024,
        dinas="Dinas Kominfo-SP",
        filled=True,
    )


async def _analisis_figures(server: Server) -> dict[str, str]:
    async with Session(server, "analisis") as session:
        await session.rerun()
        return session.metrics()


async def _scenario(first: Server, second: Server, db) -> None:
    before = [await _analisis_figures(s) for s in (first, second)]
    assert before[0] == before[1]
    assert before[0]["Indikator"] == "53"

    # A new version stored by another process (the CLI's path): both servers see it.
    store = Store(f"sqlite:///{db}")
    (outcome,) = intake.import_files(
        store, [(_statistik_with_all_realisasi_doubled(), "statistik_v2.xlsx")], actor=admin("uji")
    )
    store.engine.dispose()
    assert outcome.status == intake.SAVED and outcome.version == 2
    after = [await _analisis_figures(s) for s in (first, second)]
    assert after[0] == after[1]
    assert after[0]["Rata-rata capaian"] != before[0]["Rata-rata capaian"]

    # A rapat note written through the first server shows on the second.
    async with Session(first, "rapat") as writer, Session(second, "rapat") as reader:
        for session in (writer, reader):
            await session.rerun()
            session.click("rapat_buka_catatan")  # the notes dialog of the slide
            await session.rerun()
        note = "Keputusan uji dua server: Statistik memperbarui data TW IV"
        assert not any(note in text for text in reader.texts())
        writer.set_text("label:Isi", note)
        writer.click("label:Simpan")
        await writer.rerun()
        await reader.rerun()
        assert any(note in text for text in reader.texts())


def test_two_processes_on_one_database_show_the_same_figures(tmp_path):
    db = tmp_path / "bersama.db"
    store = Store(f"sqlite:///{db}")
    seed_demo(store)
    store.engine.dispose()
    with Server(db) as first, Server(db) as second, ThreadPoolExecutor(1) as thread:
        # a thread of its own: Playwright's sync API may hold an event loop in this one
        thread.submit(asyncio.run, _scenario(first, second, db)).result()
