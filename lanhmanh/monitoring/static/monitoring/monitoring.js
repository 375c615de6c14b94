// The dashboard's "Print" button (print CSS makes it one A4 page).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
// A figure chosen in a list opens its page.
document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-navigate]");
  if (select) window.location.assign(select.value);
});
