FROM debian:12-slim
ADD git@github.com:example/repo.git /src
USER 10001
