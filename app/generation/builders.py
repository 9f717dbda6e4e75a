"""Questions built from single facts: multiple choice, cloze, true/false, abbreviations."""

from __future__ import annotations

import random
import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from app.generation.asking import KIND_NOUNS, WH
from app.generation.dates import date_distractors, parse_date
from app.generation.facts import Fact
from app.generation.known import rates_a_time
from app.generation.quantities import quantity_distractors
from app.generation.residue import plain_passage
from app.generation.types import (
    BLANK,
    CLOZE,
    MULTIPLE_CHOICE,
    ORDERING,
    TRUE_FALSE,
    DateValue,
    Quantity,
    Question,
)
from app.generation.worth import (
    balance_quotes,
    cites_law,
    fit_prompt,
    has_markup,
    rephrase,
)

TYPE_CODES = {MULTIPLE_CHOICE: "mc", CLOZE: "cz", TRUE_FALSE: "tf", ORDERING: "or"}
KIND_PLURALS = {
    "date": "dates",
    "person": "people",
    "treaty": "agreements",
    "organisation": "organisations",
    "place": "places",
    "figure": "figures",
    "equipment": "weapon systems",
}


def rng_for(*parts: str) -> random.Random:
    """A generator seeded from stable strings, so every question is reproducible on its own."""
    return random.Random("|".join(parts))


def value_distractors(
    fact: Fact,
    rng: random.Random,
    dates: Sequence[DateValue],
    amounts: Sequence[Quantity],
    n: int = 3,
) -> list[str]:
    """Wrong dates near the answer, or wrong amounts around it, written in the same form.

    Values the sentence's own bound makes true too are refused while drawing, not after, so a
    bounded answer still gets its n wrong values."""
    if fact.date is not None:
        pool = [d for d in dates if d.granularity == fact.date.granularity]
        side = date_bound(fact.quote.text[: fact.answer_start])
        start = fact.date.start

        def keep_date(text: str) -> bool:
            other = parse_date(text)
            return other is None or not side or (other.start < start) == (side == "earlier")

        return date_distractors(fact.answer, fact.date, rng, n, pool, keep=keep_date)
    if fact.quantity is not None:
        if reads_as_a_year(fact):
            return []  # "invented about _____": 544 or 1760 is ruled out as a count, not a year
        pool = [q for q in amounts if q.unit == fact.quantity.unit]
        answer = fact.quantity.value
        # "more than _____ ships" (the hedge stays in the prompt): any smaller amount is true too.
        keep = {"above": answer.__lt__, "below": answer.__gt__}.get(fact.bound)
        return quantity_distractors(fact.answer, fact.quantity, rng, n, pool, keep=keep)
    return []


_YEAR_BEFORE = re.compile(
    r"\b(?:in|about|around|circa|c\.|since|until|till|from|by|before|after|(?:late|early) as)\s+$",
    re.I,
)


def reads_as_a_year(fact: Fact) -> bool:
    """True for a bare number the sentence uses as a year ("In 951, Elfeg built ..."), which
    the parser took for an amount: its wrong choices would be amounts, not years."""
    quantity = fact.quantity
    if quantity is None or quantity.unit or not re.fullmatch(r"\d{3,4}", fact.answer):
        return False
    return bool(_YEAR_BEFORE.search(fact.quote.text[: fact.answer_start]))


# Words before a date that make every earlier date true too ("after 2000", "until 1990").
_EARLIER_TRUE = re.compile(r"\b(?:after|until|till|as late as)\s+(?:\w+\s+){0,2}$", re.I)
# ... or every later one ("by 2000", "since the 1990s", "before 1990").
_LATER_TRUE = re.compile(r"\b(?:by|since|before|as early as)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)


def date_bound(before: str) -> str:
    """The side wrong dates must lie on when the words before the date make the other side
    true too: "earlier" for "by _____" or "already ... in _____", "later" for "after _____";
    "" for a date that is simply when something happened."""
    if _EARLIER_TRUE.search(before):
        return "later"
    if _LATER_TRUE.search(before[-40:]) or re.search(r"\balready\b", before, re.I):
        return "earlier"
    return ""


def _question(fact: Fact, qtype: str, variant: str = "", **fields) -> Question:
    code = TYPE_CODES.get(qtype, qtype[:2]) + (f"-{variant}" if variant else "")
    # Who someone is does not depend on what the sentence says they said or might do.
    prior = 0.0 if variant in {"who", "role", "ab"} else _prior(fact)
    return Question(
        id=f"{fact.id}-{code}",
        fact=fact.id,
        type=qtype,
        kind=fact.kind,
        quote=fact.quote,
        tags=(fact.kind, f"source:{fact.source}"),
        group=fact.group,
        difficulty=0.0,
        quality=prior,
        **fields,
    )


def _prior(fact: Fact) -> float:
    """What the fact's sentence adds to or takes from any question's quality (ranking adds it)."""
    prior = -0.15 if fact.hedged else 0.0
    if fact.attribution:
        prior -= 0.2
    if fact.listed:
        prior -= 0.2
    if fact.kind in {"date", "figure", "treaty", "equipment"}:
        prior += 0.05
    return prior


def _explain(fact: Fact, others: bool) -> str:
    passage = plain_passage(fact.quote.text)
    text = f"The text states: {passage}"
    if others:
        text += f" The other choices are {KIND_PLURALS[fact.kind]} the question could plausibly "
        text += "have, but not what this passage says."
    return text


def multiple_choice(
    fact: Fact,
    distractors: list[str],
    prompt: str | None = None,
    *,
    demonyms: Collection[str],
) -> Question | None:
    """A four-choice question with the answer shuffled among three distractors (`demonyms`:
    the text's nationalities, which say whose office a prompt names)."""
    prompt = prompt or fact.question
    if not prompt or len(distractors) < 3:
        return None
    prompt = fit_prompt(
        prompt, fact.answer, kind=fact.kind, short_form=fact.short_form, demonyms=demonyms
    )
    if prompt is None:
        return None
    wh = _wh_word(fact)
    if WH in prompt and _is_event(fact.answer) and not all(_is_event(d) for d in distractors[:3]):
        return None  # an event's wrong choices must be events too, not organisations
    prompt = prompt.replace(WH, wh)
    if len({c.casefold() for c in [fact.answer, *distractors[:3]]}) < 4:
        return None
    return _choice_question(
        fact,
        "",
        "choices",
        prompt=prompt,
        answer=fact.answer,
        wrong=distractors,
        explanation=_explain(fact, others=True),
    )


def _choice_question(
    fact: Fact, variant: str, seed: str, *, answer: str, wrong: Sequence[str], **fields
) -> Question:
    """Four choices, the answer among three wrong ones in an order fixed by fact and seed."""
    choices = [answer, *wrong[:3]]
    rng_for(fact.id, seed).shuffle(choices)
    return _question(
        fact, MULTIPLE_CHOICE, variant, answer=answer, choices=tuple(choices), **fields
    )


EVENT_NOUNS = {
    "revolution",
    "war",
    "crisis",
    "conference",
    "summit",
    "election",
    "coup",
    "invasion",
    "talks",
    "uprising",
    "spring",
    "games",
    "protests",
}


def _is_event(name: str) -> bool:
    return name.split()[-1].lower() in EVENT_NOUNS


def _wh_word(fact: Fact) -> str:
    """'Who' for people, 'Which organisation' ..., but 'What' for an event or a legal text."""
    if fact.answer.split()[-1].lower() in EVENT_NOUNS or fact.label == "LAW":
        return "What"  # "Article 146 of the Constitution" is no agreement
    return KIND_NOUNS.get(fact.kind, "What")


def blank_choice(
    fact: Fact, distractors: list[str], *, demonyms: Collection[str]
) -> Question | None:
    """Multiple choice on the blanked passage, where no wh-question could be formed."""
    if not fact.cloze or len(distractors) < 3:
        return None
    if fact.modifier and fact.kind in {"place", "organisation", "date"}:
        return None
    if _is_event(fact.answer) and not all(_is_event(d) for d in distractors[:3]):
        return None
    prompt = f"Which completes the passage? {fact.cloze}"
    q = multiple_choice(fact, distractors, prompt=prompt, demonyms=demonyms)
    return q and replace(q, id=f"{fact.id}-mc-blank")


def _shows_an_accepted_form(prompt: str, accept: Sequence[str]) -> bool:
    """True when the prompt prints a name the key accepts ("transfer of _____/SA-20", where
    the key S-300 accepts SA-20): the learner copies it."""
    context = prompt.replace(BLANK, " ")
    return any(
        re.search(rf"(?<!\w){re.escape(form)}(?!\w)", context)
        for form in accept
        if any(c.isalpha() for c in form)
    )


def cloze(fact: Fact, accept: Sequence[str] = (), *, demonyms: Collection[str]) -> Question | None:
    """A typed answer: the quoted passage with the answer blanked."""
    if not fact.cloze or (fact.modifier and fact.kind in {"place", "organisation", "date"}):
        return None  # "the _____ ideological system", "the _____ agreement": a modifier
    prompt = fit_prompt(
        fact.cloze, fact.answer, kind=fact.kind, short_form=fact.short_form, demonyms=demonyms
    )
    if prompt is None or _shows_an_accepted_form(prompt, accept):
        return None
    return _question(
        fact,
        CLOZE,
        prompt=f"Fill in the blank: {prompt}",
        answer=fact.answer,
        accept=tuple(a for a in accept if a.casefold() != fact.answer.casefold()),
        explanation=_explain(fact, others=False),
    )


def true_false(fact: Fact, wrong: str | None) -> Question | None:
    """A statement from the text, true as written or with its answer swapped for a wrong one."""
    statement = fact.statement and balance_quotes(fact.statement)
    if (
        not statement
        or statement.count(fact.answer) != 1
        or has_markup(statement)
        or cites_law(statement)
        or (fact.kind == "date" and rates_a_time(statement.replace(fact.answer, BLANK)))
    ):
        return None
    if wrong is not None and fact.modifier:
        return None
    if wrong is None:
        # A true statement copied word for word tests only recognising the sentence.
        shown = rephrase(statement)
        if shown is None:
            return None
        answer, explanation = "True", f"True. The text states: {statement}"
    else:
        shown, answer = statement.replace(fact.answer, wrong), "False"
        explanation = f"False. The text says {fact.answer}, not {wrong}: {statement}"
    return _question(
        fact,
        TRUE_FALSE,
        prompt=f"True or false? {shown}",
        answer=answer,
        choices=("True", "False"),
        explanation=explanation,
    )


def abbreviation(fact: Fact, wrong: list[str]) -> Question | None:
    """'What does SCO stand for?' with look-alike expansions as the wrong choices."""
    if not fact.short_form or len(wrong) < 3:
        return None
    q = _choice_question(
        fact,
        "ab",
        "abbr",
        prompt=f"What does {fact.short_form} stand for?",
        answer=fact.answer,
        wrong=wrong,
        explanation=(
            f"{fact.short_form} stands for {fact.answer}, as the text spells it out. The other "
            "choices share its initials but are not what the text names."
        ),
    )
    return _with_tags(q, "abbreviation")


def _with_tags(question: Question, *extra: str) -> Question:
    return replace(question, tags=(*question.tags, *extra))
