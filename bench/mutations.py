"""Mutation check of issue 8 §5: each listed slip in the numbers must fail at least one test.

    .venv/bin/python bench/mutations.py            # every mutation, stops at the first failure
    .venv/bin/python bench/mutations.py --list     # the table below, nothing run
    .venv/bin/python bench/mutations.py --only efisiensi-kinerja --all-failures

For each mutation the checkout (``git ls-files``: tracked and new files) is copied into a
temporary folder, ONE exact text replacement is made there (it must match exactly once, so
a refactor that moves the code breaks this script loudly instead of testing nothing), and
the tests that should catch it are run. A mutation that leaves them green is reported as
SURVIVED and the script exits 1. The tests are first run unmutated (a red baseline would
make every mutation look caught).

Each row names the test expected to catch it; ``--all-failures`` lists every failing test.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutation:
    key: str
    what: str  # the slip, as the issue words it
    path: str
    old: str
    new: str
    tests: tuple[str, ...]  # what to run
    caught_by: str  # the test written to catch it


ONE = "tests/test_one_number.py"
VALUES = "tests/ingest/test_values.py"
FORMULAS = "tests/test_formulas.py"

MUTATIONS: tuple[Mutation, ...] = (
    Mutation(
        "pagu-mean",
        "pagu weighting dropped from the roll-up (the one rata-rata)",
        "kinerja_core/analysis.py",
        'if settings.rollup_weight == "pagu":\n        return rows["pagu"]',
        'if False:\n        return rows["pagu"]',
        (ONE,),
        f"{ONE}::test_the_one_rata_rata_is_pagu_weighted_and_capped",
    ),
    Mutation(
        "pagu-rollup",
        "pagu weighting dropped from the per-bidang/program roll-up",
        "kinerja_core/analysis.py",
        'if settings.rollup_weight == "pagu":\n            weight = rows["pagu"]',
        'if False:\n            weight = rows["pagu"]',
        (ONE,),
        f"{ONE}::test_the_one_rata_rata_is_pagu_weighted_and_capped (per bidang)",
    ),
    Mutation(
        "efisiensi-kinerja",
        "`>=` to `>` at the efisiensi boundary (kinerja)",
        "kinerja_core/formulas.py",
        "met = c >= batas_kinerja",
        "met = c > batas_kinerja",
        (ONE,),
        f"{ONE}::test_efisiensi_boundary_is_inclusive",
    ),
    Mutation(
        "efisiensi-serapan",
        "`>=` to `>` at the efisiensi boundary (serapan)",
        "kinerja_core/formulas.py",
        "spent = s >= batas_serapan",
        "spent = s > batas_serapan",
        (ONE,),
        f"{ONE}::test_efisiensi_boundary_is_inclusive",
    ),
    Mutation(
        "ambang",
        "`<` to `<=` at the flag threshold",
        "kinerja_core/formulas.py",
        "(c < threshold)",
        "(c <= threshold)",
        (FORMULAS, ONE),
        f"{FORMULAS}::TestGapSerapanEfisiensi::test_di_bawah_ambang_is_strictly_under_the_threshold"
        f", {ONE}::test_predikat_and_flags_follow_the_configured_bounds",
    ),
    Mutation(
        "gap-cap",
        "gap ignoring the cap",
        "kinerja_core/analysis.py",
        'frame["gap_persen"] = 100.0 - shown',
        'frame["gap_persen"] = 100.0 - raw',
        (ONE,),
        f"{ONE}::test_capaian_per_indicator_under_t_over_r_and_cap",
    ),
    Mutation(
        "predikat-bounds",
        "predikat ignoring configured bounds (the formula)",
        "kinerja_core/formulas.py",
        "b1, b2, b3, b4 = bounds",
        "b1, b2, b3, b4 = DEFAULT_BOUNDS",
        (ONE,),
        f"{ONE}::test_predikat_and_flags_follow_the_configured_bounds",
    ),
    Mutation(
        "predikat-indikator",
        "predikat of an indicator ignoring configured bounds",
        "kinerja_core/analysis.py",
        'frame["predikat"] = formulas.predikat(shown, settings.predikat_bounds)',
        'frame["predikat"] = formulas.predikat(shown)',
        (ONE,),
        f"{ONE}::test_predikat_and_flags_follow_the_configured_bounds",
    ),
    Mutation(
        "predikat-dinas",
        "predikat of the Dinas (Beranda, workbook) ignoring configured bounds",
        "kinerja_core/analysis.py",
        "predikat=str(formulas.predikat(mean, settings.predikat_bounds)[0]),",
        "predikat=str(formulas.predikat(mean)[0]),",
        (ONE,),
        f"{ONE}::test_the_one_rata_rata_is_pagu_weighted_and_capped",
    ),
    Mutation(
        "predikat-pilihan",
        "predikat of a selection (Analisis, Rapat) ignoring configured bounds",
        "kinerja_core/views.py",
        "predikat=formulas.predikat(mean, settings.predikat_bounds)[0],",
        "predikat=formulas.predikat(mean)[0],",
        (ONE,),
        f"{ONE}::test_the_one_rata_rata_is_pagu_weighted_and_capped",
    ),
    Mutation(
        "predikat-rollup",
        "predikat per bidang/program ignoring configured bounds",
        "kinerja_core/analysis.py",
        'result["predikat"] = formulas.predikat(result["capaian"].to_numpy(), '
        "settings.predikat_bounds)",
        'result["predikat"] = formulas.predikat(result["capaian"].to_numpy())',
        (ONE,),
        f"{ONE}::test_the_one_rata_rata_is_pagu_weighted_and_capped (per bidang)",
    ),
    Mutation(
        "minus-unicode",
        '"−5" with a Unicode minus read as +5',
        "kinerja_core/ingest/values.py",
        'if match.group("sign") and match.group("sign") in _MINUS:',
        'if match.group("sign") == "-":',
        (VALUES,),
        f"{VALUES}::test_unicode_minus_is_negative_not_positive",
    ),
    Mutation(
        "desimal-koma",
        '"1.250,5" no longer parsed',
        "kinerja_core/ingest/values.py",
        'for locale in ("id", "en"):',
        'for locale in ("en",):',
        (VALUES,),
        f"{VALUES}::test_numbers[1.250,5-1250.5--False]",
    ),
)


def _copy_checkout(into: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = ROOT / name.decode()
        if source.is_file():
            target = into / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def _run_tests(folder: Path, tests: tuple[str, ...], stop_first: bool) -> tuple[bool, list[str]]:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf", *tests]
    if stop_first:
        command.append("-x")
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True)
    failed = re.findall(r"^FAILED (\S+)", done.stdout, re.MULTILINE)
    return done.returncode == 0, failed


def _apply(folder: Path, mutation: Mutation) -> None:
    path = folder / mutation.path
    text = path.read_text(encoding="utf-8")
    found = text.count(mutation.old)
    if found != 1:
        raise SystemExit(
            f"{mutation.key}: the text to mutate occurs {found}× in {mutation.path} "
            "(the code moved: update bench/mutations.py)"
        )
    path.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="mutation keys to run")
    parser.add_argument("--list", action="store_true", help="print the table, run nothing")
    parser.add_argument("--all-failures", action="store_true", help="do not stop at the first")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTATIONS if not args.only or m.key in args.only]
    print("| mutasi | berkas | hasil | tes yang gagal |")
    print("|---|---|---|---|")
    if args.list:
        for m in chosen:
            print(f"| {m.what} | {m.path} | – | {m.caught_by} |")
        return 0
    survived = 0
    with tempfile.TemporaryDirectory(prefix="kinerja-mutasi-") as tmp:
        base = Path(tmp) / "asli"
        _copy_checkout(base)
        all_tests = tuple(dict.fromkeys(t for m in chosen for t in m.tests))
        green, failed = _run_tests(base, all_tests, stop_first=True)
        if not green:
            print(f"Baseline merah, tidak ada yang dapat diukur: {failed}")
            return 2
        for m in chosen:
            folder = Path(tmp) / m.key
            shutil.copytree(base, folder)
            _apply(folder, m)
            green, failed = _run_tests(folder, m.tests, stop_first=not args.all_failures)
            result = "LOLOS (tidak tertangkap)" if green else "tertangkap"
            survived += green
            print(f"| {m.what} | {m.path} | {result} | {', '.join(failed) or '–'} |", flush=True)
            shutil.rmtree(folder)
    return 1 if survived else 0


if __name__ == "__main__":
    raise SystemExit(main())
