// The console's only script (no inline script: the content security policy forbids it).
// Warns a minute before the session ends for lack of activity, and lets the person stay.
(function () {
  "use strict";
  var seconds = Number(document.body.dataset.sessionSeconds || 0);
  var warning = document.getElementById("avertissement-session");
  if (!seconds || !warning) {
    return;
  }
  var warnTimer;
  var endTimer;
  function arm() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warning.hidden = true;
    warnTimer = setTimeout(function () {
      warning.hidden = false;
      document.getElementById("rester-connecte").focus();
    }, Math.max(seconds - 60, 1) * 1000);
    endTimer = setTimeout(function () {
      window.location.assign("/console/connexion");
    }, seconds * 1000);
  }
  document.getElementById("rester-connecte").addEventListener("click", function () {
    fetch("/console/presence", { credentials: "same-origin" }).then(arm);
  });
  arm();
})();
