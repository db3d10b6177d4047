"""Synthetic handbook data for benchmarks: N realistic records, the same for the same seed.

The records mimic the real mix: many "Dân vận khéo" examples and models, fewer documents; places
as province → district → commune → village trees; people with positions; references across types
and provinces; some ``.md`` records with a body; figures; a few renamed ids. Every source gets an
article text (``nguon/<id>.txt``) holding the figures, names and dates of the records citing it,
so the synthetic data passes the fidelity check as real data must. Never point this at
``data/``: synthetic records are not committed.

    python scripts/synth.py 10000 /tmp/bench-data --seed 7
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from _bootstrap import ROOT
from sotay.vi import format_number, slugify

try:
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # PyYAML built without libyaml
    _Dumper = yaml.SafeDumper

# Share of each type in a large handbook; the small types get a floor so every page kind exists.
MIX: tuple[tuple[str, float, int], ...] = (
    ("dien-hinh", 0.34, 3), ("mo-hinh", 0.24, 3), ("dia-danh", 0.16, 8),
    ("nhan-vat", 0.09, 3), ("nguon", 0.07, 3), ("to-chuc", 0.04, 3), ("su-kien", 0.03, 2),
    ("van-ban", 0.02, 3), ("chu-de", 0.005, 3), ("viet-tat", 0.005, 3),
)

PROVINCES = (
    "Lai Châu", "Hà Giang", "Điện Biên", "Sơn La", "Lào Cai", "Yên Bái", "Cao Bằng", "Lạng Sơn",
    "Tuyên Quang", "Bắc Kạn", "Thái Nguyên", "Phú Thọ", "Nghệ An", "Hà Tĩnh", "Quảng Bình",
    "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên",
    "Khánh Hòa", "Gia Lai", "Kon Tum", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước",
    "Tây Ninh", "Đồng Tháp", "An Giang", "Kiên Giang", "Cà Mau", "Bạc Liêu", "Sóc Trăng",
    "Trà Vinh", "Vĩnh Long", "Bến Tre", "Tiền Giang", "Long An", "Hậu Giang", "Thanh Hóa",
)
NAME_PARTS = (
    "Tân", "Phú", "Bình", "An", "Hòa", "Thạnh", "Mường", "Nậm", "Phong", "Thổ", "Sìn", "Hồ",
    "Đồng", "Khánh", "Quyết", "Thắng", "Lợi", "Hưng", "Long", "Mỹ", "Phước", "Xuân", "Trung",
    "Sơn", "Thủy", "Bản", "Pa", "Tả", "Lìn", "Chăn", "Nưa", "Đoàn", "Kết", "Nghĩa", "Tiến",
    "Vĩnh", "Quảng", "Đức", "Minh", "Hải", "Yên", "Lạc", "Thượng", "Hạ", "Tuấn", "Giáo",
)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Lường",
            "Giàng", "Sùng", "Vàng", "Tòng", "Quàng", "Hà", "Lâm", "Triệu", "Sằm")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc", "Quang", "A", "Seo", "Thu")
GIVEN = ("Hùng", "Lan", "Dũng", "Hương", "Tuấn", "Mai", "Chiến", "Thảo", "Sáng", "Dính",
         "Chứ", "Pó", "Hoa", "Khoa", "Phượng", "Thắng", "Vân", "Quyết", "Nhàn", "Sơn")
POSITIONS = ("Bí thư Chi bộ", "Trưởng bản", "Chủ tịch Ủy ban nhân dân xã", "Trưởng Ban Dân vận",
             "Phó Trưởng Ban Dân vận Tỉnh ủy", "Chủ tịch Hội Nông dân", "Bí thư Đoàn xã",
             "Chủ tịch Hội Liên hiệp Phụ nữ", "Tổ trưởng tổ dân vận", "Người có uy tín")
TOPICS = ("Quy chế dân chủ ở cơ sở", "Công tác tôn giáo", "Công tác dân tộc",
          "Xây dựng nông thôn mới", "Giảm nghèo bền vững", "Chuyển đổi số", "Cải cách hành chính",
          "Dân vận chính quyền", "Phòng, chống dịch bệnh", "Bảo vệ môi trường",
          "Đền ơn đáp nghĩa", "An ninh trật tự ở cơ sở", "Hòa giải ở cơ sở", "Văn hóa truyền thống")
ABBREVIATIONS = (("QCDC", "Quy chế dân chủ ở cơ sở"), ("MTTQ", "Mặt trận Tổ quốc"),
                 ("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"),
                 ("BCĐ", "Ban Chỉ đạo"), ("NTM", "Nông thôn mới"), ("DVK", "Dân vận khéo"),
                 ("CCB", "Cựu chiến binh"), ("LHPN", "Liên hiệp Phụ nữ"), ("ĐTN", "Đoàn Thanh niên"))
MODEL_KINDS = ("Tổ dân vận", "Khối dân vận", "Tổ tự quản", "Câu lạc bộ", "Tổ hòa giải",
               "Mô hình “Dân vận khéo”", "Tổ liên gia tự quản", "Nhóm hộ giúp nhau")
MODEL_GOALS = ("giữ gìn an ninh trật tự", "giúp nhau thoát nghèo", "xây dựng nông thôn mới",
               "bảo vệ rừng đầu nguồn", "vận động bỏ hủ tục", "hiến đất làm đường",
               "chuyển đổi cơ cấu cây trồng", "thu gom rác thải", "tuyên truyền pháp luật",
               "phòng chống ma túy", "giữ gìn bản sắc văn hóa", "chăm lo người có công")
ACTIONS = ("Ban Dân vận phối hợp với Mặt trận Tổ quốc và các đoàn thể",
           "Cấp ủy giao nhiệm vụ cho từng đảng viên phụ trách hộ",
           "Tổ dân vận đến từng nhà lắng nghe ý kiến của bà con",
           "Người có uy tín trong bản đứng ra vận động",
           "Chính quyền xã công khai dự toán và thu chi để dân giám sát",
           "Đoàn viên thanh niên hướng dẫn bà con dùng điện thoại thông minh")
RESULTS = ("Nhân dân hiến hơn {n} m² đất làm đường giao thông nông thôn.",
           "Số hộ nghèo giảm {n} hộ so với đầu năm.",
           "Đã tổ chức {n} buổi tuyên truyền, thu hút đông đảo người dân tham gia.",
           "Hoàn thành {n} công trình dân sinh, không phát sinh khiếu kiện.",
           "Vận động được {n} suất quà tặng gia đình chính sách.")
FIGURES = (("Nhiệm vụ hoàn thành", "nhiệm vụ"), ("Hộ thoát nghèo", "hộ"),
           ("Suất quà trao tặng", "suất quà"), ("Người dân tham gia", "lượt người"),
           ("Diện tích đất hiến", "m²"), ("Công trình hoàn thành", "công trình"))
DOC_KINDS = (("nghi-quyet", "Nghị quyết", "NQ"), ("ket-luan", "Kết luận", "KL"),
             ("chi-thi", "Chỉ thị", "CT"), ("de-an", "Đề án", "ĐA"),
             ("chuong-trinh-hanh-dong", "Chương trình hành động", "CTr"),
             ("ke-hoach", "Kế hoạch", "KH"), ("quy-che", "Quy chế", "QC"),
             ("huong-dan", "Hướng dẫn", "HD"))
ORG_KINDS = (("cap-uy", "Huyện ủy"), ("ban-dang", "Ban Dân vận Huyện ủy"),
             ("chinh-quyen", "Ủy ban nhân dân huyện"), ("mat-tran-doan-the", "Ủy ban MTTQ huyện"),
             ("ban-chi-dao", "Ban Chỉ đạo Quy chế dân chủ huyện"), ("bao-chi", "Báo"))
PUBLISHERS = ("Báo Nhân Dân", "Tạp chí Dân vận", "Báo Lai Châu", "Cổng thông tin điện tử tỉnh",
              "Báo Điện Biên Phủ", "Tỉnh ủy Hà Giang", "Báo Dân tộc và Phát triển")


@dataclass
class _Plan:
    """Ids of every record to write, by type, decided before any content."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    place_level: dict[str, str] = field(default_factory=dict)
    place_parent: dict[str, str] = field(default_factory=dict)
    province_of: dict[str, str] = field(default_factory=dict)


def counts(n: int) -> dict[str, int]:
    """How many records of each type N records hold (summing to N when N is not tiny)."""
    found = {name: max(floor, int(n * share)) for name, share, floor in MIX}
    found["dien-hinh"] = max(3, found["dien-hinh"] + n - sum(found.values()))
    return found


def generate(n: int, out: Path, seed: int = 1) -> dict[str, int]:
    """Write about ``n`` records into ``out/<type>/``; return how many of each type."""
    if out.resolve() == (ROOT / "data").resolve():
        raise SystemExit("Không ghi dữ liệu giả vào data/.")
    rnd = random.Random(seed)
    plan = _plan(counts(n), rnd)
    writers: dict[str, Callable[[str, random.Random, _Plan], dict[str, Any]]] = {
        "chu-de": _topic, "viet-tat": _abbreviation, "nguon": _source, "dia-danh": _place,
        "to-chuc": _org, "nhan-vat": _person, "van-ban": _document, "mo-hinh": _model,
        "dien-hinh": _example, "su-kien": _event,
    }
    articles: dict[str, list[str]] = {source: [] for source in plan.ids["nguon"]}
    for type_name, ids in plan.ids.items():
        folder = out / type_name
        folder.mkdir(parents=True, exist_ok=True)
        for index, record_id in enumerate(ids):
            values = writers[type_name](record_id, rnd, plan)
            body = values.pop("_body", "")
            if index % 200 == 17:  # a few renamed records, to exercise redirects
                values["id_cu"] = [record_id + "-cu"]
            _write(folder, record_id, values, body)
            cited = [record_id] if type_name == "nguon" else values.get("nguon", [])
            if cited:
                articles[cited[0]] += _claims(type_name, values)
    for source, lines in articles.items():
        text = "\n\n".join([plan.titles[source], *lines]) + "\n"
        (out / "nguon" / f"{source}.txt").write_text(text, encoding="utf-8")
    return {t: len(ids) for t, ids in plan.ids.items()}


def _claims(type_name: str, values: dict[str, Any]) -> list[str]:
    """Sentences of an article that back what one record states (no randomness: the records
    stay what they were before articles were written)."""
    lines = []
    if type_name == "nguon":
        lines += [f"Tác giả: {', '.join(values['tac_gia'])}", f"Nguồn: {values['url']}"]
    if type_name == "nhan-vat":
        lines.append(f"Đồng chí {values['tieu_de']} phát biểu tại hội nghị.")
    if type_name == "viet-tat":
        lines.append(f"{values['day_du']} ({values['viet_tat']}).")
    dates = [values[name] for name in ("ngay", "ngay_ban_hanh", "tu_ngay", "thoi_gian")
             if name in values]
    dates += [item["thoi_diem"] for item in values.get("chuc_vu", ()) if "thoi_diem" in item]
    lines += [_date_words(date) for date in dates]
    for row in values.get("so_lieu", ()):
        figure = f"{row['chi_tieu']}: {_number(row['gia_tri'])} {row['don_vi']}"
        if "ty_le" in row:
            figure += f", đạt {_number(row['ty_le'])}%"
        lines.append(figure + ".")
    return lines


def _date_words(date: str) -> str:
    """2013-08-13 as the articles write it: ngày 13/8/2013, tháng 8/2013, năm 2013."""
    parts = [int(part) for part in date.split("-")]
    if len(parts) == 3:
        return f"Ngày {parts[2]}/{parts[1]}/{parts[0]}."
    return f"Tháng {parts[1]}/{parts[0]}." if len(parts) == 2 else f"Năm {parts[0]}."


def _number(value: int | float) -> str:
    # The YAML dumper writes str(value); the validator reads that back as a Decimal.
    return format_number(Decimal(str(value)))


def _write(folder: Path, record_id: str, values: dict[str, Any], body: str) -> None:
    text = yaml.dump(values, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    if body:
        (folder / f"{record_id}.md").write_text(f"---\n{text}---\n\n{body}\n", encoding="utf-8")
    else:
        (folder / f"{record_id}.yaml").write_text(text, encoding="utf-8")


def _plan(wanted: dict[str, int], rnd: random.Random) -> _Plan:
    plan = _Plan()
    _plan_places(plan, wanted["dia-danh"], rnd)
    for type_name, count in wanted.items():
        if type_name == "dia-danh":
            continue
        ids = []
        for i in range(count):
            title = _title(type_name, i, rnd)
            stem = ABBREVIATIONS[i % len(ABBREVIATIONS)][0] if type_name == "viet-tat" else title
            record_id = f"{slugify(stem)[:60].strip('-')}-{i}"
            plan.titles[record_id] = title
            ids.append(record_id)
        plan.ids[type_name] = ids
    return _Plan({t: plan.ids[t] for t in wanted}, plan.titles, plan.place_level,
                 plan.place_parent, plan.province_of)


def _plan_places(plan: _Plan, total: int, rnd: random.Random) -> None:
    """A forest of places: a few provinces, their districts, communes and villages."""
    provinces = max(2, min(len(PROVINCES), total // 60))
    rest = total - provinces
    sizes = (("huyen", "Huyện", max(1, rest * 12 // 100)),
             ("xa", "Xã", max(1, rest * 33 // 100)))
    ids: list[str] = []
    level_ids: list[str] = []
    for i in range(provinces):
        title = f"Tỉnh {PROVINCES[i]}"
        record_id = f"tinh-{slugify(PROVINCES[i])}-{i}"
        plan.titles[record_id], plan.place_level[record_id] = title, "tinh"
        plan.province_of[record_id] = record_id
        ids.append(record_id)
        level_ids.append(record_id)
    used = len(ids)
    for level, label, count in sizes + (("thon", "Bản", max(0, total - used - sum(
            s[2] for s in sizes))),):
        parents, level_ids = level_ids, []
        for _ in range(count):
            name = " ".join(rnd.sample(NAME_PARTS, 2))
            record_id = f"{slugify(label)}-{slugify(name)}-{len(ids)}"
            parent = rnd.choice(parents)
            plan.titles[record_id] = f"{label} {name}"
            plan.place_level[record_id] = level
            plan.place_parent[record_id] = parent
            plan.province_of[record_id] = plan.province_of[parent]
            ids.append(record_id)
            level_ids.append(record_id)
    plan.ids["dia-danh"] = ids


def _person_name(rnd: random.Random) -> str:
    return f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"


def _title(type_name: str, i: int, rnd: random.Random) -> str:
    place = rnd.choice(PROVINCES)
    if type_name == "chu-de":
        return TOPICS[i % len(TOPICS)] + ("" if i < len(TOPICS) else f" ({i // len(TOPICS) + 1})")
    if type_name == "viet-tat":
        return ABBREVIATIONS[i % len(ABBREVIATIONS)][1]
    if type_name == "nguon":
        return f"{rnd.choice(MODEL_KINDS)} {rnd.choice(MODEL_GOALS)} ở {place}"
    if type_name == "to-chuc":
        return f"{rnd.choice(ORG_KINDS)[1]} {rnd.choice(NAME_PARTS)} {rnd.choice(NAME_PARTS)}"
    if type_name == "nhan-vat":
        return _person_name(rnd)
    if type_name == "van-ban":
        kind = rnd.choice(DOC_KINDS)
        return f"{kind[1]} số {rnd.randint(1, 400)} của Tỉnh ủy {place} về công tác dân vận"
    if type_name == "mo-hinh":
        return f"{rnd.choice(MODEL_KINDS)} {rnd.choice(MODEL_GOALS)}"
    if type_name == "dien-hinh":
        return f"{rnd.choice(MODEL_GOALS).capitalize()} ở {rnd.choice(NAME_PARTS)} {place}"
    return f"Hội nghị sơ kết công tác dân vận tỉnh {place} năm {2010 + i % 14}"


def _pick(rnd: random.Random, pool: list[str], most: int) -> list[str]:
    return rnd.sample(pool, min(len(pool), rnd.randint(1, most)))


def _date(rnd: random.Random) -> str:
    year = rnd.randint(2008, 2024)
    shape = rnd.random()
    if shape < 0.5:
        return f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
    return f"{year}-{rnd.randint(1, 12):02d}" if shape < 0.8 else str(year)


def _prose(rnd: random.Random, plan: _Plan, sentences: int, own_id: str) -> str:
    """Sentences of generated text; some link another record (never ``own_id``)."""
    parts = []
    for _ in range(sentences):
        text = rnd.choice(ACTIONS) + " để " + rnd.choice(MODEL_GOALS) + "."
        if rnd.random() < 0.15:
            target = rnd.choice(plan.ids["mo-hinh"] or plan.ids["chu-de"])
            if target != own_id:
                text += f" Xem thêm [[{target}]]."
        parts.append(text)
    return " ".join(parts)


def _figures(rnd: random.Random) -> list[dict[str, Any]]:
    rows = []
    for label, unit in rnd.sample(FIGURES, rnd.randint(1, 3)):
        row: dict[str, Any] = {"chi_tieu": label, "gia_tri": rnd.randint(3, 5000), "don_vi": unit}
        if rnd.random() < 0.4:
            row["ty_le"] = round(rnd.uniform(50, 120), 1)
        if rnd.random() < 0.5:
            row["ky"] = f"năm {rnd.randint(2015, 2024)}"
        rows.append(row)
    return rows


def _common(record_id: str, plan: _Plan) -> dict[str, Any]:
    return {"id": record_id, "tieu_de": plan.titles[record_id]}


def _tail(values: dict[str, Any], rnd: random.Random, plan: _Plan) -> dict[str, Any]:
    if rnd.random() < 0.6:
        values["chu_de"] = _pick(rnd, plan.ids["chu-de"], 2)
    values["nguon"] = _pick(rnd, plan.ids["nguon"], 2)
    return values


def _topic(record_id: str, rnd: random.Random, plan: _Plan) -> dict[str, Any]:
    values = _common(record_id, plan)
    values["mo_ta"] = f"Các bản ghi về {plan.titles[record_id].lower()} trong công tác dân vận."
    values["nguon"] = _pick(rnd, plan.ids["nguon"], 1)
    return values


def _abbreviation(record_id: str, rnd: random.Random, plan: _Plan) -> dict[str, Any]:
    values = _common(record_id, plan)
    index = plan.ids.get("viet-tat", [record_id]).index(record_id) if "viet-tat" in plan.ids \
        else 0
    short, full = ABBREVIATIONS[index % len(ABBREVIATIONS)]
    values.update(viet_tat=short, day_du=full, nguon=_pick(rnd, plan.ids["nguon"], 1))
    return values


def _source(record_id: str, rnd: random.Random, plan: _Plan) -> dict[str, Any]:
    values = _common(record_id, plan)
    values.update(co_quan_xuat_ban=rnd.choice(PUBLISHERS),
                  url=f"https://example.vn/bai-viet/{record_id}.html",
                  tac_gia=[_person_name(rnd)], ngay=_date(rnd), tep=f"{record_id}.txt")
    return values


def _place(record_id: str, rnd: random.Random, plan: _Plan) -> dict[str, Any]:
    values = _common(record_id, plan)
    values["cap"] = plan.place_level[record_id]
    if record_id in plan.place_parent:
        values["thuoc"] = plan.place_parent[record_id]
    values["nguon"] = _pick(rnd, plan.ids["nguon"], 1)
    return values


def _places(rnd: random.Random, plan: _Plan, most: int = 2) -> list[str]:
    # Mostly communes and villages, as the articles are; sometimes a district or province.
    return _pick(rnd, plan.ids["dia-danh"], most)


def _org(record_id: str, rnd: random.Random, plan: _Plan) -> dict[str, Any]:
    values = _common(record_id, plan)
    kind = next(k for k, label in ORG_KINDS if plan.titles[record_id].startswith(label))
    values["loai"] = kind
    index = plan.ids["to-chuc"].index(record_id)
    if index > 0 and rnd.random() < 0.5:
        values["truc_thuoc"] = plan.ids["to-chuc"][rnd.randrange(index)]
    values["dia_ban"] = rnd.choice(plan.ids["dia-danh"])
    return _tail(values, rnd, plan)


def _person(record_id: str, rnd: random.Random, plan: _Plan) -> dict[str, Any]:
    values = _common(record_id, plan)
    values["chuc_vu"] = [
        {"chuc_vu": rnd.choice(POSITIONS), "to_chuc": rnd.choice(plan.ids["to-chuc"]),
         "thoi_diem": _date(rnd)}
        for _ in range(rnd.randint(1, 2))
    ]
    return _tail(values, rnd, plan)


def _document(record_id: str, rnd: random.Random, plan: _Plan) -> dict[str, Any]:
    values = _common(record_id, plan)
    title = plan.titles[record_id]
    kind = next(k for k in DOC_KINDS if title.startswith(k[1] + " "))
    number = title.split(" số ")[1].split()[0]
    values.update(so_hieu=f"{number}-{kind[2]}/TU", loai=kind[0],
                  co_quan_ban_hanh=[rnd.choice(plan.ids["to-chuc"])], ngay_ban_hanh=_date(rnd),
                  trich_yeu=f"Về {rnd.choice(MODEL_GOALS)} trong tình hình mới",
                  dia_ban=_places(rnd, plan, 1))
    index = plan.ids["van-ban"].index(record_id)
    if index > 0:
        values["can_cu"] = [plan.ids["van-ban"][rnd.randrange(index)]]
    return _tail(values, rnd, plan)


def _model(record_id: str, rnd: random.Random, plan: _Plan) -> dict[str, Any]:
    values = _common(record_id, plan)
    values.update(
        mo_ta=_prose(rnd, plan, 2, record_id), cap=rnd.choice(("xa", "thon", "ban", "huyen")),
        dia_ban=_places(rnd, plan), tu_ngay=_date(rnd),
        don_vi_phu_trach=[rnd.choice(plan.ids["to-chuc"])],
        nguoi_phu_trach=_pick(rnd, plan.ids["nhan-vat"], 1),
        trien_khai=_pick(rnd, plan.ids["van-ban"], 1),
        ket_qua=rnd.choice(RESULTS).format(n=rnd.randint(10, 900)), so_lieu=_figures(rnd),
    )
    return _tail(values, rnd, plan)


def _example(record_id: str, rnd: random.Random, plan: _Plan) -> dict[str, Any]:
    values = _common(record_id, plan)
    values.update(
        mo_ta=_prose(rnd, plan, 1, record_id), dia_ban=_places(rnd, plan),
        nhan_vat=_pick(rnd, plan.ids["nhan-vat"], 2), to_chuc=_pick(rnd, plan.ids["to-chuc"], 1),
        thoi_gian=_date(rnd), van_de=_prose(rnd, plan, 2, record_id),
        cach_lam=_prose(rnd, plan, 3, record_id),
        ket_qua=rnd.choice(RESULTS).format(n=rnd.randint(10, 900)), so_lieu=_figures(rnd),
        mo_hinh=_pick(rnd, plan.ids["mo-hinh"], 1),
    )
    if rnd.random() < 0.3:
        values["bai_hoc"] = _prose(rnd, plan, 1, record_id)
    if rnd.random() < 0.1:
        values["_body"] = "\n\n".join(_prose(rnd, plan, 4, record_id) for _ in range(3))
    return _tail(values, rnd, plan)


def _event(record_id: str, rnd: random.Random, plan: _Plan) -> dict[str, Any]:
    values = _common(record_id, plan)
    values.update(
        loai=rnd.choice(("hoi-nghi", "cuoc-van-dong", "phong-trao")), ngay=_date(rnd),
        co_quan_to_chuc=[rnd.choice(plan.ids["to-chuc"])], dia_diem="Hội trường Tỉnh ủy",
        dia_ban=_places(rnd, plan, 1), chu_tri=_pick(rnd, plan.ids["nhan-vat"], 1),
        phat_bieu=_pick(rnd, plan.ids["nhan-vat"], 2), van_ban=_pick(rnd, plan.ids["van-ban"], 2),
        ket_luan=_prose(rnd, plan, 2, record_id), so_lieu=_figures(rnd),
    )
    return _tail(values, rnd, plan)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Sinh dữ liệu giả cho đo hiệu năng.")
    parser.add_argument("count", type=int, help="số bản ghi")
    parser.add_argument("out", type=Path, help="thư mục đích (bố cục như data/)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    made = generate(args.count, args.out, args.seed)
    print(f"Đã sinh {sum(made.values())} bản ghi vào {args.out}: "
          + ", ".join(f"{t} {c}" for t, c in made.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
