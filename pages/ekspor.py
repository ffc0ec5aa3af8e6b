"""Ekspor Dokumen: the evaluation workbook of the chosen period, ready to print and sign."""

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from kinerja_core import analysis, clock, renstra, report
from kinerja_core.locale_id import fmt_number, fmt_rupiah_short
from kinerja_core.plaintext import md
from kinerja_core.settings import Settings
from kinerja_ui import state, widgets


@st.cache_data(show_spinner="Menyusun dokumen evaluasi…", max_entries=16)
def _workbook(
    url: str,
    version: int,
    tahun: int,
    tw: int,
    kertas: str,
    per_bidang: bool,
    tanggal: date,
    key: str,
    _settings: Settings,
) -> bytes:
    """The evaluation workbook; ``key`` is ``state.settings_key(_settings)``."""
    store = state.get_store()
    period = state.Period(tahun, tw)
    used = report.used_submissions(store.submissions(tahun))
    problems = [
        p if p.file else replace(p, file=name)
        for sid, name in zip(used["id"], used["filename"], strict=True)
        for p in store.submission_problems(int(sid))
    ]
    previous = state.Period(tahun - 1, tw)
    return report.build_evaluation_workbook(
        state.evaluated(period, _settings),
        state.anggaran(period),
        tahun=tahun,
        sampai_tw=tw,
        settings=report.with_kertas(_settings, kertas),
        problems=problems,
        previous_year=state.evaluated(previous, _settings) if tahun - 1 in store.years() else None,
        bidang_sheets=per_bidang,
        tanggal=tanggal,
        submissions=used,
        kelengkapan=state.coverage(tahun).text(),
    )


period = state.period_picker()
settings = state.get_settings()
st.title("Ekspor Dokumen Evaluasi")
st.caption(
    f"{md(settings.dinas)} Kabupaten {md(settings.kabupaten)} · formulir E.81 Permendagri 86/2017"
)
if period is None:
    st.stop()
evaluated = state.evaluated(period, settings)
anggaran = state.anggaran(period)
if evaluated.empty:
    st.info(f"Belum ada data kinerja untuk tahun {period.tahun}. Unggah berkas terlebih dahulu.")
    st.stop()

head = analysis.headline(evaluated, anggaran, period.tahun, period.sampai_tw, settings)
st.subheader(period.label)
widgets.coverage_note(state.coverage(period.tahun))
widgets.headline_metrics(head)
missing = renstra.kekurangan(evaluated, anggaran, settings.renstra_tahun_awal)
if missing:
    with st.expander(
        "Formulir E.81: data Sasaran / Renstra yang masih kosong (kolom 2, 5, 6, 13, 14)",
        icon=":material/info:",
    ):
        for item in missing:
            examples = "; ".join(md(name) for name in item.contoh)
            st.markdown(f"- {md(item.text())}. Contoh: {examples}")
        st.caption(
            "Kolom ini dibiarkan kosong di dokumen. Isi pada berkas rencana atau unggahan "
            "(kolom Sasaran, Target Renstra, Realisasi Renstra s/d tahun lalu)."
        )
st.caption(
    f"Realisasi anggaran {fmt_rupiah_short(head.realisasi_anggaran)} dari pagu "
    f"{fmt_rupiah_short(head.pagu)} · angka dokumen sama dengan dasbor"
)

st.markdown("#### Pilihan dokumen")
opt1, opt2, opt3 = st.columns(3)
papers = ["F4", "A4", "A3"]
kertas = opt1.radio(
    "Ukuran kertas",
    papers,
    horizontal=True,
    key="ek_kertas",
    index=papers.index(settings.kertas) if settings.kertas in papers else 0,
)
tanggal = opt2.date_input(
    "Tanggal tanda tangan", value=clock.today(), format="DD/MM/YYYY", key="ek_tanggal"
)
per_bidang = opt3.toggle("Satu sheet per bidang", value=True, key="ek_per_bidang")

store = state.get_store()
content = _workbook(
    store.url,
    store.data_version(),
    period.tahun,
    period.sampai_tw,
    kertas,
    per_bidang,
    tanggal,
    state.settings_key(settings),
    settings,
)
st.download_button(
    "Unduh dokumen evaluasi (.xlsx)",
    data=content,
    file_name=report.file_name(period.tahun, period.sampai_tw),
    mime=report.MIME,
    type="primary",
    icon=":material/download:",
    on_click="ignore",
)
st.caption(
    f"{report.file_name(period.tahun, period.sampai_tw)} · {fmt_number(len(content) / 1024, 0)} KB"
    f" · kertas {kertas} melintang; formulir E.81 dicetak 90% (huruf ≥ 7 pt) beberapa halaman"
    " ke samping dengan kolom 1–4 dan judul kolom di setiap halaman; nomor halaman di kaki"
)

st.markdown("#### Isi dokumen")
contents = report.contents(evaluated, per_bidang)
st.dataframe(pd.DataFrame(contents, columns=["Sheet", "Isi"]), hide_index=True, width="stretch")
