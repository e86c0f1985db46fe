<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountPage</name>
    <message>
        <source>第一个账户</source>
        <translation>First account</translation>
    </message>
    <message>
        <source>这是心理教师的账户，可以查看和填写全部记录。以后可在“设置 › 账户”中添加其他账户。</source>
        <translation>This is the counsellor&apos;s account: it can see and fill in every record. You can add other accounts later under &quot;Settings › Accounts&quot;.</translation>
    </message>
    <message>
        <source>建立学校</source>
        <translation>Set up school</translation>
    </message>
    <message>
        <source>例如：王老师</source>
        <translation>e.g. Ms Wang</translation>
    </message>
    <message>
        <source>至少 {count} 个字符</source>
        <translation>At least {count} characters</translation>
    </message>
    <message>
        <source>正在建立学校并加密数据，请稍候…</source>
        <translation>Setting up the school and encrypting the data, please wait…</translation>
    </message>
    <message>
        <source>请选一个别人猜不到、自己记得住的密码，例如一句话的拼音加数字。忘记密码时只能用下一步显示的恢复密钥找回。</source>
        <translation>Choose a password others cannot guess and you can remember, such as the pinyin of a sentence plus some digits. A forgotten password can only be replaced with the recovery key shown in the next step.</translation>
    </message>
    <message>
        <source>账户名</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>密码强度：{hint}</source>
        <translation>Password strength: {hint}</translation>
    </message>
</context>
<context>
    <name>AccountTableModel</name>
    <message>
        <source>{name}（当前登录）</source>
        <translation>{name} (signed in)</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>建立日期</source>
        <translation>Created</translation>
    </message>
</context>
<context>
    <name>AccountsSection</name>
    <message>
        <source>每个账户有自己的密码，都能解锁本校数据。心理教师可以查看全部记录；管理员看不到辅导记录、一生一策和测评详情。</source>
        <translation>Each account has its own password, and each can unlock the school&apos;s data. Counsellors can see every record; administrators cannot see counselling sessions, crisis plans or assessment details.</translation>
    </message>
    <message>
        <source>添加账户…</source>
        <translation>Add account…</translation>
    </message>
    <message>
        <source>删除账户</source>
        <translation>Delete account</translation>
    </message>
    <message>
        <source>修改我的密码…</source>
        <translation>Change my password…</translation>
    </message>
    <message>
        <source>恢复密钥…</source>
        <translation>Recovery key…</translation>
    </message>
    <message>
        <source>不能删除当前登录的账户。</source>
        <translation>You cannot delete the account you are signed in with.</translation>
    </message>
    <message>
        <source>已添加账户“{name}”。下次启动时可用它登录。</source>
        <translation>Account &quot;{name}&quot; added. It can be used to sign in from the next start.</translation>
    </message>
    <message>
        <source>密码已修改，下次登录请用新密码。</source>
        <translation>Password changed. Use the new password the next time you sign in.</translation>
    </message>
    <message>
        <source>恢复密钥已更新。</source>
        <translation>The recovery key was updated.</translation>
    </message>
    <message>
        <source>删除账户“{name}”？此后不能再用它登录。本校的数据不受影响。</source>
        <translation>Delete account &quot;{name}&quot;? It will no longer be able to sign in. The school&apos;s data is not affected.</translation>
    </message>
    <message>
        <source>已删除账户“{name}”。</source>
        <translation>Account &quot;{name}&quot; deleted.</translation>
    </message>
</context>
<context>
    <name>ActivitiesPage</name>
    <message>
        <source>活动与会议</source>
        <translation>Activities</translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <source>添加账户</source>
        <translation>Add account</translation>
    </message>
    <message>
        <source>例如 李老师</source>
        <translation>e.g. Mr Li</translation>
    </message>
    <message>
        <source>添加心理教师账户时需要</source>
        <translation>Needed to add a counsellor account</translation>
    </message>
    <message>
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>管理员可以管理账户、备份和学校信息，看不到辅导记录、一生一策和测评详情。</source>
        <translation>Administrators can manage accounts, backups and school details, but cannot see counselling sessions, crisis plans or assessment details.</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>账户名</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
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
    <name>AppointmentCalendar</name>
    <message>
        <source>{parent}（家长）</source>
        <translation>{parent} (parent)</translation>
    </message>
    <message>
        <source>学生：{student}</source>
        <translation>Student: {student}</translation>
    </message>
    <message>
        <source>家长：{parent}</source>
        <translation>Parent: {parent}</translation>
    </message>
    <message>
        <source>渠道：{channel}</source>
        <translation>Booked via: {channel}</translation>
    </message>
    <message>
        <source>状态：{state}</source>
        <translation>Status: {state}</translation>
    </message>
    <message>
        <source>暂停开放</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>学期外</source>
        <translation>Outside term</translation>
    </message>
    <message>
        <source>点击预约 {time}</source>
        <translation>Click to book {time}</translation>
    </message>
    <message>
        <source>辅导室此时不开放</source>
        <translation>The counselling room is closed at this time</translation>
    </message>
</context>
<context>
    <name>BackupTableModel</name>
    <message>
        <source>手动备份</source>
        <translation>Manual backup</translation>
    </message>
    <message>
        <source>每日自动备份</source>
        <translation>Daily automatic backup</translation>
    </message>
    <message>
        <source>退出时自动备份</source>
        <translation>Automatic backup on exit</translation>
    </message>
    <message>
        <source>恢复前自动备份</source>
        <translation>Automatic backup before a restore</translation>
    </message>
    <message>
        <source>不会被自动清理</source>
        <translation>Never removed automatically</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>BackupsSection</name>
    <message>
        <source>备份保存在：{folder}</source>
        <translation>Backups are kept in: {folder}</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>程序每天自动备份一次，退出时也会备份；自动备份按天、周、月轮换保留。手动备份和恢复前的备份不会被自动清理。备份已加密，用本校任一账户的密码或恢复密钥才能打开。请定期把备份复制到 U 盘等另一处保存。</source>
        <translation>The program backs up once a day and again on exit; automatic backups are kept in daily, weekly and monthly rotation. Manual backups and backups made before a restore are never removed automatically. Backups are encrypted: only the password of one of the school&apos;s accounts or the recovery key opens them. Copy the backups regularly to a second place, such as a USB stick.</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>验证备份</source>
        <translation>Verify backup</translation>
    </message>
    <message>
        <source>完整检查所选备份能否打开、内容是否完好</source>
        <translation>Check in full that the selected backup opens and its contents are intact</translation>
    </message>
    <message>
        <source>恢复…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <source>从其他位置恢复…</source>
        <translation>Restore from file…</translation>
    </message>
    <message>
        <source>备份已保存并验证：{name}</source>
        <translation>Backup saved and verified: {name}</translation>
    </message>
    <message>
        <source>备份 {name} 完好，可以用来恢复。</source>
        <translation>Backup {name} is intact and can be used for a restore.</translation>
    </message>
    <message>
        <source>选择要恢复的备份</source>
        <translation>Choose the backup to restore</translation>
    </message>
    <message>
        <source>心理辅导工作台备份 (*{suffix})</source>
        <translation>Counselor Desk backups (*{suffix})</translation>
    </message>
    <message>
        <source>用备份 {name} 替换本校现在的全部数据？

现在的数据不会删除：程序先为它做一个备份，再把现在的数据文件移到 set-aside 文件夹保存。账户和密码也会恢复为备份当时的状态。

恢复后程序将关闭，请重新打开并登录。</source>
        <translation>Replace all of the school&apos;s current data with backup {name}?

The current data is not deleted: the program first backs it up, then moves the current data files into the set-aside folder. Accounts and passwords also return to what they were when the backup was made.

The program closes after the restore; open it again and sign in.</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>正在准备…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <source>第 {step} / {steps} 步：{phase}</source>
        <translation>Step {step} of {steps}: {phase}</translation>
    </message>
    <message>
        <source>正在备份本校数据</source>
        <translation>Backing up the school&apos;s data</translation>
    </message>
    <message>
        <source>正在为加密的数据库做快照…</source>
        <translation>Taking a snapshot of the encrypted database…</translation>
    </message>
    <message>
        <source>正在写入备份文件…</source>
        <translation>Writing the backup file…</translation>
    </message>
    <message>
        <source>正在重新打开备份并验证…</source>
        <translation>Reopening the backup to check it…</translation>
    </message>
    <message>
        <source>正在验证备份 {name}</source>
        <translation>Checking the backup {name}</translation>
    </message>
    <message>
        <source>正在读取备份并核对校验值…</source>
        <translation>Reading the backup and comparing its checksums…</translation>
    </message>
    <message>
        <source>正在用密钥打开备份并逐页检查…</source>
        <translation>Opening the backup with the key and checking every page…</translation>
    </message>
    <message>
        <source>正在从备份 {name} 恢复</source>
        <translation>Restoring from the backup {name}</translation>
    </message>
    <message>
        <source>正在为现在的数据做备份…</source>
        <translation>Backing up the current data first…</translation>
    </message>
    <message>
        <source>正在替换数据文件（这一步不能取消）…</source>
        <translation>Replacing the data files (this step cannot be cancelled)…</translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation>Restore complete</translation>
    </message>
    <message>
        <source>锁定前开始的备份已经完成并通过验证：{name}。</source>
        <translation>The backup started before the lock has finished and was verified: {name}.</translation>
    </message>
    <message>
        <source>锁定前开始的备份因程序锁定而停止，没有生成备份文件。</source>
        <translation>The backup started before the lock stopped because the program locked; no backup file was written.</translation>
    </message>
    <message>
        <source>锁定前开始的备份没有完成：{detail}</source>
        <translation>The backup started before the lock did not finish: {detail}</translation>
    </message>
    <message>
        <source>锁定前开始的验证已经完成：备份 {name} 完好，可以用来恢复。</source>
        <translation>The check started before the lock has finished: the backup {name} is sound and can be restored.</translation>
    </message>
    <message>
        <source>验证备份 {name} 因程序锁定而停止，备份文件没有改动。</source>
        <translation>Checking the backup {name} stopped because the program locked; the backup file was not changed.</translation>
    </message>
    <message>
        <source>验证备份 {name} 没有完成：{detail}</source>
        <translation>Checking the backup {name} did not finish: {detail}</translation>
    </message>
    <message>
        <source>恢复备份 {name} 没有开始：程序在恢复开始之前锁定了。本校的数据没有改变；如仍要恢复，请重新操作。</source>
        <translation>Restoring the backup {name} did not start: the program locked before it began. The school&apos;s data has not changed; to restore it, please start again.</translation>
    </message>
    <message>
        <source>恢复备份 {name} 因程序锁定而在替换数据之前停止。本校的数据没有改变；如仍要恢复，请重新操作。</source>
        <translation>Restoring the backup {name} stopped because the program locked, before any data was replaced. The school&apos;s data has not changed; to restore it, please start again.</translation>
    </message>
    <message>
        <source>锁定前开始的恢复已经完成：已从备份 {name} 恢复，现在打开的就是恢复后的数据。原来的数据没有删除，已移到 {set_aside}。账户和密码已恢复为备份当时的状态。</source>
        <translation>The restore started before the lock has finished: the data was restored from the backup {name}, and that is what is open now. The previous data was not deleted; it was moved to {set_aside}. Accounts and passwords are as they were at the time of the backup.</translation>
    </message>
    <message>
        <source>恢复备份 {name} 没有完成：{detail}</source>
        <translation>Restoring the backup {name} did not finish: {detail}</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>修改预约</source>
        <translation>Edit appointment</translation>
    </message>
    <message>
        <source>预约辅导室</source>
        <translation>Book the counselling room</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>预约</source>
        <translation>Book</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>家长本人预约，或代孩子预约时填写</source>
        <translation>When a parent books for themselves or for their child</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Start time</translation>
    </message>
    <message>
        <source>时长</source>
        <translation>Length</translation>
    </message>
    <message>
        <source>学生</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>家长姓名</source>
        <translation>Parent&apos;s name</translation>
    </message>
    <message>
        <source>渠道</source>
        <translation>Booked via</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>学生和家长至少填写一项。</source>
        <translation>Fill in the student, the parent or both.</translation>
    </message>
</context>
<context>
    <name>BookingsTab</name>
    <message>
        <source>新预约…</source>
        <translation>New appointment…</translation>
    </message>
    <message>
        <source>在本周下一个开放时段预约</source>
        <translation>Book the next open slot this week</translation>
    </message>
    <message>
        <source>点击白色的开放时段预约；双击预约可修改，右键可改状态。</source>
        <translation>Click a white open slot to book it; double-click an appointment to edit it, right-click to change its status.</translation>
    </message>
    <message>
        <source>修改预约…</source>
        <translation>Edit appointment…</translation>
    </message>
    <message>
        <source>删除预约</source>
        <translation>Delete appointment</translation>
    </message>
</context>
<context>
    <name>BoolEditor</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
</context>
<context>
    <name>BundleDoneDialog</name>
    <message>
        <source>上报包已生成</source>
        <translation>Report package created</translation>
    </message>
    <message>
        <source>文件：{path}</source>
        <translation>File: {path}</translation>
    </message>
    <message>
        <source>请核对：学校签名密钥指纹</source>
        <translation>Check: the school&apos;s signing-key fingerprint</translation>
    </message>
    <message>
        <source>这个指纹应与纸质自查报告签字栏上打印的指纹一致。区教育局凭它确认上报包来自本校；请把签字盖章的纸质自查报告和上报包一起交给区教育局。</source>
        <translation>This fingerprint must match the one printed in the signature box of the paper self-check report. The district education bureau uses it to confirm that the package comes from your school; hand in the signed and stamped paper report together with the package.</translation>
    </message>
    <message>
        <source>学期：</source>
        <translation>Term:</translation>
    </message>
    <message>
        <source>接收方：</source>
        <translation>Recipient:</translation>
    </message>
    <message>
        <source>{district}（区教育局公钥指纹 {fingerprint}）</source>
        <translation>{district} (district public-key fingerprint {fingerprint})</translation>
    </message>
    <message>
        <source>编号：</source>
        <translation>ID:</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>BundleExportButton</name>
    <message>
        <source>生成上报包…</source>
        <extracomment>What to seal: the self-check on screen (its term) and the checklist it was run with.</extracomment>
        <translation>Create report package…</translation>
    </message>
    <message>
        <source>把本学期的自查结果和统计数据加密、签名，生成交给区教育局的上报包。</source>
        <translation>Encrypt and sign this term&apos;s self-check results and statistics as a report package for the district education bureau.</translation>
    </message>
    <message>
        <source>{name}（{id}）</source>
        <translation>{name} ({id})</translation>
    </message>
    <message>
        <source>生成上报包</source>
        <translation>Create report package</translation>
    </message>
    <message>
        <source>还没有导入区教育局的公钥，无法生成上报包。</source>
        <translation>The district education bureau&apos;s public key has not been imported yet, so no report package can be created.</translation>
    </message>
    <message>
        <source>上报包加密后只有区教育局能打开，所以要先导入区教育局提供的公钥文件（district-public.json）：请到“设置 › 上报”点“导入区教育局公钥…”，并与区教育局书面提供的指纹核对。</source>
        <translation>Only the district education bureau can open an encrypted report package, so first import the public-key file it provides (district-public.json): go to &quot;Settings › Reporting&quot;, click &quot;Import district public key…&quot; and check the fingerprint against the one the bureau gave you in writing.</translation>
    </message>
    <message>
        <source>前往 设置 › 上报</source>
        <translation>Go to Settings › Reporting</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>上报包</source>
        <translation>report-package</translation>
    </message>
    <message>
        <source>保存上报包</source>
        <translation>Save report package</translation>
    </message>
    <message>
        <source>上报包 (*.{suffix})</source>
        <translation>Report packages (*.{suffix})</translation>
    </message>
    <message>
        <source>正在运行自查并读取记录…</source>
        <translation>Running the self-check and reading the records…</translation>
    </message>
    <message>
        <source>正在生成自查报告和统计数据…</source>
        <translation>Making the self-check report and the statistics…</translation>
    </message>
    <message>
        <source>正在签名并为区教育局加密…</source>
        <translation>Signing and encrypting for the district education bureau…</translation>
    </message>
    <message>
        <source>正在签名…</source>
        <translation>Signing…</translation>
    </message>
    <message>
        <source>正在保存文件…</source>
        <translation>Saving the file…</translation>
    </message>
    <message>
        <source>正在生成上报包 {name}</source>
        <translation>Making the district bundle {name}</translation>
    </message>
    <message>
        <source>正在准备…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <source>第 {step} / {steps} 步：{phase}</source>
        <translation>Step {step} of {steps}: {phase}</translation>
    </message>
    <message>
        <source>上报包没有生成。</source>
        <translation>No bundle was made.</translation>
    </message>
    <message>
        <source>上报包已生成：{path}</source>
        <translation>The district bundle was made: {path}</translation>
    </message>
    <message>
        <source>生成上报包因程序锁定而停止，没有生成文件。</source>
        <translation>Making the district bundle stopped because the program locked; no file was written.</translation>
    </message>
    <message>
        <source>上报包没有生成：{detail}</source>
        <translation>The district bundle was not made: {detail}</translation>
    </message>
    <message>
        <source>没有生成上报包</source>
        <translation>Report package not created</translation>
    </message>
</context>
<context>
    <name>BundleOptionsDialog</name>
    <message>
        <source>生成上报包</source>
        <translation>Create report package</translation>
    </message>
    <message>
        <source>上报包含本学期的自查报告（PDF 和 JSON）和统计数据，加密后只有区教育局能打开，并带有本校的签名。学生只以化名出现，不含姓名和学号。</source>
        <translation>The report package holds this term&apos;s self-check report (PDF and JSON) and statistics. It is encrypted so that only the district education bureau can open it, and it carries your school&apos;s signature. Students appear only under pseudonyms, without names or student numbers.</translation>
    </message>
    <message>
        <source>学期：</source>
        <translation>Term:</translation>
    </message>
    <message>
        <source>自查标准：</source>
        <translation>Standard:</translation>
    </message>
    <message>
        <source>接收方：</source>
        <translation>Recipient:</translation>
    </message>
    <message>
        <source>（未写名称）</source>
        <translation>(no name given)</translation>
    </message>
    <message>
        <source>请与区教育局书面提供的公钥指纹逐组核对。不一致时不要生成，请到“设置 › 上报”重新导入区教育局公钥。</source>
        <translation>Compare the fingerprint group by group with the one the district education bureau gave you in writing. If they differ, do not create the package: import the bureau&apos;s public key again under &quot;Settings › Reporting&quot;.</translation>
    </message>
    <message>
        <source>区教育局公钥指纹</source>
        <translation>District public-key fingerprint</translation>
    </message>
    <message>
        <source>警告：勾选后，上报包将附带每名重点关爱学生的姓名、学号、班级、风险等级、本学期辅导的次数和日期、危机干预计划和转介情况（不含辅导记录等文字内容）。上报包的清单会注明这一点，审计记录也会记下。只在区教育局明确要求时勾选，并只通过安全的渠道交接。</source>
        <translation>Warning: when this is ticked, the package includes, for every key student in care, the name, student no., class, risk level, the number and dates of this term&apos;s sessions, the crisis plan and any referral (but no session notes or other text). The package&apos;s manifest says so, and the audit log records it. Tick it only when the district education bureau explicitly asks, and hand the package over only through a secure channel.</translation>
    </message>
    <message>
        <source>附带重点个案的实名摘要</source>
        <translation>Include a named summary of key cases</translation>
    </message>
    <message>
        <source>默认不附带。仅在区教育局明确要求时勾选。</source>
        <translation>Off by default. Tick only when the district education bureau explicitly asks for it.</translation>
    </message>
    <message>
        <source>上报包不附带学生实名信息（实名摘要只有{role}账户可以附带）。</source>
        <translation>The package carries no student names (only {role} accounts can include the named summary).</translation>
    </message>
    <message>
        <source>选择保存位置…</source>
        <translation>Choose where to save…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>BundleSection</name>
    <message>
        <source>本校签名密钥</source>
        <translation>School signing key</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>把指纹复制到剪贴板</source>
        <translation>Copy the fingerprint to the clipboard</translation>
    </message>
    <message>
        <source>导出学校公钥…</source>
        <translation>Export school public key…</translation>
    </message>
    <message>
        <source>写出本校的公钥文件（.pub），交给区教育局登记</source>
        <translation>Write the school&apos;s public-key file (.pub) for the district education bureau to register</translation>
    </message>
    <message>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>本校生成的上报包都用这把密钥签名。指纹印在纸质自查报告的签字栏上，请核对两者一致；区教育局凭签字盖章的纸质报告上的指纹登记本校的公钥。</source>
        <translation>Every report package from your school is signed with this key. Its fingerprint is printed in the signature box of the paper self-check report: check that the two match. The district education bureau registers your school&apos;s public key by the fingerprint on the signed and stamped paper report.</translation>
    </message>
    <message>
        <source>区教育局公钥</source>
        <translation>District public key</translation>
    </message>
    <message>
        <source>导入区教育局公钥…</source>
        <translation>Import district public key…</translation>
    </message>
    <message>
        <source>导入区教育局提供的公钥文件（district-public.json），核对指纹后使用</source>
        <translation>Import the public-key file from the district education bureau (district-public.json) and check its fingerprint before use</translation>
    </message>
    <message>
        <source>已生成的上报包</source>
        <translation>Report packages created</translation>
    </message>
    <message>
        <source>导入回执…</source>
        <translation>Import receipt…</translation>
    </message>
    <message>
        <source>导入区教育局打开上报包后出具的回执文件，完成交接</source>
        <translation>Import the receipt the district education bureau issues after opening a package, to complete the handover</translation>
    </message>
    <message>
        <source>上报包在“自查与上报”页生成。区教育局打开并核对后会出具回执；导入回执即完成交接，并记入审计记录。</source>
        <translation>Report packages are created on the &quot;Self-check&quot; page. Once the district education bureau has opened and checked a package, it issues a receipt; importing the receipt completes the handover and is recorded in the audit log.</translation>
    </message>
    <message>
        <source>还没有生成过上报包。</source>
        <translation>No report packages have been created yet.</translation>
    </message>
    <message>
        <source>尚未导入</source>
        <translation>Not imported yet</translation>
    </message>
    <message>
        <source>生成上报包之前，要先导入区教育局提供的公钥文件（district-public.json），并与区教育局书面提供的指纹核对。</source>
        <translation>Before creating a report package, import the public-key file from the district education bureau (district-public.json) and check it against the fingerprint the bureau gave you in writing.</translation>
    </message>
    <message>
        <source>（未写名称）</source>
        <translation>(no name given)</translation>
    </message>
    <message>
        <source>{user} 于 {date} 导入。上报包加密给这个公钥，只有区教育局能打开。请与区教育局书面提供的指纹核对。</source>
        <translation>Imported by {user} on {date}. Report packages are encrypted to this key, so only the district education bureau can open them. Check it against the fingerprint the bureau gave you in writing.</translation>
    </message>
    <message>
        <source>已复制指纹 {fingerprint}。</source>
        <translation>Fingerprint {fingerprint} copied.</translation>
    </message>
    <message>
        <source>学校公钥_{school}.pub</source>
        <translation>school_public_key_{school}.pub</translation>
    </message>
    <message>
        <source>导出学校公钥</source>
        <translation>Export school public key</translation>
    </message>
    <message>
        <source>公钥文件 (*.pub)</source>
        <translation>Public-key files (*.pub)</translation>
    </message>
    <message>
        <source>已写出本校公钥：{path}
请把它和签字盖章的纸质自查报告交给区教育局；区教育局核对指纹 {fingerprint} 后登记。</source>
        <translation>School public key written: {path}
Give it to the district education bureau together with the signed and stamped paper self-check report; the bureau registers it after checking the fingerprint {fingerprint}.</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>选择区教育局公钥文件</source>
        <translation>Choose the district public-key file</translation>
    </message>
    <message>
        <source>区教育局公钥 (*.json);;所有文件 (*)</source>
        <translation>District public keys (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>没有导入区教育局公钥。</source>
        <translation>The district public key was not imported.</translation>
    </message>
    <message>
        <source>已导入区教育局公钥：{district}（指纹 {fingerprint}）。此后生成的上报包加密给这个公钥。</source>
        <translation>District public key imported: {district} (fingerprint {fingerprint}). Report packages created from now on are encrypted to this key.</translation>
    </message>
    <message>
        <source>选择区教育局的回执文件</source>
        <translation>Choose the receipt file from the district</translation>
    </message>
    <message>
        <source>回执 (*.zip);;所有文件 (*)</source>
        <translation>Receipts (*.zip);;All files (*)</translation>
    </message>
    <message>
        <source>这张回执（上报包 {bundle_id}）已经导入过，没有重复记录。</source>
        <translation>This receipt (package {bundle_id}) was imported before; nothing was recorded twice.</translation>
    </message>
    <message>
        <source>已导入回执：{district} 于 {opened_at} 打开并核对了 {term} 的上报包（编号 {bundle_id}），交接完成。</source>
        <translation>Receipt imported: {district} opened and checked the report package for {term} (ID {bundle_id}) on {opened_at}. The handover is complete.</translation>
    </message>
    <message>
        <source>区教育局</source>
        <translation>The district education bureau</translation>
    </message>
    <message>
        <source>无法读取或写入 {path}：{reason}</source>
        <translation>Could not read or write {path}: {reason}</translation>
    </message>
</context>
<context>
    <name>BundleTableModel</name>
    <message>
        <source>未收到</source>
        <translation>Not received</translation>
    </message>
    <message>
        <source>已收到（{date}）</source>
        <translation>Received ({date})</translation>
    </message>
    <message>
        <source>附带</source>
        <translation>Included</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>由 {user} 生成</source>
        <translation>Created by {user}</translation>
    </message>
    <message>
        <source>区教育局于 {opened} 打开并核对；回执于 {imported} 导入。</source>
        <translation>Opened and checked by the district on {opened}; receipt imported on {imported}.</translation>
    </message>
    <message>
        <source>接收方：{district}（{fingerprint}）</source>
        <translation>Recipient: {district} ({fingerprint})</translation>
    </message>
    <message>
        <source>生成时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>学期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>自查标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>实名摘要</source>
        <translation>Names</translation>
    </message>
    <message>
        <source>回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>ID</translation>
    </message>
</context>
<context>
    <name>CaseListView</name>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>记录步骤…</source>
        <translation>Record a step…</translation>
    </message>
    <message>
        <source>记录转介变化…</source>
        <translation>Record a referral change…</translation>
    </message>
    <message>
        <source>删除所选步骤</source>
        <translation>Delete the selected step</translation>
    </message>
    <message>
        <source>打开一生一策</source>
        <translation>Open the crisis plan</translation>
    </message>
    <message>
        <source>步骤与期限</source>
        <translation>Steps and due dates</translation>
    </message>
    <message>
        <source>转介经过</source>
        <translation>Referral history</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>显示 {shown} 个，共 {total} 个；逾期 {overdue} 个</source>
        <translation>Showing {shown} of {total} cases; {overdue} overdue</translation>
    </message>
    <message>
        <source>选择上面的一个个案，查看它的步骤与转介经过。</source>
        <translation>Choose a case above to see its steps and referral history.</translation>
    </message>
    <message>
        <source>{name}（{number}，{class_name}）的一生一策，{created} 建立：{state}</source>
        <translation>Crisis plan of {name} ({number}, {class_name}), made {created}: {state}</translation>
    </message>
    <message>
        <source>已记录。</source>
        <translation>Recorded.</translation>
    </message>
    <message>
        <source>删除步骤记录</source>
        <translation>Delete a step&apos;s entry</translation>
    </message>
    <message>
        <source>删除“{step}”（{done}）这一条记录？删除后它会重新算作未完成。</source>
        <translation>Delete the entry “{step}” ({done})? The step then counts as not done again.</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>已删除这一步骤的记录。</source>
        <translation>The step&apos;s entry was deleted.</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>学生</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>学号</source>
        <translation>Student no.</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>{level}级</source>
        <translation>Level {level}</translation>
    </message>
    <message>
        <source>建立日期</source>
        <translation>Created on</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>{step}：应于 {due} 前完成</source>
        <translation>{step}: was due by {due}</translation>
    </message>
    <message>
        <source>{step}：{due} 前</source>
        <translation>{step}: by {due}</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改我的密码</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>只修改“{user}”的密码，其他账户不受影响。</source>
        <translation>This changes the password of &quot;{user}&quot; only; other accounts keep theirs.</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再输一次</source>
        <translation>Repeat new password</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致。</source>
        <translation>The two new passwords do not match.</translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>ChoiceEditor</name>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
</context>
<context>
    <name>ClosureListModel</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>ConfirmRuleDialog</name>
    <message>
        <source>确认自查项目</source>
        <translation>Confirm self-check item</translation>
    </message>
    <message>
        <source>请写明核实了什么（例如“已查阅各年级课表和考试安排，未公布排名”）：</source>
        <translation>Describe what you checked (e.g. &quot;Looked at every grade&apos;s timetable and exam arrangements; no rankings are published&quot;):</translation>
    </message>
    <message>
        <source>确认此项</source>
        <translation>Confirm item</translation>
    </message>
</context>
<context>
    <name>ConsentExceptionDialog</name>
    <message>
        <source>没有知情同意</source>
        <translation>No consent on file</translation>
    </message>
    <message numerus="yes">
        <source>以下 %n 名学生没有在该日期有效的测评知情同意（知情同意登记，范围“测评”）：</source>
        <translation>
            <numerusform>%n student has no consent to screening in force on that day (consent register, scope Screening):</numerusform>
            <numerusform>These %n students have no consent to screening in force on that day (consent register, scope Screening):</numerusform>
        </translation>
    </message>
    <message>
        <source>如确需测评，请写明例外原因（将与测评一起保密保存，并记入操作日志）。</source>
        <translation>If the screening must go ahead, write the reason for the exception (kept confidential with the screening and written to the audit trail).</translation>
    </message>
    <message>
        <source>例外原因，如：家长已口头同意，书面同意书补交中</source>
        <translation>Reason, e.g. the guardian agreed by phone; the signed form is on its way</translation>
    </message>
    <message>
        <source>记录例外并继续</source>
        <translation>Record the exception and go on</translation>
    </message>
    <message>
        <source>不录入这些学生</source>
        <translation>Leave these students out</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>操作没有完成：程序出了意外的错误。已经保存的数据不受影响。请再试一次；如果问题再次出现，请联系技术支持。</source>
        <translation>This did not finish: something unexpected went wrong. The data saved before is safe. Try again; if it happens again, contact support.</translation>
    </message>
    <message>
        <source>操作没有完成：程序出了意外的错误。已经保存的数据不受影响。请再试一次；如果问题再次出现，请联系技术支持，并提供这个日志文件（其中没有学生的信息）：{path}</source>
        <translation>This did not finish: something unexpected went wrong. The data saved before is safe. Try again; if it happens again, contact support and give them this log file (it holds nothing about students): {path}</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>程序出了意外的错误，刚才的操作可能没有完成。

已经保存的数据不受影响。请关闭程序后重新打开。
如果问题再次出现，请联系技术支持，并提供这个日志文件（其中没有学生的信息）：
{path}</source>
        <translation>Something unexpected went wrong; what you just did may not have been done.

The data already saved is not affected. Please close the program and open it again.
If it happens again, contact technical support and give them this log file (it holds no information about students):
{path}</translation>
    </message>
    <message>
        <source>程序出了意外的错误，刚才的操作可能没有完成。

已经保存的数据不受影响。请关闭程序后重新打开。
如果问题再次出现，请联系技术支持。（这次的错误没能写入日志文件。）</source>
        <translation>Something unexpected went wrong; what you just did may not have been done.

The data already saved is not affected. Please close the program and open it again.
If it happens again, contact technical support. (This error could not be written to the log file.)</translation>
    </message>
</context>
<context>
    <name>CrisisPage</name>
    <message>
        <source>危机干预</source>
        <translation>Crisis plans</translation>
    </message>
    <message>
        <source>个案进度</source>
        <translation>Cases</translation>
    </message>
</context>
<context>
    <name>CrisisPrinter</name>
    <message>
        <source>{name}…</source>
        <translation>{name}…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>在打印预览中查看所选一生一策的材料（标注保密），并从那里打印</source>
        <translation>Show the selected crisis plan&apos;s papers (marked confidential) in the print preview, and print from there</translation>
    </message>
    <message>
        <source>把所选一生一策的材料保存为 PDF（标注保密）</source>
        <translation>Save the selected crisis plan&apos;s papers as PDF (marked confidential)</translation>
    </message>
    <message>
        <source>正在生成{name}…</source>
        <translation>Making the {name}…</translation>
    </message>
    <message>
        <source>打印预览 · {name}</source>
        <translation>Print preview · {name}</translation>
    </message>
    <message>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>打印失败</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <source>{name}没有生成：{detail}</source>
        <translation>The {name} was not made: {detail}</translation>
    </message>
    <message>
        <source>保存{name}</source>
        <translation>Save the {name}</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>CrisisSection</name>
    <message>
        <source>一生一策各步骤的期限</source>
        <translation>Due dates of each crisis-plan step</translation>
    </message>
    <message>
        <source> 周</source>
        <translation> weeks</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>评估按上学日计算（学期内的工作日，除去节假日和全校停课日；不在学期内时按工作日）；其余按日历天数。结案时须有一次结案评估。本设置对全校所有一生一策有效。</source>
        <translation>The assessment counts school days (weekdays in a term, without holidays and whole-school closures; weekdays outside a term); the others count calendar days. Closing a plan needs a closing review. This applies to every crisis plan of the school.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>恢复默认</source>
        <translation>Restore defaults</translation>
    </message>
    <message>
        <source>已保存。各一生一策的期限已按新设置计算。</source>
        <translation>Saved. Every crisis plan&apos;s due dates follow the new setting.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>当前用户：{user}（{role}）</source>
        <translation>Signed in: {user} ({role})</translation>
    </message>
    <message>
        <source>快速记录辅导（Ctrl+N）</source>
        <translation>Record a session (Ctrl+N)</translation>
    </message>
    <message>
        <source>本周辅导室开放（小时）</source>
        <translation>Room open this week (h)</translation>
    </message>
    <message>
        <source>本学期自查</source>
        <translation>Self-check this term</translation>
    </message>
    <message>
        <source>在读学生</source>
        <translation>Students enrolled</translation>
    </message>
    <message>
        <source>本学期自查：接下来要做</source>
        <translation>This term&apos;s self-check: what to do next</translation>
    </message>
    <message>
        <source>今日预约与值班</source>
        <translation>Today&apos;s appointments and duty</translation>
    </message>
    <message>
        <source>一生一策：待复查与待随访</source>
        <translation>Crisis plans: reviews and follow-ups due</translation>
    </message>
    <message>
        <source>重点学生：本学年未家访</source>
        <translation>Key students: no home visit this year</translation>
    </message>
    <message>
        <source>筛查待约谈</source>
        <translation>Screening: to interview</translation>
    </message>
    <message>
        <source>单击任一条目或数字，打开它所涉及的记录。</source>
        <translation>Click any item or number to open the records behind it.</translation>
    </message>
    <message>
        <source>{date} · 今天不在任何学期内</source>
        <translation>{date} · today is not in any term</translation>
    </message>
    <message>
        <source>{date} · {term}</source>
        <translation>{date} · {term}</translation>
    </message>
    <message>
        <source>{date} · {term} 第 {week} 周</source>
        <translation>{date} · {term}, week {week}</translation>
    </message>
    <message>
        <source>本周辅导室开放：不在学期内</source>
        <translation>Room hours this week: not in a term</translation>
    </message>
    <message>
        <source>本周辅导室开放：所选自查标准未规定</source>
        <translation>Room hours this week: not set by the chosen self-check standard</translation>
    </message>
    <message>
        <source>{open} / {required}</source>
        <translation>{open} / {required}</translation>
    </message>
    <message>
        <source>本周开放 / 要求（小时）
第 {week} 周，{days} 个上学日</source>
        <translation>Open / required (hours)
Week {week}, school days: {days}</translation>
    </message>
    <message>
        <source>每 5 个上学日开放 {hours:g} 小时，按本周上学日折算。</source>
        <translation>Required: {hours:g} hours per 5 school days, prorated to this week&apos;s school days.</translation>
    </message>
    <message>
        <source>{name}（{class_name}）</source>
        <translation>{name} ({class_name})</translation>
    </message>
    <message>
        <source>家长 {name}</source>
        <translation>Parent: {name}</translation>
    </message>
    <message>
        <source>{time}&#x3000;{who} · {channel} · {state}</source>
        <translation>{time}  {who} · {channel} · {state}</translation>
    </message>
    <message>
        <source>今天没有预约。</source>
        <translation>No appointments today.</translation>
    </message>
    <message>
        <source>今天不在学期内，辅导室不开放。</source>
        <translation>Today is outside every term; the room is closed.</translation>
    </message>
    <message>
        <source>今天不是上学日，辅导室不开放。</source>
        <translation>Not a school day: the counselling room is closed today.</translation>
    </message>
    <message>
        <source>今天辅导室停开（见“停开日期”）。</source>
        <translation>The room is closed today (see Closure days).</translation>
    </message>
    <message>
        <source>值班 {start}–{end}&#x3000;{teacher}</source>
        <translation>On duty {start}–{end}  {teacher}</translation>
    </message>
    <message>
        <source>（未安排值班教师）</source>
        <translation>(no teacher on duty)</translation>
    </message>
    <message>
        <source>今天辅导室没有安排开放时间。</source>
        <translation>The counselling room has no opening hours today.</translation>
    </message>
    <message>
        <source>预约 {count} 个</source>
        <translation>Appointments: {count}</translation>
    </message>
    <message numerus="yes">
        <source>{what}已逾期 %n 天</source>
        <translation>
            <numerusform>{what} overdue by %n day</numerusform>
            <numerusform>{what} overdue by %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 天后{what}</source>
        <translation>
            <numerusform>{what} due in %n day</numerusform>
            <numerusform>{what} due in %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>·关键题</source>
        <translation> · critical item</translation>
    </message>
    <message>
        <source>{status}&#x3000;{name}（{class_name}）{scale} {band}{critical}</source>
        <translation>{status}  {name} ({class_name}) {scale} {band}{critical}</translation>
    </message>
    <message>
        <source>学号 {number}；{date} 测评总分 {score}；应约谈日期 {due}</source>
        <translation>Student no. {number}; screened {date}, score {score}; interview due {due}</translation>
    </message>
    <message>
        <source>没有待约谈的学生。</source>
        <translation>Nobody to interview.</translation>
    </message>
    <message>
        <source>逾期 {overdue} / 共 {count} 人次</source>
        <translation>{overdue} overdue of {count}</translation>
    </message>
    <message>
        <source>本学期自查达标</source>
        <translation>Items met this term</translation>
    </message>
    <message>
        <source>{term}自查达标</source>
        <translation>Items met in {term}</translation>
    </message>
    <message>
        <source>今天{what}</source>
        <translation>{what} due today</translation>
    </message>
    <message>
        <source>{name}（{class_name}）— {when}</source>
        <translation>{name} ({class_name}) — {when}</translation>
    </message>
    <message>
        <source>复查</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>随访</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>一生一策下次评估日期：{date}</source>
        <translation>Next crisis-plan review: {date}</translation>
    </message>
    <message>
        <source>尚无随访</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>上次随访：{date}；应于 {due} 前随访</source>
        <translation>Last follow-up: {date}; next one due by {due}</translation>
    </message>
    <message>
        <source>没有到期的复查和随访。</source>
        <translation>No reviews or follow-ups due.</translation>
    </message>
    <message>
        <source>逾期 {count} 项</source>
        <translation>Overdue: {count}</translation>
    </message>
    <message>
        <source>{name}（{class_name}）— {level}</source>
        <translation>{name} ({class_name}) — {level}</translation>
    </message>
    <message>
        <source>学号 {number}；{date} 评定为 {level}；本学年（{first}～{last}）尚无家访</source>
        <translation>Student no. {number}; rated {level} on {date}; no home visit this school year ({first} – {last})</translation>
    </message>
    <message>
        <source>重点学生本学年都已家访。</source>
        <translation>Every key student has had a home visit this school year.</translation>
    </message>
    <message>
        <source>{count} 人</source>
        <translation>Students: {count}</translation>
    </message>
    <message>
        <source>本学期自查：尚未登记学期</source>
        <translation>Self-check: no term set up yet</translation>
    </message>
    <message>
        <source>{passed} / {total}</source>
        <translation>{passed} / {total}</translation>
    </message>
    <message>
        <source>进度：落后 {behind} · 按进度 {on_track} · 已达标 {met}</source>
        <translation>Progress: behind {behind} · on track {on_track} · met {met}</translation>
    </message>
    <message>
        <source>{term}，{profile}</source>
        <translation>{term}, {profile}</translation>
    </message>
    <message>
        <source>{title}：{words}</source>
        <translation>{title}: {words}</translation>
    </message>
    <message>
        <source>{rule}：{words}</source>
        <translation>{rule}: {words}</translation>
    </message>
    <message>
        <source>没有落后的项目，各项都按进度。</source>
        <translation>Nothing is behind: every item is on track.</translation>
    </message>
    <message>
        <source>第 {week} 周 / 共 {weeks} 周 · 落后 {count} 项</source>
        <translation>Week {week} of {weeks} · {count} behind</translation>
    </message>
    <message>
        <source>本学期自查：无法计算</source>
        <translation>Self-check: could not be calculated</translation>
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
        <source>一生一策：逾期未完成的步骤</source>
        <translation>Crisis plans: overdue steps</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message numerus="yes">
        <source>{step}逾期 %n 天</source>
        <translation>
            <numerusform>{step} %n day overdue</numerusform>
            <numerusform>{step} %n days overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}（{class_name}）— {late}</source>
        <translation>{name} ({class_name}) — {late}</translation>
    </message>
    <message>
        <source>应完成：{dates}</source>
        <translation>Due: {dates}</translation>
    </message>
    <message numerus="yes">
        <source>%n 个个案</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>未填写</source>
        <translation>Not set</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>清除日期</source>
        <translation>Clear date</translation>
    </message>
</context>
<context>
    <name>DistrictKeyCheckDialog</name>
    <message>
        <source>核对区教育局公钥</source>
        <translation>Check the district public key</translation>
    </message>
    <message>
        <source>文件：{path}</source>
        <translation>File: {path}</translation>
    </message>
    <message>
        <source>区教育局：{district}</source>
        <translation>District education bureau: {district}</translation>
    </message>
    <message>
        <source>（未写名称）</source>
        <translation>(no name given)</translation>
    </message>
    <message>
        <source>请与区教育局书面提供（或盖章公布）的公钥指纹逐组核对，五组都一致才导入。不一致说明文件可能被替换或损坏：请不要导入，并联系区教育局。</source>
        <translation>Compare the fingerprint group by group with the one the district education bureau gave you in writing (or published under its stamp); import only if all five groups match. A mismatch means the file may have been replaced or damaged: do not import it, and contact the bureau.</translation>
    </message>
    <message>
        <source>公钥指纹</source>
        <translation>Public-key fingerprint</translation>
    </message>
    <message>
        <source>这个公钥已经导入过，正在使用。</source>
        <translation>This public key has already been imported and is in use.</translation>
    </message>
    <message>
        <source>导入后，新生成的上报包将改为加密给这个公钥（现在使用的是 {district}，指纹 {fingerprint}）。</source>
        <translation>After the import, new report packages are encrypted to this key instead (the key in use now is {district}, fingerprint {fingerprint}).</translation>
    </message>
    <message>
        <source>指纹一致，导入</source>
        <translation>Fingerprints match: import</translation>
    </message>
    <message>
        <source>不一致，不导入</source>
        <translation>They differ: do not import</translation>
    </message>
</context>
<context>
    <name>EvidenceTableModel</name>
    <message>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>FamilyPage</name>
    <message>
        <source>家长课堂</source>
        <translation>Parent classes</translation>
    </message>
    <message>
        <source>家长会</source>
        <translation>Parent meetings</translation>
    </message>
    <message>
        <source>家校共育</source>
        <translation>Parents and home</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>打印恢复密钥</source>
        <translation>Print recovery key</translation>
    </message>
    <message>
        <source>心理辅导工作台 — 恢复密钥</source>
        <translation>Counselor Desk — Recovery key</translation>
    </message>
    <message>
        <source>学校：{school}</source>
        <translation>School: {school}</translation>
    </message>
    <message>
        <source>建立日期：{date}&#x3000;第一个账户：{user}</source>
        <translation>Set up on {date} · First account: {user}</translation>
    </message>
    <message>
        <source>忘记密码或心理教师离职时，可用本密钥为账户设置新密码；没有它和密码，谁都无法打开数据。</source>
        <translation>If a password is forgotten or the counsellor leaves, this key can set a new password for an account. Without it or a password, nobody can open the data.</translation>
    </message>
    <message>
        <source>请把本页放进上锁的柜子或交学校负责人保管，不要和电脑放在一起，不要拍照或存在电脑里。</source>
        <translation>Keep this page in a locked cabinet or give it to the person in charge at the school. Do not keep it near the computer, and do not photograph it or save it on a computer.</translation>
    </message>
    <message>
        <source>建立学校 — 心理辅导工作台</source>
        <translation>Set up a school — Counselor Desk</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>没能建立学校：{reason}</source>
        <translation>The school could not be set up: {reason}</translation>
    </message>
    <message>
        <source>请先保管恢复密钥</source>
        <translation>Keep the recovery key safe first</translation>
    </message>
    <message>
        <source>学校已经建立。请打印或抄写恢复密钥，勾选确认后点“完成”。</source>
        <translation>The school is set up. Print or write down the recovery key, tick the confirmation, then click &quot;Finish&quot;.</translation>
    </message>
</context>
<context>
    <name>ImportDoneDialog</name>
    <message>
        <source>导入完成</source>
        <translation>Import complete</translation>
    </message>
    <message>
        <source>已导入 {name}</source>
        <translation>Imported {name}</translation>
    </message>
    <message>
        <source>新增 {added} 行，更新 {updated} 行，{unchanged} 行与已有数据相同。</source>
        <translation>Rows: {added} added, {updated} updated, {unchanged} unchanged.</translation>
    </message>
    <message>
        <source>工作簿与已有数据相同（{unchanged} 行），没有更改任何记录。</source>
        <translation>The workbook matches the existing data (rows: {unchanged}); no records were changed.</translation>
    </message>
</context>
<context>
    <name>InterfaceSection</name>
    <message>
        <source>更改语言后，下次启动程序时生效。</source>
        <translation>A new language takes effect the next time the program starts.</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Display language</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>无人操作达到这段时间后，程序自动锁定，需要重新输入密码。本设置对本校所有账户和电脑有效。</source>
        <translation>After this long without use, the program locks itself and asks for the password again. The setting applies to all of the school&apos;s accounts and computers.</translation>
    </message>
    <message>
        <source>自动锁定</source>
        <translation>Automatic lock</translation>
    </message>
    <message>
        <source>无人操作多久后锁定</source>
        <translation>Lock when idle for</translation>
    </message>
    <message numerus="yes">
        <source>已保存：无人操作 %n 分钟后自动锁定。</source>
        <translation>
            <numerusform>Saved: the program locks after %n minute without use.</numerusform>
            <numerusform>Saved: the program locks after %n minutes without use.</numerusform>
        </translation>
    </message>
    <message>
        <source>界面语言未改变。</source>
        <translation>The display language has not changed.</translation>
    </message>
    <message>
        <source>已保存。下次启动程序时使用新的界面语言。</source>
        <translation>Saved. The new display language is used from the next start.</translation>
    </message>
</context>
<context>
    <name>InterviewDialog</name>
    <message>
        <source>记录约谈</source>
        <translation>Record an interview</translation>
    </message>
    <message>
        <source>{name}（学号 {number}，{class_name}）</source>
        <translation>{name} (student no. {number}, {class_name})</translation>
    </message>
    <message>
        <source>，关键题 第 {items} 题已作答</source>
        <translation>, critical item {items} answered</translation>
    </message>
    <message>
        <source>{date} {scale}：总分 {score}，{band}{critical}。应约谈日期 {due}（{status}）。</source>
        <translation>{date} {scale}: score {score}, {band}{critical}. Interview due {due} ({status}).</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>排除</source>
        <translation>Ruled out</translation>
    </message>
    <message>
        <source>继续关注</source>
        <translation>Keep watching</translation>
    </message>
    <message>
        <source>复测</source>
        <translation>Retest</translation>
    </message>
    <message>
        <source>建立一生一策</source>
        <translation>Open a crisis plan</translation>
    </message>
    <message>
        <source>约谈情况（保密，仅心理教师可见）</source>
        <translation>What the interview found (confidential: counsellors only)</translation>
    </message>
    <message>
        <source>测评结果不会自动设定风险等级；如需分级，请在约谈后另行评定（或在一生一策中设定）。</source>
        <translation>A screening never sets a risk level by itself; record a level after the interview (or in the crisis plan) if one is needed.</translation>
    </message>
    <message>
        <source>约谈日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>约谈教师</source>
        <translation>Interviewed by</translation>
    </message>
    <message>
        <source>约谈结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>复测日期</source>
        <translation>Retest on</translation>
    </message>
    <message>
        <source>情况记录</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ItemPage</name>
    <message>
        <source>上一题</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>下一题</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>请先选一个答案。</source>
        <translation>Choose an answer first.</translation>
    </message>
    <message>
        <source>第 {n} 题，共 {count} 题</source>
        <translation>Question {n} of {count}</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>KeptInputDialog</name>
    <message>
        <source>保留的输入</source>
        <translation>Kept input</translation>
    </message>
    <message>
        <source>“{title}”在锁定前输入的内容如下。请复制后重新填写，关闭本窗口后不再保留。</source>
        <translation>Below is what was typed in &quot;{title}&quot; before the lock. Copy it and fill in the form again; it is gone once this window closes.</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>LeavePage</name>
    <message>
        <source>老师确认</source>
        <translation>Teacher&apos;s confirmation</translation>
    </message>
    <message>
        <source>老师的密码</source>
        <translation>Teacher&apos;s password</translation>
    </message>
    <message>
        <source>正在核对…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>返回作答</source>
        <translation>Back to the questions</translation>
    </message>
    <message>
        <source>退出学生作答模式</source>
        <translation>Leave student mode</translation>
    </message>
    <message>
        <source>重新保存</source>
        <translation>Save again</translation>
    </message>
    <message>
        <source>不保存，退出</source>
        <translation>Leave without saving</translation>
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
        <source>作答已完成。请老师输入密码，回到工作台。</source>
        <translation>The answers are complete. A teacher enters a password to return to the program.</translation>
    </message>
    <message>
        <source>退出学生作答模式需要老师的密码。未完成的作答不会保存。</source>
        <translation>Leaving student mode needs a teacher&apos;s password. Unfinished answers are not saved.</translation>
    </message>
    <message>
        <source>作答没有保存成功。可以重新保存，或不保存退出。</source>
        <translation>The answers were not saved. Save again, or leave without saving.</translation>
    </message>
</context>
<context>
    <name>LevelBadge</name>
    <message>
        <source>未评估</source>
        <translation>Not assessed</translation>
    </message>
</context>
<context>
    <name>LockManager</name>
    <message>
        <source>遮挡屏幕</source>
        <translation>Hide screen</translation>
    </message>
    <message>
        <source>立即遮挡窗口内容，不锁定（Ctrl+B）</source>
        <translation>Hide the window contents at once, without locking (Ctrl+B)</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>立即锁定（Ctrl+L）</source>
        <translation>Lock now (Ctrl+L)</translation>
    </message>
    <message>
        <source>对话框</source>
        <translation>Dialog</translation>
    </message>
    <message>
        <source>有未保存的输入</source>
        <translation>Unsaved input</translation>
    </message>
    <message>
        <source>锁定时“{title}”中有未保存的输入，无法自动恢复。保留这些内容以便复制，还是放弃？</source>
        <translation>&quot;{title}&quot; had unsaved input when the program locked, and it cannot be restored automatically. Keep the text so you can copy it, or discard it?</translation>
    </message>
    <message>
        <source>保留</source>
        <translation>Keep</translation>
    </message>
    <message>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>锁定期间</source>
        <translation>While the program was locked</translation>
    </message>
    <message>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message numerus="yes">
        <source>{user} 锁定前有 %n 处未保存的输入。换其他账户解锁将放弃这些输入。继续吗？</source>
        <translation>
            <numerusform>{user} had unsaved input in %n place before the lock. Unlocking with another account discards it. Continue?</numerusform>
            <numerusform>{user} had unsaved input in %n places before the lock. Unlocking with another account discards it. Continue?</numerusform>
        </translation>
    </message>
    <message>
        <source>放弃并切换</source>
        <translation>Discard and switch</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>心理辅导工作台</source>
        <translation>Counselor Desk</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
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
        <source>切换用户…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <source>（学校）</source>
        <translation>(school)</translation>
    </message>
    <message>
        <source>已锁定 · {user}（{role}）</source>
        <translation>Locked · {user} ({role})</translation>
    </message>
    <message>
        <source>一段时间无人操作，已自动锁定，以保护学生隐私。</source>
        <translation>Locked automatically after a while without use, to protect students&apos; privacy.</translation>
    </message>
    <message>
        <source>电脑锁屏或休眠时已自动锁定。</source>
        <translation>Locked automatically when the computer locked its screen or went to sleep.</translation>
    </message>
    <message>
        <source>已锁定。输入密码后回到锁定前的页面，未保存的输入会保留。</source>
        <translation>Locked. Enter the password to return to where you were; unsaved input is kept.</translation>
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
        <source>辅导室</source>
        <translation>Counselling room</translation>
    </message>
    <message>
        <source>心理委员</source>
        <translation>Class monitors</translation>
    </message>
    <message>
        <source>家校共育</source>
        <translation>Parents and home</translation>
    </message>
    <message>
        <source>摸排与分级</source>
        <translation>Screening and risk</translation>
    </message>
    <message>
        <source>危机干预</source>
        <translation>Crisis plans</translation>
    </message>
    <message>
        <source>活动与会议</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>自查与上报</source>
        <translation>Self-check</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
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
        <source>正在备份数据，完成后程序自动关闭…</source>
        <translation>Backing up the data; the program closes when it is done…</translation>
    </message>
    <message>
        <source>退出时的备份没有完成</source>
        <translation>The backup on exit did not finish</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>MonitorsPage</name>
    <message>
        <source>心理委员</source>
        <translation>Class monitors</translation>
    </message>
</context>
<context>
    <name>PaperAnswersModel</name>
    <message>
        <source>学号</source>
        <translation>Student no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>已答</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Sum</translation>
    </message>
    <message>
        <source>缺席</source>
        <translation>Absent</translation>
    </message>
</context>
<context>
    <name>PaperEntryDialog</name>
    <message>
        <source>纸质答卷录入</source>
        <translation>Paper answer entry</translation>
    </message>
    <message>
        <source>开始录入</source>
        <translation>Start entry</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>量表</source>
        <translation>Scale</translation>
    </message>
    <message>
        <source>数字键：录入并跳到下一题 · Backspace：退回上一题并清除 · 空格：留空（选答题） · -（减号）：标记或取消缺席 · 方向键：移动</source>
        <translation>Digit: enter and go to the next item · Backspace: back one item and clear it · Space: leave blank (optional item) · - (minus): mark or unmark absent · Arrows: move</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>请选择班级和量表。</source>
        <translation>Choose a class and a scale.</translation>
    </message>
    <message>
        <source>{scale} 有两位数的选项分值，不能逐键录入。</source>
        <translation>{scale} has answer values of two digits and cannot be typed in key by key.</translation>
    </message>
    <message>
        <source>重新开始录入</source>
        <translation>Start entry again</translation>
    </message>
    <message>
        <source>已录入的答卷还没有保存，重新开始将清空。继续吗？</source>
        <translation>The answers typed in are not saved yet; starting again clears them. Go on?</translation>
    </message>
    <message>
        <source>清空并重新开始</source>
        <translation>Clear and start again</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>这个班级在该日期没有学生。</source>
        <translation>The class has no students on that day.</translation>
    </message>
    <message>
        <source>{name} 已标记缺席；按 - 取消缺席后再录入。</source>
        <translation>{name} is marked absent; press - to unmark before typing.</translation>
    </message>
    <message>
        <source>{digit} 不是第 {item} 题的选项（可填：{allowed}），未录入。</source>
        <translation>{digit} is not an answer to item {item} (allowed: {allowed}); not entered.</translation>
    </message>
    <message>
        <source>已到最后一名学生的最后一题。核对无误后请保存。</source>
        <translation>This was the last item of the last student. Check, then save.</translation>
    </message>
    <message>
        <source>共 {total} 人：已录完 {complete} 人，缺席 {absent} 人，未完成 {to_do} 人</source>
        <translation>{total} students: {complete} complete, {absent} absent, {to_do} to do</translation>
    </message>
    <message>
        <source>……另有 {count} 名学生</source>
        <translation>… and {count} more students</translation>
    </message>
    <message>
        <source>以下答卷还不完整（或标记为缺席）：
{problems}</source>
        <translation>These sheets are not complete (or mark the student absent):
{problems}</translation>
    </message>
    <message>
        <source>没有要保存的答卷：每名学生都标记了缺席。</source>
        <translation>Nothing to save: every student is marked absent.</translation>
    </message>
    <message>
        <source>去掉没有知情同意的学生后，没有要保存的答卷。</source>
        <translation>Without the students who have no consent there is nothing to save.</translation>
    </message>
    <message numerus="yes">
        <source>已保存 %n 名学生的答卷。</source>
        <translation>
            <numerusform>Saved the answers of %n student.</numerusform>
            <numerusform>Saved the answers of %n students.</numerusform>
        </translation>
    </message>
    <message>
        <source>关闭纸质答卷录入</source>
        <translation>Close paper answer entry</translation>
    </message>
    <message>
        <source>已录入的答卷还没有保存。关闭后这些录入将丢失。</source>
        <translation>The answers typed in are not saved yet. Closing loses them.</translation>
    </message>
    <message>
        <source>放弃并关闭</source>
        <translation>Discard and close</translation>
    </message>
    <message>
        <source>继续录入</source>
        <translation>Go on typing</translation>
    </message>
</context>
<context>
    <name>PrintoutDialog</name>
    <message>
        <source>打印空白答题卡</source>
        <translation>Print a blank answer sheet</translation>
    </message>
    <message>
        <source>打印知情同意书</source>
        <translation>Print consent forms</translation>
    </message>
    <message>
        <source>测评情况汇总（给校领导，不含姓名）</source>
        <translation>Screening summary (for the school leader, no names)</translation>
    </message>
    <message>
        <source>留空：全班每人一页</source>
        <translation>Leave blank: a page for every student of the class</translation>
    </message>
    <message>
        <source>全部量表</source>
        <translation>All scales</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>学号</source>
        <translation>Student no.</translation>
    </message>
    <message>
        <source>量表</source>
        <translation>Scale</translation>
    </message>
    <message>
        <source>学年</source>
        <translation>School year</translation>
    </message>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>本学年还没有班级。</source>
        <translation>This school year has no classes yet.</translation>
    </message>
</context>
<context>
    <name>ProblemTableModel</name>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <source>工作簿未导入</source>
        <translation>Workbook not imported</translation>
    </message>
    <message>
        <source>没有导入任何内容</source>
        <translation>Nothing was imported</translation>
    </message>
    <message>
        <source>复制全部</source>
        <translation>Copy all</translation>
    </message>
    <message>
        <source>复制为表格，可直接粘贴到 Excel</source>
        <translation>Copy as a table that pastes straight into Excel</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>已复制 {count} 处问题。</source>
        <translation>Problems copied: {count}.</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>文本文件 (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <source>导入问题_{workbook}.csv</source>
        <translation>import_problems_{workbook}.csv</translation>
    </message>
    <message>
        <source>保存问题清单</source>
        <translation>Save the list of problems</translation>
    </message>
    <message>
        <source>无法保存：{detail}</source>
        <translation>Could not save: {detail}</translation>
    </message>
    <message>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>Questions</name>
    <message>
        <source>确定</source>
        <extracomment>The icons a box may show (so callers need not import QMessageBox).</extracomment>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>QuickSession</name>
    <message>
        <source>{name}（{number}，{class_name}）</source>
        <translation>{name} ({number}, {class_name})</translation>
    </message>
</context>
<context>
    <name>QuickSessionDialog</name>
    <message>
        <source>快速记录辅导</source>
        <translation>Record a session</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>（未评估）</source>
        <translation>(not assessed)</translation>
    </message>
    <message>
        <source>辅导摘要（保密）</source>
        <translation>Session summary (confidential)</translation>
    </message>
    <message>
        <source>例如：下周同一时间再谈</source>
        <translation>e.g. meet again at the same time next week</translation>
    </message>
    <message>
        <source>学生</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>回车选中学生 · Tab 下一项 · Ctrl+Enter 保存 · Esc 关闭</source>
        <translation>Enter picks the student · Tab next field · Ctrl+Enter saves · Esc closes</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存（Ctrl+Enter）</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>（未填）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>没有找到“{query}”：请输入在读学生的姓名、拼音首字母或学号</source>
        <translation>Nothing found for &quot;{query}&quot;: type an enrolled student&apos;s name, pinyin initials or student no.</translation>
    </message>
    <message>
        <source>数据库为只读，现在不能保存。</source>
        <translation>The database is read-only; nothing can be saved now.</translation>
    </message>
    <message>
        <source>管理员账户不能记录辅导：辅导记录含保密内容，只有心理教师可以填写。</source>
        <translation>Administrator accounts cannot record sessions: session records are confidential, and only counsellors can fill them in.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>（没有心理教师，请先在“设置”中登记）</source>
        <translation>(no counsellors: add one in &quot;Settings&quot; first)</translation>
    </message>
    <message>
        <source>{field}：{problems}</source>
        <translation>{field}: {problems}</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>没有保存：{detail}</source>
        <translation>Not saved: {detail}</translation>
    </message>
    <message>
        <source>放弃这次记录？</source>
        <translation>Discard this session?</translation>
    </message>
    <message>
        <source>这次辅导还没有保存。关闭后填写的内容会丢失。</source>
        <translation>This session has not been saved. What you entered is lost when you close.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <source>保存时出错：{detail}</source>
        <translation>Saving failed: {detail}</translation>
    </message>
</context>
<context>
    <name>RecordFormDialog</name>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存（Ctrl+Enter）</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>管理员可以查看这类记录，但不能新建或修改（其中含有保密内容）。</source>
        <translation>Administrators can view these records but cannot create or change them (they hold confidential content).</translation>
    </message>
    <message>
        <source>还有 {count} 项需要填写或修改</source>
        <translation>Fields still to fill in or correct: {count}</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>没有保存：{reason}</source>
        <translation>Not saved: {reason}</translation>
    </message>
    <message>
        <source>保存时出错：{detail}</source>
        <translation>Saving failed: {detail}</translation>
    </message>
    <message>
        <source>放弃输入</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <source>已填写的内容还没有保存。确定放弃吗？</source>
        <translation>What you entered has not been saved. Discard it?</translation>
    </message>
    <message>
        <source>查看{record}</source>
        <translation>View {record}</translation>
    </message>
    <message>
        <source>新建{record}</source>
        <translation>New {record}</translation>
    </message>
    <message>
        <source>编辑{record}</source>
        <translation>Edit {record}</translation>
    </message>
</context>
<context>
    <name>RecordListView</name>
    <message>
        <source>搜索：姓名、学号、教师、内容…</source>
        <translation>Search: name, no., teacher, text…</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>撤销删除</source>
        <translation>Undo delete</translation>
    </message>
    <message>
        <source>新建（Ctrl+Shift+N）</source>
        <translation>New (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>编辑选中的记录（回车或双击）</source>
        <translation>Edit the selected record (Enter or double-click)</translation>
    </message>
    <message>
        <source>删除选中的记录（Delete），可撤销</source>
        <translation>Delete the selected record (Delete); can be undone</translation>
    </message>
    <message>
        <source>恢复最近一次删除的记录（Ctrl+Z）</source>
        <translation>Restore the last deleted record (Ctrl+Z)</translation>
    </message>
    <message>
        <source>管理员可以查看这类记录（保密内容除外），但不能新建、修改或删除。</source>
        <translation>Administrators can view these records (except confidential content) but cannot create, change or delete them.</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>显示 {shown} 条，共 {total} 条</source>
        <translation>Showing {shown} of {total}</translation>
    </message>
    <message>
        <source>共 {total} 条</source>
        <translation>Total: {total}</translation>
    </message>
    <message>
        <source>删除记录</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <source>删除这条{record}吗？
{what}

删除后可以立即撤销（Ctrl+Z），或在 30 天内从回收站恢复。</source>
        <translation>Delete this {record}?
{what}

You can undo this at once (Ctrl+Z) or restore it from the recycle bin within 30 days.</translation>
    </message>
    <message>
        <source>已删除{title}。</source>
        <translation>Deleted the {title}.</translation>
    </message>
    <message>
        <source>没有可以撤销的删除。</source>
        <translation>Nothing to undo.</translation>
    </message>
    <message>
        <source>已恢复{title}。</source>
        <translation>Restored the {title}.</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>（无权查看）</source>
        <translation>(not permitted)</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>核对打印的恢复密钥</source>
        <translation>Check the printed recovery key</translation>
    </message>
    <message>
        <source>8 组，每组 4 个字母或数字</source>
        <translation>8 groups of 4 letters or digits</translation>
    </message>
    <message>
        <source>核对</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>核对无误后，这份恢复密钥也能打开辅导记录等保密内容。</source>
        <translation>Once checked, this recovery key also opens session notes and other confidential records.</translation>
    </message>
    <message>
        <source>生成新的恢复密钥</source>
        <translation>Make a new recovery key</translation>
    </message>
    <message>
        <source>找不到打印的恢复密钥时使用。新密钥生成后，旧的立即失效；新密钥只显示这一次。</source>
        <translation>For when the printed recovery key cannot be found. The old key stops working at once; the new one is shown only this once.</translation>
    </message>
    <message>
        <source>生成新的恢复密钥…</source>
        <translation>Make a new recovery key…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>恢复密钥正确，现在它也能打开保密内容。</source>
        <translation>The recovery key is correct; it now opens confidential records too.</translation>
    </message>
    <message>
        <source>生成新的恢复密钥？旧的恢复密钥将立即失效，请随后打印或抄写新密钥。</source>
        <translation>Make a new recovery key? The old one stops working at once; print or copy the new one next.</translation>
    </message>
    <message>
        <source>新的恢复密钥只显示这一次：请现在打印或抄写，并锁好保管。</source>
        <translation>The new recovery key is shown only this once: print or copy it now and lock it away.</translation>
    </message>
    <message>
        <source>已发送到打印机。请确认打印件清楚完整。</source>
        <translation>Sent to the printer. Check that the printout is clear and complete.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPage</name>
    <message>
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>忘记密码或心理教师离职时，只有恢复密钥能打开数据。它只显示这一次，请现在打印或抄写下来。</source>
        <translation>If a password is forgotten or the counsellor leaves, only the recovery key can open the data. It is shown this once only: print it or write it down now.</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>请把打印件放进上锁的柜子或交学校负责人保管，不要和电脑放在一起，不要拍照或存在电脑里。</source>
        <translation>Keep the printout in a locked cabinet or give it to the person in charge at the school. Do not keep it near the computer, photograph it or store it on a computer.</translation>
    </message>
    <message>
        <source>我已打印或抄写恢复密钥，并已妥善保管</source>
        <translation>I have printed or written down the recovery key and stored it safely</translation>
    </message>
    <message>
        <source>已发送到打印机。请确认打印件清楚完整。</source>
        <translation>Sent to the printer. Check that the printout is clear and complete.</translation>
    </message>
</context>
<context>
    <name>RedactedEditor</name>
    <message>
        <source>（无权查看）</source>
        <translation>(not permitted to view)</translation>
    </message>
</context>
<context>
    <name>RefComboEditor</name>
    <message>
        <source>输入姓名或从列表中选择</source>
        <translation>Type a name or choose from the list</translation>
    </message>
    <message>
        <source>输入名称或从列表中选择</source>
        <translation>Type a name or choose from the list</translation>
    </message>
    <message>
        <source>请从列表中选择</source>
        <translation>Please choose from the list</translation>
    </message>
</context>
<context>
    <name>RefListEditor</name>
    <message>
        <source>输入或选择后按回车添加</source>
        <translation>Type or choose, then press Enter to add</translation>
    </message>
    <message>
        <source>按回车把“{text}”加入，或清空输入框</source>
        <translation>Press Enter to add &quot;{text}&quot;, or clear the field</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>记录转介的变化</source>
        <translation>Record a referral change</translation>
    </message>
</context>
<context>
    <name>ReferralTableModel</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>转介状态</source>
        <translation>Referral state</translation>
    </message>
    <message>
        <source>机构</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>ReporterEditor</name>
    <message>
        <source>教职工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>学生</source>
        <translation>Student</translation>
    </message>
</context>
<context>
    <name>RiskChart</name>
    <message>
        <source>没有风险等级记录</source>
        <translation>No risk levels recorded</translation>
    </message>
    <message>
        <source>{date}：{level}（{source}）</source>
        <translation>{date}: {level} ({source})</translation>
    </message>
</context>
<context>
    <name>RolloverDialog</name>
    <message>
        <source>升级到新学年</source>
        <translation>Move up to the new school year</translation>
    </message>
    <message>
        <source>从 {old} 升级到 {new}</source>
        <translation>From {old} to {new}</translation>
    </message>
    <message>
        <source>请逐行核对：各班升一个年级，班级编号和名称可以双击修改，班主任默认不变；勾选“毕业”的班级，其在读学生将标为毕业。已转出的学生不再分班。新生和重新分班请在升级后用名册工作簿导入。</source>
        <translation>Check each row: every class moves up a grade; double-click a class code or name to change it; head teachers stay unless changed. The enrolled students of a class ticked &quot;Graduates&quot; are marked as graduated. Students who transferred out are not carried over. Import new students and any reshuffle from a roster workbook after the roll-over.</translation>
    </message>
    <message>
        <source>毕业生离校日期</source>
        <translation>Graduates leave on</translation>
    </message>
    <message>
        <source>默认是学年的最后一天，毕业生仍计入本学年各学期的自查。</source>
        <translation>By default the school year&apos;s last day, so graduates still count in the self-check of all its terms.</translation>
    </message>
    <message>
        <source>确认升级…</source>
        <translation>Move up…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{summary}。

升级后，学校进入{new}；在新学年写入第一条记录之前可以撤销。确定升级？</source>
        <translation>{summary}.

The school will then be in {new}. This can be undone until the first record of the new year is written. Move up now?</translation>
    </message>
    <message>
        <source>确认升级</source>
        <translation>Move up to the new school year</translation>
    </message>
    <message>
        <source>正在升级到{new}…</source>
        <translation>Moving up to {new}…</translation>
    </message>
    <message>
        <source>锁定前开始的学年升级已经完成：{summary}。</source>
        <translation>The move up to the new school year started before locking is done: {summary}.</translation>
    </message>
    <message>
        <source>锁定前开始的学年升级没有完成，数据没有改动：{detail}</source>
        <translation>The move up to the new school year started before locking did not finish; nothing was changed: {detail}</translation>
    </message>
</context>
<context>
    <name>RolloverPlanModel</name>
    <message>
        <source>原班级</source>
        <translation>Class now</translation>
    </message>
    <message>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>新班级编号</source>
        <translation>New class code</translation>
    </message>
    <message>
        <source>新班级名称</source>
        <translation>New class name</translation>
    </message>
    <message>
        <source>班主任</source>
        <translation>Head teacher</translation>
    </message>
    <message>
        <source>学生</source>
        <translation>Students</translation>
    </message>
    <message>
        <source>毕业</source>
        <translation>Graduates</translation>
    </message>
    <message>
        <source>{grade} 年级 → 毕业</source>
        <translation>Grade {grade} → graduates</translation>
    </message>
    <message>
        <source>{grade} → {new} 年级</source>
        <translation>Grade {grade} → {new}</translation>
    </message>
    <message>
        <source>（未定）</source>
        <translation>(none yet)</translation>
    </message>
</context>
<context>
    <name>RoomPage</name>
    <message>
        <source>辅导室</source>
        <translation>Counselling room</translation>
    </message>
    <message>
        <source>上一周（Alt+←）</source>
        <translation>Previous week (Alt+←)</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>下一周（Alt+→）</source>
        <translation>Next week (Alt+→)</translation>
    </message>
    <message>
        <source>转到包含这一天的一周</source>
        <translation>Go to the week with this day</translation>
    </message>
    <message>
        <source>打印本周开放安排…</source>
        <translation>Print opening hours…</translation>
    </message>
    <message>
        <source>在打印预览中查看本周的门牌开放安排（不含学生信息），并从那里打印</source>
        <translation>See this week&apos;s door schedule (no student information) in the print preview and print it from there</translation>
    </message>
    <message>
        <source>保存本周的门牌开放安排（PDF，不含学生信息），并用系统的阅读器打开以便打印</source>
        <translation>Save this week&apos;s opening hours for the door sign (PDF, no student details) and open them in the system viewer for printing</translation>
    </message>
    <message>
        <source>保存PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>把本周的门牌开放安排保存为 PDF 文件，例如存到U盘带去打印</source>
        <translation>Save this week&apos;s door schedule as a PDF file, for example on a USB stick to print elsewhere</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>预约</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <source>开放时间与值班</source>
        <translation>Opening hours and duty</translation>
    </message>
    <message>
        <source>停开日期（本学期）</source>
        <translation>Closure days (this term)</translation>
    </message>
    <message>
        <source>停开日期（{year} 年）</source>
        <translation>Closure days ({year})</translation>
    </message>
    <message>
        <source>读取辅导室安排时出错：{detail}</source>
        <translation>Could not load the room schedule: {detail}</translation>
    </message>
    <message>
        <source>{month}月{day}日</source>
        <translation>{month}/{day}</translation>
    </message>
    <message>
        <source>{first}–{last}</source>
        <translation>{first}–{last}</translation>
    </message>
    <message>
        <source>{span}（不在学期内）</source>
        <translation>{span} (not in a term)</translation>
    </message>
    <message>
        <source>{term} · 第 {number} 周 · {span}</source>
        <translation>{term} · week {number} · {span}</translation>
    </message>
    <message>
        <source>本周不在学期内，不计开放时长</source>
        <translation>This week is not in a term; opening hours are not counted</translation>
    </message>
    <message>
        <source>本周开放 {open} 小时 / 要求 {required} 小时</source>
        <translation>Open this week: {open} h / required: {required} h</translation>
    </message>
    <message>
        <source>（{days} 个上学日）</source>
        <translation> (school days: {days})</translation>
    </message>
    <message>
        <source>，不足</source>
        <translation>, short of the requirement</translation>
    </message>
    <message>
        <source>预约已保存。</source>
        <translation>Appointment saved.</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>{who} 的预约已改为“{state}”。</source>
        <translation>The appointment for {who} is now &quot;{state}&quot;.</translation>
    </message>
    <message>
        <source>{date} {start} 的预约</source>
        <translation>the appointment on {date} at {start}</translation>
    </message>
    <message>
        <source>开放时段 {weekday} {start}–{end}</source>
        <translation>the open slot {weekday} {start}–{end}</translation>
    </message>
    <message>
        <source>停开日期 {date}</source>
        <translation>the closure day {date}</translation>
    </message>
    <message>
        <source>已删除{what}。</source>
        <translation>Deleted {what}.</translation>
    </message>
    <message>
        <source>已撤销删除。</source>
        <translation>Deletion undone.</translation>
    </message>
    <message>
        <source>没有可撤销的删除。</source>
        <translation>Nothing to undo.</translation>
    </message>
    <message>
        <source>没有保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>辅导室开放安排_{monday}.pdf</source>
        <translation>room_hours_{monday}.pdf</translation>
    </message>
    <message>
        <source>打印预览 · 本周开放安排</source>
        <translation>Print preview · this week&apos;s door schedule</translation>
    </message>
    <message>
        <source>保存本周开放安排</source>
        <translation>Save this week&apos;s opening hours</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>本周开放安排已保存到 {path}。</source>
        <translation>This week&apos;s door schedule was saved to {path}.</translation>
    </message>
    <message>
        <source>没有生成</source>
        <translation>Not made</translation>
    </message>
    <message>
        <source>本周开放安排没有生成：{detail}</source>
        <translation>This week&apos;s door schedule was not made: {detail}</translation>
    </message>
    <message>
        <source>正在生成本周开放安排…</source>
        <translation>Creating this week&apos;s opening hours…</translation>
    </message>
    <message>
        <source>本周开放安排已保存到 {path}，已用系统的阅读器打开，可从那里打印。</source>
        <translation>This week&apos;s opening hours were saved to {path} and opened in the system viewer; print them from there.</translation>
    </message>
</context>
<context>
    <name>RoomText</name>
    <message>
        <source>{holiday}
放假</source>
        <translation>{holiday}
Holiday</translation>
    </message>
    <message>
        <source>暂停开放
{reason}</source>
        <translation>Closed
{reason}</translation>
    </message>
    <message>
        <source>暂停开放</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>RosterTab</name>
    <message>
        <source>本周没有登记开放时间。点“添加时段”登记每周的开放时间和值班教师。</source>
        <translation>No opening hours are set for this week. Click &quot;Add slot&quot; to set the weekly opening hours and teachers on duty.</translation>
    </message>
    <message>
        <source>双击时段可修改，双击空白处在该时间添加时段。</source>
        <translation>Double-click a slot to edit it, or an empty cell to add a slot at that time.</translation>
    </message>
    <message>
        <source>显示全部时段（含已失效的）</source>
        <translation>Show all slots (including expired ones)</translation>
    </message>
    <message>
        <source>添加时段…</source>
        <translation>Add slot…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>开放时段与值班教师</source>
        <translation>Open slots and teachers on duty</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>停开日期</source>
        <translation>Closure days</translation>
    </message>
</context>
<context>
    <name>RuleDetailPane</name>
    <message>
        <source>勾选确认…</source>
        <translation>Confirm…</translation>
    </message>
    <message>
        <source>撤销确认</source>
        <translation>Withdraw confirmation</translation>
    </message>
    <message>
        <source>进度：{state}。{words}</source>
        <translation>Progress: {state}. {words}</translation>
    </message>
    <message>
        <source>{unit}（{done}/{needed}）</source>
        <translation>{unit} ({done}/{needed})</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source> 等 {count} 项</source>
        <translation> and more ({count} in all)</translation>
    </message>
    <message>
        <source>落后：{units}</source>
        <translation>Behind: {units}</translation>
    </message>
    <message>
        <source>选择一项查看证据</source>
        <translation>Select an item to see its evidence</translation>
    </message>
    <message>
        <source>（{clause}）</source>
        <translation> ({clause})</translation>
    </message>
    <message>
        <source>编号：{id}{clause}</source>
        <translation>Item: {id}{clause}</translation>
    </message>
    <message>
        <source>标准：{standard}</source>
        <translation>Standard: {standard}</translation>
    </message>
    <message>
        <source>整改：{action}</source>
        <translation>To fix: {action}</translation>
    </message>
    <message>
        <source>修改说明…</source>
        <translation>Edit note…</translation>
    </message>
    <message>
        <source>证据 {count} 项（双击打开相关记录）</source>
        <translation>Evidence: {count} (double-click to open the record)</translation>
    </message>
    <message>
        <source>这一项没有列出证据。</source>
        <translation>No evidence is listed for this item.</translation>
    </message>
</context>
<context>
    <name>RuleTableModel</name>
    <message>
        <source>（{clause}）</source>
        <translation> ({clause})</translation>
    </message>
    <message>
        <source>一级指标</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>二级指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>自查情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
</context>
<context>
    <name>SchoolPage</name>
    <message>
        <source>欢迎使用心理辅导工作台</source>
        <translation>Welcome to Counselor Desk</translation>
    </message>
    <message>
        <source>首先填写学校名称。所有数据只保存在这台电脑上，并经过加密，只有知道密码的人能打开。</source>
        <translation>Start with the school&apos;s name. All data stays on this computer, encrypted: only people who know a password can open it.</translation>
    </message>
    <message>
        <source>例如：阳光实验学校</source>
        <translation>e.g. Sunshine Experimental School</translation>
    </message>
    <message>
        <source>数据文件夹：{path}</source>
        <translation>Data folder: {path}</translation>
    </message>
    <message>
        <source>建立学校共四步：
1. 学校名称
2. 学期（辅导记录和自查按学期计算）
3. 第一个账户和密码
4. 恢复密钥：只显示一次，请准备好打印机或纸笔。</source>
        <translation>Setting up the school takes four steps:
1. School name
2. Terms (sessions and self-checks are counted by term)
3. First account and password
4. Recovery key: shown only once, so have a printer or pen and paper ready.</translation>
    </message>
    <message>
        <source>学校名称</source>
        <translation>School name</translation>
    </message>
</context>
<context>
    <name>SchoolSection</name>
    <message>
        <source>（未填）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>每行一个校区；只有一个校区可不填</source>
        <translation>One campus per line; leave empty if there is only one</translation>
    </message>
    <message>
        <source>例如 0527-1234567</source>
        <translation>e.g. 0527-1234567</translation>
    </message>
    <message>
        <source>例如 教学楼一楼心理信箱</source>
        <translation>e.g. mailbox, ground floor of the main building</translation>
    </message>
    <message>
        <source>例如 12356</source>
        <translation>e.g. 12356</translation>
    </message>
    <message>
        <source>平方米，例如 24</source>
        <translation>m², e.g. 24</translation>
    </message>
    <message>
        <source>每行一项，例如：沙盘、心理测量软件、团体辅导箱</source>
        <translation>One per line, e.g. sand tray, assessment software, group counselling kit</translation>
    </message>
    <message>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <source>学校名称</source>
        <translation>School name</translation>
    </message>
    <message>
        <source>学段</source>
        <translation>School level</translation>
    </message>
    <message>
        <source>校区</source>
        <translation>Campuses</translation>
    </message>
    <message>
        <source>校内求助电话</source>
        <translation>School help line</translation>
    </message>
    <message>
        <source>心理信箱</source>
        <translation>Counselling mailbox</translation>
    </message>
    <message>
        <source>校外求助热线</source>
        <translation>Outside hotline</translation>
    </message>
    <message>
        <source>心理辅导室</source>
        <translation>Counselling room</translation>
    </message>
    <message>
        <source>面积（平方米）</source>
        <translation>Area (m²)</translation>
    </message>
    <message>
        <source>功能区</source>
        <translation>Areas</translation>
    </message>
    <message>
        <source>预约方式</source>
        <translation>Ways to book</translation>
    </message>
    <message>
        <source>设备</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>还原</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>放弃未保存的修改，显示已保存的内容</source>
        <translation>Discard unsaved changes and show what is saved</translation>
    </message>
    <message>
        <source>学校信息已保存。</source>
        <translation>School details saved.</translation>
    </message>
    <message>
        <source>没有需要保存的修改。</source>
        <translation>There are no changes to save.</translation>
    </message>
</context>
<context>
    <name>SchoolYearEditor</name>
    <message>
        <source>留空为当前学年</source>
        <translation>Empty: the current school year</translation>
    </message>
</context>
<context>
    <name>ScreenBlanker</name>
    <message>
        <source>心理辅导工作台</source>
        <translation>Counselor Desk</translation>
    </message>
</context>
<context>
    <name>ScreeningEntries</name>
    <message>
        <source>学生作答模式…</source>
        <translation>Student mode…</translation>
    </message>
    <message>
        <source>让一名学生在本机全屏作答量表；退出需要老师的密码</source>
        <translation>A student answers a scale on this PC, full screen; leaving needs a teacher&apos;s password</translation>
    </message>
    <message>
        <source>纸质答卷录入…</source>
        <translation>Paper answer entry…</translation>
    </message>
    <message>
        <source>按班级用键盘录入纸质答卷，逐题逐人</source>
        <translation>Type in a class&apos;s paper answer sheets by keyboard, item by item, student by student</translation>
    </message>
    <message>
        <source>导入测评平台数据…</source>
        <translation>Import a screening platform&apos;s export…</translation>
    </message>
    <message>
        <source>读入测评平台导出的 Excel 或 CSV，按列对应关系计分</source>
        <translation>Read a screening platform&apos;s Excel or CSV export and score it through a column mapping</translation>
    </message>
    <message>
        <source>只有心理教师账户可以给学生测评或录入答卷</source>
        <translation>Only a counsellor account can give a scale or type in answer sheets</translation>
    </message>
</context>
<context>
    <name>ScreeningImportDialog</name>
    <message>
        <source>导入测评平台数据</source>
        <translation>Import a screening platform&apos;s export</translation>
    </message>
    <message>
        <source>还没有选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>保存对应方案…</source>
        <translation>Save mapping…</translation>
    </message>
    <message>
        <source>整个文件用同一个测评日期</source>
        <translation>One screening date for the whole file</translation>
    </message>
    <message>
        <source>导出文件</source>
        <translation>Export file</translation>
    </message>
    <message>
        <source>量表</source>
        <translation>Scale</translation>
    </message>
    <message>
        <source>列对应方案</source>
        <translation>Column mapping</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>以上学生在测评当天没有测评知情同意。确认作为例外导入，请写明理由：</source>
        <translation>The students above had no consent to screening on the day. To import them as an exception, write the reason:</translation>
    </message>
    <message>
        <source>例外理由（随每份测评保存，并记入审计日志）</source>
        <translation>Reason for the exception (kept with each screening and counted in the audit trail)</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>文件中的列（每一项选文件中的哪一列）：</source>
        <translation>Columns of the file (choose the file&apos;s column for each):</translation>
    </message>
    <message>
        <source>选择测评平台的导出文件</source>
        <translation>Choose the screening platform&apos;s export</translation>
    </message>
    <message>
        <source>Excel 或 CSV 文件 (*.xlsx *.csv);;所有文件 (*)</source>
        <translation>Excel or CSV files (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>{rows} 行数据</source>
        <translation>{rows} rows of data</translation>
    </message>
    <message>
        <source>；按 {encoding} 编码读取</source>
        <translation>; read as {encoding}</translation>
    </message>
    <message>
        <source>按列名自动对应</source>
        <translation>Mapped from the column names</translation>
    </message>
    <message>
        <source>学号</source>
        <translation>Student no.</translation>
    </message>
    <message>
        <source>姓名（没有学号时）</source>
        <translation>Name (without student no.)</translation>
    </message>
    <message>
        <source>班级（没有学号时）</source>
        <translation>Class (without student no.)</translation>
    </message>
    <message>
        <source>测评日期</source>
        <translation>Screening date</translation>
    </message>
    <message>
        <source>总分（只有总分时）</source>
        <translation>Total (when only the total is given)</translation>
    </message>
    <message>
        <source>第 {number} 题</source>
        <translation>Item {number}</translation>
    </message>
    <message>
        <source>（不对应）</source>
        <translation>(not mapped)</translation>
    </message>
    <message>
        <source>保存对应方案</source>
        <translation>Save the column mapping</translation>
    </message>
    <message>
        <source>方案名称（如测评平台的名字）：</source>
        <translation>Name of the mapping (e.g. the platform&apos;s name):</translation>
    </message>
    <message>
        <source>列对应方案已保存为“{name}”。</source>
        <translation>The column mapping was saved as &apos;{name}&apos;.</translation>
    </message>
    <message>
        <source>正在准备…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <source>正在检查：第 {done} / {total} 行</source>
        <translation>Checking: row {done} of {total}</translation>
    </message>
    <message>
        <source>锁定前开始的测评导入已经完成。</source>
        <translation>The screening import started before locking has finished.</translation>
    </message>
    <message>
        <source>锁定前开始的测评导入没有完成，没有导入任何内容。</source>
        <translation>The screening import started before locking did not finish; nothing was imported.</translation>
    </message>
    <message>
        <source>已导入 {count} 份测评：需约谈 {flagged} 名，其中关键题作答 {critical} 名。</source>
        <translation>Imported {count} screenings: {flagged} need an interview, {critical} of them for a critical item.</translation>
    </message>
</context>
<context>
    <name>ScreeningPage</name>
    <message>
        <source>摸排与分级</source>
        <translation>Screening and risk</translation>
    </message>
    <message>
        <source>筛查待约谈</source>
        <translation>To interview</translation>
    </message>
</context>
<context>
    <name>ScreeningPrintouts</name>
    <message>
        <source>打印答题卡…</source>
        <translation>Answer sheet…</translation>
    </message>
    <message>
        <source>一个班级的空白答题卡：印有姓名和学号、每题的选项分值（保密）</source>
        <translation>A class&apos;s blank answer sheet: names and student numbers printed, each item&apos;s answer values (confidential)</translation>
    </message>
    <message>
        <source>打印知情同意书…</source>
        <translation>Consent forms…</translation>
    </message>
    <message>
        <source>致家长的测评知情同意书（带回执）：一名学生，或全班每人一页</source>
        <translation>The guardians&apos; consent form for screening (with a return slip): one student, or a page per student of a class</translation>
    </message>
    <message>
        <source>测评汇总…</source>
        <translation>Screening summary…</translation>
    </message>
    <message>
        <source>一轮测评的人数汇总，给校领导：按年级、班级、性别，与上学年对比，不含姓名</source>
        <translation>A screening round in numbers for the school leader: by grade, class and sex, against last year, without names</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Making it…</translation>
    </message>
    <message>
        <source>打印预览 · 答题卡</source>
        <translation>Print preview · answer sheet</translation>
    </message>
    <message>
        <source>打印预览 · 知情同意书</source>
        <translation>Print preview · consent forms</translation>
    </message>
    <message>
        <source>打印预览 · 测评汇总</source>
        <translation>Print preview · screening summary</translation>
    </message>
    <message>
        <source>已保存到 {path}。</source>
        <translation>Saved to {path}.</translation>
    </message>
    <message>
        <source>没有生成</source>
        <translation>Not made</translation>
    </message>
    <message>
        <source>打印材料没有生成：{detail}</source>
        <translation>The printout was not made: {detail}</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ScreeningSection</name>
    <message>
        <source> 个上课日</source>
        <translation> school days</translation>
    </message>
    <message>
        <source>量表测评提示需约谈的学生，应在测评后这么多个上课日内约谈（上课日：学期内的周一至周五，不含法定节假日和全校停课日）。关键题（如 PHQ-9 第 9 题）有作答的，一律当天约谈。</source>
        <translation>A student a scale screening flags is interviewed within this many school days (Monday to Friday in a term, without public holidays and days the school was closed). A student who answered a critical item (such as PHQ-9 item 9) is interviewed the same day.</translation>
    </message>
    <message>
        <source>筛查后约谈</source>
        <translation>Interviews after a screening</translation>
    </message>
    <message>
        <source>约谈期限</source>
        <translation>Interview within</translation>
    </message>
    <message numerus="yes">
        <source>已保存：测评提示需约谈的学生在 %n 个上课日内约谈。</source>
        <translation>
            <numerusform>Saved: flagged students are interviewed within %n school day.</numerusform>
            <numerusform>Saved: flagged students are interviewed within %n school days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SelfCheckPage</name>
    <message>
        <source>自查与上报</source>
        <translation>Self-check</translation>
    </message>
    <message>
        <source>运行自查</source>
        <translation>Run self-check</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>学期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>自查标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <source>生成 PDF 并用系统的 PDF 阅读器打开，可在阅读器中打印。</source>
        <translation>Create a PDF and open it in the system&apos;s PDF viewer, where you can print it.</translation>
    </message>
    <message>
        <source>保存PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>保存JSON</source>
        <translation>Save JSON</translation>
    </message>
    <message>
        <source>保存Excel</source>
        <translation>Save Excel</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>只看某一种进度的项目</source>
        <translation>Show only the items with this progress</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>{first} 至 {last}</source>
        <translation>{first} to {last}</translation>
    </message>
    <message>
        <source>{name}（本校）</source>
        <translation>{name} (this school)</translation>
    </message>
    <message>
        <source>还没有学期，无法自查。请先在“设置 › 学期”中添加学期。</source>
        <translation>There are no terms yet, so there is nothing to check. Add a term under &quot;Settings › Terms&quot; first.</translation>
    </message>
    <message>
        <source>第 {week} 周 / 共 {weeks} 周：落后 {behind} · 按进度 {on_track} · 已达标 {met} · 不计进度 {none}</source>
        <translation>Week {week} of {weeks}: behind {behind} · on track {on_track} · met {met} · no progress {none}</translation>
    </message>
    <message>
        <source>已确认 {rule}。</source>
        <translation>Confirmed {rule}.</translation>
    </message>
    <message>
        <source>已撤销对 {rule} 的确认。</source>
        <translation>Confirmation of {rule} withdrawn.</translation>
    </message>
    <message>
        <source>这一项没有可以打开的记录页面。</source>
        <translation>This item has no record page to open.</translation>
    </message>
    <message>
        <source>请在主窗口中打开这一页查看相关记录。</source>
        <translation>Open this page in the main window to see the records.</translation>
    </message>
    <message>
        <source>学期自查</source>
        <translation>self-check</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>JSON 文件 (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>保存自查报告</source>
        <translation>Save self-check report</translation>
    </message>
    <message>
        <source>正在生成 {name} …</source>
        <translation>Creating {name}…</translation>
    </message>
    <message>
        <source>已用系统的 PDF 阅读器打开预览，可在阅读器中打印。</source>
        <translation>The preview is open in the system&apos;s PDF viewer; you can print it from there.</translation>
    </message>
    <message>
        <source>无法打开 PDF 阅读器。请用“保存PDF”保存后再打印。</source>
        <translation>Could not open a PDF viewer. Use &quot;Save PDF&quot; and print the saved file.</translation>
    </message>
    <message>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>辅导记录</source>
        <translation>Sessions</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>学校与辅导室</source>
        <translation>School and room</translation>
    </message>
    <message>
        <source>学期</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>学年</source>
        <translation>School years</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>数据导入导出</source>
        <translation>Import and export</translation>
    </message>
    <message>
        <source>上报</source>
        <translation>Reporting</translation>
    </message>
    <message>
        <source>界面</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>筛查</source>
        <translation>Screening</translation>
    </message>
    <message>
        <source>导入工作簿…</source>
        <translation>Import workbook…</translation>
    </message>
    <message>
        <source>危机干预</source>
        <translation>Crisis work</translation>
    </message>
</context>
<context>
    <name>SlotListModel</name>
    <message>
        <source>待定</source>
        <translation>Not assigned</translation>
    </message>
    <message>
        <source>长期</source>
        <translation>No end</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>值班教师</source>
        <translation>On duty</translation>
    </message>
    <message>
        <source>生效日期</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <source>失效日期</source>
        <translation>Valid until</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>每道题请选一个最符合你情况的答案，答案没有对错之分。可以点“上一题”回去修改。</source>
        <translation>For each question choose the answer that fits you best; there are no right or wrong answers. Use Previous to go back and change an answer.</translation>
    </message>
    <message>
        <source>开始作答</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>{name}同学，你好</source>
        <translation>Hello, {name}</translation>
    </message>
    <message>
        <source>继续作答</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>记录一个步骤</source>
        <translation>Record a step</translation>
    </message>
</context>
<context>
    <name>StepTableModel</name>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>应完成</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>完成日期</source>
        <translation>Done on</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message numerus="yes">
        <source>逾期 %n 天</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>逾期后完成</source>
        <translation>Done late</translation>
    </message>
    <message>
        <source>待完成</source>
        <translation>To do</translation>
    </message>
</context>
<context>
    <name>StudentEditor</name>
    <message>
        <source>请从下拉列表中选择学生（输入后按回车选第一个）</source>
        <translation>Choose a student from the drop-down list (type, then press Enter to take the first one)</translation>
    </message>
</context>
<context>
    <name>StudentFileView</name>
    <message>
        <source>← 返回学生列表</source>
        <translation>← Back to students</translation>
    </message>
    <message>
        <source>返回学生列表（Esc）</source>
        <translation>Back to the student list (Esc)</translation>
    </message>
    <message>
        <source>记录辅导…</source>
        <translation>Record session…</translation>
    </message>
    <message>
        <source>为这名学生快速记录一次辅导</source>
        <translation>Quickly record a session with this student</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>把一生一档保存为 PDF（标注保密）</source>
        <translation>Save the student file as a PDF (marked confidential)</translation>
    </message>
    <message>
        <source>打印一生一策…</source>
        <translation>Print crisis plan…</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>一生一策与关爱小组</source>
        <translation>Crisis plan and care group</translation>
    </message>
    <message>
        <source>选中一条记录，在这里查看详细内容。</source>
        <translation>Select a record to see its details here.</translation>
    </message>
    <message>
        <source>记录时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>正在打开学生档案…</source>
        <translation>Opening the student file…</translation>
    </message>
    <message>
        <source>无法打开学生档案：{detail}</source>
        <translation>Could not open the student file: {detail}</translation>
    </message>
    <message>
        <source>学号 {number}</source>
        <translation>Student no. {number}</translation>
    </message>
    <message>
        <source>班主任：{head}&#x3000;&#x3000;出生日期：{birth}&#x3000;&#x3000;监护人：{guardian}</source>
        <translation>Head teacher: {head}    Born: {birth}    Guardian: {guardian}</translation>
    </message>
    <message>
        <source>{year} {class_name}</source>
        <translation>{year} {class_name}</translation>
    </message>
    <message>
        <source>往年班级：{years}</source>
        <translation>Classes of earlier years: {years}</translation>
    </message>
    <message>
        <source>共 {count} 条</source>
        <translation>Entries: {count}</translation>
    </message>
    <message>
        <source>；管理员账户看不到辅导记录和危机干预的详细内容。</source>
        <translation>; administrator accounts cannot see the details of sessions and crisis plans.</translation>
    </message>
    <message>
        <source>没有与该生有关的记录。</source>
        <translation>There are no records about this student.</translation>
    </message>
    <message>
        <source>自 {date} 起</source>
        <translation>since {date}</translation>
    </message>
    <message>
        <source>没有风险等级记录</source>
        <translation>No risk levels recorded</translation>
    </message>
    <message>
        <source>{date}&#x3000;{level}（{source}）</source>
        <translation>{date}  {level} ({source})</translation>
    </message>
    <message>
        <source>辅导记录中的风险评估（无权查看），以上仅含风险评估与一生一策。</source>
        <translation>Risk levels from counselling sessions are hidden (not permitted to view); the list above shows only risk-level records and crisis plans.</translation>
    </message>
    <message>
        <source>目前没有在案的一生一策。</source>
        <translation>No crisis plan is open.</translation>
    </message>
    <message>
        <source>最近一份已于 {date} 结案。</source>
        <translation> The last one was closed on {date}.</translation>
    </message>
    <message>
        <source>未记录</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <source>建立日期：{created}
等级：{level}
家长知情：{informed}
下次评估：{review}</source>
        <translation>Opened: {created}
Level: {level}
Parents informed: {informed}
Next review: {review}</translation>
    </message>
    <message>
        <source>未定</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>{name}（{role}）</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <source>关爱小组：{members}</source>
        <translation>Care group: {members}</translation>
    </message>
    <message>
        <source>（未登记）</source>
        <translation>(none recorded)</translation>
    </message>
    <message>
        <source>（无权查看）</source>
        <translation>(not permitted to view)</translation>
    </message>
    <message>
        <source>安全计划：{safety}

干预措施：{measures}

转介：{referral}</source>
        <translation>Safety plan: {safety}

Measures: {measures}

Referral: {referral}</translation>
    </message>
    <message>
        <source>一生一档_{number}.pdf</source>
        <translation>student_file_{number}.pdf</translation>
    </message>
    <message>
        <source>保存一生一档 PDF</source>
        <translation>Save student file as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>正在生成一生一档 PDF…</source>
        <translation>Creating the student file PDF…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>打印一生一档</source>
        <translation>Print student file</translation>
    </message>
    <message>
        <source>已取消打印。</source>
        <translation>Printing cancelled.</translation>
    </message>
    <message>
        <source>一生一档已保存：{path}</source>
        <translation>Student file saved: {path}</translation>
    </message>
    <message>
        <source>一生一档已保存</source>
        <translation>Student file saved</translation>
    </message>
    <message>
        <source>已保存到
{path}

现在打开吗？</source>
        <translation>Saved to
{path}

Open it now?</translation>
    </message>
    <message>
        <source>打印失败</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <source>一生一档没有保存：{detail}</source>
        <translation>The student file was not saved: {detail}</translation>
    </message>
    <message numerus="yes">
        <source>{step}：应于 {due} 完成，逾期 %n 天</source>
        <translation>
            <numerusform>{step}: due {due}, %n day overdue</numerusform>
            <numerusform>{step}: due {due}, %n days overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>{step}：{done} 已完成</source>
        <translation>{step}: done {done}</translation>
    </message>
    <message>
        <source>{step}：应于 {due} 完成</source>
        <translation>{step}: due {due}</translation>
    </message>
    <message>
        <source>步骤与期限：</source>
        <translation>Steps and due dates:</translation>
    </message>
</context>
<context>
    <name>StudentModeSetup</name>
    <message>
        <source>学生作答模式</source>
        <translation>Student mode</translation>
    </message>
    <message>
        <source>学生将在本机全屏作答一份量表，看不到分数，也无法打开程序的其他部分。作答结束或中途退出都需要老师的密码。</source>
        <translation>The student answers one scale on this PC, full screen, sees no score and cannot open any other part of the program. Leaving, at the end or before, needs a teacher&apos;s password.</translation>
    </message>
    <message>
        <source>学生</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>量表</source>
        <translation>Scale</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>开始学生作答模式</source>
        <translation>Start student mode</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>注意：{scale} 没有中文版本，学生将看到英文题目。</source>
        <translation>Note: {scale} has no Chinese wording; the student will see the questions in English.</translation>
    </message>
    <message>
        <source>请先选择学生（输入姓名或学号后从下拉列表中选择）。</source>
        <translation>Choose a student first (type a name or student number, then pick from the list).</translation>
    </message>
    <message>
        <source>请选择量表。</source>
        <translation>Choose a scale.</translation>
    </message>
    <message>
        <source>没有中文版本</source>
        <translation>No Chinese wording</translation>
    </message>
    <message>
        <source>{scale} 的量表文件没有中文题目，学生将看到英文原文。请确认该学生能读懂英文后再开始。</source>
        <translation>The scale file of {scale} has no Chinese questions; the student will see the English original. Make sure the student reads English before starting.</translation>
    </message>
    <message>
        <source>用英文开始</source>
        <translation>Start in English</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>StudentModeWindow</name>
    <message>
        <source>学生作答模式</source>
        <translation>Student mode</translation>
    </message>
    <message>
        <source>老师</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <source>老师输入密码后退出学生作答模式</source>
        <translation>A teacher leaves student mode with a password</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>{name} 的 {scale} 作答已保存。</source>
        <translation>The {scale} answers of {name} are saved.</translation>
    </message>
    <message>
        <source>{name} 在学生作答模式中的作答已保存。</source>
        <translation>The answers {name} gave in student mode are saved.</translation>
    </message>
    <message>
        <source>{name} 在学生作答模式中的作答没有保存：{error}</source>
        <translation>The answers {name} gave in student mode were not saved: {error}</translation>
    </message>
</context>
<context>
    <name>StudentPicker</name>
    <message>
        <source>拼音首字母（如 zs）、姓名或学号</source>
        <translation>Pinyin initials (e.g. zs), name or student no.</translation>
    </message>
    <message>
        <source>姓名、拼音首字母（如 zs）或学号</source>
        <translation>Name, pinyin (e.g. zs) or student no.</translation>
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
        <source>双击或按回车打开学生档案</source>
        <translation>Double-click or press Enter to open the student file</translation>
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
    <message numerus="yes">
        <source>共 %n 名学生</source>
        <translation>
            <numerusform>%n student</numerusform>
            <numerusform>%n students</numerusform>
        </translation>
    </message>
    <message>
        <source>查找学生时出错：{detail}</source>
        <translation>The student search failed: {detail}</translation>
    </message>
</context>
<context>
    <name>TermDialog</name>
    <message>
        <source>修改学期</source>
        <translation>Edit term</translation>
    </message>
    <message>
        <source>添加学期</source>
        <translation>Add term</translation>
    </message>
    <message>
        <source>例如 2025—2026学年第一学期</source>
        <translation>e.g. 2025–2026 term 1</translation>
    </message>
    <message>
        <source>学期名称</source>
        <translation>Term name</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>First day</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>Last day</translation>
    </message>
    <message>
        <source>教学周从开始日期所在的周一算起。</source>
        <translation>Teaching weeks are counted from the Monday of the first day&apos;s week.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>保存失败：{detail}</source>
        <translation>Saving failed: {detail}</translation>
    </message>
</context>
<context>
    <name>TermRow</name>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>TermTableModel</name>
    <message>
        <source>学期名称</source>
        <translation>Term name</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>First day</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>Last day</translation>
    </message>
    <message>
        <source>教学周</source>
        <translation>Weeks</translation>
    </message>
</context>
<context>
    <name>TermsPage</name>
    <message>
        <source>学期</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>辅导记录、自查和统计都按学期计算。请至少添加当前学期；日期请按本校校历修改。</source>
        <translation>Sessions, self-checks and statistics are all counted by term. Add at least the current term, and adjust the dates to your school calendar.</translation>
    </message>
    <message>
        <source>学期名称</source>
        <translation>Term name</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>First day</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>Last day</translation>
    </message>
    <message>
        <source>添加学期</source>
        <translation>Add term</translation>
    </message>
</context>
<context>
    <name>TermsSection</name>
    <message>
        <source>自查、辅导记录和开放时间都按学期统计。学期之间不能重叠。</source>
        <translation>Self-checks, sessions and opening hours are all counted by term. Terms may not overlap.</translation>
    </message>
    <message>
        <source>添加学期…</source>
        <translation>Add term…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>撤销删除</source>
        <translation>Undo delete</translation>
    </message>
    <message>
        <source>已添加学期“{name}”。</source>
        <translation>Term &quot;{name}&quot; added.</translation>
    </message>
    <message>
        <source>已保存学期“{name}”。</source>
        <translation>Term &quot;{name}&quot; saved.</translation>
    </message>
    <message>
        <source>删除学期“{name}”（{first} 至 {last}）？删除后可以撤销。</source>
        <translation>Delete term &quot;{name}&quot; ({first} to {last})? You can undo this.</translation>
    </message>
    <message>
        <source>删除学期</source>
        <translation>Delete term</translation>
    </message>
    <message>
        <source>已删除学期“{name}”。</source>
        <translation>Term &quot;{name}&quot; deleted.</translation>
    </message>
    <message>
        <source>已撤销删除。</source>
        <translation>Deletion undone.</translation>
    </message>
    <message>
        <source>没有可以撤销的删除。</source>
        <translation>Nothing to undo.</translation>
    </message>
</context>
<context>
    <name>TextListEditor</name>
    <message>
        <source>多项用“；”隔开</source>
        <translation>Separate items with &quot;;&quot;</translation>
    </message>
</context>
<context>
    <name>ThanksPage</name>
    <message>
        <source>作答完成，谢谢你！</source>
        <translation>All done, thank you!</translation>
    </message>
    <message>
        <source>请告诉老师你已经完成了。</source>
        <translation>Please tell your teacher you have finished.</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>概要</source>
        <translation>Summary</translation>
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
<context>
    <name>WeekGridModel</name>
    <message>
        <source>值班待定</source>
        <translation>Duty not assigned</translation>
    </message>
    <message>
        <source>{first} 起生效</source>
        <translation>valid from {first}</translation>
    </message>
    <message>
        <source>{first} 至 {last} 有效</source>
        <translation>valid {first} to {last}</translation>
    </message>
    <message>
        <source>{day} {time} 值班：{duty}（{valid}）</source>
        <translation>{day} {time} on duty: {duty} ({valid})</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>WorkbookSection</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>下载空白模板…</source>
        <translation>Save blank template…</translation>
    </message>
    <message>
        <source>空白模板</source>
        <translation>Blank template</translation>
    </message>
    <message>
        <source>模板包含每张表和一行示例，“说明”表解释每一列怎么填。请保留第 1 行的列名，删除示例行后再填写；用不到的表可以留空或删除。</source>
        <translation>The template has every sheet with one example row, and the &quot;说明&quot; (instructions) sheet explains how to fill in each column. Keep the column names in row 1 and delete the example rows before filling in; sheets you do not need can be left empty or deleted.</translation>
    </message>
    <message>
        <source>导入工作簿…</source>
        <translation>Import workbook…</translation>
    </message>
    <message>
        <source>导入是“全部或全不”：只要有一处问题，就不导入任何内容，并列出每一处问题。学号、工号、班级编号等相同的行会更新已有记录，同一工作簿导入两次不会重复添加。</source>
        <translation>Importing is all or nothing: if there is a single problem, nothing is imported and every problem is listed. Rows with the same student no., staff no., class code and so on update the existing records, so importing the same workbook twice adds nothing twice.</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>导出全部数据…</source>
        <translation>Export all data…</translation>
    </message>
    <message>
        <source>导出的工作簿没有加密，含学生个人信息和辅导记录、危机干预等保密内容。请只保存在安全的位置（如本机或加密的 U 盘），不要通过微信、QQ 或邮件发送，用完后及时删除。</source>
        <translation>The exported workbook is not encrypted and holds students&apos; personal details and confidential content such as counselling sessions and crisis plans. Keep it only in a safe place (this computer or an encrypted USB stick), never send it by WeChat, QQ or e-mail, and delete it as soon as you are done.</translation>
    </message>
    <message>
        <source>管理员导出的工作簿不含保密的表，但含学生名册等个人信息，没有加密。请只保存在安全的位置，不要通过微信、QQ 或邮件发送，用完后及时删除。</source>
        <translation>A workbook exported by an administrator leaves out the confidential sheets but still holds personal details such as the student roster, and it is not encrypted. Keep it only in a safe place, never send it by WeChat, QQ or e-mail, and delete it as soon as you are done.</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>把本校全部数据导出为一个工作簿（格式与模板相同，可以再导入）。</source>
        <translation>Export all of the school&apos;s data as one workbook (in the same format as the template, so it can be imported again).</translation>
    </message>
    <message>
        <source>管理员账户只能导入这些表：{sheets}。</source>
        <translation>Administrator accounts can import only these sheets: {sheets}.</translation>
    </message>
    <message>
        <source>不导出的表：{sheets}。</source>
        <translation>Sheets not exported: {sheets}.</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>保存空白模板</source>
        <translation>Save blank template</translation>
    </message>
    <message>
        <source>学校数据模板.xlsx</source>
        <translation>school_data_template.xlsx</translation>
    </message>
    <message>
        <source>正在生成模板…</source>
        <translation>Creating the template…</translation>
    </message>
    <message>
        <source>空白模板已保存：{path}</source>
        <translation>Blank template saved: {path}</translation>
    </message>
    <message>
        <source>选择要导入的工作簿</source>
        <translation>Choose the workbook to import</translation>
    </message>
    <message>
        <source>正在读取 {name}…</source>
        <translation>Reading {name}…</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>正在导入：第 {done} / {total} 行</source>
        <translation>Importing: row {done} of {total}</translation>
    </message>
    <message>
        <source>锁定前开始的导入已经完成：{name} 新增 {added} 条，更新 {updated} 条。</source>
        <translation>The import started before the lock has finished: {name} added {added} and updated {updated} records.</translation>
    </message>
    <message>
        <source>导入 {name} 因程序锁定而停止，没有导入任何内容。请重新导入。</source>
        <translation>Importing {name} stopped because the program locked; nothing was imported. Please import it again.</translation>
    </message>
    <message>
        <source>{name} 没有导入：其中有 1 处问题，没有导入任何内容。请重新导入以查看这些问题。</source>
        <translation>{name} was not imported: it has a problem, so nothing was imported. Import it again to see the problem.</translation>
    </message>
    <message>
        <source>{name} 没有导入：其中有 {count} 处问题，没有导入任何内容。请重新导入以查看这些问题。</source>
        <translation>{name} was not imported: it has {count} problems, so nothing was imported. Import it again to see them.</translation>
    </message>
    <message>
        <source>导入 {name} 没有完成：{detail}</source>
        <translation>Importing {name} did not finish: {detail}</translation>
    </message>
    <message>
        <source>导入工作簿</source>
        <translation>Import workbook</translation>
    </message>
    <message>
        <source>已导入 {name}。</source>
        <translation>Imported {name}.</translation>
    </message>
    <message numerus="yes">
        <source>{name} 没有导入：其中有 %n 处问题，没有导入任何内容。</source>
        <translation>
            <numerusform>{name} was not imported: it has %n problem, so nothing was imported.</numerusform>
            <numerusform>{name} was not imported: it has %n problems, so nothing was imported.</numerusform>
        </translation>
    </message>
    <message>
        <source>继续导出？</source>
        <translation>Export anyway?</translation>
    </message>
    <message>
        <source>导出全部数据</source>
        <translation>Export all data</translation>
    </message>
    <message>
        <source>全部数据_{date}.xlsx</source>
        <translation>all_data_{date}.xlsx</translation>
    </message>
    <message>
        <source>正在读取数据…</source>
        <translation>Reading the data…</translation>
    </message>
    <message>
        <source>正在保存文件…</source>
        <translation>Saving the file…</translation>
    </message>
    <message>
        <source>正在导出：第 {done} / {total} 行</source>
        <translation>Exporting: row {done} of {total}</translation>
    </message>
    <message>
        <source>锁定前开始的导出已经完成：{path}。文件没有加密，请妥善保管。</source>
        <translation>The export started before the lock has finished: {path}. The file is not encrypted: keep it safe.</translation>
    </message>
    <message>
        <source>导出全部数据因程序锁定而停止，没有生成文件。请重新导出。</source>
        <translation>Exporting all data stopped because the program locked; no file was written. Please export again.</translation>
    </message>
    <message>
        <source>导出全部数据没有完成：{detail}</source>
        <translation>Exporting all data did not finish: {detail}</translation>
    </message>
    <message>
        <source>已导出 {rows} 行到 {path}。文件没有加密，请妥善保管，用完后及时删除。</source>
        <translation>Exported {rows} rows to {path}. The file is not encrypted: keep it safe and delete it when you are done.</translation>
    </message>
    <message>
        <source>管理员导出的文件不含：{sheets}。</source>
        <translation>An administrator&apos;s export leaves out: {sheets}.</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
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
        <source>量表</source>
        <translation>Scale</translation>
    </message>
    <message>
        <source>测评日期</source>
        <translation>Screened on</translation>
    </message>
    <message>
        <source>总分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>分级</source>
        <translation>Band</translation>
    </message>
    <message>
        <source>关键题</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>应约谈日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>WorklistTab</name>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>记录约谈…</source>
        <translation>Record interview…</translation>
    </message>
    <message>
        <source>量表测评提示需约谈的学生：关键题作答者当天约谈，其他在设置的上课日内约谈（设置 › 筛查）。测评结果不会自动设定风险等级。</source>
        <translation>Students a scale screening flagged: a critical item answered is seen the same day, the others within the school days set in Settings › Screening. A screening never sets a risk level by itself.</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>共 {count} 人次，逾期 {overdue}</source>
        <translation>{count} entries, {overdue} overdue</translation>
    </message>
</context>
<context>
    <name>YearTableModel</name>
    <message>
        <source>学年</source>
        <translation>School year</translation>
    </message>
    <message>
        <source>学期</source>
        <translation>Terms</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>学生</source>
        <translation>Students</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>当前学年</source>
        <translation>Current school year</translation>
    </message>
    <message>
        <source>已于 {day} 升级到下一学年</source>
        <translation>Moved up to the next year on {day}</translation>
    </message>
    <message>
        <source>，</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>YearsSection</name>
    <message>
        <source>每个学年有自己的班级和学生名单，过去学期的自查按当年的班级评估。学年结束后（通常在暑假）把学校升级到新学年：各班升一个年级，最高年级毕业；新生和重新分班再用名册工作簿导入。</source>
        <translation>Each school year has its own classes and class lists; a past term&apos;s self-check uses that year&apos;s classes. When a year ends (usually in the summer holiday), move the school up to the new year: every class moves up a grade and the top grade graduates; new students and any reshuffle then come from a roster workbook.</translation>
    </message>
    <message>
        <source>升级到新学年…</source>
        <translation>Move up to the new school year…</translation>
    </message>
    <message>
        <source>撤销升级</source>
        <translation>Undo the move up</translation>
    </message>
    <message>
        <source>导入新生和分班名册…</source>
        <translation>Import new students and placements…</translation>
    </message>
    <message>
        <source>升级将从{old}到{new}：先预览，确认后才会改动。</source>
        <translation>The move up goes from {old} to {new}: you see a preview first, and nothing changes until you confirm.</translation>
    </message>
    <message>
        <source>没有可以撤销的升级。</source>
        <translation>There is no move up to undo.</translation>
    </message>
    <message>
        <source>{day} {user}把{old}升级到{new}。在新学年写入第一条记录之前可以撤销。</source>
        <translation>On {day} {user} moved {old} up to {new}. This can be undone until the first record of the new year is written.</translation>
    </message>
    <message>
        <source>已升级到{new}：{summary}。请接着导入新生和重新分班的名册工作簿。</source>
        <translation>Moved up to {new}: {summary}. Now import the roster workbook with the new students and any reshuffle.</translation>
    </message>
    <message>
        <source>导入名册…</source>
        <translation>Import roster…</translation>
    </message>
    <message>
        <source>撤销 {day} 的升级？{new}的班级将被删除，学生回到{old}的班级，毕业生恢复为在读。</source>
        <translation>Undo the move up of {day}? The classes of {new} are removed, students go back to their classes of {old}, and graduates are enrolled again.</translation>
    </message>
    <message>
        <source>正在撤销升级…</source>
        <translation>Undoing the move up…</translation>
    </message>
    <message>
        <source>锁定前开始的撤销升级已经完成，学校回到{old}。</source>
        <translation>The undo started before locking is done: the school is back in {old}.</translation>
    </message>
    <message>
        <source>锁定前开始的撤销升级没有完成，数据没有改动：{detail}</source>
        <translation>The undo started before locking did not finish; nothing was changed: {detail}</translation>
    </message>
    <message>
        <source>已撤销升级：删除了{new}的 {classes} 个班，{moved} 名学生回到{old}的班级，{graduates} 名毕业生恢复为在读。</source>
        <translation>Move up undone: {classes} classes of {new} removed, {moved} students back in their classes of {old}, {graduates} graduates enrolled again.</translation>
    </message>
    <message>
        <source>名册工作簿：“班级”表填写各班（学年一列填班级所属学年），“学生”表填写学生，“学年分班”表填写学生在各学年的班级。</source>
        <translation>Roster workbook: the 班级 sheet lists the classes (its 学年 column gives each class&apos;s school year), 学生 the students, and 学年分班 each student&apos;s class in each year.</translation>
    </message>
    <message>
        <source>导入{year}的名册：“班级”表的学年填“{year}”（新生班级），“学生”表填写新生，重新分班的学生填在“学年分班”表。</source>
        <translation>Import the roster of {year}: on the 班级 sheet write {year} as 学年 (the new students&apos; classes), put the new students on 学生, and students who change class on 学年分班.</translation>
    </message>
</context>
<context>
    <name>_HistoryDialog</name>
    <message>
        <source>（不填）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>转介状态</source>
        <translation>Referral state</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>机构</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>_WorkDialog</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>pdf_preview</name>
    <message>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
</context>
</TS>
