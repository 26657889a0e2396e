/*
 * The website widget. Embed with one tag:
 *   <script src="https://assistant.example/widget.js" data-bot-url="https://bot.example" defer></script>
 * data-bot-url: Rasa's base URL (its REST channel); without it, this server's relay (/bot).
 * data-language: the language to start in (default: the page's <html lang>, else English).
 */
(function () {
  "use strict";
  var Chat = window.CityAssistantChat;
  var script = document.currentScript ||
    document.querySelector("script[src$='/widget.js']");
  if (!script || document.getElementById("cw-root")) { return; }
  var webBase = new URL(script.src, window.location.href).href.replace(/\/widget\.js(\?.*)?$/, "");
  var botUrl = script.getAttribute("data-bot-url") || (webBase + "/bot");
  var P = "cw-";

  var conversation = new Chat.Conversation(botUrl);
  var chosenLanguage = "";           // "" = automatic: the bot detects the language
  var conversationLanguage = null;   // the language of the last reply
  var strings = null;
  var busy = false;
  var el = {};

  function startLanguage() {
    var wanted = script.getAttribute("data-language") ||
      (document.documentElement.getAttribute("lang") || "en").slice(0, 2).toLowerCase();
    return wanted;
  }

  function uiLanguage() {
    return chosenLanguage || conversationLanguage || startLanguage();
  }

  function make(tag, className, attributes) {
    var node = Chat.element(tag, className ? P + className : "");
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function build() {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = webBase + "/static/widget.css";
    document.head.appendChild(link);

    var root = make("div", "root", { id: "cw-root" });
    if (document.documentElement.getAttribute("dir") === "rtl") { root.classList.add("cw-left"); }
    el.launcher = make("button", "launcher", { type: "button", "aria-expanded": "false", "aria-controls": "cw-panel" });
    el.panel = make("section", "panel", { id: "cw-panel", "aria-labelledby": "cw-title" });
    el.panel.hidden = true;

    var header = make("div", "header");
    el.title = make("h2", "title", { id: "cw-title" });
    el.close = make("button", "close", { type: "button" });
    el.close.appendChild(make("span", "close-icon", { "aria-hidden": "true" })).textContent = "×";
    el.closeLabel = make("span", "visually-hidden");
    el.close.appendChild(el.closeLabel);
    header.appendChild(el.title);
    header.appendChild(el.close);

    var picker = make("div", "picker");
    el.languageLabel = make("label", "", { for: "cw-language" });
    el.language = make("select", "", { id: "cw-language" });
    picker.appendChild(el.languageLabel);
    picker.appendChild(el.language);

    el.log = make("div", "log", { id: "cw-log", role: "log", "aria-live": "polite", tabindex: "0" });
    el.privacy = make("p", "privacy");
    el.status = make("p", "status", { role: "status" });

    el.form = make("form", "form");
    el.inputLabel = make("label", "visually-hidden", { for: "cw-input" });
    el.input = make("input", "input", { id: "cw-input", type: "text", autocomplete: "off", dir: "auto", maxlength: "2000" });
    el.send = make("button", "send", { type: "submit" });
    el.form.appendChild(el.inputLabel);
    el.form.appendChild(el.input);
    el.form.appendChild(el.send);

    [header, picker, el.privacy, el.log, el.status, el.form].forEach(function (part) { el.panel.appendChild(part); });
    root.appendChild(el.panel);
    root.appendChild(el.launcher);
    document.body.appendChild(root);
    el.root = root;

    el.launcher.addEventListener("click", function () { setOpen(el.panel.hidden); });
    el.close.addEventListener("click", function () { setOpen(false); });
    el.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { setOpen(false); }
    });
    el.language.addEventListener("change", function () {
      chosenLanguage = el.language.value;
      refreshStrings();
    });
    el.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = el.input.value.trim();
      if (text) { el.input.value = ""; say(text, text); }
    });
  }

  function fillLanguages() {
    var selected = chosenLanguage;
    el.language.textContent = "";
    var automatic = Chat.element("option");
    automatic.value = "";
    strings.apply(automatic, "chat.language_automatic");
    el.language.appendChild(automatic);
    strings.languages.forEach(function (language) {
      var option = Chat.element("option", "", language.name);
      option.value = language.code;
      option.setAttribute("lang", language.code);
      option.setAttribute("dir", language.dir);
      el.language.appendChild(option);
    });
    el.language.value = selected;
  }

  function applyStrings() {
    el.panel.setAttribute("lang", strings.language);
    el.panel.setAttribute("dir", strings.direction);
    strings.apply(el.launcher, "chat.open");
    strings.apply(el.title, "chat.title");
    strings.apply(el.closeLabel, "chat.close");
    strings.apply(el.languageLabel, "chat.language");
    strings.label(el.log, "aria-label", "chat.transcript");
    strings.apply(el.privacy, "chat.privacy");
    strings.apply(el.inputLabel, "chat.message_label");
    strings.apply(el.send, "chat.send");
    fillLanguages();
  }

  function refreshStrings() {
    var wanted = uiLanguage();
    if (strings && strings.language === wanted) { return Promise.resolve(); }
    return Chat.loadStrings(webBase, wanted).catch(function () {
      return Chat.loadStrings(webBase, "en");
    }).then(function (loaded) {
      strings = loaded;
      applyStrings();
    });
  }

  function setOpen(open) {
    el.panel.hidden = !open;
    el.launcher.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) { el.input.focus(); } else { el.launcher.focus(); }
  }

  function setStatus(key) {
    if (key) { strings.apply(el.status, key); } else { el.status.textContent = ""; }
  }

  function say(shown, message) {
    if (busy) { return; }
    busy = true;
    var mine = Chat.renderUser(shown, chosenLanguage || conversationLanguage, strings, P);
    el.log.appendChild(mine);
    setStatus("chat.writing");
    conversation.send(message, chosenLanguage).then(function (turns) {
      setStatus(null);
      if (turns.length) {
        conversationLanguage = turns[turns.length - 1].language;
        if (!chosenLanguage) { mine.setAttribute("lang", turns[0].language); }
      }
      turns.forEach(function (turn) {
        el.log.appendChild(Chat.renderTurn(turn, strings, {
          prefix: P, webBase: webBase,
          onButton: function (title, payload) { say(title, payload); }
        }));
      });
      el.log.scrollTop = el.log.scrollHeight;
      return refreshStrings();
    }).catch(function () {
      setStatus("chat.error");
    }).then(function () {
      busy = false;
    });
  }

  function start() {
    build();
    refreshStrings();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
