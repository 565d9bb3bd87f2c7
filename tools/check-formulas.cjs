#!/usr/bin/env node
// Typeset the formulas of built pages with MathJax in Node (no browser), the way the pages
// do, and report each TeX error with the page it is on. tests/conftest.py drives it:
//
//   stdin:  [{"page": "...", "fragments": ["<span class=\"arithmatex\">\\(x\\)</span>", ...]}, ...]
//   stdout: one JSON line per page, {"page", "arithmatex", "other", "errors": [{"tex", "message"}]}
//           (formulas found in arithmatex elements, formulas found elsewhere: notebook cells)
//   exit:   1 if any page has an error
//
// The fragments are the elements MathJax typesets on the page (processHtmlClass), cut out
// of the HTML by the caller: MathJax's own small HTML parser gives up on whole notebook
// pages. The MathJax configuration is read from docs/javascripts/mathjax.js itself. One
// difference, on purpose: the `noundefined` package is left out, so that a misspelt macro
// such as \frca is an error here (in the browser it only turns red).
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..");

function siteConfig() {
  // Run the site's configuration script with stand-ins for the browser globals it touches.
  const sandbox = { window: {}, document$: { subscribe() {} } };
  const source = fs.readFileSync(path.join(ROOT, "docs/javascripts/mathjax.js"), "utf8");
  vm.runInNewContext(source, sandbox, { filename: "docs/javascripts/mathjax.js" });
  return sandbox.window.MathJax;
}

async function main() {
  const pages = JSON.parse(fs.readFileSync(0, "utf8"));
  const config = siteConfig();
  const errors = [];
  const MathJax = await require("mathjax").init({
    loader: { load: ["input/tex", "output/chtml"] },
    tex: {
      ...config.tex,
      packages: { "[-]": ["noundefined"] },
      // Keep going after an error, but remember it (MathJax would render an merror node).
      formatError(jax, error) {
        errors.push(error.message);
        return jax.formatError(error);
      },
    },
    options: config.options,
    startup: { typeset: false },
  });
  // Named entities outside MathJax's small built-in table (the permalinks' &para;) would be
  // fetched from files the npm package does not ship; they are not math, so leave them.
  MathJax._.util.Entities.options.loadMissingEntities = false;
  const adaptor = MathJax.startup.adaptor;
  let failed = false;
  // Parsing can stop to load a file (HTML entities, a TeX extension such as boldsymbol):
  // MathJax then throws a "retry" and this runs the step again once the file is in.
  const retrying = (step) => MathJax._.mathjax.mathjax.handleRetriesFor(step);
  for (const { page, fragments } of pages) {
    const html = `<html><body>${fragments.join("\n")}</body></html>`;
    const parsed = await retrying(() => MathJax.startup.adaptor.parse(html, "text/html"));
    const document = MathJax.startup.getDocument(parsed);
    const items = Array.from(document.findMath().math);
    const found = [];
    // An arithmatex element whose TeX MathJax does not find (unbalanced braces hide the
    // closing delimiter) stays raw text on the page.
    const unseen = new Set(adaptor.getElements([".arithmatex"], parsed));
    let inArithmatex = 0;
    for (const item of items) {
      for (let node = item.start.node; node; node = adaptor.parent(node)) {
        if (unseen.delete(node)) inArithmatex += 1;
      }
    }
    for (const element of unseen) {
      found.push({
        tex: adaptor.textContent(element),
        message: "not recognised as a formula, left as raw text (unbalanced braces?)",
      });
    }
    for (const item of items) {
      const message = await retrying(() => {
        errors.length = 0;
        item.compile(document);
        return errors[0];
      });
      if (message !== undefined) {
        found.push({ tex: item.math, message });
      }
    }
    if (found.length) failed = true;
    console.log(
      JSON.stringify({
        page,
        arithmatex: inArithmatex,
        other: items.length - inArithmatex,
        errors: found,
      }),
    );
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
