"""Koreksi konsep in Analisis' indicator detail (AppTest): a corrected realisasi is its own
record, shows as dikoreksi, and every page and the workbook use the same corrected capaian;
undo brings the upload's value back; a role that may not correct gets no form."""

from __future__ import annotations

import io

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from kinerja_core import analysis, koreksi
from kinerja_core.locale_id import fmt_percent
from kinerja_core.settings import Settings
from kinerja_core.store import Store
from tests.pages.conftest import as_shown, open_page


def run(name: str, peran: str = "admin", bidang: str | None = None) -> AppTest:
    at = open_page(name, peran, bidang, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def pick_detail(at: AppTest, kode: str, indikator: str) -> None:
    detail = at.selectbox(key="an_detail")
    wanted = f"{kode} · {indikator}"
    position = next(i for i, label in enumerate(detail.options) if label == wanted)
    detail.select_index(position).run()
    assert not at.exception, at.exception


def core_figures(store: Store) -> tuple[float, dict[tuple[str, str], float]]:
    """The Dinas mean and each indicator's capaian as the core computes them now."""
    evaluated = koreksi.evaluate(
        store.indicators(2024),
        analysis.anggaran_dinas(store.anggaran(2024), store.rencana(2024)[1]),
        4,
        Settings(),
        koreksi.records(store, 2024),
    )
    head = analysis.headline(evaluated, store.anggaran(2024), 2024, 4, Settings())
    keys = zip(evaluated["kode"], evaluated["indikator"], strict=True)
    return head.rata_rata_capaian, dict(zip(keys, evaluated["capaian"], strict=True))


def metric(at: AppTest, label: str) -> str:
    return {m.label: m.value for m in at.metric}[label]


def test_correct_show_everywhere_then_undo(demo_db, downloads):
    store = Store()
    rows = store.indicators(2024)
    row = rows[rows["realisasi_tw4"].notna() & rows["target"].gt(0)].iloc[0]
    kode, indikator = row["kode"], row["indikator"]
    key = (kode, indikator)
    before_mean, before = core_figures(store)

    at = run("analisis.py")
    pick_detail(at, kode, indikator)
    form_key = next(b.key for b in at.button if b.key and "kor_form_" in b.key)
    at.selectbox(key="kor_kolom").set_value("realisasi_tw4")
    at.text_input(key="kor_nilai").input("0,5")
    at.text_input(key="kor_alasan").input("salah ketik, sesuai laporan bidang")
    at.button(key=form_key).click().run()
    assert not at.exception, at.exception
    assert "tersimpan" in as_shown(at.success[0].value)

    # its own record; the upload unchanged
    [record] = koreksi.records(store, 2024)
    assert (record.kode, record.kolom, record.nilai_baru) == (kode, "realisasi_tw4", 0.5)
    assert record.nilai_asal == pytest.approx(float(row["realisasi_tw4"]))
    stored = store.indicators(2024)
    stored = stored[(stored["kode"] == kode) & (stored["indikator"] == indikator)]
    assert stored["realisasi_tw4"].iloc[0] == pytest.approx(float(row["realisasi_tw4"]))
    mean, after = core_figures(store)
    assert after[key] != pytest.approx(before[key]) and mean != pytest.approx(before_mean)

    # Analisis: the detail says so; the table marks the value and shows the new capaian
    pick_detail(at, kode, indikator)
    shown = "\n".join(as_shown(m.value) for m in at.markdown)
    assert "**Dikoreksi:** Realisasi TW IV" in shown
    assert "koreksi konsep" in "\n".join(c.value for c in at.caption)
    table = at.dataframe[0].value
    mine = table[(table["Kode"] == kode) & (table["Indikator"] == indikator)].iloc[0]
    assert mine["Realisasi"].endswith("(dikoreksi)")
    assert mine["Catatan"].startswith("dikoreksi: Realisasi TW IV")
    assert mine["Capaian"] == fmt_percent(after[key])
    assert metric(at, "Rata-rata capaian") == fmt_percent(mean)

    # Beranda and Ekspor: the same Dinas figure; the workbook the same numbers
    beranda = run("beranda.py")
    assert metric(beranda, "Rata-rata capaian kinerja") == fmt_percent(mean)
    ekspor = run("ekspor.py")
    assert metric(ekspor, "Rata-rata capaian kinerja") == fmt_percent(mean)
    ekspor.button(key="ek_buat").click().run()
    [(content, _)] = downloads.values()
    wb = openpyxl.load_workbook(io.BytesIO(content))
    ringkasan = {r[1]: r[2] for r in wb["Ringkasan"].iter_rows(values_only=True) if r[1]}
    assert ringkasan["Rata-rata capaian kinerja"] == pytest.approx(mean)
    data = list(wb["Data"].iter_rows(values_only=True))
    header = list(data[0])
    by_key = {(r[header.index("kode")], r[header.index("indikator")]): r for r in data[1:]}
    assert by_key[key][header.index("capaian")] == pytest.approx(after[key])
    catatan = [c for r in wb["Catatan"].iter_rows(values_only=True) for c in r if c]
    assert "salah ketik, sesuai laporan bidang" in catatan
    assert indikator in catatan

    # undo: the upload's value again, everywhere
    at = run("analisis.py")
    pick_detail(at, kode, indikator)
    at.button(key=f"kor_batal_{record.id}").click().run()
    assert not at.exception
    assert koreksi.records(store, 2024) == []
    mean_back, back = core_figures(store)
    assert back[key] == pytest.approx(before[key]) and mean_back == pytest.approx(before_mean)
    assert metric(run("beranda.py"), "Rata-rata capaian kinerja") == fmt_percent(before_mean)


def test_wrong_value_is_refused_and_a_kabid_gets_no_form(demo_db):
    store = Store()
    rows = store.indicators(2024)
    own = rows[rows["bidang"] == "Bidang Statistik"]  # one the Kabid below may see too
    kode, indikator = own[["kode", "indikator"]].iloc[0]
    at = run("analisis.py")
    pick_detail(at, kode, indikator)
    form_key = next(b.key for b in at.button if b.key and "kor_form_" in b.key)
    at.selectbox(key="kor_kolom").set_value("realisasi_tw1")
    at.text_input(key="kor_nilai").input("dua belas")
    at.text_input(key="kor_alasan").input("x")
    at.button(key=form_key).click().run()
    assert "bukan angka" in as_shown(at.error[0].value)
    assert koreksi.records(store, 2024) == []

    at = run("analisis.py", "kabid", "Bidang Statistik")
    pick_detail(at, kode, indikator)
    assert not any(b.key and "kor_form_" in b.key for b in at.button)
