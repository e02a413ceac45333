FROM alpine:3.20
RUN cat <<< "x"
USER 1000
