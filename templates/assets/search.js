// Pagefind's own interface, in Arabic words the builder supplies, loaded from this site only.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  // A query is folded as the builder folded the indexed text (builder/arabic/normalise.py): invisible
  // characters and tashkeel dropped, Persian letters read as Arabic, joined particles read apart.
  var table = JSON.parse(box.dataset.fold);
  var ignored = new RegExp(table.ignored, "gu");
  function key(word) {
    word = word.normalize("NFKC").replace(ignored, "");
    Object.keys(table.letters).forEach(function (letter) { word = word.split(letter).join(table.letters[letter]); });
    return word;
  }
  function withoutParticles(word) {
    var rest = word, stem = table.stem;
    if (rest.length > stem && table.conjunctions.indexOf(rest[0]) >= 0) rest = rest.slice(1);
    if (rest.startsWith(table.lam_article) && rest.length > stem + 1) return table.article + rest.slice(2);
    if (rest.length > stem && table.prepositions.indexOf(rest[0]) >= 0 &&
        (rest.slice(1).startsWith(table.article) || rest.length > stem + 1)) rest = rest.slice(1);
    return rest;
  }
  function term(query) {
    return query.split(/\s+/).map(function (w) { return w && withoutParticles(key(w)); }).join(" ").trim();
  }
  window.briefingSearchTerm = term;  // the same folding for scripts that query Pagefind's API
  new PagefindUI({
    element: "#search",
    bundlePath: box.dataset.bundle,
    // Result addresses are indexed from the site's root; this keeps them right under any sub-path.
    baseUrl: new URL(box.dataset.base, document.baseURI).pathname,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true,
    processTerm: term,
    translations: JSON.parse(box.dataset.interface)
  });
  // Pagefind's field carries only a title; give it a real accessible name.
  function name() {
    var input = box.querySelector("input");
    if (!input) return requestAnimationFrame(name);
    input.setAttribute("aria-label", JSON.parse(box.dataset.interface).search_label);
  }
  name();
})();
