"""Demo mode shows NIK's own error pages, as production does (issue 30): a demo is shown to people.

The settings are read once at start-up, so the demo is started as `nik demo` starts it (NIK_DEMO
set, nothing else) in a process of its own, and asked for a missing page, a page that raises and
a static file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import json
    import django
    from django.conf import settings

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import path

    import nik.urls

    def broken(request):
        raise RuntimeError("a mistake in the code")

    nik.urls.urlpatterns.append(path("demo-broken/", broken))
    setup_test_environment()
    client = Client(raise_request_exception=False)
    pages = {}
    for url in ("/no-such-page/", "/demo-broken/", "/static/core/nik.css"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[url] = [response.status_code, body.decode()]
    print(json.dumps({"demo": settings.DEMO, "pages": pages}))
    """
)


def _demo_pages(tmp_path) -> dict:
    env = {**os.environ, "NIK_DEMO": "true", "NIK_DATA_DIR": str(tmp_path)}
    for name in ("DJANGO_SETTINGS_MODULE", "NIK_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    env["DJANGO_SETTINGS_MODULE"] = "nik.settings"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _shows_no_insides(body: str) -> None:
    for inside in (
        "Traceback",
        "a mistake in the code",
        "RuntimeError",
        "DJANGO_SETTINGS_MODULE",
        "NIK_DATA_DIR",
        "SECRET_KEY",
        "urlpatterns",
        "Django tried these URL patterns",
        "DEBUG = True",
    ):
        assert inside not in body, inside


def test_demo_mode_answers_a_missing_page_and_an_error_with_nik_s_own_dutch_pages(tmp_path):
    answer = _demo_pages(tmp_path)
    assert answer["demo"] is True
    pages = answer["pages"]

    status, body = pages["/no-such-page/"]
    assert status == 404
    assert "Pagina niet gevonden" in body
    assert "Naar de startpagina" in body
    _shows_no_insides(body)

    status, body = pages["/demo-broken/"]
    assert status == 500
    assert "Er ging iets mis" in body
    _shows_no_insides(body)

    # The demo still serves its own style sheets without collectstatic.
    status, body = pages["/static/core/nik.css"]
    assert status == 200
    assert ".nik-" in body
