"""MkDocs hook: the navigation's sections, as a screen reader meets them: each toggle a
named button that says whether its section is open, each list of pages a landmark named
by its place in the course.

Material opens and closes a section of the navigation with a ``<label>`` for a hidden
checkbox. The label takes the focus (``tabindex="0"``) and Material's script toggles it on
Enter, but to a screen reader it was text with no role and no name: in Chromium's
accessibility tree each of the 27 toggles of a lesson's navigation had an empty name. For
a section with an index page (a course, a week, its notebooks and exercises) the label
holds only the arrow beside the index page's link, and the section's ``<nav>`` takes its
name from that label, so the landmark had none either; a section without one, such as
each week's quiz, named its landmark "Quiz". axe's ``landmark-unique`` found landmarks
sharing a name on 89 of the 96 pages at 1280 px, and 192 of them on all 96 at 390 px,
where the phone's drawer holds every section.

``on_post_page`` gives each toggle ``role="button"``, ``aria-expanded`` (whether the
section is open as built) and, when it holds only the arrow, ``aria-label`` with the
section's title. A toggle with its title inside is named by it. Each section's ``<nav>`` is
named by where it is in the course, innermost first ("Quiz, Week 2, Neural Networks and
Deep Learning"): named after its toggle alone, every week would have a "Quiz" and both
courses a "Week 1". ``docs/javascripts/accessibility.js`` keeps ``aria-expanded`` in step
when a reader opens or closes a section, and opens it on Space too, as a button does.

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

# A toggle that takes the focus: Material's label for a section's checkbox, and what it
# holds (the section's title and an arrow, or beside an index page's link the arrow only).
TOGGLE = re.compile(
    r'(?P<tag><label class="md-nav__link[^"]*" for="(?P<id>__nav\w*)" id="(?P=id)_label"'
    r' tabindex="0")>(?P<inside>.*?)</label>',
    re.DOTALL,
)

# The title at the top of each section's list (shown on a phone, where a section slides in).
SECTION_TITLE = re.compile(
    r'<label class="md-nav__title" for="(?P<id>__nav\w*)">(?P<title>.*?)</label>', re.DOTALL
)

# A section's list of pages, which Material names after its toggle.
SECTION_NAV = re.compile(
    r'(<nav class="md-nav" data-md-level="\d+") aria-labelledby="(?P<id>__nav\w*)_label"'
)

TAG = re.compile(r"<[^>]+>")


def plain_text(markup: str) -> str:
    """The text of an HTML fragment, entities decoded and whitespace collapsed."""
    return " ".join(html.unescape(TAG.sub(" ", markup)).split())


def section_path(section: str, titles: dict[str, str]) -> str:
    """The titles of ``section`` and of the sections around it, innermost first:
    ``"Quiz, Week 2, Neural Networks and Deep Learning"`` for ``__nav_2_4_6``."""
    path = []
    while section.count("_") > 3:  # "__nav_2" is a section of the top level
        path.append(titles.get(section, ""))
        section = section.rsplit("_", 1)[0]
    path.append(titles.get(section, ""))
    return ", ".join(title for title in path if title)


def name_toggles(page_html: str) -> str:
    """``page_html`` with every focusable section toggle of the navigation made a named
    button that says whether its section is open, and every section's list of pages a
    landmark named by where it is in the course."""
    opened = {match["id"]: bool(match["checked"]) for match in CHECKBOX.finditer(page_html)}
    titles = {
        match["id"]: plain_text(match["title"]) for match in SECTION_TITLE.finditer(page_html)
    }

    def button(match: re.Match) -> str:
        section = match["id"]
        attributes = f' role="button" aria-expanded="{str(opened.get(section, False)).lower()}"'
        if not plain_text(match["inside"]) and titles.get(section):
            attributes += f' aria-label="{html.escape(titles[section])}"'
        return f"{match['tag']}{attributes}>{match['inside']}</label>"

    def landmark(match: re.Match) -> str:
        name = section_path(match["id"], titles)
        if not name:
            return match.group(0)
        return f'{match.group(1)} aria-label="{html.escape(name)}"'

    return SECTION_NAV.sub(landmark, TOGGLE.sub(button, page_html))


def on_post_page(output, page, config):
    return name_toggles(output)


def on_post_template(output_content, template_name, config):
    # 404.html, the one page of the site built from a template rather than a page
    return name_toggles(output_content) if template_name.endswith(".html") else output_content
