"""Plotly figure builders: pure functions from analysis frames to Figures.

One predikat palette everywhere (blue → orange → red, readable with colour-blindness),
Indonesian number formats on axes and hovers, titles that say what the chart shows.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kinerja_core.formulas import DEFAULT_BOUNDS, PREDIKAT
from kinerja_core.locale_id import fmt_percent

PREDIKAT_COLORS = {
    "Sangat Tinggi": "#1b6ca8",
    "Tinggi": "#5fa8d3",
    "Sedang": "#e9b949",
    "Rendah": "#e07b39",
    "Sangat Rendah": "#b8322a",
    "": "#9aa5b1",
}
NEUTRAL = "#9aa5b1"
FONT = dict(family="Source Sans Pro, Segoe UI, Arial, sans-serif", size=14, color="#1d2731")


def predikat_color(name: str) -> str:
    return PREDIKAT_COLORS.get(name, NEUTRAL)


def base_layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    """Shared look: white, calm, Indonesian separators ('.' thousands, ',' decimals)."""
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=18)),
        font=FONT,
        separators=",.",
        plot_bgcolor="white",
        paper_bgcolor="white",
        height=height,
        margin=dict(l=10, r=20, t=60, b=40),
        hoverlabel=dict(bgcolor="white", font_size=14),
    )
    return fig


def capaian_bars(
    frame: pd.DataFrame,
    label_column: str,
    title: str,
    bounds: tuple[float, ...] = DEFAULT_BOUNDS,
    height: int | None = None,
) -> go.Figure:
    """Horizontal bars of capaian per group, coloured by predikat, with a 100% line.

    ``frame`` needs ``label_column``, ``capaian`` and ``predikat`` (a rollup result).
    """
    data = frame.sort_values("capaian", ascending=True, na_position="first")
    text = [fmt_percent(v) for v in data["capaian"]]
    fig = go.Figure(
        go.Bar(
            x=data["capaian"],
            y=data[label_column],
            orientation="h",
            marker_color=[predikat_color(p) for p in data["predikat"]],
            text=[f"{t}  {p}" for t, p in zip(text, data["predikat"], strict=True)],
            textposition="outside",
            cliponaxis=False,
            customdata=list(zip(text, data["predikat"], strict=True)),
            hovertemplate="<b>%{y}</b><br>Capaian: %{customdata[0]}<br>"
            "Predikat: %{customdata[1]}<extra></extra>",
        )
    )
    top = max(120.0, float(data["capaian"].max(skipna=True) or 0) * 1.25)
    for lower, name in zip(bounds, PREDIKAT, strict=False):
        fig.add_vline(x=lower, line=dict(color=predikat_color(name), width=1, dash="dot"))
    fig.add_vline(
        x=100,
        line=dict(color="#1d2731", width=2),
        annotation_text="Target 100%",
        annotation_position="top",
    )
    fig.update_xaxes(range=[0, top], ticksuffix="%", gridcolor="#e6ebf0", title="Capaian (%)")
    fig.update_yaxes(title=None, automargin=True)
    base_layout(fig, title, height or max(300, 70 * len(data) + 120))
    fig.update_layout(showlegend=False)
    return fig


def predikat_legend_items() -> list[tuple[str, str]]:
    """(predikat, colour) pairs for a legend outside the chart."""
    return [(name, PREDIKAT_COLORS[name]) for name in PREDIKAT]
