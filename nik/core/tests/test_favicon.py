"""Browsers ask every site for /favicon.ico; NIK answers with its own icon (issue 30)."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert (32, 32) in icon.info["sizes"]


def test_every_page_links_its_icons_and_they_answer(client):
    page = client.get("/accounts/login/").content.decode()
    links = re.findall(r'<link rel="icon" href="([^"]+)"', page)
    assert "/favicon.ico" in links
    assert any(link.endswith(".svg") for link in links)
    for link in links:
        assert client.get(link).status_code == 200, link
