"""hooks/_unused_css.py: the notebook stylesheet cut down to what one page can use.

What it keeps must be what a browser could apply on that page, so each test pairs a rule
that must stay with one that must go, on a small page whose classes are known.
"""

from __future__ import annotations

import tinycss2

from by_path import load

css = load("hooks/_unused_css.py")

PAGE = '<div class="jp-Cell jp-CodeCell" id="intro"><pre class="output">x</pre></div>'


def selectors_of(text: str) -> list[str]:
    """Every rule's selector list in a stylesheet, nested ones too, in order."""
    found = []

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                found.append(tinycss2.serialize(rule.prelude).strip())
            elif rule.type == "at-rule" and rule.content is not None:
                walk(tinycss2.parse_rule_list(rule.content, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(text, skip_whitespace=True, skip_comments=True))
    return found


def test_the_page_tokens_are_its_classes_and_ids():
    assert css.page_tokens(PAGE) == {".jp-Cell", ".jp-CodeCell", "#intro", ".output"}


def test_only_whole_attribute_names_give_tokens_whatever_their_case_and_spacing():
    page = (
        "<p subclass=\"no\" data-myid='no' data-class=\"dashed\" CLASS = 'upper b'"
        ' Id="top">text</p>'
    )
    assert css.page_tokens(page) == {".dashed", ".upper", ".b", "#top"}


def test_a_selector_needs_its_classes_and_ids_but_not_what_is_inside_not_or_brackets():
    assert css.selector_needs(".jp-Cell > pre.output:hover") == {".jp-Cell", ".output"}
    assert css.selector_needs("#intro .x::before") == {"#intro", ".x"}
    assert css.selector_needs(".jp-Cell:not(.jp-mod-hidden)") == {".jp-Cell"}
    assert css.selector_needs('.jp-Cell[data-x=".absent"]') == {".jp-Cell"}
    assert css.selector_needs("body pre") == set()


def test_rules_stay_when_the_page_has_every_class_they_name():
    text = (
        ".jp-Cell { color: red }\n"
        ".jp-Cell.jp-mod-active { color: blue }\n"
        "pre { margin: 0 }\n"
        ".absent .jp-Cell { color: green }\n"
        ".jp-CodeCell:not(.absent) { color: black }\n"
    )
    assert selectors_of(css.unused_removed(text, PAGE)) == [
        ".jp-Cell",
        "pre",
        ".jp-CodeCell:not(.absent)",
    ]


def test_a_selector_list_keeps_only_the_selectors_that_can_match():
    text = ".absent, .jp-Cell > pre, :is(.a, .b) .output, .gone:hover { color: red }"
    kept = css.unused_removed(text, PAGE)
    assert selectors_of(kept) == [".jp-Cell > pre, :is(.a, .b) .output"]
    assert "color:red" in kept.replace(" ", "")


def test_media_blocks_are_cut_inside_and_go_when_empty_other_at_rules_stay():
    text = (
        "@media (max-width: 760px) { .jp-Cell { padding: 0 } .absent { padding: 1px } }\n"
        "@media print { .absent { display: none } }\n"
        "@keyframes spin { from { transform: rotate(0) } to { transform: rotate(1turn) } }\n"
        "@supports (display: grid) { #intro { display: grid } }\n"
        '@charset "UTF-8";\n'
    )
    kept = css.unused_removed(text, PAGE)
    assert "@media (max-width: 760px)" in kept
    assert "print" not in kept
    assert "@keyframes spin" in kept
    assert "@charset" not in kept  # it counts only at the start of a file
    assert "@supports (display: grid)" in kept
    assert selectors_of(kept) == [".jp-Cell", "from", "to", "#intro"]


def test_custom_properties_stay_only_when_something_kept_reads_them():
    text = (
        ":root { --used: 1px; --via: var(--deep); --deep: red; --unused: 2px;"
        " --read-by-gone-rule: 3px; --ours: 4px; --inline: 5px }\n"
        ".jp-Cell { margin: var(--used); color: var(--via) }\n"
        ".absent { margin: var(--read-by-gone-rule) }\n"
    )
    page = PAGE + '<p style="width: var(--inline)"></p>'
    kept = css.unused_removed(text, page, readers=".md-typeset { gap: var(--ours) }")
    for name in ("--used", "--via", "--deep", "--ours", "--inline"):
        assert f"{name}:" in kept, name
    for name in ("--unused", "--read-by-gone-rule"):
        assert f"{name}:" not in kept, name


def test_what_does_not_parse_is_dropped_and_important_is_kept():
    # mkdocs-jupyter's stylesheet ends with a Python list of CSS strings: no rule to a browser.
    text = ".jp-Cell { color: red !important }\n.output { gap: 0 }\n['pre { line-height: 1 }']"
    kept = css.unused_removed(text, PAGE)
    assert selectors_of(kept) == [".jp-Cell", ".output"]
    assert "!important" in kept
    assert "line-height" not in kept


def test_one_parse_cuts_for_many_pages():
    sheet = css.Stylesheet(".a { color: red } .b { color: blue }")
    assert selectors_of(sheet.for_page('<i class="a">')) == [".a"]
    assert selectors_of(sheet.for_page('<i class="b">')) == [".b"]
    assert sheet.for_page("<i>") == ""


def test_classes_the_scripts_add_count_as_in_the_page():
    text = ".jupyter-wrapper .md-typeset__scrollwrap { margin: 0 } .absent { margin: 1px }"
    page = '<div class="jupyter-wrapper"></div>'
    assert css.unused_removed(text, page) == ""
    kept = css.unused_removed(text, page, classes={".md-typeset__scrollwrap"})
    assert selectors_of(kept) == [".jupyter-wrapper .md-typeset__scrollwrap"]


def test_the_hook_keeps_each_cut_in_a_cache_keyed_on_the_page_classes(tmp_path):
    hook = load("hooks/notebook_pages.py")
    text = ".a { color: red } .b { color: blue }"
    used: set[str] = set()
    first = hook.cut_stylesheet(text, '<i class="a">', "", tmp_path, used)
    assert selectors_of(first) == [".a"]
    (entry,) = tmp_path.iterdir()
    assert used == {entry.name}
    # Same page again: the cached text is what comes back, so the CSS is not parsed again.
    entry.write_text("/* from the cache */\n")
    assert hook.cut_stylesheet(text, '<i class="a">', "", tmp_path, used) == (
        "/* from the cache */\n"
    )
    # Another class, or other readers of custom properties, is another entry.
    assert selectors_of(hook.cut_stylesheet(text, '<i class="b">', "", tmp_path, used)) == [".b"]
    hook.cut_stylesheet(text, '<i class="a">', ":root { x: var(--y) }", tmp_path, used)
    assert len(list(tmp_path.iterdir())) == len(used) == 3
