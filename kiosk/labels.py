"""Words shown for the domain's keys (topics, statuses, formats), in every language."""

from babel.dates import get_day_names
from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from kiosk.i18n.page_language import languages
from kiosk.prison_offer import WEEKDAYS

TOPIC_LABELS = {
    "cv": _l("CV"),
    "labour-market": _l("The labour market and its trends"),
    "pay": _l("Pay"),
    "admission": _l("Admission requirements for education"),
    "occupations": _l("Occupations"),
    "paid-unpaid-work": _l("Paid and unpaid work"),
    "recruitment": _l("Recruitment: how employers find people"),
    "sectors": _l("Sectors of working life"),
    "other": _l("Something else"),
}
TOPIC_ICONS = {
    "cv": "file-text",
    "labour-market": "trending-up",
    "pay": "wallet",
    "admission": "school",
    "occupations": "briefcase",
    "paid-unpaid-work": "heart-handshake",
    "recruitment": "user-search",
    "sectors": "factory",
    "other": "message-circle",
}
FORMAT_LABELS = {
    "one-to-one": _l("Just me and a counsellor"),
    "group": _l("In a group"),
}
STATUS_LABELS = {
    "waiting": _l("Waiting"),
    "scheduled": _l("Scheduled"),
    "done": _l("Done"),
    "no-show": _l("Did not come"),
    "withdrawn": _l("Withdrawn"),
    "closed": _l("Closed"),
}
STATUS_EXPLANATIONS = {
    "waiting": _l("Your request is in the queue. A counsellor will give you a time."),
    "scheduled": _l("You have a time for a conversation."),
    "done": _l("The conversation has taken place. You can ask for a new one."),
    "withdrawn": _l("The request was withdrawn. You can ask for a new one."),
    "closed": _l("The request is closed. You can ask for a new one."),
}
WHEN_LABELS = {
    "arrival": _l("From your first weeks in this prison"),
    "any-time": _l("At any time during your sentence, when you ask"),
    "before-release": _l("In the last months before release"),
}
KIND_LABELS = {
    "occupations": _l("Jobs"),
    "education": _l("Education"),
    "guides": _l("Finding work"),
}
KIND_ICONS = {
    "occupations": "briefcase",
    "education": "graduation-cap",
    "guides": "map",
}
SECTOR_LABELS = {
    "building-construction": _l("Building and construction"),
    "transport-logistics": _l("Transport and warehouse"),
    "food-hospitality": _l("Food, restaurants and hotels"),
    "industry": _l("Industry and mechanics"),
    "property-cleaning": _l("Buildings, cleaning and waste"),
    "farming-fishing-forestry": _l("Farming, fishing and forestry"),
    "retail-sales": _l("Shops and sales"),
    "health-care": _l("Health and care"),
    "it-office": _l("IT and office"),
    "beauty": _l("Hair and beauty"),
    "childhood-youth": _l("Children and young people"),
    "sport-activity": _l("Sport and activity"),
    "self-employment": _l("Your own business"),
}
INTEREST_LABELS = {
    "hands-on": _l("Working with my hands"),
    "people": _l("Helping people"),
    "machines": _l("Machines and vehicles"),
    "outdoors": _l("Being outdoors"),
    "numbers": _l("Numbers and order"),
    "creative": _l("Making things look good"),
}
ROUTE_LABELS = {
    "apprenticeship": _l("School and apprenticeship"),
    "fagbrev-pa-jobb": _l("Trade certificate at work"),
    "praksiskandidat": _l("Trade certificate from experience"),
    "laerekandidat": _l("Training candidate"),
    "fagskole": _l("Vocational college"),
    "university": _l("University or university college"),
    "short-course": _l("Short course and certificate"),
    "driving-licence": _l("Driving licence"),
    "none": _l("Learn on the job"),
}
CERTIFICATE_LABELS = {
    "none": _l("No law asks for it"),
    "some": _l("Only at some workplaces, for example with children"),
    "required": _l("Needed for almost every job"),
}
RATING_LABELS = {
    1: _l("Very bad"),
    2: _l("Bad"),
    3: _l("OK"),
    4: _l("Good"),
    5: _l("Very good"),
}
RATING_ICONS = {1: "angry", 2: "frown", 3: "meh", 4: "smile", 5: "laugh"}
HELPED_LABELS = {
    "conversation": _l("Talking with a counsellor"),
    "library": _l("The career library"),
    "pages": _l("The information on this screen"),
    "applications": _l("Help with a CV or an application"),
    "plan": _l("A plan for after release"),
}
EVENT_KIND_LABELS = {
    "group-guidance": _l("Group guidance"),
    "employer-visit": _l("Employer visit"),
    "career-fair": _l("Career fair"),
    "workshop": _l("Workshop"),
}
EVENT_ERRORS = {
    "started": _l("This event has started. You cannot sign up any more."),
    "unit": _l("This event is not open to your unit."),
    "kind": _l("Please choose from the list."),
    "title": _l("Please write the title in Norwegian bokmål."),
    "title-characters": _l("Some characters cannot be used. Please type it again."),
    "duplicate": _l(
        "You are on the list for this event already. "
        "Your code shows your place on the status page."
    ),
    "limit": _l(
        "Please try again later, or ask a staff member for help. "
        "What you typed is still here."
    ),
}


def day_list(days: list[str]) -> str:
    """Return weekdays (``mon`` ...) as one list in the reader's language."""
    locale = get_locale()
    names = get_day_names("wide", locale=locale)
    return format_list([names[WEEKDAYS.index(day)] for day in days], locale=locale)


def language_list(codes: list[str]) -> Markup:
    """Return languages by their own names, as one list in the reader's language."""
    served = languages()
    names = [
        Markup('<bdi lang="%s">%s</bdi>') % (code, served[code].name)
        if code in served
        else escape(str(_l("Another language")))
        for code in codes
    ]
    return Markup(format_list([str(name) for name in names], locale=get_locale()))


def _language_row(item):
    code, count = item
    served = languages()
    return (served[code].name if code in served else _l("Another language"), count)


def _topic_row(item):
    topic, count = item
    return (TOPIC_LABELS.get(topic, topic), count)


def init_app(app) -> None:
    """Give templates the words for the domain's keys."""
    app.jinja_env.filters["language_row"] = _language_row
    app.jinja_env.filters["day_list"] = day_list
    app.jinja_env.filters["language_list"] = language_list
    app.jinja_env.filters["topic_row"] = _topic_row
    app.jinja_env.globals.update(
        topic_labels=TOPIC_LABELS,
        topic_icons=TOPIC_ICONS,
        format_labels=FORMAT_LABELS,
        status_labels=STATUS_LABELS,
        status_explanations=STATUS_EXPLANATIONS,
        kind_labels=KIND_LABELS,
        kind_icons=KIND_ICONS,
        sector_labels=SECTOR_LABELS,
        interest_labels=INTEREST_LABELS,
        route_labels=ROUTE_LABELS,
        certificate_labels=CERTIFICATE_LABELS,
        rating_labels=RATING_LABELS,
        event_kind_labels=EVENT_KIND_LABELS,
        rating_icons=RATING_ICONS,
        helped_labels=HELPED_LABELS,
        when_labels=WHEN_LABELS,
    )
