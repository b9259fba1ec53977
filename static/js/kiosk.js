/* Idle reset for shared terminals: after a quiet spell, warn with a countdown,
   then clear every form and go back to the start screen (WCAG 2.2.1: the
   reader can continue with one press). "Start again" does the same at once.
   Settings come from data attributes on <body>; nothing here is needed for the
   pages to work.

   The reset also empties this tab's history, so that Back (Alt+Left, the
   mouse's back button, a swipe) shows the next reader nothing of this one:
     1. /reset forgets the visit on the server and answers with the start screen;
     2. the tab goes back to its first history entry (the start screen it was
        opened on; the visit is already forgotten, so whatever it shows is empty);
     3. that entry becomes the start screen, and an entry is pushed after it,
        which drops every later entry: history is [start, start].
   The step in progress is kept in sessionStorage across the page loads. */
(function () {
  "use strict";

  var body = document.body;
  var idleSeconds = parseInt(body.dataset.idleSeconds, 10);
  var warningSeconds = parseInt(body.dataset.idleWarningSeconds, 10);
  var resetUrl = body.dataset.resetUrl;
  var startUrl = body.dataset.startUrl || "/";
  var stillHereUrl = body.dataset.stillHereUrl;
  var RESET_STEP = "kiosk-reset-step";
  var STILL_HERE_MS = 30000;
  var STEP_MS = 30000;
  if (!idleSeconds || !resetUrl) {
    return;
  }

  var idleTimer = null;
  var countdownTimer = null;
  var remaining = 0;
  var lastStillHere = Date.now();

  function dialog() {
    return document.getElementById("idle-dialog");
  }

  /* Read the reset step in progress (no argument), or set or clear it. A step
     older than STEP_MS was interrupted: it must never steer a later visit. */
  function step(value) {
    try {
      var storage = window.sessionStorage;
      if (value === undefined) {
        var saved = JSON.parse(storage.getItem(RESET_STEP) || "null");
        if (saved && Math.abs(Date.now() - saved.at) < STEP_MS) {
          return saved.name;
        }
        storage.removeItem(RESET_STEP);
      } else if (value === null) {
        storage.removeItem(RESET_STEP);
      } else {
        storage.setItem(RESET_STEP, JSON.stringify({ name: value, at: Date.now() }));
      }
    } catch (error) {
      /* storage may be disabled by policy: the reset still clears the visit */
    }
    return null;
  }

  function historyIndex() {
    var entry = window.navigation && window.navigation.currentEntry;
    return entry ? entry.index : 0;
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
    step("back-to-first");
    window.location.replace(resetUrl);
  }

  /* Carry on with a reset begun on an earlier page; true while one navigates. */
  function continueReset() {
    var current = step();
    if (current === "back-to-first") {
      step("first");
      if (historyIndex() > 0) {
        window.history.go(-historyIndex());
        return true;
      }
      current = "first";
    }
    if (current === "first") {
      if (window.location.pathname !== startUrl) {
        window.location.replace(startUrl); /* the step stays "first" */
        return true;
      }
      step(null);
      /* A push drops every later entry. (pushState, not location.assign: a
         navigation to the same address is turned into a replace.) */
      window.history.pushState(null, "", startUrl);
    }
    return false;
  }

  function stillHere() {
    /* While someone types for long without loading a page, tell the server the
       visit goes on, so its own idle limit does not forget it under them. */
    if (stillHereUrl && Date.now() - lastStillHere > STILL_HERE_MS) {
      lastStillHere = Date.now();
      window.fetch(stillHereUrl, { credentials: "same-origin" }).catch(function () {
        /* the next page load tells the server as well */
      });
    }
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
    stillHere();
  }

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      continueReset(); /* a page restored from the back-forward cache */
    }
  });
  if (continueReset()) {
    return;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-start-again]");
    if (link) {
      event.preventDefault();
      resetTerminal();
    }
  });

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
