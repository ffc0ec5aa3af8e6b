"""The rapat as a projector shows it: every slide fits the window (nothing to scroll) at
1920×1080 and 1366×768, the keyboard and a clicker (ArrowRight, PageDown, …) move through
the deck, and a refresh keeps the slide and the chosen period."""

import pytest

from tests.e2e.conftest import assert_no_exception, pick_option, wait_for_app

pytestmark = pytest.mark.e2e

# Every element that scrolls (the page, the main area, any container of the slide) and holds
# more than its box, or a box taller than the window: [name, content height, box height].
OVERFLOW = """() => {
  const found = [];
  const root = document.scrollingElement;
  if (root.scrollHeight > window.innerHeight + 1)
    found.push(["page", root.scrollHeight, window.innerHeight]);
  for (const el of document.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (!["auto", "scroll"].includes(style.overflowY)) continue;
    if (el.closest('[data-testid="stSidebar"]')) continue;  // the period picker, not the slide
    if (el.scrollHeight > el.clientHeight + 1 || el.clientHeight > window.innerHeight)
      found.push([el.getAttribute("data-testid") || el.className.slice(0, 40),
                  el.scrollHeight, el.clientHeight]);
  }
  return found;
}"""


def counter(page) -> str:
    return page.locator(".rapat-hitung").text_content()


def settled(page) -> None:
    """The rerun has finished and no element of the previous slide is still shown."""
    wait_for_app(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")


def go(page, key: str, expected: str) -> None:
    page.keyboard.press(key)
    page.locator(".rapat-hitung").filter(has_text=expected).wait_for()
    settled(page)


def charts_drawn(page) -> None:
    page.locator(".st-key-rapat_panggung .main-svg").first.wait_for()


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)], ids=["1920x1080", "1366x768"])
def test_every_slide_fits_and_the_keyboard_moves(page, app_url, tmp_path, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_url}/rapat")
    page.locator(".rapat-judul").wait_for(timeout=60_000)
    wait_for_app(page)
    charts_drawn(page)
    assert page.evaluate(OVERFLOW) == []  # with the sidebar: the main area fits
    page.get_by_text("Layar penuh").click()  # the clean look: no sidebar, no header
    page.locator('[data-testid="stSidebar"]').wait_for(state="hidden")
    settled(page)

    total = int(counter(page).split("/")[1])
    assert total == 12
    for n in range(1, total + 1):
        if n > 1:
            go(page, "ArrowRight" if n % 2 else "PageDown", f"{n} / {total}")
        charts_drawn(page)
        assert_no_exception(page)
        assert page.evaluate(OVERFLOW) == [], f"slide {n} does not fit"
        # the slide's charts sit inside the window
        bottom = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('.st-key-rapat_panggung *')]"
            ".map(e => e.getBoundingClientRect().bottom))"
        )
        assert bottom <= size[1] + 1
        page.screenshot(path=str(tmp_path / f"rapat_{n:02d}_{size[0]}x{size[1]}.png"))
    assert page.get_by_role("button", name="Berikutnya ▶").is_disabled()
    go(page, "ArrowLeft", f"{total - 1} / {total}")
    go(page, "PageUp", f"{total - 2} / {total}")
    go(page, "Home", f"1 / {total}")
    go(page, "End", f"{total} / {total}")


def test_refresh_keeps_the_slide_and_the_period(page, app_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/rapat")
    page.locator(".rapat-judul").wait_for(timeout=60_000)
    wait_for_app(page)
    pick_option(page, "_w_tahun", "2023")
    page.locator(".rapat-sub").filter(has_text="tahun 2023").wait_for()
    wait_for_app(page)
    pick_option(page, "_w_sampai_tw", "Triwulan II")
    page.locator(".rapat-sub").filter(has_text="sampai Triwulan II").wait_for()
    wait_for_app(page)
    for n in range(2, 6):
        go(page, "ArrowRight", f"{n} / 12")
    title = page.locator(".rapat-judul").text_content()
    assert title == "Bidang Aplikasi Informatika"

    page.reload()
    page.locator(".rapat-hitung").filter(has_text="5 / 12").wait_for(timeout=60_000)
    wait_for_app(page)
    assert page.locator(".rapat-judul").text_content() == title
    assert "kinerja tahun 2023 sampai Triwulan II" in page.locator(".rapat-sub").text_content()
    assert "tahun=2023" in page.url and "tw=2" in page.url
    assert_no_exception(page)
