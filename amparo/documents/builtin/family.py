"""Papers the family reads, each written in English, Spanish and Arabic as its own template (not
machine-translated at render time): the letter telling the family where the case stands, and
the press statement. Court filings stay in English. Arabic templates run right to left; the
values (dates, durations, outcomes) are filled in the template's language."""

from __future__ import annotations

from amparo.documents.builtin.advocacy import build_press_statement
from amparo.documents.builtin.writer import Writer

LETTER = {
    "en": {
        "title": "Letter to the family",
        "to": "To the family of {{ client.full_name }}",
        "dear": "Dear family,",
        "intro": "We are the legal team of {{ organisation.name }} working for "
        "{{ client.full_name }}. This letter tells you where the case stands today, "
        "{{ today }}.",
        "held": "{{ client.given_name }} is held in immigration detention at "
        "{{ custody.facility }} in {{ custody.facility_place }}, since "
        "{{ custody.detained_since }} ({{ custody.days_detained }} days so far).",
        "address": "The facility's address: {{ custody.facility_address }}.",
        "asked": "On {{ decision.submitted_at }}, we asked ICE to release "
        "{{ client.given_name }} on humanitarian parole. ICE's answer, on "
        "{{ decision.decided_at }}: {{ decision.outcome }}."
        "{% if not decision.reasons_given %} ICE gave no reasons.{% endif %}",
        "urgent": "We have told ICE that a decision is needed before {{ parole.urgency_date }}.",
        "do": "What you can do:",
        "keep": "Keep this letter and every paper from ICE or a court, and send us a copy.",
        "moved": "Tell us at once if {{ client.given_name }} is moved, or if you hear of a "
        "transfer.",
        "money": "Be careful with anyone who asks for money to promise a release; ask us first.",
        "questions": "Questions: write to {{ attorney.name }} at {{ attorney.email }}.",
        "note": "This letter explains the case to the family; it is not a court paper.",
        "sign": "Sincerely,",
    },
    "es": {
        "title": "Carta a la familia",
        "to": "A la familia de {{ client.full_name }}",
        "dear": "Estimada familia:",
        "intro": "Somos el equipo legal de {{ organisation.name }} que representa a "
        "{{ client.full_name }}. Esta carta les explica cómo está el caso hoy, {{ today }}.",
        "held": "{{ client.given_name }} está bajo detención migratoria en {{ custody.facility }}, "
        "en {{ custody.facility_place }}, desde el {{ custody.detained_since }} "
        "(lleva {{ custody.days_detained }} días detenido).",
        "address": "La dirección del centro de detención: {{ custody.facility_address }}.",
        "asked": "El {{ decision.submitted_at }} pedimos a ICE que dejara en libertad a "
        "{{ client.given_name }} con un parole humanitario (permiso de permanencia temporal). "
        "Respuesta de ICE, el {{ decision.decided_at }}: {{ decision.outcome }}."
        "{% if not decision.reasons_given %} ICE no dio ningún motivo.{% endif %}",
        "urgent": "Hemos dicho a ICE que la decisión hace falta antes del "
        "{{ parole.urgency_date }}.",
        "do": "Lo que ustedes pueden hacer:",
        "keep": "Guarden esta carta y todo papel que reciban de ICE o de un tribunal, y "
        "envíennos una copia.",
        "moved": "Avísennos enseguida si trasladan a {{ client.given_name }} o si oyen hablar de "
        "un traslado.",
        "money": "Tengan cuidado con quien pida dinero prometiendo la libertad; consúltennos "
        "antes.",
        "questions": "Si tienen preguntas, escriban a {{ attorney.name }} a {{ attorney.email }}.",
        "note": "Esta carta explica el caso a la familia; no es un escrito judicial.",
        "sign": "Atentamente,",
    },
    "ar": {
        "title": "رسالة إلى العائلة",
        "to": "إلى عائلة {{ client.full_name }}",
        "dear": "العائلة الكريمة،",
        "intro": "نحن الفريق القانوني في {{ organisation.name }} الذي يمثّل {{ client.full_name }}. "
        "تشرح لكم هذه الرسالة وضع القضية اليوم، {{ today }}.",
        "held": "{{ client.given_name }} محتجز لدى سلطات الهجرة في {{ custody.facility }} في "
        "{{ custody.facility_place }}، منذ {{ custody.detained_since }} "
        "(عدد أيام الاحتجاز حتى الآن: {{ custody.days_detained }}).",
        "address": "عنوان مركز الاحتجاز: {{ custody.facility_address }}.",
        "asked": "في {{ decision.submitted_at }}، طلبنا من وكالة الهجرة والجمارك (ICE) الإفراج "
        "عن {{ client.given_name }} إفراجًا مشروطًا لأسباب إنسانية (parole). "
        "ردّ ICE في {{ decision.decided_at }}: {{ decision.outcome }}."
        "{% if not decision.reasons_given %} لم تذكر ICE أي سبب.{% endif %}",
        "urgent": "أبلغنا ICE بأن القرار مطلوب قبل {{ parole.urgency_date }}.",
        "do": "ما يمكنكم فعله:",
        "keep": "احتفظوا بهذه الرسالة وبكل ورقة تصلكم من ICE أو من أي محكمة، وأرسلوا إلينا "
        "نسخة منها.",
        "moved": "أخبرونا فورًا إذا نُقل {{ client.given_name }} أو إذا سمعتم بنقله.",
        "money": "احذروا كل من يطلب مالًا مقابل وعد بالإفراج؛ اسألونا أولًا.",
        "questions": "للاستفسار: راسلوا {{ attorney.name }} على {{ attorney.email }}.",
        "note": "تشرح هذه الرسالة القضية للعائلة، وليست مستندًا قضائيًا.",
        "sign": "مع خالص التحية،",
    },
}

PRESS = {
    "es": {
        "title": "Comunicado de prensa",
        "release": "PARA DIFUSIÓN INMEDIATA",
        "contact": "Contacto: {{ attorney.name }}, {{ organisation.name }}, {{ attorney.email }}",
        "headline": "{{ organisation.name }} pide a ICE que libere a {{ public.name }}",
        "held": "{{ public.name }} lleva {{ custody.days_detained }} días bajo detención "
        "migratoria{% if public.show_facility %}, ahora en {{ custody.facility }}, en "
        "{{ custody.facility_place }}{% endif %}.",
        "asked": "El {{ decision.submitted_at }}, {{ organisation.name }} pidió a ICE que "
        "liberara a {{ public.name }} con un parole humanitario por "
        "{{ parole.requested_duration }}. La solicitud fue {{ decision.outcome }} "
        "{{ decision.turnaround }} después{% if not decision.reasons_given %}, sin que se diera "
        "ningún motivo{% endif %}.",
        "quote": "\u00ab{{ press.family_quote }}\u00bb, dijo {{ press.family_quote_author }}.",
        "allies": "También piden su liberación: {{ press.allies|join('; ') }}.",
        "close": "{{ organisation.name }} pide a ICE que libere a {{ public.name }} sin demora"
        "{% if parole.urgency_date %}, y antes del {{ parole.urgency_date }}{% endif %}.",
    },
    "ar": {
        "title": "بيان صحفي",
        "release": "للنشر الفوري",
        "contact": "جهة الاتصال: {{ attorney.name }}، {{ organisation.name }}، "
        "{{ attorney.email }}",
        "headline": "{{ organisation.name }} تطالب وكالة الهجرة والجمارك (ICE) بالإفراج عن "
        "{{ public.name }}",
        "held": "يُحتجز {{ public.name }} لدى سلطات الهجرة، وعدد أيام احتجازه حتى الآن: "
        "{{ custody.days_detained }}{% if public.show_facility %}، وهو الآن في "
        "{{ custody.facility }} في {{ custody.facility_place }}{% endif %}.",
        "asked": "في {{ decision.submitted_at }}، طلبت {{ organisation.name }} من ICE الإفراج عن "
        "{{ public.name }} إفراجًا مشروطًا لأسباب إنسانية (parole) لمدة "
        "{{ parole.requested_duration }}. وجاء القرار بعد {{ decision.turnaround }}: "
        "{{ decision.outcome }}{% if not decision.reasons_given %}، دون إبداء أي سبب{% endif %}.",
        "quote": "وجاء على لسان {{ press.family_quote_author }}: "
        "\u00ab{{ press.family_quote }}\u00bb.",
        "allies": "ويطالب أيضًا بالإفراج عنه: {{ press.allies|join('؛ ') }}.",
        "close": "تطالب {{ organisation.name }} وكالة ICE بالإفراج عن {{ public.name }} دون تأخير"
        "{% if parole.urgency_date %}، وقبل {{ parole.urgency_date }}{% endif %}.",
    },
}


def build_family_letter(language: str = "en") -> bytes:
    t = LETTER[language]
    w = Writer(t["title"], language=language)
    w.p(("{{ organisation.name }}", "b"), after=0)
    w.p("{{ attorney.email }}", after=12)
    w.p("{{ today }}", after=12)
    w.p((t["to"], "b"), after=12)
    w.p(t["dear"])
    w.p(t["intro"], align="justify")
    w.p(t["held"], align="justify")
    w.tag("{%p if custody.facility_address %}")
    w.p(t["address"], align="justify")
    w.tag("{%p endif %}")
    w.tag("{%p if decision %}")
    w.p(t["asked"], align="justify")
    w.tag("{%p endif %}")
    w.tag("{%p if parole.urgency_date %}")
    w.p(t["urgent"], align="justify")
    w.tag("{%p endif %}")
    w.p((t["do"], "b"), after=2)
    for key in ("keep", "moved", "money"):
        w.bullet(t[key])
    w.p(t["questions"], align="justify")
    w.p((t["note"], "i"), align="justify")
    w.p(t["sign"], after=24)
    w.p("{{ attorney.name }}", after=0)
    w.p("{{ organisation.name }}", after=0)
    return w.bytes()


def build_press_statement_in(language: str) -> bytes:
    if language == "en":
        return build_press_statement()
    t = PRESS[language]
    w = Writer(t["title"], language=language)
    w.p((t["release"], "b"), after=0)
    w.p("{{ today }}", after=0)
    w.p(t["contact"], after=12)
    w.center(t["headline"], after=12)
    w.p(t["held"], align="justify")
    w.p(t["asked"], align="justify")
    w.tag("{%p if press.family_quote %}")
    w.p(t["quote"], align="justify")
    w.tag("{%p endif %}")
    w.tag("{%p if press.allies %}")
    w.p(t["allies"], align="justify")
    w.tag("{%p endif %}")
    w.tag("{%p if press.agency_response %}")
    w.p("{{ press.agency_response }}", align="justify")
    w.tag("{%p endif %}")
    w.p(t["close"], align="justify")
    w.center("###", bold=False)
    return w.bytes()
