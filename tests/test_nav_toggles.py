"""hooks/nav_toggles.py: each section toggle of the navigation is a named button with a state,
and each section a landmark with a name of its own.

What a reader's browser makes of it (the accessibility tree, Enter and Space): the browser
test in tests/browser/test_pages.py."""

from __future__ import annotations

import html
import re

from by_path import load

hook = load("hooks/nav_toggles.py")

# Material 9's markup for a section with an index page (open), and for one without (shut).
INDEXED_SECTION = """
<input class="md-nav__toggle md-toggle " type="checkbox" id="__nav_2_4" checked>
<div class="md-nav__link md-nav__container">
  <a href="./" class="md-nav__link ">
    <span class="md-ellipsis">
      Week 2: Tom &amp; Jerry&#39;s &quot;net&quot;
    </span>
  </a>
  <label class="md-nav__link " for="__nav_2_4" id="__nav_2_4_label" tabindex="0">
    <span class="md-nav__icon md-icon"></span>
  </label>
</div>
<nav class="md-nav" data-md-level="2" aria-labelledby="__nav_2_4_label" aria-expanded="true">
  <label class="md-nav__title" for="__nav_2_4">
    <span class="md-nav__icon md-icon"></span>
    Week 2: Tom &amp; Jerry&#39;s &quot;net&quot;
  </label>
"""
PLAIN_SECTION = """
<input class="md-nav__toggle md-toggle " type="checkbox" id="__nav_2_4_2" >
<label class="md-nav__link" for="__nav_2_4_2" id="__nav_2_4_2_label" tabindex="0">
  <span class="md-ellipsis">Quiz</span>
  <span class="md-nav__icon md-icon"></span>
</label>
<nav class="md-nav" data-md-level="3" aria-labelledby="__nav_2_4_2_label" aria-expanded="false">
  <label class="md-nav__title" for="__nav_2_4_2">
    <span class="md-nav__icon md-icon"></span>
    Quiz
  </label>
"""
COURSE = """
<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label" aria-expanded="true">
  <label class="md-nav__title" for="__nav_2">Course 1</label>
"""
# navigation.sections makes a top section a heading that takes no focus: not a toggle
SECTION_HEADING = (
    '<input class="md-nav__toggle md-toggle " type="checkbox" id="__nav_3" checked>'
    '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="">Course 2</label>'
)

LABEL = re.compile(r"<label class=\"md-nav__link[^>]*>")
# a section's landmark (not the table of contents, which Material draws twice: in the
# drawer on a phone, and beside the page on a desktop, the other one hidden)
NAV_NAME = re.compile(r'<nav class="md-nav" data-md-level="\d+" aria-label="([^"]*)"')
TOGGLE_IN_PAGE = re.compile(
    r'(<label class="md-nav__link[^"]*" for="__nav\w*"[^>]*tabindex="0"[^>]*>)(.*?)</label>',
    re.DOTALL,
)


def labels(markup: str) -> list[str]:
    return LABEL.findall(hook.name_toggles(markup))


def test_a_toggle_beside_an_index_page_is_named_after_the_page_and_says_it_is_open():
    (label,) = labels(INDEXED_SECTION)
    assert 'role="button"' in label
    assert 'aria-expanded="true"' in label
    name = re.search(r'aria-label="([^"]*)"', label).group(1)
    assert html.unescape(name) == 'Week 2: Tom & Jerry\'s "net"'


def test_a_toggle_with_its_title_inside_is_named_by_it_and_says_it_is_shut():
    (label,) = labels(PLAIN_SECTION)
    assert 'role="button"' in label
    assert 'aria-expanded="false"' in label
    assert "aria-label" not in label  # its text names it


def test_each_toggle_gets_its_own_sections_state_and_title():
    plain, indexed = labels(PLAIN_SECTION + INDEXED_SECTION)
    assert 'aria-expanded="false"' in plain
    assert 'aria-expanded="true"' in indexed
    assert "aria-label" not in plain
    assert 'aria-label="Week 2:' in indexed


def test_each_sections_landmark_is_named_by_where_it_is_innermost_first():
    marked = hook.name_toggles(COURSE + INDEXED_SECTION + PLAIN_SECTION)
    names = [html.unescape(name) for name in NAV_NAME.findall(marked)]
    week = 'Week 2: Tom & Jerry\'s "net"'
    assert names == ["Course 1", f"{week}, Course 1", f"Quiz, {week}, Course 1"]
    assert "aria-labelledby" not in marked


def test_a_label_that_takes_no_focus_is_left_as_it_is():
    assert hook.name_toggles(SECTION_HEADING) == SECTION_HEADING


def test_every_focusable_toggle_of_the_built_site_is_a_named_button(built_site):
    pages = [*built_site.rglob("index.html"), built_site / "404.html"]
    toggles = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for match in TOGGLE_IN_PAGE.finditer(text):
            label, inside = match.groups()
            toggles += 1
            assert 'role="button"' in label, f"{page}: {label}"
            assert "aria-expanded=" in label, f"{page}: {label}"
            named = re.search(r'aria-label="[^"]+"', label) or hook.plain_text(inside)
            assert named, f"{page}: a toggle with no name: {label}"
    assert toggles >= 20 * len(pages)  # the course's sections, on every page


def test_no_two_landmarks_of_a_built_page_share_a_name(built_site):
    for page in [*built_site.rglob("index.html"), built_site / "404.html"]:
        text = page.read_text(encoding="utf-8")
        names = NAV_NAME.findall(text)
        assert len(names) > 20, f"{page}: {len(names)} named sections"
        repeated = sorted({name for name in names if names.count(name) > 1})
        assert not repeated, f"{page}: landmarks sharing a name: {repeated}"
        assert 'aria-labelledby="__nav' not in text, f"{page}: a section named by its toggle"
