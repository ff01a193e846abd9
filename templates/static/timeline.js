/* timeline: filters, search, permalinks and the theme toggle.
   The page reads fully without this script; it only hides and shows what is already there.
   The filters live in the address (?entity=vladimir-putin&year=2022), so a filtered view can
   be shared; sources and names are given by their slugs, which stay the same on rebuilds. */
(function () {
  "use strict";

  var THEME_KEY = "timeline-theme";
  var THEMES = ["auto", "light", "dark"];

  function storedTheme() {
    try { return localStorage.getItem(THEME_KEY) || "auto"; } catch (e) { return "auto"; }
  }

  function applyTheme(theme, button) {
    var root = document.documentElement;
    if (theme === "auto") { root.removeAttribute("data-theme"); } else { root.setAttribute("data-theme", theme); }
    if (button) {
      button.textContent = "Theme: " + theme;
      button.setAttribute("aria-label", "Colour theme: " + (theme === "auto" ? "automatic" : theme) + ". Change");
    }
  }

  applyTheme(storedTheme(), null);

  function setupTheme() {
    var button = document.querySelector(".theme-toggle");
    if (!button) { return; }
    button.hidden = false;
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
    form.hidden = false;

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

    function apply() {
      var source = fields.source.value;
      var entity = fields.entity.value;
      var year = fields.year.value;
      var wanted = fields.status.value;
      var keyOnly = fields.key.checked;
      var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var count = 0;
      for (var i = 0; i < items.length; i++) {
        var item = items[i];
        var show = (!source || item.sources.indexOf(source) >= 0) &&
          (!entity || item.entities.indexOf(entity) >= 0) &&
          (!year || item.year === year) &&
          (!wanted || item.status === wanted) &&
          (!keyOnly || item.key);
        for (var t = 0; show && t < terms.length; t++) {
          show = text(item).indexOf(terms[t]) >= 0;
        }
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
      status.textContent = filtered ? "Showing " + count + " of " + items.length + " entries." : "";
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
        status.textContent = "The linked entry is not on this timeline: a later build merged or removed it.";
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
