"""Rejoin codes: derived from a player's token and the site's secret, typed forgivingly."""

from __future__ import annotations

from app.class_codes import REJOIN_CODE_LENGTH, rejoin_code, rejoin_code_matches, token_hash


def test_a_rejoin_code_is_short_unambiguous_and_keyed_by_the_secret():
    stored = token_hash("a" * 32)
    code = rejoin_code(stored, "secret")
    assert len(code) == REJOIN_CODE_LENGTH and not set(code) & set("01OIL")
    assert rejoin_code(stored, "secret") == code
    assert rejoin_code(stored, "another secret") != code
    assert rejoin_code(token_hash("b" * 32), "secret") != code


def test_typed_codes_match_in_any_case_with_spaces():
    stored = token_hash("c" * 32)
    code = rejoin_code(stored, "s")
    assert rejoin_code_matches(f" {code[:3].lower()} {code[3:]} ", stored, "s")
    assert not rejoin_code_matches(code, stored, "other")
    assert not rejoin_code_matches("", stored, "s")
    assert not rejoin_code_matches(None, stored, "s")
