"""How an event is told: as fact, denied, planned, or only possible; and who says so.

Read from the dependency parse around the trigger word: its own auxiliaries and
negation, and the chain of verbs that govern it ("refused to attend", "plans to
visit", "are not ruled out", "is unlikely to meet"). Works on spaCy tokens through
their attributes only.
"""
from __future__ import annotations

from .words import word_set

__all__ = ["modality_of", "speaker_token", "is_intent", "SPEECH_VERBS", "FRAMING_VERBS", "NEGATING_VERBS",
           "FUTURE_VERBS", "INTENT_WORDS"]

# The English words this reads by: data/word_sets.tsv says what each set is for (edit the words there).
NEGATORS = word_set("negators")
FUTURE_AUX = word_set("future_aux")
ALLEGING_VERBS = word_set("alleging_verbs")
NEGATIVE_SUBJECTS = word_set("negative_subjects")
HYPOTHETICAL_AUX = word_set("hypothetical_aux")
NEGATING_VERBS = word_set("negating_verbs")
DENYING_VERBS = word_set("denying_verbs")
CLAIM_NOUNS = word_set("claim_nouns")
FUTURE_VERBS = word_set("future_verbs")
INTENT_WORDS = word_set("intent_words")
HYPOTHETICAL_WORDS = word_set("hypothetical_words")
REPORTED_WORDS = word_set("reported_words")
RULE_OUT = word_set("rule_out")
FRAMING_VERBS = word_set("framing_verbs")
SPEECH_VERBS = word_set("speech_verbs")
INVERTED_CONDITIONAL_AUX = word_set("inverted_conditional_aux")
SUBJECT_NEGATORS = word_set("subject_negators")
NEGATION_NARROWERS = word_set("negation_narrowers")
CONTRAST_CONJUNCTIONS = word_set("contrast_conjunctions")
# dependency labels of the parser (its vocabulary, not English words) by which a clause governs another
CLAUSE_DEPS = {"acomp", "xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp", "dobj", "nsubj", "nsubjpass",
               "pobj", "prep", "attr", "oprd", "csubj", "csubjpass", "parataxis"}


def _negated_here(token) -> bool:
    return any(child.dep_ == "neg" or (child.lower_ in NEGATORS and child.dep_ in ("det", "advmod", "neg"))
               for child in token.children)


def _aux_words(token) -> set[str]:
    return {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}


def _governors(token, limit: int = 6):
    """The verbs and nouns that govern `token` through complement links, nearest first.
    Stops at a speech verb: what someone says is told, not done, and its own modality
    belongs to the saying."""
    current = token
    for _ in range(limit):
        if current.dep_ not in CLAUSE_DEPS or current.head == current:
            return
        dep = current.dep_
        current = current.head
        yield dep, current
        if current.lemma_.lower() in SPEECH_VERBS and dep in ("ccomp", "parataxis"):
            return


# The reason an act is the content of a claim ("alleged that ..."): CAMEO codes the claim or
# the accusation, not its content; the Event keeps it, alleged, in its rule.
CLAIM_CONTENT = "alleged:"


def is_claim_content(event) -> bool:
    """Whether an Event is what a claim or an accusation in its sentence says another did."""
    return event.modality == "alleged" and f"({CLAIM_CONTENT}" in event.rule


def modality_of(token, *, in_reported_speech: bool = False) -> tuple[str, str]:
    """(modality, why) for the event whose trigger is `token`."""
    aux = _aux_words(token)
    # "would" in reported speech is the past of "will": "said he would travel"
    if aux & FUTURE_AUX or (in_reported_speech and "would" in aux):
        base = ("future", "aux:" + ",".join(sorted(aux & (FUTURE_AUX | {"would"}))))
    elif aux & HYPOTHETICAL_AUX:
        base = ("hypothetical", "aux:" + ",".join(sorted(aux & HYPOTHETICAL_AUX)))
    else:
        base = ("asserted", "")
    if _negated_here(token):
        # "may not" / "could not" stays hypothetical; "will not", "did not" is a denial
        return ("hypothetical", base[1] + "+neg") if base[0] == "hypothetical" else ("negated", "neg")
    if any(c.lower_ in ("if", "unless", "whether") and c.dep_ == "mark" for c in token.children):
        return "hypothetical", "conditional"
    if any(c.lemma_.lower() in HYPOTHETICAL_WORDS and c.dep_ in ("advmod", "amod", "acomp") for c in token.children):
        return "hypothetical", "hedge"
    reported = [c.lower_ for c in token.children if c.lower_ in REPORTED_WORDS and c.dep_ == "advmod"]
    if base[0] == "asserted" and reported:
        return "alleged", reported[0]  # "Reportedly, the police had detained several suspects"
    if token.pos_ in ("NOUN", "PROPN") and any(c.lower_ in ("no",) for c in token.children):
        return "negated", "no"
    if any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
           for c in token.children):
        return "negated", "no object"  # "has no meetings planned with Russia", "held no talks"
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "of" \
            and token.head.head.lemma_.lower() in ("absence", "lack"):
        return "negated", "absence of"  # "the absence of meetings with Volodin"
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in NEGATIVE_SUBJECTS for c in token.children):
        return "negated", "no one"  # "none of this has improved ties"
    if _conditioned_after(token):
        return "hypothetical", "conditional"  # "free to impose sanctions on Yerevan should it choose to"
    if _subject_denied(token):
        return "negated", "denied subject"  # "Neither Russia nor Turkey attacked", "not X nor Y are"

    for dep, gov in _governors(token):
        lemma = gov.lemma_.lower()
        gov_aux = _aux_words(gov)
        negated = _negated_here(gov)
        if _denied(dep, gov):
            return "negated", f"denied: {gov.lemma_.lower() if dep == 'ccomp' else gov.head.lemma_.lower()}"
        if lemma in SPEECH_VERBS and dep in ("ccomp", "parataxis"):
            if lemma in ALLEGING_VERBS and dep == "ccomp":
                return "alleged", f"{CLAIM_CONTENT} {lemma}"  # "claimed that ISIL had attacked Iraq"
            break
        if lemma in RULE_OUT and negated:
            return "hypothetical", "not ruled out"
        if lemma in NEGATING_VERBS and dep == "xcomp":  # "refused to attend", not "declined, highlighting"
            return "negated", f"governed by {lemma}"
        if lemma in HYPOTHETICAL_WORDS or any(c.lemma_.lower() in ("unlikely", "likely", "possible")
                                              for c in gov.children if c.dep_ in ("acomp", "advmod", "oprd")):
            return "hypothetical", f"governed by {lemma}"
        if token.i < gov.i and _inverted_condition(gov):
            # "Russia supplies gas ..., giving the Kremlin cards to play against Yerevan should it see
            # fit": a condition told after its clause, parsed as governing the whole sentence, is of
            # the clause just before it only
            return base  # (the clause just before it is read above)
        if gov_aux & HYPOTHETICAL_AUX and not (in_reported_speech and "would" in gov_aux):
            return "hypothetical", f"aux of {lemma}"
        if negated and dep in ("xcomp", "ccomp", "nsubjpass", "dobj", "acomp"):
            # "did not plan to visit", "no meetings are planned", "are not able to end the violence"
            return "negated", f"negated {lemma}"
        if lemma in FUTURE_VERBS and dep in ("xcomp", "nsubjpass", "dobj", "ccomp", "acomp") \
                and not _is_narrative_go(gov):
            if base[0] == "asserted":
                base = ("future", f"governed by {lemma}")
        if gov_aux & FUTURE_AUX and base[0] == "asserted" and dep in ("xcomp", "acomp", "advcl"):
            base = ("future", f"aux of {lemma}")
        if any(c.lower_ in ("if", "unless") and c.dep_ == "mark" for c in gov.children):
            return "hypothetical", "conditional"
        if dep not in ("xcomp", "conj", "acomp"):
            break
    return base


def _inverted_condition(verb) -> bool:
    """"should it see fit", "had they known": a condition opened by an auxiliary before its subject."""
    aux = [c for c in verb.children if c.dep_ == "aux" and c.lower_ in INVERTED_CONDITIONAL_AUX]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(aux and subjects) and aux[0].i < subjects[0].i and not any(c.dep_ == "mark" for c in verb.children)


def _conditioned_after(token) -> bool:
    """Whether an inverted condition told later in the sentence is of the clause `token` is in: the
    clause that ends where the condition begins (its last verb's), however the parser hung it."""
    doc = token.doc
    for i in range(token.i + 1, len(doc)):
        aux = doc[i]
        if aux.is_sent_start:
            return False
        if aux.lower_ not in INVERTED_CONDITIONAL_AUX or aux.dep_ != "aux" or not _inverted_condition(aux.head):
            continue
        verb = next((t for t in reversed(doc[token.i:i]) if t.pos_ in ("VERB", "AUX")
                     and t.dep_ not in ("aux", "auxpass")), None)
        return verb is not None and verb.left_edge.i <= token.i <= verb.right_edge.i
    return False


def _subject_denied(token) -> bool:
    """"Neither X nor Y attacked", "Not the U.S. nor the rebels are preventing", "No country has
    recognized": the subject carries the denial; "not only X but also Y", "not X but Y" do not deny."""
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return False
    for subject in subjects:
        negators = [c for c in subject.children if c.lower_ in SUBJECT_NEGATORS
                    and c.dep_ in ("neg", "det", "preconj", "advmod", "cc") and c.i < subject.i]
        if not negators:
            return False
        after_not = subject.doc[negators[0].i + 1] if negators[0].i + 1 < len(subject.doc) else None
        if after_not is not None and after_not.lower_ in NEGATION_NARROWERS:
            return False
        if any(c.dep_ == "cc" and c.lower_ in CONTRAST_CONJUNCTIONS for c in subject.children):
            return False
    return True


def _denied(dep: str, gov) -> bool:
    """"denied that X", "rejected reports that X": the content is denied (unless the denial is
    itself denied: "did not deny that")."""
    if dep == "ccomp" and gov.lemma_.lower() in DENYING_VERBS:
        return not _negated_here(gov)
    if dep in ("acl", "ccomp") and gov.lemma_.lower() in CLAIM_NOUNS and gov.dep_ == "dobj":
        return gov.head.lemma_.lower() in DENYING_VERBS and not _negated_here(gov.head)
    return False


def _is_narrative_go(verb) -> bool:
    """"went on to cancel", "goes to show": only "is going to" announces what comes."""
    if verb.lemma_.lower() != "go":
        return False
    return verb.tag_ != "VBG" or any(c.dep_ == "prt" for c in verb.children)


def is_intent(why: str) -> bool:
    """Whether a `future` reading comes from the actor's own stated intent ("will", "plans to",
    "is ready to") rather than from others' expectations ("is expected to", "is due to")."""
    if why.startswith("aux"):
        return True
    return why.split(" ")[-1] in INTENT_WORDS


def speaker_token(token):
    """The subject of the speech verb that reports this event, if any ("Lavrov said that ...",
    "..., officials said", "according to X")."""
    current = token
    for _ in range(6):
        # "X did Y, officials said": the speech verb hangs under the event as parataxis/ccomp
        for child in current.children:
            if child.dep_ in ("parataxis", "ccomp", "advcl") and child.lemma_.lower() in SPEECH_VERBS \
                    and child.i > token.i:
                subject = _subject_of(child)
                if subject is not None:
                    return subject
            if child.dep_ == "prep" and child.lower_ == "according":
                for grand in child.subtree:
                    if grand.dep_ == "pobj":
                        return grand
        if current.head == current:
            return None
        dep, current = current.dep_, current.head
        if current.lemma_.lower() in SPEECH_VERBS and dep in ("ccomp", "parataxis", "xcomp"):
            return _subject_of(current)
    return None


def _subject_of(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None
