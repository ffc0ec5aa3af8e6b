"""Format Pengumpulan: one collection workbook per bidang from the year's rencana (SOP 2–3)."""

import streamlit as st

from kinerja_core import rencana as rc
from kinerja_core import template
from kinerja_core.locale_id import fmt_number, fmt_rupiah
from kinerja_core.plaintext import md
from kinerja_ui import auth, state

actor = auth.require_page("format_pengumpulan")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

period = state.period_picker()
settings = state.get_settings()
st.title("Format Pengumpulan")
st.caption(
    "Satu workbook per bidang dari rencana kinerja: sheet Petunjuk, Kinerja (kolom identitas "
    "dikunci, kolom isian terbuka dengan validasi angka) dan Anggaran. Bagikan ke setiap "
    "bidang, lalu unggah kembali di halaman Pengumpulan Data."
)
if period is None:
    st.stop()

tahun = period.tahun
ind, ang = state.get_store().rencana(tahun)
if ind.empty:
    st.info(f"Belum ada rencana kinerja tahun {tahun}. Isi dulu di halaman Rencana.")
    st.stop()

problems = rc.validate_rencana(ind, ang)
if rc.has_errors(problems):
    st.warning(
        "Rencana tahun ini masih memuat kesalahan; format tetap dapat diunduh, tetapi "
        "sebaiknya perbaiki dulu di halaman Rencana."
    )
    with st.expander("Lihat kesalahan rencana"):
        st.dataframe(rc.problems_frame(problems), hide_index=True, width="stretch")
if (ind["bidang"].str.strip() == "").any():
    st.warning("Ada indikator tanpa bidang; indikator itu tidak masuk format mana pun.")

files = template.build_all_formats(
    ind, ang, tahun=tahun, dinas=settings.dinas, kabupaten=settings.kabupaten
)
summary = rc.summary_per_bidang(ind, ang).set_index("bidang")

st.subheader(f"Tahun {tahun}: {len(files)} format")
header = st.columns([4, 2, 3, 3])
for column, label in zip(header, ["Bidang", "Indikator", "Pagu", "Unduh"], strict=True):
    column.markdown(f"**{label}**")
for bidang in template.bidang_list(ind, ang):
    name = template.format_filename(tahun, bidang)
    row = st.columns([4, 2, 3, 3], vertical_alignment="center")
    row[0].markdown(md(bidang))
    row[1].write(fmt_number(summary.loc[bidang, "indikator"], 0))
    row[2].write(fmt_rupiah(summary.loc[bidang, "pagu"]))
    row[3].download_button(
        "Unduh format",
        files[name],
        file_name=name,
        mime=XLSX,
        key=f"unduh_{name}",
        on_click="ignore",
        icon=":material/download:",
    )

st.download_button(
    "Unduh semua (zip)",
    template.zip_formats(files),
    file_name=f"format_kinerja_{tahun}.zip",
    mime="application/zip",
    type="primary",
    on_click="ignore",
    icon=":material/folder_zip:",
)
