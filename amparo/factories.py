"""factory_boy factories for tests: one `<Model>Factory` per model the tests build directly."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from amparo.accounts.models import Membership, Organisation, User
from amparo.advocacy.models import CongressionalOffice
from amparo.cases.models import Case
from amparo.courts.models import Court
from amparo.custody.models import Facility, FieldOffice, Placement
from amparo.people.models import Person
from amparo.relief.models import Request, RequestType

TEST_PASSWORD = "correct-horse-battery-staple-7"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Legal Organisation {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@amparo.test")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.ATTORNEY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    a_number = factory.Sequence(lambda n: f"{300000000 + n:09d}")
    country_of_birth = "MX"
    immigration_status = Person.ImmigrationStatus.LPR


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    organisation = factory.SelfAttribute("person.organisation")
    person = factory.SubFactory(PersonFactory)
    title = factory.LazyAttribute(lambda o: f"{o.person.family_name} — custody")
    opened_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))


class FieldOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOffice
        django_get_or_create = ("code",)

    code = "NOL"
    name = "New Orleans Field Office"


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    name = factory.Sequence(lambda n: f"Test Processing Center {n}")
    city = "Jena"
    state = "LA"
    field_office = factory.SubFactory(FieldOfficeFactory)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    case = factory.SubFactory(CaseFactory)
    facility = factory.SubFactory(FacilityFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=5))
    observed_at = factory.LazyFunction(timezone.now)
    source = Placement.Source.LOCATOR


class CourtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Court
        django_get_or_create = ("code",)

    kind = Court.Kind.DISTRICT
    code = "lawd"
    name = "United States District Court for the Western District of Louisiana"
    short_name = "W.D. La."


class RequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Request

    case = factory.SubFactory(CaseFactory)
    request_type = factory.LazyFunction(lambda: RequestType.objects.get(slug="humanitarian-parole"))
    reason = "Spouse due to give birth."


class CongressionalOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CongressionalOffice

    member_name = factory.Faker("name")
    chamber = CongressionalOffice.Chamber.HOUSE
    state = "NJ"
    district = "9"
