"""Read every application back and compare with what the client last saved."""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings")
django.setup()

from exchange.applications.models import Application  # noqa: E402

result = json.load(open(sys.argv[2]))  # argv[1], the plan, is kept for the command line
lost = submitted = 0
for app_id, sent in result["sent"].items():
    application = Application.objects.get(pk=int(app_id))
    stored = {}
    for answer in application.answers.all():
        key = (
            f"{answer.organisation_id}:{answer.question_key}"
            if answer.organisation_id
            else answer.question_key
        )
        stored[key] = answer.value
    intact = all(stored.get(k) == v for k, v in sent["answers"].items())
    if application.status == "submitted":
        submitted += 1
    if sent["submitted"] and (application.status != "submitted" or not intact):
        lost += 1
    elif not sent["submitted"] and not intact:
        lost += 1
print(json.dumps({"lost": lost, "submitted": submitted}))
