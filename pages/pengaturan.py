"""Pengaturan (admin): kop, office identity and the signatories every document prints."""

import streamlit as st

from kinerja_core import pengaturan
from kinerja_ui import auth, state
from kinerja_ui import pengaturan as ui

actor = auth.require_page("pengaturan")

state.period_picker()
st.title("Pengaturan Kantor dan Penandatangan")
st.caption(
    "Kop dan penandatangan dokumen evaluasi. Nilai awal dari berkas konfigurasi; setiap "
    "perubahan disimpan sebagai versi baru dan dicatat di jejak audit."
)
store = state.get_store()
file_settings = state.file_settings()
ui.message()
ui.placeholders(pengaturan.current(store, file_settings).kantor)
ui.form(store, file_settings, actor)
ui.history(store)
