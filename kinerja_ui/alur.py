"""UI pieces of the official path (document life, surat, arsip, SOP timeline).

The acting person is the logged-in account (``kinerja_ui.auth.require_page`` on each page);
the core checks every transition against that person's role.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja_core import clock, dokumen, exports, pengaturan, sop
from kinerja_core.access import Actor
from kinerja_core.dokumen import Status
from kinerja_core.pengaturan import Kantor
from kinerja_ui import state

_STEPS = [
    Status.KONSEP,
    Status.DIAJUKAN,
    Status.DIPARAF,
    Status.DISETUJUI,
    Status.DITANDATANGANI,
    Status.DIKIRIM,
    Status.DIARSIPKAN,
]


def version_kantor(store, version: dokumen.Versi) -> Kantor:
    """The office and signatories a version's documents were made with (its recorded export)."""
    record = store.export_record(version.export_id) if version.export_id else None
    if record is None:
        return pengaturan.current(store, state.get_settings()).kantor
    return exports.params_from_json(record["parameter_json"], None).kantor


@st.cache_data(show_spinner=False, max_entries=16)
def _data_changed(_store, url: str, version: int, tahun: int, sampai_tw: int) -> bool:
    return dokumen.data_changed_since_approval(_store, tahun, sampai_tw)


def data_changed_notice(store, doc: dokumen.Keadaan, tahun: int, sampai_tw: int) -> None:
    """Say when uploads or koreksi after the approval changed the period's data (cached on the
    data version: the comparison gathers the whole period)."""
    approved = doc.approved()
    if approved is None or doc.current.versi != approved.versi:
        return
    if _data_changed(store, store.url, store.data_version(), tahun, sampai_tw):
        st.warning(
            f"Data periode ini berubah sejak versi {approved.versi} disetujui (unggahan atau "
            "koreksi baru). Versi yang disetujui tetap beku dan itulah yang dikirim; untuk "
            "memakai data baru, buat konsep baru.",
            icon=":material/difference:",
        )


def status_line(state: dokumen.Keadaan) -> str:
    """'Versi 2 · **Diparaf** · menunggu Kepala Dinas'."""
    text = f"Versi {state.current.versi} · **{state.status.value}**"
    if state.menunggu is not None:
        text += f" · menunggu {state.menunggu.label}"
    return text


def progress(state: dokumen.Keadaan) -> None:
    """The seven states in a row, the reached ones ticked."""
    reached = _STEPS.index(state.status) if state.status in _STEPS else 0
    cells = []
    for index, step in enumerate(_STEPS):
        mark = "✔" if index < reached else ("●" if index == reached else "○")
        weight = "700" if index == reached else "400"
        colour = "#1b5e20" if index < reached else ("#0d47a1" if index == reached else "#78909c")
        cells.append(
            f'<span style="margin-right:1.1rem;color:{colour};font-weight:{weight}">'
            f"{mark} {step.value}</span>"
        )
    st.html(f'<div data-testid="alur-progress" style="font-size:1rem">{"".join(cells)}</div>')


def events_frame(state: dokumen.Keadaan) -> pd.DataFrame:
    """The history as the page shows it (times in the office's zone)."""
    rows = [
        {
            "Waktu": clock.fmt_waktu(e.pada),
            "Versi": e.versi,
            "Dari": e.dari,
            "Ke": e.ke,
            "Oleh": e.oleh,
            "Catatan": e.catatan,
        }
        for e in reversed(state.events)
    ]
    return pd.DataFrame(rows, columns=["Waktu", "Versi", "Dari", "Ke", "Oleh", "Catatan"])


def versions_frame(state: dokumen.Keadaan) -> pd.DataFrame:
    rows = [
        {
            "Versi": v.versi,
            "Status": v.status.value,
            "Beku": "ya" if v.frozen else "",
            "Dibuat": clock.fmt_waktu(v.dibuat_pada),
            "sha256 workbook": v.xlsx_sha256,
            "sha256 laporan": v.docx_sha256,
        }
        for v in reversed(state.versions)
    ]
    return pd.DataFrame(
        rows, columns=["Versi", "Status", "Beku", "Dibuat", "sha256 workbook", "sha256 laporan"]
    )


def timeline_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The SOP timeline as a table: step, standard, start, finish, actual, status."""
    return pd.DataFrame(
        {
            "Langkah": [
                f"{n}. {name}" for n, name in zip(frame["langkah"], frame["nama"], strict=True)
            ],
            "Mutu baku": frame["mutu_baku"],
            "Mulai": [clock.fmt_waktu(v) for v in frame["mulai"]],
            "Selesai": [clock.fmt_waktu(v) for v in frame["selesai"]],
            "Waktu nyata": [sop.durasi_teks(v) for v in frame["durasi"]],
            "Keadaan": frame["status"],
        }
    )


def timeline(store, tahun: int, sampai_tw: int, key: str) -> None:
    """The SOP timeline: chart of the steps that started, and the full table."""
    from kinerja_core import charts

    frame = sop.timeline(store, tahun, sampai_tw)
    if frame["mulai"].notna().any():
        st.plotly_chart(
            sop.figure(frame), width="stretch", theme=None, key=key, config=charts.PLOTLY_CONFIG
        )
    st.dataframe(timeline_frame(frame), hide_index=True, width="stretch")


def beranda_status(store, tahun: int, sampai_tw: int, person: Actor | None) -> None:
    """Beranda: the document's state for everyone; what waits for this person, if anything."""
    doc = dokumen.keadaan(store, tahun, sampai_tw)
    st.markdown(f"**Dokumen evaluasi:** {status_line(doc)}")
    if person is None or doc.menunggu is None:
        return
    waiting = [t.label for t in doc.available(person)]
    if person.peran is doc.menunggu and waiting:
        st.warning(
            f"Menunggu tindakan Anda: {', '.join(waiting)} (versi {doc.current.versi}).",
            icon=":material/pending_actions:",
        )
        page_link("pages/dokumen.py", "Buka Dokumen Evaluasi", ":material/approval:")


def page_link(page: str, label: str, icon: str) -> None:
    """A link to another page; as plain text where the page runs outside the app's
    navigation (a page opened on its own, e.g. in a test)."""
    from streamlit.errors import StreamlitPageNotFoundError

    try:
        st.page_link(page, label=label, icon=icon)
    except StreamlitPageNotFoundError:
        st.markdown(label)
