"""Ekspor Dokumen: the evaluation workbook and report of the chosen period, ready to sign.

"Buat dokumen" makes and records an export (``kinerja_core.exports``: the data, the
signatories, the date and the settings it was made with); every document handed out is one
of these recorded exports, so an earlier one downloads again with its own names.
"""

import streamlit as st

from kinerja_core import analysis, clock, exports, pengaturan, renstra, report
from kinerja_core.access import AksesDitolak
from kinerja_core.locale_id import fmt_date, fmt_number, fmt_rupiah_short
from kinerja_core.plaintext import md
from kinerja_ui import auth, state, widgets
from kinerja_ui import ekspor as ui

actor = auth.require_page("ekspor")

period = state.period_picker()
settings = state.get_settings()
st.title("Ekspor Dokumen Evaluasi")
st.caption(
    f"{md(settings.dinas)} Kabupaten {md(settings.kabupaten)} · formulir E.81 Permendagri 86/2017"
    " dan laporan evaluasi (Word)"
)
if period is None:
    st.stop()
evaluated = state.evaluated(period, settings)
anggaran = state.anggaran(period)
if evaluated.empty:
    st.info(f"Belum ada data kinerja untuk tahun {period.tahun}. Unggah berkas terlebih dahulu.")
    st.stop()

store = state.get_store()
head = analysis.headline(evaluated, anggaran, period.tahun, period.sampai_tw, settings)
st.subheader(period.label)
widgets.coverage_note(state.coverage(period.tahun))
widgets.corrections_note(evaluated)
widgets.headline_metrics(head)
missing = renstra.kekurangan(evaluated, anggaran, settings.renstra_tahun_awal)
if missing:
    rinci = renstra.kekurangan_rinci(evaluated, anggaran)
    n_kode = int((rinci["Indikator"] == renstra.ANGGARAN_ROW).sum())
    with st.expander(
        f"Formulir E.81: Sasaran / Renstra belum lengkap pada {len(rinci) - n_kode} indikator "
        f"dan {n_kode} kode anggaran (kolom 2, 5, 6, 13, 14)",
        icon=":material/info:",
    ):
        for item in missing:
            st.markdown(f"- {md(item.text())}")
        st.dataframe(
            rinci,
            hide_index=True,
            width="stretch",
            column_config={
                "Indikator": st.column_config.TextColumn(width="medium"),
                "Kosong": st.column_config.TextColumn(
                    "Kolom kosong", width="medium", help="Kolom formulir E.81 yang kosong"
                ),
            },
        )
        st.caption(
            "Kolom ini dibiarkan kosong di dokumen. Isi di halaman **Rencana** (kolom Sasaran, "
            "Target Renstra akhir periode, Realisasi Renstra s/d tahun lalu, K dan Rp) atau "
            "pada berkas unggahan. Realisasi s/d tahun lalu dihitung sendiri dari tahun-tahun "
            "tersimpan bila tahun awal periode Renstra diisi (halaman **Pengaturan**) dan setiap "
            "tahun sejak itu tersimpan."
        )
st.caption(
    f"Realisasi anggaran {fmt_rupiah_short(head.realisasi_anggaran)} dari pagu "
    f"{fmt_rupiah_short(head.pagu)} · angka dokumen sama dengan dasbor"
)

kantor = pengaturan.current(store, state.file_settings()).kantor
ui.signatory_note(kantor)

st.markdown("#### Pilihan dokumen")
opt1, opt2, opt3 = st.columns(3)
papers = ["F4", "A4", "A3"]
kertas = opt1.radio(
    "Ukuran kertas",
    papers,
    horizontal=True,
    key="ek_kertas",
    index=papers.index(settings.kertas) if settings.kertas in papers else 0,
)
tanggal = opt2.date_input(
    "Tanggal tanda tangan", value=clock.today(), format="DD/MM/YYYY", key="ek_tanggal"
)
per_bidang = opt3.toggle("Satu sheet per bidang", value=True, key="ek_per_bidang")

if st.button("Buat dokumen", type="primary", icon=":material/description:", key="ek_buat"):
    with st.spinner("Menyusun dokumen evaluasi…"):
        try:
            ui.make(store, period, state.file_settings(), tanggal, kertas, per_bidang, actor)
        except AksesDitolak as error:
            st.error(md(str(error)), icon=":material/block:")

made = exports.summary(store, period.tahun)
if not made:
    st.caption(
        "Belum ada dokumen untuk tahun ini. Tekan **Buat dokumen**: dokumen dibuat dengan data, "
        "penandatangan dan tanggal saat ini, dan dicatat sehingga dapat diunduh ulang sama persis."
    )
else:
    chosen = ui.pick(made)
    documents = ui.documents(store, chosen.id)
    left, right = st.columns(2)
    left.download_button(
        "Unduh dokumen evaluasi (.xlsx)",
        data=documents.xlsx,
        file_name=report.file_name(chosen.tahun, chosen.sampai_tw),
        mime=report.MIME,
        type="primary",
        icon=":material/download:",
        on_click="ignore",
        key="ek_unduh_xlsx",
    )
    if documents.docx is not None:
        right.download_button(
            "Unduh laporan evaluasi (.docx)",
            data=documents.docx,
            file_name=ui.report_file_name(chosen.tahun, chosen.sampai_tw),
            mime=ui.DOCX_MIME,
            icon=":material/article:",
            on_click="ignore",
            key="ek_unduh_docx",
        )
    st.caption(
        f"Ekspor #{chosen.id} · tahun {chosen.tahun} s.d. TW {chosen.sampai_tw} · "
        f"tanggal tanda tangan {fmt_date(chosen.tanggal)} · kertas {md(chosen.kertas)} "
        f"melintang · Kepala Dinas {md(chosen.kepala_dinas)} · "
        f"xlsx {fmt_number(len(documents.xlsx) / 1024, 0)} KB. Formulir E.81 dicetak 90% "
        "(huruf ≥ 7 pt) beberapa halaman ke samping dengan kolom 1–4 dan judul kolom di setiap "
        "halaman; nomor halaman di kaki"
    )

st.markdown("#### Isi dokumen")
ui.contents(evaluated, per_bidang)
