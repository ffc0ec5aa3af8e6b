"""Who did what: the audit log's hash chain, its check, and the Riwayat (history) views.

Every entry stores the sha256 of the entry before it (``prev_sha256``) and of its own
content with that link (``sha256``), so an entry edited or deleted in the database breaks
the chain at that point. The id of the newest entry is also kept in ``counters``
(``audit_terakhir``), so entries cut off the end are noticed too. The table is append-only
in the database as well (triggers refuse UPDATE and DELETE, migration 0008); the chain is
what shows tampering by someone who removed them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd
import sqlalchemy as sa

from kinerja_core import clock
from kinerja_core.access import Actor, Aksi, require

GENESIS = "0" * 64  # the link of the first entry
LAST_ID_COUNTER = "audit_terakhir"
_BATCH = 5_000


def _time_text(value: datetime) -> str:
    return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def entry_hash(
    prev: str, at: datetime, who: str, action: str, detail: str, sebelum: str, sesudah: str
) -> str:
    """sha256 of an entry's content together with its link to the entry before it."""
    payload = json.dumps(
        [prev, _time_text(at), who, action, detail, sebelum, sesudah],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def change_text(value: object) -> str:
    """A before/after value as stored: text as is, anything else as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


@dataclass(frozen=True)
class Putus:
    """One broken link: the entry id and what is wrong there (Indonesian)."""

    id: int
    alasan: str


def verify(store) -> tuple[int, list[Putus]]:
    """(entries checked, broken links), reading the whole log in id order in batches."""
    from kinerja_core.store import audit_log, counters

    broken: list[Putus] = []
    prev = GENESIS
    checked = 0
    last_id = 0
    with store.reading() as conn:
        while True:
            rows = (
                conn.execute(
                    audit_log.select()
                    .where(audit_log.c.id > last_id)
                    .order_by(audit_log.c.id)
                    .limit(_BATCH)
                )
                .mappings()
                .all()
            )
            if not rows:
                break
            for row in rows:
                checked += 1
                if row["prev_sha256"] != prev:
                    broken.append(
                        Putus(
                            row["id"],
                            "tautan ke entri sebelumnya tidak cocok: ada entri sebelum ini "
                            "yang dihapus atau diubah",
                        )
                    )
                own = entry_hash(
                    row["prev_sha256"],
                    row["at"],
                    row["who"],
                    row["action"],
                    row["detail"],
                    row["sebelum"],
                    row["sesudah"],
                )
                if own != row["sha256"]:
                    broken.append(Putus(row["id"], "isi entri ini diubah setelah dicatat"))
                prev = row["sha256"]
                last_id = row["id"]
        recorded = conn.execute(
            sa.select(counters.c.value).where(counters.c.name == LAST_ID_COUNTER)
        ).scalar()
    if recorded is not None and recorded > last_id:
        broken.append(
            Putus(
                int(recorded),
                f"entri terakhir yang tercatat adalah #{recorded}, tetapi log berakhir di "
                f"#{last_id}: entri di bagian akhir dihapus",
            )
        )
    return checked, broken


# --- the Riwayat page ---------------------------------------------------------------------------
RIWAYAT_COLUMNS = {
    "at": "Waktu",
    "who": "Oleh",
    "action": "Tindakan",
    "detail": "Rincian",
    "sebelum": "Sebelum",
    "sesudah": "Sesudah",
}


@dataclass(frozen=True)
class Saring:
    """Filters of the history: who, which actions, a date range (office dates, inclusive)."""

    oleh: tuple[str, ...] = ()
    tindakan: tuple[str, ...] = ()
    dari: date | None = None
    sampai: date | None = None


def choices(store, actor: Actor) -> tuple[list[str], list[str], tuple[date, date] | None]:
    """(people, actions, (first, last) office date) present in the log, for the filters."""
    from kinerja_core.store import audit_log

    require(actor, Aksi.LIHAT_RIWAYAT)
    with store.reading() as conn:
        who = sorted(conn.execute(sa.select(audit_log.c.who).distinct()).scalars())
        actions = sorted(conn.execute(sa.select(audit_log.c.action).distinct()).scalars())
        first, last = conn.execute(
            sa.select(sa.func.min(audit_log.c.at), sa.func.max(audit_log.c.at))
        ).one()
    span = (clock.local_date(first), clock.local_date(last)) if first and last else None
    return [w for w in who if w], actions, span


def entries(
    store, actor: Actor, saring: Saring = Saring(), zona: str | None = None
) -> pd.DataFrame:
    """The matching entries, newest first, times shown in the office's zone, with the
    columns of ``RIWAYAT_COLUMNS`` (Indonesian headers) plus ``id``."""
    from kinerja_core.store import audit_log

    require(actor, Aksi.LIHAT_RIWAYAT)
    query = sa.select(audit_log.c.id, *[audit_log.c[c] for c in RIWAYAT_COLUMNS])
    if saring.oleh:
        query = query.where(audit_log.c.who.in_(saring.oleh))
    if saring.tindakan:
        query = query.where(audit_log.c.action.in_(saring.tindakan))
    if saring.dari:
        query = query.where(
            audit_log.c.at >= clock.to_utc(datetime.combine(saring.dari, time()), zona)
        )
    if saring.sampai:
        end = datetime.combine(saring.sampai + timedelta(days=1), time())
        query = query.where(audit_log.c.at < clock.to_utc(end, zona))
    with store.reading() as conn:
        rows = conn.execute(query.order_by(audit_log.c.id.desc())).mappings().all()
    frame = pd.DataFrame([dict(r) for r in rows], columns=["id", *RIWAYAT_COLUMNS])
    frame["at"] = [clock.fmt_waktu(value, zona) for value in frame["at"]]
    return frame.rename(columns={**RIWAYAT_COLUMNS, "id": "No."})


def last_id(store) -> int:
    """The newest entry's id (0 for an empty log): a cheap key for a cached check."""
    from kinerja_core.store import audit_log

    with store.reading() as conn:
        return int(conn.execute(sa.select(sa.func.max(audit_log.c.id))).scalar() or 0)
