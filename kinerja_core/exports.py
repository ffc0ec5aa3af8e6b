"""Exports: each exported document set, recorded with everything it was made from.

An export is made from ``ExportData`` (the period's rows as stored, the corrections in force,
the year before for the comparison, the validation notes and the submissions used) and
``ExportParams`` (the settings with the office and signatories of the Pengaturan in force, the
signing date, the paper, the options). ``build`` turns them into document bytes (a pure
function); ``record`` keeps the parameters, a gzip JSON snapshot of the data and the sha256 of
each document in the ``exports`` table; ``load`` gives both back, so ``rebuild`` makes an
earlier export again with its own signatories and date even after the Pengaturan changed.

For document versions (approval, freezing): an export is referenced by its id;
``ExportRecord`` (``summary``) carries its sha256 sums and the snapshot's sha256.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import math
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

import pandas as pd

from kinerja_core import access, analysis, koreksi, pengaturan, renstra, tracker
from kinerja_core.access import Actor, Aksi
from kinerja_core.model import Problem, conform_anggaran, conform_indicators
from kinerja_core.pengaturan import Kantor
from kinerja_core.settings import Settings, Signatory, with_kertas

SNAPSHOT_FORMAT = 1
PAPERS = ("F4", "A4", "A3")
_NOT_RECORDED = {"database_url"}  # may hold a password; never part of a document


@dataclass(frozen=True)
class ExportData:
    """What the documents of a period are made from (before corrections are applied)."""

    tahun: int
    sampai_tw: int
    indicators: pd.DataFrame
    anggaran: pd.DataFrame
    corrections: list[koreksi.Koreksi] = field(default_factory=list)
    previous_indicators: pd.DataFrame | None = None
    previous_anggaran: pd.DataFrame | None = None
    problems: list[Problem] = field(default_factory=list)
    submissions: pd.DataFrame | None = None
    kelengkapan: str = ""  # which bidang are still missing (tracker.Coverage.text())

    def evaluated(self, settings: Settings) -> pd.DataFrame:
        return koreksi.evaluate(
            self.indicators, self.anggaran, self.sampai_tw, settings, self.corrections
        )

    def previous_evaluated(self, settings: Settings) -> pd.DataFrame | None:
        if self.previous_indicators is None or self.previous_indicators.empty:
            return None
        anggaran = self.previous_anggaran
        if anggaran is None:
            anggaran = conform_anggaran(pd.DataFrame())
        return koreksi.evaluate(self.previous_indicators, anggaran, self.sampai_tw, settings, [])


@dataclass(frozen=True)
class ExportParams:
    """How the documents are made: settings (office applied), signing date, paper, options."""

    settings: Settings
    kantor: Kantor
    tanggal: date
    kertas: str = "F4"
    per_bidang: bool = True
    pengaturan_id: int | None = None

    @property
    def document_settings(self) -> Settings:
        """The settings every builder reads: the office of ``kantor``, the chosen paper."""
        return with_kertas(pengaturan.apply_kantor(self.settings, self.kantor), self.kertas)


@dataclass(frozen=True)
class Documents:
    xlsx: bytes
    docx: bytes | None = None

    def sha256(self) -> tuple[str, str]:
        return (
            hashlib.sha256(self.xlsx).hexdigest(),
            hashlib.sha256(self.docx).hexdigest() if self.docx is not None else "",
        )


# --- gathering from the store -------------------------------------------------------------
def used_submissions(submissions: pd.DataFrame) -> pd.DataFrame:
    """The submissions whose rows the analysis uses: the latest usable one per bidang."""
    if submissions.empty:
        return submissions
    usable = submissions[submissions["usable"].astype(bool)]
    latest = usable.groupby("bidang")["id"].transform("max")
    return usable[usable["id"] == latest].sort_values("bidang").reset_index(drop=True)


def gather(store, tahun: int, sampai_tw: int, tahun_awal: int | None = None) -> ExportData:
    """The period as stored now: rows, corrections in force, year before, notes, files.

    Sasaran and the Renstra figures come from the rencana where it gives them
    (``renstra.dari_store``); ``tahun_awal`` (setting ``renstra_tahun_awal``): the Renstra's
    first year; the E.81's realisasi Renstra s/d tahun lalu (K, Rp) is then computed from the
    stored years where neither the plan nor a file gave it. Kept in the snapshot like every
    other figure.
    """
    used = used_submissions(store.submissions(tahun))
    problems = [
        p if p.file else replace(p, file=name)
        for sid, name in zip(used["id"], used["filename"], strict=True)
        for p in store.submission_problems(int(sid))
    ]
    previous = tahun - 1 in store.years()

    def anggaran(year: int) -> pd.DataFrame:  # the Dinas figures' anggaran (one definition)
        return analysis.anggaran_dinas(store.anggaran(year), store.rencana(year)[1])

    indicators, budget = renstra.dari_store(store, tahun, tahun_awal, anggaran(tahun))
    return ExportData(
        tahun=tahun,
        sampai_tw=sampai_tw,
        indicators=indicators,
        anggaran=budget,
        corrections=koreksi.records(store, tahun),
        previous_indicators=store.indicators(tahun - 1) if previous else None,
        previous_anggaran=anggaran(tahun - 1) if previous else None,
        problems=problems,
        submissions=used,
        kelengkapan=tracker.coverage(store.submissions(tahun), store.rencana_bidang(tahun)).text(),
    )


def gather_for(store, tahun: int, sampai_tw: int, params: ExportParams) -> ExportData:
    """``gather`` with the Renstra start year of ``params`` (the Pengaturan in force, else the
    configuration file): every document made in the app takes its column 6 this way."""
    return gather(store, tahun, sampai_tw, params.document_settings.renstra_tahun_awal)


def params_now(
    store,
    settings: Settings,
    tanggal: date,
    kertas: str | None = None,
    per_bidang: bool = True,
) -> ExportParams:
    """Parameters with the Pengaturan in force (office, signatories) and the chosen options."""
    stored = pengaturan.current(store, settings)
    return ExportParams(
        settings=settings,
        kantor=stored.kantor,
        tanggal=tanggal,
        kertas=kertas or settings.kertas,
        per_bidang=per_bidang,
        pengaturan_id=stored.version_id,
    )


# --- building -----------------------------------------------------------------------------
def build(data: ExportData, params: ExportParams) -> Documents:
    """The documents of ``data`` made with ``params`` (pure: same inputs, same bytes)."""
    from kinerja_core.report import build_evaluation_workbook, laporan

    settings = params.document_settings
    evaluated = data.evaluated(settings)
    xlsx = build_evaluation_workbook(
        evaluated,
        data.anggaran,
        tahun=data.tahun,
        sampai_tw=data.sampai_tw,
        settings=settings,
        problems=data.problems,
        previous_year=data.previous_evaluated(settings),
        bidang_sheets=params.per_bidang,
        tanggal=params.tanggal,
        submissions=data.submissions,
        corrections=data.corrections,
        kelengkapan=data.kelengkapan,
    )
    docx = laporan.build_report(
        evaluated,
        data.anggaran,
        tahun=data.tahun,
        sampai_tw=data.sampai_tw,
        settings=settings,
        tanggal=params.tanggal,
        logo=params.kantor.logo,
        pemerintah=params.kantor.pemerintah,
        kelengkapan=data.kelengkapan,
        corrections=data.corrections,
    )
    return Documents(xlsx=xlsx, docx=docx)


# --- recording and loading ----------------------------------------------------------------
def record(
    store, data: ExportData, params: ExportParams, documents: Documents, actor: Actor
) -> int:
    """Keep this export (parameters, data snapshot, sha256 of each document); returns its id.
    Raises AksesDitolak when ``actor`` may not make documents."""
    access.require(actor, Aksi.EKSPOR)
    snapshot = snapshot_bytes(data)
    xlsx_sha, docx_sha = documents.sha256()
    signer = params.kantor.kepala_dinas
    return store.add_export(
        {
            "tahun": data.tahun,
            "sampai_tw": data.sampai_tw,
            "tanggal": params.tanggal,
            "pengaturan_id": params.pengaturan_id,
            "parameter_json": params_to_json(params),
            "logo": params.kantor.logo or None,
            "snapshot": snapshot,
            "snapshot_sha256": hashlib.sha256(snapshot).hexdigest(),
            "xlsx_sha256": xlsx_sha,
            "docx_sha256": docx_sha,
        },
        actor,
        f"tahun {data.tahun} TW {data.sampai_tw}, tanggal {params.tanggal.isoformat()}, "
        f"kertas {params.kertas}, ditandatangani {signer.nama} (NIP {signer.nip}), "
        f"xlsx {xlsx_sha[:12]}",
    )


def load(store, export_id: int) -> tuple[ExportData, ExportParams]:
    """An earlier export's data and parameters, exactly as recorded."""
    row = store.export_record(export_id)
    if row is None:
        raise KeyError(f"Ekspor #{export_id} tidak ada.")
    return snapshot_data(row["snapshot"]), params_from_json(row["parameter_json"], row["logo"])


def rebuild(store, export_id: int) -> Documents:
    """Make an earlier export again: same data, same signatories, same date and paper."""
    return build(*load(store, export_id))


@dataclass(frozen=True)
class ExportRecord:
    """One row of the export list, as the page shows it."""

    id: int
    dibuat_pada: datetime
    oleh: str
    tahun: int
    sampai_tw: int
    tanggal: date
    kertas: str
    kepala_dinas: str
    kepala_bappeda: str
    xlsx_sha256: str
    docx_sha256: str
    snapshot_sha256: str


def summary(store, tahun: int | None = None) -> list[ExportRecord]:
    """Every export (newest first) with the signatories and paper it was made with."""
    out = []
    for row in store.export_list(tahun).to_dict("records"):
        params = params_from_json(row["parameter_json"], None)
        out.append(
            ExportRecord(
                id=int(row["id"]),
                dibuat_pada=row["dibuat_pada"],
                oleh=row["oleh"],
                tahun=int(row["tahun"]),
                sampai_tw=int(row["sampai_tw"]),
                tanggal=row["tanggal"],
                kertas=params.kertas,
                kepala_dinas=params.kantor.kepala_dinas.nama,
                kepala_bappeda=params.kantor.kepala_bappeda.nama,
                xlsx_sha256=row["xlsx_sha256"],
                docx_sha256=row["docx_sha256"],
                snapshot_sha256=row["snapshot_sha256"],
            )
        )
    return out


# --- serialisation ------------------------------------------------------------------------
def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """Every setting as plain JSON values (the database URL left out)."""
    if hasattr(settings, "model_dump"):  # a pydantic Settings
        data = settings.model_dump(mode="json")
    else:
        data = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings)}
    return {k: _plain(v) for k, v in data.items() if k not in _NOT_RECORDED}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def settings_from_dict(data: dict[str, Any]) -> Settings:
    """Settings back from ``settings_to_dict`` (unknown keys ignored, missing ones default)."""
    if hasattr(Settings, "model_validate"):
        return Settings.model_validate(data)
    defaults = Settings()
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        if f.name not in data or f.name in _NOT_RECORDED:
            continue
        default, value = getattr(defaults, f.name), data[f.name]
        if isinstance(default, Signatory) and isinstance(value, dict):
            value = Signatory(
                **{k: str(value.get(k, "")) for k in ("jabatan", "nama", "pangkat", "nip")}
            )
        elif isinstance(default, tuple) and isinstance(value, list):
            value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        values[f.name] = value
    return replace(defaults, **values)


def params_to_json(params: ExportParams) -> str:
    return json.dumps(
        {
            "settings": settings_to_dict(params.settings),
            "kantor": json.loads(params.kantor.to_json()),
            "tanggal": params.tanggal.isoformat(),
            "kertas": params.kertas,
            "per_bidang": params.per_bidang,
            "pengaturan_id": params.pengaturan_id,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def params_from_json(text: str, logo: bytes | None) -> ExportParams:
    data = json.loads(text)
    return ExportParams(
        settings=settings_from_dict(data.get("settings", {})),
        kantor=Kantor.from_json(json.dumps(data["kantor"]), logo),
        tanggal=date.fromisoformat(data["tanggal"]),
        kertas=data.get("kertas", "A4"),
        per_bidang=bool(data.get("per_bidang", True)),
        pengaturan_id=data.get("pengaturan_id"),
    )


def _frame_json(frame: pd.DataFrame | None) -> dict | None:
    if frame is None:
        return None
    rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    return {"columns": [str(c) for c in frame.columns], "data": rows}


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return _cell(value.item())
    return value


def _frame_back(data: dict | None) -> pd.DataFrame | None:
    if data is None:
        return None
    return pd.DataFrame(data["data"], columns=data["columns"])


def snapshot_bytes(data: ExportData) -> bytes:
    """The data of an export as gzip JSON (numbers exact, NaN as null), deterministic."""
    document = {
        "format": SNAPSHOT_FORMAT,
        "tahun": data.tahun,
        "sampai_tw": data.sampai_tw,
        "indicators": _frame_json(data.indicators),
        "anggaran": _frame_json(data.anggaran),
        "corrections": [k.as_dict() for k in data.corrections],
        "previous_indicators": _frame_json(data.previous_indicators),
        "previous_anggaran": _frame_json(data.previous_anggaran),
        "problems": [p.as_dict() for p in data.problems],
        "submissions": _frame_json(data.submissions),
        "kelengkapan": data.kelengkapan,
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, allow_nan=False)
    return gzip.compress(text.encode("utf-8"), mtime=0)


def snapshot_data(blob: bytes) -> ExportData:
    document = json.loads(gzip.decompress(blob).decode("utf-8"))
    previous = _frame_back(document.get("previous_indicators"))
    previous_anggaran = _frame_back(document.get("previous_anggaran"))
    submissions = _frame_back(document.get("submissions"))
    if submissions is not None and "uploaded_at" in submissions:
        submissions["uploaded_at"] = [
            datetime.fromisoformat(v) if isinstance(v, str) else v
            for v in submissions["uploaded_at"]
        ]
    return ExportData(
        tahun=int(document["tahun"]),
        sampai_tw=int(document["sampai_tw"]),
        indicators=conform_indicators(pd.DataFrame(**document["indicators"])),
        anggaran=conform_anggaran(pd.DataFrame(**document["anggaran"])),
        corrections=[koreksi.Koreksi.from_dict(k) for k in document.get("corrections", [])],
        previous_indicators=None if previous is None else conform_indicators(previous),
        previous_anggaran=None
        if previous_anggaran is None
        else conform_anggaran(previous_anggaran),
        problems=[Problem(**p) for p in document.get("problems", [])],
        submissions=submissions,
        kelengkapan=str(document.get("kelengkapan", "")),
    )
