"""GB/T 9704-2012 layout values, each a named constant a reviewer can check against the standard (gbt9704.md)."""
from __future__ import annotations

from datetime import datetime

# --- fonts: the ONE place their names are written --------------------------------------------
FONT_FANGSONG = "仿宋_GB2312"
FONT_XIAOBIAOSONG = "方正小标宋简体"
FONT_HEITI = "黑体"
FONT_KAITI = "楷体_GB2312"
FONT_SONG = "宋体"

# --- page (twips; 1 mm = 56.693 twips) ---------------------------------------------------------
TWIPS_PER_MM = 1440 / 25.4
PAGE_W = 11906  # A4 210 mm
PAGE_H = 16838  # A4 297 mm
MARGIN_TOP = 2098  # 天头 37 mm
MARGIN_LEFT = 1587  # 订口 28 mm
MARGIN_BOTTOM = 1984  # 35 mm
MARGIN_RIGHT = 1474  # 26 mm
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 版心 8845 twips = 156 mm
TEXT_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM  # 版心 12756 twips = 225 mm
HEADER_DIST = 851  # 15 mm (no header content is used)
FOOTER_DIST = 1417  # 25 mm: puts "— N —" ≈7 mm below the 版心
LINE_PITCH = 579  # 28.95 pt: 22 lines fill the 225 mm 版心
# 28 字 a line: 28 × 16 pt = 158 mm overflows the 156 mm 版心; the 正文 style condenses each 字 by 0.25 pt
# (w:spacing -5 twentieths: 28 × 15.75 pt = 155.6 mm). Word's own 28-字 grid (docGrid linesAndChars,
# charSpace) does the same in Word but LibreOffice lays such a grid out at about half the characters a line.
CHAR_CONDENSE = -5
TEXT_W_MM = 156.0

# --- sizes (pt) --------------------------------------------------------------------------------
PT_BODY = 16  # 三号
PT_TITLE = 22  # 二号
PT_MARK = 36  # 小初 (the standard leaves the size open)
PT_MARK_MIN = 16
PT_COLOPHON = 14  # 四号
PT_PAGE_NUMBER = 14  # 四号
PT_TABLE = 12  # 小四

# --- indents (twips) ---------------------------------------------------------------------------
CHAR_BODY = 320  # 1 字 at 三号 16 pt
CHAR_SMALL = 280  # 1 字 at 四号 14 pt
FIRST_LINE = 2 * CHAR_BODY  # 640: body paragraphs 2 字 in
FIRST_LINE_CHARS = 200  # the same in hundredths of a character
DATE_RIGHT = 4 * CHAR_BODY  # 成文日期 4 字 from the right (sealed layout, checker §5.7)
TYPICAL_DATE = "2021年12月1日"  # 6.5 字: the date width the 署名 is centred on (dates run 6–7.5 字)
SIGNATURE_RIGHT = DATE_RIGHT  # style default; each 署名 paragraph gets its own centring indent
PAGE_NUMBER_INDENT = CHAR_SMALL  # page number 1 字 in from the outer edge
COLOPHON_INDENT = CHAR_SMALL  # 抄送 / 印发 1 字 in each side

# --- masthead (twips unless noted) -------------------------------------------------------------
RED = "FF0000"
BLACK = "000000"
MARK_TOP_FILE = round(35 * TWIPS_PER_MM)  # 1984: mark top below the 版心 top (文件)
MARK_TOP_LETTER = round(30 * TWIPS_PER_MM)  # 1701: mark top below the paper top (信函)
RULE_GAP_PT = 5  # pBdr w:space (pt): with the exact 579 line box, the red line sits ≈4 mm below the
# number's ink (measured on a LibreOffice render: 4.1 mm; 11 pt gave 6.2 mm)
RED_RULE_SZ = 12  # eighths of a point: 1.5 pt ≈ 0.53 mm
LETTER_RULE_THICK_SZ = 18  # 信函 double rule: thick 2.25 pt ≈ 0.8 mm ...
LETTER_RULE_THIN_SZ = 6  # ... over thin 0.75 pt ≈ 0.25 mm
LETTER_RULE_OUTDENT = round(7 * TWIPS_PER_MM)  # 397: 156 + 2×7 = 170 mm
LETTER_RULE_GAP = round(4 * TWIPS_PER_MM)  # 227: rule 4 mm below the mark
LETTER_RULE_HEIGHT = 20  # 1 pt: the gap between the two rules (an empty paragraph)
LETTER_BOTTOM_RULE_Y = 277 * 36000  # EMU: 20 mm above the paper bottom (297 − 20)
LETTER_BOTTOM_RULE_X = 21 * 36000  # EMU: 订口 28 mm − 7 mm, the same span as the top rule
LETTER_BOTTOM_RULE_CX = 170 * 36000  # EMU: 170 mm
LETTER_BOTTOM_RULE_GAP = 45000  # EMU: 1.25 mm between the centres of the thin and the thick line
COLOPHON_W = TEXT_W  # 版记 table: the 版心 width
COLOPHON_THICK_SZ = 8  # 0.35 mm
COLOPHON_THIN_SZ = 6  # 0.25 mm
RULE_PARA_HEIGHT = 20  # 1 pt: empty paragraphs carrying 版记 rules
TABLE_BORDER_SZ = 4  # 0.5 pt
TABLE_LINE = 240  # single line spacing in tables

# --- determinism -------------------------------------------------------------------------------
FIXED_TIME = datetime(2021, 1, 1, 0, 0, 0)
FIXED_ZIP_TIME = (2021, 1, 1, 0, 0, 0)
AUTHOR = "reportgen"

KINDS = ("文件", "信函")
