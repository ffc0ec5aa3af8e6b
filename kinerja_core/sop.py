"""The SOP against its Mutu Baku: per step, when it started and finished, from recorded events.

The 11 steps of SOP Pengumpulan Data Kinerja with their standard times. What the app records
itself gives the times: the disposisi (1), the submissions (5), the first document made (6),
the document's transitions (7-9, 11) and the surat pengantar (10). What happens outside the
app (the format made and distributed, the rapat held: 2-4) the Kasubag records with
``catat_langkah``; for the rapat, the notes written during it stand in when nothing is recorded.
Times are stored UTC; the page shows them in the office's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from kinerja_core import access, disposisi, dokumen, surat, tracker
from kinerja_core.access import Actor, Aksi


@dataclass(frozen=True)
class Langkah:
    nomor: int
    nama: str
    baku: timedelta
    baku_teks: str


LANGKAH: tuple[Langkah, ...] = (
    Langkah(1, "Menerima disposisi", timedelta(minutes=5), "5 menit"),
    Langkah(2, "Membuat format pengumpulan data", timedelta(minutes=60), "60 menit"),
    Langkah(3, "Mendistribusikan format ke bidang", timedelta(minutes=15), "15 menit"),
    Langkah(4, "Rapat koordinasi", timedelta(minutes=180), "180 menit"),
    Langkah(5, "Mengumpulkan data dari bidang", timedelta(days=2), "2 hari"),
    Langkah(6, "Menganalisis data", timedelta(days=1), "1 hari"),
    Langkah(7, "Menyusun dan mengoreksi konsep dokumen", timedelta(days=2), "2 hari"),
    Langkah(
        8,
        "Menyampaikan kepada Kepala Dinas (paraf, persetujuan)",
        timedelta(minutes=60),
        "60 menit",
    ),  # fmt: skip
    Langkah(9, "Penandatanganan dokumen", timedelta(minutes=30), "30 menit"),
    Langkah(10, "Membuat surat pengantar bernomor", timedelta(minutes=10), "10 menit"),
    Langkah(11, "Mengirim dan mengarsipkan", timedelta(minutes=5), "5 menit"),
)
MANUAL = frozenset({2, 3, 4})  # steps that happen outside the app

SESUAI = "sesuai mutu baku"
MELEBIHI = "melebihi mutu baku"
BERJALAN = "sedang berjalan"
BELUM = "belum tercatat"
TIDAK_URUT = "selesai sebelum mulai (periksa waktu yang dicatat)"

COLUMNS = ["langkah", "nama", "mutu_baku", "baku", "mulai", "selesai", "durasi", "status"]


class SopError(ValueError):
    """A step time that cannot be recorded (Indonesian)."""


def catat_langkah(
    store,
    actor: Actor,
    tahun: int,
    sampai_tw: int,
    langkah: int,
    mulai: datetime,
    selesai: datetime | None,
) -> int:
    """Record a step the app cannot observe (2-4); times are stored (UTC) times."""
    access.require(actor, Aksi.BUKA_PERIODE)
    if langkah not in MANUAL:
        raise SopError(f"Langkah {langkah} dicatat otomatis oleh aplikasi.")
    if selesai is not None and selesai < mulai:
        raise SopError("Waktu selesai lebih awal dari waktu mulai.")
    return store.add_sop_langkah(
        {
            "tahun": tahun,
            "sampai_tw": sampai_tw,
            "langkah": langkah,
            "mulai": mulai,
            "selesai": selesai,
        },
        actor.label,
    )


def timeline(store, tahun: int, sampai_tw: int, now: datetime | None = None) -> pd.DataFrame:
    """One row per SOP step: standard time, start, finish, duration and status."""
    from kinerja_core.clock import utc_now

    now = now or utc_now()
    times: dict[int, tuple[datetime | None, datetime | None]] = {}
    order = disposisi.berlaku(store, tahun)
    if order is not None:
        times[1] = (order["diterima_pada"], order["dicatat_pada"])
    manual = {row["langkah"]: (row["mulai"], row["selesai"]) for row in
              store.sop_langkah_rows(tahun, sampai_tw)}  # fmt: skip
    times.update(manual)
    if 4 not in times:
        notes = store.notes(tahun)
        if len(notes):
            notes = notes[notes["sampai_tw"] == sampai_tw]
        if len(notes):
            times[4] = (_dt(notes["dibuat_pada"].min()), _dt(notes["dibuat_pada"].max()))
    opened = times.get(1, (None, None))[1] or _period_opened(store, tahun)
    collected = _collection_done(store, tahun)
    first_sent = _first_submission(store, tahun)
    if opened is None or (first_sent is not None and first_sent < opened):
        opened = first_sent  # data already coming in before the period was recorded
    times[5] = (opened, collected)
    first_export = _first_export(store, tahun, sampai_tw, collected)
    times[6] = (collected, first_export)
    state = dokumen.keadaan(store, tahun, sampai_tw)
    approved = state.approved()
    submitted = None
    if approved is not None:
        submitted = _event_time(state, Aksi.AJUKAN, approved.versi)
    else:
        submitted = _event_time(state, Aksi.AJUKAN)
    times[7] = (first_export, submitted)
    setuju = _event_time(state, Aksi.SETUJUI)
    times[8] = (submitted, setuju)
    signed = _event_time(state, Aksi.TANDATANGANI)
    times[9] = (setuju, signed)
    letter = surat.pengantar_periode(store, tahun, sampai_tw)
    letter_time = letter["dibuat_pada"] if letter else None
    times[10] = (signed, letter_time)
    times[11] = (letter_time, _event_time(state, Aksi.KIRIM))
    rows = []
    for step in LANGKAH:
        mulai, selesai = times.get(step.nomor, (None, None))
        rows.append(_row(step, mulai, selesai, now))
    return pd.DataFrame(rows, columns=COLUMNS)


def _row(step: Langkah, mulai, selesai, now: datetime) -> dict:
    if mulai is None:
        durasi, status = None, BELUM
    elif selesai is None:
        durasi, status = now - mulai, BERJALAN
    elif selesai < mulai:  # e.g. data entered before the disposisi was recorded
        durasi, status = None, TIDAK_URUT
    else:
        durasi = selesai - mulai
        status = SESUAI if durasi <= step.baku else MELEBIHI
    return {
        "langkah": step.nomor,
        "nama": step.nama,
        "mutu_baku": step.baku_teks,
        "baku": step.baku,
        "mulai": mulai,
        "selesai": selesai,
        "durasi": durasi,
        "status": status,
    }


def durasi_teks(value: timedelta | None) -> str:
    """'2 hari 3 jam', '45 menit', '–'."""
    if value is None or pd.isna(value):
        return "–"
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} hari")
    if hours:
        parts.append(f"{hours} jam")
    if mins or not parts:
        parts.append(f"{mins} menit")
    return " ".join(parts)


def figure(frame: pd.DataFrame, zona: str | None = None):
    """The timeline as a Plotly Gantt: one bar per step that started, coloured by status."""
    import plotly.graph_objects as go

    from kinerja_core import clock

    colours = {SESUAI: "#2e7d32", MELEBIHI: "#c62828", BERJALAN: "#f9a825"}
    fig = go.Figure()
    now = clock.utc_now()
    for status, colour in colours.items():
        part = frame[frame["status"] == status]
        if part.empty:
            continue
        starts = [clock.to_local(m, zona).replace(tzinfo=None) for m in part["mulai"]]
        ends = [
            clock.to_local(s if s is not None and not pd.isna(s) else now, zona).replace(
                tzinfo=None
            )
            for s in part["selesai"]
        ]
        fig.add_trace(
            go.Bar(
                name=status,
                y=[f"{n}. {name}" for n, name in zip(part["langkah"], part["nama"], strict=True)],
                x=[(e - s).total_seconds() * 1000 for s, e in zip(starts, ends, strict=True)],
                base=starts,
                orientation="h",
                marker_color=colour,
                customdata=[
                    [baku, durasi_teks(d)]
                    for baku, d in zip(part["mutu_baku"], part["durasi"], strict=True)
                ],
                hovertemplate="%{y}<br>mutu baku %{customdata[0]}, nyata %{customdata[1]}"
                "<extra></extra>",
            )
        )
    labels = [f"{n}. {name}" for n, name in zip(frame["langkah"], frame["nama"], strict=True)]
    fig.update_yaxes(
        categoryorder="array", categoryarray=labels[::-1], type="category", automargin=True
    )
    fig.update_xaxes(type="date")
    fig.update_layout(
        barmode="overlay",
        height=420,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "xanchor": "left"},
    )
    return fig


def _dt(value) -> datetime | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).to_pydatetime()


def _period_opened(store, tahun: int) -> datetime | None:
    period = store.period(tahun)
    return period["dibuka_pada"] if period else None


def _collection_done(store, tahun: int) -> datetime | None:
    """When the last bidang's first usable submission arrived, once every bidang has one."""
    submissions = store.submissions(tahun)
    if submissions.empty:
        return None
    cover = tracker.coverage(submissions, store.rencana_bidang(tahun))
    if not cover.complete:
        return None
    usable = submissions[submissions["usable"].astype(bool)]
    if usable.empty:
        return None
    return _dt(usable.groupby("bidang")["uploaded_at"].min().max())


def _first_submission(store, tahun: int) -> datetime | None:
    submissions = store.submissions(tahun)
    return None if submissions.empty else _dt(submissions["uploaded_at"].min())


def _first_export(store, tahun: int, sampai_tw: int, after: datetime | None) -> datetime | None:
    made = store.export_list(tahun)
    if made.empty:
        return None
    made = made[made["sampai_tw"] == sampai_tw]
    if after is not None:
        made = made[pd.to_datetime(made["dibuat_pada"]) >= pd.Timestamp(after)]
    return _dt(made["dibuat_pada"].min()) if len(made) else None


def _event_time(state: dokumen.Keadaan, aksi: Aksi, versi: int | None = None):
    event = state.event(aksi, versi)
    return event.pada if event else None
