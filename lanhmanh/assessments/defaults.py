"""The default national criteria set, written for lanhmanh (not the text of any official
document): four groups, 100 points, lành mạnh from 80 points with the two mandatory
criteria met in full. Coordinators adapt it or give their province a set of its own.

Loaded by a data migration, so that every database can assess communes from the start.
"""

from __future__ import annotations

NAME = "Bộ tiêu chí xã, phường lành mạnh không có tệ nạn mại dâm (mặc định)"
FIRST_YEAR = 2015
THRESHOLD = 80
BASIS = (
    "Bộ tiêu chí mặc định của hệ thống, dùng khi tỉnh chưa ban hành bộ tiêu chí riêng. "
    "Xã, phường đạt từ 80 điểm trở lên và đạt đủ điểm các tiêu chí bắt buộc được xếp loại "
    "lành mạnh không có tệ nạn mại dâm."
)

LEADERSHIP = "I. Lãnh đạo, chỉ đạo"
COMMUNICATION = "II. Thông tin, tuyên truyền"
CONTROL = "III. Quản lý địa bàn, kiểm tra, xử lý"
SUPPORT = "IV. Hỗ trợ, hòa nhập cộng đồng"

# (group, number, text, points, mandatory)
CRITERIA = [
    (
        LEADERSHIP,
        "1.1",
        "Ủy ban nhân dân xã ban hành kế hoạch phòng, chống mại dâm hằng năm, phân công rõ "
        "trách nhiệm cho các ban, ngành, đoàn thể và thôn, tổ dân phố.",
        10,
        False,
    ),
    (
        LEADERSHIP,
        "1.2",
        "Bộ phận phụ trách phòng, chống tệ nạn xã hội của xã hoạt động thường xuyên; có sơ "
        "kết, tổng kết và gửi báo cáo định kỳ đúng thời hạn.",
        10,
        False,
    ),
    (
        COMMUNICATION,
        "2.1",
        "Tổ chức tuyên truyền về tác hại của tệ nạn mại dâm và pháp luật về phòng, chống "
        "mại dâm tại các thôn, tổ dân phố ít nhất mỗi quý một lần.",
        10,
        False,
    ),
    (
        COMMUNICATION,
        "2.2",
        "Nội dung phòng, chống mại dâm được đưa vào hương ước, quy ước của thôn, tổ dân phố "
        "và gắn với phong trào xây dựng khu dân cư văn hóa.",
        10,
        False,
    ),
    (
        CONTROL,
        "3.1",
        "Trong năm không có tụ điểm mại dâm hoạt động trên địa bàn; tụ điểm đã triệt xóa "
        "không tái hoạt động.",
        15,
        True,
    ),
    (
        CONTROL,
        "3.2",
        "Các cơ sở kinh doanh dịch vụ dễ bị lợi dụng (lưu trú, karaoke, xoa bóp, vũ trường) "
        "được lập danh sách, quản lý và kiểm tra theo kế hoạch.",
        10,
        False,
    ),
    (
        CONTROL,
        "3.3",
        "Tin báo, tố giác về hoạt động mại dâm được tiếp nhận, xác minh, xử lý đúng thời hạn.",
        10,
        False,
    ),
    (
        CONTROL,
        "3.4",
        "Không có cán bộ, công chức, người hoạt động không chuyên trách của xã vi phạm pháp "
        "luật về phòng, chống mại dâm.",
        5,
        True,
    ),
    (
        SUPPORT,
        "4.1",
        "Người bán dâm trên địa bàn được tư vấn và tiếp cận các dịch vụ hỗ trợ (y tế, trợ "
        "giúp pháp lý, học nghề, việc làm, vay vốn) theo nhu cầu.",
        10,
        False,
    ),
    (
        SUPPORT,
        "4.2",
        "Xã xây dựng hoặc tham gia mô hình phòng, chống mại dâm, hỗ trợ hòa nhập cộng đồng "
        "dựa vào cộng đồng.",
        10,
        False,
    ),
]


def load_default_set(CriteriaSet, Criterion):
    """Create the default national set unless a national set exists; the set or None."""
    if CriteriaSet.objects.filter(jurisdiction__isnull=True).exists():
        return None
    criteria_set = CriteriaSet.objects.create(
        name=NAME,
        jurisdiction=None,
        first_year=FIRST_YEAR,
        last_year=None,
        threshold=THRESHOLD,
        healthy_label="Lành mạnh",
        not_healthy_label="Chưa đạt",
        basis=BASIS,
    )
    Criterion.objects.bulk_create(
        [
            Criterion(
                criteria_set=criteria_set,
                group=group,
                code=code,
                text=text,
                max_points=points,
                mandatory=mandatory,
                order=(index + 1) * 10,
            )
            for index, (group, code, text, points, mandatory) in enumerate(CRITERIA)
        ]
    )
    return criteria_set
