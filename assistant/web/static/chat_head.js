/* Chat page helpers: announce status messages, and cooperate with the widget when embedded. */
(function () {
  "use strict";
  var NS = "oncology-massage-widget";
  var embedded = window.parent !== window;

  function question() {
    return document.querySelector("#om-question textarea, #om-question input");
  }

  /* The status line is a live region so screen readers announce errors and thanks. */
  function markLiveRegions() {
    var status = document.getElementById("om-status");
    if (status && !status.hasAttribute("role")) {
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
    }
    return Boolean(status);
  }
  var observer = new MutationObserver(function () {
    if (markLiveRegions()) {
      observer.disconnect();
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });

  /* Gradio labels each chat message with its raw source text (our escaped HTML), which a
   * screen reader would read out instead of the message. Drop the label so the visible
   * message itself is read. */
  function unlabelMessages(scope) {
    var nodes = scope.querySelectorAll(
      "#om-chat [data-testid='bot'][aria-label], #om-chat [data-testid='user'][aria-label]"
    );
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].removeAttribute("aria-label");
    }
  }
  new MutationObserver(function () {
    unlabelMessages(document);
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["aria-label"],
  });

  if (!embedded) {
    return;
  }
  document.documentElement.classList.add("om-embedded");
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      window.parent.postMessage({ type: NS + ":close" }, "*");
    }
  });
  function focusQuestion() {
    var attempts = 0;
    (function tryFocus() {
      var box = question();
      if (box) {
        box.focus();
      } else if (attempts++ < 100) {
        setTimeout(tryFocus, 100);
      }
    })();
  }
  /* The widget asks for focus when its panel opens; a request may come before this script
   * runs, so a freshly loaded chat that already has focus takes it on its own too. */
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === NS + ":focus") {
      focusQuestion();
    }
  });
  if (document.hasFocus()) {
    focusQuestion();
  }

  /* The panel is short: size the conversation so the note above it and the question box
   * below it stay in view without scrolling the page. */
  var MIN_CHAT_PX = 150;
  var fitting = false;
  function fitChat() {
    var app = document.getElementById("om-app");
    var chat = document.getElementById("om-chat");
    if (!app || !chat || fitting) {
      return;
    }
    fitting = true;
    var bottom = 0;
    for (var i = 0; i < app.children.length; i++) {
      var rect = app.children[i].getBoundingClientRect();
      if (rect.height > 0) {
        bottom = Math.max(bottom, rect.bottom + window.scrollY);
      }
    }
    var spare = window.innerHeight - bottom - 12;
    var height = Math.max(MIN_CHAT_PX, Math.floor(chat.offsetHeight + spare));
    if (Math.abs(height - chat.offsetHeight) > 1) {
      chat.style.setProperty("height", height + "px", "important");
      chat.style.setProperty("min-height", MIN_CHAT_PX + "px", "important");
    }
    fitting = false;
  }
  window.addEventListener("resize", fitChat);
  var sizer = new ResizeObserver(fitChat);
  new MutationObserver(function (_, obs) {
    var app = document.getElementById("om-app");
    if (app) {
      obs.disconnect();
      sizer.observe(app);
      fitChat();
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
