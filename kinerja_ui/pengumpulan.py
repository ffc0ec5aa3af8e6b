"""Streamlit pieces of the Pengumpulan Data page: cached safe parsing, one card per upload,
the tracker table and the version history. The reading, checking and tracking themselves
live in kinerja_core (ingest, tracker); this module only renders and stores.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from kinerja_core import tracker
from kinerja_core.access import Actor, Aksi, can
from kinerja_core.clock import fmt_waktu
from kinerja_core.ingest import (
    KNOWN_BIDANG,
    IngestResult,
    apply_rencana,
    read_upload_safely,
    shape_label,
)
from kinerja_core.locale_id import fmt_number, fmt_percent
from kinerja_core.model import TW_ROMAN, Problem, empty_anggaran, empty_indicators
from kinerja_core.plaintext import md, md_frame
from kinerja_core.rencana import problems_frame
from kinerja_core.store import Store
from kinerja_ui import errors

UPLOAD_TYPES = ["xlsx", "xls", "xlsm", "ods", "csv"]
MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    "xls": "application/vnd.ms-excel",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
}
STATUS_LABEL = {
    tracker.SUDAH: "Sudah",
    tracker.TERLAMBAT: "Terlambat",
    tracker.KESALAHAN: "Ada kesalahan",
    tracker.BELUM: "Belum",
}
STATUS_COLOR = {  # background, text
    tracker.SUDAH: ("#dcefdc", "#14532d"),
    tracker.TERLAMBAT: ("#fdebc8", "#7a4a00"),
    tracker.KESALAHAN: ("#f9d7d7", "#7f1d1d"),
    tracker.BELUM: ("#f1f3f5", "#3b4148"),
}


@st.cache_data(show_spinner="Membaca berkas…", max_entries=64)
def _parse(
    sha256: str,
    filename: str,
    bidang: str,
    tahun: int | None,
    known: tuple[str, ...],
    _content: bytes,
) -> IngestResult:
    """Parse once per (bytes, choices): keyed on the hash, the bytes themselves not hashed."""
    return read_upload_safely(_content, filename, bidang=bidang, tahun=tahun, known_bidang=known)


KEPT_KEY = "pengumpulan_tertunda"  # uploads whose Simpan failed: {sha256: KeptFile}


@dataclass(frozen=True)
class KeptFile:
    """An upload whose Simpan failed, kept in the session (name, bytes, why) until saved,
    even when the uploader is cleared or the person visits another page meanwhile."""

    name: str
    content: bytes
    why: str

    def getvalue(self) -> bytes:
        return self.content


def with_kept(files: list) -> list:
    """The uploader's files, then every kept file that is not among them."""
    kept: dict[str, KeptFile] = st.session_state.get(KEPT_KEY, {})
    if not kept:
        return list(files)
    present = {hashlib.sha256(f.getvalue()).hexdigest() for f in files}
    return [*files, *(f for sha, f in kept.items() if sha not in present)]


@dataclass
class Upload:
    """One uploaded file on the page, read and checked."""

    key: str  # short hash: widget keys and "already saved" state
    sha256: str
    filename: str
    content: bytes
    result: IngestResult
    bidang: str
    tahun: int | None
    asks_bidang: bool = False  # the file does not name a bidang the dinas knows
    asks_tahun: bool = False  # the file does not name its year
    stored: dict | None = None  # the same bytes already stored (``tracker.same_file``)

    @property
    def ready(self) -> bool:
        return bool(self.bidang) and self.tahun is not None

    @property
    def confirmed(self) -> bool:
        """No number to confirm, or the operator confirmed them."""
        return not self.result.to_confirm or bool(st.session_state.get(f"konfirmasi_{self.key}"))

    @property
    def already_stored(self) -> bool:
        """The same bytes are already the latest version of their bidang."""
        return bool(self.stored and self.stored["terakhir"])

    @property
    def can_save(self) -> bool:
        return self.ready and self.confirmed and not self.already_stored


def _extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""


def _wrong_type(filename: str) -> IngestResult:
    """The refusal of a file whose name is not a spreadsheet's, in Indonesian."""
    ext = _extension(filename)
    accepted = ", ".join(f".{t}" for t in UPLOAD_TYPES)
    problem = Problem(
        "error",
        f"Berkas '{filename}' berjenis {'.' + ext if ext else 'tanpa akhiran'}, bukan jenis "
        f"berkas yang diterima ({accepted}).",
        "Buka berkasnya di Excel atau LibreOffice, pilih Simpan Sebagai → Excel Workbook "
        "(.xlsx), lalu unggah berkas .xlsx itu.",
        file=filename,
    )
    return IngestResult(
        filename=filename,
        indicators=empty_indicators(),
        anggaran=empty_anggaran(),
        problems=[problem],
        bidang="",
        tahun=None,
        shape="jenis",
    )


def read(
    file,
    known: tuple[str, ...],
    plans: dict[int, pd.DataFrame],
    submissions: pd.DataFrame | None = None,
) -> Upload:
    """Read an uploaded file (cached on its hash) with the bidang / tahun chosen so far.

    The choices live in plain session keys (``pilihan_bidang_<key>``), not only in the
    dropdowns' widget state: once a choice makes the file readable, a rerun must not lose
    it. ``submissions`` (``Store.submissions()``, every year) tell a file already stored.
    """
    content = file.getvalue()
    sha = hashlib.sha256(content).hexdigest()
    key = sha[:16]
    stored = tracker.same_file(submissions, sha) if submissions is not None else None
    if _extension(file.name) not in UPLOAD_TYPES:
        return Upload(key, sha, file.name, content, _wrong_type(file.name), "", None)
    first = _parse(sha, file.name, "", None, known, content)
    bidang = st.session_state.get(f"pilihan_bidang_{key}") or ""
    tahun = st.session_state.get(f"pilihan_tahun_{key}")
    result = first
    if (bidang and not first.bidang) or (tahun and not first.tahun):
        result = _parse(
            sha,
            file.name,
            "" if first.bidang else bidang,
            None if first.tahun else tahun,
            known,
            content,
        )
    tahun = result.tahun or tahun
    plan = plans.get(tahun) if tahun else None
    if plan is not None and not plan.empty:
        result = apply_rencana(result, plan)
    return Upload(
        key,
        sha,
        file.name,
        content,
        result,
        result.bidang or bidang,
        tahun,
        asks_bidang=not first.bidang,
        asks_tahun=not first.tahun,
        stored=stored,
    )


def _keep(widget_key: str, key: str) -> None:
    st.session_state[key] = st.session_state[widget_key]


def _choice(label: str, options: list, name: str, upload: Upload, placeholder: str) -> None:
    """A dropdown whose choice survives reruns (kept in ``pilihan_<name>_<key>``)."""
    plain, widget = f"pilihan_{name}_{upload.key}", f"pilih_{name}_{upload.key}"
    if st.session_state.get(plain) in options:
        st.session_state[widget] = st.session_state[plain]
    st.selectbox(
        label,
        options,
        index=None,
        placeholder=placeholder,
        key=widget,
        on_change=_keep,
        args=(widget, plain),
    )


def _preview(frame: pd.DataFrame) -> pd.DataFrame:
    shown = pd.DataFrame(
        {
            "Baris": frame["baris"],
            "Kode": frame["kode"],
            "Indikator": frame["indikator"],
            "Satuan": frame["satuan"],
            "Polaritas": frame["polaritas"],
            "Agregasi": frame["agregasi"],
            "Target": [
                teks or fmt_number(t)
                for t, teks in zip(frame["target"], frame["target_teks"], strict=True)
            ],
        }
    )
    for n, roman in TW_ROMAN.items():
        shown[f"TW {roman}"] = [fmt_number(v) for v in frame[f"realisasi_tw{n}"]]
    return shown


MAX_LISTED = 200


def _problem_table(problems: list) -> None:
    """Problems as a wrapped table (location without the file name: the card names it)."""
    shown = [dataclasses.replace(p, file="") for p in problems[:MAX_LISTED]]
    table = problems_frame(shown).drop(columns="Tingkat")
    table["Lokasi"] = table["Lokasi"].replace("", "seluruh berkas")
    st.table(md_frame(table.set_index("Lokasi")))
    if len(problems) > MAX_LISTED:
        st.caption(
            f"… dan {len(problems) - MAX_LISTED} lainnya (lihat `periksa` di baris perintah)."
        )


def upload_card(
    upload: Upload,
    *,
    bidang_choices: list[str],
    tahun_choices: list[int],
    store: Store,
    actor: Actor,
) -> None:
    """One bordered card: what the file is, preview, problems, and the Simpan button."""
    result = upload.result
    saved = st.session_state.setdefault("pengumpulan_tersimpan", {})
    with st.container(border=True):
        st.markdown(f"#### {md(upload.filename)} {_badge(result)}")
        if result.shape == "jenis":
            st.error(md(result.errors[0].message) + " " + md(result.errors[0].fix))
            return
        facts = st.columns(4)
        facts[0].markdown(f"**Bentuk**  \n{shape_label(result.shape)}")
        facts[1].markdown(f"**Bidang**  \n{md(upload.bidang) or 'belum dikenali'}")
        facts[2].markdown(f"**Tahun**  \n{upload.tahun or 'belum dikenali'}")
        facts[3].markdown(
            f"**Isi**  \n{fmt_number(len(result.indicators), 0)} indikator, "
            f"{fmt_number(len(result.anggaran), 0)} kode anggaran"
        )
        if upload.asks_bidang:
            named = result.bidang_disebut
            _choice(
                f"Berkas menyebut '{md(named)}', yang tidak ada di rencana — pilih bidangnya"
                if named
                else "Bidang tidak tertulis di berkas — pilih bidangnya",
                bidang_choices,
                "bidang",
                upload,
                "Pilih bidang",
            )
        if upload.asks_tahun:
            _choice(
                "Tahun tidak tertulis di berkas — pilih tahunnya",
                tahun_choices,
                "tahun",
                upload,
                "Pilih tahun",
            )
        _summary(result)
        if len(result.indicators):
            with st.expander(f"Pratinjau data ({fmt_number(len(result.indicators), 0)} baris)"):
                st.dataframe(
                    _preview(result.indicators),
                    hide_index=True,
                    width="stretch",
                    # the sheet's row number as written, never '1,234' in an English browser
                    column_config={"Baris": st.column_config.NumberColumn(format="%d")},
                )
        errors = result.errors
        to_confirm = result.to_confirm
        warnings = [p for p in result.warnings if not p.confirm]
        if errors:
            st.markdown(f"**Kesalahan ({len(errors)})** — harus diperbaiki")
            _problem_table(errors)
        if to_confirm:
            st.markdown(f"**Perlu dikonfirmasi ({len(to_confirm)})** — angka yang tidak wajar")
            _problem_table(to_confirm)
        if warnings:
            with st.expander(f"Peringatan ({len(warnings)}) — periksa, tidak menghalangi"):
                _problem_table(warnings)

        if upload.sha256 in saved:
            info = saved[upload.sha256]
            st.info(
                f"Tersimpan sebagai versi {info['versi']} untuk {md(info['bidang'])} tahun "
                f"{info['tahun']}" + ("." if info["usable"] else " (arsip; data belum dipakai).")
            )
            return
        if upload.already_stored:
            info = upload.stored or {}
            st.info(
                f"Berkas yang sama sudah tersimpan sebagai versi {info['versi']} untuk "
                f"{md(info['bidang'])} tahun {info['tahun']}; tidak disimpan lagi.",
                icon=":material/content_copy:",
            )
            return
        if upload.stored:
            info = upload.stored
            st.caption(
                f"Isi berkas ini sama dengan versi {info['versi']} {md(info['bidang'])} tahun "
                f"{info['tahun']} (bukan versi terakhir); menyimpannya memakai isi itu lagi."
            )
        if to_confirm:
            _confirm_box(upload)
        _save_button(upload, store, actor)


def _badge(result: IngestResult) -> str:
    if result.ok and result.to_confirm:
        return ":orange-badge[Perlu dikonfirmasi]"
    if result.ok:
        return ":green-badge[Terbaca]"
    if len(result.indicators):
        return ":orange-badge[Ada kesalahan]"
    return ":red-badge[Tidak terbaca]"


def _summary(result: IngestResult) -> None:
    errors, to_confirm = result.errors, result.to_confirm
    warnings = [p for p in result.warnings if not p.confirm]
    if result.ok and to_confirm:
        st.warning(
            f"Terbaca: {fmt_number(len(result.indicators), 0)} indikator, tetapi "
            f"{len(to_confirm)} angka tidak wajar dan perlu dikonfirmasi sebelum disimpan."
        )
    elif result.ok:
        st.success(
            f"Terbaca tanpa kesalahan: {fmt_number(len(result.indicators), 0)} indikator"
            + (f", {len(warnings)} peringatan untuk diperiksa." if warnings else ".")
        )
    elif len(result.indicators):
        st.error(
            f"Ada {len(errors)} kesalahan. Berkas asli tetap bisa disimpan sebagai versi "
            "baru (tidak ada yang hilang), tetapi datanya belum dipakai dalam analisis "
            "sampai bidang mengirim berkas yang sudah diperbaiki."
        )
    else:
        st.error(
            "Berkas ini tidak bisa dibaca. Berkas asli tetap bisa disimpan sebagai arsip; "
            "mintalah bidang mengirim ulang sesuai cara memperbaiki di bawah."
        )


def _confirm_box(upload: Upload) -> None:
    plain, widget = f"konfirmasi_{upload.key}", f"_w_konfirmasi_{upload.key}"
    st.session_state[widget] = bool(st.session_state.get(plain))
    st.checkbox(
        "Saya sudah memeriksa angka-angka di atas dengan berkas aslinya, dan angkanya memang "
        "benar.",
        key=widget,
        on_change=_keep,
        args=(widget, plain),
    )


def _save_button(upload: Upload, store: Store, actor: Actor) -> None:
    result = upload.result
    missing = [] if upload.bidang else ["bidang"]
    missing += [] if upload.tahun else ["tahun"]
    why = f"Pilih {' dan '.join(missing)} dulu." if missing else None
    if not missing and not upload.confirmed:
        why = "Konfirmasi dulu angka yang tidak wajar."
    if not missing and not can(actor, Aksi.UNGGAH, upload.bidang):
        why = f"{actor.label} hanya dapat mengunggah untuk {actor.bidang}, bukan {upload.bidang}."
    label = "Simpan" if result.ok else "Simpan sebagai arsip"
    clicked = st.button(
        label,
        key=f"simpan_{upload.key}",
        type="primary" if result.ok else "secondary",
        disabled=why is not None,
        help=why,
        icon=":material/save:",
    )
    kept = st.session_state.get(KEPT_KEY, {}).get(upload.sha256)
    if kept is not None:
        st.error(f"Belum tersimpan. {kept.why}", icon=":material/database:")
    if clicked and upload.can_save:
        try_save(upload, store, actor)
        st.rerun()


def try_save(upload: Upload, store: Store, actor: Actor) -> bool:
    """``save``; when the database refuses (locked, full, …) or anything else fails, the
    upload is kept in the session with the reason, so Simpan can be pressed again."""
    try:
        save(upload, store, actor)
    except Exception as error:
        code = errors.report(error, f"menyimpan unggahan {upload.filename!r}")
        why = errors.message(error, code)
        st.session_state.setdefault(KEPT_KEY, {})[upload.sha256] = KeptFile(
            upload.filename, upload.content, why
        )
        return False
    return True  # a kept upload stays listed, now with "Tersimpan sebagai versi …"


def save(upload: Upload, store: Store, actor: Actor) -> dict:
    """Store the original bytes (always) and the rows (usable only without errors)."""
    result = upload.result
    submission_id = store.add_submission(
        tahun=int(upload.tahun),
        bidang=upload.bidang,
        filename=upload.filename,
        content=upload.content,
        actor=actor,
        indicators=result.indicators,
        anggaran=result.anggaran,
        problems=result.problems,
        shape=result.shape,
    )
    row = store.submissions(int(upload.tahun)).set_index("id").loc[submission_id]
    info = {
        "id": int(submission_id),
        "versi": int(row["version"]),
        "bidang": upload.bidang,
        "tahun": int(upload.tahun),
        "usable": bool(row["usable"]),
    }
    st.session_state.setdefault("pengumpulan_tersimpan", {})[upload.sha256] = info
    return info


def tracker_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The tracker for people: words and Indonesian formats, one row per bidang."""

    def masalah(row) -> str:
        if not row["versi"]:
            return "–"
        parts = []
        if row["kesalahan"]:
            parts.append(f"{row['kesalahan']} kesalahan")
        if row["peringatan"]:
            parts.append(f"{row['peringatan']} peringatan")
        return ", ".join(parts) or "tidak ada"

    status = [
        STATUS_LABEL[s] + (" (lewat batas)" if late else "")
        for s, late in zip(frame["status"], frame["lewat_batas"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Bidang": frame["bidang"],
            "Status": status,
            "Diterima": [fmt_waktu(t) for t in frame["diterima"]],
            "Versi": [str(v) if v else "–" for v in frame["versi"]],
            "Dipakai": [
                _dipakai(used, latest)
                for used, latest in zip(frame["versi_dipakai"], frame["versi"], strict=True)
            ],
            "Kelengkapan": [
                f"{fmt_percent(p, 0)} ({done}/{total})" if total else fmt_percent(p, 0)
                for p, done, total in zip(
                    frame["kelengkapan"],
                    frame["indikator_lengkap"],
                    frame["indikator_rencana"],
                    strict=True,
                )
            ],
            "Masalah": [masalah(row) for _, row in frame.iterrows()],
        }
    )


def _dipakai(used: int, latest: int) -> str:
    """Which version the analysis uses, for the tracker's Dipakai column."""
    if not latest:
        return "–"
    if not used:
        return "belum ada (semua versi ada kesalahan)"
    if used == latest:
        return f"versi {used}"
    return f"versi {used} (versi {latest} ada kesalahan)"


def tracker_styled(frame: pd.DataFrame):
    """``tracker_table`` with the Status cells coloured (for ``st.table``)."""
    table = tracker_table(frame).set_index("Bidang")
    table.index = table.index.map(md)  # bidang names are text from people, not Markdown
    colors = [STATUS_COLOR[s] for s in frame["status"]]

    def paint(column: pd.Series) -> list[str]:
        return [f"background-color: {bg}; color: {fg}; font-weight: 600" for bg, fg in colors]

    return table.style.apply(paint, subset=["Status"])


def history_section(store: Store, tahun: int, submissions: pd.DataFrame, bidang: str) -> None:
    """Every version of one bidang, each with its original file to download."""
    versions = tracker.history(submissions, bidang)
    if versions.empty:
        st.info(f"{md(bidang)} belum mengirim berkas untuk tahun {tahun}.")
        return
    for row in versions.itertuples():
        with st.container(border=True):
            left, right = st.columns([4, 1], vertical_alignment="center")
            usable = "dipakai" if row.dapat_dipakai else "arsip (ada kesalahan)"
            problems = f"{row.kesalahan} kesalahan, {row.peringatan} peringatan"
            left.markdown(
                f"**Versi {row.versi}** — {md(row.berkas)}  \n"
                f"{fmt_waktu(row.diterima)} oleh {md(row.pengunggah) or '–'} · "
                f"{shape_label(row.bentuk)} · {fmt_number(row.baris, 0)} baris · {usable} · "
                f"{problems} · SHA-256 `{row.sha256[:12]}…`"
            )
            ext = row.berkas.rsplit(".", 1)[-1].casefold() if "." in row.berkas else ""
            right.download_button(
                "Unduh asli",
                data=functools.partial(store.submission_content, int(row.submission_id)),
                file_name=row.berkas,
                mime=MIME.get(ext, "application/octet-stream"),
                key=f"unduh_versi_{row.submission_id}",
                on_click="ignore",
                icon=":material/download:",
            )
            if row.kesalahan or row.peringatan:
                with st.expander("Masalah versi ini"):
                    found = store.submission_problems(int(row.submission_id))
                    st.dataframe(problems_frame(found), hide_index=True, width="stretch")


def known_bidang(plans: dict[int, pd.DataFrame]) -> tuple[str, ...]:
    """The dinas's bidang: every bidang in any year's rencana, else the demo dinas's."""
    names: list[str] = []
    for plan in plans.values():
        for name in plan["bidang"]:
            if name and name not in names:
                names.append(name)
    return tuple(names) or KNOWN_BIDANG
