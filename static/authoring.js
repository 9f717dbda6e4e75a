// Authoring pages: choose a quote by selecting it in the source, and follow a job's progress.
// Without this script the same forms work by typing offsets, and the job page refreshes itself.
(function () {
  "use strict";

  // The offset of (node, offset) in the source text: the paragraph's data-start plus the
  // length of the paragraph's text before that point.
  function sourceOffset(paragraph, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(paragraph);
    range.setEnd(node, offset);
    return Number(paragraph.dataset.start) + range.toString().length;
  }

  function paragraphOf(node, panel) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    var paragraph = element && element.closest("p[data-start]");
    return paragraph && panel.contains(paragraph) ? paragraph : null;
  }

  function setupQuotes() {
    var panel = document.querySelector("[data-source-text]");
    var form = document.querySelector("[data-question-form]");
    if (!panel || !form) return;
    var start = form.querySelector("#quote_start");
    var end = form.querySelector("#quote_end");
    var text = form.querySelector("#quote_text");
    panel.addEventListener("mouseup", function () { pick(); });
    panel.addEventListener("keyup", function () { pick(); });
    function pick() {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) return;
      var range = selection.getRangeAt(0);
      var first = paragraphOf(range.startContainer, panel);
      var last = paragraphOf(range.endContainer, panel);
      if (!first || !last) return;
      var a = sourceOffset(first, range.startContainer, range.startOffset);
      var b = sourceOffset(last, range.endContainer, range.endOffset);
      // Trim surrounding spaces, as authors rarely mean to quote them.
      var chosen = range.toString();
      var lead = chosen.length - chosen.replace(/^\s+/, "").length;
      var trail = chosen.length - chosen.replace(/\s+$/, "").length;
      if (b - trail <= a + lead) return;
      start.value = String(a + lead);
      end.value = String(b - trail);
      // Multi-paragraph selections lose the blank lines between paragraphs: let the server
      // take the text from the offsets rather than compare a string that cannot match.
      text.value = first === last ? chosen.slice(lead, chosen.length - trail) : "";
      start.dispatchEvent(new Event("change", { bubbles: true }));
    }
    var show = form.querySelector("[data-show-source]");
    var select = form.querySelector("#source_id");
    if (show && select) {
      show.hidden = true;
      show.style.display = "none";
      select.addEventListener("change", function () {
        start.value = ""; end.value = ""; text.value = "";
        show.click();
      });
    }
  }

  // Show only the answer fields the chosen type reads (each wrapper lists its types in
  // data-types). Hidden fields still submit, so switching type back loses nothing typed.
  function setupTypeFields() {
    var form = document.querySelector("[data-question-form]");
    var select = form && form.querySelector("#type");
    if (!select) return;
    var groups = form.querySelectorAll("[data-types]");
    var none = form.querySelector("[data-no-fields]");
    function update() {
      var shown = 0;
      groups.forEach(function (group) {
        var uses = group.dataset.types.split(" ").indexOf(select.value) >= 0;
        group.hidden = !uses;
        if (uses) shown += 1;
      });
      if (none) none.hidden = shown > 0;
    }
    select.addEventListener("change", update);
    update();
  }

  function setupJob() {
    var box = document.querySelector("[data-job-url]");
    if (!box || ["queued", "running"].indexOf(box.dataset.status) < 0) return;
    // The meta refresh is the fallback; polling replaces it with smooth updates.
    var refresh = document.querySelector('meta[http-equiv="refresh"]');
    if (refresh) refresh.remove();
    var bar = box.querySelector("progress");
    var label = box.querySelector("[data-job-status]");
    function poll() {
      fetch(box.dataset.jobUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.json();
        })
        .then(function (job) {
          bar.value = job.percent;
          if (job.status === "queued" || job.status === "running") {
            label.textContent = (job.message || "Working") + ": " + job.percent + "%.";
            window.setTimeout(poll, 1000);
          } else {
            window.location.reload();
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }
    window.setTimeout(poll, 1000);
  }

  function sizeText(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.ceil(bytes / 1024) + " KB";
  }

  // Say at once that a file is over the site's upload limit, before the form (and what was
  // typed into it) is sent only to be refused.
  function setupUploadLimits() {
    document.querySelectorAll("form[data-max-bytes]").forEach(function (form) {
      var limit = Number(form.dataset.maxBytes);
      var input = form.querySelector('input[type="file"]');
      if (!limit || !input) return;
      var note = document.createElement("p");
      note.className = "field-error";
      note.id = input.id + "-size-error";
      note.hidden = true;
      input.insertAdjacentElement("afterend", note);
      function check() {
        var file = input.files && input.files[0];
        var tooBig = Boolean(file && file.size > limit);
        note.hidden = !tooBig;
        note.textContent = tooBig ? "That file is " + sizeText(file.size) +
          "; the largest upload is " + sizeText(limit) + ". Choose a smaller file." : "";
        input.setAttribute("aria-invalid", tooBig ? "true" : "false");
        if (tooBig) input.setAttribute("aria-describedby", note.id);
        return !tooBig;
      }
      input.addEventListener("change", check);
      form.addEventListener("submit", function (event) {
        if (!check()) { event.preventDefault(); input.focus(); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupQuotes();
    setupTypeFields();
    setupJob();
    setupUploadLimits();
  });
})();
