"""Code blocks on a phone: Material gives each its copy button when the reader first
scrolls to it (content.lazy), not all of them while the page loads, and nothing on the
page moves when a button arrives (extra.css keeps its room from the start)."""

from __future__ import annotations

import re

import pytest

import accessibility_tree as ax

BLOCK = re.compile(r"<pre[^>]*>\s*<code")

# Every layout shift the page makes that no tap or key caused, summed (the page's CLS).
WATCH_SHIFTS = """() => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const shift of list.getEntries()) {
      if (!shift.hadRecentInput) window.__shifts.push(shift.value);
    }
  }).observe({ type: "layout-shift", buffered: true });
}"""

# Read down the page half a screen at a time, two frames per step: time enough for the
# IntersectionObserver behind content.lazy to see each block and Material to mount it.
READ_DOWN = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  while (scrollY + innerHeight < document.documentElement.scrollHeight - 1) {
    scrollBy(0, innerHeight / 2);
    await frame();
    await frame();
  }
  await frame();
  await frame();
}"""

COUNT = """() => ({
  blocks: document.querySelectorAll('.md-content pre > code').length,
  buttons: document.querySelectorAll('.md-content pre > .md-code__nav').length,
})"""


@pytest.fixture(scope="module")
def most_code(built_site) -> str:
    """The path of the built page with the most code blocks."""
    counts = {
        page: len(BLOCK.findall(page.read_text(encoding="utf-8")))
        for page in built_site.rglob("index.html")
    }
    page = max(counts, key=counts.get)
    assert counts[page] >= 10, f"the page with the most code blocks has {counts[page]}"
    return page.parent.relative_to(built_site).as_posix() + "/"


def test_code_blocks_get_their_buttons_as_they_come_into_view_and_nothing_moves(
    fresh_context, most_code
):
    page = fresh_context("phone").new_page()
    page.goto(page.context.traffic.origin + most_code)
    page.evaluate(WATCH_SHIFTS)
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate(COUNT)
    assert loaded["buttons"] < loaded["blocks"], (
        f"{most_code}: {loaded['buttons']} of {loaded['blocks']} code blocks had their copy "
        "buttons once the page loaded: the ones below the first screen should not yet"
    )
    page.evaluate(READ_DOWN)
    read = page.evaluate(COUNT)
    assert read["buttons"] == read["blocks"], f"{most_code}: after reading down, {read}"
    shifts = page.evaluate("() => window.__shifts")
    assert sum(shifts) < 0.001, f"{most_code}: the page moved while it was read: {shifts}"
    # the first line of each block starts below its button
    for block in page.locator(".md-content pre > code").all()[:3]:
        padding = block.evaluate("code => parseFloat(getComputedStyle(code).paddingTop)")
        button = block.evaluate(
            "code => code.parentElement.querySelector('.md-code__nav').getBoundingClientRect()"
            ".bottom - code.getBoundingClientRect().top"
        )
        assert padding >= button, f"{most_code}: code padded {padding} px, button {button} px"


def test_a_code_blocks_buttons_add_no_landmark(fresh_context, most_code):
    """Every navigation landmark of the page has a name once every block has its buttons
    (hooks/code_buttons.py): Material boxed each block's buttons in a <nav> of its own."""
    page = fresh_context("desktop").new_page()
    page.goto(page.context.traffic.origin + most_code)
    page.evaluate(READ_DOWN)
    read = page.evaluate(COUNT)
    assert read["buttons"] == read["blocks"], f"{most_code}: after reading down, {read}"
    navigations = [ax.name(node) for node in ax.nodes(page) if ax.role(node) == "navigation"]
    assert navigations, f"{most_code}: no navigation landmark at all"
    assert all(name.strip() for name in navigations), f"{most_code}: {navigations}"
