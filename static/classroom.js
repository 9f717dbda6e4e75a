/* Classroom live updates: poll the state with conditional requests; draw a newly opened
   question from the poll, redraw the host's player list and counts in place (lobby and
   question), reload on any other change.
   Progressive enhancement: every page works without this script (forms post, pages reload). */
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root) { return; }
  var etag = null;
  var base = parseInt(root.dataset.pollMs || "1500", 10);
  var delay = base;
  var role = root.dataset.role;

  function setText(name, value) {
    var nodes = root.querySelectorAll('[data-field="' + name + '"]');
    for (var i = 0; i < nodes.length; i++) { nodes[i].textContent = String(value); }
  }

  // Once a form is on its way (Start, Remove, an answer posted the plain way), a reload from the
  // poll would cancel that navigation before its request went out: the click would be lost.
  var leaving = false;
  root.addEventListener("submit", function (event) {
    if (!event.defaultPrevented) { leaving = true; }
  });
  // A page restored from the back-forward cache is live again.
  window.addEventListener("pageshow", function (event) { if (event.persisted) { leaving = false; } });

  function submitOnce(form) {
    if (form && !form.dataset.sent) { form.dataset.sent = "1"; leaving = true; form.submit(); }
  }

  function changed(state) {
    if (String(state.version) !== root.dataset.version) { return true; }
    if (state.phase !== root.dataset.phase) { return true; }
    if (role === "player") {
      return String(state.answered) !== root.dataset.answered ||
             String(state.removed) !== root.dataset.removed;
    }
    return false;
  }

  var redrawing = false;

  // The lobby and the question screen list nicknames: a new player redraws that list alone,
  // from the server's own rendering, and the player counts, and leaves the controls in place so
  // a click on Start or Show results at any moment goes through.
  function redrawPlayers(players) {
    var list = root.querySelector("[data-players-list]");
    if (!list || redrawing) { return; }
    redrawing = true;
    fetch(list.dataset.url, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html")
          .querySelector("[data-players-list]");
        var current = root.querySelector("[data-players-list]");
        if (leaving || !fresh || !current) { return; }
        current.parentNode.replaceChild(document.adoptNode(fresh), current);
        root.dataset.players = String(players);
        setText("players", players);
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () {
        redrawing = false;
        // A poll answered 304 while this ran would leave a later count undrawn: ask in full.
        etag = null;
      });
  }

  function apply(state) {
    if (leaving) { return; }
    // During a question too: a late joiner counts in "answered of players" at once.
    if (role === "host" && (state.phase === "lobby" || state.phase === "question") &&
        state.phase === root.dataset.phase && String(state.players) !== root.dataset.players) {
      redrawPlayers(state.players);
    }
    if (changed(state)) {
      // A question opening is drawn from the poll itself: a class of hundreds would otherwise
      // all reload the page in the same second. Anything else (reveal, end) reloads.
      if (state.question && root.querySelector("[data-stage]")) { showQuestion(state); return; }
      window.location.reload(); return;
    }
    setText("answered", state.answered);
    if (role === "host" && state.phase === "question" && state.players > 0 &&
        state.answered >= state.players) {
      submitOnce(root.querySelector("form[data-auto-reveal]"));
    }
  }

  var stopped = false;

  // The server said this browser is no longer a player (its player rejoined elsewhere): asking
  // again would only be refused again, so stop and say why, with the way back in.
  function stop(refusal) {
    stopped = true;
    timerRun++;
    var stage = root.querySelector("[data-stage]");
    if (!stage) { window.location.reload(); return; }
    var code = root.querySelector(".player-bar .rejoin");
    if (code) { code.remove(); }
    var heading = element("h1", null, "Not playing here any more");
    heading.tabIndex = -1;
    var message = element("p", "status", refusal.detail);
    message.setAttribute("role", "status");
    var again = element("a", null, "Join again");
    again.href = refusal.join_url;
    var link = element("p");
    link.appendChild(again);
    stage.textContent = "";
    stage.appendChild(heading); stage.appendChild(message); stage.appendChild(link);
    heading.focus();
  }

  function refused(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      if (body && body.stop) { stop(body); return null; }
      throw new Error("HTTP " + response.status);
    });
  }

  function poll() {
    var headers = { "Accept": "application/json" };
    if (etag) { headers["If-None-Match"] = etag; }
    fetch(root.dataset.liveUrl, { headers: headers, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 304) { return null; }
        if (!response.ok) { return refused(response); }
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (state) { delay = base; if (state) { apply(state); } })
      .catch(function () { delay = Math.min(delay * 2, 15000); })
      .then(function () {
        if (!stopped) { window.setTimeout(poll, document.hidden ? delay * 3 : delay); }
      });
  }

  var timerRun = 0;

  function countdown() {
    var timer = root.querySelector("[data-countdown]");
    if (!timer) { return; }
    var run = ++timerRun;
    var ends = Date.now() + parseInt(timer.dataset.remainingMs || "0", 10);
    function tick() {
      if (run !== timerRun) { return; }
      var left = Math.max(0, ends - Date.now());
      setText("seconds", Math.ceil(left / 1000));
      if (left > 0) { window.setTimeout(tick, 250); return; }
      timer.classList.add("expired");
      var buttons = root.querySelectorAll(".answer-form button, .answer-form input");
      for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
      if (role === "host") { submitOnce(root.querySelector("form[data-auto-reveal]")); }
    }
    tick();
  }

  function showStatus(form, text) {
    var status = document.createElement("p");
    status.className = "status";
    status.setAttribute("role", "status");
    status.textContent = text;
    form.parentNode.replaceChild(status, form);
  }

  // In a live class the answer goes as one small JSON round trip instead of post, redirect and
  // a fresh page: hundreds of students answer within seconds. A server or network failure falls
  // back to the plain form post, which the server also takes exactly once; a refusal is shown,
  // and any other error (an expired page, say) reloads the page.
  function sendLive(form) {
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "Accept": "application/json" }
    })
      .then(function (response) {
        if (response.status >= 500) { throw new Error("HTTP " + response.status); }
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (result.body.status === "refused") { showStatus(form, result.body.message); return; }
        if (!result.ok) { window.location.reload(); return; }
        root.dataset.answered = "true";
        showStatus(form, result.body.message ||
          "Answer received: \u201c" + result.body.response + "\u201d. Waiting for the others\u2026");
      })
      .catch(function () { form.submit(); });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function hidden(name, value) {
    var input = element("input");
    input.type = "hidden"; input.name = name; input.value = value;
    return input;
  }

  // The same form the server renders, built from the poll's question. The prompt and choices
  // arrive as HTML the server has already escaped or sanitised.
  function answerFormFor(question) {
    var form = element("form", "answer-form");
    form.method = "post"; form.action = root.dataset.answerUrl;
    form.appendChild(hidden("csrf_token", question.csrf_token));
    form.appendChild(hidden("question", String(question.id)));
    form.appendChild(hidden("ticket", ""));
    if (question.choices.length) {
      var grid = element("div", "choice-grid");
      question.choices.forEach(function (choice, i) {
        var button = element("button", "choice choice-" + (i + 1));
        button.type = "submit"; button.name = "choice"; button.value = String(choice[0]);
        button.innerHTML = choice[1];
        grid.appendChild(button);
      });
      form.appendChild(grid);
    } else {
      var label = element("label", null, "Your answer");
      label.htmlFor = "typed";
      var input = element("input");
      input.id = "typed"; input.name = "typed"; input.autocomplete = "off";
      input.maxLength = 500; input.required = true;
      var send = element("button", null, "Send");
      send.type = "submit";
      form.appendChild(label); form.appendChild(input); form.appendChild(send);
    }
    return form;
  }

  function showQuestion(state) {
    var stage = root.querySelector("[data-stage]");
    var heading = element("h1", "prompt");
    heading.innerHTML = state.question.prompt_html;
    heading.tabIndex = -1;
    stage.textContent = "";
    stage.appendChild(element("p", "meta",
      "Question " + (state.position + 1) + " of " + root.dataset.total));
    stage.appendChild(heading);
    if (state.remaining_ms !== null) {
      var timer = element("p", "timer");
      timer.setAttribute("data-countdown", "");
      timer.dataset.remainingMs = String(state.remaining_ms);
      var seconds = element("span", null, String(Math.ceil(state.remaining_ms / 1000)));
      seconds.dataset.field = "seconds";
      timer.appendChild(seconds);
      timer.appendChild(document.createTextNode(" s left"));
      stage.appendChild(timer);
    }
    var form = answerFormFor(state.question);
    stage.appendChild(form);
    root.dataset.version = String(state.version);
    root.dataset.phase = state.phase;
    root.dataset.answered = "false";
    root.dataset.removed = "false";
    wireAnswerForm(form);
    countdown();
    heading.focus();
  }

  // A double tap sends one answer; the server would keep only the first anyway.
  function wireAnswerForm(answerForm) {
    answerForm.addEventListener("submit", function (event) {
      if (answerForm.dataset.sent) { event.preventDefault(); return; }
      answerForm.dataset.sent = "1";
      var chosen = event.submitter;
      if (chosen && chosen.name) {
        var hidden = document.createElement("input");
        hidden.type = "hidden"; hidden.name = chosen.name; hidden.value = chosen.value;
        answerForm.appendChild(hidden);
        chosen.classList.add("chosen");
      }
      if (!("static" in root.dataset) && window.fetch && window.FormData) {
        event.preventDefault();
        sendLive(answerForm);
      }
      window.setTimeout(function () {
        var buttons = answerForm.querySelectorAll("button");
        for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
      }, 0);
    });
  }

  var rendered = root.querySelector(".answer-form");
  if (rendered) { wireAnswerForm(rendered); }
  countdown();
  if (!("static" in root.dataset)) { window.setTimeout(poll, delay); }
})();
