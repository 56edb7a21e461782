"""Facts from outside the article, kept apart from it: sources, external events, outcomes of the article's plans,
the parties' stances on its claims, and an external layer of the actor graph."""
