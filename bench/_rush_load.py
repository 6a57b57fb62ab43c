"""The load generator (Locust as a library; gevent must patch first)."""

from gevent import monkey

monkey.patch_all()

import json  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import gevent  # noqa: E402
from locust import HttpUser, between, task  # noqa: E402
from locust.env import Environment  # noqa: E402
from locust.exception import StopUser  # noqa: E402

HOST, PLAN, RESULT = sys.argv[1], sys.argv[2], sys.argv[3]
THINK = tuple(float(x) for x in os.environ.get("RUSH_THINK", "3-10").split("-"))
PLAN_ITEMS = json.load(open(PLAN))
QUEUE = list(PLAN_ITEMS)
SENT = {}  # application -> {"answers": {...}, "submitted": bool}

PARTNERSHIP = {
    "issue": ["common_issue", "capacity_area"],
    "plan": ["planned_model", "visits_plan", "expected_results", "sharing", "budget"],
}
EACH = ["motivation", "brings", "learn"]


class Applicant(HttpUser):
    # Between two steps a person types or reads. Autosave fires 3 s after the typing stops
    # (hx-trigger "input delay:3s"), so one save every 3-10 s while writing: 200 people then
    # ask for about 30 requests a second, all within two minutes of the deadline.
    # RUSH_THINK="0-0" measures the server flat out (every applicant without a pause).
    wait_time = between(*THINK)

    def on_start(self):
        self.item = QUEUE.pop()
        self.app = self.item["application"]
        csrf = secrets.token_hex(16)
        self.headers = {
            "Cookie": f"sessionid={self.item['session']}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "X-Forwarded-Proto": "https",
            "Referer": HOST.replace("http://", "https://") + "/",
            "Origin": HOST.replace("http://", "https://"),
        }
        self.versions = {}
        self.answers = {}
        SENT[self.app] = {"answers": self.answers, "submitted": False}

    def save(self, url, values, htmx, scope=""):
        data = dict(values)
        for key in values:
            data[f"v_{key}"] = self.versions.get(scope + key, 0)
        headers = dict(self.headers)
        if htmx:
            headers["HX-Request"] = "true"
        with self.client.post(
            url,
            data=data,
            headers=headers,
            name="save",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 302):
                response.failure(f"save {response.status_code}")
                return
            for key, value in values.items():
                self.versions[scope + key] = self.versions.get(scope + key, 0) + 1
                self.answers[scope + key] = value

    @task
    def write_confirm_submit(self):
        base = f"/applications/{self.app}"
        for section, keys in PARTNERSHIP.items():
            self.wait()
            self.client.get(f"{base}/edit/{section}/", headers=self.headers, name="section page")
            for draft in range(2):
                self.wait()
                values = {
                    k: f"{k} draft {draft} of {self.app} — gönüllü yönetimi, Ehrenamt" for k in keys
                }
                if "capacity_area" in values:
                    values["capacity_area"] = "volunteer-management"
                self.save(f"{base}/edit/{section}/", values, htmx=draft == 0)
        tr, de = self.item["orgs"]
        for org in (tr, de):
            values = {k: f"{k} of {org}" for k in EACH}
            self.wait()
            self.save(
                f"{base}/organisations/{org}/edit/organisation/",
                values,
                htmx=False,
                scope=f"{org}:",
            )
        for org in (tr, de):
            self.wait()
            self.client.post(
                f"{base}/organisations/{org}/confirm/",
                headers=self.headers,
                allow_redirects=False,
                name="confirm",
            )
        self.wait()
        for _click in range(2):  # a double click on Submit
            with self.client.post(
                f"{base}/submit/",
                headers=self.headers,
                allow_redirects=False,
                name="submit",
                catch_response=True,
            ) as response:
                if response.status_code != 302:
                    response.failure(f"submit {response.status_code}")
        page = self.client.get(f"{base}/", headers=self.headers, name="status page")
        SENT[self.app]["submitted"] = 'data-testid="status">Submitted<' in page.text
        raise StopUser()


def warm_up():
    """Start-up work (imports, URL and template compilation) happens on each worker's first
    requests; a server in production has done it long before the rush."""
    import requests

    item = PLAN_ITEMS[0]
    csrf = secrets.token_hex(16)
    headers = {
        "Cookie": f"sessionid={item['session']}; csrftoken={csrf}",
        "X-Forwarded-Proto": "https",
    }
    base = f"{HOST}/applications/{item['application']}"
    for _ in range(10):
        for path in (
            "/edit/issue/",
            "/edit/plan/",
            "/",
            f"/organisations/{item['orgs'][0]}/edit/organisation/",
        ):
            requests.get(base + path, headers=headers, timeout=30)


def main():
    warm_up()
    env = Environment(user_classes=[Applicant], host=HOST)
    runner = env.create_local_runner()
    started = time.time()
    runner.start(len(PLAN_ITEMS), spawn_rate=50)
    gevent.sleep(2)
    while runner.user_count > 0 and time.time() - started < 480:
        gevent.sleep(0.5)
    elapsed = time.time() - started
    runner.quit()
    total = env.stats.total
    result = {
        "requests": total.num_requests,
        "errors": total.num_failures,
        "rps": total.num_requests / elapsed,
        "p50": total.get_response_time_percentile(0.5),
        "p95": total.get_response_time_percentile(0.95),
        "sent": SENT,
    }
    json.dump(result, open(RESULT, "w"))
    for name, entry in sorted(env.stats.entries.items()):
        print(
            f"  {name[1]:<5} {name[0]:<14} n={entry.num_requests:<5} p95={entry.get_response_time_percentile(0.95)} ms fail={entry.num_failures}"
        )


main()
