from lanhmanh.plans.extraction import extract_text

CAPITAL_TITLE = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ

Số: 45/KH-UBND
Quảng Trị, ngày 03 tháng 4 năm 2026

KẾ HOẠCH
PHÒNG, CHỐNG MẠI DÂM TRÊN ĐỊA BÀN TỈNH QUẢNG TRỊ NĂM 2026

I. MỤC TIÊU
1. Tổ chức 04 hội nghị tuyên truyền.
II. TỔ CHỨC THỰC HIỆN
1. Công an tỉnh
- Chủ trì đấu tranh với tội phạm mại dâm.
"""


def test_title_in_capitals_keeps_the_place_name_capitalised():
    document = extract_text(CAPITAL_TITLE, "plan.txt")["document"]
    assert document["place"] == "Quảng Trị"
    assert document["title"] == "Kế hoạch phòng, chống mại dâm trên địa bàn tỉnh Quảng Trị năm 2026"
