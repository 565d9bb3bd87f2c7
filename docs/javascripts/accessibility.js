// Material's search overlay is a role="dialog" element with no name, which screen readers
// announce as an unnamed dialog; name it after its input.
const searchDialog = document.querySelector('.md-search[role="dialog"]');
if (searchDialog && !searchDialog.hasAttribute("aria-label")) {
  searchDialog.setAttribute("aria-label", "Search");
}

// A wide table, a display formula, a code block, a row of tabs, or a notebook cell whose lines are wider than the page
// scrolls sideways. Keyboard users can only scroll it if it can take the focus (Material
// does the same for its code blocks), and every reader should see that there is more: the
// region gets data-more="left", "right" or "left right", the edges that hide content, and
// extra.css fades those edges. Once it takes the focus, a region is named, so that a screen
// reader says what the reader has reached ("Code, group"), where it said nothing or only
// "code": a group, not a region, which would join the page's list of landmarks. The row of
// tabs keeps its own role, and an inline formula's box MathJax's (no name below).
const SCROLLING_REGIONS = [
  [".md-typeset__scrollwrap", "Table"],
  [".md-typeset pre > code", "Code"],
  [".md-typeset .tabbed-labels", null],
  [".md-typeset div.arithmatex", "Formula"],
  [".md-typeset mjx-container.formula-scrolls", null],
  [".jupyter-wrapper .highlight-ipynb", "Code"],
  [".jupyter-wrapper .jp-OutputArea-output pre", "Output"],
];
const SCROLLING = SCROLLING_REGIONS.map(([selector]) => selector).join(", ");

function hiddenEdges(region) {
  const more = [];
  if (region.scrollLeft > 1) more.push("left");
  if (region.scrollLeft + region.clientWidth < region.scrollWidth - 1) more.push("right");
  return more.join(" ");
}

function nameRegion(region) {
  if (region.hasAttribute("aria-label")) return;
  const [, name] = SCROLLING_REGIONS.find(([selector]) => region.matches(selector)) ?? [];
  if (!name) return;
  region.setAttribute("role", "group");
  region.setAttribute("aria-label", name);
}

function mark(regions) {
  // Measure every region first, then write: a write between two reads would make the
  // browser lay the page out again for each region (a page can have 80 display formulas).
  const measured = regions.map((region) => [
    region,
    region.scrollWidth > region.clientWidth + 1,
    hiddenEdges(region),
  ]);
  for (const [region, wide, edges] of measured) {
    if (wide) {
      region.setAttribute("tabindex", "0");
      nameRegion(region);
      region.setAttribute("data-more", edges);
    } else {
      region.removeAttribute("data-more");
    }
  }
}

// A region's size changes when the page first shows it, when the window is resized, and
// when a hidden tab or a closed <details> around it opens: mark it again each time.
const resized = new ResizeObserver((entries) => mark(entries.map((entry) => entry.target)));

let resizing = 0;
window.addEventListener("resize", () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(() => {
    boxWideInlineFormulas();
    for (const region of document.querySelectorAll(SCROLLING)) resized.observe(region);
  });
});

// One listener for the whole page: scroll events of the regions reach it in the capture phase.
document.addEventListener(
  "scroll",
  (event) => {
    const region = event.target;
    if (region instanceof Element && region.hasAttribute("data-more")) {
      region.setAttribute("data-more", hiddenEdges(region));
    }
  },
  { capture: true, passive: true },
);

// An inline formula cannot break across lines: one wider than the text column (on a phone)
// becomes a box of its own that scrolls sideways, instead of widening the page. Tables
// widen to fit their formulas and scroll as a whole, so formulas in cells stay as they are.
// A formula inside a closed <details> (a quiz's answer) is not drawn, and measuring it
// would make the browser work out the style of that answer, one answer after another while
// the page loads: it is measured when its <details> opens.
function drawn(formula) {
  const closed = formula.closest("details:not([open])");
  return !closed || Boolean(closed.querySelector(":scope > summary")?.contains(formula));
}

function boxWideInlineFormulas(root = document) {
  const formulas = [
    ...root.querySelectorAll(".md-typeset mjx-container:not([display='true'])"),
  ].filter((formula) => !formula.closest("td, th") && drawn(formula));
  const measured = formulas.map((formula) => [
    formula,
    formula.querySelector(":scope > svg")?.getBoundingClientRect().width ?? 0,
    formula.parentElement.closest("p, li, dd, div")?.clientWidth ?? Infinity,
  ]);
  for (const [formula, width, room] of measured) {
    formula.classList.toggle("formula-scrolls", width > room);
  }
}

// "toggle" does not bubble: listen in the capture phase, for every <details> of the page.
document.addEventListener(
  "toggle",
  (event) => {
    if (event.target instanceof HTMLDetailsElement && event.target.open) {
      boxWideInlineFormulas(event.target);
    }
  },
  true,
);

// Once Material has mounted the page (its document$ emits), box the wide formulas and
// observe the regions.
document$.subscribe(() => {
  boxWideInlineFormulas();
  resized.disconnect();
  for (const region of document.querySelectorAll(SCROLLING)) resized.observe(region);
});

// The navigation's section toggles are buttons (hooks/nav_toggles.py): each says whether
// its section is open, and opens or closes it on Space as on Enter (Material's script
// handles Enter by clicking the label, which toggles the section's checkbox).
document.addEventListener("change", (event) => {
  const section = event.target;
  if (!(section instanceof HTMLInputElement) || !section.matches(".md-nav__toggle")) return;
  for (const toggle of document.querySelectorAll(`label[for="${section.id}"][role="button"]`)) {
    toggle.setAttribute("aria-expanded", String(section.checked));
  }
});

document.addEventListener("keydown", (event) => {
  const toggle = event.target;
  if (event.key !== " " || !(toggle instanceof HTMLLabelElement)) return;
  if (!toggle.matches('.md-nav__link[role="button"]')) return;
  event.preventDefault(); // Space would scroll the navigation
  toggle.click();
});
