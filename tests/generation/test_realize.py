"""Questions and statements realised from the dependency parse (en_core_web_sm 3.8)."""

from __future__ import annotations

import pytest

from app.generation import clauses, realize

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("sentence", "target", "wh", "adjunct", "expected"),
    [
        # A date adjunct, fronted or not: its phrase goes, "In which year" leads, do-support.
        (
            "In 1995, Norway agreed to supply the reactor to Chile.",
            "1995",
            "In which year",
            True,
            "In which year did Norway agree to supply the reactor to Chile?",
        ),
        (
            "Norway agreed in 1995 to supply the reactor to Chile.",
            "1995",
            "In which year",
            True,
            "In which year did Norway agree to supply the reactor to Chile?",
        ),
        (
            "The delegates met in Geneva in 1949.",
            "Geneva",
            "Where",
            True,
            "Where did the delegates meet in 1949?",
        ),
        # "The" of a name the parser tags as part of it loses its capital mid-question (a judge:
        # "Stray capital in 'did The British Government'").
        (
            "The British Government annexed the islands in 1840.",
            "1840",
            "In which year",
            True,
            "In which year did the British Government annex the islands?",
        ),
        # A lower-cased first word keeps its own spacing: fresh6's judges read "was asphalt
        # -based paving" as a stray space (2 of 2 readings).
        (
            "In 1876, asphalt-based paving was used to pave Pennsylvania Avenue.",
            "1876",
            "In which year",
            True,
            "In which year was asphalt-based paving used to pave Pennsylvania Avenue?",
        ),
        # The subject: the wh-word takes its place, no inversion.
        (
            "Anna Berg signed the Treaty of Lisbon in December 2007.",
            "Anna Berg",
            "Who",
            False,
            "Who signed the Treaty of Lisbon in December 2007?",
        ),
        (
            "Chancellor Otto Vahl said the army would buy the F-35.",
            "Otto Vahl",
            "Who",
            False,
            "Who said the army would buy the F-35?",
        ),
        # The object: "Which ... did ..." with do-support and the verb's base form.
        (
            "Foreign Minister Anna Berg signed the Treaty of Lisbon in Lisbon in December 2007.",
            "Treaty of Lisbon",
            "Which agreement",
            False,
            "Which agreement did Foreign Minister Anna Berg sign in December 2007?",
        ),
        # Auxiliary inversion.
        (
            "The army has deployed the S-400 system near the border.",
            "S-400",
            "Which system",
            False,
            "Which system has the army deployed near the border?",
        ),
        (
            "The navy will receive the new frigates in 2030.",
            "2030",
            "In which year",
            True,
            "In which year will the navy receive the new frigates?",
        ),
        # Copula inversion.
        (
            "In 1990, Otto Vahl was chancellor of Austria.",
            "1990",
            "In which year",
            True,
            "In which year was Otto Vahl chancellor of Austria?",
        ),
        (
            "The capital of the new state is Vienna.",
            "Vienna",
            "Which city",
            False,
            "Which city is the capital of the new state?",
        ),
        # A fronted adjunct moves to the end of the question.
        (
            "In 1648, the Peace of Westphalia ended the Thirty Years' War.",
            "Peace of Westphalia",
            "Which agreement",
            False,
            "Which agreement ended the Thirty Years' War in 1648?",
        ),
        (
            "In 1648, the Peace of Westphalia ended the Thirty Years' War.",
            "1648",
            "In which year",
            True,
            "In which year did the Peace of Westphalia end the Thirty Years' War?",
        ),
        # A coordination after the subject is no split subject when the tensed word is an
        # auxiliary (accepted by both fresh5 readers).
        (
            "Connes was awarded the Fields Medal in 1982, the Crafoord Prize in 2001 and the "
            "gold medal of the CNRS in 2004.",
            "1982",
            "In which year",
            True,
            "In which year was Connes awarded the Fields Medal?",
        ),
        # A focusing adverb goes with the phrase it focuses ("appear only after centuries of
        # silence?", both fresh6 readers: garbled).
        (
            "After centuries of silence, the first mentions of Albanian bitumen appeared only in "
            "1868.",
            "1868",
            "In which year",
            True,
            "In which year did the first mentions of Albanian bitumen appear after centuries of "
            "silence?",
        ),
    ],
)
def test_ask(span_in, sentence, target, wh, adjunct, expected):
    assert realize.ask(span_in(sentence, target), wh, adjunct=adjunct) == expected


@pytest.mark.parametrize(
    ("sentence", "target", "wh", "adjunct"),
    [
        # A pronoun subject would point outside the question.
        ("He signed the Treaty of Lisbon in December 2007.", "Treaty of Lisbon", "What", False),
        # Negation.
        ("Anna Berg did not sign the Treaty of Lisbon in 2007.", "Treaty of Lisbon", "What", False),
        ("Anna Berg did not sign the Treaty of Lisbon in 2007.", "2007", "In which year", True),
        # Inside a relative clause.
        (
            "The minister who signed the Treaty of Lisbon resigned in 2009.",
            "Treaty of Lisbon",
            "What",
            False,
        ),
        # Nested in another noun's prepositional phrase.
        (
            "Anna Berg praised the architects of the Treaty of Lisbon.",
            "Treaty of Lisbon",
            "What",
            False,
        ),
        # A possessive: the name qualifies another noun.
        (
            "The Treaty of Lisbon's ratification took until 2009.",
            "Treaty of Lisbon",
            "What",
            False,
        ),
        # Quotation marks, curly or straight.
        (
            "Anna Berg called the Treaty of Lisbon “a triumph” in 2008.",
            "Treaty of Lisbon",
            "What",
            False,
        ),
        ('Anna Berg called the Treaty of Lisbon "a triumph" in 2008.', "2008", "In which", True),
        # The date's phrase says more than the date: the question would lose what it says
        # (judges: "'the last major attack' means the last before the 2015 attack"; "drops what
        # was recorded (Gershwin's original score)").
        (
            "The last major attack on a civilian target in Tunisia was in 2002, when militants "
            "killed 20 people in a car bombing outside a synagogue.",
            "2002",
            "In which year",
            True,
        ),
        (
            "The Seattle Symphony also recorded a version in 1990 of Gershwin's original score.",
            "1990",
            "In which year",
            True,
        ),
        # Too short to be a question once the target is gone.
        ("Berg resigned in 2009.", "2009", "When", True),
        # Inside a subordinate clause: its conjunction would follow the auxiliary ("In which
        # decade have although Māori claims ... proved controversial?", a judge's garble).
        (
            "The government has negotiated settlements of these grievances with many iwi, "
            "although Māori claims to the foreshore and seabed have proved controversial in "
            "the 2000s.",
            "2000s",
            "In which decade",
            True,
        ),
        # The parser took a clause's subject as the last member of a coordination: the
        # question keeps the noun and loses its verb (fresh6's judges: "a cholera epidemic
        # break out in Berlin and Schopenhauer?", "did the CNT change ... and anarchist votes
        # helped" is ungrammatical).
        (
            "In 1831, a cholera epidemic broke out in Berlin and Schopenhauer left the city.",
            "1831",
            "In which year",
            True,
        ),
        (
            "But in 1936, the CNT changed its policy and anarchist votes helped bring the "
            "popular front back to power.",
            "1936",
            "In which year",
            True,
        ),
        # Another date left in the stem of a date question: garbled, a bound or the answer
        # itself ("used ... against the Hungarians by the 14th century", both readers).
        (
            "Gunpowder was used by the Mongols against the Hungarians in 1241, and in Europe by "
            "the 14th century.",
            "1241",
            "In which year",
            True,
        ),
        # Two fronted phrases moved behind the clause run together and hang on its last noun
        # ("... proposing the Urals as the border of Asia in Sweden five years after Peter's
        # death?": "in Sweden" misplaced, both fresh7 readers).
        (
            "In Sweden, five years after Peter's death, in 1730 Philip Johan von Strahlenberg "
            "published a new atlas proposing the Urals as the border of Asia.",
            "1730",
            "In which year",
            True,
        ),
        # The bracket's close went with the removed date: "... the Atlantic Ocean (with the
        # help of a kick board, from Cape Verde to Barbados?" (fresh5's bank).
        (
            "In 1994, Guy Delage was the first man to allegedly swim across the Atlantic Ocean "
            "(with the help of a kick board, from Cape Verde to Barbados).",
            "1994",
            "In which year",
            True,
        ),
    ],
)
def test_ask_refuses(span_in, sentence, target, wh, adjunct):
    assert realize.ask(span_in(sentence, target), wh, adjunct=adjunct) is None


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        (
            "In 1648, the Peace of Westphalia ended the Thirty Years' War.",
            "1648",
            "The Peace of Westphalia ended the Thirty Years' War",
        ),
        ("Norway joined the alliance in 1949.", "1949", "Norway joined the alliance"),
        (
            "Anna Berg signed the Treaty of Lisbon in December 2007.",
            "December 2007",
            "Anna Berg signed the Treaty of Lisbon",
        ),
        # Framing before the subject is not part of the event.
        (
            "However, in 1990 the two states were reunited after long talks.",
            "1990",
            "The two states were reunited after long talks",
        ),
    ],
)
def test_declare(span_in, sentence, target, expected):
    assert realize.declare(span_in(sentence, target)) == expected


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("He signed the treaty in 2007.", "2007"),  # pronoun subject
        ("Anna Berg did not sign the treaty in 2007.", "2007"),  # negated
        ("Norway left in 1949.", "1949"),  # too short to be an event
    ],
)
def test_declare_refuses(span_in, sentence, target):
    assert realize.declare(span_in(sentence, target)) is None


@pytest.mark.parametrize(
    ("target", "wh", "adjunct", "expected"),
    [
        ("1999", "In which year", True, "In which year did Anna Berg sign the Vienna Agreement?"),
        (
            "Vienna Agreement",
            "Which agreement",
            False,
            "Which agreement did Anna Berg sign in 1999?",
        ),
    ],
)
def test_subject_apposition_leaves_no_comma(span_in, target, wh, adjunct, expected):
    sentence = "Anna Berg, secretary of the Nordic Council, signed the Vienna Agreement in 1999."
    assert realize.ask(span_in(sentence, target), wh, adjunct=adjunct) == expected


def test_declare_subject_apposition_leaves_no_comma(span_in):
    sentence = "Anna Berg, secretary of the Nordic Council, signed the Vienna Agreement in 1999."
    assert realize.declare(span_in(sentence, "1999")) == "Anna Berg signed the Vienna Agreement"


def test_tidy():
    assert clauses.tidy("  Who , , signed it ?") == "Who, signed it?"
    assert clauses.tidy("( the deal ) was , .") == "(the deal) was."


def test_a_copula_parsed_as_an_auxiliary_is_not_inverted(nlp):
    """Tuning text (tune2, Shedlock's history of the sonata), where the parser tags Beethoven
    an adverb and "became" a passive auxiliary: it was asked "In which year became beethoven
    reconciled with the Prince ...?"."""
    doc = nlp(
        "The\r\ncomposer's refusal to play to the French officers was grounded on his\r\n"
        "hatred to Napoleon, who had just won the battle of Jena. Beethoven,\r\nhowever, "
        "became reconciled with the Prince before the death of the\r\nlatter in 1814."
    )
    year = next(t for t in doc if t.text == "1814")
    asked = realize.ask(doc[year.i : year.i + 1], "In which year", adjunct=True)
    assert asked is None


@pytest.mark.parametrize(("word", "kept"), [("Beethoven", True), ("Critics", False)])
def test_a_rare_capitalised_word_keeps_its_capital(nlp, word, kept):
    """A name the parser mistags (Beethoven as an adverb) keeps its capital when moved."""
    doc = nlp(f"{word},\r\nhowever, became reconciled with the critics in 1814.")
    assert clauses.keeps_case(doc[0]) is kept
