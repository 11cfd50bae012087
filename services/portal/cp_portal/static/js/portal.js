/*
 * Behaviour of the portal's pages. Loaded from the portal's own origin, because
 * the Content-Security-Policy allows no inline scripts. Every page also works
 * without it: links and forms do the same with full page loads.
 */
(function () {
  "use strict";

  /* Draw the dossiers-per-phase pie chart from the accessible table next to it, so the chart
     and the table always show the same numbers. */
  function drawPhaseChart(canvas) {
    if (typeof window.Chart !== "function") {
      return;
    }
    var table = document.getElementById(canvas.dataset.chartTable);
    if (!table) {
      return;
    }

    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-count]"));
    var labels = rows.map(function (row) {
      return row.querySelector("[data-label]").textContent.trim();
    });
    var counts = rows.map(function (row) {
      return Number(row.dataset.count);
    });
    var colours = rows.map(function (row) {
      return getComputedStyle(row.querySelector(".swatch")).backgroundColor;
    });
    var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var numberFormat = new Intl.NumberFormat(document.documentElement.lang || "nl");

    new window.Chart(canvas, {
      type: "pie",
      data: {
        labels: labels,
        datasets: [{ data: counts, backgroundColor: colours, borderColor: "#ffffff", borderWidth: 2 }]
      },
      options: {
        animation: reduceMotion ? false : { duration: 400 },
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (item) {
                return " " + item.label + ": " + numberFormat.format(item.raw);
              }
            }
          }
        },
        onHover: function (event, elements) {
          canvas.style.cursor = elements.length ? "pointer" : "default";
        },
        onClick: function (event, elements) {
          if (elements.length) {
            window.location.assign(rows[elements[0].index].dataset.href);
          }
        }
      }
    });
  }

  /* A dossier row opens and closes its details. htmx loads them the first
     time; after that the loaded row is only shown or hidden again. */
  function detailsRowOf(toggle) {
    return document.getElementById(toggle.getAttribute("aria-controls"));
  }

  document.addEventListener("htmx:config:request", function (event) {
    var toggle = event.target.closest && event.target.closest(".dossier-toggle");
    if (!toggle) {
      return;
    }
    var row = detailsRowOf(toggle);
    if (row && row.hasAttribute("data-loaded")) {
      event.preventDefault();
      row.hidden = !row.hidden;
      toggle.setAttribute("aria-expanded", String(!row.hidden));
    }
  });

  document.addEventListener("htmx:after:swap", function (event) {
    var toggle = event.target.closest && event.target.closest(".dossier-toggle");
    if (toggle) {
      toggle.setAttribute("aria-expanded", "true");
    }
  });

  document.addEventListener("click", function (event) {
    var row = event.target.closest("tr.dossier-row");
    if (!row || event.target.closest("a, button, input, select, textarea")) {
      return;
    }
    if (window.getSelection && String(window.getSelection()).length > 0) {
      return; // the user is selecting text, not opening the dossier
    }
    var toggle = row.querySelector(".dossier-toggle");
    if (toggle) {
      toggle.click();
    }
  });

  /* Rendering the PDF takes a few seconds, so show a status message while the browser waits.
     The response is a download, which a page cannot observe. So the form sends a random id,
     and the portal returns it in the cp_pdf_download cookie along with the file. */
  var PDF_DOWNLOAD_COOKIE = "cp_pdf_download";
  var PDF_POLL_MILLISECONDS = 250;
  // The portal waits up to 30 s for the PDF (pdf_wait_timeout) and then returns an error
  // page. The message is hidden after this time even if the cookie never arrives.
  var PDF_STATUS_MAX_MILLISECONDS = 35000;

  function readCookie(name) {
    var prefix = name + "=";
    var cookies = document.cookie ? document.cookie.split("; ") : [];
    for (var index = 0; index < cookies.length; index++) {
      if (cookies[index].indexOf(prefix) === 0) {
        return cookies[index].slice(prefix.length);
      }
    }
    return "";
  }

  function deleteCookie(name) {
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = name + "=; Max-Age=0; Path=/; SameSite=Strict" + secure;
  }

  function randomDownloadId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (byte) {
      return ("0" + byte.toString(16)).slice(-2);
    }).join("");
  }

  var pdfTimers = new WeakMap();

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-pdf-form]")) {
      return;
    }
    var status = form.querySelector("[data-pdf-status]");
    var field = form.querySelector("[data-pdf-download]");
    if (!status || !field) {
      return;
    }
    window.clearInterval(pdfTimers.get(form));

    var downloadId = randomDownloadId();
    var started = Date.now();
    field.value = downloadId;
    status.hidden = false;
    pdfTimers.set(form, window.setInterval(function () {
      var arrived = readCookie(PDF_DOWNLOAD_COOKIE) === downloadId;
      if (arrived || Date.now() - started > PDF_STATUS_MAX_MILLISECONDS) {
        window.clearInterval(pdfTimers.get(form));
        status.hidden = true;
        if (arrived) {
          deleteCookie(PDF_DOWNLOAD_COOKIE);
        }
      }
    }, PDF_POLL_MILLISECONDS));
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart-table]").forEach(drawPhaseChart);
  });
})();
