"""Hostile and broken uploads: refused with the right message, and the caller survives.

Everything goes through ``read_upload_safely`` (container checks here, parsing in a
limited worker). Speed is measured in bench/, not asserted here.
"""

from __future__ import annotations

import logging
import os
import random

import pytest

from kinerja_core.ingest import container, read_upload_safely, read_uploads_safely, safe
from kinerja_core.ingest.container import sniff
from kinerja_core.ingest.safe import shutdown_workers
from tests.ingest import builders, hostile_builders, pool_jobs


@pytest.fixture(scope="module", autouse=True)
def _stop_workers():
    yield
    shutdown_workers()


def _refused(content: bytes, name: str, needle: str, **kwargs):
    result = read_upload_safely(content, name, **kwargs)
    assert not result.ok
    assert result.indicators.empty
    messages = " | ".join(p.message for p in result.errors)
    assert needle in messages, messages
    assert all(p.fix for p in result.errors)
    assert all(p.file == name for p in result.errors)
    return result


def _still_reads_good_files():
    """The caller (and a fresh worker) keep serving ordinary uploads afterwards."""
    good = builders.raw_xlsx(builders.good_sheet_xml())
    result = read_upload_safely(good, "aplikasi_informatika.xlsx", tahun=2024)
    assert result.ok, [p.message for p in result.problems]
    assert result.indicators["target"].iloc[0] == 24


def test_truncated_zip():
    content = builders.truncated(builders.raw_xlsx(builders.good_sheet_xml()))
    _refused(content, "statistik.xlsx", "rusak atau terpotong")


def test_empty_bytes():
    _refused(b"", "statistik.xlsx", "Berkas kosong")


def test_password_protected_ole2():
    result = _refused(builders.ole2_encrypted_package(), "statistik.xlsx", "terkunci kata sandi")
    assert "tanpa kata sandi" in result.errors[0].fix


def test_zip_bomb_is_refused_from_the_directory_alone():
    result = _refused(builders.zip_bomb(120), "statistik.xlsx", "zip bomb")
    assert "120 MB" in result.errors[0].message


def test_zip_with_thousands_of_entries():
    _refused(builders.many_entries(), "statistik.xlsx", "bagian di dalamnya")


def test_billion_laughs_in_shared_strings():
    _refused(builders.entity_in_shared_strings(), "statistik.xlsx", "DTD/ENTITY")


def test_billion_laughs_in_sheet_xml():
    _refused(builders.entity_in_sheet(), "statistik.xlsx", "DTD/ENTITY")


def test_external_entity_in_workbook_xml():
    _refused(builders.external_entity_in_workbook(), "statistik.xlsx", "DTD/ENTITY")


def test_dimension_xfd1048576_is_refused_before_any_parser():
    result = _refused(builders.dimension_bomb(honest=True), "statistik.xlsx", "XFD1048576")
    assert "16.384 kolom" in result.errors[0].message


def test_far_cell_behind_a_lying_dimension_only_kills_the_worker():
    """python-calamine aborts the process on this file; the caller must not notice."""
    pid = os.getpid()
    _refused(builders.dimension_bomb(honest=False), "statistik.xlsx", "menghentikan pembaca")
    assert os.getpid() == pid
    _still_reads_good_files()


def test_hundreds_of_thousands_of_rows_declared():
    _refused(builders.many_rows(300_000, declare=True), "statistik.xlsx", "terlalu besar")


def test_hundreds_of_thousands_of_rows_undeclared():
    result = _refused(builders.many_rows(300_000, declare=False), "statistik.xlsx", "50.000 baris")
    assert len(result.errors) == 1
    _still_reads_good_files()


def test_timeout_kills_the_worker_and_says_so():
    """A job that would sleep a minute: only the time limit can end it (no clock race)."""
    outcome = safe._pool().run([(b"", "lambat.xlsx", {})], 0.5, 512, job=pool_jobs.sleep_long)[0]
    assert isinstance(outcome, safe.WorkerFailure) and outcome.kind == "timeout"
    refused = safe._failure("lambat.xlsx", outcome, 0.5, 512).problems[0]
    assert "terlalu lama dibaca (lebih dari 0,5 detik)" in refused.message and refused.fix
    _still_reads_good_files()


def test_the_time_limit_of_a_slow_pc_is_an_environment_variable(monkeypatch):
    monkeypatch.setenv("KINERJA_PARSE_TIMEOUT", "12,5")
    assert safe.parse_timeout_s() == 12.5
    monkeypatch.setenv("KINERJA_PARSE_TIMEOUT", "tidak")
    assert safe.parse_timeout_s() == safe.DEFAULT_TIMEOUT_S


def test_memory_limit_stops_the_parse():
    content = builders.many_rows(200_000, declare=False)
    result = read_upload_safely(content, "statistik.xlsx", memory_mb=20)
    assert not result.ok
    assert "memori melebihi batas 20 MB" in result.errors[0].message
    _still_reads_good_files()


def test_xlsm_is_read_and_the_macro_ignored():
    result = read_upload_safely(builders.xlsm_with_macro(), "statistik.xlsm")
    assert result.ok
    assert len(result.indicators) == 1
    assert any("makro" in p.message.casefold() for p in result.warnings)


def test_pdf_and_html_named_excel():
    _refused(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "laporan.xlsx", "PDF")
    html = b"<html><body><table><tr><td>Kode</td></tr></table></body></html>"
    _refused(html, "laporan.xls", "halaman web")


def test_batch_keeps_order_and_isolates_a_bad_file():
    good = builders.raw_xlsx(builders.good_sheet_xml())
    items = [
        (good, "aplikasi_informatika_1.xlsx"),
        (builders.dimension_bomb(honest=False), "jahat.xlsx"),
        (b"bukan excel", "teks.xlsx"),
        (good, "aplikasi_informatika_2.xlsx"),
    ]
    results = read_uploads_safely(items, tahun=2024)
    assert [r.filename for r in results] == [name for _, name in items]
    assert [r.ok for r in results] == [True, False, False, True]


def test_forty_mb_cell_in_a_small_xlsx_is_refused_before_any_parser():
    """Issue 11: 6.7 MB on disk, one shared string of 40 MB — passes every zip check."""
    content = hostile_builders.huge_cell_xlsx()
    assert len(content) < 8 * 2**20
    assert sniff(content, "statistik.xlsx").refusal is not None  # the server's own check
    result = _refused(content, "statistik.xlsx", "batas satu sel Excel")
    assert "32.767 karakter" in result.errors[0].message
    assert "±40 MB" in result.errors[0].message
    _still_reads_good_files()


def test_huge_cell_in_a_csv_never_leaves_the_worker():
    result = _refused(hostile_builders.huge_cell_csv(5), "statistik.csv", "batas satu sel Excel")
    assert len(result.errors) == 1


def test_entity_declaration_deep_inside_a_part_is_found():
    """The whole part is read as a stream, not only its first megabyte."""
    rnd = random.Random(3)
    padding = "".join(f"<!-- {rnd.randbytes(16).hex()} -->" for _ in range(60_000))  # 2.6 MB
    sheet = builders.good_sheet_xml().replace(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + padding + "\n"
        '<!DOCTYPE x [<!ENTITY a "aaaa">]>\n',
    )
    _refused(builders.raw_xlsx(sheet), "statistik.xlsx", "DTD/ENTITY")


def test_doctype_split_across_two_chunks_is_found():
    for offset in range(0, 12):
        pad = " " * (64 * 1024 - 5 + offset)
        sheet = builders.good_sheet_xml().replace("<sheetData>", f"<sheetData>{pad}<!DOCTYPE x>", 1)
        assert sniff(builders.raw_xlsx(sheet), "statistik.xlsx").refusal is not None, offset


def test_more_cells_than_a_performance_table_is_refused(monkeypatch):
    monkeypatch.setattr(container, "MAX_SHEET_CELLS", 50_000)  # same code, a smaller file
    template = "".join(f'<c r="{col}{{r}}"><v>{{r}}</v></c>' for col in "ABCDEFGHIJ")
    cells = "".join(  # 60,000 cells, declared as A1:E2: the dimension check lets it through
        f'<row r="{r}">' + template.format(r=r) + "</row>" for r in range(3, 6_003)
    )
    result = _refused(builders.raw_xlsx(builders.good_sheet_xml("A1:E2", cells)), "s.xlsx", "sel")
    assert "batas 50.000 sel" in result.errors[0].message


def test_more_cells_in_all_sheets_together_is_refused(monkeypatch):
    monkeypatch.setattr(container, "MAX_TOTAL_CELLS", 8)
    second = builders.good_sheet_xml().encode()
    content = builders.raw_xlsx(
        builders.good_sheet_xml(), extra_parts={"xl/worksheets/sheet2.xml": second}
    )
    result = _refused(content, "s.xlsx", "seluruh berkas")
    assert "10 sel terisi" in result.errors[0].message


def test_worker_stderr_and_every_refusal_are_logged(caplog):
    caplog.set_level(logging.INFO, logger="kinerja")
    read_uploads_safely(
        [(builders.dimension_bomb(honest=False), "jahat.xlsx"), (b"", "kosong.xlsx")]
    )
    logged = caplog.text
    assert "Stderr pekerja saat membaca 'jahat.xlsx'" in logged
    assert "memory allocation" in logged  # what calamine printed before it aborted
    assert "'jahat.xlsx' tidak bisa dipakai" in logged
    assert "'kosong.xlsx' tidak bisa dipakai (kosong): Berkas kosong" in logged
