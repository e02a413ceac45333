FROM golang:1.23
WORKDIR /src
COPY . .
RUN go install ./cmd/app
USER 10001
