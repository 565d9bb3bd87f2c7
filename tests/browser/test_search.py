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


LESSON = "neural-networks-and-deep-learning/week-1/what-is-a-neural-network/"


def open_search_and_type(page, viewport: str, query: str) -> None:
    if viewport == "phone":  # the search field hides behind the header's search button
        page.locator('label.md-header__button[for="__search"]').click()
    else:
        page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_page_load_leaves_the_search_index_until_the_search_is_opened(fresh_context, viewport):
    context = fresh_context(viewport)
    page = context.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(context.traffic.origin + LESSON)
    page.wait_for_load_state("networkidle")
    indexes = [url for url in fetched if "search_index" in url]
    assert indexes == [], "the page load fetched the search index"

    open_search_and_type(page, viewport, "sigmoid")
    page.locator(".md-search-result__item").first.wait_for()
    indexes = [url for url in fetched if "search_index" in url]
    assert len(indexes) == 1, indexes

    # The result's page marks the words searched for (search.highlight needs the index).
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url("**?h=sigmoid*")
    page.locator("article mark[data-md-highlight]").first.wait_for()


def test_a_page_opened_from_a_search_address_marks_the_words(fresh_context):
    page = fresh_context("phone").new_page()
    page.goto(page.context.traffic.origin + LESSON + "?h=neuron")
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    assert {text.lower() for text in marks.all_inner_texts()} == {"neuron"}


# The search's Web Worker, which Material starts when it mounts the search.
WORKER = "/assets/javascripts/workers/search."
SEARCH_OPEN = "document.getElementById('__search').checked"
FIELD_FOCUSED = "document.activeElement?.matches('input.md-search__input') ?? false"


def test_a_page_load_leaves_the_search_unmounted_until_a_key_asks_for_it(fresh_context):
    """hooks/lazy_search_index.py and overrides/main.html: the search is mounted, and its
    worker started, the first time a reader turns to it; here with Material's key "/"."""
    context = fresh_context("desktop")
    page = context.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(context.traffic.origin + LESSON)
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if WORKER in url], "the page load started the worker"

    page.keyboard.press("/")
    page.wait_for_function(SEARCH_OPEN)
    assert page.evaluate(FIELD_FOCUSED), "the key opened the search without focusing its field"
    page.keyboard.type("sigmoid", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator("input.md-search__input").input_value() == "sigmoid"  # no "/" typed
    assert len([url for url in fetched if WORKER in url]) == 1


def test_a_key_typed_into_a_field_does_not_open_the_search(fresh_context):
    page = fresh_context("desktop").new_page()
    page.goto(page.context.traffic.origin + LESSON)
    field = "document.body.append(Object.assign(document.createElement('input'), {id: 'x'}))"
    page.evaluate(field)
    page.locator("#x").press_sequentially("s/f")
    assert page.locator("#x").input_value() == "s/f"
    assert not page.evaluate(SEARCH_OPEN)


def test_an_address_with_a_query_opens_the_search_with_its_results(fresh_context):
    page = fresh_context("phone").new_page()
    page.goto(page.context.traffic.origin + LESSON + "?q=sigmoid")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.evaluate(SEARCH_OPEN)
    assert page.locator("input.md-search__input").input_value() == "sigmoid"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_opening_the_search_focuses_its_field(fresh_context, viewport):
    page = fresh_context(viewport).new_page()
    page.goto(page.context.traffic.origin + LESSON)
    if viewport == "phone":
        page.locator('label.md-header__button[for="__search"]').click()
    else:
        page.locator("input.md-search__input").click()
    page.wait_for_function(SEARCH_OPEN)
    page.wait_for_function(FIELD_FOCUSED)
