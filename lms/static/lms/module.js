// Progressive enhancement for module pages: answer, walk scenarios, reflect and
// complete without a full reload. Without JavaScript the same forms post normally.
(function () {
  "use strict";
  var script = document.currentScript;
  var apiUrl = script.dataset.api;

  function csrfToken(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function eventFrom(form, submitter) {
    var data = new FormData(form);
    var rendered = parseInt(data.get("rendered_at"), 10) || 0;
    var event = {
      id: data.get("event_id"),
      type: data.get("type"),
      module_id: parseInt(data.get("module_id"), 10),
      occurred_at: new Date().toISOString(),
      seconds: Math.max(0, Math.min(900, Math.round(Date.now() / 1000 - rendered))),
    };
    ["question_id", "scenario_id", "step_id", "prompt_id", "text"].forEach(function (name) {
      if (data.get(name)) { event[name] = data.get(name); }
    });
    if (submitter && submitter.name === "choice_id") { event.choice_id = submitter.value; }
    var chosen = data.getAll("chosen");
    if (chosen.length) { event.chosen = chosen; }
    return event;
  }

  function showError(section, message) {
    var result = section.querySelector(".result") || section;
    var note = document.createElement("p");
    note.className = "error";
    note.setAttribute("role", "alert");
    note.textContent = message;
    result.prepend(note);
  }

  // The page's address without "?replay=": a replay starts a scenario over once,
  // on the visit that asked for it; refetching it would start it over again.
  function pageUrl() {
    var url = new URL(window.location.href);
    url.searchParams.delete("replay");
    url.hash = "";
    return url.toString();
  }

  // Re-render from the server so the page shows exactly what a reload would.
  function refresh(sectionIds) {
    var url = pageUrl();
    if (url !== window.location.href.split("#")[0]) {
      window.history.replaceState(null, "", url + window.location.hash);
    }
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        sectionIds.forEach(function (id) {
          var current = document.getElementById(id);
          var replacement = fresh.getElementById(id);
          if (current && replacement) { current.replaceWith(replacement); }
        });
        var focus = document.getElementById(sectionIds[0]);
        var target = focus && focus.querySelector("[tabindex='-1'], button, textarea");
        if (target) { target.focus(); }
      });
  }

  document.addEventListener("submit", function (domEvent) {
    var form = domEvent.target;
    if (!form.classList.contains("event-form") || !window.fetch) { return; }
    domEvent.preventDefault();
    var section = form.closest("[id]");
    var body = eventFrom(form, domEvent.submitter);
    fetch(apiUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(form) },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (problem) { showError(section, problem.detail); });
      }
      return refresh([section.id, "complete"]);
    }).catch(function () { form.submit(); });
  });
})();
