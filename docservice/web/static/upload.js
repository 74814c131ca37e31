// The participant's page: drag and drop, upload without leaving the page, and the check's
// answer shown as soon as it is there. Without JavaScript the forms post as usual.
(function () {
  "use strict";
  var script = document.currentScript;
  var statusUrl = script.dataset.status;
  var polling = null;

  function part(doc, role) { return doc.querySelector('[data-role="' + role + '"]'); }

  function show(doc, item) {
    var badge = part(doc, "badge");
    badge.className = "badge s-" + item.status;
    badge.textContent = item.status_label;
    var text = item.explanation + (item.filename ? " (" + item.filename + ")" : "");
    part(doc, "explanation").textContent = text;
    part(doc, "progress").hidden = !item.busy;
    var estimate = part(doc, "estimate");
    estimate.textContent = item.estimate || "";
    estimate.hidden = !item.estimate;
    var due = part(doc, "due");
    due.textContent = item.deadline || "";
    due.className = "due due-" + (item.deadline_status || "none");
    due.hidden = !item.deadline;
    var list = part(doc, "problems");
    list.textContent = "";
    item.problems.forEach(function (p) {
      var li = document.createElement("li");
      li.textContent = p.message + " ";
      if (p.hint) { var b = document.createElement("strong"); b.textContent = p.hint; li.appendChild(b); }
      if (p.detail) {
        li.appendChild(document.createElement("br"));
        var d = document.createElement("small"); d.className = "muted"; d.textContent = p.detail; li.appendChild(d);
      }
      list.appendChild(li);
    });
    if (item.reason) { var li = document.createElement("li"); li.textContent = item.reason; list.appendChild(li); }
    var form = part(doc, "form");
    if (form) {
      form.hidden = item.status === "accepted";
      var dropText = part(form, "drop-text");
      dropText.textContent = item.status === "passed" ? dropText.dataset.again : dropText.dataset.first;
    }
  }

  function refresh() {
    fetch(statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var busy = false;
        data.items.forEach(function (item) {
          var doc = document.getElementById("doc-" + item.kind);
          if (doc) { show(doc, item); }
          busy = busy || item.busy;
        });
        if (!busy && polling) { clearInterval(polling); polling = null; }
      })
      .catch(function () { /* a missed poll is retried on the next tick */ });
  }

  function watch() { if (!polling) { polling = setInterval(refresh, 1000); } refresh(); }

  function send(form, files) {
    var doc = form.closest(".doc");
    var data = new FormData(form);
    if (files) {  // dropped: every file dropped, checked as one set
      data.delete("file");
      Array.prototype.forEach.call(files, function (f) { data.append("file", f); });
    }
    part(doc, "explanation").textContent = script.dataset.sending;
    part(doc, "progress").hidden = false;
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
                         headers: { Accept: "application/json", "X-CSRFToken": data.get("csrf_token") } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (answer) {
        if (!answer.ok) {
          part(doc, "progress").hidden = true;
          part(doc, "explanation").textContent = answer.body.error ? answer.body.error.message : script.dataset.failed;
          return;
        }
        form.reset();
        watch();
      })
      .catch(function () {
        part(doc, "progress").hidden = true;
        part(doc, "explanation").textContent = script.dataset.failed;
      });
  }

  document.querySelectorAll('form[data-role="form"]').forEach(function (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); send(form); });
    var input = form.querySelector('input[type="file"]');
    var chosen = part(form, "chosen");
    input.addEventListener("change", function () {
      if (input.files.length) {
        chosen.textContent = Array.prototype.map.call(input.files, function (f) { return f.name; }).join(", ");
        send(form);
      }
    });
    // the file is sent as soon as it is chosen or dropped: no second button
    var button = part(form, "submit");
    if (button) { button.hidden = true; }
    var drop = part(form, "drop");
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (e.dataTransfer.files.length) { send(form, e.dataTransfer.files); }
    });
  });
  if (document.querySelector('[data-role="progress"]:not([hidden])')) { watch(); }
})();
