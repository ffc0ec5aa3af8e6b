"""intake.import_files: many files stored as the Pengumpulan page stores one (the `impor` CLI)."""

from __future__ import annotations

import pandas as pd
import pytest

from kinerja_core import intake
from kinerja_core.bootstrap import seed_demo
from kinerja_core.ingest import read_upload
from kinerja_core.ingest.bidang import title_bidang
from kinerja_core.settings import DEMO_DIR
from kinerja_core.store import Store
from tests.ingest.builders import write_xlsx
from tests.login import admin


def demo_items(tahun: int = 2024) -> list[tuple[bytes, str]]:
    return [(p.read_bytes(), p.name) for p in sorted((DEMO_DIR / str(tahun)).glob("*.xlsx"))]


def messy_file(title: str, rows: list[tuple[str, str, str, float, float]]) -> bytes:
    """A table people send: a title row, then Kode / Uraian / Indikator / Satuan / Target /
    Realisasi TW I…IV; rows are (kode, uraian, indikator, target, realisasi TW I)."""
    header = ["Kode", "Program/Kegiatan", "Indikator", "Satuan", "Target 2024"]
    header += ["Realisasi TW I", "Realisasi TW II", "Realisasi TW III", "Realisasi TW IV"]
    body = [[k, u, i, "Dokumen", t, r, r, r, r] for k, u, i, t, r in rows]
    return write_xlsx({"Kinerja": [[title], [], header, *body]})


KEUANGAN = [
    ("5.01.01.2.01.0001", "Penyusunan Anggaran", "Dokumen APBD tersusun", 4.0, 1.0),
    ("5.01.01.2.01.0002", "Penatausahaan Keuangan", "Laporan keuangan tepat waktu", 12.0, 3.0),
]


@pytest.fixture
def store(tmp_path) -> Store:
    found = Store(f"sqlite:///{tmp_path / 'k.db'}")
    yield found
    found.engine.dispose()


def test_title_bidang_names_any_bidang():
    assert title_bidang(["BIDANG PENGELOLAAN KEUANGAN — TAHUN ANGGARAN 2024"]) == (
        "Bidang Pengelolaan Keuangan"
    )
    assert title_bidang(["", "SEKRETARIAT - TA 2024"]) == "Sekretariat"
    assert title_bidang(["Laporan Bidang TIK dan e-Gov, 2024"]) == "Bidang TIK dan e-Gov"
    assert title_bidang(["DINAS KOMINFO 2024"]) == ""


def test_empty_database_files_define_the_rencana_as_the_demo_seeding_does(store, tmp_path):
    outcomes = intake.import_files(store, demo_items(), actor=admin("uji"))
    assert [o.status for o in outcomes] == [intake.SAVED] * 5
    assert all(o.version == 1 and o.tahun == 2024 for o in outcomes)

    seeded = Store(f"sqlite:///{tmp_path / 'seeded.db'}")
    seed_demo(seeded)
    mine, theirs = store.rencana(2024)[0], seeded.rencana(2024)[0]
    key = ["bidang", "kode", "indikator"]
    columns = [*key, "satuan", "polaritas", "agregasi", "target", "target_teks"]
    pd.testing.assert_frame_equal(
        mine[columns].sort_values(key).reset_index(drop=True),
        theirs[columns].sort_values(key).reset_index(drop=True),
    )
    stored = store.indicators(2024)
    assert len(stored) == len(seeded.indicators(2024))
    assert set(stored["bidang"]) == set(mine["bidang"])  # every row under a planned bidang
    seeded.engine.dispose()


def test_title_names_a_new_bidang_when_there_is_no_rencana(store):
    content = messy_file("BIDANG PENGELOLAAN KEUANGAN — TAHUN ANGGARAN 2024", KEUANGAN)
    assert read_upload(content, "keu.xlsx").bidang == ""  # unknown to the demo dinas
    (outcome,) = intake.import_files(store, [(content, "keu.xlsx")], actor=admin())
    assert outcome.status == intake.SAVED, outcome.reason
    assert outcome.bidang == "Bidang Pengelolaan Keuangan"
    plan = store.rencana(2024)[0]
    assert set(plan["bidang"]) == {"Bidang Pengelolaan Keuangan"}
    assert plan["realisasi_tw1"].isna().all()  # the plan carries no realisasi
    rows = store.indicators(2024)
    assert list(rows["bidang"].unique()) == ["Bidang Pengelolaan Keuangan"]
    assert sorted(rows["realisasi_tw1"]) == [1.0, 3.0]


def test_with_a_rencana_a_bidang_outside_it_is_refused_by_name(store):
    seed_demo(store)
    before = len(store.submissions())
    content = messy_file("BIDANG PENGELOLAAN KEUANGAN — TAHUN ANGGARAN 2024", KEUANGAN)
    (outcome,) = intake.import_files(store, [(content, "keu.xlsx")], actor=admin())
    assert outcome.status == intake.REFUSED
    assert not outcome.stored
    assert "Bidang Pengelolaan Keuangan" in outcome.reason
    assert "rencana tahun 2024" in outcome.reason
    assert len(store.submissions()) == before


def test_with_a_rencana_the_file_is_checked_against_it(store):
    seed_demo(store)
    plan = store.rencana(2024)[0]
    row = plan[plan["bidang"] == "Bidang Statistik"].iloc[0]
    title = "BIDANG STATISTIK — TAHUN ANGGARAN 2024"
    content = messy_file(title, [(row["kode"], row["uraian"], row["indikator"], 999.0, 1.0)])
    (outcome,) = intake.import_files(store, [(content, "statistik.xlsx")], actor=admin())
    assert outcome.status == intake.SAVED
    assert outcome.version == 2  # the demo seeding stored version 1
    stored = store.indicators(2024)
    mine = stored[stored["bidang"] == "Bidang Statistik"]
    assert len(mine) == 1
    assert mine["target"].iloc[0] == row["target"]  # the plan's target wins, with a warning
    assert any("Target" in p.message and "rencana" in p.message for p in outcome.problems)
    assert any("tidak ada di berkas" in p.message for p in outcome.problems)


def test_same_bytes_again_are_not_a_new_version(store):
    intake.import_files(store, demo_items(), actor=admin())
    again = intake.import_files(store, demo_items()[:2], actor=admin())
    assert [o.status for o in again] == [intake.UNCHANGED] * 2
    assert all("versi 1" in o.reason for o in again)
    assert len(store.submissions(2024)) == 5


def test_a_file_with_errors_is_archived_not_used(store):
    intake.import_files(store, demo_items(), actor=admin())
    title = "BIDANG STATISTIK — TAHUN ANGGARAN 2024"
    broken = write_xlsx(
        {
            "Kinerja": [
                [title],
                ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"],
                ["2.20.02.2.01.0001", "Indikator A", "Dokumen", 10, "abc"],
            ]
        }
    )
    (outcome,) = intake.import_files(store, [(broken, "rusak.xlsx")], actor=admin())
    assert outcome.status == intake.ARCHIVED
    assert any(p.level == "error" and "abc" in p.message for p in outcome.problems)
    latest = store.latest_submission(2024, "Bidang Statistik")
    assert latest["version"] == 2 and not latest["usable"]
    # the analysis still uses version 1
    assert (store.indicators(2024)["bidang"] == "Bidang Statistik").sum() == 9


def test_unknown_year_is_refused_unless_given(store):
    rows = [("5.01.01.2.01.0001", "Penyusunan Anggaran", "Dokumen APBD", 4.0, 1.0)]
    header = ["Kode", "Program/Kegiatan", "Indikator", "Satuan", "Target"]
    header += ["Realisasi TW I", "Realisasi TW II", "Realisasi TW III", "Realisasi TW IV"]
    body = [[k, u, i, "Dokumen", t, r, r, r, r] for k, u, i, t, r in rows]
    content = write_xlsx({"Kinerja": [["BIDANG KEUANGAN"], header, *body]})
    (outcome,) = intake.import_files(store, [(content, "keuangan.xlsx")], actor=admin())
    assert outcome.status == intake.REFUSED
    assert "Tahun" in outcome.reason and "--tahun" in outcome.reason
    (outcome,) = intake.import_files(store, [(content, "keuangan.xlsx")], tahun=2025, actor=admin())
    assert outcome.status == intake.SAVED, outcome.reason
    assert outcome.tahun == 2025 and outcome.bidang == "Bidang Keuangan"


def test_file_without_any_bidang_is_refused(store):
    header = ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"]
    content = write_xlsx({"Data": [header, ["1.01.01", "Indikator A", "Dokumen", 5, 1]]})
    (outcome,) = intake.import_files(store, [(content, "data.xlsx")], actor=admin())
    assert outcome.status == intake.REFUSED
    assert "Bidang tidak dikenali" in outcome.reason
    assert store.submissions().empty
