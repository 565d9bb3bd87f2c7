"""MkDocs hook: the navigation's section toggles get a role, a name and a state.

Material opens and closes a section of the navigation with a ``<label>`` for a hidden
checkbox. The label takes the focus (``tabindex="0"``) and Material's script toggles it on
Enter, but to a screen reader it was text with no role and no name: in Chromium's
accessibility tree each of the 27 toggles of a lesson's navigation had an empty name. For
a section with an index page (a course, a week, its notebooks and exercises) the label
holds only the arrow beside the index page's link, and the section's ``<nav>`` takes its
name from that label, so the landmark had none either (axe's ``landmark-unique``, on 89
of the 96 pages).

``on_post_page`` gives each toggle ``role="button"``, ``aria-expanded`` (whether the
section is open as built) and, when it holds only the arrow, ``aria-label`` with the
section's title, the text of the index page's link beside it. A toggle with its title
inside is named by it. ``docs/javascripts/accessibility.js`` keeps ``aria-expanded`` in
step when a reader opens or closes a section, and opens it on Space too, as a button does.

axe-core calls a role on a ``<label>`` a minor fault (``aria-allowed-role``: HTML gives a
label no role). It stays a label because that is what opens the section without a script,
by its ``for``; Chromium exposes it as the button it says it is (tests/browser).
"""

from __future__ import annotations

import html
import re

# Material's checkbox of each section, checked when the section is open as built.
CHECKBOX = re.compile(
    r'<input class="md-nav__toggle md-toggle[^"]*" type="checkbox" id="(?P<id>__nav\w*)"'
    r"\s*(?P<checked>checked)?\s*>"
)

# A toggle that takes the focus: Material's label for a section's checkbox.
TOGGLE = re.compile(
    r'<label class="md-nav__link[^"]*" for="(?P<id>__nav\w*)" id="(?P=id)_label"'
    r' tabindex="0">'
)

# A section with an index page: its link, then the toggle that holds only the arrow.
INDEXED = re.compile(
    r'<div class="md-nav__link md-nav__container">\s*<a [^>]*>(?P<link>.*?)</a>\s*'
    r'<label class="md-nav__link[^"]*" for="(?P<id>__nav\w*)" id="(?P=id)_label"',
    re.DOTALL,
)

TAG = re.compile(r"<[^>]+>")


def plain_text(markup: str) -> str:
    """The text of an HTML fragment, entities decoded and whitespace collapsed."""
    return " ".join(html.unescape(TAG.sub(" ", markup)).split())


def name_toggles(page_html: str) -> str:
    """``page_html`` with every focusable section toggle of the navigation made a named
    button that says whether its section is open."""
    opened = {match["id"]: bool(match["checked"]) for match in CHECKBOX.finditer(page_html)}
    titles = {match["id"]: plain_text(match["link"]) for match in INDEXED.finditer(page_html)}

    def button(match: re.Match) -> str:
        section = match["id"]
        attributes = f' role="button" aria-expanded="{str(opened.get(section, False)).lower()}"'
        if section in titles:
            attributes += f' aria-label="{html.escape(titles[section])}"'
        return match.group(0)[:-1] + attributes + ">"

    return TOGGLE.sub(button, page_html)


def on_post_page(output, page, config):
    return name_toggles(output)


def on_post_template(output_content, template_name, config):
    # 404.html, the one page of the site built from a template rather than a page
    return name_toggles(output_content) if template_name.endswith(".html") else output_content
