/* Sangsaeng (상생): send Django's CSRF token with every htmx request.
 * The token is read from <meta name="csrf-token" content="{{ csrf_token }}">.
 * Kept in a file because the Content Security Policy forbids inline scripts. */
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) {
      event.detail.headers["X-CSRFToken"] = meta.content;
    }
  });
})();
