"""The role a text gives a person ("Kremlin spokesman"), and the words that mark a role."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from app.generation.clauses import tidy

# Roles one person holds at a time: "the Kremlin spokesman", where others take "a" or "an".
DEFINITE_ROLES = {
    "spokesman",
    "spokeswoman",
    "minister",
    "secretary",
    "adviser",
    "advisor",
    "commander",
    "president",
    "leader",
    "head",
    "director",
    "chairman",
    "ambassador",
    "governor",
    "chief",
}
# A country's offices, whose holders and the years they took office anyone who follows the
# news knows (a mayor's or a chairman's are read in the text).
NATIONAL_OFFICES = frozenset(
    {
        "president",
        "prime minister",
        "premier",
        "chancellor",
        "supreme leader",
        "king",
        "queen",
        "emperor",
        "empress",
        "shah",
        "tsar",
        "czar",
        "monarch",
    }
)
UNIQUE_ROLES = DEFINITE_ROLES | {
    "spokesperson",
    "chair",
    "premier",
    "king",
    "queen",
    "shah",
    "prime",
    "foreign",
    "defence",
    "defense",
}
ROLE_HEADS = UNIQUE_ROLES | {
    "professor",
    "official",
    "diplomat",
    "analyst",
    "researcher",
    "general",
    "admiral",
    "officer",
    "envoy",
    "scholar",
    "columnist",
    "journalist",
    "member",
    "deputy",
    "expert",
}


def person_role(span: Span) -> str | None:
    """The role the text gives a person: 'Kremlin spokesman' Dmitry Peskov, or an apposition."""
    doc = span.doc
    root = span.root
    before = [t for t in doc[max(span.sent.start, span.start - 8) : span.start]]
    role: list[Token] = []
    for tok in reversed(before):
        if tok.head.i in {t.i for t in span} | {t.i for t in role} and tok.dep_ in {
            "compound",
            "amod",
            "nmod",
        }:
            role.insert(0, tok)
        else:
            break
    substantive = [t for t in role if t.lower_ not in {"former", "then", "late", "current"}]
    if role and any(t.lower_ in ROLE_HEADS for t in role) and len(substantive) >= 2:
        return " ".join(t.text for t in role)
    for child in root.children:
        if child.dep_ == "appos" and child.i > span.end - 1:
            words = [t for t in child.subtree if t.text not in {"(", ")"}]
            text = tidy(" ".join(t.text for t in words))
            text = re.sub(r"\s*\([A-Z]{2,8}\)$", "", text)
            is_role = child.lower_ in ROLE_HEADS or any(t.lower_ in ROLE_HEADS for t in child.lefts)
            if is_role and 2 <= len(text.split()) <= 14 and "," not in text:
                return re.sub(r"^(?:the|a|an)\s+", "", text)
    return None


def role_article(role: str) -> str:
    """The article a role takes: "the" for one person's office or a role "of" something."""
    if role.split()[-1].lower() in DEFINITE_ROLES or " of " in role:
        return "the"
    return "an" if role[:1].lower() in "aeiou" else "a"
