"""Rapat Koordinasi: a screen-share presentation, one view per bidang plus a summary, and notes."""

import html

import streamlit as st

from kinerja_core import charts, formulas, insight, views
from kinerja_core.locale_id import (
    TRIWULAN_LABEL,
    fmt_datetime,
    fmt_number,
    fmt_percent,
    fmt_rupiah_short,
)
from kinerja_core.model import TW_ROMAN
from kinerja_ui import analysis_context, state

period = state.period_picker()
if period is None:
    st.title("Rapat Koordinasi")
    st.stop()
ctx = analysis_context.context(period)
settings = ctx.settings
if ctx.evaluated.empty:
    st.title("Rapat Koordinasi")
    st.info(f"Belum ada data kinerja untuk tahun {period.tahun}.")
    st.stop()

st.markdown(
    """<style>
    .rapat-judul {font-size: 2.6rem; font-weight: 700; line-height: 1.15; margin: 0.2rem 0 0}
    .rapat-sub {font-size: 1.35rem; color: #4a5866; margin-bottom: 0.4rem}
    .rapat-kpi {border-radius: 0.6rem; padding: 0.7rem 1rem; background: #f2f5f8;
                min-height: 9.6rem; border-left: 0.6rem solid var(--warna, #9aa5b1)}
    .rapat-kpi .nilai {font-size: 2.9rem; font-weight: 700; line-height: 1.1}
    .rapat-kpi .label {font-size: 1.2rem; color: #33414e; line-height: 1.3}
    .rapat-kpi .catatan {font-size: 1rem; color: #4a5866}
    .rapat-daftar li, .rapat-daftar p {font-size: 1.3rem; line-height: 1.45}
    .rapat-catatan {font-size: 1.15rem}
    [data-testid="stMainBlockContainer"] {padding-top: 2.5rem}
    </style>""",
    unsafe_allow_html=True,
)
if st.session_state.get("rapat_layar_penuh"):
    st.markdown(
        "<style>[data-testid='stSidebar'], header[data-testid='stHeader'] {display: none}</style>",
        unsafe_allow_html=True,
    )

slides = views.rapat_views(ctx.evaluated)
if st.session_state.get("rapat_tampilan") not in slides:
    st.session_state["rapat_tampilan"] = slides[0]


def _step(delta: int) -> None:
    index = slides.index(st.session_state["rapat_tampilan"]) + delta
    st.session_state["rapat_tampilan"] = slides[max(0, min(len(slides) - 1, index))]


position = slides.index(st.session_state["rapat_tampilan"])
nav_prev, nav_pick, nav_next, nav_full = st.columns([1.2, 4, 1.2, 1.6], vertical_alignment="bottom")
nav_prev.button(
    "◀ Sebelumnya",
    on_click=_step,
    args=(-1,),
    disabled=position == 0,
    width="stretch",
    key="rapat_prev",
)
nav_pick.selectbox(
    "Tampilan",
    slides,
    key="rapat_tampilan",
    format_func=lambda b: "Ringkasan Dinas" if b == views.RINGKASAN else b,
)
nav_next.button(
    "Berikutnya ▶",
    on_click=_step,
    args=(1,),
    disabled=position == len(slides) - 1,
    width="stretch",
    type="primary",
    key="rapat_next",
)
nav_full.toggle("Layar penuh", key="rapat_layar_penuh", help="Sembunyikan sidebar dan header")

bidang = st.session_state["rapat_tampilan"]
rows = (
    ctx.evaluated if bidang == views.RINGKASAN else ctx.evaluated[ctx.evaluated["bidang"] == bidang]
)
tw_label = TRIWULAN_LABEL[period.sampai_tw]
title = "Ringkasan Dinas" if bidang == views.RINGKASAN else bidang
st.markdown(
    f'<div class="rapat-judul">{html.escape(title)}</div><div class="rapat-sub">'
    f"Capaian kinerja tahun {period.tahun} sampai {tw_label} · tampilan {position + 1} dari "
    f"{len(slides)}</div>",
    unsafe_allow_html=True,
)

mean = formulas.weighted_mean(rows["capaian_tampil"].to_numpy())
predikat = formulas.predikat(mean, settings.predikat_bounds)[0]
budget = (
    ctx.budgets["bidang"].sum()
    if bidang == views.RINGKASAN
    else ctx.budgets["bidang"].reindex([bidang]).iloc[0]
)
serapan = formulas.serapan(budget["pagu"], budget["realisasi_anggaran"])[0]
below = int((rows["capaian_tampil"] < settings.flag_threshold).sum())
spent_missed = int((rows["kuadran"] == formulas.PERLU_PERHATIAN).sum())
kpis = [
    ("Rata-rata capaian", fmt_percent(mean), "", charts.predikat_color(predikat)),
    ("Predikat", predikat or "–", "", charts.predikat_color(predikat)),
    (
        "Serapan anggaran",
        fmt_percent(serapan),
        f"dari pagu {fmt_rupiah_short(budget['pagu'])}",
        charts.NEUTRAL,
    ),
    (
        f"Indikator di bawah {fmt_number(settings.flag_threshold)}%",
        fmt_number(below, 0),
        f"dari {fmt_number(len(rows), 0)} indikator",
        charts.predikat_color("Sangat Rendah" if below else "Sangat Tinggi"),
    ),
]
for column, (label, value, note, color) in zip(st.columns(len(kpis)), kpis, strict=True):
    column.markdown(
        f'<div class="rapat-kpi" style="--warna:{color}"><div class="nilai">'
        f'{html.escape(value)}</div><div class="label">{html.escape(label)}</div>'
        f'<div class="catatan">{html.escape(note) or "&nbsp;"}</div></div>',
        unsafe_allow_html=True,
    )

if bidang == views.RINGKASAN:
    summary = views.group_summary(rows, "bidang", settings, ctx.budgets, ctx.names)
    unit = "bidang"
else:
    # Kegiatan, or sub kegiatan when the bidang has a single kegiatan.
    unit = "kegiatan" if rows["kegiatan"].replace("", None).nunique() > 1 else "sub kegiatan"
    summary = views.group_summary(rows, unit, settings, ctx.budgets, ctx.names)
left, right = st.columns([3, 2])
left.plotly_chart(
    charts.presentation(
        charts.capaian_bars(
            summary,
            "label",
            f"Capaian per {unit}",
            settings.predikat_bounds,
            max_bars=8,
            show_predikat=False,
        ),
        height=420 if len(summary) > 3 else 340,
    ),
    width="stretch",
    theme=None,
    key="rapat_chart_capaian",
)
right.plotly_chart(
    charts.presentation(
        charts.predikat_distribution(
            rows["predikat"].value_counts().to_dict(),
            f"Predikat {fmt_number(len(rows), 0)} indikator",
        ),
        height=420,
    ),
    width="stretch",
    theme=None,
    key="rapat_chart_predikat",
)

chart_col, low_col = st.columns([3, 2])
if bidang == views.RINGKASAN:
    second = charts.kinerja_anggaran_scatter(
        summary,
        f"Kinerja dan anggaran per {unit}",
        settings.efisiensi_batas_kinerja,
        settings.efisiensi_batas_serapan,
    )
else:
    second = charts.trend_chart(
        views.trend_frame(rows, period.sampai_tw, settings),
        "Capaian terhadap jalur target",
        settings.predikat_bounds,
    )
chart_col.plotly_chart(
    charts.presentation(second, height=440),
    width="stretch",
    theme=None,
    key="rapat_chart_kedua",
)
with low_col:
    st.markdown("### Yang perlu dibahas")
    behind = insight.lagging(rows, settings, limit=5)
    items = []
    for _, row in behind.iterrows():
        where = "" if bidang != views.RINGKASAN else f" — {row['bidang']}"
        phrase = insight.gap_phrase(row)
        items.append(
            f"<li><b>{html.escape(row['indikator'])}</b>{html.escape(where)}: capaian "
            f"{fmt_percent(row['capaian_tampil'])}"
            + (f", {html.escape(phrase)}" if phrase else "")
            + "</li>"
        )
    if spent_missed:
        items.append(
            f"<li>{spent_missed} indikator: anggaran sudah terserap, target belum tercapai</li>"
        )
    if not items:
        items.append(f"<li>Tidak ada indikator di bawah ambang sampai {tw_label}.</li>")
    penghambat = (
        [] if bidang == views.RINGKASAN else insight.distinct_texts(behind, "faktor_penghambat")
    )
    body = "<ul>" + "".join(items) + "</ul>"
    if penghambat:
        body += "<p><b>Faktor penghambat:</b> " + html.escape("; ".join(penghambat)) + "</p>"
    st.markdown(f'<div class="rapat-daftar">{body}</div>', unsafe_allow_html=True)

# --- notes and decisions of this rapat, and the earlier ones ------------------------------
store = state.get_store()
notes = views.combine_notes(store.notes(period.tahun), store.notes(period.tahun - 1))
current, earlier = views.split_notes(notes, period.tahun, period.sampai_tw, bidang)


def _note_html(note) -> str:
    jenis = "Keputusan" if note["jenis"] == "keputusan" else "Catatan"
    when = f"TW {TW_ROMAN[int(note['sampai_tw'])]} {int(note['tahun'])}"
    who = f" · {html.escape(str(note['penulis']))}" if str(note["penulis"]).strip() else ""
    if bidang == views.RINGKASAN and note["bidang"]:
        jenis = f"{jenis} — {html.escape(str(note['bidang']))}"
    return (
        f'<p class="rapat-catatan"><b>{jenis}</b> <small>({when} · '
        f"{fmt_datetime(note['dibuat_pada'])}{who})</small><br>{html.escape(str(note['isi']))}"
        "</p>"
    )


st.markdown(f"### Catatan dan keputusan rapat — {html.escape(title)}")
notes_col, form_col = st.columns([3, 2])
with notes_col:
    if len(earlier):
        st.markdown("**Dari rapat sebelumnya**")
        st.markdown(
            "".join(_note_html(n) for _, n in earlier.head(8).iterrows()), unsafe_allow_html=True
        )
    if len(current):
        st.markdown(f"**Rapat ini ({tw_label} {period.tahun})**")
        st.markdown("".join(_note_html(n) for _, n in current.iterrows()), unsafe_allow_html=True)
    if not len(current) and not len(earlier):
        st.caption("Belum ada catatan untuk tampilan ini.")
with form_col, st.form("rapat_catatan", clear_on_submit=True):
    jenis = st.radio("Jenis", ["catatan", "keputusan"], horizontal=True, format_func=str.capitalize)
    isi = st.text_area("Isi", placeholder="Tulis catatan atau keputusan rapat…")
    penulis = st.text_input("Dicatat oleh")
    if st.form_submit_button("Simpan", type="primary"):
        if not isi.strip():
            st.error("Isi catatan masih kosong.")
        else:
            store.add_note(
                tahun=period.tahun,
                sampai_tw=period.sampai_tw,
                isi=isi.strip(),
                bidang=bidang,
                jenis=jenis,
                penulis=penulis.strip(),
            )
            st.session_state["rapat_tersimpan"] = f"{jenis.capitalize()} disimpan."
            st.rerun()
if saved := st.session_state.pop("rapat_tersimpan", None):
    form_col.success(saved)
