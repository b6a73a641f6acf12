"""Print the advance widths of DejaVu Sans (matplotlib's bundled default font) as the
table in ``infoview/analytics/textwidth.py``: per character from U+0020 to U+024F, in
thousandths of an em, 0 for a character the font lacks.

    .venv/bin/python scripts/font_widths.py
"""

from __future__ import annotations

from matplotlib import ft2font
from matplotlib.font_manager import FontProperties, findfont

FIRST, LAST = 0x20, 0x24F


def main() -> None:
    font = ft2font.FT2Font(findfont(FontProperties(family="DejaVu Sans")))
    font.set_size(1000, 72)
    widths = []
    for code in range(FIRST, LAST + 1):
        if font.get_char_index(code) == 0:
            widths.append(0)
            continue
        glyph = font.load_char(code)
        widths.append(round(glyph.linearHoriAdvance / 65536))
    for start in range(0, len(widths), 16):
        print("    " + ", ".join(str(w) for w in widths[start:start + 16]) + ",")


if __name__ == "__main__":
    main()
