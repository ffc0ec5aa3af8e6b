"""Office identity and signatories (the Pengaturan page): stored in the database, audited.

``Kantor`` is what the documents print in their kop and signature blocks: Pemerintah
Kabupaten, nama Dinas, alamat, telepon, laman, email, logo, tempat penandatanganan, and the
Kepala Dinas, Kepala Bappeda and Kasubag Perencanaan (nama, pangkat/golongan, NIP); and
the first year of the Renstra period, from which the E.81's realisasi Renstra s/d tahun
lalu is computed (setting ``renstra_tahun_awal``).
The configuration file gives the first values; every save on the Pengaturan page is a new,
kept version (``Store.add_pengaturan``) with an audit entry naming what changed.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from kinerja_core import access
from kinerja_core.access import Actor, Aksi
from kinerja_core.settings import Settings, Signatory

PLACEHOLDER_NAMES = ("nama kepala", "nama kasubag", "nama pejabat", "nama ")
MAX_LOGO_BYTES = 2 * 1024 * 1024
_NIP_RE = re.compile(r"^\d{18}$")

# What the page and the messages call each field.
LABELS = {
    "kabupaten": "Kabupaten",
    "pemerintah": "Pemerintah daerah (baris pertama kop)",
    "dinas": "Nama perangkat daerah (Dinas)",
    "alamat": "Alamat",
    "telepon": "Telepon",
    "laman": "Laman",
    "email": "Email",
    "tempat": "Tempat penandatanganan",
    "kepala_dinas": "Kepala Dinas",
    "kepala_bappeda": "Kepala Bappeda",
    "kasubag": "Kasubag Perencanaan",
    "logo": "Logo",
    "renstra_tahun_awal": "Tahun awal periode Renstra",
}
SIGNATORY_ROLES = ("kepala_dinas", "kepala_bappeda", "kasubag")
SIGNATORY_LABELS = {"jabatan": "jabatan", "nama": "nama", "pangkat": "pangkat/golongan"}
SIGNATORY_LABELS["nip"] = "NIP"


@dataclass(frozen=True)
class Kantor:
    """The office as the documents print it."""

    kabupaten: str
    dinas: str
    tempat: str
    kepala_dinas: Signatory
    kepala_bappeda: Signatory
    kasubag: Signatory
    pemerintah: str = ""  # empty: "Pemerintah Kabupaten <kabupaten>"
    alamat: str = ""
    telepon: str = ""
    laman: str = ""
    email: str = ""
    logo: bytes = field(default=b"", repr=False)
    renstra_tahun_awal: int | None = None  # None: column 6 only where the plan or a file has it

    @property
    def pemerintah_text(self) -> str:
        return self.pemerintah.strip() or f"Pemerintah Kabupaten {self.kabupaten}".strip()

    def to_json(self) -> str:
        """Everything but the logo, as JSON (the logo is stored beside it as bytes)."""
        data = asdict(self)
        data.pop("logo")
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, logo: bytes | None = None) -> Kantor:
        data = json.loads(text)
        known = {f.name for f in fields(cls)} - {"logo"}
        values = {k: v for k, v in data.items() if k in known}
        for role in SIGNATORY_ROLES:
            item = values.get(role) or {}
            values[role] = Signatory(**{k: str(item.get(k, "")) for k in _SIGNATORY_FIELDS})
        return cls(**values, logo=logo or b"")


_SIGNATORY_FIELDS = ("jabatan", "nama", "pangkat", "nip")


def kantor_from_settings(settings: Settings) -> Kantor:
    """The first values: what the configuration file (or the defaults) says."""
    logo = b""
    if settings.logo:
        path = Path(settings.logo)
        if path.is_file() and path.stat().st_size <= MAX_LOGO_BYTES:
            logo = path.read_bytes()
    return Kantor(
        kabupaten=settings.kabupaten,
        dinas=settings.dinas,
        tempat=settings.tempat,
        kepala_dinas=settings.penyusun,
        kepala_bappeda=settings.pengevaluasi,
        kasubag=settings.kasubag,
        alamat=settings.alamat,
        telepon=settings.telepon,
        laman=settings.laman,
        email=settings.email,
        logo=logo,
        renstra_tahun_awal=settings.renstra_tahun_awal,
    )


def apply_kantor(settings: Settings, kantor: Kantor) -> Settings:
    """``settings`` with the office fields of ``kantor`` (what every document builder reads)."""
    return replace(
        settings,
        kabupaten=kantor.kabupaten,
        dinas=kantor.dinas,
        tempat=kantor.tempat,
        penyusun=kantor.kepala_dinas,
        pengevaluasi=kantor.kepala_bappeda,
        kasubag=kantor.kasubag,
        alamat=kantor.alamat,
        telepon=kantor.telepon,
        laman=kantor.laman,
        email=kantor.email,
        renstra_tahun_awal=kantor.renstra_tahun_awal,
    )


@dataclass(frozen=True)
class Stored:
    """The Pengaturan in force: the office, and the stored version it comes from (None when
    nothing was saved yet and the configuration file's values are used)."""

    kantor: Kantor
    version_id: int | None


def current(store, settings: Settings) -> Stored:
    """The newest saved Pengaturan, or the configuration file's first values."""
    row = store.pengaturan_terakhir()
    if row is None:
        return Stored(kantor_from_settings(settings), None)
    return Stored(Kantor.from_json(row["isi_json"], row["logo"]), int(row["id"]))


def effective_settings(store, settings: Settings) -> Settings:
    """``settings`` with the office and signatories of the Pengaturan in force."""
    return apply_kantor(settings, current(store, settings).kantor)


def is_placeholder(signer: Signatory) -> bool:
    """A signature block still showing the example name or no NIP."""
    name = signer.nama.strip().casefold()
    return not name or name.startswith(PLACEHOLDER_NAMES) or signer.nip.strip() in {"", "-"}


def placeholder_warnings(kantor: Kantor) -> list[str]:
    """What still needs filling before a document can be signed (Indonesian, one per line)."""
    warnings = []
    for role in SIGNATORY_ROLES:
        signer: Signatory = getattr(kantor, role)
        if is_placeholder(signer):
            missing = []
            name = signer.nama.strip()
            if not name or name.casefold().startswith(PLACEHOLDER_NAMES):
                missing.append("nama")
            if signer.nip.strip() in {"", "-"}:
                missing.append("NIP")
            warnings.append(
                f"{LABELS[role]}: {' dan '.join(missing)} masih contoh/kosong "
                f'(tertulis "{name or "-"}", NIP "{signer.nip or "-"}").'
            )
    return warnings


def validate(kantor: Kantor) -> list[str]:
    """Errors that block saving (Indonesian). Placeholders are warnings, not errors."""
    errors = []
    for name in ("kabupaten", "dinas", "tempat"):
        if not str(getattr(kantor, name)).strip():
            errors.append(f"{LABELS[name]} wajib diisi.")
    for role in SIGNATORY_ROLES:
        signer: Signatory = getattr(kantor, role)
        if not signer.jabatan.strip():
            errors.append(f"{LABELS[role]}: jabatan wajib diisi.")
        nip = re.sub(r"\s+", "", signer.nip)
        if nip not in {"", "-"} and not _NIP_RE.match(nip):
            errors.append(
                f'{LABELS[role]}: NIP "{signer.nip}" harus 18 angka (boleh dengan spasi), '
                "mis. 19700101 199503 1 001; tulis - bila belum ada."
            )
    tahun = kantor.renstra_tahun_awal
    if tahun is not None and not 2000 <= tahun <= 2100:
        errors.append(
            f"{LABELS['renstra_tahun_awal']} {tahun} tidak masuk akal; tulis tahun empat angka "
            "antara 2000 dan 2100, mis. 2021, atau kosongkan."
        )
    if kantor.logo and len(kantor.logo) > MAX_LOGO_BYTES:
        errors.append("Logo lebih dari 2 MB; pakai gambar PNG/JPEG yang lebih kecil.")
    if kantor.logo and not _is_image(kantor.logo):
        errors.append("Logo harus gambar PNG atau JPEG.")
    return errors


def _is_image(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")


def _shown(value: object) -> str:
    return "(kosong)" if value is None else repr(value)


def changes(before: Kantor, after: Kantor) -> list[str]:
    """What changed, as 'field: old → new' lines for the audit log."""
    lines = []
    for name in LABELS:
        if name == "logo":
            if before.logo != after.logo:
                lines.append("logo: " + ("diganti" if after.logo else "dihapus"))
            continue
        old, new = getattr(before, name), getattr(after, name)
        if isinstance(old, Signatory):
            for part, label in SIGNATORY_LABELS.items():
                if getattr(old, part) != getattr(new, part):
                    lines.append(
                        f"{LABELS[name]} {label}: {getattr(old, part)!r} → {getattr(new, part)!r}"
                    )
        elif old != new:
            lines.append(f"{LABELS[name]}: {_shown(old)} → {_shown(new)}")
    return lines


class PengaturanError(ValueError):
    """The Pengaturan cannot be saved; the message lists why (Indonesian)."""


def save(store, kantor: Kantor, settings: Settings, actor: Actor) -> int | None:
    """Store ``kantor`` as the new Pengaturan; None when nothing changed.

    Raises AksesDitolak for a role that may not change the Pengaturan, PengaturanError
    listing every problem when it cannot be saved.
    """
    access.require(actor, Aksi.PENGATURAN)

    def tidy(signer: Signatory) -> Signatory:
        return Signatory(*(" ".join(str(v).split()) for v in asdict(signer).values()))

    kantor = replace(
        kantor,
        kepala_dinas=tidy(kantor.kepala_dinas),
        kepala_bappeda=tidy(kantor.kepala_bappeda),
        kasubag=tidy(kantor.kasubag),
    )
    errors = validate(kantor)
    if errors:
        raise PengaturanError(" ".join(errors))
    before = current(store, settings).kantor
    changed = changes(before, kantor)
    if not changed:
        return None
    old, new = _fields(before), _fields(kantor)
    differ = [key for key in new if old.get(key) != new[key]]
    return store.add_pengaturan(
        kantor.to_json(),
        kantor.logo or None,
        actor,
        "; ".join(changed),
        {key: old.get(key) for key in differ},
        {key: new[key] for key in differ},
    )


def _fields(kantor: Kantor) -> dict[str, object]:
    """Every field of ``kantor`` flat ('kepala_dinas.nama'), the logo as its sha256."""
    import hashlib

    flat: dict[str, object] = {}
    for key, value in asdict(kantor).items():
        if key == "logo":
            flat[key] = hashlib.sha256(value).hexdigest()[:16] if value else ""
        elif isinstance(value, dict):
            flat.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    return flat
