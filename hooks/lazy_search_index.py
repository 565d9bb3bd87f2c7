"""MkDocs hook: the search and its index wait for a reader to open the search, not every page.

Material's script asked for ``search/search_index.json`` as soon as it ran, on every page
load, and handed it to its search worker. The index is the largest file of the site (it
holds the text of every page; 563 KB, 165 KB compressed, as the site stood when this
hook was written), larger than a page with its stylesheets and scripts. A reader who
never searches paid for it on the first page they opened, and a phone parsed it and
copied it to the worker while the page was still setting itself up; Lighthouse's phone
counted its download against the page's largest paint when it came early.

Four cuts in Material's built script make the index, and the search itself, wait for a
search (``_material_files.py`` makes them, and stops the build if Material's text changed):

1. The index is fetched when something first asks for it, and then kept for the page's
   lifetime (RxJS ``defer`` with ``shareReplay(1)``, Material's ``H`` and ``Z``), instead
   of when the script starts.
2. The search worker asks for it once the search is opened (the ``search`` toggle, which
   a tap on the search button, a click in the search field or the keys ``/``, ``s`` and
   ``f`` check). Material already did this for pages opened from disk.
3. Highlighting the words of a search on the page it led to (``search.highlight``) needs
   the index's settings; it now asks for them only on a page whose address carries the
   search (``?h=``), not on every page.
4. The search itself (its field, its result list and the Web Worker that searches) was
   mounted while the page loaded, about 15 ms of the first task of Material's script on
   the Performance page, unthrottled. Material now hands the mount to
   ``__md_lazy_search`` (``overrides/main.html``), which makes it the first time the
   reader turns to the search: the header's search button, a focus on the field, the
   keys f, s and /, or an address with ``?q=``.

The first search of a visit then waits for the download; ``tests/browser/test_search.py``
checks that a page load neither fetches the index nor starts the worker, that each way of
opening the search does and focuses the field, and that results and highlighting still
work, on a phone and on a desktop.
"""

from __future__ import annotations

from pathlib import Path

# hooks/ is on sys.path while MkDocs loads a hook (see notebook_cache.py)
from _material_files import one_asset, rewrite

MARK = "hooks/lazy_search_index.py"

INDEX_WHEN_ASKED = (
    'zi=document.forms.namedItem("search")?ks():tt',
    "zi=document.forms.search?H(ks).pipe(Z(1)):tt",
)
WORKER_WHEN_OPENED = (
    'L($(location.protocol!=="file:"),Je("search")).pipe(Re(o=>o),b(()=>t))',
    'Je("search").pipe(Re(o=>o),b(()=>t))',
)
HIGHLIGHT_WHEN_SEARCHED = (
    'return z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))])'
    '.pipe(m(([o,n])=>xi(o.config)(n.searchParams.get("h"))),',
    'return r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),'
    'b(n=>t.pipe(m(o=>xi(o.config)(n.searchParams.get("h"))))),',
)
MOUNT_WHEN_USED = (
    '...me("search").map(e=>_i(e,{index$:zi,keyboard$:mo}))',
    "__md_lazy_search(_i,{index$:zi,keyboard$:mo})",
)
CUTS = [INDEX_WHEN_ASKED, WORKER_WHEN_OPENED, HIGHLIGHT_WHEN_SEARCHED, MOUNT_WHEN_USED]


def on_post_build(config):
    script = one_asset(Path(config.site_dir), "javascripts", "bundle.*.min.js", MARK)
    rewrite(script, CUTS, MARK)
