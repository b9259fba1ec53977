"""The booklet's self-assessment: questions, dated answers, changes and scores."""

import csv
import io
import json
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.clock import utc_now
from kiosk.events import held
from kiosk.models import (
    DEFAULT_PRISON,
    Assessment,
    AssessmentAnswer,
    Feedback,
    SessionRequest,
)
from kiosk.session_requests import spreadsheet_safe

ANSWERS = ("yes", "no")
TEXT_MAX = 2000


@dataclass(frozen=True)
class Question:
    """One question in the booklet's wording, with an English version."""

    key: str
    part: str
    number: int
    nb: str
    en: str
    evidence: str
    tips: tuple[int, ...]


@dataclass(frozen=True)
class Part:
    """One of the booklet's four parts: principles, questions and tips."""

    key: str
    nb: str
    en: str
    questions: tuple[Question, ...]
    tips_nb: tuple[str, ...]
    tips_en: tuple[str, ...]
    principles_nb: tuple[str, ...] = ()
    principles_en: tuple[str, ...] = ()
    topics_nb: tuple[str, ...] = ()
    topics_en: tuple[str, ...] = ()
    goal_nb: str = ""
    goal_en: str = ""


@dataclass(frozen=True)
class Booklet:
    """The booklet as the self-assessment shows it: definition, parts, literature."""

    definition_nb: str
    definition_en: str
    tips_note_nb: str
    tips_note_en: str
    literature: tuple[str, ...]
    parts: tuple[Part, ...]


def load_booklet(path: Path) -> Booklet:
    """Read the questions file (content/assessment.toml)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Booklet(
        definition_nb=data.get("definition_nb", ""),
        definition_en=data.get("definition_en", ""),
        tips_note_nb=data.get("tips_note_nb", ""),
        tips_note_en=data.get("tips_note_en", ""),
        literature=tuple(data.get("literature", ())),
        parts=tuple(_part(raw) for raw in data["parts"]),
    )


def load_parts(path: Path) -> list[Part]:
    """Read only the four parts of the questions file."""
    return list(load_booklet(path).parts)


def _part(raw: dict) -> Part:
    questions = tuple(
        Question(
            key=q["key"],
            part=raw["key"],
            number=number,
            nb=q["nb"],
            en=q["en"],
            evidence=q.get("evidence", ""),
            tips=tuple(q.get("tips", ())),
        )
        for number, q in enumerate(raw["questions"], 1)
    )
    return Part(
        raw["key"],
        raw["nb"],
        raw["en"],
        questions,
        tuple(raw.get("tips_nb", ())),
        tuple(raw.get("tips_en", ())),
        principles_nb=tuple(raw.get("principles_nb", ())),
        principles_en=tuple(raw.get("principles_en", ())),
        topics_nb=tuple(raw.get("topics_nb", ())),
        topics_en=tuple(raw.get("topics_en", ())),
        goal_nb=raw.get("goal_nb", ""),
        goal_en=raw.get("goal_en", ""),
    )


def all_questions(parts: list[Part]) -> list[Question]:
    """Return every question, in the booklet's order."""
    return [question for part in parts for question in part.questions]


def create(
    session: Session,
    actor: str,
    copy_of: Assessment | None = None,
    prison_id: int = DEFAULT_PRISON,
):
    """Start a prison's new assessment, empty or as a copy of an earlier one."""
    assessment = Assessment(
        prison_id=prison_id,
        created_at=utc_now(),
        created_by=actor,
        notes=copy_of.notes if copy_of else "{}",
    )
    session.add(assessment)
    session.flush()
    for old in answers_of(session, copy_of).values() if copy_of else ():
        session.add(
            AssessmentAnswer(
                assessment_id=assessment.id,
                question=old.question,
                answer=old.answer,
                how=old.how,
                todo=old.todo,
            )
        )
    session.commit()
    return assessment


def answers_of(session: Session, assessment: Assessment) -> dict[str, AssessmentAnswer]:
    """Return the answers of an assessment by question key."""
    query = select(AssessmentAnswer).where(
        AssessmentAnswer.assessment_id == assessment.id
    )
    return {row.question: row for row in session.scalars(query)}


def save(session, assessment, parts, answers: dict, notes: dict) -> None:
    """Store the answers ({key: (answer, how, todo)}) and the notes per part."""
    stored = answers_of(session, assessment)
    for question in all_questions(parts):
        answer, how, todo = answers.get(question.key, (None, "", ""))
        row = stored.get(question.key) or AssessmentAnswer(
            assessment_id=assessment.id, question=question.key
        )
        row.answer = answer if answer in ANSWERS else None
        row.how, row.todo = how.strip()[:TEXT_MAX], todo.strip()[:TEXT_MAX]
        session.add(row)
    keys = {part.key for part in parts}
    assessment.notes = json.dumps(
        {key: text.strip()[:TEXT_MAX] for key, text in notes.items() if key in keys},
        ensure_ascii=False,
    )
    session.commit()


def history(session: Session, prison_ids=None) -> list[Assessment]:
    """Return every assessment (of ``prison_ids``, if given), oldest first."""
    query = select(Assessment).order_by(Assessment.created_at, Assessment.id)
    if prison_ids is not None:
        query = query.where(Assessment.prison_id.in_(prison_ids))
    return list(session.scalars(query))


def previous(session: Session, assessment: Assessment) -> Assessment | None:
    """Return the same prison's assessment made just before this one, if any."""
    query = (
        select(Assessment)
        .where(Assessment.prison_id == assessment.prison_id)
        .where(Assessment.id < assessment.id)
        .order_by(Assessment.id.desc())
    )
    return session.scalars(query).first()


def changes(session, before: Assessment | None, after: Assessment) -> dict:
    """Return {question: (answer before, answer now)} for answers that changed."""
    if before is None:
        return {}
    old, new = answers_of(session, before), answers_of(session, after)
    keys = set(old) | set(new)
    pairs = {
        key: (
            getattr(old.get(key), "answer", None),
            getattr(new.get(key), "answer", None),
        )
        for key in keys
    }
    return {key: pair for key, pair in pairs.items() if pair[0] != pair[1]}


def scores(session, assessment, parts) -> dict[str, float | None]:
    """Return per part the share of questions answered JA (None: none answered)."""
    answers = answers_of(session, assessment)
    result = {}
    for part in parts:
        given = [answers.get(q.key) for q in part.questions]
        answered = [row for row in given if row is not None and row.answer]
        yes = sum(1 for row in answered if row.answer == "yes")
        result[part.key] = yes / len(part.questions) if answered else None
    return result


def evidence(
    session: Session,
    days: int = 90,
    now: datetime | None = None,
    prison_id: int = DEFAULT_PRISON,
) -> dict:
    """Return one prison's counts from the kiosk for the questions they bear on."""
    since = (now or utc_now()) - timedelta(days=days)
    query = (
        select(SessionRequest.session_format, func.count())
        .where(SessionRequest.created_at >= since)
        .where(SessionRequest.prison_id == prison_id)
        .group_by(SessionRequest.session_format)
    )
    counts = dict(session.execute(query).all())
    feedback_count = session.scalar(
        select(func.count())
        .select_from(Feedback)
        .where(Feedback.created_at >= since)
        .where(Feedback.prison_id == prison_id)
    )
    until = now or utc_now()
    mine = [prison_id]
    return {
        "group_events": len(held(session, since, until, "group-guidance", mine)),
        "employer_visits": len(held(session, since, until, "employer-visit", mine)),
        "feedback": feedback_count or 0,
        "one-to-one": counts.get("one-to-one", 0),
        "groups": counts.get("group", 0),
        "requests": sum(counts.values()),
        "days": days,
    }


def export_csv(session, assessment, parts) -> str:
    """Return the assessment as CSV: one row per question, in the booklet's order."""
    answers = answers_of(session, assessment)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["part", "number", "question", "answer", "how", "what_can_be_done"])
    for question in all_questions(parts):
        row = answers.get(question.key)
        cells = [
            question.part,
            question.number,
            question.nb,
            (row.answer if row else "") or "",
            row.how if row else "",
            row.todo if row else "",
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return buffer.getvalue()
