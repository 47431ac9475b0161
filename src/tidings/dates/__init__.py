"""Dates: when each event happened, from the time expressions of its sentence and the story's date."""
