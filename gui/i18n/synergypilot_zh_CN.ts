<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AssessDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="129"/>
        <source>Score or override a criterion</source>
        <translation>评分或调整指标</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="159"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="160"/>
        <source>* required · Ctrl+Enter records the score</source>
        <translation>* 为必填 · 按 Ctrl+Enter 记录评分</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="190"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="146"/>
        <source>(type a fraction)</source>
        <translation>（输入得分率）</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="152"/>
        <source>Why: what you checked on site, which document…</source>
        <translation>理由：现场核查了什么、依据哪份文件……</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="155"/>
        <source>Fraction (0 = worst, 1 = best):</source>
        <translation>得分率（0 = 最差，1 = 最好）：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="157"/>
        <source>Or pick a level:</source>
        <translation>或选择档次：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="158"/>
        <source>Inspector:</source>
        <translation>核查人：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="195"/>
        <source>Guidance:</source>
        <translation>填报说明：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="200"/>
        <source>Now: value {value}, fraction {fraction} ({status})</source>
        <translation>当前：现状值 {value}，得分率 {fraction}（{status}）</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../models/tables.py" line="314"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="315"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="316"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="317"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="318"/>
        <source>Criterion</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="319"/>
        <source>What happened</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="321"/>
        <source>Written in</source>
        <translation>来源工作区</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../views/audit_view.py" line="34"/>
        <source>Every change to this workspace, newest first. Entries are never removed.</source>
        <extracomment>The audit table&apos;s long columns (AuditModel&apos;s order).</extracomment>
        <translation>本工作区的全部变更记录，最新的在前。记录不会被删除。</translation>
    </message>
</context>
<context>
    <name>ChartsView</name>
    <message>
        <location filename="../views/charts_view.py" line="77"/>
        <source>Ranked totals</source>
        <translation>总分排名</translation>
    </message>
    <message>
        <location filename="../views/charts_view.py" line="78"/>
        <source>Points by dimension</source>
        <translation>各维度得分</translation>
    </message>
    <message>
        <location filename="../views/charts_view.py" line="79"/>
        <source>Radar of dimensions</source>
        <translation>维度雷达图</translation>
    </message>
    <message>
        <location filename="../views/charts_view.py" line="80"/>
        <source>Indicator heatmap</source>
        <translation>指标热力图</translation>
    </message>
    <message>
        <location filename="../views/charts_view.py" line="81"/>
        <source>Synergy (pollution × carbon)</source>
        <translation>协同度（减污 × 降碳）</translation>
    </message>
    <message>
        <location filename="../views/charts_view.py" line="82"/>
        <source>Co-control quadrants</source>
        <translation>协同控制象限</translation>
    </message>
    <message>
        <location filename="../views/charts_view.py" line="93"/>
        <source>Projects on the radar:</source>
        <translation>雷达图中的项目：</translation>
    </message>
    <message>
        <location filename="../views/charts_view.py" line="94"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../views/charts_view.py" line="95"/>
        <source>Export SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <location filename="../views/charts_view.py" line="158"/>
        <source>No scheme chosen</source>
        <translation>未选择方案</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../views/compare_view.py" line="200"/>
        <source>Spread (max − min)</source>
        <translation>极差（最大 − 最小）</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="197"/>
        <source>{second} − {first}</source>
        <translation>{second} − {first}</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="192"/>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="190"/>
        <source>Fraction</source>
        <translation>得分率</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="188"/>
        <source>Value</source>
        <translation>现状值</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="183"/>
        <source>Criterion</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="182"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="176"/>
        <source>Subtotal: {kind}</source>
        <translation>小计：{kind}</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="174"/>
        <source>(of {max})</source>
        <translation>（满分 {max}）</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="171"/>
        <source>Subtotal: {dimension}</source>
        <translation>小计：{dimension}</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="160"/>
        <source>Baseline: {baseline}</source>
        <translation>基准值：{baseline}</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="145"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="143"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="140"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="124"/>
        <source>{differing} of {criteria} criteria differ; total {totals}</source>
        <translation>{criteria} 项指标中有 {differing} 项不同；总分 {totals}</translation>
    </message>
    <message>
        <location filename="../views/compare_view.py" line="102"/>
        <source>Compare projects</source>
        <extracomment>Cells of a criterion where the projects differ; the most and the least points of a row. Subtotal, total, grade and rank rows. The criterion&apos;s name column.</extracomment>
        <translation>比较项目</translation>
    </message>
</context>
<context>
    <name>ConsensusDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="257"/>
        <source>Record a consensus</source>
        <translation>记录共识</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="260"/>
        <source>Inspectors&apos; scores: {scores} (spread {spread})</source>
        <translation>核查人评分：{scores}（极差 {spread}）</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="275"/>
        <source>Why this fraction: what the inspectors agreed, on what evidence…</source>
        <translation>为何取此得分率：核查人商定了什么、依据哪些证据……</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="279"/>
        <source>Agreed fraction (0 to 1):</source>
        <translation>共识得分率（0 至 1）：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="280"/>
        <source>Supervisor:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="281"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
</context>
<context>
    <name>CriteriaModel</name>
    <message>
        <location filename="../models/tables.py" line="147"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="166"/>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="148"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="164"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="163"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="149"/>
        <source>Baseline</source>
        <translation>基准值</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="150"/>
        <source>Value</source>
        <translation>现状值</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="152"/>
        <source>Worst</source>
        <translation>最差值</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="153"/>
        <source>Best</source>
        <translation>最优值</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="154"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="155"/>
        <source>Fraction</source>
        <translation>得分率</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="157"/>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="159"/>
        <source>Max points</source>
        <translation>可得分</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="161"/>
        <source>Points lost</source>
        <translation>失分</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="165"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="167"/>
        <source>Cell</source>
        <translation>单元格</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="168"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="169"/>
        <source>Inspector</source>
        <translation>核查人</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="170"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="177"/>
        <source>% improvement</source>
        <translation>% 改善率</translation>
    </message>
</context>
<context>
    <name>CriteriaTreeModel</name>
    <message>
        <location filename="../views/templates_view.py" line="40"/>
        <source>Dimension / criterion</source>
        <extracomment>Role of a criterion row&apos;s first cell holding the Criterion, for the details below the tree. Widest the basis column is made, in pixels: the full text is in its tooltip and the details.</extracomment>
        <translation>维度 / 指标</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="41"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="42"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="43"/>
        <source>Side</source>
        <translation>协同侧</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="44"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="45"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="46"/>
        <source>Worst</source>
        <translation>最差值</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="47"/>
        <source>Best</source>
        <translation>最优值</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="48"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="49"/>
        <source>Flags</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="50"/>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="64"/>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="65"/>
        <source>n/a allowed</source>
        <translation>允许不适用</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="66"/>
        <source>veto</source>
        <translation>一票否决</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <location filename="../views/detail_view.py" line="180"/>
        <source>Score or override…</source>
        <extracomment>The criteria table&apos;s columns (CriteriaModel&apos;s order) the view places and sizes.</extracomment>
        <translation>评分或调整…</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="182"/>
        <source>Give the selected criterion a fraction between 0 and 1, with your name and a reason</source>
        <translation>为所选指标给出 0 到 1 之间的得分率，并填写姓名和理由</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="184"/>
        <source>Withdraw override…</source>
        <translation>撤销调整…</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="267"/>
        <source>Issues</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="244"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="185"/>
        <source>Versions…</source>
        <translation>版本…</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="187"/>
        <source>Every version of this project&apos;s submission, and what each changed</source>
        <translation>该项目申报材料的每个版本，以及每版改动了什么</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="188"/>
        <source>Points lost</source>
        <translation>失分</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="190"/>
        <source>Gap to the next grade</source>
        <translation>距下一等级的差距</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="191"/>
        <source>What-if (not saved)</source>
        <translation>假设试算（不保存）</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="192"/>
        <source>New value:</source>
        <translation>新现状值：</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="193"/>
        <source>New baseline:</source>
        <translation>新基准值：</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="194"/>
        <source>Or a fraction:</source>
        <translation>或得分率：</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="195"/>
        <source>a number, yes/no or a choice, as in the form</source>
        <translation>数字、是/否或选项，与申报表的填法相同</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="196"/>
        <source>empty: the submitted baseline</source>
        <translation>留空：使用申报的基准值</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="197"/>
        <source>0 = worst, 1 = best</source>
        <translation>0 = 最差，1 = 最优</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="198"/>
        <source>Try</source>
        <translation>试算</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="200"/>
        <source>Rescore this project with the new input; the workspace is not changed</source>
        <translation>用新的输入重新计算本项目；工作区不作改动</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="201"/>
        <source>Reset</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="202"/>
        <source>Keep as override…</source>
        <translation>保存为人工调整…</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="203"/>
        <source>Record the fractions tried here as overrides, with a reason</source>
        <translation>把此处试算的得分率记为人工调整（须填写理由）</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="245"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="246"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="282"/>
        <source>Choose a project in the Results tab.</source>
        <translation>请在“结果”页选择一个项目。</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="286"/>
        <source>Veto</source>
        <translation>一票否决</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="287"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="288"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="289"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="290"/>
        <source>Base</source>
        <translation>基础分</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="291"/>
        <source>bonus</source>
        <translation>加分</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="292"/>
        <source>penalty</source>
        <translation>扣分</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="293"/>
        <source>Synergy D</source>
        <translation>协同度 D</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="329"/>
        <source>What-if, not saved — as scored: total {total}, grade {grade}, rank {rank}</source>
        <translation>试算结果，未保存——实际评分：总分 {total}，等级 {grade}，排名 {rank}</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="350"/>
        <source>How it was worked out</source>
        <translation>计算过程</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="357"/>
        <source>How {code} was worked out</source>
        <translation>{code} 的计算过程</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="364"/>
        <source>Try another input for {code} {indicator}:</source>
        <translation>为 {code} {indicator} 试算其他输入：</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="385"/>
        <source>Tried: {changes}</source>
        <translation>已试算：{changes}</translation>
    </message>
    <message>
        <location filename="../views/detail_view.py" line="458"/>
        <source>What-if: {change}</source>
        <translation>试算：{change}</translation>
    </message>
</context>
<context>
    <name>DisagreementsModel</name>
    <message>
        <location filename="../models/disagreements.py" line="72"/>
        <source>Scheme</source>
        <translation>评估方案</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="61"/>
        <source>Project ID</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="62"/>
        <source>Name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="63"/>
        <source>Criterion</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="67"/>
        <source>Inspectors</source>
        <translation>核查人数</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="68"/>
        <source>Spread</source>
        <translation>极差</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="69"/>
        <source>Disagreement</source>
        <translation>意见分歧</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="70"/>
        <source>Score used</source>
        <translation>采用得分率</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="71"/>
        <source>Consensus</source>
        <translation>共识</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="193"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="203"/>
        <source>consensus</source>
        <translation>共识</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="204"/>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="205"/>
        <source>mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location filename="../models/disagreements.py" line="206"/>
        <source>single score</source>
        <translation>单人评分</translation>
    </message>
</context>
<context>
    <name>DisagreementsView</name>
    <message>
        <location filename="../views/disagreements_view.py" line="90"/>
        <source>Criteria that several inspectors scored. The spread is the highest score minus the lowest; above the threshold it is a disagreement. Until a supervisor records a consensus, the median (or mean) of the inspectors&apos; scores is used.</source>
        <extracomment>Widest a column starts (pixels); the whole text is in the row&apos;s tooltip.</extracomment>
        <translation>多位核查人评分的指标。极差为最高分减最低分，超过阈值即为意见分歧。在负责人记录共识之前，采用各核查人评分的中位数（或平均值）。</translation>
    </message>
    <message>
        <location filename="../views/disagreements_view.py" line="95"/>
        <source>Score used until a consensus:</source>
        <translation>形成共识前采用：</translation>
    </message>
    <message>
        <location filename="../views/disagreements_view.py" line="96"/>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location filename="../views/disagreements_view.py" line="97"/>
        <source>Mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location filename="../views/disagreements_view.py" line="98"/>
        <source>Only disagreements</source>
        <translation>仅显示意见分歧</translation>
    </message>
    <message>
        <location filename="../views/disagreements_view.py" line="99"/>
        <source>Record consensus…</source>
        <translation>记录共识…</translation>
    </message>
    <message>
        <location filename="../views/disagreements_view.py" line="101"/>
        <source>Record the agreed fraction of the chosen criterion, with a reason</source>
        <translation>为所选指标记录商定的得分率及理由</translation>
    </message>
    <message>
        <location filename="../views/disagreements_view.py" line="149"/>
        <source>Disagreement: spread above {threshold}</source>
        <translation>意见分歧：极差大于 {threshold}</translation>
    </message>
    <message>
        <location filename="../views/disagreements_view.py" line="152"/>
        <source>Criteria: {count} · Disagreements: {disagreements}</source>
        <translation>指标：{count} · 意见分歧：{disagreements}</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../views/help_view.py" line="55"/>
        <source>User guide</source>
        <extracomment>The guide in each interface language (docs/gui.zh.md is the Chinese translation of docs/gui.md). The heading each tab&apos;s F1 opens at, per language (the tab&apos;s key → heading).</extracomment>
        <translation>用户指南</translation>
    </message>
    <message>
        <location filename="../views/help_view.py" line="58"/>
        <source>The user guide is missing: {path}</source>
        <translation>找不到用户指南：{path}</translation>
    </message>
</context>
<context>
    <name>ImportProgress</name>
    <message>
        <location filename="../views/import_views.py" line="51"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="66"/>
        <source>File {done} of {total}: {name}</source>
        <translation>第 {done}/{total} 个文件：{name}</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="67"/>
        <source>Workspace {done} of {total}: {name}</source>
        <translation>第 {done}/{total} 个工作区：{name}</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="68"/>
        <source>Scoring scheme {done} of {total}: {name}</source>
        <translation>正在评分：第 {done}/{total} 个方案：{name}</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="69"/>
        <source>Writing demo form {done} of {total}: {name}</source>
        <translation>正在生成示例申报表 {done}/{total}：{name}</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="70"/>
        <source>{name}: sheet {done} of {total}</source>
        <translation>{name}：第 {done}/{total} 张工作表</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="71"/>
        <source>{name}: page {done} of about {total}</source>
        <translation>{name}：第 {done} 页，共约 {total} 页</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="72"/>
        <source>Scoring round {done} of {total}: {name}</source>
        <translation>正在评分：第 {done}/{total} 轮：{name}</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="78"/>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="79"/>
        <source>Creating {name}…</source>
        <translation>正在创建 {name}…</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="80"/>
        <source>Preparing {name}…</source>
        <translation>正在准备 {name}…</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="81"/>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="95"/>
        <source>{done}/{total}: {name}</source>
        <translation>{done}/{total}：{name}</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="104"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../views/import_views.py" line="148"/>
        <location filename="../views/import_views.py" line="180"/>
        <source>Import report</source>
        <extracomment>Widest a report column is made, in pixels, so that What to do stays in view.</extracomment>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="149"/>
        <source>Double-click a row to see the file, sheet and cell and what to do, or a resubmitted file&apos;s versions side by side. Hover over a cell to read it in full.</source>
        <translation>双击一行可查看文件、工作表、单元格及处理办法，或并排查看重新提交文件的各个版本。鼠标悬停可查看单元格的完整内容。</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="152"/>
        <source>Versions…</source>
        <translation>版本…</translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="175"/>
        <source>Refused files</source>
        <translation>拒收文件</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/import_views.py" line="177"/>
        <source>%n refused file(s) in this workspace: the latest refusal of each, until an import of the same file takes it.</source>
        <translation>
            <numerusform>本工作区共有 %n 个拒收文件：每个文件列出最近一次拒收，直到再次导入同一文件并被接收为止。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/import_views.py" line="183"/>
        <source>%n file(s) read: {new} imported, {resubmitted} resubmitted with differences, {unchanged} unchanged, {rejected} rejected.</source>
        <translation>
            <numerusform>共读取 %n 个文件：新导入 {new} 个，重新报送且有变化 {resubmitted} 个，未变化 {unchanged} 个，拒收 {rejected} 个。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../views/import_views.py" line="193"/>
        <source>%n file(s) of the folders not read (not a spreadsheet kind the importer reads, or a lock file); the table says why.</source>
        <translation>
            <numerusform>文件夹中有 %n 个文件未读取（不是可导入的电子表格类型，或是锁定文件）；原因见下表。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/import_views.py" line="196"/>
        <source>The import was cancelled; the files read before are kept.</source>
        <translation>导入已取消；取消前读取的文件已保存。</translation>
    </message>
</context>
<context>
    <name>ImportReportModel</name>
    <message numerus="yes">
        <location filename="../models/tables.py" line="251"/>
        <source>version {version}: %n change(s); double-click to see them side by side</source>
        <translation>
            <numerusform>第 {version} 版：%n 处变化；双击可并排查看</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="286"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="291"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="292"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="293"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="294"/>
        <source>Cell</source>
        <translation>单元格</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="296"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="298"/>
        <source>What to do</source>
        <translation>处理办法</translation>
    </message>
</context>
<context>
    <name>LocationDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="392"/>
        <source>Where the problem is</source>
        <translation>问题所在位置</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="396"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="397"/>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="398"/>
        <source>Cell:</source>
        <translation>单元格：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="399"/>
        <source>Problem:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="402"/>
        <source>What to do:</source>
        <translation>处理办法：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="123"/>
        <source>Add a scheme</source>
        <extracomment>The window&apos;s size at a first start, where the screen allows it.</extracomment>
        <translation>添加方案</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="141"/>
        <source>Could not add the scheme</source>
        <translation>无法添加方案</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="155"/>
        <source>Save a blank submission form</source>
        <translation>保存空白申报表</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="155"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="159"/>
        <source>Blank form written: {path}</source>
        <translation>已生成空白申报表：{path}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="210"/>
        <source>SynergyPilot {version}
SynergyPilot scores pollution–carbon synergy pilot projects from Excel submissions.
Data folder: {folder}</source>
        <translation>SynergyPilot {version}
SynergyPilot 根据 Excel 申报表对减污降碳协同试点项目进行评分。
数据文件夹：{folder}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="197"/>
        <location filename="../main_window.py" line="201"/>
        <source>Data and log folder: {folder}</source>
        <translation>数据与日志文件夹：{folder}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="200"/>
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="204"/>
        <source>About SynergyPilot</source>
        <translation>关于 SynergyPilot</translation>
    </message>
</context>
<context>
    <name>MergeReportDialog</name>
    <message>
        <location filename="../views/merge_views.py" line="18"/>
        <source>Merge report</source>
        <translation>合并报告</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="42"/>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="43"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="44"/>
        <source>New projects</source>
        <translation>新项目</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="45"/>
        <source>New versions</source>
        <translation>新版本</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="46"/>
        <source>Already here</source>
        <translation>已存在</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="47"/>
        <source>Inspectors&apos; scores</source>
        <translation>核查人评分</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="48"/>
        <source>Inspectors</source>
        <translation>核查人</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="49"/>
        <source>Withdrawals</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="50"/>
        <source>Consensus records</source>
        <translation>共识记录</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="51"/>
        <source>Notes</source>
        <translation>证据备注</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="52"/>
        <source>Refused files</source>
        <translation>拒收文件</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/merge_views.py" line="55"/>
        <source>%n workspace(s) merged into {name}.</source>
        <translation>
            <numerusform>已将 %n 个工作区并入 {name}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="59"/>
        <source>The merge was cancelled; the workspaces listed were merged, the others not.</source>
        <translation>合并已取消：所列工作区已合并，其余未合并。</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="64"/>
        <source>{reconciled} criteria now have scores from several inspectors, {disagreements} of them with a disagreement. The Disagreements tab lists them and records a consensus.</source>
        <translation>现有 {reconciled} 项指标有多位核查人评分，其中 {disagreements} 项意见分歧。可在“意见分歧”页查看并记录共识。</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="71"/>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location filename="../views/merge_views.py" line="71"/>
        <source>Nothing new</source>
        <translation>无新内容</translation>
    </message>
</context>
<context>
    <name>NavigatorView</name>
    <message>
        <location filename="../views/navigator.py" line="34"/>
        <source>Level / scheme</source>
        <translation>层级 / 方案</translation>
    </message>
    <message>
        <location filename="../views/navigator.py" line="34"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../models/tables.py" line="334"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="335"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="336"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../models/tables.py" line="337"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>ReportSettingsDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="359"/>
        <source>Report sign-off</source>
        <translation>报告签批设置</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="361"/>
        <source>Printed on the PDF report&apos;s cover, after each ranking and under the workbook&apos;s ranked sheets, with signature and date lines and a box for the seal.</source>
        <translation>打印在 PDF 报告封面、每个排名表之后以及工作簿各排名表下方，并附签字、日期栏和盖章框。</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../models/results.py" line="56"/>
        <source>Rank</source>
        <extracomment>Columns whose first click sorts highest first.</extracomment>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../models/results.py" line="57"/>
        <source>Project ID</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <location filename="../models/results.py" line="58"/>
        <source>Name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../models/results.py" line="59"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../models/results.py" line="60"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../models/results.py" line="61"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../models/results.py" line="63"/>
        <source>Provisional</source>
        <translation>暂定</translation>
    </message>
    <message>
        <location filename="../models/results.py" line="64"/>
        <source>Pending</source>
        <translation>待评分</translation>
    </message>
    <message>
        <location filename="../models/results.py" line="67"/>
        <source>Synergy D</source>
        <translation>协同度 D</translation>
    </message>
    <message>
        <location filename="../models/results.py" line="65"/>
        <source>Veto</source>
        <translation>一票否决</translation>
    </message>
    <message>
        <location filename="../models/results.py" line="66"/>
        <source>Issues</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <location filename="../views/results_view.py" line="121"/>
        <source>Select two to four projects (Ctrl+click or Shift+click), then compare them side by side (Ctrl+K)</source>
        <translation>选择二至四个项目（Ctrl+单击或 Shift+单击），然后并列比较（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="119"/>
        <source>Compare…</source>
        <translation>比较…</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="115"/>
        <source>Grade:</source>
        <extracomment>Rank, project ID and name: the columns that stay in view when scrolling right. The region filter&apos;s data for a province heading (no region&apos;s text starts with a NUL). The Compare button: the window compares the selected projects.</extracomment>
        <translation>等级：</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="116"/>
        <source>Region:</source>
        <translation>地区：</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="117"/>
        <source>Search ID, name, region…</source>
        <translation>搜索编号、名称、地区…</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="118"/>
        <source>Provisional only</source>
        <translation>只看暂定</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="124"/>
        <source>Show only the projects whose result may still change: manual criteria not yet scored or penalty items left blank</source>
        <translation>只显示结果仍可能变化的项目：尚有人工评分指标未评分或扣分项未填写</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="148"/>
        <source>All grades</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="165"/>
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <location filename="../views/results_view.py" line="189"/>
        <source>{shown} of {total} projects</source>
        <translation>显示 {shown} / 共 {total} 个项目</translation>
    </message>
</context>
<context>
    <name>RobustnessView</name>
    <message>
        <location filename="../views/robustness_view.py" line="147"/>
        <source>Random weightings:</source>
        <translation>随机权重组数：</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="147"/>
        <source>Weight change up to ±:</source>
        <translation>权重变动幅度 ±：</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="148"/>
        <source>Cut-off, top:</source>
        <translation>分界线（前几名）：</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="148"/>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="148"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="153"/>
        <source>Uniform factor per weight</source>
        <translation>每项权重乘以均匀随机系数</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="154"/>
        <source>Dirichlet around the template</source>
        <translation>围绕模板权重的狄利克雷分布</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="156"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="157"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="158"/>
        <source>How many random weightings to rank the projects under</source>
        <translation>在多少组随机权重下对项目重新排名</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="160"/>
        <source>Each score weight is multiplied by a random factor within this range</source>
        <translation>每项得分权重乘以该范围内的随机系数</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="221"/>
        <source>Choose the settings and press Run.</source>
        <translation>选择设置后按“运行”。</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="221"/>
        <source>No projects</source>
        <translation>没有项目</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="242"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="243"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="244"/>
        <source>Name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="245"/>
        <source>Median rank</source>
        <translation>名次中位数</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="246"/>
        <source>Rank 5–95%</source>
        <translation>名次（5%–95%分位）</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="248"/>
        <source>In top {k}</source>
        <translation>进入前{k}名</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="250"/>
        <source>Keeps grade</source>
        <translation>保持等级</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="252"/>
        <source>TOPSIS rank</source>
        <translation>TOPSIS名次</translation>
    </message>
    <message>
        <location filename="../views/robustness_view.py" line="283"/>
        <source>The robustness study failed</source>
        <translation>稳健性分析失败</translation>
    </message>
</context>
<context>
    <name>RoundChoiceDialog</name>
    <message>
        <location filename="../views/round_dialog.py" line="28"/>
        <source>Assessment round</source>
        <translation>评估轮次</translation>
    </message>
    <message>
        <location filename="../views/round_dialog.py" line="32"/>
        <source>By each form&apos;s year (new years make new rounds)</source>
        <translation>按各申报表的年份（新的年份自动新建轮次）</translation>
    </message>
    <message>
        <location filename="../views/round_dialog.py" line="37"/>
        <source>A pilot is assessed again each year: its forms of another year go to another round and are compared in the Tracking tab. Choose where these forms go, or type the name of a new round (with its year, e.g. 2025 mid-term).</source>
        <translation>试点每年接受一次跟踪评估：不同年份的申报表归入不同的评估轮次，并在“跟踪评估”页中比较。请选择这些申报表归入的轮次，或输入新轮次的名称（含年份，如“2025 中期评估”）。</translation>
    </message>
    <message>
        <location filename="../views/round_dialog.py" line="44"/>
        <source>Round:</source>
        <translation>评估轮次：</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="303"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="309"/>
        <source>Your name, recorded with every score you give</source>
        <translation>您的姓名，会随每次评分一起记录</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="313"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="314"/>
        <source>Inspector name:</source>
        <translation>核查人姓名：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="315"/>
        <source>Import from:</source>
        <translation>导入文件夹：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="316"/>
        <source>Export to:</source>
        <translation>导出文件夹：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="323"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="332"/>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>TemplatesView</name>
    <message>
        <location filename="../views/templates_view.py" line="148"/>
        <source>Add scheme from Excel…</source>
        <translation>从 Excel 添加方案…</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="149"/>
        <source>Generate blank form…</source>
        <translation>生成空白申报表…</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="169"/>
        <source>Choose a scheme in the navigator.</source>
        <translation>请在左侧导航中选择一个方案。</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="173"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; version {version} · {level} · {count} criteria · {points:g} points</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; 版本 {version} · {level} · {count} 项指标 · 满分 {points:g}</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="193"/>
        <source>Select a criterion to see its guidance and basis.</source>
        <translation>选择一项指标以查看其填报说明和依据。</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="197"/>
        <source>Guidance:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="198"/>
        <source>Basis:</source>
        <translation>依据：</translation>
    </message>
    <message>
        <location filename="../views/templates_view.py" line="203"/>
        <source>not given in this template</source>
        <translation>本模板未给出</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/templates_view.py" line="213"/>
        <source>{source} was refused: %n problem(s)</source>
        <translation>
            <numerusform>{source} 未通过校验：共 %n 个问题</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrackingView</name>
    <message>
        <location filename="../views/tracking_view.py" line="137"/>
        <source>Compare rounds:</source>
        <extracomment>The project name&apos;s column (scoring.analysis.tracking.table_header&apos;s order).</extracomment>
        <translation>比较轮次：</translation>
    </message>
    <message>
        <location filename="../views/tracking_view.py" line="138"/>
        <source>Trend lines of:</source>
        <translation>趋势线：</translation>
    </message>
    <message>
        <location filename="../views/tracking_view.py" line="139"/>
        <source>Select projects in the table to draw their trend lines; double-click one to open it.</source>
        <translation>在表中选择项目即可绘制其趋势线；双击项目可打开其详情。</translation>
    </message>
    <message>
        <location filename="../views/tracking_view.py" line="182"/>
        <source>No projects of this scheme in any round.</source>
        <translation>该评估方案在各轮次中都没有项目。</translation>
    </message>
    <message>
        <location filename="../views/tracking_view.py" line="186"/>
        <source>The workspace holds one assessment round. Import the next round&apos;s forms (a year later) to see which pilots improved.</source>
        <translation>工作区只有一个评估轮次。导入下一轮（一年后）的申报表，即可看到哪些试点有所进步。</translation>
    </message>
    <message>
        <location filename="../views/tracking_view.py" line="194"/>
        <source>{scheme}: from {a} to {b}, {rose} of the {both} pilots assessed in both rounds improved their total and {fell} fell.</source>
        <translation>{scheme}：从 {a} 到 {b}，两轮均参评的 {both} 个试点中 {rose} 个总分上升、{fell} 个下降。</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/tracking_view.py" line="200"/>
        <source>%n pilot(s) assessed in only one of them.</source>
        <translation>
            <numerusform>另有 %n 个试点只参加了其中一轮。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/tracking_view.py" line="205"/>
        <source>Lining up every round (see the progress below)…</source>
        <translation>正在逐轮评分并对齐各轮结果（进度见下方状态栏）…</translation>
    </message>
    <message>
        <location filename="../views/tracking_view.py" line="206"/>
        <source>Lining up the rounds was stopped; open the tab again to start again.</source>
        <translation>各轮对齐已停止；重新打开此标签页即可重新开始。</translation>
    </message>
</context>
<context>
    <name>VersionDialog</name>
    <message>
        <location filename="../views/weights_view.py" line="294"/>
        <source>Export as a new scheme version</source>
        <translation>导出为新版本评估方案</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="297"/>
        <source>The weights tried here are written into a new template workbook, the same scheme {name} but for the weights of {codes} and the version. The template {version} itself does not change. Add the new workbook to a workspace to score with it.</source>
        <translation>此处试用的权重将写入一个新的模板工作簿：除 {codes} 的权重和版本号外，与评估方案 {name} 完全相同。模板 {version} 本身不作任何修改。将新工作簿添加到工作区后即可用其评分。</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="306"/>
        <source>Why the weights change: who decided, which meeting or document…</source>
        <translation>修改权重的理由：由谁决定、依据哪次会议或哪份文件…</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="311"/>
        <source>New version:</source>
        <translation>新版本号：</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="312"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="320"/>
        <source>The new version needs a name other than {version}.</source>
        <translation>新版本号须不同于 {version}。</translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message>
        <location filename="../views/versions_view.py" line="78"/>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="79"/>
        <source>Compare version</source>
        <translation>比较版本</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="80"/>
        <source>with version</source>
        <translation>与版本</translation>
    </message>
    <message numerus="yes">
        <location filename="../views/versions_view.py" line="93"/>
        <source>{project}: %n version(s); select one to compare it with the one before, or choose any two below</source>
        <translation>
            <numerusform>{project}：共 %n 个版本；选择一个版本与其上一版本比较，或在下方任选两个版本比较</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="97"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="98"/>
        <source>Round</source>
        <translation>评估轮次</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="99"/>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="100"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="101"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="103"/>
        <source>Changes</source>
        <translation>改动数</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="104"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="105"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="111"/>
        <source>{version} ({file})</source>
        <translation>{version}（{file}）</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="118"/>
        <source>In the form: {value}</source>
        <translation>申报表中填写为：{value}</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="135"/>
        <source>Value</source>
        <translation>现状值</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="135"/>
        <source>Baseline</source>
        <translation>基准值</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="136"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="138"/>
        <source>Criterion</source>
        <translation>指标编号</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="139"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="141"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="144"/>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="146"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="148"/>
        <source>Old points</source>
        <translation>原得分</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="149"/>
        <source>New points</source>
        <translation>新得分</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="162"/>
        <source>The first version: nothing to compare with.</source>
        <translation>这是第一个版本，没有可比较的版本。</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="163"/>
        <source>The same version on both sides: choose another to compare with.</source>
        <translation>两侧为同一版本：请另选一个版本进行比较。</translation>
    </message>
    <message>
        <location filename="../views/versions_view.py" line="165"/>
        <source>Version {old} → {new}: total {before} → {after}, grade {grade_before} → {grade_after}</source>
        <translation>第 {old} 版 → 第 {new} 版：总分 {before} → {after}，等级 {grade_before} → {grade_after}</translation>
    </message>
</context>
<context>
    <name>WeightsRankingModel</name>
    <message>
        <location filename="../views/weights_view.py" line="130"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="131"/>
        <source>Moved</source>
        <translation>名次变化</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="132"/>
        <source>Project ID</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="133"/>
        <source>Name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="134"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="135"/>
        <source>As scored</source>
        <translation>原评分</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="136"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="137"/>
        <source>Provisional</source>
        <translation>暂定</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="183"/>
        <source>A must-pass criterion is not met: ranked last whatever the weights</source>
        <translation>一票否决指标未达标：无论权重如何均排在最后</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="190"/>
        <source>As scored: {grade}</source>
        <translation>原等级：{grade}</translation>
    </message>
</context>
<context>
    <name>WeightsView</name>
    <message>
        <location filename="../views/weights_view.py" line="404"/>
        <source>Dimension / criterion</source>
        <extracomment>The weights tried, per scheme, kept while the window is open. (share, change) texts of each tree row by key, read by WeightRow when painted.</extracomment>
        <translation>维度 / 指标</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="404"/>
        <source>Template</source>
        <translation>模板权重</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="404"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="405"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="405"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="406"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="407"/>
        <source>Back to the template&apos;s weights</source>
        <translation>恢复模板权重</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="408"/>
        <source>Export as new version…</source>
        <translation>导出为新版本…</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="410"/>
        <source>Write a new template workbook with these weights, a new version name and the reason</source>
        <translation>以当前权重、新版本号和理由写出新的模板工作簿</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="508"/>
        <source>Bonus and penalty items (points)</source>
        <translation>加分项与扣分项（分值）</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="602"/>
        <source>No scheme chosen</source>
        <translation>未选择评估方案</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="607"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; · version {version} · weights tried here are not saved</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · 版本 {version} · 此处试用的权重不会保存</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="613"/>
        <source>These are the template&apos;s weights. Change a weight (type it, or click a box and use the arrow keys or the mouse wheel) and the ranking on the right follows at once.</source>
        <translation>当前为模板权重。修改任一权重（直接输入，或点击输入框后使用方向键或鼠标滚轮），右侧排名随即更新。</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="617"/>
        <source>Weights changed from the template&apos;s: {count} (highlighted).</source>
        <translation>与模板不同的权重：{count} 项（已高亮）。</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="624"/>
        <source>{moved} of {total} projects change rank, {regraded} change grade.</source>
        <translation>{total} 个项目中有 {moved} 个名次变化，{regraded} 个等级变化。</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="627"/>
        <source>The score criteria&apos;s weights add up to 0: every base is 0.</source>
        <translation>计分指标权重合计为 0：所有项目基础分均为 0。</translation>
    </message>
    <message>
        <location filename="../views/weights_view.py" line="628"/>
        <source>Reset returns to the template; Export as new version… keeps them.</source>
        <translation>“重置”恢复模板权重；“导出为新版本…”可保留这些权重。</translation>
    </message>
</context>
<context>
    <name>WindowAssessing</name>
    <message>
        <location filename="../window/assessing.py" line="112"/>
        <source>{code} {indicator}: {author}&apos;s score {fraction} ({points} points) is withdrawn; the criterion is scored again as without it.</source>
        <translation>{code} {indicator}：将撤回 {author} 的评分 {fraction}（{points} 分），该指标按无此评分重新计分。</translation>
    </message>
    <message>
        <location filename="../window/assessing.py" line="132"/>
        <source>Undo by {who} of: {what}</source>
        <translation>{who} 撤销：{what}</translation>
    </message>
    <message>
        <location filename="../window/assessing.py" line="147"/>
        <source>No criterion is waiting for an on-site score.</source>
        <translation>没有待现场评分的指标。</translation>
    </message>
    <message>
        <location filename="../window/assessing.py" line="227"/>
        <source>Could not change the setting</source>
        <translation>无法更改设置</translation>
    </message>
    <message>
        <location filename="../window/assessing.py" line="236"/>
        <source>Select two to four projects in Results (Ctrl+click or Shift+click) to compare them.</source>
        <translation>请在“结果”中选择二至四个项目（Ctrl+单击或 Shift+单击）后再比较。</translation>
    </message>
</context>
<context>
    <name>WindowExports</name>
    <message>
        <location filename="../window/exports.py" line="30"/>
        <location filename="../window/exports.py" line="113"/>
        <location filename="../window/exports.py" line="150"/>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="38"/>
        <source>The export was cancelled; nothing was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="44"/>
        <source>The export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="49"/>
        <source>Written: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="81"/>
        <source>Export the ranked workbook</source>
        <translation>导出排名工作簿</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="81"/>
        <location filename="../window/exports.py" line="95"/>
        <location filename="../window/exports.py" line="129"/>
        <location filename="../window/exports.py" line="139"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="88"/>
        <source>Export the PDF report</source>
        <translation>导出 PDF 报告</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="88"/>
        <location filename="../window/exports.py" line="102"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="94"/>
        <source>Export the tracking workbook</source>
        <translation>导出跟踪评估工作簿</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="101"/>
        <source>Export the tracking PDF</source>
        <translation>导出跟踪评估 PDF</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="128"/>
        <source>Export the scheme with these weights</source>
        <translation>按当前权重导出评估方案</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="139"/>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="159"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="159"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="160"/>
        <source>Export the chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="186"/>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="205"/>
        <source>print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="208"/>
        <source>Preparing the print preview…</source>
        <translation>正在准备打印预览…</translation>
    </message>
</context>
<context>
    <name>WindowImports</name>
    <message>
        <location filename="../window/imports.py" line="40"/>
        <source>Merge workspaces into this one</source>
        <translation>将工作区并入本工作区</translation>
    </message>
    <message>
        <location filename="../window/imports.py" line="53"/>
        <source>Merging workspaces…</source>
        <translation>正在合并工作区…</translation>
    </message>
    <message>
        <location filename="../window/imports.py" line="63"/>
        <source>Merge finished.</source>
        <translation>合并完成。</translation>
    </message>
    <message>
        <location filename="../window/imports.py" line="68"/>
        <source>The merge failed</source>
        <translation>合并失败</translation>
    </message>
    <message>
        <location filename="../window/imports.py" line="84"/>
        <source>Spreadsheets ({patterns})</source>
        <translation>电子表格 ({patterns})</translation>
    </message>
    <message>
        <location filename="../window/imports.py" line="87"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../window/imports.py" line="89"/>
        <source>Import submissions</source>
        <translation>导入申报文件</translation>
    </message>
    <message>
        <location filename="../window/imports.py" line="97"/>
        <source>Import a folder of submissions</source>
        <translation>导入申报文件夹</translation>
    </message>
    <message>
        <location filename="../window/imports.py" line="133"/>
        <source>Reading files…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../window/imports.py" line="144"/>
        <source>Preparing the demo data…</source>
        <translation>正在准备演示数据…</translation>
    </message>
    <message>
        <location filename="../window/imports.py" line="163"/>
        <source>Import finished: {new} new, {resubmitted} resubmitted, {rejected} rejected.</source>
        <translation>导入完成：新增 {new} 个，重新报送 {resubmitted} 个，拒收 {rejected} 个。</translation>
    </message>
    <message>
        <location filename="../window/imports.py" line="172"/>
        <source>The import failed</source>
        <translation>导入失败</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../window/menus.py" line="119"/>
        <source>&amp;New workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="120"/>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="121"/>
        <source>Save workspace &amp;as…</source>
        <translation>工作区另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="122"/>
        <source>&amp;Merge workspaces…</source>
        <translation>合并工作区(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="123"/>
        <source>Import &amp;files…</source>
        <translation>导入文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="124"/>
        <source>Import f&amp;older…</source>
        <translation>导入文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="125"/>
        <source>Add &amp;scheme from Excel…</source>
        <translation>从 Excel 添加方案(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="126"/>
        <source>Ranked &amp;workbook…</source>
        <translation>排名工作簿(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="127"/>
        <source>&amp;PDF report…</source>
        <translation>PDF 报告(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="128"/>
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="129"/>
        <source>Tracking &amp;workbook…</source>
        <translation>跟踪评估工作簿(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="130"/>
        <source>Trac&amp;king PDF…</source>
        <translation>跟踪评估 PDF(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="131"/>
        <source>P&amp;rint ranking…</source>
        <translation>打印排名(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="132"/>
        <source>Print pre&amp;view ranking…</source>
        <translation>打印预览排名(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="133"/>
        <source>Print pro&amp;ject page…</source>
        <translation>打印项目页(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="134"/>
        <source>Print preview project pa&amp;ge…</source>
        <translation>打印预览项目页(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="135"/>
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="136"/>
        <source>Report &amp;sign-off…</source>
        <translation>报告签批设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="137"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="138"/>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="139"/>
        <source>&amp;About SynergyPilot</source>
        <translation>关于 SynergyPilot(&amp;A)</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="140"/>
        <source>&amp;Next pending</source>
        <translation>下一项待评分(&amp;N)</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="141"/>
        <source>User &amp;guide</source>
        <translation>用户指南(&amp;G)</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="142"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="143"/>
        <source>&amp;Compare selected projects…</source>
        <translation>比较所选项目(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="148"/>
        <source>Import submission files (you can also drop files on the window)</source>
        <translation>导入申报文件（也可以把文件拖到窗口上）</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="150"/>
        <source>Bring inspectors&apos; workspaces into this one, keeping every score</source>
        <translation>将各核查人的工作区并入本工作区，保留每一项评分</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="151"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="152"/>
        <source>&amp;Recent workspaces</source>
        <translation>最近的工作区(&amp;R)</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="153"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="154"/>
        <source>&amp;Export and print</source>
        <translation>导出与打印(&amp;E)</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="155"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="156"/>
        <source>&amp;Assess</source>
        <translation>评分(&amp;A)</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="158"/>
        <source>Go to the next criterion waiting for an on-site score (Ctrl+N); Enter scores it</source>
        <translation>转到下一项待现场评分的指标（Ctrl+N）；按 Enter 评分</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="160"/>
        <source>Compare two to four projects selected in Results (Ctrl+click), criterion by criterion (Ctrl+K)</source>
        <translation>逐项比较在“结果”中选择的二至四个项目（Ctrl+单击选择；Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="161"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="162"/>
        <source>Round:</source>
        <translation>评估轮次：</translation>
    </message>
    <message>
        <location filename="../window/menus.py" line="163"/>
        <source>The assessment round shown in every tab but Tracking</source>
        <translation>除“跟踪评估”外各页显示的评估轮次</translation>
    </message>
</context>
<context>
    <name>WindowState</name>
    <message>
        <location filename="../window/state.py" line="151"/>
        <source>Open</source>
        <extracomment>How long scoring again after a step runs unannounced: most workspaces score in less. The start-up worker&apos;s :class:`gui.backend.Opened` once shown (None when nothing opened). The running import or export (one at a time; they share the progress bar). The files and folders of the last import as given: the report names files relative to them. The scores, overrides and withdrawals made since the window opened, last last: Undo (Ctrl+Z) takes them back one by one, each as a new audited score or withdrawal.</extracomment>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="152"/>
        <source>Open the file just written</source>
        <translation>打开刚写出的文件</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="153"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="156"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="157"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="158"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="159"/>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="160"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="161"/>
        <source>Robustness</source>
        <translation>稳健性</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="162"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="163"/>
        <source>Disagreements</source>
        <translation>意见分歧</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="164"/>
        <source>Tracking</source>
        <translation>跟踪评估</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="189"/>
        <source>Opened read-only: {reason}. Changes cannot be saved.</source>
        <translation>以只读方式打开：{reason}。无法保存修改。</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="234"/>
        <source>Scoring…</source>
        <translation>正在评分…</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="247"/>
        <source>Could not score the workspace</source>
        <translation>无法对工作区评分</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="253"/>
        <source>Please wait: the new scores are being worked out.</source>
        <translation>请稍候：正在计算新的评分结果。</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="303"/>
        <source>no workspace</source>
        <translation>无工作区</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="306"/>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="316"/>
        <source>Rejected files: {rejected}</source>
        <translation>拒收文件：{rejected}</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="318"/>
        <source>Projects: {projects} ·</source>
        <translation>项目：{projects} ·</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="320"/>
        <source>List the refused files: why, where and what to do</source>
        <translation>列出拒收文件：原因、位置和处理办法</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="322"/>
        <source>Pending: {pending} ({provisional} provisional projects)</source>
        <translation>待定：{pending} 项（{provisional} 个暂定项目）</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="326"/>
        <source>Show only the provisional projects</source>
        <translation>只显示结果为暂定的项目</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="377"/>
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="380"/>
        <source>Undo the last change: {what} (Ctrl+Z)</source>
        <translation>撤销上一次更改：{what}（Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="385"/>
        <source>{author}&apos;s score of {code} for {project}: {before} → {after}</source>
        <translation>{author} 对 {project} 的 {code} 评分：{before} → {after}</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="397"/>
        <source>Please wait: another task is running.</source>
        <translation>请稍候：另一项任务正在进行。</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="462"/>
        <source>Lining up every round…</source>
        <translation>正在逐轮评分并对齐…</translation>
    </message>
    <message>
        <location filename="../window/state.py" line="482"/>
        <source>Could not line the rounds up</source>
        <translation>无法对齐各轮结果</translation>
    </message>
</context>
<context>
    <name>WindowWorkspace</name>
    <message>
        <location filename="../window/workspace.py" line="93"/>
        <source>Please wait: another task is running.</source>
        <translation>请稍候：另一项任务正在进行。</translation>
    </message>
    <message>
        <location filename="../window/workspace.py" line="23"/>
        <source>SynergyPilot workspace (*.spw)</source>
        <translation>SynergyPilot 工作区 (*.spw)</translation>
    </message>
    <message>
        <location filename="../window/workspace.py" line="28"/>
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <location filename="../window/workspace.py" line="36"/>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location filename="../window/workspace.py" line="53"/>
        <source>Opening the workspace…</source>
        <translation>正在打开工作区…</translation>
    </message>
    <message>
        <location filename="../window/workspace.py" line="75"/>
        <source>Save workspace as</source>
        <translation>工作区另存为</translation>
    </message>
    <message>
        <location filename="../window/workspace.py" line="86"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../views/dialogs.py" line="227"/>
        <source>Withdraw the score of {code}</source>
        <translation>撤回 {code} 的评分</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="235"/>
        <source>Inspector:</source>
        <translation>核查人：</translation>
    </message>
    <message>
        <location filename="../views/dialogs.py" line="236"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../app.py" line="81"/>
        <location filename="../window/workspace.py" line="33"/>
        <location filename="../window/workspace.py" line="69"/>
        <location filename="../window/workspace.py" line="90"/>
        <source>Could not open the workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message numerus="yes">
        <location filename="../errors.py" line="59"/>
        <source>The template is not valid (%n problem(s)).</source>
        <translation>
            <numerusform>模板无效（共 %n 个问题）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../errors.py" line="68"/>
        <source>The file {name} could not be used: {reason}</source>
        <translation>无法使用文件 {name}：{reason}</translation>
    </message>
    <message>
        <location filename="../errors.py" line="128"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../errors.py" line="129"/>
        <source>Something went wrong: {message}
Your work is saved; the details are in {log}.</source>
        <translation>出现了问题：{message}
您的工作已保存；详细信息见 {log}。</translation>
    </message>
    <message>
        <location filename="../window/workspace.py" line="25"/>
        <source>Could not create the workspace</source>
        <translation>无法创建工作区</translation>
    </message>
    <message>
        <location filename="../window/workspace.py" line="72"/>
        <source>Could not save the workspace</source>
        <translation>无法保存工作区</translation>
    </message>
    <message>
        <location filename="../window/assessing.py" line="32"/>
        <location filename="../window/assessing.py" line="65"/>
        <source>Could not record the score</source>
        <translation>无法记录评分</translation>
    </message>
    <message>
        <location filename="../window/assessing.py" line="86"/>
        <source>Could not withdraw the override</source>
        <translation>无法撤销调整</translation>
    </message>
    <message>
        <location filename="../window/imports.py" line="197"/>
        <location filename="../window/imports.py" line="221"/>
        <source>Could not show the versions</source>
        <translation>无法显示版本</translation>
    </message>
    <message>
        <location filename="../window/assessing.py" line="118"/>
        <source>Could not undo</source>
        <translation>无法撤销</translation>
    </message>
    <message>
        <location filename="../window/assessing.py" line="203"/>
        <source>Could not record the consensus</source>
        <translation>无法记录共识</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="148"/>
        <source>Could not write the form</source>
        <translation>无法生成申报表</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="78"/>
        <location filename="../window/exports.py" line="92"/>
        <source>Could not export the workbook</source>
        <translation>无法导出工作簿</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="86"/>
        <location filename="../window/exports.py" line="99"/>
        <source>Could not export the PDF report</source>
        <translation>无法导出 PDF 报告</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="118"/>
        <source>Could not export the scheme version</source>
        <translation>无法导出新版本评估方案</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="136"/>
        <source>Could not export the audit log</source>
        <translation>无法导出审计日志</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="156"/>
        <source>Could not export the chart</source>
        <translation>无法导出图表</translation>
    </message>
    <message>
        <location filename="../window/exports.py" line="222"/>
        <location filename="../window/exports.py" line="236"/>
        <location filename="../window/exports.py" line="240"/>
        <source>Could not print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="174"/>
        <source>Could not save the report settings</source>
        <translation>无法保存报告签批设置</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../labels.py" line="27"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../labels.py" line="28"/>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../labels.py" line="29"/>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../labels.py" line="30"/>
        <source>Invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../labels.py" line="31"/>
        <source>Pending</source>
        <translation>待评分</translation>
    </message>
    <message>
        <location filename="../labels.py" line="34"/>
        <source>Overridden</source>
        <translation>已调整</translation>
    </message>
    <message>
        <location filename="../labels.py" line="35"/>
        <source>Scored</source>
        <translation>已评分</translation>
    </message>
    <message>
        <location filename="../labels.py" line="38"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../labels.py" line="39"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../labels.py" line="40"/>
        <source>Industrial park</source>
        <translation>产业园区</translation>
    </message>
    <message>
        <location filename="../labels.py" line="41"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../labels.py" line="44"/>
        <source>Value</source>
        <translation>数值型</translation>
    </message>
    <message>
        <location filename="../labels.py" line="45"/>
        <source>Change</source>
        <translation>变化率</translation>
    </message>
    <message>
        <location filename="../labels.py" line="46"/>
        <source>Yes/no</source>
        <translation>是/否</translation>
    </message>
    <message>
        <location filename="../labels.py" line="47"/>
        <source>Choice</source>
        <translation>选项</translation>
    </message>
    <message>
        <location filename="../labels.py" line="48"/>
        <source>Manual</source>
        <translation>人工评分</translation>
    </message>
    <message>
        <location filename="../labels.py" line="51"/>
        <source>Score</source>
        <translation>计分项</translation>
    </message>
    <message>
        <location filename="../labels.py" line="52"/>
        <source>Bonus</source>
        <translation>加分项</translation>
    </message>
    <message>
        <location filename="../labels.py" line="53"/>
        <source>Penalty</source>
        <translation>扣分项</translation>
    </message>
    <message>
        <location filename="../labels.py" line="56"/>
        <source>Higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <location filename="../labels.py" line="57"/>
        <source>Lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <location filename="../labels.py" line="60"/>
        <source>Pollution</source>
        <translation>减污</translation>
    </message>
    <message>
        <location filename="../labels.py" line="61"/>
        <source>Carbon</source>
        <translation>降碳</translation>
    </message>
    <message>
        <location filename="../labels.py" line="62"/>
        <source>Both</source>
        <translation>协同</translation>
    </message>
    <message>
        <location filename="../labels.py" line="63"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../labels.py" line="66"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../labels.py" line="67"/>
        <source>Resubmitted</source>
        <translation>重新报送</translation>
    </message>
    <message>
        <location filename="../labels.py" line="68"/>
        <source>Unchanged</source>
        <translation>未变化</translation>
    </message>
    <message>
        <location filename="../labels.py" line="69"/>
        <source>Rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <location filename="../labels.py" line="71"/>
        <source>Not read</source>
        <translation>未读取</translation>
    </message>
    <message>
        <location filename="../labels.py" line="72"/>
        <source>Issue</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../labels.py" line="75"/>
        <source>Unreadable file</source>
        <translation>文件无法读取</translation>
    </message>
    <message>
        <location filename="../labels.py" line="76"/>
        <source>Encrypted file</source>
        <translation>文件已加密</translation>
    </message>
    <message>
        <location filename="../labels.py" line="77"/>
        <source>File too large</source>
        <translation>文件过大</translation>
    </message>
    <message>
        <location filename="../labels.py" line="78"/>
        <source>Unsafe content</source>
        <translation>内容不安全</translation>
    </message>
    <message>
        <location filename="../labels.py" line="79"/>
        <source>Not a submission form</source>
        <translation>不是申报表</translation>
    </message>
    <message>
        <location filename="../labels.py" line="80"/>
        <source>No project ID</source>
        <translation>缺少项目编号</translation>
    </message>
    <message>
        <location filename="../labels.py" line="81"/>
        <source>No matching scheme</source>
        <translation>没有匹配的方案</translation>
    </message>
    <message>
        <location filename="../labels.py" line="82"/>
        <source>Duplicate project</source>
        <translation>项目重复</translation>
    </message>
    <message>
        <location filename="../labels.py" line="85"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../labels.py" line="86"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../labels.py" line="87"/>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../labels.py" line="122"/>
        <source>Total could be {low}–{high}</source>
        <translation>总分可能为 {low}–{high}</translation>
    </message>
</context>
</TS>
