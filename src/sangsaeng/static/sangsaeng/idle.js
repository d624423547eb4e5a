/* Sangsaeng (상생): warn before the idle logout and let the user extend the session.
 *
 * The server enforces the timeout (sangsaeng.security.middleware); this script only warns. Settings
 * come from data attributes on its own <script> tag (no inline script: CSP). The dialog markup is in
 * templates/security/_idle.html.
 *
 * What counts as activity: page loads, the user's own input, and htmx requests the user caused. htmx
 * requests nobody caused (polling) carry X-Sangsaeng-Background: 1, so the server does not count them.
 * While the user works without loading anything (typing a long text), a heartbeat tells the server
 * at most once a minute.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var dialog = document.getElementById("idle-dialog");
  if (!script || !dialog) return;
  var cfg = script.dataset;
  var timeout = Number(cfg.timeout) * 1000;
  var warning = Number(cfg.warning) * 1000;
  var heartbeat = Math.min(60000, timeout / 4);
  var deadline = Date.now() + Number(cfg.remaining) * 1000;
  var reported = Date.now(); // when the server last counted activity
  var acted = false; // the user did something since then
  var checking = false;
  var returnFocus = null;
  var left = dialog.querySelector("[data-idle-left]");
  var extendButton = dialog.querySelector("[data-idle-extend]");

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function goToLogin(location) {
    var next = window.location.pathname + window.location.search;
    window.location.assign(location || cfg.loginUrl + "?next=" + encodeURIComponent(next));
  }

  function call(method, url, background) {
    var headers = { "X-Sangsaeng-Idle": "1", Accept: "application/json" };
    if (method === "POST") headers["X-CSRFToken"] = csrfToken();
    if (background) headers["X-Sangsaeng-Background"] = "1";
    return fetch(url, { method: method, headers: headers, credentials: "same-origin" }).then(function (r) {
      // Anything else than our JSON (a login page after a redirect) means the session is gone.
      var type = r.headers.get("Content-Type") || "";
      if (!r.ok || r.redirected || type.indexOf("application/json") !== 0) { goToLogin(); return null; }
      return r.json().then(function (data) {
        if (data.expired) { goToLogin(data.location); return null; }
        return data;
      });
    });
  }

  function restart(remainingSeconds) {
    deadline = Date.now() + remainingSeconds * 1000;
  }

  function format(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var m = Math.floor(total / 60);
    var s = total % 60;
    return (m ? m + cfg.minute + " " : "") + s + cfg.second;
  }

  function openDialog() {
    if (dialog.open) return;
    returnFocus = document.activeElement;
    left.textContent = format(deadline - Date.now());
    dialog.showModal();
    extendButton.focus();
  }

  function closeDialog() {
    if (!dialog.open) return;
    dialog.close();
    if (returnFocus && typeof returnFocus.focus === "function") returnFocus.focus();
  }

  function extend() {
    reported = Date.now();
    acted = false;
    return call("POST", cfg.extendUrl, false).then(function (data) {
      if (!data) return;
      restart(data.remaining);
      closeDialog();
    });
  }

  // Near the end, ask the server first: another tab may have kept the session alive.
  function check() {
    if (checking) return;
    checking = true;
    call("GET", cfg.statusUrl, true).then(function (data) {
      checking = false;
      if (!data) return;
      restart(data.remaining);
      // At zero the next tick asks again, and the server then answers that the session is over.
      if (data.remaining * 1000 > warning) closeDialog();
      else openDialog();
    }, function () { checking = false; });
  }

  function tick() {
    var remaining = deadline - Date.now();
    if (dialog.open) left.textContent = format(remaining);
    if (remaining <= 0 || (remaining <= warning && !dialog.open)) check();
  }

  function onInput(event) {
    // Keys pressed in the warning itself do not extend: only its button does.
    if (!event.isTrusted || dialog.open) return;
    acted = true;
    if (Date.now() - reported >= heartbeat) extend();
  }

  ["keydown", "pointerdown", "wheel", "touchstart", "input"].forEach(function (type) {
    document.addEventListener(type, onInput, { capture: true, passive: true });
  });

  document.addEventListener("htmx:configRequest", function (event) {
    var trigger = event.detail.triggeringEvent;
    if ((trigger && trigger.isTrusted) || acted) {
      acted = false;
      reported = Date.now();
      restart(timeout / 1000);
    } else {
      event.detail.headers["X-Sangsaeng-Background"] = "1";
    }
  });

  extendButton.addEventListener("click", function () { extend(); });
  // Escape on an alert dialog closes it; here the person is clearly present, so it extends.
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); extend(); });

  window.setInterval(tick, 1000);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) tick(); });
})();
