"""Finding the header of a performance table and naming its columns.

One reader for every shape: the header row is the row whose cells name the most known
columns; rows under it made of short labels ("I", "II", "K", "Rp") or column numbers are
folded into it, spreading a merged group label ("Realisasi Kinerja pada Triwulan") over the
cells it spans. Each column's combined label is then mapped to a canonical field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kinerja_core.ingest.values import cell_text

# Canonical fields a column can feed ("_ignored" = known but recomputed / not used).
IGNORED = "_ignored"
FIELD_LABELS = {
    "no": "No",
    "kode": "Kode",
    "uraian": "Program / Kegiatan / Sub Kegiatan",
    "indikator": "Indikator",
    "satuan": "Satuan",
    "polaritas": "Polaritas",
    "agregasi": "Cara Agregasi",
    "target": "Target",
    "realisasi_tw1": "Realisasi TW I",
    "realisasi_tw2": "Realisasi TW II",
    "realisasi_tw3": "Realisasi TW III",
    "realisasi_tw4": "Realisasi TW IV",
    "pagu": "Pagu (Rp)",
}
EXPECTED_COLUMNS_TEXT = (
    "Kode, Program/Kegiatan, Indikator, Satuan, Target, Realisasi TW I–IV "
    "(boleh juga Polaritas, Cara Agregasi, Pagu, Realisasi Anggaran TW I–IV)"
)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_TW = re.compile(r"\b(?:triwulan|tw|trw|tri wulan|twl)\s*(iv|iii|ii|i|[1-4])\b")
_SUBLABEL = re.compile(
    r"^(?:(?:tw|triwulan|trw)\s*)?(?:i|ii|iii|iv|[1-4])$|^(?:k|rp|\(k\)|\(rp\)|kinerja|"
    r"keuangan|anggaran|fisik|target|realisasi|%|persen|capaian|rp\.|k\.)$"
)
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?(?:\s*=.*)?$")


def norm_label(value: object) -> str:
    """'Real. TW-1' → 'real tw 1'; 'Pagu (Rp)' → 'pagu rp'."""
    text = cell_text(value).casefold()
    text = text.replace("s/d", " sd ").replace("%", " persen ")
    text = re.sub(r"[^\w]+", " ", text)
    text = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _tw(label: str) -> int | None:
    match = _TW.search(label)
    if match:
        return _ROMAN[match.group(1)]
    return None


def classify(label: str) -> str | None:
    """Map a normalized (combined) header label to a canonical field, or None."""
    if not label:
        return None
    words = label.split()
    last = words[-1]
    rupiah = last in ("rp", "rupiah") or (" rp " in f" {label} " and last != "k")
    kinerja_k = last == "k"

    if label in ("no", "nomor", "no urut", "nmr") or label.startswith("no urut"):
        return "no"
    if words[0] in ("kode", "kd") and len(words) <= 4:
        return "kode"
    # E.81 computed columns 12–15 and our own computed ones: recomputed, never read.
    if "tingkat capaian" in label or label.startswith(("capaian", "predikat", "gap")):
        return IGNORED
    if "renja" in label and "dievaluasi" in label and "realisasi" in label:
        return IGNORED  # E.81 col 12: realisasi capaian kinerja dan anggaran renja dievaluasi
    if (
        "renstra" in label
        and ("sd tahun" in label or "tahun berjalan" in label)
        and "tahun lalu" not in label
    ):
        return IGNORED  # E.81 col 14
    if "tahun lalu" in label or ("renstra" in label and "realisasi" in label):
        return IGNORED if rupiah else "realisasi_renstra_lalu"
    if "target" in label and "renstra" in label:
        return IGNORED if rupiah else "target_renstra"
    if label.startswith("sasaran"):
        return "sasaran"
    if "faktor pendorong" in label or label == "pendorong":
        return "faktor_pendorong"
    if "penghambat" in label:
        return "faktor_penghambat"
    if "tindak lanjut" in label or "rekomendasi" in label:
        return "tindak_lanjut"
    if "penanggung jawab" in label or label.startswith(("unit", "bidang", "pelaksana")):
        return "bidang"
    if label.startswith(("keterangan", "ket")) and len(words) <= 2:
        return "keterangan"
    if label.startswith(("polaritas", "sifat", "arah")):
        return "polaritas"
    if "agregasi" in label or label.startswith(("cara hitung", "cara perhitungan", "metode")):
        return "agregasi"
    if label.startswith(("satuan", "sat")) and len(words) <= 2:
        return "satuan"
    if "indikator" in label:
        return "indikator"
    if label.startswith(("pagu", "alokasi", "dpa")) or label in ("anggaran", "anggaran rp"):
        return "pagu"
    tw = _tw(label)
    if "target" in label:
        if rupiah:
            return "pagu" if tw is None else IGNORED
        return "target" if tw is None else f"target_tw{tw}"
    if tw is not None and (
        "realisasi" in label
        or label.startswith(("real", "triwulan", "tw", "trw"))
        or "capaian" not in label
    ):
        if rupiah or ("anggaran" in label and not kinerja_k) or "keuangan" in label:
            return f"anggaran_tw{tw}"
        return f"realisasi_tw{tw}"
    if label.startswith(("program", "kegiatan", "sub kegiatan", "uraian", "nama program")):
        return "uraian"
    return None


@lru_cache(maxsize=4096)
def classify_cell(text: str) -> str | None:
    """``classify`` of a raw header cell (cached: the same titles recur in every file)."""
    return classify(norm_label(text))


def is_sublabel_row(cells: list[object]) -> bool:
    """A row of short header labels ('I', 'II', 'K', 'Rp') or column numbers (1, 2, 3 …)."""
    texts = [cell_text(c) for c in cells]
    filled = [t for t in texts if t]
    if not filled:
        return False
    labels = [norm_label(t) for t in filled]
    if all(_SUBLABEL.match(lb) for lb in labels):
        return True
    return is_numbering_row(cells)


def is_numbering_row(cells: list[object]) -> bool:
    """'1 2 3 … 11' or '(1) (2) …' under a header: column numbers, not data."""
    filled = [cell_text(c) for c in cells if cell_text(c)]
    if len(filled) < 3 or not all(_NUMBERING.match(t) for t in filled):
        return False
    numbers = [int(re.match(r"\(?(\d+)", t).group(1)) for t in filled]
    return numbers == sorted(numbers) and numbers[0] <= 2 and len(set(numbers)) == len(numbers)


@dataclass
class Header:
    """A recognised header: where it is and which column feeds which field."""

    row: int  # index of the (first) header row in the grid
    n_rows: int  # header rows including sub-label / numbering rows
    labels: list[str]  # combined display label per column
    fields: dict[str, int] = field(default_factory=dict)  # field -> column index
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    unknown: list[int] = field(default_factory=list)  # columns with a label we do not read

    @property
    def is_indicator_table(self) -> bool:
        has_numbers = "target" in self.fields or any(
            f"realisasi_tw{n}" in self.fields for n in range(1, 5)
        )
        return "indikator" in self.fields and has_numbers

    @property
    def is_anggaran_table(self) -> bool:
        has_rp = "pagu" in self.fields or any(f"anggaran_tw{n}" in self.fields for n in range(1, 5))
        return "indikator" not in self.fields and has_rp and "kode" in self.fields


def _score(row: list[object]) -> tuple[int, dict[str, int]]:
    fields: dict[str, int] = {}
    for index, cell in enumerate(row):
        if not isinstance(cell, str) or not cell.strip() or len(cell) > 200:
            continue  # numbers and sentences are never column titles
        name = classify_cell(cell)
        if name and name != IGNORED and name not in fields:
            fields[name] = index
    score = len(fields)
    if "indikator" in fields:
        score += 3
    # A group label with no TW yet ("Realisasi Kinerja pada Triwulan") still hints a header.
    if any(isinstance(c, str) and "realisasi" in c.casefold() for c in row):
        score += 1
    return score, fields


def find_header(rows: list[list[object]], scan: int = 40) -> Header | None:
    """The best header in the first ``scan`` rows, with its sub-label rows folded in."""
    best: tuple[int, int] | None = None
    for index, row in enumerate(rows[:scan]):
        if best is not None and index > best[1] + 5:
            break  # data rows below a header never make a better header
        score, fields = _score(row)
        looks_table = "indikator" in fields or (
            "kode" in fields and ("pagu" in fields or "anggaran_tw1" in fields)
        )
        if looks_table and len(fields) >= 3 and (best is None or score > best[0]):
            best = (score, index)
    if best is None:
        return None
    start = best[1]
    block = [start]
    for index in range(start + 1, min(start + 4, len(rows))):
        if is_sublabel_row(rows[index]):
            block.append(index)
        else:
            break
    return build_header(rows, block)


def build_header(rows: list[list[object]], block: list[int]) -> Header:
    width = max(len(rows[i]) for i in block)
    grid = [[cell_text(c) for c in rows[i]] + [""] * (width - len(rows[i])) for i in block]
    label_rows = [r for r in grid if not is_numbering_row(r)]
    # Spread merged group labels to the right, never across the start of an upper group.
    filled: list[list[str]] = []
    for level, row in enumerate(label_rows):
        below_has = [
            any(label_rows[k][c] for k in range(level + 1, len(label_rows))) for c in range(width)
        ]
        new_row = list(row)
        for c in range(1, width):
            if new_row[c] or not below_has[c]:
                continue
            # Continue the group on the left only when every row above continues too.
            if all(not label_rows[k][c] and filled[k][c] == filled[k][c - 1] for k in range(level)):
                new_row[c] = new_row[c - 1]
        filled.append(new_row)
    labels = [" ".join(r[c] for r in filled if r[c]).strip() for c in range(width)]
    header = Header(row=block[0], n_rows=len(block), labels=labels)
    for index, label in enumerate(labels):
        if not label:
            continue
        name = classify(norm_label(label))
        if name is None:
            header.unknown.append(index)
        elif name == IGNORED:
            continue
        elif name in header.fields:
            header.duplicates.append((name, index))
        else:
            header.fields[name] = index
    return header
