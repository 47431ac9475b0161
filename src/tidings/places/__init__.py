"""Places: the offline gazetteer and where each event happened."""
