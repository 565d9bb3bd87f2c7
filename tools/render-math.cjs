#!/usr/bin/env node
// Typeset the formulas of every page at build time: MathJax 3 (npm `mathjax`) in Node turns
// each formula into CommonHTML with hidden MathML for screen readers, so the pages ship no
// MathJax JavaScript. hooks/prerender_math.py drives it, once per build:
//
//   stdin:  {"config": {...MathJax configuration...},
//            "pages": [{"page": "docs/...", "fragments": ["<span class=\"arithmatex\">\\(x\\)</span>", ...]}]}
//   stdout: {"pages": [{"page", "fragments": [HTML or null], "formulas": [n, ...],
//                       "errors": [{"tex", "message"}]}],
//            "stylesheet": "..."}
//   exit:   0, or 1 if any formula has an error (the output is complete either way), 2 if
//           MathJax itself failed
//
// A fragment is one element whose formulas MathJax typesets (the hook cuts them out of the
// built pages): an arithmatex span or div, or a notebook Markdown cell. Each comes back as
// HTML with its formulas typeset, or null when it holds no formula (the page keeps its
// original). "formulas" counts the formulas found in each fragment.
//
// The stylesheet is MathJax's CSS for every character and construct used anywhere on the
// site (adaptiveCSS), one file for all pages.
//
// Strictness: the `noundefined` package is left out, so a misspelt macro such as \frca is
// an error (in a browser it would only turn red), and every error is reported with its TeX.
"use strict";

const fs = require("node:fs");

async function main() {
  const request = JSON.parse(fs.readFileSync(0, "utf8"));
  const config = request.config;
  const errors = [];
  const MathJax = await require("mathjax").init({
    loader: {
      load: ["adaptors/liteDOM", "input/tex", "output/chtml", "a11y/assistive-mml"],
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
    chtml: config.chtml,
    options: config.options,
    startup: { typeset: false },
  });
  // The hook turns named entities into numeric ones; MathJax would otherwise try to load
  // files that the npm package does not ship.
  MathJax._.util.Entities.options.loadMissingEntities = false;
  const adaptor = MathJax.startup.adaptor;
  // Parsing can stop to load a file (a TeX extension such as boldsymbol): MathJax then
  // throws a "retry" and this runs the step again once the file is in.
  const retrying = (step) => MathJax._.mathjax.mathjax.handleRetriesFor(step);

  const pages = [];
  let failed = false;
  for (const { page, fragments } of request.pages) {
    errors.length = 0;
    const html = `<html><head></head><body>${fragments.join("")}</body></html>`;
    const parsed = adaptor.parse(html, "text/html");
    const roots = adaptor.childNodes(adaptor.body(parsed)).filter((n) => adaptor.kind(n) !== "#text");
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
    pages.push({
      page,
      fragments: roots.map((root, index) => (formulas[index] ? adaptor.outerHTML(root) : null)),
      formulas,
      errors: found,
    });
  }
  const sheet = MathJax.startup.output.chtmlStyles;
  const stylesheet = sheet ? adaptor.textContent(sheet) : "";
  process.stdout.write(JSON.stringify({ pages, stylesheet }));
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
