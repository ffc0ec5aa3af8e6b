"""Builders of the official E.81 as pemda really fill it (issue 8), one option per trait.

``Form`` switches each real-world trait on or off; ``build(form)`` writes the workbook with
openpyxl (merged header cells, as Excel has them); ``EXPECTED`` is what a person computes by
hand from the dataset below — the form's own column 12 and capaian — and what ``hitung``
must give for every shape.

Traits: header 3, 4 or 5 rows deep (group labels, numerals I–IV on a row with other labels
such as Visi / Misi / Sasaran, K / Rp / % sub-labels incl. "Rp. (000)", "Rp (juta)", a
merged "K Rp" pair label or "Kinerja" / "Anggaran", a numbering row 1…15); the five-year
target beside the annual one (Renstra / RPJMD, "Akhir Periode", "2022–2026" against Renja /
RKPD, "Tahun Berjalan", "Tahun n", or just the year); TW values as increments (some rows
filled with levels or means, told apart by the file's own column 12 and capaian, or per-TW %
columns); kode in one column, split over 4 or 5 columns, or absent; the uraian headed
"Urusan/Bidang Urusan … dan Program/Kegiatan"; satuan inside the target block; urusan /
bidang urusan / program / kegiatan lines with Rp subtotals, a Jumlah row, the footer rows and
the signature block; Rp in thousands or millions; percentages typed with "%" (a cell
formatted as percent, 0.875 for 87,5%).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

import openpyxl
from openpyxl.styles import Alignment

TAHUN = 2024
BIDANG = "Bidang Aplikasi Informatika"


@dataclass(frozen=True)
class Line:
    """One row of the dataset: a label line (no indikator) or an indicator row."""

    kode: str
    uraian: str
    indikator: str = ""
    satuan: str = ""
    polaritas: str = "positif"
    target: float = 0.0
    renstra: float = 0.0
    k: tuple[float, float, float, float] | None = None
    cara: str = ""  # how the file itself adds the TW values up: kumulatif / akhir / rata-rata
    realisasi: float = 0.0  # the file's own column 12 (by hand)
    capaian: float = 0.0  # the file's own capaian, 12 / 7 × 100 (by hand)
    pagu: float | None = None  # Rp on this line (sub kegiatan: its own; above: subtotal)
    rp: tuple[float, float, float, float] | None = None
    sasaran: str = ""
    new_kode: bool = True  # False: a further indicator of the line above (kode cells blank)


JUTA = 1_000_000.0
# Program lines carry an outcome indicator and the subtotal of their kegiatan; kegiatan lines
# only their subtotal; the budget of the bidang is the three sub kegiatan's: 1.950 juta pagu,
# 1.800 juta realisasi anggaran (850 + 550 + 400).
LINES: list[Line] = [
    Line("2", "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR"),
    Line(
        "2.16",
        "URUSAN PEMERINTAHAN BIDANG KOMUNIKASI DAN INFORMATIKA",
        pagu=1950 * JUTA,
        rp=(350 * JUTA, 450 * JUTA, 550 * JUTA, 450 * JUTA),
    ),
    Line(
        "2.16.03",
        "PROGRAM PENGELOLAAN APLIKASI INFORMATIKA",
        "Indeks SPBE",
        "Indeks",
        target=3.5,
        renstra=4.0,
        k=(3.1, 3.2, 3.4, 3.5),
        cara="akhir",
        realisasi=3.5,
        capaian=100.0,
        pagu=1500 * JUTA,
        rp=(250 * JUTA, 350 * JUTA, 450 * JUTA, 350 * JUTA),
        sasaran="Meningkatnya kualitas SPBE",
    ),
    Line(
        "2.16.03.2.02",
        "Pengelolaan e-Government di Lingkup Pemerintah Daerah Kabupaten/Kota",
        pagu=1500 * JUTA,
        rp=(250 * JUTA, 350 * JUTA, 450 * JUTA, 350 * JUTA),
    ),
    Line(
        "2.16.03.2.02.0005",
        "Pengembangan Aplikasi dan Proses Bisnis Pemerintahan Berbasis Elektronik",
        "Jumlah Aplikasi yang Dikembangkan",
        "Aplikasi",
        target=24,
        renstra=100,
        k=(5, 6, 7, 6),
        cara="kumulatif",
        realisasi=24,
        capaian=100.0,
        pagu=900 * JUTA,
        rp=(100 * JUTA, 200 * JUTA, 300 * JUTA, 250 * JUTA),
    ),
    Line(
        "2.16.03.2.02.0005",
        "",
        "Persentase Aplikasi yang Terintegrasi",
        "%",
        target=80,
        renstra=100,
        k=(20, 20, 20, 16),  # increments of a percentage: the trap of an "akhir" default
        cara="kumulatif",
        realisasi=76,
        capaian=95.0,
        new_kode=False,
    ),
    Line(
        "2.16.03.2.02.0010",
        "Pengelolaan Pusat Data Pemerintah Daerah",
        "Rata-rata Waktu Pemulihan Layanan",
        "Jam",
        polaritas="negatif",
        target=4,
        renstra=3,
        k=(5, 4, 3, 4),
        cara="rata-rata",
        realisasi=4,
        capaian=100.0,  # (2·4 − 4) / 4
        pagu=600 * JUTA,
        rp=(150 * JUTA, 150 * JUTA, 150 * JUTA, 100 * JUTA),
    ),
    Line(
        "2.16.03.2.02.0010",
        "",
        "Persentase Ketersediaan Layanan Pusat Data",
        "%",
        target=95,
        renstra=99,
        k=(96, 97, 98, 99),  # a level reached each triwulan
        cara="akhir",
        realisasi=99,
        capaian=104.21,  # 99 / 95
        new_kode=False,
    ),
    Line(
        "2.16.02",
        "PROGRAM INFORMASI DAN KOMUNIKASI PUBLIK",
        "Persentase OPD yang Mengelola Informasi Publik",
        "%",
        target=90,
        renstra=100,
        k=(30, 30, 20, 10),
        cara="kumulatif",
        realisasi=90,
        capaian=100.0,
        pagu=450 * JUTA,
        rp=(100 * JUTA, 100 * JUTA, 100 * JUTA, 100 * JUTA),
        sasaran="Meningkatnya keterbukaan informasi publik",
    ),
    Line(
        "2.16.02.2.01",
        "Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota",
        pagu=450 * JUTA,
        rp=(100 * JUTA, 100 * JUTA, 100 * JUTA, 100 * JUTA),
    ),
    Line(
        "2.16.02.2.01.0021",
        "Pengelolaan Konten dan Perencanaan Media Komunikasi Publik",
        "Jumlah Konten yang Dipublikasikan",
        "Konten",
        target=120,
        renstra=500,
        k=(30, 25, 35, 30),
        cara="kumulatif",
        realisasi=120,
        capaian=100.0,
        pagu=450 * JUTA,
        rp=(100 * JUTA, 100 * JUTA, 100 * JUTA, 100 * JUTA),
    ),
]
INDICATORS = [line for line in LINES if line.indikator]
PAGU = 1950 * JUTA
REALISASI_ANGGARAN = 1800 * JUTA  # TW I–IV
SUB_KEGIATAN = {  # kode: (pagu, realisasi anggaran TW I–IV)
    "2.16.03.2.02.0005": (900 * JUTA, 850 * JUTA),
    "2.16.03.2.02.0010": (600 * JUTA, 550 * JUTA),
    "2.16.02.2.01.0021": (450 * JUTA, 400 * JUTA),
}


@dataclass(frozen=True)
class Form:
    """Which real-world traits the built E.81 has."""

    depth: int = 3  # header rows: 3 (group, numerals, K/Rp), 4 (+ numbering), 5 (+ top group)
    numerals_with_labels: bool = False  # Visi / Misi / Sasaran on the numerals' row
    sublabels: str = "K/Rp"  # "K/Rp" | "K Rp pair" (a merged "K Rp" cell) | "Kinerja/Anggaran"
    rp_label: str = "Rp"  # "Rp" | "Rp. (000)" | "Rp (juta)"
    targets: str = "renstra"  # renstra | rpjmd | range | tahun n | berjalan | year | ambiguous
    own_total: bool = True  # column 12 (K and Rp)
    own_capaian: bool = True  # 12 / 7 (%)
    pct_columns: bool = False  # a % column in every triwulan (cumulative capaian)
    kode: str = "one"  # one | split5 | split4 | split5-numbers | absent
    uraian_label: str = "Program / Kegiatan / Sub Kegiatan"
    satuan_in_target: bool = False  # the target blocks are K | Satuan | Rp
    subtotals: bool = True  # urusan / bidang urusan lines, Jumlah rows, footer, signatures
    computed_13_14: bool = True
    percent_cells: bool = False  # every percentage typed as "87,5%": Excel keeps 0.875

    def with_(self, **changes) -> Form:
        return replace(self, **changes)


REAL = Form(
    depth=5,
    numerals_with_labels=True,
    rp_label="Rp. (000)",
    targets="rpjmd",
    pct_columns=True,
    kode="split5",
    uraian_label="Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
    satuan_in_target=True,
)  # every trait at once

_SCALE = {"Rp": 1.0, "Rp. (000)": 1e3, "Rp (juta)": 1e6}
# "Kinerja" / "Anggaran" sub-labels carry the unit of the amounts in the Anggaran label
_ANGGARAN_LABEL = {
    "Rp": "Anggaran",
    "Rp. (000)": "Anggaran (Rp. 000)",
    "Rp (juta)": "Anggaran (Rp juta)",
}
_TARGET_LABELS = {
    # five-year target, annual target
    "renstra": (
        "Target Renstra Perangkat Daerah pada Tahun 2026 (Akhir Periode Renstra PD)",
        "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (2024) yang Dievaluasi",
    ),
    "rpjmd": (
        "Target RPJMD Kabupaten pada Tahun 2026 (Akhir Periode RPJMD)",
        "Target Kinerja dan Anggaran RKPD Tahun Berjalan yang Dievaluasi (2024)",
    ),
    "range": ("Target Renstra 2022–2026", "Target 2024"),
    "tahun n": ("Target Akhir Periode", "Target Tahun n (2024)"),
    "berjalan": ("Target pada Akhir Periode", "Target Kinerja Tahun Berjalan"),
    "year": ("Target 2022-2026", "Target 2024"),
    "ambiguous": ("Target Tahun 2023", "Target Tahun 2025"),
}


def _cara_values(line: Line, upto: int) -> float:
    values = [v for v in (line.k or ())[:upto] if v is not None]
    if line.cara == "akhir":
        return values[-1]
    if line.cara == "rata-rata":
        return sum(values) / len(values)
    return sum(values)


def _capaian(line: Line, realisasi: float) -> float:
    if line.polaritas == "negatif":
        return max((2 * line.target - realisasi) / line.target * 100, 0.0)
    return realisasi / line.target * 100


def _is_percentage(what: str, line: Line) -> bool:
    """A cell that holds a percentage: the capaian columns and per-TW %, and every K value
    of an indicator measured in %."""
    if what.startswith(("capaian:", "c14:")) or what.endswith(":pct"):
        return True
    return line.satuan == "%" and what.endswith(":k")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _kode_cells(line: Line, form: Form, first: bool) -> list[object]:
    if form.kode == "absent":
        return []
    kode = line.kode if first else ""
    if form.kode == "one":
        return [kode]
    parts = kode.split(".") if kode else []
    if form.kode in ("split5", "split5-numbers"):
        # urusan, bidang urusan, program, kegiatan (x.yy), sub kegiatan
        groups = [parts[0:1], parts[1:2], parts[2:3], parts[3:5], parts[5:6]]
        cells: list[object] = [".".join(g) if g else None for g in groups]
        if form.kode == "split5-numbers":
            cells = [float(c) if c else None for c in cells]  # typed as numbers: zeros lost
        return cells
    groups = [parts[0:2], parts[2:3], parts[3:5], parts[5:6]]  # split4
    return [".".join(g) if g else None for g in groups]


def _kode_headers(form: Form) -> list[str]:
    if form.kode == "absent":
        return []
    if form.kode == "one":
        return ["Kode"]
    if form.kode == "split4":
        return ["Urusan / Bidang Urusan", "Program", "Kegiatan", "Sub Kegiatan"]
    return ["Urusan", "Bidang Urusan", "Program", "Kegiatan", "Sub Kegiatan"]


def _uraian(line: Line, form: Form) -> str:
    if form.kode != "absent" or not line.uraian:
        return line.uraian
    level = len(line.kode.split("."))
    word = {3: "Program", 5: "Kegiatan", 6: "Sub Kegiatan"}.get(level, "")
    name = line.uraian.title() if line.uraian.isupper() else line.uraian
    name = name.removeprefix("Program ").removeprefix("Urusan Pemerintahan ")
    return f"{word} {name}".strip() if word else name


def build(form: Form = Form()) -> bytes:  # noqa: B008 - a frozen dataclass default
    """The E.81 workbook of ``form`` (one sheet, titled like the Permendagri form)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "E.81"
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    scale = _SCALE[form.rp_label]
    titles = [
        "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN LUWU TIMUR",
        "Renja Perangkat Daerah: Dinas Komunikasi, Informatika, Statistik dan Persandian",
        f"Periode Pelaksanaan: Triwulan I s/d Triwulan IV Tahun {TAHUN}",
        "Indikator dan target kinerja Perangkat Daerah yang mengacu pada sasaran RKPD",
        f"Unit: {BIDANG}",
    ]
    for i, text in enumerate(titles, start=1):
        sheet.cell(i, 1, text)
    top = len(titles) + 2  # first header row (1-based)
    rows = {"T": top} if form.depth == 5 else {}
    base = top + (1 if form.depth == 5 else 0)
    rows.update(G=base, N=base + 1, S=base + 2)
    last_label_row = rows["S"]
    numbering_row = last_label_row + 1 if form.depth >= 4 else None

    col = 1
    columns: list[tuple[str, int]] = []  # (what, column) for the data rows
    numbers: list[tuple[int, int, int]] = []  # (first col, last col, form column number)

    def put(row: int, column: int, text: str, to_row: int | None = None, to_col: int | None = None):
        sheet.cell(row, column, text).alignment = center
        if (to_row and to_row != row) or (to_col and to_col != column):
            sheet.merge_cells(
                start_row=row,
                start_column=column,
                end_row=to_row or row,
                end_column=to_col or column,
            )

    first_row = rows.get("T", rows["G"])

    def single(text: str, what: str, number: int | None, start_row: int | None = None):
        nonlocal col
        put(start_row or first_row, col, text, last_label_row)
        columns.append((what, col))
        if number is not None:
            numbers.append((col, col, number))
        col += 1

    def subs(with_satuan: bool, with_pct: bool = False) -> list[str]:
        names = ["K"] + (["Satuan"] if with_satuan else []) + [form.rp_label]
        if with_pct:
            names.append("%")
        return names

    def write_subs(start: int, names: list[str]):
        if form.sublabels == "K Rp pair" and names[:2] == ["K", form.rp_label]:
            put(rows["S"], start, f"K {form.rp_label}", to_col=start + 1)
            for offset, name in enumerate(names[2:], start=2):
                put(rows["S"], start + offset, name)
            return
        for offset, name in enumerate(names):
            if form.sublabels == "Kinerja/Anggaran":
                anggaran = _ANGGARAN_LABEL[form.rp_label]
                name = {"K": "Kinerja", form.rp_label: anggaran}.get(name, name)
            put(rows["S"], start + offset, name)

    def block(text: str, what: str, number: int, with_satuan: bool = False):
        nonlocal col
        names = subs(with_satuan)
        put(rows["G"], col, text, rows["N"], col + len(names) - 1)
        write_subs(col, names)
        for offset, name in enumerate(names):
            kind = {"K": "k", "Satuan": "satuan"}.get(name, "rp")
            columns.append((f"{what}:{kind}", col + offset))
        numbers.append((col, col + len(names) - 1, number))
        col += len(names)

    single("No", "no", 1)
    if form.numerals_with_labels:
        for label in ("Visi", "Misi", "Sasaran"):
            put(rows["N"], col, label, last_label_row)  # on the numerals' row, not above it
            columns.append((label.casefold(), col))
            if label == "Sasaran":
                numbers.append((col, col, 2))
            col += 1
    else:
        single("Sasaran", "sasaran", 2)
    kode_headers = _kode_headers(form)
    if len(kode_headers) == 1:
        single("Kode", "kode", None)
    elif kode_headers:
        start = col
        put(rows.get("T", rows["G"]), col, "Kode", rows["N"], col + len(kode_headers) - 1)
        for offset, label in enumerate(kode_headers):
            put(rows["S"], col + offset, label)
            columns.append((f"kode{offset}", col + offset))
        col += len(kode_headers)
        numbers.append((start, col - 1, 3))
    single(form.uraian_label, "uraian", 3 if len(kode_headers) != 1 else 3)
    if len(kode_headers) == 1:
        numbers[-1] = (numbers[-1][0] - 1, numbers[-1][1], 3)
    single("Indikator Kinerja Program (outcome) / Kegiatan (output)", "indikator", 4)
    if not form.satuan_in_target:
        single("Satuan", "satuan", None)
    numeric_start = col
    five, annual = _TARGET_LABELS[form.targets]
    block(five, "renstra", 5, form.satuan_in_target)
    block(
        f"Realisasi Capaian Kinerja Renstra PD sampai dengan Renja PD Tahun Lalu ({TAHUN - 1})",
        "lalu",
        6,
    )
    block(annual, "target", 7, form.satuan_in_target)
    tw_names = subs(False, form.pct_columns)
    width = 4 * len(tw_names)
    put(rows["G"], col, "Realisasi Kinerja pada Triwulan", to_col=col + width - 1)
    for n, roman in enumerate(("I", "II", "III", "IV"), start=1):
        put(rows["N"], col, roman, to_col=col + len(tw_names) - 1)
        write_subs(col, tw_names)
        for offset, name in enumerate(tw_names):
            kind = {"K": "k", "%": "pct"}.get(name, "rp")
            columns.append((f"tw{n}:{kind}", col + offset))
        numbers.append((col, col + len(tw_names) - 1, 7 + n))
        col += len(tw_names)
    if form.own_total:
        block("Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi", "total", 12)
    if form.own_capaian:
        block(
            "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja PD yang Dievaluasi (%)",
            "capaian",
            12,
        )
    if form.computed_13_14:
        block(
            f"Realisasi Kinerja dan Anggaran Renstra PD s/d Tahun {TAHUN} (Akhir Tahun "
            "Pelaksanaan Renja PD)",
            "c13",
            13,
        )
        block(
            f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s/d Tahun {TAHUN} (%)",
            "c14",
            14,
        )
    numeric_end = col - 1
    single("Unit Perangkat Daerah Penanggung Jawab", "unit", 15)
    single("Keterangan", "keterangan", None)
    if form.depth == 5:
        put(rows["T"], numeric_start, "Kinerja dan Anggaran", to_col=numeric_end)
    if numbering_row:
        for first, last, number in numbers:
            text = {12: "12 = 8+9+10+11", 13: "13 = 6+12", 14: "14 = 13/5 x 100%"}.get(
                number, str(number)
            )
            put(numbering_row, first, text, to_col=last)

    # --- body ----------------------------------------------------------------------------
    r = (numbering_row or last_label_row) + 1
    where = dict(columns)
    no = 0
    for line in LINES:
        if not form.subtotals and not line.indikator and len(line.kode.split(".")) < 3:
            continue
        first = line.new_kode
        values: dict[str, object] = {}
        if line.indikator and first:
            no += 1
            values["no"] = no
        for offset, cell in enumerate(_kode_cells(line, form, first)):
            key = "kode" if form.kode == "one" else f"kode{offset}"
            values[key] = cell
        values["uraian"] = _uraian(line, form) if first else None
        if line.sasaran:
            values["sasaran"] = line.sasaran
        if line.indikator:
            values["indikator"] = line.indikator
            satuan_key = "target:satuan" if form.satuan_in_target else "satuan"
            values[satuan_key] = line.satuan
            if form.satuan_in_target:
                values["renstra:satuan"] = line.satuan
            values["renstra:k"] = line.renstra
            values["target:k"] = line.target
            for n, value in enumerate(line.k or (), start=1):
                values[f"tw{n}:k"] = value
                if form.pct_columns:
                    values[f"tw{n}:pct"] = round(_capaian(line, _cara_values(line, n)), 2)
            values["total:k"] = line.realisasi
            values["capaian:k"] = line.capaian
            values["c13:k"] = line.realisasi
            values["c14:k"] = round(line.realisasi / line.renstra * 100, 2)
            values["unit"] = BIDANG
        if line.pagu is not None:
            values["target:rp"] = line.pagu / scale
            values["renstra:rp"] = line.pagu * 5 / scale
            spent = sum(line.rp or ())
            for n, value in enumerate(line.rp or (), start=1):
                values[f"tw{n}:rp"] = value / scale
            values["total:rp"] = spent / scale
            values["capaian:rp"] = round(spent / line.pagu * 100, 2)
        for what, value in values.items():
            if value is not None and what in where:
                cell = sheet.cell(r, where[what], value)
                if form.percent_cells and _is_percentage(what, line) and _is_number(value):
                    cell.value, cell.number_format = value / 100, "0.00%"
        r += 1
        if form.subtotals and line.kode == "2.16.03.2.02.0010" and not line.new_kode:
            sheet.cell(r, where["uraian"], "Jumlah Program")
            sheet.cell(r, where["target:rp"], 1500 * JUTA / scale)
            r += 1
    if form.subtotals:
        sheet.cell(r, 1, "Jumlah")
        sheet.cell(r, where["target:rp"], PAGU / scale)
        sheet.cell(r, where["tw4:rp"], 450 * JUTA / scale)
        r += 1
        for text in (
            "Rata-rata capaian kinerja (%)",
            "Predikat kinerja",
            "Faktor pendorong keberhasilan pencapaian: dukungan pimpinan",
            "Faktor penghambat pencapaian kinerja: jaringan di kecamatan",
            "Tindak lanjut yang diperlukan dalam triwulan berikutnya: percepatan",
            "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya: target",
        ):
            sheet.cell(r, 1, text)
            sheet.cell(r, where["tw1:k"], 99.9)  # a number under a TW column: still footer
            r += 1
        r += 1
        for left, right in (
            ("Disusun", "Dievaluasi"),
            ("Malili, 10 Januari 2025", "Malili, 15 Januari 2025"),
            ("KEPALA DINAS KOMINFO-SP", "KEPALA BAPPEDA"),
            ("Dr. Andi Rahman, S.Kom., M.Si", "Ir. Sitti Aminah, M.T"),
            ("Pembina Utama Muda", "Pembina Utama Madya"),
            ("NIP. 19700101 199003 1 005", "NIP. 19680202 199203 2 001"),
        ):
            sheet.cell(r, where["uraian"], left)
            sheet.cell(r, where["tw2:k"], right)
            r += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def multi_year_table(tahun: int | None = TAHUN) -> bytes:
    """A plain table with a target per year (2022 … 2026) and the TW realisasi of 2024."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kinerja"
    title = f"CAPAIAN KINERJA {BIDANG.upper()}" + (f" TAHUN {tahun}" if tahun else "")
    sheet.append([title])
    sheet.append([])
    header = ["Kode", "Indikator", "Satuan", "Target", None, None, None, None]
    header += ["Realisasi TW I", "Realisasi TW II", "Realisasi TW III", "Realisasi TW IV"]
    sheet.append(header)
    sheet.append([None, None, None, 2022, 2023, 2024, 2025, 2026])
    sheet.merge_cells(start_row=3, start_column=4, end_row=3, end_column=8)
    for c in (1, 2, 3, 9, 10, 11, 12):
        sheet.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    for line in INDICATORS:
        targets = [line.target * f for f in (0.6, 0.8, 1.0, 1.1, 1.2)]
        sheet.append([line.kode, line.indikator, line.satuan, *targets, *(line.k or ())])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
