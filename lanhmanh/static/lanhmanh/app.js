// The menu collapses behind a button on small screens. Without JavaScript it stays open.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".menu-toggle");
  const menu = document.getElementById("main-nav");
  if (!toggle || !menu) return;
  document.documentElement.classList.add("js-nav");
  toggle.hidden = false;
  menu.setAttribute("data-collapsed", "");
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    if (open) menu.setAttribute("data-collapsed", "");
    else menu.removeAttribute("data-collapsed");
  });
});
