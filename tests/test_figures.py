"""Diagrams drawn at build time (coursecode.presentation.diagrams and hooks/figures.py).

Three layers: the registry and the SVG it writes (legible on a phone, in the page's colours,
text as text, nothing fetched from elsewhere); the hook on made-up pages (numbering, and the
errors that stop a build); and the built site (each lesson has its figures, with alt text
and numbered captions, and the numbers on the computation graphs are the package's).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import matplotlib as mpl
import numpy as np
import pytest
from bs4 import BeautifulSoup
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from mkdocs.exceptions import PluginError

from by_path import load
from coursecode.activations import ACTIVATIONS, DERIVATIVES
from coursecode.calculus.computation_graph import backward, forward
from coursecode.logistic_regression.vectorized import gradients_vectorized
from coursecode.loss import cost_from_logits
from coursecode.networks.deep import model_backward, model_forward
from coursecode.networks.parameters import initialize_parameters
from coursecode.networks.regularization import dropout_masks
from coursecode.networks.shallow import backward_propagation, forward_propagation
from coursecode.presentation.diagrams import (
    DIAGRAMS,
    draw_network,
    network,
    networks,
    practical,
    propagation,
    registry,
    render,
)
from coursecode.presentation.diagrams.curves import (
    SURFACE_B,
    SURFACE_DATA,
    SURFACE_W,
    descent_ends,
    squared_error_gradients,
)
from coursecode.presentation.diagrams.drawing import (
    ACCENTS,
    MAX_WIDTH_PX,
    PAPER,
    STYLE,
    canvas,
)
from coursecode.presentation.diagrams.drawing import new_diagram as blank
from coursecode.presentation.diagrams.drawing import text as write

ROOT = Path(__file__).resolve().parents[1]
CSS = ROOT / "docs" / "stylesheets" / "figures.css"
LESSONS = "neural-networks-and-deep-learning"
COURSE_2 = "improving-deep-neural-networks"
# The figures each lecture draws (issues 10, 12, 13 and 14), page by page, in page order;
# a page is named by its path under docs/, without ".md".
EXPECTED = {
    f"{LESSONS}/week-1/what-is-a-neural-network": ["housing-neuron", "housing-network"],
    f"{LESSONS}/week-1/why-is-deep-learning-taking-off": ["performance-against-data"],
    f"{LESSONS}/week-2/logistic-regression": ["sigmoid-curve"],
    f"{LESSONS}/week-2/gradient-descent": ["convex-and-non-convex-cost"],
    f"{LESSONS}/week-2/derivatives": ["slope-of-3a"],
    f"{LESSONS}/week-2/computation-graph": ["computation-graph-forward"],
    f"{LESSONS}/week-2/derivatives-with-a-computation-graph": ["computation-graph-backward"],
    f"{LESSONS}/week-2/logistic-regression-gradient-descent": ["logistic-regression-graph"],
    f"{LESSONS}/week-2/broadcasting-in-python": ["broadcasting-a-row"],
    f"{LESSONS}/week-3/neural-networks-overview": ["one-hidden-layer-network"],
    f"{LESSONS}/week-3/neural-network-representation": ["two-layer-network"],
    f"{LESSONS}/week-3/activation-functions": ["activation-functions"],
    f"{LESSONS}/week-3/derivatives-of-activation-functions": ["activation-derivatives"],
    f"{LESSONS}/week-3/gradient-descent-for-neural-networks": ["two-layer-forward-backward"],
    f"{LESSONS}/week-4/deep-l-layer-neural-network": ["deep-network"],
    f"{LESSONS}/week-4/building-blocks-of-deep-neural-networks": ["building-blocks"],
    f"{COURSE_2}/week-1/bias-variance": ["bias-variance-boundaries"],
    f"{COURSE_2}/week-1/dropout-regularization": ["dropout-network"],
    f"{COURSE_2}/week-1/normalizing-inputs": ["normalized-contours"],
}
SLATE = "#1e2129"  # Material's dark background


hook = load("hooks/figures.py", name="figures_hook")


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
    # a fresh build, without on_pre_build's disk cache (which lives in the project's .cache)
    for state in (hook._slots, hook._drawn, hook._cache, hook._names):
        state.clear()
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


# One build of a page with two figures, in a process of its own: whether it imported matplotlib.
ONE_BUILD = """
import json, sys
from types import SimpleNamespace
from by_path import load

root, markdown = sys.argv[1], sys.argv[2]
hook = load("hooks/figures.py")
config = SimpleNamespace(config_file_path=root + "/mkdocs.yml", docs_dir=root + "/docs")
page = SimpleNamespace(file=SimpleNamespace(src_uri="lesson.md", content_string=markdown))
hook.on_pre_build(config)
marked = hook.on_page_markdown(markdown, page, config, None)
blocks = [block.strip() for block in marked.split("\\n\\n") if block.strip()]
html = hook.on_page_content("".join(f"<p>{b}</p>" for b in blocks), page, config, None)
print(json.dumps({"matplotlib": "matplotlib" in sys.modules, "html": html}))
"""


def test_a_build_that_finds_its_figures_in_the_cache_imports_no_matplotlib(tmp_path):
    # a project of its own (so a cache of its own) with the package's code
    (tmp_path / "src").symlink_to(ROOT / "src")
    markdown = (
        "# A lesson\n\n![The curve.](diagram:sigmoid-curve)\n\n"
        "![The graph.](diagram:computation-graph-forward)\n"
    )

    def build() -> dict:
        run = subprocess.run(
            [sys.executable, "-c", ONE_BUILD, str(tmp_path), markdown],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT / "tests")},
            check=True,
        )
        return json.loads(run.stdout)

    first, second = build(), build()
    assert first["matplotlib"], "the first build has to draw the figures"
    assert not second["matplotlib"]
    assert second["html"] == first["html"]
    assert second["html"].count("<figure") == 2
    assert sorted(p.name for p in (tmp_path / ".cache" / "figures").glob("*/*.json")) == [
        "computation-graph-forward.json",
        "names.json",
        "sigmoid-curve.json",
    ]


# --- the built site --------------------------------------------------------------------------


def built_page(site: Path, page: str) -> BeautifulSoup:
    """The built page of ``page``, its path under docs/ without ".md"."""
    return BeautifulSoup((site / page / "index.html").read_text(), "html.parser")


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
    soup = built_page(built_site, f"{LESSONS}/week-2/computation-graph")
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
    soup = built_page(built_site, f"{LESSONS}/week-2/computation-graph")
    svg = soup.find("figure", attrs={"data-diagram": "computation-graph-forward"}).find("svg")
    values = numbers_in(svg, "value")
    # the lesson's inputs, then what forward() computes from them
    assert {name: values[name] for name in "abc"} == {"a": 5.0, "b": 3.0, "c": 2.0}
    expected = forward(5, 3, 2)
    assert (values["u"], values["v"], values["J"]) == (expected.u, expected.v, expected.J)


def test_the_numbers_on_the_backward_graph_are_those_of_backward(built_site):
    soup = built_page(built_site, f"{LESSONS}/week-2/derivatives-with-a-computation-graph")
    svg = soup.find("figure", attrs={"data-diagram": "computation-graph-backward"}).find("svg")
    values, derivatives = numbers_in(svg, "value"), numbers_in(svg, "derivative")
    assert {name: values[name] for name in "abc"} == {"a": 5.0, "b": 3.0, "c": 2.0}
    expected = backward(5, 3, 2)._asdict()
    assert derivatives == {name[1:]: value for name, value in expected.items()}
    assert values["J"] == forward(5, 3, 2).J


# --- the claims of the Week 3 and 4 figures and Course 2's (issues 12 to 14) -----------------


def draw_figure(name: str) -> Figure:
    """The matplotlib figure of diagram ``name``, drawn as the registry draws it."""
    with mpl.rc_context(STYLE):
        return DIAGRAMS[name].draw()


def svg_soup(name: str):
    return BeautifulSoup(render(name).markup, "html.parser").find("svg")


def written(svg, gid: str) -> str:
    """The text of the element ``gid`` (mathtext's glyphs joined: ``n[0]=3``)."""
    return svg.find(id=gid).get_text("", strip=True)


def page_source(page: str) -> str:
    return (ROOT / "docs" / f"{page}.md").read_text()


def circle_columns(ax) -> list[list]:
    """The circles of a canvas, grouped into columns left to right, each top to bottom."""
    circles = [p for p in ax.patches if type(p).__name__ == "Circle"]
    columns: dict[float, list] = {}
    for c in circles:
        columns.setdefault(round(c.center[0], 3), []).append(c)
    return [sorted(columns[x], key=lambda c: -c.center[1]) for x in sorted(columns)]


def test_the_two_layer_network_has_the_lessons_sizes_and_parameter_shapes():
    page = page_source(f"{LESSONS}/week-3/neural-network-representation")
    dims = [int(n) for n in re.search(r"initialize_parameters\(\[([\d, ]+)\]", page)[1].split(",")]
    assert dims == list(networks.TWO_LAYER_DIMS)
    for name in ("two-layer-network", "one-hidden-layer-network"):
        columns = circle_columns(draw_figure(name).axes[0])
        assert [len(column) for column in columns] == dims
    parameters = initialize_parameters(dims, np.random.default_rng(0))
    svg = svg_soup("two-layer-network")
    for key, value in parameters.items():
        assert written(svg, f"shape-{key}").endswith(str(value.shape).replace(" ", "")), key


@pytest.mark.parametrize(
    ("name", "table"),
    [("activation-functions", ACTIVATIONS), ("activation-derivatives", DERIVATIVES)],
)
def test_the_activation_plots_draw_the_packages_functions(name, table):
    fig = draw_figure(name)
    curves = {
        line.get_gid().removeprefix("curve-"): line
        for ax in fig.axes
        for line in ax.lines
        if (line.get_gid() or "").startswith("curve-")
    }
    assert set(curves) == set(table)
    for key, line in curves.items():
        z, drawn = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        finite = np.isfinite(z)
        assert finite.sum() > 300  # a smooth curve, not a handful of points
        np.testing.assert_array_equal(drawn[finite], table[key](z[finite]))
        assert z[finite].min() < -3
        assert z[finite].max() > 3


def test_the_derivative_plots_mark_the_value_the_package_takes_at_the_corner():
    fig = draw_figure("activation-derivatives")
    for ax in fig.axes:
        (curve,) = [line for line in ax.lines if (line.get_gid() or "").startswith("curve-")]
        key = curve.get_gid().removeprefix("curve-")
        dots = [line for line in ax.lines if line.get_marker() == "o"]
        if key in ("relu", "leaky_relu"):
            # an open dot at the limit from the left, a filled one at g'(0)
            hollow = [d for d in dots if to_hex(d.get_markerfacecolor()) == PAPER]
            filled = [d for d in dots if d not in hollow]
            assert [float(d.get_ydata()[0]) for d in filled] == [DERIVATIVES[key](0.0)]
            assert [float(d.get_ydata()[0]) for d in hollow] == [DERIVATIVES[key](-1e-9)]
        else:
            assert dots == []  # smooth: no jump to mark


def test_the_forward_backward_figure_names_the_packages_values_and_gradients():
    parameters = initialize_parameters([3, 4, 1], np.random.default_rng(0), scale=1.0)
    X, Y = np.random.default_rng(1).standard_normal((3, 5)), np.array([[0, 1, 1, 0, 1]])
    _, cache = forward_propagation(parameters, X)
    grads = backward_propagation(parameters, cache, X, Y)
    svg = svg_soup("two-layer-forward-backward")
    forward = {g["id"].removeprefix("forward-") for g in svg.find_all(id=re.compile("^forward-"))}
    backward = {
        g["id"].removeprefix("backward-") for g in svg.find_all(id=re.compile("^backward-"))
    }
    assert forward == set(cache)
    assert backward == set(grads) | {"dZ1", "dZ2"}
    for name in forward | backward:
        kind = "forward" if name in forward else "backward"
        assert written(svg, f"{kind}-{name}") == f"{name[:-1]}[{name[-1]}]"


def test_the_deep_network_has_the_layer_dims_of_the_page():
    page = page_source(f"{LESSONS}/week-4/deep-l-layer-neural-network")
    dims = [int(n) for n in re.search(r"layer_dims = \[([\d, ]+)\]", page)[1].split(",")]
    assert dims == list(networks.DEEP_LAYER_DIMS)
    columns = circle_columns(draw_figure("deep-network").axes[0])
    assert [len(column) for column in columns] == dims
    svg = svg_soup("deep-network")
    assert [written(svg, f"units-{l}") for l in range(len(dims))] == [
        f"n[{l}]={n}" for l, n in enumerate(dims)
    ]


def test_the_building_blocks_are_the_layers_caches_and_gradients_of_the_pages_network():
    page = page_source(f"{LESSONS}/week-4/building-blocks-of-deep-neural-networks")
    dims = [
        int(n) for n in re.findall(r"initialize_parameters\(\[([\d, ]+)\]", page)[-1].split(",")
    ]
    parameters = initialize_parameters(dims, np.random.default_rng(0), scale=0.5)
    X = np.random.default_rng(1).standard_normal((dims[0], 4))
    AL, caches = model_forward(parameters, X)
    grads = model_backward(AL, np.array([[0, 1, 1, 0]]), caches)
    assert propagation.BLOCK_LAYERS == len(caches) == len(dims) - 1
    svg = svg_soup("building-blocks")
    layers = range(1, len(caches) + 1)
    assert [written(svg, f"block-{l}") for l in layers] == [f"layer {l}" for l in layers]
    # each layer's cache holds Z[l], the activation cache that model_forward keeps
    assert [written(svg, f"cache-{l}") for l in layers] == [f"Z[{l}]" for l in layers]
    for l, (_, activation_cache) in zip(layers, caches, strict=True):
        assert activation_cache.shape == (dims[l], X.shape[1])
    drawn = {g["id"].removeprefix("gradient-") for g in svg.find_all(id=re.compile("^gradient-"))}
    assert drawn == set(grads)


def test_the_bias_variance_panels_show_the_errors_of_their_models():
    X, Y, flipped = practical.bias_variance_data(practical.TRAIN_POINTS, practical.TRAIN_SEED)
    X_dev, Y_dev, _ = practical.bias_variance_data(practical.DEV_POINTS, practical.DEV_SEED)
    line, small, large = practical.bias_variance_models()
    svg = svg_soup("bias-variance-boundaries")
    for k, fitted in enumerate((line, small, large)):
        train = float(np.mean(fitted.predict(X) != Y))
        dev = float(np.mean(fitted.predict(X_dev) != Y_dev))
        assert written(svg, f"errors-{k}") == f"train {100 * train:.0f}%, dev {100 * dev:.0f}%"
        # the drawn boundary, probability 1/2, is the one predict uses
        probability = fitted.probability(X)
        np.testing.assert_array_equal(fitted.predict(X), (probability > 0.5).astype(int))
    # the claims of the three panels: the line cannot even fit the training set; the large
    # network fits it better than the noise allows (it learned flipped labels) and pays for
    # it on new points; the small one has the lowest dev error
    assert line.train_error > small.train_error > large.train_error
    assert large.train_error < float(flipped.mean())
    assert large.dev_error - large.train_error > small.dev_error - small.train_error + 0.05
    assert small.dev_error < min(line.dev_error, large.dev_error)


def test_the_dropout_figure_crosses_out_the_units_of_the_packages_mask():
    sizes = networks.DROPOUT_LAYER_DIMS
    hidden = [(n, 1) for n in sizes[1:-1]]
    masks = dropout_masks(
        hidden, networks.DROPOUT_KEEP_PROB, np.random.default_rng(networks.DROPOUT_SEED)
    )
    expected = {
        (l, k) for l, mask in enumerate(masks, start=1) for k in np.flatnonzero(~mask[:, 0])
    }
    assert expected, "the drawn pass should drop some units"
    svg = svg_soup("dropout-network")
    crossed = {
        tuple(int(part) for part in g["id"].split("-")[1:3])
        for g in svg.find_all(id=re.compile(r"^dropped-\d+-\d+-a$"))
    }
    assert crossed == expected
    # the right panel: no connection reaches a dropped unit
    ax = draw_figure("dropout-network").axes[0]
    lines = [p for p in ax.patches if type(p).__name__ == "FancyArrowPatch"]
    kept = [list(flags) for flags in networks.dropped_units()]
    kept = [[not off for off in flags] for flags in kept]
    full = sum(a * b for a, b in itertools.pairwise(sizes))
    thinned = sum(sum(a) * sum(b) for a, b in itertools.pairwise(kept))
    assert len(lines) == full + thinned


def test_normalizing_makes_the_cost_contours_round_and_keeps_the_best_cost():
    raw, normalized = practical.contour_data()
    # both panels are centred on the same model's lowest point: same cost, zero slope
    assert practical.cost_slice(raw, *raw.w[:, 0]) == pytest.approx(
        practical.cost_slice(normalized, *normalized.w[:, 0]), rel=1e-9
    )
    for data in (raw, normalized):
        slope = gradients_vectorized(data.w, data.b, data.X, data.Y)
        assert np.abs(slope.dw).max() < 1e-4
    # how elongated each bowl is: the ratio of its longest to its shortest axis
    ratio = [np.sqrt(np.linalg.cond(practical.curvature(d))) for d in (raw, normalized)]
    assert ratio[0] > 8
    assert ratio[1] < 1.5
    # the contours drawn are the package's cost at the levels named
    fig = draw_figure("normalized-contours")
    for ax, data in zip(fig.axes, (raw, normalized), strict=True):
        (contours,) = [c for c in ax.collections if type(c).__name__ == "QuadContourSet"]
        lowest = cost_from_logits(data.w.T @ data.X + data.b, data.Y)
        np.testing.assert_allclose(contours.levels, lowest + np.array(practical.CONTOUR_RISES))


def test_draw_network_refuses_dropped_flags_that_do_not_match_the_layer():
    with mpl.rc_context(STYLE):
        ax = canvas(blank(200, 100))
    with pytest.raises(ValueError, match=r"dropped\[1\] must have one flag per unit \(3\), got 2"):
        draw_network(
            ax, [2, 3, 1], left=0, right=200, bottom=0, top=100, dropped=[None, [1, 0], None]
        )
    with pytest.raises(ValueError, match="dropped must have one entry per layer"):
        draw_network(ax, [2, 3, 1], left=0, right=200, bottom=0, top=100, dropped=[None])
