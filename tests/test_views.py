"""Views: column formatters, filters and drill-down, summaries, trends, table and downloads."""

import io
import math

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_core import analysis, insight, views
from kinerja_core.demo import demo_frames
from kinerja_core.locale_id import fmt_number, fmt_percent, fmt_rupiah, fmt_rupiah_short
from kinerja_core.model import conform_indicators
from kinerja_core.settings import Settings

SETTINGS = Settings()
NAN = float("nan")


@pytest.fixture(scope="module")
def demo():
    indicators, anggaran = demo_frames(2024)
    evaluated = analysis.evaluate(indicators, anggaran, 3, SETTINGS)
    paths = views.budget_paths(anggaran, 3)
    return evaluated, anggaran, paths, views.budget_levels(paths)


# --- formatters ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.floats(-1e13, 1e13, allow_nan=False), st.integers(0, 4))
def test_column_formatters_match_locale_id(value, places):
    value = round(value, places)
    assert views.fmt_numbers([value])[0] == fmt_number(value)
    assert views.fmt_percents([value])[0] == fmt_percent(value)
    assert views.fmt_rupiahs_short([value])[0] == fmt_rupiah_short(value)
    assert views.fmt_rupiahs([value])[0] == fmt_rupiah(value)


def test_formatters_examples_and_missing():
    assert views.fmt_numbers([1234567.891, 2.675, NAN, 3.0]) == [
        "1.234.567,89",
        "2,68",
        "–",
        "3",
    ]
    assert views.fmt_percents([87.44, NAN]) == ["87,4%", "–"]
    assert views.fmt_rupiahs([918886900.4]) == ["Rp 918.886.900"]
    assert views.fmt_rupiahs_short([23_640_840_000, 850e6, 12_000]) == [
        "Rp 23,6 miliar",
        "Rp 850,0 juta",
        "Rp 12.000",
    ]


# --- filters ----------------------------------------------------------------------------------


def test_filters_narrow_the_rows(demo):
    evaluated, *_ = demo
    everything = views.filter_mask(evaluated, views.Filters())
    assert everything.all()
    statistik = views.filter_mask(evaluated, views.Filters(bidang="Bidang Statistik"))
    assert set(evaluated.loc[statistik, "bidang"]) == {"Bidang Statistik"}
    low = views.filter_mask(evaluated, views.Filters(predikat=("Sangat Rendah",)))
    assert set(evaluated.loc[low, "predikat"]) == {"Sangat Rendah"}
    none = views.filter_mask(evaluated, views.Filters(predikat=(views.TIDAK_DAPAT_DIHITUNG,)))
    assert set(evaluated.loc[none, "predikat"]) == {""}
    negatif = views.filter_mask(evaluated, views.Filters(polaritas="negatif"))
    assert set(evaluated.loc[negatif, "polaritas"]) == {"negatif"} and negatif.sum() >= 3
    found = views.filter_mask(evaluated, views.Filters(cari="spbe"))
    assert "Indeks SPBE" in set(evaluated.loc[found, "indikator"])
    by_code = views.filter_mask(evaluated, views.Filters(cari="2.20.02.2.01"))
    assert set(evaluated.loc[by_code, "program"]) == {"2.20.02"}
    flags = insight.flag_text(insight.flag_table(evaluated, 3, SETTINGS))
    flagged = views.filter_mask(evaluated, views.Filters(hanya_catatan=True), flags)
    assert flagged.sum() == len(flags) and set(evaluated.index[flagged]) == set(flags.index)


def test_drill_down_options_and_next_level(demo):
    evaluated, *_ = demo
    filters = views.Filters()
    assert views.drill_options(evaluated, filters, "bidang")[0] == "Bidang Aplikasi Informatika"
    assert filters.next_level() == "bidang"
    filters = views.Filters(bidang="Bidang Aplikasi Informatika")
    assert views.drill_options(evaluated, filters, "program") == ["2.16.03"]
    assert filters.next_level() == "program"
    filters = views.Filters(bidang="Bidang Aplikasi Informatika", program="2.16.03")
    assert views.drill_options(evaluated, filters, "kegiatan") == ["2.16.03.2.01", "2.16.03.2.02"]
    full = views.Filters(
        bidang="Bidang Aplikasi Informatika",
        program="2.16.03",
        kegiatan="2.16.03.2.02",
        sub_kegiatan="2.16.03.2.02.0010",
    )
    assert full.next_level() is None
    rows = evaluated[views.filter_mask(evaluated, full)]
    assert len(rows) == 2 and set(rows["sub_kegiatan"]) == {"2.16.03.2.02.0010"}


def test_code_label_and_names(demo):
    evaluated, anggaran, *_ = demo
    names = views.code_names(evaluated, anggaran)
    assert views.code_label("2.16.03", names) == "2.16.03 · Program Aplikasi Informatika"
    long = views.code_label("2.16.01", names, width=30)
    assert len(long) == 30 and long.endswith("…")
    assert views.code_label("9.99", names) == "9.99"


def test_group_summary_matches_bidang_summary(demo):
    evaluated, anggaran, _, budgets = demo
    summary = views.group_summary(evaluated, "bidang", SETTINGS, budgets).set_index("key")
    expected = analysis.bidang_summary(evaluated, anggaran, 3, SETTINGS).set_index("bidang")
    for column in ("capaian", "pagu", "realisasi_anggaran", "serapan"):
        assert np.allclose(summary[column], expected.loc[summary.index, column])
    assert (summary["di_bawah"] == evaluated.groupby("bidang")["capaian_tampil"].apply(
        lambda s: int((s < SETTINGS.flag_threshold).sum())
    )).all()  # fmt: skip
    names = views.code_names(evaluated, anggaran)
    program = views.group_summary(evaluated, "kegiatan", SETTINGS, budgets, names)
    assert all(
        label.startswith(key) for key, label in zip(program["key"], program["label"], strict=True)
    )
    assert program["label"].str.contains(" · ").any()
    assert program["kuadran"].isin(["", *("Efisien", "Sesuai rencana")] + [
        "Perlu perhatian", "Belum optimal"
    ]).all()  # fmt: skip


def test_treemap_nodes_sum_up(demo):
    evaluated, _, paths, _ = demo
    nodes = views.treemap_nodes(evaluated, paths, views.Filters(), SETTINGS)
    roots = nodes[nodes["parent"] == ""]
    assert set(roots["id"]) == set(evaluated["bidang"])
    assert math.isclose(roots["pagu"].sum(), paths["pagu"].sum())
    for _, parent in roots.iterrows():
        children = nodes[nodes["parent"] == parent["id"]]
        assert math.isclose(children["pagu"].sum(), parent["pagu"])
    chosen = views.Filters(bidang="Bidang Statistik", program="2.20.02")
    deeper = views.treemap_nodes(evaluated, paths, chosen, SETTINGS)
    assert set(deeper.loc[deeper["parent"] == "", "id"]) == {"2.20.02.2.01"}
    assert deeper["predikat"].isin(["", "Sangat Tinggi", "Tinggi", "Sedang", "Rendah"] + [
        "Sangat Rendah"
    ]).all()  # fmt: skip


# --- trends -----------------------------------------------------------------------------------


def trend_rows() -> pd.DataFrame:
    rows = [
        dict(indikator="kum", agregasi="kumulatif", target=12.0, tw=[3, 3, 3, 3]),
        dict(indikator="per tw", agregasi="kumulatif", target=10.0, tw=[1, 1, 1, 1]) | {
            "target_tw1": 1.0, "target_tw2": 2.0, "target_tw3": 3.0, "target_tw4": 4.0
        },
        dict(indikator="posisi", agregasi="akhir", target=90.0, tw=[60, 70, 80, NAN]),
    ]  # fmt: skip
    data = []
    for i, row in enumerate(rows):
        item = {"tahun": 2024, "bidang": "B", "kode": f"1.01.01.1.01.000{i}", **row}
        for n, value in enumerate(item.pop("tw"), start=1):
            item[f"realisasi_tw{n}"] = value
        data.append(item)
    return conform_indicators(pd.DataFrame(data))


def test_target_and_realisasi_paths():
    rows = trend_rows()
    assert views.target_path(rows).tolist() == [
        [3, 6, 9, 12],
        [1, 3, 6, 10],
        [90, 90, 90, 90],
    ]
    real = views.realisasi_path(rows)
    assert real[0].tolist() == [3, 6, 9, 12]
    assert real[2].tolist() == [60, 70, 80, 80]


def test_trend_frame_is_capaian_against_the_path():
    rows = trend_rows()
    trend = views.trend_frame(rows, 3, SETTINGS)
    assert trend["triwulan"].tolist() == ["TW I", "TW II", "TW III", "TW IV"]
    tw1 = np.mean([100, 100, 60 / 90 * 100])
    assert trend["capaian"][0] == pytest.approx(tw1)
    assert math.isnan(trend["capaian"][3]) and trend["jumlah"][3] == 0
    one = views.indicator_trend(rows.iloc[2], 2)
    assert one["realisasi"].tolist()[:2] == [60, 70] and one["realisasi"].isna().tolist()[2:] == [
        True,
        True,
    ]
    assert one["target"].tolist() == [90, 90, 90, 90]


# --- table and downloads ------------------------------------------------------------------


def test_display_table(demo):
    evaluated, *_ = demo
    flags = insight.flag_text(insight.flag_table(evaluated, 3, SETTINGS))
    table = views.display_table(evaluated, 3, flags)
    assert list(table.columns) == views.TABLE_COLUMNS
    assert (table.index == evaluated.index).all()
    row = table.loc[evaluated.index[evaluated["indikator"] == "Indeks SPBE"][0]]
    assert row["Capaian"] == "104,0%" and row["Predikat"] == ["Sangat Tinggi"]
    assert row["Target"] == "3,5" and row["Tren TW"] == [3.5, 3.55, 3.64]
    assert row["Pagu"] == "Rp 7.555.950.000"
    qualitative = table[evaluated["target_teks"] != ""]
    assert (qualitative["Target"] == "Baik").all()
    assert (qualitative["Predikat"].map(tuple) == (views.TIDAK_DAPAT_DIHITUNG,)).all()
    assert (table.loc[flags.index, "Catatan"] == flags).all()


def test_sort_order(demo):
    evaluated, *_ = demo
    mask = np.ones(len(evaluated), bool)
    order = views.sort_order(evaluated, mask, "capaian")
    values = evaluated["capaian_tampil"].to_numpy()[order]
    computed = values[~np.isnan(values)]
    assert (np.diff(computed) >= 0).all() and np.isnan(values[-1])
    by_gap = evaluated["gap_persen"].to_numpy()[views.sort_order(evaluated, mask, "gap")]
    assert by_gap[0] == np.nanmax(by_gap)
    codes = evaluated["kode"].to_numpy()[views.sort_order(evaluated, mask, "kode")]
    assert list(codes) == sorted(codes)
    half = mask.copy()
    half[::2] = False
    assert set(views.sort_order(evaluated, half)) == set(np.flatnonzero(half))


def test_xlsx_download_keeps_numbers_and_text(demo):
    evaluated, *_ = demo
    rows = evaluated.head(5).copy()
    rows.loc[rows.index[0], "indikator"] = '=HYPERLINK("http://x")'
    frame = views.export_frame(rows, 2)
    assert "Realisasi TW III" not in frame.columns and "Realisasi TW II" in frame.columns
    data = views.to_xlsx(frame, "Analisis capaian kinerja — Tahun 2024")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "Analisis capaian kinerja — Tahun 2024"
    header = [c.value for c in sheet[3]]
    assert header == list(frame.columns)
    kode = sheet.cell(4, header.index("Kode") + 1)
    assert kode.value == "2.16.01" and kode.data_type == "s"
    formula = sheet.cell(4, header.index("Indikator") + 1)
    assert formula.data_type == "s" and formula.value.startswith("=HYPERLINK")
    target = sheet.cell(6, header.index("Target") + 1)
    assert target.data_type == "n" and target.value == 100
    assert sheet.cell(4, header.index("Pagu (Rp)") + 1).number_format == "#,##0"
    assert sheet.freeze_panes == "A4"
    # printed on A4 (Letter is xlsxwriter's default), or F4 when the office uses folio
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    folio = views.to_xlsx(frame, "Analisis", kertas="F4")
    assert openpyxl.load_workbook(io.BytesIO(folio)).active.page_setup.paperSize == 14


def test_csv_download_is_indonesian_excel_friendly(demo):
    evaluated, *_ = demo
    rows = evaluated.head(3).copy()
    rows.loc[rows.index[0], "faktor_pendorong"] = "=1+1"
    data = views.to_csv(views.export_frame(rows, 4))
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].split(";")[:3] == ["Tahun", "Bidang", "Kode"]
    assert ";'=1+1;" in lines[1]
    assert ";100;" in lines[3] and ";2.16.01.1.01;" in lines[3]
    serapan = pd.read_csv(io.StringIO(text), sep=";", decimal=",")["Serapan (%)"]
    assert serapan.iloc[0] == pytest.approx(evaluated["serapan"].iloc[0], rel=1e-6)


# --- rapat ------------------------------------------------------------------------------------


def test_rapat_views_order(demo):
    evaluated, *_ = demo
    slides = views.rapat_views(evaluated)
    assert slides[0] == views.RINGKASAN and slides[1] == "Sekretariat"
    assert slides[2:] == sorted(slides[2:]) and len(slides) == 6


def test_split_notes_current_and_earlier():
    stamp = pd.Timestamp("2024-07-10 10:00")
    notes = pd.DataFrame(
        [
            dict(id=1, tahun=2023, sampai_tw=4, bidang="B", jenis="catatan", isi="lalu"),
            dict(id=2, tahun=2024, sampai_tw=2, bidang="B", jenis="catatan", isi="tw2"),
            dict(id=3, tahun=2024, sampai_tw=3, bidang="B", jenis="catatan", isi="ini"),
            dict(id=4, tahun=2024, sampai_tw=3, bidang="B", jenis="keputusan", isi="putus"),
            dict(id=5, tahun=2024, sampai_tw=3, bidang="", jenis="catatan", isi="dinas"),
            dict(id=6, tahun=2024, sampai_tw=4, bidang="B", jenis="catatan", isi="nanti"),
        ]
    ).assign(penulis="", dibuat_pada=stamp)
    current, earlier = views.split_notes(notes, 2024, 3, "B")
    assert current["isi"].tolist() == ["putus", "ini"]
    assert earlier["isi"].tolist() == ["tw2", "lalu"]
    summary, summary_before = views.split_notes(notes, 2024, 3, views.RINGKASAN)
    assert summary["isi"].tolist() == ["putus", "dinas"]  # every bidang's keputusan too
    assert summary_before.empty
    empty_now, empty_before = views.split_notes(views.combine_notes(), 2024, 3, "B")
    assert empty_now.empty and empty_before.empty
    both = views.combine_notes(notes.head(1), pd.DataFrame(), notes.tail(1))
    assert both["id"].tolist() == [1, 6]


def test_treemap_stops_a_level_higher_when_too_many_boxes(demo):
    evaluated, _, paths, _ = demo
    deep = views.treemap_nodes(evaluated, paths, views.Filters(), SETTINGS, depth=3)
    assert deep["id"].str.count("/").max() == 2  # bidang / program / kegiatan
    capped = views.treemap_nodes(evaluated, paths, views.Filters(), SETTINGS, depth=3, max_nodes=12)
    assert capped["id"].str.count("/").max() == 1 and len(capped) == 10


# --- selection figures, year on year, rapat views -----------------------------------------------


def test_filters_from_path_keys_levels():
    filters = views.Filters.from_path(
        {"bidang": "Bidang Statistik", "sub kegiatan": "2.20.02.2.01.0001"}, cari="x"
    )
    assert filters == views.Filters(
        bidang="Bidang Statistik", sub_kegiatan="2.20.02.2.01.0001", cari="x"
    )


def test_selected_budget_is_the_deepest_choice(demo):
    _, _, _, budgets = demo
    everything = views.selected_budget(budgets, {"bidang": "", "program": ""})
    assert everything["pagu"] == pytest.approx(budgets["bidang"]["pagu"].sum())
    statistik = views.selected_budget(budgets, {"bidang": "Bidang Statistik", "program": ""})
    assert statistik["pagu"] == budgets["bidang"].loc["Bidang Statistik", "pagu"]
    program = views.selected_budget(budgets, {"bidang": "Bidang Statistik", "program": "2.20.02"})
    assert program["realisasi_anggaran"] == budgets["program"].loc["2.20.02", "realisasi_anggaran"]
    assert program["pagu"] < everything["pagu"]
    assert math.isnan(views.selected_budget(budgets, {"bidang": "Bidang Lain"})["pagu"])
    empty = views.budget_levels(views.budget_paths(None, 3))
    assert math.isnan(views.selected_budget(empty, {"bidang": ""})["pagu"])
    assert math.isnan(views.selected_budget(empty, {"bidang": "Bidang Statistik"})["pagu"])


def test_selection_figures(demo):
    evaluated, _, _, budgets = demo
    rows = evaluated[evaluated["bidang"] == "Bidang Aplikasi Informatika"]
    budget = views.selected_budget(budgets, {"bidang": "Bidang Aplikasi Informatika"})
    figures = views.selection_figures(rows, budget, SETTINGS)
    assert figures.jumlah_indikator == len(rows)
    assert figures.rata_rata_capaian == pytest.approx(np.nanmean(rows["capaian_tampil"]))
    assert figures.di_bawah == int((rows["capaian_tampil"] < SETTINGS.flag_threshold).sum())
    assert figures.di_bawah >= 1
    assert (
        figures.predikat
        == analysis.formulas.predikat(figures.rata_rata_capaian, SETTINGS.predikat_bounds)[0]
    )
    assert figures.pagu == budget["pagu"]
    assert figures.serapan == pytest.approx(100 * budget["realisasi_anggaran"] / budget["pagu"])
    none = views.selection_figures(rows.iloc[:0], budget, SETTINGS)
    assert none.jumlah_indikator == 0 and math.isnan(none.rata_rata_capaian)
    assert none.predikat == "" and none.di_bawah == 0


def test_year_on_year_follows_the_drill_down_only():
    frames = {tahun: demo_frames(tahun) for tahun in (2023, 2024)}
    now_rows, before_rows = (analysis.evaluate(*frames[t], 4, SETTINGS) for t in (2024, 2023))
    filters = views.Filters(bidang="Bidang Statistik", predikat=("Sangat Rendah",))
    now, before, limited = views.year_on_year(now_rows, before_rows, filters, "kegiatan", SETTINGS)
    assert not limited
    statistik = now_rows[now_rows["bidang"] == "Bidang Statistik"]
    expected = views.group_summary(statistik, "kegiatan", SETTINGS)  # predikat not applied
    assert now["jumlah_indikator"].tolist() == expected["jumlah_indikator"].tolist()
    assert (now["predikat"] != "Sangat Rendah").any()
    assert set(before["bidang"]) == {"Bidang Statistik"}
    low, _, limited = views.year_on_year(
        now_rows, before_rows, views.Filters(), "sub kegiatan", SETTINGS, limit=3
    )
    every = views.group_summary(now_rows, "sub kegiatan", SETTINGS)
    assert limited and len(low) == 3
    assert sorted(low["capaian"]) == sorted(every["capaian"].nsmallest(3))


def test_indicator_notes_only_filled_in():
    row = pd.Series(
        {
            "faktor_pendorong": "Dukungan pimpinan",
            "faktor_penghambat": "  ",
            "tindak_lanjut": "Rapat",
        }
    )
    assert views.indicator_notes(row) == [
        ("Faktor pendorong", "Dukungan pimpinan"),
        ("Tindak lanjut", "Rapat"),
    ]


def test_rapat_view_helpers(demo):
    evaluated, *_ = demo
    slides = views.rapat_views(evaluated)
    assert views.rapat_title(views.RINGKASAN) == "Ringkasan Dinas"
    assert views.rapat_title("Sekretariat") == "Sekretariat"
    assert views.step_view(slides, slides[0], -1) == slides[0]
    assert views.step_view(slides, slides[0], 1) == "Sekretariat"
    assert views.step_view(slides, slides[-1], 1) == slides[-1]
    assert views.rapat_rows(evaluated, views.RINGKASAN) is evaluated
    persandian = views.rapat_rows(evaluated, "Bidang Persandian")
    assert set(persandian["bidang"]) == {"Bidang Persandian"} and len(persandian) == 10
    assert views.rapat_unit(evaluated, views.RINGKASAN) == "bidang"
    assert persandian["kegiatan"].nunique() > 1
    assert views.rapat_unit(persandian, "Bidang Persandian") == "kegiatan"
    one = persandian[persandian["kegiatan"] == persandian["kegiatan"].iloc[0]]
    assert views.rapat_unit(one, "Bidang Persandian") == "sub kegiatan"


def test_table_page_slices_and_clamps():
    from kinerja_core.views import table_page

    first = table_page(250, 1, 100)
    assert (first.number, first.pages, first.start, first.end) == (1, 3, 0, 100)
    last = table_page(250, 3, 100)
    assert (last.start, last.end) == (200, 250)
    assert table_page(250, 9, 100).number == 3  # after a filter: the last page that exists
    assert table_page(250, 0, 100).number == 1
    empty = table_page(0, 4, 100)
    assert (empty.number, empty.pages, empty.start, empty.end) == (1, 1, 0, 0)
