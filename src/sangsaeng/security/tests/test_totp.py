"""TOTP against the RFC 6238 test vectors, the ±1 step window and replay refusal."""

import base64

from sangsaeng.security import totp

# RFC 6238 appendix B, SHA-1: the ASCII key "12345678901234567890", 8-digit codes.
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()
RFC_VECTORS = {
    59: "94287082",
    1111111109: "07081804",
    1111111111: "14050471",
    1234567890: "89005924",
    2000000000: "69279037",
    20000000000: "65353130",
}


def test_rfc_6238_vectors() -> None:
    for at, code in RFC_VECTORS.items():
        assert totp.hotp(RFC_SECRET, totp.step_at(at), digits=8) == code
        assert totp.code_at(RFC_SECRET, at) == code[-6:]


def test_codes_from_one_step_either_side_are_accepted() -> None:
    secret = totp.new_secret()
    now = 1_800_000_000
    for drift in (-30, 0, 30):
        assert totp.verify(secret, totp.code_at(secret, now + drift), at=now) is not None
    for drift in (-60, 60):
        assert totp.verify(secret, totp.code_at(secret, now + drift), at=now) is None


def test_a_used_step_is_refused_and_spaces_are_ignored() -> None:
    secret = totp.new_secret()
    now = 1_800_000_000
    code = totp.code_at(secret, now)
    step = totp.verify(secret, f"{code[:3]} {code[3:]}", at=now)
    assert step == totp.step_at(now)
    assert totp.verify(secret, code, at=now, after_step=step) is None
    assert totp.verify(secret, "12345", at=now) is None and totp.verify(secret, "abcdef", at=now) is None


def test_secrets_are_160_bits_in_base32_and_shown_in_groups() -> None:
    secret = totp.new_secret()
    assert len(secret) == 32 and base64.b32decode(secret)
    assert totp.grouped("ABCDEFGHIJKL") == "ABCD EFGH IJKL"


def test_provisioning_uri() -> None:
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", account="kim", issuer="상생")
    assert uri == (
        "otpauth://totp/%EC%83%81%EC%83%9D%3Akim?secret=JBSWY3DPEHPK3PXP&issuer=%EC%83%81%EC%83%9D"
        "&algorithm=SHA1&digits=6&period=30"
    )
