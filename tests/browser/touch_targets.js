// Kiosk touch targets smaller than 44 x 44 CSS pixels, from element boxes.
() => {
  const small = [];
  const seen = new Set();
  for (const el of document.querySelectorAll('a, button, select, input, textarea, summary')) {
    if (el.closest('dialog:not([open])') || el.classList.contains('skip-link')) continue;
    if (el.type === 'hidden') continue;
    const target = (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') || el) : el;
    if (seen.has(target)) continue;
    seen.add(target);
    const box = target.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.width < 44 || box.height < 44) small.push(`${target.tagName} "${target.textContent.trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}
