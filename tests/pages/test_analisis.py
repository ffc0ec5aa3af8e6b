"""Analisis page on the demo: filters, drill-down, table, tabs, detail and downloads."""

import json

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import open_page


def run_analisis() -> AppTest:
    return open_page("analisis.py", default_timeout=60).run()


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def table(at: AppTest):
    return at.dataframe[0].value  # the open tab's only table


def chart(at: AppTest, key: str) -> dict:
    for element in at.get("plotly_chart"):
        if element.proto.id and key in element.proto.id:
            return json.loads(element.proto.spec)
    raise AssertionError(f"no chart {key}")


def test_overview_of_the_latest_year(demo_db):
    at = run_analisis()
    assert not at.exception
    assert at.title[0].value == "Analisis Capaian Kinerja"
    assert "Tahun 2024, sampai Triwulan IV · 53 indikator" in at.caption[0].value
    values = metrics(at)
    assert values["Indikator"] == "53"
    assert values["Rata-rata capaian"] == "86,2%"
    assert values["Serapan anggaran"] == "87,3%"
    rows = table(at)
    assert len(rows) == 53
    capaian = [float(v[:-1].replace(",", ".")) for v in rows["Capaian"] if v != "–"]
    assert capaian == sorted(capaian)  # lowest capaian first: who is behind
    assert rows["Predikat"].iloc[0] == ["Sangat Rendah"]
    bars = chart(at, "an_chart_capaian")
    assert len(bars["data"][0]["y"]) == 5  # one bar per bidang
    assert "Capaian per bidang" in bars["layout"]["title"]["text"]
    assert len(at.get("download_button")) == 2


def test_drill_down_changes_table_chart_and_resets_below(demo_db):
    at = run_analisis()
    at.selectbox(key="an_bidang").select("Bidang Aplikasi Informatika").run()
    assert not at.exception
    rows = table(at)
    assert set(rows["Bidang"]) == {"Bidang Aplikasi Informatika"} and len(rows) == 12
    bars = chart(at, "an_chart_capaian")
    assert bars["layout"]["title"]["text"].startswith("Capaian per program")
    assert metrics(at)["Indikator"] == "12"
    at.selectbox(key="an_program").select("2.16.03").run()
    assert chart(at, "an_chart_capaian")["layout"]["title"]["text"].startswith(
        "Capaian per kegiatan"
    )
    at.selectbox(key="an_kegiatan").select("2.16.03.2.02").run()
    assert set(table(at)["Kode"].str[:12]) == {"2.16.03.2.02"}
    at.selectbox(key="an_bidang").select("Bidang Statistik").run()
    assert at.selectbox(key="an_program").value == ""  # lower levels reset
    assert at.selectbox(key="an_kegiatan").value == ""
    assert set(table(at)["Bidang"]) == {"Bidang Statistik"}


def test_predikat_polaritas_search_and_sort(demo_db):
    at = run_analisis()
    at.multiselect(key="an_predikat").select("Sangat Rendah").run()
    rows = table(at)
    assert len(rows) >= 1 and all(p == ["Sangat Rendah"] for p in rows["Predikat"])
    assert metrics(at)["Indikator"] == str(len(rows))
    at.multiselect(key="an_predikat").set_value([]).run()
    at.selectbox(key="an_polaritas").select("negatif").run()
    negatif = table(at)
    assert 3 <= len(negatif) < 53
    at.selectbox(key="an_polaritas").select("").run()
    at.text_input(key="an_cari").input("SPBE").run()
    assert "Indeks SPBE" in set(table(at)["Indikator"])
    at.text_input(key="an_cari").input("").run()
    at.selectbox(key="an_urut").select("kode").run()
    codes = table(at)["Kode"].tolist()
    assert codes == sorted(codes)
    at.toggle(key="an_catatan").set_value(True).run()
    assert (table(at)["Catatan"] != "").all()


def test_nothing_matches(demo_db):
    at = run_analisis()
    at.text_input(key="an_cari").input("tidak ada indikator seperti ini").run()
    assert not at.exception
    assert "Tidak ada indikator yang cocok" in at.warning[0].value


def test_indicator_detail(demo_db):
    at = run_analisis()
    detail = at.selectbox(key="an_detail")
    first = detail.options[1]
    detail.select_index(1).run()
    assert not at.exception
    trend = chart(at, "an_chart_detail")
    assert trend["data"][0]["name"] == "Realisasi s.d. triwulan"
    assert first.split(" · ", 1)[1] in trend["layout"]["title"]["text"]
    assert any(md.value.startswith("**Capaian**") for md in at.markdown)


def test_other_tabs(demo_db):
    at = run_analisis()
    at.session_state["an_tab"] = "Tren & anggaran"
    at.run()
    assert not at.exception
    ids = [e.proto.id for e in at.get("plotly_chart")]
    for key in ("an_chart_tren", "an_chart_scatter", "an_chart_treemap", "an_chart_yoy"):
        assert any(key in i for i in ids), key
    yoy = chart(at, "an_chart_yoy")
    assert [t["name"] for t in yoy["data"]] == ["2023", "2024"]

    at.session_state["an_tab"] = "Catatan & anomali"
    at.run()
    flags = at.dataframe[0].value
    assert "Di bawah ambang" in set(flags["Catatan"])
    assert any("Di bawah ambang: **6** indikator" in md.value for md in at.markdown)

    at.session_state["an_tab"] = "Narasi"
    at.run()
    texts = [code.value for code in at.code]
    assert texts[0].startswith("Capaian rata-rata kinerja Dinas Komunikasi")
    assert texts[1].startswith("Capaian rata-rata Bidang Aplikasi Informatika sampai Triwulan IV")


def test_year_switch_and_no_previous_year(demo_db):
    at = run_analisis()
    at.sidebar.selectbox(key="_w_tahun").select(2023).run()
    assert not at.exception
    assert at.caption[0].value.startswith("Tahun 2023, sampai Triwulan IV")
    at.session_state["an_tab"] = "Tren & anggaran"
    at.run()
    ids = [e.proto.id for e in at.get("plotly_chart")]
    assert not any("an_chart_yoy" in i for i in ids)  # 2022 is not stored


def test_indicator_table_is_sent_one_page_at_a_time(demo_db, monkeypatch):
    import kinerja_ui.analisis as ui

    monkeypatch.setattr(ui, "PAGE_ROWS", 20)
    at = run_analisis()
    assert not at.exception
    assert len(table(at)) == 20  # 53 indicators: 20 + 20 + 13
    pager = at.number_input(key="an_halaman")
    assert pager.value == 1 and pager.max == 3
    assert any("Indikator 1–20 dari 53" in c.value for c in at.caption)
    first_page = list(table(at)["Indikator"])

    pager.set_value(3).run()
    assert not at.exception
    rows = table(at)
    assert len(rows) == 13
    assert not set(rows["Indikator"]) & set(first_page)
    assert any("Indikator 41–53 dari 53" in c.value for c in at.caption)

    # a new selection starts again at its first page; one page needs no pager
    at.selectbox(key="an_bidang").select("Bidang Aplikasi Informatika").run()
    assert len(table(at)) == 12
    assert not at.number_input  # 12 rows: no pager
    at.selectbox(key="an_bidang").select("").run()
    assert at.number_input(key="an_halaman").value == 1
    assert list(table(at)["Indikator"]) == first_page


def test_a_kabid_analyses_only_their_own_bidang(demo_db):
    from kinerja_core.store import Store

    own = "Bidang Statistik"
    count = int((Store(demo_db).indicators(2024)["bidang"] == own).sum())
    assert 0 < count < 53
    at = open_page("analisis.py", peran="kabid", bidang=own, default_timeout=60).run()
    assert not at.exception
    assert f"{count} indikator · hanya {own} (bidang Anda)" in at.caption[0].value
    assert metrics(at)["Indikator"] == str(count)
    rows = table(at)
    assert len(rows) == count and set(rows["Bidang"]) == {own}
    assert list(at.selectbox(key="an_detail").options)  # their own indicators in detail
