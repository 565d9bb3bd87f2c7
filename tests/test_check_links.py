"""hooks/check_links.py: a link into the built site must land on a file and an anchor."""

from __future__ import annotations

from pathlib import Path

from by_path import load

check_links = load("hooks/check_links.py")


def write_site(site: Path) -> None:
    (site / "lesson").mkdir(parents=True)
    (site / "lesson" / "index.html").write_text('<h2 id="the-math">The math</h2>')
    (site / "index.html").write_text(
        '<a href="lesson/#the-math">ok</a>'
        '<a href="lesson/#no-such-anchor">bad anchor</a>'
        '<a href="notebooks/left-out/">left out on purpose</a>'
        '<a href="notebooks/missing/">missing</a>'
    )


def test_a_missing_page_or_anchor_is_named_with_the_page_that_links_to_it(tmp_path):
    write_site(tmp_path)
    problems = check_links.broken_links(tmp_path)
    assert problems == [
        "index.html: <a> 'lesson/#no-such-anchor': lesson/index.html has no anchor "
        "#no-such-anchor",
        "index.html: <a> 'notebooks/left-out/' points at nothing",
        "index.html: <a> 'notebooks/missing/' points at nothing",
    ]


def test_only_links_to_pages_the_build_excludes_on_purpose_are_let_through(tmp_path):
    write_site(tmp_path)
    problems = check_links.broken_links(tmp_path, excluded=frozenset({"notebooks/left-out"}))
    assert [problem.split(": ")[1] for problem in problems] == [
        "<a> 'lesson/#no-such-anchor'",
        "<a> 'notebooks/missing/' points at nothing",
    ]


def test_the_anchors_of_a_page_are_its_id_and_name_attributes_outside_scripts(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<a id="first" name="second"></a><span\nid=\'third\'></span><h2 id="caf&eacute;">'
        '<div data-id="a-data-attribute" grid="not-an-id" rename="nor-this">'
        "<script>const html = ' id=\"in-a-script\"';</script>"
        '<style>/* id="in-a-style" */</style><p>id="prose, not an attribute"</p>',
        encoding="utf-8",
    )
    assert check_links._Page(page).ids == {"first", "second", "third", "café"}
