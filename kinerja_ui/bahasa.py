"""Streamlit's own English words in Indonesian, whatever the browser's language (and a
chosen selectbox value too long for its box shown in full on hover).

Streamlit draws some texts itself, with no parameter to change them: the uploader's
"Upload" button and "20MB per file", selectbox placeholders and "No results", the data
grid's toolbar and column menu, "Press Enter to apply", the date picker's months, and the
aria-labels a screen reader reads. ``install`` (called by app.py on every run) puts a small
script into the page that translates exactly these texts (whole strings from ``WORDS`` and
the patterns of ``PATTERNS``) wherever they appear, as soon as Streamlit draws them. Our own
texts (Markdown, HTML, chart labels, anything inside a data cell) are never touched.

What stays English is listed in README ("Teks Streamlit yang tetap berbahasa Inggris").
"""

from __future__ import annotations

import json

import streamlit as st

# Whole texts (a text node, or a placeholder / title / aria-label attribute) → Indonesian.
WORDS: dict[str, str] = {
    # selectbox / multiselect
    "Choose an option": "Pilih salah satu",
    "Choose options": "Pilih satu atau lebih",
    "Choose or add an option": "Pilih atau tulis pilihan",
    "Choose or add options": "Pilih atau tulis pilihan",
    "No results": "Tidak ada yang cocok",
    "No options": "Tidak ada pilihan",
    "No options to select.": "Tidak ada pilihan.",
    "Select...": "Pilih…",
    "Clear all": "Hapus semua",
    "Clear value": "Hapus isian",
    "Selected values": "Nilai terpilih",
    "Open": "Buka",
    "Close": "Tutup",
    # file uploader
    "Upload": "Pilih berkas",
    "Add files": "Tambah berkas",
    "Drag and drop file here": "Seret berkas ke sini",
    "Drag and drop files here": "Seret berkas ke sini",
    "Drag and drop a file here": "Seret berkas ke sini",
    "file upload": "unggah berkas",
    # data grid toolbar, search and column menu
    "Download as CSV": "Unduh sebagai CSV",
    "Show/hide columns": "Tampilkan atau sembunyikan kolom",
    "Search": "Cari",
    "Type to search": "Ketik untuk mencari",
    "Close Search": "Tutup pencarian",
    "Next Result": "Hasil berikutnya",
    "Previous Result": "Hasil sebelumnya",
    "Fullscreen": "Layar penuh",
    "Close fullscreen": "Tutup layar penuh",
    "Add row": "Tambah baris",
    "Delete row(s)": "Hapus baris",
    "Clear selection": "Hapus pilihan",
    "Select all": "Pilih semua",
    "Sort ascending": "Urutkan naik",
    "Sort descending": "Urutkan turun",
    "Autosize": "Lebar otomatis",
    "Pin column": "Sematkan kolom",
    "Unpin column": "Lepaskan kolom",
    "Hide column": "Sembunyikan kolom",
    "Copy column name": "Salin nama kolom",
    "Dataframe column menu": "Menu kolom",
    "Automatic": "Otomatis",
    "Localized": "Sesuai bahasa peramban",
    "Plain": "Polos",
    "Percent": "Persen",
    "Scientific": "Ilmiah",
    "Engineering": "Teknik",
    "Compact": "Ringkas",
    "Accounting": "Akuntansi",
    "Relative": "Relatif",
    # date input
    "Choose date": "Pilih tanggal",
    "Choose date range": "Pilih rentang tanggal",
    "Clear date": "Hapus tanggal",
    "Previous month": "Bulan sebelumnya",
    "Next month": "Bulan berikutnya",
    # number input, pages, app chrome
    "Increment": "Tambah",
    "Decrement": "Kurangi",
    "Previous page": "Halaman sebelumnya",
    "Next page": "Halaman berikutnya",
    "Pagination": "Halaman",
    "Collapse sidebar": "Sembunyikan menu samping",
    "Expand sidebar": "Tampilkan menu samping",
    "Sidebar": "Menu samping",
    "App pages": "Halaman aplikasi",
    "Main menu": "Menu utama",
    "Running...": "Sedang memproses…",
    "Stop script": "Hentikan",
    "Stop": "Hentikan",
    "Rerun": "Muat ulang",
    "Connecting": "Menghubungkan",
    "Please wait...": "Tunggu sebentar…",
    "Connection error": "Sambungan ke server terputus",
    "Is Streamlit still running? If you accidentally stopped Streamlit, just restart it in "
    "your terminal:": "Server aplikasi tidak menjawab. Minta admin menjalankannya kembali:",
    "Page not found": "Halaman tidak ditemukan",
    "Settings": "Pengaturan",
    "Print": "Cetak",
    "About": "Tentang",
    "Clear cache": "Kosongkan cache",
    "Notifications": "Pemberitahuan",
    "Copy to clipboard": "Salin",
    "Copied": "Tersalin",
    "Link to heading": "Tautan ke judul ini",
    "Help": "Bantuan",
    "Scroll tabs left": "Geser tab ke kiri",
    "Scroll tabs right": "Geser tab ke kanan",
}

# Texts with a variable part: (regular expression, replacement with $1…).
PATTERNS: list[tuple[str, str]] = [
    (r"^(\d+(?:\.\d+)?)\s?(KB|MB|GB) per file$", "Maks. $1 $2 per berkas"),
    (r"^(.+) files are not allowed\.$", "Jenis berkas $1 tidak diterima."),
    (r"^File must be (.+) or smaller\.$", "Ukuran berkas paling besar $1."),
    (r"^Help for (.+)$", "Bantuan: $1"),
    (r"^Remove (.+)$", "Hapus $1"),
    (r"^Upload (.+)$", "Unggah $1"),
    (r"^Press Enter to apply$", "Tekan Enter untuk menerapkan"),
    (r"^Press Enter to submit form$", "Tekan Enter untuk mengirim"),
    (r"^(⌘|Ctrl)\+Enter to apply$", "$1+Enter untuk menerapkan"),
    (r"^(⌘|Ctrl)\+Enter to submit form$", "$1+Enter untuk mengirim"),
    (r"^Press (⌘|Ctrl)\+Enter to apply$", "Tekan $1+Enter untuk menerapkan"),
    (r"^Press (⌘|Ctrl)\+Enter to submit form$", "Tekan $1+Enter untuk mengirim"),
    (r"^(\d+)\.(\d+)\s?(B|KB|MB|GB)$", "$1,$2 $3"),  # an uploaded file's size: 5,8 KB
    (r"^Page (\d+)$", "Halaman $1"),
    (r"^Showing page (\d+) of (\d+)$", "Halaman $1 dari $2"),
    (r"^Choose date, (.+)$", "Pilih tanggal, $1"),
    (
        r"^(You have requested page /.*|The page that you have requested does not seem to "
        r"exist)\. Running the app's main page\.$",
        "Halaman yang diminta tidak ada; halaman utama yang dibuka.",
    ),
    (
        r"^Use arrow keys to navigate dates\. Enter to select\. Escape to close\.$",
        "Tombol panah untuk berpindah tanggal, Enter untuk memilih, Escape untuk menutup.",
    ),
]

# Month and day names of the date picker (only inside a calendar).
CALENDAR: dict[str, str] = {
    "January": "Januari",
    "February": "Februari",
    "March": "Maret",
    "May": "Mei",
    "June": "Juni",
    "July": "Juli",
    "August": "Agustus",
    "October": "Oktober",
    "December": "Desember",
    "Sunday": "Minggu",
    "Monday": "Senin",
    "Tuesday": "Selasa",
    "Wednesday": "Rabu",
    "Thursday": "Kamis",
    "Friday": "Jumat",
    "Saturday": "Sabtu",
    "Today": "Hari ini",
    "Selected": "Terpilih",
    "month": "bulan",
    "year": "tahun",
}
# The date picker's column heads (narrow day names, the week from Sunday) in Indonesian.
WEEKDAYS = {"SMTWTFS": ["M", "S", "S", "R", "K", "J", "S"]}

# Inside these our own texts live: never translated ...
OURS = (
    '[data-testid="stMarkdownContainer"], [data-testid="stHtml"], [data-testid="stCode"], '
    '.js-plotly-plot, textarea, [data-testid="stCaptionContainer"]'
)
# ... except in these, which are Streamlit's own (the uploader's button label is Markdown,
# Streamlit adds its full-screen button to the Plotly mode bar, st.code its copy button).
THEIRS = (
    '[data-testid="stFileUploaderDropzone"] button, .modebar, '
    '[data-testid="stHeaderActionElements"], '
    '[data-testid="stCode"] button, [data-testid="stCode"] [title]'
)

_SCRIPT = """<script>
(() => {
  if (window.__kinerjaBahasa) return;
  window.__kinerjaBahasa = true;
  const words = __WORDS__;
  const patterns = __PATTERNS__.map(([re, to]) => [new RegExp(re), to]);
  const calendar = __CALENDAR__;
  const calendarWord = new RegExp("\\\\b(" + Object.keys(calendar).join("|") + ")\\\\b", "g");
  const ours = __OURS__;
  const theirs = __THEIRS__;
  const attributes = ["placeholder", "title", "aria-label", "data-title"];

  const translated = (text, inCalendar) => {
    const bare = text.trim();
    if (!bare) return null;
    let out = words[bare];
    if (out === undefined) {
      for (const [re, to] of patterns) {
        if (re.test(bare)) { out = bare.replace(re, to); break; }
      }
    }
    if (inCalendar) {
      const base = out === undefined ? bare : out;
      const local = base.replace(calendarWord, (word) => calendar[word]);
      if (local !== base) out = local;
    }
    if (out === undefined || out === bare) return null;
    return text.replace(bare, out);
  };
  const skip = (element) => !element || (!!element.closest(ours) && !element.closest(theirs));
  const calendarBox = '[data-testid="stDateInputCalendar"], [data-baseweb="calendar"]';
  const inCalendar = (element) => !!element.closest(calendarBox);
  const weekdays = __WEEKDAYS__;
  const fixWeekdays = () => {
    for (const box of document.querySelectorAll(calendarBox)) {
      const heads = [...box.querySelectorAll("thead th")];
      const local = weekdays[heads.map((th) => th.textContent.trim()).join("")];
      if (!local || heads.length !== local.length) continue;
      heads.forEach((th, i) => {
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        while (walker.nextNode())
          if (walker.currentNode.nodeValue.trim())
            walker.currentNode.nodeValue = local[i];
      });
    }
  };

  const fixText = (node) => {
    const parent = node.parentElement;
    if (skip(parent)) return;
    const out = translated(node.nodeValue, inCalendar(parent));
    if (out !== null) node.nodeValue = out;
  };
  const fixAttributes = (element) => {
    if (skip(element)) return;
    for (const name of attributes) {
      const value = element.getAttribute(name);
      if (!value) continue;
      const out = translated(value, inCalendar(element));
      if (out !== null) element.setAttribute(name, out);
    }
  };
  const fixTree = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { fixText(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    fixAttributes(root);
    for (const element of root.querySelectorAll(
        "[placeholder], [title], [aria-label], [data-title]"))
      fixAttributes(element);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) fixText(walker.currentNode);
  };

  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "characterData") fixText(record.target);
      else if (record.type === "attributes") fixAttributes(record.target);
      else for (const node of record.addedNodes) fixTree(node);
    }
    if (document.querySelector(calendarBox)) fixWeekdays();
  }).observe(document.body, {childList: true, subtree: true, characterData: true,
                             attributes: true, attributeFilter: attributes});
  fixTree(document.body);

  // A chosen value wider than its box (a long program name) shows in full on hover.
  document.addEventListener("mouseover", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.getAttribute("role") !== "combobox") return;
    if (box.scrollWidth > box.clientWidth) box.title = box.value;
    else box.removeAttribute("title");
  }, true);
})();
</script>"""

_STYLE = """<style>
  [data-testid="stLayoutWrapper"]:has(> .st-key-bahasa_indonesia),
  .st-key-bahasa_indonesia {display: none}
</style>"""


def script() -> str:
    """The translating script with its word lists."""
    return (
        _SCRIPT.replace("__WORDS__", json.dumps(WORDS, ensure_ascii=False))
        .replace("__PATTERNS__", json.dumps(PATTERNS, ensure_ascii=False))
        .replace("__CALENDAR__", json.dumps(CALENDAR, ensure_ascii=False))
        .replace("__OURS__", json.dumps(OURS))
        .replace("__THEIRS__", json.dumps(THEIRS))
        .replace("__WEEKDAYS__", json.dumps(WEEKDAYS))
    )


def install() -> None:
    """Put the translating script into the page (once per browser tab; hidden, no space)."""
    st.html(_STYLE)
    st.container(key="bahasa_indonesia").html(script(), unsafe_allow_javascript=True)
