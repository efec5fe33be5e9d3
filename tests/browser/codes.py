"""A second-factor code that is still valid when the server checks it.

allauth accepts only the current 30-second window (no tolerance); a code read in the last
seconds of a window may arrive in the next one and be refused. Wait those seconds out."""

from __future__ import annotations

import time

import pyotp

MARGIN = 4  # seconds before the window turns


def totp_code(secret: str) -> str:
    left = 30 - time.time() % 30
    if left < MARGIN:
        time.sleep(left + 0.2)
    return pyotp.TOTP(secret).now()
