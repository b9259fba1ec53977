"""Words shown for the domain's keys (topics, statuses, formats), in every language."""

from flask_babel import lazy_gettext as _l

from kiosk import audit
from kiosk.i18n.page_language import languages

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
AUDIT_ACTIONS = {
    "schedule": _l("Scheduled"),
    "notes": _l("Notes changed"),
    "close": _l("Closed"),
    "reopen": _l("Reopened"),
    "export": _l("Exported to CSV"),
    "settings": _l("Settings changed"),
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
    "some": _l("Needed for some tasks"),
    "required": _l("Required by law"),
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
REQUEST_ERRORS = {
    "closed": _l("The request is closed. Reopen it first."),
    "open": _l("The request is open already."),
    "erased": _l("The personal data of this request has been erased."),
    "unknown-outcome": _l("Please choose from the list."),
}
SETTING_ERRORS = {
    "units": _l("A unit name can have at most 100 characters, on one line."),
    "request_limit": _l("Write the limit like 5/hour or 10/day."),
}


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
    app.jinja_env.filters["topic_row"] = _topic_row
    app.jinja_env.globals.update(
        topic_labels=TOPIC_LABELS,
        topic_icons=TOPIC_ICONS,
        format_labels=FORMAT_LABELS,
        status_labels=STATUS_LABELS,
        status_explanations=STATUS_EXPLANATIONS,
        audit_actions=AUDIT_ACTIONS,
        audit_changes=audit.changes,
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
    )
