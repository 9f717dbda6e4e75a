"""Text to questions: plain domain code (no Flask, no database session).

Stages: cleaning (which regions are the authors' text) -> nlp (spaCy plus rule matchers) ->
facts (entities and what the sentence says of them) -> builders (questions of each type) ->
distractors -> ranking (score, de-duplicate, keep the best). `pipeline.generate` runs them all.
"""
