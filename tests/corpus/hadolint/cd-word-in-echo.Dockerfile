FROM golang:1.23
WORKDIR /src
RUN echo "cd into /src" && go build ./...
USER 10001
