"""Shared hypothesis settings and strategies for the fuzz tests.

CI runs a fixed, derandomised set of examples so that a red build is reproducible; set
``LANHMANH_FUZZ_EXAMPLES`` (e.g. 2000) to search harder on a developer machine, where
the examples are drawn afresh each run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SCALE = int(os.environ.get("LANHMANH_FUZZ_EXAMPLES", "0") or 0)


def fuzz_settings(examples: int):
    return settings(
        max_examples=SCALE or examples,
        derandomize=not SCALE,
        database=None,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


# Pieces of real plans, and of broken ones, to build texts that reach deep into the engine.
PLAN_FRAGMENTS = [
    "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    "Số: 223/KH-UBND",
    "Số:   /KH-SLĐTBXH",
    "Số: **18** /KH-UBND",
    "Nghệ An, ngày 26 tháng 3 năm 2024",
    "Hà Nội, ngày 31 tháng 13 năm 20245",
    "ngày  tháng  năm 2017",
    "KẾ HOẠCH\nThực hiện công tác phòng, chống mại dâm năm 2024",
    "QUYẾT ĐỊNH\nBan hành Chương trình phòng, chống mại dâm giai đoạn 2016 - 2020",
    "giai đoạn 2020 - 2016",
    "giai đoạn 1 - 99999",
    "Căn cứ Quyết định số 1629/QĐ-TTg ngày 29/10/2021;",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. CHỈ TIÊU",
    "1.",
    "a)",
    "- Tổ chức kiểm tra ít nhất 20% số cơ sở kinh doanh dịch vụ.",
    "- Phấn đấu 85% xã, phường lành mạnh; 100% tụ điểm bị xóa bỏ.",
    "- In ấn 10.000 tờ rơi và xây dựng 03 biển pa nô.",
    "- Giảm 3 - 5% số người bán dâm so với năm 2016.",
    "- từ 01 đến 03 hội nghị; không quá 999999999999999999999999 lượt",
    "- Tăng 1,5,5% ; đạt ,% ; 10.000.000.000,00001 người",
    "Cơ quan chủ trì: Sở Y tế. Cơ quan phối hợp: Công an tỉnh.",
    "Tiến độ thực hiện: Từ tháng 3 đến tháng 12 năm 2017",
    "Tiến độ thực hiện: Từ tháng 13 đến tháng 0 năm 0",
    "IV. TỔ CHỨC THỰC HIỆN",
    "1. Sở Y tế\n- Chủ trì, phối hợp các ngành.",
    "2. Đài Phát thanh và Truyền hình tỉnh, Báo Nghệ An",
    "3. Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức thành viên",
    "V. CHẾ ĐỘ BÁO CÁO",
    "Báo cáo quý trước ngày 15 tháng cuối quý; 6 tháng trước ngày 25/6; năm trước ngày 25/12.",
    "báo cáo trước ngày 31/02 và ngày 0/0, ngày 99/99",
    "Báo cáo đột xuất gửi Ủy ban nhân dân tỉnh (qua Sở Y tế).",
    "III. KINH PHÍ\nNgân sách tỉnh; nguồn xã hội hóa.",
    "| Chỉ tiêu | 2024 |\n|---|---|\n| 20% | 30 |",
    "\t\t\x0c\u200b\ufeff",
]


DEMO_PLANS = Path(__file__).resolve().parents[2] / "demo" / "plans"
BASES = [p.read_text(encoding="utf-8").splitlines() for p in sorted(DEMO_PLANS.glob("*.*"))]


@st.composite
def plan_like_text(draw):
    """A demo plan, mutated: lines dropped, replaced, inserted, figures scrambled."""
    lines = list(draw(st.sampled_from(BASES)))
    noise = st.one_of(
        st.sampled_from(PLAN_FRAGMENTS),
        st.text(max_size=80),
        st.from_regex(r"[0-9./%,\- ]{1,20}", fullmatch=True),
    )
    for _ in range(draw(st.integers(0, 25))):
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        action = draw(st.sampled_from(["insert", "replace", "delete", "figures", "cut"]))
        if action == "insert":
            lines.insert(at, draw(noise))
        elif not lines:
            continue
        elif action == "replace":
            lines[at] = draw(noise)
        elif action == "delete":
            del lines[at]
        elif action == "figures":
            figure = draw(st.from_regex(r"[0-9]{1,12}([.,][0-9]{0,4})?", fullmatch=True))
            lines[at] = re.sub(r"\d+", figure, lines[at])
        else:
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut]
    joiner = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    return joiner.join(lines)
