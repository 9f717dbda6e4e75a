"""The text's own topic: what an article is about, and the nouns it is called by.

An encyclopedia article names its topic in its title and says what kind of thing it is in a
sentence near its start ("The Rhine is a European river that ...", "Sky UK Limited is a British
telecommunications company"). Further in, it calls the topic by that kind ("the river",
"the company's") or by "it" without naming it again; a prompt that shows such a sentence alone
has lost what it speaks of (tuning labels: "the river (Rhine) is never named"). `topic_of`
reads the title and the defining sentence; context.py writes the topic's name in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from app.generation.descriptions import GENERIC_PLACES, SELF_EVIDENT
from app.generation.lost_context import ROLES, TIME_NOUNS
from app.generation.mentions import normalise
from app.generation.name_forms import is_person_name
from app.generation.pronouns import SUBJECTS, Reference, name_of
from app.generation.sentence_bounds import sentences

# What follows a title's name but is no part of it: "Rhine - Wikipedia", "IBM (Wikipedia
# excerpt)", "Sky (United Kingdom)", a site's name after a bar or dash ("... | The Guardian").
_BRACKETED_TAIL = re.compile(r"\s+(?:\([^()]*\)|\[[^\[\]]*\])$")
_SITE_TAIL = re.compile(r"\s+[-–—|]\s(?P<site>[^-–—|]*)$")
# A site's name is a few words; a longer part after a dash is the title's own ("The Iran –
# Russia Nexus: Development of Bilateral Relations").
_SITE_WORDS = 5
# A sentence saying what the name is: "X (...) is a ...", "X was an ...", "X is one of ...",
# "The Normans were the people who ...".
_DEFINING = re.compile(r"\b(?:(?:is|was)\s+(?:a|an|one of)|(?:are|were)\s+(?:a|an|the|one of))\b")
PLURAL = frozenset({"NNS", "NNPS"})
LOOK_AT = 12  # defining sentences to parse at most: a few lines, not the whole text
# Kinds that say nothing of which thing the topic is.
_VAGUE = (
    SELF_EVIDENT
    | TIME_NOUNS
    | frozenset(
        "one part member type kind sort form term group set collection person man woman people "
        "thing item example name series".split()
    )
)
# A kind's other common names: an article on a country calls it "the nation" too.
_SAME_KIND = {
    "country": ("nation",),
    "nation": ("country",),
    "company": ("firm", "corporation"),
    "corporation": ("company", "firm"),
    "city": ("town",),
    "town": ("city",),
}
# Words a name holds that say what kind of thing it is: "the Central Bridge" is no river.
OTHER_KINDS = GENERIC_PLACES | frozenset(
    "bridge castle church cathedral abbey palace tower fort university college school company "
    "corporation bank station airport port harbour street square park district region canton "
    "county province state city town village dam island council party army".split()
)
_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "LAW"})


@dataclass(frozen=True)
class Topic:
    """The text's topic: its name as written for "the <noun>", the nouns that call it, and
    the names (normalised) the text gives it."""

    name: str
    nouns: frozenset[str]
    names: frozenset[str]
    person: bool = False
    # The paragraph before ended on a sentence about it: an "It" opening this one is it.
    ended_on: bool = False
    defined_in: str = ""  # the sentence saying what it is, about it however it is parsed
    plural: bool = False  # "The Normans were ...": called "They", "Their"

    def called(self, name: str) -> bool:
        """Whether the name is one the text gives its topic."""
        return normalise(name) in self.names


def title_name(title: str) -> str:
    """The name a title gives ("Rhine - Wikipedia" -> "Rhine", "Sky (United Kingdom)" -> "Sky")."""
    name = title.strip()
    while True:
        tail = _BRACKETED_TAIL.search(name) or _SITE_TAIL.search(name)
        if tail is None or len((tail.groupdict().get("site") or "").split()) > _SITE_WORDS:
            return name
        name = name[: tail.start()].strip()


def topic_of(title: str, text: str, nlp: Language) -> Topic | None:
    """The topic the title names, when a sentence of the text says what kind of thing it is;
    None for a title no such sentence defines (a news headline, a paper's title)."""
    name = title_name(title)
    words = normalise(name).split()
    if not words or len(words) > 4:
        return None
    candidates = [
        s for s in _sentences(text) if (d := _DEFINING.search(s)) and _holds(s[: d.start()], words)
    ][:LOOK_AT]
    for doc in nlp.pipe(candidates):
        for sent in doc.sents:
            topic = _defined(sent, name, words)
            if topic is not None:
                return topic
    return None


def _sentences(text: str) -> list[str]:
    return [s.strip() for line in text.splitlines() for s in sentences(line) if s.strip()]


def _holds(text: str, words: list[str]) -> bool:
    return set(words) <= set(normalise(text).split())


def _defined(sent: Span, name: str, words: list[str]) -> Topic | None:
    """The topic a sentence "<name> is a <noun> ..." defines, or None."""
    root = sent.root
    if root.lemma_ != "be":
        return None
    attr = next((c for c in root.children if c.dep_ == "attr"), None)
    # What stands before "is" ("International Business Machines Corporation (using the
    # trademark IBM), nicknamed Big Blue,"): the parser may hang its subject elsewhere.
    said = sent.doc[sent.start : root.i]
    if attr is None or not said or not _holds(said.text, words):
        return None
    # "The Normans were the people who ...": a plural name is its own subject, its kind often
    # vague ("people"); "Tributaries of the Rhine are ..." is no plural Rhine.
    plural = root.lower_ in {"are", "were"}
    if plural and not any(t.tag_ in PLURAL and t.lower_ == words[-1] for t in said):
        return None
    nouns = _kinds(attr)
    if not nouns and not plural:
        return None
    names = {normalise(name)} | {
        normalise(e.text) for e in sent.doc.ents if e.label_ in _LABELS and _inside(e, said)
    }
    # Names the tagger did not type ("formerly British Sky Broadcasting or BSkyB").
    names |= {
        normalise(_name_at(t).text)
        for t in said
        if t.pos_ == "PROPN" and t.dep_ != "compound" and not t.ent_type_
    }
    first = said[0]
    written = f"the {name}" if first.lower_ == "the" and said[1:].text.startswith(name) else name
    # A person's article is titled by a full name the tagger takes for one; a lone word it
    # types a person ("The Rhine" of a short text) is not enough, unless the kind is a role.
    typed = any(e.label_ == "PERSON" and _holds(e.text, words) for e in said.ents)
    person = bool(nouns & ROLES) or (typed and len(words) > 1 and is_person_name(name))
    # A people's other names are its languages' ("Normans (French: Normands ...)"), no more.
    names = frozenset({normalise(name)} if plural else (n for n in names if n))
    defined = sent.text.strip()
    return Topic(written, frozenset(nouns), names, person, defined_in=defined, plural=plural)


def _name_at(tok: Token) -> Span:
    """The name a proper noun ends: its compounds before it ("British Sky Broadcasting")."""
    start = min([tok.i, *(c.i for c in tok.children if c.dep_ == "compound" and c.i < tok.i)])
    return tok.doc[start : tok.i + 1]


def _inside(ent: Span, span: Span) -> bool:
    return span.start <= ent.start and ent.end <= span.end


def _kinds(attr: Token) -> set[str]:
    """The nouns a defining sentence's complement gives ("a European river" -> river; "one of
    the largest companies" -> company; "a city and port" -> city, port)."""
    if attr.lower_ == "one":
        of = [c for p in attr.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
        if not of:
            return set()
        attr = of[0]
    heads = [attr, *(c for c in attr.children if c.dep_ == "conj" and c.pos_ == "NOUN")]
    found = set()
    for head in heads:
        lemma = head.lemma_.lower()
        if head.pos_ == "NOUN" and lemma.isalpha() and lemma not in _VAGUE:
            found |= {lemma, *_SAME_KIND.get(lemma, ())}
    return found


def paragraph_topic(doc: Doc) -> Topic | None:
    """The paragraph's own topic: a place its first sentence opens on by a name holding its kind
    ("Lake Constance consists of ...": "the lake" of the paragraph); None otherwise."""
    first = next(iter(doc.sents), None)
    if first is None:
        return None
    subject = next((c for c in first.root.children if c.dep_ in SUBJECTS), None)
    if subject is None or subject.pos_ != "PROPN" or subject.tag_ == "NNPS":
        return None
    name = _name_at(subject)
    kinds = {t.lower_ for t in name if t.lower_ in GENERIC_PLACES}
    if len(name) < 2 or not kinds:
        return None
    the = name.start > 0 and doc[name.start - 1].lower_ == "the"
    written = f"the {name.text}" if the else name.text
    return Topic(written, frozenset(kinds), frozenset({normalise(name.text)}))


def described_topic(
    tok: Token, quote: Span, phrase: str, topics: Sequence[Topic]
) -> Reference | None:
    """ "the river" (or "The river's") standing for the paragraph's or the text's topic, written
    out as its name, when nothing nearer can be meant: no other name is a subject before it in
    its passage or in the sentence before; None otherwise."""
    lemma = tok.lemma_.lower()
    topic = next((t for t in topics if lemma in t.nouns), None)
    if topic is None or tok.tag_ != "NN":
        return None
    if phrase.lower() != f"the {tok.lower_}":  # "the upper river", "the main company": a part
        return None
    start = tok.doc[quote.start - 1].sent.start if quote.start > 0 else quote.start
    if any(_other_subject(t, topic) for t in tok.doc[start : tok.i]):
        return None
    return Reference(phrase, "description", repair=topic.name)


_PRONOUNS = {"it": False, "its": False, "they": True, "their": True}  # plural or not


def topic_pronoun(
    tok: Token, topics: Sequence[Topic], quote: Span | None = None
) -> Reference | None:
    """ "It", "Its" opening a sentence whose sentence before is about the paragraph's or the
    text's topic (a thing, not a person), or "They", "Their" of a plural topic ("The
    Normans"): its name written out, unless the prompt shows it before (the quoted passage
    names it); None otherwise."""
    plural = _PRONOUNS.get(tok.lower_)
    if plural is None or (tok.lower_ in {"it", "they"} and tok.dep_ not in SUBJECTS):
        return None
    if not _opens(tok):
        return None
    topics = [t for t in topics if t.plural == plural]
    before = _before(tok.sent)
    if before is None:  # the paragraph's first sentence: the one the paragraph before ended on
        topic = next((t for t in topics if t.ended_on), None)
    else:
        topic = next((t for t in topics if _about(before, t, LOOK_BACK)), None)
    if topic is None or (topic.person and not plural):
        return None
    # Its own kind: settling finds it in the prompt by its case, so an opening "It" is not
    # taken for a later "it" of another clause ("until it was overtaken").
    owner = ("'" if plural else "'s") if tok.tag_ == "PRP$" else ""
    before_it = tok.doc[quote.start : tok.i].text if quote is not None else ""
    shown = _holds(before_it, normalise(topic.name).split())
    return Reference(tok.text, "topic", topic.name if shown else "", topic.name + owner)


LOOK_BACK = 3  # sentences of "It ..." before the one that names the topic


def _opens(tok: Token) -> bool:
    """The token is its sentence's first noun phrase ("It", "Specifically, its shores")."""
    return not any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in tok.doc[tok.sent.start : tok.i])


def _before(sent: Span) -> Span | None:
    return sent.doc[sent.start - 1].sent if sent.start > 0 else None


def _about(sent: Span | None, topic: Topic, depth: int) -> bool:
    """The sentence's subject is the topic: its name, "the <noun>", or an "It" that is."""
    if sent is None:
        return False
    if topic.defined_in and sent.text.strip() == topic.defined_in:
        return True
    subject = next((c for c in sent.root.children if c.dep_ in SUBJECTS), None)
    if subject is None or (subject.tag_ in PLURAL) != topic.plural:
        return False
    if topic.plural and _rival(sent, subject, topic):
        return False
    if subject.pos_ == "PROPN":
        return topic.called(name_of(subject)) or topic.called(_name_at(subject).text)
    if subject.pos_ == "NOUN":
        det = [c.lower_ for c in subject.children if c.dep_ == "det"]
        bare = not any(c.dep_ in {"amod", "compound", "poss"} for c in subject.children)
        return det == ["the"] and bare and subject.lemma_.lower() in topic.nouns
    if subject.lower_ == ("they" if topic.plural else "it") and depth > 1 and _opens(subject):
        return _about(_before(sent), topic, depth - 1)
    return False


def _rival(sent: Span, subject: Token, topic: Topic) -> bool:
    """A plural after the topic's subject that a "They" of the next sentence may mean: "The
    Normans fought the Byzantines. They ..." (not what the subject is said to be)."""
    return any(
        t.tag_ in PLURAL
        and t.dep_ not in {"attr", "oprd"}
        and t.ent_type_ not in {"DATE", "TIME"}  # "in the 10th and 11th centuries"
        and not topic.called(name_of(t))
        for t in sent.doc[subject.i + 1 : sent.end]
    )


def _other_subject(tok: Token, topic: Topic) -> bool:
    """A name, not the topic's, as the subject of its clause: what "the river" may mean,
    unless it says it is another kind of thing ("the Central Bridge", "Lake Constance")."""
    if tok.dep_ not in SUBJECTS or tok.pos_ != "PROPN":
        return False
    name = _name_at(tok)
    if topic.called(name_of(tok)) or topic.called(name.text):
        return False
    kinds = {t.lower_ for t in name} & OTHER_KINDS
    return not kinds or bool(kinds & topic.nouns)


def ends_on(doc: Doc, topic: Topic | None) -> Topic | None:
    """The topic, marked as what the paragraph (`doc`) ended on when its last sentence is
    about it (for an "It" opening the next), or unmarked; None without a topic."""
    if topic is None:
        return None
    last = list(doc.sents)[-1] if len(doc) else None
    return replace(topic, ended_on=last is not None and _about(last, topic, LOOK_BACK))
