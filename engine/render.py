"""Plain views of a report for people: Markdown and the pieces the text views share, Chinese by default (``lang="en"``)."""

from __future__ import annotations

from .glossary import DECISION_TITLES
from .regions import region_name
from .report import Outcome, Report
from .trace import lines, jsonable

STATUS_MARK = {"met": "✔", "not_met": "✖", "unknown": "?", "info": "ℹ"}

LABELS = {
    "zh": {"title": "医保参谋报告", "as_of": "评估日期", "region": "待遇享受地", "facts": "要点",
           "options": "您可以", "why": "依据（规则与参数）", "price": "费用", "deadline": "期限", "yuan": "元",
           "verify": "需向当地医保经办机构核实的数据（种子文章、假定或未知；可在档案 [policy_overrides] 填写）",
           "unknown": "未知", "used_by": "用于",
           "legend": "◆ 参数 [地区，生效日期，可信度]；✔ 成立；✖ 不成立；· 说明。可信度：official 官方、secondary 转述、"
                     "seed 种子文章（需核实）、assumed 假定（需核实）、user 您填写的"},
    "en": {"title": "yibao report", "as_of": "as of", "region": "benefit region", "facts": "Key figures",
           "options": "What you can do", "why": "Why (rules and parameters)", "price": "price", "deadline": "deadline",
           "yuan": "yuan",
           "verify": "To verify with the local office (seed, assumed or unknown figures; "
                     "set them in [policy_overrides] when you know them)",
           "unknown": "unknown", "used_by": "used by",
           "legend": "◆ parameter [region, in force from, confidence]; ✔ holds; ✖ does not hold; · note. Confidence: "
                     "official, secondary, seed (verify locally), assumed (verify locally), user (your override)"},
}


def labels(lang: str) -> dict:
    return LABELS["en" if lang == "en" else "zh"]


def fact_text(value) -> str:
    value = jsonable(value)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(fact_text(v) for v in value) if value else "[]"
    if isinstance(value, dict):
        return "; ".join(f"{k}={fact_text(v)}" for k, v in value.items())
    return str(value)


def option_lines(outcome: Outcome, lang: str) -> list[str]:
    lab = labels(lang)
    out = []
    for opt in outcome.options:
        d = opt.to_dict(lang)
        extra = []
        if d["price_yuan"] is not None:
            extra.append(f"{lab['price']} {d['price_yuan']:,.2f} {lab['yuan']}")
        if d["deadline"]:
            extra.append(f"{lab['deadline']} {d['deadline']}")
        tail = f" ({'; '.join(extra)})" if extra else ""
        out.append(f"{d['title']}: {d['detail']}{tail}" if d["detail"] else f"{d['title']}{tail}")
    return out


def verify_cells(entry: dict, lang: str, sep: str = ", ") -> tuple[str, str]:
    """A figure to verify (an entry of ``Report.to_verify``) as text: its value, or "unknown" where the data has
    none, and the titles of the decisions that read it, joined by ``sep``."""
    value = labels(lang)["unknown"] if entry["unknown"] else fact_text(entry["value"])
    return value, sep.join(DECISION_TITLES[d][1 if lang == "en" else 0] for d in entry["decisions"])


def verify_lines(report: Report, lang: str) -> list[str]:
    """One line per figure to verify locally: name, value or "unknown", region, confidence, the decisions using it."""
    lab = labels(lang)
    out = []
    for e in report.to_verify(lang):
        value, used = verify_cells(e, lang)
        line = f"{e['title']} = {value} [{e['region']}, {e['confidence']}]; {lab['used_by']} {used}"
        out.append(line + (f" — {e['note']}" if e["note"] else ""))
    return out


def header(report: Report, lang: str) -> tuple[str, str]:
    lab = labels(lang)
    region = report.profile.person.region
    return (f"{lab['title']} · {report.profile.name}",
            f"{lab['as_of']} {report.as_of.isoformat()} · {lab['region']} {region_name(region, lang)} ({region})")


def markdown(report: Report, lang: str = "zh") -> str:
    """The report as Markdown: a section per decision with its verdict, facts, options and the trace."""
    lab = labels(lang)
    title, sub = header(report, lang)
    out = [f"# {title}", "", sub, ""]
    from .warnings import compute  # the profile checked against itself: shown first

    for warning in compute(report):
        out += [f"> **⚠ {warning.title(lang)}**", ">", f"> {warning.message(lang)}", ""]
    for key, outcome in report.decisions.items():
        zh, en = DECISION_TITLES[key]
        out += [f"## {STATUS_MARK[outcome.status]} {en if lang == 'en' else zh}", "",
                f"**{outcome.verdict_text(lang)}**", "", f"### {lab['facts']}", "",
                "| | |", "|---|---|"]
        out += [f"| `{k}` | {fact_text(v).replace('|', '/')} |" for k, v in outcome.facts.items()]
        opts = option_lines(outcome, lang)
        if opts:
            out += ["", f"### {lab['options']}", ""] + [f"- {o}" for o in opts]
        out += ["", f"### {lab['why']}", ""]
        out += ["    " + line for line in lines(outcome.trace, lang)]
        out.append("")
    verify = verify_lines(report, lang)
    if verify:
        out += [f"## {lab['verify']}", ""] + [f"- {line}" for line in verify] + [""]
    out += ["---", "", lab["legend"], ""]
    return "\n".join(out)
