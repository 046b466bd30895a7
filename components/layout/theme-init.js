// Theme before first paint: the reader's saved choice, else the system's. Inlined into every page's head by
// Base.astro; astro.config.mjs allows exactly this text by its SHA-256 hash in the Content Security Policy.
(function () {
  var saved = null;
  try {
    saved = localStorage.getItem('dll-theme');
  } catch (e) {}
  var dark = saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.documentElement.dataset.pfTheme = dark ? 'dark' : 'light';
})();
