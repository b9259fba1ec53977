/* Idle reset for shared terminals: after a quiet spell, warn with a countdown,
   then clear every form and go back to the start screen (WCAG 2.2.1: the
   reader can continue with one press). Settings come from data attributes on
   <body>; nothing here is needed for the pages to work. */
(function () {
  "use strict";

  var body = document.body;
  var idleSeconds = parseInt(body.dataset.idleSeconds, 10);
  var warningSeconds = parseInt(body.dataset.idleWarningSeconds, 10);
  var resetUrl = body.dataset.resetUrl;
  if (!idleSeconds || !resetUrl) {
    return;
  }

  var idleTimer = null;
  var countdownTimer = null;
  var remaining = 0;

  function dialog() {
    return document.getElementById("idle-dialog");
  }

  function resetTerminal() {
    document.dispatchEvent(new CustomEvent("kiosk:reset")); /* silences read aloud */
    document.querySelectorAll("form").forEach(function (form) {
      form.reset();
    });
    try {
      window.sessionStorage.clear();
    } catch (error) {
      /* storage may be disabled by policy; nothing to clear then */
    }
    window.location.replace(resetUrl);
  }

  function showCount() {
    var counter = dialog() && dialog().querySelector("[data-idle-count]");
    if (counter) {
      counter.textContent = String(remaining);
    }
  }

  function tick() {
    remaining -= 1;
    showCount();
    if (remaining <= 0) {
      window.clearInterval(countdownTimer);
      countdownTimer = null;
      resetTerminal();
    }
  }

  function warn() {
    var box = dialog();
    if (!box || typeof box.showModal !== "function") {
      resetTerminal();
      return;
    }
    remaining = warningSeconds > 0 ? warningSeconds : 30;
    showCount();
    box.showModal();
    countdownTimer = window.setInterval(tick, 1000);
  }

  function stopCountdown() {
    if (countdownTimer !== null) {
      window.clearInterval(countdownTimer);
      countdownTimer = null;
    }
  }

  function restartIdleTimer() {
    if (countdownTimer !== null) {
      return; /* only the Continue button ends a warning */
    }
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(warn, idleSeconds * 1000);
  }

  document.addEventListener("close", function (event) {
    if (event.target === dialog()) {
      stopCountdown();
      restartIdleTimer();
    }
  }, true);

  /* read-aloud.js: a paragraph starting to play means someone is listening */
  document.addEventListener("kiosk:activity", restartIdleTimer);
  ["pointerdown", "pointermove", "keydown", "touchstart", "wheel", "input"].forEach(
    function (name) {
      document.addEventListener(name, restartIdleTimer, { passive: true, capture: true });
    }
  );
  restartIdleTimer();
})();
