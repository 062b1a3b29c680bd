// Filters for the plan listings (progressive enhancement: without it the lists are complete).
(function () {
  "use strict";
  var form = document.getElementById("filtros");
  if (!form) return;
  var selects = form.querySelectorAll("select[data-filtro]");
  var items = document.querySelectorAll(".plan-ficha");
  var grupos = document.querySelectorAll("[data-grupo]");
  var conteo = document.getElementById("conteo");

  function dedupe(select) {
    var seen = {};
    Array.prototype.slice.call(select.options).forEach(function (o) {
      if (seen[o.value]) o.remove();
      seen[o.value] = true;
    });
  }

  function matches(item) {
    for (var i = 0; i < selects.length; i++) {
      var s = selects[i], v = s.value, key = s.getAttribute("data-filtro");
      if (!v) continue;
      var have = item.getAttribute("data-" + key) || "";
      if (key === "nivel" ? have.split(" ").indexOf(v) < 0 : have !== v) return false;
    }
    return true;
  }

  function update() {
    var shown = 0;
    Array.prototype.forEach.call(items, function (item) {
      var ok = matches(item);
      item.hidden = !ok;
      if (ok) shown++;
    });
    // Innermost groups first (UGEL), then DRE: hide a group with no visible plan.
    Array.prototype.slice.call(grupos).reverse().forEach(function (g) {
      g.hidden = !g.querySelector(".plan-ficha:not([hidden])");
    });
    // The words are the theme's strings, carried by the element (theme.toml [strings]).
    if (conteo) conteo.textContent = shown === items.length
      ? items.length + " " + conteo.getAttribute(items.length === 1 ? "data-uno" : "data-varios") + "."
      : conteo.getAttribute("data-parte").replace("{shown}", shown).replace("{total}", items.length) + ".";
  }

  Array.prototype.forEach.call(selects, function (s) {
    dedupe(s);
    // A filter with one choice only narrows nothing: leave it out.
    if (s.options.length <= 2) s.parentNode.hidden = true;
    s.addEventListener("change", update);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  if (!form.querySelector("label:not([hidden])")) return;
  form.hidden = false;
  // The browser may restore a previous choice when going back to the page.
  if (Array.prototype.some.call(selects, function (s) { return s.value; })) update();
})();
