"""Fixtures for the generator's tests: one spaCy pipeline for the whole session.

Loading the model takes seconds, so every test that parses shares the same pipeline and the
rule recognisers bound to it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from app.generation.context import references, unsettled
from app.generation.nlp import Recognizers, load_pipeline
from app.generation.settling import settle


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The project's spaCy pipeline, loaded once."""
    return load_pipeline()


@pytest.fixture(scope="session")
def recognizers(nlp: Language) -> Recognizers:
    """The rule recognisers bound to the session pipeline."""
    return Recognizers(nlp)


def _find(doc: Doc, text: str) -> Span:
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            if doc[start:end].text == text:
                return doc[start:end]
    raise AssertionError(f"{text!r} is not a token span of {doc.text!r}")


@pytest.fixture(scope="session")
def span_in(nlp: Language) -> Callable[[str, str], Span]:
    """span_in(sentence, target): parse the sentence and return the target's token span."""
    return lambda sentence, target: _find(nlp(sentence), target)


@pytest.fixture
def settled(nlp):
    """settled(text, answer, earlier=None): the cloze of the text's last sentence with the
    answer blanked, its references settled (None when refused)."""

    def run(text: str, answer: str, earlier=None) -> str | None:
        doc = nlp(text)
        last = list(doc.sents)[-1]
        assert answer in last.text, (answer, last.text)
        prompt = "Fill in the blank: " + last.text.replace(answer, "_____", 1)
        return settle(prompt, answer, unsettled(references(last, earlier), prompt))

    return run
