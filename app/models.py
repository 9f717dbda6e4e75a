"""Database models: sources, question packs and their questions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Select,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    exists,
    false,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Mapped, aliased, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from app.clock import utcnow
from app.config import shipped_ranker_threshold
from app.extensions import db

pack_sources = Table(
    "pack_sources",
    db.metadata,
    Column("pack_id", ForeignKey("packs.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="RESTRICT"), primary_key=True),
)


class Source(db.Model):
    """A source text, stored exactly as given so that quote offsets stay valid."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    author: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[str | None] = mapped_column(String(10))
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(String(500))
    notes: Mapped[str] = mapped_column(Text, default="")
    # Set for texts an instructor uploaded: listed for everyone only once a public pack uses them.
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    questions: Mapped[list[Question]] = relationship(back_populates="source")
    packs: Mapped[list[Pack]] = relationship(secondary=pack_sources, back_populates="sources")

    def __repr__(self) -> str:
        return f"<Source {self.id}>"

    @staticmethod
    def listed() -> ColumnElement[bool]:
        """Sources every visitor sees: bundled texts, and uploads a public, live pack quotes."""
        live = aliased(Pack)
        in_public_pack = exists().where(
            pack_sources.c.source_id == Source.id,
            pack_sources.c.pack_id == live.id,
            live.visibility == "public",
            live.deleted_at.is_(None),
        )
        return or_(Source.uploaded_by_id.is_(None), in_public_pack)

    @staticmethod
    def select_with_question_counts() -> Select[tuple[Source, int]]:
        """Every listed source with its number of studyable questions, in id order."""
        return (
            select(Source, func.count(Question.id))
            .outerjoin(Question, and_(Question.source_id == Source.id, Question.studyable()))
            .where(Source.listed())
            .group_by(Source.id)
            .order_by(Source.id)
        )


class Pack(db.Model):
    """An imported question pack (one pack file)."""

    __tablename__ = "packs"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(20), default="en")
    format_version: Mapped[int] = mapped_column(Integer)
    generator: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Authoring: packs made on the command line have no owner and are public.
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # "private" (owner and editors), "link" (also whoever has the share link), "public".
    visibility: Mapped[str] = mapped_column(
        String(10), default="public", server_default=text("'public'")
    )
    share_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Serve questions still waiting for review to learners (off: approved ones only).
    serve_unreviewed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # In which order learners meet its questions not yet studied (app/packs/new_order.py).
    new_order: Mapped[str] = mapped_column(
        String(20), default="pack order", server_default=text("'pack order'")
    )
    # Bumped on every change to the pack or its questions.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)

    questions: Mapped[list[Question]] = relationship(
        back_populates="pack",
        order_by="Question.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    sources: Mapped[list[Source]] = relationship(
        secondary=pack_sources, back_populates="packs", order_by="Source.id"
    )

    def __repr__(self) -> str:
        return f"<Pack {self.slug}>"

    @staticmethod
    def select_by_slug(slug: str) -> Select[tuple[Pack]]:
        """The pack with this slug."""
        return select(Pack).where(Pack.slug == slug)

    @staticmethod
    def listed() -> ColumnElement[bool]:
        """Packs every visitor sees in lists and studies: public and not in the trash."""
        return and_(Pack.visibility == "public", Pack.deleted_at.is_(None))

    @staticmethod
    def select_with_question_counts() -> Select[tuple[Pack, int]]:
        """Every listed pack with its number of studyable questions, by title."""
        return (
            select(Pack, func.count(Question.id))
            .outerjoin(Question, and_(Question.pack_id == Pack.id, Question.studyable()))
            .where(Pack.listed())
            .group_by(Pack.id)
            .order_by(Pack.title, Pack.id)
        )


# A pending generated question the ranker is less sure of than its strict threshold waits for
# a reviewer even in a pack that serves unreviewed questions: the upload's review pool holds
# such questions for teachers, not for learners.
UNREVIEWED_FLOOR = shipped_ranker_threshold()


class Question(db.Model):
    """One question of a pack, with the verbatim quote that supports its answer."""

    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("pack_id", "uid"),
        # New questions are offered in pack order: with this index the planner reads the first
        # few unseen ones in order instead of sorting the whole bank for every choice.
        Index("ix_questions_pack_id_position", "pack_id", "position"),
        # Siblings quote the same span of a source: the chooser looks them up by it.
        Index("ix_questions_sibling_span", "source_id", "quote_start", "quote_end"),
        # Deleted questions only: on every live one it told SQLite's planner that "not deleted"
        # picks out a few rows, and the planner read the whole bank by it.
        Index(
            "ix_questions_deleted_at",
            "deleted_at",
            sqlite_where=text("deleted_at IS NOT NULL"),
            postgresql_where=text("deleted_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pack_id: Mapped[int] = mapped_column(ForeignKey("packs.id", ondelete="CASCADE"), index=True)
    uid: Mapped[str] = mapped_column(String(64))
    fact: Mapped[str] = mapped_column(String(64), default="")
    # Questions from one sentence (pack field `group`): siblings study keeps apart.
    group: Mapped[str] = mapped_column(String(64), default="", server_default="")
    type: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    prompt: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    accept: Mapped[list[str]] = mapped_column(JSON, default=list)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    correction: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(
        ForeignKey("sources.id", ondelete="RESTRICT"), index=True
    )
    quote_start: Mapped[int] = mapped_column(Integer)
    quote_end: Mapped[int] = mapped_column(Integer)
    quote_text: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text)
    difficulty: Mapped[float | None] = mapped_column(Float)
    quality: Mapped[float | None] = mapped_column(Float)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer)
    review_status: Mapped[str] = mapped_column(String(20), default="approved", index=True)
    # Generated and kept by the strict bank: the review page recommends approving it.
    recommended: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Fields of imported formats (pack schema): weighted answers, matching pairs, Moodle's
    # single/multiple flag, the question's title and category, and how its text is written.
    answers: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, default=list, server_default=text("'[]'")
    )
    pairs: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, default=list, server_default=text("'[]'")
    )
    single: Mapped[bool | None] = mapped_column(Boolean)
    title: Mapped[str | None] = mapped_column(String(255))
    category: Mapped[str | None] = mapped_column(String(500))
    text_format: Mapped[str | None] = mapped_column(String(16))
    # Bumped on every edit; answers point at the QuestionVersion they were asked with.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    pack: Mapped[Pack] = relationship(back_populates="questions")
    source: Mapped[Source] = relationship(back_populates="questions")
    media: Mapped[list[QuestionMedia]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="QuestionMedia.name"
    )

    def __repr__(self) -> str:
        return f"<Question {self.uid} of pack {self.pack_id}>"

    @staticmethod
    def studyable() -> ColumnElement[bool]:
        """Questions learners may see: live, in a listed pack, approved (or pending when the
        pack serves unreviewed questions, unless the ranker scored it below its threshold)."""
        # An alias, so the EXISTS correlates only Question even inside queries joining Pack.
        live = aliased(Pack)
        return and_(
            Question.deleted_at.is_(None),
            Question.review_status != "rejected",
            exists().where(
                live.id == Question.pack_id,
                live.visibility == "public",
                live.deleted_at.is_(None),
                or_(
                    Question.review_status == "approved",
                    and_(
                        live.serve_unreviewed.is_(True),
                        or_(Question.quality.is_(None), Question.quality >= UNREVIEWED_FLOOR),
                    ),
                ),
            ),
        )

    @property
    def is_studyable(self) -> bool:
        """The row-level twin of `studyable()`."""
        pack = self.pack
        return (
            self.deleted_at is None
            and pack.deleted_at is None
            and pack.visibility == "public"
            and (
                self.review_status == "approved"
                or (
                    self.review_status == "pending"
                    and bool(pack.serve_unreviewed)
                    and (self.quality is None or self.quality >= UNREVIEWED_FLOOR)
                )
            )
        )

    @staticmethod
    def select_filtered(
        *, source_id: str | None = None, kind: str | None = None, type: str | None = None
    ) -> Select[tuple[Question]]:
        """Questions in pack order, narrowed to a source, a kind and a type when given."""
        stmt = (
            select(Question)
            .join(Question.pack)
            .where(Question.studyable())
            .order_by(Pack.title, Question.position)
        )
        return Question.narrowed(stmt, source_id=source_id, kind=kind, type=type)

    @staticmethod
    def narrowed(
        stmt: Select[tuple[Question]],
        *,
        source_id: str | None = None,
        kind: str | None = None,
        type: str | None = None,
    ) -> Select[tuple[Question]]:
        """The statement narrowed to a source, a kind and a type, each when given."""
        if source_id:
            stmt = stmt.where(Question.source_id == source_id)
        if kind:
            stmt = stmt.where(Question.kind == kind)
        if type:
            stmt = stmt.where(Question.type == type)
        return stmt


# Study records live in their own module; importing them here registers their tables.
# Classroom records (quizzes, sessions, players, answers), authoring and account records
# likewise; Source and Pack point at users, so the users table must be registered with them.
from app.accounts_models import User  # noqa: E402, F401
from app.admin_models import Invitation  # noqa: E402, F401
from app.authoring_models import (  # noqa: E402, F401
    Job,
    PackEditor,
    QuestionVersion,
    StagedImport,
)
from app.classroom_models import (  # noqa: E402, F401
    ClassAnswer,
    ClassSession,
    Player,
    Quiz,
    QuizItem,
    SessionQuestion,
)
from app.study_models import (  # noqa: E402, F401
    Card,
    ItemStat,
    LearnerSkill,
    ReviewLog,
    StudyPlan,
)


class QuestionMedia(db.Model):
    """An image or audio file shown by one question (app/media.py checks what is accepted)."""

    __tablename__ = "question_media"
    __table_args__ = (UniqueConstraint("question_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
