"""Kinerja — entry point: page config, navigation over the SOP stages."""

import streamlit as st

st.set_page_config(
    page_title="Kinerja — Evaluasi Kinerja Perangkat Daerah",
    page_icon="📊",
    layout="wide",
    initial_sidebar_state="expanded",
)

PAGES = {
    "Ringkasan": [
        st.Page("pages/beranda.py", title="Beranda", icon="🏠", default=True),
    ],
    "Pengumpulan": [
        st.Page("pages/rencana.py", title="Rencana", icon="🗂️"),
        st.Page("pages/format_pengumpulan.py", title="Format Pengumpulan", icon="📄"),
    ],
}

st.navigation(PAGES).run()
