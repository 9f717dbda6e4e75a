"""Prompts that stand alone: references a prompt makes to what it never names, found and settled.

A learner sees a prompt without the text around it, so "he", "its", "this specimen", "the
company", "In contrast" or "later that month" there point at nothing. `references` reads the
quoted passage's parse once per sentence and lists each such reference with what resolves it
(a name earlier in the passage) and, where the text names it unambiguously, what may replace
it. `settle` then checks one prompt: a reference whose antecedent the prompt keeps is fine, one
the text names unambiguously is written out ("the company" -> "Microsoft"), any other refuses
the prompt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from app.generation.acronyms import acronym
from app.generation.clauses import common_word
from app.generation.date_forms import MONTHS, WEEKDAYS
from app.generation.descriptions import (
    ARGUMENTS,
    CORE,
    GENERIC_PLACES,
    NAMED,
    SUBJECTS,
    bare_definite,
    counted_back,
    counted_plural,
    described,
    elliptical,
    following,
    numbered,
    of_an_act,
    part_of_a_whole,
)
from app.generation.fine_kinds import is_country
from app.generation.fuller_phrases import fuller_phrase, two_named
from app.generation.lost_context import ROLES, TIME_NOUNS, WORKS
from app.generation.mentions import normalise
from app.generation.met_before import NOUNS, met_before, name_holding, nouns_of
from app.generation.name_forms import is_person_name
from app.generation.parties import partyless_relation, sides, unset_truce
from app.generation.pronouns import (
    SPEAKER,
    THINGS,
    THIRD_PERSON,
    Reference,
    act_before,
    distinct_names,
    name_of,
    noun_before,
    person,
    pleonastic,
    pro_verb,
    speaker,
    thing,
)
from app.generation.topic import Topic, described_topic, topic_pronoun
from app.generation.types import BLANK

DEMONSTRATIVES = {"this", "that", "these", "those"}
AMOUNTS = {"number", "figure", "amount", "sum", "total", "estimate", "percentage", "rate"}
# Of those, the ones no phrase after the noun can settle ("the next president of X" can).
ANAPHORIC = frozenset("same latter former aforementioned above said previous preceding".split())
# Descriptions the text's named entities can settle ("the company" -> its one company).
KINDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        "company firm corporation airline bank carrier manufacturer maker agency business "
        "university newspaper network startup conglomerate".split(),
        frozenset({"ORG"}),
    ),
    **dict.fromkeys(
        "city town capital village country nation state province".split(), frozenset({"GPE"})
    ),
    # People and works called by what they are: only a name the text gives settles them.
    **dict.fromkeys(ROLES, frozenset({"PERSON"})),
    **dict.fromkeys(WORKS, frozenset({"WORK_OF_ART", "PRODUCT"})),
}
# Descriptions only a country's name settles: a city standing for its government ("Moscow's
# ability ...") is no antecedent for "the country".
COUNTRY_NOUNS = frozenset({"country", "nation"})
# Who does what in a clause: "Handel ... became acquainted with the composer" is not Handel
# (but "the failure of Bizet's Carmen hastened the composer's death" is Bizet's).
CLAUSE_ARGUMENTS = SUBJECTS | {"dobj"}
# What the tagger types a composer it does not know ("Scarlatti sonatas": none, "Haydn": ORG).
MISTYPED_PEOPLE = frozenset({"", "ORG", "NORP"})
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "LAW"}

_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)


def references(
    quote: Span,
    earlier: Mapping[str, Sequence[str]] | None = None,
    topics: Sequence[Topic] = (),
    acronyms: Mapping[str, str] | None = None,
) -> tuple[Reference, ...]:
    """Every reference in the quoted passage that needs something to resolve it.

    `earlier` gives the names (by entity label) of the text's paragraphs before this one: a
    description the paragraph does not settle may be settled by the one name the text gives;
    `topics` are the paragraph's and the text's own (topic.py): "the river", "It" with nothing
    nearer are the Rhine; `acronyms` are the short forms the text defines (acronyms.py).
    """
    found = []
    for tok in quote:
        ref = acronym(tok, acronyms or {}) or _reference(tok, quote, earlier or {}, topics)
        if ref is not None:
            found.append(ref)
    return tuple(found)


def _reference(
    tok: Token, quote: Span, earlier: Mapping[str, Sequence[str]], topics: Sequence[Topic]
) -> Reference | None:
    lower = tok.lower_
    act = pro_verb(tok)
    if act:  # "did it": the act said before, which the prompt must show
        verb = act_before(tok, quote.start)
        return Reference(act, "pronoun", verb.text if verb is not None else "")
    if tok.tag_ in {"PRP", "PRP$"} and not lower.endswith(("self", "selves")):
        if lower in SPEAKER:
            return speaker(tok, quote)
        if lower in THIRD_PERSON:
            return person(tok, quote)
        if lower in THINGS and not pleonastic(tok):
            return topic_pronoun(tok, topics, quote) or thing(tok, quote)
        # "It was the UK's most popular service until it was overtaken": the topic still.
        if lower in THINGS and not pleonastic(tok, adverbial=False):
            return topic_pronoun(tok, topics, quote)
        return None
    if lower in DEMONSTRATIVES or (lower == "such" and tok.dep_ in {"amod", "predet", "det"}):
        return _demonstrative(tok, quote, earlier)
    phrase = elliptical(tok) or part_of_a_whole(tok) or numbered(tok) or following(tok)
    if phrase:  # "the latter", "the middle movement", "No. 1", "the Allegro that follows"
        return Reference(phrase, "description", _name_before(tok, quote))
    # A description as the clause's subject or object is what the sentence is about; one in
    # a phrase beside it ("from the office", "with the military") reads as the setting.
    kind_noun = tok.lemma_.lower() in KINDS
    role = tok.dep_ in CORE or (kind_noun and tok.dep_ in ARGUMENTS)
    pointing = _pointing_back(tok) or of_an_act(tok)
    if tok.pos_ == "NOUN" and ((role and bare_definite(tok)) or pointing):
        return _description(tok, quote, earlier, topics)
    if counted_plural(tok):  # "Across the three sites there were 503 participants"
        return _description(tok, quote, earlier, topics)
    if counted_back(tok):  # "the most notorious of the three"
        same = [t for t in quote.doc[quote.start : tok.i] if t.lower_ == tok.lower_]
        return Reference(f"the {tok.text}", "description", same[0].text if same else "")
    if described(tok) and met_before(tok, quote, earlier):
        # "of the exemption", "the City": met before
        return _description(tok, quote, earlier, topics)
    if tok.pos_ == "PROPN" and lower in GENERIC_PLACES and bare_definite(tok, named=True):
        return Reference(f"the {tok.text}", "description")  # "the River": one named before
    if tok.tag_ == "JJS" and tok.dep_ == "amod" and tok.head.pos_ == "VERB":
        return _elliptical_superlative(tok)
    relation = partyless_relation(tok)
    if relation:
        return Reference(relation, "description", sides=sides(tok))
    unset = unset_truce(tok)
    return Reference(unset, "description") if unset else None


def unsettled(refs: Sequence[Reference], prompt: str) -> tuple[Reference, ...]:
    """The references a prompt leaves open: a relation whose two sides it shows is settled."""
    shown = f" {normalise(prompt.replace(BLANK, ' '))} "
    return tuple(r for r in refs if sum(f" {normalise(side)} " in shown for side in r.sides) < 2)


def _pointing_back(tok: Token) -> bool:
    """ "the same adventurers", "the latter city": one met before, in any role and whatever
    follows (the time nouns, "the same year", are lost_context's)."""
    children = list(tok.children)
    pointing = {c.lower_ for c in children if c.dep_ == "amod" and c.lower_ in ANAPHORIC}
    # "the former influence of the Soviet Union": "former" as "earlier", its owner named.
    if pointing == {"former"} and any(c.dep_ == "prep" and c.lower_ == "of" for c in children):
        return False
    if pointing == {"same"} and _compared_within(tok):
        return False
    return (
        any(c.dep_ == "det" and c.lower_ == "the" for c in children)
        and bool(pointing)
        and tok.lemma_.lower() not in TIME_NOUNS
    )


def _compared_within(tok: Token) -> bool:
    """ "the same engine as Firefox", "items of the same type": the same as what the sentence
    names, or as each other, not as something met before."""
    # The parser hangs "as ..." on the noun or on its verb.
    after = [c for c in (*tok.children, *tok.head.children) if c.i > tok.i]
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in after):
        return True
    owner = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    return owner is not None and owner.tag_ in {"NNS", "NNPS"}


def _elliptical_superlative(tok: Token) -> Reference | None:
    """ "The largest described is ...": the largest of things the prompt does not name."""
    verb = tok.head
    det = [c for c in verb.children if c.dep_ == "det" and c.lower_ == "the" and c.i < tok.i]
    if not det or verb.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    return Reference(tok.doc[det[0].i : verb.i + 1].text, "description")


def _demonstrative(
    tok: Token, quote: Span, earlier: Mapping[str, Sequence[str]]
) -> Reference | None:
    """ "this specimen", "such waves", "that", "this Court": resolved by the same noun (or, for
    a pronoun, the clause) earlier in the passage; else written out as the one name of the text
    holding the noun ("that agreement" -> "the Paris Agreement")."""
    if tok.tag_ in {"WDT", "IN"} or tok.dep_ in {"mark", "advmod"}:
        return None  # "that" introducing a clause, "that much"
    head = tok.head
    if tok.dep_ in {"det", "amod", "predet"} and head.pos_ in {"NOUN", "PROPN"}:
        if head.lemma_.lower() in TIME_NOUNS or head.text.capitalize() in _CALENDAR:
            # A time frame ("that year", "this past January"): lost_context.RELATIVE_TIME.
            return None
        if _named(head) or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "as"):
            return None
        phrase = tok.doc[tok.i : head.i + 1].text
        if head.lemma_.lower() in AMOUNTS:  # "this number": the figure before it, often the blank
            figures = [t for t in quote.doc[quote.start : tok.i] if t.like_num]
            return Reference(phrase, "demonstrative", figures[-1].text if figures else "")
        same = _same_noun_before(head, quote)
        if same is not None:
            return Reference(phrase, "demonstrative", same.text)
        repair = name_holding(head, quote, earlier, term=head.pos_ == "PROPN")
        # "this treaty" -> "the border treaty": the paragraph's one treaty said which.
        return Reference(phrase, "demonstrative", repair=repair or fuller_phrase(head, quote))
    if tok.dep_ not in ARGUMENTS:
        return None
    noun = noun_before(tok, quote)
    return Reference(tok.text, "demonstrative", name_of(noun) if noun is not None else "")


def _named(head: Token) -> bool:
    """A demonstrative's head that is a name ("this Iran"), not a capitalised common word the
    text defined ("this Court", "this Agreement": the court or agreement it speaks of)."""
    if head.pos_ != "PROPN":
        return False
    return head.ent_type_ in NAMED or not common_word(head.text)


def _same_noun_before(head: Token, quote: Span) -> Token | None:
    lemma = head.lemma_.lower()
    for t in quote.doc[quote.start : head.i - 1]:
        if t.lemma_.lower() == lemma and t.pos_ in {"NOUN", "PROPN"}:
            return t
    return None


def _description(
    tok: Token, quote: Span, earlier: Mapping[str, Sequence[str]], topics: Sequence[Topic]
) -> Reference | None:
    """A description the text around it does not settle may be its topic ("the river")."""
    ref = _described(tok, quote, earlier)
    if ref is None or ref.antecedent or ref.repair:
        return ref
    return described_topic(tok, quote, ref.text, topics) or ref


def _described(tok: Token, quote: Span, earlier: Mapping[str, Sequence[str]]) -> Reference | None:
    """A bare "the X" (or bare plural "Xs"): resolved by an X (or a name of X's kind) earlier in
    the passage; else repaired by the one name of X's kind in the paragraph, or in the text,
    before it (never a bare plural: "Companies" are not one company)."""
    if tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
        return None  # "Halévy, the composer": the name it stands beside
    det = [c.i for c in tok.children if c.dep_ == "det"]
    modifiers = [c.left_edge.i for c in tok.children if c.dep_ in {"amod", "compound"}]
    start = min([*det, tok.i, *modifiers])
    phrase = tok.doc[start : tok.i + 1].text
    same = _same_noun_before(tok, quote)
    if same is not None:
        return Reference(phrase, "description", same.text)
    if not det:
        return Reference(phrase, "description")
    pair = two_named(tok)  # "the two states": the two countries the sentence before names
    if pair:
        return Reference(phrase, "description", pair, pair)
    labels = KINDS.get(tok.lemma_.lower())
    if labels is None:  # "the Foundation": the one name of the text holding the word
        # ... else "the deal": the paragraph's one deal said which ("the 2015 nuclear deal").
        repair = name_holding(tok, quote, earlier) or fuller_phrase(tok, quote)
        return Reference(phrase, "description", repair=repair)
    doc = tok.doc
    fits = is_country if tok.lemma_.lower() in COUNTRY_NOUNS else _any_name
    # A name later in its sentence says which only beside it ("the company, Microsoft,"): "the
    # nation will trade with the United States" is another (tuning labels: Sudan, never named),
    # and so is one joined to it ("the Company and the Series A Holder agreed": fresh6).
    after = [
        e
        for e in tok.sent.ents
        if e.label_ in labels
        and e.start > tok.i
        and fits(e.text)
        and e.root.head.i == tok.i
        and e.root.dep_ != "conj"
    ]
    inside = [e for e in quote.ents if e.label_ in labels and e.end <= tok.i and fits(e.text)]
    if tok.lemma_.lower() in ROLES:
        after, inside = _who_may_be(tok, quote, after, inside)
    if after and not inside:  # named later in its sentence: resolved, but not safely renamed
        return Reference(phrase, "description", after[0].text)
    paragraph = [e for e in doc.ents if e.label_ in labels and e.end <= quote.start]
    if inside:
        # Written in only when the paragraph before the passage names no other: "Microsoft
        # showcased Intune for Education ... the company announced" is Microsoft, not the
        # service the passage names last.
        names = distinct_names(e.text for e in [*paragraph, *inside] if fits(e.text))
        return Reference(
            phrase, "description", inside[-1].text, names[0] if len(names) == 1 else ""
        )
    names = distinct_names(e.text for e in paragraph if fits(e.text))
    if not names:
        names = distinct_names(n for label in labels for n in earlier.get(label, ()) if fits(n))
    if len(names) == 1:
        return Reference(phrase, "description", names[0], names[0])
    return Reference(phrase, "description")


def _who_may_be(
    tok: Token, quote: Span, after: list[Span], inside: list[Span]
) -> tuple[list[Span], list[Span]]:
    """The names a role ("the composer") may stand for: not a subject or object of its own
    sentence ("Roseingrave ... became acquainted with the composer" is someone else), but a
    name there as an owner or a setting ("the sixty Scarlatti sonatas", "only with
    Beethoven"), typed a person or not at all."""
    doc = tok.doc
    untyped = [
        doc[t.i : t.i + 1]
        for t in doc[max(quote.start, tok.sent.start) : tok.i]
        if t.pos_ == "PROPN"
        and t.ent_type_ in MISTYPED_PEOPLE
        and is_person_name(t.text)
        and not (t.dep_ == "compound" and t.head.pos_ == "PROPN")  # "Thomas" of a name
    ]
    own = tok.sent.start
    return (
        [e for e in after if e.root.dep_ not in CLAUSE_ARGUMENTS],
        [e for e in inside + untyped if e.end <= own or e.root.dep_ not in CLAUSE_ARGUMENTS],
    )


def _name_before(tok: Token, quote: Span) -> str:
    """The last name the passage shows before the token (outside its phrase): the whole a
    part or an elliptical word may belong to; "" when it shows none."""
    phrase = set(t.i for t in tok.subtree)
    for t in reversed(quote.doc[quote.start : tok.i]):
        if t.pos_ == "PROPN" and t.i not in phrase and not t.like_num:
            return name_of(t)
    return ""


def _any_name(_name: str) -> bool:
    return True


def entity_names(doc: Doc) -> dict[str, set[str]]:
    """The names of one parsed paragraph by entity label, and its nouns (`NOUNS`), for the
    paragraphs after it."""
    names: dict[str, set[str]] = {NOUNS: nouns_of(doc)}
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            names.setdefault(ent.label_, set()).add(ent.text)
    return names
