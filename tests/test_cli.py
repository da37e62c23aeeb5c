"""The command line through CliRunner: exit codes, Chinese messages, what is written where."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from tests.conftest import ROOT, write_xlsx
from tests.test_intake import HEADER, row, top


@pytest.fixture
def runner():
    return CliRunner()


def in_dir(runner, tmp_path, args):
    with runner.isolated_filesystem(temp_dir=tmp_path) as cwd:
        result = runner.invoke(main, args, catch_exceptions=False)
        return result, Path(cwd)


def test_every_command_has_help_and_is_in_readme(runner):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and command.help
        assert f"reportgen {name}" in readme, name


def test_init_then_build_on_clean_forms(runner, tmp_path):
    with runner.isolated_filesystem(temp_dir=tmp_path):
        result = runner.invoke(main, ["init", "2021"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        root = Path("2021")
        assert (root / "reportgen.toml").is_file() and (root / "inbox").is_dir()
        forms = sorted(p.name for p in (root / "forms").iterdir())
        assert len(forms) == 10 and any("贺兰县" in f for f in forms)
        again = runner.invoke(main, ["init", "2021"])
        assert again.exit_code == 0 and "未改动" in again.output
        result = runner.invoke(main, ["build", "2021", "--date", "2021-12-01"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        data = json.loads((root / "out" / "tally.json").read_text(encoding="utf-8"))
        assert data["accounting"]["rows_read"] == 0 and len(data["missing"]) == 10


def test_build_exit_codes_and_summary(runner, tmp_path):
    with runner.isolated_filesystem(temp_dir=tmp_path):
        inbox = Path("2021/inbox")
        write_xlsx(inbox / "贺兰县.xlsx", {"S": top() + [HEADER, row(1), row(2, equip="窑", cap="—")]})
        result = runner.invoke(main, ["build", "2021", "--date", "2021-12-01"], catch_exceptions=False)
        assert result.exit_code == 1
        out = result.output
        assert "贺兰县.xlsx「S」J5" in out and "错误1个" in out
        assert "共读取2行，计入1行，退回1行" in out
        assert "水泥：12万吨" in out
        assert (Path("2021/out") / "汇总表.xlsx").is_file()
        assert sorted(p.name for p in inbox.iterdir()) == ["贺兰县.xlsx"]  # nothing written into the inbox


def test_check_writes_nothing_and_exits_zero_when_clean(runner, tmp_path):
    with runner.isolated_filesystem(temp_dir=tmp_path):
        write_xlsx(Path("2021/inbox/贺兰县.xlsx"), {"S": top() + [HEADER, row(1)]})
        result = runner.invoke(main, ["check", "2021"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert not Path("2021/out").exists()


def test_usage_errors_exit_2_in_chinese(runner, tmp_path):
    with runner.isolated_filesystem(temp_dir=tmp_path):
        result = runner.invoke(main, ["build", "2021"])
        assert result.exit_code == 2 and "收件箱文件夹不存在" in result.output
        Path("2021/inbox").mkdir(parents=True)
        result = runner.invoke(main, ["build", "2021", "--date", "2021-13-01"])
        assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
        result = runner.invoke(main, ["build", "2021", "--out", "2021/inbox/out"])
        assert result.exit_code == 2 and "收件箱之内" in result.output
        Path("2021/reportgen.toml").write_text('regoin = "x"\n', encoding="utf-8")
        result = runner.invoke(main, ["check", "2021"])
        assert result.exit_code == 2 and "regoin" in result.output and not Path("2021/out").exists()


def test_failed_build_keeps_previous_out(runner, tmp_path, monkeypatch):
    with runner.isolated_filesystem(temp_dir=tmp_path):
        write_xlsx(Path("2021/inbox/贺兰县.xlsx"), {"S": top() + [HEADER, row(1)]})
        assert runner.invoke(main, ["build", "2021"]).exit_code == 0
        before = Path("2021/out/tally.json").read_bytes()

        def boom(*a, **k):
            raise RuntimeError("disk full")

        monkeypatch.setattr("reportgen.write.summary.write_summary", boom)
        write_xlsx(Path("2021/inbox/西夏区.xlsx"), {"S": [HEADER, row(1, county="西夏区")]})
        with pytest.raises(RuntimeError):
            runner.invoke(main, ["build", "2021"], catch_exceptions=False)
        assert Path("2021/out/tally.json").read_bytes() == before
        assert [p.name for p in Path("2021").iterdir() if p.name.startswith(".out")] == []


def test_samples_build_from_fresh_install_defaults(runner, tmp_path):
    result = runner.invoke(main, ["check", "2021", "--inbox", str(ROOT / "samples" / "2021" / "inbox")])
    assert result.exit_code in (0, 1), result.output
    assert re.search(r"文件：共\d+个", result.output)


def _override(src: Path, dest: Path, old: str, new: str) -> None:
    """Copy a shipped template into a workspace, replacing text in its document.xml."""
    import zipfile

    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(info, data)


def test_templates_lists_and_checks(runner, tmp_path):
    with runner.isolated_filesystem(temp_dir=tmp_path):
        result = runner.invoke(main, ["templates", "2021", "--date", "2021-12-01"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        for name in ("年度情况报告", "公告", "核对函", "催报函"):
            assert f"{name}（内置" in result.output
        _override(ROOT / "templates" / "核对函.docx", Path("2021/templates/核对函.docx"), "{{ reply_by", "{{ reply_byy")
        result = runner.invoke(main, ["templates", "2021", "--date", "2021-12-01"], catch_exceptions=False)
        assert result.exit_code == 1
        assert "核对函（年度目录" in result.output and "reply_byy" in result.output and "1个有问题" in result.output


def test_build_uses_workspace_template_and_reports_its_error(runner, tmp_path):
    with runner.isolated_filesystem(temp_dir=tmp_path):
        write_xlsx(Path("2021/inbox/贺兰县.xlsx"), {"S": top() + [HEADER, row(1)]})
        _override(ROOT / "templates" / "核对函.docx", Path("2021/templates/核对函.docx"), "{{ reply_by", "{% if %}{{ reply_by")
        result = runner.invoke(main, ["build", "2021", "--date", "2021-12-01"])
        assert result.exit_code == 2 and "核对函.docx" in result.output
        assert "Traceback" not in result.output and not Path("2021/out").exists()


def test_plan_workbook_from_configuration(runner, tmp_path):
    with runner.isolated_filesystem(temp_dir=tmp_path):
        write_xlsx(Path("2021/inbox/贺兰县.xlsx"), {"S": top() + [HEADER, row(1)]})
        Path("2021/reportgen.toml").write_text('[plan]\nfile = "计划/目标任务.xlsx"\n', encoding="utf-8")
        result = runner.invoke(main, ["check", "2021"])
        assert result.exit_code == 2 and "目标任务工作簿不存在" in result.output
        write_xlsx(Path("2021/计划/目标任务.xlsx"), {"目标任务": [["县（市）区", "行业", "目标产能", "产能单位"],
                                                              ["贺兰县", "水泥", 20, "万吨"]]})
        result = runner.invoke(main, ["build", "2021", "--date", "2021-12-01"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        data = json.loads(Path("2021/out/tally.json").read_text(encoding="utf-8"))
        assert data["targets"][0]["capacity"] == 20 and data["targets"][0]["source"]["file"] == "计划/目标任务.xlsx"
        Path("2021/reportgen.toml").write_text('[plan]\nfile = "inbox/目标任务.xlsx"\n', encoding="utf-8")
        Path("2021/计划/目标任务.xlsx").rename("2021/inbox/目标任务.xlsx")
        assert runner.invoke(main, ["build", "2021", "--date", "2021-12-01"]).exit_code == 0
        data = json.loads(Path("2021/out/tally.json").read_text(encoding="utf-8"))
        assert len(data["targets"]) == 1  # named in the settings and lying in the inbox: read once


def test_build_twice_gives_the_same_bytes(runner, tmp_path):
    def build(out: str) -> dict[str, bytes]:
        result = runner.invoke(main, ["build", "2021", "--inbox", str(ROOT / "samples" / "2021" / "inbox"), "--out", out,
                                      "--date", "2021-12-01"], catch_exceptions=False)
        assert result.exit_code == 1, result.output  # the samples hold two bad rows on purpose
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in Path(out).rglob("*") if p.is_file()}

    with runner.isolated_filesystem(temp_dir=tmp_path):
        first, second = build("a"), build("b")
    assert len(first) > 20 and first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_check_writes_nothing_and_claims_nothing_written(runner, tmp_path):
    with runner.isolated_filesystem(temp_dir=tmp_path) as cwd:
        result = runner.invoke(main, ["check", "2021", "--inbox", str(ROOT / "samples" / "2021" / "inbox"),
                                      "--date", "2021-12-01"], catch_exceptions=False)
        assert result.exit_code == 1, result.output  # two bad rows on purpose
        assert list(Path(cwd).iterdir()) == []
    assert "已生成" not in result.output and "没有写任何文件" in result.output
    assert "灵武市" in result.output  # still named as missing


def test_sample_inbox_holds_only_what_a_clerk_receives():
    inbox = ROOT / "samples" / "2021" / "inbox"
    names = {p.name for p in inbox.rglob("*")}
    assert not names & {"README.md", "expected.json"}
    assert (inbox.parent / "README.md").is_file() and (inbox.parent / "expected.json").is_file()
