"""The surat pengantar: LibreOffice prints it on one page in the Tata Naskah Dinas layout."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date

from kinerja_core import pengaturan, surat_pengantar
from kinerja_core.settings import Settings, Signatory
from kinerja_core.store import Store
from tests.alur import ADMIN

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(content: bytes, tmp_path) -> bytes:
    source = tmp_path / "pengantar.docx"
    source.write_bytes(content)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=240, check=True,
    )  # fmt: skip
    return source.with_suffix(".pdf").read_bytes()


def words(pdf: bytes, tmp_path) -> tuple[list[tuple[str, float, float, float]], float]:
    """(word, xMin, xMax, yMin) of page 1 and the page width, from pdftotext -bbox."""
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    found = [
        (m.group(5), float(m.group(1)), float(m.group(3)), float(m.group(2)))
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            html,
        )
    ]
    return found, width


def first(found, text: str):
    return next(w for w in found if w[0] == text)


def test_the_letter_prints_with_its_layout(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'k.db'}")
    settings = replace(Settings(), kertas="F4")
    kantor = replace(
        pengaturan.current(store, settings).kantor,
        telepon="(0474) 321000",
        alamat="Jl. Soekarno Hatta, Malili",
        kepala_dinas=Signatory(
            "Kepala Dinas", "Ir. Andi Baso, M.Si.", "Pembina Tk. I (IV/b)", "197001011995031001"
        ),
    )
    pengaturan.save(store, kantor, settings, ADMIN)
    nomor, content = surat_pengantar.buat(
        store, ADMIN, settings, tahun=2024, sampai_tw=4,
        kepada="Kepala Bappeda Kabupaten Luwu Timur", di="Malili", tanggal=date(2025, 1, 22),
    )  # fmt: skip
    assert nomor.nomor == "000.7.2/001/Diskominfo-SP/2025"
    kept = store.berkas(surat_pengantar_berkas(store))
    assert bytes(kept["isi"]) == content

    pdf = to_pdf(content, tmp_path)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    for expected in (
        "PEMERINTAH KABUPATEN LUWU TIMUR",
        "DINAS KOMUNIKASI",
        "Jl. Soekarno Hatta, Malili, Telepon (0474) 321000",
        "Malili, 22 Januari 2025",
        "Yth. Kepala Bappeda Kabupaten Luwu Timur",
        "SURAT PENGANTAR",
        "NOMOR 000.7.2/001/Diskominfo-SP/2025",
        "Banyaknya",
        "Keterangan",
        "Diterima tanggal",
        "Penerima,",
        "Pengirim,",
        "Ir. Andi Baso, M.Si.",
        "NIP 197001011995031001",
        "1 (satu)",
    ):
        assert expected in text, expected
    assert re.search(r"Naskah Dinas/Barang\s+yang\s*\n?.*Dikirimkan", text, re.S)
    assert re.search(r"^\s*di\s*$", text, re.M)

    found, width = words(pdf, tmp_path)
    page_mid = width / 2
    title = first(found, "PENGANTAR")
    surat_word = first(found, "SURAT")
    assert abs((surat_word[1] + title[2]) / 2 - page_mid) < 0.08 * width  # centred
    date_word = first(found, "2025")
    assert date_word[2] > 0.8 * width  # place and date on the right
    penerima, pengirim = first(found, "Penerima,"), first(found, "Pengirim,")
    assert penerima[1] < page_mid < pengirim[1]  # receiver left, sender right
    assert first(found, "Yth.")[3] < title[3] < penerima[3]  # top to bottom
    assert first(found, "No.")[3] > title[3]
    # the receiver's labels line their colons up (a tab stop, not spaces in a proportional font)
    colons = [w[1] for w in found if w[0] == ":" and w[1] < page_mid]
    assert len(colons) == 5 and max(colons) - min(colons) < 1.0
    # room to sign: from the jabatan line to the signer's name at least 2 cm (57 pt)
    jabatan, nama = first(found, "Dinas,"), first(found, "Ir.")
    assert nama[3] - jabatan[3] >= 57


def surat_pengantar_berkas(store) -> int:
    return store.letters()[0]["berkas_id"]
