(function () {
  // senda serve: reloads the page after a rebuild, swaps stylesheets, shows build errors.
  var source = new EventSource("/__senda/events");
  var overlay = null;
  function hideError() { if (overlay) { overlay.remove(); overlay = null; } }
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function () {
    hideError();
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("senda", Date.now());
      link.href = url.href;
    });
  });
  source.addEventListener("error", function (event) {
    if (!event.data) { return; }
    hideError();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "background:#1b1b1b;color:#fff;font:13px/1.5 monospace;padding:1rem;border-top:4px solid #d33;white-space:pre-wrap";
    var title = document.createElement("strong");
    title.textContent = "senda: la última edición tiene errores; se muestra la versión anterior\n\n";
    var text = document.createElement("span");
    text.textContent = event.data;
    overlay.appendChild(title);
    overlay.appendChild(text);
    document.body.appendChild(overlay);
  });
})();
