"""Events: the lexicon, the event reader (verbs, nouns, light verbs, framing), who takes part,
modality, and the Event records built from what was found."""
