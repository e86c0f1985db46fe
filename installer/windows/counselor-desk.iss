; Inno Setup 6 script for Counselor Desk (心理辅导工作台). Run by installer\build.ps1:
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\counselor-desk /Odist installer\windows\counselor-desk.iss
;
; Per-user install by default (a teacher on a school PC rarely has administrator rights); the
; school's data lives in the user's data folder and is never touched by install or uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\counselor-desk"
#endif

[Setup]
AppId={{6B0C2D6E-4C5B-4E0F-9A43-6F1D2C7E9A10}
AppName=心理辅导工作台
AppVerName=心理辅导工作台 {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Counselor Desk
DefaultDirName={autopf}\CounselorDesk
DefaultGroupName=心理辅导工作台
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=counselor-desk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\counselor-desk.ico
UninstallDisplayIcon={app}\counselor-desk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
DisableProgramGroupPage=yes
ShowLanguageDialog=no

[Languages]
; ChineseSimplified.isl ships with Inno Setup 6.3+ (earlier: copy it from the unofficial languages).
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\心理辅导工作台"; Filename: "{app}\counselor-desk.exe"
Name: "{autodesktop}\心理辅导工作台"; Filename: "{app}\counselor-desk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\counselor-desk.exe"; Description: "{cm:LaunchProgram,心理辅导工作台}"; Flags: nowait postinstall skipifsilent

