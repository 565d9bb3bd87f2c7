"""Every page of the navigation, as a reader's Chromium shows it.

Each page is visited once (``visit`` below) and what the browser saw is recorded; the tests
then assert one property each, so that a failure names the page and the property. With
``SCREENSHOTS=1``, screenshots of each page, light and dark, desktop and phone, go to
tests/browser/screenshots/ (ignored by git), for a person to look at: no test reads them.
"""

from __future__ import annotations

import contextlib
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import accessibility_tree as ax

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# Off by default: the two full-page screenshots of each page made up a large part of the
# suite's time, and no assertion depends on them.
TAKE_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"
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

# The rules whose verdict can change with the colour scheme: the colours themselves, and
# the alt text of figures, which each scheme draws in its own image. In dark mode axe runs
# only these (every other rule reads the same DOM in both schemes, and it is the slowest
# part of a visit).
RULES_THAT_SEE_COLOURS = [
    "color-contrast",
    "link-in-text-block",
    "image-alt",
    "svg-img-alt",
    "role-img-alt",
]

AXE_RUN = """async ([severe, rules]) => {
  const options = { resultTypes: ["violations"] };
  if (rules) options.runOnly = { type: "rule", values: rules };
  const results = await axe.run(document, options);
  return results.violations
    .filter((v) => severe.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
}"""

# How a page is laid out on the screen it is read on (desktop or phone): every formula at
# its natural size and reachable, nothing wider than the screen except inside a box that
# scrolls, and every such box showing that it scrolls. Hidden tabs and closed <details>
# are shown while measuring, as in MATH.
LAYOUT = """async () => {
  const closed = [...document.querySelectorAll("details:not([open])")];
  closed.forEach((details) => (details.open = true));
  const reveal = document.createElement("style");
  reveal.textContent = ".tabbed-block { display: block !important; }";
  document.head.append(reveal);
  await document.fonts.ready;
  // Let the page react to what was revealed (accessibility.js marks regions on resize).
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const width = document.documentElement.clientWidth;
  const scrolls = (node) => /auto|scroll/.test(getComputedStyle(node).overflowX);
  const inView = (box) => box.left >= -1 && box.right <= width + 1;
  // In view, or inside a box in view that scrolls sideways (a reader can scroll to it).
  const visible = (node, box) => {
    if (inView(box)) return true;
    for (let n = node.parentElement; n && n !== document.body; n = n.parentElement) {
      if (scrolls(n) && inView(n.getBoundingClientRect())) return true;
    }
    return false;
  };
  const label = (node) =>
    (node.closest(".arithmatex, td, p, li") || node.parentElement || node).textContent
      .trim()
      .replace(/\\s+/g, " ")
      .slice(0, 60);

  const formulas = [];
  for (const drawing of document.querySelectorAll("mjx-container > svg")) {
    const box = drawing.getBoundingClientRect();
    const natural = drawing.width.baseVal.value;
    const problems = [];
    if (box.width < 4 || box.height < 4) {
      problems.push(`drawn ${box.width.toFixed(1)} x ${box.height.toFixed(1)} px`);
    } else if (box.width < 0.9 * natural) {
      problems.push(`shrunk to ${Math.round((100 * box.width) / natural)}% of its size`);
    }
    if (!visible(drawing, box)) problems.push("cut off at the edge of the screen");
    if (problems.length) formulas.push(`${label(drawing)}: ${problems.join(", ")}`);
  }

  // Anything in the page's column that reaches past the right edge of the screen, other
  // than inside a box that scrolls: the page would scroll sideways (or, under Material's
  // overflow-x: hidden, be cut off).
  const sticking = [];
  const column = ":is(.md-content, .md-footer) *:not(svg *, mjx-assistive-mml *)";
  for (const node of document.querySelectorAll(column)) {
    const box = node.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1 && !visible(node, box)) {
      sticking.push(`<${node.tagName.toLowerCase()} class="${node.className}"> ${label(node)}`);
    }
  }
  const pageWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);

  // Boxes of the content that scroll sideways: each must take the focus (keyboard users
  // scroll it with the arrow keys), be named for a screen reader, and show that it hides
  // more (a faded edge).
  const hiding = [];
  for (const node of document.querySelectorAll(".md-content *:not(svg *)")) {
    if (!scrolls(node) || node.scrollWidth <= node.clientWidth + 1) continue;
    if (node.closest("[hidden]") || node.getBoundingClientRect().width === 0) continue;
    const problems = [];
    // (Where nothing can hover, a touch screen, Material leaves code blocks out of the tab
    // order, and so does this check: the finger scrolls them.)
    if (node.tabIndex < 0 && matchMedia("(hover)").matches) problems.push("cannot take the focus");
    if (getComputedStyle(node).maskImage === "none") problems.push("no faded edge");
    // what a screen reader says when the focus reaches it (a row of tabs and an inline
    // formula have roles of their own)
    if (node.tabIndex >= 0 && !node.matches(".tabbed-labels, mjx-container")) {
      if (node.getAttribute("role") !== "group" || !node.getAttribute("aria-label")) {
        problems.push("no name");
      }
    }
    if (problems.length) {
      const tag = `<${node.tagName.toLowerCase()} class="${node.className}">`;
      hiding.push(`${tag} ${label(node)}: ${problems.join(", ")}`);
    }
  }
  // Headings whose permalink (the hidden ¶) sits below the heading's last line of text:
  // a blank line under the heading, holding only a link nobody sees.
  const lonePermalinks = [];
  for (const link of document.querySelectorAll(".md-typeset .headerlink")) {
    const heading = link.parentElement;
    if (!link.getClientRects().length) continue;
    const text = document.createRange();
    text.setStart(heading, 0);
    text.setEndBefore(link);
    const lines = [...text.getClientRects()].filter((box) => box.width > 0);
    if (!lines.length) continue;
    const lastLine = Math.max(...lines.map((box) => box.bottom));
    if (link.getBoundingClientRect().top >= lastLine - 2) {
      lonePermalinks.push(`<${heading.tagName.toLowerCase()}> ${heading.textContent.trim()}`);
    }
  }
  reveal.remove();
  closed.forEach((details) => (details.open = false));
  return {
    width, pageWidth, formulas, sticking: sticking.slice(0, 8), hiding, lonePermalinks,
  };
}"""

# Every figure of the page as the current colour scheme shows it: its smallest text in CSS
# pixels as drawn on this screen, its brightness over the page's background, its alt
# text, and the link a tap follows. An SVG's text is measured in a copy drawn at the
# image's size; a PNG from coursecode.presentation.notebook_display carries the size of its
# smallest text at full size (data-text-px). Inline SVG drawings (not formulas) are
# measured directly.
FIGURES = """async () => {
  const page = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  const textSizes = (svg) =>
    [...svg.querySelectorAll("text")]
      .filter((text) => text.textContent.trim())
      .map((text) => {
        const matrix = text.getScreenCTM();
        return parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b);
      });
  const figures = [];
  for (const image of document.querySelectorAll(".md-content img")) {
    const box = image.getBoundingClientRect();
    if (box.width === 0) continue; // the other scheme's rendering
    image.loading = "eager";
    try {
      await image.decode();
    } catch (error) {}
    const figure = {
      src: image.currentSrc.startsWith("data:")
        ? "an image inside the page"
        : image.currentSrc.split("/").slice(-2).join("/"),
      alt: image.alt.trim(),
      width: Math.round(box.width),
      link: image.closest("a[href]")?.href ?? null,
      text: null,
      luminance: null,
    };
    if (/\\.svg(#|$)/.test(image.currentSrc)) {
      const source = await (await fetch(image.currentSrc)).text();
      const svg = new DOMParser().parseFromString(source, "image/svg+xml").documentElement;
      svg.setAttribute("width", box.width);
      svg.setAttribute("height", box.height);
      const holder = document.createElement("div");
      holder.style.cssText = "position: absolute; left: 0; top: 0; visibility: hidden";
      holder.append(svg);
      document.body.append(holder);
      const sizes = textSizes(svg);
      holder.remove();
      figure.text = sizes.length ? Math.min(...sizes) : null;
    } else if (image.dataset.textPx) {
      const full = Number(image.getAttribute("width")) || image.naturalWidth;
      figure.text = (Number(image.dataset.textPx) * box.width) / full;
    }
    // Brightness: the image drawn small, over the page's background colour.
    const canvas = document.createElement("canvas");
    canvas.width = 64;
    canvas.height = Math.max(1, Math.round((64 * box.height) / box.width));
    const context = canvas.getContext("2d");
    context.fillStyle = `rgb(${page[0]}, ${page[1]}, ${page[2]})`;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      sum += luminance([pixels[i], pixels[i + 1], pixels[i + 2]]);
    }
    figure.luminance = sum / (pixels.length / 4);
    figures.push(figure);
  }
  for (const svg of document.querySelectorAll(".md-content svg:not(mjx-container svg, svg svg)")) {
    const sizes = textSizes(svg);
    if (!sizes.length || svg.getBoundingClientRect().width === 0) continue;
    const name = svg.getAttribute("aria-label") || svg.querySelector("title")?.textContent || "";
    figures.push({
      src: "inline svg: " + (name || svg.textContent).trim().slice(0, 40),
      alt: name.trim(),
      width: Math.round(svg.getBoundingClientRect().width),
      link: "inline",
      text: Math.min(...sizes),
      luminance: null,
    });
  }
  const scheme = document.body.getAttribute("data-md-color-scheme");
  return { scheme, page: luminance(page), figures };
}"""

# Notebook pages on the screen they are read on: how much of the column the code cells
# get, output lines that the browser broke in two, and copy buttons lying over code.
NOTEBOOK = """() => {
  const column = document.querySelector(".md-content__inner").getBoundingClientRect().width;
  const cells = [...document.querySelectorAll(".jupyter-wrapper .jp-CodeCell .jp-InputArea")];
  const narrowest = Math.min(...cells.map((cell) => cell.getBoundingClientRect().width));
  const lines = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  };
  const broken = [...document.querySelectorAll(".jupyter-wrapper .jp-OutputArea-output pre")]
    .filter((pre) => lines(pre) > pre.textContent.replace(/\\n$/, "").split("\\n").length)
    .map((pre) => pre.textContent.slice(0, 60));
  const covered = [];
  for (const nav of document.querySelectorAll(".md-content pre > .md-code__nav")) {
    const code = nav.parentElement.querySelector(":scope > code");
    const button = nav.getBoundingClientRect();
    if (!code || button.width === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(code);
    const first = [...range.getClientRects()].filter((r) => r.width > 0)[0];
    const box = code.getBoundingClientRect();
    const right = Math.min(first?.right ?? 0, box.right);
    if (first && first.top < button.bottom && first.bottom > button.top && right > button.left) {
      covered.push(code.textContent.split("\\n")[0].slice(0, 60));
    }
  }
  const boxes = [...document.querySelectorAll(".md-content .admonition > .admonition-title")].map(
    (title) => [title.parentElement.classList[1], title.textContent.trim()],
  );
  return { column, narrowest, cells: cells.length, broken, covered, boxes };
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
    layout: dict = field(default_factory=dict)
    figures_light: dict = field(default_factory=dict)
    figures_dark: dict = field(default_factory=dict)
    notebook: dict | None = None
    next_page: dict | None = None
    crash: str | None = None  # the visit stopped early: every check reports this


def save_screenshot(page, name: str, *, full_page: bool = False) -> None:
    if TAKE_SCREENSHOTS:
        page.screenshot(path=SCREENSHOTS / name, full_page=full_page)


def screenshot_name(path: str) -> str:
    return (path.strip("/").replace("/", "__") or "home") + ".png"


def run_axe(page, rules: list[str] | None = None) -> list:
    """axe-core's serious and critical violations on the page: every rule, or ``rules``."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN, [list(SEVERE), rules])


def click_dark_mode_toggle(page) -> None:
    """Playwright's click on the palette toggle, as a reader's pointer makes it."""
    page.locator('label[title="Switch to dark mode"]').click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")


# A click from inside the page, after the checks Playwright's click makes first: the
# element is scrolled into view, and nothing covers its centre. Playwright's click also
# waits for the element to hold still over two frames: switching to dark mode took 0.37 s
# (phone) and 0.39 s (desktop) that way on 22 pages, and 0.11 s this way, in one
# interleaved run. Each visit makes one or two such clicks.
CLICK = """(selector) => {
  const target = document.querySelector(selector);
  if (!target) throw new Error(`nothing on the page matches ${selector}`);
  target.scrollIntoView({ block: "nearest" });
  const box = target.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  if (!(box.width > 0 && box.height > 0 && hit && target.contains(hit))) {
    const over = hit ? hit.tagName.toLowerCase() : "nothing";
    throw new Error(`${selector} cannot be clicked (${box.width} x ${box.height} px, ` +
      `${over} at its centre)`);
  }
  target.click();
}"""


def click(page, selector: str) -> None:
    page.evaluate(CLICK, selector)


def switch_to_dark_mode(page) -> None:
    click(page, 'label[title="Switch to dark mode"]')
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")


def mount_every_code_block(page) -> None:
    """Material gives a code block its copy button when the block first comes into view
    (``content.lazy``): show the whole page at once, in a window as tall as the page and as
    wide as before, until every block has its button."""
    size = page.viewport_size
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": height})
    page.wait_for_function(
        """() => document.querySelectorAll('.md-content pre > code').length ===
                 document.querySelectorAll('.md-content pre > .md-code__nav').length"""
    )
    page.set_viewport_size(size)


def read_layout(page, visit: Visit, path: str) -> None:
    """The layout, the figures (light scheme) and, on a notebook page, its cells."""
    visit.layout = page.evaluate(LAYOUT)
    visit.figures_light = page.evaluate(FIGURES)
    if page.locator(".jupyter-wrapper").count():
        mount_every_code_block(page)
        visit.notebook = page.evaluate(NOTEBOOK)


class Tab:
    """One tab of a browser context, reused by every visit made in it.

    A new page for each visit made the suite slower: week 3's page tests took 75.5 s that
    way and 55.8 s with one tab per context, run back to back. Each visit loads its page
    afresh with ``goto`` and clears the site's storage when it ends; after a visit that
    stopped early the tab is closed, and the next visit opens a new one.
    """

    def __init__(self, context) -> None:
        self.context = context
        self.page = None
        self.visit: Visit | None = None

    def _record_console(self, message) -> None:
        if self.visit is not None and message.type == "error":
            self.visit.console_errors.append(message.text)

    def _record_error(self, error) -> None:
        if self.visit is not None:
            self.visit.page_errors.append(str(error))

    def open(self, visit: Visit):
        """The tab, recording its console errors and page errors into ``visit``."""
        if self.page is None or self.page.is_closed():
            self.page = self.context.new_page()
            self.page.on("console", self._record_console)
            self.page.on("pageerror", self._record_error)
        self.visit = visit
        self.context.traffic.reset()
        return self.page

    def close(self, visit: Visit) -> None:
        """End ``visit``: clear what the site stored, and record its traffic."""
        try:
            self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        except Exception as error:
            visit.crash = visit.crash or f"{type(error).__name__}: {error}"
        self.visit = None
        if visit.crash is not None:
            self.page.close()
            self.page = None
        visit.external = list(self.context.traffic.external)
        visit.failed = list(self.context.traffic.failed)


def record_phone_visit(tab: Tab, server, path) -> Visit:
    """The page on a phone: layout, figures and notebook cells, light then dark.

    Lighter than the desktop visit: no axe run (the colours are the same at both widths) and
    no following of the next link; a full-page screenshot in light mode, the first screen in dark.
    """
    visit = Visit(url=urljoin(server, path))
    page = tab.open(visit)
    try:
        page.goto(visit.url, wait_until="load")
        read_layout(page, visit, path)
        name = screenshot_name(path)
        save_screenshot(page, f"phone-light-{name}", full_page=True)
        switch_to_dark_mode(page)
        visit.figures_dark = page.evaluate(FIGURES)
        save_screenshot(page, f"phone-dark-{name}")
    except Exception as error:
        visit.crash = f"{type(error).__name__}: {error}"
    finally:
        tab.close(visit)
    return visit


def record_visit(tab: Tab, server, path, source_formulas) -> Visit:
    visit = Visit(url=urljoin(server, path))
    page = tab.open(visit)
    try:
        page.goto(visit.url, wait_until="load")
        visit.expected_formulas = source_formulas[path]
        visit.math = page.evaluate(MATH)
        visit.images = page.evaluate(IMAGES)
        read_layout(page, visit, path)
        save_screenshot(page, f"light-{screenshot_name(path)}", full_page=True)
        visit.light = page.evaluate(COLOURS)
        visit.axe_light = run_axe(page)

        switch_to_dark_mode(page)
        visit.dark = page.evaluate(COLOURS)
        visit.figures_dark = page.evaluate(FIGURES)
        visit.axe_dark = run_axe(page, RULES_THAT_SEE_COLOURS)
        save_screenshot(page, f"dark-{screenshot_name(path)}")

        # (Still in dark mode: the formulas do not depend on the scheme.)
        following = page.locator("a.md-footer__link--next")
        if following.count():
            target = urljoin(visit.url, following.get_attribute("href"))
            click(page, "a.md-footer__link--next")
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
        tab.close(visit)
    return visit


@pytest.fixture(scope="session")
def visits(context, server, source_formulas):
    seen: dict[str, Visit] = {}
    tab = Tab(context)

    def visit(path: str) -> Visit:
        if path not in seen:
            seen[path] = record_visit(tab, server, path, source_formulas)
        return seen[path]

    return visit


@pytest.fixture
def seen(visits, page_path) -> Visit:
    visit = visits(page_path)
    assert visit.crash is None, f"{visit.url}: the visit stopped early: {visit.crash}"
    return visit


@pytest.fixture(scope="session")
def phone_visits(phone_context, server):
    seen_on_phone: dict[str, Visit] = {}
    tab = Tab(phone_context)

    def visit(path: str) -> Visit:
        if path not in seen_on_phone:
            seen_on_phone[path] = record_phone_visit(tab, server, path)
        return seen_on_phone[path]

    return visit


@pytest.fixture(params=["desktop", "phone"])
def shown(request, visits, phone_visits, page_path) -> Visit:
    """The page as the desktop visit or the phone visit saw it (the test runs for both)."""
    visit = visits(page_path) if request.param == "desktop" else phone_visits(page_path)
    assert visit.crash is None, f"{visit.url}: the visit stopped early: {visit.crash}"
    return visit


@pytest.fixture
def on_phone(phone_visits, page_path) -> Visit:
    visit = phone_visits(page_path)
    assert visit.crash is None, f"{visit.url} (phone): the visit stopped early: {visit.crash}"
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


def test_the_navigations_section_toggles_are_named_buttons_that_say_if_open(context, server):
    """Each toggle (hooks/nav_toggles.py) is a button named after its section; Enter and
    Space open and close the section, and the button says which; every navigation landmark
    has a name."""
    page = context.new_page()
    try:
        page.goto(server + "neural-networks-and-deep-learning/week-2/")
        tree = ax.nodes(page)
        roles = [(ax.role(node), ax.name(node)) for node in tree]
        assert ("button", "Week 1") in roles  # beside its index page's link: named after it
        assert ("button", "Python and Vectorization") in roles  # named by its own text
        assert not [label for kind, label in roles if kind == "navigation" and not label.strip()]
        # a toggle that is not a button (Material's own)
        assert "LabelText" not in [ax.role(node) for node in tree if ax.focusable(node)]

        week_1 = page.get_by_role("button", name="Week 1", exact=True)
        assert week_1.get_attribute("aria-expanded") == "false"
        week_1.focus()
        states = []
        for key in ("Space", "Enter"):
            page.keyboard.press(key)
            opened = page.evaluate("() => document.getElementById('__nav_2_3').checked")
            states.append((key, opened, week_1.get_attribute("aria-expanded")))
        assert states == [("Space", True, "true"), ("Enter", False, "false")]
    finally:
        page.close()


# --- every page -------------------------------------------------------------------------


def test_page_loads_without_console_or_page_errors(seen):
    assert not seen.page_errors, f"{seen.url}: uncaught errors: {seen.page_errors}"
    assert not seen.console_errors, f"{seen.url}: console errors: {seen.console_errors}"
    assert not seen.failed, f"{seen.url}: failed requests: {seen.failed}"


def test_page_requests_nothing_from_another_host(seen):
    assert not seen.external, f"{seen.url}: requests to other hosts: {seen.external}"


def test_a_request_for_another_host_is_recorded_and_gets_no_answer(context, server):
    """The check above can fail: a page asking a CDN for a file is seen, and not served."""
    elsewhere = "https://cdn.example.com/mathjax/tex-svg.js"
    page = context.new_page()
    context.traffic.reset()
    failures = []
    page.on("requestfailed", lambda request: failures.append(request.url))
    try:
        page.goto(server)
        outcome = page.evaluate(
            """(url) => new Promise((done) => {
              const script = document.createElement("script");
              script.src = url;
              script.onload = () => done("loaded");
              script.onerror = () => done("failed");
              document.head.append(script);
            })""",
            elsewhere,
        )
    finally:
        page.close()
    assert context.traffic.external == [elsewhere]
    assert failures == [elsewhere]
    assert outcome == "failed"


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
    assert not problems, "after following the next link:\n" + "\n".join(problems)


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


# --- every page, on a desktop and on a phone ----------------------------------------------

# Figures: the smallest text a reader must read, in CSS pixels, and how far a figure's
# overall brightness may be from the page's (0 black, 1 white): a light slab on the dark
# page is about 0.8 away, a figure drawn for the page's scheme under 0.35.
MIN_FIGURE_TEXT_PX = 9.0
MAX_BRIGHTNESS_GAP = 0.35


def test_every_formula_keeps_its_size_and_can_be_reached(shown):
    problems = shown.layout["formulas"]
    assert not problems, f"{shown.url} at {shown.layout['width']} px:\n" + "\n".join(problems)


def test_the_page_does_not_scroll_sideways(shown):
    layout = shown.layout
    assert layout["pageWidth"] <= layout["width"], (
        f"{shown.url}: the page is {layout['pageWidth']} px wide on a {layout['width']} px screen"
    )
    assert not layout["sticking"], (
        f"{shown.url} at {layout['width']} px: wider than the screen: {layout['sticking']}"
    )


def test_what_scrolls_sideways_says_so_and_takes_the_focus(shown):
    problems = shown.layout["hiding"]
    assert not problems, f"{shown.url} at {shown.layout['width']} px:\n" + "\n".join(problems)


def test_no_heading_ends_in_a_line_holding_only_its_permalink(shown):
    lone = shown.layout["lonePermalinks"]
    assert not lone, f"{shown.url} at {shown.layout['width']} px, a line of its own for ¶:\n" + (
        "\n".join(lone)
    )


def test_every_figure_has_text_a_reader_can_read(shown):
    small = [
        f"{figure['src']} ({figure['width']} px wide, {scheme}): smallest text "
        + ("unknown" if figure["text"] is None else f"{figure['text']:.1f} px")
        for scheme, seen_figures in (("light", shown.figures_light), ("dark", shown.figures_dark))
        for figure in seen_figures["figures"]
        if figure["text"] is None or figure["text"] < MIN_FIGURE_TEXT_PX
    ]
    assert not small, f"{shown.url} at {shown.layout['width']} px:\n" + "\n".join(small)


def test_every_figure_is_drawn_for_the_colour_scheme_and_described(shown):
    problems = []
    for seen_figures in (shown.figures_light, shown.figures_dark):
        for figure in seen_figures["figures"]:
            if not figure["alt"]:
                problems.append(f"{figure['src']}: no alt text")
            gap = (
                None if figure["luminance"] is None else figure["luminance"] - seen_figures["page"]
            )
            if gap is not None and abs(gap) > MAX_BRIGHTNESS_GAP:
                problems.append(
                    f"{figure['src']} in the {seen_figures['scheme']} scheme: brightness "
                    f"{figure['luminance']:.2f} on a page of {seen_figures['page']:.2f}"
                )
    assert not problems, f"{shown.url}:\n" + "\n".join(problems)


def test_a_tap_on_a_figure_opens_it_full_size(on_phone):
    unlinked = [
        figure["src"]
        for seen_figures in (on_phone.figures_light, on_phone.figures_dark)
        for figure in seen_figures["figures"]
        if figure["link"] != "inline"
        and not (figure["link"] or "").split("#")[0].endswith((".png", ".svg", ".jpg"))
    ]
    assert not unlinked, f"{on_phone.url}: figures not linked to their image: {unlinked}"


# --- notebook pages ---------------------------------------------------------------------


def test_a_notebook_gives_its_code_the_whole_column_on_a_phone(on_phone):
    notebook = on_phone.notebook
    if notebook is None:
        return
    assert notebook["cells"], f"{on_phone.url}: no code cells found"
    assert notebook["narrowest"] >= 0.95 * notebook["column"], (
        f"{on_phone.url}: code cells {notebook['narrowest']:.0f} px wide in a "
        f"{notebook['column']:.0f} px column"
    )


def test_notebook_output_lines_are_not_broken_and_copy_buttons_cover_no_code(on_phone):
    notebook = on_phone.notebook
    if notebook is None:
        return
    assert not notebook["broken"], f"{on_phone.url}: output lines broken: {notebook['broken']}"
    assert not notebook["covered"], (
        f"{on_phone.url}: a copy button lies over the first line of: {notebook['covered']}"
    )


def test_a_notebook_has_the_boxes_of_a_lesson(seen):
    if seen.notebook is None:
        return
    boxes = seen.notebook["boxes"]
    assert ["abstract", "What you will learn"] in boxes, f"{seen.url}: boxes {boxes}"
    assert ["success", "Key takeaways"] in boxes, f"{seen.url}: boxes {boxes}"


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


def test_search_previews_show_formulas_as_text_not_tex(context, server):
    page = context.new_page()
    page.goto(server)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("sigmoid", delay=20)
    results = page.locator(".md-search-result__item")
    with contextlib.suppress(Exception):
        results.first.wait_for(timeout=10_000)
    previews = page.eval_on_selector_all(
        ".md-search-result__item", "items => items.slice(0, 10).map(i => i.textContent)"
    )
    page.close()
    assert previews, "the search for 'sigmoid' listed nothing"
    tex = [text[:120] for text in previews if re.search(r"\\[A-Za-z()\[\]]|\$", text)]
    assert not tex, f"previews with TeX source: {tex}"


# The search form fades its colours (0.25 s) unless the reader asked for reduced motion.
TRANSITION_OF_THE_SEARCH_FORM = (
    "getComputedStyle(document.querySelector('.md-search__form')).transitionDuration"
)
RECORD_PALETTE_SWITCH = f"""
window.__switch = {{duringLoad: [], atChange: null}};
new MutationObserver((records) => {{
  if (document.body.classList.contains("palette-switching"))
    window.__switch.duringLoad.push(records.length);
}}).observe(document, {{attributes: true, subtree: true, attributeFilter: ["class"]}});
document.addEventListener("change", () => {{  // bubbling: after palette.js's capture
  window.__switch.atChange = {TRANSITION_OF_THE_SEARCH_FORM};
}});
"""


def test_the_visits_dark_mode_switch_refuses_a_toggle_a_reader_could_not_click(
    phone_context, server
):
    """``click`` stands in for Playwright's click; it must fail where that would."""
    page = phone_context.new_page()
    try:
        page.goto(server)
        page.evaluate(
            """() => {
              const cover = document.createElement("div");
              cover.style.cssText = "position: fixed; inset: 0; z-index: 100000";
              document.body.append(cover);
            }"""
        )
        with pytest.raises(Exception, match=r"cannot be clicked \(.* div at its centre\)"):
            switch_to_dark_mode(page)
        scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    finally:
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        page.close()
    assert scheme == "default"


def test_switching_colours_runs_no_transition_and_loading_a_page_never_marks_it(browser, server):
    """javascripts/palette.js and hooks/palette_switch.py stand in for Material's rule."""
    # Not the shared contexts: they ask for reduced motion, where nothing transitions.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.add_init_script(RECORD_PALETTE_SWITCH)
    page.goto(server)
    page.wait_for_load_state("load")
    marked_during_load = page.evaluate("window.__switch.duringLoad")
    rules_on_materials_attribute = page.evaluate(
        """() => {
          const selectors = [];  // rules inside @media blocks too
          const walk = (rules) => {
            for (const rule of rules) {
              if (rule.selectorText) selectors.push(rule.selectorText);
              if (rule.cssRules) walk(rule.cssRules);
            }
          };
          for (const sheet of document.styleSheets) walk(sheet.cssRules);
          return selectors.filter((selector) => selector.includes("data-md-color-switching"));
        }"""
    )
    settled = page.evaluate(TRANSITION_OF_THE_SEARCH_FORM)
    click_dark_mode_toggle(page)
    during = page.evaluate("window.__switch.atChange")
    page.wait_for_function("!document.body.classList.contains('palette-switching')")
    after = page.evaluate(TRANSITION_OF_THE_SEARCH_FORM)
    context.close()
    assert marked_during_load == [], "a page load marked the body as switching colours"
    assert rules_on_materials_attribute == [], "Material's rule is back: see palette_switch.py"
    assert set(settled.split(", ")) != {"0s"}, settled
    assert during is not None, "the palette toggle sent no change event"
    assert set(during.split(", ")) == {"0s"}, f"transitions ran during the switch: {during}"
    assert after == settled
