"""Indonesian to the last label, in an English-language Chrome (locale en-US) at 1280×720:
no English text of Streamlit's own on any page (uploader, placeholders, grid toolbar, "No
results", date picker, aria-labels), no "None" in a data grid, and no button label cut off."""

import re
import time
from pathlib import Path

import pytest

from kinerja_ui.bahasa import PATTERNS, WORDS
from tests.e2e.conftest import assert_no_exception, login, wait_for_app

pytestmark = pytest.mark.e2e

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "2024"

PAGES = {
    "beranda": ("", []),
    "rencana": ("rencana", ["Ubah di tabel", "Muat dari berkas", "Tahun baru"]),
    "format": ("format_pengumpulan", []),
    "pengumpulan": ("pengumpulan", ["Unggah berkas", "Pelacak pengumpulan", "Riwayat versi"]),
    "analisis": ("analisis", ["Tabel indikator", "Tren & anggaran", "Catatan & anomali", "Narasi"]),
    "rapat": ("rapat", []),
    "ekspor": ("ekspor", []),
    "cadangan": ("cadangan", []),
    "dokumen": ("dokumen", []),
    "pengaturan": ("pengaturan", []),
    "riwayat": ("riwayat", []),
    "surat_arsip": (
        "surat_arsip",
        ["Disposisi", "Surat pengantar", "Pengiriman", "Arsip", "Waktu SOP"],
    ),
}

# Every text a person can see or hear (text nodes, placeholders, titles, aria-labels) that
# is not ours (Markdown, our HTML, chart texts), and every cell of the grids.
SHOWN = """() => {
  const ours = '[data-testid="stMarkdownContainer"], [data-testid="stHtml"], ' +
      '[data-testid="stCode"] code, .js-plotly-plot .main-svg, script, style, noscript';
  const found = new Set();
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode;
    const text = node.nodeValue.trim();
    if (text && !node.parentElement.closest(ours)) found.add(text);
  }
  for (const el of document.querySelectorAll('[placeholder],[title],[aria-label],[data-title]'))
    for (const name of ['placeholder', 'title', 'aria-label', 'data-title']) {
      const value = el.getAttribute(name);
      if (value) found.add(value.trim());
    }
  return [...found];
}"""
# Button labels wider than their button (shown with an ellipsis): the texts cut off.
CUT_LABELS = """() => [...document.querySelectorAll('[data-testid="stMain"] button')]
  .filter(b => b.offsetParent !== null)
  .flatMap(b => [...b.querySelectorAll('p, span, div')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible')
    .map(() => b.innerText.trim()))"""
CELLS = """() => [...document.querySelectorAll(
    '[data-testid="stDataFrame"] [aria-rowcount] td')].map(c => c.textContent.trim())"""

ENGLISH = [re.compile(f"^{re.escape(word)}$") for word in WORDS if WORDS[word] != word] + [
    re.compile(pattern) for pattern, _ in PATTERNS
]


def english(texts: list[str]) -> list[str]:
    return [t for t in texts if any(p.search(t) for p in ENGLISH)]


def english_left(page, within_seconds: float = 30.0) -> list[str]:
    """Streamlit's English still shown once the page's translation has run. The translation
    follows each render (a MutationObserver in kinerja_ui/bahasa.py), so the texts are read
    again until none is left or the time is up; what is left is the answer."""
    deadline = time.monotonic() + within_seconds
    while (left := english(page.evaluate(SHOWN))) and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    return left


@pytest.fixture
def english_page(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(30_000)
    login(page, app_url)
    yield page
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_no_english_of_streamlit_on_any_page(english_page, app_url, tmp_path, name):
    page = english_page
    path, tabs = PAGES[name]
    page.goto(f"{app_url}/{path}")
    page.locator('[data-testid="stSidebarNav"]').wait_for(timeout=60_000)
    wait_for_app(page)
    for tab in tabs or [None]:
        if tab:
            page.get_by_role("tab", name=tab).click()
            wait_for_app(page)
        assert_no_exception(page)
        page.screenshot(path=str(tmp_path / f"{name}_{tab or 'halaman'}.png"))
        assert english_left(page) == [], tab
        cells = page.evaluate(CELLS)
        assert not [c for c in cells if c in ("None", "nan", "NaN", "<NA>")], tab
        assert page.evaluate(CUT_LABELS) == [], tab


def test_uploader_selectbox_and_grid_toolbar_speak_indonesian(english_page, app_url, tmp_path):
    page = english_page
    page.goto(f"{app_url}/pengumpulan")
    dropzone = page.locator('[data-testid="stFileUploaderDropzone"]')
    dropzone.get_by_role("button", name="Pilih berkas").wait_for(timeout=60_000)
    assert dropzone.get_by_text("Maks. 20 MB per berkas").is_visible()
    assert "Upload" not in dropzone.inner_text()
    # an uploaded file: its chip, the card and the preview grid
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [str(DEMO / "bidang_persandian.xlsx")]
    )
    preview = page.get_by_text("Pratinjau data").first
    preview.wait_for(timeout=60_000)
    wait_for_app(page)
    preview.click()
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    wait_for_app(page)
    page.screenshot(path=str(tmp_path / "unggahan.png"))
    chip = page.locator('[data-testid="stFileChip"]').first.inner_text()
    assert re.search(r"\d+,\d KB", chip), chip  # '5,8 KB', not '5.8KB'
    assert english(page.evaluate(SHOWN)) == []
    assert not [c for c in page.evaluate(CELLS) if c in ("None", "nan", "NaN", "<NA>")]

    page.goto(f"{app_url}/analisis")
    page.get_by_role("heading", name="Analisis Capaian Kinerja").wait_for(timeout=60_000)
    wait_for_app(page)
    bidang = page.locator(".st-key-an_bidang [role='combobox']")
    bidang.click()
    page.keyboard.type("zzz tidak ada")
    page.get_by_text("Tidak ada yang cocok").wait_for()
    assert page.get_by_text("No results").count() == 0
    page.keyboard.press("Escape")

    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    toolbar.get_by_role("button", name="Unduh sebagai CSV").wait_for()
    toolbar.get_by_role("button", name="Cari").wait_for()
    assert toolbar.get_by_role("button", name="Download as CSV").count() == 0


def test_date_picker_speaks_indonesian(english_page, app_url, tmp_path):
    page = english_page
    page.goto(f"{app_url}/ekspor")
    page.get_by_role("button", name="Pilih tanggal").click(timeout=60_000)
    calendar = page.locator('[data-testid="stDateInputCalendar"]')
    calendar.wait_for()
    heads = calendar.locator("thead th")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stDateInputCalendar\"] thead th')]"
        ".map(th => th.textContent.trim()).join('') === 'MSSRKJS'"
    )
    assert heads.count() == 7
    page.screenshot(path=str(tmp_path / "kalender.png"))
    shown = calendar.inner_text()
    months = ["January", "February", "March", "May", "June", "July", "August", "October"]
    assert not [m for m in [*months, "December"] if m in shown]
    assert english(page.evaluate(SHOWN)) == []
