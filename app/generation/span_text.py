"""A span's text sliced from its parse's text, which is joined once per parse.

spaCy joins `Doc.text` and `Span.text` token by token on every call, so rules that read a
sentence's text for each of its words or facts paid for it again and again.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_TEXT = "quire_text"


def doc_text(doc: Doc) -> str:
    """The parse's text (`Doc.text`), joined on the first call and kept with the parse."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def text_of(span: Span) -> str:
    """The span's text (`Span.text`, for a span of at least one token), without the join."""
    return doc_text(span.doc)[span.start_char : span.end_char]
