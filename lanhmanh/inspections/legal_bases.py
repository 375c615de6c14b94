"""The legal bases most cited for prostitution offences, as a starting catalogue that
administrators can edit; to be checked against the decrees' texts."""

import datetime

D = datetime.date
BASES = [
    # Decree 167/2013/NĐ-CP, in force 28/12/2013 until replaced on 01/01/2022.
    (
        "167/2013/NĐ-CP",
        22,
        1,
        "",
        "Mua dâm",
        False,
        500_000,
        1_000_000,
        D(2013, 12, 28),
        D(2021, 12, 31),
    ),
    (
        "167/2013/NĐ-CP",
        23,
        1,
        "",
        "Bán dâm",
        True,
        100_000,
        300_000,
        D(2013, 12, 28),
        D(2021, 12, 31),
    ),
    # Decree 144/2021/NĐ-CP, in force 01/01/2022 until 14/12/2025.
    (
        "144/2021/NĐ-CP",
        24,
        1,
        "",
        "Mua dâm",
        False,
        1_000_000,
        2_000_000,
        D(2022, 1, 1),
        D(2025, 12, 14),
    ),
    (
        "144/2021/NĐ-CP",
        24,
        2,
        "",
        "Mua dâm với từ 02 người trở lên cùng một lúc",
        False,
        2_000_000,
        3_000_000,
        D(2022, 1, 1),
        D(2025, 12, 14),
    ),
    (
        "144/2021/NĐ-CP",
        25,
        1,
        "",
        "Bán dâm",
        True,
        300_000,
        500_000,
        D(2022, 1, 1),
        D(2025, 12, 14),
    ),
    (
        "144/2021/NĐ-CP",
        25,
        2,
        "",
        "Bán dâm cho từ 02 người trở lên cùng một lúc",
        False,
        500_000,
        1_000_000,
        D(2022, 1, 1),
        D(2025, 12, 14),
    ),
    # Decree 282/2025/NĐ-CP, in force since 15/12/2025.
    ("282/2025/NĐ-CP", None, None, "", "Bán dâm", True, 300_000, 500_000, D(2025, 12, 15), None),
    (
        "282/2025/NĐ-CP",
        None,
        None,
        "",
        "Mua dâm",
        False,
        1_000_000,
        2_000_000,
        D(2025, 12, 15),
        None,
    ),
    (
        "282/2025/NĐ-CP",
        None,
        None,
        "",
        "Mua dâm với từ 02 người trở lên cùng một lúc",
        False,
        2_000_000,
        3_000_000,
        D(2025, 12, 15),
        None,
    ),
]


def seed_legal_bases(LegalBasis) -> None:
    """Idempotent: a basis already present is left as the administrators made it."""
    for decree, article, clause, point, behaviour, warning, low, high, start, end in BASES:
        LegalBasis.objects.get_or_create(
            decree=decree,
            article=article,
            clause=clause,
            behaviour=behaviour,
            defaults={
                "point": point,
                "warning_allowed": warning,
                "fine_min": low,
                "fine_max": high,
                "valid_from": start,
                "valid_to": end,
            },
        )
