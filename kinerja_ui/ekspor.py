"""The Ekspor page's parts: the signatory check, making a recorded export, picking one.

Documents are made by ``kinerja_core.exports`` (gather → build → record); an export already
made is immutable, so its rebuilt bytes are cached by its id.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from kinerja_core import clock, exports, pengaturan, report
from kinerja_core.access import Actor
from kinerja_core.pengaturan import Kantor
from kinerja_core.plaintext import md
from kinerja_core.report import laporan
from kinerja_core.settings import Settings
from kinerja_core.store import Store
from kinerja_ui import state

MADE_KEY = "ek_dibuat"  # {export id: Documents} made in this session (no rebuild needed)
PICK_KEY = "ek_pilih"
DOCX_MIME = laporan.MIME


def report_file_name(tahun: int, sampai_tw: int) -> str:
    return laporan.file_name(tahun, sampai_tw)


def signatory_note(kantor: Kantor) -> None:
    """Warn while a signatory is still an example name; otherwise say who signs."""
    warnings = pengaturan.placeholder_warnings(kantor)
    if warnings:
        st.warning(
            "Penandatangan masih contoh; dokumen belum layak ditandatangani. Isi di halaman "
            "**Admin → Pengaturan**:\n\n" + "\n".join(f"- {md(w)}" for w in warnings),
            icon=":material/edit:",
        )
    else:
        signer = kantor.kepala_dinas
        st.caption(
            f"Ditandatangani {md(signer.jabatan)} {md(signer.nama)} (NIP {md(signer.nip)}), "
            f"{md(kantor.tempat)}; ubah di halaman Admin → Pengaturan."
        )


def make(
    store: Store,
    period: state.Period,
    file_settings: Settings,
    tanggal: date,
    kertas: str,
    per_bidang: bool,
    actor: Actor,
) -> int:
    """Make the documents of ``period`` now and record them; the new export becomes the one
    offered for download. ``actor`` makes them (refused unless they may)."""
    params = exports.params_now(store, file_settings, tanggal, kertas, per_bidang)
    data = exports.gather_for(store, period.tahun, period.sampai_tw, params)
    documents = exports.build(data, params)
    export_id = exports.record(store, data, params, documents, actor)
    st.session_state.setdefault(MADE_KEY, {})[export_id] = documents
    st.session_state[PICK_KEY] = export_id
    return export_id


def _label(item: exports.ExportRecord) -> str:
    return (
        f"#{item.id} · dibuat {clock.fmt_waktu(item.dibuat_pada)} oleh {item.oleh} · "
        f"TW {item.sampai_tw} · kertas {item.kertas} · Kepala Dinas {item.kepala_dinas}"
    )


def pick(made: list[exports.ExportRecord]) -> exports.ExportRecord:
    """The export to download: the one just made, else the newest; any earlier one can be
    chosen and downloads with its own signatories, date and data."""
    by_id = {item.id: item for item in made}
    if st.session_state.get(PICK_KEY) not in by_id:
        st.session_state[PICK_KEY] = made[0].id
    chosen = st.selectbox(
        "Dokumen yang sudah dibuat",
        list(by_id),
        format_func=lambda i: _label(by_id[i]),
        key=PICK_KEY,
        help="Dokumen lama diunduh ulang persis seperti saat dibuat (data, penandatangan, "
        "tanggal, kertas), walaupun pengaturan atau data sudah berubah.",
    )
    return by_id[chosen]


@st.cache_resource(show_spinner="Menyusun ulang dokumen…", max_entries=8)
def _rebuilt(url: str, export_id: int) -> exports.Documents:
    return exports.rebuild(state.get_store(), export_id)


def documents(store: Store, export_id: int) -> exports.Documents:
    made = st.session_state.get(MADE_KEY, {})
    if export_id in made:
        return made[export_id]
    return _rebuilt(store.url, export_id)


def contents(evaluated: pd.DataFrame, per_bidang: bool) -> None:
    rows = report.contents(evaluated, per_bidang)
    st.dataframe(pd.DataFrame(rows, columns=["Sheet", "Isi"]), hide_index=True, width="stretch")
