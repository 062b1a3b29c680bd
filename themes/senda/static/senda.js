// Opened from a folder (file://), a link to "dir/" shows a folder listing: point internal
// links at dir/index.html instead. On a web server nothing changes.
if (location.protocol === "file:") {
  document.querySelectorAll("a[href]").forEach(function (a) {
    var href = a.getAttribute("href");
    if (/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(href)) return;
    a.setAttribute("href", href.replace(/^([^?#]*\/)(?=[?#]|$)/, "$1index.html"));
  });
}
