"""The only gate to protected data.

Every view, API endpoint, selector and command reaches a case, a client or anything hanging off a
case through these functions. A case that does not exist, belongs to another organisation, is
restricted to a team the user is not on, or is read-only for this user when writing, all raise
Http404: the four look the same from outside, so nothing reveals that a record exists.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from amparo.accounts.models import Membership, Organisation
from amparo.advocacy.models import Publication
from amparo.cases.models import Case
from amparo.core.rawsql import db_id, prepared_cursor
from amparo.core.related_rows import built_with, select_with
from amparo.people.identifiers import format_a_number, mask_a_number
from amparo.people.models import Person, Relative

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from amparo.accounts.models import User

    Actor = User | AnonymousUser

Role = Membership.Role

# Roles that may change case data.
WRITER_ROLES = frozenset({Role.ADMIN, Role.ATTORNEY, Role.PARALEGAL, Role.INTAKE})
# Advocacy staff work with public material only: no privileged notes, criminal history or
# full A-number (docs/access-control.md).
PRIVILEGED_READER_ROLES = frozenset(
    {Role.ADMIN, Role.ATTORNEY, Role.PARALEGAL, Role.INTAKE, Role.READ_ONLY}
)

# Advocacy staff also keep a case's advocacy records: privacy waivers, congressional inquiries,
# statements, allies and the public page (docs/access-control.md).
ADVOCACY_WRITER_ROLES = WRITER_ROLES | {Role.ADVOCATE}

# Roles that see who read and changed a case (the case's access log).
ACCESS_LOG_READER_ROLES = frozenset({Role.ADMIN, Role.ATTORNEY})

M = TypeVar("M", bound=models.Model)


def roles_of(user: Actor) -> dict[uuid.UUID, str]:
    """Organisation id → role for the user, cached on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached: dict[uuid.UUID, str] | None = getattr(user, "_amparo_roles", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user.__dict__["_amparo_roles"] = cached
    return cached


def remember_roles(user: Actor, roles: dict[uuid.UUID, str]) -> None:
    """Cache the roles a caller has just read with the user's memberships (see `roles_of`)."""
    if user.is_authenticated and user.is_active:
        user.__dict__["_amparo_roles"] = roles


def role_in(user: Actor, organisation_id: uuid.UUID) -> str | None:
    return roles_of(user).get(organisation_id)


def _orgs_with(user: Actor, roles: frozenset[str] | None = None) -> list[uuid.UUID]:
    return [org for org, role in roles_of(user).items() if roles is None or role in roles]


def _visibility(
    user: Actor, prefix: str = "", *, write: bool = False, advocacy: bool = False
) -> Q | None:
    """The cases the user may read (or change), as a condition on a case reached by `prefix`
    ("" for Case itself, "case__" for a record of a case); None when the user sees none.

    A condition on the joined case, rather than `case IN (every visible case)`, lets the
    database start from the records it is asked for (e.g. a few open deadlines)."""
    roles = ADVOCACY_WRITER_ROLES if advocacy else WRITER_ROLES if write else None
    member_of = _orgs_with(user, roles)
    if not member_of:
        return None
    user_id: uuid.UUID = user.pk  # type: ignore[assignment]  # authenticated: roles exist
    on_team = Case.team.through.objects.filter(user_id=user_id).values("case_id")
    readable = (
        Q(**{f"{prefix}restricted": False})
        | Q(**{f"{prefix}lead_attorney_id": user_id})
        | Q(**{f"{prefix}id__in": on_team})
    )
    administered = _orgs_with(user, frozenset({Role.ADMIN}))
    if administered:  # an organisation's admins read its restricted cases too
        readable |= Q(**{f"{prefix}organisation_id__in": administered})
    return Q(**{f"{prefix}organisation_id__in": member_of}) & readable


def cases_visible_to(user: Actor) -> QuerySet[Case]:
    """Root queryset: every case the user may read."""
    condition = _visibility(user)
    return Case.objects.none() if condition is None else Case.objects.filter(condition)


def cases_hidden_from(user: Actor) -> QuerySet[Case]:
    """The cases of the user's organisations that the user may not read (restricted to a team
    they are not on): what a count over the organisations' records leaves out for them."""
    condition = _visibility(user)
    if condition is None:
        return Case.objects.none()
    return Case.objects.filter(organisation_id__in=_orgs_with(user)).exclude(condition)


def cases_of_the_installation() -> QuerySet[Case]:
    """Every case of every organisation: only for the installation's operator on the command
    line (a report run without a user), never for a request."""
    return Case.objects.all()


def cases_writable_by(user: Actor) -> QuerySet[Case]:
    return cases_visible_to(user).filter(organisation_id__in=_orgs_with(user, WRITER_ROLES))


def cases_advocacy_writable_by(user: Actor) -> QuerySet[Case]:
    """Cases whose advocacy records (waivers, inquiries, statements, public page) the user keeps."""
    return cases_visible_to(user).filter(
        organisation_id__in=_orgs_with(user, ADVOCACY_WRITER_ROLES)
    )


def _case_scope(user: Actor, *, write: bool, advocacy: bool) -> QuerySet[Case]:
    if advocacy:
        return cases_advocacy_writable_by(user)
    return cases_writable_by(user) if write else cases_visible_to(user)


def _parse_id(value: Any) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise Http404("No such record.") from None


def case_for(user: Actor, case_id: Any, *, write: bool = False, advocacy: bool = False) -> Case:
    """The case if the user may read it (or change it, with write=True; or change its advocacy
    records, with advocacy=True); Http404 otherwise. Its client, organisation and lead attorney
    come with it (as `select_related` gives them)."""
    pk = _parse_id(case_id)
    scope = _scope_sql(user, write=write, advocacy=advocacy)
    case = None if scope is None else _case_read(pk, *scope)
    if case is None:
        raise Http404("No such case.")
    return case


# The condition of `_case_scope` as SQL, by what it is made of: the database, the user and their
# roles (`_visibility` reads nothing else; the team is a subquery the database answers). A
# profile of the case page found a fifth of the view in Django compiling the same condition on
# every request. A change of roles is a new key, so a cached text never outlives the roles it
# was made from.
_SCOPE_SQL: dict[tuple[Any, ...], tuple[str, tuple[Any, ...]] | None] = {}
_SCOPE_SQL_LIMIT = 4096
_NOT_COMPILED = object()


def _scope_sql(user: Actor, *, write: bool, advocacy: bool) -> tuple[str, tuple[Any, ...]] | None:
    """The WHERE of `_case_scope(user, …)` on the table's own name, and its parameters; None
    when the user may see no case at all."""
    roles = roles_of(user)
    key = (connection.vendor, user.pk, tuple(sorted(roles.items())), write, advocacy)
    cached = _SCOPE_SQL.get(key, _NOT_COMPILED)  # one look-up: another thread may clear it
    if cached is not _NOT_COMPILED:
        return cast(tuple[str, tuple[Any, ...]] | None, cached)
    query = _case_scope(user, write=write, advocacy=advocacy).query
    found: tuple[str, tuple[Any, ...]] | None
    try:
        sql, params = query.get_compiler(connection=connection).compile(query.where)
        found = (str(sql), tuple(params))
    except EmptyResultSet:  # `.none()`, or no organisation where the user holds such a role
        found = None
    if len(_SCOPE_SQL) >= _SCOPE_SQL_LIMIT:
        _SCOPE_SQL.clear()
    _SCOPE_SQL[key] = found
    return found


# What `case_for` reads with the case, as `select_related` would.
CASE_WITH = ("person", "organisation", "lead_attorney")


def _case_read(pk: uuid.UUID, scope: str, params: tuple[Any, ...]) -> Case | None:
    """The case `pk` if it meets `scope`, with `CASE_WITH`, read by one plain SQL statement
    into the objects the ORM builds (`core.related_rows`), on the primary as every plain-SQL
    read (the replica serves report pages, which reach cases through `cases_visible_to`)."""
    head, columns = select_with(Case, CASE_WITH, connection.vendor)
    with prepared_cursor() as cursor:
        cursor.execute(f"{head} AND ({scope})", [db_id(pk), *params])
        row = cursor.fetchone()
    if row is None:
        return None
    return cast(Case, built_with(Case, CASE_WITH, columns, row))


def in_visible_cases(
    user: Actor, queryset: QuerySet[M], *, write: bool = False, advocacy: bool = False
) -> QuerySet[M]:
    """Narrow a queryset of a model with a `case` foreign key to the user's cases."""
    condition = _visibility(user, "case__", write=write, advocacy=advocacy)
    return queryset.none() if condition is None else queryset.filter(condition)


def case_item_for(
    user: Actor, model: type[M], item_id: Any, *, write: bool = False, advocacy: bool = False
) -> M:
    """A record that belongs to a case (request, court case, note…) through the case gate."""
    item = (
        in_visible_cases(user, model._default_manager.all(), write=write, advocacy=advocacy)
        .select_related("case")
        .filter(pk=_parse_id(item_id))
        .first()
    )
    if item is None:
        raise Http404("No such record.")
    return item


def people_visible_to(user: Actor) -> QuerySet[Person]:
    """Clients of the user's organisations, except those whose every case is hidden from them."""
    has_case = Exists(Case.objects.filter(person_id=OuterRef("pk")))
    return Person.objects.filter(organisation_id__in=_orgs_with(user)).filter(
        ~has_case | Q(id__in=cases_visible_to(user).values("person_id"))
    )


def person_for(user: Actor, person_id: Any, *, write: bool = False) -> Person:
    roles = WRITER_ROLES if write else None
    person = (
        people_visible_to(user)
        .filter(organisation_id__in=_orgs_with(user, roles))
        .filter(id=_parse_id(person_id))
        .first()
    )
    if person is None:
        raise Http404("No such person.")
    return person


def _one_organisation(user: Actor, roles: frozenset[str] | None, slug: str | None) -> Organisation:
    """The one organisation where the user holds one of `roles` (any role for None), chosen by
    `slug` among several; Http404 when none or several are left."""
    orgs = Organisation.objects.filter(id__in=_orgs_with(user, roles))
    if slug:
        orgs = orgs.filter(slug=slug)
    found = list(orgs[:2])
    if len(found) != 1:
        raise Http404("No such organisation.")
    return found[0]


def organisation_for(user: Actor, *, write: bool = False, slug: str | None = None) -> Organisation:
    """The organisation the user acts for; with several memberships, `slug` must choose one."""
    return _one_organisation(user, WRITER_ROLES if write else None, slug)


def advocacy_organisation_for(user: Actor, *, slug: str | None = None) -> Organisation:
    """The organisation whose allies the user keeps (writers and advocacy staff)."""
    return _one_organisation(user, ADVOCACY_WRITER_ROLES, slug)


def organisation_administered_by(user: Actor, *, slug: str | None = None) -> Organisation:
    """The organisation the user administers (a slug chooses one among several); Http404 for
    everyone else, so the audit log export reveals nothing to other roles."""
    return _one_organisation(user, frozenset({Role.ADMIN}), slug)


def membership_administered_by(user: Actor, membership_id: Any) -> Membership:
    """A membership of an organisation the user administers; Http404 for anything else."""
    found = (
        Membership.objects.select_related("user", "organisation")
        .filter(organisation_id__in=_orgs_with(user, frozenset({Role.ADMIN})))
        .filter(id=_parse_id(membership_id))
        .first()
    )
    if found is None:
        raise Http404("No such member.")
    return found


def can_write(user: Actor, case: Case) -> bool:
    return role_in(user, case.organisation_id) in WRITER_ROLES


def can_write_advocacy(user: Actor, case: Case) -> bool:
    return role_in(user, case.organisation_id) in ADVOCACY_WRITER_ROLES


def can_see_privileged(user: Actor, case: Case) -> bool:
    return role_in(user, case.organisation_id) in PRIVILEGED_READER_ROLES


def privileged_filtered(user: Actor | None, case: Case, records: QuerySet[M]) -> QuerySet[M]:
    """`records` of `case` that carry a `privileged` flag (notes, documents), less the privileged
    ones for a role that may not see privileged material. `None` is the installation itself (a
    command run without --as-user), which sees everything, as it does every case."""
    if user is None or can_see_privileged(user, case):
        return records
    return records.filter(privileged=False)


def relatives_of(user: Actor | None, person: Person) -> QuerySet[Relative]:
    """The client's family contacts, for roles that see the client's full identity (advocacy
    staff work with public material only). `None` is the installation itself."""
    relatives = Relative.objects.filter(person=person)
    if user is None or sees_full_identity(user, person.organisation_id):
        return relatives
    return relatives.none()


def is_org_admin(user: Actor, organisation_id: uuid.UUID) -> bool:
    return role_in(user, organisation_id) == Role.ADMIN


def can_read_access_log(user: Actor, case: Case) -> bool:
    """Who read and changed a case is shown to the organisation's admins and attorneys."""
    return role_in(user, case.organisation_id) in ACCESS_LOG_READER_ROLES


def access_log_case_for(user: Actor, case_id: Any) -> Case:
    """The case whose access log the user may read; Http404 otherwise (as for any case)."""
    case = case_for(user, case_id)
    if not can_read_access_log(user, case):
        raise Http404("No such case.")
    return case


def organisations_searchable_by_a_number(user: Actor) -> list[uuid.UUID]:
    """Organisations where the user sees full A-numbers, and so may look cases up by one;
    elsewhere a match would confirm a number they only see masked."""
    return _orgs_with(user, PRIVILEGED_READER_ROLES)


def sees_full_identity(user: Actor, organisation_id: uuid.UUID) -> bool:
    """Full A-number and criminal history: every role but advocacy staff."""
    return _reads_full_identity(role_in(user, organisation_id))


def _reads_full_identity(role: str | None) -> bool:
    return role in PRIVILEGED_READER_ROLES


def a_number_shown(user: Actor, person: Person) -> str | None:
    """The A-number as this user may see it: full, or masked to the last three digits."""
    return a_number_shown_of(user, person.organisation_id, person.a_number)


def a_number_shown_of(user: Actor, organisation_id: uuid.UUID, a_number: str | None) -> str | None:
    """`a_number_shown` from the person's organisation and A-number (a list read as values)."""
    return a_numbers_shown_to(user)(organisation_id, a_number)


def a_numbers_shown_to(user: Actor) -> Callable[[uuid.UUID, str | None], str | None]:
    """`a_number_shown_of` for the rows of a list: the user's roles are read once, not once a
    row through the request's lazy user object."""
    roles = roles_of(user)

    def shown(organisation_id: uuid.UUID, a_number: str | None) -> str | None:
        if not a_number:
            return None
        if _reads_full_identity(roles.get(organisation_id)):
            return format_a_number(a_number)
        return mask_a_number(a_number)

    return shown


def publication_live(slug: str) -> Publication:
    """The public gate: a case's public page by its unguessable slug, for anyone, signed in or
    not, while consent stands. Withdrawn, unknown and malformed slugs all raise Http404."""
    publication = (
        Publication.objects.select_related("case__organisation")
        .filter(slug=str(slug)[:40], withdrawn_at__isnull=True)
        .first()
    )
    if publication is None:
        raise Http404("No such page.")
    return publication
