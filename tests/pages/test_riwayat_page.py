"""Riwayat page (AppTest): the audit log with before → after, filters, the chain check,
exports whose formula-like text stays text; only roles with the history see it."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from kinerja_core.store import Store
from tests import databases
from tests.pages.conftest import open_page

EVIL = '=HYPERLINK("http://127.0.0.1:9/x","klik")'


def _riwayat(peran: str = "admin"):
    return open_page("riwayat.py", peran=peran, default_timeout=60).run()


def test_entries_with_before_and_after_and_the_chain_check(demo_db):
    store = Store()
    store.log("Ani (Admin)", "ubah rencana", "2024 Bidang Statistik 1.1 target", "80", "85")
    at = _riwayat()
    assert not at.exception
    assert [t.value for t in at.title] == ["Riwayat"]
    assert any("Rantai catatan utuh" in s.value for s in at.success)
    frame = at.dataframe[0].value
    assert list(frame.columns) == [
        "No.",
        "Waktu",
        "Oleh",
        "Tindakan",
        "Rincian",
        "Sebelum",
        "Sesudah",
    ]
    newest_first = frame[frame["Tindakan"] == "ubah rencana"].iloc[0]
    assert (newest_first["Sebelum"], newest_first["Sesudah"]) == ("80", "85")
    assert frame["Waktu"].str.endswith("WITA").all()
    assert "unggah" in set(frame["Tindakan"])  # the demo's uploads


def test_filters_by_action_and_person(demo_db):
    store = Store()
    store.log("Budi (Sekretaris)", "koreksi", "nilai", "1", "2")
    at = _riwayat()
    at.multiselect[1].select("koreksi").run()
    assert set(at.dataframe[0].value["Tindakan"]) == {"koreksi"}
    at.multiselect[0].select("data demo").run()  # nobody did koreksi as the demo seed
    assert any("Tidak ada entri" in i.value for i in at.info)


def test_exports_keep_formula_like_text_as_text(demo_db):
    Store().log("Penyusup", "catat", EVIL)
    at = _riwayat()
    xlsx, csv = at.get("download_button")[:2]
    assert xlsx.proto.label == "Unduh Excel (.xlsx)" and csv.proto.label == "Unduh CSV"
    frame = at.dataframe[0].value
    from kinerja_core import views

    text = views.to_csv(frame).decode("utf-8-sig")
    assert "'" + EVIL.replace('"', '""') in text
    sheet = load_workbook(io.BytesIO(views.to_xlsx(frame, "Riwayat", "Riwayat"))).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert EVIL in cells
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_a_tampered_log_is_reported_on_the_page(demo_db):
    store = Store()
    databases.tamper_audit_log(store.engine, "UPDATE audit_log SET who = 'Orang Lain' WHERE id = 2")
    at = _riwayat()
    assert any("Rantai catatan PUTUS" in e.value and "entri #2" in e.value for e in at.error)


def test_roles_without_the_history_are_refused(demo_db):
    for peran in ("kabid", "tamu"):
        at = _riwayat(peran)
        assert "Riwayat" not in [t.value for t in at.title]
        assert any("tidak tersedia" in e.value for e in at.error)
    for peran in ("sekretaris", "kepala_dinas"):
        assert [t.value for t in _riwayat(peran).title] == ["Riwayat"]
