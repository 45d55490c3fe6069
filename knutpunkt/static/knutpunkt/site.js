// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to an error summary so screen-reader users hear what needs fixing.
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
  // Auto-submit selects marked data-autosubmit (the form also has a submit button for no-JS use).
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form && select.form.requestSubmit());
  });
});
