/*
 * City assistant chat core, shared by the website widget and the kiosk.
 * It speaks the reply contract of the README: each text message is followed by a message
 * with a `custom` object (language, translation, direction, sources, office, reference).
 * Text from the assistant is always inserted as text, never as HTML.
 */
(function (global) {
  "use strict";
  if (global.CityAssistantChat) { return; }

  var URL_PATTERN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

  function randomId() {
    if (global.crypto && global.crypto.randomUUID) { return global.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    global.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  /* Pairs each text with the custom object that follows it, like tests/conversation/replies.py. */
  function pairTurns(messages) {
    var turns = [];
    (messages || []).forEach(function (message) {
      if (typeof message.text === "string") {
        turns.push({ text: message.text, buttons: message.buttons || [], custom: null });
      }
      if (message.custom && typeof message.custom === "object") {
        var last = turns[turns.length - 1];
        if (last && !last.custom) { last.custom = message.custom; }
        else { turns.push({ text: "", buttons: [], custom: message.custom }); }
      }
    });
    turns.forEach(function (turn) {
      var custom = turn.custom || {};
      turn.language = custom.language || "en";
      turn.direction = custom.direction === "rtl" ? "rtl" : "ltr";
      turn.custom = custom;
    });
    return turns;
  }

  function Conversation(botUrl) {
    this.botUrl = botUrl.replace(/\/+$/, "");
    this.sender = "web-" + randomId();
  }

  Conversation.prototype.send = function (text, language, sender) {
    var body = { sender: sender || this.sender, message: text };
    if (language) { body.metadata = { language: language }; }
    return fetch(this.botUrl + "/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      // Too many messages (429) or too many people at once (503): the polite reply says so.
      if (response.status === 429 || response.status === 503) {
        return response.json().then(function (answer) {
          if (Array.isArray(answer)) { return answer; }
          throw new Error("HTTP " + response.status);
        });
      }
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(pairTurns);
  };

  /* UI strings: each key has its text and the language that text is really in. */
  function Strings(data) {
    this.language = data.language;
    this.direction = data.direction;
    this.entries = data.strings || {};
    this.languages = data.languages || [];
  }

  Strings.prototype.text = function (key, values) {
    var entry = this.entries[key];
    var text = entry ? entry.text : key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(values[name]));
    });
    return text;
  };

  Strings.prototype.lang = function (key) {
    var entry = this.entries[key];
    return entry ? entry.lang : "en";
  };

  /* A language's writing direction, as the server states it for every language it speaks
   * (bot.language.RTL, sent with the strings), never a list of our own. */
  Strings.prototype.dirOf = function (lang) {
    var known = this.languages.filter(function (entry) { return entry.code === lang; })[0];
    return known && known.dir === "rtl" ? "rtl" : "ltr";
  };

  /*
   * Puts a UI string into an element, marked with the language it is in. Each filled-in
   * value goes into its own <bdi>, so an Arabic opening time inside an English sentence
   * (or a Latin reference number inside an Arabic one) keeps its own direction.
   */
  Strings.prototype.apply = function (element, key, values) {
    var lang = this.lang(key);
    var entry = this.entries[key];
    var template = entry ? entry.text : key;
    element.textContent = "";
    template.split(/(\{[a-z_]+\})/).forEach(function (part) {
      var name = /^\{([a-z_]+)\}$/.exec(part);
      if (name && values && Object.prototype.hasOwnProperty.call(values, name[1])) {
        var isolated = document.createElement("bdi");
        isolated.textContent = String(values[name[1]]);
        element.appendChild(isolated);
      } else if (part) {
        element.appendChild(document.createTextNode(part));
      }
    });
    element.setAttribute("lang", lang);
    element.setAttribute("dir", this.dirOf(lang));
    return element;
  };

  Strings.prototype.label = function (element, attribute, key) {
    element.setAttribute(attribute, this.text(key));
  };

  function loadStrings(webBase, language) {
    return fetch(webBase + "/ui/" + encodeURIComponent(language) + ".json", { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) { return new Strings(data); });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* Text with its web addresses as links; line breaks kept by CSS (white-space: pre-line). */
  function appendText(parent, text) {
    var last = 0;
    text.replace(URL_PATTERN, function (match, url, offset) {
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var link = element("a", "", url);
      link.href = url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      link.setAttribute("dir", "ltr");
      parent.appendChild(link);
      last = offset + match.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  var counter = 0;

  /*
   * One assistant turn as an element carrying lang and dir. options: prefix (CSS class
   * prefix), webBase (for source links), onButton(title, payload, turn), extra(node, turn).
   */
  function renderTurn(turn, strings, options) {
    var p = options.prefix;
    var item = element("div", p + "msg " + p + "bot");
    item.setAttribute("lang", turn.language);
    item.setAttribute("dir", turn.direction);
    var speaker = strings.apply(element("span", p + "visually-hidden"), "chat.assistant");
    speaker.textContent += ": ";
    item.appendChild(speaker);
    var body = element("p", p + "text");
    appendText(body, turn.text);
    item.appendChild(body);

    var custom = turn.custom;
    if (custom.translation === "machine") {
      var note = element("p", p + "machine");
      note.appendChild(strings.apply(element("span", p + "machine-label"), "chat.machine_translated"));
      if (custom.original) {
        counter += 1;
        var originalId = p + "original-" + counter;
        var original = element("blockquote", p + "original");
        original.id = originalId;
        original.hidden = true;
        var originalLang = custom.original_language || custom.source_language || "en";
        original.setAttribute("lang", originalLang);
        original.setAttribute("dir", strings.dirOf(originalLang));
        appendText(original, custom.original);
        var toggle = element("button", p + "link-button");
        toggle.type = "button";
        toggle.setAttribute("aria-expanded", "false");
        toggle.setAttribute("aria-controls", originalId);
        strings.apply(toggle, "chat.show_original");
        toggle.addEventListener("click", function () {
          var open = original.hidden;
          original.hidden = !open;
          toggle.setAttribute("aria-expanded", open ? "true" : "false");
          strings.apply(toggle, open ? "chat.hide_original" : "chat.show_original");
        });
        note.appendChild(document.createTextNode(" "));
        note.appendChild(toggle);
        item.appendChild(note);
        item.appendChild(original);
      } else {
        item.appendChild(note);
      }
    }

    if (turn.buttons.length) {
      var list = element("ul", p + "buttons");
      turn.buttons.forEach(function (button) {
        var entry = element("li");
        var control = element("button", p + "reply-button", button.title);
        control.type = "button";
        control.addEventListener("click", function () {
          options.onButton(button.title, button.payload, turn);
        });
        entry.appendChild(control);
        list.appendChild(entry);
      });
      item.appendChild(list);
    }

    if (Array.isArray(custom.sources) && custom.sources.length) {
      var sources = element("div", p + "sources");
      sources.appendChild(strings.apply(element("p", p + "sources-title"), "chat.sources"));
      var links = element("ul");
      custom.sources.forEach(function (source) {
        if (!source || !source.id) { return; }
        var entry = element("li");
        var link = element("a", "", source.title || source.id);
        link.href = source.url || (options.webBase + "/services/" + encodeURIComponent(source.id) +
          "?lang=" + encodeURIComponent(turn.language));
        link.target = "_blank";
        link.rel = "noopener";
        entry.appendChild(link);
        links.appendChild(entry);
      });
      sources.appendChild(links);
      item.appendChild(sources);
    }

    if (custom.reference) {
      item.appendChild(strings.apply(element("p", p + "reference"), "chat.reference",
        { reference: custom.reference }));
    }
    if (options.extra) { options.extra(item, turn); }
    return item;
  }

  function renderUser(text, language, strings, prefix) {
    var item = element("div", prefix + "msg " + prefix + "user");
    if (language) { item.setAttribute("lang", language); }
    item.setAttribute("dir", "auto");
    var speaker = strings.apply(element("span", prefix + "visually-hidden"), "chat.you");
    speaker.textContent += ": ";
    item.appendChild(speaker);
    var body = element("p", prefix + "text");
    body.setAttribute("dir", "auto");
    appendText(body, text);
    item.appendChild(body);
    return item;
  }

  global.CityAssistantChat = {
    Conversation: Conversation,
    Strings: Strings,
    loadStrings: loadStrings,
    pairTurns: pairTurns,
    renderTurn: renderTurn,
    renderUser: renderUser,
    element: element,
    randomId: randomId
  };
})(window);
