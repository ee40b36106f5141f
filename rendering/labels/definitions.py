"""Labels: metric definitions in both languages: name, numerator, denominator and rules of each metric (keys def_*)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # Funnel and Disbursement pages: Chinese texts of the metric definitions (the English is the definitions')
    "def_new_leads_name": {"en": "New leads", "zh": "新增线索"},
    "def_new_leads_numerator": {"en": "Leads created in the period", "zh": "期间内新增的线索数"},
    "def_new_leads_rules": {"en": "Counted by the lead's creation date.", "zh": "按线索的新增日期统计。"},
    "def_stage_reached_name": {"en": "Leads reaching a stage", "zh": "到达环节线索数"},
    "def_stage_reached_numerator": {
        "en": "Leads of the cohort that reached the stage within the conversion window",
        "zh": "队列中在转化窗口内到达该环节的线索数",
    },
    "def_stage_reached_rules": {
        "en": "The cohort is the leads created in the period. A lead reaches a stage when it has an event of "
        "that stage or any later stage no later than its creation time plus the conversion window "
        "(default 90 days; an event exactly at the window's end counts). Rejected and lost are outcomes, "
        "not stages. While some leads' windows have not ended by the as-of day the cohort is marked "
        "incomplete and its conversion can still rise. Compared at the same age: while the cohort is "
        "still converting, the comparison period's cohort is evaluated as of the as-of day minus the "
        "days between the two periods' starts (a stage counts only if reached within the window and by "
        "the end of that day; only its leads created by then), so both have had the same time to "
        "convert. A complete cohort is compared with the comparison cohort as it stands; an empty cohort "
        "has nothing to compare.",
        "zh": "队列为期间内新增的线索。线索在新增时间加转化窗口 (默认 90 天; 恰在窗口结束时发生的事件计"
        "入) 之内发生该环节或任一后续环节的事件, 即视为到达该环节。拒绝和流失是结果, 不是环节。只要"
        "仍有线索的窗口在数据截止日前未结束, 该队列即标记为未完成, 其转化率仍可能上升。按相同账龄对比"
        ": 队列仍在转化中时, 对比期队列按 “数据截止日减去两期起始日之差” 当日评估 (环节须在窗口"
        "内且不晚于当日结束前到达才计入; 仅含当日及之前新增的线索), 使两个队列的转化时间相同。已完成"
        "的队列与对比期队列的现状比较; 空队列无可比较。",
    },
    "def_step_conversion_name": {"en": "Step conversion", "zh": "环节转化率"},
    "def_step_conversion_numerator": {
        "en": "Leads of the cohort that reached the stage",
        "zh": "队列中到达该环节的线索数",
    },
    "def_step_conversion_denominator": {
        "en": "Leads of the cohort that reached the stage before it (for contacted: all leads of the cohort)",
        "zh": "队列中到达上一环节的线索数 (触达环节为队列全部线索)",
    },
    "def_step_conversion_rules": {
        "en": "The cohort is the leads created in the period. A lead reaches a stage when it has an event of "
        "that stage or any later stage no later than its creation time plus the conversion window "
        "(default 90 days; an event exactly at the window's end counts). Rejected and lost are outcomes, "
        "not stages. While some leads' windows have not ended by the as-of day the cohort is marked "
        "incomplete and its conversion can still rise. Compared at the same age: while the cohort is "
        "still converting, the comparison period's cohort is evaluated as of the as-of day minus the "
        "days between the two periods' starts (a stage counts only if reached within the window and by "
        "the end of that day; only its leads created by then), so both have had the same time to "
        "convert. A complete cohort is compared with the comparison cohort as it stands; an empty cohort "
        "has nothing to compare. Empty when no lead reached the stage before.",
        "zh": "队列为期间内新增的线索。线索在新增时间加转化窗口 (默认 90 天; 恰在窗口结束时发生的事件计"
        "入) 之内发生该环节或任一后续环节的事件, 即视为到达该环节。拒绝和流失是结果, 不是环节。只要"
        "仍有线索的窗口在数据截止日前未结束, 该队列即标记为未完成, 其转化率仍可能上升。按相同账龄对比"
        ": 队列仍在转化中时, 对比期队列按 “数据截止日减去两期起始日之差” 当日评估 (环节须在窗口"
        "内且不晚于当日结束前到达才计入; 仅含当日及之前新增的线索), 使两个队列的转化时间相同。已完成"
        "的队列与对比期队列的现状比较; 空队列无可比较。上一环节无线索到达时为空。",
    },
    "def_overall_conversion_name": {"en": "Overall conversion", "zh": "累计转化率"},
    "def_overall_conversion_numerator": {
        "en": "Leads of the cohort that reached the stage",
        "zh": "队列中到达该环节的线索数",
    },
    "def_overall_conversion_denominator": {"en": "All leads of the cohort", "zh": "队列全部线索数"},
    "def_overall_conversion_rules": {
        "en": "The cohort is the leads created in the period. A lead reaches a stage when it has an event of "
        "that stage or any later stage no later than its creation time plus the conversion window "
        "(default 90 days; an event exactly at the window's end counts). Rejected and lost are outcomes, "
        "not stages. While some leads' windows have not ended by the as-of day the cohort is marked "
        "incomplete and its conversion can still rise. Compared at the same age: while the cohort is "
        "still converting, the comparison period's cohort is evaluated as of the as-of day minus the "
        "days between the two periods' starts (a stage counts only if reached within the window and by "
        "the end of that day; only its leads created by then), so both have had the same time to "
        "convert. A complete cohort is compared with the comparison cohort as it stands; an empty cohort "
        "has nothing to compare. Empty when the cohort has no leads.",
        "zh": "队列为期间内新增的线索。线索在新增时间加转化窗口 (默认 90 天; 恰在窗口结束时发生的事件计"
        "入) 之内发生该环节或任一后续环节的事件, 即视为到达该环节。拒绝和流失是结果, 不是环节。只要"
        "仍有线索的窗口在数据截止日前未结束, 该队列即标记为未完成, 其转化率仍可能上升。按相同账龄对比"
        ": 队列仍在转化中时, 对比期队列按 “数据截止日减去两期起始日之差” 当日评估 (环节须在窗口"
        "内且不晚于当日结束前到达才计入; 仅含当日及之前新增的线索), 使两个队列的转化时间相同。已完成"
        "的队列与对比期队列的现状比较; 空队列无可比较。队列无线索时为空。",
    },
    "def_lead_to_disbursed_conversion_name": {"en": "Lead → disbursed conversion", "zh": "线索→放款转化率"},
    "def_lead_to_disbursed_conversion_numerator": {
        "en": "Leads of the cohort disbursed within the conversion window",
        "zh": "队列中在转化窗口内放款的线索数",
    },
    "def_lead_to_disbursed_conversion_denominator": {"en": "All leads of the cohort", "zh": "队列全部线索数"},
    "def_lead_to_disbursed_conversion_rules": {
        "en": "The cohort is the leads created in the period. A lead reaches a stage when it has an event of "
        "that stage or any later stage no later than its creation time plus the conversion window "
        "(default 90 days; an event exactly at the window's end counts). Rejected and lost are outcomes, "
        "not stages. While some leads' windows have not ended by the as-of day the cohort is marked "
        "incomplete and its conversion can still rise. Compared at the same age: while the cohort is "
        "still converting, the comparison period's cohort is evaluated as of the as-of day minus the "
        "days between the two periods' starts (a stage counts only if reached within the window and by "
        "the end of that day; only its leads created by then), so both have had the same time to "
        "convert. A complete cohort is compared with the comparison cohort as it stands; an empty cohort "
        "has nothing to compare. Empty when the cohort has no leads.",
        "zh": "队列为期间内新增的线索。线索在新增时间加转化窗口 (默认 90 天; 恰在窗口结束时发生的事件计"
        "入) 之内发生该环节或任一后续环节的事件, 即视为到达该环节。拒绝和流失是结果, 不是环节。只要"
        "仍有线索的窗口在数据截止日前未结束, 该队列即标记为未完成, 其转化率仍可能上升。按相同账龄对比"
        ": 队列仍在转化中时, 对比期队列按 “数据截止日减去两期起始日之差” 当日评估 (环节须在窗口"
        "内且不晚于当日结束前到达才计入; 仅含当日及之前新增的线索), 使两个队列的转化时间相同。已完成"
        "的队列与对比期队列的现状比较; 空队列无可比较。队列无线索时为空。",
    },
    "def_step_loss_name": {"en": "Stage loss", "zh": "环节流失率"},
    "def_step_loss_numerator": {
        "en": "Leads that reached the stage before but not this stage",
        "zh": "到达上一环节但未到达该环节的线索数",
    },
    "def_step_loss_denominator": {
        "en": "Leads of the cohort that reached the stage before",
        "zh": "队列中到达上一环节的线索数",
    },
    "def_step_loss_rules": {
        "en": "Equals 1 − step conversion. A stage is flagged when its loss is above the stage's configured "
        "threshold (default 15%; exactly the threshold is not flagged), or — when a comparison period is "
        "chosen — when its loss is more than the configured share (default 15%) higher than the "
        "comparison period's loss (loss > comparison loss × 1.15; a comparison loss of 0 makes any loss "
        "a worsening). The threshold is evaluated only for a complete cohort: while the cohort is still "
        "converting it is not applicable and a stage is flagged only when it worsened against the "
        "comparison cohort at the same age (evaluated as of the as-of day minus the days between the two "
        "periods' starts).",
        "zh": "等于 1 − 环节转化率。环节流失率高于该环节配置的阈值 (默认 15%; 恰好等于阈值不预警)"
        ", 或在选择对比期时较对比期流失率上升超过配置比例 (默认 15%, 即流失率 > 对比期流失率"
        " × 1.15; 对比期流失率为 0 时任何流失均视为恶化), 该环节即被预警。阈值仅对已完成的"
        "队列判断: 队列仍在转化中时不适用, 仅当环节流失率较同龄对比队列 (按数据截止日减去两期起始日"
        "之差当日评估) 恶化时才预警。",
    },
    "def_window_complete_share_name": {"en": "Cohort window complete", "zh": "窗口已结束占比"},
    "def_window_complete_share_numerator": {
        "en": "Leads of the cohort whose conversion window has ended by the end of the as-of day",
        "zh": "队列中转化窗口在数据截止日结束前已结束的线索数",
    },
    "def_window_complete_share_denominator": {"en": "All leads of the cohort", "zh": "队列全部线索数"},
    "def_window_complete_share_rules": {
        "en": "A lead's window is complete when creation time + window falls on or before the as-of day (the as-of "
        "day counts in full). A cohort is complete when every lead's window is.",
        "zh": "线索的新增时间加转化窗口落在数据截止日当天或之前 (截止日全天计入) 时, 其窗口即已结束。队列中所有线索"
        "的窗口都已结束时, 队列才算完成。",
    },
    "def_time_to_convert_name": {"en": "Time to convert", "zh": "转化时长"},
    "def_time_to_convert_numerator": {
        "en": "Leads of the cohort that were disbursed, by days from creation to first disbursement",
        "zh": "队列中已放款的线索, 按从新增到首次放款的天数分组",
    },
    "def_time_to_convert_denominator": {
        "en": "All disbursed leads of the cohort (for the share)",
        "zh": "队列中全部已放款线索 (用于计算占比)",
    },
    "def_time_to_convert_rules": {
        "en": "Days are fractional (to the second). Buckets include their lower edge and exclude their upper edge; "
        "the last bucket is open-ended. Leads disbursed after the conversion window are included.",
        "zh": "天数精确到秒 (含小数)。各区间含下限、不含上限; 最后一个区间不设上限。包括在转化窗口之后放款的线索。",
    },
    "def_dropped_leads_name": {"en": "Leads dropped at a stage", "zh": "止步于某环节的线索"},
    "def_dropped_leads_numerator": {
        "en": "Leads of the cohort whose furthest stage reached within the window is the stage and that are "
        "out of the running: lost or rejected, or with a complete window",
        "zh": "队列中在窗口内最远到达该环节、且已出局的线索: 已流失或被拒绝, 或窗口已结束",
    },
    "def_dropped_leads_rules": {
        "en": "An open lead still inside its window is still converting, not dropped: it is counted apart "
        '("still converting") and not listed. So dropped plus still converting equals leads reaching the '
        "stage minus leads reaching the next one. The reason is that of the lead's first rejected event, "
        "else its first lost event.",
        "zh": "仍在窗口内的进行中线索仍在转化, 不算流失: 单独计数 (“仍在转化中”), 不列出。因此流失数"
        "加仍在转化数等于到达该环节的线索数减去到达下一环节的线索数。原因取线索首个拒绝事件的原因, 没有"
        "则取首个流失事件的原因。",
    },
    "def_conversion_contribution_name": {
        "en": "Contribution to the change of conversion",
        "zh": "对转化率变化的贡献",
    },
    "def_conversion_contribution_numerator": {
        "en": "A value's (region, team, channel, product line) disbursed leads, in the cohort and in the "
        "comparison cohort",
        "zh": "某一项 (区域、团队、渠道、产品线) 在本期队列和对比队列中的放款线索数",
    },
    "def_conversion_contribution_denominator": {
        "en": "All leads of the cohort, and of the comparison cohort: the contribution is the first share "
        "minus the second",
        "zh": "本期队列和对比队列各自的全部线索数: 贡献为前一比例减去后一比例",
    },
    "def_conversion_contribution_rules": {
        "en": "Lead → disbursed conversion is the lead-weighted average of the values' conversions, Σ (leadsᵢ "
        "/ leads) × conversionᵢ, so contributionᵢ = (leadsᵢ / leads) × conversionᵢ − (leads′ᵢ / leads′) "
        "× conversion′ᵢ, and the contributions add up exactly to the change of the total conversion. "
        "Each splits into a rate effect (the change of the value's own conversion × its average lead "
        "share) and a mix effect (the change of its lead share × its average conversion); a value with "
        "leads in only one of the two cohorts has only a mix effect. Share of the change = contribution "
        "/ total change (empty when the total did not change). Compared at the same age: while the "
        "cohort is still converting, the comparison period's cohort is evaluated as of the as-of day "
        "minus the days between the two periods' starts (a stage counts only if reached within the "
        "window and by the end of that day; only its leads created by then), so both have had the same "
        "time to convert. A complete cohort is compared with the comparison cohort as it stands; an "
        "empty cohort has nothing to compare.",
        "zh": "线索→放款转化率是各项转化率按线索数加权的平均, Σ (线索数ᵢ / 线索数) × 转化率ᵢ, "
        "因此 贡献ᵢ = (线索数ᵢ / 线索数) × 转化率ᵢ − (线索数′ᵢ / 线索数′) × "
        "转化率′ᵢ, 各项贡献之和恰好等于总转化率的变化。每项贡献分为转化率效应 (该项自身转化率的变化"
        " × 其平均线索占比) 和结构效应 (其线索占比的变化 × 其平均转化率); 仅在一个队列中有线"
        "索的项只有结构效应。占总变化比例 = 贡献 / 总变化 (总变化为 0 时为空)。按相同账龄对比"
        ": 队列仍在转化中时, 对比期队列按 “数据截止日减去两期起始日之差” 当日评估 (环节须在窗口"
        "内且不晚于当日结束前到达才计入; 仅含当日及之前新增的线索), 使两个队列的转化时间相同。已完成"
        "的队列与对比期队列的现状比较; 空队列无可比较。",
    },
    "def_applications_name": {"en": "Applications", "zh": "进件数"},
    "def_applications_numerator": {
        "en": "Leads with an application event in the period",
        "zh": "期间内有进件事件的线索数",
    },
    "def_applications_rules": {
        "en": "Counted by the day the event happened, whichever period the lead was created in. A lead counts "
        "once, on the day of its first application event; later-stage events do not add applications.",
        "zh": "按事件发生日统计, 不论线索在哪个期间新增。每条线索只在其首次进件事件当天计一次; 后续环节的事件不增加"
        "进件数。",
    },
    "def_approvals_name": {"en": "Approvals", "zh": "审批通过数"},
    "def_approvals_numerator": {
        "en": "Leads with an approved event in the period",
        "zh": "期间内有审批通过事件的线索数",
    },
    "def_approvals_rules": {
        "en": "Counted by event day; a lead counts once, on the day of its first approved event.",
        "zh": "按事件发生日统计; 每条线索只在其首次审批通过事件当天计一次。",
    },
    "def_rejections_name": {"en": "Rejections", "zh": "拒绝数"},
    "def_rejections_numerator": {"en": "Leads with a rejected event in the period", "zh": "期间内有拒绝事件的线索数"},
    "def_rejections_rules": {
        "en": "Counted by event day; a lead counts once, on the day of its first rejected event.",
        "zh": "按事件发生日统计; 每条线索只在其首次拒绝事件当天计一次。",
    },
    "def_approval_rate_name": {"en": "Approval rate", "zh": "批贷率"},
    "def_approval_rate_numerator": {"en": "Approvals in the period", "zh": "期间内审批通过数"},
    "def_approval_rate_denominator": {
        "en": "Approvals plus rejections in the period",
        "zh": "期间内审批通过数与拒绝数之和",
    },
    "def_approval_rate_rules": {
        "en": "Events counted by the day they happened, as for approvals and rejections. Empty when both are 0.",
        "zh": "事件按发生日统计, 与审批通过数和拒绝数相同。两者均为 0 时为空。",
    },
    "def_disbursed_amount_name": {"en": "Disbursed amount", "zh": "放款金额"},
    "def_disbursed_amount_numerator": {
        "en": "Principal of the loans disbursed in the period",
        "zh": "期间内放款贷款的本金之和",
    },
    "def_disbursed_amount_rules": {
        "en": "By disbursement date; exact to the cent.",
        "zh": "按放款日期统计; 精确到分。",
    },
    "def_disbursed_count_name": {"en": "Disbursed count", "zh": "放款笔数"},
    "def_disbursed_count_numerator": {"en": "Loans disbursed in the period", "zh": "期间内放款的贷款笔数"},
    "def_disbursed_count_rules": {"en": "By disbursement date.", "zh": "按放款日期统计。"},
    "def_average_ticket_name": {"en": "Average ticket", "zh": "件均金额"},
    "def_average_ticket_numerator": {"en": "Disbursed amount", "zh": "放款金额"},
    "def_average_ticket_denominator": {"en": "Disbursed count", "zh": "放款笔数"},
    "def_average_ticket_rules": {"en": "Empty when no loan was disbursed.", "zh": "无放款时为空。"},
    "def_base_target_name": {"en": "Base target", "zh": "基础目标"},
    "def_base_target_numerator": {
        "en": "Monthly base targets prorated to the period's days",
        "zh": "按期间天数折算的月度基础目标",
    },
    "def_base_target_rules": {
        "en": "Targets are monthly per team and product line; the target of a date range is, for each month, the "
        "monthly target × (days of the month inside the range / days in the month), summed. They add up from "
        "teams to regions to the company and from product lines to all lines, following the region, team and "
        "product-line filters. With an officer, channel or customer-type filter there is no target and the "
        "figure is empty. Empty as well when no target is set for the selected teams and lines.",
        "zh": "目标按团队和产品线逐月设定; 日期范围的目标 = 各月月度目标 × (该月落在范围内的天数 / 该月天数) 之和。"
        "目标随区域、团队和产品线筛选, 由团队汇总到区域再到全公司, 由产品线汇总到全部产品线。选择客户经理、渠"
        "道或客户类型筛选时没有目标, 该指标为空。所选团队和产品线未设定目标时同样为空。",
    },
    "def_stretch_target_name": {"en": "Stretch target", "zh": "冲刺目标"},
    "def_stretch_target_numerator": {
        "en": "Monthly stretch targets prorated to the period's days",
        "zh": "按期间天数折算的月度冲刺目标",
    },
    "def_stretch_target_rules": {
        "en": "Targets are monthly per team and product line; the target of a date range is, for each month, the "
        "monthly target × (days of the month inside the range / days in the month), summed. They add up from "
        "teams to regions to the company and from product lines to all lines, following the region, team and "
        "product-line filters. With an officer, channel or customer-type filter there is no target and the "
        "figure is empty.",
        "zh": "目标按团队和产品线逐月设定; 日期范围的目标 = 各月月度目标 × (该月落在范围内的天数 / 该月天数) 之和。"
        "目标随区域、团队和产品线筛选, 由团队汇总到区域再到全公司, 由产品线汇总到全部产品线。选择客户经理、渠"
        "道或客户类型筛选时没有目标, 该指标为空。",
    },
    "def_attainment_name": {"en": "Target attainment", "zh": "目标达成率"},
    "def_attainment_numerator": {"en": "Disbursed amount", "zh": "放款金额"},
    "def_attainment_denominator": {"en": "Base target of the period", "zh": "期间基础目标"},
    "def_attainment_rules": {
        "en": "Targets are monthly per team and product line; the target of a date range is, for each month, the "
        "monthly target × (days of the month inside the range / days in the month), summed. They add up from "
        "teams to regions to the company and from product lines to all lines, following the region, team and "
        "product-line filters. With an officer, channel or customer-type filter there is no target and the "
        "figure is empty. Band: below 80% red, from 80% up to 100% amber, from 100% up to 120% green, 120% "
        "and above bonus tier (bounds configured; a value exactly on a bound takes the higher band). Empty "
        "when the target is 0.",
        "zh": "目标按团队和产品线逐月设定; 日期范围的目标 = 各月月度目标 × (该月落在范围内的天数 / 该月天数) 之和。"
        "目标随区域、团队和产品线筛选, 由团队汇总到区域再到全公司, 由产品线汇总到全部产品线。选择客户经理、渠"
        "道或客户类型筛选时没有目标, 该指标为空。档位: 低于 80% 为红色, 80% 至 100% (不含) 为黄色, 100% 至 "
        "120% (不含) 为绿色, 120% 及以上为奖励档 (界限可配置; 恰好落在界限上的值归入较高档位)。目标为 0 时为"
        "空。",
    },
    "def_stretch_attainment_name": {"en": "Stretch attainment", "zh": "冲刺目标达成率"},
    "def_stretch_attainment_numerator": {"en": "Disbursed amount", "zh": "放款金额"},
    "def_stretch_attainment_denominator": {"en": "Stretch target of the period", "zh": "期间冲刺目标"},
    "def_stretch_attainment_rules": {
        "en": "Targets are monthly per team and product line; the target of a date range is, for each month, the "
        "monthly target × (days of the month inside the range / days in the month), summed. They add up from "
        "teams to regions to the company and from product lines to all lines, following the region, team and "
        "product-line filters. With an officer, channel or customer-type filter there is no target and the "
        "figure is empty. Empty when the stretch target is 0.",
        "zh": "目标按团队和产品线逐月设定; 日期范围的目标 = 各月月度目标 × (该月落在范围内的天数 / 该月天数) 之和。"
        "目标随区域、团队和产品线筛选, 由团队汇总到区域再到全公司, 由产品线汇总到全部产品线。选择客户经理、渠"
        "道或客户类型筛选时没有目标, 该指标为空。冲刺目标为 0 时为空。",
    },
    "def_pacing_name": {"en": "Pacing", "zh": "进度"},
    "def_pacing_numerator": {"en": "Disbursed amount so far", "zh": "截至目前的放款金额"},
    "def_pacing_denominator": {"en": "Base target × elapsed share of the period", "zh": "基础目标 × 期间已过天数占比"},
    "def_pacing_rules": {
        "en": "Only for a period that ends after the as-of day. Elapsed share = days from the period's start "
        "through the as-of day / days of the period. Empty before the period starts, for finished periods "
        "and without a target. Banded like attainment. Targets are monthly per team and product line; the "
        "target of a date range is, for each month, the monthly target × (days of the month inside the range "
        "/ days in the month), summed. They add up from teams to regions to the company and from product "
        "lines to all lines, following the region, team and product-line filters. With an officer, channel "
        "or customer-type filter there is no target and the figure is empty.",
        "zh": "仅适用于在数据截止日之后结束的期间。已过占比 = 期间开始至数据截止日 (含) 的天数 / 期间天数。期间尚未"
        "开始、已经结束或没有目标时为空。档位划分同目标达成率。目标按团队和产品线逐月设定; 日期范围的目标 = "
        "各月月度目标 × (该月落在范围内的天数 / 该月天数) 之和。目标随区域、团队和产品线筛选, 由团队汇总到区"
        "域再到全公司, 由产品线汇总到全部产品线。选择客户经理、渠道或客户类型筛选时没有目标, 该指标为空。",
    },
    "def_repeat_loan_rate_name": {"en": "Repeat-loan rate", "zh": "复贷率"},
    "def_repeat_loan_rate_numerator": {"en": "Repeat loans disbursed in the period", "zh": "期间内发放的复贷笔数"},
    "def_repeat_loan_rate_denominator": {"en": "Loans disbursed in the period", "zh": "期间内放款笔数"},
    "def_repeat_loan_rate_rules": {
        "en": "A loan is a repeat loan when its customer has another loan disbursed on a strictly earlier date "
        "(two loans on the customer's first day are neither of them repeats). Earlier loans outside the "
        "period count. Empty when no loan was disbursed.",
        "zh": "客户在严格更早的日期另有放款的贷款即为复贷 (客户首日的两笔贷款均不算复贷)。期间之外的更早贷款同样计"
        "入。无放款时为空。",
    },
    "def_conversion_cycle_name": {"en": "Conversion cycle", "zh": "转化周期"},
    "def_conversion_cycle_numerator": {
        "en": "Median days from a lead's creation to its first disbursed event",
        "zh": "线索从新增到首次放款事件天数的中位数",
    },
    "def_conversion_cycle_rules": {
        "en": "Over the leads whose first disbursed event falls in the period (whenever they were created, in or "
        "out of the conversion window); days are fractional; with an even number of leads, the mean of the "
        "two middle values. Filters apply to the lead's officer, channel, product and customer. Empty when "
        "no lead was disbursed.",
        "zh": "统计首次放款事件落在期间内的线索 (不论其何时新增、是否在转化窗口内); 天数含小数; 线索数为偶数时取中"
        "间两个值的平均。筛选条件作用于线索的客户经理、渠道、产品和客户。无线索放款时为空。",
    },
    "def_amount_share_name": {"en": "Share of amount", "zh": "金额占比"},
    "def_amount_share_numerator": {
        "en": "Disbursed amount of the product line, channel, segment, customer type, region, team or officer",
        "zh": "该产品线、渠道、客群、客户类型、区域、团队或客户经理的放款金额",
    },
    "def_amount_share_denominator": {
        "en": "Disbursed amount of all of them under the same filters",
        "zh": "相同筛选条件下全部的放款金额",
    },
    "def_amount_share_rules": {"en": "Empty when nothing was disbursed.", "zh": "无放款时为空。"},
    "def_amount_change_name": {"en": "Amount change", "zh": "金额变化"},
    "def_amount_change_numerator": {
        "en": "Disbursed amount of the region, team, account manager, product line or channel in the period − its "
        "disbursed amount in the comparison period",
        "zh": "该区域、团队、客户经理、产品线或渠道本期的放款金额 − 其对比期的放款金额",
    },
    "def_amount_change_rules": {
        "en": "For every member that disbursed in either period (one that disbursed only in the comparison period "
        "changes by minus what it disbursed then), exact to the cent, so the members' changes add up exactly to the "
        "change of the total under the same filters. Ranked by the size of the change, either way. The comparison "
        "is the filter bar's (previous period or the same dates last year); with no comparison only the amounts "
        "are shown. The bridge (waterfall) goes from the comparison total to the period's total: the largest "
        "changes, then the rest summed as one 'others' step.",
        "zh": "覆盖任一期间有放款的成员 (仅在对比期有放款的成员, 变化为负的对比期金额), 精确到分, 各成员的变化之和"
        "恰好等于相同筛选条件下总额的变化。按变化的绝对值排序, 不论增减。对比期为筛选栏所选 (上一期或去年同期); "
        "不对比时只显示金额。桥图 (瀑布图) 从对比期总额走到本期总额: 先列变化最大的成员, 其余合并为一项「其他」。",
    },
    "def_share_of_change_name": {"en": "Share of the change", "zh": "占变化比例"},
    "def_share_of_change_numerator": {
        "en": "Amount change of the region, team, account manager, product line or channel",
        "zh": "该区域、团队、客户经理、产品线或渠道的金额变化",
    },
    "def_share_of_change_denominator": {
        "en": "Change of the total disbursed amount under the same filters",
        "zh": "相同筛选条件下放款总额的变化",
    },
    "def_share_of_change_rules": {
        "en": "Signed: with the total down, a member that fell has a positive share and one that grew a negative one, "
        "so shares can exceed 100% and always add up to 100%. Empty (—) when the total did not change: the members' "
        "changes then cancel out and the change column shows them. Empty without a comparison.",
        "zh": "带符号: 总额下降时, 下降的成员占比为正, 增长的成员占比为负, 因此单项可超过 100%, 合计恒为 100%。"
        "总额没有变化时为空 (—): 此时各成员的变化相互抵消, 见变化一列。不对比时为空。",
    },
    # Credit quality and Customers pages: metric definitions in Chinese (English as in pipelines/queries)
    "def_outstanding_balance_name": {"en": "Outstanding balance", "zh": "贷款余额"},
    "def_outstanding_balance_numerator": {
        "en": "Principal still owed on active loans: principal minus the principal of installments settled by the "
        "snapshot date",
        "zh": "在贷贷款仍未偿还的本金: 放款本金减去截至快照日已结清期次的应还本金",
    },
    "def_outstanding_balance_rules": {
        "en": "Measured at a snapshot date; closed and written-off loans count 0. An installment is settled when "
        "everything due up to and including it (principal and interest, in due-date order) has been paid, "
        "within 0.01.",
        "zh": "按快照日计量; 已结清和已核销的贷款计为 0。某一期次视为已结清, 指截至该期 (含) "
        "按到期日顺序累计应还的本金和利息均已还清 (容差 0.01)。",
    },
    "def_active_loans_name": {"en": "Active loans", "zh": "在贷笔数"},
    "def_active_loans_numerator": {
        "en": "Loans neither closed (every installment settled) nor written off at the snapshot date",
        "zh": "快照日既未结清 (全部期次已结清) 也未核销的贷款笔数",
    },
    "def_active_loans_rules": {"en": "Measured at a snapshot date.", "zh": "按快照日计量。"},
    "def_overdue_rate_name": {"en": "Overdue rate (M1+)", "zh": "逾期率 (M1+)"},
    "def_overdue_rate_numerator": {
        "en": "Outstanding balance of active loans 1 or more days past due",
        "zh": "逾期 1 天及以上的在贷贷款余额",
    },
    "def_overdue_rate_denominator": {"en": "Outstanding balance of active loans", "zh": "在贷贷款余额"},
    "def_overdue_rate_rules": {
        "en": "Days past due count from the earliest unsettled installment whose due date is before the "
        "snapshot date; on the due date itself a loan is not yet past due. Measured at a snapshot date "
        "(a month-end, the end of a biweekly period, or the as-of date); a period shows its latest "
        "snapshot on or before its last day, so a biweekly period and the one before it read different "
        "snapshots. Active loans only (closed and written-off loans have no balance). Undefined (blank) "
        "when nothing is outstanding.",
        "zh": "逾期天数从到期日早于快照日的最早一期未结清期次起算; 到期日当天尚不算逾期。按快照日 "
        "(月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_par30_name": {"en": "PAR30", "zh": "PAR30"},
    "def_par30_numerator": {
        "en": "Outstanding balance of active loans more than 30 days past due",
        "zh": "逾期超过 30 天的在贷贷款余额",
    },
    "def_par30_denominator": {"en": "Outstanding balance of active loans", "zh": "在贷贷款余额"},
    "def_par30_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_par90_name": {"en": "PAR90", "zh": "PAR90"},
    "def_par90_numerator": {
        "en": "Outstanding balance of active loans more than 90 days past due",
        "zh": "逾期超过 90 天的在贷贷款余额",
    },
    "def_par90_denominator": {"en": "Outstanding balance of active loans", "zh": "在贷贷款余额"},
    "def_par90_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_npl_ratio_name": {"en": "NPL ratio", "zh": "不良率"},
    "def_npl_ratio_numerator": {
        "en": "Outstanding balance of active loans classed substandard, doubtful or loss (by days past due, with "
        "the configured five-tier minimums: 91, 271 and 361 days by default)",
        "zh": "五级分类为次级、可疑或损失的在贷贷款余额 (按逾期天数及配置的五级分类下限: 默认 91、271、361 天)",
    },
    "def_npl_ratio_denominator": {"en": "Outstanding balance of active loans", "zh": "在贷贷款余额"},
    "def_npl_ratio_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_overdue_rate_by_count_name": {"en": "Overdue rate (M1+), by count", "zh": "逾期率 (M1+, 按笔数)"},
    "def_overdue_rate_by_count_numerator": {
        "en": "Number of active loans 1 or more days past due",
        "zh": "逾期 1 天及以上的在贷贷款笔数",
    },
    "def_overdue_rate_by_count_denominator": {"en": "Number of active loans", "zh": "在贷贷款笔数"},
    "def_overdue_rate_by_count_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_par30_by_count_name": {"en": "PAR30, by count", "zh": "PAR30 (按笔数)"},
    "def_par30_by_count_numerator": {
        "en": "Number of active loans more than 30 days past due",
        "zh": "逾期超过 30 天的在贷贷款笔数",
    },
    "def_par30_by_count_denominator": {"en": "Number of active loans", "zh": "在贷贷款笔数"},
    "def_par30_by_count_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_par90_by_count_name": {"en": "PAR90, by count", "zh": "PAR90 (按笔数)"},
    "def_par90_by_count_numerator": {
        "en": "Number of active loans more than 90 days past due",
        "zh": "逾期超过 90 天的在贷贷款笔数",
    },
    "def_par90_by_count_denominator": {"en": "Number of active loans", "zh": "在贷贷款笔数"},
    "def_par90_by_count_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_npl_ratio_by_count_name": {"en": "NPL ratio, by count", "zh": "不良率 (按笔数)"},
    "def_npl_ratio_by_count_numerator": {
        "en": "Number of active loans classed substandard, doubtful or loss",
        "zh": "五级分类为次级、可疑或损失的在贷贷款笔数",
    },
    "def_npl_ratio_by_count_denominator": {"en": "Number of active loans", "zh": "在贷贷款笔数"},
    "def_npl_ratio_by_count_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_dpd_bucket_mix_name": {"en": "DPD bucket mix", "zh": "逾期档位结构"},
    "def_dpd_bucket_mix_numerator": {
        "en": "Outstanding balance (or number) of active loans in each days-past-due bucket: M0 = 0, M1 = 1–30, M2 "
        "= 31–60, M3 = 61–90, M4 = 91–120, M5 = 121–150, M6 = 151–180, M7+ = over 180 (configurable)",
        "zh": "各逾期档位在贷贷款的余额 (或笔数): M0 = 0 天, M1 = 1–30 天, M2 = 31–60 天, M3 = 61–90 天, M4 = "
        "91–120 天, M5 = 121–150 天, M6 = 151–180 天, M7+ = 180 天以上 (可配置)",
    },
    "def_dpd_bucket_mix_denominator": {
        "en": "Outstanding balance (or number) of all active loans",
        "zh": "全部在贷贷款的余额 (或笔数)",
    },
    "def_dpd_bucket_mix_rules": {
        "en": "Measured at a snapshot date (a month-end, a biweekly period end or the as-of date). M4+ groups "
        "M4 to M7+ where space is short.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量。空间有限时 M4 至 M7+ 合并显示为 M4+。",
    },
    "def_five_tier_mix_name": {"en": "Five-tier classification mix", "zh": "五级分类结构"},
    "def_five_tier_mix_numerator": {
        "en": "Outstanding balance (or number) of active loans in each class by days past due: normal (正常) 0, "
        "special mention (关注) 1–90, substandard (次级) 91–270, doubtful (可疑) 271–360, loss (损失) over "
        "360 (configurable minimums)",
        "zh": "按逾期天数划分的各类在贷贷款余额 (或笔数): 正常 0 天, 关注 1–90 天, 次级 91–270 天, 可疑 271–360 "
        "天, 损失 360 天以上 (下限可配置)",
    },
    "def_five_tier_mix_denominator": {
        "en": "Outstanding balance (or number) of all active loans",
        "zh": "全部在贷贷款的余额 (或笔数)",
    },
    "def_five_tier_mix_rules": {"en": "Measured at a snapshot date.", "zh": "按快照日计量。"},
    "def_vintage_ratio_name": {"en": "Vintage curve (30+/60+/90+)", "zh": "Vintage 曲线 (30+/60+/90+)"},
    "def_vintage_ratio_numerator": {
        "en": "Outstanding balance, at months-on-book n, of the vintage's active loans more than 30 (or 60, or 90) "
        "days past due",
        "zh": "放款月批次在账龄 n 时逾期超过 30 (或 60、90) 天的在贷余额",
    },
    "def_vintage_ratio_denominator": {
        "en": "Original principal of every loan disbursed in the vintage month, including loans already closed or "
        "written off",
        "zh": "该放款月全部贷款的放款本金, 包括已结清或已核销的贷款",
    },
    "def_vintage_ratio_rules": {
        "en": "Vintage = disbursement month; months on book = calendar months from the vintage month to the "
        "snapshot date's month (a December loan is at MOB 1 at the end of January). Measured on the "
        "month-end series only: each cell at its month-end, the as-of month's at the as-of date, never "
        "at a biweekly period end, so the curves read as in a monthly book. The triangle shows the "
        "cells up to the period's snapshot.",
        "zh": "批次 (Vintage) = 放款月份; 账龄 (MOB) = 从放款月到快照日所在月的自然月数 "
        "(12 月放款的贷款在 1 月末账龄为 1)。仅使用月末序列计量: 各单元格取其月末, "
        "数据截止月取数据截止日, 从不使用双周期末, "
        "因此曲线与按月统计的口径一致。三角图显示截至期间快照的单元格。",
    },
    "def_roll_rate_name": {"en": "Roll rate", "zh": "迁徙率 (滚动率)"},
    "def_roll_rate_numerator": {
        "en": "Outstanding balance at month-end t of active loans in bucket b at t that are in bucket b′ (or "
        "closed, or written off) at the next month-end t+1",
        "zh": "月末 t 时处于档位 b、在下一月末 t+1 时处于档位 b′ (或已结清、已核销) 的在贷贷款在 t 时的余额",
    },
    "def_roll_rate_denominator": {
        "en": "Outstanding balance at t of all active loans in bucket b at t",
        "zh": "快照 t 时处于档位 b 的全部在贷贷款在 t 时的余额",
    },
    "def_roll_rate_rules": {
        "en": "Pairs of consecutive dates of the month-end series (the month-ends and the as-of date), never "
        "biweekly period ends, so the rates read as in a monthly book; a loan that closed mid-month "
        "counts as closed at the next month-end. Each row of the matrix sums to 100%. A period's matrix "
        "pools every pair whose later date falls in the period (when none does, e.g. a biweekly period "
        "inside a month, the latest pair ending before the period's end). The last pair runs from the "
        "last month-end to the as-of date, a part month. The trend shows M0→M1, M1→M2 and M2→M3 for "
        "each pair.",
        "zh": "取月末序列 (各月末及数据截止日) 中相邻的日期对, 从不使用双周期末, "
        "因此与按月统计的口径一致; 月中结清的贷款在下一月末计为已结清。矩阵每行合计 "
        "100%。期间的矩阵汇总后一日期落在期间内的所有日期对 (若没有, 如月内的双周期间, "
        "则取期间结束前最近的一对)。最后一对从上一月末到数据截止日, 不足一个月。趋势图显示每一对的 "
        "M0→M1、M1→M2 和 M2→M3。",
    },
    "def_write_offs_name": {"en": "Write-offs", "zh": "核销"},
    "def_write_offs_numerator": {
        "en": "Principal outstanding on the write-off date (principal minus the principal of installments settled "
        "by that day) of loans written off in the period",
        "zh": "本期核销贷款在核销日的未偿本金 (放款本金减去截至当日已结清期次的本金)",
    },
    "def_write_offs_rules": {
        "en": "By write-off date; payments on the write-off day count, later recoveries do not. Write-off "
        "dates after the as-of date are not yet write-offs. A loan already closed at an earlier "
        "month-end (or repaid in full in an earlier month) is not counted.",
        "zh": "按核销日统计; 核销当日的还款计入, "
        "之后的回收不计入。晚于数据截止日的核销日尚不算核销。在更早月末已结清 (或在更早月份已全部还清) "
        "的贷款不计入。",
    },
    "def_early_warning_name": {"en": "Early-warning flag", "zh": "风险预警"},
    "def_early_warning_numerator": {
        "en": "Overdue rate (M1+, by balance) of a region, team, account manager, product line or channel at the "
        "period's snapshot",
        "zh": "区域、团队、客户经理、产品线或渠道在期间快照日的逾期率 (M1+, 按余额)",
    },
    "def_early_warning_denominator": {
        "en": "Compared with its threshold: the mean plus 2 sample standard deviations of its own overdue rates at "
        "the previous 6 month-ends",
        "zh": "与其阈值比较: 自身前 6 个月末逾期率的均值加 2 个样本标准差",
    },
    "def_early_warning_rules": {
        "en": "Flagged when the rate exceeds the threshold and the outstanding balance is above the "
        "configured minimum (1,000,000 by default). The history uses month-ends only (strictly before "
        "the snapshot), also when the period's snapshot is a biweekly period end. Month-ends with "
        "nothing outstanding do not count; at least two are needed. Flags are listed by the overdue "
        "balance above the threshold, balance × (rate − threshold), largest first: money at risk, not "
        "percentage points. Lookback, number of standard deviations and minimum balance are "
        "configurable. Under dimension filters the rates are those of the filtered book.",
        "zh": "逾期率超过阈值且贷款余额高于配置的下限 (默认 1,000,000) "
        "时触发预警。历史只取快照日之前的月末, 即使期间快照为双周期末亦然。无在贷余额的月末不计入; "
        "至少需要两个月末。预警项按超出阈值的逾期余额 (余额 × (逾期率 − 阈值)) 从大到小排列: "
        "看风险金额, 而非百分点。回溯月数、标准差倍数和余额下限均可配置。有维度筛选时, "
        "比率为筛选后资产的比率。",
    },
    "def_rfm_scored_customers_name": {"en": "Scored customers", "zh": "评分客户数"},
    "def_rfm_scored_customers_numerator": {
        "en": "Customers with at least one loan disbursed in the lookback window (as-of − 730 days, as-of]",
        "zh": "回溯窗口 (截止日 − 730 天, 截止日] 内至少有一笔放款的客户",
    },
    "def_rfm_scored_customers_rules": {
        "en": "Counted at one as-of date: the latest available as-of (the build's as-of date or a month-end) on or "
        "before the period's last day. A loan disbursed exactly 730 days before the as-of is outside the "
        "window. Region and customer type are the customer's own; team, officer, channel and product line "
        "are those of the customer's latest loan in the window.",
        "zh": "在单一截止日统计: 期间最后一天及之前最近的可用截止日 (数据截止日或月末)。恰好在截止日前 730 "
        "天放款的贷款不在窗口内。区域和客户类型取客户本身; 团队、客户经理、"
        "渠道和产品线取该客户窗口内最近一笔贷款。",
    },
    "def_rfm_recency_days_name": {"en": "Recency (days)", "zh": "近度 (天)"},
    "def_rfm_recency_days_numerator": {
        "en": "Days from the customer's latest loan disbursed in the window to the as-of date",
        "zh": "从客户窗口内最近一笔放款到截止日的天数",
    },
    "def_rfm_recency_days_rules": {
        "en": "A loan disbursed on the as-of date itself gives 0 days.",
        "zh": "截止日当天放款为 0 天。",
    },
    "def_rfm_frequency_name": {"en": "Frequency", "zh": "频次"},
    "def_rfm_frequency_numerator": {
        "en": "Number of the customer's loans disbursed in the window",
        "zh": "客户在窗口内的放款笔数",
    },
    "def_rfm_monetary_name": {"en": "Monetary", "zh": "金额"},
    "def_rfm_monetary_numerator": {
        "en": "Sum of the principal of the customer's loans disbursed in the window",
        "zh": "客户在窗口内的放款本金合计",
    },
    "def_rfm_monetary_rules": {
        "en": "Summed over customers for a grid cell, segment or tier × grade cell.",
        "zh": "矩阵单元格、客群或分层 × 等级单元格按其中客户加总。",
    },
    "def_rfm_score_name": {"en": "R, F and M scores (1–5)", "zh": "R、F、M 评分 (1–5)"},
    "def_rfm_score_numerator": {"en": "1 + ⌊5 × percent rank⌋, capped at 5", "zh": "1 + ⌊5 × 百分位排名⌋, 最高为 5"},
    "def_rfm_score_rules": {
        "en": "Percent rank = (rank − 1) / (scored customers − 1) among the customers scored at the same as-of, "
        "ranked so that better is higher: longer since the last loan ranks lower, fewer loans and smaller "
        "sums rank lower. Equal values share the rank and the score; a single scored customer scores 1 on "
        "all three. FM score = ⌊(F + M + 1) / 2⌋, the average of F and M rounded half up.",
        "zh": "百分位排名 = (名次 − 1) / (评分客户数 − 1), 在同一截止日的评分客户中排序, 越好排名越高: "
        "距上次放款越久排名越低, 笔数越少、金额越小排名越低。数值相同则名次和评分相同; "
        "只有一位评分客户时三项均为 1。FM 评分 = ⌊(F + M + 1) / 2⌋, 即 F 与 M 的平均值四舍五入。",
    },
    "def_rfm_segment_customers_name": {"en": "Customers in a segment", "zh": "客群客户数"},
    "def_rfm_segment_customers_numerator": {
        "en": "Scored customers whose (R score, FM score) cell of the segment grid names that segment",
        "zh": "(R 评分, FM 评分) 落在客群矩阵中该客群单元格的评分客户",
    },
    "def_rfm_segment_share_name": {"en": "Segment share", "zh": "客群占比"},
    "def_rfm_segment_share_numerator": {
        "en": "Scored customers in the segment (or their monetary)",
        "zh": "该客群的评分客户数 (或其放款额)",
    },
    "def_rfm_segment_share_denominator": {
        "en": "All scored customers under the same filters (or their monetary)",
        "zh": "相同筛选条件下全部评分客户数 (或其放款额)",
    },
    "def_rfm_segment_share_rules": {
        "en": "Undefined (blank) when no customer is scored. Shown with the segment's customers and monetary at "
        "the comparison as-of (chosen by the comparison period) when there is one.",
        "zh": "无评分客户时不适用 (留空)。如有对比截止日 (由对比期间选定), "
        "同时显示该客群在对比截止日的客户数和放款额。",
    },
    "def_customer_tier_name": {"en": "Customer tier", "zh": "客户分层"},
    "def_customer_tier_numerator": {
        "en": "The largest single loan principal disbursed to the customer in the window",
        "zh": "客户在窗口内的单笔最大放款本金",
    },
    "def_customer_tier_rules": {
        "en": "Strategic at or above 5,000,000; growth at or above 1,000,000; micro below.",
        "zh": "战略客户 5,000,000 及以上; 成长型客户 1,000,000 及以上; 其余为小微客户。",
    },
    "def_credit_grade_name": {"en": "Credit grade", "zh": "信用等级"},
    "def_credit_grade_numerator": {
        "en": "The customer's credit score (0–100) mapped to AAA 90–100, AA 80–89, A 70–79, BBB 60–69, BB 50–59, B "
        "40–49, CCC 30–39, CC 20–29, C 0–19",
        "zh": "客户信用评分 (0–100) 映射为 AAA 90–100, AA 80–89, A 70–79, BBB 60–69, BB 50–59, B 40–49, CCC 30–39, "
        "CC 20–29, C 0–19",
    },
    "def_credit_grade_rules": {
        "en": "Unrated when the customer has no score. The source holds one current score, used at every as-of.",
        "zh": "无评分时为未评级。数据源只有一个当前评分, 各截止日均使用该评分。",
    },
    "def_segment_migration_name": {"en": "Segment migration", "zh": "客群迁移"},
    "def_segment_migration_numerator": {
        "en": "Customers in segment b at the later as-of among those in segment a at the earlier as-of",
        "zh": "较早截止日处于客群 a 的客户中, 较晚截止日处于客群 b 的客户数",
    },
    "def_segment_migration_denominator": {
        "en": "Customers in segment a at the earlier as-of (share_of_from)",
        "zh": "较早截止日处于客群 a 的客户数 (占该行比例)",
    },
    "def_segment_migration_rules": {
        "en": "'Not scored' stands for a customer with no loan in the window at one of the two dates (entering or "
        "leaving the scored set). A customer is attributed to team, officer, channel and product line by its "
        "row at the later as-of, or at the earlier one if it is no longer scored. The later as-of is the "
        "period's, the earlier the comparison period's, else the month-end before.",
        "zh": "“未评分”指在两个日期之一的窗口内没有贷款的客户 (进入或离开评分范围)。客户的团队、客户经理、"
        "渠道和产品线按其较晚截止日的记录归属, 若已不在评分范围则按较早截止日的记录。"
        "较晚截止日默认为本期截止日, 较早截止日为对比期间的截止日, 否则为上一月末。",
    },
    "def_strategic_at_risk_name": {"en": "Strategic customers at risk", "zh": "流失风险战略客户"},
    "def_strategic_at_risk_numerator": {
        "en": "Strategic-tier customers in segment at_risk, cant_lose or hibernating at the as-of",
        "zh": "截止日处于流失风险、重要挽留或沉睡客群的战略客户",
    },
    "def_strategic_at_risk_rules": {
        "en": "Listed by monetary, largest first, with their segment at the previous month-end.",
        "zh": "按放款额从大到小列出, 并显示其上一月末的客群。",
    },
    "def_repeat_loan_candidates_name": {"en": "Repeat-loan candidates", "zh": "复贷潜力客户"},
    "def_repeat_loan_candidates_numerator": {
        "en": "Customers in segment champions, loyal, potential, promising or need_attention, credit grade BBB or "
        "better, whose latest loan was disbursed at least 90 days before the as-of, with no loan past due at "
        "the as-of and no loan ever written off",
        "zh": "处于重要价值、忠诚、潜力、有前景或需关注客群, 信用等级 BBB 及以上, 最近一笔贷款在截止日前至少 90 "
        "天放款, 截止日无逾期贷款且从未有贷款被核销的客户",
    },
    "def_repeat_loan_candidates_rules": {
        "en": "A loan disbursed exactly 90 days before the as-of no longer counts as recent. Past due = an active "
        "loan at least 1 day overdue on the as-of date (credit-quality snapshot). Unrated customers are not "
        "listed. Listed by FM score, then monetary, highest first.",
        "zh": "恰好在截止日前 90 天放款的贷款不再算作近期放款。逾期 = 截止日有在贷贷款逾期至少 1 天 "
        "(资产质量快照)。未评级客户不列入。按 FM 评分、再按放款额从高到低排列。",
    },
    "def_moved_into_risk_name": {"en": "Customers moved into risk segments", "zh": "新进入风险客群的客户"},
    "def_moved_into_risk_numerator": {
        "en": "Customers in at_risk, cant_lose or hibernating at the as-of who were in another segment, or not "
        "scored, at the earlier as-of",
        "zh": "截止日处于流失风险、重要挽留或沉睡客群, 而在较早截止日属于其他客群或未评分的客户",
    },
    "def_moved_into_risk_rules": {
        "en": "The earlier as-of is the latest available as-of on or before the date asked for.",
        "zh": "较早截止日为所选日期及之前最近的可用截止日。",
    },
}
