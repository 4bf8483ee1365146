// Editions published with `briefing publish` sit side by side (/<edition>/, /latest/) with a
// versions.json beside them. On such a site: fill the edition picker, and flag an old edition.
// `briefing publish` marks such pages (data-editions); on a file:// copy the fetch fails and nothing changes.
(function () {
  "use strict";
  // Only a site published as editions has a versions.json to ask for; a plain build would get a 404 a page.
  if (!document.body.hasAttribute("data-editions")) return;
  var current = document.body.getAttribute("data-edition");
  var root = new URL("..", document.currentScript ? document.currentScript.src : location.href);  // the edition's root
  var parent = new URL("..", root);  // where versions.json lives
  fetch(new URL("versions.json", parent)).then(function (r) { return r.ok ? r.json() : null; }).then(function (versions) {
    if (!Array.isArray(versions) || !versions.length) return;
    var here = location.href.slice(root.href.length);
    var picker = document.getElementById("edition-picker");
    versions.forEach(function (v) {
      var option = document.createElement("option");
      option.value = v.version;
      option.textContent = v.title + (v.aliases.indexOf("latest") >= 0 ? " (" + picker.dataset.latest + ")" : "");
      option.selected = v.version === current;
      picker.appendChild(option);
    });
    picker.addEventListener("change", function () { location.href = new URL(picker.value + "/" + here, parent).href; });
    picker.parentNode.hidden = false;
    var latest = versions.filter(function (v) { return v.aliases.indexOf("latest") >= 0; })[0];
    if (latest && latest.version !== current) {
      var banner = document.querySelector(".outdated");
      banner.querySelector("a").href = new URL(latest.version + "/" + here, parent).href;
      banner.hidden = false;
    }
  }).catch(function () {});
})();
