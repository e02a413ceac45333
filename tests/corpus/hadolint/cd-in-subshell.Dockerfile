FROM golang:1.23
WORKDIR /src
RUN (cd tools && go build ./...) && go build ./...
USER 10001
