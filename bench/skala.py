"""Skala: every stage measured from 1k to 120k indicators, beside the issue's baselines and targets.

    .venv/bin/python bench/skala.py                      # 1k, 12k, 50k, 120k; every stage
    .venv/bin/python bench/skala.py --sizes 1k,12k --stages upload,tracker,pages
    .venv/bin/python bench/skala.py --sizes 12k --stages serve --sessions 25 --seconds 60

Datasets are generated once into ``bench/.data/<size>/`` (``bench/dataset.py``: 300
indicators per file, half our format, half the messy shape). Stages:

upload    ``python -m kinerja_core impor FOLDER`` into a fresh database that holds the
          rencana (the page's path: safe read, check against the rencana, save with
          versions), and once more into an empty database (the files define the rencana).
tracker   the Pengumpulan tracker as the page computes it (store reads + ``tracker``).
pages     AppTest runs of the real pages on that database (plus the year before, for the
          year-on-year views): first render and reruns after a widget change; the time of
          ``AppTest.run()`` is the server time of a rerun (script + element serialisation).
workbook  ``build_evaluation_workbook`` in a fresh process: time and peak RSS.
hitung    ``python -m kinerja_core hitung FILES`` whole process, against
          ``pandas.read_excel(engine="openpyxl")`` and bare python-calamine over the same
          files, each a whole process too (openpyxl only up to 12k: it takes minutes beyond).
serve     a real ``streamlit run`` on 127.0.0.1 and protocol-level sessions (see
          ``bench/serve.py``): p50/p95 rerun latency of N concurrent sessions changing
          filters, server RSS over 1,000 reruns, bytes each page sends, and the server's
          growth after uploading a pathological file.

Times are wall seconds and CPU seconds of the whole process tree (the machine is shared:
the load average is printed beside each run). Results are also written as JSON to
``bench/.data/results.json`` (merged across runs), from which ``--table`` prints the table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

import dataset  # noqa: E402

from tests.login import admin  # noqa: E402

RESULTS = dataset.DATA_DIR / "results.json"
TAHUN = dataset.TAHUN

# The figures (CPU seconds, whole process tree) and the targets, per stage.
BASELINE = {
    "upload": {"12k": 16.5, "50k": 237.0, "120k": 1300.0},
    "tracker": {"12k": 1.0, "50k": 5.5, "120k": 15.6},
    "workbook_s": {"12k": 5.4, "50k": 26.0, "120k": 54.0},
    "workbook_mb": {"12k": 445, "50k": 1000, "120k": 2100},
    "hitung": {"12k": 3.1, "50k": 7.1, "120k": 13.7},
    "calamine": {"12k": 1.0, "50k": 2.5, "120k": 5.7},
}
TARGET = {
    "upload": "12k < 5 s; 50k ≤ 4,5× 12k",
    "tracker": "12k < 0,1 s; 120k < 1 s",
    "rerun": "12k < 0,3 s; 120k < 2 s",
    "first": "12k < 2 s",
    "workbook_s": "12k < 3 s; 120k < 30 s",
    "workbook_mb": "12k < 400; 120k < 1.000",
    "hitung": "≥ 5× openpyxl; ≤ 2× calamine",
    "serve": "p95 < 1 s",
}


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(args: list[str], **kwargs) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall s, CPU s of the process and its waited-for children, result)."""
    cpu0, wall0 = children_cpu(), time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, cwd=REPO, **kwargs)
    return time.perf_counter() - wall0, children_cpu() - cpu0, result


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def db_path(label: str) -> Path:
    return dataset.folder_for(label) / "bench.db"


# --- upload ------------------------------------------------------------------------------
def stage_upload(label: str) -> dict:
    from kinerja_core.store import Store

    files = dataset.ensure(label) / "files"
    indicators, anggaran = dataset.rencana_of(label)
    out: dict = {"load": load()}
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "kosong.db"
        wall, cpu, result = run_process(
            python("-m", "kinerja_core", "impor", str(files), "--db", str(empty))
        )
        _check_impor(result, label)
        out.update(tanpa_rencana_wall=wall, tanpa_rencana_cpu=cpu)
    target = db_path(label)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    store = Store(f"sqlite:///{target}")
    store.set_rencana(TAHUN, indicators, anggaran, actor=admin("bench"))
    store.engine.dispose()
    wall, cpu, result = run_process(
        python("-m", "kinerja_core", "impor", str(files), "--db", str(target))
    )
    _check_impor(result, label)
    out.update(wall=wall, cpu=cpu)
    _add_previous_year(label)
    return out


def _check_impor(result: subprocess.CompletedProcess, label: str) -> None:
    n = dataset.n_files(dataset.SIZES[label])
    if f"{n} berkas tersimpan" not in result.stderr:
        raise RuntimeError(f"impor {label} gagal:\n{result.stderr[-2000:]}")


def _add_previous_year(label: str) -> None:
    """The year before, straight into the store (not measured): for year-on-year views."""
    from kinerja_core.rencana import rencana_from_frames
    from kinerja_core.store import Store

    indicators, anggaran = dataset.previous_of(label)
    store = Store(f"sqlite:///{db_path(label)}")
    for bidang, part in indicators.groupby("bidang", sort=False):
        store.add_submission(
            tahun=TAHUN - 1,
            bidang=str(bidang),
            filename=f"{bidang}.xlsx",
            content=b"bench",
            actor=admin("bench"),
            indicators=part,
            anggaran=anggaran[anggaran["bidang"] == bidang],
            problems=[],
        )
    store.set_rencana(TAHUN - 1, *rencana_from_frames(indicators, anggaran), actor=admin())
    store.open_period(TAHUN, 3, actor=admin())
    store.engine.dispose()


def _require_db(label: str) -> Path:
    path = db_path(label)
    if not path.is_file():
        print(f"  (database {label} belum ada: menjalankan tahap upload dulu)", file=sys.stderr)
        stage_upload(label)
    return path


# --- tracker -----------------------------------------------------------------------------
def stage_tracker(label: str, repeat: int = 5) -> dict:
    from kinerja_core import tracker
    from kinerja_core.store import Store

    store = Store(f"sqlite:///{_require_db(label)}")

    def page_path():
        submissions = store.submissions(TAHUN)
        plans = {year: store.rencana(year)[0] for year in store.years()}
        return tracker.tracker(
            submissions, plans[TAHUN], store.indicators(TAHUN), sampai_tw=3, batas_waktu=None
        )

    submissions, rencana = store.submissions(TAHUN), store.rencana(TAHUN)[0]
    indicators = store.indicators(TAHUN)

    def core_only():
        return tracker.tracker(submissions, rencana, indicators, sampai_tw=3, batas_waktu=None)

    out = {"load": load()}
    out["cpu"], out["wall"] = _best(page_path, repeat)
    out["core_cpu"], out["core_wall"] = _best(core_only, repeat)
    store.engine.dispose()
    return out


def _best(fn, repeat: int) -> tuple[float, float]:
    """Median CPU and wall seconds of ``repeat`` calls (CPU of this whole process)."""
    cpu, wall = [], []
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall)


# --- pages (AppTest) ---------------------------------------------------------------------
def stage_pages(label: str, repeat: int = 3) -> dict:
    """Run in a fresh process: AppTest caches live in the process (first render is cold)."""
    _require_db(label)
    wall, cpu, result = run_process(
        python(str(BENCH / "skala.py"), "--pages-child", label, "--repeat", str(repeat)),
        env={**os.environ, "KINERJA_DB": str(db_path(label))},
    )
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    out = json.loads(result.stdout.strip().splitlines()[-1])
    out["load"] = load()
    return out


def pages_child(label: str, repeat: int) -> dict:
    from streamlit.testing.v1 import AppTest

    from kinerja_core.ingest import safe
    from tests.pages.conftest import login

    # Start the parsing workers here, as `streamlit run` does before any page: started from
    # inside an AppTest run, a spawned worker would re-run the page as its main module.
    safe.worker_info()

    def page(name: str) -> AppTest:  # as the admin, after a real login session
        return login(AppTest.from_file(str(REPO / "pages" / name), default_timeout=900))

    def timed_run(at: AppTest) -> tuple[float, float]:
        c0, w0 = time.process_time(), time.perf_counter()
        at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].message)
        return time.process_time() - c0, time.perf_counter() - w0

    def reruns(at: AppTest, actions: list) -> tuple[float, float]:
        cpu, wall = [], []
        for _ in range(repeat):
            for action in actions:
                action(at)
                c, w = timed_run(at)
                cpu.append(c)
                wall.append(w)
        return statistics.median(cpu), max(wall)

    out: dict = {}
    at = page("analisis.py")
    out["analisis_first_cpu"], out["analisis_first_wall"] = timed_run(at)
    bidang = [o for o in at.selectbox(key="an_bidang").options if o][3]
    out["analisis_filter_cpu"], out["analisis_filter_wall"] = reruns(
        at,
        [
            lambda a: a.multiselect(key="an_predikat").select("Rendah"),
            lambda a: a.multiselect(key="an_predikat").set_value([]),
            lambda a: a.text_input(key="an_cari").input("Layanan Nomor 7"),
            lambda a: a.text_input(key="an_cari").input(""),
        ],
    )
    out["analisis_drill_cpu"], out["analisis_drill_wall"] = reruns(
        at,
        [
            lambda a: a.selectbox(key="an_bidang").select(bidang),
            lambda a: a.selectbox(key="an_program").select_index(1),
            lambda a: a.selectbox(key="an_bidang").select_index(0),
        ],
    )
    for tab in ("Tren & anggaran", "Catatan & anomali", "Narasi"):
        at.session_state["an_tab"] = tab
        c, w = timed_run(at)
        key = {"Tren & anggaran": "tren", "Catatan & anomali": "catatan", "Narasi": "narasi"}[tab]
        out[f"analisis_tab_{key}_cpu"] = c
    at.session_state["an_tab"] = "Tren & anggaran"
    timed_run(at)
    out["analisis_tren_filter_cpu"], out["analisis_tren_filter_wall"] = reruns(
        at,
        [
            lambda a: a.selectbox(key="an_bidang").select(bidang),
            lambda a: a.selectbox(key="an_bidang").select_index(0),
        ],
    )

    at = page("beranda.py")
    out["beranda_first_cpu"], _ = timed_run(at)
    out["beranda_rerun_cpu"], out["beranda_rerun_wall"] = reruns(at, [lambda a: None])

    at = page("rapat.py")
    out["rapat_first_cpu"], _ = timed_run(at)
    out["rapat_next_cpu"], out["rapat_next_wall"] = reruns(
        at, [lambda a: a.button(key="rapat_next").click()]
    )

    at = page("pengumpulan.py")
    out["pengumpulan_first_cpu"], _ = timed_run(at)
    out["pengumpulan_rerun_cpu"], out["pengumpulan_rerun_wall"] = reruns(at, [lambda a: None])
    return out


# --- workbook ----------------------------------------------------------------------------
def stage_workbook(label: str) -> dict:
    _require_db(label)
    wall, cpu, result = run_process(
        python(str(BENCH / "skala.py"), "--workbook-child", label),
    )
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    out = json.loads(result.stdout.strip().splitlines()[-1])
    out.update(load=load(), process_cpu=cpu, process_wall=wall)
    return out


def workbook_child(label: str) -> dict:
    from kinerja_core import analysis
    from kinerja_core.report import build_evaluation_workbook
    from kinerja_core.settings import Settings
    from kinerja_core.store import Store

    store = Store(f"sqlite:///{db_path(label)}")
    settings = Settings()
    anggaran = store.anggaran(TAHUN)
    evaluated = analysis.evaluate(store.indicators(TAHUN), anggaran, 4, settings)
    previous = analysis.evaluate(
        store.indicators(TAHUN - 1), store.anggaran(TAHUN - 1), 4, settings
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    c0, w0 = time.process_time(), time.perf_counter()
    content = build_evaluation_workbook(
        evaluated, anggaran, tahun=TAHUN, sampai_tw=4, settings=settings, problems=[],
        previous_year=previous,
    )  # fmt: skip
    figures = {
        "cpu": time.process_time() - c0,
        "wall": time.perf_counter() - w0,
        "rss_before_mb": before,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "size_mb": len(content) / 1e6,
    }
    # The Ekspor page's "sheet per bidang" switch off: what a Bappeda-sized export costs.
    c0 = time.process_time()
    build_evaluation_workbook(
        evaluated, anggaran, tahun=TAHUN, sampai_tw=4, settings=settings, problems=[],
        previous_year=previous, bidang_sheets=False,
    )  # fmt: skip
    figures["cpu_tanpa_sheet_bidang"] = time.process_time() - c0
    return figures


# --- hitung ------------------------------------------------------------------------------
_CALAMINE = """
import sys
from python_calamine import CalamineWorkbook
cells = 0
for path in sys.argv[1:]:
    book = CalamineWorkbook.from_path(path)
    for name in book.sheet_names:
        cells += sum(len(row) for row in book.get_sheet_by_name(name).to_python())
print(cells)
"""
_OPENPYXL = """
import sys
import pandas as pd
for path in sys.argv[1:]:
    pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl")
"""


def stage_hitung(label: str) -> dict:
    files = [str(p) for p in dataset.files_of(label)]
    out: dict = {"load": load()}
    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu, result = run_process(
            python("-m", "kinerja_core", "hitung", *files, "--csv", str(Path(tmp) / "o.csv"))
        )
        if result.returncode not in (0, 1):
            raise RuntimeError(result.stderr[-2000:])
    out.update(wall=wall, cpu=cpu)
    wall, cpu, _ = run_process(python("-c", _CALAMINE, *files))
    out.update(calamine_wall=wall, calamine_cpu=cpu)
    if dataset.SIZES[label] <= 12_000:
        wall, cpu, _ = run_process(python("-c", _OPENPYXL, *files))
        out.update(openpyxl_wall=wall, openpyxl_cpu=cpu)
    return out


# --- serve -------------------------------------------------------------------------------
def stage_serve(label: str, sessions: int, seconds: float, reruns: int) -> dict:
    import serve

    _require_db(label)
    return serve.measure(db_path(label), sessions=sessions, seconds=seconds, reruns=reruns)


STAGES = {
    "upload": stage_upload,
    "tracker": stage_tracker,
    "pages": stage_pages,
    "workbook": stage_workbook,
    "hitung": stage_hitung,
}


# --- table -------------------------------------------------------------------------------
def _fmt(value, unit: str = "s") -> str:
    if value is None:
        return "–"
    if unit == "MB":
        return f"{value:,.0f} MB"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def table(results: dict, sizes: list[str]) -> str:
    """The Markdown table: one row per stage, one column per size (CPU s unless noted)."""

    def get(label: str, stage: str, key: str):
        return results.get(label, {}).get(stage, {}).get(key)

    def base(kind: str, label: str) -> str:
        value = BASELINE.get(kind, {}).get(label)
        return f" (was {value:g})" if value is not None else ""

    rows = []

    def add(name: str, target: str, cells: list[str]) -> None:
        rows.append(f"| {name} | " + " | ".join(cells) + f" | {target} |")

    add(
        "upload + check + save, with rencana (`impor`)",
        TARGET["upload"],
        [_fmt(get(s, "upload", "cpu")) + base("upload", s) for s in sizes],
    )
    add(
        "upload + save, files define the rencana",
        "",
        [_fmt(get(s, "upload", "tanpa_rencana_cpu")) for s in sizes],
    )
    add(
        "tracker as the Pengumpulan page computes it",
        TARGET["tracker"],
        [_fmt(get(s, "tracker", "cpu")) + base("tracker", s) for s in sizes],
    )
    for key, name in (
        ("pengumpulan_rerun_cpu", "Pengumpulan page rerun"),
        ("analisis_first_cpu", "Analisis first render (cold caches)"),
        ("analisis_filter_cpu", "Analisis rerun after a filter change"),
        ("analisis_drill_cpu", "Analisis rerun after a drill-down"),
        ("analisis_tren_filter_cpu", "Analisis (Tren tab) filter change"),
        ("beranda_rerun_cpu", "Beranda rerun"),
        ("rapat_next_cpu", "Rapat next slide"),
    ):
        target = TARGET["first"] if "first" in key else TARGET["rerun"]
        if key.startswith("pengumpulan"):
            target = TARGET["tracker"]
        add(name, target, [_fmt(get(s, "pages", key)) for s in sizes])
    add(
        "evaluation workbook build",
        TARGET["workbook_s"],
        [_fmt(get(s, "workbook", "cpu")) + base("workbook_s", s) for s in sizes],
    )
    add(
        "evaluation workbook without the sheet per bidang",
        "",
        [_fmt(get(s, "workbook", "cpu_tanpa_sheet_bidang")) for s in sizes],
    )
    add(
        "evaluation workbook peak RSS (whole process)",
        TARGET["workbook_mb"],
        [_fmt(get(s, "workbook", "peak_mb"), "MB") + base("workbook_mb", s) for s in sizes],
    )
    add(
        "`hitung` whole process",
        TARGET["hitung"],
        [_fmt(get(s, "hitung", "cpu")) + base("hitung", s) for s in sizes],
    )
    add(
        "bare python-calamine, whole process",
        "",
        [_fmt(get(s, "hitung", "calamine_cpu")) + base("calamine", s) for s in sizes],
    )
    add(
        "`pandas.read_excel(openpyxl)`, whole process",
        "",
        [_fmt(get(s, "hitung", "openpyxl_cpu")) for s in sizes],
    )

    def serve(label: str, part: str, key: str):
        found = results.get(label, {}).get("serve", {}).get(part, {})
        return found.get(key) if isinstance(found, dict) else None

    def pair(label: str, part: str) -> str:
        p50, p95 = serve(label, part, "p50"), serve(label, part, "p95")
        return "–" if p95 is None else f"{_fmt(p50)} / {_fmt(p95)} (wall)"

    add(
        "25 sessions, a filter change each ~2 s: p50 / p95",
        TARGET["serve"],
        [pair(s, "concurrency") for s in sizes],
    )
    add(
        "25 sessions clicking non-stop: p50 / p95",
        "",
        [pair(s, "saturation") for s in sizes],
    )
    add(
        "server CPU per Analisis rerun under load",
        "",
        [_fmt(serve(s, "saturation", "server_cpu_per_rerun")) for s in sizes],
    )

    def memory(label: str) -> str:
        samples = serve(label, "memory", "rss_samples_mb")
        return "–" if not samples else " → ".join(str(v) for v in samples[1::2]) + " MB"

    add("server RSS over 1,000 reruns (every 200)", "flat", [memory(s) for s in sizes])

    def growth(label: str) -> str:
        value = serve(label, "upload", "growth_mb")
        return "–" if value is None else f"{value:+.0f} MB"

    add("server growth after the 40 MB-cell upload", "≤ 50 MB", [growth(s) for s in sizes])

    def sent(label: str) -> str:
        found = results.get(label, {}).get("serve", {}).get("payload", {})
        if not isinstance(found, dict) or "analisis_first_mb" not in found:
            return "–"
        pages = ("beranda", "analisis", "rapat", "pengumpulan")
        return " / ".join(f"{found.get(f'{p}_first_mb', 0):.2f}" for p in pages) + " MB"

    add("bytes sent: Beranda / Analisis / Rapat / Pengumpulan", "< 5 MB", [sent(s) for s in sizes])
    head = "| stage (CPU s, whole process tree) | " + " | ".join(sizes) + " | target |"
    rule = "|---|" + "---|" * len(sizes) + "---|"
    return "\n".join([head, rule, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,12k,50k,120k")
    parser.add_argument("--stages", default="upload,tracker,pages,workbook,hitung,serve")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--reruns", type=int, default=1000, help="reruns of the RSS watch")
    parser.add_argument("--table", action="store_true", help="only print the saved table")
    parser.add_argument("--pages-child", help=argparse.SUPPRESS)
    parser.add_argument("--workbook-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pages_child:
        print(json.dumps(pages_child(args.pages_child, args.repeat)))
        return 0
    if args.workbook_child:
        print(json.dumps(workbook_child(args.workbook_child)))
        return 0
    sizes = [s for s in args.sizes.split(",") if s]
    results = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    if not args.table:
        for label in sizes:
            dataset.ensure(label)
            for stage in [s for s in args.stages.split(",") if s]:
                print(f"[{label}] {stage} … (load {load()})", file=sys.stderr, flush=True)
                start = time.perf_counter()
                if stage == "serve":
                    found = stage_serve(label, args.sessions, args.seconds, args.reruns)
                elif stage == "pages":
                    found = stage_pages(label, args.repeat)
                else:
                    found = STAGES[stage](label)
                found["measured_at"] = time.strftime("%Y-%m-%d %H:%M")
                # re-read before merging: another run may have saved meanwhile
                results = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
                results.setdefault(label, {})[stage] = found
                RESULTS.write_text(json.dumps(results, indent=1))
                print(
                    f"[{label}] {stage}: {time.perf_counter() - start:.0f} s — "
                    + ", ".join(
                        f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}"
                        for k, v in found.items()
                    ),
                    file=sys.stderr,
                    flush=True,
                )
    print(table(results, [s for s in dataset.SIZES if s in results]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
