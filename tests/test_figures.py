"""Diagrams drawn at build time (coursecode.presentation.diagrams and hooks/figures.py).

Three layers: the registry and the SVG it writes (legible on a phone, in the page's colours,
text as text, nothing fetched from elsewhere); the hook on made-up pages (numbering, and the
errors that stop a build); and the built site (each lesson has its figures, with alt text
and numbered captions, and the numbers on the computation graphs are the package's).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import matplotlib as mpl
import numpy as np
import pytest
from bs4 import BeautifulSoup
from matplotlib.figure import Figure
from mkdocs.exceptions import PluginError

from coursecode.calculus.computation_graph import backward, forward
from coursecode.presentation.diagrams import DIAGRAMS, network, registry, render
from coursecode.presentation.diagrams.curves import (
    SURFACE_B,
    SURFACE_DATA,
    SURFACE_W,
    descent_ends,
    squared_error_gradients,
)
from coursecode.presentation.diagrams.drawing import ACCENTS, MAX_WIDTH_PX, STYLE, canvas
from coursecode.presentation.diagrams.drawing import new_diagram as blank
from coursecode.presentation.diagrams.drawing import text as write

ROOT = Path(__file__).resolve().parents[1]
CSS = ROOT / "docs" / "stylesheets" / "figures.css"
LESSONS = "neural-networks-and-deep-learning"
# The figures each lecture draws (issue 10), page by page, in page order.
EXPECTED = {
    "week-1/what-is-a-neural-network": ["housing-neuron", "housing-network"],
    "week-1/why-is-deep-learning-taking-off": ["performance-against-data"],
    "week-2/logistic-regression": ["sigmoid-curve"],
    "week-2/gradient-descent": ["convex-and-non-convex-cost"],
    "week-2/derivatives": ["slope-of-3a"],
    "week-2/computation-graph": ["computation-graph-forward"],
    "week-2/derivatives-with-a-computation-graph": ["computation-graph-backward"],
    "week-2/logistic-regression-gradient-descent": ["logistic-regression-graph"],
    "week-2/broadcasting-in-python": ["broadcasting-a-row"],
}
SLATE = "#1e2129"  # Material's dark background


def load_hook():
    spec = importlib.util.spec_from_file_location("figures_hook", ROOT / "hooks" / "figures.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as MkDocs does; dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


hook = load_hook()


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(scope="module")
def drawn() -> dict:
    return {name: render(name) for name in DIAGRAMS}


# --- the registry and its SVG ----------------------------------------------------------------


def test_every_diagram_the_lessons_need_is_registered():
    needed = {name for names in EXPECTED.values() for name in names}
    assert needed <= set(DIAGRAMS), sorted(needed - set(DIAGRAMS))


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_a_diagram_is_an_inline_svg_image_labelled_by_its_alt_text(drawn, name):
    svg = BeautifulSoup(drawn[name].markup, "html.parser").find("svg")
    assert svg["role"] == "img"
    assert svg["aria-label"] == DIAGRAMS[name].alt_text()
    assert len(svg["aria-label"]) > 60, "alt text should say what the figure shows"
    assert svg.find("text") is not None, "labels must stay text (svg.fonttype none)"
    # nothing to fetch: no raster images, no addresses
    assert svg.find("image") is None
    assert not re.search(r"(?:href|src)=\"(?!#)|url\((?!#)", drawn[name].markup)
    # no page-wide stylesheet from matplotlib (its "*" rule would style the whole page)
    assert svg.find("style") is None


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_a_diagram_draws_in_the_colours_of_the_page_scheme(drawn, name):
    markup = drawn[name].markup
    assert "currentColor" in markup  # the ink follows the page's text colour
    # a hex colour may appear only as the fallback of a CSS variable
    bare = re.sub(r"var\(--[\w-]+, #[0-9a-f]{6}\)", "", markup)
    assert not re.findall(r"#[0-9a-fA-F]{6}\b", bare)


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_a_diagram_fits_a_phone_with_no_text_below_9_px(drawn, name):
    shown = drawn[name]
    assert shown.width <= MAX_WIDTH_PX
    # Scaled to the phone's column, its smallest text (a subscript, often) is still 9 px.
    scale = min(1.0, registry.PHONE_CONTENT_PX / shown.width)
    assert shown.smallest_text * scale >= registry.MIN_TEXT_PX
    assert shown.min_width <= registry.PHONE_CONTENT_PX
    sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", shown.markup)]
    assert min(sizes) * 4 / 3 == pytest.approx(shown.smallest_text)


def test_accent_colours_reach_4_5_to_1_on_the_light_and_the_dark_background():
    css = CSS.read_text()
    schemes = {}
    for scheme, body in re.findall(r'\[data-md-color-scheme="(\w+)"\]\s*\{([^}]*)\}', css):
        schemes[scheme] = dict(re.findall(r"--figure-(\w+):\s*(#[0-9a-fA-F]{6})", body))
    assert schemes["default"] == ACCENTS  # the notebook preview shows the light scheme
    assert set(schemes["slate"]) == set(ACCENTS)
    for name, colour in schemes["default"].items():
        assert contrast(colour, "#ffffff") >= 4.5, name
    for name, colour in schemes["slate"].items():
        assert contrast(colour, SLATE) >= 4.5, name


def test_ids_are_prefixed_so_that_two_figures_can_share_a_page(drawn):
    shown = drawn["convex-and-non-convex-cost"]
    first, second = shown.with_id_prefix("figure-1-"), shown.with_id_prefix("figure-2-")
    ids_first = re.findall(r'\bid="([^"]+)"', first)
    ids_second = re.findall(r'\bid="([^"]+)"', second)
    assert ids_first
    assert not set(ids_first) & set(ids_second)
    # every reference points at an id of its own figure
    for reference in re.findall(r"url\(#([^)]+)\)", first):
        assert reference in ids_first


def test_the_decorator_refuses_a_bad_name_an_empty_alt_and_a_second_registration(monkeypatch):
    monkeypatch.setattr(registry, "DIAGRAMS", {})
    with pytest.raises(ValueError, match="lower-case words joined by hyphens"):
        registry.diagram("Computation Graph", alt="A graph.")
    with pytest.raises(ValueError, match="needs alt text"):
        registry.diagram("a-graph", alt="  ")

    @registry.diagram("a-graph", alt="A graph.")
    def first() -> Figure:
        return blank(100, 50)

    with pytest.raises(ValueError, match=r"already registered by .*first"):

        @registry.diagram("a-graph", alt="Another graph.")
        def second() -> Figure:
            return blank(100, 50)


def test_render_refuses_an_unknown_name_a_non_figure_and_a_colour_off_the_palette(
    monkeypatch,
):
    monkeypatch.setattr(registry, "DIAGRAMS", {})

    @registry.diagram("not-a-figure", alt="Nothing.")
    def not_a_figure():
        return "a string"

    @registry.diagram("off-palette", alt="A red label.")
    def off_palette() -> Figure:
        fig = blank(100, 50)
        write(canvas(fig), 50, 25, "red", color="#ff0000")
        return fig

    with pytest.raises(KeyError, match="no diagram named 'missing'"):
        registry.render("missing")
    with pytest.raises(TypeError, match="must return a matplotlib Figure, got str"):
        registry.render("not-a-figure")
    with pytest.raises(ValueError, match=r"colours \['#ff0000'\]"):
        registry.render("off-palette")


def test_a_diagram_wider_than_a_phone_can_carry_is_refused():
    with pytest.raises(ValueError, match=f"at most {MAX_WIDTH_PX} px wide"):
        blank(MAX_WIDTH_PX + 1, 100)


# --- the network helper ---------------------------------------------------------------------


def test_network_draws_a_circle_per_unit_and_a_connection_per_pair_of_adjacent_units():
    with mpl.rc_context(STYLE):
        fig = network(
            [3, 4, 2],
            labels=[["$x_1$", "$x_2$", "$x_3$"], None, ["$a_1$", "$a_2$"]],
            layer_names=["input", "hidden", "output"],
        )
    ax = fig.axes[0]
    circles = [p for p in ax.patches if type(p).__name__ == "Circle"]
    connections = [p for p in ax.patches if type(p).__name__ == "FancyArrowPatch"]
    assert len(circles) == 3 + 4 + 2
    assert len(connections) == 3 * 4 + 4 * 2
    labels = [t.get_text() for t in ax.texts]
    assert labels.count("$x_2$") == 1
    assert "hidden" in labels
    # the columns run left to right, each centred on the same height
    xs = sorted({round(c.center[0], 6) for c in circles})
    assert len(xs) == 3
    for x in xs:
        ys = [c.center[1] for c in circles if round(c.center[0], 6) == x]
        assert np.mean(ys) == pytest.approx(np.mean([c.center[1] for c in circles]))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"layer_sizes": [3]}, "two or more layers"),
        ({"layer_sizes": [3, 0, 1]}, "two or more layers of at least one unit"),
        ({"layer_sizes": [2, 1], "labels": [["$x_1$"], None]}, r"labels\[0\] must have .* \(2\)"),
        ({"layer_sizes": [2, 1], "labels": [None]}, "one entry per layer"),
        ({"layer_sizes": [2, 1], "inputs": ["size"]}, "inputs must name each input unit"),
    ],
)
def test_network_refuses_layers_and_labels_that_do_not_match(kwargs, message):
    sizes = kwargs.pop("layer_sizes")
    with pytest.raises(ValueError, match=message):
        network(sizes, **kwargs)


# --- the claims the figures make -------------------------------------------------------------


def test_gradient_descent_ends_at_one_point_on_the_bowl_and_in_two_dips_on_the_squared_error():
    X, Y = SURFACE_DATA
    bowl = descent_ends("cross-entropy")
    assert np.allclose(bowl[0], bowl[1], atol=1e-6)  # both starts, one lowest point

    (w1, b1, cost1), (w2, b2, cost2) = descent_ends("squared-error")
    for w, b in ((w1, b1), (w2, b2)):
        # each run has come to rest (nearly zero slope), inside the drawn part of the plane
        rest = squared_error_gradients(np.array([[w]]), b, X, Y)
        assert abs(rest.dw[0, 0]) < 1e-4
        assert abs(rest.db) < 1e-4
        assert SURFACE_W[0] < w < SURFACE_W[1]
        assert SURFACE_B[0] < b < SURFACE_B[1]
    assert np.hypot(w1 - w2, b1 - b2) > 1.0
    assert cost2 > cost1 + 0.05  # the second run is stuck in the worse dip
    # and a ridge separates the two: walking straight from one to the other goes uphill first
    between = [
        squared_error_gradients(np.array([[w1 + t * (w2 - w1)]]), b1 + t * (b2 - b1), X, Y).cost
        for t in np.linspace(0.0, 1.0, 101)
    ]
    assert max(between) > max(cost1, cost2) + 1e-3


def test_the_squared_error_gradient_matches_finite_differences():
    X, Y = SURFACE_DATA
    w, b, h = np.array([[0.7]]), 1.3, 1e-6
    exact = squared_error_gradients(w, b, X, Y)
    cost = lambda w, b: squared_error_gradients(w, b, X, Y).cost  # noqa: E731
    assert exact.dw[0, 0] == pytest.approx((cost(w + h, b) - cost(w - h, b)) / (2 * h), rel=1e-6)
    assert exact.db == pytest.approx((cost(w, b + h) - cost(w, b - h)) / (2 * h), rel=1e-6)


# --- the hook on made-up pages ---------------------------------------------------------------


def fake_page(markdown: str, src_uri: str = "week-9/lesson.md"):
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, content_string=markdown))
    config = SimpleNamespace(
        config_file_path=str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs")
    )
    return page, config


def run_hook(markdown: str, html_of_markdown) -> str:
    hook.on_pre_build(None)
    page, config = fake_page(markdown)
    marked = hook.on_page_markdown(markdown, page, config, None)
    return hook.on_page_content(html_of_markdown(marked), page, config, None)


def paragraphs(markdown: str) -> str:
    """A stand-in for Markdown: each block of text becomes a paragraph."""
    blocks = [block.strip() for block in markdown.split("\n\n") if block.strip()]
    return "\n".join(f"<p>{block}</p>" for block in blocks)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("![A caption.](diagram:no-such-diagram)", "unknown diagram 'no-such-diagram'"),
        ("![](diagram:sigmoid-curve)", "diagram 'sigmoid-curve' has no caption"),
        ("![Figure 2: The sigmoid.](diagram:sigmoid-curve)", "numbers figures itself"),
        ("See ![the sigmoid](diagram:sigmoid-curve) here.", "malformed diagram marker"),
        ('![The sigmoid.](diagram:sigmoid-curve "title")', "malformed diagram marker"),
    ],
    ids=["unknown-name", "no-caption", "numbered-caption", "inside-a-sentence", "with-title"],
)
def test_a_broken_marker_stops_the_build_naming_the_page_and_line(line, message):
    markdown = f"# A lesson\n\nSome text.\n\n{line}\n\nMore text.\n"
    page, config = fake_page(markdown)
    with pytest.raises(PluginError, match=message) as error:
        hook.on_page_markdown(markdown, page, config, None)
    assert str(error.value).startswith("docs/week-9/lesson.md:5: ")


def test_the_line_number_is_the_source_line_even_after_other_hooks_changed_the_page():
    source = "# A lesson\n\n<!-- timings: exp -->\n\n![A caption.](diagram:no-such)\n"
    changed = source.replace("<!-- timings: exp -->", "| a |\n| - |\n| 1 |\n| 2 |")
    with pytest.raises(PluginError, match=r"^docs/lesson\.md:5: unknown diagram"):
        hook.mark(changed, "docs/lesson.md", source)


def test_figures_are_numbered_in_page_order_with_their_caption_and_alt_text():
    markdown = (
        "# A lesson\n\n"
        "![The sigmoid, *computed*.](diagram:sigmoid-curve)\n\n"
        "Between.\n\n"
        "    ![The graph, forward.](diagram:computation-graph-forward)\n"
    )
    html = run_hook(markdown, paragraphs)
    soup = BeautifulSoup(html, "html.parser")
    figures = soup.find_all("figure")
    assert [f["data-diagram"] for f in figures] == [
        "sigmoid-curve",
        "computation-graph-forward",
    ]
    assert [f["id"] for f in figures] == ["figure-1", "figure-2"]
    captions = [f.figcaption.get_text() for f in figures]
    assert captions == ["Figure 1: The sigmoid, *computed*.", "Figure 2: The graph, forward."]
    svg = figures[1].find("svg")
    assert svg["aria-label"] == DIAGRAMS["computation-graph-forward"].alt_text()
    assert all(tag["id"].startswith("figure-2-") for tag in svg.find_all(id=True))
    assert soup.find("p", string="Between.") is not None


def test_a_marker_inside_a_fenced_code_block_is_left_alone():
    markdown = "# A lesson\n\n```markdown\n![A caption.](diagram:no-such-diagram)\n```\n"
    page, config = fake_page(markdown)
    assert hook.on_page_markdown(markdown, page, config, None) == markdown


def test_a_marker_that_markdown_did_not_keep_as_a_paragraph_stops_the_build():
    markdown = "# A lesson\n\n![A caption.](diagram:sigmoid-curve)\n"
    # say, a Markdown extension wrapped it in an element of its own
    with pytest.raises(PluginError, match="sigmoid-curve did not become a paragraph"):
        run_hook(markdown, lambda marked: f"<div>{marked}</div>")


# --- the built site --------------------------------------------------------------------------


def built_page(site: Path, lesson: str) -> BeautifulSoup:
    return BeautifulSoup((site / LESSONS / lesson / "index.html").read_text(), "html.parser")


@pytest.mark.parametrize("lesson", sorted(EXPECTED))
def test_each_lesson_shows_its_figures_with_alt_text_and_numbered_captions(built_site, lesson):
    soup = built_page(built_site, lesson)
    figures = soup.find_all("figure", class_="diagram")
    names = [figure["data-diagram"] for figure in figures]
    assert [name for name in names if name in EXPECTED[lesson]] == EXPECTED[lesson]
    for number, figure in enumerate(figures, start=1):
        svg = figure.find("svg")
        assert svg["role"] == "img"
        assert len(svg["aria-label"].strip()) > 60
        caption = figure.figcaption.get_text(" ", strip=True)
        assert re.match(rf"Figure {number}: \S", caption), caption
        assert figure["id"] == f"figure-{number}"


def test_no_page_of_the_built_site_keeps_a_raw_marker(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert hook.TOKEN not in text, page
        assert "](diagram:" not in text, page


def test_the_built_pages_load_the_figure_stylesheet(built_site):
    soup = built_page(built_site, "week-2/computation-graph")
    assert soup.find("link", href=re.compile(r"stylesheets/figures\.css"))


def numbers_in(svg, kind: str) -> dict[str, float]:
    """The numbers drawn on a computation graph, by node: ``value-u`` holds u, and so on."""
    found = {}
    for group in svg.find_all(id=re.compile(rf"^figure-\d+-{kind}-\w+$")):
        node = group["id"].rsplit("-", 1)[1]
        label = group.get_text(strip=True)
        found[node] = float(label.split("=")[-1])
    return found


def test_the_numbers_on_the_forward_graph_are_those_of_forward(built_site):
    soup = built_page(built_site, "week-2/computation-graph")
    svg = soup.find("figure", attrs={"data-diagram": "computation-graph-forward"}).find("svg")
    values = numbers_in(svg, "value")
    # the lesson's inputs, then what forward() computes from them
    assert {name: values[name] for name in "abc"} == {"a": 5.0, "b": 3.0, "c": 2.0}
    expected = forward(5, 3, 2)
    assert (values["u"], values["v"], values["J"]) == (expected.u, expected.v, expected.J)


def test_the_numbers_on_the_backward_graph_are_those_of_backward(built_site):
    soup = built_page(built_site, "week-2/derivatives-with-a-computation-graph")
    svg = soup.find("figure", attrs={"data-diagram": "computation-graph-backward"}).find("svg")
    values, derivatives = numbers_in(svg, "value"), numbers_in(svg, "derivative")
    assert {name: values[name] for name in "abc"} == {"a": 5.0, "b": 3.0, "c": 2.0}
    expected = backward(5, 3, 2)._asdict()
    assert derivatives == {name[1:]: value for name, value in expected.items()}
    assert values["J"] == forward(5, 3, 2).J
