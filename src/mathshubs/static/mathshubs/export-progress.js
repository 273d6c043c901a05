// A report's export page: ask the server how far the export has got every two seconds,
// write it in the live region (screen readers hear it), reload once it is made.
// Without JavaScript the page's "Check again" button does the same by hand.
(function () {
  var box = document.querySelector("[data-export-progress]");
  if (!box || !window.fetch) return;
  var stage = box.querySelector("[data-stage]");
  var bar = box.querySelector("progress");
  function tick() {
    fetch(box.getAttribute("data-export-progress"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) {
        if (!state.pending) {
          window.location.reload();
          return;
        }
        if (stage.textContent !== state.text) stage.textContent = state.text;
        bar.value = state.percent;
        bar.textContent = state.percent + "%";
        window.setTimeout(tick, 2000);
      })
      .catch(function () {
        window.setTimeout(tick, 5000);
      });
  }
  window.setTimeout(tick, 1000);
})();
