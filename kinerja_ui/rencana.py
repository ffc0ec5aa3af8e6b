"""Streamlit pieces of the Rencana page: the plan editor (whole plan or one bidang), loading a
plan from workbooks, starting a new year, and the message shown after a save.

Validating, merging and copying plans live in kinerja_core.rencana; this module reads the
widgets, stores through the store and renders. Each save bumps ``rencana_rev``, which is in
the editor's and the uploader's keys, so they start again from the stored plan.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja_core import rencana as rc
from kinerja_core.access import Actor
from kinerja_core.ingest.values import number_from_text
from kinerja_core.locale_id import fmt_number, fmt_rupiah
from kinerja_core.model import AGREGASI, POLARITAS, TARGET_TW, Problem
from kinerja_core.store import Store
from kinerja_core.template import slug

SEMUA = "Semua bidang"
CARA_MUAT = ["Ganti hanya bidang yang ada di berkas", "Ganti seluruh rencana tahun ini"]


def revision() -> int:
    return st.session_state.setdefault("rencana_rev", 0)


def show_flash() -> None:
    """The message of the last save, shown until the next one. It is kept for the revision
    it made rather than popped: a second rerun right after the save (a widget's value that
    reaches the server after the click) would otherwise wipe it before anyone read it."""
    flash = st.session_state.get("rencana_flash")
    if flash is not None and flash[0] == revision():
        st.success(flash[1])


def saved(message: str, tahun_baru: int | None = None) -> None:
    """After a save: new widget keys, the message for the next run, maybe another year."""
    st.session_state["rencana_rev"] = revision() + 1
    st.session_state["rencana_flash"] = (revision(), message)
    if tahun_baru is not None:
        st.session_state["tahun"] = tahun_baru
    st.rerun()


def show_problems(problems) -> None:
    if problems:
        st.dataframe(rc.problems_frame(problems), hide_index=True, width="stretch")


def plan_caption(tahun: int, ind: pd.DataFrame, ang: pd.DataFrame) -> None:
    st.caption(
        f"Tahun {tahun}: {fmt_number(len(ind), 0)} indikator, "
        f"{fmt_number(ang['pagu'].count(), 0)} kode anggaran, pagu {fmt_rupiah(ang['pagu'].sum())}."
        " Rencana ini menjadi dasar format pengumpulan data dan pembanding setiap berkas yang "
        "masuk."
    )


# --- tab: edit in the table -------------------------------------------------------------------


NUMBER_HELP = "Angka dengan koma desimal, mis. 3,7 atau 1.250.000 (titik pemisah ribuan)"


def as_text(table: pd.DataFrame) -> pd.DataFrame:
    """The editor's numbers as Indonesian text ('3,7', '1.608.000.000').

    The number columns are text columns: a browser's own number parsing depends on its
    language (in an English Chrome '3,7' would become 37); text is read on the server the
    Indonesian way, the same in every browser (``values.number_from_text``).
    """
    shown = table.copy()
    for column in rc.EDITOR_NUMERIC:
        shown[column] = [fmt_number(v, decimals=6, empty="") for v in shown[column]]
    return shown


def as_numbers(edited: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """The edited table with its number columns read back; a cell that is not a number is
    an error naming its row and column."""
    out = edited.copy()
    problems: list[Problem] = []
    for column in rc.EDITOR_NUMERIC:
        if column not in out.columns:
            continue
        values = []
        for row, raw in enumerate(out[column].tolist(), start=1):
            number, bad = number_from_text(raw)
            if bad:
                problems.append(
                    Problem(
                        "error",
                        f"{rc.LABELS[column]} '{bad}' bukan angka.",
                        f"Tulis angkanya saja: {NUMBER_HELP}.",
                        row=row,
                        column=rc.LABELS[column],
                    )
                )
            values.append(number)
        out[column] = pd.Series(values, index=out.index, dtype=float)
    return out, problems


def _editor_columns(ind: pd.DataFrame, added: list[str], only: str | None) -> dict:
    text = st.column_config.TextColumn
    choice = st.column_config.SelectboxColumn

    def number(label: str, help: str = NUMBER_HELP):
        return text(label, help=help, validate=r"^\s*[-−]?[\d.,\s]*%?\s*$")

    return {
        "kode": text("Kode", validate=r"^\d+(\.\d+)*$", help="mis. 2.16.03.2.02.0005", pinned=True),
        "indikator": text("Indikator", width="large", pinned=True),
        "satuan": text("Satuan"),
        "polaritas": choice("Polaritas", options=list(POLARITAS), default="positif"),
        "agregasi": choice("Cara Agregasi", options=list(AGREGASI), default="kumulatif"),
        "target": number("Target"),
        "target_teks": text("Target (teks)", help="Untuk target kualitatif, mis. Baik"),
        **{c: number(rc.LABELS[c]) for c in TARGET_TW},
        "pagu": number("Pagu (Rp)", help=f"Pagu kode ini. {NUMBER_HELP}"),
        "sasaran": text("Sasaran", width="medium", help="Sasaran Renstra (formulir E.81 kolom 2)"),
        "target_renstra": number(
            rc.LABELS["target_renstra"], help=f"Formulir E.81 kolom 5 (K). {NUMBER_HELP}"
        ),
        "realisasi_renstra_lalu": number(
            rc.LABELS["realisasi_renstra_lalu"],
            help="Formulir E.81 kolom 6 (K); kosongkan agar dihitung dari tahun-tahun Renstra "
            f"yang tersimpan. {NUMBER_HELP}",
        ),
        "target_renstra_rp": number(
            rc.LABELS["target_renstra_rp"], help=f"Kolom 5 (Rp) kode ini. {NUMBER_HELP}"
        ),
        "realisasi_renstra_lalu_rp": number(
            rc.LABELS["realisasi_renstra_lalu_rp"],
            help="Kolom 6 (Rp) kode ini; kosongkan agar dihitung dari tahun-tahun Renstra "
            f"yang tersimpan. {NUMBER_HELP}",
        ),
        "uraian": text("Program / Kegiatan / Sub Kegiatan", width="large"),
        "bidang": choice(
            "Bidang", options=rc.bidang_options(ind, added), required=True, default=only
        ),
    }


def pending_changes(editor_state: dict | None) -> str:
    """'2 baris diubah, 1 baris baru' for the table's edits not yet saved ('' for none)."""
    if not editor_state:
        return ""
    parts = [
        f"{len(editor_state.get(key) or ())} baris {label}"
        for key, label in (
            ("edited_rows", "diubah"),
            ("added_rows", "baru"),
            ("deleted_rows", "dihapus"),
        )
        if editor_state.get(key)
    ]
    return ", ".join(parts)


def edit_tab(store: Store, tahun: int, ind: pd.DataFrame, ang: pd.DataFrame, actor: Actor) -> None:
    """The plan (or one bidang of it) in an editable table, saved when it validates."""
    rev = revision()
    pilihan = st.columns([2, 3])[0].selectbox(
        "Tampilkan", [SEMUA, *rc.bidang_options(ind)], key="rencana_filter"
    )
    only = None if pilihan == SEMUA else pilihan
    table = rc.rencana_editor_frame(*rc.bidang_part(ind, ang, only))
    added = st.session_state.setdefault("rencana_bidang_baru", [])
    columns = _editor_columns(ind, added, only)
    editor_key = f"rencana_editor_{tahun}_{slug(pilihan)}_{rev}"
    edited = st.data_editor(
        as_text(table),
        key=editor_key,
        column_config=columns,
        column_order=list(columns),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=520,
    )
    with st.expander("Bidang belum ada di daftar?"):
        baru = st.text_input("Nama bidang baru", key=f"bidang_baru_{rev}")
        if st.button("Tambahkan ke daftar bidang") and baru.strip():
            added.append(baru.strip())
            st.rerun()
    if pending := pending_changes(st.session_state.get(editor_key)):
        st.warning(f"Perubahan belum disimpan: {pending}.", icon=":material/edit_note:")
    if st.button("Simpan rencana", type="primary"):
        numbers, problems = as_numbers(edited)
        if not problems:
            new_ind, new_ang, problems = rc.rencana_from_editor(numbers, tahun, (ind, ang), only)
        if rc.has_errors(problems):
            st.error("Rencana belum disimpan. Perbaiki kesalahan berikut lalu simpan lagi.")
            show_problems(problems)
        else:
            store.set_rencana(tahun, new_ind, new_ang, actor=actor)
            saved(f"Rencana tahun {tahun} disimpan: {len(new_ind)} indikator.")


# --- tab: load from workbooks ------------------------------------------------------------------


def load_tab(store: Store, tahun: int, ind: pd.DataFrame, ang: pd.DataFrame, actor: Actor) -> None:
    """Workbooks read safely, summarised per bidang, loaded over part or all of the plan."""
    st.write(
        "Muat rencana dari workbook (format pengumpulan, lembar evaluasi Renja/E.81, atau "
        "tabel sederhana). Realisasi di dalam berkas diabaikan; yang diambil hanya "
        "indikator, target dan pagu."
    )
    files = st.file_uploader(
        "Berkas rencana",
        type=["xlsx", "xls", "csv"],
        accept_multiple_files=True,
        key=f"rencana_berkas_{revision()}",
    )
    if not files:
        return
    from kinerja_core.ingest import read_upload_safely

    results = [read_upload_safely(f.getvalue(), f.name) for f in files]
    new_ind, new_ang, problems = rc.rencana_from_uploads(results, tahun)
    st.dataframe(rc.summary_table(new_ind, new_ang), hide_index=True)
    show_problems(problems)
    cara = st.radio("Cara memuat", CARA_MUAT)
    blocked = rc.has_errors(problems) or new_ind.empty
    if blocked:
        st.error("Berkas belum dapat dimuat sebagai rencana: perbaiki kesalahan di atas.")
    if st.button(f"Muat sebagai rencana tahun {tahun}", type="primary", disabled=blocked):
        replace_all = cara == CARA_MUAT[1]
        merged = rc.merge_rencana((ind, ang), (new_ind, new_ang), replace_all=replace_all)
        store.set_rencana(tahun, *merged, actor=actor)
        saved(f"Rencana tahun {tahun} dimuat dari {len(files)} berkas.")


# --- tab: a new year ---------------------------------------------------------------------------


def new_year_tab(
    store: Store, tahun: int, ind: pd.DataFrame, ang: pd.DataFrame, actor: Actor
) -> None:
    """A new year's plan as a copy of this one (the year after the latest stored by default)."""
    years = store.years()
    baru = int(st.number_input("Tahun", 2000, 2100, value=max([tahun, *years]) + 1))
    st.write(
        f"Rencana tahun {baru} dimulai dari salinan rencana tahun {tahun}. Sasaran dan target "
        "Renstra ikut disalin; realisasi Renstra s/d tahun lalu dikosongkan (dihitung dari "
        "tahun-tahun tersimpan, atau isi ulang)."
    )
    if st.button("Buat rencana tahun baru", disabled=baru in years):
        store.set_rencana(baru, *rc.copy_rencana(ind, ang, baru), actor=actor)
        saved(f"Rencana tahun {baru} dibuat dari rencana tahun {tahun}.", baru)
