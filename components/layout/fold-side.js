// On small screens the chapter list and the contents start folded, so the text comes first. Inlined by
// ChapterLayout.astro right after them, so they fold before the first paint (folding them later moved the
// whole text up: a layout shift of 0.7 on a phone); scripts/csp.mjs allows exactly this text by its hash.
if (matchMedia('(max-width: 56rem)').matches) {
  for (const d of document.querySelectorAll('.side details')) d.removeAttribute('open');
}
