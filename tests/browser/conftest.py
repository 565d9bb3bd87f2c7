"""One built site, one local server and one Chromium for the whole browser suite.

Chromium is Debian's (``apt-get install chromium``), driven by Playwright for Python; the
suite never downloads a browser. Without Chromium the tests skip, naming the command to
run, unless ``REQUIRE_BROWSER=1`` (set by ``.ci/run``): then they fail.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from by_path import load

ROOT = Path(__file__).resolve().parents[2]
# Debian's package; CHROMIUM names another Chromium-based browser (GitHub's runners have Chrome).
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Every host name but the test server's fails to resolve: a request for another host
    # fails at once and nothing leaves the machine (Traffic below records it).
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


_site_pages = load("tools/site_pages.py")  # which the Lighthouse audit uses too
nav_sources, site_path = _site_pages.nav_sources, _site_pages.site_path


def nav_pages() -> list[str]:
    """The site path of every page in mkdocs.yml's nav ('' for the home page), in nav order."""
    return [site_path(source) for source in nav_sources()]


FENCED_CODE = re.compile(r"^(?P<fence>```|~~~).*?^(?P=fence)", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(?P<ticks>`+).+?(?P=ticks)", re.DOTALL)
DISPLAY_MATH = re.compile(r"\$\$.+?\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"\$[^$]+\$")
# hooks/prerender_math.py leaves this in the head of each page with formulas, followed by
# the number of arithmatex elements it found before typesetting them.
ARITHMATEX_MARKER = re.compile(r"<!-- arithmatex formulas typeset at build time: (\d+) -->")


def notebook_formulas(notebook: Path) -> int:
    """The ``$...$`` and ``$$...$$`` formulas in the Markdown cells of a notebook's source."""
    count = 0
    for cell in json.loads(notebook.read_text())["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        text = CODE_SPAN.sub("", FENCED_CODE.sub("", text)).replace("\\$", "")
        count += len(DISPLAY_MATH.findall(text))
        count += len(INLINE_MATH.findall(DISPLAY_MATH.sub("", text)))
    return count


@pytest.fixture(scope="session")
def source_formulas(built_site) -> dict[str, int]:
    """How many formulas each page of the nav should show, keyed by site path.

    Counted before MathJax saw them: a notebook's from its source; a Markdown page's from
    the number of arithmatex elements, which the build's hook notes in the page.
    """
    counts = {}
    for source in nav_sources():
        path = site_path(source)
        if source.endswith(".ipynb"):
            counts[path] = notebook_formulas(ROOT / "docs" / source)
        else:
            marker = ARITHMATEX_MARKER.search((built_site / path / "index.html").read_text())
            counts[path] = int(marker[1]) if marker else 0
    return counts


def pytest_generate_tests(metafunc):
    if "page_path" in metafunc.fixturenames:
        paths = nav_pages()
        metafunc.parametrize("page_path", paths, ids=[path or "home" for path in paths])


@pytest.fixture(scope="session")
def navigation() -> list[str]:
    return nav_pages()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def server(built_site):
    """The built site on http://127.0.0.1:<free port>/, for the whole session."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        message = (
            f"Chromium not found at {CHROMIUM}: install Debian's package with "
            "`sudo apt-get install chromium` (make test does it when run as root)"
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + "; REQUIRE_BROWSER=1 makes this an error")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Traffic:
    """What the pages ask for: requests to another host, and answers that are errors.

    It listens to the context's events and holds nothing up. Routing every request through
    a handler here made each page load wait for a round trip to Python per request: the
    phone context loaded 40 pages in 0.68 s each that way, and 0.51 s each with a listener.
    Requests to other hosts never get out: ``CHROMIUM_ARGS`` leaves their names unresolved.
    """

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.external: list[str] = []
        self.failed: list[str] = []

    def request(self, request) -> None:
        url = request.url
        if urlsplit(url).scheme not in {"data", "blob"} and not url.startswith(self.origin):
            self.external.append(url)

    def response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def reset(self) -> None:
        self.external.clear()
        self.failed.clear()


# The two screens every page is read on: a desktop window, and a phone held upright (the
# CSS size of a common 6.1" phone; Material's narrow-screen layout applies below 720 px).
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 1,
    },
}


def _new_context(browser, server, viewport: str):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(
        **VIEWPORTS[viewport], color_scheme="light", reduced_motion="reduce"
    )
    context.set_default_timeout(20_000)
    traffic = Traffic(server)
    context.on("request", traffic.request)
    context.on("response", traffic.response)
    context.traffic = traffic
    context.viewport_name = viewport
    return context


@pytest.fixture(scope="session")
def context(browser, server):
    """One desktop browser context (light colour scheme) reused by every page of the suite."""
    context = _new_context(browser, server, "desktop")
    yield context
    context.close()


@pytest.fixture
def fresh_context(browser, server):
    """A function that makes a new context for ``"desktop"`` or ``"phone"``, with an empty
    cache (the session's contexts keep what earlier tests fetched); closed after the test."""
    made = []

    def make(viewport: str):
        made.append(_new_context(browser, server, viewport))
        return made[-1]

    yield make
    for context in made:
        context.close()


@pytest.fixture(scope="session")
def phone_context(browser, server):
    """One phone-sized browser context (390 x 844, touch, light colour scheme)."""
    context = _new_context(browser, server, "phone")
    yield context
    context.close()
