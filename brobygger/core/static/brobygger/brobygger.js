/* Brobygger's only script: start the design system, show sliders' values, and after an htmx swap start the
   design-system components inside the swapped content only. DKFDS.init() would also
   re-initialise the page navigation, which must happen once per page load. */
(function () {
  "use strict";

  function initWithin(scope) {
    var DKFDS = window.DKFDS;
    var each = function (selector, start) {
      scope.querySelectorAll(selector).forEach(start);
    };
    each(".accordion, .accordion-bordered:not(.accordion)", function (el) { new DKFDS.Accordion(el).init(); });
    each(".alert.has-close", function (el) { new DKFDS.Alert(el).init(); });
    each(".form-limit", function (el) { new DKFDS.CharacterLimit(el).init(); });
    each(".js-checkbox-toggle-content", function (el) { new DKFDS.CheckboxToggleContent(el).init(); });
    each(".js-radio-toggle-group", function (el) { new DKFDS.RadioToggleGroup(el).init(); });
    each(".js-dropdown", function (el) { new DKFDS.Dropdown(el).init(); });
    each(".tooltip-wrapper", function (el) { new DKFDS.Tooltip(el).init(); });
    var summary = scope.querySelector('[data-module="error-summary"]');
    if (summary) { new DKFDS.ErrorSummary(summary).init(); }
  }

  // A slider names the element that shows its value (data-shows="<id>"): keep it current,
  // and tell screen readers the same words (aria-valuetext).
  function showRangeValue(input) {
    var shown = document.getElementById(input.getAttribute("data-shows"));
    if (shown) { shown.textContent = input.value; }
    input.setAttribute("aria-valuetext", input.value);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("input[type=range][data-shows]")) { showRangeValue(event.target); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (window.DKFDS) { window.DKFDS.init(); }
    document.querySelectorAll("input[type=range][data-shows]").forEach(showRangeValue);
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (window.DKFDS) { initWithin(event.detail.elt); }
  });
})();
