# syntax=docker/dockerfile:1
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/StudyHub.Markdown/StudyHub.Markdown.csproj src/StudyHub.Markdown/
COPY src/StudyHub.Web/StudyHub.Web.csproj src/StudyHub.Web/
RUN dotnet restore src/StudyHub.Web/StudyHub.Web.csproj
COPY src/ src/
RUN dotnet publish src/StudyHub.Web/StudyHub.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl git openssh-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY samples/cs224n ./samples/cs224n
ENV ASPNETCORE_URLS=http://+:8080 \
    Import__SampleVault=/app/samples/cs224n
# The image's unprivileged user; nothing in /app is writable by it.
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD curl --fail --silent http://localhost:8080/readyz || exit 1
ENTRYPOINT ["dotnet", "StudyHub.Web.dll"]
