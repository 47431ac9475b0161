"""Parsing: spaCy's pipeline with tidings' components, page layout, sentence and clause helpers,
and the mentions the later stages share."""
