"""MkDocs hook: finish the pages that mkdocs-jupyter makes from the .ipynb files in docs/.

Under each notebook page's title it adds two links: download the notebook (the plugin's
``include_source`` copies the .ipynb next to the page) and open it in Colab, which reads
the notebook from the GitHub repository named by ``repo_url``, on the branch named by
``edit_uri``. It also fails the build when a notebook shows an image without alt text:
nbconvert writes ``<img>`` without ``alt`` for plain matplotlib output, so figures must
be shown with ``coursecode.presentation.notebook_display.show_figure``. (nbconvert fills
a missing alt with a placeholder sentence, which says nothing about the figure; it counts
as missing.)
"""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError

GITHUB = re.compile(r"^https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$")
BRANCH_IN_EDIT_URI = re.compile(r"^(?:edit|blob)/(?P<branch>[^/]+)/")
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT = re.compile(r"""\balt\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
NBCONVERT_PLACEHOLDER = "No description has been provided for this image"
FIRST_H1_END = re.compile(r"</h1>", re.IGNORECASE)


def has_alt_text(img_tag: str) -> bool:
    match = ALT.search(img_tag)
    alt = (match["double"] or match["single"] or "").strip() if match else ""
    return bool(alt) and alt != NBCONVERT_PLACEHOLDER


def is_notebook_page(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def colab_url(config, src_uri: str) -> str:
    """Colab's address for the notebook ``src_uri`` (relative to docs_dir) in the repository."""
    match = GITHUB.match(config.repo_url or "")
    if not match:
        raise PluginError(
            f"repo_url must be a GitHub repository (https://github.com/<owner>/<repo>) for the "
            f"notebooks' 'Open in Colab' links, got {config.repo_url!r}"
        )
    branch_match = BRANCH_IN_EDIT_URI.match(config.edit_uri or "")
    branch = branch_match["branch"] if branch_match else "main"
    docs_dir = Path(config.docs_dir).resolve()
    root = Path(config.config_file_path).resolve().parent
    path = PurePosixPath(docs_dir.relative_to(root).as_posix()) / src_uri
    return (
        f"https://colab.research.google.com/github/{match['owner']}/{match['repo']}"
        f"/blob/{branch}/{path}"
    )


def on_page_content(html_content, page, config, files):
    if not is_notebook_page(page):
        return html_content

    missing = [tag[:80] for tag in IMG.findall(html_content) if not has_alt_text(tag)]
    if missing:
        raise PluginError(
            f"{page.file.src_uri}: {len(missing)} image(s) without alt text, e.g. "
            f"{missing[0]!r}... Show figures with "
            "coursecode.presentation.notebook_display.show_figure"
        )

    name = PurePosixPath(page.file.src_uri).name
    links = (
        '<p class="notebook-links">'
        f'<a class="md-button" href="{html.escape(name)}" download>'
        "Download the notebook (.ipynb)</a> "
        f'<a class="md-button" href="{html.escape(colab_url(config, page.file.src_uri))}">'
        "Open in Colab</a></p>"
    )
    heading = FIRST_H1_END.search(html_content)
    if heading is None:
        return links + html_content
    return html_content[: heading.end()] + links + html_content[heading.end() :]
