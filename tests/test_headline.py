"""Headline rules over the parse: one named row per fault an editor would not print."""

from __future__ import annotations

import re

import pytest
from conftest import DANGLING, extract

from timeline.events.wording import tidy
from timeline.records import Event


def _event(nlp, text: str, phrase: str, value: str) -> Event:
    [event] = extract(nlp, text, (phrase, value))
    return event


RULES = [
    pytest.param(
        "Moammar Gadhafi has made few appearances since the April 30 NATO airstrike on a "
        "Gadhafi compound.",
        "April 30",
        "2011-04-30",
        "NATO airstrike on a Gadhafi compound",
        "reported",
        id="a-dated-airstrike-is-the-event-not-what-followed-it",
    ),
    pytest.param(
        "Egypt postponed the January election.",
        "January",
        "2011-01",
        "Egypt postpones the election",
        "reported",
        id="an-event-noun-the-verb-acts-on-stays-its-object",
    ),
    pytest.param(
        "Gadhafi had not been seen on television since April 30, the same day a NATO "
        "airstrike hit the Tripoli compound.",
        "the same day",
        "2011-04-30",
        "NATO airstrike hits the Tripoli compound",
        "reported",
        id="a-relative-clause-on-the-time-noun-is-the-event",
    ),
    pytest.param(
        "Putin was also scheduled to hold talks with Erdogan and Indian Prime Minister "
        "Narendra Modi on Friday.",
        "Friday",
        "2022-09-16",
        "Putin to hold talks with Erdogan and Indian Prime Minister Narendra Modi",
        "expected",
        id="a-title-keeps-the-name-it-introduces",
    ),
    pytest.param(
        "The singer collapsed after suffering a stroke at his home on Thursday.",
        "Thursday",
        "2022-09-22",
        "Singer suffers a stroke at his home",
        "reported",
        id="gerund-under-a-past-verb-is-reported",
    ),
    pytest.param(
        "Transport minister, Jane Holt, is due to address parliament about the rail "
        "strike at noon today.",
        "today",
        "2022-09-15",
        "Jane Holt to address parliament about the rail strike at noon",
        "expected",
        id="subject-of-is-due-to-named-by-its-apposition",
    ),
    pytest.param(
        "The farmer, whose herd fell ill in early May, had no contact with the other farms.",
        "early May",
        "2022-05",
        "Farmer's herd falls ill",
        "reported",
        id="whose-becomes-a-possessive",
    ),
    pytest.param(
        "The regional broadcaster reported on Monday that floods had cut the main road "
        "to the coast.",
        "Monday",
        "2022-09-12",
        "Regional broadcaster reports floods had cut the main road to the coast",
        "reported",
        id="report-keeps-what-was-reported",
    ),
    pytest.param(
        '"So I am announcing today that the council will close the old bridge for repairs."',
        "today",
        "2022-09-15",
        "Council to close the old bridge for repairs",
        "reported",
        id="first-person-announcement-gives-its-content",
    ),
    pytest.param(
        "In particular, the harvest could be delayed, farmers warned last week.",
        "last week",
        "2022-W36",
        "Farmers warn the harvest could be delayed",
        "reported",
        id="discourse-phrase-dropped",
    ),
    pytest.param(
        "In explaining the delay, the minister on Monday blamed the weather for the shortage.",
        "Monday",
        "2022-09-12",
        "Minister blames the weather for the shortage",
        "reported",
        id="fronted-gerund-clause-dropped",
    ),
    pytest.param(
        "Fans wept on Saturday while mourning the death of the singer.",
        "Saturday",
        "2022-09-10",
        "Fans weep while mourning the death of the singer",
        "reported",
        id="bare-verb-keeps-its-circumstance",
    ),
    pytest.param(
        '"We will not close the hospital," the health minister told reporters on Friday.',
        "Friday",
        "2022-09-09",
        "Health minister: \u201cWe will not close the hospital\u201d",
        "reported",
        id="first-person-words-quoted-not-reported",
    ),
    pytest.param(
        '"Stay at home on Sunday," the mayor urged residents.',
        "Sunday",
        "2022-09-18",
        "Mayor: \u201cStay at home\u201d",
        "expected",
        id="order-in-a-quotation-quoted",
    ),
    pytest.param(
        '"We were selling 1,000 tickets an hour yesterday," the organiser said.',
        "yesterday",
        "2022-09-15",
        "Organiser: \u201cWe were selling 1,000 tickets an hour\u201d",
        "reported",
        id="quotation-keeps-a-measure-the-speaker-gave",
    ),
    pytest.param(
        "Several hundred protesters braved the rain to protest against the new prime minister "
        "on Friday.",
        "Friday",
        "2022-09-09",
        "Several hundred protest against the new prime minister",
        "reported",
        id="count-of-agents-said-once",
    ),
    pytest.param(
        "Thousands of demonstrators demonstrated in Cairo on Friday.",
        "Friday",
        "2022-09-09",
        "Thousands demonstrate in Cairo",
        "reported",
        id="count-of-agents-said-once-of",
    ),
    pytest.param(
        "24 October 2011 After a short break in the trial, the defence calls its first witness.",
        "24 October 2011",
        "2011-10-24",
        "Defence calls its first witness after a short break in the trial",
        "reported",
        id="word-after-a-timeline-items-date-in-lower-case",
    ),
    pytest.param(
        "On Thursday there was a strong likelihood that the minister will resign.",
        "Thursday",
        "2022-09-15",
        "Minister to resign",
        "reported",
        id="there-is-gives-the-clause-it-introduces",
    ),
    pytest.param(
        "Experts fear a second wave could sweep across the country at the start of the "
        "winter season.",
        "the winter",
        "2022-WI",
        "Second wave could sweep across the country",
        "expected",
        id="date-phrase-dropped-whole",
    ),
    pytest.param(
        "The plan contrasts with the mayor's failed attempts to build support for a new "
        "stadium in 2019.",
        "2019",
        "2019",
        "Mayor's failed attempts to build support for a new stadium",
        "reported",
        id="infinitive-without-subject-gives-the-noun-phrase",
    ),
    pytest.param(
        "The mayor's speech to the council explaining the new parking rules on Monday "
        "drew criticism.",
        "Monday",
        "2022-09-12",
        "Mayor's speech to the council explains the new parking rules",
        "reported",
        id="participle-takes-the-noun-as-subject",
    ),
    pytest.param(
        "During the budget debate, the treasurer responded on Tuesday to a question about "
        "pensions.",
        "Tuesday",
        "2022-09-13",
        "Treasurer responds to a question about pensions during the budget debate",
        "reported",
        id="fronted-phrase-after-the-object",
    ),
    pytest.param(
        "The club was founded in 1901 as a social, sporting and cultural association for the town.",
        "1901",
        "1901",
        "Club founded as a social, sporting and cultural association for the town",
        "reported",
        id="list-of-adjectives-kept-whole",
    ),
    pytest.param(
        "The senator gave a record-breaking speech on Tuesday to the chamber.",
        "Tuesday",
        "2022-09-13",
        "Senator gives a record-breaking speech to the chamber",
        "reported",
        id="hyphenated-word-kept-whole",
    ),
    pytest.param(
        '"Bring your own water on Saturday," the organisers told runners.',
        "Saturday",
        "2022-09-17",
        "Organisers: \u201cBring your own water\u201d",
        "expected",
        id="quoted-words-never-changed",
    ),
    pytest.param(
        "The regulator said on Monday that the new rules would put the responsibility "
        "for the safety of all passengers on long journeys in the hands of the "
        "operators.",
        "Monday",
        "2022-09-12",
        "Regulator says the new rules would put the responsibility for the safety",
        "reported",
        id="verb-keeps-its-object-when-shortened",
    ),
    pytest.param(
        "The tribunal Thursday said the governor and some of his aides and advisers are "
        "under investigation for alleged fraud against the province.",
        "Thursday",
        "2011-03-03",
        "Tribunal says the governor and some of his aides are under investigation",
        "reported",
        id="a-listed-quantity-keeps-its-of-phrase-and-the-predicate",
    ),
    pytest.param(
        "On 29 July, bank records filed in Nevada showed that the mayor was heavily in debt, "
        "owing more than $780,000 in judgements against him.",
        "29 July",
        "2009-07-29",
        "Bank records show the mayor was in debt owing more than $780,000",
        "reported",
        id="a-that-clause-is-what-the-documents-show",
    ),
    pytest.param(
        "A local radio station reports leaflets helped to plan the start of the strikes in "
        "Ghana, which went into full swing on February 17.",
        "February 17",
        "2011-02-17",
        "Strikes in Ghana go into full swing",
        "reported",
        id="which-after-a-place-describes-the-noun-the-place-locates",
    ),
    pytest.param(
        "A 20-year-old protester in Bahrain, who was shot in the head on Friday, has died, "
        "hospital sources said.",
        "Friday",
        "2011-02-18",
        "20-year-old protester in Bahrain shot in the head",
        "reported",
        id="who-after-a-place-describes-the-person-the-place-locates",
    ),
    pytest.param(
        "Hosni Mubarak said on Thursday he was delegating power to his vice president.",
        "Thursday",
        "2011-02-10",
        "Hosni Mubarak says he is delegating power to his vice president",
        "reported",
        id="says-takes-back-the-progressive-said-shifted",
    ),
    pytest.param(
        "A rebel officer said Moussa was to have been questioned Thursday by the council "
        "about his contacts with the army.",
        "Thursday",
        "2011-07-28",
        "Moussa was to have been questioned by the council about his contacts",
        "reported",
        id="a-plan-told-in-the-past-is-no-deed",
    ),
]

# What a verb needs to say anything is kept even past the word budget: an editor prints a
# line of thirteen words before one that says nothing ("concedes during cross-examination").
WHOLE = [
    pytest.param(
        "31 October 2011 Witness for the defence Dr Ann Holt concedes during cross-examination "
        "that the surgeon deviated from accepted medical standards in his care.",
        "31 October 2011",
        "2011-10-31",
        "Witness for the defence concedes the surgeon deviated from accepted medical standards",
        id="what-was-conceded-not-when",
    ),
    pytest.param(
        "Police on Wednesday warned against any attempt by the opposition to hold the "
        "march, according to the state news agency.",
        "Wednesday",
        "2011-02-09",
        "Police warn against any attempt to hold the march, according to the state news agency",
        id="an-attempt-keeps-what-it-was-for",
    ),
]


# When no faithful headline can be built from the clause (a parse that hides what was said,
# a content clause about an unnamed "it"), the sentence as written, cut at a clause boundary.
AS_WRITTEN = [
    pytest.param(
        "During the talks, the foreign minister told the head of the rebel council that France "
        'sees the council "as the legitimate voice of the people," according to a ministry '
        "statement released after the Friday meeting.",
        "Friday",
        "2011-05-13",
        "The foreign minister told the head of the rebel council that France sees the council "
        "as the legitimate voice of the people",
        id="a-statement-dates-what-it-says-not-its-release",
    ),
    pytest.param(
        "The judge concluded on Monday that it would not help the defence and that the tapes "
        "were a waste of time.",
        "Monday",
        "2011-07-25",
        "The judge concluded that it would not help the defence and that the tapes were a "
        "waste of time",
        id="content-about-an-unnamed-it-is-kept-whole",
    ),
]
WHOLE += AS_WRITTEN
WHOLE.append(
    pytest.param(
        'Also Sunday afternoon in Cairo, the channel "strongly denounces" the closure of its '
        "bureau by the government, the news network said in a statement.",
        "Sunday afternoon",
        "2011-01-30",
        "Channel denounces the closure of its bureau by the government in Cairo, news network says",
        id="a-straight-quote-after-the-date-opens-a-quotation",
    )
)
WHOLE += [
    pytest.param(
        "Health Crisis in Peru -- Former health minister Ana Ruiz is returning Thursday to the "
        "country, which has been shaken by protests for the past two days.",
        "Thursday",
        "2011-01-27",
        "Ana Ruiz returns to the country",
        id="a-section-kicker-is-no-subject",
    ),
    pytest.param(
        "The prime minister delivered a speech about Libya Monday, making his case for "
        "military intervention.",
        "Monday",
        "2011-03-28",
        "Prime minister delivers a speech about Libya",
        id="a-name-the-parser-hung-on-the-date-stays",
    ),
    pytest.param(
        "But yesterday the agency's director Ann Holt achieved just that by declaring the "
        "first pandemic in 40 years.",
        "yesterday",
        "2009-06-11",
        "Ann Holt achieves just that by declaring the first pandemic",
        id="a-demonstrative-that-is-no-relative-pronoun",
    ),
]
WHOLE += [
    pytest.param(
        "Talks with the neighbour's prime minister last occurred in 2019, as relations between "
        "the two countries became tense after a border clash in 2020.",
        "2019",
        "2019",
        "Talks with the neighbour's prime minister last occurred",
        id="a-second-clause-with-its-own-subject-is-no-circumstance",
    ),
    pytest.param(
        "“We condemn the provocation,” the minister said after a parliamentary committee "
        "Wednesday took the first step toward Brussels directing millions of euros in aid to "
        "the region.",
        "Wednesday",
        "2022-09-14",
        "Parliamentary committee takes the first step toward Brussels directing millions of euros",
        id="a-name-keeps-what-it-does-after-a-preposition",
    ),
]
WHOLE += [
    pytest.param(
        'The health ministry announced on Monday it was "likely" that ten students who had '
        "recently returned from abroad had contracted the virus.",
        "Monday",
        "2009-04-27",
        "The health ministry announced it was likely that ten students who had recently "
        "returned from abroad had contracted the virus",
        id="a-reported-clause-without-its-own-subject-never-takes-the-speakers",
    ),
    pytest.param(
        "Mobile service in the city shut down Friday evening, though it was more available "
        "by Sunday.",
        "Friday evening",
        "2011-02-18",
        "Mobile service in the city shuts down",
        id="a-verb-with-its-particle-needs-no-circumstance",
    ),
    pytest.param(
        "The singer's father, Joseph, filed a wrongful death lawsuit on Friday against the doctor.",
        "Friday",
        "2010-06-25",
        "Singer's father files a wrongful death lawsuit against the doctor",
        id="a-first-name-alone-does-not-replace-who-he-is",
    ),
]
WHOLE.append(
    pytest.param(
        "As the rebels took the port, the prime minister spoke Thursday with the heads of other "
        "European governments on a joint response to the crisis, according to his office.",
        "Thursday",
        "2011-02-24",
        "Prime minister speaks with the heads of governments, according to his office",
        id="the-heads-keep-what-they-head",
    )
)
WHOLE.append(
    pytest.param(
        "The youngest of the Carter clan Sam Carter, brother of the late singer Alan Carter, "
        "has been admitted to hospital with chest pains.\nCarter, 48, was taken to St Mary's "
        "Hospital in Leeds on Tuesday, the agency said.\nHe was in court on Monday with his "
        "family for a hearing in the case of the surgeon.",
        "Monday",
        "2010-06-14",
        "Sam Carter is in court with his family for a hearing",
        id="he-is-the-full-name-his-surname-stands-for-not-a-relative-in-an-aside",
    )
)


@pytest.mark.parametrize(("text", "phrase", "value", "headline"), WHOLE)
def test_headline_keeps_what_the_verb_needs(nlp, text, phrase, value, headline) -> None:
    event = _event(nlp, text, phrase, value)
    assert event.headline == headline
    assert not DANGLING.search(headline)


# What an editor fixes before printing (issue 13): each row one fault seen in real collections.
EDITED = [
    pytest.param(
        "The president has held talks with rebels on Monday.",
        "Monday",
        "2022-09-12",
        "President holds talks with rebels",
        "reported",
        id="a-present-perfect-verb-keeps-its-own-object",
    ),
    pytest.param(
        "Jackson's mother Katherine and his sister LaToya have backed plans for the Michael "
        "Forever Tribute concert at the Millennium Stadium on 8 October.",
        "8 October",
        "2022-10-08",
        "Michael Forever Tribute concert at the Millennium Stadium",
        "expected",
        # a present perfect takes no definite past date: 8 October is the concert's, not the
        # day the plans were backed
        id="a-day-in-a-present-perfect-clause-dates-its-event-noun",
    ),
    pytest.param(
        "The Friday summit was cancelled.",
        "Friday",
        "2011-04-29",
        "Summit cancelled",
        "reported",
        id="a-dated-event-noun-that-is-the-subject-stays",  # not "The was cancelled"
    ),
    pytest.param(
        "Rebel fighters staged a tactical withdrawal from the district on Thursday.",
        "Thursday",
        "2012-03-01",
        "Rebel fighters stage a tactical withdrawal from the district",
        "reported",
        id="silent-e-of-a-lemma-restored",
    ),
    pytest.param(
        "Russia and China blocked a UN resolution on Saturday.",
        "Saturday",
        "2012-02-04",
        "Russia and China block a UN resolution",
        "reported",
        id="second-of-two-subjects-kept",
    ),
    pytest.param(
        "The council votes unanimously</b> on Monday to close the library.",
        "Monday",
        "2012-02-06",
        "Council votes unanimously",
        "reported",
        id="markup-never-printed",
    ),
    pytest.param(
        "The burial was initially scheduled to take place on Saturday.",
        "Saturday",
        "2012-02-04",
        "Burial initially scheduled to take place",
        "expected",
        id="first-plan-says-it-was-the-first",
    ),
    pytest.param(
        "The vote was originally expected on Friday but was postponed.",
        "Friday",
        "2012-02-03",
        "Vote originally expected",
        "expected",
        id="postponed-plan-keeps-originally",
    ),
    pytest.param(
        "At least 108 people were killed in the massacre at Houla on Friday, activists said.",
        "Friday",
        "2012-05-25",
        "At least 108 people killed in the massacre at Houla, activists say",
        "reported",
        id="claim-attributed-to-its-source",
    ),
    pytest.param(
        "At least 108 people were killed on Friday, according to the UN.",
        "Friday",
        "2012-05-25",
        "At least 108 people killed, according to the UN",
        "reported",
        id="according-to-kept-after-a-comma",
    ),
    pytest.param(
        "Three new cases have been diagnosed in the north-east and two in London, the "
        "Department of Health said today.",
        "today",
        "2012-02-06",
        "Department of Health says three new cases have been diagnosed",
        "reported",
        id="number-opening-the-sentence-lower-cased",
    ),
    pytest.param(
        "Libya's ambassador to the league said Sunday he resigned his post on Saturday. "
        "Gadhafi did not comment.",
        "Saturday",
        "2011-02-19",
        "Libya's ambassador to the league resigns his post",
        "reported",
        id="he-is-the-titled-speaker-not-the-last-name",
    ),
    pytest.param(
        "The first NATO sorties to enforce the zone flew on Sunday, NATO officials said.",
        "Sunday",
        "2011-03-27",
        "First NATO sorties fly, NATO officials say",
        "reported",
        id="attribution-keeps-the-case-of-a-name",
    ),
    pytest.param(
        "The president stepped down on Friday after weeks of protests.",
        "Friday",
        "2011-02-11",
        "President steps down",
        "reported",
        id="adverb-that-completes-the-verb-kept",
    ),
    pytest.param(
        "The mayor said on Monday that health officials believe more than 100 pupils at the "
        "school on the hill had been sickened by the water.",
        "Monday",
        "2012-02-06",
        "Mayor says health officials believe more than 100 pupils had been sickened",
        "reported",
        id="kept-verb-keeps-its-clause",
    ),
    pytest.param(
        "Demonstrations spread on Wednesday to the port, an independent source told the agency.",
        "Wednesday",
        "2011-02-16",
        "Demonstrations spread to the port, independent source says",
        "reported",
        id="source-attributed-with-says-whatever-its-verb",
    ),
    pytest.param(
        "On Tuesday his brothers defended the decision to hold the concert.",
        "Tuesday",
        "2011-10-04",
        "Brothers defend the decision to hold the concert",
        "reported",
        id="unresolved-possessive-pronoun-left-out",
    ),
    pytest.param(
        "Prime Minister Ann Holt spoke to parliament. On Tuesday her government collapsed.",
        "Tuesday",
        "2011-10-04",
        "Ann Holt's government collapses",
        "reported",
        id="possessive-pronoun-resolved-to-the-name",
    ),
]


@pytest.mark.parametrize(("text", "phrase", "value", "headline", "status"), EDITED)
def test_headline_an_editor_keeps(nlp, text, phrase, value, headline, status) -> None:
    event = _event(nlp, text, phrase, value)
    assert (event.headline, event.status) == (headline, status), event.headline
    _assert_publishable(event.headline, phrase)


# The tidying of a headline's words, one row per slip.
TIDIED = [
    pytest.param(
        "fighters withdraw after a a month", "Fighters withdraw after a month", id="doubled-article"
    ),
    pytest.param("+12% rise in prices", "+12% rise in prices", id="leading-sign-kept"),
    pytest.param("-3C in the capital", "-3C in the capital", id="leading-minus-kept"),
    pytest.param("ministry issues a alert", "Ministry issues an alert", id="a-before-a-vowel"),
    pytest.param("troops hold an bridge", "Troops hold a bridge", id="an-before-a-consonant"),
    pytest.param("an hour of talks", "An hour of talks", id="an-before-a-silent-h-kept"),
    pytest.param("“ Council votes", "Council votes", id="leading-quote-mark-dropped"),
    pytest.param("Council votes unanimously</b", "Council votes unanimously", id="cut-tag-dropped"),
    pytest.param(
        "fans line up at in the hope of a seat",
        "Fans line up in the hope of a seat",
        id="stacked-prepositions",
    ),
]


@pytest.mark.parametrize(("raw", "tidied"), TIDIED)
def test_headline_words_tidied(raw, tidied) -> None:
    assert tidy(raw) == tidied


# Planned, predicted, conditional and hypothetical clauses are expected, and say so; passives
# keep their voice; a clause without a subject gives the noun phrase or the words as written.
MODALITY = [
    pytest.param(
        "If a stronger strain appears late in the year, hospitals could run short.",
        "late in the year",
        "2022",
        "Stronger strain may appear",
        "expected",
        id="if-clause-is-expected-and-may",
    ),
    pytest.param(
        "She warned that nurses would have to change their habits by the autumn.",
        "the autumn",
        "2022-FA",
        "Nurses would have to change their habits",
        "expected",
        id="would-have-to-kept",
    ),
    pytest.param(
        "The tunnel may reopen on Friday, engineers said.",
        "Friday",
        "2022-09-16",
        "Tunnel may reopen, engineers say",
        "expected",
        id="may-is-expected",
    ),
    pytest.param(
        "The cheques should have been paid last week.",
        "last week",
        "2022-W36",
        "Cheques should have been paid",
        "expected",
        id="should-have-is-not-reported",
    ),
    pytest.param(
        "Unless the unions agree by Friday, the factory will close.",
        "Friday",
        "2022-09-16",
        "Unions may agree",
        "expected",
        id="unless-is-expected",
    ),
    pytest.param(
        "The council is to meet at 10am tomorrow to discuss the closures.",
        "10am tomorrow",
        "2022-09-16T10:00",
        "Council to meet",
        "expected",
        id="is-to-is-expected",
    ),
    pytest.param(
        "The board is meeting next week to discuss the bids.",
        "next week",
        "2022-W38",
        "Board to meet to discuss the bids",
        "expected",
        id="present-progressive-with-future-time",
    ),
    pytest.param(
        "Later this week the inspectors will meet the heads to discuss the timetable.",
        "Later this week",
        "2022-W37",
        "Inspectors to meet the heads",
        "expected",
        id="will-with-a-week-that-has-begun",
    ),
    pytest.param(
        "Police could not reach the driver on Tuesday.",
        "Tuesday",
        "2022-09-13",
        "Police could not reach the driver",
        "reported",
        id="could-not-is-what-happened",
    ),
    pytest.param(
        "The lighthouse, one of a pair of lamps donated by Norway in 1998, still works.",
        "1998",
        "1998",
        "Lamps donated by Norway",
        "reported",
        id="participle-keeps-the-passive",
    ),
    pytest.param(
        "The film was recorded on a phone and posted on Monday.",
        "Monday",
        "2022-09-12",
        "Film posted",
        "reported",
        id="conjoined-passive-stays-passive",
    ),
    pytest.param(
        "In 1970 there were 20m sheep on more than 80,000 farms.",
        "1970",
        "1970",
        "20m sheep on more than 80,000 farms",
        "reported",
        id="there-were-gives-the-noun-phrase",
    ),
    pytest.param(
        "By Monday there were no new cases of the disease in the county.",
        "Monday",
        "2022-09-12",
        "No new cases of the disease in the county",
        "reported",
        id="there-were-keeps-no",
    ),
    pytest.param(
        "Doctors will need more beds if there is a severe outbreak in the winter.",
        "the winter",
        "2022-WI",
        "Possible severe outbreak",
        "expected",
        id="conditional-there-is-is-possible",
    ),
    pytest.param(
        "The inspectors studied the mistakes to be avoided from 1990.",
        "1990",
        "1990",
        "Mistakes to be avoided",
        "reported",
        id="infinitive-passive-gives-its-noun",
    ),
    pytest.param(
        "That was what happened in 1962.",
        "1962",
        "1962",
        "That was what happened",
        "reported",
        id="no-subject-gives-the-words-as-written",
    ),
]


@pytest.mark.parametrize(("text", "phrase", "value", "headline", "status"), MODALITY)
def test_modality_voice_and_subject(nlp, text, phrase, value, headline, status) -> None:
    event = _event(nlp, text, phrase, value)
    assert (event.headline, event.status) == (headline, status), event.headline
    _assert_publishable(event.headline, phrase)


@pytest.mark.parametrize(("text", "phrase", "value", "headline", "status"), RULES)
def test_headline_rule(nlp, text, phrase, value, headline, status) -> None:
    event = _event(nlp, text, phrase, value)
    assert event.headline == headline
    assert event.status == status
    assert event.sentence == text.strip()  # the quote always carries the whole sentence
    _assert_publishable(event.headline, phrase)


# Clauses that give no headline of their own: the headline says so by what it leaves out.
NOT_PRINTED = [
    pytest.param(
        "We asked our neighbours to leave the village on Sunday.",
        "Sunday",
        "2022-09-11",
        r"\b(we|our|us)\b",
        id="first-person-never-outside-a-quote",
    ),
    pytest.param(
        "Our allies went into the mountains with us on Sunday.",
        "Sunday",
        "2022-09-11",
        r"\b(we|our|us)\b",
        id="first-person-phrases-left-out",
    ),
]


@pytest.mark.parametrize(("text", "phrase", "value", "forbidden"), NOT_PRINTED)
def test_headline_never_carries(nlp, text, phrase, value, forbidden) -> None:
    event = _event(nlp, text, phrase, value)
    assert event.headline and not re.search(forbidden, event.headline, re.I), event.headline


def _assert_publishable(headline: str, phrase: str) -> None:
    assert 2 <= len(headline.split()) <= 12, headline
    assert not DANGLING.search(headline), headline
    assert not headline[0].islower() and phrase not in headline, headline
    assert not re.search(r"['\u2019]s?$", headline), headline


def test_an_owner_no_sentence_names_is_dropped_from_a_title_before_names(nlp) -> None:
    # "his brothers Marlon, ...": the model makes "brothers" a compound of the first name.
    text = (
        "On Tuesday his brothers Marlon, Tito and Jackie Jackson, who will be taking part in the "
        "concert with their sister La Toya, defended the decision to hold the event."
    )
    event = _event(nlp, text, "Tuesday", "2022-09-13")
    assert event.headline.startswith("Brothers Marlon, Tito and Jackie Jackson defend"), event


@pytest.mark.parametrize(
    ("text", "phrase", "value", "headline"),
    [
        # a progressive with a time of its own was in the past already
        (
            "Police said on Thursday the driver was travelling at 90mph when the car hit a wall.",
            "Thursday",
            "2022-09-15",
            "Police say the driver was travelling at 90mph",
        ),
        # only a count's "of" names whom it counts; a list is no count
        (
            "The families of protesters protested in Cairo on Friday.",
            "Friday",
            "2022-09-09",
            "Families of protesters protest in Cairo",
        ),
        (
            "Two hundred passengers passed through the airport on Friday.",
            "Friday",
            "2022-09-09",
            "Two hundred passengers pass through the airport",
        ),
        # a quotation loses the date of its verb, not a measure
        (
            'The organiser said on Friday: "We were selling 1,000 tickets an hour this morning."',
            "this morning",
            "2022-09-09",
            "Organiser: \u201cWe were selling 1,000 tickets an hour\u201d",
        ),
    ],
    ids=["past-within-the-past", "not-a-count", "not-an-agent-noun", "quoted-date-left-out"],
)
def test_where_the_editing_rules_stop(nlp, text, phrase, value, headline) -> None:
    assert _event(nlp, text, phrase, value).headline == headline
