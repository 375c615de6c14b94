from lanhmanh.demo.loader import load_demo
from lanhmanh.people import identity
from lanhmanh.people.demo import load_demo_people
from lanhmanh.people.models import Case, Person, ServiceStatus


def test_demo_people_are_synthetic_and_in_every_state(db):
    load_demo(with_plans=False)
    assert load_demo_people() == 24
    assert load_demo_people() == 0  # idempotent
    assert Case.objects.filter(status="closed").exists()
    assert Case.objects.filter(status="open").exists()
    statuses = set(Case.objects.values_list("services__status", flat=True))
    assert {ServiceStatus.ACCEPTED, ServiceStatus.DELIVERED, ServiceStatus.REFERRED} <= statuses
    for person in Person.objects.all():
        who = identity.decrypt_identity(person)
        assert who["id_number"].startswith("000")  # no province has code 000
        assert "(giả định)" in who["address"]
