"""Fill colours to RAG colours: the nearest named colour to an RGB fill."""

from __future__ import annotations

#: shades seen in plans' status cells (Word's theme colours and highlight palette)
PALETTE: dict[str, tuple[str, ...]] = {
    "red": ("FF0000", "C00000", "E06666", "FF5050", "F4B084", "FF7C80", "CC0000", "EA9999"),
    "amber": ("FFC000", "FFBF00", "FFA500", "F79646", "FFFF00", "FFD966", "FFE699", "ED7D31",
              "FFEB9C", "F6B26B", "FFD700"),
    "green": ("00B050", "92D050", "00FF00", "008000", "C6EFCE", "A9D08E", "70AD47", "38761D",
              "6AA84F", "93C47D", "B6D7A8"),
    "blue": ("0070C0", "00B0F0", "0000FF", "5B9BD5", "9DC3E6", "BDD7EE", "4472C4", "2E75B6",
             "3C78D8", "6FA8DC", "1F4E79"),
    "grey": ("808080", "A6A6A6", "BFBFBF", "D9D9D9", "7F7F7F", "999999", "B7B7B7", "CCCCCC"),
    "none": ("FFFFFF", "000000", "F2F2F2", "FAFAFA"),
}
MAX_DISTANCE = 110.0


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16)


def named_colour(fill: str | None) -> str | None:
    """"blue", "green", "amber", "red" or "grey" for a "RRGGBB" fill; None for white, black or far off."""
    if not fill or len(fill) != 6:
        return None
    try:
        target = rgb(fill.upper())
    except ValueError:
        return None
    best, best_distance = None, MAX_DISTANCE
    for name, shades in PALETTE.items():
        for shade in shades:
            distance = sum((a - b) ** 2 for a, b in zip(target, rgb(shade), strict=True)) ** 0.5
            if distance < best_distance:
                best, best_distance = name, distance
    return None if best == "none" else best
