"""Analisis: filter and drill down bidang → program → kegiatan → sub kegiatan → indikator."""

import streamlit as st

from kinerja_core import charts, formulas, insight, views
from kinerja_core.locale_id import TRIWULAN_LABEL, fmt_number, fmt_percent
from kinerja_ui import analysis_context, state, widgets

period = state.period_picker()
st.title("Analisis Capaian Kinerja")
if period is None:
    st.stop()
ctx = analysis_context.context(period)
settings = ctx.settings
if ctx.evaluated.empty:
    st.info(f"Belum ada data kinerja untuk tahun {period.tahun}.")
    st.stop()
st.caption(f"{period.label} · {fmt_number(len(ctx.evaluated), 0)} indikator")

DRILL_KEYS = {"bidang": "an_bidang", "program": "an_program"}
DRILL_KEYS |= {"kegiatan": "an_kegiatan", "sub kegiatan": "an_sub_kegiatan"}


def _reset_below(level: str) -> None:
    for lower in views.DRILL_LEVELS[views.DRILL_LEVELS.index(level) + 1 :]:
        st.session_state[DRILL_KEYS[lower]] = ""


def _label(level: str):
    if level == "bidang":
        return lambda v: v or "Semua"
    return lambda v: views.code_label(v, ctx.names, 70) if v else "Semua"


chosen: dict[str, str] = {}
for column, level in zip(st.columns(4), views.DRILL_LEVELS, strict=True):
    above = views.Filters(**{views.LEVEL_KEY[k]: v for k, v in chosen.items()})
    options = ["", *views.drill_options(ctx.evaluated, above, level)]
    key = DRILL_KEYS[level]
    if st.session_state.get(key, "") not in options:
        st.session_state[key] = ""
    chosen[level] = column.selectbox(
        views.LEVEL_LABEL[level],
        options,
        key=key,
        format_func=_label(level),
        on_change=_reset_below,
        args=(level,),
        disabled=len(options) == 1,
    )
col_pred, col_pol, col_cari, col_urut = st.columns([3, 2, 3, 2])
predikat = col_pred.multiselect(
    "Predikat", views.PREDIKAT_PILIHAN, key="an_predikat", placeholder="Semua predikat"
)
polaritas = col_pol.selectbox(
    "Polaritas",
    ["", "positif", "negatif"],
    key="an_polaritas",
    format_func=lambda v: {"": "Semua", "positif": "Positif", "negatif": "Negatif"}[v],
)
cari = col_cari.text_input("Cari indikator / kode", key="an_cari")
urut = col_urut.selectbox("Urutkan", list(views.SORTS), format_func=views.SORTS.get, key="an_urut")
hanya = st.toggle(
    "Hanya indikator yang punya catatan (di bawah ambang, anomali, …)", key="an_catatan"
)

filters = views.Filters(
    **{views.LEVEL_KEY[k]: v for k, v in chosen.items()},
    predikat=tuple(predikat),
    polaritas=polaritas,
    cari=cari,
    hanya_catatan=hanya,
)
mask = views.filter_mask(ctx.evaluated, filters, ctx.flag_text)
rows = ctx.evaluated[mask]
level = filters.next_level()
unit_level = next((lv for lv in reversed(views.DRILL_LEVELS) if chosen[lv]), None)
budget = (
    ctx.budgets[unit_level].reindex([chosen[unit_level]]).iloc[0]
    if unit_level and len(ctx.budgets[unit_level])
    else ctx.budgets["bidang"].sum()
)
mean = formulas.weighted_mean(rows["capaian_tampil"].to_numpy())
m1, m2, m3, m4, m5 = st.columns(5)
m1.metric("Indikator", fmt_number(len(rows), 0))
m2.metric("Rata-rata capaian", fmt_percent(mean))
with m3:
    st.markdown("Predikat")
    widgets.predikat_badge(formulas.predikat(mean, settings.predikat_bounds)[0])
m4.metric(
    f"Di bawah ambang {fmt_number(settings.flag_threshold)}%",
    fmt_number(int((rows["capaian_tampil"] < settings.flag_threshold).sum()), 0),
)
m5.metric(
    "Serapan anggaran",
    fmt_percent(formulas.serapan(budget["pagu"], budget["realisasi_anggaran"])[0]),
)

tw_label = TRIWULAN_LABEL[period.sampai_tw]
if rows.empty:
    st.warning("Tidak ada indikator yang cocok dengan filter ini.")
    st.stop()
left, right = st.columns([3, 2])
if level is not None:
    summary = views.group_summary(rows, level, settings, ctx.budgets, ctx.names)
    left.plotly_chart(
        charts.capaian_bars(
            summary,
            "label",
            f"Capaian per {views.LEVEL_LABEL[level].lower()}, sampai {tw_label}",
            settings.predikat_bounds,
            max_bars=20,
        ),
        width="stretch",
        theme=None,
        key="an_chart_capaian",
    )
counts = rows["predikat"].value_counts().to_dict()
(right if level is not None else left).plotly_chart(
    charts.predikat_distribution(counts, f"Sebaran predikat {fmt_number(len(rows), 0)} indikator"),
    width="stretch",
    theme=None,
    key="an_chart_predikat",
)

# Lazy tabs: only the open tab's content runs on a rerun.
tab_table, tab_charts, tab_flags, tab_text = st.tabs(
    ["Tabel indikator", "Tren & anggaran", "Catatan & anomali", "Narasi"],
    key="an_tab",
    on_change="rerun",
)
if tab_table.open:
    with tab_table:
        order = views.sort_order(ctx.evaluated, mask, urut)
        view = ctx.table.iloc[order]
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
                "Tren TW": st.column_config.BarChartColumn(
                    "Realisasi s.d. TW", y_min=0, width="small"
                ),
                "Indikator": st.column_config.TextColumn(width="large", pinned=True),
                "Capaian": st.column_config.TextColumn(width="small"),
                "Catatan": st.column_config.TextColumn(width="medium"),
            },
            key="an_tabel",
        )
        ordered = ctx.evaluated.iloc[order]
        name = f"analisis_{period.tahun}_tw{period.sampai_tw}"
        d1, d2, _ = st.columns([1, 1, 3])
        d1.download_button(
            "Unduh Excel (.xlsx)",
            data=lambda: views.to_xlsx(
                views.export_frame(ordered, period.sampai_tw, ctx.flag_text),
                f"Analisis capaian kinerja — {period.label}",
            ),
            file_name=f"{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            on_click="ignore",
            icon=":material/download:",
        )
        d2.download_button(
            "Unduh CSV",
            data=lambda: views.to_csv(views.export_frame(ordered, period.sampai_tw, ctx.flag_text)),
            file_name=f"{name}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
        )
        detail_options = list(order[:300])
        picked = st.selectbox(
            "Lihat tren satu indikator",
            [None, *detail_options],
            format_func=lambda i: (
                "Pilih indikator…"
                if i is None
                else f"{ctx.evaluated.at[i, 'kode']} · {ctx.evaluated.at[i, 'indikator']}"
            ),
            key="an_detail",
        )
        if picked is not None and picked in ctx.evaluated.index:
            row = ctx.evaluated.loc[picked]
            c1, c2 = st.columns([3, 2])
            c1.plotly_chart(
                charts.indicator_trend_chart(
                    views.indicator_trend(row, period.sampai_tw),
                    row["satuan"],
                    f"{row['indikator']}: realisasi terhadap jalur target",
                ),
                width="stretch",
                theme=None,
                key="an_chart_detail",
            )
            c2.markdown(
                f"**Capaian** {fmt_percent(row['capaian'])} · **Predikat** {row['predikat'] or '–'}"
            )
            if phrase := insight.gap_phrase(row):
                c2.markdown(f"**Selisih:** {phrase}")
            for label, column in (
                ("Faktor pendorong", "faktor_pendorong"),
                ("Faktor penghambat", "faktor_penghambat"),
                ("Tindak lanjut", "tindak_lanjut"),
            ):
                if str(row[column]).strip():
                    c2.markdown(f"**{label}:** {row[column]}")

if tab_charts.open:
    with tab_charts:
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
        )
        scatter_level = level or "sub kegiatan"
        scatter = views.group_summary(rows, scatter_level, settings, ctx.budgets, ctx.names)
        c2.plotly_chart(
            charts.kinerja_anggaran_scatter(
                scatter,
                f"Kinerja dan anggaran per {views.LEVEL_LABEL[scatter_level].lower()}",
                settings.efisiensi_batas_kinerja,
                settings.efisiensi_batas_serapan,
            ),
            width="stretch",
            theme=None,
            key="an_chart_scatter",
        )
        nodes = views.treemap_nodes(rows, ctx.paths, filters, settings, ctx.names, depth=3)
        if len(nodes):
            st.plotly_chart(
                charts.pagu_treemap(nodes, f"Pagu anggaran, diwarnai menurut capaian ({tw_label})"),
                width="stretch",
                theme=None,
                key="an_chart_treemap",
            )
        previous = analysis_context.previous_year(period)
        if previous is not None and level is not None:
            drill_only = views.Filters(**{views.LEVEL_KEY[k]: v for k, v in chosen.items()})
            now = views.group_summary(
                ctx.evaluated[views.drill_mask(ctx.evaluated, drill_only)],
                level,
                settings,
                names=ctx.names,
            )
            before = views.group_summary(
                previous.evaluated[views.drill_mask(previous.evaluated, drill_only)],
                level,
                settings,
            )
            st.plotly_chart(
                charts.yoy_chart(
                    now.nsmallest(20, "capaian") if len(now) > 20 else now,
                    before,
                    f"Capaian {period.tahun} dibanding {period.tahun - 1}, sampai {tw_label}",
                    period.tahun,
                    period.tahun - 1,
                ),
                width="stretch",
                theme=None,
                key="an_chart_yoy",
            )
            st.caption(
                "Perbandingan antartahun memakai semua indikator pada pilihan bidang/program"
                + ("; 20 kelompok dengan capaian terendah." if len(now) > 20 else ".")
            )

if tab_flags.open:
    with tab_flags:
        flags = ctx.flags[ctx.flags["row"].isin(rows.index)]
        counts = insight.flag_counts(flags)
        shown = counts[counts["jumlah"] > 0]
        if shown.empty:
            st.success("Tidak ada catatan untuk indikator yang dipilih.")
        else:
            cols = st.columns(len(insight.KELOMPOK))
            for col, kelompok in zip(cols, insight.KELOMPOK, strict=True):
                part = shown[shown["kelompok"] == kelompok]
                col.markdown(f"**{kelompok}**")
                for _, item in part.iterrows():
                    col.markdown(f"- {item['jenis']}: **{item['jumlah']}** indikator")
            st.dataframe(
                flags.rename(
                    columns={
                        "bidang": "Bidang",
                        "kode": "Kode",
                        "indikator": "Indikator",
                        "kelompok": "Kelompok",
                        "jenis": "Catatan",
                        "keterangan": "Keterangan",
                    }
                ),
                hide_index=True,
                width="stretch",
                column_order=["Catatan", "Indikator", "Keterangan", "Bidang", "Kode", "Kelompok"],
                column_config={
                    "Indikator": st.column_config.TextColumn(width="medium"),
                    "Keterangan": st.column_config.TextColumn(width="large"),
                },
                key="an_flags",
            )

if tab_text.open:
    with tab_text:
        st.markdown(
            "<style>[class*='st-key-an_narasi'] code {font-family: 'Source Sans Pro', sans-serif;"
            " font-size: 1.02rem; line-height: 1.55}</style>",
            unsafe_allow_html=True,
        )
        st.caption(
            "Paragraf analisis siap ditempel ke dokumen evaluasi (tombol salin di kanan atas)."
        )
        box = st.container(key="an_narasi_dinas")
        box.markdown("#### Dinas")
        box.code(analysis_context.narrative(period), language=None, wrap_lines=True)
        all_bidang = sorted(ctx.evaluated["bidang"].unique())
        pilihan = st.selectbox(
            "Bidang",
            all_bidang,
            index=all_bidang.index(chosen["bidang"]) if chosen["bidang"] in all_bidang else 0,
            key=f"an_narasi_bidang_{chosen['bidang']}",
        )
        box2 = st.container(key="an_narasi_2")
        box2.code(analysis_context.narrative(period, pilihan), language=None, wrap_lines=True)
