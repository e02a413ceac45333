# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
WORKDIR C:\app
RUN powershell -Command `
    Invoke-WebRequest -Uri https://example.com/app.zip -OutFile app.zip
