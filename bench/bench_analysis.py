"""Analysis speed on a kabupaten-sized dataset: 12,000 indicators in ~190 bidang.

    .venv/bin/python bench/bench_analysis.py [--indicators 12000] [--repeat 5] [--no-apptest]

The dataset scales the demo (kinerja_core.demo, 2023 and 2024): each copy gets its own
urusan codes, copies are grouped six to a perangkat daerah (5 bidang each), and realisasi
and anggaran are varied with a fixed seed so capaian spread over every predikat.

Measured, in one run:

1. once per data version (cached in the app on the store's data_version):
   ``analysis.evaluate``, ``rollup`` per level, ``bidang_summary``, ``headline``,
   ``insight.flag_table``, ``views.display_table``, ``views.budget_paths`` / levels;
2. per filter change, the core calls ``pages/analisis.py`` makes: mask, group summary,
   capaian bars, predikat distribution, trend, scatter, treemap, year-on-year, table rows;
3. the real page under ``streamlit.testing.v1.AppTest`` on a store holding the dataset:
   time of ``run()`` after each filter change (script run plus element serialisation; an
   upper bound of the server time a browser rerun costs).

Target (issue 4): a filter change reruns the page in under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kinerja_core import analysis, charts, insight, views  # noqa: E402
from kinerja_core.demo import demo_frames  # noqa: E402
from kinerja_core.model import ANGGARAN_TW, REALISASI_TW  # noqa: E402
from kinerja_core.settings import Settings  # noqa: E402
from tests.login import admin

REPO = Path(__file__).resolve().parents[1]


def scaled_dataset(
    n_indicators: int = 12_000, tahun: int = 2024, seed: int = 7
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The demo of ``tahun`` copied until it has ``n_indicators`` rows, codes made unique."""
    indicators, anggaran = demo_frames(tahun)
    copies = n_indicators // len(indicators) + 1
    rng = np.random.default_rng(seed + tahun)
    ind_parts, ang_parts = [], []
    for i in range(copies):
        prefix = f"{1 + i % 9}.{10 + i // 9:02d}"
        pd_name = f"PD {i // 6 + 1:02d}"

        def recode(kode: str, prefix: str = prefix) -> str:
            return ".".join([prefix, *kode.split(".")[2:]])

        ind = indicators.copy()
        ind["kode"] = ind["kode"].map(recode)
        ind["bidang"] = ind["bidang"] + f" {pd_name}"
        factor = rng.uniform(0.45, 1.3, size=(len(ind), 1))
        ind[REALISASI_TW] = (ind[REALISASI_TW].to_numpy() * factor).round(2)
        ang = anggaran.copy()
        ang["kode"] = ang["kode"].map(recode)
        ang["bidang"] = ang["bidang"] + f" {pd_name}"
        ang[ANGGARAN_TW] = (ang[ANGGARAN_TW].to_numpy() * rng.uniform(0.6, 1.1)).round(-3)
        ind_parts.append(ind)
        ang_parts.append(ang)
    ind = pd.concat(ind_parts, ignore_index=True).iloc[:n_indicators].reset_index(drop=True)
    ang = pd.concat(ang_parts, ignore_index=True)
    ang = ang[ang["kode"].str.split(".").str[:2].str.join(".").isin(
        set(ind["kode"].str.split(".").str[:2].str.join("."))
    )].reset_index(drop=True)  # fmt: skip
    return ind, ang


def timed(fn, repeat: int) -> tuple[float, object]:
    """Median milliseconds of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def bench_core(ind: pd.DataFrame, ang: pd.DataFrame, sampai_tw: int, repeat: int) -> dict:
    settings = Settings()
    rows = {}
    ms, evaluated = timed(lambda: analysis.evaluate(ind, ang, sampai_tw, settings), repeat)
    rows["evaluate"] = ms
    for level in analysis.LEVELS:
        rows[f"rollup {level}"], _ = timed(
            lambda level=level: analysis.rollup(evaluated, level, settings), repeat
        )
    rows["bidang_summary"], _ = timed(
        lambda: analysis.bidang_summary(evaluated, ang, sampai_tw, settings), repeat
    )
    rows["headline"], _ = timed(
        lambda: analysis.headline(evaluated, ang, 2024, sampai_tw, settings), repeat
    )
    rows["insight.flag_table"], flags = timed(
        lambda: insight.flag_table(evaluated, sampai_tw, settings), repeat
    )
    flag_text = insight.flag_text(flags)
    rows["views.display_table"], _ = timed(
        lambda: views.display_table(evaluated, sampai_tw, flag_text), repeat
    )
    rows["views.budget_paths+levels"], paths = timed(
        lambda: views.budget_paths(ang, sampai_tw), repeat
    )
    rows["bidang_narrative (1 bidang)"], _ = timed(
        lambda: insight.bidang_narrative(
            evaluated, evaluated["bidang"].iloc[0], sampai_tw, settings, ang
        ),
        repeat,
    )
    rows["dinas_narrative"], _ = timed(
        lambda: insight.dinas_narrative(evaluated, sampai_tw, settings, ang), repeat
    )
    return {
        "rows": rows,
        "evaluated": evaluated,
        "flag_text": flag_text,
        "paths": paths,
        "budgets": views.budget_levels(paths),
        "names": views.code_names(evaluated, ang),
        "table": views.display_table(evaluated, sampai_tw, flag_text),
    }


def filter_path(
    core: dict, previous: pd.DataFrame, filters: views.Filters, sampai_tw: int, tab: str
) -> None:
    """The core work pages/analisis.py does on one rerun (without Streamlit).

    ``tab`` is the open tab ("tabel" or "grafik"): the page's tabs are lazy, so only the
    open one runs; the capaian bars and the predikat distribution above them always do.
    """
    settings = Settings()
    evaluated = core["evaluated"]
    mask = views.filter_mask(evaluated, filters, core["flag_text"])
    rows = evaluated[mask]
    level = filters.next_level()
    if level is not None:
        summary = views.group_summary(rows, level, settings, core["budgets"], core["names"])
        charts.capaian_bars(summary, "label", "t", max_bars=20).to_plotly_json()
    counts = rows["predikat"].value_counts().to_dict()
    charts.predikat_distribution(counts, "t").to_plotly_json()
    if tab == "tabel":
        order = views.sort_order(evaluated, mask, "capaian")
        core["table"].iloc[order]
        return
    charts.trend_chart(views.trend_frame(rows, sampai_tw, settings), "t").to_plotly_json()
    scatter = views.group_summary(
        rows, level or "sub kegiatan", settings, core["budgets"], core["names"]
    )
    charts.kinerja_anggaran_scatter(scatter, "t").to_plotly_json()
    nodes = views.treemap_nodes(rows, core["paths"], filters, settings, core["names"])
    charts.pagu_treemap(nodes, "t").to_plotly_json()
    if level is not None:
        drill = views.Filters(
            bidang=filters.bidang,
            program=filters.program,
            kegiatan=filters.kegiatan,
            sub_kegiatan=filters.sub_kegiatan,
        )
        now = views.group_summary(evaluated[views.drill_mask(evaluated, drill)], level, settings)
        before = views.group_summary(previous[views.drill_mask(previous, drill)], level, settings)
        charts.yoy_chart(now.head(20), before, "t", 2024, 2023).to_plotly_json()


def bench_filters(core: dict, previous: pd.DataFrame, sampai_tw: int, repeat: int) -> dict:
    evaluated = core["evaluated"]
    bidang = sorted(evaluated["bidang"].unique())[3]
    program = sorted(evaluated.loc[evaluated["bidang"] == bidang, "program"].unique())[0]
    cases = {
        "semua": views.Filters(),
        "predikat Rendah+Sangat Rendah": views.Filters(predikat=("Rendah", "Sangat Rendah")),
        "polaritas negatif": views.Filters(polaritas="negatif"),
        "cari 'aplikasi'": views.Filters(cari="aplikasi"),
        "bidang": views.Filters(bidang=bidang),
        "bidang + program": views.Filters(bidang=bidang, program=program),
    }
    return {
        f"{tab}: {name}": timed(
            lambda f=f, t=tab: filter_path(core, previous, f, sampai_tw, t), repeat
        )[0]
        for tab in ("tabel", "grafik")
        for name, f in cases.items()
    }


def bench_apptest(frames: dict[int, tuple[pd.DataFrame, pd.DataFrame]], repeat: int) -> dict:
    from streamlit.testing.v1 import AppTest

    from kinerja_core.store import Store

    folder = tempfile.mkdtemp(prefix="kinerja_bench_")
    db = Path(folder) / "bench.db"
    store = Store(f"sqlite:///{db}")
    start = time.perf_counter()
    for tahun, (ind, ang) in frames.items():
        for bidang, part in ind.groupby("bidang"):
            store.add_submission(
                tahun=tahun,
                bidang=bidang,
                filename=f"{bidang}.xlsx",
                content=b"bench",
                actor=admin("bench"),
                indicators=part,
                anggaran=ang[ang["bidang"] == bidang],
                problems=[],
            )
        store.open_period(tahun, 3, actor=admin())
    store.engine.dispose()
    load_ms = (time.perf_counter() - start) * 1000
    os.environ["KINERJA_DB"] = str(db)

    at = AppTest.from_file(str(REPO / "pages" / "analisis.py"), default_timeout=300)
    start = time.perf_counter()
    at.run()
    first_ms = (time.perf_counter() - start) * 1000
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    evaluated_bidang = [o for o in at.selectbox(key="an_bidang").options if o != "Semua"]
    # In this order, so predikat / polaritas / cari filter all 12,000 indicators.
    actions = {
        "bidang": lambda: at.selectbox(key="an_bidang").select_index(4),
        "program": lambda: at.selectbox(key="an_program").select_index(1),
        "semua bidang": lambda: at.selectbox(key="an_bidang").select_index(0),
        "predikat": lambda: at.multiselect(key="an_predikat").select("Rendah"),
        "polaritas": lambda: at.selectbox(key="an_polaritas").select("negatif"),
        "cari": lambda: at.text_input(key="an_cari").input("aplikasi"),
        "urutkan": lambda: at.selectbox(key="an_urut").select("gap"),
        "hapus filter": lambda: (
            at.multiselect(key="an_predikat").set_value([]),
            at.selectbox(key="an_polaritas").select(""),
            at.text_input(key="an_cari").input(""),
            at.selectbox(key="an_urut").select("capaian"),
        ),
    }
    results: dict[str, list[float]] = {}
    for tab in ("Tabel indikator", "Tren & anggaran", "Catatan & anomali", "Narasi"):
        at.session_state["an_tab"] = tab
        at.run()  # the first opening of a tab may compute (last year, narratives): not a filter
        for _ in range(repeat):
            for name, action in actions.items():
                action()
                start = time.perf_counter()
                at.run()
                elapsed = (time.perf_counter() - start) * 1000
                if at.exception:
                    raise RuntimeError(at.exception[0].message)
                results.setdefault(f"{tab}: {name}", []).append(elapsed)
    return {
        "load store (both years)": load_ms,
        "first run (computes and caches)": first_ms,
        "bidang in selectbox": len(evaluated_bidang),
        **{f"rerun {k}": statistics.median(v) for k, v in results.items()},
    }


def show(title: str, rows: dict) -> None:
    print(f"\n{title}")
    for name, value in rows.items():
        text = f"{value:9.1f} ms" if isinstance(value, float) else f"{value:>9}"
        print(f"  {name:<40} {text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=12_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sampai-tw", type=int, default=3)
    parser.add_argument("--no-apptest", action="store_true")
    args = parser.parse_args()

    frames = {tahun: scaled_dataset(args.indicators, tahun) for tahun in (2023, 2024)}
    ind, ang = frames[2024]
    print(
        f"Dataset: {len(ind):,} indicators, {ind['bidang'].nunique()} bidang, "
        f"{ind['kode'].nunique():,} codes, {len(ang):,} anggaran rows; sampai TW {args.sampai_tw}"
    )
    core = bench_core(ind, ang, args.sampai_tw, args.repeat)
    show("Once per data version (cached in the app)", core["rows"])
    previous = analysis.evaluate(*frames[2023], args.sampai_tw, Settings())
    show("Per filter change: core work of the Analisis page", bench_filters(
        core, previous, args.sampai_tw, args.repeat
    ))  # fmt: skip
    if not args.no_apptest:
        figures = bench_apptest(frames, max(1, args.repeat // 2))
        show("AppTest of pages/analisis.py (target: rerun < 300 ms)", figures)
        worst = max(v for k, v in figures.items() if k.startswith("rerun"))
        print(f"\nSlowest filter rerun: {worst:.0f} ms — {'OK' if worst < 300 else 'TOO SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
