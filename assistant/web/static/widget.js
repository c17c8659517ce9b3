/*
 * Oncology massage chat widget.
 *
 * Embed with one line on any page:
 *   <script src="https://YOUR-CHAT-HOST/widget.js" defer></script>
 *
 * Adds a floating button that opens the chat in a panel (an iframe of the
 * chat page). Everything lives in a Shadow DOM root, so the host page's CSS
 * does not reach the widget and the widget's CSS does not reach the page.
 * The only global name is window.OncologyMassageWidget.
 */
(function () {
  "use strict";

  var NS = "oncology-massage-widget";
  if (window.OncologyMassageWidget) {
    return;
  }

  /* Filled in by the server: title, labels (from assistant/content), colours,
     position, chat path, origin. */
  var CONFIG = /*__WIDGET_CONFIG__*/ null;
  if (!CONFIG) {
    return;
  }

  var script = document.currentScript;
  var origin = CONFIG.origin;
  try {
    if (script && script.src) {
      origin = new URL(script.src, document.baseURI).origin;
    }
  } catch (err) {
    origin = CONFIG.origin;
  }
  var chatUrl = origin + CONFIG.chatPath;

  /* The chat page may be framed only by the sites the server allows (CSP frame-ancestors);
   * anywhere else the browser would show a grey, broken frame, so offer a link instead. */
  function hostAllowed() {
    var here = window.location.origin;
    if (here === origin) {
      return true;
    }
    if (CONFIG.allowedOrigins === null) {
      return /^(https?:\/\/(localhost|127\.0\.0\.1|\[::1\])|https:\/\/localhost)(:\d+)?$/.test(here);
    }
    return CONFIG.allowedOrigins.indexOf(here) !== -1;
  }

  var host = document.createElement("div");
  host.setAttribute("data-" + NS, "");
  var root = host.attachShadow({ mode: "open" });
  var left = CONFIG.position === "bottom-left";

  var css = [
    ":host { all: initial; }",
    "* { box-sizing: border-box; }",
    ".launcher {",
    "  position: fixed; bottom: 20px; " + (left ? "left" : "right") + ": 20px;",
    "  z-index: 2147483000; display: inline-flex; align-items: center; gap: 8px;",
    "  min-height: 48px; max-width: calc(100vw - 40px); padding: 12px 20px;",
    "  border: 2px solid transparent; border-radius: 999px; cursor: pointer;",
    "  font: 600 16px/1.2 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;",
    "  background: var(--om-bg); color: var(--om-fg);",
    "  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.25);",
    "}",
    ".launcher:hover { filter: brightness(1.08); }",
    ".launcher:focus-visible, .close:focus-visible {",
    "  outline: 3px solid #ffbf47; outline-offset: 2px; box-shadow: 0 0 0 6px #1a1a1a;",
    "}",
    ".launcher[aria-expanded='true'] { display: none; }",
    ".icon { flex: none; width: 20px; height: 20px; }",
    ".panel {",
    "  position: fixed; bottom: 20px; " + (left ? "left" : "right") + ": 20px;",
    "  z-index: 2147483001; width: 400px; height: min(720px, calc(100vh - 40px));",
    "  max-width: calc(100vw - 40px); display: flex; flex-direction: column;",
    "  background: #ffffff; color: #1a1a1a; border-radius: 12px; overflow: hidden;",
    "  box-shadow: 0 8px 30px rgba(0, 0, 0, 0.35); border: 1px solid #c4c4c4;",
    "}",
    ".panel[hidden] { display: none; }",
    ".bar {",
    "  display: flex; align-items: center; justify-content: space-between; gap: 8px;",
    "  padding: 8px 8px 8px 16px; background: var(--om-bg); color: var(--om-fg);",
    "  font: 600 16px/1.3 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;",
    "}",
    ".title { margin: 0; font: inherit; min-width: 0; overflow-wrap: break-word; }",
    ".close {",
    "  flex: none; min-width: 44px; min-height: 44px; border: 2px solid transparent;",
    "  border-radius: 8px; background: transparent; color: var(--om-fg); cursor: pointer;",
    "  font: 600 15px/1 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;",
    "}",
    ".close:hover { background: rgba(255, 255, 255, 0.15); }",
    "iframe { flex: 1; width: 100%; border: 0; background: #ffffff; }",
    ".fallback { flex: 1; padding: 24px 20px; background: #ffffff; color: #1a1a1a;",
    "  font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }",
    ".fallback p { margin: 0 0 16px; }",
    ".fallback a { display: inline-block; min-height: 44px; padding: 10px 16px;",
    "  border-radius: 8px; background: var(--om-bg); color: var(--om-fg); font-weight: 600;",
    "  text-decoration: underline; }",
    ".fallback a:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px;",
    "  box-shadow: 0 0 0 6px #1a1a1a; }",
    "@media (max-width: 480px) {",
    "  .panel { inset: 0; width: 100vw; max-width: 100vw; height: 100%; border-radius: 0;",
    "    border: 0; }",
    "  .launcher { bottom: 12px; " + (left ? "left" : "right") + ": 12px; }",
    "}",
    "@media (prefers-reduced-motion: no-preference) {",
    "  .panel { animation: om-in 160ms ease-out; }",
    "  @keyframes om-in { from { opacity: 0; transform: translateY(12px); } }",
    "}",
  ].join("\n");
  /* A constructed stylesheet where supported: a host page's CSP without 'unsafe-inline'
   * styles still lets it apply (CSP governs style elements, not the CSSOM). */
  var style = null;
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch (err) {
    style = document.createElement("style");
    style.textContent = css;
  }
  host.style.setProperty("--om-bg", CONFIG.color);
  host.style.setProperty("--om-fg", CONFIG.textColor);

  var launcher = document.createElement("button");
  launcher.type = "button";
  launcher.className = "launcher";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "om-panel");
  launcher.setAttribute("aria-haspopup", "dialog");
  var SVG = "http://www.w3.org/2000/svg";
  var icon = document.createElementNS(SVG, "svg");
  icon.setAttribute("class", "icon");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("aria-hidden", "true");
  icon.setAttribute("focusable", "false");
  var bubble = document.createElementNS(SVG, "path");
  bubble.setAttribute(
    "d",
    "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"
  );
  bubble.setAttribute("fill", "currentColor");
  icon.appendChild(bubble);
  var label = document.createElement("span");
  label.textContent = CONFIG.title;
  launcher.appendChild(icon);
  launcher.appendChild(label);

  var panel = document.createElement("div");
  panel.className = "panel";
  panel.id = "om-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-modal", "false");
  panel.setAttribute("aria-labelledby", "om-title");

  var bar = document.createElement("div");
  bar.className = "bar";
  var title = document.createElement("h2");
  title.className = "title";
  title.id = "om-title";
  title.textContent = CONFIG.title;
  var close = document.createElement("button");
  close.type = "button";
  close.className = "close";
  close.setAttribute("aria-label", CONFIG.closeLabel);
  close.textContent = CONFIG.closeText + " \u2715";
  bar.appendChild(title);
  bar.appendChild(close);
  panel.appendChild(bar);

  var frame = null;
  var frameReady = false;
  var fallback = null;

  function isOpen() {
    return !panel.hidden;
  }

  function focusChat() {
    if (fallback) {
      fallback.querySelector("a").focus();
      return;
    }
    if (!frame) {
      return;
    }
    frame.focus();
    /* Until the chat has loaded the frame holds about:blank, and a message for the chat's
     * origin would be refused with a console error; the chat focuses itself on load. */
    if (frameReady) {
      frame.contentWindow.postMessage({ type: NS + ":focus" }, origin);
    }
  }

  function showFallback() {
    fallback = document.createElement("div");
    fallback.className = "fallback";
    var why = document.createElement("p");
    why.textContent = CONFIG.notAllowed;
    var link = document.createElement("a");
    link.href = origin + CONFIG.pagePath;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = CONFIG.openNewTab;
    fallback.appendChild(why);
    fallback.appendChild(link);
    panel.appendChild(fallback);
  }

  function open() {
    if (isOpen()) {
      return;
    }
    if (!frame && !fallback && !hostAllowed()) {
      showFallback();
    }
    if (!frame && !fallback) {
      frame = document.createElement("iframe");
      frame.title = CONFIG.title + " (chat)";
      frame.src = chatUrl;
      frame.setAttribute("referrerpolicy", "strict-origin");
      frame.addEventListener("load", function () {
        frameReady = true;
        focusChat();
      });
      panel.appendChild(frame);
    }
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    focusChat();
  }

  function closePanel() {
    if (!isOpen()) {
      return;
    }
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", open);
  close.addEventListener("click", closePanel);
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) {
      event.stopPropagation();
      closePanel();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) {
      closePanel();
    }
  });
  window.addEventListener("message", function (event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== origin) {
      return;
    }
    var data = event.data;
    if (data && data.type === NS + ":close") {
      closePanel();
    }
  });

  if (style) {
    root.appendChild(style);
  }
  root.appendChild(launcher);
  root.appendChild(panel);

  function mount() {
    document.body.appendChild(host);
  }
  if (document.body) {
    mount();
  } else {
    document.addEventListener("DOMContentLoaded", mount);
  }

  window.OncologyMassageWidget = Object.freeze({
    open: open,
    close: closePanel,
    isOpen: isOpen,
  });
})();
