"""The built site's navigation lists every lecture of both courses, in order, by its title.

Read from the primary navigation of a built page (what a reader clicks through), not from
mkdocs.yml, so a title changed by a plugin or a page dropped from the build is caught too.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

COURSE = "Neural Networks and Deep Learning"
COURSE_2 = "Improving Deep Neural Networks"
# (section path, lecture titles in the course's order)
LECTURES = [
    (
        (COURSE, "Week 1"),
        [
            "What is a Neural Network?",
            "Supervised Learning with Neural Networks",
            "Why is Deep Learning Taking Off?",
        ],
    ),
    (
        (COURSE, "Week 2", "Logistic Regression as a Neural Network"),
        [
            "Binary Classification",
            "Logistic Regression",
            "Logistic Regression Cost Function",
            "Gradient Descent",
            "Derivatives",
            "More Derivative Examples",
            "Computation Graph",
            "Derivatives with a Computation Graph",
            "Logistic Regression Gradient Descent",
            "Gradient Descent on m Examples",
            "Going further: Gradient Descent on a Cluster",  # not a lecture: an extension of it
        ],
    ),
    (
        (COURSE, "Week 2", "Python and Vectorization"),
        [
            "Vectorization",
            "More Vectorization Examples",
            "Vectorizing Logistic Regression",
            "Vectorizing Logistic Regression's Gradient Output",
            "Broadcasting in Python",
            "A Note on Python/NumPy Vectors",
            "Quick Tour of Jupyter/IPython Notebooks",
            "Explanation of Logistic Regression Cost Function (Optional)",
        ],
    ),
    (
        (COURSE, "Week 3"),
        [
            "Neural Networks Overview",
            "Neural Network Representation",
            "Computing a Neural Network's Output",
            "Vectorizing Across Multiple Examples",
            "Explanation for Vectorized Implementation",
            "Activation Functions",
            "Why do you need Non-Linear Activation Functions?",
            "Derivatives of Activation Functions",
            "Gradient Descent for Neural Networks",
            "Backpropagation Intuition (Optional)",
            "Random Initialization",
        ],
    ),
    (
        (COURSE, "Week 4"),
        [
            "Deep L-layer Neural Network",
            "Forward Propagation in a Deep Network",
            "Getting your Matrix Dimensions Right",
            "Why Deep Representations?",
            "Building Blocks of Deep Neural Networks",
            "Forward and Backward Propagation",
            "Parameters vs Hyperparameters",
            "What does this have to do with the brain?",
        ],
    ),
    (
        (COURSE_2, "Week 1", "Setting up your Machine Learning Application"),
        [
            "Train / Dev / Test sets",
            "Bias / Variance",
            "Basic Recipe for Machine Learning",
        ],
    ),
    (
        (COURSE_2, "Week 1", "Regularizing your Neural Network"),
        [
            "Regularization",
            "Why Regularization Reduces Overfitting?",
            "Dropout Regularization",
            "Understanding Dropout",
            "Other Regularization Methods",
        ],
    ),
    (
        (COURSE_2, "Week 1", "Setting Up your Optimization Problem"),
        [
            "Normalizing Inputs",
            "Vanishing / Exploding Gradients",
            "Weight Initialization for Deep Networks",
            "Numerical Approximation of Gradients",
            "Gradient Checking",
            "Gradient Checking Implementation Notes",
        ],
    ),
]


def text_of(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def built_navigation(index_html: str) -> list[tuple[tuple[str, ...], str, str, bool]]:
    """Every page link of the primary nav as (section path, title, href, is the section's
    index page), in order."""
    soup = BeautifulSoup(index_html, "html.parser")
    entries = []

    def walk(item_list, sections: tuple[str, ...]) -> None:
        for item in item_list.find_all("li", class_="md-nav__item", recursive=False):
            nested = item.find("nav", class_="md-nav", recursive=False)
            if nested is not None:
                label = nested.find(class_="md-nav__title", recursive=False) or item.find(
                    "label", class_="md-nav__link"
                )
                section = text_of(label)
                # A section with an index page links it too: record that page under its
                # own section path, then the children.
                link = item.find("a", class_="md-nav__link", recursive=False) or item.select_one(
                    ":scope > div > a.md-nav__link"
                )
                if link is not None:
                    entries.append(((*sections, section), section, link["href"], True))
                walk(
                    nested.find("ul", class_="md-nav__list", recursive=False), (*sections, section)
                )
                continue
            link = item.find("a", class_="md-nav__link", recursive=False)
            if link is not None and not link["href"].startswith("#"):
                entries.append((sections, text_of(link), link["href"], False))

    primary = soup.select_one("nav.md-nav--primary > ul.md-nav__list")
    assert primary is not None, "no primary navigation in the built page"
    walk(primary, ())
    return entries


def test_every_lecture_is_in_the_built_navigation_in_order(built_site, parsed_page):
    entries = built_navigation((built_site / "index.html").read_text(encoding="utf-8"))
    for section, titles in LECTURES:
        found = [
            (title, href) for path, title, href, index in entries if path == section and not index
        ]
        assert [title for title, _ in found] == titles, (
            f"nav section {' > '.join(section)} lists {[t for t, _ in found]}"
        )
        for title, href in found:
            page = built_site / href.split("#")[0] / "index.html"
            assert page.is_file(), f"{title!r} links to {href}, which was not built"
            heading = parsed_page(page).find("h1")
            assert heading is not None, f"{href}: the page has no title"
            assert text_of(heading).rstrip("¶ ").strip() == title, (
                f"{href}: the page's title is {text_of(heading)!r}, the nav says {title!r}"
            )


def test_the_notation_page_and_the_week_indexes_are_in_the_navigation(built_site):
    entries = built_navigation((built_site / "index.html").read_text(encoding="utf-8"))
    titles = {(path, title) for path, title, _, _ in entries}
    assert ((COURSE,), "Notation") in titles
    indexes = {path for path, _, _, index in entries if index}
    assert {
        (COURSE,),
        (COURSE, "Week 1"),
        (COURSE, "Week 2"),
        (COURSE, "Week 3"),
        (COURSE, "Week 4"),
        (COURSE_2,),
        (COURSE_2, "Week 1"),
    } <= indexes


RAW_TEX = re.compile(r"\\\(|\\\[|\$")


def test_no_navigation_label_shows_raw_tex(built_site, parsed_page):
    """Nav and table-of-contents labels are plain text: MathJax never typesets them, so a
    heading with math needs a ``data-toc-label`` without it."""
    raw = []
    labels = "nav.md-nav .md-ellipsis, nav.md-nav .md-nav__title"
    for page in sorted(built_site.rglob("index.html")):
        for label in parsed_page(page).select(labels):
            if RAW_TEX.search(text_of(label)):
                raw.append(f"{page.relative_to(built_site)}: {text_of(label)!r}")
    assert not raw, "labels with raw TeX:\n" + "\n".join(sorted(set(raw)))
