"""Who may do what: the roles of the SOP and the one rule table every action is checked against.

Pages hide what a role cannot do, but the refusal lives here: every core function that
changes data or hands out a document calls :func:`require` with the acting person, so a
Kabid calling the core directly still cannot upload for another bidang.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Peran(StrEnum):
    ADMIN = "admin"  # Admin / Kasubag Perencanaan dan Keuangan: everything
    KABID = "kabid"  # one bidang: upload, see, comment; sees the Dinas summary
    SEKRETARIS = "sekretaris"  # review, paraf, return with notes
    KEPALA_DINAS = "kepala_dinas"  # approve, sign
    TAMU = "tamu"  # read-only, the rapat screen

    @property
    def label(self) -> str:
        return PERAN_LABEL[self]


PERAN_LABEL: dict[Peran, str] = {
    Peran.ADMIN: "Admin / Kasubag Perencanaan",
    Peran.KABID: "Kepala Bidang",
    Peran.SEKRETARIS: "Sekretaris",
    Peran.KEPALA_DINAS: "Kepala Dinas",
    Peran.TAMU: "Tamu (hanya melihat)",
}


class Aksi(StrEnum):
    LIHAT_RINGKASAN = "lihat ringkasan"  # Beranda, Dinas figures, Rapat screen
    LIHAT_BIDANG = "lihat bidang"  # a bidang's indicators and files (Kabid: own bidang)
    UNGGAH = "unggah data"  # store a bidang's submission (Kabid: own bidang)
    CATAT = "catat rapat"  # rapat notes and comments (Kabid: own bidang)
    NOTULEN = "isi data rapat"  # the notulis: tanggal, tempat, agenda, peserta of a rapat
    UBAH_RENCANA = "ubah rencana"
    BUKA_PERIODE = "buka periode"  # disposisi, tahun baru, batas waktu
    KOREKSI = "koreksi konsep"  # SOP 7: correct a value with a reason
    EKSPOR = "buat dokumen"  # make the E.81 workbook / report
    AJUKAN = "ajukan dokumen"  # Konsep -> Diajukan
    PARAF = "paraf dokumen"  # Diajukan -> Diparaf
    KEMBALIKAN = "kembalikan dokumen"  # back to Konsep with koreksi notes
    SETUJUI = "setujui dokumen"  # Diparaf -> Disetujui
    TANDATANGANI = "tandatangani dokumen"  # Disetujui -> Ditandatangani (scan/TTE/paper)
    SURAT = "beri nomor surat"  # agenda surat keluar, surat pengantar
    KIRIM = "kirim dokumen"
    ARSIPKAN = "arsipkan"
    LIHAT_ARSIP = "lihat arsip"
    LIHAT_RIWAYAT = "lihat riwayat"  # the audit page
    PENGATURAN = "ubah pengaturan"  # kop, signatories
    KELOLA_AKUN = "kelola akun"
    CADANGAN = "cadangan data"


_ALL = frozenset(Aksi)
_READ = frozenset({Aksi.LIHAT_RINGKASAN})

# The rule table. Paraf and approval are personal acts of the Sekretaris and the Kepala
# Dinas, so even the admin cannot do them; uploading the signed scan is clerical work the
# Kasubag also does.
IZIN: dict[Peran, frozenset[Aksi]] = {
    Peran.ADMIN: _ALL - {Aksi.PARAF, Aksi.SETUJUI},
    Peran.KABID: _READ | {Aksi.LIHAT_BIDANG, Aksi.UNGGAH, Aksi.CATAT},
    Peran.SEKRETARIS: _READ
    | {
        Aksi.LIHAT_BIDANG,
        Aksi.CATAT,
        Aksi.NOTULEN,
        Aksi.KOREKSI,
        Aksi.PARAF,
        Aksi.KEMBALIKAN,
        Aksi.LIHAT_ARSIP,
        Aksi.LIHAT_RIWAYAT,
    },
    Peran.KEPALA_DINAS: _READ
    | {
        Aksi.LIHAT_BIDANG,
        Aksi.CATAT,
        Aksi.KEMBALIKAN,
        Aksi.SETUJUI,
        Aksi.TANDATANGANI,
        Aksi.LIHAT_ARSIP,
        Aksi.LIHAT_RIWAYAT,
    },
    Peran.TAMU: _READ,
}

# Actions a Kabid may only take on their own bidang.
BIDANG_SENDIRI = frozenset({Aksi.LIHAT_BIDANG, Aksi.UNGGAH, Aksi.CATAT})


@dataclass(frozen=True)
class Actor:
    """The person acting: a logged-in account, or the CLI run by whoever holds the server."""

    pengguna: str
    nama: str
    peran: Peran
    bidang: str | None = None  # a Kabid's own bidang

    @property
    def label(self) -> str:
        """How the person is named in the audit log and on stored records."""
        return f"{self.nama} ({self.peran.label})" if self.nama else self.pengguna

    @classmethod
    def cli(cls) -> Actor:
        """Shell access to the server is admin access; the audit names the CLI as the actor."""
        return cls(pengguna="cli", nama="Baris perintah", peran=Peran.ADMIN)


RINGKASAN_DINAS = "Ringkasan Dinas"  # the rapat's summary view, annotated by the whole Dinas


def note_subject(bidang: str) -> str:
    """What a rapat note is about, for the own-bidang rule: its bidang, or the Dinas summary
    (which a Kabid reads but does not annotate)."""
    return bidang or RINGKASAN_DINAS


class AksesDitolak(PermissionError):
    """An action the acting role may not take; the message is for the person."""


def can(actor: Actor | None, aksi: Aksi, bidang: str | None = None) -> bool:
    if actor is None:
        return False
    if aksi not in IZIN[actor.peran]:
        return False
    if actor.peran is Peran.KABID and aksi in BIDANG_SENDIRI and bidang is not None:
        return _same_bidang(actor.bidang, bidang)
    return True


def bidang_sendiri(actor: Actor | None) -> str | None:
    """The one bidang whose indicators and files a Kabid sees; None for the roles that see
    every bidang (a Kabid without a bidang sees none: "")."""
    if actor is not None and actor.peran is Peran.KABID:
        return actor.bidang or ""
    return None


def same_bidang(own: str | None, other: str) -> bool:
    """Bidang names equal up to spacing and case."""
    return _same_bidang(own, other)


def require(actor: Actor | None, aksi: Aksi, bidang: str | None = None) -> Actor:
    """Return the actor when allowed; otherwise raise :class:`AksesDitolak` in Indonesian."""
    if actor is None:
        raise AksesDitolak(f"Silakan masuk (login) dahulu untuk {aksi.value}.")
    if can(actor, aksi, bidang):
        return actor
    if aksi in IZIN[actor.peran] and bidang is not None:
        raise AksesDitolak(
            f"{actor.label} hanya dapat {aksi.value} untuk {actor.bidang or 'bidangnya sendiri'}, "
            f"bukan untuk {bidang}."
        )
    raise AksesDitolak(f"Peran {actor.peran.label} tidak berwenang untuk {aksi.value}.")


def _same_bidang(own: str | None, other: str) -> bool:
    return bool(own) and " ".join(str(own).split()).casefold() == " ".join(other.split()).casefold()
