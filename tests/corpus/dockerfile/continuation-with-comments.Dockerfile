FROM debian:12
RUN apt-get update \
# a comment inside
    && apt-get install -y curl \
    # indented comment
    && true
