"""Charts of the Word report as PNG images, drawn with Pillow.

Plotly's image export needs Kaleido and a browser on the server; a report must be made
without either, so the two report charts (indicators per predikat, capaian and serapan per
bidang) are drawn here: horizontal bars in the predikat colours of the dashboard, value
labels in Indonesian notation, at 2× print resolution. Same inputs, same bytes.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

import pandas as pd
from PIL import Image, ImageDraw, ImageFont

from kinerja_core.charts import GRID, INK, NEUTRAL, PREDIKAT_COLORS, PREVIOUS
from kinerja_core.locale_id import fmt_number, fmt_percent

WIDTH = 1800  # pixels for a 15 cm wide picture: about 300 dpi
_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
_BOLD_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
)


@lru_cache(maxsize=16)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _BOLD_FILES if bold else _FONT_FILES:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _text_width(draw: ImageDraw.ImageDraw, text: str, font) -> float:
    return draw.textlength(text, font=font)


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: float) -> str:
    if _text_width(draw, text, font) <= width:
        return text
    while text and _text_width(draw, text + "…", font) > width:
        text = text[:-1]
    return text + "…"


def predikat_bars(counts: list[tuple[str, int]], no_capaian: int) -> bytes:
    """Indicators per predikat (and 'tidak dapat dihitung') as horizontal bars."""
    items = [*counts, ("Tidak dapat dihitung", no_capaian)]
    row, top, left, right = 84, 40, 440, 160
    height = top + row * len(items) + 30
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    label_font, value_font = _font(34), _font(34, bold=True)
    biggest = max([n for _, n in items] + [1])
    span = WIDTH - left - right
    for i, (name, n) in enumerate(items):
        y = top + i * row
        draw.text((left - 20, y + row / 2), name, font=label_font, fill=INK, anchor="rm")
        length = span * n / biggest
        color = PREDIKAT_COLORS.get(name, NEUTRAL)
        if n:
            draw.rectangle([left, y + 14, left + length, y + row - 14], fill=color)
        draw.text(
            (left + length + 16, y + row / 2),
            fmt_number(n, 0),
            font=value_font,
            fill=INK,
            anchor="lm",
        )
    draw.line([left, top, left, top + row * len(items)], fill=INK, width=3)
    return _png(image)


def bidang_bars(summary: pd.DataFrame) -> bytes:
    """Capaian kinerja (predikat colour) and serapan anggaran (grey) per bidang, with the
    100% line; values written at the end of each bar."""
    names = [str(b) or "(tanpa bidang)" for b in summary["bidang"]]
    capaian = [float(v) for v in summary["capaian"]]
    serapan = [float(v) for v in summary["serapan"]]
    predikat = [p if isinstance(p, str) else "" for p in summary["predikat"]]
    finite = [v for v in capaian + serapan if not math.isnan(v)]
    scale_max = max([120.0, *finite]) * 1.08
    group, bar, top, left, right = 140, 48, 110, 640, 150
    height = top + group * len(names) + 90
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    label_font, value_font, small = _font(36), _font(34, bold=True), _font(32)
    span = WIDTH - left - right

    def x(value: float) -> float:
        return left + span * value / scale_max

    for tick in range(0, int(scale_max) + 1, 20):
        draw.line([x(tick), top - 10, x(tick), top + group * len(names)], fill=GRID, width=2)
        draw.text(
            (x(tick), top + group * len(names) + 14), f"{tick}%", font=small, fill=INK, anchor="mt"
        )
    draw.line([x(100), top - 10, x(100), top + group * len(names)], fill=INK, width=3)
    for i, name in enumerate(names):
        y = top + i * group + 10
        draw.text(
            (left - 20, y + bar),
            _fit(draw, name, label_font, left - 40),
            font=label_font,
            fill=INK,
            anchor="rm",
        )
        for offset, value, color in (
            (0, capaian[i], PREDIKAT_COLORS.get(predikat[i], NEUTRAL)),
            (bar + 8, serapan[i], PREVIOUS),
        ):
            if math.isnan(value):
                draw.text((left + 12, y + offset + bar / 2), "–", font=value_font,
                          fill=INK, anchor="lm")  # fmt: skip
                continue
            draw.rectangle([left, y + offset, x(max(value, 0.0)), y + offset + bar], fill=color)
            draw.text(
                (x(max(value, 0.0)) + 12, y + offset + bar / 2),
                fmt_percent(value),
                font=value_font,
                fill=INK,
                anchor="lm",
            )
    # legend
    legend_y = 30
    for label, color, lx in (
        ("Capaian kinerja (warna predikat)", PREDIKAT_COLORS["Tinggi"], left),
        ("Serapan anggaran", PREVIOUS, left + 640),
    ):
        draw.rectangle([lx, legend_y, lx + 40, legend_y + 34], fill=color)
        draw.text((lx + 54, legend_y + 17), label, font=small, fill=INK, anchor="lm")
    draw.line([left, top - 10, left, top + group * len(names)], fill=INK, width=3)
    return _png(image)
