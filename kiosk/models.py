"""Database tables, declared with SQLAlchemy 2."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator):
    """A timestamp stored as UTC and always read back as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetime: give times in UTC")
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Declarative base of every table."""


DEFAULT_PRISON = 1  # made by the migration; a single-prison install has only it


class Prison(Base):
    """One prison the install serves, with its own kiosk listener and data."""

    __tablename__ = "prisons"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(200), default="")


def _prison_column(nullable: bool = False):
    return mapped_column(
        ForeignKey("prisons.id"), index=True, nullable=nullable, default=DEFAULT_PRISON
    )


class Setting(Base):
    """A setting staff change at run time for one prison, such as its units."""

    __tablename__ = "settings"

    prison_id: Mapped[int] = mapped_column(ForeignKey("prisons.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class StaffPrison(Base):
    """A prison one staff member works for (a county coordinator sees all)."""

    __tablename__ = "staff_prisons"

    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id"), primary_key=True
    )
    prison_id: Mapped[int] = mapped_column(ForeignKey("prisons.id"), primary_key=True)


class StaffUser(Base):
    """A counsellor or other staff member who can log in on the staff listener."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    all_prisons: Mapped[bool] = mapped_column(default=False)

    @property
    def is_authenticated(self) -> bool:
        """Flask-Login: a loaded user is logged in."""
        return True

    @property
    def is_active(self) -> bool:
        """Flask-Login: a disabled account cannot use its session."""
        return self.active

    @property
    def is_anonymous(self) -> bool:
        """Flask-Login: staff users are never anonymous."""
        return False

    def get_id(self) -> str:
        """Flask-Login: the id kept in the session cookie."""
        return str(self.id)


class StaffSession(Base):
    """One staff login, known to the server: logging out or disabling ends it."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SessionRequest(Base):
    """An inmate's request for a one-to-one or group conversation."""

    __tablename__ = "session_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    prison_id: Mapped[int] = _prison_column()
    request_code: Mapped[str] = mapped_column(String(8), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    status: Mapped[str] = mapped_column(String(16), index=True, default="waiting")
    name: Mapped[str | None] = mapped_column(String(200))
    name_key: Mapped[str | None] = mapped_column(String(200), index=True)
    unit: Mapped[str | None] = mapped_column(String(200))
    topics: Mapped[str] = mapped_column(String(400), default="")
    occupations: Mapped[str] = mapped_column(String(400), default="")
    session_format: Mapped[str] = mapped_column(String(16), default="one-to-one")
    conversation_language: Mapped[str] = mapped_column(String(16))
    page_language: Mapped[str] = mapped_column(String(16))
    interpreter: Mapped[bool] = mapped_column(default=False)
    message: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    scheduled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    place: Mapped[str | None] = mapped_column(String(200))
    first_scheduled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    erased_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    @property
    def occupation_list(self) -> list[str]:
        """Return the slugs of the occupations the inmate wants to talk about."""
        return [slug for slug in self.occupations.split(",") if slug]

    @property
    def topic_list(self) -> list[str]:
        """Return the topic keys in the order they were chosen."""
        return [topic for topic in self.topics.strip(",").split(",") if topic]


class AuditEvent(Base):
    """One change made by staff: when (UTC), who, what, before and after."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    prison_id: Mapped[int | None] = _prison_column(nullable=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("session_requests.id"), index=True
    )
    before: Mapped[str] = mapped_column(Text, default="{}")
    after: Mapped[str] = mapped_column(Text, default="{}")


class UnitCount(Base):
    """Anonymous count of requests per week and unit, kept after personal data goes."""

    __tablename__ = "unit_counts"

    prison_id: Mapped[int] = mapped_column(ForeignKey("prisons.id"), primary_key=True)
    week: Mapped[str] = mapped_column(String(8), primary_key=True)
    unit: Mapped[str] = mapped_column(String(200), primary_key=True)
    requests: Mapped[int] = mapped_column(default=0)


class Assessment(Base):
    """One dated self-assessment of the prison's career guidance (the booklet's)."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    prison_id: Mapped[int] = _prison_column()
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    notes: Mapped[str] = mapped_column(Text, default="{}")


class AssessmentAnswer(Base):
    """The answer to one question of one assessment: JA/NEI and what to do."""

    __tablename__ = "assessment_answers"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id"), primary_key=True
    )
    question: Mapped[str] = mapped_column(String(64), primary_key=True)
    answer: Mapped[str | None] = mapped_column(String(8))
    how: Mapped[str] = mapped_column(Text, default="")
    todo: Mapped[str] = mapped_column(Text, default="")


class Feedback(Base):
    """Anonymous feedback from the kiosk: no name, no code, no address."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    prison_id: Mapped[int] = _prison_column()
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    rating: Mapped[int]
    helped: Mapped[str] = mapped_column(String(200), default="")
    missing: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))


class Event(Base):
    """A group session, employer visit, career fair or workshop in the prison."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    prison_id: Mapped[int] = _prison_column()
    kind: Mapped[str] = mapped_column(String(32))
    titles: Mapped[str] = mapped_column(Text, default="{}")
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    place: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int]
    units: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(String(64))

    @property
    def unit_list(self) -> list[str]:
        """Return the units that may join (empty: everyone)."""
        return [unit for unit in self.units.splitlines() if unit.strip()]


class EventSignup(Base):
    """One inmate's place, or place on the waiting list, at an event."""

    __tablename__ = "event_signups"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    signup_code: Mapped[str] = mapped_column(String(8), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    name: Mapped[str | None] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(200))
    # Name and unit folded (see session_requests.name_key): one sign-up each.
    person_key: Mapped[str | None] = mapped_column(String(400))
    attended: Mapped[bool | None]
    erased_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index("ix_event_signups_event_person", "event_id", "person_key", unique=True),
    )
