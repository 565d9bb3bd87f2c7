"""MkDocs hook of the PDF build (tools/build_pdf.py): the print page typeset and printed.

mkdocs-print-site-plugin joins the HTML of every page of the nav into ``print_page/``. It
takes each page's HTML when the plugin's ``on_page_content`` runs, which is before this
site's hooks have finished with it (notebook figures written to files, diagrams drawn),
and it writes its page in ``on_post_build``, after hooks/prerender_math.py has collected
the pages whose formulas it typesets. So this hook, which must be the first of the hooks:

- hands the plugin each page's final HTML (``on_page_content``, last of all);
- typesets the print page's formulas with hooks/prerender_math.py's own functions, then
  prints the page with Chromium (Playwright, as the browser tests do) to ``course.pdf``,
  serving the built site on 127.0.0.1 and refusing every request to another host;
- shows the home page's link to the PDF, which docs/index.md keeps in an HTML comment
  (``<!-- course-pdf: ... -->``) so that the ordinary build, which makes no PDF, has no
  link to a missing file. The link is then checked by hooks/check_links.py like any other.
"""

from __future__ import annotations

import functools
import http.server
import logging
import os
import re
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.course_pdf")

PDF_NAME = "course.pdf"
LINK_COMMENT = re.compile(r"<!--\s*course-pdf:\s*(?P<text>.+?)\s*-->", re.DOTALL)
# Debian's package; CHROMIUM names another Chromium-based browser (GitHub's runners have Chrome).
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Scripts the printed page does without: Material's (search, copy buttons, the table of
# contents) and the scroll hints of javascripts/accessibility.js, which measures every
# scrolling region; on the print page (every page at once, ~9 MB) they kept Chromium busy
# for minutes. Paper needs neither; print-site.js, which writes the contents, still runs.
UNUSED_SCRIPTS = ("/assets/javascripts/", "/javascripts/accessibility.js")


def on_files(files, config):
    # Registered so MkDocs knows the home page's link; the printed PDF replaces it at the end.
    files.append(File.generated(config, PDF_NAME, content=b""))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != "index.md":
        return markdown
    markdown, found = LINK_COMMENT.subn(lambda match: match["text"], markdown)
    if not found:
        raise PluginError("docs/index.md has no '<!-- course-pdf: ... -->' link to show")
    return markdown


@event_priority(-100)  # after every other hook has changed the page
def on_page_content(html_content, page, config, files):
    page.html = html_content  # what mkdocs-print-site-plugin joins into its page
    return html_content


# Each page of a notebook links the notebooks' stylesheet relative to itself, a path the
# plugin leaves as it is; on the print page it is linked once, from the head.
NOTEBOOK_CSS = re.compile(
    r"""<link\b[^>]*?href=["'](?:\.\./)*(?P<path>assets/stylesheets/notebook\.[^"']+\.css)["'][^>]*>"""
)
# A code line's number links to the line itself: the plugin prefixes the link with the page
# but not the line's id. On paper the link is of no use, so it goes.
LINE_LINK = re.compile(r'(<a id="__codelineno-[^"]*" name="__codelineno-[^"]*") href="#[^"]*"')
# A link to the home page becomes "#." (the plugin's anchor for the URL "."), but the
# plugin's section of the home page has the id "index".
HOME_LINK = 'href="#."'
HOME_SECTION = 'href="#index"'


def tidy(text: str) -> str:
    """The print page with its notebook stylesheet in the head, no code-line links, and
    links to the home page leading to its section."""
    sheets = dict.fromkeys(match["path"] for match in NOTEBOOK_CSS.finditer(text))
    text = LINE_LINK.sub(r"\1", NOTEBOOK_CSS.sub("", text)).replace(HOME_LINK, HOME_SECTION)
    links = "".join(f'<link rel="stylesheet" href="../{path}">' for path in sheets)
    head_end = text.index("</head>")
    return text[:head_end] + links + text[head_end:]


def typeset(text: str, source: str, math, root: Path) -> str:
    """``text`` (an HTML page) with its formulas typeset by prerender_math's renderer."""
    fragments = math.find_fragments(text)
    if not fragments:
        return text
    record = math._Page(source=source, output=Path(source))
    for fragment in fragments:
        original = text[fragment.start : fragment.end]
        record.originals.append(original)
        record.fragments.append(math.numeric_entities(original))
    answer = math.render(root, [record])
    result = answer["pages"][0]
    if result["errors"]:
        raise PluginError(f"{source}: {len(result['errors'])} formula(s) MathJax cannot typeset")
    rendered = [  # None: a fragment without a formula, left as it was
        html if html is not None else original
        for html, original in zip(result["fragments"], record.originals, strict=True)
    ]
    rendered[0] = result["glyphs"] + rendered[0]
    pieces, last = [], 0
    for fragment, html in zip(fragments, rendered, strict=True):
        pieces += [text[last : fragment.start], html]
        last = fragment.end
    pieces.append(text[last:])
    text = "".join(pieces)
    head_end = text.index("</head>")
    return f"{text[:head_end]}<style>{answer['stylesheet']}</style>{text[head_end:]}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def print_to_pdf(site: Path, page_path: str, pdf: Path) -> None:
    """Print ``page_path`` of the site in ``site`` to ``pdf``."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise PluginError(f"{CHROMIUM} not found: run 'make browser-deps' to install Chromium")
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    elsewhere: list[str] = []

    def local_only(route):
        url = route.request.url
        if urlsplit(url).hostname != "127.0.0.1":
            elsewhere.append(url)
            route.abort()
        elif any(script in url for script in UNUSED_SCRIPTS):
            route.abort()
        else:
            route.continue_()

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(color_scheme="light")
                page.route("**/*", local_only)
                page.goto(
                    f"http://127.0.0.1:{server.server_port}/{page_path}",
                    wait_until="load",
                    timeout=120_000,
                )
                # Notebook figures load lazily on the site: on paper every one is needed now.
                page.evaluate("for (const image of document.images) image.loading = 'eager'")
                page.wait_for_function(
                    "Array.from(document.images).every(image => image.complete)",
                    timeout=120_000,
                )
                # The MathML copy of each formula is for screen readers and draws nothing:
                # the PDF's text is the same without it (checked: 287 sheets, 646,455
                # characters either way), and without its 41,805 elements page.pdf took
                # 37 s instead of 44 s. Only this tab loses it; print_page/ keeps it.
                page.evaluate(
                    "document.querySelectorAll('mjx-assistive-mml').forEach(m => m.remove())"
                )
                page.emulate_media(media="print", color_scheme="light")
                page.pdf(
                    path=str(pdf),
                    format="A4",
                    print_background=True,  # page numbers: the plugin's @page rules
                    margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                )
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    if elsewhere:
        raise PluginError(f"the print page asked another host for: {', '.join(elsewhere[:5])}")
    if not pdf.read_bytes().startswith(b"%PDF"):
        raise PluginError(f"{pdf}: Chromium did not write a PDF")


def on_post_build(config):
    print_site = config.plugins.get("print-site")
    math = config.plugins.get("hooks/prerender_math.py")
    if print_site is None or math is None:
        raise PluginError("course_pdf.py needs the print-site plugin and prerender_math.py")
    started = time.perf_counter()
    site = Path(config.site_dir)
    print_page = Path(print_site.print_page.file.abs_dest_path)
    text = print_page.read_text(encoding="utf-8")
    root = Path(config.config_file_path).resolve().parent
    print_page.write_text(typeset(tidy(text), "print_page", math, root), encoding="utf-8")
    pdf = site / PDF_NAME
    print_to_pdf(site, print_page.parent.relative_to(site).as_posix() + "/", pdf)
    log.info(
        "printed %s (%.1f MB) in %.1f s",
        PDF_NAME,
        pdf.stat().st_size / 1e6,
        time.perf_counter() - started,
    )
