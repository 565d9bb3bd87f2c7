"""hooks/load_restyles.py with overrides/main.html: once a page is parsed, its scripts
never make the browser work out the style of the whole page again.

Chromium's trace records each style recalculation with the number of elements it
restyled. Before the hook, the Performance page saw five such recalculations of every
element (or nearly) after Material's script started; the hook's changes are measured
there and on a notebook page, with the phone's viewport.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

PAGES = {
    "performance": "performance/",
    "notebook": "neural-networks-and-deep-learning/week-2/"
    "quick-tour-of-jupyter-ipython-notebooks/",
}
# Material's script, the first of the deferred scripts: it runs once the page is parsed.
BUNDLE = "/assets/javascripts/bundle."
CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline"


# Resolves once the page is parsed and a frame has been drawn after it: by then every
# element has been styled once.
PARSED_AND_DRAWN = """() => new Promise((resolve) => {
  const drawn = () => requestAnimationFrame(() => requestAnimationFrame(resolve));
  if (document.readyState !== "loading") drawn();
  else document.addEventListener("readystatechange", drawn, { once: true });
})"""


def trace_load(browser, url: str) -> tuple[list[dict], int]:
    """The trace events of loading ``url`` on a phone, and the page's number of elements.

    Material's script is held back until the page is parsed and drawn. A deferred script
    runs once parsing ends, and on a slow host the last part of the page may not have been
    styled by then: the first recalculation after the script started then styled those
    elements for the first time, which is no restyle of the page (1,350 of 2,189
    elements in one CI run). Held back, every recalculation after it is a restyle.
    """
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()

    def once_drawn(route):
        page.evaluate(PARSED_AND_DRAWN)
        route.continue_()

    page.route(f"**{BUNDLE}*", once_drawn)
    session = context.new_cdp_session(page)
    events: list[dict] = []
    ended = []
    session.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
    session.on("Tracing.tracingComplete", lambda _: ended.append(True))
    session.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
    page.goto(url, wait_until="load")
    # Material mounts its components and accessibility.js marks wide regions in the tasks
    # that follow the load event; both are done within a few frames.
    page.wait_for_timeout(1000)
    elements = page.evaluate("document.getElementsByTagName('*').length")
    session.send("Tracing.end")
    while not ended:
        page.wait_for_timeout(50)
    context.close()
    return events, elements


def restyles_after_parsing(events: list[dict]) -> list[int]:
    """How many elements each style recalculation restyled, from Material's script on."""
    starts = [
        event["ts"]
        for event in events
        if event.get("name") == "EvaluateScript"
        and BUNDLE in event.get("args", {}).get("data", {}).get("url", "")
    ]
    assert starts, "the trace has no evaluation of Material's script"
    return [
        event["args"].get("elementCount", 0)
        for event in events
        if event.get("name") == "UpdateLayoutTree"
        and event.get("ph") == "X"
        and event["ts"] >= min(starts)
    ]


@pytest.mark.parametrize("kind", PAGES)
def test_no_script_restyles_most_of_a_parsed_page(browser, server, kind):
    events, elements = trace_load(browser, urljoin(server, PAGES[kind]))
    restyled = restyles_after_parsing(events)
    assert restyled, "the trace recorded no style recalculation after Material's script ran"
    assert elements > 1000, f"the {kind} page has only {elements} elements: pick a longer one"
    widest = max(restyled)
    assert widest < elements / 2, (
        f"after parsing, a style recalculation restyled {widest} of the page's {elements} "
        f"elements (all of them: {sorted(restyled, reverse=True)[:8]}); see load_restyles.py"
    )


# What marking a wide region (accessibility.js's data-more) changes in its computed style.
MARKING_CHANGES = """() => {
  const styles = (element) => {
    const computed = getComputedStyle(element);
    const value = (name) => [name, computed.getPropertyValue(name)];
    return Object.fromEntries([...computed].map(value));
  };
  const regions = [...document.querySelectorAll(".md-typeset [data-more]")];
  const changed = new Set();
  for (const region of regions) {
    const value = region.getAttribute("data-more");
    const marked = styles(region);
    region.removeAttribute("data-more");
    const plain = styles(region);
    region.setAttribute("data-more", value);
    for (const name of new Set([...Object.keys(marked), ...Object.keys(plain)])) {
      if (marked[name] !== plain[name]) changed.add(name);
    }
  }
  return { regions: regions.length, changed: [...changed].sort() };
}"""
# Properties that no element inherits: a change to them restyles the region alone.
NOT_INHERITED = ("mask", "-webkit-mask", "scrollbar-width")


def test_marking_a_wide_region_changes_nothing_its_contents_inherit(phone_context, server):
    page = phone_context.new_page()
    page.goto(urljoin(server, PAGES["performance"]), wait_until="load")
    page.wait_for_function("document.querySelectorAll('.md-typeset [data-more]').length > 0")
    marking = page.evaluate(MARKING_CHANGES)
    page.close()
    assert marking["changed"], "marking a region changed nothing: is the fade gone?"
    inherited = [name for name in marking["changed"] if not name.startswith(NOT_INHERITED)]
    assert not inherited, (
        f"marking the {marking['regions']} wide regions changes {inherited}, which everything "
        "inside them inherits: the browser restyles all of it (see extra.css)"
    )


QUIZ = "neural-networks-and-deep-learning/week-1/quiz/"


def test_a_quiz_page_leaves_its_closed_answers_alone_while_it_loads(browser, server):
    events, elements = trace_load(browser, urljoin(server, QUIZ))
    restyled = restyles_after_parsing(events)
    # Measuring each formula of each closed answer restyled that answer, one after another:
    # 487 of the page's 1,318 elements in 12 recalculations, when the test was written.
    assert sum(restyled) < elements / 4, (
        f"after parsing, {sum(restyled)} of the quiz page's {elements} elements were "
        f"restyled, in {len(restyled)} recalculations: {sorted(restyled, reverse=True)[:8]}"
    )


def test_a_wide_formula_in_an_answer_gets_its_own_box_when_the_answer_opens(phone_context, server):
    page = phone_context.new_page()
    page.goto(urljoin(server, QUIZ), wait_until="load")
    # handles, not locators: once open, the answer no longer matches details:not([open])
    answer = page.locator("details:not([open])", has=page.locator("p mjx-container")).first
    answer = answer.element_handle()
    formula = answer.query_selector("p mjx-container:not([display='true'])")
    # as wide as no phone's column: the formula must scroll in a box of its own
    formula.evaluate("f => f.querySelector(':scope > svg').setAttribute('width', '2000px')")
    assert "formula-scrolls" not in (formula.get_attribute("class") or "")
    answer.query_selector(":scope > summary").click()
    page.wait_for_function("f => f.classList.contains('formula-scrolls')", arg=formula)
    page.close()
