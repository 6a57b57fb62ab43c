import json

import pytest
from django.core.management import CommandError, call_command

from exchange.organisations.filters import DirectoryFilter
from exchange.organisations.models import CapacityStatement, Organisation

RECORD = {
    "ref": "tr-0001",
    "name": "Konya Sosyal Girişim Derneği",
    "country": "TR",
    "city": "Konya",
    "kind": "association",
    "founded": 2019,
    "staff": 3,
    "volunteers": 94,
    "languages": ["tr", "en"],
    "fields": ["social-entrepreneurship"],
    "needs": [{"area": "institutional-funding", "text": "Büyük fonlara başvurmak istiyoruz."}],
    "offers": [
        {"area": None, "text": "Yasa tasarılarını izleyip komisyonlara görüş gönderiyoruz."}
    ],
    "description": "Konya merkezli bir dernek.",
    "hosts_visits": True,
}


def write(tmp_path, records):
    path = tmp_path / "orgs.jsonl"
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)
        + "\n",
        encoding="utf-8",
    )
    return str(path)


def test_import_creates_organisations_searchable_at_once(db, tmp_path):
    call_command("import_organisations", write(tmp_path, [RECORD]), "--no-progress")
    org = Organisation.objects.get(ref="tr-0001")
    assert org.volunteer_count == 94 and org.hosts_visits
    offer = org.statements.get(kind=CapacityStatement.Kind.OFFER)
    assert offer.area == "" and offer.text.startswith("Yasa")
    found = DirectoryFilter({"q": "girisim konya"}, queryset=Organisation.objects.all()).ordered()
    assert list(found) == [org]


def test_import_is_idempotent_on_ref_and_updates_changed_records(db, tmp_path):
    path = write(tmp_path, [RECORD])
    call_command("import_organisations", path, "--no-progress")
    call_command("import_organisations", path, "--no-progress")
    assert Organisation.objects.count() == 1
    changed = {
        **RECORD,
        "city": "Karaman",
        "needs": [{"area": "governance", "text": "Yönetim kurulu."}],
    }
    call_command("import_organisations", write(tmp_path, [changed]), "--no-progress")
    org = Organisation.objects.get(ref="tr-0001")
    assert org.city == "Karaman"
    assert list(org.statements.filter(kind="need").values_list("area", flat=True)) == ["governance"]
    assert Organisation.objects.count() == 1


def test_bad_lines_are_reported_with_their_number_and_the_good_ones_imported(db, tmp_path, capsys):
    lines = [
        RECORD,
        "{not json",
        {**RECORD, "ref": "tr-0002", "country": "US"},
        {**RECORD, "ref": "tr-0003", "languages": []},
        {**RECORD, "ref": "tr-0004", "needs": [{"area": "flying", "text": "x"}]},
        {**RECORD, "ref": "tr-0005", "founded": "nineteen"},
        {**RECORD, "ref": "de-0001", "country": "DE", "city": "Köln", "name": "Ehrenamt Köln"},
        "",
        "[1, 2]",
    ]
    with pytest.raises(CommandError) as excinfo:
        call_command("import_organisations", write(tmp_path, lines), "--no-progress")
    assert excinfo.value.returncode == 1
    err = capsys.readouterr().err
    for number, reason in [
        (2, "invalid JSON"),
        (3, "country 'US'"),
        (4, "languages"),
        (5, "flying"),
        (6, "founded"),
        (9, "not a JSON object"),
    ]:
        assert (
            f"line {number}: " in err and reason in err.split(f"line {number}: ")[1].splitlines()[0]
        )
    assert sorted(Organisation.objects.values_list("ref", flat=True)) == ["de-0001", "tr-0001"]


def test_a_missing_file_is_a_clear_error(db):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_organisations", "/nonexistent/file.jsonl")


def test_the_benchmark_development_set_imports_cleanly(db, shared_dir):
    path = shared_dir / "benchmarks" / "matching" / "dev-organisations.jsonl"
    call_command("import_organisations", str(path), "--no-progress")
    assert Organisation.objects.count() == 600
    assert Organisation.objects.filter(country="TR").count() == 300
