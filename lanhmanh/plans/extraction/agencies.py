"""Agency names as plans print them: where a name starts, where it ends, and how a heading
that names several bodies splits into one name each."""

from __future__ import annotations

import re

# Words that start the name of a body. A few are also common words ("Tổ chức", "Phòng,
# chống", "Báo cáo", "Hội nghị"), which the lookaheads rule out.
_HEADS = (
    r"Sở|Ban(?! hành)|Công an|Viện(?! dẫn)|Tòa án|Toà án|Ủy ban|Uỷ ban|UBND|UBMTTQ\w*|"
    r"Hội(?! nghị| thảo| thi| diễn)|Tỉnh Đoàn|Tỉnh đoàn|Thành Đoàn|Thành đoàn|Huyện Đoàn|"
    r"Đoàn(?! kết)|Liên đoàn|Đài|Báo(?! cáo)|Bộ(?! máy| phận| công cụ)|Cục|Chi cục|"
    r"Phòng(?!,| ngừa| chống)|Trường(?! hợp)|Trung tâm|Văn phòng|Thanh tra(?!,)|Các|"
    r"Bệnh viện|Kho bạc|Ngân hàng|Bảo hiểm|Đội(?! ngũ)|Tổ(?! chức)|Cơ quan|Học viện|"
    r"Đại học|Quỹ|Hải quan|Bưu điện|Thường trực|Chủ tịch|Giám đốc|Thủ trưởng|Tiểu ban|"
    r"Hạt|Trạm|Ủy ban MTTQ|Mặt trận"
)
HEAD = re.compile(rf"^(?:{_HEADS})\b")
HEAD_ANYCASE = re.compile(rf"^(?:{_HEADS})\b", re.IGNORECASE)
COURTESY = re.compile(r"^(?:Kính\s+)?(?:Đề nghị|đề nghị|Giao|Yêu cầu)\s+")
_VERBS = (
    "chủ trì|phối hợp|hướng dẫn|chỉ đạo|thực hiện|tổ chức|tăng cường|xây dựng|triển khai|"
    "tham mưu|căn cứ|có trách nhiệm|chịu trách nhiệm|theo dõi|đẩy mạnh|tiếp tục|nghiên cứu|"
    "bố trí|vận động|tuyên truyền|quan tâm|là cơ quan|đôn đốc|rà soát|lồng ghép|cân đối|"
    "nâng cao|phát huy|tích cực|chủ động|xử lý|hỗ trợ|đảm bảo|bảo đảm|tham gia|giám sát|"
    "cung cấp|quản lý|kiểm tra|thanh tra|cập nhật|thống kê|báo cáo|tổng hợp|đề xuất|ban hành"
)
_VERB = re.compile(rf"\s(?:{_VERBS})\b")
_MEMBERS = re.compile(
    r"\s+và\s+các\s+(?:tổ chức|đơn vị|cơ quan)\s+(?:thành viên|trực thuộc|liên quan)\b"
)
_PARENS = re.compile(r"\s*\([^)]*\)")
_SPLIT_AND = re.compile(r"\s+và\s+")
_NOT_AND_HEAD = re.compile(r"^(?:các|Xã hội|xã hội)\b")


def starts_with_agency(text: str) -> bool:
    return bool(HEAD.match(COURTESY.sub("", text.strip())))


def split_heading(text: str) -> tuple[list[str], str]:
    """(agency names, inline duty text) of an assignment heading or inline item.

    "Đề nghị Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh hướng dẫn …" gives both
    courts and the duty "hướng dẫn …"; a heading that names no body gives ([], "").
    """
    text = text.strip()
    text = COURTESY.sub("", text)
    text = _MEMBERS.sub("", text)
    head = HEAD.match(text)
    if not head:
        return [], ""
    name, duty = text, ""
    colon = text.find(":")
    verb = None
    for found in _VERB.finditer(text):
        # "Ban chỉ đạo", "Đội kiểm tra liên ngành": a verb right after the head is the name.
        if found.start() > head.end():
            verb = found
            break
    cut = min(
        [p for p in (colon if colon > 0 else None, verb.start() if verb else None) if p],
        default=None,
    )
    if cut is not None:
        name, duty = text[:cut], text[cut:].lstrip(" :")
    name = _PARENS.sub("", name)
    name = name.strip(" .;,:-–")
    names = []
    for part in re.split(r"\s*;\s*", name):
        names.extend(_split_part(part))
    names = _expand_shared_suffix([n for n in names if n])
    names = [n[:1].upper() + n[1:] for n in names if HEAD_ANYCASE.match(n)]
    return names, duty


def _split_part(part: str) -> list[str]:
    part = part.strip(" .;,")
    if not part:
        return []
    pieces = [part]
    if not part.lower().startswith("các "):
        pieces = []
        current = ""
        for chunk in part.split(", "):
            if current and HEAD.match(chunk):
                pieces.append(current)
                current = chunk
            else:
                current = f"{current}, {chunk}" if current else chunk
        pieces.append(current)
    out = []
    for piece in pieces:
        chunks = _SPLIT_AND.split(piece)
        current = chunks[0]
        for chunk in chunks[1:]:
            if HEAD_ANYCASE.match(chunk) and not _NOT_AND_HEAD.match(chunk):
                out.append(current)
                current = chunk
            else:
                current = f"{current} và {chunk}"
        out.append(current)
    return [p.strip(" .;,") for p in out]


_SHARED = re.compile(r"\bnhân dân\b.*$")


def _expand_shared_suffix(names: list[str]) -> list[str]:
    """ "Viện kiểm sát, Tòa án nhân dân Thành phố" → both "… nhân dân Thành phố"."""
    courts = [n for n in names if re.match(r"^(Viện|Tòa án|Toà án)\b", n, re.IGNORECASE)]
    with_suffix = [n for n in courts if _SHARED.search(n)]
    if len(courts) < 2 or not with_suffix:
        return names
    suffix = _SHARED.search(with_suffix[-1]).group(0)
    out = []
    for name in names:
        own = _SHARED.search(name)
        if name in courts and (not own or suffix.startswith(own.group(0) + " ")):
            name = name[: own.start()].rstrip() if own else name
            name = f"{name} {suffix}"
        out.append(name)
    return out


def split_list(text: str) -> list[str]:
    """A list of bodies after "Cơ quan phối hợp:": commas and semicolons, but not inside
    "Ủy ban nhân dân các huyện, thành phố"."""
    text = _PARENS.sub("", text).strip(" .;")
    out: list[str] = []
    for part in re.split(r"\s*;\s*", text):
        current = ""
        for chunk in part.split(", "):
            if current and HEAD.match(chunk):
                out.append(current)
                current = chunk
            else:
                current = f"{current}, {chunk}" if current else chunk
        if current:
            out.append(current)
    return [o.strip(" .") for o in out if o.strip(" .")]
