"""Plotly figure builders: pure functions from analysis frames to Figures.

One predikat palette everywhere (blue → orange → red, readable with colour-blindness),
Indonesian number formats on axes (``separators=",."``) and in hovers (text pre-formatted
with ``locale_id`` and passed as ``customdata``), titles that say what the chart shows.

Every label, hover and title that can hold text from a file or a person goes through
``plaintext.html``: Plotly turns ``<a href>`` and a few other tags into markup.

Builders: capaian per group with predikat bands and the 100% line (``capaian_bars``),
predikat distribution, trend per triwulan against the target path (many indicators or
one), kinerja against anggaran with the efisiensi quadrants, treemap of pagu coloured by
capaian, and the year-on-year comparison.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kinerja_core import formulas
from kinerja_core.formulas import DEFAULT_BOUNDS, PREDIKAT
from kinerja_core.locale_id import fmt_number, fmt_percent
from kinerja_core.plaintext import html
from kinerja_core.views import fmt_numbers, fmt_percents, fmt_rupiahs, fmt_rupiahs_short

PREDIKAT_COLORS = {
    "Sangat Tinggi": "#1b6ca8",
    "Tinggi": "#5fa8d3",
    "Sedang": "#e9b949",
    "Rendah": "#e07b39",
    "Sangat Rendah": "#b8322a",
    "": "#9aa5b1",
}
NEUTRAL = "#9aa5b1"
PREVIOUS = "#c3ccd5"  # last year's bars
INK = "#1d2731"
GRID = "#e6ebf0"
TIDAK_DAPAT_DIHITUNG = "Tidak dapat dihitung"
LEGEND_ROW = 27  # pixels per legend row below a chart
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "star", "hexagon", "cross", "pentagon")
KUADRAN_COLORS = {
    formulas.EFISIEN: "#1b6ca8",
    formulas.SESUAI: "#5fa8d3",
    formulas.PERLU_PERHATIAN: "#b8322a",
    formulas.BELUM_OPTIMAL: "#e07b39",
}
FONT = dict(
    family="Source Sans, Source Sans Pro, Segoe UI, Arial, sans-serif", size=14, color="#1d2731"
)

# Plotly's own words (mode bar, messages) in Indonesian, and Indonesian number separators:
# pass as ``config`` wherever a figure is shown.
LOCALE_ID = {
    "dictionary": {
        "Autoscale": "Skala otomatis",
        "Box Select": "Pilih dengan kotak",
        "Click to enter Colorscale title": "Klik untuk mengisi judul skala warna",
        "Click to enter Plot title": "Klik untuk mengisi judul grafik",
        "Click to enter X axis title": "Klik untuk mengisi judul sumbu X",
        "Click to enter Y axis title": "Klik untuk mengisi judul sumbu Y",
        "Compare data on hover": "Bandingkan data saat kursor di atasnya",
        "Double-click on legend to isolate one trace": "Klik dua kali pada legenda untuk "
        "menampilkan satu seri saja",
        "Double-click to zoom back out": "Klik dua kali untuk kembali",
        "Download plot": "Unduh grafik",
        "Download plot as a PNG": "Unduh grafik sebagai PNG",
        "Download plot as JSON": "Unduh grafik sebagai JSON",
        "Image download succeeded": "Gambar berhasil diunduh",
        "Lasso Select": "Pilih dengan laso",
        "Orbital rotation": "Rotasi orbit",
        "Pan": "Geser",
        "Preparing image - this may take a few seconds": "Menyiapkan gambar, tunggu sebentar",
        "Produced with Plotly.js": "Dibuat dengan Plotly.js",
        "Reset": "Atur ulang",
        "Reset axes": "Kembalikan sumbu",
        "Reset camera to default": "Kembalikan kamera",
        "Reset camera to last save": "Kembalikan kamera ke simpanan terakhir",
        "Reset view": "Kembalikan tampilan",
        "Reset views": "Kembalikan tampilan",
        "Show closest data on hover": "Tampilkan data terdekat saat kursor di atasnya",
        "Snapshot succeeded": "Gambar berhasil dibuat",
        "Sorry, there was a problem downloading your snapshot!": "Maaf, gambar gagal diunduh.",
        "Sorry, there was a problem downloading your image!": "Maaf, gambar gagal diunduh.",
        "Taking snapshot - this may take a few seconds": "Membuat gambar, tunggu sebentar",
        "Toggle Spike Lines": "Garis bantu",
        "Toggle show closest data on hover": "Data terdekat saat kursor di atasnya",
        "Turntable rotation": "Rotasi meja putar",
        "Zoom": "Perbesar area",
        "Zoom in": "Perbesar",
        "Zoom out": "Perkecil",
    },
    "format": {
        "days": ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
        "shortDays": ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
        "months": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                   "September", "Oktober", "November", "Desember"],
        "shortMonths": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
                        "Nov", "Des"],
        "date": "%d/%m/%Y",
        "decimal": ",",
        "thousands": ".",
    },
}  # fmt: skip
PLOTLY_CONFIG = {
    "locale": "id",
    "locales": {"id": LOCALE_ID},
    "displaylogo": False,
    # what a meeting needs: the picture; zooming and panning a bar chart only confuse it
    "modeBarButtonsToRemove": [
        "zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d",
        "resetScale2d", "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian",
    ],
    "toImageButtonOptions": {"format": "png", "filename": "grafik_kinerja", "scale": 2},
}  # fmt: skip


def predikat_color(name: str) -> str:
    return PREDIKAT_COLORS.get(name, NEUTRAL)


def text_color(name: str) -> str:
    """Readable text on a predikat-coloured fill (dark on the light blue and yellow)."""
    return INK if name in ("Tinggi", "Sedang", "") else "#ffffff"


def base_layout(
    fig: go.Figure, title: str, height: int = 420, subtitle: str | None = None
) -> go.Figure:
    """Shared look: white, calm, Indonesian separators ('.' thousands, ',' decimals)."""
    title_spec: dict = dict(
        text=html(title), x=0, xanchor="left", font=dict(size=18, weight="bold", color=INK)
    )
    if subtitle:
        title_spec["subtitle"] = dict(text=html(subtitle), font=dict(size=13, color="#4a5866"))
    fig.update_layout(
        title=title_spec,
        font=FONT,
        separators=",.",
        plot_bgcolor="white",
        paper_bgcolor="white",
        height=height,
        margin=dict(l=10, r=20, t=60, b=40),
        hoverlabel=dict(bgcolor="white", font_size=14),
    )
    fig.update_xaxes(automargin=True, linecolor="#b8c2cc", tickfont=dict(color=INK))
    fig.update_yaxes(automargin=True, linecolor="#b8c2cc", tickfont=dict(color=INK))
    return fig


def predikat_bands(
    bounds: tuple[float, ...] = DEFAULT_BOUNDS, top: float = 200.0, axis: str = "x"
) -> list[dict]:
    """Pale predikat-coloured bands behind the data (vertical for x, horizontal for y).

    Returned as layout shapes, to be set in one ``update_layout`` (much cheaper than
    ``add_vrect`` per band).
    """
    edges = [top, *bounds, 0.0] if top > bounds[0] else [bounds[0], *bounds, 0.0]
    shapes = []
    for name, upper, lower in zip(PREDIKAT, edges[:-1], edges[1:], strict=True):
        shape = dict(
            type="rect",
            fillcolor=predikat_color(name),
            opacity=0.10,
            line=dict(width=0),
            layer="below",
        )
        if axis == "x":
            shape.update(xref="x", yref="y domain", x0=lower, x1=upper, y0=0, y1=1)
        else:
            shape.update(xref="x domain", yref="y", x0=0, x1=1, y0=lower, y1=upper)
        shapes.append(shape)
    return shapes


def _line(axis: str, value: float, **line) -> dict:
    """A full-height (axis 'x') or full-width (axis 'y') reference line as a layout shape."""
    if axis == "x":
        place = dict(xref="x", yref="y domain", x0=value, x1=value, y0=0, y1=1)
    else:
        place = dict(xref="x domain", yref="y", x0=0, x1=1, y0=value, y1=value)
    return dict(type="line", line=line, layer="below", **place)


def capaian_bars(
    frame: pd.DataFrame,
    label_column: str,
    title: str,
    bounds: tuple[float, ...] = DEFAULT_BOUNDS,
    height: int | None = None,
    max_bars: int | None = None,
    show_predikat: bool = True,
) -> go.Figure:
    """Horizontal bars of capaian per group, coloured by predikat, on predikat bands with a
    100% line.

    ``frame`` needs ``label_column``, ``capaian`` and ``predikat`` (a rollup result);
    ``jumlah_indikator`` and ``serapan`` are shown in the hover when present. With
    ``max_bars`` only the lowest groups are drawn and the title says so;
    ``show_predikat=False`` leaves the predikat word out of the bar text (narrow columns).
    """
    data = frame.sort_values("capaian", ascending=True, na_position="first")
    if max_bars is not None and len(data) > max_bars:
        computable = data[data["capaian"].notna()]
        data = computable.head(max_bars) if len(computable) else data.head(max_bars)
        title = f"{title} — {max_bars} terendah dari {len(frame)}"
    text = fmt_percents(data["capaian"])
    predikat = [p or TIDAK_DAPAT_DIHITUNG for p in data["predikat"]]
    columns: list[list[str]] = []
    if "jumlah_indikator" in data:
        columns.append([f"Indikator: {v}" for v in fmt_numbers(data["jumlah_indikator"], 0)])
    if "di_bawah" in data:
        columns.append(
            [f"Di bawah ambang: {v}" if v != "0" else "" for v in fmt_numbers(data["di_bawah"], 0)]
        )
    if "serapan" in data:
        columns.append(
            [f"Serapan anggaran: {v}" if v != "–" else "" for v in fmt_percents(data["serapan"])]
        )
    extra = ["<br>".join(p for p in parts if p) for parts in zip(*columns, strict=True)]
    extra = extra or [""] * len(data)
    if {"key", "uraian"} <= set(data.columns) and label_column != "bidang":
        full = [
            html(f"{k} · {u}" if u else k) for k, u in zip(data["key"], data["uraian"], strict=True)
        ]
    else:
        full = [html(v) for v in data[label_column]]
    keys = data["key" if "key" in data else label_column].astype(str).tolist()
    fig = go.Figure(
        go.Bar(
            x=data["capaian"].fillna(0),
            y=[wrap_label(v) for v in data[label_column]],
            orientation="h",
            marker_color=[predikat_color(p) for p in data["predikat"]],
            text=(
                [f"{t}  {p}" for t, p in zip(text, predikat, strict=True)]
                if show_predikat
                else text
            ),
            textposition="auto",
            insidetextanchor="end",
            insidetextfont=dict(color=[text_color(p) for p in data["predikat"]]),
            outsidetextfont=dict(color=INK),
            cliponaxis=False,
            customdata=list(zip(text, predikat, extra, full, keys, strict=True)),  # [4]: click
            hovertemplate="<b>%{customdata[3]}</b><br>Capaian: %{customdata[0]}<br>"
            "Predikat: %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
        )
    )
    top = max(135.0, float(data["capaian"].max(skipna=True) or 0) * 1.35)
    if math.isnan(top):
        top = 120.0
    fig.update_layout(
        shapes=[*predikat_bands(bounds, top, "x"), _line("x", 100, color=INK, width=2)],
        annotations=[
            dict(
                x=100,
                xref="x",
                y=1,
                yref="y domain",
                text="Target 100%",
                showarrow=False,
                yanchor="bottom",
            )
        ],
        xaxis=dict(range=[0, top], ticksuffix="%", gridcolor=GRID, title="Capaian (%)"),
        yaxis=dict(title=None),
        showlegend=False,
        bargap=0.25,
    )
    base_layout(fig, title, height or max(300, 48 * len(data) + 140))
    return fig


def _missing(value: object) -> bool:
    try:
        return value is None or math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def predikat_distribution(counts: dict[str, int], title: str, height: int = 380) -> go.Figure:
    """Bars of how many indicators fall in each predikat (plus 'Tidak dapat dihitung').

    Horizontal, best predikat on top, so every label stays readable in a narrow column.
    """
    names = [*PREDIKAT, TIDAK_DAPAT_DIHITUNG]
    values = [int(counts.get(n, 0)) for n in PREDIKAT]
    values.append(int(counts.get("", 0)) + int(counts.get(TIDAK_DAPAT_DIHITUNG, 0)))
    total = sum(values)
    shares = [fmt_percent(v / total * 100 if total else float("nan")) for v in values]
    fig = go.Figure(
        go.Bar(
            y=names,
            x=values,
            orientation="h",
            marker_color=[predikat_color(n) for n in PREDIKAT] + [NEUTRAL],
            text=[fmt_number(v, 0) for v in values],
            textposition="outside",
            cliponaxis=False,
            customdata=list(zip([fmt_number(v, 0) for v in values], shares, names, strict=True)),
            hovertemplate="<b>%{y}</b><br>%{customdata[0]} indikator (%{customdata[1]})"
            "<extra></extra>",
        )
    )
    fig.update_xaxes(
        title="Jumlah indikator",
        gridcolor=GRID,
        rangemode="tozero",
        tickformat=",d",
        range=[0, max(values + [1]) * 1.18],
        dtick=1 if max(values + [1]) <= 6 else None,  # never '0, 1, 1' from half steps
    )
    fig.update_yaxes(title=None, autorange="reversed", automargin=True)
    base_layout(fig, title, height)
    fig.update_layout(showlegend=False, bargap=0.25)
    return fig


def trend_chart(
    trend: pd.DataFrame,
    title: str,
    bounds: tuple[float, ...] = DEFAULT_BOUNDS,
    height: int = 380,
) -> go.Figure:
    """Mean capaian against the target path per triwulan (``views.trend_frame``).

    100% means the indicators are where their target path says they should be by then.
    """
    data = trend[trend["capaian"].notna()]
    text = [fmt_percent(v) for v in data["capaian"]]
    counts = [fmt_number(v, 0) for v in data["jumlah"]]
    fig = go.Figure(
        go.Scatter(
            x=data["triwulan"],
            y=data["capaian"],
            mode="lines+markers+text",
            name="Capaian terhadap jalur target",
            line=dict(color=PREDIKAT_COLORS["Sangat Tinggi"], width=4),
            marker=dict(
                size=14,
                color=[predikat_color(p) for p in formulas.predikat(data["capaian"], bounds)],
                line=dict(color=INK, width=1),
            ),
            text=text,
            textposition="top center",
            customdata=list(zip(text, counts, strict=True)),
            hovertemplate="<b>%{x}</b><br>Capaian terhadap jalur target: %{customdata[0]}"
            "<br>Dari %{customdata[1]} indikator<extra></extra>",
        )
    )
    top = max(130.0, float(np.nanmax(data["capaian"])) * 1.15) if len(data) else 130.0
    # The dashed 100% line is explained in the subtitle, away from the point labels.
    fig.update_layout(
        shapes=[
            *predikat_bands(bounds, top, "y"),
            _line("y", 100, color=INK, width=2, dash="dash"),
        ]
    )
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=list(trend["triwulan"]),
        range=[-0.4, len(trend) - 0.6],
        title=None,
    )
    fig.update_yaxes(range=[0, top], ticksuffix="%", gridcolor=GRID, title="Capaian (%)")
    base_layout(
        fig,
        title,
        height,
        subtitle="100% (garis putus-putus) = tepat di jalur target",
    )
    fig.update_layout(showlegend=False, margin=dict(l=10, r=20, t=80, b=40))
    return fig


def indicator_trend_chart(
    trend: pd.DataFrame, satuan: str, title: str, height: int = 360
) -> go.Figure:
    """One indicator: realisasi up to each TW (bars) against its target path (dashed line)."""
    unit = f" {satuan}" if satuan and satuan.strip() not in {"%"} else ("%" if satuan else "")
    real_text = [
        "–" if _missing(v) else f"{fmt_number(v)}{unit}".replace(" %", "%")
        for v in trend["realisasi"]
    ]
    target_text = [
        "–" if _missing(v) else f"{fmt_number(v)}{unit}".replace(" %", "%") for v in trend["target"]
    ]
    fig = go.Figure()
    fig.add_bar(
        x=trend["triwulan"],
        y=trend["realisasi"],
        name="Realisasi s.d. triwulan",
        marker_color=PREDIKAT_COLORS["Sangat Tinggi"],
        text=[t if t != "–" else "" for t in real_text],
        textposition="outside",
        cliponaxis=False,
        customdata=real_text,
        hovertemplate="<b>%{x}</b><br>Realisasi s.d. triwulan: %{customdata}<extra></extra>",
    )
    fig.add_scatter(
        x=trend["triwulan"],
        y=trend["target"],
        name="Jalur target",
        mode="lines+markers",
        line=dict(color=INK, width=3, dash="dash"),
        marker=dict(size=9, color=INK),
        customdata=target_text,
        hovertemplate="<b>%{x}</b><br>Target s.d. triwulan: %{customdata}<extra></extra>",
    )
    fig.update_yaxes(title=html(satuan) or None, gridcolor=GRID, rangemode="tozero")
    fig.update_xaxes(title=None)
    base_layout(fig, title, height)
    fig.update_layout(legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"))
    return fig


def kinerja_anggaran_scatter(
    frame: pd.DataFrame,
    title: str,
    batas_kinerja: float = 91.0,
    batas_serapan: float = 91.0,
    label_column: str = "label",
    height: int = 480,
    show_labels: bool | None = None,
) -> go.Figure:
    """Capaian kinerja (y) against serapan anggaran (x) with the four efisiensi quadrants.

    ``frame`` needs ``label_column``, ``capaian``, ``serapan``, ``predikat``; ``pagu`` sizes
    the markers when present, the predikat colours them. Up to eight groups get a marker
    shape each and a legend entry (``show_labels`` forces either way); more are drawn as one
    trace with names in the hover. Groups without both numbers are left out (the title says
    how many are drawn).
    """
    data = frame[frame["capaian"].notna() & frame["serapan"].notna()]
    data = data.sort_values("capaian")
    x_low, x_top = _zoom(data["serapan"], batas_serapan, 110.0)
    y_low, y_top = _zoom(data["capaian"], batas_kinerja, 125.0)
    quadrants = [
        (formulas.EFISIEN, x_low, batas_serapan, batas_kinerja, y_top, "top left"),
        (formulas.SESUAI, batas_serapan, x_top, batas_kinerja, y_top, "top right"),
        (formulas.PERLU_PERHATIAN, batas_serapan, x_top, y_low, batas_kinerja, "bottom right"),
        (formulas.BELUM_OPTIMAL, x_low, batas_serapan, y_low, batas_kinerja, "bottom left"),
    ]
    fig = go.Figure()
    shapes, annotations = [], []
    for name, x0, x1, y0, y1, position in quadrants:
        shapes.append(
            dict(
                type="rect",
                x0=x0,
                x1=x1,
                y0=y0,
                y1=y1,
                fillcolor=KUADRAN_COLORS[name],
                opacity=0.08,
                line=dict(width=0),
                layer="below",
            )
        )
        annotations.append(
            dict(
                x=x0 if "left" in position else x1,
                y=y1 if "top" in position else y0,
                text=f"<b>{name}</b>",
                showarrow=False,
                xanchor="left" if "left" in position else "right",
                yanchor="top" if "top" in position else "bottom",
                font=dict(color=KUADRAN_COLORS[name], size=14),
                xshift=6 if "left" in position else -6,
                yshift=-4 if "top" in position else 4,
            )
        )
    shapes.append(_line("x", batas_serapan, color=INK, width=1, dash="dot"))
    shapes.append(_line("y", batas_kinerja, color=INK, width=1, dash="dot"))
    fig.update_layout(shapes=shapes, annotations=annotations)
    pagu = data["pagu"].astype(float) if "pagu" in data else pd.Series(np.nan, index=data.index)
    if pagu.notna().any() and pagu.max() > 0:
        sizes = 14 + 30 * np.sqrt(pagu.fillna(0).to_numpy() / pagu.max())
    else:
        sizes = np.full(len(data), 18.0)
    kuadran = formulas.efisiensi_kuadran(
        data["capaian"], data["serapan"], batas_kinerja, batas_serapan
    )
    customdata = list(
        zip(
            [html(v) for v in data[label_column]],
            fmt_percents(data["capaian"]),
            fmt_percents(data["serapan"]),
            fmt_rupiahs(pagu),
            [p or TIDAK_DAPAT_DIHITUNG for p in data["predikat"]],
            kuadran,
            data["key" if "key" in data else label_column].astype(str),  # [6]: what a click picks
            strict=True,
        )
    )
    hover = (
        "<b>%{customdata[0]}</b><br>Capaian kinerja: %{customdata[1]}"
        "<br>Serapan anggaran: %{customdata[2]}<br>Pagu: %{customdata[3]}"
        "<br>Predikat: %{customdata[4]}<br>Kuadran: %{customdata[5]}<extra></extra>"
    )
    colors = [predikat_color(p) for p in data["predikat"]]
    named = show_labels if show_labels is not None else len(data) <= len(SYMBOLS)
    if named:
        # Few groups: one trace each, told apart by marker shape and named in the legend.
        for i in range(len(data)):
            fig.add_scatter(
                x=[data["serapan"].iloc[i]],
                y=[data["capaian"].iloc[i]],
                mode="markers",
                name=html(_short(data[label_column].iloc[i], 40)),
                marker=dict(
                    size=[sizes[i]],
                    color=colors[i],
                    symbol=SYMBOLS[i % len(SYMBOLS)],
                    line=dict(color=INK, width=1.5),
                    opacity=0.9,
                ),
                customdata=[customdata[i]],
                hovertemplate=hover,
            )
        legend_rows = len(data)
        fig.update_layout(
            showlegend=True,
            legend=dict(
                orientation="h",
                yref="container",
                y=0,
                yanchor="bottom",
                x=0,
                itemsizing="constant",
                entrywidth=1,
                entrywidthmode="fraction",
            ),
        )
    else:
        fig.add_scatter(
            x=data["serapan"],
            y=data["capaian"],
            mode="markers",
            marker=dict(size=sizes, color=colors, line=dict(color=INK, width=1), opacity=0.85),
            customdata=customdata,
            hovertemplate=hover,
            showlegend=False,
        )
    fig.update_xaxes(
        range=[x_low, x_top], ticksuffix="%", gridcolor=GRID, title="Serapan anggaran (%)"
    )
    fig.update_yaxes(
        range=[y_low, y_top], ticksuffix="%", gridcolor=GRID, title="Capaian kinerja (%)"
    )
    if len(data) < len(frame):
        title = f"{title} ({len(data)} dari {len(frame)} memiliki data anggaran)"
    if named:
        height += LEGEND_ROW * legend_rows
    base_layout(fig, title, height)
    if named:
        fig.update_layout(margin=dict(b=80 + LEGEND_ROW * legend_rows))
    return fig


def _zoom(values: pd.Series, boundary: float, minimum_top: float) -> tuple[float, float]:
    """An axis range around the data that always shows the quadrant boundary."""
    if values.empty:
        return 0.0, minimum_top
    low = min(float(values.min()), boundary)
    high = max(float(values.max()), boundary)
    span = max(high - low, 20.0)
    bottom = max(0.0, low - 0.25 * span)
    return (0.0 if bottom < 15 else bottom), max(high + 0.2 * span, boundary + 10)


def wrap_label(text: object, width: int = 26, lines: int = 2) -> str:
    """Break a long axis label over ``lines`` lines (the last one shortened with '…')."""
    parts = textwrap.wrap(str(text), width) or [""]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], _short(" ".join(parts[lines - 1 :]), width)]
    return "<br>".join(html(part) for part in parts)


def _short(text: object, width: int) -> str:
    value = str(text)
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def pagu_treemap(
    nodes: pd.DataFrame, title: str, height: int = 520, subtitle: str | None = None
) -> go.Figure:
    """Treemap of pagu, each box coloured by the predikat of its capaian.

    ``nodes`` (``views.treemap_nodes``): id, parent, label, pagu, capaian, predikat, serapan;
    a parent's pagu is the sum of its children. Text too small to read (under 12 px) is left
    out of its box rather than shrunk; the hover and the page's table still tell it.
    """
    customdata = list(
        zip(
            fmt_rupiahs(nodes["pagu"]),
            fmt_rupiahs_short(nodes["pagu"]),
            fmt_percents(nodes["capaian"]),
            [p or TIDAK_DAPAT_DIHITUNG for p in nodes["predikat"]],
            fmt_percents(nodes["serapan"]),
            [html(v) for v in (nodes["nama"] if "nama" in nodes else nodes["label"])],
            strict=True,
        )
    )
    fig = go.Figure(
        go.Treemap(
            ids=nodes["id"],
            parents=nodes["parent"],
            labels=[html(v) for v in nodes["label"]],
            values=nodes["pagu"].fillna(0),
            branchvalues="total",
            marker=dict(
                colors=[predikat_color(p) for p in nodes["predikat"]],
                line=dict(color="white", width=2),
            ),
            customdata=customdata,
            texttemplate="<b>%{label}</b><br>%{customdata[1]}<br>Capaian %{customdata[2]}",
            hovertemplate="<b>%{customdata[5]}</b><br>Pagu: %{customdata[0]}<br>"
            "Capaian: %{customdata[2]} (%{customdata[3]})<br>"
            "Serapan anggaran: %{customdata[4]}<extra></extra>",
            tiling=dict(pad=2),
            maxdepth=3,
            root_color="white",
        )
    )
    base_layout(fig, title, height, subtitle=subtitle)
    fig.update_layout(
        margin=dict(l=4, r=4, t=80 if subtitle else 60, b=4),
        uniformtext=dict(minsize=12, mode="hide"),
    )
    return fig


def yoy_chart(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    title: str,
    tahun: int,
    tahun_lalu: int,
    key: str = "key",
    label_column: str = "label",
    height: int | None = None,
) -> go.Figure:
    """Capaian this year (predikat colours) against last year (grey), per group."""
    merged = current[[key, label_column, "capaian", "predikat"]].merge(
        previous[[key, "capaian", "predikat"]].rename(
            columns={"capaian": "capaian_lalu", "predikat": "predikat_lalu"}
        ),
        on=key,
        how="left",
    )
    merged = merged.sort_values("capaian", ascending=True, na_position="first")
    delta = merged["capaian"] - merged["capaian_lalu"]
    delta_text = [
        "–" if _missing(d) else ("+" if d > 0 else "") + fmt_number(d, 1) + " poin" for d in delta
    ]
    fig = go.Figure()
    fig.add_bar(
        y=[html(v) for v in merged[label_column]],
        x=merged["capaian_lalu"],
        orientation="h",
        name=str(tahun_lalu),
        marker_color=PREVIOUS,
        customdata=list(
            zip(
                fmt_percents(merged["capaian_lalu"]),
                [p or TIDAK_DAPAT_DIHITUNG for p in merged["predikat_lalu"].fillna("")],
                strict=True,
            )
        ),
        hovertemplate=f"<b>%{{y}}</b><br>{tahun_lalu}: %{{customdata[0]}} "
        "(%{customdata[1]})<extra></extra>",
    )
    fig.add_bar(
        y=[html(v) for v in merged[label_column]],
        x=merged["capaian"],
        orientation="h",
        name=str(tahun),
        marker_color=[predikat_color(p) for p in merged["predikat"]],
        text=[
            f"{v} ({d})" for v, d in zip(fmt_percents(merged["capaian"]), delta_text, strict=True)
        ],
        textposition="outside",
        cliponaxis=False,
        customdata=list(
            zip(
                fmt_percents(merged["capaian"]),
                [p or TIDAK_DAPAT_DIHITUNG for p in merged["predikat"]],
                delta_text,
                strict=True,
            )
        ),
        hovertemplate=f"<b>%{{y}}</b><br>{tahun}: %{{customdata[0]}} (%{{customdata[1]}})"
        "<br>Perubahan: %{customdata[2]}<extra></extra>",
    )
    values = pd.concat([merged["capaian"], merged["capaian_lalu"]])
    top = max(120.0, float(values.max(skipna=True) or 0) * 1.3)
    if math.isnan(top):
        top = 120.0
    fig.update_layout(shapes=[_line("x", 100, color=INK, width=2)])
    fig.update_xaxes(range=[0, top], ticksuffix="%", gridcolor=GRID, title="Capaian (%)")
    fig.update_yaxes(title=None, automargin=True)
    base_layout(fig, title, height or max(320, 60 * len(merged) + 140))
    fig.update_layout(
        barmode="group",
        bargap=0.3,
        legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom",
                    traceorder="normal"),
    )  # fmt: skip
    return fig


def predikat_legend_items() -> list[tuple[str, str]]:
    """(predikat, colour) pairs for a legend outside the chart."""
    return [(name, PREDIKAT_COLORS[name]) for name in PREDIKAT]


def presentation(fig: go.Figure, height: int | None = None) -> go.Figure:
    """Bigger type for a projector: readable from the back of the meeting room."""
    extra = max(0, (fig.layout.margin.b or 0) - 50)  # room already made for a legend
    fig.update_layout(
        font=dict(size=18),
        title=dict(font=dict(size=22)),
        hoverlabel=dict(font_size=18),
        margin=dict(l=10, r=30, t=70, b=50 + extra),
    )
    fig.update_traces(textfont_size=18, selector=dict(type="bar"))
    fig.update_traces(textfont_size=15, selector=dict(type="scatter"))
    if height:
        fig.update_layout(height=height + extra)
    return fig
