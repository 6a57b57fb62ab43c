"""The load generator (Locust as a library; gevent must patch first)."""

from gevent import monkey

monkey.patch_all()

import json  # noqa: E402
import secrets  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import gevent  # noqa: E402
from locust import HttpUser, between, task  # noqa: E402
from locust.env import Environment  # noqa: E402
from locust.exception import StopUser  # noqa: E402

HOST, PLAN, RESULT = sys.argv[1], sys.argv[2], sys.argv[3]
PLAN_ITEMS = json.load(open(PLAN))
QUEUE = list(PLAN_ITEMS)
SENT = {}  # application -> {"answers": {...}, "submitted": bool}

PARTNERSHIP = {
    "issue": ["common_issue", "capacity_area"],
    "plan": ["planned_model", "visits_plan", "expected_results", "sharing", "budget"],
}
EACH = ["motivation", "brings", "learn"]


class Applicant(HttpUser):
    # Between two requests a person types or reads: autosave fires at most every 3 s while
    # typing (hx-trigger "input delay:3s"), so 2-6 s; 200 of them make ~50 requests a second.
    wait_time = between(2, 6)

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
            self.client.get(f"{base}/edit/{section}/", headers=self.headers, name="section page")
            for draft in range(2):
                values = {
                    k: f"{k} draft {draft} of {self.app} — gönüllü yönetimi, Ehrenamt" for k in keys
                }
                if "capacity_area" in values:
                    values["capacity_area"] = "volunteer-management"
                self.save(f"{base}/edit/{section}/", values, htmx=draft == 0)
        tr, de = self.item["orgs"]
        for org in (tr, de):
            values = {k: f"{k} of {org}" for k in EACH}
            self.save(
                f"{base}/organisations/{org}/edit/organisation/",
                values,
                htmx=False,
                scope=f"{org}:",
            )
        for org in (tr, de):
            self.client.post(
                f"{base}/organisations/{org}/confirm/",
                headers=self.headers,
                allow_redirects=False,
                name="confirm",
            )
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


def main():
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
