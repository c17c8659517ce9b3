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
    /* Decorative route icons are not read out (the label next to them says it all). */
    var icons = scope.querySelectorAll("#om-chat .route-icon:not([aria-hidden])");
    for (var k = 0; k < icons.length; k++) {
      icons[k].setAttribute("aria-hidden", "true");
    }
    /* Gradio marks the starter questions as a list of buttons, which is not a list. */
    var lists = scope.querySelectorAll("#om-chat .examples[role='list']");
    for (var l = 0; l < lists.length; l++) {
      lists[l].removeAttribute("role");
    }
    /* Starter question buttons: their name is the question they ask. */
    var examples = scope.querySelectorAll("#om-chat button.example[aria-label]");
    for (var j = 0; j < examples.length; j++) {
      examples[j].removeAttribute("aria-label");
    }
  }
  new MutationObserver(function () {
    unlabelMessages(document);
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["aria-label", "role"],
  });

  /* Replies: show the START of each new reply (not the end of its source cards), and
   * announce safety alerts in an assertive live region so they are heard at once. */
  var announcer = null;
  function announce(text) {
    if (!announcer) {
      announcer = document.createElement("div");
      announcer.id = "om-announcer";
      announcer.className = "om-visually-hidden";
      announcer.setAttribute("role", "alert");
      announcer.setAttribute("aria-live", "assertive");
      announcer.setAttribute("aria-atomic", "true");
      document.body.appendChild(announcer);
    }
    announcer.textContent = "";
    setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  }
  var seenReply = "";
  function showReplyStart() {
    var bots = document.querySelectorAll("#om-chat [data-testid='bot']");
    if (!bots.length) {
      seenReply = "";
      return;
    }
    var last = bots[bots.length - 1];
    var done = last.querySelector(".route-note, .answer-body:not(.streaming)") !== null;
    var key = bots.length + (done ? ":done" : ":streaming");
    if (key === seenReply) {
      return;
    }
    seenReply = key;
    var row = last.closest(".message-row") || last;
    var scroller = row.closest(".bubble-wrap");
    if (scroller) {
      var offset = row.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      scroller.scrollTop += offset - 8;
    }
    var chat = document.getElementById("om-chat");
    if (chat) {
      var rect = chat.getBoundingClientRect();
      if (rect.top < 0 || rect.top > window.innerHeight - 120) {
        window.scrollBy(0, rect.top - 8);
      }
    }
    var alert = done ? last.querySelector(".route-note[role='alert']") : null;
    if (alert) {
      var parts = [];
      var blocks = alert.querySelectorAll(".route-label strong, p:not(.route-label), li");
      for (var b = 0; b < blocks.length; b++) {
        parts.push(blocks[b].textContent.trim());
      }
      announce(parts.join(" ").replace(/\s+/g, " ").trim());
    }
  }
  new MutationObserver(function () {
    showReplyStart();
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

  /* The conversation survives a reload (and, in the widget, moving between the host site's
   * pages in the same tab): sessionStorage keeps the conversation id and nothing else. The
   * server hands the transcript back only to the browser holding the HttpOnly cookie that
   * started it. */
  var STORED_ID = "om-conversation";
  function keepConversationId() {
    var marker = document.querySelector("#om-session .om-conv");
    if (!marker) {
      return;
    }
    var id = idOf(marker, "om-conv-id-");
    try {
      if (id) {
        sessionStorage.setItem(STORED_ID, id);
      } else if (marker.classList.contains("om-conv-cleared")) {
        sessionStorage.removeItem(STORED_ID);
      }
    } catch (e) {
      /* Storage switched off: the conversation simply does not survive a reload. */
    }
  }
  new MutationObserver(keepConversationId).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });

  /* "Take this to your appointment": a printable page of the conversation, or the same page
   * saved as a file. The server sends it only to the browser that owns the conversation. */
  function conversationUrl(download) {
    var marker = document.querySelector("#om-session .om-conv");
    var id = marker ? idOf(marker, "om-conv-id-") : null;
    if (!id) {
      return null;
    }
    var url = new URL("../conversation/" + id, window.location.href);
    if (download) {
      url.searchParams.set("download", "1");
    }
    return url.href;
  }
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var button = target && target.closest("#om-export button");
    if (!button) {
      return;
    }
    var url = conversationUrl(button.classList.contains("om-export-download"));
    if (!url) {
      return;
    }
    event.preventDefault();
    if (button.classList.contains("om-export-download")) {
      var save = document.createElement("a");
      save.href = url;
      save.download = "";
      save.hidden = true;
      document.body.appendChild(save);
      save.click();
      save.remove();
    } else if (embedded) {
      /* Inside the widget's frame: print from a hidden frame, so the request keeps this
       * frame's (partitioned) cookie. */
      var old = document.getElementById("om-print-frame");
      if (old) {
        old.remove();
      }
      var frame = document.createElement("iframe");
      frame.id = "om-print-frame";
      frame.title = button.textContent;
      frame.setAttribute("aria-hidden", "true");
      frame.style.cssText = "position:fixed;width:0;height:0;border:0;left:-9999px";
      frame.addEventListener("load", function () {
        frame.contentWindow.focus();
        frame.contentWindow.print();
      });
      frame.src = url;
      document.body.appendChild(frame);
    } else {
      window.open(url, "_blank", "noopener");
    }
  });

  /* Feedback under an answer: the rating is saved at once; "Not helpful" then shows what
   * could be wrong and a comment box in place, sent to the same feedback record. */
  function feedbackUrl(id) {
    return new URL("../api/feedback" + (id ? "/" + id : ""), window.location.href).href;
  }
  function say(box, name) {
    var status = box.querySelector(".om-fb-status");
    var message = box.querySelector(".om-fb-msg-" + name);
    if (status && message) {
      status.textContent = message.textContent;
    }
  }
  function idOf(box, prefix) {
    var match = box.className.match(new RegExp("(?:^|\\s)" + prefix + "([A-Za-z0-9_-]+)"));
    return match ? match[1] : null;
  }
  function sendFeedback(method, url, body) {
    return fetch(url, {
      method: method,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          throw new Error(data && data.error ? data.error : "HTTP " + response.status);
        }
        return data;
      });
    });
  }
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var button = target && target.closest(".om-feedback button");
    if (!button) {
      return;
    }
    var box = button.closest(".om-feedback");
    event.preventDefault();
    event.stopPropagation();
    if (button.classList.contains("om-fb")) {
      if (box.getAttribute("data-feedback-id")) {
        return;
      }
      var helpful = button.classList.contains("om-fb-yes");
      var buttons = box.querySelectorAll(".om-fb");
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].disabled = true;
        buttons[i].setAttribute("aria-pressed", String(buttons[i] === button));
      }
      sendFeedback("POST", feedbackUrl(), {
        conversation_id: idOf(box, "om-fb-c-"),
        message_id: parseInt(idOf(box, "om-fb-m-"), 10),
        helpful: helpful,
      }).then(
        function (data) {
          box.setAttribute("data-feedback-id", String(data.feedback_id));
          say(box, helpful ? "helpful" : "not-helpful");
          var more = box.querySelector(".om-fb-more");
          if (!helpful && more) {
            more.hidden = false;
            more.scrollIntoView({ block: "nearest" });
            var first = more.querySelector("input");
            if (first) {
              first.focus();
            }
          }
        },
        function () {
          for (var j = 0; j < buttons.length; j++) {
            buttons[j].disabled = false;
            buttons[j].setAttribute("aria-pressed", "false");
          }
          say(box, "failed");
        }
      );
    } else if (button.classList.contains("om-fb-send")) {
      var id = box.getAttribute("data-feedback-id");
      var reasons = [];
      var checked = box.querySelectorAll(".om-fb-more input[type='checkbox']:checked");
      for (var k = 0; k < checked.length; k++) {
        reasons.push(checked[k].value);
      }
      var comment = box.querySelector(".om-fb-more input[type='text']");
      button.disabled = true;
      sendFeedback("PATCH", feedbackUrl(id), {
        conversation_id: idOf(box, "om-fb-c-"),
        reasons: reasons,
        comment: comment && comment.value.trim() ? comment.value : null,
      }).then(
        function () {
          box.querySelector(".om-fb-more").hidden = true;
          say(box, "more-saved");
        },
        function () {
          button.disabled = false;
          say(box, "failed");
        }
      );
    }
  }, true);

  /* Size the conversation so the note above it and the question box below it stay in view
   * without scrolling the page, on a phone as in the widget's panel. */
  var MIN_CHAT_PX = embedded ? 150 : 140;
  var MAX_CHAT_PX = 720;
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
    var height = Math.floor(chat.offsetHeight + spare);
    height = Math.max(MIN_CHAT_PX, Math.min(MAX_CHAT_PX, height));
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
})();
