# Build Counselor Desk for Windows: translations, the PyInstaller folder, then the Inno Setup
# installer (if Inno Setup 6 is installed).
#
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1 [-OutDir dist]
#
# Needs: pip install -e ".[build]" (PyInstaller); Inno Setup 6 (iscc.exe) for the setup program.
param([string]$OutDir = "dist")
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$Out = [System.IO.Path]::GetFullPath($OutDir)
$Work = Join-Path ([System.IO.Path]::GetTempPath()) ("counselor-build-" + [guid]::NewGuid())
$Version = (python -c "import counselor_app; print(counselor_app.__version__)").Trim()

Write-Host "== translations"
python -m counselor_app.ui.translations build
if ($LASTEXITCODE -ne 0) { throw "translations failed" }

Write-Host "== pyinstaller (work folder $Work)"
$watch = [System.Diagnostics.Stopwatch]::StartNew()
pyinstaller --noconfirm --clean --log-level WARN --distpath $Out --workpath $Work counselor-app.spec
if ($LASTEXITCODE -ne 0) { throw "pyinstaller failed" }
Write-Host ("   built in {0:N0} s" -f $watch.Elapsed.TotalSeconds)

Write-Host "== smoke test"
$env:QT_QPA_PLATFORM = "offscreen"
& "$Out\counselor-desk\counselor-app.exe" --version
if ($LASTEXITCODE -ne 0) { throw "the built counselor-app does not start" }
Remove-Item Env:QT_QPA_PLATFORM

Write-Host "== installer"
$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
if (-not $iscc) {
    $default = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
    if (Test-Path $default) { $iscc = Get-Item $default }
}
if ($iscc) {
    & $iscc.Source /Qp "/DAppVersion=$Version" "/DSourceDir=$Out\counselor-desk" "/O$Out" `
        installer\windows\counselor-desk.iss
    if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
} else {
    Write-Warning "Inno Setup 6 not found: the folder $Out\counselor-desk is built, no setup.exe"
}
