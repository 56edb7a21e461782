"""Tables built from the annotations: events, evidence, links, attribution."""
