// The batch job's page: progress and the download link, as the job goes.
(function () {
  "use strict";
  var script = document.currentScript;
  var box = document.getElementById("job");
  function words(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function tick() {
    fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        var pct = job.total ? Math.round(100 * job.done / job.total) : 0;
        document.getElementById("job-bar").style.width = pct + "%";
        var text = words(script.dataset.words, job);
        if (job.failed) { text += " · " + words(script.dataset.failed, job); }
        document.getElementById("job-status").textContent = text;
        var list = document.getElementById("job-problems");
        list.textContent = "";
        (job.problems || []).forEach(function (line) {
          var li = document.createElement("li"); li.textContent = line; list.appendChild(li);
        });
        if (job.error) { var e = document.getElementById("job-error"); e.textContent = job.error; e.hidden = false; }
        if (job.download) { var a = document.getElementById("job-download"); a.href = job.download; a.hidden = false; return; }
        if (job.status !== "failed") { setTimeout(tick, 1000); }
      })
      .catch(function () { setTimeout(tick, 2000); });
  }
  tick();
})();
