// The plan's contents page. Progressive enhancement only: every form works without this file.
//
// Every form on the page carries the plan's lock version. After the user's own save through htmx the server
// sends planLockChanged {from, to}: forms still at `from` move on to `to`, so the user's other open forms do not
// look stale because of their own save. Forms at an older version keep it, so someone else's change is caught.
document.addEventListener("planLockChanged", (event) => {
  const from = String(event.detail.from);
  const to = String(event.detail.to);
  document.querySelectorAll('input[name="lock_version"]').forEach((input) => {
    if (input.value === from) input.value = to;
  });
});

// After a section comes back, move focus to what it says (saved, or what needs fixing), so that keyboard and
// screen-reader users are not left on a removed element.
document.addEventListener("htmx:afterSettle", () => {
  const target = document.querySelector(
    ".inline-editor .error-summary:not([data-focused]), .plan-section .error-summary:not([data-focused]), [data-focus-after-swap]",
  );
  if (target) {
    target.removeAttribute("data-focus-after-swap");
    target.setAttribute("data-focused", "");
    target.focus();
  }
});
