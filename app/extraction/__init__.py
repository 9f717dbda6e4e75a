"""Text from the files people bring (.txt, .md, .html, .pdf, .docx): plain code, no Flask.

`quire generate` and the web upload both read files through `extract`, so a file gives the
same text, and the same questions, whichever way it comes in.
"""
