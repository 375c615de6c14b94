"""Which of a plan's indicators concern one reporting unit: the rules on duty texts, unit
kinds and task sections."""

from lanhmanh.indicators.concerns import Unit, codes_by_unit, section_covers, themes_of

TARGETS = [
    ("II.1", "communes_with_communication_pct"),
    ("II.3", "leaflets_produced"),
    ("II.5", "hotspots_broken_up"),
    ("III.1", "media_items"),
    ("III.2", "students_reached_pct"),
    ("III.3", "vocational_training"),
]


def test_duty_texts_and_kinds_name_the_themes():
    police = (
        "Chỉ đạo lực lượng Công an các cấp đấu tranh, triệt phá các đường dây, tụ điểm mại dâm."
    )
    assert {"crime", "hotspots"} <= themes_of("department", [police])
    assert themes_of("media", []) == {"media"}
    education = "Lồng ghép nội dung phòng, chống mại dâm vào hoạt động ngoại khóa cho học sinh."
    assert "students" in themes_of("department", [education])
    assert themes_of("department", ["Tổng hợp, báo cáo kết quả thực hiện."]) == set()


def test_each_unit_gets_its_own_indicators():
    units = [
        Unit(1, "department", ("Là cơ quan thường trực, theo dõi, đôn đốc.",), standing=True),
        Unit(2, "police", ("Triệt phá các đường dây, tụ điểm mại dâm.",)),
        Unit(3, "media", ("Xây dựng chuyên trang, chuyên mục.",)),
        Unit(4, "department", ("Tuyên truyền cho học sinh trong giờ ngoại khóa.",)),
        Unit(5, "peoples_committee", ()),
    ]
    codes = codes_by_unit(units, TARGETS)
    assert codes[2] == {"hotspots_broken_up"}
    assert codes[3] == {"media_items"}
    assert codes[4] == {"leaflets_produced", "students_reached_pct"}
    assert "media_items" not in codes[5] and "hotspots_broken_up" in codes[5]
    # Nothing is left to the standing agency: every target has a unit.
    assert codes[1] == set()


def test_a_target_nobody_works_on_falls_to_the_standing_agency():
    units = [
        Unit(1, "department", (), standing=True),
        Unit(2, "media", ()),
    ]
    codes = codes_by_unit(units, TARGETS)
    assert codes[2] == {"media_items"}
    assert codes[1] == {code for _s, code in TARGETS} - {"media_items"}


def test_unknown_indicators_are_asked_of_everyone_and_tasks_bring_their_targets():
    units = [Unit(1, "media", ()), Unit(2, "department", (), task_sections=("II",))]
    codes = codes_by_unit(units, [("IV", "x_custom"), ("II.5", "hotspots_broken_up")])
    assert codes[1] == {"x_custom"}
    assert codes[2] == {"x_custom", "hotspots_broken_up"}
    assert section_covers("II", "II.5") and section_covers("II.5", "II.5")
    assert not section_covers("II", "III.1") and not section_covers("", "II")
