"""Finding the header of a performance table and naming its columns.

One reader for every shape. The header row is the row whose cells name the most known
columns; the rows under it that are still header — group labels, the numerals I…IV (also on
a row that carries other labels such as Visi, Misi, Sasaran), the sub-labels K / Rp / %
("Rp. (000)", "Rp (juta)", "K Rp", "Kinerja / Anggaran", "Satuan"), years of a multi-year
table, and a row of column numbers 1…15 — are folded into it, up to five rows deep. Merged
cells spread their label over the columns they span (and a merged "K Rp" pair label gives
its first column K and its second Rp). Each column's labels, top to bottom, are then mapped
to a canonical field.

Targets are chosen by meaning, not position (``Header.resolve_targets``): an E.81 carries
the five-year target (Renstra / RPJMD, "Akhir Periode", "2016–2021") beside the annual one
(Renja / RKPD, "Tahun Berjalan", "yang Dievaluasi", "Tahun n" or just the year); a
multi-year table gives one column per year. The evaluated year's annual column is the
target; when that is still ambiguous the columns are named in an error.
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
# The file's own results, read to check ours (E.81 columns 12 and 12/7, or "Capaian (%)").
OWN_TOTALS = ("realisasi_total", "anggaran_total", "capaian_total")
CAPAIAN_TW = [f"capaian_tw{n}" for n in range(1, 5)]

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_TW = re.compile(r"\b(?:triwulan|tw|trw|tri wulan|twl)\s*(iv|iii|ii|i|[1-4])\b")
_NUMERAL = re.compile(r"^(?:(?:tw|triwulan|trw)\s*)?(iv|iii|ii|i|[1-4])$")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_YEAR_RANGE = re.compile(r"(?<!\d)(20\d\d)\s*(?:-|–|—|s ?d|sampai|/)\s*(20\d\d)(?!\d)")
# '7', '(7)', '13 = 6 + 12', '14 = 13 / 5 × 100%', and an extra column's 'tambahan: 12 / 7'
_NUMBERING = re.compile(r"^(?:[a-z]+:\s*)?\(?\d{1,2}\)?(?:\s*[=/].*)?$", re.IGNORECASE)

# Sub-labels: what a column under a group measures.
K, RP, PCT, SAT = "k", "rp", "pct", "satuan"
_MEASURES = {
    "k": K,
    "k.": K,
    "(k)": K,
    "kinerja": K,
    "fisik": K,
    "target": K,
    "realisasi": K,
    "rp": RP,
    "rp.": RP,
    "(rp)": RP,
    "rupiah": RP,
    "anggaran": RP,
    "keuangan": RP,
    "%": PCT,
    "(%)": PCT,
    "persen": PCT,
    "capaian": PCT,
    "capaian (%)": PCT,
    "satuan": SAT,
    "sat": SAT,
    "sat.": SAT,
}
_RP_SCALED = re.compile(
    r"^\(?rp\.?\s*\(?\s*(?P<size>000|000\.000|ribu|ribuan|juta|jutaan|miliar|milyar)\s*\)?\)?$"
    r"|^\(?(?P<size2>ribuan|jutaan|ribu|juta)\s*(?:rupiah|rp)\)?$"
)
# Sub-labels "Anggaran (Rp)", "Anggaran (Rp. 000)", "Keuangan (Rp juta)": the unit in brackets
_RP_WORDED = re.compile(r"^(?:anggaran|keuangan)\s*\(?\s*(?:rp\.?|rupiah)(?![a-z])")
_PAIR = re.compile(
    r"^(?:k|kinerja)\s*(?:/|\||dan|&|,)?\s*(?:rp|anggaran|keuangan)"
    r"(?:\s*(?:000|ribu|ribuan|juta|jutaan|miliar|milyar))?$"
)
_PAIR_HEAD = re.compile(r"^\s*(?:k|kinerja)\b[\s/|&,]*(?:dan\s+)?", re.IGNORECASE)


def split_pair(text: str) -> tuple[str, str]:
    """'K Rp (juta)' → ('K', 'Rp (juta)'): a pair label over two columns, K then Rp."""
    rest = _PAIR_HEAD.sub("", text).strip() or "Rp"
    return "K", rest


_FIVE_YEAR = ("renstra", "rpjmd", "rpjm", "akhir periode", "lima tahun", "5 tahun")
_ANNUAL = ("renja", "rkpd", "tahun berjalan", "dievaluasi", "tahun n", "tahunan")


def norm_label(value: object) -> str:
    """'Real. TW-1' → 'real tw 1'; 'Pagu (Rp)' → 'pagu rp'."""
    text = cell_text(value).casefold()
    text = text.replace("s/d", " sd ").replace("s.d.", " sd ").replace("%", " persen ")
    text = re.sub(r"[^\w]+", " ", text)
    text = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _tw(label: str) -> int | None:
    match = _TW.search(label)
    if match:
        return _ROMAN[match.group(1)]
    return None


def rp_scale(label: str) -> float:
    """Rupiah per unit written in a Rp column: 'Rp. (000)' → 1.000, 'Rp (juta)' → 10⁶."""
    text = cell_text(label).casefold()
    if "rp" not in text and "rupiah" not in text:
        return 1.0
    if re.search(r"\bmil[iy]ar\b", text):
        return 1e9
    if re.search(r"\bjuta(?:an)?\b|000\.000", text):
        return 1e6
    if re.search(r"\bribu(?:an)?\b|\(\s*000\s*\)|\brp\.?\s*000\b", text):
        return 1e3
    return 1.0


def measure_of(text: object) -> str:
    """K, RP, PCT or SAT for a sub-label cell ('Rp. (000)' is RP), else ''."""
    raw = cell_text(text).casefold().strip()
    if not raw:
        return ""
    if raw in _MEASURES:
        return _MEASURES[raw]
    if _RP_SCALED.match(raw) or _RP_WORDED.match(raw):
        return RP
    label = norm_label(raw)
    if label in _MEASURES:
        return _MEASURES[label]
    if label in ("k persen", "capaian persen", "persentase", "tingkat capaian"):
        return PCT
    return ""


def classify(label: str, measure: str = "") -> str | None:
    """Map a normalized (combined) header label to a canonical field, or None.

    ``measure`` is the column's sub-label (K, RP, PCT) when it has one: it decides between
    kinerja, anggaran and capaian, whatever words the group labels above it carry ("Target
    Kinerja dan Anggaran …", "Kinerja dan Anggaran"); without it the label's words decide.
    """
    if not label:
        return None
    words = label.split()
    last = words[-1]
    if measure:
        rupiah, kinerja_k, percent = measure == RP, measure == K, measure == PCT
    else:
        rupiah = last in ("rp", "rupiah") or (" rp " in f" {label} " and last != "k")
        kinerja_k = last == "k"
        percent = last == "persen"

    if label in ("no", "nomor", "no urut", "nmr") or label.startswith("no urut"):
        return "no"
    if words[0] in ("kode", "kd") and len(words) <= 4:
        return "kode"
    five = "renstra" in label or "rpjmd" in label or "rpjm" in label
    if ("renja" in label or "rkpd" in label) and not five:
        if "tingkat capaian" in label:
            return IGNORED if rupiah else "capaian_total"  # E.81 12 / 7 (%)
        if "dievaluasi" in label and "realisasi" in label and "target" not in label:
            if percent:
                return "capaian_total"
            return "anggaran_total" if rupiah else "realisasi_total"  # E.81 column 12
    if "tingkat capaian" in label:
        return IGNORED  # E.81 column 14 (Renstra / RPJMD to date)
    if five and ("sd tahun" in label or "tahun berjalan" in label) and "tahun lalu" not in label:
        return IGNORED  # E.81 column 13
    if "tahun lalu" in label or (five and "realisasi" in label):
        return "realisasi_renstra_lalu_rp" if rupiah else "realisasi_renstra_lalu"
    if "target" in label and five:
        return "target_renstra_rp" if rupiah else "target_renstra"
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
    if label.startswith(("capaian", "predikat", "gap")) or label in ("persen capaian",):
        if tw is not None and "predikat" not in label and "gap" not in label:
            return f"capaian_tw{tw}"
        return "capaian_total" if label.startswith("capaian") and not rupiah else IGNORED
    if "target" in label:
        if rupiah:
            return "pagu" if tw is None else IGNORED
        return "target" if tw is None else f"target_tw{tw}"
    if tw is not None and (
        "realisasi" in label or label.startswith(("real", "triwulan", "tw", "trw"))
    ):
        if measure == K:
            return f"realisasi_tw{tw}"
        if rupiah or ("anggaran" in label and not kinerja_k) or "keuangan" in label:
            return f"anggaran_tw{tw}"
        if percent:
            return f"capaian_tw{tw}"
        return f"realisasi_tw{tw}"
    if tw is not None and "capaian" not in label:
        return f"anggaran_tw{tw}" if rupiah else f"realisasi_tw{tw}"
    if label.startswith(("program", "kegiatan", "sub kegiatan", "uraian", "nama program")):
        return "uraian"
    if label.startswith("urusan") or ("urusan" in label and "program" in label):
        return "uraian"  # "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"
    return None


@lru_cache(maxsize=4096)
def classify_cell(text: str) -> str | None:
    """``classify`` of a raw header cell (cached: the same titles recur in every file)."""
    return classify(norm_label(text))


def _is_year(value: object) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value).is_integer() and 2000 <= value <= 2100
    return bool(re.fullmatch(r"20\d\d", cell_text(value)))


def _is_short_label(text: str) -> bool:
    label = norm_label(text)
    return bool(
        _NUMERAL.match(label) or measure_of(text) or _PAIR.match(label) or _YEAR.fullmatch(label)
    )


def is_sublabel_row(cells: list[object]) -> bool:
    """A row of short header labels ('I', 'II', 'K', 'Rp') or column numbers (1, 2, 3 …)."""
    texts = [cell_text(c) for c in cells]
    filled = [t for t in texts if t]
    if not filled:
        return False
    if all(_is_short_label(t) for t in filled):
        return True
    return is_numbering_row(cells)


def is_header_continuation(cells: list[object]) -> bool:
    """A row still inside a header block: sub-labels, possibly beside other short labels
    ('Sasaran', 'Visi', 'Misi' next to the numerals I…IV), with no data in it."""
    filled = [c for c in cells if cell_text(c)]
    if not filled:
        return False
    if is_sublabel_row(cells):
        return True
    short = 0
    for cell in filled:
        if _is_year(cell):
            short += 1
            continue
        if not isinstance(cell, str) or len(cell) > 80:
            return False  # a number or a sentence: data, not a header
        text = cell.strip()
        if _is_short_label(text):
            short += 1
        elif re.search(r"\d", text) and not re.search(r"[A-Za-z]{3}", text):
            return False  # a kode such as 2.16.03: a data row
    return short >= 2 and short * 2 >= len(filled)


def _leading_number(text: str) -> int:
    found = re.search(r"\d+", text)
    return int(found.group(0)) if found else 0


def is_numbering_row(cells: list[object]) -> bool:
    """'1 2 3 … 11' or '(1) (2) …' under a header: column numbers, not data. One step back
    is allowed in a long row (an extra column after 15 captioned 'tambahan: 12 / 7')."""
    filled = [cell_text(c) for c in cells if cell_text(c)]
    if len(filled) < 3 or not all(_NUMBERING.match(t) for t in filled):
        return False
    numbers = [_leading_number(t) for t in filled]
    descents = sum(b < a for a, b in zip(numbers, numbers[1:], strict=False))
    ascending = descents == 0 or (descents == 1 and len(numbers) >= 8)
    return ascending and numbers[0] <= 2 and len(set(numbers)) >= max(3, len(numbers) // 2)


@dataclass
class TargetColumn:
    """A column that holds a target (K), with what its label says about the period."""

    column: int
    label: str
    kind: str  # "tahunan" | "lima" | "" (not said)
    years: tuple[int, ...]
    group: tuple[str, ...]  # the labels above its K / Rp / Satuan sub-label


@dataclass
class Header:
    """A recognised header: where it is and which column feeds which field."""

    row: int  # index of the (first) header row in the grid
    n_rows: int  # header rows including sub-label / numbering rows
    labels: list[str]  # combined display label per column
    fields: dict[str, int] = field(default_factory=dict)  # field -> column index
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    unknown: list[int] = field(default_factory=list)  # columns with a label we do not read
    levels: list[list[str]] = field(default_factory=list)  # labels top to bottom per column
    measures: dict[int, str] = field(default_factory=dict)  # column -> K / RP / PCT / SAT
    rp_scales: dict[int, float] = field(default_factory=dict)  # column -> rupiah per unit
    kode_columns: list[int] = field(default_factory=list)  # kode split over several columns
    targets: list[TargetColumn] = field(default_factory=list)
    pair_rp: dict[tuple[str, ...], int] = field(default_factory=dict)  # group -> its Rp column
    pair_satuan: dict[tuple[str, ...], int] = field(default_factory=dict)  # group -> Satuan
    numbered: bool = False  # a row of column numbers closes the header
    chosen: dict[str, int] = field(default_factory=dict)  # fields set by resolve_targets

    @property
    def is_indicator_table(self) -> bool:
        has_numbers = (
            "target" in self.fields
            or bool(self.targets)
            or any(f"realisasi_tw{n}" in self.fields for n in range(1, 5))
        )
        return "indikator" in self.fields and has_numbers

    @property
    def is_anggaran_table(self) -> bool:
        has_rp = "pagu" in self.fields or any(f"anggaran_tw{n}" in self.fields for n in range(1, 5))
        return "indikator" not in self.fields and has_rp and "kode" in self.fields

    @property
    def has_k_rp(self) -> bool:
        """Kinerja and anggaran side by side (K / Rp sub-labels): the E.81 layout."""
        kinds = set(self.measures.values())
        return K in kinds and RP in kinds

    def column_name(self, index: int) -> str:
        """'Realisasi Kinerja pada Triwulan I K' — a column as people read its header."""
        return self.labels[index] if 0 <= index < len(self.labels) else ""

    def resolve_targets(self, tahun: int | None) -> str:
        """Choose the annual target (and its Rp and Satuan) of year ``tahun`` among the
        target columns; set ``fields``. Returns '' or why no column can be chosen."""
        for name, column in self.chosen.items():
            if self.fields.get(name) == column:
                del self.fields[name]
        self.chosen = {}
        if not self.targets:
            return ""
        before = dict(self.fields)
        annual, five = [], []
        for target in self.targets:
            if target.kind == "lima":
                five.append(target)
            elif target.kind == "tahunan" or not target.years or len(target.years) == 1:
                annual.append(target)
            else:
                five.append(target)  # a span of years without "Renja / tahun berjalan"
        chosen: TargetColumn | None = None
        problem = ""
        if len(annual) == 1:
            chosen = annual[0]
        elif len(annual) > 1:
            if tahun is not None:
                same_year = [t for t in annual if tahun in t.years]
                if len(same_year) == 1:
                    chosen = same_year[0]
                elif not same_year:
                    stated = [t for t in annual if t.kind == "tahunan" and not t.years]
                    if len(stated) == 1:
                        chosen = stated[0]
            if chosen is None:
                names = " dan ".join(f"'{t.label}'" for t in annual)
                year = f"tahun {tahun}" if tahun else "tahun yang dievaluasi"
                problem = f"Ada beberapa kolom target ({names}); tidak jelas mana target {year}."
        if chosen is not None:
            self.fields["target"] = chosen.column
            if chosen.group in self.pair_rp:
                self.fields["pagu"] = self.pair_rp[chosen.group]
            if chosen.group in self.pair_satuan and "satuan" not in self.fields:
                self.fields["satuan"] = self.pair_satuan[chosen.group]
        for target in five:
            if target is not chosen:
                self.fields.setdefault("target_renstra", target.column)
                break
        if chosen is None and not problem and five:
            names = " dan ".join(f"'{t.label}'" for t in five)
            problem = (
                f"Hanya ada kolom target lima tahunan ({names}); target tahun yang "
                "dievaluasi tidak ditemukan."
            )
        if "satuan" not in self.fields and self.pair_satuan:
            self.fields["satuan"] = next(iter(self.pair_satuan.values()))
        self.chosen = {
            name: column for name, column in self.fields.items() if before.get(name) != column
        }
        return problem


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


MAX_HEADER_ROWS = 5


def find_header(
    rows: list[list[object]],
    scan: int = 40,
    merged: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
    row0: int = 0,
    col0: int = 0,
) -> Header | None:
    """The best header in the first ``scan`` rows, with the header rows under it folded in.

    ``merged`` are the sheet's merged ranges ((r0, c0), (r1, c1)) in sheet coordinates, the
    grid's first row / column sitting at ``row0`` / ``col0``.
    """
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
    spans = _merge_spans(merged or [], row0, col0)
    for index in range(start + 1, min(start + MAX_HEADER_ROWS, len(rows))):
        if is_numbering_row(rows[index]):
            block.append(index)
            break  # the column numbers close the header
        covered = any(r0 < index <= r1 and r0 >= start for (r0, _c0), (r1, _c1) in spans)
        if is_header_continuation(rows[index]) or (covered and _only_labels(rows[index])):
            block.append(index)
        else:
            break
    return build_header(rows, block, spans)


def _only_labels(cells: list[object]) -> bool:
    filled = [c for c in cells if cell_text(c)]
    return not filled or all((isinstance(c, str) and len(c) <= 200) or _is_year(c) for c in filled)


def _merge_spans(
    merged: list[tuple[tuple[int, int], tuple[int, int]]], row0: int, col0: int
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return [((r0 - row0, c0 - col0), (r1 - row0, c1 - col0)) for (r0, c0), (r1, c1) in merged]


def build_header(
    rows: list[list[object]],
    block: list[int],
    spans: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
) -> Header:
    width = max(len(rows[i]) for i in block)
    raw = [list(rows[i]) + [""] * (width - len(rows[i])) for i in block]
    grid = [[cell_text(c) for c in row] for row in raw]
    numbered = [is_numbering_row(r) for r in raw]
    label_rows = [r for r, is_num in zip(grid, numbered, strict=True) if not is_num]
    label_index = [i for i, is_num in zip(block, numbered, strict=True) if not is_num]
    label_rows = _apply_merges(label_rows, label_index, spans or [], width)
    filled = _spread_groups(label_rows, width)
    filled = _split_pairs(filled, label_rows, width)

    header = Header(row=block[0], n_rows=len(block), labels=[], numbered=any(numbered))
    for c in range(width):
        levels: list[str] = []
        for row in filled:
            if row[c] and (not levels or levels[-1] != row[c]):
                levels.append(row[c])
        header.levels.append(levels)
        header.labels.append(" ".join(levels).strip())
    for index, levels in enumerate(header.levels):
        _name_column(header, index, levels)
    header.resolve_targets(None)  # the plain cases; the reader decides again with the year
    return header


def _apply_merges(
    label_rows: list[list[str]],
    label_index: list[int],
    spans: list[tuple[tuple[int, int], tuple[int, int]]],
    width: int,
) -> list[list[str]]:
    """Copy each merged header cell's label over the columns (and rows) it spans."""
    if not spans:
        return label_rows
    out = [list(r) for r in label_rows]
    position = {grid_row: k for k, grid_row in enumerate(label_index)}
    for (r0, c0), (r1, c1) in spans:
        if r0 not in position:
            continue
        top = position[r0]
        value = out[top][c0] if 0 <= c0 < width else ""
        if not value:
            continue
        pair = _PAIR.match(norm_label(value)) and c1 == c0 + 1
        for k in range(top, len(out)):
            if label_index[k] > r1:
                break
            for c in range(max(c0, 0), min(c1, width - 1) + 1):
                if k == top and pair:
                    out[k][c] = split_pair(value)[0 if c == c0 else 1]
                elif not out[k][c] or k == top:
                    out[k][c] = value if k == top else ""
    return out


def _spread_groups(label_rows: list[list[str]], width: int) -> list[list[str]]:
    """Spread group labels to the right where no merge says so, never across the start of
    an upper group."""
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
    return filled


def _split_pairs(filled: list[list[str]], label_rows: list[list[str]], width: int):
    """A 'K Rp' / 'Kinerja / Anggaran' label over two columns: K and Rp."""
    for level, row in enumerate(filled):
        for c in range(width - 1):
            if (
                _PAIR.match(norm_label(row[c]))
                and not label_rows[level][c + 1]
                and all(filled[k][c] == filled[k][c + 1] for k in range(level))
            ):
                row[c], row[c + 1] = split_pair(row[c])
    return filled


_SELF_FIELDS = {"no", "kode", "uraian", "indikator", "satuan", "keterangan", "bidang", "sasaran"}


def _name_column(header: Header, index: int, levels: list[str]) -> None:
    if not levels:
        return
    measure = measure_of(levels[-1]) if len(levels) > 1 else ""
    if len(levels) > 1 and measure == "" and _PAIR.match(norm_label(levels[-1])):
        measure = K
    group = tuple(levels[:-1]) if measure else tuple(levels)
    own = classify_cell(levels[-1]) if len(levels) > 1 else None
    top = classify_cell(levels[0]) if len(levels) > 1 else None
    name: str | None
    if top == "kode" and measure == "":
        name = "kode"  # kode split over columns: Urusan / Bidang Urusan / Program / …
    elif own in _SELF_FIELDS and measure in ("", SAT):
        name = own
    elif measure == SAT:
        name = "satuan"
    else:
        label = norm_label(" ".join(group))
        suffix = {K: " k", RP: " rp", PCT: " persen"}.get(measure, "")
        name = classify(label + suffix, measure) if label else None
        if measure == PCT and name and name.startswith(("realisasi_tw", "anggaran_tw")):
            name = "capaian_tw" + name[-1]
    if measure:
        header.measures[index] = measure
    if measure == RP or (name or "").startswith(("anggaran", "pagu")):
        scale = rp_scale(levels[-1]) if measure == RP else 1.0
        header.rp_scales[index] = scale if scale != 1.0 else rp_scale(" ".join(levels))
    if name is None:
        header.unknown.append(index)
        return
    if name == IGNORED:
        return
    label = " ".join(levels)
    if name in ("target", "target_renstra"):
        _add_target(header, index, label, name, group)
        return
    if name == "pagu" and measure == RP and "target" in norm_label(" ".join(group)):
        header.pair_rp.setdefault(group, index)  # the pagu of its target, once chosen
        return
    if name == "satuan" and measure == SAT and "target" in norm_label(" ".join(group)):
        header.pair_satuan.setdefault(group, index)
        return
    if name == "kode":
        header.kode_columns.append(index)
    if name in header.fields:
        if name != "kode":
            header.duplicates.append((name, index))
        return
    header.fields[name] = index


def _add_target(header: Header, index: int, label: str, name: str, group: tuple[str, ...]):
    text = norm_label(label)
    span = _YEAR_RANGE.search(text)
    years = tuple(int(y) for y in _YEAR.findall(text))
    if name == "target_renstra" or span or any(word in text for word in _FIVE_YEAR):
        kind = "lima"
    elif any(word in text for word in _ANNUAL):
        kind = "tahunan"
    else:
        kind = ""
    if span:
        years = (int(span.group(1)), int(span.group(2)))
    header.targets.append(TargetColumn(index, label, kind, years, group))
