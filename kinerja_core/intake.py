"""Storing many submissions at once, as the Pengumpulan Data page stores one (the ``impor`` CLI).

Each file is read in the safe worker, checked against its year's rencana and kept with its
original bytes as the next version of its bidang (with errors: kept as an archive, rows not
used), exactly as the page's *Simpan* does. What the page leaves to the operator is decided
here without asking:

- a year with no rencana yet: the files define it and its bidang (as the demo seeding does):
  a file names its bidang in its metadata or its title ("BIDANG X — TAHUN ANGGARAN 2024"
  names "Bidang X"), and the rencana is the files' indicators and pagu without realisasi;
- a year with a rencana: a file whose bidang, or one of whose rows' bidang, is not in it is
  refused with a message naming that bidang, so every stored row belongs to a bidang the
  pages show;
- a file with no recognisable bidang or tahun is refused (the page would ask);
- a file whose exact bytes are already the latest version of its bidang is not stored again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from kinerja_core.access import Actor, AksesDitolak, Aksi, can, require
from kinerja_core.ingest import IngestResult, apply_rencana, read_uploads_safely, rencana_index
from kinerja_core.ingest.bidang import title_bidang
from kinerja_core.ingest.rencana import RencanaIndex
from kinerja_core.model import Problem
from kinerja_core.store import Store

# Outcome.status values
SAVED = "tersimpan"  # usable: its rows are used in the analysis
ARCHIVED = "arsip"  # stored with its errors; rows not used until a corrected version comes
REFUSED = "ditolak"  # not stored; ``reason`` says why and how to fix it
UNCHANGED = "sama"  # the same bytes are already the latest version of that bidang


@dataclass
class Outcome:
    """What happened to one file."""

    filename: str
    status: str
    reason: str = ""
    bidang: str = ""
    tahun: int | None = None
    version: int = 0
    submission_id: int = 0
    result: IngestResult | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def stored(self) -> bool:
        return self.status in (SAVED, ARCHIVED)


@dataclass
class _File:
    content: bytes
    filename: str
    sha256: str
    result: IngestResult | None = None
    tahun: int | None = None


def known_bidang(plans: dict[int, pd.DataFrame]) -> tuple[str, ...]:
    """Every bidang of every stored year's rencana, in first-seen order."""
    names: dict[str, None] = {}
    for plan in plans.values():
        for name in plan["bidang"]:
            if name:
                names.setdefault(name, None)
    return tuple(names)


def import_files(
    store: Store,
    items: Sequence[tuple[bytes, str]],
    *,
    tahun: int | None = None,
    actor: Actor,
) -> list[Outcome]:
    """Read, check and store ``items`` ((bytes, file name) pairs) as ``actor``; one Outcome
    per item. ``tahun`` is the year of files that do not say theirs. A file of a bidang the
    actor may not upload for (a Kabid's other bidang) is refused by name.
    """
    require(actor, Aksi.UNGGAH)
    files = [_File(content, name, hashlib.sha256(content).hexdigest()) for content, name in items]
    plans = {year: store.rencana(year)[0] for year in store.years()}
    plans = {year: plan for year, plan in plans.items() if len(plan)}
    known = known_bidang(plans)
    results = read_uploads_safely(
        [(f.content, f.filename) for f in files], tahun=tahun, known_bidang=known
    )
    for item, result in zip(files, results, strict=True):
        item.result = result
        item.tahun = result.tahun or tahun
    _name_bidang_from_titles(files, plans, tahun, known)

    allowed = {year: set(plan["bidang"]) for year, plan in plans.items()}
    for year in sorted({f.tahun for f in files if f.tahun and f.tahun not in plans}):
        mine = [f for f in files if f.tahun == year]
        plan = _define_rencana(store, mine, year, actor)
        if plan is not None:
            plans[year] = plan
            # a file of this year with errors is archived under the bidang it names
            allowed[year] = set(plan["bidang"]) | {f.result.bidang for f in mine if f.result}

    indexes = {year: rencana_index(plan) for year, plan in plans.items()}  # once per year
    outcomes = []
    for item in files:
        index = indexes.get(item.tahun) if item.tahun else None
        outcomes.append(_store_one(store, item, index, allowed.get(item.tahun or 0), actor))
    return outcomes


def _refuse(item: _File, reason: str) -> Outcome:
    result = item.result
    return Outcome(
        filename=item.filename,
        status=REFUSED,
        reason=reason,
        bidang=result.bidang if result else "",
        tahun=item.tahun,
        result=result,
        problems=list(result.problems) if result else [],
    )


def _name_bidang_from_titles(
    files: list[_File], plans: dict[int, pd.DataFrame], tahun: int | None, known: tuple
) -> None:
    """Files of a year without rencana that name an unknown bidang in their title: read
    again with that bidang chosen, as an operator would pick it on the page."""
    again = []
    for item in files:
        result = item.result
        if result is None or result.bidang or (item.tahun in plans):
            continue
        named = title_bidang(result.titles)
        if named:
            again.append((item, named))
    for item, named in again:
        result = read_uploads_safely(
            [(item.content, item.filename)], bidang=named, tahun=tahun, known_bidang=known
        )[0]
        item.result = result
        item.tahun = result.tahun or tahun


def _define_rencana(
    store: Store, files: list[_File], tahun: int, actor: Actor
) -> pd.DataFrame | None:
    """The rencana of ``tahun`` from its readable files (the year had none); None when no
    file can define it or the actor may not define a rencana."""
    from kinerja_core.rencana import rencana_from_uploads

    if not can(actor, Aksi.UBAH_RENCANA):
        return None
    usable = [f.result for f in files if f.result is not None and f.result.ok and f.result.bidang]
    if not usable:
        return None
    indicators, anggaran, _ = rencana_from_uploads(usable, tahun)
    store.set_rencana(tahun, indicators, anggaran, actor=actor)
    return indicators


def _store_one(
    store: Store,
    item: _File,
    plan: RencanaIndex | None,
    allowed: set[str] | None,
    actor: Actor,
) -> Outcome:
    result = item.result
    assert result is not None
    if item.tahun is None:
        return _refuse(
            item,
            "Tahun tidak dikenali dari berkas. Sebutkan dengan --tahun T, atau tulis tahun di "
            "judul sheet (mis. 'TAHUN ANGGARAN 2024').",
        )
    bidang = result.bidang
    named = bidang or result.bidang_disebut or title_bidang(result.titles)  # known or not
    if not bidang and not (named and allowed is not None and named not in allowed):
        return _refuse(
            item,
            "Bidang tidak dikenali dari berkas (metadata, judul, kolom penanggung jawab, nama "
            "berkas). Tulis nama bidang di judul sheet, mis. 'BIDANG STATISTIK — TAHUN "
            "ANGGARAN 2024'.",
        )
    if allowed is not None:
        outside = [named] if named not in allowed else []
        outside += sorted({b for b in result.indicators["bidang"] if b and b not in allowed})
        outside = list(dict.fromkeys(outside))
        if outside:
            names = ", ".join(f"'{name}'" for name in outside)
            return _refuse(
                item,
                f"Bidang {names} tidak ada dalam rencana tahun {item.tahun}. Perbaiki nama "
                "bidang di berkas (judul atau metadata) agar sama dengan rencana, atau "
                "tambahkan bidang itu ke rencana di halaman Rencana lebih dulu.",
            )
    if not can(actor, Aksi.UNGGAH, bidang or named):
        return _refuse(item, _refusal(actor, bidang or named))
    if plan is not None and len(plan):
        result = apply_rencana(result, plan)
    latest = _latest_version(store, item.tahun, bidang)
    if latest is not None and latest[1] == item.sha256:
        return Outcome(
            filename=item.filename,
            status=UNCHANGED,
            reason=f"Berkas yang sama sudah tersimpan sebagai versi {latest[0]}; tidak disimpan "
            "lagi.",
            bidang=bidang,
            tahun=item.tahun,
            version=latest[0],
            result=result,
            problems=list(result.problems),
        )
    submission_id = store.add_submission(
        tahun=int(item.tahun),
        bidang=bidang,
        filename=item.filename,
        content=item.content,
        actor=actor,
        indicators=result.indicators,
        anggaran=result.anggaran,
        problems=result.problems,
        shape=result.shape,
    )
    stored = _latest_version(store, item.tahun, bidang)
    return Outcome(
        filename=item.filename,
        status=SAVED if result.ok else ARCHIVED,
        bidang=bidang,
        tahun=item.tahun,
        version=stored[0] if stored else 0,
        submission_id=submission_id,
        result=result,
        problems=list(result.problems),
    )


def _latest_version(store: Store, tahun: int, bidang: str) -> tuple[int, str] | None:
    """(version, sha256) of the bidang's latest submission of the year."""
    found = store.latest_submission(tahun, bidang)
    return None if found is None else (int(found["version"]), str(found["sha256"]))


def _refusal(actor: Actor, bidang: str) -> str:
    try:
        require(actor, Aksi.UNGGAH, bidang)
    except AksesDitolak as error:
        return str(error)
    return ""
