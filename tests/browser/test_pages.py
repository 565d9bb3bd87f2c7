"""Every page of the navigation, as a reader's Chromium shows it.

Each page is visited once (``visit`` below) and what the browser saw is recorded; the tests
then assert one property each, so that a failure names the page and the property. A
screenshot of each page, light and dark, goes to tests/browser/screenshots/ (ignored by git).
"""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
SEVERE = ("serious", "critical")

# Collapsed admonitions and inactive tabs hide some formulas; show everything while measuring,
# so that each formula has a size if it was typeset, then restore the page.
MATH = """async () => {
  const closed = [...document.querySelectorAll("details:not([open])")];
  closed.forEach((details) => (details.open = true));
  const reveal = document.createElement("style");
  reveal.textContent = ".tabbed-block { display: block !important; }";
  document.head.append(reveal);
  await document.fonts.ready;
  const label = (node) =>
    (node.closest(".arithmatex") || node.parentElement || node).textContent.trim().slice(0, 60);
  const containers = [...document.querySelectorAll("mjx-container")];
  // The visible part of a formula is its SVG drawing.
  const flat = containers.filter((c) => {
    const drawing = c.querySelector(":scope > svg");
    const box = drawing ? drawing.getBoundingClientRect() : { width: 0, height: 0 };
    return !(box.width > 0 && box.height > 0);
  });
  // Each glyph is drawn with <use> from a hidden <svg> of the page's glyph outlines.
  const glyphs = [...document.querySelectorAll("mjx-container use")].map((use) =>
    (use.getAttribute("href") || use.getAttribute("xlink:href") || "").replace(/^#/, ""),
  );
  const missingGlyphs = [...new Set(glyphs.filter((id) => !document.getElementById(id)))];
  // Screen readers read the MathML copy; sighted readers must not see it.
  const unreadable = containers.filter((c) => {
    const mml = c.querySelector(":scope > mjx-assistive-mml > math");
    return !mml || getComputedStyle(mml.parentElement).position !== "absolute";
  });
  const arithmatex = [...document.querySelectorAll(".arithmatex")];
  const untypeset = arithmatex.filter((a) => a.querySelectorAll("mjx-container").length !== 1);
  const content = document.querySelector(".md-content").cloneNode(true);
  content.querySelectorAll("pre, code, mjx-container, script, style").forEach((n) => n.remove());
  const text = content.textContent;
  const result = {
    containers: containers.length,
    arithmatex: arithmatex.length,
    flat: flat.map(label),
    unreadable: unreadable.map(label),
    glyphs: glyphs.length,
    missingGlyphs,
    mathjaxScripts: [...document.scripts]
      .map((s) => s.src)
      .filter((src) => /mathjax/i.test(src))
      .concat(typeof window.MathJax === "undefined" ? [] : ["window.MathJax"]),
    untypeset: untypeset.map(label),
    errors: [...document.querySelectorAll("mjx-merror, [data-mjx-error]")].map(label),
    raw: ["\\\\(", "\\\\)", "\\\\[", "\\\\]", "$$"].filter((d) => text.includes(d)),
  };
  reveal.remove();
  closed.forEach((details) => (details.open = false));
  return result;
}"""

IMAGES = """async () => {
  const broken = [];
  for (const image of document.images) {
    image.loading = "eager";
    try {
      await image.decode();
    } catch (error) {}
    if (!(image.complete && image.naturalWidth > 0)) broken.push(image.currentSrc || image.src);
  }
  return { count: document.images.length, broken };
}"""

# The text colour of the page's prose against the background it sits on (alpha blended), and
# the WCAG contrast ratio between them.
COLOURS = """() => {
  const rgba = (css) => {
    const v = css.match(/[\\d.]+/g).map(Number);
    return v.length === 4 ? v : [...v, 1];
  };
  const luminance = ([r, g, b]) => {
    const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const prose = document.querySelector(".md-content .md-typeset p, .md-content .md-typeset");
  let background = [255, 255, 255, 1];
  for (let node = prose; node; node = node.parentElement) {
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0) {
      background = colour;
      break;
    }
  }
  const [r, g, b, a] = rgba(getComputedStyle(prose).color);
  const text = [r, g, b].map((c, i) => a * c + (1 - a) * background[i]);
  const [light, dark] = [luminance(text), luminance(background)].sort((x, y) => y - x);
  return {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    background: luminance(background),
    contrast: (light + 0.05) / (dark + 0.05),
  };
}"""

AXE_RUN = """async (severe) => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return results.violations
    .filter((v) => severe.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
}"""


@dataclass
class Visit:
    """What the browser saw on one page."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    expected_formulas: int = 0
    math: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    light: dict = field(default_factory=dict)
    dark: dict = field(default_factory=dict)
    axe_light: list = field(default_factory=list)
    axe_dark: list = field(default_factory=list)
    next_page: dict | None = None
    crash: str | None = None  # the visit stopped early: every check reports this


def screenshot_name(path: str) -> str:
    return (path.strip("/").replace("/", "__") or "home") + ".png"


def run_axe(page) -> list:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN, list(SEVERE))


def record_visit(context, server, path, source_formulas) -> Visit:
    visit = Visit(url=urljoin(server, path))
    context.traffic.reset()
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
    try:
        page.goto(visit.url, wait_until="load")
        visit.expected_formulas = source_formulas[path]
        visit.math = page.evaluate(MATH)
        visit.images = page.evaluate(IMAGES)
        page.screenshot(path=SCREENSHOTS / f"light-{screenshot_name(path)}", full_page=True)
        visit.light = page.evaluate(COLOURS)
        visit.axe_light = run_axe(page)

        page.locator('label[title="Switch to dark mode"]').click()
        page.wait_for_function(
            "() => document.body.getAttribute('data-md-color-scheme') === 'slate'"
        )
        visit.dark = page.evaluate(COLOURS)
        visit.axe_dark = run_axe(page)
        page.screenshot(path=SCREENSHOTS / f"dark-{screenshot_name(path)}")
        page.locator('label[title="Switch to light mode"]').click()

        following = page.locator("a.md-footer__link--next")
        if following.count():
            target = urljoin(visit.url, following.get_attribute("href"))
            following.click()
            page.wait_for_url(target)
            # The new content is in once its footer links back to the page we came from.
            page.wait_for_function(
                "(url) => document.querySelector('a.md-footer__link--prev')?.href === url",
                arg=visit.url,
            )
            count = source_formulas[urlsplit(target).path.lstrip("/")]
            visit.next_page = {"url": target, "expected": count, "math": page.evaluate(MATH)}
    except Exception as error:
        visit.crash = f"{type(error).__name__}: {error}"
    finally:
        page.evaluate("() => localStorage.clear()")
        page.close()
        visit.external = list(context.traffic.external)
        visit.failed = list(context.traffic.failed)
    return visit


@pytest.fixture(scope="session")
def visits(context, server, source_formulas):
    seen: dict[str, Visit] = {}

    def visit(path: str) -> Visit:
        if path not in seen:
            seen[path] = record_visit(context, server, path, source_formulas)
        return seen[path]

    return visit


@pytest.fixture
def seen(visits, page_path) -> Visit:
    visit = visits(page_path)
    assert visit.crash is None, f"{visit.url}: the visit stopped early: {visit.crash}"
    return visit


def math_problems(url: str, expected: int, math: dict) -> list[str]:
    problems = []
    if math["containers"] != expected:
        problems.append(f"{math['containers']} typeset formulas, expected {expected}")
    if math["untypeset"]:
        problems.append(f"arithmatex elements not typeset: {math['untypeset']}")
    if math["flat"]:
        problems.append(f"formulas with no width or height: {math['flat'][:5]}")
    if math["unreadable"]:
        problems.append(f"formulas without hidden MathML for screen readers: {math['unreadable']}")
    if math["mathjaxScripts"]:
        problems.append(
            f"MathJax runs on the page (it should be typeset at build time): "
            f"{math['mathjaxScripts']}"
        )
    if math["errors"]:
        problems.append(f"MathJax error nodes: {math['errors']}")
    if math["raw"]:
        problems.append(f"raw TeX delimiters left in the text: {math['raw']}")
    if expected and not math["glyphs"]:
        problems.append("no glyph drawn in any formula")
    if math["missingGlyphs"]:
        problems.append(f"glyphs drawn from outlines not on the page: {math['missingGlyphs'][:5]}")
    return [f"{url}: {problem}" for problem in problems]


# --- the navigation ---------------------------------------------------------------------


def test_the_built_site_has_exactly_the_pages_of_the_navigation(built_site, navigation):
    root = ET.parse(built_site / "sitemap.xml").getroot()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in root.iterfind("s:url/s:loc", namespace)]
    base = urlsplit(locations[0]).path
    in_sitemap = sorted(urlsplit(loc).path[len(base) :] for loc in locations)
    assert in_sitemap == sorted(navigation)


def test_the_navigation_of_the_built_home_page_links_every_page(context, server, navigation):
    page = context.new_page()
    page.goto(server)
    hrefs = page.eval_on_selector_all(
        "nav.md-nav--primary a.md-nav__link[href]", "links => links.map(a => a.href)"
    )
    page.close()
    linked = {urlsplit(href).path.lstrip("/") for href in hrefs if href.startswith(server)}
    assert linked == set(navigation)


# --- every page -------------------------------------------------------------------------


def test_page_loads_without_console_or_page_errors(seen):
    assert not seen.page_errors, f"{seen.url}: uncaught errors: {seen.page_errors}"
    assert not seen.console_errors, f"{seen.url}: console errors: {seen.console_errors}"
    assert not seen.failed, f"{seen.url}: failed requests: {seen.failed}"


def test_page_requests_nothing_from_another_host(seen):
    assert not seen.external, f"{seen.url}: requests to other hosts: {seen.external}"


def test_every_formula_on_the_page_is_typeset(seen):
    assert seen.math["arithmatex"] <= seen.expected_formulas
    problems = math_problems(seen.url, seen.expected_formulas, seen.math)
    assert not problems, "\n".join(problems)


def test_every_image_on_the_page_loads(seen):
    assert not seen.images["broken"], f"{seen.url}: images that did not load: {seen.images}"


def test_the_next_link_typesets_the_formulas_of_the_next_page(seen, page_path, navigation):
    if seen.next_page is None:
        assert page_path == navigation[-1], f"{seen.url} has no next link"
        return
    problems = math_problems(
        seen.next_page["url"], seen.next_page["expected"], seen.next_page["math"]
    )
    assert not problems, "after instant navigation:\n" + "\n".join(problems)


def test_dark_mode_switches_the_colour_scheme_and_stays_readable(seen):
    assert seen.light["scheme"] == "default"
    assert seen.dark["scheme"] == "slate"
    assert seen.light["background"] > 0.8, f"{seen.url}: light mode is not light"
    assert seen.dark["background"] < 0.05, f"{seen.url}: dark mode is not dark"
    for mode in (seen.light, seen.dark):
        assert mode["contrast"] >= 4.5, f"{seen.url}: prose contrast {mode} is below 4.5:1"


def test_axe_finds_no_serious_violation_in_light_mode(seen):
    assert not seen.axe_light, f"{seen.url}: {seen.axe_light}"


def test_axe_finds_no_serious_violation_in_dark_mode(seen):
    assert not seen.axe_dark, f"{seen.url}: {seen.axe_dark}"


# --- search -----------------------------------------------------------------------------


def test_searching_for_vectorization_lists_the_vectorization_lesson(context, server):
    page = context.new_page()
    page.goto(server)
    search = page.locator("input.md-search__input")
    search.click()
    # Material searches on key strokes (fill() alone leaves "Type to start searching").
    search.press_sequentially("vectorization", delay=20)
    results = page.locator(".md-search-result__item")
    with contextlib.suppress(Exception):  # the assertion below says what was listed
        results.first.wait_for(timeout=10_000)
    listed = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link",
        "links => links.map(a => [a.querySelector('h1, h2')?.textContent.trim(), a.href])",
    )
    page.close()
    assert any(
        title == "Vectorization" and urlsplit(href).path.endswith("/week-2/vectorization/")
        for title, href in listed
    ), f"the search for 'vectorization' listed {listed}"
