"""Chart builders: traces, predikat colours, Indonesian hover text, titles, layout."""

import json
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from kinerja_core import analysis, charts, formulas, views
from kinerja_core.demo import demo_frames
from kinerja_core.settings import Settings

SETTINGS = Settings()


@pytest.fixture(scope="module")
def demo():
    indicators, anggaran = demo_frames(2024)
    evaluated = analysis.evaluate(indicators, anggaran, 4, SETTINGS)
    paths = views.budget_paths(anggaran, 4)
    budgets = views.budget_levels(paths)
    names = views.code_names(evaluated, anggaran)
    summary = views.group_summary(evaluated, "bidang", SETTINGS, budgets, names)
    return evaluated, anggaran, paths, budgets, names, summary


def common_checks(fig: go.Figure, title_part: str) -> None:
    assert fig.layout.separators == ",."
    assert title_part in fig.layout.title.text
    json.loads(fig.to_json())  # serialisable for st.plotly_chart


def hex_to_luminance(color: str) -> float:
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_palette_is_one_scale_readable_without_red_green():
    colors = [charts.PREDIKAT_COLORS[p] for p in formulas.PREDIKAT]
    assert len(set(colors)) == 5
    assert charts.predikat_color("") == charts.NEUTRAL == charts.predikat_color("lain")
    # Red-green colour blindness keeps lightness and the blue-yellow axis: neighbours must
    # differ in lightness or sit on opposite sides of blue vs orange/red.
    for upper, lower in zip(colors, colors[1:], strict=False):
        blue = [int(c[5:7], 16) > int(c[1:3], 16) for c in (upper, lower)]
        lightness = abs(hex_to_luminance(upper) - hex_to_luminance(lower))
        assert lightness >= 0.1 or blue[0] != blue[1], (upper, lower)
    assert charts.text_color("Tinggi") == charts.INK
    assert charts.text_color("Sangat Rendah") == "#ffffff"


def test_capaian_bars(demo):
    *_, summary = demo
    fig = charts.capaian_bars(summary, "label", "Capaian per bidang, sampai Triwulan IV")
    common_checks(fig, "Capaian per bidang")
    (bar,) = fig.data
    assert bar.orientation == "h"
    assert list(bar.marker.color) == [charts.predikat_color(p) for p in summary.sort_values(
        "capaian"
    )["predikat"]]  # fmt: skip
    best = summary.sort_values("capaian").iloc[-1]
    assert bar.text[-1] == f"{best['capaian']:.1f}%".replace(".", ",") + f"  {best['predikat']}"
    assert bar.customdata[-1][0] == f"{best['capaian']:.1f}%".replace(".", ",")
    assert "Indikator: 12" in " ".join(c[2] for c in bar.customdata)
    assert "Serapan anggaran: " in bar.customdata[0][2]
    assert "%{customdata[0]}" in bar.hovertemplate and "<extra></extra>" in bar.hovertemplate
    assert any("<br>" in label for label in bar.y)  # long bidang names wrap
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert [r.fillcolor for r in rects] == [charts.predikat_color(p) for p in formulas.PREDIKAT]
    assert [r.x0 for r in rects] == [91, 76, 66, 51, 0]
    assert [r.x1 for r in rects][1:] == [91, 76, 66, 51]
    assert len(lines) == 1 and lines[0].x0 == 100
    assert fig.layout.annotations[0].text == "Target 100%"
    assert fig.layout.xaxis.ticksuffix == "%"


def test_capaian_bars_limits_to_lowest(demo):
    *_, summary = demo
    fig = charts.capaian_bars(summary, "label", "Capaian", max_bars=2)
    assert len(fig.data[0].y) == 2
    assert "2 terendah dari 5" in fig.layout.title.text
    lowest = summary.sort_values("capaian")["label"].head(2).map(charts.wrap_label).tolist()
    assert list(fig.data[0].y) == lowest


def test_predikat_distribution(demo):
    evaluated, *_ = demo
    counts = evaluated["predikat"].value_counts().to_dict()
    fig = charts.predikat_distribution(counts, "Sebaran predikat 53 indikator")
    common_checks(fig, "Sebaran predikat")
    (bar,) = fig.data
    assert list(bar.y) == [*formulas.PREDIKAT, charts.TIDAK_DAPAT_DIHITUNG]
    assert sum(bar.x) == len(evaluated)
    assert list(bar.marker.color)[-1] == charts.NEUTRAL
    total = len(evaluated)
    assert bar.customdata[0][1] == f"{counts['Sangat Tinggi'] / total * 100:.1f}%".replace(".", ",")
    assert fig.layout.yaxis.autorange == "reversed"


def test_trend_chart_and_path(demo):
    evaluated, *_ = demo
    trend = views.trend_frame(evaluated, 3, SETTINGS)
    fig = charts.trend_chart(trend, "Capaian terhadap jalur target, 2024")
    common_checks(fig, "jalur target")
    (line,) = fig.data
    assert list(line.x) == ["TW I", "TW II", "TW III"]  # TW IV not reported yet
    assert line.text[0] == f"{trend['capaian'][0]:.1f}%".replace(".", ",")
    assert fig.layout.title.subtitle.text.startswith("100% (garis putus-putus)")
    hundred = [s for s in fig.layout.shapes if s.type == "line"]
    assert hundred[0].y0 == 100 and hundred[0].line.dash == "dash"


def test_indicator_trend_chart(demo):
    evaluated, *_ = demo
    row = evaluated[evaluated["indikator"].str.startswith("Jumlah Dokumen Perencanaan")].iloc[0]
    fig = charts.indicator_trend_chart(views.indicator_trend(row, 3), row["satuan"], "Judul")
    bars, target = fig.data
    assert bars.type == "bar" and target.type == "scatter"
    assert list(bars.customdata) == ["3 Dokumen", "7 Dokumen", "8 Dokumen", "–"]
    assert list(target.customdata) == ["3 Dokumen", "6 Dokumen", "9 Dokumen", "12 Dokumen"]
    percent = evaluated[evaluated["satuan"] == "%"].iloc[0]
    fig = charts.indicator_trend_chart(views.indicator_trend(percent, 2), "%", "Judul")
    assert fig.data[1].customdata[0].endswith("%") and " %" not in fig.data[1].customdata[0]


def test_scatter_quadrants_and_named_points(demo):
    *_, summary = demo
    fig = charts.kinerja_anggaran_scatter(summary, "Kinerja dan anggaran per bidang", 91, 91)
    common_checks(fig, "Kinerja dan anggaran")
    names = [a.text for a in fig.layout.annotations]
    assert names == [f"<b>{k}</b>" for k in formulas.KUADRAN]
    assert len(fig.data) == 5 and fig.layout.showlegend
    assert len({t.marker.symbol for t in fig.data}) == 5
    sekretariat = next(t for t in fig.data if t.name == "Sekretariat")
    row = summary.set_index("key").loc["Sekretariat"]
    assert sekretariat.marker.color == charts.predikat_color(row["predikat"])
    custom = sekretariat.customdata[0]
    assert custom[3].startswith("Rp ") and "." in custom[3] and custom[5] in formulas.KUADRAN
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert {lines[0].x0, lines[1].y0} == {91}
    low, high = fig.layout.xaxis.range
    assert low <= summary["serapan"].min() and high >= max(summary["serapan"].max(), 91)


def test_scatter_many_points_and_missing_budget(demo):
    *_, summary = demo
    many = pd.concat([summary] * 3, ignore_index=True)
    many.loc[0, "serapan"] = np.nan
    fig = charts.kinerja_anggaran_scatter(many, "Per kegiatan")
    assert len(fig.data) == 1 and len(fig.data[0].x) == 14
    assert "(14 dari 15 memiliki data anggaran)" in fig.layout.title.text


def test_pagu_treemap(demo):
    evaluated, _, paths, _, names, _ = demo
    nodes = views.treemap_nodes(evaluated, paths, views.Filters(), SETTINGS, names)
    fig = charts.pagu_treemap(nodes, "Pagu anggaran, diwarnai menurut capaian")
    common_checks(fig, "Pagu anggaran")
    (tree,) = fig.data
    assert tree.branchvalues == "total"
    assert list(tree.marker.colors) == [charts.predikat_color(p) for p in nodes["predikat"]]
    first = tree.customdata[0]
    assert first[0].startswith("Rp ") and first[1].endswith("miliar")
    assert math.isclose(sum(v for v, p in zip(tree.values, tree.parents, strict=True) if not p),
                        paths["pagu"].sum())  # fmt: skip


def test_yoy_chart(demo):
    evaluated, *_ = demo
    before = analysis.evaluate(*demo_frames(2023), 4, SETTINGS)
    now = views.group_summary(evaluated, "bidang", SETTINGS)
    then = views.group_summary(before, "bidang", SETTINGS)
    fig = charts.yoy_chart(now, then, "Capaian 2024 dibanding 2023", 2024, 2023)
    common_checks(fig, "dibanding 2023")
    previous, current = fig.data
    assert (previous.name, current.name) == ("2023", "2024")
    assert previous.marker.color == charts.PREVIOUS
    row_now = now.set_index("key").loc["Sekretariat", "capaian"]
    row_then = then.set_index("key").loc["Sekretariat", "capaian"]
    index = list(current.y).index("Sekretariat")
    delta = row_now - row_then
    expected = f"{abs(delta):.1f}".replace(".", ",")
    assert current.customdata[index][2] == ("+" if delta > 0 else "-") + expected + " poin"
    assert fig.layout.barmode == "group"


def test_presentation_enlarges_type(demo):
    *_, summary = demo
    fig = charts.presentation(charts.capaian_bars(summary, "label", "Capaian"), height=420)
    assert fig.layout.font.size == 18 and fig.layout.height == 420
    assert fig.data[0].textfont.size == 18
    named = charts.kinerja_anggaran_scatter(summary, "Scatter")
    bottom = named.layout.margin.b
    big = charts.presentation(named, height=400)
    assert big.layout.margin.b == bottom and big.layout.height == 400 + bottom - 50


def test_wrap_label():
    assert charts.wrap_label("Bidang Informasi dan Komunikasi Publik") == (
        "Bidang Informasi dan<br>Komunikasi Publik"
    )
    assert charts.wrap_label("pendek") == "pendek"
    three = charts.wrap_label("satu dua tiga empat lima enam tujuh delapan sembilan", 10)
    assert three.count("<br>") == 1 and three.endswith("…")


def test_predikat_distribution_small_counts_have_whole_ticks():
    fig = charts.predikat_distribution({"Sangat Rendah": 1}, "Sebaran predikat 1 indikator")
    assert fig.layout.xaxis.dtick == 1
    assert charts.predikat_distribution({"Tinggi": 40}, "t").layout.xaxis.dtick is None
