// Offline reading (`offline = true` in site.toml): registers the site's service worker
// (sw.js, beside this file at the site's root) and keeps this page on the device, then shows
// the page's "available offline" mark. Nothing happens from file://, where browsers run no
// service worker; the site works from there as it is.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !('serviceWorker' in navigator) || !('caches' in window)) return;
  if (!/^https?:$/.test(location.protocol)) return;
  var worker = new URL('sw.js', script.src).href;
  var page = location.href.split('#')[0];
  function showMark() {
    var marks = document.querySelectorAll('[data-offline-mark]');
    for (var i = 0; i < marks.length; i++) marks[i].hidden = false;
  }
  navigator.serviceWorker.register(worker)
    .then(function () { return navigator.serviceWorker.ready; })
    .then(function () { return caches.open('senda-paginas'); })
    .then(function (cache) {
      return cache.match(page, { ignoreSearch: true }).then(function (kept) {
        return kept || cache.add(page);
      });
    })
    .then(showMark)
    .catch(function () { /* no offline copy: the page works as it is */ });
})();
