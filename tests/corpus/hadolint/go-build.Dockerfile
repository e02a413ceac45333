FROM golang:1.23
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app
USER 10001
