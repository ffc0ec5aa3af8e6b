"""Login in the app: who is acting, the login form, logout, and which page each role may open.

A login is a session token (``accounts.start_session``) kept in this Streamlit session and,
so a refresh or a new tab stays logged in, in a browser cookie (a session cookie: it goes
when the browser closes). Every run re-checks the token against the database, so logout
and the idle limit (``Settings.idle_minutes``) end it everywhere. ``HALAMAN`` says which
``Aksi`` opens each page: app.py shows only those pages, and each page calls
``require_page`` itself, so a page opened directly still refuses a role that may not use it.
"""

from __future__ import annotations

import json

import streamlit as st
import streamlit.components.v1 as components
from streamlit.runtime.scriptrunner import get_script_run_ctx

from kinerja_core import accounts
from kinerja_core.access import Actor, Aksi, can
from kinerja_core.bootstrap import demo_accounts_shown
from kinerja_core.plaintext import md
from kinerja_ui import state

# The action a role needs to open each page (page file stem -> Aksi). One table for app.py's
# navigation and for the pages' own check.
HALAMAN: dict[str, Aksi] = {
    "beranda": Aksi.LIHAT_RINGKASAN,
    "rencana": Aksi.UBAH_RENCANA,
    "format_pengumpulan": Aksi.UBAH_RENCANA,
    "pengumpulan": Aksi.UNGGAH,
    "analisis": Aksi.LIHAT_BIDANG,
    "rapat": Aksi.LIHAT_RINGKASAN,
    "ekspor": Aksi.EKSPOR,
    "dokumen": Aksi.LIHAT_RINGKASAN,  # everyone sees the state; each action by its role
    "surat_arsip": Aksi.LIHAT_RINGKASAN,
    "pengaturan": Aksi.PENGATURAN,
    "cadangan": Aksi.CADANGAN,
    "riwayat": Aksi.LIHAT_RIWAYAT,
}

COOKIE = "kinerja_sesi"
TOKEN_KEY = "_sesi_token"  # session_state: this session's login token
_EXPIRED_KEY = "_sesi_berakhir"  # session_state: say once that the session ran out
_ACTOR_KEY = "_sesi_aktor"  # session_state: the actor found in this run (run-local cache)


def _cookie_token() -> str:
    try:
        value = st.context.cookies.get(COOKIE, "")
    except Exception:  # no request context (AppTest without a browser)
        return ""
    return value if isinstance(value, str) else ""


def current_actor() -> Actor | None:
    """The logged-in person, or None (never logged in, logged out, idle too long)."""
    token = st.session_state.get(TOKEN_KEY) or _cookie_token()
    if not token:
        return None
    store = state.get_store()
    actor = accounts.resume_session(store, token, state.configured_settings().idle_minutes)
    if actor is None:
        if st.session_state.pop(TOKEN_KEY, None):
            st.session_state[_EXPIRED_KEY] = True
        return None
    st.session_state[TOKEN_KEY] = token
    return actor


def may_open(actor: Actor | None, page: str) -> bool:
    return can(actor, HALAMAN[page])


def require_page(page: str) -> Actor:
    """The actor when they may open ``page`` (a key of HALAMAN); otherwise the page shows the
    login form or says the role may not open it, and stops."""
    if get_script_run_ctx() is None:
        # Bare execution: the script runs outside any Streamlit session, i.e. started from a
        # shell on the server (``python pages/x.py``, or a parsing worker re-importing the
        # page as __main__). No browser, no widget input: it acts as the CLI does.
        return Actor.cli()
    state.ensure_app_navigation()
    actor = current_actor()
    if actor is None:
        login_form()
        st.stop()
    if not may_open(actor, page):
        st.error(
            f"Halaman ini tidak tersedia untuk peran {actor.peran.label}. "
            "Pilih halaman lain di menu samping.",
            icon=":material/lock:",
        )
        st.stop()
    return actor


def _client_address() -> str | None:
    try:
        address = st.context.ip_address
    except Exception:
        return None
    return address if isinstance(address, str) else None


def _set_cookie(token: str | None) -> None:
    """Write (or, with None, remove) the login cookie in the browser. The component's iframe
    is same-origin, so it can set the app's cookie; it has no size of its own."""
    value = json.dumps(token or "")
    expiry = "" if token else "; max-age=0"
    components.html(
        "<script>window.parent.document.cookie = "
        f"'{COOKIE}=' + encodeURIComponent({value}) + '; path=/; SameSite=Strict{expiry}';"
        "</script>",
        height=0,
    )


def login_form() -> None:
    """The login page: name and password, the demo accounts while the demo is in use."""
    store = state.get_store()
    st.title("Masuk ke Kinerja")
    settings = state.get_settings()
    st.caption(f"{md(settings.dinas)} Kabupaten {md(settings.kabupaten)}")
    if st.session_state.pop(_EXPIRED_KEY, False):
        st.info(
            f"Sesi Anda berakhir (lebih dari {settings.idle_minutes} menit tanpa aktivitas, "
            "atau Anda keluar di jendela lain). Silakan masuk lagi.",
            icon=":material/timer_off:",
        )
    left, _ = st.columns([2, 3])
    with left, st.form("masuk"):
        pengguna = st.text_input("Nama pengguna", autocomplete="username")
        sandi = st.text_input("Kata sandi", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Masuk", type="primary")
    if submitted:
        try:
            actor = accounts.authenticate(store, pengguna, sandi, _client_address())
        except accounts.MasukGagal as error:
            left.error(str(error), icon=":material/lock:")
        else:
            session = accounts.start_session(store, actor)
            st.session_state[TOKEN_KEY] = session.token
            st.session_state.pop(_EXPIRED_KEY, None)
            st.rerun()  # the same address: a deep link opens its view after login
    if not accounts.has_accounts(store):
        st.warning(
            "Belum ada akun. Admin membuat akun pertama di server dengan perintah "
            "`python -m kinerja_core akun tambah --peran admin --pengguna NAMA`.",
            icon=":material/person_add:",
        )
    demo = demo_accounts_shown(store)
    if demo:
        st.markdown("#### Akun demo")
        st.caption(
            "Data contoh sedang dipakai, jadi akun contoh untuk setiap peran tersedia. "
            "Daftar ini hilang setelah data demo diganti atau kata sandinya diubah."
        )
        st.table(
            {
                "Peran": [d.peran.label for d in demo],
                "Nama pengguna": [d.pengguna for d in demo],
                "Kata sandi": [d.sandi for d in demo],
                "Bidang": [d.bidang or "–" for d in demo],
            }
        )


def logout() -> None:
    token = st.session_state.pop(TOKEN_KEY, None) or _cookie_token()
    if token:
        accounts.end_session(state.get_store(), token)
    st.session_state["_sesi_hapus_cookie"] = True


def account_box(actor: Actor) -> None:
    """Sidebar: who is logged in, the logout button; keeps the browser's cookie in step."""
    with st.sidebar:
        bidang = f" · {md(actor.bidang)}" if actor.bidang else ""
        st.caption(
            f":material/person: **{md(actor.nama or actor.pengguna)}**  \n"
            f"{md(actor.peran.label)}{bidang}"
        )
        st.button("Keluar", icon=":material/logout:", on_click=logout, key="_keluar")
        _set_cookie(st.session_state.get(TOKEN_KEY))


def logged_out_chrome() -> None:
    """After logout the browser's cookie is removed as well."""
    if st.session_state.pop("_sesi_hapus_cookie", False):
        _set_cookie(None)
