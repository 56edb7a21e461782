"""How the drafter reads an event's status and time: the nearest status cue of its clause (status_cues.csv), else a
default cue on its own words, else occurred; the clause's time expression, resolved with the tense the status implies;
and the statuses that follow from dates and from coordination."""

from __future__ import annotations

import re

from analysis.chronology.expressions import TimeExpressionError, is_ordering, resolve
from analysis.drafting.clauses import YIELDING, Hit, Sentence

MODAL = re.compile(r"will|would|could|can|may|might|must|should|shall")  # a cue that reaches every verb after it
DEFAULT_HOLDS_AGAINST = {  # a default status and the cues two words away or more that do not override it
    "ongoing": ("planned", "hypothetical"),  # "aimed at settling the border conflict": the conflict goes on
    "hypothetical": ("ongoing",),  # "remains committed to a just peace", "continues to reject a ceasefire"
}
POSSESSED = re.compile(
    r"\w['’]s\s+(?:(?!(?:to|of|for|on)\b)[\w-]+\s+){0,2}$"
)  # "the president's agreement", not "... to ban"
NAMED_AGREEMENT = re.compile(
    r"\bthe\s+(?:[\w-]+\s+)*?(?:[A-Z][\w-]*|\d+)\s+(?:[a-z][\w-]*\s+)?$"
)  # before an agreement noun: a name or a date ("the Lakeside agreements", "the July 21 deal")
COMPLEMENT = re.compile(r"\b(?:to|of|on|for|against|with)\b", re.IGNORECASE)  # what opens a noun's complement
AGREEMENT_NOUN = re.compile(r"(?:agreements?|accords?|deal|treaty|protocol|memorandum)", re.IGNORECASE)


class StatusReading:
    """The status and time half of the Drafter (analysis.drafting.drafter), which holds the text, the sentences, the
    dictionaries and the events these methods read."""

    def status(self, sentence: Sentence, clause, trigger, kind: str) -> tuple[str, str]:
        words = self.text[trigger[0] : trigger[1]]
        if kind == "noun" and AGREEMENT_NOUN.fullmatch(words):
            named = NAMED_AGREEMENT.search(self.text[max(sentence.start, trigger[0] - 60) : trigger[0]])
            if named and not re.search(r"\b(?:no|not|never|any|future)\b", named.group(), re.IGNORECASE):
                return "occurred", f"draft: a named agreement ({named.group()}{words}) is one made"
        best = None
        triggers = [t for t in sentence.triggers if clause[0] <= t.start < clause[1]]
        default = self.default_cue(sentence, trigger)
        if default and kind != "noun" and default.start > trigger[0]:
            default = None  # "conducted an assault": the noun's default is not the act's
        first = self.first_conjunct(sentence, trigger[0]) if kind == "verb" else None
        for cue in sentence.cues:
            if not (clause[0] <= cue.start < clause[1]):
                continue
            if first is not None and cue.start < first[0]:
                continue  # a cue before the verb a bare conjunct is coordinated with reaches it through that verb
                # ("call on the army to end its attacks, close the border": the closing is asked for like the ending)
            scope = cue.rule.kind
            if scope == "self" and cue.start < trigger[1] and trigger[0] < cue.end:
                distance = -1
            elif scope == "after" and cue.start < trigger[0] < cue.end:
                if cue.rule.value == "ongoing" and self.halts(sentence, trigger):
                    continue  # "to end the attacks": what a halt ends goes on, the halt itself does not
                distance = 0  # the cue holds the verb: "is helping", "are further intensifying"
            elif scope == "after" and cue.end <= trigger[0]:
                if (
                    default
                    and cue.rule.value in DEFAULT_HOLDS_AGAINST.get(default.rule.value, ())
                    and len(self.text[cue.end : trigger[0]].split()) >= 2
                ):
                    continue  # a default two words or more past the cue holds: see DEFAULT_HOLDS_AGAINST
                if any(cue.end <= c.start < trigger[0] for c in sentence.connectives):
                    continue  # "postponed talks because of the invasion": the connective opens another event
                if kind == "noun" and cue.rule.value != "occurred" and POSSESSED.search(self.text[cue.end : trigger[0]]):
                    continue  # "agreed to implement the presidents' agreement": a possessed act is one made
                if (
                    cue.rule.value in ("hypothetical", "occurred")
                    and not MODAL.fullmatch(self.text[cue.start : cue.end].lower())
                ) and any(cue.end <= t.start and t.end <= trigger[0] and t.rule.kind == "verb" for t in triggers):
                    continue  # "efforts towards peace, the army has increased": a goal's cue stops at the next verb,
                    # and so does a formula's ("would like to place our faith in talks": the talks are not done)
                if cue.rule.value == "negated" and len(self.text[cue.end : trigger[0]].split()) > 3:
                    continue  # a negation reaches the act right after it ("did not fully implement the deal"), not
                    # one further on ("do not change the fact that the army is responsible for the attacks")
                distance = trigger[0] - cue.end
            elif scope == "before" and cue.start >= trigger[1] and kind == "noun":  # "the talks were postponed"
                if any(trigger[1] <= t.start < cue.start and t.rule.kind == "noun" for t in triggers):
                    continue
                distance = cue.start - trigger[1]
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, cue)
        if best is None:
            if default:
                return (
                    default.rule.value,
                    f"draft: no status cue; {self.text[default.start : default.end]!r} is {default.rule.value} unless a cue says otherwise",
                )
            return "occurred", "draft: no status cue, occurred"
        cue = best[1]
        return cue.rule.value, f"draft: status {cue.rule.value} from {self.text[cue.start : cue.end]!r}"

    @staticmethod
    def halts(sentence: Sentence, trigger) -> bool:
        """Whether the words of `trigger` halt an act ("cease", "end": CAMEO root 08, a yielding)."""
        return any((t.start, t.end) == tuple(trigger) and t.rule.value[:2] == YIELDING for t in sentence.triggers)

    @staticmethod
    def default_cue(sentence: Sentence, span: tuple[int, int]) -> Hit | None:
        """The default cue on the words of `span` ("war" ongoing, "peace" hypothetical), if any, but not one in a
        complement of its head ("an end to the war" is no war under way)."""
        return next(
            (
                c
                for c in sentence.cues
                if c.rule.kind == "default"
                and c.start < span[1]
                and span[0] < c.end
                and not COMPLEMENT.search(
                    sentence.text[span[0] - sentence.start : max(span[0], c.start) - sentence.start]
                )
            ),
            None,
        )

    def default_status(self, sentence: Sentence, span: tuple[int, int]) -> str:
        """The status a default cue gives the words of `span`, else ""."""
        cue = self.default_cue(sentence, span)
        return cue.rule.value if cue else ""

    def attach_time(self, sentence: Sentence, clause) -> None:
        for start, end in sentence.times:
            if not (clause[0] <= start < clause[1]):
                continue
            here = self.in_sentence[sentence.sentence_id]
            candidates = [e for e in here.values() if e.sentence is sentence and e.clause == clause and e.time is None]
            candidates += [
                e for t, e in here.items() if clause[0] <= t[0] < clause[1] and e.time is None and e not in candidates
            ]
            if not candidates:
                continue
            acts = [  # a halt leaves the time to what it halts ("could have stopped the attacks last week")
                e
                for e in candidates
                if e.kind == "verb" and e.clause == clause and not self.halts(sentence, e.trigger)
            ]
            owned = [e for e in candidates if e.trigger[0] >= end] if self.text[end : end + 2] in ("'s", "’s") else []
            # "yesterday's announced ceasefire" dates the noun it owns; else the clause's act carries the time
            # ("postponed a meeting last week")
            candidates = owned or acts or candidates

            def distance(event, start=start, end=end, here=here):
                triggers = [t for t, e in here.items() if e is event and clause[0] <= t[0] < clause[1]]
                return min(max(t[0] - end, start - t[1], 0) for t in triggers) if triggers else 10**6

            event = min(candidates, key=distance)
            event.time = (start, end)
            if not any(a <= start and end <= b for a, b in event.spans):
                nearest = min(
                    event.spans, key=lambda s: abs(s[0] - start) if sentence.start <= s[0] < sentence.end else 10**6
                )
                event.spans.append((min(nearest[0], start), max(nearest[1], end)))
            event.primary = next(i for i, (a, b) in enumerate(event.spans) if a <= start and end <= b)

    def settle_by_time(self) -> None:
        """A goal, or a war named with no cue, that the text dates wholly before the report happened: "the attacks
        on the capital last week" after "could", "the fighting yesterday". A stretch up to now ("for the past week",
        "since May") dates what goes on, and settles nothing."""
        for event in self.events:
            defaulted = event.status == "ongoing" and event.status_reason.startswith("draft: no status cue;")
            if not event.time or not (event.status == "hypothetical" or defaulted):
                continue
            words = self.text[event.time[0] : event.time[1]]
            if is_ordering(words) or re.search(r"\b(?:past|for|over|since)\b", words, re.IGNORECASE):
                continue
            try:
                resolve(words, self.article.reference_date, tense="future")
                continue
            except TimeExpressionError:
                pass  # no reading of the words lies on or after the report's date
            event.status = "occurred"
            event.status_reason = f"draft: status occurred: {words!r} lies before the report"

    def first_conjunct(self, sentence: Sentence, start: int) -> tuple[int, int] | None:
        """The trigger of the drafted verb that the bare verb at `start` is coordinated with, following the
        coordination back over verbs that are no event ("end its attacks, close the border and | withdraw")."""
        here = self.in_sentence[sentence.sentence_id]
        head = self.coordinated_with.get(start)
        while head is not None:
            found = next((t for t in here if t[0] <= head < t[1] and here[t].kind == "verb"), None)
            if found:
                return found
            head = self.coordinated_with.get(head)
        return None

    def share_coordinated_status(self) -> None:
        """A verb with no subject, auxiliary or cue of its own takes the status of the verb it is coordinated with
        ("urged the army to halt the attacks and | provide aid": the aid is asked for too)."""
        verbs = [e for e in self.events if e.kind == "verb"]
        for event in verbs:
            if event.status_reason != "draft: no status cue, occurred":
                continue
            trigger = self.first_conjunct(event.sentence, event.trigger[0])
            first = self.in_sentence[event.sentence.sentence_id][trigger] if trigger else None
            if first and first is not event and first.status != "occurred":
                event.status = first.status
                event.status_reason = (
                    f"draft: status {first.status} as the verb it is coordinated with "
                    f"({self.text[first.trigger[0] : first.trigger[1]]!r})"
                )
