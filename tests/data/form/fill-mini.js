/* Test only: fills the mini survey's form as a person would, through
 * its controls, and records what the page shows.  The answers file
 * itself is what the form's own save code hands to the download: the
 * Blob is read back and shown in a pre element, "saved", and the click
 * that would start the download is recorded instead. */
(function () {
  "use strict";
  var log = [], form = document.getElementById("answers");
  function out(id, text) {
    var pre = document.createElement("pre");
    pre.id = id;
    pre.textContent = text;
    document.body.appendChild(pre);
  }
  URL.createObjectURL = function (blob) {
    blob.text().then(function (t) { out("saved", t); });
    return "blob:test";
  };
  HTMLAnchorElement.prototype.click = function () {
    log.push("download " + this.download + " of " + this.href);
  };
  function q(id) { return form.querySelector('.q[data-qid="' + id + '"]'); }
  function pick(id, value) {
    var i = q(id).querySelector('input[value="' + value + '"]');
    i.checked = true;
    i.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function type(id, sel, text) {
    var i = q(id).querySelector(sel);
    i.value = text;
    i.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function shown() {
    return [].slice.call(form.querySelectorAll(".q")).filter(function (e) {
      return !e.hidden;
    }).map(function (e) { return e.getAttribute("data-qid"); }).join(" ");
  }
  function save(what) {
    document.getElementById("save").click();
    log.push(what + ": " + document.getElementById("status").textContent);
    [].slice.call(document.querySelectorAll(".err")).forEach(function (e) {
      if (!e.hidden) log.push("  " + (e.closest(".q") ?
        e.closest(".q").getAttribute("data-qid") : "organisation") +
        ": " + e.textContent);
    });
  }
  log.push("shown at first: " + shown());
  save("saved empty");
  form.elements.role.value = "1";
  form.elements.role.dispatchEvent(new Event("change", { bubbles: true }));
  log.push("shown to ops: " + shown());
  form.elements.role.value = "0";
  form.elements.role.dispatchEvent(new Event("change", { bubbles: true }));
  pick("A1", "all");
  log.push("shown after A1 = all: " + shown());
  pick("A1", "some");
  log.push("shown after A1 = some: " + shown());
  pick("A2", "dash");
  pick("A2", "none");
  type("A3", "input.num", "12,5");
  type("E2", "textarea", "<b>notes</b> & \"quotes\"");
  document.getElementById("organisation").value = "Alpha \u00e9";
  save("saved with mistakes");
  q("A2").querySelector('input[value="none"]').checked = false;
  pick("A2", "video");
  type("A3", "input.num", "12.5");
  pick("A4", "yes");
  type("A4", "input.ev", "board minutes");
  pick("A5", "local");
  type("T1", "input.num", "60");
  pick("E1", "consult");
  save("saved");
  out("log", log.join("\n"));
}());
