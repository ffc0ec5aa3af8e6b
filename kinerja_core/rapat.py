"""The rapat koordinasi as a slide deck: which slides there are, in which order, and how a slide
is named in the navigator, the counter and the URL.

Each view (the Dinas summary, then every bidang, Sekretariat first) has two slides, so every
slide fits one projector screen: *Capaian* (headline figures, capaian per unit, predikat
spread) and *Pembahasan* (kinerja against anggaran or against the target path, and what to
discuss). Pure Python: the page draws the slide, this module only knows the deck.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kinerja_core.views import RINGKASAN, rapat_title, rapat_views

CAPAIAN = "capaian"
PEMBAHASAN = "pembahasan"
PARTS = {CAPAIAN: "Capaian", PEMBAHASAN: "Pembahasan"}
URL_RINGKASAN = "ringkasan"  # the summary view's word in the URL ('' would vanish)


@dataclass(frozen=True)
class Slide:
    view: str  # a bidang, or views.RINGKASAN for the Dinas summary
    part: str  # CAPAIAN or PEMBAHASAN

    @property
    def title(self) -> str:
        return rapat_title(self.view)

    @property
    def label(self) -> str:
        """How the navigator lists it: 'Bidang Persandian · Pembahasan'."""
        return f"{self.title} · {PARTS[self.part]}"

    @property
    def url_view(self) -> str:
        return URL_RINGKASAN if self.view == RINGKASAN else self.view


def slides(evaluated: pd.DataFrame) -> list[Slide]:
    """The deck: for the summary and each bidang, its Capaian then its Pembahasan slide."""
    return [Slide(view, part) for view in rapat_views(evaluated) for part in PARTS]


def find(deck: list[Slide], url_view: str, part: str = CAPAIAN) -> Slide | None:
    """The slide a URL names (``tampilan`` and ``bagian``), or None when it is not in the deck."""
    view = RINGKASAN if url_view == URL_RINGKASAN else url_view
    wanted = Slide(view, part if part in PARTS else CAPAIAN)
    return wanted if wanted in deck else None


def step(deck: list[Slide], current: Slide, delta: int) -> Slide:
    """The slide ``delta`` places from ``current``, stopping at either end."""
    index = deck.index(current) + delta
    return deck[max(0, min(len(deck) - 1, index))]


def counter(deck: list[Slide], current: Slide) -> str:
    """'3 / 12'."""
    return f"{deck.index(current) + 1} / {len(deck)}"
