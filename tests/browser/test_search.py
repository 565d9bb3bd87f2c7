"""Search answers with lessons: the first result for a topic is prose, not a code listing."""

from __future__ import annotations

import contextlib

import pytest


def first_result(context, server, query: str) -> dict[str, object]:
    """The first item Material lists for ``query``: its title and what its previews hold."""
    page = context.new_page()
    page.goto(server)
    search = page.locator("input.md-search__input")
    search.click()
    # Material searches on key strokes (fill() alone leaves "Type to start searching").
    search.press_sequentially(query, delay=20)
    with contextlib.suppress(Exception):  # the assertions say what was listed
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    first = page.eval_on_selector(
        ".md-search-result__item",
        """item => ({
            title: item.querySelector('h1, h2')?.textContent.trim() ?? '',
            listings: item.querySelectorAll('pre').length,
            text: item.innerText,
        })""",
    )
    page.close()
    return first


@pytest.mark.parametrize("query", ["sigmoid", "broadcasting", "gradient descent", "numpy"])
def test_the_first_result_of_a_search_is_prose_not_a_code_listing(context, server, query):
    first = first_result(context, server, query)
    assert first["title"], f"the search for {query!r} listed nothing"
    assert first["listings"] == 0, (
        f"the first result for {query!r} previews code: {first['text'][:300]!r}"
    )
    for junk in ("Copied!", "In\u00a0[", "In ["):
        assert junk not in first["text"], f"the first result for {query!r} shows {junk!r}"
