import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from lanhmanh.places.models import AdministrativeUnit, Level

PHONE = "0912345678"
NAME = "Người gửi thử nghiệm"
EMAIL = "nguoigui@example.test"
CONTENT = "Quán karaoke ở đầu ngõ có dấu hiệu môi giới mại dâm vào buổi tối."


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def commune_of(province, exclude=None):
    communes = AdministrativeUnit.objects.current().filter(level=Level.COMMUNE, province=province)
    if exclude is not None:
        communes = communes.exclude(pk=exclude.pk)
    return communes.order_by("code").first()


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def make_tip(cast):
    from lanhmanh.tips import actions
    from lanhmanh.tips.models import Category, Channel

    def make(commune=None, contact=None, received_at=None, category=Category.PROSTITUTION, **kw):
        commune = commune or cast.commune
        # Recorded by the police of the tip's province (``tip.record``).
        outside = commune.province_id == cast.other_province.pk
        return actions.receive_tip(
            cast.outside["police"] if outside else cast.inside["police"],
            channel=kw.pop("channel", Channel.HOTLINE),
            commune=commune,
            category=category,
            content=kw.pop("content", CONTENT),
            received_at=received_at,
            contact=contact,
            **kw,
        )

    return make
