"""Cell text cleaning: clean, never rewrite (quotes, dashes, spelling and typos are kept)."""

from __future__ import annotations

import html
import re

HTML_TAGS = (
    "a|abbr|b|big|blockquote|br|center|code|del|div|em|font|h[1-6]|hr|i|ins|li|mark|ol|p|pre|"
    "s|small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|tt|u|ul"
)
#: a tag only when it is an HTML tag: "<18 weeks" and "a < b" stay text
TAG = re.compile(rf"</?(?:{HTML_TAGS})(?:\s+[^<>]*)?/?>", re.IGNORECASE)
LINE_BREAK_TAG = re.compile(r"<br\s*/?>|</p>|</li>|</div>|</tr>", re.IGNORECASE)
LIST_ITEM_TAG = re.compile(r"<li(?:\s+[^<>]*)?>", re.IGNORECASE)
BULLET_GLYPHS = "•●▪■◦‣⁃·\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
BULLET_AT_LINE_START = re.compile(rf"^\s*[{BULLET_GLYPHS}]\s*", re.MULTILINE)
BULLET_INLINE = re.compile(rf"\s*[{BULLET_GLYPHS}]\s*")
SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u2009\u200a\u3000\f\v]+")
HYPHEN_AT_LINE_END = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)")


def strip_html(text: str) -> str:
    """HTML tags out, entities decoded; a list item becomes a "• " bullet."""
    if "<" in text:
        text = LIST_ITEM_TAG.sub("\n• ", text)
        text = LINE_BREAK_TAG.sub("\n", text)
        text = TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def fold_repeated_phrase(text: str) -> str:
    """A cell whose whole text is one phrase (two words or more) written twice is given once."""
    words = text.split(" ")
    half, odd = divmod(len(words), 2)
    if half >= 2 and not odd and words[:half] == words[half:]:
        return " ".join(words[:half])
    return text


def clean_cell(text: str | None) -> str:
    """One cell's text as SCHEMA.md's text rules say: one line, tags out, bullets as "• item"."""
    if not text:
        return ""
    source = text
    text = strip_html(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = SPACES.sub(" ", text)
    text = HYPHEN_AT_LINE_END.sub("-", text)
    text = BULLET_AT_LINE_START.sub("• ", text)
    text = BULLET_INLINE.sub(" • ", text)
    text = fold_repeated_phrase(" ".join(text.split()))
    return source if text == source else text  # the one string, not a copy, when already clean


def fold(text: str) -> str:
    """Case, punctuation and whitespace folded: the key for comparing labels and headers."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower().replace("_", " ")).split())


def fold_space(text: str) -> str:
    return " ".join(text.split())


def starts_lower(text: str) -> bool:
    """Does the text's first letter come in lower case (before any digit)?"""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


MOSTLY_LOWER = 0.6  # this share of a row's filled cells going on in lower case carries on a row


def mostly_lower(cells: list[str]) -> bool:
    """Two or more, and most, of the filled cells go on in lower case: the rests of a row a page
    break cut ("homes", "received"), neither a new row nor a header."""
    filled = [c for c in cells if c]
    lower = sum(starts_lower(c) for c in filled)
    return lower >= 2 and lower >= MOSTLY_LOWER * len(filled)
