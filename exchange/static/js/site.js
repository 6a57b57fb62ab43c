// Civil Society Exchange: small progressive enhancements. Every page works without them.
(function () {
  "use strict";
  // Tell the server the browser's time zone so anonymous visitors see local times.
  try {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && document.cookie.indexOf("tz=" + tz) === -1) {
      document.cookie = "tz=" + encodeURIComponent(tz) + "; path=/; max-age=31536000; SameSite=Lax";
    }
  } catch (e) { /* old browser: times stay in UTC */ }

  document.documentElement.classList.add("js");

  // The menu button on small screens opens and closes the menu in place.
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-menu-toggle]");
    if (!toggle) { return; }
    event.preventDefault();
    var header = toggle.closest(".site-header");
    var open = header.classList.toggle("menu-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });

  // Filters folded away on a phone are open from the start on a wider screen.
  if (window.matchMedia("(min-width: 769px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = true; });
  }

  // htmx leaves error responses unshown; an element marked data-swap-errors shows them, so
  // a refused autosave says where the person types that it was not saved, and why.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (status >= 400 && source && source.closest("[data-swap-errors]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // A request that never reached the server (offline, a slow connection that gave up).
  document.addEventListener("htmx:sendError", function (event) {
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    var form = source && source.closest("[data-swap-errors]");
    var status = form && form.querySelector("[data-offline-text]");
    if (status) {
      status.textContent = status.dataset.offlineText;
      status.classList.add("problem");
    }
  });
  // Selects marked data-autosubmit submit their form on change (the language switcher).
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]")) {
      event.target.form.requestSubmit();
    }
  });

  // A form marked data-once cannot be sent twice by a double click (the server also makes a
  // repeated submission harmless).
  document.addEventListener("submit", function (event) {
    if (event.target.matches("form[data-once]")) {
      if (event.target.dataset.sent) { event.preventDefault(); return; }
      event.target.dataset.sent = "1";
    }
  });

  // Long answers with a word limit show their count while typing (the server counts the same
  // way and flags, never cuts, an over-long text).
  function countWords(text) {
    var matches = text.match(/[\p{L}\p{N}_]+(?:[-'’][\p{L}\p{N}_]+)*/gu);
    return matches ? matches.length : 0;
  }
  function showCount(area) {
    var counter = document.getElementById(area.id + "-words");
    var limit = parseInt(area.dataset.wordLimit, 10);
    var words = countWords(area.value);
    counter.textContent = area.dataset.wordTemplate
      .replace("{words}", words).replace("{limit}", limit);
    counter.classList.toggle("problem", words > limit);
  }
  document.querySelectorAll("textarea[data-word-limit]").forEach(function (area) {
    var counter = document.createElement("small");
    counter.id = area.id + "-words";
    counter.className = "word-count";
    area.insertAdjacentElement("afterend", counter);
    showCount(area);
    area.addEventListener("input", function () { showCount(area); });
  });
})();
