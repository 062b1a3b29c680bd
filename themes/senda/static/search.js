// Site search, with no server: senda writes search-index.js at the site root when
// site.toml says build_search_index = true, and beside it shards of terms and of documents
// in search-index/ (see src/search/shards.rs). The root is loaded on first use, then only
// the term shards of the query's words and the document shards of the results shown, each
// with a <script> element, not fetch, so search also works from a copy of the site opened
// as file://. Each shard calls sendaSearchShard(name, data).
//
// Matching without a stemmer: the index holds Snowball stems folded to ASCII, each a prefix
// of the words it came from. A query is folded the same way; each word matches the
// longest indexed stem that is a prefix of it (the word itself when shorter than 3), and
// the last word, while it is being typed, also every stem that starts with it. A result
// must match every word; results are ranked by summed weights.
(function () {
  "use strict";
  // search.js lives at the site root: the root is its own address without the file name.
  var me = document.currentScript;
  var ROOT = me ? me.src.replace(/[^\/?#]*([?#].*)?$/, "") : "/";
  var SHOWN = 20, CONTEXT = 70, EXCERPT = 220, EXPANSIONS = 300;

  var form = document.querySelector("form.site-search");
  if (!form) return;
  var input = document.getElementById("buscar-campo");
  var status = document.getElementById("buscar-estado");
  var box = document.getElementById("buscar-resultados");
  var list = box.querySelector("ol");
  var index = null, timer = 0, decoded = {}, shards = {}, loading = {};

  window.sendaSearchShard = function (name, data) {
    shards[name] = data;
  };

  function fold(text) {
    text = String(text);
    if (text.normalize) text = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return text.toLowerCase();
  }

  // Loads a script once; `done` runs when it has run, with whether it could be loaded.
  function script(name, src, done) {
    if (loading[name]) return;
    loading[name] = true;
    var el = document.createElement("script");
    el.src = src;
    el.onload = function () {
      delete loading[name];
      done(true);
    };
    el.onerror = function () {
      delete loading[name];
      el.parentNode.removeChild(el);
      done(false);
    };
    document.head.appendChild(el);
  }

  function load() {
    if (index) return;
    if (window.sendaSearchIndex) {
      index = window.sendaSearchIndex;
      return;
    }
    script("root", ROOT + "search-index.js", function (ok) {
      index = (ok && window.sendaSearchIndex) || null;
      if (index) update();
      else failed();
    });
  }

  // Loads the shards not loaded yet; true when every one is there.
  function need(names) {
    var missing = names.filter(function (name) { return !shards[name]; });
    missing.forEach(function (name) {
      var file = name.charAt(0) + "/" + name.slice(1) + ".js";
      script(name, ROOT + "search-index/" + file, function (ok) {
        if (ok && shards[name]) update();
        else failed();
      });
    });
    return !missing.length;
  }

  function failed() {
    if (input.value.trim()) status.textContent = "No se pudo cargar el índice de búsqueda.";
  }

  // The position of `term` in the sorted `terms`, or where it would be.
  function position(terms, term) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // The term shards a word needs: those holding terms from its first three letters to the
  // word followed by anything, a contiguous run of the sorted terms.
  function termShards(word) {
    var lo = word.slice(0, 3), hi = word + "\uffff", names = [];
    for (var i = position(index.last, lo); i < index.shards.length && index.shards[i] <= hi; i++) {
      names.push("t" + i);
    }
    return names;
  }

  // The terms and postings of some term shards, in term order.
  function terms(names) {
    var view = { terms: [], postings: [] };
    names.forEach(function (name) {
      view.terms = view.terms.concat(shards[name][0]);
      view.postings = view.postings.concat(shards[name][1]);
    });
    return view;
  }

  function postings(view, i) {
    var term = view.terms[i];
    if (!decoded[term]) {
      var flat = view.postings[i], pairs = [], doc = 0;
      for (var k = 0; k < flat.length; k += 2) {
        doc += flat[k];
        pairs.push(doc, flat[k + 1]);
      }
      decoded[term] = pairs;
    }
    return decoded[term];
  }

  // Indexes of the terms a query word matches, and the prefixes to highlight.
  function match(view, word, typing, marks) {
    var found = [], terms = view.terms, n, i;
    for (n = word.length; n >= Math.min(3, word.length); n--) {
      i = position(terms, word.slice(0, n));
      if (terms[i] === word.slice(0, n)) {
        found.push(i);
        marks.push(terms[i]);
        break;
      }
    }
    if (typing) {
      marks.push(word);
      for (i = position(terms, word); i < terms.length && found.length < EXPANSIONS; i++) {
        if (terms[i].lastIndexOf(word, 0) !== 0) break;
        if (terms[i] !== terms[found[0]]) found.push(i);
      }
    }
    return found;
  }

  // The query's results, ranked, and the prefixes to mark; null for a query of no words,
  // undefined while shards it needs are loading.
  function search(query) {
    var folded = fold(query), words = [], marks = [];
    folded.split(/[^a-z0-9]+/).forEach(function (w) {
      if (w.length >= 2 && index.stop.indexOf(w) < 0 && words.indexOf(w) < 0) words.push(w);
    });
    if (!words.length) return null;
    var names = words.map(termShards);
    if (!need([].concat.apply([], names))) return undefined;
    var typing = /[a-z0-9]$/.test(folded), scores = null;
    words.forEach(function (word, k) {
      var found = {}, view = terms(names[k]);
      match(view, word, typing && k === words.length - 1, marks).forEach(function (i) {
        var pairs = postings(view, i);
        for (var i = 0; i < pairs.length; i += 2) found[pairs[i]] = (found[pairs[i]] || 0) + pairs[i + 1];
      });
      if (scores) {
        for (var doc in scores) {
          if (found[doc]) scores[doc] += found[doc];
          else delete scores[doc];
        }
      } else {
        scores = found;
      }
    });
    var docs = Object.keys(scores).map(Number);
    docs.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
    var shown = docs.slice(0, SHOWN).map(function (n) { return "d" + Math.floor(n / index.per); });
    if (!need(shown)) return undefined;
    return { docs: docs, marks: marks };
  }

  function href(url) {
    var link = ROOT + url;
    if (location.protocol === "file:" && /\/$/.test(link)) link += "index.html";
    return link;
  }

  // The text folded letter by letter, with where each folded letter came from.
  function foldWithMap(text) {
    var folded = fold(text), map = [], i;
    if (folded.length === text.length) {
      for (i = 0; i <= text.length; i++) map.push(i);
      return { text: folded, map: map };
    }
    folded = "";
    for (i = 0; i < text.length; i++) {
      var f = fold(text.charAt(i));
      for (var k = 0; k < f.length; k++) map.push(i);
      folded += f;
    }
    map.push(text.length);
    return { text: folded, map: map };
  }

  // An excerpt around the first matching word, matching words in <mark>.
  function excerpt(text, marks) {
    var folded = foldWithMap(text), re = /[a-z0-9]+/g, hits = [], m;
    while ((m = re.exec(folded.text))) {
      for (var i = 0; i < marks.length; i++) {
        if (m[0].lastIndexOf(marks[i], 0) === 0) {
          hits.push([folded.map[m.index], folded.map[m.index + m[0].length]]);
          break;
        }
      }
    }
    var start = hits.length ? Math.max(0, hits[0][0] - CONTEXT) : 0;
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    var end = Math.min(text.length, start + EXCERPT);
    if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    var p = document.createElement("p"), at = start;
    p.className = "buscar-extracto";
    if (start > 0) p.appendChild(document.createTextNode("…"));
    hits.forEach(function (hit) {
      if (hit[0] < at || hit[1] > end) return;
      p.appendChild(document.createTextNode(text.slice(at, hit[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(hit[0], hit[1]);
      p.appendChild(mark);
      at = hit[1];
    });
    p.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? "…" : "")));
    return p;
  }

  function show(open) {
    box.hidden = !open;
  }

  // Shows the results of the query in the box. While shards are loading the previous
  // results stay; each shard, once loaded, calls this again.
  function update() {
    var query = input.value;
    if (!query.trim()) {
      list.textContent = "";
      status.textContent = "";
      show(false);
      return;
    }
    if (!index) {
      load();
      return;
    }
    var found = search(query);
    if (found === undefined) return;
    list.textContent = "";
    if (!found) {
      status.textContent = "";
      show(false);
      return;
    }
    var total = found.docs.length;
    found.docs.slice(0, SHOWN).forEach(function (n) {
      var doc = shards["d" + Math.floor(n / index.per)][n % index.per], li = document.createElement("li"), a = document.createElement("a");
      a.href = href(doc[0]);
      a.textContent = doc[1];
      li.appendChild(a);
      if (doc[2]) {
        var section = document.createElement("span");
        section.className = "buscar-seccion";
        section.textContent = doc[2];
        li.appendChild(section);
      }
      li.appendChild(excerpt(doc[3], found.marks));
      list.appendChild(li);
    });
    status.textContent = total === 0 ? "Sin resultados para «" + query.trim() + "»."
      : (total === 1 ? "1 resultado" : total + " resultados")
        + (total > SHOWN ? "; se muestran los " + SHOWN + " primeros." : ".");
    show(total > 0);
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  form.hidden = false;
  input.addEventListener("focus", load);
  input.addEventListener("click", function () {
    if (list.firstChild) show(true);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 60);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "Down") {
      var first = links()[0];
      if (first) {
        show(true);
        first.focus();
        e.preventDefault();
      }
    } else if ((e.key === "Escape" || e.key === "Esc") && !box.hidden) {
      show(false);
      e.preventDefault();
    }
  });
  list.addEventListener("keydown", function (e) {
    var all = links(), i = all.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === "ArrowDown" || e.key === "Down") {
      all[Math.min(i + 1, all.length - 1)].focus();
    } else if (e.key === "ArrowUp" || e.key === "Up") {
      (i === 0 ? input : all[i - 1]).focus();
    } else if (e.key === "Escape" || e.key === "Esc") {
      show(false);
      input.focus();
    } else {
      return;
    }
    e.preventDefault();
  });
  // Enter in the box opens the first result; there is no server to submit to.
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    update();
    var first = links()[0];
    if (first) location.href = first.href;
  });
  // Leaving the search, with Tab or a click elsewhere, closes the results. (Not on every
  // focusout: some browsers do not focus a clicked link, and the click would be lost.)
  form.addEventListener("focusout", function (e) {
    if (e.relatedTarget && !form.contains(e.relatedTarget)) show(false);
  });
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target)) show(false);
  });
})();
