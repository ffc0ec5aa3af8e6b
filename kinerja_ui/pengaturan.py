"""The Pengaturan page's form: office identity (kop), the three signatories, the Renstra
period's first year.

The form shows the Pengaturan in force (``kinerja_core.pengaturan.current``: the newest
saved version, or the configuration file's first values), and Simpan hands the edited
``Kantor`` to ``pengaturan.save``, which checks the role, validates and audits. Nothing is
decided here beyond reading widgets.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kinerja_core import clock, pengaturan
from kinerja_core.access import Actor, AksesDitolak
from kinerja_core.pengaturan import LABELS, SIGNATORY_ROLES, Kantor
from kinerja_core.plaintext import md
from kinerja_core.settings import Settings, Signatory
from kinerja_core.store import Store

MESSAGE_KEY = "pg_pesan"  # (kind, text) of the last save, shown after the rerun
_OFFICE_FIELDS = ("pemerintah", "kabupaten", "dinas", "alamat", "telepon", "laman", "email")
_HELP = {
    "pemerintah": "Baris pertama kop. Kosong: “Pemerintah Kabupaten <Kabupaten>”.",
    "laman": "mis. diskominfo.luwutimurkab.go.id",
    "tempat": "Kota tempat dokumen ditandatangani, mis. Malili.",
    "renstra_tahun_awal": "Dengan tahun ini, realisasi Renstra s/d tahun lalu (formulir E.81 "
    "kolom 6, K dan Rp) dihitung dari tahun-tahun tersimpan sejak tahun itu, bila rencana "
    "atau berkas tidak memuatnya. Kosongkan bila belum ditetapkan.",
}


def _signatory_inputs(role: str, signer: Signatory) -> Signatory:
    st.markdown(f"**{LABELS[role]}**")
    return Signatory(
        jabatan=st.text_input("Jabatan", signer.jabatan, key=f"pg_{role}_jabatan"),
        nama=st.text_input("Nama (dengan gelar)", signer.nama, key=f"pg_{role}_nama"),
        pangkat=st.text_input("Pangkat/golongan", signer.pangkat, key=f"pg_{role}_pangkat"),
        nip=st.text_input(
            "NIP", signer.nip, key=f"pg_{role}_nip", help="18 angka; tulis - bila belum ada."
        ),
    )


def form(store: Store, file_settings: Settings, actor: Actor) -> None:
    """The form of the Pengaturan in force; Simpan stores a new version."""
    stored = pengaturan.current(store, file_settings)
    kantor = stored.kantor
    with st.form("pengaturan"):
        st.markdown("#### Kop dokumen")
        left, right = st.columns(2)
        office = {}
        for i, name in enumerate(_OFFICE_FIELDS):
            column = left if i % 2 == 0 else right
            office[name] = column.text_input(
                LABELS[name], getattr(kantor, name), key=f"pg_{name}", help=_HELP.get(name)
            )
        logo_column, preview = st.columns([3, 1])
        upload = logo_column.file_uploader(
            "Logo kop (PNG/JPEG, paling besar 2 MB)", type=["png", "jpg", "jpeg"], key="pg_logo"
        )
        hapus_logo = logo_column.checkbox("Hapus logo", key="pg_hapus_logo")
        if kantor.logo:
            preview.image(kantor.logo, caption="Logo sekarang", width=96)
        else:
            preview.caption("Belum ada logo.")
        st.markdown("#### Penandatangan")
        columns = st.columns(3)
        signers = {}
        for column, role in zip(columns, SIGNATORY_ROLES, strict=True):
            with column:
                signers[role] = _signatory_inputs(role, getattr(kantor, role))
        tempat = st.text_input(
            LABELS["tempat"], kantor.tempat, key="pg_tempat", help=_HELP["tempat"]
        )
        st.markdown("#### Periode Renstra")
        renstra_tahun_awal = st.columns(3)[0].number_input(
            LABELS["renstra_tahun_awal"],
            min_value=2000,
            max_value=2100,
            value=kantor.renstra_tahun_awal,
            step=1,
            format="%d",
            placeholder="mis. 2021",
            key="pg_renstra_tahun_awal",
            help=_HELP["renstra_tahun_awal"],
        )
        saved = st.form_submit_button("Simpan pengaturan", type="primary", icon=":material/save:")
    if not saved:
        return
    logo = upload.getvalue() if upload is not None else (b"" if hapus_logo else kantor.logo)
    new = Kantor(
        kabupaten=office["kabupaten"],
        dinas=office["dinas"],
        tempat=tempat,
        kepala_dinas=signers["kepala_dinas"],
        kepala_bappeda=signers["kepala_bappeda"],
        kasubag=signers["kasubag"],
        pemerintah=office["pemerintah"],
        alamat=office["alamat"],
        telepon=office["telepon"],
        laman=office["laman"],
        email=office["email"],
        logo=logo,
        renstra_tahun_awal=None if renstra_tahun_awal is None else int(renstra_tahun_awal),
    )
    try:
        version = pengaturan.save(store, new, file_settings, actor)
    except (pengaturan.PengaturanError, AksesDitolak) as error:
        st.session_state[MESSAGE_KEY] = ("error", str(error))
    else:
        text = (
            f"Pengaturan tersimpan (versi {version}). Dokumen yang dibuat sesudah ini memakai "
            "kop dan penandatangan ini; dokumen yang sudah dibuat tetap dengan namanya sendiri."
            if version
            else "Tidak ada yang berubah."
        )
        st.session_state[MESSAGE_KEY] = ("success" if version else "info", text)
    st.rerun()


def message() -> None:
    """The outcome of the last Simpan (kept over the rerun that shows the new values)."""
    found = st.session_state.pop(MESSAGE_KEY, None)
    if not found:
        return
    kind, text = found
    if kind == "error":
        st.error(
            "Pengaturan belum tersimpan:\n\n"
            + "\n".join(f"- {md(part)}" for part in _sentences(text)),
            icon=":material/error:",
        )
    elif kind == "success":
        st.success(md(text), icon=":material/check_circle:")
    else:
        st.info(md(text))


def _sentences(text: str) -> list[str]:
    # PengaturanError joins its problems with ". "; show one per line.
    parts = [p.strip() for p in text.replace(". ", ".\n").splitlines()]
    return [p for p in parts if p]


def placeholders(kantor: Kantor) -> None:
    warnings = pengaturan.placeholder_warnings(kantor)
    if warnings:
        st.warning(
            "Penandatangan yang masih contoh (dokumen belum layak ditandatangani):\n\n"
            + "\n".join(f"- {md(w)}" for w in warnings),
            icon=":material/edit:",
        )


def history(store: Store) -> None:
    """Who changed the Pengaturan when, and what (from the audit log)."""
    audit = store.audit(limit=500)
    changes = audit if audit.empty else audit[audit["action"] == "ubah pengaturan"]
    st.markdown("#### Riwayat perubahan")
    if changes.empty:
        st.caption("Belum pernah diubah di aplikasi; nilai di atas dari berkas konfigurasi.")
        return
    shown = pd.DataFrame(
        {
            "Waktu": [clock.fmt_waktu(v) for v in changes["at"]],
            "Oleh": changes["who"].astype(str).map(md),
            "Perubahan": changes["detail"].astype(str).map(md),
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
