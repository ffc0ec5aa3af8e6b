"""Files that are too big in what they hold, not in their size on disk: built in code.

``huge_cell_xlsx`` is the file from issue 11: a 6.7 MB xlsx whose one cell holds 40 MB of
text (a shared string). Its ratio (~6) and part size (40 MB) pass every zip check, so only
the per-cell limit stops it. ``huge_cell_csv`` is the same idea in a CSV under 20 MB.
"""

from __future__ import annotations

import functools
import random

from tests.ingest import builders

_SYLLABLES = b"ka ta pa ra sa la na ma ga da ba ja ha wa ya ca".split()


def _filler(size: int, seed: int = 11) -> bytes:
    """``size`` bytes of pseudo-words: 19 words, so deflate level 1 packs it ~6 : 1."""
    rnd = random.Random(seed)
    syllables = _SYLLABLES
    words = [syllables[i % 16] + syllables[i // 16 % 16] + syllables[i * 7 % 16] for i in range(19)]
    block = b" ".join(words[b % 19] for b in rnd.randbytes(2**20 // 7))[: 2**20]
    return (block * (size // len(block) + 1))[:size]


@functools.cache
def huge_cell_xlsx(cell_mb: int = 40) -> bytes:
    """A one-row performance table whose Indikator cell is ``cell_mb`` MB of text."""
    sst = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        b'uniqueCount="1"><si><t>' + _filler(cell_mb * 2**20) + b"</t></si></sst>"
    )
    row = (
        '<row r="2">'
        '<c r="A2" t="inlineStr"><is><t>2.16.03.2.02.0005</t></is></c>'
        '<c r="B2" t="s"><v>0</v></c>'
        '<c r="C2" t="inlineStr"><is><t>Aplikasi</t></is></c>'
        '<c r="D2"><v>24</v></c><c r="E2"><v>7</v></c></row>'
    )
    sheet = (
        f'{builders.SHEET_HEAD}<dimension ref="A1:E2"/><sheetData>{builders.header_row_xml()}'
        f"{row}</sheetData></worksheet>"
    )
    return builders.raw_xlsx(sheet, shared_strings=sst, compresslevel=1)


def huge_cell_csv(cell_mb: int = 5) -> bytes:
    """A ';' CSV with a header and one row whose Indikator is ``cell_mb`` MB of text."""
    text = _filler(cell_mb * 2**20).decode("ascii")
    return builders.csv_bytes(
        [
            ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"],
            ["2.16.03.2.02.0005", text, "Aplikasi", "24", "7"],
        ],
        encoding="utf-8",
    )
