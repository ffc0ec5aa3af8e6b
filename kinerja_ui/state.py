"""Cached access to the store and to analysis results, and the shared period picker.

Caches are keyed on the database URL, its data version and the settings, so a rerun that
changes only a filter never recomputes the analysis, while any upload or any change of
kinerja.toml invalidates it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from kinerja_core import analysis, clock, koreksi, pengaturan, renstra, tracker
from kinerja_core.bootstrap import ensure_ready
from kinerja_core.ingest import safe
from kinerja_core.locale_id import TRIWULAN_LABEL
from kinerja_core.model import REALISASI_TW
from kinerja_core.settings import (
    Settings,
    SettingsError,
    config_path,
    database_url_from_env,
    load_settings,
)
from kinerja_core.store import Store, StoreUnavailable
from kinerja_ui import url_state


@st.cache_resource(show_spinner="Menyiapkan basis data…")
def _store_for(url: str) -> Store:
    store = Store(url)
    ensure_ready(store)
    safe.warm_up()  # the parsing workers start while the first page renders
    return store


def get_store() -> Store:
    """The shared store; when the database cannot be opened the page says so and stops."""
    try:
        return _store_for(database_url_from_env())
    except StoreUnavailable as error:
        st.error(str(error), icon=":material/database:")
        st.stop()


@st.cache_resource(max_entries=4)
def _settings_for(path: str, stamp: tuple[int, int] | None) -> tuple[Settings, str]:
    try:
        return load_settings(path), ""
    except SettingsError as error:
        return Settings(), str(error)


def _settings_or_error() -> tuple[Settings, str]:
    """Settings of the configuration file, reread when the file changes."""
    path = config_path()
    stamp = None
    if path.is_file():
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
    return _settings_for(str(path), stamp)


def settings_key(settings: Settings) -> str:
    """The settings as a cache key: every cached figure depends on them."""
    return repr(settings)


def file_settings() -> Settings:
    """The settings of the configuration file alone (the Pengaturan page's first values)."""
    return _settings_or_error()[0]


@st.cache_resource(show_spinner=False, max_entries=8)
def _with_pengaturan(url: str, version: int, key: str, _settings: Settings) -> Settings:
    return pengaturan.effective_settings(_store_for(url), _settings)


def configured_settings() -> Settings:
    """The settings without showing a configuration problem (for cached computations): the
    configuration file with the office and signatories of the Pengaturan page in force."""
    settings = file_settings()
    store = get_store()
    return _with_pengaturan(store.url, store.data_version(), settings_key(settings), settings)


def get_settings() -> Settings:
    """The configured settings; a broken kinerja.toml is shown and the defaults are used."""
    error = _settings_or_error()[1]
    if error:
        st.warning(
            f"{error} Sementara ini pengaturan bawaan yang dipakai.", icon=":material/settings:"
        )
    return configured_settings()


@st.cache_data(show_spinner=False, max_entries=32)
def cached_evaluated(
    url: str,
    version: int,
    tahun: int,
    sampai_tw: int,
    key: str,
    _settings: Settings,
    acuan: str = analysis.ACUAN_TAHUNAN,
) -> pd.DataFrame:
    """``analysis.evaluate`` of the year; ``key`` is ``settings_key(_settings)``."""
    store = _store_for(url)
    return koreksi.evaluate(
        _renstra_frames(url, version, tahun, _settings.renstra_tahun_awal)[0],
        cached_anggaran(url, version, tahun, _settings.renstra_tahun_awal),
        sampai_tw,
        _settings,
        koreksi.records(store, tahun),
        acuan=acuan,
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _renstra_frames(
    url: str, version: int, tahun: int, tahun_awal: int | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The year's (indicators, anggaran) with Sasaran and Renstra figures completed from the
    rencana and the earlier years (``renstra.dari_store``)."""
    store = _store_for(url)
    budget = analysis.anggaran_dinas(store.anggaran(tahun), store.rencana(tahun)[1])
    return renstra.dari_store(store, tahun, tahun_awal, budget)


@st.cache_data(show_spinner=False, max_entries=32)
def cached_anggaran(url: str, version: int, tahun: int, tahun_awal: int | None) -> pd.DataFrame:
    """The year's anggaran for Dinas figures: the bidang's own, the rencana's pagu for a
    bidang that has not sent its anggaran yet (``analysis.anggaran_dinas``), with the
    Renstra Rp of the rencana and the Renstra period from ``tahun_awal``."""
    return _renstra_frames(url, version, tahun, tahun_awal)[1]


@st.cache_data(show_spinner=False, max_entries=32)
def cached_coverage(url: str, version: int, tahun: int) -> tracker.Coverage:
    store = _store_for(url)
    return tracker.coverage(store.submissions(tahun), store.rencana_bidang(tahun))


@st.cache_resource(show_spinner=False, max_entries=16)
def _plan(url: str, version: int, tahun: int) -> pd.DataFrame:
    """The year's rencana indicators of one data version, shared by every session without a
    copy (callers only read it)."""
    return _store_for(url).rencana(tahun)[0]


def plans(years: list[int]) -> dict[int, pd.DataFrame]:
    """The rencana indicators of each year (read-only, cached per data version)."""
    store = get_store()
    version = store.data_version()
    return {year: _plan(store.url, version, year) for year in years}


@st.cache_data(show_spinner=False, max_entries=8)
def _years(url: str, version: int) -> list[int]:
    return _store_for(url).years()


def years() -> list[int]:
    """Every stored year (``Store.years``), cached per data version."""
    store = get_store()
    return _years(store.url, store.data_version())


@st.cache_data(show_spinner=False, max_entries=32)
def _submissions(url: str, version: int, tahun: int) -> pd.DataFrame:
    return _store_for(url).submissions(tahun)


def submissions(tahun: int) -> pd.DataFrame:
    """``Store.submissions(tahun)`` (no bytes), cached per data version."""
    store = get_store()
    return _submissions(store.url, store.data_version(), tahun)


@st.cache_data(show_spinner=False, max_entries=32)
def _tracker(
    url: str, version: int, tahun: int, sampai_tw: int, batas: date | None, today: date
) -> pd.DataFrame:
    store = _store_for(url)
    return tracker.tracker(
        _submissions(url, version, tahun),
        _plan(url, version, tahun),
        store.indicators(tahun),
        sampai_tw=sampai_tw,
        batas_waktu=batas,
        today=today,
    )


def tracker_frame(tahun: int, sampai_tw: int, batas: date | None) -> pd.DataFrame:
    """The Pengumpulan tracker, computed once per data version, triwulan, due date and day
    (so a rerun that changes nothing stored costs no store read)."""
    store = get_store()
    return _tracker(store.url, store.data_version(), tahun, sampai_tw, batas, clock.today())


@dataclass(frozen=True)
class Period:
    tahun: int
    sampai_tw: int
    acuan: str = analysis.ACUAN_TAHUNAN  # capaian against the annual or the TW target

    @property
    def mid_year(self) -> bool:
        return self.acuan == analysis.ACUAN_TRIWULAN

    @property
    def acuan_label(self) -> str:
        """'terhadap target tahunan' or 'terhadap target s.d. Triwulan II'."""
        label = acuan_label(self.acuan, self.sampai_tw)
        return label[0].lower() + label[1:]

    @property
    def label(self) -> str:
        text = f"Tahun {self.tahun}, sampai {TRIWULAN_LABEL[self.sampai_tw]}"
        return f"{text} · capaian {self.acuan_label}" if self.mid_year else text


def acuan_label(acuan: str, sampai_tw: int) -> str:
    """The basis option as the sidebar offers it."""
    if acuan == analysis.ACUAN_TRIWULAN:
        return f"Terhadap target s.d. {TRIWULAN_LABEL[sampai_tw]}"
    return "Terhadap target tahunan"


def evaluated(period: Period, settings: Settings | None = None) -> pd.DataFrame:
    """The period's evaluated indicators under ``settings`` (default: the configured ones)."""
    store = get_store()
    settings = settings or configured_settings()
    return cached_evaluated(
        store.url,
        store.data_version(),
        period.tahun,
        period.sampai_tw,
        settings_key(settings),
        settings,
        period.acuan,
    )


def coverage(tahun: int) -> tracker.Coverage:
    """Which bidang the year's Dinas figures include (``tracker.coverage``)."""
    store = get_store()
    return cached_coverage(store.url, store.data_version(), tahun)


def anggaran(period: Period) -> pd.DataFrame:
    store = get_store()
    tahun_awal = configured_settings().renstra_tahun_awal
    return cached_anggaran(store.url, store.data_version(), period.tahun, tahun_awal)


def ensure_app_navigation() -> None:
    """Make even a server's very first request run through app.py's st.navigation.

    Streamlit decides at start-up, from the mere existence of a ``pages/`` folder, to serve
    requests in its legacy multipage mode, which runs a page script on its own (no page
    config, no navigation) when the first visitor opens a page's URL directly. The flag
    flips once app.py calls st.navigation; until then flip it here and rerun, so the rerun
    goes through app.py to the same page.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@st.cache_data(show_spinner=False, max_entries=8)
def _latest_with_data(url: str, version: int) -> tuple[int, int] | None:
    """(tahun, triwulan) of the newest year holding realisasi: its opened period's triwulan,
    else the last triwulan anything was reported for. None when no year has data yet."""
    store = _store_for(url)
    submissions = store.submissions()
    if submissions.empty:
        return None
    usable = submissions[submissions["usable"].astype(bool) & (submissions["n_rows"] > 0)]
    if usable.empty:
        return None
    tahun = int(usable["tahun"].max())
    opened = store.period(tahun)
    if opened:
        return tahun, int(opened["sampai_tw"])
    reported = store.indicators(tahun)[REALISASI_TW].notna().any(axis=0).to_numpy()
    return tahun, int(reported.nonzero()[0].max()) + 1 if reported.any() else 4


def default_period(store: Store, years: list[int]) -> tuple[int, int]:
    """The period a new session opens on: the latest one with data (not a new, empty year)."""
    found = _latest_with_data(store.url, store.data_version())
    if found:
        return found
    opened = store.period(years[-1])
    return years[-1], int(opened["sampai_tw"]) if opened else 4


def _url_period(years: list[int]) -> None:
    """A period given in the URL (refresh, link) becomes the session's period."""
    given = url_state.adopt(
        {
            "tahun": lambda raw: url_state.choice([str(y) for y in years])(raw),
            "tw": url_state.choice({str(n): n for n in TRIWULAN_LABEL}),
            "acuan": url_state.choice(list(analysis.ACUAN)),
        }
    )
    if "tahun" in given:
        st.session_state["tahun"] = int(str(given["tahun"]))
    if "tw" in given:
        st.session_state["sampai_tw"] = given["tw"]
    if "acuan" in given:
        st.session_state["acuan"] = given["acuan"]


def period_picker(with_acuan: bool = False) -> Period | None:
    """Sidebar: tahun and sampai triwulan, shared by every page (and its first call); with
    ``with_acuan`` (Beranda, Analisis, Rapat) also what capaian is measured against.

    The chosen values live in plain session keys ("tahun", "sampai_tw", "acuan"), are copied
    into each page's widgets (widget state does not survive a page switch) and are written
    to the URL (``?tahun=2024&tw=2&acuan=triwulan``), so a refresh or a link keeps them. A new
    session opens on the latest period with data. Pages without the option get the annual
    basis (the E.81 is always measured against the annual target).
    """
    ensure_app_navigation()
    store = get_store()
    years = _years(store.url, store.data_version())
    st.sidebar.markdown("### Periode evaluasi")
    if not years:
        st.sidebar.info("Belum ada data. Muat rencana atau unggah berkas pengumpulan data.")
        return None
    if st.session_state.get("tahun") not in years:
        st.session_state["tahun"], st.session_state["sampai_tw"] = default_period(store, years)
    _url_period(years)
    st.session_state.setdefault("sampai_tw", 4)
    st.session_state.setdefault("acuan", analysis.ACUAN_TAHUNAN)
    st.session_state["_w_tahun"] = st.session_state["tahun"]
    st.session_state["_w_sampai_tw"] = st.session_state["sampai_tw"]
    st.sidebar.selectbox(
        "Tahun", years, key="_w_tahun", on_change=_keep, args=("_w_tahun", "tahun")
    )
    st.sidebar.selectbox(
        "Sampai triwulan",
        [1, 2, 3, 4],
        key="_w_sampai_tw",
        format_func=TRIWULAN_LABEL.__getitem__,
        on_change=_keep,
        args=("_w_sampai_tw", "sampai_tw"),
    )
    tahun, sampai_tw = int(st.session_state["tahun"]), int(st.session_state["sampai_tw"])
    acuan = analysis.ACUAN_TAHUNAN
    if with_acuan:
        st.session_state["_w_acuan"] = st.session_state["acuan"]
        acuan = st.sidebar.radio(
            "Capaian diukur",
            list(analysis.ACUAN),
            key="_w_acuan",
            format_func=lambda value: acuan_label(value, sampai_tw),
            on_change=_keep,
            args=("_w_acuan", "acuan"),
            help="Tengah tahun: realisasi dibandingkan dengan target sampai triwulan terpilih "
            "(target per triwulan yang tersimpan, atau target tahunan dibagi menurut cara "
            "agregasi). Dokumen E.81 selalu memakai target tahunan.",
        )
    url_state.publish(
        {
            "tahun": str(tahun),
            "tw": str(sampai_tw),
            "acuan": acuan if acuan != analysis.ACUAN_TAHUNAN else None,
        }
    )
    return Period(tahun, sampai_tw, acuan)


def _keep(widget_key: str, key: str) -> None:
    st.session_state[key] = st.session_state[widget_key]
