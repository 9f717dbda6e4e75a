"""Question packs: the file format (`format`) and loading packs into the database (`importer`)."""
