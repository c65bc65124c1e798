"""Command line: python -m data_pipeline COMMAND (demo, template, ingest, build, check)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from data_pipeline.errors import BriefingError, ConfigError, PipelineError
from data_pipeline.intake.ingest import Ingestor, expand
from data_pipeline.intake.receipts import Receipt, parse_moment
from data_pipeline.intake.template import write_template
from data_pipeline.reference.programme import load_programmes
from data_pipeline.reference.units import seat_agencies
from data_pipeline.settings import DEFAULT_PROGRAMME, resolve_paths
from data_pipeline.warehouse.build import build, check
from data_pipeline.warehouse.models import build_order, sql_models
from data_pipeline.warehouse.read import Warehouse

EXIT_OK, EXIT_REJECTED, EXIT_FAILED = 0, 1, 2


class Progress:
    """A one-line progress bar on stderr (silent when --json is used or stderr is not a terminal)."""

    def __init__(self, label: str, total: int, enabled: bool):
        self.label, self.total, self.done = label, max(total, 1), 0
        self.enabled = enabled and sys.stderr.isatty()

    def step(self, item: object) -> None:
        self.done += 1
        if self.enabled:
            filled = int(30 * self.done / self.total)
            name = str(getattr(item, "name", item))[:40]
            sys.stderr.write(
                f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} {name:<40}"
            )
            if self.done >= self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ '{text}' (cần YYYY-MM-DD)") from None


def _moment(text: str) -> dt.datetime:
    try:
        return parse_moment(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"thời điểm không hợp lệ '{text}' (cần YYYY-MM-DD, YYYY-MM-DDTHH:MM hoặc dd/mm/yyyy hh:mm)"
        ) from None


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", help="thư mục chứa parquet/ và submissions/ (mặc định: thư mục dự án)")
    common.add_argument("--programmes-dir", help="thư mục cấu hình chương trình (mặc định: config/programmes)")
    common.add_argument(
        "--programme", help=f"mã chương trình (mặc định: {DEFAULT_PROGRAMME}; với demo: mọi chương trình có mục demo)"
    )
    common.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    return common


def _demo_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--seed", type=int, default=835)
    command.add_argument("--as-of", type=_date, default=None, help="ngày của dữ liệu mẫu (mặc định: hôm nay)")


def _ingest_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="*", type=Path, help="tệp hoặc thư mục (mặc định: submissions/inbox)")
    command.add_argument(
        "--submitted-at",
        type=_moment,
        default=None,
        help="thời điểm nhận các tệp, ví dụ 2026-11-15 hoặc 2026-11-15T14:30 (mặc định: theo sổ nhận văn bản "
        "so-nhan-van-ban.csv bên cạnh inbox hoặc trong thư mục nạp, nếu không có thì lúc nạp)",
    )


def _template_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--unit", required=True, help="mã đơn vị báo cáo (mã chính thức)")
    command.add_argument("--period", required=True, help="kỳ báo cáo, ví dụ 2026-H1")
    command.add_argument("-o", "--output", required=True, type=Path, help="tệp .xlsx cần tạo")


def _build_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--as-of", type=_date, default=None, help="ngày tính hạn nộp (mặc định: hôm nay)")


def _brief_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--period", default=None, help="kỳ báo cáo (mặc định: kỳ gần nhất đã đến hạn)")
    command.add_argument("--structure", choices=["new", "legacy"], default="new", help="cơ cấu hành chính")
    command.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        action="append",
        help="tệp .pptx hoặc .docx cần tạo (có thể nhắc lại)",
    )


def _user_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("action", choices=["add", "remove", "list", "reset", "init"])
    command.add_argument("name", nargs="?", help="tên đăng nhập")
    command.add_argument("--role", choices=["admin", "analyst", "officer", "leader"], help="vai trò (với add)")
    command.add_argument("--unit", help="mã huyện hoặc xã của cán bộ địa bàn (với add)")


# Each command: its help line, its description with an example, and its own options.
COMMANDS = {
    "demo": (
        "tạo bộ dữ liệu mẫu, nạp và dựng kho",
        "Tạo tệp mẫu như từ cơ sở gửi lên, rồi nạp và dựng kho. Ví dụ: python -m data_pipeline demo --seed 7 --as-of 2026-11-23",
        _demo_options,
    ),
    "ingest": (
        "kiểm tra và nhận tệp",
        "Kiểm tra và nhận tệp báo cáo, danh sách vụ việc, sổ mô hình, danh mục đơn vị. Ví dụ: python -m data_pipeline ingest submissions/inbox",
        _ingest_options,
    ),
    "template": (
        "tạo mẫu báo cáo cho một đơn vị và kỳ",
        "Tạo tệp Excel mẫu báo cáo. Ví dụ: python -m data_pipeline template --unit 07294 --period 2026 -o bao_cao.xlsx",
        _template_options,
    ),
    "build": (
        "dựng lại parquet/ từ dữ liệu đã nhận",
        "Chạy các lớp SQL và ghi parquet/ một cách nguyên tử. Ví dụ: python -m data_pipeline build --as-of 2026-11-23",
        _build_options,
    ),
    "brief": (
        "xuất bộ trình chiếu (.pptx) hoặc dự thảo báo cáo sơ kết (.docx)",
        "Xuất bộ trình chiếu hoặc dự thảo báo cáo từ kho dữ liệu. "
        "Ví dụ: python -m data_pipeline brief --period 2026 -o so_ket.pptx -o bao_cao_so_ket.docx",
        _brief_options,
    ),
    "user": (
        "quản lý tài khoản (add, remove, list, reset, init)",
        "Quản lý tài khoản đăng nhập. Ví dụ: python -m data_pipeline user add canbo_yt --role officer --unit 215",
        _user_options,
    ),
    "check": (
        "kiểm tra parquet/ với manifest và các hợp đồng dữ liệu",
        "So khớp các tệp parquet với manifest.json, rồi kiểm tra các bảng theo hợp đồng dữ liệu "
        "(data_pipeline/warehouse/sql/schema.yml). Ví dụ: python -m data_pipeline check",
        None,
    ),
}


def _parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="python -m data_pipeline", description="Kho dữ liệu phong trào toàn dân bảo vệ ANTQ trên không gian mạng"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (summary, description, options) in COMMANDS.items():
        command = commands.add_parser(name, parents=[common], help=summary, description=description)
        if options:
            options(command)
    return parser


def _emit(args: argparse.Namespace, payload: dict, lines: Iterable[str]) -> None:
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        for line in lines:
            print(line)


STATUS_MARKS = {"accepted": "✓", "rejected": "✗", "duplicate": "=", "held": "⏸"}


def _ingest(args, paths, programmes, files: list[Path]) -> int:
    missing = [str(p) for p in files if not p.exists()]
    if missing:
        print(f"Lỗi: không tìm thấy {', '.join(missing)}", file=sys.stderr)
        return EXIT_FAILED
    files = expand(files)
    bar = Progress("Nạp tệp", len(files), not args.json)
    submitted_at = getattr(args, "submitted_at", None)
    received = Receipt(submitted_at, "option") if submitted_at else None
    result = Ingestor(paths, programmes, args.programme).run(files, bar.step, received)
    held = f", tạm giữ {len(result.held)} tệp" if result.held else ""
    lines = [
        f"Đã nhận {len(result.accepted)} tệp, từ chối {len(result.rejected)} tệp{held}, "
        f"{len(result.duplicates)} tệp trùng (đã nhận trước đây)."
    ]
    for item in result.files:
        if item["status"] in ("rejected", "held"):
            lines.append(f"{STATUS_MARKS[item['status']]} {item['file']} (lưu tại {item['kept_as']}):")
        elif item["messages"] or item.get("version", 1) > 1:
            version = (
                f" — lần nộp thứ {item['version']} ({item['version_reason']})" if item.get("version", 1) > 1 else ""
            )
            lines.append(f"{STATUS_MARKS[item['status']]} {item['file']}{version}")
        lines.extend(f"    - {message}" for message in item["messages"])
    _emit(args, result.as_dict(), lines)
    return EXIT_REJECTED if result.rejected or result.held else EXIT_OK


def _template(args, paths, programmes) -> int:
    programme = programmes[args.programme]
    write_template(programme, args.unit, args.period, args.output, seat_agencies(paths, programme))
    _emit(args, {"file": str(args.output)}, [f"Đã tạo mẫu báo cáo {args.output}"])
    return EXIT_OK


def _build(args, paths, programmes, as_of) -> int:
    bar = Progress("Dựng kho", len(build_order(sql_models())), not args.json)
    manifest = build(paths, programmes, as_of=as_of, progress=bar.step)
    counts = ", ".join(f"{k}: {v}" for k, v in manifest["row_counts"].items() if k.startswith("mart_"))
    _emit(args, manifest, [f"Đã dựng kho {manifest['build_id']} trong {manifest['duration_seconds']} s ({counts})."])
    return EXIT_OK


def _brief(args, paths) -> int:
    from data_pipeline.briefing.collect import collect
    from data_pipeline.briefing.files import write_briefing

    for output in args.output:
        if output.suffix.lower() not in (".pptx", ".docx"):
            raise BriefingError(f"Tệp xuất phải là .pptx hoặc .docx, không phải '{output.name}'")
    warehouse = Warehouse(paths.warehouse)
    period = args.period or warehouse.latest_due_period(args.programme)
    briefing = collect(warehouse, args.programme, period, args.structure)
    for output in args.output:
        write_briefing(briefing, output)
    _emit(
        args,
        {"files": [str(o) for o in args.output], "period": period},
        [f"Đã tạo {output} ({briefing.period_label})" for output in args.output],
    )
    return EXIT_OK


def _user(args, paths) -> int:
    from data_pipeline import accounts

    by = f"dòng lệnh ({os.environ.get('USER', 'không rõ')})"
    if args.action == "list":
        rows = [{"name": u.name, "role": u.role, "unit": u.unit} for u in accounts.load_users(paths).values()]
        _emit(args, {"users": rows}, [f"{r['name']}\t{accounts.ROLES[r['role']]}\t{r['unit'] or ''}" for r in rows])
        return EXIT_OK
    if args.action == "init":
        password = accounts.ensure_admin(paths)
        lines = [
            f"Đã tạo tài khoản quản trị 'admin', mật khẩu: {password} (chỉ hiện một lần; đổi bằng: user reset admin)"
        ]
        _emit(args, {"created": password is not None}, lines if password else [])
        return EXIT_OK
    if not args.name:
        raise accounts.AccountError("Cần tên đăng nhập")
    if args.action == "add":
        password = accounts.add_user(paths, args.name, args.role or "", args.unit, by)
        _emit(args, {"name": args.name}, [f"Đã tạo '{args.name}', mật khẩu: {password} (chỉ hiện một lần)"])
    elif args.action == "reset":
        password = accounts.reset_password(paths, args.name, by)
        _emit(args, {"name": args.name}, [f"Mật khẩu mới của '{args.name}': {password} (chỉ hiện một lần)"])
    else:
        accounts.remove_user(paths, args.name, by)
        _emit(args, {"name": args.name}, [f"Đã xóa tài khoản '{args.name}'"])
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (0 done, 1 input rejected, 2 could not run)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_FAILED if exit_.code else EXIT_OK
    paths = resolve_paths(args.home, args.programmes_dir)
    if args.command != "demo":
        args.programme = args.programme or DEFAULT_PROGRAMME
    try:
        programmes = load_programmes(paths.programmes_dir)
        if args.programme and args.programme not in programmes:
            raise ConfigError(f"Không có chương trình '{args.programme}' trong {paths.programmes_dir}")
        if args.command == "check":
            problems = check(paths)
            _emit(
                args, {"problems": problems}, problems or ["Kho dữ liệu khớp với manifest và đạt mọi hợp đồng dữ liệu."]
            )
            return EXIT_FAILED if problems else EXIT_OK
        if args.command == "ingest":
            return _ingest(args, paths, programmes, args.paths or [paths.inbox])
        if args.command == "build":
            return _build(args, paths, programmes, args.as_of)
        if args.command == "template":
            return _template(args, paths, programmes)
        if args.command == "brief":
            return _brief(args, paths)
        if args.command == "user":
            return _user(args, paths)
        from data_pipeline.demo import write_demo

        if any(paths.staged.glob("*/*.parquet")):
            raise ConfigError(f"{paths.submissions} đã có dữ liệu; dữ liệu mẫu chỉ tạo trên thư mục trống (make clean)")
        as_of = args.as_of or dt.date.today()
        code = EXIT_OK
        # every programme with a demo section unless one is named; each in its own inbox folder,
        # ingested with that programme (field files other than reports do not name it)
        chosen = [args.programme] if args.programme else [p for p in sorted(programmes) if programmes[p].demo]
        for programme_id in chosen:
            inbox = paths.programme_inbox(programme_id)
            written = write_demo(paths, programmes[programme_id], seed=args.seed, as_of=as_of, inbox=inbox)
            if not args.json:
                print(f"Đã tạo {len(written)} tệp mẫu trong {inbox}")
            args.programme = programme_id
            code = max(code, _ingest(args, paths, programmes, [inbox]))
        return max(code, _build(args, paths, programmes, as_of))
    except (PipelineError, OSError) as error:  # expected: bad config, locked home, a full disk…
        print(f"Lỗi: {error}", file=sys.stderr)
        return EXIT_FAILED
