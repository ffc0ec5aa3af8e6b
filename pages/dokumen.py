"""Dokumen Evaluasi (SOP 7-9): the document's state, what this person may do now, its history."""

import streamlit as st

from kinerja_core import clock, dokumen, pengaturan, report
from kinerja_core.access import AksesDitolak, Aksi
from kinerja_core.locale_id import TRIWULAN_LABEL
from kinerja_core.plaintext import md
from kinerja_ui import alur, auth, state
from kinerja_ui import pengaturan as pengaturan_ui

actor = auth.require_page("dokumen")
period = state.period_picker()
store = state.get_store()
settings = state.get_settings()
st.title("Dokumen Evaluasi")
st.caption(
    "Konsep → Diajukan → Diparaf → Disetujui → Ditandatangani → Dikirim → Diarsipkan. "
    "Dokumen yang sudah disetujui dibekukan: berkas, sha256, data dan penandatangannya "
    "tidak berubah lagi."
)
if period is None:
    st.stop()
T, TW = period.tahun, period.sampai_tw
doc = dokumen.keadaan(store, T, TW)
st.subheader(f"Tahun {T}, sampai {TRIWULAN_LABEL[TW]}")
alur.progress(doc)
st.markdown(alur.status_line(doc))
if doc.menunggu is not None and actor is not None and actor.peran is doc.menunggu:
    st.info("Dokumen ini menunggu tindakan Anda.", icon=":material/pending_actions:")
returned = doc.event(Aksi.KEMBALIKAN)
if doc.status is dokumen.Status.KONSEP and returned is not None:
    st.warning(
        f"Versi {returned.versi} dikembalikan oleh {md(returned.oleh)} "
        f"({clock.fmt_waktu(returned.pada)}). Koreksi: {md(returned.catatan)}",
        icon=":material/undo:",
    )


def act(run) -> None:
    """Run a core action; its refusal or problem is shown in Indonesian."""
    try:
        run()
    except (AksesDitolak, dokumen.DokumenError) as error:
        st.session_state["dokumen_pesan"] = ("error", str(error))
    else:
        st.session_state["dokumen_pesan"] = ("success", "Tersimpan.")
    st.rerun()


kind, text = st.session_state.pop("dokumen_pesan", (None, ""))
if kind == "error":
    st.error(text, icon=":material/block:")
elif kind == "success":
    st.success(text, icon=":material/check_circle:")

allowed = {t.aksi for t in doc.available(actor)}
if not allowed and not doc.may_start_new_konsep(actor):
    who = doc.menunggu.label if doc.menunggu else "siapa pun"
    st.caption(f"Tidak ada tindakan untuk peran Anda saat ini (giliran {who}).")

if Aksi.AJUKAN in allowed:
    pengaturan_ui.placeholders(pengaturan.current(store, settings).kantor)
    with st.form("ajukan"):
        st.markdown("**Ajukan ke Sekretaris**: dokumen dibuat dari data saat ini dan disimpan.")
        tanggal = st.date_input("Tanggal dokumen", value=clock.today(), format="DD/MM/YYYY")
        catatan = st.text_input("Catatan (opsional)", key="ajukan_catatan")
        if st.form_submit_button("Ajukan ke Sekretaris", type="primary"):
            with st.spinner("Menyusun workbook dan laporan dari data saat ini…"):
                act(lambda: dokumen.ajukan(store, actor, settings, T, TW, tanggal, catatan))
if Aksi.PARAF in allowed:
    with st.form("paraf"):
        catatan = st.text_input("Catatan paraf (opsional)", key="paraf_catatan")
        if st.form_submit_button("Paraf", type="primary"):
            act(lambda: dokumen.paraf(store, actor, T, TW, catatan))
if Aksi.SETUJUI in allowed:
    pengaturan_ui.placeholders(alur.version_kantor(store, doc.current))
    with st.form("setujui"):
        catatan = st.text_input("Catatan persetujuan (opsional)", key="setujui_catatan")
        if st.form_submit_button("Setujui", type="primary"):
            act(lambda: dokumen.setujui(store, actor, T, TW, catatan))
if Aksi.KEMBALIKAN in allowed:
    with st.form("kembalikan"):
        koreksi = st.text_area("Catatan koreksi", key="kembalikan_koreksi")
        if st.form_submit_button("Kembalikan dengan koreksi"):
            act(lambda: dokumen.kembalikan(store, actor, T, TW, koreksi))
if Aksi.TANDATANGANI in allowed:
    with st.form("tandatangani"):
        st.markdown("**Catat tanda tangan**")
        cara = st.radio(
            "Cara", list(dokumen.CARA_TTD), format_func=dokumen.CARA_TTD.get, key="ttd_cara"
        )
        tanggal_ttd = st.date_input(
            "Tanggal tanda tangan", value=clock.today(), format="DD/MM/YYYY", key="ttd_tanggal"
        )
        scan = st.file_uploader("Dokumen bertanda tangan (PDF)", type=["pdf"], key="ttd_berkas")
        if st.form_submit_button("Catat tanda tangan", type="primary"):
            act(
                lambda: dokumen.tandatangani(
                    store,
                    actor,
                    T,
                    TW,
                    cara,
                    tanggal_ttd,
                    scan.getvalue() if scan else None,
                    scan.name if scan else "",
                )
            )
if allowed & {Aksi.KIRIM, Aksi.ARSIPKAN}:
    alur.page_link(
        "pages/surat_arsip.py",
        "Surat pengantar, pengiriman dan arsip: buka Surat & Arsip",
        ":material/outgoing_mail:",
    )
alur.data_changed_notice(store, doc, T, TW)
if doc.may_start_new_konsep(actor):
    with st.expander("Data dikoreksi setelah persetujuan? Buat konsep baru"):
        alasan = st.text_input("Alasan", key="konsep_baru_alasan")
        if st.button("Buat konsep baru", key="konsep_baru"):
            act(lambda: dokumen.konsep_baru(store, actor, T, TW, alasan))

approved = doc.approved()
if approved is not None:
    st.markdown(f"#### Versi {approved.versi} yang disetujui (beku)")
    files = dokumen.version_documents(store, approved)
    columns = st.columns(len(files) or 1)
    for column, (key, (name, content)) in zip(columns, files.items(), strict=False):
        column.download_button(
            f"Unduh {name}",
            data=content,
            file_name=name,
            mime=report.MIME if key == "xlsx" else "application/octet-stream",
            key=f"unduh_beku_{key}",
            on_click="ignore",
            icon=":material/lock:",
        )
    approval = doc.event(Aksi.SETUJUI, approved.versi)
    st.caption(
        f"sha256 workbook: `{approved.xlsx_sha256}`"
        + (f" · data: `{approval.detail.get('snapshot_sha256', '')}`" if approval else "")
    )

if doc.versions:
    st.markdown("#### Versi")
    st.dataframe(alur.versions_frame(doc), hide_index=True, width="stretch")
    st.markdown("#### Riwayat")
    st.dataframe(alur.events_frame(doc), hide_index=True, width="stretch")
