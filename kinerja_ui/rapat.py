"""Streamlit pieces of the Rapat Koordinasi page: a slide deck for one projector.

Every slide fits the screen (1920×1080 down to 1280×720) without scrolling: the page is one
column as tall as the window, the charts stretch into what the navigator, heading and KPI
cards leave. The presenter moves with the buttons, the navigator, or the keyboard and a
clicker (→ / PageDown next, ← / PageUp previous, Home / End first / last). The slide lives in
the URL (``tampilan``, ``bagian``), so a refresh or a shared link opens the same slide; notes
and decisions open in a dialog, away from the slide.

The deck, figures and charts come from kinerja_core (rapat, views, insight, charts); this
module only renders. Widget keys start with ``rapat_``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from kinerja_core import charts, clock, formulas, insight, notulen, pengaturan, views
from kinerja_core import rapat as deck_core
from kinerja_core.access import Actor, Aksi, can, note_subject
from kinerja_core.charts import predikat_color
from kinerja_core.clock import fmt_waktu
from kinerja_core.locale_id import (
    TRIWULAN_LABEL,
    fmt_date,
    fmt_number,
    fmt_percent,
    fmt_rupiah_short,
)
from kinerja_core.model import TW_ROMAN
from kinerja_core.plaintext import html as plain_html
from kinerja_core.plaintext import md
from kinerja_core.rapat import Slide
from kinerja_core.settings import Settings
from kinerja_core.store import Store
from kinerja_core.tracker import Coverage
from kinerja_ui import errors, state, url_state

SLIDE_KEY = "rapat_slide"  # the Slide shown: plain session state, survives page switches
PICK_KEY = "rapat_pilih"  # the navigator's widget (an index into the deck)
FULL_KEY = "rapat_layar_penuh"
NOTES_OPEN = "rapat_catatan_terbuka"  # the notes dialog stays open across its own reruns

STYLE = """<style>
  /* one screen: the main column as tall as the window, the stage takes what is left */
  [data-testid="stMainBlockContainer"] {max-width: none; height: 100dvh; box-sizing: border-box;
      padding: 3.9rem 1.6rem 0.6rem}
  [data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] {height: 100%;
      gap: 0.55rem}
  [data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > * {flex-shrink: 0}
  [data-testid="stLayoutWrapper"]:has(> .st-key-rapat_panggung) {flex: 1 1 0 !important;
      min-height: 0 !important; height: auto !important}
  .st-key-rapat_panggung {height: 100% !important; overflow: hidden !important}
  .st-key-rapat_panggung > [data-testid="stLayoutWrapper"] {height: 100%}
  [data-testid="stLayoutWrapper"]:has(> .st-key-rapat_kiri) {flex: 3 1 0 !important;
      min-width: 0}
  [data-testid="stLayoutWrapper"]:has(> .st-key-rapat_kanan),
  [data-testid="stLayoutWrapper"]:has(> .st-key-rapat_dibahas) {flex: 2 1 0 !important;
      min-width: 0}
  .st-key-rapat_dibahas {overflow: hidden}
  [data-testid="stLayoutWrapper"]:has(> .st-key-rapat_kunci) {display: none}
  .rapat-judul {font-size: clamp(1.5rem, 4.6vh, 2.6rem); font-weight: 700; line-height: 1.15;
      margin: 0}
  .rapat-sub {font-size: clamp(1rem, 2.4vh, 1.35rem); color: #4a5866; line-height: 1.3}
  .rapat-sub .belum {color: #8a4b00; font-weight: 600}
  .rapat-kpi {border-radius: 0.6rem; padding: 0.4rem 0.9rem; background: #f2f5f8;
      height: clamp(5.2rem, 15vh, 9.5rem); box-sizing: border-box; overflow: hidden;
      border-left: 0.6rem solid var(--warna, #9aa5b1)}
  .rapat-kpi .nilai {font-size: clamp(1.6rem, 6vh, 3rem); font-weight: 700; line-height: 1.1}
  .rapat-kpi .label {font-size: clamp(0.95rem, 2.3vh, 1.25rem); color: #33414e;
      line-height: 1.25}
  .rapat-kpi .catatan {font-size: clamp(0.8rem, 1.9vh, 1rem); color: #4a5866}
  .rapat-daftar h3 {font-size: clamp(1.2rem, 3.2vh, 1.75rem); margin: 0 0 0.4rem; padding: 0}
  .rapat-daftar ul {margin: 0; padding-left: 1.2rem}
  .rapat-daftar li, .rapat-daftar p {font-size: clamp(0.95rem, 2.3vh, 1.3rem);
      line-height: 1.35; margin-bottom: 0.35rem}
  .rapat-daftar li span.teks {display: -webkit-box; -webkit-line-clamp: 3;
      -webkit-box-orient: vertical; overflow: hidden}
  .rapat-daftar p.penghambat {display: -webkit-box; -webkit-line-clamp: 3;
      -webkit-box-orient: vertical; overflow: hidden}
  .rapat-hitung {font-size: 1.05rem; font-weight: 600; color: #33414e; white-space: nowrap}
</style>"""
FULL_SCREEN = """<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  header[data-testid="stHeader"] {display: none}
  [data-testid="stMainBlockContainer"] {padding-top: 0.7rem}
</style>"""

# The keyboard and a presentation clicker: a listener on the app's document that presses the
# navigator's buttons. Inert elsewhere (the buttons are only on this page), while typing, and
# while a dialog is open; installed once per browser tab.
KEYS_SCRIPT = """<script>
(() => {
  if (window.__kinerjaRapatKeys) return;
  window.__kinerjaRapatKeys = true;
  const keys = {ArrowRight: "rapat_next", PageDown: "rapat_next", ArrowLeft: "rapat_prev",
                PageUp: "rapat_prev", Home: "rapat_awal", End: "rapat_akhir"};
  document.addEventListener("keydown", (event) => {
    const key = keys[event.key];
    if (!key || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target;
    const typing = target && (target.isContentEditable ||
        ["TEXTAREA", "SELECT"].includes(target.tagName) || (target.tagName === "INPUT" &&
        !["checkbox", "radio", "button", "submit"].includes(target.type) &&
        !(target.getAttribute("role") === "combobox" &&
          target.getAttribute("aria-expanded") !== "true")));  // a closed picker: not typing
    if (typing) return;
    if (document.querySelector('[role="dialog"]')) return;
    const button = document.querySelector(`.st-key-${key} button`);
    if (!button) return;
    event.preventDefault();
    if (!button.disabled) button.click();
  }, true);
})();
</script>"""


def style() -> None:
    """One-screen layout and large type; with 'Layar penuh' also no sidebar and no header."""
    st.html(STYLE)
    if st.session_state.get(FULL_KEY):
        st.html(FULL_SCREEN)


# --- navigation -------------------------------------------------------------------------------


def _show(slide: Slide) -> None:
    st.session_state[SLIDE_KEY] = slide


def _step(deck: list[Slide], delta: int) -> None:
    _show(deck_core.step(deck, st.session_state[SLIDE_KEY], delta))


def _picked(deck: list[Slide]) -> None:
    _show(deck[st.session_state[PICK_KEY]])


def current_slide(deck: list[Slide]) -> Slide:
    """The slide to show: from the URL when it names one this session has not shown yet (a
    refresh, a link), else the session's, else the first."""
    given = url_state.adopt(
        {"tampilan": str, "bagian": url_state.choice(list(deck_core.PARTS)), "layar": str}
    )
    if "tampilan" in given or "bagian" in given:
        shown = st.session_state.get(SLIDE_KEY)
        view = given.get("tampilan", shown.url_view if shown else deck_core.URL_RINGKASAN)
        found = deck_core.find(deck, str(view), str(given.get("bagian", deck_core.CAPAIAN)))
        if found:
            _show(found)
    if "layar" in given:
        st.session_state[FULL_KEY] = given["layar"] == "penuh"
    if st.session_state.get(SLIDE_KEY) not in deck:
        _show(deck[0])
    return st.session_state[SLIDE_KEY]


def navigator(deck: list[Slide], notes_count: Callable[[str], int]) -> tuple[Slide, bool]:
    """The slide's layout, then ◀ Sebelumnya, the slide picker, Berikutnya ▶, 'n / m', notes
    and full screen.

    ``notes_count(view)`` says how many notes this rapat has for a view. Returns the slide
    shown and whether the notes dialog was asked for.
    """
    slide = current_slide(deck)
    style()
    position = deck.index(slide)
    st.session_state[PICK_KEY] = position
    bar = st.container(horizontal=True, vertical_alignment="center", key="rapat_navigasi")
    bar.button(
        "◀ Sebelumnya",
        on_click=_step,
        args=(deck, -1),
        disabled=position == 0,
        key="rapat_prev",
        help="Tombol ← atau PageUp",
    )
    bar.selectbox(
        "Tampilan",
        range(len(deck)),
        key=PICK_KEY,
        format_func=lambda i: deck[i].label,
        on_change=_picked,
        args=(deck,),
        label_visibility="collapsed",
        width="stretch",
    )
    bar.button(
        "Berikutnya ▶",
        on_click=_step,
        args=(deck, 1),
        disabled=position == len(deck) - 1,
        type="primary",
        key="rapat_next",
        help="Tombol →, PageDown atau klik presentasi",
    )
    bar.html(
        f'<span class="rapat-hitung" title="Tampilan ke-{position + 1} dari {len(deck)}">'
        f"{deck_core.counter(deck, slide)}</span>",
        width="content",
    )
    count = notes_count(slide.view)
    bar.button(
        f"Catatan rapat ({count})" if count else "Catatan rapat",
        icon=":material/edit_note:",
        key="rapat_buka_catatan",
        on_click=st.session_state.update,
        kwargs={NOTES_OPEN: True},
    )
    bar.toggle("Layar penuh", key=FULL_KEY, help="Sembunyikan sidebar dan kepala halaman")
    hidden = st.container(key="rapat_kunci")
    hidden.button("Awal", on_click=_show, args=(deck[0],), key="rapat_awal")
    hidden.button("Akhir", on_click=_show, args=(deck[-1],), key="rapat_akhir")
    hidden.html(KEYS_SCRIPT, unsafe_allow_javascript=True)
    url_state.publish(
        {
            "tampilan": slide.url_view,
            "bagian": slide.part,
            "layar": "penuh" if st.session_state.get(FULL_KEY) else None,
        }
    )
    return slide, bool(st.session_state.get(NOTES_OPEN))


# --- the slide --------------------------------------------------------------------------------


def heading(slide: Slide, period: state.Period, coverage: Coverage | None = None) -> None:
    """The slide's title and 'Capaian kinerja tahun … sampai …' (and, on the summary, which
    bidang the Dinas figures stand on when some have not sent yet)."""
    basis = f" {period.acuan_label}" if period.mid_year else ""
    missing = ""
    if coverage is not None and not coverage.complete:
        missing = f' · <span class="belum">Data belum lengkap: {plain_html(coverage.text())}</span>'
    st.html(
        f'<div class="rapat-judul">{plain_html(slide.title)}</div>'
        f'<div class="rapat-sub">{deck_core.PARTS[slide.part]} kinerja tahun {period.tahun} '
        f"sampai {TRIWULAN_LABEL[period.sampai_tw]}{plain_html(basis)}{missing}</div>"
    )


def kpi_cards(figures: views.SelectionFigures, settings: Settings) -> None:
    """Four cards with a coloured edge: mean capaian, predikat, serapan, under the threshold."""
    predikat = figures.predikat
    below = figures.di_bawah
    kpis = [
        ("Rata-rata capaian", fmt_percent(figures.rata_rata_capaian), "", predikat_color(predikat)),
        ("Predikat", predikat or "–", "", predikat_color(predikat)),
        (
            "Serapan anggaran",
            fmt_percent(figures.serapan),
            f"dari pagu {fmt_rupiah_short(figures.pagu)}",
            charts.NEUTRAL,
        ),
        (
            f"Indikator di bawah {fmt_number(settings.flag_threshold)}%",
            fmt_number(below, 0),
            f"dari {fmt_number(figures.jumlah_indikator, 0)} indikator",
            predikat_color("Sangat Rendah" if below else "Sangat Tinggi"),
        ),
    ]
    for column, (label, value, note, color) in zip(st.columns(len(kpis)), kpis, strict=True):
        column.html(
            f'<div class="rapat-kpi" style="--warna:{color}"><div class="nilai">'
            f'{plain_html(value)}</div><div class="label">{plain_html(label)}</div>'
            f'<div class="catatan">{plain_html(note) or "&nbsp;"}</div></div>'
        )


def _stage():
    """The part of the screen left under the heading and cards: two panels side by side."""
    stage = st.container(key="rapat_panggung", height=300, border=False)  # height: STYLE
    row = stage.container(horizontal=True, height="stretch", gap="medium")
    return row


def _chart(where, figure, key: str, on_select=None) -> None:
    figure = charts.presentation(figure)
    figure.update_layout(height=None, autosize=True)
    if on_select:
        figure.update_layout(dragmode=False)
    where.plotly_chart(
        figure,
        width="stretch",
        height="stretch",
        theme=None,
        key=key,
        config=charts.PLOTLY_CONFIG,
        on_select=on_select or "ignore",
        selection_mode="points",
    )


def _open_bidang(deck: list[Slide], chart_key: str) -> None:
    """A click on a bidang's bar on the summary: that bidang's first slide."""
    state = st.session_state.get(chart_key)
    points = list(state["selection"]["points"]) if state else []
    if points and (found := deck_core.find(deck, str(points[0]["customdata"][-1]))):
        _show(found)


def capaian_slide(
    slide: Slide, deck: list[Slide], summary: pd.DataFrame, unit: str, rows, settings
) -> None:
    """Capaian per ``unit`` (at most 8 bars; on the summary a click on a bidang's bar opens its
    slide) and the predikat spread."""
    row = _stage()
    left = row.container(key="rapat_kiri", height="stretch")
    right = row.container(key="rapat_kanan", height="stretch")
    _chart(
        left,
        charts.capaian_bars(
            summary,
            "label",
            f"Capaian per {unit}",
            settings.predikat_bounds,
            max_bars=8,
            show_predikat=False,
        ),
        "rapat_chart_capaian",
        partial(_open_bidang, deck, "rapat_chart_capaian")
        if slide.view == views.RINGKASAN
        else None,
    )
    _chart(
        right,
        charts.predikat_distribution(
            rows["predikat"].value_counts().to_dict(),
            f"Predikat {fmt_number(len(rows), 0)} indikator",
        ),
        "rapat_chart_predikat",
    )


def pembahasan_slide(
    slide: Slide,
    summary: pd.DataFrame,
    unit: str,
    rows: pd.DataFrame,
    sampai_tw: int,
    settings: Settings,
) -> None:
    """Kinerja × anggaran per unit (summary) or capaian against the target path (a bidang),
    beside 'Yang perlu dibahas'."""
    row = _stage()
    left = row.container(key="rapat_kiri", height="stretch")
    right = row.container(key="rapat_dibahas", height="stretch")
    if slide.view == views.RINGKASAN:
        figure = charts.kinerja_anggaran_scatter(
            summary,
            f"Kinerja dan anggaran per {unit}",
            settings.efisiensi_batas_kinerja,
            settings.efisiensi_batas_serapan,
        )
    else:
        figure = charts.trend_chart(
            views.trend_frame(rows, sampai_tw, settings),
            "Capaian terhadap jalur target",
            settings.predikat_bounds,
        )
    _chart(left, figure, "rapat_chart_kedua")
    with right:
        to_discuss(slide.view, rows, settings, sampai_tw)


def to_discuss(view: str, rows: pd.DataFrame, settings: Settings, sampai_tw: int) -> None:
    """'Yang perlu dibahas': the five lowest indicators with their gap, the indicators whose
    budget is spent but target missed, and (on a bidang) its faktor penghambat. Long names are
    cut at three lines and shown in full on hover."""
    behind = insight.lagging(rows, settings, limit=5)
    items = []
    for _, row in behind.iterrows():
        where = "" if view != views.RINGKASAN else f" — {row['bidang']}"
        phrase = insight.gap_phrase(row)
        text = f"{row['indikator']}{where}: capaian {fmt_percent(row['capaian_tampil'])}" + (
            f", {phrase}" if phrase else ""
        )
        items.append(
            f'<li title="{plain_html(text, attribute=True)}"><span class="teks"><b>'
            f"{plain_html(row['indikator'])}</b>{plain_html(where)}: capaian "
            f"{fmt_percent(row['capaian_tampil'])}"
            + (f", {plain_html(phrase)}" if phrase else "")
            + "</span></li>"
        )
    if spent_missed := int((rows["kuadran"] == formulas.PERLU_PERHATIAN).sum()):
        items.append(
            f"<li>{spent_missed} indikator: anggaran sudah terserap, target belum tercapai</li>"
        )
    if not items:
        items.append(
            f"<li>Tidak ada indikator di bawah ambang sampai {TRIWULAN_LABEL[sampai_tw]}.</li>"
        )
    penghambat = (
        [] if view == views.RINGKASAN else insight.distinct_texts(behind, "faktor_penghambat")
    )
    body = "<h3>Yang perlu dibahas</h3><ul>" + "".join(items) + "</ul>"
    if penghambat:
        joined = "; ".join(penghambat)
        body += (
            f'<p class="penghambat" title="{plain_html(joined, attribute=True)}">'
            f"<b>Faktor penghambat:</b> {plain_html(joined)}</p>"
        )
    st.html(f'<div class="rapat-daftar">{body}</div>')


# --- notes and decisions ---------------------------------------------------------------------

EDIT_KEY = "rapat_ubah"  # the id of the note being edited


def _due_html(note: pd.Series, today) -> str:
    """' · PJ: Kabid Statistik · batas 15 Juli 2024 (lewat batas)' for a keputusan."""
    parts = []
    if str(note.get("penanggung_jawab") or "").strip():
        parts.append(f"PJ: {plain_html(str(note['penanggung_jawab']))}")
    due = notulen.due_date(note.get("batas_waktu"))
    if due:
        late = " <b>(lewat batas)</b>" if due < today else ""
        parts.append(f"batas {fmt_date(due)}{late}")
    return "".join(f" · {part}" for part in parts)


def _note_html(note: pd.Series, view: str) -> str:
    jenis = "Keputusan" if note["jenis"] == "keputusan" else "Catatan"
    when = f"TW {TW_ROMAN[int(note['sampai_tw'])]} {int(note['tahun'])}"
    who = f" · {plain_html(str(note['penulis']))}" if str(note["penulis"]).strip() else ""
    edited = " · diubah" if pd.notna(note.get("diubah_pada")) else ""
    if view == views.RINGKASAN and note["bidang"]:
        jenis = f"{jenis} — {plain_html(str(note['bidang']))}"
    due = _due_html(note, clock.today()) if note["jenis"] == "keputusan" else ""
    return (
        f'<p class="rapat-catatan"><b>{jenis}</b> <small>({when} · '
        f"{fmt_waktu(note['dibuat_pada'])}{who}{edited})</small><br>"
        f"{plain_html(str(note['isi']))}{due}</p>"
    )


def _notes_html(notes: pd.DataFrame, view: str) -> str:
    return "".join(_note_html(note, view) for _, note in notes.iterrows())


def view_notes(store: Store, period: state.Period, view: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(this rapat's, earlier rapat's) notes of a view."""
    return views.split_notes(_year_notes(store, period), period.tahun, period.sampai_tw, view)


def _year_notes(store: Store, period: state.Period) -> pd.DataFrame:
    return views.combine_notes(store.notes(period.tahun), store.notes(period.tahun - 1))


def _close_notes() -> None:
    st.session_state[NOTES_OPEN] = False
    st.session_state.pop(EDIT_KEY, None)


@st.dialog("Catatan dan keputusan rapat", width="large", on_dismiss=_close_notes)
def notes_dialog(store: Store, period: state.Period, view: str, ctx, actor: Actor) -> None:
    """This view's notes of the earlier rapat and of this one (one's own can be changed or
    deleted), the form for a new one (for whoever may write here), and the notulen of the
    whole rapat."""
    tab_notes, tab_notulen = st.tabs(["Catatan tampilan ini", "Notulen rapat"])
    with tab_notes:
        current, earlier = view_notes(store, period, view)
        st.markdown(f"**{md(views.rapat_title(view))}**")
        if len(earlier):
            st.markdown("**Dari rapat sebelumnya**")
            st.markdown(_notes_html(earlier.head(8), view), unsafe_allow_html=True)
        if len(current):
            st.markdown(f"**Rapat ini ({TRIWULAN_LABEL[period.sampai_tw]} {period.tahun})**")
            for _, note in current.iterrows():
                _current_note(store, note, view, actor)
        if not len(current) and not len(earlier):
            st.caption("Belum ada catatan untuk tampilan ini.")
        if can(actor, Aksi.CATAT, note_subject(view)):
            note_form(store, period, view, actor)
        else:
            st.caption(f"Peran {actor.peran.label} hanya dapat membaca catatan di tampilan ini.")
    with tab_notulen:
        notulen_section(store, period, ctx, actor)


def _current_note(store: Store, note: pd.Series, view: str, actor: Actor) -> None:
    """A note of this rapat; its author may change or delete it."""
    note_id = int(note["id"])
    if st.session_state.get(EDIT_KEY) == note_id:
        edit_form(store, note, actor)
        return
    text, actions = st.columns([6, 1.4], vertical_alignment="center")
    text.markdown(_note_html(note, view), unsafe_allow_html=True)
    if store.wrote_note(actor, str(note["penulis"])):
        row = actions.container(horizontal=True, gap="small")
        row.button(
            "Ubah",
            key=f"rapat_ubah_{note_id}",
            icon=":material/edit:",
            on_click=st.session_state.update,
            kwargs={EDIT_KEY: note_id},
        )
        if row.button(
            "Hapus", key=f"rapat_hapus_{note_id}", icon=":material/delete:"
        ) and errors.attempt(lambda: store.delete_note(note_id, actor=actor), "hapus catatan"):
            st.session_state["rapat_tersimpan"] = "Catatan dihapus."
            st.rerun()


def _decision_fields(note: pd.Series | None = None):
    """Penanggung jawab and batas waktu of a keputusan."""
    left, right = st.columns(2)
    pj = left.text_input(
        "Penanggung jawab (untuk keputusan)",
        value=str(note.get("penanggung_jawab") or "") if note is not None else "",
        placeholder="mis. Kabid Statistik",
    )
    due = right.date_input(
        "Batas waktu (untuk keputusan)",
        value=notulen.due_date(note.get("batas_waktu")) if note is not None else None,
        format="DD/MM/YYYY",
    )
    return pj.strip(), due


def edit_form(store: Store, note: pd.Series, actor: Actor) -> None:
    note_id = int(note["id"])
    with st.form(f"rapat_ubah_form_{note_id}"):
        jenis = st.radio(
            "Jenis",
            ["catatan", "keputusan"],
            index=int(note["jenis"] == "keputusan"),
            horizontal=True,
            format_func=str.capitalize,
        )
        isi = st.text_area("Isi catatan", value=str(note["isi"]))
        pj, due = _decision_fields(note)
        save, cancel = st.columns([1, 5])
        if save.form_submit_button("Simpan perubahan", type="primary"):
            if not isi.strip():
                st.error("Isi catatan masih kosong.")
                return
            keputusan = jenis == "keputusan"

            def update() -> None:
                store.update_note(
                    note_id,
                    actor=actor,
                    isi=isi.strip(),
                    jenis=jenis,
                    penanggung_jawab=pj if keputusan else "",
                    batas_waktu=due if keputusan else None,
                )

            if errors.attempt(update, "ubah catatan"):
                st.session_state.pop(EDIT_KEY, None)
                st.session_state["rapat_tersimpan"] = f"{jenis.capitalize()} diubah."
                st.rerun()
        if cancel.form_submit_button("Batal"):
            st.session_state.pop(EDIT_KEY, None)
            st.rerun()


def saved_message() -> None:
    if saved := st.session_state.pop("rapat_tersimpan", None):
        st.toast(saved, icon=":material/check_circle:")


def note_form(store: Store, period: state.Period, view: str, actor: Actor) -> None:
    """Jenis, isi and, for a keputusan, its penanggung jawab and due date, written by the
    logged-in person; an empty isi is refused."""
    with st.form("rapat_catatan", clear_on_submit=True):
        jenis = st.radio(
            "Jenis", ["catatan", "keputusan"], horizontal=True, format_func=str.capitalize
        )
        isi = st.text_area("Isi", placeholder="Tulis catatan atau keputusan rapat…")
        pj, due = _decision_fields()
        st.caption(f"Dicatat oleh {md(actor.label)}")
        if st.form_submit_button("Simpan", type="primary"):
            if not isi.strip():
                st.error("Isi catatan masih kosong.")
            else:
                keputusan = jenis == "keputusan"
                store.add_note(
                    tahun=period.tahun,
                    sampai_tw=period.sampai_tw,
                    isi=isi.strip(),
                    bidang=view,
                    jenis=jenis,
                    actor=actor,
                    penanggung_jawab=pj if keputusan else "",
                    batas_waktu=due if keputusan else None,
                )
                st.session_state["rapat_tersimpan"] = f"{jenis.capitalize()} disimpan."
                _close_notes()
                st.rerun()


# --- notulen ----------------------------------------------------------------------------------

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def notulen_section(store: Store, period: state.Period, ctx, actor: Actor) -> None:
    """Tanggal, tempat, agenda and peserta of this rapat (kept per period) and the notulen
    .docx: the slides' figures, this rapat's notes and decisions, earlier decisions."""
    saved = store.rapat_info(period.tahun, period.sampai_tw) or {}
    if can(actor, Aksi.NOTULEN):  # the notulis; the others download the notulen
        with st.form("rapat_data"):
            left, right = st.columns(2)
            tanggal = left.date_input(
                "Tanggal rapat", value=saved.get("tanggal") or clock.today(), format="DD/MM/YYYY"
            )
            tempat = right.text_input("Tempat", value=saved.get("tempat", ""))
            agenda = st.text_input(
                "Agenda",
                value=saved.get("agenda")
                or f"Evaluasi capaian kinerja {TRIWULAN_LABEL[period.sampai_tw]} {period.tahun}",
            )
            peserta = st.text_area(
                "Peserta (satu nama per baris)", value=saved.get("peserta", ""), height=140
            )
            stored = st.form_submit_button("Simpan data rapat") and errors.attempt(
                lambda: store.set_rapat_info(
                    period.tahun,
                    period.sampai_tw,
                    tanggal=tanggal,
                    tempat=tempat.strip(),
                    agenda=agenda.strip(),
                    peserta=peserta.strip(),
                    actor=actor,
                ),
                "simpan data rapat",
            )
            if stored:
                saved = store.rapat_info(period.tahun, period.sampai_tw) or {}
                st.success("Data rapat disimpan.")
    data = notulen.DataRapat(
        tahun=period.tahun,
        sampai_tw=period.sampai_tw,
        tanggal=saved.get("tanggal") or clock.today(),
        tempat=saved.get("tempat", ""),
        agenda=saved.get("agenda", ""),
        peserta=notulen.peserta_list(saved.get("peserta", "")),
        notulis=actor.nama or actor.pengguna,
        acuan=period.acuan_label if period.mid_year else "",
    )

    def document() -> bytes:
        notes = _year_notes(store, period)
        return notulen.build(
            data,
            pengaturan.current(store, ctx.settings).kantor,
            notulen.slide_figures(ctx.evaluated, ctx.budgets, ctx.settings),
            notulen.rapat_notes(notes, period.tahun, period.sampai_tw),
            notulen.earlier_decisions(notes, period.tahun, period.sampai_tw),
            ctx.settings,
        )

    buttons = st.container(horizontal=True)
    buttons.download_button(
        "Unduh notulen (.docx)",
        data=document,
        file_name=notulen.file_name(period.tahun, period.sampai_tw),
        mime=DOCX_MIME,
        on_click="ignore",
        icon=":material/download:",
        type="primary",
    )
    if can(actor, Aksi.NOTULEN) and buttons.button(
        "Simpan notulen ke arsip", key="rapat_simpan_notulen", icon=":material/inventory_2:"
    ):
        keep = partial(notulen.keep, store, actor, period.tahun, period.sampai_tw)
        if errors.attempt(lambda: keep(document()), "simpan notulen ke arsip"):
            st.success("Notulen disimpan ke arsip periode ini, dengan angka yang tampil sekarang.")
    st.caption(
        "Notulen berisi data rapat yang tersimpan di atas, angka setiap tayangan, catatan dan "
        "keputusan rapat ini, serta keputusan rapat sebelumnya untuk ditindaklanjuti. "
        f"Notulis: {md(actor.nama or actor.pengguna)} (yang mengunduh)."
    )
    _kept_notulen(store, period)


def _kept_notulen(store: Store, period: state.Period) -> None:
    kept = notulen.kept(store, period.tahun, period.sampai_tw)
    if not kept:
        st.caption("Belum ada notulen yang disimpan ke arsip periode ini.")
        return
    last = kept[-1]
    st.caption(
        f"Notulen di arsip: {len(kept)} salinan; terakhir {fmt_waktu(last['disimpan_pada'])} "
        f"oleh {md(last['oleh'])} (sha256 {last['sha256'][:12]}…). Arsip (.zip) di halaman "
        "Surat & Arsip memuat setiap salinan."
    )
