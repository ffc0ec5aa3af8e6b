"""Surat & Arsip (SOP 1, 10, 11): disposisi, numbered surat pengantar, sending, the archive."""

import functools
from datetime import datetime, time

import pandas as pd
import streamlit as st

from kinerja_core import arsip, clock, disposisi, dokumen, sop, surat, surat_pengantar
from kinerja_core.access import AksesDitolak, Aksi, can
from kinerja_core.locale_id import TRIWULAN_LABEL, fmt_date, fmt_number
from kinerja_core.plaintext import md
from kinerja_ui import alur, auth, state

actor = auth.require_page("surat_arsip")
period = state.period_picker()
store = state.get_store()
settings = state.get_settings()
st.title("Surat & Arsip")
st.caption(
    "Disposisi yang membuka evaluasi, surat pengantar bernomor dari agenda surat keluar, "
    "pengiriman dengan tanda terimanya, dan arsip periode yang tidak dapat dihapus."
)
T = period.tahun if period else clock.today().year
TW = period.sampai_tw if period else 4
ERRORS = (
    AksesDitolak,
    dokumen.DokumenError,
    disposisi.DisposisiError,
    surat.SuratError,
    sop.SopError,
)


def act(run, done: str) -> None:
    try:
        run()
    except ERRORS as error:
        st.session_state["surat_pesan"] = ("error", str(error))
    else:
        st.session_state["surat_pesan"] = ("success", done)
    st.rerun()


def local_to_utc(day, moment: time) -> datetime:
    return clock.to_utc(datetime.combine(day, moment))


kind, text = st.session_state.pop("surat_pesan", (None, ""))
if kind == "error":
    st.error(text, icon=":material/block:")
elif kind == "success":
    st.success(text, icon=":material/check_circle:")

doc = dokumen.keadaan(store, T, TW)
st.markdown(f"**Tahun {T}, sampai {TRIWULAN_LABEL[TW]}** · dokumen {alur.status_line(doc)}")
tab_dispo, tab_surat, tab_kirim, tab_arsip, tab_sop = st.tabs(
    ["Disposisi", "Surat pengantar", "Pengiriman", "Arsip", "Waktu SOP"]
)

with tab_dispo:
    current = disposisi.berlaku(store, T)
    if current is None:
        st.info(f"Belum ada disposisi untuk tahun {T}.")
    else:
        st.markdown(
            f"Nomor agenda **{md(current['nomor_agenda'])}** dari {md(current['surat_dari'])}, "
            f"tanggal {fmt_date(current['tanggal'])}  \nHal: {md(current['hal'])}  \n"
            f"Instruksi: {md(current['isi_instruksi'])}  \n"
            f"Batas waktu: **{fmt_date(current['batas_waktu'])}** · diterima "
            f"{clock.fmt_waktu(current['diterima_pada'])} · dicatat oleh {md(current['oleh'])}"
        )
    if can(actor, Aksi.BUKA_PERIODE):
        with st.form("disposisi"):
            st.markdown("**Catat disposisi** (membuka periode dan menetapkan batas waktu)")
            left, right = st.columns(2)
            nomor_agenda = left.text_input("Nomor agenda", key="dsp_nomor")
            surat_dari = right.text_input("Surat dari", value="Kepala Dinas", key="dsp_dari")
            tanggal = left.date_input(
                "Tanggal disposisi", value=clock.today(), format="DD/MM/YYYY", key="dsp_tanggal"
            )
            batas = right.date_input(
                "Batas waktu", value=None, format="DD/MM/YYYY", key="dsp_batas"
            )
            hal = st.text_input("Hal", value=f"Evaluasi hasil Renja tahun {T}", key="dsp_hal")
            isi = st.text_area("Isi instruksi", key="dsp_isi")
            diterima_hari = left.date_input(
                "Diterima tanggal", value=clock.today(), format="DD/MM/YYYY", key="dsp_terima"
            )
            diterima_jam = right.time_input(
                "Diterima pukul", value=clock.local_now().time(), key="dsp_jam"
            )
            tw = st.selectbox(
                "Sampai triwulan",
                [1, 2, 3, 4],
                index=TW - 1,
                format_func=lambda n: TRIWULAN_LABEL[n],
                key="dsp_tw",
            )
            scan = st.file_uploader(
                "Pindaian disposisi (opsional)", type=["pdf", "jpg", "png"], key="dsp_scan"
            )
            if st.form_submit_button("Simpan disposisi", type="primary"):
                if batas is None:
                    st.session_state["surat_pesan"] = ("error", "Isi batas waktu.")
                    st.rerun()
                item = disposisi.Disposisi(
                    T,
                    int(tw or TW),
                    nomor_agenda,
                    surat_dari,
                    tanggal,
                    hal,
                    isi,
                    batas,
                    local_to_utc(diterima_hari, diterima_jam),
                )
                act(
                    lambda: disposisi.catat(
                        store,
                        actor,
                        item,
                        scan.getvalue() if scan else None,
                        scan.name if scan else "",
                    ),
                    "Disposisi tersimpan; periode dibuka dengan batas waktunya.",
                )

with tab_surat:
    letter = surat.pengantar_periode(store, T, TW)
    if letter is not None:
        st.markdown(
            f"Surat pengantar periode ini: **{md(letter['nomor'])}**, "
            f"{fmt_date(letter['tanggal'])}, kepada {md(letter['kepada'])}"
        )
        kept = store.berkas(letter["berkas_id"]) if letter["berkas_id"] else None
        if kept is not None:
            st.download_button(
                "Unduh surat pengantar (.docx)",
                data=bytes(kept["isi"]),
                file_name=kept["nama"],
                mime=surat_pengantar.MIME,
                key="unduh_surat",
                on_click="ignore",
                icon=":material/download:",
            )
    if can(actor, Aksi.SURAT):
        with st.form("surat"):
            st.markdown("**Buat surat pengantar** (nomor berikutnya dari agenda surat keluar)")
            kepada = st.text_input(
                "Yth.", value=f"Kepala Bappeda Kabupaten {settings.kabupaten}", key="sp_kepada"
            )
            di = st.text_input("di", value=settings.tempat, key="sp_di")
            tanggal_surat = st.date_input(
                "Tanggal surat", value=clock.today(), format="DD/MM/YYYY", key="sp_tanggal"
            )
            if st.form_submit_button("Beri nomor dan buat surat", type="primary"):
                frozen = doc.approved()
                versi = frozen.versi if frozen else None
                act(
                    lambda: surat_pengantar.buat(
                        store,
                        actor,
                        settings,
                        tahun=T,
                        sampai_tw=TW,
                        kepada=kepada,
                        di=di,
                        tanggal=tanggal_surat,
                        versi=versi,
                    ),
                    "Surat pengantar bernomor tersimpan.",
                )
    st.markdown(f"#### Agenda surat keluar {T if letter is None else letter['tahun']}")
    year = letter["tahun"] if letter is not None else clock.today().year
    rows = surat.register(store, year)
    if not rows:
        st.caption("Belum ada surat keluar tahun ini.")
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Nomor": r["nomor"],
                        "Tanggal": fmt_date(r["tanggal"]),
                        "Kepada": r["kepada"],
                        "Hal": r["hal"],
                        "Keadaan": f"hangus: {r['hangus_alasan']}"
                        if r["hangus_pada"]
                        else "berlaku",
                    }
                    for r in rows
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        valid = [r for r in rows if r["hangus_pada"] is None]
        if valid and can(actor, Aksi.SURAT):
            with st.expander("Hanguskan nomor (nomor tetap tercatat dan tidak dipakai lagi)"):
                chosen = st.selectbox(
                    "Nomor", valid, format_func=lambda r: r["nomor"], key="hangus_nomor"
                )
                alasan = st.text_input("Alasan", key="hangus_alasan")
                if st.button("Hanguskan", key="hangus"):
                    act(
                        lambda: surat.hanguskan(store, actor, chosen["id"], alasan),
                        "Nomor dinyatakan hangus.",
                    )

with tab_kirim:
    sent = doc.event(Aksi.KIRIM)
    if sent is not None:
        detail = sent.detail
        st.markdown(
            f"Dikirim kepada **{md(detail.get('kepada', ''))}** dengan "
            f"{md(detail.get('cara', ''))}, {clock.fmt_waktu(detail.get('dikirim_pada'))} · "
            f"surat nomor {md(detail.get('nomor_surat', ''))} · dicatat oleh {md(sent.oleh)}"
        )
    if Aksi.KIRIM in {t.aksi for t in doc.available(actor)}:
        with st.form("kirim"):
            st.markdown("**Catat pengiriman**")
            kepada_kirim = st.text_input(
                "Kepada", value=f"Bappeda Kabupaten {settings.kabupaten}", key="kirim_kepada"
            )
            cara = st.selectbox(
                "Cara",
                ["diantar langsung", "pos/ekspedisi", "surel", "aplikasi naskah dinas"],
                key="kirim_cara",
                accept_new_options=True,
            )
            left, right = st.columns(2)
            hari = left.date_input(
                "Tanggal kirim", value=clock.today(), format="DD/MM/YYYY", key="kirim_tanggal"
            )
            jam = right.time_input("Pukul", value=clock.local_now().time(), key="kirim_jam")
            receipt = st.file_uploader("Tanda terima (opsional, bisa menyusul)", key="kirim_tt")
            if st.form_submit_button("Catat pengiriman", type="primary"):
                act(
                    lambda: dokumen.kirim(
                        store,
                        actor,
                        T,
                        TW,
                        kepada_kirim,
                        cara,
                        local_to_utc(hari, jam),
                        receipt.getvalue() if receipt else None,
                        receipt.name if receipt else "",
                    ),
                    "Pengiriman tercatat.",
                )
    elif doc.status is not dokumen.Status.DIKIRIM and sent is None:
        st.caption("Pengiriman dicatat setelah dokumen ditandatangani dan surat pengantar dibuat.")
    if doc.status is dokumen.Status.DIKIRIM and can(actor, Aksi.KIRIM):
        late = st.file_uploader("Tambah tanda terima", key="tt_susulan")
        if late is not None and st.button("Simpan tanda terima", key="tt_simpan"):
            act(
                lambda: dokumen.tambah_tanda_terima(
                    store, actor, T, TW, late.getvalue(), late.name
                ),
                "Tanda terima tersimpan.",
            )
    if Aksi.ARSIPKAN in {t.aksi for t in doc.available(actor)} and st.button(
        "Arsipkan", type="primary", key="arsipkan"
    ):
        act(lambda: dokumen.arsipkan(store, actor, T, TW), "Dokumen diarsipkan.")

with tab_arsip:
    st.markdown(f"Kelas retensi: **{md(arsip.kelas_retensi(settings, TW))}** (JRA kabupaten)")
    files = store.berkas_list(T, TW)
    if files:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Berkas": f["nama"],
                        "Jenis": f["jenis"].replace("_", " "),
                        "Ukuran (KB)": fmt_number(f["ukuran"] / 1024, 1),
                        "sha256": f["sha256"],
                        "Disimpan": clock.fmt_waktu(f["disimpan_pada"]),
                        "Oleh": f["oleh"],
                    }
                    for f in files
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    st.caption(
        "Berkas arsip tidak dapat dihapus dari aplikasi. Zip memuat semua berkas periode ini, "
        "semua kiriman bidang (berkas asli), catatan dan notulen rapat, riwayat dokumen, "
        "agenda surat keluar, waktu SOP dan manifest.csv (sha256 setiap berkas)."
    )
    if can(actor, Aksi.LIHAT_ARSIP):
        st.download_button(
            "Unduh arsip (.zip)",
            data=functools.partial(arsip.zip_bytes, store, actor, settings, T, TW),  # on click
            file_name=arsip.file_name(T, TW),
            mime="application/zip",
            key="unduh_arsip",
            on_click="ignore",
            type="primary",
            icon=":material/folder_zip:",
        )
    else:
        st.caption("Peran Anda tidak dapat mengunduh arsip.")

with tab_sop:
    alur.timeline(store, T, TW, key="sop_arsip")
    if can(actor, Aksi.BUKA_PERIODE):
        with st.form("langkah"):
            st.markdown("**Catat langkah di luar aplikasi** (format, distribusi, rapat)")
            step = st.selectbox(
                "Langkah",
                sorted(sop.MANUAL),
                format_func=lambda n: sop.LANGKAH[n - 1].nama,
                key="sop_n",
            )
            left, right = st.columns(2)
            d1 = left.date_input(
                "Mulai tanggal", value=clock.today(), format="DD/MM/YYYY", key="sop_d1"
            )
            t1 = right.time_input("Mulai pukul", key="sop_t1")
            d2 = left.date_input(
                "Selesai tanggal", value=clock.today(), format="DD/MM/YYYY", key="sop_d2"
            )
            t2 = right.time_input("Selesai pukul", key="sop_t2")
            if st.form_submit_button("Simpan waktu langkah"):
                act(
                    lambda: sop.catat_langkah(
                        store, actor, T, TW, step, local_to_utc(d1, t1), local_to_utc(d2, t2)
                    ),
                    "Waktu langkah tersimpan.",
                )
