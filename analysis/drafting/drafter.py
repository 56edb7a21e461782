"""The machine draft of an article folder (`python -m analysis draft ARTICLE_DIR`): actors, places, mention roles,
events with links, and a minimal story, every record marked as a draft (analysis.drafting.files writes them in the
curated files' own format). A person reviews the draft, copies it over the folder's files and fixes what the notes
flag ("draft, check: ...").

Events come clause by clause: every verb pattern of a clause is an event, and so is every other verb the parser
finds (analysis.drafting.parser; coded by lemmas.csv, flagged where no row codes it). Actor1 is the subject
before the verb, else the subject of the verb before; actor2 the first actor after it; a joint subject acting on
a third party is one event per member. Each event noun ("a meeting", "a ceasefire") that is neither part of a
verb's event nor a second mention of an earlier event ("the summit", "these negotiations") is an event of its
own. Status comes from the nearest status cue (else a default cue on the event's own words, else occurred), the
time expression from the clause (resolved with the tense the status implies), attribution from the sentence's
reporting phrase (else the article's first source, else its outlet), links from connectives.

The Drafter reads clause by clause here; who acts on whom is analysis.drafting.roles, status and time
analysis.drafting.status, links analysis.drafting.links, and the records it builds analysis.drafting.model.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from pathlib import Path
from types import SimpleNamespace

from analysis.chronology.expressions import TimeExpressionError, is_ordering, resolve
from analysis.drafting.clauses import (
    DEFINITE,
    NEW_MODIFIERS,
    Entity,
    Hit,
    Lexicon,
    Mention,
    Sentence,
    decide_role,
    read_sentence,
)
from analysis.drafting.dictionaries import OTHER_LEMMA, Dictionaries, Rule, load_dictionaries
from analysis.drafting.links import Linking
from analysis.drafting.model import COREFERENCE_WINDOW, Draft, DraftEvent, DraftLink
from analysis.drafting.parser import parsed_verbs
from analysis.drafting.roles import BORROWED_SUBJECT, PASSIVE, ActorRoles, word_before
from analysis.drafting.status import StatusReading
from analysis.tables.events import date_events
from analysis.text.annotations import EVENTS_FILE
from analysis.text.article import Article, load_article
from analysis.text.codebook import Codebook, load_codebook
from analysis.text.records import VOCABULARY_DIR, AnnotationError
from analysis.text.story import NO_SIDE

NP_STOP = {
    "which",
    "that",
    "who",
    "where",
    "could",
    "would",
    "will",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "did",
    "as",
    "because",
    "but",
    "while",
    "when",
    "not",
    "to",
    "and",
}
LEFT_STOP = {
    "to",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "by",
    "about",
    "and",
    "or",
    "but",
    "that",
    "which",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "will",
    "would",
    "could",
    "has",
    "have",
    "had",
    "did",
    "not",
    "reaching",
    "hold",
    "begin",
    "form",
    "produce",
    "lead",
    "into",
    "between",
    "after",
    "before",
}
AGENTLESS_ACTS = ("05", "08", "19")  # CAMEO roots of acts a passive with no agent still reports
APPEALS = ("02", "10")  # CAMEO roots of an appeal and a demand: what they ask for is an act of its own
FINITE = re.compile(
    r"\b(?:that|will|could|would|should|might)\b|[,;]|\bto (?!(?:a|an|the)\b)[a-z]+"
)  # what ends a verb's object


class Drafter(StatusReading, ActorRoles, Linking):
    def __init__(self, article: Article, dictionaries: Dictionaries, codebook: Codebook):
        self.article, self.d, self.codebook = article, dictionaries, codebook
        self.text = article.text
        self.lex = Lexicon(dictionaries, article.text, article.sentences)
        roles: dict[str, Entity] = {}
        verbs = parsed_verbs(article.text)
        present = [v for v in verbs if v.present]  # verbs in the simple present ("we welcome", "the army stands")
        self.present_starts, self.present_lemmas = [v.start for v in present], [v.lemma for v in present]
        self.subjunctive_starts = {v.start for v in verbs if v.subjunctive}  # "demanded that the army withdraw"
        self.coordinated_with = {v.start: v.coordinated_with for v in verbs if v.coordinated_with is not None}
        self.imperative_starts = {v.start for v in verbs if v.imperative and v.lemma not in dictionaries.performatives}
        # "cease the invasion": asked for; but "thank you" does what it says
        starts = [v.start for v in verbs]
        self.sentences = [  # each sentence reads its own verbs only (linear in the text's length)
            read_sentence(self.lex, s, roles, verbs[bisect_left(starts, s.start) : bisect_left(starts, s.end)])
            for s in article.sentences
        ]
        self.speaker = self.issuing_side()
        self.first_named: dict[str, int] = {}
        for sentence in self.sentences:
            for mention in sentence.mentions:
                self.first_named.setdefault(mention.entity.actor_id, mention.start)
        self.events: list[DraftEvent] = []
        self.trigger_event: dict[tuple[int, int], DraftEvent] = {}
        self.in_sentence: dict[str, dict[tuple[int, int], DraftEvent]] = {s.sentence_id: {} for s in self.sentences}
        self.out_links: dict[int, list[DraftEvent]] = {}
        self.links: list[DraftLink] = []

    # --- codes and statuses ------------------------------------------------------------------------------

    def code(self, code: str) -> tuple[str, str]:
        """The code itself if the codebook has it, else the first code of its root the codebook has."""
        if code in self.codebook.cameo.index:
            return code, ""
        same_root = [c for c in self.codebook.cameo.index if c[:2] == code[:2]]
        fallback = min(same_root) if same_root else min(self.codebook.cameo.index)
        return fallback, f"draft, check: CAMEO {code} is not in the codebook; {fallback} taken"

    # --- actors ------------------------------------------------------------------------------------------

    # --- noun phrases ------------------------------------------------------------------------------------

    def noun_phrase(self, sentence: Sentence, trigger: tuple[int, int]) -> tuple[int, int]:
        text, base = sentence.text, sentence.start
        start = trigger[0] - base
        words = list(re.finditer(r"[\w'’-]+|[^\w\s]", text[:start]))
        verbs = [(t.start - base, t.end - base) for t in sentence.triggers if t.rule.kind == "verb"]
        taken = 0
        for word in reversed(words):
            token = word.group()
            if token.lower() in LEFT_STOP or not re.match(r"[\w]", token) or taken >= 4:
                break
            if any(a < word.end() and word.start() < b for a, b in verbs):
                break  # "postponed talks": the verb is not part of the noun phrase
            start, taken = word.start(), taken + 1
            if token.lower() in DEFINITE | {"a", "an"} or token.endswith(("'s", "’s")):
                break
        end = trigger[1] - base
        rest = text[end:]
        position, between = 0, False
        for count, word in enumerate(re.finditer(r"[\w'-]+|[,;:.()\"]", rest)):
            token = word.group()
            low = token.lower()
            if not re.match(r"\w", token) or count >= 12:
                break
            if low in NP_STOP and not (low == "and" and between):
                break
            between = between or low == "between"
            if count == 0 and low not in {"on", "of", "in", "with", "between", "for", "from", "over", "about", "at"}:
                break
            position = word.end()
        end += position
        return base + start, base + end

    def definite(self, sentence: Sentence, trigger) -> tuple[bool, bool]:
        """(definite, new): the determiner before the event noun, and whether a modifier makes it a new one."""
        before = self.text[max(sentence.start, trigger[0] - 40) : trigger[0]]
        words = re.findall(r"[\w'-]+", before)[-3:]
        new = any(w.lower() in NEW_MODIFIERS for w in words)
        for word in reversed(words):
            if word.lower() in DEFINITE or word.endswith("'s"):
                return True, new
            if word.lower() in {"a", "an"} or word.lower() in LEFT_STOP:
                return False, new
        return False, new

    # --- events ------------------------------------------------------------------------------------------

    def add_event(self, event: DraftEvent) -> DraftEvent:
        self.events.append(event)
        self.map_trigger(event.trigger, event, event.sentence)
        return event

    def map_trigger(self, span: tuple[int, int], event: DraftEvent, sentence: Sentence) -> None:
        """The event a trigger word stands for (itself, or the earlier event it mentions again)."""
        self.trigger_event[span] = event
        self.in_sentence[sentence.sentence_id][span] = event

    def draft_sentence(self, sentence: Sentence) -> None:
        sources = {(m.start, m.end) for _, m in sentence.reporting}
        reporting_spans = [(h.start, h.end) for h, _ in sentence.reporting]
        previous_verb: DraftEvent | None = None
        for clause in sentence.clauses:
            triggers = [t for t in sentence.triggers if clause[0] <= t.start < clause[1]]
            triggers = [  # "X said" is an attribution, not an event; "X expressed hope" is both
                t
                for t in triggers
                if t.rule.kind == "noun"
                or t.rule.value != "010"
                or not any(a <= t.start < b for a, b in reporting_spans)
            ]
            verbs = [t for t in triggers if t.rule.kind == "verb"]
            actors = self.clause_actors(sentence, clause, sources)
            passive = verbs and PASSIVE.search(self.text[clause[0] : verbs[0].start])
            if passive and not any(m.end <= verbs[0].start for m in actors) and not self.agents(verbs[0], actors):
                # "the summit was postponed": no agent, no act (the cue sets the noun's status); but "a hospital
                # was targeted", "prisoners were released", "it was agreed to": force, a yielding or an agreement
                # happened whoever did it (the actor is left for a person to name)
                verbs = [v for v in verbs if v.rule.value[:2] in AGENTLESS_ACTS]
            clause_verbs: list[DraftEvent] = []
            asked_for: list[DraftEvent] = []
            first_new = len(self.events)
            for trigger in verbs:
                before = self.text[clause[0] : trigger.start]
                infinitive = clause_verbs and re.search(
                    r"\bto\s+(?:\w+ly\s+)?$", self.text[clause_verbs[-1].trigger[1] : trigger.start]
                )  # "to withdraw", "to immediately halt"
                asked = (
                    infinitive
                    and (
                        clause_verbs[-1] in asked_for
                        or self.rule_of(sentence, clause_verbs[-1]).extra == "separate"
                        and any(clause_verbs[-1].trigger[1] <= m.start < trigger.start for m in actors)
                    )
                )  # another actor's act ("call on the army to withdraw"), not the purpose of one's own ("work to organize")
                if re.search(r"\b(?:the|a|an|these|those|this|its|their)\s+$", before, re.IGNORECASE) or (
                    infinitive and not asked
                ):
                    continue  # "the discussed issues" (an adjective), "met ... to discuss" (the meeting's purpose)
                verb_event = self.verb_event(sentence, clause, trigger, actors, clause_verbs, previous_verb)
                if verb_event is None:
                    continue
                if asked:  # "call on the army | to withdraw", "condemn the decision | to leave": an act of its own
                    to = clause_verbs[-1].trigger[1] + infinitive.start()
                    verb_event.spans[0] = (to, verb_event.spans[0][1])
                    appeal = clause_verbs[-1] in asked_for or self.is_appeal(clause_verbs[-1])
                    if appeal and verb_event.status_reason.startswith("draft: no status cue"):
                        verb_event.status, verb_event.status_reason = "hypothetical", "draft: what is asked for"
                    asked_for.append(verb_event)
                clause_verbs.append(verb_event)
                previous_verb = verb_event
            self.end_at_next_verb([e for e in self.events[first_new:] if e.kind == "verb"], asked_for)
            for trigger in (t for t in triggers if t.rule.kind == "judgment"):
                self.judgment_event(sentence, clause, trigger, actors)
            for trigger in (t for t in triggers if t.rule.kind == "obligation"):
                self.obligation_event(sentence, clause, trigger, actors, clause_verbs)
            for trigger in (t for t in triggers if t.rule.kind == "noun"):
                before = [e for e in clause_verbs if e.trigger[1] <= trigger.start]
                self.noun_event(sentence, clause, trigger, before[-1] if before else None, actors)
            self.attach_time(sentence, clause)
        for cue in (c for c in sentence.cues if c.rule.kind == "previous"):
            planned = [
                e
                for e in self.in_sentence[sentence.sentence_id].values()
                if e.sentence is sentence and e.kind == "noun" and e.trigger[1] <= cue.start
            ]
            if planned:
                target = planned[-1]
                target.status, target.status_reason = (
                    cue.rule.value,
                    f"draft: {self.text[cue.start : cue.end]!r} ends the plan",
                )
                act = next(
                    (
                        e
                        for e in self.in_sentence[sentence.sentence_id].values()
                        if e.sentence is sentence and e.trigger[0] <= cue.start < e.clause[1] and e.kind == "verb"
                    ),
                    None,
                )
                if act and act is not target:
                    self.add_link(act, target, "put_off", sentence, (cue.start, cue.end), "the act that ended the plan")

    @staticmethod
    def rule_of(sentence: Sentence, event: DraftEvent) -> Rule:
        """The dictionary row of the word an event of this sentence was drafted from."""
        return next(t.rule for t in sentence.triggers if (t.start, t.end) == event.trigger)

    def is_appeal(self, event: DraftEvent) -> bool:
        """An appeal or a demand by its dictionary row (before any codebook fallback): what it asks for is an act
        of its own."""
        return self.rule_of(event.sentence, event).value[:2] in APPEALS

    def end_at_next_verb(self, verb_events: list[DraftEvent], asked_for: list[DraftEvent]) -> None:
        """A verb's words run to the next verb of its clause ("agreed to share information | and asked for ..."),
        so that each event's evidence is its own part of the clause; an appeal's words run over the acts it asks
        for ("urges the government to reverse its decision and to resume ..."), as a coder quotes it."""
        for event in verb_events:
            later = [
                e.spans[0][0]
                for e in verb_events
                if e.trigger[0] > event.trigger[0] and (event in asked_for or e not in asked_for)
            ]
            if later:
                words = re.sub(r"[\s,;]*(?:\band\s*)?$", "", self.text[event.spans[0][0] : min(later)])
                event.spans[0] = (event.spans[0][0], max(event.trigger[1], event.spans[0][0] + len(words)))

    def end_at_inner_events(self) -> None:
        """An event's words stop where the words of another drafted event inside them begin ("the union welcomed | the
        ceasefire", "the talks | on a ceasefire"), so that each act is quoted by its own words and pairs with the
        coder's quote of that act; an appeal keeps the acts it asks for ("called on the army to withdraw"), as coders
        quote it, and a quote keeps the time expression it holds."""
        by_sentence: dict[int, list[DraftEvent]] = {}  # each sentence's events only (linear in the text's length)
        for event in self.events:
            by_sentence.setdefault(id(event.sentence), []).append(event)
        for event in self.events:
            if self.is_appeal(event):
                continue
            start, end = event.spans[event.primary]
            inner = [
                other.spans[other.primary][0]
                for other in by_sentence[id(event.sentence)]
                if other is not event and event.trigger[1] <= other.spans[other.primary][0] < end
            ]
            if inner:
                words = re.sub(r"[\s,;]*(?:\b(?:and|to|the|a|an|for|on|of)\s*)*$", "", self.text[start : min(inner)])
                cut = max(event.trigger[1], start + len(words))
                if not (event.time and event.time[1] > cut):
                    event.spans[event.primary] = (start, cut)

    def verb_event(
        self, sentence: Sentence, clause, trigger: Hit, actors, clause_verbs, previous_verb
    ) -> DraftEvent | None:
        """The event (or events, one per actor group) of a verb; the first is returned (None for a verb the parser
        found with no actor). Its evidence starts at the clause, or for a later verb of the clause at its own
        subject (else the verb)."""
        code, note = self.code(trigger.rule.value)
        if trigger.rule.text == OTHER_LEMMA:
            verb = self.text[trigger.start : trigger.end]
            note = f"draft, check: the verb {verb!r} has no row in lemmas.csv; CAMEO {code} taken"
        groups, reason, joint = self.actor_groups(clause, trigger, actors, clause_verbs, previous_verb)
        since = clause_verbs[-1].trigger[1] if clause_verbs else clause[0]
        subject = next((m.start for m in actors if since <= m.start and m.end <= trigger.start), trigger.start)
        events = []
        if self.d.from_parser(trigger.rule) and not any(groups):
            return None  # a verb the parser found with no actor near it ("to buy time"): no act to draft
        if trigger.rule.text == OTHER_LEMMA and reason in BORROWED_SUBJECT:
            return None  # a verb no dictionary knows, with no subject of its own ("... and shows no sign"): no act
        for entities in groups:
            span = (subject if clause_verbs else clause[0], clause[1])
            event = self.add_verb_event(code, note, sentence, clause, trigger, span, self.expand(entities), reason)
            event.joint = joint
            events.append(event)
        self.map_trigger(events[0].trigger, events[0], sentence)
        return events[0]

    def judgment_event(self, sentence: Sentence, clause, trigger: Hit, actors) -> None:
        """The text's own verdict on an act ("these bombings constitute war crimes", "it is hard to overstate how
        horrific these attacks are"): an event of the issuer's side towards the actor the clause names, else the
        actor of the event before (the act judged)."""
        judge = self.speaker or self.default_source()[0]
        judged = [e for e in self.expand(actors) if e.actor_id != judge.actor_id]
        previous = [a for e in self.events[-1:] for a in e.actors[:1] if a.actor_id != judge.actor_id]
        code, note = self.code(trigger.rule.value)
        event = self.add_verb_event(
            code,
            note,
            sentence,
            clause,
            trigger,
            (trigger.start, trigger.end),  # the verdict's own words ("unprovoked and unjustified aggression")
            [judge] + (judged or previous)[:1],
            "draft, check: a verdict in the issuer's voice, on the actor named (else of the act before)",
        )
        if event.status != "negated":  # a verdict is given, even a hedged one ("may constitute a violation")
            event.status, event.status_reason = "occurred", "draft: a verdict the text gives, occurred"

    def obligation_event(self, sentence: Sentence, clause, trigger: Hit, actors, clause_verbs) -> None:
        """What the text says an actor must do ("the army must withdraw"): the speaker's demand of that actor (the
        source the sentence reports, else the issuer's side), quoted from the actor to the clause's end, done in the
        saying; the act demanded is an event of its own, quoted from its verb, asked for. An obligation of the
        speaker's own side ("we must act") is no demand."""
        act = next((e for e in clause_verbs if e.trigger[0] >= trigger.end), None)
        if act is None or len(self.text[trigger.end : act.trigger[0]].split()) > 4:
            return
        named = [m for m in actors if clause[0] <= m.start and m.end <= trigger.start]
        obliged = self.expand(named[-1:])[:1] or act.actors[:1]
        reported = [m.entity for h, m in sentence.reporting if h.start < trigger.start]
        speaker = (reported or [self.speaker or self.default_source()[0]])[-1]
        if not obliged or obliged[0].actor_id == speaker.actor_id or (
            self.speaker and obliged[0].actor_id == self.speaker.actor_id
        ):
            return
        code, note = self.code(trigger.rule.value)
        demand = self.add_verb_event(
            code,
            note,
            sentence,
            clause,
            trigger,
            (named[-1].start if named else clause[0], clause[1]),
            [speaker, obliged[0]],
            "draft, check: an obligation laid on the actor named before it is the speaker's demand",
        )
        words = self.text[trigger.start : trigger.end]
        demand.status = "occurred"
        demand.status_reason = f"draft: {words!r} lays a demand on an actor, made in the saying"
        act.spans[0] = (act.trigger[0], act.spans[0][1])

    def add_verb_event(
        self, code: str, note: str, sentence: Sentence, clause, trigger: Hit, span, actors: list[Entity], reason: str
    ) -> DraftEvent:
        """A clause's act drafted from a verb or a verdict, quoted by `span`, its status from the cues."""
        event = self.add_event(
            DraftEvent(
                code,
                "verb",
                (trigger.start, trigger.end),
                sentence,
                clause,
                [span],
                actors=actors,
                actors_reason=reason,
                head=self.text[trigger.start : trigger.end].lower(),
            )
        )
        event.status, event.status_reason = self.status(sentence, clause, event.trigger, "verb")
        at = bisect_left(self.present_starts, trigger.start)
        in_trigger = at < len(self.present_starts) and self.present_starts[at] < trigger.end
        lemma = self.present_lemmas[at] if in_trigger else None
        word = re.match(r"[\w-]*", self.text[self.present_starts[at] :]).group().lower() if in_trigger else ""
        forms = {lemma, word[:-1], word[:-2]}  # the parser's lemma, else the word without "-s", "-es" ("hopes": "hop")
        if lemma and not forms & self.d.performatives and event.status_reason == "draft: no status cue, occurred":
            event.status, event.status_reason = (
                "ongoing",
                f"draft: {lemma!r} in the simple present does not do what it says: a state or a habit at the report",
            )
        if trigger.start in self.subjunctive_starts and event.status_reason == "draft: no status cue, occurred":
            event.status, event.status_reason = "hypothetical", "draft: a verb in the subjunctive is asked for, not done"
        if trigger.start in self.imperative_starts and event.status_reason == "draft: no status cue, occurred":
            event.status, event.status_reason = "hypothetical", "draft: a verb in the imperative is asked for, not done"
        event.notes += [note] if note else []
        return event

    def noun_event(self, sentence: Sentence, clause, trigger: Hit, verb_event: DraftEvent | None, actors) -> None:
        span = (trigger.start, trigger.end)
        head = self.text[trigger.start : trigger.end].lower()
        code, note = self.code(trigger.rule.value)
        definite, new = self.definite(sentence, span)
        default = self.default_status(sentence, span)
        under_way = default == "ongoing"  # a war is one war however it is named again ("the ongoing war of aggression")
        # a second mention refers to one of the last events (a window keeps the draft linear in the text's length):
        # the same word, or a word of the same code that a war or a peace does not part from ("the deal" after "an
        # agreement", not "the war" after "strikes", nor "the agreement" after "a lasting peace")
        earlier = [
            e
            for e in self.events[-COREFERENCE_WINDOW:]
            if e.head == head or e.code == code and self.default_status(e.sentence, e.trigger) == default
        ]
        same_head = [e for e in earlier if e.head == head]
        antecedent = (same_head or ([] if new else earlier))[-1:] if definite else same_head[-1:] if under_way else []
        np = self.noun_phrase(sentence, span)
        status, reason = self.status(sentence, clause, span, "noun")
        if antecedent:
            event = antecedent[0]
            event.spans.append(np)
            self.map_trigger(span, event, sentence)
            if status in ("postponed", "cancelled") and event.status in ("planned", "occurred", "hypothetical"):
                event.status, event.status_reason = status, reason + f" (a later mention in {sentence.sentence_id})"
            return
        if any(a <= trigger.start < b for a, b in sentence.absorbers):
            return
        if verb_event and verb_event.trigger[1] <= trigger.start:
            between = self.text[verb_event.trigger[1] : trigger.start]
            verb_rule = self.rule_of(sentence, verb_event)
            if verb_rule.extra == "part" and not FINITE.search(between) and not code.startswith(("19", "06")):
                self.map_trigger(span, verb_event, sentence)
                return
        inside = [m for m in actors if np[0] <= m.start < np[1] and m.role == "actor"]
        previous = self.events[-1] if self.events else None
        if inside:
            first = inside[0]
            if word_before(self.text, first.start).lower() == "with" and verb_event and verb_event.actors:
                entities, why = (
                    verb_event.actors[:1] + [m.entity for m in inside],
                    "draft: actor1 the subject, actor2 'with'",
                )
            else:
                entities, why = [m.entity for m in self.agent_first(inside)], "draft: actors named in the noun phrase"
        elif verb_event and len(verb_event.actors) > 1 and verb_event.trigger[1] <= trigger.start:
            entities, why = verb_event.actors[1:], "draft, check: actor1 the object of the clause's verb"
        elif verb_event and verb_event.actors:
            entities, why = verb_event.actors, "draft, check: actors of the clause's verb"
        elif actors:
            entities, why = self.expand(actors), "draft, check: actors of the clause"
        elif previous and previous.actors:
            entities, why = previous.actors, "draft, check: actors of the event before"
        else:
            entities, why = [], ""
        event = self.add_event(
            DraftEvent(
                code,
                "noun",
                span,
                sentence,
                clause,
                [np],
                status=status,
                status_reason=reason,
                actors=self.expand(entities),
                actors_reason=why,
                head=head,
            )
        )
        if note:
            event.notes.append(note)
        if verb_event and verb_event.code.startswith("12") and status in ("postponed", "cancelled"):
            self.add_link(verb_event, event, "put_off", sentence, verb_event.trigger, "the act of putting it off")

    # --- links -------------------------------------------------------------------------------------------

    # --- attribution -------------------------------------------------------------------------------------

    # --- the whole draft ---------------------------------------------------------------------------------

    def run(self) -> None:
        for sentence in self.sentences:
            self.draft_sentence(sentence)
        self.share_coordinated_status()
        self.settle_by_time()
        self.connect()
        self.attribute()
        for event in self.events:
            if not event.actors:
                event.actors = [event.attribution[0]]
                event.actors_reason = "draft, check: no actor found; the source taken"
            place = next(
                (
                    m
                    for m in event.sentence.mentions
                    if m.role == "place"
                    and event.spans[0][0] <= m.start < event.spans[0][1]
                    and word_before(self.text, m.start).lower() in ("in", "at")
                ),
                None,
            )
            if place:
                event.location = place.entity.place_id
        self.supply_targets()
        self.end_at_inner_events()
        self.events.sort(key=lambda e: e.spans[e.primary][0])
        for number, event in enumerate(self.events, start=1):
            event.event_id = f"E{number:02d}"


# --- registries and story --------------------------------------------------------------------------------


def _side(entity: Entity, mediators: set[str]) -> str:
    if entity.kind in ("news outlet", "anonymous sources", "group of partners") or entity.country == "unknown":
        return NO_SIDE
    return f"{entity.country} (mediator)" if entity.country in mediators else f"{entity.country} side"


def registries(drafter: Drafter) -> tuple[dict, dict, list[Mention]]:
    """Actor and place rows (with the surfaces each is mentioned by) and every mention kept."""
    mentions = [m for s in drafter.sentences for m in s.mentions if m.role in ("actor", "place")]
    actors: dict[str, dict] = {}
    places: dict[str, dict] = {}
    owner: dict[str, str] = {}

    def add_actor(entity: Entity, surface: str | None, note: str):
        row = actors.setdefault(entity.actor_id, {"entity": entity, "aliases": [], "note": note})
        if surface and owner.get(("a", surface), entity.actor_id) == entity.actor_id and surface not in row["aliases"]:
            row["aliases"].append(surface)
            owner["a", surface] = entity.actor_id

    for m in mentions:
        if m.role == "actor":
            flag = (
                "draft, check: a name the dictionaries lack"
                if m.entity.form == "unknown"
                else "draft: from the dictionaries"
            )
            add_actor(m.entity, m.surface, flag)
        if m.role == "place" or m.flagged:
            e = m.entity
            row = places.setdefault(
                e.place_id,
                {
                    "name": e.place_name,
                    "country": e.place_country or "unknown",
                    "aliases": [],
                    "note": "draft: a venue",
                },
            )
            if m.surface not in row["aliases"] and owner.get(("p", m.surface), e.place_id) == e.place_id:
                row["aliases"].append(m.surface)
                owner["p", m.surface] = e.place_id
    for event in drafter.events:
        for entity in (*event.actors, event.attribution[0]):
            add_actor(entity, None, "draft: named by an event or an attribution")
    return actors, places, mentions


def draft_article(folder: Path, dictionaries: Dictionaries | None = None, vocabularies: Path = VOCABULARY_DIR) -> Draft:
    article = load_article(folder)
    codebook = load_codebook(vocabularies)
    drafter = Drafter(article, dictionaries or load_dictionaries(vocabularies=vocabularies), codebook)
    drafter.run()
    if not drafter.events:
        raise AnnotationError(article.path, "text", "the drafter found no act in it: there is nothing to draft")
    problems = _repair(drafter, codebook)
    actors, places, mentions = registries(drafter)
    mediators = {e.actors[0].country for e in drafter.events if e.code[:3] in ("045", "039") and e.actors}
    states = {row["entity"].country: aid for aid, row in actors.items() if row["entity"].kind == "state"}
    for aid, row in list(actors.items()):
        entity = row["entity"]
        side = _side(entity, mediators)
        if side != NO_SIDE and entity.country not in states:
            state = drafter.lex.countries.get(entity.country) or drafter.lex.unknown.get(entity.country)
            if state is None:
                state = Entity(
                    re.sub(r"[^A-Z]", "", entity.country.upper())[:3] or "STA",
                    entity.country,
                    "state",
                    entity.country,
                    re.sub(r"[^A-Z]", "", entity.country.upper())[:3] or "STA",
                    "country",
                )
            actors.setdefault(state.actor_id, {"entity": state, "aliases": [], "note": "draft: the state of an organ"})
            states[entity.country] = state.actor_id
    table, parties = {}, {}
    for aid, row in actors.items():
        entity = row["entity"]
        side = _side(entity, mediators)
        aliases = row["aliases"] or [entity.name]
        table[aid] = {
            "actor_id": aid,
            "name": entity.name,
            "kind": entity.kind,
            "country": entity.country,
            "cameo_code": entity.cameo_code,
            "side": side,
            "aliases": ";".join(aliases),
            "note": row["note"],
        }
        if side != NO_SIDE and entity.country in states:
            parties.setdefault(
                side,
                {
                    "side": side,
                    "representative": states[entity.country],
                    "role": "mediator" if side.endswith("(mediator)") else "side",
                },
            )
    if not parties:
        first = next(iter(table.values()))
        first["side"] = f"{first['name']} side"
        parties[first["side"]] = {"side": first["side"], "representative": first["actor_id"], "role": "side"}
    if not places:  # the loader wants one place at least
        places["NOPLACE"] = {
            "name": "no place named",
            "country": "unknown",
            "aliases": ["(no place named)"],
            "note": "draft: the text names no place; a placeholder the loader needs",
        }
    roles = _mention_roles(drafter, table, places, mentions)
    order = sorted(parties.values(), key=lambda p: (p["role"] == "mediator", p["side"]))
    sides = [p for p in order if p["role"] == "side"]
    ordered = sides[:1] + [p for p in order if p["role"] == "mediator"] + sides[1:]
    return Draft(article, drafter.sentences, drafter.events, drafter.links, table, places, roles, ordered, problems)


def _mention_roles(drafter: Drafter, actors: dict, places: dict, mentions: list[Mention]) -> list[dict]:
    """A row for every occurrence of a form that names both an actor and a place, counted as the loader counts."""
    actor_alias = {a: aid for aid, row in actors.items() for a in row["aliases"].split(";")}
    place_alias = {a: pid for pid, row in places.items() for a in row["aliases"]}
    forms = sorted(set(actor_alias) | set(place_alias), key=lambda f: (-len(f), f))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
    by_span = {(m.start, m.end): m for m in mentions}
    rows = []
    for sentence in drafter.sentences:
        seen: dict[str, int] = {}
        for match in pattern.finditer(sentence.text):
            surface = match.group()
            seen[surface] = seen.get(surface, 0) + 1
            if surface in actor_alias and surface in place_alias:
                span = (sentence.start + match.start(), sentence.start + match.end())
                mention = by_span.get(span)
                if mention is None or mention.role not in ("actor", "place"):
                    entity = drafter.lex.entity(surface) or Entity("", "", "", "", "", "", place_alias[surface])
                    mention = Mention(*span, surface, entity)
                    decide_role(drafter.lex, sentence, mention)
                rows.append(
                    {
                        "sentence_id": sentence.sentence_id,
                        "surface": surface,
                        "occurrence": seen[surface],
                        "role": mention.role,
                        "reason": mention.reason,
                    }
                )
    return rows


def _repair(drafter: Drafter, codebook: Codebook) -> list[str]:
    """Drop what the loader would refuse: a time the status's tense contradicts, an ordering ("After that")
    without a dated predecessor, a link that puts an event before what it follows or dates it against its
    status. Each is noted."""
    problems = []
    reference = drafter.article.reference_date
    for event in drafter.events:
        if event.time:
            words = drafter.text[event.time[0] : event.time[1]]
            if not is_ordering(words):
                try:
                    resolve(words, reference, tense=codebook.tense(event.status))
                except TimeExpressionError as error:
                    event.notes.append(f"draft, check: time {words!r} dropped ({error})")
                    problems.append(f"{event.event_id}: {error}")
                    event.time = None
    for _ in range(len(drafter.events) + len(drafter.links) + 1):
        events = [
            SimpleNamespace(
                event_id=e.event_id, status=e.status, time_text=drafter.text[e.time[0] : e.time[1]] if e.time else ""
            )
            for e in drafter.events
        ]
        links = [
            SimpleNamespace(source=k.source.event_id, target=k.target.event_id, relation=k.relation)
            for k in drafter.links
        ]
        try:
            date_events(SimpleNamespace(events=events, links=links, path=Path(EVENTS_FILE)), codebook, reference)
            break
        except AnnotationError as error:
            problems.append(str(error.record) + ": " + error.problem)
            match = re.match(r"link (E\d+) -> (E\d+)", error.record)
            if match:
                drafter.links = [k for k in drafter.links if (k.source.event_id, k.target.event_id) != match.groups()]
                continue
            match = re.match(r"event (E\d+)", error.record)
            event = next((e for e in drafter.events if match and e.event_id == match.group(1)), None)
            dating = [k for k in drafter.links if event is not None and event in (k.source, k.target)]
            if event is None or (event.time is None and not dating):
                raise
            if event.time is None:  # dated by a link ("after that"): the link goes
                drafter.links = [k for k in drafter.links if k not in dating]
                event.notes.append(f"draft, check: links of this event dropped ({error.problem})")
                continue
            event.notes.append(f"draft, check: time dropped ({error.problem})")
            event.time = None
    return problems
