/*
 * The library kiosk: language first, large controls, an "end session" button, and after
 * inactivity a warning and then a full reset. A reset asks the assistant to delete the
 * conversation on the server (POST /webhooks/rest/forget with the old conversation id;
 * the relay retries), clears the screen and the browser's storage (the kiosk stores
 * nothing there, so nothing should be found), and starts the next person with a new
 * conversation id. The page says the conversation was deleted only when the server
 * confirmed it.
 */
(function () {
  "use strict";
  var Chat = window.CityAssistantChat;
  var body = document.body;
  var idleSeconds = parseInt(body.getAttribute("data-idle-seconds"), 10) || 120;
  var warningSeconds = parseInt(body.getAttribute("data-warning-seconds"), 10) || 30;
  var botUrl = body.getAttribute("data-bot-url") || "/bot";
  var webBase = body.getAttribute("data-web-base") || "";
  var defaultLanguage = body.getAttribute("data-language") || "en";
  var P = "k-";

  var $ = function (id) { return document.getElementById(id); };
  var el = {
    start: $("k-start"), chat: $("k-chat"), log: $("k-log"), status: $("k-status"),
    form: $("k-form"), input: $("k-input"), end: $("k-end"), print: $("k-print"),
    slip: $("k-slip"), slipBody: $("k-slip-body"), idle: $("k-idle"), idleText: $("k-idle-text"),
    keepGoing: $("k-continue"), idleEnd: $("k-idle-end"), ended: $("k-ended")
  };

  var conversation = new Chat.Conversation(botUrl);
  var language = null;
  var strings = null;
  var busy = false;
  var idleTimer = null;
  var countdownTimer = null;
  var remaining = 0;

  function applyStrings() {
    document.documentElement.setAttribute("lang", strings.language);
    document.documentElement.setAttribute("dir", strings.direction);
    Array.prototype.forEach.call(document.querySelectorAll("[data-key]"), function (node) {
      strings.apply(node, node.getAttribute("data-key"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-key-label]"), function (node) {
      strings.label(node, "aria-label", node.getAttribute("data-key-label"));
    });
    document.title = strings.text("kiosk.title");
  }

  function useLanguage(code) {
    return Chat.loadStrings(webBase, code).then(function (loaded) {
      strings = loaded;
      applyStrings();
    });
  }

  function choose(code) {
    language = code;
    el.ended.textContent = "";
    useLanguage(code).then(function () {
      el.start.hidden = true;
      el.chat.hidden = false;
      el.input.setAttribute("lang", code);
      el.input.focus();
      armIdleTimer();
    });
  }

  function setStatus(key) {
    if (key) { strings.apply(el.status, key); } else { el.status.textContent = ""; }
  }

  function readAloudButton(item, turn) {
    if (!("speechSynthesis" in window) || !turn.text) { return; }
    var button = Chat.element("button", "k-read");
    button.type = "button";
    strings.apply(button, "kiosk.read_aloud");
    button.addEventListener("click", function () {
      window.speechSynthesis.cancel();
      var utterance = new window.SpeechSynthesisUtterance(turn.text);
      utterance.lang = turn.language;
      window.speechSynthesis.speak(utterance);
    });
    item.appendChild(button);
  }

  function slipLine(key, values, className) {
    return strings.apply(Chat.element("p", className || ""), key, values);
  }

  function plainLine(text, className, lang) {
    var line = Chat.element("p", className, text);
    if (lang) { line.setAttribute("lang", lang); }
    line.setAttribute("dir", "auto");
    return line;
  }

  /* The slip: where to go (name, address, phone, hours), the reference number, the
   * erasure code (shown only in the turn that filed the report), the date. */
  function showSlip(office, reference, erasureCode) {
    var chosen = language;
    el.slipBody.textContent = "";
    var parts = Chat.element("div");
    var details = Chat.element("div");
    if (office) {
      parts.appendChild(slipLine("kiosk.slip_office"));
      parts.appendChild(plainLine(office.name || office.id, "k-slip-office"));
      parts.appendChild(details);
    }
    if (reference) {
      parts.appendChild(slipLine("kiosk.slip_reference", { reference: reference }, "k-slip-reference"));
    }
    if (erasureCode) {
      parts.appendChild(slipLine("kiosk.slip_erasure_code", { code: erasureCode },
                                 "k-slip-erasure-code"));
    }
    var today = new Date().toLocaleDateString((chosen || "en") + "-u-nu-latn",
      { year: "numeric", month: "long", day: "numeric" });
    parts.appendChild(slipLine("kiosk.slip_date", { date: today }));
    el.slipBody.appendChild(parts);
    el.slip.hidden = false;
    el.print.hidden = false;
    if (!office) { return; }
    fetch(webBase + "/offices/" + encodeURIComponent(office.id) + ".json?lang=" +
          encodeURIComponent(chosen), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (card) {
        if (!card || chosen !== language) { return; }
        var name = parts.querySelector(".k-slip-office");
        name.textContent = card.name.text;
        name.setAttribute("lang", card.name.lang);
        if (card.address) { details.appendChild(plainLine(card.address, "k-slip-address")); }
        if (card.phone) { details.appendChild(slipLine("kiosk.slip_phone", { phone: card.phone })); }
        if (card.hours) {
          var hours = slipLine("kiosk.slip_hours", { hours: card.hours }, "k-slip-hours");
          hours.querySelector("bdi").setAttribute("lang", chosen);
          hours.querySelector("bdi").setAttribute("dir", strings.dirOf(chosen));
          details.appendChild(hours);
        }
      });
  }

  function say(shown, message) {
    if (busy) { return; }
    busy = true;
    el.log.appendChild(Chat.renderUser(shown, language, strings, P));
    setStatus("chat.writing");
    var sender = conversation.sender;
    conversation.send(message, language).then(function (turns) {
      if (sender !== conversation.sender) { return; }  // the session was reset meanwhile
      setStatus(null);
      var office = null;
      var reference = null;
      var erasureCode = null;
      turns.forEach(function (turn) {
        el.log.appendChild(Chat.renderTurn(turn, strings, {
          prefix: P, webBase: webBase, extra: readAloudButton,
          onButton: function (title, payload) { say(title, payload); }
        }));
        office = turn.custom.office || office;
        reference = turn.custom.reference || reference;
        erasureCode = turn.custom.erasure_code || erasureCode;
      });
      if (office || reference) { showSlip(office, reference, erasureCode); }
      el.log.scrollTop = el.log.scrollHeight;
    }).catch(function () {
      setStatus("chat.error");
    }).then(function () {
      busy = false;
    });
  }

  function clearTimers() {
    window.clearTimeout(idleTimer);
    window.clearInterval(countdownTimer);
    idleTimer = countdownTimer = null;
  }

  function armIdleTimer() {
    clearTimers();
    if (el.chat.hidden) { return; }
    idleTimer = window.setTimeout(warn, idleSeconds * 1000);
  }

  function warn() {
    remaining = warningSeconds;
    strings.apply(el.idleText, "kiosk.idle_warning", { seconds: remaining });
    el.idle.hidden = false;
    el.keepGoing.focus();
    countdownTimer = window.setInterval(function () {
      remaining -= 1;
      if (remaining <= 0) { endSession(); return; }
      strings.apply(el.idleText, "kiosk.idle_warning", { seconds: remaining });
    }, 1000);
  }

  function keepGoing() {
    el.idle.hidden = true;
    armIdleTimer();
    el.input.focus();
  }

  function forget(sender) {
    return fetch(botUrl + "/webhooks/rest/forget", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender }),
      credentials: "omit", cache: "no-store", keepalive: true
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      return Boolean(answer && answer.forgotten === true);
    }).catch(function () { return false; });
  }

  function clearStorage() {
    try { window.localStorage.clear(); } catch (ignored) { /* storage switched off */ }
    try { window.sessionStorage.clear(); } catch (ignored) { /* storage switched off */ }
    document.cookie.split(";").forEach(function (cookie) {
      var name = cookie.split("=")[0].trim();
      if (name) { document.cookie = name + "=; Max-Age=0; path=/"; }
    });
  }

  function endSession() {
    clearTimers();
    var old = conversation.sender;
    conversation = new Chat.Conversation(botUrl);
    busy = false;
    if ("speechSynthesis" in window) { window.speechSynthesis.cancel(); }
    el.idle.hidden = true;
    el.log.textContent = "";
    el.slipBody.textContent = "";
    el.slip.hidden = true;
    el.print.hidden = true;
    el.input.value = "";
    el.status.textContent = "";
    clearStorage();
    var endedIn = language;
    language = null;
    el.chat.hidden = true;
    el.start.hidden = false;
    var deleted = false;
    return forget(old).then(function (forgotten) {
      deleted = forgotten;
      return useLanguage(defaultLanguage);
    }).then(function () {
      body.setAttribute("data-reset-done", String(Date.now()));
      body.setAttribute("data-conversation-deleted", String(deleted));
      var message = strings.apply(el.ended, deleted ? "kiosk.ended" : "kiosk.ended_not_deleted");
      message.setAttribute("data-ended-language", endedIn || "");
      var first = document.querySelector(".k-language");
      if (first) { first.focus(); }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".k-language"), function (button) {
    button.addEventListener("click", function () { choose(button.getAttribute("data-language")); });
  });
  el.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = el.input.value.trim();
    if (text) { el.input.value = ""; say(text, text); }
  });
  el.end.addEventListener("click", endSession);
  el.idleEnd.addEventListener("click", endSession);
  el.keepGoing.addEventListener("click", keepGoing);
  el.print.addEventListener("click", function () { window.print(); });
  el.idle.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { keepGoing(); }
    if (event.key === "Tab") {  // keep focus inside the dialog
      var inDialog = [el.keepGoing, el.idleEnd];
      var index = inDialog.indexOf(document.activeElement);
      event.preventDefault();
      inDialog[(index + (event.shiftKey ? inDialog.length - 1 : 1)) % inDialog.length].focus();
    }
  });
  ["pointerdown", "keydown", "input", "touchstart", "wheel"].forEach(function (type) {
    document.addEventListener(type, function () {
      if (el.idle.hidden && idleTimer !== null) { armIdleTimer(); }
    }, { passive: true, capture: true });
  });
  clearStorage();
  useLanguage(defaultLanguage);
})();
