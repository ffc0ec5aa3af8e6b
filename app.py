"""Kinerja — entry point: page config, navigation over the SOP stages."""

import streamlit as st

from kinerja_ui import bahasa, errors

st.set_page_config(
    page_title="Kinerja — Evaluasi Kinerja Perangkat Daerah",
    page_icon=":material/monitoring:",
    layout="wide",
    initial_sidebar_state="expanded",
)

PAGES = {
    "Ringkasan": [
        st.Page("pages/beranda.py", title="Beranda", icon=":material/home:", default=True),
    ],
    "Pengumpulan": [
        st.Page("pages/rencana.py", title="Rencana", icon=":material/edit_note:"),
        st.Page(
            "pages/format_pengumpulan.py", title="Format Pengumpulan", icon=":material/description:"
        ),
        st.Page("pages/pengumpulan.py", title="Pengumpulan Data", icon=":material/upload_file:"),
    ],
    "Analisis": [
        st.Page("pages/analisis.py", title="Analisis", icon=":material/query_stats:"),
        st.Page("pages/rapat.py", title="Rapat Koordinasi", icon=":material/co_present:"),
    ],
    "Dokumen": [
        st.Page("pages/ekspor.py", title="Ekspor Dokumen", icon=":material/download:"),
        st.Page("pages/dokumen.py", title="Dokumen Evaluasi", icon=":material/approval:"),
        st.Page("pages/surat_arsip.py", title="Surat & Arsip", icon=":material/outgoing_mail:"),
    ],
    "Admin": [
        st.Page("pages/pengaturan.py", title="Pengaturan", icon=":material/settings:"),
        st.Page("pages/cadangan.py", title="Cadangan Data", icon=":material/backup:"),
    ],
}

bahasa.install()
errors.run_page(st.navigation(PAGES))
