"""Labels: The Funnel and Disbursement pages, and "who moved it" (ui/moved_view.py)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # Funnel and Disbursement pages
    "funnel_title": {"en": "Funnel", "zh": "销售漏斗"},
    "disbursement_title": {"en": "Disbursement", "zh": "放款"},
    "funnel_period_line": {"en": "Leads created {start} – {end}", "zh": "{start} 至 {end} 新增线索"},
    "disbursement_period_line": {"en": "Loans disbursed {start} – {end}", "zh": "{start} 至 {end} 放款"},
    "compared_with": {"en": "compared with {start} – {end}", "zh": "对比 {start} 至 {end}"},
    "data_as_of": {"en": "data as of {day}", "zh": "数据截至 {day}"},
    "days_change": {"en": "{value} days", "zh": "{value} 天"},
    "funnel_tiles_caption": {
        "en": "New leads and conversion follow the cohort, the leads created in the period. Applications, approvals "
        "and rejections count what happened in the period, whenever the lead came in.",
        "zh": "新增线索和转化率按队列 (期间内新增的线索) 统计; "
        "进件、审批通过和拒绝按事件发生日统计, 不论线索何时新增。",
    },
    "conversion_tile": {"en": "Conversion", "zh": "转化率"},
    "window_open_note": {
        "en": "{share} still converting (faded)",
        "zh": "{share} 仍在转化中 (浅色)",
    },
    "retro_same_age_note": {"en": "same age", "zh": "同龄"},
    "compared_same_age": {
        "en": "compared at the same age (as of {day})",
        "zh": "同龄对比 (截至 {day})",
    },
    "incomplete_cohort_note": {
        "en": "This cohort is not complete yet: {share} of its leads are still inside their {days}-day conversion "
        "window, so its conversion can still rise.",
        "zh": "该队列尚未完成: {share} 的线索仍在 {days} 天转化窗口内, 转化率仍可能上升。",
    },
    "funnel_stages": {"en": "Stage by stage", "zh": "各环节转化"},
    "funnel_stages_title": {"en": "Leads reaching each stage", "zh": "各环节到达线索数"},
    "funnel_bar_text": {
        "en": "{reached} · step {step} · overall {overall}",
        "zh": "{reached} · 环节 {step} · 累计 {overall}",
    },
    "leads_axis": {"en": "Leads", "zh": "线索数"},
    "stage": {"en": "Stage", "zh": "环节"},
    "step_conversion": {"en": "Step conversion", "zh": "环节转化率"},
    "overall_conversion": {"en": "Overall conversion", "zh": "累计转化率"},
    "threshold": {"en": "Loss threshold", "zh": "流失率阈值"},
    "loss_with_threshold": {
        "en": "Stage loss: {loss} (threshold {threshold})",
        "zh": "环节流失率: {loss} (阈值 {threshold})",
    },
    "comparison_loss": {"en": "Stage loss, comparison period", "zh": "对比期环节流失率"},
    "comparison_loss_same_age": {
        "en": "Stage loss, comparison period at the same age",
        "zh": "对比期同龄环节流失率",
    },
    "comparison_leads_same_age": {"en": "Leads, comparison period (same age)", "zh": "对比期线索数 (同龄)"},
    "over_threshold": {"en": "Over threshold", "zh": "超过阈值"},
    "worsened": {"en": "Worsened", "zh": "恶化"},
    "threshold_na": {"en": "n/a (still converting)", "zh": "不适用 (仍在转化中)"},
    "threshold_not_applied": {
        "en": "The loss thresholds are not applied while the cohort is still converting (n/a): its losses can "
        "still shrink. A stage is flagged only when its loss worsened against the comparison cohort at the same "
        "age.",
        "zh": "队列仍在转化中, 暂不按流失率阈值判断 (不适用): 其流失率仍可能下降。"
        "仅当环节流失率较同龄对比队列恶化时才预警。",
    },
    "comparison_leads": {"en": "Leads, comparison period", "zh": "对比期线索数"},
    "flagged": {"en": "Flagged", "zh": "预警"},
    "flagged_stages": {"en": "Flagged stages", "zh": "预警环节"},
    "flag_line": {"en": "**{stage}**: {reasons}.", "zh": "**{stage}**: {reasons}。"},
    "flag_joiner": {"en": "; ", "zh": "; "},
    "flag_over_threshold": {
        "en": "stage loss {loss} is above its {threshold} threshold",
        "zh": "环节流失率 {loss} 高于阈值 {threshold}",
    },
    "flag_worsened": {
        "en": "stage loss rose {change} against the comparison period ({previous} → {loss})",
        "zh": "环节流失率较对比期上升 {change} ({previous} → {loss})",
    },
    "flag_worsened_same_age": {
        "en": "stage loss rose {change} against the comparison cohort at the same age ({previous} → {loss})",
        "zh": "环节流失率较同龄对比队列上升 {change} ({previous} → {loss})",
    },
    "no_flagged_stages": {
        "en": "No stage is flagged: every stage loss is within its threshold and none worsened against the "
        "comparison period.",
        "zh": "没有预警环节: 各环节流失率均在阈值内, 且未较对比期恶化。",
    },
    "no_flagged_stages_converting": {
        "en": "No stage is flagged: no stage loss worsened against the comparison cohort at the same age.",
        "zh": "没有预警环节: 各环节流失率均未较同龄对比队列恶化。",
    },
    "flags_without_comparison": {
        "en": "No comparison period is chosen, so stages are flagged on their threshold only.",
        "zh": "未选择对比期, 仅按阈值标记预警环节。",
    },
    "stage_figures": {"en": "Stage figures (table)", "zh": "各环节数据 (表格)"},
    "funnel_breakdown": {"en": "Breakdown", "zh": "分维度转化"},
    "break_down_by": {"en": "Break down by", "zh": "拆分维度"},
    "breakdown_heatmap_title": {
        "en": "Step conversion by stage (leads in brackets)",
        "zh": "各环节转化率 (括号内为线索数)",
    },
    "breakdown_conversion_title": {"en": "Lead → disbursed conversion", "zh": "线索→放款转化率"},
    "conversion_axis": {"en": "Conversion (%)", "zh": "转化率 (%)"},
    "breakdown_table": {"en": "Breakdown (table)", "zh": "分维度数据 (表格)"},
    "movers_heading": {"en": "Who moved conversion, by {by}", "zh": "转化率变化来源 (按{by})"},
    "movers_caption": {
        "en": "Lead → disbursed conversion {before} → {now} ({change}); each bar is one value's contribution",
        "zh": "线索→放款转化率 {before} → {now} ({change}); 每一段为该项的贡献",
    },
    "movers_title": {
        "en": "From the comparison cohort's conversion to this cohort's",
        "zh": "从对比队列转化率到本期队列转化率",
    },
    "movers_comparison_total": {"en": "Comparison", "zh": "对比期"},
    "movers_current_total": {"en": "This period", "zh": "本期"},
    "movers_others": {"en": "{n} others", "zh": "其他 {n} 项"},
    "movers_table": {"en": "Who moved conversion (table)", "zh": "转化率变化来源 (表格)"},
    "movers_leads_period": {"en": "Leads, comparison period", "zh": "对比期线索数"},
    "movers_leads_same_age": {"en": "Leads, comparison period (same age)", "zh": "对比期线索数 (同龄)"},
    "movers_conversion_period": {"en": "Conversion, comparison period", "zh": "对比期转化率"},
    "movers_conversion_same_age": {"en": "Conversion, comparison at the same age", "zh": "同龄对比期转化率"},
    "movers_change": {"en": "Change of its conversion (pp)", "zh": "自身转化率变化 (百分点)"},
    "movers_rate_effect": {"en": "Rate effect (pp)", "zh": "转化率效应 (百分点)"},
    "movers_mix_effect": {"en": "Mix effect (pp)", "zh": "结构效应 (百分点)"},
    "movers_contribution": {"en": "Contribution to the change (pp)", "zh": "对总变化的贡献 (百分点)"},
    "movers_share": {"en": "Share of the change", "zh": "占总变化比例"},
    "movers_no_comparison": {
        "en": "Choose a comparison period to see who moved conversion.",
        "zh": "请选择对比期以查看转化率变化来源。",
    },
    "movers_nothing_to_compare": {
        "en": "Nothing to compare: one of the two cohorts has no leads.",
        "zh": "无可对比: 两个队列之一没有线索。",
    },
    "name": {"en": "Name", "zh": "名称"},
    "conversion_trend": {"en": "Conversion trend by cohort", "zh": "队列转化趋势"},
    "cohort_grain": {"en": "Cohorts by", "zh": "队列粒度"},
    "cohort_grain_week": {"en": "Week", "zh": "周"},
    "cohort_grain_month": {"en": "Month", "zh": "月"},
    "conversion_to": {"en": "Conversion to", "zh": "转化至"},
    "stage_conversion_to": {"en": "Lead → {stage} conversion by cohort", "zh": "各队列 线索→{stage} 转化率"},
    "cohort_complete": {"en": "Window complete", "zh": "窗口已结束"},
    "cohort_incomplete": {"en": "Window still open", "zh": "窗口未结束"},
    "cohort_week_axis": {"en": "Cohort (week the leads were created)", "zh": "队列 (线索新增周)"},
    "cohort_month_axis": {"en": "Cohort (month the leads were created)", "zh": "队列 (线索新增月)"},
    "trend_hover": {
        "en": "Cohort {start} – {end}<br>Conversion: {conversion}<br>Leads: {leads}<br>Window complete: {complete}",
        "zh": "队列 {start} 至 {end}<br>转化率: {conversion}<br>线索数: {leads}<br>窗口已结束: {complete}",
    },
    "trend_caption": {
        "en": "Faded dotted line and hollow markers on the shaded band: cohorts with leads still inside their "
        "conversion window. Their conversion can still rise, so a lower value there is not a drop.",
        "zh": "阴影区内的浅色虚线和空心点: 队列中仍有线索在转化窗口内。其转化率仍可能上升, 较低的数值并非下降。",
    },
    "still_converting_band": {"en": "still converting →", "zh": "仍在转化中 →"},
    "time_to_convert": {"en": "Time to convert", "zh": "转化时长"},
    "time_to_convert_title": {"en": "Disbursed leads by days to disbursement", "zh": "放款线索的转化天数分布"},
    "days_to_disburse_axis": {"en": "Days from lead to disbursement", "zh": "线索到放款天数"},
    "disbursed_leads_axis": {"en": "Disbursed leads", "zh": "放款线索数"},
    "ttc_hover": {"en": "%{x} days: %{y} leads", "zh": "%{x} 天: %{y} 条线索"},
    "no_disbursed_leads": {"en": "No lead of this cohort has been disbursed yet.", "zh": "该队列尚无线索放款。"},
    "dropped_leads": {"en": "Leads that dropped out", "zh": "流失线索明细"},
    "dropped_at": {"en": "Furthest stage reached", "zh": "最远到达环节"},
    "drop_option": {"en": "{stage}, not {next} ({leads} leads)", "zh": "到达{stage}、未到{next} ({leads} 条)"},
    "dropped_caption": {
        "en": "Leads of the cohort that dropped out here (lost, rejected, or window over): {total}; newest first.",
        "zh": "该队列有 {total} 条线索在此流失 (流失、拒绝或窗口已结束); 按新增时间倒序排列。",
    },
    "dropped_caption_limited": {
        "en": "Showing the newest {shown} of the {total} leads of the cohort that dropped out here (lost, rejected, "
        "or window over); the downloads hold the same rows.",
        "zh": "显示该队列在此流失的 {total} 条线索 (流失、拒绝或窗口已结束) 中最新的 {shown} 条; 下载内容与显示一致。",
    },
    "no_dropped_leads": {
        "en": "No lead of this cohort dropped out at this stage.",
        "zh": "该队列没有线索在此环节流失。",
    },
    "no_dropped_leads_converting": {
        "en": "No lead of this cohort dropped out here; {leads} stopped here so far but are still open inside "
        "their window.",
        "zh": "该队列没有线索在此环节流失; 另有 {leads} 条线索暂停在此环节, 仍在转化窗口内。",
    },
    "dropped_still_converting": {
        "en": "{leads} more stopped here so far but are still open inside their window: not listed.",
        "zh": "另有 {leads} 条线索暂停在此, 仍在转化窗口内, 未列出。",
    },
    "lead_id": {"en": "Lead", "zh": "线索编号"},
    "created_at": {"en": "Created", "zh": "新增时间"},
    "furthest_stage_at": {"en": "Reached furthest stage", "zh": "到达最远环节时间"},
    "outcome": {"en": "Outcome", "zh": "结果"},
    "reason": {"en": "Reason", "zh": "原因"},
    "window_complete": {"en": "Window complete", "zh": "窗口已结束"},
    "customer": {"en": "Customer", "zh": "客户"},
    "target_note": {"en": "Base target {base} · stretch {stretch}", "zh": "基础目标 {base} · 冲刺目标 {stretch}"},
    "band": {"en": "Band", "zh": "档位"},
    "band_red": {"en": "Red · below {red}", "zh": "红色 · 低于 {red}"},
    "band_amber": {"en": "Amber · {red}–{green}", "zh": "黄色 · {red}–{green}"},
    "band_green": {"en": "Green · {green}–{bonus}", "zh": "绿色 · {green}–{bonus}"},
    "band_bonus": {"en": "Bonus tier · {bonus} and above", "zh": "奖励档 · {bonus} 及以上"},
    "band_short_red": {"en": "Red", "zh": "红色"},
    "band_short_amber": {"en": "Amber", "zh": "黄色"},
    "band_short_green": {"en": "Green", "zh": "绿色"},
    "band_short_bonus": {"en": "Bonus tier", "zh": "奖励档"},
    "pacing_period_complete": {"en": "Period finished: see attainment", "zh": "期间已结束, 请看目标达成率"},
    "pacing_elapsed": {"en": "{share} of the period elapsed", "zh": "期间已过 {share}"},
    "targets_not_applicable": {
        "en": "Targets are set per team and product line, so there is no target with an account manager, channel "
        "or customer-type filter: attainment, pacing and bands are left empty rather than shown as 0%.",
        "zh": "目标按团队和产品线设定, 选择客户经理、渠道或客户类型筛选时没有对应目标: "
        "目标达成率、进度和档位留空, 而不是显示为 0%。",
    },
    "no_target_set": {
        "en": "No target is set for the selected teams and product lines in this period.",
        "zh": "所选团队和产品线在该期间未设定目标。",
    },
    "volume_over_time": {"en": "Volume over time", "zh": "放款趋势"},
    "bucket_by": {"en": "Bars by", "zh": "粒度"},
    "grain_day": {"en": "Day", "zh": "日"},
    "grain_week": {"en": "Week", "zh": "周"},
    "grain_month": {"en": "Month", "zh": "月"},
    "grain_day_axis": {"en": "Day", "zh": "日期"},
    "grain_week_axis": {"en": "Week (starting)", "zh": "周 (起始日)"},
    "grain_month_axis": {"en": "Month", "zh": "月份"},
    "volume_view": {"en": "Show", "zh": "显示"},
    "volume_view_per_bucket": {"en": "Per period", "zh": "逐期"},
    "volume_view_cumulative": {"en": "Cumulative", "zh": "累计"},
    "volume_title": {"en": "Disbursed amount against prorated targets", "zh": "放款金额与折算目标"},
    "volume_cumulative_title": {
        "en": "Cumulative disbursed amount against cumulative targets",
        "zh": "累计放款金额与累计目标",
    },
    "volume_hover": {
        "en": "%{customdata[2]} – %{customdata[3]}<br>Amount: %{customdata[0]}<br>Loans: %{customdata[1]}",
        "zh": "%{customdata[2]} 至 %{customdata[3]}<br>放款金额: %{customdata[0]}<br>放款笔数: %{customdata[1]}",
    },
    "after_as_of": {"en": "after the as-of date", "zh": "数据截止日之后"},
    "amount_axis": {"en": "Disbursed amount (¥)", "zh": "放款金额 (¥)"},
    "ticket_axis": {"en": "Average ticket (¥)", "zh": "件均金额 (¥)"},
    "disbursement_mix": {"en": "Mix and average ticket", "zh": "结构与件均"},
    "mix_by": {"en": "Split by", "zh": "拆分维度"},
    "mix_amount_title": {"en": "Disbursed amount and share", "zh": "放款金额及占比"},
    "mix_ticket_title": {"en": "Average ticket", "zh": "件均金额"},
    "loans_hover": {"en": "Loans: %{customdata}", "zh": "放款笔数: %{customdata}"},
    "mix_table": {"en": "Mix (table)", "zh": "结构数据 (表格)"},
    "amount_share": {"en": "Share of amount", "zh": "金额占比"},
    "count_share": {"en": "Share of count", "zh": "笔数占比"},
    "leaderboard": {"en": "Leaderboard", "zh": "排行榜"},
    "leaderboard_level": {"en": "Rank by", "zh": "排名维度"},
    "leaderboard_title": {"en": "Disbursed amount against base target", "zh": "放款金额与基础目标"},
    "leaderboard_title_top": {"en": "Top {n} by disbursed amount", "zh": "放款金额前 {n} 名"},
    "leaderboard_hover": {
        "en": "%{y} (%{customdata[1]})<br>Loans: %{customdata[2]}<br>Average ticket: %{customdata[3]}",
        "zh": "%{y} (%{customdata[1]})<br>放款笔数: %{customdata[2]}<br>件均金额: %{customdata[3]}",
    },
    "leaderboard_click_region": {
        "en": "Click a region's bar to rank its teams.",
        "zh": "点击区域柱形, 查看其团队排名。",
    },
    "leaderboard_click_team": {
        "en": "Click a team's bar to rank its account managers.",
        "zh": "点击团队柱形, 查看其客户经理排名。",
    },
    "leaderboard_click_officer": {
        "en": "Click an account manager's bar to open their leads and loans on the Teams page.",
        "zh": "点击客户经理柱形, 在团队页查看其线索与贷款。",
    },
    "rank": {"en": "Rank", "zh": "排名"},
    "officer_no_target": {
        "en": "Account managers have no targets of their own (targets are set per team and product line).",
        "zh": "客户经理没有单独的目标 (目标按团队和产品线设定)。",
    },
    # "Who moved it" on the Disbursement and Teams pages (ui/moved_view.py)
    "moved": {"en": "Who moved the amount", "zh": "放款金额变化的来源"},
    "moved_level": {"en": "Split the change by", "zh": "变化拆分维度"},
    "amount_change": {"en": "Amount change", "zh": "金额变化"},
    "share_of_change": {"en": "Share of the change", "zh": "占变化比例"},
    "moved_previous_amount": {"en": "Amount, comparison period", "zh": "对比期放款金额"},
    "moved_bridge_title": {
        "en": "From the comparison period to this one, by {level}",
        "zh": "从对比期到本期 (按{level})",
    },
    "moved_bridge_title_top": {
        "en": "From the comparison period to this one: the {n} largest changes by {level}, the rest as others",
        "zh": "从对比期到本期: 按{level}变化最大的 {n} 项, 其余合并为「其他」",
    },
    "moved_comparison_total": {"en": "Comparison<br>{start} – {end}", "zh": "对比期<br>{start} – {end}"},
    "moved_period_total": {"en": "This period<br>{start} – {end}", "zh": "本期<br>{start} – {end}"},
    "moved_others": {"en": "Others ({n})", "zh": "其他 ({n} 项)"},
    "moved_hover": {
        "en": "<b>%{x}</b><br>Change: %{customdata[1]}<br>Share of the change: %{customdata[2]}"
        "<br>%{customdata[3]} → %{customdata[4]}",
        "zh": "<b>%{x}</b><br>变化: %{customdata[1]}<br>占变化比例: %{customdata[2]}"
        "<br>%{customdata[3]} → %{customdata[4]}",
    },
    "moved_others_hover": {
        "en": "<b>%{x}</b><br>Change: %{customdata[1]}<br>Share of the change: %{customdata[2]}",
        "zh": "<b>%{x}</b><br>变化: %{customdata[1]}<br>占变化比例: %{customdata[2]}",
    },
    "moved_total_hover": {
        "en": "<b>%{x}</b><br>Disbursed amount: %{customdata[1]}",
        "zh": "<b>%{x}</b><br>放款金额: %{customdata[1]}",
    },
    "moved_summary": {
        "en": "Disbursed amount {previous} → {amount}: {change}.",
        "zh": "放款金额 {previous} → {amount}: {change}。",
    },
    "moved_largest": {
        "en": "Largest change: {name}, {change}, {share} of the total change.",
        "zh": "变化最大: {name}, {change}, 占总变化的 {share}。",
    },
    "moved_total_unchanged": {
        "en": "The total did not change: the changes below cancel out, so no share of the change is shown (—).",
        "zh": "总额没有变化: 下列变化相互抵消, 因此不显示占变化比例 (—)。",
    },
    "moved_no_comparison": {
        "en": "No comparison is chosen in the filter bar, so only the period's amounts are shown. Choose one to see "
        "who moved the amount.",
        "zh": "筛选栏未选择对比期, 仅显示本期金额。选择对比期即可查看金额变化的来源。",
    },
    "moved_nothing": {
        "en": "Nothing was disbursed in this period or in the comparison period.",
        "zh": "本期和对比期均无放款。",
    },
    "moved_click_region": {
        "en": "Click a region's bar to split its change by team.",
        "zh": "点击区域柱形, 按团队拆分其变化。",
    },
    "moved_click_team": {
        "en": "Click a team's bar to split its change by account manager.",
        "zh": "点击团队柱形, 按客户经理拆分其变化。",
    },
    "moved_click_officer": {
        "en": "Click an account manager's bar to open their leads and loans.",
        "zh": "点击客户经理柱形, 查看其线索与贷款。",
    },
}
