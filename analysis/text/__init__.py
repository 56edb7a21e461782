"""The article and its annotations: the verified text, actors and mentions, vocabularies, events and links."""
