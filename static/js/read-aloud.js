/* Read aloud: plays a page paragraph by paragraph and highlights the one being
   read. Each paragraph carries its audio file in data-audio (rendered ahead on
   the server); this script only plays them in order. A page has a player
   ([data-read-aloud]) only where it has audio; a language tile on the start
   screen has its own button ([data-read-aloud-tile]). Reading stops on Stop,
   when the page changes and at the idle reset (kiosk.js). */
(function () {
  "use strict";

  var SLOW_RATE = 0.75;
  var audio = new Audio();
  var reading = null; /* {scope, items, index, player} while something is read */
  var slow = false;

  function dispatch(name) {
    document.dispatchEvent(new CustomEvent(name));
  }

  function words(player, name, number, total) {
    var template = (player && player.getAttribute("data-text-" + name)) || "";
    return template.replace("{number}", number).replace("{total}", total);
  }

  function announce(player, message) {
    var state = player && player.querySelector("[data-read-aloud-state]");
    if (state) {
      state.textContent = "";
      window.setTimeout(function () { state.textContent = message; }, 50);
    }
  }

  function showPart(player, index, total) {
    var part = player && player.querySelector("[data-read-aloud-part]");
    if (part) {
      part.textContent = words(player, "part", index + 1, total);
    }
  }

  function setPauseButton(player, paused) {
    var button = player && player.querySelector('[data-read-aloud-action="pause"]');
    if (!button) {
      return;
    }
    button.querySelector("[data-read-aloud-label]").textContent =
      words(player, paused ? "continue" : "pause");
    var icon = button.querySelector("[data-read-aloud-icon]");
    icon.classList.toggle("icon-pause", !paused);
    icon.classList.toggle("icon-play", paused);
  }

  function setActive(player, active) {
    if (!player) {
      return;
    }
    var hadFocus = player.contains(document.activeElement);
    player.classList.toggle("is-active", active);
    player.querySelector('[data-read-aloud-action="listen"]').hidden = active;
    player.querySelector("[data-read-aloud-controls]").hidden = !active;
    setPauseButton(player, false);
    if (hadFocus) {
      var target = active ? '[data-read-aloud-action="pause"]' : '[data-read-aloud-action="listen"]';
      player.querySelector(target).focus();
    }
  }

  /* The state shows on <html> (kept across boosted pages) and on the player:
     "playing", "paused" or "stopped". Styles and tests read it. */
  function showState(state) {
    document.documentElement.setAttribute("data-reading", state);
    var player = reading ? reading.player : document.querySelector("[data-read-aloud]");
    if (player) {
      player.setAttribute("data-state", state);
    }
  }

  function unmark() {
    document.querySelectorAll(".is-reading").forEach(function (element) {
      element.classList.remove("is-reading");
    });
  }

  function play(index) {
    var item = reading.items[index];
    reading.index = index;
    unmark();
    item.classList.add("is-reading");
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    item.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
    showPart(reading.player, index, reading.items.length);
    audio.src = item.getAttribute("data-audio");
    audio.defaultPlaybackRate = audio.playbackRate = slow ? SLOW_RATE : 1;
    audio.play().catch(function () { /* replaced by the next paragraph */ });
    dispatch("kiosk:activity"); /* listening is being there: no idle reset */
  }

  function stop(message) {
    if (!reading) {
      return;
    }
    var player = reading.player;
    audio.pause();
    audio.removeAttribute("src");
    audio.load();
    showState("stopped");
    reading = null;
    unmark();
    setActive(player, false);
    if (message) {
      announce(player, words(player, message));
    }
  }

  function start(scope, player) {
    stop();
    var items = Array.prototype.slice.call(scope.querySelectorAll("[data-audio]"));
    if (!items.length) {
      return;
    }
    reading = { scope: scope, items: items, index: 0, player: player };
    setActive(player, true);
    play(0);
    if (player) {
      announce(player, words(player, "part", 1, items.length));
    }
  }

  function step(offset) {
    var next = reading.index + offset;
    if (next >= reading.items.length) {
      stop("finished");
      return;
    }
    play(Math.max(0, next));
    announce(reading.player, words(reading.player, "part", reading.index + 1, reading.items.length));
  }

  function togglePause() {
    var paused = !audio.paused;
    if (paused) {
      audio.pause();
      showState("paused");
    } else {
      audio.play().catch(function () {});
      dispatch("kiosk:activity");
    }
    setPauseButton(reading.player, paused);
    announce(reading.player, paused ? words(reading.player, "paused")
      : words(reading.player, "part", reading.index + 1, reading.items.length));
  }

  function toggleSlow(button) {
    slow = !slow;
    button.setAttribute("aria-pressed", slow ? "true" : "false");
    audio.defaultPlaybackRate = audio.playbackRate = slow ? SLOW_RATE : 1;
  }

  var actions = {
    listen: function (player) { start(document.getElementById("main"), player); },
    pause: togglePause,
    stop: function () { stop("stopped"); },
    previous: function () { step(-1); },
    next: function () { step(1); },
    slower: function (player, button) { toggleSlow(button); },
  };

  document.addEventListener("click", function (event) {
    var tile = event.target.closest("[data-read-aloud-tile]");
    if (tile) {
      start(tile.closest("li"), null);
      return;
    }
    var button = event.target.closest("[data-read-aloud-action]");
    if (!button) {
      return;
    }
    var name = button.getAttribute("data-read-aloud-action");
    if (name !== "listen" && name !== "slower" && !reading) {
      return;
    }
    actions[name](button.closest("[data-read-aloud]"), button);
  });

  audio.addEventListener("playing", function () {
    if (reading) {
      showState("playing");
    }
  });
  audio.addEventListener("ended", function () {
    if (reading) {
      var next = reading.index + 1;
      if (next < reading.items.length) {
        play(next);
      } else {
        stop("finished");
      }
    }
  });
  audio.addEventListener("error", function () {
    if (reading && audio.getAttribute("src")) {
      audio.dispatchEvent(new Event("ended")); /* skip what cannot play */
    }
  });

  function reveal(root) {
    root.querySelectorAll("[data-read-aloud], [data-read-aloud-tile]").forEach(
      function (element) { element.hidden = false; }
    );
    /* "Slower" holds for the visit's next pages too, until the idle reset */
    root.querySelectorAll('[data-read-aloud-action="slower"]').forEach(
      function (button) { button.setAttribute("aria-pressed", slow ? "true" : "false"); }
    );
  }

  /* A boosted link or form swaps the page: stop reading the page that goes. */
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (reading && event.target.contains(reading.scope)) {
      stop();
    }
  });
  document.addEventListener("htmx:load", function (event) { reveal(event.target); });
  document.addEventListener("kiosk:reset", function () { stop(); });
  window.addEventListener("pagehide", function () { stop(); });
  reveal(document);
})();
