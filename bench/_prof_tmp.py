import os, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings")
import django; django.setup()
from django.test import Client
from django.db import connection, reset_queries
from django.conf import settings
import bench._directory_worker as w
qs = w.queries()
c = Client()
for p in qs[:30]: c.get("/organisations/", p)
settings.DEBUG = True
tot=[];sqlt=[]
for p in qs:
    reset_queries()
    t = time.perf_counter(); c.get("/organisations/", p); el=(time.perf_counter()-t)*1000
    tot.append(el); sqlt.append(sum(float(q["time"]) for q in connection.queries)*1000)
import statistics
print("total p50 %.1f p95 %.1f" % (statistics.median(tot), sorted(tot)[189]))
print("sql   p50 %.1f p95 %.1f" % (statistics.median(sqlt), sorted(sqlt)[189]))
py=[a-b for a,b in zip(tot,sqlt)]
print("python p50 %.1f p95 %.1f" % (statistics.median(py), sorted(py)[189]))
rows=[]
for p in qs:
    reset_queries()
    c.get("/organisations/", p)
    qq = sorted(connection.queries, key=lambda q: -float(q["time"]))
    rows.append((sum(float(q["time"]) for q in connection.queries)*1000, p, [(round(float(q["time"])*1000), q["sql"][:150]) for q in qq[:2]]))
rows.sort(key=lambda r: -r[0])
for r in rows[:10]: print(round(r[0]), r[1], r[2])
