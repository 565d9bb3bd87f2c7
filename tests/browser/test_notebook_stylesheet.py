"""A notebook page looks the same with its cut-down stylesheet as with the plugin's whole one.

hooks/notebook_pages.py links each notebook page to the part of mkdocs-jupyter's stylesheet
that can match in it (hooks/_unused_css.py). The proof is in the browser: every element's
computed style, with the cut stylesheet and then with the whole one swapped in on the same
page, in both colour schemes. Custom properties are left out of the comparison: dropping
the ones nothing reads is the point.
"""

from __future__ import annotations

import re
from pathlib import Path

NOTEBOOK_CSS = re.compile(r'href="(?P<href>[^"]*assets/stylesheets/notebook\.[0-9a-f]+\.css)"')
CLASSES = re.compile(r'class="([^"]*)"')

# Every element's computed style (custom properties aside) and its pseudo-elements' main ones,
# below the header (the search results in the header fill in while the page is read), in
# each colour scheme. Kept in the page, and compared there: they are megabytes.
STYLES = """() => {
  const read = () => [...document.querySelectorAll('.md-container *')].map(element => {
    const style = getComputedStyle(element), seen = {};
    for (const name of style)
      if (!name.startsWith('--')) seen[name] = style.getPropertyValue(name);
    for (const pseudo of ['::before', '::after', '::marker']) {
      const p = getComputedStyle(element, pseudo);
      seen[pseudo] = [p.content, p.display, p.color, p.backgroundColor, p.width].join('|');
    }
    return [element.tagName, element.getAttribute('class') || '', seen];
  });
  const styles = {};
  for (const scheme of ['default', 'slate']) {
    document.body.setAttribute('data-md-color-scheme', scheme);
    styles[scheme] = read();
  }
  return styles;
}"""
SNAPSHOT = f"""() => {{
  window.stylesBefore = ({STYLES})();
  return window.stylesBefore.default.length;
}}"""
# What differs now from the snapshot, as "scheme <tag classes>: properties".
DIFFERENCES = f"""() => {{
  const now = ({STYLES})(), found = [];
  for (const scheme of ['default', 'slate']) {{
    const before = window.stylesBefore[scheme];
    if (before.length !== now[scheme].length) {{
      found.push(`${{scheme}}: ${{before.length}} elements before, ${{now[scheme].length}} after`);
      continue;
    }}
    now[scheme].forEach(([tag, classes, style], i) => {{
      const changed = Object.keys(style).filter(name => style[name] !== before[i][2][name]);
      if (changed.length)
        found.push(`${{scheme}} <${{tag}} ${{classes}}>: ${{changed.slice(0, 6)}}`);
    }});
  }}
  return found;
}}"""

# Load the stylesheet at `href` and only then drop the page's notebook stylesheet.
SWAP = """async href => {
  const old = document.querySelector('link[href*="assets/stylesheets/notebook."]');
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  await new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = () => reject(new Error('could not load ' + href));
    old.after(link);
  });
  old.remove();
}"""


def richest_notebook_page(site: Path) -> tuple[Path, str]:
    """The notebook page with the most distinct classes, and the stylesheet it links.

    Of those, one with a table (Material's script wraps tables in classes of its own), and
    the smallest: every element's style is read four times.
    """
    pages = []
    for page in site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        link = NOTEBOOK_CSS.search(text)
        if link is not None:
            classes = {name for value in CLASSES.findall(text) for name in value.split()}
            pages.append((len(classes), "<table" in text, -len(text), page, link["href"]))
    assert pages, "no built page links a notebook stylesheet"
    *_, page, href = max(pages)
    return page, href


def test_the_cut_stylesheet_styles_every_element_as_the_whole_one(
    built_site, server, phone_context
):
    page_file, href = richest_notebook_page(built_site)
    linked = (page_file.parent / href).resolve()
    whole = max(
        (built_site / "assets/stylesheets").glob("notebook.*.css"), key=lambda p: p.stat().st_size
    )
    assert linked != whole, f"{page_file} links the whole notebook stylesheet"
    assert linked.stat().st_size < whole.stat().st_size / 4, (
        f"{linked.name} ({linked.stat().st_size} bytes) is not much smaller than "
        f"{whole.name} ({whole.stat().st_size} bytes)"
    )

    path = page_file.parent.relative_to(built_site).as_posix() + "/"
    page = phone_context.new_page()
    try:
        page.goto(server + path)
        page.wait_for_load_state("load")
        elements = page.evaluate(SNAPSHOT)
        page.evaluate(SWAP, server + whole.relative_to(built_site).as_posix())
        differences = page.evaluate(DIFFERENCES)
    finally:
        page.close()

    assert elements > 1000, f"{path}: only {elements} elements"
    assert not differences, (
        f"{path}: elements styled differently with {linked.name} than with {whole.name} "
        "(light and dark scheme):\n" + "\n".join(differences[:20])
    )
