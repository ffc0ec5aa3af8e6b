"""Pengumpulan Data: upload what the bidang send, check, store, track who is missing (SOP 5)."""

import streamlit as st

from kinerja_core import clock, tracker
from kinerja_core.access import Aksi, Peran, can
from kinerja_core.locale_id import TRIWULAN_LABEL, fmt_date
from kinerja_core.plaintext import md
from kinerja_ui import auth, state
from kinerja_ui import pengumpulan as ui

actor = auth.require_page("pengumpulan")

period = state.period_picker()
store = state.get_store()
st.title("Pengumpulan Data")
st.caption(
    "Unggah berkas kinerja yang dikirim setiap bidang — beberapa sekaligus boleh. Setiap berkas "
    "dibaca dengan aman, diperiksa terhadap rencana, dan disimpan bersama berkas aslinya; "
    "berkas dengan kesalahan tetap diarsipkan tetapi datanya belum dipakai."
)
tahun = period.tahun if period else clock.today().year
sampai_tw = period.sampai_tw if period else 4
years = sorted(set(state.years()) | {tahun})
plans = state.plans(years)
known = ui.known_bidang(plans)
# A Kabid stores files of their own bidang only (the core refuses any other).
choices = [b for b in known if can(actor, Aksi.UNGGAH, b)]

tab_upload, tab_tracker, tab_history = st.tabs(
    ["Unggah berkas", "Pelacak pengumpulan", "Riwayat versi"]
)

with tab_upload:
    if actor.peran is Peran.KABID:
        st.caption(
            f"Anda mengunggah sebagai {md(actor.label)}, hanya untuk {md(actor.bidang or '')}."
        )
    else:
        st.caption(f"Anda mengunggah sebagai {md(actor.label)}.")
    files = st.file_uploader(
        "Berkas dari bidang (xlsx, xls, xlsm, ods, csv)",
        accept_multiple_files=True,
        key="unggahan",
        help="Jenis berkas lain ditolak dengan penjelasannya.",
    )
    files = ui.with_kept(files or [])
    stored = store.submissions() if files else None
    uploads = [ui.read(file, known, plans, stored) for file in files]
    saved = st.session_state.setdefault("pengumpulan_tersimpan", {})
    waiting = [u for u in uploads if u.can_save and u.sha256 not in saved]
    if len(waiting) > 1 and st.button(
        f"Simpan semua ({len(waiting)} berkas)", type="primary", icon=":material/save:"
    ):
        for upload in waiting:
            if not ui.try_save(upload, store, actor):
                break  # the card says why; the rest wait for the next Simpan
        st.rerun()
    for upload in uploads:
        ui.upload_card(
            upload, bidang_choices=choices, tahun_choices=years, store=store, actor=actor
        )

submissions = state.submissions(tahun)
with tab_tracker:
    opened = store.period(tahun)
    batas = opened["batas_waktu"] if opened else None
    frame = state.tracker_frame(tahun, sampai_tw, batas)
    st.markdown(
        f"**Tahun {tahun}, sampai {TRIWULAN_LABEL[sampai_tw]}** · batas waktu: "
        + (fmt_date(batas) if batas else "belum ditetapkan")
    )
    counts = tracker.summary(frame)
    for column, (status, count) in zip(st.columns(len(counts)), counts.items(), strict=True):
        column.metric(ui.STATUS_LABEL[status], count)
    if frame.empty:
        st.info("Belum ada rencana maupun kiriman untuk tahun ini.")
    else:
        st.table(ui.tracker_styled(frame))
        st.caption(
            "Kelengkapan: bagian indikator rencana bidang itu yang realisasinya sudah terisi "
            f"sampai {TRIWULAN_LABEL[sampai_tw]} (indikator kumulatif/rata-rata: setiap "
            "triwulan; indikator posisi akhir: minimal satu triwulan)."
        )
    if can(actor, Aksi.BUKA_PERIODE):
        with st.expander("Ubah batas waktu"):
            new_date = st.date_input("Batas waktu pengumpulan", value=batas, format="DD/MM/YYYY")
            if st.button("Simpan batas waktu") and new_date:
                store.open_period(tahun, sampai_tw, new_date, actor=actor)
                st.rerun()

with tab_history:
    # a Kabid sees the files of their own bidang only
    names = [
        name
        for name in frame["bidang"]
        if (submissions["bidang"] == name).any() and can(actor, Aksi.LIHAT_BIDANG, name)
    ]
    if not names:
        st.info(f"Belum ada berkas yang disimpan untuk tahun {tahun}.")
    else:
        chosen = st.selectbox("Bidang", names, key="riwayat_bidang")
        ui.history_section(store, tahun, submissions, chosen)
