#!/usr/bin/env python3
"""Counts ../shared/data/seed-article-ar.txt a second way, so the text-measure tests state numbers that did not come
from the code they test (tests/Newsroom.Domain.Tests/Text/TextMeasuresTests.cs quotes this output).

A different method from WordTokenizer's scan: delete the Arabic diacritics (U+064B-U+065F, U+0670) and tatweel
(U+0640) first, then count runs of letters and digits with a regular expression (an apostrophe between two letters
joins them). Characters: code points left after deleting the diacritics and tatweel (the article has no emoji or
other multi-code-point characters, so a code point is a user-perceived character here), without line breaks.
"""
import math
import pathlib
import re

root = pathlib.Path(__file__).resolve().parents[2]
text = (root.parent / "shared" / "data" / "seed-article-ar.txt").read_text(encoding="utf-8")
bare = re.sub("[\u064B-\u065F\u0670\u0640]", "", text)
# [^\W_] is a letter or a digit in Python's Unicode regular expressions.
words = re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)*", bare)
arabic = [w for w in words if re.search("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]", w)]
characters = len(bare.replace("\n", ""))
no_spaces = len(re.sub(r"\s", "", bare))
print(f"words {len(words)} (arabic {len(arabic)}, latin {len(words) - len(arabic)})")
print(f"characters {characters}, without spaces {no_spaces}")
# Each word at its script's rate: Arabic 138 words a minute, the rest 228 (IReST, Trauzettel-Klosinski & Dietz 2012).
minutes = len(arabic) / 138 + (len(words) - len(arabic)) / 228
print(f"reading time {minutes:.4f} minutes = {round(minutes * 60)} seconds, shown as {max(1, math.floor(minutes + 0.5))} min")
diacritics = len(re.findall("[\u064B-\u065F\u0670]", text))
print(f"diacritics {diacritics}, tatweel {text.count(chr(0x640))}")
