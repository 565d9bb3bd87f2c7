#!/usr/bin/env node
// Typeset the formulas of every page at build time: MathJax 3 (npm `mathjax`) in Node turns
// each formula into SVG, with hidden MathML for screen readers, so the pages ship no MathJax
// JavaScript and need no web fonts. hooks/prerender_math.py drives it, once per build:
//
//   stdin:  {"config": {...MathJax configuration...},
//            "pages": [{"page": "docs/...", "fragments": ["<span class=\"arithmatex\">\\(x\\)</span>", ...]}],
//            "keepGroups": false}  (true: MathJax's own groups, for the test that compares)
//   stdout: {"pages": [{"page", "fragments": [HTML or null], "formulas": [n, ...],
//                       "glyphs": "<svg ...><defs>...</defs></svg>", "errors": [{"tex", "message"}]}],
//            "stylesheet": "..."}
//   exit:   0, or 1 if any formula has an error (the output is complete either way), 2 if
//           MathJax itself failed
//
// A fragment is one element whose formulas MathJax typesets (the hook cuts them out of the
// built pages): an arithmatex span or div, or a notebook Markdown cell. Each comes back as
// HTML with its formulas typeset, or null when it holds no formula (the page keeps its
// original). "formulas" counts the formulas found in each fragment.
//
// Each glyph's outline is written once per page, in "glyphs" (MathJax's global font cache, a
// hidden <svg> the page must contain), and every formula of that page refers to it with <use>.
// The stylesheet is MathJax's CSS for its SVG output; it is the same for every page.
//
// Fewer elements: MathJax wraps every node of a formula in a <g> that names it
// (data-mml-node), and each glyph in a <g> that places it. The names serve MathJax's own
// menus and explorer, which the pages do not ship (screen readers read the hidden MathML),
// so a <g> with nothing else is replaced by its children, and a <g> that only places one
// <use> gives it its transform. On the formula-heaviest lesson this took a fifth of the
// page's elements; the drawing is the same. Tables, errors and actions are left whole:
// MathJax's stylesheet styles their children by their place.
//
// Strictness: the `noundefined` package is left out, so a misspelt macro such as \frca is
// an error (in a browser it would only turn red), and every error is reported with its TeX.
"use strict";

const fs = require("node:fs");

// Attributes that only name the node, and the nodes whose inside MathJax's CSS styles.
const NAMING = new Set(["data-mml-node", "data-mjx-texclass"]);
const LEFT_WHOLE = new Set(["mtable", "merror", "maction"]);

function flatten(adaptor, node) {
  if (adaptor.kind(node) === "g" && LEFT_WHOLE.has(adaptor.getAttribute(node, "data-mml-node"))) {
    return;
  }
  for (const child of [...adaptor.childNodes(node)]) flatten(adaptor, child);
  if (adaptor.kind(node) !== "g") return;
  const attributes = adaptor.allAttributes(node).map((attribute) => attribute.name);
  const children = adaptor.childNodes(node);
  const placing = attributes.every((name) => NAMING.has(name) || name === "transform");
  if (placing && children.length === 0) {
    adaptor.remove(node); // an empty space (mspace) draws nothing wherever it is placed
  } else if (attributes.every((name) => NAMING.has(name))) {
    for (const child of [...children]) adaptor.insert(child, node);
    adaptor.remove(node);
  } else if (
    placing &&
    children.length === 1 &&
    adaptor.kind(children[0]) === "use" &&
    !adaptor.hasAttribute(children[0], "transform")
  ) {
    const use = children[0];
    adaptor.setAttribute(use, "transform", adaptor.getAttribute(node, "transform"));
    adaptor.insert(use, node);
    adaptor.remove(node);
  }
}

async function main() {
  const request = JSON.parse(fs.readFileSync(0, "utf8"));
  const config = request.config;
  const errors = [];
  const MathJax = await require("mathjax").init({
    loader: {
      load: ["adaptors/liteDOM", "input/tex", "output/svg", "a11y/assistive-mml"],
    },
    tex: {
      ...config.tex,
      packages: { "[-]": ["noundefined"] },
      // Render MathJax's error box, but remember the formula and the message.
      formatError(jax, error) {
        errors.push({ tex: jax.latex, message: error.message });
        return jax.formatError(error);
      },
    },
    svg: { ...config.svg, fontCache: "global" },
    options: config.options,
    startup: { typeset: false },
  });
  // The hook turns named entities into numeric ones; MathJax would otherwise try to load
  // files that the npm package does not ship.
  MathJax._.util.Entities.options.loadMissingEntities = false;
  const adaptor = MathJax.startup.adaptor;
  const output = MathJax.startup.output;
  // Parsing can stop to load a file (a TeX extension such as boldsymbol): MathJax then
  // throws a "retry" and this runs the step again once the file is in.
  const retrying = (step) => MathJax._.mathjax.mathjax.handleRetriesFor(step);
  const isElement = (node) => !["#text", "#comment"].includes(adaptor.kind(node));

  const pages = [];
  let failed = false;
  let stylesheet = "";
  for (const { page, fragments } of request.pages) {
    errors.length = 0;
    output.fontCache.clearCache(); // each page gets the glyphs it uses, no more
    const html = `<html><head></head><body>${fragments.join("")}</body></html>`;
    const parsed = adaptor.parse(html, "text/html");
    const roots = adaptor.childNodes(adaptor.body(parsed)).filter(isElement);
    if (roots.length !== fragments.length) {
      throw new Error(`${page}: ${fragments.length} fragments parsed as ${roots.length} elements`);
    }
    const document = MathJax.startup.getDocument(parsed);
    await retrying(() => document.render());

    const formulas = roots.map(() => 0);
    for (const item of document.math) {
      // An escaped dollar sign (\$) is an item too, typeset as a plain <span>$</span>.
      if (adaptor.kind(item.typesetRoot) !== "mjx-container") continue;
      let node = item.start.node;
      while (node && !roots.includes(node)) node = adaptor.parent(node);
      formulas[roots.indexOf(node)] += 1;
    }
    for (const item of request.keepGroups ? [] : document.math) {
      if (adaptor.kind(item.typesetRoot) !== "mjx-container") continue;
      for (const svg of adaptor.childNodes(item.typesetRoot)) {
        if (adaptor.kind(svg) === "svg") flatten(adaptor, svg);
      }
    }
    const found = [...new Map(errors.map((e) => [`${e.tex}\0${e.message}`, e])).values()];
    roots.forEach((root, index) => {
      // An arithmatex element holds exactly one formula; when MathJax finds none (unbalanced
      // braces hide the closing delimiter) it would stay raw text on the page.
      if (adaptor.hasClass(root, "arithmatex") && formulas[index] !== 1) {
        found.push({
          tex: adaptor.textContent(root),
          message: `${formulas[index]} formulas found in one arithmatex element (unbalanced braces?)`,
        });
      }
    });
    if (found.length) failed = true;
    // render() appended the glyph cache to the body and the stylesheet to the head.
    const cache = adaptor.childNodes(adaptor.body(parsed)).filter(isElement).slice(roots.length);
    const style = adaptor.childNodes(adaptor.head(parsed)).filter(isElement);
    if (style.length) stylesheet = adaptor.textContent(style[0]);
    pages.push({
      page,
      fragments: roots.map((root, index) => (formulas[index] ? adaptor.outerHTML(root) : null)),
      formulas,
      glyphs: cache.map((node) => adaptor.outerHTML(node)).join(""),
      errors: found,
    });
  }
  process.stdout.write(JSON.stringify({ pages, stylesheet }));
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
