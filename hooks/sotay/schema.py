"""The one definition of every record type and its fields.

The validator, the JSON Schemas for editors, the scaffold templates, the field reference in
CONTRIBUTING.md and the page templates all read these specs; nothing else lists fields. A type's
entry also decides its page layout, its index page, its chapter in the print book and its place
in the navigation: adding a type means adding its entry here (and a template only where its page
wants a layout of its own).
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT = "text"
MARKDOWN = "markdown"
DATE = "date"
INT = "int"
NUMBER = "number"
BOOL = "bool"
URL = "url"
REF = "ref"
CHOICE = "choice"
SLUG = "slug"
GROUP = "group"


@dataclass(frozen=True)
class Field:
    """One field of a record: its YAML key, kind, Vietnamese label and help text."""

    name: str
    kind: str
    label: str
    help: str
    required: bool = False
    many: bool = False
    targets: tuple[str, ...] = ()
    choices: tuple[tuple[str, str], ...] = ()
    fields: tuple[Field, ...] = ()
    backlink: str = ""
    example: str = ""
    # A number field whose values are decimals by nature (a percentage): "1.875" is then
    # never read as the Vietnamese thousands "1.875" (one thousand eight hundred…).
    decimal: bool = False

    def choice_label(self, value: str) -> str:
        return dict(self.choices).get(value, value)


RECORD_LAYOUT = "record.html.j2"
LISTING_LAYOUT = "listing.html.j2"


@dataclass(frozen=True)
class RecordType:
    """A record type: its folder (also its URL segment), names and fields, and how it is laid
    out: its page template, its index page, its subtitle in listings, its chapter position in
    the print book (1 first) and its place in the navigation."""

    name: str
    label: str
    plural: str
    help: str
    fields: tuple[Field, ...]
    year_field: str | None = None
    layout: str = RECORD_LAYOUT
    index_layout: str = LISTING_LAYOUT
    group_by: str = ""  # a choice field the index page groups by
    subtitle: tuple[str, ...] = ()  # fields shown after a title in listings, in this order
    print_position: int = 0
    in_nav: bool = True
    # (field naming the series, field ordering it): records of the type sharing the first
    # field's value form a series, and each page links the previous and next one.
    series: tuple[str, str] | None = None
    # Whether its records state facts from articles, each a statement to back with a quote
    # (a lesson only arranges what other records state).
    states_facts: bool = True

    def field(self, name: str) -> Field | None:
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None


# A verbatim quote from the cited article, checked by ``make check`` (fidelity.py).
QUOTE_HELP = ("Nguyên văn một câu hoặc một đoạn ngắn của bài viết nguồn làm căn cứ, chép đúng "
              "từng chữ (dấu nháy, gạch ngang kiểu nào cũng được).")


def _quote(help: str, required: bool = False) -> Field:
    return Field("trich", TEXT, "Trích dẫn", f"{QUOTE_HELP} {help}", required=required)


def _ref(name: str, label: str, help: str, targets: str, backlink: str, many: bool = True,
         required: bool = False) -> Field:
    return Field(name, REF, label, help, required=required, many=many,
                 targets=tuple(targets.split()), backlink=backlink)


FIGURE = Field(
    "so_lieu", GROUP, "Số liệu", "Các con số đúng như bài viết nêu, mỗi mục một chỉ tiêu.",
    many=True,
    fields=(
        Field("chi_tieu", TEXT, "Chỉ tiêu", "Điều được đo, ví dụ: nhiệm vụ hoàn thành.",
              required=True),
        Field("gia_tri", NUMBER, "Giá trị", "Con số đạt được, viết bằng chữ số (4728, 108.1).",
              required=True),
        Field("tren", NUMBER, "Trên tổng số", "Mẫu số khi bài viết ghi dạng 53/49."),
        Field("ty_le", NUMBER, "Tỷ lệ (%)", "Tỷ lệ phần trăm đúng như bài viết nêu (108.1).",
              decimal=True),
        Field("don_vi", TEXT, "Đơn vị", "Đơn vị tính: nhiệm vụ, suất quà, lượt người…"),
        Field("ky", TEXT, "Kỳ", "Khoảng thời gian của số liệu: 9 tháng đầu năm 2021…"),
        Field("nguyen_van", TEXT, "Nguyên văn", "Câu chữ của bài viết, khi con số có cách viết riêng."),
        _quote("Câu phải chứa con số (hoặc phần Nguyên văn) đúng như bài viết ghi."),
        Field("thap_phan", BOOL, "Số thập phân", "Ghi true khi Giá trị là số thập phân có đúng "
              "ba chữ số sau dấu chấm (1.981 nghĩa là một phẩy chín trăm tám mươi mốt)."),
    ),
)

# The long form of a date, ``{ngay: …, suy_luan: …, trich: …}``.
DATE_FORM = (
    Field("ngay", TEXT, "Ngày", "Ngày, dạng 2013-10-09.", required=True),
    Field("suy_luan", TEXT, "Suy luận", "Vì sao biết năm (tháng), khi bài viết không ghi."),
    _quote("Câu phải chứa ngày (hoặc năm) đó."),
)

# Quotes for any other statement: ``trich: [{truong: mo_ta, cau: "…"}]``.
QUOTES = Field(
    "trich", GROUP, "Trích dẫn", "Các câu nguyên văn của bài viết làm căn cứ cho từng trường: "
    "mỗi mục ghi trường được trích (truong) và câu trích (cau).", many=True,
    fields=(
        Field("truong", TEXT, "Trường", "Tên trường được trích: mo_ta, ket_qua, noi_dung (phần "
              "nội dung của tệp .md), ngay, so_lieu[2]…", required=True),
        Field("cau", TEXT, "Câu trích", QUOTE_HELP, required=True),
        Field("nguon", SLUG, "Nguồn", "Mã bài viết chứa câu trích, khi bản ghi trích nhiều "
              "nguồn; bỏ trống thì câu được tìm trong mọi nguồn của bản ghi."),
    ),
)

COMMON = (
    Field("id", SLUG, "Mã", "Mã duy nhất, chữ thường không dấu nối bằng gạch ngang; "
          "là địa chỉ trang, không đổi khi sửa tiêu đề.", required=True, example="ket-luan-865-tb-tu"),
    Field("tieu_de", TEXT, "Tiêu đề", "Tên đầy đủ bằng tiếng Việt có dấu.", required=True),
    Field("ten_khac", TEXT, "Tên gọi khác", "Các cách gọi khác, cũng được tìm kiếm.", many=True),
    Field("id_cu", SLUG, "Mã cũ", "Các mã trước đây của bản ghi; địa chỉ cũ sẽ chuyển hướng về đây.",
          many=True),
    Field("mo_ta", MARKDOWN, "Mô tả", "Tóm tắt ngắn (Markdown)."),
)

TAIL = (
    _ref("chu_de", "Chủ đề", "Các chủ đề của bản ghi.", "chu-de", "Thuộc chủ đề"),
    _ref("nguon", "Nguồn", "Bài viết làm căn cứ cho mọi điều bản ghi nêu.", "nguon",
         "Được trích từ nguồn", required=True),
    Field("ghi_chu", MARKDOWN, "Ghi chú", "Ghi chú của người biên soạn, ví dụ cách suy ra năm."),
    QUOTES,
)

# An official recognition of a case, only when an article states it (with a checked quote).
RECOGNITION = Field(
    "cong_nhan", GROUP, "Công nhận", "Danh hiệu điển hình được công nhận, khi bài viết nêu: "
    "danh hiệu, cấp, năm và câu trích làm căn cứ.", many=True,
    fields=(
        Field("danh_hieu", TEXT, "Danh hiệu", "Tên danh hiệu, ví dụ: Dân vận khéo.",
              required=True),
        Field("cap", TEXT, "Cấp công nhận", "Cấp công nhận: toàn quốc, tỉnh, huyện…"),
        Field("nam", DATE, "Năm", "Năm được công nhận."),
        _quote("Câu phải nêu việc công nhận.", required=True),
    ),
)
RECOGNISED_TITLE = "Dân vận khéo"

DOCUMENT_KINDS = (
    ("nghi-quyet", "Nghị quyết"), ("ket-luan", "Kết luận"), ("chi-thi", "Chỉ thị"),
    ("de-an", "Đề án"), ("chuong-trinh-hanh-dong", "Chương trình hành động"),
    ("ke-hoach", "Kế hoạch"), ("quy-che", "Quy chế"), ("quyet-dinh", "Quyết định"),
    ("huong-dan", "Hướng dẫn"), ("thong-bao", "Thông báo"), ("khac", "Văn bản khác"),
)

LEVELS = (
    ("tinh", "Tỉnh"), ("huyen", "Huyện"), ("thi-xa", "Thị xã"), ("thanh-pho", "Thành phố"),
    ("xa", "Xã"), ("phuong", "Phường"), ("thi-tran", "Thị trấn"), ("thon", "Thôn"),
    ("ban", "Bản"), ("to-dan-pho", "Tổ dân phố"),
)

TYPES: tuple[RecordType, ...] = (
    RecordType(
        "van-ban", "Văn bản", "Văn bản",
        "Nghị quyết, kết luận, chỉ thị, đề án, chương trình hành động, kế hoạch, quy chế…",
        COMMON + (
            Field("so_hieu", TEXT, "Số hiệu", "Số hiệu đúng như văn bản ghi, ví dụ 865-TB/TU. "
                  "Hai văn bản có thể trùng số hiệu.", example="06-ĐA/TU"),
            Field("loai", CHOICE, "Loại văn bản", "Loại văn bản.", required=True,
                  choices=DOCUMENT_KINDS),
            _ref("co_quan_ban_hanh", "Cơ quan ban hành", "Cơ quan ban hành văn bản.", "to-chuc",
                 "Ban hành"),
            Field("ngay_ban_hanh", DATE, "Ngày ban hành", "Ngày ban hành: 2013-08-13, 2013-08 "
                  "hoặc 2013; nếu năm được suy ra, dùng dạng {ngay: …, suy_luan: …}."),
            Field("khoa", TEXT, "Khóa", "Khóa của cơ quan ban hành, khi bài viết nêu (XI)."),
            Field("trich_yeu", TEXT, "Trích yếu", "Trích yếu nội dung, đúng như bài viết nêu."),
            Field("giai_doan", TEXT, "Giai đoạn", "Giai đoạn thực hiện, ví dụ 2023 - 2025."),
            _ref("dia_ban", "Địa bàn", "Địa bàn áp dụng.", "dia-danh", "Văn bản áp dụng tại đây"),
            _ref("can_cu", "Căn cứ", "Văn bản làm căn cứ.", "van-ban", "Là căn cứ của"),
            _ref("cu_the_hoa", "Cụ thể hóa / triển khai", "Văn bản mà văn bản này cụ thể hóa "
                 "hoặc triển khai.", "van-ban", "Được cụ thể hóa, triển khai bởi"),
            _ref("sua_doi", "Sửa đổi", "Văn bản bị văn bản này sửa đổi.", "van-ban",
                 "Được sửa đổi bởi"),
            _ref("thay_the", "Thay thế", "Văn bản bị văn bản này thay thế.", "van-ban",
                 "Được thay thế bởi"),
        ) + TAIL,
        year_field="ngay_ban_hanh",
        group_by="loai", subtitle=("so_hieu", "loai", "ngay_ban_hanh"), print_position=1,
    ),
    RecordType(
        "mo-hinh", "Mô hình", "Mô hình",
        "Mô hình dân vận ở cơ sở: tổ dân vận bản, khối dân vận cơ sở…",
        COMMON + (
            Field("cap", CHOICE, "Cấp", "Cấp thực hiện mô hình.", choices=LEVELS),
            _ref("dia_ban", "Địa bàn", "Nơi mô hình được thực hiện.", "dia-danh",
                 "Mô hình thực hiện tại đây"),
            Field("tu_ngay", DATE, "Thực hiện từ", "Thời điểm bắt đầu (2012-10 hoặc 2016)."),
            _ref("don_vi_phu_trach", "Đơn vị phụ trách", "Cơ quan, tổ chức phụ trách.", "to-chuc",
                 "Phụ trách mô hình"),
            _ref("nguoi_phu_trach", "Người phụ trách", "Người phụ trách.", "nhan-vat",
                 "Phụ trách mô hình"),
            _ref("trien_khai", "Triển khai văn bản", "Văn bản mà mô hình thực hiện.", "van-ban",
                 "Được thực hiện qua mô hình"),
            Field("ket_qua", MARKDOWN, "Kết quả", "Kết quả đạt được (Markdown)."),
            FIGURE,
        ) + TAIL,
        year_field="tu_ngay",
        group_by="cap", subtitle=("cap", "tu_ngay"), print_position=2,
    ),
    RecordType(
        "dien-hinh", "Điển hình, cách làm hay", "Điển hình, cách làm hay",
        "Điển hình, cách làm hay ở cơ sở mà bài viết nêu, dù đã hay chưa được công nhận; "
        "danh hiệu (như “Dân vận khéo”) chỉ ghi khi bài viết nêu việc công nhận.",
        COMMON + (
            _ref("dia_ban", "Địa bàn", "Nơi có điển hình.", "dia-danh", "Điển hình tại đây"),
            _ref("nhan_vat", "Nhân vật", "Người làm nên điển hình hoặc kể về nó.", "nhan-vat",
                 "Nhân vật của điển hình"),
            _ref("to_chuc", "Tổ chức", "Tổ chức thực hiện.", "to-chuc", "Thực hiện điển hình"),
            Field("thoi_gian", DATE, "Thời gian", "Thời điểm của điển hình, khi bài viết nêu."),
            Field("van_de", MARKDOWN, "Vấn đề", "Khó khăn cần giải quyết."),
            Field("cach_lam", MARKDOWN, "Cách làm", "Những việc đã làm."),
            Field("ket_qua", MARKDOWN, "Kết quả", "Kết quả, kèm số liệu ở mục Số liệu."),
            FIGURE,
            Field("bai_hoc", MARKDOWN, "Bài học", "Bài học kinh nghiệm, khi bài viết nêu."),
            _ref("mo_hinh", "Mô hình", "Mô hình mà điển hình là ví dụ.", "mo-hinh",
                 "Điển hình của mô hình"),
            RECOGNITION,
        ) + TAIL,
        year_field="thoi_gian",
        subtitle=("thoi_gian",), print_position=3,
    ),
    RecordType(
        "to-chuc", "Cơ quan, tổ chức", "Cơ quan, tổ chức",
        "Cấp ủy, ban đảng, chính quyền, Mặt trận, đoàn thể, ban chỉ đạo, cơ quan báo chí.",
        COMMON + (
            Field("loai", CHOICE, "Loại", "Loại tổ chức.", choices=(
                ("cap-uy", "Cấp ủy đảng"), ("ban-dang", "Ban của cấp ủy"),
                ("chinh-quyen", "Chính quyền"), ("mat-tran-doan-the", "Mặt trận, đoàn thể"),
                ("ban-chi-dao", "Ban chỉ đạo"), ("bao-chi", "Báo chí"), ("khac", "Khác"))),
            _ref("truc_thuoc", "Trực thuộc", "Cơ quan cấp trên.", "to-chuc", "Cơ quan trực thuộc",
                 many=False),
            _ref("dia_ban", "Địa bàn", "Địa bàn hoạt động.", "dia-danh", "Tổ chức tại đây",
                 many=False),
        ) + TAIL,
        group_by="loai", subtitle=("loai",), print_position=5,
    ),
    RecordType(
        "dia-danh", "Địa danh", "Địa danh",
        "Tỉnh, huyện, xã, thôn, bản… gọi đúng tên ở thời điểm bài viết.",
        COMMON + (
            Field("cap", CHOICE, "Cấp", "Cấp hành chính.", required=True, choices=LEVELS),
            _ref("thuoc", "Thuộc", "Địa danh cấp trên.", "dia-danh", "Địa danh trực thuộc",
                 many=False),
        ) + TAIL,
        index_layout="places.html.j2", group_by="cap", subtitle=("cap",), print_position=6,
    ),
    RecordType(
        "nhan-vat", "Nhân vật", "Nhân vật",
        "Người được bài viết nêu tên, với chức vụ ở thời điểm bài viết.",
        COMMON + (
            Field("chuc_vu", GROUP, "Chức vụ", "Mỗi chức vụ một mục, kèm thời điểm bài viết nêu.",
                  many=True, fields=(
                      Field("chuc_vu", TEXT, "Chức vụ", "Tên chức vụ đúng như bài viết.",
                            required=True),
                      _ref("to_chuc", "Tổ chức", "Cơ quan, tổ chức.", "to-chuc", "Nhân sự",
                           many=False),
                      Field("thoi_diem", DATE, "Thời điểm", "Thời điểm bài viết nêu chức vụ."),
                      _quote("Câu phải chứa chức vụ đúng như bài viết ghi."),
                  )),
        ) + TAIL,
        print_position=7,
    ),
    RecordType(
        "su-kien", "Sự kiện", "Sự kiện",
        "Hội nghị, cuộc vận động, phong trào: ngày, nơi, ai chủ trì, văn bản, kết luận.",
        COMMON + (
            Field("loai", CHOICE, "Loại", "Loại sự kiện.", choices=(
                ("hoi-nghi", "Hội nghị"), ("cuoc-van-dong", "Cuộc vận động"),
                ("phong-trao", "Phong trào"), ("khac", "Khác"))),
            Field("ngay", DATE, "Ngày", "Ngày diễn ra; nếu năm được suy ra, ghi suy_luan."),
            _ref("co_quan_to_chuc", "Cơ quan tổ chức", "Cơ quan tổ chức sự kiện.", "to-chuc",
                 "Tổ chức sự kiện"),
            Field("dia_diem", TEXT, "Địa điểm", "Nơi diễn ra, đúng như bài viết."),
            _ref("dia_ban", "Địa bàn", "Tỉnh, huyện nơi diễn ra.", "dia-danh", "Sự kiện tại đây"),
            _ref("chu_tri", "Chủ trì", "Người chủ trì.", "nhan-vat", "Chủ trì sự kiện"),
            _ref("phat_bieu", "Phát biểu, kết luận", "Người phát biểu hoặc kết luận.", "nhan-vat",
                 "Phát biểu tại sự kiện"),
            _ref("van_ban", "Văn bản bàn đến", "Văn bản được quán triệt, đánh giá.", "van-ban",
                 "Được bàn tại sự kiện"),
            Field("ket_luan", MARKDOWN, "Kết luận", "Kết luận, chỉ đạo (Markdown)."),
            FIGURE,
        ) + TAIL,
        year_field="ngay",
        group_by="loai", subtitle=("loai", "ngay"), print_position=4,
    ),
    RecordType(
        "nguon", "Nguồn", "Nguồn",
        "Bài viết làm nguồn: cơ quan xuất bản, tiêu đề, địa chỉ, tác giả, ngày.",
        COMMON + (
            Field("co_quan_xuat_ban", TEXT, "Cơ quan xuất bản", "Trang hoặc tờ báo đăng bài."),
            Field("url", URL, "Địa chỉ", "Địa chỉ http(s) của bài viết, nếu bài có."),
            Field("tac_gia", TEXT, "Tác giả", "Tác giả, khi bài viết ghi tên.", many=True),
            Field("ngay", DATE, "Ngày", "Ngày đăng hoặc ngày sự việc, nếu bài viết cho biết."),
            Field("tep", TEXT, "Tệp bài viết", "Tên tệp .txt chứa nguyên văn bài viết, đặt cạnh "
                  "bản ghi trong data/nguon/, đặt tên theo mã của bản ghi (mã + .txt)."),
            Field("ghi_chu", MARKDOWN, "Ghi chú", "Ghi chú của người biên soạn."),
            QUOTES,
        ),
        year_field="ngay",
        subtitle=("ngay", "co_quan_xuat_ban"), print_position=10,
    ),
    RecordType(
        "chu-de", "Chủ đề", "Chủ đề", "Chủ đề: quy chế dân chủ, công tác tôn giáo, dân tộc…",
        COMMON + TAIL,
        print_position=8,
    ),
    RecordType(
        "viet-tat", "Viết tắt", "Viết tắt", "Chữ viết tắt và dạng đầy đủ.",
        COMMON + (
            Field("viet_tat", TEXT, "Viết tắt", "Chữ viết tắt, ví dụ QCDC.", required=True),
            Field("day_du", TEXT, "Dạng đầy đủ", "Ví dụ: Quy chế dân chủ ở cơ sở.", required=True),
        ) + TAIL,
        print_position=9,
    ),
)


# Everything a lesson step can point at: every type but the lessons themselves.
_LESSON_TARGETS = " ".join(t.name for t in TYPES)

TYPES += (
    RecordType(
        "bai-giang", "Bài giảng", "Bài giảng",
        "Bài giảng của giảng viên, báo cáo viên: các bước đi qua những trang của sổ tay, "
        "mỗi bước một ghi chú cho người dạy và một câu hỏi thảo luận.",
        COMMON + (
            Field("khoa_hoc", TEXT, "Khóa học", "Tên khóa học, lớp bồi dưỡng có bài giảng này; "
                  "các bài cùng tên khóa học được nối bài trước, bài sau."),
            Field("thu_tu", INT, "Thứ tự trong khóa học", "Bài thứ mấy của khóa học: 1, 2, 3…"),
            Field("doi_tuong", TEXT, "Đối tượng", "Người học, ví dụ: cán bộ dân vận cấp xã.",
                  required=True),
            Field("thoi_luong", TEXT, "Thời lượng", "Thời lượng của bài, ví dụ: 90 phút."),
            Field("muc_tieu", MARKDOWN, "Mục tiêu", "Học viên nắm được gì sau bài (Markdown, "
                  "mỗi mục tiêu một gạch đầu dòng)."),
            Field("buoc", GROUP, "Các bước", "Các bước của bài theo thứ tự; mỗi bước trỏ tới "
                  "một trang của sổ tay.", required=True, many=True, fields=(
                      _ref("ban_ghi", "Trang", "Mã bản ghi mà bước này dùng.", _LESSON_TARGETS,
                           "Bài giảng sử dụng trang này", many=False, required=True),
                      Field("muc", SLUG, "Mục", "Mã của mục hoặc đoạn trên trang đó (phần sau "
                            "dấu # trong liên kết), ví dụ ket-qua; bỏ trống để trỏ cả trang."),
                      Field("ghi_chu", TEXT, "Ghi chú cho giảng viên", "Điều cần nhấn mạnh "
                            "khi giảng bước này, chỉ dựa trên nội dung trang."),
                      Field("cau_hoi", TEXT, "Câu hỏi thảo luận", "Câu hỏi đặt cho học viên."),
                  )),
        ) + TAIL,
        layout="bai-giang.html.j2", subtitle=("khoa_hoc", "thoi_luong"), print_position=11,
        states_facts=False,
        series=("khoa_hoc", "thu_tu"),
    ),
)

# The print book's chapters: every type, by its print position.
PRINT_ORDER: tuple[RecordType, ...] = tuple(sorted(TYPES, key=lambda t: t.print_position))
TYPES_BY_NAME = {t.name: t for t in TYPES}
