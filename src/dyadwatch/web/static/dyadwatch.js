// dyadwatch: small enhancements; every page works without them.
// An event's evidence may be cut into several <mark> pieces (where other events
// overlap it); when the address points at an event (#ev-ID), light up all of them.
(function () {
  "use strict";

  function focusEvent() {
    document.querySelectorAll("mark.focus").forEach(function (m) { m.classList.remove("focus"); });
    var hash = decodeURIComponent(window.location.hash || "");
    if (hash.indexOf("#ev-") !== 0) { return; }
    var id = hash.slice(4);
    var marks = Array.prototype.filter.call(document.querySelectorAll("mark.evidence"), function (m) {
      return (m.getAttribute("data-events") || "").split(" ").indexOf(id) !== -1;
    });
    marks.forEach(function (m) { m.classList.add("focus"); });
    if (marks.length) { marks[0].scrollIntoView({ block: "center" }); }
  }

  // Hovering a highlighted sentence shows which events it carries in the side list.
  function linkMarks() {
    document.querySelectorAll("mark.evidence").forEach(function (mark) {
      var ids = (mark.getAttribute("data-events") || "").split(" ");
      function toggle(on) {
        ids.forEach(function (id) {
          var item = document.getElementById("event-" + id);
          if (item) { item.classList.toggle("hover", on); }
        });
      }
      mark.addEventListener("mouseenter", function () { toggle(true); });
      mark.addEventListener("mouseleave", function () { toggle(false); });
    });
  }

  window.addEventListener("hashchange", focusEvent);
  document.addEventListener("DOMContentLoaded", function () { linkMarks(); focusEvent(); });
})();
