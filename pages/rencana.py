"""Rencana Kinerja: the year's plan — edit it in a table, or load it from workbooks."""

from datetime import date

import streamlit as st

from kinerja_core import rencana as rc
from kinerja_core.locale_id import fmt_number, fmt_rupiah
from kinerja_core.model import AGREGASI, POLARITAS, TARGET_TW
from kinerja_core.template import slug
from kinerja_ui import state

period = state.period_picker()
store = state.get_store()
st.title("Rencana Kinerja")
tahun = period.tahun if period else date.today().year
who = st.session_state.get("pengguna", "operator")
rev = st.session_state.setdefault("rencana_rev", 0)
if flash := st.session_state.pop("rencana_flash", None):
    st.success(flash)


def saved(message: str, tahun_baru: int | None = None) -> None:
    st.session_state["rencana_rev"] = rev + 1
    st.session_state["rencana_flash"] = message
    if tahun_baru is not None:
        st.session_state["tahun"] = tahun_baru
    st.rerun()


def show_problems(problems) -> None:
    if problems:
        st.dataframe(rc.problems_frame(problems), hide_index=True, width="stretch")


ind, ang = store.rencana(tahun)
st.caption(
    f"Tahun {tahun}: {fmt_number(len(ind), 0)} indikator, {fmt_number(ang['pagu'].count(), 0)} "
    f"kode anggaran, pagu {fmt_rupiah(ang['pagu'].sum())}. Rencana ini menjadi dasar format "
    "pengumpulan data dan pembanding setiap berkas yang masuk."
)
tab_edit, tab_load, tab_new = st.tabs(["Ubah di tabel", "Muat dari berkas", "Tahun baru"])

with tab_edit:
    semua = "Semua bidang"
    pilihan = st.columns([2, 3])[0].selectbox(
        "Tampilkan", [semua, *rc.bidang_options(ind)], key="rencana_filter"
    )
    only = None if pilihan == semua else pilihan
    shown = (ind, ang) if only is None else (ind[ind["bidang"] == only], ang[ang["bidang"] == only])
    table = rc.rencana_editor_frame(*shown)
    added = st.session_state.setdefault("rencana_bidang_baru", [])
    number = st.column_config.NumberColumn
    text = st.column_config.TextColumn
    choice = st.column_config.SelectboxColumn
    columns = {
        "kode": text("Kode", validate=r"^\d+(\.\d+)*$", help="mis. 2.16.03.2.02.0005", pinned=True),
        "indikator": text("Indikator", width="large", pinned=True),
        "satuan": text("Satuan"),
        "polaritas": choice("Polaritas", options=list(POLARITAS), default="positif"),
        "agregasi": choice("Cara Agregasi", options=list(AGREGASI), default="kumulatif"),
        "target": number("Target", min_value=0, format="localized"),
        "target_teks": text("Target (teks)", help="Untuk target kualitatif, mis. Baik"),
        **{c: number(rc.LABELS[c], min_value=0, format="localized") for c in TARGET_TW},
        "pagu": number("Pagu (Rp)", min_value=0, format="localized", help="Pagu kode ini"),
        "uraian": text("Program / Kegiatan / Sub Kegiatan", width="large"),
        "bidang": choice(
            "Bidang", options=rc.bidang_options(ind, added), required=True, default=only
        ),
    }
    edited = st.data_editor(
        table,
        key=f"rencana_editor_{tahun}_{slug(pilihan)}_{rev}",
        column_config=columns,
        column_order=list(columns),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=520,
    )
    with st.expander("Bidang belum ada di daftar?"):
        baru = st.text_input("Nama bidang baru", key=f"bidang_baru_{rev}")
        if st.button("Tambahkan ke daftar bidang") and baru.strip():
            added.append(baru.strip())
            st.rerun()
    if st.button("Simpan rencana", type="primary"):
        new_ind, new_ang, problems = rc.frames_from_editor(edited, tahun)
        problems += rc.validate_rencana(new_ind, new_ang)
        if rc.has_errors(problems):
            st.error("Rencana belum disimpan. Perbaiki kesalahan berikut lalu simpan lagi.")
            show_problems(problems)
        else:
            if only is not None:
                new_ind, new_ang = rc.replace_bidang((ind, ang), (new_ind, new_ang), only)
            store.set_rencana(tahun, new_ind, new_ang, who=who)
            saved(f"Rencana tahun {tahun} disimpan: {len(new_ind)} indikator.")

with tab_load:
    st.write(
        "Muat rencana dari workbook (format pengumpulan, lembar evaluasi Renja/E.81, atau "
        "tabel sederhana). Realisasi di dalam berkas diabaikan; yang diambil hanya "
        "indikator, target dan pagu."
    )
    files = st.file_uploader(
        "Berkas rencana",
        type=["xlsx", "xls", "csv"],
        accept_multiple_files=True,
        key=f"rencana_berkas_{rev}",
    )
    if files:
        from kinerja_core.ingest import read_upload_safely

        results = [read_upload_safely(f.getvalue(), f.name) for f in files]
        new_ind, new_ang, problems = rc.rencana_from_uploads(results, tahun)
        summary = rc.summary_per_bidang(new_ind, new_ang)
        st.dataframe(
            summary.assign(pagu=summary["pagu"].map(fmt_rupiah)).rename(
                columns={
                    "bidang": "Bidang",
                    "indikator": "Indikator",
                    "kode_anggaran": "Kode anggaran",
                    "pagu": "Pagu",
                }
            ),
            hide_index=True,
        )
        show_problems(problems)
        cara = st.radio(
            "Cara memuat",
            ["Ganti hanya bidang yang ada di berkas", "Ganti seluruh rencana tahun ini"],
        )
        blocked = rc.has_errors(problems) or new_ind.empty
        if blocked:
            st.error("Berkas belum dapat dimuat sebagai rencana: perbaiki kesalahan di atas.")
        if st.button(f"Muat sebagai rencana tahun {tahun}", type="primary", disabled=blocked):
            replace_all = cara.startswith("Ganti seluruh")
            merged = rc.merge_rencana((ind, ang), (new_ind, new_ang), replace_all=replace_all)
            store.set_rencana(tahun, *merged, who=who)
            saved(f"Rencana tahun {tahun} dimuat dari {len(files)} berkas.")

with tab_new:
    baru = st.number_input("Tahun", 2000, 2100, value=max([tahun, *store.years()]) + 1)
    st.write(f"Rencana tahun {int(baru)} dimulai dari salinan rencana tahun {tahun}.")
    if st.button("Buat rencana tahun baru", disabled=int(baru) in store.years()):
        copy_ind, copy_ang = rc.rencana_from_frames(ind, ang)
        store.set_rencana(
            int(baru), copy_ind.assign(tahun=int(baru)), copy_ang.assign(tahun=int(baru)), who=who
        )
        saved(f"Rencana tahun {int(baru)} dibuat dari rencana tahun {tahun}.", int(baru))
