"""The weekly quizzes: hooks/quiz.py and the questions on the quiz pages.

The hook's checks (a malformed quiz fails the build, naming the page and the question),
what it renders, and, for every quiz page, that each question has one right answer and a
reason. Questions whose answer is a number the package computes are computed here with
the package, so a change in the code cannot leave a wrong answer on a page.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
import yaml

from by_path import load

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


hook = load("hooks/quiz.py", name="quiz_hook")
QUIZ_PAGES = sorted(DOCS.rglob("quiz.md"))
PAGE = "docs/some/quiz.md"


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


def questions(path: Path):
    return hook.parse_quiz(front_matter(path)["quiz"], str(path.relative_to(ROOT)))


def by_id(question_id: str):
    """The question with this id on any quiz page."""
    for path in QUIZ_PAGES:
        for question in questions(path):
            if question.id == question_id:
                return question
    raise LookupError(f"no quiz question with id {question_id!r}")


def choice(question="Pick one", reason="Because.", **extra) -> dict:
    return {
        "question": question,
        "options": [{"wrong": "a"}, {"right": "b"}, {"wrong": "c"}],
        "reason": reason,
        **extra,
    }


# --- the hook refuses a malformed quiz, naming the page and the question -----------------


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({**choice(), "options": [{"wrong": "a"}, {"wrong": "b"}]}, "exactly one option"),
        ({**choice(), "options": [{"right": "a"}, {"right": "b"}]}, "exactly one option"),
        ({**choice(), "options": [{"right": "a"}]}, "a list of 2 to 26"),
        ({**choice(), "options": [{"right": "a"}, {"maybe": "b"}]}, "'right:' or 'wrong:'"),
        ({**choice(), "options": [{"right": "a"}, {"wrong": "a"}]}, "same text"),
        ({k: v for k, v in choice().items() if k != "reason"}, "'reason'"),
        ({**choice(), "reason": "  "}, "'reason'"),
        ({**choice(), "number": 3}, "either 'options' or 'number'"),
        ({"question": "How many?", "reason": "So."}, "either 'options' or 'number'"),
        ({"question": "How many?", "number": "three", "reason": "So."}, "finite number"),
        ({"question": "How many?", "number": 3, "tolerance": -1, "reason": "So."}, ">= 0"),
        ({**choice(), "tolerance": 0.1}, "'tolerance' belongs"),
        ({**choice(), "hint": "no"}, "unknown key"),
        ({**choice(), "id": "Not An Id"}, "lower-case"),
        ({**choice(), "reason": "See [the notes](../index.md)."}, "no links"),
    ],
)
def test_a_malformed_question_fails_the_build_naming_the_page_and_the_question(entry, problem):
    data = [choice("A good one"), {**entry, "question": entry.get("question", "Pick one")}]
    markdown = f"# Quiz\n\n{hook.MARKER}\n"
    with pytest.raises(hook.QuizError) as raised:
        hook.build_page(markdown, {"quiz": data}, PAGE)
    message = str(raised.value)
    assert message.startswith(f"{PAGE}: quiz question 2 (")
    assert problem in message


def test_an_id_used_twice_is_refused():
    with pytest.raises(hook.QuizError, match=r"quiz question 2 .*used twice"):
        hook.parse_quiz([choice(id="same"), choice(id="same")], PAGE)


def test_a_quiz_needs_exactly_one_marker_and_a_marker_needs_a_quiz():
    quiz = {"quiz": [choice()]}
    with pytest.raises(hook.QuizError, match="exactly one line"):
        hook.build_page("# Quiz\n", quiz, PAGE)
    with pytest.raises(hook.QuizError, match="exactly one line"):
        hook.build_page(f"{hook.MARKER}\n{hook.MARKER}\n", quiz, PAGE)
    with pytest.raises(hook.QuizError, match="no 'quiz:'"):
        hook.build_page(f"# Quiz\n\n{hook.MARKER}\n", {}, PAGE)
    assert hook.build_page("# Lesson\n", {}, PAGE) == "# Lesson\n"


def test_front_matter_that_is_not_yaml_is_reported():
    assert hook.front_matter_error("---\nquiz: [a, b\n---\n# Quiz\n") is not None
    assert hook.front_matter_error("---\nquiz: [a, b]\n---\n# Quiz\n") is None


# --- what the hook renders ---------------------------------------------------------------


class Elements(HTMLParser):
    """Every start tag with its attributes, and whether the tags nest properly."""

    VOID = frozenset({"input", "br", "hr", "img"})

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag, f"</{tag}> closes another element"


def parse_html(text: str) -> Elements:
    elements = Elements()
    elements.feed(text)
    assert elements.stack == [], f"unclosed: {elements.stack}"
    return elements


def test_a_choice_question_renders_as_a_fieldset_of_radio_buttons():
    entry = choice("Which shape has $W^{[1]}$?", "Rows are units, so $(n^{[1]}, n_x)$.")
    html = hook.render_quiz(hook.parse_quiz([entry], PAGE), PAGE)
    tags = parse_html(html).tags
    names = [tag for tag, _ in tags]
    assert names.count("fieldset") == 1
    assert names.count("legend") == 1
    radios = [attrs for tag, attrs in tags if tag == "input"]
    assert [r["type"] for r in radios] == ["radio"] * 3
    assert {r["name"] for r in radios} == {"quiz-1"}  # one group: arrow keys move within it
    assert [("data-right" in r) for r in radios] == [False, True, False]
    assert names.count("label") == 3
    assert [c for _, a in tags if (c := a.get("class")) == "quiz-letter"] == ["quiz-letter"] * 3
    assert '<span class="quiz-letter">b)</span> b</span>' in html
    assert "<strong>Answer:</strong> b) b</p>" in html  # the right option, by letter and text
    live = [attrs for _, attrs in tags if "aria-live" in attrs]
    assert live == [{"class": "quiz-feedback", "aria-live": "polite"}]
    button = next(attrs for tag, attrs in tags if tag == "button")
    assert "hidden" in button  # quiz.js shows it; without JavaScript the <details> answers
    assert names.count("details") == 1
    # Formulas come out as arithmatex elements, which hooks/prerender_math.py typesets.
    assert html.count('class="arithmatex"') == 2
    assert "\\(W^{[1]}\\)" in html
    assert "\n\n" not in html  # Markdown keeps a raw HTML block whole only without blank lines


def test_a_number_question_renders_a_labelled_number_field_with_its_answer():
    entry = {"question": "What is $\\sigma(0)$?", "number": 0.5, "tolerance": 0.01, "reason": "x"}
    html = hook.render_quiz(hook.parse_quiz([choice(), entry], PAGE), PAGE)
    tags = parse_html(html).tags
    field = next(attrs for tag, attrs in tags if tag == "input" and attrs["type"] == "number")
    assert field["id"] == "quiz-2-value"
    assert float(field["data-answer"]) == 0.5
    assert float(field["data-tolerance"]) == 0.01
    label = next(attrs for tag, attrs in tags if tag == "label" and "for" in attrs)
    assert label["for"] == field["id"]
    assert "<strong>Answer:</strong> 0.5</p>" in html


def test_the_built_page_keeps_its_prose_and_places_the_quiz_at_the_marker():
    text = f"# Quiz\n\nBefore.\n\n{hook.MARKER}\n\nAfter.\n"
    built = hook.build_page(text, {"quiz": [choice()]}, PAGE)
    assert built.index("Before.") < built.index('<div class="quiz">') < built.index("After.")
    assert hook.MARKER not in built


def test_numbers_are_shown_as_written():
    assert hook.format_number(12288.0) == "12288"
    assert hook.format_number(0.25) == "0.25"
    assert hook.format_number(-3) == "-3"


# --- the quiz pages ----------------------------------------------------------------------


def test_every_week_in_the_nav_ends_with_its_quiz():
    sources = load("tools/site_pages.py").nav_sources()
    weeks = sorted({s.rsplit("/", 1)[0] for s in sources if "/week-" in s and "/" in s})
    weeks = [week for week in weeks if week.count("/") == 1]  # not notebooks/, exercises/
    assert weeks, "no weeks in the nav"
    for week in weeks:
        in_week = [s for s in sources if s.startswith(f"{week}/")]
        assert in_week[-1] == f"{week}/quiz.md", f"{week}: the nav ends with {in_week[-1]}"
    assert sorted(str(p.relative_to(DOCS)) for p in QUIZ_PAGES) == [f"{w}/quiz.md" for w in weeks]


@pytest.mark.parametrize("path", QUIZ_PAGES, ids=lambda p: str(p.parent.relative_to(DOCS)))
def test_every_quiz_page_has_8_to_10_questions_each_with_one_answer_and_a_reason(path):
    found = questions(path)  # parse_quiz refuses a question without exactly one answer
    assert 8 <= len(found) <= 10
    for question in found:
        assert question.reason.strip()
        if question.number is None:
            assert sum(right for _, right in question.options) == 1
    texts = [" ".join(q.text.split()) for q in found]
    assert len(set(texts)) == len(texts), "a question is asked twice"


@pytest.mark.parametrize("path", QUIZ_PAGES, ids=lambda p: str(p.parent.relative_to(DOCS)))
def test_every_quiz_page_is_linked_from_its_week_index(path):
    assert "(quiz.md)" in (path.parent / "index.md").read_text(encoding="utf-8")


# --- answers that come from the package --------------------------------------------------


def answer(question_id: str) -> float:
    question = by_id(question_id)
    assert question.number is not None, f"{question_id} is not a number question"
    return question.number


def assert_answer(question_id: str, computed: float) -> None:
    question = by_id(question_id)
    stated = answer(question_id)
    assert abs(stated - float(computed)) <= question.tolerance + 1e-9 * max(1, abs(stated)), (
        f"{question_id}: the page says {stated}, the package computes {computed}"
    )


def test_week_1_the_relu_neuron_price():
    from coursecode.activations import relu

    assert_answer("relu-neuron-price", relu(0.25 * 100.0 - 20.0))


def test_week_1_the_length_of_an_unrolled_image():
    from coursecode.arrays.images import image_to_vector

    assert_answer("image-vector-length", image_to_vector(np.zeros((64, 64, 3))).shape[0])


def test_week_1_the_largest_slope_of_the_sigmoid():
    from coursecode.activations import sigmoid_derivative

    slopes = sigmoid_derivative(np.linspace(-10.0, 10.0, 2001))
    assert_answer("sigmoid-largest-slope", slopes.max())


def test_week_2_the_loss_of_a_wrong_guess():
    from coursecode.loss import loss_from_prediction

    assert_answer("loss-of-a-wrong-guess", loss_from_prediction(0.2, 0))


def test_week_2_two_steps_of_gradient_descent():
    from coursecode.calculus.gradient_descent_1d import gradient_descent_path

    path = gradient_descent_path(lambda w: 2 * (w - 3), 0.0, learning_rate=0.1, num_iterations=2)
    assert_answer("two-steps-of-descent", path[-1])


def test_week_2_a_derivative_on_the_computation_graph():
    from coursecode.calculus.computation_graph import backward

    assert_answer("graph-derivative", backward(1, 2, 4).db)


def test_week_3_the_shape_of_w1():
    from coursecode.networks.parameters import initialize_parameters

    shape = initialize_parameters([3, 4, 1], np.random.default_rng(0))["W1"].shape
    assert by_id("w1-shape").answer == f"$({shape[0]}, {shape[1]})$"


def test_week_3_the_number_of_parameters_of_a_shallow_network():
    from coursecode.networks.parameters import initialize_parameters

    parameters = initialize_parameters([3, 4, 1], np.random.default_rng(0))
    assert_answer("shallow-parameter-count", sum(p.size for p in parameters.values()))


def test_week_3_the_slope_of_tanh_from_its_output():
    from coursecode.activations import tanh_derivative

    assert_answer("tanh-slope", tanh_derivative(np.arctanh(0.6)))


def test_week_3_the_slope_of_the_leaky_relu():
    from coursecode.activations import leaky_relu_derivative

    assert_answer("leaky-relu-slope", leaky_relu_derivative(-3.0))


def test_week_4_the_number_of_layers_and_the_shape_of_dw2():
    from coursecode.networks.parameters import layer_shapes

    shapes = layer_shapes([5, 4, 3, 1], m=10)
    assert_answer("deep-layer-count", len(shapes))
    dW = shapes[1].dW
    assert by_id("dw2-shape").answer == f"$({dW[0]}, {dW[1]})$"


def test_week_4_one_step_on_a_quadratic():
    from coursecode.calculus.gradient_descent_1d import gradient_descent_path

    path = gradient_descent_path(
        lambda theta: 4 * theta, 10.0, learning_rate=0.1, num_iterations=1
    )
    assert_answer("quadratic-step", path[-1])


def test_week_4_and_units_for_parity():
    from itertools import product

    odd_patterns = sum(sum(bits) % 2 for bits in product((0, 1), repeat=8))
    assert_answer("parity-one-layer", odd_patterns)


def test_course_2_week_1_the_l2_term_of_the_cost():
    from coursecode.networks.regularization import l2_cost

    parameters = {
        "W1": np.array([[1.0, -2.0], [2.0, 0.0]]),
        "b1": np.array([[5.0], [5.0]]),  # biases are not penalized
        "W2": np.array([[3.0, 0.0]]),
        "b2": np.array([[5.0]]),
    }
    assert_answer("l2-cost-value", l2_cost(parameters, m=3, l2=2.0))


def test_course_2_week_1_the_weight_decay_factor():
    from coursecode.networks.regularization import l2_gradient

    W = np.array([[1.0]])
    learning_rate = 0.1
    decayed = W - learning_rate * l2_gradient(W, m=100, l2=5.0)  # an update with dW = 0
    assert_answer("weight-decay-factor", decayed[0, 0])


def test_course_2_week_1_a_kept_unit_under_inverted_dropout():
    from coursecode.networks.regularization import apply_dropout

    dropped, mask = apply_dropout(np.full((1, 50), 2.0), 0.8, np.random.default_rng(1))
    assert mask.any()
    for kept in dropped[mask]:
        assert_answer("inverted-dropout-value", kept)


def test_course_2_week_1_the_variance_of_he_weights():
    from coursecode.networks.parameters import initialize_parameters

    W1 = initialize_parameters([50, 20_000, 1], np.random.default_rng(2), method="he")["W1"]
    # One million draws: the sample variance is within 0.3% of the true one (> 10 sigma).
    assert abs(W1.var() - answer("he-variance")) < 0.003 * answer("he-variance")


def test_course_2_week_1_the_two_sided_difference():
    from coursecode.calculus.derivatives import central_difference

    assert_answer("two-sided-estimate", central_difference(lambda t: t**3, 1.0, nudge=0.01))


def test_course_2_week_1_bias_and_the_spread_of_a_dev_error():
    bayes, train = 0.01, 0.15
    assert_answer("bias-and-variance-points", round(100 * (train - bayes), 9))
    p, m_dev = 0.1, 10_000
    assert_answer("dev-error-spread", np.sqrt(p * (1 - p) / m_dev))
