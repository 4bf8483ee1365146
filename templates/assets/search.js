// Pagefind's own interface, in Arabic (it follows <html lang="ar" dir="rtl">), loaded from this site only.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  new PagefindUI({
    element: "#search",
    bundlePath: box.dataset.bundle,
    // Result addresses are indexed from the site's root; this keeps them right under any sub-path.
    baseUrl: new URL(box.dataset.base, document.baseURI).pathname,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true
  });
  // Pagefind's field carries only a title; give it a real accessible name.
  function name() {
    var input = box.querySelector("input");
    if (!input) return requestAnimationFrame(name);
    input.setAttribute("aria-label", "ابحث في الأحداث والمواقع والمصادر");
  }
  name();
})();
