"""Write the search index of a small made-up handbook into a folder, for tests/js/.

    python tests/js/build_index.py OUT_DIR

Writes ``OUT_DIR/search/*.js`` (built by hooks/sotay/search_index.py, exactly as a site gets
it) and ``OUT_DIR/words.json``: how the Python side reads some queries, which the engine must
read the same way.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

from sotay.search_index import Document, Section, build_search_files, tokens, write_search_files  # noqa: E402

QUERIES = ["Dân vận khéo", "hoà giải", "Uỷ ban", "6-ĐA/TU", "06-ĐA/TU", "25 NQ TW", "thuỷ lợi",
           "“Lũng Thầu”", "khoẻ", "quý", "Đắk Lắk", "snake_case", "ǅ Œuvre", "1.234 hộ"]
PAIRS = [("QCDC", "Quy chế dân chủ ở cơ sở"), ("Bắc Kạn", "Bắc Cạn")]


def doc(url: str, title: str, text: str = "", kind: str = "Mô hình", heading: str = "",
        more: str = "", aliases: tuple[str, ...] = ()) -> Document:
    sections = [Section("", "", text)]
    if heading:
        sections.append(Section("muc", heading, more))
    return Document(url, title, kind, tuple(sections), text[:80], aliases)


DOCS = [
    doc("chu-de/dan-van-kheo.html", "Dân vận khéo", "Phong trào thi đua Dân vận khéo ở cơ sở.",
        "Chủ đề"),
    doc("su-kien/hoi-nghi.html", "Hội nghị sơ kết 9 tháng",
        "Đẩy mạnh công tác dân vận; ngăn ngừa các đối tượng lôi kéo, tụ tập.", "Sự kiện"),
    doc("dia-danh/thon-lung-thau.html", "Thôn Lũng Thầu",
        "Thôn Lũng Thầu, xã Sà Phìn, huyện Đồng Văn.", "Địa danh"),
    doc("van-ban/de-an-06.html", "Đề án 06-ĐA/TU",
        "Đề án số 06-ĐA/TU của Tỉnh uỷ Hà Giang về công tác hoà giải.", "Văn bản"),
    doc("van-ban/nghi-quyet-25.html", "Nghị quyết 25-NQ/TW",
        "Tăng cường công tác dân vận của Đảng.", "Văn bản"),
    doc("mo-hinh/to-hoa-giai.html", "Tổ hòa giải ở cơ sở", "Tổ hòa giải thôn họp hằng tháng."),
    doc("mo-hinh/to-tu-quan.html", "Tổ tự quản", "Tổ tự quản tham gia hòa giải ở xóm.",
        aliases=("Tổ an ninh tự quản",)),
    doc("dia-danh/tinh-bac-kan.html", "Tỉnh Bắc Kạn", "Tỉnh miền núi phía Bắc.", "Địa danh"),
    doc("huong-dan/doc.html", "Hướng dẫn đọc sổ tay",
        "Dẫn chứng từ bài viết về dân vận ở bản.", "Hướng dẫn"),
    doc("mo-hinh/khoan-quan.html", "Khoán quản rừng", "Giao khoán bảo vệ rừng cho hộ."),
    doc("mo-hinh/khoai-lang.html", "Khoai lang giống mới", "Trồng khoai trên đất dốc."),
    doc("chu-de/qcdc.html", "Quy chế dân chủ ở cơ sở", "Thực hiện QCDC.", "Chủ đề",
        heading="Kết quả", more="Tổ chức hội nghị đối thoại."),
] + [
    # Enough pages for several metadata blocks and for "dân vận" to have many results.
    doc(f"dien-hinh/dien-hinh-{n}.html", f"Điển hình số {n} ở bản",
        f"Gương dân vận số {n} trong phong trào thi đua.", "Điển hình")
    for n in range(1, 61)
]


def main(out: Path) -> None:
    write_search_files(out, build_search_files(DOCS, PAIRS))
    read = {q: [[t.variant, t.folded] for t in tokens(q) if not t.joined] for q in QUERIES}
    (out / "words.json").write_text(json.dumps(read, ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
