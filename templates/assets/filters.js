// Narrow a brief's events by type and by place. Without JavaScript the briefs index links to
// per-type pages and place pages instead; this only adds the same choice inside one brief.
(function () {
  "use strict";
  var box = document.querySelector("[data-filters]");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.event[data-type]"));
  if (!box || cards.length < 2) return;

  function options(pairs, all) {
    var select = document.createElement("select");
    select.appendChild(new Option(all, ""));
    Object.keys(pairs).sort(function (a, b) { return pairs[a].localeCompare(pairs[b], "ar"); })
      .forEach(function (key) { select.appendChild(new Option(pairs[key], key)); });
    return select;
  }
  function labelled(text, select, id) {
    var label = document.createElement("label");
    label.htmlFor = id; select.id = id; label.textContent = text;
    var wrap = document.createElement("span");
    wrap.appendChild(label); wrap.appendChild(document.createTextNode(" ")); wrap.appendChild(select);
    return wrap;
  }

  var types = {}, places = {};
  cards.forEach(function (card) {
    var type = card.querySelector(".type");
    if (type) types[card.dataset.type] = type.textContent.trim();
    card.querySelectorAll("li[class^='effect-'] a").forEach(function (a) {
      var id = a.getAttribute("href").replace(/\/$/, "").split("/").pop();
      places[id] = a.textContent.trim();
    });
  });
  var words = box.dataset;  // the words come from the page, as the builder wrote them
  var byType = options(types, words.allTypes), byPlace = options(places, words.allPlaces);
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "count";

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = (!byType.value || card.dataset.type === byType.value) &&
               (!byPlace.value || card.dataset.places.split(" ").indexOf(byPlace.value) >= 0);
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    status.textContent = (byType.value || byPlace.value)
      ? words.shown.replace("{shown}", shown).replace("{total}", cards.length) : "";
  }
  // The choice is kept in the address (?type=…&place=…), so a filtered brief can be shared or bookmarked.
  function remember() {
    var query = new URLSearchParams(location.search);
    [["type", byType], ["place", byPlace]].forEach(function (pair) {
      if (pair[1].value) query.set(pair[0], pair[1].value); else query.delete(pair[0]);
    });
    var search = query.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }
  function recall() {
    var query = new URLSearchParams(location.search);
    [["type", byType], ["place", byPlace]].forEach(function (pair) {
      var wanted = query.get(pair[0]);
      if (wanted && Array.prototype.some.call(pair[1].options, function (o) { return o.value === wanted; })) pair[1].value = wanted;
    });
  }
  byType.addEventListener("change", function () { apply(); remember(); });
  byPlace.addEventListener("change", function () { apply(); remember(); });
  box.appendChild(labelled(words.typeLabel + ":", byType, "filter-type"));
  box.appendChild(labelled(words.placeLabel + ":", byPlace, "filter-place"));
  box.appendChild(status);
  recall();
  apply();
  box.hidden = false;
})();
