"""Who gets what in a workspace, for the tables (pages: anonymous is sent to sign in;
API: anonymous gets 401). `member` and `org_admin` are of the Turkish organisation, one of
the partnership's two; `other` is anyone else with an account; `staff` run the programme."""

PERSONAS = (
    "anonymous", "member", "org_admin", "other", "staff", "other_staff",
    "reviewer", "reviewer_unassigned", "reviewer_conflicted",
)  # fmt: skip


def everyone(status):
    return dict.fromkeys(PERSONAS, status)


# Pages
WS_READ = {**everyone(404), "anonymous": 302, "member": 200, "org_admin": 200, "staff": 200}
# A POST by the partnership's people: they are sent on (302); staff are refused (403).
WS_WRITE = {**everyone(404), "anonymous": 302, "member": 302, "org_admin": 302, "staff": 403}
# A form page of the partnership's people (GET): staff see no form (403).
WS_FORM = {**everyone(404), "anonymous": 302, "member": 200, "org_admin": 200, "staff": 403}
# What the staff do (approve, give feedback): the partnership's people are refused (403).
WS_STAFF_WRITE = {**everyone(404), "anonymous": 302, "member": 403, "org_admin": 403, "staff": 302}
WS_STAFF_READ = {**everyone(404), "anonymous": 302, "member": 404, "org_admin": 404, "staff": 200}

# API
API_READ = {**everyone(404), "anonymous": 401, "member": 200, "org_admin": 200, "staff": 200}
API_STAFF = {**everyone(404), "anonymous": 401, "staff": 200}
