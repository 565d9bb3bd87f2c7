"""extra.css lays out the MathML copy of each formula as plain inline text, not as MathML.

MathJax draws a formula as SVG and adds a copy in MathML for screen readers, clipped to
nothing on the screen. Chromium laid the copies out as MathML on every load, which on a
page of many formulas cost more than anything else it lays out; no reader sees that
layout. What a screen reader gets comes from the accessibility tree, which must be the
same either way: these tests compare it with the copies laid out as MathML.
"""

from __future__ import annotations

from urllib.parse import urljoin

import accessibility_tree as ax

# A lesson with many formulas (119 when this test was written).
PAGE = "neural-networks-and-deep-learning/week-3/backpropagation-intuition/"
COPIES = "mjx-assistive-mml math, mjx-assistive-mml math *"
# The browser's own display of MathML elements again, instead of extra.css's.
AS_MATHML = f"{COPIES} {{ display: revert !important; }}"
DISPLAYS = f"""() => [...new Set([...document.querySelectorAll("{COPIES}")]
  .map((element) => getComputedStyle(element).display))].sort()"""


def formulas_as_read(page) -> list[list[tuple[str, str]]]:
    """Each formula's MathML as the accessibility tree gives it to a screen reader: the role
    and name of every node under each MathML root that is not ignored, in document order."""
    nodes = ax.nodes(page)
    by_id = {node["nodeId"]: node for node in nodes}

    def walk(node) -> list[tuple[str, str]]:
        # An ignored node (an empty <mspace>, laid out as MathML) reaches no screen reader
        read = [] if node.get("ignored") else [(ax.role(node), ax.name(node))]
        for child in node.get("childIds", []):
            if child in by_id:
                read.extend(walk(by_id[child]))
        return read

    roots = [node for node in nodes if ax.role(node) == "MathMLMath" and not node.get("ignored")]
    return [walk(root) for root in roots]


def test_the_mathml_copies_are_laid_out_as_inline_text(phone_context, server):
    page = phone_context.new_page()
    page.goto(urljoin(server, PAGE), wait_until="load")
    displays = page.evaluate(DISPLAYS)
    page.close()
    assert displays == ["inline"], f"the MathML copies are displayed as {displays}"


def test_a_screen_reader_reads_the_same_formulas_as_from_mathml_laid_out(phone_context, server):
    page = phone_context.new_page()
    page.goto(urljoin(server, PAGE), wait_until="load")
    as_text = formulas_as_read(page)
    page.add_style_tag(content=AS_MATHML)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done)))")
    displays = page.evaluate(DISPLAYS)
    as_mathml = formulas_as_read(page)
    page.close()
    assert "inline" not in displays, f"the revert left the copies displayed as {displays}"
    assert len(as_text) > 100, f"the page has {len(as_text)} formulas: pick one with more"
    roles = {role for formula in as_text for role, _ in formula}
    assert {"MathMLFraction", "MathMLSup", "MathMLIdentifier"} <= roles, roles
    assert len(as_mathml) == len(as_text), (len(as_text), len(as_mathml))
    differ = [n for n, (a, b) in enumerate(zip(as_text, as_mathml, strict=True)) if a != b]
    assert not differ, (
        f"{len(differ)} of {len(as_text)} formulas read differently laid out as text, the "
        f"first: {as_text[differ[0]][:12]} against {as_mathml[differ[0]][:12]}"
    )
