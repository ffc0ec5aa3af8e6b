"""Koreksi konsep (SOP 7) in Analisis' indicator detail: correct a value with a reason, undo.

The page reads the widgets and hands them to ``kinerja_core.koreksi`` (which checks the
role, validates and stores a record beside the upload); the corrected numbers then come
back through the one loading path (``state.cached_evaluated`` → ``koreksi.evaluate``), so
every page and the workbook show the same corrected capaian.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from kinerja_core import access, clock, koreksi
from kinerja_core.access import Actor, AksesDitolak, Aksi
from kinerja_core.formulas import PREDIKAT
from kinerja_core.ingest.values import number_from_text
from kinerja_core.plaintext import md
from kinerja_core.store import Store

MESSAGE_KEY = "kor_pesan"


def _fields(row: pd.Series) -> dict[str, str]:
    """The fields this indicator can have corrected (a predikat only where no capaian is
    computed; a qualitative realisasi only for a qualitative target)."""
    fields = dict(koreksi.NUMBER_FIELDS)
    if str(row.get("target_teks", "")).strip():
        fields["realisasi_teks"] = koreksi.TEXT_FIELDS["realisasi_teks"]
    fields.update({k: v for k, v in koreksi.TEXT_FIELDS.items() if k != "realisasi_teks"})
    capaian = row.get("capaian")
    if capaian is None or (isinstance(capaian, float) and math.isnan(capaian)):
        fields[koreksi.PREDIKAT_FIELD] = "Predikat (ditetapkan manual)"
    return fields


def _current(row: pd.Series, kolom: str) -> str:
    if kolom == koreksi.PREDIKAT_FIELD:
        value: object = row.get("predikat", "")
    else:
        value = row.get(kolom)
    if isinstance(value, float) and math.isnan(value):
        value = None
    return koreksi.shown_value(value)


def _value(kolom: str, raw: str) -> object:
    """What the person typed as the stored value; numbers read the Indonesian way."""
    if kolom not in koreksi.NUMBER_FIELDS:
        return raw
    number, bad = number_from_text(raw)
    if bad:
        raise koreksi.KoreksiError(
            f"{koreksi.FIELDS[kolom]}: '{bad}' bukan angka. Tulis angka saja, mis. 87,5 "
            "(koma untuk desimal); kosongkan untuk menghapus nilai."
        )
    return None if math.isnan(number) else number


def section(store: Store, row: pd.Series, actor: Actor) -> None:
    """The indicator's corrections in force (with Batalkan) and, for who may correct, the
    form to correct one more value."""
    message()
    mine = koreksi.for_indicator(koreksi.records(store, int(row["tahun"])), row)
    if mine:
        st.markdown(f"**Dikoreksi:** {md(row.get('dikoreksi', ''))}")
        for item in mine:
            left, right = st.columns([3, 2])
            left.caption(
                f"{md(item.label)}: {md(koreksi.shown_value(item.nilai_asal))} → "
                f"**{md(koreksi.shown_value(item.nilai_baru))}** · {md(item.alasan)} · "
                f"{md(item.oleh)}, {clock.fmt_waktu(item.dibuat_pada)}"
            )
            if access.can(actor, Aksi.KOREKSI) and right.button(
                "Batalkan", key=f"kor_batal_{item.id}", icon=":material/undo:"
            ):
                _undo(store, item, actor)
    if not access.can(actor, Aksi.KOREKSI):
        return
    fields = _fields(row)
    with st.form(f"kor_form_{row['kode']}_{row.name}", clear_on_submit=True):
        st.markdown("**Koreksi konsep** (SOP langkah 7; berkas asli bidang tetap)")
        kolom = st.selectbox(
            "Yang dikoreksi",
            list(fields),
            format_func=lambda k: f"{fields[k]} (sekarang: {_current(row, k)})",
            key="kor_kolom",
        )
        baru = st.text_input(
            "Nilai baru",
            key="kor_nilai",
            help="Angka ditulis cara Indonesia (87,5; 1.250.000). Predikat: "
            + ", ".join(PREDIKAT)
            + ".",
        )
        alasan = st.text_input(
            "Alasan koreksi", key="kor_alasan", placeholder="mis. salah ketik, sesuai laporan"
        )
        if st.form_submit_button("Simpan koreksi", icon=":material/edit:"):
            _correct(store, row, kolom, baru, alasan, actor)


def _correct(
    store: Store, row: pd.Series, kolom: str, baru: str, alasan: str, actor: Actor
) -> None:
    try:
        kid = koreksi.correct(store, row, kolom, _value(kolom, baru), alasan, actor)
    except (koreksi.KoreksiError, AksesDitolak) as error:
        st.session_state[MESSAGE_KEY] = ("error", str(error))
    else:
        st.session_state[MESSAGE_KEY] = (
            "success",
            f"Koreksi #{kid} tersimpan: {koreksi.FIELDS[kolom]} {row['indikator']}. Angka di "
            "semua halaman dan dokumen berikutnya memakai nilai ini.",
        )
    st.rerun()


def _undo(store: Store, item: koreksi.Koreksi, actor: Actor) -> None:
    try:
        done = koreksi.undo(store, item.id, actor)
    except AksesDitolak as error:
        st.session_state[MESSAGE_KEY] = ("error", str(error))
    else:
        st.session_state[MESSAGE_KEY] = (
            ("success", f"Koreksi #{item.id} dibatalkan; nilai sebelumnya berlaku lagi.")
            if done
            else ("info", f"Koreksi #{item.id} sudah dibatalkan sebelumnya.")
        )
    st.rerun()


def message() -> None:
    found = st.session_state.pop(MESSAGE_KEY, None)
    if not found:
        return
    kind, text = found
    {"error": st.error, "success": st.success, "info": st.info}[kind](md(text))
