"""Who acts on whom in the draft: the actors of a clause (subjects, objects, agents of a passive, the members of a
joint subject, the issuer's "we"), the source each event is attributed to, and the target taken from the context
where the text names none."""

from __future__ import annotations

import re
from collections import Counter

from analysis.drafting.clauses import Entity, Hit, Mention, Sentence
from analysis.drafting.model import COREFERENCE_WINDOW

SPEAKER_SUBJECT = re.compile(
    r"(?<![\w-])(?:[Ww]e|I)(?: [a-z]+){0,4}\s*$"
)  # "we also commend", "I condemn", "we in particular call on", "I would like to thank"
PASSIVE = re.compile(r"\b(?:was|were|been|be|is|are)\s+$")  # before a verb: "was convened", "is supported"
BORROWED_SUBJECT = (  # the actors of a verb with no subject of its own
    "draft: the actors of the verb before (the same subject)",
    "draft: actor1 the subject of the clause before",
)
LISTED = re.compile(  # what joins the members of a list of actors: "X, Y and Z", "X and his Y", "X and Prime Minister Y"
    r"\s*(?:,|,?\s+and)\s+(?:the\s+|his\s+|her\s+|its\s+|their\s+)?(?:[A-Z][\w.]*\s+){0,3}"
)


def word_before(text: str, index: int) -> str:
    """The word that ends just before index (punctuation between is skipped)."""
    match = re.search(r"([\w'-]+)\W*$", text[max(0, index - 80) : index])
    return match.group(1) if match else ""


class ActorRoles:
    """The actor half of the Drafter (analysis.drafting.drafter), which holds the text, the lexicon, the speaker and the
    events these methods read."""

    def clause_actors(self, sentence: Sentence, clause, exclude) -> list[Mention]:
        return [
            m
            for m in sentence.mentions
            if m.role in ("actor", "anaphor") and clause[0] <= m.start < clause[1] and (m.start, m.end) not in exclude
        ]

    def pair_before(self, mention: Mention) -> list[Entity]:
        """The pair an anaphor stands for: the actors of the last event with two ("both sides"), of two persons
        for "leaders" and "presidents" ("the two leaders" after "X spoke with Y" and "this war"), in the order the
        text first names them."""
        people = re.search(r"leaders|presidents", mention.surface, re.IGNORECASE)
        for persons_only in ([True, False] if people else [False]):  # else any pair: a name the dictionaries lack
            for event in reversed(self.events[-COREFERENCE_WINDOW:]):
                pair = [a for a in (event.joint or event.actors) if not persons_only or a.form == "person"][:2]
                if len(pair) == 2:
                    return sorted(pair, key=lambda a: self.first_named.get(a.actor_id, len(self.text)))
        return []

    def expand(self, entities: list) -> list[Entity]:
        out: list[Entity] = []
        for item in entities:
            if isinstance(item, Mention) and item.role == "anaphor":
                out += self.pair_before(item)
            else:
                out.append(item.entity if isinstance(item, Mention) else item)
        unique = []
        for entity in out:
            if entity.actor_id not in [u.actor_id for u in unique]:
                unique.append(entity)
        return unique

    def agent_first(self, inside: list[Mention]) -> list[Mention]:
        """The actors of a noun phrase, the one after "by" first ("an attack on the town by the army": the army
        attacks); the others keep their order ("the army's attack on the town")."""
        return sorted(inside, key=lambda m: word_before(self.text, m.start).lower() != "by")

    def agents(self, trigger: Hit, actors: list[Mention]) -> list[Mention]:
        """The actors a passive verb names after "by" ("was convened by X and Y", "supported by A, B and C")."""
        by = re.match(r"\s+by\s+", self.text[trigger.end :])
        if not by or not PASSIVE.search(self.text[max(0, trigger.start - 12) : trigger.start]):
            return []
        found, position = [], trigger.end + by.end()
        for mention in (m for m in actors if m.start >= position):
            if not re.fullmatch(r"(?:\s|,|and|as well as|the|[A-Z][a-z]+)*", self.text[position : mention.start]):
                break
            found.append(mention)
            position = mention.end
        return found

    def actor_groups(self, clause, trigger: Hit, actors, clause_verbs, previous_verb):
        """The actors of a verb's events, with the reason, and the joint subject split among them (else []):
        actor1 the subject before the verb (in the clause, after the verb before), else the subject of the verb
        before ("agreed to develop measures"), else of the clause before; actor2 the first actor after it. A joint
        subject acting on a third party ("X and Y welcome the good offices of Z") is one event per member, as
        CAMEO splits compound actors, unless the verb acts together (verbs.csv `joint`); partners named each with
        "with" ("work with X, with Y and with Z") are one event each."""
        since = clause_verbs[-1].trigger[1] if clause_verbs else clause[0]
        before = [m for m in actors if since <= m.start and m.end <= trigger.start]
        agents = self.agents(trigger, actors)
        if agents:  # "the meeting was convened by X and Y": each agent acts (on the subject, if an actor)
            objects = self.expand(before)
            return [[agent, *objects] for agent in self.expand(agents)], "draft: one event per agent of a passive", []
        subjects = self.expand(before)
        after = [m for m in actors if m.start >= trigger.start]
        objects = self.expand(after)
        between = {m.entity.actor_id for m in after if "between" in self.text[trigger.end : m.start]}
        third = [o for o in objects if o not in subjects and o.actor_id not in between]
        next_to_verb = before and re.fullmatch(r"\s*(?:[a-z]+\s+){0,3}", self.text[before[-1].end : trigger.start])
        coordinated = len(before) >= 2 and LISTED.fullmatch(self.text[before[-2].end : before[-1].start])
        joint = next_to_verb and len(subjects) >= 2 and (coordinated or before[-1].role == "anaphor")
        if joint and third and trigger.rule.joint == "each":
            reason = "draft: one event per member of a joint subject acting on a third party"
            return [[subject, third[0]] for subject in subjects], reason, subjects
        speaking = self.speaker and SPEAKER_SUBJECT.search(self.text[since : trigger.start])
        if subjects:
            first, reason = subjects + objects, "draft: actor1 the subject, actor2 the first actor after the verb"
        elif speaking:
            first, reason = (
                [self.speaker] + objects,
                f"draft, check: {speaking.group().strip()!r} taken for the issuer's side",
            )
        elif clause_verbs:
            first = clause_verbs[-1].actors[:1] + (objects or clause_verbs[-1].actors[1:])
            reason = BORROWED_SUBJECT[0]
        elif previous_verb:
            first, reason = previous_verb.actors[:1] + objects, BORROWED_SUBJECT[1]
        else:
            first, reason = objects, "draft: no subject; actor1 the first actor after the verb"
        partners = [m for m in after if word_before(self.text, m.start).lower() == "with"]
        for m in after:  # "spoke with X and Y", "met with X, Y and Z": each one a partner too
            if partners and m.start > partners[-1].start and LISTED.fullmatch(self.text[partners[-1].end : m.start]):
                partners.append(m)
        if first and len(partners) >= 2:
            groups = [first[:1] + [e for e in self.expand([m]) if e != first[0]] for m in partners]
            return groups, "draft: one event per partner named with 'with'", []
        return [first], reason, []

    def issuing_side(self) -> Entity | None:
        """Who "we" and "I" speak for in a text issued by a government or an institution: the state or body the
        issuer's name first names ("UK Delegation to the OSCE" -> the United Kingdom), else None."""
        issuer = self.article.meta.get("original_report", {}).get("issuer", "")
        named = [(m.start(), self.lex.entity(m.group())) for m in self.lex.fixed.finditer(issuer)]
        named += [
            (m.start(), e)
            for w, e in self.lex.all_demonyms.items()
            if w in issuer  # a regular expression only for a word the name holds (compiling one each is slow)
            for m in re.finditer(rf"(?<![\w-]){re.escape(w)}(?![\w-])", issuer)
        ]
        named = sorted(((start, e) for start, e in named if e is not None and e.actor_id), key=lambda pair: pair[0])
        if not named:
            return None
        entity = named[0][1]
        return self.lex.countries.get(entity.country, entity) if entity.form != "country" else entity

    def default_source(self) -> tuple[Entity, Sentence, int, int]:
        for sentence in self.sentences:
            for hit, mention in sentence.reporting:
                return (mention.entity, sentence, min(hit.start, mention.start), max(hit.end, mention.end))
        report = self.article.meta.get("original_report", {})
        name = report.get("issuer") or report.get("outlet") or "the outlet"
        entity = self.lex.entity(name) or self.lex.entity(re.sub(r"\s*\(.*\)$", "", name))
        if entity is None or not entity.actor_id or entity.form in ("country", "group"):
            # an office issues a statement, not the state or union it speaks for (their "we"; issuing_side)
            entity = Entity("OUTLET", name, "news outlet", "unknown", "---MED", "outlet")
        first = self.sentences[0]
        return entity, first, first.start, first.end

    def attribute(self) -> None:
        fallback = self.default_source()
        for event in self.events:
            sentence = event.sentence
            hits = sorted(sentence.reporting, key=lambda hm: hm[0].start)
            before = [hm for hm in hits if hm[0].start <= event.trigger[0]]
            chosen = before[-1] if before else (hits[0] if hits else None)
            if chosen:
                hit, mention = chosen
                event.attribution = (mention.entity, sentence, min(hit.start, mention.start), max(hit.end, mention.end))
            else:
                event.attribution = fallback

    def supply_targets(self) -> None:
        """An act with no actor after it ("the army attacked", "the leaders met") gets as actor2 the actor its actor1
        acts on most often in the rest of the draft, else the actor the draft names most often besides actor1:
        coders name the target from the context, and a person checks it."""
        first_named: dict[str, Entity] = {}  # each actor of the draft, in the order the draft first names it
        for event in self.events:
            for actor in event.actors[:2]:
                first_named.setdefault(actor.actor_id, actor)
        rank = {actor_id: position for position, actor_id in enumerate(first_named)}
        named = Counter(a.actor_id for e in self.events for a in e.actors[:2])
        acted_on = Counter((e.actors[0].actor_id, e.actors[1].actor_id) for e in self.events if len(e.actors) > 1)
        co_actors: dict[tuple[int, int], set[str]] = {}  # the members of a subject split one event per member
        for event in self.events:
            co_actors.setdefault(event.trigger, set()).add(event.actors[0].actor_id)
        for event in self.events:
            if len(event.actors) != 1:
                continue
            first = event.actors[0].actor_id
            own = co_actors[event.trigger] | {a.actor_id for a in event.joint} | {first}
            targets = {b: n for (a, b), n in acted_on.items() if a == first and b not in own}
            why = f"the actor {first} acts on most often"
            if not targets:
                targets = {b: n for b, n in named.items() if b not in own}
                why = "the actor the draft names most often"
            if targets:
                target = min(targets, key=lambda b: (-targets[b], rank[b]))
                event.actors.append(first_named[target])
                event.notes.append(f"draft, check: actor2 from the context ({why})")
