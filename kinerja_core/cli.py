"""The command line: `python -m kinerja_core <perintah>`, help and messages in Indonesian.

Each subcommand is a pair `add_<name>_parser(subparsers)` / `cmd_<name>(args) -> int`.
No traceback ever reaches the user: unexpected failures become one Indonesian line, exit 2.

Commands import only what they use, inside ``cmd_<name>``: ``--help`` and the parsers load
no pandas, SQLAlchemy or spreadsheet library (a test checks which modules each loads).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from kinerja_core.model import Problem

_ARGPARSE_ID = {
    "usage: ": "Penggunaan: ",
    "options": "pilihan",
    "positional arguments": "argumen",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: kesalahan: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "pilihan tidak sah: %(value)r (pilih dari %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "expected one argument": "butuh satu nilai",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "pilihan ambigu: %(option)s bisa berarti %(matches)s"
    ),
}
# argparse looks its messages up through the module-level name `_` at call time.
argparse._ = lambda message: _ARGPARSE_ID.get(message, message)  # type: ignore[attr-defined]


def _parser_kwargs(description: str) -> dict:
    return {"description": description, "formatter_class": argparse.RawDescriptionHelpFormatter}


def add_sampai_tw_argument(parser: argparse.ArgumentParser, verb: str) -> None:
    parser.add_argument(
        "--sampai-tw",
        type=int,
        default=4,
        choices=[1, 2, 3, 4],
        metavar="N",
        help=f"{verb} sampai triwulan N (1-4, bawaan 4)",
    )


def print_problem(problem: Problem, stream=None) -> None:
    stream = stream or sys.stdout
    label = "KESALAHAN" if problem.level == "error" else "Peringatan"
    if problem.confirm:
        label = "Perlu dikonfirmasi"
    where = problem.location()
    print(f"  [{label}] {where + ': ' if where else ''}{problem.message}", file=stream)
    if problem.fix:
        print(f"      Cara memperbaiki: {problem.fix}", file=stream)


def read_files(paths: list[str], tahun: int | None = None) -> tuple[list, bool]:
    """Read each path safely; returns (results, all_ok). Missing files become problems.

    ``tahun`` is used for files that do not say their year themselves.
    """
    from kinerja_core.ingest import IngestResult, read_upload_safely
    from kinerja_core.model import Problem, empty_anggaran, empty_indicators

    results = []
    all_ok = True
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            problem = Problem(
                "error",
                "Berkas tidak ditemukan.",
                "Periksa nama dan lokasi berkas.",
                file=str(path),
            )
            results.append(
                IngestResult(
                    filename=path.name,
                    indicators=empty_indicators(),
                    anggaran=empty_anggaran(),
                    problems=[problem],
                    bidang="",
                    tahun=None,
                    shape="",
                )
            )
            all_ok = False
            continue
        result = read_upload_safely(path.read_bytes(), path.name, tahun=tahun)
        all_ok = all_ok and result.ok
        results.append(result)
    return results, all_ok


# --- hitung ------------------------------------------------------------------------------
def add_hitung_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "hitung",
        help="hitung capaian dan predikat dari berkas pengumpulan data",
        **_parser_kwargs(
            "Membaca berkas pengumpulan data (xlsx, xls, csv) dan menulis satu baris per "
            "indikator: realisasi sampai triwulan terpilih, capaian (%) dan predikat."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="BERKAS", help="berkas yang dibaca")
    add_sampai_tw_argument(parser, "hitung realisasi")
    parser.add_argument(
        "--tahun",
        type=int,
        metavar="T",
        help="tahun untuk berkas yang tidak menyebut tahunnya sendiri (mis. CSV tanpa judul)",
    )
    parser.add_argument(
        "--csv", metavar="KELUARAN", help="tulis hasil ke berkas CSV ini (bawaan: layar)"
    )
    parser.set_defaults(func=cmd_hitung)


def cmd_hitung(args) -> int:
    import pandas as pd

    from kinerja_core import tabular
    from kinerja_core.analysis import evaluate, hitung_table
    from kinerja_core.model import conform_anggaran, conform_indicators
    from kinerja_core.settings import load_settings

    results, all_ok = read_files(args.files, args.tahun)
    for result in results:
        if result.problems:
            print(f"{result.filename}:", file=sys.stderr)
            for problem in result.problems:
                print_problem(problem, sys.stderr)
    indicators = conform_indicators(
        pd.concat([pd.DataFrame()] + [r.indicators for r in results], ignore_index=True)
    )
    anggaran = conform_anggaran(
        pd.concat([pd.DataFrame()] + [r.anggaran for r in results], ignore_index=True)
    )
    table = tabular.for_csv(
        hitung_table(evaluate(indicators, anggaran, args.sampai_tw, load_settings()))
    )
    # %.15g: full precision without scientific notation for Rupiah up to the trillions
    if args.csv:
        table.to_csv(args.csv, index=False, encoding="utf-8", float_format="%.15g")
        print(f"{len(table)} indikator ditulis ke {args.csv}", file=sys.stderr)
    else:
        table.to_csv(sys.stdout, index=False, float_format="%.15g")
    return 0 if all_ok else 1


# --- format ------------------------------------------------------------------------------
def add_format_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "format",
        help="buat workbook format pengumpulan data, satu per bidang",
        **_parser_kwargs(
            "Membuat satu workbook format pengumpulan data kinerja per bidang (termasuk\n"
            "Sekretariat) dari rencana kinerja tahun terpilih yang tersimpan di basis data.\n"
            "Bila basis data belum memuat rencana tahun itu, data demo dipakai (bila ada)."
        ),
    )
    parser.add_argument("--tahun", type=int, required=True, metavar="TAHUN", help="tahun rencana")
    parser.add_argument(
        "--keluaran", required=True, metavar="FOLDER", help="folder tujuan (dibuat bila belum ada)"
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="basis data: URL SQLAlchemy atau path berkas SQLite (bawaan: KINERJA_DB atau "
        "data/kinerja.db)",
    )
    parser.set_defaults(func=cmd_format)


def _sqlite_path(url: str) -> Path | None:
    prefix = "sqlite:///"
    if url.startswith(prefix) and ":memory:" not in url:
        return Path(url[len(prefix) :])
    return None


def _rencana_for_format(tahun: int, db: str | None) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(indicators, anggaran, where they came from) for `format`; raises ValueError."""
    from kinerja_core.demo import DEMO_YEARS, demo_frames
    from kinerja_core.rencana import rencana_from_frames
    from kinerja_core.settings import database_url_from_env
    from kinerja_core.store import Store

    if db:
        url = db if "://" in db else f"sqlite:///{Path(db)}"
        path = _sqlite_path(url)
        if path is not None and not path.is_file():
            raise ValueError(f"Basis data {path} tidak ditemukan. Periksa pilihan --db.")
    else:
        url = database_url_from_env()
    path = _sqlite_path(url)
    if path is None or path.is_file():
        store = Store(url)
        try:
            indicators, anggaran = store.rencana(tahun)
        finally:
            store.engine.dispose()
        if len(indicators):
            return indicators, anggaran, f"rencana tahun {tahun} dari basis data"
    if tahun in DEMO_YEARS:
        indicators, anggaran = rencana_from_frames(*demo_frames(tahun))
        return (
            indicators,
            anggaran,
            f"basis data belum memuat rencana tahun {tahun}; memakai data demo",
        )
    raise ValueError(
        f"Belum ada rencana kinerja tahun {tahun} di basis data, dan data demo hanya "
        f"tersedia untuk tahun {', '.join(map(str, DEMO_YEARS))}. Isi rencana di halaman "
        "Rencana pada aplikasi terlebih dahulu."
    )


def cmd_format(args) -> int:
    from kinerja_core.settings import load_settings
    from kinerja_core.template import build_all_formats

    try:
        indicators, anggaran, source = _rencana_for_format(args.tahun, args.db)
    except ValueError as error:
        print(f"Gagal: {error}", file=sys.stderr)
        return 1
    settings = load_settings()
    files = build_all_formats(
        indicators,
        anggaran,
        tahun=args.tahun,
        dinas=settings.dinas,
        kabupaten=settings.kabupaten,
    )
    folder = Path(args.keluaran)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
    except OSError as error:
        print(f"Gagal menulis ke folder {folder}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"Sumber: {source}.")
    for name in files:
        print(folder / name)
    print(f"{len(files)} format ditulis ke {folder}.")
    return 0


# --- periksa -----------------------------------------------------------------------------
_PERIKSA_EXT = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")


def add_periksa_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "periksa",
        help="periksa berkas kiriman bidang: bisa dibaca atau tidak, dan apa masalahnya",
        **_parser_kwargs(
            "Membaca setiap berkas (xlsx, xlsm, xls, csv; atau semua berkas dalam folder) "
            "secara aman dan menampilkan bentuknya, bidang, tahun, jumlah baris, serta setiap "
            "masalah beserta letak dan cara memperbaikinya.\n\n"
            "Kode keluar: 0 bila semua berkas terbaca tanpa kesalahan, 1 bila ada yang tidak."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="BERKAS", help="berkas atau folder")
    parser.add_argument(
        "--tahun", type=int, metavar="TAHUN", help="tahun bila berkas tidak menyebutnya"
    )
    parser.add_argument("--bidang", default="", help="bidang bila berkas tidak menyebutnya")
    parser.set_defaults(func=cmd_periksa)


def _periksa_paths(raw_paths: list[str]) -> list[Path]:
    paths: list[Path] = []
    for raw in raw_paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.casefold() in _PERIKSA_EXT
            )
            paths.extend(found or [path])
        else:
            paths.append(path)
    return paths


def cmd_periksa(args) -> int:
    import dataclasses

    from kinerja_core.ingest import read_uploads_safely, shape_label
    from kinerja_core.model import Problem

    paths = _periksa_paths(args.files)
    contents: list[tuple[bytes, str]] = []
    unreadable: dict[int, str] = {}
    for index, path in enumerate(paths):
        if path.is_dir():
            unreadable[index] = "Folder ini tidak berisi berkas xlsx, xls, xlsm atau csv."
            continue
        try:
            contents.append((path.read_bytes(), path.name))
        except FileNotFoundError:
            unreadable[index] = "Berkas tidak ditemukan."
        except OSError as error:
            unreadable[index] = f"Berkas tidak bisa dibuka ({error.strerror or error})."
    results = iter(read_uploads_safely(contents, bidang=args.bidang, tahun=args.tahun))

    n_ok = 0
    for index, path in enumerate(paths):
        if index in unreadable:
            print(f"{path}")
            print_problem(Problem("error", unreadable[index], "Periksa nama dan lokasi berkas."))
            print("  Hasil: TIDAK TERBACA\n")
            continue
        result = next(results)
        bidang = result.bidang or "(tidak dikenali)"
        tahun = result.tahun if result.tahun else "(tidak dikenali)"
        print(
            f"{path} — bentuk: {shape_label(result.shape)}, bidang: {bidang}, tahun: {tahun}, "
            f"{len(result.indicators)} indikator, {len(result.anggaran)} baris anggaran"
        )
        for problem in result.problems:
            print_problem(dataclasses.replace(problem, file=""))
        n_err, n_warn = len(result.errors), len(result.warnings)
        if result.ok:
            n_ok += 1
            note = f" ({n_warn} peringatan)" if n_warn else ""
            print(f"  Hasil: BISA DIPAKAI{note}\n")
        else:
            print(f"  Hasil: TIDAK BISA DIPAKAI ({n_err} kesalahan, {n_warn} peringatan)\n")
    print(f"{n_ok} dari {len(paths)} berkas terbaca tanpa kesalahan.")
    return 0 if n_ok == len(paths) else 1


# --- evaluasi ----------------------------------------------------------------------------
_EVALUASI_EPILOG = """\
Kode keluar:
  0  semua berkas terbaca tanpa kesalahan; dokumen ditulis
  1  ada berkas dengan kesalahan: dokumen tetap ditulis dari data yang terbaca dan
     semua catatan masuk sheet Catatan; atau tidak ada data sama sekali (tidak ditulis)
  2  pilihan tidak lengkap/bertentangan, atau berkas keluaran tidak dapat ditulis

Contoh:
  python -m kinerja_core evaluasi data/demo/2024/*.xlsx --sampai-tw 4 \\
      --keluaran Evaluasi_Renja_2024_TW4.xlsx --laporan Laporan_Evaluasi_2024_TW4.docx
"""


def add_evaluasi_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "evaluasi",
        help="buat dokumen evaluasi (xlsx: Ringkasan, formulir E.81, per bidang, Data)",
        **_parser_kwargs(
            "Membaca berkas pengumpulan data (xlsx, xls, csv) lalu menulis dokumen evaluasi "
            "Renja: Ringkasan dengan grafik, formulir E.81 Permendagri 86/2017, satu sheet "
            "per bidang, sheet Data dan sheet Catatan validasi. Jika berkas berisi data "
            "tahun sebelumnya juga, capaiannya dibandingkan."
        ),
    )
    parser.epilog = _EVALUASI_EPILOG
    parser.add_argument("files", nargs="+", metavar="BERKAS", help="berkas yang dibaca")
    parser.add_argument(
        "--tahun",
        type=int,
        metavar="T",
        help="tahun yang dievaluasi (bawaan: satu-satunya tahun dalam berkas)",
    )
    add_sampai_tw_argument(parser, "evaluasi")
    parser.add_argument(
        "--keluaran", required=True, metavar="KELUARAN.xlsx", help="berkas dokumen yang ditulis"
    )
    parser.add_argument(
        "--laporan",
        metavar="LAPORAN.docx",
        help="tulis juga laporan evaluasi (Word: Bab I-IV, grafik, tanda tangan) ke berkas ini",
    )
    parser.add_argument(
        "--kertas",
        choices=["F4", "A4", "A3"],
        type=str.upper,
        help="ukuran kertas cetak, melintang: F4, A4 atau A3 (bawaan: dari pengaturan)",
    )
    parser.add_argument(
        "--tanpa-sheet-bidang",
        action="store_true",
        help="jangan buat satu sheet per bidang",
    )
    parser.add_argument(
        "--tanggal",
        metavar="YYYY-MM-DD",
        help="tanggal pada blok tanda tangan (bawaan: hari ini)",
    )
    parser.set_defaults(func=cmd_evaluasi)


def _evaluasi_year(indicators: pd.DataFrame, tahun: int | None) -> tuple[int | None, str]:
    """The year to evaluate and, when it cannot be decided, why (Indonesian)."""
    years = sorted({int(y) for y in indicators["tahun"] if int(y) > 0})
    if tahun is not None:
        if tahun not in years:
            found = ", ".join(map(str, years)) or "tidak ada"
            return None, f"Tidak ada data tahun {tahun} dalam berkas (tahun yang ada: {found})."
        return tahun, ""
    if len(years) == 1:
        return years[0], ""
    if not years:
        return None, "Tahun data tidak diketahui dari berkas. Sebutkan dengan --tahun T."
    listed = ", ".join(map(str, years))
    return None, f"Berkas berisi data beberapa tahun ({listed}). Pilih satu dengan --tahun T."


def cmd_evaluasi(args) -> int:
    import hashlib
    from dataclasses import replace
    from datetime import date

    import pandas as pd

    from kinerja_core import renstra
    from kinerja_core.analysis import evaluate
    from kinerja_core.model import conform_anggaran, conform_indicators
    from kinerja_core.report import build_evaluation_workbook
    from kinerja_core.settings import load_settings

    tanggal = None
    if args.tanggal:
        try:
            tanggal = date.fromisoformat(args.tanggal)
        except ValueError:
            print(
                f"Tanggal tidak dikenali: {args.tanggal!r}. Tulis seperti 2025-01-15.",
                file=sys.stderr,
            )
            return 2
    results, all_ok = read_files(args.files, args.tahun)
    problems: list[Problem] = []
    for result in results:
        if result.problems:
            print(f"{result.filename}:", file=sys.stderr)
            for problem in result.problems:
                print_problem(problem, sys.stderr)
                problems.append(problem if problem.file else replace(problem, file=result.filename))
    indicators = conform_indicators(
        pd.concat([pd.DataFrame()] + [r.indicators for r in results], ignore_index=True)
    )
    anggaran = conform_anggaran(
        pd.concat([pd.DataFrame()] + [r.anggaran for r in results], ignore_index=True)
    )
    if indicators.empty:
        print("Tidak ada data indikator yang dapat dibaca; dokumen tidak dibuat.", file=sys.stderr)
        return 1
    tahun, why = _evaluasi_year(indicators, args.tahun)
    if tahun is None:
        print(why, file=sys.stderr)
        return 2

    settings = load_settings()
    if args.kertas:
        settings = replace(settings, kertas=args.kertas)
    this_year = indicators[indicators["tahun"] == tahun]
    # column 6 (K, Rp) of the E.81 from the files' earlier years of the Renstra period
    renstra_years = range(settings.renstra_tahun_awal or tahun, tahun)
    this_year, this_anggaran = renstra.lengkapi(
        this_year,
        anggaran[anggaran["tahun"] == tahun],
        tahun,
        earlier={
            year: (indicators[indicators["tahun"] == year], anggaran[anggaran["tahun"] == year])
            for year in renstra_years
        },
        tahun_awal=settings.renstra_tahun_awal,
    )
    evaluated = evaluate(this_year, this_anggaran, args.sampai_tw, settings)
    earlier = indicators[indicators["tahun"] == tahun - 1]
    previous = (
        evaluate(earlier, anggaran[anggaran["tahun"] == tahun - 1], args.sampai_tw, settings)
        if len(earlier)
        else None
    )
    used_years = {tahun, tahun - 1, *renstra_years}
    skipped = int((~indicators["tahun"].isin(used_years)).sum())
    if skipped:
        print(f"{skipped} baris dari tahun lain tidak dipakai.", file=sys.stderr)
    for item in renstra.kekurangan(evaluated, this_anggaran, settings.renstra_tahun_awal):
        print(f"Formulir E.81 belum lengkap: {item.text()}.", file=sys.stderr)

    sources = []
    for raw, result in zip(args.files, results, strict=True):
        path = Path(raw)
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        sources.append(
            {
                "bidang": result.bidang,
                "filename": result.filename,
                "version": "",
                "n_rows": len(result.indicators),
                "uploaded_at": "",
                "uploaded_by": "",
                "sha256": digest,
            }
        )
    content = build_evaluation_workbook(
        evaluated,
        this_anggaran,
        tahun=tahun,
        sampai_tw=args.sampai_tw,
        settings=settings,
        problems=problems,
        previous_year=previous,
        bidang_sheets=not args.tanpa_sheet_bidang,
        tanggal=tanggal,
        submissions=pd.DataFrame(sources),
    )
    written = [(Path(args.keluaran), content)]
    if args.laporan:
        from kinerja_core.clock import today
        from kinerja_core.pengaturan import kantor_from_settings
        from kinerja_core.report.laporan import build_report

        report_bytes = build_report(
            evaluated,
            this_anggaran,
            tahun=tahun,
            sampai_tw=args.sampai_tw,
            settings=settings,
            tanggal=tanggal or today(),
            logo=kantor_from_settings(settings).logo,
        )
        written.append((Path(args.laporan), report_bytes))
    for out, data in written:
        try:
            out.write_bytes(data)
        except OSError as error:
            print(
                f"Tidak dapat menulis {out}: {error.strerror or error}. "
                "Periksa folder tujuan dan tutup berkas itu jika sedang dibuka di Excel/Word.",
                file=sys.stderr,
            )
            return 2
    if args.laporan:
        print(f"Laporan evaluasi ditulis ke {args.laporan}.", file=sys.stderr)
    out = written[0][0]
    bidang = evaluated["bidang"].nunique()
    print(
        f"Dokumen evaluasi tahun {tahun} sampai triwulan {args.sampai_tw} ditulis ke {out} "
        f"({len(evaluated)} indikator, {bidang} bidang).",
        file=sys.stderr,
    )
    if not all_ok:
        print(
            "Ada berkas dengan kesalahan: dokumen dibuat dari data yang terbaca; "
            "lihat sheet Catatan.",
            file=sys.stderr,
        )
    return 0 if all_ok else 1


# --- impor -------------------------------------------------------------------------------
_IMPOR_EPILOG = """\
Kode keluar:
  0  setiap berkas tersimpan dan datanya dipakai (atau sudah tersimpan sebelumnya)
  1  ada berkas yang ditolak (tidak disimpan) atau disimpan sebagai arsip karena kesalahan
  2  basis data tidak dapat dibuka

Contoh:
  python -m kinerja_core impor kiriman/ --tahun 2024
"""


def add_impor_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "impor",
        help="simpan berkas kiriman bidang ke basis data, seperti tombol Simpan di aplikasi",
        **_parser_kwargs(
            "Membaca setiap berkas (atau semua berkas dalam folder) secara aman, memeriksanya "
            "terhadap rencana tahunnya, lalu menyimpannya sebagai versi baru bidangnya beserta "
            "berkas aslinya, persis seperti halaman Pengumpulan Data.\n\n"
            "Bila basis data belum memuat rencana tahun itu, berkas-berkas inilah yang "
            "menetapkan rencana dan bidangnya (judul 'BIDANG X — TAHUN ANGGARAN 2024' berarti "
            "bidang 'Bidang X'). Bila sudah ada rencana, berkas yang bidangnya tidak ada dalam "
            "rencana ditolak. Berkas dengan kesalahan disimpan sebagai arsip (datanya belum "
            "dipakai); berkas yang sama persis dengan versi terakhir tidak disimpan lagi."
        ),
    )
    parser.epilog = _IMPOR_EPILOG
    parser.add_argument("files", nargs="+", metavar="BERKAS", help="berkas atau folder")
    parser.add_argument(
        "--tahun", type=int, metavar="T", help="tahun untuk berkas yang tidak menyebut tahunnya"
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="basis data: URL SQLAlchemy atau path berkas SQLite (bawaan: KINERJA_DB atau "
        "data/kinerja.db)",
    )
    parser.add_argument(
        "--oleh", default="baris perintah", metavar="NAMA", help="nama pengunggah yang dicatat"
    )
    parser.set_defaults(func=cmd_impor)


def cmd_impor(args) -> int:
    from kinerja_core import intake
    from kinerja_core.ingest import shape_label
    from kinerja_core.settings import database_url_from_env
    from kinerja_core.store import Store

    paths = _periksa_paths(args.files)
    items: list[tuple[bytes, str]] = []
    failed = 0
    for path in paths:
        try:
            if path.is_dir():
                raise FileNotFoundError(path)
            items.append((path.read_bytes(), path.name))
        except OSError as error:
            failed += 1
            why = "tidak ditemukan" if isinstance(error, FileNotFoundError) else "tidak bisa dibuka"
            print(f"{path}: DITOLAK — berkas {why}. Periksa nama dan lokasinya.", file=sys.stderr)
    url = (args.db if "://" in args.db else f"sqlite:///{Path(args.db)}") if args.db else None
    store = Store(url or database_url_from_env())
    try:
        outcomes = intake.import_files(store, items, tahun=args.tahun, actor=_cli_actor(args.oleh))
    finally:
        store.engine.dispose()
    counts = dict.fromkeys((intake.SAVED, intake.ARCHIVED, intake.UNCHANGED, intake.REFUSED), 0)
    for outcome in outcomes:
        counts[outcome.status] += 1
        result = outcome.result
        n_rows = len(result.indicators) if result is not None else 0
        what = f"{shape_label(result.shape)}, {n_rows} indikator" if result is not None else ""
        if outcome.status == intake.SAVED:
            warnings = sum(p.level == "warning" for p in outcome.problems)
            note = f", {warnings} peringatan" if warnings else ""
            print(
                f"{outcome.filename}: tersimpan sebagai versi {outcome.version} untuk "
                f"{outcome.bidang} tahun {outcome.tahun} ({what}{note})"
            )
            continue
        if outcome.status == intake.UNCHANGED:
            print(f"{outcome.filename}: {outcome.reason}")
            continue
        if outcome.status == intake.ARCHIVED:
            print(
                f"{outcome.filename}: disimpan sebagai ARSIP versi {outcome.version} untuk "
                f"{outcome.bidang} tahun {outcome.tahun} ({what}); datanya belum dipakai "
                "karena ada kesalahan:",
                file=sys.stderr,
            )
        else:
            print(f"{outcome.filename}: DITOLAK — {outcome.reason}", file=sys.stderr)
        for problem in outcome.problems:
            if problem.level == "error":
                print_problem(problem, sys.stderr)
    counts[intake.REFUSED] += failed
    print(
        f"{counts[intake.SAVED]} berkas tersimpan, {counts[intake.ARCHIVED]} arsip, "
        f"{counts[intake.UNCHANGED]} sudah ada, {counts[intake.REFUSED]} ditolak.",
        file=sys.stderr,
    )
    return 0 if counts[intake.ARCHIVED] + counts[intake.REFUSED] == 0 else 1


# --- cadangan / pulihkan -----------------------------------------------------------------
_CADANGAN_EPILOG = """\
Cadangan dibuat utuh walau aplikasi sedang dipakai (SQLite: API backup daring; PostgreSQL:
semua tabel dibaca dalam satu snapshot), diperiksa (integrity_check) sebelum ditulis ke
BERKAS, dan selalu berupa satu berkas SQLite yang dapat dipulihkan dengan `pulihkan`.
Untuk PostgreSQL, cadangan tingkat server tetap dengan pg_dump, mis.:
  pg_dump --format=custom --file=kinerja.dump "postgresql://user@host/kinerja"

Contoh (jadwalkan setiap hari kerja, simpan salinannya di luar server):
  python -m kinerja_core cadangan --keluaran cadangan/kinerja_2025-01-15.db
"""


def _cli_actor(nama: str = ""):
    """The CLI acts as the admin (shell access to the server); ``--oleh`` names the person."""
    from dataclasses import replace

    from kinerja_core.access import Actor

    actor = Actor.cli()
    return replace(actor, nama=nama) if nama and nama != "baris perintah" else actor


def _db_url(db: str | None) -> str:
    from kinerja_core.settings import database_url_from_env

    if not db:
        return database_url_from_env()
    return db if "://" in db else f"sqlite:///{Path(db)}"


def _rows_text(rows: dict[str, int]) -> str:
    from kinerja_core.locale_id import fmt_number

    shown = {
        "submissions": "berkas kiriman",
        "indicator_rows": "baris indikator",
        "rencana_indicator_rows": "baris rencana",
        "notes": "catatan rapat",
        "audit_log": "catatan audit",
    }
    return ", ".join(
        f"{fmt_number(rows[name], 0)} {label}" for name, label in shown.items() if name in rows
    )


def add_cadangan_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "cadangan",
        help="buat cadangan basis data yang utuh (juga saat aplikasi sedang dipakai)",
        **_parser_kwargs(
            "Menyalin seluruh basis data Kinerja ke satu berkas cadangan yang utuh dan sudah "
            "diperiksa, tanpa menghentikan aplikasi."
        ),
    )
    parser.epilog = _CADANGAN_EPILOG
    parser.add_argument(
        "--keluaran", required=True, metavar="BERKAS", help="berkas cadangan yang ditulis"
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="basis data yang dicadangkan: URL SQLAlchemy atau path berkas SQLite (bawaan: "
        "KINERJA_DB atau data/kinerja.db)",
    )
    parser.set_defaults(func=cmd_cadangan)


def cmd_cadangan(args) -> int:
    from kinerja_core.access import Actor
    from kinerja_core.backup import BackupError, make_backup
    from kinerja_core.locale_id import fmt_number

    try:
        info = make_backup(_db_url(args.db), args.keluaran, actor=Actor.cli())
    except BackupError as error:
        print(f"Gagal: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(
            f"Gagal menulis {args.keluaran}: {error.strerror or error}. Periksa folder tujuan.",
            file=sys.stderr,
        )
        return 1
    print(
        f"Cadangan ditulis ke {info.path} ({fmt_number(info.size / 2**20, 1)} MB, skema "
        f"{info.revision}): {_rows_text(info.rows)}. Pemeriksaan integritas: baik."
    )
    return 0


def add_pulihkan_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "pulihkan",
        help="pulihkan berkas cadangan ke basis data yang masih kosong",
        **_parser_kwargs(
            "Memeriksa berkas cadangan (utuh, buatan Kinerja, skema yang dikenal), lalu "
            "menyalin seluruh isinya ke basis data tujuan yang masih kosong (SQLite atau "
            "PostgreSQL). Basis data yang sudah berisi data tidak pernah ditimpa.\n\n"
            "Kode keluar: 0 berhasil, 1 cadangan tidak sah atau tujuan tidak kosong."
        ),
    )
    parser.add_argument("berkas", metavar="BERKAS", help="berkas cadangan (dari `cadangan`)")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="basis data tujuan yang masih kosong: URL SQLAlchemy atau path berkas SQLite "
        "baru (bawaan: KINERJA_DB atau data/kinerja.db)",
    )
    parser.set_defaults(func=cmd_pulihkan)


def cmd_pulihkan(args) -> int:
    from kinerja_core.access import Actor
    from kinerja_core.backup import BackupError, restore_backup

    url = _db_url(args.db)
    try:
        info = restore_backup(args.berkas, url, actor=Actor.cli())
    except BackupError as error:
        print(f"Gagal: {error}", file=sys.stderr)
        return 1
    import sqlalchemy as sa

    shown = sa.engine.make_url(url).render_as_string(hide_password=True)
    print(f"Cadangan {info.path.name} (skema {info.revision}) dipulihkan ke {shown}: "
          f"{_rows_text(info.rows)}.")  # fmt: skip
    return 0


# --- surat-pengantar ----------------------------------------------------------------------
def add_surat_pengantar_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "surat-pengantar",
        help="buat surat pengantar dokumen evaluasi dengan nomor dari agenda surat keluar",
        **_parser_kwargs(
            "Mengambil nomor berikutnya dari agenda surat keluar (register yang sama dengan "
            "halaman Surat & Arsip), lalu menulis surat pengantar (.docx) dalam tata naskah "
            "dinas: kop, tempat dan tanggal, Yth. … di …, SURAT PENGANTAR dengan NOMOR, tabel "
            "naskah yang dikirim, blok penerima dan pengirim.\n\n"
            "Contoh:\n"
            "  python -m kinerja_core surat-pengantar --tahun 2024 --sampai-tw 4 \\\n"
            '      --kepada "Kepala Bappeda Kabupaten Luwu Timur" --keluaran pengantar.docx'
        ),
    )
    parser.add_argument("--tahun", type=int, required=True, metavar="T", help="tahun evaluasi")
    add_sampai_tw_argument(parser, "evaluasi")
    parser.add_argument("--kepada", required=True, metavar="TUJUAN", help="Yth. … (jabatan)")
    parser.add_argument("--di", metavar="TEMPAT", help="di … (bawaan: tempat kantor)")
    parser.add_argument(
        "--tanggal", metavar="YYYY-MM-DD", help="tanggal surat (bawaan: hari ini, zona kantor)"
    )
    parser.add_argument("--keluaran", required=True, metavar="BERKAS", help="berkas .docx")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="basis data: URL SQLAlchemy atau path berkas SQLite (bawaan: KINERJA_DB atau "
        "data/kinerja.db)",
    )
    parser.set_defaults(func=cmd_surat_pengantar)


def cmd_surat_pengantar(args) -> int:
    from datetime import date

    from kinerja_core import clock, pengaturan, surat, surat_pengantar
    from kinerja_core.access import Actor
    from kinerja_core.settings import load_settings
    from kinerja_core.store import Store

    try:
        tanggal = date.fromisoformat(args.tanggal) if args.tanggal else clock.today()
    except ValueError:
        print(f"Tanggal '{args.tanggal}' tidak sah; tulis TTTT-BB-HH, mis. 2025-01-20.",
              file=sys.stderr)  # fmt: skip
        return 2
    settings = load_settings()
    store = Store(_db_url(args.db))
    try:
        di = args.di or pengaturan.current(store, settings).kantor.tempat
        nomor, content = surat_pengantar.buat(
            store,
            Actor.cli(),
            settings,
            tahun=args.tahun,
            sampai_tw=args.sampai_tw,
            kepada=args.kepada,
            di=di,
            tanggal=tanggal,
        )
    except surat.SuratError as error:
        print(f"Gagal: {error}", file=sys.stderr)
        return 2
    finally:
        store.engine.dispose()
    out = Path(args.keluaran)
    try:
        out.write_bytes(content)
    except OSError as error:
        print(
            f"Nomor {nomor.nomor} sudah tercatat di agenda surat keluar, tetapi {out} tidak dapat "
            f"ditulis ({error.strerror or error}); suratnya tersimpan di basis data dan dapat "
            "diunduh dari halaman Surat & Arsip.",
            file=sys.stderr,
        )
        return 1
    print(nomor.nomor)
    print(f"Surat pengantar nomor {nomor.nomor} ditulis ke {out}.", file=sys.stderr)
    return 0


def add_akun_parser(subparsers) -> None:
    from kinerja_core.cli_akun import add_akun_parser as add

    add(subparsers)


def add_audit_parser(subparsers) -> None:
    from kinerja_core.cli_akun import add_audit_parser as add

    add(subparsers)


SUBCOMMANDS = [
    add_hitung_parser,
    add_format_parser,
    add_periksa_parser,
    add_evaluasi_parser,
    add_impor_parser,
    add_cadangan_parser,
    add_pulihkan_parser,
    add_surat_pengantar_parser,
    add_akun_parser,
    add_audit_parser,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kinerja_core",
        **_parser_kwargs("Kinerja — pengumpulan dan evaluasi data kinerja perangkat daerah."),
    )
    subparsers = parser.add_subparsers(title="perintah", metavar="PERINTAH")
    for add in SUBCOMMANDS:
        add(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    log_path = _start_log()
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 — last line of defence: never a traceback
        if isinstance(error, _user_errors()):
            print(error, file=sys.stderr)
            return 2
        from kinerja_core import incident

        code = incident.report(error, "python -m kinerja_core " + " ".join(argv or sys.argv[1:]))
        print(
            f"Terjadi kesalahan yang tidak terduga (kode insiden {code}). Rinciannya tercatat "
            f"di {log_path}; sampaikan kode ini kepada admin.",
            file=sys.stderr,
        )
        return 2


def _start_log():
    """Refused files, workers' stderr and incidents go to the log file, not the terminal."""
    from kinerja_core import incident
    from kinerja_core.settings import SettingsError, load_settings

    try:
        path = load_settings().log_path
    except SettingsError:
        path = None  # the command itself reports the broken configuration
    return incident.configure(path)


def _user_errors() -> tuple[type[Exception], ...]:
    """Errors whose message is already the Indonesian explanation (configuration, database).

    Looked up only among the modules the command loaded: an error class that was never
    imported cannot have been raised, and importing it here would cost the import.
    """
    found: list[type[Exception]] = []
    for module, name in (
        ("kinerja_core.settings", "SettingsError"),
        ("kinerja_core.store", "StoreUnavailable"),
        ("kinerja_core.store", "StoreWriteError"),
        ("kinerja_core.access", "AksesDitolak"),
    ):
        loaded = sys.modules.get(module)
        if loaded is not None:
            found.append(getattr(loaded, name))
    return tuple(found)
