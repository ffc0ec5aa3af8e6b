"""The life of a period's Dokumen Evaluasi (SOP 7-11): versions, states and who moves them.

Konsep → Diajukan (to the Sekretaris) → Diparaf → Disetujui (Kepala Dinas) → Ditandatangani
(signed scan or TTE PDF uploaded, or signed on paper with its date) → Dikirim → Diarsipkan.
Dikembalikan (with koreksi notes, from Diajukan or Diparaf) ends that version and opens the
next one as Konsep. ``TRANSISI`` is the one table of which action moves which state; the
role that may take it is ``access.IZIN``'s answer for that action.

Submitting (Ajukan) makes the documents of the period from the data as it stands
(``exports.gather/build/record``) and keeps their exact bytes with the version. Approval
freezes that version: its bytes, their sha256, the data snapshot and the signatories are
written into the approval event and never change afterwards; later uploads or corrections
can only start a new Konsep (``konsep_baru``). Every transition is an event (who, role,
time in UTC, note, file); the state shown is the latest version's status.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from kinerja_core import access, clock
from kinerja_core.access import Actor, Aksi, Peran


class Status(StrEnum):
    KONSEP = "Konsep"
    DIAJUKAN = "Diajukan"
    DIPARAF = "Diparaf"
    DISETUJUI = "Disetujui"
    DITANDATANGANI = "Ditandatangani"
    DIKIRIM = "Dikirim"
    DIARSIPKAN = "Diarsipkan"
    DIKEMBALIKAN = "Dikembalikan"


@dataclass(frozen=True)
class Transisi:
    aksi: Aksi
    dari: frozenset[Status]
    ke: Status
    label: str  # the button


TRANSISI: dict[Aksi, Transisi] = {
    t.aksi: t
    for t in (
        Transisi(Aksi.AJUKAN, frozenset({Status.KONSEP}), Status.DIAJUKAN, "Ajukan ke Sekretaris"),
        Transisi(Aksi.PARAF, frozenset({Status.DIAJUKAN}), Status.DIPARAF, "Paraf"),
        Transisi(
            Aksi.KEMBALIKAN,
            frozenset({Status.DIAJUKAN, Status.DIPARAF}),
            Status.DIKEMBALIKAN,
            "Kembalikan dengan koreksi",
        ),
        Transisi(Aksi.SETUJUI, frozenset({Status.DIPARAF}), Status.DISETUJUI, "Setujui"),
        Transisi(
            Aksi.TANDATANGANI,
            frozenset({Status.DISETUJUI}),
            Status.DITANDATANGANI,
            "Catat tanda tangan",
        ),
        Transisi(
            Aksi.KIRIM, frozenset({Status.DITANDATANGANI}), Status.DIKIRIM, "Catat pengiriman"
        ),
        Transisi(Aksi.ARSIPKAN, frozenset({Status.DIKIRIM}), Status.DIARSIPKAN, "Arsipkan"),
    )
}
# A frozen version's documents never change; a correction starts the next Konsep.
FROZEN = frozenset({Status.DISETUJUI, Status.DITANDATANGANI, Status.DIKIRIM, Status.DIARSIPKAN})
KONSEP_BARU_DARI = frozenset({Status.DISETUJUI, Status.DITANDATANGANI, Status.DIKIRIM})
CARA_TTD = {
    "pindai": "Hasil pindai dokumen bertanda tangan basah (PDF)",
    "tte": "Dokumen bertanda tangan elektronik (TTE, PDF)",
    "kertas": "Ditandatangani di atas kertas (dicatat tanggalnya)",
}
# Whose turn it is in each state: who the document waits for.
MENUNGGU: dict[Status, Peran] = {
    Status.KONSEP: Peran.ADMIN,
    Status.DIAJUKAN: Peran.SEKRETARIS,
    Status.DIPARAF: Peran.KEPALA_DINAS,
    Status.DISETUJUI: Peran.KEPALA_DINAS,
    Status.DITANDATANGANI: Peran.ADMIN,
    Status.DIKIRIM: Peran.ADMIN,
}


class DokumenError(ValueError):
    """A transition that cannot happen now; the message says why and what to do."""


@dataclass(frozen=True)
class Versi:
    versi: int
    status: Status
    export_id: int | None
    xlsx_berkas_id: int | None
    docx_berkas_id: int | None
    dibuat_pada: datetime | None
    xlsx_sha256: str = ""
    docx_sha256: str = ""

    @property
    def frozen(self) -> bool:
        return self.status in FROZEN


@dataclass(frozen=True)
class Peristiwa:
    versi: int
    aksi: str
    dari: str
    ke: str
    oleh: str
    peran: str
    pada: datetime
    catatan: str
    detail: dict
    berkas_id: int | None


@dataclass(frozen=True)
class Keadaan:
    """A period's document as it stands: the current version, all versions, all events."""

    tahun: int
    sampai_tw: int
    versions: list[Versi] = field(default_factory=list)
    events: list[Peristiwa] = field(default_factory=list)

    @property
    def current(self) -> Versi:
        if self.versions:
            return self.versions[-1]
        return Versi(1, Status.KONSEP, None, None, None, None)

    @property
    def status(self) -> Status:
        return self.current.status

    @property
    def menunggu(self) -> Peran | None:
        return MENUNGGU.get(self.status)

    def approved(self) -> Versi | None:
        """The newest frozen version (the one that was approved), or None."""
        frozen = [v for v in self.versions if v.frozen]
        return frozen[-1] if frozen else None

    def available(self, actor: Actor | None) -> list[Transisi]:
        """The transitions this person may take now (by state and by role)."""
        return [t for t in TRANSISI.values() if self.status in t.dari and access.can(actor, t.aksi)]

    def may_start_new_konsep(self, actor: Actor | None) -> bool:
        return self.status in KONSEP_BARU_DARI and access.can(actor, Aksi.EKSPOR)

    def event(self, aksi: Aksi, versi: int | None = None) -> Peristiwa | None:
        """The latest event of ``aksi`` (of one version, when given)."""
        found = [
            e for e in self.events if e.aksi == aksi.name and (versi is None or e.versi == versi)
        ]
        return found[-1] if found else None


def keadaan(store, tahun: int, sampai_tw: int) -> Keadaan:
    """The period's document state, from the stored versions and events."""
    sums = {row["id"]: row["sha256"] for row in store.berkas_list(tahun, sampai_tw)}
    versions = [
        Versi(
            versi=int(row["versi"]),
            status=Status(row["status"]),
            export_id=row["export_id"],
            xlsx_berkas_id=row["xlsx_berkas_id"],
            docx_berkas_id=row["docx_berkas_id"],
            dibuat_pada=row["dibuat_pada"],
            xlsx_sha256=sums.get(row["xlsx_berkas_id"], ""),
            docx_sha256=sums.get(row["docx_berkas_id"], ""),
        )
        for row in store.dokumen_versions(tahun, sampai_tw)
    ]
    events = [
        Peristiwa(
            versi=int(row["versi"]),
            aksi=row["aksi"],
            dari=row["dari_status"],
            ke=row["ke_status"],
            oleh=row["oleh"],
            peran=row["peran"],
            pada=row["pada"],
            catatan=row["catatan"],
            detail=json.loads(row["detail_json"] or "{}"),
            berkas_id=row["berkas_id"],
        )
        for row in store.dokumen_events(tahun, sampai_tw)
    ]
    return Keadaan(tahun, sampai_tw, versions, events)


def _move(
    store,
    actor: Actor,
    tahun: int,
    sampai_tw: int,
    aksi: Aksi,
    catatan: str = "",
    detail: dict | None = None,
    documents: dict | None = None,
    file: dict | None = None,
    next_konsep: bool = False,
    state: Keadaan | None = None,
) -> int:
    from kinerja_core.store import StaleTransition

    access.require(actor, aksi)
    transisi = TRANSISI[aksi]
    state = state or keadaan(store, tahun, sampai_tw)
    if state.status not in transisi.dari:
        allowed = " atau ".join(sorted(s.value for s in transisi.dari))
        raise DokumenError(
            f"Dokumen versi {state.current.versi} berstatus {state.status.value}; "
            f"{aksi.value} hanya dapat dilakukan saat berstatus {allowed}."
        )
    try:
        return store.dokumen_transition(
            tahun=tahun,
            sampai_tw=sampai_tw,
            versi=state.current.versi,
            dari=state.status.value,
            ke=transisi.ke.value,
            event={
                "aksi": aksi.name,
                "oleh": actor.label,
                "peran": actor.peran.value,
                "catatan": catatan.strip(),
                "detail_json": json.dumps(detail or {}, ensure_ascii=False, sort_keys=True),
            },
            documents=documents,
            file=file,
            next_konsep=Status.KONSEP.value if next_konsep else None,
        )
    except StaleTransition as error:
        raise DokumenError(
            "Status dokumen baru saja diubah oleh orang lain; muat ulang halaman lalu periksa "
            "statusnya."
        ) from error


def data_changed_since_approval(store, tahun: int, sampai_tw: int) -> bool:
    """True when the period's data (a later upload, a koreksi) no longer matches the snapshot
    the approved version was made from: the frozen version stays as it is, and sending the new
    figures needs a new Konsep. False while nothing is approved."""
    from kinerja_core import exports

    state = keadaan(store, tahun, sampai_tw)
    approved = state.approved()
    approval = state.event(Aksi.SETUJUI, approved.versi) if approved else None
    frozen = approval.detail.get("snapshot_sha256") if approval else None
    if not frozen:
        return False
    current = exports.snapshot_bytes(exports.gather(store, tahun, sampai_tw))
    return hashlib.sha256(current).hexdigest() != frozen


def ajukan(
    store, actor: Actor, settings, tahun: int, sampai_tw: int, tanggal: date, catatan: str = ""
) -> int:
    """Make the period's documents from the data as it stands and submit them (Konsep →
    Diajukan). The exact bytes are kept with the version."""
    from kinerja_core import exports

    access.require(actor, Aksi.AJUKAN)
    state = keadaan(store, tahun, sampai_tw)
    if state.status is not Status.KONSEP:
        return _move(store, actor, tahun, sampai_tw, Aksi.AJUKAN, catatan, state=state)
    params = exports.params_now(store, settings, tanggal)
    data = exports.gather_for(store, tahun, sampai_tw, params)
    if data.indicators.empty:
        raise DokumenError(
            f"Belum ada data kinerja tahun {tahun}; unggah berkas bidang sebelum mengajukan."
        )
    built = exports.build(data, params)
    export_id = exports.record(store, data, params, built, actor)
    versi = state.current.versi
    name = f"Evaluasi_Renja_{tahun}_TW{sampai_tw}_v{versi}"
    documents = {
        "export_id": export_id,
        "xlsx": _item(tahun, sampai_tw, "dokumen_xlsx", f"{name}.xlsx", built.xlsx),
        "docx": _item(tahun, sampai_tw, "dokumen_docx", f"{name}.docx", built.docx)
        if getattr(built, "docx", None)
        else None,
    }
    xlsx_sha, docx_sha = built.sha256()
    return _move(
        store,
        actor,
        tahun,
        sampai_tw,
        Aksi.AJUKAN,
        catatan,
        detail={"export_id": export_id, "xlsx_sha256": xlsx_sha, "docx_sha256": docx_sha},
        documents=documents,
        state=state,
    )


def paraf(store, actor: Actor, tahun: int, sampai_tw: int, catatan: str = "") -> int:
    return _move(store, actor, tahun, sampai_tw, Aksi.PARAF, catatan)


def kembalikan(store, actor: Actor, tahun: int, sampai_tw: int, koreksi: str) -> int:
    """Return the version with koreksi notes; the next version opens as Konsep."""
    access.require(actor, Aksi.KEMBALIKAN)
    if not koreksi.strip():
        raise DokumenError("Tuliskan catatan koreksi: apa yang harus diperbaiki.")
    return _move(store, actor, tahun, sampai_tw, Aksi.KEMBALIKAN, koreksi, next_konsep=True)


def setujui(store, actor: Actor, tahun: int, sampai_tw: int, catatan: str = "") -> int:
    """Approve the version and freeze it: its bytes' sha256 (checked against the kept bytes),
    the data snapshot's sha256 and the signatories are written into the approval event."""
    from kinerja_core import exports

    access.require(actor, Aksi.SETUJUI)
    state = keadaan(store, tahun, sampai_tw)
    current = state.current
    detail: dict = {}
    if current.xlsx_berkas_id is not None:
        kept = store.berkas(current.xlsx_berkas_id)
        if hashlib.sha256(kept["isi"]).hexdigest() != kept["sha256"]:
            raise DokumenError("Berkas dokumen versi ini rusak (sha256 tidak cocok); ajukan ulang.")
        record = store.export_record(current.export_id) if current.export_id else None
        detail = {
            "xlsx_sha256": current.xlsx_sha256,
            "docx_sha256": current.docx_sha256,
            "export_id": current.export_id,
        }
        if record is not None:
            params = exports.params_from_json(record["parameter_json"], None)
            detail["snapshot_sha256"] = record["snapshot_sha256"]
            detail["tanggal"] = params.tanggal.isoformat()
            detail["penandatangan"] = {
                "kepala_dinas": _signer(params.kantor.kepala_dinas),
                "kepala_bappeda": _signer(params.kantor.kepala_bappeda),
            }
    return _move(store, actor, tahun, sampai_tw, Aksi.SETUJUI, catatan, detail, state=state)


def tandatangani(
    store,
    actor: Actor,
    tahun: int,
    sampai_tw: int,
    cara: str,
    tanggal: date,
    scan: bytes | None = None,
    scan_name: str = "",
    catatan: str = "",
) -> int:
    """Record the signature: a signed scan / TTE PDF uploaded, or signed on paper on a date."""
    access.require(actor, Aksi.TANDATANGANI)
    if cara not in CARA_TTD:
        raise DokumenError(f"Cara tanda tangan '{cara}' tidak dikenal: pindai, tte atau kertas.")
    file = None
    if cara in ("pindai", "tte"):
        if not scan:
            raise DokumenError("Unggah berkas PDF dokumen yang sudah ditandatangani.")
        if not scan.startswith(b"%PDF"):
            raise DokumenError(
                f"Berkas {scan_name or 'unggahan'} bukan PDF; pindai atau simpan sebagai PDF lalu "
                "unggah lagi."
            )
        file = _item(tahun, sampai_tw, "dokumen_ttd", scan_name or "dokumen_ttd.pdf", scan)
    if tanggal > clock.today():
        raise DokumenError("Tanggal tanda tangan tidak boleh setelah hari ini.")
    detail = {"cara": cara, "tanggal": tanggal.isoformat()}
    if file:
        detail["sha256"] = hashlib.sha256(scan or b"").hexdigest()
    return _move(store, actor, tahun, sampai_tw, Aksi.TANDATANGANI, catatan, detail, file=file)


def kirim(
    store,
    actor: Actor,
    tahun: int,
    sampai_tw: int,
    kepada: str,
    cara: str,
    dikirim_pada: datetime,
    tanda_terima: bytes | None = None,
    tanda_terima_name: str = "",
    catatan: str = "",
) -> int:
    """Record the sending (to whom, when, how) with the surat pengantar's number and the
    receipt, if it is already back (``tambah_tanda_terima`` adds it later)."""
    from kinerja_core import surat

    access.require(actor, Aksi.KIRIM)
    if not kepada.strip() or not cara.strip():
        raise DokumenError("Isi kepada siapa dan dengan cara apa dokumen dikirim.")
    letter = surat.pengantar_periode(store, tahun, sampai_tw)
    if letter is None:
        raise DokumenError(
            "Belum ada surat pengantar bernomor untuk periode ini; buat surat pengantar dulu."
        )
    file = None
    if tanda_terima:
        file = _item(
            tahun, sampai_tw, "tanda_terima", tanda_terima_name or "tanda_terima", tanda_terima
        )
    detail = {
        "kepada": kepada.strip(),
        "cara": cara.strip(),
        "dikirim_pada": dikirim_pada.isoformat(),
        "nomor_surat": letter["nomor"],
    }
    return _move(store, actor, tahun, sampai_tw, Aksi.KIRIM, catatan, detail, file=file)


def tambah_tanda_terima(
    store, actor: Actor, tahun: int, sampai_tw: int, content: bytes, name: str
) -> int:
    """Keep a receipt that came back after the sending was recorded."""
    access.require(actor, Aksi.KIRIM)
    if not content:
        raise DokumenError("Berkas tanda terima kosong.")
    return store.add_berkas(_item(tahun, sampai_tw, "tanda_terima", name, content), actor.label)


def arsipkan(store, actor: Actor, tahun: int, sampai_tw: int, catatan: str = "") -> int:
    return _move(store, actor, tahun, sampai_tw, Aksi.ARSIPKAN, catatan)


def konsep_baru(store, actor: Actor, tahun: int, sampai_tw: int, alasan: str) -> int:
    """After approval, a correction starts the next version as Konsep; the frozen one stays."""
    from kinerja_core.store import StaleTransition

    access.require(actor, Aksi.EKSPOR)
    if not alasan.strip():
        raise DokumenError("Tuliskan alasan membuat konsep baru.")
    state = keadaan(store, tahun, sampai_tw)
    if state.status not in KONSEP_BARU_DARI:
        raise DokumenError(
            f"Konsep baru dibuat setelah dokumen disetujui; versi {state.current.versi} "
            f"berstatus {state.status.value}."
        )
    try:
        return store.dokumen_transition(
            tahun=tahun,
            sampai_tw=sampai_tw,
            versi=state.current.versi,
            dari=state.status.value,
            ke=state.status.value,
            event={
                "aksi": "KONSEP_BARU",
                "oleh": actor.label,
                "peran": actor.peran.value,
                "catatan": alasan.strip(),
                "detail_json": "{}",
            },
            next_konsep=Status.KONSEP.value,
        )
    except StaleTransition as error:
        raise DokumenError("Status dokumen baru saja diubah; muat ulang halaman.") from error


def version_documents(store, version: Versi) -> dict[str, tuple[str, bytes]]:
    """The kept documents of a version: {'xlsx': (name, bytes), 'docx': …}."""
    out = {}
    for key, berkas_id in (("xlsx", version.xlsx_berkas_id), ("docx", version.docx_berkas_id)):
        if berkas_id is not None:
            row = store.berkas(berkas_id)
            out[key] = (row["nama"], bytes(row["isi"]))
    return out


def _item(tahun: int, sampai_tw: int, jenis: str, nama: str, isi: bytes | None) -> dict:
    return {"tahun": tahun, "sampai_tw": sampai_tw, "jenis": jenis, "nama": nama, "isi": isi}


def _signer(signer) -> dict:
    return {k: getattr(signer, k) for k in ("jabatan", "nama", "pangkat", "nip")}
