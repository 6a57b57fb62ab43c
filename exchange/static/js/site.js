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
  // Selects marked data-autosubmit submit their form on change (the language switcher).
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]")) {
      event.target.form.requestSubmit();
    }
  });
})();
