"""Links between drafted events from connectives (connectives.csv: "after", "led to", "in this regard"), never
closing a cycle."""

from __future__ import annotations

from bisect import bisect_left

from analysis.chronology.expressions import is_ordering
from analysis.drafting.clauses import Sentence
from analysis.drafting.model import COREFERENCE_WINDOW, DraftEvent, DraftLink


class Linking:
    """The links half of the Drafter (analysis.drafting.drafter), which holds the sentences and the events these methods
    link."""

    def reachable(self, source: DraftEvent, target: DraftEvent) -> bool:
        seen, stack = set(), [source]
        while stack:
            node = stack.pop()
            if node is target:
                return True
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack += self.out_links.get(id(node), [])
        return False

    def add_link(self, source, target, relation, sentence, span, why) -> None:
        if source is target or self.reachable(target, source):
            return
        if target in self.out_links.get(id(source), []):
            return
        self.out_links.setdefault(id(source), []).append(target)
        self.links.append(DraftLink(source, target, relation, sentence, span, f"draft: {why}"))

    def events_in(self, sentence: Sentence):
        return sorted(self.in_sentence[sentence.sentence_id].items(), key=lambda te: te[0])

    def connect(self) -> None:
        ordered = sorted(self.trigger_event.items(), key=lambda te: te[0])
        starts = [t[0] for t, _ in ordered]
        for sentence in self.sentences:
            here = self.events_in(sentence)
            for hit in sentence.connectives:
                comma = self.text.find(",", hit.end, sentence.end)
                comma = comma if comma >= 0 else sentence.end

                def previous(hit=hit, acts=False):
                    before = [
                        e
                        for _, e in ordered[
                            max(0, bisect_left(starts, hit.start) - COREFERENCE_WINDOW) : bisect_left(starts, hit.start)
                        ]
                        if e.trigger[0] < hit.start
                    ]
                    before.sort(key=lambda e: e.trigger[0])
                    verbs = [e for e in before if e.kind == "verb"] if acts else []
                    return (verbs or before or [None])[-1]

                def pick(where, hit=hit, comma=comma, here=here):
                    if where == "before":
                        return next((e for t, e in reversed(here) if t[1] <= hit.start), None)
                    if where == "act_before":  # "postponed talks because of X": the act, not its object
                        before = [e for t, e in here if t[1] <= hit.start]
                        return next((e for e in reversed(before) if e.kind == "verb"), None) or pick("before")
                    if where == "after":
                        return next((e for t, e in here if t[0] >= hit.end), None)
                    if where == "phrase":
                        return next((e for t, e in here if hit.end <= t[0] < comma), None) or previous()
                    if where == "main":
                        return next((e for t, e in here if t[0] > comma), None)
                    return previous(acts=True)

                source, target = pick(hit.rule.kind), pick(hit.rule.extra)
                if source and target:
                    self.add_link(
                        source,
                        target,
                        hit.rule.value,
                        sentence,
                        (hit.start, hit.end),
                        f"connective {self.text[hit.start : hit.end]!r}",
                    )
                    clause_start = next((c[0] for c in sentence.clauses if c[0] <= hit.start < c[1]), None)
                    phrase = self.text[hit.start : comma]
                    if (
                        hit.rule.extra == "main"
                        and hit.start == clause_start
                        and target.time is None
                        and is_ordering(phrase)
                        and len(phrase.split()) <= 6
                    ):
                        target.time = (hit.start, comma)
                        if not any(a <= hit.start and comma <= b for a, b in target.spans):
                            target.spans[target.primary] = (
                                min(hit.start, target.spans[target.primary][0]),
                                max(comma, target.spans[target.primary][1]),
                            )
