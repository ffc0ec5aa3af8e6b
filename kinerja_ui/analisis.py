"""Streamlit pieces of the Analisis page: the drill-down and filter widgets, the metrics row,
the two overview charts and the content of the four tabs (indicator table with downloads and
detail, trends and budget, flags, narratives).

Filtering, grouping, figures and charts live in kinerja_core (views, insight, charts); this
module only reads widgets and renders. Widget keys start with ``an_``.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from kinerja_core import analysis, charts, formulas, insight, views
from kinerja_core.access import Actor
from kinerja_core.locale_id import TRIWULAN_LABEL, fmt_number, fmt_percent
from kinerja_core.plaintext import md
from kinerja_core.settings import Settings
from kinerja_ui import analysis_context, state, url_state, widgets
from kinerja_ui import koreksi as koreksi_ui
from kinerja_ui.analysis_context import Context

DRILL_KEYS = {
    "bidang": "an_bidang",
    "program": "an_program",
    "kegiatan": "an_kegiatan",
    "sub kegiatan": "an_sub_kegiatan",
}
POLARITAS_PILIHAN = {"": "Semua", "positif": "Positif", "negatif": "Negatif"}
TABS = ["Tabel indikator", "Tren & anggaran", "Catatan & anomali", "Narasi"]
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- widgets ----------------------------------------------------------------------------------


def _reset_below(level: str) -> None:
    for lower in views.DRILL_LEVELS[views.DRILL_LEVELS.index(level) + 1 :]:
        st.session_state[DRILL_KEYS[lower]] = ""


def _drill_label(level: str, names: dict[str, str]):
    if level == "bidang":
        return lambda v: v or "Semua"
    return lambda v: views.code_label(v, names, 70) if v else "Semua"


def drill_down(ctx: Context) -> dict[str, str]:
    """Bidang → program → kegiatan → sub kegiatan, one selectbox each ('' = semua).

    Each level offers only what lies under the choices above it; changing a level resets the
    levels below, and a choice no longer on offer falls back to 'Semua'.
    """
    chosen: dict[str, str] = {}
    # two per row: a program or kegiatan name needs the width (at 1280 px four were cut)
    columns = [*st.columns(2), *st.columns(2)]
    for column, level in zip(columns, views.DRILL_LEVELS, strict=True):
        options = ["", *views.drill_options(ctx.evaluated, views.Filters.from_path(chosen), level)]
        key = DRILL_KEYS[level]
        if st.session_state.get(key, "") not in options:
            st.session_state[key] = ""
        chosen[level] = column.selectbox(
            views.LEVEL_LABEL[level],
            options,
            key=key,
            format_func=_drill_label(level, ctx.names),
            on_change=_reset_below,
            args=(level,),
            disabled=len(options) == 1,
        )
    return chosen


# --- the view in the URL and the active filters ------------------------------------------------

URL_KEYS = {  # URL parameter → widget key
    "bidang": "an_bidang",
    "program": "an_program",
    "kegiatan": "an_kegiatan",
    "sub": "an_sub_kegiatan",
    "predikat": "an_predikat",
    "polaritas": "an_polaritas",
    "cari": "an_cari",
    "urut": "an_urut",
    "catatan": "an_catatan",
}


def _predikat_list(raw: str) -> list[str]:
    chosen = [p for p in raw.split(",") if p]
    if not chosen or any(p not in views.PREDIKAT_PILIHAN for p in chosen):
        raise ValueError(raw)
    return chosen


def adopt_url() -> None:
    """Filters given in the URL (a refresh, a shared link) become the widgets' values; the
    drill-down checks them against what is on offer."""
    given = url_state.adopt(
        {
            "bidang": str,
            "program": str,
            "kegiatan": str,
            "sub": str,
            "predikat": _predikat_list,
            "polaritas": url_state.choice(["positif", "negatif"]),
            "cari": str,
            "urut": url_state.choice(list(views.SORTS)),
            "catatan": url_state.choice({"1": True}),
        }
    )
    for name, value in given.items():
        st.session_state[URL_KEYS[name]] = value


def publish_url(filters: views.Filters, urut: str) -> None:
    url_state.publish(
        {
            "bidang": filters.bidang,
            "program": filters.program,
            "kegiatan": filters.kegiatan,
            "sub": filters.sub_kegiatan,
            "predikat": ",".join(filters.predikat),
            "polaritas": filters.polaritas,
            "cari": filters.cari.strip(),
            "urut": urut if urut != next(iter(views.SORTS)) else None,
            "catatan": "1" if filters.hanya_catatan else None,
        }
    )


def _clear(*keys: str) -> None:
    for key in keys:
        if key == "an_predikat":
            st.session_state[key] = []
        elif key == "an_catatan":
            st.session_state[key] = False
        else:
            st.session_state[key] = ""
        if key in DRILL_KEYS.values():
            _reset_below(next(lv for lv, k in DRILL_KEYS.items() if k == key))


def active_filters(filters: views.Filters, names: dict[str, str]) -> None:
    """'Filter aktif' chips, one per filter in force (a click on a chart adds one); each
    removes its filter, the last removes them all."""
    chips: list[tuple[str, tuple[str, ...]]] = []
    for level, value in filters.drill_path().items():
        if value:
            shown = value if level == "bidang" else views.code_label(value, names, 48)
            chips.append((f"{views.LEVEL_LABEL[level]}: {md(shown)}", (DRILL_KEYS[level],)))
    if filters.predikat:
        chips.append((f"Predikat: {md(', '.join(filters.predikat))}", ("an_predikat",)))
    if filters.polaritas:
        chips.append((f"Polaritas: {POLARITAS_PILIHAN[filters.polaritas]}", ("an_polaritas",)))
    if filters.cari.strip():
        chips.append((f"Cari: {md(filters.cari.strip())}", ("an_cari",)))
    if filters.hanya_catatan:
        chips.append(("Hanya yang punya catatan", ("an_catatan",)))
    if not chips:
        return
    row = st.container(horizontal=True, vertical_alignment="center", key="an_filter_aktif")
    row.markdown("**Filter aktif:**", width="content")
    full = {  # a cut name in a chip is shown in full on hover
        DRILL_KEYS[level]: f"{views.LEVEL_LABEL[level]}: {md(views.code_label(value, names, 400))}"
        for level, value in filters.drill_path().items()
        if value and level != "bidang"
    }
    for index, (label, keys) in enumerate(chips):
        row.button(
            label,
            icon=":material/close:",
            key=f"an_chip_{index}",
            on_click=_clear,
            args=keys,
            help=f"{full[keys[0]]} — hapus filter ini" if keys[0] in full else "Hapus filter ini",
        )
    if len(chips) > 1:
        row.button(
            "Hapus semua filter",
            type="tertiary",
            key="an_chip_semua",
            on_click=_clear,
            args=tuple(k for _, keys in chips for k in keys),
        )


# --- clicks on charts filter the page ----------------------------------------------------------


def _clicked(chart_key: str) -> list[dict]:
    state = st.session_state.get(chart_key)
    if not state:
        return []
    return list(state["selection"]["points"])


def _choose_group(chart_key: str, level: str) -> None:
    """A click on a group's bar or point: drill down to it."""
    if points := _clicked(chart_key):
        st.session_state[DRILL_KEYS[level]] = str(points[0]["customdata"][-1])
        _reset_below(level)


def _choose_predikat(chart_key: str) -> None:
    """A click on a predikat bar: only indicators of that predikat."""
    if points := _clicked(chart_key):
        st.session_state["an_predikat"] = [str(points[0]["customdata"][-1])]


def _choose_box(paths: dict[str, dict[str, str]]) -> None:
    """A click on a treemap box (reported by the page script, see TREEMAP_CLICKS): drill down
    to the box and everything above it."""
    node_id = str(st.session_state.get("an_klik_peta", "")).split(_NONCE, 1)[0]
    path = paths.get(node_id)
    if not path:
        return
    deepest = max(path, key=views.DRILL_LEVELS.index)
    for level, value in path.items():
        st.session_state[DRILL_KEYS[level]] = value
    _reset_below(deepest)


_NONCE = "\u241f"  # separates the box id from the click's time (every click is a change)
# Plotly reports a click on a treemap box only to the page ('plotly_treemapclick'), not as a
# selection: pass the box id to a hidden text input (committed with Enter, so Streamlit reruns
# with it) and stop the zoom, so the click filters the whole page like a bar does.
TREEMAP_CLICKS = """<script>
(() => {
  const attach = () => {
    document.querySelectorAll(".st-key-an_chart_treemap .js-plotly-plot").forEach((plot) => {
      if (plot.__kinerjaKlik || typeof plot.on !== "function") return;
      plot.__kinerjaKlik = true;
      plot.on("plotly_treemapclick", (event) => {
        const point = event && event.points && event.points[0];
        const input = document.querySelector(".st-key-an_klik_peta input");
        if (!point || !input) return false;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
        setValue.call(input, point.id + "\u241f" + Date.now());
        input.dispatchEvent(new Event("input", {bubbles: true}));
        input.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", code: "Enter",
                                                          keyCode: 13, bubbles: true}));
        return false;
      });
    });
  };
  if (!window.__kinerjaPeta) {
    window.__kinerjaPeta = new MutationObserver(() => requestAnimationFrame(attach));
    window.__kinerjaPeta.observe(document.body, {childList: true, subtree: true});
  }
  attach();
})();
</script>"""


def filter_row(path: dict[str, str]) -> tuple[views.Filters, str]:
    """Predikat, polaritas, search, sort order and the 'only with notes' toggle.

    Returns the filters (with the drill-down ``path``) and the chosen sort key.
    """
    col_pred, col_pol, col_cari, col_urut = st.columns([3, 1.6, 2.6, 2.8])
    predikat = col_pred.multiselect(
        "Predikat", views.PREDIKAT_PILIHAN, key="an_predikat", placeholder="Semua predikat"
    )
    polaritas = col_pol.selectbox(
        "Polaritas", list(POLARITAS_PILIHAN), key="an_polaritas", format_func=POLARITAS_PILIHAN.get
    )
    cari = col_cari.text_input("Cari indikator / kode", key="an_cari")
    urut = col_urut.selectbox(
        "Urutkan", list(views.SORTS), format_func=views.SORTS.get, key="an_urut"
    )
    hanya = st.toggle(
        "Hanya indikator yang punya catatan (di bawah ambang, anomali, …)", key="an_catatan"
    )
    filters = views.Filters.from_path(
        path, predikat=tuple(predikat), polaritas=polaritas, cari=cari, hanya_catatan=hanya
    )
    return filters, urut


# --- overview ---------------------------------------------------------------------------------


def metrics(figures: views.SelectionFigures, settings: Settings) -> None:
    """Indicators, mean capaian, predikat badge, under the threshold, serapan anggaran."""
    m1, m2, m3, m4, m5 = st.columns(5)
    m1.metric("Indikator", fmt_number(figures.jumlah_indikator, 0))
    m2.metric("Rata-rata capaian", fmt_percent(figures.rata_rata_capaian))
    with m3:
        widgets.predikat_badge(figures.predikat, label="Predikat")
    m4.metric(
        f"Di bawah ambang {fmt_number(settings.flag_threshold)}%",
        fmt_number(figures.di_bawah, 0),
    )
    m5.metric("Serapan anggaran", fmt_percent(figures.serapan))


def overview_charts(
    ctx: Context,
    rows: pd.DataFrame,
    summary: pd.DataFrame | None,
    level: str | None,
    sampai_tw: int,
) -> None:
    """Capaian per group of the next level (``summary``; none below sub kegiatan) and the
    predikat spread."""
    left, right = st.columns([3, 2])
    if level is not None and summary is not None:
        left.plotly_chart(
            widgets.clickable(
                charts.capaian_bars(
                    summary,
                    "label",
                    f"Capaian per {views.LEVEL_LABEL[level].lower()}, "
                    f"sampai {TRIWULAN_LABEL[sampai_tw]}",
                    ctx.settings.predikat_bounds,
                    max_bars=20,
                ),
                f"Klik batang untuk menyaring halaman ke {views.LEVEL_LABEL[level].lower()} itu",
            ),
            width="stretch",
            theme=None,
            key="an_chart_capaian",
            on_select=partial(_choose_group, "an_chart_capaian", level),
            selection_mode="points",
            config=charts.PLOTLY_CONFIG,
        )
    counts = rows["predikat"].value_counts().to_dict()
    (right if level is not None else left).plotly_chart(
        widgets.clickable(
            charts.predikat_distribution(
                counts, f"Sebaran predikat {fmt_number(len(rows), 0)} indikator"
            ),
            "Klik batang untuk menampilkan hanya predikat itu",
        ),
        width="stretch",
        theme=None,
        key="an_chart_predikat",
        on_select=partial(_choose_predikat, "an_chart_predikat"),
        selection_mode="points",
        config=charts.PLOTLY_CONFIG,
    )


def tabs():
    """The four tabs; lazy, so only the open tab's content runs on a rerun."""
    return st.tabs(TABS, key="an_tab", on_change="rerun")


# --- tab: indicator table ---------------------------------------------------------------------


PAGE_ROWS = 100  # rows of the indicator table sent to the browser at once


def _table_page(order: np.ndarray) -> views.TablePage:
    """The page of the table to show; back to page 1 whenever the selection or order changes
    (the pager is shown only when there is more than one page)."""
    signature = f"{len(order)}:{hash(order[:PAGE_ROWS].tobytes())}"
    if st.session_state.get("_an_halaman_untuk") != signature:
        st.session_state["_an_halaman_untuk"] = signature
        st.session_state["an_halaman"] = 1
    page = views.table_page(len(order), st.session_state.get("an_halaman", 1), PAGE_ROWS)
    st.session_state["an_halaman"] = page.number
    return page


def indicator_table(ctx: Context, mask: np.ndarray, urut: str) -> np.ndarray:
    """The selected indicators in the chosen order, one page of ``PAGE_ROWS`` at a time (a
    kabupaten's 12,000 rows would otherwise go to every browser on every rerun); returns the
    whole order (positions), for the downloads and the detail picker."""
    order = views.sort_order(ctx.evaluated, mask, urut)
    page = _table_page(order)
    view = ctx.table.iloc[order[page.start : page.end]]
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        height=min(560, 38 + 35 * len(view)),
        column_config={
            "Predikat": st.column_config.MultiselectColumn(
                "Predikat",
                options=list(views.PREDIKAT_PILIHAN),
                color=[charts.predikat_color(p) for p in formulas.PREDIKAT] + [charts.NEUTRAL],
                width=130,
            ),
            "Tren TW": st.column_config.BarChartColumn("Realisasi s.d. TW", y_min=0, width="small"),
            "Indikator": st.column_config.TextColumn(width="large", pinned=True),
            "Capaian": st.column_config.TextColumn(width="small"),
            "Target": st.column_config.TextColumn(
                target_label(ctx), help="Target yang menjadi pembanding capaian"
            ),
            "Catatan": st.column_config.TextColumn(width="medium"),
        },
        key="an_tabel",
    )
    if page.pages > 1:
        left, right = st.columns([1, 4], vertical_alignment="center")
        left.number_input(
            f"Halaman (dari {fmt_number(page.pages, 0)})",
            min_value=1,
            max_value=page.pages,
            step=1,
            key="an_halaman",
        )
        right.caption(
            f"Indikator {fmt_number(page.start + 1, 0)}–{fmt_number(page.end, 0)} dari "
            f"{fmt_number(page.total, 0)}. Semua baris ada di unduhan Excel/CSV di bawah."
        )
    return order


def target_label(ctx: Context) -> str:
    """'Target', or 'Target s.d. Triwulan II' in the mid-year view."""
    if ctx.acuan == analysis.ACUAN_TRIWULAN:
        return f"Target s.d. {TRIWULAN_LABEL[ctx.sampai_tw]}"
    return "Target"


def downloads(ctx: Context, period: state.Period, order: np.ndarray) -> None:
    """The table as xlsx and CSV, built only when a button is clicked."""
    ordered = ctx.evaluated.iloc[order]
    name = f"analisis_{period.tahun}_tw{period.sampai_tw}" + ("_tengah_tahun" * period.mid_year)
    acuan = target_label(ctx) if period.mid_year else ""
    row = st.container(horizontal=True)  # each button as wide as its label: nothing cut
    row.download_button(
        "Unduh Excel (.xlsx)",
        data=lambda: views.to_xlsx(
            views.export_frame(ordered, period.sampai_tw, ctx.flag_text, acuan),
            f"Analisis capaian kinerja — {period.label}",
            kertas=ctx.settings.kertas,
        ),
        file_name=f"{name}.xlsx",
        mime=XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
    )
    row.download_button(
        "Unduh CSV",
        data=lambda: views.to_csv(
            views.export_frame(ordered, period.sampai_tw, ctx.flag_text, acuan)
        ),
        file_name=f"{name}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )


def indicator_detail(ctx: Context, sampai_tw: int, order: np.ndarray, actor: Actor) -> None:
    """Pick one of the first 300 indicators: its trend against the target path and its notes."""
    evaluated = ctx.evaluated
    picked = st.selectbox(
        "Lihat tren satu indikator",
        [None, *order[:300]],
        format_func=lambda i: (
            "Pilih indikator…"
            if i is None
            else f"{evaluated.at[i, 'kode']} · {evaluated.at[i, 'indikator']}"
        ),
        key="an_detail",
    )
    if picked is None or picked not in evaluated.index:
        return
    row = evaluated.loc[picked]
    c1, c2 = st.columns([3, 2])
    c1.plotly_chart(
        charts.indicator_trend_chart(
            views.indicator_trend(row, sampai_tw),
            row["satuan"],
            f"{row['indikator']}: realisasi terhadap jalur target",
        ),
        width="stretch",
        theme=None,
        key="an_chart_detail",
        config=charts.PLOTLY_CONFIG,
    )
    c2.markdown(
        f"**Capaian** {fmt_percent(row['capaian'])} · **Predikat** {md(row['predikat']) or '–'}"
    )
    if phrase := insight.gap_phrase(row):
        c2.markdown(f"**Selisih:** {md(phrase)}")
    for label, text in views.indicator_notes(row):
        c2.markdown(f"**{label}:** {md(text)}")
    if str(row.get("alasan_predikat", "")).strip():
        c2.markdown(f"**Predikat ditetapkan manual:** {md(row['alasan_predikat'])}")
    with c2:
        koreksi_ui.section(state.get_store(), row, actor)


# --- tab: trends and budget -------------------------------------------------------------------


def trends_and_budget(
    ctx: Context, period: state.Period, rows: pd.DataFrame, filters: views.Filters
) -> None:
    """Capaian against the target path, kinerja × anggaran scatter and the pagu treemap."""
    settings = ctx.settings
    c1, c2 = st.columns(2)
    c1.plotly_chart(
        charts.trend_chart(
            views.trend_frame(rows, period.sampai_tw, settings),
            f"Capaian terhadap jalur target, {period.tahun}",
            settings.predikat_bounds,
        ),
        width="stretch",
        theme=None,
        key="an_chart_tren",
        config=charts.PLOTLY_CONFIG,
    )
    scatter_level = filters.next_level() or "sub kegiatan"
    scatter = views.group_summary(rows, scatter_level, settings, ctx.budgets, ctx.names)
    c2.plotly_chart(
        widgets.clickable(
            charts.kinerja_anggaran_scatter(
                scatter,
                f"Kinerja dan anggaran per {views.LEVEL_LABEL[scatter_level].lower()}",
                settings.efisiensi_batas_kinerja,
                settings.efisiensi_batas_serapan,
            ),
            "Klik titik untuk menyaring halaman ke kelompok itu",
        ),
        width="stretch",
        theme=None,
        key="an_chart_scatter",
        on_select=partial(_choose_group, "an_chart_scatter", scatter_level),
        selection_mode="points",
        config=charts.PLOTLY_CONFIG,
    )
    nodes = views.treemap_nodes(rows, ctx.paths, filters, settings, ctx.names, depth=3)
    if len(nodes):
        treemap(nodes, period)


def treemap(nodes: pd.DataFrame, period: state.Period) -> None:
    """The pagu treemap (a click on a box filters the page to it), its predikat legend and
    the same boxes as a table, for the ones too small to label."""
    st.plotly_chart(
        charts.pagu_treemap(
            nodes,
            f"Pagu anggaran, diwarnai menurut capaian ({TRIWULAN_LABEL[period.sampai_tw]})",
            subtitle="Klik kotak untuk menyaring halaman; kotak kecil ada di tabel di bawah",
        ),
        width="stretch",
        theme=None,
        key="an_chart_treemap",
        config=charts.PLOTLY_CONFIG,
    )
    widgets.predikat_legend()
    hidden = st.container(key="an_klik")
    hidden.text_input(
        "Kotak yang diklik",
        key="an_klik_peta",
        on_change=_choose_box,
        args=(views.treemap_drill_paths(nodes),),
        label_visibility="collapsed",
    )
    hidden.html(TREEMAP_CLICKS, unsafe_allow_javascript=True)
    st.html("<style>[data-testid='stLayoutWrapper']:has(> .st-key-an_klik) {display: none}</style>")
    with st.expander("Tabel pagu dan capaian per kotak"):
        st.dataframe(
            views.treemap_table(nodes), hide_index=True, width="stretch", key="an_tabel_peta"
        )


def year_on_year(ctx: Context, period: state.Period, filters: views.Filters) -> None:
    """This year against the year before, per group of the next level (when that year is
    stored and the drill-down is not at the bottom)."""
    previous = analysis_context.previous_year(period, ctx.bidang)
    level = filters.next_level()
    if previous is None or level is None:
        return
    now, before, limited = views.year_on_year(
        ctx.evaluated, previous.evaluated, filters, level, ctx.settings, ctx.names
    )
    st.plotly_chart(
        charts.yoy_chart(
            now,
            before,
            f"Capaian {period.tahun} dibanding {period.tahun - 1}, "
            f"sampai {TRIWULAN_LABEL[period.sampai_tw]}",
            period.tahun,
            period.tahun - 1,
        ),
        width="stretch",
        theme=None,
        key="an_chart_yoy",
        config=charts.PLOTLY_CONFIG,
    )
    st.caption(
        "Perbandingan antartahun memakai semua indikator pada pilihan bidang/program"
        + ("; 20 kelompok dengan capaian terendah." if limited else ".")
    )


# --- tab: flags -------------------------------------------------------------------------------


def flags(ctx: Context, rows: pd.DataFrame) -> None:
    """How many of the selected indicators carry each flag, per kelompok, and the flag table."""
    found = ctx.flags[ctx.flags["row"].isin(rows.index)]
    counts = insight.flag_counts(found)
    shown = counts[counts["jumlah"] > 0]
    if shown.empty:
        st.success("Tidak ada catatan untuk indikator yang dipilih.")
        return
    for col, kelompok in zip(st.columns(len(insight.KELOMPOK)), insight.KELOMPOK, strict=True):
        col.markdown(f"**{kelompok}**")
        for _, item in shown[shown["kelompok"] == kelompok].iterrows():
            col.markdown(f"- {item['jenis']}: **{item['jumlah']}** indikator")
    st.dataframe(
        insight.flag_display(found),
        hide_index=True,
        width="stretch",
        column_order=["Catatan", "Indikator", "Keterangan", "Bidang", "Kode", "Kelompok"],
        column_config={
            "Indikator": st.column_config.TextColumn(width="medium"),
            "Keterangan": st.column_config.TextColumn(width="large"),
        },
        key="an_flags",
    )


# --- tab: narratives --------------------------------------------------------------------------

_NARASI_STYLE = (
    "<style>[class*='st-key-an_narasi'] code {font-family: 'Source Sans Pro', sans-serif;"
    " font-size: 1.02rem; line-height: 1.55}</style>"
)


def narratives(ctx: Context, period: state.Period, bidang: str) -> None:
    """The Dinas paragraph and one bidang's (the drill-down's bidang first), ready to copy."""
    st.markdown(_NARASI_STYLE, unsafe_allow_html=True)
    st.caption("Paragraf analisis siap ditempel ke dokumen evaluasi (tombol salin di kanan atas).")
    box = st.container(key="an_narasi_dinas")
    box.markdown("#### Dinas")
    box.code(analysis_context.narrative(period), language=None, wrap_lines=True)
    all_bidang = sorted(ctx.evaluated["bidang"].unique())
    pilihan = st.selectbox(
        "Bidang",
        all_bidang,
        index=all_bidang.index(bidang) if bidang in all_bidang else 0,
        key=f"an_narasi_bidang_{bidang}",
    )
    box2 = st.container(key="an_narasi_2")
    box2.code(analysis_context.narrative(period, pilihan), language=None, wrap_lines=True)
