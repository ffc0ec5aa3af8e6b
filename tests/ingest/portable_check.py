"""The whole upload path over every demo file and every hostile file, summarised as JSON.

``test_portable.py`` runs ``summary()`` in the test process (Linux: ``resource`` present,
address space capped) and, as ``python -m tests.ingest.portable_check``, in a child Python
where ``resource`` cannot be imported — as on Windows — and compares the two. Each file is
read through ``read_uploads_safely`` (container check, pool worker, limits) and what is
readable is stored in a fresh SQLite store, as the Pengumpulan page does.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path

from kinerja_core.settings import DEMO_DIR
from tests.login import admin

_INCIDENT = re.compile(r"KNJ-[0-9A-F]{6}")


def hostile_files() -> list[tuple[str, bytes]]:
    from tests.ingest import builders, hostile_builders

    good = builders.raw_xlsx(builders.good_sheet_xml())
    return [
        ("terpotong.xlsx", builders.truncated(good)),
        ("kosong.xlsx", b""),
        ("sandi.xlsx", builders.ole2_encrypted_package()),
        ("bom.xlsx", builders.zip_bomb(120)),
        ("ribuan_bagian.xlsx", builders.many_entries()),
        ("entitas_sst.xlsx", builders.entity_in_shared_strings()),
        ("entitas_sheet.xlsx", builders.entity_in_sheet()),
        ("xxe.xlsx", builders.external_entity_in_workbook()),
        ("dimensi_jujur.xlsx", builders.dimension_bomb(honest=True)),
        ("dimensi_bohong.xlsx", builders.dimension_bomb(honest=False)),
        ("baris_dinyatakan.xlsx", builders.many_rows(300_000, declare=True)),
        ("baris_tersembunyi.xlsx", builders.many_rows(300_000, declare=False)),
        ("sel_40mb.xlsx", hostile_builders.huge_cell_xlsx()),
        ("sel_besar.csv", hostile_builders.huge_cell_csv(5)),
        ("makro.xlsm", builders.xlsm_with_macro()),
        ("laporan.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        ("halaman.xls", b"<html><body><table><tr><td>Kode</td></tr></table></body></html>"),
        ("aplikasi_informatika.xlsx", good),
    ]


def demo_files() -> list[tuple[str, bytes]]:
    return [(f"{p.parent.name}/{p.name}", p.read_bytes()) for p in sorted(DEMO_DIR.rglob("*.xlsx"))]


def _describe(result) -> dict:
    frame = result.indicators.to_csv(index=False).encode()
    return {
        "file": result.filename,
        "ok": result.ok,
        "shape": result.shape,
        "bidang": result.bidang,
        "tahun": result.tahun,
        "indicators": len(result.indicators),
        "anggaran": len(result.anggaran),
        "rows_sha256": hashlib.sha256(frame).hexdigest(),
        "errors": [_INCIDENT.sub("KNJ-?", p.message) for p in result.errors],
        "warnings": [p.message for p in result.warnings],
    }


def _pool_misbehaviour() -> dict:
    """The pool's own limits, with jobs that misbehave on purpose (no clock race)."""
    from kinerja_core.ingest import safe
    from tests.ingest import pool_jobs

    pool = safe._pool()
    timeout = pool.run([(b"", "lambat.xlsx", {})], 0.5, 512, job=pool_jobs.sleep_long)[0]
    memory = pool.run([(b"", "rakus.xlsx", {})], 5.0 * 60, 40, job=pool_jobs.hold_memory)[0]
    return {"timeout": getattr(timeout, "kind", "ok"), "memory": getattr(memory, "kind", "ok")}


def summary() -> dict:
    from kinerja_core.ingest import read_uploads_safely, safe
    from kinerja_core.store import Store

    files = demo_files() + hostile_files()
    results = read_uploads_safely([(content, name) for name, content in files], tahun=2024)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'portabel.db'}")
        for result, (_, content) in zip(results, files, strict=True):
            if result.ok:
                store.add_submission(
                    tahun=result.tahun or 2024,
                    bidang=result.bidang or "Bidang Statistik",
                    filename=result.filename,
                    content=content,
                    actor=admin("uji"),
                    indicators=result.indicators,
                    anggaran=result.anggaran,
                    problems=result.problems,
                    shape=result.shape,
                )
        stored = {
            year: len(store.indicators(year)) for year in sorted({r.tahun or 2024 for r in results})
        }
        store.engine.dispose()
    return {
        "address_limit": safe.worker_info()["address_limit"],
        "files": [_describe(r) for r in results],
        "stored_indicators": {str(k): v for k, v in stored.items()},
        "pool": _pool_misbehaviour(),
    }


def main() -> int:
    from kinerja_core.ingest.safe import shutdown_workers

    try:
        json.dump(summary(), sys.stdout, ensure_ascii=False)
    finally:
        shutdown_workers()
    return 0


if __name__ == "__main__":
    sys.exit(main())
