"""Recognising which bidang and which tahun a file belongs to.

From a title row ("BIDANG STATISTIK — TAHUN ANGGARAN 2024"), a penanggung-jawab cell, a
header ("Target 2024") or the file name (``statistik_rapi.xlsx``). Tolerant of case, of a
"BIDANG" prefix, of punctuation and of underscores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# The bidang of the demo dinas (Diskominfo-SP); callers may pass their own list.
KNOWN_BIDANG: tuple[str, ...] = (
    "Sekretariat",
    "Bidang Informasi dan Komunikasi Publik",
    "Bidang Aplikasi Informatika",
    "Bidang Statistik",
    "Bidang Persandian",
)

_YEAR = re.compile(r"(?<!\d)(20[0-9]{2})(?!\d)")
_TAHUN_IN_TEXT = re.compile(r"\b(?:tahun|ta\.?|t\.a\.?|anggaran)\s*(?:anggaran\s*)?(20\d{2})\b")


def _words(text: object) -> str:
    """Lower-case words only: 'BIDANG STATISTIK — TA 2024' → 'bidang statistik ta 2024'."""
    s = str(text or "").casefold().replace("&", " dan ").replace("_", " ")
    return re.sub(r"[^\w]+", " ", s).strip()


def _core(name: str) -> str:
    """'Bidang Aplikasi Informatika' → 'aplikasi informatika'."""
    words = _words(name)
    return words[len("bidang ") :] if words.startswith("bidang ") else words


def _acronym(core: str) -> str:
    letters = [w[0] for w in core.split() if w not in ("dan", "dan/atau")]
    return "".join(letters) if len(letters) >= 3 else ""


def match_bidang(text: object, known: Sequence[str] | None = None) -> str:
    """The known bidang that ``text`` names, else "".

    Matches when the text (without a leading "bidang") is the bidang's name, starts with it
    ("statistik rapi" from a file name, "Bidang Statistik — Tahun 2024" from a title) or
    is its acronym ("IKP"). The longest matching name wins.
    """
    words = _words(text)
    if not words:
        return ""
    if words.startswith("bidang "):
        words = words[len("bidang ") :]
    best = ""
    best_len = 0
    for name in known if known is not None else KNOWN_BIDANG:
        core = _core(name)
        if not core:
            continue
        hit = words == core or words.startswith(core + " ")
        acronym = _acronym(core)
        if not hit and acronym:
            hit = words == acronym or words.startswith(acronym + " ")
        if hit and len(core) > best_len:
            best, best_len = name, len(core)
    return best


def bidang_from_lines(lines: Iterable[object], known: Sequence[str] | None = None) -> str:
    """The first title line that names a bidang ('BIDANG PERSANDIAN — TAHUN ANGGARAN 2024')."""
    for line in lines:
        words = _words(line)
        if not words:
            continue
        found = match_bidang(words, known)
        if found:
            return found
        # "... BIDANG STATISTIK ..." in the middle of a title line
        at = words.find(" bidang ")
        if at >= 0:
            found = match_bidang(words[at + 1 :], known)
            if found:
                return found
    return ""


def tahun_from_text(text: object) -> int | None:
    """'TAHUN ANGGARAN 2024', 'Target 2024', 'TA 2024' → 2024."""
    words = _words(text)
    match = _TAHUN_IN_TEXT.search(words)
    if match:
        return int(match.group(1))
    return None


def tahun_from_header(label: object) -> int | None:
    """A year written in a header ('Target 2024', 'Target Kinerja Renja Tahun 2024')."""
    words = _words(label)
    if "target" not in words and "tahun" not in words:
        return None
    years = _YEAR.findall(words)
    return int(years[-1]) if years else None


def tahun_from_filename(filename: str) -> int | None:
    years = _YEAR.findall(_words(filename))
    return int(years[-1]) if len(set(years)) == 1 else None


_TITLE_BIDANG = re.compile(r"(?i)\b(bidang|sekretariat)\b")
# Where the bidang's name ends in a title: a dash, a colon, brackets, a comma or the year.
_TITLE_END = re.compile(
    r"(?i)\s+[—–-]\s*|\s*[—–:(),;|]|\s+(?:tahun|ta\.?|t\.a\.?|triwulan|tw|periode)\b|\s+20\d{2}\b"
)
_SMALL_WORDS = {"dan", "di", "serta", "atau", "pada", "untuk", "dan/atau"}


def title_bidang(lines: Iterable[object]) -> str:
    """The bidang a title line names, whether or not the dinas knows it yet.

    'BIDANG PENGELOLAAN KEUANGAN — TAHUN ANGGARAN 2024' → 'Bidang Pengelolaan Keuangan';
    'SEKRETARIAT - TA 2024' → 'Sekretariat'; a title not in capitals keeps its own
    spelling ('Bidang TIK dan e-Gov, 2024' → 'Bidang TIK dan e-Gov'). Used where the files
    themselves define the dinas's bidang (a first import with no rencana yet); "" when no
    line names one.
    """
    for line in lines:
        text = " ".join(str(line or "").split())
        match = _TITLE_BIDANG.search(text)
        if not match:
            continue
        if match.group(1).casefold() == "sekretariat":
            return "Sekretariat"
        rest = _TITLE_END.split(text[match.end() :], maxsplit=1)[0].strip(" .-—–")
        words = [w for w in rest.split() if w]
        if not words:
            continue
        if rest.isupper():  # a title in capitals: the name in the usual capitalisation
            words = [
                w.casefold() if w.casefold() in _SMALL_WORDS and i else w[:1] + w[1:].lower()
                for i, w in enumerate(words)
            ]
        return "Bidang " + " ".join(words)
    return ""
