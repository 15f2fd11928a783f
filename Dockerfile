# The Dispatcher server. Build from the repository root: docker build -t dispatcher .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Dispatcher.Server/Dispatcher.Server.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_ENVIRONMENT=Production \
    Kestrel__Endpoints__Http__Url=http://0.0.0.0:8080 \
    Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:8081
EXPOSE 8080 8081
USER app
ENTRYPOINT ["dotnet", "Dispatcher.Server.dll"]
