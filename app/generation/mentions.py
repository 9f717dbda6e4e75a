"""Mentions: the named things a sentence speaks of, typed by what a question would ask.

spaCy's entities and the rule matches are merged (rules win where they overlap), trimmed to
the answer a learner would give ("the Gulf Cooperation Council's" -> "Gulf Cooperation Council"),
and counted across the whole corpus so kinds can be voted on (guessing.py judges which names a
learner would guess without reading).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from app.generation.geography import geographic, joined_by_particle, particle_end
from app.generation.nlp import Recognizers

LABEL_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "date",
    "MONEY": "figure",
    "PERCENT": "figure",
    "QUANTITY": "figure",
    "CARDINAL": "figure",
    "LAW": "treaty",
}
NAME_KINDS = ("person", "organisation", "place", "treaty", "equipment")
NAMED_KINDS = frozenset({"person", "organisation", "place"})  # what the tagger's names are
_POSSESSIVE = {"’s", "'s", "’", "'"}
_LEADING = {"the", "a", "an"}
# Sentence adverbs the tagger takes into a name that opens a sentence ("Hitherto Liszt's work
# has not borne fruit" gave the person "Hitherto Liszt"): no given name is one of these.
_OPENING_ADVERBS = frozenset(
    "hitherto meanwhile nevertheless nonetheless however moreover furthermore thereafter "
    "thereupon henceforth afterwards subsequently accordingly consequently therefore thus "
    "hence indeed instead otherwise perhaps presumably meantime likewise similarly still yet "
    "today yesterday now then later earlier already also again finally eventually recently "
    "initially ultimately originally".split()
)


@dataclass(frozen=True)
class Mention:
    """A typed span of a doc: tokens [start, end), the answer text, and its kind."""

    start: int
    end: int
    kind: str
    label: str
    text: str
    short_form: str | None = None
    article: bool = False  # written "the X" here


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form used to compare names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’']s\b", "", text.lower())
    text = re.sub(r"\b(\w)\.(?=\w\.)", r"\1", text)  # "u.s." -> "us"
    text = re.sub(r"\b(\w{1,2})\.(?=\s|$)", r"\1", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = [w for w in text.split() if w not in _LEADING]
    return " ".join(words)


def nationality_words(entity: str) -> set[str]:
    """The words a NORP entity gives as nationalities, as known.names_a_nationality compares them:
    "South Korean" -> korean (its last word too), "Americans" -> american (the singular too),
    "Québécois" -> quebecois (accents dropped on both sides)."""
    words = normalise(entity).split()
    return nationality_forms(words[-1]) if words else set()


def nationality_forms(word: str) -> set[str]:
    """A normalised word and, if plural, its singular ("americans", "israelis"; not "swiss")."""
    return {word, word[:-1]} if word.endswith("s") and not word.endswith("ss") else {word}


def _trim(span: Span) -> Span | None:
    """Drop leading articles and trailing possessives or punctuation from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _LEADING or doc[start].is_punct):
        start += 1
    # Names only: "Earlier this year" is a date whose adverb says which.
    named = span.label_ in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
    if (
        named
        and end - start > 1
        and doc[start].is_sent_start
        and doc[start].lower_ in _OPENING_ADVERBS
    ):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def doc_mentions(doc: Doc, recognizers: Recognizers) -> list[Mention]:
    """Every mention in the doc, rule matches first, then spaCy's entities that do not overlap."""
    mentions: list[Mention] = []
    taken: set[int] = set()
    words: list[str] | None = None  # the doc's words, read once if a name may go on
    for match in recognizers.find(doc):
        span = _trim(doc[match.start : match.end])
        if span is not None:
            label = _equipment_type(span) if match.kind == "equipment" else "RULE"
            mentions.append(
                Mention(span.start, span.end, match.kind, label, span.text, match.short_form)
            )
            taken |= set(range(match.start, match.end))
    for ent in doc.ents:
        kind = LABEL_KINDS.get(ent.label_)
        if kind is None or taken & set(range(ent.start, ent.end)):
            continue
        if "\n" in ent.text or "*" in ent.text:
            continue
        span = _trim(ent)
        if span is None or not _looks_like_name(span, kind):
            continue
        if kind in {"person", "organisation", "place"}:
            # "Wijk | bij Duurstede": the town's name goes on over its particle.
            words = words if words is not None else [t.text for t in doc]
            end = particle_end(words, span.end)
            if end is not None and not taken & set(range(span.end, end)):
                span, kind = doc[span.start : end], "place"
                taken |= set(range(span.start, span.end))
            elif joined_by_particle(words[span.start : span.end]):
                kind = "place"
        if kind in {"person", "organisation", "place"} and (is_fragment(span) or "'-" in span.text):
            continue
        article = span.start > 0 and doc[span.start - 1].lower_ == "the"
        mentions.append(Mention(span.start, span.end, kind, ent.label_, span.text, None, article))
    return sorted(mentions, key=lambda m: m.start)


TITLES = {"president", "mr", "mrs", "ms", "dr", "prof", "sir", "ayatollah", "sheikh", "general"}
ROLE_WORDS = {
    "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "adviser", "advisor",
    "commander", "leader", "head", "director", "chairman", "chair", "ambassador", "governor",
    "chief", "premier", "king", "queen", "shah", "prime", "foreign", "admiral", "professor",
}  # fmt: skip


def is_fragment(span: Span) -> bool:
    """True when the model cut a name in two ("Ali Akbar | Hashemi Rafsanjani", "Supreme | Leader").

    A title-case proper noun right before or after the span, outside it, means the name goes on;
    before a person, a title ("President X") or role ("spokesman X") does not count.
    """
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    person = span.label_ == "PERSON" or any(t.ent_type_ == "PERSON" for t in span)
    for tok in (before, after):
        if tok is None or not (tok.pos_ == "PROPN" and tok.is_title):
            continue
        if person and (tok.ent_type_ or tok.lower_ in ROLE_WORDS | TITLES):
            continue
        return True
    return False


def _equipment_type(span: Span) -> str:
    """What a designator names, from the noun it qualifies: "S-300 missile system" -> "system",
    "Shahed-136 drones" -> "drone"; so a drone's wrong choices are drones."""
    doc = span.doc
    head = None
    # The head is the last noun of the run after the designator ("air defense missile system").
    for tok in doc[span.end : min(len(doc), span.end + 5)]:
        if tok.pos_ == "NOUN":
            head = tok
        elif tok.pos_ not in {"PROPN", "ADJ", "PUNCT"} or head is not None:
            break
    return "equipment:" + head.lemma_.lower() if head is not None else "equipment"


def _looks_like_name(span: Span, kind: str) -> bool:
    """Names start with a capital letter and are not all lower-case common words."""
    if kind in {"date", "figure"}:
        return True
    first = span.text[0]
    return first.isupper() and not any(t.like_url for t in span)


class EntityIndex:
    """Counts of every mention across the corpus: kinds by vote, surnames."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.kind_votes: dict[str, Counter[str]] = defaultdict(Counter)
        self.labels: dict[str, Counter[str]] = defaultdict(Counter)
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)
        self.person_names: set[str] = set()
        self.demonyms: set[str] = set()
        self.nationalities: dict[str, set[str]] = defaultdict(set)
        self.articles: Counter[str] = Counter()

    def add(self, mention: Mention) -> None:
        """Count one mention."""
        key = normalise(mention.text)
        if not key:
            return
        self.counts[key] += 1
        self.kind_votes[key][mention.kind] += 1
        self.labels[key][mention.label] += 1
        self.forms[key][mention.text] += 1
        self.articles[key] += mention.article
        if mention.kind == "person" and len(key.split()) >= 2:
            self.person_names.add(key)

    def takes_article(self, key: str) -> bool:
        """True when the texts mostly write this name with "the" ("the Middle East")."""
        return 2 * self.articles[key] >= self.counts[key] > 0

    def add_demonym(self, text: str, source: str) -> None:
        """Remember a nationality ("Israeli"): its country is a country, not a city; and the
        words by which the source's own prompts name it (`nationalities`, per source)."""
        key = normalise(text)
        if key and " " not in key:
            self.demonyms.add(key)
        self.nationalities[source] |= nationality_words(text)

    def is_country(self, key: str) -> bool:
        """True when the text uses a demonym of this place (Syria/Syrian, Israel/Israeli)."""
        stem = key[:4]
        return len(key) >= 4 and " " not in key and any(d.startswith(stem) for d in self.demonyms)

    def kind_of(self, text: str, fallback: str) -> str:
        """The kind most mentions of this name had; a known person's surname is a person."""
        key = normalise(text)
        if fallback in {"date", "figure"}:
            return fallback
        words = key.split()
        institutional = any(w in GENERIC_NAME_WORDS for w in words)
        if fallback in NAMED_KINDS and not institutional and geographic(words):
            return "place"  # "Rhine Valley" read as an organisation, "Jura Mountains" a person
        if key in self.person_names or self._is_surname(key):
            return "person"
        votes = self.kind_votes.get(key)
        if not votes:
            return fallback
        # Rules are more reliable than the statistical model for treaties and designators.
        if fallback in {"treaty", "equipment"}:
            return fallback
        # A name the model once read as a place and that is no one's surname is a place; so is
        # one it also read as an organisation but that has no institutional word in it.
        if votes["place"] and (votes["person"] or fallback == "person"):
            return "place"
        if votes["place"] and votes["organisation"] and not institutional and not text.isupper():
            return "place"
        return max(votes.items(), key=lambda kv: (kv[1], kv[0] == fallback))[0]

    def _is_surname(self, key: str) -> bool:
        if not key or " " in key:
            return False
        return any(name.split()[-1] == key for name in self.person_names)

    def display(self, key: str) -> str:
        """The most common written form of a normalised name."""
        forms = self.forms.get(key)
        if not forms:
            return key
        return max(forms.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]

    def names(self, kind: str) -> list[tuple[str, int]]:
        """(normalised name, count) of every name whose resolved kind is `kind`, sorted."""
        out = []
        for key, count in self.counts.items():
            forms = self.forms[key]
            text = max(forms, key=lambda f: (forms[f], f))
            fallback = self.kind_votes[key].most_common(1)[0][0]
            if self.kind_of(text, fallback) == kind:
                out.append((key, count))
        return sorted(out)


@lru_cache(maxsize=65536)
def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


GENERIC_NAME_WORDS = frozenset(
    "treaty agreement accord convention pact deal protocol charter resolution declaration "
    "union council organisation organization association committee commission conference "
    "institute centre center university foundation force forces corps party republic "
    "kingdom state states empire federation national international united european "
    "islamic revolutionary supreme security cooperation".split()
)


@lru_cache(maxsize=65536)
def is_alias(a: str, b: str) -> bool:
    """True when two names may denote the same thing.

    The same words, one name contained in the other word for word ("Putin" in "Vladimir
    Putin"), the same distinctive last word (a surname), or a near spelling ("Khamenei" /
    "Khamenehi"). Shared generic words ("Treaty of Rome" / "Treaty of Lisbon") do not count.
    """
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    wa, wb = na.split(), nb.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    contained = any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))
    if contained and not set(short) <= GENERIC_NAME_WORDS:
        return True
    if wa[-1] == wb[-1] and wa[-1] not in GENERIC_NAME_WORDS and len(wa[-1]) > 3:
        return True
    # Spelling variants: "Soleymani"/"Soleimani", "Gaddafi"/"Qaddafi"; not "Russia"/"Prussia".
    alike_start = na[0] == nb[0] or (min(len(na), len(nb)) >= 7 and abs(len(na) - len(nb)) <= 1)
    return alike_start and similar(na, nb) >= 0.8


def similar(a: str, b: str) -> float:
    """Character bigram overlap (Dice), cheap and good at spelling variants."""
    grams_a, grams_b = _bigrams(a), _bigrams(b)
    if not grams_a or not grams_b:
        return 0.0
    return 2 * len(grams_a & grams_b) / (len(grams_a) + len(grams_b))
