FROM debian:12-slim
ADD https://github.com/example/repo.git#v1.0.0 /src
USER 10001
