"""Every word mtib shows people, in Dutch and English: enum labels, headings, table columns, messages.

One catalogue, :data:`CATALOGUE`, maps a key to its ``(nl, en)`` pair; :func:`label`
looks a key up (and fills its ``{placeholders}``), :func:`enum_label` gives the label of
an enum member (the enums' ``.label(lang)`` methods read it). Keys are namespaced by
where they are used: ``HelixSphere.academia`` for enum members, ``word.*`` for words
used in many places, ``cli.*``, ``report.*``, ``plot.*``, ``stats.*``, ``check.*`` and
``axis.*`` for the rest. Texts of the data (names, descriptions) are not here: they are
the records' own :class:`mtib.Text` values.

>>> label("word.partnerships", "nl")
'partnerschappen'
>>> label("stats.the_n_most_cited", "en", n=3)
'the 3 most cited'
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

__all__ = ["CATALOGUE", "LANGS", "Lang", "enum_label", "enum_word", "label"]

Lang = Literal["nl", "en"]
"""A display language: Dutch (``"nl"``) or English (``"en"``)."""

LANGS: tuple[Lang, ...] = ("nl", "en")
"""The display languages, in the order of the pairs in :data:`CATALOGUE`."""

_CATALOGUE: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ enum members: "<Enum>.<value>"
    "HelixSphere.industry": ("bedrijfsleven", "industry"),
    "HelixSphere.academia": ("kennisinstellingen", "academia"),
    "HelixSphere.government": ("overheid", "government"),
    "HelixSphere.civil_society": ("maatschappelijk middenveld", "civil society"),
    "PartnershipKind.ppp_consortium": ("pps-consortium", "PPP consortium"),
    "PartnershipKind.programme": ("programma", "programme"),
    "PartnershipKind.green_deal": ("green deal", "green deal"),
    "PartnershipKind.project": ("project", "project"),
    "PartnershipKind.investment": ("investering", "investment"),
    "PartnershipStatus.planned": ("gepland", "planned"),
    "PartnershipStatus.active": ("lopend", "active"),
    "PartnershipStatus.completed": ("afgerond", "completed"),
    "PartnershipStatus.stopped": ("gestopt", "stopped"),
    "PartnershipStatus.unknown": ("onbekend", "unknown"),
    "Evidence.confirmed": ("bevestigd", "confirmed"),
    "Evidence.reported": ("alleen gemeld", "reported"),
    "SDGRelation.direct": ("direct", "direct"),
    "SDGRelation.indirect": ("indirect", "indirect"),
    "Role.coordinator": ("coördinator", "coordinator"),
    "Role.partner": ("partner", "partner"),
    "Role.funder": ("financier", "funder"),
    "Role.co_funder": ("medefinancier", "co-funder"),
    "Role.signatory": ("ondertekenaar", "signatory"),
    "Role.third_party": ("derde partij", "third party"),
    "Role.associated_partner": ("geassocieerde partner", "associated partner"),
    "HelixType.quadruple": ("quadruple helix", "quadruple helix"),
    "HelixType.triple": ("triple helix", "triple helix"),
    "HelixType.partial": ("gedeeltelijk", "partial"),
    "EnvironmentalChange.climate_change": ("klimaatverandering", "climate change"),
    "EnvironmentalChange.biodiversity_loss": ("verlies van biodiversiteit", "biodiversity loss"),
    "EnvironmentalChange.pollution": ("vervuiling", "pollution"),
    "EnvironmentalChange.deforestation": ("ontbossing", "deforestation"),
    "HealthDimension.disease": ("ziekte", "disease"),
    "HealthDimension.mental_well_being": ("mentaal welzijn", "mental well-being"),
    "HealthDimension.hunger": ("honger", "hunger"),
    "HealthDimension.violence": ("geweld", "violence"),
    "HealthDimension.health_equity": ("gezondheidsgelijkheid", "health equity"),
    "HealthDimension.health_care": ("gezondheidszorg", "health care"),
    "HealthDimension.nutrition": ("voeding", "nutrition"),
    "HealthDimension.infection": ("infectie", "infection"),
    # ------------------------------------------------------------------ words used in many places
    "word.partnerships": ("partnerschappen", "partnerships"),
    "word.topsectors": ("topsectoren", "topsectors"),
    "word.themes": ("thema's", "themes"),
    "word.missions": ("missies", "missions"),
    "word.organisations": ("organisaties", "organisations"),
    "word.sources": ("bronnen", "sources"),
    "word.sdgs": ("SDG's", "SDGs"),
    "word.cross_sectoral": ("cross-sectoraal", "cross-sectoral"),
    "word.none": ("(geen)", "(none)"),
    "word.yes": ("ja", "yes"),
    "word.no": ("nee", "no"),
    "word.id": ("id", "id"),
    "word.name": ("naam", "name"),
    "word.kind": ("soort", "kind"),
    "word.date": ("datum", "date"),
    "word.event": ("gebeurtenis", "event"),
    "word.collection": ("collectie", "collection"),
    "word.records": ("records", "records"),
    "word.field": ("veld", "field"),
    "word.value": ("waarde", "value"),
    "word.year": ("jaar", "year"),
    "word.evidence": ("onderbouwing", "evidence"),
    "word.detail": ("detail", "detail"),
    "ThemeKind.societal": ("maatschappelijk", "societal"),
    "ThemeKind.cross_cutting": ("sectoroverstijgend", "cross-cutting"),
    "report.synergy_letters": (
        "U: universiteiten en kennisinstellingen, I: bedrijfsleven, G: overheid, C: maatschappelijk middenveld. "
        "T is de Triple-Helix-indicator in millibit: bij drie sferen is een negatieve T synergie en een "
        "positieve T redundantie; bij vier sferen keert het teken om, lees dan R (negatief: synergie).",
        "U: universities and knowledge institutions, I: industry, G: government, C: civil society. "
        "T is the Triple-Helix indicator in millibits: with three spheres a negative T is synergy and a "
        "positive T redundancy; with four the sign flips, so read R (negative: synergy).",
    ),
    "collection.sources": ("bronnen", "sources"),
    "collection.organisations": ("organisaties", "organisations"),
    "collection.topsectors": ("topsectoren", "topsectors"),
    "collection.tkis": ("TKI's", "TKIs"),
    "collection.themes": ("thema's", "themes"),
    "collection.missions": ("missies", "missions"),
    "collection.sdgs": ("SDG's", "SDGs"),
    "collection.sdg_targets": ("SDG-subdoelen", "SDG targets"),
    "collection.sdg_indicators": ("SDG-indicatoren", "SDG indicators"),
    "collection.partnerships": ("partnerschappen", "partnerships"),
    "collection.facts": ("feiten", "facts"),
    "collection.events": ("gebeurtenissen", "events"),
    "collection.concepts": ("begrippen", "concepts"),
    "collection.instruments": ("instrumenten", "instruments"),
    "collection.covenants": ("convenanten", "covenants"),
    "collection.agendas": ("kennis- en innovatieagenda's", "knowledge and innovation agendas"),
    "collection.initiatives": ("beleidsinitiatieven", "policy initiatives"),
    "cli.col_sphere": ("sfeer", "sphere"),
    "cli.col_url": ("adres", "address"),
    "cli.col_theme_period": ("thema, periode", "theme, period"),
    "cli.col_established": ("opgericht", "established"),
    "cli.col_value_year": ("waarde, jaar", "value, year"),
    "cli.col_kind_period": ("soort, periode", "kind, period"),
    "cli.col_period": ("periode", "period"),
    "cli.active_known": (
        "(actief in {year}: van wie bekend is dat ze dan actief zijn; --include-open voegt toe wie het kan zijn)",
        "(active in {year}: those known to be active then; --include-open adds those that may be)",
    ),
    "cli.active_possibly": (
        "(actief in {year}: wie het dan kan zijn, een onbekend begin of einde telt als open)",
        "(active in {year}: those that may be, an unknown start or end counted as open)",
    ),
    "cli.no_match": ("geen treffer voor {text!r}", "no match for {text!r}"),
    "cli.no_partnership_matches": ("geen partnerschap voldoet aan de filters", "no partnership matches the filters"),
    "word.helix_composition": ("Helixsamenstelling", "Helix composition"),
    "word.combinations": ("Combinaties van sferen", "Combinations of spheres"),
    "word.spheres": ("Sferen", "Spheres"),
    "word.timeline": ("Tijdlijn", "Timeline"),
    # ------------------------------------------------------------------ matrix axes
    "axis.topsector": ("topsector", "topsector"),
    "axis.theme": ("thema", "theme"),
    "axis.sdg": ("SDG", "SDG"),
    "axis.mission": ("missie", "mission"),
    "axis.partnership": ("partnerschap", "partnership"),
    "axis.environmental_change": ("omgevingsverandering", "environmental change"),
    "axis.health_dimension": ("gezondheidsdimensie", "health dimension"),
    # ------------------------------------------------------------------ the command line
    "cli.title": (
        "Missiegedreven Topsectoren- en Innovatiebeleid: de dataset",
        "Mission-driven topsector and innovation policy: the dataset",
    ),
    "cli.counts": ("Aantallen", "Counts"),
    "cli.deleted_indicators": (
        "({n} indicatoren zijn door de VN geschrapt en als zodanig gemarkeerd)",
        "({n} of the indicators were deleted by the UN and are marked as such)",
    ),
    "cli.topsectors": ("Topsectoren en hun partnerschappen", "Topsectors and their partnerships"),
    "cli.themes": ("Thema's, hun SDG's en missies", "Themes, their SDGs and missions"),
    "cli.helix": ("Helixsamenstelling van de partnerschappen", "Helix composition of the partnerships"),
    "cli.cross_sectoral_count": ("cross-sectoraal (2+ topsectoren): {n}", "cross-sectoral (2+ topsectors): {n}"),
    "cli.covenants": (
        "Kennis- en innovatieconvenanten en hun agenda's (KIC, KIA)",
        "Knowledge and innovation covenants and their agendas (KIC, KIA)",
    ),
    "cli.instruments": ("Instrumenten", "Instruments"),
    "cli.signed": ("getekend", "signed"),
    "cli.succeeded_by": ("opgevolgd door", "succeeded by"),
    "cli.coverage": ("Dekking", "Coverage"),
    "cli.coverage_records": (
        "{total} records met {sources} bronnen; {reported} alleen gemeld",
        "{total} records citing {sources} sources; {reported} reported only",
    ),
    "cli.coverage_checks": (
        "controles: {passed} van {checks} in orde (details: mtib stats)",
        "checks: {passed} of {checks} pass (details: mtib stats)",
    ),
    "cli.since": ("sinds", "since"),
    "cli.helix_of": ("Helixsamenstelling ({n} partnerschappen)", "Helix composition ({n} partnerships)"),
    "cli.synergy": (
        "Synergie (Triple-Helix-indicator T, millibits; negatief = synergie)",
        "Synergy (Triple-Helix indicator T, millibits; negative = synergy)",
    ),
    "cli.none_counted": (
        "partnerschappen zonder geplaatste deelnemers tellen mee",
        "partnerships without placed participants are counted",
    ),
    "cli.none_left_out": (
        "partnerschappen zonder geplaatste deelnemers tellen niet mee (--include-none)",
        "partnerships without placed participants are left out (--include-none)",
    ),
    "breakdown.by.theme": ("thema", "theme"),
    "breakdown.by.topsector": ("topsector", "topsector"),
    "breakdown.by.mission": ("missie", "mission"),
    "breakdown.by.kind": ("soort", "kind"),
    "breakdown.by.status": ("status", "status"),
    "breakdown.with_money": ("met geld", "with money"),
    "breakdown.budget": ("budget ({currency})", "budget ({currency})"),
    "breakdown.funding": ("bijdrage financier ({currency})", "funding ({currency})"),
    "breakdown.note_one": (
        "{total} partnerschappen. Bedragen zijn sommen van wat de bronnen noemen: een ondergrens.",
        "{total} partnerships. Amounts are sums of what the sources state: a floor.",
    ),
    "breakdown.note": (
        "{total} partnerschappen; een partnerschap in meer groepen telt in elk, {unassigned} in geen enkele. "
        "Bedragen zijn sommen van wat de bronnen noemen: een ondergrens.",
        "{total} partnerships; one in several groups counts in each, {unassigned} are in none. "
        "Amounts are sums of what the sources state: a floor.",
    ),
    # the fields of the records, as a record view names them (mtib.dataset.RecordView)
    "field.acronym": ("acroniem", "acronym"),
    "field.administrators": ("beheerders", "administrators"),
    "field.aliases": ("andere namen", "aliases"),
    "field.budget": ("budget", "budget"),
    "field.budget_range": ("budgetklasse", "budget range"),
    "field.code": ("code", "code"),
    "field.commitment": ("toezegging", "commitment"),
    "field.commitment_year": ("jaar van de toezegging", "commitment year"),
    "field.cordis_id": ("CORDIS-id", "cordis id"),
    "field.country": ("land", "country"),
    "field.covenant": ("convenant", "covenant"),
    "field.date": ("datum", "date"),
    "field.deleted": ("verwijderd", "deleted"),
    "field.description": ("beschrijving", "description"),
    "field.doi": ("DOI", "doi"),
    "field.ended": ("beëindigd", "ended"),
    "field.environmental_change": ("milieuverandering", "environmental change"),
    "field.established": ("opgericht", "established"),
    "field.evidence": ("onderbouwing", "evidence"),
    "field.funders": ("financiers", "funders"),
    "field.funding": ("bijdrage financier", "funding"),
    "field.goal": ("doel", "goal"),
    "field.health_dimensions": ("gezondheidsdimensies", "health dimensions"),
    "field.id": ("id", "id"),
    "field.instruments": ("instrumenten", "instruments"),
    "field.kind": ("soort", "kind"),
    "field.kvk": ("KvK-nummer", "kvk"),
    "field.language": ("taal", "language"),
    "field.missions": ("missies", "missions"),
    "field.name": ("naam", "name"),
    "field.note": ("toelichting", "note"),
    "field.number": ("nummer", "number"),
    "field.nuts": ("NUTS-regio", "nuts"),
    "field.organisations": ("organisaties", "organisations"),
    "field.parent": ("valt onder", "parent"),
    "field.participants": ("deelnemers", "participants"),
    "field.period": ("looptijd", "period"),
    "field.pic": ("PIC", "pic"),
    "field.programme": ("programma", "programme"),
    "field.publisher": ("uitgever", "publisher"),
    "field.rates": ("tarieven", "rates"),
    "field.related": ("betreft", "related"),
    "field.ror": ("ROR", "ror"),
    "field.scope": ("reikwijdte", "scope"),
    "field.sdgs": ("SDG's", "sdgs"),
    "field.signatories": ("ondertekenaars", "signatories"),
    "field.signed": ("ondertekend", "signed"),
    "field.sme": ("mkb", "sme"),
    "field.sources": ("bronnen", "sources"),
    "field.sphere": ("sfeer", "sphere"),
    "field.spheres": ("sferen", "spheres"),
    "field.statement": ("tekst", "statement"),
    "field.status": ("status", "status"),
    "field.subjects": ("onderwerpen", "subjects"),
    "field.successor": ("opvolger", "successor"),
    "field.tags": ("labels", "tags"),
    "field.target": ("subdoel", "target"),
    "field.target_groups": ("doelgroepen", "target groups"),
    "field.target_year": ("doeljaar", "target year"),
    "field.theme": ("thema", "theme"),
    "field.themes": ("thema's", "themes"),
    "field.title": ("titel", "title"),
    "field.tkis": ("TKI's", "tkis"),
    "field.topic": ("onderwerp", "topic"),
    "field.topics": ("onderwerpen", "topics"),
    "field.topsectors": ("topsectoren", "topsectors"),
    "field.unit": ("eenheid", "unit"),
    "field.uri": ("URI", "uri"),
    "field.url": ("webadres", "url"),
    "field.value": ("waarde", "value"),
    "field.website": ("website", "website"),
    "field.year": ("jaar", "year"),
    "view.helix": ("helix", "helix"),
    "cli.also_called": (
        "{text!r} is ook de naam van: {others} (kies met --kind)",
        "{text!r} also names: {others} (choose with --kind)",
    ),
    "cli.missions_with_sub": (
        "missies: {n} (de {top} hieronder, met {sub} deelmissies daaronder)",
        "missions: {n} (the {top} below, with {sub} sub-missions under them)",
    ),
    "cli.topic_heading": (
        "onderwerp {topic!r}: {n} bewering(en), elk met eigen bron",
        "topic {topic!r}: {n} claim(s), each with its own source",
    ),
    "view.rate_of": ("{percent}% van {basis}", "{percent}% of {basis}"),
    "view.referred_to_by": ("verwezen door {n} record(s)", "referred to by {n} record(s)"),
    "view.sources": ("Bronnen", "Sources"),
    # ------------------------------------------------------------------ the HTML report
    "report.title": (
        "Missiegedreven topsectoren- en innovatiebeleid",
        "Mission-driven topsector and innovation policy",
    ),
    "report.subtitle": ("Een overzicht van de mtib-dataset", "An overview of the mtib dataset"),
    "report.overview": ("Overzicht", "Overview"),
    "report.heatmap": ("Thema's en SDG's", "Themes and SDGs"),
    "report.heatmap_note": (
        "Aantal partnerschappen per thema dat naar elk SDG-doel verwijst (direct of via een subdoel).",
        "Number of partnerships of each theme that link to each SDG goal (directly or through a target).",
    ),
    "report.helix_note": (
        "Welke sferen doen mee in de partnerschappen. De Triple-Helix-indicator T (Leydesdorff) meet synergie: "
        "negatief betekent synergie (minder onzekerheid dan de paren samen doen verwachten), positief redundantie.",
        "Which spheres take part in the partnerships. Leydesdorff's Triple-Helix indicator T measures synergy: "
        "negative means synergy (less uncertainty than the pairs together suggest), positive means redundancy.",
    ),
    "report.types": ("Helixtype", "Helix type"),
    "report.network": ("Cross-sectorale samenwerking", "Cross-sector collaboration"),
    "report.network_note": (
        "Topsectoren verbonden door gedeelde partnerschappen; de dikte van een lijn telt ze, "
        "de grootte van een cirkel het aantal partnerschappen van de topsector.",
        "Topsectors joined by the partnerships they share; line width counts them, "
        "circle size the topsector's number of partnerships.",
    ),
    "report.timeline_note": (
        "Gebeurtenissen (boven) en de looptijd van partnerschappen (onder); een open einde loopt uit.",
        "Events (top) and the periods of partnerships (below); an open end fades out.",
    ),
    "report.events": ("Gebeurtenissen", "Events"),
    "report.earlier": ("eerder", "earlier"),
    "report.measure": ("maat", "measure"),
    "report.value": ("waarde (millibit)", "value (millibits)"),
    "report.footer": (
        "Gemaakt met mtib {version} (data {data}). Elk record noemt zijn bronnen: mtib show ID.",
        "Made with mtib {version} (data {data}). Every record cites its sources: mtib show ID.",
    ),
    "report.no_links": ("Geen gedeelde partnerschappen.", "No shared partnerships."),
    "report.include_none": (
        "Partnerschappen zonder geplaatste deelnemers tellen niet mee.",
        "Partnerships without placed participants are left out.",
    ),
    # ------------------------------------------------------------------ charts
    "plot.network": (
        "Topsectoren die partnerschappen delen\n"
        "(lijn: aantal gedeelde partnerschappen; cirkel: partnerschappen van de topsector)",
        "Topsectors that share partnerships\n(line: partnerships shared; circle: the topsector's partnerships)",
    ),
    "plot.timeline": ("Looptijd van de partnerschappen, met gebeurtenissen", "Partnerships over time, with events"),
    "plot.theme-sdg": ("Partnerschappen per thema en SDG", "Partnerships per theme and SDG"),
    "plot.topsector-sdg": ("Partnerschappen per topsector en SDG", "Partnerships per topsector and SDG"),
    "plot.helix_types": ("Helixtype", "Helix type"),
    "plot.helix_spheres": (
        "Sferen (een partnerschap telt in elke sfeer die het heeft)",
        "Spheres (a partnership counts in each sphere it has)",
    ),
    "plot.partnerships": ("partnerschappen", "partnerships"),
    "plot.year": ("jaar", "year"),
    "plot.known_end": ("looptijd volgens de bron", "period as its source gives it"),
    "plot.open_end": ("einde niet bekend (open)", "end not known (open)"),
    "plot.event": ("gebeurtenis", "event"),
    # ------------------------------------------------------------------ coverage statistics
    "stats.kind": ("soort", "kind"),
    "stats.records": ("records", "records"),
    "stats.sourced": ("met bron", "sourced"),
    "stats.confirmed": ("bevestigd", "confirmed"),
    "stats.reported": ("alleen gemeld", "reported only"),
    "stats.records_of_kinds": ("{n} records van {kinds} soorten", "{n} records of {kinds} kinds"),
    "stats.records_per_source": ("Records per bron", "Records per source"),
    "stats.the_n_most_cited": ("de {n} meest geciteerde", "the {n} most cited"),
    "stats.sources_uncited": (
        "bronnen: {n}, door geen record geciteerd: {u}",
        "sources: {n}, cited by no record: {u}",
    ),
    "stats.reported_only": (
        "Alleen gemeld, (nog) niet bevestigd bij een openbare bron",
        "Reported only, not (yet) confirmed at a public source",
    ),
    "stats.checks": ("Controles", "Checks"),
    "stats.NO": ("NEE", "NO"),
    # the coverage checks, keyed by their (English) names
    "check.every topsector has a partnership": (
        "elke topsector heeft een partnerschap",
        "every topsector has a partnership",
    ),
    "check.every theme has a partnership": ("elk thema heeft een partnerschap", "every theme has a partnership"),
    "check.every theme, mission and partnership links an SDG": (
        "elk thema, elke missie en elk partnerschap verwijst naar een SDG",
        "every theme, mission and partnership links an SDG",
    ),
    "check.every topsector and theme has a Dutch and an English name": (
        "elke topsector en elk thema heeft een Nederlandse en een Engelse naam",
        "every topsector and theme has a Dutch and an English name",
    ),
    "check.every record cites a source": ("elk record noemt een bron", "every record cites a source"),
    "check.every source is cited": ("elke bron wordt geciteerd", "every source is cited"),
    # the portfolio targets (mtib.analysis.stats.portfolio_targets), keyed by their (English) names
    "stats.targets": ("Doelen voor de portefeuille", "Portfolio targets"),
    "stats.target_met": ("gehaald", "met"),
    "stats.target_not_met": ("niet gehaald", "not met"),
    "stats.target_below": ("eronder", "below"),
    "stats.target_value": ("{value} (doel {goal})", "{value} (target {goal})"),
    "target.partnerships": ("partnerschappen", "partnerships"),
    "target.partnerships with a budget or the public funder's contribution": (
        "partnerschappen met een begroting of de bijdrage van de publieke financier",
        "partnerships with a budget or the public funder's contribution",
    ),
    "target.partnerships linked to a mission": (
        "partnerschappen gekoppeld aan een missie",
        "partnerships linked to a mission",
    ),
    "target.partnerships whose status is known": (
        "partnerschappen waarvan de status bekend is",
        "partnerships whose status is known",
    ),
    "target.partnerships per topsector (each)": (
        "partnerschappen per topsector (elk)",
        "partnerships per topsector (each)",
    ),
    "target.partnerships per societal theme (each)": (
        "partnerschappen per maatschappelijk thema (elk)",
        "partnerships per societal theme (each)",
    ),
    "target.quadruple-helix partnerships": ("quadruple-helixpartnerschappen", "quadruple-helix partnerships"),
}

CATALOGUE: Mapping[str, tuple[str, str]] = MappingProxyType(_CATALOGUE)
"""Every label: key -> ``(nl, en)`` (read-only).

>>> CATALOGUE["HelixSphere.academia"]
('kennisinstellingen', 'academia')
"""


def label(key: str, lang: Lang = "en", **values: object) -> str:
    """The text of ``key`` in ``lang``, with its ``{placeholders}`` filled from ``values``.

    An unknown key is a ``KeyError`` (a missing label is a bug, never shown as its key).

    >>> label("cli.coverage_checks", "nl", passed=6, checks=6)
    'controles: 6 van 6 in orde (details: mtib stats)'
    >>> label("word.spheres")
    'Spheres'
    """
    text = _CATALOGUE[key][0 if lang == "nl" else 1]
    return text.format(**values) if values else text


def enum_label(member: enum.Enum, lang: Lang = "en") -> str:
    """The label of an enum member: the catalogue's ``"<Enum>.<value>"``.

    >>> from mtib.core.model import HelixSphere
    >>> enum_label(HelixSphere.CIVIL_SOCIETY, "nl")
    'maatschappelijk middenveld'
    """
    return label(f"{type(member).__name__}.{member.value}", lang)


def enum_word(member: enum.Enum, lang: Lang = "en") -> str:
    """An enum member as a word: its label where the catalogue has one, else its value in words.

    >>> from mtib.core.model import HelixSphere, PartnershipKind
    >>> enum_word(HelixSphere.CIVIL_SOCIETY, "nl"), enum_word(PartnershipKind.PPP_CONSORTIUM)
    ('maatschappelijk middenveld', 'PPP consortium')
    """
    try:
        return enum_label(member, lang)
    except KeyError:
        return str(member.value).replace("_", " ")
