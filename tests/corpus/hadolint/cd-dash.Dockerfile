FROM golang:1.23
WORKDIR /src
RUN git clone https://github.com/example/repo.git && cd repo && make && cd - && rm -rf repo
USER 10001
