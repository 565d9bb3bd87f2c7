"""The weekly quizzes, answered in Chromium at desktop and phone width.

On every quiz page of the nav, the first question is answered right with the keyboard
only (arrow keys in the radio group or typing the number, Tab to "Check", Enter) and the
second is answered wrong with the mouse (or a tap). The right answers come from the page's
source (its front matter, read with the hook's own parser), not from the built HTML, so a
page that marks the wrong option as right fails here. Each time the feedback box, an
aria-live region, must say "Right." or "Not quite.", show the answer when wrong, and give
the question's reason.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from by_path import load

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


quiz_hook = load("hooks/quiz.py", name="quiz_hook")
_site_pages = load("tools/site_pages.py")
nav_sources, site_path = _site_pages.nav_sources, _site_pages.site_path
QUIZ_SOURCES = [source for source in nav_sources() if source.endswith("/quiz.md")]


def questions_of(source: str):
    text = (ROOT / "docs" / source).read_text(encoding="utf-8")
    front = text.split("---\n", 2)[1]
    return quiz_hook.parse_quiz(yaml.safe_load(front)["quiz"], source)


def wrong_number(question) -> str:
    return quiz_hook.format_number(question.number + 1 + 10 * question.tolerance)


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(params=["desktop", "phone"])
def browser_context(request, context, phone_context):
    return context if request.param == "desktop" else phone_context


def open_quiz(browser_context, server, source):
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(urljoin(server, site_path(source)), wait_until="load")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.quiz-check')].every((b) => !b.hidden)"
    )
    return page, errors


def feedback_of(page, index: int) -> dict:
    return page.evaluate(
        """(index) => {
          const question = document.getElementById(`quiz-${index}`);
          const box = question.querySelector(".quiz-feedback");
          return {
            live: box.getAttribute("aria-live"),
            text: box.innerText,
            reason: question.querySelector(".quiz-answer .quiz-reason").textContent,
            given: box.querySelector(".quiz-reason")?.textContent ?? "",
            shown: box.getBoundingClientRect().height > 0,
            classes: box.className,
          };
        }""",
        index,
    )


def answer_right_with_keyboard(page, question, index: int) -> None:
    fieldset = page.locator(f"#quiz-{index}")
    if question.number is not None:
        field = fieldset.locator('input[type="number"]')
        field.focus()
        page.keyboard.type(quiz_hook.format_number(question.number))
    else:
        right = [right for _, right in question.options].index(True)
        fieldset.locator('input[type="radio"]').first.focus()
        page.keyboard.press("Space")  # selects the focused (first) option
        for _ in range(right):
            page.keyboard.press("ArrowDown")  # moves the selection within the group
        checked = fieldset.locator('input[type="radio"]:checked').get_attribute("value")
        assert checked == str(right + 1), "the arrow keys did not move the selection"
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Check", f"Tab after the answer went to {focused!r}, not to Check"
    page.keyboard.press("Enter")


def answer_wrong_with_pointer(page, question, index: int) -> None:
    fieldset = page.locator(f"#quiz-{index}")
    if question.number is not None:
        fieldset.locator('input[type="number"]').fill(wrong_number(question))
    else:
        wrong = [right for _, right in question.options].index(False)
        fieldset.locator(".quiz-option").nth(wrong).click()
    fieldset.locator(".quiz-check").click()


@pytest.mark.parametrize(
    "source", QUIZ_SOURCES, ids=["/".join(s.split("/")[:2]) for s in QUIZ_SOURCES]
)
def test_a_quiz_says_right_and_wrong_with_the_reason(browser_context, server, source):
    questions = questions_of(source)
    page, errors = open_quiz(browser_context, server, source)
    try:
        count = page.locator("fieldset.quiz-question").count()
        assert count == len(questions), (
            f"{count} questions on the page, {len(questions)} in source"
        )

        before = feedback_of(page, 1)
        assert before["live"] == "polite"
        assert before["text"].strip() == ""

        answer_right_with_keyboard(page, questions[0], 1)
        right = feedback_of(page, 1)
        assert right["shown"]
        assert right["text"].startswith("Right."), right["text"]
        assert "quiz-right" in right["classes"]
        assert words(right["given"]) == words(right["reason"])

        answer_wrong_with_pointer(page, questions[1], 2)
        wrong = feedback_of(page, 2)
        assert wrong["live"] == "polite"
        assert wrong["text"].startswith("Not quite."), wrong["text"]
        assert "quiz-wrong" in wrong["classes"]
        assert "Answer:" in wrong["text"]
        assert words(wrong["given"]) == words(wrong["reason"])

        # Checking with nothing chosen asks for an answer instead of judging.
        page.locator("#quiz-3 .quiz-check").click()
        assert feedback_of(page, 3)["text"].strip() in {
            "Choose an answer first.",
            "Type a number first.",
        }
        # Axe on the answered quiz: feedback shown, a Check button focused.
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => (await axe.run(".quiz", { resultTypes: ["violations"] })).violations
              .filter((v) => ["serious", "critical"].includes(v.impact))
              .map((v) => `${v.id}: ${v.nodes[0].target.join(" ")}`)"""
        )
        assert violations == []
        assert errors == []
    finally:
        page.close()


def test_without_javascript_the_answers_can_still_be_revealed(browser, server):
    source = QUIZ_SOURCES[0]
    # The first number question: its answer reads the same in the source and on the page.
    index, question = next(
        (i, q) for i, q in enumerate(questions_of(source), 1) if q.number is not None
    )
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(urljoin(server, site_path(source)), wait_until="load")
        fieldset = page.locator(f"#quiz-{index}")
        assert not fieldset.locator(".quiz-check").is_visible(), "a button that does nothing"
        solution = fieldset.locator(".quiz-solution")
        assert not solution.is_visible()
        fieldset.locator(".quiz-answer summary").click()
        assert solution.is_visible()
        assert (
            words(solution.inner_text()) == f"Answer: {quiz_hook.format_number(question.number)}"
        )
    finally:
        context.close()
