/* The practitioner's space, progressive enhancement only: every page works without it.
   - ranges of hours: show the filled rows, "Add hours" reveals or clones a row, "Clear" empties one;
   - "Copy Monday to Tuesday–Friday";
   - different hours on a date: hide the hours when "not working" is chosen;
   - copy the private feed address;
   - move focus to the error summary after a failed submit. */
(function () {
  "use strict";

  function announce(root, text) {
    var status = (root.closest("form") || document).querySelector("[data-status]");
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  function rows(ranges) {
    return Array.prototype.slice.call(ranges.querySelectorAll("[data-range-row]"));
  }

  function isEmpty(row) {
    return Array.prototype.every.call(row.querySelectorAll("input"), function (input) {
      return !input.value;
    });
  }

  function renumber(node, from, to) {
    // Field names look like "day0-2-start" or "override-r-2-start": the index sits between dashes.
    var pattern = new RegExp("-" + from + "-(start|end)");
    ["name", "id", "for"].forEach(function (attribute) {
      node.querySelectorAll("[" + attribute + "]").forEach(function (element) {
        element.setAttribute(attribute, element.getAttribute(attribute).replace(pattern, "-" + to + "-$1"));
      });
    });
    node.querySelectorAll("input").forEach(function (input) {
      input.value = "";
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    });
    node.querySelectorAll(".errorlist").forEach(function (list) { list.remove(); });
    node.classList.remove("range-row--error");
    node.removeAttribute("data-filled");
    node.dataset.index = String(to);
    node.querySelectorAll(".visually-hidden").forEach(function (hidden) {
      hidden.textContent = hidden.textContent.replace(/\d+/, String(to + 1));
    });
  }

  function addRow(ranges) {
    var hidden = rows(ranges).filter(function (row) { return row.hidden; });
    if (hidden.length) {
      hidden[0].hidden = false;
      return hidden[0];
    }
    var all = rows(ranges);
    var max = parseInt(ranges.dataset.max || "12", 10);
    if (all.length >= max) { return null; }
    var last = all[all.length - 1];
    var clone = last.cloneNode(true);
    renumber(clone, parseInt(last.dataset.index, 10), all.length);
    last.after(clone);
    clone.hidden = false;
    return clone;
  }

  function updateAddButton(ranges) {
    var button = ranges.querySelector("[data-add-range]");
    var max = parseInt(ranges.dataset.max || "12", 10);
    var visible = rows(ranges).filter(function (row) { return !row.hidden; }).length;
    button.hidden = visible >= max;
  }

  function updateClearButtons(ranges) {
    // Only a row with something in it can be cleared.
    rows(ranges).forEach(function (row) {
      var clear = row.querySelector("[data-clear-range]");
      if (clear) { clear.hidden = isEmpty(row); }
    });
  }

  function setupRanges(ranges) {
    var all = rows(ranges);
    all.forEach(function (row, index) {
      var keep = row.hasAttribute("data-filled") || (index === 0);
      row.hidden = !keep;
    });
    updateClearButtons(ranges);
    updateAddButton(ranges);
    ranges.addEventListener("input", function () { updateClearButtons(ranges); });
    ranges.addEventListener("click", function (event) {
      var add = event.target.closest("[data-add-range]");
      var clear = event.target.closest("[data-clear-range]");
      if (add) {
        var row = addRow(ranges);
        if (row) { row.querySelector("input").focus(); }
        updateClearButtons(ranges);
        updateAddButton(ranges);
      } else if (clear) {
        var cleared = clear.closest("[data-range-row]");
        cleared.querySelectorAll("input").forEach(function (input) { input.value = ""; });
        cleared.querySelector("input").focus();
        updateClearButtons(ranges);
      }
    });
  }

  function setupCopy(button) {
    var form = button.closest("form");
    var source = form.querySelector('[data-day="' + button.dataset.copyDay + '"] [data-ranges]');
    button.hidden = false;
    button.addEventListener("click", function () {
      var values = rows(source)
        .filter(function (row) { return !isEmpty(row); })
        .map(function (row) {
          var inputs = row.querySelectorAll("input");
          return [inputs[0].value, inputs[1].value];
        });
      if (!values.length) {
        announce(button, button.dataset.empty);
        return;
      }
      button.dataset.copyTo.split(",").forEach(function (day) {
        var target = form.querySelector('[data-day="' + day + '"] [data-ranges]');
        var targetRows = rows(target);
        while (targetRows.length < values.length) {
          if (!addRow(target)) { break; }
          targetRows = rows(target);
        }
        targetRows.forEach(function (row, index) {
          var inputs = row.querySelectorAll("input");
          var pair = values[index] || ["", ""];
          inputs[0].value = pair[0];
          inputs[1].value = pair[1];
          row.hidden = index > 0 && index >= values.length;
        });
        updateClearButtons(target);
        updateAddButton(target);
      });
      announce(button, button.dataset.done || button.textContent.trim() + " ✓");
    });
  }

  function setupWorking(fieldset) {
    var form = fieldset.closest("form");
    var radios = form.querySelectorAll('input[name="' + fieldset.dataset.hoursFor + '"]');
    function update() {
      var off = Array.prototype.some.call(radios, function (radio) {
        return radio.checked && radio.value === "off";
      });
      fieldset.hidden = off;
    }
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  }

  function setupCopyAddress(button) {
    var input = document.getElementById(button.dataset.copy);
    var status = document.querySelector("[data-copy-status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      function done() { if (status) { status.textContent = button.dataset.copied; } }
      input.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          document.execCommand("copy");
          done();
        });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-ranges]").forEach(setupRanges);
    document.querySelectorAll("[data-copy-day]").forEach(setupCopy);
    document.querySelectorAll("[data-hours-for]").forEach(setupWorking);
    document.querySelectorAll("[data-copy]").forEach(setupCopyAddress);
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    } else if (window.location.hash === "#preview") {
      var preview = document.getElementById("preview");
      if (preview) { preview.focus(); }
    }
  });
})();
