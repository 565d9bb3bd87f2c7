"""MkDocs hook: a week's quiz, written as YAML in its page's front matter, built into HTML.

A quiz page holds its questions under ``quiz:`` in the front matter and a line
``<!-- quiz -->`` where they go. Each question is one of two kinds::

    quiz:
      - question: Which shape has $W^{[1]}$?          # inline Markdown, $...$ for math
        options:                                      # exactly one right, the rest wrong
          - wrong: $(n_x, n^{[1]})$
          - right: $(n^{[1]}, n_x)$
        reason: One row per unit of layer 1, ...      # Markdown, shown after answering
      - question: What is $\\sigma(0)$?
        number: 0.5                                   # a number to type
        tolerance: 0.001                              # optional, default 0
        reason: ...
        id: sigmoid-at-zero                           # optional: tests look questions up by it

Each question becomes a ``<fieldset>`` with a ``<legend>``: radio buttons with labels (one
group per question, so the arrow keys move within it) or a labelled number field, a
"Check" button, a feedback box with ``aria-live="polite"`` that docs/javascripts/quiz.js
fills with "Right" or "Not quite", the answer and its reason, and a ``<details>`` that
holds the answer and the reason, so the page works without JavaScript too (the button
stays hidden then). Nothing is fetched: the checking happens in the reader's browser.

The text is Markdown converted here with pymdownx.arithmatex, so formulas come out as the
``arithmatex`` elements that hooks/prerender_math.py typesets like any other on the page.
Links are not allowed in quiz text (this converter does not resolve MkDocs page links);
the page's own prose can link.

A malformed quiz fails the build, naming the page and the question.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import markdown
import yaml
from mkdocs.exceptions import PluginError

MARKER = "<!-- quiz -->"
QUESTION_KEYS = {"question", "options", "number", "tolerance", "reason", "id"}
BLOCK_TAG = re.compile(r"<(?:p|div|ul|ol|pre|table|blockquote|h\d)\b")
LINK = re.compile(r"<a\b")


@dataclass(frozen=True)
class Question:
    """One question of a quiz, as written (Markdown), checked for shape."""

    text: str
    reason: str
    options: tuple[tuple[str, bool], ...] = ()  # (text, is it the right one)
    number: float | None = None
    tolerance: float = 0.0
    id: str | None = None

    @property
    def answer(self) -> str:
        """The right answer as the page states it (Markdown)."""
        if self.number is not None:
            return format_number(self.number)
        return next(text for text, right in self.options if right)


class QuizError(ValueError):
    """A quiz block that cannot be built; the message names the page and the question."""


def format_number(value: float) -> str:
    """A number as the page shows it: integers without a decimal point."""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def letter(number: int) -> str:
    """The letter that names option ``number`` (from 1): a, b, c, ..."""
    return "abcdefghijklmnopqrstuvwxyz"[number - 1]


def _where(page: str, index: int, entry: object) -> str:
    label = f"{page}: quiz question {index}"
    if isinstance(entry, dict) and isinstance(entry.get("question"), str):
        words = " ".join(entry["question"].split())
        label += f" ({words[:50]}{'...' if len(words) > 50 else ''})"
    return label


def _text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise QuizError(f"{where}: '{key}' must be non-empty text, got {value!r}")
    return value.strip()


def _options(entry: dict, where: str) -> tuple[tuple[str, bool], ...]:
    raw = entry["options"]
    if not isinstance(raw, list) or not 2 <= len(raw) <= 26:
        raise QuizError(f"{where}: 'options' must be a list of 2 to 26, got {raw!r}")
    options = []
    for number, option in enumerate(raw, start=1):
        if not (isinstance(option, dict) and len(option) == 1):
            raise QuizError(
                f"{where}: option {number} must be one 'right: ...' or 'wrong: ...', "
                f"got {option!r}"
            )
        ((kind, _),) = option.items()
        if kind not in ("right", "wrong"):
            raise QuizError(
                f"{where}: option {number} must start with 'right:' or 'wrong:', got {kind!r}"
            )
        options.append((_text(option, kind, f"{where}: option {number}"), kind == "right"))
    rights = sum(right for _, right in options)
    if rights != 1:
        raise QuizError(f"{where}: exactly one option must be right, found {rights}")
    texts = [text for text, _ in options]
    if len(set(texts)) != len(texts):
        raise QuizError(f"{where}: two options have the same text")
    return tuple(options)


def _finite(entry: dict, key: str, where: str) -> float:
    value = entry[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise QuizError(f"{where}: '{key}' must be a finite number, got {value!r}")
    return float(value)


def parse_quiz(data: object, page: str) -> list[Question]:
    """The questions of a page's ``quiz:`` front matter; QuizError if any is malformed."""
    if not isinstance(data, list) or not data:
        raise QuizError(f"{page}: 'quiz' must be a non-empty list of questions, got {data!r}")
    questions, ids = [], set()
    for index, entry in enumerate(data, start=1):
        where = _where(page, index, entry)
        if not isinstance(entry, dict):
            raise QuizError(f"{where}: a question must be a mapping, got {entry!r}")
        unknown = set(entry) - QUESTION_KEYS
        if unknown:
            raise QuizError(
                f"{where}: unknown key(s) {sorted(unknown)}; expected some of "
                f"{sorted(QUESTION_KEYS)}"
            )
        text, reason = _text(entry, "question", where), _text(entry, "reason", where)
        has_options, has_number = "options" in entry, "number" in entry
        if has_options == has_number:
            raise QuizError(f"{where}: give either 'options' or 'number', not both or neither")
        if "tolerance" in entry and not has_number:
            raise QuizError(f"{where}: 'tolerance' belongs to a 'number' question")
        question_id = entry.get("id")
        if question_id is not None:
            if not isinstance(question_id, str) or not re.fullmatch(r"[a-z0-9-]+", question_id):
                raise QuizError(
                    f"{where}: 'id' must be lower-case-with-dashes, got {question_id!r}"
                )
            if question_id in ids:
                raise QuizError(f"{where}: the id {question_id!r} is used twice")
            ids.add(question_id)
        if has_options:
            question = Question(text, reason, options=_options(entry, where), id=question_id)
        else:
            tolerance = _finite(entry, "tolerance", where) if "tolerance" in entry else 0.0
            if tolerance < 0:
                raise QuizError(f"{where}: 'tolerance' must be >= 0, got {tolerance}")
            number = _finite(entry, "number", where)
            question = Question(text, reason, number=number, tolerance=tolerance, id=question_id)
        questions.append(question)
    return questions


_converter = markdown.Markdown(
    extensions=["pymdownx.arithmatex", "pymdownx.inlinehilite"],
    extension_configs={"pymdownx.arithmatex": {"generic": True}},
)


def _blocks(text: str, where: str) -> str:
    """Markdown text as HTML blocks (paragraphs, lists)."""
    result = _converter.reset().convert(text)
    if LINK.search(result):
        raise QuizError(f"{where}: no links in quiz text (this converter does not resolve them)")
    return result


def _inline(text: str, where: str) -> str:
    """Markdown text as phrasing content (for a legend or a label): one paragraph."""
    result = _blocks(text, where)
    inner = result.removeprefix("<p>").removesuffix("</p>")
    if BLOCK_TAG.search(inner) or "\n\n" in text.strip():
        raise QuizError(f"{where}: must be one paragraph of text, got {text!r}")
    return inner


def render_question(question: Question, index: int, page: str) -> str:
    """One question as a <fieldset>; ``index`` counts from 1 and names its elements."""
    where = _where(page, index, {"question": question.text})
    name = f"quiz-{index}"
    kind = "number" if question.number is not None else "choice"
    legend = _inline(question.text, where)
    parts = [
        f'<fieldset class="quiz-question" id="{name}" data-kind="{kind}">',
        f'<legend><span class="quiz-index">Question {index}.</span> {legend}</legend>',
    ]
    if question.number is None:
        parts.append('<div class="quiz-options">')
        for number, (text, right) in enumerate(question.options, start=1):
            mark = " data-right" if right else ""
            label = _inline(text, f"{where}: option {number}")
            # The letter gives every label text of its own: an option that is only a formula
            # otherwise has no accessible name that axe can compute.
            parts.append(
                f'<label class="quiz-option"><input type="radio" name="{name}" '
                f'value="{number}"{mark}> <span><span class="quiz-letter">{letter(number)})'
                f"</span> {label}</span></label>"
            )
        parts.append("</div>")
    else:
        parts.append(
            f'<div class="quiz-number"><label for="{name}-value">Your answer (a number)</label> '
            f'<input type="number" step="any" inputmode="decimal" id="{name}-value" '
            f'data-answer="{question.number!r}" data-tolerance="{question.tolerance!r}">'
            "</div>"
        )
    answer = _inline(question.answer, f"{where}: answer")
    if question.number is None:
        right = next(n for n, (_, is_right) in enumerate(question.options, 1) if is_right)
        answer = f"{letter(right)}) {answer}"
    parts += [
        '<p class="quiz-actions"><button type="button" class="md-button quiz-check" hidden>'
        "Check</button></p>",
        '<div class="quiz-feedback" aria-live="polite"></div>',
        '<details class="quiz-answer"><summary>Show the answer</summary>',
        f'<p class="quiz-solution"><strong>Answer:</strong> {answer}</p>',
        f'<div class="quiz-reason">{_blocks(question.reason, f"{where}: reason")}</div>',
        "</details>",
        "</fieldset>",
    ]
    return "\n".join(parts)


def render_quiz(questions: list[Question], page: str) -> str:
    """The whole quiz as one block of HTML (no blank lines, so Markdown keeps it as it is)."""
    body = "\n".join(
        render_question(question, index, page) for index, question in enumerate(questions, 1)
    )
    lines = [line for line in body.splitlines() if line.strip()]
    return '<div class="quiz">\n' + "\n".join(lines) + "\n</div>"


def build_page(markdown_text: str, meta: dict, page: str) -> str:
    """The page's Markdown with its marker replaced by the quiz in its front matter."""
    if "quiz" not in meta:
        if MARKER in markdown_text:
            raise QuizError(f"{page}: has {MARKER} but no 'quiz:' in its front matter")
        return markdown_text
    if markdown_text.count(MARKER) != 1:
        raise QuizError(f"{page}: a quiz page needs exactly one line {MARKER} to place it")
    quiz = render_quiz(parse_quiz(meta["quiz"], page), page)
    return markdown_text.replace(MARKER, f"\n{quiz}\n")


def front_matter_error(source: str) -> str | None:
    """Why the YAML front matter of a page's source does not load, or None."""
    match = re.match(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", source, re.DOTALL)
    if not match:
        return None
    try:
        yaml.safe_load(match[1])
    except yaml.YAMLError as error:
        return str(error)
    return None


def on_page_markdown(markdown, page, config, files):
    where = f"docs/{page.file.src_uri}"
    if MARKER in markdown and "quiz" not in page.meta:
        # MkDocs drops front matter it cannot parse without a word: say why.
        problem = front_matter_error(page.file.content_string)
        if problem:
            raise PluginError(f"{where}: the quiz front matter is not valid YAML: {problem}")
    try:
        return build_page(markdown, page.meta, where)
    except QuizError as error:
        raise PluginError(str(error)) from None
