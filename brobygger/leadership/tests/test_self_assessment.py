"""Self-assessments: answered 1–5, scored 0–100 per role and challenge, kept in the version
they were started in, and the person's alone (their records hide what changed)."""

import dataclasses
import hashlib
import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from brobygger.core.audit import hidden_from
from brobygger.core.models import AuditAction
from brobygger.leadership import instrument, selectors, services
from brobygger.leadership.dimensions import CHALLENGES, ROLES, Dimension
from brobygger.leadership.models import Answer, Assessment, DimensionScore
from brobygger.leadership.statements import VERSION_1
from brobygger.testing.audit import records_of
from conftest import make_user

# SHA-256 of VERSION_1 as [[key, dimension, Danish text, reverse], ...] (see `_canonical`).
VERSION_1_SHA256 = "45940a93947f1ec3b2acb731187399645c30e279347dca2ed5cf03fc25fe27a9"


def answers(value=3, version=1) -> dict[str, int]:
    """The same answer to every statement of the version."""
    return {s.key: value for s in instrument.statements(version)}


def scoring(strong=(), version=1) -> dict[str, int]:
    """Answers that score 100 on the `strong` dimensions and 0 on the others."""
    return {
        s.key: (5 if (s.dimension in strong) != s.reverse else 1) for s in instrument.statements(version)
    }


def expected_scores(given: dict[str, int], version=1) -> dict[str, int]:
    """Computed here from the statements: reverse-keyed answers turned round, the mean put on
    0–100, rounded half up."""
    keyed: dict[str, list[int]] = {}
    for s in instrument.statements(version):
        keyed.setdefault(s.dimension, []).append(6 - given[s.key] if s.reverse else given[s.key])
    return {
        dimension: int(
            ((Decimal(sum(values)) / len(values) - 1) / 4 * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        )
        for dimension, values in keyed.items()
    }


def complete(user, given=None):
    return services.assessment_save(actor=user, answers=given if given is not None else answers(), complete=True)


def scores_of(assessment) -> dict[str, int]:
    return dict(DimensionScore.objects.filter(assessment=assessment).values_list("dimension", "score"))


def everything():
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Assessment, Answer, DimensionScore)
    }


@pytest.fixture
def leader(db):
    return make_user("leder", None)


# --- Scoring --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_the_same_answer_everywhere_scores_as_computed_from_the_statements(leader, value):
    """All 5s is not 100: each role and challenge has a reverse-keyed statement, turned round."""
    given = answers(value)
    assessment = complete(leader, given)
    assert scores_of(assessment) == expected_scores(given)
    assert set(scores_of(assessment)) == set(Dimension.values)
    if value == 5:
        assert set(scores_of(assessment).values()) == {75}
    if value == 1:
        assert set(scores_of(assessment).values()) == {25}


def test_agreeing_with_every_role_and_disagreeing_with_the_reversed_scores_100(leader):
    assessment = complete(leader, scoring(strong=Dimension.values))
    assert set(scores_of(assessment).values()) == {100}
    assert set(scores_of(complete(leader, scoring(strong=()))).values()) == {0}


def test_a_half_is_rounded_up(leader):
    """Keyed answers 1, 1, 1, 3 have the mean 1.5: 12.5 on 0–100, shown as 13 (not 12)."""
    reverse_medspiller = next(s.key for s in VERSION_1 if s.dimension == Dimension.MEDSPILLER and s.reverse)
    given = {**scoring(strong=()), reverse_medspiller: 3}
    assessment = complete(leader, given)
    assert scores_of(assessment)[Dimension.MEDSPILLER] == 13
    assert scores_of(assessment) == expected_scores(given)


def test_mixed_answers_score_as_computed(leader):
    given = {s.key: (index * 7) % 5 + 1 for index, s in enumerate(VERSION_1)}
    assert scores_of(complete(leader, given)) == expected_scores(given)


# --- Completing and drafts ------------------------------------------------------------------


def test_completing_with_missing_answers_names_each_and_saves_nothing(leader):
    given = answers()
    left_out = [VERSION_1[0].key, VERSION_1[5].key, VERSION_1[-1].key]
    for key in left_out:
        del given[key]

    with pytest.raises(ValidationError) as refused:
        complete(leader, given)

    assert sorted(refused.value.message_dict) == sorted(left_out)
    assert everything() == {"Assessment": [], "Answer": [], "DimensionScore": []}


def test_a_draft_keeps_partial_answers_and_is_finished_later(leader):
    first_half = dict(list(answers(4).items())[:10])
    draft = services.assessment_save(actor=leader, answers=first_half)
    assert not draft.is_completed
    assert selectors.answers_of(draft) == first_half
    assert selectors.draft_of(leader) == draft

    # Completing with still too few answers refuses and keeps the draft as it was.
    before = everything()
    with pytest.raises(ValidationError):
        services.assessment_save(actor=leader, answers={VERSION_1[20].key: 2}, complete=True)
    assert everything() == before

    rest = {key: 2 for key in answers() if key not in first_half}
    finished = services.assessment_save(actor=leader, answers=rest, complete=True)
    assert finished.pk == draft.pk
    assert finished.is_completed
    assert selectors.answers_of(finished) == {**first_half, **rest}
    assert scores_of(finished) == expected_scores({**first_half, **rest})
    assert selectors.draft_of(leader) is None


def test_a_changed_answer_in_a_draft_is_kept(leader):
    key = VERSION_1[0].key
    services.assessment_save(actor=leader, answers={key: 1})
    draft = services.assessment_save(actor=leader, answers={key: 5})
    assert selectors.answers_of(draft) == {key: 5}


@pytest.mark.parametrize("value", [0, 6, -1, "x", "", None, 2.5])
def test_answers_outside_1_to_5_are_refused(leader, value):
    key = VERSION_1[3].key
    with pytest.raises(ValidationError) as refused:
        services.assessment_save(actor=leader, answers={VERSION_1[0].key: 3, key: value})
    assert list(refused.value.message_dict) == [key]
    assert everything() == {"Assessment": [], "Answer": [], "DimensionScore": []}


def test_an_unknown_statement_is_refused(leader):
    with pytest.raises(ValidationError) as refused:
        services.assessment_save(actor=leader, answers={**answers(), "v1-findes-ikke": 3}, complete=True)
    assert list(refused.value.message_dict) == ["v1-findes-ikke"]
    assert not Assessment.objects.exists()


def test_one_draft_per_person(leader):
    other = make_user("anden", None)
    first = services.assessment_save(actor=leader, answers={VERSION_1[0].key: 3})
    again = services.assessment_save(actor=leader, answers={VERSION_1[1].key: 3})
    theirs = services.assessment_save(actor=other, answers={VERSION_1[0].key: 3})
    assert again.pk == first.pk
    assert theirs.pk != first.pk
    assert Assessment.objects.filter(user=leader).count() == 1

    services.assessment_save(actor=leader, answers=answers(), complete=True)
    next_draft = services.assessment_save(actor=leader, answers={VERSION_1[0].key: 5})
    assert next_draft.pk != first.pk
    assert Assessment.objects.filter(user=leader, completed_at__isnull=True).get() == next_draft


# --- Versions -------------------------------------------------------------------------------


def version_2() -> tuple:
    """Test data: a second version with one changed statement and new keys."""
    changed = [dataclasses.replace(s, key=s.key.replace("v1-", "v2-")) for s in VERSION_1]
    changed[0] = dataclasses.replace(changed[0], text="Jeg byder selv ind med idéer.")
    return tuple(changed)


@pytest.fixture
def two_versions(monkeypatch):
    second = version_2()
    monkeypatch.setattr("brobygger.leadership.instrument._versions", lambda: {1: VERSION_1, 2: second})
    return second


def test_an_assessment_keeps_the_version_it_was_started_in(leader, monkeypatch):
    draft = services.assessment_save(actor=leader, answers={VERSION_1[0].key: 4})
    assert draft.version == 1
    second = version_2()
    monkeypatch.setattr("brobygger.leadership.instrument._versions", lambda: {1: VERSION_1, 2: second})

    # Version 2's keys are unknown to a version 1 draft; version 1's complete it.
    with pytest.raises(ValidationError):
        services.assessment_save(actor=leader, answers={second[0].key: 4})
    finished = complete(leader, answers(4))
    assert (finished.pk, finished.version) == (draft.pk, 1)
    assert scores_of(finished) == expected_scores(answers(4))

    newer = complete(leader, answers(4, version=2))
    assert newer.version == 2


def test_the_trend_compares_only_assessments_of_the_same_version(leader, two_versions, monkeypatch):
    monkeypatch.setattr("brobygger.leadership.instrument._versions", lambda: {1: VERSION_1})
    old_1 = complete(leader, scoring(strong=()))
    old_2 = complete(leader, scoring(strong=ROLES))
    monkeypatch.setattr("brobygger.leadership.instrument._versions", lambda: {1: VERSION_1, 2: two_versions})
    new_1 = complete(leader, scoring(strong=(), version=2))
    new_2 = complete(leader, scoring(strong=CHALLENGES, version=2))

    latest = selectors.profile(assessment=new_2, user=leader)
    assert [a.pk for a in latest.trend] == [new_1.pk, new_2.pk]
    assert {a.pk for a in latest.other_versions} == {old_1.pk, old_2.pk}
    assert latest.previous.pk == new_1.pk
    # Compared with version 2's first, not with version 1's second (which scored 100 on roles).
    assert {line.change for line in latest.roles} == {0}
    assert {line.change for line in latest.challenges} == {100}

    first_of_2 = selectors.profile(assessment=new_1, user=leader)
    assert [a.pk for a in first_of_2.trend] == [new_1.pk]
    assert first_of_2.previous is None
    assert {line.change for line in first_of_2.roles} == {None}

    older = selectors.profile(assessment=old_2, user=leader)
    assert [a.pk for a in older.trend] == [old_1.pk, old_2.pk]
    assert {line.change for line in older.roles} == {100}


def _canonical(statements) -> str:
    with translation.override(None):  # the Danish source texts
        rows = [[s.key, str(s.dimension.value), str(s.text), s.reverse] for s in statements]
    return json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def test_version_1_is_never_edited():
    digest = hashlib.sha256(_canonical(VERSION_1).encode()).hexdigest()
    assert digest == VERSION_1_SHA256, (
        "Version 1 of the self-assessment's statements has changed (a Danish text, key, dimension "
        "or reverse flag). Published versions are never edited: old assessments were answered to "
        "these words. Restore VERSION_1 and add the change as a new version in "
        "brobygger/leadership/statements.py (and instrument._versions)."
    )
    assert instrument.statements(1) is VERSION_1


@pytest.mark.parametrize("version", sorted(instrument.versions()))
def test_every_role_and_challenge_has_four_statements_and_a_reversed_one(version):
    statements = instrument.statements(version)
    assert len({s.key for s in statements}) == len(statements)
    for dimension in (*ROLES, *CHALLENGES):
        mine = [s for s in statements if s.dimension == dimension]
        assert len(mine) >= 4, dimension
        assert any(s.reverse for s in mine), dimension
        assert any(not s.reverse for s in mine), dimension


# --- The person's alone ---------------------------------------------------------------------


def test_the_records_are_restricted_hold_no_answers_and_are_hidden_from_others(leader, landscape):
    draft = services.assessment_save(actor=leader, answers={VERSION_1[0].key: 4})
    complete(leader, answers(5))
    records = list(records_of(draft))

    assert [r.action for r in records] == [AuditAction.CREATED, AuditAction.CHANGED]
    for entry in records:
        assert entry.restricted
        assert set(entry.changes) <= {"completed_at"}
        assert not any(key.startswith("v1-") for key in json.dumps(entry.changes))
        assert hidden_from(entry, leader) is False
        assert hidden_from(entry, landscape.staff) is True
        assert hidden_from(entry, landscape.coordinator) is True


def test_deleting_an_assessment_removes_it_with_its_answers_and_scores(leader, landscape):
    assessment = complete(leader, answers(4))
    pk = assessment.pk

    with pytest.raises(PermissionDenied):
        services.assessment_delete(actor=landscape.staff, assessment=assessment)
    assert Assessment.objects.filter(pk=pk).exists()

    services.assessment_delete(actor=leader, assessment=assessment)

    assert everything() == {"Assessment": [], "Answer": [], "DimensionScore": []}
    deleted = records_of(Assessment(pk=pk)).get(action=AuditAction.DELETED)
    assert deleted.restricted and deleted.changes == {}
    assert hidden_from(deleted, leader) is False
    assert hidden_from(deleted, landscape.staff) is True
    assert selectors.completed_assessments(leader) == []
