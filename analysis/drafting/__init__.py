"""The machine drafter: rules and dictionaries that propose annotations for a person to review, and their evaluation."""
