"""Kinerja — entry point: page config, login gate, navigation over the SOP stages.

Logged out, every page address shows the login form instead of its page (the address and its
query parameters stay, so after login the same view opens). Logged in, the navigation lists
only the pages the role may use (``kinerja_ui.auth.HALAMAN``).
"""

import streamlit as st

from kinerja_ui import auth, bahasa, errors

st.set_page_config(
    page_title="Kinerja — Evaluasi Kinerja Perangkat Daerah",
    page_icon=":material/monitoring:",
    layout="wide",
    initial_sidebar_state="expanded",
)


def _page(name: str, title: str, icon: str, **options) -> tuple[str, st.Page]:
    return name, st.Page(f"pages/{name}.py", title=title, icon=icon, **options)


SECTIONS = {
    "Ringkasan": [
        _page("beranda", "Beranda", ":material/home:", default=True),
    ],
    "Pengumpulan": [
        _page("rencana", "Rencana", ":material/edit_note:"),
        _page("format_pengumpulan", "Format Pengumpulan", ":material/description:"),
        _page("pengumpulan", "Pengumpulan Data", ":material/upload_file:"),
    ],
    "Analisis": [
        _page("analisis", "Analisis", ":material/query_stats:"),
        _page("rapat", "Rapat Koordinasi", ":material/co_present:"),
    ],
    "Dokumen": [
        _page("ekspor", "Ekspor Dokumen", ":material/download:"),
        _page("dokumen", "Dokumen Evaluasi", ":material/approval:"),
        _page("surat_arsip", "Surat & Arsip", ":material/outgoing_mail:"),
    ],
    "Admin": [
        _page("pengaturan", "Pengaturan", ":material/settings:"),
        _page("riwayat", "Riwayat", ":material/history:"),
        _page("cadangan", "Cadangan Data", ":material/backup:"),
    ],
}


def _run() -> None:
    bahasa.install()  # Streamlit's own words in Indonesian, on the login form too
    actor = auth.current_actor()
    if actor is None:
        # Every page stays addressable (hidden), so the requested address is kept.
        st.navigation([page for pages in SECTIONS.values() for _, page in pages], position="hidden")
        auth.logged_out_chrome()
        auth.login_form()
        return
    allowed = {
        section: [page for name, page in pages if auth.may_open(actor, name)]
        for section, pages in SECTIONS.items()
    }
    page = st.navigation({section: pages for section, pages in allowed.items() if pages})
    auth.account_box(actor)
    errors.run_page(page)


_run()
