/* A page that comes back from a form with errors takes keyboard focus to them, so a screen reader reads
   them out: role="alert" text already present when a page loads is not announced by every reader.
   The error summary (includes/form_errors.html, an error message) comes first; a form with only field
   errors focuses its first invalid field, whose aria-describedby names the error. Without JavaScript
   the page is the same, only the focus stays at the top. Loaded from base.html; the CSP allows no inline script. */
(function () {
  "use strict";
  var target = document.querySelector("[data-error-summary]") || document.querySelector("main [aria-invalid=\"true\"]");
  if (target) {
    target.focus();  // before the browser's autofocus runs, which then leaves the focus where it is
  }
})();
