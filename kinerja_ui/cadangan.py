"""The admin's backup in the app: make a consistent copy of the database, then download it.

Two steps, so a failure is told on the page (Indonesian, incident code) rather than as a
broken download: "Buat cadangan" writes the checked copy to a temporary file
(``kinerja_core.backup.make_backup``, the same as ``python -m kinerja_core cadangan``) and
records it in the audit log; "Unduh" then sends that file. Restoring stays a command
(``pulihkan``) because it must run against an empty database, with the app stopped.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import streamlit as st

from kinerja_core import backup, clock
from kinerja_core.access import Actor
from kinerja_core.locale_id import fmt_number
from kinerja_core.store import Store
from kinerja_ui import errors

READY_KEY = "cadangan_siap"  # {"path", "name", "text"} of the backup made in this session
_FOLDER = Path(tempfile.gettempdir()) / "kinerja-cadangan"


def _make(store: Store, actor: Actor) -> None:
    previous = st.session_state.pop(READY_KEY, None)
    if previous:
        Path(previous["path"]).unlink(missing_ok=True)
    stamp = clock.local_now().strftime("%Y-%m-%d_%H%M")
    name = f"kinerja_cadangan_{stamp}.db"
    _FOLDER.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(dir=_FOLDER)) / name
    info = backup.make_backup(store.url, target, actor=actor)
    rows = info.rows
    text = (
        f"{name}: {fmt_number(info.size / 2**20, 1)} MB, "
        f"{fmt_number(rows.get('submissions', 0), 0)} berkas kiriman, "
        f"{fmt_number(rows.get('indicator_rows', 0), 0)} baris indikator, "
        f"{fmt_number(rows.get('audit_log', 0), 0)} catatan audit; pemeriksaan integritas baik."
    )
    store.log(actor.label, "buat cadangan", text)
    st.session_state[READY_KEY] = {"path": str(target), "name": name, "text": text}


def _read(path: str) -> bytes:
    return Path(path).read_bytes()


def section(store: Store, actor: Actor) -> None:
    """Backup: what it holds, how often, where to keep it, and the two buttons."""
    st.subheader("Cadangan basis data")
    st.markdown(
        "Satu berkas berisi **seluruh** data Kinerja: rencana, setiap berkas kiriman beserta "
        "aslinya, catatan rapat, pengaturan dan jejak audit. Cadangan dibuat utuh walaupun "
        "aplikasi sedang dipakai, lalu diperiksa sebelum diunduh.\n\n"
        "- **Kapan:** setiap hari kerja selama masa pengumpulan dan evaluasi, dan sebelum "
        "memperbarui aplikasi.\n"
        "- **Di mana:** di luar komputer server (flashdisk, NAS, penyimpanan kantor); "
        "simpan beberapa yang terakhir, bukan hanya satu.\n"
        "- **Memulihkan:** `python -m kinerja_core pulihkan BERKAS --db BASIS_DATA_BARU` "
        "(ke basis data kosong; lihat README)."
    )
    if st.button("Buat cadangan sekarang", icon=":material/backup:", key="cadangan_buat"):
        with st.spinner("Membuat dan memeriksa cadangan…"):
            errors.attempt(lambda: _make(store, actor), "membuat cadangan")
    ready = st.session_state.get(READY_KEY)
    if ready and Path(ready["path"]).is_file():
        st.success(f"Cadangan siap: {ready['text']}", icon=":material/verified:")
        st.download_button(
            "Unduh cadangan (.db)",
            data=functools.partial(_read, ready["path"]),
            file_name=ready["name"],
            mime="application/vnd.sqlite3",
            type="primary",
            icon=":material/download:",
            on_click="ignore",
            key="cadangan_unduh",
        )
