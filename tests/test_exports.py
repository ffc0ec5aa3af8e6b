"""Exports: recorded with their parameters and data; an earlier export keeps its own names."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import docx
import openpyxl
import pytest

from kinerja_core import exports, koreksi, pengaturan
from kinerja_core.access import Actor, Peran
from kinerja_core.bootstrap import seed_demo
from kinerja_core.settings import Settings, Signatory
from kinerja_core.store import Store

ADMIN = Actor("kasubag", "Rina", Peran.ADMIN)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('ekspor') / 'e.db'}")
    seed_demo(store)
    return store


def texts(xlsx: bytes) -> list:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx))
    return [c.value for row in wb["Evaluasi Renja (E.81)"].iter_rows() for c in row]


def report_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def sign(store: Store, name: str, nip: str) -> None:
    settings = Settings()
    kantor = pengaturan.current(store, settings).kantor
    signer = Signatory("Kepala Dinas", name, "Pembina Tk. I (IV/b)", nip)
    pengaturan.save(store, replace(kantor, kepala_dinas=signer), settings, ADMIN)


def test_an_earlier_export_keeps_its_signatories_date_and_data(store):
    settings = Settings()
    sign(store, "Ir. Andi Baso, M.Si.", "197001011995031001")
    data = exports.gather(store, 2024, 4)
    params = exports.params_now(store, settings, date(2025, 1, 15), "F4")
    first_docs = exports.build(data, params)
    first = exports.record(store, data, params, first_docs, ADMIN)
    assert "Ir. Andi Baso, M.Si." in texts(first_docs.xlsx)

    # a new Kepala Dinas, a correction: the next export shows both
    sign(store, "Dr. Hasnah, S.E.", "196801011990032001")
    row = exports.gather(store, 2024, 4).evaluated(settings).iloc[0]
    koreksi.correct(store, row, "faktor_pendorong", "Dukungan pimpinan", "rapat", ADMIN)
    data2 = exports.gather(store, 2024, 4)
    params2 = exports.params_now(store, settings, date(2025, 2, 1), "A4")
    second_docs = exports.build(data2, params2)
    second = exports.record(store, data2, params2, second_docs, ADMIN)
    assert "Dr. Hasnah, S.E." in texts(second_docs.xlsx)
    assert "Ir. Andi Baso, M.Si." not in texts(second_docs.xlsx)
    assert any("Nilai dikoreksi (koreksi konsep" in str(v) for v in texts(second_docs.xlsx))
    assert not any("Nilai dikoreksi" in str(v) for v in texts(first_docs.xlsx))

    again = exports.rebuild(store, first)
    values = texts(again.xlsx)
    assert "Ir. Andi Baso, M.Si." in values and "Dr. Hasnah, S.E." not in values
    assert "Malili, 15 Januari 2025" in values
    report = report_text(again.docx)
    assert "Ir. Andi Baso, M.Si." in report and "Dr. Hasnah, S.E." not in report
    assert "Malili, 15 Januari 2025" in report
    assert "Dr. Hasnah, S.E." in report_text(second_docs.docx)
    assert "Dukungan pimpinan" in report_text(second_docs.docx)  # the corrected factor
    assert again.sha256()[1] == store.export_record(first)["docx_sha256"] != ""
    assert again.sha256()[0] == store.export_record(first)["xlsx_sha256"]  # the same bytes
    wb = openpyxl.load_workbook(io.BytesIO(again.xlsx))
    assert int(wb["Evaluasi Renja (E.81)"].page_setup.paperSize) == 14  # F4, as recorded
    assert exports.rebuild(store, second).xlsx == second_docs.xlsx

    listed = exports.summary(store, 2024)
    assert [r.id for r in listed[:2]] == [second, first]
    assert listed[1].kepala_dinas == "Ir. Andi Baso, M.Si." and listed[1].kertas == "F4"
    assert listed[0].kepala_dinas == "Dr. Hasnah, S.E." and listed[0].kertas == "A4"
    assert store.audit()["action"].tolist()[0] == "ekspor dokumen"


def test_snapshot_round_trip_is_exact(store):
    data = exports.gather(store, 2024, 2)
    back = exports.snapshot_data(exports.snapshot_bytes(data))
    assert back.tahun == 2024 and back.sampai_tw == 2
    assert back.indicators.equals(data.indicators)
    assert back.anggaran.equals(data.anggaran)
    assert back.previous_indicators.equals(data.previous_indicators)
    assert back.problems == data.problems
    assert [k.as_dict() for k in back.corrections] == [k.as_dict() for k in data.corrections]
    assert exports.snapshot_bytes(back) == exports.snapshot_bytes(data)  # deterministic


def test_settings_round_trip_without_the_database_url():
    settings = replace(
        Settings(),
        capaian_cap=120.0,
        predikat_bounds=(90.0, 75.0, 65.0, 50.0),
        kualitatif_nilai=(("Baik", 100.0), ("Cukup", 75.0)),
        database_url="postgresql://u:rahasia@host/db",
    )
    data = exports.settings_to_dict(settings)
    assert "database_url" not in data and "rahasia" not in str(data)
    assert exports.settings_from_dict(data) == replace(settings, database_url="")
