"""Notes per second for 1,500-character interview notes on one core, in every language.

Target: at least 100 notes/s in each language (issue 20). The notes are built from a fixed mix
of sentences (signs, negations, hypotheticals, neutral text) with a seeded random order, so every
run reads the same text. Serbian is measured in Latin and in Cyrillic (Cyrillic notes are folded
to Latin with an offset map, see `stepstones.notes.fold`), and every language once more with
`language="auto"` (lingua per sentence). Memory: the peak resident size after 10,000 notes against
after 1,000 (flat means no growth per note).
"""

from __future__ import annotations

import os
import random
import resource
import time
from collections.abc import Callable

from _common import pin_to_one_core, rate, report  # type: ignore[import-not-found]  # a script

from stepstones.notes import load_lexicon, suggest
from stepstones.recruitment.script import latin_to_serbian_cyrillic

SENTENCES = [
    "She met a man in Kumanovo who offered her a job as a waitress in a bar abroad.",
    "He promised good wages and said he would arrange her travel and visa.",
    "They drove her across the border at night with three other women.",
    "On arrival the owner took her passport and said she owed him 3,000 euros for the trip.",
    "She was locked in a flat above the bar and could not leave alone.",
    "She was not beaten, but he threatened to hurt her family if she went to the police.",
    "She worked every night from 8 pm to 5 am without pay.",
    "Customers paid the owner directly for sex.",
    "She denied being forced to do anything at first.",
    "If she tried to escape, he said he would find her.",
    "She is 17 and does not speak the language.",
    "We met at the centre on Tuesday and talked for an hour.",
    "She has a cousin in Skopje and would like to study nursing.",
    "There was no sign of injuries.",
    "Was she ever paid for her work?",
]


MACEDONIAN = [
    "Ја запознала жена во Куманово која ѝ понудила работа како келнерка во бар во странство.",
    "Ѝ ветил добра плата и рекол дека ке ѝ ги среди патот и визата.",
    "Ноќе ја префрлиле преку граница со уште три жени.",
    "Кога стигнале газдата ѝ го зел пасошот и рекол дека му должи 3000 евра за патот.",
    "Ја држеле заклучена во стан над барот и не смеела сама да излегува.",
    "Не ја тепал, но се заканувал дека ке ѝ наштети на семејството ако оди во полиција.",
    "Работела секоја ноќ од 20 до 5 часот без плата.",
    "Клиентите му плаќале директно на газдата.",
    "На почетокот негираше дека била принудена на било што.",
    "Ако проба да побегне, рекол дека ке ја најде.",
    "Има 17 години и не го зборува јазикот.",
    "Се сретнавме во центарот во вторник и разговаравме еден час.",
    "Има братучетка во Скопје и би сакала да учи за медицинска сестра.",
    "Нема знаци на повреди.",
    "Дали некогаш била платена за работата?",
]
SERBIAN = [
    "Upoznala je ženu u Kumanovu koja joj je ponudila posao konobarice u baru u inostranstvu.",
    "Obećao joj je dobru platu i rekao da će joj srediti put i vizu.",
    "Noću su je prebacili preko granice sa još tri žene.",
    "Kad su stigli gazda joj je uzeo pasoš i rekao da mu duguje 3000 evra za put.",
    "Držali su je zaključanu u stanu iznad bara i nije smela sama da izlazi.",
    "Nije je tukao, ali joj je pretio da će nauditi porodici ako ode u policiju.",
    "Radila je svake noći od 20 do 5 sati bez plate.",
    "Mušterije su plaćale direktno gazdi.",
    "Na početku je negirala da je bila prisiljena na bilo šta.",
    "Ako pokuša da pobegne, rekao je da će je naći.",
    "Ima 17 godina i ne govori jezik.",
    "Sreli smo se u centru u utorak i razgovarali sat vremena.",
    "Ima rođaku u Beogradu i volela bi da uči za medicinsku sestru.",
    "Nema znakova povreda.",
    "Da li je ikad bila plaćena za rad?",
]
ALBANIAN = [
    "Njohu një grua në Kumanovë që i ofroi punë si kameriere në një bar jashtë vendit.",
    "I premtoi rrogë të mirë dhe i tha se do t'ia rregullonte udhëtimin dhe vizën.",
    "Natën e kaluan kufirin me tre gra të tjera.",
    "Kur mbërritën pronari ia mori pasaportën dhe i tha se i detyrohet 3000 euro për udhëtimin.",
    "E mbanin të mbyllur në një apartament mbi barin dhe nuk e linin të dilte vetë.",
    "Nuk e rrahu, por e kërcënoi se do t'i bënte keq familjes nëse shkonte në polici.",
    "Punonte çdo natë nga ora 20 deri në 5 pa pagesë.",
    "Klientët i paguanin drejtpërdrejt pronarit.",
    "Në fillim mohoi se ishte detyruar të bënte diçka.",
    "Nëse provon të ikë, tha se do ta gjejë.",
    "Është 17 vjeç dhe nuk flet gjuhën.",
    "U takuam në qendër të martën dhe folëm për një orë.",
    "Ka një kushërirë në Tiranë dhe do të donte të studionte për infermiere.",
    "Nuk ka shenja lëndimesh.",
    "A është paguar ndonjëherë për punën?",
]
LANGUAGES = {
    "en": ("en", SENTENCES),
    "mk": ("mk", MACEDONIAN),
    "sr (Latin)": ("sr", SERBIAN),
    "sr (Cyrillic)": ("sr", [latin_to_serbian_cyrillic(s) for s in SERBIAN]),
    "sq": ("sq", ALBANIAN),
}


def make_notes(
    count: int, length: int = 1500, seed: int = 7, sentences: list[str] = SENTENCES
) -> list[str]:
    """Return `count` notes of about `length` characters each."""
    rng = random.Random(seed)
    notes = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < length:
            parts.append(rng.choice(sentences))
        notes.append(" ".join(parts)[:length])
    return notes


def rates(work: Callable[[], int], min_seconds: float = 2.0) -> tuple[float, float]:
    """Return items per second of wall time and of this process's CPU time.

    The machine is shared: under load the wall-clock rate falls with the other jobs, the CPU
    rate much less, so both are printed.
    """
    done, wall, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < min_seconds:
        done += work()
    return done / (time.perf_counter() - wall), done / (time.process_time() - cpu)


def resident_after(language: str, notes: list[str], count: int) -> int:
    """Return the process's peak resident memory (kB) after reading `count` more notes."""
    for index in range(count):
        suggest(notes[index % len(notes)], language)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    pin_to_one_core()
    for name, (language, sentences) in LANGUAGES.items():
        load_lexicon(language)  # load once, as a running server would
        notes = make_notes(200, sentences=sentences)
        suggest(notes[0], "auto")  # the detector's models load once too
        for told in (language, "auto"):

            def work(notes: list[str] = notes, told: str = told) -> int:
                for text in notes:
                    suggest(text, told)
                return len(notes)

            label = f"notes suggest {name}, language={told!r} (1,500-char notes, one core)"
            wall, cpu = rates(work)
            report(label, wall, "notes/s", ">= 100")
            report(
                f"  the same per CPU second ({os.getloadavg()[0]:.1f} load)",
                cpu,
                "notes/s",
                ">= 100",
            )

    notes = make_notes(200, sentences=[latin_to_serbian_cyrillic(s) for s in SERBIAN])
    first = resident_after("sr", notes, 1_000)
    last = resident_after("sr", notes, 9_000)
    report(
        "peak resident memory, after 10,000 Cyrillic Serbian notes / after 1,000",
        last / first,
        "x",
        "~1.0",
    )

    # The longest notes the API and CLI accept, made of one cue repeated in one long sentence:
    # the case that once took a minute (quadratic look-backs).
    worst = "she was not forced to work, he promised her a job and " * 900
    worst = worst[:50_000]
    report(
        "worst case: 50,000-char repetitive notes",
        rate(lambda: (suggest(worst), 1)[1], min_seconds=1.0),
        "notes/s",
        "> 0.2",
    )


if __name__ == "__main__":
    main()
