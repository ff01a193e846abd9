/* timeline: filters, search, permalinks and the theme toggle.
   The page reads fully without this script; it only hides and shows what is already there.
   The filters live in the address (?entity=vladimir-putin&year=2022), so a filtered view can
   be shared; sources and names are given by their slugs, which stay the same on rebuilds.
   A long timeline is split into pages: the filters then also search the other pages through
   the search index (search/chunk-N.js, and search/text-N.js only once words are searched
   for), and a permalink to an entry on another page finds it
   through the entry-to-page map (search/map-N.js). Both are scripts loaded on demand, since
   browsers refuse fetch() on file:// pages. */
(function () {
  "use strict";

  // The data files call these as they load.
  var loaded = { chunk: {}, text: {}, map: {}, pages: {} };
  window.__timeline = {
    pages: function (n, list) { loaded.pages[n] = list; },
    chunk: function (n, rows) { loaded.chunk[n] = rows; },
    text: function (n, texts) { loaded.text[n] = texts; },
    map: function (n, entries) { loaded.map[n] = entries; }
  };
  var pending = {};

  function loadData(root, kind, n) {
    var key = kind + "-" + n;
    if (loaded[kind][n]) { return Promise.resolve(loaded[kind][n]); }
    if (!pending[key]) {
      pending[key] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + "search/" + key + ".js";
        script.onload = function () { resolve(loaded[kind][n] || []); };
        script.onerror = function () { delete pending[key]; reject(new Error(script.src)); };
        document.head.appendChild(script);
      });
    }
    return pending[key];
  }

  // The map shard of an entry: FNV-1a over the id's code points, as navigation.py computes it.
  function shardOf(id, shards) {
    var h = 2166136261;
    for (var i = 0; i < id.length; i++) {
      var cp = id.codePointAt(i);
      if (cp > 0xffff) { i++; }
      h = Math.imul(h ^ cp, 16777619) >>> 0;
    }
    return h % shards;
  }

  var THEME_KEY = "timeline-theme";
  var THEMES = ["auto", "light", "dark"];

  function storedTheme() {
    try { return localStorage.getItem(THEME_KEY) || "auto"; } catch (e) { return "auto"; }
  }

  function applyTheme(theme, button) {
    var root = document.documentElement;
    if (theme === "auto") { root.removeAttribute("data-theme"); } else { root.setAttribute("data-theme", theme); }
    if (button) {
      // The accessible name starts with the visible text, so "click Theme: dark" works by voice.
      button.textContent = "Theme: " + theme;
      button.setAttribute("aria-label", "Theme: " + theme + " (change the colour theme)");
    }
  }

  applyTheme(storedTheme(), null);

  function setupTheme() {
    var button = document.querySelector(".theme-toggle");
    if (!button) { return; }
    applyTheme(storedTheme(), button);
    button.addEventListener("click", function () {
      var next = THEMES[(THEMES.indexOf(storedTheme()) + 1) % THEMES.length];
      try { localStorage.setItem(THEME_KEY, next); } catch (e) { /* private mode: not remembered */ }
      applyTheme(next, button);
    });
  }

  function words(value) { return value ? value.split(" ") : []; }

  function setupFilters() {
    var form = document.getElementById("filters");
    var timeline = document.getElementById("timeline");
    if (!form || !timeline) { return; }
    var root = form.getAttribute("data-root") || "./";
    var here = Number(form.getAttribute("data-page") || 1);
    var pages = Number(form.getAttribute("data-pages") || 1);
    var chunks = Number(form.getAttribute("data-chunks") || 1);
    var shards = Number(form.getAttribute("data-shards") || 1);
    var elsewhere = document.getElementById("elsewhere");
    var results = document.getElementById("elsewhere-list");
    var more = document.getElementById("elsewhere-more");
    var nodes = timeline.querySelectorAll(".entry");
    var items = [];
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      items.push({
        el: el,
        year: el.getAttribute("data-year"),
        status: el.getAttribute("data-status"),
        sources: words(el.getAttribute("data-sources")),
        entities: words(el.getAttribute("data-entities")),
        key: el.getAttribute("data-key") === "1",
        text: null,
        shown: true
      });
    }
    var sections = timeline.querySelectorAll("section.month, section.year");
    var noMatch = document.getElementById("no-match");
    var status = document.getElementById("filter-status");
    var search = document.getElementById("f-search");
    var fields = {
      source: document.getElementById("f-source"),
      entity: document.getElementById("f-entity"),
      year: document.getElementById("f-year"),
      status: document.getElementById("f-status"),
      key: document.getElementById("f-key")
    };

    function text(item) {
      // Read lazily: only a search needs it, and reading layout-free textContent is cheap.
      if (item.text === null) { item.text = item.el.textContent.toLowerCase().replace(/\s+/g, " "); }
      return item.text;
    }

    // Query parameter -> field; the two lists are matched on their options' slugs.
    var PARAMS = { q: search, source: fields.source, entity: fields.entity, year: fields.year,
                   status: fields.status, key: fields.key };

    function optionBySlug(select, slug) {
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].getAttribute("data-slug") === slug) { return select.options[i]; }
      }
      return null;
    }

    function readAddress() {
      var params = new URLSearchParams(location.search);
      Object.keys(PARAMS).forEach(function (name) {
        var field = PARAMS[name];
        var value = params.get(name);
        if (value === null) { return; }
        if (field.type === "checkbox") { field.checked = value === "1"; return; }
        if (name === "source" || name === "entity") {
          var option = optionBySlug(field, value);
          field.value = option ? option.value : "";
          return;
        }
        field.value = value;
        if (field.value !== value) { field.value = ""; }  // a year or status the page lacks
      });
    }

    function writeAddress() {
      var params = new URLSearchParams();
      Object.keys(PARAMS).forEach(function (name) {
        var field = PARAMS[name];
        if (field.type === "checkbox") { if (field.checked) { params.set(name, "1"); } return; }
        if (!field.value) { return; }
        var value = field.value;
        if (name === "source" || name === "entity") {
          value = field.options[field.selectedIndex].getAttribute("data-slug") || value;
        }
        params.set(name, value.trim());
      });
      var query = params.toString();
      try {
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      } catch (e) { /* some browsers refuse this on file:// pages: the filters still work */ }
    }

    function criteria() {
      return {
        source: fields.source.value,
        entity: fields.entity.value,
        year: fields.year.value,
        status: fields.status.value,
        keyOnly: fields.key.checked,
        terms: search.value.toLowerCase().split(/\s+/).filter(Boolean)
      };
    }

    function active(c) {
      return Boolean(c.source || c.entity || c.year || c.status || c.keyOnly || c.terms.length);
    }

    function matches(c, item, textOf) {
      var show = (!c.source || item.sources.indexOf(c.source) >= 0) &&
        (!c.entity || item.entities.indexOf(c.entity) >= 0) &&
        (!c.year || item.year === c.year) &&
        (!c.status || item.status === c.status) &&
        (!c.keyOnly || item.key);
      for (var t = 0; show && t < c.terms.length; t++) {
        show = textOf(item).indexOf(c.terms[t]) >= 0;
      }
      return show;
    }

    // ---- the other pages, through the search index
    var rows = null;  // all entries of the site, once the index is loaded
    var generation = 0;
    var found = [];
    var SHOWN_AT_ONCE = 50;

    var texts = false;  // whether the rows carry their searchable text yet

    function every(kind) {
      var wanted = [];
      for (var n = 0; n < chunks; n++) { wanted.push(loadData(root, kind, n)); }
      return Promise.all(wanted);
    }

    // The rows, with their text when words are searched for: a filter by source, name, year
    // or status loads only the small part of the index.
    function allRows(withText) {
      var ready = rows ? Promise.resolve(rows) : Promise.all([every("chunk"), loadPages()]).then(function (got) {
        var parts = got[0];
        rows = [];
        parts.forEach(function (part) {
          part.forEach(function (r) {
            rows.push({ id: r[0], page: r[1], year: String(r[2]), status: r[3], key: r[4] === 1,
                        sources: words(r[5]), entities: words(r[6]), when: r[7], headline: r[8],
                        text: "" });
          });
        });
        return rows;
      });
      if (!withText) { return ready; }
      return ready.then(function (all) {
        if (texts) { return all; }
        return every("text").then(function (parts) {
          var i = 0;
          parts.forEach(function (part) {
            part.forEach(function (t) { all[i++].text = t.toLowerCase(); });
          });
          texts = true;
          return all;
        });
      });
    }

    // Every page's file and label (search/pages-0.js): a page names only some of them.
    var pageList = [];
    function loadPages() {
      return loadData(root, "pages", 0).then(function (list) { pageList = list; return list; });
    }

    function pageLink(n) {
      var page = pageList[n - 1];
      return page ? { href: root + page[0], label: page[1] } : null;
    }

    function showResults(upTo) {
      while (results.children.length < Math.min(upTo, found.length)) {
        var row = found[results.children.length];
        var link = pageLink(row.page);
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = (link ? link.href : root + "index.html") + location.search + "#" + row.id;
        var time = document.createElement("span");
        time.className = "result-when";
        time.textContent = row.when + ": ";
        a.appendChild(time);
        a.appendChild(document.createTextNode(row.headline));
        li.appendChild(a);
        if (link) {
          var where = document.createElement("span");
          where.className = "result-page";
          where.textContent = " \u00b7 on the page " + link.label;
          li.appendChild(where);
        }
        results.appendChild(li);
      }
      more.hidden = found.length <= results.children.length;
    }

    function searchElsewhere(c, shownHere, total) {
      // Returns whether it took over the status line: only with pages and a filter set.
      var mine = ++generation;
      if (!elsewhere || pages < 2 || !active(c)) {
        found = [];
        if (elsewhere) { results.textContent = ""; elsewhere.hidden = true; }
        return false;
      }
      status.textContent = "Showing " + shownHere + " of " + total + " entries on this page; searching the other pages\u2026";
      allRows(c.terms.length > 0).then(function (all) {
        if (mine !== generation) { return; }  // a newer filter has started
        found = all.filter(function (row) {
          return row.page !== here && matches(c, row, function (r) { return r.text; });
        });
        results.textContent = "";
        showResults(SHOWN_AT_ONCE);
        elsewhere.hidden = found.length === 0;
        status.textContent = "Showing " + shownHere + " of " + total + " entries on this page; " +
          (found.length ? found.length + " more on other pages, listed below." : "none on other pages.");
      }, function () {
        if (mine !== generation) { return; }
        status.textContent = "Showing " + shownHere + " of " + total + " entries on this page. The other pages could not be searched.";
      });
      return true;
    }

    if (more) {
      more.addEventListener("click", function () { showResults(results.children.length + SHOWN_AT_ONCE); });
    }

    function apply() {
      var c = criteria();
      var count = 0;
      for (var i = 0; i < items.length; i++) {
        var item = items[i];
        var show = matches(c, item, text);
        if (show !== item.shown) { item.el.hidden = !show; item.shown = show; }
        if (show) { count++; }
      }
      // Month and year sections: hide the ones left empty (children first, then years).
      for (var s = 0; s < sections.length; s++) {
        var section = sections[s];
        var any = section.querySelector(".entry:not([hidden])") !== null;
        if (section.hidden === any) { section.hidden = !any; }
      }
      noMatch.hidden = count > 0;
      var filtered = count !== items.length;
      if (!searchElsewhere(c, count, items.length)) {
        status.textContent = filtered ? "Showing " + count + " of " + items.length + " entries." : "";
      }
      writeAddress();
    }

    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(apply, 150);
    });
    Object.keys(fields).forEach(function (name) { fields[name].addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });

    function reveal(hash) {
      // A permalink to an entry the filters hide: clear the filters so the link works.
      if (!hash || hash.length < 2) { return; }
      var id;
      try { id = decodeURIComponent(hash.slice(1)); } catch (error) { return; } // "#%E0%A4%A"
      var target = document.getElementById(id);
      if (!target && id.indexOf("entry-") === 0) {
        var gone = function () {
          status.textContent = "The linked entry is not on this timeline: a later build merged or removed it.";
        };
        if (pages < 2) { gone(); return; }
        var n = shardOf(id, shards);
        Promise.all([loadData(root, "map", n), loadPages()]).then(function (got) {
          var map = got[0];
          var link = map[id] && map[id] !== here ? pageLink(map[id]) : null;
          if (link) { location.replace(link.href + location.search + "#" + encodeURIComponent(id)); } else { gone(); }
        }, gone);
        return;
      }
      if (!target && pages > 1 && /^[ym]-/.test(id)) {
        // A year or month section on another page (links from before the timeline had pages).
        loadPages().then(function (list) {
          for (var i = 0; i < list.length; i++) {
            if (i + 1 !== here && list[i][2].indexOf(id) >= 0) {
              location.replace(root + list[i][0] + location.search + "#" + encodeURIComponent(id));
              return;
            }
          }
        }, function () { /* the page list is missing: stay here */ });
        return;
      }
      if (!target || !target.classList.contains("entry") || !target.hidden) { return; }
      form.reset();
      apply();
      target.scrollIntoView();
    }
    window.addEventListener("hashchange", function () { reveal(location.hash); });
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
      if (link) { reveal(link.getAttribute("href")); }
    });
    readAddress();
    apply();
    reveal(location.hash);
    form.setAttribute("data-ready", "");  // for tests and user scripts: the filters now work
  }

  function start() {
    setupTheme();
    setupFilters();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
