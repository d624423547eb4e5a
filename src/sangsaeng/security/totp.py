"""Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 6 digits, 30-second steps.

Plain functions, no state: the device row keeps the secret and the last step used.
"""

import base64
import hashlib
import hmac
import re
import secrets
import time
from urllib.parse import quote, urlencode

DIGITS = 6
PERIOD = 30
# Codes from the previous and the next step are accepted too: phones' clocks drift, people are slow.
DRIFT_STEPS = 1


def new_secret() -> str:
    """160 random bits (the size RFC 4226 recommends for SHA-1), base32 without padding."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded)


def hotp(secret: str, counter: int, digits: int = DIGITS) -> str:
    mac = hmac.new(_key(secret), counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def step_at(at: float) -> int:
    return int(at // PERIOD)


def code_at(secret: str, at: float | None = None) -> str:
    return hotp(secret, step_at(time.time() if at is None else at))


def normalise(code: str) -> str:
    """People type "123 456" or "123-456"; only the digits count."""
    return re.sub(r"[\s-]", "", code)


def verify(secret: str, code: str, *, at: float | None = None, after_step: int | None = None) -> int | None:
    """The time step the code belongs to, or None. Steps up to `after_step` are refused (replay)."""
    code = normalise(code)
    if len(code) != DIGITS or not code.isdigit():
        return None
    now = step_at(time.time() if at is None else at)
    for step in (now, now - DRIFT_STEPS, now + DRIFT_STEPS):
        if after_step is not None and step <= after_step:
            continue
        if hmac.compare_digest(hotp(secret, step), code):
            return step
    return None


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode(
        {"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS, "period": PERIOD},
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing it by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
