"""The one translation table: every label, title, tooltip and popover text goes through `t`.

Keys are English snake_case; each has an English and a Simplified Chinese text.
Business terms follow the glossary of SPEC §7.
"""

from __future__ import annotations

LANGUAGES = {"en": "English", "zh": "简体中文"}

TEXT: dict[str, dict[str, str]] = {
    # Navigation and pages
    "page_overview": {"en": "Overview", "zh": "总览"},
    "page_funnel": {"en": "Funnel", "zh": "漏斗"},
    "page_disbursement": {"en": "Disbursement", "zh": "放款"},
    "page_credit": {"en": "Credit quality", "zh": "资产质量"},
    "page_customers": {"en": "Customers", "zh": "客户"},
    "page_teams": {"en": "Teams", "zh": "团队"},
    "page_retrospective": {"en": "Retrospective", "zh": "双周复盘"},
    "page_data": {"en": "Data", "zh": "数据"},
    "language": {"en": "Language", "zh": "语言"},
    # Funnel stages and outcomes
    "stage_lead": {"en": "Lead", "zh": "线索"},
    "stage_contacted": {"en": "Contacted", "zh": "触达"},
    "stage_meeting": {"en": "Meeting", "zh": "面谈"},
    "stage_application": {"en": "Application", "zh": "进件"},
    "stage_approved": {"en": "Approved", "zh": "审批通过"},
    "stage_contracted": {"en": "Contracted", "zh": "签约"},
    "stage_disbursed": {"en": "Disbursed", "zh": "放款"},
    "outcome_rejected": {"en": "Rejected", "zh": "拒绝"},
    "outcome_lost": {"en": "Lost", "zh": "流失"},
    "outcome_open": {"en": "Open", "zh": "进行中"},
    "outcome_disbursed": {"en": "Disbursed", "zh": "已放款"},
    # Organisation and dimensions
    "region": {"en": "Region", "zh": "区域"},
    "team": {"en": "Team", "zh": "团队"},
    "officer": {"en": "Account manager", "zh": "客户经理"},
    "product_line": {"en": "Product line", "zh": "产品线"},
    "channel": {"en": "Channel", "zh": "渠道"},
    "customer_type": {"en": "Customer type", "zh": "客户类型"},
    "segment": {"en": "Segment", "zh": "客群"},
    "team_type_direct": {"en": "Direct", "zh": "直销"},
    "team_type_channel": {"en": "Channel", "zh": "渠道"},
    "product_line_credit": {"en": "Credit", "zh": "信用贷"},
    "product_line_guaranteed": {"en": "Guaranteed", "zh": "保证贷"},
    "product_line_mortgage": {"en": "Mortgage", "zh": "抵押贷"},
    "product_line_pledge": {"en": "Pledge", "zh": "质押贷"},
    "customer_type_individual": {"en": "Individual", "zh": "个人"},
    "customer_type_business": {"en": "Business", "zh": "企业"},
    "segment_consumer": {"en": "Consumer", "zh": "消费"},
    "segment_business": {"en": "Business", "zh": "经营"},
    # Core indicators (SPEC §5, glossary §7)
    "disbursed_amount": {"en": "Disbursed amount", "zh": "放款金额"},
    "disbursed_count": {"en": "Disbursed count", "zh": "放款笔数"},
    "average_ticket": {"en": "Average ticket", "zh": "件均金额"},
    "attainment": {"en": "Target attainment", "zh": "目标达成率"},
    "stretch_attainment": {"en": "Stretch attainment", "zh": "冲刺目标达成率"},
    "base_target": {"en": "Base target", "zh": "基础目标"},
    "stretch_target": {"en": "Stretch target", "zh": "冲刺目标"},
    "pacing": {"en": "Pacing", "zh": "进度"},
    "new_leads": {"en": "New leads", "zh": "新增线索"},
    "lead_to_disbursed": {"en": "Lead → disbursed conversion", "zh": "线索→放款转化率"},
    "funnel_conversion": {"en": "Funnel conversion", "zh": "漏斗转化率"},
    "stage_loss": {"en": "Stage loss", "zh": "环节流失率"},
    "applications": {"en": "Applications", "zh": "进件数"},
    "approvals": {"en": "Approvals", "zh": "审批通过数"},
    "rejections": {"en": "Rejections", "zh": "拒绝数"},
    "approval_rate": {"en": "Approval rate", "zh": "批贷率"},
    "conversion_cycle": {"en": "Conversion cycle", "zh": "转化周期"},
    "outstanding_balance": {"en": "Outstanding balance", "zh": "贷款余额"},
    "overdue_rate": {"en": "Overdue rate (M1+)", "zh": "逾期率 (M1+)"},
    "par30": {"en": "PAR30", "zh": "PAR30"},
    "par90": {"en": "PAR90", "zh": "PAR90"},
    "npl_ratio": {"en": "NPL ratio", "zh": "不良率"},
    "repeat_loan_rate": {"en": "Repeat-loan rate", "zh": "复贷率"},
    "write_offs": {"en": "Write-offs", "zh": "核销"},
    "days_past_due": {"en": "Days past due", "zh": "逾期天数"},
    "vintage": {"en": "Vintage", "zh": "账龄分析 (Vintage)"},
    "months_on_book": {"en": "Months on book", "zh": "账龄 (MOB)"},
    "roll_rate": {"en": "Roll rate", "zh": "迁徙率"},
    "early_warning": {"en": "Early warning", "zh": "风险预警"},
    # Five-tier classification
    "five_tier_normal": {"en": "Normal", "zh": "正常"},
    "five_tier_special_mention": {"en": "Special mention", "zh": "关注"},
    "five_tier_substandard": {"en": "Substandard", "zh": "次级"},
    "five_tier_doubtful": {"en": "Doubtful", "zh": "可疑"},
    "five_tier_loss": {"en": "Loss", "zh": "损失"},
    # Customer tiers and RFM segments
    "tier_strategic": {"en": "Strategic", "zh": "战略客户"},
    "tier_growth": {"en": "Growth", "zh": "成长型客户"},
    "tier_micro": {"en": "Micro", "zh": "小微客户"},
    "rfm_champions": {"en": "Champions", "zh": "重要价值"},
    "rfm_loyal": {"en": "Loyal", "zh": "忠诚"},
    "rfm_potential": {"en": "Potential", "zh": "潜力"},
    "rfm_new": {"en": "New", "zh": "新客户"},
    "rfm_promising": {"en": "Promising", "zh": "有前景"},
    "rfm_need_attention": {"en": "Need attention", "zh": "需关注"},
    "rfm_at_risk": {"en": "At risk", "zh": "流失风险"},
    "rfm_cant_lose": {"en": "Can't lose", "zh": "重要挽留"},
    "rfm_hibernating": {"en": "Hibernating", "zh": "沉睡"},
    "rfm_lost": {"en": "Lost", "zh": "已流失"},
    # Retrospective
    "biweekly_retrospective": {"en": "Biweekly retrospective", "zh": "双周复盘"},
    "finding": {"en": "Finding", "zh": "发现"},
    "action_item": {"en": "Action item", "zh": "行动项"},
    # Filter bar
    "filters": {"en": "Filters", "zh": "筛选"},
    "all": {"en": "All", "zh": "全部"},
    "period": {"en": "Period", "zh": "期间"},
    "period_kind": {"en": "Period type", "zh": "期间类型"},
    "period_kind_biweekly": {"en": "Biweekly", "zh": "双周"},
    "period_kind_week": {"en": "ISO week", "zh": "周"},
    "period_kind_month": {"en": "Month", "zh": "月"},
    "period_kind_quarter": {"en": "Quarter", "zh": "季度"},
    "period_kind_year": {"en": "Year", "zh": "年"},
    "period_kind_range": {"en": "Date range", "zh": "日期范围"},
    "in_progress": {"en": "in progress", "zh": "进行中"},
    "quick_last_biweekly": {"en": "Last biweekly", "zh": "上个双周"},
    "quick_month_to_date": {"en": "Month to date", "zh": "本月至今"},
    "quick_quarter_to_date": {"en": "Quarter to date", "zh": "本季至今"},
    "quick_year_to_date": {"en": "Year to date", "zh": "本年至今"},
    "compare_with": {"en": "Compare with", "zh": "对比"},
    "cmp_prev": {"en": "Previous period", "zh": "上一期"},
    "cmp_yoy": {"en": "Same period last year", "zh": "去年同期"},
    "cmp_none": {"en": "No comparison", "zh": "不对比"},
    "notice_bad_period": {
        "en": "The link's period {value!r} is not one we know; showing the last complete biweekly period instead.",
        "zh": "链接中的期间 {value!r} 无法识别, 已改为显示最近一个完整的双周。",
    },
    "notice_bad_value": {
        "en": "Ignored from the link: {name} = {value!r} is not a known value.",
        "zh": "已忽略链接中的无效值: {name} = {value!r}。",
    },
    # Shared components
    "how_defined": {"en": "How is this defined?", "zh": "口径说明"},
    "numerator": {"en": "Numerator", "zh": "分子"},
    "denominator": {"en": "Denominator", "zh": "分母"},
    "rules": {"en": "Rules", "zh": "规则"},
    "download_csv": {"en": "CSV", "zh": "CSV"},
    "download_excel": {"en": "Excel", "zh": "Excel"},
    "empty_selection": {
        "en": "Nothing matches these filters. Widen the period or clear a filter in the sidebar.",
        "zh": "没有符合筛选条件的数据。请扩大期间或在侧边栏清除筛选。",
    },
    # Data page
    "data_title": {"en": "Data", "zh": "数据"},
    "as_of_date": {"en": "As-of date", "zh": "数据截止日"},
    "as_of_help": {"en": "Every figure in the app is as of this date.", "zh": "应用中的所有数字均截至该日期。"},
    "built_at": {"en": "Built at (UTC)", "zh": "构建时间 (UTC)"},
    "build_time": {"en": "Build time", "zh": "构建耗时"},
    "source_format": {"en": "Source format", "zh": "数据源格式"},
    "source_caption": {
        "en": "Source: `{source}` · build `{build_id}` · configuration `{config}`",
        "zh": "数据源: `{source}` · 构建 `{build_id}` · 配置 `{config}`",
    },
    "tables": {"en": "Tables", "zh": "数据表"},
    "table": {"en": "Table", "zh": "表"},
    "layer": {"en": "Layer", "zh": "层"},
    "rows": {"en": "Rows", "zh": "行数"},
    "data_quality_warnings": {"en": "Data-quality warnings", "zh": "数据质量警告"},
    "no_warnings": {"en": "The source passed every check with no warnings.", "zh": "数据源通过了全部检查, 没有警告。"},
    "n_warnings": {
        "en": "{n} warning(s) found while validating the source; the build went ahead.",
        "zh": "校验数据源时发现 {n} 条警告; 构建已继续。",
    },
    "column": {"en": "Column", "zh": "列"},
    "check": {"en": "Check", "zh": "检查"},
    "first_rows": {"en": "First rows", "zh": "前几行"},
    "message": {"en": "Message", "zh": "说明"},
    "build_steps": {"en": "Build steps", "zh": "构建步骤"},
    "step": {"en": "Step", "zh": "步骤"},
    "seconds": {"en": "Seconds", "zh": "秒"},
    "configuration_used": {"en": "Configuration used", "zh": "使用的配置"},
    "no_warehouse": {
        "en": "No warehouse at `{path}` yet. Build one with `python -m pipelines build --source <folder or workbook>`, "
        "or run `make run` for the demo.",
        "zh": "`{path}` 处还没有数据仓库。请运行 `python -m pipelines build --source <文件夹或工作簿>` 构建, "
        "或运行 `make run` 使用演示数据。",
    },
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `values`."""
    try:
        text = TEXT[key][lang]
    except KeyError:
        raise KeyError(f"no translation for {key!r} in {lang!r}") from None
    return text.format(**values) if values else text
