"""Small visual pieces shared by pages: predikat badges and counts in the predikat palette."""

from __future__ import annotations

import html

import streamlit as st

from kinerja_core.charts import predikat_color

_TEXT_ON = {"Sedang": "#1d2731", "Tinggi": "#1d2731"}


def _badge_html(name: str, text: str, size: str) -> str:
    color = predikat_color(name)
    fg = _TEXT_ON.get(name, "#ffffff")
    return (
        f'<span style="background:{color};color:{fg};padding:0.25em 0.7em;border-radius:0.4em;'
        f'font-weight:600;font-size:{size};display:inline-block">{html.escape(text)}</span>'
    )


def predikat_badge(name: str, large: bool = False) -> None:
    label = name or "Tidak dapat dihitung"
    st.markdown(_badge_html(name, label, "1.6rem" if large else "1rem"), unsafe_allow_html=True)


def predikat_counts(counts: dict[str, int]) -> None:
    """One coloured tile per predikat with its count of indicators."""
    columns = st.columns(len(counts))
    for column, (name, count) in zip(columns, counts.items(), strict=True):
        color = predikat_color(name)
        fg = _TEXT_ON.get(name, "#ffffff")
        column.markdown(
            f'<div style="background:{color};color:{fg};border-radius:0.5em;padding:0.6em;'
            f'text-align:center"><div style="font-size:1.8rem;font-weight:700">{count}</div>'
            f'<div style="font-size:0.95rem">{html.escape(name)}</div></div>',
            unsafe_allow_html=True,
        )
