"""Everything the Analisis and Rapat pages derive from one period, computed once per data version.

``context(period)`` returns evaluated rows, flags, the display table, budget paths and code
names; it is a ``cache_resource`` keyed on (database URL, data version, tahun, triwulan,
settings), so a filter change reuses the same objects without copying them (pages only read
them) and any upload or settings change makes a new entry. ``selection(period, filters)`` is
the Analisis page's filtered rows and their figures, shared the same way: in a rapat, every
laptop that chooses the same filter reuses one computation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from kinerja_core import insight, views
from kinerja_core.access import same_bidang
from kinerja_core.settings import Settings
from kinerja_ui import state


@dataclass(frozen=True)
class Context:
    tahun: int
    sampai_tw: int
    acuan: str
    settings: Settings
    evaluated: pd.DataFrame
    anggaran: pd.DataFrame
    flags: pd.DataFrame
    flag_text: pd.Series
    table: pd.DataFrame
    paths: pd.DataFrame
    budgets: dict[str, pd.DataFrame]
    names: dict[str, str]
    bidang: str | None = None  # a Kabid's context holds only this bidang's rows


@st.cache_resource(show_spinner="Menghitung analisis…", max_entries=8)
def _context(
    url: str,
    version: int,
    tahun: int,
    sampai_tw: int,
    acuan: str,
    key: str,
    _settings: Settings,
    bidang: str | None = None,
) -> Context:
    # the same cached frames as every other page: evaluated once per data version and settings
    settings = _settings
    anggaran = state.cached_anggaran(url, version, tahun, settings.renstra_tahun_awal)
    evaluated = state.cached_evaluated(url, version, tahun, sampai_tw, key, settings, acuan)
    if bidang is not None:  # a Kabid: their own bidang's rows only, everything derived from them
        evaluated = _only(evaluated, bidang).reset_index(drop=True)
        anggaran = _only(anggaran, bidang)
    flags = insight.flag_table(evaluated, sampai_tw, settings)
    flag_text = insight.flag_text(flags)
    paths = views.budget_paths(anggaran, sampai_tw)
    return Context(
        tahun=tahun,
        sampai_tw=sampai_tw,
        acuan=acuan,
        settings=settings,
        evaluated=evaluated,
        anggaran=anggaran,
        flags=flags,
        flag_text=flag_text,
        table=views.display_table(evaluated, sampai_tw, flag_text),
        paths=paths,
        budgets=views.budget_levels(paths),
        names=views.code_names(evaluated, anggaran),
        bidang=bidang,
    )


@dataclass(frozen=True)
class Selection:
    """The indicators that pass the Analisis filters, and what the page shows of them."""

    mask: np.ndarray
    rows: pd.DataFrame
    budget: pd.Series  # views.selection_budget
    figures: views.SelectionFigures
    summary: pd.DataFrame | None  # capaian per group of the next level (None: none below)


@st.cache_resource(show_spinner=False, max_entries=32)
def _selection(
    url: str,
    version: int,
    tahun: int,
    sampai_tw: int,
    acuan: str,
    key: str,
    _settings: Settings,
    bidang: str | None,
    filters: views.Filters,
) -> Selection:
    ctx = _context(url, version, tahun, sampai_tw, acuan, key, _settings, bidang)
    mask = views.filter_mask(ctx.evaluated, filters, ctx.flag_text)
    rows = ctx.evaluated[mask]
    budget = views.selection_budget(rows, ctx.paths, ctx.budgets, filters)
    level = filters.next_level()
    summary = None
    if level is not None and len(rows):
        summary = views.group_summary(rows, level, ctx.settings, ctx.budgets, ctx.names)
    figures = views.selection_figures(rows, budget, ctx.settings)
    return Selection(mask=mask, rows=rows, budget=budget, figures=figures, summary=summary)


def selection(period: state.Period, filters: views.Filters, bidang: str | None = None) -> Selection:
    """The filtered rows of ``context(period, bidang)`` with their budget, figures and the
    summary per group of the next level; read only, like the context."""
    return _selection(*_key(period), bidang, filters)


def _only(frame: pd.DataFrame, bidang: str) -> pd.DataFrame:
    if frame.empty or "bidang" not in frame:
        return frame
    mine = [same_bidang(bidang, str(name)) for name in frame["bidang"]]
    return frame[mine]


def _key(period: state.Period) -> tuple[str, int, int, int, str, str, Settings]:
    """What a period's analysis depends on, as the first arguments of ``_context``,
    ``_selection`` and ``_narrative``: the store and its data version, the period, and the
    settings (their key, and themselves unhashed)."""
    url, version = get_store_version()
    settings = state.configured_settings()
    key = state.settings_key(settings)
    return url, version, period.tahun, period.sampai_tw, period.acuan, key, settings


def context(period: state.Period, bidang: str | None = None) -> Context:
    """The period's analysis; with ``bidang`` (a Kabid's, ``access.bidang_sendiri``) only
    that bidang's indicators and anggaran."""
    return _context(*_key(period), bidang)


def previous_year(period: state.Period, bidang: str | None = None) -> Context | None:
    """The same triwulan of the year before, when that year is stored (``bidang``: as in
    ``context``)."""
    store = state.get_store()
    if period.tahun - 1 not in store.years():
        return None
    found = context(state.Period(period.tahun - 1, period.sampai_tw, period.acuan), bidang)
    return found if len(found.evaluated) else None


@st.cache_data(show_spinner=False, max_entries=1024)
def _narrative(
    url: str,
    version: int,
    tahun: int,
    sampai_tw: int,
    acuan: str,
    key: str,
    _settings: Settings,
    bidang: str,
) -> str:
    ctx = _context(url, version, tahun, sampai_tw, acuan, key, _settings)
    if not bidang:
        return insight.dinas_narrative(ctx.evaluated, sampai_tw, ctx.settings, ctx.anggaran)
    return insight.bidang_narrative(ctx.evaluated, bidang, sampai_tw, ctx.settings, ctx.anggaran)


def narrative(period: state.Period, bidang: str = "") -> str:
    """The analysis paragraph of one bidang ('' = the whole Dinas), cached per data version."""
    return _narrative(*_key(period), bidang)


def get_store_version() -> tuple[str, int]:
    store = state.get_store()
    return store.url, store.data_version()
