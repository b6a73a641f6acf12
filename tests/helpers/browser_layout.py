"""What a user would call cut off, read from the page a browser test has open: a button
whose text does not fit, a dropdown showing only part of its choice, a list cutting off its
last row or the end of a row's text, a row of buttons that fell under its own label, a
row's remove button (✕) wrapped below its fields.

A widget's size is set in Python (``layout.width``, ``style.button_width``) but only a
browser lays it out, so only a browser test can tell that "no connection yet (cold)" shows
as "no connection yet (colc".
"""

from __future__ import annotations

#: Returns the problems seen on the page, as short strings naming the control.
_CHECK = """() => {
  const out = [];
  const context = document.createElement('canvas').getContext('2d');
  const shown = e => e.offsetParent !== null && e.getClientRects().length > 0;
  for (const b of document.querySelectorAll('button')) {
    if (shown(b) && b.scrollWidth > b.clientWidth + 1) out.push('button cut: ' + b.textContent.trim());
  }
  for (const s of document.querySelectorAll('select:not([multiple])')) {
    const chosen = s.options[s.selectedIndex];
    if (!shown(s) || s.size > 1 || !chosen) continue;
    context.font = getComputedStyle(s).font;
    // the text, and room for the arrow and the padding either side
    if (context.measureText(chosen.text).width + 28 > s.clientWidth)
      out.push('dropdown cut: ' + chosen.text.replace(/\\u00a0/g, ' '));
  }
  for (const s of document.querySelectorAll('select[multiple], select[size]')) {
    // a list with room for every row must show its last row whole (in the whole pixels
    // rows are drawn in: the channel list was a pixel short of "other")
    const last = s.options[s.options.length - 1];
    if (!shown(s) || !last || s.options.length > s.size) continue;
    if (last.offsetTop + last.offsetHeight > s.clientTop + s.clientHeight)
      out.push('list cut: ' + last.text);
  }
  for (const s of document.querySelectorAll('select[size]')) {
    // a row of a list (People, Organizations) shows its whole text, wrapped if need be:
    // "Northgate Community Credit Ur" was cut at the list's edge
    if (!shown(s)) continue;
    for (const o of s.options)
      if (o.scrollWidth > Math.ceil(o.getBoundingClientRect().width) + 1)
        out.push('list row cut: ' + o.text);
  }
  for (const box of document.querySelectorAll('.widget-inline-hbox, .widget-toggle-buttons')) {
    const label = box.querySelector(':scope > .widget-label');
    if (!shown(box) || !label || !shown(label) || !label.textContent.trim()) continue;
    const bottom = label.getBoundingClientRect().bottom;
    const parts = [...box.children].filter(c => c !== label && shown(c));
    if (parts.some(c => [c, ...c.querySelectorAll('button')].some(
          p => shown(p) && p.getBoundingClientRect().top > bottom - 2)))
      out.push('fell under its label: ' + label.textContent.trim());
  }
  for (const x of document.querySelectorAll('button')) {
    // a row's remove button (✕) belongs at the end of the row's first line: wrapped below
    // the fields, it looks like a line of its own, far from the name it removes
    if (!shown(x) || x.textContent.trim() !== '\u2715') continue;
    const row = x.closest('.infoview-row') || x.parentElement;
    const first = [...row.querySelectorAll('input, select, textarea')].find(shown);
    if (first && x.getBoundingClientRect().top > first.getBoundingClientRect().bottom - 2)
      out.push('remove button off its row: ' + (first.value || first.placeholder || ''));
  }
  return [...new Set(out)];
}"""


def cut_off(page) -> list[str]:
    """What is cut off or fell out of line on ``page`` now (a Playwright page), as short
    descriptions; empty when everything shows whole."""
    return page.evaluate(_CHECK)
