// Quire study pages: keys, timing and one-request quiz answers on top of plain forms that
// work without this file.
(function () {
  "use strict";
  var shownAt = performance.now();
  var region = document.getElementById("study-step");
  var upcoming = null; // the next question the last answer brought: {html, url, title}

  function typing(event) {
    var target = event.target;
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
      target.tagName === "SELECT" || target.isContentEditable);
  }

  // Swap the study region for a fragment the server rendered, as a page of its own would be.
  function show(html, url, title) {
    var stale = document.querySelector("main > .flashes");
    if (stale) { stale.remove(); }
    region.innerHTML = html;
    history.pushState({ quire: true }, "", url);
    document.title = title;
    shownAt = performance.now();
    var focus = region.querySelector("[autofocus]") || region.querySelector("h1");
    if (focus) {
      if (focus.tagName === "H1") { focus.tabIndex = -1; }
      focus.focus();
    }
  }

  // A quiz answer or a flashcard rating goes as one request asking for JSON: what comes next
  // comes back with it. Anything unexpected falls back to posting the form as a page.
  function sendAnswer(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      // The server failed (nothing was stored): post the form as a page instead.
      if (response.status >= 500) { throw new Error("HTTP " + response.status); }
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (reply) {
      var body = reply.body;
      if (reply.ok && body.feedback) {
        // A quiz answer: its feedback now, the next question when the learner moves on.
        upcoming = body.next ? { html: body.next, url: body.next_url, title: body.next_title } : null;
        show(body.feedback, body.feedback_url, body.title);
      } else if (reply.ok && body.next) {
        // A flashcard rating: the next card at once.
        show(body.next, body.next_url, body.next_title);
      } else {
        window.location.assign(body.location || body.next_url || form.action);
      }
    }).catch(function () {
      // form.submit() sends no button, so carry the pressed one's value (a choice) along.
      if (submitter && submitter.name) {
        var carried = document.createElement("input");
        carried.type = "hidden";
        carried.name = submitter.name;
        carried.value = submitter.value;
        form.appendChild(carried);
      }
      form.submit();
    });
  }

  // Every study form reports how long the learner took, and is sent once.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-study]");
    if (!form) { return; }
    var mover = event.submitter && event.submitter.name === "move";
    if (form.dataset.sent && !mover) { event.preventDefault(); return; }
    var field = form.querySelector("[data-duration]");
    if (field) { field.value = String(Math.round(performance.now() - shownAt)); }
    if (mover) { return; }
    form.dataset.sent = "1";
    // Without event.submitter (Safari before 15.4) the pressed choice would be lost: post.
    if (region && window.fetch && window.FormData && "submitter" in event) {
      event.preventDefault();
      sendAnswer(form, event.submitter);
    }
  });

  // "Next question" shows the question the answer brought, without asking the server again.
  document.addEventListener("click", function (event) {
    var next = event.target.closest("a[data-next]");
    if (!next || !upcoming || next.getAttribute("href") !== upcoming.url) { return; }
    event.preventDefault();
    var shown = upcoming;
    upcoming = null;
    show(shown.html, shown.url, shown.title);
  });

  // The pages behind the swapped ones are real: going back or forward loads them. (Only the
  // entries this script made: following an in-page link such as "Skip to content" also pops.)
  if (region) { history.replaceState({ quire: true }, ""); }
  window.addEventListener("popstate", function (event) {
    if (event.state && event.state.quire) { window.location.reload(); }
  });

  // Ordering: move items in the page instead of asking the server, keeping focus on the item.
  function renumber(list) {
    var items = list.querySelectorAll("li");
    items.forEach(function (item, index) {
      item.querySelectorAll("button[name=move]").forEach(function (button) {
        var direction = button.value.split(":")[1];
        button.value = index + ":" + direction;
        button.disabled = direction === "up" ? index === 0 : index === items.length - 1;
      });
    });
  }
  function orderStatus(list) {
    var status = document.getElementById("order-status");
    if (!status) {
      status = document.createElement("p");
      status.id = "order-status";
      status.className = "visually-hidden";
      status.setAttribute("aria-live", "polite");
      list.after(status);
    }
    return status;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-ordering] button[name=move]");
    if (!button) { return; }
    event.preventDefault();
    var list = button.closest("[data-ordering]");
    var item = button.closest("li");
    var up = button.value.split(":")[1] === "up";
    var other = up ? item.previousElementSibling : item.nextElementSibling;
    if (!other) { return; }
    list.insertBefore(up ? item : other, up ? other : item);
    renumber(list);
    var again = item.querySelector("button[value$=':" + (up ? "up" : "down") + "']");
    (again && !again.disabled ? again : item.querySelector("button:not([disabled])")).focus();
    var position = Array.prototype.indexOf.call(list.children, item) + 1;
    orderStatus(list).textContent =
      item.querySelector(".item-text").textContent + " is now number " + position + ".";
  });
  document.querySelectorAll("[data-ordering]").forEach(orderStatus);

  // Flashcards: Space or Enter shows the answer; then 1–4 rate. (The card may be swapped.)
  function cardBack() { return document.getElementById("back"); }
  function reveal() {
    var back = cardBack();
    if (!back || !back.hidden) { return; }
    back.hidden = false;
    var flip = document.querySelector("[data-flip]");
    if (flip) { flip.hidden = true; }
    var good = back.querySelector("button[data-key='3']");
    if (good) { good.focus(); }
  }
  document.addEventListener("submit", function (event) {
    if (event.target.closest("form[data-flip]")) { event.preventDefault(); reveal(); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event)) { return; }
    var back = cardBack();
    if (back && back.hidden && (event.key === " " || event.key === "Enter")) {
      event.preventDefault();
      reveal();
      return;
    }
    // Anki's keys: "-" buries the card on screen, "@" suspends it.
    var aside = { "-": "bury", "@": "suspend" }[event.key];
    if (aside) {
      var setAside = document.querySelector("button[data-aside='" + aside + "']");
      if (setAside) { event.preventDefault(); setAside.click(); }
      return;
    }
    if (/^[1-9]$/.test(event.key)) {
      var scope = back && !back.hidden ? back : document;
      if (back && back.hidden) { return; }
      var button = scope.querySelector("button[data-key='" + event.key + "']");
      if (button && !button.disabled) {
        event.preventDefault();
        button.click();
      }
    }
  });
})();
