"""Where each of the 34 provinces (since 1 July 2025) sits on the tile map.

No boundary file of the 2025 provinces or communes can be shipped from a package
registry (see README, "Maps"), so the map is a tile map: one square per province,
placed by hand on a grid that keeps the country's shape and each province's neighbours
roughly where they are. It is data the project owns. Keys are the provinces' codes,
values (column, row, short label).
"""

TILES: dict[str, tuple[int, int, str]] = {
    "12": (1, 0, "Lai Châu"),
    "15": (2, 0, "Lào Cai"),
    "08": (3, 0, "T.Quang"),
    "04": (4, 0, "Cao Bằng"),
    "11": (0, 1, "Điện Biên"),
    "14": (1, 1, "Sơn La"),
    "25": (2, 1, "Phú Thọ"),
    "19": (3, 1, "T.Nguyên"),
    "20": (4, 1, "Lạng Sơn"),
    "01": (2, 2, "Hà Nội"),
    "24": (3, 2, "Bắc Ninh"),
    "22": (4, 2, "Q.Ninh"),
    "37": (2, 3, "N.Bình"),
    "33": (3, 3, "H.Yên"),
    "31": (4, 3, "H.Phòng"),
    "38": (2, 4, "T.Hóa"),
    "40": (2, 5, "Nghệ An"),
    "42": (3, 6, "Hà Tĩnh"),
    "44": (3, 7, "Q.Trị"),
    "46": (4, 8, "Huế"),
    "48": (4, 9, "Đà Nẵng"),
    "51": (4, 10, "Q.Ngãi"),
    "52": (4, 11, "Gia Lai"),
    "66": (4, 12, "Đắk Lắk"),
    "68": (3, 13, "L.Đồng"),
    "56": (4, 13, "K.Hòa"),
    "80": (1, 14, "Tây Ninh"),
    "79": (2, 14, "TP.HCM"),
    "75": (3, 14, "Đồng Nai"),
    "82": (1, 15, "Đ.Tháp"),
    "86": (2, 15, "V.Long"),
    "91": (0, 15, "An Giang"),
    "92": (1, 16, "Cần Thơ"),
    "96": (0, 16, "Cà Mau"),
}
