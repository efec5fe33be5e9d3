"""Following the links a page shows, as a person clicking through would (breadth first)."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from html import unescape
from urllib.parse import urldefrag, urlsplit

HREF = re.compile(r'<a\s[^>]*href="([^"]+)"')


def walk(client, skip: re.Pattern[str], limit: int) -> Iterator[tuple[str, str, object]]:
    """(path, the page that linked to it, response) for up to `limit` pages from the start page;
    links to other sites and those `skip` matches are not followed."""
    queue, seen = deque([("/", "")]), {"/"}
    opened = 0
    while queue and opened < limit:
        path, source = queue.popleft()
        response = client.get(path)
        opened += 1
        yield path, source, response
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        for href in HREF.findall(response.content.decode()):
            link = urldefrag(unescape(href))[0]
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not link.startswith("/") or skip.search(link):
                continue
            if link not in seen:
                seen.add(link)
                queue.append((link, path))
