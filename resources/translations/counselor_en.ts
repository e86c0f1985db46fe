<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>心理辅导工作台</source>
        <translation>Counselor Desk</translation>
    </message>
    <message>
        <source>在 {path} 没有找到学校的数据。请先用“counselor-app init”建立学校，或用 --data-dir 指定数据文件夹。</source>
        <translation>No school data was found in {path}. Set up a school with &apos;counselor-app init&apos; first, or point --data-dir at the data folder.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>当前用户：{user}（{role}）</source>
        <translation>Signed in: {user} ({role})</translation>
    </message>
    <message>
        <source>在读学生</source>
        <translation>Students enrolled</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>教职工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>辅导记录</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>进行中的一生一策</source>
        <translation>Open crisis plans</translation>
    </message>
    <message>
        <source>今日预约与值班、待复查的一生一策、本周开放时长和本学期自查结果，将在后续版本中显示在这里。</source>
        <translation>Today&apos;s appointments and duty, crisis-plan reviews due, this week&apos;s room hours and this term&apos;s self-check will appear here in a later version.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>心理辅导工作台</source>
        <translation>Counselor Desk</translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>学生档案</source>
        <translation>Students</translation>
    </message>
    <message>
        <source>辅导记录</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>个体辅导和团体辅导的记录：日期、时长、来访方式、主题、风险评估和后续跟进。</source>
        <translation>Individual and group counselling sessions: date, length, how the student came, topic, risk assessment and follow-up.</translation>
    </message>
    <message>
        <source>辅导室</source>
        <translation>Counselling room</translation>
    </message>
    <message>
        <source>辅导室的开放时间、值班表和预约。</source>
        <translation>The counselling room&apos;s opening hours, duty roster and appointments.</translation>
    </message>
    <message>
        <source>心理委员</source>
        <translation>Class monitors</translation>
    </message>
    <message>
        <source>各班心理委员的名单、任期和月报。</source>
        <translation>Each class&apos;s psych monitors, their terms and their monthly reports.</translation>
    </message>
    <message>
        <source>家校共育</source>
        <translation>Parents and home</translation>
    </message>
    <message>
        <source>家长课堂、家长会和家访。</source>
        <translation>Parent classes, parent meetings and home visits.</translation>
    </message>
    <message>
        <source>摸排与分级</source>
        <translation>Screening and risk</translation>
    </message>
    <message>
        <source>心理健康摸排、测评结果和风险分级。</source>
        <translation>Mental-health screening, test results and risk levels.</translation>
    </message>
    <message>
        <source>危机干预</source>
        <translation>Crisis plans</translation>
    </message>
    <message>
        <source>一生一策：关爱小组、安全措施、转介、告知监护人和定期复查。</source>
        <translation>One plan per student: care group, safety measures, referral, informing the guardian and regular reviews.</translation>
    </message>
    <message>
        <source>活动与会议</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>会议、培训、主题班会、生命教育和心理健康活动月。</source>
        <translation>Meetings, training, class meetings, life education and the mental-health month.</translation>
    </message>
    <message>
        <source>自查与上报</source>
        <translation>Self-check</translation>
    </message>
    <message>
        <source>按学期对照上级要求自查，打印并导出上报材料。</source>
        <translation>The termly self-check against the education bureau&apos;s requirements; print and export the report.</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>学校与辅导室、学期、账户、备份和界面语言。</source>
        <translation>School and counselling room, terms, accounts, backups and language.</translation>
    </message>
    <message>
        <source>{user}（{role}）</source>
        <translation>{user} ({role})</translation>
    </message>
    <message>
        <source>{school} — 心理辅导工作台</source>
        <translation>{school} — Counselor Desk</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>退出时的备份没有完成</source>
        <translation>The backup on exit did not finish</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>“{page}”页面将在后续版本中提供。</source>
        <translation>The &quot;{page}&quot; page arrives in a later version.</translation>
    </message>
</context>
<context>
    <name>StudentTableModel</name>
    <message>
        <source>学号</source>
        <translation>Student no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>StudentsPage</name>
    <message>
        <source>学生档案</source>
        <translation>Students</translation>
    </message>
    <message>
        <source>姓名、拼音首字母（如 zs）、学号或班级</source>
        <translation>Name, pinyin initials (e.g. zs), student no. or class</translation>
    </message>
    <message>
        <source>包括已毕业、转出的学生</source>
        <translation>Include graduated and transferred students</translation>
    </message>
    <message>
        <source>学生查找功能尚未安装。</source>
        <translation>Student search is not installed yet.</translation>
    </message>
    <message>
        <source>输入姓名、拼音首字母、学号或班级查找学生。</source>
        <translation>Type a name, pinyin initials, a student no. or a class to find students.</translation>
    </message>
    <message>
        <source>没有找到“{query}”。</source>
        <translation>Nothing found for &quot;{query}&quot;.</translation>
    </message>
    <message>
        <source>显示前 {count} 名学生，请输入更多内容缩小范围。</source>
        <translation>Showing the first {count} students; type more to narrow the search.</translation>
    </message>
    <message>
        <source>共 {count} 名学生</source>
        <translation>{count} students</translation>
    </message>
    <message>
        <source>查找学生时出错：{detail}</source>
        <translation>The student search failed: {detail}</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>解锁 — 心理辅导工作台</source>
        <translation>Unlock — Counselor Desk</translation>
    </message>
    <message>
        <source>请选择账户并输入密码</source>
        <translation>Choose your account and enter your password</translation>
    </message>
    <message>
        <source>正在解锁…</source>
        <translation>Unlocking…</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>解锁时出现意外错误：{detail}</source>
        <translation>Unlocking failed unexpectedly: {detail}</translation>
    </message>
</context>
</TS>
