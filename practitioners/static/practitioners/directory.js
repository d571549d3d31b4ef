// Optional: keep the directory's shareable URLs short by leaving out the filters left empty.
// Without JavaScript the form submits every field, which the server reads the same way.
document.querySelectorAll("[data-directory-filters]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value !== "") params.append(name, value);
    }
    event.preventDefault();
    const query = params.toString();
    const action = form.getAttribute("action") || window.location.pathname;
    window.location.assign(action + (query ? "?" + query : ""));
  });
});
