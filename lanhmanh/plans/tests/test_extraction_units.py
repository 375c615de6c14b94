"""Unit tests of the extraction engine on small invented snippets."""

import pytest

from lanhmanh.plans.extraction import agencies, reporting, structure, targets, tasks
from lanhmanh.plans.extraction import document as document_block
from lanhmanh.plans.extraction import responsibilities as resp


def keys(text, years=None):
    return [
        (t.kind, t.op, t.value, t.value_max, t.year)
        for t in targets.find_in_text(text, plan_years=years or [2026])
    ]


# --- numbers and comparators -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("10.000", 10000), ("2,5", 2.5), ("05", 5), ("1.500", 1500), ("78,4", 78.4)],
)
def test_parse_number(text, value):
    assert targets.parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 10.000 tờ rơi.", ("count", "eq", 10000, None, None)),
        ("Ít nhất 70% số xã tuyên truyền.", ("percent", "ge", 70, None, None)),
        ("Tối thiểu 80% cán bộ được tập huấn.", ("percent", "ge", 80, None, None)),
        ("Kiểm tra trên 90% cơ sở.", ("percent", "ge", 90, None, None)),
        ("Tổ chức hơn 30 buổi nói chuyện.", ("count", "ge", 30, None, None)),
        ("Hỗ trợ không dưới 40 người.", ("count", "ge", 40, None, None)),
        ("Kiểm tra từ 100 lượt trở lên.", ("count", "ge", 100, None, None)),
        ("Tỷ lệ tái phạm không quá 5%.", ("percent", "le", 5, None, None)),
        ("Tối đa 3 cơ sở vi phạm.", ("count", "le", 3, None, None)),
        ("Tỷ lệ tái phạm dưới 10%.", ("percent", "le", 10, None, None)),
        ("Kiểm tra 40 - 60 cơ sở.", ("count", "range", 40, 60, None)),
        ("Xây dựng từ 01 đến 03 mô hình.", ("count", "range", 1, 3, None)),
        ("Tăng 3 - 5% số vụ được xử lý.", ("percent", "increase", 3, 5, None)),
        ("Giảm 60 – 80% số cơ sở vi phạm.", ("percent", "decrease", 60, 80, None)),
        ("Tăng 20% số người được hỗ trợ.", ("percent", "increase", 20, None, None)),
        ("Đạt khoảng 2,5% dân số được sàng lọc.", ("percent", "eq", 2.5, None, None)),
        ("Có 100 % xã triển khai.", ("percent", "eq", 100, None, None)),
    ],
)
def test_quantities_and_comparators(text, expected):
    assert keys(text) == [expected]


def test_comparator_binds_to_the_next_quantity_only():
    assert keys("Ít nhất 70% người lao động; 60% học sinh được tuyên truyền.") == [
        ("percent", "ge", 70, None, None),
        ("percent", "eq", 60, None, None),
    ]


def test_one_target_per_quantity():
    assert keys("In ấn 2.000 tờ rơi và xây dựng 04 pa nô.") == [
        ("count", "eq", 2000, None, None),
        ("count", "eq", 4, None, None),
    ]


def test_per_year_targets():
    text = "Đến năm 2026 đạt 60% và năm 2028 đạt 90% số xã có mô hình."
    assert keys(text, [2026, 2027, 2028]) == [
        ("percent", "eq", 60, None, 2026),
        ("percent", "eq", 90, None, 2028),
    ]
    assert keys("Đến năm 2026: 40%, năm 2027: 70% số huyện.", [2026, 2027]) == [
        ("percent", "eq", 40, None, 2026),
        ("percent", "eq", 70, None, 2027),
    ]


def test_year_rules():
    # "mỗi năm" is not a year; a baseline is not the target's year.
    assert keys("Mỗi năm xây dựng 10% xã lành mạnh.") == [("percent", "eq", 10, None, None)]
    assert keys("Giảm 15% số vụ so với năm 2025.") == [("percent", "decrease", 15, None, None)]
    assert keys("Phấn đấu đến năm 2027 đạt 95% xã lành mạnh.", [2026, 2027]) == [
        ("percent", "eq", 95, None, 2027)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Triển khai ở 05/11 huyện, thành phố.",  # fraction of units
        "Tập huấn cho cán bộ 11 huyện và 210 xã.",  # scope
        "Tuyên truyền ở 05 huyện miền núi.",  # scope
        "Theo Nghị định số 178/2004/NĐ-CP ngày 15/10/2004.",  # legal reference, date
        "Từ tháng 3 đến tháng 12 năm 2026.",  # dates
        "Báo cáo 6 tháng, 01 năm.",  # durations
        "Phối hợp với Đội 178 và Đội kiểm tra liên ngành 178 tỉnh.",  # names
        "Gọi đường dây nóng 0912.345.678 hoặc Tổng đài 111.",  # phone numbers
        "Năm 2025 tỷ lệ xã lành mạnh đạt 78,4%.",  # past result
        "Đã tổ chức 06 lớp tập huấn.",  # past result
        "Không có tệ nạn ma túy, mại dâm1.",  # footnote mark
        "3",  # page number
        "Thực hiện chương trình 100% bao cao su.",  # a programme's name
        "Hỗ trợ trẻ em dưới 16 tuổi.",  # age
        "Tổ chức ít nhất một hình thức tuyên truyền.",  # number in words
        "Theo Điều 5, khoản 2 và phụ lục 01.",  # references
        "Kinh phí 500 triệu đồng.",  # money
        "Giai đoạn 2021 - 2025 và năm 2009, 2010.",  # years
    ],
)
def test_not_targets(text):
    assert keys(text) == []


def test_places_that_are_delivered_are_targets():
    assert keys("Xây dựng mô hình tại 79 xã, phường.") == [("count", "eq", 79, None, None)]
    assert keys("Chỉ đạo xây dựng 04 xã lành mạnh.") == [("count", "eq", 4, None, None)]
    assert keys("Phấn đấu có ít nhất 45 xã lành mạnh.") == [("count", "ge", 45, None, None)]


def test_target_span_and_text():
    text = "Phát hành 3.500 tờ gấp và 12 phóng sự; mở chuyên mục."
    found = targets.find_in_text(text, "II.1", offset=100)
    assert [t.text for t in found] == ["Phát hành 3.500 tờ gấp", "12 phóng sự"]
    assert [text[s - 100 : e - 100] for s, e in (t.span for t in found)] == [
        "Phát hành 3.500 tờ gấp",
        "12 phóng sự",
    ]
    assert found[0].section == "II.1"


# --- structure -------------------------------------------------------------------------------


def test_numbering_and_sections():
    doc = structure.parse(
        "KẾ HOẠCH\nPhòng, chống mại dâm năm 2026\n\nI. MỤC TIÊU\n1. Chỉ tiêu\n1.1. Truyền thông\n"
        "a) Chỉ tiêu\n- Tổ chức 02 hội nghị.\n+ Chi tiết.\nII. TỔ CHỨC THỰC HIỆN\n"
        "Điều 1. Ban hành.\n"
    )
    got = [(p.kind, p.marker, p.section) for p in doc.paragraphs]
    assert got == [
        ("", "", ""),
        ("", "", ""),
        ("roman", "I", "I"),
        ("arabic", "1", "I.1"),
        ("nested", "1.1", "I.1.1"),
        ("letter", "a", "I.1.1.a"),
        ("bullet", "-", "I.1.1.a"),
        ("bullet", "+", "I.1.1.a"),
        ("roman", "II", "II"),
        ("article", "1", "Điều 1"),
    ]
    assert doc.title_index == 0 and doc.title_end == 2 and doc.body_start == 2


def test_markdown_and_table_remnants_are_normalised():
    text = structure.normalize("## **1. Mục tiêu**\n|\n-------\n* bullet *(nếu có)*\n1\\. x")
    assert text.split("\n") == ["1. Mục tiêu", "", "", "- bullet (nếu có)", "1. x"]
    assert structure.normalize("**2 Yêu cầu.** Nội dung") == "2. Yêu cầu. Nội dung"


def test_hard_wrapped_lines_are_rejoined():
    first = "gồm tuyên truyền, vận động, hướng dẫn và kiểm tra việc thực hiện các"
    second = "Chương trình phòng, chống mại dâm được thực hiện thường xuyên tại các địa bàn"
    lines = []
    for i in range(12):
        # A full line, then a capitalised word that did not fit: the same paragraph.
        lines += [f"- Hoạt động {i:02d} {first}", second, "cơ sở."]
    lines += ["10. Đài", "Phát thanh và Truyền hình tỉnh", "Tăng thời lượng phát sóng."]
    lines += ["11. Sở Văn hóa, Thể thao", "và Du lịch", "Quản lý các cơ sở."]
    paragraphs = structure.reflow("\n".join(lines))
    assert paragraphs[0] == f"- Hoạt động 00 {first} {second} cơ sở."
    assert "10. Đài Phát thanh và Truyền hình tỉnh" in paragraphs
    assert "Tăng thời lượng phát sóng." in paragraphs
    assert "11. Sở Văn hóa, Thể thao và Du lịch" in paragraphs


def test_lowercase_continuation_across_a_blank_line():
    assert structure.reflow("1. Tăng cường tuyên truyền và nâng cao\n\nnhận thức\n\n- Tiếp") == [
        "1. Tăng cường tuyên truyền và nâng cao nhận thức",
        "- Tiếp",
    ]


# --- agencies and responsibilities -----------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "names"),
    [
        ("Sở Lao động - Thương binh và Xã hội", ["Sở Lao động - Thương binh và Xã hội"]),
        (
            "Đài Phát thanh và Truyền hình tỉnh, Báo Sông Lam",
            ["Đài Phát thanh và Truyền hình tỉnh", "Báo Sông Lam"],
        ),
        ("Sở Kế hoạch và Đầu tư và Sở Tài chính", ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]),
        ("Các Sở, Ban, Ngành, đoàn thể tỉnh", ["Các Sở, Ban, Ngành, đoàn thể tỉnh"]),
        ("Ủy ban nhân dân các huyện, thành phố", ["Ủy ban nhân dân các huyện, thành phố"]),
        (
            "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức thành viên",
            ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"],
        ),
        (
            "Các phòng chuyên môn và trường trung cấp Y tế",
            ["Các phòng chuyên môn", "Trường trung cấp Y tế"],
        ),
        (
            "Đề nghị Viện kiểm sát, Tòa án nhân dân tỉnh",
            ["Viện kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh"],
        ),
        ("Phòng A; Phòng B thành phố.", ["Phòng A", "Phòng B thành phố"]),
        ("Chế độ báo cáo", []),
        ("Kinh phí thực hiện", []),
    ],
)
def test_split_heading(heading, names):
    assert agencies.split_heading(heading)[0] == names


def test_inline_item_names_bodies_and_duty():
    names, duty = agencies.split_heading(
        "Đề nghị Hội Nông dân tỉnh, Hội Cựu chiến binh tỉnh phối hợp tuyên truyền."
    )
    assert names == ["Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh"]
    assert duty.startswith("phối hợp")
    assert agencies.split_heading("Ban chỉ đạo 138 tỉnh")[0] == ["Ban chỉ đạo 138 tỉnh"]
    assert agencies.split_heading("Sở Y tế: chủ trì khám sàng lọc.") == (
        ["Sở Y tế"],
        "chủ trì khám sàng lọc.",
    )


def test_responsibilities_under_assignment_subsection():
    doc = structure.parse(
        "KẾ HOẠCH\nPhòng, chống mại dâm năm 2026\nI. MỤC TIÊU\n- 100% xã tuyên truyền.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Phân công trách nhiệm\n1.1. Sở Y tế\n- Chủ trì.\n"
        "1.2. Đề nghị Tỉnh đoàn, Hội Nông dân tỉnh phối hợp tuyên truyền.\n"
        "2. Chế độ báo cáo\n2.1. Các sở báo cáo hằng quý.\n"
    )
    got = resp.extract(doc)
    assert [(r.agency, r.duties) for r in got] == [
        ("Sở Y tế", ["Chủ trì."]),
        ("Tỉnh đoàn", ["phối hợp tuyên truyền."]),
        ("Hội Nông dân tỉnh", ["phối hợp tuyên truyền."]),
    ]
    start, end = got[0].span
    assert doc.text[start:end] == "Sở Y tế"


def test_responsibilities_as_bullets():
    doc = structure.parse(
        "KẾ HOẠCH\nX năm 2026\nI. NHIỆM VỤ\n- Tổ chức 02 hội nghị.\nII. TỔ CHỨC THỰC HIỆN\n"
        "- Sở Y tế: chủ trì, hướng dẫn.\n- Công an tỉnh: đấu tranh, triệt phá.\n- Ghi chú khác.\n"
    )
    assert [r.agency for r in resp.extract(doc)] == ["Sở Y tế", "Công an tỉnh"]


# --- reporting, tasks, document --------------------------------------------------------------


def _reports(text):
    doc = structure.parse("KẾ HOẠCH\nX năm 2026\nI. TỔ CHỨC THỰC HIỆN\n" + text)
    return [(r["frequency"], r["due_day"], r["due_month"], r["to"]) for r in reporting.extract(doc)]


def test_reporting_frequencies_and_due_dates():
    assert _reports(
        "Các đơn vị báo cáo Ủy ban nhân dân tỉnh (qua Sở Y tế) trước ngày 15 tháng cuối quý."
    ) == [("quarterly", 15, None, "Ủy ban nhân dân tỉnh")]
    assert _reports(
        "Báo cáo 6 tháng trước ngày 25/6, báo cáo năm trước ngày 25/12 về Sở Y tế."
    ) == [
        ("semiannual", 25, 6, "Sở Y tế"),
        ("annual", 25, 12, "Sở Y tế"),
    ]
    got = {f for f, *_ in _reports("Báo cáo nhanh, báo cáo định kỳ tháng, quý, năm về Sở Y tế.")}
    assert got == {"ad_hoc", "monthly", "quarterly", "annual"}
    assert _reports("Báo cáo định kỳ, thường xuyên, đột xuất.") == [("ad_hoc", None, None, None)]


def test_impossible_due_dates_are_dropped_not_kept():
    # Found by the fuzzer: "ngày 0/0" made a report due on day 0 of month 0.
    assert _reports("Báo cáo 6 tháng trước ngày 0/0, báo cáo năm trước ngày 32/13 về Sở Y tế.") == [
        ("semiannual", None, None, "Sở Y tế"),
        ("annual", None, None, "Sở Y tế"),
    ]


def test_reports_without_a_period_are_not_entries():
    assert _reports("Tổng hợp báo cáo Ủy ban nhân dân tỉnh theo quy định.") == []
    assert _reports("Tập huấn cho báo cáo viên hằng năm.") == []
    assert _reports("Kiểm tra định kỳ hoặc đột xuất các cơ sở.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Từ tháng 3 đến tháng 12 năm 2017", ("2017-03", "2017-12")),
        ("Quý II/2026", ("2026-04", "2026-06")),
        ("Tháng 8/2026", ("2026-08", "2026-08")),
        ("Cả năm", ("2026-01", "2026-12")),
        ("Thường xuyên", (None, None)),
    ],
)
def test_schedules(text, expected):
    assert tasks.parse_schedule(text, 2026) == expected


def test_tasks_from_labelled_lines():
    doc = structure.parse(
        "KẾ HOẠCH\nX năm 2026\nI. NHIỆM VỤ\n1. Tuyên truyền\n1.1. Chỉ tiêu\n"
        "- Tổ chức 02 hội nghị.\n"
        "1.2. Trách nhiệm thực hiện\n- Cơ quan chủ trì: Sở Y tế.\n"
        "- Cơ quan phối hợp: Công an tỉnh, Ủy ban nhân dân các huyện, thành phố.\n"
        "- Tiến độ thực hiện: Từ tháng 4 đến tháng 9 năm 2026.\n"
    )
    assert tasks.extract(doc, [2026]) == [
        {
            "section": "I.1",
            "title": "Tuyên truyền",
            "lead": ["Sở Y tế"],
            "partners": ["Công an tỉnh", "Ủy ban nhân dân các huyện, thành phố"],
            "start": "2026-04",
            "end": "2026-09",
        }
    ]


def test_document_block():
    doc = structure.parse(
        "ỦY BAN NHÂN DÂN TỈNH SÔNG LAM\nSố: **7** /KH-UBND\nSông Lam, ngày 05 tháng 3 năm 2026\n"
        "KẾ HOẠCH\nPHÒNG, CHỐNG MẠI DÂM GIAI ĐOẠN 2026 - 2030\n"
        "Căn cứ Quyết định số 12/QĐ-TTg ngày 01/01/2026; Kế hoạch số 3/KH-BYT và "
        "Quyết định số 12/QĐ-TTg.\nI. MỤC TIÊU\n- 100% xã.\n"
    )
    block, refs = document_block.extract(doc)
    assert block["kind"] == "ke_hoach"
    assert block["number"] == "7/KH-UBND"
    assert block["issued_on"] == "2026-03-05"
    assert block["place"] == "Sông Lam"
    assert block["years"] == [2026, 2027, 2028, 2029, 2030]
    assert block["title"] == "Kế hoạch phòng, chống mại dâm giai đoạn 2026 - 2030"
    assert refs == ["12/QĐ-TTg", "3/KH-BYT"]


def test_blank_number_and_day_give_null():
    doc = structure.parse("Số: /KH-SYT\nSông Lam, ngày tháng 3 năm 2026\nKẾ HOẠCH\nX năm 2026\n")
    block, _ = document_block.extract(doc)
    assert block["number"] is None and block["issued_on"] is None and block["years"] == [2026]
