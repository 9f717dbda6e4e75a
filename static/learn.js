// Quire study pages: keys and timing on top of plain forms that work without this file.
(function () {
  "use strict";
  var shownAt = performance.now();

  function typing(event) {
    var target = event.target;
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
      target.tagName === "SELECT" || target.isContentEditable);
  }

  // Every study form reports how long the learner took, and is sent once.
  document.querySelectorAll("form[data-study]").forEach(function (form) {
    var sent = false;
    form.addEventListener("submit", function (event) {
      var mover = event.submitter && event.submitter.name === "move";
      if (sent && !mover) { event.preventDefault(); return; }
      var field = form.querySelector("[data-duration]");
      if (field) { field.value = String(Math.round(performance.now() - shownAt)); }
      if (!mover) { sent = true; }
    });
  });

  // Ordering: move items in the page instead of asking the server, keeping focus on the item.
  document.querySelectorAll("[data-ordering]").forEach(function (list) {
    function renumber() {
      var items = list.querySelectorAll("li");
      items.forEach(function (item, index) {
        item.querySelectorAll("button[name=move]").forEach(function (button) {
          var direction = button.value.split(":")[1];
          button.value = index + ":" + direction;
          button.disabled = direction === "up" ? index === 0 : index === items.length - 1;
        });
      });
    }
    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[name=move]");
      if (!button) { return; }
      event.preventDefault();
      var item = button.closest("li");
      var up = button.value.split(":")[1] === "up";
      var other = up ? item.previousElementSibling : item.nextElementSibling;
      if (!other) { return; }
      list.insertBefore(up ? item : other, up ? other : item);
      renumber();
      var again = item.querySelector("button[value$=':" + (up ? "up" : "down") + "']");
      (again && !again.disabled ? again : item.querySelector("button:not([disabled])")).focus();
      var status = document.getElementById("order-status");
      if (status) {
        var position = Array.prototype.indexOf.call(list.children, item) + 1;
        status.textContent = item.querySelector(".item-text").textContent + " is now number " + position + ".";
      }
    });
    var status = document.createElement("p");
    status.id = "order-status";
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    list.after(status);
  });

  // Flashcards: Space or Enter shows the answer; then 1–4 rate.
  var back = document.getElementById("back");
  var flip = document.querySelector("[data-flip]");
  function reveal() {
    if (!back || !back.hidden) { return; }
    back.hidden = false;
    if (flip) { flip.hidden = true; }
    var good = back.querySelector("button[data-key='3']");
    if (good) { good.focus(); }
  }
  if (flip) {
    flip.addEventListener("submit", function (event) { event.preventDefault(); reveal(); });
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event)) { return; }
    if (back && back.hidden && (event.key === " " || event.key === "Enter")) {
      event.preventDefault();
      reveal();
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
