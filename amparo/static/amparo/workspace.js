// Amparo's only script besides htmx: the phone menus (Content-Security-Policy allows no inline
// script, so every behaviour is wired here from data attributes).
(function () {
  "use strict";
  function toggle(button) {
    var target = document.getElementById(button.getAttribute("data-toggle"));
    if (!target) { return; }
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    target.classList.toggle("open", open);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-toggle]") : null;
    if (button) { toggle(button); return; }
    // A jump link closes the phone menu it sits in.
    var link = event.target.closest ? event.target.closest(".jump a") : null;
    if (link) {
      var nav = link.closest(".jump");
      var opener = document.querySelector("[data-toggle='" + nav.id + "']");
      if (opener && opener.getAttribute("aria-expanded") === "true") { toggle(opener); }
    }
  });
  // Ask before a destructive or public action: <form data-confirm="Withdraw this request?">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.getAttribute || form.hasAttribute("hx-post")) { return; }  // htmx asks below
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); event.stopImmediatePropagation(); }
  }, true);
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.target.closest ? event.target.closest("form[data-confirm]") : null;
    if (!form) { return; }
    event.preventDefault();
    if (window.confirm(form.getAttribute("data-confirm"))) { event.detail.issueRequest(true); }
  });
  // The facility picker: choosing a facility names it in the search box.
  document.addEventListener("change", function (event) {
    var radio = event.target;
    if (!radio.matches || !radio.matches(".facility-choices input[type=radio]")) { return; }
    var box = document.getElementById(radio.closest(".facility-choices").getAttribute("data-for"));
    if (box) { box.value = radio.getAttribute("data-name"); }
  });
}());
