"""A schematic map of the Netherlands with the networks as circles at their academic hospitals,
coloured by whether a chosen indicator meets its target. Drawn by hand as SVG (no map tiles, no
network access); the table beside it on the page holds the same figures."""

from __future__ import annotations

from django.utils.html import escape

# The outline, roughly (longitude, latitude), clockwise from the south-west.
OUTLINE = [
    (3.38, 51.37), (3.57, 51.44), (3.44, 51.53), (3.75, 51.73), (3.85, 51.83), (4.12, 51.98),
    (4.27, 52.11), (4.42, 52.24), (4.58, 52.46), (4.66, 52.77), (4.76, 52.96), (5.0, 52.93),
    (5.41, 53.17), (5.9, 53.38), (6.2, 53.41), (6.83, 53.45), (6.93, 53.33), (7.2, 53.18),
    (7.07, 52.88), (6.74, 52.66), (7.0, 52.38), (7.07, 52.23), (6.72, 51.97), (6.1, 51.86),
    (6.0, 51.83), (6.2, 51.37), (6.03, 51.19), (5.87, 51.0), (6.02, 50.76), (5.69, 50.75),
    (5.7, 51.25), (5.4, 51.3), (4.93, 51.44), (4.38, 51.36), (4.21, 51.4), (3.95, 51.22),
    (3.38, 51.31),
]  # fmt: skip
# Where each network's academic hospital is (by the region's short name).
CENTRES = {
    "noord-nederland": (6.57, 53.22),
    "noord-holland-flevoland": (4.9, 52.37),
    "holland-rijnland": (4.48, 52.16),
    "midden-nederland": (5.18, 52.09),
    "zuidwest-nederland": (4.47, 51.91),
    "oost-nederland": (5.86, 51.82),
    "limburg": (5.69, 50.85),
}
# Which side of its circle a network's name goes: the west's towards the sea, the east's inland.
LABEL_LEFT = {
    "noord-nederland",
    "noord-holland-flevoland",
    "holland-rijnland",
    "zuidwest-nederland",
}
WIDTH, HEIGHT = 420, 480
FONT = 12
CHAR = 0.6 * FONT  # an average character of a sans-serif font, for the room a label takes


def _xy(lon: float, lat: float) -> tuple[float, float]:
    x = (lon - 3.2) / (7.35 - 3.2) * (WIDTH - 40) + 20
    y = (53.6 - lat) / (53.6 - 50.7) * (HEIGHT - 40) + 20
    return round(x, 1), round(y, 1)


def short_name(name: str) -> str:
    """ "NIK Holland Rijnland" is "Holland Rijnland" on the map: every network is a NIK."""
    return name.removeprefix("NIK ").strip() or name


def map_svg(points: list[tuple[str, str, str, bool | None]], title: str) -> str:
    """points: (region slug, region name, value shown, met target or None).

    Each network is named beside its circle with its value, and the picture is as wide as its
    labels need (issue 30: labels ran past the edge, and no network was named)."""
    outline = " ".join(f"{x},{y}" for x, y in (_xy(*p) for p in OUTLINE))
    fallback = iter([(4.5 + 0.4 * i, 52.0 + 0.2 * (i % 3)) for i in range(20)])
    marks, left_edge, right_edge = [], 0.0, float(WIDTH)
    for slug, name, shown, met in points:
        x, y = _xy(*(CENTRES.get(slug) or next(fallback)))
        colour = "#2e7d32" if met else ("#c62828" if met is False else "#757575")
        # The name above, the value below: two short lines keep the picture narrow on a phone.
        room = max(len(short_name(name)), len(shown)) * CHAR
        left = slug in LABEL_LEFT or (slug not in CENTRES and x > WIDTH / 2)
        tx = x - 15 if left else x + 15
        left_edge = min(left_edge, tx - room - 4 if left else tx - 4)
        right_edge = max(right_edge, tx + 4 if left else tx + room + 4)
        marks.append(
            f'<g><title>{escape(f"{name}: {shown}")}</title><circle cx="{x}" cy="{y}" r="11" '
            f'fill="{colour}" stroke="#fff" stroke-width="2"/><text x="{tx}" y="{y - 2}" '
            f'text-anchor="{"end" if left else "start"}" font-size="{FONT}" '
            'font-family="sans-serif" fill="#1a1a1a" paint-order="stroke" stroke="#fff" '
            f'stroke-width="3" stroke-linejoin="round"><tspan font-weight="bold">'
            f'{escape(short_name(name))}</tspan><tspan x="{tx}" dy="{FONT + 1}">{escape(shown)}'
            "</tspan></text></g>"
        )
    x0, width = round(left_edge, 1), round(right_edge - left_edge, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0} 0 {width} {HEIGHT}" '
        f'width="{width}" height="{HEIGHT}" role="img" aria-labelledby="map-title">'
        f'<title id="map-title">{escape(title)}</title>',
        f'<polygon points="{outline}" fill="#eef2f5" stroke="#6b7a89" stroke-width="1.5"/>',
        *marks,
        "</svg>",
    ]
    return "".join(parts)
