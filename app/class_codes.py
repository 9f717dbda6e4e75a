"""Join codes, rejoin tokens and nicknames: plain values, no database.

A join code is six digits (100000-999999, so it never starts with a zero a student might drop).
A rejoin token is a random secret kept in the student's cookie; only its SHA-256 is stored, so a
copy of the database cannot be used to take over a player.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import re
import unicodedata

CODE_LENGTH = 6
NICKNAME_MAX = 24
_CODE_FILLER = re.compile(r"[\s\-.]")
_SPACES = re.compile(r"\s+")


def new_join_code(rng: random.Random) -> str:
    """A six-digit join code drawn from `rng` (pass a `random.SystemRandom`)."""
    return str(rng.randrange(10 ** (CODE_LENGTH - 1), 10**CODE_LENGTH))


def normalise_code(raw: str | None) -> str | None:
    """The code as typed ("123 456", "123-456") as six digits, or None if it is not one."""
    if raw is None:
        return None
    digits = _CODE_FILLER.sub("", raw)
    if len(digits) != CODE_LENGTH or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def new_rejoin_token(rng: random.Random) -> str:
    """A 128-bit random token for the rejoin cookie (pass a `random.SystemRandom`)."""
    return f"{rng.getrandbits(128):032x}"


def token_hash(token: str) -> str:
    """What is stored for a rejoin token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str | None, stored_hash: str) -> bool:
    """Whether `token` is the one whose hash was stored (compared in constant time)."""
    if not token:
        return False
    return hmac.compare_digest(token_hash(token), stored_hash)


REJOIN_CODE_LENGTH = 6
# No 0/O, 1/I/L: a code read aloud by a teacher or copied from another screen is typed right.
_REJOIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def rejoin_code(stored_hash: str, secret: str) -> str:
    """A player's short code for joining again from another device, derived from their token.

    Derived rather than stored, so nothing new is kept; keyed by the site's secret, so the
    stored hash alone does not give it away. It changes whenever the player's token does.
    """
    digest = hmac.new(secret.encode("utf-8"), stored_hash.encode("ascii"), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _ in range(REJOIN_CODE_LENGTH):
        number, index = divmod(number, len(_REJOIN_ALPHABET))
        letters.append(_REJOIN_ALPHABET[index])
    return "".join(letters)


def rejoin_code_matches(typed: str | None, stored_hash: str, secret: str) -> bool:
    """Whether a typed rejoin code (any case, spaces allowed) is this player's."""
    cleaned = _CODE_FILLER.sub("", typed or "").upper()
    if len(cleaned) != REJOIN_CODE_LENGTH:
        return False
    return hmac.compare_digest(cleaned, rejoin_code(stored_hash, secret))


def clean_nickname(raw: str | None) -> str:
    """A nickname as shown: NFKC, no control or format characters, single spaces, trimmed."""
    text = unicodedata.normalize("NFKC", raw or "")
    # Format characters (Cf) include right-to-left overrides that would garble the player list.
    text = "".join(c for c in text if unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co"})
    return _SPACES.sub(" ", text).strip()


def nickname_key(nickname: str) -> str:
    """What must be unique in a session: "Ada", "ADA" and "ada " are the same player."""
    return clean_nickname(nickname).casefold()


def nickname_problem(nickname: str) -> str | None:
    """Why this cleaned nickname cannot be used, or None."""
    if not nickname:
        return "Choose a nickname so your teacher can see who you are."
    if len(nickname) > NICKNAME_MAX:
        return f"Nicknames can be at most {NICKNAME_MAX} characters long."
    return None
