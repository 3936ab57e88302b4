"""The vocabulary of mtib: immutable records and the closed vocabularies they use.

Every record is an ``attrs`` frozen, slotted class. Records refer to each other by
id (a string); the :class:`mtib.Dataset` resolves those ids and keeps the reverse
indexes. Bilingual names and texts are :class:`Text` values; a translation that
does not exist is ``None`` (never machine-made).

>>> Text(nl="Energie", en="Energy").get("en")
'Energy'
>>> HelixSphere.INDUSTRY.value
'industry'
"""

from __future__ import annotations

import datetime
import enum
import operator
import re
from collections.abc import Iterable
from decimal import Decimal

import attrs

from mtib.core import fields as rules
from mtib.core.fields import (
    INDICATOR_RE,
    TARGET_RE,
    FieldError,
    field,
)
from mtib.core.labels import Lang, enum_label
from mtib.core.views import Viewable

__all__ = [
    "CURRENCIES",
    "QUADRUPLE_HELIX",
    "TKI",
    "TRIPLE_HELIX",
    "Agenda",
    "Category",
    "Concept",
    "Covenant",
    "EnvironmentalChange",
    "Event",
    "Evidence",
    "Fact",
    "Goal",
    "HealthDimension",
    "HelixSphere",
    "HelixType",
    "Indicator",
    "Initiative",
    "Instrument",
    "InstrumentKind",
    "Lang",
    "Mission",
    "Money",
    "Organisation",
    "OrganisationKind",
    "Participant",
    "Partnership",
    "PartnershipKind",
    "PartnershipStatus",
    "Period",
    "Rate",
    "Record",
    "Role",
    "SDGLink",
    "SDGRelation",
    "Source",
    "SourceKind",
    "Target",
    "Text",
    "Theme",
    "ThemeKind",
    "Topsector",
    "classify",
]


CURRENCIES: frozenset[str] = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL
    BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP
    ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR
    IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL
    LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
    NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD
    SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX
    USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL
    """.split()  # noqa: SIM905
)
"""ISO 4217 codes of the currencies in circulation, the values :class:`Money` accepts."""


# --------------------------------------------------------------------------- enums


class HelixSphere(enum.Enum):
    """A sphere of the helix model of innovation.

    The triple helix joins industry, academia and government; the quadruple helix
    adds civil society.

    >>> HelixSphere("civil_society") is HelixSphere.CIVIL_SOCIETY
    True
    >>> HelixSphere.ACADEMIA.label("nl")
    'kennisinstellingen'
    """

    INDUSTRY = "industry"
    """Ondernemers and bedrijfsleven: companies and their associations."""
    ACADEMIA = "academia"
    """Onderzoekers and kennisinstellingen: universities, hogescholen, research institutes."""
    GOVERNMENT = "government"
    """Overheid: ministries, provinces, municipalities, public agencies and funders."""
    CIVIL_SOCIETY = "civil_society"
    """Burgers, burgerinitiatieven, cooperaties, NGOs, foundations, care institutions."""

    def label(self, lang: Lang = "en") -> str:
        """The sphere's name in Dutch or English.

        >>> HelixSphere.CIVIL_SOCIETY.label()
        'civil society'
        """
        return enum_label(self, lang)


class HelixType(enum.Enum):
    """The helix classification of a set of spheres (see :func:`classify`).

    >>> HelixType.QUADRUPLE.label("nl")
    'quadruple helix'
    """

    QUADRUPLE = "quadruple"
    """All four spheres: industry, academia, government and civil society."""
    TRIPLE = "triple"
    """Industry, academia and government, without civil society."""
    PARTIAL = "partial"
    """Any other combination, including none at all."""

    def label(self, lang: Lang = "en") -> str:
        """The classification's name in Dutch or English.

        >>> HelixType.PARTIAL.label("nl")
        'gedeeltelijk'
        """
        return enum_label(self, lang)


TRIPLE_HELIX: frozenset[HelixSphere] = frozenset({HelixSphere.INDUSTRY, HelixSphere.ACADEMIA, HelixSphere.GOVERNMENT})
"""Industry, academia and government."""
QUADRUPLE_HELIX: frozenset[HelixSphere] = TRIPLE_HELIX | {HelixSphere.CIVIL_SOCIETY}
"""The triple helix and civil society."""


def classify(spheres: Iterable[HelixSphere]) -> HelixType:
    """The helix classification of a set of spheres.

    All four spheres make a quadruple helix; industry, academia and government
    without civil society make a triple helix; anything else (including no
    spheres at all) is partial.

    >>> classify([HelixSphere.INDUSTRY, HelixSphere.ACADEMIA, HelixSphere.GOVERNMENT]).value
    'triple'
    >>> classify([]).value
    'partial'
    """
    present = frozenset(spheres)
    if present >= QUADRUPLE_HELIX:
        return HelixType.QUADRUPLE
    if present >= TRIPLE_HELIX:
        return HelixType.TRIPLE
    return HelixType.PARTIAL


class SourceKind(enum.Enum):
    """What kind of document a :class:`Source` is.

    >>> SourceKind("policy_letter")
    <SourceKind.POLICY_LETTER: 'policy_letter'>
    """

    POLICY_NOTE = "policy_note"
    """The policy note mtib was created from (and similar notes)."""
    POLICY_LETTER = "policy_letter"
    """A letter of a minister to parliament (Kamerbrief) or another official policy letter."""
    OFFICIAL_PUBLICATION = "official_publication"
    """A publication in the Staatscourant, a Kamerstuk, a UN resolution."""
    WEB_PAGE = "web_page"
    """A page of an organisation's website."""
    NEWS = "news"
    """A news item or press release."""
    ARTICLE = "article"
    """A scholarly or journalistic article."""
    REPORT = "report"
    """A report, evaluation or annual review."""
    DATASET = "dataset"
    """A machine-readable dataset."""


class OrganisationKind(enum.Enum):
    """What kind of organisation an :class:`Organisation` is.

    >>> OrganisationKind("topsector_office").name
    'TOPSECTOR_OFFICE'
    """

    COMPANY = "company"
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    FUNDER = "funder"
    MINISTRY = "ministry"
    PUBLIC_AGENCY = "public_agency"
    TOPSECTOR_OFFICE = "topsector_office"
    """The office of a topsector or a TKI."""
    NGO = "ngo"
    COOPERATIVE = "cooperative"
    CARE_INSTITUTION = "care_institution"
    NETWORK = "network"
    """An association, platform or coalition of organisations."""


class Role(enum.Enum):
    """The role of an organisation in a partnership.

    >>> Role.CO_FUNDER.value
    'co_funder'
    """

    COORDINATOR = "coordinator"
    PARTNER = "partner"
    FUNDER = "funder"
    CO_FUNDER = "co_funder"
    SIGNATORY = "signatory"
    THIRD_PARTY = "third_party"
    """A third party linked to a participant (CORDIS role ``thirdParty``)."""
    ASSOCIATED_PARTNER = "associated_partner"
    """An associated partner, without funding of its own (CORDIS ``associatedPartner``)."""


class PartnershipKind(enum.Enum):
    """The form a :class:`Partnership` takes.

    >>> PartnershipKind("green_deal").name
    'GREEN_DEAL'
    """

    PPP_CONSORTIUM = "ppp_consortium"
    PROGRAMME = "programme"
    GREEN_DEAL = "green_deal"
    PROJECT = "project"
    INVESTMENT = "investment"


class PartnershipStatus(enum.Enum):
    """Where a partnership stands in its life.

    >>> PartnershipStatus("active").name
    'ACTIVE'
    """

    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"
    STOPPED = "stopped"
    """Ended before its planned end, as a source states."""
    UNKNOWN = "unknown"


class Evidence(enum.Enum):
    """How well a claim is supported.

    >>> Evidence.REPORTED.value
    'reported'
    """

    CONFIRMED = "confirmed"
    """Confirmed at a public source that is cited."""
    REPORTED = "reported"
    """Reported by its cited source(s) only; not confirmed elsewhere."""


class ThemeKind(enum.Enum):
    """A societal theme, or a theme that cuts across the others.

    >>> ThemeKind.CROSS_CUTTING.value
    'cross_cutting'
    """

    SOCIETAL = "societal"
    CROSS_CUTTING = "cross_cutting"


class InstrumentKind(enum.Enum):
    """What kind of policy instrument a scheme is.

    >>> InstrumentKind("allowance").name
    'ALLOWANCE'
    """

    ALLOWANCE = "allowance"
    """A supplement paid in proportion to private contributions (Dutch: *toeslag*)."""
    SUBSIDY = "subsidy"
    """A grant scheme: applicants receive a contribution to the cost of their project."""
    TAX_INCENTIVE = "tax_incentive"
    """A reduction of taxes or contributions for qualifying work."""
    LOAN = "loan"
    """A (credit) loan or other repayable financing."""


class SDGRelation(enum.Enum):
    """How a record relates to an SDG goal or target.

    >>> SDGRelation("direct").name
    'DIRECT'
    """

    DIRECT = "direct"
    """The record's aim is a direct contribution to the goal or target."""
    INDIRECT = "indirect"
    """The record contributes as a side effect or through enabling conditions."""


class EnvironmentalChange(enum.Enum):
    """Global environmental change, the first half of the planetary-health framing.

    >>> EnvironmentalChange("biodiversity_loss").label("nl")
    'verlies van biodiversiteit'
    """

    CLIMATE_CHANGE = "climate_change"
    BIODIVERSITY_LOSS = "biodiversity_loss"
    POLLUTION = "pollution"
    DEFORESTATION = "deforestation"

    def label(self, lang: Lang = "en") -> str:
        """The tag's name in Dutch or English.

        >>> EnvironmentalChange.POLLUTION.label()
        'pollution'
        """
        return enum_label(self, lang)


class HealthDimension(enum.Enum):
    """Dimensions of human health, the second half of the planetary-health framing.

    >>> HealthDimension("mental_well_being").label()
    'mental well-being'
    """

    DISEASE = "disease"
    MENTAL_WELL_BEING = "mental_well_being"
    HUNGER = "hunger"
    VIOLENCE = "violence"
    HEALTH_EQUITY = "health_equity"
    HEALTH_CARE = "health_care"
    NUTRITION = "nutrition"
    INFECTION = "infection"

    def label(self, lang: Lang = "en") -> str:
        """The tag's name in Dutch or English.

        >>> HealthDimension.HEALTH_CARE.label("nl")
        'gezondheidszorg'
        """
        return enum_label(self, lang)


# ------------------------------------------------------------------ value objects


def _nonblank(value: str | None) -> bool:
    return value is not None and value.strip() != ""


def _check_text(_: object, __: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and value.strip() == "":
        raise ValueError("must not be blank (use null for a missing text)")


@attrs.frozen
class Text:
    """A text in Dutch and English; a missing translation is ``None``.

    >>> name = Text(nl="Gezondheid & Zorg", en="Health & Care")
    >>> name.get("nl"), name.get("en")
    ('Gezondheid & Zorg', 'Health & Care')
    >>> Text(nl="Kringlooplandbouw").get("en")  # falls back to the other language
    'Kringlooplandbouw'
    >>> Text(nl="Kringlooplandbouw").get("en", fallback=False) is None
    True
    """

    nl: str | None = field("the Dutch text", default=None, validator=rules.text)
    en: str | None = field("the English text", default=None, validator=rules.text)

    def __attrs_post_init__(self) -> None:
        if self.nl is None and self.en is None:
            raise ValueError("a text needs at least one of 'nl' and 'en'")

    def get(self, lang: Lang = "en", fallback: bool = True) -> str | None:
        """The text in ``lang``, or in the other language when ``fallback`` allows.

        >>> Text(nl="Energie", en="Energy").get("nl")
        'Energie'
        >>> Text(en="Key enabling technologies").get("nl"), Text(en="KETs").get("nl", fallback=False)
        ('Key enabling technologies', None)
        """
        first, second = (self.nl, self.en) if lang == "nl" else (self.en, self.nl)
        if first is not None or not fallback:
            return first
        return second

    def __str__(self) -> str:
        return self.get("en") or ""

    def values(self) -> tuple[str, ...]:
        """The texts that exist, Dutch first.

        >>> Text(nl="Water", en="Water").values()
        ('Water', 'Water')
        """
        return tuple(v for v in (self.nl, self.en) if v is not None)


@attrs.frozen
class Period:
    """A span of years, both ends inclusive; an open end is ``None``.

    >>> p = Period(start=2021, end=2024)
    >>> p.contains(2021), p.contains(2025)
    (True, False)
    >>> Period(start=2019).contains(2030)
    True
    """

    start: int | None = field("the first year (None: unknown)", default=None, validator=rules.year)
    end: int | None = field("the last year (None: open or unknown)", default=None, validator=rules.year)

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")

    def contains(self, year: int) -> bool:
        """Whether ``year`` falls within the period (an unknown start or end is open).

        >>> Period(end=2020).contains(1990), Period(start=2021, end=2024).contains(2024)
        (True, True)
        """
        if self.start is not None and year < self.start:
            return False
        return not (self.end is not None and year > self.end)

    def __str__(self) -> str:
        start = "?" if self.start is None else str(self.start)
        end = "" if self.end is None else str(self.end)
        return f"{start}-{end}" if end != start else start


@attrs.frozen
class Money:
    """An amount of money in an ISO 4217 currency.

    >>> Money(Decimal("5400000"), "EUR")
    Money(amount=Decimal('5400000'), currency='EUR')
    >>> str(Money(Decimal("5400000"), "EUR"))
    'EUR 5,400,000'
    """

    amount: Decimal = field("the amount, a finite number not below zero")
    currency: str = field("an ISO 4217 currency code", default="EUR")

    def __attrs_post_init__(self) -> None:
        if not self.amount.is_finite():
            raise ValueError(f"amount must be a finite number, not {self.amount}")
        if self.amount < 0:
            raise ValueError(f"amount must not be negative, got {self.amount}")
        if self.currency not in CURRENCIES:
            raise ValueError(f"unknown currency {self.currency!r} (use an ISO 4217 code such as 'EUR')")

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,}"


@attrs.frozen
class Rate:
    """A rate of an instrument: a percentage of a basis, for a span of years.

    >>> r = Rate(Decimal("30"), Period(start=2018), basis=Text(en="private R&D contribution"))
    >>> str(r)
    '30% (2018-)'
    """

    percent: Decimal = field("the percentage, 0 to 100")
    period: Period | None = field("the years the rate applies to", default=None)
    basis: Text | None = field("what the percentage is of", default=None)

    def __attrs_post_init__(self) -> None:
        if not self.percent.is_finite() or not 0 <= self.percent <= 100:
            raise ValueError(f"percent must be a number from 0 to 100, got {self.percent}")

    def __str__(self) -> str:
        return f"{self.percent}%" + (f" ({self.period})" if self.period is not None else "")


_NUMBER = re.compile(r"[0-9]{1,6}\Z")
_CODE = re.compile(r"[0-9]{1,6}\.[0-9a-z]{1,3}\Z")


@attrs.frozen
class SDGLink:
    """A link from a theme, mission or partnership to an SDG goal or one of its targets.

    >>> link = SDGLink(goal=3, target="3.3", relation=SDGRelation.DIRECT,
    ...                rationale=Text(en="Curbs antimicrobial resistance."))
    >>> link.code
    '3.3'
    """

    goal: int = field("the SDG goal number, 1 to 17", ref="sdgs", soft=True)
    target: str | None = field("the code of an SDG target of that goal", default=None, ref="sdg_targets", soft=True)
    relation: SDGRelation = field("direct or indirect", default=SDGRelation.DIRECT)
    rationale: Text | None = field("why the record links to the goal or target", default=None)

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.goal <= 17:
            raise ValueError(f"SDG goal must be 1-17, got {self.goal}")
        if self.target is not None:
            if not TARGET_RE.match(self.target):
                raise ValueError(f"malformed SDG target code {self.target!r} (expected e.g. '3.3' or '1.a')")
            if self.target.split(".")[0] != str(self.goal):
                raise ValueError(f"target {self.target} does not belong to goal {self.goal}")

    @property
    def code(self) -> str:
        """The target code, or the goal number as a string.

        >>> SDGLink(goal=13).code, SDGLink(goal=1, target="1.a").code
        ('13', '1.a')
        """
        return self.target if self.target is not None else str(self.goal)

    def __str__(self) -> str:
        return self.code

    SHORTHAND = "a goal number or a target code, such as 3 or '6.1'"
    """What a file may write instead of a mapping (see :meth:`shorthand`)."""

    @staticmethod
    def shorthand(value: object) -> object:
        """The mapping form of a link a file writes short: a goal number (``3``, ``"3"``) or a
        target code (``"6.1"``); a mapping whose ``goal`` is a quoted number gets it as a number.
        Anything else is returned as it is, for the strict structuring to report.

        >>> SDGLink.shorthand(3), SDGLink.shorthand("6.1"), SDGLink.shorthand({"goal": "3"})
        ({'goal': 3}, {'goal': 6, 'target': '6.1'}, {'goal': 3})
        """
        if isinstance(value, dict):
            goal = value.get("goal")
            if isinstance(goal, str) and _NUMBER.fullmatch(goal):
                return {**value, "goal": int(goal)}
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return {"goal": value}
        if isinstance(value, str):
            text = value.strip()
            if _NUMBER.fullmatch(text):  # the goal's range is checked by the link itself
                return {"goal": int(text)}
            if _CODE.fullmatch(text):  # and so is the target's form
                return {"goal": int(text.split(".")[0]), "target": text}
        return value


_distinct_links = rules.unique_by(operator.attrgetter("goal", "target"), lambda link: f"SDG {link.code}")
"""An SDG goal or target is linked once (with one relation and one rationale)."""


@attrs.frozen
class Participant:
    """An organisation taking part in a partnership, in a role.

    ``sphere`` is filled in from the organisation when a dataset is built; it is
    never read from a data file.

    >>> Participant("tno", Role.FUNDER)
    Participant(organisation='tno', role=<Role.FUNDER: 'funder'>, sphere=None)
    """

    organisation: str = field("the id of the organisation", ref="organisations")
    role: Role = field("its role in the partnership", default=Role.PARTNER)
    sphere: HelixSphere | None = field(
        "the helix sphere, which comes from its organisation (filled in by the dataset)", default=None, derived=True
    )

    def __str__(self) -> str:
        return f"{self.organisation}:{self.role.value}"

    SHORTHAND = "an organisation id, or 'id:role'"
    """What a file may write instead of a mapping (see :meth:`shorthand`)."""

    @staticmethod
    def shorthand(value: object) -> object:
        """The mapping form of a participant a file writes short: ``"deltares"`` or
        ``"deltares:coordinator"`` (as CSV cells do). Anything else is returned as it is.

        >>> Participant.shorthand("deltares"), Participant.shorthand("tno:funder")
        ({'organisation': 'deltares'}, {'organisation': 'tno', 'role': 'funder'})
        """
        if not isinstance(value, str):
            return value
        organisation, sep, role = value.partition(":")
        return {"organisation": organisation.strip(), "role": role.strip()} if sep else {"organisation": value.strip()}


# ------------------------------------------------------------------------ records


@attrs.frozen
class Source(Viewable):
    """A document that records cite as evidence.

    A source needs a ``url``, except a policy note (which may exist only on paper).

    >>> s = Source(id="note", title="Topsectorenbeleid", kind=SourceKind.POLICY_NOTE)
    >>> s.url is None
    True
    >>> Source(id="page", title="A page")
    Traceback (most recent call last):
    ...
    mtib.core.fields.FieldError: url: missing required field (only a policy note may have no URL)
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    title: str = field("the document's title, as published", validator=rules.nonblank)
    kind: SourceKind = field("what kind of document it is", default=SourceKind.WEB_PAGE)
    url: str | None = field("the web address of the document", default=None, validator=rules.url)
    publisher: str | None = field("who published it", default=None, validator=rules.text)
    date: datetime.date | None = field("the date of publication", default=None, validator=rules.day)
    year: int | None = field("the year of publication, where no date is known", default=None, validator=rules.year)
    language: str | None = field("the language of the document (ISO 639-1)", default=None, validator=rules.language)
    note: str | None = field("a note on what the source supports", default=None, validator=rules.text)

    def __attrs_post_init__(self) -> None:
        if self.url is None and self.kind is not SourceKind.POLICY_NOTE:
            raise FieldError(("url",), "missing required field (only a policy note may have no URL)")
        if self.date is not None and self.year is not None and self.date.year != self.year:
            raise FieldError(("year",), f"year {self.year} does not match date {self.date.isoformat()}")

    @property
    def published(self) -> int | None:
        """The year of publication, from ``date`` or ``year``.

        >>> Source(id="a", title="A", url="https://example.org/a", date=datetime.date(2019, 11, 13)).published
        2019
        >>> b = Source(id="b", title="B", url="https://example.org/b", year=2011)
        >>> c = Source(id="c", title="C", kind=SourceKind.POLICY_NOTE)
        >>> b.published, c.published
        (2011, None)
        """
        return self.date.year if self.date is not None else self.year


@attrs.frozen
class Organisation(Viewable):
    """An organisation, placed in one helix sphere.

    >>> o = Organisation(id="tno", name="TNO", sphere=HelixSphere.ACADEMIA,
    ...                  kind=OrganisationKind.RESEARCH_INSTITUTE)
    >>> o.sphere.value
    'academia'
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    name: str = field("the organisation's name", validator=rules.nonblank)
    sphere: HelixSphere = field("the helix sphere the organisation belongs to")
    kind: OrganisationKind | None = field("what kind of organisation it is", default=None)
    aliases: tuple[str, ...] = field("other names the record is known by", default=(), validator=rules.unique)
    country: str | None = field("the country of its seat (ISO 3166-1 alpha-2)", default=None, validator=rules.country)
    website: str | None = field("its web address", default=None, validator=rules.url)
    kvk: str | None = field(
        "its number in the Dutch Chamber of Commerce register (8 digits)", default=None, validator=rules.kvk
    )
    ror: str | None = field(
        "its Research Organization Registry id (https://ror.org/...)", default=None, validator=rules.ror
    )
    description: Text | None = field("a description in the project's own words", default=None)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )
    pic: str | None = field(
        "its Participant Identification Code in the EU's funding register (nine digits)",
        default=None,
        validator=rules.matching(re.compile(r"[0-9]{9}\Z"), "expected a PIC of nine digits, got {}"),
    )
    nuts: str | None = field(
        "the NUTS code of the region where it is established, such as 'NL32'",
        default=None,
        validator=rules.matching(re.compile(r"[A-Z]{2}[A-Z0-9]{0,3}\Z"), "expected a NUTS code such as 'NL32', got {}"),
    )
    sme: bool | None = field("whether it declared itself a small or medium-sized enterprise", default=None)


@attrs.frozen
class Topsector(Viewable):
    """One of the topsectors of Dutch enterprise policy.

    >>> t = Topsector(id="energie", name=Text(nl="Energie", en="Energy"), established=2011)
    >>> t.name.get("nl")
    'Energie'
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    name: Text = field("the topsector's name in Dutch and English")
    established: int = field("the year the topsector was established", validator=rules.year)
    acronym: str | None = field("its acronym or short name", default=None, validator=rules.text)
    aliases: tuple[str, ...] = field("other names the record is known by", default=(), validator=rules.unique)
    tkis: tuple[str, ...] = field("ids of the TKIs of the topsector", default=(), ref="tkis", validator=rules.unique)
    website: str | None = field("its web address", default=None, validator=rules.url)
    description: Text | None = field("a description in the project's own words", default=None)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )


@attrs.frozen
class TKI(Viewable):
    """A Topconsortium voor Kennis en Innovatie, the innovation arm of one or more topsectors.

    The topsectors a TKI belongs to list it in :attr:`Topsector.tkis`.

    >>> TKI(id="tki-dinalog", name=Text(nl="TKI Dinalog")).acronym is None
    True
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    name: Text = field("the TKI's name in Dutch and English")
    acronym: str | None = field("its acronym or short name", default=None, validator=rules.text)
    aliases: tuple[str, ...] = field("other names the record is known by", default=(), validator=rules.unique)
    established: int | None = field("the year the TKI was established", default=None, validator=rules.year)
    ended: int | None = field("the year the TKI ended", default=None, validator=rules.year)
    successor: str | None = field("the id of the TKI that took over its work", default=None, ref="tkis")
    website: str | None = field("its web address", default=None, validator=rules.url)
    description: Text | None = field("a description in the project's own words", default=None)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )

    def __attrs_post_init__(self) -> None:
        if self.established is not None and self.ended is not None and self.ended < self.established:
            raise FieldError(("ended",), f"ends ({self.ended}) before it was established ({self.established})")


@attrs.frozen
class Theme(Viewable):
    """A societal theme of the mission-driven policy, or a cross-cutting theme.

    >>> Theme(id="veiligheid", name=Text(nl="Veiligheid", en="Security"),
    ...       kind=ThemeKind.SOCIETAL).kind.value
    'societal'
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    name: Text = field("the theme's name in Dutch and English")
    kind: ThemeKind = field("societal or cross-cutting")
    aliases: tuple[str, ...] = field("other names the record is known by", default=(), validator=rules.unique)
    sdgs: tuple[SDGLink, ...] = field(
        "links to the SDG goals and targets the theme works on", default=(), validator=_distinct_links
    )
    description: Text | None = field("a description in the project's own words", default=None)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )


@attrs.frozen
class Mission(Viewable):
    """A mission of a theme: a statement of a societal goal with a target year.

    ``code`` is the mission's letter or number where a source confirms it
    (``"A"``, ``"II"``, ``"1"``), otherwise ``None``. ``parent`` points to the
    central mission a mission falls under.

    >>> m = Mission(id="lwv-2019-a", theme="lwv", code="A",
    ...             statement=Text(nl="In 2030 ..."), target_year=2030)
    >>> m.code
    'A'
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    theme: str = field("the id of the theme the mission belongs to", ref="themes")
    statement: Text = field("the mission's official text")
    code: str | None = field(
        "the mission's letter or number, where a source confirms it", default=None, validator=rules.text
    )
    name: Text | None = field("a short name of the mission", default=None)
    target_year: int | None = field("the year the mission aims at", default=None, validator=rules.year)
    period: Period | None = field("the years the mission belongs to (a policy period)", default=None)
    parent: str | None = field("the id of the central mission it falls under", default=None, ref="missions")
    aliases: tuple[str, ...] = field("other names the record is known by", default=(), validator=rules.unique)
    sdgs: tuple[SDGLink, ...] = field(
        "links to the SDG goals and targets the mission works on", default=(), validator=_distinct_links
    )
    evidence: Evidence = field("how well the record is supported: confirmed or reported", default=Evidence.REPORTED)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )


@attrs.frozen
class Goal(Viewable):
    """One of the 17 UN Sustainable Development Goals.

    >>> g = Goal(id="3", number=3, name=Text(nl="Goede gezondheid en welzijn",
    ...          en="Good health and well-being"))
    >>> g.number
    3
    """

    id: str = field("the goal's number as text, '1' to '17'")
    number: int = field("the goal's number, 1 to 17")
    name: Text = field("the goal's short name")
    title: Text | None = field("the goal's full title", default=None)
    aliases: tuple[str, ...] = field("other names the record is known by", default=(), validator=rules.unique)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.number <= 17 or self.id != str(self.number):
            raise ValueError(f"goal id {self.id!r} and number {self.number} must agree and be 1-17")


@attrs.frozen
class Target(Viewable):
    """A target of an SDG goal, such as ``"3.3"`` or ``"1.a"``.

    >>> Target(id="3.3", goal=3, title=Text(en="By 2030, end the epidemics ...")).goal
    3
    """

    id: str = field("the target's code, such as '3.3' or '1.a'")
    goal: int = field("the number of the goal the target belongs to", ref="sdgs")
    title: Text = field("the target's text")
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )

    def __attrs_post_init__(self) -> None:
        if not TARGET_RE.match(self.id) or self.id.split(".")[0] != str(self.goal):
            raise ValueError(f"target id {self.id!r} is not a target of goal {self.goal}")


@attrs.frozen
class Indicator(Viewable):
    """An SDG indicator such as ``"3.3.1"``; ``deleted`` marks the ones the UN removed.

    >>> Indicator(id="3.3.1", target="3.3", title=Text(en="Number of new HIV ...")).deleted
    False
    """

    id: str = field("the indicator's code, such as '3.3.1'")
    target: str = field("the code of the target the indicator measures", ref="sdg_targets")
    title: Text = field("the indicator's text")
    deleted: bool = field("whether the UN removed the indicator", default=False)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )

    def __attrs_post_init__(self) -> None:
        if not INDICATOR_RE.match(self.id) or self.id.rsplit(".", 1)[0] != self.target:
            raise ValueError(f"indicator id {self.id!r} is not an indicator of target {self.target!r}")


@attrs.frozen
class Partnership(Viewable):
    """A public-private partnership, programme, green deal, project or investment.

    >>> p = Partnership(id="x", name="X", topsectors=("lsh", "water"), sources=("s",),
    ...                 participants=(Participant("tno", Role.PARTNER, HelixSphere.ACADEMIA),
    ...                               Participant("vws", Role.FUNDER, HelixSphere.GOVERNMENT)))
    >>> p.cross_sectoral
    True
    >>> sorted(s.value for s in p.spheres)
    ['academia', 'government']
    >>> p.helix_type.value
    'partial'
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    name: str = field("the partnership's name, as its own pages give it", validator=rules.nonblank)
    kind: PartnershipKind = field("the form the partnership takes", default=PartnershipKind.PPP_CONSORTIUM)
    acronym: str | None = field("its acronym or short name", default=None, validator=rules.text)
    aliases: tuple[str, ...] = field("other names the record is known by", default=(), validator=rules.unique)
    description: Text | None = field("a description in the project's own words", default=None)
    topsectors: tuple[str, ...] = field(
        "ids of the topsectors it belongs to", default=(), ref="topsectors", required=True, validator=rules.unique
    )
    themes: tuple[str, ...] = field(
        "ids of the societal themes it works on", default=(), ref="themes", required=True, validator=rules.unique
    )
    missions: tuple[str, ...] = field(
        "ids of the missions a source ties it to", default=(), ref="missions", validator=rules.unique
    )
    sdgs: tuple[SDGLink, ...] = field(
        "links to the SDG goals and targets it works on", default=(), required=True, validator=_distinct_links
    )
    participants: tuple[Participant, ...] = field(
        "the organisations taking part, with their roles (an organisation once per role)",
        default=(),
        required=True,
        validator=rules.unique_by(
            operator.attrgetter("organisation", "role"), lambda p: f"{p.organisation!r} as {p.role.value}"
        ),
    )
    period: Period | None = field("the years it runs, both ends inclusive", default=None)
    budget: Money | None = field("its total budget", default=None)
    funding: Money | None = field(
        "the public funder's contribution (a grant, an award, the EU contribution)", default=None
    )
    status: PartnershipStatus = field("where it stands in its life", default=PartnershipStatus.UNKNOWN)
    environmental_change: frozenset[EnvironmentalChange] = field(
        "the kinds of global environmental change it addresses", default=frozenset()
    )
    health_dimensions: frozenset[HealthDimension] = field(
        "the dimensions of human health it addresses", default=frozenset()
    )
    website: str | None = field("its web address", default=None, validator=rules.url)
    evidence: Evidence = field("how well the record is supported: confirmed or reported", default=Evidence.REPORTED)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record (at least one)",
        default=(),
        ref="sources",
        required=True,
        validator=[rules.cited, rules.unique],
    )
    programme: str | None = field(
        "the funding programme, such as the CORDIS framework programme 'H2020'", default=None, validator=rules.text
    )
    topics: tuple[str, ...] = field(
        "codes of the programme's calls or topics it was funded under", default=(), validator=rules.unique
    )
    cordis_id: str | None = field(
        "its project id in CORDIS (the grant agreement number)",
        default=None,
        validator=rules.matching(re.compile(r"[0-9]{1,12}\Z"), "expected a CORDIS project id (digits), got {}"),
    )
    doi: str | None = field(
        "the DOI of its grant, such as '10.3030/101000001', without https://doi.org/",
        default=None,
        validator=rules.matching(
            re.compile(r"10\.[0-9]{4,9}/\S+\Z"), "expected a DOI such as '10.3030/101000001', got {}"
        ),
    )

    @property
    def spheres(self) -> frozenset[HelixSphere]:
        """The helix spheres of the participants (known once the dataset is built).

        >>> import mtib
        >>> sorted(s.value for s in mtib.load().partnerships["momentum"].spheres)
        ['academia', 'government', 'industry']
        """
        return frozenset(p.sphere for p in self.participants if p.sphere is not None)

    @property
    def helix_type(self) -> HelixType:
        """The helix classification of :attr:`spheres`.

        >>> import mtib
        >>> mtib.load().partnerships["momentum"].helix_type
        <HelixType.TRIPLE: 'triple'>
        """
        return classify(self.spheres)

    @property
    def cross_sectoral(self) -> bool:
        """Whether the partnership spans two or more topsectors.

        >>> Partnership(id="x", name="X", topsectors=("lsh",), sources=("s",)).cross_sectoral
        False
        """
        return len(self.topsectors) >= 2

    @property
    def sdg_goals(self) -> frozenset[int]:
        """The numbers of the SDG goals the partnership links to (directly or via a target).

        >>> links = (SDGLink(goal=3, target="3.9"), SDGLink(goal=12))
        >>> Partnership(id="x", name="X", sdgs=links, sources=("s",)).sdg_goals
        frozenset({3, 12})
        """
        return frozenset(link.goal for link in self.sdgs)

    def active_in(self, year: int, include_open: bool = False) -> bool:
        """Whether the partnership is known to be active in ``year`` (or, with ``include_open``,
        may be).

        *Known to be active*: its period starts in or before ``year`` and ends in or after it;
        a period with an open end counts when the partnership's status is ``active`` and
        ``year`` is not after the current year (a source says it runs; no one says until when).
        *Possibly active* (``include_open=True``): an unknown start or end is open, so any
        period that does not rule ``year`` out counts. No period: neither.

        >>> p = Partnership(id="x", name="X", period=Period(start=2021, end=2024), sources=("s",))
        >>> p.active_in(2022), p.active_in(2025), Partnership(id="y", name="Y", sources=("s",)).active_in(2022)
        (True, False, False)
        >>> q = Partnership(id="q", name="Q", period=Period(end=2029), sources=("s",))
        >>> q.active_in(1990), q.active_in(1990, include_open=True)
        (False, True)
        """
        period = self.period
        if period is None:
            return False
        if include_open:
            return period.contains(year)
        if period.start is None or year < period.start:
            return False
        if period.end is not None:
            return year <= period.end
        return self.status is PartnershipStatus.ACTIVE and year <= datetime.date.today().year


@attrs.frozen
class Fact(Viewable):
    """A quantitative or dated claim, as made by its sources.

    Claims about the same quantity share a ``topic``; when sources disagree, each
    claim is its own Fact, so they can be read side by side.

    >>> f = Fact(id="x", topic="healthcare-co2-share-nl", statement=Text(en="..."),
    ...          value=Decimal("7"), unit="%")
    >>> f.value
    Decimal('7')
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    topic: str = field("the quantity the claim is about; claims on one quantity share a topic")
    statement: Text = field("the claim, as its source makes it")
    value: Decimal | None = field("the number claimed", default=None)
    unit: str | None = field("the unit of the value (EUR, %, ...)", default=None, validator=rules.text)
    scope: str | None = field("what the value covers", default=None, validator=rules.text)
    year: int | None = field("the year the value is for", default=None, validator=rules.year)
    subjects: tuple[str, ...] = field(
        "ids of the records the claim is about", default=(), ref="*", validator=rules.unique
    )
    evidence: Evidence = field("how well the record is supported: confirmed or reported", default=Evidence.REPORTED)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )

    def __attrs_post_init__(self) -> None:
        if self.value is not None and not self.value.is_finite():
            raise ValueError(f"value must be a finite number, not {self.value}")


@attrs.frozen
class Event(Viewable):
    """A dated milestone in the history of the policy.

    Give a full ``date`` where it is known, or only the ``year``; a dataset fills
    in the year from the date.

    >>> e = Event(id="x", title=Text(nl="Kamerbrief"), date=datetime.date(2018, 7, 13))
    >>> e.when
    2018
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    title: Text = field("what happened")
    date: datetime.date | None = field("the day it happened", default=None, validator=rules.day)
    year: int | None = field("the year it happened, where no date is known", default=None, validator=rules.year)
    description: Text | None = field("a description in the project's own words", default=None)
    related: tuple[str, ...] = field("ids of the records it concerns", default=(), ref="*", validator=rules.unique)
    evidence: Evidence = field("how well the record is supported: confirmed or reported", default=Evidence.REPORTED)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )

    def __attrs_post_init__(self) -> None:
        if self.date is None and self.year is None:
            raise ValueError("an event needs a 'date' or a 'year'")
        if self.date is not None and self.year is not None and self.date.year != self.year:
            raise ValueError(f"year {self.year} does not match date {self.date.isoformat()}")

    @property
    def when(self) -> int:
        """The event's year.

        >>> Event(id="x", title=Text(en="Flood"), year=1953).when
        1953
        """
        if self.date is not None:
            return self.date.year
        assert self.year is not None
        return self.year

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """A key that orders events in time (a year-only event sorts at the start of its year).

        >>> Event(id="x", title=Text(en="Letter"), date=datetime.date(2018, 7, 13)).sort_key
        (2018, 7, 13)
        >>> Event(id="y", title=Text(en="Year"), year=2018).sort_key
        (2018, 0, 0)
        """
        if self.date is not None:
            return (self.date.year, self.date.month, self.date.day)
        return (self.when, 0, 0)


@attrs.frozen
class Concept(Viewable):
    """A concept of the policy's framing: the triple or quadruple helix, planetary health.

    >>> c = Concept(id="triple-helix", name=Text(en="Triple helix"),
    ...             spheres=frozenset({HelixSphere.INDUSTRY, HelixSphere.ACADEMIA,
    ...                                HelixSphere.GOVERNMENT}))
    >>> len(c.spheres)
    3
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    name: Text = field("the concept's name")
    description: Text | None = field("a description in the project's own words", default=None)
    aliases: tuple[str, ...] = field("other names the record is known by", default=(), validator=rules.unique)
    spheres: frozenset[HelixSphere] = field("the helix spheres the concept joins", default=frozenset())
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )


@attrs.frozen
class Covenant(Viewable):
    """A knowledge and innovation covenant or contract (*Kennis- en Innovatieconvenant*, KIC).

    The parties commit money to the knowledge and innovation agendas (:class:`Agenda`)
    of the covenant's period; ``commitment`` is what they committed for
    ``commitment_year`` as the sources state it.

    >>> kic = Covenant(id="kic", name=Text(nl="Kennis- en Innovatieconvenant 2024-2027"),
    ...                period=Period(start=2024, end=2027), signed=datetime.date(2023, 11, 2),
    ...                commitment=Money(Decimal("5700000000")), commitment_year=2024)
    >>> str(kic.commitment), kic.signed.year
    ('EUR 5,700,000,000', 2023)
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    name: Text = field("the covenant's official name")
    acronym: str | None = field("its acronym or short name", default=None, validator=rules.text)
    aliases: tuple[str, ...] = field("other names the record is known by", default=(), validator=rules.unique)
    period: Period | None = field("the years the covenant covers", default=None)
    signed: datetime.date | None = field("the day it was signed", default=None, validator=rules.day)
    signatories: int | None = field("the number of signatories", default=None)
    commitment: Money | None = field("the money the parties committed for commitment_year", default=None)
    commitment_year: int | None = field("the year the commitment is for", default=None, validator=rules.year)
    description: Text | None = field("a description in the project's own words", default=None)
    evidence: Evidence = field("how well the record is supported: confirmed or reported", default=Evidence.REPORTED)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )

    def __attrs_post_init__(self) -> None:
        if self.signatories is not None and self.signatories < 1:
            raise ValueError(f"signatories must be at least 1, got {self.signatories}")
        if (self.commitment is None) != (self.commitment_year is None):
            raise ValueError("give 'commitment' and 'commitment_year' together")


@attrs.frozen
class Agenda(Viewable):
    """A knowledge and innovation agenda (*Kennis- en Innovatieagenda*, KIA).

    An agenda belongs to a :class:`Covenant` (for its period), works out one or more
    themes, and is coordinated by topsectors and organisations. A part of a larger
    agenda (a *deelagenda*) names it as its ``parent``.

    >>> kia = Agenda(id="kia", name=Text(nl="KIA Veiligheid 2024-2027"), themes=("veiligheid",),
    ...              organisations=("min-defensie", "min-jenv"), period=Period(2024, 2027))
    >>> kia.period.contains(2025)
    True
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    name: Text = field("the agenda's official name")
    acronym: str | None = field("its acronym or short name", default=None, validator=rules.text)
    aliases: tuple[str, ...] = field("other names the record is known by", default=(), validator=rules.unique)
    period: Period | None = field("the years the agenda covers", default=None)
    covenant: str | None = field("the id of the covenant the agenda belongs to", default=None, ref="covenants")
    parent: str | None = field("the id of the agenda it is a part of", default=None, ref="agendas")
    themes: tuple[str, ...] = field("ids of the themes it works out", default=(), ref="themes", validator=rules.unique)
    topsectors: tuple[str, ...] = field(
        "ids of the topsectors that coordinate it", default=(), ref="topsectors", validator=rules.unique
    )
    organisations: tuple[str, ...] = field(
        "ids of the organisations that coordinate it", default=(), ref="organisations", validator=rules.unique
    )
    website: str | None = field("its web address", default=None, validator=rules.url)
    description: Text | None = field("a description in the project's own words", default=None)
    evidence: Evidence = field("how well the record is supported: confirmed or reported", default=Evidence.REPORTED)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )


@attrs.frozen
class Instrument(Viewable):
    """A policy instrument: a scheme that funds or supports innovation.

    An instrument may be part of another (``parent``) and be succeeded by another
    (``successor``); ``rates`` give its percentages over time.

    >>> pps = Instrument(id="pps", name=Text(nl="PPS-toeslag"), kind=InstrumentKind.ALLOWANCE,
    ...                  rates=(Rate(Decimal("25"), Period(2013, 2017)), Rate(Decimal("30"), Period(2018))))
    >>> pps.rate_in(2015), pps.rate_in(2020), pps.rate_in(2010)
    (Decimal('25'), Decimal('30'), None)
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    name: Text = field("the instrument's official name")
    kind: InstrumentKind = field("what kind of instrument it is")
    acronym: str | None = field("its acronym or short name", default=None, validator=rules.text)
    aliases: tuple[str, ...] = field("other names the record is known by", default=(), validator=rules.unique)
    description: Text | None = field("a description in the project's own words", default=None)
    period: Period | None = field("the years it runs", default=None)
    parent: str | None = field("the id of the instrument it is part of", default=None, ref="instruments")
    successor: str | None = field("the id of the instrument that succeeded it", default=None, ref="instruments")
    rates: tuple[Rate, ...] = field("its rates over time", default=())
    budget: Money | None = field("its budget", default=None)
    administrators: tuple[str, ...] = field(
        "ids of the organisations that run it", default=(), ref="organisations", validator=rules.unique
    )
    funders: tuple[str, ...] = field(
        "ids of the organisations that fund it", default=(), ref="organisations", validator=rules.unique
    )
    website: str | None = field("its web address", default=None, validator=rules.url)
    evidence: Evidence = field("how well the record is supported: confirmed or reported", default=Evidence.REPORTED)
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )

    def rate_in(self, year: int) -> Decimal | None:
        """The (first listed) rate whose period covers ``year``, or ``None``.

        A rate without a period is not tied to years and is not returned here.

        >>> Instrument(id="x", name=Text(en="X"), kind=InstrumentKind.ALLOWANCE).rate_in(2020) is None
        True
        """
        for rate in self.rates:
            if rate.period is not None and rate.period.contains(year):
                return rate.percent
        return None


@attrs.frozen
class Category:
    """A coded category of a classification, with the label its codebook gives it.

    Used for the themes (``TH..``) and target groups (``TG..``) of STIP Compass.

    >>> c = Category("TH31", "Financial support to business R&D and innovation")
    >>> str(c), c.label[:9]
    ('TH31', 'Financial')
    """

    code: str = field(
        "the category's code",
        validator=rules.matching(re.compile(r"[A-Za-z0-9_.-]+\Z"), "expected a code of letters, digits, _ . -, got {}"),
    )
    label: str | None = field("the label the codebook gives it", default=None, validator=rules.text)

    def __str__(self) -> str:
        return self.code


@attrs.frozen
class Initiative(Viewable):
    """A policy initiative of a country as reported to a policy survey (the OECD/EC STIP Compass).

    ``instruments`` are the types of the initiative's instruments, one per instrument
    reported (so a type may repeat); ``themes`` and ``target_groups`` are the coded
    categories the survey ticked, with their codebook labels.

    >>> i = Initiative(id="stip-2021-1", name="Mission-driven innovation policy", country="NLD",
    ...                period=Period(2019), themes=(Category("TH91", "Mission-oriented innovation policies"),),
    ...                sources=("stip",))
    >>> i.country, [t.code for t in i.themes], i.active_in(2022)
    ('NLD', ['TH91'], True)
    """

    id: str = field("the record's id: a lowercase slug such as 'lsh'", validator=rules.slug)
    name: str = field("the initiative's name, as the survey gives it", validator=rules.nonblank)
    country: str = field(
        "the survey's country code (ISO 3166 alpha-3 such as 'NLD'; two to four capital letters)",
        validator=rules.matching(re.compile(r"[A-Z]{2,4}\Z"), "expected a country code such as 'NLD', got {}"),
    )
    uri: str | None = field("the initiative's URI in the survey", default=None, validator=rules.url)
    description: Text | None = field("its description, as the survey gives it", default=None)
    period: Period | None = field("the years it runs", default=None)
    budget_range: str | None = field(
        "its yearly budget range, as the survey gives it", default=None, validator=rules.text
    )
    instruments: tuple[str, ...] = field("the types of its instruments, one per instrument", default=())
    themes: tuple[Category, ...] = field("the survey's themes it addresses", default=())
    target_groups: tuple[Category, ...] = field("the survey's target groups it addresses", default=())
    tags: tuple[str, ...] = field("the survey's tags", default=())
    sources: tuple[str, ...] = field(
        "ids of the sources that support the record", default=(), ref="sources", validator=rules.unique
    )

    def active_in(self, year: int) -> bool:
        """Whether the initiative's period covers ``year`` (``False`` if it has none).

        >>> Initiative(id="x", name="X", country="NLD", period=Period(2015, 2018)).active_in(2019)
        False
        """
        return self.period is not None and self.period.contains(year)


Record = (
    Source
    | Organisation
    | Topsector
    | TKI
    | Theme
    | Mission
    | Goal
    | Target
    | Indicator
    | Partnership
    | Fact
    | Event
    | Concept
    | Instrument
    | Agenda
    | Covenant
    | Initiative
)
"""Any record kind of a :class:`mtib.Dataset`."""
