// actionplan's web page: drag and drop, a progress line while plans are read, sorting and
// filtering in place. The page works without it: the forms and links do the same on the server.
"use strict";

function setUpUploads() {
  document.querySelectorAll("form[data-upload]").forEach((form) => {
    const input = form.querySelector("input[type=file]");
    const zone = form.querySelector("[data-drop]");
    const progress = form.querySelector("[data-progress]");
    form.addEventListener("submit", () => {
      const count = input.files.length;
      progress.querySelector("[data-progress-text]").textContent =
        `Reading ${count} plan${count === 1 ? "" : "s"}… this can take a minute for a long PDF.`;
      progress.hidden = false;
      form.setAttribute("aria-busy", "true");
      form.querySelector("button[type=submit]").disabled = true;
    });
    ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("over");
    }));
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("over");
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      input.files = event.dataTransfer.files;
      form.requestSubmit();
    });
  });
}

function setUpTable() {
  const table = document.querySelector("table[data-actions]");
  const filters = document.querySelector("form[data-filters]");
  if (!table || !filters) return;
  const body = table.tBodies[0];
  const shown = document.querySelector("[data-shown]");
  const total = document.querySelector("[data-total]").textContent;
  const sortInput = filters.querySelector("input[name=sort]");

  function query() {
    const params = new URLSearchParams(new FormData(filters));
    for (const [key, value] of [...params]) if (!value || (key === "sort" && value === "row")) params.delete(key);
    return params.toString();
  }

  function apply() {
    const status = filters.elements.status.value;
    const theme = filters.elements.theme.value;
    const finding = filters.elements.finding.value;
    let count = 0;
    for (const row of body.rows) {
      const codes = row.dataset.codes ? row.dataset.codes.split(" ") : [];
      const keep = (!status || row.dataset.status === status) && (!theme || row.dataset.theme === theme) &&
        (!finding || (finding === "none" ? codes.length === 0 : codes.includes(finding)));
      row.hidden = !keep;
      count += keep ? 1 : 0;
    }
    shown.textContent = `Showing ${count} of ${total} actions.`;
    const q = query();
    document.querySelectorAll("a[data-download]").forEach((link) => {
      link.href = link.href.split("?")[0] + (q ? "?" + q : "");
    });
    history.replaceState(null, "", location.pathname + (q ? "?" + q : ""));
  }

  function sort(key, descending) {
    const rows = [...body.rows];
    rows.sort((a, b) => (Number(a.dataset["rank" + key[0].toUpperCase() + key.slice(1)]) -
                         Number(b.dataset["rank" + key[0].toUpperCase() + key.slice(1)])) * (descending ? -1 : 1));
    rows.forEach((row) => body.appendChild(row));
    table.querySelectorAll("th[data-sort-key]").forEach((th) => {
      if (th.dataset.sortKey === key) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    sortInput.value = (descending ? "-" : "") + key;
    apply();
  }

  filters.addEventListener("change", apply);
  filters.addEventListener("submit", (event) => { event.preventDefault(); apply(); });
  table.querySelectorAll("a[data-sort]").forEach((link) => link.addEventListener("click", (event) => {
    event.preventDefault();
    const th = link.closest("th");
    sort(th.dataset.sortKey, th.getAttribute("aria-sort") === "ascending");
  }));
}

function setUpConfirm() {
  document.querySelectorAll("form[data-confirm]").forEach((form) => form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  }));
}

document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => { setUpUploads(); setUpTable(); setUpConfirm(); });
