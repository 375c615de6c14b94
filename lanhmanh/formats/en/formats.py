# English screens keep the Vietnamese day-first dates (the documents they mirror use
# them) but write numbers the English way: 10,000 and 2.5.
from lanhmanh.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
